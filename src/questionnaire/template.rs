//! The blank questionnaire `mlops-kit init` writes: every question with a comment saying what it
//! asks, the allowed values and why it matters, filled with sensible defaults.

/// Where editors find the questionnaire's JSON Schema (the `yaml-language-server` modeline): a file
/// next to the questionnaire, written by `mlops-kit schema > questionnaire.schema.json`. No network.
pub const SCHEMA_URL: &str = "./questionnaire.schema.json";

/// The schema's `$id`: a stable name for version 1 of the format.
pub const SCHEMA_ID: &str = "urn:mlops-kit:questionnaire:v1";

/// The commented template (YAML).
pub const TEMPLATE: &str = include_str!("template.yaml");

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::*;

    #[test]
    fn template_starts_with_the_schema_modeline() {
        let first = TEMPLATE.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            format!("# yaml-language-server: $schema={SCHEMA_URL}")
        );
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
        let loaded = crate::questionnaire::load_str("template.yaml", TEMPLATE)
            .unwrap_or_else(|invalid| panic!("the template must validate:\n{invalid}"));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
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
        let missing: Vec<&String> = names
            .iter()
            .filter(|name| {
                let plain = format!("{name}:");
                !TEMPLATE.lines().any(|line| {
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
        let words: BTreeSet<&str> = TEMPLATE
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .collect();
        let missing: Vec<&String> = values
            .iter()
            // A value with a hyphen (`pt-BR`) is not one word of the split.
            .filter(|v| {
                !(words.contains(v.as_str()) || (v.contains('-') && TEMPLATE.contains(v.as_str())))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "allowed values not explained in the template: {missing:?}"
        );
    }

    #[test]
    fn every_question_has_a_comment_above_it() {
        let lines: Vec<&str> = TEMPLATE.lines().collect();
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
