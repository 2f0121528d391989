//! Atomic writes.
//!
//! A new kit is staged inside the target folder (`DIR/.mlops-kit-staging/`, so a mount point works:
//! nothing crosses a device) and its entries are moved into place with the state folder last, so a
//! folder without `.mlops-kit/manifest.json` is never mistaken for a kit. A generate stopped midway is
//! undone by the next one, after checking that every file it finds is one it wrote.
//!
//! An upgrade stages every new content under `.mlops-kit/txn/`, commits a journal (one rename), then
//! reconciles the kit with it; a run interrupted after the commit is finished by the next `upgrade` (a
//! redo log), and `check` reports it. Before the commit nothing in the kit has changed.
//!
//! `.mlops-kit/` lives in client repositories many people push to, so a journal is input, not trusted
//! state. It is accepted only when it is sealed (a digest of its contents and of the staging folder
//! this machine created, so a journal copied or committed from elsewhere does not match), tied to the
//! manifest it upgrades from, every staged file is `files|bases|old/<n>` of its own operation with the
//! recorded hash, and every target is a kit path (never under `.git/` or a state folder, never through
//! a symbolic link) that the manifest lists or the blueprints can produce.
//!
//! Replaying never overwrites content it did not expect, and never records a file as upgraded when
//! it is not: a target that changed since the journal was written (or was restored, e.g. by
//! `git checkout`) keeps its content, the new version is put next to it as `<file>.mlops-kit-new`
//! when it is still staged, and its merge base stays the old one, so the next upgrade merges again.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::state::{self, BASE_DIR, MANIFEST, Manifest, ManifestFile, STATE_DIR, TXN_DIR};

/// Test hook: makes a writer fail before its n-th write (staged file, move, base, manifest), to prove
/// that a run interrupted at any write leaves a kit that the next run accepts or repairs.
/// `Faults::default()` never fails.
#[derive(Debug, Default)]
pub struct Faults {
    fail_after: Option<usize>,
    from_commit: bool,
    crash: bool,
    crashed: Cell<bool>,
    committed: Cell<bool>,
    done: Cell<usize>,
}

impl Faults {
    /// Fails once `n` writes were done.
    #[must_use]
    pub fn after(n: usize) -> Self {
        Self {
            fail_after: Some(n),
            ..Self::default()
        }
    }

    /// Fails once `n` writes were done after an upgrade's journal was committed (`0`: right after
    /// the commit, before any file of the kit changed).
    #[must_use]
    pub fn after_commit(n: usize) -> Self {
        Self {
            fail_after: Some(n),
            from_commit: true,
            ..Self::default()
        }
    }

    /// Like [`Faults::after`], but the failure is a crash (the process killed): nothing is cleaned
    /// up after it, as after `kill -9` or a power cut.
    #[must_use]
    pub fn crash_after(n: usize) -> Self {
        Self {
            fail_after: Some(n),
            crash: true,
            ..Self::default()
        }
    }

    /// Whether a simulated crash happened: callers skip their clean-up, as a killed process would.
    #[must_use]
    pub fn crashed(&self) -> bool {
        self.crashed.get()
    }

    /// Number of writes counted so far.
    #[must_use]
    pub fn writes(&self) -> usize {
        self.done.get()
    }

    fn commit(&self) {
        self.committed.set(true);
    }

    fn tick(&self) -> anyhow::Result<()> {
        if self.from_commit && !self.committed.get() {
            return Ok(());
        }
        let done = self.done.get();
        if self.fail_after.is_some_and(|n| done >= n) {
            self.crashed.set(self.crash);
            anyhow::bail!("simulated write failure after {done} writes (test hook)");
        }
        self.done.set(done + 1);
        Ok(())
    }
}

/// Creates `path` (and its folders) with `content`, flushed to disk.
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

/// Replaces `path` with `content` atomically (a flushed sibling, then a rename).
fn write_atomic(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".mlops-kit-tmp");
    let tmp = PathBuf::from(tmp);
    write_synced(&tmp, content)?;
    fs::rename(&tmp, path).with_context(|| format!("cannot replace `{}`", path.display()))
}

// ---------------------------------------------------------------------------------------------------
// a new kit

