//! Reading a paper ledger file into rows, all or nothing. Pure: bytes in, rows or line-numbered
//! errors out. A file is CSV text (`csv_text`: UTF-8, UTF-16 or GB18030) or a workbook (`sheet`:
//! xlsx, xls, ods); either way its header is the register's own or the synonyms officers'
//! spreadsheets use (LEDGER-FORMS.md), found below any title rows (a merged "2025年收文登记簿"
//! above it is skipped).
//!
//! A ledger row is one line. No ledger field may hold a line break, so a quoted field that does not
//! close on its own line is an error naming the line where the quote opened: with a lenient CSV
//! reader, `"未闭合的标题` swallowed the next row into its title and the import said 已导入 1 件
//! for a two-row file (issue 8 point 5). Everything else a hostile or broken file can hold is
//! bounded and named too (issue 8 point 11): the file's size, the number of rows and columns, each
//! field's length, control characters, a column given twice, a file with no data rows.
//!
//! A row that lacks a field R-PAP-3 asks for is history, not a receipt: it is read with the field
//! marked 待补 (`domain::gap`), not refused.

mod csv_text;
pub mod records;
mod sheet;

use chrono::NaiveDate;

pub use csv_text::Encoding;

use super::carrier::PaperState;
use super::dates;
use super::paper::{Column, LEDGER_HEADERS, LedgerRow, Receipt, check_rows, column_for};
use super::text::{TEXT_MAX, TITLE_MAX, check_text};

/// The largest file read at all (checked before reading: the file may be a device that never ends).
pub const FILE_MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The most data rows in one file; a larger ledger is imported in parts.
pub const ROWS_MAX: usize = 200_000;
/// The most columns a header may have.
pub const COLUMNS_MAX: usize = 200;
/// The longest field kept while reading; each column's own limit is checked with the row.
pub const FIELD_MAX: usize = TITLE_MAX;
/// How many non-blank rows from the top may stand above the header (titles, a unit's name).
const HEADER_SEARCH: usize = 30;

/// Every row, checked, with its line number: or every error, each naming its line.
pub type FileCheck = (Vec<(usize, Receipt, PaperState)>, Vec<String>);

/// How the file was read, for the officer: `按 GB18030（GBK）编码读取`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadAs {
    Csv(Encoding),
    Sheet { kind: &'static str, name: String },
}

/// What was read and where its header was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    pub read_as: ReadAs,
    /// The line (CSV) or row (a sheet, as Excel numbers it) of the header.
    pub header_line: usize,
}

impl FileInfo {
    pub fn describe(&self) -> String {
        let what = match &self.read_as {
            ReadAs::Csv(e) if e.name().ends_with('）') => format!("按 {}编码读取", e.name()),
            ReadAs::Csv(e) => format!("按 {} 编码读取", e.name()),
            ReadAs::Sheet { kind, name } => format!("读取 {kind} 工作簿的工作表「{name}」"),
        };
        if self.header_line > 1 {
            format!(
                "{what}，表头在第{}行（其上的标题行不导入）",
                self.header_line
            )
        } else {
            what
        }
    }
}

/// How to read a file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// The sheet of a workbook to read (default: the first).
    pub sheet: Option<&'a str>,
    /// The file's name says it is a workbook (`.xlsx`, `.xls`, `.ods`): never read it as text.
    pub workbook: bool,
}

/// A cell as read. CSV gives text only; a workbook also numbers and dates, which become text by
/// the column they are in.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// A cell that cannot be read (`#N/A`), with why.
    Bad(String),
}

impl Cell {
    fn is_blank(&self) -> bool {
        matches!(self, Cell::Text(s) if s.trim().is_empty())
    }

    /// The cell as a header: only text names a column.
    fn header(&self) -> &str {
        match self {
            Cell::Text(s) => s,
            _ => "",
        }
    }

