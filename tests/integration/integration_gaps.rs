//! Where the workload (pipeline specs, kit Python) meets the platform (Terraform, Cloud Build, CD
//! and CT scripts): each test follows one value across that seam, in the files as generated.
//!
//! - The batch drift-monitoring pipeline is scheduled, from the template CD publishes.
//! - Continuous training creates the online endpoint's Model Monitoring job with the CLI's real flags.
//! - Vertex AI networks are named by project number wherever the kit passes one.
//! - The pipeline account has what a Cloud SQL export and Dataflow preparation need, and no more.
//! - CT runs only published templates, whose image references CD pins.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use hcl::{Block, Body, Expression};
use mlops_kit::questionnaire::{DataSource, DataVolume, NetworkMode, Questionnaire};
use serde_json::Value;

use super::common::{example, render};
use super::platform::Kit;

fn tf(kit: &Kit, path: &str) -> Body {
    let text = kit
        .get(path)
        .unwrap_or_else(|| panic!("{path} is generated"));
    hcl::parse(text).unwrap_or_else(|e| panic!("{path} parses: {e}"))
}

/// Every block with this identifier and these leading labels, in all `.tf` files under `prefix`.
fn blocks(kit: &Kit, prefix: &str, identifier: &str, labels: &[&str]) -> Vec<Block> {
    kit.iter()
        .filter(|(p, _)| {
            p.starts_with(prefix)
                && std::path::Path::new(p)
                    .extension()
                    .is_some_and(|e| e == "tf")
        })
        .flat_map(|(p, _)| tf(kit, p).into_blocks())
        .filter(|b| {
            b.identifier() == identifier
                && b.labels().len() >= labels.len()
                && b.labels()
                    .iter()
                    .zip(labels)
                    .all(|(l, want)| l.as_str() == *want)
        })
        .collect()
}

fn attr<'a>(body: &'a Body, key: &str) -> Option<&'a Expression> {
    body.attributes()
        .find(|a| a.key() == key)
        .map(hcl::Attribute::expr)
}

/// An attribute's expression as HCL text (a string literal or template without its quotes).
fn attr_text(body: &Body, key: &str) -> Option<String> {
    attr(body, key).map(|e| match e {
        Expression::String(s) => s.clone(),
        other => {
            let text = other.to_string();
            match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                Some(inner) => inner.to_owned(),
                None => text,
            }
        }
    })
}

fn block<'a>(body: &'a Body, identifier: &str) -> Option<&'a Body> {
    body.blocks()
        .find(|b| b.identifier() == identifier)
        .map(Block::body)
}

fn yaml(kit: &Kit, path: &str) -> Value {
    let text = kit
        .get(path)
        .unwrap_or_else(|| panic!("{path} is generated"));
    mlops_kit::questionnaire::load::parse_tree(path, text)
        .unwrap_or_else(|e| panic!("{path} is not YAML:\n{e}"))
        .0
}

fn resolve(q: &Questionnaire) -> mlops_kit::kit::Kit {
    mlops_kit::kit::resolve(q)
}

