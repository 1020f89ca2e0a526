//! CloudWatch Logs: the groups the task's containers write to.

use super::{Op, Planner};
use crate::resource::Resource;

impl Planner<'_> {
    /// A log group the application creates: it exists, or it is created.
    pub(super) fn log_group(&mut self, group: &str) {
        let exists = self.observed.log_groups.contains(group);
        self.exists_or(Resource::LogGroup(group.to_owned()), exists, || {
            vec![Op::CreateLogGroup(group.to_owned())]
        });
    }
}
