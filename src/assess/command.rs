//! `assess`.

use std::process::ExitCode;

use crate::cli::AssessArgs;

/// `mlops-kit assess`.
pub fn assess(_args: &AssessArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`assess` is being built")
}
