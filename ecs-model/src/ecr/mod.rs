//! Amazon ECR repositories an application owns: where its images are pushed, with scanning on
//! push, immutable tags and a lifecycle policy that keeps the newest images (the ECR console's
//! "Create repository" page and its lifecycle rules, which the ECS write-ups click through).
//!
//! [`ImageRepository`] is the `CreateRepository` request ([`Repository`], generated from the
//! API model) with the repository's lifecycle policy. A task definition names an image of it by
//! its URI ([`ImageRepository::image`]); the execution policy then names the repository's ARN
//! ([`execution_policy`](crate::iam::execution_policy)).

mod api;
mod validate;

pub use api::*;

use serde_json::{Value, json};

use crate::Text;
use crate::arn::Account;
use crate::builder::builder;
use crate::json::json_document;
use crate::tag::Tag;

json_document!(Repository);

/// A repository and its lifecycle policy.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ImageRepository {
    /// The `CreateRepository` request.
    pub repository: Repository,
    /// What ECR expires, if anything.
    pub lifecycle_policy: Option<LifecyclePolicy>,
}

/// A lifecycle policy: its rules, each expiring the images it selects beyond a count or an age.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LifecyclePolicy {
    /// The rules, by priority.
    pub rules: Vec<LifecycleRule>,
}

/// One rule of a lifecycle policy.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LifecycleRule {
    /// Its priority: unique, lower first.
    pub priority: u32,
    /// What it is for.
    pub description: String,
    /// Which images it looks at.
    pub tag_status: TagStatus,
    /// With [`TagStatus::Tagged`]: tags starting with one of these.
    pub tag_prefixes: Vec<String>,
    /// What it expires.
    pub expire: Expire,
}

/// Which images a lifecycle rule selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TagStatus {
    /// Every image.
    Any,
    /// Images with a tag (of the rule's prefixes).
    Tagged,
    /// Images without a tag.
    Untagged,
}

/// What a lifecycle rule expires of the images it selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Expire {
    /// All but the newest this many.
    BeyondCount(u32),
    /// Those pushed more than this many days ago.
    OlderThanDays(u32),
}

impl LifecyclePolicy {
    /// Keeps the newest `count` images and expires the rest, tagged or not.
    #[must_use]
    pub fn keep_newest(count: u32) -> Self {
        Self {
            rules: vec![LifecycleRule {
                priority: 1,
                description: format!("keep the newest {count} images"),
                tag_status: TagStatus::Any,
                tag_prefixes: Vec::new(),
                expire: Expire::BeyondCount(count),
            }],
        }
    }

    /// The `lifecyclePolicyText` of `PutLifecyclePolicy`.
    #[must_use]
    pub fn to_value(&self) -> Value {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|rule| {
                let mut selection = json!({
                    "tagStatus": match rule.tag_status {
                        TagStatus::Any => "any",
                        TagStatus::Tagged => "tagged",
                        TagStatus::Untagged => "untagged",
                    },
                });
                if !rule.tag_prefixes.is_empty() {
                    selection["tagPrefixList"] = json!(rule.tag_prefixes);
                }
                match rule.expire {
                    Expire::BeyondCount(n) => {
                        selection["countType"] = json!("imageCountMoreThan");
                        selection["countNumber"] = json!(n);
                    }
                    Expire::OlderThanDays(n) => {
                        selection["countType"] = json!("sinceImagePushed");
                        selection["countUnit"] = json!("days");
                        selection["countNumber"] = json!(n);
                    }
                }
                json!({
                    "rulePriority": rule.priority,
                    "description": rule.description,
                    "selection": selection,
                    "action": {"type": "expire"},
                })
            })
            .collect();
        json!({ "rules": rules })
    }
}

impl ImageRepository {
    /// A private repository `name`: images scanned on push, tags immutable (a tag names one
    /// image for good, so a task definition's revision always runs what was tested), and no
    /// lifecycle policy until [`keep_newest`](ImageRepositoryBuilder::keep_newest).
    pub fn private(name: impl Into<Text>) -> ImageRepositoryBuilder {
        let mut repository = Repository {
            repository_name: name.into(),
            image_tag_mutability: Some(ImageTagMutability::Immutable),
            ..Repository::default()
        };
        repository.image_scanning_configuration = Some(ImageScanningConfiguration {
            scan_on_push: Some(true),
            ..ImageScanningConfiguration::default()
        });
        ImageRepositoryBuilder {
            repository: ImageRepository {
                repository,
                lifecycle_policy: None,
            },
        }
    }

    /// Its name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.repository.repository_name
    }

    /// Its ARN in `account`.
    #[must_use]
    pub fn arn(&self, account: &Account) -> String {
        account.arn("ecr", &format!("repository/{}", self.name()))
    }

    /// Its URI in `account`: `<account>.dkr.ecr.<region>.amazonaws.com/<name>`.
    #[must_use]
    pub fn uri(&self, account: &Account) -> String {
        format!(
            "{}.dkr.ecr.{}.amazonaws.com/{}",
            account.id,
            account.region,
            self.name()
        )
    }

    /// The URI of its image tagged `tag`, as a container definition names it.
    #[must_use]
    pub fn image(&self, account: &Account, tag: &str) -> String {
        format!("{}:{tag}", self.uri(account))
    }

    /// The `PutLifecyclePolicy` request, when it has a policy.
    #[must_use]
    pub fn lifecycle_request(&self) -> Option<Value> {
        self.lifecycle_policy.as_ref().map(|policy| {
            json!({
                "repositoryName": self.name(),
                "lifecyclePolicyText": policy.to_value().to_string(),
            })
        })
    }
}

/// The repository an image URI names, when it is one of ECR in `account` (a tag or digest
/// after it).
#[must_use]
pub fn repository_of_image<'a>(image: &'a str, account: &Account) -> Option<&'a str> {
    let registry = format!("{}.dkr.ecr.{}.amazonaws.com/", account.id, account.region);
    let path = image.strip_prefix(&registry)?;
    let end = path.find(['@', ':']).unwrap_or(path.len());
    Some(&path[..end])
}

builder! {
    /// Builds an [`ImageRepository`]; [`build`](Self::build) validates it.
    ImageRepositoryBuilder { repository } => ImageRepository
}

impl ImageRepositoryBuilder {
    /// Keeps the newest `count` images ([`LifecyclePolicy::keep_newest`]).
    pub fn keep_newest(mut self, count: u32) -> Self {
        self.repository.lifecycle_policy = Some(LifecyclePolicy::keep_newest(count));
        self
    }

    /// Expires what `policy` says.
    pub fn lifecycle_policy(mut self, policy: LifecyclePolicy) -> Self {
        self.repository.lifecycle_policy = Some(policy);
        self
    }

    /// Lets a push move a tag to another image (`latest`-style tags).
    pub fn mutable_tags(mut self) -> Self {
        self.repository.repository.image_tag_mutability = Some(ImageTagMutability::Mutable);
        self
    }

    /// Encrypts with this KMS key instead of ECR's AES-256.
    pub fn kms_key(mut self, key: impl Into<Text>) -> Self {
        self.repository.repository.encryption_configuration = Some(EncryptionConfiguration {
            encryption_type: EncryptionType::Kms,
            kms_key: Some(key.into()),
            ..EncryptionConfiguration::default()
        });
        self
    }

    /// A tag.
    pub fn tag(mut self, key: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.repository.repository.tags.push(Tag::new(key, value));
        self
    }
}
