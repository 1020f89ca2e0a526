//! Amazon ECR: the application's repositories (settings, lifecycle policy, tags) read and
//! written, and the images task definitions name looked up. Calls of its JSON API
//! (`AmazonEC2ContainerRegistry_V20150921`), sent through the SDK's runtime as the EC2,
//! Scheduler, EFS and Application Auto Scaling calls are.

use std::sync::Arc;

use aws_config::SdkConfig;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::{Value, json};

use crate::runtime::{self, JsonResult, SdkJsonError, Service};

const ECR: Service = Service {
    signing_name: "ecr",
    endpoint_prefix: "api.ecr",
};

/// The target prefix of the API's operations.
const PREFIX: &str = "AmazonEC2ContainerRegistry_V20150921";

/// The manifest types `BatchGetImage` may answer with: Docker's and OCI's, single images and
/// lists of them (one per platform).
const MANIFEST_TYPES: [&str; 4] = [
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.oci.image.index.v1+json",
];

/// The ECR calls of a deployment.
#[derive(Debug, Clone)]
pub struct Client {
    config: Arc<SdkConfig>,
}

/// `Ok(None)` for the error code that says the thing is not there.
#[allow(clippy::result_large_err)] // the SDK's error, as every call returns it
fn unless(code: &str, result: JsonResult) -> Result<Option<Value>, SdkJsonError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(error) if error.code() == Some(code) => Ok(None),
        Err(error) => Err(error),
    }
}

impl Client {
    /// A client for `config`.
    #[must_use]
    pub fn new(config: &SdkConfig) -> Self {
        Self {
            config: Arc::new(config.clone()),
        }
    }

    /// `operation` with `input`.
    ///
    /// # Errors
    /// The failed call.
    pub async fn call(&self, operation: &str, input: &Value) -> JsonResult {
        runtime::json_call(&self.config, &ECR, PREFIX, operation, input).await
    }

    /// Repository `name` as `DescribeRepositories` answers, if it exists.
    ///
    /// # Errors
    /// The failed call.
    pub async fn repository(&self, name: &str) -> Result<Option<Value>, SdkJsonError> {
        let got = self
            .call("DescribeRepositories", &json!({"repositoryNames": [name]}))
            .await;
        Ok(unless("RepositoryNotFoundException", got)?
            .and_then(|got| got["repositories"].get(0).cloned()))
    }

    /// The lifecycle policy text of repository `name`, if it has one.
    ///
    /// # Errors
    /// The failed call.
    pub async fn lifecycle_policy(&self, name: &str) -> Result<Option<String>, SdkJsonError> {
        let got = self
            .call("GetLifecyclePolicy", &json!({"repositoryName": name}))
            .await;
        Ok(unless("LifecyclePolicyNotFoundException", got)?
            .and_then(|got| got["lifecyclePolicyText"].as_str().map(str::to_owned)))
    }

    /// The tags of the repository `arn`, as key and value.
    ///
    /// # Errors
    /// The failed call.
    pub async fn tags(&self, arn: &str) -> Result<Vec<(String, String)>, SdkJsonError> {
        let got = self
            .call("ListTagsForResource", &json!({"resourceArn": arn}))
            .await?;
        Ok(got["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| {
                Some((
                    t["Key"].as_str()?.to_owned(),
                    t["Value"].as_str()?.to_owned(),
                ))
            })
            .collect())
    }

    /// The manifest (its media type and text) of `image`, or why ECR has none for it.
    ///
    /// # Errors
    /// The failed call (a repository that does not exist is one).
    pub async fn manifest(&self, image: &Image) -> Result<Lookup, SdkJsonError> {
        let id = match &image.reference {
            Reference::Tag(tag) => json!({"imageTag": tag}),
            Reference::Digest(digest) => json!({"imageDigest": digest}),
        };
        let got = self
            .call(
                "BatchGetImage",
                &json!({
                    "registryId": image.registry,
                    "repositoryName": image.repository,
                    "imageIds": [id],
                    "acceptedMediaTypes": MANIFEST_TYPES,
                }),
            )
            .await?;
        let found = got["images"].get(0).and_then(|image| {
            let manifest = image["imageManifest"].as_str()?.to_owned();
            let media_type = image["imageManifestMediaType"]
                .as_str()
                .map(str::to_owned)
                .or_else(|| media_type_of(&manifest))
                .unwrap_or_default();
            Some((media_type, manifest))
        });
        if let Some((media_type, manifest)) = found {
            return Ok(Lookup::Found {
                media_type,
                manifest,
            });
        }
        let failure = &got["failures"][0];
        Ok(Lookup::Failed {
            code: failure["failureCode"]
                .as_str()
                .unwrap_or("ImageNotFound")
                .to_owned(),
            reason: failure["failureReason"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        })
    }
}

