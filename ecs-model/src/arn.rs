//! Accounts and ARNs: what the model needs to name AWS resources without calling AWS.

/// The account and region resources live in; ARNs are built from it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Account {
    /// The 12-digit account id.
    pub id: String,
    /// The region (`ap-northeast-2`).
    pub region: String,
}

impl Account {
    /// Account `id` in `region`.
    pub fn new(id: impl Into<String>, region: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            region: region.into(),
        }
    }

    /// The partition of the region: `aws`, `aws-cn` or `aws-us-gov`.
    #[must_use]
    pub fn partition(&self) -> &'static str {
        partition_of(&self.region)
    }

    /// An ARN in this account and region: `arn:<partition>:<service>:<region>:<account>:<resource>`.
    #[must_use]
    pub fn arn(&self, service: &str, resource: &str) -> String {
        format!(
            "arn:{}:{service}:{}:{}:{resource}",
            self.partition(),
            self.region,
            self.id
        )
    }

    /// An ARN of a global service (IAM): no region.
    #[must_use]
    pub fn global_arn(&self, service: &str, resource: &str) -> String {
        format!("arn:{}:{service}::{}:{resource}", self.partition(), self.id)
    }

    /// The ARN of IAM role `name` under `path` (`/` when `None`).
    #[must_use]
    pub fn role_arn(&self, path: Option<&str>, name: &str) -> String {
        self.global_arn("iam", &format!("role{}{name}", path.unwrap_or("/")))
    }
}

/// The partition a region belongs to.
#[must_use]
pub fn partition_of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

pub use ecs_model_internals::arn::Arn;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_arns() {
        let seoul = Account::new("123456789012", "ap-northeast-2");
        assert_eq!(
            seoul.role_arn(None, "app"),
            "arn:aws:iam::123456789012:role/app"
        );
        assert_eq!(
            seoul.arn("logs", "log-group:/ecs/web:*"),
            "arn:aws:logs:ap-northeast-2:123456789012:log-group:/ecs/web:*"
        );
        assert_eq!(Account::new("1", "cn-north-1").partition(), "aws-cn");
    }
}
