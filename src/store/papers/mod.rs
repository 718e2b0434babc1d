//! The paper ledger: registering, and every act through the domain's checks. Each act is one
//! change: the event row, the cached state on the paper, the request it carries out, and the audit
//! row. New papers made from requests, the history and the paged lists are in the files beside.

mod history;
mod list;
mod making;
mod receipt;
mod row;
mod write;

pub use history::*;
pub use list::*;
pub use making::*;
pub use receipt::*;
pub(crate) use row::*;
pub(crate) use write::*;

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::Refusal;
use crate::domain::approval::{RequestKind, RequestState};
use crate::domain::carrier::{EventKind, PaperState, next_state};
use crate::domain::dates;
use crate::domain::level::Level;
use crate::domain::numbering::{self, Series};
use crate::domain::paper::{Origin, Paper, Plan, Receipt};
use crate::domain::rules::paper::{self as rules, Act, ActContext};
use crate::domain::text::split_list;
use crate::store::{Change, Result, StoreError, json};

/// Finds a paper by its number, typed in any width (`２０２６－收－０１５３`).
pub fn find(conn: &Connection, no: &str) -> Result<Option<Paper>> {
    let no = crate::domain::text::to_half_width(no.trim());
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM paper WHERE no = ?1"),
            [&no],
            row,
        )
        .optional()?)
}

pub fn get(conn: &Connection, no: &str) -> Result<Paper> {
    find(conn, no)?.ok_or_else(|| StoreError::not_found("密件", no.trim()))
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Paper> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM paper WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found("密件", id.to_string()))
}

/// The paper's fields as the audit log keeps them.
pub(crate) fn snapshot(p: &Paper) -> Option<serde_json::Value> {
    json(serde_json::json!({
        "no": p.no, "title": p.title, "level": p.level.name(),
        "period": p.period.map(|x| x.stored()), "state": p.state.name(),
        "holder": p.holder, "location": p.location, "copies": p.copies,
        "due_on": p.due_on.map(dates::iso), "extended": p.extended,
    }))
}

/// Issues the next number of `series` for `year` in the unit's format, skipping any number already
/// used (an imported ledger may hold some). The sequence only grows (R-PAP-4).
pub fn next_number(c: &Change<'_>, series: Series, year: i32, format: &str) -> Result<String> {
    next_number_skipping(c, series, year, format, &|_| false)
}

/// `next_number`, skipping also the numbers `staged` names (a bulk load's, not written yet).
pub(crate) fn next_number_skipping(
    c: &Change<'_>,
    series: Series,
    year: i32,
    format: &str,
    staged: &dyn Fn(&str) -> bool,
) -> Result<String> {
    numbering::check_format(format)?;
    let column = if series == Series::Dispatch {
        "dispatch_no"
    } else {
        "no"
    };
    let mut last = c.last_issued(series.code(), year)?;
    let mut exists =
        c.tx.prepare_cached(&format!("SELECT 1 FROM paper WHERE {column} = ?1 LIMIT 1"))?;
    let no = loop {
        last += 1;
        let candidate = numbering::render(format, year, last);
        if !staged(&candidate) && !exists.exists([&candidate])? {
            break candidate;
        }
    };
    c.issue(series.code(), year, last);
    Ok(no)
}

/// Writes the cached fields the events change.
pub(crate) fn update(c: &Change<'_>, p: &Paper) -> Result<()> {
    c.tx.prepare_cached(
        "UPDATE paper SET state = ?2, holder = ?3, location = ?4, due_on = ?5, extended = ?6,
            extended_until = ?7, level = ?8, period = ?9, copies = ?10, dispatch_no = ?11,
            copy_nos = ?12, period_end = ?13, scope_now = ?14
         WHERE id = ?1",
    )?
    .execute(params![
        p.id,
        p.state.code(),
        p.holder,
        p.location,
        p.due_on.map(dates::iso),
        p.extended,
        p.extended_until.map(dates::iso),
        p.level.code(),
        p.period.map(|x| x.stored()),
        p.copies,
        p.dispatch_no,
        p.copy_nos,
        p.period_end().map(dates::iso),
        p.scope.join("、"),
    ])?;
    Ok(())
}

/// Links of an event row that are not in `Act`.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventLinks {
    pub request_id: Option<i64>,
    pub related_id: Option<i64>,
}

/// R-SYS-6: the acts on papers are the officer's.
fn officer(c: &Change<'_>, act: &str) -> Result<()> {
    crate::store::accounts::require_officer(c, act)?;
    Ok(())
}

