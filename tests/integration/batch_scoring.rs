//! Issue 16, points 8 and 10: image serving that opens its own inputs, and batch serving that scores
//! new data every day with the `production` model, on a schedule of its own, while drift monitoring
//! reads only its look-back window, both measured from the run's scheduled time. Checked over the kit model and the rendered files of every
//! questionnaire the tests cover; the kit's Python behaviour is tested by the kit's own tests on fakes
//! of the Google clients (`test_release.py`, `test_drift.py`, `test_images.py`).

use mlops_kit::kit::platform::Grant;
use mlops_kit::questionnaire::{DataSource, Framework, Questionnaire, ServingMode, Task};

use super::common::{
    all_questionnaires, arg_after, example, executor_args, render, resource, spec,
};

/// The embedded examples, the conformance matrix, and an image kit on TensorFlow (the prebuilt
/// container's framework).
fn questionnaires() -> Vec<(String, Questionnaire)> {
    let mut out = all_questionnaires();
    let mut tf_vision = example("industrial-onprem");
    tf_vision.model.framework = Some(Framework::Tensorflow);
    tf_vision.serving.mode = ServingMode::Both;
    out.push(("industrial-tensorflow-both".to_owned(), tf_vision));
    // Tabular TensorFlow (TensorFlow Serving on the prebuilt container) with each batch output.
    for (base, name) in [
        ("fintech-regulated", "fintech-tensorflow"),
        ("retail-startup", "retail-tensorflow-both"),
    ] {
        let mut q = example(base);
        q.model.framework = Some(Framework::Tensorflow);
        if q.serving.mode == ServingMode::Online {
            q.serving.mode = ServingMode::Both;
            q.serving.batch_output = Some(mlops_kit::questionnaire::BatchOutput::CloudStorage {
                prefix: "scores".to_owned(),
            });
        }
        out.push((name.to_owned(), q.clone()));
        q.client.language = Some(mlops_kit::i18n::Language::PtBr);
        out.push((format!("{name}-pt-br"), q));
    }
    out
}

// ---------------------------------------------------------------------------------------------------
// 10. Batch serving scores new data every day with the production model

#[test]
fn every_batch_kit_scores_the_new_records_of_its_inbox_every_day_with_the_production_model() {
    for (name, q) in questionnaires() {
        let kit = mlops_kit::kit::resolve(&q);
        let files = render(&q);
        let scoring = files.get("pipelines/scoring_pipeline.yaml");
        assert_eq!(
            scoring.is_some(),
            kit.features.batch_serving,
            "{name}: a batch-scoring pipeline exactly when the kit serves in batch"
        );
        let Some(_) = scoring else { continue };

        // The training run scores nothing (it once scored the training table when a model won).
        let training = spec(&files, "pipelines/training_pipeline.yaml");
        assert!(
            training["deploymentSpec"]["executors"]["exec-batch-predict"].is_null(),
            "{name}: the training run scores nothing"
        );

        // The scoring step names the model, not a version: it scores with `production`.
        let doc = spec(&files, "pipelines/scoring_pipeline.yaml");
        let args = executor_args(&doc, "exec-batch-predict");
        assert!(
            arg_after(&args, "--model-display-name").is_some()
                && arg_after(&args, "--model-resource-name").is_none(),
            "{name}: {args:?}"
        );
        let code = &files["src/ml_pipeline/batch_predict.py"];
        assert!(
            code.contains("version=PRODUCTION_ALIAS") && code.contains("--window-hours"),
            "{name}: batch_predict.py scores the window's files with the production version"
        );

        // What it scores: the inbox of new records, never the training data or its manifest.
        for env in &kit.environments {
            let values = &env.pipeline_values["scoring"];
            let input = values["batch_input_uri"].as_str().unwrap();
            assert_eq!(
                input,
                format!("gs://{}/batch-input/", env.buckets.artifacts),
                "{name} {}",
                env.name
            );
            let source = env.pipeline_values["training"]["source_uri"]
                .as_str()
                .unwrap();
            assert_ne!(input, source, "{name}: never the training source");
            assert!(!input.contains("labels.csv") && !input.contains("training-data"));
            assert_eq!(
                values["window_hours"], "24",
                "{name}: a day of files per daily run"
            );
        }
        assert_eq!(
            arg_after(&args, "--input-format").as_deref(),
            Some(if kit.model.tabular { "csv" } else { "jsonl" }),
            "{name}"
        );

        // When: a daily Vertex AI schedule in the environment that serves on real data, as the
        // scoring account, passing the pipeline's values.
        let schedules = &files["terraform/modules/platform/schedules.tf"];
        let schedule = resource(schedules, "google_colab_schedule", "batch_scoring")
            .unwrap_or_else(|| panic!("{name}: no batch-scoring schedule"));
        assert!(
            schedule.contains("cron                     = \"0 3 * * *\""),
            "{name}"
        );
        assert!(
            schedule.contains("service_account = google_service_account.scoring.email"),
            "{name}"
        );
        assert!(schedule.contains("parameter_values     = var.scoring_pipeline_parameters"));
        assert!(schedule.contains("count = var.enable_scoring_schedule ? 1 : 0"));
        let env = kit
            .environments
            .iter()
            .find(|e| e.name == kit.training_environment)
            .unwrap();
        let root = &files[&format!("terraform/environments/{}/main.tf", env.name)];
        assert!(
            root.contains("enable_scoring_schedule      = var.enable_scoring_schedule")
                && root.contains("scoring_pipeline_parameters = {"),
            "{name}"
        );
        assert!(root.contains(&format!(
            "\"{}\"",
            env.pipeline_values["scoring"]["batch_input_uri"]
                .as_str()
                .unwrap()
        )));
        for other in kit.environments.iter().filter(|e| e.name != env.name) {
            let root = &files[&format!("terraform/environments/{}/main.tf", other.name)];
            assert!(!root.contains("enable_scoring_schedule"), "{name}");
        }
        assert!(
            files["README.md"].contains("enable_scoring_schedule = true"),
            "{name}: the runbook says how to turn the schedule on"
        );
    }
}

