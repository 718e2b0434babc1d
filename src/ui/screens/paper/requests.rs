//! Requests filed from a paper's page for whoever decides them (the leader, or for copying 绝密
//! the originator), and carrying out an approved one.

use chrono::NaiveDate;

use super::acts::{date_field, done_message};
use super::marking;
use crate::domain::Refusal;
use crate::domain::approval::RequestKind;
use crate::domain::cabinet::Cabinet;
use crate::domain::carrier::EventKind;
use crate::domain::dates;
use crate::domain::level::{Level, Period};
use crate::domain::paper::{
    CopyPlan, DestroyPlan, ExtendPlan, LoanPlan, Paper, Plan, ReviewPlan, TakeOutPlan,
};
use crate::domain::rules::paper::{Act, DESTROY_METHODS, extension_limit};
use crate::domain::text::split_list;
use crate::store::approvals::{self, Request};
use crate::store::papers::{self, ActInput, CopyAct, CopyMarking};
use crate::ui::action::Session;
use crate::ui::screens::cabinets::location_field;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};

/// A request for a leader's approval, filed from the paper's page.
/// `max_years` is the setting 延长使用最长 (R-PAP-14).
pub(super) fn request_form(
    p: &Paper,
    kind: RequestKind,
    officer: &str,
    today: NaiveDate,
    max_years: i64,
) -> Form {
    let no = p.no.clone();
    let level = p.level;
    let fields = match kind {
        RequestKind::Loan => vec![
            Field::text("borrower", "借阅人")
                .required()
                .hint(scope_hint(p)),
            Field::text("return_by", "归还日期").required(),
            Field::text("purpose", "用途"),
        ],
        RequestKind::TakeOut => vec![
            Field::text("persons", "携带人").required().hint(format!(
                "{}；{}",
                if level == Level::TopSecret {
                    "绝密须二人以上同行，用顿号分隔（R-PAP-11）"
                } else {
                    "用顿号分隔"
                },
                scope_hint(p)
            )),
            Field::text("place", "去往地点").required(),
            Field::text("purpose", "事由")
                .required()
                .hint("严禁携带密件去与工作无关的场所"),
            Field::text("return_by", "带回日期").required(),
        ],
        RequestKind::Copy => vec![
            Field::text("copies", "份数").required().with("1"),
            Field::text("purpose", "用途").required(),
            Field::text("external_ref", "原定密机关批准文号").hint(if level == Level::TopSecret {
                "绝密必填（R-PAP-19）"
            } else {
                "绝密件才需要"
            }),
        ],
        RequestKind::Extend => vec![
            Field::text("until", "延长至").required().hint(format!(
                "到期再清退，最晚{}（R-PAP-14）",
                dates::zh(extension_limit(p, today, max_years))
            )),
            Field::text("told", "告知发文机关").required().hint(format!(
                "告知{}的函件或记录，如 函件文号、电话记录",
                p.originator
            )),
            Field::text("reason", "理由"),
        ],
        RequestKind::Review => {
            let mut f = marking::review_fields(p);
            f.push(Field::text("reason", "理由").required());
            f
        }
        _ => vec![
            Field::text("reason", "理由")
                .with("无保存价值")
                .hint(format!("由{officer}等两人以上销毁")),
        ],
    };
    let decider = kind.authority(Some(level)).name();
    Form::new(
        format!("申请{}：{}", kind.name(), p.no),
        fields,
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let plan = match kind {
                RequestKind::Loan => Plan::Loan(LoanPlan {
                    paper: no.clone(),
                    borrower: v.get("borrower").into(),
                    return_by: dates::parse_deadline("归还日期", v.get("return_by"), today)?,
                    purpose: v.get("purpose").into(),
                }),
                RequestKind::TakeOut => Plan::TakeOut(TakeOutPlan {
                    paper: no.clone(),
                    persons: split_list(v.get("persons")),
                    place: v.get("place").into(),
                    purpose: v.get("purpose").into(),
                    return_by: dates::parse_deadline("带回日期", v.get("return_by"), today)?,
                    ..TakeOutPlan::default()
                }),
                RequestKind::Copy => Plan::Copy(CopyPlan {
                    paper: no.clone(),
                    copies: v
                        .get("copies")
                        .parse()
                        .map_err(|_| Refusal::field("份数", "应为正整数"))?,
                    purpose: v.get("purpose").into(),
                    external_ref: v.get("external_ref").into(),
                }),
                RequestKind::Extend => Plan::Extend(ExtendPlan {
                    paper: no.clone(),
                    until: dates::parse_deadline("延长至", v.get("until"), today)?,
                    told: v.get("told").into(),
                    reason: v.get("reason").into(),
                }),
                RequestKind::Review => {
                    let (result, until, level) = marking::review_values(v)?;
                    Plan::Review(ReviewPlan {
                        paper: no.clone(),
                        result,
                        until,
                        level,
                        reason: v.get("reason").into(),
                    })
                }
                _ => Plan::Destroy(DestroyPlan {
                    papers: vec![no.clone()],
                    reason: v.get("reason").into(),
                }),
            };
            Ok(file_job(plan))
        }),
    )
    .note(format!("{}《{}》", p.mark(), p.title))
    .note(format!(
        "{}须经{decider}批准（{}）",
        kind.name(),
        kind.rule()
    ))
}

