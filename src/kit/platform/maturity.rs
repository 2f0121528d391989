//! What the platform includes at the client's maturity level and what it defers to later phases.

use serde::Serialize;

use crate::i18n::{s, t, tr};
use crate::kit::Kit;

/// What the platform includes at the client's maturity level.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MaturityPlan {
    /// Google MLOps level (0-2).
    pub level: u8,
    /// Included now, in the client's language.
    pub includes: Vec<String>,
    /// Left to later phases of the roadmap, in the client's language.
    pub deferred: Vec<String>,
}

pub(super) fn maturity(kit: &Kit, drift_enabled: bool) -> MaturityPlan {
    let level = kit.maturity.google_level;
    let f = &kit.features;
    let lang = kit.language;
    let mut includes = vec![
        t(lang, "platform-includes-iac"),
        t(lang, "platform-includes-ci"),
        if f.promotion {
            t(lang, "platform-includes-cd-promotion")
        } else {
            tr(
                lang,
                "platform-includes-cd-single",
                &[("environment", s(&kit.ci_environment))],
            )
        },
        t(lang, "platform-includes-ct-trigger"),
    ];
    let mut deferred = Vec::new();
    if f.retrain_on_schedule {
        includes.push(t(lang, "platform-includes-schedule"));
    }
    if f.retrain_on_new_data {
        includes.push(if f.landing_bucket {
            t(lang, "platform-includes-new-data-landing")
        } else {
            t(lang, "platform-includes-new-data-topic")
        });
    }
    if f.retrain_on_drift {
        if drift_enabled {
            includes.push(t(lang, "platform-includes-drift"));
        } else {
            includes.push(t(lang, "platform-includes-drift-off"));
            deferred.push(t(lang, "platform-deferred-drift"));
        }
    }
    if level < 2 && f.promotion {
        deferred.push(t(lang, "platform-deferred-promotion"));
    }
    if level < 2 {
        deferred.push(t(lang, "platform-deferred-models"));
    }
    if f.landing_bucket {
        deferred.push(t(lang, "platform-deferred-live-data"));
    }
    MaturityPlan {
        level,
        includes,
        deferred,
    }
}
