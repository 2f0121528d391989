//! Private networking: the VPC network Vertex AI peers with, the private Cloud Build worker pool,
//! the grants a shared VPC's host project needs, and the VPC Service Controls perimeter services.

use serde::Serialize;

use crate::i18n::{Bilingual, both, both_with, s as arg};
use crate::kit::Kit;
use crate::questionnaire::Questionnaire;

use super::StateGrant;
use super::iam::{ci_id, dataflow_id, deploy_id, service_account_member};

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
    /// Why (English in Terraform comments, the client's language in the documents).
    pub reason: Bilingual,
}

pub(super) fn network(q: &Questionnaire, kit: &Kit) -> Option<NetworkPlan> {
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
pub(super) fn host_network(q: &Questionnaire, kit: &Kit) -> Option<HostNetworkPlan> {
    let host = q.gcp.network.host_project_id.clone()?;
    if !kit.features.shared_vpc {
        return None;
    }
    let slug = &kit.client.slug;
    let lang = kit.language;
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
            "why-host-vertex",
        )];
        if super::uses_dataflow(kit) {
            agents.push((
                "dataflow",
                "dataflow-service-producer-prod.iam.gserviceaccount.com",
                "why-host-dataflow-agent",
            ));
        }
        if kit.features.private_network {
            agents.push((
                "cloudbuild",
                "gcp-sa-cloudbuild.iam.gserviceaccount.com",
                "why-host-cloudbuild",
            ));
        }
        for (agent, domain, reason) in agents {
            agent_grants.push(AgentGrant {
                key: format!("{}_{agent}_network_user", e.name),
                project_key: project_key.clone(),
                prefix: "service-".to_owned(),
                domain: domain.to_owned(),
                role: "roles/compute.networkUser".to_owned(),
                reason: both_with(lang, reason, &[("environment", arg(&e.name))]),
            });
        }
        if super::uses_dataflow(kit) {
            account_grants.push(StateGrant {
                key: format!("{}_dataflow_workers_network_user", e.name),
                member: service_account_member(&dataflow_id(slug), &e.project_id),
                role: "roles/compute.networkUser".to_owned(),
                reason: both_with(
                    lang,
                    "why-host-dataflow-workers",
                    &[("environment", arg(&e.name))],
                ),
            });
        }
        let environment = [("environment", arg(&e.name))];
        let mut readers = vec![(
            "deploy",
            deploy_id(slug),
            both_with(lang, "why-host-deploy-viewer", &environment),
            both_with(lang, "why-host-deploy-browser", &environment),
        )];
        if i == 0 {
            readers.push((
                "ci",
                ci_id(slug),
                both(lang, "why-host-ci-viewer"),
                both(lang, "why-host-ci-browser"),
            ));
        }
        for (key, id, viewer, browser) in readers {
            let member = service_account_member(&id, &e.project_id);
            account_grants.push(StateGrant {
                key: format!("{}_{key}_network_viewer", e.name),
                member: member.clone(),
                role: "roles/compute.networkViewer".to_owned(),
                reason: viewer,
            });
            account_grants.push(StateGrant {
                key: format!("{}_{key}_browser", e.name),
                member,
                role: "roles/browser".to_owned(),
                reason: browser,
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

pub(super) fn perimeter_services(kit: &Kit) -> Vec<String> {
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
    if super::retraining_topics(kit) {
        s.push("pubsub.googleapis.com");
    }
    if f.retrain_on_schedule {
        s.push("cloudscheduler.googleapis.com");
    }
    if super::uses_dataflow(kit) {
        s.push("compute.googleapis.com");
        s.push("dataflow.googleapis.com");
    }
    if super::retraining_via_workflows(kit) {
        s.push("eventarc.googleapis.com");
        s.push("workflowexecutions.googleapis.com");
        s.push("workflows.googleapis.com");
    }
    if kit.data.sources.iter().any(|s| s.kind == "cloud_sql") {
        s.push("sqladmin.googleapis.com");
    }
    s.sort_unstable();
    s.into_iter().map(str::to_owned).collect()
}
