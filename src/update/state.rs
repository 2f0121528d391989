//! What mlops-kit records inside a kit (`.mlops-kit/`): the answers used, the manifest (tool version,
//! questionnaire version, path and sha256 of every generated file) and the pristine generated copy of
//! each file under `.mlops-kit/base/`, which is the merge base of the next upgrade. An upgrade never
//! needs to re-render with an old version of the tool.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::i18n::Language;

/// Folder of mlops-kit's state inside a kit. Tools checking kits ignore it.
pub const STATE_DIR: &str = ".mlops-kit";
/// The manifest, relative to the kit.
pub const MANIFEST: &str = ".mlops-kit/manifest.json";
/// Folder of the merge bases, relative to the kit.
pub const BASE_DIR: &str = ".mlops-kit/base";
/// Folder of an upgrade in progress (staged contents and journal), relative to the kit.
pub const TXN_DIR: &str = ".mlops-kit/txn";
/// Name written in the manifest's `generator` field.
pub const GENERATOR: &str = "mlops-kit";
/// Largest file mlops-kit reads from a kit or its state: the questionnaire's limit. Generated files
/// are far smaller; anything larger is not a file mlops-kit wrote, and refusing it keeps memory
/// bounded (`/dev/zero` or a huge file in place of a kit file).
pub const MAX_FILE_BYTES: u64 = crate::questionnaire::load::MAX_FILE_BYTES;

/// `.mlops-kit/manifest.json`: what the last generate or upgrade wrote. Sorted, no timestamps, so two
/// runs with the same inputs give the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always `mlops-kit`.
    pub generator: String,
    /// Version of mlops-kit that wrote the kit.
    pub version: String,
    /// `version` of the questionnaire the kit was generated from.
    pub questionnaire_version: u32,
    /// File name of the recorded answers inside `.mlops-kit/` (`answers.yaml` or `answers.json`).
    pub answers: String,
    /// Language of the kit's documents. The answers' `client.language` decides it when they give
    /// one; otherwise the kit keeps this one (set by `generate --lang`). Not written for English,
    /// so English kits' manifests are unchanged.
    #[serde(default, skip_serializing_if = "is_english")]
    pub language: Language,
    /// Every generated file, sorted by path.
    pub files: Vec<ManifestFile>,
}

/// Whether `version` (of the mlops-kit that wrote a kit) is newer than this binary. Versions are
/// compared as `major.minor.patch` numbers; anything after a `-` or `+` is ignored.
#[must_use]
pub fn is_newer_than_binary(version: &str) -> bool {
    fn parse(v: &str) -> Vec<u64> {
        v.split(['-', '+'])
            .next()
            .unwrap_or("")
            .split('.')
            .map(|n| n.parse().unwrap_or(0))
            .collect()
    }
    parse(version) > parse(crate::VERSION)
}

/// One generated file in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    /// Path relative to the kit, forward slashes.
    pub path: String,
    /// sha256 of the generated content, lowercase hex.
    pub sha256: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_english(lang: &Language) -> bool {
    *lang == Language::En
}

impl Manifest {
    /// Builds the manifest of a set of generated files.
    #[must_use]
    pub fn new(
        questionnaire_version: u32,
        language: Language,
        answers: &str,
        files: &BTreeMap<String, String>,
    ) -> Self {
        Self {
            generator: GENERATOR.to_owned(),
            version: crate::VERSION.to_owned(),
            questionnaire_version,
            answers: answers.to_owned(),
            language,
            files: files
                .iter()
                .map(|(path, content)| ManifestFile {
                    path: path.clone(),
                    sha256: sha256_hex(content),
                })
                .collect(),
        }
    }

    /// The manifest as written to disk: pretty JSON with a trailing newline.
    ///
    /// # Panics
    ///
    /// Never: serializing strings and numbers cannot fail.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a manifest always serializes");
        text.push('\n');
        text
    }
}