/// Folder inside the target where `generate` stages a new kit.
pub const STAGING: &str = ".mlops-kit-staging";

/// Writes a whole new kit into `dir`, which must not exist or be empty (a leftover of a stopped
/// generate is undone first). Files are staged in `dir/.mlops-kit-staging/`, then moved into `dir`,
/// the state folder last. On failure `dir` is left as it was (removed if this call created it).
/// The caller holds the lock on `dir` (see [`super::lock`]); `dir` must exist.
pub fn write_new_kit(
    dir: &Path,
    files: &BTreeMap<String, String>,
    faults: &Faults,
) -> anyhow::Result<()> {
    let staging = dir.join(STAGING);
    undo_stopped_generate(dir)?;
    let mut moved: Vec<PathBuf> = Vec::new();
    let result = (|| {
        fs::create_dir(&staging)
            .with_context(|| format!("cannot create `{}`", staging.display()))?;
        for (path, content) in files {
            faults.tick()?;
            write_synced(&state::join(&staging, path), content.as_bytes())?;
        }
        let mut entries: Vec<std::ffi::OsString> = fs::read_dir(&staging)
            .with_context(|| format!("cannot list `{}`", staging.display()))?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<Result<_, _>>()
            .with_context(|| format!("cannot list `{}`", staging.display()))?;
        // The state folder last: until it is in place, the folder is not a kit.
        entries.sort_by_key(|name| (name == STATE_DIR, name.clone()));
        for name in entries {
            faults.tick()?;
            let dest = dir.join(&name);
            if fs::symlink_metadata(&dest).is_ok() {
                anyhow::bail!(
                    "`{}` appeared while the kit was being written; nothing was kept",
                    dest.display()
                );
            }
            fs::rename(staging.join(&name), &dest)
                .with_context(|| format!("cannot move a new file into `{}`", dir.display()))?;
            moved.push(dest);
        }
        faults.tick()?;
        fs::remove_dir(&staging).with_context(|| format!("cannot remove `{}`", staging.display()))
    })();
    if result.is_err() && !faults.crashed() {
        for path in moved.iter().rev() {
            let _ = remove_any(path);
        }
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn remove_any(path: &Path) -> std::io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(err) => Err(err),
    }
}

