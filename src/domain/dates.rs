//! Dates as officers write them and as files store them. Screens show `2026年4月1日`; files and JSON
//! carry ISO `2026-04-01`. Input accepts what people type: `2026-4-1`, `2026/04/01`, `2026.4.1`,
//! `20260401`, `2026年4月1日`, with full-width digits too.

use chrono::{Datelike, NaiveDate};

use super::error::{Checked, Refusal};
use super::text::to_half_width;

/// ISO form for files, JSON and the database.
pub fn iso(d: NaiveDate) -> String {
    // Written by hand: an import formats four dates a row, and chrono's strftime parses its
    // pattern every time.
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return d.format("%Y-%m-%d").to_string();
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let y = y as u32;
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(day / 10),
        digit(day),
    ]
    .iter()
    .collect()
}

/// The form screens and printouts use: `2026年4月1日`.
pub fn zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The earliest date baomi accepts anywhere: nothing in a unit's ledger predates 1949.
pub const EARLIEST: NaiveDate = ymd_const(1949, 1, 1);
/// The latest date baomi accepts anywhere, deadlines and secrecy periods included.
pub const LATEST: NaiveDate = ymd_const(2100, 12, 31);
/// How far ahead a deadline (return by, extended until) may lie: ten years after today.
pub const DEADLINE_YEARS: u32 = 10;

const fn ymd_const(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => NaiveDate::MIN,
    }
}

/// Parses a date as a person would type it. `None` when it is not a real calendar date. The year
/// has four digits, month and day one or two, all of them digits: `-2025-01-01`, `2025--1-1` and
/// `+202-1-1` are not dates. The range is not checked here (stored dates are read with this); every
/// date typed or imported goes through `parse_field`, `parse_past` or `parse_deadline`.
pub fn parse(input: &str) -> Option<NaiveDate> {
    let s = to_half_width(input.trim());
    if s.is_empty() {
        return None;
    }
    let s = s
        .strip_suffix('日')
        .or_else(|| s.strip_suffix('号'))
        .unwrap_or(&s);
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let (y, m, d) = if digits(s) && s.len() == 8 {
        (&s[0..4], &s[4..6], &s[6..8])
    } else {
        let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
        match parts.as_slice() {
            [y, m, d] => (*y, *m, *d),
            _ => return None,
        }
    };
    if !(digits(y) && digits(m) && digits(d)) || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// True when `d` lies within 1949-01-01 ..= 2100-12-31, the outer bound of every date.
pub fn in_bounds(d: NaiveDate) -> bool {
    (EARLIEST..=LATEST).contains(&d)
}

/// Refuses a date outside the outer bound, naming the field.
pub fn check_bounds(field: &str, d: NaiveDate) -> Checked<NaiveDate> {
    if d < EARLIEST {
        Err(Refusal::field(
            field,
            format!("{} 早于 {}，不是可能的日期", iso(d), zh(EARLIEST)),
        ))
    } else if d > LATEST {
        Err(Refusal::field(
            field,
            format!("{} 晚于 {}，不是可能的日期", iso(d), zh(LATEST)),
        ))
    } else {
        Ok(d)
    }
}

/// Refuses a date of something that has happened (a receipt, an act, a signature) when it lies
/// after `today` or outside the outer bound.
pub fn check_past(field: &str, d: NaiveDate, today: NaiveDate) -> Checked<NaiveDate> {
    check_bounds(field, d)?;
    if d > today {
        return Err(Refusal::field(
            field,
            format!(
                "{} 晚于今天（{}）：已经发生的事不能记在将来",
                iso(d),
                zh(today)
            ),
        ));
    }
    Ok(d)
}

/// The last day a deadline may fall on: ten years after `today`, and never past the outer bound.
pub fn latest_deadline(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_months(chrono::Months::new(DEADLINE_YEARS * 12))
        .unwrap_or(LATEST)
        .min(LATEST)
}

/// Refuses a deadline (return by, extended until) more than ten years after `today` or outside the
/// outer bound. A deadline may lie in the past: an old ledger row's return date did.
pub fn check_deadline(field: &str, d: NaiveDate, today: NaiveDate) -> Checked<NaiveDate> {
    check_bounds(field, d)?;
    let latest = latest_deadline(today);
    if d > latest {
        return Err(Refusal::field(
            field,
            format!(
                "{} 超出今天起{DEADLINE_YEARS}年（最晚 {}）",
                iso(d),
                zh(latest)
            ),
        ));
    }
    Ok(d)
}

/// Parses a required date field within the outer bound, naming the field when it is wrong.
pub fn parse_field(field: &str, input: &str) -> Checked<NaiveDate> {
    if input.trim().is_empty() {
        return Err(Refusal::field(field, "不能为空，请填写日期，如 2026-04-01"));
    }
    let d = parse(input).ok_or_else(|| {
        Refusal::field(
            field,
            format!(
                "「{}」不是有效日期，请写成 2026-04-01 或 2026年4月1日",
                super::text::for_terminal(input.trim())
            ),
        )
    })?;
    check_bounds(field, d)
}

/// Parses an optional date field: empty is `None`, anything else must be a date within bounds.
pub fn parse_optional(field: &str, input: &str) -> Checked<Option<NaiveDate>> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_field(field, input).map(Some)
    }
}

