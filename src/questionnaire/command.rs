//! `init`, `validate` and `schema`: the commands that write and check questionnaires.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use super::examples::{self, EXAMPLES};
use super::template::template;
use crate::cli::{InitArgs, ValidateArgs};

/// `mlops-kit init`.
pub fn init(args: &InitArgs) -> anyhow::Result<ExitCode> {
    if args.list_examples {
        let width = EXAMPLES.iter().map(|e| e.name.len()).max().unwrap_or(0);
        let mut out = String::new();
        for e in EXAMPLES {
            let _ = writeln!(out, "{:width$}  {}", e.name, e.summary);
        }
        print!("{out}");
        return Ok(ExitCode::SUCCESS);
    }
    let blank = template(args.lang.map_or(crate::i18n::Language::En, Into::into));
    let (origin, yaml) = match &args.example {
        Some(name) => {
            let example = examples::require(name)?;
            (example.name, example.yaml)
        }
        None => ("template", blank.as_str()),
    };
    let contents = if args.json {
        to_json(origin, yaml)?
    } else {
        yaml.to_owned()
    };
    match &args.output {
        None => {
            std::io::stdout()
                .write_all(contents.as_bytes())
                .context("cannot write to standard output")?;
        }
        Some(path) => {
            write_new(path, &contents)?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The questionnaire as pretty JSON, keys in the order of the format.
pub fn to_json(origin: &str, yaml: &str) -> anyhow::Result<String> {
    let loaded = super::load_str(origin, yaml).map_err(|invalid| {
        anyhow::anyhow!(
            "invariant broken: the embedded questionnaire `{origin}` is invalid:\n{invalid}"
        )
    })?;
    let mut text = serde_json::to_string_pretty(&loaded.questionnaire)
        .context("cannot serialize the questionnaire")?;
    text.push('\n');
    Ok(text)
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, contents: &str) -> anyhow::Result<()> {
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            anyhow::bail!(
                "{} already exists; mlops-kit never overwrites it (remove it or choose another name)",
                path.display()
            )
        }
        Err(err) => return Err(err).with_context(|| format!("cannot create {}", path.display())),
    };
    file.write_all(contents.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// `mlops-kit validate`.
pub fn validate(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let mut all_valid = true;
    let mut stdout = std::io::stdout().lock();
    for path in &args.files {
        let summary = match super::load_path(path) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    eprintln!("{w}");
                }
                match loaded.warnings.len() {
                    0 => format!("ok: {}", path.display()),
                    n => format!("ok: {} ({})", path.display(), plural(n, "warning")),
                }
            }
            Err(invalid) => {
                all_valid = false;
                for d in &invalid.diagnostics {
                    eprintln!("{d}");
                }
                let errors = invalid.error_count();
                let warnings = invalid.diagnostics.len() - errors;
                let mut counts = plural(errors, "error");
                if warnings > 0 {
                    let _ = write!(counts, ", {}", plural(warnings, "warning"));
                }
                format!("invalid: {} ({counts})", path.display())
            }
        };
        writeln!(stdout, "{summary}").context("cannot write to standard output")?;
    }
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The questionnaire's JSON Schema, pretty-printed, with a trailing newline.
///
/// # Panics
///
/// Never: a JSON value always serializes.
#[must_use]
pub fn schema_text() -> String {
    let mut schema = serde_json::Map::new();
    if let Some(object) = super::structure::schema().as_object() {
        for (key, value) in object {
            schema.insert(key.clone(), value.clone());
            if key == "$schema" {
                schema.insert(
                    "$id".to_owned(),
                    serde_json::Value::String(super::template::SCHEMA_ID.to_owned()),
                );
            }
        }
    }
    let mut text =
        serde_json::to_string_pretty(&schema).expect("invariant: a JSON value always serializes");
    text.push('\n');
    text
}

/// `mlops-kit schema`.
pub fn schema() -> anyhow::Result<ExitCode> {
    std::io::stdout()
        .write_all(schema_text().as_bytes())
        .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
