//! The conformance matrix (`tests/fixtures/matrix/*.yaml` plus the embedded examples) covers every
//! value of every tailoring dimension, so the conformance gate's claim "every kit mlops-kit can
//! generate passes the validators" keeps meaning something as the questionnaire grows.
//!
//! Each dimension lists its values through an exhaustive `match`: adding a variant to the
//! questionnaire model breaks the build here until the matrix is told about it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mlops_kit::questionnaire::examples::EXAMPLES;
use mlops_kit::questionnaire::{
    Accelerator, BatchOutput, DataSource, EnvironmentName, Framework, NetworkMode, Questionnaire,
    RepositoryHost, RetrainingTrigger, RolloutStrategy, ServingMode, load_path, load_str,
};

fn matrix_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/matrix")
}

/// Every questionnaire of the matrix, by name: the fixture files and the embedded examples.
pub(super) fn matrix() -> BTreeMap<String, Questionnaire> {
    let mut all = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(matrix_dir())
        .expect("tests/fixtures/matrix exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "the matrix has fixture files: {files:?}");
    for path in files {
        let loaded = load_path(&path)
            .unwrap_or_else(|e| panic!("{} is not a valid questionnaire:\n{e}", path.display()));
        all.insert(
            path.file_name().unwrap().to_string_lossy().into_owned(),
            loaded.questionnaire,
        );
    }
    for example in EXAMPLES {
        let loaded = load_str(example.name, example.yaml).expect("embedded examples are valid");
        all.insert(format!("example {}", example.name), loaded.questionnaire);
    }
    all
}

fn host(h: RepositoryHost) -> &'static str {
    match h {
        RepositoryHost::Github => "github",
        RepositoryHost::GithubEnterprise => "github_enterprise",
        RepositoryHost::Gitlab => "gitlab",
        RepositoryHost::GitlabSelfManaged => "gitlab_self_managed",
        RepositoryHost::BitbucketCloud => "bitbucket_cloud",
        RepositoryHost::BitbucketDataCenter => "bitbucket_data_center",
    }
}
const HOSTS: [RepositoryHost; 6] = [
    RepositoryHost::Github,
    RepositoryHost::GithubEnterprise,
    RepositoryHost::Gitlab,
    RepositoryHost::GitlabSelfManaged,
    RepositoryHost::BitbucketCloud,
    RepositoryHost::BitbucketDataCenter,
];

fn framework(f: Framework) -> &'static str {
    match f {
        Framework::ScikitLearn => "scikit_learn",
        Framework::Xgboost => "xgboost",
        Framework::Tensorflow => "tensorflow",
        Framework::Pytorch => "pytorch",
    }
}
const FRAMEWORKS: [Framework; 4] = [
    Framework::ScikitLearn,
    Framework::Xgboost,
    Framework::Tensorflow,
    Framework::Pytorch,
];

fn hardware(a: Accelerator) -> &'static str {
    match a {
        Accelerator::None => "cpu",
        Accelerator::NvidiaTeslaT4
        | Accelerator::NvidiaL4
        | Accelerator::NvidiaTeslaV100
        | Accelerator::NvidiaTeslaA100
        | Accelerator::NvidiaA10080gb
        | Accelerator::NvidiaH10080gb => "gpu",
    }
}

/// The source the training pipeline extracts from is the first one.
fn data_source(s: &DataSource) -> &'static str {
    match s {
        DataSource::Bigquery { .. } => "bigquery",
        DataSource::CloudStorage { .. } => "cloud_storage",
        DataSource::CloudSql { .. } => "cloud_sql",
        DataSource::OnPremises { .. } => "on_premises",
        DataSource::OtherCloud { .. } => "other_cloud",
    }
}

fn serving(m: ServingMode) -> &'static str {
    match m {
        ServingMode::Online => "online",
        ServingMode::Batch => "batch",
        ServingMode::Both => "both",
    }
}

fn trigger(t: RetrainingTrigger) -> &'static str {
    match t {
        RetrainingTrigger::Schedule => "schedule",
        RetrainingTrigger::NewData => "new_data",
        RetrainingTrigger::Drift => "drift",
    }
}

fn network(n: NetworkMode) -> &'static str {
    match n {
        NetworkMode::Default => "default",
        NetworkMode::SharedVpc => "shared_vpc",
        NetworkMode::Private => "private",
    }
}

fn rollout(r: RolloutStrategy) -> &'static str {
    match r {
        RolloutStrategy::Direct => "direct",
        RolloutStrategy::Canary => "canary",
    }
}

fn batch_output(b: &BatchOutput) -> &'static str {
    match b {
        BatchOutput::Bigquery { .. } => "bigquery",
        BatchOutput::CloudStorage { .. } => "cloud_storage",
    }
}

fn environments(q: &Questionnaire) -> String {
    q.gcp
        .environments
        .iter()
        .map(|e| e.name.as_str())
        .collect::<Vec<_>>()
        .join("+")
}

