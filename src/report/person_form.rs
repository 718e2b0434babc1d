//! The person's registration form (涉密人员登记表) as a Document: every [A] column of
//! LEDGER-FORMS.md, the vetting and letter (R-PER-2), the certificate (R-PER-6), absence and
//! trips (R-PER-8, R-PER-4), leaving and the cooling-off end (R-PER-5), and every act recorded
//! (R-PER-3 events, trips, hand-overs). Two columns, 栏目 and 内容, as the step forms print.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::document::{DocRow, Document};
use crate::domain::dates;
use crate::domain::ledgers::Record;
use crate::domain::rules::person;
use crate::store::records::{self, Event};

/// The person's form with its history.
pub fn record_form(
    conn: &Connection,
    r: &Record,
    unit: &str,
    as_of: NaiveDate,
) -> crate::store::Result<Document> {
    Ok(document(r, &records::history(conn, r)?, unit, as_of))
}

pub fn document(r: &Record, history: &[Event], unit: &str, as_of: NaiveDate) -> Document {
    let mut doc = Document::new(person::SPEC.title, unit, as_of);
    doc.columns = vec!["栏目".into(), "内容".into()];
    doc.widths = vec![2, 7];
    doc.notes.push(format!("编号：{}", r.no));
    let mut row = |label: &str, value: String| {
        doc.rows.push(DocRow::Cells {
            level: None,
            cells: vec![label.to_string(), value],
        });
    };
    row(person::SPEC.number_label, r.no.clone());
    for f in person::SPEC.fields {
        row(f.label, r.column(f.key));
    }
    row("状态", r.state_label().to_string());
    row("登记日期", dates::iso(r.registered_on));
    for (label, value) in person::status(r) {
        row(label, value);
    }
    doc.rows.push(DocRow::Group("办理记录".into()));
    for e in history {
        let detail: Vec<String> = e
            .values
            .iter()
            .filter(|(k, v)| !v.is_empty() && k.as_str() != records::REGISTERED_BY)
            .map(|(k, v)| {
                let label = person::SPEC
                    .act(&e.act)
                    .and_then(|a| a.fields.iter().find(|f| f.key == k))
                    .map(|f| f.label)
                    .or_else(|| crate::domain::ledgers::record::recorded_label(k))
                    .unwrap_or(k);
                format!("{label}：{v}")
            })
            .chain(std::iter::once(format!("经办人：{}", e.handler)))
            .collect();
        doc.rows.push(DocRow::Cells {
            level: None,
            cells: vec![
                format!("{} {}", dates::iso(e.on), e.label),
                detail.join("；"),
            ],
        });
    }
    doc.signatures = vec!["本人签名".into(), "保密员".into()];
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::rules::person::tests::person;

    // R-PER-2, R-PER-5, R-PER-6: the form carries every column, the vetting, the certificate and
    // the cooling-off end, and the acts recorded.
    #[test]
    fn r_per_6_person_form_has_every_column_and_the_status() {
        let mut p = person("RY-001", "李强", "核心");
        p.values.insert("role".into(), "保密员".into());
        p.values.insert("vetted_on".into(), "2026-01-06".into());
        p.values.insert("vet_result".into(), "通过".into());
        p.values.insert("cert_no".into(), "粤保证2026-18".into());
        p.values.insert("certified_on".into(), "2026-02-01".into());
        p.values
            .insert("cooling_off_until".into(), "2028-11-27".into());
        let e = Event {
            act: "certify".into(),
            label: "持证上岗".into(),
            on: ymd(2026, 2, 1),
            related: None,
            subject: "RY-001".into(),
            values: [("cert_no".to_string(), "粤保证2026-18".to_string())].into(),
            handler: "李强".into(),
            request: None,
        };
        let doc = document(&p, &[e], "江门市某某局", ymd(2026, 11, 27));
        let cells: Vec<String> = doc
            .rows
            .iter()
            .filter_map(|r| match r {
                DocRow::Cells { cells, .. } => Some(cells.join("=")),
                DocRow::Group(_) => None,
            })
            .collect();
        for f in person::SPEC.fields {
            assert!(cells.iter().any(|c| c.starts_with(f.label)), "{}", f.label);
        }
        for want in [
            "涉密资格审查=2026-01-06 通过",
            "保密责任书=未签订",
            "上岗资格证书=粤保证2026-18（2026-02-01发证）",
            "脱密期至=2028-11-27",
            "2026-02-01 持证上岗=证书编号：粤保证2026-18；经办人：李强",
        ] {
            assert!(cells.iter().any(|c| c == want), "{want}: {cells:?}");
        }
    }
}
