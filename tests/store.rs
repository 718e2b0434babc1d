//! Store tests on temporary databases: opening, migrating, refusing what is not ours, the audit
//! chain, accounts and the lockout, and the demo data obeying every rule.

mod common;

use baomi::domain::account::{PasswordPolicy, Role};
use baomi::domain::audit::ChainBreak;
use baomi::domain::level::Level;
use baomi::store::{self, OpenMode, Stamp, Store, StoreError, accounts, audit};
use common::*;

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("baomi.db"), OpenMode::Create).unwrap();
    (dir, store)
}

#[test]
fn a_new_database_is_private_wal_and_migrated() {
    let (dir, s) = fresh();
    let conn = s.conn();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, store::migrations().len() as i64);
    assert!(dir.path().join("baomi.db").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("baomi.db"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn opening_refuses_what_is_not_ours() {
    let dir = tempfile::tempdir().unwrap();
    // A missing directory.
    let e = Store::open(&dir.path().join("nope/baomi.db"), OpenMode::Create)
        .err()
        .unwrap();
    assert!(
        matches!(e, StoreError::Open(ref m) if m.contains("目录不存在")),
        "{e}"
    );
    assert_eq!(e.exit_code(), 3);
    // A missing file when it must exist.
    let e = Store::open(&dir.path().join("none.db"), OpenMode::Existing)
        .err()
        .unwrap();
    assert!(e.to_string().contains("baomi init"), "{e}");
    // A text file.
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "这不是数据库").unwrap();
    let e = Store::open(&text, OpenMode::Existing).err().unwrap();
    assert!(e.to_string().contains("不是 baomi 数据库"), "{e}");
    // Another program's SQLite file.
    let other = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let e = Store::open(&other, OpenMode::Existing).err().unwrap();
    assert!(e.to_string().contains("不是 baomi 数据库"), "{e}");
    // A database from a newer baomi.
    let newer = dir.path().join("newer.db");
    drop(Store::open(&newer, OpenMode::Create).unwrap());
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let e = Store::open(&newer, OpenMode::Existing).err().unwrap();
    assert!(e.to_string().contains("新"), "{e}");
    // A damaged file: a real header, garbage after it.
    let damaged = dir.path().join("damaged.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xAB, 8192));
    std::fs::write(&damaged, bytes).unwrap();
    let e = Store::open(&damaged, OpenMode::Existing).err().unwrap();
    assert_eq!(e.exit_code(), 3, "{e}");
}

#[test]
fn demo_builds_and_its_audit_chain_verifies() {
    let (dir, s) = demo();
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM paper", [], |r| r.get(0))
        .unwrap();
    assert!(n > 100, "{n}");
    for state in [
        "in_stock",
        "circulating",
        "on_loan",
        "taken_out",
        "returned",
        "archived",
        "destroyed",
        "lost",
    ] {
        let c: i64 = s
            .conn()
            .query_row(
                "SELECT count(*) FROM paper WHERE state = ?1",
                [state],
                |r| r.get(0),
            )
            .unwrap();
        assert!(c > 0, "demo has papers in state {state}");
    }
    let v = audit::verify(s.conn(), &dir.path().join("baomi.db")).unwrap();
    assert!(v.is_ok(), "{v:?}");
}

// R-SYS-3: the triggers refuse UPDATE and DELETE; a hand edit is found at its row.
#[test]
fn r_sys_3_audit_log_cannot_be_edited_without_detection() {
    let (dir, s) = demo();
    let db = dir.path().join("baomi.db");
    let e = s
        .conn()
        .execute("UPDATE audit SET actor = 'x' WHERE seq = 5", []);
    assert!(e.unwrap_err().to_string().contains("R-SYS-3"));
    assert!(
        s.conn()
            .execute("DELETE FROM audit WHERE seq = 5", [])
            .is_err()
    );
    // Someone drops the trigger and edits a row.
    s.conn()
        .execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET after = '{}' WHERE seq = 7;")
        .unwrap();
    let v = audit::verify(s.conn(), &db).unwrap();
    assert!(matches!(v, Err(ChainBreak::Row { seq: 7, .. })), "{v:?}");
}

// R-SYS-3: cutting off the newest rows is seen against the head file.
#[test]
fn r_sys_3_truncation_is_seen_against_the_head_file() {
    let (dir, s) = demo();
    let db = dir.path().join("baomi.db");
    s.conn()
        .execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > (SELECT max(seq) - 3 FROM audit);")
        .unwrap();
    let v = audit::verify(s.conn(), &db).unwrap();
    assert!(matches!(v, Err(ChainBreak::Head { .. })), "{v:?}");
}

// R-SYS-3: every change writes its audit row in the same transaction; a refused change writes none.
#[test]
fn r_sys_3_every_change_is_audited_and_refusals_write_nothing() {
    let (_dir, mut s) = demo();
    let before = fingerprint(&s);
    let e = s.change(&officer(), |c| {
        store::settings::set(c, "idle_lock_minutes", "9")?;
        Ok(())
    });
    assert_eq!(
        e.unwrap_err().to_string(),
        "违反 R-SYS-2：空闲锁屏不得超过5分钟"
    );
    assert_eq!(fingerprint(&s), before);
    s.change(&officer(), |c| store::settings::set(c, "alarm_days", "10"))
        .unwrap();
    let last = audit::recent(s.conn(), 1).unwrap();
    assert_eq!(last[0].action, "设置");
    assert_eq!(last[0].actor, "liqiang");
    assert!(last[0].after.contains("10"));
}

fn officer_db() -> (tempfile::TempDir, Store) {
    let (dir, mut s) = fresh();
    let st = Stamp::new("admin", now());
    s.change(&st, |c| {
        store::settings::set(c, "unit_name", "测试局")?;
        accounts::add(
            c,
            "admin",
            "管理员",
            Role::Officer,
            "Passw0rd!x",
            PasswordPolicy::for_level(Level::Confidential),
        )?;
        accounts::add(
            c,
            "second",
            "第二保密员",
            Role::Officer,
            "Passw0rd!y",
            PasswordPolicy::for_level(Level::Confidential),
        )?;
        Ok(())
    })
    .unwrap();
    (dir, s)
}

// R-SYS-1: three wrong passwords lock; the lock holds until another officer unlocks it or it lapses.
#[test]
fn r_sys_1_lockout_and_unlock() {
    let (_dir, mut s) = officer_db();
    let t = now();
    for left in [2, 1] {
        let e = accounts::login(&mut s, "admin", "wrong", t, 30).unwrap_err();
        assert!(e.to_string().contains(&format!("再错{left}次")), "{e}");
    }
    let e = accounts::login(&mut s, "admin", "wrong", t, 30).unwrap_err();
    assert!(e.to_string().contains("已锁定"), "{e}");
    // Even the right password is refused while locked.
    let e = accounts::login(&mut s, "admin", "Passw0rd!x", t, 30).unwrap_err();
    assert!(e.to_string().contains("已锁定"), "{e}");
    // An officer cannot unlock themself.
    let e = s
        .change(&Stamp::new("admin", t), |c| accounts::unlock(c, "admin"))
        .unwrap_err();
    assert!(e.to_string().contains("R-SYS-"), "{e}");
    // Another officer can.
    s.change(&Stamp::new("second", t), |c| accounts::unlock(c, "admin"))
        .unwrap();
    assert!(accounts::login(&mut s, "admin", "Passw0rd!x", t, 30).is_ok());
    // Or the lock period passes.
    for _ in 0..3 {
        let _ = accounts::login(&mut s, "second", "nope", t, 30);
    }
    assert!(accounts::login(&mut s, "second", "Passw0rd!y", t, 30).is_err());
    let later = t + chrono::Duration::minutes(31);
    assert!(accounts::login(&mut s, "second", "Passw0rd!y", later, 30).is_ok());
    // Every attempt is in the audit log.
    let actions: Vec<String> = audit::all(s.conn())
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    for a in ["登录失败", "锁定账号", "登录被拒", "解锁账号", "登录"] {
        assert!(actions.iter().any(|x| x == a), "audit has {a}");
    }
}

#[test]
fn unknown_user_and_empty_password_are_refused() {
    let (_dir, mut s) = officer_db();
    let e = accounts::login(&mut s, "nobody", "x", now(), 30).unwrap_err();
    assert!(e.to_string().contains("不存在"), "{e}");
    let e = accounts::login(&mut s, "admin", "", now(), 30).unwrap_err();
    assert!(e.to_string().contains("口令错误"), "{e}");
}

// R-CMP-4: a weak password is refused when an account is added.
#[test]
fn r_cmp_4_weak_passwords_are_refused() {
    let (_dir, mut s) = officer_db();
    let before = fingerprint(&s);
    let e = s
        .change(&Stamp::new("admin", now()), |c| {
            accounts::add(
                c,
                "weak",
                "",
                Role::Viewer,
                "abc",
                PasswordPolicy::for_level(Level::Secret),
            )
        })
        .unwrap_err();
    assert!(e.to_string().contains("R-CMP-4"), "{e}");
    assert_eq!(fingerprint(&s), before);
}

// R-SYS-6: a viewer cannot manage accounts.
#[test]
fn r_sys_6_only_officers_manage_accounts() {
    let (_dir, mut s) = demo();
    let e = s
        .change(&viewer(), |c| {
            accounts::add(
                c,
                "x",
                "",
                Role::Viewer,
                "Chayue@2026-xx",
                PasswordPolicy::for_level(Level::TopSecret),
            )
        })
        .unwrap_err();
    assert!(e.to_string().contains("R-SYS-6"), "{e}");
}

// R-SYS-4: a backup is checked whole and restores.
#[test]
fn r_sys_4_backup_and_restore() {
    let (dir, mut s) = demo();
    let dest = dir.path().join("backup.db");
    let r = store::backup::backup(&mut s, &officer(), &dest).unwrap();
    assert!(r.papers > 100);
    assert!(store::head::path(&dest).exists());
    let target = dir.path().join("restored.db");
    let back = store::backup::restore(&target, &dest, &officer(), false, None).unwrap();
    assert_eq!(back.restored.papers, r.papers);
    let restored = Store::open(&target, OpenMode::Existing).unwrap();
    assert!(audit::verify(restored.conn(), &target).unwrap().is_ok());
    // Not over an existing file.
    assert!(store::backup::backup(&mut s, &officer(), &dest).is_err());
}

// The due engine's candidates, read through the partial indexes, are exactly the held papers the
// domain says may be due within the horizon.
#[test]
fn due_candidates_match_the_domain_filter() {
    use baomi::domain::due::PaperFacts;
    use baomi::store::papers::{self, Filter};
    use std::collections::BTreeSet;
    let (_dir, s) = demo();
    let mut all = Vec::new();
    papers::all(s.conn(), &Filter::default(), |p| {
        all.push(PaperFacts::of(&p));
        Ok(())
    })
    .unwrap();
    for within in [0, 7, 30, 400, 5000] {
        let by = today() + chrono::Duration::days(within);
        let loaded: BTreeSet<String> = store::due::paper_facts(s.conn(), by)
            .unwrap()
            .into_iter()
            .map(|p| p.no)
            .collect();
        let expected: BTreeSet<String> = all
            .iter()
            .filter(|p| p.may_be_due_by(by))
            .map(|p| p.no.clone())
            .collect();
        assert_eq!(loaded, expected, "within {within}");
    }
}

// R-PAP-25 and the state machine: the state cached on every paper is the one its events derive.
#[test]
fn cached_states_are_what_the_events_derive() {
    use baomi::domain::carrier::derive_state;
    use baomi::store::papers::{self, Filter};
    let (_dir, s) = demo();
    let mut n = 0;
    papers::all(s.conn(), &Filter::default(), |p| {
        let kinds: Vec<_> = papers::history(s.conn(), p.id)?
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(derive_state(kinds).ok(), Some(p.state), "{}", p.no);
        n += 1;
        Ok(())
    })
    .unwrap();
    assert!(n > 100);
}