/// Dimension → value → the matrix entries that have it.
fn coverage() -> BTreeMap<&'static str, BTreeMap<String, BTreeSet<String>>> {
    let mut cov: BTreeMap<&'static str, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    let mut add = |dim: &'static str, value: String, who: &str| {
        cov.entry(dim)
            .or_default()
            .entry(value)
            .or_default()
            .insert(who.to_owned());
    };
    for (who, q) in &matrix() {
        add(
            "repository host",
            host(q.gcp.source_repository.host).into(),
            who,
        );
        // A generative entry trains nothing: it has no framework or training hardware to cover.
        if q.generative.is_none() {
            add(
                "framework",
                framework(q.model.trained_framework()).into(),
                who,
            );
            add(
                "hardware",
                hardware(q.model.training.accelerator).into(),
                who,
            );
        }
        let first = q.data.sources.first().expect("at least one data source");
        add("data source", data_source(first).into(), who);
        add("serving mode", serving(q.serving.mode).into(), who);
        for t in &q.operations.retraining.triggers {
            add("retraining trigger", trigger(*t).into(), who);
        }
        if q.operations.retraining.triggers.is_empty() {
            add("retraining trigger", "none (by hand)".into(), who);
        }
        add(
            "cmek",
            if q.gcp.cmek.enabled { "on" } else { "off" }.into(),
            who,
        );
        add("network mode", network(q.gcp.network.mode).into(), who);
        add("environments", environments(q), who);
        let level = mlops_kit::assess::assess(q).google_level;
        add("maturity level", level.to_string(), who);
        add("rollout", rollout(q.serving.rollout.strategy).into(), who);
        add(
            "manual approval",
            if q.serving.rollout.manual_approval {
                "on"
            } else {
                "off"
            }
            .into(),
            who,
        );
        if let Some(out) = &q.serving.batch_output {
            add("batch output", batch_output(out).into(), who);
        }
    }
    cov
}

fn expected() -> BTreeMap<&'static str, BTreeSet<String>> {
    let set = |values: &[&str]| {
        values
            .iter()
            .map(|v| (*v).to_owned())
            .collect::<BTreeSet<_>>()
    };
    let env = |names: &[EnvironmentName]| {
        names
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join("+")
    };
    BTreeMap::from([
        (
            "repository host",
            HOSTS.iter().map(|h| host(*h).to_owned()).collect(),
        ),
        (
            "framework",
            FRAMEWORKS
                .iter()
                .map(|f| framework(*f).to_owned())
                .collect(),
        ),
        ("hardware", set(&["cpu", "gpu"])),
        (
            "data source",
            set(&[
                "bigquery",
                "cloud_storage",
                "cloud_sql",
                "on_premises",
                "other_cloud",
            ]),
        ),
        ("serving mode", set(&["online", "batch", "both"])),
        (
            "retraining trigger",
            set(&["schedule", "new_data", "drift", "none (by hand)"]),
        ),
        ("cmek", set(&["on", "off"])),
        ("network mode", set(&["default", "shared_vpc", "private"])),
        (
            "environments",
            [
                env(&[EnvironmentName::Prod]),
                env(&[EnvironmentName::Dev, EnvironmentName::Prod]),
                env(&[
                    EnvironmentName::Dev,
                    EnvironmentName::Staging,
                    EnvironmentName::Prod,
                ]),
            ]
            .into_iter()
            .collect(),
        ),
        ("maturity level", set(&["0", "1", "2"])),
        ("rollout", set(&["direct", "canary"])),
        ("manual approval", set(&["on", "off"])),
        ("batch output", set(&["bigquery", "cloud_storage"])),
    ])
}

#[test]
fn matrix_covers_every_value_of_every_tailoring_dimension() {
    let cov = coverage();
    let mut missing = Vec::new();
    for (dim, values) in expected() {
        let seen = cov.get(dim).cloned().unwrap_or_default();
        for value in values {
            if !seen.contains_key(&value) {
                missing.push(format!("{dim} = {value}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no questionnaire of the conformance matrix has: {}\nadd or change a file in tests/fixtures/matrix/",
        missing.join(", ")
    );
}

#[test]
fn matrix_has_no_values_outside_the_expected_ones() {
    // Catches a dimension read wrongly (e.g. an environment list out of promotion order).
    let expected = expected();
    for (dim, values) in coverage() {
        let allowed = &expected[dim];
        for (value, who) in values {
            assert!(
                allowed.contains(&value),
                "{dim} = {value} (in {who:?}) is not a known value"
            );
        }
    }
}

#[test]
fn matrix_fixtures_have_unique_client_slugs() {
    // Kits are generated side by side; distinct slugs keep their resource names apart in reports.
    let mut slugs = BTreeMap::new();
    for (who, q) in matrix() {
        if let Some(other) = slugs.insert(q.client.slug.clone(), who.clone()) {
            panic!(
                "{who} and {other} share the client slug `{}`",
                q.client.slug
            );
        }
    }
}
