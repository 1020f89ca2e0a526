//! Seed `002`: the pet-web Next.js service on Fargate behind an ALB, as the console walk-through
//! sets it up. Prints every request that creates it, in order (no AWS account needed).
//!
//! `--task-definition` prints only the task definition.

fn main() {
    if std::env::args().any(|a| a == "--task-definition") {
        println!(
            "{}",
            ecs_examples::pet_web::task_definition().to_json_pretty()
        );
        return;
    }
    print!(
        "{}",
        ecs_examples::print::application(&ecs_examples::pet_web::application())
    );
}
