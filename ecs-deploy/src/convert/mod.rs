//! Conversions between the model and the AWS SDK's types, field for field, both ways: no IO.
//!
//! These functions follow the AWS SDK: they take and return the types of the SDK crates
//! ecs-deploy builds on (re-exported as [`crate::sdk`]), so they change when ecs-deploy moves
//! to a newer SDK. The plan and the workflows' results hold no SDK type.
//!
//! Each nested API shape converts with `ToSdk` and `FromSdk`, from field lists written with the
//! `convert!` macro; the shapes whose SDK and model forms differ (operation inputs, describe
//! outputs) are converted by hand next to them.
//! Failures name the JSON path of the value (`containerDefinitions[0].logConfiguration`).

mod cluster;
mod elbv2;
mod service;
mod task_definition;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use aws_smithy_types::error::operation::BuildError;
use aws_smithy_types::{Document, Number};
use ecs_model::{Extra, JsonPath, PathCursor, Text};

pub use cluster::{
    capacity_provider_from_sdk, cluster_from_sdk, create_capacity_provider, create_cluster,
    put_cluster_capacity_providers, update_capacity_provider, update_cluster,
};
pub use elbv2::{
    create_listener, create_load_balancer, create_rule, create_target_group, listener_from_sdk,
    load_balancer_from_sdk, modify_listener, modify_rule, modify_target_group,
    modify_target_group_attributes, rule_from_sdk, target_group_from_sdk,
};
pub use service::{
    apply_service_revision, create_service, service_from_input, service_from_sdk, update_service,
};
pub use task_definition::{
    register_task_definition, task_definition_from_input, task_definition_from_sdk,
};

/// A value the SDK cannot carry, or an SDK value the model does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
#[non_exhaustive]
pub struct ConvertError {
    /// Where, in the API's JSON names.
    pub path: JsonPath,
    /// What is wrong.
    pub problem: String,
    /// An AWS value the model has no variant for (an enum value of a newer API), as JSON: the
    /// record that holds the member keeps it in its `extra` map instead of failing.
    pub(crate) unknown_value: Option<serde_json::Value>,
}

/// A conversion failure at a place of the document.
pub(crate) trait Fail {
    fn fail(&self, problem: impl fmt::Display) -> ConvertError;
}

impl Fail for PathCursor<'_> {
    fn fail(&self, problem: impl fmt::Display) -> ConvertError {
        ConvertError {
            path: self.path(),
            problem: problem.to_string(),
            unknown_value: None,
        }
    }
}

