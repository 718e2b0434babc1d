//! The forms the batch screens open: the count's confirmation, batch return, the destruction list
//! and carrying it out, and resolving a discrepancy.

use std::cell::Cell;
use std::rc::Rc;

use chrono::NaiveDate;

use super::ticks::{Selection, Ticks};
use crate::domain::Refusal;
use crate::domain::carrier::EventKind;
use crate::domain::dates;
use crate::domain::paper::{DestroyPlan, Plan};
use crate::domain::rules::paper::{Act, DESTROY_METHODS};
use crate::domain::text::split_list;
use crate::store::papers::{self, ActInput};
use crate::store::stocktake::{self, StocktakeKind};
use crate::store::{StoreError, approvals};
use crate::ui::action::Session;
use crate::ui::screens::confirm::Confirm;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};

/// What the count's confirmation says: the numbers of the cabinets and the papers out.
pub struct CountSummary {
    pub kind: StocktakeKind,
    pub on: NaiveDate,
    /// Papers in their cabinets, and how many of them are ticked.
    pub in_cabinets: i64,
    pub ticked: i64,
    /// Papers out of their cabinets (not counted), and the overdue among those shown.
    pub out: i64,
    pub overdue: Vec<String>,
}

/// 完成清点: what is ticked was found in its cabinet; what is not is a discrepancy; what is out is
/// recorded where it is, an overdue one as an exception (R-PAP-12, R-PAP-13). `done` is set when
/// the count is recorded, so that the screen starts afresh.
pub fn count_confirm(sum: CountSummary, ticks: Ticks, done: Rc<Cell<bool>>) -> Confirm {
    let CountSummary {
        kind,
        on,
        in_cabinets,
        ticked,
        out,
        overdue,
    } = sum;
    let mut lines = vec![format!(
        "在柜 {in_cabinets} 件：{}到 {ticked} 件，未找到 {} 件。",
        kind.name(),
        in_cabinets - ticked
    )];
    if in_cabinets > ticked {
        lines.push("未勾选的将记为清点差异，待找到或报告遗失".into());
    }
    if out > 0 {
        lines.push(format!(
            "不在柜 {out} 件：不算{}到，按去向记入{}表",
            kind.name(),
            kind.name()
        ));
    }
    if !overdue.is_empty() {
        lines.push(format!("其中逾期未还、记为异常的：{}", overdue.join("、")));
    }
    lines.push(format!("日期：{}", dates::zh(on)));
    Confirm::new(
        format!("完成{}", kind.name()),
        lines,
        Box::new(move |s: &mut Session| {
            let missing = ticks.missing(s.store.conn())?;
            let stamp = s.stamp();
            let r = s
                .store
                .change(&stamp, |c| stocktake::record(c, kind, on, &missing, ""))?;
            done.set(true);
            let exceptions = r.out.iter().filter(|w| w.overdue).count();
            Ok(format!(
                "{}已记录：清点到{}件，未找到{}件，不在柜{}件{}{}",
                kind.name(),
                r.found,
                r.missing.len(),
                r.out.len(),
                if exceptions > 0 {
                    format!("（逾期未还{exceptions}件，记为异常）")
                } else {
                    String::new()
                },
                if r.missing.is_empty() {
                    ""
                } else {
                    "；按 c 处理清点差异"
                }
            ))
        }),
    )
}

/// 提交销毁清单: the chosen papers in one destruction request for the leader (R-PAP-23).
pub fn destroy_list_form(selection: Selection, n: i64, done: Rc<Cell<bool>>) -> Form {
    Form::new(
        "提交销毁清单",
        vec![Field::text("reason", "理由").with("无保存价值")],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let selection = selection.clone();
            let reason = v.get("reason").to_string();
            let done = done.clone();
            Ok(Box::new(move |s: &mut Session| {
                let plan = Plan::Destroy(DestroyPlan {
                    papers: selection.resolve(s.store.conn())?,
                    reason,
                });
                let stamp = s.stamp();
                let r = s.store.change(&stamp, |c| approvals::file(c, plan))?;
                done.set(true);
                Ok(format!(
                    "销毁清单已提交为申请 {}，待主管领导审批（R-PAP-23）",
                    r.id
                ))
            }))
        }),
    )
    .note(format!("共 {n} 件；批准后由保密员等两人以上销毁"))
}

