//! Rows held in memory, read by SQLite as a table: `INSERT INTO t (…) SELECT c0, c1 … FROM
//! staged(?1)`. A bulk load checks and numbers its rows in Rust and hands them to SQLite in one
//! statement per table, so that each index takes them in one pass — without first writing them
//! to a staging table and reading them back, which cost as much as the load itself.
//!
//! The rows are bound as a pointer (SQLite's pointer-passing interface, checked by type name),
//! so SQL text can never name or forge them: `staged` reads nothing unless a statement binds it.

use std::borrow::Cow;
use std::ffi::{CStr, c_int};
use std::rc::Rc;

use rusqlite::types::{ToSql, ToSqlOutput, Value};
use rusqlite::vtab::{
    Context, Filters, IndexConstraintOp, IndexInfo, Module, VTab, VTabConnection, VTabCursor,
};
use rusqlite::{Connection, ffi};

/// The columns `staged` offers, `c0` … `c47`: the widest table a bulk load writes has fewer.
pub const WIDTH: usize = 48;
const POINTER_COLUMN: c_int = WIDTH as c_int;
const POINTER_TYPE: &CStr = c"baomi-staged-rows";

/// A table of rows in memory.
pub trait Rows {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The value of `column` in row `row`; both are within bounds.
    fn value(&self, row: usize, column: usize) -> ToSqlOutput<'_>;
}

/// Rows bound as `staged`'s argument.
pub struct Staged(Rc<Box<dyn Rows>>);

impl Staged {
    pub fn new(rows: impl Rows + 'static) -> Self {
        Staged(Rc::new(Box::new(rows)))
    }
}

impl ToSql for Staged {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from_rc(self.0.clone(), POINTER_TYPE))
    }
}

