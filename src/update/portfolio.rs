//! `mlops-kit portfolio plan|check|upgrade PATH...`: the single-kit `plan`, `check` and `upgrade`
//! ([`super::command`]) run over every kit found under the given folders, in parallel, with one
//! summary.
//!
//! Kits are found by walking the paths (a folder holding `.mlops-kit/manifest.json` is a kit and is
//! not walked further; `.git` folders and symbolic links are not followed) and handed to `--jobs`
//! workers as they are found: a kit's files, render and plan live only while its worker holds it,
//! so memory does not grow with the number of kits. Only a small row per kit is kept, for the
//! summary. One kit's failure never stops the others.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use anyhow::Context as _;
use serde::Serialize;

use super::command::{self, KitOutcome};
use super::state::{self, STATE_DIR};
use super::txn;
use crate::cli::{PortfolioAction, PortfolioArgs, PortfolioFormat};

/// The status of one kit, most severe last.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Nothing to do.
    #[default]
    UpToDate,
    /// Upgraded by `portfolio upgrade`, without conflicts.
    Upgraded,
    /// An upgrade would change files (or one interrupted must be finished).
    WouldChange,
    /// An upgrade would change files, but the git tree has uncommitted changes, so `upgrade` skips
    /// the kit until they are committed.
    NotClean,
    /// Conflict markers (or new versions put aside) need a decision.
    Conflicts,
    /// The recorded state is damaged, or a generate was stopped midway.
    Damaged,
    /// The kit could not be read or processed.
    Error,
}

impl Status {
    /// Name in reports.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Status::UpToDate => "up to date",
            Status::Upgraded => "upgraded",
            Status::WouldChange => "would change",
            Status::NotClean => "not a clean git tree",
            Status::Conflicts => "conflicts",
            Status::Damaged => "damaged state",
            Status::Error => "error",
        }
    }

    /// Exit code, the same as `check`'s: 0 fine, 2 out of date, 3 needs a decision, 1 error.
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            Status::UpToDate | Status::Upgraded => 0,
            Status::WouldChange | Status::NotClean => command::EXIT_OUTDATED,
            Status::Conflicts | Status::Damaged => command::EXIT_CONFLICTS,
            Status::Error => 1,
        }
    }
}

/// One kit in the summary.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The kit folder.
    pub kit: String,
    /// Client name from the recorded answers (empty when they cannot be read).
    pub client: String,
    /// Client slug.
    pub slug: String,
    /// mlops-kit version that wrote the kit.
    pub version: String,
    /// Status.
    pub status: Status,
    /// Files the upgrade changes (or changed).
    pub files: usize,
    /// Conflict regions (written, or that an upgrade would write).
    pub conflicts: usize,
    /// Why, for statuses that need one; the first lines of the single-kit message.
    pub detail: String,
    /// The pull-request description written with `--out`, relative to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Finds every kit under `roots`, calling `found` for each as soon as it is found. A folder with
/// `.mlops-kit/manifest.json` is a kit (not walked further); so is one holding only a stopped
/// generate (`.mlops-kit-staging/`), reported as damaged. `.git` folders and symbolic links are not
/// followed.
pub fn discover(roots: &[PathBuf], found: &mut dyn FnMut(&Path, PathBuf)) -> anyhow::Result<()> {
    for root in roots {
        if !root.is_dir() {
            anyhow::bail!("`{}` is not a folder", root.display());
        }
        let mut walk = walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.with_context(|| format!("cannot walk `{}`", root.display()))?;
            if !entry.file_type().is_dir() {
                continue;
            }
            let name = entry.file_name();
            if name == ".git" || name == STATE_DIR || name == txn::STAGING {
                walk.skip_current_dir();
                continue;
            }
            let dir = entry.path();
            if state::join(dir, state::MANIFEST).exists() || dir.join(txn::STAGING).is_dir() {
                found(root, dir.to_path_buf());
                walk.skip_current_dir();
            }
        }
    }
    Ok(())
}

/// A file name for a kit's pull-request description: its path under the searched folder (or the
/// folder's name, for a kit given directly) with separators as `-`, made unique.
fn description_name(root: &Path, kit: &Path, taken: &Mutex<BTreeSet<String>>) -> String {
    let relative = kit.strip_prefix(root).unwrap_or(kit);
    let relative = if relative.as_os_str().is_empty() {
        std::path::absolute(kit)
            .ok()
            .and_then(|p| p.file_name().map(|n| PathBuf::from(n.to_owned())))
            .unwrap_or_default()
    } else {
        relative.to_path_buf()
    };
    let stem: String = relative
        .display()
        .to_string()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches('-')
        .to_owned();
    let stem = if stem.is_empty() {
        "kit".to_owned()
    } else {
        stem
    };
    let mut taken = taken
        .lock()
        .expect("no worker panics while holding the name set");
    let mut name = format!("{stem}.md");
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{stem}-{n}.md");
        n += 1;
    }
    name
}

