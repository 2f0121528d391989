//! The platform of a generative kit: the same projects, state, repository connection, Cloud Build,
//! registries, CMEK and network as a trained model's kit, with the identities, grants, APIs and
//! monitoring an LLM application needs instead of a trainer's and an endpoint's.
//!
//! Identities: `pipeline` runs the evaluation (and tuning) pipelines and the scheduled evaluation
//! of sampled traffic; `app` is the application's runtime identity (calls Gemini, de-identifies and
//! writes the prompt and response log); `ci` plans Terraform and scores a sample of the evaluation
//! set on pull requests; `deploy` applies Terraform and promotes releases. No trainer, serving,
//! scoring or retraining-trigger account: a generative kit has no endpoint, batch job or
//! retraining build.
//!
//! Each function here is what the same-named function of `iam` (or of the platform module) returns
//! for a generative kit; those call these first, so the rest of the platform (deploy grants, the
//! bootstrap's IAM Conditions, Terraform) follows from one list.

use serde::Serialize;

use crate::i18n::{Bilingual, both};
use crate::kit::Kit;

use super::iam::{Grant, ServiceAccount, grant};

/// BigQuery table (in the kit's dataset) of logged prompts and responses.
pub const LOG_TABLE: &str = "prompt_response_log";

/// Days a day's partition of the prompt and response log is kept.
pub const LOG_PARTITION_DAYS: u32 = 90;

/// Sensitive Data Protection infoTypes the de-identify template replaces (the kinds of personal
/// data of Brazilian conversations; `log_record.py` inspects for the same list).
pub const INFO_TYPES: &[&str] = &[
    "BRAZIL_CPF_NUMBER",
    "CREDIT_CARD_NUMBER",
    "EMAIL_ADDRESS",
    "PERSON_NAME",
    "PHONE_NUMBER",
    "STREET_ADDRESS",
];

/// The structured log entry the application writes when Gemini blocks a response for safety; the
/// log-based metric of safety blocks counts these.
pub const SAFETY_BLOCK_EVENT: &str = "safety_block";

/// Monitored resource of Gemini's Cloud Monitoring metrics (calls to Google's hosted models).
pub const PUBLISHER_MODEL_RESOURCE: &str = "aiplatform.googleapis.com/PublisherModel";

/// Object, in each environment's artifacts bucket, of the production release record: which prompt
/// version and model answer there. The evaluation pipeline compares candidates with it and rewrites
/// it when it promotes one; CD checks it named the release afterwards.
pub const RELEASE_OBJECT: &str = "production/release.json";

/// Folder of the artifacts bucket holding each release's files (`RELEASE/prompts/`), beside CD's
/// release records.
pub const RELEASES_PREFIX: &str = "releases/";

/// The pipeline CD runs to release a candidate.
#[derive(Debug, Clone, Serialize)]
pub struct ReleasePipeline {
    /// Key (`evaluation`, or `tuning` with approach `supervised_tuning`).
    pub key: String,
    /// KFP package name.
    pub name: String,
}

