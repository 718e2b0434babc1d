//! The approval queue from the command line: filing requests, listing, approving, rejecting.

use clap::{Args, Subcommand};

use super::out::{errln, outln, outp};
use super::{
    Env, Failure, Outcome, authenticate, date_flag, deadline_flag, open, past_flag, print_json,
    stamp,
};
use crate::domain::approval::{PaperApproval, RequestState};
use crate::domain::dates;
use crate::domain::paper::{
    CompilePlan, CopyPlan, DestroyPlan, ExtendPlan, LoanPlan, MakePlan, Plan, ReviewPlan,
    TakeOutPlan,
};
use crate::domain::text::split_list;
use crate::report::text::table;
use crate::store::approvals;

#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// 申请制作密件（须先定密：密级、期限、知悉范围，R-CLS-3）
    Make {
        #[arg(long, value_name = "标题")]
        title: String,
        #[arg(long, value_name = "密级")]
        level: String,
        #[arg(long, value_name = "期限", default_value = "")]
        period: String,
        /// 知悉范围
        #[arg(long, value_name = "范围")]
        scope: String,
        /// 拟制作份数
        #[arg(long, value_name = "N", value_parser = super::bounds::copies)]
        copies: i64,
        /// 发放范围（收文单位，用顿号分隔）
        #[arg(long, value_name = "单位", default_value = "")]
        distribution: String,
        #[arg(long, value_name = "用途", default_value = "")]
        purpose: String,
        /// 委托外单位印制（须写明定点印刷单位及其许可证，R-PAP-29）
        #[arg(long)]
        outside: bool,
        /// 定点印刷单位名称（持《秘密载体复制许可证》，R-PAP-29）
        #[arg(long, value_name = "单位", default_value = "")]
        printer: String,
        /// 《秘密载体复制许可证》编号
        #[arg(long, value_name = "编号", default_value = "")]
        licence: String,
        /// 产生部门（本单位产生国家秘密事项一览表）
        #[arg(long, value_name = "部门", default_value = "")]
        dept: String,
        /// 解密条件（不写则为保密期限届满自行解密）
        #[arg(long, value_name = "条件", default_value = "")]
        condition: String,
    },
    /// 申请复印（绝密须有密级确定机关的批准文号，R-PAP-19）
    Copy {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "N", value_parser = super::bounds::copies)]
        copies: i64,
        #[arg(long, value_name = "用途")]
        purpose: String,
        /// 原定密机关或其上级的批准文号（绝密必填）
        #[arg(long, value_name = "文号", default_value = "")]
        external_ref: String,
    },
    /// 申请汇编（须有原制发机关的批准，R-PAP-21）
    Compile {
        #[arg(required = true, value_name = "编号")]
        nos: Vec<String>,
        #[arg(long, value_name = "标题")]
        title: String,
        #[arg(long, value_name = "文号")]
        external_ref: String,
        /// 汇编件的知悉范围（不得宽于各来源共同的范围；不写即取共同范围，R-CLS-5）
        #[arg(long, value_name = "范围", default_value = "")]
        scope: String,
    },
    /// 申请借阅（R-PAP-9）
    Loan {
        #[arg(value_name = "编号")]
        no: String,
        #[arg(long, value_name = "姓名")]
        borrower: String,
        #[arg(long, value_name = "日期")]
        return_by: String,
        #[arg(long, value_name = "用途", default_value = "")]
        purpose: String,
    },
    /// 申请携带外出（绝密须二人以上，R-PAP-11）
    TakeOut {
        #[arg(value_name = "编号")]
        no: String,
        /// 携带人（用顿号分隔）
        #[arg(long, value_name = "姓名")]
        persons: String,
        #[arg(long, value_name = "地点")]
        place: String,
        #[arg(long, value_name = "事由")]
        purpose: String,
        #[arg(long, value_name = "日期")]
        return_by: String,
        /// 携带出境（绝密禁止；须有出境许可证，R-PAP-27）
        #[arg(long)]
        abroad: bool,
        /// 《国家秘密载体出境许可证》编号
        #[arg(long, value_name = "编号", default_value = "")]
        exit_permit: String,
        /// 携带参加涉外活动（绝密禁止，R-PAP-28）
        #[arg(long)]
        foreign_affairs: bool,
    },
    /// 申请销毁（销毁清单，R-PAP-23）
    Destroy {
        #[arg(required = true, value_name = "编号")]
        nos: Vec<String>,
        #[arg(long, value_name = "理由", default_value = "")]
        reason: String,
    },
    /// 申请延长使用：写明延长至何日、如何告知发文机关（R-PAP-14）
    Extend {
        #[arg(value_name = "编号")]
        no: String,
        /// 延长至（最晚为清退期限后一年，见设置“延长使用最长”）
        #[arg(long, value_name = "日期")]
        until: String,
        /// 告知发文机关的函件或记录
        #[arg(long, value_name = "说明")]
        told: String,
        #[arg(long, value_name = "理由", default_value = "")]
        reason: String,
    },
    /// 移动存储介质须审批的事项：携带外出（R-MED-4）、销毁（R-MED-8）
    #[command(subcommand)]
    Medium(super::records::Requests<super::records::Media>),
    /// 计算机须审批的事项：导入外部数据（R-CMP-7）、输出（R-CMP-13）、维修和报废（R-CMP-8）、携带外出（R-CMP-12）
    #[command(subcommand)]
    Computer(super::records::Requests<super::records::Computers>),
    /// 涉密人员因私出国（境）：主管领导批准，保密员另须保密组织同意（R-PER-4）
    #[command(subcommand)]
    Person(super::records::Requests<super::records::People>),
    /// 申请解密或变更本单位制作的密件的密级、期限（R-CLS-7）
    Review {
        #[arg(value_name = "编号")]
        no: String,
        /// 解密、变更期限 或 变更密级
        #[arg(long, value_name = "结论")]
        result: String,
        /// 变更期限时：新的到期日
        #[arg(long, value_name = "日期")]
        until: Option<String>,
        /// 变更密级时：新的密级
        #[arg(long, value_name = "密级", default_value = "")]
        level: String,
        #[arg(long, value_name = "理由")]
        reason: String,
    },
}

