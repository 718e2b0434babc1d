//! The monthly count (R-PAP-12) and the quarterly check (R-PAP-13), cabinet by cabinet: every
//! held paper in its cabinet is either found (an event on it) or missing (a discrepancy to resolve:
//! found later, or reported lost). A paper that is out (借出, 携带外出, 传阅中) is not "found in the
//! cabinet": the count records where it is (holder, due date), and one overdue is an exception.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::papers::{self, ActInput};
use super::{Change, Result, date, json};
use crate::domain::Refusal;
use crate::domain::carrier::{EventKind, PaperState};
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
    /// Found in the cabinet.
    pub found: i64,
    pub missing: Vec<String>,
    /// Out of the cabinet at the count: where each is, the overdue ones marked.
    pub out: Vec<Whereabouts>,
}

/// Where a paper out of the cabinet is, as the count records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Whereabouts {
    pub no: String,
    /// 「不在柜（借出），去向：黄敏，应还 2026年11月22日」, 「异常：逾期未还。」 first when overdue.
    pub text: String,
    pub overdue: bool,
}

/// The states in which a held paper is out of its cabinet: with a reader, a borrower, or carried
/// out. Such a paper is not counted as found; its record says where it is.
pub const OUT: [PaperState; 3] = [
    PaperState::Circulating,
    PaperState::OnLoan,
    PaperState::TakenOut,
];

pub fn is_out(state: PaperState) -> bool {
    OUT.contains(&state)
}

/// Past its due date on `on` (a loan not returned, a take-out not brought back).
pub fn overdue(p: &Paper, on: NaiveDate) -> bool {
    is_out(p.state) && p.due_on.is_some_and(|d| d < on)
}

/// 「应还 2026年11月22日，逾期5天」: until when an out paper may stay out, and how late it is on
/// `on`; empty when it has no due date (a reader of a circulated paper).
fn due_words(p: &Paper, on: NaiveDate) -> String {
    let Some(d) = p.due_on else {
        return String::new();
    };
    let word = if p.state == PaperState::TakenOut {
        "应带回"
    } else {
        "应还"
    };
    let mut s = format!("{word} {}", dates::zh(d));
    if overdue(p, on) {
        s.push_str(&format!("，逾期{}天", (on - d).num_days()));
    }
    s
}

fn holder(p: &Paper) -> &str {
    if p.holder.trim().is_empty() {
        "（未记）"
    } else {
        p.holder.trim()
    }
}

/// 「黄敏（借出），应还 2026年11月22日，逾期5天」: who has an out paper, how, and until when (the
/// 去向 column of the count screen).
pub fn destination(p: &Paper, on: NaiveDate) -> String {
    let due = due_words(p, on);
    format!(
        "{}（{}）{}{due}",
        holder(p),
        p.state.name(),
        if due.is_empty() { "" } else { "，" }
    )
}

