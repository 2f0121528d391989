//! Who may do what: the platform's service accounts and every IAM grant, each at the narrowest
//! scope that holds its permissions (project, bucket, repository, dataset, service account, the
//! client's source projects, the Terraform state bucket).

use serde::Serialize;

use crate::i18n::{Bilingual, Language, and_list, both, s as arg, tr};
use crate::kit::Kit;
use crate::questionnaire::Questionnaire;

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
    /// Why the member needs it (English in Terraform comments, the client's language in the
    /// documents).
    pub reason: Bilingual,
    /// Inline checkov waiver (`ID:reason`) when a scanner flags a grant the platform needs.
    pub checkov_skip: Option<String>,
    /// IAM Condition that narrows the grant (the roles an IAM-granting role may hand out).
    pub condition: Option<Condition>,
}

/// An IAM Condition on a grant.
#[derive(Debug, Clone, Serialize)]
pub struct Condition {
    /// Title (shown in the console).
    pub title: String,
    /// What it allows.
    pub description: String,
    /// CEL expression.
    pub expression: String,
    /// The roles the grantee may grant or revoke, when the condition limits role grants.
    pub grantable_roles: Vec<String>,
}

/// The condition that limits an IAM-granting role to granting and revoking `roles` only
/// (`iam.googleapis.com/modifiedGrantsByRole`): the holder cannot grant itself, or anyone, any other
/// role, so it cannot escalate past what the kit itself grants.
#[must_use]
pub fn grants_only(roles: &[String], scope: &str) -> Condition {
    let list = roles
        .iter()
        .map(|r| format!("'{r}'"))
        .collect::<Vec<_>>()
        .join(", ");
    Condition {
        title: "kit-roles-only".to_owned(),
        description: format!(
            "Grants and revokes on {scope} only the roles the kit's Terraform grants there"
        ),
        expression: format!(
            "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([{list}])"
        ),
        grantable_roles: roles.to_vec(),
    }
}

/// A grant to an environment's deploy account. The bootstrap makes these (a person applies it), so
/// nothing the deploy account applies can widen its own rights. The grant itself has the shape of
/// every other ([`Grant`], member `deploy`, `target` a repository name or account id, empty
/// otherwise); the scope says what the target is.
#[derive(Debug, Clone, Serialize)]
pub struct DeployGrant {
    /// `project`, `bucket` (the environment's artifacts bucket), `repository` or `service_account`.
    pub scope: String,
    /// The grant.
    #[serde(flatten)]
    pub grant: Grant,
}

impl std::ops::Deref for DeployGrant {
    type Target = Grant;

    fn deref(&self) -> &Grant {
        &self.grant
    }
}

impl std::ops::DerefMut for DeployGrant {
    fn deref_mut(&mut self) -> &mut Grant {
        &mut self.grant
    }
}

/// Per environment, what the bootstrap's access grants name.
#[derive(Debug, Clone, Serialize)]
pub struct EnvironmentAccess {
    /// Environment name.
    pub name: String,
    /// Project of the environment.
    pub project_id: String,
    /// IAM member of the environment's deploy account.
    pub deploy_member: String,
    /// IAM member of the environment's trigger account.
    pub trigger_member: Option<String>,
    /// The environment's artifacts bucket.
    pub artifacts_bucket: String,
    /// The environment's Terraform state bucket.
    pub state_bucket: String,
    /// Whether the environment reads the production training data (always, unless the data is
    /// personal and the environment is not production).
    pub reads_production_data: bool,
    /// Where the environment's pipeline reads its training data.
    pub training_data_uri: String,
    /// Who can read the environment's state bucket: account email and access, for people.
    pub state_readers: Vec<String>,
}

/// The masked, sampled copy of a BigQuery training table that environments other than production
/// train on when the data is personal: an authorized view in the admin project, which the
/// environments' accounts can read but not change, so none of them can widen it to the production
/// table.
#[derive(Debug, Clone, Serialize)]
pub struct MaskedTraining {
    /// Project of the view's dataset (the admin project).
    pub project_id: String,
    /// Dataset of the view.
    pub dataset: String,
    /// View id.
    pub view: String,
    /// `bq://` URI of the view, the `source_uri` of the environments that train on it.
    pub uri: String,
    /// Project of the production table.
    pub source_project: String,
    /// Dataset of the production table.
    pub source_dataset: String,
    /// Production table.
    pub source_table: String,
    /// Location of the production table's dataset: an authorized view's dataset must be in the
    /// same location as the data it reads.
    pub location: String,
    /// Columns the view exposes (the model's features and target); empty exposes every column.
    pub columns: Vec<String>,
    /// Share of rows kept, in percent (a deterministic hash of each row).
    pub sample_percent: u32,
    /// The view's query.
    pub query: String,
    /// Environments that train on it.
    pub environments: Vec<String>,
    /// Their readers (pipeline and, with Dataflow, worker accounts), granted Data Viewer on the
    /// view's dataset.
    pub members: Vec<String>,
}

