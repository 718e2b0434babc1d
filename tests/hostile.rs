//! Hostile input from the command line (issue 8): numbers and dates out of any sane range, a pipe
//! closed early, control characters in what is typed and in what is stored, broken ledger files.
//! Every refusal is Chinese, names the field, flag or line, and writes nothing; nothing panics.

mod common;
#[path = "hostile/ledger_files.rs"]
mod ledger_files;
#[path = "hostile/terminal.rs"]
mod terminal;

use std::io::Read;
use std::process::Stdio;

use assert_cmd::Command;
use common::Db;

const TODAY: &str = "2026-11-27";

impl Db {
    /// Runs and returns (exit code, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd().args(args).output().unwrap();
        let code = out.status.code().unwrap_or(-1);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_ne!(code, 101, "{args:?} panicked: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        (
            code,
            String::from_utf8_lossy(&out.stdout).to_string(),
            stderr,
        )
    }

    /// Runs a command that must succeed and returns its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }

    /// Runs a command that must fail with `code`, its message naming `names`.
    fn refused(&self, args: &[&str], code: i32, names: &str) -> String {
        let (got, _, err) = self.run(args);
        assert_eq!(got, code, "{args:?}: {err}");
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        assert!(err.contains(names), "{args:?} should name {names}: {err}");
        err
    }

    /// What a refused command must leave untouched: the ledger and the audit log.
    fn fingerprint(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .ok(&["export", "papers", "--format", "csv"])
            .lines()
            .map(str::to_string)
            .collect();
        // A login is audited (R-SYS-3) even when the command is then refused, and so is the
        // export this fingerprint is read with (R-CMP-13).
        lines.extend(
            self.ok(&["export", "audit", "--format", "csv"])
                .lines()
                .filter(|l| !l.contains(",\"登录\",") && !l.contains(",\"导出\","))
                .map(str::to_string),
        );
        lines
    }

    /// Asserts that nothing was written since `before`, showing only what changed.
    fn unchanged(&self, before: &[String]) {
        let after = self.fingerprint();
        let added: Vec<&String> = after.iter().filter(|l| !before.contains(l)).collect();
        let gone: Vec<&String> = before.iter().filter(|l| !after.contains(l)).collect();
        assert!(
            added.is_empty() && gone.is_empty(),
            "written: {added:#?}\nremoved: {gone:#?}"
        );
    }
}

fn demo() -> Db {
    Db::demo()
}

/// `paper receive` with a title, an originator and a level, unless `extra` gives its own title.
fn receive<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["paper", "receive", "--from", "市保密局", "--level", "秘密"];
    if !extra.contains(&"--title") {
        v.extend(["--title", "测试标题"]);
    }
    v.extend_from_slice(extra);
    v
}

// issue 8 point 9: `due --within 100000000` overflowed the date arithmetic (exit 101). Every
// numeric flag is bounded before use; the message names the flag and the range.
#[test]
fn numeric_flags_are_bounded_and_never_panic() {
    let db = demo();
    let before = db.fingerprint();
    let err = db.refused(&["due", "--within", "100000000"], 2, "--within");
    assert!(err.contains("0 到 3660"), "{err}");
    db.refused(&["due", "--within=-1"], 2, "--within");
    db.refused(
        &["due", "--within", "99999999999999999999999"],
        2,
        "--within",
    );
    db.ok(&["due", "--within", "3660", "--format", "json"]);
    db.ok(&[
        "due",
        "--as-of",
        "2100-12-31",
        "--within",
        "3660",
        "--format",
        "json",
    ]);
    db.refused(&["search", "保密", "--limit", "0"], 2, "--limit");
    db.refused(
        &["search", "保密", "--limit", "18446744073709551616"],
        2,
        "--limit",
    );
    db.refused(&["paper", "list", "--limit=-1"], 2, "--limit");
    db.refused(&["paper", "list", "--year", "99999"], 2, "--year");
    db.refused(&["register", "receipts", "--year", "0"], 2, "--year");
    db.refused(&["register", "count-sheet", "--id=-5"], 2, "--id");
    db.refused(&["holiday", "list", "--year=-2147483648"], 2, "--year");
    db.refused(&["audit", "show", "--limit=-1"], 2, "--limit");
    db.refused(&["approve", "0"], 2, "申请号");
    db.refused(
        &["paper", "resolve", "9223372036854775807", "--found"],
        2,
        "差异号",
    );
    db.refused(
        &[
            "paper",
            "make",
            "--request",
            "1",
            "--copies",
            "9223372036854775807",
        ],
        2,
        "--copies",
    );
    db.refused(
        &[
            "request",
            "make",
            "--title",
            "x",
            "--level",
            "秘密",
            "--scope",
            "办公室",
            "--copies",
            "10000",
        ],
        2,
        "--copies",
    );
    db.refused(
        &[
            "request",
            "copy",
            "2026-收-0041",
            "--copies",
            "0",
            "--purpose",
            "学习",
        ],
        2,
        "--copies",
    );
    // 份数 typed as text: bounded in the domain, for the CLI, the TUI and import alike.
    db.refused(&receive(&["--copies", "9223372036854775807"]), 1, "份数");
    db.refused(&receive(&["--copies", "10000"]), 1, "份数");
    db.unchanged(&before);
    let mut c = Command::cargo_bin("baomi").unwrap();
    common::fails_with(
        c.env_clear()
            .env("BAOMI_DB", db.dir.path().join("other.db"))
            .args(["demo", "--rows", "99999999999"])
            .output(),
        2,
        "--rows",
    );
}

