//! R-ORG-6: the staff change a person's registration or act makes (`organisation::staff`),
//! registered in the same change as the act, with its own audit row.

use chrono::NaiveDate;

use super::super::{Change, Result};
use super::AddForm;
use crate::domain::ledgers::Record;
use crate::domain::rules::organisation::{self, staff};

/// Registers the staff change from `before` (none for a registration) to `after`, if any.
pub fn after_person(
    c: &mut Change<'_>,
    before: Option<&Record>,
    after: &Record,
    on: NaiveDate,
    act: &str,
) -> Result<()> {
    let Some(change) = staff::change_of(before, after) else {
        return Ok(());
    };
    let form = AddForm {
        values: staff::values(after, change, act).into_iter().collect(),
        no: None,
        date: Some(on),
    };
    super::add(c, &organisation::STAFF_CHANGE, &form)?;
    Ok(())
}
