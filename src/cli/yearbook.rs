//! `baomi yearbook --year Y [--format pdf|xlsx] --out FILE`: the yearly ledger set (年度保密工作台账)
//! in one file. Writing it is output of classified information: recorded in the audit log with
//! its marking and pages (R-CMP-13), the file owner-only and never over another unasked.

use clap::Args;

use super::out::errln;
use super::{Env, Failure, Outcome, authenticate, open, stamp};
use crate::report::deliver::{Destination, Printout, send};
use crate::report::{Format, font, yearbook};
use crate::store::{self, audit};

#[derive(Debug, Args)]
pub struct YearbookArgs {
    /// 年度，如 2026
    #[arg(long, value_name = "年", value_parser = super::bounds::year)]
    pub year: i32,
    /// pdf（默认）或 xlsx（每个台帐一个工作表）
    #[arg(long, default_value = "pdf", value_name = "格式")]
    pub format: String,
    /// 写入文件
    #[arg(long, value_name = "文件")]
    pub out: std::path::PathBuf,
    /// 覆盖已存在的 --out 文件
    #[arg(long)]
    pub force: bool,
}

pub fn run(a: YearbookArgs, env: &Env) -> Outcome {
    let format = match a.format.trim().to_ascii_lowercase().as_str() {
        "pdf" => Format::Pdf,
        "xlsx" => Format::Xlsx,
        other => {
            return Err(Failure::usage(format!(
                "--format 的值「{other}」应为 pdf 或 xlsx"
            )));
        }
    };
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let settings = store::settings::load(store.conn())?;
    let as_of = yearbook::as_of(a.year, env.today);
    let mut sections = yearbook::sections(store.conn(), a.year, &settings.unit_name, as_of)?;
    let head = audit::head(store.conn())?;
    for s in &mut sections {
        s.doc.printed_by = me.display_name.clone();
    }
    if let Some(last) = sections.last_mut() {
        last.doc.audit_head = Some((head.count, head.hash));
    }
    let (bytes, pages) = match format {
        Format::Pdf => {
            let font = font::find(&settings.font_path).map_err(Failure::refused)?;
            let (bytes, pages) =
                yearbook::pdf(a.year, &sections, &font).map_err(Failure::refused)?;
            (bytes, Some(pages))
        }
        _ => (
            yearbook::xlsx(a.year, &sections)
                .map_err(|e| Failure::refused(format!("xlsx 输出失败：{e}")))?,
            None,
        ),
    };
    let title = yearbook::title(a.year);
    let what = Printout {
        title: &title,
        marking: yearbook::marking(&sections)
            .map(|l| l.name().to_string())
            .unwrap_or_else(|| "非密".into()),
        format,
        pages,
        rows: sections.iter().map(|s| s.records).sum(),
    };
    let dest = Destination::File {
        path: a.out,
        overwrite: a.force,
    };
    let done = send(&mut store, &stamp(&me, env), &what, &bytes, &dest)?;
    errln!(
        "{}；{} 个台帐，{} 个本年度无",
        done.message,
        sections.len(),
        sections.iter().filter(|s| s.records == 0).count()
    );
    Ok(())
}
