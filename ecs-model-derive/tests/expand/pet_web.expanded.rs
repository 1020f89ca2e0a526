#[allow(clippy::all, clippy::pedantic)]
const _: () = {
    fn __ecs_base() -> ::ecs_model::__private::ContainerDefinitionBuilder {
        let __ecs_builder = ::ecs_model::__private::ContainerDefinition::builder(
                "nextjs-container",
                "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest",
            )
            .cpu(256i32)
            .memory(512i32)
            .port(::ecs_model::__private::PortMapping::tcp(8080i32).named("nextjs-port"))
            .health_check(
                ::ecs_model::__private::HealthCheck::shell(
                        "curl -f http://localhost:8080/api/health || exit 1",
                    )
                    .interval(30i32)
                    .timeout(5i32)
                    .retries(3i32),
            )
            .log_configuration(
                ::ecs_model::__private::LogConfiguration::new(
                        ::ecs_model::__private::LogDriver::named("awslogs"),
                    )
                    .option("awslogs-group", "/ecs/pet-web-task")
                    .option("awslogs-region", "ap-northeast-2")
                    .option("awslogs-stream-prefix", "ecs"),
            );
        __ecs_builder
    }
    #[automatically_derived]
    impl ::ecs_model::Container for PetWeb
    where
        String: ::ecs_model::__private::EnvValue,
        u16: ::ecs_model::__private::EnvValue,
    {
        fn container() -> ::ecs_model::__private::ContainerDefinitionBuilder {
            let __ecs_builder = __ecs_base();
            let __ecs_builder = __ecs_builder.env("NODE_ENV", "production");
            let __ecs_builder = __ecs_builder.env("PORT", "8080");
            let __ecs_builder = __ecs_builder.env("HOSTNAME", "0.0.0.0");
            let __ecs_builder = __ecs_builder
                .secret(
                    "DATABASE_PASSWORD",
                    "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf:password::",
                );
            __ecs_builder
        }
        fn to_container(&self) -> ::ecs_model::__private::ContainerDefinitionBuilder {
            let __ecs_builder = __ecs_base();
            let __ecs_builder = __ecs_builder
                .env(
                    "NODE_ENV",
                    ::ecs_model::__private::env_text::<String>(&self.node_env),
                );
            let __ecs_builder = __ecs_builder
                .env("PORT", ::ecs_model::__private::env_text::<u16>(&self.port));
            let __ecs_builder = __ecs_builder
                .env(
                    "HOSTNAME",
                    ::ecs_model::__private::env_text::<String>(&self.hostname),
                );
            let __ecs_builder = __ecs_builder
                .secret(
                    "DATABASE_PASSWORD",
                    "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf:password::",
                );
            let __ecs_builder = match &self.sentry_dsn {
                ::core::option::Option::Some(__ecs_value) => {
                    __ecs_builder
                        .env(
                            "SENTRY_DSN",
                            ::ecs_model::__private::env_text::<String>(__ecs_value),
                        )
                }
                ::core::option::Option::None => __ecs_builder,
            };
            __ecs_builder
        }
        fn env_vars() -> &'static [::ecs_model::EnvVar] {
            const __ECS_VARS: &[::ecs_model::EnvVar] = &[
                ::ecs_model::EnvVar::new(
                    "NODE_ENV",
                    "node_env",
                    ::ecs_model::EnvSource::Env,
                    ::core::option::Option::Some("production"),
                    false,
                ),
                ::ecs_model::EnvVar::new(
                    "PORT",
                    "port",
                    ::ecs_model::EnvSource::Env,
                    ::core::option::Option::Some("8080"),
                    false,
                ),
                ::ecs_model::EnvVar::new(
                    "HOSTNAME",
                    "hostname",
                    ::ecs_model::EnvSource::Env,
                    ::core::option::Option::Some("0.0.0.0"),
                    false,
                ),
                ::ecs_model::EnvVar::new(
                    "DATABASE_PASSWORD",
                    "database_password",
                    ::ecs_model::EnvSource::Secret(
                        "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:pet-web/db-AbCdEf:password::",
                    ),
                    ::core::option::Option::None,
                    true,
                ),
                ::ecs_model::EnvVar::new(
                    "SENTRY_DSN",
                    "sentry_dsn",
                    ::ecs_model::EnvSource::Env,
                    ::core::option::Option::None,
                    false,
                ),
            ];
            __ECS_VARS
        }
        fn from_lookup(
            __ecs_lookup: &mut dyn ::core::ops::FnMut(
                &::core::primitive::str,
            ) -> ::core::option::Option<::ecs_model::__private::Os>,
        ) -> ::core::result::Result<Self, ::ecs_model::EnvError> {
            let mut __ecs_reader = ::ecs_model::__private::Reader::new(__ecs_lookup);
            let __ecs_field_0 = __ecs_reader
                .required::<
                    String,
                >(
                    "NODE_ENV",
                    ::core::option::Option::Some("production"),
                    ::ecs_model::__private::Secret::No,
                );
            let __ecs_field_1 = __ecs_reader
                .required::<
                    u16,
                >(
                    "PORT",
                    ::core::option::Option::Some("8080"),
                    ::ecs_model::__private::Secret::No,
                );
            let __ecs_field_2 = __ecs_reader
                .required::<
                    String,
                >(
                    "HOSTNAME",
                    ::core::option::Option::Some("0.0.0.0"),
                    ::ecs_model::__private::Secret::No,
                );
            let __ecs_field_3 = __ecs_reader
                .required::<
                    String,
                >(
                    "DATABASE_PASSWORD",
                    ::core::option::Option::None,
                    ::ecs_model::__private::Secret::Yes,
                );
            let __ecs_field_4 = __ecs_reader
                .optional::<String>("SENTRY_DSN", ::ecs_model::__private::Secret::No);
            __ecs_reader
                .build(|| ::core::option::Option::Some(Self {
                    node_env: __ecs_field_0?,
                    port: __ecs_field_1?,
                    hostname: __ecs_field_2?,
                    database_password: __ecs_field_3?,
                    sentry_dsn: __ecs_field_4?,
                    cache: ::core::default::Default::default(),
                }))
        }
    }
};
