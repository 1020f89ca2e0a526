//! The SDK's runtime for the few calls ecs-deploy writes itself rather than pulling in a whole
//! SDK crate for them (EC2; EventBridge and EventBridge Scheduler, read to find the task
//! definitions they run): the same `SigV4` signing, credentials and their cache, endpoint
//! override, HTTP client, timeouts and standard retries as the SDK's clients, and the same
//! [`SdkError`], carrying the service's code, message and request id.

use std::fmt;

use aws_config::SdkConfig;
use aws_runtime::auth::sigv4::{self, SigV4AuthScheme};
use aws_runtime::auth::{SigV4OperationSigningConfig, SigningOptions};
use aws_runtime::retries::classifiers::AwsErrorCodeClassifier;
use aws_smithy_runtime::client::orchestrator::operation::Operation;
use aws_smithy_runtime::client::retries::classifiers::{
    HttpStatusCodeClassifier, TransientErrorClassifier,
};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::auth::AuthSchemeOptionResolverParams;
use aws_smithy_runtime_api::client::auth::static_resolver::StaticAuthSchemeOptionResolver;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse, OrchestratorError};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
use aws_smithy_runtime_api::client::runtime_plugin::StaticRuntimePlugin;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::Layer;
use aws_smithy_types::error::metadata::{ErrorMetadata, ProvideErrorMetadata};
use aws_smithy_types::retry::RetryConfig;
use aws_types::SigningName;
use aws_types::region::SigningRegion;
use serde_json::Value;
use std::fmt::Write as _;

/// A service's answer to a failed call: its code (`InvalidGroup.NotFound`,
/// `ResourceNotFoundException`), message and request id, read with [`ProvideErrorMetadata`] as
/// every SDK error is.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError {
    meta: ErrorMetadata,
}

impl ServiceError {
    pub(crate) fn new(meta: ErrorMetadata) -> Self {
        Self { meta }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.meta.code(), self.meta.message()) {
            (Some(code), Some(message)) => write!(f, "{code}: {message}"),
            (Some(text), None) | (None, Some(text)) => f.write_str(text),
            (None, None) => f.write_str("the service gave no reason"),
        }
    }
}

impl std::error::Error for ServiceError {}

impl ProvideErrorMetadata for ServiceError {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

/// Which service a call goes to: the name requests are signed for, and the first label of its
/// endpoint (`https://<prefix>.<region>.amazonaws.com`).
#[derive(Debug)]
pub(crate) struct Service {
    pub(crate) signing_name: &'static str,
    pub(crate) endpoint_prefix: &'static str,
}

/// Sends `request` (its path and query relative to the endpoint) as `operation` of `service`,
/// and reads the answer with `read`.
pub(crate) async fn send<T>(
    config: &SdkConfig,
    service: &Service,
    operation: String,
    request: HttpRequest,
    read: impl Fn(&HttpResponse) -> Result<T, OrchestratorError<ServiceError>> + Send + Sync + 'static,
) -> Result<T, SdkError<ServiceError, HttpResponse>>
where
    T: fmt::Debug + Send + Sync + 'static,
{
    let unusable = |why: &str| SdkError::construction_failure(BoxError::from(why.to_owned()));
    let region = config
        .region()
        .ok_or_else(|| unusable("no AWS region is configured"))?;
    let credentials = config
        .credentials_provider()
        .ok_or_else(|| unusable("no AWS credentials are configured"))?;
    let http = config
        .http_client()
        .ok_or_else(|| unusable("no HTTP client is configured"))?;
    let prefix = service.endpoint_prefix;
    let endpoint = match config.endpoint_url() {
        Some(url) => url.to_owned(),
        None if region.as_ref().starts_with("cn-") => {
            format!("https://{prefix}.{region}.amazonaws.com.cn")
        }
        None => format!("https://{prefix}.{region}.amazonaws.com"),
    };
    let mut signing = Layer::new("signing");
    signing.store_put(AuthSchemeOptionResolverParams::new(()));
    signing.store_put(SigV4OperationSigningConfig {
        region: Some(SigningRegion::from(region.clone())),
        name: Some(SigningName::from_static(service.signing_name)),
        region_set: None,
        signing_options: SigningOptions::default(),
    });
    let mut auth = RuntimeComponentsBuilder::new("signing")
        .with_auth_scheme_option_resolver(Some(StaticAuthSchemeOptionResolver::new(vec![
            sigv4::SCHEME_ID,
        ])))
        .with_auth_scheme(SigV4AuthScheme::new())
        .with_identity_resolver(sigv4::SCHEME_ID, credentials);
    if let Some(cache) = config.identity_cache() {
        auth = auth.with_identity_cache(Some(cache));
    }
    let mut builder = Operation::builder()
        .service_name(service.signing_name)
        .operation_name(operation)
        .http_client(http)
        .endpoint_url(&endpoint)
        .standard_retry(
            &config
                .retry_config()
                .cloned()
                .unwrap_or_else(RetryConfig::standard),
        )
        .retry_classifier(AwsErrorCodeClassifier::<ServiceError>::new())
        .retry_classifier(TransientErrorClassifier::<ServiceError>::new())
        .retry_classifier(HttpStatusCodeClassifier::default())
        .runtime_plugin(
            StaticRuntimePlugin::new()
                .with_config(signing.freeze())
                .with_runtime_components(auth),
        );
    if let Some(version) = config.behavior_version() {
        builder = builder.behavior_version(version);
    }
    if let Some(timeouts) = config.timeout_config() {
        builder = builder.timeout_config(timeouts.clone());
    }
    if let Some(sleep) = config.sleep_impl() {
        builder = builder.sleep_impl(sleep);
    }
    if let Some(time) = config.time_source() {
        builder = builder.time_source(time);
    }
    let operation = builder
        .serializer(|request: Prepared| Ok(request.0))
        .deserializer(read)
        .build();
    // Boxed: the runtime's future is large, and every caller's future would hold it.
    Box::pin(operation.invoke(Prepared(request))).await
}

/// A request built before the runtime takes it: the operation's input is the request itself.
struct Prepared(HttpRequest);

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Prepared")
    }
}

