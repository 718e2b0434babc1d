//! R-INS-1…5: inspections (保密检查) — departments' self-checks (自查), the committee's spot checks
//! (抽查) and the bureau's checks (局检查) — their register described once, on the seed's
//! 保密检查记录表; each finding a rectification with a deadline (R-INS-2); a leak found opens an
//! incident (R-INS-3); a bureau check notified a week ahead (R-INS-4); the papers filed as the
//! inspection's archive (R-INS-5).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::rectification::{self, CHECKED, FIX_BY, ITEM};
use crate::domain::dates;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::spec::Values;
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec,
};
use crate::domain::level::Level;
use crate::domain::numbering::Series;

/// R-INS-1, R-INS-4: who checks.
pub const KINDS: &[&str] = &["自查", "抽查", "局检查"];
/// The kind that may be registered ahead: the bureau tells the unit a week before (R-INS-4).
pub const BUREAU: &str = "局检查";

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("kind", "检查类型", Kind::Choice(KINDS))
        .required()
        .synonyms(&["检查类别"]),
    FieldSpec::new("dept", "部门（部位）", Kind::Text).synonyms(&["受检部门", "部门", "部位"]),
    FieldSpec::new("head", "部门负责人", Kind::Person),
    FieldSpec::new("level", "涉密程度", Kind::Level).synonyms(&["密级"]),
    FieldSpec::new("inspectors", "检查人员", Kind::Text).synonyms(&["检查人"]),
    FieldSpec::new("since", "上次检查结束日期", Kind::Date).synonyms(&["检查期间起"]),
    FieldSpec::new("note", "备注", Kind::Note),
];

/// The sections of the 保密检查记录表 an officer writes (the counts baomi fills itself).
pub const SECTIONS: &[FieldSpec] = &[
    FieldSpec::new("staff_changes", "人员变动情况", Kind::Note),
    FieldSpec::new("travel", "人员出境情况", Kind::Note),
    FieldSpec::new("training", "保密教育培训情况", Kind::Note),
    FieldSpec::new("duty", "履行保密责任情况", Kind::Note),
    FieldSpec::new("top_secret", "绝密件管理情况", Kind::Note),
    FieldSpec::new("equipment", "保密设备、设施检查情况", Kind::Note),
    FieldSpec::new("premises", "办公场所防范情况", Kind::Note),
    FieldSpec::new("other", "其他情况", Kind::Note),
    FieldSpec::new("hazards", "泄密隐患", Kind::Note),
    FieldSpec::new("requirements", "保密整改措施及保密要求", Kind::Note),
];

const ACTS: &[ActSpec] = &[
    ActSpec::new(
        "conduct",
        'c',
        "实施检查",
        "R-INS-4",
        &[FieldSpec::new("inspectors", "检查人员", Kind::Text)],
    ),
    ActSpec::new("record", 'r', "填写检查记录表", "R-INS-1", SECTIONS),
    ActSpec::new(
        "finding",
        'f',
        "发现问题",
        "R-INS-2",
        &[
            FieldSpec::new("text", "问题及整改要求", Kind::Text).required(),
            FIX_BY,
            FieldSpec::new("leak", "发现泄密事件", Kind::Flag),
            FieldSpec::new("leak_level", "泄密密级", Kind::Level),
            FieldSpec::new("time", "发现时间", Kind::Time),
        ],
    ),
    // R-INS-2: a finding is rectified even after the inspection is filed.
    ActSpec::new("fixed", 'x', "整改完成", "R-INS-2", &[ITEM, CHECKED])
        .in_states(&["open", "planned", "archived"]),
    ActSpec::new(
        "archive",
        'a',
        "立卷归档",
        "R-INS-5",
        &[
            FieldSpec::new("papers", "检查档案材料", Kind::Note).required(),
            FieldSpec::new("volume", "档案号", Kind::Text),
        ],
    ),
];

const STATES: &[StateSpec] = &[
    StateSpec::held("open", "已检查"),
    StateSpec::held("planned", "待检查"),
    StateSpec::gone("archived", "已归档"),
];

/// 保密检查登记 (the 保密检查记录表 of each).
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "inspection",
    plural: "inspections",
    title: "保密检查登记",
    noun: "保密检查",
    series: Series::Inspection,
    number_label: "检查编号",
    number_synonyms: &["编号"],
    fields: FIELDS,
    list: &["no", "registered_on", "kind", "dept", "inspectors", "state"],
    print: &[
        "no",
        "registered_on",
        "kind",
        "dept",
        "head",
        "level",
        "inspectors",
        "state",
    ],
    acts: ACTS,
    states: STATES,
    check_add,
    add_verb: "add",
    check_act,
};

fn check_add(_v: &Values, _today: NaiveDate) -> Checked<()> {
    Ok(())
}

