//! R-ORG-4: the cooperation group (江门市市直保密工作协作组工作规则): its activities, each with the
//! 协作组活动情况记录表 sent to the bureau within a week (第十二条), and its information articles
//! (第十三条), in one register; the year's counts and the members absent twice running (第十六条)
//! are due items (`domain::due::organisation`).

use chrono::NaiveDate;

use super::KEPT;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, Values,
};
use crate::domain::numbering::Series;
use crate::domain::text::LIST_MAX;

pub const ACTIVITY: &str = "活动";
pub const ARTICLE: &str = "信息稿件";
/// 第十条: the forms an activity takes.
pub const FORMS: &[&str] = &["会议", "座谈", "检查评比", "观摩考察", "专题调研"];

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("kind", "类别", Kind::Choice(&[ACTIVITY, ARTICLE])).required(),
    FieldSpec::new("title", "主题", Kind::Text)
        .required()
        .synonyms(&["活动主题", "稿件标题", "标题"]),
    FieldSpec::new("form", "活动形式", Kind::Choice(FORMS)),
    FieldSpec::new("place", "活动地点", Kind::Text).synonyms(&["地点"]),
    FieldSpec::new("leader_unit", "组长单位", Kind::Text),
    FieldSpec::new("attended", "本单位参加", Kind::Flag),
    FieldSpec::new("leave", "请假的单位及理由", Kind::Text).max(LIST_MAX),
    FieldSpec::new("absent", "缺席的单位", Kind::Text)
        .max(LIST_MAX)
        .synonyms(&["缺席的单位及理由"]),
    FieldSpec::new("content", "活动内容", Kind::Note).synonyms(&["内容"]),
];

const ACTS: &[ActSpec] = &[ActSpec::new(
    "sent",
    's',
    "报送记录表",
    "R-ORG-4",
    &[
        FieldSpec::new("signed_by", "签发领导", Kind::Person).required(),
        FieldSpec::new("ref", "文号", Kind::Text).max(64),
    ],
)];

/// R-ORG-4: the cooperation group's activities and information articles.
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "coop-group",
    plural: "coop-activities",
    title: "协作组活动情况登记",
    noun: "协作组活动",
    series: Series::CoopGroup,
    number_label: "活动编号",
    number_synonyms: &[],
    fields: FIELDS,
    list: &["no", "registered_on", "kind", "title", "form", "attended"],
    print: &[
        "no",
        "registered_on",
        "kind",
        "title",
        "form",
        "place",
        "leader_unit",
        "attended",
        "leave",
        "absent",
        "content",
    ],
    acts: ACTS,
    states: KEPT,
    add_verb: "add",
    check_add,
    check_act,
};

/// R-ORG-4: an activity has its form (第十条); an article is not given one.
fn check_add(v: &Values, _today: NaiveDate) -> Checked<()> {
    let activity = v.get("kind").map(String::as_str) == Some(ACTIVITY);
    if activity && !v.contains_key("form") {
        return Err(Refusal::rule(
            "R-ORG-4",
            format!("协作组活动须写明形式：{}", FORMS.join("、")),
        ));
    }
    if !activity && (v.contains_key("form") || v.contains_key("absent")) {
        return Err(Refusal::field(
            "活动形式",
            "信息稿件不是活动，不填形式和缺席单位",
        ));
    }
    Ok(())
}

/// R-ORG-4: the record form of an activity is sent once, by a leader, on or after the activity.
fn check_act(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    if act.verb != "sent" {
        return Err(Refusal::field(
            "办理",
            format!("协作组活动没有「{}」这一项", act.verb),
        ));
    }
    if r.get("kind") != ACTIVITY {
        return Err(Refusal::rule("R-ORG-4", "只有协作组活动报送情况记录表"));
    }
    if !r.get("sent_on").is_empty() {
        return Err(Refusal::rule(
            "R-ORG-4",
            format!("{} 的情况记录表已于 {} 报送", r.no, r.get("sent_on")),
        ));
    }
    if cx.on < r.registered_on {
        return Err(Refusal::field("日期", "早于活动日期"));
    }
    let signed = v.get("signed_by").cloned().unwrap_or_default();
    Ok(Outcome::default()
        .set("sent_on", crate::domain::dates::iso(cx.on))
        .set("sent_signed_by", signed))
}
