//! Code generation only: calls of `ecs-model`'s public builder API, absolute paths, wrapped in
//! `const _: () = { … };`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::ast::{
    Container, Field, FieldKind, Hatches, HealthCheck, HealthCommand, Launch, Log, Port, Process,
    Resources, Task, TaskContainer, TaskVolume, Wiring,
};

/// `.method(value)` when the value is set.
fn call<T>(value: Option<T>, f: impl FnOnce(T) -> TokenStream) -> TokenStream {
    value.map(f).unwrap_or_default()
}

/// The value of API enum `ty` that the API spells `api` (one the attribute checks accepted),
/// looked up when the user's crate compiles: a value `ty` lacks is a compile error there, never a
/// panic at run time.
fn api_value(ty: &str, api: &str) -> TokenStream {
    let ty = format_ident!("{ty}");
    quote!(const {
        ::core::option::Option::expect(
            ::ecs_model::__private::#ty::from_api(#api),
            "a value of the API enum",
        )
    })
}

/// An `i32` literal of a value the attribute checks bounded.
fn int(value: i64) -> TokenStream {
    let value = i32::try_from(value).unwrap_or(i32::MAX);
    quote!(#value)
}

fn resources(r: &Resources) -> TokenStream {
    let cpu = call(r.cpu, |v| {
        let v = int(v);
        quote!(.cpu(#v))
    });
    let memory = call(r.memory, |v| {
        let v = int(v);
        quote!(.memory(#v))
    });
    let reservation = call(r.memory_reservation, |v| {
        let v = int(v);
        quote!(.memory_reservation(#v))
    });
    let gpus = call(r.gpus, |n| {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        quote!(.gpus(#n))
    });
    quote!(#cpu #memory #reservation #gpus)
}

fn port(p: &Port) -> TokenStream {
    let udp = p.protocol == Some("udp");
    let mut mapping = if let Some((start, end)) = p.range {
        let (start, end) = (int(start), int(end));
        let protocol = api_value("TransportProtocol", p.protocol.unwrap_or("tcp"));
        quote!(::ecs_model::__private::PortMapping::range(#start, #end, #protocol))
    } else {
        let number = int(p.number.unwrap_or_default());
        let constructor = if udp { quote!(udp) } else { quote!(tcp) };
        quote!(::ecs_model::__private::PortMapping::#constructor(#number))
    };
    if let Some(host) = p.host {
        let host = int(host);
        mapping = quote!(#mapping.host_port(#host));
    }
    if let Some(name) = &p.name {
        mapping = quote!(#mapping.named(#name));
    }
    if let Some(app) = p.app_protocol {
        let app = api_value("ApplicationProtocol", app);
        mapping = quote!(#mapping.app_protocol(#app));
    }
    quote!(.port(#mapping))
}

fn process(p: &Process) -> TokenStream {
    let essential = call(p.essential, |v| quote!(.essential(#v)));
    let command = call(p.command.as_ref(), |argv| quote!(.command([#(#argv),*])));
    let entry_point = call(
        p.entry_point.as_ref(),
        |argv| quote!(.entry_point([#(#argv),*])),
    );
    let working_directory = call(
        p.working_directory.as_ref(),
        |v| quote!(.working_directory(#v)),
    );
    let user = call(p.user.as_ref(), |v| quote!(.user(#v)));
    let readonly = call(
        p.readonly_root_filesystem,
        |v| quote!(.readonly_root_filesystem(#v)),
    );
    let init = call(
        p.init_process_enabled,
        |v| quote!(.init_process_enabled(#v)),
    );
    let stop = call(p.stop_timeout, |v| {
        let v = int(v);
        quote!(.stop_timeout(#v))
    });
    let start = call(p.start_timeout, |v| {
        let v = int(v);
        quote!(.start_timeout(#v))
    });
    let ulimits = p.ulimits.iter().map(|(name, soft, hard)| {
        let name = api_value("UlimitName", name);
        let (soft, hard) = (int(*soft), int(*hard));
        quote!(.ulimit(::ecs_model::__private::Ulimit::new(#name, #soft, #hard)))
    });
    quote!(#essential #command #entry_point #working_directory #user #readonly #init #stop #start #(#ulimits)*)
}

fn depends_on(depends: &[(String, &'static str)]) -> TokenStream {
    let calls = depends.iter().map(|(container, condition)| {
        let condition = api_value("ContainerCondition", condition);
        quote!(.depends_on(#container, #condition))
    });
    quote!(#(#calls)*)
}

fn wiring(w: &Wiring) -> TokenStream {
    let mounts = w.mounts.iter().map(|(volume, path, read_only)| {
        let read_only = if *read_only {
            quote!(.read_only())
        } else {
            quote!()
        };
        quote!(.mount_point(::ecs_model::__private::MountPoint::new(#volume, #path)#read_only))
    });
    let depends = depends_on(&w.depends_on);
    let labels = w
        .docker_labels
        .iter()
        .map(|(k, v)| quote!(.docker_label(#k, #v)));
    let env = w.env.iter().map(|(k, v)| quote!(.env(#k, #v)));
    quote!(#(#mounts)* #depends #(#labels)* #(#env)*)
}

fn health_check(h: &HealthCheck) -> TokenStream {
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
            let value = int(value);
            check = quote!(#check.#method(#value));
        }
    }
    quote!(.health_check(#check))
}

fn log(l: &Log) -> TokenStream {
    let driver = l.driver;
    let driver = quote!(::ecs_model::__private::LogDriver::named(#driver));
    let options = l.options.iter().map(|(k, v)| quote!(.option(#k, #v)));
    let secrets = l
        .secret_options
        .iter()
        .map(|(k, v)| quote!(.secret_option(#k, #v)));
    quote!(.log_configuration(::ecs_model::__private::LogConfiguration::new(#driver)#(#options)*#(#secrets)*))
}

fn firelens(kind: &str, options: &[(String, String)]) -> TokenStream {
    let kind = api_value("FirelensConfigurationType", kind);
    let options = options.iter().map(|(k, v)| quote!(.option(#k, #v)));
    quote!(.firelens_configuration(::ecs_model::__private::FirelensConfiguration::new(#kind)#(#options)*))
}

/// `.method(args)` for each `call(…)`; then `let __ecs_builder = f(__ecs_builder);` per `with`.
fn hatches(h: &Hatches) -> (TokenStream, TokenStream) {
    let calls = h
        .calls
        .iter()
        .map(|tokens| quote_spanned!(tokens.span()=> .#tokens));
    let withs = h
        .with
        .iter()
        .map(|path| quote_spanned!(path.span()=> let __ecs_builder = #path(__ecs_builder);));
    (quote!(#(#calls)*), quote!(#(#withs)*))
}

/// The builder of the attributes that do not depend on a value of the struct.
fn container_base(c: &Container) -> TokenStream {
    let (name, image) = (&c.name, &c.image);
    let resources = resources(&c.resources);
    let ports = c.ports.iter().map(port);
    let process = process(&c.process);
    let wiring = wiring(&c.wiring);
    let health = call(c.health_check.as_ref(), health_check);
    let log = call(c.log.as_ref(), log);
    let firelens = call(c.firelens.as_ref(), |(kind, options)| {
        firelens(kind, options)
    });
    let (calls, withs) = hatches(&c.hatches);
    quote! {
        let __ecs_builder = ::ecs_model::__private::ContainerDefinition::builder(#name, #image)
            #resources #(#ports)* #process #wiring #health #log #firelens #calls;
        #withs
        __ecs_builder
    }
}

/// What one field contributes to each generated method.
#[derive(Default)]
struct FieldCode {
    /// In `container()`: the default value or the secret reference.
    declared: TokenStream,
    /// In `to_container(&self)`: the value or the secret reference.
    from_value: TokenStream,
    /// In `from_lookup`: reading the variable.
    read: TokenStream,
    /// In `from_lookup`: the field of `Self { … }`.
    build: TokenStream,
    /// In `env_vars()`.
    var: Option<TokenStream>,
}

fn field_code(index: usize, field: &Field) -> FieldCode {
    let member = &field.ident;
    let local = format_ident!("__ecs_field_{index}");
    let FieldKind::Var {
        name,
        secret,
        default,
        inner,
        optional,
        ..
    } = &field.kind
    else {
        return FieldCode {
            build: quote!(#member: ::core::default::Default::default()),
            ..FieldCode::default()
        };
    };
    let field_name = field.ident.to_string();
    let field_name = field_name.trim_start_matches("r#");
    let source = secret.as_ref().map_or_else(
        || quote!(::ecs_model::EnvSource::Env),
        |value_from| quote!(::ecs_model::EnvSource::Secret(#value_from)),
    );
    let default_tokens = default.as_ref().map_or_else(
        || quote!(::core::option::Option::None),
        |text| quote!(::core::option::Option::Some(#text)),
    );
    let required = !optional && default.is_none();
    let (declared, from_value) = if let Some(value_from) = secret {
        let reference = quote!(let __ecs_builder = __ecs_builder.secret(#name, #value_from););
        (reference.clone(), reference)
    } else {
        let declared = call(
            default.as_ref(),
            |text| quote!(let __ecs_builder = __ecs_builder.env(#name, #text);),
        );
        let text = quote_spanned!(field.ty.span()=> ::ecs_model::__private::env_text::<#inner>);
        let from_value = if *optional {
            quote! {
                let __ecs_builder = match &self.#member {
                    ::core::option::Option::Some(__ecs_value) => __ecs_builder.env(#name, #text(__ecs_value)),
                    ::core::option::Option::None => __ecs_builder,
                };
            }
        } else {
            quote!(let __ecs_builder = __ecs_builder.env(#name, #text(&self.#member));)
        };
        (declared, from_value)
    };
    let kind = if secret.is_some() {
        quote!(::ecs_model::__private::Secret::Yes)
    } else {
        quote!(::ecs_model::__private::Secret::No)
    };
    let read = if *optional {
        quote_spanned!(field.ty.span()=> let #local = __ecs_reader.optional::<#inner>(#name, #kind);)
    } else {
        quote_spanned!(field.ty.span()=> let #local = __ecs_reader.required::<#inner>(#name, #default_tokens, #kind);)
    };
    FieldCode {
        declared,
        from_value,
        read,
        build: quote!(#member: #local?),
        var: Some(
            quote!(::ecs_model::EnvVar::new(#name, #field_name, #source, #default_tokens, #required)),
        ),
    }
}

pub(crate) fn container(c: &Container) -> TokenStream {
    let ident = &c.ident;
    // Each variable's type must be readable and writable: one bound per type, spanned on it,
    // so that a wrong type is an error at the field rather than one per use.
    let mut generics = c.generics.clone();
    let bounds = generics.make_where_clause();
    let mut bounded: Vec<String> = Vec::new();
    for field in &c.fields {
        if let FieldKind::Var { inner, .. } = &field.kind {
            let text = quote!(#inner).to_string();
            if !bounded.contains(&text) {
                bounds.predicates.push(syn::parse_quote_spanned!(inner.span()=> #inner: ::ecs_model::__private::EnvValue));
                bounded.push(text);
            }
        }
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let base = container_base(c);
    let code: Vec<FieldCode> = c
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| field_code(i, f))
        .collect();
    let declared = code.iter().map(|f| &f.declared);
    let from_value = code.iter().map(|f| &f.from_value);
    let reads = code.iter().map(|f| &f.read);
    let builds = code.iter().map(|f| &f.build);
    let vars = code.iter().filter_map(|f| f.var.as_ref());
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
                    __ecs_lookup: &mut dyn ::core::ops::FnMut(&::core::primitive::str) -> ::core::option::Option<::ecs_model::__private::Os>,
                ) -> ::core::result::Result<Self, ::ecs_model::EnvError> {
                    let mut __ecs_reader = ::ecs_model::__private::Reader::new(__ecs_lookup);
                    #(#reads)*
                    __ecs_reader.build(|| ::core::option::Option::Some(Self { #(#builds),* }))
                }
            }
        };
    }
}

fn launch(family: &str, launch: &Launch) -> TokenStream {
    match launch {
        Launch::Fargate { cpu, memory } => {
            let (cpu, memory) = (cpu.to_string(), memory.to_string());
            quote!(::ecs_model::__private::TaskDefinition::fargate(#family, #cpu, #memory))
        }
        Launch::Ec2 { cpu, memory } | Launch::ManagedInstances { cpu, memory } => {
            let entry = if matches!(launch, Launch::Ec2 { .. }) {
                quote!(ec2_bridge)
            } else {
                quote!(managed_instances)
            };
            let cpu = call(*cpu, |c| {
                let c = c.to_string();
                quote!(.cpu(#c))
            });
            let memory = call(*memory, |m| {
                let m = m.to_string();
                quote!(.memory(#m))
            });
            quote!(::ecs_model::__private::TaskDefinition::#entry(#family) #cpu #memory)
        }
    }
}

fn volume(v: &TaskVolume) -> TokenStream {
    let volume = match v {
        TaskVolume::Scratch(name) => quote!(::ecs_model::__private::Volume::scratch(#name)),
        TaskVolume::Host(name, path) => quote!(::ecs_model::__private::Volume::host(#name, #path)),
        TaskVolume::ConfiguredAtLaunch(name) => {
            quote!(::ecs_model::__private::Volume::configured_at_launch(#name))
        }
        TaskVolume::Efs {
            name,
            file_system_id,
            access_point,
        } => {
            let access_point = call(access_point.as_ref(), |a| quote!(.access_point(#a)));
            quote!(::ecs_model::__private::Volume::efs(#name, ::ecs_model::__private::EfsVolumeConfiguration::new(#file_system_id)#access_point))
        }
    };
    quote!(.volume(#volume))
}

/// The builder of the task's own attributes.
fn task_base(t: &Task) -> TokenStream {
    let start = launch(&t.family, &t.launch);
    let network = call(t.network_mode, |m| {
        let m = api_value("NetworkMode", m);
        quote!(.network_mode(#m))
    });
    let execution = call(
        t.execution_role.as_ref(),
        |arn| quote!(.execution_role_arn(#arn)),
    );
    let app_role = call(t.app_role.as_ref(), |arn| quote!(.task_role_arn(#arn)));
    let platform = call(t.runtime_platform, |(os, arch)| {
        let (os, arch) = (
            api_value("OsFamily", os),
            api_value("CpuArchitecture", arch),
        );
        quote!(.runtime_platform(::ecs_model::__private::RuntimePlatform::new(#os, #arch)))
    });
    let volumes = t.volumes.iter().map(volume);
    let tags = t.tags.iter().map(|(k, v)| quote!(.tag(#k, #v)));
    let storage = call(t.ephemeral_storage_gib, |g| {
        let g = int(g);
        quote!(.ephemeral_storage_gib(#g))
    });
    let (calls, withs) = hatches(&t.hatches);
    quote! {
        let __ecs_builder = #start #network #execution #app_role #platform #(#volumes)* #(#tags)* #storage #calls;
        #withs
        __ecs_builder
    }
}

/// `.container(…)` of one field, from its type or from `self`.
fn task_container(tc: &TaskContainer, from_value: bool) -> TokenStream {
    let (member, ty) = (&tc.ident, &tc.ty);
    let essential = call(tc.essential, |e| quote!(.essential(#e)));
    let depends = depends_on(&tc.depends_on);
    let container = if from_value {
        quote_spanned!(ty.span()=> <#ty as ::ecs_model::Container>::to_container(&self.#member))
    } else {
        quote_spanned!(ty.span()=> <#ty as ::ecs_model::Container>::container())
    };
    quote!(.container(#container #essential #depends))
}

pub(crate) fn task(t: &Task) -> TokenStream {
    let ident = &t.ident;
    let (impl_generics, ty_generics, where_clause) = t.generics.split_for_impl();
    let base = task_base(t);
    let declared = t.containers.iter().map(|tc| task_container(tc, false));
    let from_value = t.containers.iter().map(|tc| task_container(tc, true));
    quote! {
        #[allow(clippy::all, clippy::pedantic)]
        const _: () = {
            fn __ecs_base() -> ::ecs_model::__private::TaskDefinitionBuilder {
                #base
            }

            #[automatically_derived]
            impl #impl_generics ::ecs_model::Task for #ident #ty_generics #where_clause {
                fn task() -> ::ecs_model::__private::TaskDefinitionBuilder {
                    __ecs_base() #(#declared)*
                }

                fn to_task(&self) -> ::ecs_model::__private::TaskDefinitionBuilder {
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
                fn from_lookup(_: &mut dyn ::core::ops::FnMut(&::core::primitive::str) -> ::core::option::Option<::ecs_model::__private::Os>) -> ::core::result::Result<Self, ::ecs_model::EnvError> { ::core::panic!("#[derive(Container)] failed") }
            }
        };
    }
}

/// The fallback of `#[derive(Task)]`.
pub(crate) fn task_fallback(input: &syn::DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        const _: () = {
            impl #impl_generics ::ecs_model::Task for #ident #ty_generics #where_clause {
                fn task() -> ::ecs_model::__private::TaskDefinitionBuilder { ::core::panic!("#[derive(Task)] failed") }
                fn to_task(&self) -> ::ecs_model::__private::TaskDefinitionBuilder { ::core::panic!("#[derive(Task)] failed") }
            }
        };
    }
}
