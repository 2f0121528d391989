//! Atomic writes. A new kit is written to a sibling temporary folder and renamed into place. An
//! upgrade stages every new content under `.mlops-kit/txn/`, commits a journal (one rename), then
//! moves the staged files into place; a run interrupted after the commit is finished by the next
//! `upgrade` (a redo log), and `check` reports it. Before the commit nothing in the kit has changed.
//!
//! Replaying never overwrites content it did not expect: a target that changed since the journal was
//! written keeps the user's content and the new version is put next to it as `<file>.mlops-kit-new`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::state::{self, TXN_DIR};

/// Test hook: makes a writer fail after a number of file operations, to prove that an interrupted
/// write leaves a kit that the next run accepts or repairs. `Faults::default()` never fails.
#[derive(Debug, Clone, Copy, Default)]
pub struct Faults {
    /// Fail after this many files were written (new kit) or moved into place (upgrade).
    pub fail_after: Option<usize>,
}

impl Faults {
    fn tick(&self, done: usize) -> anyhow::Result<()> {
        if self.fail_after.is_some_and(|n| done >= n) {
            anyhow::bail!("simulated write failure after {done} file operations (test hook)");
        }
        Ok(())
    }
}

fn write_synced(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    let mut file =
        fs::File::create(path).with_context(|| format!("cannot create `{}`", path.display()))?;
    file.write_all(content)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    file.sync_all()
        .with_context(|| format!("cannot flush `{}`", path.display()))?;
    Ok(())
}

