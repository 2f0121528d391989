//! Run-time rules of the services a kit touches (issue 16, `RUNTIME-RULES.md`), checked over the kit
//! model and the rendered files of every questionnaire the tests cover: where registered models
//! live, which identity batch prediction runs as, how a release moves traffic, and who may approve it.
//! The kit's Python behaviour itself is tested by the kit's own tests on fakes of the Google clients
//! (`blueprints/kit/tests/test_release.py.tera`), which the conformance gate runs.

use std::collections::BTreeMap;

use mlops_kit::questionnaire::examples::EXAMPLES;
use mlops_kit::questionnaire::{Questionnaire, Rollout, RolloutStrategy, ServingMode, load_path};
use serde_json::Value;

use super::common::{example, render};

type Files = BTreeMap<String, String>;

/// The embedded examples and the conformance matrix.
fn all_questionnaires() -> Vec<(String, Questionnaire)> {
    let mut out: Vec<(String, Questionnaire)> = EXAMPLES
        .iter()
        .map(|e| (e.name.to_owned(), example(e.name)))
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/matrix");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("matrix folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    for path in paths {
        let q = load_path(&path)
            .expect("matrix questionnaires are valid")
            .questionnaire;
        out.push((path.file_stem().unwrap().to_string_lossy().into_owned(), q));
    }
    out
}

fn spec(files: &Files, path: &str) -> Value {
    mlops_kit::questionnaire::load::parse_tree(path, &files[path])
        .unwrap_or_else(|e| panic!("{path} is not YAML:\n{e}"))
        .0
}

fn executor_args(doc: &Value, executor: &str) -> Vec<String> {
    doc["deploymentSpec"]["executors"][executor]["container"]["args"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn arg_after(args: &[String], flag: &str) -> Option<String> {
    let at = args.iter().position(|a| a == flag)?;
    args.get(at + 1).cloned()
}

/// The tasks released inside the training pipeline's second condition (register, deploy, batch).
fn released_tasks(doc: &Value) -> Vec<String> {
    doc["components"]["comp-condition-2"]["dag"]["tasks"]
        .as_object()
        .map(|t| t.keys().cloned().collect())
        .unwrap_or_default()
}

/// The body of one Terraform resource block, by type and label.
fn resource<'a>(text: &'a str, kind: &str, label: &str) -> Option<&'a str> {
    let head = format!("resource \"{kind}\" \"{label}\" {{");
    let start = text.find(&head)?;
    let end = text[start..]
        .find("\n}\n")
        .map_or(text.len(), |e| start + e + 3);
    Some(&text[start..end])
}

// ---------------------------------------------------------------------------------------------------
// 1. Registered models outlive the pipeline root

#[test]
fn registered_models_are_copied_to_the_artifacts_bucket_where_they_stay_in_standard_storage() {
    for (name, q) in all_questionnaires() {
        let files = render(&q);
        let doc = spec(&files, "pipelines/training_pipeline.yaml");
        let args = executor_args(&doc, "exec-register");
        assert_eq!(
            arg_after(&args, "--artifacts-bucket").as_deref(),
            Some("{{$.inputs.parameters['artifacts_bucket']}}"),
            "{name}: the register step must copy the model out of the pipeline root"
        );
        let kit = mlops_kit::kit::resolve(&q);
        let lc = &kit.platform.lifecycle;
        assert!(
            lc.pipeline_root_days < 365,
            "{name}: the pipeline root is short-lived"
        );
        let storage = &files["terraform/modules/platform/storage.tf"];
        let artifacts = resource(storage, "google_storage_bucket", "artifacts").unwrap();
        // A Delete rule by age or a Nearline move of models/ would take the production model away
        // from evaluation, drift, redeploys and batch jobs.
        assert!(
            !artifacts.contains("type = \"Delete\"\n    }\n    condition {\n      age"),
            "{name}: registered models are never deleted by age"
        );
        let nearline = artifacts
            .split("lifecycle_rule")
            .find(|r| r.contains("NEARLINE"))
            .unwrap_or_else(|| panic!("{name}: the Nearline rule"));
        assert!(
            nearline.contains("matches_prefix"),
            "{name}: Nearline applies to named folders only:\n{nearline}"
        );
        assert!(
            !nearline.contains(&format!("\"{}", lc.models_prefix)),
            "{name}: {} must stay in Standard storage:\n{nearline}",
            lc.models_prefix
        );
        let register = &files["src/ml_pipeline/register.py"];
        assert!(
            register.contains(&format!(
                "MODELS_PREFIX = \"{}\"",
                lc.models_prefix.trim_end_matches('/')
            )),
            "{name}: register.py writes where the lifecycle rule expects"
        );
    }
}

