//! The generator of `ecs-model`'s API records: one `api_struct!` per structure shape and one
//! `api_enum!` per enum shape that a request of [`spec::FILES`] reaches, with the first sentence
//! of botocore's documentation as their docs.
//!
//! Validation, builders and conversions stay hand-written beside the generated files; what a file
//! holds (its roots, the Rust names that differ from botocore's, the types that live elsewhere) is
//! [`spec`]'s table.

mod docs;
mod names;
mod order;
mod spec;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Map, Value};

use spec::FileSpec;

/// The botocore models `.ci/botocore_models.py` wrote, and the botocore version they came from.
pub(crate) struct Models {
    pub(crate) version: String,
    services: BTreeMap<&'static str, Service>,
}

/// One service's model, and its structures' members in the file's order.
struct Service {
    model: Value,
    member_order: BTreeMap<String, Vec<String>>,
}

impl Models {
    /// Reads `<dir>/VERSION` and the model of every service a generated file mirrors.
    pub(crate) fn load(dir: &Path) -> Result<Self, String> {
        let read = |name: &str| {
            std::fs::read_to_string(dir.join(name)).map_err(|e| {
                format!(
                    "{}: {e} (write the models with `.venv/bin/python .ci/botocore_models.py`)",
                    dir.join(name).display()
                )
            })
        };
        let version = read("VERSION")?.trim().to_owned();
        let mut services = BTreeMap::new();
        for file in spec::FILES {
            if services.contains_key(file.service) {
                continue;
            }
            let name = format!("{}.json", file.service);
            let text = read(&name)?;
            let model = serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
            let member_order = order::member_order(&text).map_err(|e| format!("{name}: {e}"))?;
            services.insert(
                file.service,
                Service {
                    model,
                    member_order,
                },
            );
        }
        Ok(Self { version, services })
    }

    fn service(&self, service: &str) -> Result<&Service, String> {
        self.services
            .get(service)
            .filter(|s| s.model["shapes"].is_object())
            .ok_or_else(|| format!("the {service} model has no shapes"))
    }
}

/// Every generated file: its path in the workspace and its text.
pub(crate) fn generate(models: &Models) -> Result<Vec<(&'static str, String)>, String> {
    spec::FILES
        .iter()
        .map(|file| Ok((file.path, render_file(models, file)?)))
        .collect()
}

/// One record or enum of a file, in the order the walk met it.
enum Item {
    Struct {
        name: String,
        doc: String,
        fields: Vec<Field>,
        special: Vec<&'static spec::Special>,
    },
    Enum {
        name: String,
        doc: String,
        what: String,
        values: Vec<String>,
        /// The `Default` when a required member uses the enum: the value and why.
        default: Option<(String, String)>,
    },
}

struct Field {
    rust: String,
    json: String,
    ty: String,
    doc: String,
}

/// The walk over the shapes one file mirrors.
struct Walk<'a> {
    file: &'a FileSpec,
    shapes: &'a Map<String, Value>,
    member_order: &'a BTreeMap<String, Vec<String>>,
    seen: BTreeSet<String>,
    structs: Vec<Item>,
    enums: Vec<Item>,
    uses: BTreeSet<&'static str>,
    /// Enums that required members use: the records' `Default` needs theirs.
    needs_default: BTreeSet<String>,
}