/// Files `plan` for whoever decides it, and says who that is.
pub(crate) fn file_job(plan: Plan) -> FormJob {
    Box::new(move |s: &mut Session| {
        let stamp = s.stamp();
        let r = s
            .store
            .change(&stamp, |c| approvals::file(c, plan.clone()))?;
        let note = crate::store::people::plan_reminder(s.store.conn(), &plan)?
            .map(|n| format!("；{n}"))
            .unwrap_or_default();
        Ok(format!(
            "已提交{}申请 {}，待{}审批{note}",
            r.kind.name(),
            r.id,
            r.decider
        ))
    })
}

/// The scope a borrower or carrier must be inside (R-CLS-2, R-PAP-9).
fn scope_hint(p: &Paper) -> String {
    if p.scope.is_empty() {
        "知悉范围尚未确定：先按 k 录入主管领导的批示".into()
    } else {
        format!("须在知悉范围内：{}", p.scope.join("、"))
    }
}

/// Carrying out an approved request on this paper.
pub(super) fn execute_form(
    p: &Paper,
    kind: RequestKind,
    ready: &[&Request],
    today: NaiveDate,
    officer: &str,
    cabinets: &[Cabinet],
) -> Form {
    let options: Vec<String> = ready.iter().map(|r| format!("{}", r.id)).collect();
    let option_refs: Vec<&str> = options.iter().map(String::as_str).collect();
    let summary = ready
        .iter()
        .map(|r| {
            format!(
                "申请{}：{}（{}批准{}）",
                r.id,
                r.summary,
                r.approver.clone().unwrap_or_default(),
                match r.expires_on {
                    Some(e) if r.lapsed(today) => format!("，已于{}过期，须重新申请", dates::zh(e)),
                    Some(e) => format!("，有效期至{}", dates::zh(e)),
                    None => String::new(),
                }
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    let mut fields = vec![Field::choice("request", "申请号", &option_refs)];
    let event = match kind {
        RequestKind::Loan => EventKind::Loan,
        RequestKind::TakeOut => EventKind::TakeOut,
        RequestKind::Copy => EventKind::Copy,
        RequestKind::Extend => EventKind::Extend,
        RequestKind::Review => EventKind::Review,
        _ => EventKind::Destroy,
    };
    match kind {
        RequestKind::Copy => {
            let approved_copies = match &ready[0].plan {
                Plan::Copy(c) => c.copies.to_string(),
                _ => "1".into(),
            };
            fields.extend([
                Field::text("copies", "份数").with(&approved_copies),
                // A copy keeps the original's level (R-CLS-4), so its cabinet fits that.
                location_field("location", "存放位置", cabinets, p.level, &p.location),
                Field::text("receiver", "领取人"),
                Field::text("return_by", "归还日期"),
                Field::text("level", "复印件密级")
                    .with(p.level.name())
                    .hint("复印件不得改变密级（R-CLS-4）"),
                Field::text("period", "复印件保密期限")
                    .with(&p.period.map(|x| x.stored()).unwrap_or_default())
                    .hint("复印件不得改变保密期限（R-CLS-4）"),
            ]);
        }
        RequestKind::Destroy => fields.extend([
            Field::text("persons", "销毁人")
                .required()
                .with(officer)
                .hint("两人以上，其中须有保密员，用顿号分隔（R-PAP-23）"),
            Field::choice("method", "销毁方式", &DESTROY_METHODS)
                .hint("绝密件和密码电报只能在本单位销毁（R-PAP-24）"),
        ]),
        _ => {}
    }
    fields.push(date_field(&dates::zh(today)));
    // R-PAP-8: whoever takes a 绝密 paper is recorded with the time; an act dated today takes the
    // clock's, an earlier one is asked for it.
    if matches!(kind, RequestKind::Loan | RequestKind::TakeOut) && p.level == Level::TopSecret {
        fields.push(
            Field::text("at", "签领时间")
                .hint("如 09:30；今天办理可不填（记当前时间），补登以前的须填（R-PAP-8）"),
        );
    }
    let no = p.no.clone();
    let original_period = p.period;
    Form::new(
        format!("办理{}：{}", kind.name(), p.no),
        fields,
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let on: NaiveDate = dates::parse_past("日期", v.get("date"), today)?;
            let request: i64 = v
                .get("request")
                .parse()
                .map_err(|_| Refusal::field("申请号", "请选择已批准的申请"))?;
            let no = no.clone();
            if kind == RequestKind::Copy {
                let copies: i64 = v
                    .get("copies")
                    .parse()
                    .map_err(|_| Refusal::field("份数", "应为正整数"))?;
                let marking = CopyMarking {
                    level: Some(Level::parse_field("复印件密级", v.get("level"))?),
                    period: if v.get("period").is_empty() {
                        original_period
                    } else {
                        Some(Period::parse_field("复印件保密期限", v.get("period"))?)
                    },
                    scope: None,
                };
                let receiver = v.get("receiver").to_string();
                let location = v.get("location").to_string();
                let return_by =
                    dates::parse_optional_deadline("归还日期", v.get("return_by"), today)?;
                return Ok(Box::new(move |s: &mut Session| {
                    let stamp = s.stamp();
                    let c = s.store.change(&stamp, |c| {
                        papers::copy(
                            c,
                            &no,
                            &CopyAct {
                                request_id: request,
                                copies,
                                on,
                                marking: marking.clone(),
                                location: location.clone(),
                                receiver: receiver.to_string(),
                                return_by,
                            },
                        )
                    })?;
                    Ok(format!("复印件已登记为 {}（原件 {no}）", c.no))
                }));
            }
            let act = Act {
                on,
                at: v.get("at").into(),
                persons: split_list(v.get("persons")),
                method: v.get("method").into(),
                ..Act::default()
            };
            Ok(Box::new(move |s: &mut Session| {
                let rooms = s.settings().reading_rooms;
                let stamp = s.stamp();
                let p = s.store.change(&stamp, |c| {
                    papers::act(
                        c,
                        &no,
                        &ActInput {
                            kind: event,
                            act,
                            request_id: Some(request),
                            reading_rooms: &rooms,
                        },
                    )
                })?;
                Ok(done_message(event, &p))
            }))
        }),
    )
    .note(summary)
}
