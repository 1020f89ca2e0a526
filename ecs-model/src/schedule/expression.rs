//! Scheduler's schedule expressions, read as Scheduler reads them: `cron(…)` of six fields,
//! `rate(value unit)` and `at(yyyy-mm-ddThh:mm:ss)`.

use std::fmt;

/// A schedule expression, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Expression {
    /// `cron(minutes hours day-of-month month day-of-week year)`.
    Cron(Vec<String>),
    /// `rate(value unit)`, in minutes.
    Rate {
        /// How many units.
        value: u32,
        /// `minute`, `hour` or `day` (as written, singular or plural).
        unit: String,
    },
    /// `at(…)`: once, at a local date and time.
    At(String),
}

/// Why an expression is not one Scheduler takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpressionError(String);

impl fmt::Display for ExpressionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExpressionError {}

fn fail<T>(message: impl Into<String>) -> Result<T, ExpressionError> {
    Err(ExpressionError(message.into()))
}

/// One cron field: its name, its range, the names its values may take, and the special
/// characters it allows beyond `, - * /`.
struct CronField {
    name: &'static str,
    range: (u32, u32),
    names: &'static [&'static str],
    specials: &'static str,
}

const MONTHS: &[&str] = &[
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAYS: &[&str] = &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const FIELDS: [CronField; 6] = [
    CronField {
        name: "minutes",
        range: (0, 59),
        names: &[],
        specials: "",
    },
    CronField {
        name: "hours",
        range: (0, 23),
        names: &[],
        specials: "",
    },
    CronField {
        name: "day of month",
        range: (1, 31),
        names: &[],
        specials: "?LW",
    },
    CronField {
        name: "month",
        range: (1, 12),
        names: MONTHS,
        specials: "",
    },
    CronField {
        name: "day of week",
        range: (1, 7),
        names: DAYS,
        specials: "?L#",
    },
    CronField {
        name: "year",
        range: (1970, 2199),
        names: &[],
        specials: "",
    },
];

impl CronField {
    /// One value: a number in range or a name (`JAN`, `MON`).
    fn value(&self, text: &str) -> Result<u32, ExpressionError> {
        if let Some(i) = self.names.iter().position(|n| n.eq_ignore_ascii_case(text)) {
            return Ok(u32::try_from(i).unwrap_or(0) + self.range.0);
        }
        match text.parse::<u32>() {
            Ok(v) if (self.range.0..=self.range.1).contains(&v) => Ok(v),
            _ => fail(format!(
                "{}: `{text}` is not {}–{}{}",
                self.name,
                self.range.0,
                self.range.1,
                if self.names.is_empty() {
                    String::new()
                } else {
                    format!(" or {}–{}", self.names[0], self.names[self.names.len() - 1])
                }
            )),
        }
    }

    /// One item of a comma-separated list.
    fn item(&self, item: &str) -> Result<(), ExpressionError> {
        let allows = |c: char| self.specials.contains(c);
        match item {
            "*" => return Ok(()),
            "?" if allows('?') => return Ok(()),
            "L" if allows('L') => return Ok(()),
            "LW" if allows('W') => return Ok(()),
            _ => {}
        }
        if allows('W')
            && let Some(day) = item.strip_suffix('W')
        {
            return self.value(day).map(drop);
        }
        if allows('#')
            && let Some((day, nth)) = item.split_once('#')
        {
            self.value(day)?;
            return match nth.parse::<u32>() {
                Ok(1..=5) => Ok(()),
                _ => fail(format!(
                    "{}: `#{nth}`: the week of the month is 1–5",
                    self.name
                )),
            };
        }
        if allows('L')
            && self.name == "day of week"
            && let Some(day) = item.strip_suffix('L')
        {
            return self.value(day).map(drop);
        }
        let (base, step) = match item.split_once('/') {
            Some((base, step)) => (base, Some(step)),
            None => (item, None),
        };
        if let Some(step) = step
            && !step.parse::<u32>().is_ok_and(|s| s >= 1)
        {
            return fail(format!(
                "{}: `/{step}` is not a step of 1 or more",
                self.name
            ));
        }
        if base == "*" && step.is_some() {
            return Ok(());
        }
        match base.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (self.value(from)?, self.value(to)?);
                if from > to && self.name != "day of week" {
                    return fail(format!("{}: `{base}` runs backwards", self.name));
                }
                Ok(())
            }
            None => self.value(base).map(drop),
        }
    }
}

