//! R-INC-1…5: leaks, losses and thefts (泄密事件), their register described once, and the order
//! the seed's 泄密事件报告查处制度 sets: the report to the bureau within 24 hours of the event
//! (报告表, 第五条), a follow-up within a week of it (第七条), then the closing report (结案报告表)
//! with the materials of 第十一条. Police or customs help is recorded (R-INC-3, 第六条); measures
//! get deadlines and a follow-up (R-INC-5, 第九条). A lost carrier accepts only its report or
//! being found (R-INC-4).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::media::NOTE;
use super::rectification::{self, CHECKED, FIX_BY, ITEM};
use crate::domain::dates;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::spec::Values;
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec,
};
use crate::domain::level::Level;
use crate::domain::numbering::Series;

/// What happened. The last four ask the police or customs to help (R-INC-3).
pub const KINDS: &[&str] = &["泄露", "遗失", "被盗", "被劫", "非法携运出境", "其他"];

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("time", "发生时间", Kind::Time)
        .required()
        .synonyms(&["时间"]),
    FieldSpec::new("level", "密级", Kind::Level)
        .required()
        .synonyms(&["泄密密级"]),
    FieldSpec::new("what", "泄密内容", Kind::Note)
        .required()
        .synonyms(&["泄密内容及密级", "事件"]),
    FieldSpec::new("kind", "类别", Kind::Choice(KINDS)).synonyms(&["事件类别"]),
    FieldSpec::new("carrier", "载体编号", Kind::Text)
        .max(32)
        .synonyms(&["载体保密编号"]),
    FieldSpec::new("place", "发生地点", Kind::Text).synonyms(&["地点"]),
    FieldSpec::new("dept", "部门", Kind::Text).synonyms(&["发生部门"]),
    FieldSpec::new("responsible", "责任人基本情况", Kind::Note).synonyms(&["责任人"]),
    FieldSpec::new("found_how", "泄密事件发现经过", Kind::Note).synonyms(&["发现经过"]),
    FieldSpec::new("course", "泄密事件发生经过", Kind::Note).synonyms(&["发生经过"]),
    FieldSpec::new("remedy", "补救措施", Kind::Note),
    FieldSpec::new("note", "备注", Kind::Note),
];

/// The closing report's fields and the materials of 第十一条 (1)–(5).
pub const CLOSING: &[FieldSpec] = &[
    FieldSpec::new("investigation", "泄密事件调查情况", Kind::Note),
    FieldSpec::new("handling", "责任人处理情况", Kind::Note),
    FieldSpec::new("rectified", "单位整改情况", Kind::Note),
    FieldSpec::new("inquiry_ref", "调查报告", Kind::Text),
    FieldSpec::new("statement_ref", "当事人情况说明和检讨书", Kind::Text),
    FieldSpec::new("handling_ref", "处理情况报告", Kind::Text),
    FieldSpec::new("note", "备注", Kind::Note),
];

/// The materials without which the closing report is not sent (第十一条): every one but 备注.
const CLOSING_REQUIRED: usize = 6;

const ACTS: &[ActSpec] = &[
    ActSpec::new(
        "reported",
        'r',
        "上报保密局",
        "R-INC-2",
        &[
            FieldSpec::new("time", "上报时间", Kind::Time).required(),
            FieldSpec::new("ref", "报告文号", Kind::Text),
            FieldSpec::new("to", "报告单位", Kind::Text),
        ],
    ),
    ActSpec::new(
        "follow-up",
        'f',
        "续报查处情况",
        "R-INC-2",
        &[FieldSpec::new("note", "续报情况", Kind::Note)],
    ),
    ActSpec::new(
        "assist",
        'a',
        "报请公安海关协查",
        "R-INC-3",
        &[
            FieldSpec::new("agency", "协查机关", Kind::Choice(&["公安", "海关"])).required(),
            FieldSpec::new("ref", "文书编号", Kind::Text),
            NOTE,
        ],
    ),
    ActSpec::new(
        "measure",
        'm',
        "整改措施",
        "R-INC-5",
        &[
            FieldSpec::new("text", "整改措施", Kind::Text).required(),
            FIX_BY,
        ],
    ),
    // R-INC-5: a measure is followed up even after the case is closed.
    ActSpec::new("fixed", 'x', "整改复查", "R-INC-5", &[ITEM, CHECKED]).in_states(&[
        "reporting",
        "reported",
        "followed",
        "closed",
    ]),
    ActSpec::new("close", 'c', "结案", "R-INC-2", CLOSING),
];

