//! Containers' logs, read from CloudWatch Logs where their task definition sends them.
//!
//! [`destinations`] says, without AWS, where each container's logs go: the `awslogs` group and
//! stream names (`<prefix>/<container>/<task id>`), a FireLens route to CloudWatch Logs
//! (`cloudwatch_logs` or `cloudwatch` output: its `log_group_name`, and streams
//! `<log_stream_prefix><container>-firelens-<task id>` or its fixed `log_stream_name`), or
//! elsewhere. A [`Follower`] then reads the events of some tasks (or of every task of the
//! family) from a point in time on, in time order, and each later call what arrived since.

use std::collections::HashMap;

use aws_sdk_cloudwatchlogs::Client;
use ecs_model::Text;
use ecs_model::container::{LogDriver, awslogs};
use ecs_model::task_definition::TaskDefinition;

use crate::clients::Clients;
use crate::error::{Error, aws};

/// Where a container's logs go.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Destination {
    /// CloudWatch Logs, which a [`Follower`] reads.
    CloudWatch(Streams),
    /// Somewhere ecs-deploy cannot read: the driver, and FireLens's output plugin.
    Elsewhere(String),
    /// Nowhere: the container has no log configuration.
    Nowhere,
}

/// A container's log group and how its streams are named.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Streams {
    /// The container.
    pub container: String,
    /// The log group.
    pub group: String,
    /// The group's region, when the options name one.
    pub region: Option<String>,
    naming: Naming,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Naming {
    /// `awslogs` with a stream prefix: `<prefix>/<container>/<task id>`.
    Awslogs(String),
    /// FireLens with `log_stream_prefix`: `<prefix><container>-firelens-<task id>`.
    FireLens(String),
    /// One stream for every task (`log_stream_name`).
    Fixed(String),
    /// Streams named after the Docker container (`awslogs` without a prefix): every stream of
    /// the group, none of them known to be a task's.
    Unnamed,
}

impl Streams {
    /// The stream of task `task_id`, when the naming tells it.
    #[must_use]
    pub fn stream_of(&self, task_id: &str) -> Option<String> {
        match &self.naming {
            Naming::Awslogs(prefix) => Some(format!("{prefix}/{}/{task_id}", self.container)),
            Naming::FireLens(prefix) => {
                Some(format!("{prefix}{}-firelens-{task_id}", self.container))
            }
            Naming::Fixed(name) => Some(name.clone()),
            Naming::Unnamed => None,
        }
    }

    /// What the streams of every task of the family start with (`None`: every stream of the
    /// group).
    #[must_use]
    pub fn prefix(&self) -> Option<String> {
        match &self.naming {
            Naming::Awslogs(prefix) => Some(format!("{prefix}/{}/", self.container)),
            Naming::FireLens(prefix) => Some(format!("{prefix}{}-firelens-", self.container)),
            Naming::Fixed(name) => Some(name.clone()),
            Naming::Unnamed => None,
        }
    }

    /// The task a stream belongs to, when the naming tells it.
    fn task_of(&self, stream: &str) -> Option<String> {
        match &self.naming {
            Naming::Awslogs(_) | Naming::FireLens(_) => self
                .prefix()
                .and_then(|prefix| stream.strip_prefix(&prefix).map(str::to_owned)),
            Naming::Fixed(_) | Naming::Unnamed => None,
        }
    }
}

/// Where each container of `td` sends its logs, in its order.
#[must_use]
pub fn destinations(td: &TaskDefinition) -> Vec<Destination> {
    td.container_definitions
        .iter()
        .map(|container| {
            let Some(config) = &container.log_configuration else {
                return Destination::Nowhere;
            };
            let options = &config.options;
            let streams = |group: &Text, region: Option<&Text>, naming| {
                Destination::CloudWatch(Streams {
                    container: container.name.to_string(),
                    group: group.to_string(),
                    region: region.map(Text::to_string),
                    naming,
                })
            };
            match &config.log_driver {
                LogDriver::Awslogs => match options.get(awslogs::GROUP) {
                    Some(group) => streams(
                        group,
                        options.get(awslogs::REGION),
                        options
                            .get(awslogs::STREAM_PREFIX)
                            .map_or(Naming::Unnamed, |p| Naming::Awslogs(p.to_string())),
                    ),
                    None => Destination::Elsewhere("awslogs without awslogs-group".to_owned()),
                },
                LogDriver::Awsfirelens => {
                    let output = options.get("Name").map_or("", Text::as_str);
                    match (output, options.get("log_group_name")) {
                        ("cloudwatch_logs" | "cloudwatch", Some(group)) => {
                            let naming = match options.get("log_stream_name") {
                                Some(name) => Naming::Fixed(name.to_string()),
                                None => Naming::FireLens(
                                    options
                                        .get("log_stream_prefix")
                                        .map(Text::to_string)
                                        .unwrap_or_default(),
                                ),
                            };
                            streams(group, options.get("region"), naming)
                        }
                        _ => Destination::Elsewhere(format!("FireLens output `{output}`")),
                    }
                }
                other => Destination::Elsewhere(format!("the `{other}` log driver")),
            }
        })
        .collect()
}

