//! Loads what the due engine needs, in as few rows as it can: held papers only (closed ones are
//! never due), and the days counts and checks were done.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::stocktake::{self, StocktakeKind};
use super::{Result, opt_date};
use crate::domain::carrier::PaperState;
use crate::domain::due::{self, Dated, DueSettings, PaperFacts, UnitFacts};
use crate::domain::level::{Level, Period};
use crate::domain::settings::Settings;

pub fn paper_facts(conn: &Connection) -> Result<Vec<PaperFacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT no, title, level, year, state, return_by, keep, extended, extended_until, due_on,
                period, registered_on
         FROM paper WHERE state IN ('in_stock', 'circulating', 'on_loan', 'taken_out')",
    )?;
    let rows = stmt.query_map([], |r| {
        let state: String = r.get(4)?;
        let period: Option<String> = r.get(10)?;
        let registered: String = r.get(11)?;
        let period_end = period
            .as_deref()
            .and_then(Period::parse)
            .and_then(|p| p.end_from(super::date(&registered)));
        Ok(PaperFacts {
            no: r.get(0)?,
            title: r.get(1)?,
            level: Level::from_code(r.get(2)?).unwrap_or(Level::TopSecret),
            year: r.get(3)?,
            state: PaperState::from_code(&state).unwrap_or(PaperState::InStock),
            return_by: opt_date(r.get(5)?),
            keep: r.get::<_, i64>(6)? != 0,
            extended: r.get::<_, i64>(7)? != 0,
            extended_until: opt_date(r.get(8)?),
            due_on: opt_date(r.get(9)?),
            period_end,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn unit_facts(conn: &Connection) -> Result<UnitFacts> {
    let started_on = super::settings::get(conn, "started_on")?
        .as_deref()
        .and_then(crate::domain::dates::parse);
    Ok(UnitFacts {
        started_on,
        counts: stocktake::days(conn, StocktakeKind::Count)?,
        checks: stocktake::days(conn, StocktakeKind::Check)?,
    })
}

/// Every due item as of `as_of`, sorted by due date then rule.
pub fn items(conn: &Connection, as_of: NaiveDate, settings: &Settings) -> Result<Vec<Dated>> {
    let papers = paper_facts(conn)?;
    let unit = unit_facts(conn)?;
    Ok(due::all(
        &papers,
        &unit,
        as_of,
        DueSettings {
            alarm_days: settings.alarm_days,
            declass_days: settings.declass_days,
        },
    ))
}
