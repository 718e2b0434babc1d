//! The paper ledger: registering, every act through the domain's checks, the history, and paged
//! lists. Each act is one change: the event row, the cached state on the paper, the request it
//! carries out, and the audit row.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter, types::Value};
use serde::Serialize;

use super::{Change, Result, StoreError, date, json, opt_date};
use crate::domain::Refusal;
use crate::domain::approval::{RequestKind, RequestState};
use crate::domain::carrier::{EventKind, PaperState, next_state};
use crate::domain::dates;
use crate::domain::level::{Level, Period};
use crate::domain::numbering::{self, Series};
use crate::domain::paper::{Origin, Paper, Plan, Receipt};
use crate::domain::rules::paper::{self as rules, Act, ActContext};
use crate::domain::search::initials;
use crate::domain::text::{normalize_number, split_list};

// An originator imported 待补 shows its completion (R-PAP-3, store::gaps) once there is one.
// No comma inside an expression: store::replay counts the columns by their commas.
pub(super) const COLUMNS: &str =
    "id, no, origin, registered_on, year, CASE WHEN originator <> '待补' THEN originator
    WHEN (SELECT value FROM paper_gap WHERE paper_id = id AND field = 'originator'
    ORDER BY gap_id DESC LIMIT 1) IS NOT NULL THEN (SELECT value FROM paper_gap WHERE paper_id = id
    AND field = 'originator' ORDER BY gap_id DESC LIMIT 1) ELSE originator END, doc_no, title, level, period,
    scope, copies, copy_nos, return_by, keep, cipher, no_copy, distribution, source_id, dispatch_no,
    keeper, holder, location, state, extended, extended_until, due_on, period_from";

pub(super) fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Paper> {
    let period: Option<String> = r.get(9)?;
    let state: String = r.get(23)?;
    let origin: String = r.get(2)?;
    let registered_on = date(&r.get::<_, String>(3)?);
    Ok(Paper {
        id: r.get(0)?,
        no: r.get(1)?,
        origin: Origin::from_code(&origin).unwrap_or(Origin::Received),
        registered_on,
        period_from: opt_date(r.get(27)?).unwrap_or(registered_on),
        year: r.get(4)?,
        originator: r.get(5)?,
        doc_no: r.get(6)?,
        title: r.get(7)?,
        level: Level::from_code(r.get(8)?).unwrap_or(Level::TopSecret),
        period: period.as_deref().and_then(Period::parse),
        scope: split_list(&r.get::<_, String>(10)?),
        copies: r.get(11)?,
        copy_nos: r.get(12)?,
        return_by: opt_date(r.get(13)?),
        keep: r.get::<_, i64>(14)? != 0,
        cipher: r.get::<_, i64>(15)? != 0,
        no_copy: r.get::<_, i64>(16)? != 0,
        distribution: split_list(&r.get::<_, String>(17)?),
        source_id: r.get(18)?,
        dispatch_no: r.get(19)?,
        keeper: r.get(20)?,
        holder: r.get(21)?,
        location: r.get(22)?,
        state: PaperState::from_code(&state).unwrap_or(PaperState::InStock),
        extended: r.get::<_, i64>(24)? != 0,
        extended_until: opt_date(r.get(25)?),
        due_on: opt_date(r.get(26)?),
    })
}

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
fn snapshot(p: &Paper) -> Option<serde_json::Value> {
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
        if !exists.exists([&candidate])? {
            break candidate;
        }
    };
    c.issue(series.code(), year, last);
    Ok(no)
}

/// Inserts a paper row and returns it with its id.
fn insert(c: &Change<'_>, p: &Paper) -> Result<Paper> {
    c.tx.prepare_cached(
        "INSERT INTO paper (no, origin, registered_on, year, originator, doc_no, doc_no_key, title,
            level, period, scope, copies, copy_nos, return_by, keep, cipher, no_copy, distribution,
            source_id, dispatch_no, keeper, holder, location, state, extended, extended_until,
            due_on, initials, period_end, period_from, first_level, first_period, first_copies,
            first_copy_nos, first_location)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?9, ?10, ?12, ?13, ?23)",
    )?
    .execute(params![
        p.no,
        p.origin.code(),
        dates::iso(p.registered_on),
        p.year,
        p.originator,
        p.doc_no,
        normalize_number(&p.doc_no),
        p.title,
        p.level.code(),
        p.period.map(|x| x.stored()),
        p.scope.join("、"),
        p.copies,
        p.copy_nos,
        p.return_by.map(dates::iso),
        p.keep,
        p.cipher,
        p.no_copy,
        p.distribution.join("、"),
        p.source_id,
        p.dispatch_no,
        p.keeper,
        p.holder,
        p.location,
        p.state.code(),
        p.extended,
        p.extended_until.map(dates::iso),
        p.due_on.map(dates::iso),
        initials(&p.title),
        p.period_end().map(dates::iso),
        dates::iso(p.period_from),
    ])?;
    let id = c.tx.last_insert_rowid();
    Ok(Paper { id, ..p.clone() })
}

