//! What a medium's or a computer's label shows (R-MED-1: level, user and number; R-CMP-2).

use rusqlite::Connection;

use crate::cli::Failure;
use crate::domain::ledgers::{LedgerSpec, Record};
use crate::domain::level::{Level, Mark};
use crate::domain::rules::{computer, media};
use crate::report::labels::Label;
use crate::store;

/// The label of record `no` of the `kind` ledger (`medium` or `computer`). The unit's name is the
/// caller's to fill in.
pub fn label_of(conn: &Connection, kind: &str, no: &str) -> Result<Label, Failure> {
    let spec: &'static LedgerSpec = if kind == computer::SPEC.key {
        &computer::SPEC
    } else {
        &media::SPEC
    };
    let r = store::records::get(conn, spec, no)?;
    Ok(Label {
        number: r.no.clone(),
        kind: kind_of(&r),
        mark: Mark::new(r.level.unwrap_or(Level::Public), None),
        keeper: user(&r),
        unit: String::new(),
    })
}

/// `U盘`; a computer by its class: `涉密计算机`.
fn kind_of(r: &Record) -> String {
    if r.spec.key == computer::SPEC.key {
        format!("{}计算机", r.get("class"))
    } else {
        r.get("kind").to_string()
    }
}

/// The person it is issued to, else its keeper: the user R-MED-1 puts on the label.
fn user(r: &Record) -> String {
    if r.holder.is_empty() {
        r.keeper.clone()
    } else {
        r.holder.clone()
    }
}