/// Parses the date of something that has happened: not after `today`, not before 1949.
pub fn parse_past(field: &str, input: &str, today: NaiveDate) -> Checked<NaiveDate> {
    check_past(field, parse_field(field, input)?, today)
}

/// Parses a deadline: at most ten years after `today`, not before 1949.
pub fn parse_deadline(field: &str, input: &str, today: NaiveDate) -> Checked<NaiveDate> {
    check_deadline(field, parse_field(field, input)?, today)
}

/// Parses an optional deadline: empty is `None`.
pub fn parse_optional_deadline(
    field: &str,
    input: &str,
    today: NaiveDate,
) -> Checked<Option<NaiveDate>> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_deadline(field, input, today).map(Some)
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

    #[test]
    fn iso_is_chronos_own_form_for_every_day() {
        let mut d = ymd(1949, 1, 1);
        while d <= ymd(2100, 12, 31) {
            assert_eq!(iso(d), d.format("%Y-%m-%d").to_string());
            d = d.succ_opt().unwrap();
        }
        for d in [ymd(5, 3, 9), ymd(-44, 3, 15), ymd(12345, 1, 1)] {
            assert_eq!(iso(d), d.format("%Y-%m-%d").to_string());
        }
    }

    // issue 8 point 10: a sign, an empty part or a sign-prefixed number is not a date.
    #[test]
    fn signs_and_empty_parts_are_not_dates() {
        for s in [
            "-2025-01-01",
            "2025--01-01",
            "2025-01-01-",
            "+202-01-01",
            "2025-+1-01",
            "2025-1- 1",
            "/2025/1/1",
            "2025年1月1日日",
            "１２３４５６７８９",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    // issue 8 point 10: every date is within 1949-01-01 ..= 2100-12-31.
    #[test]
    fn dates_outside_1949_to_2100_are_refused() {
        for s in ["0000-01-01", "1948-12-31", "2101-01-01", "9999-12-31"] {
            let e = parse_field("收文日期", s).unwrap_err();
            assert_eq!(e.field_name(), Some("收文日期"), "{s}");
        }
        assert_eq!(parse_field("日期", "1949-01-01"), Ok(EARLIEST));
        assert_eq!(parse_field("日期", "2100-12-31"), Ok(LATEST));
        assert_eq!(parse_optional("日期", " "), Ok(None));
    }

    // issue 8 point 10: a receipt dated after today is refused; today and before are accepted.
    #[test]
    fn what_has_happened_is_not_after_today() {
        let today = ymd(2026, 11, 27);
        let e = parse_past("收文日期", "2026-11-28", today).unwrap_err();
        assert_eq!(e.field_name(), Some("收文日期"));
        assert!(e.to_string().contains("晚于今天"), "{e}");
        assert_eq!(parse_past("收文日期", "2026-11-27", today), Ok(today));
        assert!(parse_past("收文日期", "1949-01-01", today).is_ok());
        assert!(parse_past("收文日期", "1900-01-01", today).is_err());
        assert!(parse_past("收文日期", "9999-12-31", today).is_err());
    }

    // issue 8 point 10: a deadline lies at most ten years ahead, and may lie in the past.
    #[test]
    fn deadlines_lie_at_most_ten_years_ahead() {
        let today = ymd(2026, 11, 27);
        assert_eq!(latest_deadline(today), ymd(2036, 11, 27));
        assert!(parse_deadline("清退期限", "2036-11-27", today).is_ok());
        let e = parse_deadline("清退期限", "2036-11-28", today).unwrap_err();
        assert_eq!(e.field_name(), Some("清退期限"));
        assert!(parse_deadline("清退期限", "2011-01-31", today).is_ok());
        assert!(parse_deadline("清退期限", "1948-01-31", today).is_err());
        assert_eq!(latest_deadline(ymd(2024, 2, 29)), ymd(2034, 2, 28));
        assert_eq!(latest_deadline(ymd(2100, 6, 1)), LATEST);
        assert_eq!(parse_optional_deadline("清退期限", "", today), Ok(None));
    }
}