/// Percent-encodes a query value (paging tokens are opaque).
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// A 2xx answer's JSON; any other is the service's error: its code from `x-amzn-ErrorType` or
/// the body's `__type` (without the namespace and the `:` suffix), its message.
pub(crate) fn answer(
    response: &HttpResponse,
) -> std::result::Result<Value, OrchestratorError<ServiceError>> {
    let body = response.body().bytes().unwrap_or_default();
    let parsed: Value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(body).map_err(|e| {
            OrchestratorError::response(format!("the answer is not JSON: {e}").into())
        })?
    };
    if response.status().is_success() {
        return Ok(parsed);
    }
    let header = |name: &str| response.headers().get(name).map(str::to_owned);
    let kind = header("x-amzn-errortype")
        .or_else(|| parsed["__type"].as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("HTTP {}", response.status().as_u16()));
    let code = kind.split(':').next().unwrap_or_default();
    let code = code.rsplit('#').next().unwrap_or(code);
    let mut meta = ErrorMetadata::builder().code(code);
    if let Some(message) = parsed["message"].as_str().or(parsed["Message"].as_str()) {
        meta = meta.message(message);
    }
    if let Some(id) = header("x-amzn-requestid") {
        meta = meta.custom("aws_request_id", id);
    }
    Err(OrchestratorError::operation(ServiceError::new(
        meta.build(),
    )))
}

/// The error of a call sent through the runtime: the SDK's, with the service's code and message.
pub type SdkJsonError = SdkError<ServiceError, HttpResponse>;

/// What a JSON call returns: its answer, or the error.
pub type JsonResult = std::result::Result<Value, SdkJsonError>;

/// A call of an `awsJson1_1` API (EventBridge, Application Auto Scaling): `POST /` with the
/// operation in `x-amz-target` as `<prefix>.<operation>`.
pub(crate) async fn json_call(
    config: &SdkConfig,
    service: &Service,
    prefix: &str,
    operation: &str,
    input: &Value,
) -> JsonResult {
    let mut request = HttpRequest::new(SdkBody::from(input.to_string()));
    request
        .headers_mut()
        .insert("content-type", "application/x-amz-json-1.1");
    request
        .headers_mut()
        .insert("x-amz-target", format!("{prefix}.{operation}"));
    let _ = request.set_method("POST");
    let _ = request.set_uri("/");
    send(config, service, operation.to_owned(), request, answer).await
}

/// A call of a REST JSON API (EventBridge Scheduler): `method` on `path`, with `body` as JSON.
pub(crate) async fn rest_call(
    config: &SdkConfig,
    service: &Service,
    operation: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> JsonResult {
    let mut request = match body {
        Some(body) => {
            let mut request = HttpRequest::new(SdkBody::from(body.to_string()));
            request
                .headers_mut()
                .insert("content-type", "application/json");
            request
        }
        None => HttpRequest::new(SdkBody::empty()),
    };
    let _ = request.set_method(method);
    if request.set_uri(path).is_err() {
        return Err(SdkError::construction_failure(format!(
            "not a request path: {path}"
        )));
    }
    send(config, service, operation.to_owned(), request, answer).await
}

#[cfg(test)]
mod tests {
    use aws_smithy_runtime_api::http::StatusCode;
    use aws_smithy_types::error::metadata::ProvideErrorMetadata;

    use super::*;
    use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        let mut response =
            HttpResponse::new(StatusCode::try_from(status).unwrap(), SdkBody::from(body));
        for (name, value) in headers {
            response
                .headers_mut()
                .insert(name.to_string(), value.to_string());
        }
        response
    }

    #[test]
    fn errors_carry_the_service_code_and_message() {
        let error = |r: &HttpResponse| match answer(r) {
            Err(e) => e.as_operation_error().cloned().unwrap(),
            Ok(v) => panic!("{v}"),
        };
        let e = error(&response(
            400,
            &[("x-amzn-RequestId", "r-1")],
            r#"{"__type":"com.amazonaws.events#ResourceNotFoundException","message":"Rule x does not exist."}"#,
        ));
        assert_eq!(
            (e.code(), e.message()),
            (
                Some("ResourceNotFoundException"),
                Some("Rule x does not exist.")
            )
        );
        let e = error(&response(
            403,
            &[(
                "x-amzn-ErrorType",
                "AccessDeniedException:http://internal.amazon.com/",
            )],
            r#"{"Message":"not authorized to perform: scheduler:ListSchedules"}"#,
        ));
        assert_eq!(e.code(), Some("AccessDeniedException"));
        assert!(e.to_string().contains("scheduler:ListSchedules"), "{e}");
        assert_eq!(error(&response(503, &[], "")).code(), Some("HTTP 503"));
        assert!(answer(&response(200, &[], "not json")).is_err());
        assert_eq!(encode("a b/c=="), "a%20b%2Fc%3D%3D");
    }
}