/// The request `id` with its state and plan.
pub fn request_plan(conn: &Connection, id: i64) -> Result<(RequestState, Plan)> {
    let (state, plan): (String, String) = conn
        .query_row("SELECT state, plan FROM request WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| StoreError::not_found("申请", id.to_string()))?;
    let state = RequestState::from_code(&state).unwrap_or(RequestState::Withdrawn);
    let plan: Plan =
        serde_json::from_str(&plan).map_err(|_| StoreError::Internal("申请内容无法读取"))?;
    Ok((state, plan))
}

fn mark_executed(
    c: &mut Change<'_>,
    id: i64,
    kind: RequestKind,
    state: RequestState,
) -> Result<()> {
    crate::domain::approval::execute(kind, state)?;
    c.tx.execute(
        "UPDATE request SET state = 'executed', executed_on = ?2 WHERE id = ?1",
        params![id, dates::iso(c.stamp.today())],
    )?;
    c.audit(
        "执行申请",
        &format!("申请{id}"),
        json(serde_json::json!({"state": state.name()})),
        json(serde_json::json!({"state": RequestState::Executed.name()})),
    );
    Ok(())
}

/// What an act needs besides the paper: the request it carries out, the reading rooms, the officers.
pub struct ActInput<'a> {
    pub kind: EventKind,
    pub act: Act,
    pub request_id: Option<i64>,
    pub reading_rooms: &'a [String],
}

/// Carries out one act on one paper: the domain checks it (state machine and the act's rule), then
/// the event, the cached state and the audit row are written. Nothing is written when it refuses.
pub fn act(c: &mut Change<'_>, no: &str, input: &ActInput<'_>) -> Result<Paper> {
    officer(c, input.kind.name())?;
    let paper = get(&c.tx, no)?;
    crate::store::notebooks::check_act(&c.tx, &paper, input.kind)?;
    let request = match input.request_id {
        Some(id) => Some(crate::store::approvals::get(&c.tx, id)?),
        None => None,
    };
    let officers = crate::store::accounts::officer_names(&c.tx)?;
    // Only a scope names the instructing leader (R-CLS-2).
    let leaders = if input.kind == EventKind::Scope {
        crate::store::accounts::leader_names(&c.tx)?
    } else {
        Vec::new()
    };
    let mut act = input.act.clone();
    // R-PAP-8: a 绝密 paper taken or given back as it happens is timed by the clock; a later entry
    // must say the time.
    let timed = matches!(
        input.kind,
        EventKind::Circulate
            | EventKind::Loan
            | EventKind::TakeOut
            | EventKind::CirculateBack
            | EventKind::LoanBack
            | EventKind::TakeBack
            | EventKind::MeetingIssue
            | EventKind::MeetingCollect
    );
    if timed
        && paper.level == crate::domain::level::Level::TopSecret
        && act.at.trim().is_empty()
        && act.on == c.stamp.today()
    {
        act.at = c.stamp.now.format("%H:%M").to_string();
    }
    // The loan and take-out dates come from what the leader approved.
    match (&input.kind, request.as_ref().map(|r| &r.plan)) {
        (EventKind::Loan, Some(Plan::Loan(p))) => {
            act.due = Some(p.return_by);
            if act.person.trim().is_empty() {
                act.person = p.borrower.clone();
            }
        }
        (EventKind::TakeOut, Some(Plan::TakeOut(p))) => {
            act.due = Some(p.return_by);
            act.persons = p.persons.clone();
            if act.place.trim().is_empty() {
                act.place = p.place.clone();
            }
            // R-PAP-27: the exit permit goes with the register entry.
            if act.reference.trim().is_empty() {
                act.reference = p.exit_permit.trim().to_string();
            }
        }
        // The extension's end and the originator's notice are the approved ones.
        (EventKind::Extend, Some(Plan::Extend(p))) => {
            act.due.get_or_insert(p.until);
            if act.reference.trim().is_empty() {
                act.reference = p.told.clone();
            }
        }
        (EventKind::Review, Some(Plan::Review(p))) => {
            if act.method.trim().is_empty()
                && let Ok(result) = rules::ReviewResult::parse(&p.result, p.until, &p.level)
            {
                act.method = result.method();
                if let rules::ReviewResult::Period(d) = result {
                    act.due = Some(d);
                }
            }
        }
        _ => {}
    }
    // R-MTG-1: a paper out at a meeting comes back from it before anything else moves it.
    crate::store::meetings::check_paper_act(c, &paper, input.kind, &act)?;
    // R-CLS-2, R-PER-2: whoever the act lets see the paper, as the people register has them.
    let people = seers(&c.tx, input.kind, &act, request.as_ref().map(|r| &r.plan))?;
    let ctx = ActContext {
        request: request.as_ref().map(|r| r.granted()),
        reading_rooms: input.reading_rooms,
        officers: &officers,
        leaders: &leaders,
        people: &people,
    };
    let next = rules::check_event(&paper, input.kind, &act, &ctx)?;
    // The registers speak names: a person given by number is written by name.
    rename(&mut act.person, &people);
    for p in &mut act.persons {
        rename(p, &people);
    }
    crate::store::cabinets::on_act(c, &paper, input.kind, &mut act)?;
    let mut after = paper.after(input.kind, &act, next);
    if input.kind == EventKind::Send {
        let sent: Vec<String> = split_list(&paper.copy_nos)
            .into_iter()
            .take(usize::try_from(act.copies.unwrap_or(0)).unwrap_or(0))
            .collect();
        if !sent.is_empty() {
            let note = format!("份号：{}", sent.join(","));
            act.note = if act.note.trim().is_empty() {
                note
            } else {
                format!("{}；{note}", act.note.trim())
            };
        }
        let format = crate::store::settings::load(&c.tx)?
            .format(Series::Dispatch)
            .to_string();
        let no = next_number(
            c,
            Series::Dispatch,
            chrono::Datelike::year(&act.on),
            &format,
        )?;
        after.dispatch_no = Some(no.clone());
        act.reference = no;
    }
    let links = EventLinks {
        request_id: input.request_id,
        ..EventLinks::default()
    };
    insert_event(c, paper.id, input.kind, &act, links)?;
    // Every copy sent out: the paper has left the unit.
    if input.kind == EventKind::Send && after.copies == 0 {
        let closing = Act {
            on: act.on,
            unit: act.unit.clone(),
            note: "全部份数已发出".into(),
            ..Act::default()
        };
        after.copies = paper.copies;
        after = after.after(
            EventKind::HandOver,
            &closing,
            next_state(Some(after.state), EventKind::HandOver)?,
        );
        insert_event(
            c,
            paper.id,
            EventKind::HandOver,
            &closing,
            EventLinks::default(),
        )?;
    }
    update(c, &after)?;
    if let (Some(id), Some(r)) = (input.request_id, request.as_ref()) {
        let finishes = match &r.plan {
            // A destruction list is carried out when its last paper is destroyed.
            Plan::Destroy(d) => remaining_to_destroy(&c.tx, &d.papers)? == 0,
            _ => true,
        };
        if finishes {
            mark_executed(c, id, r.plan.kind(), r.state)?;
        }
    }
    c.audit(
        input.kind.name(),
        &paper.no,
        snapshot(&paper),
        snapshot(&after),
    );
    // R-INC-2: a paper reported lost opens its incident (its holder answers for it).
    if input.kind == EventKind::Lost {
        crate::store::incidents::paper_lost(c, &paper, act.on, &act.at, &act.note)?;
    }
    Ok(after)
}

