//! Roles and instance profiles: who may assume a role, what it may do, and how an EC2 instance
//! carries one.

use super::PolicyDocument;
use crate::Text;
use crate::arn::Account;
use crate::builder::builder;
use crate::tag::{Pascal, Tag};

/// An inline policy of a role.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InlinePolicy {
    /// 1–128 of `[\w+=,.@-]`.
    pub name: String,
    /// The document.
    pub document: PolicyDocument,
}

/// An IAM role: who may assume it (the trust policy) and what it may do (managed and inline
/// policies).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Role {
    /// 1–64 of `[\w+=,.@-]`.
    pub name: String,
    /// `/` or `/…/`.
    pub path: Option<String>,
    /// What it is for.
    pub description: Option<String>,
    /// Who may assume it.
    pub trust_policy: PolicyDocument,
    /// Managed policies attached (ARNs).
    pub managed_policy_arns: Vec<String>,
    /// Inline policies.
    pub inline_policies: Vec<InlinePolicy>,
    /// Session length, 3600–43200 seconds.
    pub max_session_duration: Option<i32>,
    /// A permissions boundary (a managed policy ARN).
    pub permissions_boundary: Option<String>,
    /// Tags.
    pub tags: Vec<Tag>,
}

impl Role {
    /// A role named `name` trusting what `trust_policy` says.
    pub fn builder(name: impl Into<String>, trust_policy: PolicyDocument) -> RoleBuilder {
        Self {
            name: name.into(),
            path: None,
            description: None,
            trust_policy,
            managed_policy_arns: Vec::new(),
            inline_policies: Vec::new(),
            max_session_duration: None,
            permissions_boundary: None,
            tags: Vec::new(),
        }
        .into_builder()
    }

    /// The role's ARN in `account`.
    #[must_use]
    pub fn arn(&self, account: &Account) -> String {
        account.role_arn(self.path.as_deref(), &self.name)
    }

    /// Whether the trust policy lets `service` assume the role.
    #[must_use]
    pub fn trusts(&self, service: &str) -> bool {
        self.trust_policy
            .statements
            .iter()
            .any(|s| s.allows_service(service, "sts:AssumeRole"))
    }

    /// The `CreateRole` request (the trust policy as a JSON string, as IAM takes it).
    #[must_use]
    pub fn create_request(&self) -> serde_json::Value {
        let mut request = serde_json::json!({
            "RoleName": self.name,
            "AssumeRolePolicyDocument": self.trust_policy.to_json(),
        });
        if let Some(path) = &self.path {
            request["Path"] = path.clone().into();
        }
        if let Some(description) = &self.description {
            request["Description"] = description.clone().into();
        }
        if let Some(duration) = self.max_session_duration {
            request["MaxSessionDuration"] = duration.into();
        }
        if let Some(boundary) = &self.permissions_boundary {
            request["PermissionsBoundary"] = boundary.clone().into();
        }
        if !self.tags.is_empty() {
            request["Tags"] = self
                .tags
                .iter()
                .map(|tag| serde_json::to_value(Pascal(tag)).unwrap_or_default())
                .collect();
        }
        request
    }

    /// One `AttachRolePolicy` request per managed policy.
    #[must_use]
    pub fn attach_policy_requests(&self) -> Vec<serde_json::Value> {
        self.managed_policy_arns
            .iter()
            .map(|arn| serde_json::json!({"RoleName": self.name, "PolicyArn": arn}))
            .collect()
    }

    /// One `PutRolePolicy` request per inline policy.
    #[must_use]
    pub fn put_policy_requests(&self) -> Vec<serde_json::Value> {
        self.inline_policies
            .iter()
            .map(|p| {
                serde_json::json!({
                    "RoleName": self.name,
                    "PolicyName": p.name,
                    "PolicyDocument": p.document.to_json(),
                })
            })
            .collect()
    }
}

builder! {
    /// Builds a [`Role`]; [`build`](Self::build) validates it (`ECS-L5` limits, policy syntax,
    /// wildcards).
    RoleBuilder { role } => Role
}

impl RoleBuilder {
    /// Attaches a managed policy (its ARN; AWS-managed ones are `arn:aws:iam::aws:policy/…`).
    pub fn managed_policy(mut self, arn: impl Into<String>) -> Self {
        self.role.managed_policy_arns.push(arn.into());
        self
    }

    /// Adds (or replaces) the inline policy `name`.
    pub fn inline_policy(mut self, name: impl Into<String>, document: PolicyDocument) -> Self {
        let name = name.into();
        let policies = &mut self.role.inline_policies;
        policies.retain(|p| p.name != name);
        policies.push(InlinePolicy { name, document });
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.role.description = Some(description.into());
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, key: impl Into<Text>, value: impl Into<Text>) -> Self {
        self.role.tags.push(Tag::new(key, value));
        self
    }
}

/// An instance profile: how an EC2 instance carries a role (the ECS agent's `ecsInstanceRole`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InstanceProfile {
    /// 1–128 of `[\w+=,.@-]`.
    pub name: String,
    /// `/` or `/…/`.
    pub path: Option<String>,
    /// The role it carries (by name).
    pub role: String,
}

impl InstanceProfile {
    /// A profile named like `role`, carrying it (what the console creates).
    pub fn for_role(role: &Role) -> InstanceProfileBuilder {
        Self {
            name: role.name.clone(),
            path: role.path.clone(),
            role: role.name.clone(),
        }
        .into_builder()
    }

    /// The profile's ARN in `account`.
    #[must_use]
    pub fn arn(&self, account: &Account) -> String {
        account.global_arn(
            "iam",
            &format!(
                "instance-profile{}{}",
                self.path.as_deref().unwrap_or("/"),
                self.name
            ),
        )
    }

    /// The `CreateInstanceProfile` request.
    #[must_use]
    pub fn create_request(&self) -> serde_json::Value {
        let mut request = serde_json::json!({"InstanceProfileName": self.name});
        if let Some(path) = &self.path {
            request["Path"] = path.clone().into();
        }
        request
    }

    /// The `AddRoleToInstanceProfile` request.
    #[must_use]
    pub fn add_role_request(&self) -> serde_json::Value {
        serde_json::json!({"InstanceProfileName": self.name, "RoleName": self.role})
    }
}

builder! {
    /// Builds an [`InstanceProfile`]; [`build`](Self::build) validates its name (`ECS-L5`).
    InstanceProfileBuilder { profile } => InstanceProfile
}
