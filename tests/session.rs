//! Issue 8 point 15: every command, reads too, needs a login; `baomi login` opens a session for this
//! OS user and this database that ends after the idle limit (R-SYS-2), at `baomi logout`, or when
//! the account is disabled or locked (R-SYS-1). And R-SYS-6: an approval is a second, older hand.

mod common;
#[path = "session/second_hand.rs"]
mod second_hand;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-11-27";

/// A demo database and a runtime directory of its own (the OS user's `$XDG_RUNTIME_DIR`).
struct Db {
    dir: tempfile::TempDir,
    name: &'static str,
}

impl Db {
    fn new() -> Db {
        Db::named(tempfile::tempdir().unwrap(), "baomi.db")
    }

    fn named(dir: tempfile::TempDir, name: &'static str) -> Db {
        let db = Db { dir, name };
        db.bare().arg("demo").assert().success();
        db
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join(self.name)
    }

    fn runtime(&self) -> PathBuf {
        self.dir.path().join("run")
    }

    fn sessions(&self) -> PathBuf {
        self.runtime().join("baomi")
    }

    /// `baomi` with no user and no password: only a session can let it in.
    fn bare(&self) -> Command {
        let mut c = Command::cargo_bin("baomi").unwrap();
        std::fs::create_dir_all(self.runtime()).unwrap();
        c.env_clear()
            .env("XDG_RUNTIME_DIR", self.runtime())
            .env("BAOMI_DB", self.path())
            .env("BAOMI_TODAY", TODAY);
        c
    }

    fn with_password(&self, user: &str, password: &str) -> Command {
        let mut c = self.bare();
        c.env("BAOMI_USER", user).env("BAOMI_PASSWORD", password);
        c
    }

    fn login(&self, user: &str, password: &str) -> String {
        common::succeeded(
            "login",
            self.with_password(user, password).arg("login").output(),
        )
    }

    /// Runs with whatever session there is: (exit code, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.bare().args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }

    /// The one session file in the runtime directory.
    fn session_file(&self) -> PathBuf {
        let files: Vec<PathBuf> = std::fs::read_dir(self.sessions())
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        assert_eq!(files.len(), 1, "{files:?}");
        files.into_iter().next().unwrap()
    }

    fn has_session_file(&self) -> bool {
        std::fs::read_dir(self.sessions()).is_ok_and(|mut d| d.next().is_some())
    }

