//! EC2's query protocol: a form-encoded body of `Action`, `Version` and the parameters, lists
//! flattened with 1-based indexes (`Filter.1.Value.2`), names as the API model's `queryName`s.

use std::fmt::Write as _;

use super::{Filter, IpPermission};

/// The parameters of one call, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Query {
    action: &'static str,
    params: Vec<(String, String)>,
}

impl Query {
    pub(super) fn new(action: &'static str) -> Self {
        Self {
            action,
            params: Vec::new(),
        }
    }

    pub(super) fn action(&self) -> &'static str {
        self.action
    }

    pub(super) fn param(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.params.push((name.into(), value.into()));
    }

    /// `name.1`, `name.2`, … for each value.
    pub(super) fn list(&mut self, name: &str, values: &[String]) {
        for (i, value) in values.iter().enumerate() {
            self.param(format!("{name}.{}", i + 1), value);
        }
    }

    pub(super) fn filters(&mut self, filters: &[Filter]) {
        for (i, filter) in filters.iter().enumerate() {
            let at = format!("Filter.{}", i + 1);
            self.param(format!("{at}.Name"), &filter.name);
            self.list(&format!("{at}.Value"), &filter.values);
        }
    }

    /// A `Name` tag on the resource being created (`security-group`, `instance`).
    /// Tags the resource the call creates with `Name` = `name` and `tags`.
    pub(super) fn name_tag(&mut self, resource_type: &str, name: &str, tags: &[(String, String)]) {
        self.param("TagSpecification.1.ResourceType", resource_type);
        self.param("TagSpecification.1.Tag.1.Key", "Name");
        self.param("TagSpecification.1.Tag.1.Value", name);
        for (i, (key, value)) in tags.iter().enumerate() {
            self.param(format!("TagSpecification.1.Tag.{}.Key", i + 2), key);
            self.param(format!("TagSpecification.1.Tag.{}.Value", i + 2), value);
        }
    }

    pub(super) fn permissions(&mut self, permissions: &[IpPermission]) {
        for (i, p) in permissions.iter().enumerate() {
            let at = format!("IpPermissions.{}", i + 1);
            self.param(format!("{at}.IpProtocol"), &p.ip_protocol);
            if let Some(from) = p.from_port {
                self.param(format!("{at}.FromPort"), from.to_string());
            }
            if let Some(to) = p.to_port {
                self.param(format!("{at}.ToPort"), to.to_string());
            }
            for (list, key, sources) in [
                ("IpRanges", "CidrIp", &p.ip_ranges),
                ("Ipv6Ranges", "CidrIpv6", &p.ipv6_ranges),
                ("Groups", "GroupId", &p.groups),
            ] {
                for (j, (source, description)) in sources.iter().enumerate() {
                    let item = format!("{at}.{list}.{}", j + 1);
                    self.param(format!("{item}.{key}"), source);
                    if let Some(description) = description {
                        self.param(format!("{item}.Description"), description);
                    }
                }
            }
        }
    }

    /// The request body.
    pub(super) fn body(&self, version: &str) -> String {
        let mut body = format!("Action={}&Version={}", self.action, encode(version));
        for (name, value) in &self.params {
            let _ = write!(body, "&{}={}", encode(name), encode(value));
        }
        body
    }
}

/// Percent-encoding of everything but RFC 3986's unreserved characters, as `SigV4` expects.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_flattened_with_the_api_names() {
        let mut query = Query::new("AuthorizeSecurityGroupIngress");
        query.param("GroupId", "sg-1");
        query.permissions(&[IpPermission {
            ip_protocol: "tcp".into(),
            from_port: Some(8080),
            to_port: Some(8080),
            ip_ranges: vec![("10.0.0.0/8".into(), Some("office & VPN".into()))],
            ipv6_ranges: Vec::new(),
            groups: vec![("sg-2".into(), None)],
        }]);
        assert_eq!(
            query.body(super::super::VERSION),
            "Action=AuthorizeSecurityGroupIngress&Version=2016-11-15&GroupId=sg-1\
             &IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=8080\
             &IpPermissions.1.ToPort=8080&IpPermissions.1.IpRanges.1.CidrIp=10.0.0.0%2F8\
             &IpPermissions.1.IpRanges.1.Description=office%20%26%20VPN\
             &IpPermissions.1.Groups.1.GroupId=sg-2"
        );
        let mut query = Query::new("DescribeInstances");
        query.filters(&[Filter::new("instance-state-name", ["pending", "running"])]);
        assert_eq!(
            query.body("v"),
            "Action=DescribeInstances&Version=v&Filter.1.Name=instance-state-name\
             &Filter.1.Value.1=pending&Filter.1.Value.2=running"
        );
    }
}
