//! Settings: stored as key and text, read back typed through `domain::settings`.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Change, Result, json};
use crate::domain::settings::{self, Settings};

pub fn load(conn: &Connection) -> Result<Settings> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM setting")?;
    let pairs = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Settings::from_pairs(pairs))
}

/// The stored value of one key, if any.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Validates and stores one setting, with its audit row.
pub fn set(c: &mut Change<'_>, key: &str, value: &str) -> Result<()> {
    settings::validate(key, value)?;
    // R-SYS-1: the passwords may not become weaker than the papers the unit still holds.
    if key == "highest_level"
        && let Some(new) = crate::domain::level::Level::parse(value)
    {
        let held: Option<i64> = c.tx.query_row(
            "SELECT max(level) FROM paper
             WHERE state IN ('in_stock', 'circulating', 'on_loan', 'taken_out')",
            [],
            |r| r.get(0),
        )?;
        if let Some(held) = held.and_then(crate::domain::level::Level::from_code) {
            crate::domain::rules::paper::check_within_unit_level(held, new).map_err(|_| {
                crate::domain::Refusal::rule(
                    "R-SYS-1",
                    format!("本单位仍保管着{held}载体，最高密级不能降为{new}"),
                )
            })?;
        }
    }
    let before = get(&c.tx, key)?;
    // R-SYS-1, R-CMP-4: a higher level asks stronger passwords of everyone, from their next login.
    if key == "highest_level"
        && let Some(new) = crate::domain::level::Level::parse(value)
        && new > load(&c.tx)?.highest_level
    {
        let n =
            c.tx.execute("UPDATE account SET must_change = 1 WHERE active = 1", [])?;
        c.audit(
            "口令须更新",
            "全部账号",
            None,
            json(serde_json::json!({"accounts": n, "highest_level": new.name()})),
        );
    }
    c.tx.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value.trim()],
    )?;
    c.audit(
        "设置",
        key,
        before.map(|b| serde_json::json!({ key: b })),
        json(serde_json::json!({ key: value.trim() })),
    );
    Ok(())
}

/// Internal values that are not user settings (the day the ledger was started).
pub fn set_internal(c: &mut Change<'_>, key: &str, value: &str) -> Result<()> {
    c.tx.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    c.audit("设置", key, None, json(serde_json::json!({ key: value })));
    Ok(())
}
