//! The `validate` example: output formats and exit codes.

use ecs_examples::lint::{INVALID, OK, UNREADABLE, run};

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn lint(args: &[&str]) -> (u8, String, String) {
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ecs-lint-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const VALID: &str = r#"{"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
  "cpu": "256", "memory": "512", "containerDefinitions": [{"name": "web", "image": "nginx", "portMappings": [{"containerPort": 80}]}]}"#;

#[test]
fn a_valid_file_prints_nothing_and_exits_0() {
    let dir = scratch("valid");
    let file = write(&dir, "td.json", VALID);
    assert_eq!(lint(&[&file]), (OK, String::new(), String::new()));
}

#[test]
fn errors_print_file_path_message_rule_and_exit_1() {
    let dir = scratch("invalid");
    let file = write(
        &dir,
        "td.json",
        &VALID.replace(
            r#""containerPort": 80"#,
            r#""containerPort": 80, "hostPort": 8080"#,
        ),
    );
    let (code, out, _) = lint(&[&file]);
    assert_eq!(code, INVALID);
    assert_eq!(
        out,
        format!(
            "{file}: containerDefinitions[0].portMappings[0].hostPort: 8080 differs from containerPort 80; with `awsvpc` leave hostPort out or make it equal [ECS-C1]\n"
        )
    );
}

#[test]
fn shape_errors_have_no_rule_and_exit_1() {
    let dir = scratch("shape");
    let file = write(
        &dir,
        "td.json",
        &VALID.replace(r#""name": "web","#, r#""name": "web", "ulimits": null,"#),
    );
    let (code, out, _) = lint(&[&file]);
    assert_eq!(code, INVALID);
    assert_eq!(
        out,
        format!("{file}: containerDefinitions[0].ulimits: expected an array, found null\n")
    );
}

#[test]
fn warnings_alone_exit_0() {
    let dir = scratch("warning");
    let check = r#""healthCheck": {"command": ["CMD", "true"], "interval": 10, "timeout": 10}"#;
    let file = write(
        &dir,
        "td.json",
        &VALID.replace(r#""name": "web","#, &format!(r#""name": "web", {check},"#)),
    );
    let (code, out, _) = lint(&[&file]);
    assert_eq!(code, OK, "{out}");
    assert_eq!(
        out,
        format!(
            "{file}: containerDefinitions[0].healthCheck.timeout: warning: timeout 10 s is not shorter than interval 10 s; checks would overlap [ECS-D6]\n"
        )
    );
}

#[test]
fn json_format_for_tools() {
    let dir = scratch("json");
    let file = write(
        &dir,
        "td.json",
        &VALID.replace(r#""cpu": "256""#, r#""cpu": "300""#),
    );
    let (code, out, _) = lint(&["--format", "json", &file]);
    assert_eq!(code, INVALID);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        rows,
        serde_json::json!([{
            "file": file,
            "path": "cpu",
            "rule": "ECS-A9",
            "severity": "error",
            "message": "300 CPU units is not a Fargate CPU size; use one of 256, 512, 1024, 2048, 4096, 8192, 16384, 32768"
        }])
    );
}

#[test]
fn unreadable_or_not_json_exits_2_and_still_reports_the_rest() {
    let dir = scratch("unreadable");
    let broken = write(&dir, "broken.json", "{\"family\": ");
    let invalid = write(&dir, "invalid.json", &VALID.replace("\"256\"", "\"300\""));
    let missing = dir.join("missing.json").to_string_lossy().into_owned();
    let (code, out, err) = lint(&[&broken, &invalid, &missing]);
    assert_eq!(code, UNREADABLE);
    assert!(out.contains("[ECS-A9]"), "{out}");
    assert!(
        err.contains(&format!(
            "{broken}: not valid JSON: EOF while parsing a value at line 1 column 11"
        )),
        "{err}"
    );
    assert!(err.contains(&format!("{missing}: cannot read:")), "{err}");
    assert_eq!(lint(&[]).0, UNREADABLE);
    assert_eq!(lint(&["--format", "xml", &invalid]).0, UNREADABLE);
}

#[test]
fn lenient_mode_turns_unknown_keys_into_warnings() {
    let dir = scratch("lenient");
    let file = write(
        &dir,
        "td.json",
        &VALID.replace(r#""family": "web","#, r#""family": "web", "newField": 1,"#),
    );
    assert_eq!(lint(&[&file]).0, INVALID);
    let (code, out, _) = lint(&["--lenient", &file]);
    assert_eq!(code, OK);
    assert_eq!(
        out,
        format!("{file}: newField: warning: unknown key `newField` (kept as is)\n")
    );
}
