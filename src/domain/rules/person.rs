//! R-PER-1…8: the people who may hold secrets (涉密人员): their register, described once, and the
//! rules of each act. Carriers meet people here too: who may be issued or lent a carrier (R-PER-2)
//! and who may leave a post (R-PER-5, R-PAP-17). Holders elsewhere are still names, so a person is
//! matched to them by name.

use chrono::{Months, NaiveDate};

use crate::domain::dates;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::spec::{CheckAct, CheckAdd};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec, Values,
};
use crate::domain::level::Level;
use crate::domain::numbering::Series;
use crate::domain::paper::Paper;

/// R-PER-1: graded by the highest level handled.
pub const GRADES: &[&str] = &["核心", "重要", "一般"];
/// R-PER-7: the posts with duty lists of their own.
pub const ROLES: &[&str] = &["保密员", "打字员", "通信员", "定密责任人"];
/// R-PER-3: what a person in a classified post reports (要害 第十四条; 守则 第十六条).
pub const EVENTS: &[&str] = &[
    "泄密事件",
    "涉外婚恋",
    "因私出国",
    "境外定居",
    "境外亲属",
    "涉外交往",
    "辞职调动",
    "配偶外籍",
    "其他",
];
/// A vetting's conclusion.
const RESULTS: &[&str] = &["通过", "不通过"];

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("name", "姓名", Kind::Text)
        .names()
        .required()
        .max(50)
        .synonyms(&["人员姓名"]),
    FieldSpec::new("sex", "性别", Kind::Choice(&["男", "女"])),
    FieldSpec::new("age", "年龄", Kind::Count),
    FieldSpec::new("education", "学历", Kind::Text).max(50),
    FieldSpec::new("ethnicity", "民族", Kind::Text).max(20),
    FieldSpec::new("politics", "政治面貌", Kind::Text).max(50),
    FieldSpec::new("dept", "部门", Kind::Text).synonyms(&["所在部门", "科室", "单位部门"]),
    FieldSpec::new("title", "职务/行政级别", Kind::Text)
        .max(50)
        .synonyms(&["职务", "行政级别", "职级"]),
    FieldSpec::new("phone", "联系电话", Kind::Text)
        .max(32)
        .synonyms(&["电话", "手机"]),
    FieldSpec::new("grade", "涉密等级", Kind::Choice(GRADES)).synonyms(&[
        "涉密人员类别",
        "涉密类别",
        "涉密程度",
    ]),
    FieldSpec::new("level", "接触最高密级", Kind::Level).synonyms(&["最高密级", "涉密级别"]),
    FieldSpec::new("role", "岗位", Kind::Choice(ROLES)).synonyms(&["是否为定密责任人", "角色"]),
    FieldSpec::new("outsider", "外部人员", Kind::Flag).synonyms(&["非本单位人员"]),
    FieldSpec::new("note", "备注", Kind::Note),
];

const REF: FieldSpec = FieldSpec::new("ref", "文书编号", Kind::Text).max(64);
/// R-PER-4, R-PER-6: the secrecy organisation's consent, by the number of its work record.
const fn consent(key: &'static str) -> FieldSpec {
    FieldSpec::new(key, "保密组织同意", Kind::Record("work-record"))
}
/// R-PER-6, R-PER-8: who takes over the officer's work.
const STAND_IN: FieldSpec = FieldSpec::new("to", "接替人", Kind::Person).required();
const OFFICER_ONLY: &[&str] = &[officer::OFFICER];

const TRAVEL: &[FieldSpec] = &[
    FieldSpec::new("destination", "前往国家（地区）", Kind::Text)
        .required()
        .max(50)
        .synonyms(&["目的地"]),
    FieldSpec::new("depart", "出发日期", Kind::Date)
        .required()
        .ahead(),
    FieldSpec::new("return_by", "返回日期", Kind::Date)
        .required()
        .ahead(),
    FieldSpec::new("purpose", "事由", Kind::Note),
    consent("committee"),
    FieldSpec::new("cooling_off", "脱密期内出境", Kind::Flag),
];

