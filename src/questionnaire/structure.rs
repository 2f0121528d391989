//! Structural checks: the parsed file against the JSON Schema derived from the types in
//! [`super::model`], reporting every unknown key, missing answer, wrong type and bad choice at once
//! (serde would stop at the first), each with what is allowed and a "did you mean" suggestion.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use super::diagnostic::Sink;
use super::model::Questionnaire;

/// The JSON Schema of the questionnaire, generated from the Rust types.
///
/// # Panics
///
/// Never: a schemars schema always serializes to JSON.
#[must_use]
pub fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::to_value(schemars::schema_for!(Questionnaire))
            .expect("invariant: a schemars schema always serializes to JSON")
    })
}

fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::validator_for(schema())
            .expect("invariant: the generated schema is a valid JSON Schema")
    })
}

/// Checks `value` against the schema; returns whether it is structurally valid.
pub fn check(value: &Value, sink: &mut Sink<'_>) -> bool {
    let before = sink.diagnostics.len();
    let errors: Vec<ValidationError<'_>> = validator().iter_errors(value).collect();
    // A misspelt required key shows up twice: as an unknown key and as a missing one. The unknown
    // key's "did you mean" says it all, so the missing-key error is dropped.
    let misspelt = misspelt_keys(&errors, value);
    for error in &errors {
        if let ValidationErrorKind::Required { property } = error.kind() {
            let parent = field_path(error.instance_path().as_str(), value);
            if property
                .as_str()
                .is_some_and(|p| misspelt.contains(&(parent, p.to_owned())))
            {
                continue;
            }
        }
        report(error, value, sink);
    }
    check_integer_widths(value, "", value, sink);
    sink.diagnostics.len() == before
}

/// JSON Schema validators ignore `format: uint32`; a count beyond it would only fail later, in
/// serde, without a location.
fn check_integer_widths(node: &Value, pointer: &str, root: &Value, sink: &mut Sink<'_>) {
    match node {
        Value::Object(map) => {
            for (key, child) in map {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                check_integer_widths(child, &format!("{pointer}/{escaped}"), root, sink);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                check_integer_widths(child, &format!("{pointer}/{i}"), root, sink);
            }
        }
        Value::Number(n) => {
            let schema = schema_at(root, pointer);
            let too_big = n.as_u64().is_some_and(|v| v > u64::from(u32::MAX));
            if too_big && schema.get("format").and_then(Value::as_str) == Some("uint32") {
                sink.error(
                    &field_path(pointer, root),
                    format!(
                        "`{n}` is too large: the largest allowed value is {}",
                        u32::MAX
                    ),
                    description(schema).unwrap_or_else(|| "use a smaller number".to_owned()),
                );
            }
        }
        _ => {}
    }
}

/// (field path of a mapping, allowed key) for every unknown key that looks like a typo of it.
fn misspelt_keys(errors: &[ValidationError<'_>], root: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for error in errors {
        if let ValidationErrorKind::AdditionalProperties { unexpected } = error.kind() {
            let pointer = error.instance_path().as_str();
            let schema = schema_at(root, pointer);
            let allowed: Vec<&str> = schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            for key in unexpected {
                if let Some(s) = suggest(key, allowed.iter().copied()) {
                    out.push((field_path(pointer, root), s.to_owned()));
                }
            }
        }
    }
    out
}

/// A short description of a value for messages: its type and, for scalars, the value itself.
#[must_use]
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing (an empty value)".to_owned(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the text `{}`", shorten(s)),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

fn shorten(s: &str) -> String {
    let escaped = s.escape_debug().to_string();
    if escaped.chars().count() > 60 {
        format!("{}...", escaped.chars().take(57).collect::<String>())
    } else {
        escaped
    }
}

/// Converts a JSON pointer into a field path (`/gcp/environments/1` → `gcp.environments[1]`).
fn field_path(pointer: &str, root: &Value) -> String {
    let mut path = String::new();
    let mut node = Some(root);
    for raw in pointer.split('/').skip(1) {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        match node {
            Some(Value::Array(items)) => {
                let index: usize = segment.parse().unwrap_or(0);
                path.push('[');
                path.push_str(&segment);
                path.push(']');
                node = items.get(index);
            }
            other => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&segment);
                node = other.and_then(|v| v.get(&segment));
            }
        }
    }
    path
}

fn value_at<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        Some(root)
    } else {
        root.pointer(pointer)
    }
}

