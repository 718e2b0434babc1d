//! `baomi training hours --year Y`: every person on post with the year's training hours, what
//! their grade requires and the shortfall (R-TRN-3). Not a ledger verb: it reads the sessions.

use clap::{Arg, Command};
use serde_json::json;

use super::out;
use super::records::Invocation;
use super::{Env, Failure, Outcome, authenticate, open};
use crate::domain::text::for_terminal;
use crate::report::{csv, hours, text};
use crate::store::training;

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
                    "table", "json", "csv", "pdf", "html",
                ])),
        )
        .args(super::records::build::send_to_args())
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
    let me = authenticate(&mut store, env)?;
    let table = training::year_table(store.conn(), year)?;
    let rows = hours::rows(&table);
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
        "csv" => out::print(&csv::write(hours::COLUMNS, rows)),
        f @ ("pdf" | "html") => {
            let format = crate::report::Format::parse(f).ok_or(Failure::usage("--format"))?;
            let unit = crate::store::settings::load(store.conn())?.unit_name;
            let doc = crate::report::hours::document(&table, year, &unit, env.today);
            let to = call.to.clone().ok_or(Failure::usage("缺少输出去向"))?;
            super::register::emit(&mut store, env, &me, doc, format, &to)
        }
        _ if rows.is_empty() => out::line(&format!("{year}年没有在岗的涉密人员")),
        _ => {
            let short = table.iter().filter(|h| h.short_by() > 0).count();
            out::print(&text::table(hours::COLUMNS, &rows))?;
            out::line(&hours::summary(year, table.len(), short))
        }
    }
}