/// What `BatchGetImage` answered for one image.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Lookup {
    /// The image's manifest.
    Found {
        /// Its media type (a single image's, a list's, an index's).
        media_type: String,
        /// Its text.
        manifest: String,
    },
    /// ECR's failure: its code (`ImageNotFound`, `ImageTagDoesNotMatchDigest`, `KmsError`, …)
    /// and reason.
    Failed {
        /// The failure code.
        code: String,
        /// What ECR says.
        reason: String,
    },
}

/// An image of an ECR registry, as a container definition names it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Image {
    /// The registry's account id.
    pub registry: String,
    /// The registry's region.
    pub region: String,
    /// The repository.
    pub repository: String,
    /// The tag or digest.
    pub reference: Reference,
}

/// How an image is picked out of its repository.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reference {
    /// By tag (`latest` when the URI names none).
    Tag(String),
    /// By digest (`sha256:…`).
    Digest(String),
}

impl Image {
    /// The ECR image `uri` names (`<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>`
    /// or `…@sha256:…`); `None` for another registry's.
    #[must_use]
    pub fn parse(uri: &str) -> Option<Self> {
        let (host, path) = uri.split_once('/')?;
        let (registry, rest) = host.split_once(".dkr.ecr.")?;
        let region = rest.strip_suffix(".amazonaws.com")?;
        if registry.len() != 12 || !registry.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (repository, reference) = if let Some((repository, digest)) = path.split_once('@') {
            (repository, Reference::Digest(digest.to_owned()))
        } else if let Some((repository, tag)) = path.rsplit_once(':') {
            (repository, Reference::Tag(tag.to_owned()))
        } else {
            (path, Reference::Tag("latest".to_owned()))
        };
        Some(Self {
            registry: registry.to_owned(),
            region: region.to_owned(),
            repository: repository.to_owned(),
            reference,
        })
    }
}

impl std::fmt::Display for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.reference {
            Reference::Tag(tag) => write!(f, "{}:{tag}", self.repository),
            Reference::Digest(digest) => write!(f, "{}@{digest}", self.repository),
        }
    }
}

/// The media type a manifest names itself.
fn media_type_of(manifest: &str) -> Option<String> {
    serde_json::from_str::<Value>(manifest).ok()?["mediaType"]
        .as_str()
        .map(str::to_owned)
}

/// The platforms (`linux/amd64`) a manifest list or OCI index offers; `None` for a single
/// image's manifest, which names no platform (its configuration does).
#[must_use]
pub fn platforms(manifest: &str) -> Option<Vec<String>> {
    let manifest: Value = serde_json::from_str(manifest).ok()?;
    let list = manifest["manifests"].as_array()?;
    Some(
        list.iter()
            .filter_map(|m| {
                let platform = &m["platform"];
                let os = platform["os"].as_str()?;
                let arch = platform["architecture"].as_str()?;
                // Attestation manifests of BuildKit carry `unknown/unknown`.
                (os != "unknown").then(|| format!("{os}/{arch}"))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecr_image_uris_are_read_and_others_are_not() {
        let image =
            Image::parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:1.4").unwrap();
        assert_eq!(image.registry, "123456789012");
        assert_eq!(image.region, "eu-west-1");
        assert_eq!(image.repository, "team/web");
        assert_eq!(image.reference, Reference::Tag("1.4".into()));
        let pinned =
            Image::parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:abc").unwrap();
        assert_eq!(pinned.reference, Reference::Digest("sha256:abc".into()));
        let bare = Image::parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web").unwrap();
        assert_eq!(bare.to_string(), "web:latest");
        for other in [
            "nginx:1.27",
            "public.ecr.aws/nginx/nginx:1",
            "ghcr.io/a/b:1",
            "1.dkr.ecr.x.amazonaws.com/w:1",
        ] {
            assert_eq!(Image::parse(other), None, "{other}");
        }
    }

    #[test]
    fn platforms_come_from_lists_and_indexes_only() {
        let index = r#"{"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
            {"platform":{"os":"linux","architecture":"arm64"}},
            {"platform":{"os":"unknown","architecture":"unknown"}}]}"#;
        assert_eq!(platforms(index), Some(vec!["linux/arm64".to_owned()]));
        assert_eq!(
            platforms(r#"{"schemaVersion":2,"config":{},"layers":[]}"#),
            None
        );
    }
}
