//! Platform details of the kit: IAM roles per service account at the narrowest scope, Cloud Build
//! triggers and their substitutions, APIs, Cloud KMS service agents, the repository connection, the
//! private network and what each maturity level's platform includes. The Terraform and Cloud Build
//! blueprints render these lists; they decide nothing themselves.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::questionnaire::{MonitoringPractice, Questionnaire, RepositoryHost};

use super::Kit;

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
    /// Project-level grants: only roles whose permissions have no narrower resource.
    pub project_grants: Vec<Grant>,
    /// Bucket-level grants.
    pub bucket_grants: Vec<Grant>,
    /// Artifact Registry repository-level grants.
    pub repository_grants: Vec<Grant>,
    /// BigQuery dataset-level grants on the kit's dataset.
    pub dataset_grants: Vec<Grant>,
    /// Service-account-level grants ("act as" and token creation on one account only).
    pub service_account_grants: Vec<Grant>,
    /// Grants on the client's data sources, in the projects that hold them, to every environment's
    /// pipeline account (applied by the bootstrap, whose operator administers those projects).
    pub source_grants: Vec<SourceGrant>,
    /// Accounts that read the client's data sources (IAM members) in every environment, for the
    /// source grants: the pipeline accounts, and the Dataflow worker accounts when Dataflow prepares
    /// the data.
    pub pipeline_members: Vec<String>,
    /// Cloud SQL sources: the instance's own service account writes the CSV export the pipeline
    /// starts into each environment's artifacts bucket (applied by the bootstrap, which can read the
    /// instance in the source project).
    pub cloud_sql_exports: Vec<CloudSqlExport>,
    /// Grants on the Terraform state bucket (applied by the bootstrap).
    pub state_grants: Vec<StateGrant>,
    /// Custom role that lets the trigger account start builds and nothing else.
    pub trigger_invoker_role: CustomRole,
    /// Cloud KMS plan when CMEK is on.
    pub kms: Option<KmsPlan>,
    /// Cloud Build 2nd-gen repository connection for the answered host.
    pub connection: Connection,
    /// Cloud Build triggers by key (`ci`, `cd`, `ct`, `ct_new_data`, `ct_drift`).
    pub triggers: std::collections::BTreeMap<String, Trigger>,
    /// The training pipeline continuous-training builds run.
    pub training_pipeline: TrainingPipeline,
    /// Vertex AI schedule of the batch drift-monitoring pipeline, when the kit has one.
    pub monitoring_schedule: Option<MonitoringSchedule>,
    /// Cloud Build configs and the substitutions each declares.
    pub builds: Builds,
    /// Pinned builder images of the Cloud Build steps.
    pub builder_images: BuilderImages,
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
    /// Whether the drift log sink starts enabled (otherwise it exists but is switched off).
    pub drift_retraining_enabled: bool,
    /// Cloud Logging query of the entries that mean "drift detected" (Vertex AI Model Monitoring
    /// anomalies, or a structured entry the kit's monitoring pipeline writes).
    pub drift_log_filter: String,
    /// Bucket key (`landing`) whose new objects start retraining, when the data lands in one.
    pub new_data_bucket: Option<String>,
    /// Retention and lifecycle of the buckets.
    pub lifecycle: Lifecycle,
    /// What this maturity level's platform includes and what it leaves to later phases.
    pub maturity: MaturityPlan,
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

/// A service account of the platform.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceAccount {
    /// Terraform resource label and the key grants use (`pipeline`, `build`, ...).
    pub key: String,
    /// Account id (the part before `@`).
    pub account_id: String,
    /// Display name.
    pub display_name: String,
    /// What it is for.
    pub description: String,
}

/// One IAM grant to a platform service account (or service agent) on a resource of the module.
#[derive(Debug, Clone, Serialize)]
pub struct Grant {
    /// Unique Terraform resource label.
    pub key: String,
    /// Key of the service account receiving the role.
    pub member: String,
    /// Resource the role is granted on: a bucket key (`pipeline_root`, `artifacts`, `landing`,
    /// `state`), a repository key (`docker`, `kfp`), `main` for the dataset, a service account key,
    /// or empty for the project.
    pub target: String,
    /// Predefined role.
    pub role: String,
    /// Why the member needs it.
    pub reason: String,
    /// Inline checkov waiver (`ID:reason`) when a scanner flags a grant the platform needs.
    pub checkov_skip: Option<String>,
}

/// A grant on the Terraform state bucket.
#[derive(Debug, Clone, Serialize)]
pub struct StateGrant {
    /// Unique Terraform resource label.
    pub key: String,
    /// IAM member.
    pub member: String,
    /// Role.
    pub role: String,
    /// Why.
    pub reason: String,
}

/// A grant on a client data source outside the kit's projects.
#[derive(Debug, Clone, Serialize)]
pub struct SourceGrant {
    /// Unique Terraform resource label.
    pub key: String,
    /// `bigquery_dataset`, `bucket` or `project`.
    pub scope: String,
    /// Project of a BigQuery dataset or Cloud SQL instance.
    pub project_id: Option<String>,
    /// BigQuery dataset id.
    pub dataset: Option<String>,
    /// Bucket name.
    pub bucket: Option<String>,
    /// Role granted to the pipeline service account.
    pub role: String,
    /// Why.
    pub reason: String,
}

/// Write access of a Cloud SQL instance's service account to the buckets its exports land in.
#[derive(Debug, Clone, Serialize)]
pub struct CloudSqlExport {
    /// Unique Terraform label of the instance data source.
    pub key: String,
    /// Project of the instance.
    pub project_id: String,
    /// Instance name.
    pub instance: String,
    /// Role on each bucket (object creation: a serverless CSV export writes new objects only).
    pub role: String,
    /// Artifacts bucket of every environment.
    pub buckets: Vec<EnvironmentBucket>,
    /// Why.
    pub reason: String,
}

/// A bucket of one environment.
#[derive(Debug, Clone, Serialize)]
pub struct EnvironmentBucket {
    /// Environment name.
    pub environment: String,
    /// Bucket name.
    pub bucket: String,
}

/// A custom IAM role.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CustomRole {
    /// Role id (camelCase, unique in the project).
    pub role_id: String,
    /// Title.
    pub title: String,
    /// Permissions.
    pub permissions: Vec<String>,
}

/// Cloud KMS plan.
#[derive(Debug, Clone, Serialize)]
pub struct KmsPlan {
    /// Rotation period of every key (90 days).
    pub rotation_period: String,
    /// Key ring of the Terraform state key (bootstrap).
    pub state_key_ring: String,
    /// Key of the Terraform state bucket.
    pub state_key: String,
    /// Google service agents that encrypt with the kit's key.
    pub service_agents: Vec<ServiceAgent>,
}

/// A Google-managed service agent, addressed by the project number.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceAgent {
    /// Terraform resource label.
    pub key: String,
    /// Product name, for comments.
    pub product: String,
    /// Email local-part prefix before the project number (`service-` or `bq-`).
    pub prefix: String,
    /// Email domain after `@`.
    pub domain: String,
}

/// Cloud Build 2nd-gen connection for the answered host.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Connection {
    /// Host, snake_case.
    pub host: String,
    /// Config block of `google_cloudbuildv2_connection`.
    pub config_block: String,
    /// `repo_type` of manual triggers (`source_to_build`).
    pub repo_type: String,
    /// Server URL of a self-hosted host.
    pub host_uri: Option<String>,
    /// Bitbucket Cloud workspace.
    pub workspace: Option<String>,
    /// Secret Manager secrets (containers only; a person adds the versions).
    pub secrets: Vec<ConnectionSecret>,
    /// Whether the connection needs the GitHub App installation id (github.com, GitHub Enterprise).
    pub needs_app_installation_id: bool,
    /// Whether the connection needs the GitHub App id and slug (GitHub Enterprise).
    pub needs_app_id: bool,
    /// What a person does before the second apply, step by step.
    pub setup_steps: Vec<String>,
}

