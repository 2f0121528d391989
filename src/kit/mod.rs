//! The resolved kit model: the questionnaire decided once into every name and switch the kit needs.
//!
//! Every renderer (Terraform, Cloud Build, pipeline specs, Dockerfiles, docs) reads only [`Kit`], so a
//! bucket, service account, repository, image or pipeline parameter has one name everywhere by
//! construction. Business rules (naming, sizing, which features a client gets) live here and in the
//! sub-modules, never in templates: [`platform`] decides IAM, triggers and infrastructure details,
//! [`workload`] the ML pipeline and serving details.

pub mod generative;
pub mod naming;
pub mod platform;
pub mod workload;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::questionnaire::{
    Accelerator, BatchOutput, DataSource, DataVolume, Framework, Metric, NetworkMode,
    Questionnaire, RepositoryHost, RetrainingTrigger, RolloutStrategy, ServingMode, Task,
};

/// The workload a kit carries on the shared platform (projects, state, repository connection,
/// Cloud Build, Artifact Registry, CMEK, private network, alerting): it decides which workload files
/// the renderer emits ([`crate::render`]) and which identities, grants and APIs the platform has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkloadKind {
    /// A model the kit trains and serves (tabular, image or text): [`workload`].
    Trained,
    /// An LLM application on a Gemini model, with versioned prompts or a tuned model and
    /// evaluation-gated releases: [`generative`].
    Generative,
}

/// The whole kit, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Kit {
    /// mlops-kit version that resolved this model (written in file headers).
    pub tool_version: String,
    /// Which workload the kit carries.
    pub kind: WorkloadKind,
    /// The generative workload (`kind: generative` only); the tabular fields below (`model`,
    /// `serving`, `monitoring`, `retraining`, `workload`) then hold neutral values and every feature
    /// of a trained model is off.
    pub generative: Option<generative::GenerativeWorkload>,
    /// Questionnaire format version.
    pub questionnaire_version: u32,
    /// Language of the kit's client-facing documents (README, docs, maturity report); code,
    /// resource names and comments in Terraform, YAML, Python and Dockerfiles stay English.
    pub language: crate::i18n::Language,
    /// Who the kit is for.
    pub client: ClientInfo,
    /// Business framing, for docs.
    pub business: BusinessInfo,
    /// Primary region of every regional resource.
    pub region: String,
    /// Multi-region (`us`, `europe`, `asia`) of Google's prebuilt container images nearest the region.
    pub container_multi_region: String,
    /// Numeric organization id, if any.
    pub organization_id: Option<String>,
    /// Numeric folder id, if any.
    pub folder_id: Option<String>,
    /// Labels on every resource (client labels plus `managed-by` and `client`).
    pub labels: BTreeMap<String, String>,
    /// Environments in promotion order.
    pub environments: Vec<Env>,
    /// Name of the environment whose project runs pull-request CI (the first one).
    pub ci_environment: String,
    /// Name of the environment that runs continuous training against real data (the last one).
    pub training_environment: String,
    /// The source repository and its Cloud Build connection.
    pub repository: Repository,
    /// Names shared by every environment.
    pub names: Names,
    /// Feature switches.
    pub features: Features,
    /// What is trained.
    pub model: ModelInfo,
    /// Where training data comes from.
    pub data: DataInfo,
    /// Serving settings.
    pub serving: ServingInfo,
    /// Drift and skew monitoring.
    pub monitoring: MonitoringInfo,
    /// Continuous training triggers.
    pub retraining: RetrainingInfo,
    /// Alert recipients.
    pub alert_emails: Vec<String>,
    /// Maturity levels from the assessment.
    pub maturity: MaturityInfo,
    /// The Vertex AI pipelines of the kit.
    pub pipelines: Vec<Pipeline>,
    /// Platform details (IAM, triggers, infrastructure).
    pub platform: platform::Platform,
    /// Workload details (pipeline steps, images, serving container).
    pub workload: workload::Workload,
}

/// Who the kit is for.
#[derive(Debug, Clone, Serialize)]
pub struct ClientInfo {
    /// Display name (free text: escape where written).
    pub name: String,
    /// Short identifier used in resource names.
    pub slug: String,
    /// The slug with hyphens turned into underscores (BigQuery, Python).
    pub slug_underscored: String,
    /// Industry, snake_case.
    pub industry: String,
    /// Technical contact name.
    pub contact_name: String,
    /// Technical contact email.
    pub contact_email: String,
}

/// Business framing.
#[derive(Debug, Clone, Serialize)]
pub struct BusinessInfo {
    /// Use case (free text).
    pub use_case: String,
    /// Decision driven (free text).
    pub decision: String,
    /// KPI, if agreed.
    pub kpi: Option<crate::questionnaire::Kpi>,
    /// Cost of a wrong prediction, snake_case.
    pub cost_of_error: String,
}

