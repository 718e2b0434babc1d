//! The seed's 保密检查记录表 (保密监督检查制度 附件, R-INS-1) for one inspection, every section in
//! the form's order: what the officer wrote, and what baomi knows filled in beside it (counts of
//! carriers by level and state, loans and copies in the period, the 绝密 papers and who handled
//! them, people's changes, incidents); then the findings with their rectifications (R-INS-2) and
//! the inspection's archive (R-INS-5).

use super::document::{DocRow, Document};
use crate::domain::dates;
use crate::domain::ledgers::Record;
use crate::domain::level::Level;
use crate::domain::rules::rectification;
use crate::store::inspection_form::FormFacts;

fn row(level: Option<Level>, item: &str, text: impl Into<String>) -> DocRow {
    let text = text.into();
    DocRow::Cells {
        level,
        cells: vec![
            item.to_string(),
            if text.is_empty() { "无".into() } else { text },
        ],
    }
}

/// What the officer wrote and what baomi counted, on one line each.
fn both(written: &str, counted: String) -> String {
    match (written.trim(), counted.is_empty()) {
        ("", _) => counted,
        (w, true) => w.to_string(),
        (w, false) => format!("{w}（台帐记录：{counted}）"),
    }
}

/// R-TRN-3 from the training ledger: the year's sessions, hours, and who is short of them.
fn training(facts: &FormFacts) -> String {
    let t = &facts.training;
    let total: u32 = t.hours.iter().map(|h| h.hours).sum();
    let short: Vec<String> = t
        .hours
        .iter()
        .filter(|h| h.short_by() > 0)
        .map(|h| format!("{} {}/{}学时", h.name, h.hours, h.required))
        .collect();
    let mut text = format!(
        "本年度举办培训 {} 次；涉密人员 {} 人，本年度共 {total} 学时",
        t.sessions,
        t.hours.len()
    );
    if !t.hours.is_empty() {
        text.push_str(&if short.is_empty() {
            "，均已达到年度学时".to_string()
        } else {
            format!("，学时不足 {} 人：{}", short.len(), short.join("、"))
        });
    }
    text
}

