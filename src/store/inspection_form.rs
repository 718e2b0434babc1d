//! What baomi already knows for an inspection's record form (保密检查记录表, R-INS-1): counts of
//! papers and media by level and state, loans and copies in the period, the 绝密 papers with who
//! handled them, people's changes and the incidents of the period. The period runs, as the form's
//! note says, from the end of the last check to this one. Every count here is one query.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::Result;
use crate::domain::dates;
use crate::domain::ledgers::Record;
use crate::domain::level::Level;

/// The carriers of one level.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LevelCounts {
    pub level: Option<Level>,
    /// Papers held now, by state name (在册 3, 借出 1 …).
    pub papers: Vec<(String, i64)>,
    /// Media and computers held now, by kind and state (U盘 在库 2 …).
    pub records: Vec<(String, i64)>,
    /// Loans and copies registered in the period.
    pub loans: i64,
    pub copies: i64,
    /// Papers lost, and media or computers lost, all told.
    pub lost: i64,
}

/// One 绝密 paper held in the period: the form's 绝密件管理情况 row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopSecretPaper {
    pub no: String,
    pub doc_no: String,
    pub scope: String,
    pub copies: i64,
    pub state: String,
    pub location: String,
    /// Everyone an act named (readers, borrowers, carriers), each once.
    pub knowers: String,
}

/// R-TRN-3 as the form's 保密教育培训情况 reads it: the year's sessions and each person's hours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainingFacts {
    /// Sessions of the inspection's year up to its day (the whole unit's).
    pub sessions: i64,
    /// The year's hours of each person on post (of the department, for a department's check).
    pub hours: Vec<crate::domain::rules::training::Hours>,
}

/// Everything the form fills by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormFacts {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The department counted, when the inspection names one: its carriers and people only
    /// (a department's self-check); empty for the whole unit.
    pub dept: String,
    pub training: TrainingFacts,
    pub levels: Vec<LevelCounts>,
    pub top_secret: Vec<TopSecretPaper>,
    /// People registered, and people who left a classified post, in the period.
    pub people_in: i64,
    pub people_left: i64,
    pub incidents: Vec<String>,
}

/// The period an inspection covers: from its own 上次检查结束日期, else the latest earlier
/// inspection of the same department, else 1 January of its year; to its day.
pub fn period(conn: &Connection, r: &Record) -> Result<(NaiveDate, NaiveDate)> {
    let to = r.registered_on;
    if let Some(d) = r.date("since") {
        return Ok((d, to));
    }
    let last: Option<String> = conn
        .prepare_cached(
            "SELECT max(registered_on) FROM record WHERE spec = 'inspection' AND id <> ?1
                 AND registered_on < ?2 AND dept = ?3",
        )?
        .query_row(params![r.id, dates::iso(to), r.get("dept")], |x| x.get(0))?;
    let from = last
        .as_deref()
        .and_then(dates::parse)
        .unwrap_or_else(|| dates::ymd(chrono::Datelike::year(&to), 1, 1));
    Ok((from, to))
}

