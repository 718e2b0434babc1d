//! The paper acts the rule tests repeat, through the store as the officer (or as `st`).

use baomi::domain::carrier::EventKind;
use baomi::domain::dates::ymd;
use baomi::domain::paper::{LoanPlan, Paper, Plan};
use baomi::domain::rules::paper::Act;
use baomi::store::papers::{self, ActInput};
use baomi::store::{Stamp, Store, StoreError, approvals};

use super::{leader, officer};

/// The reading rooms the tests' unit has (R-PAP-7).
pub const ROOMS: [&str; 2] = ["保密室", "阅文室"];

/// Carries out `a` on paper `no` with the stamp `st`, under `request` if given.
pub fn act_by(
    s: &mut Store,
    st: &Stamp,
    no: &str,
    kind: EventKind,
    a: Act,
    request: Option<i64>,
) -> Result<Paper, StoreError> {
    let rooms: Vec<String> = ROOMS.iter().map(|r| r.to_string()).collect();
    s.change(st, |c| {
        papers::act(
            c,
            no,
            &ActInput {
                kind,
                act: a,
                request_id: request,
                reading_rooms: &rooms,
            },
        )
    })
}

/// `act_by` as the officer.
pub fn act(
    s: &mut Store,
    no: &str,
    kind: EventKind,
    a: Act,
    request: Option<i64>,
) -> Result<Paper, StoreError> {
    act_by(s, &officer(), no, kind, a, request)
}

/// Files `plan` as the officer; the request's id.
pub fn file(s: &mut Store, plan: Plan) -> Result<i64, StoreError> {
    s.change(&officer(), |c| approvals::file(c, plan))
        .map(|r| r.id)
}

/// The leader approves request `id` by their own login.
pub fn approve(s: &mut Store, id: i64) {
    s.change(&leader(), |c| approvals::decide(c, id, true, "同意", None))
        .unwrap();
}

/// A loan of paper `no` to `borrower`, back by 2026-12-10.
pub fn loan(no: &str, borrower: &str) -> Plan {
    Plan::Loan(LoanPlan {
        paper: no.into(),
        borrower: borrower.into(),
        return_by: ymd(2026, 12, 10),
        purpose: "起草材料".into(),
    })
}
