//! The registers (登记簿) as views over the events: each is a query that gives the columns of the
//! form officers already keep (LEDGER-FORMS.md), with each row's level for the printout's marking.

use rusqlite::{Connection, params};

use super::{Result, StoreError};
use crate::domain::dates;
use crate::domain::ledgers::LedgerSpec;
use crate::domain::ledgers::registers::ActRegister;
use crate::domain::level::{Level, Mark, Period};
use crate::domain::paper::Plan;

mod acts;
mod papers;
mod records;
mod reviews;
mod sheets;

/// What a register's query gives: its columns, its rows, and who signs it.
type Body = (Vec<&'static str>, Vec<RegisterRow>, Vec<&'static str>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterKind {
    /// 收文登记簿 (R-PAP-3)
    Receipts,
    /// 发文登记簿 (R-PAP-3, R-PAP-5)
    Dispatches,
    /// 复印登记 (R-PAP-20)
    Copies,
    /// 借阅登记 (R-PAP-9)
    Loans,
    /// 携带外出登记 (R-PAP-11)
    TakeOuts,
    /// 绝密件知悉人员记录 (R-PAP-8)
    TopSecretReaders,
    /// 清点表 (R-PAP-12): a count or check, the latest when no id is given
    CountSheet,
    /// 销毁清单 (R-PAP-23): a destruction request
    Destruction,
    /// 国家秘密事项的变更或解密审批表 (R-CLS-7)
    Reviews,
    /// 本单位产生国家秘密事项一览表 (R-CLS-3): the papers this unit made
    Classification,
}

impl RegisterKind {
    pub const ALL: [RegisterKind; 10] = [
        RegisterKind::Receipts,
        RegisterKind::Dispatches,
        RegisterKind::Copies,
        RegisterKind::Loans,
        RegisterKind::TakeOuts,
        RegisterKind::TopSecretReaders,
        RegisterKind::CountSheet,
        RegisterKind::Destruction,
        RegisterKind::Reviews,
        RegisterKind::Classification,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RegisterKind::Receipts => "receipts",
            RegisterKind::Dispatches => "dispatches",
            RegisterKind::Copies => "copies",
            RegisterKind::Loans => "loans",
            RegisterKind::TakeOuts => "take-outs",
            RegisterKind::TopSecretReaders => "top-secret-readers",
            RegisterKind::CountSheet => "count-sheet",
            RegisterKind::Destruction => "destruction",
            RegisterKind::Reviews => "reviews",
            RegisterKind::Classification => "classification",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            RegisterKind::Receipts => "收文登记簿",
            RegisterKind::Dispatches => "发文登记簿",
            RegisterKind::Copies => "涉密文件（资料）复印登记表",
            RegisterKind::Loans => "涉密载体借阅登记表",
            RegisterKind::TakeOuts => "涉密载体携带外出登记表",
            RegisterKind::TopSecretReaders => "接触和知悉绝密级国家秘密文件人员记录",
            RegisterKind::CountSheet => "密件清点表",
            RegisterKind::Destruction => "涉密载体销毁清单（清点、登记、注销）",
            RegisterKind::Reviews => "国家秘密事项的变更或解密审批表",
            RegisterKind::Classification => "本单位产生国家秘密事项一览表",
        }
    }

    pub fn parse(s: &str) -> Option<RegisterKind> {
        RegisterKind::ALL
            .into_iter()
            .find(|k| k.code() == s || k.title() == s)
    }
}

/// Any register `baomi register` prints: a paper register, a declared ledger's own register, or
/// a register of one act across records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Paper(RegisterKind),
    Ledger(&'static LedgerSpec),
    Acts(&'static ActRegister),
}

impl Named {
    /// Every register: the papers', each declared ledger's, each act register.
    pub fn all() -> Vec<Named> {
        let mut out: Vec<Named> = RegisterKind::ALL.into_iter().map(Named::Paper).collect();
        out.extend(crate::domain::ledgers::spec::all().map(Named::Ledger));
        out.extend(
            crate::domain::ledgers::registers::ALL
                .iter()
                .map(Named::Acts),
        );
        out
    }

    /// By its code or title; a ledger by its noun or plural (`media`).
    pub fn parse(s: &str) -> Option<Named> {
        let s = s.trim();
        Named::all()
            .into_iter()
            .find(|n| n.code() == s || n.title() == s)
            .or_else(|| crate::domain::ledgers::spec::find(s).map(Named::Ledger))
    }

    pub fn code(&self) -> &'static str {
        match self {
            Named::Paper(k) => k.code(),
            Named::Ledger(s) => s.plural,
            Named::Acts(r) => r.code,
        }
    }

    pub fn title(&self) -> &'static str {
        match self {
            Named::Paper(k) => k.title(),
            Named::Ledger(s) => s.title,
            Named::Acts(r) => r.title,
        }
    }

    /// Rows listed by department in the yearly ledger set.
    pub fn by_dept(&self) -> bool {
        match self {
            Named::Paper(k) => matches!(
                k,
                RegisterKind::Receipts
                    | RegisterKind::Copies
                    | RegisterKind::Loans
                    | RegisterKind::TopSecretReaders
                    | RegisterKind::Classification
            ),
            Named::Ledger(s) => s.field(crate::domain::ledgers::record::DEPT).is_some(),
            Named::Acts(r) => r.by_dept,
        }
    }
}

