//! Shared helpers: temporary databases with demo data, stamps for each role.
#![allow(dead_code)]

use baomi::domain::dates::ymd;
use baomi::store::{self, OpenMode, Stamp, Store};
use chrono::{NaiveDate, NaiveDateTime};

pub const TODAY: (i32, u32, u32) = (2026, 11, 27);

pub fn today() -> NaiveDate {
    ymd(TODAY.0, TODAY.1, TODAY.2)
}

pub fn now() -> NaiveDateTime {
    today().and_hms_opt(9, 30, 0).unwrap()
}

/// A demo database in a temporary directory.
pub fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("baomi.db"), OpenMode::Create).unwrap();
    store::demo::build(&mut s, today(), None, 0).unwrap();
    (dir, s)
}

pub fn officer() -> Stamp {
    Stamp::new("liqiang", now())
}

pub fn officer2() -> Stamp {
    Stamp::new("zhaomin", now())
}

pub fn leader() -> Stamp {
    Stamp::new("wangjianguo", now())
}

pub fn viewer() -> Stamp {
    Stamp::new("sunli", now())
}

/// What a refused act must leave untouched: every paper row, every event, every request, every
/// audit row.
pub fn fingerprint(s: &Store) -> (String, i64, String, i64) {
    let conn = s.conn();
    let papers: String = conn
        .query_row(
            "SELECT coalesce(group_concat(id || no || state || holder || location || level || coalesce(period,'') || copies || coalesce(due_on,''), '|'), '') FROM paper",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let events: i64 = conn
        .query_row("SELECT count(*) FROM paper_event", [], |r| r.get(0))
        .unwrap();
    let requests: String = conn
        .query_row(
            "SELECT coalesce(group_concat(id || state, '|'), '') FROM request",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let audit: i64 = conn
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    (papers, events, requests, audit)
}

/// `baomi` as a script runs it against `db`: nothing from the caller's environment, the demo's
/// first officer's password, the business day of the tests.
pub fn baomi(db: &std::path::Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_baomi"));
    c.env_clear()
        .env("BAOMI_DB", db)
        .env("BAOMI_TODAY", "2026-11-27")
        .env("BAOMI_USER", "liqiang")
        .env("BAOMI_PASSWORD", "Baomi@2026-li")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    c
}
