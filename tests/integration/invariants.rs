//! Invariants over the whole questionnaire space, not just the examples: property-based generation of
//! valid questionnaires from the schema's choices (sources in any order and mix, serving modes,
//! frameworks, hardware, data volumes, environments, IAM rights, security options), each rendered in
//! process and held to the facts its files must agree on.
//!
//! A fixed seed makes `cargo test` reproducible; `MLOPS_KIT_PROPTEST_CASES=N` runs more (or fewer)
//! cases. When an invariant breaks, the failure prints the (shrunk) questionnaire as YAML: save it and
//! run `mlops-kit generate` on it to see the kit.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::Value;

use mlops_kit::blueprints::BlueprintSource;
use mlops_kit::kit::{Kit, resolve};
use mlops_kit::questionnaire::accelerators::AVAILABILITY;
use mlops_kit::questionnaire::{
    Accelerator, BatchOutput, DataSource, DataVolume, Environment, EnvironmentName, Evaluation,
    ExperimentTracking, Feature, FeatureKind, FileFormat, Framework, LabelDelay, Metric,
    NetworkMode, OtherCloud, Questionnaire, RetrainingTrigger, RolloutStrategy, Sensitivity,
    ServingMode, Task, load_str,
};
use mlops_kit::render::pipeline_spec::to_yaml;

use super::common::{example, executor_args, spec};

type Files = BTreeMap<String, String>;

const DEFAULT_CASES: u32 = 256;

/// Everything the generator chooses; applied to a valid base questionnaire.
#[derive(Debug, Clone)]
struct Choices {
    sources: Vec<SourceChoice>,
    task: Task,
    framework: Framework,
    gpu: Option<(usize, usize)>,
    volume: DataVolume,
    serving: ServingMode,
    batch_to_bigquery: bool,
    canary: bool,
    approval: bool,
    environments: Vec<EnvironmentName>,
    can_manage_iam: bool,
    cmek: bool,
    vpc_sc: bool,
    network: NetworkMode,
    region: &'static str,
    triggers: Vec<RetrainingTrigger>,
    sensitivity: Sensitivity,
    label_delay: LabelDelay,
    sponsor: bool,
    tracking: ExperimentTracking,
}

#[derive(Debug, Clone, Copy)]
enum SourceChoice {
    /// A BigQuery table, with its dataset's location when answered.
    Bigquery(Option<&'static str>),
    CloudStorage(Option<FileFormat>),
    CloudSql,
    OnPremises,
    OtherCloud,
}

const REGIONS: &[&str] = &[
    "southamerica-east1",
    "us-central1",
    "europe-west4",
    "asia-southeast1",
    "us-east4",
    "northamerica-northeast2",
];

/// Warehouse locations: both multi-regions, a region of each of them, and regions of their own.
const BIGQUERY_LOCATIONS: &[&str] = &[
    "US",
    "EU",
    "us-central1",
    "europe-west4",
    "southamerica-east1",
    "asia-southeast1",
];

fn source_choice() -> impl Strategy<Value = SourceChoice> {
    prop_oneof![
        prop::option::of(prop::sample::select(BIGQUERY_LOCATIONS.to_vec()))
            .prop_map(SourceChoice::Bigquery),
        prop::option::of(prop::sample::select(vec![
            FileFormat::Csv,
            FileFormat::Parquet,
            FileFormat::Jsonl,
        ]))
        .prop_map(SourceChoice::CloudStorage),
        Just(SourceChoice::CloudSql),
        Just(SourceChoice::OnPremises),
        Just(SourceChoice::OtherCloud),
    ]
}

fn choices() -> impl Strategy<Value = Choices> {
    let data = (
        prop::collection::vec(source_choice(), 1..=3),
        prop::sample::select(vec![
            Task::TabularClassification,
            Task::TabularRegression,
            Task::Forecasting,
            Task::Vision,
            Task::Text,
            // `generative` has its own section the generator does not build: generative kits are
            // checked by `every_generative_variant_keeps_the_invariants` below.
        ]),
        prop::sample::select(vec![
            Framework::ScikitLearn,
            Framework::Xgboost,
            Framework::Tensorflow,
            Framework::Pytorch,
        ]),
        prop::option::of((0..AVAILABILITY.len(), 0usize..4)),
        prop::sample::select(vec![
            DataVolume::Under10gb,
            DataVolume::From10gbTo1tb,
            DataVolume::From1tbTo10tb,
            DataVolume::Over10tb,
        ]),
    );
    let serving = (
        prop::sample::select(vec![
            ServingMode::Online,
            ServingMode::Batch,
            ServingMode::Both,
        ]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![
            vec![EnvironmentName::Prod],
            vec![EnvironmentName::Dev, EnvironmentName::Prod],
            vec![EnvironmentName::Staging, EnvironmentName::Prod],
            vec![
                EnvironmentName::Dev,
                EnvironmentName::Staging,
                EnvironmentName::Prod,
            ],
            vec![EnvironmentName::Dev],
        ]),
    );
    let platform = (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![
            NetworkMode::Default,
            NetworkMode::Private,
            NetworkMode::SharedVpc,
        ]),
        prop::sample::select(REGIONS.to_vec()),
        prop::sample::subsequence(
            vec![
                RetrainingTrigger::Schedule,
                RetrainingTrigger::NewData,
                RetrainingTrigger::Drift,
            ],
            1..=3,
        ),
    );
    let context = (
        prop::sample::select(vec![
            Sensitivity::None,
            Sensitivity::Pseudonymised,
            Sensitivity::Personal,
            Sensitivity::SensitivePersonal,
        ]),
        prop::sample::select(vec![
            LabelDelay::Immediate,
            LabelDelay::Days,
            LabelDelay::Months,
            LabelDelay::Never,
        ]),
        any::<bool>(),
        prop::sample::select(vec![
            ExperimentTracking::None,
            ExperimentTracking::Mlflow,
            ExperimentTracking::VertexExperiments,
        ]),
    );
    (data, serving, platform, context).prop_map(
        |(
            (sources, task, framework, gpu, volume),
            (serving, batch_to_bigquery, canary, approval, environments),
            (can_manage_iam, cmek, vpc_sc, network, region, triggers),
            (sensitivity, label_delay, sponsor, tracking),
        )| Choices {
            sources,
            task,
            framework,
            gpu,
            volume,
            serving,
            batch_to_bigquery,
            canary,
            approval,
            environments,
            can_manage_iam,
            cmek,
            vpc_sc,
            network,
            region,
            triggers,
            sensitivity,
            label_delay,
            sponsor,
            tracking,
        },
    )
}

