//! The application as API requests, in the order they must be made, and as one document.

use serde_json::{Map, Value, json};

use super::Application;
use super::request::ApiRequest;
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
    /// (`service`, `targetGroups.pet-web-tg`, …).
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
    for (group, created_by_agent) in app.log_groups() {
        if !created_by_agent {
            out.push(
                "logs",
                "CreateLogGroup",
                &group,
                json!({"logGroupName": group}),
            );
        }
    }
    identities(app, &mut out);
    network(app, &mut out);
    load_balancing(app, &mut out);
    ecs(app, &mut out);
    for instance in &app.instances {
        out.push(
            "ec2",
            "RunInstances",
            &instance.name,
            instance.run_instances_request(),
        );
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
}

/// Roles, their policies and instance profiles.
fn identities(app: &Application, out: &mut Requests) {
    for role in app.all_roles() {
        out.push("iam", "CreateRole", &role.name, role.create_request());
        for request in role.put_policy_requests() {
            out.push("iam", "PutRolePolicy", &role.name, request);
        }
        for request in role.attach_policy_requests() {
            out.push("iam", "AttachRolePolicy", &role.name, request);
        }
    }
    for profile in &app.instance_profiles {
        out.push(
            "iam",
            "CreateInstanceProfile",
            &profile.name,
            profile.create_request(),
        );
        out.push(
            "iam",
            "AddRoleToInstanceProfile",
            &profile.name,
            profile.add_role_request(),
        );
    }
}

/// Security groups first, then their rules: a rule may name another group of the application.
fn network(app: &Application, out: &mut Requests) {
    for group in &app.security_groups {
        out.push(
            "ec2",
            "CreateSecurityGroup",
            &group.name,
            group.create_request(),
        );
    }
    for group in &app.security_groups {
        if let Some(request) = group.authorize_ingress_request(&group.reference().to_string()) {
            out.push("ec2", "AuthorizeSecurityGroupIngress", &group.name, request);
        }
    }
}

fn load_balancing(app: &Application, out: &mut Requests) {
    for lb in &app.load_balancers {
        out.push("elbv2", "CreateLoadBalancer", &lb.name, value(lb));
    }
    for tg in &app.target_groups {
        out.push("elbv2", "CreateTargetGroup", &tg.name, value(tg));
        let arn = Reference::target_group(&tg.name).to_string();
        if let Some(request) = tg.modify_attributes_request(&arn) {
            out.push("elbv2", "ModifyTargetGroupAttributes", &tg.name, request);
        }
    }
    for listener in &app.listeners {
        let name = format!(
            "{}:{}",
            listener.load_balancer_arn,
            listener.port.unwrap_or_default()
        );
        out.push("elbv2", "CreateListener", name, value(listener));
    }
    for rule in &app.listener_rules {
        let name = format!("{}#{}", rule.listener_arn, rule.priority);
        out.push("elbv2", "CreateRule", name, value(rule));
    }
}

/// The cluster, its capacity, the task definition and the service. A cluster whose providers
/// the application creates is created without them, and gets them once they exist.
fn ecs(app: &Application, out: &mut Requests) {
    let cluster = &app.cluster;
    if app.capacity_providers.is_empty() {
        out.push("ecs", "CreateCluster", cluster.name(), value(cluster));
    } else {
        let mut bare = cluster.clone();
        bare.capacity_providers.clear();
        bare.default_capacity_provider_strategy.clear();
        out.push("ecs", "CreateCluster", cluster.name(), value(&bare));
        for provider in &app.capacity_providers {
            out.push(
                "ecs",
                "CreateCapacityProvider",
                &provider.name,
                value(provider),
            );
        }
        out.push(
            "ecs",
            "PutClusterCapacityProviders",
            cluster.name(),
            value(&ClusterCapacityProviders::of(cluster)),
        );
    }
    out.push(
        "ecs",
        "RegisterTaskDefinition",
        &app.task_definition.family,
        value(&app.task_definition),
    );
    if let Some(service) = &app.service {
        out.push(
            "ecs",
            "CreateService",
            &service.service_name,
            value(service),
        );
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

fn by_name<'a, T: 'a>(
    items: impl IntoIterator<Item = &'a T>,
    name: impl Fn(&T) -> String,
    render: impl Fn(&T) -> Value,
) -> Value {
    Value::Object(
        items
            .into_iter()
            .map(|item| (name(item), render(item)))
            .collect(),
    )
}

fn document(app: &Application) -> Value {
    let mut doc = json!({
        "account": {"id": app.account.id, "region": app.account.region},
        "cluster": value(&app.cluster),
        "taskDefinition": value(&app.task_definition),
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
    put("service", app.service.as_ref().map_or(Value::Null, value));
    put(
        "executionRole",
        app.execution_role
            .as_ref()
            .map_or(Value::Null, role_document),
    );
    put(
        "taskRole",
        app.task_role.as_ref().map_or(Value::Null, role_document),
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
        "instances",
        by_name(
            &app.instances,
            |i| i.name.clone(),
            ContainerInstance::run_instances_request,
        ),
    );
    doc
}