/// `c0, c1, … c{n-1}`: the select list of the first `n` columns.
pub fn columns(n: usize) -> String {
    (0..n.min(WIDTH))
        .map(|i| format!("c{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Makes `staged` known to this connection.
pub fn load(conn: &Connection) -> rusqlite::Result<()> {
    const MODULE: Module<StagedTab> = Module::eponymous_only_module();
    conn.create_module(c"staged", &MODULE, None)
}

#[repr(C)]
struct StagedTab {
    /// SQLite's part; must come first.
    base: ffi::sqlite3_vtab,
}

// SAFETY: `StagedTab` is `repr(C)` with the SQLite base struct first, as the trait requires.
unsafe impl<'vtab> VTab<'vtab> for StagedTab {
    type Aux = ();
    type Cursor = StagedCursor<'vtab>;

    fn connect(
        _: &mut VTabConnection,
        _: Option<&()>,
        _: &[u8],
        _: &[u8],
        _: &[u8],
        _: &[&[u8]],
    ) -> rusqlite::Result<(Cow<'static, CStr>, Self)> {
        let sql = format!("CREATE TABLE x({}, rows HIDDEN)", columns(WIDTH));
        let sql =
            std::ffi::CString::new(sql).map_err(|e| rusqlite::Error::ModuleError(e.to_string()))?;
        Ok((
            Cow::Owned(sql),
            StagedTab {
                base: ffi::sqlite3_vtab::default(),
            },
        ))
    }

    fn best_index(&self, info: &mut IndexInfo) -> rusqlite::Result<bool> {
        let mut bound = false;
        for (constraint, mut usage) in info.constraints_and_usages() {
            if constraint.is_usable()
                && constraint.operator() == IndexConstraintOp::SQLITE_INDEX_CONSTRAINT_EQ
                && constraint.column() == POINTER_COLUMN
            {
                bound = true;
                usage.set_argv_index(1);
                usage.set_omit(true);
            }
        }
        // Without its rows bound `staged` is empty; the planner must never prefer that.
        info.set_idx_num(c_int::from(bound));
        info.set_estimated_cost(if bound { 1.0 } else { f64::MAX });
        // Rows come in their own order, which is the rowid's.
        if info.num_of_order_by() == 1
            && let Some(o) = info.order_bys().next()
            && o.column() == -1
            && !o.is_order_by_desc()
        {
            info.set_order_by_consumed(true);
        }
        Ok(true)
    }

    fn open(&'vtab mut self) -> rusqlite::Result<StagedCursor<'vtab>> {
        Ok(StagedCursor {
            base: ffi::sqlite3_vtab_cursor::default(),
            row: 0,
            rows: None,
        })
    }
}

#[repr(C)]
struct StagedCursor<'vtab> {
    /// SQLite's part; must come first.
    base: ffi::sqlite3_vtab_cursor,
    row: usize,
    rows: Option<&'vtab dyn Rows>,
}

impl StagedCursor<'_> {
    fn len(&self) -> usize {
        self.rows.map_or(0, |r| r.len())
    }
}

// SAFETY: `repr(C)` with the SQLite base struct first; the rows it borrows are kept alive by the
// statement's binding for as long as the statement runs.
unsafe impl VTabCursor for StagedCursor<'_> {
    fn filter(
        &mut self,
        idx_num: c_int,
        _: Option<&str>,
        args: &Filters<'_>,
    ) -> rusqlite::Result<()> {
        // A pointer reads as NULL; anything else typed in SQL is no rows.
        let bound =
            idx_num == 1 && !args.is_empty() && matches!(args.get::<Value>(0), Ok(Value::Null));
        self.rows = if bound {
            // SAFETY: SQLite hands the pointer back only when it was bound with this type name,
            // and it was bound by `Staged::to_sql` as an `Rc<Box<dyn Rows>>`.
            unsafe { args.get_pointer::<Box<dyn Rows>>(0, POINTER_TYPE) }.map(|b| &**b)
        } else {
            None
        };
        self.row = 0;
        Ok(())
    }

    fn next(&mut self) -> rusqlite::Result<()> {
        self.row += 1;
        Ok(())
    }

    fn eof(&self) -> bool {
        self.row >= self.len()
    }

    fn column(&self, ctx: &mut Context, i: c_int) -> rusqlite::Result<()> {
        match (self.rows, usize::try_from(i)) {
            (Some(rows), Ok(column)) if column < WIDTH => {
                ctx.set_result(rows.value(self.row, column))
            }
            _ => Ok(()),
        }
    }

    fn rowid(&self) -> rusqlite::Result<i64> {
        Ok(self.row as i64 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::types::ValueRef;

    struct Squares(usize);

    impl Rows for Squares {
        fn len(&self) -> usize {
            self.0
        }
        fn value(&self, row: usize, column: usize) -> ToSqlOutput<'_> {
            match column {
                0 => ToSqlOutput::Owned(Value::Integer(row as i64)),
                1 => ToSqlOutput::Owned(Value::Integer((row * row) as i64)),
                _ => ToSqlOutput::Borrowed(ValueRef::Null),
            }
        }
    }

    #[test]
    fn staged_rows_go_in_with_one_statement_in_their_order() {
        let conn = Connection::open_in_memory().unwrap();
        load(&conn).unwrap();
        conn.execute_batch("CREATE TABLE t (n INTEGER PRIMARY KEY, sq INTEGER, other)")
            .unwrap();
        let n = conn
            .execute(
                &format!("INSERT INTO t SELECT {} FROM staged(?1)", columns(3)),
                [Staged::new(Squares(1000))],
            )
            .unwrap();
        assert_eq!(n, 1000);
        let (sum, nulls): (i64, i64) = conn
            .query_row(
                "SELECT sum(sq), count(*) FILTER (WHERE other IS NULL) FROM t",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(sum, (0..1000i64).map(|i| i * i).sum::<i64>());
        assert_eq!(nulls, 1000);
    }

    #[test]
    fn staged_without_rows_bound_is_empty() {
        let conn = Connection::open_in_memory().unwrap();
        load(&conn).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM staged", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
        // A value that is not a bound pointer of its type reads as no rows either.
        let n: i64 = conn
            .query_row("SELECT count(*) FROM staged('rows')", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
