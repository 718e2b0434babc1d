//! What a medium's or a computer's label shows (R-MED-1: level, user and number; R-CMP-2).

use rusqlite::Connection;

use crate::cli::Failure;
use crate::domain::ledgers::LedgerSpec;
use crate::domain::rules::{computer, media};
use crate::report::label_sheet;
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
    Ok(label_sheet::of_record(&r))
}
