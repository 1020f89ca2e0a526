//! Numeric limits of the task definition API, each with the message validation reports.

use crate::text::quoted;

/// An inclusive range of integers ECS accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Smallest.
    pub min: i64,
    /// Largest.
    pub max: i64,
}

impl Range {
    const fn new(min: i64, max: i64) -> Self {
        Self { min, max }
    }

    /// Whether `value` is within the range.
    #[must_use]
    pub fn contains(self, value: i64) -> bool {
        (self.min..=self.max).contains(&value)
    }
}

/// Health check `interval`, seconds (`ECS-D2`).
pub const HEALTH_CHECK_INTERVAL: Range = Range::new(5, 300);
/// Health check `timeout`, seconds (`ECS-D3`).
pub const HEALTH_CHECK_TIMEOUT: Range = Range::new(2, 60);
/// Health check `retries` (`ECS-D4`).
pub const HEALTH_CHECK_RETRIES: Range = Range::new(1, 10);
/// Health check `startPeriod`, seconds (`ECS-D5`).
pub const HEALTH_CHECK_START_PERIOD: Range = Range::new(0, 300);

/// Why a health-check value (`interval`, `timeout`, `retries`, `startPeriod`) is outside
/// `range`, if it is.
#[must_use]
pub fn health_check(key: &str, value: i64, range: Range) -> Option<String> {
    let unit = if key == "retries" { "" } else { " seconds" };
    (!range.contains(value)).then(|| format!("{value}{unit}; use {}–{}", range.min, range.max))
}

/// The smallest container memory Docker accepts, MiB (`ECS-B5`).
pub const CONTAINER_MIN_MIB: i64 = 6;

/// Why `mib` is too little memory for a container (`ECS-B5`), if it is.
#[must_use]
pub fn container_memory(mib: i64) -> Option<String> {
    (mib < CONTAINER_MIN_MIB)
        .then(|| format!("{mib} MiB; Docker needs at least {CONTAINER_MIN_MIB} MiB per container"))
}

/// Why a memory reservation above the hard limit is wrong (`ECS-B4`), if it is.
#[must_use]
pub fn memory_reservation(reservation: i64, memory: i64) -> Option<String> {
    (reservation > memory).then(|| format!("must not exceed memory ({reservation} > {memory})"))
}

/// Container CPU units (`ECS-B7`).
pub const CONTAINER_CPU: Range = Range::new(0, 262_144);

/// Why `units` is not a container CPU amount (`ECS-B7`), if it is not.
#[must_use]
pub fn container_cpu(units: i64) -> Option<String> {
    (!CONTAINER_CPU.contains(units))
        .then(|| format!("{units} CPU units; containers take 0–262,144"))
}

/// Why a container's `startTimeout` or `stopTimeout` is wrong everywhere (`ECS-B9`), if it is.
#[must_use]
pub fn timeout(seconds: i64) -> Option<String> {
    (seconds < 0).then(|| format!("{seconds} seconds; must not be negative"))
}

/// Why `value` is not a GPU count (`ECS-B12`), if it is not: a positive integer, or `ALL` (every
/// GPU of the instance).
#[must_use]
pub fn gpus(value: &str) -> Option<String> {
    (value != "ALL" && !value.parse::<u32>().is_ok_and(|n| n > 0))
        .then(|| format!("{} is not a GPU count or `ALL`", quoted(value)))
}

/// Container ports (`ECS-C11`).
pub const CONTAINER_PORT: Range = Range::new(1, 65535);
/// Host ports: `0` asks for a dynamic port (`ECS-C11`).
pub const HOST_PORT: Range = Range::new(0, 65535);

/// Why `port` is not within `range` ([`CONTAINER_PORT`], [`HOST_PORT`]), if it is not.
#[must_use]
pub fn port(port: i64, range: Range) -> Option<String> {
    (!range.contains(port)).then(|| format!("{port} is not a port ({}–{})", range.min, range.max))
}

