//! The approval queue: filing requests, deciding them (by a leader's own login or a signed paper
//! approval the officer records, R-SYS-6), and withdrawing them.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Change, Result, StoreError, json, opt_date};
use crate::domain::account::Role;
use crate::domain::approval::{self, PaperApproval, RequestKind, RequestState};
use crate::domain::carrier::EventKind;
use crate::domain::dates;
use crate::domain::paper::{Paper, Plan};
use crate::domain::rules::paper as rules;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    pub id: i64,
    pub kind: RequestKind,
    #[serde(skip)]
    pub plan: Plan,
    pub summary: String,
    pub state: RequestState,
    pub requested_by: String,
    #[serde(serialize_with = "iso")]
    pub requested_on: NaiveDate,
    pub decider: &'static str,
    pub approver: Option<String>,
    #[serde(serialize_with = "opt_iso")]
    pub decided_on: Option<NaiveDate>,
    /// An approval lapses if not carried out by this day (the setting 审批有效期).
    #[serde(serialize_with = "opt_iso")]
    pub expires_on: Option<NaiveDate>,
    pub opinion: String,
    pub form_ref: String,
    pub papers: Vec<String>,
}

fn iso<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&dates::iso(*d))
}
fn opt_iso<S: serde::Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&dates::iso(*d)),
        None => s.serialize_none(),
    }
}

impl Request {
    /// Days the request has waited, as of `today`.
    pub fn age(&self, today: NaiveDate) -> i64 {
        (today - self.requested_on).num_days()
    }

    /// The request as an act under it finds it.
    pub fn granted(&self) -> approval::Granted<'_> {
        approval::Granted {
            state: self.state,
            plan: &self.plan,
            decided_on: self.decided_on,
            expires_on: self.expires_on,
        }
    }

    /// Approved, not carried out, and past its term as of `today`: the queue says so.
    pub fn lapsed(&self, today: NaiveDate) -> bool {
        self.state == RequestState::Approved && self.expires_on.is_some_and(|e| today > e)
    }
}

const COLUMNS: &str = "id, plan, state,
    coalesce((SELECT display_name FROM account a WHERE a.name = requested_by), requested_by),
    requested_on, approver, decided_on, opinion, form_ref";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Request>> {
    let plan: String = r.get(1)?;
    let Ok(plan) = serde_json::from_str::<Plan>(&plan) else {
        return Ok(None);
    };
    let state: String = r.get(2)?;
    let kind = plan.kind();
    Ok(Some(Request {
        id: r.get(0)?,
        kind,
        summary: plan.summary(),
        papers: plan.papers(),
        plan,
        state: RequestState::from_code(&state).unwrap_or(RequestState::Withdrawn),
        requested_by: r.get(3)?,
        requested_on: super::date(&r.get::<_, String>(4)?),
        decider: kind.authority(None).name(),
        approver: r.get(5)?,
        decided_on: opt_date(r.get(6)?),
        expires_on: None,
        opinion: r.get(7)?,
        form_ref: r.get(8)?,
    }))
}

pub fn get(conn: &Connection, id: i64) -> Result<Request> {
    let r = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM request WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?
        .flatten()
        .ok_or_else(|| StoreError::not_found("申请", id.to_string()))?;
    let valid = super::settings::load(conn)?.approval_valid_days;
    complete(conn, r, valid)
}

/// What a row alone cannot say: who decides (copying depends on the paper's level) and when the
/// approval lapses.
fn complete(conn: &Connection, mut r: Request, valid_days: i64) -> Result<Request> {
    r.decider = authority(conn, &r.plan)?.name();
    if r.state == RequestState::Approved {
        r.expires_on = r.decided_on.map(|d| approval::expires_on(d, valid_days));
    }
    Ok(r)
}

/// Who decides `plan`: the highest level among its papers decides for copying.
pub fn authority(conn: &Connection, plan: &Plan) -> Result<approval::Authority> {
    let mut level = None;
    if plan.kind() == RequestKind::Copy {
        for no in plan.papers() {
            if let Some(p) = super::papers::find(conn, &no)? {
                level = level.max(Some(p.level));
            }
        }
    }
    Ok(plan.kind().authority(level))
}

