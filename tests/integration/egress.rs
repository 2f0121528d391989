//! Clients behind a private network or a VPC Service Controls perimeter (builds and pipelines with

// Kit paths are generated lowercase, so `.tf` suffix checks are exact.
#![allow(clippy::case_sensitive_file_extension_comparisons)]
//! no public internet), and clients who retrain only by hand.

use super::common::{example, render};
use mlops_kit::questionnaire::Questionnaire;

/// The retail example, asked for no automatic retraining.
fn manual_retraining() -> Questionnaire {
    let mut q = example("retail-startup");
    q.operations.retraining.triggers.clear();
    q.operations.retraining.schedule = None;
    q.operations.retraining.timezone = None;
    q
}

#[test]
fn an_empty_trigger_list_is_valid_and_means_retraining_by_hand() {
    let q = manual_retraining();
    let yaml = serde_json::to_string_pretty(&q).expect("answers serialize");
    let loaded = mlops_kit::questionnaire::load_str("manual.yaml", &yaml)
        .expect("`operations.retraining.triggers: []` is accepted");
    assert!(
        loaded
            .questionnaire
            .operations
            .retraining
            .triggers
            .is_empty()
    );

    let kit = mlops_kit::kit::resolve(&q);
    let f = &kit.features;
    assert!(!f.retrain_on_schedule && !f.retrain_on_new_data && !f.retrain_on_drift);
    assert!(kit.platform.retraining_routes.is_empty());
    assert!(!kit.platform.retraining_via_workflows);
    let keys: Vec<&String> = kit.platform.triggers.keys().collect();
    assert_eq!(keys, ["cd", "ci", "ct"], "only the hand-started CT trigger");
}

#[test]
fn a_kit_without_retraining_triggers_has_no_retraining_resources_and_says_how_to_retrain() {
    for perimeter in [false, true] {
        let mut q = manual_retraining();
        if perimeter {
            let fintech = example("fintech-regulated");
            q.gcp.network = fintech.gcp.network.clone();
            q.gcp.vpc_service_controls = fintech.gcp.vpc_service_controls.clone();
        }
        let kit = render(&q);
        for (path, text) in kit.iter().filter(|(p, _)| p.ends_with(".tf")) {
            for kind in [
                "google_cloud_scheduler_job",
                "google_pubsub_topic",
                "google_storage_notification",
                "google_workflows_workflow",
                "google_eventarc_trigger",
                "google_logging_project_sink",
            ] {
                assert!(
                    !text.contains(&format!("resource \"{kind}\"")),
                    "{path} declares {kind} although nothing retrains automatically"
                );
            }
        }
        let build = &kit["terraform/modules/platform/build.tf"];
        assert!(
            !build.contains("pubsub_config"),
            "no Pub/Sub-started trigger"
        );
        let ops = &kit["docs/operations.md"];
        assert!(ops.contains("operations.retraining.triggers: []"), "{ops}");
        assert!(ops.contains("gcloud builds triggers run"), "{ops}");
        let readme = &kit["README.md"];
        assert!(
            !readme.contains("retraining is )"),
            "no empty trigger list in the README"
        );
    }
}

#[test]
fn the_roadmap_does_not_promise_automatic_retraining_without_a_trigger() {
    let mut q = manual_retraining();
    q.practices.retraining = mlops_kit::questionnaire::RetrainingPractice::Manual;
    let a = mlops_kit::assess::assess(&q);
    let steps: Vec<&String> = a.roadmap.iter().flat_map(|p| p.steps.iter()).collect();
    assert!(
        steps.iter().any(|s| s.starts_with("Retrain by hand")),
        "{steps:?}"
    );
    assert!(!steps.iter().any(|s| s.starts_with("Retrain automatically")));
}
