//! Reading a questionnaire file into [`Questionnaire`], keeping the line and column of every value so
//! that every error can point at the answer that caused it.
//!
//! The pipeline: size and encoding checks on the raw bytes; JSON syntax check with serde_json (its
//! errors carry line and column); YAML parsing with marked-yaml into a tree with spans, converted to
//! a `serde_json::Value` plus an index from field path (`gcp.environments[1].project_id`) to location;
//! the version gate ([`migrate`]); every structural problem at once against the JSON Schema derived
//! from the types ([`super::structure`]); the checks of single answers (naming, ranges, injection)
//! and, once the structure is sound, the typed model's cross-field rules and warnings
//! ([`super::validate`]).

use std::io::Read;
use std::path::Path;

use marked_yaml::{LoadError, LoaderOptions, Node};
use serde_json::Value;

use super::diagnostic::{self, Diagnostic, Severity, Sink};
pub use super::diagnostic::{Invalid, Location, SpanIndex};
use super::model::{CURRENT_VERSION, Questionnaire};

/// Largest questionnaire accepted, in bytes. Real questionnaires are a few kilobytes; anything near
/// this is a wrong file, and refusing it early keeps parsing time and memory bounded.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A questionnaire read successfully, with its warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The answers.
    pub questionnaire: Questionnaire,
    /// Legal but risky answers.
    pub warnings: Vec<Diagnostic>,
}

const START_HELP: &str = "a questionnaire is a YAML or JSON text file; start from `mlops-kit init`";

/// Reads and checks a questionnaire file.
pub fn load_path(path: &Path) -> Result<Loaded, Invalid> {
    let name = path.display().to_string();
    let cannot_read = |err: std::io::Error| {
        Invalid::whole_file(
            &name,
            format!("cannot read the file: {err}"),
            "check the path",
        )
    };
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let mut bytes = Vec::new();
    // Read at most one byte past the limit: a huge or endless file is never loaded whole.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&name));
    }
    if bytes.contains(&0) {
        return Err(binary(&name));
    }
    match String::from_utf8(bytes) {
        Ok(text) => load_str(&name, &text),
        Err(err) => Err(Invalid::whole_file(
            &name,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {}); is it a binary file?",
                err.utf8_error().valid_up_to()
            ),
            START_HELP,
        )),
    }
}

fn too_large(origin: &str) -> Invalid {
    Invalid::whole_file(
        origin,
        format!(
            "the file is larger than {MAX_FILE_BYTES} bytes (1 MiB); a questionnaire is a few kilobytes"
        ),
        "check that this is the questionnaire and not a data export",
    )
}

fn binary(origin: &str) -> Invalid {
    Invalid::whole_file(
        origin,
        "the file contains NUL bytes: it is a binary file, not a questionnaire",
        START_HELP,
    )
}

/// Reads and checks questionnaire text; `origin` names it in diagnostics.
pub fn load_str(origin: &str, text: &str) -> Result<Loaded, Invalid> {
    let source = text.strip_prefix('\u{feff}').unwrap_or(text);
    match load_text(origin, text) {
        Ok(mut loaded) => {
            diagnostic::attach_excerpts(&mut loaded.warnings, source);
            Ok(loaded)
        }
        Err(mut invalid) => {
            if text.len() as u64 <= MAX_FILE_BYTES {
                diagnostic::attach_excerpts(&mut invalid.diagnostics, source);
            }
            Err(invalid)
        }
    }
}

