//! Kits on disk: writing a new kit, planning and applying upgrades, checking a kit in CI.

pub mod command;
