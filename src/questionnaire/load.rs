//! Reading a questionnaire file into [`Questionnaire`], keeping the line and column of every value so
//! that every error can point at the answer that caused it.
//!
//! YAML (and JSON, which is YAML too) is parsed with marked-yaml into a tree with spans, converted to a
//! `serde_json::Value` plus an index from field path (`gcp.environments[1].project_id`) to location,
//! then deserialized into the typed model.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use marked_yaml::{LoaderOptions, Node};
use serde_json::Value;

use super::model::Questionnaire;

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// Legal but risky.
    Warning,
}

/// One error or warning about a questionnaire, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// File name as given by the user.
    pub file: String,
    /// 1-based line (0 when the problem is the whole file).
    pub line: usize,
    /// 1-based column (0 when the problem is the whole file).
    pub column: usize,
    /// Field path, e.g. `gcp.environments[1].project_id` (empty for the whole file).
    pub path: String,
    /// What is wrong: what was found and what would be valid.
    pub message: String,
    /// How to fix it, when there is more to say than the message.
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// The file could not be used; every problem found is listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// Errors (at least one) and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Invalid {}

/// A questionnaire read successfully, with its warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The answers.
    pub questionnaire: Questionnaire,
    /// Legal but risky answers.
    pub warnings: Vec<Diagnostic>,
}

/// Line and column of a value in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Field path → location of the value (and, under `path#key`, of the mapping key).
pub type SpanIndex = BTreeMap<String, Location>;

/// Reads and checks a questionnaire file.
pub fn load_path(path: &Path) -> Result<Loaded, Invalid> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => load_str(&name, &text),
            Err(_) => Err(whole_file(
                &name,
                "the file is not UTF-8 text (is it a binary file?)",
                "a questionnaire is a YAML or JSON text file; start from `mlops-kit init`",
            )),
        },
        Err(err) => Err(whole_file(&name, &format!("cannot read the file: {err}"), "check the path")),
    }
}

/// Reads and checks questionnaire text; `origin` names it in diagnostics.
pub fn load_str(origin: &str, text: &str) -> Result<Loaded, Invalid> {
    let (value, _spans) = parse_tree(origin, text)?;
    match serde_json::from_value::<Questionnaire>(value) {
        Ok(questionnaire) => Ok(Loaded { questionnaire, warnings: Vec::new() }),
        Err(err) => Err(whole_file(origin, &err.to_string(), "compare with `mlops-kit init` output")),
    }
}

/// Parses YAML or JSON text into a JSON value and the location of every field path.
pub fn parse_tree(origin: &str, text: &str) -> Result<(Value, SpanIndex), Invalid> {
    let options = LoaderOptions::default().error_on_duplicate_keys(true).prevent_coercion(true);
    let node = marked_yaml::parse_yaml_with_options(0, text, options).map_err(|err| {
        whole_file(origin, &format!("this is not valid YAML: {err}"), "fix the syntax at that position")
    })?;
    let mut spans = SpanIndex::new();
    let value = to_json(&node, String::new(), &mut spans);
    Ok((value, spans))
}

fn location(node: &Node) -> Location {
    node.span()
        .start()
        .map(|m| Location { line: m.line(), column: m.column() })
        .unwrap_or_default()
}

fn to_json(node: &Node, path: String, spans: &mut SpanIndex) -> Value {
    spans.insert(path.clone(), location(node));
    match node {
        Node::Scalar(s) => scalar(s),
        Node::Sequence(seq) => Value::Array(
            seq.iter().enumerate().map(|(i, n)| to_json(n, format!("{path}[{i}]"), spans)).collect(),
        ),
        Node::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (key, child) in map.iter() {
                let key_text = key.as_str().to_owned();
                let child_path =
                    if path.is_empty() { key_text.clone() } else { format!("{path}.{key_text}") };
                if let Some(m) = key.span().start() {
                    spans.insert(
                        format!("{child_path}#key"),
                        Location { line: m.line(), column: m.column() },
                    );
                }
                out.insert(key_text, to_json(child, child_path, spans));
            }
            Value::Object(out)
        }
    }
}

/// YAML 1.2 core-schema typing of a plain scalar; quoted scalars stay strings.
fn scalar(s: &marked_yaml::types::MarkedScalarNode) -> Value {
    let text = s.as_str();
    if !s.may_coerce() {
        return Value::String(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Ok(i) = text.parse::<i64>() {
        return Value::from(i);
    }
    let looks_numeric = text.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && text.bytes().any(|b| b.is_ascii_digit());
    if looks_numeric && let Ok(f) = text.parse::<f64>() {
        return serde_json::Number::from_f64(f).map_or(Value::String(text.to_owned()), Value::Number);
    }
    Value::String(text.to_owned())
}

fn whole_file(origin: &str, message: &str, help: &str) -> Invalid {
    Invalid {
        diagnostics: vec![Diagnostic {
            severity: Severity::Error,
            file: origin.to_owned(),
            line: 0,
            column: 0,
            path: String::new(),
            message: message.to_owned(),
            help: Some(help.to_owned()),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::examples::EXAMPLES;

    #[test]
    fn every_embedded_example_loads() {
        for example in EXAMPLES {
            let loaded = load_str(example.name, example.yaml);
            assert!(loaded.is_ok(), "{}: {}", example.name, loaded.unwrap_err());
        }
    }
}