fn load_text(origin: &str, text: &str) -> Result<Loaded, Invalid> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(origin));
    }
    if text.contains('\0') {
        return Err(binary(origin));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Invalid::whole_file(
            origin,
            "the file is empty (no answers, only blank lines or comments)",
            "fill in the template that `mlops-kit init` writes",
        ));
    }
    if looks_like_json(origin, text) {
        check_json_syntax(origin, text)?;
    } else if let Some(line) = second_document(text) {
        return Err(Invalid {
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                file: origin.to_owned(),
                line,
                column: 1,
                path: String::new(),
                message: "a second YAML document starts here; a questionnaire is one document and the rest would be ignored".to_owned(),
                help: Some("remove this line and what follows, or merge those answers into the first document".to_owned()),
                excerpt: None,
            }],
        });
    }
    let (value, spans) = parse_tree(origin, text)?;
    let mut sink = Sink::new(origin, &spans);
    let Some(value) = migrate(value, &mut sink) else {
        return Err(finish(sink.diagnostics));
    };
    let structure_ok = super::structure::check(&value, &mut sink);
    super::validate::check_answers(&value, &mut sink);
    let questionnaire = if structure_ok {
        match serde_json::from_value::<Questionnaire>(value) {
            Ok(q) => {
                super::validate::check_model(&q, &mut sink);
                Some(q)
            }
            Err(err) => {
                sink.error(
                    "",
                    format!("the answers do not fit the questionnaire: {err}"),
                    "compare with `mlops-kit init` output",
                );
                None
            }
        }
    } else {
        None
    };
    let mut diagnostics = sink.diagnostics;
    diagnostic::sort(&mut diagnostics);
    match questionnaire {
        Some(questionnaire) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Loaded {
            questionnaire,
            warnings: diagnostics,
        }),
        _ => Err(finish(diagnostics)),
    }
}

fn finish(mut diagnostics: Vec<Diagnostic>) -> Invalid {
    diagnostic::sort(&mut diagnostics);
    Invalid { diagnostics }
}

/// Brings a parsed questionnaire of any known format version to the current one.
///
/// Today only version 1 exists, so this checks the `version` answer and returns the value unchanged.
/// A later format adds its conversion step here (version N to N+1, applied in turn), so that old
/// files keep loading. Returns `None` after reporting why the file cannot be read by this build.
pub fn migrate(value: Value, sink: &mut Sink<'_>) -> Option<Value> {
    let Some(object) = value.as_object() else {
        sink.error(
            "",
            "the file must be a mapping of sections (`version:`, `client:`, ...)",
            START_HELP,
        );
        return None;
    };
    let help_current = format!("write `version: {CURRENT_VERSION}` as the first answer");
    match object.get("version") {
        None => {
            sink.error(
                "",
                "missing `version`: the questionnaire format version is required",
                help_current,
            );
            None
        }
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v == u64::from(CURRENT_VERSION) => Some(value),
            Some(v) if v > u64::from(CURRENT_VERSION) => {
                sink.error(
                    "version",
                    format!(
                        "this questionnaire uses format version {v}: it was written by a newer mlops-kit; this build ({}) reads version {CURRENT_VERSION}",
                        crate::VERSION
                    ),
                    "upgrade mlops-kit to read it",
                );
                None
            }
            _ => {
                sink.error(
                    "version",
                    format!("format version `{n}` does not exist; versions start at 1 and this build reads version {CURRENT_VERSION}"),
                    help_current,
                );
                None
            }
        },
        Some(other) => {
            sink.error(
                "version",
                format!(
                    "`version` must be a whole number, found {}",
                    super::structure::describe(other)
                ),
                help_current,
            );
            None
        }
    }
}

/// Line (1-based) where a second YAML document starts: a `---` marker after the first document's
/// content, or content after a `...` end marker. At column 1 these markers always delimit
/// documents, even inside block or quoted scalars, so a line scan is exact.
fn second_document(text: &str) -> Option<usize> {
    let is_marker = |line: &str, m: &str| {
        line.strip_prefix(m)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    };
    let mut content = false;
    let mut ended = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with('%') {
            continue;
        }
        if is_marker(line, "---") {
            if content || ended {
                return Some(i + 1);
            }
            let rest = line[3..].trim();
            content = !rest.is_empty() && !rest.starts_with('#');
        } else if is_marker(line, "...") {
            ended = true;
        } else if ended {
            return Some(i + 1);
        } else {
            content = true;
        }
    }
    None
}

