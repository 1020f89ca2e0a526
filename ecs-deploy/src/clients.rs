//! The AWS clients a deployment uses, from the standard AWS configuration.

use std::borrow::Cow;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use aws_config::retry::{RetryConfig, RetryMode};
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_runtime::env_config::EnvConfigValue;
use aws_runtime::env_config::file::EnvConfigFiles;
use aws_types::os_shim_internal::{Env, Fs};

use crate::Error;

/// How many times a call is tried before its error is returned, unless `AWS_MAX_ATTEMPTS` or
/// the profile's `max_attempts` says otherwise: throttling and 5xx answers are retried with
/// exponential backoff and jitter (the SDK's standard mode). A deployment makes bursts of
/// describe calls, which the SDK's default of 3 attempts does not ride out.
pub const MAX_ATTEMPTS: u32 = 6;

/// The first backoff; each retry doubles it (with jitter), up to the SDK's 20 s.
const INITIAL_BACKOFF: Duration = Duration::from_millis(200);

/// The project's retry policy with the user's attempts and mode where they set them.
fn retry_policy(max_attempts: Option<u32>, mode: Option<RetryMode>) -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(max_attempts.unwrap_or(MAX_ATTEMPTS))
        .with_retry_mode(mode.unwrap_or(RetryMode::Standard))
        .with_initial_backoff(INITIAL_BACKOFF)
}

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
    /// EventBridge and Scheduler: what runs tasks on events and schedules.
    pub schedules: crate::schedules::Client,
    /// Application Auto Scaling: services' scalable targets, policies and scheduled actions.
    pub autoscaling: crate::autoscaling::Client,
    /// EFS: the application's file systems, mount targets and access points.
    pub efs: crate::efs::Client,
    /// ECR: the application's repositories, and the images task definitions name.
    pub ecr: crate::ecr::Client,
    /// Requests sent by all of them.
    sent: Arc<AtomicUsize>,
}

impl Clients {
    /// Clients for `config`, which [`load_config`] reads the way the AWS CLI does, with at
    /// most [`CALLS_IN_FLIGHT`](crate::in_flight::CALLS_IN_FLIGHT) calls on the wire. A
    /// configuration built by hand without a retry configuration gets the project's
    /// ([`MAX_ATTEMPTS`] attempts).
    #[must_use]
    pub fn new(config: &SdkConfig) -> Self {
        Self::with_calls_in_flight(config, crate::in_flight::CALLS_IN_FLIGHT)
    }

    /// As [`new`](Self::new), with at most `calls` on the wire (1: one call after the other).
    #[must_use]
    pub fn with_calls_in_flight(config: &SdkConfig, calls: usize) -> Self {
        let mut config = config.clone();
        let mut sent = Arc::default();
        if let Some(http) = config.http_client() {
            let bounded = crate::in_flight::Bounded::new(http, calls);
            sent = bounded.sent();
            config = config.into_builder().http_client(bounded).build();
        }
        if config.retry_config().is_none() {
            config = config
                .into_builder()
                .retry_config(retry_policy(None, None))
                .build();
        }
        Self {
            ecs: aws_sdk_ecs::Client::new(&config),
            iam: aws_sdk_iam::Client::new(&config),
            elbv2: aws_sdk_elasticloadbalancingv2::Client::new(&config),
            logs: aws_sdk_cloudwatchlogs::Client::new(&config),
            ec2: crate::ec2::Client::new(&config),
            sts: aws_sdk_sts::Client::new(&config),
            schedules: crate::schedules::Client::new(&config),
            autoscaling: crate::autoscaling::Client::new(&config),
            efs: crate::efs::Client::new(&config),
            ecr: crate::ecr::Client::new(&config),
            sent,
        }
    }

