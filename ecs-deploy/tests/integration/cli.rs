//! The `ecs-deploy` command line: without AWS for `validate` and `render`, against moto for the
//! rest, through the standard configuration (`AWS_ENDPOINT_URL`, `AWS_REGION`, the environment's
//! credentials).

use crate::support;

use std::path::Path;
use std::process::{Command, Output};

use support::moto::Moto;

const TASK_DEFINITION: &str = r#"{
  "family": "hello",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": "0.25 vCPU",
  "memory": "512",
  "containerDefinitions": [{"name": "hello", "image": "nginx:1.27", "portMappings": [{"containerPort": 80}]}]
}"#;

fn ecs_deploy(dir: &Path, moto: Option<&Moto>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ecs-deploy"));
    command
        .current_dir(dir)
        .args(args)
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_REGION")
        .env_remove("AWS_DEFAULT_REGION");
    if let Some(moto) = moto {
        command
            .env("AWS_ENDPOINT_URL", &moto.endpoint)
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing");
    }
    command.output().expect("ecs-deploy runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn workdir(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("td.json"), TASK_DEFINITION).unwrap();
    dir
}

#[test]
fn validate_reports_every_problem_with_its_path_and_fails() {
    let dir = workdir("cli-validate");
    std::fs::write(
        dir.join("bad.json"),
        TASK_DEFINITION
            .replace("\"512\"", "\"16 GB\"")
            .replace("nginx:1.27", ""),
    )
    .unwrap();
    let ok = ecs_deploy(&dir, None, &["validate", "-t", "td.json"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let bad = ecs_deploy(&dir, None, &["validate", "-t", "bad.json"]);
    assert_eq!(bad.status.code(), Some(1));
    let out = stdout(&bad);
    assert!(
        out.contains("bad.json: memory: 16384 MiB does not go with 256 CPU units on Fargate"),
        "{out}"
    );
    assert!(out.contains("bad.json: containerDefinitions[0].image: empty; every container needs an image [ECS-B1]"), "{out}");
    let json = ecs_deploy(
        &dir,
        None,
        &["validate", "-t", "bad.json", "--format", "json"],
    );
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "ECS-A9" && d["path"] == "memory" && d["file"] == "bad.json"),
        "{list:#}"
    );
    let missing = ecs_deploy(&dir, None, &["validate", "-t", "nope.json"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).starts_with("error: nope.json:"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn render_prints_what_the_api_takes() {
    let dir = workdir("cli-render");
    let out = ecs_deploy(&dir, None, &["render", "-t", "td.json"]);
    assert!(out.status.success());
    let rendered: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rendered["cpu"], "256");
    // CI's one change, without editing the file.
    let out = ecs_deploy(
        &dir,
        None,
        &["render", "-t", "td.json", "--image", "hello=nginx:1.28"],
    );
    let rendered: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rendered["containerDefinitions"][0]["image"], "nginx:1.28");
    for (setting, says) in [
        ("web=nginx:1.28", "no container web in the task definitions"),
        ("hello", "give CONTAINER=IMAGE"),
        (
            "other/hello=nginx",
            "no container hello in the task definitions of family other",
        ),
    ] {
        let out = ecs_deploy(&dir, None, &["render", "-t", "td.json", "--image", setting]);
        assert!(!out.status.success());
        assert!(stderr(&out).contains(says), "{setting}: {}", stderr(&out));
    }
    // The graph of the files, for a README.
    std::fs::write(
        dir.join("svc.json"),
        r#"{"serviceName": "hello", "desiredCount": 1, "launchType": "FARGATE",
            "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"], "securityGroups": ["sg-1"]}}}"#,
    )
    .unwrap();
    let out = ecs_deploy(&dir, None, &["graph", "-t", "td.json", "-s", "svc.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "flowchart LR\n    n0[\"task definition hello\"]\n    n1[\"service hello\"]\n    \
         n2[\"security group sg-1\"]\n    n1 --> n0\n    n1 --> n2\n"
    );
}

/// `ecs-deploy render --deployer-policy 123456789012 -t FILE [--region R]`, with `AWS_REGION`
/// set to `env` or unset.
#[test]
fn diff_against_saved_answers_needs_no_aws() {
    let dir = workdir("cli-diff-observed");
    // What ECS answered for TASK_DEFINITION: its defaults filled in, units as numbers.
    let answer = serde_json::json!({"taskDefinition": {
        "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/hello:3",
        "family": "hello", "revision": 3, "status": "ACTIVE",
        "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
        "cpu": "256", "memory": "512", "enableFaultInjection": false,
        "containerDefinitions": [{"name": "hello", "image": "nginx:1.27", "cpu": 0,
            "essential": true, "environment": [], "mountPoints": [],
            "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}]}]
    }});
    std::fs::write(dir.join("described.json"), answer.to_string()).unwrap();
    std::fs::write(
        dir.join("service.json"),
        r#"{"serviceName": "hello", "desiredCount": 2}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("services.json"),
        r#"{"services": [{"serviceName": "hello", "desiredCount": 1, "status": "ACTIVE",
            "taskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/hello:3"}]}"#,
    )
    .unwrap();
    let args = [
        "diff",
        "-t",
        "td.json",
        "-s",
        "service.json",
        "--observed",
        "described.json",
        "--observed",
        "services.json",
    ];
    let output = ecs_deploy(&dir, None, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "task definition hello against described.json: no changes\n\
         service hello against services.json: 1 change\n    ~ desiredCount: 1 → 2\n"
    );
    // A new image is the one change, in JSON too.
    std::fs::write(
        dir.join("td.json"),
        TASK_DEFINITION.replace("nginx:1.27", "nginx:1.28"),
    )
    .unwrap();
    let output = ecs_deploy(
        &dir,
        None,
        &[
            "diff",
            "-t",
            "td.json",
            "--observed",
            "described.json",
            "--format",
            "json",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report[0]["changes"],
        serde_json::json!([{"path": "containerDefinitions[0].image",
            "before": "nginx:1.27", "after": "nginx:1.28"}])
    );
    // The same change from the command line: exactly the image, nothing else.
    std::fs::write(dir.join("td.json"), TASK_DEFINITION).unwrap();
    let output = ecs_deploy(
        &dir,
        None,
        &[
            "diff",
            "-t",
            "td.json",
            "--image",
            "hello=nginx:1.29",
            "--observed",
            "described.json",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(
        stdout(&output),
        "- **task definition hello** against `described.json`: 1 change\n  \
         - `containerDefinitions[0].image: \"nginx:1.27\" → \"nginx:1.29\"`\n"
    );
    // A service answer for a service no file defines says what is missing.
    let output = ecs_deploy(
        &dir,
        None,
        &["diff", "-t", "td.json", "--observed", "services.json"],
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output)
            .contains("services.json: describes service hello, which no -s file defines"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_stage_wait_on_a_rolling_service_is_refused_before_anything_changes() {
    let dir = workdir("cli-wait-until");
    std::fs::write(
        dir.join("service.json"),
        r#"{"serviceName": "hello", "desiredCount": 1, "launchType": "FARGATE",
            "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}}"#,
    )
    .unwrap();
    // No endpoint and no credentials: the refusal comes before any call.
    let output = ecs_deploy(
        &dir,
        None,
        &[
            "--region",
            "us-east-1",
            "deploy",
            "-t",
            "td.json",
            "-s",
            "service.json",
            "--wait-until",
            "BAKE_TIME",
        ],
    );
    assert!(!output.status.success());
    assert!(stderr(&output).contains("ROLLING"), "{}", stderr(&output));
    let output = ecs_deploy(
        &dir,
        None,
        &["deploy", "-t", "td.json", "--wait-until", "BAKE"],
    );
    assert!(stderr(&output).contains("BAKE_TIME"), "{}", stderr(&output));
}

fn render_policy(dir: &Path, file: &str, region: Option<&str>, env: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ecs-deploy"));
    command
        .current_dir(dir)
        .args(["render", "-t", file, "--deployer-policy", "123456789012"])
        .args(region.map(|r| ["--region", r]).into_iter().flatten())
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_REGION")
        .env_remove("AWS_DEFAULT_REGION");
    if let Some(region) = env {
        command.env("AWS_REGION", region);
    }
    command.output().expect("ecs-deploy runs")
}

#[test]
fn the_deployer_policy_is_for_the_definitions_region_and_roles() {
    use ecs_model::iam::{PolicyDocument, Request};
    let dir = workdir("cli-deployer-policy");
    // The definitions name no region and none is set: the policy's ARNs cannot be built.
    let none = render_policy(&dir, "td.json", None, None);
    assert_eq!(none.status.code(), Some(1));
    assert!(stderr(&none).contains("no region"), "{}", stderr(&none));
    let from_env = stdout(&render_policy(&dir, "td.json", None, Some("eu-west-1")));
    assert!(
        from_env.contains("arn:aws:ecs:eu-west-1:123456789012:cluster/default"),
        "{from_env}"
    );

    // Roles named by ARN are passed; the region is the one the definitions use.
    let seoul = TASK_DEFINITION
        .replace(
            r#""cpu""#,
            r#""executionRoleArn": "arn:aws:iam::123456789012:role/hello-exec",
               "taskRoleArn": "arn:aws:iam::123456789012:role/app/hello-task", "cpu""#,
        )
        .replace(
            "nginx:1.27",
            "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/hello:1",
        );
    std::fs::write(dir.join("td-seoul.json"), seoul).unwrap();
    let out = render_policy(&dir, "td-seoul.json", None, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let policy = PolicyDocument::from_json(&text).unwrap();
    let pass = |role: &str| {
        policy.allows(
            &Request::new(
                "iam:PassRole",
                format!("arn:aws:iam::123456789012:role/{role}"),
            )
            .with("iam:PassedToService", "ecs-tasks.amazonaws.com"),
        )
    };
    assert!(
        pass("hello-exec") && pass("app/hello-task") && !pass("admin"),
        "{text}"
    );
    let register = |family: &str| {
        policy.allows(&Request::new(
            "ecs:RegisterTaskDefinition",
            format!("arn:aws:ecs:ap-northeast-2:123456789012:task-definition/{family}:7"),
        ))
    };
    assert!(register("hello") && !register("other"), "{text}");
    assert!(
        !text.contains("us-east-1") && !text.contains("DeleteTaskDefinitions"),
        "{text}"
    );

    // --region wins, and a region the definitions name otherwise is pointed out.
    let overridden = render_policy(&dir, "td-seoul.json", Some("us-west-2"), Some("eu-west-1"));
    assert!(
        stdout(&overridden).contains(":us-west-2:"),
        "{}",
        stdout(&overridden)
    );
    assert!(
        stderr(&overridden)
            .contains("rendering for us-west-2, but the definitions also name ap-northeast-2"),
        "{}",
        stderr(&overridden)
    );
}

/// A Fargate service of `hello` in the default VPC of moto.
fn write_service(dir: &Path, moto: &Moto) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (subnet, group) = runtime.block_on(async {
        let ec2 = ecs_deploy::ec2::Client::new(&moto.config("us-east-1"));
        let subnets = ec2.describe_subnets(&[]).await.unwrap();
        let groups = ec2.describe_security_groups(&[]).await.unwrap();
        (subnets[0].subnet_id.clone(), groups[0].group_id.clone())
    });
    let service = format!(
        r#"{{"serviceName": "hello", "cluster": "demo", "desiredCount": 1, "launchType": "FARGATE",
            "networkConfiguration": {{"awsvpcConfiguration": {{"subnets": ["{subnet}"], "securityGroups": ["{group}"]}}}}}}"#
    );
    std::fs::write(dir.join("svc.json"), service).unwrap();
}

#[test]
#[allow(clippy::too_many_lines)] // one scenario: each command in turn against the same server
fn deploy_diff_status_rollback_and_deregister_against_moto() {
    let Some(moto) = Moto::start("the command line against moto", 1) else {
        return;
    };
    let dir = workdir("cli-deploy");
    write_service(&dir, &moto);
    let defs = ["-t", "td.json", "-s", "svc.json"];

    let dry = ecs_deploy(
        &dir,
        Some(&moto),
        &[&["deploy", "--dry-run"], &defs[..]].concat(),
    );
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains("Plan: 3 to create, 0 to update, 0 unchanged, 0 blocked."),
        "{}",
        stdout(&dry)
    );
    let diff = ecs_deploy(
        &dir,
        Some(&moto),
        &[&["diff", "--format", "json"], &defs[..]].concat(),
    );
    let plan: serde_json::Value = serde_json::from_slice(&diff.stdout).unwrap();
    assert_eq!(plan["steps"].as_array().unwrap().len(), 3);

    let deployed = ecs_deploy(&dir, Some(&moto), &[&["deploy"], &defs[..]].concat());
    assert!(deployed.status.success(), "{}", stderr(&deployed));
    assert!(stdout(&deployed).contains("deployed: 3 change(s); task definition arn:aws:ecs:us-east-1:123456789012:task-definition/hello:1"), "{}", stdout(&deployed));
    assert!(
        stderr(&deployed).contains("1/1 running"),
        "{}",
        stderr(&deployed)
    );

    let again = ecs_deploy(&dir, Some(&moto), &[&["deploy"], &defs[..]].concat());
    assert!(
        stdout(&again).contains("Plan: 0 to create, 0 to update, 3 unchanged, 0 blocked."),
        "{}",
        stdout(&again)
    );

    std::fs::write(
        dir.join("td.json"),
        TASK_DEFINITION.replace("nginx:1.27", "nginx:1.28"),
    )
    .unwrap();
    let diff = ecs_deploy(&dir, Some(&moto), &[&["diff"], &defs[..]].concat());
    assert!(
        stdout(&diff).contains("~ containerDefinitions[0].image: \"nginx:1.27\" → \"nginx:1.28\""),
        "{}",
        stdout(&diff)
    );
    let updated = ecs_deploy(
        &dir,
        Some(&moto),
        &[&["deploy", "--no-wait"], &defs[..]].concat(),
    );
    assert!(
        stdout(&updated).contains("task-definition/hello:2"),
        "{}",
        stdout(&updated)
    );

    let status = ecs_deploy(&dir, Some(&moto), &["status", "-c", "demo", "-n", "hello"]);
    assert!(
        stdout(&status)
            .contains("task definition arn:aws:ecs:us-east-1:123456789012:task-definition/hello:2"),
        "{}",
        stdout(&status)
    );
    // The files deploy took name the service just as well: no names typed again.
    let by_files = ecs_deploy(&dir, Some(&moto), &[&["status"], &defs[..]].concat());
    assert_eq!(stdout(&by_files), stdout(&status), "{}", stderr(&by_files));
    let unnamed = ecs_deploy(&dir, Some(&moto), &["status"]);
    assert!(!unnamed.status.success());

    // Rolled back by the same files.
    let rolled = ecs_deploy(
        &dir,
        Some(&moto),
        &[&["rollback", "--no-wait"], &defs[..]].concat(),
    );
    assert!(rolled.status.success(), "{}", stderr(&rolled));
    assert!(
        stdout(&rolled).contains("to arn:aws:ecs:us-east-1:123456789012:task-definition/hello:1"),
        "{}",
        stdout(&rolled)
    );

    let verify = ecs_deploy(&dir, Some(&moto), &[&["verify"], &defs[..]].concat());
    assert!(verify.status.success(), "{}", stdout(&verify));
    assert!(
        stdout(&verify).contains("ok   cluster demo: ACTIVE"),
        "{}",
        stdout(&verify)
    );

    // A role the definition names that does not exist fails the verification.
    let missing_role = TASK_DEFINITION.replace(
        "\"cpu\"",
        "\"executionRoleArn\": \"arn:aws:iam::123456789012:role/nope\", \"cpu\"",
    );
    std::fs::write(dir.join("td-role.json"), missing_role).unwrap();
    let failed = ecs_deploy(
        &dir,
        Some(&moto),
        &["verify", "-t", "td-role.json", "-s", "svc.json"],
    );
    assert_eq!(failed.status.code(), Some(1), "{}", stdout(&failed));
    assert!(
        stdout(&failed).contains("FAIL execution role nope: does not exist: tasks cannot start"),
        "{}",
        stdout(&failed)
    );

    let cleaned = ecs_deploy(
        &dir,
        Some(&moto),
        &["deregister", "-t", "td.json", "--keep", "1"],
    );
    assert!(
        stdout(&cleaned).contains("0 deregistered, 2 kept"),
        "{}",
        stdout(&cleaned)
    );
    // Keeping none would deregister the revision a service runs next: refused.
    let none = ecs_deploy(
        &dir,
        Some(&moto),
        &["deregister", "-t", "td.json", "--keep", "0"],
    );
    assert_eq!(none.status.code(), Some(2), "{}", stderr(&none));
    assert!(stderr(&none).contains("--keep"), "{}", stderr(&none));

    let unknown = ecs_deploy(&dir, Some(&moto), &["status", "-c", "demo", "-n", "nope"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("service `nope` is not in cluster `demo`"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
#[allow(clippy::too_many_lines)] // one scenario: the files, then each command against one server
fn several_services_scaling_and_a_schedule_from_files_against_moto() {
    let Some(moto) = Moto::start("the command line with scaling and schedules", 1) else {
        return;
    };
    let dir = workdir("cli-platform");
    write_service(&dir, &moto);
    // A second service of its own task definition, scaled; and a nightly job.
    let svc = std::fs::read_to_string(dir.join("svc.json")).unwrap();
    std::fs::write(
        dir.join("api.json"),
        svc.replace(
            r#""serviceName": "hello""#,
            r#""serviceName": "api", "taskDefinition": "api""#,
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("api-td.json"),
        TASK_DEFINITION.replace("\"hello\"", "\"api\""),
    )
    .unwrap();
    std::fs::write(
        dir.join("job-td.json"),
        TASK_DEFINITION.replace("\"hello\"", "\"job\""),
    )
    .unwrap();
    std::fs::write(
        dir.join("api-scaling.json"),
        r#"[{"ServiceNamespace": "ecs", "ResourceId": "service/demo/api",
             "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 1, "MaxCapacity": 4},
            {"PolicyName": "cpu", "ServiceNamespace": "ecs", "ResourceId": "service/demo/api",
             "ScalableDimension": "ecs:service:DesiredCount", "PolicyType": "TargetTrackingScaling",
             "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 60,
               "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}]"#,
    )
    .unwrap();
    let network = &svc[svc.find("\"subnets\"").unwrap()..=svc.find("]}}").unwrap()];
    let network = network
        .replace("\"subnets\"", "\"Subnets\"")
        .replace("\"securityGroups\"", "\"SecurityGroups\"");
    std::fs::write(
        dir.join("nightly.json"),
        format!(
            r#"{{"Name": "nightly", "ScheduleExpression": "cron(0 3 * * ? *)",
                "ScheduleExpressionTimezone": "Asia/Seoul", "FlexibleTimeWindow": {{"Mode": "OFF"}},
                "Target": {{"Arn": "", "RoleArn": "", "EcsParameters": {{"TaskDefinitionArn": "job",
                  "LaunchType": "FARGATE", "NetworkConfiguration": {{"awsvpcConfiguration": {{{network}}}}}}}}}}}"#
        ),
    )
    .unwrap();
    let defs = [
        "-t",
        "td.json",
        "-t",
        "api-td.json",
        "-t",
        "job-td.json",
        "-s",
        "svc.json",
        "-s",
        "api.json",
        "--scaling",
        "api-scaling.json",
        "--schedule",
        "nightly.json",
    ];
    let validated = ecs_deploy(&dir, None, &[&["validate"], &defs[..]].concat());
    assert!(
        validated.status.success(),
        "{}{}",
        stdout(&validated),
        stderr(&validated)
    );
    let deployed = ecs_deploy(
        &dir,
        Some(&moto),
        &[&["deploy", "--no-wait"], &defs[..]].concat(),
    );
    assert!(
        deployed.status.success(),
        "{}{}",
        stdout(&deployed),
        stderr(&deployed)
    );
    let out = stdout(&deployed);
    for step in [
        "application-autoscaling:scalable-target service/demo/api",
        "scheduler:schedule hello/nightly",
        "iam:role nightly-scheduler",
        "ecs:service demo/api",
    ] {
        assert!(out.contains(step), "{step} in {out}");
    }
    let again = ecs_deploy(&dir, Some(&moto), &[&["diff"], &defs[..]].concat());
    assert!(
        stdout(&again).contains("Plan: 0 to create, 0 to update, 9 unchanged, 0 blocked."),
        "{}{}",
        stdout(&again),
        stderr(&again)
    );
    // A broken schedule is reported in its file, at its path.
    std::fs::write(
        dir.join("nightly.json"),
        std::fs::read_to_string(dir.join("nightly.json"))
            .unwrap()
            .replace("? *)", "* *)"),
    )
    .unwrap();
    let bad = ecs_deploy(&dir, None, &[&["validate"], &defs[..]].concat());
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stdout(&bad).contains("nightly.json: ScheduleExpression: \"cron(0 3 * * * *)\": cron: exactly one of day of month and day of week is `?`"),
        "{}",
        stdout(&bad)
    );
    // Scaling of a service no file defines says so.
    let orphan = ecs_deploy(
        &dir,
        None,
        &[
            "validate",
            "-t",
            "td.json",
            "-s",
            "svc.json",
            "--scaling",
            "api-scaling.json",
        ],
    );
    assert!(
        stderr(&orphan)
            .contains("api-scaling.json: scales service/demo/api, which no -s file defines"),
        "{}",
        stderr(&orphan)
    );
}

#[test]
fn definition_files_may_be_ecspresso_templates() {
    let dir = workdir("cli-template");
    std::fs::write(
        dir.join("tpl.json"),
        TASK_DEFINITION
            .replace("nginx:1.27", "nginx:{{ must_env `IMAGE_TAG` }}")
            .replace("\"hello\",", "\"{{ env `FAMILY` `hello` }}\","),
    )
    .unwrap();
    let render = |tag: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ecs-deploy"));
        command
            .current_dir(&dir)
            .args(["render", "-t", "tpl.json"])
            .env_remove("IMAGE_TAG")
            .env_remove("FAMILY");
        if let Some(tag) = tag {
            command.env("IMAGE_TAG", tag);
        }
        command.output().expect("ecs-deploy runs")
    };
    let out = render(Some("1.28"));
    assert!(out.status.success(), "{}", stderr(&out));
    let rendered: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rendered["containerDefinitions"][0]["image"], "nginx:1.28");
    assert_eq!(rendered["family"], "hello");
    // Unset, it names the file, the line and the variable, and nothing is rendered.
    let template = std::fs::read_to_string(dir.join("tpl.json")).unwrap();
    let (line, text) = template
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("must_env"))
        .unwrap();
    let column = text.find("{{ must_env").unwrap() + 1;
    let out = render(None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: tpl.json: line {} column {column}: must_env: `IMAGE_TAG` is not set\n",
            line + 1
        )
    );
    assert!(out.stdout.is_empty());
}

/// The arguments of a shell command line of the workflow: words, and double-quoted words with
/// `$NAME` expanded from `vars`.
fn shell_words(line: &str, vars: &[(&str, &str)]) -> Vec<String> {
    let expand = |word: &str| {
        vars.iter().fold(word.to_owned(), |w, (name, value)| {
            w.replace(&format!("${name}"), value)
        })
    };
    let mut words = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        let (word, after) = match rest.strip_prefix('"') {
            Some(quoted) => {
                let end = quoted.find('"').expect("a closing quote");
                (&quoted[..end], &quoted[end + 1..])
            }
            None => rest.split_once(' ').unwrap_or((rest, "")),
        };
        words.push(expand(word));
        rest = after.trim_start();
    }
    words
}

