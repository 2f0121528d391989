//! Clients behind a private network or a VPC Service Controls perimeter (builds and pipelines with

// Kit paths are generated lowercase, so `.tf` suffix checks are exact.
#![allow(clippy::case_sensitive_file_extension_comparisons)]
//! no public internet), and clients who retrain only by hand.

use super::common::{example, render};
use mlops_kit::questionnaire::{NetworkMode, Questionnaire};

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

/// Kits without public internet: the perimeter example, the retail example on a private network and
/// on a shared VPC, and the perimeter example on a VPC the kit creates.
fn private_kits() -> Vec<(&'static str, Questionnaire)> {
    let fintech = example("fintech-regulated");
    let mut created = fintech.clone();
    created.gcp.network.vpc = None;
    let mut private = example("retail-startup");
    private.gcp.network.mode = NetworkMode::Private;
    let mut shared = example("retail-startup");
    shared.gcp.network.mode = NetworkMode::SharedVpc;
    shared.gcp.network.vpc = Some("corp-shared".to_owned());
    shared.gcp.network.host_project_id = Some("corp-net-host".to_owned());
    vec![
        ("perimeter", fintech),
        ("perimeter, created VPC", created),
        ("private", private),
        ("shared VPC", shared),
    ]
}

fn lines_starting<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with(prefix))
        .collect()
}

#[test]
fn builds_without_public_internet_pull_only_from_the_kits_registries_or_googles() {
    for (label, q) in private_kits() {
        let model = mlops_kit::kit::resolve(&q);
        let slug = &model.client.slug;
        let region = &model.region;
        let kit = render(&q);
        let docker_hub = format!("\"{region}-docker.pkg.dev/$PROJECT_ID/{slug}-dockerhub/");
        let pypi = format!("\"PYTHON_REPOSITORY={region}-python.pkg.dev/$PROJECT_ID/{slug}-pypi\"");
        let configs: Vec<&String> = kit
            .keys()
            .filter(|p| p.starts_with("cloudbuild/"))
            .collect();
        assert!(configs.len() >= 3, "{label}");
        for config in configs {
            let text = &kit[config];
            for name in lines_starting(text, "name: ") {
                let image = &name["name: ".len()..];
                assert!(
                    image.starts_with(&docker_hub)
                        || image.starts_with("\"gcr.io/google.com/cloudsdktool/")
                        || image.starts_with("projects/$PROJECT_ID/locations/"),
                    "{label}: {config}: builder image {image} is public"
                );
            }
            // Every step whose script installs Python packages (or builds images that do).
            for (script, body) in kit.iter().filter(|(p, _)| p.starts_with("scripts/")) {
                let installs = body.contains("pip install") || body.contains("docker-build.sh");
                if installs && text.contains(&format!("\"{script}\"")) {
                    assert!(
                        text.contains(&pypi),
                        "{label}: {config} runs {script} without the PyPI remote repository"
                    );
                }
            }
        }
        let bucket = format!("{}-tf-providers", model.names.admin_project);
        for config in ["cloudbuild/ci.yaml", "cloudbuild/cd.yaml"] {
            assert!(
                kit[config].contains(&format!("\"TF_PROVIDER_MIRROR={bucket}\"")),
                "{label}: {config} runs terraform init without the provider mirror"
            );
        }
        let providers = &kit["terraform/bootstrap/providers.tf"];
        assert!(providers.contains(&format!("name                        = \"{bucket}\"")));
        for e in &model.environments {
            assert!(
                providers.contains(&format!("{slug}-deploy@{}", e.project_id)),
                "{label}"
            );
        }
        assert_eq!(
            providers.matches("roles/storage.objectViewer").count(),
            1 + model.environments.len()
        );

        let base = format!(
            "FROM {region}-docker.pkg.dev/{}/{slug}-dockerhub/library/python:",
            model.environments[0].project_id
        );
        for (path, text) in kit.iter().filter(|(p, _)| p.ends_with("Dockerfile")) {
            for from in lines_starting(text, "FROM ") {
                assert!(from.starts_with(&base), "{label}: {path}: {from}");
            }
            assert!(
                text.contains("RUN --mount=type=secret,id=pip-config,required=true")
                    && text.contains(
                        "PIP_CONFIG_FILE=/run/secrets/pip-config /opt/venv/bin/pip install"
                    ),
                "{label}: {path}: pip install without the build secret"
            );
        }

        let training = model
            .environments
            .iter()
            .find(|e| e.name == model.training_environment)
            .unwrap();
        let gcpc = format!(
            "{}/google-cloud-pipeline-components:",
            training.docker_registry
        );
        assert!(
            kit["pipelines/training_pipeline.yaml"].contains(&gcpc),
            "{label}"
        );
        assert!(!kit["pipelines/training_pipeline.yaml"].contains("gcr.io/ml-pipeline"));
        assert!(kit["cloudbuild/cd.yaml"].contains(
            "\"MIRROR_IMAGES=google-cloud-pipeline-components=gcr.io/ml-pipeline/google-cloud-pipeline-components:"
        ));
    }
}

