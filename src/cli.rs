//! Command-line interface: clap definitions only. Doc comments here are the `--help` text.
//! `crate::commands` turns these into calls of the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Assess a client's MLOps maturity and generate a Vertex AI starter kit from a questionnaire.
///
/// Typical flow: `init` a questionnaire, fill it in with the client, `validate` it, `assess` it for
/// the client's leadership, `generate` the kit, and months later `plan` / `upgrade` it. `check` keeps
/// a kit honest in the client's CI.
#[derive(Debug, Parser)]
#[command(name = "mlops-kit", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a questionnaire template (every question commented) or an embedded example client.
    Init(InitArgs),
    /// Check questionnaires: every error and warning with file, line, column and field path.
    ///
    /// Exit status: 0 when every file is valid (warnings allowed), 1 when any file is invalid.
    Validate(ValidateArgs),
    /// Print the JSON Schema of the questionnaire, for editor autocompletion and validation.
    Schema,
    /// Assess a client's maturity: dimension scores, Google and Microsoft levels, blockers, roadmap.
    Assess(AssessArgs),
    /// Generate the client's starter kit into a new (or empty) folder.
    ///
    /// A folder that already holds a kit is refused: apply new answers with `upgrade --answers`.
    /// Exit status: 0 written (with `--check`: identical), 1 error or, with `--check`, differences.
    Generate(GenerateArgs),
    /// Show what an upgrade would do to an existing kit, without changing anything.
    Plan(PlanArgs),
    /// Upgrade an existing kit: three-way merge that keeps the client's hand edits.
    ///
    /// Exit status: 0 upgraded (or already up to date); 3 upgraded, but conflict markers were
    /// written (or new versions put aside as `FILE.mlops-kit-new`) and must be resolved; 1 any
    /// error, including another mlops-kit running on the kit (an interrupted upgrade is finished by
    /// the next run).
    Upgrade(UpgradeArgs),
    /// Check that a kit is what an upgrade would leave (for the client's CI).
    ///
    /// Exit status: 0 up to date (hand edits that merge cleanly are fine); 2 an upgrade would change
    /// files or an interrupted one must be finished; 3 conflict markers, new versions put aside
    /// (`FILE.mlops-kit-new`) or damaged state were found; 1 any other error.
    Check(CheckArgs),
    /// Plan, check or upgrade every client's kit under the given folders at once.
    ///
    /// A kit is a folder holding `.mlops-kit/manifest.json`; nested `.git` folders and symbolic
    /// links are not followed. Kits are processed in parallel, each exactly as the single-kit command
    /// would (`upgrade` is never forced: a kit with uncommitted changes, conflict markers or damaged
    /// state is skipped with its reason), and one kit's failure never stops the others. Exit status:
    /// the most severe kit's, with `check`'s codes: 1 an error, over 3 conflicts or damaged state,
    /// over 2 would change (or not a clean git tree), over 0.
    Portfolio(PortfolioArgs),
}