/// One log event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct LogLine {
    /// When it happened, in milliseconds since the epoch.
    pub timestamp: i64,
    /// The task it came from, when the stream's name tells it.
    pub task_id: Option<String>,
    /// The container it came from.
    pub container: String,
    /// The message.
    pub message: String,
}

impl std::fmt::Display for LogLine {
    /// `2026-12-01T21:05:03.120Z 1f2e3d4c/web message`: the task id's first eight characters,
    /// as the ECS console shows it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let time = aws_smithy_types::DateTime::from_millis(self.timestamp)
            .fmt(aws_smithy_types::date_time::Format::DateTime)
            .unwrap_or_else(|_| self.timestamp.to_string());
        let task = self
            .task_id
            .as_deref()
            .map_or("-", |id| id.get(..8).unwrap_or(id));
        write!(
            f,
            "{time} {task}/{} {}",
            self.container,
            self.message.trim_end()
        )
    }
}

/// Which logs to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Query {
    /// Only these tasks (their ids or ARNs); none: every task of the family.
    pub tasks: Vec<String>,
    /// Only these containers; none: every container.
    pub containers: Vec<String>,
    /// From this time on, in milliseconds since the epoch.
    pub since: i64,
    /// A CloudWatch Logs filter pattern.
    pub filter: Option<String>,
}

/// How far back each read looks again for events that CloudWatch Logs ingested late (their
/// timestamps are before the newest event read): already-read ones are skipped by id.
const LATE_EVENTS_MS: i64 = 10_000;

/// One log group's streams to read, and whose they are.
#[derive(Debug)]
struct Source {
    streams: Streams,
    /// `None`: every stream of the prefix (or of the group).
    names: Option<Vec<String>>,
}

/// Reads the logs a [`Query`] selects, and on each later call what arrived since.
#[derive(Debug)]
pub struct Follower {
    sources: Vec<Source>,
    filter: Option<String>,
    /// Where the next read starts.
    from: i64,
    /// The ids of events read at or after `from`, with their timestamps.
    seen: HashMap<String, i64>,
    /// Clients of regions other than the configuration's, by region.
    regional: HashMap<String, Client>,
}

impl Follower {
    /// A follower of the logs of `td`'s containers that `query` selects, and a note for each
    /// selected container whose logs ecs-deploy cannot read (`web: the splunk log driver`).
    #[must_use]
    pub fn new(td: &TaskDefinition, query: &Query) -> (Self, Vec<String>) {
        let task_ids: Vec<&str> = query
            .tasks
            .iter()
            .map(|t| t.rsplit('/').next().unwrap_or(t))
            .collect();
        let mut sources = Vec::new();
        let mut elsewhere = Vec::new();
        for (container, destination) in td.container_definitions.iter().zip(destinations(td)) {
            if !query.containers.is_empty()
                && !query.containers.iter().any(|c| *c == container.name)
            {
                continue;
            }
            match destination {
                Destination::CloudWatch(streams) => {
                    let names = if task_ids.is_empty() {
                        None
                    } else if streams.naming == Naming::Unnamed {
                        elsewhere.push(format!(
                            "{}: without `awslogs-stream-prefix` its streams are named after the Docker container, not the task: every stream of {} is read",
                            container.name, streams.group
                        ));
                        None
                    } else {
                        Some(
                            task_ids
                                .iter()
                                .filter_map(|t| streams.stream_of(t))
                                .collect(),
                        )
                    };
                    sources.push(Source { streams, names });
                }
                Destination::Elsewhere(what) => {
                    elsewhere.push(format!(
                        "{}: {what} keeps its logs outside CloudWatch Logs",
                        container.name
                    ));
                }
                Destination::Nowhere => {
                    elsewhere.push(format!("{}: no log configuration", container.name));
                }
            }
        }
        let follower = Self {
            sources,
            filter: query.filter.clone(),
            from: query.since,
            seen: HashMap::new(),
            regional: HashMap::new(),
        };
        (follower, elsewhere)
    }

