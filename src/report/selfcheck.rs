//! R-INS-4: the 常态化检查服务项目表 printed as the seed lays it out (检查项目, 序号, 检查内容,
//! 检查情况, 备注), with last year's answer beside this year's so the officer sees what changed.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::document::{DocRow, Document};
use crate::domain::selfcheck::{Answer, GROUPS, ITEMS, change};

/// The form for `year` with `last` (the year before) beside `this`.
pub fn document(
    year: i32,
    this: &BTreeMap<u8, Answer>,
    last: &BTreeMap<u8, Answer>,
    unit: &str,
    as_of: NaiveDate,
) -> Document {
    let mut doc = Document::new(
        format!("{year}年江门市保密工作常态化检查服务项目表（自查）"),
        unit,
        as_of,
    );
    doc.columns = vec![
        "序号".into(),
        "检查内容".into(),
        format!("{}年", year - 1),
        format!("{year}年检查情况"),
        "变化".into(),
        "备注".into(),
    ];
    doc.widths = vec![2, 22, 4, 4, 3, 10];
    let shown = |m: &BTreeMap<u8, Answer>, no: u8| {
        m.get(&no)
            .map(|a| a.answer.to_string())
            .unwrap_or_else(|| "未填".into())
    };
    for g in GROUPS {
        doc.rows.push(DocRow::Group(g.to_string()));
        for it in ITEMS.iter().filter(|i| i.group == g) {
            let (before, now) = (shown(last, it.no), shown(this, it.no));
            doc.rows.push(DocRow::Cells {
                level: None,
                cells: vec![
                    it.no.to_string(),
                    it.text.to_string(),
                    before.clone(),
                    now.clone(),
                    change(
                        last.get(&it.no).map(|a| a.answer),
                        this.get(&it.no).map(|a| a.answer),
                    )
                    .to_string(),
                    this.get(&it.no).map(|a| a.note.clone()).unwrap_or_default(),
                ],
            });
        }
    }
    let count = |m: &BTreeMap<u8, Answer>, a: &str| m.values().filter(|x| x.answer == a).count();
    doc.notes = vec![format!(
        "整体情况：{year}年 是 {} 项、否 {} 项、不适用 {} 项、未填 {} 项；{}年 是 {} 项、否 {} 项。",
        count(this, "是"),
        count(this, "否"),
        count(this, "不适用"),
        ITEMS.len() - this.len(),
        year - 1,
        count(last, "是"),
        count(last, "否"),
    )];
    doc.signatures = vec!["受检单位人员".into(), "检查人员".into()];
    doc
}
