//! `mlops-kit assess`: the reports of the three embedded examples in every format (snapshots), and
//! the command's behaviour on invalid input and existing output files.

use super::common::{run, stderr, stdout};

use mlops_kit::assess::{BlockerId, assess, to_html, to_json, to_markdown};
use mlops_kit::questionnaire::{examples, load_str};

const EXAMPLES: [&str; 3] = ["retail-startup", "fintech-regulated", "industrial-onprem"];

fn questionnaire(name: &str) -> mlops_kit::questionnaire::Questionnaire {
    let ex = examples::find(name).expect("example exists");
    load_str(name, ex.yaml)
        .expect("example is valid")
        .questionnaire
}

#[test]
fn reports_of_the_examples() {
    for name in EXAMPLES {
        for format in ["markdown", "json", "html"] {
            let out = run(&["assess", "--example", name, "--format", format]);
            assert!(out.status.success(), "{name} {format}: {}", stderr(&out));
            let text = stdout(&out);
            assert!(
                text.ends_with('\n') && !text.ends_with("\n\n"),
                "{name} {format}: one trailing newline"
            );
            assert!(!text.contains('\r'));
            insta::assert_snapshot!(format!("assess_{name}_{format}"), text);
        }
    }
}

#[test]
fn markdown_is_the_default_format_and_matches_the_library() {
    for name in EXAMPLES {
        let out = run(&["assess", "--example", name]);
        assert!(out.status.success());
        assert_eq!(stdout(&out), to_markdown(&assess(&questionnaire(name))));
    }
}

#[test]
fn output_is_deterministic() {
    for name in EXAMPLES {
        let a = assess(&questionnaire(name));
        let b = assess(&questionnaire(name));
        assert_eq!(a, b);
        assert_eq!(to_json(&a), to_json(&b));
        assert_eq!(to_html(&a), to_html(&b));
        assert_eq!(to_markdown(&a), to_markdown(&b));
    }
}

#[test]
fn examples_levels_and_blockers() {
    let cases = [
        ("retail-startup", 0, 0, vec![]),
        ("fintech-regulated", 1, 2, vec![]),
        (
            "industrial-onprem",
            0,
            0,
            vec![BlockerId::DataNotInCloud, BlockerId::NonTabularMonitoring],
        ),
    ];
    for (name, google, microsoft, blockers) in cases {
        let a = assess(&questionnaire(name));
        assert_eq!(a.google_level, google, "{name}");
        assert_eq!(a.microsoft_level, microsoft, "{name}");
        assert_eq!(
            a.blockers.iter().map(|b| b.id).collect::<Vec<_>>(),
            blockers,
            "{name}"
        );
        assert_eq!(a.dimensions.len(), 8);
        assert!(!a.next_google_gaps.is_empty());
    }
}

#[test]
fn json_is_valid_and_keeps_its_key_order() {
    let out = run(&[
        "assess",
        "--example",
        "fintech-regulated",
        "--format",
        "json",
    ]);
    let text = stdout(&out);
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "language",
            "client",
            "slug",
            "dimensions",
            "google_level",
            "microsoft_level",
            "next_google_gaps",
            "next_microsoft_gaps",
            "google_gates",
            "microsoft_gates",
            "blockers",
            "roadmap",
            "business"
        ]
    );
    assert_eq!(value["google_level"], 1);
    let industrial = stdout(&run(&[
        "assess",
        "--example",
        "industrial-onprem",
        "--format",
        "json",
    ]));
    let value: serde_json::Value = serde_json::from_str(&industrial).expect("valid JSON");
    assert_eq!(value["blockers"][0]["id"], "data_not_in_cloud");
    assert_eq!(value["blockers"][1]["id"], "non_tabular_monitoring");
}

