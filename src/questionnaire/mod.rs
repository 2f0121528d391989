//! The client maturity questionnaire: its format ([`model`]), reading it with locations ([`load`]),
//! checking its structure ([`structure`]) and meaning ([`validate`], [`names`], [`accelerators`], [`gemini_models`]), the diagnostics it
//! produces ([`diagnostic`]), the blank template ([`template`]), the embedded example clients
//! ([`examples`]) and the commands that work on questionnaires ([`command`]).

pub mod accelerators;
pub mod command;
pub mod diagnostic;
pub mod examples;
pub mod gemini_models;
pub mod generative;
pub mod load;
pub mod model;
pub mod names;
pub mod structure;
pub mod template;
pub mod validate;

pub use diagnostic::{Diagnostic, Invalid, Severity};
pub use load::{Loaded, load_path, load_str};
pub use model::*;
