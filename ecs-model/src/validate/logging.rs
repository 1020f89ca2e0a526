//! Log configuration (section F; F5 is IAM and F7's task-wide part lives with the task rules).

use super::{Checker, environment, rules};
use crate::container::{ContainerDefinition, LogDriver, awslogs};
use crate::path::PathCursor;
use crate::words::quoted;

pub(super) fn check(cx: &mut Checker<'_>, c: &ContainerDefinition, at: &PathCursor<'_>) {
    let Some(log) = &c.log_configuration else {
        return;
    };
    let at = at.key("logConfiguration");
    let driver_at = at.key("logDriver");
    if let LogDriver::Other(name) = &log.log_driver {
        cx.report(
            &rules::F1,
            driver_at.path(),
            LogDriver::unknown_message(name),
        );
    } else if !log.log_driver.supported_on_fargate() {
        cx.report(
            &rules::F1_FARGATE,
            driver_at.path(),
            format!(
                "`{}` on Fargate; use `awslogs`, `splunk` or `awsfirelens`",
                log.log_driver
            ),
        );
    }
    let options = at.key("options");
    if log.log_driver == LogDriver::Awslogs {
        for required in [awslogs::GROUP, awslogs::REGION] {
            if log.option_value(required).is_none_or(str::is_empty) {
                cx.report(
                    &rules::F2,
                    options.path(),
                    format!("`awslogs` needs `{required}`"),
                );
            }
        }
        if log
            .option_value(awslogs::STREAM_PREFIX)
            .is_none_or(str::is_empty)
        {
            cx.report(
                &rules::F2_FARGATE,
                options.path(),
                "`awslogs` on Fargate needs `awslogs-stream-prefix`",
            );
        }
        for key in log.options.keys() {
            if !awslogs::ALL.contains(&key.as_str()) {
                let hint = crate::words::closest(key, awslogs::ALL)
                    .map(|near| format!(", did you mean `{near}`?"))
                    .unwrap_or_default();
                cx.report(
                    &rules::F2_OPTIONS,
                    options.path().key(key.clone()),
                    format!("`awslogs` has no option `{key}`{hint}"),
                );
            }
        }
        if log.options.contains_key(awslogs::DATETIME_FORMAT)
            && log.options.contains_key(awslogs::MULTILINE_PATTERN)
        {
            cx.report(
                &rules::F3,
                options.path().key(awslogs::MULTILINE_PATTERN),
                "set with `awslogs-datetime-format`; use one or the other",
            );
        }
    }
    if let Some(mode) = log.option_value(awslogs::MODE) {
        if !ecs_model_internals::enums::LOG_MODES.contains(&mode) {
            cx.report(
                &rules::F4,
                options.path().key(awslogs::MODE),
                format!("{}; use `blocking` or `non-blocking`", quoted(mode)),
            );
        } else if mode == "blocking" && log.options.contains_key(awslogs::MAX_BUFFER_SIZE) {
            cx.report(
                &rules::F4,
                options.path().key(awslogs::MAX_BUFFER_SIZE),
                "set with `mode: blocking`; a buffer only applies to `non-blocking`",
            );
        }
    }
    let secret_options = at.key("secretOptions");
    for (i, secret) in log.secret_options.iter().enumerate() {
        environment::secret_reference(
            cx,
            &secret.value_from,
            &secret_options.index(i).key("valueFrom"),
        );
    }
}
