//! Incidents meeting the carriers and the inspections (issue 10's loss, issue 12): a paper, medium
//! or computer reported lost opens one incident, whose 24-hour report is the loss's (R-MED-5,
//! R-CMP-10 with R-INC-2); a leak found in an inspection opens one (R-INS-3); an incident naming a
//! carrier is linked both ways. The rules are in `domain::rules::{incident, inspection}`; this file
//! only reads and writes what they decide, in the caller's change.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::records::{self, ActForm, AddForm};
use super::{Change, Result};
use crate::domain::Refusal;
use crate::domain::dates;
use crate::domain::ledgers::{LedgerSpec, Record, Values};
use crate::domain::rules::{computer, incident, inspection, media, rectification};

/// The ledgers whose records may be lost and so open an incident.
fn lost_kind(spec: &LedgerSpec) -> bool {
    spec.key == media::SPEC.key || spec.key == computer::SPEC.key
}

/// The medium or computer numbered `no`, if registered.
fn carrier_record(conn: &Connection, no: &str) -> Result<Option<Record>> {
    for spec in [&media::SPEC, &computer::SPEC] {
        if let Some(r) = records::find(conn, spec, no)? {
            return Ok(Some(r));
        }
    }
    Ok(None)
}

/// The incident that names carrier `no`, the latest if several.
pub fn of_carrier(conn: &Connection, no: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT no FROM record WHERE spec = 'incident'
                 AND json_extract(data, '$.carrier') = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([no.trim()], |r| r.get(0))
        .optional()?)
}

/// R-INC-2: the carrier an incident names is a registered paper, medium or computer, and one loss
/// is one incident: a carrier whose incident still stands for it is not reported twice (once
/// found, a new loss is a new event).
pub fn before_add(conn: &Connection, spec: &LedgerSpec, values: &Values) -> Result<()> {
    if spec.key != incident::SPEC.key {
        return Ok(());
    }
    let Some(no) = values.get("carrier") else {
        return Ok(());
    };
    let no = crate::domain::numbering::check_number("载体编号", no)?;
    let known = carrier_record(conn, &no)?.is_some() || super::papers::find(conn, &no)?.is_some();
    if !known {
        return Err(
            Refusal::field("载体编号", format!("{no} 不是已登记的密件、介质或计算机")).into(),
        );
    }
    if let Some(open) = of_carrier(conn, &no)?
        && let Some(r) = records::find(conn, &incident::SPEC, &open)?
        && incident::still_covers(&r)
    {
        return Err(Refusal::rule(
            "R-INC-2",
            format!(
                "{no} 已登记为泄密事件 {open}（{}），同一事件不重复登记",
                r.state_label()
            ),
        )
        .into());
    }
    Ok(())
}

/// An incident naming a medium or computer: the carrier's page names it.
pub fn after_add(c: &mut Change<'_>, r: &Record) -> Result<()> {
    if r.spec.key != incident::SPEC.key || r.get("carrier").is_empty() {
        return Ok(());
    }
    if let Some(carrier) = carrier_record(&c.tx, r.get("carrier"))? {
        records::set(c, &carrier, &[("incident", &r.no)])?;
    }
    Ok(())
}

/// The incident carrier `r` is linked to, if any.
fn linked(conn: &Connection, r: &Record) -> Result<Option<Record>> {
    match r.get("incident") {
        "" => Ok(None),
        no => records::find(conn, &incident::SPEC, no),
    }
}

/// Registers the incident `values` describe, on `on` (the event's day).
fn open(c: &mut Change<'_>, on: NaiveDate, values: BTreeMap<String, String>) -> Result<Record> {
    let form = AddForm {
        values,
        no: None,
        date: Some(on),
    };
    records::add(c, &incident::SPEC, &form)
}

