//! What the paper's page keeps besides its acts: receipt mismatches found later and settled with
//! the sender (R-PAP-4), register fields an import left 待补 (R-PAP-3), and a secrecy notebook
//! handed in (R-PAP-26).

use chrono::NaiveDate;

use super::PageData;
use super::acts::date_field;
use crate::domain::Refusal;
use crate::domain::cabinet::Cabinet;
use crate::domain::dates;
use crate::domain::gap::GapField;
use crate::domain::paper::Paper;
use crate::store::mismatches::{self, Mismatch};
use crate::store::{gaps, notebooks};
use crate::ui::action::Session;
use crate::ui::screens::cabinets::location_field;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};

/// The page's own keys beside the acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Duty {
    /// 登记收文不符 (R-PAP-4).
    Mismatch,
    /// 核对处理: a mismatch settled with the sender.
    Resolve,
    /// 补登: the fields an import left 待补 (R-PAP-3).
    Complete,
}

impl Duty {
    pub(super) const ALL: [Duty; 3] = [Duty::Mismatch, Duty::Resolve, Duty::Complete];

    pub(super) fn key(self) -> char {
        match self {
            Duty::Mismatch => 'm',
            Duty::Resolve => 'j',
            // 补登, bǔdēng: b is 收回.
            Duty::Complete => 'u',
        }
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            Duty::Mismatch => "收文不符",
            Duty::Resolve => "核对结果",
            Duty::Complete => "补登",
        }
    }

    /// Offered now: a mismatch for a paper received from outside, a settlement while one is
    /// open, a completion while a field is 待补.
    pub(super) fn possible(self, d: &PageData) -> bool {
        match self {
            Duty::Mismatch => {
                d.paper.origin == crate::domain::paper::Origin::Received && d.paper.state.is_held()
            }
            Duty::Resolve => d.mismatches.iter().any(|m| m.resolved_on.is_none()),
            Duty::Complete => !d.gaps.is_empty(),
        }
    }

    pub(super) fn form(self, d: &PageData, today: NaiveDate) -> Form {
        match self {
            Duty::Mismatch => mismatch_form(&d.paper, today),
            Duty::Resolve => resolve_form(&d.paper, &d.mismatches, today),
            Duty::Complete => complete_form(&d.paper, &d.gaps),
        }
    }
}

/// 登记收文不符: found after the receipt (R-PAP-4); it goes on the due list until settled.
fn mismatch_form(p: &Paper, today: NaiveDate) -> Form {
    let no = p.no.clone();
    Form::new(
        format!("收文不符：{}", p.no),
        vec![
            Field::text("note", "不符情况")
                .required()
                .hint("如“信封标3份，实收2份”“份号与清单不符”"),
            Field::text("date", "发现日期")
                .with(&dates::zh(today))
                .required(),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let on = dates::parse_past("发现日期", v.get("date"), today)?;
            let note = v.get("note").to_string();
            let no = no.clone();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let m = s
                    .store
                    .change(&stamp, |c| mismatches::record(c, &no, on, &note))?;
                Ok(format!(
                    "{} 已登记收文不符（记录号 {}），列入待办：与{}核对",
                    m.no, m.id, m.originator
                ))
            }))
        }),
    )
    .note(format!(
        "{}《{}》 来文单位：{}",
        p.mark(),
        p.title,
        p.originator
    ))
    .note("件数、份号、密级或收件单位与信封、清单不符的，登记后与发文单位核对（R-PAP-4）")
}

/// 核对结果: what the sender said; the mismatch leaves the due list (R-PAP-4).
fn resolve_form(p: &Paper, list: &[Mismatch], today: NaiveDate) -> Form {
    let open: Vec<&Mismatch> = list.iter().filter(|m| m.resolved_on.is_none()).collect();
    let ids: Vec<String> = open.iter().map(|m| m.id.to_string()).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut form = Form::new(
        format!("收文核对：{}", p.no),
        vec![
            Field::choice("id", "记录号", &refs),
            Field::text("note", "核对结果")
                .required()
                .hint("如“来电确认只发2份，已更正”"),
            Field::text("date", "核对日期")
                .with(&dates::zh(today))
                .required(),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let id: i64 = v
                .get("id")
                .parse()
                .map_err(|_| Refusal::field("记录号", "请选择待核对的记录"))?;
            let on = dates::parse_past("核对日期", v.get("date"), today)?;
            let note = v.get("note").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let m = s
                    .store
                    .change(&stamp, |c| mismatches::resolve(c, id, on, &note))?;
                Ok(format!(
                    "{} 的收文不符（记录号 {}）已核对，移出待办",
                    m.no, m.id
                ))
            }))
        }),
    );
    for m in open {
        form = form.note(format!(
            "记录{}：{} {}（{}登记）",
            m.id,
            dates::zh(m.on),
            m.note,
            m.recorded_by
        ));
    }
    form.note(format!("与发文单位{}核对的结果（R-PAP-4）", p.originator))
}

/// 补登: the register fields an import left 待补 (R-PAP-3).
fn complete_form(p: &Paper, open: &[GapField]) -> Form {
    let fields: Vec<Field> = open
        .iter()
        .map(|f| Field::text(f.code(), f.name()).required())
        .collect();
    let open = open.to_vec();
    let no = p.no.clone();
    Form::new(
        format!("补登：{}", p.no),
        fields,
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let values: Vec<(GapField, String)> = open
                .iter()
                .map(|f| (*f, v.get(f.code()).to_string()))
                .collect();
            let no = no.clone();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let done = s
                    .store
                    .change(&stamp, |c| gaps::complete(c, &no, &values))?;
                Ok(format!(
                    "已补登 {}：{}",
                    done.no,
                    done.fields
                        .iter()
                        .map(|(f, v)| format!("{} {v}", f.name()))
                        .collect::<Vec<_>>()
                        .join("，")
                ))
            }))
        }),
    )
    .note(format!("{}《{}》", p.mark(), p.title))
    .note("导入时缺的登记项，按原件填写（R-PAP-3）")
}

/// 交回保密笔记本: into a cabinet of the secrecy room, to be kept or destroyed (R-PAP-26).
pub(super) fn hand_in_form(p: &Paper, cabinets: &[Cabinet], today: NaiveDate) -> Form {
    let no = p.no.clone();
    Form::new(
        format!("交回保密笔记本：{}", p.no),
        vec![
            location_field("location", "存放保密柜", cabinets, p.level, ""),
            Field::choice("disposal", "处理方式", &["留存", "销毁"])
                .hint("销毁的随销毁清单报批（R-PAP-23）"),
            Field::text("note", "说明"),
            date_field(&dates::zh(today)),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let on = dates::parse_past("日期", v.get("date"), today)?;
            let location = v.get("location").to_string();
            let disposal = v.get("disposal").to_string();
            let note = v.get("note").to_string();
            let no = no.clone();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let (p, d) = s.store.change(&stamp, |c| {
                    notebooks::hand_in(c, &no, on, &location, &disposal, &note)
                })?;
                Ok(format!(
                    "{} 已交回，存放于{}，{}",
                    p.no,
                    p.location,
                    d.name()
                ))
            }))
        }),
    )
    .note(format!("{}《{}》 领用人：{}", p.mark(), p.title, p.holder))
    .note("用完交回保密室，统一保管或销毁（R-PAP-26）")
}
