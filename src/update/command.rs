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
use super::report;
use super::state::{self, KitState, STATE_DIR, StateError};
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
fn out(text: &str) {
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
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the questionnaire `{}`", path.display()))?;
    Ok(Answers {
        origin: path.display().to_string(),
        text,
        name: state::answers_name_for(path),
    })
}

/// Loads answers; prints warnings to stderr, or every diagnostic when the file is invalid (then
/// returns `None`).
fn load(answers: &Answers) -> Option<Questionnaire> {
    match questionnaire::load_str(&answers.origin, &answers.text) {
        Ok(loaded) => {
            for warning in &loaded.warnings {
                eprintln!("{warning}");
            }
            Some(loaded.questionnaire)
        }
        Err(invalid) => {
            eprintln!("{invalid}");
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
    generate_with_faults(args, Faults::default())
}

/// `generate` with the writer's test hook.
pub fn generate_with_faults(args: &GenerateArgs, faults: Faults) -> anyhow::Result<ExitCode> {
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
    let Some(q) = load(&answers) else {
        eprintln!("error: the questionnaire is invalid; nothing was written");
        return Ok(ExitCode::FAILURE);
    };
    let generated = render(&q, args.blueprints.as_ref())?;
    let mut files = state::state_files(q.version, answers.name, &answers.text, &generated);
    files.extend(generated.iter().map(|(k, v)| (k.clone(), v.clone())));
    let dir = &args.output;
    let fix = format!(
        "rm -rf {d} && mlops-kit generate {input_flag} -o {d}{}",
        blueprints_flag(args.blueprints.as_ref()),
        d = dir_arg(dir)
    );
    if args.check {
        return check_generated(dir, &files, &fix);
    }
    if dir.exists() {
        if !dir.is_dir() {
            anyhow::bail!("`{}` exists and is not a folder", dir.display());
        }
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
        let non_empty = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read `{}`", dir.display()))?
            .next()
            .is_some();
        if non_empty {
            anyhow::bail!(
                "`{}` is not empty and is not an mlops-kit kit (no `{}`); refusing to write into it. Choose a new or empty folder.",
                dir.display(),
                state::MANIFEST
            );
        }
    }
    txn::write_new_kit(dir, &files, faults)?;
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
    plan: Plan,
    notes: Vec<String>,
}

/// Reads the kit, loads the answers (given or recorded), renders and plans. `Ok(None)` when the
/// answers are invalid (diagnostics already printed).
fn prepare(
    dir: &Path,
    answers: Option<&PathBuf>,
    blueprints: Option<&PathBuf>,
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
    let Some(q) = load(&answers) else {
        return Ok(None);
    };
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
        plan,
        notes,
    }))
}

fn interrupted_message(dir: &Path) -> String {
    format!(
        "an upgrade of `{}` was interrupted; run `mlops-kit upgrade {}` to finish it (no content is lost: files changed since are kept and the new versions put next to them)",
        dir.display(),
        dir_arg(dir)
    )
}

/// Tracked files on disk that hold conflict markers.
fn files_with_markers(dir: &Path, state: &KitState) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for path in state.base.keys() {
        if let Some(text) = state::read_optional(&state::join(dir, path))?
            && engine::has_conflict_markers(&text)
        {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// Uncommitted changes to tracked files under `dir`, or `None` when `dir` is not in a git work tree
/// (or git is not installed).
fn git_uncommitted(dir: &Path) -> Option<Vec<String>> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["status", "--porcelain", "--untracked-files=no", "--", "."])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    Some(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
    )
}

// ---------------------------------------------------------------------------------------------------
// plan

