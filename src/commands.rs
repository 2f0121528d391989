//! Glue between the command line and the library: one function per subcommand, each converting clap
//! arguments into library calls and an exit status.

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Init(args) => crate::questionnaire::command::init(&args),
        Command::Validate(args) => crate::questionnaire::command::validate(&args),
        Command::Schema => crate::questionnaire::command::schema(),
        Command::Assess(args) => crate::assess::command::assess(&args),
        Command::Generate(args) => crate::update::command::generate(&args),
        Command::Plan(args) => crate::update::command::plan(&args),
        Command::Upgrade(args) => crate::update::command::upgrade(&args),
        Command::Check(args) => crate::update::command::check(&args),
        Command::Portfolio(args) => crate::update::portfolio::portfolio(&args),
    }
}