fn child_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// Follows `$ref`s and picks the branch of an optional (`anyOf [x, null]`) or tagged (`oneOf` with
/// a `kind` constant) schema that applies to `instance`.
fn resolve<'s>(mut schema: &'s Value, instance: Option<&Value>) -> &'s Value {
    for _ in 0..16 {
        if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
            let pointer = target.trim_start_matches('#');
            match self::schema().pointer(pointer) {
                Some(s) => {
                    schema = s;
                    continue;
                }
                None => return schema,
            }
        }
        if let Some(b) = schema
            .get("anyOf")
            .and_then(Value::as_array)
            .and_then(|branches| {
                branches
                    .iter()
                    .find(|b| b.get("type").and_then(Value::as_str) != Some("null"))
            })
        {
            schema = b;
            continue;
        }
        if let Some(branch) = tagged_branch(schema, instance) {
            schema = branch;
            continue;
        }
        return schema;
    }
    schema
}

/// For a `oneOf` of objects told apart by their `kind` constant, the branch matching the instance.
fn tagged_branch<'s>(schema: &'s Value, instance: Option<&Value>) -> Option<&'s Value> {
    let kind = instance?.get("kind")?.as_str()?;
    schema
        .get("oneOf")?
        .as_array()?
        .iter()
        .find(|b| b.pointer("/properties/kind/const").and_then(Value::as_str) == Some(kind))
}

/// The schema of the value at `pointer` in `root`.
fn schema_at(root: &Value, pointer: &str) -> &'static Value {
    let mut schema = resolve(schema(), Some(root));
    let mut node = Some(root);
    for raw in pointer.split('/').skip(1) {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        let (next_schema, next_node) = match node {
            Some(Value::Array(items)) => (
                schema.get("items"),
                segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            ),
            other => (
                schema
                    .get("properties")
                    .and_then(|p| p.get(&segment))
                    .or_else(|| schema.get("additionalProperties").filter(|a| a.is_object())),
                other.and_then(|v| v.get(&segment)),
            ),
        };
        let Some(s) = next_schema else {
            return &Value::Null;
        };
        node = next_node;
        schema = resolve(s, node);
    }
    schema
}

