//! Import and export of the ledger (the register's own headers), the audit log, backup and restore.

use std::path::PathBuf;

use clap::Args;

use super::out::outln;
use super::{Env, Failure, Outcome, authenticate, login, open, stamp};
use crate::domain::ledger_file;
use crate::domain::numbering::Series;
use crate::domain::paper::LEDGER_HEADERS;
use crate::store::import::{self, ImportRow};
use crate::store::papers::{self, Filter};
use crate::store::{self, Stamp, audit, backup};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 导入什么：papers（纸介质密件台帐）
    #[arg(value_name = "对象")]
    pub what: String,
    /// CSV 文件（UTF-8，可带 BOM；表头可用常见台帐的写法）
    #[arg(value_name = "文件")]
    pub file: PathBuf,
    /// 只检查，不写入
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 导出什么：papers（台帐）或 audit（审计日志）
    #[arg(value_name = "对象")]
    pub what: String,
    /// csv 或 json
    #[arg(long, default_value = "csv", value_name = "格式")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// 备份文件
    #[arg(value_name = "文件")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// 备份文件
    #[arg(value_name = "文件")]
    pub file: PathBuf,
    /// 备份比当前数据库旧（或不是本数据库的备份）时仍然恢复；当前数据库会先另存一份
    #[arg(long)]
    pub force: bool,
}

/// Reads at most `max` bytes of a file (one byte more tells it is too big), so a huge file or a
/// device that never ends (`/dev/zero`) is refused without filling memory.
pub(super) fn read_bounded(path: &std::path::Path, max: u64) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        Failure::refused(format!(
            "无法读取 {}：{}",
            path.display(),
            crate::store::files::io_message(&e)
        ))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > max {
        return Err(Failure::refused(format!(
            "{} 过大：超过 {}，未导入任何一行；请分批导入",
            path.display(),
            if max >= 1024 * 1024 {
                format!("{} MB", max / 1024 / 1024)
            } else {
                format!("{} KB", max / 1024)
            }
        )));
    }
    Ok(bytes)
}

pub fn import(a: ImportArgs, env: &Env) -> Outcome {
    if a.what != "papers" {
        return Err(Failure::usage(format!(
            "目前可导入的是 papers（纸介质密件台帐），「{}」尚不能导入",
            a.what
        )));
    }
    let bytes = read_bounded(&a.file, ledger_file::FILE_MAX_BYTES)?;
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let (good, errors) = ledger_file::check(&bytes, env.today);
    let rows: Vec<ImportRow> = good
        .into_iter()
        .map(|(line, receipt, state)| ImportRow {
            line,
            receipt,
            state,
        })
        .collect();
    let format = store::settings::load(store.conn())?
        .format(Series::Receipt)
        .to_string();
    let st = stamp(&me, env);
    let source = a.file.display().to_string();
    if a.dry_run {
        let mut all = errors;
        all.extend(import::collisions(store.conn(), &rows)?);
        if !all.is_empty() {
            return Err(import::refusal(all).into());
        }
        outln!("检查通过：{} 行均可导入（未写入，--dry-run）", rows.len());
        return Ok(());
    }
    let done = store.change(&st, |c| import::papers(c, &rows, errors, &format, &source))?;
    outln!(
        "已导入 {} 件{}",
        done.count,
        match (done.first, done.last) {
            (Some(f), Some(l)) => format!("（{f} 至 {l}）"),
            _ => String::new(),
        }
    );
    Ok(())
}

