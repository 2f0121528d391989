//! `mlops-kit portfolio`: a folder of kits in every state, planned, checked and upgraded at once.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use mlops_kit::cli::UpgradeArgs;
use mlops_kit::update::command::upgrade_with_faults;
use mlops_kit::update::txn::Faults;
use tempfile::TempDir;

use super::update::{
    STORAGE, answers_file, assert_same_files, blueprints, code, commit_all, git, read, run, s,
    snapshot, stderr, stdout, write,
};

/// A portfolio folder holding one kit in each state, generated from blueprint version 1 and
/// judged against version 2.
struct Fleet {
    root: TempDir,
    clients: PathBuf,
    v2: PathBuf,
}

const STATES: [&str; 8] = [
    "current",
    "outdated",
    "overlapping",
    "markers",
    "interrupted",
    "dirty",
    "damaged",
    "broken",
];

impl Fleet {
    fn new() -> Self {
        let root = tempfile::tempdir().unwrap();
        let answers = answers_file(root.path(), "retail-startup");
        let v1 = blueprints(root.path(), 1);
        let v2 = blueprints(root.path(), 2);
        let clients = root.path().join("clients");
        for name in STATES {
            let kit = clients.join(name).join("kit");
            let version = if name == "current" { &v2 } else { &v1 };
            let out = run(&[
                "generate",
                s(&answers),
                "-o",
                s(&kit),
                "--blueprints",
                s(version),
            ]);
            assert_eq!(code(&out), 0, "{}", stderr(&out));
            git(&kit, &["init", "-q"]);
            commit_all(&kit);
        }
        let kit = |name: &str| clients.join(name).join("kit");
        let overlap = |kit: &Path| {
            let edited = read(kit, STORAGE).replace("\"inherited\"", "\"unspecified\"");
            write(kit, STORAGE, &edited);
            commit_all(kit);
        };
        // An edit that overlaps the blueprint change: an upgrade would write conflict markers.
        overlap(&kit("overlapping"));
        // Markers already written by an upgrade and committed unresolved.
        overlap(&kit("markers"));
        let out = run(&["upgrade", s(&kit("markers")), "--blueprints", s(&v2)]);
        assert_eq!(code(&out), 3, "{}", stderr(&out));
        commit_all(&kit("markers"));
        // An upgrade interrupted right after its journal was committed.
        let args = UpgradeArgs {
            dir: kit("interrupted"),
            answers: None,
            force: false,
            blueprints: Some(v2.clone()),
        };
        assert!(upgrade_with_faults(&args, &Faults::after_commit(1)).is_err());
        // Uncommitted work in the client's repository.
        write(&kit("dirty"), "README.md", "# Work in progress\n");
        // A merge base edited by hand: the recorded state is damaged.
        write(
            &kit("damaged"),
            &format!(".mlops-kit/base/{STORAGE}"),
            "edited\n",
        );
        commit_all(&kit("damaged"));
        // Recorded answers that no longer load.
        write(&kit("broken"), ".mlops-kit/answers.yaml", "version: 1\n");
        commit_all(&kit("broken"));
        // Not kits: a kit inside a `.git` folder, and a link to a kit outside the searched folder.
        let outside = root.path().join("elsewhere");
        fs::create_dir_all(&outside).unwrap();
        let hidden = clients.join("monorepo/.git/modules/kit");
        let out = run(&[
            "generate",
            s(&answers),
            "-o",
            s(&hidden),
            "--blueprints",
            s(&v1),
        ]);
        // generate refuses to write inside `.git`: plant a copy by hand instead.
        assert_eq!(code(&out), 1);
        copy_tree(&kit("outdated"), &hidden);
        copy_tree(&kit("outdated"), &outside.join("kit"));
        std::os::unix::fs::symlink(outside.join("kit"), clients.join("linked")).unwrap();
        Self { root, clients, v2 }
    }

    fn kit(&self, name: &str) -> PathBuf {
        self.clients.join(name).join("kit")
    }

    fn portfolio(&self, action: &str, extra: &[&str]) -> std::process::Output {
        let mut args = vec![
            "portfolio",
            action,
            s(&self.clients),
            "--blueprints",
            s(&self.v2),
        ];
        args.extend_from_slice(extra);
        run(&args)
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else if entry.file_type().is_file() {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Kit name (the folder under `clients/`) → the row of the JSON summary.
fn rows(out: &std::process::Output) -> BTreeMap<String, serde_json::Value> {
    let summary: serde_json::Value =
        serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)));
    assert_eq!(
        summary["exit_code"].as_i64().unwrap(),
        i64::from(code(out)),
        "the summary states the exit status"
    );
    summary["kits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let kit = PathBuf::from(row["kit"].as_str().unwrap());
            let name = kit
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, row.clone())
        })
        .collect()
}

fn status(rows: &BTreeMap<String, serde_json::Value>, name: &str) -> String {
    rows[name]["status"].as_str().unwrap().to_owned()
}

