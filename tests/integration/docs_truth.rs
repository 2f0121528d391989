//! The client docs tell each client the truth: every generated Markdown doc is rendered for the
//! examples, the conformance matrix and variants of them (shared VPC, VPC Service Controls, one
//! environment, CMEK on and off, each repository host, batch or online serving, models that are not
//! tabular, data outside Google Cloud, personal data under LGPD, Dataflow preparation on a private
//! network), and each doc must say what holds for that client and must not say what does not.

use super::common::{example, render};

use mlops_kit::questionnaire::model::{Cmek, Network, NetworkMode, VpcServiceControls};
use mlops_kit::questionnaire::{DataSource, DataVolume, Questionnaire, Sensitivity, load_path};

fn matrix(name: &str) -> Questionnaire {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/matrix")
        .join(format!("{name}.yaml"));
    load_path(&path)
        .expect("matrix questionnaires are valid")
        .questionnaire
}

/// Whitespace-insensitive text: Markdown wraps lines wherever it likes.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One client and what its docs must and must not say.
struct Case {
    name: &'static str,
    questionnaire: Questionnaire,
    /// (doc, phrase) pairs the doc must contain.
    says: Vec<(&'static str, &'static str)>,
    /// (doc, phrase) pairs the doc must not contain.
    never: Vec<(&'static str, &'static str)>,
}

const README: &str = "README.md";
const SECURITY: &str = "docs/security.md";
const OPERATIONS: &str = "docs/operations.md";
const ARCHITECTURE: &str = "docs/architecture.md";

fn shared_vpc_with_perimeter() -> Questionnaire {
    let mut q = matrix("sklearn-gcs-ghe");
    q.gcp.vpc_service_controls = VpcServiceControls {
        enabled: true,
        perimeter: Some("boasaude_perimeter".to_owned()),
    };
    q
}

fn dataflow_private_cmek() -> Questionnaire {
    let mut q = example("industrial-onprem");
    q.gcp.cmek = Cmek {
        enabled: true,
        key_location: Some(q.gcp.region.clone()),
    };
    q.gcp.network = Network {
        mode: NetworkMode::Private,
        vpc: Some("stahl-vpc".to_owned()),
        host_project_id: None,
    };
    q
}

