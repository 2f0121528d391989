//! `generate`, `plan`, `upgrade`, `check`: load the answers, render, compare with the kit on disk
//! through [`super::engine`], and write through [`super::txn`].
//!
//! Exit statuses: `generate` 0 written (or `--check` identical), 1 error or `--check` found
//! differences; `plan` 0; `upgrade` 0 clean, 3 conflict markers written, 1 error; `check` 0 up to
//! date, 2 an upgrade would change files, 3 conflict markers or damaged state, 1 other errors.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use super::engine::{self, Action, Labels, Plan};
use super::lock;
use super::portfolio::Status;
use super::report;
use super::state::{self, KitState, STATE_DIR, StateError, TXN_DIR};
use super::txn::{self, Faults};
use crate::blueprints::BlueprintSource;
use crate::cli::{CheckArgs, GenerateArgs, PlanArgs, PlanFormat, UpgradeArgs};
use crate::questionnaire::{self, Questionnaire};
use crate::render::filters::shell_word;

/// Exit status of `upgrade` when conflict markers were written, and of `check` when they are found.
pub const EXIT_CONFLICTS: u8 = 3;
/// Exit status of `check` when an upgrade would change files.
pub const EXIT_OUTDATED: u8 = 2;

/// Writes to standard output, ignoring a closed pipe (`mlops-kit plan DIR | head`).
pub(crate) fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn source(blueprints: Option<&PathBuf>) -> BlueprintSource {
    blueprints.map_or(BlueprintSource::Embedded, |d| {
        BlueprintSource::Dir(d.clone())
    })
}

fn blueprints_flag(blueprints: Option<&PathBuf>) -> String {
    blueprints.map_or_else(String::new, |d| {
        format!(" --blueprints {}", shell_word(&d.display().to_string()))
    })
}

fn dir_arg(dir: &Path) -> String {
    shell_word(&dir.display().to_string())
}

/// Questionnaire text and where it came from.
struct Answers {
    /// Name in diagnostics.
    origin: String,
    /// The text exactly as given.
    text: String,
    /// File name it is recorded under in `.mlops-kit/`.
    name: &'static str,
}

fn read_answers_file(path: &Path) -> anyhow::Result<Answers> {
    use std::io::Read as _;
    let limit = questionnaire::load::MAX_FILE_BYTES;
    let cannot = || format!("cannot read the questionnaire `{}`", path.display());
    let file = std::fs::File::open(path).with_context(cannot)?;
    let mut bytes = Vec::new();
    // At most one byte past the limit, as `validate` does: `/dev/zero` or a huge file is refused.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(cannot)?;
    if bytes.len() as u64 > limit {
        anyhow::bail!(
            "the questionnaire `{}` is larger than {limit} bytes (1 MiB); a questionnaire is a few kilobytes: check that this is the right file",
            path.display()
        );
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!(
            "the questionnaire `{}` is not UTF-8 text; is it a binary file?",
            path.display()
        )
    })?;
    Ok(Answers {
        origin: path.display().to_string(),
        text,
        name: state::answers_name_for(path),
    })
}

/// Loads answers; prints warnings to stderr, or every diagnostic when the file is invalid (then
/// returns `None`).
fn load(answers: &Answers, log: &mut dyn std::io::Write) -> Option<Questionnaire> {
    match questionnaire::load_str(&answers.origin, &answers.text) {
        Ok(loaded) => {
            for warning in &loaded.warnings {
                let _ = writeln!(log, "{warning}");
            }
            Some(loaded.questionnaire)
        }
        Err(invalid) => {
            let _ = writeln!(log, "{invalid}");
            None
        }
    }
}

/// Renders a kit and checks that every path stays inside it.
fn render(
    q: &Questionnaire,
    blueprints: Option<&PathBuf>,
) -> anyhow::Result<BTreeMap<String, String>> {
    let files = crate::render::render_kit(q, &source(blueprints))?;
    for path in files.keys() {
        state::check_relative_path(path)
            .map_err(|why| anyhow::anyhow!("the blueprints produced a bad path: {why}"))?;
    }
    Ok(files)
}

// ---------------------------------------------------------------------------------------------------
// generate

/// `mlops-kit generate`.
pub fn generate(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    generate_with_faults(args, &Faults::default())
}

