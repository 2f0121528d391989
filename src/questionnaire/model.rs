//! The questionnaire as the consultant writes it: raw serde types, version 1.
//!
//! These types are the single source of the questionnaire's shape: `mlops-kit schema` derives the JSON
//! Schema from them, validation checks parsed files against that schema, and the doc comments here are
//! the descriptions editors show. Semantic rules (GCP naming, cross-field consistency) live in
//! `validate.rs`; the resolved kit model lives in `crate::kit`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The questionnaire format version this build reads and writes.
pub const CURRENT_VERSION: u32 = 1;

/// A client maturity questionnaire (format version 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "mlops-kit client maturity questionnaire")]
pub struct Questionnaire {
    /// Format version of this file. Always `1` for now; later versions of mlops-kit migrate older files.
    pub version: u32,
    /// Who the client is.
    pub client: Client,
    /// Why the model exists and how value is measured.
    pub business: Business,
    /// Where the training data lives and how it behaves.
    pub data: Data,
    /// What is being trained and how it is judged.
    pub model: Model,
    /// The generative use case (only with `model.task: generative`, and then required): the approach,
    /// the base Gemini model, the evaluation set and metrics that gate every release, and how prompts
    /// and responses are logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generative: Option<Generative>,
    /// How the team works today (the maturity baseline).
    pub practices: Practices,
    /// How predictions reach their consumers.
    pub serving: Serving,
    /// The client's Google Cloud environment.
    pub gcp: Gcp,
    /// Retraining, drift monitoring and alerting.
    pub operations: Operations,
}

impl Questionnaire {
    /// Language of the client-facing output: `client.language`, English when absent.
    #[must_use]
    pub fn language(&self) -> crate::i18n::Language {
        self.client.language.unwrap_or_default()
    }
}

// ---------------------------------------------------------------------------------------------------
// client

/// Who the client is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Client {
    /// Client's display name, as written in reports and documentation.
    pub name: String,
    /// Short lowercase identifier used in every resource name (buckets, service accounts,
    /// repositories): 2-12 characters, lowercase letters, digits and hyphens, starting with a letter.
    #[schemars(
        length(min = 2, max = 12),
        regex(pattern = r"^[a-z][a-z0-9-]*[a-z0-9]$")
    )]
    pub slug: String,
    /// Industry, used to frame the business case.
    pub industry: Industry,
    /// The client's technical contact for the engagement.
    pub contact: Contact,
    /// Language of everything the client reads: the assessment, the kit's documents and the
    /// pull-request description of an upgrade. `en` (English, the default) or `pt-BR` (Brazilian
    /// Portuguese). `--lang` on the command line overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<crate::i18n::Language>,
}

/// Client industry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Industry {
    /// Retail and e-commerce.
    Retail,
    /// Banks, fintechs, insurers.
    FinancialServices,
    /// Manufacturing and industrial operations.
    Manufacturing,
    /// Healthcare and life sciences.
    Healthcare,
    /// Telecommunications.
    Telecom,
    /// Energy and utilities.
    Energy,
    /// Logistics and transport.
    Logistics,
    /// Media and entertainment.
    Media,
    /// Public sector.
    PublicSector,
    /// Anything else.
    Other,
}

/// A person to contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Work email address.
    #[schemars(email)]
    pub email: String,
}

// ---------------------------------------------------------------------------------------------------
// business

/// Why the model exists and how its value is measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Business {
    /// The use case in one sentence (e.g. "predict churn of subscription customers").
    pub use_case: String,
    /// The business decision or process the predictions drive, and who consumes them.
    pub decision: String,
    /// The business KPI the model moves. Leave it out only if none is agreed yet: that is a readiness
    /// blocker (a value workshop comes before any platform work).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpi: Option<Kpi>,
    /// How costly a wrong prediction is; decides approval gates and rollout caution.
    pub cost_of_error: CostOfError,
    /// Today, how long from "data science approved a model" to "it serves production traffic".
    pub deploy_lead_time: LeadTime,
    /// How often a new model version reaches production today.
    pub release_frequency: ReleaseFrequency,
    /// Models in production now and expected in a year; many models make pipeline CI/CD pay off.
    pub models_in_production: ModelCount,
    /// Whether an executive sponsor with budget backs the engagement.
    pub executive_sponsor: bool,
}

