//! The generative workload (issue 11): its files for both approaches, free of any tabular or
//! from-scratch training code, and its Python tests (the release gate on both sides of the
//! threshold, the computation-based metrics really computed, logging with redaction) run offline
//! against fakes of the Vertex AI clients with the Python the CI machine has.

use std::path::Path;
use std::process::Command;

use mlops_kit::blueprints::BlueprintSource;
use mlops_kit::questionnaire::{Questionnaire, load_str};
use mlops_kit::render::{Files, render_generative_workload};

fn fixture_text() -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/valid/genai-support.yaml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture exists")
}

fn load(text: &str) -> Questionnaire {
    match load_str("genai.yaml", text) {
        Ok(loaded) => loaded.questionnaire,
        Err(invalid) => panic!("the questionnaire is valid:\n{invalid}"),
    }
}

/// The support assistant (approach `prompt`, retrieval, personal data redacted).
fn prompt_approach() -> Questionnaire {
    load(&fixture_text())
}

/// The same client tuning `gemini-2.5-flash` on its examples, judged on computation-based metrics
/// and tool calls, logging nothing.
fn tuning_approach() -> Questionnaire {
    let text = fixture_text()
        .replace(
            "  approach: prompt\n",
            "  approach: supervised_tuning\n  tuning_dataset: gs://casaaurora-genai-eval/support/train.jsonl\n",
        )
        .replace(
            "  retrieval:\n    documents: gs://casaaurora-helpcenter/articles/\n",
            "",
        )
        .replace(
            "      - { metric: groundedness, threshold: 0.9 }\n",
            "      - { metric: exact_match, threshold: 0.2 }\n      - { metric: tool_name_match, threshold: 0.9 }\n      - { metric: bleu, threshold: 0.3 }\n",
        )
        .replace("    prompts_and_responses: true\n", "    prompts_and_responses: false\n");
    let q = load(&text);
    assert!(
        q.generative
            .as_ref()
            .is_some_and(|g| g.tuning_dataset.is_some())
    );
    q
}

fn render(q: &Questionnaire) -> Files {
    render_generative_workload(q, &BlueprintSource::Embedded)
        .expect("renders")
        .expect("a generative questionnaire has a generative workload")
}

fn write(files: &Files, dir: &Path) {
    for (path, contents) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(target, contents).expect("write");
    }
}

#[test]
fn a_trained_model_has_no_generative_workload() {
    let q = mlops_kit::questionnaire::examples::load("retail-startup").expect("example");
    assert!(
        render_generative_workload(&q, &BlueprintSource::Embedded)
            .expect("renders")
            .is_none()
    );
}

#[test]
fn no_generative_file_holds_tabular_or_from_scratch_training_code() {
    // What the tabular kit's training code is made of: its step modules, frameworks and calls.
    let tabular = [
        "train.py",
        "import torch",
        "xgboost",
        "sklearn",
        "tensorflow",
        ".fit(",
        "target_column",
        "drift_threshold",
        "ml_pipeline",
        "bag-of-words",
        "CountVectorizer",
    ];
    for (name, q) in [("prompt", prompt_approach()), ("tuning", tuning_approach())] {
        let files = render(&q);
        assert!(
            files.contains_key("prompts/system.md"),
            "{name}: versioned prompts"
        );
        assert!(
            files.contains_key("src/genai_app/gate.py"),
            "{name}: the release gate"
        );
        for (path, contents) in &files {
            for marker in tabular {
                assert!(
                    !path.contains(marker) && !contents.contains(marker),
                    "{name}: {path} holds `{marker}`"
                );
            }
        }
    }
}

#[test]
fn the_gate_config_carries_every_answered_threshold() {
    let files = render(&prompt_approach());
    let config = &files["src/genai_app/config.py"];
    for line in [
        "Threshold(\"groundedness\", minimum=0.9, low=0.0, high=1.0)",
        "Threshold(\"tone_of_voice\", minimum=4.0, low=1.0, high=5.0)",
        "(\"tone_of_voice\", \"custom_rubric\", False)",
        "(\"rouge_l_sum\", \"rouge_l_sum\", True)",
        "MAX_REGRESSION = 0.02",
        "REDACT_PERSONAL_DATA = True",
        "BASE_MODEL = \"gemini-2.5-flash\"",
    ] {
        assert!(config.contains(line), "missing `{line}` in:\n{config}");
    }
}

/// Runs the workload's own tests with the machine's Python (standard library only: the Vertex AI
/// SDKs are imported where used, and the tests use fakes).
fn run_python_tests(q: &Questionnaire) {
    let dir = tempfile::tempdir().expect("temp dir");
    write(&render(q), dir.path());
    let out = Command::new("python3")
        .args([
            "-m", "unittest", "discover", "-s", "tests", "-t", "tests", "-v",
        ])
        .env("PYTHONPATH", "src:tests")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .current_dir(dir.path())
        .output()
        .expect("python3 runs (the CI machine has Python 3.11)");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the workload's Python tests fail:\n{report}"
    );
    // The decisive tests ran (on both sides of the threshold), none was skipped.
    for test in [
        "test_promotes_at_and_above_the_thresholds",
        "test_refuses_just_below_a_threshold_and_says_which",
        "test_the_clients_gate_holds_exactly_at_its_thresholds",
        "test_a_candidate_below_the_threshold_is_not",
        "test_a_better_candidate_is_promoted",
        "test_rouge_values_on_a_known_pair",
    ] {
        assert!(report.contains(test), "{test} did not run:\n{report}");
    }
    assert!(!report.contains("skipped"), "{report}");
}

#[test]
fn the_prompt_workloads_python_tests_pass_offline() {
    run_python_tests(&prompt_approach());
}

#[test]
fn the_tuning_workloads_python_tests_pass_offline() {
    run_python_tests(&tuning_approach());
}

#[test]
fn the_kit_model_names_the_generative_pipelines_and_their_image() {
    use mlops_kit::kit::generative::resolve;
    let keys = |q: &Questionnaire| -> Vec<String> {
        resolve(q)
            .expect("generative")
            .pipelines
            .iter()
            .map(|p| p.key.clone())
            .collect()
    };
    // Prompt approach, logging on, model-based metrics: evaluation and the traffic evaluation.
    assert_eq!(
        keys(&prompt_approach()),
        ["evaluation", "traffic_evaluation"]
    );
    // Tuning, nothing logged: evaluation and tuning, no traffic to sample.
    assert_eq!(keys(&tuning_approach()), ["evaluation", "tuning"]);

    let w = resolve(&tuning_approach()).expect("generative");
    // The training (last) environment's registry, like the tabular trainer image, tagged `main`.
    assert_eq!(
        w.components_image_ref,
        "southamerica-east1-docker.pkg.dev/casaaurora-genai-prod/casaaurora-images/genai-components:main"
    );
    for p in &w.pipelines {
        assert_eq!(p.file, format!("pipelines/{}_pipeline.yaml", p.key));
        assert!(p.name.starts_with("casaaurora-genai-"), "{}", p.name);
        for name in ["project_id", "region"] {
            assert!(
                p.parameters.iter().any(|x| x.name == name),
                "{}: {name}",
                p.key
            );
        }
        for x in &p.parameters {
            assert!(!x.description.is_empty(), "{}.{}", p.key, x.name);
        }
    }
    let evaluation = &w.pipelines[0];
    assert!(
        evaluation
            .parameters
            .iter()
            .any(|x| x.name == "candidate_registered_model"),
        "a tuned candidate is registered"
    );
}