/// What the ledgers say for the sections the officer writes, by section key: shown beside the
/// fields as they are filled in (the TUI's form) and printed after what was written.
pub fn counted(facts: &FormFacts) -> Vec<(&'static str, String)> {
    let mut out = vec![
        (
            "staff_changes",
            format!(
                "新登记涉密人员 {} 人，离岗 {} 人",
                facts.people_in, facts.people_left
            ),
        ),
        ("training", training(facts)),
        (
            "top_secret",
            match facts.top_secret.len() {
                0 => "本期无绝密件".to_string(),
                n => format!(
                    "绝密件 {n} 份：{}",
                    facts
                        .top_secret
                        .iter()
                        .map(|p| p.no.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            },
        ),
    ];
    if !facts.incidents.is_empty() {
        out.push((
            "other",
            format!("本期泄密事件：{}", facts.incidents.join("；")),
        ));
    }
    out
}

fn counted_of(facts: &FormFacts, key: &str) -> String {
    counted(facts)
        .into_iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
        .unwrap_or_default()
}

pub fn document(r: &Record, facts: &FormFacts, unit: &str, as_of: chrono::NaiveDate) -> Document {
    let mut doc = Document::new("保密检查记录表", unit, as_of);
    doc.columns = vec!["项目".into(), "情况".into()];
    doc.widths = vec![1, 4];
    let rows = &mut doc.rows;
    rows.push(DocRow::Group(format!("{} {}", r.get("kind"), r.no)));
    rows.push(row(None, "单位", unit));
    rows.push(row(None, "检查日期", dates::zh(r.registered_on)));
    rows.push(row(None, "部门（部位）", r.get("dept")));
    rows.push(row(None, "部门负责人", r.get("head")));
    rows.push(row(
        None,
        "涉密程度",
        r.level.map(|l| l.name()).unwrap_or(""),
    ));
    rows.push(row(None, "检查人员", r.get("inspectors")));
    rows.push(row(
        None,
        "检查期间",
        format!("{} 至 {}", dates::zh(facts.from), dates::zh(facts.to)),
    ));
    rows.push(row(
        None,
        "统计范围",
        match facts.dept.as_str() {
            "" => "全单位".to_string(),
            d => format!("{d}（本部门的涉密载体和涉密人员）"),
        },
    ));
    rows.push(DocRow::Group("涉密人员管理".into()));
    rows.push(row(
        None,
        "人员变动情况",
        both(r.get("staff_changes"), counted_of(facts, "staff_changes")),
    ));
    rows.push(row(None, "人员出境情况", r.get("travel")));
    rows.push(row(
        None,
        "保密教育培训情况",
        both(r.get("training"), counted_of(facts, "training")),
    ));
    rows.push(row(None, "履行保密责任情况", r.get("duty")));
    rows.push(DocRow::Group("涉密载体管理".into()));
    for l in &facts.levels {
        let name = l.level.map(|x| x.name()).unwrap_or("");
        let list = |v: &[(String, i64)]| {
            v.iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join("、")
        };
        let papers: i64 = l.papers.iter().map(|(_, n)| n).sum();
        let mut text = format!("纸介质 {papers} 份");
        if papers > 0 {
            text.push_str(&format!("（{}）", list(&l.papers)));
        }
        if !l.records.is_empty() {
            text.push_str(&format!("；存储介质、计算机：{}", list(&l.records)));
        }
        text.push_str(&format!(
            "；本期外借 {} 次，复印 {} 次；{}",
            l.loans,
            l.copies,
            if l.lost == 0 {
                "手续齐全，无遗失".to_string()
            } else {
                format!("遗失 {} 件", l.lost)
            }
        ));
        rows.push(row(None, name, text));
    }
    rows.push(DocRow::Group("绝密件管理情况".into()));
    if facts.top_secret.is_empty() {
        rows.push(row(
            None,
            "绝密件",
            both(r.get("top_secret"), "本期无".into()),
        ));
    } else if !r.get("top_secret").is_empty() {
        rows.push(row(None, "说明", r.get("top_secret")));
    }
    for p in &facts.top_secret {
        rows.push(row(
            Some(Level::TopSecret),
            &p.no,
            format!(
                "文号 {}；发放范围 {}；份数 {}；{}，{}；接触、知悉人员：{}",
                p.doc_no,
                p.scope,
                p.copies,
                p.state,
                p.location,
                if p.knowers.is_empty() {
                    "无"
                } else {
                    &p.knowers
                }
            ),
        ));
    }
    rows.push(DocRow::Group("保密设备、设施检查情况".into()));
    rows.push(row(None, "内容、方式及结果", r.get("equipment")));
    rows.push(DocRow::Group("办公场所防范情况".into()));
    rows.push(row(None, "内容、方式及结果", r.get("premises")));
    rows.push(DocRow::Group("其他情况".into()));
    rows.push(row(None, "其他情况", r.get("other")));
    rows.push(row(None, "本期泄密事件", facts.incidents.join("；")));
    rows.push(DocRow::Group("检查意见".into()));
    rows.push(row(None, "泄密隐患", r.get("hazards")));
    for x in rectification::all(r) {
        let done = match x.fixed_on {
            Some(d) => format!("已于 {} 整改完成", dates::zh(d)),
            None => "整改中".into(),
        };
        let leak = match x.incident.as_str() {
            "" => String::new(),
            i => format!("；发现泄密事件，已登记 {i}"),
        };
        rows.push(row(
            r.level,
            &format!("问题 {}", x.no),
            format!(
                "{}；限 {} 前整改；{done}{leak}",
                x.text,
                x.fix_by.map(dates::zh).unwrap_or_default()
            ),
        ));
    }
    rows.push(row(None, "保密整改措施及保密要求", r.get("requirements")));
    rows.push(DocRow::Group("检查档案".into()));
    rows.push(row(
        None,
        "档案材料",
        match r.get("archive_papers") {
            "" => "尚未立卷归档".to_string(),
            p => format!("{p}（档案号 {}）", r.get("archive_volume")),
        },
    ));
    doc.notes = vec![
        "注：1、涉密载体种类是指涉密文件、资料、图纸、录音带、录像带、光盘、U盘、软盘、硬盘、移动硬盘、存储卡、磁带、便携式计算机等。".into(),
        "2、所填内容的时限从上次检查结束至本次检查止。".into(),
    ];
    doc.signatures = vec!["受检单位人员".into(), "检查人员".into()];
    doc
}
