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

impl Plan {
    /// The plan as a pull-request comment in GitHub Markdown: a summary line, a table of the
    /// resources that change and what happens to each, and each one's fields before → after in
    /// a collapsed section (blocked changes with why). Unchanged resources are counted, not
    /// listed.
    #[must_use]
    pub fn to_markdown(&self) -> String {
        use fmt::Write as _;
        let mut out = String::new();
        let summary = self.to_string();
        let summary = summary.lines().last().unwrap_or_default();
        let _ = writeln!(out, "**{summary}**\n");
        let changing: Vec<&Step> = self
            .steps
            .iter()
            .filter(|s| s.action != Action::Unchanged)
            .collect();
        if changing.is_empty() {
            out.push_str("No changes.\n");
            return out;
        }
        out.push_str("| | resource | action | calls |\n|---|---|---|---|\n");
        for step in &changing {
            let (sign, verb) = match step.action {
                Action::Create => ("+", "create"),
                Action::Update => ("~", "update"),
                Action::Blocked => ("!", "**blocked**"),
                Action::Delete => ("-", "delete"),
                Action::Unchanged => ("=", "unchanged"),
            };
            let adopted = if step.adopted { " (adopted)" } else { "" };
            let calls: Vec<String> = step.calls.iter().map(|c| format!("`{c}`")).collect();
            let _ = writeln!(
                out,
                "| {sign} | {} | {verb}{adopted} | {} |",
                code(&step.resource.to_string()),
                calls.join(" ")
            );
        }
        for step in changing
            .iter()
            .filter(|s| !s.changes.is_empty() || !s.blocked.is_empty())
        {
            let count = step.changes.len() + step.blocked.len();
            let noun = if count == 1 { "change" } else { "changes" };
            let _ = writeln!(
                out,
                "\n<details><summary>{}: {count} {noun}</summary>\n\n| field | before | after |\n|---|---|---|",
                code(&step.resource.to_string())
            );
            for change in &step.changes {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    code(&change.path.to_string()),
                    code(&show(change.before.as_ref())),
                    code(&show(change.after.as_ref()))
                );
            }
            for blocked in &step.blocked {
                let _ = writeln!(
                    out,
                    "| {} | blocked | {} |",
                    code(&blocked.change.path.to_string()),
                    cell(&blocked.reason)
                );
            }
            out.push_str("\n</details>\n");
        }
        out
    }
}

/// `text` as inline code in a table cell: backticks doubled around it when it holds one, pipes
/// escaped.
fn code(text: &str) -> String {
    let text = cell(text);
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// `text` safe in a table cell: pipes escaped, line breaks as spaces.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