fn looks_like_json(origin: &str, text: &str) -> bool {
    let is_json_name = Path::new(origin)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    is_json_name || text.trim_start().starts_with('{')
}

fn check_json_syntax(origin: &str, text: &str) -> Result<(), Invalid> {
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => Ok(()),
        Err(err) => {
            let mut message = err.to_string();
            if let Some(i) = message.find(" at line ") {
                message.truncate(i);
            }
            Err(Invalid {
                diagnostics: vec![Diagnostic {
                    severity: Severity::Error,
                    file: origin.to_owned(),
                    line: err.line(),
                    column: err.column(),
                    path: String::new(),
                    message: format!("this is not valid JSON: {message}"),
                    help: Some(
                        "check for a missing comma or quote, or a trailing comma, just before this position".to_owned(),
                    ),
                    excerpt: None,
                }],
            })
        }
    }
}

/// Parses YAML or JSON text into a JSON value and the location of every field path.
pub fn parse_tree(origin: &str, text: &str) -> Result<(Value, SpanIndex), Invalid> {
    let options = LoaderOptions::default()
        .error_on_duplicate_keys(true)
        .prevent_coercion(true);
    let node = marked_yaml::parse_yaml_with_options(0, text, options)
        .map_err(|err| yaml_error(origin, &err))?;
    let mut spans = SpanIndex::new();
    let value = to_json(&node, "", &mut spans);
    // Problems with the file as a whole point at its start.
    spans.insert(String::new(), Location { line: 1, column: 1 });
    Ok((value, spans))
}

fn yaml_error(origin: &str, err: &LoadError) -> Invalid {
    let at = |m: &marked_yaml::Marker| (m.line(), m.column());
    let ((line, column), message, help) = match err {
        LoadError::TopLevelMustBeMapping(m) => (
            at(m),
            "the file must be a mapping of sections (`version:`, `client:`, ...), not a list or a single value"
                .to_owned(),
            START_HELP.to_owned(),
        ),
        LoadError::DuplicateKey(inner) => {
            let first = inner.prev_key.span().start().map_or((0, 0), at);
            let second = inner.key.span().start().map_or((0, 0), at);
            (
                second,
                format!(
                    "duplicate key `{}`: it was already given at line {}, column {}",
                    inner.key.as_str(),
                    first.0,
                    first.1
                ),
                "keep one of the two answers".to_owned(),
            )
        }
        LoadError::ScanError(m, e) if e.info().contains("recursion limit") => (
            at(m),
            "the values are nested too deeply; a questionnaire is only a few levels deep".to_owned(),
            START_HELP.to_owned(),
        ),
        LoadError::ScanError(m, e) => (
            at(m),
            format!("this is not valid YAML: {}", e.info()),
            "check indentation, colons and quotes at this position (quote values that contain `: ` or start with a special character)"
                .to_owned(),
        ),
        LoadError::UnexpectedAnchor(m) => (
            at(m),
            "YAML anchors and aliases are not supported in a questionnaire".to_owned(),
            "write the value out in full".to_owned(),
        ),
        LoadError::UnexpectedTag(m) => (
            at(m),
            "YAML tags (`!tag`) are not supported in a questionnaire".to_owned(),
            "remove the tag; write plain values".to_owned(),
        ),
        LoadError::MappingKeyMustBeScalar(m) => (
            at(m),
            "a mapping key must be a plain name, not a list or mapping".to_owned(),
            "check the indentation of this line".to_owned(),
        ),
        LoadError::TopLevelMustBeSequence(m) => (
            at(m),
            "the file must be a mapping of sections (`version:`, `client:`, ...)".to_owned(),
            START_HELP.to_owned(),
        ),
    };
    Invalid {
        diagnostics: vec![Diagnostic {
            severity: Severity::Error,
            file: origin.to_owned(),
            line,
            column,
            path: String::new(),
            message,
            help: Some(help),
            excerpt: None,
        }],
    }
}