/// The questionnaire of a set of choices: valid by construction (checked by the real loader).
fn questionnaire(c: &Choices) -> Questionnaire {
    let mut q = example("fintech-regulated");
    let tabular = matches!(
        c.task,
        Task::TabularClassification | Task::TabularRegression | Task::Forecasting
    );
    q.data.sources = c
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| match *s {
            SourceChoice::Bigquery(location) => DataSource::Bigquery {
                project_id: format!("credseg-dwh{i}"),
                dataset: "risk".into(),
                table: format!("applications_{i}"),
                // From 10 GB BigQuery exports the rows to the region's buckets, which a warehouse
                // elsewhere cannot do (validation refuses it): such answers are not valid.
                location: location
                    .filter(|l| {
                        c.volume < DataVolume::From10gbTo1tb
                            || mlops_kit::questionnaire::names::bigquery_exports_to(l, c.region)
                    })
                    .map(str::to_owned),
            },
            SourceChoice::CloudStorage(format) => DataSource::CloudStorage {
                bucket: format!("credseg-exports-{i}"),
                prefix: "training/".into(),
                format: if tabular { format } else { None },
            },
            SourceChoice::CloudSql => DataSource::CloudSql {
                project_id: format!("credseg-core{i}"),
                instance: "core-postgres".into(),
                database: "lending".into(),
                table: "repayments".into(),
            },
            SourceChoice::OnPremises => DataSource::OnPremises {
                system: format!("Oracle 19c ERP number {i}"),
            },
            SourceChoice::OtherCloud => DataSource::OtherCloud {
                provider: OtherCloud::Azure,
                system: format!("Blob container of exports {i}"),
            },
        })
        .collect();
    q.data.volume = c.volume;
    q.data.sensitivity = c.sensitivity;
    q.data.label_delay = c.label_delay;
    q.model.task = c.task;
    q.model.framework = Some(c.framework);
    if tabular {
        q.model.target_column = Some("defaulted_90d".into());
        q.model.features = vec![
            Feature {
                name: "monthly_income".into(),
                kind: FeatureKind::Numeric,
                drift_threshold: None,
            },
            Feature {
                name: "region".into(),
                kind: FeatureKind::Categorical,
                drift_threshold: None,
            },
        ];
    } else {
        q.model.target_column = None;
        q.model.features = Vec::new();
    }
    q.model.evaluation = Some(Evaluation {
        metric: match c.task {
            Task::TabularRegression | Task::Forecasting => Metric::Rmse,
            _ => Metric::Accuracy,
        },
        threshold: 0.8,
    });
    q.model.training.machine_type = None;
    q.model.training.accelerator = Accelerator::None;
    q.model.training.accelerator_count = None;
    if let Some((row, count)) = c.gpu {
        // A GPU the region offers, in a count its machines take; scikit-learn trains on the CPU.
        let offered: Vec<_> = AVAILABILITY
            .iter()
            .filter(|a| a.regions.contains(&c.region))
            .collect();
        if c.framework != Framework::ScikitLearn && !offered.is_empty() {
            let a = offered[row % offered.len()];
            q.model.training.accelerator = a.accelerator;
            q.model.training.accelerator_count = Some(a.counts[count % a.counts.len()]);
        }
    }
    q.practices.can_manage_iam = c.can_manage_iam;
    q.practices.experiment_tracking = c.tracking;
    q.business.executive_sponsor = c.sponsor;
    q.serving.mode = c.serving;
    let online = c.serving != ServingMode::Batch;
    q.serving.batch_output = (c.serving != ServingMode::Online).then(|| {
        if c.batch_to_bigquery {
            BatchOutput::Bigquery {
                table: "scores".into(),
            }
        } else {
            BatchOutput::CloudStorage {
                prefix: "batch/scores".into(),
            }
        }
    });
    q.serving.latency_p95_ms = online.then_some(200);
    q.serving.peak_qps = online.then_some(40);
    q.serving.rollout.strategy = if c.canary && online {
        RolloutStrategy::Canary
    } else {
        RolloutStrategy::Direct
    };
    q.serving.rollout.canary_traffic_percent =
        (q.serving.rollout.strategy == RolloutStrategy::Canary).then_some(20);
    q.serving.rollout.manual_approval = c.approval;
    q.gcp.region = c.region.into();
    q.gcp.environments = c
        .environments
        .iter()
        .map(|e| Environment {
            name: *e,
            project_id: format!("credseg-ml-{}", e.as_str()),
        })
        .collect();
    q.gcp.network.mode = c.network;
    q.gcp.network.vpc = (c.network != NetworkMode::Default).then(|| "credseg-ml-vpc".into());
    q.gcp.network.host_project_id =
        (c.network == NetworkMode::SharedVpc).then(|| "credseg-net-host".into());
    q.gcp.cmek.enabled = c.cmek;
    q.gcp.cmek.key_location = c.cmek.then(|| c.region.into());
    q.gcp.vpc_service_controls.enabled = c.vpc_sc;
    q.gcp.vpc_service_controls.perimeter = c.vpc_sc.then(|| "credseg_ml_perimeter".into());
    let r = &mut q.operations.retraining;
    r.triggers.clone_from(&c.triggers);
    let scheduled = c.triggers.contains(&RetrainingTrigger::Schedule);
    r.schedule = scheduled.then(|| "0 6 * * 1".into());
    r.timezone = scheduled.then(|| "America/Sao_Paulo".into());
    q
}

fn yaml(q: &Questionnaire) -> String {
    to_yaml(&serde_json::to_value(q).expect("a questionnaire serializes"))
}

// ---------------------------------------------------------------------------------------------------
// invariants

fn arg<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    let at = args.iter().position(|a| a == flag)?;
    args.get(at + 1).map(String::as_str)
}

fn train_payload(doc: &Value) -> Value {
    let args = executor_args(doc, "exec-train");
    serde_json::from_str(arg(&args, "--payload").expect("train has a payload"))
        .expect("the payload is JSON")
}

/// Every parameter value the pipeline receives can be read by the step that receives it.
fn parameters_are_readable(kit: &Kit, files: &Files, problems: &mut Vec<String>) {
    let doc = spec(files, "pipelines/training_pipeline.yaml");
    let extract = executor_args(&doc, "exec-extract");
    let format = arg(&extract, "--source-format").unwrap_or("");
    let engine = arg(&extract, "--engine").unwrap_or("");
    if format != kit.data.file_format {
        problems.push(format!(
            "extract reads `{format}`, the kit decided `{}`",
            kit.data.file_format
        ));
    }
    if engine == "dataflow" && !matches!(format, "parquet" | "manifest") {
        problems.push(format!(
            "Dataflow reads Parquet or a manifest, but the source holds `{format}`"
        ));
    }
    let batch = executor_args(&doc, "exec-batch-predict");
    let input_format = arg(&batch, "--input-format");
    // BigQuery jobs read the training table in its dataset's location; Vertex AI jobs of the region
    // read it in place only where that location serves the region.
    if let Some(location) = &kit.data.primary.location {
        if arg(&extract, "--bigquery-location") != Some(location.as_str()) {
            problems.push(format!(
                "extract queries the table outside its location `{location}`"
            ));
        }
        let serves =
            mlops_kit::questionnaire::names::bigquery_location_serves(location, &kit.region);
        if input_format == Some("bigquery") && !serves {
            problems.push(format!(
                "batch prediction in `{}` reads a table in `{location}`",
                kit.region
            ));
        }
        if !kit.workload.monitoring_training_data_uri.is_empty() && !serves {
            problems.push(format!(
                "Model Monitoring in `{}` takes a skew baseline in `{location}`",
                kit.region
            ));
        }
    }
    for env in &kit.environments {
        let values = &env.pipeline_values["training"];
        for pipeline in &kit.pipelines {
            for p in &pipeline.parameters {
                let Some(v) = env.pipeline_values[&pipeline.key].get(&p.name) else {
                    problems.push(format!("{}: `{}` has no value", env.name, p.name));
                    continue;
                };
                let typed = match p.kind.as_str() {
                    "STRING" => v.as_str().is_some_and(|s| {
                        !s.is_empty() || matches!(p.name.as_str(), "encryption_key" | "network")
                    }),
                    "NUMBER_DOUBLE" => v.is_number(),
                    "NUMBER_INTEGER" => v.is_u64() || v.is_i64(),
                    "BOOLEAN" => v.is_boolean(),
                    _ => false,
                };
                if !typed {
                    problems.push(format!(
                        "{}: `{}` = {v} is not a usable {}",
                        env.name, p.name, p.kind
                    ));
                }
            }
        }
        let source = values["source_uri"].as_str().unwrap_or("");
        let readable = match format {
            "bigquery" => source.starts_with("bq://"),
            "csv" => source.starts_with("gs://") || source.starts_with("cloudsql://"),
            _ => source.starts_with("gs://"),
        };
        if !readable {
            problems.push(format!(
                "{}: extract cannot read `{source}` as `{format}`",
                env.name
            ));
        }
        if let Some(landing) = &env.buckets.landing
            && !source.starts_with(&format!("gs://{landing}/"))
        {
            problems.push(format!(
                "{}: a landing bucket exists but the pipeline reads `{source}`",
                env.name
            ));
        }
        // Batch parameters exist where the training run itself scores (without a manual approval).
        if let Some(input) = values.get("batch_input_uri") {
            let input = input.as_str().unwrap_or("");
            let ok = match input_format {
                Some("bigquery") => input.starts_with("bq://"),
                Some("csv" | "jsonl") => input.starts_with("gs://"),
                _ => false,
            };
            if !ok {
                problems.push(format!(
                    "{}: batch prediction cannot read `{input}` as {input_format:?}",
                    env.name
                ));
            }
            let output = values
                .get("batch_output_uri")
                .and_then(Value::as_str)
                .unwrap_or("");
            if !(output.starts_with("bq://") || output.starts_with("gs://")) {
                problems.push(format!("{}: batch output `{output}`", env.name));
            }
        }
        // The values Terraform hands to continuous training are the model's.
        let tf = files
            .get(&format!("terraform/environments/{}/main.tf", env.name))
            .map_or("", String::as_str);
        if !tf.contains(&format!("\"{source}\"")) {
            problems.push(format!(
                "{}: terraform does not pass source_uri `{source}`",
                env.name
            ));
        }
    }
}

