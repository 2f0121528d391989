//! The one integration-test binary; each area of the product has its own module.

mod assess;
mod conformance_matrix;
mod questionnaire;
mod update;
mod update_real;