/// The register's entries for those an act lets see the paper: reader, borrower, carriers, copy
/// receiver. Names two people share are refused here (issue 11: the number is given instead).
fn seers(
    conn: &Connection,
    kind: EventKind,
    act: &Act,
    plan: Option<&Plan>,
) -> Result<Vec<crate::domain::rules::paper::Knower>> {
    let mut names: Vec<&str> = Vec::new();
    match kind {
        EventKind::Circulate | EventKind::Copy | EventKind::Loan => names.push(&act.person),
        EventKind::TakeOut => names.extend(act.persons.iter().map(String::as_str)),
        _ => {}
    }
    if let (EventKind::Loan, Some(Plan::Loan(p))) = (kind, plan) {
        names.push(&p.borrower);
    }
    crate::store::people::knowers(conn, names)
}

/// `name` as the register writes it, when it was a person number.
fn rename(name: &mut String, people: &[crate::domain::rules::paper::Knower]) {
    if let Some(k) = people.iter().find(|k| k.no == name.trim()) {
        *name = k.name.clone();
    }
}

fn remaining_to_destroy(conn: &Connection, nos: &[String]) -> Result<usize> {
    let mut n = 0;
    for no in nos {
        if let Some(p) = find(conn, no)?
            && p.state != PaperState::Destroyed
        {
            n += 1;
        }
    }
    Ok(n)
}

/// Brings an imported paper to the state its ledger row gives, with an event that says it was
/// imported (R-PAP-25 still holds afterwards: a closed paper accepts nothing more).
pub fn import_state(c: &mut Change<'_>, paper: &Paper, state: PaperState) -> Result<Paper> {
    let Some(kind) = crate::domain::paper::import_event(state) else {
        return Ok(paper.clone());
    };
    let next = next_state(Some(paper.state), kind)?;
    let act = Act {
        on: paper.registered_on,
        person: paper.holder.clone(),
        note: format!("导入时台帐状态为「{}」", state.name()),
        ..Act::default()
    };
    let after = paper.after(kind, &act, next);
    insert_event(c, paper.id, kind, &act, EventLinks::default())?;
    update(c, &after)?;
    Ok(after)
}