#[test]
fn the_documented_github_actions_workflow_runs_against_moto() {
    let workflow = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/github-actions.yml"),
    )
    .unwrap();
    for needed in [
        "jobs:",
        "id-token: write",
        "aws-actions/configure-aws-credentials",
        "aws-actions/amazon-ecr-login",
        "docker push \"$IMAGE\"",
    ] {
        assert!(workflow.contains(needed), "{needed}");
    }
    // Its ecs-deploy steps, in order, as the runner's shell gets them.
    let steps: Vec<&str> = workflow
        .lines()
        .filter_map(|l| l.trim().strip_prefix("run: ecs-deploy "))
        .collect();
    assert_eq!(steps.len(), 3, "{steps:?}");
    let Some(moto) = Moto::start("the documented workflow against moto", 1) else {
        return;
    };
    let dir = workdir("cli-workflow");
    std::fs::create_dir_all(dir.join("deploy")).unwrap();
    std::fs::write(
        dir.join("deploy/task-definition.json"),
        TASK_DEFINITION.replace("\"name\": \"hello\"", "\"name\": \"web\"").replace(
            "\"family\": \"hello\",",
            "\"family\": \"hello\", \"executionRoleArn\": \"arn:aws:iam::123456789012:role/ecsTaskExecutionRole\",",
        ),
    )
    .unwrap();
    write_service(&dir, &moto);
    std::fs::rename(dir.join("svc.json"), dir.join("deploy/service.json")).unwrap();
    let image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/pet-web:0a1b2c3";
    for step in steps {
        let (command, summary) = match step.split_once(" >> ") {
            Some((command, _)) => (command, true),
            None => (step, false),
        };
        let args = shell_words(command, &[("IMAGE", image)]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = ecs_deploy(&dir, Some(&moto), &args);
        assert!(
            out.status.success(),
            "{step}: {}{}",
            stdout(&out),
            stderr(&out)
        );
        if summary {
            assert!(
                stdout(&out)
                    .contains("| + | `ecs:service demo/hello` | create | `ecs:CreateService` |"),
                "{}",
                stdout(&out)
            );
        }
    }
    // What ran is the pushed image.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let image_run = runtime.block_on(async {
        let ecs = aws_sdk_ecs::Client::new(&moto.config("us-east-1"));
        let td = ecs
            .describe_task_definition()
            .task_definition("hello")
            .send()
            .await
            .unwrap();
        td.task_definition().unwrap().container_definitions()[0]
            .image()
            .unwrap()
            .to_owned()
    });
    assert_eq!(image_run, image);
}

