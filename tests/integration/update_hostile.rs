//! Issue 19: the kit's state folder is input from a client repository, and state never lies after an
//! interruption. One test per finding of the adversarial review. The hostile-repository cases run in
//! a real git repository and compare a hash of the whole tree outside the kit's generated files
//! (`.git` included, and folders next to the kit) before and after.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use mlops_kit::cli::{GenerateArgs, UpgradeArgs};
use mlops_kit::update::command::{generate_with_faults, upgrade_with_faults};
use mlops_kit::update::lock;
use mlops_kit::update::txn::Faults;
use proptest::prelude::*;
use sha2::{Digest as _, Sha256};

use super::update::{
    STORAGE, Scenario, assert_same_files, code, commit_all, git, read, run, s, snapshot, stderr,
    stdout, upgrade_args, write,
};

/// sha256 of every file, link and folder under `root` (`.git` included), except the kit's generated
/// files and its own state folder, which an upgrade may legitimately change.
fn outside_hash(root: &Path, kit: &Path, generated: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if let Ok(rel) = path.strip_prefix(kit) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if generated.contains(&rel) || rel == ".mlops-kit" || rel.starts_with(".mlops-kit/") {
                continue;
            }
        }
        let key = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let kind = entry.file_type();
        let value = if kind.is_symlink() {
            format!("link {}", fs::read_link(path).unwrap().display())
        } else if kind.is_file() {
            let digest = Sha256::digest(fs::read(path).unwrap());
            digest.iter().fold("file ".to_owned(), |mut out, b| {
                use std::fmt::Write as _;
                let _ = write!(out, "{b:02x}");
                out
            })
        } else {
            "folder".to_owned()
        };
        out.insert(key, value);
    }
    out
}

/// The generated files of a scenario's kit: both blueprint versions' paths.
fn generated_paths(sc: &Scenario) -> BTreeSet<String> {
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&sc.kit, ".mlops-kit/manifest.json")).unwrap();
    let mut paths: BTreeSet<String> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect();
    paths.insert("docs/operations.md".to_owned());
    paths
}

/// A scenario with a victim file next to the kit, and the tree hash before anything hostile runs.
struct Hostile {
    sc: Scenario,
    generated: BTreeSet<String>,
    victim: PathBuf,
}

impl Hostile {
    fn new() -> Self {
        let sc = Scenario::new();
        let generated = generated_paths(&sc);
        let victim = sc.root.path().join("outside/victim.txt");
        write(sc.root.path(), "outside/victim.txt", "precious\n");
        write(sc.root.path(), "outside/folder/a.txt", "a\n");
        Self {
            sc,
            generated,
            victim,
        }
    }

    fn hash(&self) -> BTreeMap<String, String> {
        outside_hash(self.sc.root.path(), &self.sc.kit, &self.generated)
    }
}

#[track_caller]
fn assert_unchanged(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) {
    let differing: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(
        differing.is_empty(),
        "the tree outside the kit's generated files changed: {differing:?}"
    );
}

/// A journal in the format of the version the review attacked: a target under `.git/` and staged
/// paths pointing outside the kit.
fn old_format_journal(victim: &Path) -> String {
    serde_json::json!({
        "ops": [
            {"target": ".git/hooks/pre-commit", "staged": "files/0", "before": null, "after": null},
            {"target": "stolen.txt", "staged": victim.display().to_string(), "before": null, "after": null},
            {"target": "stolen2.txt", "staged": "../../outside/folder", "before": null, "after": null}
        ]
    })
    .to_string()
}

fn plant_journal(kit: &Path, journal: &str) {
    write(kit, ".mlops-kit/txn/journal.json", journal);
    write(
        kit,
        ".mlops-kit/txn/files/0",
        "#!/bin/sh\necho pwned > /tmp/mlops-kit-pwned\n",
    );
}

