//! R-KEY-1…4: key departments and positions (保密要害部门部位): registered with their highest
//! level, first responsible person, staff and premises (R-KEY-1); used only after the bureau's
//! acceptance (R-KEY-2); inspected monthly, quarterly or half-yearly by level (R-KEY-3); every
//! change reported to the bureau (R-KEY-4). A change is numbered inside its site's record like an
//! inspection's finding (`YH-001-2`, the second change of YH-001: `rectification::split`) and
//! closed by that number.

use chrono::NaiveDate;

use super::rectification;
use crate::domain::dates;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec, Values,
};
use crate::domain::level::Level;
use crate::domain::numbering::Series;
use crate::domain::text::{LIST_MAX, split_list};

pub const KINDS: &[&str] = &["部门", "部位"];
/// R-KEY-4: what is reported (第八条).
pub const CHANGES: &[&str] = &[
    "部门部位变更",
    "负责人变动",
    "人员变动",
    "搬迁装修",
    "设备更换",
    "进口设备",
];

/// The one state before the bureau's acceptance check (R-KEY-2).
pub const PENDING: &str = "pending";
pub const IN_USE: &str = "in_use";
/// The staff recorded on the site, joined by 、.
pub const STAFF: &str = "staff";
/// The hours of training a person needs before taking a post at a key site (R-TRN-2).
pub const POST_HOURS: u32 = 16;

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("name", "名称", Kind::Text)
        .required()
        .names()
        .synonyms(&["要害部门部位", "部门部位名称", "部门（部位）名称"]),
    FieldSpec::new("kind", "类别", Kind::Choice(KINDS))
        .required()
        .synonyms(&["部门或部位"]),
    FieldSpec::new("level", "最高密级", Kind::Level)
        .required()
        .synonyms(&["密级", "涉密等级"]),
    FieldSpec::new("head", "第一责任人", Kind::Person)
        .required()
        .synonyms(&["负责人", "责任人"]),
    FieldSpec::new("dept", "所属部门", Kind::Text),
    FieldSpec::new("accepted_on", "验收日期", Kind::Date).synonyms(&["验收时间"]),
    FieldSpec::new("closed_room", "封闭管理", Kind::Flag),
    FieldSpec::new("solid_walls", "坚固墙体门窗", Kind::Flag),
    FieldSpec::new("cabinets", "保密柜", Kind::Flag),
    FieldSpec::new("monitoring", "监控报警", Kind::Flag),
    FieldSpec::new("archive", "档案情况", Kind::Note).synonyms(&["档案"]),
    FieldSpec::new("note", "备注", Kind::Note),
];

/// The field that names which change a report closes: filled from the number typed (`YH-001-2`).
const ITEM: FieldSpec = FieldSpec::new(rectification::ITEM.key, "变更序号", Kind::Count);

const ACTS: &[ActSpec] = &[
    ActSpec::new(
        "accept",
        'a',
        "验收",
        "R-KEY-2",
        &[FieldSpec::new("ref", "验收文号", Kind::Text)],
    )
    .in_states(&[PENDING]),
    ActSpec::new(
        "inspect",
        'k',
        "检查",
        "R-KEY-3",
        &[FieldSpec::new("findings", "检查情况", Kind::Note)],
    )
    .in_states(&[IN_USE]),
    ActSpec::new(
        "staff",
        's',
        "人员调整",
        "R-TRN-2",
        &[
            FieldSpec::new("add", "新增人员", Kind::Person),
            FieldSpec::new("remove", "调出人员", Kind::Person),
        ],
    )
    .in_states(&[IN_USE]),
    ActSpec::new(
        "change",
        'b',
        "登记变更",
        "R-KEY-4",
        &[
            FieldSpec::new("kind", "变更事项", Kind::Choice(CHANGES)).required(),
            FieldSpec::new("text", "变更情况", Kind::Note),
        ],
    )
    .in_states(&[IN_USE]),
    ActSpec::new(
        "reported",
        'r',
        "报告变更",
        "R-KEY-4",
        &[ITEM, FieldSpec::new("ref", "报告文号", Kind::Text)],
    )
    .in_states(&[IN_USE, "closed"]),
    ActSpec::new("close", 'x', "撤销", "R-KEY-1", &[]).in_states(&[PENDING, IN_USE]),
];