fn first_lines(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .collect();
    lines.join(" / ")
}

/// Runs the single-kit operation on one kit and turns its outcome into a row.
fn process(root: &Path, kit: &Path, args: &PortfolioArgs, taken: &Mutex<BTreeSet<String>>) -> Row {
    let mut log: Vec<u8> = Vec::new();
    let want_plan = args.out.is_some();
    let result = match args.action {
        PortfolioAction::Plan | PortfolioAction::Check => {
            command::check_kit(kit, args.blueprints.as_ref(), want_plan, &mut log)
        }
        PortfolioAction::Upgrade => {
            command::upgrade_kit(kit, args.blueprints.as_ref(), want_plan, &mut log)
        }
    };
    let log = String::from_utf8_lossy(&log).into_owned();
    let mut outcome = match result {
        Ok(outcome) => outcome,
        Err(err) => KitOutcome::error(&err),
    };
    if outcome.slug.is_empty() {
        let (client, slug, version) = command::identify(kit);
        outcome.client = client;
        outcome.slug = slug;
        if outcome.version.is_empty() {
            outcome.version = version;
        }
    }
    // `upgrade` would refuse a kit with uncommitted changes: say so where it would change (an
    // interrupted upgrade is uncommitted by nature, and `upgrade` finishes it).
    if outcome.status == Status::WouldChange && !txn::pending(kit) && command::git_dirty(kit) {
        outcome.status = Status::NotClean;
        "uncommitted changes to tracked files: commit them, then upgrade"
            .clone_into(&mut outcome.detail);
    }
    let mut description = None;
    if let (Some(out), Some(markdown)) = (&args.out, &outcome.markdown) {
        let name = description_name(root, kit, taken);
        match std::fs::write(out.join(&name), markdown) {
            Ok(()) => description = Some(name),
            Err(err) => {
                return Row {
                    kit: kit.display().to_string(),
                    client: outcome.client,
                    slug: outcome.slug,
                    version: outcome.version,
                    status: Status::Error,
                    files: outcome.files,
                    conflicts: outcome.conflicts,
                    detail: format!("cannot write `{}`: {err}", out.join(&name).display()),
                    description: None,
                };
            }
        }
    }
    let detail = match outcome.status {
        Status::UpToDate => String::new(),
        _ if !outcome.detail.is_empty() => outcome.detail,
        _ => first_lines(&log),
    };
    Row {
        kit: kit.display().to_string(),
        client: outcome.client,
        slug: outcome.slug,
        version: outcome.version,
        status: outcome.status,
        files: outcome.files,
        conflicts: outcome.conflicts,
        detail,
        description,
    }
}

/// Runs one operation over every kit under the paths, `jobs` at a time. Rows come back sorted by
/// kit path.
///
/// # Panics
///
/// Only if a worker thread panicked (a bug), since the shared queue and rows are then poisoned.
pub fn run_all(args: &PortfolioArgs) -> anyhow::Result<Vec<Row>> {
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    if jobs == 0 {
        anyhow::bail!("`--jobs` must be at least 1");
    }
    if let Some(out) = &args.out {
        std::fs::create_dir_all(out)
            .with_context(|| format!("cannot create `{}`", out.display()))?;
    }
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(PathBuf, PathBuf)>(jobs);
    let receiver = Mutex::new(receiver);
    let rows = Mutex::new(Vec::new());
    // The summary's own name is never given to a kit's description.
    let taken = Mutex::new(BTreeSet::from(["summary.md".to_owned()]));
    std::thread::scope(|scope| -> anyhow::Result<()> {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let next = receiver
                        .lock()
                        .expect("no worker panics while holding the queue")
                        .recv();
                    let Ok((root, kit)) = next else { break };
                    let row = process(&root, &kit, args, &taken);
                    rows.lock()
                        .expect("no worker panics while holding the rows")
                        .push(row);
                }
            });
        }
        let walked = discover(&args.paths, &mut |root, kit| {
            let _ = sender.send((root.to_path_buf(), kit));
        });
        drop(sender);
        walked
    })?;
    let mut rows = rows.into_inner().expect("workers are done");
    rows.sort_by(|a, b| a.kit.cmp(&b.kit));
    Ok(rows)
}

/// Counts of each status, in report order.
fn totals(rows: &[Row]) -> Vec<(Status, usize)> {
    let mut out: Vec<(Status, usize)> = Vec::new();
    for row in rows {
        match out.iter_mut().find(|(s, _)| *s == row.status) {
            Some((_, n)) => *n += 1,
            None => out.push((row.status, 1)),
        }
    }
    out.sort();
    out
}

fn totals_line(rows: &[Row]) -> String {
    let parts: Vec<String> = totals(rows)
        .iter()
        .map(|(s, n)| format!("{n} {}", s.name()))
        .collect();
    format!(
        "{} kit(s): {}.",
        rows.len(),
        if parts.is_empty() {
            "none found".to_owned()
        } else {
            parts.join(", ")
        }
    )
}

