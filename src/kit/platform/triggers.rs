//! Cloud Build: the triggers (CI, CD, continuous training on schedule, new data or drift), the
//! substitutions each build config declares, the pinned builder images, and the training and
//! monitoring pipeline runs the builds start.

use serde::Serialize;

use crate::kit::Kit;

use super::parameters::{HclAttribute, aligned, hcl_key};

/// A Cloud Build trigger.
#[derive(Debug, Clone, Serialize)]
pub struct Trigger {
    /// Terraform resource label (`ci`, `cd`, `ct`, `ct_new_data`, `ct_drift`).
    pub key: String,
    /// Trigger name.
    pub name: String,
    /// Description (the kit's own text, rendered as is in Markdown).
    pub description: String,
    /// Build config in the repository.
    pub filename: String,
    /// Service account key it runs as.
    pub service_account: String,
    /// Which environments have it: `ci`, `all` or `training`.
    pub scope: String,
    /// Whether it is a Cloud Build trigger. Inside a VPC Service Controls perimeter the new-data
    /// and drift entries are workflows of that name (Eventarc starts them, they run `ct`).
    pub cloud_build: bool,
}

/// The training pipeline as continuous training runs it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TrainingPipeline {
    /// KFP package name of the published template.
    pub name: String,
    /// Compiled spec in the kit.
    pub file: String,
    /// Template tag CD moves to each release and CT runs.
    pub tag: String,
}

/// The Vertex AI schedule (`google_colab_schedule`) that runs the batch drift-monitoring pipeline in
/// the training environment, from the template CD publishes.
#[derive(Debug, Clone, Serialize)]
pub struct MonitoringSchedule {
    /// Display name of the schedule and of its runs.
    pub display_name: String,
    /// KFP package name of the monitoring template in the environment's KFP repository.
    pub pipeline: String,
    /// Template tag the schedule runs (CD moves it on every release, as for training).
    pub template_tag: String,
    /// Cron of the runs (UTC), from the answered monitoring frequency.
    pub cron: String,
    /// Environment that schedules it (the one that trains on real data and scores batches).
    pub environment: String,
    /// The pipeline's parameter values in that environment, as HCL object attributes (all strings:
    /// the schedule resource passes parameter values as strings).
    pub parameters: Vec<HclAttribute>,
}

/// The three Cloud Build configs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Builds {
    /// Pull-request checks.
    pub ci: BuildConfig,
    /// Release and promotion.
    pub cd: BuildConfig,
    /// Continuous training.
    pub ct: BuildConfig,
    /// The approval-gated model rollout (release the candidate, promote or roll back a canary),
    /// when the kit has one.
    pub rollout: Option<BuildConfig>,
}

/// One Cloud Build config.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildConfig {
    /// Path in the kit.
    pub file: String,
    /// Declared substitutions, in order.
    pub substitutions: Vec<Substitution>,
    /// Timeout in seconds.
    pub timeout_seconds: u32,
}

/// A user-defined substitution.
#[derive(Debug, Clone, Serialize)]
pub struct Substitution {
    /// Key (`_X`).
    pub key: String,
    /// Default written in the config.
    pub default: String,
    /// What it holds.
    pub description: String,
}

/// Pinned builder images.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuilderImages {
    /// Terraform CLI.
    pub terraform: String,
    /// gcloud.
    pub gcloud: String,
    /// Docker CLI (talks to the build host's daemon).
    pub docker: String,
    /// Python for lint, tests, KFP and the Vertex AI SDK.
    pub python: String,
    /// Terraform version inside the Terraform image.
    pub terraform_version: String,
}

