//! Quick search over every carrier (papers now, closed ones included). Three or more characters go
//! to the trigram index; one or two to `LIKE` with `ORDER BY … LIMIT` (trigram MATCH finds nothing
//! below three). Ranking: exact number first, then number prefix, then the rest, newest first.
//! `search_all` adds media, computers and devices (their number, model, serial, names).

use rusqlite::{Connection, params};
use serde::Serialize;

use super::{Change, Result};
use crate::domain::carrier::{CarrierKind, PaperState};
use crate::domain::level::{Level, Mark, Period};
use crate::domain::search::Query;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub kind: &'static str,
    pub subject: String,
    pub title: String,
    pub level: Level,
    pub state: HitState,
    pub holder: String,
    pub location: String,
    pub mark: String,
    pub doc_no: String,
    pub originator: String,
    #[serde(skip)]
    pub id: i64,
}

/// The state of what was found: a paper's, or a record's (by its ledger's Chinese name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitState {
    Paper(PaperState),
    Record(&'static str),
}

impl HitState {
    pub fn name(self) -> &'static str {
        match self {
            HitState::Paper(s) => s.name(),
            HitState::Record(label) => label,
        }
    }
}

impl Serialize for HitState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

const COLUMNS: &str =
    "p.id, p.no, title_for(p.level, coalesce(p.scope_now, p.scope), p.title), p.level, p.state,
    p.holder, p.location, p.period, p.doc_no, p.originator";

fn hit(r: &rusqlite::Row<'_>) -> rusqlite::Result<Hit> {
    let level = Level::from_code(r.get(3)?).unwrap_or(Level::TopSecret);
    let state: String = r.get(4)?;
    let period: Option<String> = r.get(7)?;
    Ok(Hit {
        kind: CarrierKind::Paper.code(),
        id: r.get(0)?,
        subject: r.get(1)?,
        title: r.get(2)?,
        level,
        state: HitState::Paper(PaperState::from_code(&state).unwrap_or(PaperState::InStock)),
        holder: r.get(5)?,
        location: r.get(6)?,
        mark: Mark::new(level, period.as_deref().and_then(Period::parse)).to_string(),
        doc_no: r.get(8)?,
        originator: r.get(9)?,
    })
}

