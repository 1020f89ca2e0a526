//! The application as API requests, in the order they must be made, and as one document.

use serde_json::{Map, Value, json};

use super::Application;
use super::part::Part;
use super::request::ApiRequest;
use crate::alb::TargetGroup;
use crate::cluster::{ClusterCapacityProviders, ContainerInstance};
use crate::iam::Role;
use crate::reference::Reference;

impl Application {
    /// The requests that create the application, in dependency order, with
    /// [`Reference`] tokens where AWS assigns the ids.
    #[must_use]
    pub fn requests(&self) -> Vec<ApiRequest> {
        requests(self)
    }

    /// Every resource as one JSON document, keyed as validation paths are
    /// (`services.pet-web`, `targetGroups.pet-web-tg`, …).
    #[must_use]
    pub fn document(&self) -> serde_json::Value {
        document(self)
    }
}

fn value<T: serde::Serialize>(resource: &T) -> Value {
    serde_json::to_value(resource).unwrap_or(Value::Null)
}

fn requests(app: &Application) -> Vec<ApiRequest> {
    let mut out = Requests(Vec::new());
    for part in app.creation_order() {
        out.part(app, part);
    }
    out.0
}

/// The requests, in the order they are pushed.
struct Requests(Vec<ApiRequest>);

impl Requests {
    fn push(
        &mut self,
        service: &'static str,
        operation: &'static str,
        resource: impl Into<String>,
        input: Value,
    ) {
        self.0
            .push(ApiRequest::new(service, operation, resource, input));
    }

    /// A role and its policies.
    fn role(&mut self, role: &Role) {
        self.push("iam", "CreateRole", &role.name, role.create_request());
        for request in role.put_policy_requests() {
            self.push("iam", "PutRolePolicy", &role.name, request);
        }
        for request in role.attach_policy_requests() {
            self.push("iam", "AttachRolePolicy", &role.name, request);
        }
    }

    /// A target group and its attributes.
    fn target_group(&mut self, tg: &TargetGroup) {
        self.push("elbv2", "CreateTargetGroup", &tg.name, value(tg));
        let arn = Reference::target_group(&tg.name).to_string();
        if let Some(request) = tg.modify_attributes_request(&arn) {
            self.push("elbv2", "ModifyTargetGroupAttributes", &tg.name, request);
        }
    }

