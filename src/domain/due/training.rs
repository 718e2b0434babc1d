//! R-TRN-3: a person on post short of the year's hours (核心 16, 重要 and 一般 8) is shown from the
//! first of the warning month (a setting, October) whatever the due list's horizon, due on 31
//! December and overdue after it until the next year's warning month.

use chrono::NaiveDate;

use super::DueItem;
use crate::domain::ledgers::Record;
use crate::domain::rules::training::{self, shortfall_year};

/// The shortfalls of `people` on `as_of` from `sessions` (those of the year shown suffice).
pub fn training_shortfall(
    people: &[Record],
    sessions: &[Record],
    as_of: NaiveDate,
    warn_month: u32,
) -> Vec<DueItem> {
    let year = shortfall_year(as_of, warn_month);
    let Some(due) = NaiveDate::from_ymd_opt(year, 12, 31) else {
        return Vec::new();
    };
    training::year_table(people, sessions, year)
        .into_iter()
        .filter(|h| h.short_by() > 0)
        .map(|h| DueItem {
            rule: "R-TRN-3",
            kind: "person",
            subject: format!("{} {}", h.no, h.name),
            // The shortfall first: at 80 columns the due list shows a title's first thirty
            // columns, and the person is in the subject already.
            title: format!(
                "差 {} 学时：{year}年保密培训 {} 学时，应不少于 {} 学时（{}）",
                h.short_by(),
                h.hours,
                h.required,
                // A person registered from existing papers has neither department nor grade yet
                // (issue 11).
                [h.name.as_str(), h.dept.as_str(), h.grade.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("，"),
            ),
            level: None,
            due,
            due_at: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::rules::training::tests::{person, session};

    // R-TRN-3: a core person with 12 of 16 hours is shown from 1 October (not on 30 September),
    // due on 31 December, still shown overdue in January; an important one with 8 is not.
    #[test]
    fn r_trn_3_shortfall_from_october() {
        let people = [
            person("RY-001", "李四", "核心"),
            person("RY-002", "王五", "重要"),
        ];
        let sessions = [
            session(ymd(2026, 3, 2), 8, "李四、王五"),
            session(ymd(2026, 6, 2), 4, "李四"),
        ];
        assert!(training_shortfall(&people, &sessions, ymd(2026, 9, 30), 10).is_empty());
        let items = training_shortfall(&people, &sessions, ymd(2026, 10, 1), 10);
        assert_eq!(items.len(), 1);
        let i = &items[0];
        assert_eq!(
            (i.rule, i.kind, i.due),
            ("R-TRN-3", "person", ymd(2026, 12, 31))
        );
        assert!(i.title.starts_with("差 4 学时：2026年"), "{}", i.title);
        assert!(i.title.ends_with("（李四，办公室，核心）"), "{}", i.title);
        assert_eq!(i.subject, "RY-001 李四");
        let january = training_shortfall(&people, &sessions, ymd(2027, 1, 5), 10);
        assert_eq!(january.first().map(|i| i.due), Some(ymd(2026, 12, 31)));
        // A session of the next year does not make up the last one.
        let later = [session(ymd(2027, 1, 3), 8, "李四")];
        let all: Vec<_> = sessions.iter().chain(&later).cloned().collect();
        assert_eq!(
            training_shortfall(&people, &all, ymd(2027, 1, 5), 10).len(),
            1
        );
    }
}
