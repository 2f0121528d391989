//! `plan`, `upgrade`, `check` on kits of the embedded blueprints and examples: no-op upgrades, changed
//! answers (environment added, CMEK on, repository host switched, serving mode switched) and a hand
//! edit surviving a change to a real blueprint.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use mlops_kit::blueprints::{BlueprintSource, export};
use mlops_kit::questionnaire::{examples, load_str};
use mlops_kit::render::render_kit;
use proptest::prelude::*;
use tempfile::TempDir;

use super::update::{
    assert_same_files, code, commit_all, git, read, run, s, snapshot, stderr, stdout, write,
};

const EXAMPLES: [&str; 3] = ["retail-startup", "fintech-regulated", "industrial-onprem"];

fn render(yaml: &str, source: &BlueprintSource) -> BTreeMap<String, String> {
    let q = load_str("answers", yaml)
        .expect("answers are valid")
        .questionnaire;
    render_kit(&q, source).expect("the kit renders")
}

/// A kit of an embedded example, generated and committed in a fresh git repository.
fn kit_of(example: &str) -> (TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let kit = root.path().join("kit");
    let out = run(&["generate", "--example", example, "-o", s(&kit)]);
    assert_eq!(code(&out), 0, "{example}: {}", stderr(&out));
    git(&kit, &["init", "-q"]);
    commit_all(&kit);
    (root, kit)
}

#[test]
fn every_example_kit_upgrades_to_itself_byte_for_byte() {
    for example in EXAMPLES {
        let (_root, kit) = kit_of(example);
        let before = snapshot(&kit);
        for _ in 0..2 {
            let out = run(&["upgrade", s(&kit)]);
            assert_eq!(code(&out), 0, "{example}: {}", stderr(&out));
            assert_same_files(&snapshot(&kit), &before, example);
        }
        let check = run(&["check", s(&kit)]);
        assert_eq!(code(&check), 0, "{example}: {}", stderr(&check));
        // The bases are the generated files, and the manifest lists exactly them.
        let generated = render(
            examples::require(example).unwrap().yaml,
            &BlueprintSource::Embedded,
        );
        for (path, content) in &generated {
            assert_eq!(&read(&kit, path), content, "{example}: {path}");
            assert_eq!(
                &read(&kit, &format!(".mlops-kit/base/{path}")),
                content,
                "{example}: {path}"
            );
        }
        let manifest: serde_json::Value =
            serde_json::from_str(&read(&kit, ".mlops-kit/manifest.json")).unwrap();
        let listed: BTreeSet<&str> = manifest["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        assert_eq!(listed, generated.keys().map(String::as_str).collect());
    }
}

/// One change of answers and what the reviewer must see in the Markdown plan.
struct AnswerChange {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    /// Substrings every one of which must appear in the Markdown plan.
    plan_mentions: &'static [&'static str],
}

const CHANGES: &[AnswerChange] = &[
    AnswerChange {
        name: "add an environment",
        from: "    - { name: prod, project_id: lojarapida-ml-prod }\n",
        to: "    - { name: staging, project_id: lojarapida-ml-staging }\n    - { name: prod, project_id: lojarapida-ml-prod }\n",
        plan_mentions: &[
            "| `terraform/environments/staging/main.tf` | create |",
            "| `terraform/environments/staging` | `(folder)` | added: a new configuration",
        ],
    },
    AnswerChange {
        name: "move the region",
        from: "  region: us-central1\n",
        to: "  region: southamerica-east1\n",
        plan_mentions: &[
            "| `terraform/environments/prod` | `terraform.tfvars: region` | changed |  | **forces replacement** (`region`) |",
        ],
    },
    AnswerChange {
        name: "turn CMEK on",
        from: "  cmek:\n    enabled: false\n",
        to: "  cmek:\n    enabled: true\n    key_location: us-central1\n",
        plan_mentions: &["`google_kms_key_ring.", "| added |"],
    },
    AnswerChange {
        name: "switch the repository host",
        from: "    host: github\n    url: https://github.com/lojarapida/churn-mlops.git\n",
        to: "    host: gitlab\n    url: https://gitlab.com/lojarapida/churn-mlops.git\n",
        plan_mentions: &["`google_cloudbuildv2_"],
    },
    AnswerChange {
        name: "switch serving to batch",
        from: "serving:\n  mode: online\n",
        to: "serving:\n  batch_output:\n    kind: bigquery\n    table: churn_scores\n  mode: batch\n",
        plan_mentions: &["`google_vertex_ai_endpoint.", "| removed |"],
    },
];

