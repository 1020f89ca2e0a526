//! Linux-specific settings: capabilities, devices, tmpfs, swap, sysctls and ulimits.

use crate::Text;
use crate::json::record::{api_enum, api_struct};

api_struct! {
    /// Linux kernel and Docker settings of a container (`ECS-H1`..`H5`).
    pub struct LinuxParameters {
        /// Capabilities added to or dropped from Docker's default set.
        capabilities "capabilities": Option<KernelCapabilities>,
        /// Host devices exposed to the container (not on Fargate).
        devices "devices": Vec<Device>,
        /// Runs an init process (`docker run --init`) that reaps zombies.
        init_process_enabled "initProcessEnabled": Option<bool>,
        /// Size of `/dev/shm` in MiB (not on Fargate).
        shared_memory_size "sharedMemorySize": Option<i32>,
        /// tmpfs mounts (not on Fargate).
        tmpfs "tmpfs": Vec<Tmpfs>,
        /// Swap the container may use, in MiB (not on Fargate).
        max_swap "maxSwap": Option<i32>,
        /// Swappiness 0–100 (needs `maxSwap`; not on Fargate).
        swappiness "swappiness": Option<i32>,
    }
}

/// Every capability name ECS accepts in `add` and `drop`.
pub const CAPABILITIES: &[&str] = &[
    "ALL",
    "AUDIT_CONTROL",
    "AUDIT_WRITE",
    "BLOCK_SUSPEND",
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "IPC_LOCK",
    "IPC_OWNER",
    "KILL",
    "LEASE",
    "LINUX_IMMUTABLE",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
    "MKNOD",
    "NET_ADMIN",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_RAW",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_CHROOT",
    "SYS_MODULE",
    "SYS_NICE",
    "SYS_PACCT",
    "SYS_PTRACE",
    "SYS_RAWIO",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "SYSLOG",
    "WAKE_ALARM",
];

api_struct! {
    /// Linux capabilities added to or dropped from Docker's defaults (`ECS-H1`).
    pub struct KernelCapabilities {
        /// Added; on Fargate only `SYS_PTRACE`.
        add "add": Vec<Text>,
        /// Dropped.
        drop "drop": Vec<Text>,
    }
}

api_enum! {
    /// What a container may do with a device.
    pub enum DeviceCgroupPermission ("device permission") {
        /// Read.
        Read = "read",
        /// Write.
        Write = "write",
        /// Create device nodes.
        Mknod = "mknod",
    }
}

api_struct! {
    /// A host device exposed to the container.
    pub struct Device {
        /// The device on the host.
        host_path "hostPath": Text,
        /// Where it appears in the container (defaults to `hostPath`).
        container_path "containerPath": Option<Text>,
        /// Allowed operations (all when empty).
        permissions "permissions": Vec<DeviceCgroupPermission>,
    }
}

/// Every tmpfs mount option ECS accepts.
pub const TMPFS_MOUNT_OPTIONS: &[&str] = &[
    "defaults",
    "ro",
    "rw",
    "suid",
    "nosuid",
    "dev",
    "nodev",
    "exec",
    "noexec",
    "sync",
    "async",
    "dirsync",
    "remount",
    "mand",
    "nomand",
    "atime",
    "noatime",
    "diratime",
    "nodiratime",
    "bind",
    "rbind",
    "unbindable",
    "runbindable",
    "private",
    "rprivate",
    "shared",
    "rshared",
    "slave",
    "rslave",
    "relatime",
    "norelatime",
    "strictatime",
    "nostrictatime",
    "mode",
    "uid",
    "gid",
    "nr_inodes",
    "nr_blocks",
    "mpol",
];

api_struct! {
    /// A tmpfs mount (`ECS-H4`).
    pub struct Tmpfs {
        /// Where it is mounted.
        container_path "containerPath": Text,
        /// Maximum size in MiB.
        size "size": i32,
        /// Mount options (`noexec`, `mode=1777`, …).
        mount_options "mountOptions": Vec<Text>,
    }
}

api_struct! {
    /// A namespaced kernel parameter (`sysctl`) set in the container (`ECS-H9`).
    pub struct SystemControl {
        /// The parameter (`net.core.somaxconn`).
        namespace "namespace": Option<Text>,
        /// Its value.
        value "value": Option<Text>,
    }
}

api_enum! {
    /// A resource limited by a ulimit.
    pub enum UlimitName ("ulimit name") {
        /// Core file size.
        Core = "core",
        /// CPU time.
        Cpu = "cpu",
        /// Data segment size.
        Data = "data",
        /// File size.
        Fsize = "fsize",
        /// File locks.
        Locks = "locks",
        /// Locked memory.
        Memlock = "memlock",
        /// POSIX message queue bytes.
        Msgqueue = "msgqueue",
        /// Nice priority ceiling.
        Nice = "nice",
        /// Open files.
        Nofile = "nofile",
        /// Processes.
        Nproc = "nproc",
        /// Resident set size.
        Rss = "rss",
        /// Real-time priority.
        Rtprio = "rtprio",
        /// Real-time CPU time.
        Rttime = "rttime",
        /// Pending signals.
        Sigpending = "sigpending",
        /// Stack size.
        Stack = "stack",
    }
}

impl Default for UlimitName {
    /// `nofile`, the limit people raise most.
    fn default() -> Self {
        Self::Nofile
    }
}

api_struct! {
    /// A resource limit (`ECS-H8`; not on Windows).
    pub struct Ulimit {
        /// The resource.
        name "name": UlimitName,
        /// The soft limit.
        soft_limit "softLimit": i32,
        /// The hard limit.
        hard_limit "hardLimit": i32,
    }
}

impl Ulimit {
    /// A limit of `soft` and `hard` on `name`.
    #[must_use]
    pub fn new(name: UlimitName, soft: i32, hard: i32) -> Self {
        Self {
            name,
            soft_limit: soft,
            hard_limit: hard,
            extra: crate::json::Extra::new(),
        }
    }
}