/// Undoes a generate that was stopped (killed) while moving files into `dir`: every entry it finds
/// must be a file that generate wrote, as listed with its hash by the staged manifest; then they and
/// the staging folder are removed. Anything else is refused, so nothing is lost.
fn undo_stopped_generate(dir: &Path) -> anyhow::Result<()> {
    let staging = dir.join(STAGING);
    match fs::symlink_metadata(&staging) {
        Err(_) => return Ok(()),
        Ok(meta) if !meta.is_dir() || meta.file_type().is_symlink() => {
            anyhow::bail!(
                "`{}` is not a folder mlops-kit made; remove it or choose another folder",
                staging.display()
            );
        }
        Ok(_) => {}
    }
    let manifest = state::read_optional(&state::join(&staging, MANIFEST))
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str::<Manifest>(&text).ok());
    let listed: BTreeMap<&str, &str> = manifest
        .as_ref()
        .map(|m| {
            m.files
                .iter()
                .map(|f| (f.path.as_str(), f.sha256.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let mut ours = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list `{}`", dir.display()))? {
        let entry = entry.with_context(|| format!("cannot list `{}`", dir.display()))?;
        if entry.file_name() == STAGING {
            continue;
        }
        for file in walkdir::WalkDir::new(entry.path()) {
            let file = file.with_context(|| format!("cannot list `{}`", dir.display()))?;
            if file.file_type().is_dir() {
                continue;
            }
            let rel = file
                .path()
                .strip_prefix(dir)
                .expect("walkdir yields paths under its root")
                .to_string_lossy()
                .replace('\\', "/");
            let matches = file.file_type().is_file()
                && listed.get(rel.as_str()).is_some_and(|sha| {
                    state::read_optional(file.path())
                        .ok()
                        .flatten()
                        .is_some_and(|text| state::sha256_hex(&text) == *sha)
                });
            if !matches {
                anyhow::bail!(
                    "`{}` holds a generate that was stopped midway and `{rel}`, which that generate did not write; move it away (or remove the folder) and generate again",
                    dir.display()
                );
            }
        }
        ours.push(entry.path());
    }
    for path in ours {
        remove_any(&path).with_context(|| format!("cannot remove `{}`", path.display()))?;
    }
    fs::remove_dir_all(&staging)
        .with_context(|| format!("cannot remove `{}`", staging.display()))?;
    eprintln!(
        "note: removed the files of a generate of `{}` that was stopped midway",
        dir.display()
    );
    Ok(())
}

/// Whether `dir` holds a generate stopped midway (its staging folder).
#[must_use]
pub fn stopped_generate(dir: &Path) -> bool {
    dir.join(STAGING).exists()
}

// ---------------------------------------------------------------------------------------------------
// an upgrade

/// One tracked path of an upgrade, as planned.
#[derive(Debug, Clone)]
pub struct PlannedFile {
    /// Path relative to the kit.
    pub path: String,
    /// Content on disk when planned, as the plan read it (line endings normalised).
    pub disk: Option<String>,
    /// Content the upgrade leaves on disk.
    pub result: Option<String>,
    /// Merge base before.
    pub old_base: Option<String>,
    /// Merge base after.
    pub new_base: Option<String>,
}

/// Everything an upgrade records, besides the files.
#[derive(Debug, Clone)]
pub struct PlannedUpgrade {
    /// Every path generated before or now, sorted.
    pub files: Vec<PlannedFile>,
    /// Questionnaire format version recorded in the new manifest.
    pub questionnaire_version: u32,
    /// Answers file name before (`answers.yaml` or `answers.json`).
    pub old_answers: String,
    /// Answers file name after.
    pub new_answers: String,
    /// New answers text, when it changes.
    pub answers_text: Option<String>,
    /// Language of the kit's documents, recorded in the new manifest.
    pub language: crate::i18n::Language,
}

/// The journal of an upgrade.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Journal {
    /// mlops-kit version that planned it (recorded in the new manifest).
    pub tool_version: String,
    /// sha256 of the manifest the upgrade starts from.
    pub from_manifest: String,
    /// Questionnaire format version of the new manifest.
    pub questionnaire_version: u32,
    /// Answers file name before.
    pub old_answers: String,
    /// Answers file name after.
    pub new_answers: String,
    /// sha256 of the new answers (staged as `answers`), when they change.
    pub answers_sha256: Option<String>,
    /// Language of the new manifest (absent: English, as journals before languages existed).
    #[serde(default)]
    pub language: crate::i18n::Language,
    /// Every tracked path, sorted.
    pub files: Vec<JournalFile>,
    /// Digest of everything above and of the staging folder's identity.
    pub seal: String,
}

/// One tracked path in the journal. Staged contents are `files/<n>` (the new working file),
/// `bases/<n>` (new merge base) and `old/<n>` (old merge base, to restore when the working file
/// could not be brought to the new version), `n` the index in [`Journal::files`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalFile {
    /// Path relative to the kit.
    pub path: String,
    /// sha256 of the file on disk when staged (`None`: absent).
    pub before: Option<String>,
    /// sha256 of the content the upgrade leaves (`None`: absent).
    pub after: Option<String>,
    /// sha256 of the merge base before (`None`: not tracked).
    pub old_base: Option<String>,
    /// sha256 of the merge base after (`None`: not tracked).
    pub new_base: Option<String>,
}

const JOURNAL: &str = "journal.json";

fn txn_dir(dir: &Path) -> PathBuf {
    state::join(dir, TXN_DIR)
}

/// Whether an interrupted upgrade left a committed journal to finish.
#[must_use]
pub fn pending(dir: &Path) -> bool {
    fs::symlink_metadata(txn_dir(dir).join(JOURNAL)).is_ok()
}

fn hash_of(text: Option<&str>) -> Option<String> {
    text.map(state::sha256_hex)
}

/// Identity of the staging folder: a journal is bound to the folder its own run created, so a
/// journal committed to git or copied from another machine does not verify.
fn folder_identity(txn: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        fs::symlink_metadata(txn).map_or_else(
            |_| "missing".to_owned(),
            |m| format!("{}:{}", m.dev(), m.ino()),
        )
    }
    #[cfg(not(unix))]
    {
        let _ = txn;
        String::new()
    }
}

