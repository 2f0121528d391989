//! `mlops-kit assess`: read a questionnaire (a file or an embedded example), assess it, print or
//! write the report.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{AssessArgs, ReportFormat};
use crate::questionnaire::{Loaded, examples, load_path, load_str};

/// `mlops-kit assess`.
pub fn assess(args: &AssessArgs) -> anyhow::Result<ExitCode> {
    let loaded = match (&args.file, &args.example) {
        (_, Some(name)) => {
            let ex = examples::require(name)?;
            load_str(&format!("example `{}`", ex.name), ex.yaml)
        }
        (Some(path), None) => load_path(path),
        (None, None) => anyhow::bail!("give a questionnaire FILE or `--example NAME`"),
    };
    let Loaded {
        mut questionnaire,
        warnings,
    } = match loaded {
        Ok(l) => l,
        Err(invalid) => {
            eprintln!("{invalid}");
            eprintln!("error: the questionnaire is invalid; nothing was assessed");
            return Ok(ExitCode::FAILURE);
        }
    };
    for w in &warnings {
        eprintln!("{w}");
    }
    if let Some(lang) = args.lang {
        questionnaire.client.language = Some(lang.into());
    }
    let assessment = super::assess(&questionnaire);
    let report = render(&assessment, args.format);
    if let Some(path) = &args.output {
        write_new(path, &report)?;
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(report.as_bytes())
            .context("cannot write to standard output")?;
        out.flush().context("cannot write to standard output")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The report in the requested format.
#[must_use]
pub fn render(a: &super::Assessment, format: ReportFormat) -> String {
    match format {
        ReportFormat::Markdown => super::to_markdown(a),
        ReportFormat::Json => super::to_json(a),
        ReportFormat::Html => super::to_html(a),
    }
}

/// Writes `contents` to a file that must not exist yet.
fn write_new(path: &Path, contents: &str) -> anyhow::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|err| {
            if err.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow::anyhow!(
                    "{} already exists; the report never overwrites a file (choose another path or remove it)",
                    path.display()
                )
            } else {
                anyhow::Error::new(err).context(format!("cannot create {}", path.display()))
            }
        })?;
    file.write_all(contents.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
