//! Workload details of the kit: the Vertex AI pipelines and their parameters, images and the serving
//! container, read by the pipeline-spec, Python, Dockerfile and docs blueprints.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::questionnaire::{Framework, Questionnaire};

use super::{Env, Features, Kit, Names, Pipeline, PipelineParameter};

/// Workload decisions.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Workload {}

/// Resolves the workload part of the model from the answers and the shared names.
#[must_use]
pub fn resolve(_q: &Questionnaire, _kit: &Kit) -> Workload {
    Workload {}
}

/// Whether no prebuilt Vertex prediction container fits the model, so the kit builds its own.
#[must_use]
pub fn needs_custom_serving_image(q: &Questionnaire) -> bool {
    // Prebuilt containers load a bare model file; PyTorch needs a handler, so the kit serves it itself.
    q.model.framework == Framework::Pytorch
}

/// The prebuilt Vertex prediction image for the framework, when one fits.
#[must_use]
pub fn prebuilt_serving_image(q: &Questionnaire, multi_region: &str) -> Option<String> {
    let image = match q.model.framework {
        Framework::ScikitLearn => "sklearn-cpu.1-6",
        Framework::Xgboost => "xgboost-cpu.2-1",
        Framework::Tensorflow => "tf2-cpu.2-15",
        Framework::Pytorch => return None,
    };
    // Vertex supports only the `latest` tag of its prebuilt prediction images.
    Some(format!("{multi_region}-docker.pkg.dev/vertex-ai/prediction/{image}:latest"))
}

/// The kit's pipelines and their parameters.
#[must_use]
pub fn pipelines(_q: &Questionnaire, features: &Features) -> Vec<Pipeline> {
    let param = |name: &str, kind: &str, description: &str| PipelineParameter {
        name: name.to_owned(),
        kind: kind.to_owned(),
        description: description.to_owned(),
    };
    let mut out = vec![Pipeline {
        key: "training".to_owned(),
        name: "training-pipeline".to_owned(),
        file: "pipelines/training_pipeline.yaml".to_owned(),
        parameters: vec![
            param("project_id", "STRING", "Project the pipeline runs in"),
            param("region", "STRING", "Region of every Vertex AI resource"),
            param("artifacts_bucket", "STRING", "Bucket for datasets and model artifacts"),
            param("dataset", "STRING", "BigQuery dataset of the kit"),
        ],
    }];
    if features.batch_drift_monitoring {
        out.push(Pipeline {
            key: "monitoring".to_owned(),
            name: "monitoring-pipeline".to_owned(),
            file: "pipelines/monitoring_pipeline.yaml".to_owned(),
            parameters: vec![
                param("project_id", "STRING", "Project the pipeline runs in"),
                param("region", "STRING", "Region of every Vertex AI resource"),
                param("dataset", "STRING", "BigQuery dataset of the kit"),
            ],
        });
    }
    out
}

/// Parameter values of every pipeline in one environment.
#[must_use]
pub fn pipeline_values(
    q: &Questionnaire,
    names: &Names,
    env: &Env,
    features: &Features,
) -> BTreeMap<String, BTreeMap<String, serde_json::Value>> {
    let mut out = BTreeMap::new();
    for pipeline in pipelines(q, features) {
        let values = pipeline
            .parameters
            .iter()
            .map(|p| {
                let value = match p.name.as_str() {
                    "project_id" => env.project_id.clone().into(),
                    "region" => q.gcp.region.clone().into(),
                    "artifacts_bucket" => env.buckets.artifacts.clone().into(),
                    "dataset" => names.dataset.clone().into(),
                    other => unreachable!("pipeline parameter `{other}` has no value rule"),
                };
                (p.name.clone(), value)
            })
            .collect();
        out.insert(pipeline.key.clone(), values);
    }
    out
}
