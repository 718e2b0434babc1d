//! The rules of the secrecy office, pure: types, checks, the state machine and the due engine. No
//! SQL, no terminal, no clock: every function that needs the day takes it.

pub mod account;
pub mod approval;
pub mod audit;
pub mod cabinet;
pub mod calendar;
pub mod carrier;
pub mod dates;
pub mod due;
pub mod error;
pub mod gap;
pub mod ledger_file;
pub mod ledgers;
pub mod level;
pub mod need_to_know;
pub mod notebook;
pub mod numbering;
pub mod paper;
pub mod replay;
pub mod rules;
pub mod search;
pub mod selfcheck;
pub mod session;
pub mod settings;
pub mod text;

pub use error::{Checked, Refusal};
