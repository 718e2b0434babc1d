//! Accounts: adding, listing, logging in with the lockout, unlocking (R-SYS-1, R-SYS-6).

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Change, Result, Stamp, Store, StoreError, json};
use crate::domain::Refusal;
use crate::domain::account::{LoginOutcome, LoginRecord, PasswordPolicy, Role, check_account_name};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub failures: u32,
    pub locked_until: Option<i64>,
    pub active: bool,
    /// Real time the account got its current role (R-SYS-6: who may approve what was filed).
    #[serde(skip)]
    pub role_since: NaiveDateTime,
    /// R-CMP-4: the unit's highest level was raised since this password was chosen.
    pub must_change: bool,
    /// Need to know (issue 11): the person number (人员编号) the officer linked this account to,
    /// "" for none; such an account reads 绝密 titles as that person may see them.
    pub person: String,
}

impl Account {
    pub fn record(&self) -> LoginRecord {
        LoginRecord {
            failures: self.failures,
            locked_until: self.locked_until,
        }
    }
}

/// Seconds on the real clock, as the lock period counts them.
pub fn unix(now: NaiveDateTime) -> i64 {
    now.and_utc().timestamp()
}

/// A real time as stored for ordering acts of different people (`role_since`, `filed_at`): to the
/// microsecond, so that two acts in one second keep their order.
pub fn instant(now: NaiveDateTime) -> String {
    now.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()
}

/// Reads `instant`'s format, or a bare day (rows from before the time was kept) as its midnight.
pub fn parse_instant(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| crate::domain::dates::parse(s).and_then(|d| d.and_hms_opt(0, 0, 0)))
}

fn hash_password(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|_| StoreError::Internal("口令散列失败"))
}

fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

const COLUMNS: &str =
    "id, name, display_name, role, failures, locked_until, active, role_since, must_change, person";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    let role: String = r.get(3)?;
    Ok(Account {
        id: r.get(0)?,
        name: r.get(1)?,
        display_name: r.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::Viewer),
        failures: r.get::<_, i64>(4)?.try_into().unwrap_or(u32::MAX),
        locked_until: r.get(5)?,
        active: r.get::<_, i64>(6)? != 0,
        // Unreadable: as if given the role just now, so it approves nothing already filed.
        role_since: parse_instant(&r.get::<_, String>(7)?).unwrap_or(NaiveDateTime::MAX),
        must_change: r.get::<_, i64>(8)? != 0,
        person: r.get(9)?,
    })
}

pub fn find(conn: &Connection, name: &str) -> Result<Option<Account>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM account WHERE name = ?1"))?
        .query_row([name.trim()], row)
        .optional()?)
}

pub fn get(conn: &Connection, name: &str) -> Result<Account> {
    find(conn, name)?.ok_or_else(|| StoreError::not_found("用户", name.trim()))
}

pub fn list(conn: &Connection) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM account ORDER BY id"))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM account", [], |r| r.get(0))?)
}

/// Display names of the active officers: R-PAP-23 needs one of them among the destroyers.
pub fn officer_names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT display_name FROM account WHERE role = 'officer' AND active = 1 ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Display names of the active leaders (R-CLS-2: who instructs a knowledge scope).
pub fn leader_names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT display_name FROM account WHERE role = 'leader' AND active = 1 ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds an account; the password must meet R-CMP-4 for the unit's highest level.
pub fn add(
    c: &mut Change<'_>,
    name: &str,
    display_name: &str,
    role: Role,
    password: &str,
    policy: PasswordPolicy,
) -> Result<Account> {
    // R-SYS-6: the first account is the officer set up at first run; after it, only officers add.
    if count(&c.tx)? > 0 {
        require_officer(c, "添加用户")?;
    }
    check_account_name(name)?;
    crate::domain::account::check_display_name(display_name)?;
    let display = if display_name.trim().is_empty() {
        name.trim()
    } else {
        display_name.trim()
    };
    policy.check(password)?;
    if find(&c.tx, name)?.is_some() {
        return Err(Refusal::field("用户名", format!("「{}」已存在", name.trim())).into());
    }
    let hash = hash_password(password)?;
    c.tx.execute(
        "INSERT INTO account (name, display_name, role, password_hash, created_on, role_since)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            name.trim(),
            display,
            role.code(),
            hash,
            c.stamp.now.date().to_string(),
            instant(c.stamp.now)
        ],
    )?;
    let account = get(&c.tx, name)?;
    c.audit(
        "添加用户",
        &account.name,
        None,
        json(serde_json::json!({
            "name": account.name, "display_name": account.display_name, "role": role.code()
        })),
    );
    Ok(account)
}

/// R-SYS-6: account management is the officer's.
pub fn require_officer(c: &Change<'_>, act: &str) -> Result<Account> {
    require_officer_named(&c.tx, &c.stamp.actor, act)
}

