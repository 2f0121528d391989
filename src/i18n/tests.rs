//! The catalogues agree: every message exists in every language with the same placeholders, and
//! every message id the code and the blueprints use is defined.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::{Language, has, sources};

/// Variables (`$name`) a pattern uses, including in selectors and variants.
fn variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        _ => {}
    }
}

/// Every message of a language: id → (file, variables it uses).
fn messages(lang: Language) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut out = BTreeMap::new();
    for (file, text) in sources(lang) {
        let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(_, errs)| {
            panic!("locales/{}/{file} does not parse: {errs:?}", lang.code())
        });
        for entry in resource.body {
            if let Entry::Message(ast::Message {
                id,
                value: Some(value),
                ..
            }) = entry
            {
                let mut vars = BTreeSet::new();
                variables(&value, &mut vars);
                let previous = out.insert(id.name.to_owned(), (file.to_owned(), vars));
                assert!(
                    previous.is_none(),
                    "message `{}` is defined twice in locales/{}",
                    id.name,
                    lang.code()
                );
            }
        }
    }
    out
}

#[test]
fn every_message_exists_in_every_language_with_the_same_placeholders() {
    let english = messages(Language::En);
    assert!(english.len() > 100, "{} English messages", english.len());
    for lang in Language::ALL {
        let other = messages(lang);
        let missing: Vec<&String> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "locales/{}: missing {missing:?}, not in English {extra:?}",
            lang.code()
        );
        for (id, (file, vars)) in &english {
            let (other_file, other_vars) = &other[id];
            assert_eq!(
                vars,
                other_vars,
                "message `{id}`: placeholders differ between locales/en/{file} and locales/{}/{other_file}",
                lang.code()
            );
            assert_eq!(
                file, other_file,
                "message `{id}` lives in the same file name"
            );
        }
    }
}

/// Literal message ids in the code (`t(l, "id")`, `tr(l, "id", ...)`, `t(lang, "id")`) and in the
/// blueprints (`t(key="id"`).
fn ids_used() -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["src", "blueprints"] {
        for entry in walkdir::WalkDir::new(root.join(dir)) {
            let entry = entry.expect("source tree is readable");
            // This file names the markers themselves.
            if !entry.file_type().is_file() || entry.path().ends_with("src/i18n/tests.rs") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let name = entry.path().display().to_string();
            for marker in [
                "t(l, \"",
                "tr(l, \"",
                "t(lang, \"",
                "tr(lang, \"",
                "t(key=\"",
                "both(lang, \"",
                "both_with(lang, \"",
                "both(l, \"",
                "both_with(l, \"",
            ] {
                for (at, _) in text.match_indices(marker) {
                    let rest = &text[at + marker.len()..];
                    let id: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    if rest[id.len()..].starts_with('"') && !id.is_empty() {
                        out.insert((id, name.clone()));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_id_the_code_and_blueprints_use_is_defined() {
    let used = ids_used();
    assert!(used.len() > 80, "found {} ids in use", used.len());
    for lang in Language::ALL {
        let undefined: Vec<&(String, String)> =
            used.iter().filter(|(id, _)| !has(lang, id)).collect();
        assert!(
            undefined.is_empty(),
            "used but not in locales/{}: {undefined:?}",
            lang.code()
        );
    }
}

#[test]
fn plural_selectors_follow_the_language() {
    let days = |lang, count: u32| {
        super::tr(
            lang,
            "ops-model-lives-text",
            &[("days", super::n(count)), ("folder", super::s("models/m/"))],
        )
    };
    assert!(days(Language::En, 1).contains("after\n1 day) into"));
    assert!(days(Language::En, 30).contains("after\n30 days) into"));
    assert!(days(Language::PtBr, 1).contains("depois de\n1 dia) para"));
    assert!(days(Language::PtBr, 30).contains("depois de\n30 dias) para"));
}

#[test]
fn codes_round_trip() {
    for lang in Language::ALL {
        assert_eq!(Language::from_code(lang.code()), Some(lang));
    }
    assert_eq!(Language::from_code("pt-br"), None);
}

/// The text a reader sees of every Portuguese message: text elements and variant texts, with code
/// spans (between backticks) removed.
fn portuguese_prose() -> Vec<(String, String)> {
    fn collect(pattern: &Pattern<&str>, out: &mut String) {
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => out.push_str(value),
                PatternElement::Placeable {
                    expression: Expression::Select { variants, .. },
                } => {
                    for v in variants {
                        collect(&v.value, out);
                        out.push(' ');
                    }
                }
                PatternElement::Placeable { .. } => out.push(' '),
            }
        }
    }
    let mut out = Vec::new();
    for (file, text) in sources(Language::PtBr) {
        // The questionnaire's comments list its allowed values (`drift`, `schedule`), which are
        // the file format and stay English.
        if file == "questionnaire.ftl" {
            continue;
        }
        let resource = fluent_syntax::parser::parse(text).expect("parses (tested above)");
        for entry in resource.body {
            if let Entry::Message(ast::Message {
                id,
                value: Some(value),
                ..
            }) = entry
            {
                let mut prose = String::new();
                collect(&value, &mut prose);
                let mut plain = String::new();
                for (i, part) in prose.split('`').enumerate() {
                    if i % 2 == 0 {
                        plain.push_str(part);
                    }
                }
                // Allowed values (`never_deployed`) are the file format, not prose.
                let words: Vec<&str> = plain
                    .split_whitespace()
                    .filter(|w| !w.contains('_'))
                    .collect();
                out.push((id.name.to_owned(), words.join(" ")));
            }
        }
    }
    out
}

/// The bullet list under `heading` in locales/pt-BR/GLOSSARY.md.
fn glossary_list(heading: &str) -> Vec<String> {
    let glossary = super::LOCALES
        .get_file("pt-BR/GLOSSARY.md")
        .and_then(|f| f.contents_utf8())
        .expect("locales/pt-BR/GLOSSARY.md is embedded");
    let section = glossary
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("GLOSSARY.md has a `## {heading}` section"));
    section
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_portuguese_catalogue_keeps_the_glossary() {
    let prose = portuguese_prose();
    assert!(prose.len() > 250, "{} Portuguese messages", prose.len());
    let avoided = glossary_list("Termos que não aparecem");
    assert!(avoided.len() >= 8);
    for (id, text) in &prose {
        let lower = text.to_lowercase();
        for term in &avoided {
            let found = lower
                .match_indices(term.as_str())
                .any(|(at, _)| !lower[..at].ends_with(|c: char| c.is_alphanumeric()));
            assert!(
                !found,
                "message `{id}` uses `{term}`, which the glossary translates: {text}"
            );
        }
    }
    let all: String = prose
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for term in glossary_list("Termos obrigatórios") {
        assert!(
            all.contains(&term),
            "the catalogue never uses the glossary term `{term}`"
        );
    }
}
