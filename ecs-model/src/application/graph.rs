//! The application as a graph: its resources and the references between them, rendered as a
//! Mermaid flowchart that GitHub shows in a README or a pull request.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Application;
use crate::container::{LogDriver, awslogs};
use crate::efs::file_system_named;
use crate::network::Source;
use crate::reference::Reference;

/// One resource of the graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct Node {
    /// The kind, as the plan names it (`load balancer`, `service`, `role`).
    pub kind: &'static str,
    /// Its name.
    pub name: String,
}

/// The resources of an application and what refers to what: listener → target group →
/// service → task definition → roles, log groups, file systems; services and load balancers →
/// their security groups; schedules and scaling → what they run and scale.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Graph {
    /// Every resource, in the application's order.
    pub nodes: Vec<Node>,
    /// `(from, to)` as indexes into `nodes`, each once.
    pub edges: Vec<(usize, usize)>,
}

impl Application {
    /// The resources and the references between them ([`Graph::to_mermaid`] draws it).
    #[must_use]
    pub fn graph(&self) -> Graph {
        graph(self)
    }
}

/// Builds the graph, a node per resource the first time it is named.
struct Builder {
    graph: Graph,
    index: BTreeMap<(&'static str, String), usize>,
}

impl Builder {
    fn node(&mut self, kind: &'static str, name: &str) -> usize {
        let key = (kind, name.to_owned());
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.graph.nodes.len();
        self.graph.nodes.push(Node {
            kind,
            name: name.to_owned(),
        });
        self.index.insert(key, i);
        i
    }

    fn edge(&mut self, from: usize, to: usize) {
        if !self.graph.edges.contains(&(from, to)) {
            self.graph.edges.push((from, to));
        }
    }

