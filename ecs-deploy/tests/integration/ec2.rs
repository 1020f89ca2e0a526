//! ecs-deploy's EC2 client against botocore's EC2 model: every parameter it sends is one the
//! model has, under the model's name and with one of its values; every member it reads is found
//! where the model puts it; requests are signed for EC2; throttling and EC2's own failures are
//! retried, mistakes are not.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_ecs::config::{Credentials, SharedCredentialsProvider};
use aws_smithy_http_client::test_util::{ReplayEvent, StaticReplayClient};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use ecs_deploy::ec2::{Client, Filter, IpPermission, RunInstance};
use serde_json::Value;

use crate::support::botocore_models_or_skip;

fn ec2_model() -> Option<Value> {
    let dir = botocore_models_or_skip("the EC2 client against botocore's EC2 model")?;
    let text = std::fs::read_to_string(dir.join("ec2.json")).expect("ec2.json");
    Some(serde_json::from_str(&text).expect("botocore's EC2 model is JSON"))
}

/// A client whose calls get `answers` (status and body), in turn, and the requests it sent.
fn replay(answers: &[(u16, &str)]) -> (Client, StaticReplayClient) {
    let events = answers
        .iter()
        .map(|(status, body)| {
            let status = StatusCode::try_from(*status).unwrap();
            ReplayEvent::new(
                HttpRequest::new(SdkBody::empty()),
                HttpResponse::new(status, SdkBody::from(*body)),
            )
        })
        .collect();
    let http = StaticReplayClient::new(events);
    let config = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "AKIDEXAMPLE",
            "secret",
            None,
            None,
            "test",
        )))
        .http_client(http.clone())
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_initial_backoff(std::time::Duration::from_millis(1)),
        )
        .build();
    (Client::new(&config), http)
}

fn run<T>(future: impl Future<Output = T>) -> T {
    tokio::runtime::Runtime::new().unwrap().block_on(future)
}

/// The parameters of a form-encoded body, decoded, in order.
fn form(body: &[u8]) -> Vec<(String, String)> {
    let decode = |text: &str| {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    };
    std::str::from_utf8(body)
        .unwrap()
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            (decode(name), decode(value))
        })
        .collect()
}