    /// The cell's text for `column`: an Excel date as `2025-03-01`; a number of a date column as
    /// the day it is a serial of (or `20250301` as written); a whole number without `.0`.
    fn text(self, column: Option<Column>) -> Result<String, String> {
        let date_column = matches!(column, Some(Column::Date | Column::ReturnBy));
        match self {
            Cell::Text(s) => Ok(s),
            Cell::Date(d) => Ok(dates::iso(d)),
            Cell::Bad(why) => Err(why),
            Cell::Number(x) if date_column && x.fract() == 0.0 && (1.0e7..1.0e8).contains(&x) => {
                Ok(format!("{}", x as i64))
            }
            Cell::Number(x) if date_column => serial_date(x)
                .map(dates::iso)
                .ok_or_else(|| format!("「{x}」不是日期")),
            Cell::Number(x) if x.fract() == 0.0 && x.abs() < 1.0e15 => Ok(format!("{}", x as i64)),
            Cell::Number(x) => Ok(format!("{x}")),
        }
    }
}

/// The day an Excel serial number stands for (the 1900 date system, with its phantom 29 February
/// 1900 as Excel counts it).
fn serial_date(x: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&x) {
        return None;
    }
    let days = x.floor() as i64;
    let days = if days < 60 { days + 1 } else { days };
    dates::ymd(1899, 12, 30).checked_add_signed(chrono::Duration::days(days))
}

/// A row's cells, or the column and reason it could not be split, with its line.
type RawRow = (usize, Result<(Vec<Cell>, Option<usize>), (usize, String)>);

/// The rows of a file, one at a time, each cut to the first `keep` columns: of the rest, the
/// first that is not blank is reported (a row wider than its header).
enum Rows<'t> {
    Csv(Box<dyn Iterator<Item = (usize, &'t str)> + 't>),
    Sheet(std::vec::IntoIter<(usize, Vec<Cell>)>),
}

impl Rows<'_> {
    fn next(&mut self, keep: usize) -> Option<RawRow> {
        match self {
            Rows::Csv(lines) => {
                let (line, text) = lines.next()?;
                let split = csv_text::fields(text, keep)
                    .map(|(f, extra)| (f.into_iter().map(Cell::Text).collect(), extra));
                Some((line, split))
            }
            Rows::Sheet(rows) => {
                let (line, cells) = rows.next()?;
                Some((line, Ok(clip(cells, keep))))
            }
        }
    }
}

fn clip(mut cells: Vec<Cell>, keep: usize) -> (Vec<Cell>, Option<usize>) {
    let extra = cells
        .iter()
        .enumerate()
        .skip(keep)
        .find(|(_, c)| !c.is_blank())
        .map(|(i, _)| i + 1);
    cells.truncate(keep);
    (cells, extra)
}

fn blank(r: &RawRow) -> bool {
    matches!(&r.1, Ok((cells, None)) if cells.iter().all(Cell::is_blank))
}

/// How many different ledger columns a row names: a header names at least two.
fn known_columns(cells: &[Cell]) -> usize {
    let mut seen: Vec<Column> = cells
        .iter()
        .filter_map(|c| column_for(c.header()))
        .collect();
    seen.sort_by_key(|c| *c as u8);
    seen.dedup();
    seen.len()
}

/// Reads and checks a whole CSV file. Rows that passed are returned beside the errors so that the
/// store can add its own (a number already in the ledger); a file imports only when there are no
/// errors at all (`store::import::papers`).
pub fn check(bytes: &[u8], today: NaiveDate) -> FileCheck {
    check_with(bytes, Options::default(), today).0
}

/// Reads and checks a file of any kind; says how it was read when it could be.
pub fn check_with(
    bytes: &[u8],
    options: Options<'_>,
    today: NaiveDate,
) -> (FileCheck, Option<FileInfo>) {
    match read_with(bytes, options) {
        Ok((mut rows, info)) => {
            for r in &mut rows {
                super::gap::mark(&mut r.form);
            }
            (check_rows(&rows, today), Some(info))
        }
        Err((errors, info)) => ((vec![], errors), info),
    }
}

/// Reads the rows of a CSV ledger file; every problem is named by its line.
pub fn read(bytes: &[u8]) -> Result<Vec<LedgerRow>, Vec<String>> {
    read_with(bytes, Options::default())
        .map(|r| r.0)
        .map_err(|e| e.0)
}

type Read = Result<(Vec<LedgerRow>, FileInfo), (Vec<String>, Option<FileInfo>)>;

