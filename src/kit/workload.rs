//! Workload details of the kit: the Vertex AI pipelines and their parameters, images, the serving
//! container and the Python dependencies, read by the pipeline-spec builder
//! ([`crate::render::pipeline_spec`]) and by the Python, Dockerfile and docs blueprints.
//!
//! Every decision here is a plain value: which serving container fits the framework and features,
//! which library versions match it, where data is prepared, which parameters each pipeline takes and
//! which value every environment supplies. Neither the spec builder nor the templates decide anything.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::i18n::{Language, s};
use crate::questionnaire::{DataSource, Framework, Questionnaire};

use super::{Env, Features, Kit, Names, Pipeline, PipelineParameter};

/// Pinned image of Google Cloud Pipeline Components: runs the Vertex AI custom-job launcher of the
/// training step (the training code itself runs in the kit's trainer image).
pub const GCPC_IMAGE: &str = "gcr.io/ml-pipeline/google-cloud-pipeline-components:2.22.0";

/// Base image of the kit's Dockerfiles, pinned by tag and by the digest of its multi-arch index.
pub const PYTHON_BASE_IMAGE: &str = "python:3.11-slim-bookworm";

/// Digest of [`PYTHON_BASE_IMAGE`] the Dockerfiles pin (as pinned in public Dockerfiles; mlops-kit
/// cannot pull images to re-check it, so the kit's CI build is what confirms it).
pub const PYTHON_BASE_DIGEST: &str =
    "sha256:a36c24f9cbdf4fd0f52d67f0823eeac19c2028c637cecc392d97f980d4fec56b";

/// Placeholder tag of the kit's own images in the compiled pipeline specs. No registry holds it: CD
/// replaces every such reference with the digest of the image it pushed for the release when it
/// publishes the templates, and CT runs only published templates.
pub const IMAGE_TAG: &str = "main";

/// Log name of the structured entry the drift step writes when a feature drifts; the platform's log
/// sink and alert policy filter on it.
pub const DRIFT_ALERT_LOG_NAME: &str = "mlops-kit-drift-alert";

/// Workload decisions.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Workload {
    /// Python package of the component code (`src/<package>/`).
    pub package: String,
    /// Whether the task is a classification (labels and class probabilities).
    pub classification: bool,
    /// Data kind the Python code handles: `tabular`, `image` or `text`.
    pub data_kind: String,
    /// Saved model file name inside the model directory.
    pub model_file: String,
    /// Whether the training code spreads over several workers when `replica_count` > 1.
    pub distributed_training: bool,
    /// Device the training code selects: `cuda` when the job has GPUs, else `cpu` (XGBoost's `device`;
    /// TensorFlow and PyTorch pick the GPUs they see, from a CUDA-enabled install).
    pub training_device: String,
    /// Extra training workers beside the chief (`model.replica_count - 1` when distributed, else 0).
    pub worker_count: u32,
    /// Boot disk of each training worker, sized by the data volume.
    pub boot_disk_size_gb: u32,
    /// Trainer image reference the pipeline specs run (training environment's registry, [`IMAGE_TAG`]).
    pub trainer_image_ref: String,
    /// Image the model is registered with: the prebuilt Vertex image or the kit's own serving image.
    pub serving_image_ref: String,
    /// Why the kit builds its own serving image (empty with a prebuilt one). Markdown written by
    /// the kit, rendered as is.
    pub custom_serving_reason: String,
    /// Whether the served model takes one named input per feature ([`named_inputs`]): instances are then
    /// JSON objects keyed by feature name, and batch scoring stages them so.
    pub named_inputs: bool,
    /// Pinned image of Google Cloud Pipeline Components.
    pub gcpc_image: String,
    /// Base image of the Dockerfiles (`name:tag@sha256:digest`).
    pub python_base_image: String,
    /// Pinned requirements of the trainer image.
    pub requirements: Vec<String>,
    /// Pinned requirements of the custom serving image (empty without one).
    pub serving_requirements: Vec<String>,
    /// Pinned development requirements (tests and lint).
    pub dev_requirements: Vec<String>,
    /// Log name of drift alert entries.
    pub drift_alert_log_name: String,
    /// Where the extract step reads, per environment (`bq://`, `gs://` or `cloudsql://` URI).
    pub source_uri: BTreeMap<String, String>,
    /// Kind of source the extract step handles: `bigquery`, `cloud_storage`, `cloud_sql` or
    /// `landing_bucket` (data copied in from outside Google Cloud).
    pub source_kind: String,
    /// The label column and features (with drift statistic and threshold) as the JSON the component
    /// code reads (`--schema` of every step, `MODEL_SCHEMA` of the serving image).
    pub schema_json: String,
    /// [`Workload::schema_json`] as a Python string literal, quoted the way `ruff format` keeps it.
    pub schema_py_literal: String,
    /// Training data table that Vertex AI Model Monitoring compares serving inputs with (skew), when the
    /// data is in BigQuery; empty otherwise (drift only).
    pub monitoring_training_data_uri: String,
    /// Where batch predictions land, per environment (`bq://` or `gs://` URI); empty without batch.
    pub batch_output_uri: BTreeMap<String, String>,
    /// The inbox the scheduled batch scoring reads new records from, per environment (`gs://` URI,
    /// [`batch_input`]); empty without batch.
    pub batch_input_uri: BTreeMap<String, String>,
    /// Hours of new inbox files each daily batch-scoring run scores ([`SCORING_WINDOW_HOURS`]).
    pub scoring_window_hours: u32,
    /// Instances format of the batch input: `csv` or `jsonl` (empty without batch).
    pub batch_input_format: String,
    /// Account id of the Dataflow workers when Dataflow prepares the data (empty otherwise); the
    /// extract step names the account in the pipeline's own project.
    pub dataflow_service_account_id: String,
    /// Subnetwork the Dataflow workers run in, without public IPs, when Dataflow prepares the data on
    /// a private or shared VPC (empty otherwise): `regions/R/subnetworks/N` in the environment's
    /// project, or the full URL of the host project's subnetwork.
    pub dataflow_subnetwork: String,
    /// Facts the client docs state, decided here so the templates only print them.
    pub docs: DocFacts,
}

