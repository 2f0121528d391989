//! One decision per fact: each case where a document, an assessment sentence or a pipeline parameter
//! used to decide a fact on its own, against the kit's single decision (issue 15).

use super::common::{example, render};

use mlops_kit::kit::resolve;
use mlops_kit::questionnaire::{
    Accelerator, BatchOutput, DataSource, DataVolume, EnvironmentName, FileFormat, Framework,
    OtherCloud, ServingMode,
};

fn arg_after(spec: &str, flag: &str) -> Vec<String> {
    let lines: Vec<&str> = spec.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0].trim() == format!("- {flag}"))
        .map(|w| w[1].trim().trim_start_matches("- ").to_owned())
        .collect()
}

#[test]
fn a_cloud_sql_source_never_reaches_batch_prediction_as_its_input() {
    let mut q = example("fintech-regulated");
    q.serving.mode = ServingMode::Batch;
    // Unattended releases: the training pipeline then scores (with approval only the rollout does).
    q.serving.rollout.manual_approval = false;
    q.data.sources.insert(
        0,
        DataSource::CloudSql {
            project_id: "credseg-core".into(),
            instance: "core-postgres".into(),
            database: "lending".into(),
            table: "repayments".into(),
        },
    );
    let kit = resolve(&q);
    for env in &kit.environments {
        let input = env.pipeline_values["training"]["batch_input_uri"]
            .as_str()
            .unwrap();
        assert_eq!(
            input,
            format!("gs://{}/batch-input/", env.buckets.artifacts),
            "{}",
            env.name
        );
        // The extract step still reads the Cloud SQL table in production; with personal data the
        // other environments read their de-identified sample instead (issue 18).
        let source = env.pipeline_values["training"]["source_uri"]
            .as_str()
            .unwrap();
        if env.is_production {
            assert!(source.starts_with("cloudsql://"), "{source}");
        } else {
            assert_eq!(
                source,
                format!("gs://{}/masked-sample/", env.buckets.artifacts)
            );
        }
    }
    let files = render(&q);
    let spec = &files["pipelines/training_pipeline.yaml"];
    assert_eq!(arg_after(spec, "--input-format"), vec!["csv"]);
    assert_eq!(arg_after(spec, "--source-format"), vec!["csv"]);
}

#[test]
fn batch_prediction_scores_csv_and_json_lines_where_they_are_and_never_parquet() {
    let mut q = example("fintech-regulated");
    q.serving.mode = ServingMode::Both;
    // Unattended releases: the training pipeline then scores (with approval only the rollout does).
    q.serving.rollout.manual_approval = false;
    for (format, input_format, in_place) in [
        (FileFormat::Csv, "csv", true),
        (FileFormat::Jsonl, "jsonl", true),
        (FileFormat::Parquet, "csv", false),
    ] {
        q.data.sources = vec![DataSource::CloudStorage {
            bucket: "credseg-files".into(),
            prefix: "loans/".into(),
            format: Some(format),
        }];
        let kit = resolve(&q);
        assert_eq!(kit.workload.batch_input_format, input_format);
        assert_eq!(kit.workload.batch_input_is_source, in_place);
        // Production: the environment that reads the client's files (personal data).
        let env = kit.environments.last().unwrap();
        let input = env.pipeline_values["training"]["batch_input_uri"]
            .as_str()
            .unwrap();
        assert_eq!(input == "gs://credseg-files/loans/", in_place, "{input}");
        let spec = &render(&q)["pipelines/training_pipeline.yaml"];
        assert_eq!(arg_after(spec, "--input-format"), vec![input_format]);
    }
}

#[test]
fn a_second_source_outside_google_cloud_lands_nothing_the_pipeline_does_not_read() {
    let mut q = example("retail-startup");
    q.data.sources.push(DataSource::OtherCloud {
        provider: OtherCloud::Aws,
        system: "S3 bucket of clickstream exports".into(),
    });
    let kit = resolve(&q);
    assert!(!kit.features.landing_bucket);
    assert!(kit.environments.iter().all(|e| e.buckets.landing.is_none()));
    let files = render(&q);
    assert!(!files["README.md"].contains("landing bucket"));
    assert!(!files["docs/maturity-report.md"].contains("Training data is not in Google Cloud"));
    assert!(
        kit.environments[0].pipeline_values["training"]["source_uri"]
            .as_str()
            .unwrap()
            .starts_with("bq://")
    );
    // The same source first: the pipeline reads the landing bucket, and everything says so.
    q.data.sources.rotate_right(1);
    let kit = resolve(&q);
    assert!(kit.features.landing_bucket);
    let files = render(&q);
    assert!(files["README.md"].contains("S3 bucket of clickstream exports"));
    assert!(files["docs/maturity-report.md"].contains("Training data is not in Google Cloud"));
    let landing = kit.environments[0].buckets.landing.clone().unwrap();
    assert_eq!(
        kit.environments[0].pipeline_values["training"]["source_uri"],
        format!("gs://{landing}/training-data/")
    );
}

