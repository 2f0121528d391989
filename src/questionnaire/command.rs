//! `init`, `validate` and `schema`.

use std::process::ExitCode;

use crate::cli::{InitArgs, ValidateArgs};

/// `mlops-kit init`.
pub fn init(_args: &InitArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`init` is being built")
}

/// `mlops-kit validate`.
pub fn validate(_args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`validate` is being built")
}

/// `mlops-kit schema`.
pub fn schema() -> anyhow::Result<ExitCode> {
    anyhow::bail!("`schema` is being built")
}
