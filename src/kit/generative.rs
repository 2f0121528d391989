//! The generative workload: what a kit for an LLM application needs to know, decided once from the
//! `generative` section, read by the blueprints under `blueprints/generative/` (prompts, the
//! evaluation gate, the metrics CI computes, the Vertex AI clients behind an interface, logging with
//! redaction) and nothing else.
//!
//! It lives beside the tabular [`super::workload`], not inside it: a generative kit trains nothing,
//! so none of the tabular decisions (framework, features, drift statistics, serving containers)
//! apply, and none of them reach its files.

use serde::Serialize;

use crate::questionnaire::{
    GenAiMetric, GenerativeApproach, PersonalDataProtection, Questionnaire, Sensitivity,
    gemini_models,
};

use super::{Pipeline, PipelineParameter, naming, workload::IMAGE_TAG};

/// Python package of the generative kit's code (`src/<package>/`).
pub const PACKAGE: &str = "genai_app";

/// Examples of the evaluation set that pull-request CI scores with the computation-based metrics
/// (a sample keeps CI fast and free of judge-model quota).
pub const CI_SAMPLE_SIZE: u32 = 25;

/// Object of the evaluation set in the artifacts bucket when none is answered yet (the
/// no-evaluation-set blocker): the evaluation refuses to promote until it exists.
pub const DEFAULT_EVALUATION_OBJECT: &str = "evaluation/eval.jsonl";

/// Log name of the structured entry the traffic evaluation writes when sampled production traffic
/// scores below a threshold of the gate; the platform's alert policy filters on it.
pub const QUALITY_ALERT_LOG_NAME: &str = "mlops-kit-genai-quality-alert";

/// The resolved generative workload.
#[derive(Debug, Clone, Serialize)]
pub struct GenerativeWorkload {
    /// mlops-kit version (file headers).
    pub tool_version: String,
    /// Client display name (free text: escape where written).
    pub client_name: String,
    /// Client slug.
    pub client_slug: String,
    /// Use case (free text).
    pub use_case: String,
    /// Python package of the code.
    pub package: String,
    /// `prompt` or `supervised_tuning`.
    pub approach: String,
    /// Vertex AI model id of the base Gemini model.
    pub base_model: String,
    /// Release date (ISO 8601) of the base model's stable version, from the Gemini model table.
    pub base_model_released: String,
    /// When the Gemini model table was last checked against Google's pages (ISO 8601).
    pub model_table_checked: String,
    /// Google's page listing each stable Gemini version's release and retirement dates.
    pub model_versions_page: String,
    /// Region of every Vertex AI call.
    pub region: String,
    /// Cloud Storage prefix of the documents answers are grounded in (empty without retrieval).
    pub retrieval_documents: String,
    /// Cloud Storage JSON Lines file of tuning examples (empty with approach `prompt`).
    pub tuning_dataset: String,
    /// The evaluation set as answered (empty when none exists yet).
    pub evaluation_dataset: String,
    /// Number of examples answered (0 when unknown).
    pub evaluation_size: u32,
    /// Examples pull-request CI scores.
    pub ci_sample_size: u32,
    /// The release gate: every metric with its threshold and scale.
    pub metrics: Vec<MetricSpec>,
    /// Largest tolerated drop against production, as a share (0-1) of each metric's scale.
    pub max_regression: f64,
    /// Whether prompts and responses are logged.
    pub log_prompts_and_responses: bool,
    /// Whether logged prompts and responses are de-identified by Sensitive Data Protection.
    pub redact_personal_data: bool,
    /// Conversations may hold personal data (`data.sensitivity` personal or sensitive personal).
    pub personal_data: bool,
    /// Share of production requests the scheduled evaluation samples.
    pub sampling_rate: f64,
    /// Hours between scheduled evaluations of sampled production traffic (the interval between two
    /// runs of the schedule: `operations.monitoring.frequency_hours`, which validation keeps to the
    /// intervals a cron keeps exactly), and the window each run samples.
    pub evaluation_frequency_hours: u32,
    /// The kit's Vertex AI pipelines ([`pipelines`]): `evaluation` always, `tuning` for approach
    /// `supervised_tuning`, `traffic_evaluation` when prompts and responses are logged and the gate
    /// has a model-based metric to score them with.
    pub pipelines: Vec<Pipeline>,
    /// Image of the pipeline components (the package's `python -m` steps), without tag: the
    /// training (last) environment's registry, like the tabular trainer image.
    pub components_image: String,
    /// [`GenerativeWorkload::components_image`] with the kit's placeholder tag
    /// ([`crate::kit::workload::IMAGE_TAG`]) as the compiled specs name it; CD pins it to the
    /// pushed digest when it publishes the templates.
    pub components_image_ref: String,
    /// Log name of the traffic evaluation's below-threshold entries ([`QUALITY_ALERT_LOG_NAME`]).
    pub quality_alert_log_name: String,
    /// The kit has the `traffic_evaluation` pipeline (and its steps).
    pub traffic_evaluation: bool,
}

