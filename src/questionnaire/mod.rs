//! The client maturity questionnaire: its format ([`model`]), reading it with locations ([`load`]),
//! checking it ([`validate`]), the embedded example clients ([`examples`]) and the commands that work
//! on questionnaires ([`command`]).

pub mod command;
pub mod examples;
pub mod load;
pub mod model;

pub use load::{Loaded, load_path, load_str};
pub use model::*;
