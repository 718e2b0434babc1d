//! Which papers a list shows, in which order, a page at a time.

use rusqlite::{Connection, params_from_iter, types::Value};

use super::*;
use crate::domain::carrier::PaperState;
use crate::domain::level::Level;
use crate::domain::paper::Paper;
use crate::store::Result;

/// Which papers a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub states: Vec<PaperState>,
    pub level: Option<Level>,
    pub year: Option<i32>,
    pub holder: Option<String>,
}

impl Filter {
    pub fn held() -> Filter {
        Filter {
            states: PaperState::HELD.to_vec(),
            ..Filter::default()
        }
    }

    fn sql(&self) -> (String, Vec<Value>) {
        let mut clauses = Vec::new();
        let mut values = Vec::new();
        let held: Vec<PaperState> = PaperState::HELD.to_vec();
        if self.states == held {
            // Through the (held, id) index, so that pages come in order without a sort.
            clauses.push("held = 1".into());
        } else if !self.states.is_empty() {
            let marks = vec!["?"; self.states.len()].join(",");
            clauses.push(format!("state IN ({marks})"));
            values.extend(self.states.iter().map(|s| Value::Text(s.code().into())));
        }
        if let Some(l) = self.level {
            clauses.push("level = ?".into());
            values.push(Value::Integer(l.code()));
        }
        if let Some(y) = self.year {
            clauses.push("year = ?".into());
            values.push(Value::Integer(y.into()));
        }
        if let Some(h) = &self.holder {
            clauses.push("holder = ?".into());
            values.push(Value::Text(h.clone()));
        }
        let sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        (sql, values)
    }
}

/// How a list is ordered. Each order is a key the database has an index for, so a page costs the
/// same at the top of a million rows as at the bottom.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    LevelHighFirst,
}

impl Sort {
    pub fn name(self) -> &'static str {
        match self {
            Sort::Newest => "最新登记在前",
            Sort::Oldest => "最早登记在前",
            Sort::LevelHighFirst => "密级高在前",
        }
    }

    pub fn next(self) -> Sort {
        match self {
            Sort::Newest => Sort::Oldest,
            Sort::Oldest => Sort::LevelHighFirst,
            Sort::LevelHighFirst => Sort::Newest,
        }
    }
}

/// Where a page starts: just after (or before) this row in the sort order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub id: i64,
    pub level: Level,
}

impl Cursor {
    pub fn of(p: &Paper) -> Cursor {
        Cursor {
            id: p.id,
            level: p.level,
        }
    }

    /// A cursor past the end of `sort`'s order: reading backward from it gives the last page.
    pub fn end_of(sort: Sort) -> Cursor {
        match sort {
            Sort::Newest | Sort::LevelHighFirst => Cursor {
                id: i64::MIN,
                level: Level::Public,
            },
            Sort::Oldest => Cursor {
                id: i64::MAX,
                level: Level::Public,
            },
        }
    }
}

/// A page of the ledger: `limit` rows after `after` (or before `before`, returned in order), with
/// keyset paging so that no page reads more than it shows.
pub fn page(
    conn: &Connection,
    filter: &Filter,
    sort: Sort,
    after: Option<Cursor>,
    before: Option<Cursor>,
    limit: usize,
) -> Result<Vec<Paper>> {
    let (where_sql, mut values) = filter.sql();
    let backward = before.is_some();
    let cursor = before.or(after);
    // (order, cursor condition) for reading forward; backward flips both.
    let (order, cond) = match (sort, backward) {
        (Sort::Newest, false) => ("id DESC", "id < ?"),
        (Sort::Newest, true) => ("id ASC", "id > ?"),
        (Sort::Oldest, false) => ("id ASC", "id > ?"),
        (Sort::Oldest, true) => ("id DESC", "id < ?"),
        (Sort::LevelHighFirst, false) => (
            "level DESC, id DESC",
            "(level < ? OR (level = ? AND id < ?))",
        ),
        (Sort::LevelHighFirst, true) => {
            ("level ASC, id ASC", "(level > ? OR (level = ? AND id > ?))")
        }
    };
    let mut sql = format!("SELECT {COLUMNS} FROM paper {where_sql}");
    if let Some(c) = cursor {
        sql.push_str(if where_sql.is_empty() {
            " WHERE "
        } else {
            " AND "
        });
        sql.push_str(cond);
        match sort {
            Sort::LevelHighFirst => {
                values.push(Value::Integer(c.level.code()));
                values.push(Value::Integer(c.level.code()));
                values.push(Value::Integer(c.id));
            }
            _ => values.push(Value::Integer(c.id)),
        }
    }
    sql.push_str(&format!(" ORDER BY {order} LIMIT {limit}"));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), row)?;
    let mut out: Vec<Paper> = rows.collect::<rusqlite::Result<_>>()?;
    if backward {
        out.reverse();
    }
    Ok(out)
}

/// How many papers a filter matches.
pub fn count(conn: &Connection, filter: &Filter) -> Result<i64> {
    let (where_sql, values) = filter.sql();
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM paper {where_sql}"),
        params_from_iter(values),
        |r| r.get(0),
    )?)
}

/// Every paper matching the filter, oldest first (export).
pub fn all(
    conn: &Connection,
    filter: &Filter,
    mut each: impl FnMut(Paper) -> Result<()>,
) -> Result<()> {
    all_with_dept(conn, filter, |p, _| each(p))
}

/// `all`, with each paper's 承办部门 (empty when none): the ledger export's last column.
pub fn all_with_dept(
    conn: &Connection,
    filter: &Filter,
    mut each: impl FnMut(Paper, String) -> Result<()>,
) -> Result<()> {
    let (where_sql, values) = filter.sql();
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, dept FROM paper {where_sql} ORDER BY id"
    ))?;
    let at = super::row::column_count();
    let mut rows = stmt.query(params_from_iter(values))?;
    while let Some(r) = rows.next()? {
        each(row(r)?, r.get(at)?)?;
    }
    Ok(())
}

/// Paper `id`'s 承办部门, empty when none.
pub fn dept(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT dept FROM paper WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// The years papers were registered in, newest first (the ledger's year filter).
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    // One index probe per year rather than a scan of every row.
    let mut stmt = conn.prepare_cached("SELECT max(year) FROM paper WHERE year < ?1")?;
    let mut years = Vec::new();
    let mut below = i32::MAX;
    while let Some(y) = stmt.query_row([below], |r| r.get::<_, Option<i32>>(0))? {
        years.push(y);
        below = y;
    }
    Ok(years)
}
