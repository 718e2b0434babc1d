//! Reading records back: one by number, a page of a ledger, every record in order (export), the
//! records a person holds (R-MED-6), search, and a record's history.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::domain::dates;
use crate::domain::ledgers::{LedgerSpec, Record, Values};
use crate::domain::level::Level;
use crate::store::{Result, StoreError, opt_date};

pub(crate) const COLUMNS: &str =
    "id, spec, no, level, state, keeper, holder, registered_on, checked_on, data";

pub(crate) fn row(
    spec: &'static LedgerSpec,
) -> impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    move |r| {
        let state: String = r.get(4)?;
        let data: String = r.get(9)?;
        Ok(Record {
            id: r.get(0)?,
            spec,
            no: r.get(2)?,
            // A state the description no longer has reads as the first (it cannot be written).
            state: spec
                .state(&state)
                .map(|s| s.key)
                .unwrap_or(spec.states[0].key),
            level: r.get::<_, Option<i64>>(3)?.and_then(Level::from_code),
            keeper: r.get(5)?,
            holder: r.get(6)?,
            registered_on: crate::store::date(&r.get::<_, String>(7)?),
            checked_on: opt_date(r.get(8)?),
            values: serde_json::from_str::<Values>(&data).unwrap_or_default(),
        })
    }
}

/// The record `no` of `spec`, if registered. The number is matched as typed, then half-width,
/// then in capitals.
pub fn find(conn: &Connection, spec: &'static LedgerSpec, no: &str) -> Result<Option<Record>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM record WHERE spec = ?1 AND no = ?2"
    ))?;
    let typed = no.trim();
    if let Some(r) = stmt
        .query_row(params![spec.key, typed], row(spec))
        .optional()?
    {
        return Ok(Some(r));
    }
    let half = crate::domain::text::to_half_width(typed);
    if let Some(r) = stmt
        .query_row(params![spec.key, half], row(spec))
        .optional()?
    {
        return Ok(Some(r));
    }
    // Typed by hand in lower case (u-003 for U-003): numbers are issued in capitals.
    let upper = half.to_ascii_uppercase();
    if upper == half {
        return Ok(None);
    }
    Ok(stmt
        .query_row(params![spec.key, upper], row(spec))
        .optional()?)
}

pub fn get(conn: &Connection, spec: &'static LedgerSpec, no: &str) -> Result<Record> {
    if let Some(r) = find(conn, spec, no)? {
        return Ok(r);
    }
    // A person is named by number or by name (issue 11: names repeat, so only a unique one).
    if spec.key == crate::domain::rules::person::SPEC.key
        && let Some(r) = crate::store::people::by_name(conn, no)?
    {
        return Ok(r);
    }
    // A key site too, by its name (R-KEY-1).
    if spec.key == crate::domain::rules::site::SPEC.key
        && let Some(r) = crate::store::training::site_by_name(conn, no)?
    {
        return Ok(r);
    }
    Err(StoreError::not_found(spec.noun, no.trim().to_string()))
}

/// Which records a list shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// A state key of the spec; all when none.
    pub state: Option<String>,
    /// Values every shown record has (`class` = `涉密` for the classified computers' view).
    pub values: Vec<(String, String)>,
    /// Only records still held.
    pub held: bool,
}

/// A page of `spec`'s ledger in number order: `limit` records after `offset`.
pub fn list(
    conn: &Connection,
    spec: &'static LedgerSpec,
    filter: &Filter,
    offset: usize,
    limit: usize,
) -> Result<Vec<Record>> {
    let mut out = Vec::new();
    let mut skipped = 0;
    for_each(conn, spec, filter, |r| {
        if skipped < offset {
            skipped += 1;
            return Ok(true);
        }
        out.push(r);
        Ok(out.len() < limit)
    })?;
    Ok(out)
}

