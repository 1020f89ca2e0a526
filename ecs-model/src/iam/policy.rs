//! IAM policy documents: `Version`, statements with effect, actions, resources, principals and
//! conditions, single values or lists as IAM accepts them.

use std::collections::BTreeMap;

use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::ParseError;
use crate::path::JsonPath;

/// The policy language version every current document uses.
pub const VERSION: &str = "2012-10-17";

/// One or more strings: IAM takes `"s3:GetObject"` and `["s3:GetObject"]` alike; one value is
/// rendered as a string, several as a list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Values(pub Vec<String>);

impl Values {
    /// The values.
    #[must_use]
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    /// Whether `value` is among them.
    #[must_use]
    pub fn contains(&self, value: &str) -> bool {
        self.0.iter().any(|v| v == value)
    }
}

impl<S: Into<String>> FromIterator<S> for Values {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        Self(iter.into_iter().map(Into::into).collect())
    }
}

impl From<&str> for Values {
    fn from(value: &str) -> Self {
        Self(vec![value.to_owned()])
    }
}

impl From<String> for Values {
    fn from(value: String) -> Self {
        Self(vec![value])
    }
}

impl<const N: usize> From<[&str; N]> for Values {
    fn from(values: [&str; N]) -> Self {
        values.into_iter().collect()
    }
}

impl From<Vec<String>> for Values {
    fn from(values: Vec<String>) -> Self {
        Self(values)
    }
}

impl serde::Serialize for Values {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => serializer.serialize_str(one),
            many => serializer.collect_seq(many),
        }
    }
}

/// Allow or deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Effect {
    /// `Allow`.
    #[default]
    Allow,
    /// `Deny`.
    Deny,
}

impl Effect {
    /// As IAM spells it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allow => "Allow",
            Self::Deny => "Deny",
        }
    }
}

/// Who a trust (resource) policy statement is about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Principal {
    /// `"*"`: anyone.
    Anyone,
    /// By kind: `AWS` (accounts, roles), `Service` (`ecs-tasks.amazonaws.com`), `Federated`,
    /// `CanonicalUser`.
    Of(BTreeMap<String, Values>),
}

impl Principal {
    /// An AWS service principal (`ecs-tasks.amazonaws.com`).
    #[must_use]
    pub fn service(service: impl Into<String>) -> Self {
        let mut map = BTreeMap::new();
        map.insert("Service".to_owned(), Values(vec![service.into()]));
        Self::Of(map)
    }

    /// The service principals named.
    #[must_use]
    pub fn services(&self) -> &[String] {
        match self {
            Self::Anyone => &[],
            Self::Of(map) => map.get("Service").map_or(&[], |v| v.as_slice()),
        }
    }
}

impl serde::Serialize for Principal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Anyone => serializer.serialize_str("*"),
            Self::Of(map) => map.serialize(serializer),
        }
    }
}

/// Conditions: operator (`StringEquals`, `ArnLike`) → key (`aws:SourceAccount`) → values.
pub type Conditions = BTreeMap<String, BTreeMap<String, Values>>;

/// One statement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Statement {
    /// An id, unique in the document.
    pub sid: Option<String>,
    /// Allow or deny.
    pub effect: Effect,
    /// Who (trust policies).
    pub principal: Option<Principal>,
    /// Who not.
    pub not_principal: Option<Principal>,
    /// `service:Action` names, wildcards allowed.
    pub action: Values,
    /// Every action but these.
    pub not_action: Values,
    /// Resource ARNs, wildcards allowed.
    pub resource: Values,
    /// Every resource but these.
    pub not_resource: Values,
    /// When.
    pub condition: Conditions,
}

impl Statement {
    /// Allows `actions` on `resources`.
    pub fn allow(actions: impl Into<Values>, resources: impl Into<Values>) -> Self {
        Self {
            effect: Effect::Allow,
            action: actions.into(),
            resource: resources.into(),
            ..Self::default()
        }
    }

    /// Lets `service` assume the role (`sts:AssumeRole`): a trust policy statement.
    pub fn trust_service(service: impl Into<String>) -> Self {
        Self {
            effect: Effect::Allow,
            principal: Some(Principal::service(service)),
            action: "sts:AssumeRole".into(),
            ..Self::default()
        }
    }

    /// Names the statement.
    #[must_use]
    pub fn sid(mut self, sid: impl Into<String>) -> Self {
        self.sid = Some(sid.into());
        self
    }

    /// Adds a condition: `operator` on `key` with `values`.
    #[must_use]
    pub fn condition(
        mut self,
        operator: impl Into<String>,
        key: impl Into<String>,
        values: impl Into<Values>,
    ) -> Self {
        self.condition
            .entry(operator.into())
            .or_default()
            .insert(key.into(), values.into());
        self
    }

