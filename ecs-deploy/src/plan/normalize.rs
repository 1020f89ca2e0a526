//! Both sides of a comparison normalised the way ECS normalises what it stores, so that a
//! definition registered from the model compares equal to what `Describe…` gives back: defaults
//! filled in, zero container CPU dropped, environment sorted (the comparison ecspresso and the
//! Terraform provider also make).

use serde_json::{Map, Value, json};

use crate::resource::short_name;

/// A task definition (the register-input JSON) as ECS stores it.
pub(crate) fn task_definition(doc: &mut Value) {
    let Some(td) = doc.as_object_mut() else {
        return;
    };
    let fargate = td
        .get("requiresCompatibilities")
        .and_then(Value::as_array)
        .is_some_and(|c| c.iter().any(|c| c == "FARGATE"));
    // On Linux EC2 the default network mode is `bridge`.
    if !td.contains_key("networkMode") && !fargate {
        td.insert("networkMode".into(), "bridge".into());
    }
    let mode = td
        .get("networkMode")
        .and_then(Value::as_str)
        .unwrap_or("bridge")
        .to_owned();
    if let Some(Value::Array(containers)) = td.get_mut("containerDefinitions") {
        for container in containers.iter_mut().filter_map(Value::as_object_mut) {
            self::container(container, &mode);
        }
    }
    if let Some(Value::Array(volumes)) = td.get_mut("volumes") {
        for volume in volumes.iter_mut().filter_map(Value::as_object_mut) {
            if volume
                .get("host")
                .is_some_and(|h| h.as_object().is_some_and(Map::is_empty))
            {
                volume.remove("host");
            }
        }
    }
    sort_list(td, "tags", "key");
}

fn container(c: &mut Map<String, Value>, mode: &str) {
    if c.get("cpu") == Some(&json!(0)) {
        c.remove("cpu");
    }
    c.entry("essential").or_insert(Value::Bool(true));
    if let Some(Value::Array(ports)) = c.get_mut("portMappings") {
        for port in ports.iter_mut().filter_map(Value::as_object_mut) {
            port.entry("protocol").or_insert_with(|| "tcp".into());
            if !port.contains_key("hostPort") {
                let host = match mode {
                    "awsvpc" | "host" => port.get("containerPort").cloned(),
                    "bridge" if port.contains_key("containerPort") => Some(json!(0)),
                    _ => None,
                };
                if let Some(host) = host {
                    port.insert("hostPort".into(), host);
                }
            }
        }
    }
    if let Some(Value::Object(check)) = c.get_mut("healthCheck") {
        check.entry("interval").or_insert(json!(30));
        check.entry("timeout").or_insert(json!(5));
        check.entry("retries").or_insert(json!(3));
    }
    sort_list(c, "environment", "name");
    sort_list(c, "secrets", "name");
}

/// Sorts the list `map[list]` by each item's `field`.
fn sort_list(map: &mut Map<String, Value>, list: &str, field: &str) {
    if let Some(Value::Array(items)) = map.get_mut(list) {
        items.sort_by(|a, b| a[field].as_str().cmp(&b[field].as_str()));
    }
}

/// A service (the create-input JSON) for comparison with what ECS describes: ARNs where the
/// request may name things by name are reduced to names; tags sorted, without the ownership
/// mark (which ecs-deploy adds, not the application).
pub(crate) fn service(doc: &mut Value) {
    let Some(service) = doc.as_object_mut() else {
        return;
    };
    for key in ["cluster", "role"] {
        if let Some(Value::String(text)) = service.get_mut(key) {
            *text = short_name(text).to_owned();
        }
    }
    if let Some(Value::Array(tags)) = service.get_mut("tags") {
        tags.retain(|t| t["key"] != super::OWNERSHIP_MARK);
        if tags.is_empty() {
            service.remove("tags");
        }
    }
    sort_list(service, "tags", "key");
    // ECS treats a task's subnets and security groups as sets and may describe them in another
    // order than they were sent: compared sorted.
    let awsvpc = service
        .get_mut("networkConfiguration")
        .and_then(|n| n.get_mut("awsvpcConfiguration"))
        .and_then(Value::as_object_mut);
    if let Some(awsvpc) = awsvpc {
        for list in ["subnets", "securityGroups"] {
            if let Some(Value::Array(items)) = awsvpc.get_mut(list) {
                items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registered_definition_equals_what_ecs_gives_back() {
        // Registered: the minimum. Described (as ECS answers for it): defaults filled in.
        let mut sent = json!({
            "family": "web",
            "containerDefinitions": [{
                "name": "web", "image": "nginx", "memory": 128,
                "portMappings": [{"containerPort": 80}],
                "environment": [{"name": "B", "value": "2"}, {"name": "A", "value": "1"}],
                "healthCheck": {"command": ["CMD", "true"]}
            }],
            "volumes": [{"name": "data"}]
        });
        let mut described = json!({
            "family": "web",
            "networkMode": "bridge",
            "containerDefinitions": [{
                "name": "web", "image": "nginx", "cpu": 0, "memory": 128, "essential": true,
                "portMappings": [{"containerPort": 80, "hostPort": 0, "protocol": "tcp"}],
                "environment": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                "healthCheck": {"command": ["CMD", "true"], "interval": 30, "timeout": 5, "retries": 3}
            }],
            "volumes": [{"name": "data", "host": {}}]
        });
        task_definition(&mut sent);
        task_definition(&mut described);
        assert_eq!(sent, described);
    }

    #[test]
    fn awsvpc_host_ports_are_the_container_ports() {
        let mut doc = json!({"requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
            "containerDefinitions": [{"name": "a", "image": "b", "portMappings": [{"containerPort": 8080}]}]});
        task_definition(&mut doc);
        assert_eq!(
            doc["containerDefinitions"][0]["portMappings"][0]["hostPort"],
            8080
        );
    }

    #[test]
    fn services_compare_by_names() {
        let mut doc = json!({"cluster": "arn:aws:ecs:us-east-1:1:cluster/prod", "role": "arn:aws:iam::1:role/ecsServiceRole"});
        service(&mut doc);
        assert_eq!(doc, json!({"cluster": "prod", "role": "ecsServiceRole"}));
    }
}
