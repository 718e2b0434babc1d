//! R-DEV-2: a unit mailbox's password is changed every interval (default 90 days, a setting).

use super::DueItem;
use super::records::item;
use crate::domain::ledgers::Record;
use crate::domain::rules::device::next_password;

pub fn mailbox_password(r: &Record, days: i64) -> Option<DueItem> {
    let due = next_password(r, days)?;
    Some(item(r, "R-DEV-2", due, None, "更换口令"))
}