    /// How many requests these clients have sent (each attempt of a retried call counts).
    #[must_use]
    pub fn requests_sent(&self) -> usize {
        self.sent.load(Ordering::Relaxed)
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

    /// Clients from the standard AWS configuration ([`load_config`] with no overrides).
    ///
    /// # Errors
    /// [`Error::Config`] when the retry settings cannot be read.
    pub async fn from_env() -> Result<Self, Error> {
        Ok(Self::new(&load_config(&ConfigOptions::default()).await?))
    }
}

/// What a caller chooses over the environment when the configuration is loaded: the command
/// line's `--profile` and `--region`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConfigOptions {
    /// The profile, instead of `AWS_PROFILE` or `default`.
    pub profile: Option<String>,
    /// The region, instead of `AWS_REGION` or the profile's.
    pub region: Option<String>,
}

impl ConfigOptions {
    /// Reads profile `profile` instead of the environment's.
    #[must_use]
    pub fn profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = Some(profile.into());
        self
    }

    /// Uses region `region` instead of the environment's.
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }
}

/// The standard AWS configuration (`AWS_PROFILE`, `AWS_REGION`, the environment's credentials,
/// `AWS_ENDPOINT_URL` for a local endpoint such as moto), over HTTPS with rustls (plain HTTP to a
/// local endpoint), with the project's retry policy: [`MAX_ATTEMPTS`] attempts in standard mode,
/// unless `AWS_MAX_ATTEMPTS` / `AWS_RETRY_MODE` or the profile's `max_attempts` / `retry_mode`
/// say otherwise (the environment first, as the SDK reads them).
///
/// # Errors
/// [`Error::Config`] when a retry setting is not valid (the SDK would panic) or the profile
/// files cannot be parsed.
pub async fn load_config(options: &ConfigOptions) -> Result<SdkConfig, Error> {
    load_config_from(Env::real(), Fs::real(), options).await
}

async fn load_config_from(env: Env, fs: Fs, options: &ConfigOptions) -> Result<SdkConfig, Error> {
    use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};
    let retry = user_retry_config(&env, &fs, options.profile.as_deref()).await?;
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http)
        .retry_config(retry);
    if let Some(profile) = &options.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &options.region {
        loader = loader.region(Region::new(region.clone()));
    }
    Ok(loader.load().await)
}

/// A `max_attempts` setting that is not a positive number.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not a number of attempts (1 or more)")]
struct NotAttempts(String);

