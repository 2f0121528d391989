//! Explaining a plan: text for the terminal (unified diffs, coloured on a terminal unless `NO_COLOR`
//! is set), Markdown for a pull-request description, JSON for machines.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::IsTerminal as _;

use serde::Serialize;
use similar::TextDiff;

use crate::i18n::{Language, n, s, t, tr};

use super::engine::{Action, FileChange, Plan};
use super::terraform::{self, ResourceChange, ResourceChangeKind};

/// What a report says about the upgrade besides the files.
#[derive(Debug, Clone)]
pub struct Context {
    /// The kit folder as the user typed it.
    pub kit: String,
    /// mlops-kit version that wrote the kit.
    pub from_version: String,
    /// This mlops-kit's version.
    pub to_version: String,
    /// `None` when the recorded answers are used; otherwise the file given with `--answers`.
    pub new_answers: Option<String>,
    /// Messages to show first (migration of old answers, questionnaire warnings).
    pub notes: Vec<String>,
    /// Language of the kit: the pull-request description is written in it.
    pub language: Language,
}

/// Whether to colour output on standard output: a terminal, and `NO_COLOR` unset or empty.
#[must_use]
pub fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Unified diff of one file, `a/` and `b/` headers, `/dev/null` for an absent side. Empty when equal.
#[must_use]
pub fn unified(path: &str, old: Option<&str>, new: Option<&str>) -> String {
    if old == new {
        return String::new();
    }
    let a = if old.is_some() {
        format!("a/{path}")
    } else {
        "/dev/null".to_owned()
    };
    let b = if new.is_some() {
        format!("b/{path}")
    } else {
        "/dev/null".to_owned()
    };
    let diff = TextDiff::from_lines(old.unwrap_or(""), new.unwrap_or(""));
    diff.unified_diff()
        .context_radius(3)
        .header(&a, &b)
        .to_string()
}

/// Colours a unified diff with ANSI escapes.
#[must_use]
pub fn colorize(diff: &str) -> String {
    let mut out = String::with_capacity(diff.len() + diff.len() / 8);
    for line in diff.split_inclusive('\n') {
        let (body, nl) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
        let code = if body.starts_with("+++") || body.starts_with("---") {
            "1"
        } else if body.starts_with('+') {
            "32"
        } else if body.starts_with('-') {
            "31"
        } else if body.starts_with("@@") {
            "36"
        } else {
            ""
        };
        if code.is_empty() {
            out.push_str(line);
        } else {
            let _ = write!(out, "\x1b[{code}m{body}\x1b[0m{nl}");
        }
    }
    out
}

/// The diff an upgrade applies to a file on disk.
#[must_use]
pub fn file_diff(file: &FileChange) -> String {
    unified(&file.path, file.disk.as_deref(), file.result.as_deref())
}

fn disk_and_result_tf(
    plan: &Plan,
) -> (
    BTreeMap<String, String>,
    BTreeMap<String, String>,
    Vec<String>,
) {
    let mut before = BTreeMap::new();
    let mut after = BTreeMap::new();
    let mut notes = Vec::new();
    for file in plan
        .files
        .iter()
        .filter(|f| terraform::is_terraform(&f.path))
    {
        // A conflicted file has no settled result: show what the blueprint changes (old base to new
        // base), so the user's own edits are not reported as changes of the upgrade.
        let (old, new) = if file.action == Action::Conflict {
            notes.push(format!(
                "`{}` has conflicts; its resources are summarised from the blueprint change alone",
                file.path
            ));
            (
                file.old_base.as_ref().or(file.disk.as_ref()),
                file.new_base.as_ref(),
            )
        } else {
            (file.disk.as_ref(), file.result.as_ref())
        };
        if let Some(old) = old {
            before.insert(file.path.clone(), old.clone());
        }
        if let Some(new) = new {
            after.insert(file.path.clone(), new.clone());
        }
    }
    (before, after, notes)
}

/// Terraform resources that change between the kit on disk and the kit after the upgrade.
#[must_use]
pub fn terraform_changes(plan: &Plan) -> (Vec<ResourceChange>, Vec<String>) {
    let (before, after, mut notes) = disk_and_result_tf(plan);
    let (changes, parse_notes) = terraform::summarize(&before, &after);
    notes.extend(parse_notes);
    (changes, notes)
}

