//! The YAML emitter of the pipeline specs. The KFP SDK writes specs with PyYAML (keys sorted, block
//! style, sequences flush with their key); printing them the same way keeps the kit's specs in the
//! form reviewers know from compiled pipelines, and stable from one generation to the next.

use serde_json::{Map, Value};

/// Prints a JSON value as block-style YAML the way the KFP SDK writes specs: mapping keys sorted,
/// sequences not indented under their key, strings plain when unambiguous and quoted otherwise.
#[must_use]
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_seq(&mut out, items, 0),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn is_block(value: &Value) -> bool {
    match value {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    }
}

fn write_map(out: &mut String, map: &Map<String, Value>, indent: usize) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    for (i, key) in keys.into_iter().enumerate() {
        // The first key of a map inside a sequence item sits on the `- ` line.
        if i > 0 || indent == 0 || !out.ends_with("- ") {
            out.push_str(&" ".repeat(indent));
        }
        write_entry(out, key, &map[key], indent);
    }
}

fn write_entry(out: &mut String, key: &str, value: &Value, indent: usize) {
    out.push_str(&string_scalar(key));
    out.push(':');
    match value {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            write_map(out, m, indent + 2);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            write_seq(out, a, indent);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn write_seq(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        match item {
            Value::Object(m) if is_block(item) => write_map(out, m, indent + 2),
            Value::Array(a) if is_block(item) => {
                out.push('\n');
                write_seq(out, a, indent + 2);
            }
            other => {
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
                    format!("{f:.1}")
                } else {
                    n.to_string()
                }
            } else {
                n.to_string()
            }
        }
        Value::String(s) => string_scalar(s),
        Value::Array(_) => "[]".to_owned(),
        Value::Object(_) => "{}".to_owned(),
    }
}

/// A YAML string scalar: plain when it cannot be read as anything else, single-quoted when it has
/// no line breaks or control characters, double-quoted (JSON escapes) otherwise.
fn string_scalar(s: &str) -> String {
    if is_plain_safe(s) {
        return s.to_owned();
    }
    if s.chars().all(|c| !c.is_control()) {
        return format!("'{}'", s.replace('\'', "''"));
    }
    serde_json::to_string(s).unwrap_or_else(|_| unreachable!("a str always serializes"))
}

fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || "_-./@=+".contains(c) || c == ':';
    if !s.chars().all(allowed) || s.ends_with(':') || s.contains("::") {
        return false;
    }
    // Indicators that cannot start a plain scalar, and starts that read as numbers.
    if "@.+=:".contains(first) || first.is_ascii_digit() {
        return false;
    }
    if first == '-'
        && !s
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
    {
        return false;
    }
    // YAML 1.1 booleans and nulls that PyYAML resolves.
    let lower = s.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null" | "~"
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn yaml_quotes_what_would_read_as_another_type() {
        for s in [
            "true",
            "No",
            "null",
            "1.0",
            "0x1F",
            "-1",
            ".inf",
            "2026-01-01",
            "",
            "a: b",
            "x #y",
        ] {
            assert_ne!(string_scalar(s), s, "{s} must be quoted");
        }
        for s in [
            "--type",
            "comp-train",
            "python",
            "gs://bucket/x",
            "system.Model",
            "-m",
        ] {
            assert_eq!(string_scalar(s), s);
        }
        assert_eq!(
            string_scalar("{{$.inputs.parameters['x']}}"),
            "'{{$.inputs.parameters[''x'']}}'"
        );
        assert_eq!(string_scalar("a\nb"), "\"a\\nb\"");
    }

    #[test]
    fn yaml_blocks_follow_the_sdk_layout() {
        let v = json!({"b": [1, {"y": 2, "x": [true]}], "a": {}, "c": {"d": 1.0, "e": []}});
        assert_eq!(
            to_yaml(&v),
            "a: {}\nb:\n- 1\n- x:\n  - true\n  'y': 2\nc:\n  d: 1.0\n  e: []\n"
        );
    }
}
