//! Requests: filing and deciding them, and the ones still waiting at the end of the story.

use chrono::{Duration, NaiveDate};

use super::{Office, Pool, at};
use crate::domain::carrier::{EventKind, PaperState};
use crate::domain::level::Level;
use crate::domain::paper::{CopyPlan, DestroyPlan, LoanPlan, Plan};
use crate::domain::rules::paper::Act;
use crate::store::papers::{self, ActInput};
use crate::store::{Result, Stamp, Store, approvals};

/// Requests waiting: a loan, a copy of 绝密 with the originator's approval, a destruction list;
/// and one the leader rejected.
pub(super) fn waiting(store: &mut Store, office: &Office, pool: &mut Pool) -> Result<()> {
    let today = office.today;
    let officer = &office.officer;
    let leader = &office.leader;
    let leader_name = &office.leader_name;
    if let Some(no) = pool.take(store, &|p| p.level == Level::Secret)? {
        let_know(
            store,
            officer,
            leader_name,
            today - Duration::days(2),
            &no,
            "黄敏",
        )?;
        file(
            store,
            officer,
            today - Duration::days(2),
            Plan::Loan(LoanPlan {
                paper: no,
                borrower: "黄敏".into(),
                return_by: today + Duration::days(7),
                purpose: "专项检查备查".into(),
            }),
        )?;
    }
    if let Some(no) = pool.take(store, &|p| p.level == Level::TopSecret)? {
        file(
            store,
            officer,
            today - Duration::days(1),
            Plan::Copy(CopyPlan {
                paper: no,
                copies: 1,
                purpose: "上报省委办公厅".into(),
                external_ref: "省委办公厅机要处同意复印函".into(),
            }),
        )?;
    }
    let no_value: Vec<String> = pool
        .this_year
        .iter()
        .filter(|n| !pool.used.contains(*n))
        .filter_map(|n| papers::get(store.conn(), n).ok())
        .filter(|p| !p.keep && p.state == PaperState::InStock)
        .map(|p| p.no)
        .take(3)
        .collect();
    if !no_value.is_empty() {
        file(
            store,
            officer,
            today,
            Plan::Destroy(DestroyPlan {
                papers: no_value,
                reason: "无保存价值".into(),
            }),
        )?;
    }
    if let Some(no) = pool.take(store, &|p| p.level == Level::Confidential)? {
        let on = today - Duration::days(12);
        let borrower = papers::get(store.conn(), &no)?
            .scope
            .first()
            .cloned()
            .unwrap_or_else(|| "马超".into());
        let r = file(
            store,
            officer,
            on,
            Plan::Loan(LoanPlan {
                paper: no,
                borrower,
                return_by: today + Duration::days(30),
                purpose: "个人学习".into(),
            }),
        )?;
        decide(store, leader, on, r, false, "非工作需要，不予借阅")?;
    }
    Ok(())
}

/// The leader's instruction that lets `person` know the paper (R-CLS-2), when the scope does not
/// already take them in: what an officer records before lending it to them.
pub(super) fn let_know(
    store: &mut Store,
    officer: &str,
    leader: &str,
    on: NaiveDate,
    no: &str,
    person: &str,
) -> Result<()> {
    let p = papers::get(store.conn(), no)?;
    let people = crate::store::people::knowers(store.conn(), [person])?;
    let who = crate::domain::rules::paper::knower(&people, person, "");
    if crate::domain::rules::paper::in_scope(&p.scope, &who) {
        return Ok(());
    }
    let mut scope = p.scope.clone();
    scope.push(person.to_string());
    store.change(&Stamp::new(officer, at(on, 8)), |c| {
        papers::act(
            c,
            no,
            &ActInput {
                kind: EventKind::Scope,
                act: Act {
                    on,
                    persons: scope.clone(),
                    person: leader.to_string(),
                    reference: "领导批示单".into(),
                    ..Act::default()
                },
                request_id: None,
                reading_rooms: &[],
            },
        )
    })?;
    Ok(())
}

pub(super) fn file(store: &mut Store, officer: &str, on: NaiveDate, plan: Plan) -> Result<i64> {
    Ok(store
        .change(&Stamp::new(officer, at(on, 9)), |c| {
            approvals::file(c, plan)
        })?
        .id)
}

pub(super) fn decide(
    store: &mut Store,
    leader: &str,
    on: NaiveDate,
    id: i64,
    approve: bool,
    opinion: &str,
) -> Result<()> {
    store.change(&Stamp::new(leader, at(on, 10)), |c| {
        approvals::decide(c, id, approve, opinion, None)
    })?;
    Ok(())
}
