//! R-PAP-3 gaps (待补登记): the fields imported papers lacked, and their completion. Each is a row
//! of `paper_gap`, vouched for by the audit log like the events; the paper's registration columns
//! are never updated (store::cover), so the completed value is read from here
//! (`store::papers::COLUMNS` shows it in place of 待补).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Change, Result, date, json, papers};
use crate::domain::dates;
use crate::domain::gap::{self, GapField};

/// Opens a gap of a paper registered in this change (an import).
pub fn open(c: &Change<'_>, paper_id: i64, field: GapField) -> Result<()> {
    let handler = c.handler()?.to_string();
    c.tx.prepare_cached(
        "INSERT INTO paper_gap (paper_id, field, value, on_date, handler)
         VALUES (?1, ?2, NULL, ?3, ?4)",
    )?
    .execute(params![
        paper_id,
        field.code(),
        dates::iso(c.stamp.today()),
        handler
    ])?;
    Ok(())
}

/// The latest row of a paper's field: `Some(None)` while open, `Some(Some(v))` once completed.
fn latest(conn: &Connection, paper_id: i64, field: GapField) -> Result<Option<Option<String>>> {
    Ok(conn
        .query_row(
            "SELECT value FROM paper_gap WHERE paper_id = ?1 AND field = ?2
             ORDER BY gap_id DESC LIMIT 1",
            params![paper_id, field.code()],
            |r| r.get(0),
        )
        .optional()?)
}

/// The fields of a paper still 待补.
pub fn open_fields(conn: &Connection, paper_id: i64) -> Result<Vec<GapField>> {
    let mut out = Vec::new();
    for f in GapField::ALL {
        if matches!(latest(conn, paper_id, f)?, Some(None)) {
            out.push(f);
        }
    }
    Ok(out)
}

/// What was filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completed {
    pub no: String,
    pub fields: Vec<(GapField, String)>,
}

/// R-PAP-3: the officer completes the 待补 fields of a paper. Only open gaps are filled; the
/// completion is a new row (history is kept) and one audit entry.
pub fn complete(c: &mut Change<'_>, no: &str, values: &[(GapField, String)]) -> Result<Completed> {
    super::accounts::require_officer(c, "补登")?;
    let paper = papers::get(&c.tx, no)?;
    let mut filled = Vec::new();
    for (field, value) in values {
        let value = gap::check_fill(*field, value)?;
        let open = matches!(latest(&c.tx, paper.id, *field)?, Some(None));
        gap::check_open(&paper.no, *field, open)?;
        let handler = c.handler()?.to_string();
        c.tx.prepare_cached(
            "INSERT INTO paper_gap (paper_id, field, value, on_date, handler)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            paper.id,
            field.code(),
            value,
            dates::iso(c.stamp.today()),
            handler
        ])?;
        filled.push((*field, value));
    }
    let map = |v: &dyn Fn(&(GapField, String)) -> String| {
        filled
            .iter()
            .map(|f| (f.0.name().to_string(), serde_json::Value::String(v(f))))
            .collect::<serde_json::Map<_, _>>()
    };
    c.audit(
        "补登",
        &paper.no,
        json(serde_json::Value::Object(map(&|_| gap::MARK.to_string()))),
        json(serde_json::Value::Object(map(&|f| f.1.clone()))),
    );
    Ok(Completed {
        no: paper.no,
        fields: filled,
    })
}

/// Open gaps of papers the unit still holds, by paper number: the fields and the day each was
/// opened (the due engine's facts).
pub fn open_by_paper(conn: &Connection) -> Result<HashMap<String, Vec<(GapField, NaiveDate)>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.no, g.field, g.on_date FROM paper_gap g JOIN paper p ON p.id = g.paper_id
         WHERE g.value IS NULL
           AND p.state IN ('in_stock', 'circulating', 'on_loan', 'taken_out')
           AND NOT EXISTS (SELECT 1 FROM paper_gap f
                           WHERE f.paper_id = g.paper_id AND f.field = g.field
                             AND f.gap_id > g.gap_id)
         ORDER BY g.gap_id",
    )?;
    let mut out: HashMap<String, Vec<(GapField, NaiveDate)>> = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let no: String = r.get(0)?;
        let field: String = r.get(1)?;
        let Some(field) = GapField::from_code(&field) else {
            continue;
        };
        out.entry(no)
            .or_default()
            .push((field, date(&r.get::<_, String>(2)?)));
    }
    Ok(out)
}