/// R-SYS-6: `name` must be an officer to do `act`.
pub fn require_officer_named(conn: &Connection, name: &str, act: &str) -> Result<Account> {
    let me = get(conn, name)?;
    me.role.require_officer(act)?;
    Ok(me)
}

pub fn set_role(c: &mut Change<'_>, name: &str, role: Role) -> Result<()> {
    require_officer(c, "修改角色")?;
    let before = get(&c.tx, name)?;
    if before.role == Role::Officer && role != Role::Officer && active_officers(&c.tx)? <= 1 {
        return Err(Refusal::rule("R-SYS-6", "这是唯一的保密员账号，不能改为其他角色").into());
    }
    // R-SYS-6: a new role counts from now; setting the same role again changes nothing.
    c.tx.execute(
        "UPDATE account SET role = ?2,
             role_since = CASE WHEN role = ?2 THEN role_since ELSE ?3 END
         WHERE name = ?1",
        params![before.name, role.code(), instant(c.stamp.now)],
    )?;
    c.audit(
        "修改角色",
        &before.name,
        json(serde_json::json!({"role": before.role.code()})),
        json(serde_json::json!({"role": role.code()})),
    );
    Ok(())
}

fn active_officers(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM account WHERE role = 'officer' AND active = 1",
        [],
        |r| r.get(0),
    )?)
}

/// Resets a password (an officer for anyone, or a user for themself) and clears any lock.
pub fn set_password(
    c: &mut Change<'_>,
    name: &str,
    password: &str,
    policy: PasswordPolicy,
) -> Result<()> {
    let target = get(&c.tx, name)?;
    if target.name != c.stamp.actor {
        require_officer(c, "重置他人口令")?;
    }
    policy.check(password)?;
    let hash = hash_password(password)?;
    c.tx.execute(
        "UPDATE account SET password_hash = ?2, failures = 0, locked_until = NULL, must_change = 0
         WHERE name = ?1",
        params![target.name, hash],
    )?;
    c.audit("修改口令", &target.name, None, None);
    // A new password ends the sessions the old one opened.
    super::sessions::close_all(c, &target.name, "修改口令")?;
    Ok(())
}

/// R-SYS-1: another officer lifts a lock.
pub fn unlock(c: &mut Change<'_>, name: &str) -> Result<()> {
    require_officer(c, "解锁账号")?;
    let target = get(&c.tx, name)?;
    if target.name == c.stamp.actor {
        return Err(Refusal::rule("R-SYS-1", "账号须由另一名保密员解锁").into());
    }
    c.tx.execute(
        "UPDATE account SET failures = 0, locked_until = NULL WHERE name = ?1",
        [&target.name],
    )?;
    c.audit(
        "解锁账号",
        &target.name,
        json(serde_json::json!({"failures": target.failures, "locked_until": target.locked_until})),
        json(serde_json::json!({"failures": 0, "locked_until": null})),
    );
    Ok(())
}

/// Turns an account off (or on again). Accounts are never deleted: the audit log names them.
pub fn set_active(c: &mut Change<'_>, name: &str, active: bool) -> Result<()> {
    let me = require_officer(c, "停用账号")?;
    let target = get(&c.tx, name)?;
    if !active && target.name == me.name {
        return Err(Refusal::field("用户", "不能停用自己的账号").into());
    }
    if !active && target.role == Role::Officer && active_officers(&c.tx)? <= 1 {
        return Err(Refusal::rule("R-SYS-6", "不能停用唯一的保密员账号").into());
    }
    c.tx.execute(
        "UPDATE account SET active = ?2 WHERE name = ?1",
        params![target.name, active],
    )?;
    c.audit(
        if active {
            "启用账号"
        } else {
            "停用账号"
        },
        &target.name,
        None,
        None,
    );
    if !active {
        super::sessions::close_all(c, &target.name, "账号停用")?;
    }
    Ok(())
}

/// Checks a password without counting or recording anything: only where nothing may be written
/// (the accounts of a backup, before restoring it).
pub fn check_password(conn: &Connection, name: &str, password: &str) -> Result<Account> {
    // A backup may predate columns this program added (role_since, must_change, person): read
    // only what was always there; the role's start is unknown, so it counts as now, and the
    // account is linked to nobody.
    let account = conn
        .query_row(
            "SELECT id, name, display_name, role, failures, locked_until, active, '', 0, ''
             FROM account WHERE name = ?1",
            [name.trim()],
            row,
        )
        .optional()?
        .filter(|a| a.active)
        .ok_or_else(|| StoreError::Auth(format!("用户「{}」不存在或已停用", name.trim())))?;
    let hash: String = conn.query_row(
        "SELECT password_hash FROM account WHERE id = ?1",
        [account.id],
        |r| r.get(0),
    )?;
    if password.is_empty() || !password_matches(password, &hash) {
        return Err(StoreError::Auth("口令错误".into()));
    }
    Ok(account)
}

