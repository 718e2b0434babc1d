//! R-MTG-1…2: classified meetings and activities (涉密会议（活动）的保密管理制度). A meeting records its
//! venue, attendees, signal jammer and phones; the papers issued to it are acts on each paper
//! (会议分发, 会议收回) and its clearing check at the end names every paper still out. 绝密 papers
//! never leave the venue: until collected they accept no other act. The press release waits for
//! the host's secretariat's review (R-MTG-2).

use chrono::NaiveDate;

use crate::domain::carrier::EventKind;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec, Values,
};
use crate::domain::level::Level;
use crate::domain::numbering::Series;
use crate::domain::paper::Paper;
use crate::domain::rules::paper::{Knower, check_may_see, knower};
use crate::domain::text::{LIST_MAX, split_list};

/// 第四条: the signal jammer.
pub const JAMMER: &[&str] = &["已使用", "未使用"];
/// 第五条: phones taken out of their batteries or collected and kept.
pub const PHONES: &[&str] = &["收缴保管", "取出电池", "未管控"];
/// 第六条: the secretariat's opinion on a press release.
pub const PRESS_OPINIONS: &[&str] = &["同意发布", "修改后发布", "不同意发布"];
/// The most papers one issue or collection names, and the most attendees.
pub const LIST_COUNT_MAX: usize = 500;

/// The value keys the acts record on the meeting.
pub const ISSUED: &str = "papers";
pub const COLLECTED: &str = "collected";
pub const MISSING: &str = "missing";

const PAPERS: FieldSpec = FieldSpec::new("papers", "密件编号", Kind::Text).max(LIST_MAX);
/// R-PAP-8: when the papers changed hands (the clock's, when recorded as it happens).
const TIME: FieldSpec = FieldSpec::new("time", "时间", Kind::Time);

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("title", "会议名称", Kind::Text)
        .required()
        .synonyms(&["会议（活动）名称", "活动名称", "名称"]),
    FieldSpec::new("venue", "会址", Kind::Text)
        .required()
        .synonyms(&["会议地点", "地点", "场所"]),
    FieldSpec::new("level", "密级", Kind::Level).required(),
    FieldSpec::new("host", "主办单位", Kind::Text).synonyms(&["主办部门", "主办方"]),
    FieldSpec::new("attendees", "参会人员", Kind::Text)
        .max(LIST_MAX)
        .synonyms(&["参加人员", "与会人员"]),
    FieldSpec::new("keeper", "文件管理人", Kind::Person).synonyms(&["会议文件管理人"]),
    FieldSpec::new("jammer", "信号屏蔽机", Kind::Choice(JAMMER)),
    FieldSpec::new("phones", "手机管控", Kind::Choice(PHONES)),
    FieldSpec::new("no_notes", "不准记录", Kind::Flag),
    FieldSpec::new("note", "备注", Kind::Note),
];

const ACTS: &[ActSpec] = &[
    ActSpec::new(
        "issue",
        'i',
        "分发文件",
        "R-MTG-1",
        &[PAPERS.required(), TIME],
    ),
    ActSpec::new("collect", 'c', "会后收回清场", "R-MTG-1", &[PAPERS, TIME]),
    ActSpec::new(
        "measures",
        'm',
        "保密措施",
        "R-MTG-1",
        &[
            FieldSpec::new("jammer", "信号屏蔽机", Kind::Choice(JAMMER)),
            FieldSpec::new("phones", "手机管控", Kind::Choice(PHONES)),
            FieldSpec::new("no_notes", "不准记录", Kind::Flag),
        ],
    ),
    ActSpec::new(
        "press-review",
        'p',
        "新闻稿审核",
        "R-MTG-2",
        &[
            FieldSpec::new("reviewer", "审核人", Kind::Person).required(),
            FieldSpec::new("office", "审核部门", Kind::Text)
                .required()
                .synonyms(&["秘书部门"]),
            FieldSpec::new("opinion", "审核意见", Kind::Choice(PRESS_OPINIONS)).required(),
            FieldSpec::new("piece", "稿件标题", Kind::Text),
        ],
    ),
    ActSpec::new(
        "release",
        'r',
        "新闻稿发布",
        "R-MTG-2",
        &[
            FieldSpec::new("media", "发布媒体", Kind::Text).required(),
            FieldSpec::new("piece", "稿件标题", Kind::Text),
        ],
    ),
];

