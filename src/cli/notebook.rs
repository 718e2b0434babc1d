//! `baomi notebook …`: secrecy notebooks (保密笔记本, R-PAP-26), issued to a person, handed in when
//! used up to be kept or destroyed, listed.

use clap::Subcommand;

use super::out::{outln, outp};
use super::{Env, Failure, Outcome, authenticate, open, past_flag, print_json, stamp};
use crate::domain::dates;
use crate::report::text::table;
use crate::store::notebooks;

#[derive(Debug, Subcommand)]
pub enum NotebookCommand {
    /// 发放保密笔记本给个人，输出编号（R-PAP-26）
    Issue {
        /// 领用人
        #[arg(long, value_name = "姓名")]
        to: String,
        /// 可记录的最高密级：绝密、机密、秘密
        #[arg(long, value_name = "密级")]
        level: String,
        /// 名称（默认“保密笔记本”）
        #[arg(long, value_name = "名称", default_value = "")]
        title: String,
        /// 发放日期（默认今天）
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 用完交回保密室：存放的保密柜和处理方式（留存 或 销毁）
    HandIn {
        #[arg(value_name = "编号")]
        no: String,
        /// 存放的保密柜（不写则放入第一个可存放该密级的）
        #[arg(long, value_name = "保密柜", default_value = "")]
        location: String,
        /// 留存 或 销毁（销毁按销毁清单办理，R-PAP-23）
        #[arg(long, value_name = "处理")]
        disposal: String,
        /// 说明
        #[arg(long, value_name = "说明", default_value = "")]
        note: String,
        /// 交回日期（默认今天）
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 保密笔记本台帐（默认全部；--in-use 只列在用的）
    List {
        /// 只列在用的
        #[arg(long)]
        in_use: bool,
        /// table 或 json
        #[arg(long, default_value = "table", value_name = "格式")]
        format: String,
    },
}

#[derive(serde::Serialize)]
struct Row {
    no: String,
    title: String,
    level: &'static str,
    issued_to: String,
    issued_on: String,
    state: &'static str,
    holder: String,
    location: String,
}

pub fn run(c: NotebookCommand, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let st = stamp(&me, env);
    match c {
        NotebookCommand::Issue {
            to,
            level,
            title,
            date,
        } => {
            let on = past_flag("--date", &date, env.today)?;
            let p = store.change(&st, |c| notebooks::issue(c, &to, &level, &title, on))?;
            outln!("{}", p.no);
        }
        NotebookCommand::HandIn {
            no,
            location,
            disposal,
            note,
            date,
        } => {
            let on = past_flag("--date", &date, env.today)?;
            let (p, d) = store.change(&st, |c| {
                notebooks::hand_in(c, &no, on, &location, &disposal, &note)
            })?;
            outln!("{} 已交回，存放于{}，{}", p.no, p.location, d.name());
        }
        NotebookCommand::List { in_use, format } => {
            let rows: Vec<Row> = notebooks::list(store.conn(), in_use)?
                .into_iter()
                .map(|n| Row {
                    state: n.state_name(),
                    no: n.paper.no,
                    title: n.paper.title,
                    level: n.paper.level.name(),
                    issued_to: n.issued_to,
                    issued_on: dates::iso(n.paper.registered_on),
                    holder: n.paper.holder,
                    location: n.paper.location,
                })
                .collect();
            match format.as_str() {
                "json" => return print_json(&rows),
                "table" => {}
                other => {
                    return Err(Failure::usage(format!(
                        "--format 的值「{other}」应为 table 或 json"
                    )));
                }
            }
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.no.clone(),
                        r.title.clone(),
                        r.level.to_string(),
                        r.issued_to.clone(),
                        r.issued_on.clone(),
                        r.state.to_string(),
                        r.holder.clone(),
                        r.location.clone(),
                    ]
                })
                .collect();
            outp!(
                "{}",
                table(
                    &[
                        "编号",
                        "名称",
                        "密级",
                        "领用人",
                        "发放日期",
                        "状态",
                        "持有人",
                        "存放位置"
                    ],
                    &cells
                )
            );
        }
    }
    Ok(())
}
