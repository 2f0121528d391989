//! Platform details of the kit: IAM roles per service account at the narrowest scope, Cloud Build
//! triggers and their substitutions, APIs, Cloud KMS service agents, the repository connection, the
//! private network and what each maturity level's platform includes. The Terraform and Cloud Build
//! blueprints render these lists; they decide nothing themselves.
//!
//! One file per concern: `iam` (service accounts and grants), `triggers` (Cloud Build triggers,
//! builds and substitutions), `connection` (the repository connection), `network` (private
//! networking and shared VPC), `egress` (images and packages without public internet), `kms` (CMEK), `parameters` (pipeline parameter values as HCL) and
//! `maturity` (what each level includes). This file holds the [`Platform`] model and [`resolve`],
//! which calls each of them.

mod connection;
mod egress;
pub mod generative;
mod iam;
mod kms;
mod maturity;
mod network;
mod parameters;
mod triggers;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::i18n::{s, t, tr};
use crate::questionnaire::{MonitoringPractice, Questionnaire};

use super::Kit;

pub use connection::{Connection, ConnectionSecret};
pub use egress::{
    BUILD_PROJECT, Egress, GCPC_MIRROR_NAME, MirroredImage, ProviderMirror, RemoteRepository,
    docker_hub_registry, remote_repository_id, through_docker_hub, without_public_internet,
};
pub use iam::{
    CloudSqlExport, Condition, CustomRole, DeployGrant, EnvironmentAccess, EnvironmentBucket,
    Grant, MaskedTraining, MonitoredEnvironment, MonitoringBaselineGrant, ServiceAccount,
    SourceGrant, StateBucket, StateBucketGrant, StateGrant, ci_id, dataflow_id, deploy_id,
    grants_only, reads_production_data, service_account_email, service_account_member,
};
pub use kms::{KmsPlan, ServiceAgent};
pub use maturity::MaturityPlan;
pub use network::{AgentGrant, EnvironmentProject, HostNetworkPlan, NetworkPlan, WorkerPool};
pub use parameters::HclAttribute;
pub use triggers::{
    BuildConfig, BuilderImages, Builds, PipelineSchedule, RELEASE_SUBSTITUTION,
    RUN_REASON_SUBSTITUTION, Substitution, TrainingPipeline, Trigger,
};

use connection::connection;
use iam::{
    bucket_grants, cloud_sql_exports, deploy_grants, environment_access, grant, masked_training,
    monitoring_baseline, project_grants, repository_grants, service_account_grants,
    service_accounts, source_grants, state_buckets, state_grants, uses_dataflow,
};
use kms::{created_agent_apis, enabled_agent_apis, service_agents};
use maturity::maturity;
use network::{host_network, network, perimeter_services};
use parameters::{NETWORK_PARAMETER, pipeline_parameters};
use triggers::{
    builds, evaluation_schedule, monitoring_schedule, scoring_schedule, training_pipeline, triggers,
};

/// Terraform version constraint of every root.
pub const TERRAFORM_REQUIRED_VERSION: &str = ">= 1.9";

/// The google provider release the kit is written and tested against.
pub const GOOGLE_PROVIDER_VERSION: &str = "8.7.0";

/// Constraint of the roots: patch releases of 8.7 only (the schema the tests check is 8.7.0's).
pub const GOOGLE_PROVIDER_ROOT_CONSTRAINT: &str = "~> 8.7.0";

/// Constraint of the shared module: a minimum only, as reusable modules should.
pub const GOOGLE_PROVIDER_MODULE_CONSTRAINT: &str = ">= 8.7.0";

/// Log entries that start drift-triggered retraining: anomalies of a Vertex AI Model Monitoring job,
/// or the structured entry (`jsonPayload.mlops_kit_event = "drift_detected"`) the kit's own drift
/// step writes for batch predictions. Logging's OR binds tighter than AND, hence the parentheses.
pub const DRIFT_LOG_FILTER: &str = "(resource.type=\"aiplatform.googleapis.com/ModelDeploymentMonitoringJob\" AND severity>=WARNING) OR (jsonPayload.mlops_kit_event=\"drift_detected\")";