const STATES: &[StateSpec] = &[
    StateSpec::held("open", "未清场"),
    // Registered before its day (R-MTG-1): nothing issued before it.
    StateSpec::held("planned", "待召开"),
    // Some paper did not come back: still the unit's to find.
    StateSpec::held("short", "未收齐"),
    StateSpec::gone("cleared", "已清场"),
];

/// 涉密会议（活动）登记.
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "meeting",
    plural: "meetings",
    title: "涉密会议（活动）登记",
    noun: "涉密会议",
    series: Series::Meeting,
    number_label: "会议编号",
    number_synonyms: &[],
    fields: FIELDS,
    list: &["no", "registered_on", "title", "venue", "level", "state"],
    print: &[
        "no",
        "registered_on",
        "title",
        "host",
        "venue",
        "level",
        "attendees",
        "keeper",
        "jammer",
        "phones",
        ISSUED,
        COLLECTED,
        MISSING,
        "state",
    ],
    acts: ACTS,
    states: STATES,
    add_verb: "add",
    check_add,
    check_act,
};

/// The attendees of a meeting, by name.
pub fn attendees(r: &Record) -> Vec<String> {
    split_list(r.get("attendees"))
}

/// R-MTG-1: the papers issued to `r` and not brought back yet, in the order issued.
pub fn outstanding(r: &Record) -> Vec<String> {
    let back = split_list(r.get(COLLECTED));
    split_list(r.get(ISSUED))
        .into_iter()
        .filter(|p| !back.contains(p))
        .collect()
}

/// The first line of the collection's form: which papers the clearing check expects back, so
/// the officer ticks them off instead of recalling what was issued.
pub fn collect_note(r: &Record) -> String {
    let out = outstanding(r);
    if out.is_empty() {
        return "没有已分发未收回的会议文件".into();
    }
    format!(
        "已分发未收回 {} 件：{}；填写收回的编号，未填写的记为未收回并列入待办",
        out.len(),
        out.join("、")
    )
}

/// What a meeting is called in a paper's history and on the due list: `HY-2026-001「…」`.
pub fn label(r: &Record) -> String {
    let title: String = r.get("title").chars().take(30).collect();
    format!("{}「{title}」", r.no)
}

/// R-MTG-1: a classified meeting (秘密 or above) with a bounded list of attendees.
fn check_add(v: &Values, _today: NaiveDate) -> Checked<()> {
    let level = v.get("level").and_then(|l| Level::parse(l));
    if !level.is_some_and(Level::is_state_secret) {
        return Err(Refusal::field(
            "密级",
            "涉密会议（活动）的密级应为 绝密、机密 或 秘密",
        ));
    }
    let n = v.get("attendees").map(|a| split_list(a).len()).unwrap_or(0);
    if n > LIST_COUNT_MAX {
        return Err(Refusal::field(
            "参会人员",
            format!("{n} 人太多，最多 {LIST_COUNT_MAX} 人"),
        ));
    }
    Ok(())
}

/// R-MTG-1 (第三条): a meeting may be registered before its day, to prepare its attendees and
/// venue; it waits as 待召开. Its papers are issued on or after its day only (every act is dated
/// on or after the meeting's day, `check_act`): papers used at the venue do not go out ahead.
pub fn first_state(on: NaiveDate, today: NaiveDate) -> Checked<&'static str> {
    if on <= today {
        return Ok("open");
    }
    crate::domain::dates::check_deadline("会议日期", on, today)?;
    Ok("planned")
}

