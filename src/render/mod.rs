//! Rendering: the resolved kit model to a map of relative path → file contents.
//!
//! Pure: no clock, no randomness, no environment. Templates come from [`crate::blueprints`]; the model
//! from [`crate::kit`]. Outputs are normalised to LF with exactly one trailing newline, and a file
//! whose rendered content is blank is not emitted (that is how blueprints switch optional files off).

pub mod filters;
pub mod pipeline_spec;

use std::collections::BTreeMap;

use anyhow::{Context, bail};
use tera::{Kwargs, State, Tera};

use fluent_bundle::FluentValue;

use crate::blueprints::{self, BlueprintSource, ENV_SEGMENT, KIT_ROOT, TEMPLATE_SUFFIX};
use crate::i18n::{self, Language};
use crate::kit::Kit;
use crate::questionnaire::Questionnaire;

/// Rendered kit: relative path (forward slashes) → contents.
pub type Files = BTreeMap<String, String>;

/// Resolves the questionnaire and renders every kit file.
pub fn render_kit(q: &Questionnaire, source: &BlueprintSource) -> anyhow::Result<Files> {
    let kit = crate::kit::resolve(q);
    render_model(&kit, q, source)
}

/// Renders every kit file of an already resolved model.
pub fn render_model(
    kit: &Kit,
    q: &Questionnaire,
    source: &BlueprintSource,
) -> anyhow::Result<Files> {
    let all = blueprints::load(source)?;
    let tera = engine(&all, kit.language)?;
    let mut context = tera::Context::new();
    context.insert("kit", kit);

    if let Some(generative) = &kit.generative {
        context.insert("gen", generative);
    }

    let mut files = Files::new();
    for blueprint in &all {
        let Some((relative, package)) = workload_file(kit, &blueprint.path) else {
            continue;
        };
        let (out_path, is_template) = match relative.strip_suffix(TEMPLATE_SUFFIX) {
            Some(stripped) => (stripped, true),
            None => (relative, false),
        };
        let out_path = match package {
            Some((from, to)) => out_path.replace(from, to),
            None => out_path.to_owned(),
        };
        let per_env = out_path.contains(ENV_SEGMENT);
        let envs: Vec<Option<&crate::kit::Env>> = if per_env {
            kit.environments.iter().map(Some).collect()
        } else {
            vec![None]
        };
        for env in envs {
            let path = match env {
                Some(e) => out_path.replace(ENV_SEGMENT, &e.name),
                None => out_path.clone(),
            };
            let contents = if is_template {
                let mut ctx = context.clone();
                if let Some(e) = env {
                    ctx.insert("env", e);
                }
                tera.render(&blueprint.path, &ctx)
                    .map_err(|err| anyhow::anyhow!(error_chain(&err)))
                    .with_context(|| format!("cannot render blueprint `{}`", blueprint.path))?
            } else {
                blueprint.contents.clone()
            };
            insert(&mut files, &path, &contents)?;
        }
    }
    for (path, contents) in rust_built(kit, q) {
        insert(&mut files, &path, &contents)?;
    }
    Ok(files)
}

/// The files of `blueprints/kit/` a generative kit shares with a trained model's kit: the platform
/// (Terraform roots, modules, bootstrap and their README, which read the platform's lists) and the scripts its
/// Cloud Build steps and operators run. Everything else under `kit/` is the trained model's
/// workload (training and serving code, Dockerfiles, its pipelines, builds and docs).
const SHARED_WITH_GENERATIVE: &[&str] = &[
    ".gitignore",
    "terraform/.gitignore.tera",
    "terraform/README.md.tera",
    "terraform/bootstrap/",
    "terraform/environments/",
    "terraform/modules/",
    "scripts/access-token.sh",
    "scripts/cd-images.sh",
    "scripts/cd-record.sh",
    "scripts/cd-release.sh",
    "scripts/cd-templates.sh",
    "scripts/cd-terraform.sh",
    "scripts/ci-conformance.sh",
    "scripts/ci-images.sh",
    "scripts/ci-pipelines.sh",
    "scripts/ci-python.sh",
    "scripts/ci-terraform.sh",
    "scripts/create-service-agents.sh.tera",
    "scripts/docker-build.sh",
    "scripts/pip-config.sh",
    "scripts/registry-login.sh",
    "scripts/terraform-providers.sh",
];

/// Whether a blueprint is a file of this kit, and where: its path relative to its root, and the
/// package folder rename its output takes (`genai_app` → the generative package). The one place
/// that chooses a workload's files: a trained model's kit is `blueprints/kit/`; a generative kit is
/// the platform part of it ([`SHARED_WITH_GENERATIVE`]) plus `blueprints/generative/`.
fn workload_file<'a>(
    kit: &'a Kit,
    blueprint: &'a str,
) -> Option<(&'a str, Option<(&'static str, &'a str)>)> {
    let kit_relative = blueprint
        .strip_prefix(KIT_ROOT)
        .and_then(|r| r.strip_prefix('/'));
    match (&kit.generative, kit_relative) {
        (None, Some(relative)) => Some((relative, None)),
        (None, None) => None,
        (Some(_), Some(relative)) => SHARED_WITH_GENERATIVE
            .iter()
            .any(|shared| {
                relative == *shared || (shared.ends_with('/') && relative.starts_with(shared))
            })
            .then_some((relative, None)),
        (Some(g), None) => blueprint
            .strip_prefix(blueprints::GENERATIVE_ROOT)
            .and_then(|r| r.strip_prefix('/'))
            .map(|relative| {
                (
                    relative,
                    Some((crate::kit::generative::PACKAGE, g.package.as_str())),
                )
            }),
    }
}

