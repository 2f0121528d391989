//! The blueprints: templates of every kit file, embedded in the binary and overridable with
//! `--blueprints DIR` so a consultancy can keep its own variants.
//!
//! Layout of a blueprint folder:
//! - [`KIT_ROOT`]`/`: one entry per kit file, at the path it gets in the kit. A `.tera` suffix means
//!   "render, then strip the suffix"; other files are copied verbatim. A path segment [`ENV_SEGMENT`]
//!   repeats the file once per environment.
//! - [`PARTIALS_ROOT`]`/`: templates included by others (`{% include "partials/x.tera" %}`), never
//!   emitted on their own.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use include_dir::{Dir, include_dir};

/// Blueprints compiled into the binary.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/blueprints");

/// Folder of the templates that become kit files.
pub const KIT_ROOT: &str = "kit";
/// Folder of the generative workload's templates (prompts, evaluation gate, metrics, clients, tests),
/// rendered by [`crate::render::render_generative_workload`].
pub const GENERATIVE_ROOT: &str = "generative";
/// Folder of the templates that other templates include.
pub const PARTIALS_ROOT: &str = "partials";
/// Suffix of files that are rendered (and stripped from the output path).
pub const TEMPLATE_SUFFIX: &str = ".tera";
/// Path segment repeated once per environment.
pub const ENV_SEGMENT: &str = "__env__";

/// Where blueprints come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlueprintSource {
    /// The blueprints embedded in this binary.
    Embedded,
    /// A folder with the same layout (see the module documentation).
    Dir(PathBuf),
}

/// One blueprint file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blueprint {
    /// Path relative to the blueprint root, with forward slashes (e.g. `kit/README.md.tera`).
    pub path: String,
    /// Contents (UTF-8).
    pub contents: String,
}

/// Reads every blueprint file, sorted by path.
pub fn load(source: &BlueprintSource) -> anyhow::Result<Vec<Blueprint>> {
    let mut out = match source {
        BlueprintSource::Embedded => {
            let mut files = Vec::new();
            collect_embedded(&EMBEDDED, &mut files)?;
            files
        }
        BlueprintSource::Dir(dir) => load_dir(dir)?,
    };
    out.sort_by(|a, b| a.path.cmp(&b.path));
    if !out
        .iter()
        .any(|b| b.path.starts_with(&format!("{KIT_ROOT}/")))
    {
        let where_ = match source {
            BlueprintSource::Embedded => "the embedded blueprints".to_owned(),
            BlueprintSource::Dir(d) => d.display().to_string(),
        };
        bail!(
            "{where_} hold no `{KIT_ROOT}/` folder, so there is nothing to generate; a blueprint folder \
             has `{KIT_ROOT}/` and `{PARTIALS_ROOT}/` (export the embedded ones with the tests' helper \
             `mlops_kit::blueprints::export`)"
        );
    }
    Ok(out)
}

fn collect_embedded(dir: &Dir<'static>, out: &mut Vec<Blueprint>) -> anyhow::Result<()> {
    for file in dir.files() {
        let path = slash_path(file.path());
        let contents = file
            .contents_utf8()
            .with_context(|| format!("embedded blueprint `{path}` is not UTF-8"))?;
        out.push(Blueprint {
            path,
            contents: contents.to_owned(),
        });
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out)?;
    }
    Ok(())
}

fn load_dir(root: &Path) -> anyhow::Result<Vec<Blueprint>> {
    if !root.is_dir() {
        bail!(
            "blueprint folder {} does not exist or is not a folder",
            root.display()
        );
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry =
            entry.with_context(|| format!("cannot read blueprint folder {}", root.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let path = slash_path(rel);
        let contents = std::fs::read_to_string(entry.path()).with_context(|| {
            format!(
                "cannot read blueprint {} as UTF-8 text",
                entry.path().display()
            )
        })?;
        out.push(Blueprint { path, contents });
    }
    Ok(out)
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Writes the embedded blueprints into `dir` (which must not exist yet), as a starting point for a
/// consultancy's own variant used with `--blueprints DIR`.
pub fn export(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        bail!("{} already exists; export into a new folder", dir.display());
    }
    for blueprint in load(&BlueprintSource::Embedded)? {
        let path = dir.join(&blueprint.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, blueprint.contents)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_blueprints_have_both_named_roots() {
        let all = load(&BlueprintSource::Embedded).unwrap();
        for root in [KIT_ROOT, GENERATIVE_ROOT, PARTIALS_ROOT] {
            assert!(
                all.iter().any(|b| b.path.starts_with(&format!("{root}/"))),
                "no embedded blueprint under `{root}/`"
            );
        }
    }

    #[test]
    fn exported_blueprints_load_back_identically() {
        let tmp = std::env::temp_dir().join(format!("mlops-kit-export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        export(&tmp).unwrap();
        let from_dir = load(&BlueprintSource::Dir(tmp.clone())).unwrap();
        std::fs::remove_dir_all(&tmp).unwrap();
        assert_eq!(from_dir, load(&BlueprintSource::Embedded).unwrap());
    }
}