/// `mlops-kit plan`.
pub fn plan(args: &PlanArgs) -> anyhow::Result<ExitCode> {
    if txn::pending(&args.dir) {
        anyhow::bail!("{}", interrupted_message(&args.dir));
    }
    let Some(prepared) = prepare(&args.dir, args.answers.as_ref(), args.blueprints.as_ref())?
    else {
        return Ok(ExitCode::FAILURE);
    };
    let ctx = report::Context {
        kit: args.dir.display().to_string(),
        from_version: prepared.state.manifest.version.clone(),
        to_version: crate::VERSION.to_owned(),
        new_answers: args.answers.as_ref().map(|p| p.display().to_string()),
        notes: prepared.notes.clone(),
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
    upgrade_with_faults(args, Faults::default())
}

/// `upgrade` with the writer's test hook.
pub fn upgrade_with_faults(args: &UpgradeArgs, faults: Faults) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    if txn::pending(dir) {
        // Finish the interrupted upgrade and stop: its changes are uncommitted, and any further
        // upgrade is planned from the finished state by the next run.
        for warning in txn::recover(dir)? {
            eprintln!("note: {warning}");
        }
        let state = state::read_state(dir)?;
        let marked = files_with_markers(dir, &state)?;
        if !marked.is_empty() {
            eprintln!(
                "conflict markers were written in:\n  {}",
                marked.join("\n  ")
            );
            eprintln!("Resolve them, then run `mlops-kit check {}`.", dir_arg(dir));
            return Ok(ExitCode::from(EXIT_CONFLICTS));
        }
        eprintln!(
            "The interrupted upgrade of `{}` is complete. Review with `git diff`, commit, and run `mlops-kit check {}`.",
            dir.display(),
            dir_arg(dir)
        );
        return Ok(ExitCode::SUCCESS);
    }
    txn::recover(dir)?; // removes an uncommitted staging folder, if any
    // Refusals come before rendering: they do not depend on the answers.
    let state = state::read_state(dir)?;
    if !args.force {
        let marked = files_with_markers(dir, &state)?;
        if !marked.is_empty() {
            anyhow::bail!(
                "conflict markers from a previous upgrade remain in:\n  {}\nresolve them (keep the lines you want, remove the `<<<<<<<`, `|||||||`, `=======`, `>>>>>>>` lines), then upgrade again; `--force` upgrades anyway",
                marked.join("\n  ")
            );
        }
        if let Some(dirty) = git_uncommitted(dir)
            && !dirty.is_empty()
        {
            anyhow::bail!(
                "the git work tree has uncommitted changes to tracked files:\n  {}\ncommit or stash them first so the upgrade can be reviewed as its own diff; `--force` upgrades anyway",
                dirty.join("\n  ")
            );
        }
    }
    let Some(prepared) = prepare(dir, args.answers.as_ref(), args.blueprints.as_ref())? else {
        eprintln!("error: the questionnaire is invalid; nothing was changed");
        return Ok(ExitCode::FAILURE);
    };
    for note in &prepared.notes {
        eprintln!("note: {note}");
    }
    let changes = state_changes(dir, &prepared)?;
    let plan = &prepared.plan;
    if changes.is_empty() {
        eprintln!(
            "`{}` is already up to date; nothing was changed.",
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    txn::apply(dir, &changes, faults)?;
    let mut summary = String::new();
    for file in plan.files.iter().filter(|f| f.action != Action::Unchanged) {
        let name = if file.conflicts > 0 {
            format!("{} ({})", file.action.name(), file.conflicts)
        } else {
            file.action.name().to_owned()
        };
        let _ = writeln!(summary, "  {name:<22} {}", file.path);
    }
    eprint!("{summary}");
    let counts = plan.counts();
    let n = |a: Action| counts.get(&a).copied().unwrap_or(0);
    eprintln!(
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
        eprintln!(
            "{conflicts} conflict region(s) were written, marked `<<<<<<< yours` ... `>>>>>>> mlops-kit`:"
        );
        for file in plan.files.iter().filter(|f| f.conflicts > 0) {
            eprintln!("  {} ({} region(s))", file.path, file.conflicts);
        }
        eprintln!(
            "Resolve them, then run `mlops-kit check {}`; it exits {EXIT_CONFLICTS} while markers remain.",
            dir_arg(dir)
        );
        return Ok(ExitCode::from(EXIT_CONFLICTS));
    }
    eprintln!("Review with `git diff`, then commit.");
    Ok(ExitCode::SUCCESS)
}

/// Every file the upgrade writes or deletes, working files first and the manifest last.
fn state_changes(dir: &Path, prepared: &Prepared) -> anyhow::Result<Vec<(String, Option<String>)>> {
    let plan = &prepared.plan;
    let mut changes: Vec<(String, Option<String>)> = plan
        .writes()
        .map(|f| (f.path.clone(), f.result.clone()))
        .collect();
    for file in &plan.files {
        if file.old_base != file.new_base {
            changes.push((
                format!("{}/{}", state::BASE_DIR, file.path),
                file.new_base.clone(),
            ));
        }
    }
    let old_answers = format!("{STATE_DIR}/{}", prepared.state.manifest.answers);
    let new_answers = format!("{STATE_DIR}/{}", prepared.answers.name);
    if prepared.new_answers {
        if old_answers != new_answers {
            changes.push((old_answers, None));
        }
        if prepared.state.answers_text != prepared.answers.text
            || prepared.state.manifest.answers != prepared.answers.name
        {
            changes.push((new_answers, Some(prepared.answers.text.clone())));
        }
    }
    let manifest = state::Manifest::new(
        prepared.questionnaire_version,
        prepared.answers.name,
        &plan.new_bases(),
    )
    .to_text();
    let current = state::read_optional(&state::join(dir, state::MANIFEST))?;
    if current.as_deref() != Some(manifest.as_str()) {
        changes.push((state::MANIFEST.to_owned(), Some(manifest)));
    }
    Ok(changes)
}

// ---------------------------------------------------------------------------------------------------
// check

/// `mlops-kit check`.
pub fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    let fix = format!(
        "mlops-kit upgrade {}{}",
        dir_arg(dir),
        blueprints_flag(args.blueprints.as_ref())
    );
    if txn::pending(dir) {
        eprintln!("{}", interrupted_message(dir));
        return Ok(ExitCode::from(EXIT_OUTDATED));
    }
    let state = match state::read_state(dir) {
        Ok(state) => state,
        Err(err @ StateError::Damaged(_)) => {
            eprintln!("{err}");
            eprintln!(
                "fix: restore `{STATE_DIR}/` from version control (e.g. `git checkout -- {}/{STATE_DIR}`)",
                dir_arg(dir)
            );
            return Ok(ExitCode::from(EXIT_CONFLICTS));
        }
        Err(err) => return Err(err.into()),
    };
    let marked = files_with_markers(dir, &state)?;
    if !marked.is_empty() {
        eprintln!("conflict markers remain in {} file(s):", marked.len());
        for path in &marked {
            eprintln!("  {path}");
        }
        eprintln!(
            "fix: resolve them (keep the lines you want, remove the marker lines) and commit"
        );
        return Ok(ExitCode::from(EXIT_CONFLICTS));
    }
    let Some(prepared) = prepare(dir, None, args.blueprints.as_ref())? else {
        eprintln!("error: the answers recorded in the kit are invalid for this mlops-kit");
        return Ok(ExitCode::FAILURE);
    };
    for note in &prepared.notes {
        eprintln!("note: {note}");
    }
    let writes: Vec<_> = prepared.plan.writes().collect();
    if !writes.is_empty() {
        eprintln!("an upgrade would change {} file(s):", writes.len());
        for file in &writes {
            eprintln!("  {:<22} {}", file.action.name(), file.path);
        }
        eprintln!("see the diffs with `mlops-kit plan {}`", dir_arg(dir));
        eprintln!("fix: {fix}");
        return Ok(ExitCode::from(EXIT_OUTDATED));
    }
    let changes = state_changes(dir, &prepared)?;
    if !changes.is_empty() {
        eprintln!("the kit's files are current but its recorded state (`{STATE_DIR}/`) is not:");
        for (path, _) in &changes {
            eprintln!("  {path}");
        }
        eprintln!("fix: {fix}");
        return Ok(ExitCode::from(EXIT_OUTDATED));
    }
    let kept = prepared
        .plan
        .files
        .iter()
        .filter(|f| f.action == Action::KeepUserVersion)
        .count();
    eprintln!(
        "`{}` is up to date with mlops-kit {} ({} generated files, {kept} with your edits).",
        dir.display(),
        crate::VERSION,
        prepared.state.base.len()
    );
    Ok(ExitCode::SUCCESS)
}
