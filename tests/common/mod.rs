//! Shared helpers: temporary databases with demo data, stamps for each role.
#![allow(dead_code)]

use baomi::domain::dates::ymd;
use baomi::store::{self, OpenMode, Stamp, Store};
use chrono::{NaiveDate, NaiveDateTime};

mod paper;
#[allow(unused_imports)] // not every test binary acts on papers
pub use paper::*;

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

/// Receives a paper from 市委办公室 on 2 November with `scope`, into the demo's cabinet for its
/// level (R-PAP-10: 绝密 apart from the rest); returns its number.
pub fn receive_scoped(s: &mut Store, title: &str, level: &str, scope: &str) -> String {
    let f = baomi::domain::paper::ReceiveForm {
        title: title.into(),
        originator: "市委办公室".into(),
        doc_no: "江委办〔2026〕88号".into(),
        level: level.into(),
        scope: scope.into(),
        date: "2026-11-02".into(),
        location: if level == "绝密" {
            "绝密柜"
        } else {
            "1号保密柜"
        }
        .into(),
        ..Default::default()
    };
    let r = f.parse(today()).unwrap();
    s.change(&officer(), |c| {
        store::papers::receive(c, &r, "{年}-收-{序号:04}")
    })
    .unwrap()
    .no
}

/// Asserts that `r` is a refusal naming `rule` and that nothing at all was written (`before` is the
/// fingerprint taken before the act); returns the message. The result comes first, so the act may
/// borrow the store mutably in the same call.
pub fn refused_by<T: std::fmt::Debug>(
    r: Result<T, store::StoreError>,
    s: &Store,
    before: &(String, i64, String, i64),
    rule: &str,
) -> String {
    let msg = match r {
        Err(store::StoreError::Refused(x)) => {
            assert_eq!(x.rule_id(), Some(rule), "{x}");
            x.to_string()
        }
        other => panic!("expected a refusal by {rule}, got {other:?}"),
    };
    assert_eq!(
        &fingerprint(s),
        before,
        "nothing is written when {rule} refuses"
    );
    msg
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

/// The standard output of a run that must have succeeded; its standard error shown when it did not.
pub fn succeeded(what: impl std::fmt::Debug, out: std::io::Result<std::process::Output>) -> String {
    let out = out.unwrap();
    assert!(
        out.status.success(),
        "{what:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts that a run failed with exit `code`, its message saying `words`; returns the message.
pub fn fails_with(out: std::io::Result<std::process::Output>, code: i32, words: &str) -> String {
    let out = out.unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.contains(words), "should say {words}: {err}");
    err
}

/// A database in a temporary directory, and `baomi` run against it as a script runs it (the CLI
/// tests). Each test file adds the helpers of its own with an `impl Db` block.
pub struct Db {
    pub dir: tempfile::TempDir,
}

impl Db {
    /// `baomi demo --papers-only`, made by the program itself: the office's papers, no records
    /// (the records' tests register their own; `demo_full` has the demo's).
    pub fn demo() -> Db {
        Db::made(&["demo", "--papers-only"])
    }

    /// Plain `baomi demo`: papers, media, computers, devices, rooms and people.
    pub fn demo_full() -> Db {
        Db::made(&["demo"])
    }

    fn made(args: &[&str]) -> Db {
        let db = Db {
            dir: tempfile::tempdir().unwrap(),
        };
        let mut c = assert_cmd::Command::cargo_bin("baomi").unwrap();
        c.env_clear()
            .env("BAOMI_DB", db.path())
            .env("BAOMI_TODAY", "2026-11-27")
            .args(args)
            .assert()
            .success();
        db
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("baomi.db")
    }

    /// `baomi` against this database, as the demo's first officer. Every command, reads too, needs
    /// a login (issue 8 point 15): these pass a password each time; tests/session.rs logs in.
    /// Session files, if any, stay in the test's own runtime directory.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("baomi").unwrap();
        c.env_clear()
            .env("XDG_RUNTIME_DIR", self.dir.path())
            .env("BAOMI_DB", self.path())
            .env("BAOMI_TODAY", "2026-11-27")
            .env("BAOMI_USER", "liqiang")
            .env("BAOMI_PASSWORD", "Baomi@2026-li");
        c
    }

    /// Runs a command that must succeed and returns its standard output.
    pub fn stdout(&self, args: &[&str]) -> String {
        succeeded(args, self.cmd().args(args).output())
    }

    /// Runs and returns (exit code, stderr).
    pub fn fails(&self, args: &[&str]) -> (i32, String) {
        let out = self.cmd().args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    }

    /// One number the database holds: `SELECT count(*) …`.
    pub fn count(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.path()).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// What a refused command must leave as it was: every record, record event, paper event,
    /// request and audit row (but the login each command of a script makes).
    pub fn written(&self) -> [i64; 5] {
        [
            "record",
            "record_event",
            "paper_event",
            "request",
            "audit WHERE action <> '登录'",
        ]
        .map(|t| self.count(&format!("SELECT count(*) FROM {t}")))
    }

    /// Runs a command that must be refused (exit 1) naming `what`, a rule ID or a field, with
    /// nothing written; returns the message.
    pub fn refuses(&self, args: &[&str], what: &str) -> String {
        let before = self.written();
        let (code, err) = self.fails(args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains(what), "{args:?}: {err}");
        assert_eq!(self.written(), before, "{args:?} wrote something");
        err
    }

    /// Registers a U盘 numbered `no`, kept by 李强 of 办公室, with `extra` flags; its number.
    pub fn add_usb(&self, no: &str, level: &str, serial: &str, extra: &[&str]) -> String {
        let mut args = vec![
            "medium",
            "add",
            "--kind",
            "U盘",
            "--level",
            level,
            "--serial",
            serial,
            "--no",
            no,
            "--keeper",
            "李强",
            "--dept",
            "办公室",
        ];
        args.extend_from_slice(extra);
        self.stdout(&args)
    }

    /// Runs a command that must succeed and reads its output as JSON.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.stdout(args)).unwrap()
    }

    /// `stdout` of a command written as one line (no argument has a space).
    pub fn line(&self, line: &str) -> String {
        self.stdout(&words(line))
    }

    /// `json` of a command written as one line.
    pub fn line_json(&self, line: &str) -> serde_json::Value {
        self.json(&words(line))
    }

    /// `refuses` of a command written as one line.
    pub fn refuses_line(&self, line: &str, what: &str) -> String {
        self.refuses(&words(line), what)
    }

    /// The due list's items counted in hours (with `due_at`: a loss's or an incident's 24
    /// hours), as (kind, subject).
    pub fn timed(&self) -> Vec<(String, String)> {
        let due = self.line_json("due --format json");
        let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
        due.as_array()
            .unwrap()
            .iter()
            .filter(|i| !i["due_at"].is_null())
            .map(|i| (text(&i["kind"]), text(&i["subject"])))
            .collect()
    }

    pub fn as_user(&self, user: &str, password: &str) -> assert_cmd::Command {
        let mut c = self.cmd();
        c.env("BAOMI_USER", user).env("BAOMI_PASSWORD", password);
        c
    }
}

/// The arguments of a command written as one line.
fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}