/// A secret the connection reads.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionSecret {
    /// Terraform resource label.
    pub key: String,
    /// Secret id.
    pub secret_id: String,
    /// What the human stores in it.
    pub holds: String,
}

/// A Cloud Build trigger.
#[derive(Debug, Clone, Serialize)]
pub struct Trigger {
    /// Terraform resource label (`ci`, `cd`, `ct`, `ct_new_data`, `ct_drift`).
    pub key: String,
    /// Trigger name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Build config in the repository.
    pub filename: String,
    /// Service account key it runs as.
    pub service_account: String,
    /// Which environments have it: `ci`, `all` or `training`.
    pub scope: String,
}

/// The training pipeline as continuous training runs it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TrainingPipeline {
    /// KFP package name of the published template.
    pub name: String,
    /// Compiled spec in the kit.
    pub file: String,
    /// Template tag CD moves to each release and CT runs.
    pub tag: String,
}

/// The Vertex AI schedule (`google_colab_schedule`) that runs the batch drift-monitoring pipeline in
/// the training environment, from the template CD publishes.
#[derive(Debug, Clone, Serialize)]
pub struct MonitoringSchedule {
    /// Display name of the schedule and of its runs.
    pub display_name: String,
    /// KFP package name of the monitoring template in the environment's KFP repository.
    pub pipeline: String,
    /// Template tag the schedule runs (CD moves it on every release, as for training).
    pub template_tag: String,
    /// Cron of the runs (UTC), from the answered monitoring frequency.
    pub cron: String,
    /// Environment that schedules it (the one that trains on real data and scores batches).
    pub environment: String,
    /// The pipeline's parameter values in that environment, as HCL object attributes (all strings:
    /// the schedule resource passes parameter values as strings).
    pub parameters: Vec<HclAttribute>,
}

/// The three Cloud Build configs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Builds {
    /// Pull-request checks.
    pub ci: BuildConfig,
    /// Release and promotion.
    pub cd: BuildConfig,
    /// Continuous training.
    pub ct: BuildConfig,
}

/// One Cloud Build config.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildConfig {
    /// Path in the kit.
    pub file: String,
    /// Declared substitutions, in order.
    pub substitutions: Vec<Substitution>,
    /// Timeout in seconds.
    pub timeout_seconds: u32,
}

/// A user-defined substitution.
#[derive(Debug, Clone, Serialize)]
pub struct Substitution {
    /// Key (`_X`).
    pub key: String,
    /// Default written in the config.
    pub default: String,
    /// What it holds.
    pub description: String,
}

/// Pinned builder images.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuilderImages {
    /// Terraform CLI.
    pub terraform: String,
    /// gcloud.
    pub gcloud: String,
    /// Docker CLI (talks to the build host's daemon).
    pub docker: String,
    /// Python for lint, tests, KFP and the Vertex AI SDK.
    pub python: String,
    /// Terraform version inside the Terraform image.
    pub terraform_version: String,
}

/// The VPC network of the platform.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkPlan {
    /// Whether the module creates the VPC (private networking without an answered VPC).
    pub create_vpc: bool,
    /// VPC network name.
    pub vpc: String,
    /// Project holding the VPC (`None`: each environment's own project).
    pub host_project_id: Option<String>,
    /// Whether the client answered `shared_vpc` (the network is a host project's).
    pub shared_vpc: bool,
    /// Name of the reserved range peered with Google services (created VPC only).
    pub peering_range: String,
    /// Prefix length of the peered range.
    pub peering_prefix_length: u32,
}

/// Cloud Build private worker pool.
#[derive(Debug, Clone, Serialize)]
pub struct WorkerPool {
    /// Pool id.
    pub id: String,
    /// Machine type of the workers.
    pub machine_type: String,
}

/// Grants on a shared VPC's host project. The kit's deploy accounts never administer IAM outside
/// their own project, so the bootstrap's operator (or the network team) applies these.
#[derive(Debug, Clone, Serialize)]
pub struct HostNetworkPlan {
    /// Host project id.
    pub project_id: String,
    /// Environment projects whose numbers the service agent grants need (Terraform label, project id).
    pub environments: Vec<EnvironmentProject>,
    /// Roles of Google service agents of each environment project, on the host project.
    pub agent_grants: Vec<AgentGrant>,
    /// Roles of the kit's own service accounts on the host project.
    pub account_grants: Vec<StateGrant>,
}

/// An environment's project, for a `google_project` data source.
#[derive(Debug, Clone, Serialize)]
pub struct EnvironmentProject {
    /// Terraform label (`network_<env>`).
    pub key: String,
    /// Environment name.
    pub environment: String,
    /// Project id.
    pub project_id: String,
}

/// A role for a Google service agent of one environment project.
#[derive(Debug, Clone, Serialize)]
pub struct AgentGrant {
    /// Unique Terraform resource label.
    pub key: String,
    /// Label of the environment's `google_project` data source.
    pub project_key: String,
    /// Service agent: email local-part prefix before the project number.
    pub prefix: String,
    /// Service agent email domain.
    pub domain: String,
    /// Role.
    pub role: String,
    /// Why.
    pub reason: String,
}

/// One attribute of an HCL object literal: key (padded for `terraform fmt` alignment) and value.
#[derive(Debug, Clone, Serialize)]
pub struct HclAttribute {
    /// Key as written: an identifier, or a quoted string when the name is not one.
    pub key: String,
    /// Spaces after the key so the `=` of the object's attributes line up.
    pub pad: String,
    /// String value, escaped by the blueprint's `hcl_string` filter.
    pub string: Option<String>,
    /// Any other value, already an HCL literal (number, bool, null, or `jsondecode` of nested JSON).
    pub literal: Option<String>,
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
    /// Days landing-bucket objects are kept.
    pub landing_days: u32,
    /// Days access logs are kept.
    pub access_logs_days: u32,
    /// Noncurrent Terraform state versions kept.
    pub state_noncurrent_versions: u32,
}

