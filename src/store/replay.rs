//! `audit verify`'s last step: every paper's cached fields derived again from its events
//! (`domain::replay`) and compared with the ledger row.

use rusqlite::Connection;

use super::papers::{COLUMNS, EventRecord, event_row, row};
use super::{Result, opt_date};
use crate::domain::level::{Level, Period};
use crate::domain::replay::{FirstFacts, differences, replay};
use crate::domain::rules::paper::Act;
use crate::domain::text::split_list;

fn act(e: &EventRecord) -> Act {
    Act {
        on: e.on,
        at: e.at.clone(),
        person: e.person.clone(),
        persons: split_list(&e.persons),
        unit: e.unit.clone(),
        channel: e.channel.clone(),
        place: e.place.clone(),
        method: e.method.clone(),
        due: e.due,
        reference: e.reference.clone(),
        note: e.note.clone(),
        copies: e.copies,
    }
}

/// Replays every paper. `Ok(n)` when all `n` agree; otherwise the first paper that does not, in
/// words for the officer.
pub fn check(conn: &Connection) -> Result<std::result::Result<i64, String>> {
    let mut papers = conn.prepare(&format!(
        "SELECT {COLUMNS}, first_level, first_period, first_copies, first_copy_nos,
            first_location, period_end, scope
         FROM paper ORDER BY id"
    ))?;
    let mut events = conn.prepare(&format!(
        "SELECT {}, e.paper_id FROM paper_event e ORDER BY e.paper_id, e.id",
        super::papers::EVENT_COLUMNS
    ))?;
    let mut events = events.query([])?;
    let mut pending: Option<(i64, EventRecord)> = None;
    let mut rows = papers.query([])?;
    let mut n = 0i64;
    let base = super::papers::column_count();
    while let Some(r) = rows.next()? {
        let paper = row(r)?;
        let first_level: Option<i64> = r.get(base)?;
        let first_period: Option<String> = r.get(base + 1)?;
        let first = FirstFacts {
            level: first_level
                .and_then(Level::from_code)
                .unwrap_or(paper.level),
            period: match first_level {
                Some(_) => first_period.as_deref().and_then(Period::parse),
                None => paper.period,
            },
            copies: r.get::<_, Option<i64>>(base + 2)?.unwrap_or(paper.copies),
            copy_nos: r
                .get::<_, Option<String>>(base + 3)?
                .unwrap_or_else(|| paper.copy_nos.clone()),
            location: r
                .get::<_, Option<String>>(base + 4)?
                .unwrap_or_else(|| paper.location.clone()),
            scope: split_list(&r.get::<_, String>(base + 6)?),
        };
        let period_end = opt_date(r.get(base + 5)?);
        let mut history = Vec::new();
        loop {
            if pending.is_none() {
                pending = match events.next()? {
                    Some(e) => {
                        let pid: i64 = e.get(17)?;
                        Some((pid, event_row(e)?))
                    }
                    None => None,
                };
            }
            match pending.take() {
                Some((pid, e)) if pid < paper.id => {
                    return Ok(Err(orphan(e.id)));
                }
                Some((pid, e)) if pid == paper.id => history.push((e.kind, act(&e))),
                other => {
                    pending = other;
                    break;
                }
            }
        }
        let derived = match replay(&paper, &first, &history) {
            Ok(d) => d,
            Err(e) => {
                return Ok(Err(format!(
                    "密件 {} 的办理记录前后矛盾（{e}），台帐与记录不符",
                    paper.no
                )));
            }
        };
        let mut diff = differences(&paper, &derived);
        if period_end != derived.period_end() {
            diff.push("解密日期");
        }
        if !diff.is_empty() {
            return Ok(Err(format!(
                "密件 {} 的{}与其办理记录推出的不符（台帐被直接改动）",
                paper.no,
                diff.join("、")
            )));
        }
        n += 1;
    }
    let left = match pending {
        Some((_, e)) => Some(e.id),
        None => events.next()?.map(|e| e.get::<_, i64>(0)).transpose()?,
    };
    if let Some(id) = left {
        return Ok(Err(orphan(id)));
    }
    Ok(Ok(n))
}

fn orphan(event: i64) -> String {
    format!("办理记录第 {event} 条指向不存在的密件（未经 baomi 直接修改数据库）")
}
