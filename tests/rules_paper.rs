//! The paper rules through the store: each test tries the forbidden act, asserts the refusal names
//! its rule, and that nothing at all was written (papers, events, requests, audit rows). One test
//! binary, a module per stage in the seed's order as src/domain/rules/paper/ has them; the helpers
//! are here.

mod common;

use baomi::domain::carrier::{EventKind, PaperState};
use baomi::domain::dates::ymd;
use baomi::domain::paper::{Plan, ReceiveForm};
use baomi::domain::rules::paper::Act;
use baomi::store::papers::{self};
use baomi::store::{Stamp, Store, StoreError, approvals};
use common::*;

#[path = "rules_paper/circulation.rs"]
mod circulation;
#[path = "rules_paper/clearing.rs"]
mod clearing;
#[path = "rules_paper/compiling.rs"]
mod compiling;
#[path = "rules_paper/copying.rs"]
mod copying;
#[path = "rules_paper/count.rs"]
mod count;
#[path = "rules_paper/destruction.rs"]
mod destruction;
#[path = "rules_paper/life.rs"]
mod life;
#[path = "rules_paper/loans.rs"]
mod loans;
#[path = "rules_paper/making.rs"]
mod making;
#[path = "rules_paper/receiving.rs"]
mod receiving;
#[path = "rules_paper/taking_out.rs"]
mod taking_out;
#[path = "rules_paper/transfer.rs"]
mod transfer;

fn receive(
    s: &mut Store,
    title: &str,
    level: &str,
    extra: impl FnOnce(&mut ReceiveForm),
) -> String {
    let mut f = ReceiveForm {
        title: title.into(),
        originator: "市委办公室".into(),
        doc_no: "江委办〔2026〕88号".into(),
        level: level.into(),
        scope: "张三、李四、王芳、办公室".into(),
        date: "2026-11-02".into(),
        location: "1号保密柜".into(),
        ..ReceiveForm::default()
    };
    extra(&mut f);
    let r = f.parse(today()).unwrap();
    s.change(&officer(), |c| papers::receive(c, &r, "{年}-收-{序号:04}"))
        .unwrap()
        .no
}

fn act(
    s: &mut Store,
    st: &Stamp,
    no: &str,
    kind: EventKind,
    a: Act,
    request: Option<i64>,
) -> Result<PaperState, StoreError> {
    act_by(s, st, no, kind, a, request).map(|p| p.state)
}

fn on(d: u32) -> Act {
    Act {
        on: ymd(2026, 11, d),
        ..Act::default()
    }
}

fn file(s: &mut Store, plan: Plan) -> i64 {
    s.change(&officer(), |c| approvals::file(c, plan))
        .unwrap()
        .id
}

/// Asserts a refusal naming `rule` and that nothing was written.
fn refused<T: std::fmt::Debug>(
    s: &Store,
    before: &(String, i64, String, i64),
    r: Result<T, StoreError>,
    rule: &str,
) {
    match r {
        Err(StoreError::Refused(x)) => assert_eq!(x.rule_id(), Some(rule), "{x}"),
        other => panic!("expected a refusal by {rule}, got {other:?}"),
    }
    assert_eq!(
        &fingerprint(s),
        before,
        "nothing is written when {rule} refuses"
    );
}
