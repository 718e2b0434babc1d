//! The approvals screen's forms: a decision (by the leader's login, or the officer recording the
//! signed approval of whoever decides, R-SYS-6), the requests filed from the queue, and
//! registering an approved compilation.

use chrono::NaiveDate;

use crate::domain::Refusal;
use crate::domain::account::Role;
use crate::domain::approval::{Authority, PaperApproval};
use crate::domain::cabinet::Cabinet;
use crate::domain::dates;
use crate::domain::level::{Level, Period};
use crate::domain::paper::{CompilePlan, MakePlan, Plan};
use crate::domain::text::split_list;
use crate::store::approvals::{self, Request};
use crate::store::papers;
use crate::ui::action::Session;
use crate::ui::screens::cabinets::{follow_level, level_in, location_field};
use crate::ui::screens::paper::file_job;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};

/// Who decides `r`, as the store named it.
pub(super) fn authority(r: &Request) -> Authority {
    if r.decider == Authority::Originator.name() {
        Authority::Originator
    } else {
        Authority::UnitLeader
    }
}

/// The originator's approval reference the plan already names (copying 绝密, compiling).
fn external_ref(plan: &Plan) -> &str {
    match plan {
        Plan::Copy(p) => &p.external_ref,
        Plan::Compile(p) => &p.external_ref,
        _ => "",
    }
}

/// The decision form: a leader gives an opinion; an officer copies in the signed approval — a
/// leader's of this unit (offered by name), or the originating authority's letter, by the body's
/// name and the letter's reference (prefilled from the paper and the request).
pub(super) fn decide_form(
    r: &Request,
    approve: bool,
    role: Role,
    today: NaiveDate,
    leaders: &[String],
    originator: &str,
) -> Form {
    let id = r.id;
    let mut fields = Vec::new();
    if role == Role::Officer {
        match authority(r) {
            Authority::UnitLeader | Authority::DepartmentHead => {
                let approver = if leaders.is_empty() {
                    Field::text("approver", "审批人")
                        .hint("本单位还没有主管领导账号：请先在设置中添加")
                } else {
                    let names: Vec<&str> = leaders.iter().map(String::as_str).collect();
                    Field::choice("approver", "审批人", &names).hint(format!(
                        "在纸质审批表上签字的主管领导，Left/Right 选择：{}",
                        leaders.join("、")
                    ))
                };
                fields.extend([
                    approver.required(),
                    Field::text("signed_on", "签批日期")
                        .with(&dates::zh(today))
                        .required(),
                    Field::text("form_ref", "审批表编号").required(),
                ]);
            }
            Authority::Originator => fields.extend([
                Field::text("approver", "机关名称")
                    .required()
                    .with(originator)
                    .hint("批准的原制发机关（或其上级机关）的名称"),
                Field::text("form_ref", "批准文号")
                    .required()
                    .with(external_ref(&r.plan))
                    .hint("该机关批准文件或函件的文号"),
                Field::text("signed_on", "批准日期")
                    .with(&dates::zh(today))
                    .required()
                    .hint("批准文件的日期"),
            ]),
        }
    }
    let opinion = Field::text("opinion", "审批意见").with(if approve { "同意" } else { "" });
    fields.push(if approve { opinion } else { opinion.required() });
    let verb = if approve { "批准" } else { "驳回" };
    let date_label = match authority(r) {
        Authority::UnitLeader | Authority::DepartmentHead => "签批日期",
        Authority::Originator => "批准日期",
    };
    Form::new(
        format!("{verb}申请 {}", r.id),
        fields,
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let paper = if role == Role::Officer {
                Some(PaperApproval {
                    approver: v.get("approver").into(),
                    date: dates::parse_past(date_label, v.get("signed_on"), today)?,
                    form_ref: v.get("form_ref").into(),
                })
            } else {
                None
            };
            let opinion = v.get("opinion").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let r = s.store.change(&stamp, |c| {
                    approvals::decide(c, id, approve, &opinion, paper.as_ref())
                })?;
                Ok(format!(
                    "申请 {} {}（{}）",
                    r.id,
                    r.state.name(),
                    r.approver.unwrap_or_default()
                ))
            }))
        }),
    )
    .note(format!("{}：{}", r.kind.name(), r.summary))
    .note(format!("须由{}审批（{}）", r.decider, r.kind.rule()))
}