    fn query(&self, sql: &str) -> String {
        let c = rusqlite::Connection::open_with_flags(
            self.path(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        c.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| match v {
                rusqlite::types::Value::Integer(n) => n.to_string(),
                rusqlite::types::Value::Text(s) => s,
                rusqlite::types::Value::Null => "NULL".into(),
                other => format!("{other:?}"),
            })
            .unwrap()
    }
}

fn set_last_used(file: &Path, seconds_ago: i64) {
    let text = std::fs::read_to_string(file).unwrap();
    let used: i64 = text
        .lines()
        .find_map(|l| l.strip_prefix("used="))
        .unwrap()
        .parse()
        .unwrap();
    let text = text.replace(
        &format!("used={used}"),
        &format!("used={}", used - seconds_ago),
    );
    std::fs::write(file, text).unwrap();
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

// R-SYS-1: log in once, read without a password, log out, and the door is shut again.
#[test]
fn r_sys_1_login_then_read_without_a_password_then_logout() {
    let db = Db::new();
    let said = db.login("liqiang", "Baomi@2026-li");
    assert!(
        said.contains("已登录为 李强") && said.contains("5 分钟无操作后结束"),
        "{said}"
    );
    let file = db.session_file();
    #[cfg(unix)]
    {
        assert_eq!(mode(&file), 0o600, "the session file is the user's alone");
        assert_eq!(mode(&db.sessions()), 0o700);
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("account=liqiang"), "{text}");
    let secret = text
        .lines()
        .find_map(|l| l.strip_prefix("secret="))
        .unwrap();
    // The database keeps a digest, never the secret.
    assert_eq!(
        db.query("SELECT count(*) FROM session WHERE closed_at IS NULL"),
        "1"
    );
    assert_eq!(
        db.query(&format!(
            "SELECT count(*) FROM session WHERE token_hash = '{secret}'"
        )),
        "0"
    );
    let found = db.ok(&["search", "保密", "--format", "json"]);
    assert!(found.contains("\"subject\""), "{found}");
    let page = db.ok(&["paper", "show", "2026-收-0041", "--format", "json"]);
    assert!(page.contains("2026-收-0041"));
    // Writes too, stamped with the session's account.
    db.ok(&["settings", "set", "alarm_days", "5"]);
    assert_eq!(
        db.query("SELECT actor FROM audit ORDER BY seq DESC LIMIT 1"),
        "liqiang"
    );
    let out = db.ok(&["logout"]);
    assert!(out.contains("已退出登录"), "{out}");
    assert!(!file.exists());
    assert_eq!(db.query("SELECT closed_why FROM session"), "退出登录");
    let (code, _, err) = db.run(&["search", "保密"]);
    assert_eq!(code, 1);
    assert!(err.contains("baomi login"), "{err}");
    assert!(
        db.query(
            "SELECT group_concat(action) FROM audit WHERE seq > (SELECT max(seq) - 5 FROM audit)"
        )
        .contains("登录（会话）")
    );
}

#[test]
fn a_wrong_password_opens_no_session() {
    let db = Db::new();
    common::fails_with(
        db.with_password("liqiang", "wrong").arg("login").output(),
        1,
        "口令错误",
    );
    assert!(!db.has_session_file());
    assert_eq!(db.query("SELECT count(*) FROM session"), "0");
    let out = db.bare().arg("login").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "no user, no terminal: no prompt"
    );
}

// Issue 8 point 15: every command, read or write, needs a session or a password, and says how.
#[test]
fn every_command_without_a_login_is_refused_naming_baomi_login() {
    let db = Db::new();
    let file = db.dir.path().join("台帐.csv");
    std::fs::write(&file, "标题,密级\n一份,秘密\n").unwrap();
    let file = file.to_str().unwrap();
    let backup = db.dir.path().join("备份.db");
    let backup = backup.to_str().unwrap();
    let commands: &[&[&str]] = &[
        &["search", "保密"],
        &["paper", "list"],
        &["paper", "show", "2026-收-0041"],
        &["paper", "discrepancies"],
        &["due"],
        &["due", "--format", "json"],
        &["register", "receipts"],
        &["export", "papers"],
        &["export", "audit", "--format", "json"],
        &["approvals"],
        &["audit", "verify"],
        &["audit", "show"],
        &["user", "list"],
        &["settings", "list"],
        &["holiday", "list"],
        &["import", "papers", file, "--dry-run"],
        &["backup", backup],
        &["paper", "back", "2026-收-0041"],
        &["settings", "set", "alarm_days", "5"],
        &["approve", "1"],
    ];
    let before = db.query("SELECT count(*) FROM audit");
    for args in commands {
        let (code, out, err) = db.run(args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("baomi login"), "{args:?}: {err}");
        assert!(!out.contains("保密"), "{args:?} printed {out}");
    }
    assert_eq!(db.query("SELECT count(*) FROM audit"), before);
    // Another person named at this OS account, without a password and a terminal: the same.
    db.login("liqiang", "Baomi@2026-li");
    let (code, _, err) = db.run(&["--user", "wangjianguo", "approvals"]);
    assert_eq!(code, 1);
    assert!(err.contains("baomi login --user wangjianguo"), "{err}");
    // The session's own name is no bar.
    db.ok(&["--user", "liqiang", "approvals"]);
    // Scripts: a password each time still works, session or not.
    db.with_password("sunli", "Chayue@2026-sun")
        .args(["search", "保密"])
        .assert()
        .success();
}

// R-SYS-2: a session unused for longer than the idle limit (never above 5 minutes) has ended.
#[test]
fn r_sys_2_an_idle_session_ends() {
    let db = Db::new();
    db.login("liqiang", "Baomi@2026-li");
    let file = db.session_file();
    // Used four minutes ago: still open, and this use moves the clock on.
    set_last_used(&file, 240);
    db.ok(&["due"]);
    set_last_used(&file, 240);
    db.ok(&["search", "保密"]);
    // Six minutes: ended, file removed, the row closed.
    set_last_used(&file, 360);
    let (code, _, err) = db.run(&["search", "保密"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("会话已超时") && err.contains("5 分钟") && err.contains("baomi login"),
        "{err}"
    );
    assert!(!file.exists());
    assert_eq!(db.query("SELECT closed_why FROM session"), "超时");
    let (code, _, err) = db.run(&["search", "保密"]);
    assert_eq!(code, 1);
    assert!(err.contains("未登录"), "{err}");
    // A shorter screen lock shortens the session too.
    db.with_password("liqiang", "Baomi@2026-li")
        .args(["settings", "set", "idle_lock_minutes", "2"])
        .assert()
        .success();
    let said = db.login("liqiang", "Baomi@2026-li");
    assert!(said.contains("2 分钟"), "{said}");
    set_last_used(&db.session_file(), 150);
    let (code, _, err) = db.run(&["due"]);
    assert_eq!(code, 1);
    assert!(err.contains("2 分钟"), "{err}");
}

// The secret is bound to the database it was issued for: beside another database, or a copy of
// this one, it opens nothing.
#[test]
fn a_session_file_is_useless_with_another_database() {
    let a = Db::new();
    a.login("liqiang", "Baomi@2026-li");
    let a_file = a.session_file();
    // Another database in the same runtime directory.
    let b = Db {
        dir: tempfile::tempdir().unwrap(),
        name: "other.db",
    };
    b.bare().arg("demo").assert().success();
    let b_run = |args: &[&str]| {
        let out = b
            .bare()
            .env("XDG_RUNTIME_DIR", a.runtime())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, err) = b_run(&["search", "保密"]);
    assert_eq!(code, 1, "a session of database a is no session of b: {err}");
    assert!(err.contains("未登录"), "{err}");
    // Log in to b as well, then put a's secret in b's file.
    b.with_password("liqiang", "Baomi@2026-li")
        .env("XDG_RUNTIME_DIR", a.runtime())
        .arg("login")
        .assert()
        .success();
    let b_file = std::fs::read_dir(a.sessions())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| *p != a_file)
        .unwrap();
    std::fs::copy(&a_file, &b_file).unwrap();
    let (code, err) = b_run(&["search", "保密"]);
    assert_eq!(code, 1);
    assert!(err.contains("会话无效"), "{err}");
    assert!(!b_file.exists(), "a useless file is removed");
    // A copy of database a itself (its session rows included) accepts no secret of a's either.
    let copy = a.dir.path().join("copy.db");
    a.with_password("liqiang", "Baomi@2026-li")
        .args(["backup", copy.to_str().unwrap()])
        .assert()
        .success();
    let mut c = a.with_password("liqiang", "Baomi@2026-li");
    c.env("BAOMI_DB", &copy).arg("login").assert().success();
    let copy_file = std::fs::read_dir(a.sessions())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| *p != a_file)
        .unwrap();
    std::fs::copy(&a_file, &copy_file).unwrap();
    common::fails_with(
        a.bare()
            .env("BAOMI_DB", &copy)
            .args(["search", "保密"])
            .output(),
        1,
        "会话无效",
    );
    // And a's own session is unharmed.
    a.ok(&["search", "保密"]);
}

