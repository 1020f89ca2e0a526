//! Two applications in one account: what both would create under one name. Environments of
//! one application (`staging`, `production`) derive their names so that nothing collides; this
//! says where they do.

use std::collections::BTreeSet;

use super::Application;
use crate::diagnostic::{Diagnostic, Findings, Rule};
use crate::path::json_path;
use crate::validate::rules;
use crate::words::quoted;

impl Application {
    /// What `self` and `other` would both create with the same name in the same account (and,
    /// for regional resources, the same region): the second deployment would find the first's
    /// resource, marked as another application's, and block (or, adopted, take it over). Paths
    /// are those of `self`'s document. Empty when they can live side by side.
    #[must_use]
    #[allow(clippy::too_many_lines)] // one check per kind of resource
    pub fn collisions(&self, other: &Application) -> Vec<Diagnostic> {
        let mut out = Findings::default();
        if self.account.id != other.account.id {
            return out.into_vec();
        }
        let regional = self.account.region == other.account.region;
        let theirs = quoted(&other.name);
        let roles = |app: &Application| app.roles.iter().map(|r| r.name.clone()).collect();
        same_names(
            &mut out,
            &theirs,
            &rules::L5,
            "role",
            "roles",
            roles(self),
            roles(other),
        );
        let profiles = |app: &Application| {
            app.instance_profiles
                .iter()
                .map(|p| p.name.clone())
                .collect()
        };
        same_names(
            &mut out,
            &theirs,
            &rules::L5,
            "instance profile",
            "instanceProfiles",
            profiles(self),
            profiles(other),
        );
        if !regional {
            return out.into_vec();
        }
        if self.cluster.name() == other.cluster.name() {
            out.report(
                &rules::K1,
                json_path!("cluster"),
                format!(
                    "application {theirs} creates cluster {} too: each marks it as its own",
                    quoted(self.cluster.name())
                ),
            );
        }
        let families =
            |app: &Application| app.task_definitions().map(|td| td.family.clone()).collect();
        same_names(
            &mut out,
            &theirs,
            &rules::A1,
            "task definition family",
            "taskDefinitions",
            families(self),
            families(other),
        );
        if self.cluster.name() == other.cluster.name() {
            let services = |app: &Application| {
                app.services()
                    .map(|(_, s)| s.service_name.clone())
                    .collect()
            };
            same_names(
                &mut out,
                &theirs,
                &rules::J1,
                "service",
                "services",
                services(self),
                services(other),
            );
        }
        let tgs = |app: &Application| app.target_groups.iter().map(|t| t.name.clone()).collect();
        same_names(
            &mut out,
            &theirs,
            &rules::M1,
            "target group",
            "targetGroups",
            tgs(self),
            tgs(other),
        );
        let lbs = |app: &Application| app.load_balancers.iter().map(|l| l.name.clone()).collect();
        same_names(
            &mut out,
            &theirs,
            &rules::M1,
            "load balancer",
            "loadBalancers",
            lbs(self),
            lbs(other),
        );
        // A group's name is unique within its VPC.
        let groups = |app: &Application| {
            app.security_groups
                .iter()
                .map(|g| {
                    format!(
                        "{}\u{0}{}",
                        g.name,
                        g.vpc_id.as_deref().unwrap_or("default")
                    )
                })
                .collect::<Vec<_>>()
        };
        let their_groups: BTreeSet<String> = groups(other).into_iter().collect();
        for group in groups(self)
            .into_iter()
            .filter(|g| their_groups.contains(g))
        {
            let name = group.split('\u{0}').next().unwrap_or_default().to_owned();
            out.report(
                &rules::M9,
                json_path!("securityGroups").key(name.clone()),
                format!(
                    "application {theirs} creates security group {} in the same VPC too",
                    quoted(&name)
                ),
            );
        }
        let logs = |app: &Application| {
            app.log_groups()
                .into_iter()
                .map(|(g, _)| g.to_owned())
                .collect()
        };
        same_names(
            &mut out,
            &theirs,
            &rules::F1,
            "log group",
            "logGroups",
            logs(self),
            logs(other),
        );
        let schedules = |app: &Application| {
            app.schedules()
                .map(|s| format!("{}/{}", s.group(), s.name))
                .collect()
        };
        let ours: Vec<String> = schedules(self);
        let others: BTreeSet<String> = schedules(other).into_iter().collect();
        for key in ours.into_iter().filter(|k| others.contains(k)) {
            let name = key.rsplit('/').next().unwrap_or_default().to_owned();
            out.report(
                &rules::J27,
                json_path!("schedules").key(name),
                format!("application {theirs} creates schedule {} too", quoted(&key)),
            );
        }
        // A creation token is an idempotency key: the second CreateFileSystem gets the first's.
        let file_systems = |app: &Application| {
            app.file_systems
                .iter()
                .map(|f| f.name().to_owned())
                .collect()
        };
        same_names(
            &mut out,
            &theirs,
            &rules::I12,
            "file system",
            "fileSystems",
            file_systems(self),
            file_systems(other),
        );
        let repositories = |app: &Application| {
            app.repositories
                .iter()
                .map(|r| r.name().to_owned())
                .collect()
        };
        same_names(
            &mut out,
            &theirs,
            &rules::B16,
            "ECR repository",
            "repositories",
            repositories(self),
            repositories(other),
        );
        let providers = |app: &Application| {
            app.capacity_providers
                .iter()
                .map(|p| p.name.clone())
                .collect()
        };
        same_names(
            &mut out,
            &theirs,
            &rules::K2,
            "capacity provider",
            "capacityProviders",
            providers(self),
            providers(other),
        );
        let instances = |app: &Application| app.instances.iter().map(|i| i.name.clone()).collect();
        same_names(
            &mut out,
            &theirs,
            &rules::K1,
            "instance",
            "instances",
            instances(self),
            instances(other),
        );
        out.into_vec()
    }
}

/// Reports each of `ours` that `others` has too, as a `kind` under `key`.
fn same_names<N: Ord + AsRef<str>>(
    out: &mut Findings,
    theirs: &str,
    rule: &'static Rule,
    kind: &str,
    key: &'static str,
    ours: Vec<N>,
    others: Vec<N>,
) {
    let others: BTreeSet<N> = others.into_iter().collect();
    for name in ours.into_iter().filter(|n| others.contains(n)) {
        let name = name.as_ref();
        out.report(
            rule,
            json_path!().key(key).key(name.to_owned()),
            format!("application {theirs} creates {kind} {} too", quoted(name)),
        );
    }
}