// ---------------------------------------------------------------------------------------------------
// 3, 4. Batch prediction runs every day, as the serving account, with its grants

#[test]
fn batch_prediction_runs_as_the_serving_account_with_grants_to_read_and_write() {
    for (name, q) in all_questionnaires() {
        let kit = mlops_kit::kit::resolve(&q);
        if !kit.features.batch_serving {
            continue;
        }
        let files = render(&q);
        let doc = spec(&files, "pipelines/training_pipeline.yaml");
        if kit.serving.pipeline_releases {
            let args = executor_args(&doc, "exec-batch-predict");
            assert_eq!(
                arg_after(&args, "--service-account").as_deref(),
                Some("{{$.inputs.parameters['serving_service_account']}}"),
                "{name}"
            );
            for env in &kit.environments {
                assert_eq!(
                    env.pipeline_values["training"]["serving_service_account"],
                    env.service_accounts.serving.as_str(),
                    "{name}"
                );
            }
        }
        let p = &kit.platform;
        let has = |target: &str, role: &str, grants: &[mlops_kit::kit::platform::Grant]| {
            grants
                .iter()
                .any(|g| g.member == "serving" && g.target == target && g.role == role)
        };
        match kit.serving.batch_output_kind.as_deref() {
            Some("bigquery") => {
                assert!(
                    has("main", "roles/bigquery.dataEditor", &p.dataset_grants),
                    "{name}: the job creates its predictions table"
                );
                assert!(
                    has("", "roles/bigquery.jobUser", &p.project_grants),
                    "{name}"
                );
            }
            Some("cloud_storage") => assert!(
                has("artifacts", "roles/storage.objectCreator", &p.bucket_grants),
                "{name}: the job writes its predictions"
            ),
            other => panic!("{name}: batch output {other:?}"),
        }
        if kit.features.landing_bucket {
            assert!(
                has("landing", "roles/storage.objectViewer", &p.bucket_grants),
                "{name}"
            );
        }
        let in_place = kit.workload.batch_input_is_source;
        for g in p.source_grants.iter().filter(|g| g.scope != "project") {
            for env in kit.environments.iter().filter(|e| e.is_production) {
                let member = format!("serviceAccount:{}", env.service_accounts.serving);
                assert_eq!(
                    g.members.contains(&member),
                    in_place,
                    "{name}: the serving account reads the source only where batch jobs score it"
                );
                if in_place {
                    assert!(
                        files["terraform/bootstrap/access.tf"].contains(&format!("\"{member}\"")),
                        "{name}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_bigquery_batch_output_is_a_dataset_destination_appended_to_the_answered_table() {
    let q = example("fintech-regulated");
    let files = render(&q);
    let code = &files["src/ml_pipeline/batch_predict.py"];
    assert!(
        code.contains("sources[\"bigquery_destination_prefix\"] = f\"bq://{project}.{dataset}\""),
        "the job's destination is the dataset (one new table per job), never the fixed table"
    );
    assert!(code.contains("INSERT INTO"));
}

// ---------------------------------------------------------------------------------------------------
// 6, 9. Canary lifecycle and approval

fn with_rollout(mut q: Questionnaire, strategy: RolloutStrategy, approval: bool) -> Questionnaire {
    q.serving.rollout = Rollout {
        strategy,
        canary_traffic_percent: (strategy == RolloutStrategy::Canary).then_some(20),
        manual_approval: approval,
    };
    q
}

#[test]
fn with_manual_approval_the_training_run_moves_neither_traffic_nor_the_production_alias() {
    for (name, q) in all_questionnaires() {
        for mode in [ServingMode::Online, ServingMode::Batch, ServingMode::Both] {
            let mut q = with_rollout(q.clone(), RolloutStrategy::Direct, true);
            q.serving.mode = mode;
            if mode != ServingMode::Online && q.serving.batch_output.is_none() {
                q.serving.batch_output = Some(mlops_kit::questionnaire::BatchOutput::Bigquery {
                    table: "scores".into(),
                });
            }
            let files = render(&q);
            let doc = spec(&files, "pipelines/training_pipeline.yaml");
            assert_eq!(
                released_tasks(&doc),
                vec!["register".to_owned()],
                "{name} {mode:?}: only registration runs unattended"
            );
            let yaml = &files["pipelines/training_pipeline.yaml"];
            assert!(
                !yaml.contains("--promote") && !yaml.contains("exec-deploy"),
                "{name} {mode:?}"
            );
            let build = &files["terraform/modules/platform/build.tf"];
            let trigger = resource(build, "google_cloudbuild_trigger", "rollout")
                .unwrap_or_else(|| panic!("{name} {mode:?}: the rollout trigger"));
            assert!(
                trigger.contains("approval_required = var.require_release_approval"),
                "{name} {mode:?}: the rollout waits for approval"
            );
            assert!(files.contains_key("cloudbuild/rollout.yaml"), "{name}");
            assert!(files.contains_key("scripts/rollout.sh"), "{name}");
            let config: Value = serde_json::from_str(&files["pipelines/rollout.json"]).unwrap();
            assert_eq!(
                config["endpoint_display_name"] != "",
                mode != ServingMode::Batch,
                "{name} {mode:?}"
            );
            let kit = mlops_kit::kit::resolve(&q);
            let prod = kit.environments.last().unwrap();
            let tfvars = &files[&format!("terraform/environments/{}/main.tf", prod.name)];
            assert!(
                tfvars
                    .lines()
                    .any(|l| l.trim_start().starts_with("require_release_approval")
                        && l.trim_end().ends_with("= true")),
                "{name}: production needs approval"
            );
        }
    }
}

#[test]
fn a_canary_gets_a_rollout_build_to_promote_or_roll_it_back() {
    let q = with_rollout(example("retail-startup"), RolloutStrategy::Canary, false);
    let files = render(&q);
    let doc = spec(&files, "pipelines/training_pipeline.yaml");
    assert!(released_tasks(&doc).contains(&"deploy".to_owned()));
    let kit = mlops_kit::kit::resolve(&q);
    assert_eq!(kit.serving.rollout_actions, ["promote", "rollback"]);
    let rollout = &files["cloudbuild/rollout.yaml"];
    assert!(rollout.contains("_ACTION: \"promote\"") || rollout.contains("_ACTION: promote"));
    // Deploying a canary never starts at its share on an empty endpoint.
    let code = &files["src/ml_pipeline/rollout.py"];
    assert!(code.contains("share = FULL_TRAFFIC if not current else traffic_percent"));
    // Direct rollout without approval needs no rollout build.
    let direct = render(&with_rollout(
        example("retail-startup"),
        RolloutStrategy::Direct,
        false,
    ));
    assert!(!direct.contains_key("cloudbuild/rollout.yaml"));
    assert!(!direct["terraform/modules/platform/build.tf"].contains("\"rollout\""));
}

#[test]
fn the_rollout_build_may_deploy_as_the_serving_account_only_when_it_releases_online() {
    let q = with_rollout(example("retail-startup"), RolloutStrategy::Canary, true);
    let kit = mlops_kit::kit::resolve(&q);
    assert!(kit.platform.service_account_grants.iter().any(|g| {
        g.member == "build" && g.target == "serving" && g.role == "roles/iam.serviceAccountUser"
    }));
    let batch_only = mlops_kit::kit::resolve(&example("fintech-regulated"));
    assert!(
        !batch_only
            .platform
            .service_account_grants
            .iter()
            .any(|g| { g.member == "build" && g.target == "serving" })
    );
}