/// One environment with every per-project name.
#[derive(Debug, Clone, Serialize)]
pub struct Env {
    /// `dev`, `staging` or `prod`.
    pub name: String,
    /// Google Cloud project id.
    pub project_id: String,
    /// Position in promotion order, from 0.
    pub position: usize,
    /// Whether this is the production environment (the last one).
    pub is_production: bool,
    /// The environment this one is promoted from (the previous one), if any.
    pub promoted_from: Option<String>,
    /// The environment promoted from this one (the next one), if any.
    pub promotes_to: Option<String>,
    /// Whether a person must approve releases to this environment.
    pub approval_required: bool,
    /// Buckets of this environment.
    pub buckets: Buckets,
    /// Docker registry host path: `REGION-docker.pkg.dev/PROJECT/REPO`.
    pub docker_registry: String,
    /// KFP template registry URL: `https://REGION-kfp.pkg.dev/PROJECT/REPO`.
    pub kfp_registry: String,
    /// Full image paths (without tag or digest).
    pub images: EnvImages,
    /// Service account emails.
    pub service_accounts: ServiceAccountEmails,
    /// Cloud KMS names when CMEK is on.
    pub kms: Option<EnvKms>,
    /// Terraform state bucket of this environment alone, in the admin project.
    pub state_bucket: String,
    /// Terraform state prefix in the state bucket.
    pub state_prefix: String,
    /// Pipeline parameter values for this environment, per pipeline key.
    pub pipeline_values: BTreeMap<String, BTreeMap<String, serde_json::Value>>,
}

/// Buckets of one environment.
#[derive(Debug, Clone, Serialize)]
pub struct Buckets {
    /// Vertex AI pipeline root.
    pub pipeline_root: String,
    /// Model artifacts, datasets snapshots, batch predictions.
    pub artifacts: String,
    /// Landing zone for data still outside Google Cloud (on-premises or other clouds).
    pub landing: Option<String>,
    /// Access logs of the other buckets.
    pub access_logs: String,
}

/// Image paths of one environment.
#[derive(Debug, Clone, Serialize)]
pub struct EnvImages {
    /// Trainer / component image.
    pub trainer: String,
    /// Custom serving image, when a prebuilt Vertex container does not fit.
    pub serving: Option<String>,
}

/// Service account emails of one environment.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceAccountEmails {
    /// Runs Vertex AI pipelines.
    pub pipeline: String,
    /// Runs Cloud Build builds.
    pub build: String,
    /// Starts continuous-training builds (Cloud Scheduler, Pub/Sub).
    pub trigger: String,
    /// Identity of the serving containers.
    pub serving: String,
}

/// Cloud KMS names of one environment.
#[derive(Debug, Clone, Serialize)]
pub struct EnvKms {
    /// Key ring resource id: `projects/P/locations/L/keyRings/R`.
    pub key_ring_id: String,
    /// Key resource id used for every service: `.../cryptoKeys/K`.
    pub key_id: String,
}

/// The source repository.
#[derive(Debug, Clone, Serialize)]
pub struct Repository {
    /// Host, snake_case (`github`, `gitlab_self_managed`, ...).
    pub host: String,
    /// Human name of the host.
    pub host_title: String,
    /// HTTPS clone URL.
    pub url: String,
    /// Base URL of a self-hosted server.
    pub server_url: Option<String>,
    /// Owner / group / workspace path (e.g. `acme` or `risk/models`).
    pub owner: String,
    /// Repository name without `.git`.
    pub name: String,
    /// Cloud Build 2nd-gen connection id.
    pub connection: String,
    /// Cloud Build 2nd-gen repository id.
    pub cloudbuild_repository: String,
    /// Main branch.
    pub main_branch: String,
}

/// Names shared by every environment.
#[derive(Debug, Clone, Serialize)]
pub struct Names {
    /// Artifact Registry Docker repository id.
    pub docker_repository: String,
    /// Artifact Registry KFP repository id.
    pub kfp_repository: String,
    /// BigQuery dataset id (features, predictions, monitoring).
    pub dataset: String,
    /// Python package of the kit's components.
    pub python_package: String,
    /// Service account ids (the part before `@`).
    pub service_account_ids: ServiceAccountIds,
    /// Trainer image name inside the Docker repository.
    pub trainer_image: String,
    /// Serving image name inside the Docker repository.
    pub serving_image: String,
    /// Vertex AI endpoint display name.
    pub endpoint: String,
    /// Vertex AI model display name in the registry.
    pub model: String,
    /// Vertex AI experiment every continuous-training run is recorded in (its pipeline parameters
    /// and the evaluation metrics), in each environment's project.
    pub experiment: String,
    /// Pub/Sub topic of drift alerts.
    pub drift_topic: String,
    /// Pub/Sub topic of new-data notifications.
    pub new_data_topic: String,
    /// Cloud KMS key ring id.
    pub key_ring: String,
    /// Cloud KMS key id.
    pub crypto_key: String,
    /// Project that holds the Terraform state (and, for personal data, the masked training views):
    /// apart from every environment's project.
    pub admin_project: String,
    /// Whether the bootstrap creates the admin project (none was answered).
    pub admin_project_created: bool,
    /// Bucket of the state buckets' access logs.
    pub state_logs_bucket: String,
    /// Bucket of the bootstrap's own state (no environment's account can read it).
    pub bootstrap_state_bucket: String,
}

/// Service account ids.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceAccountIds {
    /// Pipeline runner.
    pub pipeline: String,
    /// Cloud Build.
    pub build: String,
    /// Scheduler / trigger invoker.
    pub trigger: String,
    /// Serving.
    pub serving: String,
}