/// A phrase for FTS5 MATCH: the user's text is always one quoted string, so `"`, `*`, `AND`, `-`
/// and `(` are plain characters, never syntax.
fn phrase(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A `LIKE` pattern that matches `s` anywhere, with `%`, `_` and `\` taken literally.
fn contains_pattern(s: &str) -> String {
    let mut p = String::from("%");
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// Need to know (issue 11): words of a title the account may not see find nothing; the paper is
/// still found by its number, document number, holder or cabinet (its title hidden).
const SEEN: &str = "title_for(p.level, coalesce(p.scope_now, p.scope), p.title) = p.title";

pub fn search(conn: &Connection, input: &str, limit: usize) -> Result<Vec<Hit>> {
    let q = Query::new(input);
    if q.is_empty() || limit == 0 {
        return Ok(vec![]);
    }
    let mut hits: Vec<Hit> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut push = |h: Hit, hits: &mut Vec<Hit>| {
        if seen.insert(h.id) {
            hits.push(h);
        }
    };
    // Exact number (ledger number or the originator's document number).
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM paper p WHERE p.no = ?1
             UNION ALL SELECT {COLUMNS} FROM paper p WHERE p.doc_no_key = ?2
             LIMIT ?3"
        ))?;
        for h in stmt.query_map(params![q.text, q.number, limit as i64], hit)? {
            push(h?, &mut hits);
        }
    }
    // A holder or a cabinet, named whole: newest first.
    if hits.len() < limit {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT * FROM (SELECT {COLUMNS} FROM paper p WHERE p.holder = ?1 ORDER BY p.id DESC LIMIT ?2)
             UNION ALL
             SELECT * FROM (SELECT {COLUMNS} FROM paper p WHERE p.location = ?1 ORDER BY p.id DESC LIMIT ?2)"
        ))?;
        for h in stmt.query_map(params![q.text, limit as i64], hit)? {
            push(h?, &mut hits);
        }
    }
    // Number prefix, in number order.
    if hits.len() < limit {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM paper p WHERE p.no >= ?1 AND p.no < ?1 || x'f48fbfbf'
             ORDER BY p.no DESC LIMIT ?2"
        ))?;
        for h in stmt.query_map(params![q.text, limit as i64], hit)? {
            push(h?, &mut hits);
        }
    }
    if hits.len() >= limit {
        hits.truncate(limit);
        return Ok(hits);
    }
    // The index may return rows already found by number, so it is asked for a full page.
    let rest = limit;
    if q.len() >= 3 {
        let mut parts = vec![format!("{{no title originator}} : {}", phrase(&q.text))];
        if q.number.chars().count() >= 3 && q.number != q.text {
            parts.push(format!("{{no doc_no_key}} : {}", phrase(&q.number)));
        } else if q.number.chars().count() >= 3 {
            parts.push(format!("doc_no_key : {}", phrase(&q.number)));
        }
        if let Some(py) = &q.pinyin {
            parts.push(format!("initials : {}", phrase(py)));
        }
        let expr = parts.join(" OR ");
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM paper p WHERE p.id IN
                (SELECT rowid FROM paper_fts WHERE paper_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)
                AND {SEEN}
             ORDER BY p.id DESC"
        ))?;
        for h in stmt.query_map(params![expr, rest as i64], hit)? {
            push(h?, &mut hits);
        }
    } else {
        let pattern = contains_pattern(&q.text);
        let number = contains_pattern(&q.number);
        let pinyin = q.pinyin.as_deref().map(contains_pattern);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM paper p
             WHERE (p.title LIKE ?1 ESCAPE '\\' OR p.originator LIKE ?1 ESCAPE '\\'
                OR p.holder LIKE ?1 ESCAPE '\\' OR p.location LIKE ?1 ESCAPE '\\'
                OR p.no LIKE ?2 ESCAPE '\\' OR p.doc_no_key LIKE ?2 ESCAPE '\\'
                OR (?3 IS NOT NULL AND p.initials LIKE ?3 ESCAPE '\\'))
                AND {SEEN}
             ORDER BY p.id DESC LIMIT ?4"
        ))?;
        for h in stmt.query_map(params![pattern, number, pinyin, rest as i64], hit)? {
            push(h?, &mut hits);
        }
    }
    hits.truncate(limit);
    Ok(hits)
}

/// Papers, then media, computers and devices (issue 10): a number like U-017 or a keeper's name
/// finds the record as well as the papers.
pub fn search_all(conn: &Connection, input: &str, limit: usize) -> Result<Vec<Hit>> {
    let records = super::records::search(conn, input, limit)?;
    let mut hits = search(conn, input, limit.saturating_sub(records.len()).max(1))?;
    // An exact record number first: it is what a scanner or a typed number asks for.
    let exact = records.iter().any(|r| r.no == input.trim());
    let found: Vec<Hit> = records
        .into_iter()
        .map(|r| Hit {
            kind: r.spec.key,
            subject: r.no.clone(),
            title: hit_title(&r, input),
            level: r.level.unwrap_or(Level::Public),
            state: HitState::Record(r.state_label()),
            holder: if r.holder.is_empty() {
                r.keeper.clone()
            } else {
                r.holder.clone()
            },
            location: r.get("place").to_string(),
            mark: r.level.map(|l| l.name().to_string()).unwrap_or_default(),
            doc_no: String::new(),
            originator: r.get("dept").to_string(),
            id: r.id,
        })
        .collect();
    if exact {
        let mut all = found;
        all.append(&mut hits);
        all.truncate(limit);
        return Ok(all);
    }
    hits.extend(found);
    hits.truncate(limit);
    Ok(hits)
}

/// What a found record is called in the results: a person by name, a carrier by kind and model,
/// a rectification by its text; a record none of these name (a training session found by an
/// attendee) by its ledger's first field, so no hit is shown without a title.
fn hit_title(r: &crate::domain::ledgers::Record, input: &str) -> String {
    let said = [
        // A person (issue 11) is found by name.
        r.get("name"),
        r.get("kind"),
        r.get("class"),
        r.get("model"),
        r.get("serial"),
        // R-INS-2, R-INC-5: the rectification found by its text, with its number.
        &rectification_found(r, input),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    match (said.is_empty(), r.spec.fields.first()) {
        (true, Some(first)) => r.get(first.key).to_string(),
        _ => said,
    }
}

/// The rectification of `r` whose text holds `input`, as `整改 JC2026-01-1：保密柜未上锁`.
fn rectification_found(r: &crate::domain::ledgers::Record, input: &str) -> String {
    let q = input.trim();
    crate::domain::rules::rectification::all(r)
        .into_iter()
        .find(|x| !q.is_empty() && x.text.contains(q))
        .map(|x| format!("整改 {}：{}", x.no, x.text))
        .unwrap_or_default()
}

/// A trigram index kept in step with its table by the triggers `{fts}_insert`, `_update` and
/// `_delete` (schema.sql).
pub struct TextIndex {
    pub table: &'static str,
    pub fts: &'static str,
    /// The indexed columns, named alike in the table and the index.
    pub columns: &'static str,
}

pub const PAPERS: TextIndex = TextIndex {
    table: "paper",
    fts: "paper_fts",
    columns: "no, doc_no_key, title, originator, initials",
};

pub const RECORDS: TextIndex = TextIndex {
    table: "record",
    fts: "record_fts",
    columns: "no, text",
};

/// For a bulk load into `ix`'s table: takes off the triggers that keep the trigram index in step
/// row by row (FTS5 flushes its index at every statement of a transaction, which turns a
/// 100,000-row import into minutes: 37 s for as many media). Returns them for `resume_index`.
pub fn suspend_index(c: &Change<'_>, ix: &TextIndex) -> Result<Vec<String>> {
    let triggers: Vec<String> = {
        let mut stmt = c.tx.prepare(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?1, ?2, ?3)",
        )?;
        let names = ["insert", "update", "delete"].map(|w| format!("{}_{w}", ix.fts));
        let rows = stmt.query_map(params![names[0], names[1], names[2]], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    c.tx.execute_batch(&format!(
        "DROP TRIGGER IF EXISTS {0}_insert; DROP TRIGGER IF EXISTS {0}_update;
         DROP TRIGGER IF EXISTS {0}_delete;",
        ix.fts
    ))?;
    Ok(triggers)
}

/// Indexes the rows `lo..=hi` the bulk load inserted (or, with `None`, rebuilds the whole index)
/// in one statement, and puts the triggers back: all in the load's transaction.
pub fn resume_index(
    c: &Change<'_>,
    ix: &TextIndex,
    triggers: &[String],
    range: Option<(i64, i64)>,
) -> Result<()> {
    let fts = ix.fts;
    match range {
        Some((lo, hi)) => {
            // FTS5 writes a segment for each megabyte of terms and merges segments as it goes: for
            // a load, half the index's cost. With 16 MB of terms a segment and no merging during
            // the load it costs about half (100,000 rows into 100,000: 0.3 s less), and searches
            // as fast; setting the defaults back first writes out what is pending, unmerged, and
            // later ordinary writes merge as usual.
            c.tx.execute_batch(&format!(
                "INSERT INTO {fts} ({fts}, rank) VALUES ('automerge', 0);
                 INSERT INTO {fts} ({fts}, rank) VALUES ('hashsize', 16777216);",
            ))?;
            c.tx.execute(
                &format!(
                    "INSERT INTO {fts} (rowid, {cols}) SELECT id, {cols} FROM {table}
                     WHERE id BETWEEN ?1 AND ?2",
                    cols = ix.columns,
                    table = ix.table
                ),
                params![lo, hi],
            )?;
            // FTS5's defaults.
            c.tx.execute_batch(&format!(
                "INSERT INTO {fts} ({fts}, rank) VALUES ('automerge', 4);
                 INSERT INTO {fts} ({fts}, rank) VALUES ('hashsize', 1048576);",
            ))?;
        }
        None => {
            c.tx.execute(&format!("INSERT INTO {fts} ({fts}) VALUES ('rebuild')"), [])?;
        }
    }
    for t in triggers {
        c.tx.execute_batch(t)?;
    }
    Ok(())
}
