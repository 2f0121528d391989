//! Customer-managed encryption keys: the Cloud KMS plan and the Google service agents that need
//! to encrypt and decrypt with the kit's keys when CMEK is on.

use serde::Serialize;

use crate::kit::Kit;

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
    /// APIs whose service agents `scripts/create-service-agents.sh` creates before the first apply
    /// (the Cloud Storage and BigQuery agents exist once their APIs are on).
    pub created_agent_apis: Vec<String>,
    /// APIs the script enables because their service agent exists as soon as the API is on and a
    /// key grant names it (Compute Engine, whose agent encrypts the Dataflow workers' disks).
    pub enabled_agent_apis: Vec<String>,
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
    /// API whose `gcloud beta services identity create` creates the agent; `None` when the agent
    /// exists once its API is on (Cloud Storage, BigQuery, Compute Engine).
    pub identity_api: Option<String>,
}

pub(super) fn service_agents(kit: &Kit) -> Vec<ServiceAgent> {
    let agent = |key: &str, product: &str, prefix: &str, domain: &str| ServiceAgent {
        key: key.to_owned(),
        product: product.to_owned(),
        prefix: prefix.to_owned(),
        domain: domain.to_owned(),
        identity_api: domain
            .strip_prefix("gcp-sa-")
            .and_then(|d| d.strip_suffix(".iam.gserviceaccount.com"))
            .map(|name| format!("{name}.googleapis.com")),
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
    if super::retraining_topics(kit) {
        out.push(agent(
            "pubsub",
            "Pub/Sub",
            "service-",
            "gcp-sa-pubsub.iam.gserviceaccount.com",
        ));
    }
    if super::retraining_via_workflows(kit) {
        out.push(agent(
            "workflows",
            "Workflows",
            "service-",
            "gcp-sa-workflows.iam.gserviceaccount.com",
        ));
    }
    if super::uses_dataflow(kit) {
        // The Dataflow job runs with `dataflow_kms_key`: the Dataflow agent encrypts the job's
        // state and the Compute Engine agent the workers' persistent disks.
        let mut dataflow = agent(
            "dataflow",
            "Dataflow",
            "service-",
            "dataflow-service-producer-prod.iam.gserviceaccount.com",
        );
        dataflow.identity_api = Some(DATAFLOW_API.to_owned());
        out.push(dataflow);
        out.push(agent(
            "compute",
            "Compute Engine",
            "service-",
            "compute-system.iam.gserviceaccount.com",
        ));
    }
    out
}

const DATAFLOW_API: &str = "dataflow.googleapis.com";

/// The API of each agent the identity command creates.
pub(super) fn created_agent_apis(agents: &[ServiceAgent]) -> Vec<String> {
    let mut apis: Vec<String> = agents
        .iter()
        .filter_map(|a| a.identity_api.clone())
        .collect();
    apis.sort_unstable();
    apis
}

/// APIs to enable so that an agent a key grant names exists (its API creates it when turned on).
pub(super) fn enabled_agent_apis(agents: &[ServiceAgent]) -> Vec<String> {
    agents
        .iter()
        .filter(|a| a.domain == "compute-system.iam.gserviceaccount.com")
        .map(|_| "compute.googleapis.com".to_owned())
        .collect()
}