pub fn export(a: ExportArgs, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let (text, rows) = match (a.what.as_str(), a.format.as_str()) {
        ("papers", format @ ("csv" | "json")) => {
            let headers: Vec<&str> = LEDGER_HEADERS.iter().map(|(h, _)| *h).collect();
            let mut rows = Vec::new();
            papers::all(store.conn(), &Filter::default(), |p| {
                rows.push(super::paper::ledger_row(&p));
                Ok(())
            })?;
            let n = rows.len();
            if format == "csv" {
                (crate::report::csv::write(&headers, rows), n)
            } else {
                let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
                    .into_iter()
                    .map(|r| {
                        headers
                            .iter()
                            .zip(r)
                            .map(|(h, v)| (h.to_string(), serde_json::Value::String(v)))
                            .collect()
                    })
                    .collect();
                (json_text(&objects)?, n)
            }
        }
        ("audit", "json") => {
            let all = audit::all(store.conn())?;
            (json_text(&all)?, all.len())
        }
        ("audit", "csv") => {
            let rows = audit::all(store.conn())?
                .into_iter()
                .map(|r| {
                    vec![
                        r.seq.to_string(),
                        r.at,
                        r.actor,
                        r.action,
                        r.subject,
                        r.before,
                        r.after,
                        r.hash,
                    ]
                })
                .collect::<Vec<_>>();
            let n = rows.len();
            let text = crate::report::csv::write(
                &[
                    "序号",
                    "时间",
                    "用户",
                    "操作",
                    "对象",
                    "变更前",
                    "变更后",
                    "哈希",
                ],
                rows,
            );
            (text, n)
        }
        ("papers" | "audit", other) => {
            return Err(Failure::usage(format!(
                "--format 的值「{other}」应为 csv 或 json"
            )));
        }
        (other, _) => {
            return Err(Failure::usage(format!(
                "目前可导出的是 papers（台帐）和 audit（审计日志），「{other}」尚不能导出"
            )));
        }
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
    super::out::print(&text)
}

fn json_text(v: &impl serde::Serialize) -> Result<String, Failure> {
    let s = serde_json::to_string_pretty(v)
        .map_err(|e| Failure::refused(format!("JSON 输出失败：{e}")))?;
    let mut s = super::out::json_text(&s);
    s.push('\n');
    Ok(s)
}

pub fn backup(a: BackupArgs, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let st = stamp(&me, env);
    let r = backup::backup(&mut store, &st, &a.file)?;
    super::out::outln!(
        "已备份到 {}：密件 {} 件，审计记录 {} 条，核对一致",
        a.file.display(),
        r.papers,
        r.head.count
    );
    Ok(())
}

pub fn restore(a: RestoreArgs, env: &Env) -> Outcome {
    // The officer who restores logs in to the database being replaced; when it is missing or too
    // damaged to open, to the backup (read only: nothing is written to a backup).
    let actor = match store::Store::open(&env.db, store::OpenMode::Existing) {
        Ok(mut live) => {
            super::prepare(&mut live, env);
            let me = login(&mut live, env)?;
            me.role.require_officer("恢复备份")?;
            me.name
        }
        Err(store::StoreError::Open(why)) => {
            if env.db.exists() {
                super::out::errln!("当前数据库无法打开（{why}），将以备份中的账号核对身份");
            }
            let me = super::login_read_only(&a.file, env)?;
            me.role.require_officer("恢复备份")?;
            me.name
        }
        Err(e) => return Err(e.into()),
    };
    let st = Stamp::on(actor, env.today, env.now);
    let r = backup::restore(&env.db, &a.file, &st, a.force, env.crash_at.map(|c| c.0))?;
    super::out::outln!(
        "已从 {} 恢复：密件 {} 件，审计记录 {} 条",
        a.file.display(),
        r.restored.papers,
        r.restored.head.count
    );
    if let Some(l) = &r.lost {
        super::out::outln!(
            "按 --force 丢弃了当前数据库中的 {} 条改动（{} 至 {}）",
            l.audit_rows,
            l.from,
            l.to
        );
    }
    if let Some(p) = &r.safety_copy {
        super::out::outln!(
            "恢复前的数据库已另存为 {}（已核对完整，可用 baomi restore 找回）",
            p.display()
        );
    }
    Ok(())
}
