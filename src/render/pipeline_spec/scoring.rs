//! The scheduled batch-scoring pipeline: one step scores the new records of the inbox with the
//! model's `production` version in a Vertex AI batch prediction job.

use serde_json::Value;

use crate::kit::{Kit, Pipeline};

use super::builder::{Component, SCHEDULE_TIME, Spec, Task, schema_json};

/// The batch-scoring pipeline: the files written to the inbox in the window before the run's
/// scheduled time (so a late start shifts nothing), scored by the `production` version as the
/// serving account, appended to the batch output.
#[must_use]
pub fn scoring_spec(kit: &Kit, pipeline: &Pipeline) -> Value {
    let mut spec = Spec::default();
    let score = Component::python(kit, "batch-predict", "batch_predict")
        .project_and_region()
        .string_arg("--model-display-name", "model_display_name")
        .string_arg("--input-uri", "batch_input_uri")
        .arg("--input-format", &kit.workload.batch_input_format)
        .string_arg("--window-hours", "window_hours")
        .string_arg("--scheduled-time", "scheduled_time")
        .string_arg("--output-uri", "batch_output_uri")
        .string_arg("--service-account", "serving_service_account")
        .string_arg("--encryption-key", "encryption_key")
        .arg("--schema", schema_json(kit))
        .arg("--machine-type", &kit.serving.machine_type)
        .arg("--max-replicas", kit.serving.max_replicas.to_string())
        .output_param_arg("--batch-prediction-job", "batch_prediction_job", "STRING");
    spec.add_component(&score);
    let task = Task::call(&score)
        .params(&[
            "project_id",
            "region",
            "model_display_name",
            "batch_input_uri",
            "window_hours",
            "batch_output_uri",
            "serving_service_account",
            "encryption_key",
        ])
        .runtime_value("scheduled_time", SCHEDULE_TIME)
        .uncached();
    let description = format!(
        "Batch scoring of {}: new records of the inbox, scored every day by the production model.",
        kit.client.slug
    );
    spec.finish(&pipeline.name, &description, &[task], pipeline)
}
