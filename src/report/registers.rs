//! Registers as documents: the form's own columns, each row's level for the marking.

use chrono::NaiveDate;

use super::document::{DocRow, Document};
use crate::store::registers::Register;

pub fn document(reg: &Register, unit: &str, as_of: NaiveDate) -> Document {
    let mut doc = Document::new(reg.title.clone(), unit, as_of);
    doc.columns = reg.columns.iter().map(|c| c.to_string()).collect();
    doc.rows = reg
        .rows
        .iter()
        .map(|r| DocRow::Cells {
            level: Some(r.level),
            cells: r.cells.clone(),
        })
        .collect();
    doc.notes = reg.notes.clone();
    if reg.rows.is_empty() {
        doc.notes.insert(0, "（本期无记录）".into());
    }
    doc.signatures = reg.signatures.iter().map(|s| s.to_string()).collect();
    doc
}
