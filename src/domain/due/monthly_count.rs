//! R-PAP-12: the monthly count of all papers held, due the last day of each month.

use chrono::{Datelike, NaiveDate};

use super::{DueItem, UnitFacts};
use crate::domain::dates::{first_of, month_end};

/// One item for each month from the ledger's first month to `as_of`'s month that has no count
/// recorded in it (on or before `as_of`).
pub fn monthly_count(unit: &UnitFacts, as_of: NaiveDate) -> Vec<DueItem> {
    let start = unit.started_on.unwrap_or(as_of).min(as_of);
    let mut month = first_of(start.year(), start.month());
    let mut items = Vec::new();
    while month <= as_of {
        let end = month_end(month);
        let met = unit
            .counts
            .iter()
            .any(|d| *d >= month && *d <= end && *d <= as_of);
        if !met {
            items.push(DueItem {
                rule: "R-PAP-12",
                kind: "unit",
                subject: format!("{}年{}月", month.year(), month.month()),
                title: "每月清点在管密件".into(),
                level: None,
                due: end,
                due_at: None,
            });
        }
        match end.succ_opt() {
            Some(next) => month = next,
            None => break,
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;

    // R-PAP-12: due the month's last day, met by a count in that month.
    #[test]
    fn r_pap_12_one_item_per_unmet_month() {
        let unit = UnitFacts {
            started_on: Some(ymd(2026, 1, 15)),
            counts: vec![ymd(2026, 1, 31), ymd(2026, 3, 2)],
            checks: vec![],
        };
        let items = monthly_count(&unit, ymd(2026, 4, 1));
        let subjects: Vec<_> = items.iter().map(|i| (i.subject.as_str(), i.due)).collect();
        assert_eq!(
            subjects,
            vec![
                ("2026年2月", ymd(2026, 2, 28)),
                ("2026年4月", ymd(2026, 4, 30))
            ]
        );
        assert!(items.iter().all(|i| i.rule == "R-PAP-12"));
    }

    // R-PAP-12: February's end in leap and common years.
    #[test]
    fn r_pap_12_february_ends() {
        let unit = UnitFacts::default();
        assert_eq!(
            monthly_count(&unit, ymd(2024, 2, 3))[0].due,
            ymd(2024, 2, 29)
        );
        assert_eq!(
            monthly_count(&unit, ymd(2026, 2, 3))[0].due,
            ymd(2026, 2, 28)
        );
    }

    // R-PAP-12: a count recorded after the as-of day does not meet the month as of that day.
    #[test]
    fn r_pap_12_count_after_as_of_does_not_count() {
        let unit = UnitFacts {
            started_on: None,
            counts: vec![ymd(2026, 4, 20)],
            checks: vec![],
        };
        assert_eq!(monthly_count(&unit, ymd(2026, 4, 10)).len(), 1);
        assert!(monthly_count(&unit, ymd(2026, 4, 25)).is_empty());
    }

    // R-PAP-12: the last day of the month itself.
    #[test]
    fn r_pap_12_on_the_last_day() {
        let items = monthly_count(&UnitFacts::default(), ymd(2026, 12, 31));
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].due, ymd(2026, 12, 31));
    }
}
