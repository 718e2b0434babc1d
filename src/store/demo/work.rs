//! This year's papers at work: circulation, loans, take-outs, copies, a compilation, a paper made
//! and sent, a loss.

use chrono::{Datelike, Duration};

use super::requests::{decide, file, let_know};
use super::words::PEOPLE;
use super::{Office, Pool, at, numbering_format};
use crate::domain::approval::PaperApproval;
use crate::domain::carrier::EventKind;
use crate::domain::dates;
use crate::domain::level::Level;
use crate::domain::numbering::Series;
use crate::domain::paper::{CompilePlan, CopyPlan, LoanPlan, MakePlan, Plan, TakeOutPlan};
use crate::domain::rules::paper::Act;
use crate::store::papers::{self, ActInput, CopyAct, CopyMarking};
use crate::store::stocktake::{self, StocktakeKind};
use crate::store::{Result, Stamp, Store, approvals};

pub(super) fn this_year(store: &mut Store, office: &Office, pool: &mut Pool) -> Result<()> {
    let today = office.today;
    let officer = &office.officer;
    let leader = &office.leader;
    let leader_name = &office.leader_name;
    let rooms = &office.rooms;
    let recent = today - Duration::days(10);

    // A 绝密 paper read in the secrecy room and returned; another still with its reader.
    if let Some(no) = pool.take(store, &|p| p.level == Level::TopSecret)? {
        let p = papers::get(store.conn(), &no)?;
        let reader = p.scope.first().cloned().unwrap_or_else(|| "办公室".into());
        let st = Stamp::new(officer.clone(), at(recent, 9));
        store.change(&st, |c| {
            papers::act(
                c,
                &no,
                &ActInput {
                    kind: EventKind::Circulate,
                    act: Act {
                        on: recent,
                        at: "09:30".into(),
                        person: reader.clone(),
                        place: "保密室".into(),
                        ..Act::default()
                    },
                    request_id: None,
                    reading_rooms: rooms,
                },
            )?;
            papers::act(
                c,
                &no,
                &ActInput {
                    kind: EventKind::CirculateBack,
                    act: Act {
                        on: recent,
                        at: "11:10".into(),
                        ..Act::default()
                    },
                    request_id: None,
                    reading_rooms: rooms,
                },
            )
        })?;
    }
    for _ in 0..2 {
        if let Some(no) = pool.take(store, &|p| p.level != Level::TopSecret)? {
            let p = papers::get(store.conn(), &no)?;
            let reader = p.scope.first().cloned().unwrap_or_default();
            // Out this morning: back in the cabinet by the end of the day (R-PAP-10).
            store.change(&Stamp::new(officer.clone(), at(today, 9)), |c| {
                papers::act(
                    c,
                    &no,
                    &ActInput {
                        kind: EventKind::Circulate,
                        act: Act {
                            on: today,
                            at: "10:00".into(),
                            person: reader.clone(),
                            ..Act::default()
                        },
                        request_id: None,
                        reading_rooms: rooms,
                    },
                )
            })?;
        }
    }
    // Loans: one overdue, one due soon.
    for (lent, back_in) in [(25, -5), (6, 4)] {
        if let Some(no) = pool.take(store, &|p| p.level != Level::TopSecret)? {
            let on = today - Duration::days(lent);
            let borrower = PEOPLE[(lent as usize) % PEOPLE.len()].to_string();
            let_know(store, officer, leader_name, on, &no, &borrower)?;
            let r = file(
                store,
                officer,
                on,
                Plan::Loan(LoanPlan {
                    paper: no.clone(),
                    borrower: borrower.clone(),
                    return_by: today + Duration::days(back_in),
                    purpose: "起草材料参考".into(),
                }),
            )?;
            decide(store, leader, on, r, true, "同意，按期归还")?;
            store.change(&Stamp::new(officer.clone(), at(on, 14)), |c| {
                papers::act(
                    c,
                    &no,
                    &ActInput {
                        kind: EventKind::Loan,
                        act: Act {
                            on,
                            person: borrower.clone(),
                            ..Act::default()
                        },
                        request_id: Some(r),
                        reading_rooms: rooms,
                    },
                )
            })?;
        }
    }
    // A take-out by two people, back tomorrow.
    if let Some(no) = pool.take(store, &|p| p.level == Level::Secret)? {
        let on = today - Duration::days(1);
        for person in ["张伟", "刘洋"] {
            let_know(store, officer, leader_name, on, &no, person)?;
        }
        let r = file(
            store,
            officer,
            on,
            Plan::TakeOut(TakeOutPlan {
                paper: no.clone(),
                persons: vec!["张伟".into(), "刘洋".into()],
                place: "省保密局".into(),
                purpose: "参加全省保密工作会议汇报".into(),
                return_by: today + Duration::days(1),
                ..TakeOutPlan::default()
            }),
        )?;
        decide(store, leader, on, r, true, "同意，二人同行，密件不离身")?;
        store.change(&Stamp::new(officer.clone(), at(on, 8)), |c| {
            papers::act(
                c,
                &no,
                &ActInput {
                    kind: EventKind::TakeOut,
                    act: Act {
                        on,
                        note: "参加全省保密工作会议汇报".into(),
                        ..Act::default()
                    },
                    request_id: Some(r),
                    reading_rooms: rooms,
                },
            )
        })?;
    }
    // A copy, approved on a signed paper form the officer recorded.
    if let Some(no) = pool.take(store, &|p| p.level == Level::Confidential && !p.no_copy)? {
        let on = today - Duration::days(20);
        let r = file(
            store,
            officer,
            on,
            Plan::Copy(CopyPlan {
                paper: no.clone(),
                copies: 2,
                purpose: "分送两位分管领导阅研".into(),
                external_ref: String::new(),
            }),
        )?;
        store.change(&Stamp::new(officer.clone(), at(on, 11)), |c| {
            approvals::decide(
                c,
                r,
                true,
                "同意复印2份",
                Some(&PaperApproval {
                    approver: leader_name.clone(),
                    date: on,
                    form_ref: format!("复印审批表〔{}〕07号", on.year()),
                }),
            )
        })?;
        let_know(store, officer, leader_name, on, &no, "王芳")?;
        store.change(&Stamp::new(officer.clone(), at(on, 15)), |c| {
            papers::copy(
                c,
                &no,
                &CopyAct {
                    request_id: r,
                    copies: 2,
                    on,
                    marking: CopyMarking::default(),
                    location: "".into(),
                    receiver: "王芳".into(),
                    return_by: Some(today + Duration::days(20)),
                },
            )
        })?;
    }
    // A compilation with the originators' approval.
    let a = pool.take(store, &|p| p.level == Level::Confidential)?;
    let b = pool.take(store, &|p| p.level == Level::Secret)?;
    if let (Some(a), Some(b)) = (a, b) {
        let on = today - Duration::days(40);
        let r = file(
            store,
            officer,
            on,
            Plan::Compile(CompilePlan {
                scope: vec![],
                papers: vec![a, b],
                title: format!("{}年上半年保密工作文件汇编", today.year()),
                external_ref: "经市委办公室、市保密局书面同意".into(),
            }),
        )?;
        // The originators approve a compilation (R-PAP-21): the officer records their letter.
        store.change(&Stamp::new(officer.clone(), at(on, 10)), |c| {
            approvals::decide(
                c,
                r,
                true,
                "同意汇编",
                Some(&PaperApproval {
                    approver: "市委办公室".into(),
                    date: on,
                    form_ref: "江委办函〔2026〕12号".into(),
                }),
            )
        })?;
        store.change(&Stamp::new(officer.clone(), at(on, 16)), |c| {
            papers::compile(c, r, on, None, None, "2号保密柜")
        })?;
    }
    // A paper the officer made, with the leader's approval, and sent within its distribution.
    {
        let on = today - Duration::days(30);
        let r = file(
            store,
            officer,
            on,
            Plan::Make(MakePlan {
                title: format!("{}年度保密工作要点", today.year()),
                level: "机密".into(),
                period: "10年".into(),
                scope: vec!["局领导".into(), "办公室".into()],
                copies: 5,
                distribution: vec!["市保密局".into(), "市委办公室".into()],
                purpose: "部署全年保密工作".into(),
                dept: "办公室".into(),
                ..MakePlan::default()
            }),
        )?;
        decide(store, leader, on, r, true, "同意制作5份")?;
        let format = numbering_format(store, Series::Make)?;
        let made = store.change(&Stamp::new(officer.clone(), at(on, 16)), |c| {
            papers::make(c, r, 5, on, "1号保密柜", "残页已粉碎", &format)
        })?;
        store.change(
            &Stamp::new(officer.clone(), at(on + Duration::days(1), 9)),
            |c| {
                papers::act(
                    c,
                    &made.no,
                    &ActInput {
                        kind: EventKind::Send,
                        act: Act {
                            on: on + Duration::days(1),
                            unit: "市保密局".into(),
                            channel: "机要交通".into(),
                            copies: Some(1),
                            ..Act::default()
                        },
                        request_id: None,
                        reading_rooms: rooms,
                    },
                )
            },
        )?;
    }
    // One paper not found at a count and reported lost.
    if let Some(no) = pool.take(store, &|p| p.level == Level::Confidential)? {
        let on = dates::month_end(today - Duration::days(40));
        store.change(&Stamp::new(officer.clone(), at(on, 16)), |c| {
            stocktake::record(
                c,
                StocktakeKind::Count,
                on,
                std::slice::from_ref(&no),
                "月末清点",
            )
        })?;
        let gap = stocktake::open_discrepancies(store.conn())?;
        if let Some(d) = gap.first() {
            store.change(
                &Stamp::new(officer.clone(), at(on + Duration::days(1), 9)),
                |c| {
                    stocktake::resolve(
                        c,
                        d.id,
                        false,
                        on + Duration::days(1),
                        "多方查找未果，已报告保密办",
                    )
                },
            )?;
            // Its incident (R-INC-2): reported the next morning, followed up, the police asked
            // to help, a measure set and checked, and closed.
            let found = on + Duration::days(1);
            if let Some(inc) = crate::store::incidents::of_carrier(store.conn(), &no)? {
                let fix_by = dates::iso(found + Duration::days(60));
                let measure = [
                    ("text", "清点改为两人逐份核对"),
                    ("fix_by", fix_by.as_str()),
                ];
                let steps: [Step<'_>; 6] = [
                    (
                        1,
                        "reported",
                        &[("time", "11:00"), ("ref", "江保报〔2026〕9号")],
                    ),
                    (2, "assist", &[("agency", "公安"), ("ref", "报案回执")]),
                    (
                        6,
                        "follow-up",
                        &[("note", "已查明系清点时夹入其他文件后误销毁")],
                    ),
                    (6, "measure", &measure),
                    (12, "fixed", &[("item", "1"), ("note", "已执行")]),
                    (13, "close", CLOSING_DEMO),
                ];
                for (days, verb, values) in steps {
                    let day = (found + Duration::days(days)).min(today);
                    let form = crate::store::records::ActForm {
                        verb: verb.into(),
                        values: values
                            .iter()
                            .map(|(k, v)| (k.to_string(), v.to_string()))
                            .collect(),
                        on: day,
                        request: None,
                    };
                    store.change(&Stamp::new(officer.clone(), at(day, 10)), |c| {
                        crate::store::records::act(
                            c,
                            &crate::domain::rules::incident::SPEC,
                            &inc,
                            &form,
                        )
                    })?;
                }
            }
        }
    }
    Ok(())
}

/// Days after the loss was found, the act, its values.
type Step<'a> = (i64, &'a str, &'a [(&'a str, &'a str)]);

/// The closing materials of the demo's incident (泄密事件报告查处制度第十一条).
const CLOSING_DEMO: &[(&str, &str)] = &[
    ("investigation", "清点时夹入待销毁文件，随同销毁"),
    ("handling", "当事人书面检查，全局通报批评"),
    ("rectified", "清点改为两人逐份核对"),
    ("inquiry_ref", "调查报告"),
    ("statement_ref", "情况说明和检讨书"),
    ("handling_ref", "处理情况报告"),
];