/// A business KPI with its baseline and target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// KPI name (e.g. "monthly churn rate").
    pub name: String,
    /// Unit (e.g. "%", "BRL", "hours").
    pub unit: String,
    /// Value today.
    pub baseline: f64,
    /// Value the engagement aims for.
    pub target: f64,
    /// Who owns the KPI on the business side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// Cost of a wrong prediction.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CostOfError {
    /// A wrong prediction is a minor inconvenience.
    Low,
    /// A wrong prediction costs money or customer goodwill.
    Medium,
    /// A wrong prediction causes significant financial loss.
    High,
    /// A wrong prediction has safety, legal or regulatory consequences.
    Critical,
}

/// Deploy lead time.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LeadTime {
    /// No model has ever reached production.
    NeverDeployed,
    /// More than a month.
    Months,
    /// One to four weeks.
    Weeks,
    /// One to seven days.
    Days,
    /// Less than a day.
    Hours,
}

/// Release frequency of new model versions.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseFrequency {
    /// Never released.
    Never,
    /// Once or twice a year.
    Yearly,
    /// About every quarter.
    Quarterly,
    /// About every month.
    Monthly,
    /// Weekly or more often.
    Weekly,
}

/// Number of models in production.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelCount {
    /// Models in production now.
    pub now: u32,
    /// Models expected in production in twelve months.
    pub in_one_year: u32,
}

// ---------------------------------------------------------------------------------------------------
// data

/// Where the training data lives and how it behaves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// Where the training data lives today. The first source is the one the pipeline extracts from.
    #[schemars(length(min = 1))]
    pub sources: Vec<DataSource>,
    /// Size of the training data.
    pub volume: DataVolume,
    /// How often new labelled data arrives.
    pub freshness: Freshness,
    /// How long until the true outcome (ground truth) of a prediction is known.
    pub label_delay: LabelDelay,
    /// Most sensitive kind of data the model trains on or receives.
    pub sensitivity: Sensitivity,
    /// Regulations that apply to this data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regulations: Vec<Regulation>,
}

/// One place training data lives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum DataSource {
    /// A BigQuery table.
    Bigquery {
        /// Project holding the dataset.
        project_id: String,
        /// Dataset id.
        dataset: String,
        /// Table id.
        table: String,
        /// Location of the dataset: a BigQuery multi-region (`US`, `EU`) or a region
        /// (`southamerica-east1`). Every BigQuery job that reads the table runs there. Default: the
        /// platform's `gcp.region` (a warehouse elsewhere must say where, or its jobs fail).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<String>,
    },
    /// Files in Cloud Storage.
    CloudStorage {
        /// Bucket name (without `gs://`).
        bucket: String,
        /// Object prefix of the training files.
        #[serde(default)]
        prefix: String,
        /// Format of the tabular files under the prefix: `csv` (with a header row, the default),
        /// `parquet` or `jsonl` (JSON Lines). The extract step reads this format, and batch
        /// prediction scores files of it (Vertex AI batch prediction reads CSV and JSON Lines, not
        /// Parquet). Images and text are read through a `labels.csv` manifest instead: leave it out.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<FileFormat>,
    },
    /// A Cloud SQL database.
    CloudSql {
        /// Project holding the instance.
        project_id: String,
        /// Instance name.
        instance: String,
        /// Database name.
        database: String,
        /// Table name.
        table: String,
    },
    /// A database or file share in the client's own data centre.
    OnPremises {
        /// What the system is (e.g. "Oracle 19c ERP", "SMB share of CSV exports").
        system: String,
    },
    /// Storage in another cloud (AWS, Azure).
    OtherCloud {
        /// Which cloud.
        provider: OtherCloud,
        /// What the system is (e.g. "S3 bucket acme-exports").
        system: String,
    },
}

/// File format of tabular training files in Cloud Storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    /// Comma-separated values with a header row.
    #[default]
    Csv,
    /// Apache Parquet.
    Parquet,
    /// JSON Lines: one JSON object per line.
    Jsonl,
}

/// Another cloud provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OtherCloud {
    /// Amazon Web Services.
    Aws,
    /// Microsoft Azure.
    Azure,
    /// Oracle Cloud Infrastructure.
    Oracle,
}

/// Training data volume.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DataVolume {
    /// Under 10 GB: one container handles it.
    Under10gb,
    /// 10 GB to 1 TB: prepare in BigQuery, train on a large machine.
    From10gbTo1tb,
    /// 1 TB to 10 TB: prepare on Dataflow or BigQuery, distributed training.
    From1tbTo10tb,
    /// Over 10 TB.
    Over10tb,
}

