//! What each generated file mirrors. Adding a member botocore gained needs no change here; a new
//! root, a Rust name that differs from botocore's, or a type another file defines does.

/// A generated file.
pub(crate) struct FileSpec {
    /// Path from the workspace root.
    pub(crate) path: &'static str,
    /// The botocore service (`ecs`, `elbv2`).
    pub(crate) service: &'static str,
    /// The module documentation, before the generator's note.
    pub(crate) header: &'static str,
    /// The requests the file mirrors; the walk emits every shape they reach.
    pub(crate) roots: &'static [Root],
    /// Shapes whose Rust name is not botocore's (`LoadBalancer` of ECS is `ServiceLoadBalancer`).
    pub(crate) names: &'static [(&'static str, &'static str)],
    /// Shapes another file defines: not emitted, imported.
    pub(crate) external: &'static [External],
    /// Lists of these element shapes are written through a codec.
    pub(crate) codecs: &'static [Codec],
    /// Required lists that the request takes empty (`[]` means "none"), as `Option<Vec<_>>`:
    /// (shape, member).
    pub(crate) rendered_when_empty: &'static [(&'static str, &'static str)],
    /// Member documentation that says more than botocore's first sentence: (shape, member, doc).
    pub(crate) member_docs: &'static [(&'static str, &'static str, &'static str)],
    /// Fields of the Rust record that are not keys of the request.
    pub(crate) special: &'static [Special],
    /// The `Default` of enums that required members use (records derive `Default`): (enum, value,
    /// why); others default to the API's first value.
    pub(crate) defaults: &'static [(&'static str, &'static str, &'static str)],
    /// Enums whose error messages name them otherwise than their words.
    pub(crate) what: &'static [(&'static str, &'static str)],
    /// Members left out, because they are not about ECS (a schedule's SQS target): (shape,
    /// member). A file that holds one is read by the lenient parser into `extra`.
    pub(crate) skipped: &'static [(&'static str, &'static str)],
}

/// A request shape and the Rust record that is it.
pub(crate) struct Root {
    pub(crate) shape: &'static str,
    /// Documentation replacing botocore's first sentence.
    pub(crate) doc: Option<&'static str>,
}

/// A field that is not a key of the object: filled by a special decoder, never rendered.
pub(crate) struct Special {
    pub(crate) shape: &'static str,
    pub(crate) field: &'static str,
    pub(crate) ty: &'static str,
    pub(crate) doc: &'static str,
}

/// A shape whose Rust type lives in another module.
pub(crate) struct External {
    pub(crate) shape: &'static str,
    pub(crate) name: &'static str,
    pub(crate) path: &'static str,
}

/// A list element written through a codec (ELBv2's `{"Key","Value"}` tags).
pub(crate) struct Codec {
    pub(crate) element: &'static str,
    pub(crate) name: &'static str,
    pub(crate) path: &'static str,
}

const TAG: External = External {
    shape: "Tag",
    name: "Tag",
    path: "crate::tag::Tag",
};