// issue 8 point 9: `println!` panics when the reader of a pipe has gone (`baomi … | head`). The
// commands stop quietly instead: exit 0, no panic message.
#[test]
fn a_closed_pipe_ends_quietly() {
    let db = demo();
    for args in [
        &["paper", "list"][..],
        &["paper", "list", "--format", "json"],
        &["paper", "show", "2026-收-0041"],
        &["export", "papers"],
        &["search", "保密"],
        &["due"],
        &["due", "--format", "html"],
        &["register", "receipts"],
        &["approvals"],
        &["audit", "show"],
        &["user", "list"],
    ] {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("baomi"));
        c.env_clear()
            .env("BAOMI_DB", db.path())
            .env("BAOMI_TODAY", TODAY)
            .env("BAOMI_USER", "liqiang")
            .env("BAOMI_PASSWORD", "Baomi@2026-li")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        // Close the reading end before the command writes anything: its first write fails.
        drop(child.stdout.take());
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            e.read_to_string(&mut err).unwrap();
        }
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
    }
}

// issue 8 point 10: `--date 9999-12-31` registered 9999-收-0001; 0000-01-01 and dates after today
// were accepted. What has happened is dated 1949 to today; the field is named.
#[test]
fn impossible_receipt_dates_are_refused() {
    let db = demo();
    let before = db.fingerprint();
    for bad in [
        "9999-12-31",
        "0000-01-01",
        "1948-12-31",
        "2026-11-28",
        "-2025-01-01",
    ] {
        let flag = format!("--date={bad}");
        db.refused(&receive(&[&flag]), 1, "收文日期");
    }
    db.refused(&receive(&["--return-by", "2037-01-01"]), 1, "清退期限");
    db.refused(&receive(&["--return-by", "1900-01-01"]), 1, "清退期限");
    db.refused(&receive(&["--period", "9999-12-31"]), 1, "保密期限");
    db.unchanged(&before);
    let no = db.ok(&receive(&["--date", TODAY, "--return-by", "2036-11-27"]));
    assert_eq!(no.trim(), "2026-收-0042");
    let no = db.ok(&receive(&["--date", "1949-10-01"]));
    assert_eq!(no.trim(), "1949-收-0001");
}

// issue 8 point 10: acts, signatures and stocktakes are not dated in the future; deadlines lie
// at most ten years ahead; `--today` itself lies within 1949–2100.
#[test]
fn act_dates_and_deadlines_are_bounded() {
    let db = demo();
    let before = db.fingerprint();
    db.refused(
        &[
            "paper",
            "lost",
            "2026-收-0041",
            "--note",
            "x",
            "--date",
            "2026-12-01",
        ],
        1,
        "--date",
    );
    db.refused(
        &["paper", "archive", "2026-收-0041", "--date", "9999-12-31"],
        1,
        "--date",
    );
    db.refused(&["paper", "count", "--date", "2027-01-01"], 1, "--date");
    db.refused(
        &[
            "request",
            "loan",
            "2026-收-0041",
            "--borrower",
            "张伟",
            "--return-by",
            "2036-11-28",
        ],
        1,
        "--return-by",
    );
    db.refused(
        &[
            "request",
            "take-out",
            "2026-收-0041",
            "--persons",
            "张伟",
            "--place",
            "市委",
            "--purpose",
            "汇报",
            "--return-by",
            "0000-01-01",
        ],
        1,
        "--return-by",
    );
    db.refused(
        &[
            "approve",
            "1",
            "--approver",
            "王建国",
            "--form-ref",
            "审批表01",
            "--signed-on",
            "2027-01-01",
        ],
        1,
        "--signed-on",
    );
    db.refused(
        &[
            "request",
            "extend",
            "2026-收-0041",
            "--told",
            "函",
            "--until",
            "2100-01-01",
        ],
        1,
        "--until",
    );
    db.refused(&["due", "--as-of", "9999-12-31"], 1, "--as-of");
    db.refused(&["holiday", "add", "0000-01-01", "休"], 1, "日期");
    db.unchanged(&before);
    for today in ["9999-01-01", "1900-01-01", "0000-01-01"] {
        let (code, _, err) = db.run(&["--today", today, "due"]);
        assert_eq!(code, 2, "{today}: {err}");
        assert!(err.contains("--today"), "{err}");
    }
    let id = db.ok(&[
        "request",
        "loan",
        "2026-收-0041",
        "--borrower",
        "张伟",
        "--return-by",
        "2036-11-27",
    ]);
    assert!(id.trim().parse::<i64>().is_ok(), "{id}");
    let list = db.json(&["approvals", "--format", "json"]);
    assert!(!list.as_array().unwrap().is_empty());
}
