//! Acts taken in signed steps (R-DIS-2, R-EXT-1): the store finds who is logged in and who in the
//! unit holds which role; `domain::rules::steps::sign` decides whether they may sign the next step.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::super::{Change, Result, accounts};
use super::{Filter, for_each};
use crate::domain::account::Role;
use crate::domain::approval::StepWait;
use crate::domain::ledgers::{Record, Values};
use crate::domain::rules::{review, steps};

/// The act's values with the signer's name and day, or the refusal naming the rule.
pub fn sign(
    c: &Change<'_>,
    rule: &'static str,
    all: &[steps::Step],
    before: &Record,
    values: &Values,
    on: NaiveDate,
) -> Result<Values> {
    let me = accounts::get(&c.tx, &c.stamp.actor)?;
    let members = super::super::approvals::members(&c.tx)?;
    let who = steps::Signer {
        role: me.role,
        name: &me.display_name,
        members: &members,
    };
    Ok(steps::sign(rule, all, before, values, &who, on)?)
}

/// R-DIS-4: the reviews of requests for publication not yet decided, read by their open states
/// (an index): closed reviews accumulate for ever and are never read here.
pub fn awaiting_answer(conn: &Connection) -> Result<Vec<Record>> {
    let mut out = Vec::new();
    for step in review::STEPS {
        let filter = Filter {
            state: Some(step.key.to_string()),
            values: vec![("way".into(), "依申请".into())],
            held: true,
        };
        for_each(conn, &review::SPEC, &filter, |r| {
            out.push(r);
            Ok(true)
        })?;
    }
    Ok(out)
}

/// R-DIS-2, R-EXT-1: the records waiting for a department head's or a leader's step, in the queue
/// of `role` (every one for the officer), oldest wait first. Read by the open step states (an
/// index), so closed reviews are never read.
pub fn waiting(conn: &Connection, role: Role) -> Result<Vec<StepWait>> {
    let mut out = Vec::new();
    for spec in crate::domain::ledgers::spec::all() {
        for act in spec.acts {
            let Some((_, all)) = steps::of(spec.key, act.verb) else {
                continue;
            };
            let leaders = all
                .iter()
                .filter(|s| matches!(s.by, steps::By::DepartmentHead | steps::By::Leader));
            for step in leaders {
                let filter = Filter {
                    state: Some(step.key.to_string()),
                    values: Vec::new(),
                    held: true,
                };
                for_each(conn, spec, &filter, |r| {
                    if let Some(w) = StepWait::of(&r, act).filter(|w| w.for_role(role)) {
                        out.push(w);
                    }
                    Ok(true)
                })?;
            }
        }
    }
    out.sort_by(|a, b| (a.since, &a.no).cmp(&(b.since, &b.no)));
    Ok(out)
}