const STATES: &[StateSpec] = &[
    StateSpec::held("reporting", "待上报"),
    StateSpec::held("reported", "已上报"),
    StateSpec::held("followed", "已续报"),
    StateSpec::gone("closed", "已结案"),
];

/// 泄密事件登记.
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "incident",
    plural: "incidents",
    title: "泄密事件登记",
    noun: "泄密事件",
    series: Series::Incident,
    number_label: "事件编号",
    number_synonyms: &["编号"],
    fields: FIELDS,
    list: &[
        "no",
        "registered_on",
        "kind",
        "level",
        "what",
        "carrier",
        "state",
    ],
    print: &[
        "no",
        "registered_on",
        "time",
        "kind",
        "level",
        "what",
        "carrier",
        "place",
        "dept",
        "state",
    ],
    acts: ACTS,
    states: STATES,
    check_add,
    add_verb: "report",
    check_act,
};

/// The time of day a stored value holds.
fn time_of(v: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(v, "%H:%M").ok()
}

/// When the event happened: its day and time (R-INC-2 counts the 24 hours from it).
pub fn happened_at(r: &Record) -> Option<NaiveDateTime> {
    Some(r.registered_on.and_time(time_of(r.get("time"))?))
}

/// R-INC-1: an event is recorded with its time, level and content (the spec requires them).
fn check_add(_v: &Values, _today: NaiveDate) -> Checked<()> {
    Ok(())
}

fn get<'a>(v: &'a Values, k: &str) -> &'a str {
    v.get(k).map(String::as_str).unwrap_or("")
}

fn check_act(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    // R-INC-5: a measure is followed up even after the case is closed.
    if r.state == "closed" && act.verb != "fixed" {
        return Err(Refusal::rule(
            act.rule,
            format!("泄密事件 {} 已结案，不能再{}", r.no, act.label),
        ));
    }
    if cx.on < r.registered_on {
        return Err(Refusal::field("日期", "早于事件发生的日期"));
    }
    let out_of_order = |needs: &str| {
        Refusal::rule(
            "R-INC-2",
            format!(
                "泄密事件 {} 当前{}：须先{needs}，才能{}（上报→续报→结案）",
                r.no,
                r.state_label(),
                act.label
            ),
        )
    };
    match act.verb {
        "reported" => {
            if r.state != "reporting" {
                return Err(Refusal::rule(
                    "R-INC-2",
                    format!("泄密事件 {} 已上报（{}）", r.no, r.get("reported_at")),
                ));
            }
            let at = cx
                .on
                .and_time(time_of(get(v, "time")).unwrap_or(NaiveTime::MIN));
            if let Some(event) = happened_at(r)
                && at < event
            {
                return Err(Refusal::field("上报时间", "早于事件发生的时间"));
            }
            Ok(Outcome::state("reported")
                .set("reported_at", at.format("%Y-%m-%dT%H:%M").to_string())
                .set("report_ref", get(v, "ref"))
                .set("reported_to", get(v, "to")))
        }
        "follow-up" => {
            if r.state != "reported" {
                return Err(match r.state {
                    "reporting" => out_of_order("上报保密局（baomi incident reported）"),
                    _ => Refusal::rule("R-INC-2", format!("泄密事件 {} 已续报", r.no)),
                });
            }
            if r.date_time("reported_at")
                .is_some_and(|at| cx.on < at.date())
            {
                return Err(Refusal::field("日期", "早于上报的日期"));
            }
            Ok(Outcome::state("followed").set("followed_on", dates::iso(cx.on)))
        }
        "assist" => Ok(Outcome::default()
            .set("assist_by", get(v, "agency"))
            .set("assist_on", dates::iso(cx.on))
            .set("assist_ref", get(v, "ref"))),
        "measure" => rectification::add(r, v, cx.on, "R-INC-5"),
        "fixed" => rectification::fix(r, v, cx.on, "R-INC-5"),
        "close" => close(r, v, cx),
        _ => Err(Refusal::field(
            "办理",
            format!("泄密事件没有「{}」这一项", act.verb),
        )),
    }
}

