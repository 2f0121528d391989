//! Cloud Build: the triggers (CI, CD, continuous training on schedule, new data or drift), the
//! substitutions each build config declares, the pinned builder images, and the training and
//! monitoring pipeline runs the builds start.

use serde::Serialize;

use crate::i18n::{Bilingual, both};
use crate::kit::Kit;

use super::parameters::{HclAttribute, aligned, hcl_key};

/// The CT substitution that says what started a run: the automatic starters (schedule, new data,
/// drift) override only this key when they run the CT trigger.
pub const RUN_REASON_SUBSTITUTION: &str = "_RUN_REASON";

/// The CD substitution a person sets to promote one release (`gcloud builds triggers run
/// --substitutions`); empty promotes the source environment's latest.
pub const RELEASE_SUBSTITUTION: &str = "_RELEASE";

/// A Cloud Build trigger.
#[derive(Debug, Clone, Serialize)]
pub struct Trigger {
    /// Terraform resource label (`ci`, `cd`, `ct`, `ct_new_data`, `ct_drift`).
    pub key: String,
    /// Trigger name.
    pub name: String,
    /// Description (the kit's own text): English for the Terraform trigger's `description`, the
    /// kit's language in the documents (Markdown written by the kit).
    pub description: Bilingual,
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

/// A Vertex AI schedule (`google_colab_schedule`) that runs one of the batch pipelines (drift
/// monitoring, batch scoring) in the training environment, from the template CD publishes.
#[derive(Debug, Clone, Serialize)]
pub struct PipelineSchedule {
    /// Display name of the schedule and of its runs.
    pub display_name: String,
    /// KFP package name of the template in the environment's KFP repository.
    pub pipeline: String,
    /// Template tag the schedule runs (CD moves it on every release, as for training).
    pub template_tag: String,
    /// Cron of the runs (UTC): the answered monitoring frequency, or daily for batch scoring.
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
    /// [`RUN_REASON_SUBSTITUTION`], which the automatic CT starters override.
    pub run_reason_substitution: String,
    /// [`RELEASE_SUBSTITUTION`], which a person sets to promote one release.
    pub release_substitution: String,
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

/// A user-defined substitution of one config: the config declares it with its default, uses it in a
/// step, and the Terraform triggers that run the config pass it. Cloud Build matches substitutions
/// strictly (a key passed or declared but never used, or used with no value, fails the build before
/// any step runs), so this one list is where the config's defaults and the triggers' values both
/// come from.
#[derive(Debug, Clone, Serialize)]
pub struct Substitution {
    /// Key (`_X`, matching `^_[A-Z0-9_]+$`).
    pub key: String,
    /// Default written in the config.
    pub default: String,
    /// What it holds.
    pub description: String,
    /// HCL expression of the value the platform module's triggers pass (per environment).
    pub terraform: String,
    /// Spaces after the key so the `=` of the triggers' substitutions object line up.
    pub pad: String,
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
    // `what` names the catalogue message (locales/*/readme.ftl) of the trigger's description.
    let t = |key: &str, name: &str, what: &str, file: &str, sa: &str, scope: &str| Trigger {
        key: key.to_owned(),
        name: format!("{slug}-{name}"),
        description: both(kit.language, what),
        filename: file.to_owned(),
        service_account: sa.to_owned(),
        scope: scope.to_owned(),
        cloud_build: true,
    };
    let mut out = vec![
        t("ci", "ci", "trigger-ci", "cloudbuild/ci.yaml", "ci", "ci"),
        t(
            "cd",
            "cd",
            if kit.features.promotion {
                "trigger-cd-promotion"
            } else {
                "trigger-cd"
            },
            "cloudbuild/cd.yaml",
            "deploy",
            "all",
        ),
        t(
            "ct",
            "ct",
            "trigger-ct",
            "cloudbuild/ct.yaml",
            "build",
            "all",
        ),
    ];
    if kit.generative.is_some() {
        // No training: the evaluation pipelines run from CD and from their Vertex AI schedule.
        out.retain(|t| t.key != "ct");
        out[0].description = both(kit.language, "trigger-ci-generative");
        out[1].description = both(kit.language, "trigger-cd-generative");
    }
    if f.retrain_on_new_data {
        out.push(t(
            "ct_new_data",
            "ct-new-data",
            "trigger-ct-new-data",
            "cloudbuild/ct.yaml",
            "build",
            "training",
        ));
    }
    if f.retrain_on_drift {
        out.push(t(
            "ct_drift",
            "ct-drift",
            "trigger-ct-drift",
            "cloudbuild/ct.yaml",
            "build",
            "training",
        ));
    }
    if !kit.serving.rollout_actions.is_empty() {
        out.push(t(
            "rollout",
            "rollout",
            "trigger-rollout",
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

/// A substitution a build config declares: its key, default value, what it is for, and the HCL
/// expression the triggers pass.
fn substitution(key: &str, default: &str, description: &str, terraform: &str) -> Substitution {
    Substitution {
        key: key.to_owned(),
        default: default.to_owned(),
        description: description.to_owned(),
        terraform: terraform.to_owned(),
        pad: String::new(),
    }
}

/// Pads the keys of one config's substitutions so the triggers' object is `terraform fmt` aligned.
fn aligned_substitutions(subs: Vec<Substitution>) -> Vec<Substitution> {
    let entries = subs.into_iter().map(|s| (s.key.clone(), s)).collect();
    aligned(entries)
        .map(|(_, pad, s)| Substitution { pad, ..s })
        .collect()
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

pub(super) fn monitoring_schedule(kit: &Kit) -> Option<PipelineSchedule> {
    if !kit.features.batch_drift_monitoring {
        return None;
    }
    pipeline_schedule(kit, "monitoring", &kit.monitoring.cron)
}

/// The daily schedule of the batch-scoring pipeline (batch serving).
pub(super) fn scoring_schedule(kit: &Kit) -> Option<PipelineSchedule> {
    if !kit.features.batch_serving {
        return None;
    }
    pipeline_schedule(kit, "scoring", crate::kit::workload::SCORING_CRON)
}

fn pipeline_schedule(kit: &Kit, key: &str, cron: &str) -> Option<PipelineSchedule> {
    let pipeline = kit.pipelines.iter().find(|p| p.key == key)?;
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
    Some(PipelineSchedule {
        display_name: pipeline.name.clone(),
        pipeline: pipeline.name.clone(),
        template_tag: training_pipeline(kit).tag,
        cron: cron.to_owned(),
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

/// The three configs and their substitutions. `network` says whether the platform peers with a VPC
/// network, `network_parameter` names the training pipeline parameter Terraform sets to it.
pub(super) fn builds(kit: &Kit, network: bool, network_parameter: Option<&str>) -> Builds {
    let region = &kit.region;
    let ci_env = &kit.environments[0];
    let training = training_pipeline(kit);
    let hcl = crate::render::filters::hcl_string;
    let promoted =
        |field: &str| format!("var.promote_from == null ? \"\" : var.promote_from.{field}");
    let parameter_values = match network_parameter {
        Some(name) => format!(
            "jsonencode(merge(var.pipeline_parameters, {{ {} = local.endpoint_network }}))",
            hcl_key(name)
        ),
        None => "jsonencode(var.pipeline_parameters)".to_owned(),
    };
    Builds {
        run_reason_substitution: RUN_REASON_SUBSTITUTION.to_owned(),
        release_substitution: RELEASE_SUBSTITUTION.to_owned(),
        ci: BuildConfig {
            file: "cloudbuild/ci.yaml".to_owned(),
            substitutions: aligned_substitutions(vec![
                substitution(
                    "_ENV",
                    &ci_env.name,
                    "Environment whose Terraform root CI plans",
                    "var.environment",
                ),
                substitution(
                    "_DOCKER_REGISTRY",
                    &ci_env.docker_registry,
                    "Docker repository images are tagged for (CI does not push)",
                    "local.docker_registry",
                ),
            ]),
            timeout_seconds: 3600,
        },
        cd: BuildConfig {
            file: "cloudbuild/cd.yaml".to_owned(),
            substitutions: aligned_substitutions(vec![
                substitution(
                    "_ENV",
                    &ci_env.name,
                    "Environment this build releases to",
                    "var.environment",
                ),
                substitution(
                    "_DOCKER_REGISTRY",
                    &ci_env.docker_registry,
                    "Docker repository of this environment",
                    "local.docker_registry",
                ),
                substitution(
                    "_KFP_REGISTRY",
                    &ci_env.kfp_registry,
                    "KFP template repository of this environment",
                    "local.kfp_registry",
                ),
                substitution(
                    "_ARTIFACTS_BUCKET",
                    &ci_env.buckets.artifacts,
                    "Bucket of release records and saved plans",
                    "google_storage_bucket.artifacts.name",
                ),
                substitution(
                    "_SOURCE_ENV",
                    "",
                    "Environment promoted from; empty builds from source",
                    &promoted("environment"),
                ),
                substitution(
                    "_SOURCE_DOCKER_REGISTRY",
                    "",
                    "Docker repository promoted from",
                    &promoted("docker_registry"),
                ),
                substitution(
                    "_SOURCE_KFP_REGISTRY",
                    "",
                    "KFP template repository promoted from",
                    &promoted("kfp_registry"),
                ),
                substitution(
                    "_SOURCE_ARTIFACTS_BUCKET",
                    "",
                    "Release records promoted from",
                    &promoted("artifacts_bucket"),
                ),
                substitution(
                    RELEASE_SUBSTITUTION,
                    "",
                    "Commit of the release to promote; empty promotes the source's latest",
                    "\"\"",
                ),
            ]),
            timeout_seconds: 5400,
        },
        ct: BuildConfig {
            file: "cloudbuild/ct.yaml".to_owned(),
            substitutions: aligned_substitutions(vec![
                substitution(
                    "_REGION",
                    region,
                    "Region of every regional resource",
                    "var.region",
                ),
                substitution(
                    "_ENV",
                    &ci_env.name,
                    "Environment the pipeline runs in",
                    "var.environment",
                ),
                substitution(
                    "_KFP_REGISTRY",
                    &ci_env.kfp_registry,
                    "KFP template repository",
                    "local.kfp_registry",
                ),
                substitution(
                    "_PIPELINE_NAME",
                    &training.name,
                    "KFP package of the training pipeline",
                    &hcl(&training.name),
                ),
                substitution(
                    "_PIPELINE_FILE",
                    &training.file,
                    "Compiled spec in the repository; CD publishes it as the template CT runs",
                    &hcl(&training.file),
                ),
                substitution(
                    "_TEMPLATE_TAG",
                    &training.tag,
                    "Template tag to run (CD moves it on every release)",
                    &hcl(&training.tag),
                ),
                substitution(
                    "_PIPELINE_ROOT",
                    &format!("gs://{}/runs", ci_env.buckets.pipeline_root),
                    "Root of pipeline run outputs",
                    "\"gs://${google_storage_bucket.pipeline_root.name}/runs\"",
                ),
                substitution(
                    "_PIPELINE_SA",
                    &ci_env.service_accounts.pipeline,
                    "Service account the run uses",
                    "google_service_account.pipeline.email",
                ),
                substitution(
                    "_KMS_KEY",
                    ci_env.kms.as_ref().map_or("", |k| k.key_id.as_str()),
                    "Cloud KMS key of the run, empty without CMEK",
                    if kit.features.cmek {
                        "local.kms_key_id"
                    } else {
                        "\"\""
                    },
                ),
                substitution(
                    "_NETWORK",
                    "",
                    "VPC network the run peers with (projects/NUMBER/global/networks/NAME), set by the triggers; empty runs without one",
                    if network {
                        "local.endpoint_network"
                    } else {
                        "\"\""
                    },
                ),
                substitution(
                    "_PARAMETER_VALUES",
                    "{}",
                    "Pipeline parameter values as a JSON object",
                    &parameter_values,
                ),
                substitution(
                    RUN_REASON_SUBSTITUTION,
                    "manual",
                    "What started the run: manual, schedule, new_data or drift",
                    "\"manual\"",
                ),
            ]),
            timeout_seconds: 86_400,
        },
        rollout: kit
            .serving
            .rollout_actions
            .first()
            .map(|first| BuildConfig {
                file: "cloudbuild/rollout.yaml".to_owned(),
                substitutions: aligned_substitutions(vec![
                    substitution(
                        "_REGION",
                        &kit.region,
                        "Region of every regional resource",
                        "var.region",
                    ),
                    substitution(
                        "_ACTION",
                        first,
                        &format!(
                            "What the rollout does: {}",
                            kit.serving.rollout_actions.join(", ")
                        ),
                        &hcl(first),
                    ),
                ]),
                timeout_seconds: 7200,
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitution_keys_are_cloud_build_user_keys_once_per_config_and_aligned() {
        for name in ["retail-startup", "fintech-regulated", "industrial-onprem"] {
            let kit = crate::kit::example(name);
            let b = &kit.platform.builds;
            for config in [&b.ci, &b.cd, &b.ct] {
                let keys: Vec<&str> = config
                    .substitutions
                    .iter()
                    .map(|s| s.key.as_str())
                    .collect();
                let unique: std::collections::BTreeSet<&str> = keys.iter().copied().collect();
                assert_eq!(unique.len(), keys.len(), "{name} {}: {keys:?}", config.file);
                for key in &keys {
                    let rest = key.strip_prefix('_').unwrap_or_default();
                    assert!(
                        !rest.is_empty()
                            && rest
                                .chars()
                                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
                        "{name}: {key} does not match ^_[A-Z0-9_]+$"
                    );
                }
                let widths: std::collections::BTreeSet<usize> = config
                    .substitutions
                    .iter()
                    .map(|s| s.key.len() + s.pad.len())
                    .collect();
                assert_eq!(widths.len(), 1, "{name} {}: `=` aligned", config.file);
                assert!(
                    config.substitutions.iter().all(|s| !s.terraform.is_empty()),
                    "{name} {}: every key has a value the triggers pass",
                    config.file
                );
            }
            let ct: Vec<&str> = b.ct.substitutions.iter().map(|s| s.key.as_str()).collect();
            assert!(ct.contains(&RUN_REASON_SUBSTITUTION), "{name}");
            let cd: Vec<&str> = b.cd.substitutions.iter().map(|s| s.key.as_str()).collect();
            assert!(cd.contains(&RELEASE_SUBSTITUTION), "{name}");
        }
    }

    #[test]
    fn the_triggers_pass_the_network_and_key_only_when_the_kit_has_them() {
        let kit = crate::kit::example("retail-startup");
        let without = builds(&kit, false, None);
        let value = |b: &Builds, key: &str| {
            b.ct.substitutions
                .iter()
                .find(|s| s.key == key)
                .map(|s| s.terraform.clone())
                .unwrap()
        };
        assert_eq!(value(&without, "_NETWORK"), "\"\"");
        assert_eq!(
            value(&without, "_PARAMETER_VALUES"),
            "jsonencode(var.pipeline_parameters)"
        );
        let with = builds(&kit, true, Some("network"));
        assert_eq!(value(&with, "_NETWORK"), "local.endpoint_network");
        assert_eq!(
            value(&with, "_PARAMETER_VALUES"),
            "jsonencode(merge(var.pipeline_parameters, { network = local.endpoint_network }))"
        );
    }
}