/// Feature switches.
#[derive(Debug, Clone, Serialize)]
pub struct Features {
    /// A Vertex AI endpoint serves online predictions.
    pub online_serving: bool,
    /// Batch prediction jobs score data.
    pub batch_serving: bool,
    /// Canary traffic split on deploy.
    pub canary: bool,
    /// Customer-managed encryption keys.
    pub cmek: bool,
    /// VPC Service Controls perimeter.
    pub vpc_service_controls: bool,
    /// Private networking (no external IPs, private pool, private endpoint network).
    pub private_network: bool,
    /// Shared VPC from a host project.
    pub shared_vpc: bool,
    /// Retrain on a cron schedule.
    pub retrain_on_schedule: bool,
    /// Retrain when new data lands.
    pub retrain_on_new_data: bool,
    /// Retrain on drift alerts.
    pub retrain_on_drift: bool,
    /// Training data is outside Google Cloud: a landing bucket is created and the blocker reported.
    pub landing_bucket: bool,
    /// Training uses GPUs.
    pub gpu_training: bool,
    /// A custom serving image is built (no prebuilt Vertex container fits).
    pub custom_serving_image: bool,
    /// Vertex AI Model Monitoring (tabular online serving).
    pub model_monitoring: bool,
    /// Drift monitoring pipeline for batch predictions (tabular batch serving).
    pub batch_drift_monitoring: bool,
    /// Ground truth arrives, so accuracy can be tracked, not only drift.
    pub accuracy_tracking: bool,
    /// More than one environment: releases are built in the first and promoted by digest to the
    /// next ones. A single-environment kit releases from source and promotes nothing.
    pub promotion: bool,
    /// The client's team can create service accounts and IAM grants itself; otherwise its platform
    /// team applies the Terraform (the no-IAM-rights blocker).
    pub team_manages_iam: bool,
}

/// What is trained.
#[derive(Debug, Clone, Serialize)]
pub struct ModelInfo {
    /// Task, snake_case.
    pub task: String,
    /// Whether the task is tabular (classification, regression, forecasting).
    pub tabular: bool,
    /// Framework, snake_case.
    pub framework: String,
    /// Framework display name.
    pub framework_title: String,
    /// Metric, snake_case.
    pub metric: String,
    /// Whether a larger metric value is better.
    pub higher_is_better: bool,
    /// Threshold a new model must reach.
    pub threshold: f64,
    /// Label column (tabular).
    pub target_column: Option<String>,
    /// Features with their resolved drift thresholds.
    pub features: Vec<FeatureInfo>,
    /// Compute Engine machine type for training.
    pub machine_type: String,
    /// Vertex accelerator type (`NVIDIA_L4`), if any.
    pub accelerator_type: Option<String>,
    /// Accelerators per machine (0 without GPU).
    pub accelerator_count: u32,
    /// Training worker replicas (1 unless the data needs distributed training).
    pub replica_count: u32,
    /// Where data is prepared: `in_container`, `bigquery` or `dataflow`.
    pub data_preparation: String,
}

/// A model feature.
#[derive(Debug, Clone, Serialize)]
pub struct FeatureInfo {
    /// Column name.
    pub name: String,
    /// `numeric` or `categorical`.
    pub kind: String,
    /// Drift threshold (per-feature override or the default).
    pub drift_threshold: f64,
    /// Drift statistic: `jensen_shannon` or `l_infinity`.
    pub drift_statistic: String,
}

/// Where training data comes from.
#[derive(Debug, Clone, Serialize)]
pub struct DataInfo {
    /// The source the pipeline reads ([`training_source`]).
    pub primary: SourceInfo,
    /// The source the pipeline reads is outside Google Cloud: its data lands in a landing bucket
    /// first ([`data_must_land`]).
    pub must_land: bool,
    /// Format of what the extract step reads ([`training_file_format`]).
    pub file_format: String,
    /// Every answered source.
    pub sources: Vec<SourceInfo>,
    /// Volume, snake_case.
    pub volume: String,
    /// Freshness, snake_case.
    pub freshness: String,
    /// Label delay, snake_case.
    pub label_delay: String,
    /// Sensitivity, snake_case.
    pub sensitivity: String,
    /// Whether the data is personal or sensitive personal data.
    pub personal_data: bool,
    /// Regulations, snake_case.
    pub regulations: Vec<String>,
}

/// One data source, flattened for templates.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    /// `bigquery`, `cloud_storage`, `cloud_sql`, `on_premises`, `other_cloud`.
    pub kind: String,
    /// Project of a BigQuery or Cloud SQL source.
    pub project_id: Option<String>,
    /// BigQuery dataset.
    pub dataset: Option<String>,
    /// BigQuery or Cloud SQL table.
    pub table: Option<String>,
    /// Cloud Storage bucket.
    pub bucket: Option<String>,
    /// Cloud Storage prefix.
    pub prefix: Option<String>,
    /// Cloud SQL instance name.
    pub instance: Option<String>,
    /// Cloud SQL database.
    pub database: Option<String>,
    /// Description of an on-premises or other-cloud system (free text).
    pub system: Option<String>,
    /// Whether the data is already in Google Cloud.
    pub in_cloud: bool,
    /// A `gs://` or `bq://` URI the pipeline reads, when the source has one.
    pub uri: Option<String>,
    /// Location of a BigQuery source's dataset, where every BigQuery job reading it runs (the answer,
    /// else the platform region: [`bigquery_location`]).
    pub location: Option<String>,
}

