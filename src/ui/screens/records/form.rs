//! The forms of a described ledger, built from its `FieldSpec`s: registering a record, an act on
//! it, filing an act that waits for approval, and carrying out an approved one. The store reads
//! every value with the spec's `parse` and applies the spec's rules; a refusal keeps the form open
//! with the rule's message and marks the field.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::rc::Rc;

use chrono::NaiveDate;

use crate::domain::Refusal;
use crate::domain::account::Role;
use crate::domain::approval::RequestKind;
use crate::domain::dates;
use crate::domain::ledgers::{ActSpec, FieldSpec, Kind, LedgerSpec, Record};
use crate::domain::paper::{Plan, RecordPlan};
use crate::domain::rules::steps::{self, By};
use crate::domain::settings::LabelLayout;
use crate::report::deliver::Destination;
use crate::report::label_sheet;
use crate::store::approvals::{self, Request};
use crate::store::records::{self, ActForm, AddForm};
use crate::ui::action::Session;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};

fn date_field(key: &'static str, label: &'static str, today: NaiveDate) -> Field {
    Field::text(key, label).with(&dates::zh(today)).required()
}

/// The record a form registered, for the list it was opened from to select.
pub type Added = Rc<RefCell<Option<Record>>>;

/// 登记: the ledger's fields, an own number (one is issued when left empty) and the day.
/// `split` fills the view's value (a computer registered from the 涉密 view is 涉密); the new
/// record is left in `added`.
pub fn add_form(
    spec: &'static LedgerSpec,
    split: Option<&str>,
    today: NaiveDate,
    added: Added,
) -> Form {
    let mut form = Form::for_fields(
        format!("登记{}：{}", spec.noun, spec.title),
        spec.fields,
        vec![
            Field::text("no", spec.number_label).hint("留空则按本单位编号格式自动编号"),
            date_field("date", records::day_label(spec), today),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let form = AddForm {
                values: v.of(spec.fields),
                no: Some(v.get("no").to_string()).filter(|n| !n.is_empty()),
                // R-INS-4, R-MTG-1: a bureau check or a meeting is registered ahead; the
                // store's rule decides.
                date: Some(if records::dated_ahead(spec) {
                    dates::parse_deadline(records::day_label(spec), v.get("date"), today)?
                } else {
                    dates::parse_past(records::day_label(spec), v.get("date"), today)?
                }),
            };
            let added = added.clone();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let r = s.store.change(&stamp, |c| records::add(c, spec, &form))?;
                // A ledger without levels (training sessions) has nothing to say in brackets.
                let said = match r.level {
                    Some(l) => format!("已登记{} {}（{}）", spec.noun, r.no, l.name()),
                    None => format!("已登记{} {}", spec.noun, r.no),
                };
                *added.borrow_mut() = Some(r);
                Ok(said)
            }))
        }),
    );
    if let (Some(value), Some(first)) = (split, spec.fields.first())
        && let Some(f) = form.fields.iter_mut().find(|f| f.key == first.key)
    {
        f.set(value);
    }
    form
}

/// An act carried out now: its fields and its day.
/// An act's values as its form shows them: an unticked box reads 否 and is recorded so
/// (R-CMP-14: every protective item is written down at each check, whether found or not).
fn act_values(v: &Values, fields: &[FieldSpec]) -> BTreeMap<String, String> {
    let mut out = v.of(fields);
    for f in fields.iter().filter(|f| f.kind == Kind::Flag) {
        if let Some(x) = out.get_mut(f.key)
            && x.is_empty()
        {
            *x = "否".into();
        }
    }
    out
}

pub fn act_form(
    spec: &'static LedgerSpec,
    act: &'static ActSpec,
    no: &str,
    today: NaiveDate,
) -> Form {
    fields_form(spec, act, act.fields.to_vec(), no, today)
        .note(format!("{}（{}）", act.label, act.rule))
}

/// The next signed step of a review (R-DIS-2, R-EXT-1), with that step's fields only, as an
/// account of `role` takes it: a leader by login signs by it, the officer copies in a signed form.
pub fn step_form(
    spec: &'static LedgerSpec,
    act: &'static ActSpec,
    no: &str,
    state: &str,
    role: Role,
    today: NaiveDate,
) -> Form {
    let Some((rule, all, i)) = steps::of(spec.key, act.verb)
        .and_then(|(rule, all)| Some((rule, all, all.iter().position(|s| s.key == state)?)))
    else {
        return act_form(spec, act, no, today);
    };
    let step = &all[i];
    let mut form =
        fields_form(spec, act, steps::form_fields(act, step, role), no, today).note(format!(
            "第{}步（共{}步）：{}（{rule}）",
            i + 1,
            all.len(),
            step.label
        ));
    if role == Role::Officer && matches!(step.by, By::DepartmentHead | By::Leader) {
        form = form.note(format!(
            "{}本人登录办理；保密员在此录入其签字的表格：签字人、签字日期、表格编号",
            step.by.name()
        ));
    }
    form
}