/// What the platform includes at the client's maturity level.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MaturityPlan {
    /// Google MLOps level (0-2).
    pub level: u8,
    /// Included now.
    pub includes: Vec<String>,
    /// Left to later phases of the roadmap.
    pub deferred: Vec<String>,
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
                    format!(
                        "{}@{}.iam.gserviceaccount.com",
                        deploy_id(slug),
                        e.project_id
                    ),
                )
            })
            .collect(),
        project_grants: project_grants(q, kit),
        bucket_grants: bucket_grants(kit),
        repository_grants: repository_grants(kit),
        dataset_grants: vec![
            grant(
                "pipeline",
                "main",
                "roles/bigquery.dataEditor",
                "writes features, predictions and monitoring tables",
            ),
            grant(
                "serving",
                "main",
                "roles/bigquery.dataViewer",
                "reads feature tables at prediction time",
            ),
        ],
        service_account_grants: service_account_grants(kit),
        source_grants: source_grants(kit),
        pipeline_members: kit
            .environments
            .iter()
            .map(|e| format!("serviceAccount:{}", e.service_accounts.pipeline))
            .chain(
                uses_dataflow(kit)
                    .then(|| {
                        kit.environments.iter().map(|e| {
                            format!(
                                "serviceAccount:{}@{}.iam.gserviceaccount.com",
                                dataflow_id(slug),
                                e.project_id
                            )
                        })
                    })
                    .into_iter()
                    .flatten(),
            )
            .collect(),
        cloud_sql_exports: cloud_sql_exports(kit),
        state_grants: state_grants(kit),
        trigger_invoker_role: CustomRole {
            role_id: format!("{}BuildInvoker", slug.replace('-', "_")),
            title: "Start Cloud Build triggers".to_owned(),
            permissions: vec![
                "cloudbuild.builds.create".to_owned(),
                "cloudbuild.builds.get".to_owned(),
            ],
        },
        kms: f.cmek.then(|| KmsPlan {
            rotation_period: "7776000s".to_owned(),
            state_key_ring: format!("{slug}-tfstate-keyring"),
            state_key: format!("{slug}-tfstate"),
            service_agents: service_agents(kit),
        }),
        connection: connection(q, kit),
        triggers: triggers(kit)
            .into_iter()
            .map(|t| (t.key.clone(), t))
            .collect(),
        training_pipeline: training_pipeline(kit),
        monitoring_schedule: monitoring_schedule(kit),
        builds: builds(kit),
        builder_images: BuilderImages {
            terraform: "hashicorp/terraform:1.15.5".to_owned(),
            gcloud: "gcr.io/google.com/cloudsdktool/cloud-sdk:530.0.0-slim".to_owned(),
            docker: "docker:28.3.3-cli".to_owned(),
            python: "python:3.11.13-slim-bookworm".to_owned(),
            terraform_version: "1.15.5".to_owned(),
        },
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
            id: numeric_id(slug),
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
        drift_retraining_enabled,
        drift_log_filter: DRIFT_LOG_FILTER.to_owned(),
        new_data_bucket: (f.retrain_on_new_data && f.landing_bucket).then(|| "landing".to_owned()),
        lifecycle: Lifecycle {
            pipeline_root_days: 30,
            artifacts_noncurrent_versions: 5,
            artifacts_nearline_days: 90,
            landing_days: 90,
            access_logs_days: 365,
            state_noncurrent_versions: 20,
        },
        maturity: maturity(kit, drift_retraining_enabled),
    }
}

/// The training pipeline parameter that names the peered VPC network of its jobs.
const NETWORK_PARAMETER: &str = "network";

fn network(q: &Questionnaire, kit: &Kit) -> Option<NetworkPlan> {
    let f = &kit.features;
    let slug = &kit.client.slug;
    (f.private_network || f.shared_vpc).then(|| NetworkPlan {
        create_vpc: q.gcp.network.vpc.is_none(),
        vpc: q
            .gcp
            .network
            .vpc
            .clone()
            .unwrap_or_else(|| format!("{slug}-ml-vpc")),
        host_project_id: q.gcp.network.host_project_id.clone(),
        shared_vpc: f.shared_vpc,
        peering_range: format!("{slug}-google-services"),
        peering_prefix_length: 20,
    })
}

/// Host-project grants of a shared VPC: the Vertex AI service agent of every environment (and the
/// Cloud Build agent when builds run in a private pool) uses the network, and the accounts that
/// plan and apply read it.
fn host_network(q: &Questionnaire, kit: &Kit) -> Option<HostNetworkPlan> {
    let host = q.gcp.network.host_project_id.clone()?;
    if !kit.features.shared_vpc {
        return None;
    }
    let slug = &kit.client.slug;
    let mut environments = Vec::new();
    let mut agent_grants = Vec::new();
    let mut account_grants = Vec::new();
    for (i, e) in kit.environments.iter().enumerate() {
        let project_key = format!("network_{}", e.name);
        environments.push(EnvironmentProject {
            key: project_key.clone(),
            environment: e.name.clone(),
            project_id: e.project_id.clone(),
        });
        let mut agents = vec![(
            "vertex_ai",
            "gcp-sa-aiplatform.iam.gserviceaccount.com",
            "Vertex AI peers the endpoint, pipeline and training jobs with the shared VPC",
        )];
        if kit.features.private_network {
            agents.push((
                "cloudbuild",
                "gcp-sa-cloudbuild.iam.gserviceaccount.com",
                "Cloud Build peers the private worker pool with the shared VPC",
            ));
        }
        for (agent, domain, reason) in agents {
            agent_grants.push(AgentGrant {
                key: format!("{}_{agent}_network_user", e.name),
                project_key: project_key.clone(),
                prefix: "service-".to_owned(),
                domain: domain.to_owned(),
                role: "roles/compute.networkUser".to_owned(),
                reason: format!("{reason} ({} environment)", e.name),
            });
        }
        let mut readers = vec![(
            "deploy",
            deploy_id(slug),
            format!("The {} deploy account", e.name),
            "plan and apply",
        )];
        if i == 0 {
            readers.push((
                "ci",
                ci_id(slug),
                "The CI account".to_owned(),
                "`terraform plan`",
            ));
        }
        for (key, id, who, when) in readers {
            let member = format!(
                "serviceAccount:{id}@{}.iam.gserviceaccount.com",
                e.project_id
            );
            account_grants.push(StateGrant {
                key: format!("{}_{key}_network_viewer", e.name),
                member: member.clone(),
                role: "roles/compute.networkViewer".to_owned(),
                reason: format!("{who} reads the shared VPC during {when}"),
            });
            account_grants.push(StateGrant {
                key: format!("{}_{key}_browser", e.name),
                member,
                role: "roles/browser".to_owned(),
                reason: format!(
                    "{who} reads the host project's number (Vertex AI names the network by it)"
                ),
            });
        }
    }
    Some(HostNetworkPlan {
        project_id: host,
        environments,
        agent_grants,
        account_grants,
    })
}

/// The training pipeline's parameter values of one environment as HCL object attributes, sorted,
/// with the `=` aligned as `terraform fmt` aligns a run of single-line attributes. When Terraform
/// sets the network parameter itself (it knows the project number), it is left out here.
fn pipeline_parameters(env: &super::Env, terraform_sets_network: bool) -> Vec<HclAttribute> {
    let Some(values) = env.pipeline_values.get("training") else {
        return Vec::new();
    };
    let keys: Vec<(String, &serde_json::Value)> = values
        .iter()
        .filter(|(k, _)| !(terraform_sets_network && k.as_str() == NETWORK_PARAMETER))
        .map(|(k, v)| (hcl_key(k), v))
        .collect();
    let width = keys
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    keys.into_iter()
        .map(|(key, value)| {
            let pad = " ".repeat(width - key.chars().count());
            let (string, literal) = match value {
                serde_json::Value::String(s) => (Some(s.clone()), None),
                serde_json::Value::Null => (None, Some("null".to_owned())),
                serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {
                    (None, Some(value.to_string()))
                }
                nested => (
                    None,
                    Some(format!(
                        "jsondecode({})",
                        crate::render::filters::hcl_string(&nested.to_string())
                    )),
                ),
            };
            HclAttribute {
                key,
                pad,
                string,
                literal,
            }
        })
        .collect()
}

/// An HCL object key: the name itself when it is an identifier, otherwise a quoted string.
fn hcl_key(name: &str) -> String {
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if identifier {
        name.to_owned()
    } else {
        crate::render::filters::hcl_string(name)
    }
}

/// Account id of the deploy (Terraform apply) service account.
#[must_use]
pub fn deploy_id(slug: &str) -> String {
    format!("{slug}-deploy")
}

/// Account id of the CI service account (at least 6 characters even for a 2-character slug).
#[must_use]
pub fn ci_id(slug: &str) -> String {
    format!("{slug}-ci-checks")
}

/// Account id of the Dataflow worker service account (data preparation of terabytes).
#[must_use]
pub fn dataflow_id(slug: &str) -> String {
    format!("{slug}-dataflow")
}

