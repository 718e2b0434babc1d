//! 保密笔记本 (R-PAP-26): issued from the ledger to a named person, held and counted like a paper,
//! handed in to the secrecy room when used up, then kept or destroyed (the destruction goes
//! through the destruction list like any paper's, R-PAP-23).

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::papers::{self, COLUMNS, EventLinks, row};
use super::{Change, Result};
use crate::domain::Refusal;
use crate::domain::carrier::{EventKind, PaperState, next_state};
use crate::domain::notebook::{self, Disposal};
use crate::domain::numbering::Series;
use crate::domain::paper::Paper;
use crate::domain::rules::paper::{self as rules, Act, ActContext};

/// A notebook as the register lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notebook {
    pub paper: Paper,
    pub issued_to: String,
}

impl Notebook {
    /// 在用 while the person has it; otherwise the paper's state.
    pub fn state_name(&self) -> &'static str {
        match self.paper.state {
            PaperState::OnLoan => "在用",
            PaperState::InStock => "已交回",
            other => other.name(),
        }
    }
}

pub fn is_notebook(conn: &Connection, paper_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM notebook WHERE paper_id = ?1")?
        .exists([paper_id])?)
}

/// R-PAP-26: a notebook comes back by being handed in (`baomi notebook hand-in`), which records
/// where it is kept and whether it is to be kept or destroyed; 归还 is for loans.
pub fn check_act(conn: &Connection, paper: &Paper, kind: EventKind) -> Result<()> {
    if kind == EventKind::LoanBack && is_notebook(conn, paper.id)? {
        return Err(Refusal::rule(
            "R-PAP-26",
            format!(
                "{} 是保密笔记本：用完交回请用 baomi notebook hand-in，写明存放的保密柜和处理方式",
                paper.no
            ),
        )
        .into());
    }
    Ok(())
}

/// R-PAP-26: issues a notebook to `person`; it is registered in their hands.
pub fn issue(
    c: &mut Change<'_>,
    person: &str,
    level: &str,
    title: &str,
    on: NaiveDate,
) -> Result<Paper> {
    super::accounts::require_officer(c, "发放保密笔记本")?;
    let level = notebook::check_issue(person, level, title)?;
    super::people::check_receiver(&c.tx, person, "领用保密笔记本")?;
    let settings = super::settings::load(&c.tx)?;
    rules::check_within_unit_level(level, settings.highest_level)?;
    let year = chrono::Datelike::year(&on);
    let no = papers::next_number(c, Series::Notebook, year, settings.format(Series::Notebook))?;
    let person = person.trim().to_string();
    let paper = papers::insert(
        c,
        &Paper {
            title: if title.trim().is_empty() {
                notebook::TITLE.to_string()
            } else {
                title.trim().to_string()
            },
            level,
            period: level.default_period(),
            scope: vec![person.clone()],
            no_copy: true,
            // The person answers for it while it is in their hands.
            ..papers::own_paper(
                no,
                on,
                settings.unit_name.clone(),
                person.clone(),
                next_state(None, EventKind::Issue)?,
            )
        },
    )?;
    c.tx.execute(
        "INSERT INTO notebook (paper_id, issued_to) VALUES (?1, ?2)",
        params![paper.id, person],
    )?;
    let act = Act {
        on,
        person: person.clone(),
        ..Act::default()
    };
    papers::insert_event(c, paper.id, EventKind::Issue, &act, EventLinks::default())?;
    c.audit("发放保密笔记本", &paper.no, None, papers::snapshot(&paper));
    Ok(paper)
}

/// R-PAP-26: the notebook `no` handed in when used up: into a registered cabinet of the secrecy
/// room (R-PAP-10), to be kept or destroyed.
pub fn hand_in(
    c: &mut Change<'_>,
    no: &str,
    on: NaiveDate,
    location: &str,
    disposal: &str,
    note: &str,
) -> Result<(Paper, Disposal)> {
    super::accounts::require_officer(c, "交回保密笔记本")?;
    let paper = papers::get(&c.tx, no)?;
    if !is_notebook(&c.tx, paper.id)? {
        return Err(Refusal::rule(
            "R-PAP-26",
            format!("{} 不是保密笔记本，密件收回请用 baomi paper back", paper.no),
        )
        .into());
    }
    let disposal = notebook::check_hand_in(disposal)?;
    let mut act = Act {
        on,
        person: c.handler()?.to_string(),
        place: location.to_string(),
        method: disposal.name().to_string(),
        note: note.to_string(),
        ..Act::default()
    };
    let next = rules::check_event(&paper, EventKind::HandIn, &act, &ActContext::default())?;
    act.place = super::cabinets::place(c, location, paper.level)?;
    let after = paper.after(EventKind::HandIn, &act, next);
    papers::insert_event(c, paper.id, EventKind::HandIn, &act, EventLinks::default())?;
    papers::update(c, &after)?;
    c.audit(
        "交回保密笔记本",
        &paper.no,
        papers::snapshot(&paper),
        papers::snapshot(&after),
    );
    Ok((after, disposal))
}

/// Every notebook, newest first; or only those still in use.
pub fn list(conn: &Connection, in_use_only: bool) -> Result<Vec<Notebook>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, (SELECT n.issued_to FROM notebook n WHERE n.paper_id = paper.id)
         FROM paper WHERE id IN (SELECT paper_id FROM notebook)
           AND (?1 = 0 OR state = 'on_loan') ORDER BY id DESC"
    ))?;
    let base = papers::column_count();
    let rows = stmt.query_map([in_use_only], |r| {
        Ok(Notebook {
            paper: row(r)?,
            issued_to: r.get(base)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
