//! Both sides of a comparison normalised the way ECS normalises what it stores, so that a
//! definition registered from the model compares equal to what `Describe…` gives back: the
//! defaults the API documents filled in (or, where ECS echoes a default only sometimes, left
//! out on both sides), zero container CPU dropped, environment sorted (the comparison ecspresso
//! and the Terraform provider also make).
//!
//! The defaults, with the API's words (botocore 1.44.8): `networkMode` ("If no network mode is
//! specified, the default is bridge"), `enableFaultInjection` ("The default value is false"),
//! `trustedExecutionConfiguration.isolationMode` `SHARED` ("This is the default isolation
//! mode"), a volume's `configuredAtLaunch` false and `host` `{}`, EFS `rootDirectory` `/`
//! ("Specifying / will have the same effect as omitting this parameter"), `transitEncryption`
//! and `authorizationConfig.iam` ("the default value of DISABLED is used"), a container's
//! `essential` true, `cpu` 0, `versionConsistency` ("By default, the value is enabled"), the
//! `readOnly` of mount points and `volumesFrom` ("The default value is false"), port mappings'
//! `protocol` ("The default is tcp") and `hostPort` (the container port in `awsvpc` and `host`
//! modes, 0 in `bridge`), the health check's `interval` 30, `timeout` 5 and `retries` 3, MPS
//! `maxComputePercent` 100; and empty role ARNs (`"taskRoleArn": ""`), which ECS drops.

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
            self::volume(volume);
        }
    }
    for role in ["taskRoleArn", "executionRoleArn"] {
        remove_if(td, role, &json!(""));
    }
    remove_if(td, "enableFaultInjection", &json!(false));
    remove_if(
        td,
        "trustedExecutionConfiguration",
        &json!({"isolationMode": "SHARED"}),
    );
    sort_list(td, "tags", "key");
    sort_strings(td, "requiresCompatibilities");
    if let Some(Value::Object(proxy)) = td.get_mut("proxyConfiguration") {
        sort_list(proxy, "properties", "name");
    }
}

fn volume(volume: &mut Map<String, Value>) {
    remove_if(volume, "host", &json!({}));
    remove_if(volume, "configuredAtLaunch", &json!(false));
    if let Some(Value::Object(efs)) = volume.get_mut("efsVolumeConfiguration") {
        remove_if(efs, "rootDirectory", &json!("/"));
        remove_if(efs, "transitEncryption", &json!("DISABLED"));
        if let Some(Value::Object(auth)) = efs.get_mut("authorizationConfig") {
            remove_if(auth, "iam", &json!("DISABLED"));
        }
        remove_if(efs, "authorizationConfig", &json!({}));
    }
}

/// Removes `map[key]` when it is `default`.
fn remove_if(map: &mut Map<String, Value>, key: &str, default: &Value) {
    if map.get(key) == Some(default) {
        map.remove(key);
    }
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
    remove_if(c, "versionConsistency", &json!("enabled"));
    for list in ["mountPoints", "volumesFrom"] {
        if let Some(Value::Array(items)) = c.get_mut(list) {
            for item in items.iter_mut().filter_map(Value::as_object_mut) {
                remove_if(item, "readOnly", &json!(false));
            }
        }
    }
    if let Some(Value::Array(requirements)) = c.get_mut("resourceRequirements") {
        let shares = requirements
            .iter_mut()
            .filter_map(|r| r.pointer_mut("/sharingStrategy/nvidiaMps"))
            .filter_map(Value::as_object_mut);
        for mps in shares {
            remove_if(mps, "maxComputePercent", &json!(100));
        }
    }
    sort_list(c, "environment", "name");
    sort_list(c, "secrets", "name");
    sort_list(c, "ulimits", "name");
    let capabilities = c
        .get_mut("linuxParameters")
        .and_then(|l| l.get_mut("capabilities"));
    if let Some(Value::Object(capabilities)) = capabilities {
        sort_strings(capabilities, "add");
        sort_strings(capabilities, "drop");
    }
}

/// Sorts the list of strings `map[list]` (a set of ids or names).
fn sort_strings(map: &mut Map<String, Value>, list: &str) {
    if let Some(Value::Array(items)) = map.get_mut(list) {
        items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    }
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
        sort_strings(awsvpc, "subnets");
        sort_strings(awsvpc, "securityGroups");
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
    fn documented_defaults_are_no_change() {
        let mut sent = json!({
            "family": "f", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
            "containerDefinitions": [{"name": "a", "image": "b",
                "mountPoints": [{"sourceVolume": "v", "containerPath": "/v"}]}],
            "volumes": [{"name": "v", "efsVolumeConfiguration": {"fileSystemId": "fs-1"}}]
        });
        let mut described = json!({
            "family": "f", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
            "taskRoleArn": "", "enableFaultInjection": false,
            "containerDefinitions": [{"name": "a", "image": "b", "essential": true,
                "versionConsistency": "enabled",
                "mountPoints": [{"sourceVolume": "v", "containerPath": "/v", "readOnly": false}]}],
            "volumes": [{"name": "v", "configuredAtLaunch": false, "efsVolumeConfiguration": {
                "fileSystemId": "fs-1", "rootDirectory": "/", "transitEncryption": "DISABLED",
                "authorizationConfig": {"iam": "DISABLED"}}}]
        });
        task_definition(&mut sent);
        task_definition(&mut described);
        assert_eq!(sent, described);
        // A value other than the default stays.
        let mut encrypted = json!({"family": "f", "volumes": [{"name": "v",
            "efsVolumeConfiguration": {"fileSystemId": "fs-1", "transitEncryption": "ENABLED"}}]});
        task_definition(&mut encrypted);
        assert_eq!(
            encrypted["volumes"][0]["efsVolumeConfiguration"]["transitEncryption"],
            "ENABLED"
        );
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
