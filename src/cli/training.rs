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
                    "table", "json", "csv", "pdf", "html",
                ])),
        )
        .args(super::records::build::send_to_args())
}

/// R-TRN-3: the year's hours table as the one printed Document (PDF, HTML).
pub fn document(
    table: &[crate::domain::rules::training::Hours],
    rows: Vec<Vec<String>>,
    year: i32,
    unit: &str,
    as_of: chrono::NaiveDate,
) -> crate::report::document::Document {
    use crate::report::document::{DocRow, Document};
    let mut doc = Document::new(format!("{year}年度保密教育培训学时统计表"), unit, as_of);
    doc.columns = COLUMNS.iter().map(|c| c.to_string()).collect();
    doc.widths = vec![2, 2, 3, 2, 1, 2, 1];
    doc.rows = rows
        .into_iter()
        .map(|cells| DocRow::Cells { level: None, cells })
        .collect();
    let short = table.iter().filter(|h| h.short_by() > 0).count();
    doc.notes.push(summary(year, table.len(), short));
    doc.notes
        .push("核心涉密人员每年不少于16学时，重要、一般涉密人员不少于8学时（R-TRN-3）".into());
    doc
}

fn summary(year: i32, people: usize, short: usize) -> String {
    format!("{year}年 在岗涉密人员 {people} 人，学时不足 {short} 人（R-TRN-3）")
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
        f @ ("pdf" | "html") => {
            let format = crate::report::Format::parse(f).ok_or(Failure::usage("--format"))?;
            let unit = crate::store::settings::load(store.conn())?.unit_name;
            let doc = document(&table, rows, year, &unit, env.today);
            let to = call.to.clone().ok_or(Failure::usage("缺少输出去向"))?;
            super::register::emit(&mut store, env, &me, doc, format, &to)
        }
        _ if rows.is_empty() => out::line(&format!("{year}年没有在岗的涉密人员")),
        _ => {
            let short = table.iter().filter(|h| h.short_by() > 0).count();
            out::print(&text::table(COLUMNS, &rows))?;
            out::line(&summary(year, table.len(), short))
        }
    }
}
