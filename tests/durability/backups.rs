//! Backups and restores against writers and kills (issue 8 points 1, 4): every backup verifies on its
//! own, a restore never loses newer data nor reissues a number, a killed one leaves one whole database.

use super::*;

// Issue 8 point 4: backups while others write: each completes, verifies on its own, is owner-only
// and has its head; none leaves a stray copy.
#[test]
fn r_sys_4_backups_while_others_write() {
    let (d, db) = demo_db();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let db = db.clone();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut i = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    receive(&db, &format!("备份期间登记{w}-{i}"));
                    i += 1;
                }
                i
            })
        })
        .collect();
    for k in 0..4 {
        let dest = d.path().join(format!("备份{k}.db"));
        let out = ok(&db, &["backup", dest.to_str().unwrap()]);
        assert!(out.contains("核对一致"), "{out}");
        #[cfg(unix)]
        assert_eq!(mode(&dest), 0o600);
        assert!(head::path(&dest).exists());
        assert!(!files::sibling(&dest, ".partial").exists());
        assert!(!files::sibling(&dest, "-wal").exists());
        // The backup stands alone: it verifies with its own head.
        ok(&dest, &["audit", "verify"]);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written: i32 = writers.into_iter().map(|w| w.join().unwrap()).sum();
    assert!(written > 0);
    sound(&db);
}

// Issue 8 point 4: a backup killed half-way leaves no file under the backup's name, and a retry
// with the same name works.
#[test]
fn r_sys_4_a_killed_backup_leaves_no_backup_and_can_be_retried() {
    let (d, db) = demo_db();
    let dest = d.path().join("中断的备份.db");
    let out = baomi(&db)
        .env("BAOMI_CRASH_AT", "backup-copied")
        .args(["backup", dest.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(killed(&out));
    assert!(!dest.exists());
    assert!(!head::path(&dest).exists());
    ok(&db, &["backup", dest.to_str().unwrap()]);
    assert!(dest.exists());
    assert!(!files::sibling(&dest, ".partial").exists());
    sound(&db);
}

// Issue 8 point 1, R-PAP-4: receive 5, back up, receive 3, restore. Refused without --force,
// saying what would be lost; with --force a checked safety copy is kept first, and numbers
// already issued are never issued again.
#[test]
fn r_pap_4_restore_keeps_newer_data_safe_and_never_reissues_numbers() {
    let (d, db) = demo_db();
    for i in 0..5 {
        receive(&db, &format!("恢复测试先{i}"));
    }
    let dest = d.path().join("旧备份.db");
    ok(&db, &["backup", dest.to_str().unwrap()]);
    let mut later = Vec::new();
    for i in 0..3 {
        later.push(receive(&db, &format!("恢复测试后{i}")));
    }
    let before = papers(&db);
    let out = run(&db, &["restore", dest.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("比当前数据库旧") && err.contains("--force"),
        "{err}"
    );
    assert!(
        err.contains("的 3 条改动") && err.contains("-"),
        "says which days: {err}"
    );
    assert_eq!(papers(&db), before, "a refused restore changes nothing");

    let out = ok(&db, &["restore", dest.to_str().unwrap(), "--force"]);
    assert!(out.contains("另存为"), "{out}");
    assert_eq!(papers(&db), before - 3);
    sound(&db);
    // The safety copy: named, owner-only, whole, and it has the 3 later papers.
    let safety: PathBuf = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.to_string_lossy().contains("恢复前") && p.extension().is_some_and(|e| e == "db")
        })
        .expect("a safety copy");
    #[cfg(unix)]
    assert_eq!(mode(&safety), 0o600);
    ok(&safety, &["audit", "verify"]);
    assert_eq!(papers(&safety), before);
    // The next number comes after every number ever issued.
    let next = receive(&db, "恢复之后");
    assert!(!later.contains(&next), "{next} was issued again");
    assert!(next > later[2], "{next} after {}", later[2]);
    sound(&db);
    // A newer backup, or the same state, restores without --force.
    let same = d.path().join("新备份.db");
    ok(&db, &["backup", same.to_str().unwrap()]);
    ok(&db, &["restore", same.to_str().unwrap()]);
    sound(&db);
}

// Issue 8 points 1 and 16: a restore killed at each instant leaves the old database or the new
// one, whole and without alarm.
#[test]
fn a_killed_restore_leaves_one_whole_database() {
    for point in ["restore-staged", "restore-copied"] {
        let (d, db) = demo_db();
        let dest = d.path().join("备份.db");
        ok(&db, &["backup", dest.to_str().unwrap()]);
        receive(&db, "恢复前最后一件");
        let before = papers(&db);
        let out = baomi(&db)
            .env("BAOMI_CRASH_AT", point)
            .args(["restore", dest.to_str().unwrap(), "--force"])
            .output()
            .unwrap();
        assert!(killed(&out), "{point}");
        let now = papers(&db);
        assert!(now == before || now == before - 1, "{point}: {now}");
        sound(&db);
        receive(&db, "恢复中断之后");
        sound(&db);
    }
}
