//! moto, the AWS-compatible server, on loopback: started for a test and stopped with it.
//!
//! The Python that runs it is `$ECS_MOTO_PYTHON`, else the workspace's `.venv` (which `.ci/test`
//! creates from `.ci/requirements.txt`). Without either, the test says that it skipped; under
//! `CI=true` it fails. It runs moto through `moto_server.py`, which adds one thing moto lacks:
//! a task's containers exit with the code its `MOTO_EXIT_CODE` environment override names.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_ecs::config::Credentials;

/// A running moto server; stopped when dropped.
pub(crate) struct Moto {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub(crate) endpoint: String,
}

/// The Python that has moto, if there is one.
fn python() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ECS_MOTO_PYTHON") {
        return Some(PathBuf::from(path));
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/python");
    venv.is_file().then_some(venv)
}

impl Moto {
    /// Starts moto with services reporting `running` tasks each (moto does not run tasks), or
    /// says the test skipped when moto is not installed.
    pub(crate) fn start(what: &str, running: u32) -> Option<Self> {
        let Some(python) = python() else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true but moto is not installed ({what}): run .ci/test, which creates .venv"
            );
            eprintln!(
                "SKIPPED {what}: moto is not installed (run .ci/test, or set ECS_MOTO_PYTHON)"
            );
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let launcher = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../ecs-deploy/tests/integration/support/moto_server.py");
        let child = Command::new(python)
            .arg(launcher)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
            .env("MOTO_ECS_SERVICE_RUNNING", running.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto starts");
        let moto = Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "moto did not listen on {port} within 30 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(moto)
    }

    /// The AWS configuration of this server in `region`: test credentials, plain HTTP, and two
    /// attempts per call (moto's errors are not worth many retries).
    pub(crate) fn config(&self, region: &str) -> SdkConfig {
        let http = aws_smithy_http_client::Builder::new().build_http();
        SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(region.to_owned()))
            .endpoint_url(&self.endpoint)
            .credentials_provider(aws_sdk_ecs::config::SharedCredentialsProvider::new(
                Credentials::new("testing", "testing", None, None, "moto"),
            ))
            .http_client(http)
            .retry_config(RetryConfig::standard().with_max_attempts(2))
            .build()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