#[test]
fn a_journal_committed_to_git_is_never_replayed() {
    let h = Hostile::new();
    let kit = &h.sc.kit;
    plant_journal(kit, &old_format_journal(&h.victim));
    // Forced into the index even though the kit's .gitignore lists the folder.
    git(kit, &["add", "-f", ".mlops-kit/txn"]);
    git(kit, &["commit", "-q", "-m", "hostile journal"]);
    let before = h.hash();
    let out = h.sc.cmd("upgrade", &h.sc.v2, &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("committed to git"),
        "{}",
        stderr(&out)
    );
    let forced = h.sc.cmd("upgrade", &h.sc.v2, &["--force"]);
    assert_eq!(code(&forced), 1, "{}", stderr(&forced));
    let check = h.sc.cmd("check", &h.sc.v2, &[]);
    assert_eq!(code(&check), 3, "{}", stderr(&check));
    assert!(stderr(&check).contains("committed to git"));
    assert_unchanged(&before, &h.hash());
    assert!(!kit.join(".git/hooks/pre-commit").exists());
    assert_eq!(fs::read_to_string(&h.victim).unwrap(), "precious\n");
}

#[test]
fn a_journal_not_written_by_this_kit_is_refused() {
    let h = Hostile::new();
    let kit = &h.sc.kit;
    // Untracked (as if unpacked from an archive): the old format, then the current format with a
    // made-up seal and a target under `.git/`.
    for journal in [
        old_format_journal(&h.victim),
        serde_json::json!({
            "tool_version": "0.1.0",
            "from_manifest": mlops_kit::update::state::sha256_hex(&read(kit, ".mlops-kit/manifest.json")),
            "questionnaire_version": 1,
            "old_answers": "answers.yaml",
            "new_answers": "answers.yaml",
            "answers_sha256": null,
            "files": [{"path": ".git/hooks/pre-commit", "before": null,
                       "after": mlops_kit::update::state::sha256_hex("#!/bin/sh\necho pwned > /tmp/mlops-kit-pwned\n"),
                       "old_base": null, "new_base": null}],
            "seal": "0".repeat(64)
        })
        .to_string(),
    ] {
        plant_journal(kit, &journal);
        let before = h.hash();
        let check = h.sc.cmd("check", &h.sc.v2, &[]);
        assert_ne!(code(&check), 0, "{}", stderr(&check));
        for force in [&[][..], &["--force"][..]] {
            let out = h.sc.cmd("upgrade", &h.sc.v2, force);
            assert_eq!(code(&out), 1, "{}", stderr(&out));
            assert!(
                stderr(&out).contains("not one this mlops-kit can trust"),
                "{}",
                stderr(&out)
            );
        }
        assert_unchanged(&before, &h.hash());
        assert!(!kit.join(".git/hooks/pre-commit").exists());
        assert!(!kit.join("stolen.txt").exists() && !kit.join("stolen2.txt").exists());
        fs::remove_dir_all(kit.join(".mlops-kit/txn")).unwrap();
    }
    assert_eq!(fs::read_to_string(&h.victim).unwrap(), "precious\n");
}

#[test]
fn a_manifest_listing_git_internals_is_damaged_state() {
    let h = Hostile::new();
    let kit = &h.sc.kit;
    let head = read(kit, ".git/HEAD");
    let manifest = read(kit, ".mlops-kit/manifest.json");
    let hostile = manifest.replacen(
        "\"files\": [\n",
        &format!(
            "\"files\": [\n    {{\n      \"path\": \".git/HEAD\",\n      \"sha256\": \"{}\"\n    }},\n",
            mlops_kit::update::state::sha256_hex(&head)
        ),
        1,
    );
    write(kit, ".mlops-kit/manifest.json", &hostile);
    write(kit, ".mlops-kit/base/.git/HEAD", &head);
    commit_all(kit);
    let before = h.hash();
    for args in [&[][..], &["--force"][..]] {
        let out = h.sc.cmd("upgrade", &h.sc.v2, args);
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        assert!(stderr(&out).contains("`.git/HEAD`"), "{}", stderr(&out));
    }
    assert_eq!(code(&h.sc.cmd("check", &h.sc.v2, &[])), 3);
    assert_unchanged(&before, &h.hash());
    assert_eq!(read(kit, ".git/HEAD"), head);
}

