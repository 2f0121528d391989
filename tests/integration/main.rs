//! The one integration-test binary; each area of the product has its own module.

mod assess;
mod common;
mod conformance_matrix;
mod docs_truth;
mod egress;
mod facts;
mod generative;
mod i18n;
mod integration_gaps;
mod invariants;
mod kit_escaping;
mod platform;
mod portfolio;
mod questionnaire;
mod regulated;
mod runtime;
mod tf_schema;
mod update;
mod update_hostile;
mod update_real;
mod workload;
