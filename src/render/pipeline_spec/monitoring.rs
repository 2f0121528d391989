//! The drift-monitoring pipeline of batch serving: one step compares recent inputs with the
//! training baseline, and a `dsl.If` runs the alert step when a feature drifted.

use serde_json::Value;

use crate::kit::{Kit, Pipeline};

use super::builder::{Component, Io, SCHEDULE_TIME, Spec, Task, channel, compare, task_channel};

/// The monitoring pipeline of batch serving: drift of recent inputs against the training baseline
/// (Jensen-Shannon for numeric features, L-infinity for categorical ones), then an alert when a
/// feature crosses its threshold.
#[must_use]
pub fn monitoring_spec(kit: &Kit, pipeline: &Pipeline) -> Value {
    let mut spec = Spec::default();
    let drift = Component::python(kit, "drift", "drift")
        .project_and_region()
        .string_arg("--results-dataset", "dataset")
        .string_arg("--model-display-name", "model_display_name")
        .string_arg("--recent-data-uri", "recent_data_uri")
        .string_arg("--lookback-hours", "lookback_hours")
        .string_arg("--scheduled-time", "scheduled_time")
        .string_arg("--sampling-rate", "sampling_rate")
        .arg("--schema", &kit.workload.schema_json)
        .output_path_arg("--report-path", "report", "system.Metrics")
        .output_param_arg("--drift-detected", "drift_detected", "BOOLEAN")
        .resources(4, 16);
    let alert = Component::python(kit, "alert", "alert")
        .artifact_path_arg("--report-path", "report", "system.Metrics")
        .string_arg("--project-id", "project_id")
        .string_arg("--model-display-name", "model_display_name")
        .arg("--log-name", &kit.workload.drift_alert_log_name);
    spec.add_component(&drift);
    spec.add_component(&alert);

    let root_drift = Task::call(&drift)
        .params(&[
            "project_id",
            "region",
            "dataset",
            "model_display_name",
            "recent_data_uri",
            "lookback_hours",
            "sampling_rate",
        ])
        .runtime_value("scheduled_time", SCHEDULE_TIME)
        .uncached();
    let detected = task_channel("drift", "drift_detected");
    let report = task_channel("drift", "report");
    let passed = ["project_id", "model_display_name"];
    let cond_inputs = vec![
        (detected.clone(), Io::Param("BOOLEAN")),
        (report.clone(), Io::Artifact("system.Metrics")),
        (channel("model_display_name"), Io::Param("STRING")),
        (channel("project_id"), Io::Param("STRING")),
    ];
    let inner = Task::call(&alert)
        .input_artifact("report", &report)
        .params_from_channels(&passed)
        .uncached();
    spec.add_condition(1, &cond_inputs, &[inner]);
    let condition = Task::condition(1, "drift-detected", compare(&detected, "==", "true"))
        .task_param(&detected, "drift", "drift_detected")
        .task_artifact(&report, "drift", "report")
        .channels_from_params(&passed);
    let description = format!(
        "Drift monitoring of {}: recent batch inputs against the training baseline, alert past the thresholds.",
        kit.client.slug
    );
    spec.finish(
        &pipeline.name,
        &description,
        &[root_drift, condition],
        pipeline,
    )
}