#[test]
fn symbolic_links_for_state_folders_are_refused() {
    // The kit's state folder is a link to another kit's: a no-op upgrade must not touch that kit.
    let h = Hostile::new();
    let kit = &h.sc.kit;
    let other = h.sc.root.path().join("outside/other-kit");
    fs::rename(kit.join(".mlops-kit"), &other).unwrap();
    write(&other, "txn/files/0", "another kit's upgrade in progress\n");
    std::os::unix::fs::symlink(&other, kit.join(".mlops-kit")).unwrap();
    let before = h.hash();
    for command in ["upgrade", "plan"] {
        let out = h.sc.cmd(
            command,
            &h.sc.v1,
            &["--force"][..usize::from(command == "upgrade")],
        );
        assert_eq!(code(&out), 1, "{command}: {}", stderr(&out));
        assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    }
    assert_eq!(code(&h.sc.cmd("check", &h.sc.v1, &[])), 3);
    assert_unchanged(&before, &h.hash());
    assert!(other.join("txn/files/0").exists());

    // `.mlops-kit/txn` linked to a folder outside the kit.
    let h = Hostile::new();
    let kit = &h.sc.kit;
    std::os::unix::fs::symlink(
        h.sc.root.path().join("outside/folder"),
        kit.join(".mlops-kit/txn"),
    )
    .unwrap();
    let before = h.hash();
    let out = h.sc.cmd("upgrade", &h.sc.v2, &["--force"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(code(&h.sc.cmd("check", &h.sc.v2, &[])), 3);
    assert_unchanged(&before, &h.hash());
    assert!(h.sc.root.path().join("outside/folder/a.txt").exists());
}

#[test]
fn generate_never_writes_inside_a_state_folder_or_git() {
    let h = Hostile::new();
    let before = h.hash();
    for target in [
        ".mlops-kit/nested",
        ".mlops-kit/base/x",
        ".git/kit",
        "sub/.mlops-kit",
    ] {
        let out = run(&[
            "generate",
            s(&h.sc.answers),
            "-o",
            s(&h.sc.kit.join(target)),
            "--blueprints",
            s(&h.sc.v1),
        ]);
        assert_eq!(code(&out), 1, "{target}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("Choose a folder outside it"),
            "{}",
            stderr(&out)
        );
    }
    assert_unchanged(&before, &h.hash());
    assert!(!h.sc.kit.join(".mlops-kit/nested").exists());
    assert_eq!(code(&h.sc.cmd("check", &h.sc.v1, &[])), 0);
}

/// The user's conflicting edit, committed, for the interruption scenarios.
fn conflicting_edit(sc: &Scenario) {
    let edited = read(&sc.kit, STORAGE).replace("\"inherited\"", "\"unspecified\"");
    write(&sc.kit, STORAGE, &edited);
    commit_all(&sc.kit);
}

/// Every file of the kit except `.git/`.
fn kit_files(kit: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(kit)
}

#[test]
fn a_restore_after_an_interruption_is_merged_again_never_recorded_as_upgraded() {
    let reference = Scenario::new();
    conflicting_edit(&reference);
    assert_eq!(code(&reference.cmd("upgrade", &reference.v2, &[])), 3);
    let expected = kit_files(&reference.kit);
    let mut n = 0;
    loop {
        let sc = Scenario::new();
        conflicting_edit(&sc);
        if upgrade_with_faults(&upgrade_args(&sc, &sc.v2), &Faults::after_commit(n)).is_ok() {
            assert!(n > 3, "the upgrade has several writes after its commit");
            break;
        }
        // The user restores the work tree from git, then upgrades again.
        git(&sc.kit, &["checkout", "--", "."]);
        let finish = sc.cmd("upgrade", &sc.v2, &[]);
        assert!(
            code(&finish) == 0 || code(&finish) == 3,
            "after {n}: {}",
            stderr(&finish)
        );
        if kit_files(&sc.kit) != expected {
            let check = sc.cmd("check", &sc.v2, &[]);
            assert_ne!(
                code(&check),
                0,
                "after {n}: files restored to their old content are not up to date: {}",
                stderr(&check)
            );
            // The next upgrade merges them again, conflict included.
            commit_all(&sc.kit);
            let again = sc.cmd("upgrade", &sc.v2, &["--force"]);
            assert!(
                code(&again) == 0 || code(&again) == 3,
                "after {n}: {}",
                stderr(&again)
            );
        }
        assert_same_files(&kit_files(&sc.kit), &expected, &format!("after {n}"));
        assert_eq!(code(&sc.cmd("check", &sc.v2, &[])), 3, "markers remain");
        n += 1;
    }
}

#[test]
fn new_versions_put_aside_keep_check_failing_until_resolved() {
    let sc = Scenario::new();
    assert!(upgrade_with_faults(&upgrade_args(&sc, &sc.v2), &Faults::after_commit(0)).is_err());
    // The user edits a file the journal still has to write.
    let mine = read(&sc.kit, STORAGE).replace("drift-alerts", "drift-alerts-mine");
    write(&sc.kit, STORAGE, &mine);
    let finish = sc.cmd("upgrade", &sc.v2, &[]);
    assert_eq!(code(&finish), 3, "{}", stderr(&finish));
    let aside = format!("{STORAGE}.mlops-kit-new");
    assert!(stderr(&finish).contains(&aside), "{}", stderr(&finish));
    assert_eq!(read(&sc.kit, STORAGE), mine, "the user's version is kept");
    let check = sc.cmd("check", &sc.v2, &[]);
    assert_eq!(code(&check), 3, "{}", stderr(&check));
    assert!(stderr(&check).contains(&aside), "{}", stderr(&check));
    commit_all(&sc.kit);
    let refused = sc.cmd("upgrade", &sc.v2, &[]);
    assert_eq!(code(&refused), 1, "{}", stderr(&refused));
    // Resolved: the copy removed, the next upgrade merges the file from its old base.
    fs::remove_file(sc.kit.join(&aside)).unwrap();
    commit_all(&sc.kit);
    let check = sc.cmd("check", &sc.v2, &[]);
    assert_eq!(code(&check), 2, "{}", stderr(&check));
    let upgrade = sc.cmd("upgrade", &sc.v2, &[]);
    assert_eq!(code(&upgrade), 0, "{}", stderr(&upgrade));
    let merged = read(&sc.kit, STORAGE);
    assert!(merged.contains("drift-alerts-mine") && merged.contains("\"enforced\""));
    assert_eq!(code(&sc.cmd("check", &sc.v2, &[])), 0);
}

#[test]
fn a_running_upgrade_or_generate_locks_the_kit() {
    let sc = Scenario::new();
    let before = snapshot(&sc.kit);
    {
        let _held = lock::lock(&sc.kit, lock::Mode::Exclusive).unwrap();
        for command in ["upgrade", "check", "plan"] {
            let out = sc.cmd(command, &sc.v2, &[]);
            assert_eq!(code(&out), 1, "{command}: {}", stderr(&out));
            assert!(
                stderr(&out).contains("another mlops-kit is writing"),
                "{}",
                stderr(&out)
            );
        }
        assert_same_files(&snapshot(&sc.kit), &before, "a locked kit is not touched");
        let empty = sc.root.path().join("empty");
        fs::create_dir(&empty).unwrap();
        let _held_too = lock::lock(&empty, lock::Mode::Exclusive).unwrap();
        let out = run(&["generate", s(&sc.answers), "-o", s(&empty)]);
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        assert_eq!(fs::read_dir(&empty).unwrap().count(), 0);
    }
    // Two real upgrades at once: one does it, the other is refused or finds nothing to do.
    let reference = Scenario::new();
    assert_eq!(code(&reference.cmd("upgrade", &reference.v2, &[])), 0);
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_mlops-kit"))
            .args(["upgrade", s(&sc.kit), "--blueprints", s(&sc.v2), "--force"])
            .output()
    };
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(spawn);
        let b = scope.spawn(spawn);
        (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
    });
    let codes = [code(&a), code(&b)];
    assert!(codes.contains(&0), "{}\n{}", stderr(&a), stderr(&b));
    for out in [&a, &b] {
        assert!(
            code(out) == 0 || stderr(out).contains("another mlops-kit is writing"),
            "{}",
            stderr(out)
        );
    }
    let mut got = snapshot(&sc.kit);
    let mut want = snapshot(&reference.kit);
    for m in [&mut got, &mut want] {
        m.retain(|p, _| p.starts_with(".mlops-kit/") || !p.starts_with('.'));
    }
    assert_same_files(&got, &want, "concurrent upgrades");
    assert_eq!(code(&sc.cmd("check", &sc.v2, &[])), 0);
}

