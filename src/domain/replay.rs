//! A paper's cached fields derived again from its history (R-SYS-3, R-PAP-25). The ledger row
//! caches state, holder, location, due date, marking and copies for speed; the events are the
//! truth. `audit verify` replays every paper's events from its registration facts and compares:
//! an edited cache (`UPDATE paper SET state = 'destroyed'`) is found even though no event says so.

use super::Checked;
use super::carrier::{EventKind, next_state};
use super::level::{Level, Period};
use super::paper::Paper;
use super::rules::paper::Act;

/// What a paper was when it was registered: the values its events start from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstFacts {
    pub level: Level,
    pub period: Option<Period>,
    pub copies: i64,
    pub copy_nos: String,
    pub location: String,
    /// The scope registered with the paper; the leader's instruction may change it later.
    pub scope: Vec<String>,
}

impl FirstFacts {
    pub fn of(p: &Paper) -> FirstFacts {
        FirstFacts {
            level: p.level,
            period: p.period,
            copies: p.copies,
            copy_nos: p.copy_nos.clone(),
            location: p.location.clone(),
            scope: p.scope.clone(),
        }
    }
}

/// The paper after its `events`, starting from `paper`'s registration facts and `first`. The
/// cached fields of `paper` itself are ignored. Refuses as the state machine would when the
/// history is impossible.
pub fn replay(paper: &Paper, first: &FirstFacts, events: &[(EventKind, Act)]) -> Checked<Paper> {
    let mut p = Paper {
        level: first.level,
        period: first.period,
        copies: first.copies,
        copy_nos: first.copy_nos.clone(),
        location: first.location.clone(),
        scope: first.scope.clone(),
        holder: paper.keeper.clone(),
        due_on: None,
        extended: false,
        extended_until: None,
        dispatch_no: None,
        ..paper.clone()
    };
    let mut state = None;
    // Copies held before a send that sent them all: the hand-over that closes it keeps the count.
    let mut before_full_send: Option<i64> = None;
    for (kind, act) in events {
        let next = next_state(state, *kind)?;
        if state.is_none() {
            p.state = next;
            state = Some(next);
            continue;
        }
        let held = p.copies;
        if *kind == EventKind::HandOver
            && let Some(n) = before_full_send.take()
        {
            p.copies = n;
        }
        p = p.after(*kind, act, next);
        if *kind == EventKind::Send {
            if !act.reference.is_empty() {
                p.dispatch_no = Some(act.reference.clone());
            }
            if p.copies == 0 {
                before_full_send = Some(held);
            }
        }
        state = Some(next);
    }
    Ok(p)
}

/// The cached fields of `stored` that differ from `derived`, by their Chinese names.
pub fn differences(stored: &Paper, derived: &Paper) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |same: bool, name| {
        if !same {
            out.push(name);
        }
    };
    check(stored.state == derived.state, "状态");
    check(stored.holder == derived.holder, "持有人");
    check(stored.location == derived.location, "存放位置");
    check(stored.due_on == derived.due_on, "应还日期");
    check(stored.extended == derived.extended, "延期");
    check(stored.extended_until == derived.extended_until, "延期至");
    check(stored.level == derived.level, "密级");
    check(stored.period == derived.period, "保密期限");
    check(stored.copies == derived.copies, "份数");
    check(stored.copy_nos == derived.copy_nos, "份号");
    check(stored.dispatch_no == derived.dispatch_no, "发文编号");
    check(stored.scope == derived.scope, "知悉范围");
    out
}
