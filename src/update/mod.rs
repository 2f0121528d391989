//! Kits on disk: writing a new kit, planning and applying upgrades, checking a kit in CI.
//!
//! [`state`] is what mlops-kit records inside a kit, [`engine`] decides per file what an upgrade does
//! (pure, on in-memory maps), [`txn`] writes atomically, [`lock`] keeps one writer per kit, [`report`] and [`terraform`] explain a plan,
//! [`command`] ties them to the command line, and [`portfolio`] runs them over many kits.

pub mod command;
pub mod engine;
pub mod lock;
pub mod portfolio;
pub mod report;
pub mod state;
pub mod terraform;
pub mod txn;
