//! The launch types, in a file of their own: rules name them ([`Applies`](crate::Applies)), so
//! they sit below the diagnostics that the rest of the task definition depends on.

use crate::json::record::api_enum;

api_enum! {
    /// Where a task definition can run.
    pub enum Compatibility ("launch type") {
        /// EC2 instances of the cluster.
        Ec2 = "EC2",
        /// AWS Fargate.
        Fargate = "FARGATE",
        /// ECS Anywhere (on-premises) instances.
        External = "EXTERNAL",
        /// ECS Managed Instances.
        ManagedInstances = "MANAGED_INSTANCES",
    }
}
