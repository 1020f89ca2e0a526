#[allow(clippy::all, clippy::pedantic)]
const _: () = {
    fn __ecs_base() -> ::ecs_model::__private::ContainerDefinitionBuilder {
        let __ecs_builder = ::ecs_model::__private::ContainerDefinition::builder(
                "log_router",
                "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
            )
            .memory_reservation(50i32)
            .port(::ecs_model::__private::PortMapping::tcp(2020i32))
            .ulimit(
                ::ecs_model::__private::Ulimit::new(
                    const {
                        ::core::option::Option::expect(
                            ::ecs_model::__private::UlimitName::from_api("nofile"),
                            "a value of the API enum",
                        )
                    },
                    65535i32,
                    65535i32,
                ),
            )
            .log_configuration(
                ::ecs_model::__private::LogConfiguration::new(
                        ::ecs_model::__private::LogDriver::named("awslogs"),
                    )
                    .option("awslogs-group", "/ecs/firelens")
                    .option("awslogs-region", "us-east-1"),
            )
            .firelens_configuration(
                ::ecs_model::__private::FirelensConfiguration::new(const {
                        ::core::option::Option::expect(
                            ::ecs_model::__private::FirelensConfigurationType::from_api(
                                "fluentbit",
                            ),
                            "a value of the API enum",
                        )
                    })
                    .option("enable-ecs-log-metadata", "true"),
            )
            .privileged(false);
        __ecs_builder
    }
    #[automatically_derived]
    impl ::ecs_model::Container for LogRouter {
        fn container() -> ::ecs_model::__private::ContainerDefinitionBuilder {
            let __ecs_builder = __ecs_base();
            __ecs_builder
        }
        fn to_container(&self) -> ::ecs_model::__private::ContainerDefinitionBuilder {
            let __ecs_builder = __ecs_base();
            __ecs_builder
        }
        fn env_vars() -> &'static [::ecs_model::EnvVar] {
            const __ECS_VARS: &[::ecs_model::EnvVar] = &[];
            __ECS_VARS
        }
        fn from_lookup(
            __ecs_lookup: &mut dyn ::core::ops::FnMut(
                &::core::primitive::str,
            ) -> ::core::option::Option<::ecs_model::__private::Os>,
        ) -> ::core::result::Result<Self, ::ecs_model::EnvError> {
            let mut __ecs_reader = ::ecs_model::__private::Reader::new(__ecs_lookup);
            __ecs_reader.build(|| ::core::option::Option::Some(Self {}))
        }
    }
};
