//! Environment variables, environment files and secrets.

use crate::Text;
use crate::json::record::{api_enum, api_struct};

api_struct! {
    /// A name and a value: an environment variable, or a proxy configuration property.
    pub struct KeyValuePair {
        /// The name.
        name "name": Option<Text>,
        /// The value.
        value "value": Option<Text>,
    }
}

impl KeyValuePair {
    /// `name=value`.
    #[must_use]
    pub fn new(name: impl Into<Text>, value: impl Into<Text>) -> Self {
        Self {
            name: Some(name.into()),
            value: Some(value.into()),
            extra: crate::json::Extra::new(),
        }
    }
}

api_enum! {
    /// Where an environment file is stored.
    pub enum EnvironmentFileType ("environment file type") {
        /// An object in Amazon S3.
        S3 = "s3",
    }
}

impl Default for EnvironmentFileType {
    /// `s3`, the only type.
    fn default() -> Self {
        Self::S3
    }
}

api_struct! {
    /// A `.env` file of variables, loaded from S3 when the container starts (`ECS-G3`).
    pub struct EnvironmentFile {
        /// The S3 object ARN (`arn:aws:s3:::bucket/path/file.env`).
        value "value": Text,
        /// Always `s3`.
        r#type "type": EnvironmentFileType,
    }
}

impl EnvironmentFile {
    /// The file at an S3 object ARN.
    #[must_use]
    pub fn s3(object_arn: impl Into<Text>) -> Self {
        Self {
            value: object_arn.into(),
            r#type: EnvironmentFileType::S3,
            extra: crate::json::Extra::new(),
        }
    }
}

api_struct! {
    /// A secret injected as an environment variable (or a log driver option) when the
    /// container starts: a Secrets Manager secret or an SSM parameter (`ECS-G4`).
    pub struct Secret {
        /// The environment variable (or log option) name.
        name "name": Text,
        /// The secret's ARN, optionally with `:json-key:version-stage:version-id`, or an SSM
        /// parameter ARN or (same region) name.
        value_from "valueFrom": Text,
    }
}

impl Secret {
    /// The variable `name` from `value_from`.
    #[must_use]
    pub fn new(name: impl Into<Text>, value_from: impl Into<Text>) -> Self {
        Self {
            name: name.into(),
            value_from: value_from.into(),
            extra: crate::json::Extra::new(),
        }
    }
}