/// `hello` logging to `/ecs/hello` (moto needs a container `memory` to run a task).
const LOGGING_TASK_DEFINITION: &str = r#"{
  "family": "hello",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": "256",
  "memory": "512",
  "executionRoleArn": "arn:aws:iam::123456789012:role/hello-exec",
  "containerDefinitions": [{"name": "hello", "image": "nginx:1.27", "memory": 512,
    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/hello",
      "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}}]
}"#;

#[test]
#[allow(clippy::too_many_lines)] // one scenario: run, then the logs of its task
fn run_exits_with_the_tasks_code_and_logs_prints_its_lines_against_moto() {
    let Some(moto) = Moto::start("run and logs from the command line against moto", 0) else {
        return;
    };
    let dir = workdir("cli-run");
    std::fs::write(dir.join("td.json"), LOGGING_TASK_DEFINITION).unwrap();
    write_service(&dir, &moto);
    let defs = ["-t", "td.json", "-s", "svc.json"];
    let deployed = ecs_deploy(
        &dir,
        Some(&moto),
        &[&["deploy", "--no-wait"], &defs[..]].concat(),
    );
    assert!(deployed.status.success(), "{}", stderr(&deployed));

    let run = |extra: &[&str]| {
        ecs_deploy(
            &dir,
            Some(&moto),
            &[&["run", "--interval", "20ms"], &defs[..], extra].concat(),
        )
    };
    let failed = run(&["-e", "MOTO_EXIT_CODE=3", "--", "./migrate", "up"]);
    assert_eq!(failed.status.code(), Some(3), "{}", stderr(&failed));
    assert!(
        stdout(&failed).contains("hello: exit 3, essential"),
        "{}",
        stdout(&failed)
    );
    assert!(
        stderr(&failed).contains("task status: STOPPED"),
        "{}",
        stderr(&failed)
    );
    let passed = run(&[]);
    assert_eq!(passed.status.code(), Some(0), "{}", stderr(&passed));
    let bad_env = run(&["-e", "NO_EQUALS"]);
    assert_eq!(bad_env.status.code(), Some(1));
    assert!(stderr(&bad_env).contains("--env `NO_EQUALS`: give NAME=VALUE"));

    let started = run(&["--no-wait"]);
    assert!(started.status.success(), "{}", stderr(&started));
    let arn = stdout(&started).trim().to_owned();
    assert!(
        arn.starts_with("arn:aws:ecs:us-east-1:123456789012:task/demo/"),
        "{arn}"
    );
    let id = arn.rsplit('/').next().unwrap().to_owned();

    // Its logs, as the awslogs driver would have written them.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let now = ecs_deploy::logs::now_ms();
    runtime.block_on(async {
        let logs = ecs_deploy::Clients::new(&moto.config("us-east-1")).logs;
        for (stream, events) in [
            (
                format!("ecs/hello/{id}"),
                vec![(now - 3000, "starting"), (now - 1000, "ERROR: no table")],
            ),
            (
                "ecs/hello/0000000000other".to_owned(),
                vec![(now - 2000, "another task")],
            ),
        ] {
            logs.create_log_stream()
                .log_group_name("/ecs/hello")
                .log_stream_name(&stream)
                .send()
                .await
                .unwrap();
            let events = events.into_iter().map(|(t, m)| {
                aws_sdk_cloudwatchlogs::types::InputLogEvent::builder()
                    .timestamp(t)
                    .message(m)
                    .build()
                    .unwrap()
            });
            logs.put_log_events()
                .log_group_name("/ecs/hello")
                .log_stream_name(&stream)
                .set_log_events(Some(events.collect()))
                .send()
                .await
                .unwrap();
        }
    });
    let logs = |extra: &[&str]| {
        ecs_deploy(
            &dir,
            Some(&moto),
            &[&["logs", "-t", "td.json"], extra].concat(),
        )
    };
    let every = logs(&[]);
    assert!(every.status.success(), "{}", stderr(&every));
    let short = &id[..8];
    let lines: Vec<String> = stdout(&every)
        .lines()
        .map(|l| l.split_once(' ').unwrap().1.to_owned())
        .collect();
    assert_eq!(
        lines,
        [
            format!("{short}/hello starting"),
            "00000000/hello another task".to_owned(),
            format!("{short}/hello ERROR: no table"),
        ]
    );
    let mine = logs(&["--task", &arn, "--filter", "ERROR", "--format", "json"]);
    let events: Vec<serde_json::Value> = stdout(&mine)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 1, "{}", stdout(&mine));
    assert_eq!(events[0]["task_id"], id.as_str());
    assert_eq!(events[0]["message"], "ERROR: no table");
    let bad = logs(&["--since", "ten minutes"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("give a number and s, m, h or d"),
        "{}",
        stderr(&bad)
    );

    std::fs::write(dir.join("quiet.json"), TASK_DEFINITION).unwrap();
    let quiet = ecs_deploy(&dir, Some(&moto), &["logs", "-t", "quiet.json"]);
    assert_eq!(quiet.status.code(), Some(1));
    assert!(
        stderr(&quiet).contains("hello: hello: no log configuration"),
        "{}",
        stderr(&quiet)
    );
}

#[test]
#[allow(clippy::too_many_lines)] // one scenario: deploy, init, diff, init again
fn init_writes_definitions_and_rust_that_plan_no_change_against_moto() {
    let Some(moto) = Moto::start("init from the command line against moto", 0) else {
        return;
    };
    let dir = workdir("cli-init");
    std::fs::write(dir.join("td.json"), LOGGING_TASK_DEFINITION).unwrap();
    write_service(&dir, &moto);
    let deployed = ecs_deploy(
        &dir,
        Some(&moto),
        &["deploy", "--no-wait", "-t", "td.json", "-s", "svc.json"],
    );
    assert!(deployed.status.success(), "{}", stderr(&deployed));
    let _ = std::fs::remove_dir_all(dir.join("adopted"));
    let _ = std::fs::remove_dir_all(dir.join("noted"));

    let missing = ecs_deploy(
        &dir,
        Some(&moto),
        &["init", "-c", "demo", "-n", "nope", "--dir", "adopted"],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("service nope of cluster demo does not exist"),
        "{}",
        stderr(&missing)
    );
    assert!(!dir.join("adopted").exists(), "nothing written");

    let init = ecs_deploy(
        &dir,
        Some(&moto),
        &["init", "-c", "demo", "-n", "hello", "--dir", "adopted"],
    );
    assert!(init.status.success(), "{}", stderr(&init));
    let service: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("adopted/service.json")).unwrap())
            .unwrap();
    assert_eq!(
        service["taskDefinition"], "hello",
        "the family, not a revision"
    );
    assert_eq!(
        service.get("tags"),
        None,
        "ecs-deploy's mark is not part of the definition"
    );
    assert_eq!(
        service.get("enableExecuteCommand"),
        None,
        "defaults ECS filled in are left out"
    );
    let td: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("adopted/task-definition.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(td.get("revision"), None);
    assert_eq!(td.get("status"), None);
    assert_eq!(td["containerDefinitions"][0].get("essential"), None);
    let diff = ecs_deploy(
        &dir,
        Some(&moto),
        &[
            "diff",
            "-t",
            "adopted/task-definition.json",
            "-s",
            "adopted/service.json",
        ],
    );
    assert!(diff.status.success(), "{}", stderr(&diff));
    assert!(
        stdout(&diff).contains("Plan: 0 to create, 0 to update, 4 unchanged, 0 blocked."),
        "{}",
        stdout(&diff)
    );
    let rust = std::fs::read_to_string(dir.join("adopted/application.rs")).unwrap();
    assert!(
        rust.contains("pub fn application(account: &Account)"),
        "{rust}"
    );
    assert!(
        !rust.contains("123456789012"),
        "the account is a parameter: {rust}"
    );
    let formatted = Command::new("rustfmt")
        .args(["--edition", "2024", "--check"])
        .arg(dir.join("adopted/application.rs"))
        .status();
    if let Ok(status) = formatted {
        assert!(status.success(), "application.rs is formatted");
    }

    // A group with a rule the model cannot write is left as the service names it, and said.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let group = service["networkConfiguration"]["awsvpcConfiguration"]["securityGroups"][0]
        .as_str()
        .unwrap()
        .to_owned();
    runtime.block_on(async {
        let ec2 = ecs_deploy::ec2::Client::new(&moto.config("us-east-1"));
        // moto answers 500 for a protocol number without its -1 ports.
        let esp = ecs_deploy::ec2::IpPermission {
            ip_protocol: "50".into(),
            from_port: Some(-1),
            to_port: Some(-1),
            ip_ranges: vec![("10.0.0.0/8".into(), None)],
            ..Default::default()
        };
        ec2.authorize_security_group_ingress(&group, &[esp])
            .await
            .unwrap();
    });
    let noted = ecs_deploy(
        &dir,
        Some(&moto),
        &["init", "-c", "demo", "-n", "hello", "--dir", "noted"],
    );
    assert!(noted.status.success(), "{}", stderr(&noted));
    assert!(
        stderr(&noted).contains(&format!(
            "({group}) is left as the service names it, by id: its rule for protocol `50`"
        )),
        "{}",
        stderr(&noted)
    );
    let rust = std::fs::read_to_string(dir.join("noted/application.rs")).unwrap();
    assert!(!rust.contains(".security_group("), "{rust}");
    assert!(
        rust.contains(&format!("\"{group}\"")),
        "the service keeps the id: {rust}"
    );

    std::fs::write(dir.join("adopted/service.json"), "{}").unwrap();
    let again = ecs_deploy(
        &dir,
        Some(&moto),
        &["init", "-c", "demo", "-n", "hello", "--dir", "adopted"],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("nothing written (--force overwrites)"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("adopted/service.json")).unwrap(),
        "{}"
    );
}

