//! Ownership: what ecs-deploy creates carries the tag `ecs-deploy:application=<name>`, the
//! application's name. An existing resource without it (made by hand, by
//! another tool, by another application, or by an ecs-deploy older than the mark) is changed
//! only when the deployment adopts it: the plan says so and the mark is added. Otherwise its
//! changes are blocked. Log groups, task definitions and instances are never changed once they
//! exist (a new revision is a new resource), so they are only marked when created.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{Action, Blocked, Change, Op, Step};
use crate::resource::Resource;
use crate::state::Observed;

/// The tag key of the mark (the deployer policy, in the model, names it too).
pub use ecs_model::iam::OWNERSHIP_MARK;

/// The resource whose mark decides for `resource` (a group's for its rules, a cluster's for
/// its capacity providers); `None` for what is never changed in place.
fn owner_of(resource: &Resource) -> Option<Resource> {
    match resource {
        Resource::LogGroup(_) | Resource::TaskDefinition(_) | Resource::Instance(_) => None,
        Resource::SecurityGroupRules(group) => Some(Resource::SecurityGroup(group.clone())),
        Resource::ClusterCapacityProviders(cluster) => Some(Resource::Cluster(cluster.clone())),
        // A scalable target carries no tags the API lists: the service it scales decides.
        Resource::Scaling { cluster, service } => Some(Resource::Service {
            cluster: cluster.clone(),
            name: service.clone(),
        }),
        // A mount target carries no tags: its file system's mark decides.
        Resource::MountTarget { file_system, .. } => {
            Some(Resource::FileSystem(file_system.clone()))
        }
        // Schedules carry no tags: their group's mark decides.
        Resource::Schedule { group, .. } => Some(Resource::ScheduleGroup(group.clone())),
        other => Some(other.clone()),
    }
}

/// Blocks every update of a resource `application` does not own, or (with `adopt`) marks it
/// as the application's in the same step.
pub(super) fn enforce(steps: &mut [Step], observed: &Observed, application: &str, adopt: bool) {
    let mut marked = BTreeSet::new();
    for step in steps.iter_mut().filter(|s| s.action == Action::Update) {
        let Some(owner) = owner_of(&step.resource) else {
            continue;
        };
        // What exists but was not read for its owner (a hand-made observation) counts as
        // not the application's.
        let found = observed.owners.get(&owner);
        let marked_as = found.and_then(|f| f.application.clone());
        if marked_as.as_deref() == Some(application) {
            continue;
        }
        if let (true, Some(found)) = (adopt, found) {
            step.adopted = true;
            if marked.insert(owner.clone()) {
                step.ops.push(Op::Mark {
                    resource: owner,
                    id: found.id.clone(),
                });
                step.calls = step.ops.iter().map(Op::call).collect();
            }
            continue;
        }
        let reason = match &marked_as {
            Some(other) => format!(
                "{owner} belongs to application `{other}` (its `{OWNERSHIP_MARK}` tag): not changed; \
                 deploy with --adopt to take it over"
            ),
            None => format!(
                "{owner} exists without the `{OWNERSHIP_MARK}` tag, so ecs-deploy did not create it \
                 for this application: not changed; deploy with --adopt to take it over"
            ),
        };
        let change = Change::of(
            "Tags",
            marked_as.map(Value::String),
            Some(Value::String(application.to_owned())),
        );
        step.blocked.push(Blocked {
            resource: step.resource.clone(),
            change,
            reason,
        });
        step.action = Action::Blocked;
        step.ops.clear();
        step.calls.clear();
    }
}