/// Whether the training data is prepared by a Dataflow job (1 TB and more).
fn uses_dataflow(kit: &Kit) -> bool {
    kit.model.data_preparation == "dataflow"
}

/// A stable 10-digit id without a leading zero, from the client slug (Vertex endpoint ids are digits).
#[must_use]
pub fn numeric_id(seed: &str) -> String {
    let digest = Sha256::digest(format!("mlops-kit endpoint {seed}").as_bytes());
    let mut n = u64::from_be_bytes(digest[..8].try_into().unwrap_or([1; 8]));
    n %= 9_000_000_000;
    (n + 1_000_000_000).to_string()
}

fn grant(member: &str, target: &str, role: &str, reason: &str) -> Grant {
    let role_short = role.strip_prefix("roles/").unwrap_or(role);
    let target_part = if target.is_empty() {
        String::new()
    } else {
        format!("{target}_")
    };
    Grant {
        key: format!("{member}_{target_part}{}", snake_role(role_short)),
        member: member.to_owned(),
        target: target.to_owned(),
        role: role.to_owned(),
        reason: reason.to_owned(),
        checkov_skip: None,
    }
}

fn snake_role(role: &str) -> String {
    let mut out = String::new();
    for c in role.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push('_');
        }
    }
    out
}

fn apis(kit: &Kit) -> Vec<String> {
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
    if f.retrain_on_drift || f.retrain_on_new_data {
        apis.push("pubsub.googleapis.com");
    }
    if f.private_network || f.shared_vpc {
        apis.push("compute.googleapis.com");
        apis.push("servicenetworking.googleapis.com");
    }
    if kit.data.sources.iter().any(|s| s.kind == "cloud_sql") {
        apis.push("sqladmin.googleapis.com");
    }
    if uses_dataflow(kit) {
        apis.push("dataflow.googleapis.com");
    }
    apis.sort_unstable();
    apis.dedup();
    apis.into_iter().map(str::to_owned).collect()
}

fn service_accounts(kit: &Kit) -> Vec<ServiceAccount> {
    let ids = &kit.names.service_account_ids;
    let sa = |key: &str, id: &str, name: &str, what: &str| ServiceAccount {
        key: key.to_owned(),
        account_id: id.to_owned(),
        display_name: name.to_owned(),
        description: what.to_owned(),
    };
    let mut out = vec![
        sa(
            "pipeline",
            &ids.pipeline,
            "ML pipeline runner",
            "Runs Vertex AI pipelines and their training jobs",
        ),
        sa(
            "ci",
            &ci_id(&kit.client.slug),
            "Cloud Build (CI)",
            "Runs pull-request checks; reads, never changes, the platform",
        ),
        sa(
            "build",
            &ids.build,
            "Cloud Build (CT)",
            "Runs continuous-training builds",
        ),
        sa(
            "deploy",
            &deploy_id(&kit.client.slug),
            "Cloud Build (CD)",
            "Applies Terraform and publishes releases from the main branch",
        ),
        sa(
            "trigger",
            &ids.trigger,
            "Retraining trigger",
            "Starts continuous-training builds from Cloud Scheduler and Pub/Sub",
        ),
        sa(
            "serving",
            &ids.serving,
            "Model serving",
            "Identity of deployed models and batch prediction jobs",
        ),
    ];
    if uses_dataflow(kit) {
        out.push(sa(
            "dataflow",
            &dataflow_id(&kit.client.slug),
            "Dataflow worker",
            "Identity of the Dataflow workers that prepare the training data",
        ));
    }
    out
}

fn project_grants(q: &Questionnaire, kit: &Kit) -> Vec<Grant> {
    let mut g = vec![
        grant(
            "pipeline",
            "",
            "roles/aiplatform.user",
            "creates training jobs, models and deployments (Vertex AI has no per-resource IAM for jobs)",
        ),
        grant(
            "pipeline",
            "",
            "roles/bigquery.jobUser",
            "runs queries (BigQuery jobs are project resources)",
        ),
        grant("pipeline", "", "roles/logging.logWriter", "writes job logs"),
        grant(
            "build",
            "",
            "roles/logging.logWriter",
            "writes build logs (configs log to Cloud Logging only)",
        ),
        grant(
            "build",
            "",
            "roles/aiplatform.user",
            "submits continuous-training pipeline runs",
        ),
        grant(
            "ci",
            "",
            "roles/logging.logWriter",
            "writes build logs (configs log to Cloud Logging only)",
        ),
        grant(
            "ci",
            "",
            "roles/browser",
            "reads project metadata during `terraform plan`",
        ),
        grant(
            "serving",
            "",
            "roles/logging.logWriter",
            "writes prediction container logs",
        ),
        grant(
            "serving",
            "",
            "roles/monitoring.metricWriter",
            "writes serving metrics",
        ),
        grant(
            "deploy",
            "",
            "roles/logging.logWriter",
            "writes release build logs",
        ),
    ];
    // The deploy account applies Terraform: it administers exactly the services the module manages.
    let mut admin = vec![
        ("roles/serviceusage.serviceUsageAdmin", "enables the APIs"),
        (
            "roles/iam.serviceAccountCreator",
            "creates the kit's service accounts (each is then administered at account level)",
        ),
        (
            "roles/iam.roleAdmin",
            "manages the build-invoker custom role",
        ),
        (
            "roles/resourcemanager.projectIamAdmin",
            "grants the roles listed in iam.tf",
        ),
        ("roles/storage.admin", "manages the buckets"),
        (
            "roles/artifactregistry.admin",
            "manages the registries and publishes releases",
        ),
        ("roles/bigquery.admin", "manages the dataset"),
        ("roles/cloudbuild.builds.editor", "manages the triggers"),
        (
            "roles/cloudbuild.connectionAdmin",
            "manages the repository connection",
        ),
        (
            "roles/secretmanager.admin",
            "manages the connection's secret containers",
        ),
        (
            "roles/monitoring.notificationChannelEditor",
            "manages alert channels",
        ),
        (
            "roles/monitoring.alertPolicyEditor",
            "manages the alert policies",
        ),
    ];
    let f = &kit.features;
    // Vertex AI resources Terraform manages: the endpoint, TensorBoard and the schedule of the batch
    // drift-monitoring pipeline.
    let vertex: Vec<&str> = [
        (f.online_serving, "the endpoint"),
        (f.tensorboard, "TensorBoard"),
        (
            f.batch_drift_monitoring,
            "the drift-monitoring pipeline schedule",
        ),
    ]
    .into_iter()
    .filter_map(|(on, what)| on.then_some(what))
    .collect();
    let vertex_reason = match vertex.as_slice() {
        [] => String::new(),
        [one] => format!("manages {one}"),
        [init @ .., last] => format!("manages {} and {last}", init.join(", ")),
    };
    if !vertex.is_empty() {
        admin.push(("roles/aiplatform.admin", &vertex_reason));
    }
    if f.retrain_on_drift {
        admin.push(("roles/logging.configWriter", "manages the drift log sink"));
    }
    if f.retrain_on_schedule {
        admin.push((
            "roles/cloudscheduler.admin",
            "manages the retraining schedule",
        ));
    }
    if f.retrain_on_drift || f.retrain_on_new_data {
        admin.push(("roles/pubsub.admin", "manages the retraining topics"));
    }
    if f.cmek {
        admin.push(("roles/cloudkms.admin", "manages the key ring and keys"));
    }
    if f.private_network {
        admin.push((
            "roles/cloudbuild.workerPoolOwner",
            "manages the private worker pool",
        ));
        if q.gcp.network.vpc.is_none() {
            admin.push((
                "roles/compute.networkAdmin",
                "manages the network the kit creates",
            ));
            admin.push((
                "roles/compute.securityAdmin",
                "manages that network's firewall rule",
            ));
            admin.push((
                "roles/servicenetworking.networksAdmin",
                "peers that network with Google services",
            ));
        } else if q.gcp.network.host_project_id.is_none() {
            admin.push(("roles/compute.networkViewer", "reads the client's network"));
        }
    }
    for (role, why) in admin {
        let mut gr = grant("deploy", "", role, why);
        if role == "roles/cloudbuild.builds.editor" {
            gr.checkov_skip = Some(
                "CKV_GCP_49:The deploy account applies the Terraform that manages the Cloud Build triggers, which have no IAM scope below the project; running a build as another account still needs actAs on that account, granted per account in this file"
                    .to_owned(),
            );
        }
        g.push(gr);
    }
    if f.private_network {
        g.push(grant(
            "build",
            "",
            "roles/cloudbuild.workerPoolUser",
            "runs builds in the private pool",
        ));
        g.push(grant(
            "deploy",
            "",
            "roles/cloudbuild.workerPoolUser",
            "runs builds in the private pool",
        ));
        g.push(grant(
            "ci",
            "",
            "roles/cloudbuild.workerPoolUser",
            "runs builds in the private pool",
        ));
        if q.gcp.network.vpc.is_some() && q.gcp.network.host_project_id.is_none() {
            g.push(grant(
                "ci",
                "",
                "roles/compute.networkViewer",
                "reads the answered VPC during `terraform plan`",
            ));
        }
    }
    if uses_dataflow(kit) {
        let mut developer = grant(
            "pipeline",
            "",
            "roles/dataflow.developer",
            "launches and watches the Dataflow job that prepares the training data (Dataflow jobs are project resources)",
        );
        developer.checkov_skip = Some(
            "CKV_GCP_49:Dataflow jobs have no IAM scope below the project; a job runs as the Dataflow worker account only because the pipeline account has actAs on that one account, granted per account in this file, never on every account of the project"
                .to_owned(),
        );
        g.push(developer);
        g.push(grant(
            "dataflow",
            "",
            "roles/dataflow.worker",
            "runs the work items of the data-preparation job",
        ));
    }
    g
}