/// Writes the cached fields the events change.
fn update(c: &Change<'_>, p: &Paper) -> Result<()> {
    c.tx.prepare_cached(
        "UPDATE paper SET state = ?2, holder = ?3, location = ?4, due_on = ?5, extended = ?6,
            extended_until = ?7, level = ?8, period = ?9, copies = ?10, dispatch_no = ?11,
            copy_nos = ?12, period_end = ?13
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
    ])?;
    Ok(())
}

/// Links of an event row that are not in `Act`.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventLinks {
    pub request_id: Option<i64>,
    pub related_id: Option<i64>,
}

fn insert_event(
    c: &Change<'_>,
    paper_id: i64,
    kind: EventKind,
    act: &Act,
    links: EventLinks,
) -> Result<i64> {
    let handler = c.handler()?;
    // A 交回/归还/带回 closes the latest open act of its kind, so registers can pair them.
    let back_of = match kind {
        EventKind::CirculateBack => Some(EventKind::Circulate),
        EventKind::LoanBack => Some(EventKind::Loan),
        EventKind::TakeBack => Some(EventKind::TakeOut),
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
    c.tx.prepare_cached(
        "INSERT INTO paper_event (paper_id, kind, on_date, at_time, person, persons, unit, channel,
            place, method, due, copies, reference, note, handler, request_id, related_id,
            back_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        paper_id,
        kind.code(),
        dates::iso(act.on),
        act.at.trim(),
        act.person.trim(),
        act.persons.join("、"),
        act.unit.trim(),
        act.channel.trim(),
        act.place.trim(),
        act.method.trim(),
        act.due.map(dates::iso),
        act.copies,
        act.reference.trim(),
        act.note.trim(),
        handler,
        links.request_id,
        links.related_id,
        back_id,
    ])?;
    Ok(c.tx.last_insert_rowid())
}

/// R-SYS-6: the acts on papers are the officer's.
fn officer(c: &Change<'_>, act: &str) -> Result<()> {
    super::accounts::require_officer(c, act)?;
    Ok(())
}

/// R-PAP-3, R-PAP-4: registers a received paper and issues its receipt number.
pub fn receive(c: &mut Change<'_>, r: &Receipt, format: &str) -> Result<Paper> {
    officer(c, "收文登记")?;
    let highest = super::settings::load(&c.tx)?.highest_level;
    let paper = register(c, r, format, highest)?;
    c.audit("收文", &paper.no, None, snapshot(&paper));
    Ok(paper)
}

