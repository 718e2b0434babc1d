//! The monthly count (R-PAP-12) and the quarterly check (R-PAP-13): every held paper is either
//! found (an event on it) or missing (a discrepancy to resolve: found later, or reported lost).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::papers::{self, ActInput};
use super::{Change, Result, date, json};
use crate::domain::Refusal;
use crate::domain::carrier::EventKind;
use crate::domain::dates;
use crate::domain::paper::Paper;
use crate::domain::rules::paper::Act;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StocktakeKind {
    /// 每月清点
    Count,
    /// 每季度核查
    Check,
}

impl StocktakeKind {
    pub fn code(self) -> &'static str {
        match self {
            StocktakeKind::Count => "count",
            StocktakeKind::Check => "check",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            StocktakeKind::Count => "清点",
            StocktakeKind::Check => "核查",
        }
    }

    fn event(self) -> EventKind {
        match self {
            StocktakeKind::Count => EventKind::Count,
            StocktakeKind::Check => EventKind::Check,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stocktake {
    pub id: i64,
    pub kind: StocktakeKind,
    pub on: String,
    pub held: i64,
    pub found: i64,
    pub missing: Vec<String>,
}

/// Records a count or check on `on`: every held paper not in `missing` is found.
pub fn record(
    c: &mut Change<'_>,
    kind: StocktakeKind,
    on: NaiveDate,
    missing: &[String],
    note: &str,
) -> Result<Stocktake> {
    super::accounts::require_officer(c, kind.name())?;
    crate::domain::text::check_text("说明", note, crate::domain::text::NOTE_MAX)?;
    for no in missing {
        crate::domain::text::check_text("未找到的密件编号", no, crate::domain::text::TEXT_MAX)?;
    }
    let held: Vec<(i64, String)> = {
        let mut stmt = c.tx.prepare(
            "SELECT id, no FROM paper WHERE state IN ('in_stock', 'circulating', 'on_loan', 'taken_out')
             AND registered_on <= ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([dates::iso(on)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let held_nos: BTreeSet<&str> = held.iter().map(|(_, n)| n.as_str()).collect();
    let missing: BTreeSet<String> = missing
        .iter()
        .map(|m| crate::domain::text::to_half_width(m.trim()))
        .filter(|m| !m.is_empty())
        .collect();
    for m in &missing {
        if !held_nos.contains(m.as_str()) {
            return Err(Refusal::field(
                "未找到的密件",
                format!("{m} 不是在管密件（不在台帐或已清退、销毁）"),
            )
            .into());
        }
    }
    let handler = super::accounts::get(&c.tx, &c.stamp.actor)?.display_name;
    c.tx.execute(
        "INSERT INTO stocktake (kind, on_date, handler, held, found, missing, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            kind.code(),
            dates::iso(on),
            handler,
            held.len() as i64,
            (held.len() - missing.len()) as i64,
            missing.len() as i64,
            note.trim()
        ],
    )?;
    let id = c.tx.last_insert_rowid();
    {
        let mut event = c.tx.prepare_cached(
            "INSERT INTO paper_event (paper_id, kind, on_date, handler, stocktake_id)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut gap = c
            .tx
            .prepare_cached("INSERT INTO discrepancy (stocktake_id, paper_id) VALUES (?1, ?2)")?;
        let on_iso = dates::iso(on);
        for (pid, no) in &held {
            if missing.contains(no) {
                gap.execute(params![id, pid])?;
            } else {
                event.execute(params![pid, kind.event().code(), on_iso, handler, id])?;
            }
        }
    }
    let missing: Vec<String> = missing.into_iter().collect();
    c.audit(
        kind.name(),
        &format!("{}{}", dates::zh(on), kind.name()),
        None,
        json(serde_json::json!({
            "held": held.len(), "found": held.len() - missing.len(), "missing": missing
        })),
    );
    Ok(Stocktake {
        id,
        kind,
        on: dates::iso(on),
        held: held.len() as i64,
        found: (held.len() - missing.len()) as i64,
        missing,
    })
}

/// The days counts (or checks) were recorded: the due engine's R-PAP-12/13 facts.
pub fn days(conn: &Connection, kind: StocktakeKind) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn.prepare_cached("SELECT on_date FROM stocktake WHERE kind = ?1")?;
    let rows = stmt.query_map([kind.code()], |r| r.get::<_, String>(0))?;
    Ok(rows
        .map(|r| r.map(|s| date(&s)))
        .collect::<rusqlite::Result<_>>()?)
}

/// A paper a count did not find, still unresolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discrepancy {
    pub id: i64,
    pub on: NaiveDate,
    pub kind: StocktakeKind,
    pub paper: Paper,
}

pub fn open_discrepancies(conn: &Connection) -> Result<Vec<Discrepancy>> {
    let mut stmt = conn.prepare(
        "SELECT d.id, s.on_date, s.kind, d.paper_id FROM discrepancy d
         JOIN stocktake s ON s.id = d.stocktake_id
         WHERE d.resolved_on IS NULL ORDER BY d.id",
    )?;
    let rows: Vec<(i64, String, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, on, kind, pid)| {
            Ok(Discrepancy {
                id,
                on: date(&on),
                kind: if kind == "check" {
                    StocktakeKind::Check
                } else {
                    StocktakeKind::Count
                },
                paper: papers::by_id(conn, pid)?,
            })
        })
        .collect()
}

/// Resolves a discrepancy: the paper was found (recorded as a count event), or it is reported lost
/// (R-INC-4: a 遗失 event, after which the paper accepts only 找回).
pub fn resolve(c: &mut Change<'_>, id: i64, found: bool, on: NaiveDate, note: &str) -> Result<()> {
    super::accounts::require_officer(c, "处理清点差异")?;
    crate::domain::text::check_text("说明", note, crate::domain::text::NOTE_MAX)?;
    let (pid, resolved): (i64, Option<String>) = c.tx.query_row(
        "SELECT paper_id, resolved_on FROM discrepancy WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if resolved.is_some() {
        return Err(Refusal::field("清点差异", "该差异已处理").into());
    }
    let paper = papers::by_id(&c.tx, pid)?;
    let resolution = if found {
        papers::act(
            c,
            &paper.no,
            &ActInput {
                kind: EventKind::Count,
                act: Act {
                    on,
                    note: format!("清点差异已找到：{}", note.trim()),
                    ..Act::default()
                },
                request_id: None,
                reading_rooms: &[],
            },
        )?;
        "已找到"
    } else {
        papers::act(
            c,
            &paper.no,
            &ActInput {
                kind: EventKind::Lost,
                act: Act {
                    on,
                    note: if note.trim().is_empty() {
                        "清点未找到，报告遗失".to_string()
                    } else {
                        note.trim().to_string()
                    },
                    ..Act::default()
                },
                request_id: None,
                reading_rooms: &[],
            },
        )?;
        "已报遗失"
    };
    c.tx.execute(
        "UPDATE discrepancy SET resolved_on = ?2, resolution = ?3 WHERE id = ?1",
        params![id, dates::iso(on), resolution],
    )?;
    c.audit(
        "处理清点差异",
        &paper.no,
        None,
        json(serde_json::json!({"resolution": resolution, "note": note.trim()})),
    );
    Ok(())
}