    /// Whether the statement allows `action` (exactly or through a wildcard) for `principal`
    /// service.
    #[must_use]
    pub fn allows_service(&self, service: &str, action: &str) -> bool {
        self.effect == Effect::Allow
            && self
                .principal
                .as_ref()
                .is_some_and(|p| p.services().iter().any(|s| s == service))
            && self
                .action
                .as_slice()
                .iter()
                .any(|a| wildcard_match(a, action))
    }
}

impl serde::Serialize for Statement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(sid) = &self.sid {
            map.serialize_entry("Sid", sid)?;
        }
        map.serialize_entry("Effect", self.effect.as_str())?;
        if let Some(principal) = &self.principal {
            map.serialize_entry("Principal", principal)?;
        }
        if let Some(principal) = &self.not_principal {
            map.serialize_entry("NotPrincipal", principal)?;
        }
        for (key, values) in [
            ("Action", &self.action),
            ("NotAction", &self.not_action),
            ("Resource", &self.resource),
            ("NotResource", &self.not_resource),
        ] {
            if !values.0.is_empty() {
                map.serialize_entry(key, values)?;
            }
        }
        if !self.condition.is_empty() {
            map.serialize_entry("Condition", &self.condition)?;
        }
        map.end()
    }
}

/// A policy document.
///
/// ```
/// use ecs_model::iam::{PolicyDocument, Statement};
/// let policy = PolicyDocument::new([Statement::allow("s3:GetObject", "arn:aws:s3:::config/app.env")]);
/// assert_eq!(
///     policy.to_json(),
///     r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::config/app.env"}]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PolicyDocument {
    /// `2012-10-17`.
    pub version: Option<String>,
    /// An optional id.
    pub id: Option<String>,
    /// The statements.
    pub statements: Vec<Statement>,
}

impl Default for PolicyDocument {
    fn default() -> Self {
        Self {
            version: Some(VERSION.to_owned()),
            id: None,
            statements: Vec::new(),
        }
    }
}

impl PolicyDocument {
    /// A `2012-10-17` document of `statements`.
    pub fn new(statements: impl IntoIterator<Item = Statement>) -> Self {
        Self {
            statements: statements.into_iter().collect(),
            ..Self::default()
        }
    }

    /// Compact JSON, as IAM takes it in `AssumeRolePolicyDocument` and `PolicyDocument`.
    #[must_use]
    pub fn to_json(&self) -> String {
        crate::json::to_string(self)
    }

    /// Indented JSON.
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        crate::json::to_string_pretty(self)
    }

    /// Reads a document (`Statement` as one object or a list; values as strings or lists).
    ///
    /// # Errors
    /// A [`ParseError`] naming the path of each part that is not a policy's.
    pub fn from_json(json: &str) -> Result<Self, ParseError> {
        let value = crate::json::parse_value(json)?;
        let mut problems = Vec::new();
        let document = read_document(&value, &mut problems);
        // By path, whatever order `serde_json` keeps object keys in (its `preserve_order`
        // feature may be on in the dependency tree).
        problems.sort_by_key(|d| d.path.to_string());
        if problems.is_empty() {
            Ok(document)
        } else {
            Err(ParseError::Shape(problems))
        }
    }

    /// Every action allowed somewhere in the document.
    pub fn allowed_actions(&self) -> impl Iterator<Item = &str> {
        self.statements
            .iter()
            .filter(|s| s.effect == Effect::Allow)
            .flat_map(|s| s.action.as_slice().iter().map(String::as_str))
    }
}

/// Written by hand for `serde`, and small.
impl crate::json::compact::Compact for PolicyDocument {}

impl serde::Serialize for PolicyDocument {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(version) = &self.version {
            map.serialize_entry("Version", version)?;
        }
        if let Some(id) = &self.id {
            map.serialize_entry("Id", id)?;
        }
        map.serialize_entry("Statement", &self.statements)?;
        map.end()
    }
}

/// Whether IAM pattern `pattern` (`*` any run, `?` one character, case-insensitive as action
/// names are) matches `text`.
#[must_use]
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    glob(pattern, text, |a, b| {
        a == b || a.to_lowercase().eq(b.to_lowercase())
    })
}