/// The name EC2's query protocol gives a member: `queryName`, else `locationName` with its first
/// letter upper-cased, else the member's own name (botocore's `EC2Serializer`).
fn query_name(name: &str, member: &Value) -> String {
    if let Some(query) = member["queryName"].as_str() {
        return query.to_owned();
    }
    let location = member["locationName"].as_str().unwrap_or(name);
    let mut chars = location.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Where `segments` of a parameter name lead from `shape`, or why they lead nowhere.
fn resolve(model: &Value, shape: &str, segments: &[&str], value: &str) -> Result<(), String> {
    let definition = &model["shapes"][shape];
    match definition["type"].as_str() {
        Some("structure") => {
            let (first, rest) = segments
                .split_first()
                .ok_or_else(|| format!("{shape} is a structure, not a value"))?;
            let (_, member) = definition["members"]
                .as_object()
                .unwrap()
                .iter()
                .find(|(name, member)| query_name(name, member) == *first)
                .ok_or_else(|| format!("{shape} has no member sent as `{first}`"))?;
            resolve(model, member["shape"].as_str().unwrap(), rest, value)
        }
        Some("list") => match segments.split_first() {
            Some((index, rest)) if index.parse::<usize>().is_ok_and(|i| i >= 1) => resolve(
                model,
                definition["member"]["shape"].as_str().unwrap(),
                rest,
                value,
            ),
            _ => Err(format!("{shape} is a list: a 1-based index comes next")),
        },
        _ if !segments.is_empty() => Err(format!("{shape} is a value, not `{}`", segments[0])),
        _ => match definition["enum"].as_array() {
            Some(values) if !values.iter().any(|v| v == value) => {
                Err(format!("`{value}` is not one of {shape}'s values"))
            }
            _ => Ok(()),
        },
    }
}

/// The request `call` sends (its answer is not the point here).
fn request_of<F: Future>(call: impl FnOnce(Client) -> F) -> HttpRequest {
    let (client, http) = replay(&[(200, "<Response/>")]);
    drop(run(call(client)));
    let request = http.actual_requests().next().expect("a request");
    request.try_clone().expect("an in-memory body")
}

/// What is wrong with `request` as a call of `action`, by the model.
fn problems(model: &Value, action: &str, request: &HttpRequest) -> Vec<String> {
    let mut problems = Vec::new();
    let mut expect = |ok: bool, problem: String| {
        if !ok {
            problems.push(problem);
        }
    };
    expect(
        request.method() == "POST",
        format!("method {}", request.method()),
    );
    let uri = request.uri();
    expect(
        uri == "https://ec2.us-east-1.amazonaws.com/",
        format!("sent to {uri}"),
    );
    let authorization = request.headers().get("authorization").unwrap_or_default();
    expect(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
            && authorization.contains("/us-east-1/ec2/aws4_request"),
        format!("not signed for EC2 in the region: {authorization}"),
    );
    let body = request.body().bytes().unwrap();
    let params = form(body);
    expect(
        !String::from_utf8_lossy(body).contains("secret") && !authorization.contains("secret"),
        "the secret key is sent".to_owned(),
    );
    let version = model["metadata"]["apiVersion"].as_str().unwrap();
    expect(
        params[..2]
            == [
                ("Action".into(), action.into()),
                ("Version".into(), version.into()),
            ],
        format!("begins {:?}", &params[..2]),
    );
    let input = model["operations"][action]["input"]["shape"]
        .as_str()
        .unwrap();
    for (name, value) in &params[2..] {
        let segments: Vec<&str> = name.split('.').collect();
        if let Err(why) = resolve(model, input, &segments, value) {
            expect(false, format!("{name}={value}: {why}"));
        }
    }
    let members = model["shapes"][input]["members"].as_object().unwrap();
    for required in model["shapes"][input]["required"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let required = required.as_str().unwrap();
        let name = query_name(required, &members[required]);
        let sent = params
            .iter()
            .any(|(sent, _)| sent.split('.').next() == Some(&name));
        expect(sent, format!("required `{name}` is not sent"));
    }
    problems
}

#[test]
fn every_parameter_is_one_the_ec2_model_has() {
    let Some(model) = ec2_model() else { return };
    let permission = IpPermission {
        ip_protocol: "tcp".into(),
        from_port: Some(80),
        to_port: Some(443),
        ip_ranges: vec![("10.0.0.0/8".into(), Some("office".into()))],
        ipv6_ranges: vec![("::/0".into(), Some("everyone".into()))],
        groups: vec![("sg-2".into(), Some("the ALB".into()))],
    };
    let instance = RunInstance {
        image_id: "resolve:ssm:/aws/service/ecs/optimized-ami".into(),
        instance_type: "t3.small".into(),
        instance_profile: "ecsInstanceRole".into(),
        user_data: "#!/bin/bash\n".into(),
        subnet_id: Some("subnet-1".into()),
        security_group_ids: vec!["sg-1".into(), "sg-2".into()],
        key_name: Some("me".into()),
        name: "dev".into(),
        tags: vec![("ecs-deploy:application".into(), "dev".into())],
    };
    let subnets = ["subnet-1".to_owned(), "subnet-2".to_owned()];
    let groups = [
        Filter::new("group-name", ["web"]),
        Filter::new("vpc-id", ["vpc-1", "vpc-2"]),
    ];
    let states = [Filter::new("instance-state-name", ["pending", "running"])];
    let mark = &[("ecs-deploy:application".to_owned(), "web".to_owned())];
    let requests = [
        (
            "DescribeVpcs",
            request_of(|c| async move { c.describe_vpcs().await }),
        ),
        (
            "DescribeSubnets",
            request_of(|c| async move { c.describe_subnets(&subnets).await }),
        ),
        (
            "DescribeSecurityGroups",
            request_of(|c| async move { c.describe_security_groups(&groups).await }),
        ),
        (
            "CreateSecurityGroup",
            request_of(|c| async move {
                c.create_security_group("web", "the web tier", Some("vpc-1"), mark)
                    .await
            }),
        ),
        (
            "AuthorizeSecurityGroupIngress",
            request_of(|c| async move {
                c.authorize_security_group_ingress("sg-1", &[permission])
                    .await
            }),
        ),
        (
            "RunInstances",
            request_of(|c| async move { c.run_instance(&instance).await }),
        ),
        (
            "DescribeInstances",
            request_of(|c| async move { c.describe_instances(&states).await }),
        ),
        (
            "DescribeInstanceAttribute",
            request_of(|c| async move { c.describe_user_data("i-1").await }),
        ),
        (
            "CreateTags",
            request_of(|c| async move { c.create_tags("sg-1", mark).await }),
        ),
    ];
    for (action, request) in &requests {
        let problems = problems(&model, action, request);
        assert!(problems.is_empty(), "{action}:\n{}", problems.join("\n"));
    }
}

/// An answer with every member of `shape`, as EC2 writes it (`locationName`s, lists of
/// `<item>`), each text member holding its path of member names (`Vpcs.VpcId`).
fn answer(
    model: &Value,
    shape: &str,
    path: &str,
    overrides: &BTreeMap<&str, &str>,
    out: &mut String,
) {
    let definition = &model["shapes"][shape];
    match definition["type"].as_str().unwrap() {
        "structure" => {
            for (name, member) in definition["members"].as_object().unwrap() {
                // A page with a next token would be asked for again: paging has its own test.
                if name == "NextToken" || path.matches('.').count() > 6 {
                    continue;
                }
                let tag = member["locationName"].as_str().unwrap_or(name);
                let at = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                let _ = write!(out, "<{tag}>");
                answer(
                    model,
                    member["shape"].as_str().unwrap(),
                    &at,
                    overrides,
                    out,
                );
                let _ = write!(out, "</{tag}>");
            }
        }
        "list" => {
            out.push_str("<item>");
            answer(
                model,
                definition["member"]["shape"].as_str().unwrap(),
                path,
                overrides,
                out,
            );
            out.push_str("</item>");
        }
        "integer" | "long" => out.push('7'),
        "boolean" => out.push_str("true"),
        "timestamp" => out.push_str("2026-12-01T00:00:00.000Z"),
        "string" => out.push_str(overrides.get(path).copied().unwrap_or(path)),
        _ => out.push('1'),
    }
}

fn full_answer(model: &Value, action: &str, overrides: &[(&str, &str)]) -> String {
    let shape = model["operations"][action]["output"]["shape"]
        .as_str()
        .unwrap();
    let mut out = format!("<{action}Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">");
    answer(
        model,
        shape,
        "",
        &overrides.iter().copied().collect(),
        &mut out,
    );
    let _ = write!(out, "</{action}Response>");
    out
}

#[test]
fn every_member_read_is_where_the_ec2_model_puts_it() {
    let Some(model) = ec2_model() else { return };
    let read = |action: &str, overrides: &[(&str, &str)]| {
        let body = full_answer(&model, action, overrides);
        replay(&[(200, &body)]).0
    };

    let vpcs = run(read("DescribeVpcs", &[]).describe_vpcs()).unwrap();
    assert_eq!(vpcs.len(), 1);
    assert_eq!(
        (vpcs[0].vpc_id.as_str(), vpcs[0].is_default),
        ("Vpcs.VpcId", true)
    );

    let subnets = run(read("DescribeSubnets", &[]).describe_subnets(&[])).unwrap();
    assert_eq!(
        (
            subnets[0].subnet_id.as_str(),
            subnets[0].vpc_id.as_str(),
            subnets[0].availability_zone.as_str()
        ),
        (
            "Subnets.SubnetId",
            "Subnets.VpcId",
            "Subnets.AvailabilityZone"
        )
    );

    let groups = run(read("DescribeSecurityGroups", &[]).describe_security_groups(&[])).unwrap();
    let group = &groups[0];
    assert_eq!(
        (
            group.group_id.as_str(),
            group.group_name.as_str(),
            group.description.as_str(),
            group.vpc_id.as_str()
        ),
        (
            "SecurityGroups.GroupId",
            "SecurityGroups.GroupName",
            "SecurityGroups.Description",
            "SecurityGroups.VpcId"
        )
    );
    let at = "SecurityGroups.IpPermissions";
    let source = |list: &str, key: &str| {
        vec![(
            format!("{at}.{list}.{key}"),
            Some(format!("{at}.{list}.Description")),
        )]
    };
    assert_eq!(
        group.ip_permissions,
        [IpPermission {
            ip_protocol: format!("{at}.IpProtocol"),
            from_port: Some(7),
            to_port: Some(7),
            ip_ranges: source("IpRanges", "CidrIp"),
            ipv6_ranges: source("Ipv6Ranges", "CidrIpv6"),
            groups: source("UserIdGroupPairs", "GroupId"),
        }],
        "the inbound rules, not IpPermissionsEgress"
    );

    let created =
        run(read("CreateSecurityGroup", &[]).create_security_group("web", "d", None, &[]));
    assert_eq!(created.unwrap(), "GroupId");

    let started = run(read("RunInstances", &[]).run_instance(&RunInstance::default())).unwrap();
    assert_eq!(started[0].instance_id, "Instances.InstanceId");

    let instances = run(read("DescribeInstances", &[]).describe_instances(&[])).unwrap();
    let at = "Reservations.Instances";
    let instance = &instances[0];
    assert_eq!(instance.instance_id, format!("{at}.InstanceId"));
    assert_eq!(instance.instance_type, format!("{at}.InstanceType"));
    assert_eq!(instance.state, format!("{at}.State.Name"));
    assert_eq!(instance.subnet_id, format!("{at}.SubnetId"));
    assert_eq!(
        instance.instance_profile_arn,
        format!("{at}.IamInstanceProfile.Arn")
    );

    // The user data is base64, as EC2 gives it.
    let client = read(
        "DescribeInstanceAttribute",
        &[("UserData.Value", "IyEvYmluL2Jhc2gK")],
    );
    let user_data = run(client.describe_user_data("i-1")).unwrap();
    assert_eq!(user_data.as_deref(), Some("#!/bin/bash\n"));
}

#[test]
fn pages_are_followed_to_the_last() {
    let page = |id: &str, next: &str| {
        format!(
            "<DescribeVpcsResponse><vpcSet><item><vpcId>{id}</vpcId></item></vpcSet>{next}</DescribeVpcsResponse>"
        )
    };
    let (first, second) = (
        page("vpc-1", "<nextToken>p2</nextToken>"),
        page("vpc-2", ""),
    );
    let (client, http) = replay(&[(200, &first), (200, &second)]);
    let vpcs = run(client.describe_vpcs()).unwrap();
    let ids: Vec<&str> = vpcs.iter().map(|v| v.vpc_id.as_str()).collect();
    assert_eq!(ids, ["vpc-1", "vpc-2"]);
    let requests: Vec<_> = http
        .actual_requests()
        .map(|r| form(r.body().bytes().unwrap()))
        .collect();
    assert_eq!(requests.len(), 2);
    assert!(!requests[0].iter().any(|(name, _)| name == "NextToken"));
    assert!(requests[1].contains(&("NextToken".into(), "p2".into())));
}

fn ec2_error(code: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code>\
         <Message>said EC2</Message></Error></Errors><RequestID>req-1</RequestID></Response>"
    )
}

#[test]
fn throttling_and_ec2_failures_are_retried_mistakes_are_not() {
    let ok = "<DescribeVpcsResponse><vpcSet/></DescribeVpcsResponse>";
    for (first, status) in [
        (ec2_error("RequestLimitExceeded"), 503),
        // Throttling known by its code alone.
        (ec2_error("Throttling"), 400),
        (ec2_error("InternalError"), 500),
        ("<html>Bad Gateway</html>".to_owned(), 502),
    ] {
        let (client, http) = replay(&[(status, &first), (200, ok)]);
        assert_eq!(run(client.describe_vpcs()).unwrap(), []);
        assert_eq!(http.actual_requests().count(), 2, "{first} is retried");
    }

    let duplicate = ec2_error("InvalidPermission.Duplicate");
    let (client, http) = replay(&[(400, &duplicate), (200, ok)]);
    let error = run(client.authorize_security_group_ingress("sg-1", &[])).unwrap_err();
    assert_eq!(
        http.actual_requests().count(),
        1,
        "a mistake is not retried"
    );
    assert_eq!(error.code(), Some("InvalidPermission.Duplicate"));
    assert_eq!(error.message(), Some("said EC2"));
    let error =
        ecs_deploy::AwsError::new("AuthorizeSecurityGroupIngress", "security group web", error);
    assert_eq!(
        error.to_string(),
        "AuthorizeSecurityGroupIngress of security group web failed: InvalidPermission.Duplicate: said EC2"
    );

    let denied = ec2_error("UnauthorizedOperation");
    let (client, _) = replay(&[(403, &denied)]);
    let error = run(client.describe_vpcs()).unwrap_err();
    let error = ecs_deploy::AwsError::new("DescribeVpcs", "the default VPC", error);
    assert!(
        error
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("may not call `DescribeVpcs`")),
        "{error}"
    );
}