/// One metric of the release gate.
#[derive(Debug, Clone, Serialize)]
pub struct MetricSpec {
    /// Key of the score (`rouge_l_sum`, or the custom rubric's name).
    pub key: String,
    /// The evaluation service's metric (`custom_rubric` for a rubric).
    pub metric: String,
    /// Computed from response and reference alone (CI computes it offline).
    pub computation_based: bool,
    /// Lowest score of the metric's scale.
    pub low: f64,
    /// Highest score of the metric's scale.
    pub high: f64,
    /// Score a candidate must reach.
    pub threshold: f64,
    /// Rubric text of a custom metric (free text: escape where written; empty otherwise).
    pub rubric: String,
    /// [`MetricSpec::rubric`] as a Python string literal, quoted the way `ruff format` keeps it.
    pub rubric_py: String,
}

/// A Python string literal: double-quoted (a JSON string, which Python reads the same way) unless
/// the text holds double quotes and no single quote, backslash or control character, which
/// `ruff format` writes single-quoted.
fn py_literal(text: &str) -> String {
    let plain = !text.contains(['\'', '\\']) && !text.chars().any(char::is_control);
    if plain && text.contains('"') {
        format!("'{text}'")
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| unreachable!("a str always serializes"))
    }
}

/// Resolves the generative workload; `None` for a questionnaire of a trained model.
#[must_use]
pub fn resolve(q: &Questionnaire) -> Option<GenerativeWorkload> {
    let g = q.generative.as_ref()?;
    let e = &g.evaluation;
    let metrics: Vec<MetricSpec> = e
        .metrics
        .iter()
        .map(|m| {
            let (low, high) = m.metric.range();
            let metric = super::snake(&m.metric);
            MetricSpec {
                key: match (&m.metric, &m.name) {
                    (GenAiMetric::CustomRubric, Some(name)) => name.clone(),
                    _ => metric.clone(),
                },
                metric,
                computation_based: m.metric.computation_based(),
                low,
                high,
                threshold: m.threshold,
                rubric: m.rubric.clone().unwrap_or_default(),
                rubric_py: py_literal(m.rubric.as_deref().unwrap_or_default()),
            }
        })
        .collect();
    let components_image = components_image(q);
    let pipelines = pipelines(q, g.approach, &metrics);
    Some(GenerativeWorkload {
        tool_version: crate::VERSION.to_owned(),
        client_name: q.client.name.clone(),
        client_slug: q.client.slug.clone(),
        use_case: q.business.use_case.clone(),
        package: PACKAGE.to_owned(),
        approach: match g.approach {
            GenerativeApproach::Prompt => "prompt",
            GenerativeApproach::SupervisedTuning => "supervised_tuning",
        }
        .to_owned(),
        base_model: g.base_model.clone(),
        base_model_released: gemini_models::find(&g.base_model)
            .map(|m| m.released.to_owned())
            .unwrap_or_default(),
        model_table_checked: gemini_models::CHECKED.to_owned(),
        model_versions_page: gemini_models::SOURCES[0].to_owned(),
        region: q.gcp.region.clone(),
        retrieval_documents: g
            .retrieval
            .as_ref()
            .map(|r| r.documents.clone())
            .unwrap_or_default(),
        tuning_dataset: g.tuning_dataset.clone().unwrap_or_default(),
        evaluation_dataset: e.dataset.clone().unwrap_or_default(),
        evaluation_size: e.size.unwrap_or(0),
        ci_sample_size: match e.size {
            Some(n) => n.min(CI_SAMPLE_SIZE),
            None => CI_SAMPLE_SIZE,
        },
        metrics,
        max_regression: e.max_regression.unwrap_or(0.0),
        log_prompts_and_responses: g.logging.prompts_and_responses,
        redact_personal_data: g.logging.personal_data == PersonalDataProtection::Redact,
        personal_data: q.data.sensitivity >= Sensitivity::Personal,
        sampling_rate: q.operations.monitoring.sampling_rate,
        // What the schedule really does ([`naming::cron_every_hours`]): the window each run
        // samples and the interval the README states.
        evaluation_frequency_hours: naming::cron_interval_hours(
            q.operations.monitoring.frequency_hours,
        ),
        components_image_ref: format!("{components_image}:{IMAGE_TAG}"),
        components_image,
        quality_alert_log_name: QUALITY_ALERT_LOG_NAME.to_owned(),
        traffic_evaluation: pipelines.iter().any(|p| p.key == "traffic_evaluation"),
        pipelines,
    })
}

