//! Where a printout goes — a file or the printer — and the record of it. baomi's
//! own output is output of classified information (R-CMP-13): every file written and every print
//! sent is in the audit log with what it held, its marking, its pages or rows and where it went.
//! Files are created owner-only (R-SYS-3's database is 0600; a list of its titles is no less
//! secret) and an existing file is never overwritten unless asked.

use std::path::{Path, PathBuf};

use super::{Document, Format, print};
use crate::domain::Refusal;
use crate::store::{Stamp, Store, StoreError, files, json};

/// Where the output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A file; `overwrite` allows replacing an existing one.
    File { path: PathBuf, overwrite: bool },
    /// The printer, through a PDF kept at `path` (a temporary file when none is given).
    Printer {
        path: Option<PathBuf>,
        printer: String,
    },
}

/// What happened, for the officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    pub message: String,
}

fn refused(field: &str, message: String) -> StoreError {
    StoreError::Refused(Refusal::field(field, message))
}

/// What a printout is, for the audit record and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printout<'a> {
    pub title: &'a str,
    /// The marking it carries; empty for one that carries none (a sheet of labels).
    pub marking: String,
    pub format: Format,
    pub pages: Option<usize>,
    /// Rows of a register, labels of a sheet.
    pub rows: usize,
}

/// Renders `doc` in `format`, sends it to `dest`, and records the output in the audit log.
pub fn deliver(
    store: &mut Store,
    stamp: &Stamp,
    doc: &Document,
    format: Format,
    dest: &Destination,
    font_setting: &str,
) -> Result<Delivered, StoreError> {
    let format = if matches!(dest, Destination::Printer { .. }) {
        Format::Pdf
    } else {
        format
    };
    let (bytes, pages) =
        print::render_paged(doc, format, font_setting).map_err(|m| refused("格式", m))?;
    let rows = doc
        .rows
        .iter()
        .filter(|r| matches!(r, super::DocRow::Cells { .. }))
        .count();
    let what = Printout {
        title: &doc.title,
        marking: doc.marking_text(),
        format,
        pages,
        rows,
    };
    send(store, stamp, &what, &bytes, dest)
}

/// Sends rendered `bytes` to `dest` and records the output in the audit log. The file is written
/// first and recorded after; if the record cannot be made the file is removed, so no output
/// exists that the log does not know. The printer takes PDF only.
pub fn send(
    store: &mut Store,
    stamp: &Stamp,
    what: &Printout<'_>,
    bytes: &[u8],
    dest: &Destination,
) -> Result<Delivered, StoreError> {
    let (to, written): (String, Option<PathBuf>) = match dest {
        Destination::File { path, overwrite } => {
            files::write_output(path, bytes, *overwrite).map_err(|m| refused("文件", m))?;
            let shown = std::fs::canonicalize(path).unwrap_or(path.clone());
            (shown.display().to_string(), Some(path.clone()))
        }
        Destination::Printer { path, printer } => {
            if what.format != Format::Pdf {
                return Err(refused("格式", "只有 PDF 能送打印机".into()));
            }
            let path = path
                .clone()
                .unwrap_or_else(|| print::temp_file(what.title, Format::Pdf));
            files::write_output(&path, bytes, true).map_err(|m| refused("文件", m))?;
            let name = if printer.trim().is_empty() {
                "默认打印机".to_string()
            } else {
                format!("打印机「{}」", printer.trim())
            };
            (format!("{name}（{}）", path.display()), Some(path))
        }
    };
    let recorded = store.change(stamp, |c| {
        c.audit(
            match dest {
                Destination::Printer { .. } => "打印",
                _ => "输出",
            },
            what.title,
            None,
            json(serde_json::json!({
                "marking": what.marking,
                "format": what.format.extension(),
                "pages": what.pages,
                "rows": what.rows,
                "to": to,
            })),
        );
        Ok(())
    });
    if let Err(e) = recorded {
        if let Some(p) = &written {
            let _ = std::fs::remove_file(p);
        }
        return Err(e);
    }
    let message = match dest {
        Destination::File { .. } => format!(
            "已保存 {to}（{}{}{}）",
            what.format.extension().to_uppercase(),
            if what.marking.is_empty() {
                String::new()
            } else {
                format!("，标志：{}", what.marking)
            },
            what.pages.map(|p| format!("，共{p}页")).unwrap_or_default()
        ),
        Destination::Printer { printer, .. } => {
            let path = written.as_deref().unwrap_or(Path::new(""));
            print::print_pdf(path, printer).map_err(|m| refused("打印", m))?
        }
    };
    Ok(Delivered { message })
}