/// What a generative kit's platform has beyond the shared lists.
#[derive(Debug, Clone, Serialize)]
pub struct GenerativePlatform {
    /// The pipeline each CD build runs in the environment it releases to: the tuning pipeline
    /// (which tunes, evaluates and gates) or the evaluation pipeline (a prompt version).
    pub release_pipeline: ReleasePipeline,
    /// [`RELEASE_OBJECT`].
    pub release_object: String,
    /// [`RELEASES_PREFIX`].
    pub releases_prefix: String,
    /// Object of the evaluation set in the artifacts bucket when none was answered.
    pub default_evaluation_object: String,
    /// [`TRAFFIC_SAMPLE_SIZE`].
    pub traffic_sample_size: u32,
    /// [`TRAFFIC_RESULTS_TABLE`].
    pub traffic_results_table: String,
    /// Base image of the components Dockerfile (pinned by digest; set once the egress is resolved).
    pub base_image: String,
    /// The prompt and response log, when prompts and responses may be logged.
    pub log_table: Option<LogTable>,
    /// The de-identify template the application redacts personal data with, when conversations
    /// hold personal data and the answer is to redact it.
    pub deidentify_template: Option<DeidentifyTemplate>,
    /// Log-based metric of safety blocks (name).
    pub safety_metric: String,
    /// Log filter of the safety-block entries.
    pub safety_filter: String,
    /// [`SAFETY_BLOCK_EVENT`]: the `mlops_kit_event` of those entries.
    pub safety_event: String,
    /// Cloud Monitoring alert policies on Gemini's latency, errors and token use, and safety blocks.
    pub alerts: Vec<AlertPolicy>,
    /// Alert on the entries the scheduled traffic evaluation logs when sampled production traffic
    /// scores below a threshold of the gate (with the traffic evaluation only).
    pub quality_alert: Option<LogAlert>,
    /// Buckets outside the environments' projects the kit's identities read (the evaluation set,
    /// tuning examples, retrieval documents): granted by the bootstrap, whose operator administers
    /// them.
    pub external_reads: Vec<ExternalRead>,
    /// With approach `supervised_tuning`: the Vertex AI Secure Fine-Tuning Service Agent's domain
    /// ([`TUNING_AGENT_DOMAIN`]). The tuning job runs as the pipeline account, which Google's
    /// supervised tuning page requires the agent to hold Token Creator on; the agent exists only
    /// once the project's first tuning job was created, so the grant is switched on afterwards.
    pub tuning_agent_domain: Option<String>,
}

/// Domain of the Vertex AI Secure Fine-Tuning Service Agent (`service-PROJECT_NUMBER@...`).
/// "If you plan to use a customer-managed Service Account, you must grant the
/// `roles/aiplatform.tuningServiceAgent` role to the service account. Also grant the Tuning Service
/// Agent `roles/iam.serviceAccountTokenCreator` role to the customer-managed Service Account":
/// https://cloud.google.com/vertex-ai/generative-ai/docs/models/gemini-use-supervised-tuning (REST,
/// `SERVICE_ACCOUNT`); the agent: https://cloud.google.com/iam/docs/service-agents#vertex-ai-secure-fine-tuning-service-agent
///
/// The same page also asks for `roles/aiplatform.tuningServiceAgent` on the account the job runs
/// as. The kit does not grant it yet: it is a service-agent role whose permissions were not checked,
/// and granting it at project level would add it to what the deploy account may grant (the IAM
/// Condition allow-list of `terraform/bootstrap/access.tf`).
pub const TUNING_AGENT_DOMAIN: &str = "gcp-sa-vertex-tune.iam.gserviceaccount.com";

/// The BigQuery table of logged exchanges.
#[derive(Debug, Clone, Serialize)]
pub struct LogTable {
    /// Table id.
    pub table_id: String,
    /// Days each daily partition is kept.
    pub partition_expiration_days: u32,
    /// Partition expiration in milliseconds (BigQuery's unit).
    pub partition_expiration_ms: u64,
    /// Columns, in order: the row `log_record.py` writes.
    pub columns: Vec<Column>,
}

/// A column of the log table.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Name.
    pub name: String,
    /// BigQuery type.
    pub kind: String,
    /// What it holds.
    pub description: String,
}

/// A Sensitive Data Protection de-identify template.
#[derive(Debug, Clone, Serialize)]
pub struct DeidentifyTemplate {
    /// Template id (`[a-zA-Z0-9_-]`, at most 100 characters).
    pub template_id: String,
    /// Display name.
    pub display_name: String,
    /// infoTypes replaced by their name.
    pub info_types: Vec<String>,
}