fn cases() -> Vec<Case> {
    let mut personal_abroad = example("retail-startup");
    personal_abroad.data.sensitivity = Sensitivity::Personal;
    let mut single_prod = example("retail-startup");
    single_prod
        .gcp
        .environments
        .retain(|e| e.project_id.ends_with("-prod"));
    let mut onprem_tabular = example("fintech-regulated");
    onprem_tabular.data.sources = vec![DataSource::OnPremises {
        system: "Oracle 19c core banking".to_owned(),
    }];
    onprem_tabular.data.volume = DataVolume::From1tbTo10tb;
    let mut big_table = example("fintech-regulated");
    big_table.data.volume = DataVolume::From1tbTo10tb;

    vec![
        Case {
            name: "default network, CMEK off, online tabular, scheduled retraining",
            questionnaire: example("retail-startup"),
            says: vec![
                (SECURITY, "Google-managed networking"),
                (
                    SECURITY,
                    "Google-managed encryption keys protect data at rest",
                ),
                (SECURITY, "`lojarapida_ml.request_response_logging`"),
                (
                    README,
                    "Online predictions are monitored by Vertex AI Model Monitoring",
                ),
                (
                    README,
                    "Drift does not start retraining automatically (retraining is schedule)",
                ),
                (
                    OPERATIONS,
                    "Online drift: the Vertex AI Model Monitoring email",
                ),
                (README, "do these steps for `dev`, `prod`"),
                (ARCHITECTURE, "Both Dockerfiles start from"),
                (
                    README,
                    "`requirements.txt` (training) and `requirements-serving.txt` (the kit's serving image) pin the same XGBoost version",
                ),
                (README, "a `plan` of `dev`"),
            ],
            never: vec![
                (SECURITY, "customer-managed key per environment"),
                (SECURITY, "VPC Service Controls"),
                (README, "monitoring_pipeline.yaml"),
                (README, "enable_monitoring_schedule"),
                (README, "Land the training data"),
                (OPERATIONS, "Batch drift"),
                (README, "\\`"),
                (README, "with a person approving the production release"),
            ],
        },
        Case {
            name: "private network, VPC-SC, CMEK on, batch tabular, drift retraining on",
            questionnaire: example("fintech-regulated"),
            says: vec![
                (SECURITY, "The client's VPC `credseg-ml-vpc` carries"),
                (
                    SECURITY,
                    "Cloud Build runs in the private pool `credseg-private-pool`",
                ),
                (SECURITY, "`sqladmin.googleapis.com`"),
                (
                    README,
                    "The security team has put the projects in the VPC Service Controls perimeter credseg\\_ml\\_perimeter",
                ),
                (
                    README,
                    "The VPC `credseg-ml-vpc` exists in each environment's project",
                ),
                (SECURITY, "`cloudkms.googleapis.com`"),
                (SECURITY, "customer-managed key per environment"),
                (SECURITY, "`credseg-keyring/credseg-data`"),
                (SECURITY, "São Paulo"),
                (
                    README,
                    "set `enable_monitoring_schedule = true` in `terraform/environments/prod/terraform.tfvars`",
                ),
                (
                    README,
                    "Batch predictions are monitored by `pipelines/monitoring_pipeline.yaml`",
                ),
                (README, "drift retrains the model"),
                (README, "with a person approving the production release"),
                (OPERATIONS, "A retraining run has already started"),
                (ARCHITECTURE, "by BigQuery"),
            ],
            never: vec![
                (SECURITY, "Google-managed networking"),
                (SECURITY, "international transfer (LGPD"),
                (
                    SECURITY,
                    "Vertex AI, BigQuery, Cloud Storage and Artifact Registry APIs",
                ),
                (
                    README,
                    "Vertex AI Model Monitoring (`pipelines/model_monitoring.json`)",
                ),
                (SECURITY, "credseg\\_ml\\_perimeter`"),
            ],
        },
        Case {
            name: "not tabular, both serving modes, data on premises, new-data retraining",
            questionnaire: example("industrial-onprem"),
            says: vec![
                (README, "This model is not tabular (vision)"),
                (
                    README,
                    "when the data load writes a batch marker under `gs://stahlrhein-vision-prod-landing/_ready/`",
                ),
                (README, "Nothing in the kit watches drift"),
                (OPERATIONS, "Watching a model that is not tabular"),
                (README, "### 5. Land the training data"),
                (
                    README,
                    "`stahlrhein-vision-dev-landing`, `stahlrhein-vision-prod-landing`",
                ),
                (README, "a `labels.csv` manifest"),
                (SECURITY, "landed in each environment's landing bucket"),
                (SECURITY, "The model trains on no personal data"),
                (ARCHITECTURE, "reads the `labels.csv` manifest"),
            ],
            never: vec![
                (README, "drift monitoring that retrains it"),
                (OPERATIONS, "Drift alert received"),
                (SECURITY, "**LGPD.**"),
                (SECURITY, "Drift alerts are structured log entries"),
                (ARCHITECTURE, "rewrites the Parquet files"),
            ],
        },
        Case {
            name: "shared VPC without perimeter, batch text model, two environments",
            questionnaire: matrix("pytorch-cpu-bigquery-github"),
            says: vec![
                (
                    SECURITY,
                    "The shared VPC `horizonte-shared` of the host project `horizonte-net-host` carries",
                ),
                (
                    SECURITY,
                    "Pseudonymised data is still personal data under LGPD",
                ),
                (SECURITY, "international transfer (LGPD articles 33 to 36)"),
                (README, "can use the shared VPC of `horizonte-net-host`"),
                (
                    README,
                    "when a message is published to the Pub/Sub topic `horizonte-new-data`",
                ),
                (
                    README,
                    "The shared VPC `horizonte-shared` of `horizonte-net-host` has the environment projects attached",
                ),
            ],
            never: vec![
                (SECURITY, "Google-managed networking"),
                (SECURITY, "VPC Service Controls"),
                (README, "monitoring_pipeline.yaml"),
            ],
        },
        Case {
            name: "shared VPC with a perimeter, one production environment, CMEK on",
            questionnaire: shared_vpc_with_perimeter(),
            says: vec![
                (
                    SECURITY,
                    "The shared VPC `boasaude-shared-vpc` of the host project `boasaude-net-host` carries the Vertex AI endpoint",
                ),
                (
                    SECURITY,
                    "VPC Service Controls perimeter boasaude\\_perimeter",
                ),
                (SECURITY, "`cloudscheduler.googleapis.com`"),
                (
                    SECURITY,
                    "Sensitive personal data needs one of the legal bases of article 11",
                ),
                (SECURITY, "the Vertex AI endpoint"),
                (
                    README,
                    "through a second-generation connection, in `boasaude-ml-prod`",
                ),
            ],
            never: vec![
                (SECURITY, "Google-managed networking"),
                (README, "Promote that release"),
                (README, "do these steps for"),
                (ARCHITECTURE, "Both Dockerfiles"),
                (README, "requirements-serving.txt"),
                (README, "plan` for each environment"),
            ],
        },
        Case {
            name: "other cloud, both serving modes, drift retraining switched off",
            questionnaire: matrix("xgboost-aws-bbdc"),
            says: vec![
                (
                    README,
                    "its CT trigger is switched off (`enable_drift_retraining = false`",
                ),
                (
                    README,
                    "when drift is detected once `enable_drift_retraining = true`",
                ),
                (OPERATIONS, "Drift retraining is switched off"),
                (
                    README,
                    "The training data is not a BigQuery table, so the job watches drift only",
                ),
            ],
            never: vec![
                (README, "drift retrains the model"),
                (OPERATIONS, "A retraining run has already started"),
                (README, "drift monitoring that retrains it"),
                (README, "drift and training-serving skew"),
            ],
        },
        Case {
            name: "Cloud SQL source on a private network",
            questionnaire: matrix("tensorflow-gpu-cloudsql-gitlab"),
            says: vec![
                (
                    SECURITY,
                    "the Cloud SQL export (CSV), written by the instance into the artifacts bucket",
                ),
                (
                    README,
                    "the Cloud SQL instance's own account can write its export",
                ),
                (SECURITY, "The client's VPC `viasul-ml-vpc` carries"),
            ],
            never: vec![(SECURITY, "Google-managed networking")],
        },
        Case {
            name: "personal data under LGPD outside Brazil",
            questionnaire: personal_abroad,
            says: vec![
                (SECURITY, "The region `us-central1` is outside Brazil"),
                (SECURITY, "never log feature values"),
            ],
            never: vec![(SECURITY, "São Paulo")],
        },
        Case {
            name: "one production environment",
            questionnaire: single_prod,
            says: vec![(README, "connection, in `lojarapida-ml-prod`")],
            never: vec![
                (README, "Promote that release"),
                (README, "do these steps for"),
            ],
        },
        Case {
            name: "Dataflow preparation with CMEK on a private network",
            questionnaire: dataflow_private_cmek(),
            says: vec![
                (
                    ARCHITECTURE,
                    "encrypted with the environment's Cloud KMS key (`dataflow_kms_key`)",
                ),
                (
                    ARCHITECTURE,
                    "they have no public IP: they run in the subnetwork `regions/europe-west4/subnetworks/stahl-vpc`",
                ),
                (SECURITY, "the Dataflow workers, without public IPs"),
                (
                    ARCHITECTURE,
                    "grants the project's Dataflow and Compute Engine service agents `roles/cloudkms.cryptoKeyEncrypterDecrypter` on that key",
                ),
                (
                    SECURITY,
                    "the Dataflow data-preparation job (`dataflow_kms_key`)",
                ),
            ],
            never: vec![(SECURITY, "Google-managed")],
        },
        Case {
            name: "tabular data on premises lands as CSV, which BigQuery prepares at any size",
            questionnaire: onprem_tabular,
            says: vec![
                (README, "CSV files with a header row and the columns"),
                (ARCHITECTURE, "by BigQuery"),
            ],
            never: vec![
                (README, "Parquet or CSV files"),
                (ARCHITECTURE, "on Dataflow"),
            ],
        },
        Case {
            name: "a BigQuery table of terabytes is prepared by BigQuery, not Dataflow",
            questionnaire: big_table,
            says: vec![(ARCHITECTURE, "by BigQuery")],
            never: vec![(ARCHITECTURE, "on Dataflow"), (SECURITY, "Dataflow")],
        },
    ]
}

