//! Amazon EFS: the application's file systems (found by creation token), their mount targets
//! and access points, read and created. Seven calls of its REST API, sent through the SDK's
//! runtime as the EC2, Scheduler and Application Auto Scaling calls are.

use std::sync::Arc;

use aws_config::SdkConfig;
use serde_json::{Value, json};

use crate::runtime::{self, JsonResult, Service, encode};

const EFS: Service = Service {
    signing_name: "elasticfilesystem",
    endpoint_prefix: "elasticfilesystem",
};

/// The EFS calls of a deployment.
#[derive(Debug, Clone)]
pub struct Client {
    config: Arc<SdkConfig>,
}

impl Client {
    /// A client for `config`.
    #[must_use]
    pub fn new(config: &SdkConfig) -> Self {
        Self {
            config: Arc::new(config.clone()),
        }
    }

    async fn call(
        &self,
        operation: &str,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> JsonResult {
        runtime::rest_call(&self.config, &EFS, operation, method, path, body).await
    }

    /// The file system whose creation token is `token`, as `DescribeFileSystems` answers.
    ///
    /// # Errors
    /// The failed call.
    pub async fn file_system(&self, token: &str) -> Result<Option<Value>, crate::SdkJsonError> {
        let path = format!("/2015-02-01/file-systems?CreationToken={}", encode(token));
        let got = self.call("DescribeFileSystems", "GET", &path, None).await?;
        Ok(got["FileSystems"]
            .as_array()
            .and_then(|all| all.first())
            .cloned())
    }

    /// `CreateFileSystem` of `input`.
    ///
    /// # Errors
    /// The failed call.
    pub async fn create_file_system(&self, input: &Value) -> JsonResult {
        self.call(
            "CreateFileSystem",
            "POST",
            "/2015-02-01/file-systems",
            Some(input),
        )
        .await
    }

    /// The mount targets of file system `id`.
    ///
    /// # Errors
    /// The failed call.
    pub async fn mount_targets(&self, id: &str) -> Result<Vec<Value>, crate::SdkJsonError> {
        let path = format!("/2015-02-01/mount-targets?FileSystemId={}", encode(id));
        let got = self
            .call("DescribeMountTargets", "GET", &path, None)
            .await?;
        Ok(got["MountTargets"].as_array().cloned().unwrap_or_default())
    }

    /// `CreateMountTarget` of `input`.
    ///
    /// # Errors
    /// The failed call.
    pub async fn create_mount_target(&self, input: &Value) -> JsonResult {
        self.call(
            "CreateMountTarget",
            "POST",
            "/2015-02-01/mount-targets",
            Some(input),
        )
        .await
    }

    /// The access points of file system `id`.
    ///
    /// # Errors
    /// The failed call.
    pub async fn access_points(&self, id: &str) -> Result<Vec<Value>, crate::SdkJsonError> {
        let path = format!("/2015-02-01/access-points?FileSystemId={}", encode(id));
        let got = self
            .call("DescribeAccessPoints", "GET", &path, None)
            .await?;
        Ok(got["AccessPoints"].as_array().cloned().unwrap_or_default())
    }

    /// `CreateAccessPoint` of `input`.
    ///
    /// # Errors
    /// The failed call.
    pub async fn create_access_point(&self, input: &Value) -> JsonResult {
        self.call(
            "CreateAccessPoint",
            "POST",
            "/2015-02-01/access-points",
            Some(input),
        )
        .await
    }

    /// Tags file system or access point `id` with `tags`.
    ///
    /// # Errors
    /// The failed call.
    pub async fn tag(&self, id: &str, tags: &[(String, String)]) -> JsonResult {
        let tags: Vec<Value> = tags
            .iter()
            .map(|(k, v)| json!({"Key": k, "Value": v}))
            .collect();
        let path = format!("/2015-02-01/resource-tags/{}", encode(id));
        self.call("TagResource", "POST", &path, Some(&json!({"Tags": tags})))
            .await
    }
}