/// How often new labelled data arrives.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Freshness {
    /// The data set does not change.
    Static,
    /// Monthly.
    Monthly,
    /// Weekly.
    Weekly,
    /// Daily.
    Daily,
    /// Hourly.
    Hourly,
    /// Continuous stream.
    Streaming,
}

/// Delay until ground truth is known.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LabelDelay {
    /// Known at once.
    Immediate,
    /// Hours to days.
    Days,
    /// Weeks to months.
    Months,
    /// Never known: only drift can be monitored, not accuracy.
    Never,
}

/// Data sensitivity.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    /// No personal data.
    None,
    /// Personal data pseudonymised before it reaches the platform.
    Pseudonymised,
    /// Personal data (LGPD "dados pessoais", GDPR personal data).
    Personal,
    /// Sensitive personal data (LGPD "dados pessoais sensíveis": health, biometrics, ...).
    SensitivePersonal,
}

/// A regulation that applies to the data.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Regulation {
    /// Brazil's Lei Geral de Proteção de Dados.
    Lgpd,
    /// The EU General Data Protection Regulation.
    Gdpr,
    /// Brazilian Central Bank rules on data processing and cloud (Resolução CMN 4.893).
    Bacen,
    /// US HIPAA.
    Hipaa,
    /// PCI DSS.
    PciDss,
    /// EU AI Act, high-risk system.
    EuAiActHighRisk,
    /// Other sector-specific regulation.
    SectorSpecific,
}

// ---------------------------------------------------------------------------------------------------
// model

/// What is being trained and how it is judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// Kind of prediction task.
    pub task: Task,
    /// Training framework (every task but `generative`, which uses a Gemini model instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<Framework>,
    /// Hardware that trains the model (not for `generative`: Vertex AI runs tuning jobs itself).
    #[serde(default, skip_serializing_if = "TrainingHardware::is_default")]
    pub training: TrainingHardware,
    /// Column holding the label (tabular and forecasting tasks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_column: Option<String>,
    /// Key input features (tabular tasks); each can carry its own drift threshold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<Feature>,
    /// Evaluation metric and the threshold a new model must reach before it is registered (every
    /// task but `generative`, whose metrics are under `generative.evaluation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Evaluation>,
}

impl Model {
    /// The training framework of a trained model. Validation requires `framework` for every task but
    /// `generative`, and generative kits never ask for it.
    ///
    /// # Panics
    /// On a generative questionnaire (a caller bug: generative kits train no framework).
    #[must_use]
    pub fn trained_framework(&self) -> Framework {
        self.framework.expect(
            "invariant: validation requires `model.framework` for every non-generative task",
        )
    }

    /// The evaluation metric and threshold of a trained model (see [`Model::trained_framework`]).
    ///
    /// # Panics
    /// On a generative questionnaire (a caller bug: generative kits are judged by `generative`).
    #[must_use]
    pub fn trained_evaluation(&self) -> &Evaluation {
        self.evaluation.as_ref().expect(
            "invariant: validation requires `model.evaluation` for every non-generative task",
        )
    }
}

/// Prediction task type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// Classification on tabular data.
    TabularClassification,
    /// Regression on tabular data.
    TabularRegression,
    /// Time-series forecasting.
    Forecasting,
    /// Computer vision.
    Vision,
    /// Text / NLP.
    Text,
    /// Generative model (LLM and similar).
    Generative,
}

/// Training framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// scikit-learn.
    ScikitLearn,
    /// XGBoost.
    Xgboost,
    /// TensorFlow / Keras.
    Tensorflow,
    /// PyTorch.
    Pytorch,
}

/// Training hardware.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingHardware {
    /// Compute Engine machine type for training; leave out to size it from the data volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine_type: Option<String>,
    /// GPU type, if training needs one.
    #[serde(default)]
    pub accelerator: Accelerator,
    /// Number of GPUs per machine (required with a GPU: 1, 2, 4 or 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accelerator_count: Option<u32>,
}

impl TrainingHardware {
    /// Whether nothing was answered (CPU, machine sized from the data volume).
    #[must_use]
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

impl Default for TrainingHardware {
    fn default() -> Self {
        Self {
            machine_type: None,
            accelerator: Accelerator::None,
            accelerator_count: None,
        }
    }
}

/// GPU type (Vertex AI accelerator type, lowercase).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Accelerator {
    /// CPU only.
    #[default]
    None,
    /// NVIDIA T4.
    NvidiaTeslaT4,
    /// NVIDIA L4.
    NvidiaL4,
    /// NVIDIA V100.
    NvidiaTeslaV100,
    /// NVIDIA A100 40 GB.
    NvidiaTeslaA100,
    /// NVIDIA A100 80 GB.
    #[serde(rename = "nvidia_a100_80gb")]
    NvidiaA10080gb,
    /// NVIDIA H100 80 GB.
    #[serde(rename = "nvidia_h100_80gb")]
    NvidiaH10080gb,
}