/// Writes a whole new kit: every file into `DIR.mlops-kit-tmp-N` next to `dir`, then one rename.
/// `dir` must not exist or be an empty folder. On failure the temporary folder is removed and `dir`
/// is left as it was.
pub fn write_new_kit(
    dir: &Path,
    files: &BTreeMap<String, String>,
    faults: Faults,
) -> anyhow::Result<()> {
    // An existing (empty) folder may be given as `.` or `..`: name it by its real path.
    let existing = dir.is_dir();
    let dir = if existing {
        dir.canonicalize()
            .with_context(|| format!("cannot resolve `{}`", dir.display()))?
    } else {
        dir.to_path_buf()
    };
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .with_context(|| format!("`{}` does not name a folder", dir.display()))?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
    let mut tmp = None;
    for n in 0..1000 {
        let candidate = parent.join(format!("{name}.mlops-kit-tmp-{}-{n}", std::process::id()));
        match fs::create_dir(&candidate) {
            Ok(()) => {
                tmp = Some(candidate);
                break;
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(err) => {
                return Err(err)
                    .with_context(|| format!("cannot create `{}`", candidate.display()));
            }
        }
    }
    let tmp = tmp.context("cannot find a free temporary folder name next to the kit")?;
    let result = (|| {
        for (done, (path, content)) in files.iter().enumerate() {
            faults.tick(done)?;
            write_synced(&state::join(&tmp, path), content.as_bytes())?;
        }
        faults.tick(files.len())?;
        if existing {
            move_entries_into(&tmp, &dir)?;
            fs::remove_dir(&tmp).with_context(|| format!("cannot remove `{}`", tmp.display()))
        } else {
            fs::rename(&tmp, &dir)
                .with_context(|| format!("cannot move `{}` to `{}`", tmp.display(), dir.display()))
        }
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// Moves every top-level entry of `from` into the empty folder `to` (which may be the current
/// folder, so it is not replaced). On failure the entries already moved are removed again, so `to`
/// is left empty as it was.
fn move_entries_into(from: &Path, to: &Path) -> anyhow::Result<()> {
    let mut moved = Vec::new();
    let result = (|| {
        for entry in
            fs::read_dir(from).with_context(|| format!("cannot list `{}`", from.display()))?
        {
            let entry = entry.with_context(|| format!("cannot list `{}`", from.display()))?;
            let dest = to.join(entry.file_name());
            fs::rename(entry.path(), &dest)
                .with_context(|| format!("cannot move a new file into `{}`", to.display()))?;
            moved.push(dest);
        }
        Ok(())
    })();
    if result.is_err() {
        for path in moved {
            let _ = if path.is_dir() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
        }
    }
    result
}

/// The journal of an upgrade: every file operation, with the hash expected before and after.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Journal {
    /// Operations in the order they are applied (working files, then bases, answers, manifest last).
    pub ops: Vec<JournalOp>,
}

/// One file operation of an upgrade.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalOp {
    /// Path relative to the kit.
    pub target: String,
    /// Staged content, relative to `.mlops-kit/txn/` (`None`: delete the target).
    pub staged: Option<String>,
    /// sha256 of the target when the upgrade was planned (`None`: absent).
    pub before: Option<String>,
    /// sha256 of the new content (`None`: deleted).
    pub after: Option<String>,
}

const JOURNAL: &str = "journal.json";

fn txn_dir(dir: &Path) -> PathBuf {
    state::join(dir, TXN_DIR)
}

/// Whether an interrupted upgrade left a committed journal to finish.
#[must_use]
pub fn pending(dir: &Path) -> bool {
    txn_dir(dir).join(JOURNAL).is_file()
}

fn check_target(target: &str) -> anyhow::Result<()> {
    let checked = match target.strip_prefix(".mlops-kit/") {
        Some("manifest.json" | "answers.yaml" | "answers.json") => Ok(()),
        Some(rest) => match rest.strip_prefix("base/") {
            Some(rel) => state::check_relative_path(rel),
            None => Err(format!("`{target}` is not a file of mlops-kit's state")),
        },
        None => state::check_relative_path(target),
    };
    checked.map_err(|why| anyhow::anyhow!("refusing to write: {why}"))
}

/// Applies a set of changes to a kit atomically: `changes` maps a path relative to the kit to its new
/// content (`None`: delete). Returns warnings to show the user.
///
/// # Panics
///
/// Never: serializing the journal (strings only) cannot fail.
pub fn apply(
    dir: &Path,
    changes: &[(String, Option<String>)],
    faults: Faults,
) -> anyhow::Result<Vec<String>> {
    if pending(dir) {
        anyhow::bail!(
            "an interrupted upgrade must be finished first (`mlops-kit upgrade` does it)"
        );
    }
    let txn = txn_dir(dir);
    if txn.exists() {
        fs::remove_dir_all(&txn)
            .with_context(|| format!("cannot remove a stale `{}`", txn.display()))?;
    }
    // Every target is checked before anything is staged.
    for (target, _) in changes {
        check_target(target)?;
        state::check_no_symlink_parents(dir, target)?;
    }
    let staged = stage(dir, &txn, changes);
    if staged.is_err() {
        let _ = fs::remove_dir_all(&txn);
    }
    staged?;
    // The commit point: once the journal exists, the upgrade is finished by replaying it.
    fs::rename(txn.join("journal.json.tmp"), txn.join(JOURNAL))
        .context("cannot commit the upgrade journal")?;
    replay(dir, faults)
}

/// Writes every new content and the uncommitted journal (`journal.json.tmp`) under `txn`.
fn stage(dir: &Path, txn: &Path, changes: &[(String, Option<String>)]) -> anyhow::Result<()> {
    let mut ops = Vec::with_capacity(changes.len());
    for (i, (target, content)) in changes.iter().enumerate() {
        let before =
            state::read_optional(&state::join(dir, target))?.map(|t| state::sha256_hex(&t));
        let staged = match content {
            Some(content) => {
                let rel = format!("files/{i}");
                write_synced(&txn.join(&rel), content.as_bytes())?;
                Some(rel)
            }
            None => None,
        };
        ops.push(JournalOp {
            target: target.clone(),
            staged,
            before,
            after: content.as_deref().map(state::sha256_hex),
        });
    }
    let journal = Journal { ops };
    let mut text = serde_json::to_string_pretty(&journal).expect("a journal always serializes");
    text.push('\n');
    write_synced(&txn.join("journal.json.tmp"), text.as_bytes())
}

/// Finishes an interrupted upgrade, or discards one that had not committed. Returns warnings; an
/// empty list when there was nothing to do.
pub fn recover(dir: &Path) -> anyhow::Result<Vec<String>> {
    let txn = txn_dir(dir);
    if pending(dir) {
        let mut warnings = vec!["finished an upgrade that was interrupted".to_owned()];
        warnings.extend(replay(dir, Faults::default())?);
        return Ok(warnings);
    }
    if txn.exists() {
        fs::remove_dir_all(&txn).with_context(|| format!("cannot remove `{}`", txn.display()))?;
    }
    Ok(Vec::new())
}

fn replay(dir: &Path, faults: Faults) -> anyhow::Result<Vec<String>> {
    let txn = txn_dir(dir);
    let text = fs::read_to_string(txn.join(JOURNAL)).context("cannot read the upgrade journal")?;
    let journal: Journal = serde_json::from_str(&text).context("the upgrade journal is damaged")?;
    let mut warnings = Vec::new();
    for (done, op) in journal.ops.iter().enumerate() {
        faults.tick(done)?;
        check_target(&op.target)?;
        state::check_no_symlink_parents(dir, &op.target)?;
        let target = state::join(dir, &op.target);
        let current = state::read_optional(&target)?.map(|t| state::sha256_hex(&t));
        let expected = current == op.before || current == op.after;
        if let Some(staged) = &op.staged {
            let staged = txn.join(staged);
            if !staged.exists() {
                continue; // already moved into place
            }
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create `{}`", parent.display()))?;
            }
            let dest = if expected {
                target.clone()
            } else {
                let mut aside = target.clone().into_os_string();
                aside.push(".mlops-kit-new");
                warnings.push(format!(
                    "`{t}` changed while the upgrade was interrupted; your version is kept and the new one is in `{t}.mlops-kit-new`",
                    t = op.target
                ));
                PathBuf::from(aside)
            };
            fs::rename(&staged, &dest)
                .with_context(|| format!("cannot move the new `{}` into place", op.target))?;
        } else {
            if current.is_none() {
                continue;
            }
            if current == op.before {
                fs::remove_file(&target)
                    .with_context(|| format!("cannot delete `{}`", op.target))?;
                remove_empty_parents(dir, &target);
            } else {
                warnings.push(format!(
                    "`{}` changed while the upgrade was interrupted; it was not deleted",
                    op.target
                ));
            }
        }
    }
    fs::remove_dir_all(&txn).with_context(|| format!("cannot remove `{}`", txn.display()))?;
    Ok(warnings)
}

/// Removes folders left empty by a deletion, up to (not including) the kit folder.
fn remove_empty_parents(dir: &Path, file: &Path) {
    let mut cur = file.parent();
    while let Some(folder) = cur {
        if folder == dir || !folder.starts_with(dir) || fs::remove_dir(folder).is_err() {
            break;
        }
        cur = folder.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("mlops-kit-txn-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn new_kit_is_all_or_nothing() {
        let root = scratch("new");
        let dir = root.join("kit");
        let mut files = BTreeMap::new();
        files.insert("a/b.txt".to_owned(), "b\n".to_owned());
        files.insert("c.txt".to_owned(), "c\n".to_owned());
        let err = write_new_kit(
            &dir,
            &files,
            Faults {
                fail_after: Some(1),
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("simulated"));
        assert!(!dir.exists());
        assert_eq!(
            fs::read_dir(&root).unwrap().count(),
            0,
            "temporary folder left behind"
        );
        fs::create_dir(&dir).unwrap();
        assert!(
            write_new_kit(
                &dir,
                &files,
                Faults {
                    fail_after: Some(2)
                }
            )
            .is_err()
        );
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            0,
            "the empty folder stays empty"
        );
        write_new_kit(&dir, &files, Faults::default()).unwrap();
        assert_eq!(fs::read_to_string(dir.join("a/b.txt")).unwrap(), "b\n");
        assert_eq!(fs::read_dir(&root).unwrap().count(), 1);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn interrupted_upgrade_is_finished_by_recover() {
        let dir = scratch("upgrade");
        fs::write(dir.join("keep.txt"), "old\n").unwrap();
        fs::write(dir.join("gone.txt"), "bye\n").unwrap();
        let changes = vec![
            ("keep.txt".to_owned(), Some("new\n".to_owned())),
            ("sub/new.txt".to_owned(), Some("fresh\n".to_owned())),
            ("gone.txt".to_owned(), None),
        ];
        assert!(
            apply(
                &dir,
                &changes,
                Faults {
                    fail_after: Some(1)
                }
            )
            .is_err()
        );
        assert!(pending(&dir));
        assert_eq!(fs::read_to_string(dir.join("keep.txt")).unwrap(), "new\n");
        assert!(!dir.join("sub/new.txt").exists());
        // The user edits a file the journal still has to delete: it must survive.
        fs::write(dir.join("gone.txt"), "edited meanwhile\n").unwrap();
        let warnings = recover(&dir).unwrap();
        assert!(!pending(&dir));
        assert!(
            warnings.iter().any(|w| w.contains("gone.txt")),
            "{warnings:?}"
        );
        assert_eq!(
            fs::read_to_string(dir.join("sub/new.txt")).unwrap(),
            "fresh\n"
        );
        assert_eq!(
            fs::read_to_string(dir.join("gone.txt")).unwrap(),
            "edited meanwhile\n"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn writes_outside_the_kit_are_refused() {
        let dir = scratch("outside");
        for bad in [
            "../x",
            "/tmp/x",
            ".mlops-kit/txn/x",
            ".mlops-kit/base/../../x",
        ] {
            assert!(
                apply(
                    &dir,
                    &[(bad.to_owned(), Some("x".to_owned()))],
                    Faults::default()
                )
                .is_err(),
                "{bad}"
            );
        }
        fs::remove_dir_all(&dir).unwrap();
    }
}