/// A list of paper numbers as typed: each once, at most `LIST_COUNT_MAX`.
pub fn paper_list(v: &Values) -> Checked<Vec<String>> {
    // Numbers are separated as lists are, or by spaces; never by `/` (a number is not a path).
    let typed = v.get(ISSUED).map(String::as_str).unwrap_or("");
    let list: Vec<String> = typed
        .split(['、', '，', ',', '；', ';', ' ', '\u{3000}'])
        .filter(|n| !n.trim().is_empty())
        .map(|n| crate::domain::numbering::check_number("密件编号", n))
        .collect::<Checked<_>>()?;
    if list.len() > LIST_COUNT_MAX {
        return Err(Refusal::field(
            "密件编号",
            format!("一次最多 {LIST_COUNT_MAX} 件"),
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    if let Some(d) = list.iter().find(|n| !seen.insert(n.as_str())) {
        return Err(Refusal::field("密件编号", format!("{d} 写了两次")));
    }
    Ok(list)
}

fn check_act(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    if cx.on < r.registered_on {
        // A meeting registered ahead: its papers wait for its day (第三条).
        if r.state == "planned" {
            return Err(Refusal::rule(
                "R-MTG-1",
                format!(
                    "会议 {} 定于 {} 召开（待召开）：会议文件在会址使用，{}须在会议当天或之后办理",
                    r.no,
                    crate::domain::dates::iso(r.registered_on),
                    act.label
                ),
            ));
        }
        return Err(Refusal::field(
            "日期",
            format!(
                "早于会议日期 {}",
                crate::domain::dates::iso(r.registered_on)
            ),
        ));
    }
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or("");
    match act.verb {
        "issue" => {
            if !r.held() {
                return Err(Refusal::rule(
                    "R-MTG-1",
                    format!("会议 {} 已清场，不能再分发文件", r.no),
                ));
            }
            if paper_list(v)?.is_empty() {
                return Err(Refusal::field("密件编号", "请写明分发的密件编号"));
            }
            // The store adds the papers to the meeting's list once each is issued.
            Ok(Outcome::state("open"))
        }
        // The store's clearing check decides the state and the lists.
        "collect" => {
            paper_list(v)?;
            Ok(Outcome::default())
        }
        "measures" => {
            let mut out = Outcome::default();
            for k in ["jammer", "phones", "no_notes"] {
                if !get(k).is_empty() {
                    out = out.set(k, get(k));
                }
            }
            Ok(out)
        }
        "press-review" => Ok(Outcome::default()
            .set("press_reviewed_on", crate::domain::dates::iso(cx.on))
            .set("press_reviewer", get("reviewer"))
            .set("press_office", get("office"))
            .set("press_opinion", get("opinion"))),
        "release" => {
            check_release(r, cx.on)?;
            Ok(Outcome::default()
                .set("released_on", crate::domain::dates::iso(cx.on))
                .set("released_to", get("media")))
        }
        _ => Err(Refusal::field(
            "办理",
            format!("涉密会议没有「{}」这一项", act.verb),
        )),
    }
}

/// R-MTG-2: a press release goes out only after the host's secretariat reviewed it, on or before
/// the day, and did not refuse it.
pub fn check_release(r: &Record, on: NaiveDate) -> Checked<()> {
    let Some(reviewed) = r.date("press_reviewed_on") else {
        return Err(Refusal::rule(
            "R-MTG-2",
            format!(
                "会议 {} 的新闻稿须先经主办单位秘书部门审核才能发布：请先办理「{}」（命令行 baomi meeting press-review {} --reviewer … --office … --opinion 同意发布）",
                r.no,
                SPEC.act("press-review").map_or("", |a| a.label),
                r.no
            ),
        ));
    };
    if reviewed > on {
        return Err(Refusal::rule(
            "R-MTG-2",
            format!(
                "新闻稿的审核日期 {} 晚于发布日期：须先审核后发布",
                crate::domain::dates::iso(reviewed)
            ),
        ));
    }
    if r.get("press_opinion") == "不同意发布" {
        return Err(Refusal::rule(
            "R-MTG-2",
            format!(
                "主办单位秘书部门（{}）审核意见为不同意发布",
                r.get("press_office")
            ),
        ));
    }
    Ok(())
}

/// R-MTG-1: a paper issued to `meeting` is within the meeting's level, and every attendee is in
/// its knowledge scope (R-CLS-2: a 机密 or 绝密 paper has one first). `register` has the register's
/// entries for the attendees.
pub fn check_issue(meeting: &Record, paper: &Paper, register: &[Knower]) -> Checked<()> {
    let level = meeting.level.unwrap_or(Level::Confidential);
    if paper.level > level {
        return Err(Refusal::rule(
            "R-MTG-1",
            format!(
                "{} 是{}件，不能在{}会议上分发",
                paper.no, paper.level, level
            ),
        ));
    }
    let people = attendees(meeting);
    if people.is_empty() {
        return Err(Refusal::rule(
            "R-MTG-1",
            format!(
                "会议 {} 未登记参会人员，不能分发密件：分发前须严格掌握参会人员（第二条）",
                meeting.no
            ),
        ));
    }
    for p in &people {
        check_may_see(
            paper,
            &knower(register, p, ""),
            "R-MTG-1",
            "在会上分发给其阅读",
        )?;
    }
    Ok(())
}

/// R-PAP-8: a 绝密 paper handed to a meeting's attendees has the time it was handed over; an
/// entry made later than the day says it (`at`: the time typed or taken from the clock).
pub fn check_time(paper: &Paper, at: &str) -> Checked<()> {
    if paper.level == Level::TopSecret && at.trim().is_empty() {
        return Err(Refusal::rule(
            "R-PAP-8",
            format!(
                "{} 是绝密件，在会上分发须记录签领时间（--time 09:30）",
                paper.no
            ),
        ));
    }
    Ok(())
}

/// The acts a paper out at a meeting still takes: its collection, the records that do not move
/// it, and a report of its loss.
fn allowed_at_meeting(kind: EventKind) -> bool {
    use EventKind as E;
    matches!(
        kind,
        E::MeetingCollect | E::Count | E::Check | E::Extend | E::Review | E::Scope | E::Lost
    )
}

/// R-MTG-1: a paper issued to a meeting (`at`: that meeting's number, when it is out at one) is
/// collected there before anything else moves it; 绝密 never leaves the venue. A collection names
/// the meeting the paper went to.
pub fn check_paper_act(
    paper: &Paper,
    kind: EventKind,
    at: Option<&str>,
    collecting_for: Option<&str>,
) -> Checked<()> {
    match at {
        Some(m) if !allowed_at_meeting(kind) => {
            let why = if paper.level == Level::TopSecret {
                "绝密文件只能在会址使用，会后立即收回"
            } else {
                "会议文件会后如数收回"
            };
            Err(Refusal::rule(
                "R-MTG-1",
                format!(
                    "{} 已分发到涉密会议 {m}，{why}：须先收回（baomi meeting collect {m} {}）才能{}",
                    paper.no,
                    paper.no,
                    kind.name()
                ),
            ))
        }
        Some(m) if kind == EventKind::MeetingCollect && collecting_for != Some(m) => {
            Err(Refusal::rule(
                "R-MTG-1",
                format!("{} 分发到的是会议 {m}，不是本会议", paper.no),
            ))
        }
        None if kind == EventKind::MeetingCollect => Err(Refusal::rule(
            "R-MTG-1",
            format!("{} 未分发到会议（当前{}）", paper.no, paper.state),
        )),
        _ => Ok(()),
    }
}

/// The clearing check (清场, 第九、十条): of `out` (issued to the meeting and not yet back),
/// `brought` are collected; every other is named as missing. Something brought that is not out
/// at this meeting is refused.
pub fn clearing(out: &[String], brought: &[String]) -> Checked<(Vec<String>, Vec<String>)> {
    let stray: Vec<&str> = brought
        .iter()
        .filter(|b| !out.contains(b))
        .map(String::as_str)
        .collect();
    if !stray.is_empty() {
        return Err(Refusal::rule(
            "R-MTG-1",
            format!(
                "{} 不是本会议分发而未收回的文件{}",
                stray.join("、"),
                if out.is_empty() {
                    "（本会议没有未收回的文件）".to_string()
                } else {
                    format!("（未收回的是：{}）", out.join("、"))
                }
            ),
        ));
    }
    let missing = out
        .iter()
        .filter(|o| !brought.contains(o))
        .cloned()
        .collect();
    Ok((brought.to_vec(), missing))
}

/// A list kept on the meeting with `more` added, each once, in order.
pub fn merged(list: &str, more: &[String]) -> String {
    let mut all = split_list(list);
    for m in more {
        if !all.contains(m) {
            all.push(m.clone());
        }
    }
    all.join("、")
}

#[cfg(test)]
mod tests;
