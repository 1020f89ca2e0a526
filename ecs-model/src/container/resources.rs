//! GPUs, inference accelerators and Neuron devices assigned to a container.

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
        /// A GPU count, an accelerator `deviceName`, or `ALL` for Neuron.
        value "value": String,
        /// The kind of device.
        r#type "type": ResourceType,
    }
}

impl ResourceRequirement {
    /// `count` GPUs.
    #[must_use]
    pub fn gpus(count: u32) -> Self {
        Self {
            value: count.to_string(),
            r#type: ResourceType::Gpu,
            extra: crate::json::Extra::new(),
        }
    }

    /// The task's inference accelerator named `device_name`.
    #[must_use]
    pub fn inference_accelerator(device_name: impl Into<String>) -> Self {
        Self {
            value: device_name.into(),
            r#type: ResourceType::InferenceAccelerator,
            extra: crate::json::Extra::new(),
        }
    }
}