fn fields_form(
    spec: &'static LedgerSpec,
    act: &'static ActSpec,
    fields: Vec<FieldSpec>,
    no: &str,
    today: NaiveDate,
) -> Form {
    let number = no.to_string();
    let shown = fields.clone();
    Form::for_fields(
        format!("{}：{no}", act.label),
        &shown,
        vec![date_field("date", "日期", today)],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let form = ActForm {
                verb: act.verb.to_string(),
                values: act_values(v, &fields),
                on: dates::parse_past("日期", v.get("date"), today)?,
                request: None,
            };
            let no = number.clone();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let r = s
                    .store
                    .change(&stamp, |c| records::act(c, spec, &no, &form))?;
                Ok(done(act, &r))
            }))
        }),
    )
}

/// An act that waits for approval, filed into the one approval queue with the values it will be
/// carried out with.
pub fn request_form(spec: &'static LedgerSpec, act: &'static ActSpec, no: &str) -> Form {
    let number = no.to_string();
    Form::for_fields(
        format!("申请{}：{no}", act.label),
        act.fields,
        Vec::new(),
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let kind = RequestKind::for_act(spec.key, act.verb)
                .ok_or_else(|| Refusal::rule(act.rule, format!("{}不经审批", act.label)))?;
            let plan = Plan::for_record(
                kind,
                RecordPlan {
                    ledger: spec.key.to_string(),
                    no: number.clone(),
                    act: act.verb.to_string(),
                    values: v.of(act.fields),
                },
            )
            .ok_or_else(|| Refusal::rule(act.rule, "申请种类不符"))?;
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let q = s.store.change(&stamp, |c| approvals::file(c, plan))?;
                Ok(format!(
                    "已提交{}申请 {}：{}，待{}审批；批准后在此页按同一键办理",
                    q.kind.name(),
                    q.id,
                    q.summary,
                    q.decider
                ))
            }))
        }),
    )
    .note(format!(
        "{}须先经审批（{}）：提交后进入审批页，批准后再办理",
        act.label, act.rule
    ))
}

/// Carries out an approved request: the values are the approved ones; only the day is asked.
pub fn execute_form(
    spec: &'static LedgerSpec,
    act: &'static ActSpec,
    no: &str,
    request: &Request,
    today: NaiveDate,
) -> Form {
    let number = no.to_string();
    let id = request.id;
    Form::new(
        format!("{}：{no}（申请{id}）", act.label),
        vec![date_field("date", "日期", today)],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let form = ActForm {
                verb: act.verb.to_string(),
                values: Default::default(),
                on: dates::parse_past("日期", v.get("date"), today)?,
                request: Some(id),
            };
            let no = number.clone();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let r = s
                    .store
                    .change(&stamp, |c| records::act(c, spec, &no, &form))?;
                Ok(done(act, &r))
            }))
        }),
    )
    .note(format!(
        "按已批准的申请{id}办理（{}批准）：{}",
        request.approver.as_deref().unwrap_or("领导"),
        request.summary
    ))
}

/// What the status line says once an act is recorded.
fn done(act: &ActSpec, r: &crate::domain::ledgers::Record) -> String {
    let holder = if r.holder.is_empty() {
        String::new()
    } else {
        format!("，{}{}", r.spec.column_label("holder"), r.holder)
    };
    // "U-001 已配发，持有人张三", not "已配发，当前已配发": the state is said when the act's name
    // does not say it already.
    let state = r.state_label();
    let now = if state.trim_start_matches('已') == act.label {
        String::new()
    } else {
        format!("，当前{state}")
    };
    format!("{} 已{}{now}{holder}", r.no, act.label)
}

/// 打印标签: the record's label (R-MED-1) as `baomi label` prints it, on the paper chosen, to a
/// file or the printer; recorded as any printout (R-CMP-13).
pub fn label_form(spec: &'static LedgerSpec, no: &str, layout: LabelLayout) -> Form {
    let number = no.to_string();
    let papers = [LabelLayout::A4Sheet.name(), LabelLayout::Single.name()];
    Form::new(
        format!("打印标签：{no}"),
        vec![
            Field::choice("paper", "标签纸", &papers).with(layout.name()),
            Field::choice("to", "去向", &["保存为文件", "送打印机"]),
            Field::text("file", "文件名")
                .hint(format!("不写则保存在当前目录，如 baomi-标签-{no}.pdf")),
            Field::check("overwrite", "覆盖同名文件"),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let layout = LabelLayout::parse(v.get("paper"))
                .ok_or_else(|| Refusal::field("标签纸", "应为 A4 多标签 或 单张标签"))?;
            let path = match v.get("file") {
                "" => PathBuf::from(format!("baomi-标签-{number}.pdf")),
                f => PathBuf::from(f),
            };
            let dest = if v.get("to") == "送打印机" {
                Destination::Printer {
                    path: Some(path),
                    printer: String::new(),
                }
            } else {
                Destination::File {
                    path,
                    overwrite: v.flag("overwrite"),
                }
            };
            let no = number.clone();
            Ok(Box::new(move |s: &mut Session| {
                let r = records::get(s.store.conn(), spec, &no)?;
                let stamp = s.stamp();
                let label = label_sheet::of_record(&r);
                let done = label_sheet::print(
                    &mut s.store,
                    &stamp,
                    spec.key,
                    vec![label],
                    Some(layout),
                    dest,
                )?;
                Ok(done.message)
            }))
        }),
    )
    .note("标签注明密级、使用人和保密编号，编号同时印为条码（R-MED-1）")
}
