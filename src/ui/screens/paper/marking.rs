//! What a paper's marking and its readers are: the declassification review (R-CLS-7) and the
//! knowledge scope the leader instructs (R-CLS-2).

use chrono::NaiveDate;

use super::acts::{act_form, date_field};
use crate::domain::Refusal;
use crate::domain::carrier::EventKind;
use crate::domain::dates;
use crate::domain::level::Level;
use crate::domain::paper::Paper;
use crate::domain::rules::paper::{ReviewResult, WHOLE_UNIT};
use crate::domain::text::split_list;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::Values;

/// The results a review may come to.
pub(super) const RESULTS: [&str; 3] = ["解密", "变更期限", "变更密级"];

/// The fields of a review's result: what it decides, the new end of the period, the new level.
pub(super) fn review_fields(p: &Paper) -> Vec<Field> {
    let mut levels = vec![""];
    levels.extend(
        [Level::TopSecret, Level::Secret, Level::Confidential]
            .into_iter()
            .filter(|l| *l != p.level)
            .map(Level::name),
    );
    vec![
        Field::choice("result", "审查结论", &RESULTS)
            .hint("Left/Right 选择：解密、变更期限、变更密级"),
        Field::text("until", "新的到期日").hint("变更期限时填写，如 2030-12-31"),
        Field::choice("level", "新密级", &levels)
            .hint(format!("变更密级时选择（现为{}）", p.level.name())),
    ]
}

/// The review's result as the fields say it: (结论, 新的到期日, 新密级).
pub(super) fn review_values(v: &Values) -> Result<(String, Option<NaiveDate>, String), Refusal> {
    let until = dates::parse_optional("新的到期日", v.get("until"))?;
    Ok((v.get("result").into(), until, v.get("level").into()))
}

/// R-CLS-7: a received paper (or a copy of one) changes on its originator's notice, recorded
/// directly with the notice's reference; no request of this unit decides it.
pub(super) fn notice_review_form(p: &Paper, today: NaiveDate) -> crate::ui::widgets::form::Form {
    let mut fields = review_fields(p);
    fields.push(
        Field::text("reference", "原制发机关通知文号")
            .required()
            .hint(format!("{}关于解密或变更的通知（R-CLS-7）", p.originator)),
    );
    fields.push(date_field(&dates::zh(today)));
    act_form(p, EventKind::Review, today, fields, |v, act| {
        let (result, until, level) = review_values(v)?;
        let r = ReviewResult::parse(&result, until, &level)?;
        act.method = r.method();
        act.due = until;
        act.reference = v.get("reference").into();
        Ok(None)
    })
    .note(format!(
        "收到的密件由{}决定解密或变更，凭其通知登记（R-CLS-7）",
        p.originator
    ))
}

/// R-CLS-2: the knowledge scope the leader instructed, set or widened.
pub(super) fn scope_form(
    p: &Paper,
    leaders: &[String],
    today: NaiveDate,
) -> crate::ui::widgets::form::Form {
    let by = if leaders.is_empty() {
        Field::text("by", "批示领导").hint("本单位还没有主管领导账号：请在设置中添加")
    } else {
        let names: Vec<&str> = leaders.iter().map(String::as_str).collect();
        Field::choice("by", "批示领导", &names).hint(format!(
            "作出批示的主管领导，Left/Right 选择：{}",
            leaders.join("、")
        ))
    };
    act_form(
        p,
        EventKind::Scope,
        today,
        vec![
            Field::text("scope", "知悉范围")
                .required()
                .with(&p.scope.join("、"))
                .hint(format!(
                    "人名或部门，用顿号分隔；“{}”为全体人员",
                    WHOLE_UNIT[0]
                )),
            by.required(),
            Field::text("reference", "依据").hint("批示的文号或记录，如 领导批示单第12号"),
            date_field(&dates::zh(today)),
        ],
        |v, act| {
            act.persons = split_list(v.get("scope"));
            act.person = v.get("by").into();
            act.reference = v.get("reference").into();
            Ok(None)
        },
    )
    .note(format!(
        "{}件由主管领导批示确定知悉范围，借阅、外出、复印的人须在范围内（R-CLS-2）",
        p.level.name()
    ))
}