pub(crate) const FILES: &[FileSpec] = &[
    FileSpec {
        path: "ecs-model/src/service/api.rs",
        service: "ecs",
        header: "The `CreateService` request, as the ECS API model defines it.",
        roots: &[Root {
            shape: "CreateServiceRequest",
            doc: Some(
                "An ECS service: the `CreateService` request, field for field. It keeps \
                 `desiredCount` copies of a task definition running, behind load balancers, \
                 rolled out by its deployment configuration.\n\nBuild one with \
                 [`Service::fargate`], [`Service::ec2`] or [`Service::builder`].",
            ),
        }],
        names: &[
            ("CreateServiceRequest", "Service"),
            ("LoadBalancer", "ServiceLoadBalancer"),
            ("PlacementConstraint", "ServicePlacementConstraint"),
            (
                "ServiceManagedEBSVolumeConfiguration",
                "ServiceManagedEbsVolumeConfiguration",
            ),
            ("EBSTagSpecification", "EbsTagSpecification"),
            ("EBSResourceType", "EbsResourceType"),
            ("MonitoringConfiguration", "Monitoring"),
        ],
        external: &[
            TAG,
            External {
                shape: "LaunchType",
                name: "Compatibility",
                path: "crate::task_definition::Compatibility",
            },
            External {
                shape: "LogConfiguration",
                name: "LogConfiguration",
                path: "crate::container::LogConfiguration",
            },
        ],
        codecs: &[],
        rendered_when_empty: &[],
        member_docs: &[],
        special: &[],
        defaults: &[
            (
                "ThresholdType",
                "BOUNDED_PERCENT",
                "what ECS uses when unset",
            ),
            ("DeploymentControllerType", "ECS", "the default controller"),
            ("EbsResourceType", "volume", "the only type"),
        ],
        what: &[("AssignPublicIp", "public IP assignment")],
        skipped: &[],
    },
    FileSpec {
        path: "ecs-model/src/cluster/api.rs",
        service: "ecs",
        header: "The `CreateCluster`, `CreateCapacityProvider` and `PutClusterCapacityProviders` \
                 requests, as the ECS API model defines them.",
        roots: &[
            Root {
                shape: "CreateClusterRequest",
                doc: Some(
                    "An ECS cluster: the `CreateCluster` request, field for field. Its settings \
                     (Container Insights), capacity providers and default capacity provider \
                     strategy.",
                ),
            },
            Root {
                shape: "CreateCapacityProviderRequest",
                doc: Some(
                    "A capacity provider: the `CreateCapacityProvider` request. An Auto Scaling \
                     group of EC2 instances, or ECS Managed Instances (`FARGATE` and \
                     `FARGATE_SPOT` need none).",
                ),
            },
            Root {
                shape: "PutClusterCapacityProvidersRequest",
                doc: Some(
                    "The `PutClusterCapacityProviders` request: which providers a cluster uses, \
                     and its default strategy.",
                ),
            },
        ],
        names: &[
            ("CreateClusterRequest", "Cluster"),
            ("CreateCapacityProviderRequest", "CapacityProvider"),
            (
                "PutClusterCapacityProvidersRequest",
                "ClusterCapacityProviders",
            ),
            (
                "ClusterServiceConnectDefaultsRequest",
                "ServiceConnectDefaults",
            ),
            ("InstanceRequirementsRequest", "InstanceRequirements"),
            ("VCpuCountRangeRequest", "VcpuCountRange"),
            ("MemoryMiBRequest", "MemoryMibRange"),
            ("MemoryGiBPerVCpuRequest", "MemoryGibPerVcpuRange"),
            ("NetworkInterfaceCountRequest", "NetworkInterfaceCountRange"),
            ("TotalLocalStorageGBRequest", "TotalLocalStorageGbRange"),
            (
                "BaselineEbsBandwidthMbpsRequest",
                "BaselineEbsBandwidthMbpsRange",
            ),
            ("AcceleratorCountRequest", "AcceleratorCountRange"),
            (
                "AcceleratorTotalMemoryMiBRequest",
                "AcceleratorTotalMemoryMibRange",
            ),
            ("NetworkBandwidthGbpsRequest", "NetworkBandwidthGbpsRange"),
            ("CapacityReservationRequest", "CapacityReservations"),
            (
                "CreateManagedInstancesProviderConfiguration",
                "ManagedInstancesProvider",
            ),
            ("PropagateMITags", "PropagateManagedInstancesTags"),
        ],
        external: &[
            TAG,
            External {
                shape: "CapacityProviderStrategyItem",
                name: "CapacityProviderStrategyItem",
                path: "crate::service::CapacityProviderStrategyItem",
            },
        ],
        codecs: &[],
        rendered_when_empty: &[
            ("PutClusterCapacityProvidersRequest", "capacityProviders"),
            (
                "PutClusterCapacityProvidersRequest",
                "defaultCapacityProviderStrategy",
            ),
        ],
        member_docs: &[
            (
                "PutClusterCapacityProvidersRequest",
                "capacityProviders",
                "The name of one or more capacity providers to associate with the cluster; an \
                 empty list (rendered, unlike other empty lists) removes them all.",
            ),
            (
                "PutClusterCapacityProvidersRequest",
                "defaultCapacityProviderStrategy",
                "The capacity provider strategy to use by default for the cluster; rendered \
                 even when empty.",
            ),
        ],
        special: &[],
        defaults: &[],
        what: &[
            (
                "PropagateManagedInstancesTags",
                "managed instances tag propagation",
            ),
            ("CpuManufacturer", "CPU manufacturer"),
        ],
        skipped: &[],
    },
    FileSpec {
        path: "ecs-model/src/alb/api.rs",
        service: "elbv2",
        header: "The `CreateLoadBalancer`, `CreateTargetGroup`, `CreateListener` and `CreateRule` \
                 inputs, as the Elastic Load Balancing v2 API model defines them; keys are \
                 PascalCase, as `aws elbv2 … --cli-input-json` takes them.",
        roots: &[
            Root {
                shape: "CreateLoadBalancerInput",
                doc: Some(
                    "An Elastic Load Balancing v2 load balancer: the `CreateLoadBalancer` input.",
                ),
            },
            Root {
                shape: "CreateTargetGroupInput",
                doc: Some(
                    "A target group: the `CreateTargetGroup` input; its attributes \
                     (deregistration delay, …) are set after creation with \
                     `ModifyTargetGroupAttributes`.",
                ),
            },
            Root {
                shape: "CreateListenerInput",
                doc: Some("A listener of a load balancer: the `CreateListener` input."),
            },
            Root {
                shape: "CreateRuleInput",
                doc: Some("A listener rule: the `CreateRule` input."),
            },
            Root {
                shape: "TargetGroupAttribute",
                doc: None,
            },
        ],
        names: &[
            ("CreateLoadBalancerInput", "LoadBalancer"),
            ("CreateTargetGroupInput", "TargetGroup"),
            ("CreateListenerInput", "Listener"),
            ("CreateRuleInput", "ListenerRule"),
            ("LoadBalancerSchemeEnum", "Scheme"),
        ],
        external: &[TAG],
        codecs: &[Codec {
            element: "Tag",
            name: "PascalTags",
            path: "crate::tag::PascalTags",
        }],
        rendered_when_empty: &[],
        member_docs: &[],
        special: &[Special {
            shape: "CreateTargetGroupInput",
            field: "attributes",
            ty: "Vec<TargetGroupAttribute>",
            doc: "Attributes set after creation (`deregistration_delay.timeout_seconds`, …); not \
                  part of `CreateTargetGroup`.",
        }],
        defaults: &[("ActionType", "forward", "the common action")],
        what: &[],
        skipped: &[],
    },
    FileSpec {
        path: "ecs-model/src/schedule/api.rs",
        service: "scheduler",
        header: "The `CreateSchedule` input of EventBridge Scheduler, as its API model defines it, \
                 for schedules that run ECS tasks: the targets of other services (SQS, Kinesis, \
                 SageMaker, EventBridge) are left out. Keys are PascalCase, as \
                 `aws scheduler create-schedule --cli-input-json` takes them.",
        roots: &[Root {
            shape: "CreateScheduleInput",
            doc: Some(
                "An EventBridge Scheduler schedule: the `CreateSchedule` input. It runs a task \
                 definition on a cron, rate or one-time expression, in a time zone.\n\nBuild one \
                 with [`Schedule::cron`], [`Schedule::rate`] or [`Schedule::at`].",
            ),
        }],
        names: &[
            ("CreateScheduleInput", "Schedule"),
            ("Target", "ScheduleTarget"),
            ("NetworkConfiguration", "ScheduleNetworkConfiguration"),
            ("AwsVpcConfiguration", "ScheduleAwsVpcConfiguration"),
        ],
        external: &[
            External {
                shape: "CapacityProviderStrategyItem",
                name: "CapacityProviderStrategyItem",
                path: "crate::service::CapacityProviderStrategyItem",
            },
            External {
                shape: "PlacementConstraint",
                name: "ServicePlacementConstraint",
                path: "crate::service::ServicePlacementConstraint",
            },
            External {
                shape: "PlacementStrategy",
                name: "PlacementStrategy",
                path: "crate::service::PlacementStrategy",
            },
            External {
                shape: "AssignPublicIp",
                name: "AssignPublicIp",
                path: "crate::service::AssignPublicIp",
            },
        ],
        codecs: &[],
        rendered_when_empty: &[],
        member_docs: &[(
            "EcsParameters",
            "TaskDefinitionArn",
            "The task definition to run: an ARN without a revision runs the family's latest \
             `ACTIVE` one, so that a deployment's new revision needs no change of the schedule.",
        )],
        special: &[],
        defaults: &[("FlexibleTimeWindowMode", "OFF", "run at the scheduled time")],
        what: &[("FlexibleTimeWindowMode", "flexible time window mode")],
        skipped: &[
            ("Target", "EventBridgeParameters"),
            ("Target", "EventBridgePutEventsV2Parameters"),
            ("Target", "EventBridgePutRawEventsParameters"),
            ("Target", "KinesisParameters"),
            ("Target", "SageMakerPipelineParameters"),
            ("Target", "SqsParameters"),
        ],
    },
    FileSpec {
        path: "ecs-model/src/scaling/api.rs",
        service: "application-autoscaling",
        header: "The `RegisterScalableTarget`, `PutScalingPolicy` and `PutScheduledAction` \
                 requests of Application Auto Scaling, as its API model defines them (predictive \
                 scaling and customized metrics are left out). Keys are PascalCase, as \
                 `aws application-autoscaling … --cli-input-json` takes them.",
        roots: &[
            Root {
                shape: "RegisterScalableTargetRequest",
                doc: Some(
                    "A scalable target: the `RegisterScalableTarget` request. For a service, the \
                     bounds Application Auto Scaling keeps its `desiredCount` in.",
                ),
            },
            Root {
                shape: "PutScalingPolicyRequest",
                doc: Some(
                    "A scaling policy: the `PutScalingPolicy` request. Target tracking keeps a \
                     metric (CPU, memory, requests per target) at a value; step scaling reacts to \
                     an alarm.",
                ),
            },
            Root {
                shape: "PutScheduledActionRequest",
                doc: Some(
                    "A scheduled action: the `PutScheduledAction` request. New bounds at a time \
                     (more tasks on weekday mornings).",
                ),
            },
        ],
        names: &[
            ("RegisterScalableTargetRequest", "ScalableTarget"),
            ("PutScalingPolicyRequest", "ScalingPolicy"),
            ("PutScheduledActionRequest", "ScheduledAction"),
            ("MetricType", "PredefinedMetricType"),
        ],
        external: &[],
        codecs: &[],
        rendered_when_empty: &[],
        member_docs: &[],
        special: &[],
        defaults: &[
            (
                "ServiceNamespace",
                "ecs",
                "services are what this crate scales",
            ),
            (
                "ScalableDimension",
                "ecs:service:DesiredCount",
                "a service's task count",
            ),
            (
                "PredefinedMetricType",
                "ECSServiceAverageCPUUtilization",
                "the usual metric of a service",
            ),
        ],
        what: &[],
        skipped: &[
            (
                "PutScalingPolicyRequest",
                "PredictiveScalingPolicyConfiguration",
            ),
            (
                "TargetTrackingScalingPolicyConfiguration",
                "CustomizedMetricSpecification",
            ),
        ],
    },
    FileSpec {
        path: "ecs-model/src/efs/api.rs",
        service: "efs",
        header: "The `CreateFileSystem`, `CreateMountTarget` and `CreateAccessPoint` requests of \
                 Amazon EFS, as its API model defines them. Keys are PascalCase, as \
                 `aws efs … --cli-input-json` takes them.",
        roots: &[
            Root {
                shape: "CreateFileSystemRequest",
                doc: Some(
                    "An EFS file system: the `CreateFileSystem` request. Its `CreationToken` is \
                     its name in the application; mount targets and access points are created \
                     after it.",
                ),
            },
            Root {
                shape: "CreateMountTargetRequest",
                doc: Some(
                    "A mount target: the `CreateMountTarget` request. The file system's address \
                     in one subnet, behind security groups that must admit NFS (2049) from the \
                     tasks.",
                ),
            },
            Root {
                shape: "CreateAccessPointRequest",
                doc: Some(
                    "An access point: the `CreateAccessPoint` request. A directory of the file \
                     system and the POSIX user tasks use it as; its `ClientToken` is its name \
                     in the application.",
                ),
            },
        ],
        names: &[
            ("CreateFileSystemRequest", "FileSystem"),
            ("CreateMountTargetRequest", "MountTarget"),
            ("CreateAccessPointRequest", "AccessPoint"),
        ],
        external: &[TAG],
        codecs: &[Codec {
            element: "Tag",
            name: "PascalTags",
            path: "crate::tag::PascalTags",
        }],
        rendered_when_empty: &[],
        member_docs: &[],
        special: &[],
        defaults: &[],
        what: &[],
        skipped: &[],
    },
    FileSpec {
        path: "ecs-model/src/ecr/api.rs",
        service: "ecr",
        header: "The `CreateRepository` request of Amazon ECR, as its API model defines it. Keys \
                 are camelCase and tags PascalCase, as `aws ecr create-repository \
                 --cli-input-json` takes them.",
        roots: &[Root {
            shape: "CreateRepositoryRequest",
            doc: Some(
                "An ECR repository: the `CreateRepository` request. The images of the \
                 application's task definitions are pushed to it; its lifecycle policy is the \
                 application's too.",
            ),
        }],
        names: &[("CreateRepositoryRequest", "Repository")],
        external: &[TAG],
        codecs: &[Codec {
            element: "Tag",
            name: "PascalTags",
            path: "crate::tag::PascalTags",
        }],
        rendered_when_empty: &[],
        member_docs: &[],
        special: &[],
        defaults: &[],
        what: &[],
        skipped: &[],
    },
];
