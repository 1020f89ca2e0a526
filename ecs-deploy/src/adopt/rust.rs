//! [`Adopted::rust_source`]: the adopted application as a Rust function that builds it with the
//! model's builders, for any account and region. Documents the model reads as JSON (the task
//! definition, the service, load balancing) stay JSON constants, which people review as they
//! review `aws ecs` input; roles and security groups are builder calls.

use std::fmt::Write as _;

use ecs_model::network::{IpProtocol, Source};

use super::Adopted;

/// A Rust raw string literal of `text`, with as many `#` as it needs.
fn raw(text: &str) -> String {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
}

impl Adopted {
    /// `text` with the account id and region read written `{account}` and `{region}`.
    fn portable(&self, text: &str) -> String {
        text.replace(&self.account.id, "{account}")
            .replace(&self.account.region, "{region}")
    }

    /// A string expression of `text`: a literal, or `json(…)` when it names the account.
    fn text(&self, text: &str) -> String {
        let portable = self.portable(text);
        if portable == text {
            format!("{text:?}")
        } else {
            format!("&json({portable:?})")
        }
    }

    /// A Rust source file with `pub fn application(account: &Account) -> Result<Application, …>`
    /// that builds [`application`](Self::application)`(name)` for `account`: the account id and
    /// region read are written `{account}` and `{region}` and replaced by the given ones.
    #[must_use]
    pub fn rust_source(&self, name: &str) -> String {
        let app = self.application(name);
        let mut constants = String::new();
        let mut chain = String::new();
        self.roles_and_groups(&app, &mut chain);
        let mut document = |kind: &str, constant: String, json: String| {
            let _ = write!(
                constants,
                "\n/// {kind}, as its API takes it.\nconst {constant}: &str = {};\n",
                raw(&self.portable(&json))
            );
            constant
        };
        for (i, lb) in app.load_balancers.iter().enumerate() {
            let constant = document(
                "A load balancer",
                format!("LOAD_BALANCER_{i}"),
                lb.to_json_pretty(),
            );
            let _ = write!(
                chain,
                "\n.load_balancer(LoadBalancer::from_json(&json({constant}))?)"
            );
        }
        for (i, tg) in app.target_groups.iter().enumerate() {
            let constant = document(
                "A target group",
                format!("TARGET_GROUP_{i}"),
                tg.to_json_pretty(),
            );
            let _ = write!(
                chain,
                "\n.target_group(TargetGroup::from_json(&json({constant}))?)"
            );
        }
        for (i, listener) in app.listeners.iter().enumerate() {
            let constant = document(
                "A listener",
                format!("LISTENER_{i}"),
                listener.to_json_pretty(),
            );
            let _ = write!(
                chain,
                "\n.listener(Listener::from_json(&json({constant}))?)"
            );
        }
        let workload = &app.workloads[0];
        document(
            "The task definition the service runs",
            "TASK_DEFINITION".to_owned(),
            workload.task_definition.to_json_pretty(),
        );
        if let Some(service) = &workload.service {
            document(
                "The service",
                "SERVICE".to_owned(),
                service.to_json_pretty(),
            );
        }
        let uses = uses(&app);
        format!(
            r#"//! The `{service}` service of cluster `{cluster}` and what it names, as
//! `ecs-deploy init` read them: the application `{name}`, for any account and region.

{uses}

/// The application `{name}` in `account`.
///
/// # Errors
/// A definition that does not parse, or an application that breaks an ECS rule.
pub fn application(account: &Account) -> Result<Application, Box<dyn std::error::Error>> {{
    // The definitions say `{{account}}` and `{{region}}` where they name the account read.
    let json = |text: &str| {{
        text.replace("{{account}}", &account.id)
            .replace("{{region}}", &account.region)
    }};
    let app = Application::builder({name:?}, account.clone(), Cluster::builder({cluster:?})){chain}
        .workload(
            Workload::builder(TaskDefinition::from_json(&json(TASK_DEFINITION))?)
                .service(Service::from_json(&json(SERVICE))?),
        )
        .build()?;
    Ok(app)
}}
{constants}"#,
            service = self.service.service_name,
            cluster = self.cluster,
        )
    }