/// Renders the whole generative kit of a generative questionnaire (the shared platform and
/// `blueprints/generative/`: prompts, the evaluation gate, the metrics CI computes, the Vertex AI
/// clients behind interfaces, logging with redaction, their tests); `None` for a questionnaire of a
/// trained model.
///
pub fn render_generative_workload(
    q: &Questionnaire,
    source: &BlueprintSource,
) -> anyhow::Result<Option<Files>> {
    let kit = crate::kit::resolve(q);
    if kit.generative.is_none() {
        return Ok(None);
    }
    render_model(&kit, q, source).map(Some)
}

/// Artifacts built in Rust from the model rather than from a template (structured documents whose
/// cross-references are easier to guarantee in code).
fn rust_built(kit: &Kit, q: &Questionnaire) -> Vec<(String, String)> {
    let assessment = crate::assess::assess(q);
    let header = crate::i18n::tr(
        kit.language,
        "report-kit-header",
        &[("version", crate::i18n::s(crate::VERSION))],
    );
    let report = format!(
        "<!-- {header} -->\n\n{}",
        crate::assess::to_markdown(&assessment)
    );
    let mut out = vec![("docs/maturity-report.md".to_owned(), report)];
    out.extend(pipeline_spec::files(kit));
    out
}

fn insert(files: &mut Files, path: &str, contents: &str) -> anyhow::Result<()> {
    check_relative(path)?;
    let normalised = normalise(contents);
    if normalised.is_empty() {
        return Ok(());
    }
    if files.insert(path.to_owned(), normalised).is_some() {
        bail!("two blueprints produce the same kit file `{path}`");
    }
    Ok(())
}

/// Refuses output paths that could escape the kit folder.
fn check_relative(path: &str) -> anyhow::Result<()> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains(':')
        || path
            .split('/')
            .any(|seg| seg.is_empty() || seg == "." || seg == "..");
    if bad {
        bail!("blueprint output path `{path}` is not a plain relative path inside the kit");
    }
    Ok(())
}

/// LF line endings, no trailing spaces at line ends, exactly one trailing newline; blank → empty.
fn normalise(contents: &str) -> String {
    let text = contents.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(line.trim_end_matches([' ', '\t']));
        out.push('\n');
    }
    let trimmed = out.trim_end_matches('\n');
    if trimmed.trim().is_empty() {
        return String::new();
    }
    format!("{trimmed}\n")
}

/// The tera engine with every template and the escaping filters registered.
fn engine(all: &[blueprints::Blueprint], lang: Language) -> anyhow::Result<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    register_filters(&mut tera);
    register_messages(&mut tera, lang);
    let templates = all
        .iter()
        .filter(|b| b.path.ends_with(TEMPLATE_SUFFIX))
        .map(|b| (b.path.as_str(), b.contents.as_str()));
    tera.add_raw_templates(templates)
        .map_err(|err| anyhow::anyhow!(error_chain(&err)))
        .context("a blueprint template does not parse")?;
    Ok(tera)
}

/// Registers every escaping filter (see [`filters`]).
fn register_filters(tera: &mut Tera) {
    tera.register_filter("hcl_string", |s: &str, _: Kwargs, _: &State| {
        filters::hcl_string(s)
    });
    tera.register_filter("yaml_string", |s: &str, _: Kwargs, _: &State| {
        filters::json_string(s)
    });
    tera.register_filter("json_string", |s: &str, _: Kwargs, _: &State| {
        filters::json_string(s)
    });
    tera.register_filter("py_string", |s: &str, _: Kwargs, _: &State| {
        filters::json_string(s)
    });
    tera.register_filter("toml_string", |s: &str, _: Kwargs, _: &State| {
        filters::json_string(s)
    });
    tera.register_filter("cloudbuild_string", |s: &str, _: Kwargs, _: &State| {
        filters::cloudbuild_string(s)
    });
    tera.register_filter("shell_word", |s: &str, _: Kwargs, _: &State| {
        filters::shell_word(s)
    });
    tera.register_filter("md_text", |s: &str, _: Kwargs, _: &State| {
        filters::md_text(s)
    });
    tera.register_filter("md_code", |s: &str, _: Kwargs, _: &State| {
        filters::md_code(s)
    });
    tera.register_filter("comment_text", |s: &str, _: Kwargs, _: &State| {
        filters::comment_text(s)
    });
    tera.register_filter("json", |v: &tera::Value, _: Kwargs, _: &State| {
        serde_json::to_string(v).unwrap_or_default()
    });
}