fn bucket_grants(kit: &Kit) -> Vec<Grant> {
    let mut g = vec![
        grant(
            "pipeline",
            "pipeline_root",
            "roles/storage.objectAdmin",
            "writes pipeline run outputs",
        ),
        grant(
            "pipeline",
            "artifacts",
            "roles/storage.objectAdmin",
            "writes models, data snapshots and batch predictions",
        ),
        grant(
            "serving",
            "artifacts",
            "roles/storage.objectViewer",
            "loads model artifacts",
        ),
        grant(
            "build",
            "pipeline_root",
            "roles/storage.objectViewer",
            "reads run outputs when a continuous-training build waits for a run",
        ),
        grant(
            "deploy",
            "artifacts",
            "roles/storage.objectAdmin",
            "writes release records and saved plans",
        ),
    ];
    if kit.features.landing_bucket {
        g.push(grant(
            "pipeline",
            "landing",
            "roles/storage.objectViewer",
            "reads data landed from outside Google Cloud",
        ));
    }
    if uses_dataflow(kit) {
        g.push(grant(
            "dataflow",
            "pipeline_root",
            "roles/storage.objectAdmin",
            "writes the prepared dataset into the pipeline run's output",
        ));
        g.push(grant(
            "dataflow",
            "artifacts",
            "roles/storage.objectAdmin",
            "stages the job's files and temporary data (and reads Cloud SQL exports)",
        ));
        if kit.features.landing_bucket {
            g.push(grant(
                "dataflow",
                "landing",
                "roles/storage.objectViewer",
                "reads data landed from outside Google Cloud",
            ));
        }
    }
    g
}

fn repository_grants(kit: &Kit) -> Vec<Grant> {
    let mut g = vec![
        grant(
            "pipeline",
            "docker",
            "roles/artifactregistry.reader",
            "pulls component images",
        ),
        grant(
            "build",
            "kfp",
            "roles/artifactregistry.reader",
            "reads pipeline templates to run them",
        ),
        grant(
            "deploy",
            "docker",
            "roles/artifactregistry.writer",
            "pushes release images",
        ),
        grant(
            "deploy",
            "kfp",
            "roles/artifactregistry.writer",
            "publishes pipeline templates",
        ),
    ];
    if kit.features.custom_serving_image {
        g.push(grant(
            "serving",
            "docker",
            "roles/artifactregistry.reader",
            "pulls the serving image",
        ));
    }
    if kit.features.batch_drift_monitoring {
        g.push(grant(
            "pipeline",
            "kfp",
            "roles/artifactregistry.reader",
            "reads the monitoring template its schedule runs",
        ));
    }
    g
}

fn service_account_grants(kit: &Kit) -> Vec<Grant> {
    let mut g = vec![
        grant(
            "pipeline",
            "pipeline",
            "roles/iam.serviceAccountUser",
            "starts training jobs as itself",
        ),
        grant(
            "pipeline",
            "serving",
            "roles/iam.serviceAccountUser",
            "deploys models that run as the serving account",
        ),
        grant(
            "build",
            "pipeline",
            "roles/iam.serviceAccountUser",
            "submits pipeline runs that run as the pipeline account",
        ),
        grant(
            "trigger",
            "build",
            "roles/iam.serviceAccountUser",
            "starts builds that run as the build account",
        ),
    ];
    let mut targets = vec!["pipeline", "ci", "build", "deploy", "trigger", "serving"];
    if uses_dataflow(kit) {
        g.push(grant(
            "pipeline",
            "dataflow",
            "roles/iam.serviceAccountUser",
            "launches the data-preparation job with the Dataflow worker account",
        ));
        targets.push("dataflow");
    }
    for target in targets {
        g.push(grant(
            "deploy",
            target,
            "roles/iam.serviceAccountUser",
            "attaches the account to the triggers, jobs and schedules Terraform manages",
        ));
        g.push(grant(
            "deploy",
            target,
            "roles/iam.serviceAccountAdmin",
            "updates the account and its IAM policy (creation needs serviceAccountCreator on the project)",
        ));
    }
    g.sort_by(|a, b| a.key.cmp(&b.key));
    g
}

fn state_grants(kit: &Kit) -> Vec<StateGrant> {
    let mut out = Vec::new();
    for (i, e) in kit.environments.iter().enumerate() {
        out.push(StateGrant {
            key: format!("{}_deploy", e.name),
            member: format!(
                "serviceAccount:{}@{}.iam.gserviceaccount.com",
                deploy_id(&kit.client.slug),
                e.project_id
            ),
            role: "roles/storage.objectAdmin".to_owned(),
            reason: format!("the {} deploy account reads and writes its state", e.name),
        });
        if i == 0 {
            out.push(StateGrant {
                key: format!("{}_ci", e.name),
                member: format!(
                    "serviceAccount:{}@{}.iam.gserviceaccount.com",
                    ci_id(&kit.client.slug),
                    e.project_id
                ),
                role: "roles/storage.objectViewer".to_owned(),
                reason: format!("CI plans the {} root as the CI account", e.name),
            });
        }
    }
    out
}

