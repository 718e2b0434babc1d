//! R-CMP-12: a laptop taken out comes back (and is checked) by the day the approval gave.

use super::DueItem;
use super::records::item;
use crate::domain::ledgers::Record;

pub fn laptop_return(r: &Record) -> Option<DueItem> {
    if r.spec.key != "computer" || r.state != "taken_out" {
        return None;
    }
    let due = r.date("return_by")?;
    Some(item(r, "R-CMP-12", due, None, "携带外出到期带回检查"))
}