/// The retry configuration from the user's settings over the project's policy.
async fn user_retry_config(
    env: &Env,
    fs: &Fs,
    profile: Option<&str>,
) -> Result<RetryConfig, Error> {
    let profiles = aws_config::profile::load(
        fs,
        env,
        &EnvConfigFiles::default(),
        profile.map(|p| Cow::Owned(p.to_owned())),
    )
    .await
    .map_err(|e| Error::Config(format!("the AWS profile files: {e}")))?;
    let max_attempts = EnvConfigValue::new()
        .env("AWS_MAX_ATTEMPTS")
        .profile("max_attempts")
        .validate(env, Some(&profiles), |text| match text.parse::<u32>() {
            Ok(0) | Err(_) => Err(NotAttempts(text.to_owned())),
            Ok(n) => Ok(n),
        })
        .map_err(|e| Error::Config(e.to_string()))?;
    let mode = EnvConfigValue::new()
        .env("AWS_RETRY_MODE")
        .profile("retry_mode")
        .validate(env, Some(&profiles), RetryMode::from_str)
        .map_err(|e| Error::Config(e.to_string()))?;
    Ok(retry_policy(max_attempts, mode))
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use aws_config::Region;
    use aws_sdk_ecs::config::{Credentials, SharedCredentialsProvider};

    use super::*;

    /// A server on loopback that throttles every request; counts what it was sent.
    fn throttling_server() -> (String, Arc<AtomicUsize>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':')
                        && name.eq_ignore_ascii_case("content-length")
                    {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                count.fetch_add(1, Ordering::SeqCst);
                let answer = r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#;
                let _ = write!(
                    stream,
                    "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.1\r\n\
                     x-amzn-RequestId: throttled\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            }
        });
        (endpoint, seen)
    }

    const HOME: (&str, &str) = ("HOME", "/home/user");

    /// How many requests one ECS call makes with the configuration `load_config` reads from
    /// `env` and `files`, against a server that always throttles.
    async fn attempts(env: &[(&str, &str)], files: &[(&str, &str)]) -> usize {
        let (endpoint, seen) = throttling_server();
        let config = load_config_from(
            Env::from_slice(env),
            Fs::from_slice(files),
            &ConfigOptions::default().region("us-east-1"),
        )
        .await
        .unwrap()
        .into_builder()
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(SharedCredentialsProvider::new(Credentials::for_tests()))
        .build();
        let clients = Clients::new(&config);
        let err = clients.ecs.list_clusters().send().await.unwrap_err();
        assert_eq!(
            aws_sdk_ecs::error::ProvideErrorMetadata::code(&err),
            Some("ThrottlingException")
        );
        seen.load(Ordering::SeqCst)
    }

    #[tokio::test]
    async fn the_project_policy_applies_through_the_loading_path() {
        // aws_config::load always sets a retry configuration (3 attempts): the project's six
        // used to apply only without one, so never in a real run.
        assert_eq!(attempts(&[HOME], &[]).await, MAX_ATTEMPTS as usize);
        assert_eq!(attempts(&[HOME, ("AWS_MAX_ATTEMPTS", "2")], &[]).await, 2);
    }

    async fn resolved(
        env: &[(&str, &str)],
        files: &[(&str, &str)],
        profile: Option<&str>,
    ) -> Result<RetryConfig, Error> {
        user_retry_config(&Env::from_slice(env), &Fs::from_slice(files), profile).await
    }

    #[tokio::test]
    async fn the_environment_then_the_profile_override_the_policy() {
        let config = (
            "/home/user/.aws/config",
            "[default]\nmax_attempts = 3\n[profile ci]\nmax_attempts = 1\nretry_mode = adaptive\n",
        );
        let default = resolved(&[HOME], &[config], None).await.unwrap();
        assert_eq!(
            (
                default.max_attempts(),
                default.mode(),
                default.initial_backoff()
            ),
            (3, RetryMode::Standard, INITIAL_BACKOFF)
        );
        let ci = resolved(&[HOME], &[config], Some("ci")).await.unwrap();
        assert_eq!((ci.max_attempts(), ci.mode()), (1, RetryMode::Adaptive));
        let ci = resolved(&[HOME, ("AWS_PROFILE", "ci")], &[config], None)
            .await
            .unwrap();
        assert_eq!(ci.max_attempts(), 1);
        let env = resolved(
            &[
                HOME,
                ("AWS_MAX_ATTEMPTS", "4"),
                ("AWS_RETRY_MODE", "standard"),
            ],
            &[config],
            Some("ci"),
        )
        .await
        .unwrap();
        assert_eq!((env.max_attempts(), env.mode()), (4, RetryMode::Standard));
    }

    #[tokio::test]
    async fn a_bad_retry_setting_is_an_error_not_a_panic() {
        for (env, says) in [
            (("AWS_MAX_ATTEMPTS", "0"), "`0` is not a number of attempts"),
            (
                ("AWS_MAX_ATTEMPTS", "potato"),
                "`potato` is not a number of attempts",
            ),
            (("AWS_RETRY_MODE", "sometimes"), "sometimes"),
        ] {
            let err = resolved(&[HOME, env], &[], None).await.unwrap_err();
            assert!(matches!(err, Error::Config(_)), "{err}");
            let message = err.to_string();
            assert!(
                message.contains(env.0) && message.contains(says),
                "{message}"
            );
        }
        let err = resolved(
            &[HOME],
            &[("/home/user/.aws/config", "[default]\nmax_attempts = -1\n")],
            None,
        )
        .await
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("max_attempts") && err.contains("`-1`"),
            "{err}"
        );
    }
}
