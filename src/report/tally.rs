//! The printed result of a check by scanning (清查核对): what was not seen first, then what was
//! counted, then the numbers read that are not on the list, each with the ledger's list columns.

use chrono::NaiveDate;

use super::document::{DocRow, Document};
use crate::domain::ledgers::tally::Tally;
use crate::domain::ledgers::{LedgerSpec, Record};

pub fn document(spec: &LedgerSpec, t: &Tally, unit: &str, on: NaiveDate) -> Document {
    let mut doc = Document::new(format!("{}清查核对结果", spec.title), unit, on);
    doc.columns = spec
        .list
        .iter()
        .map(|k| spec.column_label(k).to_string())
        .chain(["核对结果".to_string()])
        .collect();
    let row = |r: &Record, result: &str| DocRow::Cells {
        level: r.level,
        cells: spec
            .list
            .iter()
            .map(|k| r.column(k))
            .chain([result.to_string()])
            .collect(),
    };
    let missing: Vec<&Record> = t.missing().collect();
    let counted: Vec<&Record> = t.counted().collect();
    doc.rows
        .push(DocRow::Group(format!("未见 {} 件", missing.len())));
    doc.rows.extend(missing.iter().map(|r| row(r, "未见")));
    doc.rows
        .push(DocRow::Group(format!("清点到 {} 件", counted.len())));
    doc.rows.extend(counted.iter().map(|r| row(r, "已清点")));
    if !t.strays().is_empty() {
        doc.rows.push(DocRow::Group(format!(
            "不在清单 {} 个编号",
            t.strays().len()
        )));
        for s in t.strays() {
            let mut cells = vec![String::new(); spec.list.len() + 1];
            cells[0] = s.no.clone();
            cells[spec.list.len()] = s.why.clone();
            doc.rows.push(DocRow::Cells { level: None, cells });
        }
    }
    doc.notes.push(format!(
        "应有 {} 件，清点到 {} 件，未见 {} 件，不在清单 {} 个编号。未见的须查明去向，遗失的按规定报告。",
        t.expected().len(),
        counted.len(),
        missing.len(),
        t.strays().len()
    ));
    doc.signatures = vec!["清查人".into(), "保管人".into(), "保密员".into()];
    doc
}
