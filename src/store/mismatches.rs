//! R-PAP-4: receipts whose checks found a disagreement with the envelope or the list, until they
//! are settled with the sender. Recording and settling are changes of their own, audited.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Change, Result, StoreError, date, json, opt_date};
use crate::domain::Refusal;
use crate::domain::dates;
use crate::domain::due::MismatchFacts;
use crate::domain::level::Level;
use crate::domain::rules::paper as rules;

/// One mismatch as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    pub id: i64,
    pub no: String,
    pub title: String,
    pub originator: String,
    #[serde(serialize_with = "level_name")]
    pub level: Level,
    #[serde(serialize_with = "iso")]
    pub on: NaiveDate,
    pub note: String,
    pub recorded_by: String,
    #[serde(serialize_with = "opt_iso")]
    pub resolved_on: Option<NaiveDate>,
    pub resolution: String,
    pub resolved_by: String,
}

fn level_name<S: serde::Serializer>(l: &Level, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(l.name())
}

fn iso<S: serde::Serializer>(d: &NaiveDate, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&dates::iso(*d))
}

fn opt_iso<S: serde::Serializer>(
    d: &Option<NaiveDate>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&dates::iso(*d)),
        None => s.serialize_none(),
    }
}

const COLUMNS: &str = "m.id, p.no, p.title, p.originator, p.level, m.on_date, m.note,
    m.recorded_by, m.resolved_on, m.resolution, m.resolved_by";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Mismatch> {
    Ok(Mismatch {
        id: r.get(0)?,
        no: r.get(1)?,
        title: r.get(2)?,
        originator: r.get(3)?,
        level: Level::from_code(r.get(4)?).unwrap_or(Level::TopSecret),
        on: date(&r.get::<_, String>(5)?),
        note: r.get(6)?,
        recorded_by: r.get(7)?,
        resolved_on: opt_date(r.get(8)?),
        resolution: r.get(9)?,
        resolved_by: r.get(10)?,
    })
}

/// R-PAP-4: records what a receipt's checks found wrong with paper `no`, found on `on`.
pub fn record(c: &mut Change<'_>, no: &str, on: NaiveDate, note: &str) -> Result<Mismatch> {
    super::accounts::require_officer(c, "登记收文不符")?;
    rules::check_mismatch(note)?;
    let paper = super::papers::get(&c.tx, no)?;
    if on < paper.registered_on {
        return Err(Refusal::field(
            "日期",
            format!("早于该密件的收文日期 {}", dates::zh(paper.registered_on)),
        )
        .into());
    }
    let handler = c.handler()?.to_string();
    c.tx.execute(
        "INSERT INTO receipt_mismatch (paper_id, on_date, note, recorded_by)
         VALUES (?1, ?2, ?3, ?4)",
        params![paper.id, dates::iso(on), note.trim(), handler],
    )?;
    let id = c.tx.last_insert_rowid();
    c.audit(
        "收文不符",
        &paper.no,
        None,
        json(serde_json::json!({"id": id, "on": dates::iso(on), "note": note.trim()})),
    );
    get(&c.tx, id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Mismatch> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM receipt_mismatch m JOIN paper p ON p.id = m.paper_id
             WHERE m.id = ?1"
        ),
        [id],
        row,
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found("收文不符记录", id.to_string()))
}

/// Every mismatch, open ones first (oldest first), then the settled ones newest first; or the
/// open ones only.
pub fn list(conn: &Connection, open_only: bool) -> Result<Vec<Mismatch>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM receipt_mismatch m JOIN paper p ON p.id = m.paper_id
         WHERE ?1 = 0 OR m.resolved_on IS NULL
         ORDER BY m.resolved_on IS NOT NULL, CASE WHEN m.resolved_on IS NULL THEN m.id ELSE -m.id END"
    ))?;
    let rows = stmt.query_map([open_only], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The open mismatches as the due engine needs them.
pub fn open_facts(conn: &Connection) -> Result<Vec<MismatchFacts>> {
    Ok(list(conn, true)?
        .into_iter()
        .map(|m| MismatchFacts {
            no: m.no,
            level: m.level,
            on: m.on,
            note: m.note,
        })
        .collect())
}

/// R-PAP-4: settles mismatch `id` with what the sender said; it leaves the due list.
pub fn resolve(c: &mut Change<'_>, id: i64, on: NaiveDate, note: &str) -> Result<Mismatch> {
    super::accounts::require_officer(c, "登记收文核对结果")?;
    let before = get(&c.tx, id)?;
    if before.resolved_on.is_some() {
        return Err(Refusal::field("收文不符", format!("第 {id} 条已核对处理")).into());
    }
    rules::check_mismatch_settled(note, before.on, on)?;
    let handler = c.handler()?.to_string();
    c.tx.execute(
        "UPDATE receipt_mismatch SET resolved_on = ?2, resolution = ?3, resolved_by = ?4
         WHERE id = ?1",
        params![id, dates::iso(on), note.trim(), handler],
    )?;
    c.audit(
        "收文核对",
        &before.no,
        json(serde_json::json!({"id": id, "note": before.note})),
        json(serde_json::json!({"id": id, "on": dates::iso(on), "resolution": note.trim()})),
    );
    get(&c.tx, id)
}
