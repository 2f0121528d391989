//! The platform side of generated kits: Terraform, Cloud Build configs and their scripts.
//!
//! Cross-artifact consistency (trigger substitutions ↔ config substitutions, names in Cloud Build ↔
//! Terraform ↔ the model), determinism, escaping of hostile answers, and one test per tailoring
//! answer. `tf_schema.rs` checks the Terraform against the provider schema on the same variants.

// Kit paths are generated lowercase, so `.tf` suffix checks are exact.
#![allow(clippy::case_sensitive_file_extension_comparisons)]

use super::common::{example, render};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use hcl::eval::{Context, Evaluate};
use hcl::{Block, Body, Expression, ObjectKey};
use mlops_kit::questionnaire::{
    Cmek, DataSource, Environment, EnvironmentName, NetworkMode, Questionnaire, RepositoryHost,
    RetrainingTrigger, ServingMode,
};
use serde_json::Value;

/// A rendered kit: path → contents.
pub type Kit = BTreeMap<String, String>;

const HOSTILE: &str = "Ação \"quoted\" ${var.x} %{ if true } {{ kit.client }} 'single' \\ back\nnext line $HOME |pipe| <b> #";

fn retail() -> Questionnaire {
    example("retail-startup")
}

fn with_host(host: RepositoryHost, url: &str, server: Option<&str>) -> Questionnaire {
    let mut q = retail();
    q.gcp.source_repository.host = host;
    url.clone_into(&mut q.gcp.source_repository.url);
    q.gcp.source_repository.server_url = server.map(str::to_owned);
    q
}

fn hosts() -> Vec<(&'static str, Questionnaire)> {
    vec![
        (
            "github",
            with_host(
                RepositoryHost::Github,
                "https://github.com/acme/churn.git",
                None,
            ),
        ),
        (
            "github-enterprise",
            with_host(
                RepositoryHost::GithubEnterprise,
                "https://ghe.acme.com/ml/churn.git",
                Some("https://ghe.acme.com"),
            ),
        ),
        (
            "gitlab",
            with_host(
                RepositoryHost::Gitlab,
                "https://gitlab.com/acme/churn.git",
                None,
            ),
        ),
        (
            "gitlab-self-managed",
            with_host(
                RepositoryHost::GitlabSelfManaged,
                "https://gitlab.acme.com/ml/churn.git",
                Some("https://gitlab.acme.com"),
            ),
        ),
        (
            "bitbucket-cloud",
            with_host(
                RepositoryHost::BitbucketCloud,
                "https://bitbucket.org/acmews/churn.git",
                None,
            ),
        ),
        (
            "bitbucket-data-center",
            with_host(
                RepositoryHost::BitbucketDataCenter,
                "https://bitbucket.acme.com/scm/ML/churn.git",
                Some("https://bitbucket.acme.com"),
            ),
        ),
    ]
}

fn three_environments() -> Questionnaire {
    let mut q = retail();
    q.gcp.environments = vec![
        Environment {
            name: EnvironmentName::Dev,
            project_id: "acme-ml-dev".to_owned(),
        },
        Environment {
            name: EnvironmentName::Staging,
            project_id: "acme-ml-stg".to_owned(),
        },
        Environment {
            name: EnvironmentName::Prod,
            project_id: "acme-ml-prd".to_owned(),
        },
    ];
    q.serving.rollout.manual_approval = true;
    q
}

fn every_retraining_trigger() -> Questionnaire {
    let mut q = example("industrial-onprem");
    q.operations.retraining.triggers = vec![
        RetrainingTrigger::Schedule,
        RetrainingTrigger::NewData,
        RetrainingTrigger::Drift,
    ];
    q.operations.retraining.schedule = Some("0 3 * * 0".to_owned());
    q
}

fn private_with_vpc_sc() -> Questionnaire {
    let mut q = retail();
    q.gcp.network.mode = NetworkMode::Private;
    q.gcp.network.vpc = Some("acme-ml-vpc".to_owned());
    q.gcp.vpc_service_controls.enabled = true;
    q.gcp.vpc_service_controls.perimeter = Some("acme_perimeter".to_owned());
    q
}

/// Every retraining trigger inside a perimeter, with CMEK: Pub/Sub-started retraining goes through
/// Eventarc and Workflows.
fn vpc_sc_every_retraining_trigger() -> Questionnaire {
    let mut q = every_retraining_trigger();
    q.gcp.network.mode = NetworkMode::Private;
    q.gcp.network.vpc = Some("acme-ml-vpc".to_owned());
    q.gcp.vpc_service_controls.enabled = true;
    q.gcp.vpc_service_controls.perimeter = Some("acme_perimeter".to_owned());
    q.gcp.cmek.enabled = true;
    q
}

/// VPC Service Controls without an answered network: the kit creates the VPC.
fn vpc_sc_only() -> Questionnaire {
    let mut q = retail();
    q.gcp.vpc_service_controls.enabled = true;
    q
}

/// A host project's shared VPC without VPC Service Controls: no private pool, the rest peers.
fn shared_vpc() -> Questionnaire {
    let mut q = retail();
    q.gcp.network.mode = NetworkMode::SharedVpc;
    q.gcp.network.vpc = Some("shared-net".to_owned());
    q.gcp.network.host_project_id = Some("acme-net-host".to_owned());
    q
}

fn shared_vpc_with_cmek() -> Questionnaire {
    let mut q = private_with_vpc_sc();
    q.gcp.network.mode = NetworkMode::SharedVpc;
    q.gcp.network.vpc = Some("shared-net".to_owned());
    q.gcp.network.host_project_id = Some("acme-net-host".to_owned());
    q.gcp.cmek = Cmek {
        enabled: true,
        key_location: Some(q.gcp.region.clone()),
    };
    q
}

/// Terabytes of files prepared by Dataflow, with CMEK, a shared VPC and a perimeter.
fn dataflow_shared_vpc_cmek_perimeter() -> Questionnaire {
    let mut q = example("industrial-onprem");
    q.gcp.network.mode = NetworkMode::SharedVpc;
    q.gcp.network.vpc = Some("shared-net".to_owned());
    q.gcp.network.host_project_id = Some("acme-net-host".to_owned());
    q.gcp.cmek = Cmek {
        enabled: true,
        key_location: Some(q.gcp.region.clone()),
    };
    q.gcp.vpc_service_controls.enabled = true;
    q.gcp.vpc_service_controls.perimeter = Some("acme_perimeter".to_owned());
    q
}

fn with_sources(sources: Vec<DataSource>) -> Questionnaire {
    let mut q = retail();
    q.data.sources = sources;
    q
}

fn gcs_source() -> Questionnaire {
    with_sources(vec![DataSource::CloudStorage {
        bucket: "acme-raw-exports".to_owned(),
        prefix: "churn/".to_owned(),
        format: None,
    }])
}

fn cloud_sql_source() -> Questionnaire {
    with_sources(vec![DataSource::CloudSql {
        project_id: "acme-core".to_owned(),
        instance: "core-pg".to_owned(),
        database: "crm".to_owned(),
        table: "subscribers".to_owned(),
    }])
}

fn hostile() -> Questionnaire {
    let mut q = retail();
    HOSTILE.clone_into(&mut q.client.name);
    HOSTILE.clone_into(&mut q.client.contact.name);
    HOSTILE.clone_into(&mut q.business.use_case);
    HOSTILE.clone_into(&mut q.business.decision);
    if let Some(kpi) = q.business.kpi.as_mut() {
        HOSTILE.clone_into(&mut kpi.name);
        kpi.owner = Some(HOSTILE.to_owned());
    }
    q
}

fn with_serving(mode: ServingMode) -> Questionnaire {
    let mut q = example("fintech-regulated");
    q.serving.mode = mode;
    q.serving.latency_p95_ms = Some(100);
    q.serving.peak_qps = Some(30);
    q
}

/// The examples and every tailoring variant, rendered.
pub fn all_variants() -> Vec<(String, Kit)> {
    let mut out: Vec<(String, Questionnaire)> =
        ["retail-startup", "fintech-regulated", "industrial-onprem"]
            .into_iter()
            .map(|n| (n.to_owned(), example(n)))
            .collect();
    out.extend(hosts().into_iter().map(|(n, q)| (format!("host-{n}"), q)));
    out.push(("three-environments".to_owned(), three_environments()));
    let mut single = three_environments();
    single.gcp.environments.truncate(1);
    out.push(("single-environment".to_owned(), single));
    out.push((
        "every-retraining-trigger".to_owned(),
        every_retraining_trigger(),
    ));
    out.push(("private-vpc-sc".to_owned(), private_with_vpc_sc()));
    out.push((
        "vpc-sc-every-retraining-trigger".to_owned(),
        vpc_sc_every_retraining_trigger(),
    ));
    out.push(("vpc-sc-only".to_owned(), vpc_sc_only()));
    out.push(("shared-vpc".to_owned(), shared_vpc()));
    out.push(("shared-vpc-cmek".to_owned(), shared_vpc_with_cmek()));
    out.push((
        "dataflow-shared-vpc-cmek-perimeter".to_owned(),
        dataflow_shared_vpc_cmek_perimeter(),
    ));
    out.push(("gcs-source".to_owned(), gcs_source()));
    out.push(("cloud-sql-source".to_owned(), cloud_sql_source()));
    out.push((
        "serving-online".to_owned(),
        with_serving(ServingMode::Online),
    ));
    out.push(("hostile".to_owned(), hostile()));
    out.into_iter().map(|(n, q)| (n, render(&q))).collect()
}

// ---------------------------------------------------------------------------------------------------
// helpers over parsed HCL and YAML

fn parse_tf(kit: &Kit, path: &str) -> Body {
    let text = kit
        .get(path)
        .unwrap_or_else(|| panic!("{path} is generated"));
    hcl::parse(text).unwrap_or_else(|e| panic!("{path} parses: {e}"))
}

/// Every `resource` block of the `.tf` files under `prefix`: (type, label, block).
fn resources(kit: &Kit, prefix: &str) -> Vec<(String, String, Block)> {
    let mut out = Vec::new();
    for (path, text) in kit
        .iter()
        .filter(|(p, _)| p.starts_with(prefix) && p.ends_with(".tf"))
    {
        let body = hcl::parse(text).unwrap_or_else(|e| panic!("{path} parses: {e}"));
        for block in body.into_blocks().filter(|b| b.identifier() == "resource") {
            let labels: Vec<String> = block
                .labels()
                .iter()
                .map(|l| l.as_str().to_owned())
                .collect();
            out.push((labels[0].clone(), labels[1].clone(), block));
        }
    }
    out
}

fn resource(kit: &Kit, prefix: &str, kind: &str, label: &str) -> Option<Block> {
    resources(kit, prefix)
        .into_iter()
        .find(|(k, l, _)| k == kind && l == label)
        .map(|(_, _, b)| b)
}

fn attr<'a>(body: &'a Body, key: &str) -> Option<&'a Expression> {
    body.attributes()
        .find(|a| a.key() == key)
        .map(hcl::Attribute::expr)
}

