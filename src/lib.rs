//! mlops-kit: assess a client's MLOps maturity from a questionnaire and generate, then upgrade, a
//! Vertex AI starter kit (Terraform, Cloud Build CI/CD/CT, pipeline specs, Dockerfiles, docs).
//!
//! The flow is parse → validate → resolve → render: [`questionnaire`] reads and checks the file the
//! consultant writes, [`assess`] scores it, [`kit`] resolves it once into the typed model every
//! renderer reads, [`render`] turns that model into files from the [`blueprints`], and [`update`]
//! writes, plans and upgrades kits on disk.

pub mod assess;
pub mod blueprints;
pub mod cli;
pub mod commands;
pub mod i18n;
pub mod kit;
pub mod questionnaire;
pub mod render;
pub mod update;

/// Version of this build, recorded in every generated kit.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
