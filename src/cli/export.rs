//! `baomi export`: the ledger or the audit log as CSV, JSON or xlsx on standard output, streamed:
//! one row is read, written and dropped at a time, so memory stays flat whatever the size (the
//! DESIGN.md bar: under 50 MB for 1,000,000 papers). JSON is one array written element by element;
//! xlsx uses rust_xlsxwriter's constant-memory mode (rows go to a temporary file, then into the
//! zip on standard output).

use std::io::{BufWriter, ErrorKind, IsTerminal, Write};

use clap::Args;

use super::progress::Progress;
use super::{Env, Failure, Outcome, authenticate, open, stamp};
use crate::domain::paper::{Column, LEDGER_HEADERS};
use crate::domain::text::for_terminal_lines;
use crate::report::{csv, xlsx};
use crate::store::papers::{self, Filter};
use crate::store::{self, audit};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 导出什么：papers（台帐）或 audit（审计日志）
    #[arg(value_name = "对象")]
    pub what: String,
    /// csv、json 或 xlsx（xlsx 须重定向到文件：> 台帐.xlsx）
    #[arg(long, default_value = "csv", value_name = "格式")]
    pub format: String,
}

const AUDIT_HEADERS: [&str; 8] = [
    "序号",
    "时间",
    "用户",
    "操作",
    "对象",
    "变更前",
    "变更后",
    "哈希",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
    Xlsx,
}

/// Standard output, buffered; a closed pipe ends the command quietly.
struct Out {
    w: BufWriter<std::io::StdoutLock<'static>>,
}

fn failed(e: std::io::Error) -> Failure {
    if e.kind() == ErrorKind::BrokenPipe {
        super::out::closed_pipe()
    } else {
        Failure::refused(format!("无法写出到标准输出：{e}"))
    }
}

impl Out {
    fn new() -> Out {
        Out {
            w: BufWriter::with_capacity(64 * 1024, std::io::stdout().lock()),
        }
    }

    /// Text, with any character a terminal would obey shown as `?` (as `out::print` does).
    fn text(&mut self, s: &str) -> Outcome {
        self.w
            .write_all(for_terminal_lines(s).as_bytes())
            .map_err(failed)
    }

