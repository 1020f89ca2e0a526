//! Day zero: a service made in the console (or by another tool) read back as definitions that
//! plan no change: the task definition as `register-task-definition` takes it and the service
//! as `create-service` takes it, without what ECS filled in (the revision, the status, the
//! defaults it echoes), with references as ECS keeps them (role and target group ARNs, secret
//! ARNs, security group and subnet ids), and as Rust that builds the same [`Application`].

use ecs_model::service::Service;
use ecs_model::{Account, Application, TaskDefinition, Workload};
use serde_json::{Map, Value, json};

use crate::clients::Clients;
use crate::convert;
use crate::error::{Error, aws};
use crate::plan::OWNERSHIP_MARK;

/// An existing service and the task definition it runs, in the shapes the CLI reads.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Adopted {
    /// Whose resources they are.
    pub account: Account,
    /// The cluster, by name.
    pub cluster: String,
    /// The revision the service runs, as `register-task-definition` takes it.
    pub task_definition: TaskDefinition,
    /// The service, as `create-service` takes it; its `taskDefinition` names the family.
    pub service: Service,
}

/// Reads `service` of `cluster` and the revision it runs.
///
/// # Errors
/// The service does not exist (or is not `ACTIVE`), or an AWS call failed.
pub async fn read(clients: &Clients, cluster: &str, service: &str) -> Result<Adopted, Error> {
    let what = format!("service {service} of cluster {cluster}");
    let described = clients
        .ecs
        .describe_services()
        .cluster(cluster)
        .services(service)
        .include(aws_sdk_ecs::types::ServiceField::Tags)
        .send()
        .await
        .map_err(aws("DescribeServices", &what))?;
    let Some(found) = described
        .services()
        .iter()
        .find(|s| s.status() == Some("ACTIVE"))
    else {
        return Err(Error::NotFound(format!(
            "{what} does not exist (or is not ACTIVE)"
        )));
    };
    let mut model = convert::service_from_sdk(found)?;
    let arn = model
        .task_definition
        .clone()
        .ok_or_else(|| Error::NotFound(format!("{what} names no task definition")))?;
    let got = clients
        .ecs
        .describe_task_definition()
        .task_definition(&arn)
        .include(aws_sdk_ecs::types::TaskDefinitionField::Tags)
        .send()
        .await
        .map_err(aws("DescribeTaskDefinition", &arn))?;
    let td = got
        .task_definition()
        .ok_or_else(|| Error::NotFound(format!("task definition {arn}")))?;
    let mut task_definition =
        convert::task_definition_from_sdk(td, got.tags())?.without_registration();
    // ecs-deploy's own mark is added to what it creates; it is not part of a definition.
    task_definition.tags.retain(|t| t.key != OWNERSHIP_MARK);
    model.tags.retain(|t| t.key != OWNERSHIP_MARK);
    for container in &mut task_definition.container_definitions {
        // Defaults ECS echoes: every container is essential, with no CPU reserved.
        if container.essential == Some(true) {
            container.essential = None;
        }
        if container.cpu == Some(0) {
            container.cpu = None;
        }
    }
    model.task_definition = Some(task_definition.family.clone());
    model.cluster = Some(cluster.to_owned());
    let region = clients
        .ecs
        .config()
        .region()
        .map_or_else(|| "us-east-1".to_owned(), ToString::to_string);
    let account = Account::new(clients.account_id().await?, region);
    Ok(Adopted {
        account,
        cluster: cluster.to_owned(),
        task_definition,
        service: without_defaults(&model)?,
    })
}

