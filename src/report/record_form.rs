//! The printed form of one record, for every ledger that has one: the person's registration
//! form (涉密人员登记表), the review's and provision's
//! flow forms (R-DIS-5, R-EXT-1), the incident's report or closing form (R-INC-2) and the
//! inspection's record form filled from the ledgers (R-INS-1). The record page's `p` and the
//! command line print through here.

use rusqlite::Connection;

use super::document::Document;
use crate::domain::ledgers::Record;
use crate::domain::rules::{incident, inspection, person};

/// The ledgers whose records print as a form.
pub fn has_form(spec_key: &str) -> bool {
    super::step_form::has_form(spec_key)
        || spec_key == incident::SPEC.key
        || spec_key == inspection::SPEC.key
}

/// The form of `r`, when its ledger has one.
pub fn document(
    conn: &Connection,
    r: &Record,
    unit: &str,
    as_of: chrono::NaiveDate,
) -> crate::store::Result<Option<Document>> {
    Ok(match r.spec.key {
        k if k == incident::SPEC.key => Some(super::incident_form::document(r, unit, as_of)),
        k if k == person::SPEC.key => Some(super::person_form::record_form(conn, r, unit, as_of)?),
        k if k == inspection::SPEC.key => {
            let facts = crate::store::inspection_form::facts(conn, r)?;
            Some(super::inspection_form::document(r, &facts, unit, as_of))
        }
        _ => super::step_form::document(r, unit, as_of),
    })
}
