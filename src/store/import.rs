//! Imports: all rows or none. Every bad row is named by its line number and reason before
//! anything is written.

use super::staged::{Rows, Staged};
use super::{Change, Result, json, papers};
use crate::domain::Refusal;
use crate::domain::carrier::{EventKind, PaperState};
use crate::domain::gap::{self, GapField};
use crate::domain::paper::{Paper, Receipt};
use crate::domain::rules::paper::Act;
use rusqlite::types::ToSqlOutput;
use std::rc::Rc;

/// One checked row of a paper ledger file.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub line: usize,
    pub receipt: Receipt,
    pub state: PaperState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub count: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    /// R-PAP-3 gaps: the line, the paper's number and the fields marked 待补.
    pub gaps: Vec<(usize, String, Vec<GapField>)>,
}

/// What the ledger itself refuses, by line: numbers already in it (R-PAP-4) and papers above the
/// unit's highest level (R-SYS-1). The last check before writing, and `--dry-run`'s.
pub fn collisions(conn: &rusqlite::Connection, rows: &[ImportRow]) -> Result<Vec<String>> {
    let highest = super::settings::load(conn)?.highest_level;
    let mut errors = Vec::new();
    for r in rows {
        if let Err(refusal) =
            crate::domain::rules::paper::check_within_unit_level(r.receipt.level, highest)
        {
            errors.push(format!("第{}行：{refusal}", r.line));
        }
        if let Some(no) = &r.receipt.no
            && papers::find(conn, no)?.is_some()
        {
            errors.push(format!(
                "第{}行：收文编号 {no} 已在台帐中（R-PAP-4）",
                r.line
            ));
        }
    }
    Ok(errors)
}

/// Writes every row, or nothing when any row is refused. `errors` are the row errors found while
/// reading the file; they are reported together with the ledger's own.
pub fn papers(
    c: &mut Change<'_>,
    rows: &[ImportRow],
    errors: Vec<String>,
    format: &str,
    source: &str,
) -> Result<Imported> {
    papers_with(c, rows, errors, format, source, &mut |_| {})
}

/// `papers`, telling `progress` how many rows are written every thousand rows, and all of them
/// before the search index is built.
pub fn papers_with(
    c: &mut Change<'_>,
    rows: &[ImportRow],
    mut errors: Vec<String>,
    format: &str,
    source: &str,
    progress: &mut dyn FnMut(usize),
) -> Result<Imported> {
    super::accounts::require_officer(c, "导入台帐")?;
    // One transaction of a whole ledger: with SQLite's 2 MB default its pages spill to the WAL
    // again and again. The connection is the command's own and ends with it.
    c.tx.pragma_update(None, "cache_size", -65_536)?;
    errors.extend(collisions(&c.tx, rows)?);
    if !errors.is_empty() {
        return Err(refusal(errors).into());
    }
    // A bulk load: the rows are vouched for by their id runs and indexed for search in one go.
    let triggers = super::search::suspend_index(c, &super::search::PAPERS)?;
    let highest = super::settings::load(&c.tx)?.highest_level;
    let ((first, last, gaps), runs) = c.bulk(&["paper", "paper_event", "paper_gap"], |c| {
        let base = next_ids(c)?;
        let mut numbers = std::collections::HashSet::with_capacity(rows.len());
        let mut staged = Vec::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            let taken = |no: &str| numbers.contains(no);
            let mut paper = papers::received(c, &r.receipt, format, highest, &taken)
                .map_err(|e| line_error(r.line, e))?;
            paper.id = base.0 + i as i64;
            numbers.insert(paper.no.clone());
            staged.push((paper, r.receipt.dept.clone()));
            if (i + 1).is_multiple_of(1000) {
                progress(i + 1);
            }
        }
        // Each row is checked and numbered above, one by one; the ledger's fifteen indexes take
        // all of them from memory in one statement each, which costs SQLite about half of what a
        // statement per row does. The rows carry their ids, so the events name their papers.
        let staged = Rc::new(staged);
        super::staged::load(&c.tx)?;
        c.tx.execute(
            &format!(
                "INSERT INTO main.paper ({}) SELECT {} FROM staged(?1)",
                papers::INSERT_COLUMNS,
                super::staged::columns(papers::PAPER_WIDTH)
            ),
            [Staged::new(PaperRows(staged.clone()))],
        )?;
        c.tx.execute(
            &format!(
                "INSERT INTO main.paper_event ({}) SELECT {} FROM staged(?1)",
                papers::EVENT_INSERT_COLUMNS,
                super::staged::columns(papers::EVENT_WIDTH)
            ),
            [Staged::new(ReceiptRows::new(&staged, base.1, c.handler()?))],
        )?;
        progress(rows.len());
        // What only some rows carry goes in after them, each through the usual path.
        let mut gaps = Vec::new();
        for (r, (paper, _)) in rows.iter().zip(staged.iter()) {
            papers::import_state(c, paper, r.state).map_err(|e| line_error(r.line, e))?;
            // R-PAP-3: history imported with a field 待补 stays on the due list until completed.
            let open = gap::of(&r.receipt);
            for f in &open {
                super::gaps::open(c, paper.id, *f)?;
            }
            if !open.is_empty() {
                gaps.push((r.line, paper.no.clone(), open));
            }
        }
        let first = staged.first().map(|(p, _)| p.no.clone());
        let last = staged.last().map(|(p, _)| p.no.clone());
        Ok((first, last, gaps))
    })?;
    super::search::resume_index(c, &super::search::PAPERS, &triggers, Some(runs[0]))?;
    c.audit(
        "导入台帐",
        source,
        None,
        json(serde_json::json!({
            "count": rows.len(), "first": first, "last": last, "gaps": gaps.len(),
        })),
    );
    Ok(Imported {
        count: rows.len(),
        first,
        last,
        gaps,
    })
}