/// A Cloud Monitoring alert policy on a metric threshold.
#[derive(Debug, Clone, Serialize)]
pub struct AlertPolicy {
    /// Terraform resource label.
    pub key: String,
    /// Display name (the environment is appended).
    pub display_name: String,
    /// Condition display name.
    pub condition: String,
    /// Monitoring filter of the time series.
    pub filter: String,
    /// Per-series aligner.
    pub aligner: String,
    /// Cross-series reducer (`REDUCE_SUM` adds the series up; empty keeps them apart).
    pub reducer: String,
    /// Alignment period in seconds.
    pub period_seconds: u32,
    /// How long the condition must hold, in seconds.
    pub duration_seconds: u32,
    /// Threshold value.
    pub threshold: f64,
    /// What the alert means and what to do (Markdown; `${var.project_id}` is interpolated).
    pub documentation: String,
}

/// A Cloud Monitoring alert policy on matching log entries.
#[derive(Debug, Clone, Serialize)]
pub struct LogAlert {
    /// Terraform resource label.
    pub key: String,
    /// Display name (the environment is appended).
    pub display_name: String,
    /// Condition display name.
    pub condition: String,
    /// Log name (`projects/PROJECT/logs/` is prefixed in Terraform).
    pub log_name: String,
    /// What the alert means and what to do (Markdown; `${var.project_id}` is interpolated).
    pub documentation: String,
}

/// Read access to a bucket outside the environments' projects.
#[derive(Debug, Clone, Serialize)]
pub struct ExternalRead {
    /// Terraform resource label.
    pub key: String,
    /// Bucket name.
    pub bucket: String,
    /// Service account key of every environment that gets Object Viewer on it.
    pub member: String,
    /// That account's id (the part before `@`).
    pub account_id: String,
    /// Why (English in the Terraform comment, the kit's language in the README).
    pub reason: Bilingual,
}

/// Logged exchanges the scheduled evaluation of sampled production traffic scores per run at most
/// (model-based metrics call a judge model for each).
pub const TRAFFIC_SAMPLE_SIZE: u32 = 200;

/// BigQuery table (in the kit's dataset) the scheduled traffic evaluation appends its scores to.
pub const TRAFFIC_RESULTS_TABLE: &str = "traffic_evaluation";

/// The values of a generative kit's scheduled pipeline parameters in one environment, as strings
/// (schedules pass parameter values as strings): the traffic evaluation reads that environment's log
/// over one monitoring interval. The evaluation and tuning pipelines are run by CD, which passes
/// the release's values itself.
#[must_use]
pub fn pipeline_values(
    kit: &Kit,
    env: &crate::kit::Env,
) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, serde_json::Value>> {
    let mut out = std::collections::BTreeMap::new();
    let Some(g) = &kit.generative else {
        return out;
    };
    let table = |name: &str| format!("{}.{}.{name}", env.project_id, kit.names.dataset);
    for pipeline in kit
        .pipelines
        .iter()
        .filter(|p| p.key == "traffic_evaluation")
    {
        let mut values = std::collections::BTreeMap::new();
        for parameter in &pipeline.parameters {
            let value = match parameter.name.as_str() {
                "project_id" => env.project_id.clone(),
                "region" => kit.region.clone(),
                "log_table" => table(LOG_TABLE),
                "results_table" => table(TRAFFIC_RESULTS_TABLE),
                "window_hours" => g.evaluation_frequency_hours.to_string(),
                "sample_size" => TRAFFIC_SAMPLE_SIZE.to_string(),
                _ => continue,
            };
            values.insert(parameter.name.clone(), serde_json::Value::String(value));
        }
        out.insert(pipeline.key.clone(), values);
    }
    out
}

/// Whether the kit is generative.
pub(super) fn is_generative(kit: &Kit) -> bool {
    kit.generative.is_some()
}

/// Application runtime account id.
#[must_use]
pub fn app_id(slug: &str) -> String {
    format!("{slug}-app")
}

