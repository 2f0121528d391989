//! The generative kit's pipelines: every step a `python -m <package>.<module>` of the kit's
//! `genai_app` package in its components image.
//!
//! - evaluation: load the evaluation set → the candidate and the production release answer it →
//!   the Gen AI evaluation service scores both → the gate decides (`promote`, its reasons, the
//!   run's metrics) → `dsl.If(promote)`: the candidate becomes the environment's release.
//! - tuning: load the evaluation set → check the tuning examples → a Vertex AI supervised tuning
//!   job → the tuned model goes through the same answer, score, gate and release steps.
//! - traffic evaluation: sample the logged production exchanges of the last window → score them
//!   with the gate's model-based metrics and append the scores to BigQuery → `dsl.If(below)`: an
//!   alert entry, and the run fails.

use serde_json::Value;

use crate::kit::Pipeline;
use crate::kit::generative::GenerativeWorkload;

use super::builder::{
    Component, Io, RUN_NAME, Spec, Task, channel, compare, param_kind, task_channel,
};

/// A step of the generative package.
fn step(w: &GenerativeWorkload, name: &str, module: &str) -> Component {
    Component::step(name, &w.components_image_ref, &w.package, module)
}

/// Loads the evaluation set (a check of every line) for the answering steps.
fn evaluation_set(w: &GenerativeWorkload) -> (Component, Task) {
    let c = step(w, "evaluation-set", "evaluation_set")
        .string_arg("--source-uri", "evaluation_dataset_uri")
        .output_path_arg("--output-path", "evaluation_set", "system.Dataset")
        .output_param_arg("--size", "size", "NUMBER_INTEGER");
    let t = Task::call(&c)
        .params(&["evaluation_dataset_uri"])
        .uncached();
    (c, t)
}

/// The candidate's answering step. Its inputs are the same in both pipelines; the tuning pipeline
/// feeds the model from the tuning job instead of a pipeline parameter.
fn generate_candidate(w: &GenerativeWorkload, tuned: bool) -> Component {
    let c = step(w, "generate-candidate", "generate")
        .project_and_region()
        .artifact_path_arg("--examples-path", "evaluation_set", "system.Dataset")
        .string_arg("--version", "candidate_version")
        .string_arg("--prompt-uri", "candidate_prompt_uri")
        .string_arg("--model", "candidate_model");
    let c = if tuned {
        c.string_arg("--registered-model", "candidate_registered_model")
    } else {
        c
    };
    c.output_path_arg("--answers-path", "answers", "system.Artifact")
}

/// Answering, scoring, the gate and the release, after the evaluation set is loaded and the
/// candidate is known. Returns the root tasks (generate-production, score, decide, the condition).
fn gate_and_release(spec: &mut Spec, w: &GenerativeWorkload, pipeline: &Pipeline) -> Vec<Task> {
    let production = step(w, "generate-production", "generate")
        .project_and_region()
        .artifact_path_arg("--examples-path", "evaluation_set", "system.Dataset")
        .string_arg("--release-uri", "release_uri")
        .output_path_arg("--answers-path", "answers", "system.Artifact");
    let score = step(w, "score", "score")
        .project_and_region()
        .artifact_path_arg("--examples-path", "evaluation_set", "system.Dataset")
        .artifact_path_arg("--candidate-path", "candidate_answers", "system.Artifact")
        .artifact_path_arg("--production-path", "production_answers", "system.Artifact")
        .output_path_arg("--scores-path", "scores", "system.Artifact");
    let decide = step(w, "decide", "decide")
        .artifact_path_arg("--scores-path", "scores", "system.Artifact")
        .output_path_arg("--metrics-path", "metrics", "system.Metrics")
        .output_param_arg("--promote", "promote", "BOOLEAN")
        .output_param_arg("--reasons", "reasons", "STRING");
    let release = step(w, "release", "release")
        .project_and_region()
        .artifact_path_arg("--candidate-path", "candidate_answers", "system.Artifact")
        .artifact_path_arg("--scores-path", "scores", "system.Artifact")
        .string_arg("--release-uri", "release_uri")
        .string_arg("--evaluation-set", "evaluation_dataset_uri")
        .string_arg("--pipeline-run", "pipeline_run")
        .output_param_arg("--release", "release", "STRING");
    for c in [&production, &score, &decide, &release] {
        spec.add_component(c);
    }

    let root_production = Task::call(&production)
        .params(&["project_id", "region", "release_uri"])
        .task_artifact("evaluation_set", "evaluation-set", "evaluation_set")
        .uncached();
    let root_score = Task::call(&score)
        .params(&["project_id", "region"])
        .task_artifact("evaluation_set", "evaluation-set", "evaluation_set")
        .task_artifact("candidate_answers", "generate-candidate", "answers")
        .task_artifact("production_answers", "generate-production", "answers")
        .uncached();
    let root_decide = Task::call(&decide)
        .task_artifact("scores", "score", "scores")
        .uncached();

    // dsl.If(decide.outputs["promote"] == True): record the release.
    let promote = task_channel("decide", "promote");
    let answers = task_channel("generate-candidate", "answers");
    let scores = task_channel("score", "scores");
    let passed = [
        "evaluation_dataset_uri",
        "project_id",
        "region",
        "release_uri",
    ];
    let mut inputs = vec![
        (answers.clone(), Io::Artifact("system.Artifact")),
        (scores.clone(), Io::Artifact("system.Artifact")),
        (promote.clone(), Io::Param("BOOLEAN")),
    ];
    for name in passed {
        inputs.push((channel(name), Io::Param(param_kind(pipeline, name))));
    }
    inputs.sort_by(|a, b| a.0.cmp(&b.0));
    let inner = Task::call(&release)
        .params_from_channels(&passed)
        .input_artifact("candidate_answers", &answers)
        .input_artifact("scores", &scores)
        .runtime_value("pipeline_run", RUN_NAME)
        .uncached();
    spec.add_condition(1, &inputs, &[inner]);
    let condition = Task::condition(1, "promote-candidate", compare(&promote, "==", "true"))
        .task_artifact(&answers, "generate-candidate", "answers")
        .task_artifact(&scores, "score", "scores")
        .task_param(&promote, "decide", "promote")
        .channels_from_params(&passed);
    vec![root_production, root_score, root_decide, condition]
}