fn location(node: &Node) -> Location {
    node.span()
        .start()
        .map(|m| Location {
            line: m.line(),
            column: m.column(),
        })
        .unwrap_or_default()
}

fn to_json(node: &Node, path: &str, spans: &mut SpanIndex) -> Value {
    // A mapping's own span starts at its first value; its first key is where a reader looks.
    let first_key = match node {
        Node::Mapping(map) => map.keys().next().and_then(|k| k.span().start()),
        _ => None,
    };
    let loc = first_key.map_or_else(
        || location(node),
        |m| Location {
            line: m.line(),
            column: m.column(),
        },
    );
    spans.insert(path.to_owned(), loc);
    match node {
        Node::Scalar(s) => scalar(s),
        Node::Sequence(seq) => Value::Array(
            seq.iter()
                .enumerate()
                .map(|(i, n)| to_json(n, &format!("{path}[{i}]"), spans))
                .collect(),
        ),
        Node::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (key, child) in map.iter() {
                let key_text = key.as_str().to_owned();
                let child_path = if path.is_empty() {
                    key_text.clone()
                } else {
                    format!("{path}.{key_text}")
                };
                if let Some(m) = key.span().start() {
                    spans.insert(
                        format!("{child_path}#key"),
                        Location {
                            line: m.line(),
                            column: m.column(),
                        },
                    );
                }
                out.insert(key_text, to_json(child, &child_path, spans));
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
    let looks_numeric = text
        .bytes()
        .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && text.bytes().any(|b| b.is_ascii_digit());
    if looks_numeric && let Ok(f) = text.parse::<f64>() {
        return serde_json::Number::from_f64(f)
            .map_or(Value::String(text.to_owned()), Value::Number);
    }
    Value::String(text.to_owned())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::questionnaire::examples::EXAMPLES;

    fn check_no_panic_and_errors_located(origin: &str, text: &str) {
        if let Err(invalid) = load_str(origin, text) {
            assert!(
                invalid.error_count() > 0,
                "an invalid file has an error:\n{invalid}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
            check_no_panic_and_errors_located("fuzz.yaml", &text);
            check_no_panic_and_errors_located("fuzz.json", &text);
        }

        /// Replaces the value of one answer of each example with arbitrary printable text: this
        /// reaches every later check (structure, naming, cross-field) with hostile values.
        #[test]
        fn edited_answers_never_panic(line in 0usize..200, value in "[ -~]{0,30}") {
            for example in EXAMPLES {
                let lines: Vec<&str> = example.yaml.lines().collect();
                let i = line % lines.len();
                let edited: Vec<String> = lines
                    .iter()
                    .enumerate()
                    .map(|(j, l)| match l.split_once(": ") {
                        Some((key, _)) if j == i => format!("{key}: {value}"),
                        _ => (*l).to_owned(),
                    })
                    .collect();
                check_no_panic_and_errors_located(example.name, &edited.join("\n"));
            }
        }
    }

    #[test]
    fn a_second_yaml_document_is_an_error() {
        let example = EXAMPLES[0].yaml;
        for (extra, line_offset) in [("---\nversion: 1\n", 1), ("...\nclient: x\n", 2)] {
            let text = format!("{example}{extra}");
            let err = load_str("two.yaml", &text).unwrap_err();
            let first = &err.diagnostics[0];
            assert!(first.message.contains("second YAML document"), "{err}");
            assert_eq!(first.line, example.lines().count() + line_offset, "{err}");
        }
        // A leading `---`, a trailing `...` and `---` inside a value are one document.
        assert!(load_str("one.yaml", &format!("---\n{example}...\n")).is_ok());
        assert!(second_document("a: |\n  ---x\nb: '--- not a marker'\n").is_none());
    }

    #[test]
    fn every_embedded_example_loads() {
        for example in EXAMPLES {
            let loaded = load_str(example.name, example.yaml);
            assert!(loaded.is_ok(), "{}: {}", example.name, loaded.unwrap_err());
        }
    }
}