fn status_cell(row: &Row) -> String {
    let conflicts = if row.conflicts > 0 {
        format!(", {} conflict(s)", row.conflicts)
    } else {
        String::new()
    };
    match row.status {
        Status::WouldChange if row.files > 0 => {
            format!("would change {} file(s){conflicts}", row.files)
        }
        Status::NotClean if row.files > 0 => format!(
            "not a clean git tree (would change {} file(s){conflicts})",
            row.files
        ),
        Status::Upgraded if row.files > 0 => format!("upgraded ({} file(s) changed)", row.files),
        Status::Conflicts if row.conflicts > 0 => {
            format!("conflicts ({} to resolve)", row.conflicts)
        }
        status => status.name().to_owned(),
    }
}

/// The summary as text.
#[must_use]
pub fn text(rows: &[Row], action: PortfolioAction) -> String {
    let mut out = String::new();
    let width = rows.iter().map(|r| r.kit.len()).max().unwrap_or(3).max(3);
    let client_width = rows
        .iter()
        .map(|r| r.client.chars().count())
        .max()
        .unwrap_or(6)
        .clamp(6, 32);
    let _ = writeln!(
        out,
        "{:<width$}  {:<client_width$}  {:<12}  {:<8}  STATUS",
        "KIT", "CLIENT", "SLUG", "VERSION"
    );
    for row in rows {
        let client: String = row.client.chars().take(client_width).collect();
        let _ = writeln!(
            out,
            "{:<width$}  {client:<client_width$}  {:<12}  {:<8}  {}",
            row.kit,
            row.slug,
            row.version,
            status_cell(row)
        );
        if !row.detail.is_empty() {
            let _ = writeln!(out, "{:<width$}    {}", "", row.detail);
        }
    }
    let _ = writeln!(out, "\n{} ({})", totals_line(rows), action_name(action));
    out
}

fn action_name(action: PortfolioAction) -> &'static str {
    match action {
        PortfolioAction::Plan => "plan",
        PortfolioAction::Check => "check",
        PortfolioAction::Upgrade => "upgrade",
    }
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The summary as Markdown.
#[must_use]
pub fn markdown(rows: &[Row], action: PortfolioAction) -> String {
    let mut out = format!(
        "## mlops-kit portfolio {} (mlops-kit {})\n\n{}\n\n| Kit | Client | Slug | Version | Status | Details |\n|---|---|---|---|---|---|\n",
        action_name(action),
        crate::VERSION,
        totals_line(rows)
    );
    for row in rows {
        let kit = match &row.description {
            Some(name) => format!("[`{}`]({name})", md_cell(&row.kit)),
            None => format!("`{}`", md_cell(&row.kit)),
        };
        let _ = writeln!(
            out,
            "| {kit} | {} | `{}` | {} | {} | {} |",
            md_cell(&row.client),
            md_cell(&row.slug),
            md_cell(&row.version),
            md_cell(&status_cell(row)),
            md_cell(&row.detail)
        );
    }
    out
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    action: &'static str,
    mlops_kit: &'static str,
    exit_code: u8,
    totals: Vec<(&'static str, usize)>,
    kits: &'a [Row],
}

/// The summary as JSON.
///
/// # Panics
///
/// Never: rows hold strings and numbers only.
#[must_use]
pub fn json(rows: &[Row], action: PortfolioAction) -> String {
    let doc = JsonSummary {
        action: action_name(action),
        mlops_kit: crate::VERSION,
        exit_code: exit_code(rows),
        totals: totals(rows)
            .into_iter()
            .map(|(s, n)| (s.name(), n))
            .collect(),
        kits: rows,
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("a summary always serializes");
    text.push('\n');
    text
}

/// The most severe kit's code: an error (1) over a decision needed (3) over out of date (2).
#[must_use]
pub fn exit_code(rows: &[Row]) -> u8 {
    rows.iter().map(|r| r.status).max().map_or(0, Status::code)
}

/// `mlops-kit portfolio`.
pub fn portfolio(args: &PortfolioArgs) -> anyhow::Result<ExitCode> {
    let rows = run_all(args)?;
    if rows.is_empty() {
        anyhow::bail!(
            "no kit found under {} (a kit is a folder holding `{}`)",
            args.paths
                .iter()
                .map(|p| format!("`{}`", p.display()))
                .collect::<Vec<_>>()
                .join(", "),
            state::MANIFEST
        );
    }
    let summary = match args.format {
        PortfolioFormat::Text => text(&rows, args.action),
        PortfolioFormat::Markdown => markdown(&rows, args.action),
        PortfolioFormat::Json => json(&rows, args.action),
    };
    if let Some(out) = &args.out {
        let path = out.join("summary.md");
        std::fs::write(&path, markdown(&rows, args.action))
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    command::out(&summary);
    Ok(ExitCode::from(exit_code(&rows)))
}
