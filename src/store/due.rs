//! Loads what the due engine needs, in as few rows as it can: only held papers that some rule could
//! make due within the horizon (`PaperFacts::may_be_due_by`), found through the partial indexes of
//! schema.sql; and the days counts and checks were done.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{Connection, params};

use super::stocktake::{self, StocktakeKind};
use super::{Result, opt_date};
use crate::domain::carrier::PaperState;
use crate::domain::dates;
use crate::domain::due::{self, Dated, DueSettings, DutyFacts, OutFacts, PaperFacts, UnitFacts};
use crate::domain::level::Level;
use crate::domain::settings::Settings;

const HELD: &str = "('in_stock', 'circulating', 'on_loan', 'taken_out')";

/// Held papers that may be due on or before `by`: the union of what each index finds.
pub fn paper_facts(conn: &Connection, by: NaiveDate) -> Result<Vec<PaperFacts>> {
    let sql = format!(
        "SELECT no, title_for(level, coalesce(scope_now, scope), title), level, year, state, return_by, keep, extended, extended_until, due_on,
                period_end, EXISTS (SELECT 1 FROM notebook n WHERE n.paper_id = paper.id)
         FROM paper WHERE id IN (
             SELECT id FROM paper INDEXED BY paper_held_year WHERE state IN {HELD} AND year < ?1
             UNION SELECT id FROM paper INDEXED BY paper_held_return_by
                 WHERE return_by <= ?2 AND return_by IS NOT NULL AND state IN {HELD}
             UNION SELECT id FROM paper INDEXED BY paper_held_due_on
                 WHERE due_on <= ?2 AND due_on IS NOT NULL AND state IN {HELD}
             UNION SELECT id FROM paper INDEXED BY paper_held_extended
                 WHERE extended_until <= ?2 AND extended_until IS NOT NULL AND state IN {HELD}
             UNION SELECT id FROM paper INDEXED BY paper_held_period_end
                 WHERE period_end <= ?2 AND period_end IS NOT NULL AND state IN {HELD}
             UNION SELECT paper_id FROM paper_gap WHERE value IS NULL
         )"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![by.year(), dates::iso(by)], |r| {
        let state: String = r.get(4)?;
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
            period_end: opt_date(r.get(10)?),
            gaps: Vec::new(),
            notebook: r.get(11)?,
        })
    })?;
    let mut facts: Vec<PaperFacts> = rows.collect::<rusqlite::Result<_>>()?;
    // R-PAP-3: the register fields still 待补 (few: only imports open them).
    let mut gaps = super::gaps::open_by_paper(conn)?;
    if !gaps.is_empty() {
        for f in &mut facts {
            if let Some(g) = gaps.remove(&f.no) {
                f.gaps = g;
            }
        }
    }
    Ok(facts)
}

pub fn unit_facts(conn: &Connection) -> Result<UnitFacts> {
    let started_on = super::settings::get(conn, "started_on")?
        .as_deref()
        .and_then(dates::parse);
    Ok(UnitFacts {
        started_on,
        counts: stocktake::days(conn, StocktakeKind::Count)?,
        checks: stocktake::days(conn, StocktakeKind::Check)?,
    })
}

