//! Start-up dependencies between containers (section E).

use std::collections::BTreeMap;

use super::{Checker, rules};
use crate::container::ContainerCondition;
use crate::path::json_path;
use crate::task_definition::TaskDefinition;
use crate::words::quoted;

pub(super) fn check(cx: &mut Checker<'_>, td: &TaskDefinition) {
    let containers = &td.container_definitions;
    let by_name = first_by_name(td);
    let index_of = |name: &str| by_name.get(name).copied();
    for (i, c) in containers.iter().enumerate() {
        for (j, dep) in c.depends_on.iter().enumerate() {
            // Built when a problem is found: most dependencies have none.
            let at =
                |key: &'static str| json_path!("containerDefinitions"[i], "dependsOn"[j]).key(key);
            let Some(target) = index_of(&dep.container_name) else {
                cx.report(
                    &rules::E5,
                    at("containerName"),
                    format!("no container is named {}", quoted(&dep.container_name)),
                );
                continue;
            };
            if target == i {
                cx.report(
                    &rules::E5,
                    at("containerName"),
                    "a container cannot depend on itself",
                );
                continue;
            }
            let target_def = &containers[target];
            match dep.condition {
                ContainerCondition::Complete | ContainerCondition::Success
                    if target_def.is_essential() =>
                {
                    cx.report(
                        &rules::E2,
                        at("condition"),
                        format!(
                            "`{}` on {}, an essential container; mark it `essential: false` or wait for START/HEALTHY",
                            dep.condition,
                            quoted(&dep.container_name)
                        ),
                    );
                }
                ContainerCondition::Healthy if target_def.health_check.is_none() => {
                    cx.report(
                        &rules::E3,
                        at("condition"),
                        format!(
                            "`HEALTHY` on {}, which has no health check",
                            quoted(&dep.container_name)
                        ),
                    );
                }
                _ => {}
            }
        }
    }
    if let Some(cycle) = find_cycle(td) {
        let names: Vec<&str> = cycle.iter().map(|&i| containers[i].name.as_str()).collect();
        cx.report(
            &rules::E5,
            json_path!("containerDefinitions"[cycle[0]], "dependsOn"),
            format!(
                "dependencies form a cycle: {} → {}",
                names.join(" → "),
                names[0]
            ),
        );
    }
}

/// Each container name's first index, so that dependencies are resolved in linear time.
fn first_by_name(td: &TaskDefinition) -> BTreeMap<&str, usize> {
    let mut by_name = BTreeMap::new();
    for (i, c) in td.container_definitions.iter().enumerate().rev() {
        by_name.insert(c.name.as_str(), i);
    }
    by_name
}

/// A cycle of container indexes (each depends on the next), if there is one.
fn find_cycle(td: &TaskDefinition) -> Option<Vec<usize>> {
    let containers = &td.container_definitions;
    let by_name = first_by_name(td);
    let edges: Vec<Vec<usize>> = containers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.depends_on
                .iter()
                .filter_map(|d| by_name.get(d.container_name.as_str()).copied())
                .filter(|&t| t != i)
                .collect()
        })
        .collect();
    // Iterative depth-first search: 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; containers.len()];
    let mut path: Vec<(usize, usize)> = Vec::with_capacity(containers.len());
    for root in 0..containers.len() {
        if state[root] != 0 {
            continue;
        }
        path.clear();
        path.push((root, 0));
        state[root] = 1;
        while let Some((node, next)) = path.last_mut() {
            let node = *node;
            if let Some(&target) = edges[node].get(*next) {
                *next += 1;
                match state[target] {
                    0 => {
                        state[target] = 1;
                        path.push((target, 0));
                    }
                    1 => {
                        let start = path.iter().position(|&(n, _)| n == target).unwrap_or(0);
                        return Some(path[start..].iter().map(|&(n, _)| n).collect());
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                path.pop();
            }
        }
    }
    None
}