/// The evaluation pipeline: a candidate (prompt version, or a tuned model already registered)
/// against the production release, released when the gate holds.
#[must_use]
pub fn evaluation_spec(w: &GenerativeWorkload, pipeline: &Pipeline) -> Value {
    let tuned = w.approach == "supervised_tuning";
    let mut spec = Spec::default();
    let (load, root_load) = evaluation_set(w);
    let candidate = generate_candidate(w, tuned);
    spec.add_component(&load);
    spec.add_component(&candidate);
    let mut names = vec![
        "project_id",
        "region",
        "candidate_version",
        "candidate_prompt_uri",
        "candidate_model",
    ];
    if tuned {
        names.push("candidate_registered_model");
    }
    let root_candidate = Task::call(&candidate)
        .params(&names)
        .task_artifact("evaluation_set", "evaluation-set", "evaluation_set")
        .uncached();
    let mut tasks = vec![root_load, root_candidate];
    tasks.extend(gate_and_release(&mut spec, w, pipeline));
    let description = format!(
        "Release evaluation of {}: candidate and production answer the evaluation set, the Gen AI evaluation service scores both, the gate decides.",
        w.client_slug
    );
    spec.finish(&pipeline.name, &description, &tasks, pipeline)
}

/// The tuning pipeline: the tuning examples checked, a supervised tuning job on the base model,
/// and the tuned model evaluated against production and released through the same gate.
#[must_use]
pub fn tuning_spec(w: &GenerativeWorkload, pipeline: &Pipeline) -> Value {
    let mut spec = Spec::default();
    let (load, root_load) = evaluation_set(w);
    let check = step(w, "validate-tuning-data", "tuning_data")
        .string_arg("--dataset-uri", "tuning_dataset_uri")
        .artifact_path_arg("--examples-path", "evaluation_set", "system.Dataset")
        .output_path_arg("--report-path", "report", "system.Metrics")
        .output_param_arg("--examples", "tuning_examples", "NUMBER_INTEGER");
    let tune = step(w, "tune", "tune")
        .project_and_region()
        .string_arg("--base-model", "base_model")
        .string_arg("--dataset-uri", "tuning_dataset_uri")
        .string_arg("--display-name", "tuned_model_display_name")
        .string_arg("--service-account", "tuning_service_account")
        .string_arg("--encryption-key", "encryption_key")
        .string_arg("--version", "candidate_version")
        .param_arg("--examples", "tuning_examples", "NUMBER_INTEGER")
        .output_param_arg("--tuned-model", "tuned_model", "STRING")
        .output_param_arg("--tuned-endpoint", "tuned_endpoint", "STRING");
    let candidate = generate_candidate(w, true);
    for c in [&load, &check, &tune, &candidate] {
        spec.add_component(c);
    }
    let root_check = Task::call(&check)
        .params(&["tuning_dataset_uri"])
        .task_artifact("evaluation_set", "evaluation-set", "evaluation_set")
        .uncached();
    let root_tune = Task::call(&tune)
        .params(&[
            "project_id",
            "region",
            "base_model",
            "tuning_dataset_uri",
            "tuned_model_display_name",
            "tuning_service_account",
            "encryption_key",
            "candidate_version",
        ])
        .task_param("tuning_examples", "validate-tuning-data", "tuning_examples")
        .uncached();
    let root_candidate = Task::call(&candidate)
        .params(&[
            "project_id",
            "region",
            "candidate_version",
            "candidate_prompt_uri",
        ])
        .task_param("candidate_model", "tune", "tuned_endpoint")
        .task_param("candidate_registered_model", "tune", "tuned_model")
        .task_artifact("evaluation_set", "evaluation-set", "evaluation_set")
        .uncached();
    let mut tasks = vec![root_load, root_check, root_tune, root_candidate];
    tasks.extend(gate_and_release(&mut spec, w, pipeline));
    let description = format!(
        "Supervised tuning of {} for {}: tuning data checked, a Vertex AI tuning job, the tuned model evaluated and released through the gate.",
        w.base_model, w.client_slug
    );
    spec.finish(&pipeline.name, &description, &tasks, pipeline)
}

