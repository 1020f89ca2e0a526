//! Code generation only: calls of `ecs-model`'s public builder API, absolute paths, wrapped in
//! `const _: () = { … };`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::ast::{Container, FieldKind, HealthCommand, Launch, Task, TaskVolume};

fn opt<T>(value: Option<T>, f: impl FnOnce(T) -> TokenStream) -> TokenStream {
    value.map(f).unwrap_or_default()
}

fn variant(ty: &str, variant: &str) -> TokenStream {
    let ty = format_ident!("{ty}");
    let variant = format_ident!("{variant}");
    quote!(::ecs_model::__private::#ty::#variant)
}

fn i32_lit(value: i64) -> TokenStream {
    let value = i32::try_from(value).unwrap_or(i32::MAX);
    quote!(#value)
}

/// The builder calls of the attributes that do not depend on a value of the struct.
fn container_base(c: &Container) -> TokenStream {
    let name = &c.name;
    let image = &c.image;
    let cpu = opt(c.cpu, |v| {
        let v = i32_lit(v);
        quote!(.cpu(#v))
    });
    let memory = opt(c.memory, |v| {
        let v = i32_lit(v);
        quote!(.memory(#v))
    });
    let reservation = opt(c.memory_reservation, |v| {
        let v = i32_lit(v);
        quote!(.memory_reservation(#v))
    });
    let ports = c.ports.iter().map(|p| {
        let protocol = variant(
            "TransportProtocol",
            match p.protocol {
                Some("udp") => "Udp",
                _ => "Tcp",
            },
        );
        let mut mapping = match (&p.range, p.container_port) {
            (Some(range), _) => {
                let (start, end) = range.split_once('-').unwrap_or_default();
                let start: i32 = start.trim().parse().unwrap_or_default();
                let end: i32 = end.trim().parse().unwrap_or_default();
                quote!(::ecs_model::__private::PortMapping::range(#start, #end, #protocol))
            }
            (None, port) => {
                let port = i32_lit(port.unwrap_or_default());
                if p.protocol == Some("udp") {
                    quote!(::ecs_model::__private::PortMapping::udp(#port))
                } else {
                    quote!(::ecs_model::__private::PortMapping::tcp(#port))
                }
            }
        };
        if let Some(host) = p.host_port {
            let host = i32_lit(host);
            mapping = quote!(#mapping.host_port(#host));
        }
        if let Some(name) = &p.name {
            mapping = quote!(#mapping.named(#name));
        }
        if let Some(app) = p.app_protocol {
            let app = variant(
                "ApplicationProtocol",
                crate::rules::variant(crate::rules::APP_PROTOCOLS, app).unwrap_or("Http"),
            );
            mapping = quote!(#mapping.app_protocol(#app));
        }
        quote!(.port(#mapping))
    });
    let essential = opt(c.essential, |v| quote!(.essential(#v)));
    let command = opt(c.command.as_ref(), |argv| quote!(.command([#(#argv),*])));
    let entry_point = opt(
        c.entry_point.as_ref(),
        |argv| quote!(.entry_point([#(#argv),*])),
    );
    let working_directory = opt(
        c.working_directory.as_ref(),
        |v| quote!(.working_directory(#v)),
    );
    let user = opt(c.user.as_ref(), |v| quote!(.user(#v)));
    let readonly = opt(
        c.readonly_root_filesystem,
        |v| quote!(.readonly_root_filesystem(#v)),
    );
    let init = opt(
        c.init_process_enabled,
        |v| quote!(.init_process_enabled(#v)),
    );
    let stop = opt(c.stop_timeout, |v| {
        let v = i32_lit(v);
        quote!(.stop_timeout(#v))
    });
    let start = opt(c.start_timeout, |v| {
        let v = i32_lit(v);
        quote!(.start_timeout(#v))
    });
    let ulimits = c.ulimits.iter().map(|(name, soft, hard)| {
        let name = variant(
            "UlimitName",
            crate::rules::variant(crate::rules::ULIMIT_NAMES, name).unwrap_or("Nofile"),
        );
        let (soft, hard) = (i32_lit(*soft), i32_lit(*hard));
        quote!(.ulimit(::ecs_model::__private::Ulimit::new(#name, #soft, #hard)))
    });
    let mounts = c.mounts.iter().map(|(volume, path, read_only)| {
        let read_only = if *read_only {
            quote!(.read_only())
        } else {
            quote!()
        };
        quote!(.mount_point(::ecs_model::__private::MountPoint::new(#volume, #path)#read_only))
    });
    let depends = c.depends_on.iter().map(|(container, condition)| {
        let condition = variant("ContainerCondition", condition);
        quote!(.depends_on(#container, #condition))
    });
    let labels = c
        .docker_labels
        .iter()
        .map(|(k, v)| quote!(.docker_label(#k, #v)));
    let env = c.env.iter().map(|(k, v)| quote!(.env(#k, #v)));
    let health = opt(c.health_check.as_ref(), |h| {
        let mut check = match &h.command {
            HealthCommand::Shell(command) => {
                quote!(::ecs_model::__private::HealthCheck::shell(#command))
            }
            HealthCommand::Exec(argv) => {
                quote!(::ecs_model::__private::HealthCheck::exec([#(#argv),*]))
            }
        };
        for (method, value) in [
            ("interval", h.interval),
            ("timeout", h.timeout),
            ("retries", h.retries),
            ("start_period", h.start_period),
        ] {
            if let Some(value) = value {
                let method = format_ident!("{method}");
                let value = i32_lit(value);
                check = quote!(#check.#method(#value));
            }
        }
        quote!(.health_check(#check))
    });
    let log = opt(c.log.as_ref(), |l| {
        let driver = variant(
            "LogDriver",
            crate::rules::variant(crate::rules::LOG_DRIVERS, l.driver).unwrap_or("Awslogs"),
        );
        let options = l.options.iter().map(|(k, v)| quote!(.option(#k, #v)));
        let secrets = l
            .secret_options
            .iter()
            .map(|(k, v)| quote!(.secret_option(#k, #v)));
        quote!(.log_configuration(::ecs_model::__private::LogConfiguration::new(#driver)#(#options)*#(#secrets)*))
    });
    let firelens = opt(c.firelens.as_ref(), |(kind, options)| {
        let kind = variant(
            "FirelensConfigurationType",
            crate::rules::variant(crate::rules::FIRELENS_TYPES, kind).unwrap_or("Fluentbit"),
        );
        let options = options.iter().map(|(k, v)| quote!(.option(#k, #v)));
        quote!(.firelens_configuration(::ecs_model::__private::FirelensConfiguration::new(#kind)#(#options)*))
    });
    let gpus = opt(c.gpus, |n| {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        quote!(.gpus(#n))
    });
    let calls = c
        .calls
        .iter()
        .map(|tokens| quote_spanned!(tokens.span()=> .#tokens));
    let withs = c
        .with
        .iter()
        .map(|path| quote_spanned!(path.span()=> let __ecs_builder = #path(__ecs_builder);));
    quote! {
        let __ecs_builder = ::ecs_model::__private::ContainerDefinition::builder(#name, #image)
            #cpu #memory #reservation #(#ports)* #essential #command #entry_point #working_directory
            #user #readonly #init #stop #start #(#ulimits)* #(#mounts)* #(#depends)* #(#labels)*
            #(#env)* #health #log #firelens #gpus #(#calls)*;
        #(#withs)*
        __ecs_builder
    }
}

pub(crate) fn container(c: &Container) -> TokenStream {
    let ident = &c.ident;
    let (impl_generics, ty_generics, where_clause) = c.generics.split_for_impl();
    let base = container_base(c);

    let mut declared = Vec::new();
    let mut from_value = Vec::new();
    let mut reads = Vec::new();
    let mut builds = Vec::new();
    let mut vars = Vec::new();
    for (i, field) in c.fields.iter().enumerate() {
        let member = &field.ident;
        let local = format_ident!("__ecs_field_{i}");
        let FieldKind::Var {
            name,
            secret,
            default,
            inner,
            optional,
        } = &field.kind
        else {
            builds.push(quote!(#member: ::core::default::Default::default()));
            continue;
        };
        let field_name = field.ident.to_string();
        let field_name = field_name.trim_start_matches("r#");
        let source = match secret {
            Some(value_from) => quote!(::ecs_model::EnvSource::Secret(#value_from)),
            None => quote!(::ecs_model::EnvSource::Env),
        };
        let default_tokens = match default {
            Some(text) => quote!(::core::option::Option::Some(#text)),
            None => quote!(::core::option::Option::None),
        };
        let required = !optional && default.is_none();
        vars.push(quote!(::ecs_model::EnvVar::new(#name, #field_name, #source, #default_tokens, #required)));

        if let Some(value_from) = secret {
            declared.push(quote!(let __ecs_builder = __ecs_builder.secret(#name, #value_from);));
            from_value.push(quote!(let __ecs_builder = __ecs_builder.secret(#name, #value_from);));
        } else {
            if let Some(text) = default {
                declared.push(quote!(let __ecs_builder = __ecs_builder.env(#name, #text);));
            }
            let text = quote_spanned!(field.ty.span()=> ::ecs_model::__private::env_text::<#inner>);
            from_value.push(if *optional {
                quote! {
                    let __ecs_builder = match &self.#member {
                        ::core::option::Option::Some(__ecs_value) => __ecs_builder.env(#name, #text(__ecs_value)),
                        ::core::option::Option::None => __ecs_builder,
                    };
                }
            } else {
                quote!(let __ecs_builder = __ecs_builder.env(#name, #text(&self.#member));)
            });
        }
        reads.push(if *optional {
            quote_spanned!(field.ty.span()=> let #local = __ecs_reader.optional::<#inner>(#name);)
        } else {
            quote_spanned!(field.ty.span()=> let #local = __ecs_reader.required::<#inner>(#name, #default_tokens);)
        });
        builds.push(quote!(#member: #local?));
    }

    quote! {
        #[allow(clippy::all, clippy::pedantic)]
        const _: () = {
            fn __ecs_base() -> ::ecs_model::__private::ContainerDefinitionBuilder {
                #base
            }

            #[automatically_derived]
            impl #impl_generics ::ecs_model::Container for #ident #ty_generics #where_clause {
                fn container() -> ::ecs_model::__private::ContainerDefinitionBuilder {
                    let __ecs_builder = __ecs_base();
                    #(#declared)*
                    __ecs_builder
                }

                fn to_container(&self) -> ::ecs_model::__private::ContainerDefinitionBuilder {
                    let __ecs_builder = __ecs_base();
                    #(#from_value)*
                    __ecs_builder
                }

                fn env_vars() -> &'static [::ecs_model::EnvVar] {
                    const __ECS_VARS: &[::ecs_model::EnvVar] = &[#(#vars),*];
                    __ECS_VARS
                }

                fn from_lookup(
                    __ecs_lookup: &mut dyn ::core::ops::FnMut(&str) -> ::core::option::Option<::ecs_model::__private::Os>,
                ) -> ::core::result::Result<Self, ::ecs_model::EnvError> {
                    let mut __ecs_reader = ::ecs_model::__private::Reader::new(__ecs_lookup);
                    #(#reads)*
                    __ecs_reader.build(|| ::core::option::Option::Some(Self { #(#builds),* }))
                }
            }
        };
    }
}

pub(crate) fn task(t: &Task) -> TokenStream {
    let ident = &t.ident;
    let (impl_generics, ty_generics, where_clause) = t.generics.split_for_impl();
    let family = &t.family;
    let start = match &t.launch {
        Launch::Fargate { cpu, memory } => {
            let (cpu, memory) = (cpu.to_string(), memory.to_string());
            quote!(::ecs_model::__private::TaskDefinition::fargate(#family, #cpu, #memory))
        }
        Launch::Ec2 { cpu, memory } | Launch::ManagedInstances { cpu, memory } => {
            let entry = if matches!(t.launch, Launch::Ec2 { .. }) {
                quote!(ec2_bridge)
            } else {
                quote!(managed_instances)
            };
            let cpu = opt(*cpu, |c| {
                let c = c.to_string();
                quote!(.cpu(#c))
            });
            let memory = opt(*memory, |m| {
                let m = m.to_string();
                quote!(.memory(#m))
            });
            quote!(::ecs_model::__private::TaskDefinition::#entry(#family) #cpu #memory)
        }
    };
    let network = opt(t.network_mode, |m| {
        let m = variant(
            "NetworkMode",
            crate::rules::variant(crate::rules::NETWORK_MODES, m).unwrap_or("Awsvpc"),
        );
        quote!(.network_mode(#m))
    });
    let execution = opt(
        t.execution_role_arn.as_ref(),
        |arn| quote!(.execution_role_arn(#arn)),
    );
    let task_role = opt(t.task_role_arn.as_ref(), |arn| quote!(.task_role_arn(#arn)));
    let platform = opt(t.runtime_platform, |(os, arch)| {
        let os = variant("OsFamily", os);
        let arch = variant("CpuArchitecture", arch);
        quote!(.runtime_platform(::ecs_model::__private::RuntimePlatform::new(#os, #arch)))
    });
    let volumes = t.volumes.iter().map(|v| match v {
        TaskVolume::Scratch(name) => quote!(.volume(::ecs_model::__private::Volume::scratch(#name))),
        TaskVolume::Host(name, path) => quote!(.volume(::ecs_model::__private::Volume::host(#name, #path))),
        TaskVolume::ConfiguredAtLaunch(name) => quote!(.volume(::ecs_model::__private::Volume::configured_at_launch(#name))),
        TaskVolume::Efs { name, file_system_id, access_point } => {
            let access_point = opt(access_point.as_ref(), |a| quote!(.access_point(#a)));
            quote!(.volume(::ecs_model::__private::Volume::efs(#name, ::ecs_model::__private::EfsVolumeConfiguration::new(#file_system_id)#access_point)))
        }
    });
    let tags = t.tags.iter().map(|(k, v)| quote!(.tag(#k, #v)));
    let storage = opt(t.ephemeral_storage_gib, |g| {
        let g = i32_lit(g);
        quote!(.ephemeral_storage_gib(#g))
    });
    let calls = t
        .calls
        .iter()
        .map(|tokens| quote_spanned!(tokens.span()=> .#tokens));
    let withs = t
        .with
        .iter()
        .map(|path| quote_spanned!(path.span()=> let __ecs_builder = #path(__ecs_builder);));

    let adjust = |tc: &crate::ast::TaskContainer| {
        let essential = opt(tc.essential, |e| quote!(.essential(#e)));
        let depends = tc.depends_on.iter().map(|(container, condition)| {
            let condition = variant("ContainerCondition", condition);
            quote!(.depends_on(#container, #condition))
        });
        quote!(#essential #(#depends)*)
    };
    let declared = t.containers.iter().map(|tc| {
        let ty = &tc.ty;
        let adjust = adjust(tc);
        let container = quote_spanned!(ty.span()=> <#ty as ::ecs_model::Container>::container());
        quote!(.container(#container #adjust))
    });
    let from_value = t.containers.iter().map(|tc| {
        let member = &tc.ident;
        let ty = &tc.ty;
        let adjust = adjust(tc);
        let container = quote_spanned!(ty.span()=> <#ty as ::ecs_model::Container>::to_container(&self.#member));
        quote!(.container(#container #adjust))
    });

    quote! {
        #[allow(clippy::all, clippy::pedantic)]
        const _: () = {
            fn __ecs_base() -> ::ecs_model::__private::TaskDefinitionBuilder {
                let __ecs_builder = #start #network #execution #task_role #platform #(#volumes)* #(#tags)* #storage #(#calls)*;
                #(#withs)*
                __ecs_builder
            }

            #[automatically_derived]
            impl #impl_generics ::ecs_model::Task for #ident #ty_generics #where_clause {
                fn task_definition() -> ::ecs_model::__private::TaskDefinitionBuilder {
                    __ecs_base() #(#declared)*
                }

                fn to_task_definition(&self) -> ::ecs_model::__private::TaskDefinitionBuilder {
                    __ecs_base() #(#from_value)*
                }
            }
        };
    }
}

/// What to emit when the input has errors: the errors, and an impl that keeps the user's other
/// code free of a second wave of "trait not implemented" errors.
pub(crate) fn container_fallback(input: &syn::DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        const _: () = {
            impl #impl_generics ::ecs_model::Container for #ident #ty_generics #where_clause {
                fn container() -> ::ecs_model::__private::ContainerDefinitionBuilder { ::core::panic!("#[derive(Container)] failed") }
                fn to_container(&self) -> ::ecs_model::__private::ContainerDefinitionBuilder { ::core::panic!("#[derive(Container)] failed") }
                fn env_vars() -> &'static [::ecs_model::EnvVar] { &[] }
                fn from_lookup(_: &mut dyn ::core::ops::FnMut(&str) -> ::core::option::Option<::ecs_model::__private::Os>) -> ::core::result::Result<Self, ::ecs_model::EnvError> { ::core::panic!("#[derive(Container)] failed") }
            }
        };
    }
}

/// The fallback of `#[derive(TaskDefinition)]`.
pub(crate) fn task_fallback(input: &syn::DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        const _: () = {
            impl #impl_generics ::ecs_model::Task for #ident #ty_generics #where_clause {
                fn task_definition() -> ::ecs_model::__private::TaskDefinitionBuilder { ::core::panic!("#[derive(TaskDefinition)] failed") }
                fn to_task_definition(&self) -> ::ecs_model::__private::TaskDefinitionBuilder { ::core::panic!("#[derive(TaskDefinition)] failed") }
            }
        };
    }
}