/// Whether `pattern` matches `text` with `*` and `?`, comparing characters with `same`.
///
/// Two cursors and the last `*` seen: on a mismatch that star takes one more character and the
/// match resumes after it. Only the last star is ever retried (an earlier one can take nothing
/// the later one could not), so there is no recursion, and each retry moves the fallback point
/// on: a pass over the text for patterns that match early, `pattern.len() × text.len()` steps
/// at the very worst, where the recursive match was exponential in the number of stars.
pub(crate) fn glob(pattern: &str, text: &str, same: impl Fn(char, char) -> bool) -> bool {
    // ASCII (every action and nearly every ARN): the bytes themselves, nothing allocated.
    if pattern.is_ascii() && text.is_ascii() {
        let same = |a: u8, b: u8| same(char::from(a), char::from(b));
        return matches(pattern.as_bytes(), text.as_bytes(), b'*', b'?', same);
    }
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    matches(&pattern, &text, '*', '?', same)
}

/// [`glob`] over characters of any width: `star` any run, `one` one character.
fn matches<T: Copy + PartialEq>(
    pattern: &[T],
    text: &[T],
    star: T,
    one: T,
    same: impl Fn(T, T) -> bool,
) -> bool {
    let (mut p, mut t) = (0, 0);
    // After the last star: where the pattern resumes, and the text position it resumed at.
    let mut resume: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(&c) if c == star => {
                p += 1;
                resume = Some((p, t));
            }
            Some(&c) if c == one || same(c, text[t]) => {
                p += 1;
                t += 1;
            }
            _ => match resume {
                Some((after, from)) => {
                    p = after;
                    t = from + 1;
                    resume = Some((after, from + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == star)
}

fn problem(out: &mut Vec<Diagnostic>, path: JsonPath, message: impl Into<String>) {
    out.push(Diagnostic::shape(path, Severity::Error, message));
}

fn read_values(value: &Value, path: &JsonPath, out: &mut Vec<Diagnostic>) -> Values {
    match value {
        Value::String(s) => Values(vec![s.clone()]),
        Value::Array(items) => Values(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    if let Value::String(s) = item {
                        Some(s.clone())
                    } else {
                        problem(out, path.clone().index(i), "expected a string");
                        None
                    }
                })
                .collect(),
        ),
        _ => {
            problem(
                out,
                path.clone(),
                "expected a string or an array of strings",
            );
            Values::default()
        }
    }
}

fn read_principal(value: &Value, path: &JsonPath, out: &mut Vec<Diagnostic>) -> Option<Principal> {
    match value {
        Value::String(s) if s == "*" => Some(Principal::Anyone),
        Value::Object(map) => Some(Principal::Of(
            map.iter()
                .map(|(kind, v)| {
                    (
                        kind.clone(),
                        read_values(v, &path.clone().key(kind.clone()), out),
                    )
                })
                .collect(),
        )),
        _ => {
            problem(
                out,
                path.clone(),
                "expected \"*\" or an object of principals",
            );
            None
        }
    }
}

fn read_statement(value: &Value, path: &JsonPath, out: &mut Vec<Diagnostic>) -> Statement {
    let Value::Object(map) = value else {
        problem(out, path.clone(), "expected a statement object");
        return Statement::default();
    };
    let mut statement = Statement::default();
    for (key, v) in map {
        let at = path.clone().key(key.clone());
        match key.as_str() {
            "Sid" => statement.sid = v.as_str().map(str::to_owned),
            "Effect" => match v.as_str() {
                Some("Allow") => statement.effect = Effect::Allow,
                Some("Deny") => statement.effect = Effect::Deny,
                _ => problem(out, at, "expected \"Allow\" or \"Deny\""),
            },
            "Principal" => statement.principal = read_principal(v, &at, out),
            "NotPrincipal" => statement.not_principal = read_principal(v, &at, out),
            "Action" => statement.action = read_values(v, &at, out),
            "NotAction" => statement.not_action = read_values(v, &at, out),
            "Resource" => statement.resource = read_values(v, &at, out),
            "NotResource" => statement.not_resource = read_values(v, &at, out),
            "Condition" => {
                let Value::Object(operators) = v else {
                    problem(out, at, "expected an object of condition operators");
                    continue;
                };
                for (operator, keys) in operators {
                    let Value::Object(keys) = keys else {
                        problem(
                            out,
                            at.clone().key(operator.clone()),
                            "expected an object of condition keys",
                        );
                        continue;
                    };
                    let entry = statement.condition.entry(operator.clone()).or_default();
                    for (key, values) in keys {
                        let values_at = at.clone().key(operator.clone()).key(key.clone());
                        entry.insert(key.clone(), read_values(values, &values_at, out));
                    }
                }
            }
            other => problem(out, at, format!("unknown key `{other}`")),
        }
    }
    statement
}

fn read_document(value: &Value, out: &mut Vec<Diagnostic>) -> PolicyDocument {
    let Value::Object(map) = value else {
        problem(out, JsonPath::root(), "expected a policy document object");
        return PolicyDocument::default();
    };
    let mut document = PolicyDocument {
        version: None,
        id: None,
        statements: Vec::new(),
    };
    for (key, v) in map {
        let at = JsonPath::root().key(key.clone());
        match key.as_str() {
            "Version" => document.version = v.as_str().map(str::to_owned),
            "Id" => document.id = v.as_str().map(str::to_owned),
            "Statement" => match v {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        document
                            .statements
                            .push(read_statement(item, &at.clone().index(i), out));
                    }
                }
                single => document.statements.push(read_statement(single, &at, out)),
            },
            other => problem(out, at, format!("unknown key `{other}`")),
        }
    }
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_iam_accepts_and_renders_canonically() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":["ecs-tasks.amazonaws.com"]},"Action":["sts:AssumeRole"],"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}}"#;
        let document = PolicyDocument::from_json(text).unwrap();
        assert!(document.statements[0].allows_service("ecs-tasks.amazonaws.com", "sts:AssumeRole"));
        assert_eq!(
            document.to_json(),
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}"#
        );
        assert_eq!(
            PolicyDocument::from_json(&document.to_json()).unwrap(),
            document
        );
    }

    #[test]
    fn names_what_is_not_a_policy() {
        let err =
            PolicyDocument::from_json(r#"{"Statement":[{"Effect":"Maybe","Action":7,"Foo":1}]}"#)
                .unwrap_err();
        let messages: Vec<String> = err.diagnostics().iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "Statement[0].Action: expected a string or an array of strings",
                "Statement[0].Effect: expected \"Allow\" or \"Deny\"",
                "Statement[0].Foo: unknown key `Foo`",
            ]
        );
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("ecr:*", "ecr:BatchGetImage"));
        assert!(wildcard_match("ecr:Batch*", "ECR:batchgetimage"));
        assert!(wildcard_match("logs:Put?ogEvents", "logs:PutLogEvents"));
        assert!(!wildcard_match("ecr:Get*", "ecr:BatchGetImage"));
        assert!(wildcard_match("*", "anything:At-all"));
        assert!(wildcard_match("", ""));
        assert!(!wildcard_match("", "x"));
        assert!(wildcard_match("**", ""));
        assert!(!wildcard_match("?", ""));
        assert!(wildcard_match("a*b*c", "axxbyyc"));
        assert!(!wildcard_match("a*b*c", "axxbyy"));
        assert!(wildcard_match("*ab", "aab"));
        assert!(wildcard_match("s3:?bj*", "s3:\u{e9}bject"));
    }

    #[test]
    fn many_stars_match_without_blowing_up() {
        // Exponential for the recursive match it replaces: 2^60 ways to split the text.
        let pattern = format!("iam:{}x", "*".repeat(60));
        let text = format!("iam:{}", "a".repeat(200));
        assert!(!wildcard_match(&pattern, &text));
        assert!(wildcard_match(&pattern, &format!("{text}x")));
        // Deep enough that recursion per character would overflow the stack.
        let long = "a".repeat(1_000_000);
        assert!(wildcard_match("*a", &long));
        assert!(!wildcard_match("*b", &long));
    }

    /// The matcher agrees with the definition (`*` any run, `?` one character) on every
    /// pattern and text of up to 5 characters over `a`, `b`, `*`, `?`.
    #[test]
    fn wildcards_agree_with_the_definition() {
        fn reference(p: &[u8], t: &[u8]) -> bool {
            match (p.first(), t.first()) {
                (None, None) => true,
                (Some(b'*'), _) => {
                    reference(&p[1..], t) || (!t.is_empty() && reference(p, &t[1..]))
                }
                (Some(b'?'), Some(_)) => reference(&p[1..], &t[1..]),
                (Some(a), Some(b)) if a == b => reference(&p[1..], &t[1..]),
                _ => false,
            }
        }
        fn words(alphabet: &[u8], max: usize) -> Vec<String> {
            let mut all = vec![String::new()];
            let mut last = vec![String::new()];
            for _ in 0..max {
                last = last
                    .iter()
                    .flat_map(|w| alphabet.iter().map(move |&c| format!("{w}{}", c as char)))
                    .collect();
                all.extend(last.iter().cloned());
            }
            all
        }
        let texts = words(b"ab", 5);
        let mut checked = 0;
        for pattern in words(b"ab*?", 5) {
            for text in &texts {
                assert_eq!(
                    wildcard_match(&pattern, text),
                    reference(pattern.as_bytes(), text.as_bytes()),
                    "{pattern} ~ {text}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 1365 * 63);
    }
}