/// Reads a `containerPortRange` (`"8000-8080"`, `ECS-C6`): ports 1–65535, the first below the
/// last.
///
/// # Errors
/// Why the text is not a port range.
pub fn port_range(text: &str) -> Result<(i64, i64), String> {
    let parsed = text.split_once('-').and_then(|(start, end)| {
        let port = |text: &str| text.trim().parse::<i32>().ok().map(i64::from);
        Some((port(start)?, port(end)?))
    });
    match parsed {
        Some((start, end))
            if CONTAINER_PORT.contains(start) && CONTAINER_PORT.contains(end) && start < end =>
        {
            Ok((start, end))
        }
        Some((start, end)) if start >= end => Err(format!(
            "{}: the first port must be below the last",
            quoted(text)
        )),
        _ => Err(format!(
            "{} is not `start-end` with ports 1–65535",
            quoted(text)
        )),
    }
}

/// How many containers a task definition holds (`ECS-A2`).
pub const CONTAINERS: Range = Range::new(1, 10);

/// Why `count` containers is not a task definition (`ECS-A2`), if it is not.
#[must_use]
pub fn containers(count: usize) -> Option<String> {
    if count == 0 {
        Some("a task definition needs at least one container".to_owned())
    } else if i64::try_from(count).map_or(true, |n| n > CONTAINERS.max) {
        Some(format!(
            "{count} containers; a task definition holds at most {}",
            CONTAINERS.max
        ))
    } else {
        None
    }
}

/// Ephemeral storage of a Fargate task, GiB (`ECS-A15`).
pub const EPHEMERAL_STORAGE_GIB: Range = Range::new(21, 200);

/// Why `gib` is not an ephemeral storage size (`ECS-A15`), if it is not.
#[must_use]
pub fn ephemeral_storage(gib: i64) -> Option<String> {
    (!EPHEMERAL_STORAGE_GIB.contains(gib)).then(|| {
        format!(
            "{gib} GiB; use {}–{}",
            EPHEMERAL_STORAGE_GIB.min, EPHEMERAL_STORAGE_GIB.max
        )
    })
}

/// Why `mib` is not a task memory size (`ECS-A7`), if it is not.
#[must_use]
pub fn task_memory(mib: u32) -> Option<String> {
    (mib == 0).then(|| "0 MiB; task memory must be positive".to_owned())
}

/// Why a ulimit's soft limit above its hard limit is wrong (`ECS-H8`), if it is.
#[must_use]
pub fn ulimit(soft: i64, hard: i64) -> Option<String> {
    (soft > hard).then(|| format!("soft limit {soft} is above the hard limit {hard}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_values() {
        assert_eq!(
            health_check("interval", 400, HEALTH_CHECK_INTERVAL).as_deref(),
            Some("400 seconds; use 5–300")
        );
        assert_eq!(
            health_check("retries", 0, HEALTH_CHECK_RETRIES).as_deref(),
            Some("0; use 1–10")
        );
        assert!(health_check("timeout", 60, HEALTH_CHECK_TIMEOUT).is_none());
        assert!(container_memory(5).is_some() && container_memory(6).is_none());
        assert!(container_cpu(262_145).is_some() && container_cpu(262_144).is_none());
        assert!(memory_reservation(512, 256).is_some());
        assert_eq!(port_range("8000-8080"), Ok((8000, 8080)));
        assert!(port_range("9-8").unwrap_err().contains("below"));
        assert!(port_range("0-8").is_err() && port_range("x").is_err());
        assert!(containers(0).is_some() && containers(11).is_some() && containers(10).is_none());
        assert!(ephemeral_storage(20).is_some() && ephemeral_storage(200).is_none());
        assert!(port(0, CONTAINER_PORT).is_some() && port(0, HOST_PORT).is_none());
        assert!(gpus("0").is_some() && gpus("two").is_some() && gpus("2").is_none());
    }
}
