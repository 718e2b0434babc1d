//! `baomi audit verify | show | accept` (R-SYS-3): the chain, the guard triggers, the head kept
//! beside the database, the ledger rows the log vouches for, and the papers' cached fields agree.
//! A break once found stays found until an officer accepts it with a reason.

use clap::Subcommand;

use super::{Env, Failure, Outcome, authenticate, open, stamp};
use crate::domain::audit::describe;
use crate::report::text::table;
use crate::store::{audit, head, json};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// 核验审计日志：哈希链完整、防改触发器在位、与库外的审计头文件一致、台帐与记录相符
    Verify,
    /// 列出最近的审计记录
    Show {
        /// 条数
        #[arg(long, default_value_t = 30, value_name = "N", value_parser = super::bounds::int_in::<1, 100_000>)]
        limit: i64,
    },
    /// 查明审计异常的原因后予以确认，以当前链尾重新锚定审计头（本身记入审计日志）
    Accept {
        /// 查明的原因（必填，记入审计日志）
        #[arg(long, value_name = "原因")]
        reason: String,
    },
}

pub fn run(c: AuditCommand, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    match c {
        AuditCommand::Verify => match audit::verify(store.conn(), store.path())? {
            Ok(v) => {
                super::out::outln!(
                    "审计日志完整：共 {} 条，链尾哈希 {}，与审计头文件一致；{} 件密件的台帐与办理记录相符",
                    v.head.count,
                    v.head.hash,
                    v.papers
                );
                Ok(())
            }
            Err(b) => {
                let message = describe(&b);
                // Found once, found until accepted: the head file keeps the alarm.
                if let head::Read::Present(mut h) = head::read(store.path())
                    && h.alarm.is_none()
                {
                    h.alarm = Some(b.reason());
                    if let Ok(_lock) = crate::store::files::WriteLock::acquire(
                        store.path(),
                        crate::store::PATIENCE,
                    ) {
                        let _ = head::write(store.path(), &h, true);
                    }
                }
                Err(Failure::refused(message))
            }
        },
        AuditCommand::Show { limit } => {
            if !(1..=100_000).contains(&limit) {
                return Err(Failure::usage("--limit 应在 1 到 100000 之间"));
            }
            let rows: Vec<Vec<String>> = audit::recent(store.conn(), limit)?
                .into_iter()
                .map(|r| vec![r.seq.to_string(), r.at, r.actor, r.action, r.subject])
                .collect();
            super::out::outp!(
                "{}",
                table(&["序号", "时间", "用户", "操作", "对象"], &rows)
            );
            Ok(())
        }
        AuditCommand::Accept { reason } => {
            let reason = reason.trim().to_string();
            if reason.chars().count() < 4 {
                return Err(Failure::refused(
                    "原因：请写明查明的原因（至少4个字），它将记入审计日志",
                ));
            }
            me.role.require_officer("确认审计异常")?;
            let found = match audit::verify(store.conn(), store.path())? {
                Ok(_) => {
                    super::out::outln!("审计日志核验通过，没有需要确认的异常");
                    return Ok(());
                }
                Err(b) => describe(&b),
            };
            let old = match head::read(store.path()) {
                head::Read::Present(h) => serde_json::json!({
                    "count": h.settled.count, "hash": h.settled.hash,
                    "pending": h.pending.map(|p| serde_json::json!({"count": p.count, "hash": p.hash})),
                    "alarm": h.alarm,
                }),
                head::Read::Missing => serde_json::json!({"missing": true}),
                head::Read::Garbled => serde_json::json!({"garbled": true}),
            };
            let st = stamp(&me, env);
            store.change_reanchoring(&st, |c| {
                c.audit(
                    "确认审计异常",
                    "审计头",
                    json(serde_json::json!({"head": old, "found": found})),
                    json(serde_json::json!({"reason": reason})),
                );
                Ok(())
            })?;
            let end = audit::head(store.conn())?;
            super::out::outln!(
                "已确认：{found}\n审计头已重新锚定在第 {} 条记录；原审计头作为证据记入审计日志",
                end.count
            );
            match audit::verify(store.conn(), store.path())? {
                Ok(_) => Ok(()),
                Err(b) => Err(Failure::refused(format!(
                    "审计头已重新锚定，但核验仍不通过：{}。记录本身被改动，只能从备份恢复",
                    describe(&b)
                ))),
            }
        }
    }
}
