//! What the platform includes at the client's maturity level and what it defers to later phases.

use serde::Serialize;

use crate::kit::Kit;

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

pub(super) fn maturity(kit: &Kit, drift_enabled: bool) -> MaturityPlan {
    let level = kit.maturity.google_level;
    let f = &kit.features;
    let mut includes = vec![
        "Infrastructure as code for every environment, with remote state and dedicated least-privilege service accounts".to_owned(),
        "CI on every pull request: lint, unit tests, image builds, pipeline validation, Terraform plan and security checks".to_owned(),
        if f.promotion {
            "CD on merge to main, with promotion by image digest to later environments".to_owned()
        } else {
            format!(
                "CD on merge to main, releasing to the single environment `{}`",
                kit.ci_environment
            )
        },
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
    if level < 2 && f.promotion {
        deferred.push(
            "Automatic promotion to pre-production (level 2): every environment after the first promotes a release when a person runs its CD trigger, until the pipeline has a track record"
                .to_owned(),
        );
    }
    if level < 2 {
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
