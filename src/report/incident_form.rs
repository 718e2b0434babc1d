//! The seed's two incident forms (泄密事件报告查处制度 附件1、2): the 泄露国家秘密事件报告表 sent
//! within 24 hours (R-INC-2), and once the case is closed the 泄露国家秘密事件查处结案报告表 with
//! the materials of 第十一条 listed. Every field of the form, empty ones as 无.

use super::document::{DocRow, Document};
use crate::domain::dates;
use crate::domain::ledgers::Record;
use crate::domain::rules::incident::CLOSING;
use crate::domain::rules::rectification;

fn row(r: &Record, item: &str, text: impl Into<String>) -> DocRow {
    let text = text.into();
    DocRow::Cells {
        level: r.level,
        cells: vec![
            item.to_string(),
            if text.is_empty() { "无".into() } else { text },
        ],
    }
}

/// The closing form once the case is closed, the report form before.
pub fn document(r: &Record, unit: &str, as_of: chrono::NaiveDate) -> Document {
    let closed = r.state == "closed";
    let title = if closed {
        "泄露国家秘密事件查处结案报告表"
    } else {
        "泄露国家秘密事件报告表"
    };
    let mut doc = Document::new(title, unit, as_of);
    doc.columns = vec!["项目".into(), "情况".into()];
    doc.widths = vec![1, 4];
    let level = r.level.map(|l| l.name()).unwrap_or("");
    let mut rows = vec![
        DocRow::Group(format!("事件编号 {}", r.no)),
        row(r, "发生泄密事件单位", unit),
        row(r, "泄密内容及密级", format!("{}（{level}）", r.get("what"))),
        row(
            r,
            "发生时间、地点",
            format!(
                "{} {} {}",
                dates::zh(r.registered_on),
                r.get("time"),
                r.get("place")
            ),
        ),
        row(r, "责任人基本情况", r.get("responsible")),
    ];
    if closed {
        for f in &CLOSING[..3] {
            rows.push(row(r, f.label, r.get(f.key)));
        }
        rows.push(row(r, "备注", r.get("note")));
        rows.push(DocRow::Group("附：查处结案材料（第十一条）".into()));
        for f in &CLOSING[3..6] {
            rows.push(row(r, f.label, r.get(f.key)));
        }
        let measures: Vec<String> = rectification::all(r)
            .iter()
            .map(|x| {
                let done = x.fixed_on.map(dates::zh).unwrap_or_else(|| "整改中".into());
                format!("{} {}（{done}）", x.no, x.text)
            })
            .collect();
        rows.push(row(r, "单位应负的责任和整改措施", measures.join("；")));
        rows.push(row(r, "结案日期", r.get("closed_on")));
    } else {
        rows.push(row(r, "泄密事件发现经过", r.get("found_how")));
        rows.push(row(r, "泄密事件发生经过", r.get("course")));
        rows.push(row(r, "补救措施", r.get("remedy")));
        rows.push(row(r, "备注", r.get("note")));
    }
    let assist = match r.get("assist_by") {
        "" => String::new(),
        a => format!(
            "已于 {} 报请{a}协助追查 {}",
            r.get("assist_on"),
            r.get("report_ref")
        ),
    };
    rows.push(row(r, "公安、海关协查", assist));
    doc.rows = rows;
    doc.signatures = vec!["填报单位主管领导".into(), "填表人".into()];
    doc
}
