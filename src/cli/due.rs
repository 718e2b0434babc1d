//! `baomi due`: what is due and overdue, as a table, CSV, JSON (the contract's keys), HTML or PDF,
//! to standard output, a file or the printer.

use clap::Args;

use super::{Env, Failure, Outcome, authenticate, date_flag, open, print_json};
use crate::report::{self, Format};
use crate::store::{self, audit};

#[derive(Debug, Args)]
pub struct DueArgs {
    /// 以哪一天为准（默认今天）
    #[arg(long, value_name = "日期")]
    pub as_of: Option<String>,
    /// 列出多少天内到期的（逾期的总会列出）
    #[arg(long, default_value_t = 30, value_name = "天", value_parser = super::bounds::within)]
    pub within: i64,
    /// table、csv、json、html 或 pdf
    #[arg(long, default_value = "table", value_name = "格式")]
    pub format: String,
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

pub fn run(a: DueArgs, env: &Env) -> Outcome {
    let as_of = date_flag("--as-of", &a.as_of, env.today)?;
    let format = Format::parse(&a.format).ok_or_else(|| {
        Failure::usage(format!(
            "--format 的值「{}」应为 table、csv、json、html 或 pdf",
            a.format
        ))
    })?;
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let settings = store::settings::load(store.conn())?;
    let items = store::due::items(store.conn(), as_of, &settings, a.within)?;
    if format == Format::Json && !a.print {
        return match &a.out {
            Some(path) => {
                let s = serde_json::to_string_pretty(&items)
                    .map_err(|e| Failure::refused(format!("JSON 输出失败：{e}")))?;
                crate::store::files::write_output(path, s.as_bytes(), a.force)
                    .map_err(Failure::refused)?;
                store.change(&super::stamp(&me, env), |c| {
                    c.audit(
                        "输出",
                        "到期提醒清单",
                        None,
                        crate::store::json(serde_json::json!({
                            "format": "json", "rows": items.len(),
                            "to": path.display().to_string(),
                        })),
                    );
                    Ok(())
                })?;
                Ok(())
            }
            None => print_json(&items),
        };
    }
    let missing = store::due::missing_holiday_years(store.conn(), as_of, a.within)?;
    let mut doc = report::due::document(&items, &settings.unit_name, as_of, a.within, &missing);
    doc.printed_by = me.display_name.clone();
    let head = audit::head(store.conn())?;
    doc.audit_head = Some((head.count, head.hash));
    super::register::emit(
        &mut store,
        env,
        &me,
        &doc,
        &super::register::Output {
            format,
            out: a.out.as_deref(),
            print: a.print,
            force: a.force,
        },
    )
}
