//! Rectifications (整改): what an inspection's finding (R-INS-2) or an incident's measure (R-INC-5)
//! orders, each with a deadline and a follow-up. They live inside their inspection's or incident's
//! record (`rect{n}`, `rect{n}_by`, `rect{n}_on` …) and are named `{record number}-{n}`: the
//! finding JC2026-01-2 is the second of inspection JC2026-01.

use chrono::NaiveDate;

use crate::domain::dates;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{FieldSpec, Kind, Outcome, Record, Values};

/// The act field that says which rectification an act closes: filled from the number typed
/// (`JC2026-01-2`), or typed alone on the record's page.
pub const ITEM: FieldSpec = FieldSpec::new("item", "整改序号", Kind::Count);
/// What the follow-up check found.
pub const CHECKED: FieldSpec = FieldSpec::new("note", "复查情况", Kind::Note);
/// The deadline.
pub const FIX_BY: FieldSpec = FieldSpec::new("fix_by", "整改期限", Kind::Date)
    .ahead()
    .required();

/// One rectification of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rectification {
    /// Its own number: the record's and `-n`.
    pub no: String,
    pub n: u32,
    pub text: String,
    pub fix_by: Option<NaiveDate>,
    /// The day the follow-up found it done.
    pub fixed_on: Option<NaiveDate>,
    /// A finding that revealed a leak (R-INS-3).
    pub leak: bool,
    /// The incident it opened, when it revealed a leak.
    pub incident: String,
}

fn key(n: u32, what: &str) -> String {
    format!("rect{n}{what}")
}

/// How many rectifications `r` has.
pub fn count(r: &Record) -> u32 {
    r.get("rect_count").parse().unwrap_or(0)
}

/// The rectifications of `r`, in the order they were set.
pub fn all(r: &Record) -> Vec<Rectification> {
    (1..=count(r))
        .map(|n| Rectification {
            no: format!("{}-{n}", r.no),
            n,
            text: r.get(&key(n, "")).to_string(),
            fix_by: r.date(&key(n, "_by")),
            fixed_on: r.date(&key(n, "_on")),
            leak: r.get(&key(n, "_leak")) == "是",
            incident: r.get(&key(n, "_incident")).to_string(),
        })
        .collect()
}

/// Those not yet done.
pub fn open(r: &Record) -> Vec<Rectification> {
    all(r)
        .into_iter()
        .filter(|x| x.fixed_on.is_none())
        .collect()
}

/// The record number and the rectification's place in a rectification's number: `JC2026-01-2`
/// is (JC2026-01, 2). `None` when the number does not end in `-n`.
pub fn split(no: &str) -> Option<(&str, u32)> {
    let (base, n) = no.trim().rsplit_once('-')?;
    let n: u32 = n.parse().ok().filter(|n| (1..=999).contains(n))?;
    (!base.is_empty()).then_some((base, n))
}

/// The record a due item's subject names: a rectification's item (R-INS-2, R-INC-5) is about the
/// inspection or incident it belongs to.
pub fn record_of<'a>(rule: &str, subject: &'a str) -> &'a str {
    match (rule, split(subject)) {
        ("R-INS-2" | "R-INC-5", Some((base, _))) => base,
        _ => subject,
    }
}

/// Sets a new rectification on `r` (what `v` says, by `v`'s deadline), refused by `rule` when the
/// deadline lies before the day it is set.
pub fn add(r: &Record, v: &Values, on: NaiveDate, rule: &'static str) -> Checked<Outcome> {
    let text = v.get("text").cloned().unwrap_or_default();
    let by = v.get("fix_by").and_then(|d| dates::parse(d));
    let Some(by) = by else {
        return Err(Refusal::rule(rule, "整改须有期限（--fix-by）"));
    };
    if by < on {
        return Err(Refusal::rule(
            rule,
            format!(
                "整改期限 {} 早于提出整改的日期 {}",
                dates::iso(by),
                dates::iso(on)
            ),
        ));
    }
    if count(r) >= 999 {
        return Err(Refusal::rule(rule, "整改事项已达 999 项"));
    }
    let n = count(r) + 1;
    Ok(Outcome::default()
        .set("rect_count", n.to_string())
        .set(&key(n, ""), text)
        .set(&key(n, "_by"), dates::iso(by))
        .set(&key(n, "_set"), dates::iso(on)))
}

/// Records the follow-up that found rectification `v["item"]` of `r` done, refused by `rule`
/// when there is no such one, it is done already, or the day lies before it was set.
pub fn fix(r: &Record, v: &Values, on: NaiveDate, rule: &'static str) -> Checked<Outcome> {
    let Some(n) = v.get("item").and_then(|n| n.parse::<u32>().ok()) else {
        return Err(Refusal::rule(
            rule,
            format!("请写明整改编号，如 {}-1", r.no),
        ));
    };
    let Some(x) = all(r).into_iter().find(|x| x.n == n) else {
        return Err(Refusal::rule(
            rule,
            format!("{} 没有第 {n} 项整改（共 {} 项）", r.no, count(r)),
        ));
    };
    if let Some(done) = x.fixed_on {
        return Err(Refusal::rule(
            rule,
            format!("{} 已于 {} 整改完成", x.no, dates::iso(done)),
        ));
    }
    if let Some(set) = r.date(&key(n, "_set"))
        && on < set
    {
        return Err(Refusal::field("日期", "早于提出整改的日期"));
    }
    let note = v.get("note").cloned().unwrap_or_default();
    Ok(Outcome::default()
        .set(&key(n, "_on"), dates::iso(on))
        .set(&key(n, "_note"), note))
}

/// The keys a rectification's leak mark and the incident it opened are kept under.
pub fn leak_keys(n: u32) -> (String, String) {
    (key(n, "_leak"), key(n, "_incident"))
}
