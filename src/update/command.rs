//! `generate`, `plan`, `upgrade`, `check`.

use std::process::ExitCode;

use crate::cli::{CheckArgs, GenerateArgs, PlanArgs, UpgradeArgs};

/// `mlops-kit generate`.
pub fn generate(_args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`generate` is being built")
}

/// `mlops-kit plan`.
pub fn plan(_args: &PlanArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`plan` is being built")
}

/// `mlops-kit upgrade`.
pub fn upgrade(_args: &UpgradeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`upgrade` is being built")
}

/// `mlops-kit check`.
pub fn check(_args: &CheckArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`check` is being built")
}