fn header(ctx: &Context) -> String {
    let answers = match &ctx.new_answers {
        Some(file) => format!("new answers from `{file}`"),
        None => "the answers recorded in the kit".to_owned(),
    };
    format!(
        "Upgrade of `{}` from mlops-kit {} to {}, with {answers}.",
        ctx.kit, ctx.from_version, ctx.to_version
    )
}

fn summary_line(plan: &Plan) -> String {
    let counts = plan.counts();
    let parts: Vec<String> = Action::ALL
        .iter()
        .filter_map(|a| counts.get(a).map(|n| format!("{n} {}", a.name())))
        .collect();
    if parts.is_empty() {
        "no files".to_owned()
    } else {
        parts.join(", ")
    }
}

/// The plan as text for a terminal.
#[must_use]
pub fn text(plan: &Plan, ctx: &Context, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", header(ctx));
    for note in &ctx.notes {
        let _ = writeln!(out, "note: {note}");
    }
    let _ = writeln!(out);
    for file in plan.files.iter().filter(|f| f.action != Action::Unchanged) {
        let name = if file.conflicts > 0 {
            format!("{} ({})", file.action.name(), file.conflicts)
        } else {
            file.action.name().to_owned()
        };
        let _ = writeln!(out, "  {name:<22} {}", file.path);
    }
    let _ = writeln!(out, "\n{}.", summary_line(plan));
    if plan.writes().next().is_none() {
        let _ = writeln!(out, "An upgrade would change no file.");
    }
    for file in plan.writes() {
        let diff = file_diff(file);
        if diff.is_empty() {
            continue;
        }
        let _ = writeln!(out);
        out.push_str(&if color { colorize(&diff) } else { diff });
    }
    for (file, diff) in missed(plan) {
        let _ = writeln!(
            out,
            "\n`{}` was deleted (or renamed) in the kit, so this blueprint change is not applied; if you renamed the file, apply it there by hand:",
            file.path
        );
        out.push_str(&if color { colorize(&diff) } else { diff });
    }
    out
}

/// Files the user deleted or renamed whose blueprint changed: the change they miss (old base to
/// new base).
#[must_use]
pub fn missed(plan: &Plan) -> Vec<(&FileChange, String)> {
    plan.files
        .iter()
        .filter(|f| f.action == Action::UserDeleted && f.new_base.is_some())
        .map(|f| {
            (
                f,
                unified(&f.path, f.old_base.as_deref(), f.new_base.as_deref()),
            )
        })
        .filter(|(_, d)| !d.is_empty())
        .collect()
}