/// Arguments of `init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Write an embedded example client instead of the blank template (see `--list-examples`).
    #[arg(long, value_name = "NAME")]
    pub example: Option<String>,
    /// List the embedded example clients and exit.
    #[arg(long, conflicts_with = "example")]
    pub list_examples: bool,
    /// Write to this file instead of standard output. An existing file is never overwritten.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write JSON instead of commented YAML.
    #[arg(long)]
    pub json: bool,
    /// Language of the template's comments and sample answers (`en` or `pt-BR`); `pt-BR` also
    /// answers `client.language: pt-BR`. Examples are written as they are.
    #[arg(long, value_enum, value_name = "LANG", conflicts_with = "example")]
    pub lang: Option<Lang>,
}

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Questionnaire files (`.yaml`, `.yml` or `.json`).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Report formats of `assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, for the client's repository.
    Markdown,
    /// JSON, for machines.
    Json,
    /// A standalone HTML page with a radar chart (no JavaScript, no network).
    Html,
}

/// Language of the client-facing output (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// English.
    #[value(name = "en")]
    En,
    /// Brazilian Portuguese.
    #[value(name = "pt-BR")]
    PtBr,
}

impl From<Lang> for crate::i18n::Language {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::En => crate::i18n::Language::En,
            Lang::PtBr => crate::i18n::Language::PtBr,
        }
    }
}

/// Arguments of `assess`.
#[derive(Debug, clap::Args)]
pub struct AssessArgs {
    /// The questionnaire to assess.
    #[arg(
        value_name = "FILE",
        required_unless_present = "example",
        conflicts_with = "example"
    )]
    pub file: Option<PathBuf>,
    /// Assess an embedded example client instead of a file.
    #[arg(long, value_name = "NAME")]
    pub example: Option<String>,
    /// Report format.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ReportFormat,
    /// Language of the report; overrides the questionnaire's `client.language` (default `en`).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
    /// Write to this file instead of standard output. An existing file is never overwritten.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// The client's questionnaire.
    #[arg(
        value_name = "FILE",
        required_unless_present = "example",
        conflicts_with = "example"
    )]
    pub file: Option<PathBuf>,
    /// Generate from an embedded example client instead of a file.
    #[arg(long, value_name = "NAME")]
    pub example: Option<String>,
    /// Folder to create the kit in. It must not exist or be empty (with `--check`: the kit to
    /// compare).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Use the blueprints in this folder instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub blueprints: Option<PathBuf>,
    /// Language of the kit's documents; overrides the questionnaire's `client.language` (default
    /// `en`). The kit keeps it on upgrade until the answers name another.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
    /// Compare the kit in DIR with what would be generated and fail with a diff if they differ.
    /// Writes nothing.
    #[arg(long)]
    pub check: bool,
}

/// Output formats of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// Human-readable, with unified diffs (coloured on a terminal unless NO_COLOR is set).
    Text,
    /// A pull-request description.
    Markdown,
    /// JSON, for machines.
    Json,
}

/// Arguments of `plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The kit folder.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Use these answers instead of the ones recorded in the kit.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: PlanFormat,
    /// Use the blueprints in this folder instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub blueprints: Option<PathBuf>,
}

/// Arguments of `upgrade`.
#[derive(Debug, clap::Args)]
pub struct UpgradeArgs {
    /// The kit folder.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Use these answers instead of the ones recorded in the kit (they are recorded afterwards).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Run even if conflict markers or new versions put aside remain, the git tree has uncommitted
    /// changes or git cannot be asked, or the kit was written by a newer mlops-kit.
    #[arg(long)]
    pub force: bool,
    /// Use the blueprints in this folder instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub blueprints: Option<PathBuf>,
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The kit folder.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Use the blueprints in this folder instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub blueprints: Option<PathBuf>,
}

/// What `portfolio` does to each kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PortfolioAction {
    /// What an upgrade would do (with `--out`: one pull-request description per kit).
    Plan,
    /// Whether each kit is up to date, as `check` says.
    Check,
    /// Upgrade every kit that can be upgraded.
    Upgrade,
}

/// Output formats of the portfolio summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PortfolioFormat {
    /// A table for the terminal.
    Text,
    /// A Markdown table, for an issue or a campaign tracker.
    Markdown,
    /// JSON, for machines.
    Json,
}

/// Arguments of `portfolio`.
#[derive(Debug, clap::Args)]
pub struct PortfolioArgs {
    /// What to do to each kit.
    #[arg(value_enum)]
    pub action: PortfolioAction,
    /// Folders to search for kits.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Use the blueprints in this folder instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    pub blueprints: Option<PathBuf>,
    /// Kits processed at once [default: the number of CPUs].
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Summary format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: PortfolioFormat,
    /// Write one Markdown pull-request description per kit (the `plan --format markdown` text) and
    /// the summary (`summary.md`) into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}