/// Calls `f` with every record of `spec` that `filter` keeps, in id order, one at a time (an
/// export holds one record in memory, not the ledger); `f` returns false to stop.
pub fn for_each(
    conn: &Connection,
    spec: &'static LedgerSpec,
    filter: &Filter,
    mut f: impl FnMut(Record) -> Result<bool>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM record WHERE spec = ?1 AND (?2 IS NULL OR state = ?2) ORDER BY id"
    ))?;
    let mut rows = stmt.query(params![spec.key, filter.state])?;
    let read = row(spec);
    while let Some(r) = rows.next()? {
        let rec = read(r)?;
        if filter.held && !rec.held() {
            continue;
        }
        if filter.values.iter().any(|(k, v)| rec.get(k) != v) {
            continue;
        }
        if !f(rec)? {
            break;
        }
    }
    Ok(())
}

/// The records some alarm may make due by the horizon `h` gives: lost, out of the office or not
/// yet filed, people in a cooling-off period (few, through the state index), last checked before
/// its check horizon (an index), classified computers last backed up and mailboxes whose password
/// was last changed before theirs. The due engine decides which are due; these are a superset
/// (`Horizons`). Each is handed to `f` and dropped: over 100,000 media the due list holds its
/// items, not the records.
pub fn due_facts(
    conn: &Connection,
    h: &crate::domain::due::Horizons,
    mut f: impl FnMut(&Record),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM record WHERE id IN (
             SELECT id FROM record WHERE spec IN ('medium', 'computer') AND state = 'lost'
             UNION SELECT id FROM record WHERE spec = 'computer' AND state IN ('taken_out', 'unfiled')
             UNION SELECT id FROM record WHERE spec = 'person' AND state = 'cooling_off'
             -- R-PER-4, R-PER-6, R-PER-8: officers, and anyone abroad (few).
             UNION SELECT id FROM record WHERE spec = 'person' AND state = 'on_post'
                 AND (json_extract(data, '$.role') = '保密员'
                      OR coalesce(json_extract(data, '$.abroad_to'), '') <> '')
             -- R-PER-2: vetting 待补 found by the upgrade (holders as people).
             UNION SELECT id FROM record WHERE spec = 'person' AND state = 'on_post'
                 AND json_extract(data, '$.vet_result') = '待补'
             UNION SELECT id FROM record WHERE spec IN ('incident', 'inspection')
             UNION SELECT id FROM record INDEXED BY record_checked
                 WHERE coalesce(checked_on, registered_on) <= ?1
             UNION SELECT id FROM record INDEXED BY record_backup WHERE spec = 'computer'
                 AND coalesce(json_extract(data, '$.backup_on'), json_extract(data, '$.filed_on')) <= ?2
                 AND json_extract(data, '$.class') = '涉密'
             UNION SELECT id FROM record INDEXED BY record_password WHERE spec = 'device'
                 AND coalesce(json_extract(data, '$.password_on'), registered_on) <= ?3
                 AND json_extract(data, '$.kind') = '电子邮箱')"
    ))?;
    let mut rows = stmt.query(params![
        dates::iso(h.checked),
        dates::iso(h.backup),
        dates::iso(h.password)
    ])?;
    while let Some(r) = rows.next()? {
        let key: String = r.get(1)?;
        if let Some(spec) = crate::domain::ledgers::spec::find(&key) {
            let rec = row(spec)(r)?;
            // Incidents and inspections have deadlines after they close (R-INC-5, R-INS-2).
            if rec.held()
                || rec.state == "lost"
                || matches!(key.as_str(), "incident" | "inspection")
            {
                f(&rec);
            }
        }
    }
    Ok(())
}