fn fence_for(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat(longest.max(2) + 1)
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The header sentence of the pull-request description, in the kit's language.
fn header_in(ctx: &Context) -> String {
    let l = ctx.language;
    let answers = match &ctx.new_answers {
        Some(file) => tr(l, "plan-answers-new", &[("file", s(file))]),
        None => t(l, "plan-answers-recorded"),
    };
    tr(
        l,
        "plan-header",
        &[
            ("kit", s(&ctx.kit)),
            ("from", s(&ctx.from_version)),
            ("to", s(&ctx.to_version)),
            ("answers", s(&answers)),
        ],
    )
}

/// The plan as a pull-request description, in the kit's language (action names stay the
/// identifiers of the text and JSON plans).
#[must_use]
pub fn markdown(plan: &Plan, ctx: &Context) -> String {
    let l = ctx.language;
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n\n{}\n", t(l, "plan-title"), header_in(ctx));
    for note in &ctx.notes {
        let _ = writeln!(out, "> {note}\n");
    }
    let counts = plan.counts();
    let conflicts = plan.conflict_count();
    if conflicts > 0 {
        let _ = writeln!(
            out,
            "{}\n",
            tr(
                l,
                "plan-conflicts",
                &[("count", n(u64::try_from(conflicts).unwrap_or(u64::MAX)))]
            )
        );
    }
    let _ = writeln!(
        out,
        "### {}\n\n| {} | {} | {} |\n|---|---:|---|",
        t(l, "plan-summary"),
        t(l, "plan-action"),
        t(l, "plan-files"),
        t(l, "plan-meaning")
    );
    for action in Action::ALL {
        if let Some(count) = counts.get(&action) {
            let _ = writeln!(
                out,
                "| {} | {count} | {} |",
                action.name(),
                t(l, &format!("action-{}", action.name()))
            );
        }
    }
    let listed: Vec<&FileChange> = plan
        .files
        .iter()
        .filter(|f| f.action != Action::Unchanged)
        .collect();
    if !listed.is_empty() {
        let _ = writeln!(
            out,
            "\n### {}\n\n| {} | {} |\n|---|---|",
            t(l, "plan-files"),
            t(l, "plan-file"),
            t(l, "plan-action")
        );
        for file in &listed {
            let action = if file.conflicts > 0 {
                tr(
                    l,
                    "plan-regions",
                    &[
                        ("action", s(file.action.name())),
                        (
                            "count",
                            n(u64::try_from(file.conflicts).unwrap_or(u64::MAX)),
                        ),
                    ],
                )
            } else {
                file.action.name().to_owned()
            };
            let _ = writeln!(out, "| `{}` | {action} |", cell(&file.path));
        }
    }
    let (changes, notes) = terraform_changes(plan);
    let _ = writeln!(out, "\n### {}\n", t(l, "plan-terraform"));
    if changes.is_empty() {
        let _ = writeln!(out, "{}", t(l, "plan-terraform-none"));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
            t(l, "plan-folder"),
            t(l, "plan-block"),
            t(l, "plan-change"),
            t(l, "plan-attributes"),
            t(l, "plan-replacement")
        );
        for c in &changes {
            let code = |items: &[String]| {
                items
                    .iter()
                    .map(|a| format!("`{}`", cell(a)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let replacement = if c.replaces.is_empty() {
                String::new()
            } else {
                tr(
                    l,
                    "plan-forces-replacement",
                    &[("attributes", s(&code(&c.replaces)))],
                )
            };
            let change = match (c.address.as_str(), c.change) {
                ("(folder)", ResourceChangeKind::Added) => t(l, "plan-folder-added"),
                ("(folder)", ResourceChangeKind::Removed) => t(l, "plan-folder-removed"),
                (_, kind) => t(l, &format!("plan-change-{}", kind.name())),
            };
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {change} | {} | {replacement} |",
                cell(&c.root),
                cell(&c.address),
                code(&c.attributes),
            );
        }
    }
    let _ = writeln!(out, "\n> {}", t(l, "plan-coverage"));
    for note in notes {
        let _ = writeln!(out, "\n> {note}");
    }
    let diffs: Vec<(&FileChange, String)> = plan
        .writes()
        .map(|f| (f, file_diff(f)))
        .filter(|(_, d)| !d.is_empty())
        .collect();
    if !diffs.is_empty() {
        let _ = writeln!(out, "\n### {}", t(l, "plan-diffs"));
        for (file, diff) in diffs {
            let fence = fence_for(&diff);
            let _ = writeln!(
                out,
                "\n<details><summary><code>{}</code> ({})</summary>\n\n{fence}diff\n{diff}{fence}\n\n</details>",
                file.path.replace('&', "&amp;").replace('<', "&lt;"),
                file.action.name()
            );
        }
    }
    let missed = missed(plan);
    if !missed.is_empty() {
        let _ = writeln!(
            out,
            "\n### {}\n\n{}",
            t(l, "plan-missed-title"),
            t(l, "plan-missed-text")
        );
        for (file, diff) in missed {
            let fence = fence_for(&diff);
            let _ = writeln!(
                out,
                "\n<details><summary><code>{}</code></summary>\n\n{fence}diff\n{diff}{fence}\n\n</details>",
                file.path.replace('&', "&amp;").replace('<', "&lt;"),
            );
        }
    }
    out
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    action: Action,
    conflicts: usize,
    diff: String,
    /// For a file the user deleted or renamed: the blueprint change it misses.
    #[serde(skip_serializing_if = "Option::is_none")]
    missed_diff: Option<String>,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    kit: &'a str,
    from_version: &'a str,
    to_version: &'a str,
    answers: Option<&'a str>,
    notes: &'a [String],
    summary: BTreeMap<&'static str, usize>,
    conflicts: usize,
    changes_files: bool,
    files: Vec<JsonFile<'a>>,
    terraform: Vec<ResourceChange>,
    terraform_coverage: &'static str,
    terraform_notes: Vec<String>,
}

/// The plan as JSON (every file except the unchanged ones, with its diff).
///
/// # Panics
///
/// Never: serializing strings and numbers cannot fail.
#[must_use]
pub fn json(plan: &Plan, ctx: &Context) -> String {
    let (terraform, terraform_notes) = terraform_changes(plan);
    let doc = JsonPlan {
        kit: &ctx.kit,
        from_version: &ctx.from_version,
        to_version: &ctx.to_version,
        answers: ctx.new_answers.as_deref(),
        notes: &ctx.notes,
        summary: plan
            .counts()
            .into_iter()
            .map(|(a, n)| (a.name(), n))
            .collect(),
        conflicts: plan.conflict_count(),
        changes_files: plan.writes().next().is_some(),
        files: plan
            .files
            .iter()
            .filter(|f| f.action != Action::Unchanged)
            .map(|f| JsonFile {
                path: &f.path,
                action: f.action,
                conflicts: f.conflicts,
                diff: file_diff(f),
                missed_diff: (f.action == Action::UserDeleted && f.new_base.is_some())
                    .then(|| unified(&f.path, f.old_base.as_deref(), f.new_base.as_deref()))
                    .filter(|d| !d.is_empty()),
            })
            .collect(),
        terraform,
        terraform_coverage: terraform::COVERAGE,
        terraform_notes,
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("a plan always serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::update::engine::{self, Labels};

    fn sample() -> Plan {
        let base = BTreeMap::from([(
            "main.tf".to_owned(),
            "resource \"a\" \"b\" {\n  x = 1\n}\n".to_owned(),
        )]);
        let new = BTreeMap::from([
            (
                "main.tf".to_owned(),
                "resource \"a\" \"b\" {\n  x = 2\n}\n".to_owned(),
            ),
            ("README.md".to_owned(), "```sh\nrun\n```\n".to_owned()),
        ]);
        engine::plan(&base, &base, &new, &Labels::new("0.1.0", "0.1.0"))
    }

    fn ctx() -> Context {
        Context {
            kit: "kit".into(),
            from_version: "0.1.0".into(),
            to_version: "0.1.0".into(),
            new_answers: None,
            notes: vec![],
            language: Language::En,
        }
    }

    #[test]
    fn the_english_coverage_note_is_the_one_json_carries() {
        assert_eq!(t(Language::En, "plan-coverage"), terraform::COVERAGE);
    }

    #[test]
    fn the_pull_request_description_follows_the_kit_language() {
        let en = markdown(&sample(), &ctx());
        assert!(en.starts_with("## mlops-kit upgrade\n\nUpgrade of `kit` from mlops-kit "));
        let pt = markdown(
            &sample(),
            &Context {
                language: Language::PtBr,
                ..ctx()
            },
        );
        assert!(
            pt.starts_with("## Atualização do mlops-kit\n\nAtualização de `kit` do mlops-kit "),
            "{pt}"
        );
        assert!(
            pt.contains("### Resumo\n\n| Ação | Arquivos | Significado |"),
            "{pt}"
        );
        assert!(
            pt.contains("| update | 1 | você não o editou; substituído pela nova versão |"),
            "{pt}"
        );
        // Identifiers, paths and diffs are the same in both.
        assert!(pt.contains("<code>main.tf</code> (update)"));
    }

    #[test]
    fn markdown_lists_resources_and_fences_diffs_safely() {
        let md = markdown(&sample(), &ctx());
        assert!(md.contains("| `main.tf` | update |"), "{md}");
        assert!(md.contains("| `` | `a.b` | changed | `x` |  |"), "{md}");
        assert!(md.contains(terraform::COVERAGE), "{md}");
        assert!(md.contains("````diff\n"), "{md}");
    }

    #[test]
    fn text_colours_only_when_asked() {
        let plain = text(&sample(), &ctx(), false);
        assert!(!plain.contains('\x1b'));
        assert!(plain.contains("-  x = 1\n+  x = 2\n"), "{plain}");
        assert!(text(&sample(), &ctx(), true).contains("\x1b[32m+  x = 2\x1b[0m"));
    }

    #[test]
    fn json_is_valid() {
        let value: serde_json::Value = serde_json::from_str(&json(&sample(), &ctx())).unwrap();
        assert_eq!(value["summary"]["create"], 1);
        assert_eq!(value["terraform"][0]["change"], "changed");
    }
}
