//! Scheduled tasks: EventBridge Scheduler schedules whose target is ECS `RunTask` (Scheduler API
//! shapes, PascalCase as `aws scheduler create-schedule --cli-input-json` takes them).
//!
//! A schedule belongs to a [`Workload`](crate::Workload): the application fills in its target
//! (the cluster, the family's ARN without a revision, so the schedule always runs the latest
//! revision) and, unless given, a role that may run exactly that family and pass exactly its
//! roles ([`scheduler_policy`](crate::iam::scheduler_policy)).

mod api;
mod expression;
mod validate;

pub use api::*;
pub use expression::{Expression, ExpressionError};

use crate::Text;
use crate::builder::builder;
use crate::json::json_document;
use crate::service::{AssignPublicIp, CapacityProviderStrategyItem};

json_document!(Schedule);

impl Schedule {
    /// A schedule on a cron expression of six fields (minutes, hours, day of month, month, day of
    /// week, year; one of the two days is `?`), evaluated in UTC unless a
    /// [`time_zone`](ScheduleBuilder::time_zone) is given: `cron("nightly", "0 3 * * ? *")`.
    pub fn cron(name: impl Into<Text>, fields: &str) -> ScheduleBuilder {
        Self::builder(name, format!("cron({fields})"))
    }

    /// A schedule every `interval` (`"1 hour"`, `"15 minutes"`).
    pub fn rate(name: impl Into<Text>, interval: &str) -> ScheduleBuilder {
        Self::builder(name, format!("rate({interval})"))
    }

    /// A schedule that runs once, at `time` (`"2026-12-24T03:00:00"`).
    pub fn at(name: impl Into<Text>, time: &str) -> ScheduleBuilder {
        Self::builder(name, format!("at({time})"))
    }

    /// A schedule of `expression` as Scheduler takes it (`cron(…)`, `rate(…)` or `at(…)`), with
    /// one ECS task as its target, enabled, at the scheduled time.
    pub fn builder(name: impl Into<Text>, expression: impl Into<Text>) -> ScheduleBuilder {
        let ecs = EcsParameters {
            task_count: Some(1),
            ..EcsParameters::default()
        };
        let target = ScheduleTarget {
            ecs_parameters: Some(ecs),
            ..ScheduleTarget::default()
        };
        ScheduleBuilder {
            schedule: Schedule {
                name: name.into(),
                schedule_expression: expression.into(),
                state: Some(ScheduleState::Enabled),
                target,
                ..Schedule::default()
            },
        }
    }

    /// The `RunTask` parameters of its target.
    #[must_use]
    pub fn ecs(&self) -> Option<&EcsParameters> {
        self.target.ecs_parameters.as_ref()
    }

    /// The group it belongs to (`default` unless given).
    #[must_use]
    pub fn group(&self) -> &str {
        self.group_name.as_deref().unwrap_or("default")
    }
}

builder! {
    /// Builds a [`Schedule`]; [`build`](Self::build) validates it.
    ScheduleBuilder { schedule } => Schedule
}

impl ScheduleBuilder {
    fn ecs(&mut self) -> &mut EcsParameters {
        self.schedule
            .target
            .ecs_parameters
            .get_or_insert_with(EcsParameters::default)
    }

    fn awsvpc(&mut self) -> &mut ScheduleAwsVpcConfiguration {
        self.ecs()
            .network_configuration
            .get_or_insert_with(ScheduleNetworkConfiguration::default)
            .awsvpc_configuration
            .get_or_insert_with(ScheduleAwsVpcConfiguration::default)
    }

    /// The IANA time zone the expression is evaluated in (`Asia/Seoul`); daylight saving time is
    /// followed.
    pub fn time_zone(mut self, zone: impl Into<Text>) -> Self {
        self.schedule.schedule_expression_timezone = Some(zone.into());
        self
    }

    /// A description.
    pub fn description(mut self, text: impl Into<Text>) -> Self {
        self.schedule.description = Some(text.into());
        self
    }

    /// The schedule group (`default` otherwise).
    pub fn group(mut self, group: impl Into<Text>) -> Self {
        self.schedule.group_name = Some(group.into());
        self
    }

    /// Created disabled: it runs nothing until enabled.
    pub fn disabled(mut self) -> Self {
        self.schedule.state = Some(ScheduleState::Disabled);
        self
    }

    /// Runs within `minutes` after the scheduled time rather than at it (spreads load).
    pub fn flexible_window(mut self, minutes: i32) -> Self {
        self.schedule.flexible_time_window.mode = FlexibleTimeWindowMode::Flexible;
        self.schedule.flexible_time_window.maximum_window_in_minutes = Some(minutes);
        self
    }

    /// Gives up on a run that could not start within `max_age_seconds` or after `attempts`
    /// retries.
    pub fn retry(mut self, max_age_seconds: i32, attempts: i32) -> Self {
        self.schedule.target.retry_policy = Some(RetryPolicy {
            maximum_event_age_in_seconds: Some(max_age_seconds),
            maximum_retry_attempts: Some(attempts),
            ..RetryPolicy::default()
        });
        self
    }

    /// The role Scheduler assumes to run the task (otherwise the application creates one).
    pub fn role_arn(mut self, arn: impl Into<Text>) -> Self {
        self.schedule.target.role_arn = arn.into();
        self
    }

    /// How many tasks each run starts (1–10).
    pub fn task_count(mut self, count: i32) -> Self {
        self.ecs().task_count = Some(count);
        self
    }

    /// Runs on Fargate (no capacity provider strategy).
    pub fn fargate(mut self) -> Self {
        let ecs = self.ecs();
        ecs.launch_type = Some(LaunchType::Fargate);
        ecs.capacity_provider_strategy.clear();
        self
    }

    /// Runs through capacity provider `name` with `weight` (and `base`), rather than a launch
    /// type.
    pub fn capacity_provider(
        mut self,
        name: impl Into<Text>,
        weight: i32,
        base: Option<i32>,
    ) -> Self {
        let ecs = self.ecs();
        ecs.launch_type = None;
        ecs.capacity_provider_strategy
            .push(CapacityProviderStrategyItem::new(name, weight, base));
        self
    }

    /// The Fargate platform version.
    pub fn platform_version(mut self, version: impl Into<Text>) -> Self {
        self.ecs().platform_version = Some(version.into());
        self
    }

    /// Adds subnets for `awsvpc` tasks.
    pub fn subnets<I, S>(mut self, subnets: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Text>,
    {
        self.awsvpc()
            .subnets
            .extend(subnets.into_iter().map(Into::into));
        self
    }

    /// Adds a security group (an id, or a [`Reference`](crate::Reference) to one of the
    /// application's).
    pub fn security_group(mut self, group: impl Into<Text>) -> Self {
        self.awsvpc().security_groups.push(group.into());
        self
    }

    /// Whether tasks get a public IP (needed in public subnets without a NAT gateway).
    pub fn assign_public_ip(mut self, on: bool) -> Self {
        self.awsvpc().assign_public_ip = Some(if on {
            AssignPublicIp::Enabled
        } else {
            AssignPublicIp::Disabled
        });
        self
    }

    /// Tags the tasks with the task definition's tags.
    pub fn propagate_tags(mut self) -> Self {
        self.ecs().propagate_tags = Some(PropagateTags::TaskDefinition);
        self
    }
}
