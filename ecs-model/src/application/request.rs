//! One request to an AWS API, as the application renders it.

use std::fmt;

use serde_json::Value;

/// One request to an AWS API: what `aws <service> <operation> --cli-input-json` takes.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiRequest {
    /// The API: `logs`, `iam`, `ec2`, `elbv2`, `ecs`, `application-autoscaling` or `scheduler`.
    pub service: &'static str,
    /// The operation (`CreateTargetGroup`).
    pub operation: &'static str,
    /// The resource it is about, by name.
    pub resource: String,
    /// The input, with [`Reference`](crate::Reference) tokens where ids are not known before creation.
    pub input: Value,
}

impl ApiRequest {
    pub(super) fn new(
        service: &'static str,
        operation: &'static str,
        resource: impl Into<String>,
        input: Value,
    ) -> Self {
        Self {
            service,
            operation,
            resource: resource.into(),
            input,
        }
    }
}

impl fmt::Display for ApiRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.service, self.operation, self.resource)
    }
}