const ACTS: &[ActSpec] = &[
    ActSpec::new(
        "vet",
        'v',
        "涉密资格审查",
        "R-PER-2",
        &[
            REF,
            FieldSpec::new("result", "审查结论", Kind::Choice(RESULTS)),
        ],
    )
    .in_states(&["on_post"]),
    ActSpec::new("pledge", 'p', "签订保密责任书", "R-PER-2", &[REF]).in_states(&["on_post"]),
    ActSpec::new(
        "event",
        'e',
        "报告事项",
        "R-PER-3",
        &[
            FieldSpec::new("kind", "事项", Kind::Choice(EVENTS)).required(),
            FieldSpec::new("note", "处理情况", Kind::Note),
        ],
    ),
    ActSpec::new(
        "leave",
        'l',
        "离岗",
        "R-PER-5",
        &[
            FieldSpec::new("commitment_ref", "离岗保密承诺书编号", Kind::Text).max(64),
            FieldSpec::new("to", "去向", Kind::Text),
            consent("consent"),
            FieldSpec::new("cert_returned", "证书已交回", Kind::Flag),
        ],
    )
    .in_states(&["on_post"]),
    ActSpec::new("release", 'r', "脱密期满", "R-PER-5", &[]).in_states(&["cooling_off"]),
    ActSpec::new("travel", 't', "因私出国（境）", "R-PER-4", TRAVEL)
        .queued()
        .in_states(&["on_post", "cooling_off"]),
    ActSpec::new("home", 'h', "出国（境）返回", "R-PER-4", &[])
        .in_states(&["on_post", "cooling_off"])
        .needs("abroad_to"),
    ActSpec::new(
        "certify",
        'c',
        "持证上岗",
        "R-PER-6",
        &[FieldSpec::new("cert_no", "证书编号", Kind::Text)
            .required()
            .max(64)],
    )
    .in_states(&["on_post"])
    .only_when("role", OFFICER_ONLY),
    ActSpec::new(
        "handover",
        'o',
        "工作交接",
        "R-PER-6",
        &[STAND_IN, FieldSpec::new("note", "交接内容", Kind::Note)],
    )
    .in_states(&["on_post"])
    .only_when("role", OFFICER_ONLY),
    ActSpec::new(
        "away",
        'a',
        "暂时离岗",
        "R-PER-8",
        &[
            STAND_IN,
            FieldSpec::new("from", "离岗日期", Kind::Date).required(),
            FieldSpec::new("until", "预计返岗日期", Kind::Date).ahead(),
        ],
    )
    .in_states(&["on_post"])
    .only_when("role", OFFICER_ONLY),
    ActSpec::new("back", 'b', "返岗", "R-PER-8", &[])
        .in_states(&["on_post"])
        .needs("away_to")
        .only_when("role", OFFICER_ONLY),
    // R-ORG-6: a change of post or grade; the store registers the staff change it makes.
    ActSpec::new("change", 'j', "变更岗位或等级", "R-ORG-6", CHANGE).in_states(&["on_post"]),
];

/// The posts a change sets; 无 leaves none.
pub const ROLE_CHANGES: &[&str] = &["保密员", "打字员", "通信员", "定密责任人", "无"];

const CHANGE: &[FieldSpec] = &[
    FieldSpec::new("grade", "涉密等级", Kind::Choice(GRADES)),
    FieldSpec::new("role", "岗位", Kind::Choice(ROLE_CHANGES)),
    FieldSpec::new("title", "职务/行政级别", Kind::Text).max(50),
];

const STATES: &[StateSpec] = &[
    StateSpec::held("on_post", "在岗"),
    // Still under the unit's watch: the end of the cooling-off period is on the due list.
    StateSpec::held("cooling_off", "脱密期"),
    StateSpec::gone("released", "已脱密"),
];

/// 涉密人员登记表.
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "person",
    plural: "people",
    title: "涉密人员登记表",
    noun: "涉密人员",
    series: Series::Person,
    number_label: "人员编号",
    number_synonyms: &["编号"],
    fields: FIELDS,
    list: &[
        "no", "name", "sex", "dept", "title", "grade", "role", "state",
    ],
    print: &[
        "no",
        "name",
        "sex",
        "age",
        "education",
        "ethnicity",
        "politics",
        "dept",
        "title",
        "phone",
        "grade",
        "role",
    ],
    acts: ACTS,
    states: STATES,
    check_add: CHECK_ADD,
    add_verb: "add",
    check_act: CHECK_ACT,
};

const CHECK_ADD: CheckAdd = check_add;
const CHECK_ACT: CheckAct = check_act;

/// R-PER-1: the grade the highest level handled calls for.
pub fn grade_for(level: Level) -> Option<&'static str> {
    match level {
        Level::TopSecret => Some("核心"),
        Level::Secret => Some("重要"),
        Level::Confidential => Some("一般"),
        Level::Internal | Level::Public => None,
    }
}

/// Recorded as not of the unit: the staff rules do not bind them.
pub fn is_outsider(v: &Values) -> bool {
    v.get("outsider").is_some_and(|f| f == "是")
}

