//! `baomi register`: the registers as printable documents.

use std::path::Path;

use clap::Args;

use super::{Env, Failure, Outcome, authenticate, open};
use crate::domain::settings::Settings;
use crate::report::{self, Document, Format, print};
use crate::store::{self, audit, registers::RegisterKind};

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// receipts 收文、dispatches 发文、copies 复印、loans 借阅、take-outs 携带外出、
    /// top-secret-readers 绝密知悉人员、count-sheet 清点表、destruction 销毁清单
    pub kind: String,
    /// 只列某一年
    #[arg(long, value_name = "年")]
    pub year: Option<i32>,
    /// 清点表的清点号，或销毁清单的申请号（默认最近一次）
    #[arg(long, value_name = "号")]
    pub id: Option<i64>,
    /// table、csv、html 或 pdf
    #[arg(long, default_value = "table", value_name = "格式")]
    pub format: String,
    #[arg(long, value_name = "文件")]
    pub out: Option<std::path::PathBuf>,
    /// 生成 PDF 并送打印机（lp）
    #[arg(long)]
    pub print: bool,
}

pub fn run(a: RegisterArgs, env: &Env) -> Outcome {
    let kind = RegisterKind::parse(&a.kind).ok_or_else(|| {
        Failure::usage(format!(
            "没有「{}」这种登记簿，可用：{}",
            a.kind,
            RegisterKind::ALL
                .map(|k| format!("{}（{}）", k.code(), k.title()))
                .join("、")
        ))
    })?;
    let format = Format::parse(&a.format)
        .filter(|f| *f != Format::Json)
        .ok_or_else(|| {
            Failure::usage(format!(
                "--format 的值「{}」应为 table、csv、html 或 pdf",
                a.format
            ))
        })?;
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let settings = store::settings::load(store.conn())?;
    let reg = store::registers::load(store.conn(), kind, a.year, a.id)?;
    let mut doc = report::registers::document(&reg, &settings.unit_name, env.today);
    doc.printed_by = me.name;
    let head = audit::head(store.conn())?;
    doc.audit_head = Some((head.count, head.hash));
    emit(
        &doc,
        format,
        a.out.as_deref(),
        a.print,
        &settings,
        kind.code(),
    )
}

/// Writes a document where it was asked to go: the printer (as PDF), a file, or standard output.
pub fn emit(
    doc: &Document,
    format: Format,
    out: Option<&Path>,
    to_printer: bool,
    settings: &Settings,
    stem: &str,
) -> Outcome {
    if to_printer {
        let bytes =
            print::render(doc, Format::Pdf, &settings.font_path).map_err(Failure::refused)?;
        let path = out
            .map(Path::to_path_buf)
            .unwrap_or_else(|| print::temp_file(stem, Format::Pdf));
        std::fs::write(&path, bytes)?;
        let msg = print::print_pdf(&path, &settings.printer).map_err(Failure::refused)?;
        eprintln!("{msg}");
        return Ok(());
    }
    let bytes = print::render(doc, format, &settings.font_path).map_err(Failure::refused)?;
    match out {
        Some(path) => {
            std::fs::write(path, bytes)?;
            eprintln!("已写入 {}", path.display());
        }
        None if format == Format::Pdf => {
            return Err(Failure::usage(
                "PDF 请用 --out 指定文件，或用 --print 直接打印",
            ));
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        }
    }
    Ok(())
}