/// An input feature of a tabular model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    /// Column name.
    pub name: String,
    /// Numeric or categorical; decides the drift statistic (Jensen-Shannon or L-infinity).
    #[serde(rename = "type")]
    pub kind: FeatureKind,
    /// Drift threshold for this feature, overriding `operations.monitoring.drift_threshold`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub drift_threshold: Option<f64>,
}

/// Feature type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKind {
    /// Numeric feature (drift by Jensen-Shannon divergence).
    Numeric,
    /// Categorical feature (drift by L-infinity distance).
    Categorical,
}

/// Evaluation metric and promotion threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Metric a new model is judged on.
    pub metric: Metric,
    /// Value the new model must reach (at least, or at most for error metrics) to be registered.
    pub threshold: f64,
}

/// Evaluation metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Area under the ROC curve (higher is better).
    RocAuc,
    /// Area under the precision-recall curve (higher is better).
    PrAuc,
    /// Accuracy (higher is better).
    Accuracy,
    /// F1 score (higher is better).
    F1,
    /// Precision (higher is better).
    Precision,
    /// Recall (higher is better).
    Recall,
    /// Root mean squared error (lower is better).
    Rmse,
    /// Mean absolute error (lower is better).
    Mae,
    /// Mean absolute percentage error (lower is better).
    Mape,
    /// Coefficient of determination (higher is better).
    R2,
}

// ---------------------------------------------------------------------------------------------------
// generative

/// The generative use case: how the application uses Gemini, and how every release is judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Generative {
    /// `prompt`: a Gemini model steered by prompts kept under `prompts/` (optionally grounded in the
    /// client's documents); `supervised_tuning`: a Gemini model tuned on the client's examples.
    pub approach: GenerativeApproach,
    /// Vertex AI model id of the base Gemini model (e.g. `gemini-2.5-flash`); checked against the
    /// list of models mlops-kit knows (`mlops-kit` prints it when the id is not in it).
    pub base_model: String,
    /// Retrieval over the client's documents (approach `prompt` only): answers are grounded in them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieval: Option<Retrieval>,
    /// Tuning examples (approach `supervised_tuning`, required there): a Cloud Storage JSON Lines
    /// file in the Vertex AI tuning format (`gs://bucket/path/train.jsonl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tuning_dataset: Option<String>,
    /// The evaluation that gates every release of a prompt or tuned model.
    pub evaluation: GenerativeEvaluation,
    /// Whether prompts and responses are logged, and how personal data in them is protected.
    pub logging: GenerativeLogging,
    /// How the team works on prompts and responses today (the generative maturity baseline).
    pub practices: GenerativePractices,
}

/// How the application uses the Gemini model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GenerativeApproach {
    /// The base model with versioned prompts (and optional retrieval).
    Prompt,
    /// The base model tuned on the client's examples (Vertex AI supervised tuning).
    SupervisedTuning,
}

/// Retrieval over the client's documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retrieval {
    /// Cloud Storage prefix of the documents answers are grounded in (`gs://bucket/prefix/`).
    pub documents: String,
}

/// The evaluation of a candidate (prompt version or tuned model) against production.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerativeEvaluation {
    /// The evaluation data set: a Cloud Storage JSON Lines file (`gs://bucket/path/eval.jsonl`), one
    /// example per line (`prompt`, `reference`, optional `context`). Leave it out only if none exists
    /// yet: that is a readiness blocker (quality cannot be measured, so nothing can be released).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    /// Number of examples in the evaluation data set (20 or more; 200 or more gives stable scores).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub size: Option<u32>,
    /// Metrics of the Vertex AI Gen AI evaluation service, each with the threshold a candidate must
    /// reach. At least one.
    #[schemars(length(min = 1))]
    pub metrics: Vec<GenerativeMetric>,
    /// Largest drop of any metric, candidate against production, that still counts as no regression
    /// (0 to 1 of the metric's scale; default 0: the candidate must not score lower).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub max_regression: Option<f64>,
}

