//! Container health checks.

use crate::Text;
use crate::json::record::api_struct;

api_struct! {
    /// A Docker health check run by the container agent.
    ///
    /// ECS fills omitted values with 30 s interval, 5 s timeout and 3 retries (`ECS-D2`..`D4`).
    pub struct HealthCheck {
        /// `["CMD", exe, args…]` or `["CMD-SHELL", "command line"]`.
        command "command": Vec<Text>,
        /// Seconds between checks, 5–300 (default 30).
        interval "interval": Option<i32>,
        /// Seconds before a check counts as failed, 2–60 (default 5).
        timeout "timeout": Option<i32>,
        /// Consecutive failures before the container is unhealthy, 1–10 (default 3).
        retries "retries": Option<i32>,
        /// Grace period in seconds before failures count, 0–300 (off by default).
        start_period "startPeriod": Option<i32>,
    }
}

impl HealthCheck {
    /// Interval ECS uses when none is given.
    pub const DEFAULT_INTERVAL: i32 = 30;
    /// Timeout ECS uses when none is given.
    pub const DEFAULT_TIMEOUT: i32 = 5;
    /// Retries ECS uses when none are given.
    pub const DEFAULT_RETRIES: i32 = 3;

    /// A check run by the container's shell: `["CMD-SHELL", command]`.
    ///
    /// ```
    /// use ecs_model::HealthCheck;
    /// let check = HealthCheck::shell("curl -f http://localhost:8080/api/health || exit 1")
    ///     .interval(30)
    ///     .timeout(5)
    ///     .retries(3);
    /// assert_eq!(check.command[0], "CMD-SHELL");
    /// ```
    #[must_use]
    pub fn shell(command: impl Into<Text>) -> Self {
        Self {
            command: vec!["CMD-SHELL".into(), command.into()],
            ..Self::default()
        }
    }

    /// A check that executes a program directly: `["CMD", program, args…]`.
    #[must_use]
    pub fn exec<I, S>(argv: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        let mut command = vec![Text::from("CMD")];
        command.extend(argv.into_iter().map(Into::into));
        Self {
            command,
            ..Self::default()
        }
    }

    /// Sets the interval in seconds.
    #[must_use]
    pub fn interval(mut self, seconds: i32) -> Self {
        self.interval = Some(seconds);
        self
    }

    /// Sets the timeout in seconds.
    #[must_use]
    pub fn timeout(mut self, seconds: i32) -> Self {
        self.timeout = Some(seconds);
        self
    }

    /// Sets the number of retries.
    #[must_use]
    pub fn retries(mut self, retries: i32) -> Self {
        self.retries = Some(retries);
        self
    }

    /// Sets the start period in seconds.
    #[must_use]
    pub fn start_period(mut self, seconds: i32) -> Self {
        self.start_period = Some(seconds);
        self
    }
}
