//! The due list as a document: overdue first, then due soon, then upcoming, grouped by rule.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::document::{DocRow, Document};
use crate::domain::dates;
use crate::domain::due::{Dated, DueState, rule_name};

pub const COLUMNS: [&str; 7] = ["状态", "规则", "对象", "标题", "密级", "到期日", "剩余天数"];

/// Groups in screen order: state (overdue, due soon, upcoming), then rule, then due date.
pub fn grouped(items: &[Dated]) -> Vec<(DueState, &'static str, Vec<&Dated>)> {
    let mut groups: Vec<(DueState, &'static str, Vec<&Dated>)> = Vec::new();
    for state in [DueState::Overdue, DueState::DueSoon, DueState::Upcoming] {
        let mut rules: Vec<&'static str> = items
            .iter()
            .filter(|d| d.state == state)
            .map(|d| d.rule)
            .collect();
        rules.dedup();
        let mut seen = Vec::new();
        for r in rules {
            if seen.contains(&r) {
                continue;
            }
            seen.push(r);
            let members: Vec<&Dated> = items
                .iter()
                .filter(|d| d.state == state && d.rule == r)
                .collect();
            groups.push((state, r, members));
        }
    }
    groups
}

pub fn days_text(days: i64) -> String {
    if days < 0 {
        format!("逾期{}天", -days)
    } else if days == 0 {
        "今天到期".to_string()
    } else {
        format!("{days}天")
    }
}

pub fn document(
    items: &[Dated],
    unit: &str,
    as_of: NaiveDate,
    within: i64,
    missing_holiday_years: &[i32],
) -> Document {
    let mut doc = Document::new(format!("到期提醒清单（{}天内）", within), unit, as_of);
    doc.columns = COLUMNS.iter().map(|c| c.to_string()).collect();
    doc.widths = vec![6, 8, 12, 30, 5, 10, 8];
    for (state, rule, members) in grouped(items) {
        doc.rows.push(DocRow::Group(format!(
            "{}　{}（{}）　{}项",
            state.name(),
            rule_name(rule),
            rule,
            members.len()
        )));
        for d in members {
            doc.rows.push(DocRow::Cells {
                level: d.level,
                cells: vec![
                    d.state.name().to_string(),
                    d.rule.to_string(),
                    d.subject.clone(),
                    d.title.clone(),
                    d.level.map(|l| l.name().to_string()).unwrap_or_default(),
                    // A rule counted in hours (R-MED-5) is due at a minute, printed with it.
                    match d.due_at {
                        Some(at) => format!("{} {}", dates::zh(d.due), at.format("%H:%M")),
                        None => dates::zh(d.due),
                    },
                    days_text(d.days),
                ],
            });
        }
    }
    let overdue = items
        .iter()
        .filter(|d| d.state == DueState::Overdue)
        .count();
    let soon = items
        .iter()
        .filter(|d| d.state == DueState::DueSoon)
        .count();
    doc.notes.push(format!(
        "共{}项：已逾期{overdue}项，临期{soon}项，其余{}项",
        items.len(),
        items.len() - overdue - soon
    ));
    for y in missing_holiday_years {
        doc.notes.push(format!(
            "{y}年的法定节假日安排尚未录入，按周一至周五计算工作日；请在设置中录入国务院办公厅的通知"
        ));
    }
    doc.signatures = vec!["保密员".into(), "主管领导".into()];
    doc
}

/// The due list as of `as_of`, read from the store: what `baomi due`, the 待办 screen and the
/// report screen print.
pub fn list(
    conn: &Connection,
    as_of: NaiveDate,
    within: i64,
) -> Result<Document, crate::store::StoreError> {
    let settings = crate::store::settings::load(conn)?;
    let items = crate::store::due::items(conn, as_of, &settings, within)?;
    let missing = crate::store::due::missing_holiday_years(conn, as_of, within)?;
    Ok(document(
        &items,
        &settings.unit_name,
        as_of,
        within,
        &missing,
    ))
}
