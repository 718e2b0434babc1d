//! Reading a ledger declared once (media, computers, devices) from an officer's file: the same
//! file kinds and header search as papers, the columns by the ledger's labels and synonyms
//! (LEDGER-FORMS.md: 涉密存储介质, 存储介质保密管理情况, 涉密计算机, 计算机保密管理情况 …).
//! Rows are only read here; the store checks them with the spec, all or nothing.

use std::collections::BTreeMap;

use super::{Cell, FileInfo, Options, ReadAs, Rows, csv_text, grid, serial_date, sheet};
use crate::domain::dates;
use crate::domain::ledgers::spec::Column;
use crate::domain::ledgers::{Kind, LedgerSpec};

/// One row of a record ledger file, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordRow {
    pub line: usize,
    pub no: String,
    pub date: String,
    pub state: String,
    pub holder: String,
    pub checked_on: String,
    pub values: BTreeMap<String, String>,
}

/// The rows read and how, or every problem by its line (and how the file was read, if it was).
pub type ReadRecords = Result<(Vec<RecordRow>, FileInfo), (Vec<String>, Option<FileInfo>)>;

/// The rows of `spec`'s ledger in a file, or every problem by its line.
pub fn read(bytes: &[u8], options: Options<'_>, spec: &'static LedgerSpec) -> ReadRecords {
    let known = |cells: &[Cell]| {
        let mut seen: Vec<String> = cells
            .iter()
            .filter_map(|c| spec.column_for(c.header()))
            .map(|c| format!("{c:?}"))
            .collect();
        seen.sort();
        seen.dedup();
        seen.len()
    };
    let grid = if sheet::is_workbook(bytes) || options.workbook {
        let s = sheet::read(bytes, options.sheet).map_err(|e| (vec![e], None))?;
        let read_as = ReadAs::Sheet {
            kind: s.kind,
            name: s.name,
        };
        grid(Rows::Sheet(s.rows.into_iter()), read_as, &known)?
    } else {
        let (text, encoding) = csv_text::decode(bytes).map_err(|e| (vec![e], None))?;
        let lines = csv_text::lines(&text).filter(|(_, l)| !l.trim().is_empty());
        grid(Rows::Csv(Box::new(lines)), ReadAs::Csv(encoding), &known)?
    };
    let info = grid.info.clone();
    let fail = |e: Vec<String>| Err((e, Some(info.clone())));
    let line = info.header_line;
    let mut errors = Vec::new();
    let mut columns = Vec::with_capacity(grid.header.len());
    let mut seen: Vec<(Column, usize)> = Vec::new();
    for (i, h) in grid.header.iter().enumerate() {
        let c = spec.column_for(h);
        if let Some(c) = c {
            if let Some((_, j)) = seen.iter().find(|(s, _)| *s == c) {
                errors.push(format!(
                    "第{line}行：第{j}列和第{}列「{}」是同一栏，只能有一列",
                    i + 1,
                    h.trim()
                ));
            }
            seen.push((c, i + 1));
        }
        columns.push(c);
    }
    for f in spec.fields.iter().filter(|f| f.required) {
        if !columns.contains(&Some(Column::Field(f))) {
            errors.push(format!(
                "第{line}行：表头中没有「{}」列（{}必填）",
                f.label, spec.title
            ));
        }
    }
    if !errors.is_empty() {
        return fail(errors);
    }
    let mut out = Vec::new();
    for (line, r) in &grid.rows {
        let cells = match r {
            Ok(c) => c,
            Err(e) => {
                errors.push(format!("第{line}行：{e}"));
                continue;
            }
        };
        let mut row = RecordRow {
            line: *line,
            ..RecordRow::default()
        };
        for (i, cell) in cells.iter().enumerate() {
            let Some(col) = columns.get(i).copied().flatten() else {
                continue;
            };
            let date = match col {
                Column::Date | Column::CheckedOn => true,
                Column::Field(f) => f.kind == Kind::Date,
                _ => false,
            };
            let v = match cell {
                Cell::Text(s) => s.trim().to_string(),
                Cell::Date(d) => dates::iso(*d),
                // An Excel date typed as a number: its serial.
                Cell::Number(x) if date => serial_date(*x).map(dates::iso).unwrap_or_default(),
                Cell::Number(x) if x.fract() == 0.0 && x.abs() < 1.0e15 => format!("{}", *x as i64),
                Cell::Number(x) => format!("{x}"),
                Cell::Bad(why) => {
                    errors.push(format!(
                        "第{line}行：第{}列{}{why}",
                        i + 1,
                        grid.name(i + 1)
                    ));
                    continue;
                }
            };
            match col {
                Column::No => row.no = v,
                Column::Date => row.date = v,
                Column::State => row.state = v,
                Column::Holder => row.holder = v,
                Column::CheckedOn => row.checked_on = v,
                Column::Field(f) => {
                    row.values.insert(f.key.to_string(), v);
                }
            }
        }
        out.push(row);
    }
    errors.extend(grid.errors);
    if errors.is_empty() {
        Ok((out, info))
    } else {
        fail(errors)
    }
}
