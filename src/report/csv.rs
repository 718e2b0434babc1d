//! CSV for spreadsheets: UTF-8 with a BOM (WPS and Excel read Chinese right), CRLF, every field
//! quoted, and a leading `= + - @` neutralised so that no formula runs.

use super::document::{DocRow, Document};

pub const BOM: &str = "\u{feff}";

/// A field made safe for a spreadsheet.
pub fn neutralise(field: &str) -> String {
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{field}"),
        _ => field.to_string(),
    }
}

/// One record: every field quoted (`"` doubled inside), neutralised, CRLF at the end. The same
/// bytes the csv crate writes with `QuoteStyle::Always`.
pub fn row<S: AsRef<str>>(fields: &[S]) -> String {
    let mut s =
        String::with_capacity(fields.iter().map(|f| f.as_ref().len() + 3).sum::<usize>() + 2);
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push('"');
        s.push_str(&neutralise(f.as_ref()).replace('"', "\"\""));
        s.push('"');
    }
    s.push_str("\r\n");
    s
}

/// The start of a CSV file: the BOM and the header record. Rows follow, one `row` each: an export
/// of a million papers is written as it is read (`cli::export`).
pub fn header(header: &[&str]) -> String {
    format!("{BOM}{}", row(header))
}

/// Writes a header and rows as CSV text (with the BOM).
pub fn write(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut s = self::header(header);
    for r in rows {
        s.push_str(&row(&r));
    }
    s
}

/// A document as CSV: the rows only (a spreadsheet needs no page marks); group headings become a
/// first column so that the grouping survives sorting.
pub fn render(doc: &Document) -> String {
    let has_groups = doc.rows.iter().any(|r| matches!(r, DocRow::Group(_)));
    let mut header: Vec<&str> = Vec::new();
    if has_groups {
        header.push("分组");
    }
    header.extend(doc.columns.iter().map(String::as_str));
    let mut group = String::new();
    let mut rows = Vec::new();
    for r in &doc.rows {
        match r {
            DocRow::Group(g) => group = g.clone(),
            DocRow::Cells { cells, .. } => {
                let mut row = Vec::new();
                if has_groups {
                    row.push(group.clone());
                }
                row.extend(cells.iter().cloned());
                rows.push(row);
            }
        }
    }
    write(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_quotes_and_no_formulas() {
        let s = write(
            &["标题", "天数"],
            vec![
                vec!["=HYPERLINK(\"x\")".into(), "-3".into()],
                vec!["关于\"保密\"".into(), "2".into()],
            ],
        );
        assert!(s.starts_with(BOM));
        assert!(s.contains("\r\n"));
        let body = s.trim_start_matches(BOM);
        let lines: Vec<&str> = body.split("\r\n").collect();
        assert_eq!(lines[0], "\"标题\",\"天数\"");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"x\"\")\",\"'-3\"");
        assert_eq!(lines[2], "\"关于\"\"保密\"\"\",\"2\"");
    }
}
