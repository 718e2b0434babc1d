//! Every number a flag takes is bounded here, before any arithmetic sees it: a day count, a row
//! limit, a year, a record number, a count of copies. Clap calls these as value parsers; the
//! message (Chinese) says what the flag accepts, and the command exits 2.

use crate::domain::dates;
use crate::domain::rules::paper::COPIES_MAX;
use crate::domain::text::{for_terminal, to_half_width};

/// `--within`: days ahead in a due list, at most ten years (3,660 days).
pub const WITHIN_MAX: i64 = 3660;
/// `--limit` of `search`.
pub const SEARCH_LIMIT_MAX: usize = 10_000;
/// `--limit` of `paper list` (0 lists all).
pub const LIST_LIMIT_MAX: usize = 10_000_000;
/// `--rows` of `demo`: generated papers for measuring.
pub const DEMO_ROWS_MAX: usize = 5_000_000;
/// A record number (request, stocktake, discrepancy): positive, and short of any overflow.
pub const ID_MAX: i64 = 999_999_999_999;

fn integer(s: &str, lo: i128, hi: i128) -> Result<i128, String> {
    let t = to_half_width(s.trim());
    let ok = !t.is_empty()
        && t.len() <= 20
        && t.strip_prefix('-')
            .unwrap_or(&t)
            .bytes()
            .all(|b| b.is_ascii_digit())
        && t != "-";
    match t.parse::<i128>() {
        Ok(n) if ok && (lo..=hi).contains(&n) => Ok(n),
        _ => Err(format!(
            "「{}」应为 {lo} 到 {hi} 之间的整数",
            for_terminal(s)
        )),
    }
}

/// An `i64` within `LO..=HI`.
pub fn int_in<const LO: i64, const HI: i64>(s: &str) -> Result<i64, String> {
    integer(s, i128::from(LO), i128::from(HI)).map(|n| n as i64)
}

/// A `usize` within `LO..=HI`.
pub fn count_in<const LO: usize, const HI: usize>(s: &str) -> Result<usize, String> {
    integer(s, LO as i128, HI as i128).map(|n| n as usize)
}

/// `--within`: 0 to 3,660 days.
pub fn within(s: &str) -> Result<i64, String> {
    int_in::<0, WITHIN_MAX>(s)
}

/// A count of copies: 1 to 9,999.
pub fn copies(s: &str) -> Result<i64, String> {
    int_in::<1, COPIES_MAX>(s)
}

/// A record number: 1 and up.
pub fn id(s: &str) -> Result<i64, String> {
    int_in::<1, ID_MAX>(s)
}

/// A year within the bounds of every date: 1949 to 2100.
pub fn year(s: &str) -> Result<i32, String> {
    use chrono::Datelike;
    integer(
        s,
        i128::from(dates::EARLIEST.year()),
        i128::from(dates::LATEST.year()),
    )
    .map(|n| n as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    // issue 8 point 9: numbers are bounded before anything adds them to a date.
    #[test]
    fn numbers_are_bounded() {
        assert_eq!(within("30"), Ok(30));
        assert_eq!(within("３６６０"), Ok(3660));
        assert!(within("3661").is_err());
        assert!(within("100000000").is_err());
        assert!(within("-1").is_err());
        assert!(within("99999999999999999999999999").is_err());
        assert!(within("+5").is_err());
        assert!(within("").is_err());
        assert!(within("-").is_err());
        assert_eq!(copies("9999"), Ok(9999));
        assert!(copies("0").is_err());
        assert!(copies("9223372036854775807").is_err());
        assert_eq!(year("1949"), Ok(1949));
        assert!(year("2101").is_err());
        assert!(id("0").is_err());
        assert_eq!(count_in::<0, 10>("0"), Ok(0));
        assert!(count_in::<1, 10>("18446744073709551616").is_err());
        let e = within("1e9").unwrap_err();
        assert!(e.contains("0 到 3660"), "{e}");
    }
}