/// A grant on one environment's Terraform state bucket.
#[derive(Debug, Clone, Serialize)]
pub struct StateBucketGrant {
    /// Unique Terraform resource label.
    pub key: String,
    /// Environment whose state bucket it is on (its key in the bootstrap's `state` buckets).
    pub environment: String,
    /// IAM member.
    pub member: String,
    /// Role.
    pub role: String,
    /// Why.
    pub reason: String,
}

/// A grant made by the bootstrap on a project outside the kit's environments.
#[derive(Debug, Clone, Serialize)]
pub struct StateGrant {
    /// Unique Terraform resource label.
    pub key: String,
    /// IAM member.
    pub member: String,
    /// Role.
    pub role: String,
    /// Why (English in Terraform comments, the client's language in the documents).
    pub reason: Bilingual,
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
    /// Predefined role granted to `members` (empty when `custom_role` is granted instead).
    pub role: String,
    /// Accounts granted the role: the readers of every environment that reads production data.
    pub members: Vec<String>,
    /// Custom role the bootstrap creates in the source project, when no predefined role is narrow
    /// enough.
    pub custom_role: Option<CustomRole>,
    /// Why (English in Terraform comments, the client's language in the documents).
    pub reason: Bilingual,
}

/// Read access of Vertex AI Model Monitoring to its skew baseline, the BigQuery training table. A
/// model deployment monitoring job has no service account of its own: it runs as the Vertex AI
/// service agent of its project (`service-NUMBER@gcp-sa-aiplatform.iam.gserviceaccount.com`), which
/// can run BigQuery jobs in that project but reads nothing outside it. Only environments that keep a
/// model deployed run a monitoring job ([`crate::kit::workload::keeps_endpoint_replica`]).
#[derive(Debug, Clone, Serialize)]
pub struct MonitoringBaselineGrant {
    /// Project of the training table's dataset.
    pub project_id: String,
    /// Dataset of the training table.
    pub dataset: String,
    /// Role on the dataset: read tables, nothing else.
    pub role: String,
    /// The monitored environments: Terraform label and project of each.
    pub environments: Vec<MonitoredEnvironment>,
    /// Why (English in Terraform comments, the client's language in the documents).
    pub reason: Bilingual,
    /// Terraform addresses of the other writers of the dataset's access list, applied first (the
    /// list changes one writer at a time).
    pub after: Vec<String>,
}

/// An environment whose endpoint Model Monitoring watches.
#[derive(Debug, Clone, Serialize)]
pub struct MonitoredEnvironment {
    /// Terraform label (`monitoring_<env>`) of the project data source and the grant.
    pub key: String,
    /// Environment project, whose Vertex AI service agent reads the baseline.
    pub project_id: String,
}