    /// Whether there is anything to read.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// The events not read before, in time order.
    ///
    /// # Errors
    /// A `FilterLogEvents` call that failed (a group or stream that does not exist yet reads as
    /// no events).
    pub async fn next(&mut self, clients: &Clients) -> Result<Vec<LogLine>, Error> {
        let mut lines = Vec::new();
        for index in 0..self.sources.len() {
            let client = self.client(clients, index);
            let source = &self.sources[index];
            for event in read(&client, source, self.from, self.filter.as_deref()).await? {
                let (id, timestamp, stream, message) = event;
                if self.seen.insert(id, timestamp).is_some() {
                    continue;
                }
                lines.push(LogLine {
                    timestamp,
                    task_id: source.streams.task_of(&stream),
                    container: source.streams.container.clone(),
                    message,
                });
            }
        }
        lines.sort_by_key(|line| line.timestamp);
        if let Some(newest) = lines.last() {
            self.from = self.from.max(newest.timestamp - LATE_EVENTS_MS);
            let from = self.from;
            self.seen.retain(|_, timestamp| *timestamp >= from);
        }
        Ok(lines)
    }

    /// The client for source `index`'s region.
    fn client(&mut self, clients: &Clients, index: usize) -> Client {
        let Some(region) = self.sources[index].streams.region.clone() else {
            return clients.logs.clone();
        };
        if clients
            .logs
            .config()
            .region()
            .map(aws_types::region::Region::as_ref)
            == Some(&region)
        {
            return clients.logs.clone();
        }
        self.regional
            .entry(region.clone())
            .or_insert_with(|| {
                let config = clients
                    .logs
                    .config()
                    .to_builder()
                    .region(aws_types::region::Region::new(region))
                    .build();
                Client::from_conf(config)
            })
            .clone()
    }
}

/// Every event of `source` from `from` on: id, timestamp, stream, message.
///
/// Each task's stream is read by its name as a prefix (and only that name kept): a
/// `logStreamNames` list fails whole when one stream does not exist yet. Every page is read:
/// `FilterLogEvents` may answer an empty page before more events.
async fn read(
    client: &Client,
    source: &Source,
    from: i64,
    filter: Option<&str>,
) -> Result<Vec<(String, i64, String, String)>, Error> {
    let group = &source.streams.group;
    // (the prefix asked for, the one stream wanted when it is exact)
    let queries: Vec<(Option<String>, Option<&String>)> =
        match (&source.names, &source.streams.naming) {
            (Some(names), _) => names.iter().map(|n| (Some(n.clone()), Some(n))).collect(),
            (None, Naming::Fixed(name)) => vec![(Some(name.clone()), Some(name))],
            (None, _) => vec![(source.streams.prefix(), None)],
        };
    let mut events = Vec::new();
    for (prefix, exact) in queries {
        let mut token: Option<String> = None;
        loop {
            let page = client
                .filter_log_events()
                .log_group_name(group)
                .start_time(from)
                .set_filter_pattern(filter.map(str::to_owned))
                .set_log_stream_name_prefix(prefix.clone())
                .set_next_token(token.clone())
                .send()
                .await
                .map_err(aws("FilterLogEvents", format!("log group {group}")));
            let page = match page {
                Ok(page) => page,
                // The group does not exist yet (the agent creates it, say): nothing to read.
                Err(Error::Aws(e)) if e.is_not_found() => break,
                Err(e) => return Err(e),
            };
            for event in page.events() {
                let stream = event.log_stream_name().unwrap_or_default();
                // Only the selected streams, even from an endpoint that reads every stream.
                let wanted = match (exact, &prefix) {
                    (Some(name), _) => name == stream,
                    (None, Some(prefix)) => stream.starts_with(prefix.as_str()),
                    (None, None) => true,
                };
                if wanted {
                    events.push((
                        event.event_id().unwrap_or_default().to_owned(),
                        event.timestamp().unwrap_or_default(),
                        stream.to_owned(),
                        event.message().unwrap_or_default().to_owned(),
                    ));
                }
            }
            match page.next_token() {
                // A token answered twice would read the same page forever.
                Some(next) if token.as_deref() != Some(next) => token = Some(next.to_owned()),
                _ => break,
            }
        }
    }
    Ok(events)
}

/// How long ago `text` says (`90s`, `10m`, `2h`, `1d`), in milliseconds.
///
/// # Errors
/// A text that is not a whole number followed by `s`, `m`, `h` or `d`.
pub fn parse_age(text: &str) -> Result<i64, String> {
    let unit_ms = match text.chars().last() {
        Some('s') => 1_000,
        Some('m') => 60_000,
        Some('h') => 3_600_000,
        Some('d') => 86_400_000,
        _ => return Err(format!("`{text}`: give a number and s, m, h or d (`10m`)")),
    };
    text[..text.len() - 1]
        .parse::<u32>()
        .ok()
        .and_then(|n| i64::from(n).checked_mul(unit_ms))
        .ok_or_else(|| format!("`{text}`: give a number and s, m, h or d (`10m`)"))
}

