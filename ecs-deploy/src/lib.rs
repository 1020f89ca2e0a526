//! Deploy ecs-model applications to Amazon ECS.

mod apply;
pub mod clients;
pub mod convert;
mod deployer;
mod error;
mod observe;
pub mod plan;
mod resource;
pub mod revisions;
mod state;
pub mod status;
pub mod verify;
pub mod wait;

pub use apply::{Applied, apply};
pub use clients::Clients;
pub use deployer::{DeployOptions, Deployer, Deployment, Event};
pub use error::{AwsError, Error};
pub use observe::observe;
pub use plan::{Action, Plan};
pub use resource::Resource;
pub use state::{Found, Ids, Observed, ObservedRole, ObservedService};
