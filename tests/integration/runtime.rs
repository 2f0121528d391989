//! Run-time rules of the services a kit touches (issue 16, `RUNTIME-RULES.md`), checked over the kit
//! model and the rendered files of every questionnaire the tests cover: where registered models
//! live, which identity batch prediction runs as, how a release moves traffic, and who may approve it.
//! The kit's Python behaviour itself is tested by the kit's own tests on fakes of the Google clients
//! (`blueprints/kit/tests/test_release.py.tera`), which the conformance gate runs.

use mlops_kit::questionnaire::{Questionnaire, Rollout, RolloutStrategy, ServingMode};
use serde_json::Value;

use super::common::{
    all_questionnaires, arg_after, example, executor_args, render, resource, spec,
};

/// The tasks released inside the training pipeline's second condition (register, deploy, batch).
fn released_tasks(doc: &Value) -> Vec<String> {
    doc["components"]["comp-condition-2"]["dag"]["tasks"]
        .as_object()
        .map(|t| t.keys().cloned().collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------------
// 1. Registered models outlive the pipeline root

#[test]
fn registered_models_are_copied_to_the_artifacts_bucket_where_they_stay_in_standard_storage() {
    for (name, q) in super::common::trained_questionnaires() {
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
        // The scheduled batch-scoring pipeline scores; its job runs as the serving account.
        let doc = spec(&files, "pipelines/scoring_pipeline.yaml");
        let args = executor_args(&doc, "exec-batch-predict");
        assert_eq!(
            arg_after(&args, "--service-account").as_deref(),
            Some("{{$.inputs.parameters['serving_service_account']}}"),
            "{name}"
        );
        for env in &kit.environments {
            assert_eq!(
                env.pipeline_values["scoring"]["serving_service_account"],
                env.service_accounts.serving.as_str(),
                "{name}"
            );
        }
        let p = &kit.platform;
        let has = |target: &str, role: &str, grants: &[mlops_kit::kit::platform::Grant]| {
            grants
                .iter()
                .any(|g| g.member == "serving" && g.target == target && g.role == role)
        };
        // A model with named inputs (TensorFlow Serving) has its job read and write JSON Lines in the
        // artifacts bucket whatever the output; the scoring step loads a BigQuery output itself.
        let output = if mlops_kit::kit::workload::named_inputs(&kit) {
            Some("cloud_storage")
        } else {
            kit.serving.batch_output_kind.as_deref()
        };
        match output {
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
        // The job reads the inbox of new records in the artifacts bucket, never the training source.
        assert!(
            has("artifacts", "roles/storage.objectViewer", &p.bucket_grants),
            "{name}: the job reads the inbox"
        );
        for g in &p.source_grants {
            for env in &kit.environments {
                let member = format!("serviceAccount:{}", env.service_accounts.serving);
                assert!(
                    !g.members.contains(&member),
                    "{name}: the serving account never reads the training source"
                );
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
    for (name, q) in super::common::trained_questionnaires() {
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

// ---------------------------------------------------------------------------------------------------
// 2. Service agents exist before any grant names them

#[test]
fn every_kit_creates_every_service_agent_its_terraform_grants_to_before_the_first_apply() {
    for (name, q) in all_questionnaires() {
        let files = render(&q);
        let script = files
            .get("scripts/create-service-agents.sh")
            .unwrap_or_else(|| panic!("{name}: every kit creates its service agents"));
        let mut named = std::collections::BTreeSet::new();
        for (path, text) in files.iter().filter(|(p, _)| p.starts_with("terraform/")) {
            if std::path::Path::new(path)
                .extension()
                .is_none_or(|e| e != "tf")
            {
                continue;
            }
            for rest in text.split("@gcp-sa-").skip(1) {
                named.insert(rest.split('.').next().unwrap().to_owned());
            }
            if text.contains("dataflow-service-producer-prod.iam.gserviceaccount.com") {
                named.insert("dataflow".to_owned());
            }
        }
        assert!(named.contains("cloudbuild"), "{name}: {named:?}");
        for api in &named {
            // Google creates the Secure Fine-Tuning Service Agent with a project's first tuning
            // job (no command creates it beforehand): the grant to it waits behind a switch.
            if api == "vertex-tune" {
                assert!(
                    files["terraform/modules/platform/generative.tf"]
                        .contains("count              = var.enable_tuning_agent_grant ? 1 : 0"),
                    "{name}: the tuning agent's grant waits for the agent"
                );
                continue;
            }
            assert!(
                script.contains(&format!("  {api}.googleapis.com")),
                "{name}: Terraform grants to the {api} agent, which the script does not create"
            );
        }
        assert!(
            script.contains("wait_for_agent \"$agent\""),
            "{name}: the script waits for agents to propagate"
        );
        let readme = &files["README.md"];
        let create = readme
            .find("sh scripts/create-service-agents.sh")
            .unwrap_or_else(|| panic!("{name}: the runbook runs the script"));
        let apply = readme.find("apply tfplan").expect("the runbook applies");
        assert!(
            create < apply,
            "{name}: agents are created before the first apply"
        );
    }
}

// ---------------------------------------------------------------------------------------------------
// 11. Promotion applies the promoted release's Terraform

/// Runs a CD script of the kit in `dir` with a fake `gcloud` that maps `gs://` to a local folder.
fn run_cd_script(dir: &std::path::Path, script: &str, env: &[(&str, &str)]) {
    let bin = dir.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let gcloud = bin.join("gcloud");
    std::fs::write(
        &gcloud,
        "#!/bin/sh\n# fake gcloud: `gcloud storage cp SRC DST` with gs:// mapped to $FAKE_GCS\nshift 2\nsrc=$(echo \"$1\" | sed \"s|^gs://|$FAKE_GCS/|\")\ndst=$(echo \"$2\" | sed \"s|^gs://|$FAKE_GCS/|\")\ncase \"$dst\" in */) mkdir -p \"$dst\" ;; *) mkdir -p \"$(dirname \"$dst\")\" ;; esac\ncp \"$src\" \"$dst\"\n",
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["+x", gcloud.to_str().unwrap()])
        .status()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("sh")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .env("FAKE_GCS", dir.parent().unwrap().join("gcs"))
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{script}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn promotion_applies_the_terraform_of_the_release_not_of_main() {
    let files = render(&example("retail-startup"));
    let root = std::env::temp_dir().join(format!("mlops-kit-promote-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let write_checkout = |dir: &std::path::Path, marker: &str| {
        for (path, text) in &files {
            if path.starts_with("scripts/") || path.starts_with("terraform/") {
                let target = dir.join(path);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                let text = if path == "terraform/modules/platform/main.tf" {
                    format!("{text}# {marker}\n")
                } else {
                    text.clone()
                };
                std::fs::write(target, text).unwrap();
            }
        }
    };
    // The first environment builds release aaaa from its commit and records it.
    let first = root.join("dev");
    write_checkout(&first, "release aaaa");
    run_cd_script(
        &first,
        "scripts/cd-release.sh",
        &[
            ("COMMIT_SHA", "aaaa"),
            ("SOURCE_ENV", ""),
            ("SOURCE_ARTIFACTS_BUCKET", ""),
            ("RELEASE", ""),
        ],
    );
    std::fs::create_dir_all(first.join("release")).unwrap();
    std::fs::write(first.join("release/images.env"), "").unwrap();
    std::fs::write(first.join("release/templates.json"), "{}").unwrap();
    run_cd_script(
        &first,
        "scripts/cd-record.sh",
        &[
            ("ENV", "dev"),
            ("COMMIT_SHA", "aaaa"),
            ("BUILD_ID", "b1"),
            ("ARTIFACTS_BUCKET", "dev-artifacts"),
        ],
    );
    // Production promotes aaaa while main has moved on: its checkout carries main's Terraform.
    let prod = root.join("prod");
    write_checkout(&prod, "main HEAD bbbb");
    run_cd_script(
        &prod,
        "scripts/cd-release.sh",
        &[
            ("COMMIT_SHA", "bbbb"),
            ("SOURCE_ENV", "dev"),
            ("SOURCE_ARTIFACTS_BUCKET", "dev-artifacts"),
            ("RELEASE", "aaaa"),
        ],
    );
    let applied = std::fs::read_to_string(prod.join("terraform/modules/platform/main.tf")).unwrap();
    let _ = std::fs::remove_dir_all(&root);
    assert!(
        applied.contains("# release aaaa"),
        "production applies the release's Terraform"
    );
    assert!(!applied.contains("main HEAD bbbb"));
}

// ---------------------------------------------------------------------------------------------------
// 12. The template CT runs is never missing

#[test]
fn the_template_tag_ct_runs_moves_without_being_deleted() {
    let files = render(&example("retail-startup"));
    let script = &files["scripts/cd-templates.sh"];
    assert!(script.contains("client.update_tag(package, version, os.environ[\"TEMPLATE_TAG\"])"));
    assert!(
        !script.contains("delete_tag(package, os.environ[\"TEMPLATE_TAG\"])")
            && !script.contains("for tag in (release, os.environ[\"TEMPLATE_TAG\"])"),
        "deleting the tag before re-upload leaves CT without a template"
    );
}

// ---------------------------------------------------------------------------------------------------
// 7. Dataflow jobs carry the kit's code under a name of their own

#[test]
fn dataflow_jobs_stage_the_kit_package_and_name_each_run() {
    for (name, q) in all_questionnaires() {
        let files = render(&q);
        let Some(beam) = files.get("src/ml_pipeline/prepare_beam.py") else {
            continue;
        };
        assert!(
            beam.contains("setup_file=package_setup_file()"),
            "{name}: workers must be able to import the kit's module"
        );
        assert!(
            beam.contains("job_name=job_name()")
                && !beam.contains("job_name=\"prepare-training-data\""),
            "{name}: a fixed job name collides between concurrent runs"
        );
        assert!(files.contains_key("tests/test_prepare_beam.py"), "{name}");
    }
}

// ---------------------------------------------------------------------------------------------------
// 5. Perimeter kits can read their data

#[test]
fn perimeter_runbooks_put_every_data_project_in_the_perimeter_or_an_egress_rule() {
    let mut checked = 0;
    for (name, q) in all_questionnaires() {
        let kit = mlops_kit::kit::resolve(&q);
        if !kit.features.vpc_service_controls {
            continue;
        }
        let files = render(&q);
        for source in &kit.data.sources {
            let Some(project) = &source.project_id else {
                continue;
            };
            if kit.environments.iter().any(|e| &e.project_id == project) {
                continue;
            }
            checked += 1;
            for doc in ["README.md", "terraform/README.md"] {
                assert!(
                    files[doc].contains(&format!("`{project}`")),
                    "{name}: {doc} must put the data project {project} in the perimeter"
                );
            }
            assert!(
                files["terraform/README.md"].contains("egress rule"),
                "{name}"
            );
        }
    }
    assert!(
        checked >= 1,
        "a perimeter kit reads data from another project"
    );
}

// ---------------------------------------------------------------------------------------------------
// 12. Only production pays for a standing endpoint replica

#[test]
fn outside_production_the_training_run_undeploys_the_model_it_checked() {
    let mut covered = 0;
    for (name, q) in all_questionnaires() {
        let kit = mlops_kit::kit::resolve(&q);
        if !(kit.features.online_serving && kit.serving.pipeline_releases) {
            continue;
        }
        covered += 1;
        let files = render(&q);
        let doc = spec(&files, "pipelines/training_pipeline.yaml");
        let args = executor_args(&doc, "exec-deploy");
        assert_eq!(
            arg_after(&args, "--keep-deployed").as_deref(),
            Some("{{$.inputs.parameters['keep_deployed']}}"),
            "{name}: the deploy step is told per environment whether the model keeps serving"
        );
        for env in &kit.environments {
            let keep = &env.pipeline_values["training"]["keep_deployed"];
            assert_eq!(
                keep,
                &Value::Bool(env.is_production),
                "{name}: {} keeps a replica only in production",
                env.name
            );
            let main = &files[&format!("terraform/environments/{}/main.tf", env.name)];
            assert!(
                main.contains(&format!("keep_deployed            = {keep}"))
                    || main.contains(&format!("keep_deployed = {keep}")),
                "{name}: Terraform hands CT keep_deployed = {keep} in {}",
                env.name
            );
        }
        let deploy = &files["src/ml_pipeline/deploy.py"];
        assert!(
            deploy.contains("check_and_undeploy(endpoint, deployed)"),
            "{name}: deploy.py undeploys when told not to keep the model"
        );
    }
    assert!(
        covered > 0,
        "some questionnaire deploys from the training run"
    );
    let retail = render(&example("retail-startup"));
    assert!(
        retail["README.md"].contains("In `dev` the deploy step undeploys the new model"),
        "the runbook says dev holds no standing replica"
    );
}

// ---------------------------------------------------------------------------------------------------
// 12. Model Monitoring's identity can read its skew baseline

#[test]
fn the_monitoring_service_agent_reads_the_skew_baseline_dataset_and_nothing_more() {
    let mut covered = 0;
    for (name, q) in all_questionnaires() {
        let kit = mlops_kit::kit::resolve(&q);
        let baseline = &kit.workload.monitoring_training_data_uri;
        if !kit.features.model_monitoring || baseline.is_empty() {
            continue;
        }
        covered += 1;
        let files = render(&q);
        let (project, rest) = baseline
            .trim_start_matches("bq://")
            .split_once('.')
            .unwrap();
        let dataset = rest.split('.').next().unwrap();
        let access = &files["terraform/bootstrap/access.tf"];
        for env in kit.environments.iter().filter(|e| e.is_production) {
            let label = format!("monitoring_{}", env.name);
            let grant = resource(
                access,
                "google_bigquery_dataset_iam_member",
                &format!("{label}_baseline"),
            )
            .unwrap_or_else(|| panic!("{name}: no read on the baseline for {}", env.name));
            assert!(
                grant.contains(&format!("project    = \"{project}\""))
                    && grant.contains(&format!("dataset_id = \"{dataset}\""))
                    && grant.contains("role       = \"roles/bigquery.dataViewer\"")
                    && grant.contains(&format!(
                        "member     = \"serviceAccount:service-${{data.google_project.{label}[0].number}}@gcp-sa-aiplatform.iam.gserviceaccount.com\""
                    )),
                "{name}: the Vertex AI service agent of {} reads exactly the baseline's dataset:\n{grant}",
                env.name
            );
            assert!(
                access.contains(&format!(
                    "data \"google_project\" \"{label}\" {{\n  count = var.enable_access_grants ? 1 : 0\n\n  project_id = \"{}\"",
                    env.project_id
                )),
                "{name}: the agent is named by the number of {}",
                env.project_id
            );
        }
        // Environments that keep no model deployed run no monitoring job and get no read.
        for env in kit.environments.iter().filter(|e| !e.is_production) {
            assert!(
                !access.contains(&format!("\"monitoring_{}_baseline\"", env.name)),
                "{name}: {} monitors nothing",
                env.name
            );
        }
    }
    assert!(
        covered > 0,
        "some questionnaire monitors a BigQuery-trained model"
    );
}

// ---------------------------------------------------------------------------------------------------
// 12. BigQuery jobs run where the warehouse is

/// Retail's answers with the warehouse in `location`, the platform in `region`, batch and online
/// serving, personal data (so development trains on the masked view).
fn warehouse_in(location: Option<&str>, region: &str) -> Questionnaire {
    let mut q = example("retail-startup");
    region.clone_into(&mut q.gcp.region);
    q.serving.mode = ServingMode::Both;
    q.serving.batch_output = Some(mlops_kit::questionnaire::BatchOutput::Bigquery {
        table: "churn_scores".into(),
    });
    q.data.sensitivity = mlops_kit::questionnaire::Sensitivity::Personal;
    if let Some(mlops_kit::questionnaire::DataSource::Bigquery { location: l, .. }) =
        q.data.sources.first_mut()
    {
        *l = location.map(str::to_owned);
    }
    q
}

#[test]
fn bigquery_jobs_on_the_training_table_run_in_the_warehouse_location() {
    // A US warehouse for a São Paulo platform: BigQuery queries it in `US`; Vertex AI jobs of the
    // region cannot read it in place (Model Monitoring reads BigQuery only in its region or the
    // multi-region containing it), so skew is off. Batch scoring reads its inbox of files anyway.
    let q = warehouse_in(Some("US"), "southamerica-east1");
    let text = serde_json::to_string(&q).unwrap();
    let q = mlops_kit::questionnaire::load_str("q.json", &text)
        .expect("a US warehouse with a São Paulo platform is valid under 10 GB")
        .questionnaire;
    let kit = mlops_kit::kit::resolve(&q);
    let files = render(&q);
    let doc = spec(&files, "pipelines/training_pipeline.yaml");
    let extract = executor_args(&doc, "exec-extract");
    assert_eq!(
        arg_after(&extract, "--bigquery-location").as_deref(),
        Some("US")
    );
    for env in &kit.environments {
        let input = env.pipeline_values["scoring"]["batch_input_uri"]
            .as_str()
            .unwrap();
        assert!(
            input.starts_with(&format!("gs://{}/batch-input", env.buckets.artifacts)),
            "{}: batch scoring reads its inbox: {input}",
            env.name
        );
    }
    assert_eq!(kit.workload.monitoring_training_data_uri, "");
    let monitoring: Value =
        serde_json::from_str(&files["pipelines/model_monitoring.json"]).unwrap();
    assert_eq!(monitoring["skew"]["training_data_uri"], "");
    let access = &files["terraform/bootstrap/access.tf"];
    assert!(
        !access.contains("_baseline\""),
        "no skew baseline, no read on it"
    );
    // The authorized view reads the production table: its dataset is in the table's location.
    let masked = resource(access, "google_bigquery_dataset", "masked_training").unwrap();
    assert!(masked.contains("location      = \"US\""), "{masked}");
    assert!(files["docs/architecture.md"].contains("by jobs in its location `US`"));

    // The same warehouse for a platform inside the multi-region: Model Monitoring reads it in place.
    let kit = mlops_kit::kit::resolve(&warehouse_in(Some("US"), "us-central1"));
    assert!(
        kit.workload
            .monitoring_training_data_uri
            .starts_with("bq://")
    );
    // Unanswered: the platform region, as before.
    let kit = mlops_kit::kit::resolve(&warehouse_in(None, "southamerica-east1"));
    assert_eq!(
        kit.data.primary.location.as_deref(),
        Some("southamerica-east1")
    );
}

// ---------------------------------------------------------------------------------------------------
// Job-level runtime references reach a step as task inputs, never in its command line

/// Every `{{$...}}` reference in `text`, without the braces and `$` (`.inputs.parameters['x']`, ...).
fn runtime_references(text: &str) -> Vec<String> {
    text.match_indices("{{$")
        .filter_map(|(at, _)| {
            let body = &text[at + 3..];
            body.find("}}").map(|end| body[..end].to_owned())
        })
        .collect()
}

/// Every task of a compiled spec (root DAG and condition sub-DAGs) with the component it calls.
fn all_tasks(doc: &Value) -> Vec<(String, Value)> {
    let mut dags = vec![&doc["root"]["dag"]["tasks"]];
    if let Some(components) = doc["components"].as_object() {
        dags.extend(components.values().map(|c| &c["dag"]["tasks"]));
    }
    dags.into_iter()
        .filter_map(Value::as_object)
        .flat_map(|tasks| tasks.iter().map(|(k, v)| (k.clone(), v.clone())))
        .collect()
}

#[test]
fn job_level_references_are_task_inputs_the_backend_resolves_never_command_line_text() {
    let mut run_names = 0;
    for (name, q) in all_questionnaires() {
        let files = render(&q);
        for path in files
            .keys()
            .filter(|p| p.starts_with("pipelines/") && p.ends_with("_pipeline.yaml"))
        {
            let doc = spec(&files, path);
            // Kubeflow Pipelines' driver resolves `{{$.pipeline_job_name}}` and the other job-level
            // references only where a task input's runtimeValue constant is exactly the reference;
            // in a container's command or args only `{{$}}`, inputs and outputs are substituted.
            for (executor, body) in doc["deploymentSpec"]["executors"]
                .as_object()
                .unwrap_or_else(|| panic!("{name} {path}: executors"))
            {
                let container = &body["container"];
                for field in ["command", "args"] {
                    for arg in container[field].as_array().into_iter().flatten() {
                        let text = arg.as_str().unwrap_or_default();
                        for reference in runtime_references(text) {
                            assert!(
                                reference.is_empty()
                                    || reference.starts_with(".inputs.")
                                    || reference.starts_with(".outputs."),
                                "{name} {path} {executor} {field}: {{{{${reference}}}}} in {text:?} \
                                 is not resolved in a command line; pass it as a task input"
                            );
                        }
                    }
                }
            }
            for (task, body) in all_tasks(&doc) {
                let Some(params) = body["inputs"]["parameters"].as_object() else {
                    continue;
                };
                for (input, value) in params {
                    let Some(constant) = value["runtimeValue"]["constant"].as_str() else {
                        continue;
                    };
                    if !constant.contains("{{$") {
                        continue;
                    }
                    // Exactly one reference, the whole constant, or the driver passes it as text.
                    assert!(
                        constant.starts_with("{{$.pipeline_")
                            && constant.ends_with("}}")
                            && runtime_references(constant).len() == 1,
                        "{name} {path} task {task} input {input}: {constant:?}"
                    );
                    if constant == "{{$.pipeline_job_name}}" {
                        run_names += 1;
                    }
                    let component = body["componentRef"]["name"].as_str().unwrap_or_default();
                    assert_eq!(
                        doc["components"][component]["inputDefinitions"]["parameters"][input]["parameterType"],
                        "STRING",
                        "{name} {path} task {task}: {input} is a STRING input of {component}"
                    );
                }
            }
        }
        if q.generative.is_none() {
            // The experiment run is named after the pipeline run, delivered as the SDK compiles
            // `evaluate(experiment_run=dsl.PIPELINE_JOB_NAME_PLACEHOLDER)`.
            let doc = spec(&files, "pipelines/training_pipeline.yaml");
            assert_eq!(
                doc["root"]["dag"]["tasks"]["evaluate"]["inputs"]["parameters"]["experiment_run"]["runtimeValue"]
                    ["constant"],
                "{{$.pipeline_job_name}}",
                "{name}"
            );
            assert_eq!(
                arg_after(&executor_args(&doc, "exec-evaluate"), "--experiment-run").as_deref(),
                Some("{{$.inputs.parameters['experiment_run']}}"),
                "{name}"
            );
        }
    }
    assert!(run_names > 0, "the run name reaches some step");
}