/// Serving settings.
#[derive(Debug, Clone, Serialize)]
pub struct ServingInfo {
    /// `online`, `batch` or `both`.
    pub mode: String,
    /// Latency target.
    pub latency_p95_ms: Option<u32>,
    /// Peak QPS.
    pub peak_qps: Option<u32>,
    /// Canary share in percent (0 without canary).
    pub canary_traffic_percent: u32,
    /// Manual approval of production releases.
    pub manual_approval: bool,
    /// Serving machine type.
    pub machine_type: String,
    /// Minimum replicas.
    pub min_replicas: u32,
    /// Maximum replicas.
    pub max_replicas: u32,
    /// Batch output kind: `bigquery` or `cloud_storage`.
    pub batch_output_kind: Option<String>,
    /// Batch output BigQuery table (in the kit dataset) or Cloud Storage prefix (in the artifacts bucket).
    pub batch_output_target: Option<String>,
    /// Prebuilt Vertex prediction image, when one fits.
    pub prebuilt_image: Option<String>,
    /// Whether the unattended training run releases a winning model itself (deploys it, moves the
    /// `production` alias). False with manual approval: only the approval-gated rollout build does.
    pub pipeline_releases: bool,
    /// Actions of the rollout build (`cloudbuild/rollout.yaml`): `release` (deploy or promote the
    /// `candidate` version, with manual approval), `promote` and `rollback` (a canary on the
    /// endpoint). Empty: the kit has no rollout build.
    pub rollout_actions: Vec<String>,
}

/// Monitoring settings.
#[derive(Debug, Clone, Serialize)]
pub struct MonitoringInfo {
    /// Default drift threshold.
    pub drift_threshold: f64,
    /// Default skew threshold.
    pub skew_threshold: f64,
    /// Monitoring interval in hours.
    pub frequency_hours: u32,
    /// Sampling rate.
    pub sampling_rate: f64,
    /// Cron derived from the frequency, for the batch monitoring schedule.
    pub cron: String,
}

/// Retraining settings.
#[derive(Debug, Clone, Serialize)]
pub struct RetrainingInfo {
    /// Triggers, snake_case.
    pub triggers: Vec<String>,
    /// Cron of scheduled retraining.
    pub schedule: Option<String>,
    /// Time zone of the schedule (`Etc/UTC` when not answered).
    pub timezone: String,
}

/// Maturity levels from the assessment.
#[derive(Debug, Clone, Serialize)]
pub struct MaturityInfo {
    /// Google level (0-2).
    pub google_level: u8,
    /// Microsoft level (0-4).
    pub microsoft_level: u8,
}

/// A Vertex AI pipeline of the kit.
#[derive(Debug, Clone, Serialize)]
pub struct Pipeline {
    /// Key: `training` or `monitoring`.
    pub key: String,
    /// Pipeline name (`pipelineInfo.name`, also the KFP package name).
    pub name: String,
    /// Path of the compiled spec in the kit.
    pub file: String,
    /// Parameters, in declaration order.
    pub parameters: Vec<PipelineParameter>,
}

/// A pipeline input parameter.
#[derive(Debug, Clone, Serialize)]
pub struct PipelineParameter {
    /// Name.
    pub name: String,
    /// KFP parameter type: STRING, NUMBER_DOUBLE, NUMBER_INTEGER, BOOLEAN, LIST, STRUCT.
    pub kind: String,
    /// What it is, in the kit's language (the kit's own text, rendered as is in Markdown).
    pub description: String,
}