pub(super) fn triggers(kit: &Kit) -> Vec<Trigger> {
    let slug = &kit.client.slug;
    let f = &kit.features;
    let t = |key: &str, name: &str, what: &str, file: &str, sa: &str, scope: &str| Trigger {
        key: key.to_owned(),
        name: format!("{slug}-{name}"),
        description: what.to_owned(),
        filename: file.to_owned(),
        service_account: sa.to_owned(),
        scope: scope.to_owned(),
        cloud_build: true,
    };
    let mut out = vec![
        t(
            "ci",
            "ci",
            "Pull-request checks: lint, tests, image builds, pipeline validation, Terraform plan",
            "cloudbuild/ci.yaml",
            "ci",
            "ci",
        ),
        t(
            "cd",
            "cd",
            "Release: Terraform apply, images and pipeline templates (built in the first environment, promoted by digest after)",
            "cloudbuild/cd.yaml",
            "deploy",
            "all",
        ),
        t(
            "ct",
            "ct",
            "Continuous training: run the training pipeline and wait for it",
            "cloudbuild/ct.yaml",
            "build",
            "all",
        ),
    ];
    if f.retrain_on_new_data {
        out.push(t(
            "ct_new_data",
            "ct-new-data",
            "Continuous training when new data lands",
            "cloudbuild/ct.yaml",
            "build",
            "training",
        ));
    }
    if f.retrain_on_drift {
        out.push(t(
            "ct_drift",
            "ct-drift",
            "Continuous training when drift monitoring raises an anomaly",
            "cloudbuild/ct.yaml",
            "build",
            "training",
        ));
    }
    if !kit.serving.rollout_actions.is_empty() {
        out.push(t(
            "rollout",
            "rollout",
            "Model rollout: release the candidate version, or promote or roll back the canary (_ACTION)",
            "cloudbuild/rollout.yaml",
            "build",
            "all",
        ));
    }
    if super::retraining_via_workflows(kit) {
        for t in &mut out {
            t.cloud_build = !matches!(t.key.as_str(), "ct_new_data" | "ct_drift");
        }
    }
    out
}

/// A substitution a build config declares: its key, default value and what it is for.
pub(super) fn substitution(key: &str, default: &str, description: &str) -> Substitution {
    Substitution {
        key: key.to_owned(),
        default: default.to_owned(),
        description: description.to_owned(),
    }
}

pub(super) fn training_pipeline(kit: &Kit) -> TrainingPipeline {
    let training = kit.pipelines.iter().find(|p| p.key == "training");
    TrainingPipeline {
        name: training.map_or_else(
            || format!("{}-training", kit.client.slug),
            |p| p.name.clone(),
        ),
        file: training.map_or_else(
            || "pipelines/training_pipeline.yaml".to_owned(),
            |p| p.file.clone(),
        ),
        tag: "current".to_owned(),
    }
}

pub(super) fn monitoring_schedule(kit: &Kit) -> Option<MonitoringSchedule> {
    if !kit.features.batch_drift_monitoring {
        return None;
    }
    let pipeline = kit.pipelines.iter().find(|p| p.key == "monitoring")?;
    let env = kit
        .environments
        .iter()
        .find(|e| e.name == kit.training_environment)?;
    let values = env.pipeline_values.get(&pipeline.key)?;
    let keys: Vec<(String, String)> = values
        .iter()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (hcl_key(k), text)
        })
        .collect();
    Some(MonitoringSchedule {
        display_name: pipeline.name.clone(),
        pipeline: pipeline.name.clone(),
        template_tag: training_pipeline(kit).tag,
        cron: kit.monitoring.cron.clone(),
        environment: env.name.clone(),
        parameters: aligned(keys)
            .map(|(key, pad, text)| HclAttribute {
                pad,
                key,
                string: Some(text),
                literal: None,
            })
            .collect(),
    })
}

