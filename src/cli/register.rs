//! `baomi register`: the registers as printable documents.

use std::path::Path;

use clap::Args;

use super::out::errln;
use super::{Env, Failure, Outcome, authenticate, open, stamp};
use crate::report::deliver::{Destination, deliver};
use crate::report::{self, Document, Format, print};
use crate::store::{self, Store, accounts::Account, audit, registers::Named};

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// receipts 收文、dispatches 发文、copies 复印、loans 借阅、take-outs 携带外出、
    /// top-secret-readers 绝密知悉人员、count-sheet 清点表、destruction 销毁清单、
    /// reviews 解密变更、classification 本单位产生国家秘密事项一览表；各台帐（media、computers、
    /// devices、people …）；media-loans 存储介质借用、repairs 维修、scrapping 销毁报废 等
    #[arg(value_name = "登记簿")]
    pub kind: String,
    /// 只列某一年
    #[arg(long, value_name = "年", value_parser = super::bounds::year)]
    pub year: Option<i32>,
    /// 清点表的清点号，或销毁清单的申请号（默认最近一次）
    #[arg(long, value_name = "号", value_parser = super::bounds::id)]
    pub id: Option<i64>,
    /// table、csv、html 或 pdf
    #[arg(long, default_value = "table", value_name = "格式")]
    pub format: String,
    #[command(flatten)]
    pub to: SendTo,
}

/// Where a printable document goes: the flags every command that prints one shares.
#[derive(Debug, Clone, Args)]
pub struct SendTo {
    /// 写入文件
    #[arg(long, value_name = "文件")]
    pub out: Option<std::path::PathBuf>,
    /// 生成 PDF 并送打印机（lp）
    #[arg(long)]
    pub print: bool,
    /// 覆盖已存在的 --out 文件
    #[arg(long)]
    pub force: bool,
}

pub fn run(a: RegisterArgs, env: &Env) -> Outcome {
    let kind = Named::parse(&a.kind).ok_or_else(|| {
        Failure::usage(format!(
            "没有「{}」这种登记簿，可用：{}",
            a.kind,
            Named::all()
                .iter()
                .map(|k| format!("{}（{}）", k.code(), k.title()))
                .collect::<Vec<_>>()
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
    let reg = store::registers::load_named(store.conn(), kind, a.year, a.id)?;
    let doc = report::registers::document(&reg, &settings.unit_name, env.today);
    emit(&mut store, env, &me, doc, format, &a.to)
}

/// Signs a document (who printed it, the audit head it was read at) and writes it where it was
/// asked to go: the printer (as PDF), a file, or standard output. Files and prints are output of
/// classified information: the officer logs in and the output is recorded in the audit log
/// (R-CMP-13).
pub fn emit(
    store: &mut Store,
    env: &Env,
    me: &Account,
    mut doc: Document,
    format: Format,
    to: &SendTo,
) -> Outcome {
    doc.printed_by = me.display_name.clone();
    let head = audit::head(store.conn())?;
    doc.audit_head = Some((head.count, head.hash));
    let settings = store::settings::load(store.conn())?;
    let dest = match (to.print, to.out.as_deref()) {
        (true, path) => Destination::Printer {
            path: path.map(Path::to_path_buf),
            printer: settings.printer.clone(),
        },
        (false, Some(path)) => Destination::File {
            path: path.to_path_buf(),
            overwrite: to.force,
        },
        (false, None) if format == Format::Pdf => {
            return Err(Failure::usage(
                "PDF 请用 --out 指定文件，或用 --print 直接打印",
            ));
        }
        (false, None) => {
            let bytes =
                print::render(&doc, format, &settings.font_path).map_err(Failure::refused)?;
            return super::out::bytes(&bytes);
        }
    };
    let done = deliver(
        store,
        &stamp(me, env),
        &doc,
        format,
        &dest,
        &settings.font_path,
    )?;
    errln!("{}", done.message);
    Ok(())
}
