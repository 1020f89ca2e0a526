//! The AWS clients a deployment uses, from the standard AWS configuration.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, SdkConfig};

/// How many times a call is tried before its error is returned: throttling and 5xx answers are
/// retried with exponential backoff and jitter (the SDK's standard mode).
pub const MAX_ATTEMPTS: u32 = 6;

/// One client per AWS API a deployment touches.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Clients {
    /// ECS: clusters, capacity providers, task definitions, services.
    pub ecs: aws_sdk_ecs::Client,
    /// IAM: roles, their policies, instance profiles.
    pub iam: aws_sdk_iam::Client,
    /// ELBv2: load balancers, target groups, listeners, rules.
    pub elbv2: aws_sdk_elasticloadbalancingv2::Client,
    /// CloudWatch Logs: the awslogs groups.
    pub logs: aws_sdk_cloudwatchlogs::Client,
    /// EC2: security groups, container instances, and the VPCs and subnets they go in.
    pub ec2: crate::ec2::Client,
    /// STS: whose credentials these are.
    pub sts: aws_sdk_sts::Client,
}

impl Clients {
    /// Clients for `config`. Without a retry configuration of its own, calls are retried
    /// [`MAX_ATTEMPTS`] times.
    #[must_use]
    pub fn new(config: &SdkConfig) -> Self {
        let mut config = config.clone();
        if config.retry_config().is_none() {
            config = config
                .into_builder()
                .retry_config(
                    RetryConfig::standard()
                        .with_max_attempts(MAX_ATTEMPTS)
                        .with_initial_backoff(Duration::from_millis(200)),
                )
                .build();
        }
        Self {
            ecs: aws_sdk_ecs::Client::new(&config),
            iam: aws_sdk_iam::Client::new(&config),
            elbv2: aws_sdk_elasticloadbalancingv2::Client::new(&config),
            logs: aws_sdk_cloudwatchlogs::Client::new(&config),
            ec2: crate::ec2::Client::new(&config),
            sts: aws_sdk_sts::Client::new(&config),
        }
    }

    /// The account the credentials belong to (`sts:GetCallerIdentity`, which needs no
    /// permission).
    ///
    /// # Errors
    /// An AWS error (no credentials, an unreachable endpoint).
    pub async fn account_id(&self) -> Result<String, crate::Error> {
        let identity = self
            .sts
            .get_caller_identity()
            .send()
            .await
            .map_err(crate::error::aws("GetCallerIdentity", "the caller"))?;
        identity
            .account()
            .map(str::to_owned)
            .ok_or_else(|| crate::Error::NotFound("GetCallerIdentity gave no account".to_owned()))
    }

    /// Clients from the standard AWS configuration: `AWS_PROFILE`, `AWS_REGION`, the
    /// environment's credentials, `AWS_ENDPOINT_URL` (a local endpoint such as moto), over
    /// HTTPS with rustls.
    pub async fn from_env() -> Self {
        Self::new(&load_config().await)
    }
}

/// The standard AWS configuration, with an HTTPS client (rustls and ring), which also speaks
/// plain HTTP to a local endpoint.
pub async fn load_config() -> SdkConfig {
    use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    aws_config::defaults(BehaviorVersion::latest())
        .http_client(http)
        .load()
        .await
}
