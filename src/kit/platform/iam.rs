//! Who may do what: the platform's service accounts and every IAM grant, each at the narrowest
//! scope that holds its permissions (project, bucket, repository, dataset, service account, the
//! client's source projects, the Terraform state bucket).

use serde::Serialize;

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

/// Whether the training data is prepared by a Dataflow job (1 TB and more).
pub(super) fn uses_dataflow(kit: &Kit) -> bool {
    kit.model.data_preparation == "dataflow"
}

pub(super) fn grant(member: &str, target: &str, role: &str, reason: &str) -> Grant {
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

pub(super) fn project_grants(q: &Questionnaire, kit: &Kit) -> Vec<Grant> {
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
    // Vertex AI resources Terraform manages: the endpoint and the schedule of the batch
    // drift-monitoring pipeline.
    let vertex: Vec<&str> = [
        (f.online_serving, "the endpoint"),
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
    if super::retraining_topics(kit) {
        admin.push(("roles/pubsub.admin", "manages the retraining topics"));
    }
    let via_workflows = super::retraining_via_workflows(kit);
    if via_workflows {
        admin.push((
            "roles/eventarc.admin",
            "manages the Eventarc triggers of retraining",
        ));
        admin.push(("roles/workflows.admin", "manages the retraining workflows"));
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
    if via_workflows {
        g.push(grant(
            "trigger",
            "",
            "roles/eventarc.eventReceiver",
            "receives the retraining topics' events (Eventarc)",
        ));
        g.push(grant(
            "trigger",
            "",
            "roles/workflows.invoker",
            "starts the retraining workflows (Eventarc)",
        ));
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

pub(super) fn bucket_grants(kit: &Kit) -> Vec<Grant> {
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

pub(super) fn repository_grants(kit: &Kit) -> Vec<Grant> {
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

pub(super) fn service_account_grants(kit: &Kit) -> Vec<Grant> {
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

pub(super) fn state_grants(kit: &Kit) -> Vec<StateGrant> {
    let mut out = Vec::new();
    for (i, e) in kit.environments.iter().enumerate() {
        out.push(StateGrant {
            key: format!("{}_deploy", e.name),
            member: service_account_member(&deploy_id(&kit.client.slug), &e.project_id),
            role: "roles/storage.objectAdmin".to_owned(),
            reason: format!("the {} deploy account reads and writes its state", e.name),
        });
        if i == 0 {
            out.push(StateGrant {
                key: format!("{}_ci", e.name),
                member: service_account_member(&ci_id(&kit.client.slug), &e.project_id),
                role: "roles/storage.objectViewer".to_owned(),
                reason: format!("CI plans the {} root as the CI account", e.name),
            });
        }
    }
    out
}

pub(super) fn source_grants(kit: &Kit) -> Vec<SourceGrant> {
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
