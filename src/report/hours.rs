//! R-TRN-3: the per-person training hours of a year as the one Document every printout uses
//! (`baomi training hours --format pdf`, 报表打印), and its rows for the table and CSV.

use chrono::NaiveDate;

use super::document::{DocRow, Document};
use crate::domain::rules::training::Hours;

pub const COLUMNS: &[&str] = &[
    "人员编号",
    "姓名",
    "部门",
    "涉密等级",
    "学时",
    "应达学时",
    "差额",
];

/// One row a person: number, name, department, grade, hours, hours required, shortfall.
pub fn rows(table: &[Hours]) -> Vec<Vec<String>> {
    table
        .iter()
        .map(|h| {
            vec![
                h.no.clone(),
                h.name.clone(),
                h.dept.clone(),
                h.grade.clone(),
                h.hours.to_string(),
                h.required.to_string(),
                h.short_by().to_string(),
            ]
        })
        .collect()
}

/// R-TRN-3: the year's hours table as the one printed Document (PDF, HTML).
pub fn document(table: &[Hours], year: i32, unit: &str, as_of: NaiveDate) -> Document {
    let mut doc = Document::new(format!("{year}年度保密教育培训学时统计表"), unit, as_of);
    doc.columns = COLUMNS.iter().map(|c| c.to_string()).collect();
    doc.widths = vec![2, 2, 3, 2, 1, 2, 1];
    doc.rows = rows(table)
        .into_iter()
        .map(|cells| DocRow::Cells { level: None, cells })
        .collect();
    let short = table.iter().filter(|h| h.short_by() > 0).count();
    doc.notes.push(summary(year, table.len(), short));
    doc.notes
        .push("核心涉密人员每年不少于16学时，重要、一般涉密人员不少于8学时（R-TRN-3）".into());
    doc
}

/// The line under the table: how many on post, how many short.
pub fn summary(year: i32, people: usize, short: usize) -> String {
    format!("{year}年 在岗涉密人员 {people} 人，学时不足 {short} 人（R-TRN-3）")
}