/// What the client docs say about data, encryption, networking and monitoring, decided from the
/// answers. Every string is built from validated names and fixed text (Markdown-safe as is).
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocFacts {
    /// Human name of the data sensitivity.
    pub sensitivity_title: String,
    /// Human names of the answered regulations.
    pub regulation_titles: Vec<String>,
    /// LGPD was answered and the data is (pseudonymised) personal data, which LGPD still covers.
    pub lgpd_personal_data: bool,
    /// The region is in Brazil (`southamerica-east1`, São Paulo).
    pub region_in_brazil: bool,
    /// Where copies of the training data are written, one sentence fragment each.
    pub data_copies: Vec<String>,
    /// What the customer-managed key encrypts (empty without CMEK).
    pub cmek_covers: Vec<String>,
    /// Days between automatic rotations of the customer-managed key (0 without CMEK).
    pub kms_rotation_days: u64,
    /// What joins the client's VPC network, one item each (empty with Google-managed networking).
    pub network_members: Vec<String>,
    /// How drift is watched: `model_monitoring` (online, tabular), `batch_drift` (batch, tabular),
    /// `both`, or `custom` (not tabular: no managed drift statistic applies).
    pub monitoring: String,
    /// Where the extract step reads, in words (`the BigQuery table ...`).
    pub source_title: String,
    /// What batch prediction scores, in words (empty without batch serving).
    pub batch_input_title: String,
    /// What the data-preparation engine does, in words, for this data kind and engine.
    pub preparation_title: String,
    /// Why the kit serves with its own image, in the kit's language (empty with a prebuilt image).
    pub serving_reason: String,
    /// A prediction request body for a model with named inputs ([`named_inputs`]): one instance, an
    /// object keyed by every feature (a number for a numeric one, a string for a categorical one).
    /// Empty for other models.
    pub request_example: String,
    /// The answer TensorFlow Serving gives that request (the signature's outputs per instance).
    pub response_example: String,
    /// The answered monitoring sampling rate as the documents write it: the plain decimal in
    /// English (`0.1`, `1.0`), a percentage in Portuguese (`10%`, `100%`).
    pub sampling_rate_title: String,
    /// Whether anything raises drift alerts (tabular models).
    pub drift_alerts: bool,
    /// Drift retraining is on: the trigger exists, is switched on, and something raises the drift
    /// entries it listens to.
    pub drift_retrains: bool,
    /// The drift retraining trigger exists but is switched off (`enable_drift_retraining = false`)
    /// until the team trusts the drift alerts.
    pub drift_retraining_off: bool,
    /// The drift trigger was answered but nothing raises drift entries (a model that is not tabular).
    pub drift_trigger_without_source: bool,
    /// Environments whose training run undeploys the released model once its deployment is checked
    /// (the `keep_deployed` parameter is false there), as `` `name` `` items.
    pub undeployed_after_check: Vec<String>,
}

/// Resolves the workload part of the model from the answers and the shared names.
#[must_use]
pub fn resolve(q: &Questionnaire, kit: &Kit) -> Workload {
    let framework = q.model.trained_framework();
    let custom = needs_custom_serving_image(q);
    let training_env = kit
        .environments
        .iter()
        .find(|e| e.name == kit.training_environment)
        .or_else(|| kit.environments.last());
    let trainer_image_ref = training_env
        .map(|e| format!("{}:{IMAGE_TAG}", e.images.trainer))
        .unwrap_or_default();
    let serving_image_ref = match (&kit.serving.prebuilt_image, training_env) {
        (Some(prebuilt), _) => prebuilt.clone(),
        (None, Some(env)) => env
            .images
            .serving
            .as_ref()
            .map(|s| format!("{s}:{IMAGE_TAG}"))
            .unwrap_or_default(),
        (None, None) => String::new(),
    };
    let distributed_training = super::distributes(framework);
    Workload {
        package: kit.names.python_package.clone(),
        classification: matches!(
            q.model.task,
            crate::questionnaire::Task::TabularClassification
                | crate::questionnaire::Task::Vision
                | crate::questionnaire::Task::Text
        ),
        data_kind: data_kind(q).to_owned(),
        model_file: match framework {
            Framework::ScikitLearn | Framework::Xgboost => "model.joblib",
            Framework::Tensorflow => "saved_model.pb",
            Framework::Pytorch => "model.pt",
        }
        .to_owned(),
        distributed_training,
        training_device: if kit.features.gpu_training {
            "cuda"
        } else {
            "cpu"
        }
        .to_owned(),
        worker_count: if distributed_training {
            kit.model.replica_count.saturating_sub(1)
        } else {
            0
        },
        boot_disk_size_gb: match kit.data.volume.as_str() {
            "under10gb" => 100,
            "from10gb_to1tb" => 500,
            _ => 1000,
        },
        trainer_image_ref,
        serving_image_ref,
        // Code comments (Dockerfile, `serve.py`) stay English; the docs use `docs.serving_reason`.
        custom_serving_reason: custom_serving_reason(q)
            .map(|id| crate::i18n::t(Language::En, id))
            .unwrap_or_default(),
        named_inputs: named_inputs(kit),
        gcpc_image: gcpc_image(kit, training_env),
        python_base_image: python_base_image(kit),
        requirements: requirements(
            framework,
            &kit.model.data_preparation,
            kit.features.gpu_training,
        ),
        serving_requirements: if custom {
            serving_requirements(framework)
        } else {
            Vec::new()
        },
        dev_requirements: vec![
            "pytest==8.3.5".to_owned(),
            // The local runner reads the compiled pipeline specs (YAML).
            "pyyaml==6.0.2".to_owned(),
            "ruff==0.17.6".to_owned(),
        ],
        drift_alert_log_name: DRIFT_ALERT_LOG_NAME.to_owned(),
        source_uri: kit
            .environments
            .iter()
            .map(|e| (e.name.clone(), source_uri(q, e)))
            .collect(),
        source_kind: source_kind(q).to_owned(),
        // Skew needs the training table where the monitoring job's region can read it; a warehouse
        // in another location gets drift detection only.
        monitoring_training_data_uri: match super::training_source(q) {
            DataSource::Bigquery {
                project_id,
                dataset,
                table,
                ..
            } if super::vertex_reads_training_table(q) => {
                format!("bq://{project_id}.{dataset}.{table}")
            }
            _ => String::new(),
        },
        schema_json: schema_json(kit),
        schema_py_literal: py_literal(&schema_json(kit)),
        batch_output_uri: if kit.features.batch_serving {
            kit.environments
                .iter()
                .filter_map(|e| batch_output_uri(kit, e).map(|u| (e.name.clone(), u)))
                .collect()
        } else {
            BTreeMap::new()
        },
        batch_input_uri: if kit.features.batch_serving {
            kit.environments
                .iter()
                .map(|e| (e.name.clone(), batch_input(q, e).0))
                .collect()
        } else {
            BTreeMap::new()
        },
        scoring_window_hours: SCORING_WINDOW_HOURS,
        batch_input_format: kit
            .environments
            .first()
            .filter(|_| kit.features.batch_serving)
            .map(|e| batch_input(q, e).1.to_owned())
            .unwrap_or_default(),
        dataflow_service_account_id: if kit.model.data_preparation == "dataflow" {
            super::platform::dataflow_id(&kit.client.slug)
        } else {
            String::new()
        },
        dataflow_subnetwork: dataflow_subnetwork(q, kit),
        docs: doc_facts(q, kit),
    }
}

