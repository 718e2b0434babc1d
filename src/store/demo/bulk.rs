//! Generated papers in bulk, for measuring (`demo --rows`): written straight into the tables, not
//! through the officer's functions, so that millions take minutes rather than hours.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::params;

use super::Rng;
use super::words::{CABINETS, DEPTS, ORIGINATORS, PEOPLE, level, title};
use crate::domain::carrier::PaperState;
use crate::domain::dates::{self, ymd};
use crate::domain::level::Level;
use crate::domain::numbering::{self, Series};
use crate::domain::search::initials;
use crate::domain::text::normalize_number;
use crate::store::{Result, Stamp, Store, json};

/// Adds `rows` generated papers for the benchmarks, in one transaction with one audit row, telling
/// `progress` how many are written: 0 when the first is about to be, every thousand rows, and all
/// of them before the indexes are built. Older years are mostly closed, as in a
/// real ledger; the search index is built once at the end.
pub fn bulk(
    store: &mut Store,
    today: NaiveDate,
    rows: usize,
    stamp: &Stamp,
    progress: &mut dyn FnMut(usize),
) -> Result<()> {
    let format = crate::store::settings::load(store.conn())?
        .format(Series::Receipt)
        .to_string();
    store.change(stamp, |c| {
        // Bulk loading: a big cache, and the search index built once at the end rather than
        // row by row through its triggers (the same triggers are put back afterwards).
        c.tx.pragma_update(None, "cache_size", -262_144)?;
        let triggers = crate::store::search::suspend_index(c, &crate::store::search::PAPERS)?;
        // Secondary indexes are built once, sorted, after the rows are in.
        let indexes: Vec<(String, String)> = {
            let mut stmt = c.tx.prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                 AND tbl_name IN ('paper', 'paper_event')",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (name, _) in &indexes {
            c.tx.execute_batch(&format!("DROP INDEX {name}"))?;
        }
        let mut title_initials: HashMap<String, String> = HashMap::new();
        let mut rng = Rng(0xb00c_2026 ^ rows as u64);
        let first_year = today.year() - 9;
        let mut seq: HashMap<i32, i64> = HashMap::new();
        {
            let mut stmt = c.tx.prepare(
                "SELECT year, max(last) FROM sequence WHERE series = 'receipt' GROUP BY year",
            )?;
            let existing =
                stmt.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, i64>(1)?)))?;
            for e in existing {
                let (y, n) = e?;
                seq.insert(y, n);
            }
        }
        c.bulk(&["paper", "paper_event"], |c| {
            let mut paper = c.tx.prepare(
                "INSERT INTO paper (no, origin, registered_on, year, originator, doc_no,
                    doc_no_key, title, level, period, scope, copies, copy_nos, keep, keeper,
                    holder, location, state, initials, period_end, first_level, first_period,
                    first_copies, first_copy_nos, first_location, dept)
                 VALUES (?1, 'received', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, '', ?12, ?13,
                    ?14, ?15, ?16, ?17, ?18, ?8, ?9, ?11, '', ?19, ?20)",
            )?;
            let mut event = c.tx.prepare(
                "INSERT INTO paper_event (paper_id, kind, on_date, person, unit, handler, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, '系统生成', ?6)",
            )?;
            let span_days = (today - ymd(first_year, 1, 1)).num_days().max(1) as usize;
            let mut dates_sorted: Vec<i64> =
                (0..rows).map(|_| rng.below(span_days) as i64).collect();
            dates_sorted.sort_unstable();
            progress(0);
            for (i, offset) in dates_sorted.into_iter().enumerate() {
                let day = ymd(first_year, 1, 1) + Duration::days(offset);
                let year = day.year();
                let n = seq.entry(year).or_insert(0);
                *n += 1;
                let no = numbering::render(&format, year, *n);
                let (org, abbr) = ORIGINATORS[rng.below(ORIGINATORS.len())];
                let doc_no = format!("{abbr}〔{year}〕{}号", 1 + rng.below(400));
                let t = title(&mut rng, year);
                let lvl = level(&mut rng);
                let keeper = rng.pick(&PEOPLE).to_string();
                let cabinet = if lvl == Level::TopSecret {
                    "绝密柜"
                } else {
                    CABINETS[rng.below(5)]
                };
                let age = today.year() - year;
                let roll = rng.below(100);
                let state = if age == 0 {
                    match roll {
                        0..=79 => PaperState::InStock,
                        80..=87 => PaperState::Circulating,
                        88..=93 => PaperState::OnLoan,
                        94..=95 => PaperState::TakenOut,
                        _ => PaperState::Returned,
                    }
                } else if age == 1 && roll < 10 {
                    PaperState::InStock
                } else {
                    match roll {
                        0..=44 => PaperState::Returned,
                        45..=69 => PaperState::Destroyed,
                        70..=94 => PaperState::Archived,
                        95..=97 => PaperState::HandedOver,
                        98 => PaperState::Lost,
                        _ => PaperState::Returned,
                    }
                };
                let holder = if state.is_closed() {
                    String::new()
                } else if state.is_out() {
                    rng.pick(&PEOPLE).to_string()
                } else {
                    keeper.clone()
                };
                // What the closing event leaves (domain::replay derives the same): returned and
                // handed-over papers are with the unit they went to, destroyed ones nowhere.
                let location = match state {
                    PaperState::Returned | PaperState::HandedOver => org,
                    PaperState::Destroyed => "",
                    _ => cabinet,
                };
                let keep = !rng.chance(8);
                paper.execute(params![
                    no,
                    dates::iso(day),
                    year,
                    org,
                    doc_no,
                    normalize_number(&doc_no),
                    t,
                    lvl.code(),
                    lvl.default_period().map(|p| p.stored()),
                    "办公室",
                    1 + rng.below(3) as i64,
                    keep,
                    keeper,
                    holder,
                    location,
                    state.code(),
                    title_initials
                        .entry(t.clone())
                        .or_insert_with(|| initials(&t))
                        .clone(),
                    lvl.default_period()
                        .and_then(|p| p.end_from(day))
                        .map(dates::iso),
                    cabinet,
                    DEPTS[i % DEPTS.len()],
                ])?;
                let id = c.tx.last_insert_rowid();
                event.execute(params![id, "receive", dates::iso(day), keeper, org, ""])?;
                if let Some(k) = crate::domain::paper::import_event(state) {
                    let close = (day + Duration::days(30 + rng.below(300) as i64)).min(today);
                    let unit = if state.is_closed() { location } else { "" };
                    event.execute(params![
                        id,
                        k.code(),
                        dates::iso(close),
                        holder,
                        unit,
                        "生成数据"
                    ])?;
                }
                if (i + 1).is_multiple_of(1000) {
                    progress(i + 1);
                }
            }
            progress(rows);
            Ok(())
        })?;
        for (year, last) in seq {
            c.tx.execute(
                "INSERT INTO sequence (series, year, last) VALUES ('receipt', ?1, ?2)
                 ON CONFLICT (series, year) DO UPDATE SET last = max(last, excluded.last)",
                params![year, last],
            )?;
        }
        for (_, sql) in &indexes {
            c.tx.execute_batch(sql)?;
        }
        crate::store::search::resume_index(c, &crate::store::search::PAPERS, &triggers, None)?;
        c.tx.pragma_update(None, "cache_size", -2000)?;
        // Statistics for the planner, from a sample: enough to choose the indexes.
        c.tx.execute_batch("PRAGMA analysis_limit = 2000; ANALYZE;")?;
        c.audit(
            "生成演示数据",
            "paper",
            None,
            json(serde_json::json!({"rows": rows})),
        );
        Ok(())
    })
}