/// One evaluation metric with its threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerativeMetric {
    /// The metric.
    pub metric: GenAiMetric,
    /// Score the candidate must reach (at least). Computation-based metrics, `groundedness` and
    /// `safety` score 0-1; `fluency`, `coherence`, `instruction_following` and `custom_rubric` 1-5.
    pub threshold: f64,
    /// Name of a `custom_rubric` metric (lowercase letters, digits and `_`), e.g. `tone_of_voice`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The rubric the judge model scores a `custom_rubric` metric by (what a 5 and a 1 look like).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<String>,
}

/// A metric of the Vertex AI Gen AI evaluation service.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum GenAiMetric {
    /// Computation-based: share of responses equal to the reference (0-1).
    ExactMatch,
    /// Computation-based: BLEU against the reference (0-1).
    Bleu,
    /// Computation-based: ROUGE-1 F-measure against the reference (0-1).
    #[serde(rename = "rouge_1")]
    Rouge1,
    /// Computation-based: ROUGE-2 F-measure against the reference (0-1).
    #[serde(rename = "rouge_2")]
    Rouge2,
    /// Computation-based: ROUGE-L F-measure against the reference (0-1).
    RougeL,
    /// Computation-based: ROUGE-Lsum F-measure against the reference (0-1).
    RougeLSum,
    /// Computation-based: share of responses whose tool calls are valid (0-1).
    ToolCallValid,
    /// Computation-based: share of tool calls naming the reference tool (0-1).
    ToolNameMatch,
    /// Computation-based: share of tool calls with the reference parameter names (0-1).
    ToolParameterKeyMatch,
    /// Computation-based: share of tool calls with the reference parameter names and values (0-1).
    ToolParameterKvMatch,
    /// Model-based: the response only states what the context supports (0-1).
    Groundedness,
    /// Model-based: language mastery (1-5).
    Fluency,
    /// Model-based: a logically organised response (1-5).
    Coherence,
    /// Model-based: no harmful content (0-1).
    Safety,
    /// Model-based: the response follows the prompt's instructions (1-5).
    InstructionFollowing,
    /// Model-based: the client's own rubric, scored by the judge model (1-5).
    CustomRubric,
}

impl GenAiMetric {
    /// Whether the metric is computed from the response and reference alone (no judge model), so it
    /// runs offline in pull-request CI.
    #[must_use]
    pub fn computation_based(self) -> bool {
        matches!(
            self,
            Self::ExactMatch
                | Self::Bleu
                | Self::Rouge1
                | Self::Rouge2
                | Self::RougeL
                | Self::RougeLSum
                | Self::ToolCallValid
                | Self::ToolNameMatch
                | Self::ToolParameterKeyMatch
                | Self::ToolParameterKvMatch
        )
    }

    /// Whether the metric judges tool calls (the evaluation set then carries reference tool calls).
    #[must_use]
    pub fn tool_call(self) -> bool {
        matches!(
            self,
            Self::ToolCallValid
                | Self::ToolNameMatch
                | Self::ToolParameterKeyMatch
                | Self::ToolParameterKvMatch
        )
    }

    /// The score range `(lowest, highest)` of the metric.
    #[must_use]
    pub fn range(self) -> (f64, f64) {
        match self {
            Self::Fluency | Self::Coherence | Self::InstructionFollowing | Self::CustomRubric => {
                (1.0, 5.0)
            }
            _ => (0.0, 1.0),
        }
    }
}

/// Logging of prompts and responses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerativeLogging {
    /// Whether prompts and responses may be logged (to BigQuery). Without it, production traffic
    /// cannot be sampled for the scheduled evaluation.
    pub prompts_and_responses: bool,
    /// How personal data in logged prompts and responses is protected: `redact` (Sensitive Data
    /// Protection removes it before anything is written) or `none` (only when no personal data can
    /// appear in conversations).
    pub personal_data: PersonalDataProtection,
}

/// Protection of personal data in logged prompts and responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PersonalDataProtection {
    /// Sensitive Data Protection de-identifies prompts and responses before they are logged.
    Redact,
    /// Logged as they are (no personal data can appear).
    None,
}

/// How the team works on the generative application today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerativePractices {
    /// Whether prompts live in version control and change only by reviewed pull requests.
    pub prompts_in_version_control: bool,
    /// Whether people review a sample of production responses regularly.
    pub human_review: bool,
    /// Whether guardrails filter inputs and outputs (safety settings, blocked topics, checks of
    /// what the model may reveal or do).
    pub guardrails: bool,
}