fn seal_of(journal: &Journal, txn: &Path) -> String {
    let mut unsealed = journal.clone();
    unsealed.seal = String::new();
    let text = serde_json::to_string(&unsealed).expect("a journal always serializes");
    state::sha256_hex(&format!("{text}\n{}", folder_identity(txn)))
}

fn staged_name(kind: &str, i: usize) -> String {
    format!("{kind}/{i}")
}

/// Applies a planned upgrade atomically. Returns warnings to show the user.
pub fn apply(dir: &Path, planned: &PlannedUpgrade, faults: &Faults) -> anyhow::Result<Vec<String>> {
    if pending(dir) {
        anyhow::bail!(
            "an interrupted upgrade must be finished first (`mlops-kit upgrade` does it)"
        );
    }
    let txn = txn_dir(dir);
    state::check_state_folder(dir, STATE_DIR)?;
    state::check_state_folder(dir, TXN_DIR)?;
    if txn.exists() {
        fs::remove_dir_all(&txn)
            .with_context(|| format!("cannot remove a stale `{}`", txn.display()))?;
    }
    for file in &planned.files {
        state::check_relative_path(&file.path).map_err(|why| anyhow::anyhow!("refusing: {why}"))?;
        state::check_no_symlink_parents(dir, &file.path)?;
        state::check_no_symlink_parents(dir, &format!("{BASE_DIR}/{}", file.path))?;
    }
    let staged = stage(dir, &txn, planned, faults);
    if staged.is_err() && !faults.crashed() {
        let _ = fs::remove_dir_all(&txn);
    }
    staged?;
    // The commit point: once the journal exists, the upgrade is finished by replaying it.
    faults.tick()?;
    fs::rename(txn.join("journal.json.tmp"), txn.join(JOURNAL))
        .context("cannot commit the upgrade journal")?;
    faults.commit();
    replay(dir, &|_| true, faults)
}

/// Writes every new content and the uncommitted journal (`journal.json.tmp`) under `txn`.
fn stage(dir: &Path, txn: &Path, planned: &PlannedUpgrade, faults: &Faults) -> anyhow::Result<()> {
    fs::create_dir(txn).with_context(|| format!("cannot create `{}`", txn.display()))?;
    let manifest_text = state::read_optional(&state::join(dir, MANIFEST))?
        .context("the manifest disappeared while the upgrade was planned")?;
    let mut files = Vec::with_capacity(planned.files.len());
    for (i, file) in planned.files.iter().enumerate() {
        let on_disk = state::read_optional(&state::join(dir, &file.path))?;
        // The plan read the same file (with CRLF normalised); a change since then is not merged.
        if on_disk.as_deref().map(|t| t.replace("\r\n", "\n")) != file.disk {
            anyhow::bail!(
                "`{}` changed while the upgrade was being planned; nothing was changed, run the upgrade again",
                file.path
            );
        }
        let before = hash_of(on_disk.as_deref());
        let after = if file.disk == file.result {
            before.clone()
        } else {
            hash_of(file.result.as_deref())
        };
        if before != after
            && let Some(content) = &file.result
        {
            faults.tick()?;
            write_synced(&txn.join(staged_name("files", i)), content.as_bytes())?;
        }
        if file.old_base != file.new_base {
            if let Some(content) = &file.new_base {
                faults.tick()?;
                write_synced(&txn.join(staged_name("bases", i)), content.as_bytes())?;
            }
            if let Some(content) = &file.old_base {
                faults.tick()?;
                write_synced(&txn.join(staged_name("old", i)), content.as_bytes())?;
            }
        }
        files.push(JournalFile {
            path: file.path.clone(),
            before,
            after,
            old_base: hash_of(file.old_base.as_deref()),
            new_base: hash_of(file.new_base.as_deref()),
        });
    }
    if let Some(text) = &planned.answers_text {
        faults.tick()?;
        write_synced(&txn.join("answers"), text.as_bytes())?;
    }
    let mut journal = Journal {
        tool_version: crate::VERSION.to_owned(),
        from_manifest: state::sha256_hex(&manifest_text),
        questionnaire_version: planned.questionnaire_version,
        old_answers: planned.old_answers.clone(),
        new_answers: planned.new_answers.clone(),
        answers_sha256: hash_of(planned.answers_text.as_deref()),
        language: planned.language,
        files,
        seal: String::new(),
    };
    journal.seal = seal_of(&journal, txn);
    let mut text = serde_json::to_string_pretty(&journal).expect("a journal always serializes");
    text.push('\n');
    faults.tick()?;
    write_synced(&txn.join("journal.json.tmp"), text.as_bytes())
}

