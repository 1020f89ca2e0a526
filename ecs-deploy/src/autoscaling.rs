//! Application Auto Scaling, for services: the scalable target, its policies and scheduled
//! actions, read and written. Six calls of its JSON API (`AnyScaleFrontendService`), sent
//! through the SDK's runtime as the EC2 and Scheduler calls are, rather than a whole SDK crate.

use std::sync::Arc;

use aws_config::SdkConfig;
use serde_json::{Value, json};

use crate::runtime::{self, JsonResult, SdkJsonError, Service};

const AUTOSCALING: Service = Service {
    signing_name: "application-autoscaling",
    endpoint_prefix: "application-autoscaling",
};

/// The target prefix of the API's operations.
const PREFIX: &str = "AnyScaleFrontendService";

/// A service's scaling as Application Auto Scaling describes it: each item as the API answers
/// (with the fields it adds, `CreationTime`, `PolicyARN`, …).
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Described {
    /// The scalable target, if the service is registered.
    pub target: Option<Value>,
    /// The scaling policies.
    pub policies: Vec<Value>,
    /// The scheduled actions.
    pub scheduled_actions: Vec<Value>,
}

/// The Application Auto Scaling calls of a deployment.
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

    /// `operation` with `input`.
    ///
    /// # Errors
    /// The failed call.
    pub async fn call(&self, operation: &str, input: &Value) -> JsonResult {
        runtime::json_call(&self.config, &AUTOSCALING, PREFIX, operation, input).await
    }

    /// Every item under `key` of every page of `operation`.
    async fn pages(
        &self,
        operation: &str,
        input: Value,
        key: &str,
    ) -> Result<Vec<Value>, SdkJsonError> {
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut input = input.clone();
            if let Some(token) = &token {
                input["NextToken"] = json!(token);
            }
            let page = self.call(operation, &input).await?;
            items.extend(page[key].as_array().into_iter().flatten().cloned());
            match page["NextToken"].as_str() {
                Some(next) if !next.is_empty() && token.as_deref() != Some(next) => {
                    token = Some(next.to_owned());
                }
                _ => return Ok(items),
            }
        }
    }

    /// The scaling of the service whose `ResourceId` is `resource_id`
    /// (`service/<cluster>/<service>`).
    ///
    /// # Errors
    /// The first failed call.
    pub async fn describe(&self, resource_id: &str) -> Result<Described, SdkJsonError> {
        let of = json!({
            "ServiceNamespace": "ecs",
            "ScalableDimension": "ecs:service:DesiredCount",
        });
        let mut targets = of.clone();
        targets["ResourceIds"] = json!([resource_id]);
        let target = self
            .pages("DescribeScalableTargets", targets, "ScalableTargets")
            .await?
            .into_iter()
            .find(|t| t["ResourceId"] == resource_id);
        if target.is_none() {
            return Ok(Described::default());
        }
        let mut input = of;
        input["ResourceId"] = json!(resource_id);
        let policies = self
            .pages("DescribeScalingPolicies", input.clone(), "ScalingPolicies")
            .await?;
        let scheduled_actions = self
            .pages("DescribeScheduledActions", input, "ScheduledActions")
            .await?;
        Ok(Described {
            target,
            policies,
            scheduled_actions,
        })
    }
}
