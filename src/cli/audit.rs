//! `baomi audit verify`: the chain, the guard triggers and the head file agree (R-SYS-3).

use clap::Subcommand;

use super::{Env, Failure, Outcome, open};
use crate::domain::audit::ChainBreak;
use crate::report::text::table;
use crate::store::audit;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// 核验审计日志：哈希链完整、防改触发器在位、与库外的审计头文件一致
    Verify,
    /// 列出最近的审计记录
    Show {
        /// 条数
        #[arg(long, default_value_t = 30, value_name = "N", value_parser = super::bounds::int_in::<1, 100_000>)]
        limit: i64,
    },
}

pub fn run(c: AuditCommand, env: &Env) -> Outcome {
    let store = open(env)?;
    match c {
        AuditCommand::Verify => match audit::verify(store.conn(), store.path())? {
            Ok(v) => {
                super::out::outln!(
                    "审计日志完整：共 {} 条，链尾哈希 {}，与审计头文件一致",
                    v.head.count,
                    v.head.hash
                );
                Ok(())
            }
            Err(ChainBreak::Row { seq, reason }) => Err(Failure::refused(format!(
                "审计日志被改动：第 {seq} 条记录{reason}（R-SYS-3）"
            ))),
            Err(ChainBreak::Head { reason }) => Err(Failure::refused(format!(
                "审计日志核验不通过：{reason}（R-SYS-3）"
            ))),
        },
        AuditCommand::Show { limit } => {
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
    }
}