/// Finishes an interrupted upgrade, or discards one that had not committed. `allowed` says whether
/// a path the journal would write is one the blueprints can produce. Returns warnings; an empty
/// list when there was nothing to do.
pub fn recover(
    dir: &Path,
    allowed: &dyn Fn(&str) -> bool,
    faults: &Faults,
) -> anyhow::Result<Vec<String>> {
    state::check_state_folder(dir, STATE_DIR)?;
    state::check_state_folder(dir, TXN_DIR)?;
    let txn = txn_dir(dir);
    if pending(dir) {
        let mut warnings = vec!["finished an upgrade that was interrupted".to_owned()];
        warnings.extend(replay(dir, allowed, faults)?);
        return Ok(warnings);
    }
    if txn.exists() {
        fs::remove_dir_all(&txn).with_context(|| format!("cannot remove `{}`", txn.display()))?;
    }
    Ok(Vec::new())
}

/// Why a journal is refused.
fn untrusted(why: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!(
        "the upgrade journal `{TXN_DIR}/{JOURNAL}` is not one this mlops-kit can trust ({why}); nothing was changed. If an upgrade of yours was interrupted, restore the kit from version control (`git checkout -- .`) and remove `{TXN_DIR}/`, then upgrade again"
    )
}

/// Reads and verifies the journal: seal, manifest it starts from, staged names and targets.
fn read_journal(dir: &Path) -> anyhow::Result<Journal> {
    let txn = txn_dir(dir);
    let path = txn.join(JOURNAL);
    if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(untrusted("it is not a regular file"));
    }
    let text = state::read_optional(&path)?.context("the upgrade journal disappeared")?;
    let journal: Journal = serde_json::from_str(&text).map_err(untrusted)?;
    if journal.seal != seal_of(&journal, &txn) {
        return Err(untrusted(
            "its seal does not match: it was edited, copied from another folder or machine, or committed to version control",
        ));
    }
    for name in [&journal.old_answers, &journal.new_answers] {
        if name != "answers.yaml" && name != "answers.json" {
            return Err(untrusted(format!("it names an answers file `{name}`")));
        }
    }
    let mut previous: Option<&str> = None;
    for file in &journal.files {
        state::check_relative_path(&file.path).map_err(untrusted)?;
        if previous.is_some_and(|p| p >= file.path.as_str()) {
            return Err(untrusted("its files are not sorted"));
        }
        previous = Some(&file.path);
    }
    Ok(journal)
}

/// Reads a staged file and checks it holds the content the journal recorded.
fn staged_content(txn: &Path, name: &str, sha: &str) -> anyhow::Result<Option<String>> {
    let path = txn.join(name);
    match fs::symlink_metadata(&path) {
        Err(_) => return Ok(None),
        Ok(meta) if !meta.is_file() => {
            return Err(untrusted(format!("`{name}` is not a regular file")));
        }
        Ok(_) => {}
    }
    let text = state::read_optional(&path)?.unwrap_or_default();
    if state::sha256_hex(&text) != sha {
        return Err(untrusted(format!(
            "`{name}` does not hold the content it recorded"
        )));
    }
    Ok(Some(text))
}

/// What replay does with one working file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Already at the new version.
    Done,
    /// Moved (or deleted) into place now.
    Apply,
    /// Changed since planned: left as is; the staged version is put next to it.
    Park,
    /// Changed since planned and nothing staged is left: left as is.
    Skip,
}