    fn finish(mut self) -> Outcome {
        self.w.flush().map_err(failed)
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.w.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// Writes a JSON array one element at a time, laid out as `serde_json::to_string_pretty` lays out
/// the whole array.
struct JsonArray {
    first: bool,
}

impl JsonArray {
    fn element(&mut self, out: &mut Out, v: &impl serde::Serialize) -> Outcome {
        let s = serde_json::to_string_pretty(v)
            .map_err(|e| Failure::refused(format!("JSON 输出失败：{e}")))?;
        let s = super::out::json_text(&s);
        let mut chunk = String::with_capacity(s.len() + 64);
        chunk.push_str(if self.first { "[\n" } else { ",\n" });
        self.first = false;
        for (i, line) in s.split('\n').enumerate() {
            if i > 0 {
                chunk.push('\n');
            }
            chunk.push_str("  ");
            chunk.push_str(line);
        }
        out.w.write_all(chunk.as_bytes()).map_err(failed)
    }

    fn end(self, out: &mut Out) -> Outcome {
        out.w
            .write_all(if self.first { b"[]\n" } else { b"\n]\n" })
            .map_err(failed)
    }
}

pub fn export(a: ExportArgs, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let record_spec = crate::domain::ledgers::spec::find(&a.what).filter(|s| s.plural == a.what);
    let papers = match a.what.as_str() {
        "papers" => true,
        "audit" => false,
        _ if record_spec.is_some() => false,
        other => {
            return Err(Failure::usage(format!(
                "可导出的是 papers（台帐）、media、computers、devices、people 和 audit（审计日志），「{other}」不能导出"
            )));
        }
    };
    let format = match a.format.as_str() {
        "csv" => Format::Csv,
        "json" => Format::Json,
        "xlsx" => Format::Xlsx,
        other => {
            return Err(Failure::usage(format!(
                "--format 的值「{other}」应为 csv、json 或 xlsx"
            )));
        }
    };
    if format == Format::Xlsx && std::io::stdout().is_terminal() {
        return Err(Failure::usage(format!(
            "xlsx 是二进制文件，不能显示在终端上；请重定向到文件：baomi export {} --format xlsx > 文件.xlsx",
            a.what
        )));
    }
    // The rows as they are now; the export's own audit row is not among them.
    let (rows, upto) = if papers {
        (papers::count(store.conn(), &Filter::default())?, i64::MAX)
    } else if let Some(spec) = record_spec {
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM record WHERE spec = ?1",
                [spec.key],
                |r| r.get(0),
            )
            .map_err(|e| Failure::from(store::StoreError::from(e)))?;
        (n, i64::MAX)
    } else {
        let head = audit::head(store.conn())?;
        (head.count, head.count)
    };
    // R-CMP-13: the whole ledger leaving the program is recorded, whoever reads it next.
    store.change(&stamp(&me, env), |c| {
        c.audit(
            "导出",
            &a.what,
            None,
            store::json(serde_json::json!({
                "format": a.format, "rows": rows, "to": "标准输出",
            })),
        );
        Ok(())
    })?;
    let mut progress = Progress::new("导出", u64::try_from(rows).ok());
    let mut out = Out::new();
    let done = if papers {
        export_papers(&store, format, &mut out, &mut progress)
    } else if let Some(spec) = record_spec {
        export_records(&store, spec, format, &mut out)
    } else {
        export_audit(&store, format, upto, &mut out, &mut progress)
    };
    progress.finish();
    done?;
    out.finish()
}

/// Each paper as its ledger row, oldest first, through `row`; `row`'s failure stops the reading.
fn each_ledger_row(
    store: &store::Store,
    progress: &mut Progress,
    row: impl FnMut(Vec<String>) -> Outcome,
) -> Outcome {
    each_row_of(store, &Filter::default(), 0, progress, row)
}

/// The first `limit` papers of `filter` (0: all) as ledger rows, oldest first.
fn each_row_of(
    store: &store::Store,
    filter: &Filter,
    limit: usize,
    progress: &mut Progress,
    mut row: impl FnMut(Vec<String>) -> Outcome,
) -> Outcome {
    const DONE: &str = "已读完";
    let mut stop = None;
    let mut n = 0u64;
    let read = papers::all_with_dept(store.conn(), filter, |p, dept| {
        if limit > 0 && n >= limit as u64 {
            return Err(store::StoreError::Internal(DONE));
        }
        if let Err(f) = row(super::paper::ledger_row(&p, &dept)) {
            stop = Some(f);
            return Err(store::StoreError::Internal(DONE));
        }
        n += 1;
        if n.is_multiple_of(1024) {
            progress.set(n);
        }
        Ok(())
    });
    match (stop, read) {
        (Some(f), _) => Err(f),
        (None, Err(store::StoreError::Internal(DONE))) => Ok(()),
        (None, r) => r.map_err(Failure::from),
    }
}

/// `paper list`: the ledger rows of a filter as a table, CSV or JSON, streamed like an export. A
/// table is measured in one pass over the rows and printed in a second, so that its columns line
/// up without holding the rows.
pub fn ledger_list(store: &store::Store, filter: &Filter, limit: usize, format: &str) -> Outcome {
    let headers: Vec<&str> = LEDGER_HEADERS.iter().map(|(h, _)| *h).collect();
    let mut progress = Progress::new("列出", None);
    let mut out = Out::new();
    match format {
        "json" => {
            let mut array = JsonArray { first: true };
            each_row_of(store, filter, limit, &mut progress, |r| {
                let object: serde_json::Map<String, serde_json::Value> = headers
                    .iter()
                    .zip(r)
                    .map(|(h, v)| (h.to_string(), serde_json::Value::String(v)))
                    .collect();
                array.element(&mut out, &object)
            })?;
            array.end(&mut out)?;
        }
        "csv" => {
            out.text(&csv::header(&headers))?;
            each_row_of(store, filter, limit, &mut progress, |r| {
                out.text(&csv::row(&r))
            })?;
        }
        "table" => {
            let mut columns = crate::report::text::Columns::new(&headers);
            each_row_of(store, filter, limit, &mut progress, |r| {
                columns.measure(&r);
                Ok(())
            })?;
            out.text(&columns.head())?;
            each_row_of(store, filter, limit, &mut progress, |r| {
                out.text(&columns.line(&r))
            })?;
        }
        other => {
            return Err(Failure::usage(format!(
                "--format 的值「{other}」应为 table、csv 或 json"
            )));
        }
    }
    progress.finish();
    out.finish()
}

fn export_papers(
    store: &store::Store,
    format: Format,
    out: &mut Out,
    progress: &mut Progress,
) -> Outcome {
    let headers: Vec<&str> = LEDGER_HEADERS.iter().map(|(h, _)| *h).collect();
    match format {
        Format::Csv => {
            out.text(&csv::header(&headers))?;
            each_ledger_row(store, progress, |r| out.text(&csv::row(&r)))
        }
        Format::Json => {
            let mut array = JsonArray { first: true };
            each_ledger_row(store, progress, |r| {
                let object: serde_json::Map<String, serde_json::Value> = headers
                    .iter()
                    .zip(r)
                    .map(|(h, v)| (h.to_string(), serde_json::Value::String(v)))
                    .collect();
                array.element(out, &object)
            })?;
            array.end(out)
        }
        Format::Xlsx => {
            let kinds: Vec<xlsx::Kind> = LEDGER_HEADERS
                .iter()
                .map(|(_, c)| match c {
                    Column::Date | Column::ReturnBy => xlsx::Kind::Date,
                    Column::Copies => xlsx::Kind::Number,
                    _ => xlsx::Kind::Text,
                })
                .collect();
            let mut book = xlsx::Sheet::new("密件台帐", &headers, &kinds).map_err(xlsx_failed)?;
            each_ledger_row(store, progress, |r| book.row(&r).map_err(xlsx_failed))?;
            save_xlsx(book)
        }
    }
}

/// A ledger declared once, record by record: the columns `import` reads back.
fn export_records(
    store: &store::Store,
    spec: &'static crate::domain::ledgers::LedgerSpec,
    format: Format,
    out: &mut Out,
) -> Outcome {
    use super::records::view;
    let columns = view::file_columns(spec);
    let headers: Vec<&str> = columns.iter().map(|k| view::header(spec, k)).collect();
    let filter = store::records::Filter::default();
    let mut stop = None;
    let mut each = |f: &mut dyn FnMut(&crate::domain::ledgers::Record) -> Outcome| {
        store::records::for_each(store.conn(), spec, &filter, |r| match f(&r) {
            Ok(()) => Ok(true),
            Err(e) => {
                stop = Some(e);
                Ok(false)
            }
        })
    };
    match format {
        Format::Csv => {
            out.text(&csv::header(&headers))?;
            each(&mut |r| {
                let row: Vec<String> = columns.iter().map(|k| view::cell(r, k)).collect();
                out.text(&csv::row(&row))
            })?;
        }
        Format::Json => {
            let mut array = JsonArray { first: true };
            each(&mut |r| array.element(out, &view::object(r)))?;
            if stop.is_none() {
                array.end(out)?;
            }
        }
        Format::Xlsx => {
            let kinds: Vec<xlsx::Kind> = columns
                .iter()
                .map(|k| match spec.field(k).map(|f| f.kind) {
                    Some(crate::domain::ledgers::Kind::Date) => xlsx::Kind::Date,
                    _ if *k == "registered_on" || *k == "checked_on" => xlsx::Kind::Date,
                    _ => xlsx::Kind::Text,
                })
                .collect();
            let mut book = xlsx::Sheet::new(spec.title, &headers, &kinds).map_err(xlsx_failed)?;
            each(&mut |r| {
                let row: Vec<String> = columns.iter().map(|k| view::cell(r, k)).collect();
                book.row(&row).map_err(xlsx_failed)
            })?;
            if stop.is_none() {
                return save_xlsx(book);
            }
        }
    }
    match stop {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The workbook to standard output (unlocked: the writer must be `Send`).
fn save_xlsx(book: xlsx::Sheet) -> Outcome {
    let mut w = BufWriter::with_capacity(64 * 1024, std::io::stdout());
    book.save(&mut w).map_err(xlsx_failed)?;
    w.flush().map_err(failed)
}

fn xlsx_failed(e: xlsx::Error) -> Failure {
    match e {
        xlsx::Error::Io(e) => failed(e),
        other => Failure::refused(format!("xlsx 输出失败：{other}")),
    }
}

fn export_audit(
    store: &store::Store,
    format: Format,
    upto: i64,
    out: &mut Out,
    progress: &mut Progress,
) -> Outcome {
    let mut stop = None;
    let mut n = 0u64;
    let mut array = JsonArray { first: true };
    let mut book = match format {
        Format::Xlsx => {
            let kinds = [xlsx::Kind::Number]
                .into_iter()
                .chain(std::iter::repeat_n(xlsx::Kind::Text, 7))
                .collect::<Vec<_>>();
            Some(xlsx::Sheet::new("审计日志", &AUDIT_HEADERS, &kinds).map_err(xlsx_failed)?)
        }
        _ => None,
    };
    if format == Format::Csv {
        out.text(&csv::header(&AUDIT_HEADERS))?;
    }
    let read = audit::each(store.conn(), upto, |r| {
        let wrote = match format {
            Format::Json => array.element(out, &r),
            _ => {
                let cells = [
                    r.seq.to_string(),
                    r.at,
                    r.actor,
                    r.action,
                    r.subject,
                    r.before,
                    r.after,
                    r.hash,
                ];
                match &mut book {
                    Some(b) => b.row(&cells).map_err(xlsx_failed),
                    None => out.text(&csv::row(&cells)),
                }
            }
        };
        if let Err(f) = wrote {
            stop = Some(f);
            return Err(store::StoreError::Internal("导出中止"));
        }
        n += 1;
        if n.is_multiple_of(1024) {
            progress.set(n);
        }
        Ok(())
    });
    if let Some(f) = stop {
        return Err(f);
    }
    read?;
    match (format, book) {
        (Format::Json, _) => array.end(out),
        (_, Some(b)) => save_xlsx(b),
        _ => Ok(()),
    }
}