const STATES: &[StateSpec] = &[
    StateSpec::held(PENDING, "待验收"),
    StateSpec::held(IN_USE, "在用"),
    StateSpec::gone("closed", "已撤销"),
];

/// 保密要害部门部位登记.
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "site",
    plural: "sites",
    title: "保密要害部门部位登记",
    noun: "要害部门部位",
    series: Series::Site,
    number_label: "要害编号",
    number_synonyms: &["编号"],
    fields: FIELDS,
    list: &["no", "name", "kind", "level", "head", "state"],
    print: &[
        "no",
        "name",
        "kind",
        "level",
        "head",
        STAFF,
        "accepted_on",
        "closed_room",
        "solid_walls",
        "cabinets",
        "monitoring",
        "state",
    ],
    acts: ACTS,
    states: STATES,
    check_add,
    add_verb: "add",
    check_act,
};

/// R-KEY-2: a site registered with its acceptance day is in use; otherwise it waits for it.
pub fn first_state(v: &Values) -> &'static str {
    if v.contains_key("accepted_on") {
        IN_USE
    } else {
        PENDING
    }
}

/// R-KEY-3: months between inspections of a site of `level`.
pub fn inspection_months(level: Level) -> u32 {
    match level {
        Level::TopSecret => 1,
        Level::Secret => 3,
        _ => 6,
    }
}

/// R-KEY-3: the day a site in use is next inspected (a period after its last inspection or its
/// acceptance) and how often it is, as said on its page and its due item; none unless in use.
pub fn next_inspection(r: &Record) -> Option<(NaiveDate, String)> {
    if r.spec.key != SPEC.key || r.state != IN_USE {
        return None;
    }
    let months = inspection_months(r.level.unwrap_or(Level::TopSecret));
    let from = [r.checked_on, r.date("accepted_on")]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(r.registered_on);
    let every = if months == 1 {
        "每月".to_string()
    } else {
        format!("每{months}个月")
    };
    let due = from
        .checked_add_months(chrono::Months::new(months))
        .unwrap_or(from);
    Some((due, every))
}

/// R-KEY-1, R-KEY-3: a key site holds state secrets, so its level is one of the three.
fn check_add(v: &Values, _today: NaiveDate) -> Checked<()> {
    let level = v.get("level").and_then(|l| Level::parse(l));
    if !level.is_some_and(|l| l.is_state_secret()) {
        return Err(Refusal::rule(
            "R-KEY-1",
            "要害部门部位的最高密级应为 绝密、机密 或 秘密",
        ));
    }
    Ok(())
}

/// The staff of a site.
pub fn staff(r: &Record) -> Vec<String> {
    split_list(r.get(STAFF))
}

/// One change of a site (R-KEY-4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its own number: the site's and `-n`.
    pub no: String,
    pub n: u32,
    pub kind: String,
    pub on: Option<NaiveDate>,
    /// The day it was reported to the bureau.
    pub reported_on: Option<NaiveDate>,
}

fn key(n: u32, what: &str) -> String {
    format!("change{n}{what}")
}

fn count(r: &Record) -> u32 {
    r.get("change_count").parse().unwrap_or(0)
}

/// The changes of `r`, in the order they were recorded.
pub fn changes(r: &Record) -> Vec<Change> {
    (1..=count(r))
        .map(|n| Change {
            no: format!("{}-{n}", r.no),
            n,
            kind: r.get(&key(n, "")).to_string(),
            on: r.date(&key(n, "_on")),
            reported_on: r.date(&key(n, "_reported")),
        })
        .collect()
}