/// Requests in the given states (all when empty), oldest first.
pub fn list(conn: &Connection, states: &[RequestState]) -> Result<Vec<Request>> {
    let valid = super::settings::load(conn)?.approval_valid_days;
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM request ORDER BY id"))?;
    let rows = stmt.query_map([], row)?;
    let mut out = Vec::new();
    for r in rows {
        if let Some(r) = r?
            && (states.is_empty() || states.contains(&r.state))
        {
            out.push(complete(conn, r, valid)?);
        }
    }
    Ok(out)
}

/// Requests waiting for a decision: the bottom bar's count.
pub fn pending_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM request WHERE state = 'pending'",
        [],
        |r| r.get(0),
    )?)
}

/// What waits for `role`'s decision: the requests waiting (everyone's count, as before) and the
/// reviews waiting for the step `role` takes (R-DIS-2, R-EXT-1): the 待批 count.
pub fn waiting_count(conn: &Connection, role: Role) -> Result<i64> {
    let steps = super::records::steps::waiting(conn, role)?.len();
    Ok(pending_count(conn)? + i64::try_from(steps).unwrap_or(i64::MAX))
}

/// Requests of `kind` not yet carried out, rejected or withdrawn, with their plans.
fn open_requests(
    conn: &rusqlite::Connection,
    kind: crate::domain::approval::RequestKind,
) -> Result<Vec<(i64, RequestState, Plan)>> {
    let mut stmt = conn.prepare(
        "SELECT id, state, plan FROM request WHERE kind = ?1 AND state IN ('pending', 'approved')",
    )?;
    let rows = stmt.query_map([kind.code()], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, state, plan) = row?;
        if let (Some(state), Ok(plan)) = (
            RequestState::from_code(&state),
            serde_json::from_str::<Plan>(&plan),
        ) {
            out.push((id, state, plan));
        }
    }
    Ok(out)
}

/// Files a request after the checks its rule makes at filing time.
pub fn file(c: &mut Change<'_>, plan: Plan) -> Result<Request> {
    super::accounts::require_officer(c, "提交申请")?;
    plan.check_text()?;
    let today = c.stamp.today();
    let settings = super::settings::load(&c.tx)?;
    let papers: Vec<Paper> = plan
        .papers()
        .iter()
        .map(|n| super::papers::get(&c.tx, n))
        .collect::<Result<_>>()?;
    let refs: Vec<&Paper> = papers.iter().collect();
    match &plan {
        Plan::Make(p) => {
            rules::check_make_plan(p)?;
        }
        Plan::Copy(p) => {
            rules::check_copy_plan(&papers[0], p)?;
            rules::check_scope_set(&papers[0], "复印")?;
        }
        Plan::Compile(p) => rules::check_compile_plan(&refs, p)?,
        Plan::Loan(p) => {
            // R-MTG-1: a paper out at a meeting is collected there first.
            super::meetings::check_paper_act(c, &papers[0], EventKind::Loan, &Default::default())?;
            crate::domain::carrier::next_state(
                Some(papers[0].state),
                crate::domain::carrier::EventKind::Loan,
            )?;
            let people = super::people::knowers(&c.tx, [p.borrower.as_str()])?;
            let borrower = rules::knower(&people, &p.borrower, "");
            rules::check_loan_plan(&papers[0], p, &borrower, today)?;
        }
        Plan::TakeOut(p) => {
            super::meetings::check_paper_act(
                c,
                &papers[0],
                EventKind::TakeOut,
                &Default::default(),
            )?;
            crate::domain::carrier::next_state(
                Some(papers[0].state),
                crate::domain::carrier::EventKind::TakeOut,
            )?;
            rules::check_take_out_plan(p, papers[0].level, today)?;
            let people = super::people::knowers(&c.tx, p.persons.iter().map(String::as_str))?;
            for person in &p.persons {
                let who = rules::knower(&people, person, "");
                rules::check_in_scope(&papers[0], &who, "R-CLS-2", "携带外出")?;
            }
        }
        Plan::Destroy(_) => rules::check_destroy_plan(&refs)?,
        Plan::Extend(p) => {
            rules::check_extend_plan(&papers[0], p, today, settings.extension_max_years)?
        }
        Plan::Review(p) => rules::check_review_plan(&papers[0], p, today)?,
        _ => {}
    }
    // An act on a record: its values read again and its rules applied to the record as it is.
    let plan = match plan.record() {
        Some(rp) => {
            let kind = plan.kind();
            let (spec, act) = record_act(rp, kind)?;
            let (record, values) =
                super::records::check_request(c, spec, &rp.no, act.verb, &rp.values)?;
            let open = open_requests(&c.tx, kind)?;
            let found = open
                .iter()
                .find(|(_, _, p)| p.record().is_some_and(|o| o.no == record.no))
                .map(|(id, state, _)| (*id, *state));
            approval::check_not_requested_twice(kind, &record.no, found)?;
            let checked = crate::domain::paper::RecordPlan {
                ledger: spec.key.to_string(),
                no: record.no,
                act: act.verb.to_string(),
                values,
            };
            Plan::for_record(kind, checked).ok_or(StoreError::Internal("申请种类不符"))?
        }
        None => plan,
    };
    let open = open_requests(&c.tx, plan.kind())?;
    for no in plan.papers() {
        let found = open
            .iter()
            .find(|(_, _, p)| p.papers().contains(&no))
            .map(|(id, state, _)| (*id, *state));
        approval::check_not_requested_twice(plan.kind(), &no, found)?;
    }
    let text = serde_json::to_string(&plan).map_err(|_| StoreError::Internal("申请无法保存"))?;
    c.tx.execute(
        "INSERT INTO request (kind, plan, state, requested_by, requested_on, filed_at)
         VALUES (?1, ?2, 'pending', ?3, ?4, ?5)",
        params![
            plan.kind().code(),
            text,
            c.stamp.actor,
            dates::iso(today),
            super::accounts::instant(c.stamp.now)
        ],
    )?;
    let id = c.tx.last_insert_rowid();
    let request = get(&c.tx, id)?;
    c.audit(
        "提交申请",
        &format!("申请{id}"),
        None,
        json(serde_json::json!({"kind": plan.kind().name(), "summary": request.summary})),
    );
    Ok(request)
}