/// The paper row and its receipt event, without an audit row of its own: an import's one audit
/// row vouches for all it registers (the caller checked the officer and read the unit's highest
/// level once).
pub(super) fn register(
    c: &mut Change<'_>,
    r: &Receipt,
    format: &str,
    highest: Level,
) -> Result<Paper> {
    rules::check_receive(&r.title, &r.originator, r.copies, &r.copy_nos)?;
    rules::check_within_unit_level(r.level, highest)?;
    let year = chrono::Datelike::year(&r.on);
    let no = match &r.no {
        Some(n) => {
            if find(&c.tx, n)?.is_some() {
                return Err(
                    Refusal::rule("R-PAP-4", format!("编号 {n} 已在台帐中，不能重复使用")).into(),
                );
            }
            n.clone()
        }
        None => next_number(c, Series::Receipt, year, format)?,
    };
    let keeper = if r.holder.is_empty() {
        c.handler()?.to_string()
    } else {
        r.holder.clone()
    };
    let paper = insert(
        c,
        &Paper {
            id: 0,
            no,
            origin: Origin::Received,
            registered_on: r.on,
            year,
            originator: r.originator.clone(),
            doc_no: r.doc_no.clone(),
            title: r.title.clone(),
            level: r.level,
            period: r.period,
            period_from: r.on,
            scope: r.scope.clone(),
            copies: r.copies,
            copy_nos: r.copy_nos.clone(),
            return_by: r.return_by,
            keep: r.keep,
            cipher: r.cipher,
            no_copy: r.no_copy,
            distribution: vec![],
            source_id: None,
            dispatch_no: None,
            keeper: keeper.clone(),
            holder: keeper.clone(),
            location: r.location.clone(),
            state: next_state(None, EventKind::Receive)?,
            extended: false,
            extended_until: None,
            due_on: None,
        },
    )?;
    let act = Act {
        on: r.on,
        person: keeper,
        unit: r.originator.clone(),
        ..Act::default()
    };
    insert_event(c, paper.id, EventKind::Receive, &act, EventLinks::default())?;
    Ok(paper)
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
    let request = match input.request_id {
        Some(id) => Some(request_plan(&c.tx, id)?),
        None => None,
    };
    let officers = super::accounts::officer_names(&c.tx)?;
    let ctx = ActContext {
        request: request.as_ref().map(|(s, p)| (*s, p)),
        reading_rooms: input.reading_rooms,
        officers: &officers,
    };
    let mut act = input.act.clone();
    // The loan and take-out dates come from what the leader approved.
    match (&input.kind, request.as_ref().map(|r| &r.1)) {
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
        }
        _ => {}
    }
    let next = rules::check_event(&paper, input.kind, &act, &ctx)?;
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
        let format = super::settings::load(&c.tx)?
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
    if let (Some(id), Some((state, plan))) = (input.request_id, request.as_ref()) {
        let finishes = match plan {
            // A destruction list is carried out when its last paper is destroyed.
            Plan::Destroy(d) => remaining_to_destroy(&c.tx, &d.papers)? == 0,
            _ => true,
        };
        if finishes {
            mark_executed(c, id, plan.kind(), *state)?;
        }
    }
    c.audit(
        input.kind.name(),
        &paper.no,
        snapshot(&paper),
        snapshot(&after),
    );
    Ok(after)
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

/// R-PAP-1, R-PAP-2, R-CLS-3: makes the paper an approved make request allows.
pub fn make(
    c: &mut Change<'_>,
    request_id: i64,
    copies: i64,
    on: NaiveDate,
    location: &str,
    waste: &str,
    format: &str,
) -> Result<Paper> {
    officer(c, "制作登记")?;
    crate::domain::text::check_text("存放位置", location, crate::domain::text::TEXT_MAX)?;
    crate::domain::text::check_text("残次品处理", waste, crate::domain::text::TEXT_MAX)?;
    let (state, plan) = request_plan(&c.tx, request_id)?;
    let ctx = ActContext {
        request: Some((state, &plan)),
        ..ActContext::default()
    };
    let plan = rules::check_make(&ctx, copies)?;
    let (level, period) = rules::check_make_plan(&plan)?;
    rules::check_within_unit_level(level, super::settings::load(&c.tx)?.highest_level)?;
    let year = chrono::Datelike::year(&on);
    let no = next_number(c, Series::Make, year, format)?;
    let keeper = c.handler()?.to_string();
    let unit = super::settings::load(&c.tx)?.unit_name;
    let paper = insert(
        c,
        &Paper {
            id: 0,
            no,
            origin: Origin::Made,
            registered_on: on,
            year,
            originator: unit,
            doc_no: String::new(),
            title: plan.title.clone(),
            level,
            period,
            period_from: on,
            scope: plan.scope.clone(),
            copies,
            copy_nos: (1..=copies)
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(","),
            return_by: None,
            keep: true,
            cipher: false,
            no_copy: false,
            distribution: plan.distribution.clone(),
            source_id: None,
            dispatch_no: None,
            keeper: keeper.clone(),
            holder: keeper,
            location: location.trim().to_string(),
            state: next_state(None, EventKind::Make)?,
            extended: false,
            extended_until: None,
            due_on: None,
        },
    )?;
    let act = Act {
        on,
        copies: Some(copies),
        note: if waste.trim().is_empty() {
            String::new()
        } else {
            format!("中间材料及残次品：{}", waste.trim())
        },
        ..Act::default()
    };
    insert_event(
        c,
        paper.id,
        EventKind::Make,
        &act,
        EventLinks {
            request_id: Some(request_id),
            ..EventLinks::default()
        },
    )?;
    mark_executed(c, request_id, RequestKind::Make, state)?;
    c.audit("制作", &paper.no, None, snapshot(&paper));
    Ok(paper)
}