fn check_act(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or("");
    if cx.on < r.registered_on {
        return Err(Refusal::field("日期", "早于登记日期"));
    }
    // R-KEY-2: nothing is done at a site the bureau has not accepted, but its acceptance.
    if r.state == PENDING && ["inspect", "staff", "change"].contains(&act.verb) {
        return Err(Refusal::rule(
            "R-KEY-2",
            format!(
                "{}「{}」尚未经保密局验收，验收合格后方可使用（baomi site accept {} --date …）",
                r.no,
                r.get("name"),
                r.no
            ),
        ));
    }
    match act.verb {
        "accept" => Ok(Outcome::state(IN_USE)
            .set("accepted_on", dates::iso(cx.on))
            .set("accept_ref", get("ref"))),
        "inspect" => Ok(Outcome {
            checked_on: Some(cx.on),
            ..Outcome::default()
        }),
        "staff" => change_staff(r, get("add"), get("remove")),
        "change" => {
            let n = count(r) + 1;
            if n > 999 {
                return Err(Refusal::rule("R-KEY-4", "变更事项已达 999 项"));
            }
            Ok(Outcome::default()
                .set("change_count", n.to_string())
                .set(&key(n, ""), get("kind"))
                .set(&key(n, "_on"), dates::iso(cx.on)))
        }
        "reported" => reported(r, get(ITEM.key), get("ref"), cx.on),
        "close" => Ok(Outcome::state("closed")),
        _ => Err(Refusal::field(
            "办理",
            format!("要害部门部位没有「{}」这一项", act.verb),
        )),
    }
}

/// R-KEY-1: one person joins or leaves the staff at a time. (R-TRN-2, their hours, is checked
/// with the sessions by `check_post_hours` before this.)
fn change_staff(r: &Record, add: &str, remove: &str) -> Checked<Outcome> {
    let mut staff = staff(r);
    match (add.trim(), remove.trim()) {
        (a, "") if !a.is_empty() => {
            if staff.iter().any(|s| s == a) {
                return Err(Refusal::field("新增人员", format!("{a} 已在{}", r.no)));
            }
            staff.push(a.to_string());
        }
        ("", x) if !x.is_empty() => {
            let before = staff.len();
            staff.retain(|s| s != x);
            if staff.len() == before {
                return Err(Refusal::field("调出人员", format!("{x} 不在{}", r.no)));
            }
        }
        _ => {
            return Err(Refusal::field(
                "人员调整",
                "请写明一人：--add 姓名 或 --remove 姓名",
            ));
        }
    }
    let joined = staff.join("、");
    if joined.chars().count() > LIST_MAX {
        return Err(Refusal::field("人员", "人员名单过长"));
    }
    Ok(Outcome::default().set(STAFF, joined))
}

/// R-KEY-4: the report of change `item` of `r` to the bureau.
fn reported(r: &Record, item: &str, reference: &str, on: NaiveDate) -> Checked<Outcome> {
    let Some(n) = item.parse::<u32>().ok() else {
        return Err(Refusal::rule(
            "R-KEY-4",
            format!("请写明变更编号，如 {}-1", r.no),
        ));
    };
    let Some(c) = changes(r).into_iter().find(|c| c.n == n) else {
        return Err(Refusal::rule(
            "R-KEY-4",
            format!("{} 没有第 {n} 项变更（共 {} 项）", r.no, count(r)),
        ));
    };
    if let Some(done) = c.reported_on {
        return Err(Refusal::rule(
            "R-KEY-4",
            format!("{} 已于 {} 报告", c.no, dates::iso(done)),
        ));
    }
    if c.on.is_some_and(|d| on < d) {
        return Err(Refusal::field("日期", "早于变更日期"));
    }
    Ok(Outcome::default()
        .set(&key(n, "_reported"), dates::iso(on))
        .set(&key(n, "_ref"), reference))
}

/// R-TRN-2: `person` takes a post at a key site only with `hours` of training (the sessions of
/// the twelve months up to the day) of at least 16.
pub fn check_post_hours(person: &str, hours: u32, site: &str) -> Checked<()> {
    if hours < POST_HOURS {
        return Err(Refusal::rule(
            "R-TRN-2",
            format!(
                "{person} 近12个月保密培训 {hours} 学时，上岗{site}前须不少于 {POST_HOURS} 学时（差 {} 学时）",
                POST_HOURS - hours
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests;
