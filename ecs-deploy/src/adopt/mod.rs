//! Day zero: a service made in the console (or by another tool) read back as definitions that
//! plan no change: the task definition as `register-task-definition` takes it and the service
//! as `create-service` takes it, without what ECS filled in (the revision, the status, the
//! defaults it echoes), with references as ECS keeps them (role and target group ARNs, secret
//! ARNs, security group and subnet ids), and as Rust that builds the same [`Application`].

use ecs_model::Text;
use ecs_model::alb::{Listener, LoadBalancer, TargetGroup};
use ecs_model::iam::Role;
use ecs_model::network::{SecurityGroup, Source};
use ecs_model::service::Service;
use ecs_model::{Account, Application, Reference, TaskDefinition, Workload};
use serde_json::{Map, Value, json};

mod rust;

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
    /// The roles of this account the task definition names.
    pub roles: Vec<Role>,
    /// The security groups of the service and of its load balancers.
    pub security_groups: Vec<SecurityGroup>,
    /// The load balancers that forward to the service's target groups.
    pub load_balancers: Vec<LoadBalancer>,
    /// The target groups the service registers into.
    pub target_groups: Vec<TargetGroup>,
    /// The load balancers' listeners.
    pub listeners: Vec<Listener>,
    /// What was read but not adopted, and why.
    pub notes: Vec<String>,
    /// The ids and ARNs of the groups, load balancers and target groups, by name.
    ids: ReadIds,
}

/// Ids and ARNs as read, each with its resource's name.
#[derive(Debug, Clone, PartialEq, Default)]
struct ReadIds {
    security_groups: Vec<(String, String)>,
    load_balancers: Vec<(String, String)>,
    target_groups: Vec<(String, String)>,
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
    model.cluster = Some(cluster.into());
    let region = clients
        .ecs
        .config()
        .region()
        .map_or_else(|| "us-east-1".to_owned(), ToString::to_string);
    let account = Account::new(clients.account_id().await?, region);
    let service = without_defaults(&model)?;
    let mut notes = Vec::new();
    let skeleton = skeleton(clients, &account, &task_definition, &service, &mut notes).await?;
    let observed = crate::observe::observe(clients, &skeleton).await?;
    let roles = adopted_roles(&skeleton, &observed);
    Ok(Adopted {
        account,
        cluster: cluster.to_owned(),
        task_definition,
        service,
        roles,
        security_groups: observed
            .security_groups
            .values()
            .map(|f| f.value.clone())
            .collect(),
        load_balancers: observed
            .load_balancers
            .values()
            .map(|f| f.value.clone())
            .collect(),
        target_groups: observed
            .target_groups
            .values()
            .map(|f| f.value.clone())
            .collect(),
        listeners: observed
            .listeners
            .values()
            .map(|f| f.value.clone())
            .collect(),
        notes,
        ids: ReadIds {
            security_groups: ids_of(&observed.security_groups),
            load_balancers: ids_of(&observed.load_balancers),
            target_groups: ids_of(&observed.target_groups),
        },
    })
}

fn ids_of<T>(
    found: &std::collections::BTreeMap<String, crate::state::Found<T>>,
) -> Vec<(String, String)> {
    found
        .iter()
        .map(|(name, f)| (f.id.clone(), name.clone()))
        .collect()
}

/// The roles of `skeleton` as IAM has them.
fn adopted_roles(skeleton: &Application, observed: &crate::state::Observed) -> Vec<Role> {
    skeleton
        .roles
        .iter()
        .filter_map(|role| {
            let found = observed.roles.get(&role.name)?;
            let trust = found.trust_policy.clone()?;
            let mut builder = Role::builder(&role.name, trust);
            for arn in &found.managed_policy_arns {
                builder = builder.managed_policy(arn);
            }
            for (name, document) in &found.inline_policies {
                builder = builder.inline_policy(name, document.clone());
            }
            let mut adopted = builder.build_unchecked();
            adopted.path.clone_from(&role.path);
            Some(adopted)
        })
        .collect()
}