/// `generate` with the writer's test hook.
pub fn generate_with_faults(args: &GenerateArgs, faults: &Faults) -> anyhow::Result<ExitCode> {
    let (answers, input_flag) = match (&args.file, &args.example) {
        (Some(path), _) => (
            read_answers_file(path)?,
            shell_word(&path.display().to_string()),
        ),
        (None, Some(name)) => {
            let example = crate::questionnaire::examples::require(name)?;
            (
                Answers {
                    origin: format!("example `{name}`"),
                    text: example.yaml.to_owned(),
                    name: "answers.yaml",
                },
                format!("--example {}", shell_word(name)),
            )
        }
        (None, None) => anyhow::bail!("give a questionnaire FILE or `--example NAME`"),
    };
    let Some(mut q) = load(&answers, &mut std::io::stderr()) else {
        eprintln!("error: the questionnaire is invalid; nothing was written");
        return Ok(ExitCode::FAILURE);
    };
    if let Some(lang) = args.lang {
        q.client.language = Some(lang.into());
    }
    let generated = render(&q, args.blueprints.as_ref())?;
    let mut files = state::state_files(
        q.version,
        q.language(),
        answers.name,
        &answers.text,
        &generated,
    );
    files.extend(generated.iter().map(|(k, v)| (k.clone(), v.clone())));
    let dir = &args.output;
    let fix = format!(
        "rm -rf {d} && mlops-kit generate {input_flag} -o {d}{}{}",
        blueprints_flag(args.blueprints.as_ref()),
        args.lang
            .map(|l| format!(" --lang {}", crate::i18n::Language::from(l)))
            .unwrap_or_default(),
        d = dir_arg(dir)
    );
    if args.check {
        return check_generated(dir, &files, &fix);
    }
    check_output_folder(dir)?;
    let created = match std::fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() || dir.is_dir() => false,
        Ok(_) => anyhow::bail!("`{}` exists and is not a folder", dir.display()),
        Err(_) => {
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create `{}`", parent.display()))?;
            }
            match std::fs::create_dir(dir) {
                Ok(()) => true,
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => false,
                Err(err) => {
                    return Err(err).with_context(|| format!("cannot create `{}`", dir.display()));
                }
            }
        }
    };
    let written = (|| {
        let _lock = lock::lock(dir, lock::Mode::Exclusive)?;
        // Checked under the lock: another run may have written a kit meanwhile.
        if state::join(dir, state::MANIFEST).exists() {
            anyhow::bail!(
                "`{}` already holds an mlops-kit kit; `generate` only creates new kits.\n  To apply these answers and keep the kit's hand edits, run: mlops-kit upgrade {} --answers {}\n  (see what would change first with `mlops-kit plan`)",
                dir.display(),
                dir_arg(dir),
                args.file.as_ref().map_or_else(
                    || "FILE".to_owned(),
                    |p| shell_word(&p.display().to_string())
                )
            );
        }
        let foreign = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read `{}`", dir.display()))?
            .filter_map(Result::ok)
            .any(|e| e.file_name() != txn::STAGING);
        if foreign && !txn::stopped_generate(dir) {
            anyhow::bail!(
                "`{}` is not empty and is not an mlops-kit kit (no `{}`); refusing to write into it. Choose a new or empty folder.",
                dir.display(),
                state::MANIFEST
            );
        }
        txn::write_new_kit(dir, &files, faults)
    })();
    if let Err(err) = written {
        if created && !faults.crashed() {
            let _ = std::fs::remove_dir(dir);
        }
        return Err(err);
    }
    eprintln!(
        "Generated {} files in {} (mlops-kit {}, state in {}/).",
        generated.len(),
        dir.display(),
        crate::VERSION,
        STATE_DIR
    );
    eprintln!(
        "Next: read {}/README.md, commit the kit to the client's repository, and later run `mlops-kit plan` / `mlops-kit upgrade` on it.",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Refuses an output folder inside a state folder (any kit's `.mlops-kit/`, a stopped generate's
/// staging folder) or inside `.git/`: the kit owning that folder would later delete it.
fn check_output_folder(dir: &Path) -> anyhow::Result<()> {
    // The real path of the deepest existing ancestor, then the part still to be created.
    let absolute =
        std::path::absolute(dir).with_context(|| format!("cannot resolve `{}`", dir.display()))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        let Some(parent) = existing.parent() else {
            break;
        };
        rest.push(existing.file_name().unwrap_or_default().to_owned());
        existing = parent;
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for part in rest.iter().rev() {
        resolved.push(part);
    }
    for part in resolved.components() {
        let name = part.as_os_str().to_string_lossy();
        for reserved in [STATE_DIR, txn::STAGING, ".git"] {
            if name.eq_ignore_ascii_case(reserved) {
                anyhow::bail!(
                    "`{}` is inside a `{reserved}` folder ({}); a kit cannot be generated there (it would be taken for, or deleted with, that folder's contents). Choose a folder outside it.",
                    dir.display(),
                    resolved.display()
                );
            }
        }
    }
    Ok(())
}

/// Every file under `dir` (relative, forward slashes), skipping `.git`.
fn files_on_disk(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
    {
        let entry = entry.with_context(|| format!("cannot list `{}`", dir.display()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir yields paths under its root");
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        out.push(parts.join("/"));
    }
    Ok(out)
}

fn check_generated(
    dir: &Path,
    files: &BTreeMap<String, String>,
    fix: &str,
) -> anyhow::Result<ExitCode> {
    if !dir.is_dir() {
        eprintln!(
            "`{}` does not exist; it would be generated.\n  fix: {fix}",
            dir.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let color = report::use_color();
    let mut problems = Vec::new();
    let mut diffs = String::new();
    for (path, expected) in files {
        let disk = state::read_optional(&state::join(dir, path))?;
        if disk.as_deref() == Some(expected.as_str()) {
            continue;
        }
        problems.push(if disk.is_some() {
            format!("differs: {path}")
        } else {
            format!("missing: {path}")
        });
        if !path.starts_with(".mlops-kit/base/") {
            let diff = report::unified(path, disk.as_deref(), Some(expected));
            diffs.push_str(&if color { report::colorize(&diff) } else { diff });
        }
    }
    for path in files_on_disk(dir)? {
        if !files.contains_key(&path) {
            problems.push(format!("not generated: {path}"));
        }
    }
    if problems.is_empty() {
        eprintln!("`{}` is exactly what would be generated.", dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    out(&diffs);
    eprintln!(
        "`{}` is not what would be generated ({} files):",
        dir.display(),
        problems.len()
    );
    for p in &problems {
        eprintln!("  {p}");
    }
    eprintln!("fix: {fix}");
    Ok(ExitCode::FAILURE)
}

// ---------------------------------------------------------------------------------------------------
// plan, upgrade, check: the shared part

/// Everything an upgrade needs, computed without writing.
struct Prepared {
    state: KitState,
    answers: Answers,
    new_answers: bool,
    questionnaire_version: u32,
    /// Language of the kit's documents after the upgrade.
    language: crate::i18n::Language,
    plan: Plan,
    notes: Vec<String>,
    /// The client's name and slug, for portfolio summaries.
    client: (String, String),
}

/// Reads the kit, loads the answers (given or recorded), renders and plans. `Ok(None)` when the
/// answers are invalid (diagnostics already written to `log`).
fn prepare(
    dir: &Path,
    answers: Option<&PathBuf>,
    blueprints: Option<&PathBuf>,
    log: &mut dyn std::io::Write,
) -> anyhow::Result<Option<Prepared>> {
    let state = state::read_state(dir)?;
    let (answers, new_answers) = match answers {
        Some(path) => (read_answers_file(path)?, true),
        None => (
            Answers {
                origin: format!("{}/{STATE_DIR}/{}", dir.display(), state.manifest.answers),
                text: state.answers_text.clone(),
                name: if state.manifest.answers == "answers.json" {
                    "answers.json"
                } else {
                    "answers.yaml"
                },
            },
            false,
        ),
    };
    let Some(mut q) = load(&answers, log) else {
        return Ok(None);
    };
    // The kit keeps its language unless the answers name one (switching is an ordinary upgrade).
    if q.client.language.is_none() {
        q.client.language = Some(state.manifest.language);
    }
    let mut notes = Vec::new();
    if state.manifest.questionnaire_version != q.version {
        notes.push(format!(
            "the kit was generated from questionnaire format version {}; the answers are read as version {} and recorded that way",
            state.manifest.questionnaire_version, q.version
        ));
    }
    let new = render(&q, blueprints)?;
    let mut disk = BTreeMap::new();
    for path in state.base.keys().chain(new.keys()) {
        if let Some(content) = state::read_optional(&state::join(dir, path))? {
            // A checkout with CRLF line endings (git `core.autocrlf`) is not an edit.
            let content = if content.contains("\r\n") {
                content.replace("\r\n", "\n")
            } else {
                content
            };
            disk.insert(path.clone(), content);
        }
    }
    let labels = Labels::new(&state.manifest.version, crate::VERSION);
    let plan = engine::plan(&state.base, &disk, &new, &labels);
    Ok(Some(Prepared {
        state,
        answers,
        new_answers,
        questionnaire_version: q.version,
        language: q.language(),
        plan,
        notes,
        client: (q.client.name.clone(), q.client.slug.clone()),
    }))
}

fn interrupted_message(dir: &Path) -> String {
    format!(
        "an upgrade of `{}` was interrupted; run `mlops-kit upgrade {}` to finish it (no content is lost: files changed since are kept and the new versions put next to them)",
        dir.display(),
        dir_arg(dir)
    )
}

/// Tracked files on disk that hold conflict markers (lines of the diff3 set their base does not
/// have).
fn files_with_markers(dir: &Path, state: &KitState) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for (path, base) in &state.base {
        if let Some(text) = state::read_optional(&state::join(dir, path))?
            && engine::has_conflict_markers(&text, Some(base))
        {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// New versions an interrupted upgrade put next to files changed meanwhile (`<file>.mlops-kit-new`)
/// that are still there: each needs a decision.
fn files_set_aside(dir: &Path, paths: impl IntoIterator<Item = String>) -> Vec<String> {
    paths
        .into_iter()
        .map(|p| format!("{p}.mlops-kit-new"))
        .filter(|p| std::fs::symlink_metadata(state::join(dir, p)).is_ok())
        .collect()
}

fn set_aside_help(dir: &Path) -> String {
    format!(
        "compare each with your file, keep what you want in the file, delete the `.mlops-kit-new` copy, then run `mlops-kit upgrade {}` (it merges these files again)",
        dir_arg(dir)
    )
}

/// What git says about the kit folder.
enum Git {
    /// No `.git` at or above the kit.
    NotARepo,
    /// Changes to tracked files (empty: clean).
    Status(Vec<String>),
    /// A `.git` exists but git cannot answer (not installed, "dubious ownership", broken repo).
    Unknown(String),
}

fn run_git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        // Read only: `git status` must not refresh the repository's index behind the user's back.
        .env("GIT_OPTIONAL_LOCKS", "0")
        .output()
        .map_err(|err| format!("git cannot run: {err}"))?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(if why.is_empty() {
            format!("`git {}` failed", args.join(" "))
        } else {
            why
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn git_status(dir: &Path) -> Git {
    let inside_repo = std::path::absolute(dir)
        .ok()
        .is_some_and(|abs| abs.ancestors().any(|a| a.join(".git").exists()));
    if !inside_repo {
        return Git::NotARepo;
    }
    match run_git(
        dir,
        &["status", "--porcelain", "--untracked-files=no", "--", "."],
    ) {
        Ok(text) => Git::Status(
            text.lines()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
        ),
        Err(why) => Git::Unknown(why),
    }
}

/// Files of `.mlops-kit/txn/` that git tracks: a journal from version control is never replayed.
fn txn_in_git_index(dir: &Path) -> Vec<String> {
    run_git(dir, &["ls-files", "--", TXN_DIR])
        .map(|text| text.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn txn_committed_message(files: &[String]) -> String {
    format!(
        "`{TXN_DIR}/` is committed to git ({}): a journal from version control is never replayed, since anyone who can push could have written it. Remove it from the repository (`git rm -r --cached {TXN_DIR}` then commit; the kit's `.gitignore` lists it), then run this again",
        files.join(", ")
    )
}

/// Whether mlops-kit wrote (or would write) `path`: a path of a blueprint (with `__env__` standing
/// for one environment's name) or of a file built in code (the maturity report, pipeline specs).
fn producible(source: &BlueprintSource) -> anyhow::Result<impl Fn(&str) -> bool + use<>> {
    use crate::blueprints::{ENV_SEGMENT, KIT_ROOT, TEMPLATE_SUFFIX};
    let prefix = format!("{KIT_ROOT}/");
    let patterns: Vec<Vec<String>> = crate::blueprints::load(source)?
        .into_iter()
        .filter_map(|b| b.path.strip_prefix(&prefix).map(str::to_owned))
        .map(|p| {
            p.strip_suffix(TEMPLATE_SUFFIX)
                .map_or(p.clone(), str::to_owned)
        })
        .chain([
            "docs/maturity-report.md".to_owned(),
            "pipelines/*".to_owned(),
        ])
        .map(|p| p.split('/').map(str::to_owned).collect())
        .collect();
    let segment_matches = |pattern: &str, segment: &str| -> bool {
        if pattern == "*" {
            return true;
        }
        match pattern.split_once(ENV_SEGMENT) {
            None => pattern == segment,
            Some((pre, post)) => {
                segment.len() > pre.len() + post.len()
                    && segment.starts_with(pre)
                    && segment.ends_with(post)
                    && segment[pre.len()..segment.len() - post.len()]
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            }
        }
    };
    Ok(move |path: &str| {
        let parts: Vec<&str> = path.split('/').collect();
        patterns.iter().any(|pattern| {
            pattern.len() == parts.len()
                && pattern
                    .iter()
                    .zip(&parts)
                    .all(|(p, s)| segment_matches(p, s))
        })
    })
}

fn newer_kit_message(dir: &Path, version: &str) -> String {
    format!(
        "`{}` was written by mlops-kit {version}, newer than this mlops-kit ({}); upgrading with an older one would downgrade its files. Install mlops-kit {version} or later",
        dir.display(),
        crate::VERSION
    )
}

// ---------------------------------------------------------------------------------------------------
// plan

/// `mlops-kit plan`.
pub fn plan(args: &PlanArgs) -> anyhow::Result<ExitCode> {
    let _lock = lock::lock(&args.dir, lock::Mode::Shared)?;
    if txn::pending(&args.dir) {
        anyhow::bail!("{}", interrupted_message(&args.dir));
    }
    let Some(mut prepared) = prepare(
        &args.dir,
        args.answers.as_ref(),
        args.blueprints.as_ref(),
        &mut std::io::stderr(),
    )?
    else {
        return Ok(ExitCode::FAILURE);
    };
    if state::is_newer_than_binary(&prepared.state.manifest.version) {
        prepared.notes.insert(
            0,
            format!(
                "{}; this plan shows that downgrade",
                newer_kit_message(&args.dir, &prepared.state.manifest.version)
            ),
        );
    }
    let ctx = report::Context {
        kit: args.dir.display().to_string(),
        from_version: prepared.state.manifest.version.clone(),
        to_version: crate::VERSION.to_owned(),
        new_answers: args.answers.as_ref().map(|p| p.display().to_string()),
        notes: prepared.notes.clone(),
        language: prepared.language,
    };
    let text = match args.format {
        PlanFormat::Text => report::text(&prepared.plan, &ctx, report::use_color()),
        PlanFormat::Markdown => report::markdown(&prepared.plan, &ctx),
        PlanFormat::Json => report::json(&prepared.plan, &ctx),
    };
    out(&text);
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------------
// upgrade

/// `mlops-kit upgrade`.
pub fn upgrade(args: &UpgradeArgs) -> anyhow::Result<ExitCode> {
    upgrade_with_faults(args, &Faults::default())
}

/// `upgrade` with the writer's test hook.
pub fn upgrade_with_faults(args: &UpgradeArgs, faults: &Faults) -> anyhow::Result<ExitCode> {
    let outcome = upgrade_inner(args, faults, false, &mut std::io::stderr())?;
    Ok(ExitCode::from(outcome.status.code()))
}

/// `upgrade` of one kit for `portfolio upgrade`: never forced, messages written to `log`, the plan
/// as a pull-request description when `want_plan`.
pub fn upgrade_kit(
    dir: &Path,
    blueprints: Option<&PathBuf>,
    want_plan: bool,
    log: &mut dyn std::io::Write,
) -> anyhow::Result<KitOutcome> {
    let args = UpgradeArgs {
        dir: dir.to_path_buf(),
        answers: None,
        force: false,
        blueprints: blueprints.cloned(),
    };
    upgrade_inner(&args, &Faults::default(), want_plan, log)
}

fn upgrade_inner(
    args: &UpgradeArgs,
    faults: &Faults,
    want_plan: bool,
    log: &mut dyn std::io::Write,
) -> anyhow::Result<KitOutcome> {
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(StateError::NotAKit(dir.clone()).into());
    }
    let _lock = lock::lock(dir, lock::Mode::Exclusive)?;
    let git = git_status(dir);
    if let Git::Unknown(why) = &git
        && !args.force
    {
        return Err(Refusal::GitUnknown(format!(
            "`{}` is inside a git repository (a `.git` folder is above it) but git cannot answer: {why}\nmlops-kit checks with git that the upgrade is reviewable and that its journal is not from version control; fix git (install it, or for \"dubious ownership\" run `git config --global --add safe.directory <repository>`), or pass `--force` to upgrade without these checks",
            dir.display()
        ))
        .into());
    }
    state::check_state_folder(dir, STATE_DIR)?;
    state::check_state_folder(dir, TXN_DIR)?;
    if matches!(git, Git::Status(_)) && state::join(dir, TXN_DIR).exists() {
        let tracked = txn_in_git_index(dir);
        if !tracked.is_empty() {
            anyhow::bail!("{}", txn_committed_message(&tracked));
        }
    }
    if txn::pending(dir) {
        // Finish the interrupted upgrade and stop: its changes are uncommitted, and any further
        // upgrade is planned from the finished state by the next run.
        let allowed = producible(&source(args.blueprints.as_ref()))?;
        for warning in txn::recover(dir, &allowed, faults)? {
            let _ = writeln!(log, "note: {warning}");
        }
        let state = state::read_state(dir)?;
        let marked = files_with_markers(dir, &state)?;
        let aside = files_set_aside(dir, state.base.keys().cloned());
        if !marked.is_empty() || !aside.is_empty() {
            if !marked.is_empty() {
                let _ = writeln!(
                    log,
                    "conflict markers were written in:\n  {}",
                    marked.join("\n  ")
                );
                let _ = writeln!(
                    log,
                    "Resolve them, then run `mlops-kit check {}`.",
                    dir_arg(dir)
                );
            }
            if !aside.is_empty() {
                let _ = writeln!(
                    log,
                    "new versions were put aside in:\n  {}",
                    aside.join("\n  ")
                );
                let _ = writeln!(log, "{}", set_aside_help(dir));
            }
            return Ok(KitOutcome {
                status: Status::Conflicts,
                version: state.manifest.version.clone(),
                conflicts: marked.len() + aside.len(),
                detail: "finished an interrupted upgrade; conflicts to resolve".to_owned(),
                ..KitOutcome::default()
            });
        }
        let _ = writeln!(
            log,
            "The interrupted upgrade of `{}` is complete. Review with `git diff`, commit, and run `mlops-kit check {}`.",
            dir.display(),
            dir_arg(dir)
        );
        return Ok(KitOutcome {
            status: Status::Upgraded,
            version: state.manifest.version.clone(),
            detail: "finished an interrupted upgrade".to_owned(),
            ..KitOutcome::default()
        });
    }
    txn::recover(dir, &|_| false, faults)?; // removes an uncommitted staging folder, if any
    // Refusals come before rendering: they do not depend on the answers.
    let state = state::read_state(dir)?;
    if !args.force {
        if state::is_newer_than_binary(&state.manifest.version) {
            return Err(Refusal::Newer(format!(
                "{}; `--force` upgrades (downgrades) anyway",
                newer_kit_message(dir, &state.manifest.version)
            ))
            .into());
        }
        let marked = files_with_markers(dir, &state)?;
        if !marked.is_empty() {
            return Err(Refusal::Markers(format!(
                "conflict markers from a previous upgrade remain in:\n  {}\nresolve them (keep the lines you want, remove the `<<<<<<<`, `|||||||`, `=======`, `>>>>>>>` lines), then upgrade again; `--force` upgrades anyway",
                marked.join("\n  ")
            ))
            .into());
        }
        let aside = files_set_aside(dir, state.base.keys().cloned());
        if !aside.is_empty() {
            return Err(Refusal::Markers(format!(
                "new versions put aside by an interrupted upgrade remain:\n  {}\n{}; `--force` upgrades anyway",
                aside.join("\n  "),
                set_aside_help(dir)
            ))
            .into());
        }
        if let Git::Status(dirty) = &git
            && !dirty.is_empty()
        {
            return Err(Refusal::Dirty(format!(
                "the git work tree has uncommitted changes to tracked files:\n  {}\ncommit or stash them first so the upgrade can be reviewed as its own diff; `--force` upgrades anyway",
                dirty.join("\n  ")
            ))
            .into());
        }
    }
    let Some(prepared) = prepare(dir, args.answers.as_ref(), args.blueprints.as_ref(), log)? else {
        anyhow::bail!("the questionnaire is invalid; nothing was changed");
    };
    for note in &prepared.notes {
        let _ = writeln!(log, "note: {note}");
    }
    let planned = planned_upgrade(&prepared);
    let mut outcome = KitOutcome::of(&prepared);
    if want_plan {
        outcome.markdown = Some(plan_markdown(dir, &prepared, args.answers.as_ref()));
    }
    let plan = &prepared.plan;
    if state_changes(dir, &prepared)?.is_empty() && plan.writes().next().is_none() {
        let _ = writeln!(
            log,
            "`{}` is already up to date; nothing was changed.",
            dir.display()
        );
        outcome.status = Status::UpToDate;
        return Ok(outcome);
    }
    for warning in txn::apply(dir, &planned, faults)? {
        let _ = writeln!(log, "note: {warning}");
    }
    let mut summary = String::new();
    for file in plan.files.iter().filter(|f| f.action != Action::Unchanged) {
        let name = if file.conflicts > 0 {
            format!("{} ({})", file.action.name(), file.conflicts)
        } else {
            file.action.name().to_owned()
        };
        let _ = writeln!(summary, "  {name:<22} {}", file.path);
    }
    let _ = write!(log, "{summary}");
    let counts = plan.counts();
    let n = |a: Action| counts.get(&a).copied().unwrap_or(0);
    let _ = writeln!(
        log,
        "Upgraded `{}` to mlops-kit {}: {} created, {} updated, {} merged, {} deleted, {} with conflicts; your version kept in {}, {} obsolete edited file(s) kept, {} file(s) you deleted stay deleted.",
        dir.display(),
        crate::VERSION,
        n(Action::Create),
        n(Action::Update),
        n(Action::MergeClean),
        n(Action::Delete),
        n(Action::Conflict),
        n(Action::KeepUserVersion),
        n(Action::KeepObsoleteEdited),
        n(Action::UserDeleted),
    );
    let conflicts = plan.conflict_count();
    if conflicts > 0 {
        let _ = writeln!(
            log,
            "{conflicts} conflict region(s) were written, marked `<<<<<<< yours` ... `>>>>>>> mlops-kit`:"
        );
        for file in plan.files.iter().filter(|f| f.conflicts > 0) {
            let _ = writeln!(log, "  {} ({} region(s))", file.path, file.conflicts);
        }
        let _ = writeln!(
            log,
            "Resolve them, then run `mlops-kit check {}`; it exits {EXIT_CONFLICTS} while markers remain.",
            dir_arg(dir)
        );
        outcome.status = Status::Conflicts;
        return Ok(outcome);
    }
    let _ = writeln!(log, "Review with `git diff`, then commit.");
    outcome.status = Status::Upgraded;
    Ok(outcome)
}

/// The upgrade to hand to the writer.
fn planned_upgrade(prepared: &Prepared) -> txn::PlannedUpgrade {
    let answers_changed = prepared.new_answers
        && (prepared.state.answers_text != prepared.answers.text
            || prepared.state.manifest.answers != prepared.answers.name);
    txn::PlannedUpgrade {
        files: prepared
            .plan
            .files
            .iter()
            .map(|f| txn::PlannedFile {
                path: f.path.clone(),
                disk: f.disk.clone(),
                result: f.result.clone(),
                old_base: f.old_base.clone(),
                new_base: f.new_base.clone(),
            })
            .collect(),
        questionnaire_version: prepared.questionnaire_version,
        old_answers: prepared.state.manifest.answers.clone(),
        new_answers: prepared.answers.name.to_owned(),
        answers_text: answers_changed.then(|| prepared.answers.text.clone()),
        language: prepared.language,
    }
}

/// Files of the kit's state (`.mlops-kit/`) that an upgrade would change.
fn state_changes(dir: &Path, prepared: &Prepared) -> anyhow::Result<Vec<String>> {
    let plan = &prepared.plan;
    let mut changes: Vec<String> = plan
        .files
        .iter()
        .filter(|f| f.old_base != f.new_base)
        .map(|f| format!("{}/{}", state::BASE_DIR, f.path))
        .collect();
    if prepared.new_answers
        && (prepared.state.answers_text != prepared.answers.text
            || prepared.state.manifest.answers != prepared.answers.name)
    {
        changes.push(format!("{STATE_DIR}/{}", prepared.answers.name));
    }
    let manifest = state::Manifest::new(
        prepared.questionnaire_version,
        prepared.language,
        prepared.answers.name,
        &plan.new_bases(),
    )
    .to_text();
    let current = state::read_optional(&state::join(dir, state::MANIFEST))?;
    if current.as_deref() != Some(manifest.as_str()) {
        changes.push(state::MANIFEST.to_owned());
    }
    Ok(changes)
}

// ---------------------------------------------------------------------------------------------------
// check

/// `mlops-kit check`.
pub fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let outcome = check_kit(
        &args.dir,
        args.blueprints.as_ref(),
        false,
        &mut std::io::stderr(),
    )?;
    Ok(ExitCode::from(outcome.status.code()))
}

/// What `check` (or `upgrade`) found in one kit, for `check`'s exit status and portfolio rows.
#[derive(Debug, Clone, Default)]
pub struct KitOutcome {
    /// Status.
    pub status: Status,
    /// Client name from the recorded answers.
    pub client: String,
    /// Client slug.
    pub slug: String,
    /// mlops-kit version that wrote the kit.
    pub version: String,
    /// Files an upgrade changes (or changed).
    pub files: usize,
    /// Conflict regions (written, or that an upgrade would write), or files needing a decision.
    pub conflicts: usize,
    /// Why, in one line, when the status needs a reason.
    pub detail: String,
    /// The plan as a pull-request description, when asked for.
    pub markdown: Option<String>,
}

impl KitOutcome {
    fn of(prepared: &Prepared) -> Self {
        Self {
            client: prepared.client.0.clone(),
            slug: prepared.client.1.clone(),
            version: prepared.state.manifest.version.clone(),
            files: prepared.plan.writes().count(),
            conflicts: prepared.plan.conflict_count(),
            ..Self::default()
        }
    }

    /// The outcome of a kit whose operation failed: damaged state, a refused upgrade, an error.
    #[must_use]
    pub fn error(err: &anyhow::Error) -> Self {
        let status = if let Some(refusal) = err.downcast_ref::<Refusal>() {
            match refusal {
                Refusal::Dirty(_) => Status::NotClean,
                Refusal::Markers(_) => Status::Conflicts,
                Refusal::Newer(_) | Refusal::GitUnknown(_) => Status::Error,
            }
        } else if matches!(
            err.downcast_ref::<StateError>(),
            Some(StateError::Damaged(_))
        ) {
            Status::Damaged
        } else {
            Status::Error
        };
        let detail = format!("{err:#}");
        Self {
            status,
            detail: detail.lines().next().unwrap_or_default().to_owned(),
            ..Self::default()
        }
    }
}

/// Why `upgrade` refused to run (without `--force`).
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Uncommitted changes to tracked files.
    #[error("{0}")]
    Dirty(String),
    /// Conflict markers or new versions put aside remain.
    #[error("{0}")]
    Markers(String),
    /// The kit was written by a newer mlops-kit.
    #[error("{0}")]
    Newer(String),
    /// A `.git` is above the kit but git cannot answer.
    #[error("{0}")]
    GitUnknown(String),
}

fn plan_markdown(dir: &Path, prepared: &Prepared, answers: Option<&PathBuf>) -> String {
    let ctx = report::Context {
        kit: dir.display().to_string(),
        from_version: prepared.state.manifest.version.clone(),
        to_version: crate::VERSION.to_owned(),
        new_answers: answers.map(|p| p.display().to_string()),
        notes: prepared.notes.clone(),
        language: prepared.language,
    };
    report::markdown(&prepared.plan, &ctx)
}

/// Client name, slug and mlops-kit version recorded in a kit, as far as they can be read (empty
/// strings otherwise): for reports about kits whose state or answers are damaged.
#[must_use]
pub fn identify(dir: &Path) -> (String, String, String) {
    let manifest = state::read_optional(&state::join(dir, state::MANIFEST))
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str::<state::Manifest>(&text).ok());
    let Some(manifest) = manifest else {
        return Default::default();
    };
    let answers = ["answers.yaml", "answers.json"]
        .contains(&manifest.answers.as_str())
        .then(|| {
            state::read_optional(&state::join(
                dir,
                &format!("{STATE_DIR}/{}", manifest.answers),
            ))
        })
        .and_then(Result::ok)
        .flatten()
        .and_then(|text| questionnaire::load_str(&manifest.answers, &text).ok());
    match answers {
        Some(loaded) => (
            loaded.questionnaire.client.name,
            loaded.questionnaire.client.slug,
            manifest.version,
        ),
        None => (String::new(), String::new(), manifest.version),
    }
}

/// Whether the git work tree holding `dir` has uncommitted changes to tracked files under it.
#[must_use]
pub fn git_dirty(dir: &Path) -> bool {
    matches!(git_status(dir), Git::Status(dirty) if !dirty.is_empty())
}

/// `check` of one kit: messages written to `log`, the plan as a pull-request description when
/// `want_plan`. Errors (not a kit, unreadable files, invalid answers) are `Err`.
pub fn check_kit(
    dir: &Path,
    blueprints: Option<&PathBuf>,
    want_plan: bool,
    log: &mut dyn std::io::Write,
) -> anyhow::Result<KitOutcome> {
    let fix = format!(
        "mlops-kit upgrade {}{}",
        dir_arg(dir),
        blueprints_flag(blueprints)
    );
    let _lock = if dir.is_dir() {
        Some(lock::lock(dir, lock::Mode::Shared)?)
    } else {
        None
    };
    let damaged = |why: String, log: &mut dyn std::io::Write| {
        let _ = writeln!(log, "{why}");
        KitOutcome {
            status: Status::Damaged,
            detail: why.lines().next().unwrap_or_default().to_owned(),
            ..KitOutcome::default()
        }
    };
    if txn::stopped_generate(dir) && !state::join(dir, state::MANIFEST).exists() {
        return Ok(damaged(
            format!(
                "`{}` holds a generate that was stopped midway: it is not a complete kit. Run the same `mlops-kit generate` again (it removes the partial files first)",
                dir.display()
            ),
            log,
        ));
    }
    if let Err(err) = state::check_state_folder(dir, STATE_DIR)
        .and_then(|()| state::check_state_folder(dir, TXN_DIR))
    {
        return Ok(damaged(err.to_string(), log));
    }
    if txn::pending(dir) {
        let tracked = txn_in_git_index(dir);
        if !tracked.is_empty() {
            return Ok(damaged(txn_committed_message(&tracked), log));
        }
        let message = interrupted_message(dir);
        let _ = writeln!(log, "{message}");
        return Ok(KitOutcome {
            status: Status::WouldChange,
            detail: "an interrupted upgrade must be finished".to_owned(),
            ..KitOutcome::default()
        });
    }
    let state = match state::read_state(dir) {
        Ok(state) => state,
        Err(err @ StateError::Damaged(_)) => {
            let outcome = damaged(err.to_string(), log);
            let _ = writeln!(
                log,
                "fix: restore `{STATE_DIR}/` from version control (e.g. `git checkout -- {}/{STATE_DIR}`)",
                dir_arg(dir)
            );
            return Ok(outcome);
        }
        Err(err) => return Err(err.into()),
    };
    if state::is_newer_than_binary(&state.manifest.version) {
        anyhow::bail!("{}", newer_kit_message(dir, &state.manifest.version));
    }
    let marked = files_with_markers(dir, &state)?;
    if !marked.is_empty() {
        let _ = writeln!(log, "conflict markers remain in {} file(s):", marked.len());
        for path in &marked {
            let _ = writeln!(log, "  {path}");
        }
        let _ = writeln!(
            log,
            "fix: resolve them (keep the lines you want, remove the marker lines) and commit"
        );
        return Ok(KitOutcome {
            status: Status::Conflicts,
            version: state.manifest.version.clone(),
            conflicts: marked.len(),
            detail: format!("conflict markers remain in {}", marked.join(", ")),
            ..KitOutcome::default()
        });
    }
    let Some(prepared) = prepare(dir, None, blueprints, log)? else {
        anyhow::bail!("the answers recorded in the kit are invalid for this mlops-kit");
    };
    for note in &prepared.notes {
        let _ = writeln!(log, "note: {note}");
    }
    let mut outcome = KitOutcome::of(&prepared);
    if want_plan {
        outcome.markdown = Some(plan_markdown(dir, &prepared, None));
    }
    let aside = files_set_aside(dir, prepared.plan.files.iter().map(|f| f.path.clone()));
    if !aside.is_empty() {
        let _ = writeln!(
            log,
            "new versions put aside by an interrupted upgrade remain in {} file(s):",
            aside.len()
        );
        for path in &aside {
            let _ = writeln!(log, "  {path}");
        }
        let _ = writeln!(log, "fix: {}", set_aside_help(dir));
        outcome.status = Status::Conflicts;
        outcome.detail = format!("new versions put aside: {}", aside.join(", "));
        return Ok(outcome);
    }
    let writes: Vec<_> = prepared.plan.writes().collect();
    if !writes.is_empty() {
        let _ = writeln!(log, "an upgrade would change {} file(s):", writes.len());
        for file in &writes {
            let _ = writeln!(log, "  {:<22} {}", file.action.name(), file.path);
        }
        let _ = writeln!(log, "see the diffs with `mlops-kit plan {}`", dir_arg(dir));
        let _ = writeln!(log, "fix: {fix}");
        outcome.status = Status::WouldChange;
        return Ok(outcome);
    }
    let changes = state_changes(dir, &prepared)?;
    if !changes.is_empty() {
        let _ = writeln!(
            log,
            "the kit's files are current but its recorded state (`{STATE_DIR}/`) is not:"
        );
        for path in &changes {
            let _ = writeln!(log, "  {path}");
        }
        let _ = writeln!(log, "fix: {fix}");
        outcome.status = Status::WouldChange;
        outcome.detail = format!("recorded state out of date: {}", changes.join(", "));
        return Ok(outcome);
    }
    let kept = prepared
        .plan
        .files
        .iter()
        .filter(|f| f.action == Action::KeepUserVersion)
        .count();
    let _ = writeln!(
        log,
        "`{}` is up to date with mlops-kit {} ({} generated files, {kept} with your edits).",
        dir.display(),
        crate::VERSION,
        prepared.state.base.len()
    );
    outcome.status = Status::UpToDate;
    Ok(outcome)
}
