#[derive(ecs_model::Task)]
#[ecs(
    family = "pet-web-task",
    fargate(cpu = "0.5 vCPU", memory = "1 GB"),
    runtime_platform(os = "LINUX", cpu_architecture = "X86_64"),
    execution_role_arn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    volume(name = "shared", efs = "fs-12345678", access_point = "fsap-0123"),
    tag("team", "web"),
)]
struct PetWebTask {
    #[ecs(depends_on("log_router", start))]
    web: PetWeb,
    #[ecs(essential = false)]
    log_router: LogRouter,
}