/// R-INC-2, R-INC-3, R-INC-5: the closing report, after the follow-up, with every material of
/// 第十一条 (given now or before), police or customs asked where something went missing, and
/// measures set.
fn close(r: &Record, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    match r.state {
        "reporting" => {
            return Err(Refusal::rule(
                "R-INC-2",
                format!(
                    "泄密事件 {} 当前待上报：须先上报保密局、一周内续报，才能结案（上报→续报→结案）",
                    r.no
                ),
            ));
        }
        "reported" => {
            return Err(Refusal::rule(
                "R-INC-2",
                format!(
                    "泄密事件 {} 当前已上报：须先续报查处情况（baomi incident follow-up），才能结案",
                    r.no
                ),
            ));
        }
        _ => {}
    }
    let value = |k: &str| match get(v, k) {
        "" => r.get(k),
        x => x,
    };
    let missing: Vec<&str> = CLOSING[..CLOSING_REQUIRED]
        .iter()
        .filter(|f| value(f.key).is_empty())
        .map(|f| f.label)
        .collect();
    if !missing.is_empty() {
        return Err(Refusal::rule(
            "R-INC-2",
            format!(
                "结案须附齐材料（泄密事件报告查处制度第十一条），尚缺：{}",
                missing.join("、")
            ),
        ));
    }
    if needs_assist(r) && r.get("assist_on").is_empty() {
        return Err(Refusal::rule(
            "R-INC-3",
            format!(
                "{}的事件须报请公安或海关协助追查并记录：请先办理「{}」（命令行 baomi incident assist {} --agency 公安）",
                r.get("kind"),
                act_label("assist"),
                r.no
            ),
        ));
    }
    if rectification::count(r) == 0 {
        return Err(Refusal::rule(
            "R-INC-5",
            format!(
                "结案前须提出整改措施并定期限：请先办理「{}」（命令行 baomi incident measure {} --text … --fix-by …）",
                act_label("measure"),
                r.no
            ),
        ));
    }
    let mut out = Outcome::state("closed").set("closed_on", dates::iso(cx.on));
    for f in CLOSING {
        out = out.set(f.key, value(f.key));
    }
    Ok(out)
}

/// R-INC-3: lost, stolen, robbed or smuggled out: the police or customs are asked to help.
pub fn needs_assist(r: &Record) -> bool {
    matches!(r.get("kind"), "遗失" | "被盗" | "被劫" | "非法携运出境")
}

/// R-INC-4: a carrier reported lost accepts only its report to the bureau or being found.
pub fn check_lost_carrier(r: &Record, act: &ActSpec) -> Checked<()> {
    if r.state == "lost" && !matches!(act.verb, "report" | "found") {
        return Err(Refusal::rule(
            "R-INC-4",
            format!(
                "{} {} 已报告遗失，只能上报或找回，不能{}",
                r.spec.noun, r.no, act.label
            ),
        ));
    }
    Ok(())
}

/// The screen's name of an act, so a refusal tells the officer which key to press as well as the
/// command line's verb.
fn act_label(verb: &str) -> &'static str {
    SPEC.act(verb).map_or("", |a| a.label)
}

/// R-INC-2, R-MED-5, R-CMP-10: whether an incident naming a carrier still stands for what
/// happens to it now: open, and the carrier not found since. A carrier found and lost again is a
/// new event, with its own incident and its own 24 hours, even while the first is still being
/// followed up.
pub fn still_covers(incident: &Record) -> bool {
    incident.held() && incident.get("found_on").is_empty()
}

/// The incident a lost medium or computer opens (R-MED-5, R-CMP-10 with R-INC-2): the loss's
/// day and time, the carrier's level and number. `None` for a carrier below state-secret level:
/// its loss is reported as a loss, not a leak.
pub fn for_loss(carrier: &Record, note: &str) -> Option<(NaiveDate, BTreeMap<String, String>)> {
    if !carrier.level.is_none_or(Level::is_state_secret) {
        return None;
    }
    let at = carrier.date_time("lost_at")?;
    let kind = match carrier.get("kind") {
        "" => format!("{}{}", carrier.get("class"), carrier.spec.noun),
        k => k.to_string(),
    };
    let mut what = format!("{kind} {} 遗失", carrier.no);
    if !note.trim().is_empty() {
        what.push_str(&format!("：{}", note.trim()));
    }
    let level = carrier.level.unwrap_or(Level::TopSecret);
    let values = [
        ("time", at.format("%H:%M").to_string()),
        ("level", level.name().to_string()),
        ("what", what),
        ("kind", "遗失".to_string()),
        ("carrier", carrier.no.clone()),
        ("dept", carrier.get("dept").to_string()),
        // Who had it when it was lost; a carrier lost from the store answers to its keeper.
        (
            "responsible",
            match carrier.get("lost_by") {
                "" => carrier.keeper.clone(),
                by => by.to_string(),
            },
        ),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    Some((at.date(), values))
}

#[cfg(test)]
pub(crate) mod tests;