#[test]
fn a_batch_only_kit_with_manual_approval_scores_with_the_approved_model() {
    let q = example("fintech-regulated");
    assert_eq!(q.serving.mode, ServingMode::Batch);
    assert!(q.serving.rollout.manual_approval);
    let kit = mlops_kit::kit::resolve(&q);
    let files = render(&q);
    // The approval-gated rollout build moves `production`; the daily scoring uses it.
    assert!(kit.serving.rollout_actions.contains(&"release".to_owned()));
    assert!(files.contains_key("pipelines/scoring_pipeline.yaml"));
    assert!(
        resource(
            &files["terraform/modules/platform/schedules.tf"],
            "google_colab_schedule",
            "batch_scoring"
        )
        .is_some()
    );
    // No module is shipped that nothing runs: the training run neither deploys nor scores.
    assert!(!files.contains_key("src/ml_pipeline/deploy.py"));
    let training = &files["pipelines/training_pipeline.yaml"];
    assert!(
        !training.contains("ml_pipeline.batch_predict")
            && !training.contains("ml_pipeline.release")
    );
    assert!(files["pipelines/scoring_pipeline.yaml"].contains("ml_pipeline.batch_predict"));
}

#[test]
fn a_batch_only_kit_without_approval_promotes_in_training_and_scores_on_schedule() {
    let mut q = example("fintech-regulated");
    q.serving.rollout.manual_approval = false;
    let files = render(&q);
    let training = spec(&files, "pipelines/training_pipeline.yaml");
    let args = executor_args(&training, "exec-promote");
    assert!(
        arg_after(&args, "--model-resource-name").is_some(),
        "the winning version becomes `production`: {args:?}"
    );
    assert!(files["src/ml_pipeline/release.py"].contains("def main("));
}

/// The grants of one member, as (target, role).
fn grants_of<'a>(member: &str, grants: impl Iterator<Item = &'a Grant>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = grants
        .filter(|g| g.member == member)
        .map(|g| (g.target.clone(), g.role.clone()))
        .collect();
    out.sort();
    out
}