/// R-PER-1: a member of staff is registered with a department and a grade, and the grade agrees
/// with the highest level handled when that is given. Outsiders (the bureau's staff, an
/// originator's courier) are recorded by name only: the staff rules do not bind them.
fn check_add(v: &Values, _today: NaiveDate) -> Checked<()> {
    if is_outsider(v) {
        return Ok(());
    }
    let Some(grade) = v.get("grade") else {
        return Err(Refusal::rule(
            "R-PER-1",
            "涉密人员须按接触的最高密级定为核心、重要或一般涉密人员：请填写「涉密等级」；非本单位人员请选「外部人员」",
        ));
    };
    if v.get("dept").is_none() {
        return Err(Refusal::rule(
            "R-PER-1",
            "涉密人员须登记所在部门：请填写「部门」",
        ));
    }
    if let Some(level) = v.get("level").and_then(|l| Level::parse(l)) {
        match grade_for(level) {
            None => {
                return Err(Refusal::rule(
                    "R-PER-1",
                    format!("{level}不是国家秘密，接触{level}信息的不作为涉密人员登记"),
                ));
            }
            Some(g) if g != grade => {
                return Err(Refusal::rule(
                    "R-PER-1",
                    format!("接触的最高密级为{level}，应定为{g}涉密人员，不是{grade}"),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// R-PER-5: the cooling-off period (脱密期) after leaving on `left`: 核心 two years, 重要 one
/// year, 一般 six months. An unknown grade takes the longest.
pub fn cooling_off_until(grade: &str, left: NaiveDate) -> NaiveDate {
    let months = match grade {
        "一般" => 6,
        "重要" => 12,
        _ => 24,
    };
    left.checked_add_months(Months::new(months))
        .unwrap_or(dates::LATEST)
}

/// R-ORG-6, R-PER-1: a change of post, grade or title sets what changed; a grade stays the one
/// the highest level the person handles calls for.
fn check_change(r: &Record, v: &Values) -> Checked<Outcome> {
    let mut out = Outcome::default();
    let mut changed = false;
    for key in ["grade", "role", "title"] {
        let new = match v.get(key).map(String::as_str) {
            None | Some("") => continue,
            Some("无") if key == "role" => "",
            Some(x) => x,
        };
        if new != r.get(key) {
            out = out.set(key, new);
            changed = true;
        }
    }
    if !changed {
        return Err(Refusal::field(
            "变更",
            "涉密等级、岗位和职务都与登记的相同，没有变更",
        ));
    }
    if let (Some(level), Some(grade)) = (r.level, v.get("grade"))
        && grade_for(level).is_some_and(|g| g != grade)
    {
        return Err(Refusal::rule(
            "R-PER-1",
            format!(
                "接触的最高密级为{level}，应定为{}涉密人员，不是{grade}",
                grade_for(level).unwrap_or_default()
            ),
        ));
    }
    Ok(out)
}

/// The person's name (what holders and borrowers are written as).
pub fn name(r: &Record) -> &str {
    r.get("name")
}

/// R-PER-2: vetted with a passing result and the responsibility letter signed.
pub fn is_cleared(r: &Record) -> bool {
    r.get("vet_result") == "通过" && !r.get("pledged_on").is_empty()
}

/// What a person found holding papers before the register is marked with where vetting and the
/// letter are unknown (issue 11, existing data).
pub const PENDING: &str = "待补";

/// Registered from existing papers with vetting unknown: not refused for what they already did or
/// do until the officer records it, but the gap is on the due list.
pub fn awaits_vetting(r: &Record) -> bool {
    r.get("vet_result") == PENDING
}

fn check_act(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or("");
    let on = dates::iso(cx.on);
    if cx.on < r.registered_on {
        return Err(Refusal::field("日期", "早于登记日期"));
    }
    let on_post = || {
        if r.state == "on_post" {
            Ok(())
        } else {
            Err(Refusal::rule(
                act.rule,
                format!(
                    "{} {} 当前{}，不能{}",
                    r.no,
                    name(r),
                    r.state_label(),
                    act.label
                ),
            ))
        }
    };
    match act.verb {
        "vet" => {
            on_post()?;
            let result = match get("result") {
                "" => "通过",
                x => x,
            };
            Ok(Outcome::default()
                .set("vetted_on", on)
                .set("vet_result", result)
                .set("vet_ref", get("ref")))
        }
        "pledge" => {
            on_post()?;
            Ok(Outcome::default()
                .set("pledged_on", on)
                .set("pledge_ref", get("ref")))
        }
        "change" => {
            on_post()?;
            check_change(r, v)
        }
        // R-PER-3: the event itself is the act's history; the record keeps the latest.
        "event" => Ok(Outcome::default()
            .set("last_event", get("kind"))
            .set("last_event_on", on)),
        "leave" => {
            on_post()?;
            let until = cooling_off_until(r.get("grade"), cx.on);
            // R-PER-6: an officer's change and certificate; then what every leaving records.
            let officer = officer::leave(r, v, cx)?;
            let mut out = Outcome::state("cooling_off");
            out.set = officer.set;
            Ok(out
                .set("left_on", on)
                .set("commitment_on", dates::iso(cx.on))
                .set("commitment_ref", get("commitment_ref"))
                .set("left_to", get("to"))
                .set("cooling_off_until", dates::iso(until)))
        }
        "release" => {
            if r.state != "cooling_off" {
                return Err(Refusal::rule(
                    "R-PER-5",
                    format!("{} {} 当前{}，没有脱密期", r.no, name(r), r.state_label()),
                ));
            }
            if let Some(until) = r.date("cooling_off_until")
                && cx.on < until
            {
                return Err(Refusal::rule(
                    "R-PER-5",
                    format!(
                        "{} {} 的脱密期到 {} 才届满",
                        r.no,
                        name(r),
                        dates::iso(until)
                    ),
                ));
            }
            Ok(Outcome::state("released").set("released_on", on))
        }
        "travel" => officer::travel(r, v, cx),
        "home" => officer::home(r, cx),
        "certify" => officer::certify(v, cx),
        "handover" => officer::handover(v, cx),
        "away" => officer::away(r, v, cx),
        "back" => officer::back(r, cx),
        _ => Err(Refusal::field(
            "办理",
            format!("涉密人员没有「{}」这一项", act.verb),
        )),
    }
}

/// The person a verb names, among `candidates` (the people whose number or name is `query`):
/// one is it; none is `None`; several are refused with each one's number and department, so the
/// officer can pick by number.
pub fn pick(query: &str, mut candidates: Vec<Record>) -> Checked<Option<Record>> {
    if candidates.len() <= 1 {
        return Ok(candidates.pop());
    }
    let list: Vec<String> = candidates
        .iter()
        .map(|r| {
            let dept = match r.get("dept") {
                "" => "未登记部门",
                d => d,
            };
            format!("{}（{dept}，{}）", r.no, r.state_label())
        })
        .collect();
    Err(Refusal::field(
        "姓名",
        format!(
            "有 {} 人名为「{}」：{}；请改用人员编号",
            candidates.len(),
            crate::domain::text::for_terminal(query.trim()),
            list.join("、")
        ),
    ))
}

/// R-PER-2, R-PER-5: may `people` (everyone registered under the name a carrier goes to) be issued
/// or lent a carrier? A name nobody registered keeps the behaviour of before the register; an
/// outsider is not bound by the staff rules; otherwise one of them must be on post, vetted and
/// pledged. `what` says what the carrier is, for the message.
pub fn check_may_receive(person: &str, people: &[Record], what: &str) -> Checked<()> {
    if people.is_empty() || people.iter().any(|p| is_outsider(&p.values)) {
        return Ok(());
    }
    let on_post: Vec<&Record> = people.iter().filter(|p| p.state == "on_post").collect();
    if on_post.is_empty() {
        return Err(Refusal::rule(
            "R-PER-5",
            format!("{person} 已离开涉密岗位，不能再{what}"),
        ));
    }
    if on_post.iter().any(|p| is_cleared(p) || awaits_vetting(p)) {
        return Ok(());
    }
    let p = on_post[0];
    let mut missing = Vec::new();
    if p.get("vet_result") != "通过" {
        missing.push("涉密资格审查");
    }
    if p.get("pledged_on").is_empty() {
        missing.push("保密责任书");
    }
    Err(Refusal::rule(
        "R-PER-2",
        format!(
            "{person}（{}）上岗前须经{}，不能{what}",
            p.no,
            missing.join("并签订")
        ),
    ))
}

/// R-PER-5, R-PAP-17: nobody leaves a classified post while holding carriers: `papers` (secrecy
/// notebooks among them) and `records` (media, computers, devices in their hands), all listed.
pub fn check_departure(person: &str, papers: &[&Paper], records: &[Record]) -> Checked<()> {
    if records.is_empty() {
        return crate::domain::rules::paper::check_departure(person, papers);
    }
    let mut list: Vec<String> = papers
        .iter()
        .map(|p| format!("{}《{}》", p.no, p.title))
        .collect();
    list.extend(
        records
            .iter()
            .map(|r| format!("{}{}（{}）", r.spec.noun, r.no, r.state_label())),
    );
    let n = list.len();
    list.truncate(10);
    Err(Refusal::rule(
        "R-PAP-17",
        format!(
            "{person}仍持有{n}件载体（{}{}），须全部清退、交回后才能离岗（R-PER-5）",
            list.join("、"),
            if n > 10 { "等" } else { "" }
        ),
    ))
}

mod status;
pub use status::status;
pub mod holders;
pub mod officer;
#[cfg(test)]
pub(crate) mod tests;