/// The pipeline components image the specs name. Without public internet, the copy CD makes in the
/// training environment's registry (tagged like the source, so CD pins it to the copy's digest when
/// it publishes the templates); otherwise Google's own image.
fn gcpc_image(kit: &Kit, training_env: Option<&Env>) -> String {
    match (&kit.platform.egress, training_env) {
        (Some(_), Some(env)) => {
            let tag = GCPC_IMAGE.rsplit_once(':').map_or("latest", |(_, t)| t);
            format!(
                "{}/{}:{tag}",
                env.docker_registry,
                super::platform::GCPC_MIRROR_NAME
            )
        }
        _ => GCPC_IMAGE.to_owned(),
    }
}

/// Base image of the Dockerfiles, pinned by tag and digest: decided once here. Without public
/// internet it comes through the Docker Hub remote repository of the first environment, where CI
/// and CD build the images (a remote repository serves the upstream's bytes, so the digest holds).
pub(crate) fn python_base_image(kit: &Kit) -> String {
    let image = format!("{PYTHON_BASE_IMAGE}@{PYTHON_BASE_DIGEST}");
    match &kit.platform.egress {
        Some(e) => super::platform::through_docker_hub(&e.base_image_registry, &image),
        None => image,
    }
}

/// The subnetwork of the Dataflow workers: the answered VPC's subnetwork of the same name in the
/// region (the name Google gives the subnetworks of an auto-mode network), so workers need no public
/// IP. Shared VPC subnetworks are named by their full URL in the host project.
fn dataflow_subnetwork(q: &Questionnaire, kit: &Kit) -> String {
    let f = &kit.features;
    if kit.model.data_preparation != "dataflow" || !(f.private_network || f.shared_vpc) {
        return String::new();
    }
    let Some(vpc) = q.gcp.network.vpc.as_deref() else {
        return String::new();
    };
    let region = &kit.region;
    match q.gcp.network.host_project_id.as_deref() {
        Some(host) if f.shared_vpc => format!(
            "https://www.googleapis.com/compute/v1/projects/{host}/regions/{region}/subnetworks/{vpc}"
        ),
        _ => format!("regions/{region}/subnetworks/{vpc}"),
    }
}

