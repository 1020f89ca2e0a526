//! GPUs, inference accelerators and Neuron devices assigned to a container.

use crate::Text;
use crate::json::record::{api_enum, api_struct};

api_enum! {
    /// A kind of device a container can reserve.
    pub enum ResourceType ("resource type") {
        /// NVIDIA GPUs (not on Fargate); the value is a count.
        Gpu = "GPU",
        /// An Elastic Inference accelerator; the value is a task `deviceName`.
        InferenceAccelerator = "InferenceAccelerator",
        /// AWS Neuron devices (Managed Instances only); the value is `ALL`.
        NeuronDevice = "NeuronDevice",
    }
}

impl Default for ResourceType {
    /// GPU, the common case.
    fn default() -> Self {
        Self::Gpu
    }
}

api_struct! {
    /// A device reservation (`ECS-B12`).
    pub struct ResourceRequirement {
        /// A GPU count (or `ALL`), an accelerator `deviceName`, or `ALL` for Neuron; a GPU
        /// shared through `sharingStrategy` takes none.
        value "value": Option<Text>,
        /// The kind of device.
        r#type "type": ResourceType,
        /// How the container shares a GPU with other containers (GPU only; not on EXTERNAL); a
        /// container with none has each of its GPUs to itself.
        sharing_strategy "sharingStrategy": Option<SharingStrategy>,
    }
}

api_struct! {
    /// How a container shares a GPU with other containers: exactly one member.
    pub struct SharingStrategy {
        /// NVIDIA Multi-Process Service: GPU memory for the container, and optionally a cap on
        /// the GPU's compute it may use.
        nvidia_mps "nvidiaMps": Option<NvidiaMpsAllocation>,
    }
}

api_struct! {
    /// A share of one GPU through NVIDIA MPS.
    pub struct NvidiaMpsAllocation {
        /// GPU memory in MiB (at least 1), on a single GPU; ECS sets
        /// `CUDA_MPS_PINNED_DEVICE_MEM_LIMIT`.
        memory "memory": i32,
        /// The most of the GPU's compute the container may use, 1–100 %; ECS sets
        /// `CUDA_MPS_ACTIVE_THREAD_PERCENTAGE`.
        max_compute_percent "maxComputePercent": Option<i32>,
    }
}

impl ResourceRequirement {
    /// `count` GPUs, each the container's alone.
    #[must_use]
    pub fn gpus(count: u32) -> Self {
        Self {
            value: Some(count.to_string().into()),
            r#type: ResourceType::Gpu,
            ..Self::default()
        }
    }

    /// A share of a GPU through NVIDIA MPS: `memory_mib` of its memory and, if given, at most
    /// `max_compute_percent` of its compute (EC2 and Managed Instances).
    #[must_use]
    pub fn shared_gpu(memory_mib: u32, max_compute_percent: Option<u8>) -> Self {
        Self {
            r#type: ResourceType::Gpu,
            sharing_strategy: Some(SharingStrategy {
                nvidia_mps: Some(NvidiaMpsAllocation {
                    memory: i32::try_from(memory_mib).unwrap_or(i32::MAX),
                    max_compute_percent: max_compute_percent.map(i32::from),
                    extra: crate::json::Extra::new(),
                }),
                extra: crate::json::Extra::new(),
            }),
            ..Self::default()
        }
    }

    /// The task's inference accelerator named `device_name`.
    #[must_use]
    pub fn inference_accelerator(device_name: impl Into<Text>) -> Self {
        Self {
            value: Some(device_name.into()),
            r#type: ResourceType::InferenceAccelerator,
            ..Self::default()
        }
    }
}
