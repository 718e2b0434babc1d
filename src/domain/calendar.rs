//! Working days by the State Council's calendar: public holidays (休) and make-up working days (班).
//! A year with no data counts Monday to Friday, and says so, so that a deadline in "N working days"
//! is never silently wrong.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};

use super::error::{Checked, Refusal};

/// The calendar the program ships with: ../shared/data/cn-holidays.csv (2004 to 2026).
pub const BUILTIN_CSV: &str = include_str!("../../data/cn-holidays.csv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// 休: a public holiday on what would be a working day.
    Off,
    /// 班: a make-up working day on a weekend.
    Work,
}

impl DayKind {
    pub fn name(self) -> &'static str {
        match self {
            DayKind::Off => "休",
            DayKind::Work => "班",
        }
    }

    pub fn parse(s: &str) -> Option<DayKind> {
        match s.trim() {
            "休" | "假" | "off" | "holiday" => Some(DayKind::Off),
            "班" | "上班" | "work" | "workday" => Some(DayKind::Work),
            _ => None,
        }
    }
}

/// One announced day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialDay {
    pub day: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, (DayKind, String)>,
    years: BTreeSet<i32>,
}

impl Calendar {
    /// The built-in calendar, parsed once.
    pub fn builtin() -> Calendar {
        static BUILTIN: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let mut c = Calendar::default();
                // The embedded file is ours and checked by a test.
                for day in parse_csv(BUILTIN_CSV).unwrap_or_default() {
                    c.add(day);
                }
                c
            })
            .clone()
    }

    /// The built-in calendar with the user's entries on top (they win on the same day).
    pub fn with(days: impl IntoIterator<Item = SpecialDay>) -> Calendar {
        let mut c = Calendar::builtin();
        for d in days {
            c.add(d);
        }
        c
    }

    pub fn add(&mut self, d: SpecialDay) {
        self.years.insert(d.day.year());
        self.days.insert(d.day, (d.kind, d.name));
    }

    /// True when the State Council's notice for `year` is in the calendar.
    pub fn has_year(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    pub fn special_days(&self, year: i32) -> Vec<SpecialDay> {
        self.days
            .range(super::dates::ymd(year, 1, 1)..=super::dates::ymd(year, 12, 31))
            .map(|(d, (k, n))| SpecialDay {
                day: *d,
                kind: *k,
                name: n.clone(),
            })
            .collect()
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some((DayKind::Off, _)) => false,
            Some((DayKind::Work, _)) => true,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The day that is `n` working days after `start` (the day of the event does not count), and
    /// the years crossed whose holidays are missing.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> (NaiveDate, Vec<i32>) {
        let mut d = start;
        let mut left = n;
        let mut missing = BTreeSet::new();
        while left > 0 {
            d = d.succ_opt().unwrap_or(d);
            if !self.has_year(d.year()) {
                missing.insert(d.year());
            }
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        (d, missing.into_iter().collect())
    }
}

/// Reads `日期,类型,节日` lines (the header is optional). Every bad line is reported with its line
/// number; nothing is returned unless all are good.
pub fn parse_csv(text: &str) -> Checked<Vec<SpecialDay>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() || (line_no == 1 && line.starts_with("日期")) {
            continue;
        }
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        let (Some(day), Some(kind)) = (cols.first(), cols.get(1)) else {
            errors.push(format!("第{line_no}行：应为 日期,类型,节日"));
            continue;
        };
        let day = match super::dates::parse_field("日期", day) {
            Ok(d) => d,
            Err(e) => {
                errors.push(format!("第{line_no}行：{e}"));
                continue;
            }
        };
        let Some(kind) = DayKind::parse(kind) else {
            errors.push(format!(
                "第{line_no}行：类型「{}」应为 休 或 班",
                super::text::for_terminal(kind)
            ));
            continue;
        };
        let name = cols.get(2).map(|s| s.to_string()).unwrap_or_default();
        if let Err(e) = super::text::check_text("节日", &name, super::text::TEXT_MAX) {
            errors.push(format!("第{line_no}行：{e}"));
            continue;
        }
        out.push(SpecialDay { day, kind, name });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Refusal::field("节假日文件", errors.join("；")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;

    #[test]
    fn builtin_calendar_is_whole() {
        let days = parse_csv(BUILTIN_CSV).expect("the embedded calendar parses");
        assert!(days.len() > 700);
        let c = Calendar::builtin();
        for y in 2004..=2026 {
            assert!(c.has_year(y), "{y}");
        }
        assert!(!c.has_year(2027));
    }

    // R-DIS-4: working days follow holidays and make-up days.
    #[test]
    fn r_dis_4_working_days_follow_the_notice() {
        let c = Calendar::builtin();
        // 2026-01-01 元旦 is a holiday; 2026-01-04 (Sunday) is a make-up working day.
        assert!(!c.is_working_day(ymd(2026, 1, 1)));
        assert!(c.is_working_day(ymd(2026, 1, 4)));
        // Fifteen working days from 2026-09-30 crosses the National Day holiday.
        let (due, missing) = c.add_working_days(ymd(2026, 9, 30), 15);
        assert!(missing.is_empty());
        assert!(due > ymd(2026, 10, 21), "{due}");
    }

    #[test]
    fn a_year_without_data_counts_weekdays_and_says_so() {
        let c = Calendar::builtin();
        let (due, missing) = c.add_working_days(ymd(2026, 12, 30), 5);
        assert_eq!(missing, vec![2027]);
        // 12-31 (Thu) is a working day in 2026 (元旦 2027 unknown): 31, 1, 4, 5, 6.
        assert_eq!(due, ymd(2027, 1, 6));
        let mut with = Calendar::builtin();
        with.add(SpecialDay {
            day: ymd(2027, 1, 1),
            kind: DayKind::Off,
            name: "元旦".into(),
        });
        assert!(with.has_year(2027));
        assert_eq!(
            with.add_working_days(ymd(2026, 12, 30), 5).0,
            ymd(2027, 1, 7)
        );
    }

    #[test]
    fn bad_lines_are_named() {
        let e =
            parse_csv("日期,类型,节日\n2027-01-01,休,元旦\n2027-02-30,休,春节\n2027-02-01,忙,x\n")
                .unwrap_err();
        let s = e.to_string();
        assert!(s.contains("第3行") && s.contains("第4行"), "{s}");
    }
}