/// Documents state the same machine count, device, environments and source as Terraform and the
/// pipeline spec.
fn documents_agree(kit: &Kit, files: &Files, problems: &mut Vec<String>) {
    let doc = spec(files, "pipelines/training_pipeline.yaml");
    let payload = train_payload(&doc);
    let pools = payload["job_spec"]["worker_pool_specs"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let machines: u64 = pools
        .iter()
        .map(|p| p["replica_count"].as_u64().unwrap_or(0))
        .sum();
    let readme = &files["README.md"];
    let architecture = &files["docs/architecture.md"];
    if machines != u64::from(kit.model.replica_count) {
        problems.push(format!(
            "the training job runs {machines} machine(s), the model says {}",
            kit.model.replica_count
        ));
    }
    for (name, text) in [
        ("README.md", readme),
        ("docs/architecture.md", architecture),
    ] {
        if !text.contains(&format!("{machines} machine(s)")) {
            problems.push(format!("{name} does not say {machines} machine(s)"));
        }
        let spec_gpu = pools
            .first()
            .and_then(|p| p["machine_spec"]["accelerator_type"].as_str());
        match spec_gpu {
            Some(gpu) if !text.contains(gpu) => {
                problems.push(format!("{name} does not name the GPU {gpu}"));
            }
            None if text.contains("NVIDIA_") => {
                problems.push(format!("{name} names a GPU the job does not request"));
            }
            _ => {}
        }
    }
    if !architecture.contains(&kit.workload.docs.source_title) {
        problems.push("docs/architecture.md does not say where the data is read".to_owned());
    }
    let present: BTreeSet<&str> = kit.environments.iter().map(|e| e.name.as_str()).collect();
    for env in &kit.environments {
        if !readme.contains(&env.project_id) {
            problems.push(format!("README.md does not list {}", env.project_id));
        }
    }
    for absent in ["dev", "staging", "prod"]
        .into_iter()
        .filter(|n| !present.contains(n))
    {
        if files
            .keys()
            .any(|p| p.starts_with(&format!("terraform/environments/{absent}/")))
        {
            problems.push(format!("Terraform has a root for the absent `{absent}`"));
        }
        for (path, text) in docs(files) {
            if text.contains(&format!("`{absent}`")) {
                problems.push(format!("{path} names the absent environment `{absent}`"));
            }
        }
    }
}

/// Every GPU the job requests is selected by the framework code and supported by the image.
fn gpus_are_used(kit: &Kit, files: &Files, problems: &mut Vec<String>) {
    let model = files
        .get("src/ml_pipeline/model.py")
        .map_or("", String::as_str);
    let requirements = &files["requirements.txt"];
    let gpu = kit.features.gpu_training;
    match kit.model.framework.as_str() {
        "xgboost" => {
            let device = if gpu { "cuda" } else { "cpu" };
            if !model.contains(&format!("\"device\": \"{device}\"")) {
                problems.push(format!("XGBoost does not train on `{device}`"));
            }
        }
        "tensorflow" if gpu && !requirements.contains("tensorflow[and-cuda]==") => {
            problems.push("TensorFlow on GPUs without its CUDA libraries".to_owned());
        }
        "pytorch" if gpu && !model.contains("torch.cuda.is_available()") => {
            problems.push("PyTorch does not select the GPU".to_owned());
        }
        "scikit_learn" if gpu => {
            problems.push("scikit-learn cannot use the GPUs it requests".to_owned());
        }
        _ => {}
    }
}

/// Every generated Python module and every Terraform resource and data source
/// ([`terraform_resources_have_consumers`]) have a consumer.
fn everything_has_a_consumer(kit: &Kit, files: &Files, problems: &mut Vec<String>) {
    let package = &kit.workload.package;
    for path in unconsumed_python_modules(package, files, Vec::new()) {
        problems.push(format!("{path} is shipped but nothing runs or imports it"));
    }
    terraform_resources_have_consumers(files, problems);
    let terraform: String = files
        .iter()
        .filter(|(p, _)| has_ext(p, "tf"))
        .map(|(_, t)| t.as_str())
        .collect();
    if terraform.contains("google_vertex_ai_tensorboard") {
        problems.push("a TensorBoard is created that no training code writes to".to_owned());
    }
    if terraform.contains("resource \"google_vertex_ai_endpoint\"") != kit.features.online_serving {
        problems.push("the endpoint exists without online serving, or the reverse".to_owned());
    }
    if kit.environments.iter().any(|e| e.buckets.landing.is_some()) != kit.data.must_land {
        problems.push("landing buckets exist but the pipeline does not read them".to_owned());
    }
    if terraform.contains("downstream_deploy_members") != kit.features.promotion {
        problems.push("promotion grants without a later environment".to_owned());
    }
}

/// The paths of the package's modules that nothing consumes. A module is consumed when a file
/// outside the package (a script, Dockerfile, pipeline spec, build config or document; never a test)
/// runs or names it, or when a consumed module imports or runs it (`excused` count as consumed).
fn unconsumed_python_modules(package: &str, files: &Files, excused: Vec<String>) -> Vec<String> {
    let modules = python_modules(package, files);
    let mut consumed: BTreeSet<String> = excused.into_iter().collect();
    for (path, text) in files {
        let outside = !path.starts_with("tests/")
            && !path.starts_with(".mlops-kit/")
            && !modules.values().any(|p| p == path);
        if outside {
            consumed.extend(python_references(package, None, text, &modules));
        }
    }
    let mut pending: Vec<String> = consumed.iter().cloned().collect();
    while let Some(module) = pending.pop() {
        let Some(path) = modules.get(&module) else {
            continue;
        };
        for reached in python_references(package, Some(&module), &files[path], &modules) {
            if consumed.insert(reached.clone()) {
                pending.push(reached);
            }
        }
    }
    modules
        .into_iter()
        .filter(|(module, _)| module != package && !consumed.contains(module))
        .map(|(_, path)| path)
        .collect()
}

/// The kit's Python modules by dotted name (`pkg.sub.mod`; a folder's `__init__.py` is `pkg.sub`,
/// its `__main__.py` is `pkg.sub.__main__`), with their paths.
fn python_modules(package: &str, files: &Files) -> BTreeMap<String, String> {
    files
        .keys()
        .filter_map(|path| {
            let relative = path
                .strip_prefix(&format!("src/{package}/"))?
                .strip_suffix(".py")?;
            let relative = relative.strip_suffix("/__init__").unwrap_or(relative);
            let dotted = if relative == "__init__" {
                package.to_owned()
            } else {
                format!("{package}.{}", relative.replace('/', "."))
            };
            Some((dotted, path.clone()))
        })
        .collect()
}

/// The modules of `package` that a file imports or runs: every dotted name it mentions (`python -m
/// pkg.mod`, `import pkg.mod`, `"pkg.mod"` in a command line) with the packages above it, the
/// `__main__` of a package it runs with `-m`, the modules named by `from pkg.sub import a, b`, and,
/// in a module (`importer`), its relative imports.
fn python_references(
    package: &str,
    importer: Option<&str>,
    text: &str,
    modules: &BTreeMap<String, String>,
) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    // A dotted name reaches its module and the packages above it (Python imports those first).
    let reach = |dotted: &str, found: &mut BTreeSet<String>| {
        let mut prefix = String::new();
        for part in dotted.split('.') {
            if !prefix.is_empty() {
                prefix.push('.');
            }
            prefix.push_str(part);
            if modules.contains_key(&prefix) {
                found.insert(prefix.clone());
            }
        }
    };
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    for word in text
        .split(|c: char| !is_name(c))
        .map(|w| w.trim_end_matches('.'))
    {
        if word == package || word.starts_with(&format!("{package}.")) {
            reach(word, &mut found);
            let main = format!("{word}.__main__");
            if modules.contains_key(&main) && text.contains(&format!("-m {word}")) {
                found.insert(main);
            }
        }
    }
    for line in text.lines().map(str::trim) {
        let Some((from, names)) = line
            .strip_prefix("from ")
            .and_then(|rest| rest.split_once(" import "))
        else {
            continue;
        };
        let relative = from.trim_start_matches('.');
        let dots = from.len() - relative.len();
        let base = if dots == 0 {
            from.to_owned()
        } else {
            let Some(importer) = importer else { continue };
            // `from . import x` in `pkg/sub/mod.py` (or in `pkg/sub/__init__.py`) is `pkg.sub.x`.
            let mut parts: Vec<&str> = importer.split('.').collect();
            let in_init = modules[importer].ends_with("/__init__.py");
            let keep = (parts.len() + usize::from(in_init)).saturating_sub(dots);
            parts.truncate(keep);
            if !relative.is_empty() {
                parts.push(relative);
            }
            parts.join(".")
        };
        reach(&base, &mut found);
        for name in names.trim_matches(['(', ')']).split(',') {
            let name = name.split_whitespace().next().unwrap_or_default();
            let candidate = format!("{base}.{name}");
            if modules.contains_key(&candidate) {
                found.insert(candidate);
            }
        }
    }
    found
}

