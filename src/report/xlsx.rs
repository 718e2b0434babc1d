//! One-sheet workbooks for Excel and WPS, written row by row in rust_xlsxwriter's constant-memory
//! mode: each row goes to a temporary file as it is written, so a million rows cost no more memory
//! than ten. The header row is bold and frozen; dates are Excel dates (they sort and filter as
//! dates, and read back as dates); counts are numbers; columns are wide enough for Chinese text.

use std::io::Write;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Date,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Io(std::io::Error),
    #[error("{0}")]
    Xlsx(XlsxError),
    #[error("一个工作表最多 1,048,576 行（含表头），要写的行更多；请改用 --format csv")]
    TooManyRows,
}

/// The last row number a sheet has (Excel's limit, counted from 0).
const LAST_ROW: u32 = 1_048_575;

impl From<XlsxError> for Error {
    fn from(e: XlsxError) -> Self {
        match e {
            XlsxError::IoError(io) => Error::Io(io),
            other => Error::Xlsx(other),
        }
    }
}

/// A workbook being written, one sheet at a time (the yearly ledger set has one per section).
pub struct Sheet {
    book: Workbook,
    /// The sheet rows go to.
    current: usize,
    kinds: Vec<Kind>,
    next: u32,
    date: Format,
}

/// Column width in Excel's units (about one Latin character): a Chinese character takes two.
fn width(header: &str, kind: Kind) -> f64 {
    let preset: f64 = match (header, kind) {
        ("标题", _) => 48.0,
        ("变更前" | "变更后", _) => 40.0,
        ("哈希", _) => 34.0,
        ("时间", _) => 20.0,
        (_, Kind::Date) => 12.0,
        (_, Kind::Number) => 8.0,
        _ => 16.0,
    };
    let own = unicode_width::UnicodeWidthStr::width(header) as f64 + 4.0;
    preset.max(own)
}

impl Sheet {
    /// A workbook whose first sheet is named `name`, with its header row written.
    pub fn new(name: &str, headers: &[&str], kinds: &[Kind]) -> Result<Sheet, Error> {
        let mut sheet = Sheet {
            book: Workbook::new(),
            current: 0,
            kinds: Vec::new(),
            next: 1,
            date: Format::new().set_num_format("yyyy-mm-dd"),
        };
        sheet.start(name, headers, kinds)?;
        Ok(sheet)
    }

    /// Adds a sheet named `name` with its header row; the rows that follow go to it.
    pub fn add_sheet(&mut self, name: &str, headers: &[&str], kinds: &[Kind]) -> Result<(), Error> {
        self.current += 1;
        self.start(name, headers, kinds)
    }

    fn start(&mut self, name: &str, headers: &[&str], kinds: &[Kind]) -> Result<(), Error> {
        let bold = Format::new().set_bold();
        let sheet = self.book.add_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        for (i, h) in headers.iter().enumerate() {
            let kind = kinds.get(i).copied().unwrap_or(Kind::Text);
            let col = u16::try_from(i).map_err(|_| Error::Xlsx(XlsxError::RowColumnLimitError))?;
            sheet.set_column_width(col, width(h, kind))?;
            sheet.write_string_with_format(0, col, *h, &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        self.kinds = kinds.to_vec();
        self.next = 1;
        Ok(())
    }

    /// Prints the current sheet with `marking` at the top and bottom of every page and
    /// 第 x 页 共 y 页 (R-CLS-6), `title` at the top.
    pub fn mark(&mut self, marking: &str, title: &str) -> Result<(), Error> {
        // `&` starts a code in Excel's header language: a title's own is doubled.
        let title = title.replace('&', "&&");
        let sheet = self.book.worksheet_from_index(self.current)?;
        sheet.set_header(format!("&L{marking}&C{title}"));
        sheet.set_footer(format!("&L{marking}&R第 &P 页 共 &N 页"));
        Ok(())
    }

    /// Writes the next row. A date column's `2025-03-01` becomes an Excel date and a number
    /// column's digits a number; anything else is written as the text it is.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), Error> {
        let r = self.next;
        if r > LAST_ROW {
            return Err(Error::TooManyRows);
        }
        self.next += 1;
        let sheet = self.book.worksheet_from_index(self.current)?;
        for (i, v) in cells.iter().enumerate() {
            let v = v.as_ref();
            if v.is_empty() {
                continue;
            }
            let col = u16::try_from(i).map_err(|_| Error::Xlsx(XlsxError::RowColumnLimitError))?;
            match self.kinds.get(i).copied().unwrap_or(Kind::Text) {
                Kind::Date => match date(v) {
                    Some(d) => sheet.write_datetime_with_format(r, col, d, &self.date)?,
                    None => sheet.write_string(r, col, v)?,
                },
                Kind::Number => match v.parse::<i64>() {
                    Ok(n) if n.unsigned_abs() < (1 << 53) => {
                        sheet.write_number(r, col, n as f64)?
                    }
                    _ => sheet.write_string(r, col, v)?,
                },
                Kind::Text => sheet.write_string(r, col, v)?,
            };
        }
        Ok(())
    }

    /// Writes the workbook to `out` (standard output needs no seeking).
    pub fn save<W: Write + Send>(mut self, out: W) -> Result<(), Error> {
        self.book.save_to_writer(out)?;
        Ok(())
    }
}

fn date(v: &str) -> Option<ExcelDateTime> {
    let d = crate::domain::dates::parse(v)?;
    use chrono::Datelike;
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).ok()?,
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
    .ok()
}
