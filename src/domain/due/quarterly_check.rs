//! R-PAP-13: the quarterly check and return, due the last day of each quarter.

use chrono::{Datelike, NaiveDate};

use super::{DueItem, UnitFacts};
use crate::domain::dates::{first_of, quarter, quarter_end};

/// One item for each quarter from the ledger's first quarter to `as_of`'s that has no check
/// recorded in it (on or before `as_of`).
pub fn quarterly_check(unit: &UnitFacts, as_of: NaiveDate) -> Vec<DueItem> {
    let start = unit.started_on.unwrap_or(as_of).min(as_of);
    let mut q_start = first_of(start.year(), (quarter(start) - 1) * 3 + 1);
    let mut items = Vec::new();
    while q_start <= as_of {
        let end = quarter_end(q_start);
        let met = unit
            .checks
            .iter()
            .any(|d| *d >= q_start && *d <= end && *d <= as_of);
        if !met {
            items.push(DueItem {
                rule: "R-PAP-13",
                kind: "unit",
                subject: format!("{}年第{}季度", q_start.year(), quarter(q_start)),
                title: "每季度核查、清退在管密件".into(),
                level: None,
                due: end,
                due_at: None,
            });
        }
        match end.succ_opt() {
            Some(next) => q_start = next,
            None => break,
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;

    // R-PAP-13: due the quarter's last day, met by a check in that quarter.
    #[test]
    fn r_pap_13_quarter_ends() {
        let unit = UnitFacts {
            started_on: Some(ymd(2026, 2, 1)),
            counts: vec![],
            checks: vec![ymd(2026, 4, 2)],
        };
        let items = quarterly_check(&unit, ymd(2026, 7, 1));
        let got: Vec<_> = items.iter().map(|i| (i.subject.as_str(), i.due)).collect();
        assert_eq!(
            got,
            vec![
                ("2026年第1季度", ymd(2026, 3, 31)),
                ("2026年第3季度", ymd(2026, 9, 30))
            ]
        );
    }

    // R-PAP-13: 31 March is the first quarter's last day; 1 April starts the second.
    #[test]
    fn r_pap_13_31_march_against_1_april() {
        let unit = UnitFacts::default();
        assert_eq!(
            quarterly_check(&unit, ymd(2026, 3, 31))[0].due,
            ymd(2026, 3, 31)
        );
        assert_eq!(
            quarterly_check(&unit, ymd(2026, 4, 1))[0].due,
            ymd(2026, 6, 30)
        );
        assert_eq!(
            quarterly_check(&unit, ymd(2026, 12, 31))[0].due,
            ymd(2026, 12, 31)
        );
    }
}
