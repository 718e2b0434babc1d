//! What happened to a paper: its events as the page and the registers show them, who holds
//! what, and what follows from a paper.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::*;
use crate::domain::carrier::EventKind;
use crate::domain::dates;
use crate::domain::paper::Paper;
use crate::store::{Result, date, opt_date};

/// One event as the paper's page and the registers show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventRecord {
    #[serde(skip)]
    pub id: i64,
    #[serde(serialize_with = "kind_name")]
    pub kind: EventKind,
    #[serde(serialize_with = "iso_date")]
    pub on: NaiveDate,
    pub at: String,
    pub person: String,
    pub persons: String,
    pub unit: String,
    pub channel: String,
    pub place: String,
    pub method: String,
    #[serde(serialize_with = "opt_iso_date")]
    pub due: Option<NaiveDate>,
    pub copies: Option<i64>,
    pub reference: String,
    pub note: String,
    pub handler: String,
    pub request_id: Option<i64>,
    pub related: Option<String>,
}

fn kind_name<S: serde::Serializer>(k: &EventKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.name())
}
fn iso_date<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&dates::iso(*d))
}
fn opt_iso_date<S: serde::Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&dates::iso(*d)),
        None => s.serialize_none(),
    }
}

pub const EVENT_COLUMNS: &str = "e.id, e.kind, e.on_date, e.at_time, e.person, e.persons, e.unit,
    e.channel, e.place, e.method, e.due, e.copies, e.reference, e.note, e.handler, e.request_id,
    (SELECT no FROM paper r WHERE r.id = e.related_id)";

pub fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRecord> {
    let kind: String = r.get(1)?;
    Ok(EventRecord {
        id: r.get(0)?,
        kind: EventKind::from_code(&kind).unwrap_or(EventKind::Count),
        on: date(&r.get::<_, String>(2)?),
        at: r.get(3)?,
        person: r.get(4)?,
        persons: r.get(5)?,
        unit: r.get(6)?,
        channel: r.get(7)?,
        place: r.get(8)?,
        method: r.get(9)?,
        due: opt_date(r.get(10)?),
        copies: r.get(11)?,
        reference: r.get(12)?,
        note: r.get(13)?,
        handler: r.get(14)?,
        request_id: r.get(15)?,
        related: r.get(16)?,
    })
}

/// The whole history of a paper, oldest first.
pub fn history(conn: &Connection, paper_id: i64) -> Result<Vec<EventRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS} FROM paper_event e WHERE e.paper_id = ?1 ORDER BY e.on_date, e.id"
    ))?;
    let rows = stmt.query_map([paper_id], event_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Papers a person holds now (R-PAP-17): out with them, or kept by them.
pub fn held_by(conn: &Connection, person: &str) -> Result<Vec<Paper>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM paper WHERE (holder = ?1 OR keeper = ?1)
         AND state IN ('in_stock', 'circulating', 'on_loan', 'taken_out') ORDER BY id"
    ))?;
    let rows = stmt.query_map([person.trim()], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The papers that follow from a paper: its copies and compilations.
pub fn derived(conn: &Connection, id: i64) -> Result<Vec<Paper>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM paper WHERE source_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
