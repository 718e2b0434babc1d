//! Crashes, parallel writers, backups and restores, done to real `baomi` processes the way an
//! officer's machine does them to it (issue 8 points 1–4, 6, 16). After every kill: SQLite's
//! integrity check passes, `audit verify` passes (no false alarm), an import is all there or not at
//! all, and no receipt number was issued twice.

#[path = "durability/backups.rs"]
mod backups;
mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Output};
use std::time::{Duration, Instant};

use baomi::store::{OpenMode, Store, audit, files, head};

use common::baomi;

fn run(db: &Path, args: &[&str]) -> Output {
    baomi(db).args(args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn receive_args(title: &str) -> Vec<String> {
    [
        "paper",
        "receive",
        "--title",
        title,
        "--from",
        "市保密局",
        "--level",
        "秘密",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The receipt number a receive printed.
fn issued(stdout: &str) -> Option<String> {
    let i = stdout.find("2026-收-")?;
    Some(
        stdout[i..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect(),
    )
}

fn receive(db: &Path, title: &str) -> String {
    let args = receive_args(title);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    issued(&ok(db, &args)).expect("a number")
}

/// A demo database in its own directory.
fn demo_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, s) = common::demo();
    let db = s.path().to_path_buf();
    drop(s);
    (dir, db)
}

fn papers(db: &Path) -> i64 {
    let s = Store::open(db, OpenMode::Existing).unwrap();
    s.conn()
        .query_row("SELECT count(*) FROM paper", [], |r| r.get(0))
        .unwrap()
}

/// Everything that must hold after any crash.
fn sound(db: &Path) {
    let s = Store::open(db, OpenMode::Existing).unwrap();
    let ok: String = s
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    if let Err(b) = audit::verify(s.conn(), s.path()).unwrap() {
        panic!("false alarm after a crash: {}", b.reason());
    }
    let dup: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM (SELECT no FROM paper GROUP BY no HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dup, 0, "a number was issued twice");
}

#[cfg(unix)]
fn killed(out: &Output) -> bool {
    use std::os::unix::process::ExitStatusExt;
    out.status.signal() == Some(9)
}
#[cfg(not(unix))]
fn killed(out: &Output) -> bool {
    !out.status.success()
}

// Issue 8 point 6: a crash at each instant of a change — rows written, head announced, committed
// but not settled — gives no false alarm, and the paper is saved exactly when the commit happened.
#[test]
fn r_sys_3_a_crash_at_every_instant_of_a_change_raises_no_false_alarm() {
    let (_d, db) = demo_db();
    for (point, saved) in [
        ("before-head", false),
        ("before-commit", false),
        ("after-commit", true),
    ] {
        let before = papers(&db);
        let args = receive_args(&format!("崩溃测试{point}"));
        // The login is the command's first change, the receive its second.
        let out = baomi(&db)
            .env("BAOMI_CRASH_AT", format!("{point}@2"))
            .args(&args)
            .output()
            .unwrap();
        assert!(killed(&out), "{point}: {:?}", out.status);
        assert_eq!(papers(&db), before + i64::from(saved), "{point}");
        sound(&db);
        // The office goes on: the next write works and chains on.
        receive(&db, "崩溃之后");
        sound(&db);
    }
}

// Issue 8 point 2: once the transaction commits, the command succeeds with the number issued;
// a head that cannot be settled afterwards (a full disk) is a warning, not a failure.
#[test]
fn a_failure_after_the_commit_is_a_warning_not_a_lie() {
    let (_d, db) = demo_db();
    let args = receive_args("磁盘满时登记");
    let out = baomi(&db)
        .env("BAOMI_CRASH_AT", "settle-fails@2")
        .args(&args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(issued(&String::from_utf8_lossy(&out.stdout)).is_some());
    assert!(
        err.contains("改动已保存") && err.contains("磁盘已满"),
        "{err}"
    );
    sound(&db);
}

// Issue 8 points 3 and 16: several writers and a reader at once, with a connection held open as
// the TUI holds one: every reported success is in the ledger with its own number, nothing is
// refused as "locked", and the log and head verify.
#[test]
fn parallel_writers_all_succeed_and_every_success_is_saved() {
    let (_d, db) = demo_db();
    let tui = Store::open(&db, OpenMode::Existing).unwrap();
    let writers = 3;
    let each = 12;
    let started = Instant::now();
    let handles: Vec<_> = (0..writers)
        .map(|w| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut results = Vec::new();
                for i in 0..each {
                    let args = receive_args(&format!("并发登记{w}-{i}"));
                    results.push(baomi(&db).args(&args).output().unwrap());
                }
                results
            })
        })
        .collect();
    let reader = {
        let db = db.clone();
        std::thread::spawn(move || {
            let mut n = 0;
            while n < 20 {
                let out = run(&db, &["search", "并发登记"]);
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                n += 1;
            }
        })
    };
    let mut numbers = BTreeSet::new();
    for h in handles {
        for out in h.join().unwrap() {
            let err = String::from_utf8_lossy(&out.stderr).to_string();
            assert!(out.status.success(), "a writer failed: {err}");
            assert!(!err.contains("locked") && !err.contains("锁"), "{err}");
            let no = issued(&String::from_utf8_lossy(&out.stdout)).unwrap();
            assert!(numbers.insert(no.clone()), "{no} issued twice");
        }
    }
    reader.join().unwrap();
    assert_eq!(numbers.len(), writers * each);
    for no in &numbers {
        let n: i64 = tui
            .conn()
            .query_row("SELECT count(*) FROM paper WHERE no = ?1", [no], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 1, "{no} reported but not saved");
    }
    drop(tui);
    sound(&db);
    eprintln!(
        "{writers} writers × {each} receives and 20 searches in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

fn ledger_csv(dir: &Path, name: &str, rows: usize) -> PathBuf {
    let mut text = String::from("标题,来文单位,密级,收文日期\n");
    for i in 0..rows {
        text.push_str(&format!(
            "{name}第{i}件,市委办公室,秘密,2026-11-{:02}\n",
            1 + i % 20
        ));
    }
    let p = dir.join(format!("{name}.csv"));
    std::fs::write(&p, text).unwrap();
    p
}

// Issue 8 point 3: two imports at once — the second waits, then runs; nothing lost.
#[test]
fn two_imports_at_once_both_land() {
    let (d, db) = demo_db();
    let before = papers(&db);
    let a = ledger_csv(d.path(), "甲", 300);
    let b = ledger_csv(d.path(), "乙", 300);
    let ca = baomi(&db)
        .args(["import", "papers", a.to_str().unwrap()])
        .spawn()
        .unwrap();
    let cb = baomi(&db)
        .args(["import", "papers", b.to_str().unwrap()])
        .spawn()
        .unwrap();
    for c in [ca, cb] {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(papers(&db), before + 600);
    sound(&db);
}

// Issue 8 point 3: two processes creating and migrating one new database at the same moment.
#[test]
fn two_processes_set_up_one_new_database() {
    for round in 0..3 {
        let d = tempfile::tempdir().unwrap();
        let db = d.path().join(format!("new{round}.db"));
        let spawn = || {
            baomi(&db)
                .env("BAOMI_PASSWORD", "Xin-kou-ling@2026")
                .args([
                    "init",
                    "--unit",
                    "某某局",
                    "--officer",
                    "liqiang",
                    "--level",
                    "机密",
                ])
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let outs: Vec<Output> = [a, b]
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let codes: Vec<i32> = outs.iter().map(|o| o.status.code().unwrap_or(-1)).collect();
        assert!(codes.contains(&0), "{codes:?}");
        for o in &outs {
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(o.status.code() != Some(3), "{err}");
            if o.status.code() == Some(1) {
                assert!(err.contains("已经初始化过"), "{err}");
            }
        }
        sound(&db);
    }
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// A fixed-seed generator: the same kills every run.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn kill_after(mut child: Child, ms: u64) -> Output {
    std::thread::sleep(Duration::from_millis(ms));
    let _ = child.kill();
    child.wait_with_output().unwrap()
}

// Issue 8 point 16: SIGKILL at many points of receive, import, backup and restore. The number of
// kills grows with BAOMI_KILLS (default 24).
#[test]
fn kill_minus_nine_anywhere_loses_nothing_committed() {
    let kills: u64 = std::env::var("BAOMI_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    let (d, db) = demo_db();
    let csv = ledger_csv(d.path(), "导入", 400);
    let backup = d.path().join("基线备份.db");
    ok(&db, &["backup", backup.to_str().unwrap()]);
    // How long each command takes here (debug or release): kills land across the whole of it.
    let timed = |args: &[&str]| {
        let t = Instant::now();
        ok(&db, args);
        (t.elapsed().as_millis() as u64).max(5)
    };
    let spans = [
        timed(&[
            "paper",
            "receive",
            "--title",
            "计时",
            "--from",
            "市保密局",
            "--level",
            "秘密",
        ]),
        timed(&[
            "import",
            "papers",
            ledger_csv(d.path(), "计时", 400).to_str().unwrap(),
        ]),
        timed(&["backup", d.path().join("计时备份.db").to_str().unwrap()]),
        timed(&["restore", backup.to_str().unwrap(), "--force"]),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut landed = 0;
    for k in 0..kills {
        let before = papers(&db);
        let ms = rng.below(spans[(k % 4) as usize] * 11 / 10);
        let (what, child) = match k % 4 {
            0 => (
                "receive",
                baomi(&db).args(receive_args("被杀的登记")).spawn().unwrap(),
            ),
            1 => (
                "import",
                baomi(&db)
                    .args(["import", "papers", csv.to_str().unwrap()])
                    .spawn()
                    .unwrap(),
            ),
            2 => {
                let dest = d.path().join(format!("被杀的备份{k}.db"));
                (
                    "backup",
                    baomi(&db)
                        .args(["backup", dest.to_str().unwrap()])
                        .spawn()
                        .unwrap(),
                )
            }
            _ => (
                "restore",
                baomi(&db)
                    .args(["restore", backup.to_str().unwrap(), "--force"])
                    .spawn()
                    .unwrap(),
            ),
        };
        let out = kill_after(child, ms);
        if out.status.success() {
            landed += 1;
        }
        let after = papers(&db);
        match what {
            "receive" => assert!(after == before || after == before + 1),
            "import" => assert!(after == before || after == before + 400, "half an import"),
            "backup" => assert_eq!(after, before),
            _ => {}
        }
        sound(&db);
        if what == "backup" {
            let dest = d.path().join(format!("被杀的备份{k}.db"));
            if dest.exists() {
                ok(&dest, &["audit", "verify"]);
            }
        }
    }
    eprintln!(
        "{kills} kills ({landed} finished before the kill; commands took {spans:?} ms), all sound"
    );
}

// Issue 8 point 14, R-CMP-13: printouts written by baomi are owner-only, never overwrite a file
// unasked, and each is in the audit log with what it held, its marking, pages and destination.
#[test]
fn r_cmp_13_outputs_are_private_recorded_and_never_clobbered() {
    let (d, db) = demo_db();
    let font = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/BaomiTestSansSC.otf"
    );
    ok(&db, &["settings", "set", "font_path", font]);
    let csv = d.path().join("到期.csv");
    let pdf = d.path().join("销毁清单.pdf");
    ok(
        &db,
        &["due", "--format", "csv", "--out", csv.to_str().unwrap()],
    );
    ok(
        &db,
        &[
            "register",
            "destruction",
            "--format",
            "pdf",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    for f in [&csv, &pdf] {
        assert!(f.exists());
        #[cfg(unix)]
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
    std::fs::write(&csv, "老文件").unwrap();
    let out = run(
        &db,
        &["due", "--format", "csv", "--out", csv.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "老文件");
    ok(
        &db,
        &[
            "due",
            "--format",
            "csv",
            "--out",
            csv.to_str().unwrap(),
            "--force",
        ],
    );
    assert_ne!(std::fs::read_to_string(&csv).unwrap(), "老文件");
    ok(&db, &["export", "papers"]);
    let s = Store::open(&db, OpenMode::Existing).unwrap();
    let rows: Vec<(String, String, String)> = {
        let mut stmt = s
            .conn()
            .prepare("SELECT action, subject, after FROM audit WHERE action IN ('输出', '打印', '导出') ORDER BY seq")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(
        rows[1].2.contains("\"pages\":") && rows[1].2.contains("\"marking\":"),
        "{:?}",
        rows[1]
    );
    assert!(rows[1].2.contains("销毁清单.pdf"), "{:?}", rows[1]);
    assert_eq!(rows[3].0, "导出");
}
