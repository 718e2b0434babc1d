//! Import of the ledger (CSV or a workbook, the register's own headers or officers'), backup and
//! restore. Export is in `export`.

use std::path::PathBuf;

use clap::Args;

pub use super::export::{ExportArgs, export};
use super::out::{errln, outln};
use super::progress::Progress;
use super::{Env, Failure, Outcome, authenticate, login, open, stamp};
use crate::domain::gap::{self, GapField};
use crate::domain::ledger_file;
use crate::domain::numbering::Series;
use crate::store::import::{self, ImportRow};
use crate::store::{self, Stamp, backup};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 导入什么：papers（纸介质密件台帐）
    #[arg(value_name = "对象")]
    pub what: String,
    /// CSV 文件（UTF-8、UTF-16 或 GB18030/GBK）或 Excel、WPS 工作簿（xlsx、xls、ods）；表头可用常见台帐的写法
    #[arg(value_name = "文件")]
    pub file: PathBuf,
    /// 工作簿中要导入的工作表（默认第一个）
    #[arg(long, value_name = "名称")]
    pub sheet: Option<String>,
    /// 只检查，不写入
    #[arg(long)]
    pub dry_run: bool,
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
    if let Some(spec) = crate::domain::ledgers::spec::find(&a.what).filter(|s| s.plural == a.what) {
        return import_records(a, spec, env);
    }
    if a.what != "papers" {
        return Err(Failure::usage(format!(
            "可导入的是 papers（纸介质密件台帐）、media（移动存储介质）、computers（计算机）、devices（设备）、people（涉密人员），「{}」不能导入",
            a.what
        )));
    }
    let bytes = read_bounded(&a.file, ledger_file::FILE_MAX_BYTES)?;
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let options = file_options(&a);
    let ((good, errors), info) = ledger_file::check_with(&bytes, options, env.today);
    drop(bytes);
    if let Some(info) = &info {
        errln!("{}：{}", a.file.display(), info.describe());
    }
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
        let gaps: Vec<(usize, String, Vec<GapField>)> = rows
            .iter()
            .filter_map(|r| {
                let g = gap::of(&r.receipt);
                (!g.is_empty()).then(|| (r.line, String::new(), g))
            })
            .collect();
        report_gaps(&gaps);
        outln!("检查通过：{} 行均可导入（未写入，--dry-run）", rows.len());
        return Ok(());
    }
    let mut progress = Progress::new("导入", Some(rows.len() as u64));
    let done = store.change(&st, |c| {
        import::papers_with(c, &rows, errors, &format, &source, &mut |n| {
            progress.set(n as u64)
        })
    });
    progress.finish();
    let done = done?;
    report_gaps(&done.gaps);
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

/// R-PAP-3: the rows imported with fields 待补, by line (and number once registered); past 50 the
/// rest are counted. On standard error: the import report, not the data.
fn report_gaps(gaps: &[(usize, String, Vec<GapField>)]) {
    const SHOWN: usize = 50;
    if gaps.is_empty() {
        return;
    }
    errln!(
        "{} 行缺收文登记簿应填的栏目，已按“{}”导入，列入待办“待补登记（R-PAP-3）”，请补登（baomi paper complete 编号 {} 单位）：",
        gaps.len(),
        gap::MARK,
        GapField::Originator.flag()
    );
    for (line, no, fields) in gaps.iter().take(SHOWN) {
        let no = if no.is_empty() {
            String::new()
        } else {
            format!("（{no}）")
        };
        errln!("  第{line}行{no}：缺{}", gap::names(fields));
    }
    if gaps.len() > SHOWN {
        errln!("  ……另有 {} 行同样待补", gaps.len() - SHOWN);
    }
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

/// How to read the file: a workbook by its name's extension, the sheet asked for.
fn file_options(a: &ImportArgs) -> ledger_file::Options<'_> {
    let workbook = a
        .file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| {
            ["xlsx", "xlsm", "xls", "ods", "xlsb"].contains(&e.to_ascii_lowercase().as_str())
        });
    ledger_file::Options {
        sheet: a.sheet.as_deref(),
        workbook,
    }
}

/// `baomi import media|computers|devices FILE`: the same file kinds as papers, the columns by the
/// ledger's headers and synonyms, all or nothing.
fn import_records(
    a: ImportArgs,
    spec: &'static crate::domain::ledgers::LedgerSpec,
    env: &Env,
) -> Outcome {
    let bytes = read_bounded(&a.file, ledger_file::FILE_MAX_BYTES)?;
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let options = file_options(&a);
    let (rows, info) = ledger_file::records::read(&bytes, options, spec)
        .map_err(|(errors, _)| Failure::from(import::refusal(errors)))?;
    drop(bytes);
    errln!("{}：{}", a.file.display(), info.describe());
    let source = a.file.display().to_string();
    let st = stamp(&me, env);
    if a.dry_run {
        // Checked in a change that is never committed: the rules see the ledger as it is.
        let checked = store.change(&st, |c| {
            crate::store::records::import(c, spec, &rows, &source)?;
            Err::<(), _>(crate::store::StoreError::Internal(DRY_RUN))
        });
        return match checked {
            Err(crate::store::StoreError::Internal(DRY_RUN)) => {
                outln!("检查通过：{} 行均可导入（未写入，--dry-run）", rows.len());
                Ok(())
            }
            Err(e) => Err(e.into()),
            Ok(()) => Ok(()),
        };
    }
    let n = store.change(&st, |c| {
        crate::store::records::import(c, spec, &rows, &source)
    })?;
    outln!("已导入{} {} 件", spec.title, n);
    Ok(())
}

const DRY_RUN: &str = "仅检查，不写入";