// R-SYS-1: disabling or locking an account ends its session.
#[test]
fn r_sys_1_a_disabled_or_locked_accounts_session_ends() {
    let db = Db::new();
    db.login("zhaomin", "Baomi@2026-zhao");
    db.ok(&["due"]);
    db.with_password("liqiang", "Baomi@2026-li")
        .args(["user", "disable", "zhaomin"])
        .assert()
        .success();
    let (code, _, err) = db.run(&["due"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("账号停用") && err.contains("baomi login"),
        "{err}"
    );
    assert!(!db.has_session_file());

    db.login("sunli", "Chayue@2026-sun");
    db.ok(&["search", "保密"]);
    for _ in 0..3 {
        let out = db
            .with_password("sunli", "wrong")
            .args(["search", "保密"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
    }
    let (code, _, err) = db.run(&["search", "保密"]);
    assert_eq!(code, 1);
    assert!(err.contains("账号锁定"), "{err}");
    assert!(!db.has_session_file());
    // A lock put on the account behind baomi's back (or missed) is caught at use all the same.
    db.login("chenhong", "Bumen@2026-chen");
    {
        let c = rusqlite::Connection::open(db.path()).unwrap();
        c.execute(
            "UPDATE account SET locked_until = 4102444800 WHERE name = 'chenhong'",
            [],
        )
        .unwrap();
    }
    let (code, _, err) = db.run(&["approvals"]);
    assert_eq!(code, 1);
    assert!(err.contains("已锁定"), "{err}");
}

fn stat(p: &Path) -> Option<(std::time::SystemTime, u64)> {
    std::fs::metadata(p)
        .ok()
        .map(|m| (m.modified().unwrap(), m.len()))
}

// Refreshing a session writes only the session file: the database files do not change.
#[test]
fn refreshing_a_session_writes_nothing_to_the_database() {
    let db = Db::new();
    db.login("liqiang", "Baomi@2026-li");
    // The first command after a write lets SQLite fold its log into the database on close.
    db.ok(&["search", "保密"]);
    let wal = db.dir.path().join(format!("{}-wal", db.name));
    let before = (
        stat(&db.path()),
        stat(&wal),
        db.query("SELECT count(*) FROM audit"),
        std::fs::read(db.path()).unwrap(),
    );
    let file = db.session_file();
    set_last_used(&file, 100);
    let old = std::fs::read_to_string(&file).unwrap();
    for args in [
        &["search", "保密"][..],
        &["due", "--format", "json"],
        &["paper", "list", "--limit", "3"],
        &["approvals"],
    ] {
        db.ok(args);
    }
    let after = (
        stat(&db.path()),
        stat(&wal),
        db.query("SELECT count(*) FROM audit"),
        std::fs::read(db.path()).unwrap(),
    );
    assert!(before == after, "the database was written");
    assert_ne!(
        std::fs::read_to_string(&file).unwrap(),
        old,
        "the session file's clock moved on"
    );
}
