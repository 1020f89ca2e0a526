//! Task-level CPU and memory: what ECS accepts in, what ECS stores out.
//!
//! ECS takes `"512"`, `"0.5 vCPU"`, `"1 vcpu"` for CPU and `"1024"`, `"2 GB"`, `"2GB"` for
//! memory, and stores them as units and MiB (`"512"`, `"2048"`). These types read every form and
//! render the stored one, so `"1 vCPU"` and `"1024"` compare equal and never show up in a diff.

use std::fmt;
use std::str::FromStr;

use ecs_model_internals::units::{self, Unit};

use crate::error::UnitError;
use crate::json::decode::{Cx, Decode, Error, Reader, Scalar, decode_scalar};

/// CPU units of a task (1024 units = 1 vCPU).
///
/// ```
/// use ecs_model::Cpu;
/// assert_eq!("0.5 vCPU".parse::<Cpu>().unwrap(), Cpu::from_units(512));
/// assert_eq!(Cpu::from_units(2048).to_string(), "2048");
/// assert_eq!(Cpu::from_vcpus(1).units(), Some(1024));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cpu(Amount);

/// Memory of a task, in MiB (1 GB = 1024 MiB, as ECS counts it).
///
/// ```
/// use ecs_model::Memory;
/// assert_eq!("2 GB".parse::<Memory>().unwrap(), Memory::from_mib(2048));
/// assert_eq!(Memory::from_gb(1).to_string(), "1024");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Memory(Amount);

/// A canonical amount, or the text a document gave that is not one (kept so that a document
/// with a placeholder such as `"{{cpu}}"` still parses, renders unchanged, and fails validation
/// with a message instead of failing the parse).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Amount {
    Value(u32),
    Text(Box<str>),
}

/// Reads any form ECS accepts of the amount `unit` counts.
fn read_amount(text: &str, unit: Unit) -> Result<u32, UnitError> {
    unit.read(text).map_err(|reason| UnitError {
        unit,
        value: text.to_owned(),
        reason,
    })
}

macro_rules! amount_type {
    ($name:ident, $what:literal, $unit:expr, $getter:ident, $pattern:literal) => {
        impl $name {
            /// The amount, or `None` when the document gave text that is not an amount
            /// (reported by validation, rule `ECS-A7`).
            #[must_use]
            pub fn $getter(&self) -> Option<u32> {
                match self.0 {
                    Amount::Value(v) => Some(v),
                    Amount::Text(_) => None,
                }
            }

            /// The text given, when it is not an amount.
            #[must_use]
            pub fn unparsed(&self) -> Option<&str> {
                match &self.0 {
                    Amount::Value(_) => None,
                    Amount::Text(text) => Some(text),
                }
            }

            /// Reads any form ECS accepts; text that is not one is kept as is, so that a
            /// document round-trips and validation reports it.
            pub(crate) fn from_text(text: &str) -> Self {
                match read_amount(text, $unit) {
                    Ok(v) => Self(Amount::Value(v)),
                    Err(_) => Self(Amount::Text(text.into())),
                }
            }

            /// Why the text given is not an amount, if it is not.
            #[must_use]
            pub fn problem(&self) -> Option<UnitError> {
                match &self.0 {
                    Amount::Value(_) => None,
                    Amount::Text(text) => read_amount(text, $unit).err(),
                }
            }
        }

        impl FromStr for $name {
            type Err = UnitError;
            /// Strict: text that is not an amount is an error.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                read_amount(s, $unit).map(|v| Self(Amount::Value(v)))
            }
        }

        impl From<u32> for $name {
            fn from(v: u32) -> Self {
                Self(Amount::Value(v))
            }
        }

        impl From<u16> for $name {
            fn from(v: u16) -> Self {
                Self(Amount::Value(u32::from(v)))
            }
        }

        /// Any form ECS accepts (`"512"`, `"0.5 vCPU"`, `"2 GB"`); other text is kept and
        /// reported by validation.
        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::from_text(text)
            }
        }

        impl fmt::Display for $name {
            /// The form ECS stores: an integer string.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match &self.0 {
                    Amount::Value(v) => write!(f, "{v}"),
                    Amount::Text(text) => f.write_str(text),
                }
            }
        }

        impl Scalar for $name {
            const EXPECTED: &'static str = concat!("a string (", $what, " amount)");
            fn from_str(v: &str) -> Result<Self, String> {
                Ok(Self::from_text(v))
            }
        }

        impl Decode for $name {
            fn decode(r: &mut Reader<'_>, cx: &mut Cx) -> Result<Self, Error> {
                decode_scalar(r, cx)
            }
        }

        impl crate::json::record::Walk for $name {}

        /// As `Serialize` writes it: a number as a string of its digits.
        impl crate::json::compact::Compact for $name {
            fn compact_len(&self) -> usize {
                match &self.0 {
                    Amount::Value(v) => v.compact_len() + 2,
                    Amount::Text(text) => text.compact_len(),
                }
            }

            fn write_compact(&self, out: &mut String) {
                match &self.0 {
                    Amount::Value(v) => {
                        out.push('"');
                        v.write_compact(out);
                        out.push('"');
                    }
                    Amount::Text(text) => text.write_compact(out),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match &self.0 {
                    Amount::Value(v) => serializer.collect_str(v),
                    Amount::Text(text) => serializer.serialize_str(text),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
                crate::json::record::deserialize_strict(de)
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                })
            }
        }
    };
}