#[test]
fn changed_answers_create_update_and_remove_exactly_the_expected_files() {
    let original = examples::require("retail-startup").unwrap().yaml;
    let old = render(original, &BlueprintSource::Embedded);
    for change in CHANGES {
        let name = change.name;
        assert!(
            original.contains(change.from),
            "{name}: the example changed; update this test"
        );
        let changed = original.replace(change.from, change.to);
        let new = render(&changed, &BlueprintSource::Embedded);
        let (root, kit) = kit_of("retail-startup");
        let answers = root.path().join("new-answers.yaml");
        fs::write(&answers, &changed).unwrap();

        // The plan's action for every file is what the two renders imply.
        let plan = run(&[
            "plan",
            s(&kit),
            "--answers",
            s(&answers),
            "--format",
            "json",
        ]);
        assert_eq!(code(&plan), 0, "{name}: {}", stderr(&plan));
        let plan: serde_json::Value = serde_json::from_str(&stdout(&plan)).unwrap();
        let actions: BTreeMap<String, String> = plan["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_owned(),
                    f["action"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let mut expected = BTreeMap::new();
        for path in old.keys().chain(new.keys()) {
            let action = match (old.get(path), new.get(path)) {
                (None, Some(_)) => "create",
                (Some(_), None) => "delete",
                (Some(a), Some(b)) if a != b => "update",
                _ => continue,
            };
            expected.insert(path.clone(), action.to_owned());
        }
        assert_eq!(actions, expected, "{name}");
        assert!(!expected.is_empty(), "{name}: the answer changes the kit");

        let md = run(&[
            "plan",
            s(&kit),
            "--answers",
            s(&answers),
            "--format",
            "markdown",
        ]);
        let md = stdout(&md);
        assert!(md.contains("### Terraform\n"), "{name}");
        assert!(
            !md.contains("No Terraform block"),
            "{name}: every change here changes Terraform"
        );
        for mention in change.plan_mentions {
            assert!(
                md.contains(mention),
                "{name}: the plan should mention {mention}:\n{md}"
            );
        }

        let out = run(&["upgrade", s(&kit), "--answers", s(&answers)]);
        assert_eq!(code(&out), 0, "{name}: {}", stderr(&out));
        let mut files = snapshot(&kit);
        files.retain(|p, _| !p.starts_with(".git/") && !p.starts_with(".mlops-kit/"));
        let want: BTreeMap<String, Vec<u8>> = new
            .iter()
            .map(|(p, c)| (p.clone(), c.clone().into_bytes()))
            .collect();
        assert_same_files(
            &files,
            &want,
            &format!("{name}: the kit is exactly the new render"),
        );
        assert_eq!(
            read(&kit, ".mlops-kit/answers.yaml"),
            changed,
            "{name}: the new answers are recorded"
        );
        let check = run(&["check", s(&kit)]);
        assert_eq!(code(&check), 0, "{name}: {}", stderr(&check));
    }
}

/// Exports the embedded blueprints and appends a resource to the template of
/// `terraform/modules/platform/storage.tf`; returns the folder.
fn changed_blueprints(root: &Path) -> PathBuf {
    let dir = root.join("blueprints");
    export(&dir).unwrap();
    let template = [
        "kit/terraform/modules/platform/storage.tf.tera",
        "kit/terraform/modules/platform/storage.tf",
    ]
    .into_iter()
    .map(|p| dir.join(p))
    .find(|p| p.exists())
    .expect("a blueprint renders terraform/modules/platform/storage.tf");
    let mut text = fs::read_to_string(&template).unwrap();
    text.push_str("\nresource \"google_storage_bucket\" \"blueprint_addition\" {\n  name     = \"added-by-a-new-blueprint\"\n  location = \"US\"\n}\n");
    fs::write(&template, text).unwrap();
    dir
}

const STORAGE: &str = "terraform/modules/platform/storage.tf";

#[test]
fn a_hand_edit_in_a_real_terraform_file_survives_a_blueprint_change() {
    let (root, kit) = kit_of("retail-startup");
    let blueprints = changed_blueprints(root.path());
    let original = read(&kit, STORAGE);
    let lines: Vec<&str> = original.lines().collect();
    let first_resource = lines
        .iter()
        .position(|l| l.starts_with("resource "))
        .expect("storage.tf has resources");
    let attribute = (first_resource + 1..lines.len())
        .find(|&i| {
            lines[i].starts_with("  ") && !lines[i].starts_with("   ") && lines[i].contains(" = ")
        })
        .expect("the first resource has an attribute");
    let key = lines[attribute].split(" = ").next().unwrap().to_owned();
    let mut edited: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    edited[attribute] = format!("{key} = \"client-value\"");
    edited.insert(
        first_resource,
        "# Client note: reviewed by the platform team.".to_owned(),
    );
    edited.insert(
        first_resource,
        "resource \"google_storage_bucket\" \"client_exports\" {\n  name     = \"client-exports\"\n  location = \"US\"\n}\n".to_owned(),
    );
    write(&kit, STORAGE, &(edited.join("\n") + "\n"));
    commit_all(&kit);

    let md = run(&[
        "plan",
        s(&kit),
        "--blueprints",
        s(&blueprints),
        "--format",
        "markdown",
    ]);
    let md = stdout(&md);
    assert!(
        md.contains(&format!("| `{STORAGE}` | merge-clean |")),
        "{md}"
    );
    assert!(
        md.contains("`google_storage_bucket.blueprint_addition` | added |"),
        "{md}"
    );
    assert!(
        !md.contains("client_exports"),
        "the user's resource is not the upgrade's change:\n{md}"
    );

    let out = run(&["upgrade", s(&kit), "--blueprints", s(&blueprints)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let merged = read(&kit, STORAGE);
    assert!(
        merged.contains("# Client note: reviewed by the platform team.\n"),
        "{merged}"
    );
    assert!(
        merged.contains("resource \"google_storage_bucket\" \"client_exports\" {\n"),
        "{merged}"
    );
    assert!(
        merged.contains(&format!("{key} = \"client-value\"\n")),
        "{merged}"
    );
    assert!(merged.contains("\"blueprint_addition\""), "{merged}");
    hcl::parse(&merged).expect("the merged file is still HCL");
    assert_eq!(
        code(&run(&["check", s(&kit), "--blueprints", s(&blueprints)])),
        0
    );
    let stale = run(&["check", s(&kit)]);
    assert_eq!(
        code(&stale),
        2,
        "the embedded blueprints would change the file back: {}",
        stderr(&stale)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// Lines a user inserts anywhere in a real kit survive an upgrade to a changed blueprint with the
    /// same answers, merged or inside conflict markers.
    #[test]
    fn an_upgrade_of_a_real_kit_never_loses_a_line_the_user_added(
        edits in prop::collection::vec((0usize..1000, 0usize..1000, "[a-z ]{1,20}"), 1..6),
    ) {
        let (root, kit) = kit_of("retail-startup");
        let blueprints = changed_blueprints(root.path());
        let generated = render(examples::require("retail-startup").unwrap().yaml, &BlueprintSource::Embedded);
        let paths: Vec<&String> = generated.keys().collect();
        let mut added = Vec::new();
        for (i, (file, line, text)) in edits.iter().enumerate() {
            let path = paths[file % paths.len()];
            let mut lines: Vec<String> = read(&kit, path).lines().map(str::to_owned).collect();
            let marker = format!("user line {i}: {text}");
            lines.insert(line % (lines.len() + 1), marker.clone());
            write(&kit, path, &(lines.join("\n") + "\n"));
            added.push((path.clone(), marker));
        }
        commit_all(&kit);
        let out = run(&["upgrade", s(&kit), "--blueprints", s(&blueprints)]);
        prop_assert!(code(&out) == 0 || code(&out) == 3, "{}", stderr(&out));
        for (path, marker) in &added {
            let text = fs::read_to_string(kit.join(path)).unwrap_or_default();
            prop_assert!(text.lines().any(|l| l == marker), "{path} lost `{marker}`");
        }
    }
}
