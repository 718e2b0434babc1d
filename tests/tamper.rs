//! R-SYS-3 as an attacker tries it (issue 8 points 6–8): rows edited, inserted and cut off behind
//! baomi's back, the head deleted, and the writes that follow. A break once found stays found until
//! an officer accepts it with a reason; no false alarm after a crash.

mod common;

use baomi::domain::audit::ChainBreak;
use baomi::store::{self, OpenMode, Store, accounts, audit, head};
use common::*;

fn verify(s: &Store) -> Result<(), String> {
    audit::verify(s.conn(), s.path())
        .unwrap()
        .map(|_| ())
        .map_err(|b| b.reason())
}

fn sql(s: &Store, sql: &str) {
    s.conn().execute_batch(sql).unwrap();
}

/// A write anyone can cause: a failed login of an unknown user is audited.
fn any_write(s: &mut Store) {
    let _ = accounts::login(s, "nobody", "x", now(), 30);
}

// R-SYS-3, issue 8 point 8: editing a paper's cached state is found, though no event says so.
#[test]
fn r_sys_3_an_edited_ledger_row_is_found() {
    let (_d, s) = demo();
    assert_eq!(verify(&s), Ok(()));
    sql(
        &s,
        "UPDATE paper SET state = 'destroyed', holder = '' WHERE id = 5",
    );
    let e = verify(&s).unwrap_err();
    assert!(e.contains("状态") && e.contains("台帐被直接改动"), "{e}");
}

// R-SYS-3: a title (a covered registration fact) edited behind baomi's back.
#[test]
fn r_sys_3_an_edited_title_is_found() {
    let (_d, s) = demo();
    sql(&s, "UPDATE paper SET title = '改过的标题' WHERE id = 7");
    let e = verify(&s).unwrap_err();
    assert!(e.contains("密件台帐第 7 行"), "{e}");
}

// R-SYS-3: an approval forged by editing the request row.
#[test]
fn r_sys_3_a_forged_approval_is_found() {
    let (_d, s) = demo();
    let id: i64 = s
        .conn()
        .query_row(
            "SELECT id FROM request WHERE state = 'pending' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    sql(
        &s,
        &format!("UPDATE request SET state = 'approved', approver = '王建国' WHERE id = {id}"),
    );
    let e = verify(&s).unwrap_err();
    assert!(e.contains(&format!("审批申请第 {id} 行已被改动")), "{e}");
}