#[test]
fn every_doc_says_what_holds_for_its_client_and_nothing_that_does_not() {
    let mut failures = Vec::new();
    for case in cases() {
        let files = render(&case.questionnaire);
        let doc = |path: &str| {
            flat(
                files
                    .get(path)
                    .unwrap_or_else(|| panic!("{}: {path} is generated", case.name)),
            )
        };
        for (path, phrase) in &case.says {
            if !doc(path).contains(&flat(phrase)) {
                failures.push(format!("{}: {path} should say {phrase:?}", case.name));
            }
        }
        for (path, phrase) in &case.never {
            if doc(path).contains(&flat(phrase)) {
                failures.push(format!("{}: {path} must not say {phrase:?}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_perimeter_services_in_the_security_notes_are_the_platform_list() {
    let q = shared_vpc_with_perimeter();
    let kit = mlops_kit::kit::resolve(&q);
    let security = flat(&render(&q)[SECURITY]);
    assert!(!kit.platform.perimeter_services.is_empty());
    for service in &kit.platform.perimeter_services {
        assert!(security.contains(&format!("`{service}`")), "{service}");
    }
}

#[test]
fn every_repository_host_gets_its_connection_steps_unescaped() {
    for name in ["retail-startup", "fintech-regulated", "industrial-onprem"] {
        let q = example(name);
        let kit = mlops_kit::kit::resolve(&q);
        let readme = render(&q)[README].clone();
        for step in &kit.platform.connection.setup_steps {
            assert!(readme.contains(step.doc.as_str()), "{name}: {}", step.doc);
        }
    }
    for name in [
        "pytorch-cpu-bigquery-github",
        "sklearn-gcs-ghe",
        "tensorflow-gpu-cloudsql-gitlab",
        "xgboost-aws-bbdc",
    ] {
        let q = matrix(name);
        let kit = mlops_kit::kit::resolve(&q);
        let readme = render(&q)[README].clone();
        for step in &kit.platform.connection.setup_steps {
            assert!(readme.contains(step.doc.as_str()), "{name}: {}", step.doc);
        }
    }
}
