//! baomi (保密台账): the secrecy office's ledgers, approvals and due dates, in a terminal.
//!
//! The arrows go one way: `ui`, `cli`, `report` → `store`, `domain`; `store` → `domain`;
//! `domain` → nothing of ours.

pub mod cli;
pub mod domain;
pub mod report;
pub mod store;
pub mod ui;