/// Resource types whose whole purpose is an effect on Google Cloud, not a thing another part of the
/// kit uses: grants (`*_iam_member`, `*_iam_binding`, `*_iam_policy`), API enablement and service
/// agents, audit-log configs, alert policies and log sinks, dataset authorizations, perimeters and
/// organization policies, firewall rules and the private peering with Google services (and its
/// VPC Service Controls switch). Such a resource is consumed by existing.
fn is_effect(kind: &str) -> bool {
    kind.ends_with("_iam_member")
        || kind.ends_with("_iam_binding")
        || kind.ends_with("_iam_policy")
        || kind.ends_with("_iam_audit_config")
        || matches!(
            kind,
            "google_project_service"
                | "google_project_service_identity"
                | "google_monitoring_alert_policy"
                | "google_logging_project_sink"
                | "google_bigquery_dataset_access"
                | "google_access_context_manager_service_perimeter"
                | "google_access_context_manager_service_perimeter_resource"
                | "google_org_policy_policy"
                | "google_project_organization_policy"
                | "google_compute_firewall"
                | "google_service_networking_connection"
                | "google_service_networking_vpc_service_controls"
        )
}

/// Resource types that start work on their own: build triggers, schedules, event routes, push
/// subscriptions, bucket notifications. Each is consumed by what it runs, which must exist: a build trigger names a build
/// config of the kit (the others name their targets by reference, which makes those consumed).
fn is_entry_point(kind: &str) -> bool {
    matches!(
        kind,
        "google_cloudbuild_trigger"
            | "google_cloud_scheduler_job"
            | "google_eventarc_trigger"
            | "google_pubsub_subscription"
            | "google_storage_notification"
            | "google_colab_schedule"
            | "google_vertex_ai_schedule"
    )
}