/// The checked papers of an import with their 承办部门, as `staged` reads them.
struct PaperRows(Rc<Vec<(Paper, String)>>);

impl Rows for PaperRows {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn value(&self, row: usize, column: usize) -> ToSqlOutput<'_> {
        let (paper, dept) = &self.0[row];
        papers::paper_value(paper, Some(paper.id), dept, column)
    }
}

/// The receipt event of each imported paper, as `staged` reads them.
struct ReceiptRows {
    papers: Rc<Vec<(Paper, String)>>,
    acts: Vec<Act>,
    first_id: i64,
    handler: String,
}

impl ReceiptRows {
    fn new(papers: &Rc<Vec<(Paper, String)>>, first_id: i64, handler: &str) -> Self {
        ReceiptRows {
            acts: papers.iter().map(|(p, _)| papers::receipt_act(p)).collect(),
            papers: papers.clone(),
            first_id,
            handler: handler.to_string(),
        }
    }
}

impl Rows for ReceiptRows {
    fn len(&self) -> usize {
        self.papers.len()
    }
    fn value(&self, row: usize, column: usize) -> ToSqlOutput<'_> {
        let event = papers::EventRow {
            paper_id: self.papers[row].0.id,
            kind: EventKind::Receive,
            act: &self.acts[row],
            handler: &self.handler,
            links: papers::EventLinks::default(),
            back_id: None,
        };
        papers::event_value(&event, Some(self.first_id + row as i64), column)
    }
}

/// The ids the next paper and event will take: staged rows carry them, so that the events name
/// their papers before either is written.
fn next_ids(c: &Change<'_>) -> Result<(i64, i64)> {
    Ok(c.tx.query_row(
        "SELECT (SELECT coalesce(max(id), 0) + 1 FROM main.paper),
                (SELECT coalesce(max(id), 0) + 1 FROM main.paper_event)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn line_error(line: usize, e: super::StoreError) -> super::StoreError {
    match e {
        super::StoreError::Refused(r) => refusal(vec![format!("第{line}行：{r}")]).into(),
        other => other,
    }
}

/// All the bad rows as one refusal, one per line; past `SHOWN` the rest are counted, not listed
/// (a file with one wrong column has as many errors as rows).
pub fn refusal(errors: Vec<String>) -> Refusal {
    const SHOWN: usize = 50;
    let more = errors.len().saturating_sub(SHOWN);
    let mut text = errors
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    if more > 0 {
        text.push_str(&format!(
            "\n……另有 {more} 处错误未列出（多为同一原因，请先改正以上各行）"
        ));
    }
    Refusal::field(
        "导入文件",
        format!("有{}处错误，未导入任何一行：\n{text}", errors.len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // A file with one wrong column has as many errors as rows: the officer sees the first 50 and
    // how many more.
    #[test]
    fn a_long_error_list_is_cut_and_counted() {
        let errors: Vec<String> = (2..=325)
            .map(|l| format!("第{l}行：收文日期晚于今天"))
            .collect();
        let text = refusal(errors).to_string();
        assert!(text.contains("有324处错误"));
        assert!(
            text.contains("第51行") && !text.contains("第52行"),
            "{text}"
        );
        assert!(text.contains("另有 274 处错误未列出"));
    }
}