fn doc_facts(q: &Questionnaire, kit: &Kit) -> DocFacts {
    use crate::questionnaire::{Regulation, Sensitivity};
    let f = &kit.features;
    let lang = kit.language;
    let sensitivity_title = crate::i18n::t(
        lang,
        match q.data.sensitivity {
            Sensitivity::None => "sensitivity-none",
            Sensitivity::Pseudonymised => "sensitivity-pseudonymised",
            Sensitivity::Personal => "sensitivity-personal",
            Sensitivity::SensitivePersonal => "sensitivity-sensitive-personal",
        },
    );
    let regulation_titles = q
        .data
        .regulations
        .iter()
        .map(|r| match r {
            Regulation::Lgpd => "LGPD (Lei Geral de Proteção de Dados)".to_owned(),
            Regulation::Gdpr => "GDPR".to_owned(),
            Regulation::Bacen => "BACEN (Resolução CMN 4.893)".to_owned(),
            Regulation::Hipaa => "HIPAA".to_owned(),
            Regulation::PciDss => "PCI DSS".to_owned(),
            Regulation::EuAiActHighRisk => crate::i18n::t(lang, "regulation-eu-ai-act"),
            Regulation::SectorSpecific => crate::i18n::t(lang, "regulation-sector-specific"),
        })
        .collect();
    let mut data_copies = Vec::new();
    if f.landing_bucket {
        data_copies.push(crate::i18n::t(lang, "copy-landing"));
    }
    if kit.data.primary.kind == "cloud_sql" {
        data_copies.push(crate::i18n::t(lang, "copy-cloud-sql"));
    }
    if kit.model.data_preparation == "dataflow" {
        data_copies.push(crate::i18n::t(lang, "copy-dataflow"));
    }
    data_copies.push(crate::i18n::t(lang, "copy-prepared"));
    if f.batch_serving {
        data_copies.push(crate::i18n::tr(
            lang,
            "copy-batch-input",
            &[("folder", s(BATCH_INPUT_FOLDER))],
        ));
        data_copies.push(crate::i18n::t(lang, "copy-batch-output"));
    }
    if let Some(endpoint) = &kit.platform.endpoint {
        data_copies.push(crate::i18n::tr(
            lang,
            "copy-endpoint-log",
            &[
                (
                    "rate",
                    s(&crate::i18n::number(lang, endpoint.logging_sampling_rate)),
                ),
                (
                    "table",
                    s(&format!("{}.{}", kit.names.dataset, endpoint.logging_table)),
                ),
            ],
        ));
    }
    let mut cmek_covers = Vec::new();
    if f.cmek {
        cmek_covers.push(crate::i18n::t(
            lang,
            if f.landing_bucket {
                "cmek-buckets-landing"
            } else {
                "cmek-buckets"
            },
        ));
        cmek_covers.extend(
            [
                "cmek-repositories",
                "cmek-dataset",
                "cmek-secrets",
                "cmek-vertex",
            ]
            .map(|id| crate::i18n::t(lang, id)),
        );
        let routes = &kit.platform.retraining_routes;
        let topics: Vec<String> = [
            (f.retrain_on_new_data, &kit.names.new_data_topic),
            (f.retrain_on_drift, &kit.names.drift_topic),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, t)| format!("`{t}`"))
        .chain(
            (kit.platform.retraining_via_workflows && f.retrain_on_schedule)
                .then(|| format!("`{}`", super::platform::schedule_topic(&kit.client.slug))),
        )
        .collect();
        if !topics.is_empty() {
            cmek_covers.push(crate::i18n::tr(
                lang,
                "cmek-topics",
                &[
                    ("count", crate::i18n::n(topics.len() as u64)),
                    ("topics", s(&topics.join(", "))),
                ],
            ));
        }
        if kit.platform.retraining_via_workflows {
            let workflows: Vec<String> =
                routes.iter().map(|r| format!("`{}`", r.starter)).collect();
            cmek_covers.push(crate::i18n::tr(
                lang,
                "cmek-workflows",
                &[
                    ("count", crate::i18n::n(workflows.len() as u64)),
                    ("workflows", s(&workflows.join(", "))),
                ],
            ));
        }
        if f.online_serving {
            cmek_covers.push(crate::i18n::t(lang, "cmek-endpoint"));
        }
        if kit.model.data_preparation == "dataflow" {
            cmek_covers.push(crate::i18n::t(lang, "cmek-dataflow"));
        }
    }
    let mut network_members = Vec::new();
    if f.private_network || f.shared_vpc {
        if f.online_serving {
            network_members.push(crate::i18n::t(lang, "network-endpoint"));
        }
        network_members.push(crate::i18n::t(lang, "network-pipelines"));
        if kit.model.data_preparation == "dataflow" {
            network_members.push(crate::i18n::t(lang, "network-dataflow"));
        }
    }
    let monitoring = match (f.model_monitoring, f.batch_drift_monitoring) {
        (true, true) => "both",
        (true, false) => "model_monitoring",
        (false, true) => "batch_drift",
        (false, false) => "custom",
    };
    let drift_alerts = f.model_monitoring || f.batch_drift_monitoring;
    let file_format = crate::i18n::t(
        lang,
        match kit.data.file_format.as_str() {
            "parquet" => "file-format-parquet",
            "jsonl" => "file-format-jsonl",
            "manifest" => "file-format-manifest",
            _ => "file-format-csv",
        },
    );
    let source_title = match source_kind(q) {
        "bigquery" => crate::i18n::tr(
            lang,
            "source-bigquery",
            &[(
                "location",
                s(kit.data.primary.location.as_deref().unwrap_or_default()),
            )],
        ),
        "cloud_storage" => {
            crate::i18n::tr(lang, "source-cloud-storage", &[("format", s(&file_format))])
        }
        "cloud_sql" => crate::i18n::t(lang, "source-cloud-sql"),
        _ => crate::i18n::tr(lang, "source-landing", &[("format", s(&file_format))]),
    };
    let tabular_files = kit.model.tabular;
    let preparation_title = match kit.model.data_preparation.as_str() {
        "in_container" => crate::i18n::t(lang, "preparation-in-container"),
        "bigquery" => crate::i18n::t(lang, "preparation-bigquery"),
        _ if tabular_files => crate::i18n::t(lang, "preparation-dataflow-tabular"),
        _ => crate::i18n::t(lang, "preparation-dataflow-manifest"),
    };
    DocFacts {
        source_title,
        batch_input_title: batch_input_title(q, kit),
        preparation_title,
        serving_reason: custom_serving_reason(q)
            .map(|id| crate::i18n::t(lang, id))
            .unwrap_or_default(),
        request_example: request_example(kit),
        response_example: response_example(kit),
        sampling_rate_title: sampling_rate_title(lang, q.operations.monitoring.sampling_rate),
        sensitivity_title,
        regulation_titles,
        lgpd_personal_data: q.data.regulations.contains(&Regulation::Lgpd)
            && q.data.sensitivity != Sensitivity::None,
        region_in_brazil: kit.region == "southamerica-east1",
        data_copies,
        cmek_covers,
        kms_rotation_days: kit
            .platform
            .kms
            .as_ref()
            .and_then(|k| k.rotation_period.trim_end_matches('s').parse::<u64>().ok())
            .map_or(0, |seconds| seconds / 86_400),
        network_members,
        monitoring: monitoring.to_owned(),
        drift_alerts,
        drift_retrains: f.retrain_on_drift && drift_alerts && kit.platform.drift_retraining_enabled,
        drift_retraining_off: f.retrain_on_drift
            && drift_alerts
            && !kit.platform.drift_retraining_enabled,
        drift_trigger_without_source: f.retrain_on_drift && !drift_alerts,
        undeployed_after_check: kit
            .environments
            .iter()
            .filter(|e| {
                e.pipeline_values
                    .get("training")
                    .and_then(|v| v.get("keep_deployed"))
                    .is_some_and(|v| v == &serde_json::Value::Bool(false))
            })
            .map(|e| format!("`{}`", e.name))
            .collect(),
    }
}

/// A sampling rate (a share in (0, 1]) as the documents of `lang` write it.
fn sampling_rate_title(lang: Language, rate: f64) -> String {
    match lang {
        // As the templates print a number (`1.0`, not `1`).
        Language::En => serde_json::Value::from(rate).to_string(),
        Language::PtBr => crate::i18n::quantity(lang, (rate * 100_000.0).round() / 1000.0, "%"),
    }
}