    /// The node a reference (or a plain id) names: the application's resource, or the id
    /// itself as a resource of another kind.
    fn referenced(&mut self, kind: &'static str, text: &str) -> usize {
        let name = Reference::parse(text).map_or_else(|| text.to_owned(), |r| r.name().into());
        self.node(kind, &name)
    }
}

fn graph(app: &Application) -> Graph {
    let mut b = Builder {
        graph: Graph::default(),
        index: BTreeMap::new(),
    };
    load_balancing(&mut b, app);
    workloads(&mut b, app);
    storage_and_groups(&mut b, app);
    b.graph
}

/// Load balancers → listeners (→ rules) → target groups.
fn load_balancing(b: &mut Builder, app: &Application) {
    for lb in &app.load_balancers {
        let node = b.node("load balancer", &lb.name);
        for group in &lb.security_groups {
            let g = b.referenced("security group", group);
            b.edge(node, g);
        }
    }
    for listener in &app.listeners {
        let lb_name = Reference::parse(&listener.load_balancer_arn)
            .map_or_else(|| listener.load_balancer_arn.clone(), |r| r.name().into());
        let name = format!("{lb_name}:{}", listener.port.unwrap_or_default());
        let lb = b.node("load balancer", &lb_name);
        let node = b.node("listener", &name);
        b.edge(lb, node);
        for tg in listener
            .default_actions
            .iter()
            .filter_map(|a| a.target_group_arn.as_deref())
        {
            let tg = b.referenced("target group", tg);
            b.edge(node, tg);
        }
    }
    for rule in &app.listener_rules {
        let listener = Reference::parse(&rule.listener_arn)
            .map_or_else(|| rule.listener_arn.clone(), |r| r.name().into());
        let from = b.node("listener", &listener);
        let node = b.node("listener rule", &format!("{listener}#{}", rule.priority));
        b.edge(from, node);
        for tg in rule
            .actions
            .iter()
            .filter_map(|a| a.target_group_arn.as_deref())
        {
            let tg = b.referenced("target group", tg);
            b.edge(node, tg);
        }
    }
    for tg in &app.target_groups {
        b.node("target group", &tg.name);
    }
}

/// Target groups → services → task definitions → roles, log groups, file systems; schedules and
/// scaling → what they run.
fn workloads(b: &mut Builder, app: &Application) {
    for workload in &app.workloads {
        let td = &workload.task_definition;
        let td_node = b.node("task definition", &td.family);
        if let Some(service) = &workload.service {
            let node = b.node("service", &service.service_name);
            for tg in service
                .load_balancers
                .iter()
                .filter_map(|l| l.target_group_arn.as_deref())
            {
                let tg = b.referenced("target group", tg);
                b.edge(tg, node);
            }
            b.edge(node, td_node);
            for group in service
                .awsvpc()
                .map(|v| v.security_groups.as_slice())
                .unwrap_or_default()
            {
                let g = b.referenced("security group", group);
                b.edge(node, g);
            }
            if workload.scaling.is_some() {
                let scaling = b.node("scaling", &service.service_name);
                b.edge(scaling, node);
            }
        }
        if let Some(schedule) = &workload.schedule {
            let node = b.node("schedule", &schedule.name);
            b.edge(node, td_node);
            if let Some(role) = app.role_by_arn(&schedule.target.role_arn) {
                let role = b.node("role", &role.name);
                b.edge(node, role);
            }
        }
        for arn in td.execution_role_arn.iter().chain(&td.task_role_arn) {
            let name = app.role_by_arn(arn).map_or_else(
                || arn.rsplit('/').next().unwrap_or(arn).to_owned(),
                |r| r.name.clone(),
            );
            let role = b.node("role", &name);
            b.edge(td_node, role);
        }
        for log in td
            .container_definitions
            .iter()
            .filter_map(|c| c.log_configuration.as_ref())
        {
            if log.log_driver == LogDriver::Awslogs
                && let Some(group) = log.option_value(awslogs::GROUP)
            {
                let group = b.node("log group", group);
                b.edge(td_node, group);
            }
        }
        for volume in &td.volumes {
            if let Some(fs) = volume
                .efs_volume_configuration
                .as_ref()
                .and_then(|e| file_system_named(&e.file_system_id))
            {
                let fs = b.node("file system", &fs);
                b.edge(td_node, fs);
            }
        }
    }
}

/// File systems → their mount targets' groups; groups → the groups they admit.
fn storage_and_groups(b: &mut Builder, app: &Application) {
    for mt in &app.mount_targets {
        let Some(fs) = mt.file_system_name() else {
            continue;
        };
        let fs = b.node("file system", &fs);
        for group in &mt.security_groups {
            let g = b.referenced("security group", group);
            b.edge(fs, g);
        }
    }
    // A group that admits another: traffic flows from the source to it.
    for group in &app.security_groups {
        let node = b.node("security group", &group.name);
        for rule in &group.ingress {
            if let Source::Group(source) = &rule.source {
                let source = b.referenced("security group", source);
                b.edge(source, node);
            }
        }
    }
}

impl Graph {
    /// A Mermaid flowchart, left to right: one node per resource (`service pet-web`), one arrow
    /// per reference.
    #[must_use]
    pub fn to_mermaid(&self) -> String {
        let mut out = String::from("flowchart LR\n");
        for (i, node) in self.nodes.iter().enumerate() {
            let label = format!("{} {}", node.kind, node.name).replace('"', "#quot;");
            let _ = writeln!(out, "    n{i}[\"{label}\"]");
        }
        for (from, to) in &self.edges {
            let _ = writeln!(out, "    n{from} --> n{to}");
        }
        out
    }

    /// Whether there is an arrow from the `from_kind` resource `from` to the `to_kind` one `to`.
    #[must_use]
    pub fn has_edge(&self, (from_kind, from): (&str, &str), (to_kind, to): (&str, &str)) -> bool {
        let find = |kind: &str, name: &str| {
            self.nodes
                .iter()
                .position(|n| n.kind == kind && n.name == name)
        };
        match (find(from_kind, from), find(to_kind, to)) {
            (Some(a), Some(b)) => self.edges.contains(&(a, b)),
            _ => false,
        }
    }
}
