//! `baomi training hours --year Y`: every person on post with the year's training hours, what
//! their grade requires and the shortfall (R-TRN-3). Not a ledger verb: it reads the sessions.

use clap::{Arg, Command};
use serde_json::json;

use super::out;
use super::records::Invocation;
use super::{Env, Failure, Outcome, authenticate, open};
use crate::domain::text::for_terminal;
use crate::report::{csv, text};
use crate::store::training;

const COLUMNS: &[&str] = &[
    "人员编号",
    "姓名",
    "部门",
    "涉密等级",
    "学时",
    "应达学时",
    "差额",
];

pub fn hours_command() -> Command {
    Command::new("hours")
        .about("每人年度保密培训学时：核心不少于16学时，重要、一般不少于8学时（R-TRN-3）")
        .help_template(super::HELP_TEMPLATE)
        .next_help_heading("选项")
        .arg(
            Arg::new("year")
                .long("year")
                .value_name("年份")
                .required(true)
                .help("统计年度，如 2026"),
        )
        .arg(
            Arg::new("format")
                .long("format")
                .value_name("格式")
                .default_value("table")
                .value_parser(clap::builder::PossibleValuesParser::new([
                    "table", "json", "csv",
                ])),
        )
}

/// The year typed, 1949 to 2100.
fn year(typed: Option<&str>) -> Result<i32, Failure> {
    let typed = typed.unwrap_or("").trim();
    match crate::domain::text::to_half_width(typed).parse::<i32>() {
        Ok(y) if (1949..=2100).contains(&y) => Ok(y),
        _ => Err(Failure::usage(format!(
            "--year：「{}」不是 1949 到 2100 之间的年份",
            for_terminal(&typed.chars().take(20).collect::<String>())
        ))),
    }
}

pub fn hours(call: &Invocation, env: &Env) -> Outcome {
    let year = year(call.year.as_deref())?;
    let mut store = open(env)?;
    authenticate(&mut store, env)?;
    let table = training::year_table(store.conn(), year)?;
    let rows: Vec<Vec<String>> = table
        .iter()
        .map(|h| {
            vec![
                h.no.clone(),
                h.name.clone(),
                h.dept.clone(),
                h.grade.clone(),
                h.hours.to_string(),
                h.required.to_string(),
                h.short_by().to_string(),
            ]
        })
        .collect();
    match call.format.as_str() {
        "json" => out::json(
            &table
                .iter()
                .map(|h| {
                    json!({
                        "no": h.no, "name": h.name, "dept": h.dept, "grade": h.grade,
                        "hours": h.hours, "required": h.required, "short_by": h.short_by(),
                    })
                })
                .collect::<Vec<_>>(),
        ),
        "csv" => out::print(&csv::write(COLUMNS, rows)),
        _ if rows.is_empty() => out::line(&format!("{year}年没有在岗的涉密人员")),
        _ => {
            let short = table.iter().filter(|h| h.short_by() > 0).count();
            out::print(&text::table(COLUMNS, &rows))?;
            out::line(&format!(
                "{year}年 在岗涉密人员 {} 人，学时不足 {short} 人（R-TRN-3）",
                table.len()
            ))
        }
    }
}
