//! A screen's page of a ledger, read with a key (the record's id) instead of an offset: the next
//! page starts after the last row shown, so a page costs the same at row 10 and at row 1,000,000.
//! Every filter is SQL: nothing is read only to be thrown away.

use rusqlite::Connection;
use rusqlite::types::Value;

use super::read::{COLUMNS, Filter, row};
use crate::domain::ledgers::{LedgerSpec, Record};
use crate::store::Result;

/// Where a page starts, by record id; rows come back in id order (registration order) whatever
/// the direction they were read in. A state the description no longer has is not listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    First,
    /// The rows after this id.
    After(i64),
    /// The rows before this id, the nearest last.
    Before(i64),
    /// The last rows of the list.
    Last,
    /// The rows from this id on (it included): a reload that keeps the selected row.
    At(i64),
}

/// The states `filter` keeps: one, the held ones, or all the spec has.
fn states(spec: &LedgerSpec, filter: &Filter) -> Vec<String> {
    match &filter.state {
        Some(state) => vec![state.clone()],
        None => spec
            .states
            .iter()
            .filter(|s| s.held || !filter.held)
            .map(|s| s.key.to_string())
            .collect(),
    }
}

/// The `WHERE` clause of `filter` on `spec` for the states `states`, with its parameters.
fn clause(spec: &LedgerSpec, filter: &Filter, states: &[String]) -> (String, Vec<Value>) {
    let mut params = vec![Value::Text(spec.key.to_string())];
    let marks: Vec<String> = states
        .iter()
        .map(|s| {
            params.push(Value::Text(s.clone()));
            format!("?{}", params.len())
        })
        .collect();
    let mut sql = format!("spec = ?1 AND state IN ({})", marks.join(", "));
    for (key, value) in &filter.values {
        params.push(Value::Text(format!("$.\"{}\"", key.replace('"', ""))));
        params.push(Value::Text(value.clone()));
        sql.push_str(&format!(
            " AND json_extract(data, ?{}) = ?{}",
            params.len() - 1,
            params.len()
        ));
    }
    (sql, params)
}

/// At most `limit` records of `spec` that `filter` keeps, from `from`, in id order.
///
/// Each state is read on its own through the (spec, state, id) index, a page at most, and the
/// pages merged: a page costs the same whatever the ledger's size and however rare its rows
/// (a walk of the table in id order would cross a million media to find the first copier).
pub fn page(
    conn: &Connection,
    spec: &'static LedgerSpec,
    filter: &Filter,
    from: From,
    limit: usize,
) -> Result<Vec<Record>> {
    let (key, descending) = match from {
        From::First => (None, false),
        From::After(id) => (Some((">", id)), false),
        From::At(id) => (Some((">=", id)), false),
        From::Before(id) => (Some(("<", id)), true),
        From::Last => (None, true),
    };
    let mut out = Vec::new();
    for state in states(spec, filter) {
        let (mut sql, mut params) = clause(spec, filter, std::slice::from_ref(&state));
        if let Some((op, id)) = key {
            params.push(Value::Integer(id));
            sql.push_str(&format!(" AND id {op} ?{}", params.len()));
        }
        params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT {COLUMNS} FROM record WHERE {sql} ORDER BY id {} LIMIT ?{}",
            if descending { "DESC" } else { "ASC" },
            params.len()
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), row(spec))?;
        for r in rows {
            out.push(r?);
        }
    }
    out.sort_by_key(|r| r.id);
    if descending {
        let cut = out.len().saturating_sub(limit);
        out.drain(..cut);
    } else {
        out.truncate(limit);
    }
    Ok(out)
}

/// How many records of `spec` `filter` keeps.
pub fn count(conn: &Connection, spec: &LedgerSpec, filter: &Filter) -> Result<i64> {
    let (sql, params) = clause(spec, filter, &states(spec, filter));
    let mut stmt = conn.prepare_cached(&format!("SELECT count(*) FROM record WHERE {sql}"))?;
    Ok(stmt.query_row(rusqlite::params_from_iter(params), |r| r.get(0))?)
}

/// How many of them come before record `id`: where a kept selection sits in the whole list.
pub fn count_before(conn: &Connection, spec: &LedgerSpec, filter: &Filter, id: i64) -> Result<i64> {
    let (sql, mut params) = clause(spec, filter, &states(spec, filter));
    params.push(Value::Integer(id));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT count(*) FROM record WHERE {sql} AND id < ?{}",
        params.len()
    ))?;
    Ok(stmt.query_row(rusqlite::params_from_iter(params), |r| r.get(0))?)
}