/// Approves or rejects. A leader decides by their own login; an officer records a signed paper
/// approval (R-SYS-6).
pub fn decide(
    c: &mut Change<'_>,
    id: i64,
    approve: bool,
    opinion: &str,
    paper: Option<&PaperApproval>,
) -> Result<Request> {
    let me = super::accounts::get(&c.tx, &c.stamp.actor)?;
    let before = get(&c.tx, id)?;
    approval::check_decider_for(me.role, authority(&c.tx, &before.plan)?, paper)?;
    let next = approval::decide(before.state, approve, opinion)?;
    if approve {
        let (by, at): (String, String) = c.tx.query_row(
            "SELECT requested_by, filed_at FROM request WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let by_name = super::accounts::find(&c.tx, &by)?
            .map(|a| a.display_name)
            .unwrap_or_else(|| by.clone());
        approval::check_independent(
            &approval::Filing {
                by: &by,
                by_name: &by_name,
                // Unreadable: as if filed at the beginning of time, so no account is older.
                at: super::accounts::parse_instant(&at).unwrap_or(chrono::NaiveDateTime::MIN),
            },
            &approval::Decider {
                name: &me.name,
                role: me.role,
                role_since: me.role_since,
            },
            paper,
        )?;
    }
    let authority = authority(&c.tx, &before.plan)?;
    let recorded = match paper {
        Some(form) => Some(approval::check_recorded_approval(
            before.kind,
            authority,
            form,
            before.requested_on,
            c.stamp.today(),
            &members(&c.tx)?,
        )?),
        None => {
            approval::check_login_decision(before.kind, authority, approve)?;
            None
        }
    };
    let (approver, on, form_ref) = match (recorded, paper) {
        (Some(approver), Some(p)) => (approver, p.date, p.form_ref.trim().to_string()),
        _ => (me.display_name.clone(), c.stamp.today(), String::new()),
    };
    c.tx.execute(
        "UPDATE request SET state = ?2, decided_by = ?3, approver = ?4, decided_on = ?5,
            opinion = ?6, form_ref = ?7 WHERE id = ?1",
        params![
            id,
            next.code(),
            me.name,
            approver,
            dates::iso(on),
            opinion.trim(),
            form_ref
        ],
    )?;
    let after = get(&c.tx, id)?;
    c.audit(
        if approve { "批准" } else { "驳回" },
        &format!("申请{id}"),
        json(serde_json::json!({"state": before.state.name()})),
        json(serde_json::json!({
            "state": next.name(), "approver": approver, "opinion": opinion.trim(), "form_ref": form_ref
        })),
    );
    Ok(after)
}

/// The unit's active accounts, as the approval checks know them.
pub(crate) fn members(conn: &Connection) -> Result<Vec<approval::Member>> {
    Ok(super::accounts::list(conn)?
        .into_iter()
        .filter(|a| a.active)
        .map(|a| approval::Member {
            leader: a.role == Role::Leader,
            department_head: a.role == Role::DepartmentHead,
            name: a.name,
            display_name: a.display_name,
        })
        .collect())
}

pub fn withdraw(c: &mut Change<'_>, id: i64) -> Result<Request> {
    super::accounts::require_officer(c, "撤回申请")?;
    let before = get(&c.tx, id)?;
    let next = approval::withdraw(before.state)?;
    c.tx.execute(
        "UPDATE request SET state = ?2 WHERE id = ?1",
        params![id, next.code()],
    )?;
    c.audit(
        "撤回申请",
        &format!("申请{id}"),
        json(serde_json::json!({"state": before.state.name()})),
        json(serde_json::json!({"state": next.name()})),
    );
    get(&c.tx, id)
}

/// The ledger and act a record plan of `kind` names, as they are described.
fn record_act(
    rp: &crate::domain::paper::RecordPlan,
    kind: RequestKind,
) -> Result<(
    &'static crate::domain::ledgers::LedgerSpec,
    &'static crate::domain::ledgers::ActSpec,
)> {
    let spec = crate::domain::ledgers::spec::find(&rp.ledger)
        .ok_or_else(|| StoreError::not_found("台帐", rp.ledger.clone()))?;
    match spec.act(&rp.act) {
        Some(act) if RequestKind::for_act(spec.key, act.verb) == Some(kind) => Ok((spec, act)),
        _ => Err(StoreError::not_found("须审批的办理事项", rp.act.clone())),
    }
}

/// The values approved by request `id` for `act` on record `no`, when the approval is in force
/// `on` that day (R-SYS-6 and the act's rule); refused otherwise, naming the rule.
pub fn record_plan_in_force(
    c: &Change<'_>,
    id: i64,
    spec: &'static crate::domain::ledgers::LedgerSpec,
    act: &'static crate::domain::ledgers::ActSpec,
    no: &str,
    on: NaiveDate,
) -> Result<crate::domain::ledgers::Values> {
    let request = get(&c.tx, id)?;
    let wanted = RequestKind::for_act(spec.key, act.verb)
        .ok_or(StoreError::Internal("该办理事项不需审批"))?;
    let Some(rp) = request.plan.record().filter(|_| request.kind == wanted) else {
        return Err(crate::domain::Refusal::rule(
            act.rule,
            format!(
                "申请{id}是{}申请，不是{}申请",
                request.kind.name(),
                wanted.name()
            ),
        )
        .into());
    };
    if rp.no != no {
        return Err(crate::domain::Refusal::rule(
            act.rule,
            format!("申请{id}批准的是 {}，不是 {no}", rp.no),
        )
        .into());
    }
    approval::check_in_force(wanted, &request.granted(), on)?;
    Ok(rp.values.clone())
}

/// Marks request `id` carried out on `on`, in the act's change.
pub fn mark_executed(c: &mut Change<'_>, id: i64, on: NaiveDate) -> Result<()> {
    let before = get(&c.tx, id)?;
    approval::execute(before.kind, before.state)?;
    c.tx.execute(
        "UPDATE request SET state = 'executed', executed_on = ?2 WHERE id = ?1",
        params![id, dates::iso(on)],
    )?;
    c.audit(
        "执行申请",
        &format!("申请{id}"),
        json(serde_json::json!({"state": before.state.name()})),
        json(serde_json::json!({"state": RequestState::Executed.name()})),
    );
    Ok(())
}
