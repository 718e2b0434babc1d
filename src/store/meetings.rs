//! R-MTG-1: the papers a classified meeting issues and collects. Each is an act on the paper in
//! the paper layer (会议分发, 会议收回: its event, its cached state, its audit row); the meeting's
//! own act (its register entry) is written by the records layer in the same change, so an issue
//! or a collection is all or nothing, and a refusal names every paper that stopped it.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::papers::{self, ActInput};
use super::{Change, Result, StoreError};
use crate::domain::Refusal;
use crate::domain::carrier::{EventKind, PaperState};
use crate::domain::dates;
use crate::domain::due::AtMeeting;
use crate::domain::ledgers::{Outcome, Record, Values};
use crate::domain::level::Level;
use crate::domain::paper::Paper;
use crate::domain::rules::meeting::{self, COLLECTED, ISSUED, MISSING};
use crate::domain::rules::paper::Act;

/// The meeting a paper last went to and has not come back from, by number, whatever its state.
fn last_meeting(conn: &Connection, paper: &Paper) -> Result<Option<String>> {
    let latest: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT kind, reference FROM paper_event
             WHERE paper_id = ?1 AND kind IN ('meeting_issue', 'meeting_collect', 'circulate')
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([paper.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(latest.and_then(|(kind, no)| (kind == EventKind::MeetingIssue.code()).then_some(no)))
}

/// The meeting a paper is out at, by number: its latest meeting event is an issue and it is still
/// out (a paper lost there and found is in the cabinet, not at the meeting).
pub fn at_meeting(conn: &Connection, paper: &Paper) -> Result<Option<String>> {
    if paper.state != PaperState::Circulating {
        return Ok(None);
    }
    last_meeting(conn, paper)
}

/// The papers issued to meeting `no` that did not come back: those still out at it, and those
/// reported lost there, in the order they were issued.
pub fn unreturned(conn: &Connection, no: &str) -> Result<(Vec<Paper>, Vec<Paper>)> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT paper_id FROM paper_event WHERE kind = 'meeting_issue' AND reference = ?1
             GROUP BY paper_id ORDER BY min(id)",
        )?
        .query_map([no], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let (mut out, mut lost) = (Vec::new(), Vec::new());
    for id in ids {
        let p = papers::by_id(conn, id)?;
        if !matches!(p.state, PaperState::Circulating | PaperState::Lost)
            || last_meeting(conn, &p)?.as_deref() != Some(no)
        {
            continue;
        }
        if p.state == PaperState::Lost {
            lost.push(p);
        } else {
            out.push(p);
        }
    }
    Ok((out, lost))
}

/// Every paper out at a meeting (few at any time: found through the state index).
pub fn uncollected(conn: &Connection) -> Result<Vec<AtMeeting>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.no, p.title, p.level, e.kind, e.reference, e.on_date
         FROM paper p INDEXED BY paper_state
         JOIN paper_event e ON e.id = (
             SELECT id FROM paper_event WHERE paper_id = p.id
                 AND kind IN ('meeting_issue', 'meeting_collect', 'circulate')
             ORDER BY id DESC LIMIT 1)
         WHERE p.state = 'circulating'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (paper, title, level, kind, meeting, on) = row?;
        if kind != EventKind::MeetingIssue.code() {
            continue;
        }
        if let Some(since) = dates::parse(&on) {
            out.push(AtMeeting {
                meeting,
                paper,
                title,
                level: Level::from_code(level).unwrap_or(Level::TopSecret),
                since,
            });
        }
    }
    Ok(out)
}

/// The paper acts of a meeting's `issue` and `collect`, carried out before the meeting's own
/// event is written; `outcome` takes the lists the meeting keeps. Other acts and ledgers pass.
pub(super) fn cross(
    c: &mut Change<'_>,
    meeting_record: &Record,
    verb: &str,
    values: &mut Values,
    on: NaiveDate,
    outcome: &mut Outcome,
) -> Result<()> {
    if meeting_record.spec.key != meeting::SPEC.key {
        return Ok(());
    }
    match verb {
        "issue" => issue(c, meeting_record, values, on, outcome),
        "collect" => collect(c, meeting_record, values, on, outcome),
        _ => Ok(()),
    }
}