/// R-INS-4: the day of an inspection and so its first state: one done (today or before) is
/// recorded as checked; only a bureau check, of which the unit is told a week ahead, may be
/// registered for a day to come, and waits for it.
pub fn first_state(v: &Values, on: NaiveDate, today: NaiveDate) -> Checked<&'static str> {
    if on <= today {
        return Ok("open");
    }
    if v.get("kind").map(String::as_str) != Some(BUREAU) {
        return Err(Refusal::rule(
            "R-INS-4",
            format!(
                "只有保密局检查（局检查）可以提前登记；自查、抽查在检查后登记，日期不能晚于今天（{}）",
                dates::iso(today)
            ),
        ));
    }
    dates::check_deadline("检查日期", on, today)?;
    Ok("planned")
}

fn get<'a>(v: &'a Values, k: &str) -> &'a str {
    v.get(k).map(String::as_str).unwrap_or("")
}

fn check_act(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    // R-INS-2: an overdue finding stays due after the archive, so it is still fixed there.
    if r.state == "archived" && act.verb != "fixed" {
        return Err(Refusal::rule(
            "R-INS-5",
            format!("保密检查 {} 已立卷归档，不能再{}", r.no, act.label),
        ));
    }
    if r.state == "planned" && act.verb != "conduct" {
        return Err(Refusal::rule(
            "R-INS-4",
            format!(
                "保密检查 {} 定于 {}，尚未实施：先办理实施检查（baomi inspection conduct {}）",
                r.no,
                dates::iso(r.registered_on),
                r.no
            ),
        ));
    }
    if cx.on < r.registered_on && act.verb != "conduct" {
        return Err(Refusal::field("日期", "早于检查日期"));
    }
    match act.verb {
        "conduct" => {
            if r.state != "planned" {
                return Err(Refusal::rule(
                    "R-INS-4",
                    format!("保密检查 {} 已实施", r.no),
                ));
            }
            let mut out = Outcome::state("open").set("conducted_on", dates::iso(cx.on));
            if !get(v, "inspectors").is_empty() {
                out = out.set("inspectors", get(v, "inspectors"));
            }
            Ok(out)
        }
        "record" => {
            let mut out = Outcome::default();
            for f in SECTIONS {
                if let Some(x) = v.get(f.key) {
                    out = out.set(f.key, x.clone());
                }
            }
            Ok(out)
        }
        "finding" => {
            let leak = get(v, "leak") == "是";
            if leak {
                leak_level(r, v)?;
                if get(v, "time").is_empty() {
                    return Err(Refusal::rule(
                        "R-INS-3",
                        "检查中发现泄密事件：请写明发现时间（--time），24小时内向保密局报告从此时起算",
                    ));
                }
            }
            let mut out = rectification::add(r, v, cx.on, "R-INS-2")?;
            if leak {
                let (mark, _) = rectification::leak_keys(rectification::count(r) + 1);
                out = out.set(&mark, "是");
            }
            Ok(out)
        }
        "fixed" => rectification::fix(r, v, cx.on, "R-INS-2"),
        "archive" => Ok(Outcome::state("archived")
            .set("archive_papers", get(v, "papers"))
            .set("archive_volume", get(v, "volume"))
            .set("archived_on", dates::iso(cx.on))),
        _ => Err(Refusal::field(
            "办理",
            format!("保密检查没有「{}」这一项", act.verb),
        )),
    }
}

/// The level of a leak found: as the finding says, else the inspected department's.
fn leak_level(r: &Record, v: &Values) -> Checked<Level> {
    v.get("leak_level")
        .and_then(|l| Level::parse(l))
        .or(r.level)
        .ok_or_else(|| {
            Refusal::rule(
                "R-INS-3",
                "检查中发现泄密事件：请写明泄露内容的密级（--leak-level）",
            )
        })
}

/// R-INS-3: the incident a finding marked as a leak opens: found at the finding's day and time,
/// to be reported within 24 hours from then. `None` when the finding is no leak.
pub fn leak_incident(
    r: &Record,
    v: &Values,
    on: NaiveDate,
) -> Checked<Option<(NaiveDate, BTreeMap<String, String>)>> {
    if get(v, "leak") != "是" {
        return Ok(None);
    }
    let level = leak_level(r, v)?;
    let values = [
        ("time", get(v, "time").to_string()),
        ("level", level.name().to_string()),
        ("what", get(v, "text").to_string()),
        ("kind", "泄露".to_string()),
        ("dept", r.get("dept").to_string()),
        (
            "found_how",
            format!("保密检查 {}（{}）中发现", r.no, r.get("kind")),
        ),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    Ok(Some((on, values)))
}

#[cfg(test)]
pub(crate) mod tests;
