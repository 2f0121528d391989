//! The training pipeline: extract → validate → train (a Vertex AI custom job) → evaluate, then two
//! `dsl.If` levels (the metric reaches its threshold, the model beats production) around register
//! and the release step (deploy to the endpoint, or move the `production` alias of a batch-only
//! kit). Scoring new data is the scheduled batch-scoring pipeline's ([`super::scoring`]).

use serde_json::{Map, Value, json};

use crate::kit::{Kit, Pipeline};

use super::builder::{
    Component, Io, RUN_NAME, Spec, Task, channel, compare, has_param, in_artifact_uri, in_param,
    out_artifact_path, out_artifact_uri, param_kind, py_module, schema_json, task_channel,
    value_of,
};

/// The training pipeline: extract → validate → train (Vertex AI custom job) → evaluate against the
/// threshold and the production model → register → deploy, or promote (batch only).
#[must_use]
pub fn training_spec(kit: &Kit, pipeline: &Pipeline) -> Value {
    let w = &kit.workload;
    let m = &kit.model;
    let mut spec = Spec::default();
    let in_container = m.data_preparation == "in_container";

    let extract = Component::python(kit, "extract", "extract")
        .project_and_region()
        .string_arg("--source-uri", "source_uri")
        .arg("--source-kind", &w.source_kind)
        .arg("--source-format", &kit.data.file_format)
        .arg("--engine", &m.data_preparation)
        .string_arg("--staging-dataset", "dataset")
        .string_arg("--temp-bucket", "artifacts_bucket")
        .data_kind_and_schema(kit)
        .output_uri_arg("--output-uri", "training_data", "system.Dataset")
        .arg("--output-path", out_artifact_path("training_data"))
        .output_param_arg("--row-count", "row_count", "NUMBER_INTEGER");
    // Dataflow workers run as the kit's worker account of the pipeline's project, with the
    // environment's Cloud KMS key (empty without CMEK) and, on a private or shared VPC, in its
    // subnetwork without public IPs.
    let dataflow = m.data_preparation == "dataflow";
    let extract = if dataflow {
        extract
            .arg(
                "--dataflow-service-account-id",
                &w.dataflow_service_account_id,
            )
            .string_arg("--encryption-key", "encryption_key")
    } else {
        extract
    };
    // BigQuery jobs on the training table run in its dataset's location, which may not be the region.
    let extract = match &kit.data.primary.location {
        Some(location) => extract.arg("--bigquery-location", location),
        None => extract,
    };
    let extract = if w.dataflow_subnetwork.is_empty() {
        extract
    } else {
        extract.arg("--dataflow-subnetwork", &w.dataflow_subnetwork)
    };
    // In one container the data is read into memory; otherwise the step only drives BigQuery or Dataflow.
    let extract = if in_container {
        extract.resources(8, 32)
    } else {
        extract.resources(2, 8)
    };

    let validate = Component::python(kit, "validate", "validate")
        .artifact_path_arg("--data-path", "training_data", "system.Dataset")
        .param_arg("--row-count", "row_count", "NUMBER_INTEGER")
        .data_kind_and_schema(kit)
        .output_path_arg("--statistics-path", "statistics", "system.Artifact")
        .output_path_arg("--report-path", "report", "system.Metrics")
        .resources(4, 16);

    let train = train_component(kit);

    let direction = if m.higher_is_better {
        "--higher-is-better"
    } else {
        "--lower-is-better"
    };
    let evaluate = Component::python(kit, "evaluate", "evaluate")
        .artifact_path_arg("--model-path", "model", "system.Model")
        .artifact_path_arg("--data-path", "training_data", "system.Dataset")
        .project_and_region()
        .string_arg("--model-display-name", "model_display_name")
        .data_kind_and_schema(kit)
        .arg("--metric", &m.metric)
        .args([direction])
        .arg("--experiment", &kit.names.experiment)
        .string_arg("--experiment-run", "experiment_run")
        .arg("--experiment-params", experiment_params(kit))
        .output_path_arg("--metrics-path", "metrics", "system.Metrics")
        .output_param_arg("--metric-value", "metric_value", "NUMBER_DOUBLE")
        .output_param_arg("--beats-production", "beats_production", "BOOLEAN")
        .resources(4, 16);

    // The model is copied out of the pipeline root (deleted after some weeks) into the artifacts
    // bucket, and registered from there.
    let register = Component::python(kit, "register", "register")
        .artifact_uri_arg("--model-uri", "model", "system.Model")
        .string_arg("--artifacts-bucket", "artifacts_bucket")
        .project_and_region()
        .string_arg("--model-display-name", "model_display_name")
        .string_arg("--encryption-key", "encryption_key")
        .arg("--serving-image", &w.serving_image_ref)
        .arg("--metric", &m.metric)
        .param_arg("--metric-value", "metric_value", "NUMBER_DOUBLE")
        .output_param_arg("--model-resource-name", "model_resource_name", "STRING");

    spec.add_component(&extract);
    spec.add_component(&validate);
    spec.add_component(&train);
    spec.add_component(&evaluate);
    spec.add_component(&register);

    // Root DAG.
    let mut extract_params = vec![
        "project_id",
        "region",
        "source_uri",
        "dataset",
        "artifacts_bucket",
    ];
    if dataflow {
        extract_params.push("encryption_key");
    }
    let root_extract = Task::call(&extract).params(&extract_params).uncached();
    let root_validate = Task::call(&validate)
        .task_artifact("training_data", "extract", "training_data")
        .task_param("row_count", "extract", "row_count")
        .uncached();
    let root_train = Task::call(&train)
        .params(&[
            "project_id",
            "region",
            "training_service_account",
            "encryption_key",
            "network",
        ])
        .task_artifact("training_data", "extract", "training_data")
        .task_artifact("statistics", "validate", "statistics")
        .uncached();
    let root_evaluate = Task::call(&evaluate)
        .params(&["project_id", "region", "model_display_name"])
        .task_artifact("model", "train", "model")
        .task_artifact("training_data", "extract", "training_data")
        .runtime_value("experiment_run", RUN_NAME)
        .uncached();

    // The two dsl.If levels: the metric reaches the threshold, then the model beats production.
    let mut pass_params: Vec<&str> = vec![
        "project_id",
        "region",
        "artifacts_bucket",
        "model_display_name",
        "encryption_key",
        "metric_threshold",
    ];
    for optional in [
        "endpoint_display_name",
        "keep_deployed",
        "serving_service_account",
        "canary_traffic_percent",
    ] {
        if kit.serving.pipeline_releases && has_param(pipeline, optional) {
            pass_params.push(optional);
        }
    }
    let metric_channel = task_channel("evaluate", "metric_value");
    let beats_channel = task_channel("evaluate", "beats_production");
    let model_channel = task_channel("train", "model");
    let mut cond_inputs: Vec<(String, Io)> =
        vec![(model_channel.clone(), Io::Artifact("system.Model"))];
    cond_inputs.push((beats_channel.clone(), Io::Param("BOOLEAN")));
    cond_inputs.push((metric_channel.clone(), Io::Param("NUMBER_DOUBLE")));
    for name in &pass_params {
        cond_inputs.push((channel(name), Io::Param(param_kind(pipeline, name))));
    }
    cond_inputs.sort_by(|a, b| a.0.cmp(&b.0));

    let operator = if m.higher_is_better { ">=" } else { "<=" };
    let condition_1 = Task::condition(
        1,
        "metric-meets-threshold",
        compare(
            &metric_channel,
            operator,
            &value_of(&channel("metric_threshold")),
        ),
    )
    .task_artifact(&model_channel, "train", "model")
    .task_param(&metric_channel, "evaluate", "metric_value")
    .task_param(&beats_channel, "evaluate", "beats_production")
    .channels_from_params(&pass_params);
    let mut condition_2 = Task::condition(
        2,
        "beats-production-model",
        compare(&beats_channel, "==", "true"),
    )
    .input_artifact(&model_channel, &model_channel)
    .param(&metric_channel, &metric_channel)
    .param(&beats_channel, &beats_channel);
    for name in &pass_params {
        condition_2 = condition_2.param(&channel(name), &channel(name));
    }

    // Inside condition 2: register, then deploy and/or batch prediction.
    let mut inner = vec![
        Task::call(&register)
            .params_from_channels(&[
                "project_id",
                "region",
                "artifacts_bucket",
                "model_display_name",
                "encryption_key",
            ])
            .input_artifact("model", &model_channel)
            .param("metric_value", &metric_channel)
            .uncached(),
    ];

    // With manual approval the unattended run stops at registration (the `candidate` alias): only the
    // approval-gated rollout build deploys it, scores with it or moves the `production` alias.
    let releases = kit.serving.pipeline_releases;
    if kit.features.online_serving && releases {
        let canary = has_param(pipeline, "canary_traffic_percent");
        let deploy = Component::python(kit, "deploy", "deploy")
            .project_and_region()
            .string_arg("--endpoint-display-name", "endpoint_display_name")
            .string_arg("--service-account", "serving_service_account")
            .string_arg("--model-resource-name", "model_resource_name");
        let deploy = if canary {
            deploy.param_arg(
                "--traffic-percent",
                "canary_traffic_percent",
                "NUMBER_INTEGER",
            )
        } else {
            deploy.arg("--traffic-percent", "100")
        };
        let deploy = deploy
            .arg("--machine-type", &kit.serving.machine_type)
            .arg("--min-replicas", kit.serving.min_replicas.to_string())
            .arg("--max-replicas", kit.serving.max_replicas.to_string())
            .param_arg("--keep-deployed", "keep_deployed", "BOOLEAN")
            .output_param_arg("--deployed-model-id", "deployed_model_id", "STRING");
        spec.add_component(&deploy);
        let mut names = vec![
            "project_id",
            "region",
            "endpoint_display_name",
            "serving_service_account",
            "keep_deployed",
        ];
        if canary {
            names.push("canary_traffic_percent");
        }
        inner.push(
            Task::call(&deploy)
                .params_from_channels(&names)
                .task_param("model_resource_name", "register", "model_resource_name")
                .uncached(),
        );
    }
    if kit.features.batch_serving && !kit.features.online_serving && releases {
        // Without an endpoint, releasing is moving the `production` alias: the scheduled
        // batch-scoring pipeline scores new records with that version from its next run.
        let promote = Component::python(kit, "promote", "release")
            .project_and_region()
            .string_arg("--model-resource-name", "model_resource_name");
        spec.add_component(&promote);
        inner.push(
            Task::call(&promote)
                .params_from_channels(&["project_id", "region"])
                .task_param("model_resource_name", "register", "model_resource_name")
                .uncached(),
        );
    }
    spec.add_condition(2, &cond_inputs, &inner);
    spec.add_condition(1, &cond_inputs, &[condition_2]);

    let description = format!(
        "Continuous training of {}: extract, validate, train ({}), evaluate on {} against the production model, register and release.",
        kit.client.slug, m.framework_title, m.metric
    );
    spec.finish(
        &pipeline.name,
        &description,
        &[
            root_extract,
            root_validate,
            root_train,
            root_evaluate,
            condition_1,
        ],
        pipeline,
    )
}

