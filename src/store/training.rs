//! Training sessions and key sites meeting the people register (issue 11): the hours a person
//! trained (R-TRN-2, R-TRN-3), a key site by its name (R-KEY-1), and the due items of both. The
//! rules are in `domain::rules::{training, site}`; this file only reads what they need.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::Result;
use super::records::{self, Filter};
use crate::domain::due::{self, DueItem};
use crate::domain::ledgers::{LedgerSpec, Record, Values};
use crate::domain::rules::{person, site, training};
use crate::domain::text::split_list;

/// Every record of `spec`, in number order (sessions and sites are few: hundreds a year).
fn every(
    conn: &Connection,
    spec: &'static crate::domain::ledgers::LedgerSpec,
) -> Result<Vec<Record>> {
    let mut out = Vec::new();
    records::for_each(conn, spec, &Filter::default(), |r| {
        out.push(r);
        Ok(true)
    })?;
    Ok(out)
}

/// Every training session.
pub fn sessions(conn: &Connection) -> Result<Vec<Record>> {
    every(conn, &training::SPEC)
}

/// R-TRN-3: the per-person hours table of `year`.
pub fn year_table(conn: &Connection, year: i32) -> Result<Vec<training::Hours>> {
    let people = every(conn, &person::SPEC)?;
    Ok(training::year_table(&people, &sessions(conn)?, year))
}

/// R-TRN-3: the hours `person` trained in `year`, for a person on post (none otherwise).
pub fn person_year(
    conn: &Connection,
    person: &Record,
    year: i32,
) -> Result<Option<training::Hours>> {
    Ok(training::year_table(std::slice::from_ref(person), &sessions(conn)?, year).pop())
}

/// The one key site named `name`; none when no site or several have it.
pub fn site_by_name(conn: &Connection, name: &str) -> Result<Option<Record>> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(None);
    }
    let filter = Filter {
        values: vec![("name".to_string(), name.to_string())],
        ..Filter::default()
    };
    let mut found = Vec::new();
    records::for_each(conn, &site::SPEC, &filter, |r| {
        found.push(r);
        Ok(found.len() < 2)
    })?;
    Ok((found.len() == 1).then(|| found.remove(0)))
}

/// R-TRN-2, R-PER-2: who joins a key site's staff is vetted, pledged and has trained 16 hours in
/// the twelve months up to the day. A person typed by number is kept by name, as staff are
/// written. A site not yet accepted is left to its own rule (R-KEY-2).
pub fn before_act(
    conn: &Connection,
    r: &Record,
    verb: &str,
    values: &mut Values,
    on: NaiveDate,
) -> Result<()> {
    if r.spec.key != site::SPEC.key || verb != "staff" || r.state != site::IN_USE {
        return Ok(());
    }
    let Some(typed) = values.get("add").cloned() else {
        return Ok(());
    };
    let name = match records::find(conn, &person::SPEC, &typed)? {
        Some(p) => person::name(&p).to_string(),
        None => typed.trim().to_string(),
    };
    super::people::check_receiver(conn, &name, "到要害部门部位任职")?;
    let hours = training::hours_before_post(&name, &sessions(conn)?, on);
    site::check_post_hours(&name, hours, &format!("「{}」", r.get("name")))?;
    values.insert("add".to_string(), name);
    Ok(())
}

/// R-TRN-1: a session's attendees and absentees are people of the register where they are in
/// it: one typed by number is kept by name, a name that repeats is refused listing who bears it
/// (`person::pick`), an unknown name is kept as written. Kept joined by 、.
pub fn before_add(conn: &Connection, spec: &LedgerSpec, values: &mut Values) -> Result<()> {
    if spec.key != training::SPEC.key {
        return Ok(());
    }
    for key in ["attendees", "absent"] {
        let Some(typed) = values.get(key) else {
            continue;
        };
        let mut names = Vec::new();
        for n in split_list(typed) {
            let name = match records::find(conn, &person::SPEC, &n)? {
                Some(p) => person::name(&p).to_string(),
                None => {
                    super::people::by_name(conn, &n)?.map_or(n, |p| person::name(&p).to_string())
                }
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
        values.insert(key.to_string(), names.join("、"));
    }
    Ok(())
}

/// R-KEY-3, R-KEY-4: every key site's next inspection and unreported changes.
pub fn site_items(conn: &Connection, open_days: i64) -> Result<Vec<DueItem>> {
    Ok(every(conn, &site::SPEC)?
        .iter()
        .flat_map(|r| due::key_site(r, open_days))
        .collect())
}

/// R-TRN-3: the training shortfalls shown on `as_of`.
pub fn shortfalls(conn: &Connection, as_of: NaiveDate, warn_month: u32) -> Result<Vec<DueItem>> {
    let people = every(conn, &person::SPEC)?;
    Ok(due::training_shortfall(
        &people,
        &sessions(conn)?,
        as_of,
        warn_month,
    ))
}
