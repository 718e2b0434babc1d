//! Acts taken in signed steps (R-DIS-2, R-EXT-1): the store finds who is logged in and who in the
//! unit holds which role; `domain::rules::steps::sign` decides whether they may sign the next step.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::super::{Change, Result, accounts};
use super::{Filter, for_each};
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
