#[derive(ecs_model::Container)]
#[ecs(image = "nginx")]
struct Web {}

#[derive(ecs_model::Task)]
#[ecs(fargate(cpu = "0.5 vCPU", memory = "16 GB"))]
struct TooMuchMemory {
    web: Web,
}

#[derive(ecs_model::Task)]
#[ecs(fargate(cpu = 384, memory = 1024))]
struct NotACpuSize {
    web: Web,
}

#[derive(ecs_model::Task)]
#[ecs(fargate(cpu = "1 vCPU", memory = "1 GB"), runtime_platform(os = "WINDOWS_SERVER_2022_CORE"))]
struct WindowsTooSmall {
    web: Web,
}

#[derive(ecs_model::Task)]
#[ecs(fargate(cpu = 256, memory = 512), network_mode = "bridge")]
struct FargateBridge {
    web: Web,
}

#[derive(ecs_model::Task)]
#[ecs(fargate(cpu = "a lot", memory = 512))]
struct Unreadable {
    web: Web,
}

// 0.25 vCPU takes 512, 1024 or 2048 MiB: no 1.5 GB.
#[derive(ecs_model::Task)]
#[ecs(fargate(cpu = 256, memory = 1536))]
struct QuarterCpuHalfSize {
    web: Web,
}

// The 32 vCPU tier compiles.
#[derive(ecs_model::Task)]
#[ecs(fargate(cpu = "32 vCPU", memory = 249856))]
struct Largest {
    web: Web,
}

fn main() {}
