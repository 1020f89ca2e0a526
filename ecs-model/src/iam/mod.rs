//! IAM: policy documents, roles and instance profiles, and the roles ECS needs, with policies
//! derived from what a task definition actually uses.

mod ecs;
mod evaluate;
mod policy;
mod role;
mod validate;

pub use ecs::{
    DeployerScope, EC2, ECS_TASKS, ExecutionPolicyOptions, InstanceScope,
    MANAGED_INSTANCE_ROLE_POLICY, OWNERSHIP_MARK, RunnerScope, SCHEDULER, deployer_policy,
    execution_policy, image_repositories, runner_policy, scheduler_policy, task_role_policy,
};
pub use evaluate::{Decision, Request};
pub use policy::{
    Conditions, Effect, PolicyDocument, Principal, Statement, VERSION, Values, wildcard_match,
};

pub use role::{InlinePolicy, InstanceProfile, InstanceProfileBuilder, Role, RoleBuilder};