/// 「不在柜（借出），去向：黄敏，应还 2026年11月22日」: where an out paper is on `on`, as the count
/// records it; an overdue one starts with 「异常：逾期未还。」.
pub fn whereabouts(p: &Paper, on: NaiveDate) -> String {
    let due = due_words(p, on);
    format!(
        "{}不在柜（{}），去向：{}{}{due}",
        if overdue(p, on) {
            "异常：逾期未还。"
        } else {
            ""
        },
        p.state.name(),
        holder(p),
        if due.is_empty() { "" } else { "，" }
    )
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
    let held: Vec<Paper> = {
        let mut stmt = c.tx.prepare(&format!(
            "SELECT {} FROM paper WHERE state IN ('in_stock', 'circulating', 'on_loan', 'taken_out')
             AND registered_on <= ?1 ORDER BY id",
            papers::COLUMNS
        ))?;
        let rows = stmt.query_map([dates::iso(on)], papers::row)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let missing: BTreeSet<String> = missing
        .iter()
        .map(|m| crate::domain::text::to_half_width(m.trim()))
        .filter(|m| !m.is_empty())
        .collect();
    for m in &missing {
        match held.iter().find(|p| &p.no == m) {
            None => {
                return Err(Refusal::field(
                    "未找到的密件",
                    format!("{m} 不是在管密件（不在台帐或已清退、销毁）"),
                )
                .into());
            }
            Some(p) if is_out(p.state) => {
                return Err(Refusal::field(
                    "未找到的密件",
                    format!(
                        "{m} {}：不在柜的密件不算清点到，也不记为未找到",
                        whereabouts(p, on)
                    ),
                )
                .into());
            }
            Some(_) => {}
        }
    }
    let out: Vec<Whereabouts> = held
        .iter()
        .filter(|p| is_out(p.state))
        .map(|p| Whereabouts {
            no: p.no.clone(),
            text: whereabouts(p, on),
            overdue: overdue(p, on),
        })
        .collect();
    let found = (held.len() - missing.len() - out.len()) as i64;
    let handler = super::accounts::get(&c.tx, &c.stamp.actor)?.display_name;
    c.tx.execute(
        "INSERT INTO stocktake (kind, on_date, handler, held, found, missing, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            kind.code(),
            dates::iso(on),
            handler,
            held.len() as i64,
            found,
            missing.len() as i64,
            note.trim()
        ],
    )?;
    let id = c.tx.last_insert_rowid();
    {
        // An out paper's event says where it was, not that it was found: the holder, the due
        // date and the words of the count sheet (R-PAP-12).
        let mut event = c.tx.prepare_cached(
            "INSERT INTO paper_event (paper_id, kind, on_date, handler, stocktake_id, person, due, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut gap = c
            .tx
            .prepare_cached("INSERT INTO discrepancy (stocktake_id, paper_id) VALUES (?1, ?2)")?;
        let on_iso = dates::iso(on);
        let code = kind.event().code();
        for p in &held {
            if missing.contains(&p.no) {
                gap.execute(params![id, p.id])?;
            } else {
                // Only a paper that is out has a holder, a due date and whereabouts to record.
                let (holder, due, at) = if is_out(p.state) {
                    (
                        p.holder.as_str(),
                        p.due_on.map(dates::iso),
                        whereabouts(p, on),
                    )
                } else {
                    ("", None, String::new())
                };
                event.execute(params![p.id, code, on_iso, handler, id, holder, due, at])?;
            }
        }
    }
    let missing: Vec<String> = missing.into_iter().collect();
    c.audit(
        kind.name(),
        &format!("{}{}", dates::zh(on), kind.name()),
        None,
        json(serde_json::json!({
            "held": held.len(), "found": found, "missing": missing,
            "out": out.iter().map(|w| &w.no).collect::<Vec<_>>(),
            "overdue": out.iter().filter(|w| w.overdue).map(|w| &w.no).collect::<Vec<_>>(),
        })),
    );
    Ok(Stocktake {
        id,
        kind,
        on: dates::iso(on),
        held: held.len() as i64,
        found,
        missing,
        out,
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

/// A paper in its cabinet, ordered by cabinet: where a page of the count starts or ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CabinetCursor {
    pub location: String,
    pub id: i64,
}

impl CabinetCursor {
    pub fn of(p: &Paper) -> CabinetCursor {
        CabinetCursor {
            location: p.location.clone(),
            id: p.id,
        }
    }
}

/// A page of the papers in their cabinets (state 在册), by cabinet then number of entry, with
/// keyset paging over the (location, id) index: `limit` rows after `after`, or before `before`
/// (returned in order), or the last page when `from_end`. `cabinet` keeps one cabinet.
pub fn cabinet_page(
    conn: &Connection,
    cabinet: Option<&str>,
    after: Option<&CabinetCursor>,
    before: Option<&CabinetCursor>,
    from_end: bool,
    limit: usize,
) -> Result<Vec<Paper>> {
    let mut sql = format!(
        "SELECT {} FROM paper INDEXED BY paper_location WHERE state = 'in_stock'",
        papers::COLUMNS
    );
    let mut values: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(c) = cabinet {
        sql.push_str(" AND location = ?");
        values.push(c.to_string().into());
    }
    let backward = before.is_some() || from_end;
    if let Some(c) = after.or(before) {
        sql.push_str(if backward {
            " AND (location, id) < (?, ?)"
        } else {
            " AND (location, id) > (?, ?)"
        });
        values.push(c.location.clone().into());
        values.push(c.id.into());
    }
    sql.push_str(if backward {
        " ORDER BY location DESC, id DESC"
    } else {
        " ORDER BY location, id"
    });
    sql.push_str(&format!(" LIMIT {limit}"));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), papers::row)?;
    let mut out: Vec<Paper> = rows.collect::<rusqlite::Result<_>>()?;
    if backward {
        out.reverse();
    }
    Ok(out)
}

/// How many papers are in their cabinets (in `cabinet`, or in all).
pub fn cabinet_count(conn: &Connection, cabinet: Option<&str>) -> Result<i64> {
    Ok(match cabinet {
        Some(c) => conn.query_row(
            "SELECT count(*) FROM paper WHERE state = 'in_stock' AND location = ?1",
            [c],
            |r| r.get(0),
        )?,
        None => conn.query_row(
            "SELECT count(*) FROM paper WHERE state = 'in_stock'",
            [],
            |r| r.get(0),
        )?,
    })
}

/// The cabinets, each with how many papers are in it now, in cabinet order.
pub fn cabinets(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT location, count(*) FROM paper INDEXED BY paper_location
         WHERE state = 'in_stock' GROUP BY location ORDER BY location",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every paper in its cabinet as (id, number, cabinet), by cabinet: what a count goes through to
/// find the ones not ticked, without holding whole papers.
pub fn cabinet_keys(conn: &Connection, mut each: impl FnMut(i64, String, String)) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, no, location FROM paper INDEXED BY paper_location
         WHERE state = 'in_stock' ORDER BY location, id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        each(r.get(0)?, r.get(1)?, r.get(2)?);
    }
    Ok(())
}

/// The papers out of their cabinets, by cabinet (at most `limit`), and how many there are.
pub fn out_papers(conn: &Connection, limit: usize) -> Result<(Vec<Paper>, i64)> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM paper WHERE state IN ('circulating', 'on_loan', 'taken_out')
         ORDER BY location, id LIMIT {limit}",
        papers::COLUMNS
    ))?;
    let rows = stmt.query_map([], papers::row)?;
    let list: Vec<Paper> = rows.collect::<rusqlite::Result<_>>()?;
    let total = conn.query_row(
        "SELECT count(*) FROM paper WHERE state IN ('circulating', 'on_loan', 'taken_out')",
        [],
        |r| r.get(0),
    )?;
    Ok((list, total))
}