/// 批量清退: every chosen paper returned in one change, all or none (R-PAP-16).
pub fn return_form(selection: Selection, n: i64, today: NaiveDate, done: Rc<Cell<bool>>) -> Form {
    Form::new(
        "批量清退",
        vec![
            Field::text("unit", "退往单位").hint("不写则各退原制发机关（R-PAP-16）"),
            Field::text("person", "签收人").required(),
            Field::choice(
                "channel",
                "传递方式",
                &["机要交通", "机要通信", "保密员专送", "专人专车"],
            ),
            Field::text("reference", "依据").hint("退往他处时保密行政管理部门的意见"),
            Field::text("date", "日期")
                .with(&dates::zh(today))
                .required(),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let on = dates::parse_past("日期", v.get("date"), today)?;
            let unit = v.get("unit").to_string();
            let person = v.get("person").to_string();
            let channel = v.get("channel").to_string();
            let reference = v.get("reference").to_string();
            let selection = selection.clone();
            let done = done.clone();
            Ok(Box::new(move |s: &mut Session| {
                let nos = selection.resolve(s.store.conn())?;
                let stamp = s.stamp();
                let n = s.store.change(&stamp, |c| {
                    for no in &nos {
                        let p = papers::get(&c.tx, no)?;
                        let act = Act {
                            on,
                            unit: if unit.is_empty() {
                                p.originator.clone()
                            } else {
                                unit.clone()
                            },
                            person: person.clone(),
                            channel: channel.clone(),
                            reference: reference.clone(),
                            ..Act::default()
                        };
                        papers::act(
                            c,
                            no,
                            &ActInput {
                                kind: EventKind::Return,
                                act,
                                request_id: None,
                                reading_rooms: &[],
                            },
                        )
                        .map_err(|e| with_no(no, e))?;
                    }
                    Ok(nos.len())
                })?;
                done.set(true);
                Ok(format!("已清退 {n} 件"))
            }))
        }),
    )
    .note(format!("共 {n} 件，全部成功才登记"))
}

/// 销毁: the approved list, by two people including the officer, method recorded (R-PAP-23/24).
pub fn destroy_form(id: i64, nos: Vec<String>, officer: &str, today: NaiveDate) -> Form {
    let n = nos.len();
    Form::new(
        format!("销毁：申请 {id}"),
        vec![
            Field::text("persons", "销毁人")
                .required()
                .with(officer)
                .hint("两人以上，须有保密员，用顿号分隔"),
            Field::choice("method", "销毁方式", &DESTROY_METHODS)
                .hint("绝密件和密码电报只能在本单位销毁（R-PAP-24）"),
            Field::text("date", "日期")
                .with(&dates::zh(today))
                .required(),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let act = Act {
                on: dates::parse_past("日期", v.get("date"), today)?,
                persons: split_list(v.get("persons")),
                method: v.get("method").into(),
                ..Act::default()
            };
            let nos = nos.clone();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let n = s.store.change(&stamp, |c| {
                    for no in &nos {
                        papers::act(
                            c,
                            no,
                            &ActInput {
                                kind: EventKind::Destroy,
                                act: act.clone(),
                                request_id: Some(id),
                                reading_rooms: &[],
                            },
                        )
                        .map_err(|e| with_no(no, e))?;
                    }
                    Ok(nos.len())
                })?;
                Ok(format!(
                    "已销毁 {n} 件并登记注销；请打印销毁清单由销毁人签字"
                ))
            }))
        }),
    )
    .note(format!("共 {n} 件；清点、登记、注销后销毁"))
}

/// Names the paper a refusal is about, in a batch.
fn with_no(no: &str, e: StoreError) -> StoreError {
    match e {
        StoreError::Refused(Refusal::Rule { id, message }) => StoreError::Refused(Refusal::Rule {
            id,
            message: format!("{no}：{message}"),
        }),
        other => other,
    }
}

/// 清点差异: the paper was found after all, or it is reported lost (R-INC-4).
pub fn gap_form(id: i64, found: bool, about: String, day: NaiveDate) -> Form {
    Form::new(
        if found {
            "清点差异：已找到"
        } else {
            "清点差异：报告遗失"
        },
        vec![
            Field::text("note", "说明").hint(if found {
                "在何处找到"
            } else {
                "经过；并按规定报告（R-INC-1）"
            }),
            Field::text("date", "日期").with(&dates::zh(day)).required(),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let on = dates::parse_past("日期", v.get("date"), day)?;
            let note = v.get("note").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                s.store
                    .change(&stamp, |c| stocktake::resolve(c, id, found, on, &note))?;
                Ok(if found {
                    "已记为找到".to_string()
                } else {
                    "已报告遗失；该密件此后只能办理找回（R-INC-4）".to_string()
                })
            }))
        }),
    )
    .note(about)
}
