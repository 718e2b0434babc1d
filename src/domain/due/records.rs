//! The due items of records of the ledgers declared once (media, computers, devices): each alarm
//! in its own file, reporting `kind` = the ledger's key and `subject` = the record's number.

use chrono::{NaiveDate, NaiveDateTime};

use super::DueItem;
use crate::domain::ledgers::Record;

/// The settings the record alarms read (RULES.md defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSettings {
    /// R-MED-6: months between checks of every medium.
    pub medium_check_months: u32,
    /// R-CMP-6: days between backups of a classified computer.
    pub backup_days: i64,
    /// R-DEV-2: days between password changes of a unit mailbox.
    pub mailbox_password_days: i64,
}

impl Default for RecordSettings {
    fn default() -> Self {
        RecordSettings {
            medium_check_months: 3,
            backup_days: 30,
            mailbox_password_days: 90,
        }
    }
}

/// An item about `r`: its kind and number, and a title that says what and whose.
pub(super) fn item(
    r: &Record,
    rule: &'static str,
    due: NaiveDate,
    due_at: Option<NaiveDateTime>,
    what: &str,
) -> DueItem {
    let kind = match r.get("kind") {
        "" => r.get("class").to_string() + r.spec.noun,
        k => k.to_string(),
    };
    let whose = [r.holder.as_str(), r.keeper.as_str()]
        .into_iter()
        .find(|s| !s.is_empty())
        .map(|s| format!("（{s}）"))
        .unwrap_or_default();
    DueItem {
        rule,
        kind: r.spec.key,
        subject: r.no.clone(),
        title: format!("{kind}{whose}{what}"),
        level: r.level,
        due,
        due_at,
    }
}

/// Every record item: `records` are those still held and those lost and not yet reported.
pub fn record_items(records: &[Record], settings: RecordSettings) -> Vec<DueItem> {
    let mut out = Vec::new();
    for r in records {
        out.extend(super::loss_report::loss_report(r));
        out.extend(super::record_check::record_check(
            r,
            settings.medium_check_months,
        ));
        out.extend(super::computer_backup::computer_backup(
            r,
            settings.backup_days,
        ));
        out.extend(super::mailbox_password::mailbox_password(
            r,
            settings.mailbox_password_days,
        ));
        out.extend(super::laptop_return::laptop_return(r));
        out.extend(super::cooling_off::cooling_off(r));
    }
    out
}
