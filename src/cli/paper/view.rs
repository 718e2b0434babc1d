//! Reading papers: one paper's page, and the ledger as a list.

use serde::Serialize;

use crate::cli::out::{outln, outp};
use crate::cli::{Failure, Outcome};
use crate::domain::carrier::PaperState;
use crate::domain::dates;
use crate::domain::level::Level;
use crate::domain::paper::{LEDGER_HEADERS, Paper};
use crate::report::text::table;
use crate::store::Store;
use crate::store::papers::{self, EventRecord, Filter};

/// The page of one paper, as `paper show --format json` prints it.
#[derive(Debug, Serialize)]
pub struct PaperPage {
    pub no: String,
    pub title: String,
    pub mark: String,
    pub level: Level,
    pub period: Option<String>,
    pub state: PaperState,
    pub holder: String,
    pub location: String,
    pub originator: String,
    pub doc_no: String,
    pub copies: i64,
    pub copy_nos: String,
    pub scope: Vec<String>,
    /// 承办部门, empty when none (issue 12).
    pub dept: String,
    pub registered_on: String,
    pub return_by: Option<String>,
    pub due_on: Option<String>,
    pub origin: &'static str,
    pub source: Option<String>,
    pub derived: Vec<String>,
    /// The incident that names it (a loss, R-INC-2).
    pub incident: Option<String>,
    pub history: Vec<EventRecord>,
}

pub fn page(store: &Store, no: &str) -> Result<PaperPage, Failure> {
    let p = papers::get(store.conn(), no)?;
    let history = papers::history(store.conn(), p.id)?;
    let source = match p.source_id {
        Some(id) => Some(papers::by_id(store.conn(), id)?.no),
        None => None,
    };
    let derived = papers::derived(store.conn(), p.id)?
        .into_iter()
        .map(|d| d.no)
        .collect();
    Ok(PaperPage {
        mark: p.mark().to_string(),
        period: p.period.map(|x| x.to_string()),
        registered_on: dates::iso(p.registered_on),
        return_by: p.return_by.map(dates::iso),
        due_on: p.due_on.map(dates::iso),
        origin: p.origin.name(),
        source,
        derived,
        incident: crate::store::incidents::of_carrier(store.conn(), &p.no)?,
        dept: papers::dept(store.conn(), p.id)?,
        history,
        no: p.no,
        title: p.title,
        level: p.level,
        state: p.state,
        holder: p.holder,
        location: p.location,
        originator: p.originator,
        doc_no: p.doc_no,
        copies: p.copies,
        copy_nos: p.copy_nos,
        scope: p.scope,
    })
}

/// One row of the ledger file: the export headers' values, in order.
pub fn ledger_row(p: &Paper, dept: &str) -> Vec<String> {
    LEDGER_HEADERS
        .iter()
        .map(|(_, col)| {
            use crate::domain::paper::Column as C;
            match col {
                C::No => p.no.clone(),
                C::Date => dates::iso(p.registered_on),
                C::Originator => p.originator.clone(),
                C::DocNo => p.doc_no.clone(),
                C::Title => p.title.clone(),
                C::Level => p.level.name().to_string(),
                C::Period => p.period.map(|x| x.stored()).unwrap_or_default(),
                C::Copies => p.copies.to_string(),
                C::CopyNos => p.copy_nos.clone(),
                C::ReturnBy => p.return_by.map(dates::iso).unwrap_or_default(),
                C::State => p.state.name().to_string(),
                C::Location => p.location.clone(),
                C::Holder => p.holder.clone(),
                C::Scope => p.scope.join("、"),
                C::Dept => dept.to_string(),
            }
        })
        .collect()
}

pub(super) fn state_filter(s: &str) -> Result<Vec<PaperState>, Failure> {
    match s.trim() {
        "在管" | "held" => Ok(PaperState::HELD.to_vec()),
        other => PaperState::parse(other).map(|s| vec![s]).ok_or_else(|| {
            Failure::usage(format!(
                "--state 的值「{other}」不是状态，可用：在管、{}",
                PaperState::ALL.map(PaperState::name).join("、")
            ))
        }),
    }
}

pub(super) fn print_page(p: &PaperPage) -> Outcome {
    outln!("{}", p.mark);
    outln!("{}　{}", p.no, p.title);
    let lines = [
        ("状态", p.state.name().to_string()),
        ("持有人", p.holder.clone()),
        ("存放位置", p.location.clone()),
        ("来文单位", p.originator.clone()),
        ("文号", p.doc_no.clone()),
        (
            "份数",
            format!(
                "{}{}",
                p.copies,
                if p.copy_nos.is_empty() {
                    String::new()
                } else {
                    format!("（份号 {}）", p.copy_nos)
                }
            ),
        ),
        ("知悉范围", p.scope.join("、")),
        ("承办部门", p.dept.clone()),
        ("登记日期", p.registered_on.clone()),
        ("来源", p.origin.to_string()),
    ];
    for (k, v) in lines {
        if !v.is_empty() {
            outln!("{k}：{v}");
        }
    }
    if let Some(r) = &p.return_by {
        outln!("清退期限：{r}");
    }
    if let Some(d) = &p.due_on {
        outln!("应还日期：{d}");
    }
    if let Some(s) = &p.source {
        outln!("原件：{s}");
    }
    if !p.derived.is_empty() {
        outln!("复印件/汇编：{}", p.derived.join("、"));
    }
    if let Some(i) = &p.incident {
        outln!("泄密事件：{i}");
    }
    outln!();
    let rows: Vec<Vec<String>> = p
        .history
        .iter()
        .map(|e| {
            vec![
                dates::iso(e.on),
                e.kind.name().to_string(),
                crate::report::event_detail(e),
                e.handler.clone(),
            ]
        })
        .collect();
    outp!("{}", table(&["日期", "办理", "详情", "经办人"], &rows));
    Ok(())
}

pub(super) fn list(store: &Store, filter: &Filter, limit: usize, format: &str) -> Outcome {
    // Streamed, never all rows in memory (issue 9 point 22).
    crate::cli::export::ledger_list(store, filter, limit, format)
}