/// The value of a literal (or escape-only template) expression.
fn literal(expr: &Expression) -> String {
    match expr.evaluate(&Context::new()) {
        Ok(hcl::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(e) => panic!("not a literal: {expr:?}: {e}"),
    }
}

fn attr_str(body: &Body, key: &str) -> Option<String> {
    attr(body, key).map(literal)
}

fn object_keys(expr: &Expression) -> BTreeSet<String> {
    match expr {
        Expression::Object(o) => o
            .keys()
            .map(|k| match k {
                ObjectKey::Identifier(i) => i.to_string(),
                ObjectKey::Expression(e) => literal(e),
                other => panic!("unexpected key {other:?}"),
            })
            .collect(),
        _ => BTreeSet::new(),
    }
}

fn yaml(kit: &Kit, path: &str) -> Value {
    let text = kit
        .get(path)
        .unwrap_or_else(|| panic!("{path} is generated"));
    let node = marked_yaml::parse_yaml(0, text).unwrap_or_else(|e| panic!("{path} parses: {e}"));
    to_json(&node)
}

fn to_json(node: &marked_yaml::Node) -> Value {
    if let Some(s) = node.as_scalar() {
        Value::String(s.as_str().to_owned())
    } else if let Some(seq) = node.as_sequence() {
        Value::Array(seq.iter().map(to_json).collect())
    } else if let Some(map) = node.as_mapping() {
        Value::Object(
            map.iter()
                .map(|(k, v)| (k.as_str().to_owned(), to_json(v)))
                .collect(),
        )
    } else {
        Value::Null
    }
}

fn substitution_defaults(kit: &Kit, config: &str) -> BTreeMap<String, String> {
    yaml(kit, config)["substitutions"]
        .as_object()
        .unwrap_or_else(|| panic!("{config} declares substitutions"))
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
        .collect()
}

/// `${_X}` and `$_X` references in a config's values, outside its `substitutions:` block (comments
/// are not part of the build; `$$` escapes a dollar): user substitutions, then built-ins.
fn used_substitutions(config: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    fn strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::String(s) => out.push(s),
            Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    if let Value::Object(o) = config {
        for (key, value) in o {
            if key != "substitutions" {
                strings(value, &mut texts);
            }
        }
    }
    let mut user = BTreeSet::new();
    let mut builtin = BTreeSet::new();
    for text in texts {
        let mut rest = text;
        while let Some(i) = rest.find('$') {
            let after = &rest[i + 1..];
            if let Some(escaped) = after.strip_prefix('$') {
                rest = escaped;
                continue;
            }
            let braced = after.strip_prefix('{');
            let name: String = braced
                .unwrap_or(after)
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if name.starts_with('_') {
                user.insert(name);
            } else if !name.is_empty() {
                builtin.insert(name);
            }
            rest = after;
        }
    }
    (user, builtin)
}

fn module_locals(kit: &Kit) -> BTreeMap<String, Expression> {
    let mut out = BTreeMap::new();
    for (path, text) in kit
        .iter()
        .filter(|(p, _)| p.starts_with("terraform/modules/platform/"))
    {
        let body = hcl::parse(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        for block in body.blocks().filter(|b| b.identifier() == "locals") {
            for a in block.body().attributes() {
                out.insert(a.key().to_owned(), a.expr().clone());
            }
        }
    }
    out
}

/// Keys of a trigger's `substitutions` expression: an object, `local.x`, or `merge(...)` of those.
fn substitution_keys(expr: &Expression, locals: &BTreeMap<String, Expression>) -> BTreeSet<String> {
    match expr {
        Expression::Object(_) => object_keys(expr),
        Expression::Traversal(t) => {
            let Expression::Variable(root) = &t.expr else {
                panic!("unexpected {t:?}")
            };
            assert_eq!(root.as_str(), "local");
            let hcl::expr::TraversalOperator::GetAttr(name) = &t.operators[0] else {
                panic!("unexpected {t:?}")
            };
            substitution_keys(&locals[name.as_str()], locals)
        }
        Expression::FuncCall(f) if f.name.name.as_str() == "merge" => f
            .args
            .iter()
            .flat_map(|a| substitution_keys(a, locals))
            .collect(),
        other => panic!("unexpected substitutions expression {other:?}"),
    }
}

/// The Cloud Build config a trigger runs: `filename`, or `git_file_source.path` (plain or dynamic).
fn trigger_config(block: &Block) -> String {
    if let Some(expr) = attr(block.body(), "filename") {
        return match expr {
            Expression::Conditional(c) => literal(&c.true_expr),
            other => literal(other),
        };
    }
    for b in block.body().blocks() {
        let body = if b.identifier() == "git_file_source" {
            b.body()
        } else if b.identifier() == "dynamic" && b.labels()[0].as_str() == "git_file_source" {
            b.body()
                .blocks()
                .find(|c| c.identifier() == "content")
                .expect("content")
                .body()
        } else {
            continue;
        };
        return attr_str(body, "path").expect("git_file_source.path");
    }
    panic!("trigger without a config: {block:?}")
}

pub(super) fn env_module(kit: &Kit, env: &str) -> Block {
    parse_tf(kit, &format!("terraform/environments/{env}/main.tf"))
        .into_blocks()
        .find(|b| b.identifier() == "module")
        .expect("the environment root calls the module")
}

fn tfvars(kit: &Kit, path: &str) -> Body {
    parse_tf(kit, path)
}

fn platform_files(kit: &Kit) -> String {
    let mut out = String::new();
    for (path, text) in kit.iter().filter(|(p, _)| {
        p.starts_with("terraform/") || p.starts_with("cloudbuild/") || p.starts_with("scripts/")
    }) {
        let _ = write!(out, "==== {path} ====\n{text}");
    }
    // The tool version is in every header; keep it out of the snapshot.
    out.replace(
        &format!("mlops-kit {}", env!("CARGO_PKG_VERSION")),
        "mlops-kit [VERSION]",
    )
}

// ---------------------------------------------------------------------------------------------------
// tests

#[test]
fn rendering_twice_gives_identical_bytes() {
    for name in ["retail-startup", "fintech-regulated", "industrial-onprem"] {
        let q = example(name);
        assert_eq!(render(&q), render(&q), "{name}");
    }
}

#[test]
fn example_platform_files_snapshot() {
    for name in ["retail-startup", "fintech-regulated", "industrial-onprem"] {
        let kit = render(&example(name));
        insta::assert_snapshot!(format!("platform_{name}"), platform_files(&kit));
    }
}

#[test]
fn trigger_substitutions_are_exactly_the_configs_declared_substitutions() {
    for (name, kit) in all_variants() {
        let locals = module_locals(&kit);
        let mut configs_with_triggers = BTreeSet::new();
        for (kind, label, block) in resources(&kit, "terraform/modules/platform/") {
            if kind != "google_cloudbuild_trigger" {
                continue;
            }
            let config = trigger_config(&block);
            let declared: BTreeSet<String> =
                substitution_defaults(&kit, &config).into_keys().collect();
            let passed = substitution_keys(
                attr(block.body(), "substitutions").expect("trigger passes substitutions"),
                &locals,
            );
            assert_eq!(passed, declared, "{name}: trigger {label} vs {config}");
            configs_with_triggers.insert(config);
        }
        for config in [
            "cloudbuild/ci.yaml",
            "cloudbuild/cd.yaml",
            "cloudbuild/ct.yaml",
        ] {
            assert!(
                configs_with_triggers.contains(config),
                "{name}: no trigger runs {config}"
            );
            let declared: BTreeSet<String> =
                substitution_defaults(&kit, config).into_keys().collect();
            // Strict matching: every declared key is used (a default counts as substitution data),
            // and every used key has a default.
            let (user, builtin) = used_substitutions(&yaml(&kit, config));
            assert_eq!(user, declared, "{name}: {config} uses vs declares");
            let allowed: BTreeSet<&str> =
                ["PROJECT_ID", "BUILD_ID", "COMMIT_SHA", "SHORT_SHA"].into();
            for b in &builtin {
                assert!(allowed.contains(b.as_str()), "{name}: {config} uses ${b}");
            }
            // Triggers run as a user-specified service account: the config must say where logs go.
            assert_eq!(
                yaml(&kit, config)["options"]["logging"],
                "CLOUD_LOGGING_ONLY",
                "{name}: {config}"
            );
        }
    }
}

/// Every object under a `substitutions` key inside `expr` (a run request's body: Cloud Scheduler's
/// `jsonencode`, a workflow's `yamlencode`), as its keys.
fn nested_substitution_objects(expr: &Expression, out: &mut Vec<BTreeSet<String>>) {
    match expr {
        Expression::Object(o) => {
            for (k, v) in o {
                if k.to_string() == "substitutions" && matches!(v, Expression::Object(_)) {
                    out.push(object_keys(v));
                } else {
                    nested_substitution_objects(v, out);
                }
            }
        }
        Expression::Array(a) => a.iter().for_each(|x| nested_substitution_objects(x, out)),
        Expression::FuncCall(f) => f
            .args
            .iter()
            .for_each(|x| nested_substitution_objects(x, out)),
        _ => {}
    }
}

#[test]
fn every_other_caller_of_a_trigger_passes_only_substitutions_its_config_uses() {
    for (name, kit) in all_variants() {
        let ct: BTreeSet<String> = substitution_defaults(&kit, "cloudbuild/ct.yaml")
            .into_keys()
            .collect();
        // Cloud Scheduler and the Eventarc workflows run the CT trigger with a run reason.
        let mut overrides = Vec::new();
        for (kind, label, block) in resources(&kit, "terraform/modules/platform/") {
            if !matches!(
                kind.as_str(),
                "google_cloud_scheduler_job" | "google_workflows_workflow"
            ) {
                continue;
            }
            let before = overrides.len();
            for a in block.body().attributes() {
                nested_substitution_objects(a.expr(), &mut overrides);
            }
            for b in block.body().blocks() {
                for a in b.body().attributes() {
                    nested_substitution_objects(a.expr(), &mut overrides);
                }
            }
            assert!(
                overrides.len() > before || kind == "google_cloud_scheduler_job",
                "{name}: {kind}.{label} runs CT without a run reason"
            );
        }
        for keys in &overrides {
            assert!(keys.is_subset(&ct), "{name}: {keys:?} not used by ct.yaml");
        }
        // The commands the docs tell people to type.
        // Trigger name → the config it runs, from the Terraform triggers themselves.
        let model_triggers: BTreeMap<String, String> =
            resources(&kit, "terraform/modules/platform/")
                .into_iter()
                .filter(|(kind, _, _)| kind == "google_cloudbuild_trigger")
                .map(|(_, _, block)| {
                    let name = attr_str(block.body(), "name").expect("trigger name");
                    (name, trigger_config(&block))
                })
                .collect();
        for (path, text) in kit.iter().filter(|(p, _)| p.ends_with(".md")) {
            for line in text
                .lines()
                .filter(|l| l.starts_with("gcloud builds triggers run "))
            {
                let trigger = line.split_whitespace().nth(4).unwrap();
                let config = model_triggers
                    .get(trigger)
                    .unwrap_or_else(|| panic!("{name} {path}: unknown trigger in `{line}`"));
                let declared: BTreeSet<String> =
                    substitution_defaults(&kit, config).into_keys().collect();
                for word in line.split_whitespace() {
                    if let Some(list) = word.strip_prefix("--substitutions=") {
                        for pair in list.split(',') {
                            let key = pair.split('=').next().unwrap();
                            assert!(
                                declared.contains(key),
                                "{name} {path}: `{line}` passes {key}, which {config} does not use"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn names_in_cloud_build_tfvars_and_terraform_agree_with_the_model() {
    for name in ["retail-startup", "fintech-regulated", "industrial-onprem"] {
        let q = example(name);
        let model = mlops_kit::kit::resolve(&q);
        let kit = render(&q);
        let first = &model.environments[0];

        // Registries: Cloud Build defaults ↔ the repositories Terraform creates.
        let docker_id = attr_str(
            resource(
                &kit,
                "terraform/modules/",
                "google_artifact_registry_repository",
                "docker",
            )
            .expect("docker repository")
            .body(),
            "repository_id",
        )
        .unwrap();
        let kfp_id = attr_str(
            resource(
                &kit,
                "terraform/modules/",
                "google_artifact_registry_repository",
                "kfp",
            )
            .expect("kfp repository")
            .body(),
            "repository_id",
        )
        .unwrap();
        let region = &model.region;
        let project = &first.project_id;
        let ci = substitution_defaults(&kit, "cloudbuild/ci.yaml");
        let cd = substitution_defaults(&kit, "cloudbuild/cd.yaml");
        let ct = substitution_defaults(&kit, "cloudbuild/ct.yaml");
        let docker = format!("{region}-docker.pkg.dev/{project}/{docker_id}");
        let kfp = format!("https://{region}-kfp.pkg.dev/{project}/{kfp_id}");
        assert_eq!(ci["_DOCKER_REGISTRY"], docker, "{name}");
        assert_eq!(cd["_DOCKER_REGISTRY"], docker, "{name}");
        assert_eq!(first.docker_registry, docker, "{name}");
        assert_eq!(cd["_KFP_REGISTRY"], kfp, "{name}");
        assert_eq!(ct["_KFP_REGISTRY"], kfp, "{name}");

        // Buckets: the environment roots pass the model's names; Cloud Build uses the same.
        for env in &model.environments {
            let module = env_module(&kit, &env.name);
            let buckets = attr(module.body(), "buckets").expect("buckets");
            let Expression::Object(o) = buckets else {
                panic!("buckets is an object")
            };
            let passed: BTreeMap<String, String> =
                o.iter().map(|(k, v)| (k.to_string(), literal(v))).collect();
            assert_eq!(passed["pipeline_root"], env.buckets.pipeline_root, "{name}");
            assert_eq!(passed["artifacts"], env.buckets.artifacts, "{name}");
            assert_eq!(passed["access_logs"], env.buckets.access_logs, "{name}");
            assert_eq!(
                passed.get("landing"),
                env.buckets.landing.as_ref(),
                "{name}"
            );
            let vars = tfvars(
                &kit,
                &format!("terraform/environments/{}/terraform.tfvars", env.name),
            );
            assert_eq!(
                attr_str(&vars, "project_id").as_deref(),
                Some(env.project_id.as_str())
            );
            let backend = parse_tf(
                &kit,
                &format!("terraform/environments/{}/backend.tf", env.name),
            );
            let gcs = backend
                .blocks()
                .next()
                .unwrap()
                .body()
                .blocks()
                .next()
                .unwrap()
                .body()
                .clone();
            assert_eq!(
                attr_str(&gcs, "bucket").as_deref(),
                Some(env.state_bucket.as_str())
            );
            assert_eq!(
                attr_str(&gcs, "prefix").as_deref(),
                Some(env.state_prefix.as_str())
            );
        }
        assert_eq!(cd["_ARTIFACTS_BUCKET"], first.buckets.artifacts, "{name}");
        assert_eq!(
            ct["_PIPELINE_ROOT"],
            format!("gs://{}/runs", first.buckets.pipeline_root),
            "{name}"
        );
        // Every environment's state bucket is one the bootstrap creates, in the admin project.
        let bootstrap = &kit["terraform/bootstrap/main.tf"];
        for env in &model.environments {
            assert!(
                bootstrap.contains(&format!("= \"{}\"", env.state_bucket)),
                "{name}: {}",
                env.state_bucket
            );
        }

        // Service accounts: the email Cloud Build hands to Vertex AI is the account Terraform creates.
        let pipeline_sa = resource(
            &kit,
            "terraform/modules/",
            "google_service_account",
            "pipeline",
        )
        .unwrap();
        let account_id = attr_str(pipeline_sa.body(), "account_id").unwrap();
        assert_eq!(
            ct["_PIPELINE_SA"],
            format!("{account_id}@{project}.iam.gserviceaccount.com")
        );
        assert_eq!(
            ct["_PIPELINE_SA"], first.service_accounts.pipeline,
            "{name}"
        );
        for (key, email) in [
            ("build", &first.service_accounts.build),
            ("trigger", &first.service_accounts.trigger),
            ("serving", &first.service_accounts.serving),
        ] {
            let sa = resource(&kit, "terraform/modules/", "google_service_account", key).unwrap();
            let id = attr_str(sa.body(), "account_id").unwrap();
            assert_eq!(
                &format!("{id}@{project}.iam.gserviceaccount.com"),
                email,
                "{name}: {key}"
            );
        }

        // The training pipeline CT runs is the one the kit ships, under the name CD publishes it.
        let training = model
            .pipelines
            .iter()
            .find(|p| p.key == "training")
            .unwrap();
        assert_eq!(ct["_PIPELINE_NAME"], training.name, "{name}");
        assert_eq!(ct["_PIPELINE_FILE"], training.file, "{name}");
        if let Some(spec) = kit.get(&training.file) {
            let doc: Value = to_json(&marked_yaml::parse_yaml(0, spec).expect("spec parses"));
            assert_eq!(
                doc["pipelineInfo"]["name"], training.name,
                "{name}: pipelineInfo.name"
            );
        }

        // Images a pipeline spec references live in a registry Terraform creates and are built from
        // a Dockerfile of the kit.
        let images: BTreeSet<String> = kit
            .keys()
            .filter_map(|p| {
                p.strip_prefix("docker/")?
                    .strip_suffix("/Dockerfile")
                    .map(str::to_owned)
            })
            .collect();
        for (path, text) in kit.iter().filter(|(p, _)| p.starts_with("pipelines/")) {
            for word in text.split(|c: char| c.is_whitespace() || c == '"' || c == '\'') {
                if let Some(pos) = word.find("-docker.pkg.dev/") {
                    let image = &word[word[..pos]
                        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .map_or(0, |i| i + 1)..];
                    let env = model
                        .environments
                        .iter()
                        .find(|e| image.starts_with(&format!("{}/", e.docker_registry)));
                    assert!(
                        env.is_some(),
                        "{name}: {path} references {image} outside the kit's registries"
                    );
                    let image_name = image
                        .rsplit('/')
                        .next()
                        .unwrap()
                        .split([':', '@'])
                        .next()
                        .unwrap();
                    // Or an image CD copies in (without public internet: pipeline components).
                    let copied =
                        model.platform.egress.as_ref().is_some_and(|e| {
                            e.mirrored_images.iter().any(|m| m.name == image_name)
                        });
                    assert!(
                        images.contains(image_name) || copied,
                        "{name}: {path}: no docker/{image_name}/Dockerfile"
                    );
                }
            }
        }

        // Every script a config runs is in the kit.
        for config in [
            "cloudbuild/ci.yaml",
            "cloudbuild/cd.yaml",
            "cloudbuild/ct.yaml",
        ] {
            for step in yaml(&kit, config)["steps"].as_array().unwrap() {
                for arg in step["args"].as_array().unwrap() {
                    let arg = arg.as_str().unwrap();
                    if arg.starts_with("scripts/") {
                        assert!(kit.contains_key(arg), "{name}: {config} runs missing {arg}");
                    }
                }
            }
        }
    }
}

#[test]
fn hostile_free_text_is_escaped_wherever_it_lands() {
    let kit = render(&hostile());
    for (path, text) in kit
        .iter()
        .filter(|(p, _)| p.ends_with(".tf") || p.ends_with(".tfvars"))
    {
        hcl::parse(text).unwrap_or_else(|e| panic!("{path} no longer parses: {e}"));
    }
    for path in kit.keys().filter(|p| p.starts_with("cloudbuild/")) {
        yaml(&kit, path);
    }
    let dataset = resource(
        &kit,
        "terraform/modules/",
        "google_bigquery_dataset",
        "main",
    )
    .expect("dataset");
    assert_eq!(
        attr_str(dataset.body(), "friendly_name").unwrap(),
        format!("{HOSTILE} ML platform"),
        "the client name round-trips through HCL"
    );
    let readme = &kit["terraform/README.md"];
    assert!(
        !readme.contains("next line $HOME |pipe|"),
        "raw newline or pipe in the Markdown"
    );
    assert!(!readme.contains("<b>"), "raw HTML in the Markdown");
}

#[test]
fn environments_and_projects_shape_the_roots_and_the_promotion_chain() {
    let kit = render(&three_environments());
    for (env, project) in [
        ("dev", "acme-ml-dev"),
        ("staging", "acme-ml-stg"),
        ("prod", "acme-ml-prd"),
    ] {
        let vars = tfvars(
            &kit,
            &format!("terraform/environments/{env}/terraform.tfvars"),
        );
        assert_eq!(attr_str(&vars, "project_id").unwrap(), project);
    }
    let flags = |env: &str, key: &str| literal(attr(env_module(&kit, env).body(), key).unwrap());
    assert_eq!(flags("dev", "enable_ci_trigger"), "true");
    assert_eq!(flags("staging", "enable_ci_trigger"), "false");
    assert_eq!(flags("prod", "enable_retraining_automation"), "true");
    assert_eq!(flags("dev", "enable_retraining_automation"), "false");
    // Production approval: only prod, because the client asked for it.
    assert_eq!(flags("prod", "require_release_approval"), "true");
    assert_eq!(flags("staging", "require_release_approval"), "false");
    // staging promotes dev's digests; prod promotes staging's; dev builds from source.
    assert!(attr(env_module(&kit, "dev").body(), "promote_from").is_none());
    let prod = env_module(&kit, "prod");
    let promote = attr(prod.body(), "promote_from").unwrap();
    let Expression::Object(o) = promote else {
        panic!()
    };
    let from: BTreeMap<String, String> =
        o.iter().map(|(k, v)| (k.to_string(), literal(v))).collect();
    assert_eq!(from["environment"], "staging");
    assert_eq!(
        from["docker_registry"],
        "us-central1-docker.pkg.dev/acme-ml-stg/lojarapida-images"
    );
    // staging lets prod's deploy account read what it promotes.
    let down = literal(
        attr(
            env_module(&kit, "staging").body(),
            "downstream_deploy_members",
        )
        .unwrap(),
    );
    assert!(
        down.contains("lojarapida-deploy@acme-ml-prd.iam.gserviceaccount.com"),
        "{down}"
    );
    let approval = resource(
        &kit,
        "terraform/modules/",
        "google_cloudbuild_trigger",
        "cd",
    )
    .unwrap();
    assert!(
        approval
            .body()
            .blocks()
            .any(|b| b.identifier() == "approval_config")
    );
    // Without the answer, nobody waits for an approval.
    let mut q = three_environments();
    q.serving.rollout.manual_approval = false;
    let kit = render(&q);
    assert_eq!(
        literal(attr(env_module(&kit, "prod").body(), "require_release_approval").unwrap()),
        "false"
    );
}

#[test]
fn region_reaches_every_root_and_registry() {
    let mut q = retail();
    q.gcp.region = "southamerica-east1".to_owned();
    let kit = render(&q);
    for env in ["dev", "prod"] {
        let vars = tfvars(
            &kit,
            &format!("terraform/environments/{env}/terraform.tfvars"),
        );
        assert_eq!(attr_str(&vars, "region").unwrap(), "southamerica-east1");
    }
    let vars = tfvars(&kit, "terraform/bootstrap/terraform.tfvars");
    assert_eq!(attr_str(&vars, "region").unwrap(), "southamerica-east1");
    let ci = substitution_defaults(&kit, "cloudbuild/ci.yaml");
    assert!(ci["_DOCKER_REGISTRY"].starts_with("southamerica-east1-docker.pkg.dev/"));
    let ct = substitution_defaults(&kit, "cloudbuild/ct.yaml");
    assert_eq!(ct["_REGION"], "southamerica-east1");
}

#[test]
fn each_repository_host_gets_its_connection_block() {
    let expected = [
        ("github", "github_config", None, "GITHUB"),
        (
            "github-enterprise",
            "github_enterprise_config",
            Some("https://ghe.acme.com"),
            "GITHUB",
        ),
        ("gitlab", "gitlab_config", None, "GITLAB"),
        (
            "gitlab-self-managed",
            "gitlab_config",
            Some("https://gitlab.acme.com"),
            "GITLAB",
        ),
        (
            "bitbucket-cloud",
            "bitbucket_cloud_config",
            None,
            "BITBUCKET_CLOUD",
        ),
        (
            "bitbucket-data-center",
            "bitbucket_data_center_config",
            Some("https://bitbucket.acme.com"),
            "BITBUCKET_SERVER",
        ),
    ];
    for ((host, q), (host2, block_name, host_uri, repo_type)) in hosts().into_iter().zip(expected) {
        assert_eq!(host, host2);
        let kit = render(&q);
        let conn = resource(
            &kit,
            "terraform/modules/",
            "google_cloudbuildv2_connection",
            "main",
        )
        .unwrap();
        let blocks: Vec<&Block> = conn.body().blocks().collect();
        assert_eq!(blocks.len(), 1, "{host}: one host config");
        assert_eq!(blocks[0].identifier(), block_name, "{host}");
        assert_eq!(
            attr_str(blocks[0].body(), "host_uri").as_deref(),
            host_uri,
            "{host}"
        );
        if host == "bitbucket-cloud" {
            assert_eq!(
                attr_str(blocks[0].body(), "workspace").as_deref(),
                Some("acmews")
            );
        }
        let repo = resource(
            &kit,
            "terraform/modules/",
            "google_cloudbuildv2_repository",
            "main",
        )
        .unwrap();
        assert_eq!(
            attr_str(repo.body(), "remote_uri").unwrap(),
            q.gcp.source_repository.url
        );
        let ct = resource(
            &kit,
            "terraform/modules/",
            "google_cloudbuild_trigger",
            "ct",
        )
        .unwrap();
        let source = ct
            .body()
            .blocks()
            .find(|b| b.identifier() == "source_to_build")
            .unwrap();
        assert_eq!(
            attr_str(source.body(), "repo_type").unwrap(),
            repo_type,
            "{host}"
        );
        // The secrets the connection reads exist as containers; nobody's token is in Terraform.
        assert!(
            kit["terraform/modules/platform/build.tf"]
                .contains("google_secret_manager_secret\" \"connection\"")
        );
        assert!(
            !kit["terraform/modules/platform/build.tf"]
                .contains("google_secret_manager_secret_version")
        );
        // The two-phase apply is documented where the variable is set.
        let vars = &kit["terraform/environments/dev/terraform.tfvars"];
        assert!(
            vars.contains("enable_repository_connection = false"),
            "{host}"
        );
        let needs_installation = matches!(host, "github" | "github-enterprise");
        assert_eq!(
            vars.contains("github_app_installation_id"),
            needs_installation,
            "{host}"
        );
    }
}

#[test]
fn data_sources_are_granted_where_they_live() {
    // BigQuery: a dataset-level grant in the source project (retail reads lojarapida-data.crm).
    let kit = render(&retail());
    let bq = resource(
        &kit,
        "terraform/bootstrap/",
        "google_bigquery_dataset_iam_member",
        "source_1_bigquery",
    )
    .unwrap();
    assert_eq!(attr_str(bq.body(), "project").unwrap(), "lojarapida-data");
    assert_eq!(attr_str(bq.body(), "dataset_id").unwrap(), "crm");
    assert_eq!(
        attr_str(bq.body(), "role").unwrap(),
        "roles/bigquery.dataViewer"
    );
    // Cloud Storage: a bucket-level grant.
    let kit = render(&gcs_source());
    let b = resource(
        &kit,
        "terraform/bootstrap/",
        "google_storage_bucket_iam_member",
        "source_1_bucket",
    )
    .unwrap();
    assert_eq!(attr_str(b.body(), "bucket").unwrap(), "acme-raw-exports");
    assert_eq!(
        attr_str(b.body(), "role").unwrap(),
        "roles/storage.objectViewer"
    );
    // Cloud SQL: the source project is the narrowest scope the API offers; the pipeline starts an
    // export and polls it, with a custom role holding exactly those permissions.
    let kit = render(&cloud_sql_source());
    let sql = resource(
        &kit,
        "terraform/bootstrap/",
        "google_project_iam_member",
        "source_1_cloudsql",
    )
    .unwrap();
    assert_eq!(attr_str(sql.body(), "project").unwrap(), "acme-core");
    assert_eq!(
        attr(sql.body(), "role").map(ToString::to_string).as_deref(),
        Some("google_project_iam_custom_role.source_1_cloudsql[0].id")
    );
    assert!(kit["terraform/bootstrap/access.tf"].contains("no instance-level IAM"));
    // On premises: no grant, a landing bucket the pipeline reads instead.
    let kit = render(&example("industrial-onprem"));
    assert!(
        resource(
            &kit,
            "terraform/modules/",
            "google_storage_bucket",
            "landing"
        )
        .is_some()
    );
    assert!(
        resource(
            &kit,
            "terraform/modules/",
            "google_storage_bucket_iam_member",
            "pipeline_landing_storage_object_viewer"
        )
        .is_some()
    );
    assert!(!kit["terraform/bootstrap/access.tf"].contains("source_1"));
    assert!(
        resource(
            &render(&retail()),
            "terraform/modules/",
            "google_storage_bucket",
            "landing"
        )
        .is_none()
    );
}

#[test]
fn serving_mode_decides_the_endpoint() {
    let online = render(&with_serving(ServingMode::Online));
    let batch = render(&with_serving(ServingMode::Batch));
    let both = render(&with_serving(ServingMode::Both));
    for (kit, has_endpoint) in [(&online, true), (&batch, false), (&both, true)] {
        let endpoint = resource(
            kit,
            "terraform/modules/",
            "google_vertex_ai_endpoint",
            "main",
        );
        assert_eq!(endpoint.is_some(), has_endpoint);
        if let Some(e) = endpoint {
            let logging = e
                .body()
                .blocks()
                .find(|b| b.identifier() == "predict_request_response_logging_config")
                .expect("request/response logging");
            assert_eq!(attr_str(logging.body(), "enabled").unwrap(), "true");
            let name = attr_str(e.body(), "name").unwrap();
            assert!(
                name.len() == 10 && name.chars().all(|c| c.is_ascii_digit()),
                "{name}"
            );
        }
    }
}

#[test]
fn retraining_answers_decide_schedule_topics_and_sinks() {
    let retail = render(&retail());
    let sched = resource(
        &retail,
        "terraform/modules/",
        "google_cloud_scheduler_job",
        "retraining",
    )
    .unwrap();
    let http = sched
        .body()
        .blocks()
        .find(|b| b.identifier() == "http_target")
        .unwrap();
    assert!(
        http.body()
            .blocks()
            .any(|b| b.identifier() == "oauth_token"),
        "scheduler calls :run with OAuth"
    );
    let vars = tfvars(&retail, "terraform/environments/prod/terraform.tfvars");
    assert_eq!(attr_str(&vars, "retraining_schedule").unwrap(), "0 6 * * 1");
    assert_eq!(
        attr_str(&vars, "retraining_time_zone").unwrap(),
        "America/Sao_Paulo"
    );
    assert!(
        resource(
            &retail,
            "terraform/modules/",
            "google_logging_project_sink",
            "drift"
        )
        .is_none()
    );
    assert!(
        resource(
            &retail,
            "terraform/modules/",
            "google_pubsub_topic",
            "new_data"
        )
        .is_none()
    );

    let all = render(&every_retraining_trigger());
    for (kind, label) in [
        ("google_cloud_scheduler_job", "retraining"),
        ("google_pubsub_topic", "new_data"),
        ("google_storage_notification", "new_data"),
        ("google_cloudbuild_trigger", "ct_new_data"),
        ("google_pubsub_topic", "drift"),
        ("google_logging_project_sink", "drift"),
        ("google_cloudbuild_trigger", "ct_drift"),
    ] {
        assert!(
            resource(&all, "terraform/modules/", kind, label).is_some(),
            "{kind}.{label}"
        );
    }
    let note = resource(
        &all,
        "terraform/modules/",
        "google_storage_notification",
        "new_data",
    )
    .unwrap();
    assert_eq!(
        attr(note.body(), "bucket").unwrap().to_string(),
        "google_storage_bucket.landing.name"
    );
    assert!(
        all["terraform/modules/platform/retraining.tf"]
            .contains("google_storage_bucket.landing.name")
    );
    let ct_drift = resource(
        &all,
        "terraform/modules/",
        "google_cloudbuild_trigger",
        "ct_drift",
    )
    .unwrap();
    let pubsub = ct_drift
        .body()
        .blocks()
        .find(|b| b.identifier() == "pubsub_config")
        .unwrap();
    assert!(attr(pubsub.body(), "topic").is_some());
}

#[test]
fn alert_recipients_get_a_channel_each() {
    let kit = render(&example("fintech-regulated"));
    let vars = tfvars(&kit, "terraform/environments/prod/terraform.tfvars");
    let emails = literal(attr(&vars, "alert_emails").unwrap());
    assert!(
        emails.contains("risk-models@creditoseguro.com.br")
            && emails.contains("mlops-oncall@creditoseguro.com.br")
    );
    let channel = resource(
        &kit,
        "terraform/modules/",
        "google_monitoring_notification_channel",
        "email",
    )
    .unwrap();
    assert_eq!(attr_str(channel.body(), "type").unwrap(), "email");
    assert!(attr(channel.body(), "for_each").is_some());
    // Drift alerts match the entry the kit's drift step writes (tabular models are monitored).
    let drift = resource(
        &kit,
        "terraform/modules/",
        "google_monitoring_alert_policy",
        "drift_detected",
    )
    .expect("drift alert for a monitored tabular model");
    let condition = drift
        .body()
        .blocks()
        .find(|b| b.identifier() == "conditions")
        .unwrap();
    let matched = condition.body().blocks().next().unwrap();
    assert!(
        attr_str(matched.body(), "filter")
            .unwrap()
            .contains("mlops_kit_event=\"drift_detected\"")
    );
    if let Some(step) = kit.get("src/ml_pipeline/alert.py") {
        assert!(
            step.contains("\"mlops_kit_event\": \"drift_detected\""),
            "the drift step writes what the alert matches"
        );
    }
    // A vision model is not drift-monitored: no drift alert.
    let vision = render(&example("industrial-onprem"));
    assert!(
        resource(
            &vision,
            "terraform/modules/",
            "google_monitoring_alert_policy",
            "drift_detected"
        )
        .is_none()
    );
}

#[test]
fn cmek_answer_switches_keys_on_and_waivers_off() {
    let on = render(&example("fintech-regulated"));
    let off = render(&retail());
    let key = resource(&on, "terraform/modules/", "google_kms_crypto_key", "main").unwrap();
    assert_eq!(attr_str(key.body(), "rotation_period").unwrap(), "7776000s");
    let lifecycle = key
        .body()
        .blocks()
        .find(|b| b.identifier() == "lifecycle")
        .unwrap();
    assert_eq!(
        attr_str(lifecycle.body(), "prevent_destroy").unwrap(),
        "true"
    );
    for agent in [
        "storage",
        "artifact_registry",
        "bigquery",
        "vertex_ai",
        "secret_manager",
    ] {
        assert!(
            resource(
                &on,
                "terraform/modules/",
                "google_kms_crypto_key_iam_member",
                agent
            )
            .is_some(),
            "{agent}"
        );
    }
    let docker = resource(
        &on,
        "terraform/modules/",
        "google_artifact_registry_repository",
        "docker",
    )
    .unwrap();
    assert!(attr(docker.body(), "kms_key_name").is_some());
    let dataset = resource(&on, "terraform/modules/", "google_bigquery_dataset", "main").unwrap();
    assert!(
        dataset
            .body()
            .blocks()
            .any(|b| b.identifier() == "default_encryption_configuration")
    );
    assert!(on["terraform/bootstrap/main.tf"].contains("default_kms_key_name"));
    assert!(resource(&off, "terraform/modules/", "google_kms_crypto_key", "main").is_none());
    // Waivers for CMEK exist only where the client said no to CMEK.
    let waived = |kit: &Kit| kit.values().any(|t| t.contains("#checkov:skip=CKV_GCP_84"));
    assert!(waived(&off));
    assert!(!waived(&on));
}

#[test]
fn private_networking_and_vpc_sc_bring_a_private_pool_and_a_documented_perimeter() {
    let kit = render(&private_with_vpc_sc());
    let pool = resource(
        &kit,
        "terraform/modules/",
        "google_cloudbuild_worker_pool",
        "main",
    )
    .unwrap();
    let worker = pool
        .body()
        .blocks()
        .find(|b| b.identifier() == "worker_config")
        .unwrap();
    assert_eq!(attr_str(worker.body(), "no_external_ip").unwrap(), "true");
    assert!(
        resource(&kit, "terraform/modules/", "google_compute_network", "main").is_none(),
        "the answered VPC is the client's"
    );
    assert!(
        kit["terraform/modules/platform/network.tf"]
            .contains("data \"google_compute_network\" \"main\"")
    );
    let created = render(&vpc_sc_only());
    assert!(
        resource(
            &created,
            "terraform/modules/",
            "google_compute_network",
            "main"
        )
        .is_some(),
        "no VPC answered: created"
    );
    let firewall = resource(
        &created,
        "terraform/modules/",
        "google_compute_firewall",
        "deny_ingress",
    )
    .unwrap();
    assert!(firewall.body().blocks().any(|b| b.identifier() == "deny"));
    for config in [
        "cloudbuild/ci.yaml",
        "cloudbuild/cd.yaml",
        "cloudbuild/ct.yaml",
    ] {
        let pool = yaml(&kit, config)["options"]["pool"]["name"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            pool.ends_with("/workerPools/lojarapida-private-pool"),
            "{config}: {pool}"
        );
    }
    let endpoint = resource(
        &kit,
        "terraform/modules/",
        "google_vertex_ai_endpoint",
        "main",
    )
    .unwrap();
    assert!(attr(endpoint.body(), "network").is_some());
    let readme = &kit["terraform/README.md"];
    assert!(readme.contains("acme\\_perimeter") || readme.contains("acme_perimeter"));
    assert!(readme.contains("aiplatform.googleapis.com"));

    let shared = render(&shared_vpc_with_cmek());
    assert!(
        resource(
            &shared,
            "terraform/modules/",
            "google_compute_network",
            "main"
        )
        .is_none(),
        "the shared VPC is the client's"
    );
    assert!(shared["terraform/modules/platform/network.tf"].contains("acme-net-host"));

    let public = render(&retail());
    assert!(!public.contains_key("terraform/modules/platform/network.tf"));
    assert!(
        yaml(&public, "cloudbuild/ci.yaml")["options"]
            .get("pool")
            .is_none()
    );
}

#[test]
fn maturity_level_decides_what_drift_retraining_does_on_day_one() {
    // fintech asks for drift retraining; whether the sink starts enabled follows the assessed level.
    let q = example("fintech-regulated");
    let model = mlops_kit::kit::resolve(&q);
    let kit = render(&q);
    let vars = tfvars(&kit, "terraform/environments/prod/terraform.tfvars");
    let enabled = attr_str(&vars, "enable_drift_retraining").unwrap();
    assert_eq!(enabled == "true", model.maturity.google_level >= 1);
    let readme = &kit["terraform/README.md"];
    assert!(
        readme.contains(&format!("level {}", model.maturity.google_level)),
        "level named in the docs"
    );
    // A level-0 client gets the route switched off and the reason in the docs.
    let mut level0 = q.clone();
    level0.practices = example("retail-startup").practices;
    let m0 = mlops_kit::kit::resolve(&level0);
    assert_eq!(m0.maturity.google_level, 0);
    let kit0 = render(&level0);
    let vars0 = tfvars(&kit0, "terraform/environments/prod/terraform.tfvars");
    assert_eq!(
        attr_str(&vars0, "enable_drift_retraining").unwrap(),
        "false"
    );
    assert!(kit0["terraform/README.md"].contains("enable_drift_retraining = true"));
}

// ---------------------------------------------------------------------------------------------------
// references: what `terraform validate` would check, without the provider binary

/// Identifiers following `prefix.` in HCL text outside `#` comments: `var.x` → `x`,
/// `google_storage_bucket.main.name` with prefix `google_storage_bucket` → `main`.
pub(super) fn references(text: &str, prefix: &str) -> BTreeSet<String> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let mut out = BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let needle = format!("{prefix}.");
        let mut from = 0;
        while let Some(pos) = line[from..].find(&needle) {
            let start = from + pos;
            // `data.TYPE.x` is a data source, not the resource `TYPE.x`.
            let before_ok = start == 0 || {
                let c = line[..start].chars().next_back().unwrap_or(' ');
                !ident(c) && c != '.'
            };
            let after: String = line[start + needle.len()..]
                .chars()
                .take_while(|c| ident(*c))
                .collect();
            if before_ok && !after.is_empty() {
                out.insert(after);
            }
            from = start + needle.len();
        }
    }
    out
}

pub(super) struct Root {
    pub(super) variables: BTreeMap<String, bool>,
    pub(super) locals: BTreeSet<String>,
    resources: BTreeSet<(String, String)>,
    data: BTreeSet<(String, String)>,
    pub(super) outputs: BTreeSet<String>,
    pub(super) text: String,
}

pub(super) fn root(kit: &Kit, dir: &str) -> Root {
    let mut r = Root {
        variables: BTreeMap::new(),
        locals: BTreeSet::new(),
        resources: BTreeSet::new(),
        data: BTreeSet::new(),
        outputs: BTreeSet::new(),
        text: String::new(),
    };
    for (path, text) in kit.iter().filter(|(p, _)| {
        p.strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/') && !rest[1..].contains('/'))
            && p.ends_with(".tf")
    }) {
        r.text.push_str(text);
        let body = hcl::parse(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        for b in body.blocks() {
            let labels: Vec<String> = b.labels().iter().map(|l| l.as_str().to_owned()).collect();
            match b.identifier() {
                "variable" => {
                    r.variables
                        .insert(labels[0].clone(), attr(b.body(), "default").is_some());
                }
                "locals" => r
                    .locals
                    .extend(b.body().attributes().map(|a| a.key().to_owned())),
                "resource" => {
                    r.resources.insert((labels[0].clone(), labels[1].clone()));
                }
                "data" => {
                    r.data.insert((labels[0].clone(), labels[1].clone()));
                }
                "output" => {
                    r.outputs.insert(labels[0].clone());
                }
                _ => {}
            }
        }
    }
    r
}

fn check_references(name: &str, dir: &str, r: &Root) {
    for v in references(&r.text, "var") {
        assert!(
            r.variables.contains_key(&v),
            "{name}: {dir} uses undeclared var.{v}"
        );
    }
    for l in references(&r.text, "local") {
        assert!(
            r.locals.contains(&l),
            "{name}: {dir} uses undefined local.{l}"
        );
    }
    let kinds: BTreeSet<&String> = r.resources.iter().map(|(k, _)| k).collect();
    for kind in kinds {
        let defined: BTreeSet<&String> = r
            .resources
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, l)| l)
            .collect();
        for label in references(&r.text, kind) {
            assert!(
                defined.contains(&label),
                "{name}: {dir} uses undefined {kind}.{label}"
            );
        }
    }
    // A resource type referenced but never declared in this root.
    for word in r
        .text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
    {
        if let Some(rest) = word.strip_prefix("google_") {
            let kind = format!("google_{}", rest.split('.').next().unwrap_or_default());
            if word.contains('.') && !word.starts_with("data.") {
                assert!(
                    r.resources.iter().any(|(k, _)| *k == kind),
                    "{name}: {dir} references {word} but declares no {kind}"
                );
            }
        }
    }
    for data in references(&r.text, "data") {
        let labels = references(&r.text, &format!("data.{data}"));
        for label in labels {
            assert!(
                r.data.contains(&(data.clone(), label.clone())),
                "{name}: {dir} uses undeclared data.{data}.{label}"
            );
        }
    }
}

#[test]
fn references_resolve_in_every_root_like_terraform_validate() {
    // The hostile variant holds escaped `$${var.x}` text on purpose; the text scan would count it.
    for (name, kit) in all_variants().into_iter().filter(|(n, _)| n != "hostile") {
        let module = root(&kit, "terraform/modules/platform");
        check_references(&name, "module", &module);
        let bootstrap = root(&kit, "terraform/bootstrap");
        check_references(&name, "bootstrap", &bootstrap);
        let vars = tfvars(&kit, "terraform/bootstrap/terraform.tfvars");
        for a in vars.attributes() {
            assert!(
                bootstrap.variables.contains_key(a.key()),
                "{name}: bootstrap tfvars sets unknown {}",
                a.key()
            );
        }
        let envs: BTreeSet<String> = kit
            .keys()
            .filter_map(|p| {
                p.strip_prefix("terraform/environments/")?
                    .split('/')
                    .next()
                    .map(str::to_owned)
            })
            .collect();
        for env in envs {
            let dir = format!("terraform/environments/{env}");
            let r = root(&kit, &dir);
            check_references(&name, &dir, &r);
            // terraform.tfvars sets only declared variables, and every variable without a default.
            let vars = tfvars(&kit, &format!("{dir}/terraform.tfvars"));
            let set: BTreeSet<String> = vars.attributes().map(|a| a.key().to_owned()).collect();
            for key in &set {
                assert!(
                    r.variables.contains_key(key),
                    "{name}: {dir} tfvars sets unknown {key}"
                );
            }
            for (v, has_default) in &r.variables {
                assert!(
                    *has_default || set.contains(v),
                    "{name}: {dir} never sets {v}"
                );
            }
            // The module call passes only the module's variables, and all it requires.
            let call = env_module(&kit, &env);
            let args: BTreeSet<String> = call
                .body()
                .attributes()
                .map(|a| a.key().to_owned())
                .filter(|k| k != "source")
                .collect();
            for a in &args {
                assert!(
                    module.variables.contains_key(a),
                    "{name}: {dir} passes unknown {a}"
                );
            }
            for (v, has_default) in &module.variables {
                assert!(
                    *has_default || args.contains(v),
                    "{name}: {dir} does not pass {v}"
                );
            }
            for out in references(&r.text, "module.platform") {
                assert!(
                    module.outputs.contains(&out),
                    "{name}: {dir} reads missing output {out}"
                );
            }
        }
    }
}

#[test]
fn the_reference_check_catches_undeclared_names() {
    let text = "# var.in_comment\nlocals {\n  a = var.declared\n}\n";
    assert_eq!(
        references(text, "var"),
        BTreeSet::from(["declared".to_owned()])
    );
    let broken = [
        "variable \"declared\" {\n  type = string\n}\nresource \"google_storage_bucket\" \"main\" {\n  name = var.missing\n}\n",
        "resource \"google_storage_bucket\" \"main\" {\n  name = local.nowhere\n}\n",
        "resource \"google_storage_bucket\" \"main\" {\n  name = google_storage_bucket.other.name\n}\n",
        "resource \"google_storage_bucket\" \"main\" {\n  name = google_pubsub_topic.main.name\n}\n",
    ];
    for (i, text) in broken.into_iter().enumerate() {
        let kit: Kit = [("m/main.tf".to_owned(), text.to_owned())]
            .into_iter()
            .collect();
        let r = root(&kit, "m");
        let caught = std::panic::catch_unwind(|| check_references("t", "m", &r));
        assert!(caught.is_err(), "case {i} was not caught");
    }
}

#[test]
fn pull_request_code_runs_as_an_account_that_cannot_change_or_impersonate() {
    for name in ["retail-startup", "fintech-regulated", "industrial-onprem"] {
        let kit = render(&example(name));
        let ci = resource(
            &kit,
            "terraform/modules/",
            "google_cloudbuild_trigger",
            "ci",
        )
        .unwrap();
        assert_eq!(
            attr(ci.body(), "service_account").unwrap().to_string(),
            "google_service_account.ci.id",
            "{name}"
        );
        for (kind, label, block) in resources(&kit, "terraform/modules/") {
            if !kind.ends_with("_iam_member") {
                continue;
            }
            let member = attr(block.body(), "member").unwrap().to_string();
            if member == "google_service_account.ci.member" {
                let role = attr_str(block.body(), "role").unwrap();
                let read_only = [
                    "roles/logging.logWriter",
                    "roles/browser",
                    "roles/compute.networkViewer",
                    "roles/cloudbuild.workerPoolUser",
                ];
                // Without public internet CI pulls and installs through the remote repositories.
                let remote = kind == "google_artifact_registry_repository_iam_member"
                    && role == "roles/artifactregistry.reader"
                    && ["dockerhub", "pypi"].iter().any(|r| {
                        attr(block.body(), "repository").unwrap().to_string()
                            == format!("google_artifact_registry_repository.{r}.name")
                    });
                assert!(
                    read_only.contains(&role.as_str()) || remote,
                    "{name}: {kind}.{label} gives CI {role}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// review findings: readable parameters, shared VPC, true waivers, shellcheck, least privilege

/// The network and CMEK variants, with their questionnaires (waivers are judged against the answers).
fn network_and_cmek_variants() -> Vec<(&'static str, Questionnaire)> {
    vec![
        ("retail-startup", retail()),
        ("fintech-regulated", example("fintech-regulated")),
        ("industrial-onprem", example("industrial-onprem")),
        ("private-vpc-sc", private_with_vpc_sc()),
        ("vpc-sc-only", vpc_sc_only()),
        ("shared-vpc", shared_vpc()),
        ("shared-vpc-cmek", shared_vpc_with_cmek()),
        ("serving-online", with_serving(ServingMode::Online)),
    ]
}

#[test]
fn pipeline_parameters_are_an_aligned_hcl_object_one_key_per_line() {
    for (name, q) in network_and_cmek_variants() {
        let model = mlops_kit::kit::resolve(&q);
        let kit = render(&q);
        let terraform_sets_network = model.platform.pipeline_network_parameter.is_some();
        for env in &model.environments {
            let path = format!("terraform/environments/{}/main.tf", env.name);
            let text = &kit[&path];
            assert!(!text.contains("pipeline_parameters_json"), "{name}: {path}");
            for line in text.lines() {
                assert!(line.len() <= 160, "{name}: {path}: long line {line}");
                assert!(
                    !line.contains("\\\""),
                    "{name}: {path}: escaped JSON {line}"
                );
            }
            let module = env_module(&kit, &env.name);
            let Expression::Object(o) = attr(module.body(), "pipeline_parameters").expect("passed")
            else {
                panic!("{name}: pipeline_parameters is an object literal")
            };
            let passed: BTreeMap<String, Value> = o
                .iter()
                .map(|(k, v)| {
                    let key = match k {
                        ObjectKey::Identifier(i) => i.to_string(),
                        ObjectKey::Expression(e) => literal(e),
                        other => panic!("unexpected key {other:?}"),
                    };
                    let value = match v.evaluate(&Context::new()).expect("a literal") {
                        hcl::Value::Number(n) => serde_json::to_value(n).unwrap(),
                        other => serde_json::to_value(other).unwrap(),
                    };
                    (key, value)
                })
                .collect();
            let mut expected = env.pipeline_values["training"].clone();
            if terraform_sets_network {
                expected.remove("network");
            }
            let expected: BTreeMap<String, Value> = expected.into_iter().collect();
            assert_eq!(passed, expected, "{name}: {path}");
            // One key per line, `=` aligned as terraform fmt aligns the run.
            let start = text.find("pipeline_parameters = {").expect("the object");
            let body: Vec<&str> = text[start..]
                .lines()
                .skip(1)
                .take_while(|l| l.trim() != "}")
                .collect();
            assert_eq!(body.len(), passed.len(), "{name}: {path}");
            let columns: BTreeSet<usize> = body.iter().map(|l| l.find(" = ").unwrap()).collect();
            assert!(columns.len() <= 1, "{name}: {path}: unaligned {body:?}");
        }
        // The module turns the object into the JSON the CT builds pass to the run.
        let build = &kit["terraform/modules/platform/build.tf"];
        let line = build
            .lines()
            .find(|l| l.trim_start().starts_with("_PARAMETER_VALUES"))
            .unwrap();
        if terraform_sets_network {
            assert!(
                line.contains(
                    "jsonencode(merge(var.pipeline_parameters, { network = local.endpoint_network }))"
                ),
                "{name}: {line}"
            );
        } else {
            assert!(
                line.ends_with("= jsonencode(var.pipeline_parameters)"),
                "{name}: {line}"
            );
        }
    }
}

#[test]
fn shared_vpc_peers_endpoint_runs_and_pool_with_the_host_projects_network() {
    for (name, q, pool) in [
        ("shared-vpc", shared_vpc(), false),
        ("shared-vpc-cmek", shared_vpc_with_cmek(), true),
    ] {
        let kit = render(&q);
        let network = &kit["terraform/modules/platform/network.tf"];
        let body = parse_tf(&kit, "terraform/modules/platform/network.tf");
        let data: Vec<&Block> = body.blocks().filter(|b| b.identifier() == "data").collect();
        let host = data
            .iter()
            .find(|b| b.labels()[0].as_str() == "google_project")
            .expect("the host project's number is looked up");
        assert_eq!(
            attr_str(host.body(), "project_id").as_deref(),
            Some("acme-net-host"),
            "{name}"
        );
        let net = data
            .iter()
            .find(|b| b.labels()[0].as_str() == "google_compute_network")
            .expect("the shared VPC is read, not created");
        assert_eq!(
            attr_str(net.body(), "project").as_deref(),
            Some("acme-net-host")
        );
        assert_eq!(attr_str(net.body(), "name").as_deref(), Some("shared-net"));
        assert!(
            network.contains(
                "endpoint_network = \"projects/${data.google_project.network_host.number}/global/networks/${data.google_compute_network.main.name}\""
            ),
            "{name}: the network is named by the host project's number"
        );
        // Endpoint and continuous-training runs use it; no waiver pretends otherwise.
        let endpoint = resource(
            &kit,
            "terraform/modules/",
            "google_vertex_ai_endpoint",
            "main",
        )
        .expect("retail serves online");
        assert_eq!(
            attr(endpoint.body(), "network").unwrap().to_string(),
            "local.endpoint_network",
            "{name}"
        );
        assert!(
            !kit["terraform/modules/platform/vertex.tf"].contains("CKV2_GCP_33"),
            "{name}"
        );
        let locals = module_locals(&kit);
        let Expression::Object(ct) = &locals["ct_substitutions"] else {
            panic!()
        };
        let network_sub = ct
            .iter()
            .find(|(k, _)| k.to_string() == "_NETWORK")
            .map(|(_, v)| v.to_string())
            .unwrap();
        assert_eq!(network_sub, "local.endpoint_network", "{name}");
        // The private pool only with private networking, and then on the host's network too.
        let worker = resource(
            &kit,
            "terraform/modules/",
            "google_cloudbuild_worker_pool",
            "main",
        );
        assert_eq!(worker.is_some(), pool, "{name}");
        assert_eq!(
            yaml(&kit, "cloudbuild/ci.yaml")["options"]
                .get("pool")
                .is_some(),
            pool,
            "{name}"
        );
        if pool {
            assert!(
                kit["terraform/modules/platform/main.tf"]
                    .contains("network_id      = data.google_compute_network.main.id")
            );
        }
        // The service agents get compute.networkUser on the host project, from the bootstrap.
        let grants: Vec<Block> = resources(&kit, "terraform/bootstrap/")
            .into_iter()
            .filter(|(k, l, _)| k == "google_project_iam_member" && l.starts_with("host_"))
            .map(|(_, _, b)| b)
            .collect();
        let agent = |domain: &str| {
            grants.iter().any(|b| {
                attr_str(b.body(), "project").as_deref() == Some("acme-net-host")
                    && attr_str(b.body(), "role").as_deref() == Some("roles/compute.networkUser")
                    && attr(b.body(), "member")
                        .unwrap()
                        .to_string()
                        .contains(domain)
            })
        };
        assert!(agent("gcp-sa-aiplatform.iam.gserviceaccount.com"), "{name}");
        assert_eq!(
            agent("gcp-sa-cloudbuild.iam.gserviceaccount.com"),
            pool,
            "{name}"
        );
        let access = &kit["terraform/bootstrap/access.tf"];
        assert!(access.contains("var.enable_access_grants && var.enable_host_network_grants"));
        let vars = tfvars(&kit, "terraform/bootstrap/terraform.tfvars");
        assert_eq!(
            attr_str(&vars, "enable_host_network_grants").as_deref(),
            Some("true")
        );
        // Whoever cannot grant on the host project hands the network team the documented list.
        let readme = &kit["terraform/README.md"];
        assert!(readme.contains("## Shared VPC"), "{name}");
        assert!(
            readme.contains("enable_host_network_grants = false"),
            "{name}"
        );
        assert!(readme.contains("`roles/compute.networkUser`"), "{name}");
    }
    // Default networking: nothing of the sort.
    let public = render(&retail());
    assert!(!public.contains_key("terraform/modules/platform/network.tf"));
    assert!(!public["terraform/bootstrap/access.tf"].contains("host_"));
    assert!(!public["terraform/bootstrap/variables.tf"].contains("enable_host_network_grants"));
}

#[test]
fn every_waiver_reason_is_true_for_the_clients_network_and_cmek_answers() {
    for (name, q) in network_and_cmek_variants() {
        let kit = render(&q);
        let default_network =
            q.gcp.network.mode == NetworkMode::Default && !q.gcp.vpc_service_controls.enabled;
        let mut seen = BTreeSet::new();
        for (path, text) in kit.iter().filter(|(p, _)| p.ends_with(".tf")) {
            for line in text.lines() {
                let Some(skip) = line.trim().strip_prefix("#checkov:skip=") else {
                    continue;
                };
                let (id, reason) = skip.split_once(':').expect("every waiver has a reason");
                assert!(reason.len() > 20, "{name}: {path}: {id} has no real reason");
                seen.insert(id.to_owned());
                if reason.contains("customer-managed encryption keys are not required") {
                    assert!(!q.gcp.cmek.enabled, "{name}: {path}: {id} says no CMEK");
                }
                if id == "CKV2_GCP_33" {
                    assert!(default_network, "{name}: {path}: endpoint network waived");
                    assert!(reason.contains("Google-managed networking"), "{name}");
                }
                if reason.contains("Google-managed networking") {
                    assert!(default_network, "{name}: {path}: {id}: {reason}");
                }
            }
        }
        // Conversely, a client without CMEK has its CMEK waivers, and an endpoint without a
        // network its network waiver.
        assert_eq!(seen.contains("CKV_GCP_84"), !q.gcp.cmek.enabled, "{name}");
        let endpoint = mlops_kit::kit::resolve(&q).platform.endpoint.is_some();
        assert_eq!(
            seen.contains("CKV2_GCP_33"),
            endpoint && default_network,
            "{name}"
        );
    }
}

#[test]
fn scripts_source_nothing_and_waive_no_shellcheck_rule_without_a_reason() {
    let kit = render(&example("fintech-regulated"));
    let scripts: Vec<(&String, &String)> = kit
        .iter()
        .filter(|(p, _)| p.starts_with("scripts/"))
        .collect();
    assert!(scripts.len() >= 10);
    for (path, text) in scripts {
        for line in text.lines() {
            let code = line.trim_start();
            assert!(
                !(code.starts_with(". ") || (code.starts_with("source ") && !code.contains('='))),
                "{path}: sources a file: {line}"
            );
            if let Some(rest) = line.split("shellcheck disable=").nth(1) {
                let reason =
                    rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == ',');
                assert!(
                    reason.trim_start_matches([' ', ':', '-', '#']).len() > 10,
                    "{path}: a shellcheck waiver without a reason: {line}"
                );
            }
        }
    }
    // Registry hosts go to the login script as separate, quoted words.
    let images = &kit["scripts/cd-images.sh"];
    assert!(images.contains("sh scripts/registry-login.sh \"$@\""));
    assert!(!images.contains("$hosts"));
}

#[test]
fn each_account_holds_only_roles_its_builds_and_resources_need() {
    for (name, q) in network_and_cmek_variants()
        .into_iter()
        .chain([("every-retraining-trigger", every_retraining_trigger())])
    {
        let model = mlops_kit::kit::resolve(&q);
        let p = &model.platform;
        let f = &model.features;
        // Continuous-training builds submit runs from the KFP repository: no images, no releases
        // (without public internet they also read the Docker Hub and PyPI remote repositories).
        for g in p.repository_grants.iter().chain(&p.bucket_grants) {
            if g.member == "build" {
                assert!(
                    matches!(g.target.as_str(), "kfp" | "pipeline_root")
                        || (p.egress.is_some()
                            && matches!(g.target.as_str(), "dockerhub" | "pypi")
                            && g.role == "roles/artifactregistry.reader"),
                    "{name}: build on {} ({})",
                    g.target,
                    g.role
                );
            }
        }
        let deploy_roles: BTreeSet<&str> = p
            .deploy_grants
            .iter()
            .filter(|g| g.scope == "project")
            .map(|g| g.role.as_str())
            .collect();
        assert_eq!(
            deploy_roles.contains("roles/aiplatform.admin"),
            f.online_serving || f.batch_drift_monitoring,
            "{name}"
        );
        assert_eq!(
            deploy_roles.contains("roles/logging.configWriter"),
            f.retrain_on_drift,
            "{name}"
        );
    }
}

#[test]
fn every_variable_is_typed_and_described_and_every_module_output_is_read() {
    for (name, kit) in all_variants().into_iter().filter(|(n, _)| n != "hostile") {
        for (path, text) in kit.iter().filter(|(p, _)| p.ends_with(".tf")) {
            let body = hcl::parse(text).unwrap();
            for b in body.blocks() {
                match b.identifier() {
                    "variable" => {
                        assert!(
                            attr(b.body(), "type").is_some(),
                            "{name}: {path}: {:?} untyped",
                            b.labels()
                        );
                        assert!(
                            attr(b.body(), "description").is_some(),
                            "{name}: {path}: {:?}",
                            b.labels()
                        );
                    }
                    "output" => {
                        assert!(
                            attr(b.body(), "description").is_some(),
                            "{name}: {path}: {:?}",
                            b.labels()
                        );
                    }
                    _ => {}
                }
            }
        }
        let module = root(&kit, "terraform/modules/platform");
        let mut read = BTreeSet::new();
        for (path, text) in kit
            .iter()
            .filter(|(p, _)| p.starts_with("terraform/environments/"))
        {
            if path.ends_with(".tf") {
                read.extend(references(text, "module.platform"));
            }
        }
        for out in &module.outputs {
            assert!(
                read.contains(out),
                "{name}: module output {out} is never read"
            );
        }
        // Every variable and local of every root is used in that root.
        let mut dirs: BTreeSet<String> = kit
            .keys()
            .filter(|p| p.starts_with("terraform/environments/"))
            .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d.to_owned()))
            .collect();
        dirs.insert("terraform/modules/platform".to_owned());
        dirs.insert("terraform/bootstrap".to_owned());
        for dir in dirs {
            let r = root(&kit, &dir);
            let used = references(&r.text, "var");
            for v in r.variables.keys() {
                assert!(used.contains(v), "{name}: {dir}: var.{v} unused");
            }
            let used = references(&r.text, "local");
            for l in &r.locals {
                assert!(used.contains(l), "{name}: {dir}: local.{l} unused");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// apply-readiness review (issue 3): what would fail on `terraform apply` or at run time

/// The `depends_on` list of a resource, as the referenced addresses.
fn depends_on(block: &Block) -> Vec<String> {
    match attr(block.body(), "depends_on") {
        Some(Expression::Array(items)) => items.iter().map(ToString::to_string).collect(),
        Some(other) => panic!("depends_on is a list: {other:?}"),
        None => Vec::new(),
    }
}

#[test]
fn every_access_log_bucket_lets_cloud_storage_deliver_usage_logs() {
    // Cloud Storage writes usage logs as the group cloud-storage-analytics@google.com, which needs
    // objectCreator on the log bucket; without the grant the `logging` blocks deliver nothing.
    for (name, kit) in all_variants() {
        let all = resources(&kit, "terraform/");
        let writers: BTreeSet<String> = all
            .iter()
            .filter(|(kind, _, _)| kind == "google_storage_bucket_iam_member")
            .filter(|(_, _, b)| {
                attr(b.body(), "member").map(ToString::to_string).as_deref()
                    == Some("\"group:cloud-storage-analytics@google.com\"")
                    && attr(b.body(), "role").map(ToString::to_string).as_deref()
                        == Some("\"roles/storage.objectCreator\"")
            })
            .map(|(_, _, b)| attr(b.body(), "bucket").unwrap().to_string())
            .collect();
        let mut log_buckets = 0;
        for (_, label, bucket) in all.iter().filter(|(k, _, _)| k == "google_storage_bucket") {
            for logging in bucket
                .body()
                .blocks()
                .filter(|b| b.identifier() == "logging")
            {
                let target = attr(logging.body(), "log_bucket").unwrap().to_string();
                log_buckets += 1;
                assert!(
                    writers.contains(&target),
                    "{name}: bucket {label} logs to {target}, which Cloud Storage may not write to"
                );
            }
        }
        assert!(
            log_buckets >= 3,
            "{name}: the module and bootstrap buckets log access"
        );
    }
}

#[test]
fn the_pubsub_agent_grant_waits_for_the_pubsub_api() {
    // The Pub/Sub service agent exists once the API is on; a grant to it made in parallel with the
    // API's enablement fails on a fresh project.
    let mut seen = 0;
    for (name, kit) in all_variants() {
        if let Some(grant) = resource(
            &kit,
            "terraform/modules/",
            "google_service_account_iam_member",
            "pubsub_agent_trigger_token_creator",
        ) {
            seen += 1;
            assert!(
                depends_on(&grant).contains(&"google_project_service.main".to_owned()),
                "{name}: {:?}",
                depends_on(&grant)
            );
        }
    }
    assert!(seen >= 2, "variants with Pub/Sub-triggered retraining");
}

#[test]
fn connection_setup_steps_name_the_secrets_terraform_creates() {
    for (host, q) in hosts() {
        let kit = render(&q);
        let model = mlops_kit::kit::resolve(&q);
        let created: BTreeSet<&str> = model
            .platform
            .connection
            .secrets
            .iter()
            .map(|s| s.secret_id.as_str())
            .collect();
        let build = &kit["terraform/modules/platform/build.tf"];
        for id in &created {
            assert!(
                build.contains(&format!("\"{id}\"")),
                "{host}: {id} not in build.tf"
            );
        }
        let steps = &model.platform.connection.setup_steps;
        let mut named = 0;
        // The English text (the tfvars comments) and the document's language name the same ids.
        for step in steps
            .iter()
            .filter(|s| s.en.contains("secret"))
            .flat_map(|s| [&s.en, &s.doc])
        {
            for quoted in step.split('`').skip(1).step_by(2) {
                named += 1;
                assert!(
                    created.contains(quoted),
                    "{host}: the step names `{quoted}`, but Terraform creates {created:?}: {step}"
                );
            }
        }
        assert!(named >= 1, "{host}: the steps name the secrets");
        // The same names reach the comments of every environment's tfvars.
        let tfvars = &kit["terraform/environments/prod/terraform.tfvars"];
        for id in &created {
            assert!(
                tfvars.contains(&format!("`{id}`")),
                "{host}: tfvars lacks {id}"
            );
        }
    }
}

#[test]
fn promotion_grants_wait_for_the_second_pass_when_every_deploy_account_exists() {
    // The first pass applies dev, staging and prod in order: dev's grants to staging's deploy
    // account would name an account that does not exist yet, and IAM rejects them.
    let mut seen = 0;
    for (name, kit) in all_variants() {
        let module = root(&kit, "terraform/modules/platform");
        for (kind, label, block) in resources(&kit, "terraform/modules/platform/") {
            let Some(members) = attr(block.body(), "for_each").map(ToString::to_string) else {
                continue;
            };
            let member = attr(block.body(), "member").map(ToString::to_string);
            if member.as_deref() != Some("each.value") {
                continue;
            }
            if members.contains("downstream") {
                seen += 1;
                assert_eq!(
                    members, "local.downstream_members",
                    "{name}: {kind}.{label}"
                );
            }
        }
        if kit["terraform/modules/platform/iam.tf"].contains("downstream_members") {
            assert!(module.locals.contains("downstream_members"), "{name}");
            let iam = parse_tf(&kit, "terraform/modules/platform/iam.tf");
            let locals = iam
                .blocks()
                .filter(|b| b.identifier() == "locals")
                .find_map(|b| attr(b.body(), "downstream_members").map(ToString::to_string))
                .unwrap();
            assert!(
                locals.starts_with("var.enable_repository_connection ?")
                    && locals.contains("var.downstream_deploy_members"),
                "{name}: {locals}"
            );
        }
    }
    assert!(
        seen >= 3,
        "promotion grants exist in the multi-environment variants"
    );
}

#[test]
fn inside_a_perimeter_pubsub_retraining_runs_the_ct_trigger_through_eventarc_and_workflows() {
    // Cloud Build Pub/Sub triggers are not supported when VPC Service Controls is used.
    let mut via_workflows = 0;
    let variants = ["retail-startup", "fintech-regulated", "industrial-onprem"]
        .into_iter()
        .map(|n| (n.to_owned(), example(n)))
        .chain([
            (
                "every-retraining-trigger".to_owned(),
                every_retraining_trigger(),
            ),
            (
                "vpc-sc-every-retraining-trigger".to_owned(),
                vpc_sc_every_retraining_trigger(),
            ),
            ("private-vpc-sc".to_owned(), private_with_vpc_sc()),
            (
                "serving-online".to_owned(),
                with_serving(ServingMode::Online),
            ),
        ]);
    for (name, q) in variants {
        let kit = render(&q);
        let model = mlops_kit::kit::resolve(&q);
        let all = resources(&kit, "terraform/modules/");
        let pubsub_builds: Vec<&String> = all
            .iter()
            .filter(|(k, _, b)| {
                k == "google_cloudbuild_trigger"
                    && b.body().blocks().any(|x| x.identifier() == "pubsub_config")
            })
            .map(|(_, l, _)| l)
            .collect();
        let topics: Vec<&String> = all
            .iter()
            .filter(|(k, _, _)| k == "google_pubsub_topic")
            .map(|(_, l, _)| l)
            .collect();
        let eventarc = kit["terraform/modules/platform/apis.tf"].contains("eventarc");
        if !model.features.vpc_service_controls || topics.is_empty() {
            assert!(!eventarc, "{name}: Eventarc without a perimeter");
            assert!(!topics.contains(&&"schedule".to_owned()), "{name}");
            assert_eq!(
                pubsub_builds.len(),
                topics.len(),
                "{name}: {pubsub_builds:?}"
            );
            continue;
        }
        via_workflows += 1;
        assert!(pubsub_builds.is_empty(), "{name}: {pubsub_builds:?}");
        // Cloud Scheduler inside a perimeter may target Pub/Sub, not the Cloud Build API.
        if let Some(job) = resource(
            &kit,
            "terraform/modules/",
            "google_cloud_scheduler_job",
            "retraining",
        ) {
            let text = hcl::to_string(job.body()).unwrap();
            assert!(
                !text.contains("http_target")
                    && text.contains("topic_name = google_pubsub_topic.schedule[0].id"),
                "{name}: {text}"
            );
        }
        for topic in topics {
            let key = format!("ct_{topic}");
            let event = resource(&kit, "terraform/modules/", "google_eventarc_trigger", &key)
                .unwrap_or_else(|| panic!("{name}: no Eventarc trigger for topic {topic}"));
            let text = hcl::to_string(event.body()).unwrap();
            assert!(
                text.contains(&format!("google_pubsub_topic.{topic}[0].id"))
                    && text.contains(&format!("google_workflows_workflow.{key}[0].id"))
                    && text.contains("google.cloud.pubsub.topic.v1.messagePublished")
                    && text.contains("google_service_account.trigger.email"),
                "{name}: {text}"
            );
            let flow = resource(
                &kit,
                "terraform/modules/",
                "google_workflows_workflow",
                &key,
            )
            .unwrap_or_else(|| panic!("{name}: no workflow {key}"));
            let text = hcl::to_string(flow.body()).unwrap();
            let reason = topic.as_str();
            assert!(
                text.contains("triggers/${google_cloudbuild_trigger.ct[0].trigger_id}:run")
                    && text.contains("OAuth2")
                    && text.contains(&format!("_RUN_REASON = \"{reason}\""))
                    && text.contains("google_service_account.trigger.id")
                    && text.contains("local.kms_key_id") == model.features.cmek,
                "{name}: {text}"
            );
        }
        let iam = &kit["terraform/modules/platform/iam.tf"];
        for role in ["roles/eventarc.eventReceiver", "roles/workflows.invoker"] {
            assert!(
                iam.contains(&format!(
                    "role    = \"{role}\"\n  member  = google_service_account.trigger.member"
                )),
                "{name}: trigger lacks {role}"
            );
        }
        for api in ["eventarc.googleapis.com", "workflows.googleapis.com"] {
            assert!(
                model.platform.perimeter_services.iter().any(|s| s == api),
                "{name}: {api}"
            );
            assert!(
                kit["terraform/modules/platform/apis.tf"].contains(api),
                "{name}: {api}"
            );
        }
    }
    assert!(
        via_workflows >= 3,
        "fintech, its online variant and the perimeter variant route through Workflows"
    );
}

#[test]
fn the_service_agent_script_creates_every_agent_a_key_grant_names() {
    for (name, kit) in all_variants() {
        // Every kit has the script (tests/integration/runtime.rs); here: the key grants' agents.
        let script = &kit["scripts/create-service-agents.sh"];
        let Some(kms) = kit.get("terraform/modules/platform/kms.tf") else {
            continue;
        };
        let mut agents = 0;
        for domain in kms.split("@gcp-sa-").skip(1) {
            let api = domain.split('.').next().unwrap();
            agents += 1;
            assert!(
                script.contains(&format!("  {api}.googleapis.com")),
                "{name}: the {api} agent has a key grant but the script does not create it"
            );
        }
        assert!(agents >= 3, "{name}");
    }
}

#[test]
fn a_private_endpoint_brings_the_cloud_dns_api() {
    // Vertex AI private endpoints (VPC peering) need dns.googleapis.com enabled besides Vertex AI.
    let mut private = 0;
    for (name, kit) in all_variants() {
        let peered = kit
            .get("terraform/modules/platform/vertex.tf")
            .is_some_and(|t| t.contains("network      = local.endpoint_network"));
        private += usize::from(peered);
        assert_eq!(
            kit["terraform/modules/platform/apis.tf"].contains("\"dns.googleapis.com\""),
            peered,
            "{name}"
        );
    }
    assert!(
        private >= 1,
        "a variant serves online from a private endpoint"
    );
}

#[test]
fn dataflow_preparation_gets_key_network_and_perimeter_access() {
    const DATAFLOW_AGENT: &str = "dataflow-service-producer-prod.iam.gserviceaccount.com";
    let kit = render(&dataflow_shared_vpc_cmek_perimeter());
    // CMEK: the Dataflow and Compute Engine agents use the key, and the script creates the Dataflow
    // agent and turns on the API that creates the Compute Engine one.
    for (label, domain) in [
        ("dataflow", DATAFLOW_AGENT),
        ("compute", "compute-system.iam.gserviceaccount.com"),
    ] {
        let grant = resource(
            &kit,
            "terraform/modules/platform/kms.tf",
            "google_kms_crypto_key_iam_member",
            label,
        )
        .unwrap_or_else(|| panic!("key grant to the {label} agent"));
        assert_eq!(
            attr_str(grant.body(), "role").as_deref(),
            Some("roles/cloudkms.cryptoKeyEncrypterDecrypter")
        );
        assert_eq!(
            attr(grant.body(), "member")
                .map(ToString::to_string)
                .as_deref(),
            Some(format!("\"serviceAccount:service-${{local.project_number}}@{domain}\"").as_str())
        );
    }
    let script = &kit["scripts/create-service-agents.sh"];
    assert!(
        script.contains("  dataflow.googleapis.com \\\n"),
        "{script}"
    );
    assert!(
        script.contains("gcloud services enable compute.googleapis.com --project \"$project\"")
    );
    // VPC Service Controls: the perimeter lets Dataflow and Compute Engine in.
    let readme = &kit["terraform/README.md"];
    for service in ["dataflow.googleapis.com", "compute.googleapis.com"] {
        assert!(readme.contains(&format!("- `{service}`")), "{service}");
    }
    // Shared VPC: the Dataflow agent and the worker account use the host project's network.
    let mut members = BTreeSet::new();
    for (kind, _, block) in resources(&kit, "terraform/bootstrap/access.tf") {
        let text = |key: &str| attr(block.body(), key).map(ToString::to_string);
        if kind == "google_project_iam_member"
            && text("role").as_deref() == Some("\"roles/compute.networkUser\"")
            && text("project").as_deref() == Some("\"acme-net-host\"")
        {
            members.insert(
                attr(block.body(), "member")
                    .map(|e| e.to_string().trim_matches('"').to_owned())
                    .unwrap_or_default(),
            );
        }
    }
    for env in ["dev", "prod"] {
        assert!(
            members.contains(&format!(
                "serviceAccount:service-${{data.google_project.network_{env}[0].number}}@{DATAFLOW_AGENT}"
            )),
            "{members:?}"
        );
        assert!(
            members.contains(&format!(
                "serviceAccount:stahlrhein-dataflow@stahlrhein-vision-{env}.iam.gserviceaccount.com"
            )),
            "{members:?}"
        );
    }
    // Without Dataflow none of it appears.
    let fintech = render(&example("fintech-regulated"));
    assert!(!fintech["terraform/modules/platform/kms.tf"].contains(DATAFLOW_AGENT));
    assert!(!fintech["terraform/README.md"].contains("- `dataflow.googleapis.com`"));
}

#[test]
fn new_data_retraining_fires_on_a_batch_marker_not_on_every_landed_file() {
    let kit = render(&example("industrial-onprem"));
    let note = resource(
        &kit,
        "terraform/modules/",
        "google_storage_notification",
        "new_data",
    )
    .expect("new data in the landing bucket starts retraining");
    assert_eq!(
        attr_str(note.body(), "object_name_prefix").as_deref(),
        Some("_ready/")
    );
    // The data load's instructions write exactly one marker under that prefix, in the training
    // environment's landing bucket, with the same command wherever the kit explains it.
    let command = "touch batch-complete\ngcloud storage cp batch-complete \"gs://stahlrhein-vision-prod-landing/_ready/$(date -u +%Y%m%dT%H%M%SZ)\"\n";
    for doc in ["README.md", "docs/operations.md"] {
        assert!(kit[doc].contains(command), "{doc}");
    }
    let readme = &kit["README.md"];
    let landing = readme.find("Land the training data").unwrap();
    let first_run = readme.find("First release and first pipeline run").unwrap();
    assert!(
        readme[landing..first_run].contains(command),
        "the landing step of the runbook says how to mark a complete batch"
    );
    assert!(readme.contains(
        "when the data load writes a batch marker under `gs://stahlrhein-vision-prod-landing/_ready/`"
    ));
    assert!(!readme.contains("when a file lands"));
    // Without a landing bucket there is no notification and no marker.
    let retail = render(&retail());
    assert!(!retail["docs/operations.md"].contains("_ready/"));
    assert!(!retail["README.md"].contains("_ready/"));
}

/// Names in backticks of a Markdown text.
fn code_names(text: &str) -> BTreeSet<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn docs_say_how_retraining_reaches_ct_inside_and_outside_a_perimeter() {
    let label_of = |kit: &Kit, kind: &str, name: &str| {
        resources(kit, "terraform/modules/")
            .into_iter()
            .find(|(k, _, b)| k == kind && attr_str(b.body(), "name").as_deref() == Some(name))
            .map(|(_, label, _)| label)
    };
    let inside = render(&vpc_sc_every_retraining_trigger());
    let readme = &inside["README.md"];
    let triggers = &readme[readme.find("| Trigger | Runs | Config |").unwrap()..];
    let triggers = &triggers[..triggers.find("\n\n").unwrap()];
    let routes = &readme[readme
        .find("| Retraining | Starts with | Reaches CT through |")
        .unwrap()..];
    let routes = &routes[..routes.find("\n\n").unwrap()];
    // Every Cloud Build trigger the README lists exists, and no workflow poses as one.
    for name in code_names(triggers)
        .into_iter()
        .filter(|n| n.starts_with("stahlrhein-"))
    {
        assert!(
            label_of(&inside, "google_cloudbuild_trigger", &name).is_some(),
            "README lists {name} as a Cloud Build trigger"
        );
    }
    assert!(!triggers.contains("ct-drift") && !triggers.contains("ct-new-data"));
    // Every route names the topic and workflow Terraform creates, for schedule, new data and drift.
    for (reason, workflow, topic) in [
        (
            "Schedule",
            "stahlrhein-ct-schedule",
            "stahlrhein-retraining-schedule",
        ),
        ("New data", "stahlrhein-ct-new-data", "stahlrhein-new-data"),
        ("Drift", "stahlrhein-ct-drift", "stahlrhein-drift-alerts"),
    ] {
        let row = routes
            .lines()
            .find(|l| l.starts_with(&format!("| {reason} |")))
            .unwrap_or_else(|| panic!("{reason} row"));
        assert!(row.contains(&format!(
            "Eventarc trigger starts the workflow `{workflow}`"
        )));
        assert!(label_of(&inside, "google_workflows_workflow", workflow).is_some());
        assert!(row.contains(&format!("the topic `{topic}`")));
        assert!(
            label_of(&inside, "google_pubsub_topic", topic).is_some(),
            "{topic}"
        );
        assert!(
            label_of(&inside, "google_eventarc_trigger", workflow).is_some(),
            "{workflow}"
        );
        for doc in ["docs/architecture.md", "docs/security.md"] {
            assert!(
                inside[doc].contains(&format!("starts the workflow `{workflow}`")),
                "{doc}: {workflow}"
            );
        }
    }
    assert!(
        inside["docs/security.md"].contains(
            "so automatic retraining reaches the CT trigger through Eventarc and Workflows"
        )
    );
    // CMEK coverage names the schedule topic and the workflows.
    assert!(inside["docs/security.md"].contains(
        "the retraining Pub/Sub topics `stahlrhein-new-data`, `stahlrhein-drift-alerts`, `stahlrhein-retraining-schedule`; the retraining workflows `stahlrhein-ct-schedule`, `stahlrhein-ct-new-data`, `stahlrhein-ct-drift` (Workflows)"
    ));
    // Outside a perimeter Cloud Build's own triggers start retraining, and the docs say that.
    let outside = render(&every_retraining_trigger());
    let readme = &outside["README.md"];
    assert!(!readme.contains("| Retraining | Starts with |"));
    for name in ["stahlrhein-ct-new-data", "stahlrhein-ct-drift"] {
        assert!(readme.contains(&format!("| `{name}` |")), "{name}");
        assert!(label_of(&outside, "google_cloudbuild_trigger", name).is_some());
        assert!(
            outside["docs/architecture.md"]
                .contains(&format!("whose Cloud Build Pub/Sub trigger `{name}`"))
        );
    }
    assert!(!outside["docs/security.md"].contains("Eventarc"));
    assert!(!outside["docs/architecture.md"].contains("Eventarc"));
}

#[test]
fn kit_authored_markdown_reaches_the_readme_unescaped() {
    // The repository-connection steps are the kit's own Markdown: their code spans stay code spans,
    // while client text elsewhere in the README stays escaped.
    for (name, kit) in all_variants() {
        let readme = &kit["README.md"];
        assert!(
            readme.contains("Set `enable_repository_connection = true`"),
            "{name}"
        );
        assert!(!readme.contains("\\`"), "{name}: an escaped code span");
        for doc in [
            "docs/architecture.md",
            "docs/security.md",
            "docs/operations.md",
        ] {
            assert!(!kit[doc].contains("\\`"), "{name}: {doc}");
        }
    }
    let github = render(&hosts()[0].1);
    assert!(github["README.md"].contains(
        "Add a version to the `lojarapida-github-oauth-token` secret with a personal access token"
    ));
    let hostile = render(&hostile());
    assert!(hostile["README.md"].contains("\\|pipe\\| &lt;b&gt;"));
}
