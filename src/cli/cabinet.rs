//! `baomi cabinet …`: the cabinet register (保密柜登记表, R-PAP-10): add, change, list and print,
//! and what one cabinet holds.

use clap::{Args, Subcommand};

use super::out::{outln, outp};
use super::register::{SendTo, emit};
use super::{Env, Failure, Outcome, authenticate, open, print_json, stamp};
use crate::domain::cabinet::{Cabinet, CabinetForm};
use crate::domain::dates;
use crate::report::document::{DocRow, Document};
use crate::report::{Format, text::table};
use crate::store::{self, cabinets};

#[derive(Debug, Subcommand)]
pub enum CabinetCommand {
    /// 登记保密柜（默认为经认证的保密柜；绝密件须单独存放在绝密专用柜，R-PAP-10）
    Add(AddArgs),
    /// 修改保密柜登记：所在房间、是否保密柜、是否绝密专用（原存放位置转入的柜在此确认）
    Set(SetArgs),
    /// 保密柜登记表：编号、房间、类别、用途、在存密件（可打印）
    List(ListArgs),
    /// 一个保密柜的登记情况和在存密件
    Show {
        #[arg(value_name = "编号")]
        no: String,
        /// table 或 json
        #[arg(long, default_value = "table", value_name = "格式")]
        format: String,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// 保密柜编号或名称，如 1号保密柜
    #[arg(value_name = "编号")]
    pub no: String,
    /// 所在房间，如 保密室
    #[arg(long, value_name = "房间", default_value = "")]
    pub room: String,
    /// 普通柜（不是经认证的保密柜，只能存放内部、非密件）
    #[arg(long, conflicts_with = "top_secret")]
    pub ordinary: bool,
    /// 绝密专用柜（只存放绝密件）
    #[arg(long)]
    pub top_secret: bool,
    /// 备注，如 双人双锁
    #[arg(long, value_name = "备注", default_value = "")]
    pub note: String,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    #[arg(value_name = "编号")]
    pub no: String,
    /// 所在房间
    #[arg(long, value_name = "房间")]
    pub room: Option<String>,
    /// 是否经认证的保密柜：是 或 否
    #[arg(long, value_name = "是|否")]
    pub certified: Option<String>,
    /// 是否绝密专用：是 或 否
    #[arg(long, value_name = "是|否")]
    pub top_secret: Option<String>,
    /// 备注
    #[arg(long, value_name = "备注")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// table、csv、json、html 或 pdf
    #[arg(long, default_value = "table", value_name = "格式")]
    pub format: String,
    #[command(flatten)]
    pub to: SendTo,
}

fn yes_no(flag: &str, v: &Option<String>) -> Result<Option<bool>, Failure> {
    match v.as_deref().map(str::trim) {
        None => Ok(None),
        Some("是" | "yes" | "y" | "1") => Ok(Some(true)),
        Some("否" | "no" | "n" | "0") => Ok(Some(false)),
        Some(other) => Err(Failure::usage(format!(
            "{flag} 的值「{}」应为 是 或 否",
            crate::domain::text::for_terminal(other)
        ))),
    }
}

/// One cabinet with what it holds, as the register shows it.
#[derive(Debug, serde::Serialize)]
struct Line {
    #[serde(flatten)]
    cabinet: Cabinet,
    kind: &'static str,
    #[serde(rename = "use")]
    use_name: &'static str,
    held: i64,
    highest: Option<String>,
    /// Papers it holds that the rule would not put there now (an old ledger's cabinet).
    warning: String,
}

fn line(conn: &rusqlite::Connection, c: Cabinet) -> Result<Line, Failure> {
    let contents = cabinets::contents(conn, &c.no)?;
    let held = contents.iter().map(|x| x.1).sum();
    let warning = contents
        .iter()
        .filter_map(|(level, n)| {
            crate::domain::cabinet::check_store(*level, &c)
                .err()
                .map(|_| format!("存有{level}件{n}件，须移放（R-PAP-10）"))
        })
        .collect::<Vec<_>>()
        .join("；");
    Ok(Line {
        kind: c.kind_name(),
        use_name: c.use_name(),
        held,
        highest: contents.first().map(|x| x.0.name().to_string()),
        warning,
        cabinet: c,
    })
}

fn cells(l: &Line) -> Vec<String> {
    vec![
        l.cabinet.no.clone(),
        l.cabinet.room.clone(),
        l.kind.to_string(),
        l.use_name.to_string(),
        l.held.to_string(),
        l.highest.clone().unwrap_or_default(),
        l.cabinet
            .registered_on
            .map(dates::iso)
            .unwrap_or_else(|| "未登记（原存放位置）".into()),
        [l.cabinet.note.as_str(), l.warning.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("；"),
    ]
}

const COLUMNS: [&str; 8] = [
    "编号",
    "所在房间",
    "类别",
    "用途",
    "在存件数",
    "最高密级",
    "登记日期",
    "备注",
];

pub fn run(c: CabinetCommand, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let st = stamp(&me, env);
    match c {
        CabinetCommand::Add(a) => {
            let form = CabinetForm {
                no: a.no,
                room: a.room,
                certified: !a.ordinary,
                top_secret: a.top_secret,
                note: a.note,
            };
            let saved = store.change(&st, |c| cabinets::add(c, &form))?;
            outln!(
                "已登记 {}（{}，{}）",
                saved.no,
                saved.kind_name(),
                saved.use_name()
            );
        }
        CabinetCommand::Set(a) => {
            let change = cabinets::CabinetChange {
                room: a.room,
                certified: yes_no("--certified", &a.certified)?,
                top_secret: yes_no("--top-secret", &a.top_secret)?,
                note: a.note,
            };
            let saved = store.change(&st, |c| cabinets::set(c, &a.no, &change))?;
            outln!(
                "{}：{}，{}{}",
                saved.no,
                saved.kind_name(),
                saved.use_name(),
                if saved.room.is_empty() {
                    String::new()
                } else {
                    format!("，{}", saved.room)
                }
            );
        }
        CabinetCommand::Show { no, format } => {
            let c = cabinets::get(store.conn(), &no)?;
            let l = line(store.conn(), c)?;
            if format == "json" {
                return print_json(&l);
            }
            for (k, v) in COLUMNS.iter().zip(cells(&l)) {
                outln!("{k}：{v}");
            }
        }
        CabinetCommand::List(a) => {
            let format = Format::parse(&a.format).ok_or_else(|| {
                Failure::usage(format!(
                    "--format 的值「{}」应为 table、csv、json、html 或 pdf",
                    a.format
                ))
            })?;
            let lines = cabinets::all(store.conn())?
                .into_iter()
                .map(|c| line(store.conn(), c))
                .collect::<Result<Vec<_>, _>>()?;
            if format == Format::Json {
                if a.to.out.is_some() || a.to.print {
                    return Err(Failure::usage(
                        "json 只输出到屏幕；写文件或打印请用 csv、html 或 pdf",
                    ));
                }
                return print_json(&lines);
            }
            let rows: Vec<Vec<String>> = lines.iter().map(cells).collect();
            if format == Format::Table && a.to.out.is_none() && !a.to.print {
                outp!("{}", table(&COLUMNS, &rows));
                if lines.iter().any(|l| l.cabinet.certified.is_none()) {
                    outln!(
                        "类别为“待确认”的是原台帐的存放位置：请用 baomi cabinet set 编号 --certified 是|否 --room 房间 确认"
                    );
                }
                return Ok(());
            }
            let settings = store::settings::load(store.conn())?;
            let mut doc = Document::new("保密柜登记表", settings.unit_name.clone(), env.today);
            doc.columns = COLUMNS.iter().map(|c| c.to_string()).collect();
            doc.widths = vec![3, 3, 2, 2, 2, 2, 3, 5];
            doc.rows = rows
                .into_iter()
                .map(|cells| DocRow::Cells { level: None, cells })
                .collect();
            doc.notes = vec![
                "R-PAP-10：密件存放在经认证的保密柜；绝密件单独存放在绝密专用柜；下班时密件须收回保密柜。"
                    .into(),
            ];
            doc.signatures = vec!["保密员".into(), "主管领导".into()];
            return emit(&mut store, env, &me, doc, format, &a.to);
        }
    }
    Ok(())
}
