//! Workbooks (xlsx, xls, ods) read with calamine, from the bytes already read: the first sheet or
//! the one named. Each row keeps the number Excel shows beside it, so that an error names the row
//! the officer sees. Cells keep their kind (a date cell, a number) until the header says which
//! column they are in (`Cell::text`).

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;

use super::{COLUMNS_MAX, Cell, FIELD_MAX, ROWS_MAX};

/// A workbook's signature: xlsx and ods are zip files, xls an OLE compound file.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// One sheet, read: its name, the workbook's kind, and its rows with their Excel row numbers.
pub struct Sheet {
    pub name: String,
    pub kind: &'static str,
    pub rows: Vec<(usize, Vec<Cell>)>,
}

const NOT_A_WORKBOOK: &str =
    "不是能读取的 Excel 或 WPS 表格文件（xlsx、xls、ods），可能已损坏；未导入任何一行";

/// Reads the sheet `wanted` (or the first) of a workbook. Every failure is a sentence for the
/// officer; a reader that panics on a damaged file is caught and said so too.
pub fn read(bytes: &[u8], wanted: Option<&str>) -> Result<Sheet, String> {
    std::panic::catch_unwind(|| read_inner(bytes, wanted))
        .unwrap_or_else(|_| Err(NOT_A_WORKBOOK.into()))
}

fn read_inner(bytes: &[u8], wanted: Option<&str>) -> Result<Sheet, String> {
    let mut book =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| NOT_A_WORKBOOK.to_string())?;
    let kind = match &book {
        calamine::Sheets::Xls(_) => "xls",
        calamine::Sheets::Xlsx(_) => "xlsx",
        calamine::Sheets::Xlsb(_) => "xlsb",
        calamine::Sheets::Ods(_) => "ods",
    };
    let names = book.sheet_names();
    let name = match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.trim() == w.trim())
            .cloned()
            .ok_or_else(|| {
                format!(
                    "工作簿中没有名为「{}」的工作表；有：{}",
                    w.trim(),
                    names.join("、")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "工作簿中没有工作表，未导入任何一行".to_string())?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|_| format!("工作表「{name}」无法读取（文件可能已损坏），未导入任何一行"))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let (height, _) = range.get_size();
    if height > ROWS_MAX + 100 {
        return Err(format!(
            "工作表「{name}」有 {height} 行，超过 {ROWS_MAX} 行，请分批导入"
        ));
    }
    let mut rows = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let line = top as usize + i + 1;
        // Columns left of the first used one are blank in Excel: keep them so that positions match.
        let mut cells: Vec<Cell> = vec![Cell::Text(String::new()); left as usize];
        for c in r {
            cells.push(cell(c));
        }
        while matches!(cells.last(), Some(Cell::Text(s)) if s.trim().is_empty()) {
            cells.pop();
        }
        if cells.len() > COLUMNS_MAX {
            cells.truncate(COLUMNS_MAX + 1);
        }
        rows.push((line, cells));
    }
    Ok(Sheet { name, kind, rows })
}

/// A cell as the ledger reads it.
fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Text(String::new()),
        Data::String(s) => Cell::Text(one_line(s)),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(x) => Cell::Number(*x),
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.into()),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => match s.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()) {
            Some(d) => Cell::Date(d),
            None => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Bad(format!("是公式错误（{e}），请在表格中改正")),
    }
}

/// A cell's text on one line: Alt+Enter breaks a long title in a cell, and no ledger field holds
/// a line break. Chinese pieces join directly; a space is kept between Latin letters or digits.
/// Overlong text is cut just past the limit, so that the length check still names it.
fn one_line(s: &str) -> String {
    let s: String = s.chars().take(FIELD_MAX + 1).collect();
    if !s.contains(['\n', '\r']) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    for piece in s
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let join = matches!(
            (out.chars().last(), piece.chars().next()),
            (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()
        );
        if join {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_in_a_cell_join() {
        assert_eq!(
            one_line("关于做好\n保密工作的通知"),
            "关于做好保密工作的通知"
        );
        assert_eq!(one_line("ABC\r\n123"), "ABC 123");
        assert_eq!(one_line("一行"), "一行");
    }

    #[test]
    fn not_a_workbook_is_a_sentence() {
        for bytes in [
            &b"PK\x03\x04garbage"[..],
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
        ] {
            assert!(is_workbook(bytes));
            let e = read(bytes, None).err().unwrap();
            assert!(e.contains("不是能读取的 Excel"), "{e}");
        }
    }
}