/// Reads the rows of a ledger file or workbook.
pub fn read_with(bytes: &[u8], options: Options<'_>) -> Read {
    if sheet::is_workbook(bytes) || options.workbook {
        let s = sheet::read(bytes, options.sheet).map_err(|e| (vec![e], None))?;
        let read_as = ReadAs::Sheet {
            kind: s.kind,
            name: s.name,
        };
        return rows_of(Rows::Sheet(s.rows.into_iter()), read_as);
    }
    let (text, encoding) = csv_text::decode(bytes).map_err(|e| (vec![e], None))?;
    let lines = csv_text::lines(&text).filter(|(_, l)| !l.trim().is_empty());
    rows_of(Rows::Csv(Box::new(lines)), ReadAs::Csv(encoding))
}

fn rows_of(rows: Rows<'_>, read_as: ReadAs) -> Read {
    let mut grid = grid(rows, read_as, &known_columns)?;
    let info = grid.info.clone();
    let fail = |e: Vec<String>| Err((e, Some(info.clone())));
    let columns = match header_columns(&grid.header, info.header_line) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (line, r) in std::mem::take(&mut grid.rows) {
        match r.and_then(|cells| {
            ledger_row(line, cells, &columns)
                .map_err(|(col, e)| format!("第{col}列{}{e}", grid.name(col)))
        }) {
            Ok(row) => out.push(row),
            Err(e) => errors.push(format!("第{line}行：{e}")),
        }
    }
    errors.extend(grid.errors);
    if errors.is_empty() {
        Ok((out, info))
    } else {
        fail(errors)
    }
}

/// The header and the data rows of a table file, before any ledger reads them: each row's cells
/// cut to the header's width, or why its line cannot be read (`第3列…`), in line order.
struct Grid {
    info: FileInfo,
    header: Vec<String>,
    rows: Vec<(usize, Result<Vec<Cell>, String>)>,
    /// What ends the file early (too many rows) or says it has no data.
    errors: Vec<String>,
}

impl Grid {
    /// `（标题）`: the header of a column counted from 1, to name it in a message.
    fn name(&self, col: usize) -> String {
        self.header
            .get(col - 1)
            .map(|h| format!("（{}）", h.trim()))
            .unwrap_or_default()
    }
}

/// Finds the header (the first row naming two or more columns `known` counts, below any title
/// rows) and reads the rows under it.
fn grid(
    mut rows: Rows<'_>,
    read_as: ReadAs,
    known: &dyn Fn(&[Cell]) -> usize,
) -> Result<Grid, (Vec<String>, Option<FileInfo>)> {
    // The header: the first row naming ledger columns; failing that, the first row (whose
    // faults are then named).
    let mut top: Vec<RawRow> = Vec::new();
    let mut found = None;
    while top.len() < HEADER_SEARCH {
        let Some(r) = rows.next(COLUMNS_MAX) else {
            break;
        };
        if blank(&r) {
            continue;
        }
        let is_header = matches!(&r.1, Ok((cells, None)) if known(cells) >= 2);
        top.push(r);
        if is_header {
            found = Some(top.len() - 1);
            break;
        }
    }
    if top.is_empty() {
        return Err((vec!["第1行：文件是空的，没有表头和数据行".into()], None));
    }
    let at = found.unwrap_or(0);
    let mut top = top.into_iter().skip(at);
    let Some((header_line, header)) = top.next() else {
        return Err((vec!["第1行：文件是空的，没有表头和数据行".into()], None));
    };
    let info = FileInfo {
        read_as,
        header_line,
    };
    let header: Vec<String> = match header {
        Ok((h, None)) => h.iter().map(|c| c.header().to_string()).collect(),
        Ok((_, Some(_))) => {
            return Err((
                vec![format!(
                    "第{header_line}行：表头超过 {COLUMNS_MAX} 列，不是台帐"
                )],
                Some(info),
            ));
        }
        Err((col, e)) => {
            return Err((
                vec![format!("第{header_line}行：表头第{col}列{e}")],
                Some(info),
            ));
        }
    };
    let keep = header.len();
    // Rows read while looking for the header (when none named two columns) are data rows.
    let rest = top.map(|(line, r)| {
        let r = r.map(|(cells, extra)| {
            let (cells, more) = clip(cells, keep);
            (cells, more.or(extra))
        });
        (line, r)
    });
    let mut grid = Grid {
        info,
        header,
        rows: Vec::new(),
        errors: Vec::new(),
    };
    let mut next = rest.chain(std::iter::from_fn(|| rows.next(keep)));
    for (line, r) in next.by_ref() {
        if grid.rows.len() >= ROWS_MAX {
            grid.errors
                .push(format!("第{line}行：文件超过 {ROWS_MAX} 行，请分批导入"));
            break;
        }
        let row = match r {
            Ok((cells, None)) if cells.iter().all(Cell::is_blank) => continue,
            Ok((_, Some(col))) => Err(format!(
                "第{col}列超出表头的 {keep} 列（字段中的逗号须加引号）"
            )),
            Ok((cells, None)) => Ok(cells),
            Err((col, e)) => Err(format!("第{col}列{}{e}", grid.name(col))),
        };
        grid.rows.push((line, row));
    }
    if grid.rows.is_empty() && grid.errors.is_empty() {
        grid.errors.push(format!(
            "第{header_line}行之后没有数据行：文件只有表头，未导入任何一行"
        ));
    }
    Ok(grid)
}

