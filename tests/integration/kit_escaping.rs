//! Free-text answers may hold quotes, `${`, `%{`, `{{`, backslashes and newlines: the questionnaire
//! accepts them (they are names and sentences), so every file of a generated kit must still parse in
//! its own syntax with the text escaped. This test renders whole kits from hostile answers and parses
//! every file with the parser of its kind.

use super::common::render;
use std::path::Path;
use std::process::Command;

use mlops_kit::questionnaire::{Questionnaire, examples, load_str};

const HOSTILE: &str = "Ação \"Q\" 'single' ${var.x} %{ if true }{% endif %} {{ kit.client.slug }} {{$.inputs.parameters['x']}} \\ back\nsecond line $(id) `id` |pipe| <b>bold</b> # hash";

fn hostile(example: &str) -> Questionnaire {
    let yaml = examples::require(example).unwrap().yaml;
    let mut q = load_str(example, yaml).unwrap().questionnaire;
    HOSTILE.clone_into(&mut q.client.name);
    HOSTILE.clone_into(&mut q.client.contact.name);
    HOSTILE.clone_into(&mut q.business.use_case);
    HOSTILE.clone_into(&mut q.business.decision);
    if let Some(kpi) = q.business.kpi.as_mut() {
        HOSTILE.clone_into(&mut kpi.name);
        HOSTILE.clone_into(&mut kpi.unit);
        kpi.owner = Some(HOSTILE.to_owned());
    }
    q
}

fn has_extension(path: &str, extensions: &[&str]) -> bool {
    Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e))
}

#[test]
fn hostile_answers_pass_validation_as_free_text() {
    let q = hostile("retail-startup");
    let text = serde_json::to_string(&q).unwrap();
    let loaded = load_str("hostile.json", &text);
    assert!(loaded.is_ok(), "{}", loaded.unwrap_err());
}

#[test]
fn every_kit_file_still_parses_with_hostile_free_text() {
    for example in ["retail-startup", "fintech-regulated", "industrial-onprem"] {
        let kit = render(&hostile(example));
        let tmp = tempfile::tempdir().unwrap();
        for (path, text) in &kit {
            let ext = Path::new(path)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("");
            match ext {
                "tf" | "tfvars" => {
                    hcl::parse(text).unwrap_or_else(|e| panic!("{example}: {path}: {e}"));
                }
                "json" => {
                    serde_json::from_str::<serde_json::Value>(text)
                        .unwrap_or_else(|e| panic!("{example}: {path}: {e}"));
                }
                "yaml" | "yml" => {
                    marked_yaml::parse_yaml(0, text.as_str())
                        .unwrap_or_else(|e| panic!("{example}: {path}: {e}"));
                }
                "md" => {
                    // A raw newline from an answer would break a heading, list item or table row.
                    assert!(
                        !text.contains("\nsecond line"),
                        "{example}: {path}: raw newline"
                    );
                    assert!(!text.contains("<b>bold</b>"), "{example}: {path}: raw HTML");
                }
                _ => {}
            }
            // A template engine must never evaluate text that came from an answer: wherever the
            // answer lands, its `{{ kit.client.slug }}` is still there as text.
            if text.contains("Ação") {
                assert!(
                    text.contains("kit.client.slug"),
                    "{example}: {path}: answer text was rendered as a template"
                );
            }
            let dest = tmp.path().join(path);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::write(&dest, text).unwrap();
        }
        let py = Command::new("python3")
            .args(["-m", "compileall", "-q", "."])
            .current_dir(tmp.path())
            .output()
            .expect("python3 runs");
        assert!(
            py.status.success(),
            "{example}: Python files no longer compile:\n{}",
            String::from_utf8_lossy(&py.stdout)
        );
        for path in kit.keys().filter(|p| has_extension(p, &["sh"])) {
            let sh = Command::new("bash")
                .arg("-n")
                .arg(tmp.path().join(path))
                .output()
                .unwrap();
            assert!(
                sh.status.success(),
                "{example}: {path}: {}",
                String::from_utf8_lossy(&sh.stderr)
            );
        }
    }
}

#[test]
fn terraform_interpolation_in_answers_stays_literal() {
    let kit = render(&hostile("fintech-regulated"));
    let mut found = false;
    for (path, text) in kit
        .iter()
        .filter(|(p, _)| has_extension(p, &["tf", "tfvars"]))
    {
        for (needle, escape) in [("${var.x}", '$'), ("%{ if true }", '%')] {
            for (at, _) in text.match_indices(needle) {
                found = true;
                assert!(
                    at > 0 && text[..at].ends_with(escape),
                    "{path}: the answer's `{needle}` would be evaluated by Terraform"
                );
            }
        }
    }
    assert!(
        found,
        "the hostile client name should reach some Terraform string"
    );
}