/// Resolves a validated questionnaire into the kit model.
#[must_use]
pub fn resolve(q: &Questionnaire) -> Kit {
    let slug = q.client.slug.clone();
    let slug_underscored = slug.replace('-', "_");
    let region = q.gcp.region.clone();
    let assessment = crate::assess::assess(q);

    let names = naming::names(&slug, q.gcp.admin_project_id.as_deref());
    let generative = generative::resolve(q);
    let features = resolve_features(q);
    let model = if generative.is_some() {
        generative_model(q)
    } else {
        resolve_model(q)
    };
    let data = resolve_data(q);
    let serving = resolve_serving(q, &region, &features);
    let monitoring = MonitoringInfo {
        drift_threshold: q.operations.monitoring.drift_threshold,
        skew_threshold: q.operations.monitoring.skew_threshold,
        frequency_hours: q.operations.monitoring.frequency_hours,
        sampling_rate: q.operations.monitoring.sampling_rate,
        cron: naming::cron_every_hours(q.operations.monitoring.frequency_hours),
    };
    let retraining = RetrainingInfo {
        triggers: q.operations.retraining.triggers.iter().map(snake).collect(),
        schedule: q.operations.retraining.schedule.clone(),
        timezone: q
            .operations
            .retraining
            .timezone
            .clone()
            .unwrap_or_else(|| "Etc/UTC".to_owned()),
    };

    let mut labels = q.gcp.labels.clone();
    labels.insert("managed-by".to_owned(), "mlops-kit".to_owned());
    labels.insert("client".to_owned(), slug.clone());

    let env_count = q.gcp.environments.len();
    let environments: Vec<Env> = q
        .gcp
        .environments
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let name = e.name.as_str().to_owned();
            let is_production = i + 1 == env_count;
            naming::environment(
                &names,
                &region,
                &name,
                &e.project_id,
                naming::EnvPosition {
                    position: i,
                    is_production,
                    promoted_from: (i > 0)
                        .then(|| q.gcp.environments[i - 1].name.as_str().to_owned()),
                    promotes_to: q
                        .gcp
                        .environments
                        .get(i + 1)
                        .map(|n| n.name.as_str().to_owned()),
                },
                &features,
                q.serving.rollout.manual_approval && is_production,
            )
        })
        .collect();

    let repository = naming::repository(&q.gcp.source_repository);
    // A generative kit's pipelines (evaluation, tuning, scheduled evaluation) are the generative
    // workload's; none of the trained model's apply.
    let pipelines = if let Some(g) = &generative {
        g.pipelines.clone()
    } else {
        workload::pipelines(q, &features)
    };

    let mut kit = Kit {
        tool_version: crate::VERSION.to_owned(),
        kind: if generative.is_some() {
            WorkloadKind::Generative
        } else {
            WorkloadKind::Trained
        },
        generative,
        language: q.language(),
        questionnaire_version: q.version,
        client: ClientInfo {
            name: q.client.name.clone(),
            slug,
            slug_underscored,
            industry: snake(&q.client.industry),
            contact_name: q.client.contact.name.clone(),
            contact_email: q.client.contact.email.clone(),
        },
        business: BusinessInfo {
            use_case: q.business.use_case.clone(),
            decision: q.business.decision.clone(),
            kpi: q.business.kpi.clone(),
            cost_of_error: snake(&q.business.cost_of_error),
        },
        container_multi_region: naming::container_multi_region(&region).to_owned(),
        region,
        organization_id: q.gcp.organization_id.clone(),
        folder_id: q.gcp.folder_id.clone(),
        labels,
        ci_environment: environments[0].name.clone(),
        training_environment: environments[env_count - 1].name.clone(),
        environments,
        repository,
        names,
        features,
        model,
        data,
        serving,
        monitoring,
        retraining,
        alert_emails: q.operations.alerts.emails.clone(),
        maturity: MaturityInfo {
            google_level: assessment.google_level,
            microsoft_level: assessment.microsoft_level,
        },
        pipelines,
        platform: platform::Platform::default(),
        workload: workload::Workload::default(),
    };
    if kit.kind == WorkloadKind::Trained {
        for env in &mut kit.environments {
            env.pipeline_values = workload::pipeline_values(q, &kit.names, env, &kit.features);
        }
    }
    kit.platform = platform::resolve(q, &kit);
    if kit.kind == WorkloadKind::Trained {
        kit.workload = workload::resolve(q, &kit);
    }
    kit
}

/// The model part of a generative kit: the task and the hardware-free neutral values (it trains
/// nothing from scratch, has no features, framework or tabular metric).
fn generative_model(q: &Questionnaire) -> ModelInfo {
    ModelInfo {
        task: snake(&q.model.task),
        tabular: false,
        framework: String::new(),
        framework_title: String::new(),
        metric: String::new(),
        higher_is_better: true,
        threshold: 0.0,
        target_column: None,
        features: Vec::new(),
        machine_type: String::new(),
        accelerator_type: None,
        accelerator_count: 0,
        replica_count: 0,
        data_preparation: String::new(),
    }
}

/// The serde (snake_case) name of an enum value.
pub(crate) fn snake<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("questionnaire enums serialize to strings, got {other:?}"),
    }
}

fn resolve_features(q: &Questionnaire) -> Features {
    if q.model.task == Task::Generative {
        return generative_features(q);
    }
    let tabular = is_tabular(q.model.task);
    let online = matches!(q.serving.mode, ServingMode::Online | ServingMode::Both);
    let batch = matches!(q.serving.mode, ServingMode::Batch | ServingMode::Both);
    let triggers = &q.operations.retraining.triggers;
    Features {
        online_serving: online,
        batch_serving: batch,
        canary: q.serving.rollout.strategy == RolloutStrategy::Canary,
        cmek: q.gcp.cmek.enabled,
        vpc_service_controls: q.gcp.vpc_service_controls.enabled,
        private_network: q.gcp.network.mode == NetworkMode::Private
            || q.gcp.vpc_service_controls.enabled,
        shared_vpc: q.gcp.network.mode == NetworkMode::SharedVpc,
        retrain_on_schedule: triggers.contains(&RetrainingTrigger::Schedule),
        retrain_on_new_data: triggers.contains(&RetrainingTrigger::NewData),
        retrain_on_drift: triggers.contains(&RetrainingTrigger::Drift),
        landing_bucket: data_must_land(q),
        gpu_training: q.model.training.accelerator != Accelerator::None,
        custom_serving_image: workload::needs_custom_serving_image(q),
        model_monitoring: online && tabular,
        batch_drift_monitoring: batch && tabular,
        accuracy_tracking: q.data.label_delay != crate::questionnaire::LabelDelay::Never,
        promotion: q.gcp.environments.len() > 1,
        team_manages_iam: q.practices.can_manage_iam,
    }
}

