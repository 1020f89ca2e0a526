//! Seed `002`: the task definition the console walk-through creates, field by field.

use serde_json::json;

#[test]
fn the_task_definition_is_the_seed_one() {
    let td = ecs_examples::pet_web::task_definition();
    ecs_model::testing::assert_clean(&td);
    // Written from the seed (002_cfa2489d8a7b5866.txt, steps 2.2 to 2.7), not from the output.
    let expected = json!({
        "family": "pet-web-task",
        "requiresCompatibilities": ["FARGATE"],
        "networkMode": "awsvpc",
        "runtimePlatform": {"operatingSystemFamily": "LINUX", "cpuArchitecture": "X86_64"},
        "cpu": "512",
        "memory": "1024",
        "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        "containerDefinitions": [{
            "name": "nextjs-container",
            "image": "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/pet-web:latest",
            "essential": true,
            "portMappings": [{"containerPort": 8080, "protocol": "tcp", "name": "nextjs-port"}],
            "environment": [
                {"name": "NODE_ENV", "value": "production"},
                {"name": "PORT", "value": "8080"},
                {"name": "HOSTNAME", "value": "0.0.0.0"}
            ],
            "logConfiguration": {
                "logDriver": "awslogs",
                "options": {
                    "awslogs-group": "/ecs/pet-web-task",
                    "awslogs-region": "ap-northeast-2",
                    "awslogs-stream-prefix": "ecs"
                }
            },
            "healthCheck": {
                "command": ["CMD-SHELL", "curl -f http://localhost:8080/api/health || exit 1"],
                "interval": 30,
                "timeout": 5,
                "retries": 3
            }
        }]
    });
    let rendered: serde_json::Value = serde_json::from_str(&td.to_json()).unwrap();
    assert_eq!(rendered, expected);
}