// R-SYS-3: a row inserted directly is in no audit row; an event deleted is missed.
#[test]
fn r_sys_3_rows_inserted_or_deleted_directly_are_found() {
    let (_d, s) = demo();
    sql(
        &s,
        "INSERT INTO setting (key, value) VALUES ('lock_minutes', '999')
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    assert!(verify(&s).unwrap_err().contains("单位设置"));
    let (_d, s) = demo();
    sql(
        &s,
        "DROP TRIGGER paper_event_no_delete; DELETE FROM paper_event WHERE id = 3;
         CREATE TRIGGER paper_event_no_delete BEFORE DELETE ON paper_event
         BEGIN SELECT RAISE(ABORT, 'x'); END;",
    );
    let e = verify(&s).unwrap_err();
    assert!(e.contains("密件办理记录"), "{e}");
}

// R-SYS-3, issue 8 point 7: cutting off the newest audit rows is found, and no later write —
// not even a failed login of an unknown user — heals it.
#[test]
fn r_sys_3_a_cut_log_stays_found_after_writes() {
    let (_d, mut s) = demo();
    let before = audit::head(s.conn()).unwrap();
    sql(
        &s,
        "DROP TRIGGER audit_no_delete;
         DELETE FROM audit WHERE seq > (SELECT max(seq) - 3 FROM audit);
         CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
         BEGIN SELECT RAISE(ABORT, '审计记录不可删除（R-SYS-3）'); END;",
    );
    let first = verify(&s).unwrap_err();
    assert!(first.contains("截断") || first.contains("不符"), "{first}");
    for _ in 0..4 {
        any_write(&mut s);
        assert!(verify(&s).is_err(), "a write healed the tamper");
    }
    // The head still says what it said before the cut.
    match head::read(s.path()) {
        head::Read::Present(h) => assert_eq!(h.settled, before),
        other => panic!("{other:?}"),
    }
    // The log keeps growing and chaining: the office goes on working.
    assert!(audit::head(s.conn()).unwrap().count > before.count - 3);
    assert!(!s.take_warnings().is_empty(), "each write warns");
}

// R-SYS-3, issue 8 point 7: a deleted head is not recreated by the next write.
#[test]
fn r_sys_3_a_lost_head_is_not_recreated() {
    let (_d, mut s) = demo();
    std::fs::remove_file(head::path(s.path())).unwrap();
    assert!(verify(&s).unwrap_err().contains("缺失"));
    any_write(&mut s);
    assert!(!head::path(s.path()).exists());
    assert!(verify(&s).unwrap_err().contains("缺失"));
    assert!(s.head_alarm().unwrap().is_some());
}

// R-SYS-3, issue 8 point 7: every command shows the alarm until an officer accepts it with a
// reason; the acceptance is audited with the old head as evidence, and verify passes again.
#[test]
fn r_sys_3_alarm_on_every_command_until_accepted() {
    let (d, s) = demo();
    let db = s.path().to_path_buf();
    drop(s);
    std::fs::remove_file(head::path(&db)).unwrap();
    for args in [vec!["search", "保密"], vec!["due"], vec!["paper", "list"]] {
        let out = baomi(&db).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("审计头文件缺失") && err.contains("R-SYS-3"),
            "{args:?}: {err}"
        );
    }
    let out = baomi(&db).args(["audit", "verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    // A viewer cannot accept; a reason is required.
    let out = baomi(&db)
        .env("BAOMI_USER", "sunli")
        .env("BAOMI_PASSWORD", "Chayue@2026-sun")
        .args(["audit", "accept", "--reason", "头文件被误删，已查明"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    common::succeeded(
        "audit accept",
        baomi(&db)
            .args(["audit", "accept", "--reason", "头文件被误删，已查明"])
            .output(),
    );
    common::succeeded(
        "audit verify",
        baomi(&db).args(["audit", "verify"]).output(),
    );
    let s = Store::open(&db, OpenMode::Existing).unwrap();
    let row: (String, String) = s
        .conn()
        .query_row(
            "SELECT before, after FROM audit WHERE action = '确认审计异常'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(
        row.0.contains("missing") && row.0.contains("缺失"),
        "{}",
        row.0
    );
    assert!(row.1.contains("头文件被误删"), "{}", row.1);
    drop(d);
}

// Issue 8 point 8: an act done under --today keeps the real time in the audit row and says which
// business day it was dated.
#[test]
fn audit_rows_keep_the_real_clock_under_today() {
    let (_d, mut s) = demo();
    let real = chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
        .unwrap()
        .and_hms_opt(8, 15, 0)
        .unwrap();
    let st = store::Stamp::on("liqiang", today(), real);
    s.change(&st, |c| {
        c.audit("测试", "x", None, None);
        Ok(())
    })
    .unwrap();
    let (at, day): (String, String) = s
        .conn()
        .query_row(
            "SELECT at, business_date FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(at, "2026-12-03T08:15:00");
    assert_eq!(day, "2026-11-27");
    assert_eq!(verify(&s), Ok(()));
    // A changed business day is part of the hash.
    sql(
        &s,
        "DROP TRIGGER audit_no_update; UPDATE audit SET business_date = '2026-11-20'
         WHERE seq = (SELECT max(seq) FROM audit);",
    );
    assert!(verify(&s).is_err());
}

#[test]
fn a_whole_chain_recomputed_is_found_against_the_head() {
    let (_d, s) = demo();
    // Rewriting every row consistently (an attacker with the algorithm) still leaves the head.
    let rows: Vec<(i64, String)> = {
        let mut stmt = s
            .conn()
            .prepare("SELECT seq, hash FROM audit ORDER BY seq")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert!(rows.len() > 10);
    sql(
        &s,
        "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit);
         CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
         BEGIN SELECT RAISE(ABORT, 'x'); END;",
    );
    assert!(matches!(
        audit::verify(s.conn(), s.path()).unwrap(),
        Err(ChainBreak::Head { .. })
    ));
}