/// The switches of a generative kit: the platform's (CMEK, private network, perimeter, promotion,
/// IAM rights) as answered; every switch of a trained model (endpoint, batch jobs, canary,
/// retraining, landing bucket, GPUs, serving image, drift monitoring) off. The application calls
/// Gemini itself; quality over time is the scheduled evaluation of sampled traffic.
fn generative_features(q: &Questionnaire) -> Features {
    Features {
        online_serving: false,
        batch_serving: false,
        canary: false,
        cmek: q.gcp.cmek.enabled,
        vpc_service_controls: q.gcp.vpc_service_controls.enabled,
        private_network: q.gcp.network.mode == NetworkMode::Private
            || q.gcp.vpc_service_controls.enabled,
        shared_vpc: q.gcp.network.mode == NetworkMode::SharedVpc,
        retrain_on_schedule: false,
        retrain_on_new_data: false,
        retrain_on_drift: false,
        landing_bucket: false,
        gpu_training: false,
        custom_serving_image: false,
        model_monitoring: false,
        batch_drift_monitoring: false,
        accuracy_tracking: false,
        promotion: q.gcp.environments.len() > 1,
        team_manages_iam: q.practices.can_manage_iam,
    }
}

/// Whether the kit's training code for a framework spreads over several machines (TensorFlow's
/// `MultiWorkerMirroredStrategy`, PyTorch's DistributedDataParallel).
#[must_use]
pub fn distributes(framework: Framework) -> bool {
    matches!(framework, Framework::Tensorflow | Framework::Pytorch)
}

/// Whether a task works on tabular data (Vertex Model Monitoring applies).
#[must_use]
pub fn is_tabular(task: Task) -> bool {
    matches!(
        task,
        Task::TabularClassification | Task::TabularRegression | Task::Forecasting
    )
}

/// The source the pipeline reads: the first answered source (the questionnaire's contract: "the first
/// source is the one the pipeline extracts from"). Every fact about where training data comes from
/// reads this one decision: the extract step's URI and format, whether data must land in a landing
/// bucket, the grants on source projects, the data-not-in-cloud blocker and the docs. Other answered
/// sources are context for the assessment only.
///
/// # Panics
/// Never on a validated questionnaire (validation requires at least one source).
#[must_use]
pub fn training_source(q: &Questionnaire) -> &DataSource {
    q.data
        .sources
        .first()
        .expect("a validated questionnaire lists at least one data source")
}

/// Whether the training data must first land in Google Cloud: the source the pipeline reads is on
/// premises or in another cloud, so the kit creates landing buckets and the pipeline reads them.
#[must_use]
pub fn data_must_land(q: &Questionnaire) -> bool {
    !source_in_cloud(training_source(q))
}

/// Format of the files the extract step reads: `bigquery` (a table), `csv`, `parquet` or `jsonl`
/// (tabular files), or `manifest` (images and text listed in a `labels.csv` manifest).
///
/// A Cloud SQL table is exported as CSV; tabular data landed from outside Google Cloud is copied in
/// as CSV with a header row.
#[must_use]
pub fn training_file_format(q: &Questionnaire) -> &'static str {
    use crate::questionnaire::FileFormat;
    match training_source(q) {
        DataSource::Bigquery { .. } => "bigquery",
        // A table (of features, texts or image paths) is exported as CSV whatever the task.
        DataSource::CloudSql { .. } => "csv",
        _ if !is_tabular(q.model.task) => "manifest",
        DataSource::CloudStorage { format, .. } => match format.unwrap_or_default() {
            FileFormat::Csv => "csv",
            FileFormat::Parquet => "parquet",
            FileFormat::Jsonl => "jsonl",
        },
        DataSource::OnPremises { .. } | DataSource::OtherCloud { .. } => "csv",
    }
}

/// Location of a BigQuery source's dataset: the answered `location`, else the platform region (the
/// kit cannot look the dataset up; a warehouse elsewhere must be answered). `None` for other kinds.
#[must_use]
pub fn bigquery_location(source: &DataSource, region: &str) -> Option<String> {
    match source {
        DataSource::Bigquery { location, .. } => {
            Some(location.clone().unwrap_or_else(|| region.to_owned()))
        }
        _ => None,
    }
}

/// Whether Vertex AI jobs of the kit's region (batch prediction, Model Monitoring) can read the
/// training table where it is: its dataset is in the region or a multi-region containing it.
#[must_use]
pub fn vertex_reads_training_table(q: &Questionnaire) -> bool {
    bigquery_location(training_source(q), &q.gcp.region).is_some_and(|location| {
        crate::questionnaire::names::bigquery_location_serves(&location, &q.gcp.region)
    })
}

/// Whether a data source is already in Google Cloud.
#[must_use]
pub fn source_in_cloud(source: &DataSource) -> bool {
    !matches!(
        source,
        DataSource::OnPremises { .. } | DataSource::OtherCloud { .. }
    )
}