fn source_grants(kit: &Kit) -> Vec<SourceGrant> {
    let mut out = Vec::new();
    for (i, s) in kit.data.sources.iter().enumerate() {
        let n = i + 1;
        match s.kind.as_str() {
            "bigquery" => out.push(SourceGrant {
                key: format!("source_{n}_bigquery"),
                scope: "bigquery_dataset".to_owned(),
                project_id: s.project_id.clone(),
                dataset: s.dataset.clone(),
                bucket: None,
                role: "roles/bigquery.dataViewer".to_owned(),
                reason: "reads the training table (dataset-level grant in the source project)".to_owned(),
            }),
            "cloud_storage" => out.push(SourceGrant {
                key: format!("source_{n}_bucket"),
                scope: "bucket".to_owned(),
                project_id: None,
                dataset: None,
                bucket: s.bucket.clone(),
                role: "roles/storage.objectViewer".to_owned(),
                reason: "reads the training files (bucket-level grant)".to_owned(),
            }),
            "cloud_sql" => out.push(SourceGrant {
                key: format!("source_{n}_cloudsql"),
                scope: "project".to_owned(),
                project_id: s.project_id.clone(),
                dataset: None,
                bucket: None,
                // Only the first source is the pipeline's: it exports that table.
                role: if i == 0 {
                    "roles/cloudsql.editor"
                } else {
                    "roles/cloudsql.client"
                }
                .to_owned(),
                reason: if i == 0 {
                    "starts the CSV export of the training table: cloudsql.instances.export, which Cloud SQL Viewer and Client lack; Cloud SQL Editor is the narrowest predefined role with it, on the project as Cloud SQL has no instance-level IAM"
                } else {
                    "connects to the instance; Cloud SQL has no instance-level IAM, so the source project is the narrowest scope"
                }
                .to_owned(),
            }),
            _ => {}
        }
    }
    out
}

fn cloud_sql_exports(kit: &Kit) -> Vec<CloudSqlExport> {
    kit.data
        .sources
        .iter()
        .enumerate()
        // The extract step exports from the first source only.
        .take(1)
        .filter(|(_, s)| s.kind == "cloud_sql")
        .filter_map(|(i, s)| {
            Some(CloudSqlExport {
                key: format!("source_{}_cloudsql", i + 1),
                project_id: s.project_id.clone()?,
                instance: s.instance.clone()?,
                role: "roles/storage.objectCreator".to_owned(),
                buckets: kit
                    .environments
                    .iter()
                    .map(|e| EnvironmentBucket {
                        environment: e.name.clone(),
                        bucket: e.buckets.artifacts.clone(),
                    })
                    .collect(),
                reason: "the instance's service account writes the CSV export the pipeline starts (storage.objects.create; the export is not parallel, so it neither lists nor deletes)".to_owned(),
            })
        })
        .collect()
}

fn service_agents(kit: &Kit) -> Vec<ServiceAgent> {
    let f = &kit.features;
    let agent = |key: &str, product: &str, prefix: &str, domain: &str| ServiceAgent {
        key: key.to_owned(),
        product: product.to_owned(),
        prefix: prefix.to_owned(),
        domain: domain.to_owned(),
    };
    let mut out = vec![
        agent(
            "storage",
            "Cloud Storage",
            "service-",
            "gs-project-accounts.iam.gserviceaccount.com",
        ),
        agent(
            "artifact_registry",
            "Artifact Registry",
            "service-",
            "gcp-sa-artifactregistry.iam.gserviceaccount.com",
        ),
        agent(
            "bigquery",
            "BigQuery",
            "bq-",
            "bigquery-encryption.iam.gserviceaccount.com",
        ),
        agent(
            "vertex_ai",
            "Vertex AI",
            "service-",
            "gcp-sa-aiplatform.iam.gserviceaccount.com",
        ),
        agent(
            "secret_manager",
            "Secret Manager",
            "service-",
            "gcp-sa-secretmanager.iam.gserviceaccount.com",
        ),
    ];
    if f.retrain_on_drift || f.retrain_on_new_data {
        out.push(agent(
            "pubsub",
            "Pub/Sub",
            "service-",
            "gcp-sa-pubsub.iam.gserviceaccount.com",
        ));
    }
    out
}

fn connection(q: &Questionnaire, kit: &Kit) -> Connection {
    let repo = &q.gcp.source_repository;
    let slug = &kit.client.slug;
    let secret = |key: &str, suffix: &str, holds: &str| ConnectionSecret {
        key: key.to_owned(),
        secret_id: format!("{slug}-{suffix}"),
        holds: holds.to_owned(),
    };
    let server = repo
        .server_url
        .clone()
        .map(|s| s.trim_end_matches('/').to_owned());
    let (block, repo_type, secrets, steps): (&str, &str, Vec<ConnectionSecret>, Vec<&str>) =
        match repo.host {
            RepositoryHost::Github => (
                "github_config",
                "GITHUB",
                vec![secret(
                    "github_oauth_token",
                    "github-oauth-token",
                    "a GitHub personal access token of the user who installs the Cloud Build GitHub App",
                )],
                vec![
                    "Install the Google Cloud Build GitHub App on the repository's organization and note the installation id.",
                    "Add a version to the `github-oauth-token` secret with a personal access token (scopes: repo, read:user, read:org).",
                ],
            ),
            RepositoryHost::GithubEnterprise => (
                "github_enterprise_config",
                "GITHUB",
                vec![
                    secret(
                        "ghe_private_key",
                        "ghe-app-private-key",
                        "the private key of the GitHub App created on the server",
                    ),
                    secret(
                        "ghe_webhook_secret",
                        "ghe-webhook-secret",
                        "the webhook secret of that GitHub App",
                    ),
                ],
                vec![
                    "Create a GitHub App on the GitHub Enterprise server, install it on the repository and note its app id, slug and installation id.",
                    "Add versions to the `ghe-app-private-key` and `ghe-webhook-secret` secrets.",
                ],
            ),
            RepositoryHost::Gitlab | RepositoryHost::GitlabSelfManaged => (
                "gitlab_config",
                "GITLAB",
                vec![
                    secret(
                        "gitlab_api_token",
                        "gitlab-api-token",
                        "a GitLab access token with the `api` scope",
                    ),
                    secret(
                        "gitlab_read_token",
                        "gitlab-read-token",
                        "a GitLab access token with the `read_api` scope",
                    ),
                    secret(
                        "gitlab_webhook_secret",
                        "gitlab-webhook-secret",
                        "a random string GitLab signs webhooks with",
                    ),
                ],
                vec![
                    "Create two GitLab access tokens (scopes `api` and `read_api`) for a bot user with Maintainer access to the repository.",
                    "Add versions to the `gitlab-api-token`, `gitlab-read-token` and `gitlab-webhook-secret` secrets.",
                ],
            ),
            RepositoryHost::BitbucketCloud => (
                "bitbucket_cloud_config",
                "BITBUCKET_CLOUD",
                vec![
                    secret(
                        "bitbucket_admin_token",
                        "bitbucket-admin-token",
                        "a Bitbucket workspace access token with repository and webhook admin scopes",
                    ),
                    secret(
                        "bitbucket_read_token",
                        "bitbucket-read-token",
                        "a Bitbucket workspace access token with repository read scope",
                    ),
                    secret(
                        "bitbucket_webhook_secret",
                        "bitbucket-webhook-secret",
                        "a random string Bitbucket signs webhooks with",
                    ),
                ],
                vec![
                    "Create two workspace access tokens (admin: repository admin and webhooks; read: repository read).",
                    "Add versions to the `bitbucket-admin-token`, `bitbucket-read-token` and `bitbucket-webhook-secret` secrets.",
                ],
            ),
            RepositoryHost::BitbucketDataCenter => (
                "bitbucket_data_center_config",
                "BITBUCKET_SERVER",
                vec![
                    secret(
                        "bitbucket_admin_token",
                        "bitbucket-admin-token",
                        "a Bitbucket Data Center HTTP access token with repository admin permission",
                    ),
                    secret(
                        "bitbucket_read_token",
                        "bitbucket-read-token",
                        "a Bitbucket Data Center HTTP access token with repository read permission",
                    ),
                    secret(
                        "bitbucket_webhook_secret",
                        "bitbucket-webhook-secret",
                        "a random string Bitbucket signs webhooks with",
                    ),
                ],
                vec![
                    "Create two HTTP access tokens on the server (repository admin and repository read).",
                    "Add versions to the `bitbucket-admin-token`, `bitbucket-read-token` and `bitbucket-webhook-secret` secrets.",
                ],
            ),
        };
    let mut setup_steps: Vec<String> = steps.into_iter().map(str::to_owned).collect();
    setup_steps.push(if matches!(
        repo.host,
        RepositoryHost::Github | RepositoryHost::GithubEnterprise
    ) {
        "Set `enable_repository_connection = true` and the GitHub App ids above in terraform.tfvars, and apply again.".to_owned()
    } else {
        "Set `enable_repository_connection = true` in terraform.tfvars and apply again.".to_owned()
    });
    Connection {
        host: kit.repository.host.clone(),
        config_block: block.to_owned(),
        repo_type: repo_type.to_owned(),
        host_uri: match repo.host {
            RepositoryHost::GithubEnterprise
            | RepositoryHost::GitlabSelfManaged
            | RepositoryHost::BitbucketDataCenter => server,
            _ => None,
        },
        workspace: (repo.host == RepositoryHost::BitbucketCloud)
            .then(|| kit.repository.owner.clone()),
        secrets,
        needs_app_installation_id: matches!(
            repo.host,
            RepositoryHost::Github | RepositoryHost::GithubEnterprise
        ),
        needs_app_id: repo.host == RepositoryHost::GithubEnterprise,
        setup_steps,
    }
}

