//! ECR: the application's repositories. Tag mutability, scanning on push and the lifecycle
//! policy are changed in place; the encryption only at creation. A lifecycle policy the
//! definition does not give is left as it is.

use serde_json::{Value, json};

use super::{Change, Op, Planner, Step};
use crate::resource::Resource;
use ecs_model::ecr::{EncryptionType, ImageRepository, ImageTagMutability};

/// A lifecycle policy as ECR may give it back: rules in priority order, tag prefixes sorted,
/// no empty members.
fn normal_policy(mut policy: Value) -> Value {
    fn prune(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.retain(|_, v| !(v.is_null() || v.as_array().is_some_and(Vec::is_empty)));
                map.values_mut().for_each(prune);
            }
            Value::Array(items) => items.iter_mut().for_each(prune),
            _ => {}
        }
    }
    if let Some(rules) = policy["rules"].as_array_mut() {
        rules.sort_by_key(|r| r["rulePriority"].as_i64());
        for rule in rules {
            if let Some(prefixes) = rule["selection"]["tagPrefixList"].as_array_mut() {
                prefixes.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            }
        }
    }
    prune(&mut policy);
    policy
}

/// The API's text of a model enum (`IMMUTABLE`).
fn text<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl Planner<'_> {
    /// A repository: created with its lifecycle policy, or brought to the definition.
    pub(super) fn repository(&mut self, repository: &ImageRepository) {
        let name = repository.name().to_owned();
        let resource = Resource::Repository(name.clone());
        let Some(found) = self.observed.repositories.get(&name) else {
            let mut ops = vec![Op::CreateRepository(Box::new(repository.clone()))];
            if let Some(request) = repository.lifecycle_request() {
                ops.push(Op::PutLifecyclePolicy(request));
            }
            self.push(Step::create(resource, ops));
            return;
        };
        let desired = &repository.repository;
        let described = &found.described;
        let mut changes = Vec::new();
        let mut ops = Vec::new();
        let mutability = text(
            desired
                .image_tag_mutability
                .as_ref()
                .unwrap_or(&ImageTagMutability::Mutable),
        );
        let filters = text(&desired.image_tag_mutability_exclusion_filters);
        let kept_filters = match &described["imageTagMutabilityExclusionFilters"] {
            Value::Null => json!([]),
            other => other.clone(),
        };
        if described["imageTagMutability"] != mutability || kept_filters != filters {
            changes.push(Change::of(
                "imageTagMutability",
                Some(described["imageTagMutability"].clone()),
                Some(mutability.clone()),
            ));
            let mut request = json!({"repositoryName": name, "imageTagMutability": mutability});
            if !desired.image_tag_mutability_exclusion_filters.is_empty() {
                request["imageTagMutabilityExclusionFilters"] =
                    text(&desired.image_tag_mutability_exclusion_filters);
            }
            ops.push(Op::PutImageTagMutability(request));
        }
        let scans = desired
            .image_scanning_configuration
            .as_ref()
            .and_then(|s| s.scan_on_push)
            .unwrap_or(false);
        let scanned = described["imageScanningConfiguration"]["scanOnPush"]
            .as_bool()
            .unwrap_or(false);
        if scans != scanned {
            changes.push(Change::of(
                "imageScanningConfiguration",
                Some(json!({"scanOnPush": scanned})),
                Some(json!({"scanOnPush": scans})),
            ));
            ops.push(Op::PutImageScanningConfiguration(json!({
                "repositoryName": name,
                "imageScanningConfiguration": {"scanOnPush": scans},
            })));
        }
        if let Some(policy) = &repository.lifecycle_policy {
            let wanted = policy.to_value();
            let kept = found.lifecycle_policy.clone().map(normal_policy);
            if kept != Some(normal_policy(wanted.clone())) {
                changes.push(Change::of(
                    "lifecyclePolicy",
                    found.lifecycle_policy.clone(),
                    Some(wanted),
                ));
                ops.extend(repository.lifecycle_request().map(Op::PutLifecyclePolicy));
            }
        }
        let mut blocked = Vec::new();
        let encryption = desired
            .encryption_configuration
            .as_ref()
            .map_or(EncryptionType::Aes256, |e| e.encryption_type);
        let encrypted = &described["encryptionConfiguration"]["encryptionType"];
        // A key named by ARN is compared; an alias ECR resolves to the key's ARN cannot be.
        let wanted_key = desired
            .encryption_configuration
            .as_ref()
            .and_then(|e| e.kms_key.as_deref())
            .filter(|key| key.starts_with("arn:") && !key.contains(":alias/"));
        let kept_key = described["encryptionConfiguration"]["kmsKey"].as_str();
        let other_key = wanted_key.is_some_and(|key| kept_key != Some(key));
        if !encrypted.is_null() && (*encrypted != text(&encryption) || other_key) {
            blocked.push((
                Change::of(
                    "encryptionConfiguration",
                    Some(described["encryptionConfiguration"].clone()),
                    Some(json!({"encryptionType": text(&encryption)})),
                ),
                "ECR sets a repository's encryption only when it creates it".to_owned(),
            ));
        }
        self.push(Step::compared(resource, changes, ops, blocked));
    }
}

#[cfg(test)]
mod tests {
    use super::normal_policy;
    use serde_json::json;

    #[test]
    fn a_policy_read_back_in_another_order_is_the_same_policy() {
        let written = json!({"rules": [
            {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["v", "release"], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}},
            {"rulePriority": 2, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30}, "action": {"type": "expire"}},
        ]});
        let read = json!({"rules": [
            {"rulePriority": 2, "description": null, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30, "tagPrefixList": []}, "action": {"type": "expire"}},
            {"rulePriority": 1, "selection": {"tagStatus": "tagged", "tagPrefixList": ["release", "v"], "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}},
        ]});
        assert_eq!(normal_policy(written.clone()), normal_policy(read));
        let other = json!({"rules": [written["rules"][1].clone()]});
        assert_ne!(normal_policy(written), normal_policy(other));
    }
}