/// Every resource and data source of the kit's Terraform has a consumer. The rule, per block:
/// - an effect ([`is_effect`]) is its own purpose;
/// - an entry point ([`is_entry_point`]) is consumed by what it starts; a build trigger's config
///   file must be one the kit ships;
/// - anything else (buckets, datasets, accounts, registries, keys, topics, networks, endpoints,
///   secrets, data sources ...) must be referenced as `TYPE.NAME` (`data.TYPE.NAME`) by another
///   block or output of the same root or module, or be handed on by name: its literal name or
///   id appears in a file outside Terraform (a script, build config, pipeline, Python module or a
///   runbook step a person follows).
fn terraform_resources_have_consumers(files: &Files, problems: &mut Vec<String>) {
    let tf: Vec<(&String, &String)> = files
        .iter()
        .filter(|(p, _)| has_ext(p, "tf") && !p.starts_with(".mlops-kit/"))
        .collect();
    let elsewhere: Vec<&String> = files
        .iter()
        .filter(|(p, _)| !has_ext(p, "tf") && !p.starts_with(".mlops-kit/"))
        .map(|(_, t)| t)
        .collect();
    for (path, text) in &tf {
        // References resolve within one root or module: the folder of the file.
        let folder = path.rsplit_once('/').map_or("", |(d, _)| d);
        let scope: Vec<&String> = tf
            .iter()
            .filter(|(p, _)| p.rsplit_once('/').map_or("", |(d, _)| d) == folder)
            .map(|(_, t)| *t)
            .collect();
        let body = match hcl::parse(text) {
            Ok(body) => body,
            Err(e) => {
                problems.push(format!("{path} is not HCL: {e}"));
                continue;
            }
        };
        for block in body.blocks() {
            let labels: Vec<&str> = block.labels().iter().map(hcl::BlockLabel::as_str).collect();
            let (address, kind) = match (block.identifier(), labels.as_slice()) {
                ("resource", [kind, name]) => (format!("{kind}.{name}"), *kind),
                ("data", [kind, name]) => (format!("data.{kind}.{name}"), *kind),
                _ => continue,
            };
            if block.identifier() == "resource" && is_effect(kind) {
                continue;
            }
            if block.identifier() == "resource" && is_entry_point(kind) {
                if kind == "google_cloudbuild_trigger" {
                    let config = block.body().attributes().find(|a| a.key() == "filename");
                    if let Some(hcl::Expression::String(config)) = config.map(hcl::Attribute::expr)
                        && !files.contains_key(config)
                    {
                        problems.push(format!(
                            "{path}: {address} runs {config}, which the kit does not ship"
                        ));
                    }
                }
                continue;
            }
            let referenced = scope.iter().any(|t| {
                t.match_indices(&address).any(|(at, _)| {
                    let before = t[..at].chars().next_back();
                    let after = t[at + address.len()..].chars().next();
                    !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                        && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            });
            if referenced {
                continue;
            }
            let named = block.body().attributes().any(|a| {
                matches!(
                    a.key(),
                    "name" | "account_id" | "dataset_id" | "repository_id" | "secret_id" | "display_name" | "role_id" | "template_id"
                ) && matches!(a.expr(), hcl::Expression::String(n) if n.len() > 3 && elsewhere.iter().any(|t| t.contains(n.as_str())))
            });
            if !named {
                problems.push(format!(
                    "{path}: {address} has no consumer (nothing references it, names it or runs it)"
                ));
            }
        }
    }
}

fn has_ext(path: &str, ext: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// The documents a client reads.
fn docs(files: &Files) -> impl Iterator<Item = (&String, &String)> {
    files
        .iter()
        .filter(|(p, _)| !p.starts_with(".mlops-kit/") && has_ext(p, "md"))
}

/// No sentence of the assessment or the docs names an environment, feature or capability the kit
/// does not have.
fn no_sentence_promises_what_is_missing(kit: &Kit, files: &Files, problems: &mut Vec<String>) {
    let f = &kit.features;
    let mut never: Vec<(&str, &str)> = vec![
        ("TensorBoard", "no TensorBoard exists"),
        ("development only", "the kit is generated as answered"),
    ];
    if !f.promotion {
        never.extend([
            ("promotion by image digest", "one environment"),
            ("later environments", "one environment"),
            ("what staging tested", "one environment"),
        ]);
    }
    if !f.landing_bucket {
        never.push(("landing bucket", "no landing bucket"));
        never.push((
            "Training data is not in Google Cloud",
            "the read source is in Google Cloud",
        ));
    }
    if !f.team_manages_iam {
        never.push((
            "You can create service accounts and IAM grants",
            "the team cannot manage IAM",
        ));
    }
    if !f.batch_serving {
        never.push(("batch_predict", "no batch serving"));
    }
    if !f.cmek {
        never.push(("What the customer-managed key encrypts", "no CMEK"));
    }
    for (path, text) in docs(files) {
        for (phrase, why) in &never {
            if text.contains(phrase) {
                problems.push(format!("{path} says `{phrase}` ({why})"));
            }
        }
    }
    let report = &files["docs/maturity-report.md"];
    let cmek_missing = report.contains("without customer-managed encryption keys")
        || report.contains("without encryption keys or a service perimeter");
    let perimeter_missing = report.contains("without a service perimeter")
        || report.contains("without encryption keys or a service perimeter");
    if (cmek_missing && f.cmek) || (perimeter_missing && f.vpc_service_controls) {
        problems.push("the controls blocker names a control the kit has".to_owned());
    }
}

fn check(c: &Choices) -> Result<(), TestCaseError> {
    let q = questionnaire(c);
    let text = yaml(&q);
    let loaded = load_str("generated.yaml", &text).map_err(|invalid| {
        TestCaseError::fail(format!(
            "the generator made an invalid questionnaire:\n{invalid}\n---\n{text}"
        ))
    })?;
    let q = loaded.questionnaire;
    let kit = resolve(&q);
    let files = mlops_kit::render::render_model(&kit, &q, &BlueprintSource::Embedded)
        .map_err(|e| TestCaseError::fail(format!("render failed: {e:#}\n---\n{text}")))?;
    let mut problems = Vec::new();
    parameters_are_readable(&kit, &files, &mut problems);
    documents_agree(&kit, &files, &mut problems);
    gpus_are_used(&kit, &files, &mut problems);
    everything_has_a_consumer(&kit, &files, &mut problems);
    no_sentence_promises_what_is_missing(&kit, &files, &mut problems);
    verdict(&problems, &text)
}

/// How many questionnaires a property test generates: `MLOPS_KIT_PROPTEST_CASES`, or the default.
fn cases() -> u32 {
    std::env::var("MLOPS_KIT_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// A runner with a fixed seed (reproducible `cargo test`) and no failure file.
fn seeded_runner(cases: u32, seed: u8) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(
        config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]),
    )
}

/// The outcome of one generated case: its broken invariants, with the questionnaire that broke them.
fn verdict(problems: &[String], text: &str) -> Result<(), TestCaseError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(TestCaseError::fail(format!(
            "{} invariant(s) broken:\n- {}\n--- questionnaire (YAML) ---\n{text}",
            problems.len(),
            problems.join("\n- ")
        )))
    }
}

#[test]
fn every_generated_questionnaire_gives_a_kit_whose_files_agree() {
    let mut runner = seeded_runner(cases(), 15);
    if let Err(e) = runner.run(&choices(), |c| check(&c)) {
        panic!("{e}");
    }
}

#[test]
fn a_module_is_consumed_when_a_script_runs_it_or_a_consumed_module_imports_it() {
    let files: Files = [
        ("scripts/tool.sh", "exec python3 -m pkg.tool run \"$@\"\n"),
        ("src/pkg/__init__.py", ""),
        ("src/pkg/train.py", "from pkg import features\n"),
        ("src/pkg/features.py", ""),
        ("src/pkg/tool/__init__.py", ""),
        ("src/pkg/tool/__main__.py", "from pkg.tool import runner\n"),
        (
            "src/pkg/tool/runner.py",
            "from . import spec\nCMD = ['-m', 'pkg.tool.step']\n",
        ),
        ("src/pkg/tool/spec.py", ""),
        ("src/pkg/tool/step.py", "from .clients import install\n"),
        ("src/pkg/tool/clients.py", ""),
        ("src/pkg/tool/orphan.py", "from pkg.tool import stray\n"),
        ("src/pkg/tool/stray.py", ""),
        ("tests/test_train.py", "from pkg import train\n"),
    ]
    .into_iter()
    .map(|(p, t)| (p.to_owned(), t.to_owned()))
    .collect();
    // `train` (and `features` through it) is imported by a test only; `orphan` by nothing, and
    // `stray` only by `orphan`.
    assert_eq!(
        unconsumed_python_modules("pkg", &files, Vec::new()),
        [
            "src/pkg/features.py",
            "src/pkg/tool/orphan.py",
            "src/pkg/tool/stray.py",
            "src/pkg/train.py"
        ]
    );
    assert_eq!(
        unconsumed_python_modules("pkg", &files, vec!["pkg.train".to_owned()]),
        ["src/pkg/tool/orphan.py", "src/pkg/tool/stray.py"]
    );
}

