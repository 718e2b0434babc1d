//! The people register meeting the carriers (issue 11): finding a person by number or name, and
//! the checks the carrier paths call before they write — who may be issued or lent a carrier
//! (R-PER-2) and who may leave a post (R-PER-5, R-PAP-17). The rules are in
//! `domain::rules::person`; this file only reads what they need.

use rusqlite::Connection;

use super::Result;
use super::records::{self, Filter};
use crate::domain::ledgers::{LedgerSpec, Record, Values};
use crate::domain::paper::Plan;
use crate::domain::rules::paper::{self as paper_rules, Knower};
use crate::domain::rules::person::{self, SPEC, officer};

/// Everyone registered under `name`, in number order.
pub fn named(conn: &Connection, name: &str) -> Result<Vec<Record>> {
    let name = name.trim();
    let mut out = Vec::new();
    if name.is_empty() {
        return Ok(out);
    }
    let filter = Filter {
        values: vec![("name".to_string(), name.to_string())],
        ..Filter::default()
    };
    records::for_each(conn, &SPEC, &filter, |r| {
        out.push(r);
        Ok(true)
    })?;
    Ok(out)
}

/// The one person named `name`: none when nobody is; refused, listing each with their
/// department, when the name repeats.
pub fn by_name(conn: &Connection, name: &str) -> Result<Option<Record>> {
    Ok(person::pick(name, named(conn, name)?)?)
}

/// The people register's entries for the persons a paper act names (a name or a person number
/// each), as the domain judges them (R-CLS-2, R-PER-2). A name the register does not hold is left
/// out (the domain takes it as a bare name); a name two people share is refused with both, so the
/// officer gives the number.
pub fn knowers<'a>(
    conn: &Connection,
    queries: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<Knower>> {
    let mut out = Vec::new();
    for q in queries {
        let q = q.trim();
        if q.is_empty() {
            continue;
        }
        let found = match records::find(conn, &SPEC, q)? {
            Some(r) => Some(r),
            None => by_name(conn, q)?,
        };
        if let Some(r) = found {
            out.push(knower(&r));
        }
    }
    Ok(out)
}

/// A registered person as the scope and clearance checks see them.
pub fn knower(r: &Record) -> Knower {
    Knower {
        name: person::name(r).to_string(),
        no: r.no.clone(),
        dept: r.get("dept").to_string(),
        outsider: person::is_outsider(&r.values),
        cleared: person::is_cleared(r) || person::awaits_vetting(r),
        on_post: r.state == "on_post",
    }
}

/// R-PER-2, R-PER-5: what the officer is told on filing `plan` when the person it lends a paper
/// to may not be given it yet (none when they may, or for other plans).
pub fn plan_reminder(conn: &Connection, plan: &Plan) -> Result<Option<String>> {
    let Plan::Loan(p) = plan else {
        return Ok(None);
    };
    let paper = super::papers::get(conn, &p.paper)?;
    let people = knowers(conn, [p.borrower.as_str()])?;
    Ok(paper_rules::loan_reminder(
        &paper,
        &paper_rules::knower(&people, &p.borrower, ""),
    ))
}

/// R-PER-2, R-PER-5: `name` may be given `what` (a carrier) only once vetted and pledged and
/// while on post. A name the register does not hold is not checked, as before the register.
pub fn check_receiver(conn: &Connection, name: &str, what: &str) -> Result<()> {
    Ok(person::check_may_receive(
        name.trim(),
        &named(conn, name)?,
        what,
    )?)
}

/// R-PER-5, R-PAP-17: `who` holds no paper, notebook, medium, computer or device.
pub fn check_departure(conn: &Connection, who: &Record) -> Result<()> {
    let name = person::name(who);
    let papers = super::papers::held_by(conn, name)?;
    // A notebook handed in stays registered to the person who used it, in the secrecy room's
    // hands: not theirs to return.
    let mut held_papers = Vec::new();
    for p in &papers {
        if p.holder == name || !super::notebooks::is_notebook(conn, p.id)? {
            held_papers.push(p);
        }
    }
    let mut held = Vec::new();
    for spec in crate::domain::ledgers::spec::all() {
        if spec.key != SPEC.key {
            held.extend(records::held_by(conn, spec, name)?);
        }
    }
    Ok(person::check_departure(name, &held_papers, &held)?)
}

/// What the people register asks of an act on a record before it is written: leaving checks the
/// carriers held; a medium issued or lent checks who receives it; whoever takes over an officer's
/// work is a cleared person, kept by name (R-PER-6, R-PER-8); a trip carried out links the
/// travel briefing (R-TRN-4).
pub fn before_act(
    conn: &Connection,
    spec: &LedgerSpec,
    record: &Record,
    verb: &str,
    values: &mut Values,
) -> Result<()> {
    match (spec.key, verb) {
        ("person", "leave") => check_departure(conn, record),
        ("person", "handover" | "away") => {
            let rule = if verb == "away" { "R-PER-8" } else { "R-PER-6" };
            let typed = value(values, "to").to_string();
            let found = match records::find(conn, &SPEC, &typed)? {
                Some(p) => Some(p),
                None => by_name(conn, &typed)?,
            };
            let name = officer::check_stand_in(rule, record, &typed, found.as_ref())?;
            values.insert("to".to_string(), name);
            Ok(())
        }
        ("person", "travel") => {
            let depart = crate::domain::dates::parse(value(values, "depart"))
                .ok_or(super::StoreError::Internal("出发日期缺失"))?;
            let sessions = super::training::sessions(conn)?;
            let no = officer::briefing(person::name(record), &sessions, depart)?;
            values.insert("briefing".to_string(), no);
            Ok(())
        }
        ("medium", "issue") => check_receiver(conn, value(values, "to"), "配发涉密介质"),
        ("medium", "lend") => check_receiver(conn, value(values, "to"), "借用涉密介质"),
        _ => Ok(()),
    }
}

fn value<'a>(values: &'a Values, key: &str) -> &'a str {
    values.get(key).map(String::as_str).unwrap_or("")
}
