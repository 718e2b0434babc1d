//! Ledgers declared once (DESIGN.md): the description of a ledger (`spec`) and one record of it
//! (`record`). Media, computers and devices are described in `domain::rules::{media, computer,
//! device}` beside their hand-written rules. Papers keep their own richer model (`domain::paper`).

pub mod record;
pub mod registers;
pub mod spec;
pub mod tally;

pub use record::{Context, Outcome, Record};
pub use spec::{ActSpec, FieldSpec, Kind, LedgerSpec, StateSpec, Values};