impl Expression {
    /// Reads `text` as Scheduler does.
    ///
    /// # Errors
    /// What is wrong with it, naming the field.
    ///
    /// ```
    /// use ecs_model::schedule::Expression;
    /// assert!(Expression::parse("cron(0 3 * * ? *)").is_ok());
    /// assert!(Expression::parse("rate(1 day)").is_ok());
    /// assert_eq!(
    ///     Expression::parse("rate(1 days)").unwrap_err().to_string(),
    ///     "rate: a value of 1 takes a singular unit (`day`)"
    /// );
    /// ```
    pub fn parse(text: &str) -> Result<Self, ExpressionError> {
        let inner = |prefix: &str| {
            text.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(')'))
        };
        if let Some(fields) = inner("cron(") {
            return Self::cron(fields);
        }
        if let Some(rate) = inner("rate(") {
            return Self::rate(rate);
        }
        if let Some(at) = inner("at(") {
            return Self::at(at);
        }
        fail("not `cron(…)`, `rate(…)` or `at(…)`")
    }

    fn cron(text: &str) -> Result<Self, ExpressionError> {
        let fields: Vec<&str> = text.split_whitespace().collect();
        if fields.len() != FIELDS.len() {
            return fail(format!(
                "cron: {} field(s); Scheduler takes 6: minutes hours day-of-month month day-of-week year",
                fields.len()
            ));
        }
        for (field, text) in FIELDS.iter().zip(&fields) {
            for item in text.split(',') {
                field.item(item)?;
            }
            if text.contains('?') && text.len() > 1 {
                return fail(format!("{}: `?` stands alone", field.name));
            }
        }
        let (day_of_month, day_of_week) = (fields[2], fields[4]);
        if (day_of_month == "?") == (day_of_week == "?") {
            return fail(
                "cron: exactly one of day of month and day of week is `?` (Scheduler takes no expression that names both)",
            );
        }
        Ok(Self::Cron(fields.into_iter().map(str::to_owned).collect()))
    }

    fn rate(text: &str) -> Result<Self, ExpressionError> {
        let Some((value, unit)) = text.split_once(' ') else {
            return fail("rate: give a value and a unit (`rate(5 minutes)`)");
        };
        let Some(value) = value.parse::<u32>().ok().filter(|v| *v >= 1) else {
            return fail(format!(
                "rate: `{value}` is not a whole number of 1 or more"
            ));
        };
        let singular = unit.strip_suffix('s').unwrap_or(unit);
        if !["minute", "hour", "day"].contains(&singular) {
            return fail(format!(
                "rate: `{unit}` is not minute(s), hour(s) or day(s)"
            ));
        }
        if value == 1 && unit != singular {
            return fail(format!(
                "rate: a value of 1 takes a singular unit (`{singular}`)"
            ));
        }
        if value > 1 && unit == singular {
            return fail(format!(
                "rate: a value above 1 takes a plural unit (`{singular}s`)"
            ));
        }
        Ok(Self::Rate {
            value,
            unit: unit.to_owned(),
        })
    }

    fn at(text: &str) -> Result<Self, ExpressionError> {
        let bytes = text.as_bytes();
        let shape = "yyyy-mm-ddThh:mm:ss";
        let fits = bytes.len() == shape.len()
            && shape.bytes().zip(bytes).all(|(s, b)| match s {
                b'y' | b'm' | b'd' | b'h' | b's' => b.is_ascii_digit(),
                other => other == *b,
            });
        let number = |range: std::ops::Range<usize>| {
            text.get(range)
                .and_then(|t| t.parse::<u32>().ok())
                .unwrap_or(0)
        };
        let in_range = (1..=12).contains(&number(5..7))
            && (1..=31).contains(&number(8..10))
            && number(11..13) <= 23
            && number(14..16) <= 59
            && number(17..19) <= 59;
        if !(fits && in_range) {
            return fail(format!("at: `{text}` is not a date and time `{shape}`"));
        }
        Ok(Self::At(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn rejects(text: &str, says: &str) {
        let error = Expression::parse(text).expect_err(text).to_string();
        assert!(error.contains(says), "{text}: {error}");
    }

    #[test]
    fn reads_what_scheduler_takes() {
        for ok in [
            "cron(0 3 * * ? *)",
            "cron(0/15 9-17 ? * MON-FRI *)",
            "cron(0 18 L * ? 2027)",
            "cron(30 0 ? JAN-MAR 2#1 *)",
            "cron(0 8 15W * ? *)",
            "cron(0 0 ? * 6L *)",
            "cron(5,35 14 * 1,6 ? *)",
            "rate(1 minute)",
            "rate(15 minutes)",
            "rate(2 days)",
            "at(2026-12-24T03:00:00)",
        ] {
            assert!(
                Expression::parse(ok).is_ok(),
                "{ok}: {:?}",
                Expression::parse(ok)
            );
        }
    }

    #[test]
    fn says_what_is_wrong() {
        rejects("cron(0 3 * * *)", "5 field(s)");
        rejects(
            "cron(0 3 * * * *)",
            "exactly one of day of month and day of week",
        );
        rejects("cron(0 3 ? * ? *)", "exactly one");
        rejects("cron(60 3 * * ? *)", "minutes: `60` is not 0–59");
        rejects("cron(0 24 * * ? *)", "hours");
        rejects("cron(0 3 * 13 ? *)", "month: `13` is not 1–12 or JAN–DEC");
        rejects("cron(0 3 ? * MON#6 *)", "week of the month");
        rejects("cron(0/0 3 * * ? *)", "step of 1 or more");
        rejects("cron(0 3 * * ? 1969)", "year");
        rejects("cron(0 3 L * MON *)", "exactly one");
        rejects("rate(0 minutes)", "1 or more");
        rejects("rate(5 minute)", "plural");
        rejects("rate(1 weeks)", "minute(s), hour(s) or day(s)");
        rejects("rate(5)", "a value and a unit");
        rejects("at(2026-13-01T00:00:00)", "not a date and time");
        rejects("at(2026-12-24 03:00:00)", "not a date and time");
        rejects("every day", "not `cron(…)`");
    }
}