fn triggers(kit: &Kit) -> Vec<Trigger> {
    let slug = &kit.client.slug;
    let f = &kit.features;
    let t = |key: &str, name: &str, what: &str, file: &str, sa: &str, scope: &str| Trigger {
        key: key.to_owned(),
        name: format!("{slug}-{name}"),
        description: what.to_owned(),
        filename: file.to_owned(),
        service_account: sa.to_owned(),
        scope: scope.to_owned(),
    };
    let mut out = vec![
        t(
            "ci",
            "ci",
            "Pull-request checks: lint, tests, image builds, pipeline validation, Terraform plan",
            "cloudbuild/ci.yaml",
            "ci",
            "ci",
        ),
        t(
            "cd",
            "cd",
            "Release: Terraform apply, images and pipeline templates (built in the first environment, promoted by digest after)",
            "cloudbuild/cd.yaml",
            "deploy",
            "all",
        ),
        t(
            "ct",
            "ct",
            "Continuous training: run the training pipeline and wait for it",
            "cloudbuild/ct.yaml",
            "build",
            "all",
        ),
    ];
    if f.retrain_on_new_data {
        out.push(t(
            "ct_new_data",
            "ct-new-data",
            "Continuous training when new data lands",
            "cloudbuild/ct.yaml",
            "build",
            "training",
        ));
    }
    if f.retrain_on_drift {
        out.push(t(
            "ct_drift",
            "ct-drift",
            "Continuous training when drift monitoring raises an anomaly",
            "cloudbuild/ct.yaml",
            "build",
            "training",
        ));
    }
    out
}

fn sub(key: &str, default: &str, description: &str) -> Substitution {
    Substitution {
        key: key.to_owned(),
        default: default.to_owned(),
        description: description.to_owned(),
    }
}

fn training_pipeline(kit: &Kit) -> TrainingPipeline {
    let training = kit.pipelines.iter().find(|p| p.key == "training");
    TrainingPipeline {
        name: training.map_or_else(
            || format!("{}-training", kit.client.slug),
            |p| p.name.clone(),
        ),
        file: training.map_or_else(
            || "pipelines/training_pipeline.yaml".to_owned(),
            |p| p.file.clone(),
        ),
        tag: "current".to_owned(),
    }
}

fn monitoring_schedule(kit: &Kit) -> Option<MonitoringSchedule> {
    if !kit.features.batch_drift_monitoring {
        return None;
    }
    let pipeline = kit.pipelines.iter().find(|p| p.key == "monitoring")?;
    let env = kit
        .environments
        .iter()
        .find(|e| e.name == kit.training_environment)?;
    let values = env.pipeline_values.get(&pipeline.key)?;
    let keys: Vec<(String, String)> = values
        .iter()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (hcl_key(k), text)
        })
        .collect();
    let width = keys
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    Some(MonitoringSchedule {
        display_name: pipeline.name.clone(),
        pipeline: pipeline.name.clone(),
        template_tag: training_pipeline(kit).tag,
        cron: kit.monitoring.cron.clone(),
        environment: env.name.clone(),
        parameters: keys
            .into_iter()
            .map(|(key, text)| HclAttribute {
                pad: " ".repeat(width - key.chars().count()),
                key,
                string: Some(text),
                literal: None,
            })
            .collect(),
    })
}

fn builds(kit: &Kit) -> Builds {
    let region = &kit.region;
    let ci_env = &kit.environments[0];
    let training = training_pipeline(kit);
    let (pipeline_name, pipeline_file) = (training.name, training.file);
    Builds {
        ci: BuildConfig {
            file: "cloudbuild/ci.yaml".to_owned(),
            substitutions: vec![
                sub("_REGION", region, "Region of every regional resource"),
                sub(
                    "_ENV",
                    &ci_env.name,
                    "Environment whose Terraform root CI plans",
                ),
                sub(
                    "_DOCKER_REGISTRY",
                    &ci_env.docker_registry,
                    "Docker repository images are tagged for (CI does not push)",
                ),
            ],
            timeout_seconds: 3600,
        },
        cd: BuildConfig {
            file: "cloudbuild/cd.yaml".to_owned(),
            substitutions: vec![
                sub("_REGION", region, "Region of every regional resource"),
                sub("_ENV", &ci_env.name, "Environment this build releases to"),
                sub(
                    "_DOCKER_REGISTRY",
                    &ci_env.docker_registry,
                    "Docker repository of this environment",
                ),
                sub(
                    "_KFP_REGISTRY",
                    &ci_env.kfp_registry,
                    "KFP template repository of this environment",
                ),
                sub(
                    "_ARTIFACTS_BUCKET",
                    &ci_env.buckets.artifacts,
                    "Bucket of release records and saved plans",
                ),
                sub(
                    "_SOURCE_ENV",
                    "",
                    "Environment promoted from; empty builds from source",
                ),
                sub(
                    "_SOURCE_DOCKER_REGISTRY",
                    "",
                    "Docker repository promoted from",
                ),
                sub(
                    "_SOURCE_KFP_REGISTRY",
                    "",
                    "KFP template repository promoted from",
                ),
                sub(
                    "_SOURCE_ARTIFACTS_BUCKET",
                    "",
                    "Release records promoted from",
                ),
                sub(
                    "_RELEASE",
                    "",
                    "Commit of the release to promote; empty promotes the source's latest",
                ),
            ],
            timeout_seconds: 5400,
        },
        ct: BuildConfig {
            file: "cloudbuild/ct.yaml".to_owned(),
            substitutions: vec![
                sub("_REGION", region, "Region of every regional resource"),
                sub("_ENV", &ci_env.name, "Environment the pipeline runs in"),
                sub(
                    "_KFP_REGISTRY",
                    &ci_env.kfp_registry,
                    "KFP template repository",
                ),
                sub(
                    "_PIPELINE_NAME",
                    &pipeline_name,
                    "KFP package of the training pipeline",
                ),
                sub(
                    "_PIPELINE_FILE",
                    &pipeline_file,
                    "Compiled spec in the repository; CD publishes it as the template CT runs",
                ),
                sub(
                    "_TEMPLATE_TAG",
                    "current",
                    "Template tag to run (CD moves it on every release)",
                ),
                sub(
                    "_PIPELINE_ROOT",
                    &format!("gs://{}/runs", ci_env.buckets.pipeline_root),
                    "Root of pipeline run outputs",
                ),
                sub(
                    "_PIPELINE_SA",
                    &ci_env.service_accounts.pipeline,
                    "Service account the run uses",
                ),
                sub(
                    "_KMS_KEY",
                    ci_env.kms.as_ref().map_or("", |k| k.key_id.as_str()),
                    "Cloud KMS key of the run, empty without CMEK",
                ),
                sub(
                    "_NETWORK",
                    "",
                    "VPC network the run peers with (projects/NUMBER/global/networks/NAME), set by the triggers; empty runs without one",
                ),
                sub(
                    "_PARAMETER_VALUES",
                    "{}",
                    "Pipeline parameter values as a JSON object",
                ),
                sub(
                    "_RUN_REASON",
                    "manual",
                    "What started the run: manual, schedule, new_data or drift",
                ),
            ],
            timeout_seconds: 86_400,
        },
    }
}