#[test]
fn the_consumer_rule_reports_an_unused_resource_and_a_trigger_without_its_config() {
    let q = example("retail-startup");
    let mut files = super::common::render(&q);
    let mut problems = Vec::new();
    terraform_resources_have_consumers(&files, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let storage = files
        .get_mut("terraform/modules/platform/storage.tf")
        .expect("the module's buckets");
    storage.push_str(
        "\nresource \"google_storage_bucket\" \"orphan\" {\n  name     = \"lojarapida-orphan\"\n  location = var.region\n}\n",
    );
    storage.push_str(
        "\nresource \"google_cloudbuild_trigger\" \"ghost\" {\n  filename = \"cloudbuild/ghost.yaml\"\n}\n",
    );
    terraform_resources_have_consumers(&files, &mut problems);
    assert_eq!(
        problems,
        vec![
            "terraform/modules/platform/storage.tf: google_storage_bucket.orphan has no consumer (nothing references it, names it or runs it)".to_owned(),
            "terraform/modules/platform/storage.tf: google_cloudbuild_trigger.ghost runs cloudbuild/ghost.yaml, which the kit does not ship".to_owned(),
        ]
    );
}

/// The generative kits: every variant of the support assistant the platform answers differ on
/// (approach, logging and redaction, CMEK, network mode, perimeter, one or three environments)
/// keeps the invariants that apply to a kit without training: every Terraform resource and Python
/// module has a consumer, no trainer or endpoint exists, and no document promises what the kit lacks.
#[test]
fn every_generative_variant_keeps_the_invariants() {
    use mlops_kit::questionnaire::{
        Environment, EnvironmentName, GenerativeApproach, NetworkMode, PersonalDataProtection,
    };
    let base = super::common::example("genai-support");
    let mut variants: Vec<(String, Questionnaire)> = Vec::new();
    for approach in [
        GenerativeApproach::Prompt,
        GenerativeApproach::SupervisedTuning,
    ] {
        for (logging, redact) in [(true, true), (true, false), (false, false)] {
            for (network, perimeter) in [
                (NetworkMode::Default, false),
                (NetworkMode::Private, false),
                (NetworkMode::Private, true),
            ] {
                for (cmek, three) in [(true, false), (false, true)] {
                    let mut q = base.clone();
                    let g = q.generative.as_mut().expect("generative");
                    g.approach = approach;
                    if approach == GenerativeApproach::SupervisedTuning {
                        g.tuning_dataset =
                            Some("gs://casaaurora-genai-eval/support/train.jsonl".to_owned());
                        g.retrieval = None;
                    }
                    g.logging.prompts_and_responses = logging;
                    g.logging.personal_data = if redact {
                        PersonalDataProtection::Redact
                    } else {
                        PersonalDataProtection::None
                    };
                    if !redact {
                        q.data.sensitivity = mlops_kit::questionnaire::Sensitivity::None;
                    }
                    q.gcp.network.mode = network;
                    if network == NetworkMode::Private {
                        q.gcp.network.vpc = Some("casaaurora-vpc".to_owned());
                    }
                    q.gcp.vpc_service_controls.enabled = perimeter;
                    q.gcp.cmek.enabled = cmek;
                    if three {
                        q.gcp.environments = [
                            (EnvironmentName::Dev, "dev"),
                            (EnvironmentName::Staging, "stg"),
                            (EnvironmentName::Prod, "prod"),
                        ]
                        .into_iter()
                        .map(|(name, suffix)| Environment {
                            name,
                            project_id: format!("casaaurora-genai-{suffix}"),
                        })
                        .collect();
                    }
                    variants.push((
                        format!(
                            "{approach:?} logging={logging} redact={redact} {network:?} perimeter={perimeter} cmek={cmek} three={three}"
                        ),
                        q,
                    ));
                }
            }
        }
    }
    for (name, q) in variants {
        let kit = resolve(&q);
        let files = mlops_kit::render::render_model(&kit, &q, &BlueprintSource::Embedded)
            .unwrap_or_else(|e| panic!("{name}: render failed: {e:#}"));
        let mut problems = Vec::new();
        let package = &kit.generative.as_ref().expect("generative").package;
        for path in unconsumed_python_modules(package, &files, Vec::new()) {
            problems.push(format!("{path} is shipped but nothing runs or imports it"));
        }
        terraform_resources_have_consumers(&files, &mut problems);
        let terraform: String = files
            .iter()
            .filter(|(p, _)| has_ext(p, "tf"))
            .map(|(_, t)| t.as_str())
            .collect();
        for absent in [
            "resource \"google_vertex_ai_endpoint\"",
            "google_service_account.serving",
            "google_service_account.trigger",
            "google_cloud_scheduler_job",
        ] {
            if terraform.contains(absent) {
                problems.push(format!("a generative kit has {absent}"));
            }
        }
        if terraform.contains("downstream_deploy_members") != kit.features.promotion {
            problems.push("promotion grants without a later environment".to_owned());
        }
        no_sentence_promises_what_is_missing(&kit, &files, &mut problems);
        assert!(
            problems.is_empty(),
            "{name}: {} invariant(s) broken:\n- {}",
            problems.len(),
            problems.join("\n- ")
        );
    }
}

// ---------------------------------------------------------------------------------------------------
// generative questionnaires

/// Everything the generator chooses for a generative questionnaire (`model.task: generative`),
/// applied to the valid `genai-support` example.
#[derive(Debug, Clone)]
struct GenerativeChoices {
    tuning: bool,
    /// Index into the served (or, for tuning, tunable) Gemini models.
    model: usize,
    retrieval: bool,
    /// Where the evaluation set is: `None` none yet (the blocker), else its bucket and size.
    evaluation: Option<(DataBucket, Option<u32>)>,
    /// Where the tuning examples are (approach `supervised_tuning`).
    tuning_bucket: DataBucket,
    metrics: Vec<mlops_kit::questionnaire::GenAiMetric>,
    max_regression: Option<f64>,
    logging: bool,
    redact: bool,
    sensitivity: Sensitivity,
    practices: (bool, bool, bool),
    environments: Vec<EnvironmentName>,
    network: NetworkMode,
    cmek: bool,
    vpc_sc: bool,
    region: &'static str,
    can_manage_iam: bool,
    approval: bool,
    sponsor: bool,
    frequency_hours: u32,
    sampling_rate: f64,
    portuguese: bool,
    admin_project: bool,
}

/// The bucket a generative data set is in: a bucket of its own, the documents' bucket, or the same
/// bucket as the other data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DataBucket {
    Own,
    Documents,
    Shared,
}

fn data_bucket() -> impl Strategy<Value = DataBucket> {
    prop::sample::select(vec![
        DataBucket::Own,
        DataBucket::Documents,
        DataBucket::Shared,
    ])
}

fn generative_choices() -> impl Strategy<Value = GenerativeChoices> {
    use mlops_kit::questionnaire::GenAiMetric as M;
    let workload = (
        any::<bool>(),
        0usize..8,
        any::<bool>(),
        prop::option::of((data_bucket(), prop::option::of(20u32..2000))),
        data_bucket(),
        prop::sample::subsequence(
            vec![
                M::ExactMatch,
                M::Bleu,
                M::Rouge1,
                M::Rouge2,
                M::RougeL,
                M::RougeLSum,
                M::ToolCallValid,
                M::ToolNameMatch,
                M::ToolParameterKeyMatch,
                M::ToolParameterKvMatch,
                M::Groundedness,
                M::Fluency,
                M::Coherence,
                M::Safety,
                M::InstructionFollowing,
                M::CustomRubric,
            ],
            1..=5,
        ),
        prop::option::of(prop::sample::select(vec![0.0, 0.02, 0.1])),
    );
    let logging = (
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![
            Sensitivity::None,
            Sensitivity::Pseudonymised,
            Sensitivity::Personal,
            Sensitivity::SensitivePersonal,
        ]),
        (any::<bool>(), any::<bool>(), any::<bool>()),
    );
    let platform = (
        prop::sample::select(vec![
            vec![EnvironmentName::Prod],
            vec![EnvironmentName::Dev, EnvironmentName::Prod],
            vec![EnvironmentName::Staging, EnvironmentName::Prod],
            vec![
                EnvironmentName::Dev,
                EnvironmentName::Staging,
                EnvironmentName::Prod,
            ],
            vec![EnvironmentName::Dev],
        ]),
        prop::sample::select(vec![
            NetworkMode::Default,
            NetworkMode::Private,
            NetworkMode::SharedVpc,
        ]),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(REGIONS.to_vec()),
        any::<bool>(),
        any::<bool>(),
    );
    let operations = (
        any::<bool>(),
        prop::sample::select(mlops_kit::questionnaire::MONITORING_FREQUENCIES_HOURS.to_vec()),
        prop::sample::select(vec![0.01, 0.05, 0.5, 1.0]),
        any::<bool>(),
        any::<bool>(),
    );
    (workload, logging, platform, operations).prop_map(
        |(
            (tuning, model, retrieval, evaluation, tuning_bucket, metrics, max_regression),
            (logging, redact, sensitivity, practices),
            (environments, network, cmek, vpc_sc, region, can_manage_iam, approval),
            (sponsor, frequency_hours, sampling_rate, portuguese, admin_project),
        )| GenerativeChoices {
            tuning,
            model,
            retrieval,
            evaluation,
            tuning_bucket,
            metrics,
            max_regression,
            logging,
            redact,
            sensitivity,
            practices,
            environments,
            network,
            cmek,
            vpc_sc,
            region,
            can_manage_iam,
            approval,
            sponsor,
            frequency_hours,
            sampling_rate,
            portuguese,
            admin_project,
        },
    )
}

