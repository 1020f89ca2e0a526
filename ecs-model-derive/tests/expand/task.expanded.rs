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
                    ::ecs_model::__private::OsFamily::Linux,
                    ::ecs_model::__private::CpuArchitecture::X86_64,
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
        fn task_definition() -> ::ecs_model::__private::TaskDefinitionBuilder {
            __ecs_base()
                .container(
                    <PetWeb as ::ecs_model::Container>::container()
                        .depends_on(
                            "log_router",
                            ::ecs_model::__private::ContainerCondition::Start,
                        ),
                )
                .container(
                    <LogRouter as ::ecs_model::Container>::container().essential(false),
                )
        }
        fn to_task_definition(&self) -> ::ecs_model::__private::TaskDefinitionBuilder {
            __ecs_base()
                .container(
                    <PetWeb as ::ecs_model::Container>::to_container(&self.web)
                        .depends_on(
                            "log_router",
                            ::ecs_model::__private::ContainerCondition::Start,
                        ),
                )
                .container(
                    <LogRouter as ::ecs_model::Container>::to_container(&self.log_router)
                        .essential(false),
                )
        }
    }
};
