//! Seed `000`: ECS on one small EC2 instance for development. Prints every request that creates
//! it, in order, including the user data that makes the agent join the cluster.

fn main() {
    print!(
        "{}",
        ecs_examples::print::application(&ecs_examples::ec2_dev::application())
    );
}
