//! CPU and memory amounts as ECS reads them: `"512"`, `"0.5 vCPU"`, `"1024"`, `"2 GB"`.

use crate::text::quoted;

/// An amount of CPU: 1 vCPU is 1024 units.
pub const CPU: Unit = Unit {
    what: "CPU",
    hint: "use units like \"512\" or \"0.5 vCPU\"",
    suffix: "vcpu",
    scale: 1024,
    whole: "CPU units",
};

/// An amount of memory: 1 GB is 1024 MiB, as ECS counts it.
pub const MEMORY: Unit = Unit {
    what: "memory",
    hint: "use MiB like \"1024\" or \"1 GB\"",
    suffix: "gb",
    scale: 1024,
    whole: "MiB",
};

/// How an amount is written besides a plain integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// What is counted, for messages: `CPU`, `memory`.
    pub what: &'static str,
    /// How to write an amount, for messages.
    pub hint: &'static str,
    /// The suffix, compared ignoring ASCII case (`vCPU`, `vcpu`).
    pub suffix: &'static str,
    /// What one of the unit is worth in the integer form.
    pub scale: u64,
    /// What the integer form counts.
    pub whole: &'static str,
}

impl Unit {
    /// The message for `text`, which [`read`](Self::read) rejected for `reason`.
    #[must_use]
    pub fn not_an_amount(self, text: &str, reason: &str) -> String {
        format!("{} is not a {} amount: {reason}", quoted(text), self.what)
    }

    /// Reads `"<decimal> <unit>"` or a plain integer into the integer form.
    ///
    /// # Errors
    /// Why the text is not an amount ("empty", "too large", …).
    pub fn read(self, text: &str) -> Result<u32, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err("empty".to_owned());
        }
        if trimmed.bytes().all(|b| b.is_ascii_digit()) {
            return trimmed.parse::<u32>().map_err(|_| "too large".to_owned());
        }
        let number_end = trimmed
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(trimmed.len());
        let (number, rest) = trimmed.split_at(number_end);
        if !rest.trim_start().eq_ignore_ascii_case(self.suffix) {
            return Err(format!(
                "expected an integer or a number followed by `{}`",
                self.suffix
            ));
        }
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        if (whole.is_empty() && fraction.is_empty()) || fraction.contains('.') || fraction.len() > 9
        {
            return Err(format!("`{number}` is not a number"));
        }
        let whole: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| "too large".to_owned())?
        };
        let denominator = 10u64.pow(u32::try_from(fraction.len()).unwrap_or(9));
        let fraction_value: u64 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().map_err(|_| "not a number".to_owned())?
        };
        let scaled_fraction = fraction_value * self.scale;
        if scaled_fraction % denominator != 0 {
            return Err(format!(
                "{number} {} is not a whole number of {}",
                self.suffix, self.whole
            ));
        }
        whole
            .checked_mul(self.scale)
            .and_then(|w| w.checked_add(scaled_fraction / denominator))
            .and_then(|total| u32::try_from(total).ok())
            .ok_or_else(|| "too large".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form() {
        assert_eq!(CPU.read("512"), Ok(512));
        assert_eq!(CPU.read("0.5 vCPU"), Ok(512));
        assert_eq!(CPU.read(".25 vcpu"), Ok(256));
        assert_eq!(CPU.read("1vcpu"), Ok(1024));
        assert!(CPU.read("0.3 vCPU").is_err());
        assert!(CPU.read("a lot").is_err());
        assert_eq!(MEMORY.read("2 GB"), Ok(2048));
        assert_eq!(MEMORY.read("0.5GB"), Ok(512));
        assert!(MEMORY.read("1 GiB").is_err());
        assert_eq!(MEMORY.read(" "), Err("empty".to_owned()));
        assert_eq!(MEMORY.read("99999999999"), Err("too large".to_owned()));
        assert_eq!(
            CPU.not_an_amount("0.3 vCPU", "0.3 vcpu is not a whole number of CPU units"),
            "\"0.3 vCPU\" is not a CPU amount: 0.3 vcpu is not a whole number of CPU units"
        );
    }
}