fn pairs(conn: &Connection, sql: &str, level: i64, dept: &str) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![level, dept], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The form's facts for inspection `r`.
pub fn facts(conn: &Connection, r: &Record) -> Result<FormFacts> {
    let (from, to) = period(conn, r)?;
    let (f, t) = (dates::iso(from), dates::iso(to));
    // `?` = '' OR dept = `?` in every query: the whole unit, or the department checked.
    let dept = r.get("dept").trim().to_string();
    let d = dept.as_str();
    let mut levels = Vec::new();
    for level in [Level::TopSecret, Level::Secret, Level::Confidential] {
        let code = level.code();
        let papers = pairs(
            conn,
            "SELECT state, count(*) FROM paper WHERE level = ?1 AND held AND (?2 = '' OR dept = ?2)
             GROUP BY state ORDER BY state",
            code,
            d,
        )?
        .into_iter()
        .map(|(s, n)| {
            let name = crate::domain::carrier::PaperState::from_code(&s)
                .map(|p| p.name().to_string())
                .unwrap_or(s);
            (name, n)
        })
        .collect();
        let records = pairs(
            conn,
            "SELECT spec || '|' || coalesce(json_extract(data, '$.kind'), json_extract(data, '$.class'), '')
                    || '|' || state, count(*)
             FROM record WHERE spec IN ('medium', 'computer') AND level = ?1
                 AND (?2 = '' OR dept = ?2)
             GROUP BY 1 ORDER BY 1",
            code,
            d,
        )?
        .into_iter()
        .map(|(key, n)| (record_label(&key), n))
        .collect();
        let count = |sql: &str| -> Result<i64> {
            Ok(conn
                .prepare_cached(sql)?
                .query_row(params![code, f, t, d], |x| x.get(0))?)
        };
        levels.push(LevelCounts {
            level: Some(level),
            papers,
            records,
            loans: count(
                "SELECT count(*) FROM paper_event e JOIN paper p ON p.id = e.paper_id
                 WHERE p.level = ?1 AND e.kind = 'loan' AND e.on_date BETWEEN ?2 AND ?3
                     AND (?4 = '' OR p.dept = ?4)",
            )?,
            copies: count(
                "SELECT count(*) FROM paper_event e JOIN paper p ON p.id = e.paper_id
                 WHERE p.level = ?1 AND e.kind = 'copy' AND e.on_date BETWEEN ?2 AND ?3
                     AND (?4 = '' OR p.dept = ?4)",
            )?,
            lost: conn
                .prepare_cached(
                    "SELECT (SELECT count(*) FROM paper WHERE level = ?1 AND state = 'lost'
                                 AND (?2 = '' OR dept = ?2))
                          + (SELECT count(*) FROM record WHERE level = ?1 AND state = 'lost'
                                 AND spec IN ('medium', 'computer') AND (?2 = '' OR dept = ?2))",
                )?
                .query_row(params![code, d], |x| x.get(0))?,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT p.no, p.doc_no, p.scope, p.copies, p.state, p.location,
                (SELECT group_concat(DISTINCT e.person) FROM paper_event e
                 WHERE e.paper_id = p.id AND e.person <> '' AND e.on_date <= ?2)
         FROM paper p WHERE p.level = ?1 AND (p.held OR p.id IN
             (SELECT paper_id FROM paper_event WHERE on_date BETWEEN ?3 AND ?2))
             AND (?4 = '' OR p.dept = ?4)
         ORDER BY p.id LIMIT 200",
    )?;
    let top_secret = stmt
        .query_map(params![Level::TopSecret.code(), t, f, d], |x| {
            let state: String = x.get(4)?;
            Ok(TopSecretPaper {
                no: x.get(0)?,
                doc_no: x.get(1)?,
                scope: x.get(2)?,
                copies: x.get(3)?,
                state: crate::domain::carrier::PaperState::from_code(&state)
                    .map(|p| p.name().to_string())
                    .unwrap_or(state),
                location: x.get(5)?,
                knowers: x.get::<_, Option<String>>(6)?.unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let one = |sql: &str| -> Result<i64> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row(params![f, t, d], |x| x.get(0))?)
    };
    let people_in = one(
        "SELECT count(*) FROM record WHERE spec = 'person' AND registered_on BETWEEN ?1 AND ?2
             AND (?3 = '' OR dept = ?3)",
    )?;
    let people_left = one(
        "SELECT count(*) FROM record_event e JOIN record r ON r.id = e.record_id
         WHERE r.spec = 'person' AND e.act = 'leave' AND e.on_date BETWEEN ?1 AND ?2
             AND (?3 = '' OR r.dept = ?3)",
    )?;
    let year = chrono::Datelike::year(&to);
    let training = TrainingFacts {
        sessions: conn
            .prepare_cached(
                "SELECT count(*) FROM record WHERE spec = 'training'
                     AND registered_on BETWEEN ?1 AND ?2",
            )?
            .query_row(params![format!("{year}-01-01"), t], |x| x.get(0))?,
        hours: super::training::year_table(conn, year)?
            .into_iter()
            .filter(|h| d.is_empty() || h.dept == d)
            .collect(),
    };
    let incidents = super::incidents::between(conn, from, to)?
        .iter()
        .map(|i| format!("{} {}（{}）", i.no, i.get("what"), i.state_label()))
        .collect();
    Ok(FormFacts {
        from,
        to,
        dept,
        training,
        levels,
        top_secret,
        people_in,
        people_left,
        incidents,
    })
}

/// `medium|U盘|in_stock` as 介质 U盘 在库.
fn record_label(key: &str) -> String {
    let mut parts = key.splitn(3, '|');
    let spec = parts.next().unwrap_or("");
    let kind = parts.next().unwrap_or("");
    let state = parts.next().unwrap_or("");
    let spec = crate::domain::ledgers::spec::find(spec);
    let state = spec
        .and_then(|s| s.state(state))
        .map(|s| s.label)
        .unwrap_or(state);
    match spec.map(|s| s.key) {
        Some("computer") => format!("{kind}计算机{state}"),
        _ => format!("{kind}{state}"),
    }
}
