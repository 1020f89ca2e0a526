//! The catalog: every rule validation checks, as data. Ids are those of the project's ECS rule
//! catalog (`ecs-rules.md`); one id can have several entries when ECS words it differently per
//! launch type or OS. Sections 2.K to 2.M list their rows without numbers: `K1`…, `L1`…, `M1`…
//! number them in catalog order, and `B16`, `G9`, `I12`, `J26`, `J27`, `K6`, `M8`–`M11` extend the catalog with rules it does
//! not list (each says where it comes from).

use crate::diagnostic::Severity::{Error, Warning};
use crate::diagnostic::{Applies, Os, Rule};
use crate::task_definition::Compatibility::{Ec2, External, Fargate, ManagedInstances};

macro_rules! rules {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident = $id:literal, $severity:ident, [$($lt:ident),*], $os:ident,
            $summary:literal, $source:literal;
    )*) => {
        $(
            $(#[doc = $doc])*
            #[doc = concat!("`", $id, "`: ", $summary, ".\n\nSource: ", $source, ".")]
            pub static $name: Rule = Rule {
                id: $id,
                severity: $severity,
                summary: $summary,
                applies: Applies { launch_types: &[$($lt),*], os: Os::$os },
                source: $source,
            };
        )*

        /// Every rule, in catalog order.
        pub static ALL: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    A1 = "ECS-A1", Error, [], Any,
        "`family` is 1–255 letters, digits, `_` and `-`",
        "API RegisterTaskDefinitionRequest.family; Terraform validator";
    A2 = "ECS-A2", Error, [], Any,
        "a task definition has 1–10 containers",
        "API (required); service quotas: 10 containers per task definition";
    A3 = "ECS-A3", Error, [], Any,
        "the task definition is at most 64 KiB",
        "service quotas: task definition size 64 KiB";
    A5_FARGATE = "ECS-A5", Error, [Fargate], Any,
        "Fargate tasks use the `awsvpc` network mode",
        "API doc networkMode; cfn-lint E3048; CDK";
    A5_WINDOWS = "ECS-A5", Error, [Ec2], Windows,
        "Windows tasks on EC2 use the default network mode or `awsvpc`",
        "API doc networkMode";
    A6 = "ECS-A6", Warning, [], Any,
        "`requiresCompatibilities` lists each launch type once",
        "API enum Compatibility";
    A7 = "ECS-A7", Error, [], Any,
        "task `cpu` and `memory` are units/MiB or the `vCPU`/`GB` forms",
        "API doc cpu, memory";
    A7_RANGE = "ECS-A7", Error, [Ec2, External, ManagedInstances], Any,
        "task `cpu` is 128–196,608 units outside Fargate",
        "API doc cpu (botocore 1.44.8)";
    A8 = "ECS-A8", Error, [Fargate], Any,
        "Fargate tasks set both `cpu` and `memory`",
        "cfn-lint E3048; CDK";
    A9 = "ECS-A9", Error, [Fargate], Linux,
        "Fargate `cpu` and `memory` form a supported pair",
        "API doc memory; cfn-lint E3047";
    A10 = "ECS-A10", Error, [Fargate], Windows,
        "Fargate Windows tasks use 1, 2 or 4 vCPU with a supported memory, on X86_64",
        "task CPU/memory error doc; AWS_Fargate.md";
    A11 = "ECS-A11", Warning, [Ec2, External], Windows,
        "Windows tasks on EC2 ignore task-level `cpu` and `memory`",
        "API doc cpu, memory";
    A12 = "ECS-A12", Error, [Fargate], Any,
        "Fargate tasks support only `pidMode: task`",
        "API doc pidMode";
    A12_WINDOWS = "ECS-A12", Error, [], Windows,
        "Windows tasks do not support `pidMode`",
        "API doc pidMode";
    A13 = "ECS-A13", Error, [Fargate], Any,
        "Fargate tasks do not support `ipcMode`",
        "API doc ipcMode";
    A13_WINDOWS = "ECS-A13", Error, [], Windows,
        "Windows tasks do not support `ipcMode`",
        "API doc ipcMode";
    A14 = "ECS-A14", Error, [], Any,
        "at most 10 placement constraints",
        "API doc; Terraform MaxItems 10";
    A14_FARGATE = "ECS-A14", Error, [Fargate], Any,
        "Fargate tasks do not support placement constraints",
        "API doc; cfn-lint E3048; CDK";
    A15 = "ECS-A15", Error, [], Any,
        "`ephemeralStorage.sizeInGiB` is 21–200",
        "API doc EphemeralStorage; CDK";
    A15_FARGATE_ONLY = "ECS-A15", Warning, [Ec2, External, ManagedInstances], Any,
        "`ephemeralStorage` only applies to Fargate",
        "API doc EphemeralStorage";
    A16 = "ECS-A16", Error, [], Any,
        "`proxyConfiguration` names a container of the task and needs `awsvpc`",
        "API doc; CDK";
    A17 = "ECS-A17", Error, [], Any,
        "inference accelerator device names match between task and containers",
        "API doc; CDK";
    A17_FARGATE = "ECS-A17", Error, [Fargate], Any,
        "Fargate tasks do not support inference accelerators",
        "API doc";
    A19 = "ECS-A19", Error, [], Any,
        "tags: at most 50, keys 1–128 and values 0–256 characters, no `aws:` prefix",
        "API Tag shape";
    A20 = "ECS-A20", Error, [External], Any,
        "External tasks use `bridge`, `host` or `none` networking",
        "CDK ExternalTaskDefinition";
    A21 = "ECS-A21", Error, [ManagedInstances], Any,
        "Managed Instances tasks use `awsvpc`, `host` or `none` networking",
        "API ManagedInstancesNetworkConfiguration; CDK";
    A22 = "ECS-A22", Error, [Fargate], Any,
        "Fargate tasks pulling from ECR, reading secrets or using private-registry auth need an execution role",
        "ECS errors (virtual-kubelet#193, terraform-provider-aws#3051, aws-cdk#1279)";
    /// Extends the catalog (ECS added trusted execution in the 2026-11 model).
    A23 = "ECS-A23", Error, [], Any,
        "`trustedExecutionConfiguration`: `CONFIDENTIAL_SANDBOX` needs a base64 `attestationPolicy`; sandboxed tasks need providers with `nitroEnclavesEnabled`",
        "API doc TrustedExecutionConfiguration (botocore 1.44.8)";
    A23_MANAGED = "ECS-A23", Error, [Ec2, Fargate, External], Any,
        "trusted execution is for Managed Instances only",
        "API doc TrustedExecutionConfiguration (botocore 1.44.8)";

    B1 = "ECS-B1", Error, [], Any,
        "container names are 1–255 letters, digits, `_` and `-`, unique in the task; images are set",
        "API doc ContainerDefinition.name; CloudFormation schema";
    B2 = "ECS-B2", Error, [], Any,
        "`image` is up to 255 of `A-Za-z0-9-_:./#`, or a `@sha256:` digest of 64 hex digits",
        "API doc ContainerDefinition.image";
    B3 = "ECS-B3", Error, [Ec2, External], Any,
        "on EC2 each container has `memory` or `memoryReservation` unless the task sets `memory`",
        "API doc; ECS error \"At least one of 'memory' or 'memoryReservation' must be specified\"";
    B4 = "ECS-B4", Error, [], Any,
        "`memoryReservation` does not exceed `memory`",
        "API doc; CDK";
    B5 = "ECS-B5", Error, [], Any,
        "container memory is at least 6 MiB",
        "API doc memory (Docker 20.10 minimum)";
    B6 = "ECS-B6", Error, [], Any,
        "containers' memory and cpu add up to no more than the task's",
        "API doc; ECS error (aws-cdk#24629)";
    B7 = "ECS-B7", Error, [], Any,
        "container `cpu` is 0–262,144 units",
        "API doc ContainerDefinition.cpu";
    B8 = "ECS-B8", Error, [], Any,
        "at least one container is essential",
        "API doc; cfn-lint E3042; CDK";
    B9 = "ECS-B9", Error, [Fargate], Any,
        "on Fargate `startTimeout` and `stopTimeout` are 2–120 seconds",
        "API doc";
    B9_ANY = "ECS-B9", Error, [], Any,
        "`startTimeout` and `stopTimeout` are not negative",
        "API doc";
    B10 = "ECS-B10", Error, [], Any,
        "`restartPolicy`: at most 50 ignored exit codes, `restartAttemptPeriod` 60–1800 s",
        "API doc; CDK";
    B12 = "ECS-B12", Error, [], Any,
        "resource requirements: a GPU takes a count (or `ALL`) or a sharing strategy, and a task's GPU containers all the same kind; MPS memory ≥ 1 MiB, compute 1–100 %; Neuron takes `ALL` in one container",
        "API doc ResourceRequirement, SharingStrategy, NvidiaMpsAllocation (botocore 1.44.8)";
    B12_SHARING_EXTERNAL = "ECS-B12", Error, [External], Any,
        "EXTERNAL tasks do not share GPUs",
        "API doc ResourceRequirement.sharingStrategy (botocore 1.44.8)";
    B12_FARGATE = "ECS-B12", Error, [Fargate], Any,
        "Fargate tasks do not support GPUs",
        "fargate-tasks-services doc";
    B12_NEURON = "ECS-B12", Error, [Ec2, Fargate, External], Any,
        "Neuron devices are for Managed Instances only",
        "API doc ResourceRequirement";
    B13 = "ECS-B13", Error, [], Any,
        "at most one `credentialSpecs` entry, prefixed `credentialspec:` or `credentialspecdomainless:`",
        "API doc";
    B14 = "ECS-B14", Error, [], Any,
        "`repositoryCredentials.credentialsParameter` is a Secrets Manager secret",
        "API doc";
    B15 = "ECS-B15", Error, [], Windows,
        "Windows containers do not support `user`",
        "API doc user";
    B15_ROOT = "ECS-B15", Warning, [], Any,
        "with `host` networking, containers should not run as root (UID 0)",
        "API doc user";
    B16 = "ECS-B16", Error, [], Any,
        "ECR repositories the application owns have names ECR takes and lifecycle rules it accepts (unique priorities, the `any` rule last, tagged rules with prefixes, counts of at least 1)",
        "ECR API CreateRepository.repositoryName; ECR user guide, lifecycle policy properties";
    B16_HYGIENE = "ECS-B16", Warning, [], Any,
        "ECR repositories scan images on push and keep tags immutable",
        "ECR user guide, image scanning and tag mutability; AWS Well-Architected SEC";

    C1 = "ECS-C1", Error, [], Any,
        "with `awsvpc` or `host` networking, `hostPort` is omitted or equals `containerPort`",
        "API doc; cfn-lint E3053; CDK";
    C3 = "ECS-C3", Warning, [Ec2, External, ManagedInstances], Any,
        "static host ports stay out of the ephemeral range (49153–65535)",
        "API doc PortMapping.hostPort";
    C3_RESERVED = "ECS-C3", Error, [Ec2, External, ManagedInstances], Any,
        "host ports 22, 2375, 2376 and 51678–51680 are reserved",
        "API doc PortMapping.hostPort";
    C4 = "ECS-C4", Error, [], Any,
        "with `none` networking there are no port mappings",
        "API doc";
    C5 = "ECS-C5", Error, [], Any,
        "a container port is mapped once, for one protocol",
        "API doc PortMapping";
    C6 = "ECS-C6", Error, [], Any,
        "`containerPortRange` is `start-end` within 1–65535, without `containerPort` or `hostPort`, in `bridge` or `awsvpc`, ≤100 per container, not overlapping",
        "API doc PortMapping.containerPortRange; CDK";
    C7 = "ECS-C7", Error, [], Any,
        "port-mapping names are ≤64 of `a-z0-9_-` not starting with `-`, unique in the task, in `bridge` or `awsvpc`; `appProtocol` needs a name",
        "API doc PortMapping.name; CDK";
    C8 = "ECS-C8", Error, [], Any,
        "`awsvpc` does not support links, hostname, DNS settings, extra hosts or `disableNetworking`",
        "task definition parameters doc; API doc";
    C9 = "ECS-C9", Error, [], Any,
        "`links` need `bridge` networking",
        "API doc links; CDK";
    C9_WINDOWS = "ECS-C9", Error, [], Windows,
        "Windows containers do not support `links`",
        "API doc links";
    C10 = "ECS-C10", Error, [Fargate], Windows,
        "Fargate Windows reserves container port 3150",
        "task definition parameters doc";
    C11 = "ECS-C11", Error, [], Any,
        "ports are 1–65535",
        "CDK isValidPort; troposphere";

    D1 = "ECS-D1", Error, [], Any,
        "a health check command starts with `CMD` or `CMD-SHELL` and has something to run",
        "API doc HealthCheck.command; CDK";
    D2 = "ECS-D2", Error, [], Any,
        "health check `interval` is 5–300 seconds",
        "API doc";
    D3 = "ECS-D3", Error, [], Any,
        "health check `timeout` is 2–60 seconds",
        "API doc";
    D4 = "ECS-D4", Error, [], Any,
        "health check `retries` is 1–10",
        "API doc";
    D5 = "ECS-D5", Error, [], Any,
        "health check `startPeriod` is 0–300 seconds",
        "API doc";
    D6 = "ECS-D6", Warning, [], Any,
        "health check `interval` is longer than `timeout`",
        "CDK";

    E2 = "ECS-E2", Error, [], Any,
        "`COMPLETE` and `SUCCESS` dependencies are on non-essential containers",
        "API doc ContainerDependency";
    E3 = "ECS-E3", Error, [], Any,
        "a `HEALTHY` dependency is on a container with a health check",
        "API doc ContainerDependency";
    E5 = "ECS-E5", Error, [], Any,
        "dependencies name other containers of the task and form no cycle",
        "derived from the API";

    F1 = "ECS-F1", Error, [], Any,
        "`logDriver` is one the API lists",
        "API enum LogDriver";
    F1_FARGATE = "ECS-F1", Error, [Fargate], Any,
        "Fargate supports the `awslogs`, `splunk` and `awsfirelens` log drivers",
        "API doc; cfn-lint E3713, E3048";
    F2 = "ECS-F2", Error, [], Any,
        "`awslogs` needs `awslogs-group` and `awslogs-region`",
        "API doc; cfn-lint E3046";
    F2_FARGATE = "ECS-F2", Error, [Fargate], Any,
        "`awslogs` on Fargate needs `awslogs-stream-prefix`",
        "API doc; cfn-lint E3046";
    F2_OPTIONS = "ECS-F2", Warning, [], Any,
        "`awslogs` options are ones the driver knows",
        "cfn-lint logging_configuration.json";
    F3 = "ECS-F3", Error, [], Any,
        "`awslogs-datetime-format` and `awslogs-multiline-pattern` exclude each other",
        "API doc";
    F4 = "ECS-F4", Error, [], Any,
        "log `mode` is `blocking` or `non-blocking`; `max-buffer-size` needs `non-blocking`",
        "API doc; CDK";
    F6 = "ECS-F6", Error, [Fargate], Any,
        "`awslogs` on Fargate needs an execution role",
        "ECS error \"Fargate requires task definition to have execution role ARN to support log driver awslogs\"";
    F7 = "ECS-F7", Error, [], Any,
        "`awsfirelens` logging needs exactly one FireLens router container in the task",
        "API doc; CDK addFirelensLogRouter";
    F7_FARGATE = "ECS-F7", Error, [Fargate], Any,
        "on Fargate FireLens reads its config from a file (`config-file-type: file`)",
        "API doc FirelensConfiguration";

    G1 = "ECS-G1", Error, [], Any,
        "environment variable names are set and unique in a container, secrets included",
        "cfn-lint uniqueKeys patch";
    G3 = "ECS-G3", Error, [], Any,
        "environment files: at most 10, `.env` objects given by S3 ARN",
        "API doc; taskdef-envfiles doc";
    G4 = "ECS-G4", Error, [], Any,
        "secrets come from a Secrets Manager ARN (optionally `:json-key:version-stage:version-id`) or an SSM parameter",
        "API doc Secret.valueFrom";
    G5 = "ECS-G5", Error, [], Any,
        "a secret reference sets a version stage or a version id, not both",
        "secrets-envvar-secrets-manager doc";
    G9 = "ECS-G9", Warning, [], Any,
        "credentials are not written in plaintext: not in `environment` (AWS keys, passwords, tokens, private keys) nor as `ECS_ENGINE_AUTH_DATA` in an instance's user data",
        "AWS Config rule ecs-no-environment-secrets and Security Hub ECS.8 (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ECS_ENGINE_AUTH_DATA); secrets-envvar doc";

    H1 = "ECS-H1", Error, [], Any,
        "capabilities are Linux capability names",
        "API doc KernelCapabilities";
    H1_FARGATE = "ECS-H1", Error, [Fargate], Any,
        "Fargate can add only the `SYS_PTRACE` capability",
        "API doc KernelCapabilities";
    H2 = "ECS-H2", Error, [Fargate], Any,
        "Fargate does not support devices, `sharedMemorySize`, `tmpfs`, `maxSwap` or `swappiness`",
        "API doc LinuxParameters";
    H3 = "ECS-H3", Error, [], Any,
        "`swappiness` is 0–100 and `maxSwap` is not negative",
        "API doc; CDK";
    H3_IGNORED = "ECS-H3", Warning, [], Any,
        "`swappiness` is ignored without `maxSwap`",
        "API doc";
    H4 = "ECS-H4", Error, [], Any,
        "tmpfs mounts have a positive size and known mount options",
        "API doc Tmpfs";
    H5 = "ECS-H5", Error, [], Any,
        "devices name a host path",
        "API doc Device";
    H6 = "ECS-H6", Error, [Fargate], Any,
        "Fargate does not support `privileged`",
        "API doc privileged";
    H6_WINDOWS = "ECS-H6", Error, [], Windows,
        "Windows does not support `privileged`",
        "API doc privileged";
    H7 = "ECS-H7", Error, [], Any,
        "Docker security options are `no-new-privileges`, `apparmor:`, `label:` or `credentialspec:`",
        "API doc dockerSecurityOptions";
    H7_FARGATE = "ECS-H7", Error, [Fargate], Any,
        "Fargate does not support `dockerSecurityOptions`",
        "API doc dockerSecurityOptions";
    H8 = "ECS-H8", Error, [], Any,
        "ulimits are set once per name with soft ≤ hard",
        "API doc Ulimit";
    H8_WINDOWS = "ECS-H8", Error, [], Windows,
        "Windows does not support `ulimits`",
        "API doc Ulimit";
    H9 = "ECS-H9", Error, [], Any,
        "system controls fit the namespaces: no `net.*` with host networking, no IPC ones with host IPC",
        "API doc SystemControl";
    H9_AWSVPC = "ECS-H9", Warning, [], Any,
        "with `awsvpc` a network system control applies to every container: give it one value",
        "API doc SystemControl";
    H10 = "ECS-H10", Error, [Fargate], Any,
        "Fargate does not support links, DNS settings, extra hosts, `disableNetworking` or GPUs",
        "fargate-tasks-services doc";

    I1 = "ECS-I1", Error, [], Any,
        "volumes have a unique valid name and at most one configuration",
        "API doc Volume";
    I2 = "ECS-I2", Error, [], Any,
        "mount points name task volumes; `volumesFrom` names another container",
        "API doc MountPoint, VolumeFrom";
    I3 = "ECS-I3", Error, [Fargate], Any,
        "Fargate does not support Docker volumes",
        "API doc DockerVolumeConfiguration";
    I3_AUTOPROVISION = "ECS-I3", Error, [], Any,
        "`autoprovision` needs the `shared` scope",
        "API doc DockerVolumeConfiguration";
    I4 = "ECS-I4", Error, [Fargate], Any,
        "Fargate does not support `host.sourcePath`",
        "API doc HostVolumeProperties";
    I5 = "ECS-I5", Error, [], Any,
        "EFS: transit encryption with IAM or an access point; root `/` with an access point; TLS port 1–65535",
        "API doc EFSVolumeConfiguration";
    I6 = "ECS-I6", Warning, [], Any,
        "FSx for Windows File Server volumes need Windows containers (the task says Linux)",
        "API doc FSxWindowsFileServerVolumeConfiguration";
    I8 = "ECS-I8", Error, [], Any,
        "S3 Files volumes need a task role; root `/` with an access point",
        "API doc S3FilesVolumeConfiguration";
    I9 = "ECS-I9", Error, [], Any,
        "at most one `configuredAtLaunch` volume, mounted by a container",
        "API doc; CDK";

    I12 = "ECS-I12", Error, [], Any,
        "EFS file systems the application owns are mountable by its tasks: a mount target in each subnet they run in, behind a group admitting NFS (2049) from theirs; access points of the file system; the task role may mount it when IAM authorization is on",
        "EFS user guide (mounting on ECS; network security); CDK FileSystem.connections";
    I12_ENCRYPTION = "ECS-I12", Warning, [], Any,
        "EFS file systems are encrypted at rest (it can only be chosen at creation)",
        "EFS user guide, encryption at rest";

    J1 = "ECS-J1", Error, [], Any,
        "`serviceName` is 1–255 letters, digits, `_` and `-`",
        "API doc CreateService.serviceName";
    J2 = "ECS-J2", Error, [], Any,
        "a REPLICA service sets `desiredCount`",
        "API doc CreateService.desiredCount";
    J3 = "ECS-J3", Error, [], Any,
        "`awsvpc` tasks need `networkConfiguration.awsvpcConfiguration` (≤16 subnets, ≤5 security groups); other modes take none",
        "API doc; cfn-lint E3052; ecspresso verify";
    J4 = "ECS-J4", Error, [], Any,
        "a service has a launch type or a capacity provider strategy, not both; a strategy has ≤20 providers, one `base`, a positive weight",
        "API doc CreateService, CapacityProviderStrategyItem";
    J6 = "ECS-J6", Error, [], Any,
        "a Fargate service's task definition lists FARGATE in `requiresCompatibilities`",
        "cfn-lint E3054";
    J7 = "ECS-J7", Error, [], Any,
        "DAEMON scheduling is not for Fargate, CODE_DEPLOY or EXTERNAL",
        "API doc; cfn-lint E3044";
    J8 = "ECS-J8", Error, [], Any,
        "load balancers name a target group, a container and a port of the task definition; `awsvpc` needs `ip` target groups; ≤5 target groups",
        "API doc LoadBalancer; service quotas; CDK _validateTarget; ecspresso verify";
    J9 = "ECS-J9", Error, [], Any,
        "`bridge` tasks with dynamic host ports are health-checked on `traffic-port`",
        "cfn-lint E3049";
    J10 = "ECS-J10", Error, [], Any,
        "`role` is only for a load balancer with a non-`awsvpc` task definition",
        "API doc CreateService.role";
    J11 = "ECS-J11", Error, [], Any,
        "`healthCheckGracePeriodSeconds` is 0–2,147,483,647",
        "API doc";
    J12 = "ECS-J12", Error, [], Any,
        "deployments keep `minimumHealthyPercent` within 0–100 and `maximumPercent` at least 100",
        "API doc DeploymentConfiguration";
    J12_UNSAFE = "ECS-J12", Warning, [], Any,
        "a `minimumHealthyPercent` below 100 stops tasks before their replacements are healthy",
        "API doc; aws-cdk#31705, #14277";
    J13 = "ECS-J13", Error, [], Any,
        "circuit breaker, alarms and lifecycle hooks need the ECS deployment controller; alarms name at least one alarm",
        "API doc; CDK";
    J14 = "ECS-J14", Error, [], Any,
        "BLUE_GREEN needs `bakeTimeInMinutes`; LINEAR steps 3–100 %, CANARY 0.1–100 %, bakes 0–1440 minutes",
        "API doc DeploymentConfiguration";
    J17 = "ECS-J17", Error, [], Any,
        "≤5 placement strategies, ≤10 constraints, `distinctInstance` without an expression; none on Fargate",
        "API doc";
    J18 = "ECS-J18", Error, [], Any,
        "Service Connect services name port mappings of the task definition and have a namespace",
        "API doc; CDK validateServiceConnectConfiguration";
    J19 = "ECS-J19", Error, [], Any,
        "at most one service registry",
        "API doc";
    J20 = "ECS-J20", Warning, [], Any,
        "`enableECSManagedTags` goes with `propagateTags`",
        "API doc";
    J21 = "ECS-J21", Error, [], Any,
        "`clientToken` is at most 36 printable ASCII characters",
        "API doc";
    J22 = "ECS-J22", Error, [], Any,
        "`platformVersion` is only for Fargate",
        "API doc";
    /// Extends the catalog (gateway connectors are in the 2026-11 model).
    J23 = "ECS-J23", Error, [], Any,
        "at most one gateway connector, on a named port mapping; deregistration delay 0–3600 s",
        "API doc CreateServiceRequest.gatewayConnectors, GatewayConnector (botocore 1.44.8)";
    /// Extends the catalog (early success criteria are in the 2026-11 model).
    J24 = "ECS-J24", Error, [], Any,
        "early success criteria: rolling deployments only; when on, `healthyPercent` 0–100 and ≥ `minimumHealthyPercent`, and `sourceServiceRevisionCleanup`",
        "API doc DeploymentEarlySuccessCriteria (botocore 1.44.8)";
    /// Extends the catalog (the proxy's settings are in the 2026-11 model).
    J25 = "ECS-J25", Error, [], Any,
        "each Service Connect `containerConfigurations` object sets exactly one setting, each setting once",
        "API doc ServiceConnectConfiguration.containerConfigurations (botocore 1.44.8)";

    J26 = "ECS-J26", Error, [], Any,
        "service auto scaling: `MinCapacity` ≤ `MaxCapacity`, target-tracking values above 0 (CPU and memory ≤ 100 %), request counts on a target group the service registers into, valid schedules; only services scale",
        "Application Auto Scaling API doc RegisterScalableTarget, PutScalingPolicy, PutScheduledAction (botocore 1.44.8)";
    J26_DESIRED = "ECS-J26", Warning, [], Any,
        "a scaled service's `desiredCount` lies within its scaling bounds",
        "Application Auto Scaling doc: a count outside the bounds is moved into them at once";
    J27 = "ECS-J27", Error, [], Any,
        "scheduled tasks: names of 1–64 characters, `cron` (six fields, one day `?`), `rate` or `at` expressions, IANA time zones, windows of 1–1440 minutes, 1–10 tasks, the application's cluster and task definition, a role that may run the family and pass its roles",
        "EventBridge Scheduler API doc CreateSchedule; schedule types doc (botocore 1.44.8)";
    J27_ZONE = "ECS-J27", Warning, [], Any,
        "a time zone changes only `cron` and `at` schedules",
        "EventBridge Scheduler schedule types doc";

    K1 = "ECS-K1", Error, [], Any,
        "`clusterName` is 1–255 letters, digits, `_` and `-`; `containerInsights` is enhanced, enabled or disabled",
        "API doc CreateCluster (catalog 2.K, row 1)";
    K2 = "ECS-K2", Error, [], Any,
        "capacity provider names are ≤255 characters and do not start with `aws`, `ecs` or `fargate`",
        "API doc CreateCapacityProvider (catalog 2.K, row 2)";
    K3 = "ECS-K3", Error, [], Any,
        "managed scaling: target 1–100 %, steps 1–10,000, warm-up 0–10,000 s; termination protection needs managed scaling; the group can grow (max size > 0)",
        "API doc; troposphere (catalog 2.K, row 3)";
    K4 = "ECS-K4", Error, [], Any,
        "a cluster has at most 20 capacity providers, and its default strategy uses only them",
        "service quotas (catalog 2.K, row 4)";
    K5 = "ECS-K5", Error, [], Any,
        "a Managed Instances provider has an infrastructure role, an instance profile and subnets; Nitro Sandbox instances use no local storage",
        "API doc (catalog 2.K, row 5); InstanceLaunchTemplate.nitroEnclavesEnabled (botocore 1.44.8)";
    K6 = "ECS-K6", Warning, [], Any,
        "ECS agent settings are ones the agent documents",
        "ECS agent configuration doc";
    K6_VALUE = "ECS-K6", Error, [], Any,
        "ECS agent settings fit on one line of `/etc/ecs/ecs.config`",
        "ECS agent configuration doc";

    L1 = "ECS-L1", Error, [], Any,
        "task and execution roles trust `ecs-tasks.amazonaws.com` with `sts:AssumeRole`",
        "task-iam-roles doc (catalog 2.L, row 1)";
    L1_CONFUSED_DEPUTY = "ECS-L1", Warning, [], Any,
        "ECS task trust policies carry `aws:SourceAccount` or `aws:SourceArn` against the confused deputy",
        "task-iam-roles doc (catalog 2.L, row 1)";
    L3 = "ECS-L3", Error, [], Any,
        "the container instance role trusts `ec2.amazonaws.com` and has `AmazonEC2ContainerServiceforEC2Role` (or its permissions)",
        "instance_IAM_role doc (catalog 2.L, row 3)";
    L4 = "ECS-L4", Error, [], Any,
        "`iam:PassRole` for ECS is scoped with `iam:PassedToService`",
        "CDK passRoleStatement (catalog 2.L, row 4)";
    L5 = "ECS-L5", Error, [], Any,
        "IAM names, paths, session length, tags and policy sizes stay within IAM's limits; statements are well formed",
        "botocore IAM model; IAM quotas (catalog 2.L, row 5)";
    L5_WILDCARD = "ECS-L5", Warning, [], Any,
        "policies name actions and resources rather than `*`",
        "IAM best practice (least privilege)";

    M1 = "ECS-M1", Error, [], Any,
        "target group and load balancer names are ≤32 letters, digits and hyphens, not starting or ending with one",
        "botocore elbv2 model (catalog 2.M)";
    M2 = "ECS-M2", Error, [], Any,
        "health checks: interval 5–300 s, timeout 2–120 s and below the interval, thresholds 2–10",
        "botocore elbv2 model (catalog 2.M)";
    M3 = "ECS-M3", Error, [], Any,
        "the health-check path starts with `/`, at most 1,024 characters",
        "botocore elbv2 model (catalog 2.M)";
    M4 = "ECS-M4", Error, [], Any,
        "HTTP matcher codes are within 200–499",
        "botocore elbv2 model (catalog 2.M)";
    M5 = "ECS-M5", Error, [], Any,
        "the health-check port is `traffic-port` or 1–65535; target group ports 1–65535",
        "botocore elbv2 model (catalog 2.M)";
    M6 = "ECS-M6", Error, [], Any,
        "listener rule priorities are 1–50,000; HTTPS listeners have a certificate; actions have what their type needs",
        "botocore elbv2 model (catalog 2.M)";
    M7 = "ECS-M7", Error, [], Any,
        "`awsvpc` services need target groups of type `ip`",
        "botocore elbv2 model; API doc LoadBalancer (catalog 2.M)";
    M8 = "ECS-M8", Error, [], Any,
        "an Application Load Balancer spans at least two subnets",
        "ELBv2 API doc CreateLoadBalancer (\"subnets from at least two Availability Zones\")";
    M9 = "ECS-M9", Error, [], Any,
        "security groups are well formed and let traffic reach the tasks: the container port (or the dynamic host ports) from the load balancer, 80/443 to a public load balancer",
        "EC2 API doc; CDK EPHEMERAL_PORT_RANGE";
    M10 = "ECS-M10", Error, [], Any,
        "target group attributes take documented values (deregistration delay 0–3600 s)",
        "ELBv2 API doc TargetGroupAttribute";
    M11 = "ECS-M11", Error, [], Any,
        "a target group the load balancer forwards to is registered into by exactly one service of the application",
        "ECS developer guide, register multiple target groups with a service (a target group per service)";
}
