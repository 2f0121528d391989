//! The generative workload (issue 11): its files for both approaches, free of any tabular or
//! from-scratch training code, and its Python tests (the release gate on both sides of the
//! threshold, the computation-based metrics really computed, logging with redaction) run offline
//! against fakes of the Vertex AI clients with the Python the CI machine has.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use mlops_kit::blueprints::BlueprintSource;
use mlops_kit::questionnaire::{Questionnaire, load_str};
use mlops_kit::render::{Files, render_generative_workload};
use serde_json::Value;

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
fn run_python_tests(q: &Questionnaire, approach_tests: &[&str]) {
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
        "test_a_good_first_candidate_is_released",
        "test_a_candidate_below_the_gate_is_not_released_and_production_stays",
        "test_the_gate_decides_on_both_sides_of_each_threshold",
    ]
    .iter()
    .chain(approach_tests)
    {
        assert!(report.contains(test), "{test} did not run:\n{report}");
    }
    assert!(!report.contains("skipped"), "{report}");
}

#[test]
fn the_prompt_workloads_python_tests_pass_offline() {
    run_python_tests(
        &prompt_approach(),
        &[
            "test_the_window_and_sample_size_are_query_parameters_and_the_table_is_checked",
            "test_scores_below_a_threshold_raise_the_alert",
            "test_the_alert_step_logs_under_the_alert_name_and_fails_the_run",
        ],
    );
}

#[test]
fn the_tuning_workloads_python_tests_pass_offline() {
    run_python_tests(
        &tuning_approach(),
        &[
            "test_each_malformed_example_is_named_by_its_line",
            "test_an_example_repeating_an_evaluation_prompt_is_refused",
            "test_the_job_is_followed_to_its_end_and_the_tuned_model_passed_on",
        ],
    );
}