/// Allowed string values when the schema is a choice among constants.
fn choices(schema: &Value) -> Option<Vec<String>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(
            values
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        );
    }
    let branches = schema.get("oneOf")?.as_array()?;
    branches
        .iter()
        .map(|b| b.get("const").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// Kinds of a tagged union (`kind: bigquery`, ...).
fn tag_choices(schema: &Value) -> Option<Vec<String>> {
    let branches = schema.get("oneOf")?.as_array()?;
    branches
        .iter()
        .map(|b| {
            b.pointer("/properties/kind/const")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .collect()
}

/// The closest allowed word to `found`, if it is close enough to be a likely typo.
#[must_use]
pub fn suggest<'a>(found: &str, allowed: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found_lower = found.to_ascii_lowercase().replace(['-', ' '], "_");
    allowed
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&found_lower, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

fn list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn type_name(schema: &Value) -> String {
    let names: Vec<&str> = match schema.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => Vec::new(),
    };
    let words: Vec<&str> = names
        .iter()
        .map(|n| match *n {
            "integer" => "a whole number",
            "number" => "a number",
            "string" => "a text value",
            "boolean" => "`true` or `false`",
            "array" => "a list",
            "object" => "a mapping",
            other => other,
        })
        .collect();
    if words.is_empty() {
        "a value".to_owned()
    } else {
        words.join(" or ")
    }
}

fn description(schema: &Value) -> Option<String> {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(|d| d.replace('\n', " "))
}

fn report(error: &ValidationError<'_>, root: &Value, sink: &mut Sink<'_>) {
    let pointer = error.instance_path().as_str().to_owned();
    let path = field_path(&pointer, root);
    let instance = value_at(root, &pointer);
    let schema = schema_at(root, &pointer);
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed: Vec<String> = schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            for key in unexpected {
                let key_path = child_path(&path, key);
                let loc = sink.locate_key(&key_path);
                let help = match suggest(key, allowed.iter().map(String::as_str)) {
                    Some(s) => format!(
                        "did you mean `{s}`? the keys allowed here are {}",
                        list(&allowed)
                    ),
                    None => format!("the keys allowed here are {}", list(&allowed)),
                };
                sink.push_at(
                    super::diagnostic::Severity::Error,
                    loc,
                    &key_path,
                    format!("unknown key `{key}`"),
                    Some(help),
                );
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let property_schema = schema.get("properties").and_then(|p| p.get(name));
            let what = property_schema.and_then(description).unwrap_or_default();
            let where_ = if path.is_empty() {
                "the file".to_owned()
            } else {
                format!("`{path}`")
            };
            let expected = property_schema
                .map(|s| resolve(s, None))
                .map(type_name)
                .unwrap_or_default();
            // A missing top-level section is reported at the start of the file.
            let loc = if path.is_empty() {
                super::diagnostic::Location { line: 1, column: 1 }
            } else {
                sink.locate_key(&path)
            };
            sink.push_at(
                super::diagnostic::Severity::Error,
                loc,
                &child_path(&path, name),
                format!("missing required key `{name}` in {where_} (expected {expected})"),
                Some(if what.is_empty() {
                    "add it; `mlops-kit init` shows every key with an explanation".to_owned()
                } else {
                    format!("add it: {what}")
                }),
            );
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            report_choice(schema, instance, &path, context, root, sink);
        }
        ValidationErrorKind::Type { kind } => {
            if let Some(allowed) = choices(schema) {
                bad_choice(instance, &path, &allowed, sink);
                return;
            }
            let expected = match kind {
                TypeKind::Single(_) | TypeKind::Multiple(_) => type_name(schema),
            };
            let found = instance.map_or_else(|| "nothing".to_owned(), describe);
            let help = match (instance, schema.get("type").and_then(Value::as_str)) {
                (Some(Value::Number(_) | Value::Bool(_)), Some("string")) => {
                    "put the value in quotes to make it text".to_owned()
                }
                (Some(Value::String(s)), Some("boolean"))
                    if ["yes", "no", "on", "off", "y", "n"]
                        .contains(&s.to_ascii_lowercase().as_str()) =>
                {
                    format!("write `true` or `false`; `{s}` is text in YAML 1.2")
                }
                _ => description(schema).unwrap_or_else(|| "see `mlops-kit schema`".to_owned()),
            };
            sink.error(&path, format!("expected {expected}, found {found}"), help);
        }
        // Naming rules (patterns, lengths, email format) are checked by `validate` with messages
        // that say what the name is for; the schema carries them for editors.
        ValidationErrorKind::Pattern { .. }
        | ValidationErrorKind::MinLength { .. }
        | ValidationErrorKind::MaxLength { .. }
        | ValidationErrorKind::Format { .. } => {}
        ValidationErrorKind::Minimum { .. }
        | ValidationErrorKind::ExclusiveMinimum { .. }
        | ValidationErrorKind::Maximum { .. }
        | ValidationErrorKind::ExclusiveMaximum { .. }
            if super::validate::has_range_rule(&super::validate::path_pattern(&path)) => {}
        ValidationErrorKind::MinItems { limit } => {
            let entry = if *limit == 1 { "entry" } else { "entries" };
            sink.error(
                &path,
                format!("this list is empty; at least {limit} {entry} is needed"),
                description(schema).unwrap_or_else(|| "add an entry".to_owned()),
            );
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => {
            let found = instance.map_or_else(|| "nothing".to_owned(), describe);
            sink.error(
                &path,
                format!(
                    "expected {} of at least {limit}, found {found}",
                    type_name(schema)
                ),
                description(schema).unwrap_or_else(|| "use a positive number".to_owned()),
            );
        }
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            let found = instance.map_or_else(|| "nothing".to_owned(), describe);
            sink.error(
                &path,
                format!(
                    "expected {} of at most {limit}, found {found}",
                    type_name(schema)
                ),
                description(schema).unwrap_or_else(|| "use a smaller number".to_owned()),
            );
        }
        ValidationErrorKind::Constant { .. } | ValidationErrorKind::Enum { .. } => {
            let allowed = choices(schema).unwrap_or_default();
            bad_choice(instance, &path, &allowed, sink);
        }
        _ => {
            sink.error(
                &path,
                error.to_string(),
                "see `mlops-kit schema` for the allowed shape",
            );
        }
    }
}

fn report_choice(
    schema: &Value,
    instance: Option<&Value>,
    path: &str,
    context: &[Vec<ValidationError<'static>>],
    root: &Value,
    sink: &mut Sink<'_>,
) {
    // An optional value (`anyOf [x, null]`) that is present: report what is wrong with x.
    let raw = raw_schema_at(root, path_pointer(root, path).as_str());
    let present = raw
        .get("anyOf")
        .and_then(Value::as_array)
        .and_then(|branches| {
            branches
                .iter()
                .position(|b| b.get("type").and_then(Value::as_str) != Some("null"))
        });
    if let Some(errors) = present.and_then(|i| context.get(i)) {
        for e in errors {
            report(e, root, sink);
        }
        return;
    }
    if let Some(allowed) = choices(raw).or_else(|| choices(schema)) {
        bad_choice(instance, path, &allowed, sink);
        return;
    }
    let schema = if raw.get("oneOf").is_some() {
        raw
    } else {
        schema
    };
    let Some(kinds) = tag_choices(schema) else {
        sink.error(
            path,
            "this value does not match any allowed shape",
            "see `mlops-kit schema`",
        );
        return;
    };
    let Some(Value::Object(object)) = instance else {
        let found = instance.map_or_else(|| "nothing".to_owned(), describe);
        sink.error(
            path,
            format!("expected a mapping with a `kind` key, found {found}"),
            format!("`kind` is one of {}", list(&kinds)),
        );
        return;
    };
    match object.get("kind") {
        None => {
            let loc = sink.locate_key(path);
            sink.push_at(
                super::diagnostic::Severity::Error,
                loc,
                &child_path(path, "kind"),
                format!("missing required key `kind` (one of {})", list(&kinds)),
                Some(
                    "`kind` says which sort of entry this is and which other keys it takes"
                        .to_owned(),
                ),
            );
        }
        Some(kind) => {
            let branches = schema
                .get("oneOf")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let index = kind.as_str().and_then(|k| {
                branches.iter().position(|b| {
                    b.pointer("/properties/kind/const").and_then(Value::as_str) == Some(k)
                })
            });
            match index.and_then(|i| context.get(i)) {
                Some(errors) => {
                    for e in errors {
                        report(e, root, sink);
                    }
                }
                None => bad_choice(Some(kind), &child_path(path, "kind"), &kinds, sink),
            }
        }
    }
}

/// The schema at a pointer without resolving the last step's `anyOf`/`oneOf`.
fn raw_schema_at(root: &Value, pointer: &str) -> &'static Value {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return schema();
    };
    let parent_schema = schema_at(root, parent);
    let last = last.replace("~1", "/").replace("~0", "~");
    let raw = if parent_schema.get("items").is_some() && last.parse::<usize>().is_ok() {
        parent_schema.get("items")
    } else {
        parent_schema.get("properties").and_then(|p| p.get(&last))
    };
    let mut s = raw.unwrap_or(&Value::Null);
    // Follow plain references only.
    while let Some(target) = s.get("$ref").and_then(Value::as_str) {
        match schema().pointer(target.trim_start_matches('#')) {
            Some(next) => s = next,
            None => break,
        }
    }
    s
}