pub fn request(c: RequestCommand, env: &Env) -> Outcome {
    let plan = match c {
        RequestCommand::Medium(r) => return super::records::request(r, env),
        RequestCommand::Computer(r) => return super::records::request(r, env),
        RequestCommand::Person(r) => return super::records::request(r, env),
        RequestCommand::Make {
            title,
            level,
            period,
            scope,
            copies,
            distribution,
            purpose,
            outside,
            printer,
            licence,
            dept,
            condition,
        } => Plan::Make(MakePlan {
            title,
            level,
            period,
            scope: split_list(&scope),
            copies,
            distribution: split_list(&distribution),
            purpose,
            outside,
            printer,
            printer_licence: licence,
            dept,
            condition,
        }),
        RequestCommand::Copy {
            no,
            copies,
            purpose,
            external_ref,
        } => Plan::Copy(CopyPlan {
            paper: no,
            copies,
            purpose,
            external_ref,
        }),
        RequestCommand::Compile {
            nos,
            title,
            external_ref,
            scope,
        } => Plan::Compile(CompilePlan {
            papers: nos,
            title,
            external_ref,
            scope: split_list(&scope),
        }),
        RequestCommand::Loan {
            no,
            borrower,
            return_by,
            purpose,
        } => Plan::Loan(LoanPlan {
            paper: no,
            borrower,
            return_by: deadline_flag("--return-by", &return_by, env.today)?,
            purpose,
        }),
        RequestCommand::TakeOut {
            no,
            persons,
            place,
            purpose,
            return_by,
            abroad,
            exit_permit,
            foreign_affairs,
        } => Plan::TakeOut(TakeOutPlan {
            paper: no,
            persons: split_list(&persons),
            place,
            purpose,
            return_by: deadline_flag("--return-by", &return_by, env.today)?,
            abroad,
            exit_permit,
            foreign_affairs,
        }),
        RequestCommand::Destroy { nos, reason } => Plan::Destroy(DestroyPlan {
            papers: nos,
            reason,
        }),
        RequestCommand::Extend {
            no,
            until,
            told,
            reason,
        } => Plan::Extend(ExtendPlan {
            paper: no,
            until: deadline_flag("--until", &until, env.today)?,
            told,
            reason,
        }),
        RequestCommand::Review {
            no,
            result,
            until,
            level,
            reason,
        } => Plan::Review(ReviewPlan {
            paper: no,
            result,
            until: match until {
                Some(u) => Some(date_flag("--until", &Some(u), env.today)?),
                None => None,
            },
            level,
            reason,
        }),
    };
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let st = stamp(&me, env);
    let r = store.change(&st, |c| approvals::file(c, plan.clone()))?;
    outln!("{}", r.id);
    errln!(
        "已提交{}申请 {}：{}，待{}审批",
        r.kind.name(),
        r.id,
        r.summary,
        r.decider
    );
    if let Some(note) = crate::store::people::plan_reminder(store.conn(), &plan)? {
        errln!("{note}");
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// table 或 json
    #[arg(long, default_value = "table", value_name = "格式")]
    pub format: String,
    /// 包括已办结的申请
    #[arg(long)]
    pub all: bool,
}

pub fn list(a: ListArgs, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let states = if a.all {
        vec![]
    } else {
        vec![RequestState::Pending, RequestState::Approved]
    };
    let list = approvals::list(store.conn(), &states)?;
    // R-DIS-2, R-EXT-1: the reviews waiting for this role's step are in the same queue.
    let steps = crate::store::records::steps::waiting(store.conn(), me.role)?;
    match a.format.as_str() {
        "json" => {
            let mut all: Vec<serde_json::Value> = list
                .iter()
                .map(|r| serde_json::to_value(r).unwrap_or_default())
                .collect();
            all.extend(steps.iter().map(|w| {
                serde_json::json!({
                    "id": null,
                    "kind": format!("{}_step", w.spec.key),
                    "summary": w.summary(),
                    "state": RequestState::Pending.name(),
                    "requested_on": dates::iso(w.since),
                    "decider": w.step.by.name(),
                    "record": w.no,
                    "step": w.step.label,
                    "rule": w.rule,
                })
            }));
            print_json(&all)
        }
        "table" => {
            let mut rows: Vec<Vec<String>> = list
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.kind.name().to_string(),
                        r.summary.clone(),
                        if r.lapsed(env.today) {
                            "已过期，须重新申请".to_string()
                        } else {
                            r.state.name().to_string()
                        },
                        format!("{}天", r.age(env.today)),
                        r.decider.to_string(),
                        r.approver.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            rows.extend(steps.iter().map(|w| {
                vec![
                    String::new(),
                    w.kind(),
                    w.summary(),
                    format!("待{}", w.step.label),
                    format!("{}天", w.age(env.today)),
                    w.step.by.name().to_string(),
                    format!("baomi {} step {}", w.spec.key, w.no),
                ]
            }));
            outp!(
                "{}",
                table(
                    &["申请号", "事项", "内容", "状态", "已等待", "审批人", "审批"],
                    &rows
                )
            );
            Ok(())
        }
        other => Err(Failure::usage(format!(
            "--format 的值「{other}」应为 table 或 json"
        ))),
    }
}

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// 申请号
    #[arg(value_name = "申请号", value_parser = super::bounds::id)]
    pub id: i64,
    /// 审批意见（驳回必填）
    #[arg(long, value_name = "意见", default_value = "")]
    pub opinion: String,
    /// 保密员录入纸质审批时：审批领导姓名
    #[arg(long, value_name = "姓名")]
    pub approver: Option<String>,
    /// 纸质审批的签批日期
    #[arg(long, value_name = "日期")]
    pub signed_on: Option<String>,
    /// 纸质审批表编号
    #[arg(long, value_name = "编号")]
    pub form_ref: Option<String>,
}

pub fn decide(a: DecideArgs, env: &Env, approve: bool) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let paper = match (&a.approver, &a.form_ref) {
        (None, None) => None,
        _ => Some(PaperApproval {
            approver: a.approver.clone().unwrap_or_default(),
            date: past_flag("--signed-on", &a.signed_on, env.today)?,
            form_ref: a.form_ref.clone().unwrap_or_default(),
        }),
    };
    let st = stamp(&me, env);
    let r = store.change(&st, |c| {
        approvals::decide(c, a.id, approve, &a.opinion, paper.as_ref())
    })?;
    outln!(
        "申请 {} {}（{}，{}）",
        r.id,
        r.state.name(),
        r.approver.clone().unwrap_or_default(),
        r.decided_on.map(dates::zh).unwrap_or_default()
    );
    Ok(())
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// 申请号
    #[arg(value_name = "申请号", value_parser = super::bounds::id)]
    pub id: i64,
}

pub fn withdraw(a: WithdrawArgs, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let st = stamp(&me, env);
    let r = store.change(&st, |c| approvals::withdraw(c, a.id))?;
    outln!("申请 {} 已撤回", r.id);
    Ok(())
}