pub(super) fn service_accounts(kit: &Kit) -> Vec<ServiceAccount> {
    let slug = &kit.client.slug;
    let sa = |key: &str, id: &str, name: &str, what: &str| ServiceAccount {
        key: key.to_owned(),
        account_id: id.to_owned(),
        display_name: name.to_owned(),
        description: what.to_owned(),
    };
    vec![
        sa(
            "pipeline",
            &kit.names.service_account_ids.pipeline,
            "Evaluation pipeline runner",
            "Runs the evaluation pipelines and the scheduled evaluation of sampled traffic",
        ),
        sa(
            "app",
            &app_id(slug),
            "Generative application",
            "Runtime identity of the application: calls Gemini and writes the prompt and response log",
        ),
        sa(
            "ci",
            &super::ci_id(slug),
            "Cloud Build (CI)",
            "Runs pull-request checks and scores a sample of the evaluation set; reads, never changes, the platform",
        ),
        sa(
            "deploy",
            &super::deploy_id(slug),
            "Cloud Build (CD)",
            "Applies Terraform and promotes prompt and model versions from the main branch",
        ),
    ]
}

pub(super) fn project_grants(kit: &Kit) -> Vec<Grant> {
    let lang = kit.language;
    let g = kit.generative.as_ref();
    let mut out = vec![
        grant(
            "pipeline",
            "",
            "roles/aiplatform.user",
            both(lang, "why-gen-pipeline-aiplatform"),
        ),
        grant(
            "pipeline",
            "",
            "roles/bigquery.jobUser",
            both(lang, "why-gen-pipeline-bq-jobs"),
        ),
        grant(
            "pipeline",
            "",
            "roles/logging.logWriter",
            both(lang, "why-job-logs"),
        ),
        grant(
            "app",
            "",
            "roles/aiplatform.user",
            both(lang, "why-gen-app-aiplatform"),
        ),
        grant(
            "app",
            "",
            "roles/logging.logWriter",
            both(lang, "why-gen-app-logs"),
        ),
        grant(
            "ci",
            "",
            "roles/aiplatform.user",
            both(lang, "why-gen-ci-aiplatform"),
        ),
        grant(
            "ci",
            "",
            "roles/logging.logWriter",
            both(lang, "why-build-logs"),
        ),
        grant("ci", "", "roles/browser", both(lang, "why-ci-browser")),
    ];
    if g.is_some_and(|g| g.redact_personal_data && g.log_prompts_and_responses) {
        out.push(grant(
            "app",
            "",
            "roles/dlp.user",
            both(lang, "why-gen-app-dlp"),
        ));
        out.push(grant(
            "app",
            "",
            "roles/dlp.deidentifyTemplatesReader",
            both(lang, "why-gen-app-dlp-template"),
        ));
    }
    if kit.features.private_network {
        out.push(grant(
            "ci",
            "",
            "roles/cloudbuild.workerPoolUser",
            both(lang, "why-private-pool"),
        ));
    }
    out
}

pub(super) fn bucket_grants(kit: &Kit) -> Vec<Grant> {
    let lang = kit.language;
    vec![
        grant(
            "ci",
            "artifacts",
            "roles/storage.objectViewer",
            both(lang, "why-gen-ci-release-prompt"),
        ),
        grant(
            "pipeline",
            "pipeline_root",
            "roles/storage.objectAdmin",
            both(lang, "why-pipeline-root"),
        ),
        grant(
            "pipeline",
            "artifacts",
            "roles/storage.objectAdmin",
            both(lang, "why-gen-pipeline-artifacts"),
        ),
    ]
}

pub(super) fn repository_grants(kit: &Kit) -> Vec<Grant> {
    let lang = kit.language;
    let mut out = vec![
        grant(
            "pipeline",
            "docker",
            "roles/artifactregistry.reader",
            both(lang, "why-gen-pipeline-images"),
        ),
        grant(
            "pipeline",
            "kfp",
            "roles/artifactregistry.reader",
            both(lang, "why-gen-pipeline-template"),
        ),
    ];
    if super::without_public_internet(kit) {
        out.push(grant(
            "ci",
            "dockerhub",
            "roles/artifactregistry.reader",
            both(lang, "why-gen-ci-dockerhub"),
        ));
        out.push(grant(
            "ci",
            "pypi",
            "roles/artifactregistry.reader",
            both(lang, "why-ci-pypi"),
        ));
    }
    out
}