    /// The requests that create `part`.
    #[allow(clippy::too_many_lines)] // one arm per kind of part
    fn part(&mut self, app: &Application, part: Part<'_>) {
        match part {
            Part::LogGroup(group) => {
                self.push(
                    "logs",
                    "CreateLogGroup",
                    group,
                    json!({"logGroupName": group}),
                );
            }
            Part::Role(role) => self.role(role),
            Part::Repository(repository) => {
                let name = repository.name();
                self.push(
                    "ecr",
                    "CreateRepository",
                    name,
                    value(&repository.repository),
                );
                if let Some(request) = repository.lifecycle_request() {
                    self.push("ecr", "PutLifecyclePolicy", name, request);
                }
            }
            Part::FileSystem(fs) => self.push("efs", "CreateFileSystem", fs.name(), value(fs)),
            Part::AccessPoint(ap) => self.push("efs", "CreateAccessPoint", ap.name(), value(ap)),
            Part::MountTarget(mt) => self.push(
                "efs",
                "CreateMountTarget",
                format!("{}#{}", mt.file_system_id, mt.subnet_id),
                value(mt),
            ),
            Part::InstanceProfile(profile) => {
                let name = &profile.name;
                self.push(
                    "iam",
                    "CreateInstanceProfile",
                    name,
                    profile.create_request(),
                );
                self.push(
                    "iam",
                    "AddRoleToInstanceProfile",
                    name,
                    profile.add_role_request(),
                );
            }
            Part::SecurityGroup(group) => {
                self.push(
                    "ec2",
                    "CreateSecurityGroup",
                    &group.name,
                    group.create_request(),
                );
            }
            Part::SecurityGroupRules(group) => {
                let id = group.reference().to_string();
                if let Some(request) = group.authorize_ingress_request(&id) {
                    self.push("ec2", "AuthorizeSecurityGroupIngress", &group.name, request);
                }
            }
            Part::LoadBalancer(lb) => self.push("elbv2", "CreateLoadBalancer", &lb.name, value(lb)),
            Part::TargetGroup(tg) => self.target_group(tg),
            Part::Listener(listener) => {
                let name = format!(
                    "{}:{}",
                    listener.load_balancer_arn,
                    listener.port.unwrap_or_default()
                );
                self.push("elbv2", "CreateListener", name, value(listener));
            }
            Part::ListenerRule(rule) => {
                let name = format!("{}#{}", rule.listener_arn, rule.priority);
                self.push("elbv2", "CreateRule", name, value(rule));
            }
            Part::Cluster(cluster) => {
                self.push(
                    "ecs",
                    "CreateCluster",
                    cluster.name(),
                    value(&app.cluster_to_create()),
                );
            }
            Part::CapacityProvider(provider) => {
                self.push(
                    "ecs",
                    "CreateCapacityProvider",
                    &provider.name,
                    value(provider),
                );
            }
            // Without providers to create, the cluster was created with its providers.
            Part::ClusterCapacityProviders(cluster) if app.creates_capacity_providers() => {
                self.push(
                    "ecs",
                    "PutClusterCapacityProviders",
                    cluster.name(),
                    value(&ClusterCapacityProviders::of(cluster)),
                );
            }
            Part::ClusterCapacityProviders(_) => {}
            Part::TaskDefinition(td) => {
                self.push("ecs", "RegisterTaskDefinition", &td.family, value(td));
            }
            Part::Service(service) => {
                self.push(
                    "ecs",
                    "CreateService",
                    &service.service_name,
                    value(service),
                );
            }
            Part::Scaling(scaling) => {
                let id = &scaling.target.resource_id;
                self.push(
                    "application-autoscaling",
                    "RegisterScalableTarget",
                    id,
                    value(&scaling.target),
                );
                for policy in &scaling.policies {
                    self.push(
                        "application-autoscaling",
                        "PutScalingPolicy",
                        format!("{id}#{}", policy.policy_name),
                        value(policy),
                    );
                }
                for action in &scaling.scheduled_actions {
                    self.push(
                        "application-autoscaling",
                        "PutScheduledAction",
                        format!("{id}#{}", action.scheduled_action_name),
                        value(action),
                    );
                }
            }
            Part::Schedule(schedule) => self.push(
                "scheduler",
                "CreateSchedule",
                format!("{}/{}", schedule.group(), schedule.name),
                value(schedule),
            ),
            Part::Instance(instance) => self.push(
                "ec2",
                "RunInstances",
                &instance.name,
                instance.run_instances_request(),
            ),
        }
    }
}

fn role_document(role: &Role) -> Value {
    let mut doc = json!({
        "RoleName": role.name,
        "AssumeRolePolicyDocument": value(&role.trust_policy),
    });
    if !role.managed_policy_arns.is_empty() {
        doc["ManagedPolicyArns"] = value(&role.managed_policy_arns);
    }
    if !role.inline_policies.is_empty() {
        let policies: Map<String, Value> = role
            .inline_policies
            .iter()
            .map(|p| (p.name.clone(), value(&p.document)))
            .collect();
        doc["Policies"] = Value::Object(policies);
    }
    doc
}

fn by_name<'a, T: 'a, N: Into<String>>(
    items: impl IntoIterator<Item = &'a T>,
    name: impl Fn(&T) -> N,
    render: impl Fn(&T) -> Value,
) -> Value {
    Value::Object(
        items
            .into_iter()
            .map(|item| (name(item).into(), render(item)))
            .collect(),
    )
}

