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
    /// Days after it arises by which a duty the seed gives no deadline is due (DESIGN.md): an
    /// incident's closing report after its follow-up.
    pub open_days: i64,
}

impl Default for RecordSettings {
    fn default() -> Self {
        RecordSettings {
            medium_check_months: 3,
            backup_days: 30,
            mailbox_password_days: 90,
            open_days: 7,
        }
    }
}

/// The latest days a record's last check, backup or password change may lie on for some alarm
/// to fall due by a horizon: the store reads only such records (and those lost or out), so a
/// ledger of 100,000 costs what its near deadlines cost. Each is a little later than exact, so
/// that what is read is a superset of what is due (months end on different days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizons {
    pub checked: NaiveDate,
    pub backup: NaiveDate,
    pub password: NaiveDate,
}

impl RecordSettings {
    pub fn horizons(&self, by: NaiveDate) -> Horizons {
        let margin = chrono::Duration::days(4);
        let months = self.medium_check_months.min(3);
        Horizons {
            checked: by
                .checked_sub_months(chrono::Months::new(months))
                .unwrap_or(by)
                + margin,
            backup: by - chrono::Duration::days(self.backup_days.max(1)) + margin,
            password: by - chrono::Duration::days(self.mailbox_password_days.max(1)) + margin,
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

/// The items of one record (the store reads them one at a time: a ledger of 100,000 media is
/// never held whole). `r` is still held, or lost and not yet reported.
pub fn record_items(r: &Record, settings: RecordSettings) -> Vec<DueItem> {
    let mut out = Vec::new();
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
    out.extend(super::computer_filing::computer_filing(r));
    out.extend(super::cooling_off::cooling_off(r));
    out.extend(super::officer::officer(r, settings.open_days));
    out.extend(super::vetting_gap::vetting_gap(r));
    out.extend(super::incident::incident(r, settings.open_days));
    out.extend(super::inspection::inspection(r));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::level::Level;
    use crate::domain::rules::media::tests::{medium, pc};

    // The store reads records by these horizons: every record an alarm makes due by `by` lies
    // within them (checked on every day of two years, against horizons around them).
    #[test]
    fn horizons_hold_everything_due() {
        let settings = RecordSettings::default();
        let mut checked = 0;
        for months in [1, 2, 3, 6] {
            let s = RecordSettings {
                medium_check_months: months,
                ..settings
            };
            for offset in 0..730 {
                let last = ymd(2025, 1, 1) + chrono::Duration::days(offset);
                let mut m = medium(Level::Secret);
                m.checked_on = Some(last);
                let mut p = pc("涉密", Level::Secret, true);
                p.checked_on = Some(last);
                p.values
                    .insert("backup_on".into(), crate::domain::dates::iso(last));
                for within in [0, 7, 30, 120] {
                    let by = ymd(2026, 6, 30) + chrono::Duration::days(within);
                    let h = s.horizons(by);
                    for item in [&m, &p].into_iter().flat_map(|r| record_items(r, s)) {
                        if item.due <= by {
                            let bound = match item.rule {
                                "R-CMP-6" => h.backup,
                                _ => h.checked,
                            };
                            assert!(last <= bound, "{} {last} by {by}", item.rule);
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 1000);
    }
}
