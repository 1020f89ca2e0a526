//! EventBridge and EventBridge Scheduler. What runs ECS tasks on a schedule or on events, read
//! so that `deregister` keeps the revisions they name (EventBridge rules' targets on every event
//! bus, Scheduler schedules of every group); and the application's own schedules and their
//! groups, read and written. Sent through the SDK's runtime (as the EC2 client is) rather than
//! two SDK crates: EventBridge's JSON API (`AWSEvents`) and Scheduler's REST API.

use std::sync::Arc;

use aws_config::SdkConfig;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use serde_json::{Value, json};

use crate::runtime::{self, Service, ServiceError, encode};

const EVENTS: Service = Service {
    signing_name: "events",
    endpoint_prefix: "events",
};

const SCHEDULER: Service = Service {
    signing_name: "scheduler",
    endpoint_prefix: "scheduler",
};

/// What a call returns: its answer, or the SDK's error with the service's code and message.
pub type Result<T> = std::result::Result<T, SdkError<ServiceError, HttpResponse>>;

/// Something that runs a task definition: who (`EventBridge rule default/nightly`) and which
/// (`arn:…:task-definition/report:3`, or a family alone for its latest revision).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledTask {
    /// The rule or schedule.
    pub by: String,
    /// The task definition it names.
    pub task_definition: String,
}

/// The EventBridge and Scheduler reads of a deployment.
#[derive(Debug, Clone)]
pub struct Client {
    config: Arc<SdkConfig>,
}

impl Client {
    /// A client for `config`.
    #[must_use]
    pub fn new(config: &SdkConfig) -> Self {
        Self {
            config: Arc::new(config.clone()),
        }
    }

    /// Every task definition an EventBridge rule or a Scheduler schedule of the region names.
    ///
    /// # Errors
    /// The first failed call (`AccessDenied` when the credentials may not list them).
    pub async fn scheduled_tasks(&self) -> Result<Vec<ScheduledTask>> {
        let mut found = Vec::new();
        for bus in self
            .pages_of_events("ListEventBuses", json!({}), "EventBuses")
            .await?
        {
            let Some(bus) = bus["Name"].as_str() else {
                continue;
            };
            for rule in self
                .pages_of_events("ListRules", json!({"EventBusName": bus}), "Rules")
                .await?
            {
                let Some(rule) = rule["Name"].as_str() else {
                    continue;
                };
                let input = json!({"Rule": rule, "EventBusName": bus});
                for target in self
                    .pages_of_events("ListTargetsByRule", input, "Targets")
                    .await?
                {
                    if let Some(td) = target["EcsParameters"]["TaskDefinitionArn"].as_str() {
                        found.push(ScheduledTask {
                            by: format!("EventBridge rule {bus}/{rule}"),
                            task_definition: td.to_owned(),
                        });
                    }
                }
            }
        }
        for schedule in self.schedules().await? {
            let (Some(name), group) = (
                schedule["Name"].as_str(),
                schedule["GroupName"].as_str().unwrap_or("default"),
            ) else {
                continue;
            };
            // The list gives each target's ARN only; an ECS target is a cluster.
            if !schedule["Target"]["Arn"]
                .as_str()
                .is_some_and(|arn| arn.contains(":ecs:"))
            {
                continue;
            }
            let got = self
                .scheduler(
                    format!("/schedules/{name}?groupName={group}"),
                    "GetSchedule",
                )
                .await?;
            if let Some(td) = got["Target"]["EcsParameters"]["TaskDefinitionArn"].as_str() {
                found.push(ScheduledTask {
                    by: format!("schedule {group}/{name}"),
                    task_definition: td.to_owned(),
                });
            }
        }
        Ok(found)
    }

