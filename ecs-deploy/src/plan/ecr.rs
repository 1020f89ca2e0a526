//! ECR: the application's repositories. Tag mutability, scanning on push and the lifecycle
//! policy are changed in place; the encryption only at creation. A lifecycle policy the
//! definition does not give is left as it is.

use serde_json::{Value, json};

use super::{Change, Op, Planner, Step};
use crate::resource::Resource;
use ecs_model::ecr::{EncryptionType, ImageRepository, ImageTagMutability};

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
        if described["imageTagMutability"] != mutability {
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
            if found.lifecycle_policy.as_ref() != Some(&wanted) {
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
        if !encrypted.is_null() && *encrypted != text(&encryption) {
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
