//! How a paper row and an event row are written: the columns, and each column's value from the
//! `Paper` or the act. One statement per row for the acts of every day, or every row of a bulk
//! load in one statement over the same values (`store::staged`).

use rusqlite::types::{ToSqlOutput, Value, ValueRef};

use super::*;
use crate::domain::search::initials;
use crate::domain::text::normalize_number;

/// The columns a new paper row is written with, in the order of `paper_value`.
pub(crate) const INSERT_COLUMNS: &str = "id, no, origin, registered_on, year, originator, doc_no,
    doc_no_key, title, level, period, scope, copies, copy_nos, return_by, keep, cipher, no_copy,
    distribution, source_id, dispatch_no, keeper, holder, location, state, extended, extended_until,
    due_on, initials, period_end, period_from, first_level, first_period, first_copies,
    first_copy_nos, first_location, dept";
pub(crate) const PAPER_WIDTH: usize = 37;

/// Column `column` of `INSERT_COLUMNS` for paper `p` with id `id` (the next one when `None`) and
/// 承办部门 `dept`. The `first_*` columns keep the registration's own values for `audit verify`.
pub(crate) fn paper_value<'a>(
    p: &'a Paper,
    id: Option<i64>,
    dept: &'a str,
    column: usize,
) -> ToSqlOutput<'a> {
    match column {
        0 => id.map_or(ToSqlOutput::Borrowed(ValueRef::Null), int),
        1 => text(&p.no),
        2 => text(p.origin.code()),
        3 => owned(dates::iso(p.registered_on)),
        4 => int(i64::from(p.year)),
        5 => text(&p.originator),
        6 => text(&p.doc_no),
        7 => owned(normalize_number(&p.doc_no)),
        8 => text(&p.title),
        9 | 31 => int(p.level.code()),
        10 | 32 => p.period.map_or(null(), |x| owned(x.stored())),
        11 => owned(p.scope.join("、")),
        12 | 33 => int(p.copies),
        13 | 34 => text(&p.copy_nos),
        14 => date(p.return_by),
        15 => int(i64::from(p.keep)),
        16 => int(i64::from(p.cipher)),
        17 => int(i64::from(p.no_copy)),
        18 => owned(p.distribution.join("、")),
        19 => p.source_id.map_or(null(), int),
        20 => p.dispatch_no.as_deref().map_or(null(), text),
        21 => text(&p.keeper),
        22 => text(&p.holder),
        23 | 35 => text(&p.location),
        24 => text(p.state.code()),
        25 => int(i64::from(p.extended)),
        26 => date(p.extended_until),
        27 => date(p.due_on),
        28 => owned(initials(&p.title)),
        29 => date(p.period_end()),
        30 => owned(dates::iso(p.period_from)),
        36 => text(dept.trim()),
        _ => null(),
    }
}

/// Writes `p` into the ledger with the id given, or the next one, and its 承办部门 (`dept`, empty
/// when none); returns the id.
pub(crate) fn insert_into(c: &Change<'_>, id: Option<i64>, p: &Paper, dept: &str) -> Result<i64> {
    c.tx.prepare_cached(&format!(
        "INSERT INTO main.paper ({INSERT_COLUMNS}) VALUES ({})",
        placeholders(PAPER_WIDTH)
    ))?
    .execute(rusqlite::params_from_iter(
        (0..PAPER_WIDTH).map(|i| paper_value(p, id, dept, i)),
    ))?;
    Ok(c.tx.last_insert_rowid())
}

/// Inserts a paper row and returns it with its id.
pub(crate) fn insert(c: &Change<'_>, p: &Paper) -> Result<Paper> {
    let id = insert_into(c, None, p, "")?;
    Ok(Paper { id, ..p.clone() })
}

/// The columns an event row is written with, in the order of `event_value`.
pub(crate) const EVENT_INSERT_COLUMNS: &str =
    "id, paper_id, kind, on_date, at_time, person, persons,
    unit, channel, place, method, due, copies, reference, note, handler, request_id, related_id,
    back_id";
pub(crate) const EVENT_WIDTH: usize = 19;

/// An event row, but for its id.
pub(crate) struct EventRow<'a> {
    pub paper_id: i64,
    pub kind: EventKind,
    pub act: &'a Act,
    pub handler: &'a str,
    pub links: EventLinks,
    /// The open act this one closes (交回, 归还, 带回 …), so registers can pair them.
    pub back_id: Option<i64>,
}

/// Column `column` of `EVENT_INSERT_COLUMNS` for event `e` with id `id` (the next when `None`).
pub(crate) fn event_value<'a>(e: &EventRow<'a>, id: Option<i64>, column: usize) -> ToSqlOutput<'a> {
    let act = e.act;
    match column {
        0 => id.map_or(null(), int),
        1 => int(e.paper_id),
        2 => text(e.kind.code()),
        3 => owned(dates::iso(act.on)),
        4 => text(act.at.trim()),
        5 => text(act.person.trim()),
        6 => owned(act.persons.join("、")),
        7 => text(act.unit.trim()),
        8 => text(act.channel.trim()),
        9 => text(act.place.trim()),
        10 => text(act.method.trim()),
        11 => date(act.due),
        12 => act.copies.map_or(null(), int),
        13 => text(act.reference.trim()),
        14 => text(act.note.trim()),
        15 => text(e.handler),
        16 => e.links.request_id.map_or(null(), int),
        17 => e.links.related_id.map_or(null(), int),
        18 => e.back_id.map_or(null(), int),
        _ => null(),
    }
}

pub(crate) fn insert_event(
    c: &Change<'_>,
    paper_id: i64,
    kind: EventKind,
    act: &Act,
    links: EventLinks,
) -> Result<i64> {
    // A 交回/归还/带回 closes the latest open act of its kind, so registers can pair them.
    let back_of = match kind {
        EventKind::CirculateBack => Some(EventKind::Circulate),
        EventKind::LoanBack => Some(EventKind::Loan),
        EventKind::TakeBack => Some(EventKind::TakeOut),
        EventKind::MeetingCollect => Some(EventKind::MeetingIssue),
        _ => None,
    };
    let back_id: Option<i64> = match back_of {
        Some(k) => {
            c.tx.query_row(
                "SELECT id FROM paper_event WHERE paper_id = ?1 AND kind = ?2
                 ORDER BY id DESC LIMIT 1",
                params![paper_id, k.code()],
                |r| r.get(0),
            )
            .optional()?
        }
        None => None,
    };
    let row = EventRow {
        paper_id,
        kind,
        act,
        handler: c.handler()?,
        links,
        back_id,
    };
    c.tx.prepare_cached(&format!(
        "INSERT INTO main.paper_event ({EVENT_INSERT_COLUMNS}) VALUES ({})",
        placeholders(EVENT_WIDTH)
    ))?
    .execute(rusqlite::params_from_iter(
        (0..EVENT_WIDTH).map(|i| event_value(&row, None, i)),
    ))?;
    Ok(c.tx.last_insert_rowid())
}

fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn text(s: &str) -> ToSqlOutput<'_> {
    ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
}

fn owned(s: String) -> ToSqlOutput<'static> {
    ToSqlOutput::Owned(Value::Text(s))
}

fn int(n: i64) -> ToSqlOutput<'static> {
    ToSqlOutput::Owned(Value::Integer(n))
}

fn null() -> ToSqlOutput<'static> {
    ToSqlOutput::Borrowed(ValueRef::Null)
}

fn date(d: Option<chrono::NaiveDate>) -> ToSqlOutput<'static> {
    d.map_or(null(), |d| owned(dates::iso(d)))
}