/// Lowercase hex sha256 of a text.
#[must_use]
pub fn sha256_hex(content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    let mut out = String::with_capacity(64);
    for byte in &digest {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Checks that a path produced by the renderer (or read from a manifest or journal) stays among the
/// kit's own files: relative, forward slashes only, no `.`/`..`/empty components, and no `.git` or
/// `.mlops-kit` component anywhere (a repository's internals and any kit's state are never generated
/// files; compared case-insensitively for case-insensitive file systems).
pub fn check_relative_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("the path is empty".into());
    }
    if path.contains('\\') {
        return Err(format!(
            "`{path}` contains a backslash; kit paths use forward slashes"
        ));
    }
    if path.contains('\0') {
        return Err(format!("`{path}` contains a NUL byte"));
    }
    if path.starts_with('/') || path.as_bytes().get(1) == Some(&b':') {
        return Err(format!(
            "`{path}` is absolute; kit paths are relative to the kit folder"
        ));
    }
    for part in path.split('/') {
        match part {
            "" => return Err(format!("`{path}` has an empty component")),
            "." | ".." => {
                return Err(format!(
                    "`{path}` contains `{part}`; it could point outside the kit"
                ));
            }
            _ if part.eq_ignore_ascii_case(STATE_DIR) => {
                return Err(format!(
                    "`{path}` is inside `{STATE_DIR}/`, which holds mlops-kit's own state"
                ));
            }
            _ if part.eq_ignore_ascii_case(".git") => {
                return Err(format!(
                    "`{path}` is inside a `.git` folder, which belongs to git, not to the kit"
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Refuses a state folder (`.mlops-kit/` or one of its folders) that is a symbolic link or not a
/// folder: following it would read or delete another folder's files. A missing folder is fine.
pub fn check_state_folder(dir: &Path, rel: &str) -> Result<(), StateError> {
    match std::fs::symlink_metadata(join(dir, rel)) {
        Ok(meta) if meta.file_type().is_symlink() => Err(StateError::Damaged(format!(
            "`{rel}` is a symbolic link; mlops-kit keeps its state in a real folder inside the kit and does not follow links there"
        ))),
        Ok(meta) if !meta.is_dir() => Err(StateError::Damaged(format!("`{rel}` is not a folder"))),
        _ => Ok(()),
    }
}

/// Joins a checked relative path to the kit folder.
#[must_use]
pub fn join(dir: &Path, rel: &str) -> PathBuf {
    let mut out = dir.to_path_buf();
    for part in rel.split('/') {
        out.push(part);
    }
    out
}

/// Refuses to write through a symbolic link inside the kit: every existing ancestor of `rel` below
/// `dir` must be a real folder, so a replaced folder cannot send a write outside the kit.
pub fn check_no_symlink_parents(dir: &Path, rel: &str) -> anyhow::Result<()> {
    let parts: Vec<&str> = rel.split('/').collect();
    let mut cur = dir.to_path_buf();
    for part in &parts[..parts.len().saturating_sub(1)] {
        cur.push(part);
        match std::fs::symlink_metadata(&cur) {
            Ok(meta) if meta.file_type().is_symlink() => anyhow::bail!(
                "`{}` is a symbolic link; mlops-kit does not write through links inside a kit",
                cur.display()
            ),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok(())
}

/// Why the recorded state of a kit cannot be used (`check` exits 3).
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// There is no manifest: the folder is not a kit.
    #[error("`{0}` is not an mlops-kit kit: `{MANIFEST}` is missing")]
    NotAKit(PathBuf),
    /// The manifest, a base or the answers are damaged.
    #[error("the kit's recorded state is damaged: {0}")]
    Damaged(String),
}

/// The state recorded in a kit, read back.
#[derive(Debug, Clone)]
pub struct KitState {
    /// The manifest.
    pub manifest: Manifest,
    /// Path → pristine generated content (the merge base).
    pub base: BTreeMap<String, String>,
    /// Text of the recorded answers.
    pub answers_text: String,
}

/// Reads `.mlops-kit/` of a kit and verifies every base against the manifest's hash.
pub fn read_state(dir: &Path) -> Result<KitState, StateError> {
    check_state_folder(dir, STATE_DIR)?;
    check_state_folder(dir, BASE_DIR)?;
    check_state_folder(dir, TXN_DIR)?;
    let text = match read_optional(&join(dir, MANIFEST)) {
        Ok(Some(text)) => text,
        Ok(None) => return Err(StateError::NotAKit(dir.to_path_buf())),
        Err(err) => return Err(StateError::Damaged(format!("{err:#}"))),
    };
    let manifest: Manifest = serde_json::from_str(&text).map_err(|err| {
        StateError::Damaged(format!("`{MANIFEST}` is not a valid manifest: {err}"))
    })?;
    if manifest.generator != GENERATOR {
        return Err(StateError::Damaged(format!(
            "`{MANIFEST}` names generator `{}`, expected `{GENERATOR}`",
            manifest.generator
        )));
    }
    if manifest.answers != "answers.yaml" && manifest.answers != "answers.json" {
        return Err(StateError::Damaged(format!(
            "`{MANIFEST}` names answers file `{}`; expected `answers.yaml` or `answers.json`",
            manifest.answers
        )));
    }
    let answers_rel = format!("{STATE_DIR}/{}", manifest.answers);
    let answers_text = read_optional(&join(dir, &answers_rel))
        .map_err(|err| StateError::Damaged(format!("{err:#}")))?
        .ok_or_else(|| StateError::Damaged(format!("`{answers_rel}` is missing")))?;
    let mut base = BTreeMap::new();
    let mut previous: Option<&str> = None;
    for file in &manifest.files {
        check_relative_path(&file.path)
            .map_err(|why| StateError::Damaged(format!("`{MANIFEST}` lists a bad path: {why}")))?;
        if previous.is_some_and(|p| p >= file.path.as_str()) {
            return Err(StateError::Damaged(format!(
                "`{MANIFEST}` is not sorted or lists `{}` twice",
                file.path
            )));
        }
        previous = Some(&file.path);
        let base_rel = format!("{BASE_DIR}/{}", file.path);
        check_no_symlink_parents(dir, &base_rel)
            .map_err(|err| StateError::Damaged(format!("{err:#}")))?;
        let content = read_optional(&join(dir, &base_rel))
            .map_err(|err| StateError::Damaged(format!("{err:#}")))?
            .ok_or_else(|| {
                StateError::Damaged(format!("the merge base `{base_rel}` is missing"))
            })?;
        if sha256_hex(&content) != file.sha256 {
            return Err(StateError::Damaged(format!(
                "the merge base `{base_rel}` does not match its hash in `{MANIFEST}` (was it edited?)"
            )));
        }
        base.insert(file.path.clone(), content);
    }
    Ok(KitState {
        manifest,
        base,
        answers_text,
    })
}

/// Every file of the kit's state, as generate or upgrade writes it: answers, manifest, bases.
#[must_use]
pub fn state_files(
    questionnaire_version: u32,
    language: Language,
    answers_name: &str,
    answers_text: &str,
    generated: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let manifest = Manifest::new(questionnaire_version, language, answers_name, generated);
    let mut out = BTreeMap::new();
    out.insert(
        format!("{STATE_DIR}/{answers_name}"),
        answers_text.to_owned(),
    );
    out.insert(MANIFEST.to_owned(), manifest.to_text());
    for (path, content) in generated {
        out.insert(format!("{BASE_DIR}/{path}"), content.clone());
    }
    out
}

/// File name under which answers given in `path` are recorded: JSON input stays JSON.
#[must_use]
pub fn answers_name_for(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("json") => "answers.json",
        _ => "answers.yaml",
    }
}

/// Reads a text file of the kit, `None` when it does not exist. Only regular files (or links to
/// them) of at most [`MAX_FILE_BYTES`] are read: a device, a pipe or a huge file is an error.
pub fn read_optional(path: &Path) -> anyhow::Result<Option<String>> {
    read_bounded(path, MAX_FILE_BYTES)
}

/// Reads a regular text file of at most `limit` bytes, `None` when it does not exist.
pub fn read_bounded(path: &Path, limit: u64) -> anyhow::Result<Option<String>> {
    use std::io::Read as _;
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => {
            return Err(err).with_context(|| format!("cannot read `{}`", path.display()));
        }
    };
    if !meta.is_file() {
        anyhow::bail!(
            "`{}` is not a regular file (a folder, device or pipe); mlops-kit reads only regular text files",
            path.display()
        );
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(limit)).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    if bytes.len() as u64 > limit {
        anyhow::bail!(
            "`{}` is larger than {limit} bytes; that is not a file mlops-kit generated or reads",
            path.display()
        );
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| anyhow::anyhow!("`{}` is not UTF-8 text", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_paths_are_rejected() {
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a\\b",
            "a//b",
            "./a",
            "C:/x",
            ".mlops-kit/manifest.json",
            ".mlops-kit",
            ".git/HEAD",
            ".GIT/hooks/pre-commit",
            "sub/.git/config",
            "other/.mlops-kit/manifest.json",
            "x/.Mlops-Kit/base/a",
        ] {
            assert!(
                check_relative_path(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
        for good in [
            "README.md",
            "terraform/modules/platform/iam.tf",
            ".gitignore",
            "a..b/c",
        ] {
            assert!(
                check_relative_path(good).is_ok(),
                "{good:?} should be accepted"
            );
        }
    }

    #[test]
    fn manifest_is_sorted_and_deterministic() {
        let mut files = BTreeMap::new();
        files.insert("b.txt".to_owned(), "b\n".to_owned());
        files.insert("a.txt".to_owned(), "a\n".to_owned());
        let one = Manifest::new(1, Language::En, "answers.yaml", &files).to_text();
        let two = Manifest::new(1, Language::En, "answers.yaml", &files).to_text();
        assert_eq!(one, two);
        assert!(one.find("a.txt").unwrap() < one.find("b.txt").unwrap());
        assert!(one.ends_with("}\n"));
        assert_eq!(
            sha256_hex("a\n"),
            "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7"
        );
    }

    #[test]
    fn state_round_trips_and_detects_tampering() {
        let dir = std::env::temp_dir().join(format!("mlops-kit-state-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut files = BTreeMap::new();
        files.insert("x/y.tf".to_owned(), "resource \"a\" \"b\" {}\n".to_owned());
        for (path, content) in state_files(1, Language::En, "answers.yaml", "version: 1\n", &files)
        {
            let p = join(&dir, &path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, content).unwrap();
        }
        let state = read_state(&dir).unwrap();
        assert_eq!(state.base, files);
        assert_eq!(state.answers_text, "version: 1\n");
        std::fs::write(join(&dir, ".mlops-kit/base/x/y.tf"), "changed\n").unwrap();
        assert!(matches!(read_state(&dir), Err(StateError::Damaged(_))));
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(read_state(&dir), Err(StateError::NotAKit(_))));
    }
}