    /// Every item under `key` of every page of EventBridge's `operation`.
    async fn pages_of_events(
        &self,
        operation: &str,
        input: Value,
        key: &str,
    ) -> Result<Vec<Value>> {
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut input = input.clone();
            if let Some(token) = &token {
                input["NextToken"] = json!(token);
            }
            let page =
                runtime::json_call(&self.config, &EVENTS, "AWSEvents", operation, &input).await?;
            items.extend(page[key].as_array().into_iter().flatten().cloned());
            match page["NextToken"].as_str() {
                Some(next) if !next.is_empty() && token.as_deref() != Some(next) => {
                    token = Some(next.to_owned());
                }
                _ => return Ok(items),
            }
        }
    }

    /// Every schedule of every group (`ListSchedules`, paged).
    async fn schedules(&self) -> Result<Vec<Value>> {
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let path = match &token {
                Some(token) => format!("/schedules?NextToken={}", encode(token)),
                None => "/schedules".to_owned(),
            };
            let page = self.scheduler(path, "ListSchedules").await?;
            items.extend(page["Schedules"].as_array().into_iter().flatten().cloned());
            match page["NextToken"].as_str() {
                Some(next) if !next.is_empty() && token.as_deref() != Some(next) => {
                    token = Some(next.to_owned());
                }
                _ => return Ok(items),
            }
        }
    }

    /// A `GET` of Scheduler's REST API.
    async fn scheduler(&self, path: String, operation: &str) -> Result<Value> {
        runtime::rest_call(&self.config, &SCHEDULER, operation, "GET", &path, None).await
    }

    /// The schedule `name` of `group` as `GetSchedule` answers; `None` when it does not exist.
    ///
    /// # Errors
    /// A failed call other than `ResourceNotFoundException`.
    pub async fn get_schedule(&self, group: &str, name: &str) -> Result<Option<Value>> {
        let path = format!("/schedules/{}?groupName={}", encode(name), encode(group));
        not_found_is_none(self.scheduler(path, "GetSchedule").await)
    }

    /// Schedule group `group`'s ARN and tags; `None` when it does not exist.
    ///
    /// # Errors
    /// A failed call other than `ResourceNotFoundException`.
    pub async fn schedule_group(
        &self,
        group: &str,
    ) -> Result<Option<(String, Vec<(String, String)>)>> {
        let path = format!("/schedule-groups/{}", encode(group));
        let Some(found) = not_found_is_none(self.scheduler(path, "GetScheduleGroup").await)? else {
            return Ok(None);
        };
        let arn = found["Arn"].as_str().unwrap_or_default().to_owned();
        let path = format!("/tags/{}", encode(&arn));
        let tags = self.scheduler(path, "ListTagsForResource").await?;
        let tags = tags["Tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| {
                Some((
                    t["Key"].as_str()?.to_owned(),
                    t["Value"].as_str()?.to_owned(),
                ))
            })
            .collect();
        Ok(Some((arn, tags)))
    }

    /// Creates schedule group `group` with `tags`.
    ///
    /// # Errors
    /// The failed call (`ConflictException` when it exists).
    pub async fn create_schedule_group(
        &self,
        group: &str,
        tags: &[(String, String)],
    ) -> Result<Value> {
        let tags: Vec<Value> = tags
            .iter()
            .map(|(k, v)| json!({"Key": k, "Value": v}))
            .collect();
        let path = format!("/schedule-groups/{}", encode(group));
        let body = json!({"Tags": tags});
        runtime::rest_call(
            &self.config,
            &SCHEDULER,
            "CreateScheduleGroup",
            "POST",
            &path,
            Some(&body),
        )
        .await
    }

    /// Tags schedule group `group` (by ARN, as `TagResource` takes it) with `tags`.
    ///
    /// # Errors
    /// The failed call.
    pub async fn tag_schedule_group(&self, arn: &str, tags: &[(String, String)]) -> Result<Value> {
        let tags: Vec<Value> = tags
            .iter()
            .map(|(k, v)| json!({"Key": k, "Value": v}))
            .collect();
        let path = format!("/tags/{}", encode(arn));
        runtime::rest_call(
            &self.config,
            &SCHEDULER,
            "TagResource",
            "POST",
            &path,
            Some(&json!({"Tags": tags})),
        )
        .await
    }

    /// `CreateSchedule` (or, with `update`, `UpdateSchedule`) of `input`, a `CreateSchedule`
    /// input: its `Name` goes in the path.
    ///
    /// # Errors
    /// The failed call.
    pub async fn put_schedule(&self, input: &Value, update: bool) -> Result<Value> {
        let name = input["Name"].as_str().unwrap_or_default();
        let mut body = input.clone();
        if let Some(map) = body.as_object_mut() {
            map.remove("Name");
        }
        let path = format!("/schedules/{}", encode(name));
        let (operation, method) = if update {
            ("UpdateSchedule", "PUT")
        } else {
            ("CreateSchedule", "POST")
        };
        runtime::rest_call(
            &self.config,
            &SCHEDULER,
            operation,
            method,
            &path,
            Some(&body),
        )
        .await
    }
}

impl Client {
    /// The names of the schedules of `group`.
    ///
    /// # Errors
    /// The failed call.
    pub async fn schedule_names(&self, group: &str) -> Result<Vec<String>> {
        let mut names = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let path = match &token {
                Some(token) => format!(
                    "/schedules?ScheduleGroup={}&NextToken={}",
                    encode(group),
                    encode(token)
                ),
                None => format!("/schedules?ScheduleGroup={}", encode(group)),
            };
            let page = self.scheduler(path, "ListSchedules").await?;
            names.extend(
                page["Schedules"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|s| s["Name"].as_str().map(str::to_owned)),
            );
            match page["NextToken"].as_str() {
                Some(next) if !next.is_empty() && token.as_deref() != Some(next) => {
                    token = Some(next.to_owned());
                }
                _ => return Ok(names),
            }
        }
    }

    /// Deletes schedule `name` of `group`.
    ///
    /// # Errors
    /// The failed call (`ResourceNotFoundException` when it is gone already).
    pub async fn delete_schedule(&self, group: &str, name: &str) -> Result<Value> {
        let path = format!("/schedules/{}?groupName={}", encode(name), encode(group));
        runtime::rest_call(
            &self.config,
            &SCHEDULER,
            "DeleteSchedule",
            "DELETE",
            &path,
            None,
        )
        .await
    }
}

/// `Ok(None)` for Scheduler's "it does not exist".
#[allow(clippy::result_large_err)] // the SDK's error, as every call returns it
fn not_found_is_none(result: Result<Value>) -> Result<Option<Value>> {
    use aws_smithy_types::error::metadata::ProvideErrorMetadata as _;
    match result {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.code() == Some("ResourceNotFoundException") => Ok(None),
        Err(e) => Err(e),
    }
}