/// What the officer may ask of a copy's marking: asking for anything but the original's is refused
/// (R-CLS-4).
#[derive(Debug, Clone, Default)]
pub struct CopyMarking {
    pub level: Option<Level>,
    pub period: Option<Period>,
    pub scope: Option<Vec<String>>,
}

/// A copy as the officer registers it.
#[derive(Debug, Clone, Default)]
pub struct CopyAct {
    pub request_id: i64,
    pub copies: i64,
    pub on: NaiveDate,
    pub marking: CopyMarking,
    pub location: String,
    /// 领取人: who takes the copies.
    pub receiver: String,
    pub return_by: Option<NaiveDate>,
}

/// R-PAP-19, R-PAP-20, R-CLS-4: registers an approved copy as a carrier of its own, linked to its
/// original, marked with the copying unit, count, date and serial number.
pub fn copy(c: &mut Change<'_>, no: &str, a: &CopyAct) -> Result<Paper> {
    let CopyAct {
        request_id,
        copies,
        on,
        ref marking,
        ref location,
        ref receiver,
        return_by,
    } = *a;
    officer(c, "复印")?;
    crate::domain::text::check_text("存放位置", location, crate::domain::text::TEXT_MAX)?;
    crate::domain::text::check_text("领取人", receiver, crate::domain::text::TEXT_MAX)?;
    let original = get(&c.tx, no)?;
    let (state, plan) = request_plan(&c.tx, request_id)?;
    let ctx = ActContext {
        request: Some((state, &plan)),
        ..ActContext::default()
    };
    rules::check_copy_marking(
        &original,
        marking.level,
        marking.period,
        marking.scope.as_deref(),
    )?;
    let copy_plan = rules::check_copy(&original, copies, &ctx)?;
    let next = rules::check_event(
        &original,
        EventKind::Copy,
        &Act {
            on,
            ..Act::default()
        },
        &ctx,
    )?;
    let settings = super::settings::load(&c.tx)?;
    let year = chrono::Datelike::year(&on);
    let copy_no = next_number(c, Series::Copy, year, settings.format(Series::Copy))?;
    let keeper = if receiver.trim().is_empty() {
        c.handler()?.to_string()
    } else {
        receiver.trim().to_string()
    };
    if let Some(r) = return_by
        && r < on
    {
        return Err(Refusal::field("归还日期", "不能早于复印日期").into());
    }
    let new = insert(
        c,
        &Paper {
            id: 0,
            no: copy_no.clone(),
            return_by,
            origin: Origin::Copy,
            registered_on: on,
            year,
            title: original.title.clone(),
            copies,
            copy_nos: (1..=copies)
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(","),
            source_id: Some(original.id),
            dispatch_no: None,
            keeper: keeper.clone(),
            holder: keeper,
            location: if location.trim().is_empty() {
                original.location.clone()
            } else {
                location.trim().to_string()
            },
            state: next_state(None, EventKind::Copy)?,
            extended: false,
            extended_until: None,
            due_on: None,
            distribution: vec![],
            // R-CLS-4: the original's level, period and scope.
            ..original.clone()
        },
    )?;
    let act = Act {
        on,
        copies: Some(copies),
        person: receiver.trim().to_string(),
        due: return_by,
        reference: copy_plan.external_ref.clone(),
        note: copy_plan.purpose.clone(),
        ..Act::default()
    };
    let links = EventLinks {
        request_id: Some(request_id),
        related_id: Some(new.id),
    };
    insert_event(c, original.id, EventKind::Copy, &act, links)?;
    insert_event(
        c,
        new.id,
        EventKind::Copy,
        &act,
        EventLinks {
            related_id: Some(original.id),
            ..links
        },
    )?;
    update(c, &original.after(EventKind::Copy, &act, next))?;
    mark_executed(c, request_id, RequestKind::Copy, state)?;
    c.audit("复印", &new.no, None, snapshot(&new));
    Ok(new)
}