#[test]
fn docs_state_the_machines_the_training_job_runs() {
    for (framework, machines) in [
        (Framework::ScikitLearn, 1),
        (Framework::Xgboost, 1),
        (Framework::Tensorflow, 4),
        (Framework::Pytorch, 4),
    ] {
        let mut q = example("retail-startup");
        q.model.framework = Some(framework);
        q.data.volume = DataVolume::Over10tb;
        let kit = resolve(&q);
        assert_eq!(kit.model.replica_count, machines, "{framework:?}");
        let files = render(&q);
        assert!(
            files["README.md"].contains(&format!("{machines} machine(s)")),
            "{framework:?}"
        );
        assert!(
            files["docs/architecture.md"].contains(&format!("{machines} machine(s)")),
            "{framework:?}"
        );
        let spec = &files["pipelines/training_pipeline.yaml"];
        let pools = spec.matches("\\\"replica_count\\\"").count()
            + spec.matches("\"replica_count\"").count();
        assert_eq!(pools, if machines > 1 { 2 } else { 1 }, "{framework:?}");
    }
}

#[test]
fn the_iam_prerequisite_follows_the_iam_answer() {
    let mut q = example("retail-startup");
    assert!(render(&q)["README.md"].contains("You can create service accounts and IAM grants"));
    q.practices.can_manage_iam = false;
    let readme = &render(&q)["README.md"];
    assert!(!readme.contains("You can create service accounts and IAM grants"));
    assert!(readme.contains("The client's platform team applies the Terraform"));
}

#[test]
fn a_production_only_kit_speaks_of_no_promotion() {
    let mut q = example("retail-startup");
    q.gcp
        .environments
        .retain(|e| e.name == EnvironmentName::Prod);
    let files = render(&q);
    for (path, text) in &files {
        for phrase in [
            "promotion by image digest",
            "later environments",
            "staging tested",
            "promoted by digest after",
        ] {
            assert!(!text.contains(phrase), "{path} says `{phrase}`");
        }
    }
    assert!(!files["terraform/modules/platform/iam.tf"].contains("downstream"));
}

#[test]
fn requested_gpus_are_used_by_the_training_code_and_installed_in_the_image() {
    let mut q = example("retail-startup");
    q.model.training.accelerator = Accelerator::NvidiaTeslaT4;
    q.model.training.accelerator_count = Some(4);
    let files = render(&q);
    assert!(
        files["src/ml_pipeline/model.py"].contains("\"device\": \"cuda\""),
        "XGBoost trains on the GPU"
    );
    q.model.training.accelerator = Accelerator::None;
    q.model.training.accelerator_count = None;
    assert!(render(&q)["src/ml_pipeline/model.py"].contains("\"device\": \"cpu\""));

    let mut q = example("retail-startup");
    q.model.framework = Some(Framework::Tensorflow);
    q.model.training.accelerator = Accelerator::NvidiaTeslaA100;
    q.model.training.accelerator_count = Some(1);
    q.gcp.region = "us-central1".into();
    let files = render(&q);
    assert!(
        files["requirements.txt"].contains("tensorflow[and-cuda]=="),
        "{}",
        files["requirements.txt"]
    );
}

#[test]
fn online_only_kits_ship_no_batch_prediction_code() {
    let mut q = example("retail-startup");
    q.serving.mode = ServingMode::Online;
    assert!(!render(&q).contains_key("src/ml_pipeline/batch_predict.py"));
    q.serving.mode = ServingMode::Batch;
    q.serving.batch_output = Some(BatchOutput::Bigquery {
        table: "scores".into(),
    });
    assert!(render(&q).contains_key("src/ml_pipeline/batch_predict.py"));
}
