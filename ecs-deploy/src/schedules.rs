//! What runs ECS tasks on a schedule or on events, read so that `deregister` keeps the
//! revisions they name: EventBridge rules' targets (every event bus) and EventBridge Scheduler
//! schedules (every group). Five read calls, sent through the SDK's runtime
//! (as the EC2 client is) rather than two SDK crates: EventBridge's JSON API (`AWSEvents`) and
//! Scheduler's REST API.

use std::fmt::Write as _;
use std::sync::Arc;

use aws_config::SdkConfig;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, OrchestratorError};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::error::metadata::ErrorMetadata;
use serde_json::{Value, json};

use crate::runtime::{self, Service, ServiceError};

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
            let mut request = HttpRequest::new(SdkBody::from(input.to_string()));
            request
                .headers_mut()
                .insert("content-type", "application/x-amz-json-1.1");
            request
                .headers_mut()
                .insert("x-amz-target", format!("AWSEvents.{operation}"));
            let _ = request.set_method("POST");
            let _ = request.set_uri("/");
            let page =
                runtime::send(&self.config, &EVENTS, operation.to_owned(), request, answer).await?;
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
        let mut request = HttpRequest::new(SdkBody::empty());
        let _ = request.set_method("GET");
        if request.set_uri(path.as_str()).is_err() {
            return Err(SdkError::construction_failure(format!(
                "not a request path: {path}"
            )));
        }
        runtime::send(
            &self.config,
            &SCHEDULER,
            operation.to_owned(),
            request,
            answer,
        )
        .await
    }
}

/// Percent-encodes a query value (paging tokens are opaque).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// A 2xx answer's JSON; any other is the service's error: its code from `x-amzn-ErrorType` or
/// the body's `__type` (without the namespace and the `:` suffix), its message.
fn answer(response: &HttpResponse) -> std::result::Result<Value, OrchestratorError<ServiceError>> {
    let body = response.body().bytes().unwrap_or_default();
    let parsed: Value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(body).map_err(|e| {
            OrchestratorError::response(format!("the answer is not JSON: {e}").into())
        })?
    };
    if response.status().is_success() {
        return Ok(parsed);
    }
    let header = |name: &str| response.headers().get(name).map(str::to_owned);
    let kind = header("x-amzn-errortype")
        .or_else(|| parsed["__type"].as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("HTTP {}", response.status().as_u16()));
    let code = kind.split(':').next().unwrap_or_default();
    let code = code.rsplit('#').next().unwrap_or(code);
    let mut meta = ErrorMetadata::builder().code(code);
    if let Some(message) = parsed["message"].as_str().or(parsed["Message"].as_str()) {
        meta = meta.message(message);
    }
    if let Some(id) = header("x-amzn-requestid") {
        meta = meta.custom("aws_request_id", id);
    }
    Err(OrchestratorError::operation(ServiceError::new(
        meta.build(),
    )))
}

#[cfg(test)]
mod tests {
    use aws_smithy_runtime_api::http::StatusCode;
    use aws_smithy_types::error::metadata::ProvideErrorMetadata;

    use super::*;

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        let mut response =
            HttpResponse::new(StatusCode::try_from(status).unwrap(), SdkBody::from(body));
        for (name, value) in headers {
            response
                .headers_mut()
                .insert(name.to_string(), value.to_string());
        }
        response
    }

    #[test]
    fn errors_carry_the_service_code_and_message() {
        let error = |r: &HttpResponse| match answer(r) {
            Err(e) => e.as_operation_error().cloned().unwrap(),
            Ok(v) => panic!("{v}"),
        };
        let e = error(&response(
            400,
            &[("x-amzn-RequestId", "r-1")],
            r#"{"__type":"com.amazonaws.events#ResourceNotFoundException","message":"Rule x does not exist."}"#,
        ));
        assert_eq!(
            (e.code(), e.message()),
            (
                Some("ResourceNotFoundException"),
                Some("Rule x does not exist.")
            )
        );
        let e = error(&response(
            403,
            &[(
                "x-amzn-ErrorType",
                "AccessDeniedException:http://internal.amazon.com/",
            )],
            r#"{"Message":"not authorized to perform: scheduler:ListSchedules"}"#,
        ));
        assert_eq!(e.code(), Some("AccessDeniedException"));
        assert!(e.to_string().contains("scheduler:ListSchedules"), "{e}");
        assert_eq!(error(&response(503, &[], "")).code(), Some("HTTP 503"));
        assert!(answer(&response(200, &[], "not json")).is_err());
        assert_eq!(encode("a b/c=="), "a%20b%2Fc%3D%3D");
    }
}
