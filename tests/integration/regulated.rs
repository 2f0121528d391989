//! What a regulated client's platform team blocks in review (issue 18), checked on the rendered
//! Terraform of every matrix questionnaire and embedded example, each also with personal data in
//! three environments plus a second, unused source, and with an answered admin project:
//! - state isolation: each environment's state in its own bucket of the admin project, reachable
//!   only by that environment's accounts;
//! - no escalation path: no identity can grant a role outside an allow-list;
//! - no production personal data outside production;
//! - no unused grants: no access to a source the pipeline never reads.

use std::collections::{BTreeMap, BTreeSet};

use hcl::{Block, Body, Expression};
use mlops_kit::kit::{Kit as Model, resolve};
use mlops_kit::questionnaire::{
    DataSource, Environment, EnvironmentName, Questionnaire, Sensitivity,
};

use super::common::render;
use super::conformance_matrix::matrix;

type Files = BTreeMap<String, String>;

/// Roles whose holder can grant roles (set IAM policies on a project, folder, organization or
/// service account, or define what a role contains). A grant of one is an escalation path unless
/// an IAM Condition limits what it can grant.
const IAM_GRANTING: &[&str] = &[
    "roles/owner",
    "roles/editor",
    "roles/resourcemanager.projectIamAdmin",
    "roles/resourcemanager.folderAdmin",
    "roles/resourcemanager.folderIamAdmin",
    "roles/resourcemanager.organizationAdmin",
    "roles/iam.securityAdmin",
    "roles/iam.roleAdmin",
    "roles/iam.organizationRoleAdmin",
    "roles/iam.serviceAccountAdmin",
];

/// IAM-granting roles no kit identity may hold at all, conditioned or not: Role Administrator
/// can put any permission into a role the identity may grant, and the others are basic or
/// unconditionally universal.
const NEVER: &[&str] = &[
    "roles/owner",
    "roles/editor",
    "roles/iam.securityAdmin",
    "roles/iam.roleAdmin",
    "roles/iam.organizationRoleAdmin",
    "roles/resourcemanager.organizationAdmin",
];

/// The roles an IAM-granting grant of the kit may hand out: none of them grants roles.
const ALLOW_LIST: &[&str] = &[
    "roles/aiplatform.user",
    "roles/bigquery.jobUser",
    "roles/browser",
    "roles/cloudbuild.workerPoolUser",
    "roles/compute.networkViewer",
    "roles/dataflow.developer",
    "roles/dataflow.worker",
    "roles/dlp.deidentifyTemplatesReader",
    "roles/dlp.user",
    "roles/eventarc.eventReceiver",
    "roles/iam.serviceAccountTokenCreator",
    "roles/iam.serviceAccountUser",
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/workflows.invoker",
];

fn personal_three_environments(mut q: Questionnaire) -> Questionnaire {
    q.data.sensitivity = Sensitivity::Personal;
    let slug = q.client.slug.clone();
    q.gcp.environments = [
        (EnvironmentName::Dev, "dev"),
        (EnvironmentName::Staging, "stg"),
        (EnvironmentName::Prod, "prod"),
    ]
    .into_iter()
    .map(|(name, suffix)| Environment {
        name,
        project_id: format!("{slug}-ml-{suffix}"),
    })
    .collect();
    // A second source the pipeline never reads: it must get no grant.
    q.data.sources.push(DataSource::CloudSql {
        project_id: "unused-core-project".into(),
        instance: "unused-instance".into(),
        database: "unused_db".into(),
        table: "unused_table".into(),
    });
    q
}

fn named_admin_project(mut q: Questionnaire) -> Questionnaire {
    q.gcp.admin_project_id = Some(format!("{}-tf-admin", q.client.slug));
    q
}

/// Every questionnaire of the matrix, as answered and in the two regulated variants.
fn kits() -> Vec<(String, Questionnaire, Model, Files)> {
    let mut out = Vec::new();
    for (name, q) in matrix() {
        for (variant, q) in [
            ("", q.clone()),
            (
                " (personal, three environments)",
                personal_three_environments(q.clone()),
            ),
            (" (named admin project)", named_admin_project(q)),
        ] {
            let model = resolve(&q);
            let files = render(&q);
            out.push((format!("{name}{variant}"), q, model, files));
        }
    }
    out
}