/// The resources `td` and `service` name, by name only: what [`observe`](crate::observe) reads
/// in full. Roles of other accounts are left out.
async fn skeleton(
    clients: &Clients,
    account: &Account,
    td: &TaskDefinition,
    service: &Service,
    notes: &mut Vec<String>,
) -> Result<Application, Error> {
    let mut app = Application::builder(
        "adopted",
        account.clone(),
        ecs_model::cluster::Cluster::builder("adopted"),
    )
    .build_unchecked();
    let own_role = format!("arn:{}:iam::{}:role/", account.partition(), account.id);
    for arn in td.execution_role_arn.iter().chain(&td.task_role_arn) {
        let Some(path_and_name) = arn.strip_prefix(&own_role) else {
            continue;
        };
        let (path, name) = match path_and_name.rsplit_once('/') {
            Some((path, name)) => (Some(format!("/{path}/")), name),
            None => (None, path_and_name),
        };
        if app.roles.iter().any(|r| r.name == name) {
            continue;
        }
        let mut role =
            Role::builder(name, ecs_model::iam::PolicyDocument::default()).build_unchecked();
        role.path = path;
        app.roles.push(role);
    }
    let target_group_arns: Vec<String> = service
        .load_balancers
        .iter()
        .filter_map(|lb| lb.target_group_arn.as_ref().map(Text::to_string))
        .collect();
    let mut group_ids: Vec<String> = service
        .network_configuration
        .iter()
        .flat_map(|n| &n.awsvpc_configuration)
        .flat_map(|vpc| vpc.security_groups.iter().map(Text::to_string))
        .collect();
    if !target_group_arns.is_empty() {
        let described = clients
            .elbv2
            .describe_target_groups()
            .set_target_group_arns(Some(target_group_arns.clone()))
            .send()
            .await
            .map_err(aws("DescribeTargetGroups", "the service's target groups"))?;
        let mut load_balancer_arns = Vec::new();
        for tg in described.target_groups() {
            let mut model = TargetGroup::default();
            model.name = tg.target_group_name().unwrap_or_default().into();
            app.target_groups.push(model);
            load_balancer_arns.extend(tg.load_balancer_arns().iter().cloned());
        }
        load_balancer_arns.sort();
        load_balancer_arns.dedup();
        if !load_balancer_arns.is_empty() {
            let described = clients
                .elbv2
                .describe_load_balancers()
                .set_load_balancer_arns(Some(load_balancer_arns))
                .send()
                .await
                .map_err(aws("DescribeLoadBalancers", "the service's load balancers"))?;
            for lb in described.load_balancers() {
                let mut model = LoadBalancer::default();
                model.name = lb.load_balancer_name().unwrap_or_default().into();
                app.load_balancers.push(model);
                group_ids.extend(lb.security_groups().iter().cloned());
            }
        }
    }
    group_ids.sort();
    group_ids.dedup();
    app.security_groups = groups(clients, &group_ids, notes).await?;
    Ok(app)
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

    /// The application the two files describe, as the command line builds it from them: the
    /// task definition and its service, naming the rest by ARN and id.
    #[must_use]
    pub fn definitions(&self, name: &str) -> Application {
        Application::builder(
            name,
            self.account.clone(),
            ecs_model::cluster::Cluster::builder(&self.cluster),
        )
        .workload(Workload::builder(self.task_definition.clone()).service(self.service.clone()))
        .build_unchecked()
    }

    /// The whole application, named `name` (the mark on what it creates from now on): the task
    /// definition, the service, and the roles, security groups, load balancers, target groups
    /// and listeners they name, which now refer to each other by reference
    /// (`{{security-group:…}}`) rather than by id, as an application written by hand would.
    #[must_use]
    pub fn application(&self, name: &str) -> Application {
        let references = self.references();
        let mut builder = Application::builder(
            name,
            self.account.clone(),
            ecs_model::cluster::Cluster::builder(&self.cluster),
        );
        for role in &self.roles {
            builder = builder.role(role.clone());
        }
        for group in &self.security_groups {
            builder = builder.security_group(referring(group, &references));
        }
        for lb in &self.load_balancers {
            builder = builder.load_balancer(tokens(lb, &references));
        }
        for tg in &self.target_groups {
            builder = builder.target_group(tg.clone());
        }
        for listener in &self.listeners {
            builder = builder.listener(tokens(listener, &references));
        }
        builder
            .workload(
                Workload::builder(self.task_definition.clone())
                    .service(tokens(&self.service, &references)),
            )
            .build_unchecked()
    }

    /// Each id or ARN read, with the reference the application uses in its place.
    fn references(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (id, group) in &self.ids.security_groups {
            out.push((id.clone(), Reference::security_group(group).to_string()));
        }
        for (arn, lb) in &self.ids.load_balancers {
            out.push((arn.clone(), Reference::load_balancer(lb).to_string()));
        }
        for (arn, tg) in &self.ids.target_groups {
            out.push((arn.clone(), Reference::target_group(tg).to_string()));
        }
        out
    }
}

/// `value` with each id or ARN of `references` replaced by its reference.
fn tokens<T: serde::Serialize + serde::de::DeserializeOwned + Clone>(
    value: &T,
    references: &[(String, String)],
) -> T {
    let mut text = serde_json::to_string(value).unwrap_or_default();
    for (id, reference) in references {
        text = text.replace(&format!("\"{id}\""), &format!("\"{reference}\""));
    }
    serde_json::from_str(&text).unwrap_or_else(|_| value.clone())
}

/// `group` with the groups its rules admit by reference where they are the application's.
fn referring(group: &SecurityGroup, references: &[(String, String)]) -> SecurityGroup {
    let mut group = group.clone();
    for rule in &mut group.ingress {
        if let Source::Group(id) = &rule.source
            && let Some((_, reference)) = references.iter().find(|(known, _)| known == id)
        {
            rule.source = Source::Group(reference.clone());
        }
    }
    group
}

/// The security groups `ids`, by name only; a group with a rule the model cannot say (another
/// protocol, a prefix list) would be written as something else: it stays the service's by id,
/// and is said in `notes`.
async fn groups(
    clients: &Clients,
    ids: &[String],
    notes: &mut Vec<String>,
) -> Result<Vec<SecurityGroup>, Error> {
    let mut out = Vec::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let found = clients
        .ec2
        .describe_security_groups(&[crate::ec2::Filter::new("group-id", ids)])
        .await
        .map_err(aws(
            "DescribeSecurityGroups",
            "the service's security groups",
        ))?;
    for group in found {
        let unsayable = group.ip_permissions.iter().find(|p| {
            !matches!(
                p.ip_protocol.as_str(),
                "tcp" | "6" | "udp" | "17" | "icmp" | "1" | "-1"
            ) || (p.ip_ranges.is_empty() && p.ipv6_ranges.is_empty() && p.groups.is_empty())
        });
        if let Some(rule) = unsayable {
            notes.push(format!(
                "security group {} ({}) is left as the service names it, by id: its rule for protocol `{}` (or from a prefix list) is not one the model writes",
                group.group_name, group.group_id, rule.ip_protocol
            ));
            continue;
        }
        out.push(
            SecurityGroup::builder(&group.group_name, &group.description, &group.vpc_id)
                .build_unchecked(),
        );
    }
    Ok(out)
}
