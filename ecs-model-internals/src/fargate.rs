//! The Fargate task sizes (`ECS-A9`, `ECS-A10`).

/// A CPU size and the memory sizes Fargate pairs with it, in MiB: `min_mib..=max_mib` by
/// `step_mib`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FargateSize {
    /// CPU units.
    pub cpu: u32,
    /// Smallest memory.
    pub min_mib: u32,
    /// Largest memory.
    pub max_mib: u32,
    /// Increment.
    pub step_mib: u32,
}

impl FargateSize {
    const fn new(cpu: u32, min_mib: u32, max_mib: u32, step_mib: u32) -> Self {
        Self {
            cpu,
            min_mib,
            max_mib,
            step_mib,
        }
    }

    /// Whether Fargate runs `mib` of memory with this CPU size.
    #[must_use]
    pub fn allows(&self, mib: u32) -> bool {
        (self.min_mib..=self.max_mib).contains(&mib) && (mib - self.min_mib) % self.step_mib == 0
    }
}

/// Linux Fargate sizes (8 and 16 vCPU need platform version 1.4.0, the default).
pub const FARGATE_LINUX_SIZES: &[FargateSize] = &[
    FargateSize::new(256, 512, 2048, 512),
    FargateSize::new(512, 1024, 4096, 1024),
    FargateSize::new(1024, 2048, 8192, 1024),
    FargateSize::new(2048, 4096, 16384, 1024),
    FargateSize::new(4096, 8192, 30720, 1024),
    FargateSize::new(8192, 16384, 61440, 4096),
    FargateSize::new(16384, 32768, 122_880, 8192),
];

/// Windows Fargate sizes: 1, 2 and 4 vCPU only.
pub const FARGATE_WINDOWS_SIZES: &[FargateSize] = &[
    FargateSize::new(1024, 2048, 8192, 1024),
    FargateSize::new(2048, 4096, 16384, 1024),
    FargateSize::new(4096, 8192, 30720, 1024),
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
        .map(|size| {
            (size.min_mib..=size.max_mib)
                .step_by(size.step_mib as usize)
                .collect()
        })
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
        "{mib} MiB does not go with {cpu} CPU units on Fargate{os}: use {}–{} MiB in steps of {}",
        size.min_mib, size.max_mib, size.step_mib
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linux_table_matches_the_documented_pairs() {
        assert!(size(256, 512, false).is_ok());
        assert!(size(256, 2048, false).is_ok());
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
        assert!(matches!(size(128, 512, false), Err(SizeProblem::Cpu(_))));
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
            Some(vec![512, 1024, 1536, 2048])
        );
        assert_eq!(fargate_memory_options(300, false), None);
    }
}