fn resolve_model(q: &Questionnaire) -> ModelInfo {
    let m = &q.model;
    let framework = m.trained_framework();
    let evaluation = m.trained_evaluation();
    let default_drift = q.operations.monitoring.drift_threshold;
    let (machine_type, replica_count, data_preparation) = naming::training_shape(
        q.data.volume,
        m.training.accelerator,
        m.training.accelerator_count,
    );
    let higher_is_better = !matches!(evaluation.metric, Metric::Rmse | Metric::Mae | Metric::Mape);
    ModelInfo {
        task: snake(&m.task),
        tabular: is_tabular(m.task),
        framework: snake(&framework),
        framework_title: match framework {
            Framework::ScikitLearn => "scikit-learn",
            Framework::Xgboost => "XGBoost",
            Framework::Tensorflow => "TensorFlow",
            Framework::Pytorch => "PyTorch",
        }
        .to_owned(),
        metric: snake(&evaluation.metric),
        higher_is_better,
        threshold: evaluation.threshold,
        target_column: m.target_column.clone(),
        features: m
            .features
            .iter()
            .map(|f| FeatureInfo {
                name: f.name.clone(),
                kind: snake(&f.kind),
                drift_threshold: f.drift_threshold.unwrap_or(default_drift),
                drift_statistic: match f.kind {
                    crate::questionnaire::FeatureKind::Numeric => "jensen_shannon",
                    crate::questionnaire::FeatureKind::Categorical => "l_infinity",
                }
                .to_owned(),
            })
            .collect(),
        machine_type: m.training.machine_type.clone().unwrap_or(machine_type),
        accelerator_type: naming::vertex_accelerator(m.training.accelerator).map(str::to_owned),
        accelerator_count: if m.training.accelerator == Accelerator::None {
            0
        } else {
            m.training.accelerator_count.unwrap_or(1)
        },
        // Only TensorFlow and PyTorch spread training over several machines; scikit-learn and
        // XGBoost train on one, so the job asks for one.
        replica_count: if distributes(framework) {
            replica_count
        } else {
            1
        },
        data_preparation: match (q.data.volume, training_file_format(q)) {
            (DataVolume::Under10gb, _) => "in_container",
            // Tables are prepared where they live at any size: BigQuery runs the SQL, and reads a Cloud
            // SQL export or other CSV and JSON Lines files through an external table. Dataflow is for
            // Parquet files and image or text manifests only.
            (_, "bigquery" | "csv" | "jsonl") => "bigquery",
            _ => data_preparation,
        }
        .to_owned(),
    }
}

fn resolve_data(q: &Questionnaire) -> DataInfo {
    let region = q.gcp.region.as_str();
    let sources: Vec<SourceInfo> = q
        .data
        .sources
        .iter()
        .map(|s| source_info(s, region))
        .collect();
    DataInfo {
        primary: source_info(training_source(q), region),
        must_land: data_must_land(q),
        file_format: training_file_format(q).to_owned(),
        sources,
        volume: snake(&q.data.volume),
        freshness: snake(&q.data.freshness),
        label_delay: snake(&q.data.label_delay),
        sensitivity: snake(&q.data.sensitivity),
        personal_data: matches!(
            q.data.sensitivity,
            crate::questionnaire::Sensitivity::Personal
                | crate::questionnaire::Sensitivity::SensitivePersonal
        ),
        regulations: q.data.regulations.iter().map(snake).collect(),
    }
}

fn source_info(s: &DataSource, region: &str) -> SourceInfo {
    let mut info = SourceInfo {
        kind: String::new(),
        project_id: None,
        dataset: None,
        table: None,
        bucket: None,
        prefix: None,
        instance: None,
        database: None,
        system: None,
        in_cloud: source_in_cloud(s),
        uri: None,
        location: None,
    };
    match s {
        DataSource::Bigquery {
            project_id,
            dataset,
            table,
            ..
        } => {
            "bigquery".clone_into(&mut info.kind);
            info.location = bigquery_location(s, region);
            info.uri = Some(format!("bq://{project_id}.{dataset}.{table}"));
            info.project_id = Some(project_id.clone());
            info.dataset = Some(dataset.clone());
            info.table = Some(table.clone());
        }
        DataSource::CloudStorage { bucket, prefix, .. } => {
            "cloud_storage".clone_into(&mut info.kind);
            info.uri = Some(format!("gs://{bucket}/{prefix}"));
            info.bucket = Some(bucket.clone());
            info.prefix = Some(prefix.clone());
        }
        DataSource::CloudSql {
            project_id,
            instance,
            database,
            table,
        } => {
            "cloud_sql".clone_into(&mut info.kind);
            info.project_id = Some(project_id.clone());
            info.instance = Some(instance.clone());
            info.database = Some(database.clone());
            info.table = Some(table.clone());
        }
        DataSource::OnPremises { system } => {
            "on_premises".clone_into(&mut info.kind);
            info.system = Some(system.clone());
        }
        DataSource::OtherCloud { provider, system } => {
            "other_cloud".clone_into(&mut info.kind);
            info.system = Some(format!("{} ({})", system, snake(provider)));
        }
    }
    info
}