#[test]
fn the_scoring_account_holds_exactly_the_grants_scoring_needs() {
    for (name, q) in questionnaires() {
        let kit = mlops_kit::kit::resolve(&q);
        let p = &kit.platform;
        let has_account = p.service_accounts.iter().any(|a| a.key == "scoring");
        assert_eq!(has_account, kit.features.batch_serving, "{name}");
        if !has_account {
            continue;
        }
        let all = p
            .project_grants
            .iter()
            .chain(&p.bucket_grants)
            .chain(&p.repository_grants)
            .chain(&p.dataset_grants)
            .chain(&p.service_account_grants);
        let bigquery = kit.serving.batch_output_kind.as_deref() == Some("bigquery");
        // A Cloud Storage output: the step stages feature columns beside it, then deletes them; a
        // model with named inputs has them staged (and predicted) in the artifacts bucket always.
        let stages = !bigquery || mlops_kit::kit::workload::named_inputs(&kit);
        let artifacts = if stages {
            "roles/storage.objectAdmin"
        } else {
            "roles/storage.objectViewer"
        };
        let mut want: Vec<(String, String)> = [
            ("", "roles/aiplatform.user"),
            ("", "roles/logging.logWriter"),
            ("pipeline_root", "roles/storage.objectAdmin"),
            ("artifacts", artifacts),
            ("docker", "roles/artifactregistry.reader"),
            ("kfp", "roles/artifactregistry.reader"),
            ("serving", "roles/iam.serviceAccountUser"),
        ]
        .into_iter()
        .chain(
            bigquery
                .then_some([
                    ("", "roles/bigquery.jobUser"),
                    ("main", "roles/bigquery.dataEditor"),
                ])
                .into_iter()
                .flatten(),
        )
        .map(|(t, r)| (t.to_owned(), r.to_owned()))
        .collect();
        want.sort();
        assert_eq!(grants_of("scoring", all), want, "{name}");
        // Its job runs as the serving account, which reads the inbox and never the training source,
        // and writes predictions in the artifacts bucket exactly when they go there.
        let mut serving = grants_of("serving", p.bucket_grants.iter());
        serving.retain(|(t, _)| t == "artifacts");
        let mut want = vec![(
            "artifacts".to_owned(),
            "roles/storage.objectViewer".to_owned(),
        )];
        if stages {
            want.insert(
                0,
                (
                    "artifacts".to_owned(),
                    "roles/storage.objectCreator".to_owned(),
                ),
            );
        }
        assert_eq!(serving, want, "{name}");
        // The job writes in BigQuery only when it is given a BigQuery destination (no named inputs).
        let serving_bigquery: Vec<(String, String)> =
            grants_of("serving", p.project_grants.iter().chain(&p.dataset_grants))
                .into_iter()
                .filter(|(_, r)| r == "roles/bigquery.jobUser" || r == "roles/bigquery.dataEditor")
                .collect();
        assert_eq!(
            !serving_bigquery.is_empty(),
            bigquery && !mlops_kit::kit::workload::named_inputs(&kit),
            "{name}: {serving_bigquery:?}"
        );
        let iam = &render(&q)["terraform/modules/platform/iam.tf"];
        assert!(
            iam.contains("resource \"google_service_account\" \"scoring\""),
            "{name}"
        );
    }
}

#[test]
fn drift_monitoring_reads_only_the_rows_of_its_look_back_window() {
    for (name, q) in questionnaires() {
        let kit = mlops_kit::kit::resolve(&q);
        if !kit.features.batch_drift_monitoring {
            continue;
        }
        let files = render(&q);
        let code = &files["src/ml_pipeline/drift.py"];
        assert!(
            !code.contains("del lookback_hours"),
            "{name}: the look-back window is used"
        );
        assert!(
            code.contains("WHERE scored_at >= TIMESTAMP(")
                && code.contains("gcs_predictions_since"),
            "{name}: both outputs are read from the window's start"
        );
        for env in &kit.environments {
            assert_eq!(
                env.pipeline_values["monitoring"]["lookback_hours"],
                kit.monitoring.frequency_hours.to_string().as_str(),
                "{name}: the window is the monitoring interval"
            );
        }
        // Scoring stamps the rows the window filters on.
        assert!(
            files["src/ml_pipeline/batch_predict.py"].contains("CURRENT_TIMESTAMP() AS scored_at")
        );
    }
}