/// Converts a field path back into a JSON pointer.
fn path_pointer(root: &Value, path: &str) -> String {
    let _ = root;
    let mut pointer = String::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next() {
            pointer.push('/');
            pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
        }
        for index in pieces {
            pointer.push('/');
            pointer.push_str(index.trim_end_matches(']'));
        }
    }
    pointer
}

fn bad_choice(instance: Option<&Value>, path: &str, allowed: &[String], sink: &mut Sink<'_>) {
    match instance {
        Some(Value::String(found)) => {
            let help = match suggest(found, allowed.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("write one of {}", list(allowed)),
            };
            sink.error(
                path,
                format!(
                    "`{}` is not allowed here; expected one of {}",
                    shorten(found),
                    list(allowed)
                ),
                help,
            );
        }
        other => {
            let found = other.map_or_else(|| "nothing".to_owned(), describe);
            sink.error(
                path,
                format!("expected one of {}, found {found}", list(allowed)),
                format!("write one of {}", list(allowed)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        assert_eq!(
            suggest("regoin", ["region", "environments"]),
            Some("region")
        );
        assert_eq!(suggest("xyz", ["region", "environments"]), None);
        assert_eq!(
            suggest("financial-services", ["retail", "financial_services"]),
            Some("financial_services")
        );
    }

    #[test]
    fn pointers_become_field_paths() {
        let root =
            serde_json::json!({"gcp": {"environments": [{"name": "dev"}, {"project_id": "x"}]}});
        assert_eq!(
            field_path("/gcp/environments/1/project_id", &root),
            "gcp.environments[1].project_id"
        );
        assert_eq!(
            path_pointer(&root, "gcp.environments[1].project_id"),
            "/gcp/environments/1/project_id"
        );
    }
}