/// Each header cell's column; a column named twice and a header without a title are errors.
fn header_columns(header: &[String], line: usize) -> Result<Vec<Option<Column>>, Vec<String>> {
    let mut errors = Vec::new();
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(header.len());
    let mut seen: Vec<(Column, usize, String)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if let Err(e) = check_text(&format!("表头第{}列", i + 1), h, TEXT_MAX) {
            errors.push(format!("第{line}行：{e}"));
            columns.push(None);
            continue;
        }
        let col = column_for(h);
        if let Some(c) = col {
            if let Some((_, j, first)) = seen.iter().find(|(s, _, _)| *s == c) {
                errors.push(format!(
                    "第{line}行：第{j}列「{first}」和第{}列「{}」是同一栏，只能有一列（不知该用哪一列）",
                    i + 1,
                    h.trim()
                ));
            } else {
                seen.push((c, i + 1, h.trim().to_string()));
            }
        }
        columns.push(col);
    }
    if !columns.contains(&Some(Column::Title)) {
        errors.push(format!(
            "第{line}行：表头中没有标题列（可写作 标题、文件名称、名称 等）；应有的表头：{}",
            LEDGER_HEADERS
                .iter()
                .map(|(h, _)| *h)
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    if errors.is_empty() {
        Ok(columns)
    } else {
        Err(errors)
    }
}

/// One data row's cells put in their ledger fields.
fn ledger_row(
    line: usize,
    cells: Vec<Cell>,
    columns: &[Option<Column>],
) -> Result<LedgerRow, (usize, String)> {
    let mut row = LedgerRow {
        line,
        ..LedgerRow::default()
    };
    for (i, c) in cells.into_iter().enumerate() {
        let column = columns.get(i).copied().flatten();
        let v = c.text(column).map_err(|e| (i + 1, e))?;
        if v.chars().count() > FIELD_MAX {
            return Err((i + 1, format!("超过 {FIELD_MAX} 个字")));
        }
        match column {
            Some(Column::No) => row.form.no = v,
            Some(Column::Date) => row.form.date = v,
            Some(Column::Originator) => row.form.originator = v,
            Some(Column::DocNo) => row.form.doc_no = v,
            Some(Column::Title) => row.form.title = v,
            Some(Column::Level) => row.form.level = v,
            Some(Column::Period) => row.form.period = v,
            Some(Column::Copies) => row.form.copies = v,
            Some(Column::CopyNos) => row.form.copy_nos = v,
            Some(Column::ReturnBy) => row.form.return_by = v,
            Some(Column::State) => row.state = v,
            Some(Column::Location) => row.form.location = v,
            Some(Column::Holder) => row.form.holder = v,
            Some(Column::Scope) => row.form.scope = v,
            Some(Column::Dept) => row.form.dept = v,
            None => {}
        }
    }
    Ok(row)
}

#[cfg(test)]
mod tests;
