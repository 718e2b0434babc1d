//! A paper carrier as the rules see it: where it came from, its facts, and what each event does to
//! it. The plans that go into the approval queue, the receipt form and the ledger file are in the
//! files beside.

mod ledger;
mod plan;
mod receipt;

pub use ledger::*;
pub use plan::*;
pub use receipt::*;

use chrono::NaiveDate;

use super::carrier::PaperState;
use super::level::{Level, Mark, Period};

/// How a paper came into the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Received,
    Made,
    Copy,
    Compiled,
}

impl Origin {
    pub fn code(self) -> &'static str {
        match self {
            Origin::Received => "received",
            Origin::Made => "made",
            Origin::Copy => "copy",
            Origin::Compiled => "compiled",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Origin::Received => "收文",
            Origin::Made => "本单位制作",
            Origin::Copy => "复印件",
            Origin::Compiled => "汇编",
        }
    }

    pub fn from_code(s: &str) -> Option<Origin> {
        [
            Origin::Received,
            Origin::Made,
            Origin::Copy,
            Origin::Compiled,
        ]
        .into_iter()
        .find(|o| o.code() == s)
    }
}

/// A paper in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    pub id: i64,
    /// 登记编号: the receipt number for received papers, the unit's own number otherwise.
    pub no: String,
    pub origin: Origin,
    /// The day it was received or made.
    pub registered_on: NaiveDate,
    /// The year it belongs to for clearing (R-PAP-14).
    pub year: i32,
    pub originator: String,
    pub doc_no: String,
    pub title: String,
    pub level: Level,
    pub period: Option<Period>,
    /// The day the period counts from: the registration, or for a copy its original's (R-CLS-4).
    pub period_from: NaiveDate,
    /// 知悉范围: names or departments that may read it.
    pub scope: Vec<String>,
    pub copies: i64,
    pub copy_nos: String,
    /// 制发机关规定的清退时间 (R-PAP-15).
    pub return_by: Option<NaiveDate>,
    /// False when marked of no value to keep (R-PAP-22).
    pub keep: bool,
    /// 密码电报 (R-PAP-24).
    pub cipher: bool,
    /// The originator forbids copying (R-PAP-19).
    pub no_copy: bool,
    /// Approved distribution for sending (R-PAP-5).
    pub distribution: Vec<String>,
    pub source_id: Option<i64>,
    pub dispatch_no: Option<String>,
    /// 保管人: who keeps it when it is in the cabinet.
    pub keeper: String,
    /// Who has it now.
    pub holder: String,
    pub location: String,
    pub state: PaperState,
    /// An approved extension of use (R-PAP-14) and until when, if it says.
    pub extended: bool,
    pub extended_until: Option<NaiveDate>,
    /// While lent or taken out: the promised return date (R-PAP-9, R-PAP-11).
    pub due_on: Option<NaiveDate>,
}

impl Paper {
    pub fn mark(&self) -> Mark {
        Mark::new(self.level, self.period)
    }

    /// The day the secrecy period ends. `None` for 长期 or no period.
    pub fn period_end(&self) -> Option<NaiveDate> {
        self.period.and_then(|p| p.end_from(self.period_from))
    }
}

/// The event that brings an imported paper to the state its ledger row gives. Import records what
/// was already done on paper, so no approval is asked for it.
pub fn import_event(state: PaperState) -> Option<super::carrier::EventKind> {
    use super::carrier::EventKind as E;
    Some(match state {
        PaperState::InStock => return None,
        PaperState::Circulating => E::Circulate,
        PaperState::OnLoan => E::Loan,
        PaperState::TakenOut => E::TakeOut,
        PaperState::Returned => E::Return,
        PaperState::Archived => E::Archive,
        PaperState::HandedOver => E::HandOver,
        PaperState::Destroyed => E::Destroy,
        PaperState::Lost => E::Lost,
    })
}

impl Paper {
    /// The paper after `kind` has happened to it, with `next` the state the machine gave. This is
    /// what the store caches on the ledger row.
    pub fn after(
        &self,
        kind: super::carrier::EventKind,
        act: &super::rules::paper::Act,
        next: PaperState,
    ) -> Paper {
        use super::carrier::EventKind as E;
        let mut p = self.clone();
        p.state = next;
        match kind {
            // R-MTG-1: the meeting has it (its number and name stand for the attendees).
            E::Circulate | E::MeetingIssue => p.holder = act.person.trim().to_string(),
            E::Loan => {
                p.holder = act.person.trim().to_string();
                p.due_on = act.due;
            }
            E::TakeOut => {
                // Those who carry it; an imported row names only the holder.
                p.holder = if act.persons.is_empty() {
                    act.person.trim().to_string()
                } else {
                    act.persons.join("、")
                };
                p.due_on = act.due;
            }
            E::CirculateBack | E::LoanBack | E::TakeBack | E::Found | E::MeetingCollect => {
                p.holder = p.keeper.clone();
                p.due_on = None;
            }
            // R-PAP-26: a notebook handed in is the secrecy room's, in the cabinet named.
            E::HandIn => {
                p.holder = act.person.trim().to_string();
                p.due_on = None;
            }
            E::Return | E::HandOver => {
                p.holder = String::new();
                p.due_on = None;
                p.location = act.unit.trim().to_string();
            }
            E::Archive => {
                p.holder = String::new();
                p.due_on = None;
                if !act.place.trim().is_empty() {
                    p.location = act.place.trim().to_string();
                }
            }
            E::Destroy => {
                p.holder = String::new();
                p.due_on = None;
                p.location = String::new();
            }
            E::Extend => {
                p.extended = true;
                p.extended_until = act.due;
            }
            E::Review => {
                use super::rules::paper::ReviewResult as R;
                match R::parse(&act.method, act.due, "") {
                    Ok(R::Declassify) => {
                        p.level = Level::Public;
                        p.period = None;
                    }
                    Ok(R::Period(d)) => p.period = Some(Period::Until(d)),
                    Ok(R::Level(l)) => p.level = l,
                    Err(_) => {}
                }
            }
            E::Send => {
                if let Some(n) = act.copies {
                    p.copies = (p.copies - n).max(0);
                    // The numbered copies leave in order; those kept stay listed.
                    let nos = super::text::split_list(&p.copy_nos);
                    if !nos.is_empty() {
                        p.copy_nos = nos
                            .into_iter()
                            .skip(usize::try_from(n).unwrap_or(0))
                            .collect::<Vec<_>>()
                            .join(",");
                    }
                }
            }
            E::Scope => p.scope = act.persons.clone(),
            E::Count | E::Check | E::Transfer | E::Copy | E::Compile | E::Lost => {}
            E::Make | E::Receive | E::Issue => {}
        }
        // R-PAP-10: back in the cabinet the officer named (a registered one: store::cabinets).
        if !act.place.trim().is_empty()
            && matches!(
                kind,
                E::Count
                    | E::Check
                    | E::Found
                    | E::CirculateBack
                    | E::LoanBack
                    | E::TakeBack
                    | E::HandIn
            )
        {
            p.location = act.place.trim().to_string();
        }
        p
    }
}
