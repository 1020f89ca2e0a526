#[allow(clippy::all, clippy::pedantic)]
const _: () = {
    fn __ecs_base() -> ::ecs_model::__private::TaskDefinitionBuilder {
        let __ecs_builder = ::ecs_model::__private::TaskDefinition::fargate(
                "pet-web-task",
                "512",
                "1024",
            )
            .execution_role_arn("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
            .runtime_platform(
                ::ecs_model::__private::RuntimePlatform::new(
                    const {
                        ::core::option::Option::expect(
                            ::ecs_model::__private::OsFamily::from_api("LINUX"),
                            "a value of the API enum",
                        )
                    },
                    const {
                        ::core::option::Option::expect(
                            ::ecs_model::__private::CpuArchitecture::from_api("X86_64"),
                            "a value of the API enum",
                        )
                    },
                ),
            )
            .volume(
                ::ecs_model::__private::Volume::efs(
                    "shared",
                    ::ecs_model::__private::EfsVolumeConfiguration::new("fs-12345678")
                        .access_point("fsap-0123"),
                ),
            )
            .tag("team", "web");
        __ecs_builder
    }
    #[automatically_derived]
    impl ::ecs_model::Task for PetWebTask {
        fn task() -> ::ecs_model::__private::TaskDefinitionBuilder {
            __ecs_base()
                .container(
                    <PetWeb as ::ecs_model::Container>::container()
                        .depends_on(
                            "log_router",
                            const {
                                ::core::option::Option::expect(
                                    ::ecs_model::__private::ContainerCondition::from_api(
                                        "START",
                                    ),
                                    "a value of the API enum",
                                )
                            },
                        ),
                )
                .container(
                    <LogRouter as ::ecs_model::Container>::container().essential(false),
                )
        }
        fn to_task(&self) -> ::ecs_model::__private::TaskDefinitionBuilder {
            __ecs_base()
                .container(
                    <PetWeb as ::ecs_model::Container>::to_container(&self.web)
                        .depends_on(
                            "log_router",
                            const {
                                ::core::option::Option::expect(
                                    ::ecs_model::__private::ContainerCondition::from_api(
                                        "START",
                                    ),
                                    "a value of the API enum",
                                )
                            },
                        ),
                )
                .container(
                    <LogRouter as ::ecs_model::Container>::to_container(&self.log_router)
                        .essential(false),
                )
        }
    }
};