fn replay(
    dir: &Path,
    allowed: &dyn Fn(&str) -> bool,
    faults: &Faults,
) -> anyhow::Result<Vec<String>> {
    let txn = txn_dir(dir);
    let journal = read_journal(dir)?;
    let current_manifest = state::read_optional(&state::join(dir, MANIFEST))?;
    let current_paths: BTreeSet<String> = current_manifest
        .as_deref()
        .and_then(|t| serde_json::from_str::<Manifest>(t).ok())
        .map(|m| m.files.into_iter().map(|f| f.path).collect())
        .unwrap_or_default();

    // Decide every file's fate before writing anything.
    let mut fates = Vec::with_capacity(journal.files.len());
    let mut contents: Vec<Option<String>> = Vec::with_capacity(journal.files.len());
    for (i, file) in journal.files.iter().enumerate() {
        state::check_no_symlink_parents(dir, &file.path)?;
        let target = state::join(dir, &file.path);
        let is_link = fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink());
        let current = if is_link {
            Some("a symbolic link".to_owned())
        } else {
            hash_of(state::read_optional(&target)?.as_deref())
        };
        let staged = match (&file.after, file.before != file.after) {
            (Some(sha), true) => staged_content(&txn, &staged_name("files", i), sha)?,
            _ => None,
        };
        // Brought to the new version only if it holds what the upgrade leaves: a file changed or
        // restored since the plan (even one the upgrade does not write) keeps its old merge base.
        let fate = if current == file.after {
            Fate::Done
        } else if current == file.before && (staged.is_some() || file.after.is_none()) {
            Fate::Apply
        } else if staged.is_some() {
            Fate::Park
        } else {
            Fate::Skip
        };
        if matches!(fate, Fate::Apply | Fate::Park)
            && !current_paths.contains(&file.path)
            && !allowed(&file.path)
        {
            return Err(untrusted(format!(
                "it writes `{}`, which the kit's manifest does not list and the blueprints cannot produce (if the interrupted upgrade used `--blueprints DIR`, pass it again)",
                file.path
            )));
        }
        fates.push(fate);
        contents.push(staged);
    }
    let brought: Vec<bool> = fates
        .iter()
        .map(|f| matches!(f, Fate::Done | Fate::Apply))
        .collect();
    let new_manifest = final_manifest(&journal, &brought);
    let current_sha = current_manifest.as_deref().map(state::sha256_hex);
    if current_sha.as_deref() != Some(journal.from_manifest.as_str()) {
        // Interrupted after the manifest was written: the upgrade is complete, only the staging
        // folder is left. Anything else is a journal for another state of the kit.
        if current_manifest
            .as_deref()
            .is_some_and(|text| is_final_manifest(&journal, text))
        {
            faults.tick()?;
            fs::remove_dir_all(&txn)
                .with_context(|| format!("cannot remove `{}`", txn.display()))?;
            return Ok(Vec::new());
        }
        return Err(untrusted(
            "the kit's manifest is neither the one it upgrades from nor one it writes",
        ));
    }

    // Working files.
    let mut warnings = Vec::new();
    for (i, file) in journal.files.iter().enumerate() {
        let target = state::join(dir, &file.path);
        match fates[i] {
            Fate::Done => {}
            Fate::Apply => {
                faults.tick()?;
                if file.after.is_some() {
                    if let Some(parent) = target.parent() {
                        fs::create_dir_all(parent)
                            .with_context(|| format!("cannot create `{}`", parent.display()))?;
                    }
                    fs::rename(txn.join(staged_name("files", i)), &target).with_context(|| {
                        format!("cannot move the new `{}` into place", file.path)
                    })?;
                } else {
                    fs::remove_file(&target)
                        .with_context(|| format!("cannot delete `{}`", file.path))?;
                    remove_empty_parents(dir, &target);
                }
            }
            Fate::Park => {
                faults.tick()?;
                let mut aside = target.clone().into_os_string();
                aside.push(".mlops-kit-new");
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create `{}`", parent.display()))?;
                }
                fs::rename(txn.join(staged_name("files", i)), PathBuf::from(aside))
                    .with_context(|| format!("cannot write the new `{}` aside", file.path))?;
                warnings.push(format!(
                    "`{t}` changed while the upgrade was interrupted; your version is kept, the new one is in `{t}.mlops-kit-new`, and the next upgrade merges it again",
                    t = file.path
                ));
            }
            Fate::Skip if file.before == file.after && file.old_base == file.new_base => {}
            Fate::Skip => {
                warnings.push(format!(
                    "`{}` was changed or restored since the upgrade started, so it was not brought to the new version; the next upgrade merges it again",
                    file.path
                ));
            }
        }
    }

    // Merge bases: the new one only for files brought to the new version.
    for (i, file) in journal.files.iter().enumerate() {
        if file.old_base == file.new_base {
            continue;
        }
        let (want, kind) = if brought[i] {
            (&file.new_base, "bases")
        } else {
            (&file.old_base, "old")
        };
        let rel = format!("{BASE_DIR}/{}", file.path);
        state::check_no_symlink_parents(dir, &rel)?;
        let path = state::join(dir, &rel);
        let current = hash_of(state::read_optional(&path)?.as_deref());
        if current == *want {
            continue;
        }
        faults.tick()?;
        match want {
            None => {
                fs::remove_file(&path).with_context(|| format!("cannot delete `{rel}`"))?;
                remove_empty_parents(&state::join(dir, BASE_DIR), &path);
            }
            Some(sha) => {
                let text =
                    staged_content(&txn, &staged_name(kind, i), sha)?.with_context(|| {
                        format!("the staged merge base of `{}` is missing", file.path)
                    })?;
                write_atomic(&path, text.as_bytes())?;
            }
        }
    }

    // Answers, then the manifest.
    let new_answers = state::join(dir, &format!("{STATE_DIR}/{}", journal.new_answers));
    if let Some(sha) = &journal.answers_sha256
        && hash_of(state::read_optional(&new_answers)?.as_deref()).as_ref() != Some(sha)
    {
        let text =
            staged_content(&txn, "answers", sha)?.context("the staged answers are missing")?;
        faults.tick()?;
        write_atomic(&new_answers, text.as_bytes())?;
    }
    if journal.old_answers != journal.new_answers {
        let old = state::join(dir, &format!("{STATE_DIR}/{}", journal.old_answers));
        if old.exists() {
            faults.tick()?;
            fs::remove_file(&old).with_context(|| format!("cannot remove `{}`", old.display()))?;
        }
    }
    if current_manifest.as_deref() != Some(new_manifest.as_str()) {
        faults.tick()?;
        write_atomic(&state::join(dir, MANIFEST), new_manifest.as_bytes())?;
    }
    faults.tick()?;
    fs::remove_dir_all(&txn).with_context(|| format!("cannot remove `{}`", txn.display()))?;
    Ok(warnings)
}