/// Platform decisions.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Platform {
    /// Terraform and provider version constraints.
    pub versions: Versions,
    /// Google APIs each environment enables.
    pub apis: Vec<String>,
    /// Service accounts the platform module creates (every environment has each).
    pub service_accounts: Vec<ServiceAccount>,
    /// Email of the deploy (Terraform apply) service account, per environment name.
    pub deploy_service_account_emails: std::collections::BTreeMap<String, String>,
    /// Project-level grants of the module: only roles whose permissions have no narrower resource,
    /// and never to the deploy account (which applies the module).
    pub project_grants: Vec<Grant>,
    /// Every grant to each environment's deploy account, made by the bootstrap (a person applies
    /// it): what the deploy account applies can never widen its own rights.
    pub deploy_grants: Vec<DeployGrant>,
    /// The only roles a deploy account's Project IAM Admin may grant or revoke (its IAM Condition):
    /// the project roles of the module, none of which can grant roles.
    pub deploy_grantable_project_roles: Vec<String>,
    /// Per environment, the names the bootstrap's access grants use.
    pub environment_access: Vec<EnvironmentAccess>,
    /// Bucket-level grants.
    pub bucket_grants: Vec<Grant>,
    /// Artifact Registry repository-level grants.
    pub repository_grants: Vec<Grant>,
    /// BigQuery dataset-level grants on the kit's dataset.
    pub dataset_grants: Vec<Grant>,
    /// Service-account-level grants ("act as" and token creation on one account only).
    pub service_account_grants: Vec<Grant>,
    /// Grants on the source the pipeline reads, in the project that holds it, to the readers of
    /// every environment that reads production data (applied by the bootstrap, whose operator
    /// administers that project).
    pub source_grants: Vec<SourceGrant>,
    /// With personal data and a BigQuery source: the masked, sampled view the other environments
    /// train on instead of the production table.
    pub masked_training: Option<MaskedTraining>,
    /// The Vertex AI service agents of the monitored environments read Model Monitoring's skew
    /// baseline, the BigQuery training table (applied by the bootstrap, in the source project).
    pub monitoring_baseline: Option<MonitoringBaselineGrant>,
    /// Cloud SQL sources: the instance's own service account writes the CSV export the pipeline
    /// starts into each environment's artifacts bucket (applied by the bootstrap, which can read the
    /// instance in the source project).
    pub cloud_sql_exports: Vec<CloudSqlExport>,
    /// Grants on the environments' Terraform state buckets (applied by the bootstrap): each
    /// environment's accounts on its own bucket only.
    pub state_grants: Vec<StateBucketGrant>,
    /// The admin project's state buckets: the bootstrap's own, then one per environment.
    pub state_buckets: Vec<StateBucket>,
    /// Custom role that lets the trigger account start builds and nothing else (created and
    /// granted by the bootstrap: the deploy account holds no Role Administrator). `None` without a
    /// trigger account (generative kits start no build from a schedule or an event).
    pub trigger_invoker_role: Option<CustomRole>,
    /// Cloud KMS plan when CMEK is on.
    pub kms: Option<KmsPlan>,
    /// What `scripts/create-service-agents.sh` does before the first apply of every kit.
    pub service_agent_script: AgentScript,
    /// Cloud Build 2nd-gen repository connection for the answered host.
    pub connection: Connection,
    /// Cloud Build triggers by key (`ci`, `cd`, `ct`, `ct_new_data`, `ct_drift`).
    pub triggers: std::collections::BTreeMap<String, Trigger>,
    /// The training pipeline continuous-training builds run.
    pub training_pipeline: TrainingPipeline,
    /// Vertex AI schedule of the batch drift-monitoring pipeline, when the kit has one.
    pub monitoring_schedule: Option<PipelineSchedule>,
    /// The daily batch-scoring schedule (batch serving), run as the scoring account.
    pub scoring_schedule: Option<PipelineSchedule>,
    /// The scheduled evaluation of sampled production traffic (generative kits that log prompts and
    /// responses), run as the pipeline account.
    pub evaluation_schedule: Option<PipelineSchedule>,
    /// Cloud Build configs and the substitutions each declares.
    pub builds: Builds,
    /// Pinned builder images of the Cloud Build steps.
    pub builder_images: BuilderImages,
    /// Without public internet (private network, shared VPC, perimeter): the remote repositories,
    /// provider mirror and image copies every build and pipeline goes through instead.
    pub egress: Option<Egress>,
    /// The VPC network Vertex AI peers with (endpoint, pipeline and training jobs): the client's
    /// private network, the one the kit creates, or a host project's shared VPC.
    pub network: Option<NetworkPlan>,
    /// Cloud Build private worker pool (no external IPs), with private networking only.
    pub worker_pool: Option<WorkerPool>,
    /// Grants on a shared VPC's host project, applied by the bootstrap.
    pub host_network: Option<HostNetworkPlan>,
    /// Training pipeline parameter values per environment, as HCL object attributes.
    pub pipeline_parameters: std::collections::BTreeMap<String, Vec<HclAttribute>>,
    /// Name of the training pipeline parameter Terraform sets to the peered network (`network`),
    /// when the pipeline has one and the platform has a network.
    pub pipeline_network_parameter: Option<String>,
    /// Vertex AI endpoint when serving online.
    pub endpoint: Option<EndpointPlan>,
    /// Name of the client's VPC Service Controls perimeter, when answered.
    pub perimeter: Option<String>,
    /// Services the client's security team adds to the VPC Service Controls perimeter.
    pub perimeter_services: Vec<String>,
    /// With a perimeter: the projects outside the environments that hold the data the pipeline reads
    /// (BigQuery, Cloud SQL). Reading them across the perimeter is an egress violation, so they join
    /// the perimeter or an egress rule names them.
    pub perimeter_data_projects: Vec<String>,
    /// A Cloud SQL source is among them (its egress rule names the Cloud SQL Admin API).
    pub perimeter_cloud_sql: bool,
    /// Whether the drift log sink starts enabled (otherwise it exists but is switched off).
    pub drift_retraining_enabled: bool,
    /// Whether Pub/Sub-started retraining (new data, drift) reaches the CT trigger through Eventarc
    /// and a workflow instead of Cloud Build Pub/Sub triggers, which Cloud Build does not support
    /// inside a VPC Service Controls perimeter.
    pub retraining_via_workflows: bool,
    /// How each automatic retraining (schedule, new data, drift) reaches the CT trigger.
    pub retraining_routes: Vec<RetrainingRoute>,
    /// Cloud Logging query of the entries that mean "drift detected" (Vertex AI Model Monitoring
    /// anomalies, or a structured entry the kit's monitoring pipeline writes).
    pub drift_log_filter: String,
    /// Bucket key (`landing`) whose marker objects start retraining, when the data lands in one.
    pub new_data_bucket: Option<String>,
    /// The marker a data load writes into the landing bucket when a batch is complete: only
    /// objects under its prefix start retraining, not every file of the batch.
    pub new_data_marker: Option<NewDataMarker>,
    /// Retention and lifecycle of the buckets.
    pub lifecycle: Lifecycle,
    /// What this maturity level's platform includes and what it leaves to later phases.
    pub maturity: MaturityPlan,
    /// A generative kit's log table, de-identify template, alerts and reads outside its projects.
    pub generative: Option<generative::GenerativePlatform>,
    /// BigQuery table-level grants (the generative log table).
    pub table_grants: Vec<Grant>,
    /// The module's `service_accounts` output: every account key, padded so the `=` align.
    pub output_service_accounts: Vec<PaddedKey>,
    /// What the kit's BigQuery dataset holds (its description).
    pub dataset_purpose: String,
    /// What to do when a pipeline run fails (the alert's documentation).
    pub pipeline_failed_advice: String,
}

