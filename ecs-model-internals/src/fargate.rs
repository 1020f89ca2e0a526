//! The Fargate task sizes (`ECS-A9`, `ECS-A10`).

/// The memory sizes Fargate pairs with one CPU size, in MiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FargateMemory {
    /// `min_mib..=max_mib` by `step_mib`.
    Steps {
        /// Smallest memory.
        min_mib: u32,
        /// Largest memory.
        max_mib: u32,
        /// Increment.
        step_mib: u32,
    },
    /// Exactly these.
    Exactly(&'static [u32]),
}

/// A CPU size and the memory sizes Fargate pairs with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FargateSize {
    /// CPU units.
    pub cpu: u32,
    /// The memory sizes.
    pub memory: FargateMemory,
}

impl FargateSize {
    const fn steps(cpu: u32, min_mib: u32, max_mib: u32, step_mib: u32) -> Self {
        Self {
            cpu,
            memory: FargateMemory::Steps {
                min_mib,
                max_mib,
                step_mib,
            },
        }
    }

    const fn exactly(cpu: u32, mib: &'static [u32]) -> Self {
        Self {
            cpu,
            memory: FargateMemory::Exactly(mib),
        }
    }

    /// Whether Fargate runs `mib` of memory with this CPU size.
    #[must_use]
    pub fn allows(&self, mib: u32) -> bool {
        match self.memory {
            FargateMemory::Steps {
                min_mib,
                max_mib,
                step_mib,
            } => (min_mib..=max_mib).contains(&mib) && (mib - min_mib) % step_mib == 0,
            FargateMemory::Exactly(sizes) => sizes.contains(&mib),
        }
    }

    /// Every memory size, smallest first.
    #[must_use]
    pub fn memory_options(&self) -> Vec<u32> {
        match self.memory {
            FargateMemory::Steps {
                min_mib,
                max_mib,
                step_mib,
            } => (min_mib..=max_mib).step_by(step_mib as usize).collect(),
            FargateMemory::Exactly(sizes) => sizes.to_vec(),
        }
    }

    /// The memory sizes as a message says them.
    fn described(&self) -> String {
        match self.memory {
            FargateMemory::Steps {
                min_mib,
                max_mib,
                step_mib,
            } => format!("{min_mib}–{max_mib} MiB in steps of {step_mib}"),
            FargateMemory::Exactly(sizes) => {
                let sizes: Vec<String> = sizes.iter().map(u32::to_string).collect();
                format!("one of {} MiB", sizes.join(", "))
            }
        }
    }
}

/// Linux Fargate sizes (8 and 16 vCPU need platform version 1.4.0, the default).
///
/// 0.25 vCPU takes 512, 1024 or 2048 MiB only (the API reference's table of `memory`: 1536 is not
/// one of them). The 32 vCPU tier (32768 units: 61440, 122880 or 249856 MiB) is listed by
/// cfn-lint, maintained by AWS's CloudFormation team (pull request 4668, September 2026), and by
/// pulumi-awsx (2053); the ECS API model's documentation of 2026-11-20 does not list it yet.
pub const FARGATE_LINUX_SIZES: &[FargateSize] = &[
    FargateSize::exactly(256, &[512, 1024, 2048]),
    FargateSize::steps(512, 1024, 4096, 1024),
    FargateSize::steps(1024, 2048, 8192, 1024),
    FargateSize::steps(2048, 4096, 16384, 1024),
    FargateSize::steps(4096, 8192, 30720, 1024),
    FargateSize::steps(8192, 16384, 61440, 4096),
    FargateSize::steps(16384, 32768, 122_880, 8192),
    FargateSize::exactly(32768, &[61440, 122_880, 249_856]),
];

/// Windows Fargate sizes: 1, 2 and 4 vCPU only.
pub const FARGATE_WINDOWS_SIZES: &[FargateSize] = &[
    FargateSize::steps(1024, 2048, 8192, 1024),
    FargateSize::steps(2048, 4096, 16384, 1024),
    FargateSize::steps(4096, 8192, 30720, 1024),
];