fn blocks(files: &Files, prefix: &str, identifier: &str) -> Vec<(String, Block)> {
    let mut out = Vec::new();
    for (path, text) in files.iter().filter(|(p, _)| {
        p.starts_with(prefix)
            && std::path::Path::new(p.as_str())
                .extension()
                .is_some_and(|e| e == "tf")
    }) {
        let body = hcl::parse(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        for b in body.into_blocks().filter(|b| b.identifier() == identifier) {
            out.push((path.clone(), b));
        }
    }
    out
}

fn attr_text(body: &Body, key: &str) -> Option<String> {
    body.attributes()
        .find(|a| a.key() == key)
        .map(|a| match a.expr() {
            Expression::String(s) => s.clone(),
            other => other.to_string(),
        })
}

fn label(b: &Block, i: usize) -> String {
    b.labels()[i].as_str().to_owned()
}

/// Every IAM grant of the kit: (file, resource type, label, body).
fn grants(files: &Files) -> Vec<(String, String, String, Body)> {
    blocks(files, "terraform/", "resource")
        .into_iter()
        .filter(|(_, b)| label(b, 0).ends_with("_iam_member"))
        .map(|(path, b)| (path, label(&b, 0), label(&b, 1), b.body().clone()))
        .collect()
}

/// The roles an IAM Condition lets its holder grant, when it is the modifiedGrantsByRole limit.
fn grantable_roles(body: &Body) -> Option<Vec<String>> {
    let condition = body.blocks().find(|b| b.identifier() == "condition")?;
    let expression = attr_text(condition.body(), "expression")?;
    let list = expression
        .strip_prefix("api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([")?
        .strip_suffix("])")?;
    Some(
        list.split(", ")
            .map(|r| r.trim_matches('\'').to_owned())
            .filter(|r| !r.is_empty())
            .collect(),
    )
}

#[test]
fn every_environment_state_is_isolated_in_the_admin_project() {
    for (name, q, model, files) in kits() {
        let admin = &model.names.admin_project;
        // The admin project is none of the environments' projects, and is the one answered.
        assert!(
            model.environments.iter().all(|e| &e.project_id != admin),
            "{name}: state lives in an environment's project"
        );
        if let Some(answered) = &q.gcp.admin_project_id {
            assert_eq!(answered, admin, "{name}");
        }
        let tfvars = hcl::parse(&files["terraform/bootstrap/terraform.tfvars"]).unwrap();
        assert_eq!(
            attr_text(&tfvars, "project_id").as_deref(),
            Some(admin.as_str()),
            "{name}"
        );
        // One bucket per environment, each named by that environment's backend only.
        let buckets: BTreeSet<&str> = model
            .environments
            .iter()
            .map(|e| e.state_bucket.as_str())
            .collect();
        assert_eq!(buckets.len(), model.environments.len(), "{name}");
        let main = &files["terraform/bootstrap/main.tf"];
        for env in &model.environments {
            let backend = &files[&format!("terraform/environments/{}/backend.tf", env.name)];
            assert!(
                backend.contains(&format!("bucket = \"{}\"", env.state_bucket)),
                "{name}: {} backend",
                env.name
            );
            assert!(
                main.contains(&format!("= \"{}\"", env.state_bucket)),
                "{name}: the bootstrap creates {}",
                env.state_bucket
            );
        }
        // The state buckets are created in the admin project, encrypted with the kit's key when
        // the kit uses customer-managed keys.
        let state = blocks(&files, "terraform/bootstrap/", "resource")
            .into_iter()
            .find(|(_, b)| label(b, 0) == "google_storage_bucket" && label(b, 1) == "state")
            .map_or_else(|| panic!("{name}: the state buckets"), |(_, b)| b);
        assert_eq!(
            attr_text(state.body(), "project").as_deref(),
            Some("local.project_id"),
            "{name}"
        );
        assert_eq!(
            state
                .body()
                .blocks()
                .any(|b| b.identifier() == "encryption"),
            model.features.cmek,
            "{name}: CMEK on the state buckets"
        );
        // Each state bucket is granted to its own environment's deploy account (read-write) and,
        // for the environment CI plans, to the CI account (read-only); to nobody else. The
        // bootstrap's own bucket is granted to no one.
        let mut granted: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
        for (path, kind, _, body) in grants(&files) {
            let bucket = attr_text(&body, "bucket").unwrap_or_default();
            if kind != "google_storage_bucket_iam_member"
                || !bucket.starts_with("google_storage_bucket.state[")
            {
                assert!(
                    !buckets.contains(bucket.as_str()),
                    "{name}: {path} grants on a state bucket by name"
                );
                continue;
            }
            let env = bucket
                .trim_start_matches("google_storage_bucket.state[\"")
                .trim_end_matches("\"].name")
                .to_owned();
            granted.entry(env).or_default().insert((
                attr_text(&body, "member").unwrap(),
                attr_text(&body, "role").unwrap(),
            ));
        }
        assert!(!granted.contains_key("admin"), "{name}: bootstrap state");
        let slug = &model.client.slug;
        for env in &model.environments {
            let mut expected = BTreeSet::from([(
                format!(
                    "serviceAccount:{slug}-deploy@{}.iam.gserviceaccount.com",
                    env.project_id
                ),
                "roles/storage.objectAdmin".to_owned(),
            )]);
            if env.name == model.ci_environment {
                expected.insert((
                    format!(
                        "serviceAccount:{slug}-ci-checks@{}.iam.gserviceaccount.com",
                        env.project_id
                    ),
                    "roles/storage.objectViewer".to_owned(),
                ));
            }
            assert_eq!(
                granted.get(&env.name),
                Some(&expected),
                "{name}: who reaches the {} state",
                env.name
            );
        }
        // No account of any environment gets a project-level role in the admin project.
        for (_, kind, label, body) in grants(&files) {
            if kind == "google_project_iam_member" {
                let project = attr_text(&body, "project").unwrap_or_default();
                assert!(
                    &project != admin && project != "local.project_id",
                    "{name}: {label} on the admin project"
                );
            }
        }
    }
}

#[test]
fn no_identity_can_grant_a_role_outside_the_allow_list() {
    for (name, _, _, files) in kits() {
        let all = grants(&files);
        // What the environments' Terraform grants, which the deploy account applies: the
        // conditions must let it grant exactly these, or CD could not apply them.
        let module_project_roles: BTreeSet<String> = all
            .iter()
            .filter(|(p, k, _, _)| {
                p.starts_with("terraform/modules/") && k == "google_project_iam_member"
            })
            .map(|(_, _, _, b)| attr_text(b, "role").unwrap())
            .collect();
        let mut module_account_roles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (path, kind, _, body) in &all {
            if path.starts_with("terraform/modules/") && kind == "google_service_account_iam_member"
            {
                let account = attr_text(body, "service_account_id")
                    .unwrap()
                    .trim_start_matches("google_service_account.")
                    .trim_end_matches(".name")
                    .to_owned();
                module_account_roles
                    .entry(account)
                    .or_default()
                    .insert(attr_text(body, "role").unwrap());
            }
        }
        let mut conditioned_project_admin = false;
        for (path, kind, label, body) in &all {
            let role = attr_text(body, "role").unwrap();
            assert!(
                !NEVER.contains(&role.as_str()),
                "{name}: {path} {label} grants {role}"
            );
            if !IAM_GRANTING.contains(&role.as_str()) {
                continue;
            }
            // An IAM-granting grant is made only by the bootstrap, which a person applies: never
            // by Terraform its holder applies itself.
            assert!(
                path.starts_with("terraform/bootstrap/"),
                "{name}: {path} {label} grants {role} from a root the grantee applies"
            );
            let grantable = grantable_roles(body).unwrap_or_else(|| {
                panic!("{name}: {label} ({role}) has no modifiedGrantsByRole condition")
            });
            for r in &grantable {
                assert!(
                    ALLOW_LIST.contains(&r.as_str()),
                    "{name}: {label} may grant {r}, outside the allow-list"
                );
            }
            let grantable: BTreeSet<String> = grantable.into_iter().collect();
            match kind.as_str() {
                "google_project_iam_member" => {
                    conditioned_project_admin = true;
                    assert_eq!(
                        grantable, module_project_roles,
                        "{name}: {label} may grant exactly what iam.tf grants on the project"
                    );
                }
                "google_service_account_iam_member" => {
                    let id = attr_text(body, "service_account_id").unwrap();
                    let account = id
                        .split("/serviceAccounts/")
                        .nth(1)
                        .and_then(|s| s.split('@').next())
                        .unwrap()
                        .to_owned();
                    let member = attr_text(body, "member").unwrap();
                    assert!(
                        !account.ends_with("-deploy") || !member.contains("deploy"),
                        "{name}: the deploy account administers its own account"
                    );
                    let key = account.rsplit('-').next().unwrap().replace("checks", "ci");
                    let needed = module_account_roles.get(&key).cloned().unwrap_or_default();
                    assert!(
                        needed.is_subset(&grantable),
                        "{name}: {label} cannot grant {needed:?} that iam.tf grants on {account}"
                    );
                }
                other => panic!("{name}: {label}: {role} on a {other}"),
            }
        }
        assert!(
            conditioned_project_admin,
            "{name}: the deploy accounts' Project IAM Admin is conditioned"
        );
        // Nothing the deploy account applies grants the deploy account anything.
        for (path, _, label, body) in &all {
            if path.starts_with("terraform/modules/") {
                assert_ne!(
                    attr_text(body, "member").as_deref(),
                    Some("google_service_account.deploy.member"),
                    "{name}: {label}"
                );
            }
        }
    }
}

#[test]
fn personal_data_is_read_only_in_production() {
    for (name, _, model, files) in kits() {
        if model.generative.is_some() {
            // A generative kit reads no training data: its personal data is the conversations, logged
            // de-identified (tests/integration/generative.rs).
            continue;
        }
        let primary = &model.data.primary;
        let production = model.environments.last().unwrap();
        let production_uri = primary.uri.clone();
        for env in &model.environments {
            let values = &env.pipeline_values["training"];
            let source = values["source_uri"].as_str().unwrap();
            let batch = values.get("batch_input_uri").and_then(|v| v.as_str());
            let root = &files[&format!("terraform/environments/{}/main.tf", env.name)];
            if !model.data.personal_data || env.is_production {
                continue;
            }
            if let Some(uri) = &production_uri {
                assert!(
                    !source.starts_with(uri.trim_end_matches('/'))
                        && !batch.is_some_and(|b| b.starts_with(uri.trim_end_matches('/'))),
                    "{name}: {} reads the production source {uri}",
                    env.name
                );
                assert!(
                    !root.contains(uri.trim_end_matches('/')),
                    "{name}: {} root names the production source",
                    env.name
                );
            }
            match primary.kind.as_str() {
                "bigquery" => {
                    let m = model.platform.masked_training.as_ref().unwrap();
                    assert_eq!(source, m.uri, "{name}");
                    assert_eq!(m.project_id, model.names.admin_project, "{name}");
                }
                "cloud_storage" | "cloud_sql" => assert_eq!(
                    source,
                    format!("gs://{}/masked-sample/", env.buckets.artifacts),
                    "{name}"
                ),
                _ => assert!(
                    source.starts_with(&format!("gs://{}/", env.buckets.landing.clone().unwrap())),
                    "{name}: landed data stays in the environment's own bucket"
                ),
            }
        }
        // Only production's accounts are granted the source (and receive Cloud SQL exports).
        let access = &files["terraform/bootstrap/access.tf"];
        for g in &model.platform.source_grants {
            for m in &g.members {
                let in_production = m.ends_with(&format!(
                    "@{}.iam.gserviceaccount.com",
                    production.project_id
                ));
                assert!(
                    in_production || !model.data.personal_data,
                    "{name}: {m} reads the production source"
                );
                assert!(access.contains(m.as_str()), "{name}: {m}");
            }
        }
        for x in &model.platform.cloud_sql_exports {
            for b in &x.buckets {
                assert!(
                    b.environment == production.name || !model.data.personal_data,
                    "{name}: production data exported into {}",
                    b.bucket
                );
            }
        }
        if let Some(m) = &model.platform.masked_training {
            assert!(model.data.personal_data, "{name}");
            // The view keeps only the model's columns and a sample, and only the other
            // environments read it.
            for f in &model.model.features {
                assert!(m.query.contains(&format!("t.`{}`", f.name)), "{name}");
            }
            assert!(!m.query.contains("t.*") || m.columns.is_empty(), "{name}");
            assert!(
                m.query.contains("FARM_FINGERPRINT") && m.sample_percent < 100,
                "{name}"
            );
            for member in &m.members {
                assert!(
                    !member.ends_with(&format!(
                        "@{}.iam.gserviceaccount.com",
                        production.project_id
                    )),
                    "{name}"
                );
            }
            assert!(
                access.contains("resource \"google_bigquery_dataset_access\" \"masked_training\"")
            );
        }
        let security = &files["docs/security.md"];
        if model.data.personal_data && model.environments.len() > 1 {
            assert!(
                security.contains("Who can read what"),
                "{name}: docs/security.md lists who reads what"
            );
        }
    }
}

#[test]
fn every_grant_outside_the_kit_projects_has_a_consumer() {
    for (name, q, model, files) in kits() {
        let env_projects: BTreeSet<&str> = model
            .environments
            .iter()
            .map(|e| e.project_id.as_str())
            .collect();
        let primary = &model.data.primary;
        let mut allowed_projects: BTreeSet<String> = BTreeSet::new();
        if primary.kind == "cloud_sql" {
            allowed_projects.insert(primary.project_id.clone().unwrap());
        }
        if let Some(h) = &q.gcp.network.host_project_id {
            allowed_projects.insert(h.clone());
        }
        for (path, kind, label, body) in grants(&files) {
            if kind == "google_project_iam_member" && path.starts_with("terraform/bootstrap/") {
                let project = attr_text(&body, "project").unwrap();
                assert!(
                    project == "each.value.project_id"
                        || env_projects.contains(project.as_str())
                        || allowed_projects.contains(&project),
                    "{name}: {label} on {project}, which the kit never reads"
                );
            }
        }
        // Sources the pipeline does not read appear nowhere in the bootstrap's grants.
        let access = &files["terraform/bootstrap/access.tf"];
        for s in model.data.sources.iter().skip(1) {
            for id in [&s.project_id, &s.bucket, &s.instance]
                .into_iter()
                .flatten()
            {
                let used_by_primary = [&primary.project_id, &primary.bucket, &primary.instance]
                    .into_iter()
                    .flatten()
                    .any(|p| p == id);
                assert!(
                    used_by_primary || !access.contains(&format!("\"{id}\"")),
                    "{name}: grant on {id}, a source the pipeline never reads"
                );
            }
        }
        // Cloud SQL: exactly the permissions of the export path, never a predefined Cloud SQL role.
        assert!(!access.contains("roles/cloudsql."), "{name}");
        if primary.kind == "cloud_sql" {
            assert!(
                access.contains(
                    "permissions = [\"cloudsql.instances.export\", \"cloudsql.instances.get\"]"
                ),
                "{name}"
            );
        }
    }
}

#[test]
fn monitoring_the_kit_cannot_provide_is_named_with_its_replacement() {
    for (name, q, model, files) in kits() {
        if model.generative.is_some() {
            // Drift of a generative application is the scheduled evaluation of sampled traffic
            // (tests/integration/generative.rs), not Model Monitoring.
            continue;
        }
        let tabular = model.model.tabular;
        let readme = &files["README.md"];
        let assessment = mlops_kit::assess::assess(&q);
        let blocker = assessment
            .blockers
            .iter()
            .find(|b| b.id == mlops_kit::assess::BlockerId::NonTabularMonitoring);
        if tabular {
            assert!(blocker.is_none(), "{name}");
            assert!(
                !readme.contains("Model Monitoring does not cover"),
                "{name}"
            );
            continue;
        }
        assert!(!model.features.model_monitoring && !model.features.batch_drift_monitoring);
        let task = &model.model.task;
        assert!(
            readme.contains(&format!(
                "**Vertex AI Model Monitoring does not cover {task} models**"
            )),
            "{name}: the README says so"
        );
        assert!(readme.contains("What the kit offers instead"), "{name}");
        let blocker = blocker.unwrap_or_else(|| panic!("{name}: the assessment says so"));
        assert!(
            blocker
                .kit_change
                .contains("Vertex AI Model Monitoring does not cover")
                && blocker.kit_change.contains("What the kit offers instead"),
            "{name}: {}",
            blocker.kit_change
        );
        if model.features.online_serving {
            let table = format!(
                "`{}.{}`",
                model.names.dataset,
                model.platform.endpoint.as_ref().unwrap().logging_table
            );
            assert!(readme.contains(&table), "{name}: {table}");
        }
    }
}