#[test]
fn hostile_free_text_is_escaped_in_every_format() {
    let ex = examples::find("retail-startup").expect("example exists");
    let yaml = ex
        .yaml
        .replace(
            "name: Loja Rápida Online",
            "name: \"<script>alert('x')</script> | # \\\"Loja\\\"\\n## injected\"",
        )
        .replace(
            "use_case: Predict which subscribers will cancel in the next 30 days",
            "use_case: \"</td></tr><img src=x onerror=alert(1)>\"",
        );
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("hostile.yaml");
    std::fs::write(&file, yaml).expect("write the questionnaire");
    let file = file.to_str().expect("UTF-8 path");

    let html = run(&["assess", file, "--format", "html"]);
    assert!(html.status.success(), "{}", stderr(&html));
    let html = stdout(&html);
    assert!(
        !html.contains("<script") && !html.contains("<img") && !html.contains("</td></tr><img")
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));

    let md = stdout(&run(&["assess", file]));
    assert!(md.starts_with("# MLOps maturity assessment: &lt;script&gt;alert('x')&lt;/script&gt; \\| # \"Loja\" ## injected\n"));
    assert!(!md.contains("\n## injected"));

    let json = stdout(&run(&["assess", file, "--format", "json"]));
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(
        value["client"],
        "<script>alert('x')</script> | # \"Loja\"\n## injected"
    );
}

#[test]
fn invalid_questionnaire_prints_diagnostics_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("broken.yaml");
    std::fs::write(&file, "version: 1\nclient: [unclosed\n").expect("write");
    let out = run(&["assess", file.to_str().expect("UTF-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).is_empty(),
        "no report for an invalid questionnaire"
    );
    let err = stderr(&out);
    assert!(err.contains("broken.yaml"), "{err}");
    assert!(err.contains("error"), "{err}");
}

#[test]
fn unknown_example_is_an_error() {
    let out = run(&["assess", "--example", "no-such-client"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("retail-startup"),
        "lists the examples that exist"
    );
}

#[test]
fn output_file_is_written_and_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.html");
    let p = path.to_str().expect("UTF-8 path");
    let out = run(&[
        "assess",
        "--example",
        "retail-startup",
        "--format",
        "html",
        "-o",
        p,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let written = std::fs::read_to_string(&path).expect("report written");
    assert_eq!(written, to_html(&assess(&questionnaire("retail-startup"))));

    std::fs::write(&path, "the client's own notes").expect("write");
    let out = run(&["assess", "--example", "fintech-regulated", "-o", p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "the client's own notes"
    );
}

fn fixture(rel: &str) -> String {
    format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}

/// A generative questionnaire (the support-assistant fixture) with its evaluation set removed.
fn generative_without_evaluation_set() -> String {
    let text =
        std::fs::read_to_string(fixture("valid/genai-support.yaml")).expect("fixture exists");
    let mut without = String::new();
    for line in text.lines().filter(|l| {
        !l.trim_start().starts_with("dataset: gs://") && !l.trim_start().starts_with("size:")
    }) {
        without.push_str(line);
        without.push('\n');
    }
    assert_ne!(text, without, "the fixture answers an evaluation set");
    without
}

#[test]
fn a_generative_questionnaire_without_an_evaluation_set_names_the_blocker() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("support.yaml");
    std::fs::write(&path, generative_without_evaluation_set()).expect("write");
    let out = run(&[
        "assess",
        path.to_str().expect("utf-8 path"),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON report");
    let ids: Vec<&str> = report["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .filter_map(|b| b["id"].as_str())
        .collect();
    assert!(ids.contains(&"no_evaluation_set"), "{ids:?}");
    let markdown = stdout(&run(&["assess", path.to_str().expect("utf-8 path")]));
    assert!(markdown.contains("No evaluation data set"), "{markdown}");
    assert!(
        markdown.contains("Build the evaluation set"),
        "the roadmap starts by building it: {markdown}"
    );
    // With the set answered, the blocker is gone.
    let with = run(&[
        "assess",
        fixture("valid/genai-support.yaml").as_str(),
        "--format",
        "json",
    ]);
    assert!(!stdout(&with).contains("no_evaluation_set"));
}

#[test]
fn generate_gives_a_generative_questionnaire_its_own_kit_not_a_tabular_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kit = dir.path().join("kit");
    let out = run(&[
        "generate",
        fixture("valid/genai-support.yaml").as_str(),
        "-o",
        kit.to_str().expect("utf-8 path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for present in [
        "prompts/system.md",
        "src/genai_app/gate.py",
        "pipelines/evaluation_pipeline.yaml",
        "cloudbuild/ci-evaluation.yaml",
        "docker/genai-components/Dockerfile",
        "terraform/modules/platform/generative.tf",
    ] {
        assert!(kit.join(present).is_file(), "{present}");
    }
    for absent in [
        "src/ml_pipeline",
        "docker/trainer",
        "pipelines/training_pipeline.yaml",
        "cloudbuild/ct.yaml",
    ] {
        assert!(!kit.join(absent).exists(), "{absent}");
    }
}
