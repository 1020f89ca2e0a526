//! Where task volumes and other containers' volumes appear inside a container.

use crate::Text;
use crate::json::record::api_struct;

api_struct! {
    /// A task volume mounted into the container (`ECS-I2`).
    pub struct MountPoint {
        /// The `name` of a volume of the task.
        source_volume "sourceVolume": Option<Text>,
        /// Where it appears in the container.
        container_path "containerPath": Option<Text>,
        /// Read-only when `true` (default `false`).
        read_only "readOnly": Option<bool>,
    }
}

impl MountPoint {
    /// Mounts task volume `source_volume` at `container_path`, read-write.
    #[must_use]
    pub fn new(source_volume: impl Into<Text>, container_path: impl Into<Text>) -> Self {
        Self {
            source_volume: Some(source_volume.into()),
            container_path: Some(container_path.into()),
            ..Self::default()
        }
    }

    /// Makes the mount read-only.
    #[must_use]
    pub fn read_only(mut self) -> Self {
        self.read_only = Some(true);
        self
    }
}

api_struct! {
    /// Mounts every volume of another container of the task.
    pub struct VolumeFrom {
        /// The container whose volumes are mounted.
        source_container "sourceContainer": Option<Text>,
        /// Read-only when `true` (default `false`).
        read_only "readOnly": Option<bool>,
    }
}

impl VolumeFrom {
    /// Every volume of `container`, read-write.
    #[must_use]
    pub fn new(container: impl Into<Text>) -> Self {
        Self {
            source_container: Some(container.into()),
            ..Self::default()
        }
    }
}