/// 制作申请 (R-PAP-1, R-CLS-3): the classification decision goes in front of the leader.
pub(super) fn make_request_form() -> Form {
    Form::new(
        "制作申请",
        vec![
            Field::text("title", "标题").required(),
            Field::choice("level", "密级", &["秘密", "机密", "绝密"])
                .hint("制作须履行定密程序（R-CLS-3）"),
            Field::text("period", "保密期限").hint("10年、长期或日期；不写按密级默认"),
            Field::text("scope", "知悉范围")
                .required()
                .hint("用顿号分隔"),
            Field::text("copies", "拟制作份数").required(),
            Field::text("distribution", "发放范围").hint("收文单位，用顿号分隔（R-PAP-5）"),
            Field::text("purpose", "用途"),
        ],
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let plan = Plan::Make(MakePlan {
                title: v.get("title").into(),
                level: v.get("level").into(),
                period: v.get("period").into(),
                scope: split_list(v.get("scope")),
                copies: v
                    .get("copies")
                    .parse()
                    .map_err(|_| Refusal::field("拟制作份数", "应为正整数"))?,
                distribution: split_list(v.get("distribution")),
                purpose: v.get("purpose").into(),
                ..MakePlan::default()
            });
            Ok(file_job(plan))
        }),
    )
}

/// 汇编申请 (R-PAP-21).
pub(super) fn compile_request_form() -> Form {
    Form::new(
        "汇编申请",
        vec![
            Field::text("papers", "来源编号")
                .required()
                .hint("两件以上，用逗号分隔"),
            Field::text("title", "汇编标题").required(),
            Field::text("external_ref", "原制发机关批准")
                .required()
                .hint("批准文号或函件（R-PAP-21）"),
            Field::text("scope", "知悉范围")
                .hint("不写即取各来源共同的知悉范围；写则不得宽于它（R-CLS-5）"),
        ],
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let plan = Plan::Compile(CompilePlan {
                scope: split_list(v.get("scope")),
                papers: split_list(v.get("papers")),
                title: v.get("title").into(),
                external_ref: v.get("external_ref").into(),
            });
            Ok(file_job(plan))
        }),
    )
}

/// The highest level among a compilation's sources: the compilation's own unless the officer
/// says otherwise (R-CLS-5), and what its cabinet must fit.
pub(super) fn compile_level(s: &mut Session, r: &Request) -> Level {
    let nos = match &r.plan {
        Plan::Compile(c) => c.papers.clone(),
        _ => vec![],
    };
    nos.iter()
        .filter_map(|no| papers::get(s.store.conn(), no).ok())
        .map(|p| p.level)
        .max()
        .unwrap_or(Level::Secret)
}

/// Registers an approved compilation (R-CLS-5: the highest level and longest period by default).
pub(super) fn compile_form(
    r: &Request,
    today: NaiveDate,
    cabinets: Vec<Cabinet>,
    highest: Level,
) -> Form {
    let id = r.id;
    Form::new(
        format!("办理汇编：申请 {id}"),
        vec![
            Field::text("level", "汇编件密级").hint("不写则取来源中的最高密级（R-CLS-5）"),
            Field::text("period", "汇编件保密期限").hint("不写则取来源中最长的期限"),
            location_field("location", "存放位置", &cabinets, highest, ""),
            Field::text("date", "日期").with(&dates::zh(today)),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let level = match v.get("level") {
                "" => None,
                l => Some(Level::parse_field("汇编件密级", l)?),
            };
            let period = match v.get("period") {
                "" => None,
                p => Some(Period::parse_field("汇编件保密期限", p)?),
            };
            let on = if v.get("date").is_empty() {
                today
            } else {
                dates::parse_past("日期", v.get("date"), today)?
            };
            let location = v.get("location").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let p = s.store.change(&stamp, |c| {
                    papers::compile(c, id, on, level, period, &location)
                })?;
                Ok(format!(
                    "汇编件已登记为 {}（{}），存放于{}",
                    p.no,
                    p.mark(),
                    p.location
                ))
            }))
        }),
    )
    .note(r.summary.clone())
    // The cabinets follow the level typed, or the sources' highest while none is.
    .linked(follow_level(
        move |f| Some(level_in(f, "level").unwrap_or(highest)),
        cabinets,
    ))
}