/// The Model Monitoring agents' read on the skew baseline, when online tabular models are monitored
/// and the training table is in BigQuery (the baseline the monitoring config names).
pub(super) fn monitoring_baseline(
    kit: &Kit,
    source_grants: &[SourceGrant],
    masked: Option<&MaskedTraining>,
) -> Option<MonitoringBaselineGrant> {
    let lang = kit.language;
    let s = &kit.data.primary;
    // A warehouse outside the region gives no baseline (drift only): nothing to read.
    let readable = s
        .location
        .as_deref()
        .is_some_and(|l| crate::questionnaire::names::bigquery_location_serves(l, &kit.region));
    if !kit.features.model_monitoring || s.kind != "bigquery" || !readable {
        return None;
    }
    let environments: Vec<MonitoredEnvironment> = kit
        .environments
        .iter()
        .filter(|e| crate::kit::workload::keeps_endpoint_replica(e))
        .map(|e| MonitoredEnvironment {
            key: format!("monitoring_{}", e.name),
            project_id: e.project_id.clone(),
        })
        .collect();
    if environments.is_empty() {
        return None;
    }
    Some(MonitoringBaselineGrant {
        project_id: s.project_id.clone()?,
        dataset: s.dataset.clone()?,
        role: "roles/bigquery.dataViewer".to_owned(),
        environments,
        reason: both(lang, "why-monitoring-baseline"),
        after: source_grants
            .iter()
            .filter(|g| g.scope == "bigquery_dataset")
            .map(|g| format!("google_bigquery_dataset_iam_member.{}", g.key))
            .chain(masked.map(|_| "google_bigquery_dataset_access.masked_training".to_owned()))
            .collect(),
    })
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

/// Email of a kit service account in an environment's project.
#[must_use]
pub fn service_account_email(account_id: &str, project_id: &str) -> String {
    format!("{account_id}@{project_id}.iam.gserviceaccount.com")
}

/// IAM member (`serviceAccount:<email>`) of a kit service account in an environment's project.
#[must_use]
pub fn service_account_member(account_id: &str, project_id: &str) -> String {
    format!(
        "serviceAccount:{}",
        service_account_email(account_id, project_id)
    )
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

/// Account id of the batch-scoring service account: the identity of the scheduled batch-scoring
/// pipeline (batch serving).
#[must_use]
pub fn scoring_id(slug: &str) -> String {
    format!("{slug}-scoring")
}

/// Whether the training data is prepared by a Dataflow job (1 TB and more).
pub(super) fn uses_dataflow(kit: &Kit) -> bool {
    kit.model.data_preparation == "dataflow"
}

/// A grant labelled `key`, with neither waiver nor condition.
fn labelled_grant(key: String, member: &str, target: &str, role: &str, reason: Bilingual) -> Grant {
    Grant {
        key,
        member: member.to_owned(),
        target: target.to_owned(),
        role: role.to_owned(),
        reason,
        checkov_skip: None,
        condition: None,
    }
}

pub(super) fn grant(member: &str, target: &str, role: &str, reason: Bilingual) -> Grant {
    let role_short = role.strip_prefix("roles/").unwrap_or(role);
    let target_part = if target.is_empty() {
        String::new()
    } else {
        format!("{target}_")
    };
    labelled_grant(
        format!("{member}_{target_part}{}", snake_role(role_short)),
        member,
        target,
        role,
        reason,
    )
}

/// A grant to the deploy account on `scope`.
fn deploy_grant(
    scope: &str,
    target: &str,
    role: &str,
    reason: Bilingual,
    key: String,
) -> DeployGrant {
    DeployGrant {
        scope: scope.to_owned(),
        grant: labelled_grant(key, "deploy", target, role, reason),
    }
}

pub(super) fn snake_role(role: &str) -> String {
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

pub(super) fn service_accounts(kit: &Kit) -> Vec<ServiceAccount> {
    if super::generative::is_generative(kit) {
        return super::generative::service_accounts(kit);
    }
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
    if kit.features.batch_serving {
        out.push(sa(
            "scoring",
            &scoring_id(&kit.client.slug),
            "Batch scoring",
            "Runs the scheduled batch-scoring pipeline",
        ));
    }
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

pub(super) fn project_grants(q: &Questionnaire, kit: &Kit) -> Vec<Grant> {
    if super::generative::is_generative(kit) {
        return super::generative::project_grants(kit);
    }
    let lang = kit.language;
    let mut g = vec![
        grant(
            "pipeline",
            "",
            "roles/aiplatform.user",
            both(lang, "why-pipeline-aiplatform"),
        ),
        grant(
            "pipeline",
            "",
            "roles/bigquery.jobUser",
            both(lang, "why-pipeline-bq-jobs"),
        ),
        grant(
            "pipeline",
            "",
            "roles/logging.logWriter",
            both(lang, "why-job-logs"),
        ),
        grant(
            "build",
            "",
            "roles/logging.logWriter",
            both(lang, "why-build-logs"),
        ),
        grant(
            "build",
            "",
            "roles/aiplatform.user",
            both(lang, "why-build-aiplatform"),
        ),
        grant(
            "ci",
            "",
            "roles/logging.logWriter",
            both(lang, "why-build-logs"),
        ),
        grant("ci", "", "roles/browser", both(lang, "why-ci-browser")),
        grant(
            "serving",
            "",
            "roles/logging.logWriter",
            both(lang, "why-serving-logs"),
        ),
        grant(
            "serving",
            "",
            "roles/monitoring.metricWriter",
            both(lang, "why-serving-metrics"),
        ),
    ];
    if kit.features.batch_serving {
        g.push(grant(
            "scoring",
            "",
            "roles/aiplatform.user",
            both(lang, "why-scoring-aiplatform"),
        ));
        g.push(grant(
            "scoring",
            "",
            "roles/logging.logWriter",
            both(lang, "why-job-logs"),
        ));
        if kit.serving.batch_output_kind.as_deref() == Some("bigquery") {
            // A model with named inputs has its job write to Cloud Storage (see `bucket_grants`).
            if !crate::kit::workload::named_inputs(kit) {
                g.push(grant(
                    "serving",
                    "",
                    "roles/bigquery.jobUser",
                    both(lang, "why-serving-bq-jobs"),
                ));
            }
            g.push(grant(
                "scoring",
                "",
                "roles/bigquery.jobUser",
                both(lang, "why-scoring-bq-jobs"),
            ));
        }
    }
    let f = &kit.features;
    let via_workflows = super::retraining_via_workflows(kit);
    if via_workflows {
        g.push(grant(
            "trigger",
            "",
            "roles/eventarc.eventReceiver",
            both(lang, "why-trigger-eventarc"),
        ));
        g.push(grant(
            "trigger",
            "",
            "roles/workflows.invoker",
            both(lang, "why-trigger-workflows"),
        ));
    }
    if f.private_network {
        g.push(grant(
            "build",
            "",
            "roles/cloudbuild.workerPoolUser",
            both(lang, "why-private-pool"),
        ));
        g.push(grant(
            "ci",
            "",
            "roles/cloudbuild.workerPoolUser",
            both(lang, "why-private-pool"),
        ));
        if q.gcp.network.vpc.is_some() && q.gcp.network.host_project_id.is_none() {
            g.push(grant(
                "ci",
                "",
                "roles/compute.networkViewer",
                both(lang, "why-ci-network-viewer"),
            ));
        }
    }
    if uses_dataflow(kit) {
        let mut developer = grant(
            "pipeline",
            "",
            "roles/dataflow.developer",
            both(lang, "why-pipeline-dataflow"),
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
            both(lang, "why-dataflow-worker"),
        ));
    }
    g
}

/// Project-level roles of the deploy account, which applies Terraform: it administers exactly the
/// services the module manages. Its Project IAM Admin is limited by an IAM Condition to the roles
/// the module grants at project level (`module_roles`, none of which can grant roles), so it can
/// give neither itself nor anyone else more. It holds no Role Administrator: the one custom role is
/// the bootstrap's.
fn deploy_project_grants(
    q: &Questionnaire,
    kit: &Kit,
    module_roles: &[String],
) -> Vec<DeployGrant> {
    let lang = kit.language;
    let f = &kit.features;
    let mut admin: Vec<(&str, Bilingual)> = vec![
        ("roles/logging.logWriter", both(lang, "why-deploy-logs")),
        (
            "roles/serviceusage.serviceUsageAdmin",
            both(lang, "why-deploy-apis"),
        ),
        (
            "roles/iam.serviceAccountCreator",
            both(lang, "why-deploy-sa-creator"),
        ),
        (
            "roles/resourcemanager.projectIamAdmin",
            both(lang, "why-deploy-project-iam"),
        ),
        ("roles/storage.admin", both(lang, "why-deploy-storage")),
        (
            "roles/artifactregistry.admin",
            both(lang, "why-deploy-registries"),
        ),
        ("roles/bigquery.admin", both(lang, "why-deploy-bigquery")),
        (
            "roles/cloudbuild.builds.editor",
            both(lang, "why-deploy-triggers"),
        ),
        (
            "roles/cloudbuild.connectionAdmin",
            both(lang, "why-deploy-connection"),
        ),
        (
            "roles/secretmanager.admin",
            both(lang, "why-deploy-secrets"),
        ),
        (
            "roles/monitoring.notificationChannelEditor",
            both(lang, "why-deploy-channels"),
        ),
        (
            "roles/monitoring.alertPolicyEditor",
            both(lang, "why-deploy-alert-policies"),
        ),
    ];
    // Vertex AI resources Terraform manages: the endpoint and the schedule of the batch
    // drift-monitoring pipeline.
    let vertex: Vec<&str> = [
        (f.online_serving, "why-vertex-endpoint"),
        (f.batch_serving, "why-vertex-scoring-schedule"),
        (f.batch_drift_monitoring, "why-vertex-drift-schedule"),
    ]
    .into_iter()
    .filter_map(|(on, what)| on.then_some(what))
    .collect();
    if !vertex.is_empty() {
        let manages = |l: Language| {
            let items: Vec<String> = vertex.iter().map(|id| crate::i18n::t(l, id)).collect();
            tr(
                l,
                "why-deploy-vertex",
                &[("resources", arg(&and_list(l, &items)))],
            )
        };
        admin.push((
            "roles/aiplatform.admin",
            Bilingual {
                en: manages(Language::En),
                doc: manages(lang),
            },
        ));
    }
    let mut push = |role: &'static str, why: Bilingual| admin.push((role, why));
    if f.retrain_on_drift {
        push(
            "roles/logging.configWriter",
            both(lang, "why-deploy-log-sink"),
        );
    }
    if f.retrain_on_schedule {
        push(
            "roles/cloudscheduler.admin",
            both(lang, "why-deploy-scheduler"),
        );
    }
    if super::retraining_topics(kit) {
        push("roles/pubsub.admin", both(lang, "why-deploy-pubsub"));
    }
    if super::retraining_via_workflows(kit) {
        push("roles/eventarc.admin", both(lang, "why-deploy-eventarc"));
        push("roles/workflows.admin", both(lang, "why-deploy-workflows"));
    }
    if let Some(g) = &kit.generative {
        push(
            "roles/logging.configWriter",
            both(lang, "why-gen-deploy-log-metric"),
        );
        if g.redact_personal_data && g.log_prompts_and_responses {
            push(
                "roles/dlp.deidentifyTemplatesEditor",
                both(lang, "why-gen-deploy-dlp"),
            );
        }
        push(
            "roles/aiplatform.user",
            both(lang, "why-gen-deploy-evaluation"),
        );
    }
    if f.cmek {
        push("roles/cloudkms.admin", both(lang, "why-deploy-kms"));
    }
    if f.private_network {
        push(
            "roles/cloudbuild.workerPoolOwner",
            both(lang, "why-deploy-pool-owner"),
        );
        push(
            "roles/cloudbuild.workerPoolUser",
            both(lang, "why-private-pool"),
        );
        if q.gcp.network.vpc.is_none() {
            push(
                "roles/compute.networkAdmin",
                both(lang, "why-deploy-network-admin"),
            );
            push(
                "roles/compute.securityAdmin",
                both(lang, "why-deploy-security-admin"),
            );
            push(
                "roles/servicenetworking.networksAdmin",
                both(lang, "why-deploy-networks-admin"),
            );
        } else if q.gcp.network.host_project_id.is_none() {
            push(
                "roles/compute.networkViewer",
                both(lang, "why-deploy-network-viewer"),
            );
        }
    }
    admin
        .into_iter()
        .map(|(role, why)| {
            let mut g = deploy_grant(
                "project",
                "",
                role,
                why,
                format!("deploy_{}", snake_role(role.strip_prefix("roles/").unwrap_or(role))),
            );
            g.checkov_skip = match role {
                "roles/cloudbuild.builds.editor" => Some(
                    "CKV_GCP_49:The deploy account applies the Terraform that manages the Cloud Build triggers, which have no IAM scope below the project; running a build as another account still needs actAs on that account, granted per account"
                        .to_owned(),
                ),
                _ => None,
            };
            g.condition = (role == "roles/resourcemanager.projectIamAdmin")
                .then(|| grants_only(module_roles, "the project"));
            g
        })
        .collect()
}

/// Every grant to the deploy account of an environment, made by the bootstrap: its project roles,
/// the artifacts bucket and the registries it publishes to, and, on each other kit account, "act
/// as" (to attach it to what Terraform manages) and Service Account Admin limited by an IAM
/// Condition to granting "act as" — never on its own account, so it cannot hand its own identity
/// out either.
pub(super) fn deploy_grants(
    q: &Questionnaire,
    kit: &Kit,
    module_roles: &[String],
) -> Vec<DeployGrant> {
    let lang = kit.language;
    let mut out = deploy_project_grants(q, kit, module_roles);
    let dg = |scope: &str, target: &str, role: &str, reason: Bilingual, key: &str| {
        deploy_grant(scope, target, role, reason, key.to_owned())
    };
    out.push(dg(
        "bucket",
        "",
        "roles/storage.objectAdmin",
        both(lang, "why-deploy-artifacts"),
        "deploy_artifacts_storage_object_admin",
    ));
    out.push(dg(
        "repository",
        &kit.names.docker_repository,
        "roles/artifactregistry.writer",
        both(lang, "why-deploy-docker"),
        "deploy_docker_artifactregistry_writer",
    ));
    out.push(dg(
        "repository",
        &kit.names.kfp_repository,
        "roles/artifactregistry.writer",
        both(lang, "why-deploy-kfp"),
        "deploy_kfp_artifactregistry_writer",
    ));
    if super::without_public_internet(kit) {
        // Builder images, the Dockerfiles' base image and Python packages come through the remote
        // repositories: reading is all CD needs.
        out.push(dg(
            "repository",
            &super::remote_repository_id(&kit.client.slug, "dockerhub"),
            "roles/artifactregistry.reader",
            both(lang, "why-deploy-dockerhub"),
            "deploy_dockerhub_artifactregistry_reader",
        ));
        out.push(dg(
            "repository",
            &super::remote_repository_id(&kit.client.slug, "pypi"),
            "roles/artifactregistry.reader",
            both(lang, "why-deploy-pypi"),
            "deploy_pypi_artifactregistry_reader",
        ));
    }
    let module_account_grants = service_account_grants(kit);
    let accounts: Vec<(String, String)> = service_accounts(kit)
        .into_iter()
        .map(|sa| (sa.key, sa.account_id))
        .collect();
    for (key, account_id) in &accounts {
        out.push(dg(
            "service_account",
            account_id,
            "roles/iam.serviceAccountUser",
            both(lang, "why-deploy-act-as"),
            &format!("deploy_on_{key}_service_account_user"),
        ));
        if key == "deploy" {
            continue;
        }
        let mut admin = dg(
            "service_account",
            account_id,
            "roles/iam.serviceAccountAdmin",
            both(lang, "why-deploy-sa-admin"),
            &format!("deploy_on_{key}_service_account_admin"),
        );
        // The roles the module grants on this account: "act as" (deploy's own "act as" is the
        // bootstrap's), and token creation on the trigger account for the Pub/Sub service agent
        // when push subscriptions start retraining.
        let mut roles: Vec<String> = module_account_grants
            .iter()
            .filter(|g| &g.target == key)
            .map(|g| g.role.clone())
            .collect();
        if key == "trigger" && pubsub_push_retraining(kit) {
            roles.push("roles/iam.serviceAccountTokenCreator".to_owned());
        }
        // And on the pipeline account, which supervised tuning jobs run as, for Vertex AI's
        // Secure Fine-Tuning Service Agent (`generative::TUNING_AGENT_DOMAIN`).
        if key == "pipeline"
            && kit
                .generative
                .as_ref()
                .is_some_and(|g| g.approach == "supervised_tuning")
        {
            roles.push("roles/iam.serviceAccountTokenCreator".to_owned());
        }
        roles.push("roles/iam.serviceAccountUser".to_owned());
        roles.sort();
        roles.dedup();
        admin.condition = Some(grants_only(&roles, "the account"));
        out.push(admin);
    }
    out
}

pub(super) fn bucket_grants(kit: &Kit) -> Vec<Grant> {
    if super::generative::is_generative(kit) {
        return super::generative::bucket_grants(kit);
    }
    let lang = kit.language;
    let mut g = vec![
        grant(
            "pipeline",
            "pipeline_root",
            "roles/storage.objectAdmin",
            both(lang, "why-pipeline-root"),
        ),
        grant(
            "pipeline",
            "artifacts",
            "roles/storage.objectAdmin",
            both(lang, "why-pipeline-artifacts"),
        ),
        grant(
            "serving",
            "artifacts",
            "roles/storage.objectViewer",
            both(lang, "why-serving-artifacts"),
        ),
        grant(
            "build",
            "pipeline_root",
            "roles/storage.objectViewer",
            both(lang, "why-build-root"),
        ),
    ];
    if kit.features.landing_bucket {
        g.push(grant(
            "pipeline",
            "landing",
            "roles/storage.objectViewer",
            both(lang, "why-landing"),
        ));
    }
    // Batch prediction jobs run as the serving account: they read the inbox (its Object Viewer on
    // the artifacts bucket) and write their output. The scoring pipeline lists the inbox.
    if kit.features.batch_serving {
        g.push(grant(
            "scoring",
            "pipeline_root",
            "roles/storage.objectAdmin",
            both(lang, "why-scoring-root"),
        ));
        // With a Cloud Storage output it also stages the rows' feature columns beside the output,
        // and deletes them once scored. A model with named inputs (TensorFlow Serving) has its rows
        // staged in Cloud Storage whatever the output: for a BigQuery output in the artifacts bucket's
        // `batch-staging/` folder, where the job writes its predictions before they are loaded.
        let gcs_output = kit.serving.batch_output_kind.as_deref() == Some("cloud_storage");
        let stages_in_gcs = gcs_output || crate::kit::workload::named_inputs(kit);
        g.push(if stages_in_gcs {
            grant(
                "scoring",
                "artifacts",
                "roles/storage.objectAdmin",
                both(
                    lang,
                    if gcs_output {
                        "why-scoring-inbox-stage"
                    } else {
                        "why-scoring-inbox-stage-bigquery"
                    },
                ),
            )
        } else {
            grant(
                "scoring",
                "artifacts",
                "roles/storage.objectViewer",
                both(lang, "why-scoring-inbox"),
            )
        });
        if stages_in_gcs {
            g.push(grant(
                "serving",
                "artifacts",
                "roles/storage.objectCreator",
                both(lang, "why-serving-predictions"),
            ));
        }
    }
    if uses_dataflow(kit) {
        g.push(grant(
            "dataflow",
            "pipeline_root",
            "roles/storage.objectAdmin",
            both(lang, "why-dataflow-root"),
        ));
        g.push(grant(
            "dataflow",
            "artifacts",
            "roles/storage.objectAdmin",
            both(lang, "why-dataflow-artifacts"),
        ));
        if kit.features.landing_bucket {
            g.push(grant(
                "dataflow",
                "landing",
                "roles/storage.objectViewer",
                both(lang, "why-landing"),
            ));
        }
    }
    g
}

pub(super) fn repository_grants(kit: &Kit) -> Vec<Grant> {
    if super::generative::is_generative(kit) {
        return super::generative::repository_grants(kit);
    }
    let lang = kit.language;
    let mut g = vec![
        grant(
            "pipeline",
            "docker",
            "roles/artifactregistry.reader",
            both(lang, "why-pipeline-images"),
        ),
        grant(
            "build",
            "kfp",
            "roles/artifactregistry.reader",
            both(lang, "why-build-templates"),
        ),
    ];
    if kit.features.custom_serving_image {
        g.push(grant(
            "serving",
            "docker",
            "roles/artifactregistry.reader",
            both(lang, "why-serving-image"),
        ));
    }
    if kit.features.batch_serving {
        g.push(grant(
            "scoring",
            "docker",
            "roles/artifactregistry.reader",
            both(lang, "why-scoring-image"),
        ));
        g.push(grant(
            "scoring",
            "kfp",
            "roles/artifactregistry.reader",
            both(lang, "why-scoring-template"),
        ));
    }
    if kit.features.batch_drift_monitoring {
        g.push(grant(
            "pipeline",
            "kfp",
            "roles/artifactregistry.reader",
            both(lang, "why-monitoring-template"),
        ));
    }
    if super::without_public_internet(kit) {
        // The accounts builds run as: their builder images, Dockerfile bases and pip installs come
        // through the remote repositories. Reading is all they need (the repositories fetch from
        // upstream themselves).
        // The deploy account's grants are the bootstrap's (`deploy_grants`).
        for (member, images, packages) in [
            ("ci", "why-ci-dockerhub", "why-ci-pypi"),
            ("build", "why-build-dockerhub", "why-build-pypi"),
        ] {
            g.push(grant(
                member,
                "dockerhub",
                "roles/artifactregistry.reader",
                both(lang, images),
            ));
            g.push(grant(
                member,
                "pypi",
                "roles/artifactregistry.reader",
                both(lang, packages),
            ));
        }
    }
    g
}

pub(super) fn service_account_grants(kit: &Kit) -> Vec<Grant> {
    if super::generative::is_generative(kit) {
        return super::generative::service_account_grants(kit);
    }
    let lang = kit.language;
    let mut g = vec![
        grant(
            "pipeline",
            "pipeline",
            "roles/iam.serviceAccountUser",
            both(lang, "why-pipeline-self"),
        ),
        grant(
            "pipeline",
            "serving",
            "roles/iam.serviceAccountUser",
            both(lang, "why-pipeline-serving"),
        ),
        grant(
            "build",
            "pipeline",
            "roles/iam.serviceAccountUser",
            both(lang, "why-build-pipeline"),
        ),
        grant(
            "trigger",
            "build",
            "roles/iam.serviceAccountUser",
            both(lang, "why-trigger-build"),
        ),
    ];
    if kit.features.online_serving && kit.serving.rollout_actions.iter().any(|a| a == "release") {
        g.push(grant(
            "build",
            "serving",
            "roles/iam.serviceAccountUser",
            both(lang, "why-build-serving"),
        ));
    }
    if kit.features.batch_serving {
        g.push(grant(
            "scoring",
            "serving",
            "roles/iam.serviceAccountUser",
            both(lang, "why-scoring-serving"),
        ));
    }
    if uses_dataflow(kit) {
        g.push(grant(
            "pipeline",
            "dataflow",
            "roles/iam.serviceAccountUser",
            both(lang, "why-pipeline-dataflow-account"),
        ));
    }
    g.sort_by(|a, b| a.key.cmp(&b.key));
    g
}

pub(super) fn state_grants(kit: &Kit) -> Vec<StateBucketGrant> {
    let mut out = Vec::new();
    for e in &kit.environments {
        out.push(StateBucketGrant {
            key: format!("{}_deploy", e.name),
            environment: e.name.clone(),
            member: service_account_member(&deploy_id(&kit.client.slug), &e.project_id),
            role: "roles/storage.objectAdmin".to_owned(),
            reason: format!(
                "the {} deploy account reads and writes the {} state, and no other",
                e.name, e.name
            ),
        });
        if e.name == kit.ci_environment {
            out.push(StateBucketGrant {
                key: format!("{}_ci", e.name),
                environment: e.name.clone(),
                member: service_account_member(&ci_id(&kit.client.slug), &e.project_id),
                role: "roles/storage.objectViewer".to_owned(),
                reason: format!(
                    "CI plans the {} root as the CI account, read-only and without a lock",
                    e.name
                ),
            });
        }
    }
    out
}

/// Accounts that read the training data in an environment: its pipeline account, and its Dataflow
/// worker account when Dataflow prepares the data.
pub(super) fn reader_members(kit: &Kit, env: &crate::kit::Env) -> Vec<String> {
    let mut out = vec![format!("serviceAccount:{}", env.service_accounts.pipeline)];
    if uses_dataflow(kit) {
        out.push(service_account_member(
            &dataflow_id(&kit.client.slug),
            &env.project_id,
        ));
    }
    out
}

/// Whether an environment reads the production source itself. With personal data, only the
/// production environment does; the others train on the masked sample.
#[must_use]
pub fn reads_production_data(kit: &Kit, env: &crate::kit::Env) -> bool {
    env.is_production || !kit.data.personal_data
}

/// Whether Pub/Sub push subscriptions start retraining as the trigger account (the Pub/Sub service
/// agent then mints that account's tokens).
#[must_use]
pub fn pubsub_push_retraining(kit: &Kit) -> bool {
    let f = &kit.features;
    f.retrain_on_new_data || f.retrain_on_drift || super::retraining_via_workflows(kit)
}

/// A Terraform state bucket of the admin project.
#[derive(Debug, Clone, Serialize)]
pub struct StateBucket {
    /// Key (`admin` for the bootstrap's own, else the environment name), padded with spaces to the
    /// longest key so that the rendered map is `terraform fmt`-aligned.
    pub key_aligned: String,
    /// Bucket name.
    pub bucket: String,
}

/// The state buckets: the bootstrap's own (`admin`), then one per environment.
pub(super) fn state_buckets(kit: &Kit) -> Vec<StateBucket> {
    let entries: Vec<(&str, &str)> =
        std::iter::once(("admin", kit.names.bootstrap_state_bucket.as_str()))
            .chain(
                kit.environments
                    .iter()
                    .map(|e| (e.name.as_str(), e.state_bucket.as_str())),
            )
            .collect();
    let width = entries.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    entries
        .into_iter()
        .map(|(k, b)| StateBucket {
            key_aligned: format!("{k:width$}"),
            bucket: b.to_owned(),
        })
        .collect()
}

/// Per environment, the names of its accounts, artifacts bucket and state bucket.
pub(super) fn environment_access(kit: &Kit) -> Vec<EnvironmentAccess> {
    let slug = &kit.client.slug;
    kit.environments
        .iter()
        .map(|e| EnvironmentAccess {
            name: e.name.clone(),
            project_id: e.project_id.clone(),
            deploy_member: service_account_member(&deploy_id(slug), &e.project_id),
            trigger_member: (!super::generative::is_generative(kit))
                .then(|| format!("serviceAccount:{}", e.service_accounts.trigger)),
            artifacts_bucket: e.buckets.artifacts.clone(),
            state_bucket: e.state_bucket.clone(),
            reads_production_data: reads_production_data(kit, e),
            training_data_uri: e
                .pipeline_values
                .get("training")
                .and_then(|v| v.get("source_uri"))
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned(),
            state_readers: state_grants(kit)
                .into_iter()
                .filter(|g| g.environment == e.name)
                .map(|g| {
                    format!(
                        "`{}` ({})",
                        g.member.trim_start_matches("serviceAccount:"),
                        crate::i18n::t(
                            kit.language,
                            if g.role == "roles/storage.objectAdmin" {
                                "state-read-write"
                            } else {
                                "state-read"
                            }
                        )
                    )
                })
                .collect(),
        })
        .collect()
}

/// Share of rows of the masked training view, in percent.
pub const MASKED_SAMPLE_PERCENT: u32 = 10;

/// The masked view, when the data is personal, the pipeline reads a BigQuery table and some
/// environment other than production trains.
pub(super) fn masked_training(kit: &Kit) -> Option<MaskedTraining> {
    let s = &kit.data.primary;
    if s.kind != "bigquery" {
        return None;
    }
    let environments: Vec<&crate::kit::Env> = kit
        .environments
        .iter()
        .filter(|e| !reads_production_data(kit, e))
        .collect();
    if environments.is_empty() {
        return None;
    }
    let (source_project, source_dataset, source_table) =
        (s.project_id.clone()?, s.dataset.clone()?, s.table.clone()?);
    let columns: Vec<String> = if kit.model.tabular && !kit.model.features.is_empty() {
        kit.model
            .features
            .iter()
            .map(|f| f.name.clone())
            .chain(kit.model.target_column.clone())
            .collect()
    } else {
        Vec::new()
    };
    let select = if columns.is_empty() {
        "t.*".to_owned()
    } else {
        columns
            .iter()
            .map(|c| format!("t.`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let query = format!(
        "SELECT {select} FROM `{source_project}.{source_dataset}.{source_table}` AS t WHERE MOD(ABS(FARM_FINGERPRINT(TO_JSON_STRING(t))), 100) < {MASKED_SAMPLE_PERCENT}"
    );
    let project_id = kit.names.admin_project.clone();
    let dataset = crate::kit::naming::masked_training_dataset(&kit.client.slug);
    let view = crate::kit::naming::MASKED_TRAINING_VIEW.to_owned();
    Some(MaskedTraining {
        uri: format!("bq://{project_id}.{dataset}.{view}"),
        project_id,
        dataset,
        view,
        source_project,
        source_dataset,
        source_table,
        location: s.location.clone().unwrap_or_else(|| kit.region.clone()),
        columns,
        sample_percent: MASKED_SAMPLE_PERCENT,
        query,
        environments: environments.iter().map(|e| e.name.clone()).collect(),
        members: environments
            .iter()
            .flat_map(|e| reader_members(kit, e))
            .collect(),
    })
}

/// Grants on the one source the pipeline reads (the first answered; the others are context for
/// the assessment and get no access), to the readers of every environment that reads production
/// data.
pub(super) fn source_grants(kit: &Kit) -> Vec<SourceGrant> {
    let lang = kit.language;
    let members: Vec<String> = kit
        .environments
        .iter()
        .filter(|e| reads_production_data(kit, e))
        .flat_map(|e| reader_members(kit, e))
        .collect();
    // Batch scoring reads its own inbox in the artifacts bucket, never the training source: only
    // the pipeline's readers get these grants.
    let pipeline_readers = members.clone();
    let s = &kit.data.primary;
    let grant = match s.kind.as_str() {
        "bigquery" => SourceGrant {
            key: "source_1_bigquery".to_owned(),
            scope: "bigquery_dataset".to_owned(),
            project_id: s.project_id.clone(),
            dataset: s.dataset.clone(),
            bucket: None,
            role: "roles/bigquery.dataViewer".to_owned(),
            custom_role: None,
            members,
            reason: both(lang, "why-source-bigquery"),
        },
        "cloud_storage" => SourceGrant {
            key: "source_1_bucket".to_owned(),
            scope: "bucket".to_owned(),
            project_id: None,
            dataset: None,
            bucket: s.bucket.clone(),
            role: "roles/storage.objectViewer".to_owned(),
            custom_role: None,
            members,
            reason: both(lang, "why-source-bucket"),
        },
        "cloud_sql" => SourceGrant {
            key: "source_1_cloudsql".to_owned(),
            scope: "project".to_owned(),
            project_id: s.project_id.clone(),
            dataset: None,
            bucket: None,
            role: String::new(),
            custom_role: Some(CustomRole {
                role_id: format!("{}CloudSqlExport", kit.client.slug_underscored),
                title: "Export Cloud SQL tables".to_owned(),
                permissions: vec![
                    "cloudsql.instances.export".to_owned(),
                    "cloudsql.instances.get".to_owned(),
                ],
            }),
            members: pipeline_readers,
            reason: both(lang, "why-source-cloudsql"),
        },
        _ => return Vec::new(),
    };
    if grant.members.is_empty() {
        Vec::new()
    } else {
        vec![grant]
    }
}

pub(super) fn cloud_sql_exports(kit: &Kit) -> Vec<CloudSqlExport> {
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
                // Production data lands only in the buckets of environments that read it.
                buckets: kit
                    .environments
                    .iter()
                    .filter(|e| reads_production_data(kit, e))
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

#[cfg(test)]
mod tests {
    use crate::kit::example as kit;

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
}