/// A key with the spaces that align the `=` of its HCL object attribute.
#[derive(Debug, Clone, Serialize)]
pub struct PaddedKey {
    /// The key.
    pub key: String,
    /// Spaces after it.
    pub pad: String,
}

/// How one kind of automatic retraining starts the CT trigger in the training environment. The
/// text fields are Markdown written by the kit (code spans around generated names only).
#[derive(Debug, Clone, Serialize)]
pub struct RetrainingRoute {
    /// `schedule`, `new_data` or `drift` (the run reason).
    pub reason: String,
    /// The reason for people (`Schedule`, `New data`, `Drift`).
    pub title: String,
    /// What happens first.
    pub event: String,
    /// What carries the event to the CT trigger.
    pub via: String,
    /// Name of the resource that starts the CT build (Cloud Build trigger or workflow).
    pub starter: String,
}

/// The object that announces a complete batch of new data in the landing bucket.
#[derive(Debug, Clone, Serialize)]
pub struct NewDataMarker {
    /// Object name prefix the bucket notification is restricted to (`_ready/`).
    pub prefix: String,
    /// The prefix in the training environment's landing bucket, as a `gs://` URI.
    pub uri: String,
    /// The commands (one a line) that write one marker into the training environment's landing
    /// bucket: an empty local file, copied under the prefix with the UTC time as its name.
    pub commands: Vec<String>,
}