/// `service` without the values ECS fills in when a request leaves them out (the
/// `DescribeServices` answer has them all): what a person would have written.
fn without_defaults(service: &Service) -> Result<Service, Error> {
    let mut doc = serde_json::to_value(service).unwrap_or_default();
    if let Some(map) = doc.as_object_mut() {
        for (key, default) in [
            ("enableExecuteCommand", json!(false)),
            ("enableECSManagedTags", json!(false)),
            ("propagateTags", json!("NONE")),
            ("schedulingStrategy", json!("REPLICA")),
            ("deploymentController", json!({"type": "ECS"})),
            ("platformVersion", json!("LATEST")),
            ("tags", json!([])),
            ("placementConstraints", json!([])),
            ("placementStrategy", json!([])),
            ("serviceRegistries", json!([])),
            ("loadBalancers", json!([])),
        ] {
            remove_if(map, key, &default);
        }
        if let Some(Value::Object(deployment)) = map.get_mut("deploymentConfiguration") {
            remove_if(deployment, "maximumPercent", &json!(200));
            remove_if(deployment, "minimumHealthyPercent", &json!(100));
            remove_if(
                deployment,
                "deploymentCircuitBreaker",
                &json!({"enable": false, "rollback": false}),
            );
            remove_if(deployment, "strategy", &json!("ROLLING"));
        }
        remove_if(map, "deploymentConfiguration", &json!({}));
    }
    Service::from_json(&doc.to_string())
        .map_err(|e| Error::Unsupported(format!("the service read back: {e}")))
}

fn remove_if(map: &mut Map<String, Value>, key: &str, default: &Value) {
    if map.get(key) == Some(default) {
        map.remove(key);
    }
}

impl Adopted {
    /// The task definition file: `register-task-definition` input.
    #[must_use]
    pub fn task_definition_file(&self) -> String {
        self.task_definition.to_json_pretty()
    }

    /// The service file: `create-service` input.
    #[must_use]
    pub fn service_file(&self) -> String {
        self.service.to_json_pretty()
    }

    /// The application of both, named `name` (the mark on what it creates from now on).
    #[must_use]
    pub fn application(&self, name: &str) -> Application {
        Application::builder(
            name,
            self.account.clone(),
            ecs_model::cluster::Cluster::builder(&self.cluster),
        )
        .workload(Workload::builder(self.task_definition.clone()).service(self.service.clone()))
        .build_unchecked()
    }

    /// A Rust source file with `pub fn application(account: &Account) -> Result<Application, …>`
    /// that builds [`application`](Self::application)`(name)` with the builders, for any account
    /// and region: the ones read are written as `{account}` and `{region}` and replaced.
    #[must_use]
    pub fn rust_source(&self, name: &str) -> String {
        let portable = |json: String| {
            json.replace(&self.account.id, "{account}")
                .replace(&self.account.region, "{region}")
        };
        let task_definition = portable(self.task_definition.to_json_pretty());
        let service = portable(self.service.to_json_pretty());
        format!(
            r##"//! The `{service_name}` service of cluster `{cluster}`, as `ecs-deploy init` read it: the
//! application its definition files describe, for any account and region.

use ecs_model::cluster::Cluster;
use ecs_model::service::Service;
use ecs_model::{{Account, Application, TaskDefinition, Workload}};

/// The task definition the service runs, as `register-task-definition` takes it.
const TASK_DEFINITION: &str = r#"{task_definition}"#;

/// The service, as `create-service` takes it.
const SERVICE: &str = r#"{service}"#;

/// `text` for `account`: its id and region in place of `{{account}}` and `{{region}}`.
fn in_account(text: &str, account: &Account) -> String {{
    text.replace("{{account}}", &account.id)
        .replace("{{region}}", &account.region)
}}

/// The application `{name}` in `account`.
///
/// # Errors
/// A definition that does not parse, or an application that breaks an ECS rule.
pub fn application(account: &Account) -> Result<Application, Box<dyn std::error::Error>> {{
    let task_definition = TaskDefinition::from_json(&in_account(TASK_DEFINITION, account))?;
    let service = Service::from_json(&in_account(SERVICE, account))?;
    let app = Application::builder({name:?}, account.clone(), Cluster::builder({cluster:?}))
        .workload(Workload::builder(task_definition).service(service))
        .build()?;
    Ok(app)
}}
"##,
            service_name = self.service.service_name,
            cluster = self.cluster,
        )
    }
}