/// The training parameters the evaluate step records in Vertex AI Experiments, decided by the kit.
fn experiment_params(kit: &Kit) -> String {
    let m = &kit.model;
    serde_json::json!({
        "framework": m.framework,
        "task": m.task,
        "machine_type": m.machine_type,
        "machines": m.replica_count,
        "accelerator": m.accelerator_type.clone().unwrap_or_default(),
        "accelerator_count": m.accelerator_count,
        "data_preparation": m.data_preparation,
        "source_format": kit.data.file_format,
        "metric_threshold": m.threshold,
    })
    .to_string()
}

/// The train step: a Vertex AI custom job with the answered machine spec, launched by the pinned
/// Google Cloud Pipeline Components image. The job's own worker command reads the artifacts by URI.
fn train_component(kit: &Kit) -> Component {
    let w = &kit.workload;
    let m = &kit.model;
    let mut machine_spec = Map::new();
    machine_spec.insert("machine_type".to_owned(), json!(m.machine_type));
    if let Some(acc) = &m.accelerator_type {
        machine_spec.insert("accelerator_type".to_owned(), json!(acc));
        machine_spec.insert("accelerator_count".to_owned(), json!(m.accelerator_count));
    }
    let worker_args = vec![
        "--data-uri".to_owned(),
        in_artifact_uri("training_data"),
        "--statistics-uri".to_owned(),
        in_artifact_uri("statistics"),
        "--model-dir".to_owned(),
        out_artifact_uri("model"),
        "--data-kind".to_owned(),
        w.data_kind.clone(),
        "--schema".to_owned(),
        schema_json(kit),
    ];
    let pool = |replicas: u32| {
        json!({
            "container_spec": {
                "args": worker_args,
                "command": ["python", "-m", py_module(kit, "train")],
                "image_uri": w.trainer_image_ref,
            },
            "disk_spec": { "boot_disk_size_gb": w.boot_disk_size_gb, "boot_disk_type": "pd-ssd" },
            "machine_spec": machine_spec,
            "replica_count": replicas,
        })
    };
    let mut pools = vec![pool(1)];
    if w.worker_count > 0 {
        pools.push(pool(w.worker_count));
    }
    let labels: Map<String, Value> = kit
        .labels
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let payload = json!({
        "display_name": format!("{}-train", kit.client.slug),
        "encryption_spec": { "kms_key_name": in_param("encryption_key") },
        "job_spec": {
            "network": in_param("network"),
            "scheduling": { "timeout": "86400s" },
            "service_account": in_param("training_service_account"),
            "worker_pool_specs": pools,
        },
        "labels": labels,
    });
    Component::new(
        "train",
        &w.gcpc_image,
        &[
            "python3",
            "-u",
            "-m",
            "google_cloud_pipeline_components.container.v1.custom_job.launcher",
        ],
    )
    .input("training_data", Io::Artifact("system.Dataset"))
    .input("statistics", Io::Artifact("system.Artifact"))
    .input("training_service_account", Io::Param("STRING"))
    .input("encryption_key", Io::Param("STRING"))
    .input("network", Io::Param("STRING"))
    .output("model", Io::Artifact("system.Model"))
    .arg("--type", "CustomJob")
    .arg("--payload", payload.to_string())
    .string_arg("--project", "project_id")
    .string_arg("--location", "region")
    .output_param_arg("--gcp_resources", "gcp_resources", "STRING")
}
