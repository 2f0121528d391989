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

pub(super) fn service_agents(kit: &Kit) -> Vec<ServiceAgent> {
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
    out
}

/// The API of each agent the identity command creates, from the agents' email domains.
pub(super) fn created_agent_apis(agents: &[ServiceAgent]) -> Vec<String> {
    let mut apis: Vec<String> = agents
        .iter()
        .filter_map(|a| {
            a.domain
                .strip_prefix("gcp-sa-")
                .and_then(|d| d.strip_suffix(".iam.gserviceaccount.com"))
                .map(|name| format!("{name}.googleapis.com"))
        })
        .collect();
    apis.sort_unstable();
    apis
}
