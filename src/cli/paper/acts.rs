//! The acts on one paper, as one table: each verb's flags become the act, the request it carries
//! out, and the line that says it is done. Verbs that register papers or act on several are in
//! `mod.rs`.

use chrono::NaiveDate;

use super::{Failure, PaperCommand};
use crate::cli::{Env, date_flag, deadline_flag, past_flag};
use crate::domain::carrier::{EventKind, PaperState};
use crate::domain::dates;
use crate::domain::paper::Paper;
use crate::domain::rules::paper::{Act, ReviewResult};
use crate::domain::text::split_list;
use crate::store::{Store, papers};

/// One act on one paper as the command line asks for it.
pub(super) struct OneAct {
    pub no: String,
    pub kind: EventKind,
    pub act: Act,
    pub request: Option<i64>,
    /// What to print once it is done, from the paper as it is afterwards.
    pub done: Box<dyn Fn(&Paper) -> String>,
}

type Asked = Result<Result<OneAct, PaperCommand>, Failure>;

fn one(
    no: String,
    kind: EventKind,
    act: Act,
    request: Option<i64>,
    done: impl Fn(&Paper) -> String + 'static,
) -> Asked {
    Ok(Ok(OneAct {
        no,
        kind,
        act,
        request,
        done: Box::new(done),
    }))
}

/// The line for an act that has only its paper's number to tell.
fn said(words: &'static str) -> impl Fn(&Paper) -> String {
    move |p: &Paper| format!("{} {words}", p.no)
}

/// A loan or a take-out: the paper leaves under an approved request, signed for at `time`, and the
/// line says who has it and until when.
fn handed_out(no: String, kind: EventKind, request: i64, on: NaiveDate, time: String) -> Asked {
    let act = Act {
        on,
        at: time,
        ..Act::default()
    };
    one(no, kind, act, Some(request), move |p: &Paper| {
        let (went, back) = if kind == EventKind::Loan {
            (format!("已借给 {}", p.holder), "归还")
        } else {
            (format!("已由 {} 携带外出", p.holder), "带回")
        };
        let due = p.due_on.map(dates::zh).unwrap_or_default();
        format!("{} {went}，{due}前{back}", p.no)
    })
}

/// The act `c` asks for, or `c` back when it is not one act on one paper.
pub(super) fn one_act(c: PaperCommand, store: &Store, env: &Env) -> Asked {
    let day = |d: &Option<String>| past_flag("--date", d, env.today);
    match c {
        PaperCommand::Transfer {
            no,
            channel,
            to,
            escorts,
            date,
        } => {
            let act = Act {
                on: day(&date)?,
                unit: to,
                channel,
                persons: split_list(&escorts),
                ..Act::default()
            };
            one(no, EventKind::Transfer, act, None, said("已登记传递"))
        }
        PaperCommand::Circulate {
            no,
            reader,
            dept,
            place,
            time,
            date,
        } => {
            let act = Act {
                on: day(&date)?,
                at: time,
                person: reader,
                unit: dept,
                place,
                ..Act::default()
            };
            one(no, EventKind::Circulate, act, None, move |p: &Paper| {
                format!("{} 已交 {} 传阅", p.no, p.holder)
            })
        }
        PaperCommand::Back {
            no,
            location,
            time,
            date,
        } => {
            let p = papers::get(store.conn(), &no)?;
            let kind = match p.state {
                PaperState::Circulating => EventKind::CirculateBack,
                PaperState::OnLoan => EventKind::LoanBack,
                PaperState::TakenOut => EventKind::TakeBack,
                other => {
                    return Err(Failure::refused(format!(
                        "违反 R-PAP-10：{} 当前{}，没有需要收回的",
                        p.no,
                        other.name()
                    )));
                }
            };
            let act = Act {
                on: day(&date)?,
                at: time,
                place: location,
                ..Act::default()
            };
            one(no, kind, act, None, move |p: &Paper| {
                format!("{} 已{}，放回{}", p.no, kind.name(), p.location)
            })
        }
        PaperCommand::Loan {
            no,
            request,
            time,
            date,
        } => handed_out(no, EventKind::Loan, request, day(&date)?, time),
        PaperCommand::TakeOut {
            no,
            request,
            time,
            date,
        } => handed_out(no, EventKind::TakeOut, request, day(&date)?, time),
        PaperCommand::Scope {
            no,
            scope,
            by,
            reference,
            date,
        } => {
            let act = Act {
                on: day(&date)?,
                persons: split_list(&scope),
                person: by,
                reference,
                ..Act::default()
            };
            one(no, EventKind::Scope, act, None, move |p: &Paper| {
                format!("{} 知悉范围：{}", p.no, p.scope.join("、"))
            })
        }
        PaperCommand::Archive { no, place, date } => {
            let act = Act {
                on: day(&date)?,
                place,
                ..Act::default()
            };
            one(no, EventKind::Archive, act, None, said("已归档"))
        }
        PaperCommand::Extend {
            no,
            request,
            told,
            until,
            date,
        } => {
            let act = Act {
                on: day(&date)?,
                reference: told,
                due: match until {
                    Some(u) => Some(deadline_flag("--until", &u, env.today)?),
                    None => None,
                },
                ..Act::default()
            };
            one(
                no,
                EventKind::Extend,
                act,
                Some(request),
                move |p: &Paper| {
                    format!(
                        "{} 已延长使用至{}",
                        p.no,
                        p.extended_until.map(dates::zh).unwrap_or_default()
                    )
                },
            )
        }
        PaperCommand::HandOver {
            no,
            to,
            receiver,
            date,
        } => {
            let act = Act {
                on: day(&date)?,
                unit: to,
                person: receiver,
                ..Act::default()
            };
            one(no, EventKind::HandOver, act, None, said("已移交"))
        }
        PaperCommand::Lost {
            no,
            note,
            date,
            time,
        } => {
            let at = match time {
                Some(t) => crate::domain::ledgers::spec::parse_time("时间", &t)?
                    .format("%H:%M")
                    .to_string(),
                None => String::new(),
            };
            let act = Act {
                on: day(&date)?,
                note,
                at,
                ..Act::default()
            };
            one(no, EventKind::Lost, act, None, said("已登记遗失"))
        }
        PaperCommand::Found { no, note, date } => {
            let act = Act {
                on: day(&date)?,
                note,
                ..Act::default()
            };
            one(no, EventKind::Found, act, None, said("已找回"))
        }
        PaperCommand::Review {
            no,
            result,
            until,
            level,
            request,
            notice,
            date,
        } => {
            let until = match until {
                Some(u) => Some(date_flag("--until", &Some(u), env.today)?),
                None => None,
            };
            let method = if result.trim().is_empty() {
                String::new()
            } else {
                ReviewResult::parse(&result, until, &level)?.method()
            };
            let act = Act {
                on: day(&date)?,
                method,
                due: until,
                reference: notice,
                ..Act::default()
            };
            one(no, EventKind::Review, act, request, move |p: &Paper| {
                format!("{} 解密审查已记录：{}", p.no, p.mark())
            })
        }
        other => Ok(Err(other)),
    }
}
