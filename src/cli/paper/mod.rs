//! `baomi paper …`: registering papers and every act on them, a page and a list.

mod acts;
mod args;
mod view;

pub use args::*;
pub use view::*;

use super::out::{outln, outp};
use super::{
    Env, Failure, Outcome, authenticate, deadline_flag, open, past_flag, print_json, stamp,
};
use crate::domain::carrier::EventKind;
use crate::domain::dates;
use crate::domain::level::{Level, Period};
use crate::domain::paper::Paper;
use crate::domain::rules::paper::{Act, envelope_level};
use crate::domain::text::split_list;
use crate::report::text::table;
use crate::store::papers::{self, ActInput, CopyAct, CopyMarking, Filter};
use crate::store::stocktake::{self, StocktakeKind};
use crate::store::{self, Store};

pub fn run(c: PaperCommand, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    match c {
        PaperCommand::Show { no, format } => {
            let page = page(&store, &no)?;
            if format == "json" {
                return print_json(&page);
            }
            return print_page(&page);
        }
        PaperCommand::List {
            state,
            level,
            year,
            holder,
            limit,
            format,
        } => {
            let filter =
                Filter {
                    states: match state {
                        Some(s) => state_filter(&s)?,
                        None => vec![],
                    },
                    level: match level {
                        Some(l) => Some(Level::parse(&l).ok_or_else(|| {
                            Failure::usage(format!("--level 的值「{l}」不是密级"))
                        })?),
                        None => None,
                    },
                    year,
                    holder,
                };
            return list(&store, &filter, limit, &format);
        }
        PaperCommand::Complete(a) => return super::complete::run(a, &mut store, &me, env),
        PaperCommand::Discrepancies => {
            let rows: Vec<Vec<String>> = stocktake::open_discrepancies(store.conn())?
                .into_iter()
                .map(|d| {
                    vec![
                        d.id.to_string(),
                        dates::iso(d.on),
                        d.kind.name().to_string(),
                        d.paper.no,
                        d.paper.title,
                        d.paper.state.name().to_string(),
                    ]
                })
                .collect();
            outp!(
                "{}",
                table(&["差异号", "日期", "类别", "编号", "标题", "状态"], &rows)
            );
            return Ok(());
        }
        PaperCommand::Mismatch(m) => return super::mismatch::run(m, &mut store, &me, env),
        _ => {}
    }
    let st = stamp(&me, env);
    let settings = store::settings::load(store.conn())?;
    let rooms = settings.reading_rooms.clone();
    // One act on one paper: the table in acts.rs says which, and how to say it is done.
    let c = match acts::one_act(c, &store, env)? {
        Ok(one) => {
            let p = act_one(
                &mut store,
                &st,
                &rooms,
                &one.no,
                one.kind,
                one.act,
                one.request,
            )?;
            outln!("{}", (one.done)(&p));
            return Ok(());
        }
        Err(c) => c,
    };
    let day = |d: &Option<String>| past_flag("--date", d, env.today);
    let act_input = |kind: EventKind, act: Act, request: Option<i64>| ActInput {
        kind,
        act,
        request_id: request,
        reading_rooms: &rooms,
    };
    match c {
        PaperCommand::Receive(a) => {
            let receipt = a.form().parse(env.today)?;
            let format = settings
                .format(crate::domain::numbering::Series::Receipt)
                .to_string();
            let p = store.change(&st, |c| {
                let p = papers::receive(c, &receipt, &format)?;
                // R-PAP-4: a disagreement found at receipt goes on the due list.
                if !a.mismatch.trim().is_empty() {
                    store::mismatches::record(c, &p.no, receipt.on, &a.mismatch)?;
                }
                Ok(p)
            })?;
            outln!("{}", p.no);
        }
        PaperCommand::Make {
            request,
            copies,
            location,
            waste,
            date,
        } => {
            let on = day(&date)?;
            let format = settings
                .format(crate::domain::numbering::Series::Make)
                .to_string();
            let p = store.change(&st, |c| {
                papers::make(c, request, copies, on, &location, &waste, &format)
            })?;
            outln!("{}", p.no);
        }
        PaperCommand::Send {
            nos,
            to,
            channel,
            copies,
            escorts,
            date,
        } => {
            let on = day(&date)?;
            let out = store.change(&st, |c| {
                let mut done = Vec::new();
                for no in &nos {
                    let act = Act {
                        on,
                        unit: to.clone(),
                        channel: channel.clone(),
                        persons: split_list(&escorts),
                        copies,
                        ..Act::default()
                    };
                    done.push(papers::act(c, no, &act_input(EventKind::Send, act, None))?);
                }
                Ok(done)
            })?;
            for p in &out {
                outln!(
                    "{} 已发出，发文编号 {}",
                    p.no,
                    p.dispatch_no.clone().unwrap_or_default()
                );
            }
            if let Some(level) = envelope_level(out.iter().map(|p| p.level))
                && out.len() > 1
            {
                outln!(
                    "同一信封内{}件，信封应标明最高密级：{level}（R-PAP-5）",
                    out.len()
                );
            }
        }
        PaperCommand::Count(a) => stocktake_cmd(&mut store, &st, StocktakeKind::Count, &a, env)?,
        PaperCommand::Check(a) => stocktake_cmd(&mut store, &st, StocktakeKind::Check, &a, env)?,
        PaperCommand::Return {
            nos,
            received_by,
            to,
            bureau_note,
            channel,
            date,
        } => {
            let on = day(&date)?;
            let done = store.change(&st, |c| {
                let mut n = 0;
                for no in &nos {
                    let p = papers::get(&c.tx, no)?;
                    let act = Act {
                        on,
                        person: received_by.clone(),
                        unit: if to.trim().is_empty() {
                            p.originator.clone()
                        } else {
                            to.clone()
                        },
                        reference: bureau_note.clone(),
                        channel: channel.clone(),
                        ..Act::default()
                    };
                    papers::act(c, no, &act_input(EventKind::Return, act, None))?;
                    n += 1;
                }
                Ok(n)
            })?;
            outln!("已清退 {done} 件");
        }
        PaperCommand::Copy {
            no,
            request,
            copies,
            receiver,
            return_by,
            level,
            period,
            scope,
            location,
            date,
        } => {
            let on = day(&date)?;
            let marking = CopyMarking {
                level: match level {
                    Some(l) => Some(Level::parse_field("密级", &l)?),
                    None => None,
                },
                period: match period {
                    Some(p) => Some(Period::parse_field("保密期限", &p)?),
                    None => None,
                },
                scope: scope.map(|s| split_list(&s)),
            };
            let return_by = match return_by {
                Some(r) => Some(deadline_flag("--return-by", &r, env.today)?),
                None => None,
            };
            let copies = match copies {
                Some(n) => n,
                None => match store::papers::request_plan(store.conn(), request)?.1 {
                    crate::domain::paper::Plan::Copy(p) => p.copies,
                    _ => 1,
                },
            };
            let p = store.change(&st, |c| {
                papers::copy(
                    c,
                    &no,
                    &CopyAct {
                        request_id: request,
                        copies,
                        on,
                        marking: marking.clone(),
                        location: location.clone(),
                        receiver: receiver.clone(),
                        return_by,
                    },
                )
            })?;
            outln!("{}", p.no);
        }
        PaperCommand::Compile {
            request,
            level,
            period,
            location,
            date,
        } => {
            let on = day(&date)?;
            let level = match level {
                Some(l) => Some(Level::parse_field("密级", &l)?),
                None => None,
            };
            let period = match period {
                Some(p) => Some(Period::parse_field("保密期限", &p)?),
                None => None,
            };
            let p = store.change(&st, |c| {
                papers::compile(c, request, on, level, period, &location)
            })?;
            outln!("{}", p.no);
        }
        PaperCommand::Destroy {
            nos,
            request,
            by,
            method,
            date,
        } => {
            let on = day(&date)?;
            let n = store.change(&st, |c| {
                for no in &nos {
                    let act = Act {
                        on,
                        persons: split_list(&by),
                        method: method.clone(),
                        ..Act::default()
                    };
                    papers::act(c, no, &act_input(EventKind::Destroy, act, Some(request)))?;
                }
                Ok(nos.len())
            })?;
            outln!("已销毁 {n} 件");
        }
        PaperCommand::Resolve {
            id,
            found,
            lost,
            note,
            date,
        } => {
            if found == lost {
                return Err(Failure::usage(
                    "请指明 --found（已找到）或 --lost（报告遗失）",
                ));
            }
            let on = day(&date)?;
            store.change(&st, |c| stocktake::resolve(c, id, found, on, &note))?;
            outln!("差异 {id} 已处理");
        }
        PaperCommand::Show { .. }
        | PaperCommand::List { .. }
        | PaperCommand::Discrepancies
        | PaperCommand::Complete(_)
        | PaperCommand::Mismatch(_) => {}
        // One act on one paper: done above, from the table in acts.rs.
        PaperCommand::Transfer { .. }
        | PaperCommand::Circulate { .. }
        | PaperCommand::Back { .. }
        | PaperCommand::Loan { .. }
        | PaperCommand::TakeOut { .. }
        | PaperCommand::Scope { .. }
        | PaperCommand::Archive { .. }
        | PaperCommand::Extend { .. }
        | PaperCommand::HandOver { .. }
        | PaperCommand::Lost { .. }
        | PaperCommand::Found { .. }
        | PaperCommand::Review { .. } => {}
    }
    Ok(())
}

fn stocktake_cmd(
    store: &mut Store,
    st: &store::Stamp,
    kind: StocktakeKind,
    a: &StocktakeArgs,
    env: &Env,
) -> Outcome {
    let on = past_flag("--date", &a.date, env.today)?;
    let missing = split_list(&a.missing);
    let r = store.change(st, |c| stocktake::record(c, kind, on, &missing, &a.note))?;
    outln!(
        "{}{}：在管 {} 件，{}到 {} 件，未找到 {} 件{}",
        dates::zh(on),
        kind.name(),
        r.held,
        kind.name(),
        r.found,
        r.missing.len(),
        if r.missing.is_empty() {
            String::new()
        } else {
            format!("（{}），已记为清点差异待处理", r.missing.join("、"))
        }
    );
    Ok(())
}

/// One act on one paper, as one change.
fn act_one(
    store: &mut Store,
    st: &store::Stamp,
    rooms: &[String],
    no: &str,
    kind: EventKind,
    act: Act,
    request_id: Option<i64>,
) -> Result<Paper, Failure> {
    Ok(store.change(st, |c| {
        papers::act(
            c,
            no,
            &ActInput {
                kind,
                act,
                request_id,
                reading_rooms: rooms,
            },
        )
    })?)
}
