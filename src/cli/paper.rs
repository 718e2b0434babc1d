//! `baomi paper …`: registering papers and every act on them, a page and a list.

use clap::{Args, Subcommand};
use serde::Serialize;

use super::out::{outln, outp};
use super::{
    Env, Failure, Outcome, authenticate, date_flag, deadline_flag, open, past_flag, print_json,
    stamp,
};
use crate::domain::carrier::{EventKind, PaperState};
use crate::domain::dates;
use crate::domain::level::{Level, Period};
use crate::domain::paper::{LEDGER_HEADERS, Paper, ReceiveForm};
use crate::domain::rules::paper::{Act, envelope_level};
use crate::domain::text::split_list;
use crate::report::text::table;
use crate::store::papers::{self, ActInput, CopyAct, CopyMarking, EventRecord, Filter};
use crate::store::stocktake::{self, StocktakeKind};
use crate::store::{self, Store};

#[derive(Debug, Args)]
pub struct ReceiveArgs {
    /// 标题
    #[arg(long, value_name = "标题")]
    pub title: String,
    /// 来文单位（制发机关）
    #[arg(long = "from", value_name = "单位")]
    pub originator: String,
    /// 文号，如 江委办〔2026〕3号
    #[arg(long, value_name = "文号", default_value = "")]
    pub doc_no: String,
    /// 密级：绝密、机密、秘密、内部、非密
    #[arg(long, value_name = "密级")]
    pub level: String,
    /// 保密期限：10年、长期或到期日期；不写按密级默认
    #[arg(long, value_name = "期限", default_value = "")]
    pub period: String,
    /// 知悉范围（人名或部门，用顿号分隔）
    #[arg(long, value_name = "范围", default_value = "")]
    pub scope: String,
    /// 份数
    #[arg(long, value_name = "N", default_value = "1")]
    pub copies: String,
    /// 份号，如 3,4
    #[arg(long, value_name = "份号", default_value = "")]
    pub copy_nos: String,
    /// 制发机关规定的清退期限
    #[arg(long, value_name = "日期", default_value = "")]
    pub return_by: String,
    /// 收文日期（默认今天）
    #[arg(long, value_name = "日期", default_value = "")]
    pub date: String,
    /// 存放位置，如 1号柜
    #[arg(long, value_name = "位置", default_value = "")]
    pub location: String,
    /// 签收人、保管人（默认当前保密员）
    #[arg(long, value_name = "姓名", default_value = "")]
    pub holder: String,
    /// 无保存价值（次年销毁，R-PAP-22）
    #[arg(long)]
    pub no_keep: bool,
    /// 密码电报（只能在本单位销毁，R-PAP-24）
    #[arg(long)]
    pub cipher: bool,
    /// 制发机关不允许复制（R-PAP-19）
    #[arg(long)]
    pub no_copy: bool,
}