amount_type!(
    Cpu,
    "CPU",
    units::CPU,
    units,
    "^([0-9]+|[0-9]*\\.?[0-9]+ ?[vV][cC][pP][uU])$"
);
amount_type!(
    Memory,
    "memory",
    units::MEMORY,
    mib,
    "^([0-9]+|[0-9]*\\.?[0-9]+ ?[gG][bB])$"
);

impl Cpu {
    /// `units` CPU units (1024 = 1 vCPU).
    #[must_use]
    pub const fn from_units(units: u32) -> Self {
        Self(Amount::Value(units))
    }

    /// Whole vCPUs.
    #[must_use]
    pub const fn from_vcpus(vcpus: u32) -> Self {
        Self(Amount::Value(vcpus.saturating_mul(1024)))
    }
}

impl Memory {
    /// `mib` MiB.
    #[must_use]
    pub const fn from_mib(mib: u32) -> Self {
        Self(Amount::Value(mib))
    }

    /// Whole GB (1 GB = 1024 MiB).
    #[must_use]
    pub const fn from_gb(gb: u32) -> Self {
        Self(Amount::Value(gb.saturating_mul(1024)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_accepts_every_form_ecs_accepts() {
        for (text, units) in [
            ("512", 512),
            ("0.5 vCPU", 512),
            ("1 vcpu", 1024),
            ("1vcpu", 1024),
            (".25 vcpu", 256),
            ("0.125 vCPU", 128),
            ("16 vCPU", 16384),
            (" 2048 ", 2048),
        ] {
            assert_eq!(text.parse::<Cpu>().unwrap().units(), Some(units), "{text}");
        }
    }

    #[test]
    fn cpu_rejects_what_ecs_rejects() {
        for text in [
            "",
            "vcpu",
            "1 GB",
            "0.3 vCPU",
            "1..5 vcpu",
            "{{cpu}}",
            "99999999999",
        ] {
            let error = text.parse::<Cpu>().unwrap_err();
            assert!(error.to_string().contains("is not a CPU amount"), "{error}");
        }
        assert_eq!(
            "0.3 vCPU".parse::<Cpu>().unwrap_err().to_string(),
            "\"0.3 vCPU\" is not a CPU amount: 0.3 vcpu is not a whole number of CPU units"
        );
    }

    #[test]
    fn memory_accepts_gb_and_mib() {
        for (text, mib) in [
            ("512", 512),
            ("2 GB", 2048),
            ("2GB", 2048),
            (".5 gb", 512),
            ("0.5GB", 512),
            ("30 GB", 30720),
        ] {
            assert_eq!(text.parse::<Memory>().unwrap().mib(), Some(mib), "{text}");
        }
        assert!("2 GiB".parse::<Memory>().is_err());
        assert!("1.0001 GB".parse::<Memory>().is_err());
    }

    #[test]
    fn renders_the_stored_form_and_keeps_unparsed_text() {
        assert_eq!(Cpu::from("1 vCPU").to_string(), "1024");
        assert_eq!(Memory::from("2 GB").to_string(), "2048");
        let placeholder = Cpu::from("$$$$CPUSHARE$$$$");
        assert_eq!(placeholder.units(), None);
        assert_eq!(placeholder.to_string(), "$$$$CPUSHARE$$$$");
        assert!(placeholder.problem().is_some());
        assert_eq!(Cpu::from("1 vCPU"), Cpu::from_units(1024));
    }
}