// ---------------------------------------------------------------------------------------------------
// practices

/// How the team works today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Practices {
    /// Version control of ML code.
    pub version_control: VersionControl,
    /// What continuous integration runs today.
    pub ci: CiPractice,
    /// Infrastructure as code.
    pub infrastructure_as_code: IacPractice,
    /// Environments the team deploys to today.
    pub environments: EnvironmentsPractice,
    /// How training runs.
    pub training: TrainingPractice,
    /// How retraining is triggered today.
    pub retraining: RetrainingPractice,
    /// Where trained models are stored and versioned.
    pub model_registry: RegistryPractice,
    /// How models are deployed.
    pub deployment: DeploymentPractice,
    /// Whether the previous model can be restored within minutes.
    pub rollback: bool,
    /// What is monitored in production.
    pub monitoring: MonitoringPractice,
    /// How experiments are tracked.
    pub experiment_tracking: ExperimentTracking,
    /// Whether data is validated automatically before training.
    pub data_validation: bool,
    /// Whether a new model is compared automatically with the one in production before promotion.
    pub model_validation: bool,
    /// Whether the team can create projects, service accounts and IAM grants in Google Cloud.
    pub can_manage_iam: bool,
}

/// Version control practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VersionControl {
    /// No version control.
    None,
    /// Git without code review.
    GitWithoutReview,
    /// Git with pull-request review.
    GitWithReview,
}

/// CI practice.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CiPractice {
    /// No CI.
    None,
    /// CI for application code only.
    ApplicationOnly,
    /// CI runs ML unit tests.
    MlTests,
    /// CI builds and tests the ML pipelines.
    PipelineTests,
}

/// Infrastructure-as-code practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IacPractice {
    /// Infrastructure created by hand.
    None,
    /// Some infrastructure in code.
    Partial,
    /// All infrastructure in Terraform.
    Terraform,
    /// All infrastructure in another tool.
    OtherTool,
}

/// Environments used today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnvironmentsPractice {
    /// One environment.
    Single,
    /// Development and production.
    DevProd,
    /// Development, staging and production.
    DevStagingProd,
}

/// Training practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrainingPractice {
    /// A person runs a notebook.
    ManualNotebook,
    /// A script run by cron or by hand.
    Script,
    /// An orchestrated pipeline (Vertex AI Pipelines, Kubeflow, Airflow).
    OrchestratedPipeline,
}

/// Retraining practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RetrainingPractice {
    /// Never retrained.
    Never,
    /// Retrained by hand when someone notices.
    Manual,
    /// Retrained on a schedule.
    Scheduled,
    /// Retrained when new data arrives.
    OnNewData,
    /// Retrained when drift or a performance drop is detected.
    OnDrift,
}

/// Model registry practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegistryPractice {
    /// Models are not stored systematically.
    None,
    /// Model files in a bucket or file share.
    Files,
    /// MLflow model registry.
    Mlflow,
    /// Vertex AI Model Registry.
    Vertex,
}

/// Deployment practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentPractice {
    /// Hand-off to another team.
    ManualHandoff,
    /// Scripted, run by hand.
    Scripted,
    /// Automated by CI/CD.
    Automated,
    /// Automated with canary or A/B rollout.
    AutomatedProgressive,
}

/// Monitoring practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MonitoringPractice {
    /// Nothing is monitored.
    None,
    /// Infrastructure only (CPU, errors).
    Infrastructure,
    /// Model metrics computed offline now and then.
    OfflineMetrics,
    /// Skew and drift monitored.
    Drift,
    /// Drift and the business KPI monitored.
    DriftAndKpi,
}

/// Experiment tracking practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentTracking {
    /// Not tracked.
    None,
    /// In spreadsheets or documents.
    Documents,
    /// MLflow.
    Mlflow,
    /// Weights & Biases.
    Wandb,
    /// Vertex AI Experiments.
    VertexExperiments,
}

// ---------------------------------------------------------------------------------------------------
// serving

/// How predictions reach their consumers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Serving {
    /// Online (an endpoint answers requests), batch (scheduled scoring) or both.
    pub mode: ServingMode,
    /// 95th-percentile latency target in milliseconds (online serving).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub latency_p95_ms: Option<u32>,
    /// Peak requests per second (online serving); sizes replicas and monitoring sampling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub peak_qps: Option<u32>,
    /// How a new model reaches production.
    pub rollout: Rollout,
    /// Where batch predictions are written (required for batch serving).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_output: Option<BatchOutput>,
}