impl Walk<'_> {
    fn shape(&self, name: &str) -> Result<&Value, String> {
        self.shapes
            .get(name)
            .ok_or_else(|| format!("{}: no shape {name} in the model", self.file.path))
    }

    /// The Rust name of a structure or enum shape (ELBv2's `ProtocolEnum` is `Protocol`).
    fn rust_name(&self, shape: &str) -> String {
        match self.file.names.iter().find(|(s, _)| *s == shape) {
            Some((_, name)) => (*name).to_owned(),
            None => shape.strip_suffix("Enum").unwrap_or(shape).to_owned(),
        }
    }

    /// Emits the structure `shape` (and, first met, what its members reach).
    fn structure(&mut self, shape_name: &str, doc_override: Option<&str>) -> Result<(), String> {
        if !self.seen.insert(shape_name.to_owned()) {
            return Ok(());
        }
        let shape = self.shape(shape_name)?.clone();
        let name = self.rust_name(shape_name);
        let doc = match doc_override {
            Some(doc) => doc.to_owned(),
            None => docs::first_sentence(shape["documentation"].as_str().unwrap_or_default())
                .unwrap_or_else(|| format!("The `{shape_name}` shape.")),
        };
        let index = self.structs.len();
        self.structs.push(Item::Struct {
            name,
            doc,
            fields: Vec::new(),
            special: Vec::new(),
        });
        let required: BTreeSet<&str> = shape["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let members = shape["members"]
            .as_object()
            .ok_or_else(|| format!("{shape_name} has no members"))?;
        let order = self
            .member_order
            .get(shape_name)
            .cloned()
            .unwrap_or_default();
        let mut fields = Vec::new();
        for json in &order {
            if self.file.skipped.contains(&(shape_name, json.as_str())) {
                continue;
            }
            let member = &members[json];
            let target = member["shape"]
                .as_str()
                .ok_or_else(|| format!("{shape_name}.{json} names no shape"))?;
            let mut ty = self.member_type(target, required.contains(json.as_str()))?;
            if self
                .file
                .rendered_when_empty
                .contains(&(shape_name, json.as_str()))
            {
                ty = format!("Option<{ty}>");
            }
            let doc_override = self
                .file
                .member_docs
                .iter()
                .find(|(s, m, _)| *s == shape_name && m == json)
                .map(|(_, _, doc)| (*doc).to_owned());
            let doc = doc_override
                .or_else(|| {
                    docs::first_sentence(member["documentation"].as_str().unwrap_or_default())
                })
                .or_else(|| {
                    self.shapes[target]["documentation"]
                        .as_str()
                        .and_then(docs::first_sentence)
                })
                .unwrap_or_else(|| format!("The `{json}` member."));
            fields.push(Field {
                rust: names::field(json),
                json: json.clone(),
                ty,
                doc,
            });
        }
        if let Item::Struct {
            fields: slot,
            special,
            ..
        } = &mut self.structs[index]
        {
            *slot = fields;
            *special = self
                .file
                .special
                .iter()
                .filter(|f| f.shape == shape_name)
                .collect();
        }
        Ok(())
    }

    /// The Rust type of a member whose value is shape `target`.
    fn member_type(&mut self, target: &str, required: bool) -> Result<String, String> {
        let shape = self.shape(target)?.clone();
        let kind = shape["type"].as_str().unwrap_or_default();
        if required && kind == "string" && shape.get("enum").is_some() {
            self.needs_default.insert(self.rust_name(target));
        }
        let (ty, always_present) = match kind {
            "list" => {
                let element = shape["member"]["shape"]
                    .as_str()
                    .ok_or_else(|| format!("list {target} names no member"))?;
                let codec = self.file.codecs.iter().find(|c| c.element == element);
                let inner = self.member_type(element, true)?;
                let ty = match codec {
                    Some(codec) => {
                        self.uses.insert(codec.path);
                        format!("Vec<{inner}> as {}", codec.name)
                    }
                    None => format!("Vec<{inner}>"),
                };
                (ty, true)
            }
            "map" => {
                let key = shape["key"]["shape"].as_str().unwrap_or_default();
                let value = shape["value"]["shape"].as_str().unwrap_or_default();
                let string = |s: &str| self.shapes[s]["type"] == "string";
                if !(string(key) && string(value)) {
                    return Err(format!("map {target}: only string maps are mirrored"));
                }
                self.uses.insert("crate::json::decode::StringMap");
                ("StringMap".to_owned(), true)
            }
            _ => (self.value_type(target, &shape, kind)?, false),
        };
        Ok(if required || always_present {
            ty
        } else {
            format!("Option<{ty}>")
        })
    }

    /// The Rust type of a scalar, enum or structure shape.
    fn value_type(&mut self, target: &str, shape: &Value, kind: &str) -> Result<String, String> {
        if let Some(external) = self.file.external.iter().find(|e| e.shape == target) {
            self.uses.insert(external.path);
            return Ok(external.name.to_owned());
        }
        if shape["document"] == Value::Bool(true) {
            return Ok("serde_json::Value".to_owned());
        }
        Ok(match kind {
            "structure" => {
                self.structure(target, None)?;
                self.rust_name(target)
            }
            "string" if shape.get("enum").is_some() => {
                self.enumeration(target, shape);
                self.rust_name(target)
            }
            "string" | "timestamp" => {
                self.uses.insert("crate::Text");
                "Text".to_owned()
            }
            "integer" => "i32".to_owned(),
            "long" => "i64".to_owned(),
            "boolean" => "bool".to_owned(),
            "double" | "float" => "f64".to_owned(),
            other => return Err(format!("{target}: shape type {other} is not mirrored")),
        })
    }

    fn enumeration(&mut self, shape_name: &str, shape: &Value) {
        if !self.seen.insert(shape_name.to_owned()) {
            return;
        }
        let name = self.rust_name(shape_name);
        let what = names::what(self.file, &name);
        let values = shape["enum"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        self.enums.push(Item::Enum {
            doc: format!("{} {what}.", names::article(&what)),
            name,
            what,
            values,
            default: None,
        });
    }
}

fn render_file(models: &Models, file: &FileSpec) -> Result<String, String> {
    let service = models.service(file.service)?;
    let mut walk = Walk {
        file,
        shapes: service.model["shapes"].as_object().ok_or("no shapes")?,
        member_order: &service.member_order,
        seen: BTreeSet::new(),
        structs: Vec::new(),
        enums: Vec::new(),
        uses: BTreeSet::new(),
        needs_default: BTreeSet::new(),
    };
    for root in file.roots {
        walk.structure(root.shape, root.doc)?;
    }
    for item in &mut walk.enums {
        if let Item::Enum {
            name,
            values,
            default,
            ..
        } = item
            && walk.needs_default.contains(name.as_str())
        {
            *default = Some(match file.defaults.iter().find(|(e, _, _)| e == name) {
                Some((_, value, why)) => ((*value).to_owned(), (*why).to_owned()),
                None => (
                    values.first().cloned().unwrap_or_default(),
                    "the API's first value".to_owned(),
                ),
            });
        }
    }
    if !walk.structs.is_empty() {
        walk.uses.insert("crate::json::record::api_struct");
    }
    if !walk.enums.is_empty() {
        walk.uses.insert("crate::json::record::api_enum");
    }
    let mut out = String::new();
    let note = format!(
        "{}\n\nGenerated by `cargo xtask api` from botocore {}'s `{}` model: do not edit; change \
         `xtask/src/api/spec.rs` and regenerate. `tests/integration/api_model.rs` checks the \
         records against the model.",
        file.header, models.version, file.service
    );
    docs::write_prefixed(&mut out, "//! ", &note);
    out.push('\n');
    for line in grouped_uses(&walk.uses) {
        out.push_str(&line);
        out.push('\n');
    }
    for item in walk.structs.iter().chain(&walk.enums) {
        out.push('\n');
        render_item(&mut out, item);
    }
    rustfmt(&out)
}

/// `use` lines, one per module, as rustfmt orders them.
fn grouped_uses(paths: &BTreeSet<&str>) -> Vec<String> {
    let mut modules: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for path in paths {
        let (module, item) = path.rsplit_once("::").unwrap_or(("crate", path));
        modules.entry(module).or_default().push(item);
    }
    modules
        .into_iter()
        .map(|(module, items)| match items.as_slice() {
            [one] => format!("use {module}::{one};"),
            many => format!("use {module}::{{{}}};", many.join(", ")),
        })
        .collect()
}

fn render_item(out: &mut String, item: &Item) {
    match item {
        Item::Struct {
            name,
            doc,
            fields,
            special,
        } => {
            out.push_str("api_struct! {\n");
            docs::write(out, 4, doc);
            let _ = writeln!(out, "    pub struct {name} {{");
            for (i, field) in fields.iter().enumerate() {
                docs::write(out, 8, &field.doc);
                let end = if i + 1 == fields.len() && !special.is_empty() {
                    ";"
                } else {
                    ","
                };
                let _ = writeln!(
                    out,
                    "        {} \"{}\": {}{end}",
                    field.rust, field.json, field.ty
                );
            }
            for field in special {
                out.push('\n');
                docs::write(out, 8, field.doc);
                let _ = writeln!(out, "        {}: {},", field.field, field.ty);
            }
            out.push_str("    }\n}\n");
        }
        Item::Enum {
            name,
            doc,
            what,
            values,
            default,
        } => {
            out.push_str("api_enum! {\n");
            docs::write(out, 4, doc);
            let _ = writeln!(out, "    pub enum {name} (\"{what}\") {{");
            for value in values {
                let _ = writeln!(out, "        /// `{value}`.");
                let _ = writeln!(out, "        {} = \"{value}\",", names::variant(value));
            }
            out.push_str("    }\n}\n");
            if let Some((value, why)) = default {
                let _ = write!(
                    out,
                    "\nimpl Default for {name} {{\n    /// `{value}`, {why}.\n    fn default() -> Self {{\n        Self::{}\n    }}\n}}\n",
                    names::variant(value)
                );
            }
        }
    }
}

/// Formats the file as `cargo fmt` would (it leaves the macro bodies as written).
fn rustfmt(text: &str) -> Result<String, String> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new("rustfmt")
        .current_dir(crate::workspace())
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("rustfmt: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("rustfmt: no stdin")?
        .write_all(text.as_bytes())
        .map_err(|e| format!("rustfmt: {e}"))?;
    let output = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "rustfmt rejected the generated code: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("rustfmt: {e}"))
}