/// R-SYS-1: checks a password, counts failures, locks after three, and audits each attempt —
/// success, failure and lock alike.
pub fn login(
    store: &mut Store,
    name: &str,
    password: &str,
    now: NaiveDateTime,
    lock_minutes: i64,
) -> Result<Account> {
    let name = name.trim();
    let stamp = Stamp::new(if name.is_empty() { "-" } else { name }, now);
    if name.is_empty() {
        return Err(StoreError::Auth("请输入用户名".into()));
    }
    let Some(account) = find(store.conn(), name)? else {
        store.change(&stamp, |c| {
            c.audit(
                "登录失败",
                name,
                None,
                json(serde_json::json!({"reason": "用户不存在"})),
            );
            Ok(())
        })?;
        return Err(StoreError::Auth(format!("用户「{name}」不存在")));
    };
    if !account.active {
        store.change(&stamp, |c| {
            c.audit(
                "登录失败",
                name,
                None,
                json(serde_json::json!({"reason": "账号已停用"})),
            );
            Ok(())
        })?;
        return Err(StoreError::Auth(format!(
            "账号「{name}」已停用，请联系保密员"
        )));
    }
    let t = unix(now);
    let record = match account.record().gate(t) {
        Ok(r) => r,
        Err(LoginOutcome::Locked { until }) => {
            store.change(&stamp, |c| {
                c.audit(
                    "登录被拒",
                    name,
                    None,
                    json(serde_json::json!({"reason": "账号锁定"})),
                );
                Ok(())
            })?;
            return Err(StoreError::Auth(locked_message(until, t)));
        }
        Err(_) => account.record(),
    };
    let hash: String = store.conn().query_row(
        "SELECT password_hash FROM account WHERE id = ?1",
        [account.id],
        |r| r.get(0),
    )?;
    let correct = !password.is_empty() && password_matches(password, &hash);
    let (next, outcome) = record.after_attempt(correct, t, lock_minutes);
    store.change(&stamp, |c| {
        c.tx.execute(
            "UPDATE account SET failures = ?2, locked_until = ?3 WHERE id = ?1",
            params![account.id, next.failures, next.locked_until],
        )?;
        match outcome {
            LoginOutcome::Success => c.audit("登录", name, None, None),
            LoginOutcome::Wrong { left } => c.audit(
                "登录失败",
                name,
                None,
                json(serde_json::json!({"reason": "口令错误", "left": left})),
            ),
            LoginOutcome::NowLocked { until } => {
                c.audit(
                    "登录失败",
                    name,
                    None,
                    json(serde_json::json!({"reason": "口令错误", "left": 0})),
                );
                c.audit(
                    "锁定账号",
                    name,
                    None,
                    json(serde_json::json!({"locked_until": until})),
                );
                super::sessions::close_all(c, name, "账号锁定")?;
            }
            LoginOutcome::Locked { .. } => {}
        }
        Ok(())
    })?;
    match outcome {
        LoginOutcome::Success => {
            let account = get(store.conn(), name)?;
            // Need to know (issue 11): from now on papers read as this account may see them.
            store.set_viewer(&account)?;
            Ok(account)
        }
        LoginOutcome::Wrong { left } => Err(StoreError::Auth(format!(
            "口令错误，再错{left}次账号将被锁定（R-SYS-1）"
        ))),
        LoginOutcome::NowLocked { until } | LoginOutcome::Locked { until } => {
            Err(StoreError::Auth(locked_message(until, t)))
        }
    }
}

fn locked_message(until: i64, now: i64) -> String {
    let minutes = ((until - now) + 59) / 60;
    format!("连续3次口令错误，账号已锁定（R-SYS-1）。请另一名保密员解锁，或{minutes}分钟后再试")
}

#[cfg(test)]
mod tests {
    use super::*;

    // A restore whose own database cannot be opened checks the password against the backup, which
    // may be older than this program's schema (no role_since column).
    #[test]
    fn a_password_checks_against_an_older_backup() {
        let conn = Connection::open_in_memory().unwrap();
        let v1 = crate::store::migrations()
            .iter()
            .find(|m| m.contains("CREATE TABLE account"))
            .unwrap()
            .to_string();
        conn.execute_batch(&v1).unwrap();
        conn.execute(
            "INSERT INTO account (name, display_name, role, password_hash, created_on)
             VALUES ('liqiang', '李强', 'officer', ?1, '2025-01-01')",
            [hash_password("Baomi@2026-li").unwrap()],
        )
        .unwrap();
        let a = check_password(&conn, "liqiang", "Baomi@2026-li").unwrap();
        assert_eq!(a.role, Role::Officer);
        assert!(check_password(&conn, "liqiang", "wrong").is_err());
    }
}