/// Every item due within `within` days of `as_of` (overdue ones always), sorted by due date then
/// rule.
pub fn items(
    conn: &Connection,
    as_of: NaiveDate,
    settings: &Settings,
    within: i64,
) -> Result<Vec<Dated>> {
    let by = as_of + Duration::days(within.max(0));
    let papers = paper_facts(conn, by)?;
    let unit = unit_facts(conn)?;
    let due_settings = DueSettings {
        alarm_days: settings.alarm_days,
        declass_days: settings.declass_days,
    };
    let mut items = due::due_within(&papers, &unit, as_of, due_settings, within);
    // Media, computers and devices (issue 10): only those some alarm may make due by then.
    let record_settings = due::RecordSettings {
        medium_check_months: settings.medium_check_months,
        backup_days: settings.backup_days,
        mailbox_password_days: settings.mailbox_password_days,
        open_days: settings.open_item_days,
    };
    super::records::due_facts(conn, &record_settings.horizons(by), |r| {
        items.extend(
            due::record_items(r, record_settings)
                .into_iter()
                .map(|i| due::place(i, as_of, settings.alarm_days))
                .filter(|d| d.days <= within),
        )
    })?;
    // R-DIS-4: requests for publication answered within 15 working days.
    let calendar = super::holidays::calendar(conn)?;
    items.extend(due::within(
        super::records::steps::awaiting_answer(conn)?
            .iter()
            .filter_map(|r| due::review_answer(r, &calendar))
            .map(|i| due::place(i, as_of, settings.alarm_days))
            .collect(),
        within,
    ));
    // Meetings and the secrecy organisation (issue 12): few records, read whole.
    let org = organisation_facts(conn)?;
    let mut unit_items: Vec<due::DueItem> = super::meetings::uncollected(conn)?
        .iter()
        .map(due::uncollected)
        .collect();
    unit_items.extend(due::organisation(
        &due::OrgFacts {
            records: &org,
            leaders: &super::accounts::leader_names(conn)?,
            unit: &settings.unit_name,
        },
        as_of,
    ));
    items.extend(due::within(
        unit_items
            .into_iter()
            .map(|i| due::place(i, as_of, settings.alarm_days))
            .collect(),
        within,
    ));
    // Key sites (R-KEY-3, R-KEY-4) within the horizon; training shortfalls (R-TRN-3) whatever it.
    items.extend(due::within(
        super::training::site_items(conn, settings.open_item_days)?
            .into_iter()
            .map(|i| due::place(i, as_of, settings.alarm_days))
            .collect(),
        within,
    ));
    items.extend(
        super::training::shortfalls(conn, as_of, settings.training_warn_month)?
            .into_iter()
            .map(|i| due::place(i, as_of, settings.alarm_days)),
    );
    let duties = DutyFacts {
        mismatches: super::mismatches::open_facts(conn)?,
        out: out_for_the_day(conn)?,
        receipt_check_days: settings.receipt_check_days,
    };
    Ok(due::with_duties(
        items,
        &duties,
        as_of,
        due_settings,
        within,
    ))
}

/// The records of the secrecy organisation's registers (R-ORG-2, 4, 5, 6).
fn organisation_facts(conn: &Connection) -> Result<Vec<crate::domain::ledgers::Record>> {
    use crate::domain::rules::organisation::{self as org, coop};
    let mut out = Vec::new();
    for spec in [
        &org::UNIT_REPORT,
        &coop::SPEC,
        &org::ASSESSMENT,
        &org::STAFF_CHANGE,
    ] {
        super::records::for_each(conn, spec, &super::records::Filter::default(), |r| {
            out.push(r);
            Ok(true)
        })?;
    }
    Ok(out)
}

/// R-PAP-10: the papers in circulation, with the day each went out (its latest 传阅). Few at any
/// time, found through the state index.
pub fn out_for_the_day(conn: &Connection) -> Result<Vec<OutFacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.no, p.title, p.level, p.state, p.holder,
                (SELECT e.on_date FROM paper_event e
                 WHERE e.paper_id = p.id AND e.kind = 'circulate' ORDER BY e.id DESC LIMIT 1),
                -- R-MTG-1: one out at a meeting is the meeting's to collect, not the day's.
                (SELECT e.kind = 'meeting_issue' FROM paper_event e
                 WHERE e.paper_id = p.id AND e.kind IN ('circulate', 'meeting_issue')
                 ORDER BY e.id DESC LIMIT 1)
         FROM paper p INDEXED BY paper_state WHERE p.state = 'circulating'",
    )?;
    let rows = stmt.query_map([], |r| {
        let state: String = r.get(3)?;
        let since: Option<String> = r.get(5)?;
        let at_meeting: Option<bool> = r.get(6)?;
        let since = since.filter(|_| at_meeting != Some(true));
        Ok((
            OutFacts {
                no: r.get(0)?,
                title: r.get(1)?,
                level: Level::from_code(r.get(2)?).unwrap_or(Level::TopSecret),
                state: PaperState::from_code(&state).unwrap_or(PaperState::Circulating),
                since: NaiveDate::MIN,
                holder: r.get(4)?,
            },
            since,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut o, since) = row?;
        // An imported paper already in circulation has its import day.
        if let Some(d) = opt_date(since) {
            o.since = d;
            out.push(o);
        }
    }
    Ok(out)
}

/// The years between `as_of` and `within` days later whose State Council holiday notice is not in
/// the calendar: "N working days" falls back to Monday to Friday there, and lists say so.
pub fn missing_holiday_years(conn: &Connection, as_of: NaiveDate, within: i64) -> Result<Vec<i32>> {
    let cal = super::holidays::calendar(conn)?;
    let end = as_of + Duration::days(within.max(0));
    Ok((as_of.year()..=end.year())
        .filter(|y| !cal.has_year(*y))
        .collect())
}