fn resolve_serving(q: &Questionnaire, region: &str, features: &Features) -> ServingInfo {
    let s = &q.serving;
    let qps = s.peak_qps.unwrap_or(10);
    let (batch_output_kind, batch_output_target) = match &s.batch_output {
        Some(BatchOutput::Bigquery { table }) => (Some("bigquery".to_owned()), Some(table.clone())),
        Some(BatchOutput::CloudStorage { prefix }) => {
            (Some("cloud_storage".to_owned()), Some(prefix.clone()))
        }
        None => (None, None),
    };
    ServingInfo {
        mode: snake(&s.mode),
        latency_p95_ms: s.latency_p95_ms,
        peak_qps: s.peak_qps,
        canary_traffic_percent: if features.canary {
            s.rollout.canary_traffic_percent.unwrap_or(10)
        } else {
            0
        },
        manual_approval: s.rollout.manual_approval,
        machine_type: "n2-standard-4".to_owned(),
        min_replicas: 1,
        // One n2-standard-4 replica comfortably serves ~50 requests per second of a tabular model.
        max_replicas: qps.div_ceil(50).max(2),
        batch_output_kind,
        batch_output_target,
        prebuilt_image: if q.model.task == Task::Generative {
            None
        } else {
            workload::prebuilt_serving_image(q, naming::container_multi_region(region))
        },
        pipeline_releases: !s.rollout.manual_approval && q.model.task != Task::Generative,
        rollout_actions: if q.model.task == Task::Generative {
            Vec::new()
        } else {
            rollout_actions(s.rollout.manual_approval, features)
        },
    }
}

/// What the approval-gated rollout build does: release the `candidate` version when a person must
/// approve releases, and promote or roll back a canary on the endpoint.
fn rollout_actions(manual_approval: bool, features: &Features) -> Vec<String> {
    let mut actions = Vec::new();
    if manual_approval {
        actions.push("release".to_owned());
    }
    if features.online_serving && features.canary {
        actions.push("promote".to_owned());
        actions.push("rollback".to_owned());
    }
    actions
}

/// Human title of a repository host.
#[must_use]
pub fn host_title(host: RepositoryHost) -> &'static str {
    match host {
        RepositoryHost::Github => "GitHub",
        RepositoryHost::GithubEnterprise => "GitHub Enterprise Server",
        RepositoryHost::Gitlab => "GitLab",
        RepositoryHost::GitlabSelfManaged => "GitLab self-managed",
        RepositoryHost::BitbucketCloud => "Bitbucket Cloud",
        RepositoryHost::BitbucketDataCenter => "Bitbucket Data Center",
    }
}

/// Resolves an embedded example client (unit tests of the model's parts).
#[cfg(test)]
pub(crate) fn example(name: &str) -> Kit {
    resolve(&crate::questionnaire::examples::load(name).expect("embedded examples are valid"))
}

#[cfg(test)]
mod tests {
    use super::example as kit;
    use crate::questionnaire::examples::EXAMPLES;

    #[test]
    fn every_example_resolves_with_one_name_per_resource() {
        for example in EXAMPLES {
            let kit = kit(example.name);
            let buckets: Vec<&str> = kit
                .environments
                .iter()
                .flat_map(|e| {
                    [
                        e.buckets.pipeline_root.as_str(),
                        e.buckets.artifacts.as_str(),
                    ]
                })
                .collect();
            let mut unique = buckets.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(
                unique.len(),
                buckets.len(),
                "{}: bucket names collide",
                example.name
            );
        }
    }

    #[test]
    fn production_is_the_last_environment_and_only_it_needs_approval() {
        let kit = kit("fintech-regulated");
        let flags: Vec<(&str, bool, bool)> = kit
            .environments
            .iter()
            .map(|e| (e.name.as_str(), e.is_production, e.approval_required))
            .collect();
        assert_eq!(
            flags,
            vec![
                ("dev", false, false),
                ("staging", false, false),
                ("prod", true, true)
            ]
        );
        assert_eq!(
            kit.environments[2].promoted_from.as_deref(),
            Some("staging")
        );
    }

    #[test]
    fn service_account_emails_live_in_their_environment_project() {
        let kit = kit("retail-startup");
        let prod = &kit.environments[1];
        assert_eq!(
            prod.service_accounts.pipeline,
            "lojarapida-pipeline@lojarapida-ml-prod.iam.gserviceaccount.com"
        );
        assert!(
            prod.images
                .trainer
                .starts_with("us-central1-docker.pkg.dev/lojarapida-ml-prod/")
        );
    }

    #[test]
    fn data_outside_the_cloud_gets_a_landing_bucket() {
        let kit = kit("industrial-onprem");
        assert!(kit.features.landing_bucket);
        assert!(kit.environments.iter().all(|e| e.buckets.landing.is_some()));
        let retail = super::tests::kit("retail-startup");
        assert!(
            retail
                .environments
                .iter()
                .all(|e| e.buckets.landing.is_none())
        );
    }

    #[test]
    fn gpu_answers_reach_the_machine_spec() {
        let kit = kit("industrial-onprem");
        assert_eq!(kit.model.accelerator_type.as_deref(), Some("NVIDIA_L4"));
        assert_eq!(kit.model.accelerator_count, 1);
        assert_eq!(kit.model.machine_type, "g2-standard-8");
    }
}