pub(super) fn dataset_grants(kit: &Kit) -> Vec<Grant> {
    let lang = kit.language;
    if !kit.pipelines.iter().any(|p| p.key == "traffic_evaluation") {
        return Vec::new();
    }
    vec![grant(
        "pipeline",
        "main",
        "roles/bigquery.dataEditor",
        both(lang, "why-gen-pipeline-traffic-scores"),
    )]
}

/// Grants on the log table itself: the application appends rows and reads nothing.
pub(super) fn table_grants(kit: &Kit) -> Vec<Grant> {
    let lang = kit.language;
    if !kit
        .generative
        .as_ref()
        .is_some_and(|g| g.log_prompts_and_responses)
    {
        return Vec::new();
    }
    vec![grant(
        "app",
        "log",
        "roles/bigquery.dataEditor",
        both(lang, "why-gen-app-log-table"),
    )]
}

pub(super) fn service_account_grants(kit: &Kit) -> Vec<Grant> {
    let lang = kit.language;
    vec![grant(
        "pipeline",
        "pipeline",
        "roles/iam.serviceAccountUser",
        both(lang, "why-gen-pipeline-self"),
    )]
}

pub(super) fn apis(kit: &Kit) -> Vec<String> {
    let f = &kit.features;
    let mut apis: Vec<&str> = vec![
        "aiplatform.googleapis.com",
        "artifactregistry.googleapis.com",
        "bigquery.googleapis.com",
        "cloudbuild.googleapis.com",
        "cloudresourcemanager.googleapis.com",
        "iam.googleapis.com",
        "logging.googleapis.com",
        "monitoring.googleapis.com",
        "secretmanager.googleapis.com",
        "serviceusage.googleapis.com",
        "storage.googleapis.com",
    ];
    if kit
        .generative
        .as_ref()
        .is_some_and(|g| g.redact_personal_data && g.log_prompts_and_responses)
    {
        apis.push("dlp.googleapis.com");
    }
    if f.cmek {
        apis.push("cloudkms.googleapis.com");
    }
    if f.private_network || f.shared_vpc {
        apis.push("compute.googleapis.com");
        apis.push("servicenetworking.googleapis.com");
    }
    apis.sort_unstable();
    apis.dedup();
    apis.into_iter().map(str::to_owned).collect()
}

/// Bucket of a `gs://bucket/...` URI.
fn bucket_of(uri: &str) -> Option<String> {
    let rest = uri.strip_prefix("gs://")?;
    let bucket = rest.split('/').next()?;
    (!bucket.is_empty()).then(|| bucket.to_owned())
}