/// Now, in milliseconds since the epoch.
#[must_use]
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn td(json: &str) -> TaskDefinition {
        TaskDefinition::from_json(json).expect("a task definition")
    }

    #[test]
    fn awslogs_streams_are_prefix_container_task() {
        let td = td(
            r#"{"family":"web","containerDefinitions":[{"name":"app","image":"x",
            "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/web",
            "awslogs-region":"eu-west-1","awslogs-stream-prefix":"ecs"}}}]}"#,
        );
        let found = destinations(&td);
        let [Destination::CloudWatch(streams)] = found.as_slice() else {
            panic!("{found:?}")
        };
        assert_eq!(streams.group, "/ecs/web");
        assert_eq!(streams.region.as_deref(), Some("eu-west-1"));
        assert_eq!(streams.stream_of("abc").as_deref(), Some("ecs/app/abc"));
        assert_eq!(streams.prefix().as_deref(), Some("ecs/app/"));
        assert_eq!(streams.task_of("ecs/app/abc").as_deref(), Some("abc"));
        assert_eq!(streams.task_of("other/app/abc"), None);
    }

    #[test]
    fn firelens_to_cloudwatch_names_its_group_and_others_are_elsewhere() {
        let td = td(r#"{"family":"web","containerDefinitions":[
            {"name":"app","image":"x","logConfiguration":{"logDriver":"awsfirelens","options":{
              "Name":"cloudwatch_logs","region":"us-east-1","log_group_name":"/app",
              "log_stream_prefix":"from-"}}},
            {"name":"fixed","image":"x","logConfiguration":{"logDriver":"awsfirelens","options":{
              "Name":"cloudwatch","log_group_name":"/app","log_stream_name":"all"}}},
            {"name":"dd","image":"x","logConfiguration":{"logDriver":"awsfirelens","options":{
              "Name":"datadog"}}},
            {"name":"sp","image":"x","logConfiguration":{"logDriver":"splunk","options":{}}},
            {"name":"quiet","image":"x"}]}"#);
        let found = destinations(&td);
        let Destination::CloudWatch(app) = &found[0] else {
            panic!("CloudWatch")
        };
        assert_eq!(app.stream_of("t1").as_deref(), Some("from-app-firelens-t1"));
        assert_eq!(app.task_of("from-app-firelens-t1").as_deref(), Some("t1"));
        let Destination::CloudWatch(fixed) = &found[1] else {
            panic!("CloudWatch")
        };
        assert_eq!(fixed.stream_of("t1").as_deref(), Some("all"));
        assert_eq!(fixed.task_of("all"), None);
        assert_eq!(
            found[2],
            Destination::Elsewhere("FireLens output `datadog`".into())
        );
        assert_eq!(
            found[3],
            Destination::Elsewhere("the `splunk` log driver".into())
        );
        assert_eq!(found[4], Destination::Nowhere);
        let (follower, notes) = Follower::new(&td, &Query::default());
        assert_eq!(follower.sources.len(), 2);
        assert_eq!(
            notes,
            [
                "dd: FireLens output `datadog` keeps its logs outside CloudWatch Logs",
                "sp: the `splunk` log driver keeps its logs outside CloudWatch Logs",
                "quiet: no log configuration"
            ]
        );
    }

    #[test]
    fn streams_without_a_prefix_are_read_whole_and_said() {
        let td = td(
            r#"{"family":"web","containerDefinitions":[{"name":"app","image":"x",
            "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/web"}}}]}"#,
        );
        let query = Query {
            tasks: vec!["abc".into()],
            ..Query::default()
        };
        let (follower, notes) = Follower::new(&td, &query);
        assert_eq!(follower.sources[0].names, None, "every stream of the group");
        assert_eq!(
            notes,
            [
                "app: without `awslogs-stream-prefix` its streams are named after the Docker container, not the task: every stream of /ecs/web is read"
            ]
        );
    }

    #[test]
    fn ages_and_lines_read_as_people_write_them() {
        assert_eq!(parse_age("10m"), Ok(600_000));
        assert_eq!(parse_age("2h"), Ok(7_200_000));
        assert_eq!(parse_age("1d"), Ok(86_400_000));
        assert!(parse_age("10").is_err());
        assert!(parse_age("m").is_err());
        assert!(parse_age("99999999999999999d").is_err());
        assert!(
            parse_age("-5m").is_err(),
            "no sign: a time in the future reads nothing"
        );
        let line = LogLine {
            timestamp: 1_764_622_800_000,
            task_id: Some("0123456789abcdef".into()),
            container: "web".into(),
            message: "listening\n".into(),
        };
        assert_eq!(
            line.to_string(),
            "2025-12-01T21:00:00Z 01234567/web listening"
        );
    }
}
