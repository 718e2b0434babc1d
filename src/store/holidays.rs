//! The user's holiday entries on top of the built-in State Council calendar.

use rusqlite::{Connection, params};

use super::{Change, Result, json};
use crate::domain::calendar::{Calendar, DayKind, SpecialDay, parse_csv};
use crate::domain::dates;

pub fn user_days(conn: &Connection) -> Result<Vec<SpecialDay>> {
    let mut stmt = conn.prepare_cached("SELECT day, kind, name FROM holiday ORDER BY day")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (day, kind, name) = row?;
        if let (Some(day), Some(kind)) = (dates::parse(&day), DayKind::parse(&kind)) {
            out.push(SpecialDay { day, kind, name });
        }
    }
    Ok(out)
}

/// The calendar in force: built in, with the user's days on top.
pub fn calendar(conn: &Connection) -> Result<Calendar> {
    Ok(Calendar::with(user_days(conn)?))
}

pub fn add(c: &mut Change<'_>, day: &SpecialDay) -> Result<()> {
    super::accounts::require_officer(c, "录入节假日")?;
    crate::domain::text::check_text("节日", &day.name, crate::domain::text::TEXT_MAX)?;
    c.tx.execute(
        "INSERT INTO holiday (day, kind, name) VALUES (?1, ?2, ?3)
         ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name",
        params![dates::iso(day.day), day.kind.name(), day.name.trim()],
    )?;
    c.audit(
        "录入节假日",
        &dates::iso(day.day),
        None,
        json(serde_json::json!({"kind": day.kind.name(), "name": day.name})),
    );
    Ok(())
}

/// Imports a year's notice from `日期,类型,节日` text: all lines or none.
pub fn import(c: &mut Change<'_>, text: &str) -> Result<usize> {
    let days = parse_csv(text)?;
    for d in &days {
        add(c, d)?;
    }
    Ok(days.len())
}