/// Terraform and provider version constraints.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Versions {
    /// `required_version` of every root and module.
    pub terraform: String,
    /// Exact provider release tested.
    pub google_provider: String,
    /// Constraint in the roots.
    pub root_constraint: String,
    /// Constraint in the shared module.
    pub module_constraint: String,
}

/// Vertex AI endpoint.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointPlan {
    /// Numeric endpoint id (Vertex requires digits), stable per client.
    pub id: String,
    /// Display name.
    pub display_name: String,
    /// BigQuery table (in the kit dataset) of request/response logs.
    pub logging_table: String,
    /// Share of requests logged.
    pub logging_sampling_rate: f64,
}

/// Bucket lifecycle rules.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Lifecycle {
    /// Days after which pipeline-root objects are deleted.
    pub pipeline_root_days: u32,
    /// Noncurrent versions of artifacts kept.
    pub artifacts_noncurrent_versions: u32,
    /// Days after which artifacts move to Nearline.
    pub artifacts_nearline_days: u32,
    /// Folders of the artifacts bucket that move to Nearline (records and exports read rarely). The
    /// registered models (`models/`) never do: evaluation, drift, deploys and batch jobs read them.
    pub artifacts_nearline_prefixes: Vec<String>,
    /// Folder of the artifacts bucket where the register step copies every registered model.
    pub models_prefix: String,
    /// Days landing-bucket objects are kept.
    pub landing_days: u32,
    /// Days access logs are kept.
    pub access_logs_days: u32,
    /// Noncurrent Terraform state versions kept.
    pub state_noncurrent_versions: u32,
}

/// The Google service agents a kit's IAM grants name, created before the first apply: an agent
/// appears asynchronously after its API is enabled, so a grant to it in the apply that enables the API
/// fails intermittently (`google_project_service_identity` is only in the google-beta provider).
#[derive(Debug, Clone, Default, Serialize)]
pub struct AgentScript {
    /// APIs whose agents `gcloud beta services identity create` creates (then waited for).
    pub created_apis: Vec<String>,
    /// APIs to enable because their agent exists as soon as the API is on and a grant names it.
    pub enabled_apis: Vec<String>,
    /// Read the Cloud Storage and BigQuery encryption agents (customer-managed keys), which exist
    /// once their APIs are on.
    pub read_storage_and_bigquery: bool,
}

fn agent_script(kit: &Kit, kms_agents: Option<&[kms::ServiceAgent]>) -> AgentScript {
    let mut created = kms_agents.map(created_agent_apis).unwrap_or_default();
    // Cloud Build's agent reads the repository connection's secrets (build.tf) in every kit, and
    // Vertex AI's runs batch and monitoring jobs' reads on Google's side.
    created.push("cloudbuild.googleapis.com".to_owned());
    created.push("aiplatform.googleapis.com".to_owned());
    if iam::pubsub_push_retraining(kit) {
        // The Pub/Sub agent mints the trigger account's tokens (retraining.tf).
        created.push("pubsub.googleapis.com".to_owned());
    }
    if kit.features.shared_vpc && uses_dataflow(kit) {
        // The bootstrap gives the Dataflow agent the host project's subnetwork.
        created.push("dataflow.googleapis.com".to_owned());
    }
    created.sort();
    created.dedup();
    AgentScript {
        created_apis: created,
        enabled_apis: kms_agents.map(enabled_agent_apis).unwrap_or_default(),
        read_storage_and_bigquery: kms_agents.is_some(),
    }
}