/// R-PAP-21, R-CLS-5: registers an approved compilation, marked with the highest level and the
/// longest period of its sources.
pub fn compile(
    c: &mut Change<'_>,
    request_id: i64,
    on: NaiveDate,
    level: Option<Level>,
    period: Option<Period>,
    location: &str,
) -> Result<Paper> {
    officer(c, "汇编")?;
    crate::domain::text::check_text("存放位置", location, crate::domain::text::TEXT_MAX)?;
    let (state, plan) = request_plan(&c.tx, request_id)?;
    let sources: Vec<Paper> = plan
        .papers()
        .iter()
        .map(|n| get(&c.tx, n))
        .collect::<Result<_>>()?;
    let refs: Vec<&Paper> = sources.iter().collect();
    let ctx = ActContext {
        request: Some((state, &plan)),
        ..ActContext::default()
    };
    let compile_plan = rules::check_compile(&ctx, &refs)?;
    let (level, period) = rules::check_compile_marking(&refs, on, level, period)?;
    let settings = super::settings::load(&c.tx)?;
    let year = chrono::Datelike::year(&on);
    let no = next_number(c, Series::Compile, year, settings.format(Series::Compile))?;
    let keeper = c.handler()?.to_string();
    let mut scope: Vec<String> = Vec::new();
    for p in &sources {
        for s in &p.scope {
            if !scope.contains(s) {
                scope.push(s.clone());
            }
        }
    }
    let new = insert(
        c,
        &Paper {
            id: 0,
            no,
            origin: Origin::Compiled,
            registered_on: on,
            year,
            originator: settings.unit_name.clone(),
            doc_no: String::new(),
            title: compile_plan.title.clone(),
            level,
            period,
            period_from: on,
            scope,
            copies: 1,
            copy_nos: String::new(),
            return_by: None,
            keep: true,
            cipher: sources.iter().any(|p| p.cipher),
            no_copy: sources.iter().any(|p| p.no_copy),
            distribution: vec![],
            source_id: None,
            dispatch_no: None,
            keeper: keeper.clone(),
            holder: keeper,
            location: location.trim().to_string(),
            state: next_state(None, EventKind::Compile)?,
            extended: false,
            extended_until: None,
            due_on: None,
        },
    )?;
    let act = Act {
        on,
        reference: compile_plan.external_ref.clone(),
        note: format!(
            "汇编来源：{}",
            sources
                .iter()
                .map(|p| p.no.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ),
        ..Act::default()
    };
    insert_event(
        c,
        new.id,
        EventKind::Compile,
        &act,
        EventLinks {
            request_id: Some(request_id),
            ..EventLinks::default()
        },
    )?;
    for p in &sources {
        let next = next_state(Some(p.state), EventKind::Compile)?;
        insert_event(
            c,
            p.id,
            EventKind::Compile,
            &Act {
                on,
                reference: compile_plan.external_ref.clone(),
                note: format!("编入 {}", new.no),
                ..Act::default()
            },
            EventLinks {
                request_id: Some(request_id),
                related_id: Some(new.id),
            },
        )?;
        update(c, &p.after(EventKind::Compile, &act, next))?;
    }
    mark_executed(c, request_id, RequestKind::Compile, state)?;
    c.audit("汇编", &new.no, None, snapshot(&new));
    Ok(new)
}

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

/// Which papers a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub states: Vec<PaperState>,
    pub level: Option<Level>,
    pub year: Option<i32>,
    pub holder: Option<String>,
}

impl Filter {
    pub fn held() -> Filter {
        Filter {
            states: PaperState::HELD.to_vec(),
            ..Filter::default()
        }
    }

    fn sql(&self) -> (String, Vec<Value>) {
        let mut clauses = Vec::new();
        let mut values = Vec::new();
        let held: Vec<PaperState> = PaperState::HELD.to_vec();
        if self.states == held {
            // Through the (held, id) index, so that pages come in order without a sort.
            clauses.push("held = 1".into());
        } else if !self.states.is_empty() {
            let marks = vec!["?"; self.states.len()].join(",");
            clauses.push(format!("state IN ({marks})"));
            values.extend(self.states.iter().map(|s| Value::Text(s.code().into())));
        }
        if let Some(l) = self.level {
            clauses.push("level = ?".into());
            values.push(Value::Integer(l.code()));
        }
        if let Some(y) = self.year {
            clauses.push("year = ?".into());
            values.push(Value::Integer(y.into()));
        }
        if let Some(h) = &self.holder {
            clauses.push("holder = ?".into());
            values.push(Value::Text(h.clone()));
        }
        let sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        (sql, values)
    }
}

/// How a list is ordered. Each order is a key the database has an index for, so a page costs the
/// same at the top of a million rows as at the bottom.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    LevelHighFirst,
}

