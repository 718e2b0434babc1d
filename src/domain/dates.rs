//! Dates as officers write them and as files store them. Screens show `2026年4月1日`; files and JSON
//! carry ISO `2026-04-01`. Input accepts what people type: `2026-4-1`, `2026/04/01`, `2026.4.1`,
//! `20260401`, `2026年4月1日`, with full-width digits too.

use chrono::{Datelike, NaiveDate};

use super::error::{Checked, Refusal};
use super::text::to_half_width;

/// ISO form for files, JSON and the database.
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The form screens and printouts use: `2026年4月1日`.
pub fn zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Parses a date as a person would type it. `None` when it is not a real calendar date.
pub fn parse(input: &str) -> Option<NaiveDate> {
    let s = to_half_width(input.trim());
    if s.is_empty() {
        return None;
    }
    let s = s.trim_end_matches('日').trim_end_matches('号');
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月'])
        .filter(|p| !p.is_empty())
        .collect();
    let (y, m, d) = match parts.as_slice() {
        [ymd] if ymd.len() == 8 && ymd.bytes().all(|b| b.is_ascii_digit()) => {
            (&ymd[0..4], &ymd[4..6], &ymd[6..8])
        }
        [y, m, d] => (*y, *m, *d),
        _ => return None,
    };
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Parses a required date field, naming the field when it is wrong.
pub fn parse_field(field: &str, input: &str) -> Checked<NaiveDate> {
    if input.trim().is_empty() {
        return Err(Refusal::field(field, "不能为空，请填写日期，如 2026-04-01"));
    }
    parse(input).ok_or_else(|| {
        Refusal::field(
            field,
            format!(
                "「{}」不是有效日期，请写成 2026-04-01 或 2026年4月1日",
                input.trim()
            ),
        )
    })
}

/// Parses an optional date field: empty is `None`, anything else must be a date.
pub fn parse_optional(field: &str, input: &str) -> Checked<Option<NaiveDate>> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_field(field, input).map(Some)
    }
}

/// The last day of the month that `d` falls in.
pub fn month_end(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    first_of(y, m).pred_opt().unwrap_or(d)
}

/// The last day of the quarter that `d` falls in.
pub fn quarter_end(d: NaiveDate) -> NaiveDate {
    let last_month = (d.month() - 1) / 3 * 3 + 3;
    month_end(first_of(d.year(), last_month))
}

/// The quarter (1..=4) that `d` falls in.
pub fn quarter(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// The first day of a month. Months come from our own arithmetic, always 1..=12.
pub fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

/// A calendar date from parts computed by our own code (never from user input).
pub fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        let d = ymd(2026, 4, 1);
        for s in [
            "2026-04-01",
            "2026-4-1",
            "2026/4/1",
            "2026.04.01",
            "20260401",
            "2026年4月1日",
            "２０２６年４月１日",
            " 2026-04-01 ",
        ] {
            assert_eq!(parse(s), Some(d), "{s}");
        }
    }

    #[test]
    fn refuses_impossible_dates() {
        for s in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "26-4-1",
            "明天",
            "",
            "2026-04",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
        assert_eq!(parse("2024-02-29"), Some(ymd(2024, 2, 29)));
    }

    #[test]
    fn month_and_quarter_ends() {
        assert_eq!(month_end(ymd(2024, 2, 10)), ymd(2024, 2, 29));
        assert_eq!(month_end(ymd(2026, 2, 10)), ymd(2026, 2, 28));
        assert_eq!(month_end(ymd(2026, 12, 31)), ymd(2026, 12, 31));
        assert_eq!(quarter_end(ymd(2026, 1, 1)), ymd(2026, 3, 31));
        assert_eq!(quarter_end(ymd(2026, 6, 30)), ymd(2026, 6, 30));
        assert_eq!(quarter_end(ymd(2026, 11, 27)), ymd(2026, 12, 31));
        assert_eq!(quarter(ymd(2026, 7, 1)), 3);
    }

    #[test]
    fn chinese_form() {
        assert_eq!(zh(ymd(2026, 4, 1)), "2026年4月1日");
        assert_eq!(iso(ymd(2026, 4, 1)), "2026-04-01");
    }
}