fn generate_args(sc: &Scenario, out: &Path) -> GenerateArgs {
    GenerateArgs {
        file: Some(sc.answers.clone()),
        example: None,
        output: out.to_path_buf(),
        blueprints: Some(sc.v1.clone()),
        lang: None,
        check: false,
    }
}

#[test]
fn a_generate_killed_midway_is_never_a_kit_that_passes_check() {
    let sc = Scenario::new();
    let mut expected = snapshot(&sc.kit);
    expected.retain(|p, _| !p.starts_with(".git/"));
    let mut k = 0;
    loop {
        let dir = sc.root.path().join(format!("empty-{k}"));
        fs::create_dir(&dir).unwrap();
        let faults = Faults::crash_after(k);
        if generate_with_faults(&generate_args(&sc, &dir), &faults).is_ok() {
            assert!(k > 10, "generate writes every file");
            break;
        }
        let check = run(&["check", s(&dir), "--blueprints", s(&sc.v1)]);
        if dir.join(".mlops-kit/manifest.json").exists() {
            // Killed after the state folder was moved in, the last step: the kit is complete.
            let mut got = snapshot(&dir);
            got.retain(|p, _| !p.starts_with(".mlops-kit-staging/"));
            assert_same_files(&got, &expected, &format!("killed after {k}"));
            assert_eq!(code(&check), 0, "{}", stderr(&check));
        } else {
            assert_ne!(
                code(&check),
                0,
                "killed after {k} writes: {}",
                stderr(&check)
            );
            let plan = run(&["plan", s(&dir), "--blueprints", s(&sc.v1)]);
            assert_ne!(code(&plan), 0, "killed after {k} writes");
            // Generating again cleans up and writes the whole kit.
            let again = run(&[
                "generate",
                s(&sc.answers),
                "-o",
                s(&dir),
                "--blueprints",
                s(&sc.v1),
            ]);
            assert_eq!(code(&again), 0, "after {k}: {}", stderr(&again));
            assert_same_files(&snapshot(&dir), &expected, &format!("killed after {k}"));
        }
        k += 1;
    }
}

