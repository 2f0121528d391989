//! Client-facing texts in the client's language (English or Brazilian Portuguese).
//!
//! Every sentence a client reads (the assessment, the kit's documents, the questionnaire template's
//! comments, the plan's pull-request description) lives in one message catalogue per language,
//! `locales/<lang>/*.ftl` in Project Fluent's format, embedded in the binary. Code looks messages
//! up by id ([`t`], [`tr`]); blueprints through the `t(key=..., ...)` Tera function. Numbers and
//! amounts are formatted once, here, per language ([`number`], [`quantity`]).
//!
//! A message missing from a catalogue is a defect of the embedded assets, caught by the tests that
//! every message exists in every language with the same placeholders and that every id the code
//! and the blueprints use is defined.

pub mod format;

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use include_dir::{Dir, include_dir};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use format::{date, decimal, number, quantity};

/// The catalogues: `locales/<language code>/*.ftl`.
pub static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// Language of the client-facing output.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub enum Language {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    PtBr,
}

impl Language {
    /// Every language, English first.
    pub const ALL: [Language; 2] = [Language::En, Language::PtBr];

    /// The BCP 47 tag, as written in questionnaires and on the command line (`en`, `pt-BR`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::PtBr => "pt-BR",
        }
    }

    /// The language of a BCP 47 tag, exactly as [`Language::code`] writes it.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The Fluent bundle of one language, built once from every `.ftl` file of its folder.
fn bundle(lang: Language) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static PT_BR: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Language::En => &EN,
        Language::PtBr => &PT_BR,
    };
    cell.get_or_init(|| {
        let id: unic_langid::LanguageIdentifier = lang
            .code()
            .parse()
            .expect("language codes are valid BCP 47 tags");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // No Unicode isolation marks around placeables: the output is Markdown, HTML and YAML
        // comments, left to right, and the marks would show up in diffs and terminals.
        bundle.set_use_isolating(false);
        for (name, text) in sources(lang) {
            let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(_, errs)| {
                panic!("locales/{}/{name} must parse: {errs:?}", lang.code())
            });
            bundle.add_resource(resource).unwrap_or_else(|errs| {
                panic!(
                    "locales/{}/{name} must not redefine a message: {errs:?}",
                    lang.code()
                )
            });
        }
        bundle
    })
}

/// Every catalogue file of `lang`: (file name, text), in name order.
///
/// # Panics
///
/// When the embedded `locales/` lacks the language's folder or holds a file that is not UTF-8:
/// both are defects of the embedded assets.
#[must_use]
pub fn sources(lang: Language) -> Vec<(&'static str, &'static str)> {
    let dir = LOCALES
        .get_dir(lang.code())
        .unwrap_or_else(|| panic!("locales/{} is embedded", lang.code()));
    let mut files: Vec<(&str, &str)> = dir
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "ftl"))
        .map(|f| {
            (
                f.path().file_name().and_then(|n| n.to_str()).unwrap_or(""),
                f.contents_utf8().expect("catalogues are UTF-8"),
            )
        })
        .collect();
    files.sort_unstable();
    files
}

/// Whether message `id` exists in `lang`'s catalogue.
#[must_use]
pub fn has(lang: Language, id: &str) -> bool {
    bundle(lang).has_message(id)
}

/// The message `id` without arguments.
///
/// # Panics
///
/// When `id` is not in the catalogue: every id the code uses is defined in every language (tested).
#[must_use]
pub fn t(lang: Language, id: &str) -> String {
    tr(lang, id, &[])
}

/// The message `id` with named arguments (`{ $name }` in the catalogue). Strings are inserted as
/// they are; numbers select plural variants and are printed as given.
///
/// # Panics
///
/// When `id` is not in the catalogue or an argument it uses is not given: both are defects of the
/// embedded catalogues, covered by the tests.
#[must_use]
pub fn tr(lang: Language, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    format(lang, id, args).unwrap_or_else(|err| panic!("{err}"))
}

/// The message `id` with named arguments, or why it cannot be formatted (an unknown id, a missing
/// argument): for callers that report errors, such as the blueprints' `t` function.
pub fn format(
    lang: Language,
    id: &str,
    args: &[(&str, FluentValue<'_>)],
) -> Result<String, String> {
    let bundle = bundle(lang);
    let message = bundle
        .get_message(id)
        .ok_or_else(|| format!("message `{id}` is missing from locales/{}", lang.code()))?;
    let pattern = message
        .value()
        .ok_or_else(|| format!("message `{id}` in locales/{} has no value", lang.code()))?;
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    if errors.is_empty() {
        Ok(text.into_owned())
    } else {
        Err(format!(
            "message `{id}` in locales/{}: {errors:?}",
            lang.code()
        ))
    }
}

/// A text of the kit model written in two places: in comments and descriptions inside code
/// (Terraform, Cloud Build YAML), which stay English whatever the client's language, and in the
/// client's documents, in their language. Both come from one catalogue message, so the English is
/// written once, in `locales/en/`. Blueprints write `.en` in code and `.doc` in documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bilingual {
    /// In English, for code comments.
    pub en: String,
    /// In the client's language, for documents.
    pub doc: String,
}

/// The message `id` in English and in `lang` ([`Bilingual`]).
///
/// # Panics
///
/// Like [`tr`], when `id` or an argument it uses is missing: a defect of the embedded catalogues.
#[must_use]
pub fn both(lang: Language, id: &str) -> Bilingual {
    both_with(lang, id, &[])
}

/// The message `id` with named arguments, in English and in `lang` ([`Bilingual`]).
///
/// # Panics
///
/// Like [`tr`], when `id` or an argument it uses is missing: a defect of the embedded catalogues.
#[must_use]
pub fn both_with(lang: Language, id: &str, args: &[(&str, FluentValue<'_>)]) -> Bilingual {
    Bilingual {
        en: tr(Language::En, id, args),
        doc: tr(lang, id, args),
    }
}

/// `items` as one phrase of `lang`: `a, b and c` (`a, b e c`).
#[must_use]
pub fn and_list(lang: Language, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => tr(
            lang,
            "list-and",
            &[("init", s(&init.join(", "))), ("last", s(last))],
        ),
    }
}

/// A text argument.
#[must_use]
pub fn s(value: &str) -> FluentValue<'_> {
    FluentValue::from(value)
}

/// A count argument: selects the plural variant (`[one]`, `[other]`) and prints as an integer.
#[must_use]
pub fn n(value: impl Into<u64>) -> FluentValue<'static> {
    FluentValue::from(value.into())
}

#[cfg(test)]
mod tests;