#[test]
fn remote_repositories_are_declared_with_cmek_and_read_only_grants() {
    for (label, q) in private_kits() {
        let model = mlops_kit::kit::resolve(&q);
        let kit = render(&q);
        let registry = &kit["terraform/modules/platform/registry.tf"];
        for (key, format, block, upstream) in [
            ("dockerhub", "DOCKER", "docker_repository", "DOCKER_HUB"),
            ("pypi", "PYTHON", "python_repository", "PYPI"),
        ] {
            let start = registry
                .find(&format!(
                    "resource \"google_artifact_registry_repository\" \"{key}\""
                ))
                .unwrap_or_else(|| panic!("{label}: no {key} remote repository"));
            let body = &registry[start..registry[start..].find("\n}\n").unwrap() + start];
            assert!(body.contains(&format!("format        = \"{format}\"")));
            assert!(body.contains("mode          = \"REMOTE_REPOSITORY\""));
            assert!(body.contains(&format!(
                "{block} {{\n      public_repository = \"{upstream}\""
            )));
            assert_eq!(
                body.contains("kms_key_name  = local.kms_key_id"),
                model.platform.kms.is_some(),
                "{label}: {key} follows the kit's CMEK answer"
            );
            let grants: Vec<_> = model
                .platform
                .repository_grants
                .iter()
                .filter(|g| g.target == key)
                .collect();
            let members: Vec<&str> = grants.iter().map(|g| g.member.as_str()).collect();
            assert_eq!(members, ["ci", "build"], "{label}: {key}");
            // The deploy account's read grant is the bootstrap's, like all of its rights.
            let repository = format!("{}-{key}", model.client.slug);
            assert!(
                model
                    .platform
                    .deploy_grants
                    .iter()
                    .any(|g| g.scope == "repository"
                        && g.target == repository
                        && g.role == "roles/artifactregistry.reader")
            );
            assert!(
                kit["terraform/bootstrap/access.tf"]
                    .contains(&format!("repository = \"{repository}\""))
            );
            assert!(
                grants
                    .iter()
                    .all(|g| g.role == "roles/artifactregistry.reader")
            );
            let iam = &kit["terraform/modules/platform/iam.tf"];
            assert!(iam.contains(&format!(
                "repository = google_artifact_registry_repository.{key}.name"
            )));
        }
        let network = kit
            .get("terraform/modules/platform/network.tf")
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            network
                .contains("resource \"google_service_networking_vpc_service_controls\" \"main\""),
            label == "perimeter, created VPC",
            "{label}: the kit turns VPC Service Controls on for the peering it creates, only inside a perimeter"
        );
        let readme = &kit["README.md"];
        assert!(
            readme.contains("terraform/bootstrap providers mirror -platform=linux_amd64"),
            "{label}"
        );
        let security = &kit["docs/security.md"];
        assert!(security.contains("**Egress.**"), "{label}");
        if label.starts_with("perimeter") {
            assert!(security.contains("gcloud artifacts vpcsc-config allow"));
        }
    }
}

#[test]
fn kits_on_google_managed_networking_keep_public_pulls() {
    for name in ["retail-startup", "industrial-onprem"] {
        let q = example(name);
        let model = mlops_kit::kit::resolve(&q);
        assert!(model.platform.egress.is_none());
        let kit = render(&q);
        assert!(!kit["terraform/modules/platform/registry.tf"].contains("REMOTE_REPOSITORY"));
        assert!(!kit.contains_key("terraform/bootstrap/providers.tf"));
        for config in [
            "cloudbuild/ci.yaml",
            "cloudbuild/cd.yaml",
            "cloudbuild/ct.yaml",
        ] {
            assert!(kit[config].contains("name: \"python:3.11.13-slim-bookworm\""));
            assert!(!kit[config].contains("PYTHON_REPOSITORY"));
            assert!(!kit[config].contains("TF_PROVIDER_MIRROR"));
        }
        assert!(
            kit["docker/trainer/Dockerfile"].contains("FROM python:3.11-slim-bookworm@sha256:")
        );
        assert!(!kit["docker/trainer/Dockerfile"].contains("--mount=type=secret"));
        assert!(
            kit["pipelines/training_pipeline.yaml"]
                .contains("gcr.io/ml-pipeline/google-cloud-pipeline-components:")
        );
    }
}
