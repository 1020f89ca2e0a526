//! The plan as a person reads it.

use std::fmt;

use serde_json::Value;

use super::{Action, Change, Plan, Step};

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for step in &self.steps {
            write!(f, "{step}")?;
        }
        write!(
            f,
            "Plan: {} to create, {} to update, {} unchanged, {} blocked",
            self.count(Action::Create),
            self.count(Action::Update),
            self.count(Action::Unchanged),
            self.count(Action::Blocked)
        )?;
        match self.count(Action::Delete) {
            0 => f.write_str("."),
            n => write!(f, ", {n} to delete."),
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (sign, verb) = match self.action {
            Action::Create => ('+', "create"),
            Action::Update => ('~', "update"),
            Action::Unchanged => ('=', "unchanged"),
            Action::Blocked => ('!', "blocked"),
            Action::Delete => ('-', "delete"),
        };
        write!(f, "{sign} {verb:<9} {}", self.resource)?;
        if !self.calls.is_empty() && self.action != Action::Unchanged {
            write!(f, "  ({})", self.calls.join(", "))?;
        }
        writeln!(f)?;
        if self.adopted {
            writeln!(
                f,
                "    + adopt: not created by ecs-deploy for this application; it is tagged {}",
                super::OWNERSHIP_MARK
            )?;
        }
        for change in &self.changes {
            writeln!(f, "    ~ {change}")?;
        }
        for blocked in &self.blocked {
            writeln!(f, "    ! {}: {}", blocked.change.path, blocked.reason)?;
        }
        Ok(())
    }
}

/// `path: before → after`, each value on one line.
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} → {}",
            self.path,
            show(self.before.as_ref()),
            show(self.after.as_ref())
        )
    }
}

/// A value on one line, shortened past 80 characters.
fn show(value: Option<&Value>) -> String {
    let Some(value) = value else {
        return "(none)".to_owned();
    };
    let text = value.to_string();
    if text.chars().count() > 80 {
        let short: String = text.chars().take(77).collect();
        format!("{short}…")
    } else {
        text
    }
}
