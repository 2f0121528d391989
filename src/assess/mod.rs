//! The maturity assessment: dimension scores, Google and Microsoft levels, blockers, roadmap.

pub mod command;
