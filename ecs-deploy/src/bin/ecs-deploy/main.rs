//! The `ecs-deploy` command line.

fn main() {}
