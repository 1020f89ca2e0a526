//! The order of each structure's members in a model file. `serde_json::Value` sorts keys (the
//! workspace does not turn on `preserve_order`, which would change every crate's maps), and the
//! records keep the API's order, so this reads it with a visitor.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

/// Shape name → its members' names in the file's order.
pub(crate) fn member_order(text: &str) -> Result<BTreeMap<String, Vec<String>>, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.deserialize_map(Level::Model).map_err(|e| e.to_string())
}

/// Where the visitor is: the model object, its `shapes`, one shape.
#[derive(Clone, Copy)]
enum Level {
    Model,
    Shapes,
}

impl<'de> Visitor<'de> for Level {
    type Value = BTreeMap<String, Vec<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a botocore model object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            match self {
                Level::Model if key == "shapes" => out = map.next_value_seed(Level::Shapes)?,
                Level::Shapes => {
                    let members = map.next_value_seed(ShapeMembers)?;
                    out.insert(key, members);
                }
                Level::Model => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

impl<'de> de::DeserializeSeed<'de> for Level {
    type Value = BTreeMap<String, Vec<String>>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_map(self)
    }
}

/// The keys of a shape's `members`, in order.
struct ShapeMembers;

impl<'de> Visitor<'de> for ShapeMembers {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a shape object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "members" {
                members = map.next_value_seed(Keys)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(members)
    }
}

impl<'de> de::DeserializeSeed<'de> for ShapeMembers {
    type Value = Vec<String>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_map(self)
    }
}

/// The keys of an object, in order.
struct Keys;

impl<'de> Visitor<'de> for Keys {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value::<IgnoredAny>()?;
            keys.push(key);
        }
        Ok(keys)
    }
}

impl<'de> de::DeserializeSeed<'de> for Keys {
    type Value = Vec<String>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_map(self)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn members_keep_the_file_order() {
        let text = r#"{"version":"2.0","shapes":{"B":{"type":"structure","members":{"z":{},"a":{}}},
                       "S":{"type":"string"}},"x":[1]}"#;
        let order = super::member_order(text).unwrap();
        assert_eq!(order["B"], ["z", "a"]);
        assert!(order["S"].is_empty());
    }
}
