//! `baomi paper mismatch …`: receipts whose checks disagreed with the envelope or the list
//! (R-PAP-4), recorded, listed and settled with the sender.

use clap::Subcommand;

use super::out::{outln, outp};
use super::{Env, Failure, Outcome, past_flag, print_json, stamp};
use crate::domain::dates;
use crate::report::text::table;
use crate::store::accounts::Account;
use crate::store::{Store, mismatches};

#[derive(Debug, Subcommand)]
pub enum MismatchCommand {
    /// 登记收文核对不符：件数、份号、密级或收件单位与信封或清单不符（R-PAP-4）
    Add {
        #[arg(value_name = "编号")]
        no: String,
        /// 不符情况，如「信封标3份，实收2份」
        #[arg(long, value_name = "说明")]
        note: String,
        /// 发现日期（默认今天）
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 收文不符记录（默认只列未核对的）
    List {
        /// 连同已核对的一并列出
        #[arg(long)]
        all: bool,
        /// table 或 json
        #[arg(long, default_value = "table", value_name = "格式")]
        format: String,
    },
    /// 登记与发文单位核对的结果，该项随即移出待办（R-PAP-4）
    Resolve {
        /// 不符记录号
        #[arg(value_name = "记录号", value_parser = super::bounds::id)]
        id: i64,
        /// 核对结果，如「来电确认只发2份，已更正」
        #[arg(long, value_name = "说明")]
        note: String,
        /// 核对日期（默认今天）
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
}

pub fn run(c: MismatchCommand, store: &mut Store, me: &Account, env: &Env) -> Outcome {
    let st = stamp(me, env);
    match c {
        MismatchCommand::Add { no, note, date } => {
            let on = past_flag("--date", &date, env.today)?;
            let m = store.change(&st, |c| mismatches::record(c, &no, on, &note))?;
            outln!(
                "{}（{}）已登记收文不符，记录号 {}：待与发文单位核对",
                m.no,
                m.originator,
                m.id
            );
        }
        MismatchCommand::Resolve { id, note, date } => {
            let on = past_flag("--date", &date, env.today)?;
            let m = store.change(&st, |c| mismatches::resolve(c, id, on, &note))?;
            outln!(
                "{} 的收文不符（记录号 {}）已核对：{}",
                m.no,
                m.id,
                m.resolution
            );
        }
        MismatchCommand::List { all, format } => {
            let list = mismatches::list(store.conn(), !all)?;
            if format == "json" {
                return print_json(&list);
            }
            if format != "table" {
                return Err(Failure::usage(format!(
                    "--format 的值「{format}」应为 table 或 json"
                )));
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        m.no.clone(),
                        m.originator.clone(),
                        m.level.name().to_string(),
                        dates::iso(m.on),
                        m.note.clone(),
                        match m.resolved_on {
                            Some(d) => format!("{} 已核对：{}", dates::iso(d), m.resolution),
                            None => "待核对".into(),
                        },
                    ]
                })
                .collect();
            outp!(
                "{}",
                table(
                    &[
                        "记录号",
                        "编号",
                        "来文单位",
                        "密级",
                        "发现日期",
                        "不符情况",
                        "核对"
                    ],
                    &rows
                )
            );
        }
    }
    Ok(())
}