/// The sizes of Windows (`windows`) or Linux tasks.
#[must_use]
pub fn sizes(windows: bool) -> &'static [FargateSize] {
    if windows {
        FARGATE_WINDOWS_SIZES
    } else {
        FARGATE_LINUX_SIZES
    }
}

/// The memory sizes (MiB) Fargate accepts with `cpu` units, or `None` when `cpu` is not a
/// Fargate CPU size.
#[must_use]
pub fn fargate_memory_options(cpu: u32, windows: bool) -> Option<Vec<u32>> {
    sizes(windows)
        .iter()
        .find(|size| size.cpu == cpu)
        .map(FargateSize::memory_options)
}

/// Why a task size is not a Fargate size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeProblem {
    /// The CPU is not a Fargate CPU size.
    Cpu(String),
    /// The memory does not go with the CPU.
    Memory(String),
}

impl SizeProblem {
    /// What is wrong.
    #[must_use]
    pub fn message(&self) -> &str {
        match self {
            Self::Cpu(message) | Self::Memory(message) => message,
        }
    }
}

/// Why `cpu` units with `mib` of memory is not a Fargate size, if it is not.
///
/// # Errors
/// The CPU or the memory that Fargate does not run.
pub fn size(cpu: u32, mib: u32, windows: bool) -> Result<(), SizeProblem> {
    let table = sizes(windows);
    let os = if windows { " Windows" } else { "" };
    let Some(size) = table.iter().find(|size| size.cpu == cpu) else {
        let valid: Vec<String> = table.iter().map(|s| s.cpu.to_string()).collect();
        return Err(SizeProblem::Cpu(format!(
            "{cpu} CPU units is not a Fargate{os} CPU size; use one of {}",
            valid.join(", ")
        )));
    };
    if size.allows(mib) {
        return Ok(());
    }
    Err(SizeProblem::Memory(format!(
        "{mib} MiB does not go with {cpu} CPU units on Fargate{os}: use {}",
        size.described()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linux_table_matches_the_documented_pairs() {
        assert!(size(256, 512, false).is_ok());
        assert!(size(256, 2048, false).is_ok());
        assert!(
            size(256, 1536, false).is_err(),
            "0.25 vCPU: 512, 1024 or 2048 only"
        );
        assert!(size(256, 3072, false).is_err());
        assert!(size(512, 1024, false).is_ok());
        assert!(size(512, 1536, false).is_err());
        assert!(size(4096, 30720, false).is_ok());
        assert!(size(8192, 16384, false).is_ok());
        assert!(size(8192, 20480, false).is_ok());
        assert!(size(8192, 18432, false).is_err());
        assert!(size(16384, 122_880, false).is_ok());
        assert!(size(16384, 40960, false).is_ok());
        assert!(size(16384, 36864, false).is_err());
        for mib in [61440, 122_880, 249_856] {
            assert!(size(32768, mib, false).is_ok(), "32 vCPU with {mib} MiB");
        }
        assert!(size(32768, 65536, false).is_err());
        assert!(size(32768, 61440, true).is_err(), "not on Windows");
        assert!(matches!(size(128, 512, false), Err(SizeProblem::Cpu(_))));
        assert_eq!(
            size(256, 1536, false).unwrap_err().message(),
            "1536 MiB does not go with 256 CPU units on Fargate: use one of 512, 1024, 2048 MiB"
        );
        assert_eq!(
            size(512, 1536, false).unwrap_err().message(),
            "1536 MiB does not go with 512 CPU units on Fargate: use 1024–4096 MiB in steps of 1024"
        );
    }

    #[test]
    fn windows_table_starts_at_one_vcpu() {
        assert!(size(512, 1024, true).is_err());
        assert!(size(1024, 2048, true).is_ok());
        assert!(size(8192, 16384, true).is_err());
        assert_eq!(
            fargate_memory_options(16384, false).map(|v| v.len()),
            Some(12)
        );
        assert_eq!(
            fargate_memory_options(256, false),
            Some(vec![512, 1024, 2048])
        );
        assert_eq!(fargate_memory_options(300, false), None);
    }
}