/// Every Terraform file of a kit, concatenated (one text to search).
fn terraform(files: &Files) -> String {
    files
        .iter()
        .filter(|(p, _)| {
            Path::new(p)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("tf"))
        })
        .map(|(_, c)| c.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_generative_platform_has_its_own_identities_and_no_trainers() {
    let kit = mlops_kit::kit::resolve(&prompt_approach());
    assert_eq!(kit.kind, mlops_kit::kit::WorkloadKind::Generative);
    let accounts: Vec<&str> = kit
        .platform
        .service_accounts
        .iter()
        .map(|a| a.key.as_str())
        .collect();
    assert_eq!(accounts, ["pipeline", "app", "ci", "deploy"]);
    // Nothing of a trained model: no endpoint, batch job, retraining, schedule of those.
    let f = &kit.features;
    assert!(!f.online_serving && !f.batch_serving && !f.retrain_on_schedule);
    assert!(kit.platform.endpoint.is_none() && kit.platform.trigger_invoker_role.is_none());
    assert!(!kit.platform.triggers.contains_key("ct"));
    assert!(kit.pipelines.iter().all(|p| p.key != "training"));
    // The application calls Gemini, de-identifies with Sensitive Data Protection and appends to the
    // log table only (table-level grant, not the dataset).
    let roles_of = |member: &str| -> Vec<String> {
        let p = &kit.platform;
        p.project_grants
            .iter()
            .chain(&p.bucket_grants)
            .chain(&p.repository_grants)
            .chain(&p.dataset_grants)
            .chain(&p.table_grants)
            .chain(&p.service_account_grants)
            .filter(|g| g.member == member)
            .map(|g| format!("{}@{}", g.role, g.target))
            .collect()
    };
    assert_eq!(
        roles_of("app"),
        [
            "roles/aiplatform.user@",
            "roles/logging.logWriter@",
            "roles/dlp.user@",
            "roles/dlp.deidentifyTemplatesReader@",
            "roles/bigquery.dataEditor@log",
        ]
    );
    // The scheduled traffic evaluation reads the log and appends its scores (creating their table).
    assert!(roles_of("pipeline").contains(&"roles/bigquery.dataEditor@main".to_owned()));
    for api in [
        "aiplatform.googleapis.com",
        "bigquery.googleapis.com",
        "dlp.googleapis.com",
        "logging.googleapis.com",
        "monitoring.googleapis.com",
        "cloudkms.googleapis.com",
    ] {
        assert!(kit.platform.apis.iter().any(|a| a == api), "{api}");
    }
    for api in [
        "pubsub.googleapis.com",
        "cloudscheduler.googleapis.com",
        "dataflow.googleapis.com",
    ] {
        assert!(!kit.platform.apis.iter().any(|a| a == api), "{api}");
    }
    // The deploy account manages exactly what the generative Terraform adds.
    let deploy: Vec<&str> = kit
        .platform
        .deploy_grants
        .iter()
        .filter(|g| g.scope == "project")
        .map(|g| g.grant.role.as_str())
        .collect();
    for role in [
        "roles/logging.configWriter",
        "roles/dlp.deidentifyTemplatesEditor",
        "roles/monitoring.alertPolicyEditor",
    ] {
        assert!(deploy.contains(&role), "{role}: {deploy:?}");
    }
    assert!(
        !deploy.contains(&"roles/aiplatform.admin"),
        "no endpoint, no schedule yet"
    );
}

#[test]
fn without_logging_there_is_no_log_table_nor_redaction() {
    let kit = mlops_kit::kit::resolve(&tuning_approach());
    let g = kit
        .platform
        .generative
        .as_ref()
        .expect("generative platform");
    assert!(g.log_table.is_none() && g.deidentify_template.is_none());
    assert!(kit.platform.table_grants.is_empty() && kit.platform.dataset_grants.is_empty());
    assert!(!kit.platform.apis.iter().any(|a| a == "dlp.googleapis.com"));
    assert!(
        !kit.platform
            .project_grants
            .iter()
            .any(|g| g.role.starts_with("roles/dlp."))
    );
    let tf = terraform(&render(&tuning_approach()));
    assert!(!tf.contains("google_data_loss_prevention_deidentify_template"));
    assert!(!tf.contains("resource \"google_bigquery_table\""));
    // Alerts stay: they read Gemini's own metrics, not the log.
    assert!(tf.contains("resource \"google_monitoring_alert_policy\" \"gemini_latency\""));
}

#[test]
fn the_log_table_is_partitioned_expiring_encrypted_and_redaction_has_a_template() {
    let files = render(&prompt_approach());
    let tf = &files["terraform/modules/platform/generative.tf"];
    let table = super::common::resource(tf, "google_bigquery_table", "log").expect("log table");
    for line in [
        "time_partitioning {",
        "type          = \"DAY\"",
        "expiration_ms = 7776000000",
        "kms_key_name = local.kms_key_id",
        "deletion_protection = true",
    ] {
        assert!(table.contains(line), "missing `{line}` in:\n{table}");
    }
    // The table's columns are the row `log_record.py` writes.
    let row = &files["src/genai_app/log_record.py"];
    for column in [
        "request_id",
        "version",
        "prompt",
        "response",
        "input_tokens",
        "output_tokens",
        "blocked_by_safety",
        "latency_ms",
    ] {
        assert!(table.contains(&format!("name = \"{column}\"")), "{column}");
        assert!(row.contains(&format!("\"{column}\":")), "{column}");
    }
    let template = super::common::resource(
        tf,
        "google_data_loss_prevention_deidentify_template",
        "main",
    )
    .expect("de-identify template");
    assert!(template.contains("replace_with_info_type_config = true"));
    for info_type in ["BRAZIL_CPF_NUMBER", "EMAIL_ADDRESS", "PHONE_NUMBER"] {
        assert!(template.contains(info_type), "{info_type}");
        assert!(row.contains(info_type), "{info_type}");
    }
}

#[test]
fn alerts_read_metrics_vertex_ai_and_the_log_based_metric_really_publish() {
    let tf = terraform(&render(&prompt_approach()));
    for (alert, metric) in [
        (
            "gemini_latency",
            "aiplatform.googleapis.com/publisher/online_serving/model_invocation_latencies",
        ),
        (
            "gemini_errors",
            "aiplatform.googleapis.com/publisher/online_serving/model_invocation_count",
        ),
        (
            "gemini_tokens",
            "aiplatform.googleapis.com/publisher/online_serving/token_count",
        ),
        (
            "safety_blocks",
            "logging.googleapis.com/user/casaaurora-safety-blocks",
        ),
    ] {
        let body = super::common::resource(&tf, "google_monitoring_alert_policy", alert)
            .unwrap_or_else(|| panic!("alert {alert}"));
        assert!(body.contains(metric), "{alert}:\n{body}");
    }
    let metric =
        super::common::resource(&tf, "google_logging_metric", "safety_blocks").expect("metric");
    assert!(metric.contains("name        = \"casaaurora-safety-blocks\""));
    // The 3 s latency target answered is the latency alert's threshold.
    let latency = super::common::resource(&tf, "google_monitoring_alert_policy", "gemini_latency")
        .expect("alert");
    assert!(latency.contains("threshold_value = 3000"), "{latency}");
    // The answer is a 95th-percentile target, so the alert reads the same percentile of the
    // latency distribution, and an error is an invocation whose `response_code` is not 2xx (as
    // Google's own Model Garden dashboard counts them: monitoring-dashboard-samples,
    // dashboards/google-vertex-ai/vertex-ai-model-garden.json).
    assert!(
        latency.contains("per_series_aligner = \"ALIGN_PERCENTILE_95\""),
        "{latency}"
    );
    let errors = super::common::resource(&tf, "google_monitoring_alert_policy", "gemini_errors")
        .expect("alert");
    assert!(
        errors.contains(
            r#"metric.labels.response_code != monitoring.regex.full_match(\"2[0-9][0-9]\")"#
        ),
        "{errors}"
    );
}

#[test]
fn every_service_account_the_terraform_names_exists() {
    for q in [prompt_approach(), tuning_approach()] {
        let files = render(&q);
        let tf = terraform(&files);
        let declared: Vec<String> = tf
            .match_indices("resource \"google_service_account\" \"")
            .map(|(i, m)| {
                let rest = &tf[i + m.len()..];
                rest[..rest.find('"').expect("label")].to_owned()
            })
            .collect();
        for (i, m) in tf.match_indices("google_service_account.") {
            let rest = &tf[i + m.len()..];
            let label: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            assert!(
                declared.contains(&label),
                "google_service_account.{label} is not declared"
            );
        }
        // Buckets outside the projects are read through the bootstrap, by accounts that exist.
        let access = &files["terraform/bootstrap/generative_access.tf"];
        assert!(access.contains("bucket = \"casaaurora-genai-eval\""));
        for account in ["casaaurora-pipeline@", "casaaurora-ci-checks@"] {
            assert!(access.contains(account), "{account}");
        }
    }
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

/// `--flag` arguments an argparse module declares, and which of them are `required=True`.
pub(super) fn argparse_flags(module: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut all = BTreeSet::new();
    let mut required = BTreeSet::new();
    for line in module.lines() {
        let Some(at) = line.find("add_argument(\"--") else {
            continue;
        };
        let flag: String = line[at + "add_argument(\"".len()..]
            .chars()
            .take_while(|c| *c != '"')
            .collect();
        if line.contains("required=True") {
            required.insert(flag.clone());
        }
        all.insert(flag);
    }
    (all, required)
}

#[test]
fn the_generative_pipeline_specs_are_wired_and_agree_with_the_kit_model() {
    use mlops_kit::kit::generative::resolve;
    use mlops_kit::render::pipeline_spec::{evaluation_spec, traffic_evaluation_spec, tuning_spec};

    for (name, q) in [("prompt", prompt_approach()), ("tuning", tuning_approach())] {
        let w = resolve(&q).expect("generative");
        let files = render(&q);
        // The spec files are exactly the model's pipelines.
        let on_disk: BTreeSet<&str> = files
            .keys()
            .filter(|p| p.starts_with("pipelines/"))
            .map(String::as_str)
            .collect();
        let listed: BTreeSet<&str> = w.pipelines.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(on_disk, listed, "{name}");

        for pipeline in &w.pipelines {
            let at = format!("{name} {}", pipeline.file);
            let doc = super::common::spec(&files, &pipeline.file);
            assert_eq!(doc["pipelineInfo"]["name"], pipeline.name.as_str(), "{at}");
            assert_eq!(doc["sdkVersion"], "kfp-2.17.3", "{at}");
            let built = match pipeline.key.as_str() {
                "evaluation" => evaluation_spec(&w, pipeline),
                "tuning" => tuning_spec(&w, pipeline),
                _ => traffic_evaluation_spec(&w, pipeline),
            };
            assert_eq!(
                doc, built,
                "{at}: the YAML does not read back as the built spec"
            );

            // The root inputs are the model's parameters, with their KFP types.
            let root_inputs = doc["root"]["inputDefinitions"]["parameters"]
                .as_object()
                .expect("root parameters");
            assert_eq!(root_inputs.len(), pipeline.parameters.len(), "{at}");
            for p in &pipeline.parameters {
                assert_eq!(
                    root_inputs[&p.name]["parameterType"],
                    p.kind.as_str(),
                    "{at}: {}",
                    p.name
                );
            }

            // Every task's inputs come from a declared scope or a producer it depends on, every
            // required input is supplied, every placeholder names a declared input or output.
            let mut problems = Vec::new();
            super::workload::check_dag(
                &doc,
                &doc["root"]["dag"],
                &doc["root"]["inputDefinitions"],
                &at,
                &mut problems,
            );
            assert!(problems.is_empty(), "{at}:\n{}", problems.join("\n"));

            // Every pipeline parameter is read by some task (none is asked for nothing).
            let text = serde_json::to_string(&doc["root"]["dag"]).expect("json");
            for p in &pipeline.parameters {
                assert!(
                    text.contains(&format!("\"componentInputParameter\":\"{}\"", p.name)),
                    "{at}: parameter {} is never read",
                    p.name
                );
            }

            // Every step is a module of the package in the components image, and the module
            // declares every flag the spec passes and gets every flag it requires.
            let executors = doc["deploymentSpec"]["executors"]
                .as_object()
                .expect("executors");
            for (label, executor) in executors {
                let container = &executor["container"];
                assert_eq!(
                    container["image"],
                    w.components_image_ref.as_str(),
                    "{at} {label}"
                );
                let command: Vec<&str> = container["command"]
                    .as_array()
                    .expect("command")
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                let module = command[2]
                    .strip_prefix("genai_app.")
                    .unwrap_or_else(|| panic!("{at} {label}: {command:?}"));
                assert_eq!(&command[..2], ["python", "-m"], "{at} {label}");
                let source = files
                    .get(&format!("src/genai_app/{module}.py"))
                    .unwrap_or_else(|| panic!("{at} {label}: module {module} is not in the kit"));
                assert!(
                    source.contains("def main("),
                    "{at}: {module} has no entry point"
                );
                let (declared, required) = argparse_flags(source);
                let passed: BTreeSet<String> = super::common::executor_args(&doc, label)
                    .into_iter()
                    .filter(|a| a.starts_with("--"))
                    .collect();
                assert!(
                    passed.is_subset(&declared),
                    "{at} {label}: {module} does not declare {:?}",
                    passed.difference(&declared).collect::<Vec<_>>()
                );
                assert!(
                    required.is_subset(&passed),
                    "{at} {label}: {module} requires {:?}",
                    required.difference(&passed).collect::<Vec<_>>()
                );
            }
        }
    }
}

#[test]
fn the_release_is_recorded_only_when_the_gate_says_promote() {
    for q in [prompt_approach(), tuning_approach()] {
        let files = render(&q);
        for file in [
            "pipelines/evaluation_pipeline.yaml",
            "pipelines/tuning_pipeline.yaml",
        ] {
            if !files.contains_key(file) {
                continue;
            }
            let doc = super::common::spec(&files, file);
            let root = &doc["root"]["dag"]["tasks"];
            assert!(
                root.get("release").is_none(),
                "{file}: releasing is never unconditional"
            );
            assert_eq!(
                root["condition-1"]["triggerPolicy"]["condition"],
                "inputs.parameter_values['pipelinechannel--decide-promote'] == true",
                "{file}"
            );
            assert!(
                doc["components"]["comp-condition-1"]["dag"]["tasks"]["release"].is_object(),
                "{file}"
            );
            // The decision is visible: a boolean output, its reasons, and the run's metrics.
            let decide = &doc["components"]["comp-decide"]["outputDefinitions"];
            assert_eq!(decide["parameters"]["promote"]["parameterType"], "BOOLEAN");
            assert_eq!(decide["parameters"]["reasons"]["parameterType"], "STRING");
            assert_eq!(
                decide["artifacts"]["metrics"]["artifactType"]["schemaTitle"],
                "system.Metrics"
            );
            // Both versions answer the same loaded evaluation set before scoring.
            for task in ["generate-candidate", "generate-production", "score"] {
                assert_eq!(
                    root[task]["inputs"]["artifacts"]["evaluation_set"]["taskOutputArtifact"]["producerTask"],
                    "evaluation-set",
                    "{file} {task}"
                );
            }
        }
    }
}

#[test]
fn the_tuned_model_is_what_the_tuning_pipeline_evaluates() {
    let files = render(&tuning_approach());
    let doc = super::common::spec(&files, "pipelines/tuning_pipeline.yaml");
    let root = &doc["root"]["dag"]["tasks"];
    let candidate = &root["generate-candidate"]["inputs"]["parameters"];
    assert_eq!(
        candidate["candidate_model"]["taskOutputParameter"],
        serde_json::json!({ "outputParameterKey": "tuned_endpoint", "producerTask": "tune" })
    );
    assert_eq!(
        candidate["candidate_registered_model"]["taskOutputParameter"],
        serde_json::json!({ "outputParameterKey": "tuned_model", "producerTask": "tune" })
    );
    // No tuning job before the examples are checked.
    assert_eq!(
        root["tune"]["dependentTasks"],
        serde_json::json!(["validate-tuning-data"])
    );
    // Tuning steps exist only where a tuning pipeline runs them; the traffic steps only where
    // prompts and responses are logged.
    let prompt = render(&prompt_approach());
    assert!(files.contains_key("src/genai_app/tune.py"));
    assert!(!prompt.contains_key("src/genai_app/tune.py"));
    assert!(!prompt.contains_key("pipelines/tuning_pipeline.yaml"));
    assert!(prompt.contains_key("src/genai_app/traffic_sample.py"));
    assert!(!files.contains_key("src/genai_app/traffic_sample.py"));
}

/// A tuned model is re-tuned by each release (CD runs the tuning pipeline); nothing in the kit
/// starts a tuning run on a schedule or on new examples, so a trigger is refused with the fix
/// rather than accepted and ignored.
#[test]
fn a_retraining_trigger_is_refused_for_supervised_tuning_with_the_fix() {
    let text = fixture_text()
        .replace(
            "  approach: prompt\n",
            "  approach: supervised_tuning\n  tuning_dataset: gs://casaaurora-genai-eval/support/train.jsonl\n",
        )
        .replace(
            "  retrieval:\n    documents: gs://casaaurora-helpcenter/articles/\n",
            "",
        );
    assert!(load_str("genai.yaml", &text).is_ok(), "the base is valid");
    for (trigger, extra) in [
        (
            "schedule",
            "    schedule: \"0 6 * * 1\"\n    timezone: America/Sao_Paulo\n",
        ),
        ("new_data", ""),
    ] {
        let broken = text.replace(
            "    triggers: []\n",
            &format!("    triggers: [{trigger}]\n{extra}"),
        );
        let message = match load_str("genai.yaml", &broken) {
            Ok(_) => panic!("`{trigger}` was accepted for supervised tuning"),
            Err(invalid) => invalid.to_string(),
        };
        assert!(
            message.contains("operations.retraining.triggers[0]")
                && message.contains("re-tunes the model with each release")
                && message.contains("set `triggers: []`"),
            "{trigger}: {message}"
        );
    }
}

/// Google's supervised tuning page (REST, `SERVICE_ACCOUNT`): a tuning job that runs as a
/// customer-managed account needs the Secure Fine-Tuning Service Agent to hold Token Creator on it
/// (https://cloud.google.com/vertex-ai/generative-ai/docs/models/gemini-use-supervised-tuning).
/// The kit's tuning job runs as the pipeline account; the agent exists only after the project's
/// first tuning job, so its grant waits behind a switch the README tells the operator to turn on.
#[test]
fn the_tuning_agent_may_act_as_the_account_the_tuning_job_runs_as() {
    let files = render(&tuning_approach());
    let module = &files["terraform/modules/platform/generative.tf"];
    let grant = super::common::resource(
        module,
        "google_service_account_iam_member",
        "tuning_agent_token_creator",
    )
    .expect("the tuning agent's grant");
    for line in [
        "count              = var.enable_tuning_agent_grant ? 1 : 0",
        "service_account_id = google_service_account.pipeline.name",
        "role               = \"roles/iam.serviceAccountTokenCreator\"",
        "member             = \"serviceAccount:service-${local.project_number}@gcp-sa-vertex-tune.iam.gserviceaccount.com\"",
    ] {
        assert!(grant.contains(line), "{line}\n{grant}");
    }
    // The tuning step runs the job as the account the pipeline is given, which CD passes as the
    // pipeline account.
    assert!(files["src/genai_app/tune.py"].contains("service_account=request.service_account"));
    assert!(
        files["scripts/cd-evaluate.sh"]
            .contains("\"tuning_service_account\": env[\"PIPELINE_SA\"]")
    );
    for env in ["dev", "prod"] {
        let root = format!("terraform/environments/{env}");
        assert!(
            files[&format!("{root}/terraform.tfvars")]
                .contains("enable_tuning_agent_grant = false")
        );
        assert!(
            files[&format!("{root}/main.tf")]
                .contains("enable_tuning_agent_grant    = var.enable_tuning_agent_grant")
        );
    }
    assert!(files["README.md"].contains("set `enable_tuning_agent_grant = true`"));
    // A prompt version tunes nothing: no tuning grant, switch or step.
    let prompt = render(&prompt_approach());
    for (path, text) in &prompt {
        assert!(
            !text.contains("tuning_agent") && !text.contains("tuningServiceAgent"),
            "{path}"
        );
    }
}
