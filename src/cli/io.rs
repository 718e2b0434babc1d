//! Import and export of the ledger (the register's own headers), the audit log, backup and restore.

use std::path::PathBuf;

use clap::Args;

use super::{Env, Failure, Outcome, authenticate, login, open, print_json, stamp};
use crate::domain::numbering::Series;
use crate::domain::paper::{Column, LEDGER_HEADERS, LedgerRow, check_rows, column_for};
use crate::store::import::{self, ImportRow};
use crate::store::papers::{self, Filter};
use crate::store::{self, Stamp, audit, backup};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 导入什么：papers（纸介质密件台帐）
    pub what: String,
    /// CSV 文件（UTF-8，可带 BOM；表头可用常见台帐的写法）
    pub file: PathBuf,
    /// 只检查，不写入
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 导出什么：papers（台帐）或 audit（审计日志）
    pub what: String,
    /// csv 或 json
    #[arg(long, default_value = "csv", value_name = "格式")]
    pub format: String,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// 备份文件
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// 备份文件
    pub file: PathBuf,
    /// 备份比当前数据库旧（或不是本数据库的备份）时仍然恢复；当前数据库会先另存一份
    #[arg(long)]
    pub force: bool,
}

/// Reads a ledger CSV into rows, naming every problem by line. The header row may use any of the
/// synonyms officers' spreadsheets use.
pub fn read_ledger(text: &str) -> Result<Vec<LedgerRow>, Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![format!("第1行：表头无法读取（{e}）")]),
    };
    let columns: Vec<Option<Column>> = headers.iter().map(column_for).collect();
    if !columns.contains(&Some(Column::Title)) {
        return Err(vec![format!(
            "第1行：表头中没有标题列（可写作 标题、文件名称、名称 等）；应有的表头：{}",
            LEDGER_HEADERS
                .iter()
                .map(|(h, _)| *h)
                .collect::<Vec<_>>()
                .join(",")
        )]);
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(format!("第{line}行：无法读取（{e}）"));
                continue;
            }
        };
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let mut row = LedgerRow {
            line,
            ..LedgerRow::default()
        };
        for (i, field) in record.iter().enumerate() {
            let v = field.trim().to_string();
            match columns.get(i).copied().flatten() {
                Some(Column::No) => row.form.no = v,
                Some(Column::Date) => row.form.date = v,
                Some(Column::Originator) => row.form.originator = v,
                Some(Column::DocNo) => row.form.doc_no = v,
                Some(Column::Title) => row.form.title = v,
                Some(Column::Level) => row.form.level = v,
                Some(Column::Period) => row.form.period = v,
                Some(Column::Copies) => row.form.copies = v,
                Some(Column::CopyNos) => row.form.copy_nos = v,
                Some(Column::ReturnBy) => row.form.return_by = v,
                Some(Column::State) => row.state = v,
                Some(Column::Location) => row.form.location = v,
                Some(Column::Holder) => row.form.holder = v,
                None => {}
            }
        }
        rows.push(row);
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

pub fn import(a: ImportArgs, env: &Env) -> Outcome {
    if a.what != "papers" {
        return Err(Failure::usage(format!(
            "目前可导入的是 papers（纸介质密件台帐），「{}」尚不能导入",
            a.what
        )));
    }
    let text = std::fs::read_to_string(&a.file).map_err(|e| {
        Failure::refused(format!(
            "无法读取 {}：{e}（文件须为 UTF-8 编码）",
            a.file.display()
        ))
    })?;
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let (good, errors) = match read_ledger(&text) {
        Ok(rows) => check_rows(&rows, env.today),
        Err(errors) => (vec![], errors),
    };
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
        println!("检查通过：{} 行均可导入（未写入，--dry-run）", rows.len());
        return Ok(());
    }
    let done = store.change(&st, |c| import::papers(c, &rows, errors, &format, &source))?;
    println!(
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
    authenticate(&mut store, env)?;
    match (a.what.as_str(), a.format.as_str()) {
        ("papers", format @ ("csv" | "json")) => {
            let headers: Vec<&str> = LEDGER_HEADERS.iter().map(|(h, _)| *h).collect();
            let mut rows = Vec::new();
            papers::all(store.conn(), &Filter::default(), |p| {
                rows.push(super::paper::ledger_row(&p));
                Ok(())
            })?;
            if format == "csv" {
                print!("{}", crate::report::csv::write(&headers, rows));
                Ok(())
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
                print_json(&objects)
            }
        }
        ("audit", "json") => print_json(&audit::all(store.conn())?),
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
            print!(
                "{}",
                crate::report::csv::write(
                    &[
                        "序号",
                        "时间",
                        "用户",
                        "操作",
                        "对象",
                        "变更前",
                        "变更后",
                        "哈希"
                    ],
                    rows
                )
            );
            Ok(())
        }
        ("papers" | "audit", other) => Err(Failure::usage(format!(
            "--format 的值「{other}」应为 csv 或 json"
        ))),
        (other, _) => Err(Failure::usage(format!(
            "目前可导出的是 papers（台帐）和 audit（审计日志），「{other}」尚不能导出"
        ))),
    }
}

pub fn backup(a: BackupArgs, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let st = stamp(&me, env);
    let r = backup::backup(&mut store, &st, &a.file)?;
    println!(
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
                eprintln!("当前数据库无法打开（{why}），将以备份中的账号核对身份");
            }
            let me = super::login_read_only(&a.file, env)?;
            me.role.require_officer("恢复备份")?;
            me.name
        }
        Err(e) => return Err(e.into()),
    };
    let st = Stamp::on(actor, env.today, env.now);
    let r = backup::restore(&env.db, &a.file, &st, a.force, env.crash_at)?;
    println!(
        "已从 {} 恢复：密件 {} 件，审计记录 {} 条",
        a.file.display(),
        r.restored.papers,
        r.restored.head.count
    );
    if let Some(l) = &r.lost {
        println!(
            "按 --force 丢弃了当前数据库中的 {} 条改动（{} 至 {}）",
            l.audit_rows, l.from, l.to
        );
    }
    if let Some(p) = &r.safety_copy {
        println!(
            "恢复前的数据库已另存为 {}（已核对完整，可用 baomi restore 找回）",
            p.display()
        );
    }
    Ok(())
}
