//! Semantic checks of a questionnaire, after its structure is known to be sound.
//!
//! Two passes: [`check_answers`] checks single answers on the parsed tree (naming rules, ranges,
//! characters that could break out of a generated string), so it runs even when other parts of the
//! file have structural errors; [`check_model`] checks the typed model: rules that tie several
//! answers together, and warnings about answers that are legal but risky.

use std::collections::BTreeSet;

use serde_json::Value;

use super::diagnostic::Sink;
use super::model::{
    Accelerator, BatchOutput, CostOfError, EnvironmentName, LabelDelay,
    MONITORING_FREQUENCIES_HOURS, Metric, NetworkMode, Questionnaire, RepositoryHost,
    RetrainingPractice, RetrainingTrigger, RolloutStrategy, Sensitivity, ServingMode, Task,
    nearest_monitoring_frequencies,
};
use super::names::{self, Refusal};

/// Drift or skew thresholds above this practically never fire.
pub const LOOSE_THRESHOLD: f64 = 0.5;
/// Sampling rates below this see too few requests to estimate drift reliably.
pub const LOW_SAMPLING_RATE: f64 = 0.05;

/// What kind of identifier a field holds; decides its naming rule.
#[derive(Debug, Clone, Copy)]
enum Ident {
    Slug,
    ProjectId,
    Region,
    BigqueryLocation,
    Bucket,
    Dataset,
    Table,
    SqlTable,
    Column,
    Instance,
    Database,
    Prefix,
    MachineType,
    Email,
    Cron,
    Timezone,
    Url,
    ServerUrl,
    Vpc,
    Perimeter,
    NumericId(&'static str),
    LabelValue,
    GcsJsonl,
    GcsPrefix,
    MetricName,
    BaseModel,
}

/// Free-text answers: must not be blank, but any character is allowed (renderers escape them).
fn is_free_text(pattern: &str) -> bool {
    matches!(
        pattern,
        "client.name"
            | "client.contact.name"
            | "business.use_case"
            | "business.decision"
            | "business.kpi.name"
            | "business.kpi.unit"
            | "business.kpi.owner"
            | "data.sources[].system"
            | "generative.evaluation.metrics[].rubric"
    )
}

fn ident_kind(pattern: &str, value_parent: Option<&Value>) -> Option<Ident> {
    let kind = value_parent
        .and_then(|p| p.get("kind"))
        .and_then(Value::as_str);
    Some(match pattern {
        "client.slug" => Ident::Slug,
        "client.contact.email" | "operations.alerts.emails[]" => Ident::Email,
        "data.sources[].project_id"
        | "gcp.environments[].project_id"
        | "gcp.admin_project_id"
        | "gcp.network.host_project_id" => Ident::ProjectId,
        "data.sources[].dataset" => Ident::Dataset,
        "data.sources[].table" if kind == Some("cloud_sql") => Ident::SqlTable,
        "data.sources[].table" | "serving.batch_output.table" => Ident::Table,
        "data.sources[].bucket" => Ident::Bucket,
        "data.sources[].prefix" | "serving.batch_output.prefix" => Ident::Prefix,
        "data.sources[].instance" => Ident::Instance,
        "data.sources[].database" => Ident::Database,
        "model.target_column" | "model.features[].name" => Ident::Column,
        "model.training.machine_type" => Ident::MachineType,
        "gcp.region" | "gcp.cmek.key_location" => Ident::Region,
        "data.sources[].location" => Ident::BigqueryLocation,
        "gcp.organization_id" => Ident::NumericId("organization id"),
        "gcp.folder_id" => Ident::NumericId("folder id"),
        "gcp.source_repository.url" => Ident::Url,
        "gcp.source_repository.server_url" => Ident::ServerUrl,
        "gcp.network.vpc" => Ident::Vpc,
        "gcp.vpc_service_controls.perimeter" => Ident::Perimeter,
        "gcp.labels.*" => Ident::LabelValue,
        "operations.retraining.schedule" => Ident::Cron,
        "operations.retraining.timezone" => Ident::Timezone,
        "generative.evaluation.dataset" | "generative.tuning_dataset" => Ident::GcsJsonl,
        "generative.retrieval.documents" => Ident::GcsPrefix,
        "generative.evaluation.metrics[].name" => Ident::MetricName,
        "generative.base_model" => Ident::BaseModel,
        _ => return None,
    })
}

fn check_ident(kind: Ident, value: &str) -> Result<(), Refusal> {
    match kind {
        Ident::Slug => names::slug(value),
        Ident::ProjectId => names::project_id(value),
        Ident::Region => names::region(value),
        Ident::BigqueryLocation => names::bigquery_location(value),
        Ident::Bucket => names::bucket(value),
        Ident::Dataset => names::dataset(value),
        Ident::Table => names::sql_name(value, "table name", 1024),
        Ident::SqlTable => names::sql_name(value, "table name", 63),
        Ident::Column => names::sql_name(value, "column name", 300),
        Ident::Instance => names::rfc1035(value, "Cloud SQL instance name"),
        Ident::Database => names::sql_name(value, "database name", 63),
        Ident::Prefix => names::object_prefix(value),
        Ident::MachineType => names::machine_type(value),
        Ident::Email => names::email(value),
        Ident::Cron => names::cron(value),
        Ident::Timezone => names::timezone(value),
        Ident::Url | Ident::ServerUrl => names::https_url(value).map(|_| ()),
        Ident::Vpc => names::rfc1035(value, "VPC network name"),
        Ident::Perimeter => names::perimeter(value),
        Ident::NumericId(what) => names::numeric_id(value, what),
        Ident::LabelValue => names::label_value(value),
        Ident::GcsJsonl => names::gcs_uri(value, true),
        Ident::GcsPrefix => names::gcs_uri(value, false),
        Ident::MetricName => names::metric_name(value),
        Ident::BaseModel => super::gemini_models::check(value),
    }
}

/// Checks every single answer of the parsed tree: identifiers, free text, numeric ranges.
pub fn check_answers(root: &Value, sink: &mut Sink<'_>) {
    walk(root, None, "", "", sink);
}

fn walk(value: &Value, parent: Option<&Value>, path: &str, pattern: &str, sink: &mut Sink<'_>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let child_pattern = if pattern == "gcp.labels" {
                    check_label_key(key, &child_path, sink);
                    "gcp.labels.*".to_owned()
                } else if pattern.is_empty() {
                    key.clone()
                } else {
                    format!("{pattern}.{key}")
                };
                walk(child, Some(value), &child_path, &child_pattern, sink);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(
                    item,
                    Some(value),
                    &format!("{path}[{i}]"),
                    &format!("{pattern}[]"),
                    sink,
                );
            }
        }
        Value::String(text) => check_string(text, parent, path, pattern, sink),
        Value::Number(n) => {
            if let Some(x) = n.as_f64() {
                check_number(x, path, pattern, sink);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

fn check_label_key(key: &str, path: &str, sink: &mut Sink<'_>) {
    let loc = sink.locate_key(path);
    let refusal = match names::breakout(key) {
        Some(what) => Some(Refusal {
            message: format!(
                "the label key `{}` contains {what}, which could break out of a generated string",
                key.escape_debug()
            ),
            help: "label keys have 1-63 lowercase letters, digits, `_` and `-`".to_owned(),
        }),
        None => names::label_key(key).err(),
    };
    if let Some(r) = refusal {
        sink.push_at(
            super::diagnostic::Severity::Error,
            loc,
            path,
            r.message,
            Some(r.help),
        );
    }
}

fn check_string(
    text: &str,
    parent: Option<&Value>,
    path: &str,
    pattern: &str,
    sink: &mut Sink<'_>,
) {
    if is_free_text(pattern) {
        if text.trim().is_empty() {
            sink.error(
                path,
                "this answer is blank",
                "write a short answer; it appears in reports and documentation",
            );
        }
        return;
    }
    let Some(kind) = ident_kind(pattern, parent) else {
        return;
    };
    // Quotes, interpolation and line breaks are named as what they are: an attempt (deliberate or
    // not) to break out of a generated string. Other mistakes get the field's own naming rule, and
    // a value that passes it must still be free of spaces (a cron expression is made of words).
    let dangerous = names::breakout(text).filter(|what| *what != "a space");
    let format = check_ident(kind, text);
    let probe = if matches!(kind, Ident::Cron) {
        text.replace(' ', "")
    } else {
        text.to_owned()
    };
    let breakout = dangerous.or_else(|| format.is_ok().then(|| names::breakout(&probe)).flatten());
    if let Some(what) = breakout {
        sink.error(
            path,
            format!(
                "`{}` contains {what}, which could break out of a string in the generated Terraform or YAML",
                text.escape_debug()
            ),
            "identifiers are copied into generated files verbatim: use only letters, digits and the punctuation the name allows",
        );
        return;
    }
    if let Err(r) = format {
        sink.error(path, r.message, r.help);
    }
}

/// The field path with list indices removed (`model.features[2].name` → `model.features[].name`).
#[must_use]
pub fn path_pattern(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether [`check_answers`] checks the range of the number at this path pattern itself (with a
/// message that explains the range), so the schema's bare minimum/maximum error is redundant.
#[must_use]
pub fn has_range_rule(pattern: &str) -> bool {
    matches!(
        pattern,
        "operations.monitoring.drift_threshold"
            | "operations.monitoring.skew_threshold"
            | "model.features[].drift_threshold"
            | "operations.monitoring.sampling_rate"
            | "operations.monitoring.frequency_hours"
            | "serving.rollout.canary_traffic_percent"
            | "serving.latency_p95_ms"
            | "serving.peak_qps"
    )
}

fn check_number(x: f64, path: &str, pattern: &str, sink: &mut Sink<'_>) {
    let whole_number = matches!(
        pattern,
        "operations.monitoring.frequency_hours"
            | "serving.rollout.canary_traffic_percent"
            | "serving.latency_p95_ms"
            | "serving.peak_qps"
    );
    if whole_number && x.fract() != 0.0 {
        // Fractional counts are already refused by the structure check.
        return;
    }
    let (ok, rule, help) = match pattern {
        "operations.monitoring.drift_threshold"
        | "operations.monitoring.skew_threshold"
        | "model.features[].drift_threshold" => (
            (0.0..=1.0).contains(&x),
            "between 0 and 1",
            "a distance threshold: Vertex AI's default is 0.3; lower values alert sooner",
        ),
        "operations.monitoring.sampling_rate" => (
            x > 0.0 && x <= 1.0,
            "greater than 0 and at most 1",
            "the share of requests monitoring looks at; 1.0 samples every request",
        ),
        "operations.monitoring.frequency_hours" => (
            (1.0..=168.0).contains(&x),
            "between 1 and 168 (one week)",
            "how often monitoring runs, in hours; 24 checks daily",
        ),
        "serving.rollout.canary_traffic_percent" => (
            (1.0..=50.0).contains(&x),
            "between 1 and 50",
            "the share of traffic the new model gets during a canary; 10 is common",
        ),
        "serving.latency_p95_ms" | "serving.peak_qps" => (
            x >= 1.0,
            "at least 1",
            "leave the answer out if it is not known yet",
        ),
        _ => return,
    };
    if !ok {
        sink.error(
            path,
            format!("`{x}` is out of range: it must be {rule}"),
            help,
        );
    } else if pattern == "operations.monitoring.frequency_hours" {
        check_monitoring_frequency(x, path, sink);
    }
}

/// A monitoring frequency the cron schedule keeps exactly ([`MONITORING_FREQUENCIES_HOURS`]): each
/// run looks back `frequency_hours`, so a schedule whose runs are not exactly that far apart would
/// check some rows twice and others never.
fn check_monitoring_frequency(x: f64, path: &str, sink: &mut Sink<'_>) {
    // In range and whole (checked above), so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let hours = x as u32;
    if MONITORING_FREQUENCIES_HOURS.contains(&hours) {
        return;
    }
    let nearest = match nearest_monitoring_frequencies(hours) {
        (Some(below), Some(above)) => format!("{below} or {above}"),
        (Some(h), None) | (None, Some(h)) => h.to_string(),
        (None, None) => "24".to_owned(),
    };
    let allowed = MONITORING_FREQUENCIES_HOURS
        .map(|h| h.to_string())
        .join(", ");
    sink.error(
        path,
        format!(
            "`{hours}` hours is not an interval a cron schedule keeps: it must be one of {allowed} \
             (a divisor of a day, or a week)"
        ),
        format!(
            "use {nearest}; each monitoring run looks back `frequency_hours`, and a cron restarts \
             its count every midnight and every month, so any other interval would check some \
             rows twice and others never"
        ),
    );
}

fn is_classification_metric(metric: Metric) -> bool {
    matches!(
        metric,
        Metric::RocAuc
            | Metric::PrAuc
            | Metric::Accuracy
            | Metric::F1
            | Metric::Precision
            | Metric::Recall
    )
}

fn metric_name(metric: Metric) -> String {
    serde_json::to_value(metric)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(super) fn task_name(task: Task) -> String {
    serde_json::to_value(task)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Checks the typed model: cross-field rules (errors) and risky answers (warnings).
pub fn check_model(q: &Questionnaire, sink: &mut Sink<'_>) {
    check_data(q, sink);
    check_model_section(q, sink);
    super::generative::check(q, sink);
    check_serving(q, sink);
    check_gcp(q, sink);
    check_operations(q, sink);
    check_risks(q, sink);
}

fn check_data(q: &Questionnaire, sink: &mut Sink<'_>) {
    if q.data.sources.is_empty() {
        sink.error(
            "data.sources",
            "no training data source is listed",
            "list at least one source; the first is the one the pipeline reads",
        );
    }
    let tabular = matches!(
        q.model.task,
        Task::TabularClassification | Task::TabularRegression | Task::Forecasting
    );
    for (i, source) in q.data.sources.iter().enumerate() {
        if let super::model::DataSource::CloudStorage {
            format: Some(format),
            ..
        } = source
            && !tabular
        {
            if q.model.task == Task::Generative {
                sink.error(
                    &format!("data.sources[{i}].format"),
                    format!(
                        "`format: {}` describes tabular training files, but a generative application trains on none: its sources are documents and example sets",
                        crate::kit::snake(format)
                    ),
                    "remove `format`; the evaluation and tuning sets are JSON Lines files named under `generative`",
                );
                continue;
            }
            sink.error(
                &format!("data.sources[{i}].format"),
                format!(
                    "`format: {}` describes tabular files, but a `{}` model reads its files through a `labels.csv` manifest",
                    crate::kit::snake(format),
                    task_name(q.model.task)
                ),
                "remove `format`; put a `labels.csv` manifest (file path and label per row) under the prefix",
            );
        }
    }
    // From 10 GB the extract step prepares the data in BigQuery, whose EXPORT DATA writes the
    // warehouse's rows only to buckets in the dataset's location (from `US`, to any bucket): the
    // pipeline root is in `gcp.region`.
    if let Some(super::model::DataSource::Bigquery {
        location: Some(location),
        ..
    }) = q.data.sources.first()
        && q.data.volume >= super::model::DataVolume::From10gbTo1tb
        && names::bigquery_location(location).is_ok()
        && !names::bigquery_exports_to(location, &q.gcp.region)
    {
        sink.error(
            "data.sources[0].location",
            format!(
                "from 10 GB the kit prepares the data in BigQuery and exports it to the pipeline root in `{}`, but BigQuery exports a dataset in `{location}` only to buckets in `{location}`",
                q.gcp.region
            ),
            format!(
                "copy the table to a dataset in `{}` (or in a multi-region containing it) and answer that dataset, or choose a `gcp.region` inside `{location}`",
                q.gcp.region
            ),
        );
    }
    if q.business.models_in_production.in_one_year < q.business.models_in_production.now {
        sink.warning(
            "business.models_in_production.in_one_year",
            format!(
                "fewer models expected in a year ({}) than in production now ({})",
                q.business.models_in_production.in_one_year, q.business.models_in_production.now
            ),
            "check the two answers; the number of models decides how much pipeline automation pays off",
        );
    }
    if let Some(kpi) = &q.business.kpi
        && (kpi.baseline - kpi.target).abs() < f64::EPSILON
    {
        sink.warning(
            "business.kpi.target",
            "the KPI target equals its baseline: the engagement has no measurable goal",
            "agree a target with the KPI owner",
        );
    }
}

fn check_model_section(q: &Questionnaire, sink: &mut Sink<'_>) {
    let model = &q.model;
    let hw = &model.training;
    match (hw.accelerator, hw.accelerator_count) {
        (Accelerator::None, Some(count)) => sink.error(
            "model.training.accelerator_count",
            format!("`accelerator_count: {count}` is given but `accelerator` is `none`"),
            "set `accelerator` to a GPU type, or remove `accelerator_count`",
        ),
        (Accelerator::None, None) => {}
        (_, None) => sink.error(
            "model.training.accelerator",
            "a GPU type is set but `accelerator_count` is missing",
            "add `accelerator_count: 1` (or 2, 4, 8)",
        ),
        (_, Some(count)) if ![1, 2, 4, 8].contains(&count) => sink.error(
            "model.training.accelerator_count",
            format!("`{count}` GPUs per machine is not available; use 1, 2, 4 or 8"),
            "Vertex AI attaches GPUs in counts of 1, 2, 4 or 8",
        ),
        (accelerator, Some(count)) => {
            if let Some(row) = super::accelerators::availability(accelerator)
                && !row.counts.contains(&count)
            {
                sink.error(
                    "model.training.accelerator_count",
                    format!(
                        "`{count}` × `{}` per machine is not available",
                        crate::kit::snake(&accelerator)
                    ),
                    format!(
                        "use {} (the machine family of this GPU takes no other count)",
                        row.counts
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
    }
    if !super::accelerators::offered_in(hw.accelerator, &q.gcp.region) {
        let offered = super::accelerators::offered_types(&q.gcp.region);
        sink.error(
            "model.training.accelerator",
            format!(
                "Vertex AI custom training does not offer `{}` in `{}`",
                crate::kit::snake(&hw.accelerator),
                q.gcp.region
            ),
            if offered.is_empty() {
                format!(
                    "no GPU is offered there (table checked {}): train on CPU (`accelerator: none`) or choose another region",
                    super::accelerators::CHECKED
                )
            } else {
                format!(
                    "GPUs offered in `{}` (table checked {}): {}",
                    q.gcp.region,
                    super::accelerators::CHECKED,
                    offered
                        .iter()
                        .map(|o| format!("`{o}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
        );
    }
    if hw.accelerator != Accelerator::None
        && model.framework == Some(super::model::Framework::ScikitLearn)
    {
        sink.error(
            "model.training.accelerator",
            "scikit-learn trains on the CPU only: the requested GPUs would be paid for and sit idle",
            "set `accelerator: none` (and remove `accelerator_count`), or train with `xgboost`, `tensorflow` or `pytorch`, which use GPUs",
        );
    }
    let tabular = matches!(
        model.task,
        Task::TabularClassification | Task::TabularRegression | Task::Forecasting
    );
    if tabular && model.target_column.is_none() {
        sink.error(
            "model.target_column",
            format!(
                "a `{}` model needs `target_column`, the column holding the label",
                task_name(model.task)
            ),
            "add `target_column: <column name>` under `model`",
        );
    }
    let mut seen = BTreeSet::new();
    for (i, feature) in model.features.iter().enumerate() {
        let path = format!("model.features[{i}].name");
        if !seen.insert(feature.name.as_str()) {
            sink.error(
                &path,
                format!("feature `{}` is listed twice", feature.name),
                "keep one entry per feature",
            );
        }
        if model.target_column.as_deref() == Some(feature.name.as_str()) {
            sink.error(
                &path,
                format!(
                    "`{}` is the target column and cannot also be a feature",
                    feature.name
                ),
                "remove it from `features`: a model must not see its own label",
            );
        }
    }
    if model.task != Task::Generative {
        if model.framework.is_none() {
            sink.error(
                "model.framework",
                format!(
                    "a `{}` model needs `framework`, the library it is trained with",
                    task_name(model.task)
                ),
                "add `framework: xgboost` (or `scikit_learn`, `tensorflow`, `pytorch`) under `model`",
            );
        }
        match &model.evaluation {
            Some(evaluation) => check_evaluation(model.task, evaluation, sink),
            None => sink.error(
                "model.evaluation",
                format!(
                    "a `{}` model needs `evaluation`: the metric and threshold a new model must reach",
                    task_name(model.task)
                ),
                "add `evaluation: { metric: roc_auc, threshold: 0.8 }` under `model`",
            ),
        }
    }
}

fn check_evaluation(task: Task, evaluation: &super::model::Evaluation, sink: &mut Sink<'_>) {
    let metric = evaluation.metric;
    let fits = match task {
        Task::TabularClassification | Task::Vision | Task::Text => is_classification_metric(metric),
        Task::TabularRegression | Task::Forecasting => !is_classification_metric(metric),
        Task::Generative => true,
    };
    if !fits {
        let allowed = if is_classification_metric(metric) {
            "`rmse`, `mae`, `mape` or `r2`"
        } else {
            "`roc_auc`, `pr_auc`, `accuracy`, `f1`, `precision` or `recall`"
        };
        sink.error(
            "model.evaluation.metric",
            format!(
                "`{}` does not measure a `{}` model",
                metric_name(metric),
                task_name(task)
            ),
            format!("use {allowed}"),
        );
    }
    let threshold = evaluation.threshold;
    let (ok, rule) = match metric {
        Metric::Rmse | Metric::Mae | Metric::Mape => (
            threshold >= 0.0,
            "at least 0 (an error the new model must stay under)",
        ),
        Metric::R2 => (threshold <= 1.0, "at most 1"),
        _ => ((0.0..=1.0).contains(&threshold), "between 0 and 1"),
    };
    if !ok {
        sink.error(
            "model.evaluation.threshold",
            format!(
                "`{threshold}` is out of range for `{}`: it must be {rule}",
                metric_name(metric)
            ),
            "the value a new model must reach before it is registered",
        );
    }
}

fn check_serving(q: &Questionnaire, sink: &mut Sink<'_>) {
    let serving = &q.serving;
    let batch = matches!(serving.mode, ServingMode::Batch | ServingMode::Both);
    if batch && serving.batch_output.is_none() {
        sink.error(
            "serving.batch_output",
            "batch serving needs `batch_output`: where the batch predictions are written",
            "add `batch_output: { kind: bigquery, table: predictions }` (or `kind: cloud_storage` with a `prefix`) under `serving`",
        );
    }
    if !batch && serving.batch_output.is_some() {
        sink.error(
            "serving.batch_output",
            "`batch_output` is only used by batch serving, but `mode` is `online`",
            "set `mode: both`, or remove `batch_output`",
        );
    }
    if let Some(BatchOutput::CloudStorage { prefix }) = &serving.batch_output
        && prefix.is_empty()
    {
        sink.error(
            "serving.batch_output.prefix",
            "the prefix is empty",
            "name a folder for the predictions, e.g. `batch-predictions`",
        );
    }
    match (
        serving.rollout.strategy,
        serving.rollout.canary_traffic_percent,
    ) {
        (RolloutStrategy::Canary, None) => sink.error(
            "serving.rollout.canary_traffic_percent",
            "a canary rollout needs `canary_traffic_percent`",
            "add `canary_traffic_percent: 10` under `serving.rollout`",
        ),
        (RolloutStrategy::Direct, Some(_)) => sink.error(
            "serving.rollout.canary_traffic_percent",
            "`canary_traffic_percent` is given but the strategy is `direct`",
            "set `strategy: canary`, or remove `canary_traffic_percent`",
        ),
        _ => {}
    }
    if serving.mode == ServingMode::Batch
        && (serving.latency_p95_ms.is_some() || serving.peak_qps.is_some())
    {
        sink.warning(
            "serving.mode",
            "latency and traffic answers are ignored for batch-only serving",
            "remove them, or set `mode: both` if an endpoint is needed too",
        );
    }
}

fn check_gcp(q: &Questionnaire, sink: &mut Sink<'_>) {
    let gcp = &q.gcp;
    if gcp.environments.is_empty() {
        sink.error(
            "gcp.environments",
            "no environment is listed",
            "list at least one, e.g. `- { name: prod, project_id: acme-ml-prod }`",
        );
    }
    let mut names_seen: Vec<EnvironmentName> = Vec::new();
    let mut projects: BTreeSet<&str> = BTreeSet::new();
    for (i, env) in gcp.environments.iter().enumerate() {
        if names_seen.contains(&env.name) {
            sink.error(
                &format!("gcp.environments[{i}].name"),
                format!("environment `{}` is listed twice", env.name.as_str()),
                "list each environment once",
            );
        } else if names_seen.last().is_some_and(|last| *last > env.name) {
            sink.error(
                &format!("gcp.environments[{i}].name"),
                format!(
                    "environment `{}` comes after `{}`: environments must be in promotion order",
                    env.name.as_str(),
                    names_seen.last().map_or("", |n| n.as_str())
                ),
                "order them dev, staging, prod",
            );
        }
        names_seen.push(env.name);
        if !projects.insert(env.project_id.as_str()) {
            sink.error(
                &format!("gcp.environments[{i}].project_id"),
                format!("project `{}` is used by two environments", env.project_id),
                "give every environment its own project so that a mistake in dev cannot touch production",
            );
        }
    }
    if let Some((admin, env)) = gcp.admin_project_id.as_ref().and_then(|admin| {
        gcp.environments
            .iter()
            .find(|e| &e.project_id == admin)
            .map(|env| (admin, env))
    }) {
        sink.error(
            "gcp.admin_project_id",
            format!(
                "project `{admin}` is also the `{}` environment's project: its owners and deploy account could then read and change every environment's Terraform state",
                env.name.as_str()
            ),
            "name a separate project that only the platform's administrators use, or remove `admin_project_id` and the bootstrap creates one",
        );
    }
    let net = &gcp.network;
    match net.mode {
        NetworkMode::SharedVpc => {
            if net.vpc.is_none() {
                sink.error(
                    "gcp.network.vpc",
                    "a shared VPC needs `vpc`, the network name in the host project",
                    "add `vpc: <network name>` under `gcp.network`",
                );
            }
            if net.host_project_id.is_none() {
                sink.error(
                    "gcp.network.host_project_id",
                    "a shared VPC needs `host_project_id`, the project that owns the network",
                    "add `host_project_id: <project id>` under `gcp.network`",
                );
            }
        }
        NetworkMode::Private => {
            if net.vpc.is_none() {
                sink.error(
                    "gcp.network.vpc",
                    "private networking needs `vpc`, the network to peer with",
                    "add `vpc: <network name>` under `gcp.network`",
                );
            }
            if net.host_project_id.is_some() {
                sink.error(
                    "gcp.network.host_project_id",
                    "`host_project_id` is only used with `mode: shared_vpc`",
                    "set `mode: shared_vpc`, or remove `host_project_id`",
                );
            }
        }
        NetworkMode::Default => {
            if net.vpc.is_some() || net.host_project_id.is_some() {
                sink.error(
                    "gcp.network.mode",
                    "`vpc` and `host_project_id` are given but the network mode is `default`",
                    "set `mode: shared_vpc` or `private`, or remove them",
                );
            }
        }
    }
    if gcp.cmek.enabled {
        match &gcp.cmek.key_location {
            None => sink.error("gcp.cmek.key_location", "CMEK is enabled but `key_location` is missing", format!("add `key_location: {}` (the key ring must be in the resources' region)", gcp.region)),
            Some(loc) if *loc != gcp.region => sink.error(
                "gcp.cmek.key_location",
                format!("the key location `{loc}` differs from the region `{}`", gcp.region),
                format!("Vertex AI and BigQuery need keys in the resource's region: use `key_location: {}`", gcp.region),
            ),
            Some(_) => {}
        }
    } else if gcp.cmek.key_location.is_some() {
        sink.warning(
            "gcp.cmek.key_location",
            "`key_location` is given but CMEK is not enabled, so it is ignored",
            "set `enabled: true`, or remove `key_location`",
        );
    }
    let vpcsc = &gcp.vpc_service_controls;
    if vpcsc.enabled && vpcsc.perimeter.is_none() {
        sink.error(
            "gcp.vpc_service_controls.perimeter",
            "VPC Service Controls are enabled but `perimeter` is missing",
            "ask the client's security team for the perimeter name",
        );
    } else if !vpcsc.enabled && vpcsc.perimeter.is_some() {
        sink.warning(
            "gcp.vpc_service_controls.perimeter",
            "a perimeter is named but VPC Service Controls are not enabled, so it is ignored",
            "set `enabled: true`, or remove `perimeter`",
        );
    }
    if gcp.labels.len() > 64 {
        sink.error(
            "gcp.labels",
            format!(
                "{} labels are given; Google Cloud allows at most 64 per resource",
                gcp.labels.len()
            ),
            "keep the labels used for cost attribution",
        );
    }
    check_repository(q, sink);
}

fn check_repository(q: &Questionnaire, sink: &mut Sink<'_>) {
    let repo = &q.gcp.source_repository;
    let Ok((host, path)) = names::https_url(&repo.url) else {
        return;
    };
    let self_hosted = matches!(
        repo.host,
        RepositoryHost::GithubEnterprise
            | RepositoryHost::GitlabSelfManaged
            | RepositoryHost::BitbucketDataCenter
    );
    if self_hosted {
        match &repo.server_url {
            None => sink.error(
                "gcp.source_repository.server_url",
                "a self-hosted repository needs `server_url`, the base URL of the server",
                "add e.g. `server_url: https://gitlab.acme.com.br` under `gcp.source_repository`",
            ),
            Some(server) => {
                let base = server.trim_end_matches('/');
                let under = repo
                    .url
                    .strip_prefix(base)
                    .is_some_and(|rest| rest.starts_with('/'));
                if names::https_url(server).is_ok() && !under {
                    sink.error(
                        "gcp.source_repository.url",
                        format!("the repository URL is not on the server `{base}`"),
                        format!("write the clone URL under `{base}/`, or fix `server_url`"),
                    );
                }
            }
        }
    } else {
        if repo.server_url.is_some() {
            sink.error(
                "gcp.source_repository.server_url",
                "`server_url` is only used for self-hosted servers (GitHub Enterprise, GitLab self-managed, Bitbucket Data Center)",
                "remove `server_url`, or pick the self-hosted `host`",
            );
        }
        let expected = match repo.host {
            RepositoryHost::Github => "github.com",
            RepositoryHost::Gitlab => "gitlab.com",
            _ => "bitbucket.org",
        };
        if host != expected {
            sink.error(
                "gcp.source_repository.url",
                format!("the repository is on `{host}` but `host` says `{expected}`"),
                "fix the URL, or pick the matching `host` (a self-hosted server is `github_enterprise`, `gitlab_self_managed` or `bitbucket_data_center`)",
            );
        }
    }
    if path.split('/').filter(|s| !s.is_empty()).count() < 2 {
        sink.error(
            "gcp.source_repository.url",
            "the URL does not name a repository (`owner/name`)",
            "write the clone URL, e.g. `https://github.com/acme/churn-mlops.git`",
        );
    }
}

fn check_operations(q: &Questionnaire, sink: &mut Sink<'_>) {
    let retraining = &q.operations.retraining;
    if retraining.triggers.is_empty()
        && matches!(
            q.practices.retraining,
            RetrainingPractice::Scheduled
                | RetrainingPractice::OnNewData
                | RetrainingPractice::OnDrift
        )
    {
        sink.warning(
            "operations.retraining.triggers",
            "no retraining trigger is listed although `practices.retraining` says retraining starts automatically today: the kit retrains only when a person starts it",
            "list the trigger used today (`schedule`, `new_data` or `drift`), or leave the list empty to retrain by hand",
        );
    }
    let mut seen = BTreeSet::new();
    for (i, t) in retraining.triggers.iter().enumerate() {
        if !seen.insert(*t) {
            sink.error(
                &format!("operations.retraining.triggers[{i}]"),
                "this trigger is listed twice",
                "list each trigger once",
            );
        }
    }
    let scheduled = retraining.triggers.contains(&RetrainingTrigger::Schedule);
    if scheduled && retraining.schedule.is_none() {
        sink.error(
            "operations.retraining.schedule",
            "the `schedule` trigger needs a `schedule` cron expression",
            "add e.g. `schedule: \"0 6 * * 1\"` (Mondays 06:00) under `operations.retraining`",
        );
    }
    if !scheduled && retraining.schedule.is_some() {
        sink.error(
            "operations.retraining.schedule",
            "a `schedule` is given but `schedule` is not among the triggers",
            "add `schedule` to `triggers`, or remove the cron expression",
        );
    }
    if retraining.timezone.is_some() && retraining.schedule.is_none() {
        sink.warning(
            "operations.retraining.timezone",
            "`timezone` is given without a schedule, so it is ignored",
            "remove it, or add a schedule",
        );
    }
    let mut emails = BTreeSet::new();
    if q.operations.alerts.emails.is_empty() {
        sink.error(
            "operations.alerts.emails",
            "no alert recipient is listed",
            "list at least one address that someone reads",
        );
    }
    for (i, e) in q.operations.alerts.emails.iter().enumerate() {
        if !emails.insert(e.to_ascii_lowercase()) {
            sink.warning(
                &format!("operations.alerts.emails[{i}]"),
                format!("`{e}` is listed twice"),
                "list each address once",
            );
        }
    }
}

fn check_risks(q: &Questionnaire, sink: &mut Sink<'_>) {
    let costly = q.business.cost_of_error >= CostOfError::High;
    let personal = q.data.sensitivity >= Sensitivity::Personal;
    if !q.serving.rollout.manual_approval && (costly || personal) {
        let why = if costly {
            "a wrong prediction is costly"
        } else {
            "the model handles personal data"
        };
        sink.warning(
            "serving.rollout.manual_approval",
            format!("production releases need no approval although {why}"),
            "set `manual_approval: true` so a person approves each release to production in Cloud Build",
        );
    }
    if personal && !q.gcp.cmek.enabled {
        sink.warning("gcp.cmek.enabled", "personal data is encrypted with Google-managed keys only", "consider `cmek.enabled: true`: the client controls and can revoke the keys (LGPD/GDPR security measures)");
    }
    if personal && !q.gcp.vpc_service_controls.enabled {
        sink.warning(
            "gcp.vpc_service_controls.enabled",
            "personal data is not inside a VPC Service Controls perimeter",
            "consider a perimeter to block data exfiltration through Google APIs",
        );
    }
    let monitoring = &q.operations.monitoring;
    for (path, value) in [
        (
            "operations.monitoring.drift_threshold",
            monitoring.drift_threshold,
        ),
        (
            "operations.monitoring.skew_threshold",
            monitoring.skew_threshold,
        ),
    ] {
        if value > LOOSE_THRESHOLD && value <= 1.0 {
            sink.warning(
                path,
                format!("a threshold of {value} practically never fires"),
                "Vertex AI's default is 0.3; use 0.1-0.3 so drift is noticed",
            );
        }
    }
    for (i, f) in q.model.features.iter().enumerate() {
        if let Some(t) = f.drift_threshold
            && t > LOOSE_THRESHOLD
            && t <= 1.0
        {
            sink.warning(
                &format!("model.features[{i}].drift_threshold"),
                format!("a threshold of {t} practically never fires"),
                "use 0.1-0.3 so drift of this feature is noticed",
            );
        }
    }
    if monitoring.sampling_rate > 0.0 && monitoring.sampling_rate < LOW_SAMPLING_RATE {
        sink.warning(
            "operations.monitoring.sampling_rate",
            format!(
                "sampling {} of requests gives too few samples to estimate drift reliably",
                monitoring.sampling_rate
            ),
            "sample at least 0.05 (5 %) of requests, more at low traffic",
        );
    }
    if costly && q.gcp.environments.len() == 1 {
        sink.warning("gcp.environments", "only one environment although a wrong prediction is costly: changes are tested in production", "add a `dev` (and ideally `staging`) environment");
    }
    if q.data.label_delay == LabelDelay::Never
        && !q
            .operations
            .retraining
            .triggers
            .contains(&RetrainingTrigger::Drift)
    {
        sink.warning(
            "data.label_delay",
            "the true outcome is never known, so accuracy cannot be monitored in production, and retraining does not react to drift",
            "add `drift` to `operations.retraining.triggers`: drift is the only signal that the model degrades",
        );
    }
    if q.data.sensitivity == Sensitivity::None && !q.data.regulations.is_empty() {
        sink.warning(
            "data.sensitivity",
            "regulations are listed but the data is said to hold no personal data",
            "check `sensitivity`; data protection rules apply to personal data",
        );
    }
}
