//! R-TRN-1…4: education and training (保密宣传教育). Each session is recorded with its date, form,
//! content, hours, attendees and absentees (R-TRN-1); a travel briefing is a session of its own
//! form (R-TRN-4). The hours a person trained are summed from the sessions that name them: 16
//! before a post at a key site (R-TRN-2, `site::check_post_hours`), and per calendar year 16 for
//! 核心, 8 for 重要 and 一般 (R-TRN-3).

use chrono::{Datelike, Duration, NaiveDate};

use super::person;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec, Values,
};
use crate::domain::numbering::Series;
use crate::domain::text::{LIST_MAX, split_list};

/// The forms a session takes; R-TRN-4: the briefing before travel abroad.
pub const FORMS: &[&str] = &[
    "集中培训",
    "专题讲座",
    "会议传达",
    "警示教育",
    "网络培训",
    "自学",
    "出国（境）行前教育",
    "其他",
];
pub const TRAVEL_BRIEFING: &str = "出国（境）行前教育";
/// The most hours one session counts (a full day's course and then some).
pub const SESSION_MAX_HOURS: u32 = 24;

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("topic", "培训内容", Kind::Text)
        .required()
        .synonyms(&["内容", "主题", "培训主题"]),
    FieldSpec::new("form", "培训形式", Kind::Choice(FORMS)).synonyms(&["形式"]),
    FieldSpec::new("hours", "学时", Kind::Count)
        .required()
        .synonyms(&["课时", "时长"]),
    FieldSpec::new("attendees", "参加人员", Kind::Text)
        .required()
        .max(LIST_MAX)
        .synonyms(&["参训人员", "参加人"]),
    FieldSpec::new("absent", "缺席人员", Kind::Text)
        .max(LIST_MAX)
        .synonyms(&["缺席人"]),
    FieldSpec::new("organiser", "组织部门", Kind::Text).synonyms(&["主办部门"]),
    FieldSpec::new("note", "备注", Kind::Note),
];

const STATES: &[StateSpec] = &[StateSpec::held("recorded", "已登记")];

/// 保密教育培训登记.
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "training",
    plural: "trainings",
    title: "保密教育培训登记",
    noun: "培训",
    series: Series::Training,
    number_label: "培训编号",
    number_synonyms: &["编号"],
    fields: FIELDS,
    list: &["no", "registered_on", "form", "topic", "hours", "attendees"],
    print: &[
        "no",
        "registered_on",
        "form",
        "topic",
        "hours",
        "attendees",
        "absent",
        "organiser",
    ],
    acts: &[],
    states: STATES,
    check_add,
    add_verb: "add",
    check_act,
};

/// R-TRN-1: hours within a day, someone present, nobody both present and absent.
fn check_add(v: &Values, _today: NaiveDate) -> Checked<()> {
    let hours: u32 = v.get("hours").and_then(|h| h.parse().ok()).unwrap_or(0);
    if hours == 0 || hours > SESSION_MAX_HOURS {
        return Err(Refusal::rule(
            "R-TRN-1",
            format!("「学时」应为 1 到 {SESSION_MAX_HOURS} 之间的整数"),
        ));
    }
    let present = split_list(v.get("attendees").map(String::as_str).unwrap_or(""));
    if present.is_empty() {
        return Err(Refusal::rule("R-TRN-1", "请写明「参加人员」"));
    }
    let absent = split_list(v.get("absent").map(String::as_str).unwrap_or(""));
    if let Some(both) = absent.iter().find(|a| present.contains(a)) {
        return Err(Refusal::rule(
            "R-TRN-1",
            format!("{both} 同时写在「参加人员」和「缺席人员」中"),
        ));
    }
    Ok(())
}

fn check_act(_r: &Record, act: &ActSpec, _v: &Values, _cx: &Context<'_>) -> Checked<Outcome> {
    Err(Refusal::field(
        "办理",
        format!("培训记录没有「{}」这一项", act.verb),
    ))
}

/// Who attended session `r`.
pub fn attendees(r: &Record) -> Vec<String> {
    split_list(r.get("attendees"))
}

/// The hours of session `r`.
pub fn session_hours(r: &Record) -> u32 {
    r.get("hours").parse().unwrap_or(0)
}

/// The hours `name` trained in the sessions dated `from` to `to`, both included.
pub fn hours(name: &str, sessions: &[Record], from: NaiveDate, to: NaiveDate) -> u32 {
    sessions
        .iter()
        .filter(|s| (from..=to).contains(&s.registered_on))
        .filter(|s| attendees(s).iter().any(|a| a == name))
        .map(session_hours)
        .sum()
}

/// R-TRN-2: the hours that count before a post taken `on`: the twelve months up to that day.
pub fn hours_before_post(name: &str, sessions: &[Record], on: NaiveDate) -> u32 {
    hours(name, sessions, on - Duration::days(365), on)
}

/// R-TRN-3: the hours a person of `grade` needs per calendar year.
pub fn required(grade: &str) -> u32 {
    match grade {
        "核心" => 16,
        _ => 8,
    }
}

/// One line of the per-person hours table of a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hours {
    pub no: String,
    pub name: String,
    pub dept: String,
    pub grade: String,
    pub hours: u32,
    pub required: u32,
}

impl Hours {
    pub fn short_by(&self) -> u32 {
        self.required.saturating_sub(self.hours)
    }

    /// R-TRN-3: what a person's page says of the year's hours, the shortfall named.
    pub fn said(&self) -> String {
        match self.short_by() {
            0 => format!("{}（应达 {}，已达到）", self.hours, self.required),
            n => format!("{}（应达 {}，差 {n} 学时）", self.hours, self.required),
        }
    }
}

/// R-TRN-3: the hours of every person on post in `year`, in the register's order.
pub fn year_table(people: &[Record], sessions: &[Record], year: i32) -> Vec<Hours> {
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Vec::new();
    };
    people
        .iter()
        // Those registered by the year's end; on post now (who left has a cooling-off instead).
        .filter(|p| p.spec.key == person::SPEC.key && p.state == "on_post")
        .filter(|p| p.registered_on <= to)
        .map(|p| Hours {
            no: p.no.clone(),
            name: person::name(p).to_string(),
            dept: p.get("dept").to_string(),
            grade: p.get("grade").to_string(),
            hours: hours(person::name(p), sessions, from, to),
            required: required(p.get("grade")),
        })
        .collect()
}

/// R-TRN-3: the year whose shortfall is shown on `as_of`, from the first of `warn_month` of a
/// year to the day before that month of the next (overdue from 1 January).
pub fn shortfall_year(as_of: NaiveDate, warn_month: u32) -> i32 {
    if as_of.month() >= warn_month.clamp(1, 12) {
        as_of.year()
    } else {
        as_of.year() - 1
    }
}

#[cfg(test)]
pub(crate) mod tests;