    /// The builder calls of `app`'s roles and security groups.
    fn roles_and_groups(&self, app: &ecs_model::Application, chain: &mut String) {
        for role in &app.roles {
            let trust = self.portable(&role.trust_policy.to_json_pretty());
            let _ = write!(
                chain,
                "\n.role(Role::builder({:?}, PolicyDocument::from_json(&json({}))?)",
                role.name,
                raw(&trust)
            );
            for arn in &role.managed_policy_arns {
                let _ = write!(chain, ".managed_policy({})", self.text(arn));
            }
            for policy in &role.inline_policies {
                let document = self.portable(&policy.document.to_json_pretty());
                let _ = write!(
                    chain,
                    ".inline_policy({:?}, PolicyDocument::from_json(&json({}))?)",
                    policy.name,
                    raw(&document)
                );
            }
            if let Some(path) = &role.path {
                let _ = write!(chain, ".with(|role| role.path = Some({path:?}.into()))");
            }
            chain.push(')');
        }
        for group in &app.security_groups {
            let _ = write!(
                chain,
                "\n.security_group(SecurityGroup::builder({:?}, {:?}, {:?})",
                group.name,
                group.description,
                group.vpc_id.as_deref().unwrap_or_default()
            );
            for rule in &group.ingress {
                let protocol = match rule.protocol {
                    IpProtocol::Tcp => "Tcp",
                    IpProtocol::Udp => "Udp",
                    IpProtocol::Icmp => "Icmp",
                    _ => "All",
                };
                let source = match &rule.source {
                    Source::Cidr(cidr) => format!("Source::Cidr({cidr:?}.into())"),
                    Source::Ipv6Cidr(cidr) => format!("Source::Ipv6Cidr({cidr:?}.into())"),
                    Source::Group(group) => format!("Source::Group({group:?}.into())"),
                    _ => continue,
                };
                let _ = write!(
                    chain,
                    ".allow(IngressRule::new(IpProtocol::{protocol}, {}, {}, {source}))",
                    rule.from_port, rule.to_port
                );
            }
            chain.push(')');
        }
    }
}

/// The `use` lines of what the source of `app` names.
fn uses(app: &ecs_model::Application) -> String {
    let mut uses = Vec::new();
    let alb: Vec<&str> = [
        (!app.listeners.is_empty(), "Listener"),
        (!app.load_balancers.is_empty(), "LoadBalancer"),
        (!app.target_groups.is_empty(), "TargetGroup"),
    ]
    .into_iter()
    .filter_map(|(used, name)| used.then_some(name))
    .collect();
    if !alb.is_empty() {
        uses.push(format!("use ecs_model::alb::{{{}}};", alb.join(", ")));
    }
    uses.push("use ecs_model::cluster::Cluster;".to_owned());
    if !app.roles.is_empty() {
        uses.push("use ecs_model::iam::{PolicyDocument, Role};".to_owned());
    }
    if !app.security_groups.is_empty() {
        uses.push(
            "use ecs_model::network::{IngressRule, IpProtocol, SecurityGroup, Source};".to_owned(),
        );
    }
    uses.push("use ecs_model::service::Service;".to_owned());
    uses.push("use ecs_model::{Account, Application, TaskDefinition, Workload};".to_owned());
    uses.join("\n")
}

#[cfg(test)]
mod tests {
    use super::raw;

    #[test]
    fn raw_strings_take_as_many_hashes_as_their_text_needs() {
        assert_eq!(raw(r#"{"a": 1}"#), r##"r#"{"a": 1}"#"##);
        assert_eq!(raw(r##"{"tag": "#1"}"##), r###"r##"{"tag": "#1"}"##"###);
    }
}