/// What batch scoring reads, in words, from the same decision as the parameter ([`batch_input`]).
fn batch_input_title(q: &Questionnaire, kit: &Kit) -> String {
    let Some(env) = kit
        .environments
        .first()
        .filter(|_| kit.features.batch_serving)
    else {
        return String::new();
    };
    let lang = kit.language;
    match (batch_input(q, env).1, data_kind(q)) {
        ("csv", _) => crate::i18n::t(lang, "batch-input-csv"),
        (_, "image") => crate::i18n::tr(
            lang,
            "batch-input-image",
            &[
                ("image", s(r#"{"image_uri": "gs://..."}"#)),
                ("bytes", s(r#"{"b64": "..."}"#)),
            ],
        ),
        _ => crate::i18n::tr(
            lang,
            "batch-input-text",
            &[("text", s(r#"{"text": "..."}"#))],
        ),
    }
}

fn schema_json(kit: &Kit) -> String {
    let features: Vec<serde_json::Value> = kit
        .model
        .features
        .iter()
        .map(|f| {
            serde_json::json!({
                "name": f.name,
                "kind": f.kind,
                "statistic": f.drift_statistic,
                "drift_threshold": f.drift_threshold,
            })
        })
        .collect();
    serde_json::json!({ "target": kit.model.target_column, "features": features }).to_string()
}

/// A Python string literal of a JSON text: single-quoted when that needs no escapes (the quote style
/// `ruff format` prefers for text full of double quotes), otherwise a JSON string, which Python reads
/// the same way.
fn py_literal(text: &str) -> String {
    if text.contains(['\'', '\\']) || text.chars().any(char::is_control) {
        serde_json::to_string(text).unwrap_or_else(|_| unreachable!("a str always serializes"))
    } else {
        format!("'{text}'")
    }
}

fn data_kind(q: &Questionnaire) -> &'static str {
    match q.model.task {
        crate::questionnaire::Task::Vision => "image",
        crate::questionnaire::Task::Text | crate::questionnaire::Task::Generative => "text",
        _ => "tabular",
    }
}

/// Why no prebuilt Vertex prediction container fits, if none does.
/// The catalogue id of why no prebuilt container fits the model, if none does.
fn custom_serving_reason(q: &Questionnaire) -> Option<&'static str> {
    let tabular = super::is_tabular(q.model.task);
    match q.model.trained_framework() {
        // The prebuilt PyTorch containers serve TorchServe model archives with a handler.
        Framework::Pytorch => Some("serving-reason-pytorch"),
        // The prebuilt XGBoost container loads a bare Booster; the kit's model is a scikit-learn
        // pipeline (imputation, categorical encoding, then XGBoost), so the kit serves it itself.
        Framework::Xgboost => Some("serving-reason-xgboost"),
        Framework::ScikitLearn if !tabular => Some("serving-reason-non-tabular"),
        // The prebuilt TensorFlow container feeds the request to the model's tensors; images arrive
        // as bytes or Cloud Storage URIs that must be decoded or downloaded first.
        _ if q.model.task == crate::questionnaire::Task::Vision => Some("serving-reason-vision"),
        _ => None,
    }
}

/// [`DocFacts::request_example`]: `{"instances": [{"amount": 0.0, "region": "..."}]}` in schema order.
fn request_example(kit: &Kit) -> String {
    if !named_inputs(kit) {
        return String::new();
    }
    let fields: Vec<String> = kit
        .model
        .features
        .iter()
        .map(|f| {
            let value = if f.kind == "categorical" {
                r#""...""#
            } else {
                "0.0"
            };
            format!("{}: {value}", serde_json::Value::String(f.name.clone()))
        })
        .collect();
    format!(r#"{{"instances": [{{{}}}]}}"#, fields.join(", "))
}

/// [`DocFacts::response_example`]: the serving signature's answer (see the kit's `model.py`): the
/// label and its score for a classification, the value for a regression.
fn response_example(kit: &Kit) -> String {
    match (
        named_inputs(kit),
        kit.model.task == "tabular_classification",
    ) {
        (false, _) => String::new(),
        (true, true) => r#"{"predictions": [{"prediction": ..., "score": 0.87}]}"#.to_owned(),
        (true, false) => r#"{"predictions": [12.5]}"#.to_owned(),
    }
}

/// Whether the served model takes one named input per feature: a tabular TensorFlow model on Vertex AI's
/// prebuilt TensorFlow container (TensorFlow Serving). Its REST API takes each instance of a signature
/// with several named inputs as a JSON object keyed by input name ("row format") and refuses a list of
/// values, so every instance sent to it (batch scoring's staged rows, an online request) is an object.
#[must_use]
pub fn named_inputs(kit: &Kit) -> bool {
    kit.model.framework == "tensorflow" && kit.model.tabular && kit.serving.prebuilt_image.is_some()
}

/// Whether no prebuilt Vertex prediction container fits the model, so the kit builds its own.
#[must_use]
pub fn needs_custom_serving_image(q: &Questionnaire) -> bool {
    custom_serving_reason(q).is_some()
}

/// The prebuilt Vertex prediction image for the framework, when one fits.
///
/// Vertex supports only the `latest` tag of its prebuilt prediction images; the framework version is
/// in the image name, and the kit pins the same library version for training.
#[must_use]
pub fn prebuilt_serving_image(q: &Questionnaire, multi_region: &str) -> Option<String> {
    if needs_custom_serving_image(q) {
        return None;
    }
    let image = match q.model.trained_framework() {
        Framework::ScikitLearn => "sklearn-cpu.1-6",
        Framework::Xgboost => "xgboost-cpu.2-1",
        Framework::Tensorflow => "tf2-cpu.2-15",
        Framework::Pytorch => return None,
    };
    Some(format!(
        "{multi_region}-docker.pkg.dev/vertex-ai/prediction/{image}:latest"
    ))
}

fn source_kind(q: &Questionnaire) -> &'static str {
    match super::training_source(q) {
        DataSource::Bigquery { .. } => "bigquery",
        DataSource::CloudStorage { .. } => "cloud_storage",
        DataSource::CloudSql { .. } => "cloud_sql",
        DataSource::OnPremises { .. } | DataSource::OtherCloud { .. } => "landing_bucket",
    }
}

/// Where the extract step reads in one environment: the URI of [`super::training_source`], or the
/// environment's landing bucket when that source is outside Google Cloud. With personal data, only
/// production reads the production source: the other environments read a masked sample (the
/// admin project's authorized view of a BigQuery table, or a de-identified copy in their own
/// artifacts bucket); data landed from outside Google Cloud arrives in each environment's own
/// landing bucket already.
fn source_uri(q: &Questionnaire, env: &Env) -> String {
    let personal = matches!(
        q.data.sensitivity,
        crate::questionnaire::Sensitivity::Personal
            | crate::questionnaire::Sensitivity::SensitivePersonal
    );
    if personal && !env.is_production {
        match super::training_source(q) {
            DataSource::Bigquery { .. } => {
                let admin =
                    q.gcp.admin_project_id.clone().unwrap_or_else(|| {
                        crate::kit::naming::default_admin_project(&q.client.slug)
                    });
                return format!(
                    "bq://{admin}.{}.{}",
                    crate::kit::naming::masked_training_dataset(&q.client.slug),
                    crate::kit::naming::MASKED_TRAINING_VIEW
                );
            }
            DataSource::CloudStorage { .. } | DataSource::CloudSql { .. } => {
                return format!(
                    "gs://{}/{}",
                    env.buckets.artifacts,
                    crate::kit::naming::MASKED_SAMPLE_PREFIX
                );
            }
            _ => {}
        }
    }
    match super::training_source(q) {
        DataSource::Bigquery {
            project_id,
            dataset,
            table,
            ..
        } => {
            format!("bq://{project_id}.{dataset}.{table}")
        }
        DataSource::CloudStorage { bucket, prefix, .. } => {
            format!("gs://{bucket}/{}", prefix.trim_start_matches('/'))
        }
        DataSource::CloudSql {
            project_id,
            instance,
            database,
            table,
        } => {
            format!("cloudsql://{project_id}/{instance}/{database}/{table}")
        }
        DataSource::OnPremises { .. } | DataSource::OtherCloud { .. } => {
            let bucket = env
                .buckets
                .landing
                .clone()
                .unwrap_or_else(|| env.buckets.artifacts.clone());
            format!("gs://{bucket}/training-data/")
        }
    }
}

/// Folder of the artifacts bucket where the client's data load writes the new records to score: the
/// inbox of the scheduled batch-scoring pipeline (never the training data or its `labels.csv`).
pub const BATCH_INPUT_FOLDER: &str = "batch-input";

/// Cron (UTC) of the batch-scoring schedule: every day at 03:00 UTC.
pub const SCORING_CRON: &str = "0 3 * * *";

/// Hours of new files each scoring run takes: the files created in the whole hours before the run
/// (one day, the interval of [`SCORING_CRON`]), so each daily run scores each file once.
pub const SCORING_WINDOW_HOURS: u32 = 24;

/// What the scheduled batch scoring reads in one environment, as the inbox URI and the instances
/// format of the Vertex AI batch prediction job: CSV files with a header row of the feature columns
/// (tabular models), or JSON Lines files listing one image or text per line, written under
/// [`BATCH_INPUT_FOLDER`] of the environment's artifacts bucket.
#[must_use]
pub fn batch_input(q: &Questionnaire, env: &Env) -> (String, &'static str) {
    let format = if super::is_tabular(q.model.task) {
        "csv"
    } else {
        "jsonl"
    };
    (
        format!("gs://{}/{BATCH_INPUT_FOLDER}/", env.buckets.artifacts),
        format,
    )
}

fn batch_output_uri(kit: &Kit, env: &Env) -> Option<String> {
    let target = kit.serving.batch_output_target.as_deref()?;
    match kit.serving.batch_output_kind.as_deref()? {
        "bigquery" => Some(format!(
            "bq://{}.{}.{target}",
            env.project_id, kit.names.dataset
        )),
        _ => Some(format!(
            "gs://{}/{}",
            env.buckets.artifacts,
            target.trim_matches('/')
        )),
    }
}

const COMMON_REQUIREMENTS: &[&str] = &[
    "db-dtypes==1.3.1",
    "google-cloud-aiplatform==1.165.1",
    "google-cloud-bigquery==3.29.0",
    "google-cloud-logging==3.11.4",
    "google-cloud-storage==2.19.0",
    "pandas==2.2.3",
    "pyarrow==18.1.0",
];

/// Framework libraries, at the versions of the matching prebuilt Vertex containers (scikit-learn 1.6,
/// XGBoost 2.1, TensorFlow 2.15) so a model trained here loads there.
fn framework_requirements(framework: Framework) -> &'static [&'static str] {
    match framework {
        Framework::ScikitLearn => &["joblib==1.4.2", "numpy==1.26.4", "scikit-learn==1.6.1"],
        Framework::Xgboost => &[
            "joblib==1.4.2",
            "numpy==1.26.4",
            "scikit-learn==1.6.1",
            "xgboost==2.1.4",
        ],
        Framework::Tensorflow => &["numpy==1.26.4", "tensorflow==2.15.1"],
        Framework::Pytorch => &[
            "numpy==1.26.4",
            "pillow==11.1.0",
            "torch==2.4.1",
            "torchvision==0.19.1",
        ],
    }
}

/// The trainer's requirements. On GPUs TensorFlow is installed with its CUDA libraries
/// (`tensorflow[and-cuda]`, TensorFlow's documented pip install for GPUs: plain `tensorflow` runs on
/// the CPU only). PyTorch's Linux wheels and XGBoost's carry CUDA already.
fn requirements(framework: Framework, preparation: &str, gpu: bool) -> Vec<String> {
    let mut reqs: Vec<String> = COMMON_REQUIREMENTS
        .iter()
        .chain(framework_requirements(framework))
        .map(|s| {
            if gpu && s.starts_with("tensorflow==") {
                s.replacen("tensorflow==", "tensorflow[and-cuda]==", 1)
            } else {
                (*s).to_owned()
            }
        })
        .collect();
    if preparation == "dataflow" {
        reqs.push("apache-beam[gcp]==2.62.0".to_owned());
    }
    reqs.sort();
    reqs
}

fn serving_requirements(framework: Framework) -> Vec<String> {
    let mut reqs: Vec<String> = ["google-cloud-storage==2.19.0", "pandas==2.2.3"]
        .iter()
        .chain(framework_requirements(framework))
        .map(|s| (*s).to_owned())
        .collect();
    reqs.sort();
    reqs
}

/// One parameter definition; `description` names its catalogue message (locales/*/readme.ftl).
fn param(lang: Language, name: &str, kind: &str, description: &str) -> PipelineParameter {
    PipelineParameter {
        name: name.to_owned(),
        kind: kind.to_owned(),
        description: crate::i18n::t(lang, description),
    }
}

/// The kit's pipelines and their parameters. Every parameter is supplied by the `ct` build or the
/// scheduler from [`pipeline_values`]; the compiled specs declare exactly these, without defaults.
#[must_use]
pub fn pipelines(q: &Questionnaire, features: &Features) -> Vec<Pipeline> {
    let lang = q.language();
    let mut training = vec![
        param(lang, "project_id", "STRING", "param-project-id"),
        param(lang, "region", "STRING", "param-region"),
        param(lang, "artifacts_bucket", "STRING", "param-artifacts-bucket"),
        param(lang, "dataset", "STRING", "param-dataset"),
        param(lang, "source_uri", "STRING", "param-source-uri"),
        param(
            lang,
            "training_service_account",
            "STRING",
            "param-training-service-account",
        ),
        param(
            lang,
            "model_display_name",
            "STRING",
            "param-model-display-name",
        ),
        param(
            lang,
            "metric_threshold",
            "NUMBER_DOUBLE",
            "param-metric-threshold",
        ),
        param(lang, "encryption_key", "STRING", "param-encryption-key"),
        param(lang, "network", "STRING", "param-network"),
    ];
    // With manual approval the training run stops at registration: the release parameters belong to
    // the approval-gated rollout build, not to the pipeline.
    let releases = !q.serving.rollout.manual_approval;
    if releases {
        if features.online_serving {
            training.push(param(
                lang,
                "endpoint_display_name",
                "STRING",
                "param-endpoint-display-name",
            ));
        }
        if features.online_serving {
            training.push(param(
                lang,
                "serving_service_account",
                "STRING",
                "param-serving-service-account",
            ));
        }
        if features.online_serving {
            training.push(param(
                lang,
                "keep_deployed",
                "BOOLEAN",
                "param-keep-deployed",
            ));
        }
        if features.canary {
            training.push(param(
                lang,
                "canary_traffic_percent",
                "NUMBER_INTEGER",
                "param-canary-traffic-percent",
            ));
        }
    }
    let mut out = vec![Pipeline {
        key: "training".to_owned(),
        name: format!("{}-training", q.client.slug),
        file: "pipelines/training_pipeline.yaml".to_owned(),
        parameters: training,
    }];
    if features.batch_serving {
        out.push(Pipeline {
            key: "scoring".to_owned(),
            name: format!("{}-batch-scoring", q.client.slug),
            file: "pipelines/scoring_pipeline.yaml".to_owned(),
            parameters: vec![
                param(lang, "project_id", "STRING", "param-project-id"),
                param(lang, "region", "STRING", "param-region"),
                param(lang, "model_display_name", "STRING", "param-scoring-model"),
                param(lang, "batch_input_uri", "STRING", "param-batch-input-uri"),
                param(lang, "batch_output_uri", "STRING", "param-batch-output-uri"),
                param(
                    lang,
                    "serving_service_account",
                    "STRING",
                    "param-scoring-service-account",
                ),
                param(
                    lang,
                    "encryption_key",
                    "STRING",
                    "param-scoring-encryption-key",
                ),
                // A STRING like the monitoring pipeline's numbers: the schedule passes strings only.
                param(lang, "window_hours", "STRING", "param-window-hours"),
            ],
        });
    }
    if features.batch_drift_monitoring {
        out.push(Pipeline {
            key: "monitoring".to_owned(),
            name: format!("{}-monitoring", q.client.slug),
            file: "pipelines/monitoring_pipeline.yaml".to_owned(),
            parameters: vec![
                param(lang, "project_id", "STRING", "param-project-id"),
                param(lang, "region", "STRING", "param-region"),
                param(lang, "dataset", "STRING", "param-dataset"),
                param(
                    lang,
                    "model_display_name",
                    "STRING",
                    "param-monitoring-model",
                ),
                param(lang, "recent_data_uri", "STRING", "param-recent-data-uri"),
                // Numbers as STRING parameters: the monitoring schedule (Terraform's
                // `google_colab_schedule`) passes parameter values as strings only, and the drift
                // step parses both flags itself.
                param(lang, "lookback_hours", "STRING", "param-lookback-hours"),
                param(lang, "sampling_rate", "STRING", "param-sampling-rate"),
            ],
        });
    }
    out
}

/// Whether the training run's deploy step leaves the released model deployed in an environment:
/// only production serves traffic, so only production pays for a standing replica. Elsewhere the
/// step checks the deployment (Vertex AI completes a deployment only once the container answers its
/// health route) and undeploys it; the empty endpoint costs nothing.
#[must_use]
pub fn keeps_endpoint_replica(env: &Env) -> bool {
    env.is_production
}

/// Parameter values of every pipeline in one environment, keyed by pipeline key then parameter name.
#[must_use]
pub fn pipeline_values(
    q: &Questionnaire,
    names: &Names,
    env: &Env,
    features: &Features,
) -> BTreeMap<String, BTreeMap<String, serde_json::Value>> {
    let kms = env
        .kms
        .as_ref()
        .map(|k| k.key_id.clone())
        .unwrap_or_default();
    let network = match (
        &q.gcp.network.vpc,
        features.private_network || features.shared_vpc,
    ) {
        (Some(vpc), true) => {
            let host = q
                .gcp
                .network
                .host_project_id
                .as_deref()
                .unwrap_or(&env.project_id);
            format!("projects/{host}/global/networks/{vpc}")
        }
        _ => String::new(),
    };
    let batch_output = match (&q.serving.batch_output, features.batch_serving) {
        (Some(crate::questionnaire::BatchOutput::Bigquery { table }), true) => {
            format!("bq://{}.{}.{table}", env.project_id, names.dataset)
        }
        (Some(crate::questionnaire::BatchOutput::CloudStorage { prefix }), true) => {
            format!(
                "gs://{}/{}",
                env.buckets.artifacts,
                prefix.trim_matches('/')
            )
        }
        _ => String::new(),
    };
    let mut out = BTreeMap::new();
    for pipeline in pipelines(q, features) {
        let values = pipeline
            .parameters
            .iter()
            .map(|p| {
                let value: serde_json::Value = match p.name.as_str() {
                    "project_id" => env.project_id.clone().into(),
                    "region" => q.gcp.region.clone().into(),
                    "artifacts_bucket" => env.buckets.artifacts.clone().into(),
                    "dataset" => names.dataset.clone().into(),
                    "source_uri" => source_uri(q, env).into(),
                    "batch_input_uri" => batch_input(q, env).0.into(),
                    "training_service_account" => env.service_accounts.pipeline.clone().into(),
                    "serving_service_account" => env.service_accounts.serving.clone().into(),
                    "model_display_name" => names.model.clone().into(),
                    "metric_threshold" => q.model.trained_evaluation().threshold.into(),
                    "encryption_key" => kms.clone().into(),
                    "network" => network.clone().into(),
                    "endpoint_display_name" => names.endpoint.clone().into(),
                    "keep_deployed" => keeps_endpoint_replica(env).into(),
                    "canary_traffic_percent" => q
                        .serving
                        .rollout
                        .canary_traffic_percent
                        .unwrap_or(10)
                        .into(),
                    "batch_output_uri" | "recent_data_uri" => batch_output.clone().into(),
                    "lookback_hours" => q.operations.monitoring.frequency_hours.to_string().into(),
                    "window_hours" => SCORING_WINDOW_HOURS.to_string().into(),
                    "sampling_rate" => q.operations.monitoring.sampling_rate.to_string().into(),
                    other => unreachable!("pipeline parameter `{other}` has no value rule"),
                };
                (p.name.clone(), value)
            })
            .collect();
        out.insert(pipeline.key.clone(), values);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::examples::EXAMPLES;

    use crate::kit::example as kit;

    #[test]
    fn the_sampling_rate_reads_as_a_decimal_in_english_and_a_percentage_in_portuguese() {
        assert_eq!(sampling_rate_title(Language::En, 1.0), "1.0");
        assert_eq!(sampling_rate_title(Language::En, 0.1), "0.1");
        assert_eq!(sampling_rate_title(Language::PtBr, 1.0), "100%");
        assert_eq!(sampling_rate_title(Language::PtBr, 0.1), "10%");
        assert_eq!(sampling_rate_title(Language::PtBr, 0.07), "7%");
        assert_eq!(sampling_rate_title(Language::PtBr, 0.125), "12,5%");
    }

    #[test]
    fn every_parameter_has_a_value_of_its_type_in_every_environment() {
        for example in EXAMPLES {
            let kit = kit(example.name);
            for env in &kit.environments {
                for pipeline in &kit.pipelines {
                    // A generative kit's evaluation and tuning pipelines get their values from the CD
                    // build that runs them (scripts/cd-evaluate.sh); only its schedule's are here.
                    let Some(values) = env.pipeline_values.get(&pipeline.key) else {
                        assert!(
                            kit.generative.is_some() && pipeline.key != "traffic_evaluation",
                            "{}: {} has no values in {}",
                            example.name,
                            pipeline.key,
                            env.name
                        );
                        continue;
                    };
                    assert_eq!(values.len(), pipeline.parameters.len());
                    for p in &pipeline.parameters {
                        let v = &values[&p.name];
                        let ok = match p.kind.as_str() {
                            "STRING" => v.is_string(),
                            "NUMBER_DOUBLE" => v.is_f64() || v.is_i64() || v.is_u64(),
                            "NUMBER_INTEGER" => v.is_u64() || v.is_i64(),
                            "BOOLEAN" => v.is_boolean(),
                            other => panic!("unexpected parameter type {other}"),
                        };
                        assert!(ok, "{} {} {}: {v}", example.name, env.name, p.name);
                    }
                }
            }
        }
    }

    #[test]
    fn serving_container_follows_framework_and_features() {
        // XGBoost: the model is a scikit-learn pipeline the prebuilt Booster container cannot load.
        let retail = kit("retail-startup");
        assert!(retail.features.custom_serving_image);
        assert!(retail.workload.serving_image_ref.ends_with("/serving:main"));
        // PyTorch vision: TorchServe archives only.
        assert!(kit("industrial-onprem").features.custom_serving_image);
    }

    #[test]
    fn python_literals_never_let_text_escape_the_string() {
        assert_eq!(py_literal(r#"{"a":1}"#), r#"'{"a":1}'"#);
        for hostile in ["it's", "back\\slash", "new\nline", "x'''; import os"] {
            let literal = py_literal(hostile);
            assert!(literal.starts_with('"'), "{hostile}: {literal}");
            assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), hostile);
        }
    }

    #[test]
    fn trainer_requirements_match_the_prebuilt_serving_versions() {
        let fintech = kit("fintech-regulated");
        assert!(
            fintech
                .workload
                .requirements
                .contains(&"xgboost==2.1.4".to_owned())
        );
        assert!(
            fintech
                .workload
                .requirements
                .iter()
                .all(|r| r.contains("=="))
        );
        let vision = kit("industrial-onprem");
        assert!(
            vision
                .workload
                .requirements
                .iter()
                .any(|r| r.starts_with("apache-beam"))
        );
        assert!(
            vision
                .workload
                .requirements
                .iter()
                .any(|r| r.starts_with("torch=="))
        );
    }
}