fn issue(
    c: &mut Change<'_>,
    m: &Record,
    values: &Values,
    on: NaiveDate,
    outcome: &mut Outcome,
) -> Result<()> {
    let list = meeting::paper_list(values)?;
    let rooms = super::settings::load(&c.tx)?.reading_rooms;
    let act = Act {
        on,
        at: values.get("time").cloned().unwrap_or_default(),
        person: meeting::label(m),
        persons: meeting::attendees(m),
        place: m.get("venue").to_string(),
        reference: m.no.clone(),
        note: format!("涉密会议：{}", m.get("title")),
        ..Act::default()
    };
    // R-CLS-2, R-PER-2: the attendees as the people register has them.
    let people = super::people::knowers(&c.tx, act.persons.iter().map(String::as_str))?;
    let mut failed = Vec::new();
    for no in &list {
        let done = match papers::get(&c.tx, no) {
            // The clock gives the time of an act recorded as it happens (papers::act).
            Ok(p) => match meeting::check_issue(m, &p, &people).and_then(|()| {
                if on == c.stamp.today() {
                    Ok(())
                } else {
                    meeting::check_time(&p, &act.at)
                }
            }) {
                Ok(()) => papers::act(
                    c,
                    no,
                    &ActInput {
                        kind: EventKind::MeetingIssue,
                        act: act.clone(),
                        request_id: None,
                        reading_rooms: &rooms,
                    },
                )
                .map(|_| ()),
                Err(e) => Err(e.into()),
            },
            Err(e) => Err(e),
        };
        if let Err(e) = done {
            failed.push((no.clone(), e));
        }
    }
    refuse_all(failed, &format!("分发到会议 {}", m.no))?;
    *outcome = std::mem::take(outcome).set(ISSUED, meeting::merged(m.get(ISSUED), &list));
    Ok(())
}

fn collect(
    c: &mut Change<'_>,
    m: &Record,
    values: &mut Values,
    on: NaiveDate,
    outcome: &mut Outcome,
) -> Result<()> {
    let brought = meeting::paper_list(values)?;
    let (out, lost) = unreturned(&c.tx, &m.no)?;
    let out: Vec<String> = out.into_iter().map(|p| p.no).collect();
    let (collected, mut missing) = meeting::clearing(&out, &brought)?;
    // Reported lost at the meeting: still missing from its clearing, and an incident's business.
    missing.extend(lost.into_iter().map(|p| format!("{}（已报遗失）", p.no)));
    let rooms = super::settings::load(&c.tx)?.reading_rooms;
    let act = Act {
        on,
        at: values.get("time").cloned().unwrap_or_default(),
        reference: m.no.clone(),
        note: format!("涉密会议：{}", m.get("title")),
        ..Act::default()
    };
    let mut failed = Vec::new();
    for no in &collected {
        let input = ActInput {
            kind: EventKind::MeetingCollect,
            act: act.clone(),
            request_id: None,
            reading_rooms: &rooms,
        };
        if let Err(e) = papers::act(c, no, &input) {
            failed.push((no.clone(), e));
        }
    }
    refuse_all(failed, &format!("由会议 {} 收回", m.no))?;
    // The clearing check's finding is part of the act's entry, beside what was brought back.
    if !missing.is_empty() {
        values.insert(MISSING.to_string(), missing.join("、"));
    }
    let state = if missing.is_empty() {
        "cleared"
    } else {
        "short"
    };
    let mut o = std::mem::take(outcome)
        .set(COLLECTED, meeting::merged(m.get(COLLECTED), &collected))
        .set(MISSING, missing.join("、"))
        .set("cleared_on", dates::iso(on));
    o.state = Some(state);
    *outcome = o;
    Ok(())
}

/// Nothing is written when any paper is refused: one failure is told as it is, several are all
/// named, each with its reason.
fn refuse_all(failed: Vec<(String, StoreError)>, what: &str) -> Result<()> {
    let mut failed = failed;
    match failed.len() {
        0 => Ok(()),
        1 => Err(failed.remove(0).1),
        n => {
            let each: Vec<String> = failed.iter().map(|(no, e)| format!("{no}：{e}")).collect();
            Err(Refusal::rule(
                "R-MTG-1",
                format!("{n} 件不能{what}，全部未办理：{}", each.join("；")),
            )
            .into())
        }
    }
}

/// Checks for `paper`'s act that it is not held at a meeting it must first come back from
/// (R-MTG-1); the paper layer calls this before its own rules.
pub(super) fn check_paper_act(
    c: &Change<'_>,
    paper: &Paper,
    kind: EventKind,
    act: &Act,
) -> Result<()> {
    let at = at_meeting(&c.tx, paper)?;
    let collecting_for = (kind == EventKind::MeetingCollect).then(|| act.reference.trim());
    meeting::check_paper_act(paper, kind, at.as_deref(), collecting_for)?;
    Ok(())
}