fn perimeter_services(kit: &Kit) -> Vec<String> {
    if !kit.features.vpc_service_controls {
        return Vec::new();
    }
    let mut s = vec![
        "aiplatform.googleapis.com",
        "artifactregistry.googleapis.com",
        "bigquery.googleapis.com",
        "cloudbuild.googleapis.com",
        "logging.googleapis.com",
        "monitoring.googleapis.com",
        "secretmanager.googleapis.com",
        "storage.googleapis.com",
    ];
    let f = &kit.features;
    if f.cmek {
        s.push("cloudkms.googleapis.com");
    }
    if f.retrain_on_drift || f.retrain_on_new_data {
        s.push("pubsub.googleapis.com");
    }
    if f.retrain_on_schedule {
        s.push("cloudscheduler.googleapis.com");
    }
    if kit.data.sources.iter().any(|s| s.kind == "cloud_sql") {
        s.push("sqladmin.googleapis.com");
    }
    s.sort_unstable();
    s.into_iter().map(str::to_owned).collect()
}

fn maturity(kit: &Kit, drift_enabled: bool) -> MaturityPlan {
    let level = kit.maturity.google_level;
    let f = &kit.features;
    let mut includes = vec![
        "Infrastructure as code for every environment, with remote state and dedicated least-privilege service accounts".to_owned(),
        "CI on every pull request: lint, unit tests, image builds, pipeline validation, Terraform plan and security checks".to_owned(),
        "CD on merge to main, with promotion by image digest to later environments".to_owned(),
        "A continuous-training trigger that runs the training pipeline on demand".to_owned(),
    ];
    let mut deferred = Vec::new();
    if f.retrain_on_schedule {
        includes
            .push("Scheduled retraining (Cloud Scheduler) in the training environment".to_owned());
    }
    if f.retrain_on_new_data {
        includes.push(if f.landing_bucket {
            "Retraining when new data lands in the landing bucket".to_owned()
        } else {
            "Retraining when the data load announces new data on the new-data topic".to_owned()
        });
    }
    if f.retrain_on_drift {
        if drift_enabled {
            includes.push("Retraining when drift monitoring raises an anomaly".to_owned());
        } else {
            includes.push(
                "The drift-to-retraining route (log sink, topic, trigger), created switched off"
                    .to_owned(),
            );
            deferred.push(
                "Switching drift-triggered retraining on (`enable_drift_retraining = true`) once drift monitoring has run for a few cycles and its thresholds are trusted: at level 0 nothing is monitored yet".to_owned(),
            );
        }
    }
    if level < 2 {
        deferred.push(
            "Automatic promotion to pre-production (level 2): every environment after the first promotes a release when a person runs its CD trigger, until the pipeline has a track record"
                .to_owned(),
        );
        deferred.push("Several models per kit and shared pipeline components (level 2)".to_owned());
    }
    if f.landing_bucket {
        deferred.push(
            "Continuous training on the client's live data: the data must first be moved into Google Cloud; the landing bucket is ready for the transfer".to_owned(),
        );
    }
    MaturityPlan {
        level,
        includes,
        deferred,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::kit::example as kit;

    #[test]
    fn endpoint_ids_are_ten_digits_without_leading_zero_and_stable() {
        let id = numeric_id("lojarapida");
        assert_eq!(id.len(), 10);
        assert!(!id.starts_with('0') && id.chars().all(|c| c.is_ascii_digit()));
        assert_eq!(id, numeric_id("lojarapida"));
        assert_ne!(id, numeric_id("credseg"));
    }

    #[test]
    fn no_primitive_or_project_level_impersonation_roles() {
        for name in ["retail-startup", "fintech-regulated", "industrial-onprem"] {
            let p = kit(name).platform;
            for g in &p.project_grants {
                assert!(
                    !matches!(
                        g.role.as_str(),
                        "roles/owner" | "roles/editor" | "roles/viewer"
                    ) && !g.role.contains("serviceAccountUser")
                        && !g.role.contains("serviceAccountTokenCreator"),
                    "{name}: {} at project level",
                    g.role
                );
            }
        }
    }

    #[test]
    fn grant_keys_are_unique() {
        for name in ["retail-startup", "fintech-regulated", "industrial-onprem"] {
            let p = kit(name).platform;
            let mut keys: Vec<&str> = p
                .project_grants
                .iter()
                .chain(&p.bucket_grants)
                .chain(&p.repository_grants)
                .chain(&p.dataset_grants)
                .chain(&p.service_account_grants)
                .map(|g| g.key.as_str())
                .collect();
            let n = keys.len();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), n, "{name}");
        }
    }

    #[test]
    fn pipeline_parameters_align_keys_and_keep_non_identifiers_and_nested_values_literal() {
        let mut env = kit("retail-startup").environments[0].clone();
        let values: std::collections::BTreeMap<String, serde_json::Value> = [
            ("a".to_owned(), serde_json::json!("x \"${y}\"")),
            ("long_name".to_owned(), serde_json::json!(0.5)),
            ("has space".to_owned(), serde_json::json!(true)),
            ("nested".to_owned(), serde_json::json!({"k": [1, "${z}"]})),
            (
                "network".to_owned(),
                serde_json::json!("projects/p/global/networks/n"),
            ),
        ]
        .into_iter()
        .collect();
        env.pipeline_values.insert("training".to_owned(), values);
        let attrs = pipeline_parameters(&env, true);
        let keys: Vec<&str> = attrs.iter().map(|a| a.key.as_str()).collect();
        // Sorted, the network left to Terraform, a name that is no identifier quoted.
        assert_eq!(keys, ["a", "\"has space\"", "long_name", "nested"]);
        let widths: std::collections::BTreeSet<usize> =
            attrs.iter().map(|a| a.key.len() + a.pad.len()).collect();
        assert_eq!(widths.len(), 1, "every `=` in the same column");
        assert_eq!(
            attrs[0].string.as_deref(),
            Some("x \"${y}\""),
            "escaped by the blueprint"
        );
        assert_eq!(attrs[1].literal.as_deref(), Some("true"));
        assert_eq!(attrs[2].literal.as_deref(), Some("0.5"));
        assert_eq!(
            attrs[3].literal.as_deref(),
            Some("jsondecode(\"{\\\"k\\\":[1,\\\"$${z}\\\"]}\")"),
            "nested JSON stays literal: no interpolation"
        );
        assert_eq!(pipeline_parameters(&env, false).len(), 5);
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
