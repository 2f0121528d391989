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
};

/// Python package of the generative kit's code (`src/<package>/`).
pub const PACKAGE: &str = "genai_app";

/// Examples of the evaluation set that pull-request CI scores with the computation-based metrics
/// (a sample keeps CI fast and free of judge-model quota).
pub const CI_SAMPLE_SIZE: u32 = 25;

/// Object of the evaluation set in the artifacts bucket when none is answered yet (the
/// no-evaluation-set blocker): the evaluation refuses to promote until it exists.
pub const DEFAULT_EVALUATION_OBJECT: &str = "evaluation/eval.jsonl";

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
    /// Hours between scheduled evaluations of sampled production traffic.
    pub evaluation_frequency_hours: u32,
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
    let metrics = e
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
        evaluation_frequency_hours: q.operations.monitoring.frequency_hours,
    })
}