#[allow(clippy::too_many_lines)] // one entry per kind of resource
fn document(app: &Application) -> Value {
    let mut doc = json!({
        "name": app.name,
        "account": {"id": app.account.id, "region": app.account.region},
        "cluster": value(&app.cluster),
        "taskDefinitions": by_name(app.task_definitions(), |td| td.family.clone(), value),
    });
    let mut put = |key: &str, v: Value| {
        let empty = match &v {
            Value::Object(map) => map.is_empty(),
            Value::Array(items) => items.is_empty(),
            Value::Null => true,
            _ => false,
        };
        if !empty {
            doc[key] = v;
        }
    };
    put(
        "services",
        by_name(
            app.services().map(|(_, s)| s),
            |s| s.service_name.clone(),
            value,
        ),
    );
    put(
        "scaling",
        by_name(
            app.workloads.iter().filter(|w| w.scaling.is_some()),
            |w| {
                w.service
                    .as_ref()
                    .map_or_else(|| w.name().to_owned(), |s| s.service_name.to_string())
            },
            |w| {
                let scaling = w
                    .scaling
                    .as_ref()
                    .map_or_else(Default::default, Clone::clone);
                json!({
                    "ScalableTarget": value(&scaling.target),
                    "ScalingPolicies": by_name(&scaling.policies, |p| p.policy_name.clone(), value),
                    "ScheduledActions": by_name(&scaling.scheduled_actions, |a| a.scheduled_action_name.clone(), value),
                })
            },
        ),
    );
    put(
        "schedules",
        by_name(app.schedules(), |s| s.name.clone(), value),
    );
    put(
        "roles",
        by_name(&app.roles, |r| r.name.clone(), role_document),
    );
    put(
        "instanceProfiles",
        by_name(
            &app.instance_profiles,
            |p| p.name.clone(),
            |p| json!({"InstanceProfileName": p.name, "RoleName": p.role}),
        ),
    );
    put(
        "capacityProviders",
        by_name(&app.capacity_providers, |p| p.name.clone(), value),
    );
    put(
        "autoScalingGroups",
        by_name(
            &app.auto_scaling_groups,
            |g| g.name.clone(),
            |g| json!({"MinSize": g.min_size, "MaxSize": g.max_size, "DesiredCapacity": g.desired_capacity}),
        ),
    );
    put(
        "loadBalancers",
        by_name(&app.load_balancers, |lb| lb.name.clone(), value),
    );
    put(
        "targetGroups",
        by_name(&app.target_groups, |tg| tg.name.clone(), value),
    );
    put(
        "listeners",
        Value::Array(app.listeners.iter().map(value).collect()),
    );
    put(
        "listenerRules",
        Value::Array(app.listener_rules.iter().map(value).collect()),
    );
    put(
        "securityGroups",
        by_name(
            &app.security_groups,
            |g| g.name.clone(),
            |g| {
                let mut doc = g.create_request();
                if let Some(Value::Object(rules)) = g.authorize_ingress_request("") {
                    doc["IpPermissions"] = rules.get("IpPermissions").cloned().unwrap_or_default();
                }
                doc
            },
        ),
    );
    put(
        "repositories",
        by_name(
            &app.repositories,
            |r| r.name().to_owned(),
            |r| {
                let mut doc = value(&r.repository);
                if let Some(policy) = &r.lifecycle_policy {
                    doc["lifecyclePolicy"] = policy.to_value();
                }
                doc
            },
        ),
    );
    put(
        "fileSystems",
        by_name(&app.file_systems, |f| f.name().to_owned(), value),
    );
    put(
        "mountTargets",
        Value::Array(app.mount_targets.iter().map(value).collect()),
    );
    put(
        "accessPoints",
        by_name(&app.access_points, |a| a.name().to_owned(), value),
    );
    put(
        "instances",
        by_name(
            &app.instances,
            |i| i.name.clone(),
            ContainerInstance::run_instances_request,
        ),
    );
    doc
}