/// A model value as the SDK's.
pub(crate) trait ToSdk<S> {
    fn to_sdk(&self, at: PathCursor<'_>) -> Result<S, ConvertError>;
}

/// An SDK value as the model's.
pub(crate) trait FromSdk<S>: Sized {
    fn from_sdk(sdk: &S, at: PathCursor<'_>) -> Result<Self, ConvertError>;
}

/// A model field as the argument of the SDK builder's `set_…` (always an `Option`).
pub(crate) trait ToField<F> {
    fn to_field(&self, at: PathCursor<'_>) -> Result<F, ConvertError>;
}

/// A model field from the SDK struct's public field.
pub(crate) trait FromField<F>: Sized {
    fn from_field(sdk: &F, at: PathCursor<'_>) -> Result<Self, ConvertError>;
}

/// The result of an SDK builder's `build()`, which fails only for shapes with required members.
pub(crate) trait Built<T> {
    fn built(self, at: PathCursor<'_>) -> Result<T, ConvertError>;
}

impl<T> Built<T> for T {
    fn built(self, _: PathCursor<'_>) -> Result<T, ConvertError> {
        Ok(self)
    }
}

impl<T> Built<T> for Result<T, BuildError> {
    fn built(self, at: PathCursor<'_>) -> Result<T, ConvertError> {
        self.map_err(|e| at.fail(format_args!("the SDK rejects it: {e}")))
    }
}

/// Keys kept by a lenient parse (or values of a newer API, read back) have no SDK field to go
/// to: sending without them would deploy something other than what the document says.
pub(crate) fn no_extra(extra: &Extra, at: PathCursor<'_>) -> Result<(), ConvertError> {
    match extra.iter().next() {
        None => Ok(()),
        Some((key, value)) => Err(at.key(key).fail(format_args!(
            "{value} is kept as read, outside what this version of ecs-model knows (an unknown \
             key, or a value of a newer API): it cannot be sent; remove it or update ecs-deploy"
        ))),
    }
}

/// The value of member `json` when converting it failed on a value the model does not know:
/// kept in the record's `extra` map (rendered back as it was), the member left unset. Any
/// other failure stands.
pub(crate) fn keep_unknown(
    extra: &mut Extra,
    json: &str,
    at: PathCursor<'_>,
    error: ConvertError,
) -> Result<(), ConvertError> {
    match error.unknown_value {
        Some(value) if error.path == at.key(json).path() => {
            extra.insert(json.to_owned(), value);
            Ok(())
        }
        _ => Err(error),
    }
}

/// Members of the API newer than the SDK crate: the request cannot carry them.
pub(crate) fn not_in_sdk<T: Unset>(value: &T, at: PathCursor<'_>) -> Result<(), ConvertError> {
    if value.is_unset() {
        return Ok(());
    }
    Err(at.fail(
        "the AWS SDK crate ecs-deploy builds on has no field for it yet (the API has, since \
         botocore 1.44.8); sending the request without it would deploy something else",
    ))
}

/// A model field with nothing in it.
pub(crate) trait Unset {
    fn is_unset(&self) -> bool;
}

impl<T> Unset for Option<T> {
    fn is_unset(&self) -> bool {
        self.is_none()
    }
}

impl<T> Unset for Vec<T> {
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
}

// ---- scalars ----------------------------------------------------------------------------------

macro_rules! same {
    ($($ty:ty),*) => {$(
        impl ToSdk<$ty> for $ty {
            fn to_sdk(&self, _: PathCursor<'_>) -> Result<$ty, ConvertError> {
                Ok(self.clone())
            }
        }
        impl FromSdk<$ty> for $ty {
            fn from_sdk(sdk: &$ty, _: PathCursor<'_>) -> Result<Self, ConvertError> {
                Ok(sdk.clone())
            }
        }
        required!($ty => $ty);
    )*};
}

/// A model type used as a required field: the SDK still takes an `Option` and may hold one.
macro_rules! required {
    ($model:ty => $sdk:ty) => {
        impl $crate::convert::ToField<Option<$sdk>> for $model {
            fn to_field(
                &self,
                at: ::ecs_model::PathCursor<'_>,
            ) -> Result<Option<$sdk>, $crate::convert::ConvertError> {
                $crate::convert::ToSdk::to_sdk(self, at).map(Some)
            }
        }
        impl $crate::convert::FromField<Option<$sdk>> for $model {
            fn from_field(
                sdk: &Option<$sdk>,
                at: ::ecs_model::PathCursor<'_>,
            ) -> Result<Self, $crate::convert::ConvertError> {
                match sdk {
                    Some(value) => $crate::convert::FromSdk::from_sdk(value, at),
                    None => Err($crate::convert::Fail::fail(
                        &at,
                        "missing in the AWS response",
                    )),
                }
            }
        }
        impl $crate::convert::FromField<$sdk> for $model {
            fn from_field(
                sdk: &$sdk,
                at: ::ecs_model::PathCursor<'_>,
            ) -> Result<Self, $crate::convert::ConvertError> {
                $crate::convert::FromSdk::from_sdk(sdk, at)
            }
        }
    };
}
pub(crate) use required;

same!(i32, i64, f64, bool);

/// A model list of strings as the SDK's.
pub(crate) fn strings(items: &[Text]) -> Vec<String> {
    items.iter().map(Text::to_string).collect()
}

impl ToSdk<String> for Text {
    fn to_sdk(&self, _: PathCursor<'_>) -> Result<String, ConvertError> {
        Ok(self.to_string())
    }
}

impl FromSdk<String> for Text {
    fn from_sdk(sdk: &String, _: PathCursor<'_>) -> Result<Self, ConvertError> {
        Ok(Text::new(sdk))
    }
}
required!(Text => String);

/// Numbers and flags the SDK holds without an `Option` (container `cpu`, `enableECSManagedTags`):
/// their default means "not given", which is how the model keeps it.
macro_rules! defaulted {
    ($($ty:ty),*) => {$(
        impl FromField<$ty> for Option<$ty> {
            fn from_field(sdk: &$ty, _: PathCursor<'_>) -> Result<Self, ConvertError> {
                Ok((*sdk != <$ty>::default()).then_some(*sdk))
            }
        }
    )*};
}
defaulted!(i32, bool);

// ---- containers -------------------------------------------------------------------------------

/// Lists that must be sent even when empty (`PutClusterCapacityProviders` clears with `[]`) are
/// `Option<Vec<_>>` in the model.
impl<S, T: ToSdk<S>> ToSdk<Vec<S>> for Vec<T> {
    fn to_sdk(&self, at: PathCursor<'_>) -> Result<Vec<S>, ConvertError> {
        self.iter()
            .enumerate()
            .map(|(i, v)| v.to_sdk(at.index(i)))
            .collect()
    }
}

impl<S, T: FromSdk<S> + serde::Serialize> FromSdk<Vec<S>> for Vec<T> {
    fn from_sdk(sdk: &Vec<S>, at: PathCursor<'_>) -> Result<Self, ConvertError> {
        list_from_sdk(sdk, at)
    }
}

/// A list, element by element; one holding a value the model does not know (a launch type of a
/// newer API among `requiresCompatibilities`) fails as a whole, with the whole list as JSON for
/// the record's `extra`.
fn list_from_sdk<S, T: FromSdk<S> + serde::Serialize>(
    sdk: &[S],
    at: PathCursor<'_>,
) -> Result<Vec<T>, ConvertError> {
    let mut out = Vec::with_capacity(sdk.len());
    // From the first unknown value on: the list as read, known values rendered.
    let mut kept: Option<(String, Vec<serde_json::Value>)> = None;
    for (i, item) in sdk.iter().enumerate() {
        match T::from_sdk(item, at.index(i)) {
            Ok(value) => {
                if let Some((_, raw)) = &mut kept {
                    raw.push(serde_json::to_value(&value).unwrap_or_default());
                }
                out.push(value);
            }
            Err(error) if error.unknown_value.is_some() && error.path == at.index(i).path() => {
                let (_, raw) = kept.get_or_insert_with(|| {
                    let known = out
                        .iter()
                        .map(|v| serde_json::to_value(v).unwrap_or_default());
                    (error.problem.clone(), known.collect())
                });
                raw.extend(error.unknown_value);
            }
            Err(error) => return Err(error),
        }
    }
    match kept {
        None => Ok(out),
        Some((problem, raw)) => Err(ConvertError {
            path: at.path(),
            problem,
            unknown_value: Some(serde_json::Value::Array(raw)),
        }),
    }
}

impl<S, T: ToSdk<S>> ToField<Option<S>> for Option<T> {
    fn to_field(&self, at: PathCursor<'_>) -> Result<Option<S>, ConvertError> {
        self.as_ref().map(|v| v.to_sdk(at)).transpose()
    }
}

impl<S, T: ToSdk<S>> ToField<Option<Vec<S>>> for Vec<T> {
    fn to_field(&self, at: PathCursor<'_>) -> Result<Option<Vec<S>>, ConvertError> {
        if self.is_empty() {
            return Ok(None);
        }
        let items = self.iter().enumerate().map(|(i, v)| v.to_sdk(at.index(i)));
        items.collect::<Result<Vec<_>, _>>().map(Some)
    }
}

impl ToField<Option<HashMap<String, String>>> for BTreeMap<Text, Text> {
    fn to_field(&self, _: PathCursor<'_>) -> Result<Option<HashMap<String, String>>, ConvertError> {
        Ok((!self.is_empty()).then(|| {
            self.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        }))
    }
}

impl<S, T: FromSdk<S>> FromField<Option<S>> for Option<T> {
    fn from_field(sdk: &Option<S>, at: PathCursor<'_>) -> Result<Self, ConvertError> {
        sdk.as_ref().map(|v| T::from_sdk(v, at)).transpose()
    }
}

impl<S, T: FromSdk<S> + serde::Serialize> FromField<Vec<S>> for Vec<T> {
    fn from_field(sdk: &Vec<S>, at: PathCursor<'_>) -> Result<Self, ConvertError> {
        list_from_sdk(sdk, at)
    }
}

impl<S, T: FromSdk<S> + serde::Serialize> FromField<Option<Vec<S>>> for Vec<T> {
    fn from_field(sdk: &Option<Vec<S>>, at: PathCursor<'_>) -> Result<Self, ConvertError> {
        sdk.as_ref()
            .map_or_else(|| Ok(Vec::new()), |items| Self::from_field(items, at))
    }
}

impl FromField<Option<HashMap<String, String>>> for BTreeMap<Text, Text> {
    fn from_field(
        sdk: &Option<HashMap<String, String>>,
        _: PathCursor<'_>,
    ) -> Result<Self, ConvertError> {
        Ok(sdk
            .iter()
            .flatten()
            .map(|(k, v)| (Text::new(k), Text::new(v)))
            .collect())
    }
}

// ---- enums ------------------------------------------------------------------------------------

/// Model enums and SDK enums, by their API strings. An SDK value the model does not know (a
/// newer API) is an error naming it, never a silent default; the record holding it keeps the
/// value in its `extra` map (see [`get_member!`]).
macro_rules! enums {
    ($($model:ty => $sdk:ty),* $(,)?) => {$(
        impl $crate::convert::ToSdk<$sdk> for $model {
            fn to_sdk(&self, _: ::ecs_model::PathCursor<'_>) -> Result<$sdk, $crate::convert::ConvertError> {
                Ok(<$sdk>::from(self.as_str()))
            }
        }
        impl $crate::convert::FromSdk<$sdk> for $model {
            fn from_sdk(sdk: &$sdk, at: ::ecs_model::PathCursor<'_>) -> Result<Self, $crate::convert::ConvertError> {
                sdk.as_str().parse().map_err(|e| {
                    let mut error = $crate::convert::Fail::fail(&at, e);
                    error.unknown_value = Some(::serde_json::Value::String(sdk.as_str().to_owned()));
                    error
                })
            }
        }
        $crate::convert::required!($model => $sdk);
    )*};
}
pub(crate) use enums;

// ---- structures -------------------------------------------------------------------------------

/// Both directions for structures whose model and SDK forms have the same members: one
/// bracket per member, `["jsonName" model_field set_sdk_field]`, with `=> sdk_field` after the
/// model field where the SDK names it differently.
macro_rules! convert {
    ($(
        $model:ty => $sdk:ty { $([$($member:tt)*]),* $(,)? }
    )*) => {$(
        impl $crate::convert::ToSdk<$sdk> for $model {
            fn to_sdk(&self, at: ::ecs_model::PathCursor<'_>) -> Result<$sdk, $crate::convert::ConvertError> {
                $crate::convert::no_extra(&self.extra, at)?;
                let model = self;
                let builder = <$sdk>::builder();
                $(let builder = $crate::convert::set_member!(builder, model, at, $($member)*);)*
                $crate::convert::Built::built(builder.build(), at)
            }
        }
        impl $crate::convert::FromSdk<$sdk> for $model {
            fn from_sdk(sdk: &$sdk, at: ::ecs_model::PathCursor<'_>) -> Result<Self, $crate::convert::ConvertError> {
                let mut model = Self::default();
                $($crate::convert::get_member!(model, sdk, at, $($member)*);)*
                Ok(model)
            }
        }
        $crate::convert::required!($model => $sdk);
    )*};
}
pub(crate) use convert;

/// `builder = builder.set_…(…)` for each member listed (`[..]` as in [`convert!`]).
macro_rules! set_all {
    ($builder:ident, $model:ident, $at:ident, $([$($member:tt)*])*) => {
        $(let $builder = $crate::convert::set_member!($builder, $model, $at, $($member)*);)*
    };
}
pub(crate) use set_all;

/// `model.… = …` for each member listed.
macro_rules! get_all {
    ($model:ident, $sdk:ident, $at:ident, $([$($member:tt)*])*) => {
        $($crate::convert::get_member!($model, $sdk, $at, $($member)*);)*
    };
}
pub(crate) use get_all;

/// One member into an SDK builder; a member marked `not_in_sdk` (the SDK crate predates it) is
/// an error when set, never silently dropped.
macro_rules! set_member {
    ($builder:ident, $model:ident, $at:ident, $json:literal $field:ident not_in_sdk) => {{
        $crate::convert::not_in_sdk(&$model.$field, $at.key($json))?;
        $builder
    }};
    ($builder:ident, $model:ident, $at:ident, $json:literal $field:ident $(=> $sfield:ident)? $setter:ident) => {
        $builder.$setter($crate::convert::ToField::to_field(
            &$model.$field,
            $at.key($json),
        )?)
    };
}
pub(crate) use set_member;

/// One member out of an SDK struct (one the SDK lacks stays unset; a value of a newer API the
/// model does not know goes to the record's `extra`).
macro_rules! get_member {
    ($model:ident, $sdk:ident, $at:ident, $json:literal $field:ident not_in_sdk) => {};
    ($model:ident, $sdk:ident, $at:ident, $json:literal $field:ident $setter:ident) => {
        $crate::convert::get_member!($model, $sdk, $at, $json $field => $field $setter)
    };
    ($model:ident, $sdk:ident, $at:ident, $json:literal $field:ident => $sfield:ident $setter:ident) => {
        match $crate::convert::FromField::from_field(&$sdk.$sfield, $at.key($json)) {
            Ok(value) => $model.$field = value,
            Err(error) => $crate::convert::keep_unknown(&mut $model.extra, $json, $at, error)?,
        }
    };
}
pub(crate) use get_member;

// ---- documents --------------------------------------------------------------------------------

/// Free-form JSON members (lifecycle hooks' `hookDetails`) as the SDK's `Document`.
impl ToSdk<Document> for serde_json::Value {
    fn to_sdk(&self, at: PathCursor<'_>) -> Result<Document, ConvertError> {
        use serde_json::Value;
        Ok(match self {
            Value::Null => Document::Null,
            Value::Bool(b) => Document::Bool(*b),
            Value::Number(n) => Document::Number(if let Some(u) = n.as_u64() {
                Number::PosInt(u)
            } else if let Some(i) = n.as_i64() {
                Number::NegInt(i)
            } else {
                Number::Float(n.as_f64().unwrap_or_default())
            }),
            Value::String(s) => Document::String(s.clone()),
            Value::Array(items) => Document::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| v.to_sdk(at.index(i)))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(map) => Document::Object(
                map.iter()
                    .map(|(k, v)| Ok((k.clone(), v.to_sdk(at.key(k))?)))
                    .collect::<Result<_, ConvertError>>()?,
            ),
        })
    }
}

impl FromSdk<Document> for serde_json::Value {
    fn from_sdk(sdk: &Document, at: PathCursor<'_>) -> Result<Self, ConvertError> {
        use serde_json::Value;
        Ok(match sdk {
            Document::Null => Value::Null,
            Document::Bool(b) => Value::Bool(*b),
            Document::Number(Number::PosInt(u)) => Value::from(*u),
            Document::Number(Number::NegInt(i)) => Value::from(*i),
            Document::Number(Number::Float(f)) => {
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
            }
            Document::String(s) => Value::String(s.clone()),
            Document::Array(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Self::from_sdk(v, at.index(i)))
                    .collect::<Result<_, _>>()?,
            ),
            Document::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| Ok((k.clone(), Self::from_sdk(v, at.key(k))?)))
                    .collect::<Result<_, ConvertError>>()?,
            ),
        })
    }
}