/// Registers the blueprints' `t` function (`key` names a message of the kit's language, the other
/// named arguments fill it). Integers select plural variants; other numbers are written as the language writes
/// them (decimal comma in Portuguese); text arrives as the blueprint passes it (escape free text
/// with the filter of the document's syntax first). A missing message or argument is an error
/// naming the blueprint, like an undefined variable.
fn register_messages(tera: &mut Tera, lang: Language) {
    // `{{ iso_date | local_date }}`: a date of the model (ISO 8601) as the kit's language writes it.
    tera.register_filter("local_date", move |iso: &str, _: Kwargs, _: &State| {
        i18n::date(lang, iso).ok_or_else(|| {
            tera::Error::message(format!("`local_date` takes a YYYY-MM-DD date, not {iso:?}"))
        })
    });
    // `{{ value | num }}`: a number of a document's data (a threshold, a scale) as the kit's language
    // writes it; English keeps the data's own notation (`0.25`, `4.0`).
    tera.register_filter("num", move |value: &tera::Value, _: Kwargs, _: &State| {
        if !value.is_number() {
            return Err(tera::Error::message(format!(
                "`num` formats a number, not {value}"
            )));
        }
        Ok::<_, tera::Error>(i18n::decimal(lang, &value.to_string()))
    });
    tera.register_function("t", move |kwargs: Kwargs, _: &State| {
        let key: &str = kwargs.must_get("key")?;
        let mut args: Vec<(String, FluentValue<'static>)> = Vec::new();
        for (name, value) in kwargs.iter() {
            let Some(name) = name.as_str() else { continue };
            if name == "key" {
                continue;
            }
            let arg = if let Some(i) = value.as_i64().filter(|_| !value.is_f64()) {
                FluentValue::from(i)
            } else if let Some(f) = value.as_f64().filter(|_| value.is_f64()) {
                // English keeps the templates' own notation (`6.0`), as an English kit always had.
                FluentValue::from(match lang {
                    Language::En => value.to_string(),
                    Language::PtBr => i18n::number(lang, f),
                })
            } else if let Some(text) = value.as_str() {
                FluentValue::from(text.to_owned())
            } else {
                FluentValue::from(value.to_string())
            };
            args.push((name.to_owned(), arg));
        }
        let borrowed: Vec<(&str, FluentValue<'_>)> =
            args.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
        i18n::format(lang, key, &borrowed).map_err(tera::Error::message)
    });
}

/// The whole cause chain of an error on one line per cause (tera's own Display hides the cause).
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_with(templates: &[(&str, &str)]) -> anyhow::Result<Files> {
        let example = crate::questionnaire::examples::require("fintech-regulated").unwrap();
        let q = crate::questionnaire::load_str("x", example.yaml)
            .unwrap()
            .questionnaire;
        let dir = std::env::temp_dir().join(format!(
            "mlops-kit-render-{}-{}",
            std::process::id(),
            templates.len()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, contents) in templates {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, contents).unwrap();
        }
        let out = render_kit(&q, &BlueprintSource::Dir(dir.clone()));
        std::fs::remove_dir_all(&dir).unwrap();
        out
    }

    #[test]
    fn env_segment_repeats_per_environment_and_blank_files_are_skipped() {
        let files = render_with(&[
            (
                "kit/envs/__env__/p.txt.tera",
                "{{ env.project_id }}\r\n\n\n",
            ),
            (
                "kit/blank.txt.tera",
                "{% if kit.features.online_serving %}x{% endif %}\n",
            ),
            ("kit/verbatim.txt", "{{ not rendered }}"),
        ])
        .unwrap();
        assert_eq!(files["envs/dev/p.txt"], "credseg-ml-dev\n");
        assert_eq!(files["envs/prod/p.txt"], "credseg-ml-prod\n");
        assert!(
            !files.contains_key("blank.txt"),
            "batch-only client: the file is switched off"
        );
        assert_eq!(files["verbatim.txt"], "{{ not rendered }}\n");
    }

    #[test]
    fn an_undefined_variable_is_an_error_naming_the_blueprint() {
        let err = render_with(&[("kit/a.txt.tera", "{{ kit.no_such_field }}")]).unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("kit/a.txt.tera"), "{text}");
    }

    #[test]
    fn paths_that_escape_the_kit_are_refused() {
        for bad in ["../x", "/etc/x", "a/../../x", "a\\b", "c:/x"] {
            assert!(check_relative(bad).is_err(), "{bad}");
        }
        assert!(check_relative("terraform/environments/dev/main.tf").is_ok());
    }

    #[test]
    fn normalise_gives_lf_and_one_trailing_newline() {
        assert_eq!(normalise("a  \r\nb\n\n\n"), "a\nb\n");
        assert_eq!(normalise(" \n\t\n"), "");
    }

    #[test]
    fn partials_are_not_emitted() {
        let files = render_with(&[
            ("kit/a.txt.tera", "{% include \"partials/h.tera\" %}body"),
            ("partials/h.tera", "head "),
        ])
        .unwrap();
        assert_eq!(files["a.txt"], "head body\n");
        assert!(files.keys().all(|k| !k.starts_with("partials")));
    }
}