impl Sort {
    pub fn name(self) -> &'static str {
        match self {
            Sort::Newest => "最新登记在前",
            Sort::Oldest => "最早登记在前",
            Sort::LevelHighFirst => "密级高在前",
        }
    }

    pub fn next(self) -> Sort {
        match self {
            Sort::Newest => Sort::Oldest,
            Sort::Oldest => Sort::LevelHighFirst,
            Sort::LevelHighFirst => Sort::Newest,
        }
    }
}

/// Where a page starts: just after (or before) this row in the sort order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub id: i64,
    pub level: Level,
}

impl Cursor {
    pub fn of(p: &Paper) -> Cursor {
        Cursor {
            id: p.id,
            level: p.level,
        }
    }

    /// A cursor past the end of `sort`'s order: reading backward from it gives the last page.
    pub fn end_of(sort: Sort) -> Cursor {
        match sort {
            Sort::Newest | Sort::LevelHighFirst => Cursor {
                id: i64::MIN,
                level: Level::Public,
            },
            Sort::Oldest => Cursor {
                id: i64::MAX,
                level: Level::Public,
            },
        }
    }
}

/// A page of the ledger: `limit` rows after `after` (or before `before`, returned in order), with
/// keyset paging so that no page reads more than it shows.
pub fn page(
    conn: &Connection,
    filter: &Filter,
    sort: Sort,
    after: Option<Cursor>,
    before: Option<Cursor>,
    limit: usize,
) -> Result<Vec<Paper>> {
    let (where_sql, mut values) = filter.sql();
    let backward = before.is_some();
    let cursor = before.or(after);
    // (order, cursor condition) for reading forward; backward flips both.
    let (order, cond) = match (sort, backward) {
        (Sort::Newest, false) => ("id DESC", "id < ?"),
        (Sort::Newest, true) => ("id ASC", "id > ?"),
        (Sort::Oldest, false) => ("id ASC", "id > ?"),
        (Sort::Oldest, true) => ("id DESC", "id < ?"),
        (Sort::LevelHighFirst, false) => (
            "level DESC, id DESC",
            "(level < ? OR (level = ? AND id < ?))",
        ),
        (Sort::LevelHighFirst, true) => {
            ("level ASC, id ASC", "(level > ? OR (level = ? AND id > ?))")
        }
    };
    let mut sql = format!("SELECT {COLUMNS} FROM paper {where_sql}");
    if let Some(c) = cursor {
        sql.push_str(if where_sql.is_empty() {
            " WHERE "
        } else {
            " AND "
        });
        sql.push_str(cond);
        match sort {
            Sort::LevelHighFirst => {
                values.push(Value::Integer(c.level.code()));
                values.push(Value::Integer(c.level.code()));
                values.push(Value::Integer(c.id));
            }
            _ => values.push(Value::Integer(c.id)),
        }
    }
    sql.push_str(&format!(" ORDER BY {order} LIMIT {limit}"));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), row)?;
    let mut out: Vec<Paper> = rows.collect::<rusqlite::Result<_>>()?;
    if backward {
        out.reverse();
    }
    Ok(out)
}

/// How many papers a filter matches.
pub fn count(conn: &Connection, filter: &Filter) -> Result<i64> {
    let (where_sql, values) = filter.sql();
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM paper {where_sql}"),
        params_from_iter(values),
        |r| r.get(0),
    )?)
}

/// Every paper matching the filter, oldest first (export).
pub fn all(
    conn: &Connection,
    filter: &Filter,
    mut each: impl FnMut(Paper) -> Result<()>,
) -> Result<()> {
    let (where_sql, values) = filter.sql();
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM paper {where_sql} ORDER BY id"
    ))?;
    let mut rows = stmt.query(params_from_iter(values))?;
    while let Some(r) = rows.next()? {
        each(row(r)?)?;
    }
    Ok(())
}

/// The years papers were registered in, newest first (the ledger's year filter).
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    // One index probe per year rather than a scan of every row.
    let mut stmt = conn.prepare_cached("SELECT max(year) FROM paper WHERE year < ?1")?;
    let mut years = Vec::new();
    let mut below = i32::MAX;
    while let Some(y) = stmt.query_row([below], |r| r.get::<_, Option<i32>>(0))? {
        years.push(y);
        below = y;
    }
    Ok(years)
}

/// The papers that follow from a paper: its copies and compilations.
pub fn derived(conn: &Connection, id: i64) -> Result<Vec<Paper>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM paper WHERE source_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
