//! Seed `002`: the pet-web Next.js service on Fargate, as the console walk-through sets it up.
//! Prints the task definition `register-task-definition` takes.

fn main() {
    println!(
        "{}",
        ecs_examples::pet_web::task_definition().to_json_pretty()
    );
}
