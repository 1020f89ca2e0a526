//! The Fargate task sizes (`ECS-A9`, `ECS-A10`).

/// A CPU size and the memory sizes Fargate pairs with it, in MiB: `min..=max` by `step`.
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
    fn allows(&self, mib: u32) -> bool {
        (self.min_mib..=self.max_mib).contains(&mib) && (mib - self.min_mib) % self.step_mib == 0
    }
}

/// Linux Fargate sizes (8 and 16 vCPU need platform version 1.4.0, the default).
pub const FARGATE_LINUX_SIZES: &[FargateSize] = &[
    FargateSize {
        cpu: 256,
        min_mib: 512,
        max_mib: 2048,
        step_mib: 512,
    },
    FargateSize {
        cpu: 512,
        min_mib: 1024,
        max_mib: 4096,
        step_mib: 1024,
    },
    FargateSize {
        cpu: 1024,
        min_mib: 2048,
        max_mib: 8192,
        step_mib: 1024,
    },
    FargateSize {
        cpu: 2048,
        min_mib: 4096,
        max_mib: 16384,
        step_mib: 1024,
    },
    FargateSize {
        cpu: 4096,
        min_mib: 8192,
        max_mib: 30720,
        step_mib: 1024,
    },
    FargateSize {
        cpu: 8192,
        min_mib: 16384,
        max_mib: 61440,
        step_mib: 4096,
    },
    FargateSize {
        cpu: 16384,
        min_mib: 32768,
        max_mib: 122_880,
        step_mib: 8192,
    },
];

/// Windows Fargate sizes: 1, 2 and 4 vCPU only.
pub const FARGATE_WINDOWS_SIZES: &[FargateSize] = &[
    FargateSize {
        cpu: 1024,
        min_mib: 2048,
        max_mib: 8192,
        step_mib: 1024,
    },
    FargateSize {
        cpu: 2048,
        min_mib: 4096,
        max_mib: 16384,
        step_mib: 1024,
    },
    FargateSize {
        cpu: 4096,
        min_mib: 8192,
        max_mib: 30720,
        step_mib: 1024,
    },
];

/// The memory sizes (MiB) Fargate accepts with `cpu` units, or `None` when `cpu` is not a
/// Fargate CPU size.
///
/// ```
/// use ecs_model::validate::fargate_memory_options;
/// assert_eq!(fargate_memory_options(256, false), Some(vec![512, 1024, 1536, 2048]));
/// assert_eq!(fargate_memory_options(300, false), None);
/// ```
#[must_use]
pub fn fargate_memory_options(cpu: u32, windows: bool) -> Option<Vec<u32>> {
    let table = if windows {
        FARGATE_WINDOWS_SIZES
    } else {
        FARGATE_LINUX_SIZES
    };
    table.iter().find(|size| size.cpu == cpu).map(|size| {
        (size.min_mib..=size.max_mib)
            .step_by(size.step_mib as usize)
            .collect()
    })
}

/// Why `cpu`/`memory` is not a Fargate size, if it is not.
pub(crate) fn size_problem(cpu: u32, mib: u32, windows: bool) -> Option<String> {
    let table = if windows {
        FARGATE_WINDOWS_SIZES
    } else {
        FARGATE_LINUX_SIZES
    };
    let os = if windows { " Windows" } else { "" };
    let Some(size) = table.iter().find(|size| size.cpu == cpu) else {
        let valid: Vec<String> = table.iter().map(|s| s.cpu.to_string()).collect();
        return Some(format!(
            "{cpu} CPU units is not a Fargate{os} CPU size; use one of {}",
            valid.join(", ")
        ));
    };
    if size.allows(mib) {
        return None;
    }
    Some(format!(
        "{mib} MiB does not go with {cpu} CPU units on Fargate{os}: use {}–{} MiB in steps of {}",
        size.min_mib, size.max_mib, size.step_mib
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linux_table_matches_the_documented_pairs() {
        assert!(size_problem(256, 512, false).is_none());
        assert!(size_problem(256, 2048, false).is_none());
        assert!(size_problem(256, 3072, false).is_some());
        assert!(size_problem(512, 1024, false).is_none());
        assert!(size_problem(512, 1536, false).is_some());
        assert!(size_problem(4096, 30720, false).is_none());
        assert!(size_problem(8192, 16384, false).is_none());
        assert!(size_problem(8192, 20480, false).is_none());
        assert!(size_problem(8192, 18432, false).is_some());
        assert!(size_problem(16384, 122_880, false).is_none());
        assert!(size_problem(16384, 40960, false).is_none());
        assert!(size_problem(16384, 36864, false).is_some());
        assert!(size_problem(128, 512, false).is_some());
    }

    #[test]
    fn windows_table_starts_at_one_vcpu() {
        assert!(size_problem(512, 1024, true).is_some());
        assert!(size_problem(1024, 2048, true).is_none());
        assert!(size_problem(8192, 16384, true).is_some());
        assert_eq!(
            fargate_memory_options(16384, false).map(|v| v.len()),
            Some(12)
        );
    }
}