/// The generative questionnaire of a set of choices: valid by construction (checked by the loader).
fn generative_questionnaire(c: &GenerativeChoices) -> Questionnaire {
    use mlops_kit::questionnaire::gemini_models::MODELS;
    use mlops_kit::questionnaire::{
        GenerativeApproach, GenerativeMetric, PersonalDataProtection, Retrieval,
    };
    let mut q = example("genai-support");
    let documents_bucket = "casaaurora-helpcenter";
    let bucket_of = |b: DataBucket, own: &str, other: &str| match b {
        DataBucket::Own => own.to_owned(),
        DataBucket::Documents => documents_bucket.to_owned(),
        DataBucket::Shared => other.to_owned(),
    };
    let g = q.generative.as_mut().expect("the example is generative");
    let models: Vec<&str> = MODELS
        .iter()
        .filter(|m| !c.tuning || m.tunable)
        .map(|m| m.id)
        .collect();
    models[c.model % models.len()].clone_into(&mut g.base_model);
    if c.tuning {
        g.approach = GenerativeApproach::SupervisedTuning;
        g.retrieval = None;
        let bucket = bucket_of(
            c.tuning_bucket,
            "casaaurora-genai-tuning",
            "casaaurora-genai-eval",
        );
        g.tuning_dataset = Some(format!("gs://{bucket}/support/train.jsonl"));
    } else {
        g.approach = GenerativeApproach::Prompt;
        g.tuning_dataset = None;
        g.retrieval = c.retrieval.then(|| Retrieval {
            documents: format!("gs://{documents_bucket}/articles/"),
        });
    }
    let e = &mut g.evaluation;
    (e.dataset, e.size) = match c.evaluation {
        None => (None, None),
        Some((bucket, size)) => {
            let other = if c.tuning {
                bucket_of(
                    c.tuning_bucket,
                    "casaaurora-genai-tuning",
                    "casaaurora-genai-eval",
                )
            } else {
                "casaaurora-genai-eval".to_owned()
            };
            let bucket = bucket_of(bucket, "casaaurora-genai-eval", &other);
            (Some(format!("gs://{bucket}/support/eval.jsonl")), size)
        }
    };
    e.metrics = c
        .metrics
        .iter()
        .map(|m| {
            let (low, high) = m.range();
            let custom = *m == mlops_kit::questionnaire::GenAiMetric::CustomRubric;
            GenerativeMetric {
                metric: *m,
                threshold: low + (high - low) * 0.7,
                name: custom.then(|| "tone_of_voice".to_owned()),
                rubric: custom.then(|| {
                    "Score 5 when the answer is polite and offers the next step; score 1 when it is curt.".to_owned()
                }),
            }
        })
        .collect();
    e.max_regression = c.max_regression;
    g.logging.prompts_and_responses = c.logging;
    // Logged personal data must be redacted (validation refuses the rest).
    let personal = c.sensitivity >= Sensitivity::Personal;
    g.logging.personal_data = if c.redact || (c.logging && personal) {
        PersonalDataProtection::Redact
    } else {
        PersonalDataProtection::None
    };
    (
        g.practices.prompts_in_version_control,
        g.practices.human_review,
        g.practices.guardrails,
    ) = c.practices;
    q.data.sensitivity = c.sensitivity;
    q.practices.can_manage_iam = c.can_manage_iam;
    q.business.executive_sponsor = c.sponsor;
    q.serving.rollout.manual_approval = c.approval;
    q.gcp.region = c.region.into();
    q.gcp.environments = c
        .environments
        .iter()
        .map(|e| Environment {
            name: *e,
            project_id: format!("casaaurora-genai-{}", e.as_str()),
        })
        .collect();
    q.gcp.network.mode = c.network;
    q.gcp.network.vpc = (c.network != NetworkMode::Default).then(|| "casaaurora-vpc".into());
    q.gcp.network.host_project_id =
        (c.network == NetworkMode::SharedVpc).then(|| "casaaurora-net-host".into());
    q.gcp.cmek.enabled = c.cmek;
    q.gcp.cmek.key_location = c.cmek.then(|| c.region.into());
    q.gcp.vpc_service_controls.enabled = c.vpc_sc;
    q.gcp.vpc_service_controls.perimeter = c.vpc_sc.then(|| "casaaurora_perimeter".into());
    // Neither approach retrains on a trigger (validation refuses them): the example has none.
    q.operations.monitoring.frequency_hours = c.frequency_hours;
    q.operations.monitoring.sampling_rate = c.sampling_rate;
    q.client.language = c.portuguese.then_some(mlops_kit::i18n::Language::PtBr);
    q.gcp.admin_project_id = c.admin_project.then(|| "casaaurora-ops-admin".into());
    q
}

/// What a file of the trained model's kit is made of; no generative file holds any of it.
const TABULAR_MARKERS: &[&str] = &[
    "train.py",
    "import torch",
    "xgboost",
    "sklearn",
    "tensorflow",
    ".fit(",
    "target_column",
    "drift_threshold",
    "ml_pipeline",
    "bag-of-words",
    "CountVectorizer",
];

/// Every variable of every Terraform root and module is read there, and every argument a root
/// passes to the module is a variable the module declares (an argument nothing reads is a variable
/// nothing reads).
fn terraform_variables_are_used(files: &Files, problems: &mut Vec<String>) {
    use super::platform::{env_module, references, root};
    let mut dirs: BTreeSet<String> = files
        .keys()
        .filter(|p| p.starts_with("terraform/") && has_ext(p, "tf"))
        .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d.to_owned()))
        .collect();
    dirs.retain(|d| d != "terraform");
    for dir in &dirs {
        let r = root(files, dir);
        let used = references(&r.text, "var");
        for v in r.variables.keys().filter(|v| !used.contains(*v)) {
            problems.push(format!(
                "{dir}: variable `{v}` is declared but nothing reads it"
            ));
        }
        let used = references(&r.text, "local");
        for l in r.locals.iter().filter(|l| !used.contains(*l)) {
            problems.push(format!(
                "{dir}: local `{l}` is defined but nothing reads it"
            ));
        }
    }
    let module = root(files, "terraform/modules/platform");
    for dir in dirs
        .iter()
        .filter(|d| d.starts_with("terraform/environments/"))
    {
        let env = &dir["terraform/environments/".len()..];
        for a in env_module(files, env)
            .body()
            .attributes()
            .map(hcl::Attribute::key)
            .filter(|k| *k != "source")
        {
            if !module.variables.contains_key(a) {
                problems.push(format!(
                    "{dir}: passes `{a}`, which the module does not declare"
                ));
            }
        }
    }
}