#[test]
fn generate_stages_inside_the_target_so_a_mount_point_works() {
    let sc = Scenario::new();
    let parent = sc.root.path().join("volumes");
    let target = parent.join("kit");
    fs::create_dir_all(&target).unwrap();
    // Nothing is created next to the target: the parent folder's entries and mtime stay as they were.
    let listing = |p: &Path| -> Vec<String> {
        fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let mtime = fs::metadata(&parent).unwrap().modified().unwrap();
    let out = run(&[
        "generate",
        s(&sc.answers),
        "-o",
        s(&target),
        "--blueprints",
        s(&sc.v1),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(listing(&parent), ["kit"]);
    assert_eq!(fs::metadata(&parent).unwrap().modified().unwrap(), mtime);
    // A real mount point (a tmpfs: another device), where this machine allows mounting one.
    let mount = sc.root.path().join("mnt");
    fs::create_dir(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "tmpfs", s(&mount)])
        .output()
        .is_ok_and(|o| o.status.success());
    if mounted {
        struct Unmount<'a>(&'a Path);
        impl Drop for Unmount<'_> {
            fn drop(&mut self) {
                let _ = Command::new("umount").arg(self.0).status();
            }
        }
        let _guard = Unmount(&mount);
        let out = run(&[
            "generate",
            s(&sc.answers),
            "-o",
            s(&mount),
            "--blueprints",
            s(&sc.v1),
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_eq!(
            code(&run(&["check", s(&mount), "--blueprints", s(&sc.v1)])),
            0
        );
    }
}

#[test]
fn a_conflict_with_only_the_outer_markers_removed_is_still_a_conflict() {
    let sc = Scenario::new();
    conflicting_edit(&sc);
    assert_eq!(code(&sc.cmd("upgrade", &sc.v2, &[])), 3);
    let half: String = read(&sc.kit, STORAGE)
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("<<<<<<<") && !l.starts_with(">>>>>>>"))
        .collect();
    assert!(half.contains("|||||||") && half.contains("=======\n"));
    write(&sc.kit, STORAGE, &half);
    commit_all(&sc.kit);
    let check = sc.cmd("check", &sc.v2, &[]);
    assert_eq!(code(&check), 3, "{}", stderr(&check));
    assert!(stderr(&check).contains(STORAGE));
    assert_eq!(code(&sc.cmd("upgrade", &sc.v2, &[])), 1);
}

#[test]
fn a_kit_written_by_a_newer_mlops_kit_is_not_downgraded_without_force() {
    let sc = Scenario::new();
    let manifest = read(&sc.kit, ".mlops-kit/manifest.json").replace(
        &format!("\"version\": \"{}\"", mlops_kit::VERSION),
        "\"version\": \"99.0.0\"",
    );
    write(&sc.kit, ".mlops-kit/manifest.json", &manifest);
    commit_all(&sc.kit);
    let before = snapshot(&sc.kit);
    let out = sc.cmd("upgrade", &sc.v2, &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("mlops-kit 99.0.0, newer"),
        "{}",
        stderr(&out)
    );
    assert_same_files(&snapshot(&sc.kit), &before, "refused");
    let check = sc.cmd("check", &sc.v2, &[]);
    assert_eq!(code(&check), 1, "{}", stderr(&check));
    assert!(stdout(&sc.cmd("plan", &sc.v2, &[])).contains("newer than this mlops-kit"));
    let forced = sc.cmd("upgrade", &sc.v2, &["--force"]);
    assert_eq!(code(&forced), 0, "{}", stderr(&forced));
    assert!(read(&sc.kit, ".mlops-kit/manifest.json").contains(mlops_kit::VERSION));
}

#[test]
fn the_git_guard_refuses_when_git_cannot_answer() {
    let sc = Scenario::new();
    write(&sc.kit, "README.md", "uncommitted edit\n");
    let no_git = sc.root.path().join("no-git-bin");
    fs::create_dir(&no_git).unwrap();
    let without_git = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_mlops-kit"))
            .args(["upgrade", s(&sc.kit), "--blueprints", s(&sc.v2)])
            .args(extra)
            .env("PATH", &no_git)
            .output()
            .unwrap()
    };
    let before = snapshot(&sc.kit);
    let out = without_git(&[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("git cannot answer"),
        "{}",
        stderr(&out)
    );
    assert_same_files(&snapshot(&sc.kit), &before, "refused");
    let forced = without_git(&["--force"]);
    assert_eq!(code(&forced), 0, "{}", stderr(&forced));
    // Outside any repository there is nothing to ask git.
    fs::remove_dir_all(sc.kit.join(".git")).unwrap();
    write(&sc.kit, "README.md", "another edit\n");
    let out = Command::new(env!("CARGO_BIN_EXE_mlops-kit"))
        .args(["upgrade", s(&sc.kit), "--blueprints", s(&sc.v2)])
        .env("PATH", &no_git)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn every_read_is_bounded() {
    let sc = Scenario::new();
    let target = sc.root.path().join("never");
    let out = run(&["generate", "/dev/zero", "-o", s(&target)]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("larger than 1048576 bytes"),
        "{}",
        stderr(&out)
    );
    assert!(!target.exists());
    for command in ["plan", "upgrade"] {
        let out = sc.cmd(command, &sc.v2, &["--answers", "/dev/zero"]);
        assert_eq!(code(&out), 1, "{command}");
        assert!(stderr(&out).contains("larger than"), "{}", stderr(&out));
    }
    // A kit file replaced by a huge file or a pipe is an error naming it, not a hang or 2 GB.
    let before = snapshot(&sc.kit);
    fs::write(sc.kit.join("README.md"), vec![b'x'; 2 * 1024 * 1024]).unwrap();
    let out = sc.cmd("plan", &sc.v2, &[]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("README.md` is larger than"),
        "{}",
        stderr(&out)
    );
    fs::remove_file(sc.kit.join("README.md")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(sc.kit.join("README.md"))
            .status()
            .unwrap()
            .success()
    );
    let out = sc.cmd("check", &sc.v2, &[]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    fs::remove_file(sc.kit.join("README.md")).unwrap();
    git(&sc.kit, &["checkout", "--", "README.md"]);
    assert_same_files(&snapshot(&sc.kit), &before, "restored");
}

#[test]
fn a_second_yaml_document_is_refused_by_generate() {
    let sc = Scenario::new();
    let two = sc.root.path().join("two.yaml");
    fs::write(
        &two,
        format!(
            "{}---\nversion: 1\n",
            fs::read_to_string(&sc.answers).unwrap()
        ),
    )
    .unwrap();
    let target = sc.root.path().join("two-kit");
    let out = run(&["generate", s(&two), "-o", s(&target)]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("a second YAML document starts here"),
        "{}",
        stderr(&out)
    );
    assert!(!target.exists());
}

#[test]
fn the_plan_shows_the_blueprint_change_a_renamed_file_missed() {
    let sc = Scenario::new();
    git(
        &sc.kit,
        &["mv", STORAGE, "terraform/modules/platform/buckets.tf"],
    );
    commit_all(&sc.kit);
    let text = stdout(&sc.cmd("plan", &sc.v2, &[]));
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("user-deleted") && l.ends_with(STORAGE)),
        "{text}"
    );
    assert!(
        text.contains("was deleted (or renamed) in the kit"),
        "{text}"
    );
    assert!(text.contains("-  public_access_prevention    = \"inherited\"\n+  public_access_prevention    = \"enforced\"\n"), "{text}");
    let md = stdout(&sc.cmd("plan", &sc.v2, &["--format", "markdown"]));
    assert!(
        md.contains("### Blueprint changes to files you deleted or renamed"),
        "{md}"
    );
    assert!(
        md.contains("+  public_access_prevention    = \"enforced\""),
        "{md}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&sc.cmd("plan", &sc.v2, &["--format", "json"]))).unwrap();
    let file = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == STORAGE)
        .unwrap();
    assert!(
        file["missed_diff"]
            .as_str()
            .unwrap()
            .contains("\"enforced\"")
    );
}

#[test]
fn an_obsolete_file_already_deleted_is_not_counted_as_deleted() {
    let sc = Scenario::new();
    fs::remove_file(sc.kit.join("scripts/obsolete.sh")).unwrap();
    commit_all(&sc.kit);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&sc.cmd("plan", &sc.v2, &["--format", "json"]))).unwrap();
    assert!(json["summary"].get("delete").is_none(), "{json}");
    let out = sc.cmd("upgrade", &sc.v2, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains(" 0 deleted"), "{}", stderr(&out));
    assert_eq!(code(&sc.cmd("check", &sc.v2, &[])), 0);
}