/// The components image in the training (last) environment's registry, named the way the kit
/// model names every image ([`naming::names`], [`naming::docker_registry`]): the one decision the
/// tabular trainer image follows too.
fn components_image(q: &Questionnaire) -> String {
    let names = naming::names(&q.client.slug, q.gcp.admin_project_id.as_deref());
    let project = q
        .gcp
        .environments
        .last()
        .map_or("", |e| e.project_id.as_str());
    format!(
        "{}/{}",
        naming::docker_registry(&q.gcp.region, project, &names.docker_repository),
        naming::GENERATIVE_COMPONENTS_IMAGE
    )
}

fn param(name: &str, kind: &str, description: &str) -> PipelineParameter {
    PipelineParameter {
        name: name.to_owned(),
        kind: kind.to_owned(),
        description: description.to_owned(),
    }
}

/// The generative kit's Vertex AI pipelines and their parameters (every one supplied by the build
/// or schedule that starts the run; the gate's thresholds are the package's `config.py`, one copy).
///
/// - `evaluation`: a candidate (prompt version, or tuned model) and the production release answer
///   the evaluation set; the evaluation service scores both; the gate decides; a promoted candidate
///   becomes the environment's release.
/// - `tuning` (approach `supervised_tuning`): the tuning examples are validated, a Vertex AI
///   supervised tuning job tunes the base model, and the tuned model goes through the same
///   evaluation and gate before it is recorded as the release.
/// - `traffic_evaluation`: a sample of the logged production exchanges of the last window scored
///   with the gate's model-based metrics (they need no reference answer), results appended to
///   BigQuery, an alert entry and a failed run below a threshold. Only with logging on and a
///   model-based metric in the gate: without either there is nothing to score it with.
#[must_use]
pub fn pipelines(
    q: &Questionnaire,
    approach: GenerativeApproach,
    metrics: &[MetricSpec],
) -> Vec<Pipeline> {
    let slug = &q.client.slug;
    let located = || {
        vec![
            param("project_id", "STRING", "Project the pipeline runs in"),
            param("region", "STRING", "Region of every Vertex AI call"),
        ]
    };
    let evaluation_set = param(
        "evaluation_dataset_uri",
        "STRING",
        "Evaluation set: Cloud Storage JSON Lines of prompts, reviewed reference answers and optional context",
    );
    let release = param(
        "release_uri",
        "STRING",
        "Release record of the environment (Cloud Storage JSON): the production version compared against, rewritten when the candidate is promoted",
    );
    let mut out = Vec::new();

    let mut evaluation = located();
    evaluation.extend([
        evaluation_set.clone(),
        param(
            "candidate_version",
            "STRING",
            "Version of the candidate as the release records it (the commit of its prompt, or the tuned model's version)",
        ),
        param(
            "candidate_prompt_uri",
            "STRING",
            "System instruction of the candidate: a prompt version published to Cloud Storage",
        ),
        param(
            "candidate_model",
            "STRING",
            "Model the candidate answers with: the base Gemini model id, or a tuned model's endpoint resource name",
        ),
    ]);
    if approach == GenerativeApproach::SupervisedTuning {
        evaluation.push(param(
            "candidate_registered_model",
            "STRING",
            "Model Registry version of a tuned candidate (`projects/.../models/ID@VERSION`; empty for a prompt version): it gets the `production` alias when promoted",
        ));
    }
    evaluation.push(release.clone());
    out.push(Pipeline {
        key: "evaluation".to_owned(),
        name: format!("{slug}-genai-evaluation"),
        file: "pipelines/evaluation_pipeline.yaml".to_owned(),
        parameters: evaluation,
    });

    if approach == GenerativeApproach::SupervisedTuning {
        let mut tuning = located();
        tuning.extend([
            param(
                "tuning_dataset_uri",
                "STRING",
                "Tuning examples: Cloud Storage JSON Lines in the Gemini supervised tuning format",
            ),
            param(
                "base_model",
                "STRING",
                "Gemini model tuned (a model id that supports supervised tuning in the region)",
            ),
            param(
                "tuned_model_display_name",
                "STRING",
                "Display name of the tuned model in the Vertex AI Model Registry",
            ),
            param(
                "tuning_service_account",
                "STRING",
                "Service account the tuning job runs as",
            ),
            param(
                "encryption_key",
                "STRING",
                "Cloud KMS key of the tuning job and the tuned model (empty without CMEK)",
            ),
            param(
                "candidate_version",
                "STRING",
                "Version of the tuning run as the release records it (the commit of the tuning data and prompt)",
            ),
            param(
                "candidate_prompt_uri",
                "STRING",
                "System instruction the tuned model answers with: a prompt version published to Cloud Storage",
            ),
            evaluation_set,
            release,
        ]);
        out.push(Pipeline {
            key: "tuning".to_owned(),
            name: format!("{slug}-genai-tuning"),
            file: "pipelines/tuning_pipeline.yaml".to_owned(),
            parameters: tuning,
        });
    }

    let logged = q
        .generative
        .as_ref()
        .is_some_and(|g| g.logging.prompts_and_responses);
    if logged && metrics.iter().any(|m| !m.computation_based) {
        let mut traffic = located();
        traffic.extend([
            param(
                "log_table",
                "STRING",
                "BigQuery table of the logged prompts and responses (`project.dataset.table`)",
            ),
            // Numbers as STRING parameters: schedules pass parameter values as strings only.
            param(
                "window_hours",
                "STRING",
                "Hours of logged traffic before the run that are sampled (a whole number)",
            ),
            param(
                "sample_size",
                "STRING",
                "Most logged exchanges scored per run (a whole number)",
            ),
            param(
                "results_table",
                "STRING",
                "BigQuery table every run's scores are appended to (`project.dataset.table`)",
            ),
        ]);
        out.push(Pipeline {
            key: "traffic_evaluation".to_owned(),
            name: format!("{slug}-genai-traffic-evaluation"),
            file: "pipelines/traffic_evaluation_pipeline.yaml".to_owned(),
            parameters: traffic,
        });
    }
    out
}