/// The manifest after the upgrade: each path's base is the new one when its file was brought to
/// the new version, the old one otherwise.
fn final_manifest(journal: &Journal, brought: &[bool]) -> String {
    let files = journal
        .files
        .iter()
        .zip(brought)
        .filter_map(|(f, &ok)| {
            let sha = if ok { &f.new_base } else { &f.old_base };
            sha.as_ref().map(|sha| ManifestFile {
                path: f.path.clone(),
                sha256: sha.clone(),
            })
        })
        .collect();
    Manifest {
        generator: state::GENERATOR.to_owned(),
        version: journal.tool_version.clone(),
        questionnaire_version: journal.questionnaire_version,
        answers: journal.new_answers.clone(),
        language: journal.language,
        files,
    }
    .to_text()
}

/// Whether `text` is a manifest this journal's replay can have written: its metadata, and for each
/// path the old or the new merge base.
fn is_final_manifest(journal: &Journal, text: &str) -> bool {
    let Ok(manifest) = serde_json::from_str::<Manifest>(text) else {
        return false;
    };
    let listed: BTreeMap<&str, &str> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    let known: BTreeSet<&str> = journal.files.iter().map(|f| f.path.as_str()).collect();
    manifest.to_text() == text
        && manifest.version == journal.tool_version
        && manifest.answers == journal.new_answers
        && manifest.language == journal.language
        && manifest.questionnaire_version == journal.questionnaire_version
        && listed.keys().all(|p| known.contains(p))
        && journal.files.iter().all(|f| {
            let got = listed.get(f.path.as_str()).copied();
            got == f.old_base.as_deref() || got == f.new_base.as_deref()
        })
}

