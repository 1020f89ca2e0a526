//! Port mappings.

use crate::Text;
use crate::json::record::{api_enum, api_struct};

api_enum! {
    /// The transport protocol of a port mapping (`tcp` when omitted).
    pub enum TransportProtocol ("transport protocol") {
        /// TCP.
        Tcp = "tcp",
        /// UDP.
        Udp = "udp",
    }
}

api_enum! {
    /// The application protocol of a port mapping, for Service Connect and VPC Lattice.
    pub enum ApplicationProtocol ("application protocol") {
        /// HTTP/1.1.
        Http = "http",
        /// HTTP/2.
        Http2 = "http2",
        /// gRPC.
        Grpc = "grpc",
    }
}

api_struct! {
    /// A container port published to the host or the task's network interface.
    ///
    /// In `awsvpc` and `host` network mode `hostPort` is omitted or equal to `containerPort`
    /// (`ECS-C1`); in `bridge` mode `0` or omitted picks a dynamic host port (`ECS-C2`).
    pub struct PortMapping {
        /// The port the application listens on inside the container.
        container_port "containerPort": Option<i32>,
        /// The port on the host (or ENI) bound to `containerPort`.
        host_port "hostPort": Option<i32>,
        /// `tcp` (default) or `udp`.
        protocol "protocol": Option<TransportProtocol>,
        /// A name for Service Connect and VPC Lattice; unique across the task's containers.
        name "name": Option<Text>,
        /// The application protocol, for Service Connect; needs a `name`.
        app_protocol "appProtocol": Option<ApplicationProtocol>,
        /// A range of container ports, `"start-end"`, instead of `containerPort`.
        container_port_range "containerPortRange": Option<Text>,
    }
}

impl PortMapping {
    /// A TCP mapping of `container_port`, host port left to ECS.
    #[must_use]
    pub fn tcp(container_port: i32) -> Self {
        Self {
            container_port: Some(container_port),
            protocol: Some(TransportProtocol::Tcp),
            ..Self::default()
        }
    }

    /// A UDP mapping of `container_port`, host port left to ECS.
    #[must_use]
    pub fn udp(container_port: i32) -> Self {
        Self {
            container_port: Some(container_port),
            protocol: Some(TransportProtocol::Udp),
            ..Self::default()
        }
    }

    /// A range of container ports (`bridge` or `awsvpc` only).
    #[must_use]
    pub fn range(start: i32, end: i32, protocol: TransportProtocol) -> Self {
        Self {
            container_port_range: Some(format!("{start}-{end}").into()),
            protocol: Some(protocol),
            ..Self::default()
        }
    }

    /// Sets the host port.
    #[must_use]
    pub fn host_port(mut self, port: i32) -> Self {
        self.host_port = Some(port);
        self
    }

    /// Names the mapping (Service Connect, VPC Lattice).
    #[must_use]
    pub fn named(mut self, name: impl Into<Text>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the application protocol.
    #[must_use]
    pub fn app_protocol(mut self, protocol: ApplicationProtocol) -> Self {
        self.app_protocol = Some(protocol);
        self
    }

    /// The protocol, `tcp` when omitted.
    #[must_use]
    pub fn effective_protocol(&self) -> TransportProtocol {
        self.protocol.unwrap_or(TransportProtocol::Tcp)
    }
}