/// The text Vertex AI and Kubeflow Pipelines replace with the run's scheduled time
/// (`dsl.PIPELINE_JOB_SCHEDULE_TIME_UTC_PLACEHOLDER`).
const SCHEDULE_TIME: &str = "{{$.pipeline_job_schedule_time_utc}}";

#[test]
fn scheduled_windows_end_at_the_run_s_scheduled_time_not_when_it_starts() {
    for (name, q) in questionnaires() {
        let kit = mlops_kit::kit::resolve(&q);
        let files = render(&q);
        let scheduled = [
            ("scoring", "batch-predict", kit.features.batch_serving),
            ("monitoring", "drift", kit.features.batch_drift_monitoring),
        ];
        for (pipeline, task, present) in scheduled {
            if !present {
                continue;
            }
            let path = format!("pipelines/{pipeline}_pipeline.yaml");
            let doc = spec(&files, &path);
            // The backend resolves the reference only as a task input's runtime value, exactly as
            // the SDK compiles `task(scheduled_time=dsl.PIPELINE_JOB_SCHEDULE_TIME_UTC_PLACEHOLDER)`.
            let input =
                &doc["root"]["dag"]["tasks"][task]["inputs"]["parameters"]["scheduled_time"];
            assert_eq!(
                input["runtimeValue"]["constant"], SCHEDULE_TIME,
                "{name} {path}: {input}"
            );
            let component = &doc["components"][format!("comp-{task}")];
            assert_eq!(
                component["inputDefinitions"]["parameters"]["scheduled_time"]["parameterType"],
                "STRING",
                "{name} {path}"
            );
            let args = executor_args(&doc, &format!("exec-{task}"));
            assert_eq!(
                arg_after(&args, "--scheduled-time").as_deref(),
                Some("{{$.inputs.parameters['scheduled_time']}}"),
                "{name} {path}: {args:?}"
            );
            assert!(
                !args.iter().any(|a| a.contains("schedule_time_utc")),
                "{name} {path}: a command line is not where the backend resolves it"
            );
            // Not a pipeline parameter: a schedule's parameter values could not carry each run's time.
            assert!(
                doc["root"]["inputDefinitions"]["parameters"]["scheduled_time"].is_null(),
                "{name} {path}"
            );
        }
        if kit.features.batch_serving {
            let code = &files["src/ml_pipeline/batch_predict.py"];
            assert!(
                code.contains("window(reference, args.window_hours)")
                    && code.contains("run_reference_time(args.scheduled_time"),
                "{name}: the scoring window is measured from the scheduled time"
            );
        }
        if kit.features.batch_drift_monitoring {
            let code = &files["src/ml_pipeline/drift.py"];
            assert!(
                code.contains("run_reference_time(args.scheduled_time")
                    && code.contains("AND scored_at < TIMESTAMP("),
                "{name}: the look-back window ends at the scheduled time"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// 8. Image serving opens its own inputs

#[test]
fn image_kits_serve_image_bytes_or_cloud_storage_objects_never_mounted_paths() {
    let mut seen = 0;
    for (name, q) in questionnaires() {
        if q.model.task != Task::Vision {
            continue;
        }
        seen += 1;
        let kit = mlops_kit::kit::resolve(&q);
        let files = render(&q);
        assert!(
            kit.features.custom_serving_image,
            "{name}: a prebuilt container would hand the request to the model as is"
        );
        let images = files
            .get("src/ml_pipeline/images.py")
            .unwrap_or_else(|| panic!("{name}: no image input handling"));
        assert!(images.contains("base64.b64decode") && images.contains("download_to_filename"));
        assert!(
            !images.contains("local_path") && !images.contains("Path(uri)"),
            "{name}: never opens a path the request names"
        );
        assert!(files["src/ml_pipeline/serve.py"].contains("images.frame(instances, folder)"));
        assert!(files.contains_key("tests/test_images.py"), "{name}");
        // The serving account may read the inbox the batch jobs hand it.
        assert!(
            kit.platform
                .bucket_grants
                .iter()
                .any(|g| g.member == "serving"
                    && g.target == "artifacts"
                    && g.role == "roles/storage.objectViewer")
        );
        if kit.features.batch_serving {
            assert_eq!(kit.workload.batch_input_format, "jsonl", "{name}");
        }
        if kit.features.online_serving || kit.features.batch_serving {
            assert!(
                files["README.md"].contains("\"b64\""),
                "{name}: the runbook shows a request"
            );
        }
        // Data from outside Google Cloud still lands for training; scoring never reads the landing.
        if matches!(q.data.sources.first(), Some(DataSource::OnPremises { .. })) {
            for env in &kit.environments {
                if let Some(values) = env.pipeline_values.get("scoring") {
                    assert!(
                        !values["batch_input_uri"]
                            .as_str()
                            .unwrap()
                            .contains("landing")
                    );
                }
            }
        }
    }
    assert!(seen >= 2, "the examples hold image kits");
}

// ---------------------------------------------------------------------------------------------------
// TensorFlow Serving takes named inputs as JSON objects

/// A tabular TensorFlow model is served by TensorFlow Serving (the prebuilt container), whose REST API
/// refuses a list of values for a signature with several named inputs: the kit exports one scalar input
/// per feature and sends every instance as an object keyed by feature name (batch scoring stages them
/// so, also for a BigQuery output, whose rows Vertex AI would send as lists). Other kits keep arrays.
#[test]
fn tensorflow_serving_kits_send_json_objects_keyed_by_feature_name() {
    let mut seen = [false; 2];
    for (name, q) in questionnaires() {
        let kit = mlops_kit::kit::resolve(&q);
        let named = mlops_kit::kit::workload::named_inputs(&kit);
        let tensorflow_serving = kit.model.framework == "tensorflow"
            && kit.model.tabular
            && kit.serving.prebuilt_image.is_some();
        assert_eq!(named, tensorflow_serving, "{name}");
        assert_eq!(kit.workload.named_inputs, named, "{name}");
        let files = render(&q);
        let model = files.get("src/ml_pipeline/model.py");
        if tensorflow_serving {
            let model = model.unwrap();
            assert!(
                model.contains("tf.keras.Input(shape=(), dtype=tf.string, name=f.name)")
                    && model.contains("tf.keras.Input(shape=(), dtype=tf.float32, name=f.name)"),
                "{name}: one scalar input per feature"
            );
            assert!(
                model.contains(
                    r#"signatures={"serving_default": serving_function(model, classes)}"#
                ),
                "{name}: the exported signature is the serving function"
            );
            assert!(
                files.contains_key("tests/test_tfserving.py")
                    && files["src/ml_pipeline/localrun/prebuilt.py"]
                        .contains("tfserving.TensorFlowServing"),
                "{name}: the local TensorFlow Serving stand-in and its tests"
            );
            // The README shows the request TensorFlow Serving takes and its answer, in the kit's language.
            let readme = &files["README.md"];
            let docs = &kit.workload.docs;
            assert!(readme.contains(&docs.response_example), "{name}");
            if kit.features.online_serving {
                assert!(
                    readme.contains(&format!("```json\n{}\n```", docs.request_example)),
                    "{name}"
                );
                for f in &kit.model.features {
                    let value = if f.kind == "categorical" {
                        r#""...""#
                    } else {
                        "0.0"
                    };
                    assert!(
                        docs.request_example
                            .contains(&format!("\"{}\": {value}", f.name)),
                        "{name}"
                    );
                }
            }
            let english = "takes each instance as a\nJSON object keyed by feature name";
            assert_eq!(
                readme.contains(english),
                kit.language == mlops_kit::i18n::Language::En,
                "{name}: the request section comes from the kit's language catalogue"
            );
        } else {
            assert!(!files.contains_key("tests/test_tfserving.py"), "{name}");
            assert!(kit.workload.docs.request_example.is_empty(), "{name}");
        }
        let Some(code) = files.get("src/ml_pipeline/batch_predict.py") else {
            continue;
        };
        let flag = format!("NAMED_INPUTS = {}", if named { "True" } else { "False" });
        assert!(code.contains(&flag), "{name}: {flag}");
        if named {
            seen[usize::from(kit.serving.batch_output_kind.as_deref() == Some("bigquery"))] = true;
        }
    }
    assert_eq!(
        seen,
        [true, true],
        "a TensorFlow Serving kit with each batch output is covered"
    );
}
