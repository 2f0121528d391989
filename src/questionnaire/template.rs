//! The blank questionnaire `mlops-kit init` writes: every question with a comment saying what it
//! asks, the allowed values and why it matters, filled with sensible defaults.
//!
//! One template, `template.yaml`, in every language: a comment line `#= id` stands for message
//! `id` of `locales/<lang>/questionnaire.ftl`, written as comment lines at the same indentation,
//! and `«id»` in a value for a sample answer. Keys, allowed values and commented YAML examples are
//! the file format and stay as they are.

use crate::i18n::{Language, t};

/// Where editors find the questionnaire's JSON Schema (the `yaml-language-server` modeline): a file
/// next to the questionnaire, written by `mlops-kit schema > questionnaire.schema.json`. No network.
pub const SCHEMA_URL: &str = "./questionnaire.schema.json";

/// The schema's `$id`: a stable name for version 1 of the format.
pub const SCHEMA_ID: &str = "urn:mlops-kit:questionnaire:v1";

/// The template's source, with message markers.
const SOURCE: &str = include_str!("template.yaml");

/// The commented template (YAML) in `lang`. Outside English it answers `client.language` too, so
/// the assessment and the kit made from it speak the language the comments do.
#[must_use]
pub fn template(lang: Language) -> String {
    let mut out = String::with_capacity(SOURCE.len() + SOURCE.len() / 4);
    for line in SOURCE.lines() {
        let body = line.trim_start();
        // A marker may sit inside a commented-out block (`#   #= id`): its prefix is kept.
        let marker = line
            .find("#= ")
            .filter(|&at| line[..at].chars().all(|c| c == ' ' || c == '#'));
        if let Some(at) = marker {
            let indent = &line[..at];
            let id = &line[at + 3..];
            for text in t(lang, id.trim_end()).lines() {
                out.push_str(indent);
                out.push('#');
                if !text.is_empty() {
                    out.push(' ');
                    out.push_str(text);
                }
                out.push('\n');
            }
        } else if body == "# language: en" && lang != Language::En {
            out.push_str(&line[..line.len() - body.len()]);
            out.push_str("language: ");
            out.push_str(lang.code());
            out.push('\n');
        } else {
            out.push_str(&sample_answers(lang, line));
            out.push('\n');
        }
    }
    out
}

/// `line` with every `«id»` replaced by message `id`.
fn sample_answers(lang: Language, line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find('«') {
        let after = &rest[start + '«'.len_utf8()..];
        let Some(end) = after.find('»') else { break };
        out.push_str(&rest[..start]);
        out.push_str(&t(lang, &after[..end]));
        rest = &after[end + '»'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::*;

    /// The template in every language.
    fn templates() -> Vec<(Language, String)> {
        Language::ALL.iter().map(|&l| (l, template(l))).collect()
    }

    #[test]
    fn template_starts_with_the_schema_modeline() {
        let first = format!("# yaml-language-server: $schema={SCHEMA_URL}");
        for (lang, text) in templates() {
            assert_eq!(text.lines().next(), Some(first.as_str()), "{lang}");
        }
        let first = first.as_str();
        for example in crate::questionnaire::examples::EXAMPLES {
            assert!(
                example.yaml.starts_with(first),
                "{} has the same modeline",
                example.name
            );
        }
    }

    #[test]
    fn template_validates_without_warnings() {
        for (lang, text) in templates() {
            let loaded = crate::questionnaire::load_str("template.yaml", &text)
                .unwrap_or_else(|invalid| panic!("the {lang} template must validate:\n{invalid}"));
            assert!(loaded.warnings.is_empty(), "{lang}: {:?}", loaded.warnings);
            // The Portuguese template answers its language, so what is made from it speaks it.
            assert_eq!(loaded.questionnaire.language(), lang);
        }
    }

    #[test]
    fn english_and_portuguese_differ_only_in_comments_and_sample_answers() {
        let en = template(Language::En);
        let pt = template(Language::PtBr);
        assert!(en.lines().count() > 300);
        let keys = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .map(|l| l.split(':').next().unwrap_or_default().to_owned())
                .collect()
        };
        let (en_keys, pt_keys) = (keys(&en), keys(&pt));
        // The only extra key line: `language: pt-BR` under `client`.
        assert_eq!(pt_keys.len(), en_keys.len() + 1);
        assert!(pt.contains("\n  language: pt-BR\n"));
        assert!(pt.contains("# Quem é o cliente."));
        assert!(pt.contains("use_case: Prever quais clientes"));
        // Commented YAML examples stay the file format, untranslated.
        assert!(pt.contains("  #   - { kind: cloud_sql, project_id: example-core"));
        assert!(!pt.contains("#= ") && !pt.contains('«'));
    }

    /// Every property name anywhere in the schema, following `$defs`.
    fn property_names(schema: &Value, out: &mut BTreeSet<String>) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    out.extend(props.keys().cloned());
                }
                for value in map.values() {
                    property_names(value, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| property_names(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_schema_property_appears_in_the_template() {
        let mut names = BTreeSet::new();
        property_names(crate::questionnaire::structure::schema(), &mut names);
        assert!(
            names.len() > 80,
            "the schema lists {} properties",
            names.len()
        );
        let text = template(Language::En);
        let missing: Vec<&String> = names
            .iter()
            .filter(|name| {
                let plain = format!("{name}:");
                !text.lines().any(|line| {
                    let line = line.trim_start().trim_start_matches(['#', '-', ' ']);
                    line.starts_with(&plain)
                        || line.contains(&format!("{{ {plain}"))
                        || line.contains(&format!(", {plain}"))
                })
            })
            .collect();
        assert!(missing.is_empty(), "not in the template: {missing:?}");
    }

    /// Every allowed value of every choice, anywhere in the schema.
    fn choice_values(schema: &Value, out: &mut BTreeSet<String>) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::String(c)) = map.get("const") {
                    out.insert(c.clone());
                }
                if let Some(Value::Array(values)) = map.get("enum") {
                    out.extend(values.iter().filter_map(Value::as_str).map(str::to_owned));
                }
                map.values().for_each(|v| choice_values(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| choice_values(v, out)),
            _ => {}
        }
    }

    #[test]
    fn the_template_lists_every_allowed_value() {
        let mut values = BTreeSet::new();
        choice_values(crate::questionnaire::structure::schema(), &mut values);
        let text = template(Language::En);
        let words: BTreeSet<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .collect();
        let missing: Vec<&String> = values
            .iter()
            // A value with a hyphen (`pt-BR`) is not one word of the split.
            .filter(|v| {
                !(words.contains(v.as_str()) || (v.contains('-') && text.contains(v.as_str())))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "allowed values not explained in the template: {missing:?}"
        );
    }

    #[test]
    fn every_question_has_a_comment_above_it() {
        for (_, text) in templates() {
            every_key_has_a_comment_above_it(&text);
        }
    }

    fn every_key_has_a_comment_above_it(text: &str) {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate().skip(1) {
            let trimmed = line.trim_start();
            let is_key = trimmed.split_once(':').is_some_and(|(key, _)| {
                !key.is_empty()
                    && key.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'
                    })
            });
            if is_key && !trimmed.starts_with('#') {
                let above = lines[..i]
                    .iter()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .map(|l| l.trim_start());
                assert!(
                    above.is_some_and(|l| l.starts_with('#')),
                    "line {}: `{trimmed}` has no comment above it",
                    i + 1
                );
            }
        }
    }
}