/// Serving mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServingMode {
    /// A Vertex AI endpoint answers requests.
    Online,
    /// Batch prediction jobs score data on a schedule.
    Batch,
    /// Both online and batch.
    Both,
}

/// Rollout of a new model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rollout {
    /// `direct` replaces the model at once; `canary` sends a share of traffic to it first.
    pub strategy: RolloutStrategy,
    /// Share of traffic (1-50 %) the new model receives during a canary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 50))]
    pub canary_traffic_percent: Option<u32>,
    /// Whether a person must approve each production release in Cloud Build.
    pub manual_approval: bool,
}

/// Rollout strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RolloutStrategy {
    /// Replace the serving model at once.
    Direct,
    /// Split traffic between the current and the new model first.
    Canary,
}

/// Destination of batch predictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum BatchOutput {
    /// A BigQuery table in the kit's dataset, created by the batch job.
    Bigquery {
        /// Table name prefix for prediction results.
        table: String,
    },
    /// Files under a prefix of the kit's artifacts bucket.
    CloudStorage {
        /// Object prefix for prediction files.
        prefix: String,
    },
}

// ---------------------------------------------------------------------------------------------------
// gcp

/// The client's Google Cloud environment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gcp {
    /// Numeric organization id, if the projects sit in an organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// Numeric folder id holding the ML projects, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder_id: Option<String>,
    /// Primary region; every regional resource is created there (e.g. `southamerica-east1`).
    pub region: String,
    /// One entry per environment, in promotion order (dev, then staging, then prod). At least one.
    #[schemars(length(min = 1))]
    pub environments: Vec<Environment>,
    /// Project that holds the Terraform state of every environment (one bucket per environment),
    /// apart from the environments' projects so that no environment's owners or deploy account can
    /// read or change another environment's state. When absent, the bootstrap creates
    /// `<slug>-mlops-admin` in the answered folder or organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        length(min = 6, max = 30),
        regex(pattern = r"^[a-z][a-z0-9-]*[a-z0-9]$")
    )]
    pub admin_project_id: Option<String>,
    /// Where the kit's source code is hosted; Cloud Build connects to it.
    pub source_repository: SourceRepository,
    /// Networking model.
    #[serde(default)]
    pub network: Network,
    /// Customer-managed encryption keys (Cloud KMS) for buckets, registries, BigQuery and Vertex AI.
    #[serde(default)]
    pub cmek: Cmek,
    /// VPC Service Controls perimeter around the ML projects.
    #[serde(default)]
    pub vpc_service_controls: VpcServiceControls,
    /// Labels added to every resource (cost attribution). Keys and values: lowercase, at most 63
    /// characters.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
}

/// One deployment environment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// Environment name.
    pub name: EnvironmentName,
    /// Google Cloud project id of this environment (6-30 characters).
    #[schemars(
        length(min = 6, max = 30),
        regex(pattern = r"^[a-z][a-z0-9-]*[a-z0-9]$")
    )]
    pub project_id: String,
}

/// Environment name.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EnvironmentName {
    /// Development.
    Dev,
    /// Staging / pre-production.
    Staging,
    /// Production.
    Prod,
}

impl EnvironmentName {
    /// The name as written in files and resource names.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dev => "dev",
            Self::Staging => "staging",
            Self::Prod => "prod",
        }
    }
}

/// Source repository.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRepository {
    /// Hosting service.
    pub host: RepositoryHost,
    /// HTTPS clone URL of the repository (e.g. `https://github.com/acme/churn-mlops.git`).
    pub url: String,
    /// Base URL of a self-hosted server (GitHub Enterprise, GitLab self-managed, Bitbucket Data
    /// Center), e.g. `https://gitlab.acme.com.br`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
}

/// Repository host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RepositoryHost {
    /// github.com.
    Github,
    /// GitHub Enterprise Server.
    GithubEnterprise,
    /// gitlab.com.
    Gitlab,
    /// GitLab self-managed.
    GitlabSelfManaged,
    /// Bitbucket Cloud.
    BitbucketCloud,
    /// Bitbucket Data Center.
    BitbucketDataCenter,
}

/// Networking.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// `default`: Google-managed networking; `shared_vpc`: a host project's VPC; `private`: no public
    /// IPs, private pools and private endpoints.
    #[serde(default)]
    pub mode: NetworkMode,
    /// VPC network name (shared VPC or private).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<String>,
    /// Project hosting the shared VPC (shared VPC only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_project_id: Option<String>,
}

