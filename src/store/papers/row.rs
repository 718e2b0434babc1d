//! How a paper row reads: the columns every query of papers selects, and the `Paper` they make.

use super::*;
use crate::domain::carrier::PaperState;
use crate::domain::level::{Level, Period};
use crate::domain::paper::Origin;
use crate::domain::text::split_list;
use crate::store::{date, opt_date};

// An originator imported 待补 shows its completion (R-PAP-3, store::gaps) once there is one; the
// scope is the one in force (R-CLS-2); the title is as the account reading may see it
// (`store::need_to_know`).
pub(crate) const COLUMNS: &str =
    "id, no, origin, registered_on, year, CASE WHEN originator <> '待补' THEN originator
    WHEN (SELECT value FROM paper_gap WHERE paper_id = id AND field = 'originator'
    ORDER BY gap_id DESC LIMIT 1) IS NOT NULL THEN (SELECT value FROM paper_gap WHERE paper_id = id
    AND field = 'originator' ORDER BY gap_id DESC LIMIT 1) ELSE originator END, doc_no,
    title_for(level, coalesce(scope_now, scope), title), level, period,
    coalesce(scope_now, scope), copies, copy_nos, return_by, keep, cipher, no_copy, distribution,
    source_id, dispatch_no,
    keeper, holder, location, state, extended, extended_until, due_on, period_from";

/// How many columns `COLUMNS` selects, counted at the top level (an expression may hold commas):
/// where the columns a query adds after them begin.
pub(crate) fn column_count() -> usize {
    COLUMNS
        .chars()
        .scan(0i32, |depth, ch| {
            match ch {
                '(' => *depth += 1,
                ')' => *depth -= 1,
                _ => {}
            }
            Some(ch == ',' && *depth == 0)
        })
        .filter(|top| *top)
        .count()
        + 1
}

pub(crate) fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Paper> {
    let period: Option<String> = r.get(9)?;
    let state: String = r.get(23)?;
    let origin: String = r.get(2)?;
    let registered_on = date(&r.get::<_, String>(3)?);
    Ok(Paper {
        id: r.get(0)?,
        no: r.get(1)?,
        origin: Origin::from_code(&origin).unwrap_or(Origin::Received),
        registered_on,
        period_from: opt_date(r.get(27)?).unwrap_or(registered_on),
        year: r.get(4)?,
        originator: r.get(5)?,
        doc_no: r.get(6)?,
        title: r.get(7)?,
        level: Level::from_code(r.get(8)?).unwrap_or(Level::TopSecret),
        period: period.as_deref().and_then(Period::parse),
        scope: split_list(&r.get::<_, String>(10)?),
        copies: r.get(11)?,
        copy_nos: r.get(12)?,
        return_by: opt_date(r.get(13)?),
        keep: r.get::<_, i64>(14)? != 0,
        cipher: r.get::<_, i64>(15)? != 0,
        no_copy: r.get::<_, i64>(16)? != 0,
        distribution: split_list(&r.get::<_, String>(17)?),
        source_id: r.get(18)?,
        dispatch_no: r.get(19)?,
        keeper: r.get(20)?,
        holder: r.get(21)?,
        location: r.get(22)?,
        state: PaperState::from_code(&state).unwrap_or(PaperState::InStock),
        extended: r.get::<_, i64>(24)? != 0,
        extended_until: opt_date(r.get(25)?),
        due_on: opt_date(r.get(26)?),
    })
}