// ---------------------------------------------------------------------------------------------------
// The property: whatever happens, `check` never says "up to date" about a kit that is not what an
// uninterrupted upgrade gives, apart from the user's own edits.

#[derive(Debug, Clone)]
enum Step {
    /// Insert a user line into a generated file (index into the kit's files, line number).
    Edit(usize, usize),
    /// Commit everything.
    Commit,
    /// An upgrade killed after this many writes.
    Interrupt(usize),
    /// An upgrade killed after this many writes past its commit point (its files half moved).
    InterruptCommitted(usize),
    /// `git checkout -- .`: the work tree restored from the last commit.
    Restore,
    /// Two upgrades started at once.
    Concurrent,
    /// A plain upgrade.
    Upgrade,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..64, 0usize..64).prop_map(|(f, l)| Step::Edit(f, l)),
        2 => Just(Step::Commit),
        2 => (0usize..40).prop_map(Step::Interrupt),
        3 => (0usize..12).prop_map(Step::InterruptCommitted),
        3 => Just(Step::Restore),
        1 => Just(Step::Concurrent),
        1 => Just(Step::Upgrade),
    ]
}

const USER_MARK: &str = "# user edit ";

fn forced(sc: &Scenario) -> UpgradeArgs {
    upgrade_args(sc, &sc.v2)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn check_never_passes_a_kit_that_differs_from_an_uninterrupted_upgrade(
        steps in prop::collection::vec(step(), 1..8),
    ) {
        let sc = Scenario::new();
        let paths: Vec<String> = generated_paths(&sc)
            .into_iter()
            .filter(|p| sc.kit.join(p).exists())
            .collect();
        for (i, step) in steps.iter().enumerate() {
            match step {
                Step::Edit(f, l) => {
                    let path = &paths[f % paths.len()];
                    if let Ok(text) = fs::read_to_string(sc.kit.join(path)) {
                        let mut lines: Vec<&str> = text.lines().collect();
                        let line = format!("{USER_MARK}{i}");
                        lines.insert(l % (lines.len() + 1), &line);
                        write(&sc.kit, path, &(lines.join("\n") + "\n"));
                    }
                }
                Step::Commit => commit_all(&sc.kit),
                Step::Interrupt(k) => {
                    let _ = upgrade_with_faults(&forced(&sc), &Faults::crash_after(*k));
                }
                Step::InterruptCommitted(k) => {
                    let _ = upgrade_with_faults(&forced(&sc), &Faults::after_commit(*k));
                }
                Step::Restore => git(&sc.kit, &["checkout", "--", "."]),
                Step::Concurrent => {
                    std::thread::scope(|scope| {
                        let runs: Vec<_> = (0..2)
                            .map(|_| scope.spawn(|| sc.cmd("upgrade", &sc.v2, &["--force"])))
                            .collect();
                        for r in runs {
                            let _ = r.join().unwrap();
                        }
                    });
                }
                Step::Upgrade => {
                    let _ = sc.cmd("upgrade", &sc.v2, &["--force"]);
                }
            }
        }
        // The user finishes: upgrades until nothing is left to do.
        for _ in 0..3 {
            let _ = sc.cmd("upgrade", &sc.v2, &["--force"]);
        }
        let check = sc.cmd("check", &sc.v2, &[]);
        if code(&check) == 0 {
            // The reference: the same kit upgraded without interruption and without edits.
            let reference = Scenario::new();
            prop_assert_eq!(code(&reference.cmd("upgrade", &reference.v2, &[])), 0);
            let want = snapshot(&reference.kit);
            let got = snapshot(&sc.kit);
            let strip = |bytes: &Vec<u8>| -> String {
                String::from_utf8_lossy(bytes)
                    .split_inclusive('\n')
                    .filter(|l| !l.starts_with(USER_MARK))
                    .collect()
            };
            for path in want.keys().chain(got.keys()).collect::<BTreeSet<_>>() {
                match (got.get(path), want.get(path)) {
                    (Some(g), Some(w)) => prop_assert_eq!(
                        strip(g), strip(w), "{} differs beyond the user's lines", path
                    ),
                    // An obsolete file the user edited is kept: it is the user's.
                    (Some(g), None) => prop_assert!(
                        String::from_utf8_lossy(g).contains(USER_MARK),
                        "{} is not what an upgrade leaves", path
                    ),
                    (None, _) => prop_assert!(false, "{} is missing while check says up to date", path),
                }
            }
        } else {
            prop_assert!(
                code(&check) == 3 || code(&check) == 2,
                "check exits 2 or 3 when not up to date: {}",
                stderr(&check)
            );
        }
    }
}
