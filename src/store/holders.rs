//! Issue 11, existing data: a database made before the people register names holders and
//! borrowers only. Migration 9 leaves a pending step; `records::migrated::settle` registers every
//! such name not yet in the register as a person whose vetting is 待补
//! (`domain::rules::person::holders`), and removes the step.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Change, Result};
use crate::domain::rules::person::{SPEC, holders};
use crate::domain::text::split_list;

/// Registers each holder of a held paper, reader and borrower the ledger names who is not in the
/// people register yet, dated the day the ledger first names them; returns their numbers.
pub fn adopt(c: &mut Change<'_>) -> Result<Vec<String>> {
    // A holder may be a list (those carrying it out): each name on it counts.
    let rows: Vec<(String, String)> = {
        let mut stmt = c.tx.prepare(
            "SELECT holder, registered_on FROM paper
                 WHERE state IN ('in_stock', 'circulating', 'on_loan', 'taken_out', 'lost')
                     AND holder <> ''
             UNION ALL SELECT person, on_date FROM paper_event
                 WHERE kind IN ('circulate', 'loan', 'copy') AND person <> ''
             UNION ALL SELECT persons, on_date FROM paper_event
                 WHERE kind = 'take_out' AND persons <> ''",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let today = c.stamp.today();
    let mut first: BTreeMap<String, NaiveDate> = BTreeMap::new();
    for (names, on) in rows {
        let on = crate::domain::dates::parse(&on).unwrap_or(today);
        for name in split_list(&names) {
            let day = first.entry(name).or_insert(on);
            *day = (*day).min(on);
        }
    }
    let mut out = Vec::new();
    for (name, on) in first {
        let Some(values) = holders::found_person(&name) else {
            continue;
        };
        if !super::people::named(&c.tx, &name)?.is_empty() {
            continue;
        }
        // Never later than the business day of the change that finds them.
        let on = on.min(today);
        let r = super::records::add_found(c, &SPEC, values, on)?;
        out.push(r.no);
    }
    Ok(out)
}
