//! A service as `describe-services` answers: the `CreateService` members read back from it, so
//! that a saved answer compares with the definition that made it.

use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, Severity};
use crate::path::JsonPath;
use crate::service::Service;
use crate::{Lenient, ParseError};

/// Members `describe-services` gives under the `CreateService` name.
const SAME_NAME: &[&str] = &[
    "serviceName",
    "loadBalancers",
    "serviceRegistries",
    "desiredCount",
    "launchType",
    "capacityProviderStrategy",
    "platformVersion",
    "taskDefinition",
    "deploymentConfiguration",
    "placementConstraints",
    "placementStrategy",
    "networkConfiguration",
    "healthCheckGracePeriodSeconds",
    "schedulingStrategy",
    "deploymentController",
    "tags",
    "enableECSManagedTags",
    "propagateTags",
    "enableExecuteCommand",
    "availabilityZoneRebalancing",
];

/// Members ECS keeps on the service's deployments, read from the `PRIMARY` one.
const ON_THE_DEPLOYMENT: &[&str] = &[
    "serviceConnectConfiguration",
    "volumeConfigurations",
    "vpcLatticeConfigurations",
];

impl Service {
    /// Reads a `describe-services` answer (`{"services": [...]}`, its first service), a
    /// `create-service` or `update-service` answer (`{"service": {...}}`), or one service
    /// object, as the `CreateService` request it stands for: `clusterArn` and
    /// `roleArn` as `cluster` and `role`, Service Connect, volumes and VPC Lattice from the
    /// `PRIMARY` deployment, and what only describing says (counts, events, deployments, ARNs
    /// of the service) left out. `monitoring` and gateway connectors are not in the answer
    /// (`describe-service-revisions` has them): they stay unset. Keys this crate does not know
    /// are kept, as the lenient parse keeps them.
    ///
    /// # Errors
    /// Not JSON, no service in it, or members that are not the API's shapes.
    pub fn from_describe_json(json: &str) -> Result<Lenient<Self>, ParseError> {
        let answer = crate::json::parse_value(json)?;
        let (described, at) = match (answer.get("services"), answer.get("service")) {
            (Some(Value::Array(services)), _) => {
                (services.first(), JsonPath::root().key("services"))
            }
            (_, Some(service)) => (Some(service), JsonPath::root().key("service")),
            _ => (Some(&answer), JsonPath::root()),
        };
        let Some(Value::Object(described)) = described else {
            return Err(ParseError::Shape(vec![Diagnostic::shape(
                at,
                Severity::Error,
                "no service in the answer",
            )]));
        };
        let mut request = Map::new();
        for key in SAME_NAME {
            if let Some(value) = described.get(*key) {
                request.insert((*key).to_owned(), value.clone());
            }
        }
        for (from, to) in [("clusterArn", "cluster"), ("roleArn", "role")] {
            if let Some(value) = described.get(from) {
                request.insert(to.to_owned(), value.clone());
            }
        }
        let primary = described
            .get("deployments")
            .and_then(Value::as_array)
            .and_then(|d| d.iter().find(|d| d["status"] == "PRIMARY"));
        if let Some(primary) = primary {
            for key in ON_THE_DEPLOYMENT {
                if let Some(value) = primary.get(*key) {
                    request.insert((*key).to_owned(), value.clone());
                }
            }
        }
        Self::from_json_lenient(&Value::Object(request).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_described_service_reads_as_its_create_request() {
        let answer = serde_json::json!({"services": [{
            "serviceArn": "arn:aws:ecs:us-east-1:1:service/prod/web",
            "serviceName": "web",
            "clusterArn": "arn:aws:ecs:us-east-1:1:cluster/prod",
            "status": "ACTIVE", "runningCount": 2, "desiredCount": 2,
            "taskDefinition": "arn:aws:ecs:us-east-1:1:task-definition/web:3",
            "events": [], "createdAt": 1_700_000_000.5,
            "deployments": [
                {"status": "ACTIVE", "serviceConnectConfiguration": {"enabled": false}},
                {"status": "PRIMARY", "serviceConnectConfiguration": {"enabled": true, "namespace": "ns"}}
            ]
        }], "failures": []});
        let service = Service::from_describe_json(&answer.to_string())
            .unwrap()
            .value;
        assert_eq!(service.service_name, "web");
        assert_eq!(
            service.cluster.as_deref(),
            Some("arn:aws:ecs:us-east-1:1:cluster/prod")
        );
        assert_eq!(service.desired_count, Some(2));
        let sc = service.service_connect_configuration.unwrap();
        assert!(sc.enabled);
        assert_eq!(sc.namespace.as_deref(), Some("ns"));
    }

    #[test]
    fn an_answer_without_services_says_so() {
        let error = Service::from_describe_json(r#"{"services": [], "failures": []}"#).unwrap_err();
        assert_eq!(error.to_string(), "services: no service in the answer");
        assert!(Service::from_describe_json("{").unwrap_err().is_syntax());
    }
}