#[derive(Debug, Subcommand)]
pub enum PaperCommand {
    /// 收文登记，输出收文编号（R-PAP-3、R-PAP-4）
    Receive(ReceiveArgs),
    /// 补登导入时缺的登记项（记为“待补”的来文单位等，R-PAP-3）
    Complete(super::complete::CompleteArgs),
    /// 制作登记：按已批准的制作申请（R-PAP-1、R-PAP-2）
    Make {
        /// 已批准的制作申请号
        #[arg(long, value_name = "申请号", value_parser = super::bounds::id)]
        request: i64,
        /// 实际制作份数（不得超过批准数）
        #[arg(long, value_name = "N", value_parser = super::bounds::copies)]
        copies: i64,
        #[arg(long, value_name = "位置", default_value = "")]
        location: String,
        /// 中间材料及残次品的处理（已销毁、留存）
        #[arg(long, value_name = "处理", default_value = "")]
        waste: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 发文：在批准的发放范围内发出；多件同封时输出信封应标的最高密级（R-PAP-5）
    Send {
        /// 登记编号（可多个，同一信封）
        #[arg(required = true, value_name = "编号")]
        nos: Vec<String>,
        /// 收文单位
        #[arg(long, value_name = "单位")]
        to: String,
        /// 传递方式：机要交通、机要通信、保密员专送、专人专车（R-PAP-6）
        #[arg(long, value_name = "方式")]
        channel: String,
        /// 发出份数（每件）
        #[arg(long, value_name = "N", value_parser = super::bounds::copies)]
        copies: Option<i64>,
        /// 护送人（绝密专人传递须二人）
        #[arg(long, value_name = "姓名", default_value = "")]
        escorts: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 传递记录（R-PAP-6）
    Transfer {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "方式")]
        channel: String,
        /// 送往单位
        #[arg(long, value_name = "单位", default_value = "")]
        to: String,
        #[arg(long, value_name = "姓名", default_value = "")]
        escorts: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 传阅：在知悉范围内交给一位阅读人（R-PAP-7；绝密须在保密室阅读并记时间，R-PAP-8）
    Circulate {
        #[arg(value_name = "编号")]
        no: String,
        /// 阅读人
        #[arg(long, value_name = "姓名")]
        reader: String,
        /// 阅读人所在部门
        #[arg(long, value_name = "部门", default_value = "")]
        dept: String,
        /// 阅读地点
        #[arg(long, value_name = "地点", default_value = "")]
        place: String,
        /// 签领时间 HH:MM
        #[arg(long, value_name = "时间", default_value = "")]
        time: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 收回：传阅交回、借阅归还或携带外出带回（按当前状态）
    Back {
        #[arg(value_name = "编号")]
        no: String,
        /// 退回时间 HH:MM
        #[arg(long, value_name = "时间", default_value = "")]
        time: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 借阅：按已批准的借阅申请借出（R-PAP-9）
    Loan {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "申请号", value_parser = super::bounds::id)]
        request: i64,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 携带外出：按已批准的申请（R-PAP-11）
    TakeOut {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "申请号", value_parser = super::bounds::id)]
        request: i64,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 每月清点：在管密件除 --missing 所列外均已清点到（R-PAP-12）
    Count(StocktakeArgs),
    /// 每季度核查（R-PAP-13）
    Check(StocktakeArgs),
    /// 清退：退回原制发机关，登记签收人（R-PAP-16）；可多件
    Return {
        #[arg(required = true, value_name = "编号")]
        nos: Vec<String>,
        /// 对方签收人
        #[arg(long, value_name = "姓名")]
        received_by: String,
        /// 退往单位（默认原制发机关）
        #[arg(long, value_name = "单位", default_value = "")]
        to: String,
        /// 退往他处时保密行政管理部门的意见
        #[arg(long, value_name = "说明", default_value = "")]
        bureau_note: String,
        #[arg(long, value_name = "方式", default_value = "")]
        channel: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 归档
    Archive {
        #[arg(value_name = "编号")]
        no: String,
        /// 档案位置（卷号）
        #[arg(long, value_name = "卷号", default_value = "")]
        place: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 延长使用：须已向发文机关说明（R-PAP-14）
    Extend {
        #[arg(value_name = "编号")]
        no: String,
        /// 告知发文机关的函件或记录
        #[arg(long, value_name = "说明")]
        told: String,
        /// 延长至
        #[arg(long, value_name = "日期")]
        until: Option<String>,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 移交：写明接收单位和接收人（R-PAP-18）
    HandOver {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "单位")]
        to: String,
        #[arg(long, value_name = "姓名")]
        receiver: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 复印：按已批准的申请，复印件登记为新载体（R-PAP-19、R-PAP-20；不得改变密级期限范围，R-CLS-4）
    Copy {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "申请号", value_parser = super::bounds::id)]
        request: i64,
        /// 复印份数（默认批准数）
        #[arg(long, value_name = "N", value_parser = super::bounds::copies)]
        copies: Option<i64>,
        /// 领取人
        #[arg(long, value_name = "姓名", default_value = "")]
        receiver: String,
        /// 归还日期
        #[arg(long, value_name = "日期")]
        return_by: Option<String>,
        /// 复印件密级（只能与原件相同）
        #[arg(long, value_name = "密级")]
        level: Option<String>,
        /// 复印件保密期限（只能与原件相同）
        #[arg(long, value_name = "期限")]
        period: Option<String>,
        /// 复印件知悉范围（只能与原件相同）
        #[arg(long, value_name = "范围")]
        scope: Option<String>,
        #[arg(long, value_name = "位置", default_value = "")]
        location: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 汇编：按已批准的申请，取最高密级和最长期限（R-PAP-21、R-CLS-5）
    Compile {
        #[arg(long, value_name = "申请号", value_parser = super::bounds::id)]
        request: i64,
        #[arg(long, value_name = "密级")]
        level: Option<String>,
        #[arg(long, value_name = "期限")]
        period: Option<String>,
        #[arg(long, value_name = "位置", default_value = "")]
        location: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 销毁：按已批准的销毁清单，两人以上（含保密员），记录方式（R-PAP-23、R-PAP-24）
    Destroy {
        #[arg(required = true, value_name = "编号")]
        nos: Vec<String>,
        #[arg(long, value_name = "申请号", value_parser = super::bounds::id)]
        request: i64,
        /// 销毁人（两人以上，含保密员）
        #[arg(long, value_name = "姓名")]
        by: String,
        /// 保密粉碎机 或 指定造纸厂
        #[arg(long, value_name = "方式")]
        method: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 报告遗失（此后只能办理找回，R-INC-4）
    Lost {
        #[arg(value_name = "编号")]
        no: String,
        /// 经过
        #[arg(long, value_name = "说明")]
        note: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 找回
    Found {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "说明", default_value = "")]
        note: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 解密审查结论：解密 或 变更期限（R-CLS-7）
    Review {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "结论")]
        result: String,
        #[arg(long, value_name = "日期")]
        until: Option<String>,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 未清点到的密件（清点差异）
    Discrepancies,
    /// 处理清点差异：已找到，或报告遗失
    Resolve {
        /// 差异号
        #[arg(value_name = "差异号", value_parser = super::bounds::id)]
        id: i64,
        /// 已找到
        #[arg(long, conflicts_with = "lost")]
        found: bool,
        /// 报告遗失
        #[arg(long)]
        lost: bool,
        #[arg(long, value_name = "说明", default_value = "")]
        note: String,
        #[arg(long, value_name = "日期")]
        date: Option<String>,
    },
    /// 一件密件的标志、状态、位置、持有人和全部经历
    Show {
        #[arg(value_name = "编号")]
        no: String,
        /// table 或 json
        #[arg(long, default_value = "table", value_name = "格式")]
        format: String,
    },
    /// 台帐列表
    List {
        /// 状态：在册、传阅中、借出、携带外出、已清退、已归档、已移交、已销毁、遗失
        #[arg(long, value_name = "状态")]
        state: Option<String>,
        #[arg(long, value_name = "密级")]
        level: Option<String>,
        #[arg(long, value_name = "年", value_parser = super::bounds::year)]
        year: Option<i32>,
        #[arg(long, value_name = "姓名")]
        holder: Option<String>,
        /// 最多列出几件（0 为不限）
        #[arg(long, default_value_t = 0, value_name = "N",
              value_parser = super::bounds::count_in::<0, { super::bounds::LIST_LIMIT_MAX }>)]
        limit: usize,
        /// table、csv 或 json
        #[arg(long, default_value = "table", value_name = "格式")]
        format: String,
    },
}

#[derive(Debug, Args)]
pub struct StocktakeArgs {
    /// 未找到的密件编号（用逗号分隔）
    #[arg(long, value_name = "编号", default_value = "")]
    pub missing: String,
    #[arg(long, value_name = "说明", default_value = "")]
    pub note: String,
    #[arg(long, value_name = "日期")]
    pub date: Option<String>,
}

impl ReceiveArgs {
    fn form(&self) -> ReceiveForm {
        ReceiveForm {
            no: String::new(),
            date: self.date.clone(),
            originator: self.originator.clone(),
            doc_no: self.doc_no.clone(),
            title: self.title.clone(),
            level: self.level.clone(),
            period: self.period.clone(),
            scope: self.scope.clone(),
            copies: self.copies.clone(),
            copy_nos: self.copy_nos.clone(),
            return_by: self.return_by.clone(),
            location: self.location.clone(),
            holder: self.holder.clone(),
            no_keep: self.no_keep,
            cipher: self.cipher,
            no_copy: self.no_copy,
        }
    }
}

/// The page of one paper, as `paper show --format json` prints it.
#[derive(Debug, Serialize)]
pub struct PaperPage {
    pub no: String,
    pub title: String,
    pub mark: String,
    pub level: Level,
    pub period: Option<String>,
    pub state: PaperState,
    pub holder: String,
    pub location: String,
    pub originator: String,
    pub doc_no: String,
    pub copies: i64,
    pub copy_nos: String,
    pub scope: Vec<String>,
    pub registered_on: String,
    pub return_by: Option<String>,
    pub due_on: Option<String>,
    pub origin: &'static str,
    pub source: Option<String>,
    pub derived: Vec<String>,
    pub history: Vec<EventRecord>,
}

pub fn page(store: &Store, no: &str) -> Result<PaperPage, Failure> {
    let p = papers::get(store.conn(), no)?;
    let history = papers::history(store.conn(), p.id)?;
    let source = match p.source_id {
        Some(id) => Some(papers::by_id(store.conn(), id)?.no),
        None => None,
    };
    let derived = papers::derived(store.conn(), p.id)?
        .into_iter()
        .map(|d| d.no)
        .collect();
    Ok(PaperPage {
        mark: p.mark().to_string(),
        period: p.period.map(|x| x.to_string()),
        registered_on: dates::iso(p.registered_on),
        return_by: p.return_by.map(dates::iso),
        due_on: p.due_on.map(dates::iso),
        origin: p.origin.name(),
        source,
        derived,
        history,
        no: p.no,
        title: p.title,
        level: p.level,
        state: p.state,
        holder: p.holder,
        location: p.location,
        originator: p.originator,
        doc_no: p.doc_no,
        copies: p.copies,
        copy_nos: p.copy_nos,
        scope: p.scope,
    })
}

/// One row of the ledger file: the export headers' values, in order.
pub fn ledger_row(p: &Paper) -> Vec<String> {
    LEDGER_HEADERS
        .iter()
        .map(|(_, col)| {
            use crate::domain::paper::Column as C;
            match col {
                C::No => p.no.clone(),
                C::Date => dates::iso(p.registered_on),
                C::Originator => p.originator.clone(),
                C::DocNo => p.doc_no.clone(),
                C::Title => p.title.clone(),
                C::Level => p.level.name().to_string(),
                C::Period => p.period.map(|x| x.stored()).unwrap_or_default(),
                C::Copies => p.copies.to_string(),
                C::CopyNos => p.copy_nos.clone(),
                C::ReturnBy => p.return_by.map(dates::iso).unwrap_or_default(),
                C::State => p.state.name().to_string(),
                C::Location => p.location.clone(),
                C::Holder => p.holder.clone(),
            }
        })
        .collect()
}

fn state_filter(s: &str) -> Result<Vec<PaperState>, Failure> {
    match s.trim() {
        "在管" | "held" => Ok(PaperState::HELD.to_vec()),
        other => PaperState::parse(other).map(|s| vec![s]).ok_or_else(|| {
            Failure::usage(format!(
                "--state 的值「{other}」不是状态，可用：在管、{}",
                PaperState::ALL.map(PaperState::name).join("、")
            ))
        }),
    }
}

pub fn run(c: PaperCommand, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    match c {
        PaperCommand::Show { no, format } => {
            let page = page(&store, &no)?;
            if format == "json" {
                return print_json(&page);
            }
            return print_page(&page);
        }
        PaperCommand::List {
            state,
            level,
            year,
            holder,
            limit,
            format,
        } => {
            let filter =
                Filter {
                    states: match state {
                        Some(s) => state_filter(&s)?,
                        None => vec![],
                    },
                    level: match level {
                        Some(l) => Some(Level::parse(&l).ok_or_else(|| {
                            Failure::usage(format!("--level 的值「{l}」不是密级"))
                        })?),
                        None => None,
                    },
                    year,
                    holder,
                };
            return list(&store, &filter, limit, &format);
        }
        PaperCommand::Complete(a) => return super::complete::run(a, &mut store, &me, env),
        PaperCommand::Discrepancies => {
            let rows: Vec<Vec<String>> = stocktake::open_discrepancies(store.conn())?
                .into_iter()
                .map(|d| {
                    vec![
                        d.id.to_string(),
                        dates::iso(d.on),
                        d.kind.name().to_string(),
                        d.paper.no,
                        d.paper.title,
                        d.paper.state.name().to_string(),
                    ]
                })
                .collect();
            outp!(
                "{}",
                table(&["差异号", "日期", "类别", "编号", "标题", "状态"], &rows)
            );
            return Ok(());
        }
        _ => {}
    }
    let st = stamp(&me, env);
    let settings = store::settings::load(store.conn())?;
    let rooms = settings.reading_rooms.clone();
    let day = |d: &Option<String>| past_flag("--date", d, env.today);
    let act_input = |kind: EventKind, act: Act, request: Option<i64>| ActInput {
        kind,
        act,
        request_id: request,
        reading_rooms: &rooms,
    };
    match c {
        PaperCommand::Receive(a) => {
            let receipt = a.form().parse(env.today)?;
            let format = settings
                .format(crate::domain::numbering::Series::Receipt)
                .to_string();
            let p = store.change(&st, |c| papers::receive(c, &receipt, &format))?;
            outln!("{}", p.no);
        }
        PaperCommand::Make {
            request,
            copies,
            location,
            waste,
            date,
        } => {
            let on = day(&date)?;
            let format = settings
                .format(crate::domain::numbering::Series::Make)
                .to_string();
            let p = store.change(&st, |c| {
                papers::make(c, request, copies, on, &location, &waste, &format)
            })?;
            outln!("{}", p.no);
        }
        PaperCommand::Send {
            nos,
            to,
            channel,
            copies,
            escorts,
            date,
        } => {
            let on = day(&date)?;
            let out = store.change(&st, |c| {
                let mut done = Vec::new();
                for no in &nos {
                    let act = Act {
                        on,
                        unit: to.clone(),
                        channel: channel.clone(),
                        persons: split_list(&escorts),
                        copies,
                        ..Act::default()
                    };
                    done.push(papers::act(c, no, &act_input(EventKind::Send, act, None))?);
                }
                Ok(done)
            })?;
            for p in &out {
                outln!(
                    "{} 已发出，发文编号 {}",
                    p.no,
                    p.dispatch_no.clone().unwrap_or_default()
                );
            }
            if let Some(level) = envelope_level(out.iter().map(|p| p.level))
                && out.len() > 1
            {
                outln!(
                    "同一信封内{}件，信封应标明最高密级：{level}（R-PAP-5）",
                    out.len()
                );
            }
        }
        PaperCommand::Transfer {
            no,
            channel,
            to,
            escorts,
            date,
        } => {
            let act = Act {
                on: day(&date)?,
                unit: to,
                channel,
                persons: split_list(&escorts),
                ..Act::default()
            };
            let p = act_one(&mut store, &st, &rooms, &no, EventKind::Transfer, act, None)?;
            outln!("{} 已登记传递", p.no);
        }
        PaperCommand::Circulate {
            no,
            reader,
            dept,
            place,
            time,
            date,
        } => {
            let act = Act {
                on: day(&date)?,
                at: time,
                person: reader,
                unit: dept,
                place,
                ..Act::default()
            };
            let p = act_one(
                &mut store,
                &st,
                &rooms,
                &no,
                EventKind::Circulate,
                act,
                None,
            )?;
            outln!("{} 已交 {} 传阅", p.no, p.holder);
        }
        PaperCommand::Back { no, time, date } => {
            let p = papers::get(store.conn(), &no)?;
            let kind = match p.state {
                PaperState::Circulating => EventKind::CirculateBack,
                PaperState::OnLoan => EventKind::LoanBack,
                PaperState::TakenOut => EventKind::TakeBack,
                other => {
                    return Err(Failure::refused(format!(
                        "违反 R-PAP-10：{} 当前{}，没有需要收回的",
                        p.no,
                        other.name()
                    )));
                }
            };
            let act = Act {
                on: day(&date)?,
                at: time,
                ..Act::default()
            };
            let p = act_one(&mut store, &st, &rooms, &no, kind, act, None)?;
            outln!("{} 已{}，放回{}", p.no, kind.name(), p.location);
        }
        PaperCommand::Loan { no, request, date } => {
            let act = Act {
                on: day(&date)?,
                ..Act::default()
            };
            let p = store.change(&st, |c| {
                papers::act(c, &no, &act_input(EventKind::Loan, act, Some(request)))
            })?;
            outln!(
                "{} 已借给 {}，{}前归还",
                p.no,
                p.holder,
                p.due_on.map(dates::zh).unwrap_or_default()
            );
        }
        PaperCommand::TakeOut { no, request, date } => {
            let act = Act {
                on: day(&date)?,
                ..Act::default()
            };
            let p = store.change(&st, |c| {
                papers::act(c, &no, &act_input(EventKind::TakeOut, act, Some(request)))
            })?;
            outln!(
                "{} 已由 {} 携带外出，{}前带回",
                p.no,
                p.holder,
                p.due_on.map(dates::zh).unwrap_or_default()
            );
        }
        PaperCommand::Count(a) => stocktake_cmd(&mut store, &st, StocktakeKind::Count, &a, env)?,
        PaperCommand::Check(a) => stocktake_cmd(&mut store, &st, StocktakeKind::Check, &a, env)?,
        PaperCommand::Return {
            nos,
            received_by,
            to,
            bureau_note,
            channel,
            date,
        } => {
            let on = day(&date)?;
            let done = store.change(&st, |c| {
                let mut n = 0;
                for no in &nos {
                    let p = papers::get(&c.tx, no)?;
                    let act = Act {
                        on,
                        person: received_by.clone(),
                        unit: if to.trim().is_empty() {
                            p.originator.clone()
                        } else {
                            to.clone()
                        },
                        reference: bureau_note.clone(),
                        channel: channel.clone(),
                        ..Act::default()
                    };
                    papers::act(c, no, &act_input(EventKind::Return, act, None))?;
                    n += 1;
                }
                Ok(n)
            })?;
            outln!("已清退 {done} 件");
        }
        PaperCommand::Archive { no, place, date } => {
            let act = Act {
                on: day(&date)?,
                place,
                ..Act::default()
            };
            let p = act_one(&mut store, &st, &rooms, &no, EventKind::Archive, act, None)?;
            outln!("{} 已归档", p.no);
        }
        PaperCommand::Extend {
            no,
            told,
            until,
            date,
        } => {
            let act = Act {
                on: day(&date)?,
                reference: told,
                due: match until {
                    Some(u) => Some(deadline_flag("--until", &u, env.today)?),
                    None => None,
                },
                ..Act::default()
            };
            let p = act_one(&mut store, &st, &rooms, &no, EventKind::Extend, act, None)?;
            outln!("{} 已延长使用", p.no);
        }
        PaperCommand::HandOver {
            no,
            to,
            receiver,
            date,
        } => {
            let act = Act {
                on: day(&date)?,
                unit: to,
                person: receiver,
                ..Act::default()
            };
            let p = act_one(&mut store, &st, &rooms, &no, EventKind::HandOver, act, None)?;
            outln!("{} 已移交", p.no);
        }
        PaperCommand::Copy {
            no,
            request,
            copies,
            receiver,
            return_by,
            level,
            period,
            scope,
            location,
            date,
        } => {
            let on = day(&date)?;
            let marking = CopyMarking {
                level: match level {
                    Some(l) => Some(Level::parse_field("密级", &l)?),
                    None => None,
                },
                period: match period {
                    Some(p) => Some(Period::parse_field("保密期限", &p)?),
                    None => None,
                },
                scope: scope.map(|s| split_list(&s)),
            };
            let return_by = match return_by {
                Some(r) => Some(deadline_flag("--return-by", &r, env.today)?),
                None => None,
            };
            let copies = match copies {
                Some(n) => n,
                None => match store::papers::request_plan(store.conn(), request)?.1 {
                    crate::domain::paper::Plan::Copy(p) => p.copies,
                    _ => 1,
                },
            };
            let p = store.change(&st, |c| {
                papers::copy(
                    c,
                    &no,
                    &CopyAct {
                        request_id: request,
                        copies,
                        on,
                        marking: marking.clone(),
                        location: location.clone(),
                        receiver: receiver.clone(),
                        return_by,
                    },
                )
            })?;
            outln!("{}", p.no);
        }
        PaperCommand::Compile {
            request,
            level,
            period,
            location,
            date,
        } => {
            let on = day(&date)?;
            let level = match level {
                Some(l) => Some(Level::parse_field("密级", &l)?),
                None => None,
            };
            let period = match period {
                Some(p) => Some(Period::parse_field("保密期限", &p)?),
                None => None,
            };
            let p = store.change(&st, |c| {
                papers::compile(c, request, on, level, period, &location)
            })?;
            outln!("{}", p.no);
        }
        PaperCommand::Destroy {
            nos,
            request,
            by,
            method,
            date,
        } => {
            let on = day(&date)?;
            let n = store.change(&st, |c| {
                for no in &nos {
                    let act = Act {
                        on,
                        persons: split_list(&by),
                        method: method.clone(),
                        ..Act::default()
                    };
                    papers::act(c, no, &act_input(EventKind::Destroy, act, Some(request)))?;
                }
                Ok(nos.len())
            })?;
            outln!("已销毁 {n} 件");
        }
        PaperCommand::Lost { no, note, date } => {
            let act = Act {
                on: day(&date)?,
                note,
                ..Act::default()
            };
            let p = act_one(&mut store, &st, &rooms, &no, EventKind::Lost, act, None)?;
            outln!("{} 已登记遗失", p.no);
        }
        PaperCommand::Found { no, note, date } => {
            let act = Act {
                on: day(&date)?,
                note,
                ..Act::default()
            };
            let p = act_one(&mut store, &st, &rooms, &no, EventKind::Found, act, None)?;
            outln!("{} 已找回", p.no);
        }
        PaperCommand::Review {
            no,
            result,
            until,
            date,
        } => {
            let act = Act {
                on: day(&date)?,
                method: result,
                due: match until {
                    Some(u) => Some(date_flag("--until", &Some(u), env.today)?),
                    None => None,
                },
                ..Act::default()
            };
            let p = act_one(&mut store, &st, &rooms, &no, EventKind::Review, act, None)?;
            outln!("{} 解密审查已记录：{}", p.no, p.mark());
        }
        PaperCommand::Resolve {
            id,
            found,
            lost,
            note,
            date,
        } => {
            if found == lost {
                return Err(Failure::usage(
                    "请指明 --found（已找到）或 --lost（报告遗失）",
                ));
            }
            let on = day(&date)?;
            store.change(&st, |c| stocktake::resolve(c, id, found, on, &note))?;
            outln!("差异 {id} 已处理");
        }
        PaperCommand::Show { .. }
        | PaperCommand::List { .. }
        | PaperCommand::Discrepancies
        | PaperCommand::Complete(_) => {}
    }
    Ok(())
}

fn stocktake_cmd(
    store: &mut Store,
    st: &store::Stamp,
    kind: StocktakeKind,
    a: &StocktakeArgs,
    env: &Env,
) -> Outcome {
    let on = past_flag("--date", &a.date, env.today)?;
    let missing = split_list(&a.missing);
    let r = store.change(st, |c| stocktake::record(c, kind, on, &missing, &a.note))?;
    outln!(
        "{}{}：在管 {} 件，{}到 {} 件，未找到 {} 件{}",
        dates::zh(on),
        kind.name(),
        r.held,
        kind.name(),
        r.found,
        r.missing.len(),
        if r.missing.is_empty() {
            String::new()
        } else {
            format!("（{}），已记为清点差异待处理", r.missing.join("、"))
        }
    );
    Ok(())
}

fn print_page(p: &PaperPage) -> Outcome {
    outln!("{}", p.mark);
    outln!("{}　{}", p.no, p.title);
    let lines = [
        ("状态", p.state.name().to_string()),
        ("持有人", p.holder.clone()),
        ("存放位置", p.location.clone()),
        ("来文单位", p.originator.clone()),
        ("文号", p.doc_no.clone()),
        (
            "份数",
            format!(
                "{}{}",
                p.copies,
                if p.copy_nos.is_empty() {
                    String::new()
                } else {
                    format!("（份号 {}）", p.copy_nos)
                }
            ),
        ),
        ("知悉范围", p.scope.join("、")),
        ("登记日期", p.registered_on.clone()),
        ("来源", p.origin.to_string()),
    ];
    for (k, v) in lines {
        if !v.is_empty() {
            outln!("{k}：{v}");
        }
    }
    if let Some(r) = &p.return_by {
        outln!("清退期限：{r}");
    }
    if let Some(d) = &p.due_on {
        outln!("应还日期：{d}");
    }
    if let Some(s) = &p.source {
        outln!("原件：{s}");
    }
    if !p.derived.is_empty() {
        outln!("复印件/汇编：{}", p.derived.join("、"));
    }
    outln!();
    let rows: Vec<Vec<String>> = p
        .history
        .iter()
        .map(|e| {
            vec![
                dates::iso(e.on),
                e.kind.name().to_string(),
                crate::report::event_detail(e),
                e.handler.clone(),
            ]
        })
        .collect();
    outp!("{}", table(&["日期", "办理", "详情", "经办人"], &rows));
    Ok(())
}

fn list(store: &Store, filter: &Filter, limit: usize, format: &str) -> Outcome {
    // Streamed, never all rows in memory (issue 9 point 22).
    super::export::ledger_list(store, filter, limit, format)
}

/// One act on one paper, as one change.
fn act_one(
    store: &mut Store,
    st: &store::Stamp,
    rooms: &[String],
    no: &str,
    kind: EventKind,
    act: Act,
    request_id: Option<i64>,
) -> Result<Paper, Failure> {
    Ok(store.change(st, |c| {
        papers::act(
            c,
            no,
            &ActInput {
                kind,
                act,
                request_id,
                reading_rooms: rooms,
            },
        )
    })?)
}