/// Removes folders left empty by a deletion, up to (not including) `dir`.
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

    fn files(items: &[(&str, &str)]) -> BTreeMap<String, String> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_sealed_journal_still_writes_only_kit_files_the_blueprints_produce() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path();
        let manifest = Manifest {
            generator: state::GENERATOR.to_owned(),
            version: crate::VERSION.to_owned(),
            questionnaire_version: 1,
            answers: "answers.yaml".to_owned(),
            language: crate::i18n::Language::En,
            files: Vec::new(),
        }
        .to_text();
        write_synced(&state::join(dir, MANIFEST), manifest.as_bytes()).unwrap();
        let hook = "#!/bin/sh\necho pwned\n";
        for (path, allowed) in [
            (".git/hooks/pre-commit", true),
            ("sub/.mlops-kit/manifest.json", true),
            ("src/not_a_blueprint.py", false),
        ] {
            let txn = txn_dir(dir);
            fs::create_dir_all(txn.join("files")).unwrap();
            fs::write(txn.join("files/0"), hook).unwrap();
            let mut journal = Journal {
                tool_version: crate::VERSION.to_owned(),
                from_manifest: state::sha256_hex(&manifest),
                questionnaire_version: 1,
                old_answers: "answers.yaml".to_owned(),
                new_answers: "answers.yaml".to_owned(),
                answers_sha256: None,
                language: crate::i18n::Language::En,
                files: vec![JournalFile {
                    path: path.to_owned(),
                    before: None,
                    after: Some(state::sha256_hex(hook)),
                    old_base: None,
                    new_base: None,
                }],
                seal: String::new(),
            };
            journal.seal = seal_of(&journal, &txn);
            fs::write(txn.join(JOURNAL), serde_json::to_string(&journal).unwrap()).unwrap();
            let err = recover(dir, &|_| allowed, &Faults::default()).unwrap_err();
            assert!(
                err.to_string().contains("not one this mlops-kit can trust"),
                "{path}: {err}"
            );
            assert!(!state::join(dir, path).exists(), "{path}");
            fs::remove_dir_all(&txn).unwrap();
        }
    }

    #[test]
    fn a_new_kit_moves_the_state_folder_last_and_a_stopped_one_is_undone() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("kit");
        fs::create_dir(&dir).unwrap();
        let mut kit = files(&[("a/b.txt", "b\n"), ("c.txt", "c\n")]);
        kit.extend(state::state_files(
            1,
            crate::i18n::Language::En,
            "answers.yaml",
            "version: 1\n",
            &files(&[("a/b.txt", "b\n"), ("c.txt", "c\n")]),
        ));
        // Every write: 4 state and working files... staged, then 3 moves, then the cleanup.
        let total = kit.len() + 3 + 1;
        for k in 0..total {
            let err = write_new_kit(&dir, &kit, &Faults::after(k)).unwrap_err();
            assert!(err.to_string().contains("simulated"), "{err}");
            assert_eq!(
                fs::read_dir(&dir).unwrap().count(),
                0,
                "a failed write leaves the folder empty (after {k})"
            );
        }
        write_new_kit(&dir, &kit, &Faults::default()).unwrap();
        assert_eq!(fs::read_to_string(dir.join("a/b.txt")).unwrap(), "b\n");
        assert!(!dir.join(STAGING).exists());
        assert!(state::read_state(&dir).is_ok());

        // A generate killed while moving: entries moved, the state folder still staged.
        let dir = root.path().join("killed");
        fs::create_dir(&dir).unwrap();
        for (path, content) in &kit {
            let staged = state::join(&dir.join(STAGING), path);
            fs::create_dir_all(staged.parent().unwrap()).unwrap();
            fs::write(staged, content).unwrap();
        }
        fs::rename(dir.join(STAGING).join("a"), dir.join("a")).unwrap();
        assert!(stopped_generate(&dir));
        write_new_kit(&dir, &kit, &Faults::default()).unwrap();
        assert!(state::read_state(&dir).is_ok());
        assert!(!stopped_generate(&dir));

        // A file the stopped generate did not write is never removed.
        let dir = root.path().join("foreign");
        fs::create_dir_all(dir.join(STAGING)).unwrap();
        fs::write(dir.join("notes.txt"), "mine\n").unwrap();
        assert!(write_new_kit(&dir, &kit, &Faults::default()).is_err());
        assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine\n");
    }
}