pub(super) fn builds(kit: &Kit) -> Builds {
    let region = &kit.region;
    let ci_env = &kit.environments[0];
    let training = training_pipeline(kit);
    let (pipeline_name, pipeline_file) = (training.name, training.file);
    Builds {
        ci: BuildConfig {
            file: "cloudbuild/ci.yaml".to_owned(),
            substitutions: vec![
                substitution("_REGION", region, "Region of every regional resource"),
                substitution(
                    "_ENV",
                    &ci_env.name,
                    "Environment whose Terraform root CI plans",
                ),
                substitution(
                    "_DOCKER_REGISTRY",
                    &ci_env.docker_registry,
                    "Docker repository images are tagged for (CI does not push)",
                ),
            ],
            timeout_seconds: 3600,
        },
        cd: BuildConfig {
            file: "cloudbuild/cd.yaml".to_owned(),
            substitutions: vec![
                substitution("_REGION", region, "Region of every regional resource"),
                substitution("_ENV", &ci_env.name, "Environment this build releases to"),
                substitution(
                    "_DOCKER_REGISTRY",
                    &ci_env.docker_registry,
                    "Docker repository of this environment",
                ),
                substitution(
                    "_KFP_REGISTRY",
                    &ci_env.kfp_registry,
                    "KFP template repository of this environment",
                ),
                substitution(
                    "_ARTIFACTS_BUCKET",
                    &ci_env.buckets.artifacts,
                    "Bucket of release records and saved plans",
                ),
                substitution(
                    "_SOURCE_ENV",
                    "",
                    "Environment promoted from; empty builds from source",
                ),
                substitution(
                    "_SOURCE_DOCKER_REGISTRY",
                    "",
                    "Docker repository promoted from",
                ),
                substitution(
                    "_SOURCE_KFP_REGISTRY",
                    "",
                    "KFP template repository promoted from",
                ),
                substitution(
                    "_SOURCE_ARTIFACTS_BUCKET",
                    "",
                    "Release records promoted from",
                ),
                substitution(
                    "_RELEASE",
                    "",
                    "Commit of the release to promote; empty promotes the source's latest",
                ),
            ],
            timeout_seconds: 5400,
        },
        ct: BuildConfig {
            file: "cloudbuild/ct.yaml".to_owned(),
            substitutions: vec![
                substitution("_REGION", region, "Region of every regional resource"),
                substitution("_ENV", &ci_env.name, "Environment the pipeline runs in"),
                substitution(
                    "_KFP_REGISTRY",
                    &ci_env.kfp_registry,
                    "KFP template repository",
                ),
                substitution(
                    "_PIPELINE_NAME",
                    &pipeline_name,
                    "KFP package of the training pipeline",
                ),
                substitution(
                    "_PIPELINE_FILE",
                    &pipeline_file,
                    "Compiled spec in the repository; CD publishes it as the template CT runs",
                ),
                substitution(
                    "_TEMPLATE_TAG",
                    "current",
                    "Template tag to run (CD moves it on every release)",
                ),
                substitution(
                    "_PIPELINE_ROOT",
                    &format!("gs://{}/runs", ci_env.buckets.pipeline_root),
                    "Root of pipeline run outputs",
                ),
                substitution(
                    "_PIPELINE_SA",
                    &ci_env.service_accounts.pipeline,
                    "Service account the run uses",
                ),
                substitution(
                    "_KMS_KEY",
                    ci_env.kms.as_ref().map_or("", |k| k.key_id.as_str()),
                    "Cloud KMS key of the run, empty without CMEK",
                ),
                substitution(
                    "_NETWORK",
                    "",
                    "VPC network the run peers with (projects/NUMBER/global/networks/NAME), set by the triggers; empty runs without one",
                ),
                substitution(
                    "_PARAMETER_VALUES",
                    "{}",
                    "Pipeline parameter values as a JSON object",
                ),
                substitution(
                    "_RUN_REASON",
                    "manual",
                    "What started the run: manual, schedule, new_data or drift",
                ),
            ],
            timeout_seconds: 86_400,
        },
        rollout: kit.serving.rollout_actions.first().map(|first| BuildConfig {
            file: "cloudbuild/rollout.yaml".to_owned(),
            substitutions: vec![
                substitution("_REGION", region, "Region of every regional resource"),
                substitution(
                    "_ACTION",
                    first,
                    &format!(
                        "What the rollout does: {}",
                        kit.serving.rollout_actions.join(", ")
                    ),
                ),
            ],
            timeout_seconds: 7200,
        }),
    }
}