fn perimeter_data_projects(kit: &Kit) -> Vec<String> {
    if !kit.features.vpc_service_controls {
        return Vec::new();
    }
    let mut out: Vec<String> = kit
        .data
        .sources
        .iter()
        .filter_map(|s| s.project_id.clone())
        .filter(|p| !kit.environments.iter().any(|e| &e.project_id == p))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Folder of the artifacts bucket holding registered models (`register.py`'s `MODELS_PREFIX`).
pub const MODELS_PREFIX: &str = "models/";

/// What the kit writes to the artifacts bucket besides models, each read rarely once written: release
/// records and saved plans, Cloud SQL exports, Dataflow staging, Cloud Storage batch outputs.
fn artifacts_nearline_prefixes(kit: &Kit) -> Vec<String> {
    let mut out = vec!["releases/".to_owned()];
    if kit.data.primary.kind == "cloud_sql" {
        out.push("cloudsql-exports/".to_owned());
    }
    if kit.model.data_preparation == "dataflow" {
        out.push("dataflow-temp/".to_owned());
    }
    if let (true, Some("cloud_storage"), Some(target)) = (
        kit.features.batch_serving,
        kit.serving.batch_output_kind.as_deref(),
        &kit.serving.batch_output_target,
    ) {
        out.push(format!("{}/", target.trim_matches('/')));
    }
    out.retain(|p| !p.starts_with(MODELS_PREFIX));
    out.sort();
    out.dedup();
    out
}

/// Grants on the kit's BigQuery dataset.
fn dataset_grants(kit: &Kit) -> Vec<Grant> {
    if generative::is_generative(kit) {
        return generative::dataset_grants(kit);
    }
    let lang = kit.language;
    let bigquery_output =
        kit.features.batch_serving && kit.serving.batch_output_kind.as_deref() == Some("bigquery");
    // A model with named inputs writes its batch predictions to Cloud Storage, loaded into the table
    // by the scoring step: its job writes nothing in BigQuery.
    let job_writes_bigquery = bigquery_output && !super::workload::named_inputs(kit);
    let mut g = vec![
        grant(
            "pipeline",
            "main",
            "roles/bigquery.dataEditor",
            crate::i18n::both(lang, "why-pipeline-dataset"),
        ),
        if job_writes_bigquery {
            grant(
                "serving",
                "main",
                "roles/bigquery.dataEditor",
                crate::i18n::both(lang, "why-serving-dataset-output"),
            )
        } else {
            grant(
                "serving",
                "main",
                "roles/bigquery.dataViewer",
                crate::i18n::both(lang, "why-serving-dataset"),
            )
        },
    ];
    if bigquery_output {
        g.push(grant(
            "scoring",
            "main",
            "roles/bigquery.dataEditor",
            crate::i18n::both(lang, "why-scoring-dataset"),
        ));
    }
    g
}

/// Resolves the platform part of the model from the answers and the shared names.
#[must_use]
pub fn resolve(q: &Questionnaire, kit: &Kit) -> Platform {
    let f = &kit.features;
    let slug = &kit.client.slug;
    let drift_retraining_enabled = f.retrain_on_drift
        && (kit.maturity.google_level >= 1
            || matches!(
                q.practices.monitoring,
                MonitoringPractice::Drift | MonitoringPractice::DriftAndKpi
            ));
    let network_plan = network(q, kit);
    let pipeline_network_parameter = network_plan.as_ref().and_then(|_| {
        kit.environments
            .iter()
            .any(|e| {
                e.pipeline_values
                    .get("training")
                    .is_some_and(|v| v.contains_key(NETWORK_PARAMETER))
            })
            .then(|| NETWORK_PARAMETER.to_owned())
    });
    let module_project_grants = project_grants(q, kit);
    let mut module_project_roles: Vec<String> = module_project_grants
        .iter()
        .map(|g| g.role.clone())
        .collect();
    module_project_roles.sort();
    module_project_roles.dedup();
    let source_grants = source_grants(kit);
    let masked_training = masked_training(kit);
    Platform {
        versions: Versions {
            terraform: TERRAFORM_REQUIRED_VERSION.to_owned(),
            google_provider: GOOGLE_PROVIDER_VERSION.to_owned(),
            root_constraint: GOOGLE_PROVIDER_ROOT_CONSTRAINT.to_owned(),
            module_constraint: GOOGLE_PROVIDER_MODULE_CONSTRAINT.to_owned(),
        },
        apis: apis(kit),
        service_accounts: service_accounts(kit),
        deploy_service_account_emails: kit
            .environments
            .iter()
            .map(|e| {
                (
                    e.name.clone(),
                    service_account_email(&deploy_id(slug), &e.project_id),
                )
            })
            .collect(),
        project_grants: module_project_grants.clone(),
        deploy_grants: deploy_grants(q, kit, &module_project_roles),
        deploy_grantable_project_roles: module_project_roles.clone(),
        environment_access: environment_access(kit),
        bucket_grants: bucket_grants(kit),
        repository_grants: repository_grants(kit),
        dataset_grants: dataset_grants(kit),
        service_account_grants: service_account_grants(kit),
        monitoring_baseline: monitoring_baseline(kit, &source_grants, masked_training.as_ref()),
        source_grants,
        masked_training,
        cloud_sql_exports: cloud_sql_exports(kit),
        state_grants: state_grants(kit),
        state_buckets: state_buckets(kit),
        trigger_invoker_role: (!generative::is_generative(kit)).then(|| CustomRole {
            role_id: format!("{}BuildInvoker", slug.replace('-', "_")),
            title: "Start Cloud Build triggers".to_owned(),
            permissions: vec![
                "cloudbuild.builds.create".to_owned(),
                "cloudbuild.builds.get".to_owned(),
            ],
        }),
        kms: f.cmek.then(|| {
            let agents = service_agents(kit);
            KmsPlan {
                rotation_period: "7776000s".to_owned(),
                state_key_ring: format!("{slug}-tfstate-keyring"),
                state_key: format!("{slug}-tfstate"),
                created_agent_apis: created_agent_apis(&agents),
                enabled_agent_apis: enabled_agent_apis(&agents),
                service_agents: agents,
            }
        }),
        service_agent_script: agent_script(kit, f.cmek.then(|| service_agents(kit)).as_deref()),
        connection: connection(q, kit),
        triggers: triggers(kit)
            .into_iter()
            .map(|t| (t.key.clone(), t))
            .collect(),
        training_pipeline: training_pipeline(kit),
        monitoring_schedule: monitoring_schedule(kit),
        scoring_schedule: scoring_schedule(kit),
        evaluation_schedule: evaluation_schedule(kit),
        builds: builds(
            kit,
            network_plan.is_some(),
            pipeline_network_parameter.as_deref(),
        ),
        builder_images: builder_images(kit),
        egress: egress::egress(kit, network_plan.as_ref(), &egress::pipeline_images(kit)),
        network: network_plan,
        worker_pool: f.private_network.then(|| WorkerPool {
            id: format!("{slug}-private-pool"),
            machine_type: "e2-standard-4".to_owned(),
        }),
        host_network: host_network(q, kit),
        pipeline_parameters: kit
            .environments
            .iter()
            .map(|e| {
                (
                    e.name.clone(),
                    pipeline_parameters(e, pipeline_network_parameter.is_some()),
                )
            })
            .collect(),
        pipeline_network_parameter,
        endpoint: f.online_serving.then(|| EndpointPlan {
            id: endpoint_id(slug),
            display_name: kit.names.endpoint.clone(),
            logging_table: "request_response_logging".to_owned(),
            logging_sampling_rate: kit.monitoring.sampling_rate,
        }),
        perimeter: q
            .gcp
            .vpc_service_controls
            .enabled
            .then(|| q.gcp.vpc_service_controls.perimeter.clone())
            .flatten(),
        perimeter_services: perimeter_services(kit),
        perimeter_data_projects: perimeter_data_projects(kit),
        perimeter_cloud_sql: kit.features.vpc_service_controls
            && kit.data.sources.iter().any(|s| s.kind == "cloud_sql"),
        drift_retraining_enabled,
        retraining_via_workflows: retraining_via_workflows(kit),
        retraining_routes: retraining_routes(kit),
        drift_log_filter: DRIFT_LOG_FILTER.to_owned(),
        new_data_bucket: (f.retrain_on_new_data && f.landing_bucket).then(|| "landing".to_owned()),
        new_data_marker: new_data_marker(kit),
        lifecycle: Lifecycle {
            pipeline_root_days: 30,
            artifacts_noncurrent_versions: 5,
            artifacts_nearline_days: 90,
            artifacts_nearline_prefixes: artifacts_nearline_prefixes(kit),
            models_prefix: MODELS_PREFIX.to_owned(),
            landing_days: 90,
            access_logs_days: 365,
            state_noncurrent_versions: 20,
        },
        maturity: maturity(kit, drift_retraining_enabled),
        output_service_accounts: {
            let keys: Vec<String> = service_accounts(kit).into_iter().map(|sa| sa.key).collect();
            let width = keys.iter().map(String::len).max().unwrap_or(0);
            keys.into_iter()
                .map(|key| PaddedKey {
                    pad: " ".repeat(width - key.len()),
                    key,
                })
                .collect()
        },
        dataset_purpose: if generative::is_generative(kit) {
            "Prompt and response log and evaluation data of the generative application"
        } else {
            "Features, predictions and monitoring data of the ML platform"
        }
        .to_owned(),
        pipeline_failed_advice: if generative::is_generative(kit) {
            "An evaluation or tuning pipeline run failed in ${var.project_id}. Open Vertex AI > Pipelines and read the failed step's logs; a failed gate blocks the promotion until a new run passes."
        } else {
            "A training or monitoring pipeline run failed in ${var.project_id}. Open Vertex AI > Pipelines, read the failed step's logs, fix and rerun the CT trigger."
        }
        .to_owned(),
        generative: generative::resolve(kit),
        table_grants: if generative::is_generative(kit) {
            generative::table_grants(kit)
        } else {
            Vec::new()
        },
    }
}

/// Pinned builder images of the Cloud Build steps. Without public internet the Docker Hub images
/// come through the Docker Hub remote repository of the project the build runs in (`$PROJECT_ID`,
/// which Cloud Build substitutes in step names); the Cloud SDK image is Google's and stays.
fn builder_images(kit: &Kit) -> BuilderImages {
    let terraform_version = "1.15.5";
    let docker_hub = |image: &str| {
        if without_public_internet(kit) {
            through_docker_hub(&docker_hub_registry(kit, BUILD_PROJECT), image)
        } else {
            image.to_owned()
        }
    };
    BuilderImages {
        terraform: docker_hub(&format!("hashicorp/terraform:{terraform_version}")),
        gcloud: "gcr.io/google.com/cloudsdktool/cloud-sdk:530.0.0-slim".to_owned(),
        docker: docker_hub("docker:28.3.3-cli"),
        python: docker_hub("python:3.11.13-slim-bookworm"),
        terraform_version: terraform_version.to_owned(),
    }
}

/// Name of the topic the retraining schedule publishes to inside a perimeter.
#[must_use]
pub fn schedule_topic(slug: &str) -> String {
    format!("{slug}-retraining-schedule")
}

/// Each automatic retraining and its path to the CT trigger: Cloud Scheduler calling the trigger
/// and Cloud Build Pub/Sub triggers outside a perimeter; inside one, a topic, Eventarc and a
/// workflow that runs the CT trigger.
fn retraining_routes(kit: &Kit) -> Vec<RetrainingRoute> {
    let f = &kit.features;
    let slug = &kit.client.slug;
    let workflows = retraining_via_workflows(kit);
    let ct = format!("{slug}-ct");
    let mut out = Vec::new();
    let lang = kit.language;
    let route = |reason: &str, event: String, topic: Option<&str>, name: &str| {
        let via = match (workflows, topic) {
            (true, Some(topic)) => tr(
                lang,
                "route-via-workflow",
                &[("topic", s(topic)), ("workflow", s(name)), ("ct", s(&ct))],
            ),
            (false, Some(topic)) => tr(
                lang,
                "route-via-pubsub",
                &[("topic", s(topic)), ("trigger", s(name))],
            ),
            (_, None) => tr(lang, "route-via-direct", &[("ct", s(&ct))]),
        };
        RetrainingRoute {
            reason: reason.to_owned(),
            title: t(
                lang,
                match reason {
                    "schedule" => "route-schedule",
                    "new_data" => "route-new-data",
                    _ => "route-drift",
                },
            ),
            event,
            via,
            starter: name.to_owned(),
        }
    };
    if f.retrain_on_schedule {
        let event = tr(
            lang,
            "route-event-schedule",
            &[("job", s(&format!("{slug}-retraining")))],
        );
        out.push(if workflows {
            route(
                "schedule",
                event,
                Some(&schedule_topic(slug)),
                &format!("{slug}-ct-schedule"),
            )
        } else {
            route("schedule", event, None, &ct)
        });
    }
    if f.retrain_on_new_data {
        let event = match new_data_marker(kit) {
            Some(m) => tr(lang, "route-event-marker", &[("uri", s(&m.uri))]),
            None => t(lang, "route-event-message"),
        };
        out.push(route(
            "new_data",
            event,
            Some(&kit.names.new_data_topic),
            &format!("{slug}-ct-new-data"),
        ));
    }
    if f.retrain_on_drift {
        out.push(route(
            "drift",
            t(lang, "route-event-drift"),
            Some(&kit.names.drift_topic),
            &format!("{slug}-ct-drift"),
        ));
    }
    out
}

/// Prefix of the marker objects that start new-data retraining.
pub const NEW_DATA_MARKER_PREFIX: &str = "_ready/";

/// The marker of a complete batch in the training environment's landing bucket, when new data in
/// that bucket starts retraining. Each marker gets a new name (the UTC time), so the bucket keeps
/// a history of batches.
fn new_data_marker(kit: &Kit) -> Option<NewDataMarker> {
    let f = &kit.features;
    if !(f.retrain_on_new_data && f.landing_bucket) {
        return None;
    }
    let bucket = kit
        .environments
        .iter()
        .find(|e| e.name == kit.training_environment)
        .and_then(|e| e.buckets.landing.clone())?;
    let uri = format!("gs://{bucket}/{NEW_DATA_MARKER_PREFIX}");
    Some(NewDataMarker {
        prefix: NEW_DATA_MARKER_PREFIX.to_owned(),
        commands: vec![
            "touch batch-complete".to_owned(),
            format!("gcloud storage cp batch-complete \"{uri}$(date -u +%Y%m%dT%H%M%SZ)\""),
        ],
        uri,
    })
}

/// A stable 10-digit id without a leading zero, from the client slug (Vertex endpoint ids are digits).
#[must_use]
pub fn endpoint_id(seed: &str) -> String {
    let digest = Sha256::digest(format!("mlops-kit endpoint {seed}").as_bytes());
    let mut n = u64::from_be_bytes(digest[..8].try_into().unwrap_or([1; 8]));
    n %= 9_000_000_000;
    (n + 1_000_000_000).to_string()
}

/// Cloud Build Pub/Sub triggers are not supported inside a VPC Service Controls perimeter, and
/// there Cloud Scheduler may only target Pub/Sub (not the Cloud Build API): every automatic
/// retraining then goes through a topic, and Eventarc starts a workflow that runs the CT trigger.
pub(super) fn retraining_via_workflows(kit: &Kit) -> bool {
    let f = &kit.features;
    f.vpc_service_controls && (f.retrain_on_drift || f.retrain_on_new_data || f.retrain_on_schedule)
}

/// Whether retraining has Pub/Sub topics: new data, drift, and inside a perimeter the schedule.
pub(super) fn retraining_topics(kit: &Kit) -> bool {
    let f = &kit.features;
    f.retrain_on_drift || f.retrain_on_new_data || retraining_via_workflows(kit)
}

fn apis(kit: &Kit) -> Vec<String> {
    if generative::is_generative(kit) {
        return generative::apis(kit);
    }
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
    if f.cmek {
        apis.push("cloudkms.googleapis.com");
    }
    if f.retrain_on_schedule {
        apis.push("cloudscheduler.googleapis.com");
    }
    if retraining_topics(kit) {
        apis.push("pubsub.googleapis.com");
    }
    if f.private_network || f.shared_vpc {
        apis.push("compute.googleapis.com");
        apis.push("servicenetworking.googleapis.com");
        if f.online_serving {
            // Vertex AI private endpoints (VPC peering) need the Cloud DNS API on.
            apis.push("dns.googleapis.com");
        }
    }
    if kit.data.sources.iter().any(|s| s.kind == "cloud_sql") {
        apis.push("sqladmin.googleapis.com");
    }
    if uses_dataflow(kit) {
        // Dataflow workers are Compute Engine instances.
        apis.push("compute.googleapis.com");
        apis.push("dataflow.googleapis.com");
    }
    if retraining_via_workflows(kit) {
        apis.push("eventarc.googleapis.com");
        apis.push("workflowexecutions.googleapis.com");
        apis.push("workflows.googleapis.com");
    }
    apis.sort_unstable();
    apis.dedup();
    apis.into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::kit::example as kit;

    #[test]
    fn endpoint_ids_are_ten_digits_without_leading_zero_and_stable() {
        let id = endpoint_id("lojarapida");
        assert_eq!(id.len(), 10);
        assert!(!id.starts_with('0') && id.chars().all(|c| c.is_ascii_digit()));
        assert_eq!(id, endpoint_id("lojarapida"));
        assert_ne!(id, endpoint_id("credseg"));
    }

    #[test]
    fn drift_retraining_waits_for_monitoring_at_level_zero() {
        let fintech = kit("fintech-regulated");
        assert!(fintech.features.retrain_on_drift);
        assert_eq!(
            fintech.platform.drift_retraining_enabled,
            fintech.maturity.google_level >= 1
        );
    }
}