/// The object literal assigned to `key` in the `module "platform"` block of an environment root.
fn module_argument_object(kit: &Kit, env: &str, key: &str) -> Option<BTreeMap<String, String>> {
    let root = tf(kit, &format!("terraform/environments/{env}/main.tf"));
    let module = root
        .blocks()
        .find(|b| b.identifier() == "module")
        .expect("the root calls the platform module");
    match attr(module.body(), key)? {
        Expression::Object(o) => Some(
            o.iter()
                .map(|(k, v)| {
                    let key = match k {
                        hcl::ObjectKey::Identifier(i) => i.to_string(),
                        hcl::ObjectKey::Expression(Expression::String(s)) => s.clone(),
                        other => panic!("unexpected key {other:?}"),
                    };
                    let value = match v {
                        Expression::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (key, value)
                })
                .collect(),
        ),
        other => panic!("{key} is not an object literal: {other}"),
    }
}

// ---------------------------------------------------------------------------------------------------
// 1. the batch drift-monitoring pipeline is scheduled

#[test]
fn batch_drift_monitoring_is_scheduled_from_the_template_cd_publishes() {
    let q = example("fintech-regulated");
    let model = resolve(&q);
    assert!(model.features.batch_drift_monitoring);
    let kit = render(&q);
    let schedules = blocks(
        &kit,
        "terraform/modules/platform/",
        "resource",
        &["google_colab_schedule"],
    );
    assert_eq!(
        schedules.len(),
        1,
        "one schedule of the monitoring pipeline"
    );
    let schedule = schedules[0].body();

    // When: the answered monitoring frequency, only where retraining automation runs (the training
    // environment) and once the template exists there.
    assert_eq!(
        attr_text(schedule, "cron").as_deref(),
        Some(model.monitoring.cron.as_str())
    );
    let count = attr_text(schedule, "count").unwrap();
    assert!(
        count.contains("var.enable_retraining_automation")
            && count.contains("var.enable_monitoring_schedule"),
        "{count}"
    );
    let roots: Vec<(String, bool)> = model
        .environments
        .iter()
        .map(|e| {
            let main = &kit[&format!("terraform/environments/{}/main.tf", e.name)];
            (
                e.name.clone(),
                main.contains("enable_retraining_automation = true"),
            )
        })
        .collect();
    assert_eq!(
        roots
            .iter()
            .filter(|(_, on)| *on)
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>(),
        vec![model.training_environment.as_str()]
    );

    // What: the monitoring template CD publishes, at the tag CD moves on every release.
    let job = block(
        block(schedule, "create_pipeline_job_request").expect("a pipeline job request"),
        "pipeline_job",
    )
    .expect("a pipeline job");
    let spec = yaml(&kit, "pipelines/monitoring_pipeline.yaml");
    let package = spec["pipelineInfo"]["name"].as_str().unwrap();
    let cd = yaml(&kit, "cloudbuild/cd.yaml");
    let templates_step = cd["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "templates")
        .expect("CD has a templates step");
    let cd_tag = templates_step["env"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .find_map(|e| e.strip_prefix("TEMPLATE_TAG="))
        .expect("CD tags the templates");
    assert_eq!(
        attr_text(job, "template_uri").as_deref(),
        Some(format!("${{local.kfp_registry}}/{package}/{cd_tag}").as_str())
    );
    // CD publishes every compiled spec under pipelines/, so the monitoring one too.
    let publish = &kit["scripts/cd-templates.sh"];
    assert!(publish.contains(r#"glob.glob("pipelines/*.yaml")"#));
    assert!(kit.contains_key("pipelines/monitoring_pipeline.yaml"));

    // How: as the pipeline account, with CMEK and the peered network of the platform.
    assert_eq!(
        attr_text(job, "service_account").as_deref(),
        Some("google_service_account.pipeline.email")
    );
    assert_eq!(
        model.platform.kms.is_some(),
        block(job, "encryption_spec").is_some()
    );
    assert_eq!(
        model.platform.network.is_some(),
        attr_text(job, "network").as_deref() == Some("local.endpoint_network")
    );
    // The pipeline account can read the template it runs.
    assert!(
        blocks(
            &kit,
            "terraform/modules/platform/",
            "resource",
            &["google_artifact_registry_repository_iam_member"],
        )
        .iter()
        .any(|b| {
            attr_text(b.body(), "repository").as_deref()
                == Some("google_artifact_registry_repository.kfp.name")
                && attr_text(b.body(), "member").as_deref()
                    == Some("google_service_account.pipeline.member")
                && attr_text(b.body(), "role").as_deref() == Some("roles/artifactregistry.reader")
        })
    );
    let runtime = block(job, "runtime_config").expect("runtime config");
    assert_eq!(
        attr_text(runtime, "parameter_values").as_deref(),
        Some("var.monitoring_pipeline_parameters")
    );

    // With: the model's values of every parameter the spec declares, as strings (the resource
    // passes parameter values as a map of strings, so the spec declares STRING parameters).
    let declared: BTreeMap<String, String> = spec["root"]["inputDefinitions"]["parameters"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v["parameterType"].as_str().unwrap().to_owned()))
        .collect();
    assert!(
        declared.values().all(|t| t == "STRING"),
        "the schedule can only pass strings: {declared:?}"
    );
    for env in &model.environments {
        let passed = module_argument_object(&kit, &env.name, "monitoring_pipeline_parameters");
        if env.name == model.training_environment {
            let passed = passed.expect("the training environment passes the values");
            let expected: BTreeMap<String, String> = env.pipeline_values["monitoring"]
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect();
            assert_eq!(passed, expected, "{}", env.name);
            assert_eq!(
                passed.keys().collect::<BTreeSet<_>>(),
                declared.keys().collect::<BTreeSet<_>>()
            );
        } else {
            assert!(passed.is_none(), "{} has no schedule", env.name);
        }
    }
    let variable = blocks(
        &kit,
        "terraform/modules/platform/",
        "variable",
        &["monitoring_pipeline_parameters"],
    );
    assert_eq!(
        attr_text(variable[0].body(), "type").as_deref(),
        Some("map(string)")
    );
}

#[test]
fn kits_without_batch_drift_monitoring_have_no_schedule() {
    let q = example("retail-startup");
    assert!(!resolve(&q).features.batch_drift_monitoring);
    let kit = render(&q);
    assert!(!kit.contains_key("terraform/modules/platform/schedules.tf"));
    assert!(
        !kit.values()
            .any(|t| t.contains("enable_monitoring_schedule"))
    );
}

// ---------------------------------------------------------------------------------------------------
// 2. the online endpoint's Model Monitoring job

/// Long flags (`--x`) a kit Python module's argument parser accepts.
fn parser_flags(source: &str) -> BTreeSet<String> {
    source
        .match_indices("add_argument(")
        .filter_map(|(i, _)| {
            let rest = &source[i..];
            let start = rest.find("\"--")? + 1;
            let end = start + rest[start..].find('"')?;
            Some(rest[start..end].to_owned())
        })
        .collect()
}

/// Long flags given to `python -m ml_pipeline.<module>` in a shell script.
fn invocation_flags(script: &str, module: &str) -> BTreeSet<String> {
    let call = format!("python -m ml_pipeline.{module}");
    let start = script
        .find(&call)
        .unwrap_or_else(|| panic!("the script runs {call}"));
    let mut text = String::new();
    for line in script[start..].lines() {
        text.push_str(line.trim_end_matches('\\'));
        if !line.ends_with('\\') {
            break;
        }
    }
    text.split_whitespace()
        .filter(|w| w.starts_with("--"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn continuous_training_creates_the_endpoint_monitoring_job_after_deploying() {
    let q = example("retail-startup");
    let model = resolve(&q);
    assert!(model.features.model_monitoring && model.features.online_serving);
    let kit = render(&q);

    // CT's training step is told where the job's config is, and the config is in the kit.
    let ct = yaml(&kit, "cloudbuild/ct.yaml");
    let steps = ct["steps"].as_array().unwrap();
    let train = steps.iter().find(|s| s["id"] == "train").unwrap();
    let env: Vec<&str> = train["env"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let config = env
        .iter()
        .find_map(|e| e.strip_prefix("MONITORING_CONFIG="))
        .expect("CT passes the monitoring config");
    assert!(kit.contains_key(config), "{config}");

    // The script creates the job after the run succeeded (the pipeline deploys the model), with the
    // flags the module really has, and every value it reads comes from the step's environment.
    let script = &kit["scripts/ct-run.sh"];
    let wait = script.find("job.wait()").expect("the run is awaited");
    let call = script
        .find("python -m ml_pipeline.monitoring_job")
        .expect("CT runs the monitoring job module");
    assert!(
        wait < call,
        "the monitoring job is created after the run succeeded"
    );
    let module = &kit["src/ml_pipeline/monitoring_job.py"];
    let accepted = parser_flags(module);
    let used = invocation_flags(script, "monitoring_job");
    assert!(
        used.is_subset(&accepted),
        "flags {used:?}, accepted {accepted:?}"
    );
    for required in ["--config", "--project-id", "--region"] {
        assert!(used.contains(required), "{required}");
    }
    for var in ["MONITORING_CONFIG", "PROJECT_ID", "REGION", "KMS_KEY"] {
        assert!(
            env.iter().any(|e| e.starts_with(&format!("{var}="))),
            "{var} is not set for the CT step"
        );
    }
    // Every user substitution the config uses is declared, and every declared one is used.
    let declared: BTreeSet<String> = ct["substitutions"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let text = &kit["cloudbuild/ct.yaml"];
    let used: BTreeSet<String> = text
        .match_indices("${_")
        .map(|(i, _)| {
            let rest = &text[i + 2..];
            rest[..rest.find('}').unwrap()].to_owned()
        })
        .collect();
    assert_eq!(used, declared);

    // Kits without Model Monitoring never run it.
    let batch = render(&example("fintech-regulated"));
    assert!(!batch["cloudbuild/ct.yaml"].contains("MONITORING_CONFIG"));
}

#[test]
fn the_monitoring_job_module_is_idempotent() {
    let q = example("retail-startup");
    let kit = render(&q);
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("ml_pipeline");
    std::fs::create_dir_all(&package).unwrap();
    for name in ["__init__.py", "monitoring_job.py"] {
        std::fs::write(package.join(name), &kit[&format!("src/ml_pipeline/{name}")]).unwrap();
    }
    // Before any deployment it does nothing; it replaces the job only when the deployed models
    // differ from the ones the single existing job watches.
    let program = r#"
from ml_pipeline.monitoring_job import needs_new_job
assert needs_new_job({"1"}, [])
assert not needs_new_job({"1", "2"}, [{"1", "2"}])
assert needs_new_job({"1", "3"}, [{"1", "2"}])
assert needs_new_job({"1"}, [{"1"}, {"1"}])
print("ok")
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(program)
        .current_dir(dir.path())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let module = &kit["src/ml_pipeline/monitoring_job.py"];
    let skip = module
        .find("if not deployed:")
        .expect("no model deployed: nothing to monitor");
    let delete = module.find(".delete()").unwrap();
    assert!(
        skip < delete,
        "nothing is deleted before a model is deployed"
    );
}

// ---------------------------------------------------------------------------------------------------
// 5. CT runs only published templates

#[test]
fn continuous_training_runs_only_templates_whose_images_cd_pinned() {
    let q = example("fintech-regulated");
    let kit = render(&q);
    let script = &kit["scripts/ct-run.sh"];
    // No fallback to the repository's spec: its image tag is a placeholder no registry holds.
    assert!(
        !script.contains(r#"template = env["PIPELINE_FILE"]"#),
        "CT must not run the repository spec"
    );
    assert!(script.contains("raise SystemExit("));
    assert!(script.contains("run the CD trigger"));
    let readme = &kit["README.md"];
    assert!(
        readme.contains("CT never runs `pipelines/training_pipeline.yaml` from the repository")
    );

    // Every image reference of every spec is one CD's pinning pattern rewrites, so no published
    // template keeps the placeholder tag.
    let publish = &kit["scripts/cd-templates.sh"];
    let pattern_line = publish
        .lines()
        .find(|l| l.starts_with("image_ref = re.compile("))
        .expect("CD pins images with a pattern");
    let model = resolve(&q);
    let mut specs = String::new();
    for path in kit.keys().filter(|p| {
        p.starts_with("pipelines/")
            && std::path::Path::new(p)
                .extension()
                .is_some_and(|e| e == "yaml")
    }) {
        specs.push_str(&kit[path]);
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("specs.yaml"), &specs).unwrap();
    let placeholder = format!(":{}", mlops_kit::kit::workload::IMAGE_TAG);
    let program = format!(
        "import re\n{pattern_line}\ntext = open('specs.yaml').read()\npinned = image_ref.sub(lambda m: m.group(1) + '@PINNED', text)\nleft = [l for l in pinned.splitlines() if '-docker.pkg.dev/' in l and '{placeholder}' in l]\nassert not left, left\nassert '@PINNED' in pinned\nprint('ok')\n"
    );
    let out = Command::new("python3")
        .arg("-c")
        .arg(&program)
        .current_dir(dir.path())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(specs.contains(&model.workload.trainer_image_ref));
}

// ---------------------------------------------------------------------------------------------------
// 3. Vertex AI networks are named by project number

fn private_network(vpc: Option<&str>) -> Questionnaire {
    let mut q = example("retail-startup");
    q.gcp.network.mode = NetworkMode::Private;
    q.gcp.network.vpc = vpc.map(str::to_owned);
    q
}

fn shared_vpc() -> Questionnaire {
    let mut q = example("retail-startup");
    q.gcp.network.mode = NetworkMode::SharedVpc;
    q.gcp.network.vpc = Some("corp-shared".to_owned());
    q.gcp.network.host_project_id = Some("corp-net-host".to_owned());
    q
}

#[test]
fn every_network_vertex_ai_receives_is_named_by_project_number() {
    for (name, q, host) in [
        ("private, created VPC", private_network(None), None),
        (
            "private, answered VPC",
            private_network(Some("corp-vpc")),
            None,
        ),
        ("shared VPC", shared_vpc(), Some("corp-net-host")),
    ] {
        let model = resolve(&q);
        let kit = render(&q);
        let network = model.platform.network.as_ref().expect("a network plan");

        // The one definition: projects/NUMBER/global/networks/NAME, NUMBER from a google_project
        // data source of the project that holds the network.
        let locals = blocks(&kit, "terraform/modules/platform/", "locals", &[]);
        let endpoint_network = locals
            .iter()
            .find_map(|l| attr_text(l.body(), "endpoint_network"))
            .unwrap_or_else(|| panic!("{name}: endpoint_network is defined"));
        assert!(
            endpoint_network.starts_with("projects/${")
                && endpoint_network.contains("}/global/networks/${"),
            "{name}: {endpoint_network}"
        );
        if let Some(host) = host {
            let data = blocks(
                &kit,
                "terraform/modules/platform/",
                "data",
                &["google_project", "network_host"],
            );
            assert_eq!(
                attr_text(data[0].body(), "project_id").as_deref(),
                Some(host),
                "{name}"
            );
            assert!(endpoint_network.contains("data.google_project.network_host.number"));
        } else {
            assert!(
                endpoint_network.starts_with("projects/${local.project_number}/"),
                "{name}: {endpoint_network}"
            );
            let project_number = locals
                .iter()
                .find_map(|l| attr_text(l.body(), "project_number"))
                .expect("project_number is defined");
            assert_eq!(project_number, "data.google_project.main.number");
        }
        assert_eq!(network.host_project_id.as_deref(), host, "{name}");

        // Continuous training: the run's network and the pipeline's `network` parameter (the
        // training job's peering) both come from it; no root passes a network named by project id.
        let build = blocks(&kit, "terraform/modules/platform/", "locals", &[])
            .into_iter()
            .find_map(|l| {
                let body = l.body();
                attr(body, "ct_substitutions").map(ToString::to_string)
            })
            .expect("CT substitutions");
        assert!(
            build.contains("_NETWORK") && build.contains("local.endpoint_network"),
            "{name}: {build}"
        );
        let values = build
            .lines()
            .find(|l| l.contains("_PARAMETER_VALUES"))
            .unwrap();
        assert!(
            values.contains("network = local.endpoint_network"),
            "{name}: {values}"
        );
        for env in &model.environments {
            let params =
                module_argument_object(&kit, &env.name, "pipeline_parameters").unwrap_or_default();
            assert!(
                !params.contains_key("network"),
                "{name} {}: the root must not name the network by project id",
                env.name
            );
            assert!(
                !kit[&format!("terraform/environments/{}/main.tf", env.name)]
                    .contains("/global/networks/"),
                "{name} {}",
                env.name
            );
        }
        // The README's parameter table says so instead of showing a network named by project id.
        let row = kit["README.md"]
            .lines()
            .find(|l| l.starts_with("| `network` |"))
            .expect("the README lists the network parameter");
        assert!(
            row.contains("named by project number") && !row.contains("projects/"),
            "{name}: {row}"
        );
        // The endpoint Terraform creates peers with the same network.
        let endpoint = blocks(
            &kit,
            "terraform/modules/platform/",
            "resource",
            &["google_vertex_ai_endpoint", "main"],
        );
        assert_eq!(
            attr_text(endpoint[0].body(), "network").as_deref(),
            Some("local.endpoint_network"),
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------------------------------
// 4. grants of data preparation

fn project_roles(kit: &Kit, member: &str) -> BTreeSet<String> {
    blocks(
        kit,
        "terraform/modules/platform/",
        "resource",
        &["google_project_iam_member"],
    )
    .iter()
    .filter(|b| attr_text(b.body(), "member").as_deref() == Some(member))
    .filter_map(|b| attr_text(b.body(), "role"))
    .collect()
}

fn bucket_roles(kit: &Kit, member: &str) -> BTreeSet<(String, String)> {
    blocks(
        kit,
        "terraform/modules/platform/",
        "resource",
        &["google_storage_bucket_iam_member"],
    )
    .iter()
    .filter(|b| attr_text(b.body(), "member").as_deref() == Some(member))
    .filter_map(|b| Some((attr_text(b.body(), "bucket")?, attr_text(b.body(), "role")?)))
    .collect()
}

#[test]
fn a_cloud_sql_source_can_be_exported_into_the_artifacts_bucket() {
    let mut q = example("retail-startup");
    q.data.sources = vec![DataSource::CloudSql {
        project_id: "acme-core".to_owned(),
        instance: "core-pg".to_owned(),
        database: "crm".to_owned(),
        table: "subscribers".to_owned(),
    }];
    let model = resolve(&q);
    let kit = render(&q);
    assert!(
        model
            .platform
            .apis
            .contains(&"sqladmin.googleapis.com".to_owned())
    );

    // The pipeline accounts start the export and poll it: exactly cloudsql.instances.export and
    // .get, a custom role in the source project (no instance-level IAM; Cloud SQL Editor, the
    // narrowest predefined role with export, can also change and delete instances).
    let role = blocks(
        &kit,
        "terraform/bootstrap/",
        "resource",
        &["google_project_iam_custom_role", "source_1_cloudsql"],
    );
    assert!(
        kit["terraform/bootstrap/access.tf"]
            .contains("permissions = [\"cloudsql.instances.export\", \"cloudsql.instances.get\"]"),
        "the export role holds exactly the export path's permissions"
    );
    assert_eq!(
        attr_text(role[0].body(), "project").as_deref(),
        Some("acme-core")
    );
    let grant = blocks(
        &kit,
        "terraform/bootstrap/",
        "resource",
        &["google_project_iam_member", "source_1_cloudsql"],
    );
    assert_eq!(
        attr_text(grant[0].body(), "role").as_deref(),
        Some("google_project_iam_custom_role.source_1_cloudsql[0].id")
    );
    assert_eq!(
        attr_text(grant[0].body(), "project").as_deref(),
        Some("acme-core")
    );

    // The instance's own account writes the export where the extract step points it: the
    // `--temp-bucket` of the spec is the `artifacts_bucket` parameter, each environment's bucket.
    let spec = yaml(&kit, "pipelines/training_pipeline.yaml");
    let args: Vec<&str> = spec["deploymentSpec"]["executors"]["exec-extract"]["container"]["args"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let temp = args[args.iter().position(|a| *a == "--temp-bucket").unwrap() + 1];
    assert!(temp.contains("artifacts_bucket"), "{temp}");
    let instance = blocks(
        &kit,
        "terraform/bootstrap/",
        "data",
        &["google_sql_database_instance", "source_1_cloudsql"],
    );
    assert_eq!(
        attr_text(instance[0].body(), "name").as_deref(),
        Some("core-pg")
    );
    assert_eq!(
        attr_text(instance[0].body(), "project").as_deref(),
        Some("acme-core")
    );
    for env in &model.environments {
        assert_eq!(
            env.pipeline_values["training"]["artifacts_bucket"],
            env.buckets.artifacts.as_str()
        );
        let label = format!("source_1_cloudsql_export_{}", env.name);
        let write = blocks(
            &kit,
            "terraform/bootstrap/",
            "resource",
            &["google_storage_bucket_iam_member", &label],
        );
        let body = write
            .first()
            .unwrap_or_else(|| panic!("{label} is granted"))
            .body();
        assert_eq!(
            attr_text(body, "bucket").as_deref(),
            Some(env.buckets.artifacts.as_str())
        );
        assert_eq!(
            attr_text(body, "role").as_deref(),
            Some("roles/storage.objectCreator")
        );
        assert_eq!(
            attr_text(body, "member").as_deref(),
            Some(
                "serviceAccount:${data.google_sql_database_instance.source_1_cloudsql[0].service_account_email_address}"
            )
        );
    }

    // Without a Cloud SQL source: neither.
    let kit = render(&example("retail-startup"));
    assert!(!kit["terraform/bootstrap/access.tf"].contains("google_sql_database_instance"));
    assert!(!kit.values().any(|t| t.contains("roles/cloudsql.editor")));
}

#[test]
fn dataflow_preparation_runs_as_its_own_worker_account() {
    let mut q = example("retail-startup");
    q.data.volume = DataVolume::From1tbTo10tb;
    q.data.sources = vec![DataSource::CloudStorage {
        bucket: "acme-raw".to_owned(),
        prefix: "events/".to_owned(),
        format: Some(mlops_kit::questionnaire::FileFormat::Parquet),
    }];
    let model = resolve(&q);
    assert_eq!(model.model.data_preparation, "dataflow");
    let kit = render(&q);
    assert!(
        model
            .platform
            .apis
            .contains(&"dataflow.googleapis.com".to_owned())
    );

    let accounts = blocks(
        &kit,
        "terraform/modules/platform/",
        "resource",
        &["google_service_account", "dataflow"],
    );
    let account_id = attr_text(accounts[0].body(), "account_id").unwrap();
    let worker = "google_service_account.dataflow.member";
    let pipeline = "google_service_account.pipeline.member";
    assert!(project_roles(&kit, pipeline).contains("roles/dataflow.developer"));
    assert_eq!(
        project_roles(&kit, worker),
        BTreeSet::from(["roles/dataflow.worker".to_owned()])
    );
    let buckets = bucket_roles(&kit, worker);
    for bucket in ["pipeline_root", "artifacts"] {
        assert!(
            buckets.contains(&(
                format!("google_storage_bucket.{bucket}.name"),
                "roles/storage.objectAdmin".to_owned()
            )),
            "{bucket}: {buckets:?}"
        );
    }
    // Dataflow jobs are project resources: checkov's impersonation check is waived with the reason
    // (jobs run as the worker account only through actAs on that one account, below).
    let iam = &kit["terraform/modules/platform/iam.tf"];
    let developer = iam
        .find("\"pipeline_dataflow_developer\"")
        .expect("the developer grant");
    let waiver = &iam[developer..];
    assert!(
        waiver[..waiver.find('}').unwrap()]
            .contains("#checkov:skip=CKV_GCP_49:Dataflow jobs have no IAM scope below the project"),
        "the waiver says why"
    );
    // The pipeline account launches jobs as the worker account: "act as" on that account only.
    let act_as = blocks(
        &kit,
        "terraform/modules/platform/",
        "resource",
        &["google_service_account_iam_member"],
    );
    assert!(act_as.iter().any(|b| {
        attr_text(b.body(), "service_account_id").as_deref()
            == Some("google_service_account.dataflow.name")
            && attr_text(b.body(), "member").as_deref() == Some(pipeline)
            && attr_text(b.body(), "role").as_deref() == Some("roles/iam.serviceAccountUser")
    }));
    // Workers read the source where it lives, like the pipeline accounts of the environments
    // that may read it (with personal data, production only).
    for env in &model.environments {
        let member = format!(
            "serviceAccount:{account_id}@{}.iam.gserviceaccount.com",
            env.project_id
        );
        let reads = mlops_kit::kit::platform::reads_production_data(&model, env);
        let granted = model
            .platform
            .source_grants
            .iter()
            .any(|g| g.members.contains(&member))
            || model
                .platform
                .masked_training
                .as_ref()
                .is_some_and(|m| m.members.contains(&member));
        assert!(
            granted || !reads || model.platform.source_grants.is_empty(),
            "{member}"
        );
        if granted {
            assert!(kit["terraform/bootstrap/access.tf"].contains(&member));
        }
    }

    // The extract step names that account, in the pipeline's own project, to Dataflow.
    let spec = yaml(&kit, "pipelines/training_pipeline.yaml");
    let args: Vec<&str> = spec["deploymentSpec"]["executors"]["exec-extract"]["container"]["args"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let at = args
        .iter()
        .position(|a| *a == "--dataflow-service-account-id")
        .expect("extract gets the worker account");
    assert_eq!(args[at + 1], account_id);
    assert!(
        parser_flags(&kit["src/ml_pipeline/extract.py"]).contains("--dataflow-service-account-id")
    );
    let beam = &kit["src/ml_pipeline/prepare_beam.py"];
    assert!(beam.contains("service_account_email=service_account_email"));

    // No project-level impersonation or primitive roles for anyone.
    for b in blocks(
        &kit,
        "terraform/",
        "resource",
        &["google_project_iam_member"],
    ) {
        let role = attr_text(b.body(), "role").unwrap_or_default();
        assert!(
            !role.contains("serviceAccountUser")
                && !role.contains("serviceAccountTokenCreator")
                && !matches!(
                    role.as_str(),
                    "roles/owner" | "roles/editor" | "roles/viewer"
                ),
            "{role}"
        );
    }

    // Data prepared elsewhere: no Dataflow account, API or roles.
    let kit = render(&example("retail-startup"));
    for absent in [
        "google_service_account\" \"dataflow",
        "dataflow.googleapis.com",
        "roles/dataflow.",
        "--dataflow-service-account-id\n",
    ] {
        assert!(
            !kit.iter().any(|(p, t)| !p.starts_with(".mlops-kit/")
                && p != "src/ml_pipeline/extract.py"
                && t.contains(absent)),
            "{absent}"
        );
    }
}