#[test]
fn check_and_plan_report_every_kit_in_its_state() {
    let fleet = Fleet::new();
    for jobs in ["1", "3"] {
        let out = fleet.portfolio("check", &["--jobs", jobs, "--format", "json"]);
        // The broken kit is an error, the most severe status.
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        let rows = rows(&out);
        let names: Vec<&str> = rows.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "broken",
                "current",
                "damaged",
                "dirty",
                "interrupted",
                "markers",
                "outdated",
                "overlapping"
            ],
            "every kit found once; nothing inside `.git` or behind a link"
        );
        assert_eq!(status(&rows, "current"), "up-to-date");
        assert_eq!(status(&rows, "outdated"), "would-change");
        assert_eq!(rows["outdated"]["files"], 3, "create, update, delete");
        assert_eq!(status(&rows, "overlapping"), "would-change");
        assert_eq!(rows["overlapping"]["conflicts"], 1);
        assert_eq!(status(&rows, "markers"), "conflicts");
        assert_eq!(status(&rows, "interrupted"), "would-change");
        assert!(
            rows["interrupted"]["detail"]
                .as_str()
                .unwrap()
                .contains("interrupted"),
            "{}",
            rows["interrupted"]
        );
        assert_eq!(status(&rows, "dirty"), "not-clean");
        assert_eq!(status(&rows, "damaged"), "damaged");
        assert_eq!(status(&rows, "broken"), "error");
        for row in rows.values() {
            assert_eq!(row["version"], mlops_kit::VERSION, "{row}");
            if row["status"] != "error" {
                assert_eq!(row["slug"], "lojarapida", "{row}");
            }
        }
        assert_eq!(rows["current"]["client"], "Loja Rápida Online");
    }
    // Without the broken kit, conflicts and damaged state (3) are the most severe.
    fs::remove_dir_all(fleet.clients.join("broken")).unwrap();
    let out = fleet.portfolio("check", &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "7 kit(s): 1 up to date, 3 would change, 1 not a clean git tree, 1 conflicts, 1 damaged state."
        ),
        "{text}"
    );
    assert!(text.contains("  would change 3 file(s)\n"), "{text}");
    assert!(
        text.contains("  would change 3 file(s), 1 conflict(s)\n"),
        "{text}"
    );
    // Only up-to-date and out-of-date kits: 2.
    for name in ["markers", "damaged", "dirty"] {
        fs::remove_dir_all(fleet.clients.join(name)).unwrap();
    }
    assert_eq!(code(&fleet.portfolio("check", &[])), 2);
    for name in ["outdated", "overlapping", "interrupted"] {
        fs::remove_dir_all(fleet.clients.join(name)).unwrap();
    }
    assert_eq!(code(&fleet.portfolio("check", &[])), 0);
}

#[test]
fn plan_writes_one_pull_request_description_per_kit_and_the_summary() {
    let fleet = Fleet::new();
    let out_dir = fleet.root.path().join("campaign");
    let before = snapshot(&fleet.clients);
    let out = fleet.portfolio(
        "plan",
        &["--out", s(&out_dir), "--format", "markdown", "--jobs", "2"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_same_files(&snapshot(&fleet.clients), &before, "plan changes no kit");
    let summary = stdout(&out);
    assert_eq!(
        fs::read_to_string(out_dir.join("summary.md")).unwrap(),
        summary
    );
    assert!(
        summary.starts_with("## mlops-kit portfolio plan"),
        "{summary}"
    );
    // A description for every kit that could be planned, linked from the summary.
    for name in ["current", "outdated", "overlapping", "dirty"] {
        let file = format!("{name}-kit.md");
        let description =
            fs::read_to_string(out_dir.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            description.starts_with("## mlops-kit upgrade"),
            "{description}"
        );
        assert!(summary.contains(&format!("]({file})")), "{summary}");
    }
    let overlapping = fs::read_to_string(out_dir.join("overlapping-kit.md")).unwrap();
    assert!(overlapping.contains("**1 conflict** needs a decision"));
    for name in ["damaged", "broken", "markers", "interrupted"] {
        assert!(!out_dir.join(format!("{name}-kit.md")).exists(), "{name}");
    }
    assert!(summary.contains("| damaged state |"), "{summary}");
}

#[test]
fn upgrade_upgrades_each_kit_it_can_and_skips_the_others_untouched() {
    let fleet = Fleet::new();
    let untouched = ["dirty", "damaged", "broken", "markers", "current"];
    let before: BTreeMap<&str, _> = untouched
        .iter()
        .map(|name| (*name, snapshot(&fleet.kit(name))))
        .collect();
    let out = fleet.portfolio("upgrade", &["--format", "json", "--jobs", "4"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let rows = rows(&out);
    assert_eq!(status(&rows, "current"), "up-to-date");
    assert_eq!(status(&rows, "outdated"), "upgraded");
    assert_eq!(rows["outdated"]["files"], 3);
    assert_eq!(status(&rows, "overlapping"), "conflicts");
    assert_eq!(rows["overlapping"]["conflicts"], 1);
    assert_eq!(status(&rows, "interrupted"), "upgraded");
    assert_eq!(status(&rows, "dirty"), "not-clean");
    assert!(
        rows["dirty"]["detail"]
            .as_str()
            .unwrap()
            .contains("uncommitted changes"),
        "{}",
        rows["dirty"]
    );
    assert_eq!(status(&rows, "markers"), "conflicts");
    assert_eq!(status(&rows, "damaged"), "damaged");
    assert_eq!(status(&rows, "broken"), "error");
    for (name, files) in &before {
        assert_same_files(&snapshot(&fleet.kit(name)), files, name);
    }
    for name in ["outdated", "interrupted"] {
        let check = run(&["check", s(&fleet.kit(name)), "--blueprints", s(&fleet.v2)]);
        assert_eq!(code(&check), 0, "{name}: {}", stderr(&check));
    }
    assert!(read(&fleet.kit("overlapping"), STORAGE).contains("<<<<<<< yours"));
}

#[test]
fn a_kit_given_directly_and_no_kit_at_all() {
    let fleet = Fleet::new();
    let out = run(&[
        "portfolio",
        "check",
        s(&fleet.kit("current")),
        "--blueprints",
        s(&fleet.v2),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("1 kit(s): 1 up to date."));
    let empty = fleet.root.path().join("nothing-here");
    fs::create_dir(&empty).unwrap();
    let out = run(&["portfolio", "check", s(&empty)]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("no kit found"), "{}", stderr(&out));
}