/// The records of `spec` in `person`'s hands (R-MED-6: what a person leaving must return).
pub fn held_by(conn: &Connection, spec: &'static LedgerSpec, person: &str) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM record WHERE holder = ?1 AND spec = ?2 ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![person.trim(), spec.key], row(spec))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records whose number, model, serial or names hold `query`: the trigram index for three or
/// more characters; for one or two, the number and names whole (indexed), then `LIKE` over the
/// searchable text (trigram MATCH finds nothing below three). At most `limit`, in id order.
pub fn search(conn: &Connection, query: &str, limit: usize) -> Result<Vec<Record>> {
    let q = query.trim();
    if q.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let short = q.chars().count() < 3;
    let sql = if short {
        format!(
            "SELECT {COLUMNS} FROM record WHERE id IN (
                 SELECT id FROM record WHERE no = ?1
                 UNION SELECT id FROM record WHERE keeper = ?1
                 UNION SELECT id FROM record WHERE holder = ?1
                 UNION SELECT id FROM (SELECT id FROM record WHERE text LIKE ?2 ESCAPE '\\' LIMIT ?3))
             ORDER BY id LIMIT ?3"
        )
    } else {
        format!(
            "SELECT {COLUMNS} FROM record WHERE id IN
                 (SELECT rowid FROM record_fts WHERE record_fts MATCH ?1 LIMIT ?3)
             ORDER BY id LIMIT ?3"
        )
    };
    let arg = if short {
        q.to_string()
    } else {
        format!("\"{}\"", q.replace('"', "\"\""))
    };
    let mut pattern = String::from("%");
    for c in q.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = if short {
        stmt.query(params![arg, pattern, limit as i64])?
    } else {
        stmt.query(params![arg, rusqlite::types::Null, limit as i64])?
    };
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let key: String = r.get(1)?;
        if let Some(spec) = crate::domain::ledgers::spec::find(&key) {
            out.push(row(spec)(r)?);
        }
    }
    Ok(out)
}

/// One act in a record's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub act: String,
    /// The act's Chinese name.
    pub label: String,
    #[serde(serialize_with = "iso")]
    pub on: NaiveDate,
    /// The other record the act named, and the number of the record it is about (the use register
    /// shows on both).
    pub related: Option<String>,
    pub subject: String,
    pub values: Values,
    pub handler: String,
    pub request: Option<i64>,
}

fn iso<S: serde::Serializer>(d: &NaiveDate, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&dates::iso(*d))
}

/// The value a record keeps of who registered it.
pub const REGISTERED_BY: &str = "registered_by";

/// The history of `r` as the page and the printed show read it: its registration (登记), then
/// its events. The JSON of `show` keeps `events` to the acts, as the contract has it.
pub fn history(conn: &Connection, r: &Record) -> Result<Vec<Event>> {
    let registered = Event {
        act: r.spec.add_verb.to_string(),
        label: "登记".to_string(),
        on: r.registered_on,
        related: None,
        subject: r.no.clone(),
        values: Values::new(),
        // Records registered before the register kept it have no name here.
        handler: r.get(REGISTERED_BY).to_string(),
        request: None,
    };
    let mut out = vec![registered];
    out.extend(events(conn, r)?);
    Ok(out)
}

/// The acts of `r` and the acts of other records that name it, in order.
pub fn events(conn: &Connection, r: &Record) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.act, e.on_date, o.no, s.no, s.spec, e.data, e.handler, e.request_id
         FROM record_event e
         JOIN record s ON s.id = e.record_id
         LEFT JOIN record o ON o.id = CASE WHEN e.record_id = ?1 THEN e.related_id ELSE e.record_id END
         WHERE e.record_id = ?1 OR e.related_id = ?1
         ORDER BY e.id",
    )?;
    let rows = stmt.query_map([r.id], |row| {
        let act: String = row.get(0)?;
        let spec: String = row.get(4)?;
        let data: String = row.get(5)?;
        let values: Values = serde_json::from_str(&data).unwrap_or_default();
        // A signed step (R-DIS-2, R-EXT-1) is named by its step: 部门领导审核.
        let label = match values.get(crate::domain::rules::steps::STEP) {
            Some(step) => step.clone(),
            None => crate::domain::ledgers::spec::find(&spec)
                .and_then(|s| s.act(&act))
                .map(|a| a.label.to_string())
                .unwrap_or_else(|| match act.as_str() {
                    super::migrated::MIGRATED => super::migrated::MIGRATED_LABEL.to_string(),
                    _ => act.clone(),
                }),
        };
        Ok(Event {
            label,
            act,
            on: crate::store::date(&row.get::<_, String>(1)?),
            related: row.get(2)?,
            subject: row.get(3)?,
            values,
            handler: row.get(6)?,
            request: row.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