/// The scheduled evaluation of sampled production traffic.
#[must_use]
pub fn traffic_evaluation_spec(w: &GenerativeWorkload, pipeline: &Pipeline) -> Value {
    let mut spec = Spec::default();
    let sample = step(w, "traffic-sample", "traffic_sample")
        .string_arg("--project-id", "project_id")
        .string_arg("--log-table", "log_table")
        .string_arg("--window-hours", "window_hours")
        .string_arg("--sample-size", "sample_size")
        .string_arg("--run", "pipeline_run")
        .output_path_arg("--output-path", "samples", "system.Dataset")
        .output_param_arg("--count", "count", "NUMBER_INTEGER");
    let score = step(w, "traffic-score", "traffic_score")
        .project_and_region()
        .artifact_path_arg("--samples-path", "samples", "system.Dataset")
        .string_arg("--results-table", "results_table")
        .string_arg("--run", "pipeline_run")
        .output_path_arg("--metrics-path", "metrics", "system.Metrics")
        .output_path_arg("--report-path", "report", "system.Artifact")
        .output_param_arg("--below-threshold", "below_threshold", "BOOLEAN");
    let alert = step(w, "quality-alert", "quality_alert")
        .string_arg("--project-id", "project_id")
        .artifact_path_arg("--report-path", "report", "system.Artifact");
    for c in [&sample, &score, &alert] {
        spec.add_component(c);
    }
    let root_sample = Task::call(&sample)
        .params(&["project_id", "log_table", "window_hours", "sample_size"])
        .runtime_value("pipeline_run", RUN_NAME)
        .uncached();
    let root_score = Task::call(&score)
        .params(&["project_id", "region", "results_table"])
        .task_artifact("samples", "traffic-sample", "samples")
        .runtime_value("pipeline_run", RUN_NAME)
        .uncached();
    let below = task_channel("traffic-score", "below_threshold");
    let report = task_channel("traffic-score", "report");
    let passed = ["project_id"];
    let inputs = vec![
        (below.clone(), Io::Param("BOOLEAN")),
        (report.clone(), Io::Artifact("system.Artifact")),
        (channel("project_id"), Io::Param("STRING")),
    ];
    let inner = Task::call(&alert)
        .params_from_channels(&passed)
        .input_artifact("report", &report)
        .uncached();
    spec.add_condition(1, &inputs, &[inner]);
    let condition = Task::condition(1, "below-threshold", compare(&below, "==", "true"))
        .task_param(&below, "traffic-score", "below_threshold")
        .task_artifact(&report, "traffic-score", "report")
        .channels_from_params(&passed);
    let description = format!(
        "Evaluation of {}'s production traffic: logged exchanges of the last window sampled, scored with the model-based metrics, alert below a threshold.",
        w.client_slug
    );
    spec.finish(
        &pipeline.name,
        &description,
        &[root_sample, root_score, condition],
        pipeline,
    )
}