/// What an act opens or closes elsewhere; true when it changed the record it was done on.
pub fn after_act(
    c: &mut Change<'_>,
    r: &Record,
    verb: &str,
    values: &Values,
    on: NaiveDate,
) -> Result<bool> {
    match verb {
        // R-MED-5, R-CMP-10, R-INC-2: the loss opens its incident (once), whose 24 hours count
        // from the loss; a carrier found and lost again opens a new one.
        "lost"
            if lost_kind(r.spec)
                && !linked(&c.tx, r)?.is_some_and(|i| incident::still_covers(&i)) =>
        {
            let note = values.get("note").map(String::as_str).unwrap_or("");
            match incident::for_loss(r, note) {
                Some((day, v)) => {
                    // `after_add` writes the link on the carrier.
                    open(c, day, v)?;
                    Ok(true)
                }
                None => Ok(false),
            }
        }
        // The loss's report recorded on the carrier is the incident's report: one report.
        "report" if lost_kind(r.spec) && !r.get("incident").is_empty() => {
            let Some(inc) = records::find(&c.tx, &incident::SPEC, r.get("incident"))? else {
                return Ok(false);
            };
            if inc.state != "reporting" {
                return Ok(false);
            }
            // The carrier's report has a day, not a time: now when made today, else the day's
            // end; never before the event itself (a loss typed in after the fact).
            let mut at = if on == c.stamp.today() {
                on.and_time(c.stamp.now.time())
            } else {
                on.and_hms_opt(23, 59, 0).unwrap_or_default()
            };
            if let Some(event) = incident::happened_at(&inc) {
                at = at.max(event);
            }
            let at = at.format("%H:%M").to_string();
            let mut v = BTreeMap::new();
            v.insert("time".to_string(), at);
            for k in ["ref", "to"] {
                if let Some(x) = values.get(k) {
                    v.insert(k.to_string(), x.clone());
                }
            }
            let form = ActForm {
                verb: "reported".into(),
                values: v,
                on,
                request: None,
            };
            records::act(c, &incident::SPEC, &inc.no, &form)?;
            Ok(false)
        }
        // R-INC-4: a lost carrier found again is recorded on its incident, which stays open: the
        // loss is still reported and closed (R-INC-2).
        "found" if lost_kind(r.spec) => {
            if let Some(inc) = linked(&c.tx, r)?.filter(Record::held) {
                records::set(c, &inc, &[("found_on", &dates::iso(on))])?;
            }
            Ok(false)
        }
        // The incident's report is the lost carrier's: its page says when and to whom.
        "reported" if r.spec.key == incident::SPEC.key => {
            if let Some(carrier) = carrier_record(&c.tx, r.get("carrier"))?
                && carrier.state == "lost"
                && carrier.get("reported_on").is_empty()
            {
                let on = dates::iso(on);
                records::set(
                    c,
                    &carrier,
                    &[
                        ("reported_on", &on),
                        ("report_ref", r.get("report_ref")),
                        ("reported_to", r.get("reported_to")),
                    ],
                )?;
            }
            Ok(false)
        }
        // R-INS-3: a leak found in an inspection is an incident from the moment it was found.
        "finding" if r.spec.key == inspection::SPEC.key => {
            let Some((day, v)) = inspection::leak_incident(r, values, on)? else {
                return Ok(false);
            };
            let inc = open(c, day, v)?;
            let (_, key) = rectification::leak_keys(rectification::count(r));
            records::set(c, r, &[(&key, &inc.no)])?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// A paper reported lost opens its incident too (R-INC-2): its day and time (`at`, 00:00 when
/// unknown), level and title.
pub fn paper_lost(
    c: &mut Change<'_>,
    paper: &crate::domain::paper::Paper,
    on: NaiveDate,
    at: &str,
    note: &str,
) -> Result<()> {
    if !paper.level.is_state_secret() {
        return Ok(());
    }
    if let Some(open) = of_carrier(&c.tx, &paper.no)?
        && records::find(&c.tx, &incident::SPEC, &open)?.is_some_and(|r| r.held())
    {
        return Ok(());
    }
    let time = match at.trim() {
        "" => "00:00",
        t => t,
    };
    let mut what = format!("密件 {}《{}》遗失", paper.no, paper.title);
    if !note.trim().is_empty() {
        what.push_str(&format!("：{}", note.trim()));
    }
    let values = [
        ("time", time.to_string()),
        ("level", paper.level.name().to_string()),
        (
            "what",
            what.chars().take(crate::domain::text::NOTE_MAX).collect(),
        ),
        ("kind", "遗失".to_string()),
        ("carrier", paper.no.clone()),
        ("responsible", paper.holder.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    open(c, on, values)?;
    Ok(())
}

/// The incidents of a day range whose event lay between `from` and `to` (for the inspection form).
pub fn between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM record WHERE spec = 'incident' AND registered_on BETWEEN ?1 AND ?2
         ORDER BY id",
        records::COLUMNS
    ))?;
    let rows = stmt.query_map(
        params![dates::iso(from), dates::iso(to)],
        records::row(&incident::SPEC),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