/// Networking model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NetworkMode {
    /// Google-managed networking.
    #[default]
    Default,
    /// A shared VPC in a host project.
    SharedVpc,
    /// Private networking: no external IPs.
    Private,
}

/// Customer-managed encryption keys.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cmek {
    /// Whether data at rest must be encrypted with the client's own Cloud KMS keys.
    #[serde(default)]
    pub enabled: bool,
    /// Location of the key ring; must equal `gcp.region` (Vertex AI and BigQuery need keys in the
    /// resource's region).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_location: Option<String>,
}

/// VPC Service Controls.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VpcServiceControls {
    /// Whether the projects sit inside a VPC Service Controls perimeter.
    #[serde(default)]
    pub enabled: bool,
    /// Name of the perimeter, managed by the client's security team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perimeter: Option<String>,
}

// ---------------------------------------------------------------------------------------------------
// operations

/// Retraining, monitoring and alerting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operations {
    /// What starts a retraining run.
    pub retraining: Retraining,
    /// Drift and skew monitoring.
    #[serde(default)]
    pub monitoring: Monitoring,
    /// Who is alerted.
    pub alerts: Alerts,
}

/// Retraining triggers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retraining {
    /// Triggers: `schedule` (cron), `new_data` (a file lands in the data bucket), `drift` (a monitoring
    /// alert). Empty (`[]`): no automatic retraining; a person starts continuous training by hand.
    pub triggers: Vec<RetrainingTrigger>,
    /// Cron expression (5 fields, UTC unless `timezone` is set) for scheduled retraining.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    /// IANA time zone of the schedule (e.g. `America/Sao_Paulo`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// Retraining trigger.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RetrainingTrigger {
    /// On a cron schedule.
    Schedule,
    /// When new training data lands.
    NewData,
    /// When drift monitoring raises an alert.
    Drift,
}

/// Drift and skew monitoring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Monitoring {
    /// Default drift threshold for every feature (0-1; Vertex's default is 0.3).
    #[serde(default = "default_threshold")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub drift_threshold: f64,
    /// Default training-serving skew threshold (0-1).
    #[serde(default = "default_threshold")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub skew_threshold: f64,
    /// How often monitoring runs, in whole hours: 1, 2, 3, 4, 6, 8, 12, 24 or 168 (exact cron intervals).
    #[serde(default = "default_frequency_hours")]
    #[schemars(range(min = 1, max = 168))]
    pub frequency_hours: u32,
    /// Share of requests sampled for monitoring (0-1].
    #[serde(default = "default_sampling_rate")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub sampling_rate: f64,
}

/// The monitoring frequencies, in hours, a cron schedule keeps exactly: the divisors of a day and a
/// week. A cron's `*/h` restarts every midnight (hours) or every 1st of the month (days), so any
/// other interval leaves one shorter gap a day or a month, while each run looks back exactly
/// `frequency_hours`: some rows would be checked twice and others never. The questionnaire refuses
/// the other values (`check_answers`).
pub const MONITORING_FREQUENCIES_HOURS: [u32; 9] = [1, 2, 3, 4, 6, 8, 12, 24, 168];

/// The nearest monitoring frequencies a schedule keeps below and above `hours` (equal when `hours`
/// is one of [`MONITORING_FREQUENCIES_HOURS`]; `None` past either end).
#[must_use]
pub fn nearest_monitoring_frequencies(hours: u32) -> (Option<u32>, Option<u32>) {
    let below = MONITORING_FREQUENCIES_HOURS
        .iter()
        .rev()
        .find(|&&h| h <= hours)
        .copied();
    let above = MONITORING_FREQUENCIES_HOURS
        .iter()
        .find(|&&h| h >= hours)
        .copied();
    (below, above)
}

fn default_threshold() -> f64 {
    0.3
}
fn default_frequency_hours() -> u32 {
    24
}
fn default_sampling_rate() -> f64 {
    1.0
}

impl Default for Monitoring {
    fn default() -> Self {
        Self {
            drift_threshold: default_threshold(),
            skew_threshold: default_threshold(),
            frequency_hours: default_frequency_hours(),
            sampling_rate: default_sampling_rate(),
        }
    }
}

/// Alert recipients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alerts {
    /// Email addresses notified of drift, failed pipelines and failed deployments. At least one.
    #[schemars(length(min = 1), inner(email))]
    pub emails: Vec<String>,
}
