//! The bound on AWS calls in flight, and their count. A deployment observes and applies
//! independent resources at once; every client's HTTP connector takes a permit per request, so
//! however many reads run concurrently, at most [`CALLS_IN_FLIGHT`] are on the wire.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use tokio::sync::Semaphore;

/// How many calls a deployment has on the wire at most. AWS meters each API per account with
/// token buckets that refill at a few tens of calls a second (ECS's describe and list actions,
/// IAM's reads) after a burst of 50–100; a plan of a 20-service application makes about 150
/// calls. Eight in flight at 20–80 ms a call stays within one burst, and the SDK's standard
/// retries (with backoff) ride out the throttling of a busy account; more in flight gained
/// nothing against moto or AWS in the measurements (`benches/README.md`).
pub const CALLS_IN_FLIGHT: usize = 8;

/// Counts and bounds the requests of every client made from one configuration.
#[derive(Debug, Clone)]
pub(crate) struct Bounded {
    inner: SharedHttpClient,
    permits: Arc<Semaphore>,
    sent: Arc<AtomicUsize>,
}

impl Bounded {
    /// `inner`, with at most `calls` requests in flight.
    pub(crate) fn new(inner: SharedHttpClient, calls: usize) -> Self {
        Self {
            inner,
            permits: Arc::new(Semaphore::new(calls.max(1))),
            sent: Arc::default(),
        }
    }

    /// The requests sent so far (each attempt counts).
    pub(crate) fn sent(&self) -> Arc<AtomicUsize> {
        Arc::clone(&self.sent)
    }
}

impl HttpClient for Bounded {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(Connector {
            inner: self.inner.http_connector(settings, components),
            permits: Arc::clone(&self.permits),
            sent: Arc::clone(&self.sent),
        })
    }
}

#[derive(Debug)]
struct Connector {
    inner: SharedHttpConnector,
    permits: Arc<Semaphore>,
    sent: Arc<AtomicUsize>,
}

impl HttpConnector for Connector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let inner = self.inner.clone();
        let permits = Arc::clone(&self.permits);
        let sent = Arc::clone(&self.sent);
        HttpConnectorFuture::new(async move {
            let _permit = permits
                .acquire_owned()
                .await
                .map_err(|e| ConnectorError::other(Box::new(e), None))?;
            sent.fetch_add(1, Ordering::Relaxed);
            inner.call(request).await
        })
    }
}