/// The invariants of a generative kit: the consumers of every Python module and Terraform resource,
/// every Terraform variable read, no trained model's code or resources, pipeline specs wired to the
/// package's modules and agreeing with the kit model, documents that name what exists and nothing
/// that does not.
fn generative_kit_problems(kit: &Kit, files: &Files) -> Vec<String> {
    let mut problems = Vec::new();
    let g = kit.generative.as_ref().expect("generative");
    for path in unconsumed_python_modules(&g.package, files, Vec::new()) {
        problems.push(format!("{path} is shipped but nothing runs or imports it"));
    }
    terraform_resources_have_consumers(files, &mut problems);
    terraform_variables_are_used(files, &mut problems);
    let terraform: String = files
        .iter()
        .filter(|(p, _)| has_ext(p, "tf"))
        .map(|(_, t)| t.as_str())
        .collect();
    for absent in [
        "resource \"google_vertex_ai_endpoint\"",
        "google_service_account.serving",
        "google_service_account.trigger",
        "google_service_account.trainer",
        "google_cloud_scheduler_job",
        "google_pubsub_topic",
    ] {
        if terraform.contains(absent) {
            problems.push(format!("a generative kit has {absent}"));
        }
    }
    if terraform.contains("downstream_deploy_members") != kit.features.promotion {
        problems.push("promotion grants without a later environment".to_owned());
    }
    for (path, contents) in files.iter().filter(|(p, _)| !p.starts_with(".mlops-kit/")) {
        for marker in TABULAR_MARKERS {
            if path.contains(marker) || contents.contains(marker) {
                problems.push(format!("{path} holds the trained model's `{marker}`"));
            }
        }
    }
    // The pipeline specs are the model's pipelines, wired to modules of the package.
    let on_disk: BTreeSet<&str> = files
        .keys()
        .filter(|p| p.starts_with("pipelines/"))
        .map(String::as_str)
        .collect();
    let listed: BTreeSet<&str> = g.pipelines.iter().map(|p| p.file.as_str()).collect();
    if on_disk != listed {
        problems.push(format!(
            "pipeline specs {on_disk:?}, the kit model lists {listed:?}"
        ));
    }
    for pipeline in g.pipelines.iter().filter(|p| files.contains_key(&p.file)) {
        let doc = spec(files, &pipeline.file);
        let at = &pipeline.file;
        if doc["pipelineInfo"]["name"] != pipeline.name.as_str() {
            problems.push(format!("{at}: named {}", doc["pipelineInfo"]["name"]));
        }
        super::workload::check_dag(
            &doc,
            &doc["root"]["dag"],
            &doc["root"]["inputDefinitions"],
            at,
            &mut problems,
        );
        let dag = serde_json::to_string(&doc["root"]["dag"]).expect("json");
        for p in &pipeline.parameters {
            if !dag.contains(&format!("\"componentInputParameter\":\"{}\"", p.name)) {
                problems.push(format!("{at}: parameter {} is never read", p.name));
            }
        }
        let executors = doc["deploymentSpec"]["executors"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for (label, executor) in &executors {
            let container = &executor["container"];
            if container["image"] != g.components_image_ref.as_str() {
                problems.push(format!("{at} {label}: image {}", container["image"]));
            }
            let module = container["command"][2].as_str().unwrap_or_default();
            let path = format!("src/{}.py", module.replace('.', "/"));
            let Some(source) = files.get(&path) else {
                problems.push(format!("{at} {label}: runs {module}, which the kit lacks"));
                continue;
            };
            let (declared, required) = super::generative::argparse_flags(source);
            let passed: BTreeSet<String> = executor_args(&doc, label)
                .into_iter()
                .filter(|a| a.starts_with("--"))
                .collect();
            for flag in passed.difference(&declared) {
                problems.push(format!("{at} {label}: {module} does not declare {flag}"));
            }
            for flag in required.difference(&passed) {
                problems.push(format!("{at} {label}: {module} requires {flag}"));
            }
        }
    }
    // An image from outside the kit is copied (and asked an egress rule for) only when a pipeline
    // step runs it: every step of a generative pipeline runs the kit's components image.
    let gcpc = mlops_kit::kit::workload::GCPC_IMAGE;
    let gcpc_name = gcpc.split(':').next().unwrap_or(gcpc);
    if !on_disk.iter().any(|p| files[*p].contains(gcpc_name)) {
        for (path, text) in files.iter().filter(|(p, _)| !p.starts_with(".mlops-kit/")) {
            if text.contains(gcpc_name) {
                problems.push(format!(
                    "{path} names {gcpc_name}, which no pipeline step runs"
                ));
            }
        }
    }
    // The traffic evaluation samples at least the traffic of the longest gap between its runs.
    for env in &kit.environments {
        let main = &files[&format!("terraform/environments/{}/main.tf", env.name)];
        if let Some(window) = main
            .lines()
            .find_map(|l| l.trim().strip_prefix("window_hours"))
            .and_then(|v| {
                v.trim()
                    .trim_start_matches('=')
                    .trim()
                    .trim_matches('"')
                    .parse::<u32>()
                    .ok()
            })
        {
            let gap = longest_gap_hours(&kit.monitoring.cron);
            if window < gap {
                problems.push(format!(
                    "{}: the traffic evaluation runs on `{}` (up to {gap} h apart) but samples {window} h",
                    env.name, kit.monitoring.cron
                ));
            }
        }
    }
    // Documents name every project, no absent environment, and nothing the kit lacks.
    let readme = &files["README.md"];
    for env in &kit.environments {
        if !readme.contains(&env.project_id) {
            problems.push(format!("README.md does not list {}", env.project_id));
        }
    }
    let present: BTreeSet<&str> = kit.environments.iter().map(|e| e.name.as_str()).collect();
    for absent in ["dev", "staging", "prod"]
        .into_iter()
        .filter(|n| !present.contains(n))
    {
        if files
            .keys()
            .any(|p| p.starts_with(&format!("terraform/environments/{absent}/")))
        {
            problems.push(format!("Terraform has a root for the absent `{absent}`"));
        }
        for (path, text) in docs(files) {
            if text.contains(&format!("`{absent}`")) {
                problems.push(format!("{path} names the absent environment `{absent}`"));
            }
        }
    }
    no_sentence_promises_what_is_missing(kit, files, &mut problems);
    problems
}

/// The longest time between two runs of a five-field cron expression of the forms the kit writes
/// (`0 * * * *`, `0 */H * * *`, `0 0 * * *`, `0 0 */D * *`, `0 0 * * D`), in hours.
fn longest_gap_hours(cron: &str) -> u32 {
    let fields: Vec<&str> = cron.split_whitespace().collect();
    match fields.as_slice() {
        [_, "*", "*", "*", "*"] => 1,
        [_, hours, "*", "*", "*"] => hours.strip_prefix("*/").map_or(24, |h| {
            let h: u32 = h.parse().unwrap_or(24);
            // Runs at 0, h, 2h, ... of each day: the last gap of the day is shorter, never longer.
            h
        }),
        [_, _, days, "*", "*"] => days
            .strip_prefix("*/")
            .map_or(24, |d| d.parse::<u32>().unwrap_or(1) * 24),
        [_, _, "*", "*", _] => 168,
        _ => u32::MAX,
    }
}

fn check_generative(c: &GenerativeChoices) -> Result<(), TestCaseError> {
    let q = generative_questionnaire(c);
    // The monitoring thresholds are tabular answers (refused for a generative model); the model
    // holds their defaults, which the YAML leaves out as a user would.
    let mut value = serde_json::to_value(&q).expect("a questionnaire serializes");
    if let Some(monitoring) = value["operations"]["monitoring"].as_object_mut() {
        monitoring.remove("drift_threshold");
        monitoring.remove("skew_threshold");
    }
    let text = to_yaml(&value);
    let loaded = load_str("generated.yaml", &text).map_err(|invalid| {
        TestCaseError::fail(format!(
            "the generator made an invalid generative questionnaire:\n{invalid}\n---\n{text}"
        ))
    })?;
    let q = loaded.questionnaire;
    let kit = resolve(&q);
    let render = || {
        mlops_kit::render::render_model(&kit, &q, &BlueprintSource::Embedded)
            .map_err(|e| TestCaseError::fail(format!("render failed: {e:#}\n---\n{text}")))
    };
    let files = render()?;
    let mut problems = generative_kit_problems(&kit, &files);
    if render()? != files {
        problems.push("two renders of the same answers differ".to_owned());
    }
    verdict(&problems, &text)
}

/// Generative questionnaires are their own share of the generated cases (half as many as the
/// trained models'): every approach, Gemini model, metric mix, evaluation and tuning set location,
/// logging and redaction, sensitivity, network mode (shared VPC too), perimeter, CMEK, region,
/// environments, approval, monitoring frequency, language and admin project the questionnaire
/// allows.
#[test]
fn every_generated_generative_questionnaire_gives_a_kit_whose_files_agree() {
    let mut runner = seeded_runner(cases().div_ceil(2), 11);
    if let Err(e) = runner.run(&generative_choices(), |c| check_generative(&c)) {
        panic!("{e}");
    }
}
