//! Platform details of the kit: IAM roles per service account at the narrowest scope, Cloud Build
//! triggers and their substitutions, APIs, and other infrastructure decisions the Terraform and
//! Cloud Build blueprints render.

use serde::Serialize;

use crate::questionnaire::Questionnaire;

use super::Kit;

/// Platform decisions.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Platform {
    /// Google APIs each environment enables.
    pub apis: Vec<String>,
}

/// Resolves the platform part of the model from the answers and the shared names.
#[must_use]
pub fn resolve(_q: &Questionnaire, kit: &Kit) -> Platform {
    let mut apis: Vec<String> = [
        "aiplatform.googleapis.com",
        "artifactregistry.googleapis.com",
        "bigquery.googleapis.com",
        "cloudbuild.googleapis.com",
        "iam.googleapis.com",
        "logging.googleapis.com",
        "monitoring.googleapis.com",
        "secretmanager.googleapis.com",
        "storage.googleapis.com",
    ]
    .map(str::to_owned)
    .to_vec();
    if kit.features.cmek {
        apis.push("cloudkms.googleapis.com".to_owned());
    }
    if kit.features.retrain_on_schedule {
        apis.push("cloudscheduler.googleapis.com".to_owned());
    }
    if kit.features.retrain_on_drift || kit.features.retrain_on_new_data {
        apis.push("pubsub.googleapis.com".to_owned());
    }
    apis.sort();
    Platform { apis }
}