/// Loads any register for `year` (all years when none).
pub fn load_named(
    conn: &Connection,
    n: Named,
    year: Option<i32>,
    id: Option<i64>,
) -> Result<Register> {
    let (columns, rows, signatures) = match n {
        Named::Paper(k) => return load(conn, k, year, id),
        Named::Ledger(s) => records::ledger_register(conn, s, year)?,
        Named::Acts(r) => records::act_register(conn, r, year)?,
    };
    Ok(Register {
        title: match year {
            Some(y) => format!("{y}年{}", n.title()),
            None => n.title().to_string(),
        },
        columns,
        rows,
        notes: Vec::new(),
        signatures,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    pub level: Level,
    /// 部门 of the carrier the row is about (empty when none is recorded).
    pub dept: String,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    pub title: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<RegisterRow>,
    pub notes: Vec<String>,
    pub signatures: Vec<&'static str>,
}

fn mark(level: i64, period: Option<String>) -> (Level, String) {
    let level = Level::from_code(level).unwrap_or(Level::TopSecret);
    let period = period.as_deref().and_then(Period::parse);
    (level, Mark::new(level, period).to_string())
}

fn zh(iso: &str) -> String {
    dates::parse(iso).map(dates::zh).unwrap_or_default()
}

/// An optional date column in Chinese; blank when there is none.
fn opt_zh(iso: Option<String>) -> String {
    iso.as_deref().map(zh).unwrap_or_default()
}

fn when(iso: Option<String>, time: Option<String>) -> String {
    let d = opt_zh(iso);
    match time.filter(|t| !t.is_empty()) {
        Some(t) if !d.is_empty() => format!("{d} {t}"),
        _ => d,
    }
}

fn year_clause(year: Option<i32>) -> String {
    match year {
        Some(y) => format!(" AND e.on_date LIKE '{y}-%'"),
        None => String::new(),
    }
}

/// Loads a register. `year` limits the running registers to one year; `id` names the count
/// (stocktake) or the destruction request for the two forms that are about one occasion.
pub fn load(
    conn: &Connection,
    kind: RegisterKind,
    year: Option<i32>,
    id: Option<i64>,
) -> Result<Register> {
    let yc = year_clause(year);
    let mut notes = Vec::new();
    let mut title = kind.title().to_string();
    if let Some(y) = year
        && !matches!(kind, RegisterKind::CountSheet | RegisterKind::Destruction)
    {
        title = format!("{y}年{title}");
    }
    let (columns, rows, signatures): Body = match kind {
        RegisterKind::Receipts => papers::receipts(conn, &yc)?,
        RegisterKind::Dispatches => papers::dispatches(conn, &yc)?,
        RegisterKind::Copies => papers::copies(conn, &yc)?,
        RegisterKind::Loans => acts::loans(conn, &yc)?,
        RegisterKind::TakeOuts => acts::take_outs(conn, &yc)?,
        RegisterKind::TopSecretReaders => acts::top_secret_readers(conn, &yc)?,
        RegisterKind::CountSheet => sheets::count_sheet(conn, id, &mut notes, &mut title)?,
        RegisterKind::Reviews => reviews::reviews(conn, &yc)?,
        RegisterKind::Classification => papers::classification(conn, year)?,
        RegisterKind::Destruction => sheets::destruction(conn, id, &mut notes, &mut title)?,
    };
    Ok(Register {
        title,
        columns,
        rows,
        notes,
        signatures,
    })
}

fn state_name(code: &str) -> String {
    crate::domain::carrier::PaperState::from_code(code)
        .map(|s| s.name().to_string())
        .unwrap_or_default()
}

fn query(
    conn: &Connection,
    sql: &str,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<RegisterRow>,
) -> Result<Vec<RegisterRow>> {
    query_params(conn, sql, [], f)
}

fn query_params(
    conn: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<RegisterRow>,
) -> Result<Vec<RegisterRow>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(p, f)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