#[test]
fn the_runner_policy_runs_and_reads_exactly_the_definitions_tasks() {
    use ecs_model::iam::{PolicyDocument, Request};
    let dir = workdir("cli-runner-policy");
    std::fs::write(dir.join("td.json"), LOGGING_TASK_DEFINITION).unwrap();
    let out = ecs_deploy(
        &dir,
        None,
        &[
            "render",
            "-t",
            "td.json",
            "-c",
            "demo",
            "--region",
            "us-east-1",
            "--runner-policy",
            "123456789012",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let policy = PolicyDocument::from_json(&stdout(&out)).unwrap();
    let run = |family: &str, cluster: &str| {
        policy.allows(
            &Request::new(
                "ecs:RunTask",
                format!("arn:aws:ecs:us-east-1:123456789012:task-definition/{family}:3"),
            )
            .with(
                "ecs:cluster",
                format!("arn:aws:ecs:us-east-1:123456789012:cluster/{cluster}"),
            ),
        )
    };
    assert!(run("hello", "demo"));
    assert!(!run("hello", "prod"), "only in the definitions' cluster");
    assert!(!run("other", "demo"), "only the definitions' families");
    let pass = |role: &str, to: &str| {
        policy.allows(&Request::new("iam:PassRole", role).with("iam:PassedToService", to))
    };
    let role = "arn:aws:iam::123456789012:role/hello-exec";
    assert!(pass(role, "ecs-tasks.amazonaws.com"));
    assert!(!pass(role, "ec2.amazonaws.com"));
    let logs = |group: &str| {
        policy.allows(&Request::new(
            "logs:FilterLogEvents",
            format!("arn:aws:logs:us-east-1:123456789012:log-group:{group}"),
        ))
    };
    assert!(logs("/ecs/hello"));
    assert!(!logs("/ecs/other"));
    // A FireLens route to CloudWatch Logs in another region is read there.
    let routed = LOGGING_TASK_DEFINITION.replace(
        r#""logDriver": "awslogs", "options": {"awslogs-group": "/ecs/hello",
      "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}"#,
        r#""logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs",
      "region": "eu-west-1", "log_group_name": "/firelens/hello", "log_stream_prefix": "app-"}"#,
    );
    assert_ne!(routed, LOGGING_TASK_DEFINITION);
    std::fs::write(dir.join("routed.json"), routed).unwrap();
    let out = ecs_deploy(
        &dir,
        None,
        &[
            "render",
            "-t",
            "routed.json",
            "-c",
            "demo",
            "--region",
            "us-east-1",
            "--runner-policy",
            "123456789012",
        ],
    );
    let routed = PolicyDocument::from_json(&stdout(&out)).unwrap();
    assert!(routed.allows(&Request::new(
        "logs:FilterLogEvents",
        "arn:aws:logs:eu-west-1:123456789012:log-group:/firelens/hello"
    )));
    for denied in [
        "ecs:UpdateService",
        "ecs:CreateService",
        "iam:PutRolePolicy",
        "ecs:StopTask",
    ] {
        assert!(!policy.allows(&Request::new(denied, "*")), "{denied}");
    }
    let both = ecs_deploy(
        &dir,
        None,
        &[
            "render",
            "-t",
            "td.json",
            "--deployer-policy",
            "1",
            "--runner-policy",
            "1",
        ],
    );
    assert_eq!(both.status.code(), Some(2), "one policy at a time");
}