/// The generative platform, `None` for a trained model's kit.
pub(super) fn resolve(kit: &Kit) -> Option<GenerativePlatform> {
    let g = kit.generative.as_ref()?;
    let slug = &kit.client.slug;
    let mut external_reads = Vec::new();
    let accounts = service_accounts(kit);
    let mut read = |uri: &str, member: &str, why: &str| {
        if let Some(bucket) = bucket_of(uri) {
            let key = format!("{member}_{}", bucket.replace(['-', '.'], "_"));
            if !external_reads.iter().any(|r: &ExternalRead| r.key == key) {
                external_reads.push(ExternalRead {
                    key,
                    bucket,
                    member: member.to_owned(),
                    account_id: accounts
                        .iter()
                        .find(|a| a.key == member)
                        .map(|a| a.account_id.clone())
                        .unwrap_or_default(),
                    reason: both(kit.language, why),
                });
            }
        }
    };
    read(
        &g.evaluation_dataset,
        "pipeline",
        "why-gen-read-evaluation-set",
    );
    read(
        &g.evaluation_dataset,
        "ci",
        "why-gen-read-evaluation-sample",
    );
    read(
        &g.tuning_dataset,
        "pipeline",
        "why-gen-read-tuning-examples",
    );
    read(&g.retrieval_documents, "app", "why-gen-read-documents");
    read(
        &g.retrieval_documents,
        "pipeline",
        "why-gen-read-documents-evaluation",
    );
    // Vertex AI's own metrics of calls to Google's models, on the `PublisherModel` resource:
    // `model_invocation_latencies` (a distribution, in milliseconds), `model_invocation_count`
    // (a count labelled `response_code`) and `token_count` (labelled `type`: input or output).
    // Sources: https://cloud.google.com/monitoring/api/metrics_gcp_a_b#gcp-aiplatform (the metric
    // list the Vertex AI page https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-observability
    // points to) and Google's own dashboard of these metrics,
    // https://github.com/GoogleCloudPlatform/monitoring-dashboard-samples/blob/master/dashboards/google-vertex-ai/vertex-ai-model-garden.json,
    // which reads latency percentiles from the distribution and counts as errors the invocations
    // whose `response_code` is not 2xx.
    let metric = |name: &str| {
        format!(
            "metric.type=\"aiplatform.googleapis.com/publisher/online_serving/{name}\" AND resource.type=\"{PUBLISHER_MODEL_RESOURCE}\""
        )
    };
    let safety_metric = format!("{slug}-safety-blocks");
    let alerts = vec![
        AlertPolicy {
            key: "gemini_latency".to_owned(),
            display_name: "Gemini latency above target".to_owned(),
            // The answer is a 95th-percentile target (`serving.latency_p95_ms`): the alert
            // compares the same percentile, so it fires when the target is missed, not before.
            condition: "95th percentile of Gemini invocation latency".to_owned(),
            filter: metric("model_invocation_latencies"),
            aligner: "ALIGN_PERCENTILE_95".to_owned(),
            reducer: String::new(),
            period_seconds: 300,
            duration_seconds: 900,
            threshold: f64::from(kit.serving.latency_p95_ms.unwrap_or(5000)),
            documentation: "Gemini answers in ${var.project_id} are slower than the latency target. Check the model observability dashboard (Vertex AI > Dashboard) for the model and region, and the prompt's length.".to_owned(),
        },
        AlertPolicy {
            key: "gemini_errors".to_owned(),
            display_name: "Gemini calls failing".to_owned(),
            condition: "Gemini invocations that returned an error".to_owned(),
            filter: format!(
                "{} AND metric.labels.response_code != monitoring.regex.full_match(\"2[0-9][0-9]\")",
                metric("model_invocation_count")
            ),
            aligner: "ALIGN_SUM".to_owned(),
            reducer: "REDUCE_SUM".to_owned(),
            period_seconds: 300,
            duration_seconds: 0,
            threshold: 10.0,
            documentation: "Calls to Gemini in ${var.project_id} return errors (quota, permission or invalid requests). Read the response codes in Metrics Explorer and the application's logs.".to_owned(),
        },
        AlertPolicy {
            key: "gemini_tokens".to_owned(),
            display_name: "Gemini token use above budget".to_owned(),
            condition: "Tokens consumed per hour".to_owned(),
            filter: metric("token_count"),
            aligner: "ALIGN_SUM".to_owned(),
            reducer: "REDUCE_SUM".to_owned(),
            period_seconds: 3600,
            duration_seconds: 0,
            threshold: f64::from(kit.serving.peak_qps.unwrap_or(10)) * 3600.0 * 2000.0,
            documentation: "The application in ${var.project_id} consumed more tokens in an hour than peak traffic at 2,000 tokens a request would. Look for long prompts, retrieval returning too much, or a runaway client.".to_owned(),
        },
        AlertPolicy {
            key: "safety_blocks".to_owned(),
            display_name: "Gemini safety blocks".to_owned(),
            condition: "Responses blocked by the safety filters".to_owned(),
            filter: format!("metric.type=\"logging.googleapis.com/user/{safety_metric}\""),
            aligner: "ALIGN_SUM".to_owned(),
            reducer: "REDUCE_SUM".to_owned(),
            period_seconds: 3600,
            duration_seconds: 0,
            threshold: 5.0,
            documentation: "Gemini blocked responses for safety in ${var.project_id}. Read the application's safety-block log entries: a prompt change, abusive traffic or a too-strict filter.".to_owned(),
        },
    ];
    let release_pipeline = kit
        .pipelines
        .iter()
        .find(|p| p.key == "tuning")
        .or_else(|| kit.pipelines.iter().find(|p| p.key == "evaluation"))
        .map_or_else(
            || ReleasePipeline {
                key: "evaluation".to_owned(),
                name: format!("{slug}-genai-evaluation"),
            },
            |p| ReleasePipeline {
                key: p.key.clone(),
                name: p.name.clone(),
            },
        );
    Some(GenerativePlatform {
        release_pipeline,
        release_object: RELEASE_OBJECT.to_owned(),
        releases_prefix: RELEASES_PREFIX.to_owned(),
        default_evaluation_object: crate::kit::generative::DEFAULT_EVALUATION_OBJECT.to_owned(),
        base_image: String::new(),
        traffic_sample_size: TRAFFIC_SAMPLE_SIZE,
        traffic_results_table: TRAFFIC_RESULTS_TABLE.to_owned(),
        log_table: g.log_prompts_and_responses.then(|| LogTable {
            table_id: LOG_TABLE.to_owned(),
            partition_expiration_days: LOG_PARTITION_DAYS,
            partition_expiration_ms: u64::from(LOG_PARTITION_DAYS) * 86_400_000,
            columns: [
                (
                    "request_id",
                    "STRING",
                    "Request id (the sampling decision is a hash of it)",
                ),
                ("version", "STRING", "Prompt or model version that answered"),
                (
                    "prompt",
                    "STRING",
                    "The prompt, de-identified when it may hold personal data",
                ),
                (
                    "response",
                    "STRING",
                    "The response, de-identified when it may hold personal data",
                ),
                ("input_tokens", "INTEGER", "Prompt tokens"),
                ("output_tokens", "INTEGER", "Response tokens"),
                (
                    "blocked_by_safety",
                    "BOOLEAN",
                    "Whether the safety filters blocked the response",
                ),
                (
                    "latency_ms",
                    "INTEGER",
                    "Time to the full response, in milliseconds",
                ),
            ]
            .into_iter()
            .map(|(name, kind, what)| Column {
                name: name.to_owned(),
                kind: kind.to_owned(),
                description: what.to_owned(),
            })
            .collect(),
        }),
        deidentify_template: (g.redact_personal_data && g.log_prompts_and_responses).then(|| {
            DeidentifyTemplate {
                template_id: format!("{slug}-deidentify"),
                display_name: "De-identify logged prompts and responses".to_owned(),
                info_types: INFO_TYPES.iter().map(|s| (*s).to_owned()).collect(),
            }
        }),
        quality_alert: kit
            .pipelines
            .iter()
            .any(|p| p.key == "traffic_evaluation")
            .then(|| LogAlert {
                key: "traffic_quality".to_owned(),
                display_name: "Production answers below the release gate".to_owned(),
                condition: "The scheduled evaluation of sampled traffic scored below a threshold".to_owned(),
                log_name: g.quality_alert_log_name.clone(),
                documentation: "Sampled production answers in ${var.project_id} scored below a threshold of the release gate. Read the traffic evaluation's entry (the metrics and the sample) and its scores table, review the sampled exchanges, then fix the prompt or the retrieval and release it through CD.".to_owned(),
            }),
        safety_event: SAFETY_BLOCK_EVENT.to_owned(),
        safety_filter: format!("jsonPayload.mlops_kit_event=\"{SAFETY_BLOCK_EVENT}\""),
        safety_metric,
        alerts,
        external_reads,
        tuning_agent_domain: (g.approach == "supervised_tuning")
            .then(|| TUNING_AGENT_DOMAIN.to_owned()),
    })
}
