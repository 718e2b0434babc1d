//! R-ORG-1…6: the secrecy organisation's own registers (保密委员会工作职责, 领导干部保密工作责任制,
//! 江门市市直保密工作协作组工作规则, 奖励与处罚制度): the committee's work record, the reports sent to
//! the bureau, rewards and penalties with their grounds, the cooperation group (`coop.rs`), the
//! leaders' yearly assessment and the changes of secrecy staff. Their year-end and one-week
//! duties are in `domain::due::organisation`.

pub mod coop;
pub mod staff;
#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};

use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec, Values,
};
use crate::domain::numbering::Series;
use crate::domain::text::{LIST_MAX, split_list};

/// One state: kept in the register for ever.
const KEPT: &[StateSpec] = &[StateSpec::held("kept", "在册")];

/// A year field: 1949 to the year of today (what is recorded has happened or is this year's).
pub fn check_year(v: &Values, today: NaiveDate) -> Checked<i32> {
    let y = v
        .get("year")
        .and_then(|y| y.parse::<i32>().ok())
        .unwrap_or(0);
    if !(1949..=today.year()).contains(&y) {
        return Err(Refusal::field(
            "年度",
            format!("应为 1949 到 {} 之间的年份", today.year()),
        ));
    }
    Ok(y)
}

/// Acts that take no act: a register whose entries are facts recorded once.
fn no_act(r: &Record, act: &ActSpec, _v: &Values, _cx: &Context<'_>) -> Checked<Outcome> {
    Err(Refusal::field(
        "办理",
        format!("{}没有「{}」这一项", r.spec.noun, act.verb),
    ))
}

// ---- R-ORG-1: 保密工作记录本 ----

/// What the committee records (委员会 第三条).
pub const RECORD_KINDS: &[&str] = &["保密工作会议", "工作计划", "领导批示", "工作部署", "其他"];

const WORK_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("kind", "类别", Kind::Choice(RECORD_KINDS)).required(),
    FieldSpec::new("title", "事项", Kind::Text)
        .required()
        .synonyms(&["标题", "会议名称", "名称"]),
    FieldSpec::new("leader", "主持或批示领导", Kind::Person).synonyms(&["主持人", "批示领导"]),
    FieldSpec::new("attendees", "参加人员", Kind::Text)
        .max(LIST_MAX)
        .synonyms(&["出席人员"]),
    FieldSpec::new("content", "内容", Kind::Note).synonyms(&["主要内容", "批示内容"]),
    FieldSpec::new("level", "密级", Kind::Level),
];

/// R-ORG-1: the committee's work record (保密工作记录本): meetings, plans, leaders' instructions.
pub const WORK_RECORD: LedgerSpec = LedgerSpec {
    key: "work-record",
    plural: "work-records",
    title: "保密工作记录本",
    noun: "工作记录",
    series: Series::WorkRecord,
    number_label: "记录编号",
    number_synonyms: &[],
    fields: WORK_FIELDS,
    list: &["no", "registered_on", "kind", "title", "leader"],
    print: &[
        "no",
        "registered_on",
        "kind",
        "title",
        "leader",
        "attendees",
        "content",
        "level",
    ],
    acts: &[],
    states: KEPT,
    add_verb: "add",
    check_add: check_work_record,
    check_act: no_act,
};

/// R-ORG-1: a leader's instruction and a meeting name who gave or chaired it; a meeting, who
/// attended.
fn check_work_record(v: &Values, _today: NaiveDate) -> Checked<()> {
    let kind = v.get("kind").map(String::as_str).unwrap_or("");
    if matches!(kind, "领导批示" | "保密工作会议") && !v.contains_key("leader") {
        return Err(Refusal::rule(
            "R-ORG-1",
            format!("{kind}须写明主持或批示的领导（--leader）"),
        ));
    }
    if kind == "保密工作会议" && !v.contains_key("attendees") {
        return Err(Refusal::rule(
            "R-ORG-1",
            "保密工作会议须记录参加人员（--attendees）",
        ));
    }
    Ok(())
}

// ---- R-ORG-2: 上报保密局 ----

/// R-ORG-2: the two year-end reports, and the other papers sent to the bureau.
pub const YEAR_END_SUMMARY: &str = "年度保密工作总结报告";
pub const OFFICER_REPORT: &str = "保密员年度情况报告";
pub const REPORT_KINDS: &[&str] = &[
    YEAR_END_SUMMARY,
    OFFICER_REPORT,
    "协作组活动情况记录表",
    "保密组织人员变动情况",
    "其他",
];

const REPORT_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("kind", "报告类别", Kind::Choice(REPORT_KINDS)).required(),
    FieldSpec::new("year", "年度", Kind::Count).required(),
    FieldSpec::new("title", "标题", Kind::Text).synonyms(&["报告标题", "名称"]),
    FieldSpec::new("ref", "文号", Kind::Text)
        .max(64)
        .synonyms(&["发文字号"]),
    FieldSpec::new("signed_by", "签发领导", Kind::Person).synonyms(&["签发人"]),
    FieldSpec::new("note", "备注", Kind::Note),
];

/// R-ORG-2: what was sent to the bureau, on the day registered.
pub const UNIT_REPORT: LedgerSpec = LedgerSpec {
    key: "bureau-report",
    plural: "bureau-reports",
    title: "报送保密局登记",
    noun: "报送",
    series: Series::UnitReport,
    number_label: "报送编号",
    number_synonyms: &[],
    fields: REPORT_FIELDS,
    list: &["no", "registered_on", "kind", "year", "title"],
    print: &[
        "no",
        "registered_on",
        "kind",
        "year",
        "title",
        "ref",
        "signed_by",
        "note",
    ],
    acts: &[],
    states: KEPT,
    add_verb: "add",
    check_add: check_report,
    check_act: no_act,
};

/// R-ORG-2: a report names its year.
fn check_report(v: &Values, today: NaiveDate) -> Checked<()> {
    check_year(v, today).map(|_| ())
}

// ---- R-ORG-3: 奖励与处罚 ----

/// 第四条: the forms a reward takes.
pub const REWARD_FORMS: &[&str] = &[
    "奖状",
    "奖品",
    "奖金",
    "记功",
    "记大功",
    "升级",
    "升职",
    "荣誉称号",
    "通令嘉奖",
];
/// Every ground the rules list, rewards first (第三条 1…5), then penalties (第五条 (一)…(十二),
/// 第六条, 第七条): the choice the form offers.
pub const GROUNDS: &[&str] = &[
    "在危急情况下保护国家秘密安全",
    "及时检举泄露或非法获取国家秘密的行为",
    "发现泄密立即补救，避免或减轻损害后果",
    "在涉密专项活动中严守国家秘密作出重要贡献",
    "一贯严守国家秘密或长期从事保密工作事迹突出",
    "非法获取、持有国家秘密载体",
    "买卖、转送或私自销毁国家秘密载体",
    "通过普通邮政、快递等无保密措施的渠道传递国家秘密载体",
    "邮寄、托运或未经批准携带、传递国家秘密载体出境",
    "非法复制、记录、存储国家秘密",
    "在私人交往和通信中涉及国家秘密",
    "在互联网等公共信息网络或无保密措施的通信中传递国家秘密",
    "将涉密计算机、涉密存储设备接入互联网等公共信息网络",
    "未采取防护措施在涉密信息系统与互联网等之间交换信息",
    "使用非涉密计算机、非涉密存储设备存储、处理国家秘密",
    "擅自卸载、修改涉密信息系统的安全技术程序、管理程序",
    "将未经安全技术处理的退出使用的涉密计算机、存储设备赠送、出售、丢弃或改作他用",
    "应当定密不定密或不应定密而定密，造成严重后果",
    "发生重大泄密案件负有直接责任",
];
/// The grounds for a reward, and for a penalty.
pub const REWARD_GROUNDS: &[&str] = GROUNDS.split_at(5).0;
pub const PENALTY_GROUNDS: &[&str] = GROUNDS.split_at(5).1;

const MERIT_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("kind", "奖惩", Kind::Choice(&["奖励", "处罚"])).required(),
    FieldSpec::new("whom", "部门或个人", Kind::Text)
        .required()
        .synonyms(&["姓名", "单位", "对象"]),
    FieldSpec::new("ground", "依据", Kind::Choice(GROUNDS))
        .required()
        .synonyms(&["事由", "奖惩事由"]),
    FieldSpec::new("form", "奖惩形式", Kind::Text).synonyms(&["奖励形式", "处分"]),
    FieldSpec::new("decided_by", "决定机关", Kind::Text).synonyms(&["批准机关"]),
    FieldSpec::new("ref", "文号", Kind::Text).max(64),
    FieldSpec::new("facts", "事迹或事实", Kind::Note).synonyms(&["主要事迹", "事实"]),
];

/// R-ORG-3: rewards and penalties with their grounds.
pub const MERIT: LedgerSpec = LedgerSpec {
    key: "merit",
    plural: "merits",
    title: "奖励与处罚登记",
    noun: "奖惩",
    series: Series::Merit,
    number_label: "奖惩编号",
    number_synonyms: &[],
    fields: MERIT_FIELDS,
    list: &["no", "registered_on", "kind", "whom", "ground"],
    print: &[
        "no",
        "registered_on",
        "kind",
        "whom",
        "ground",
        "form",
        "decided_by",
        "ref",
        "facts",
    ],
    acts: &[],
    states: KEPT,
    add_verb: "add",
    check_add: check_merit,
    check_act: no_act,
};

/// R-ORG-3: a reward on a ground of 第三条 in the forms of 第四条; a penalty on a ground of 第五至七条.
fn check_merit(v: &Values, _today: NaiveDate) -> Checked<()> {
    let kind = v.get("kind").map(String::as_str).unwrap_or("");
    let ground = v.get("ground").map(String::as_str).unwrap_or("");
    let (grounds, which) = if kind == "奖励" {
        (REWARD_GROUNDS, "第三条")
    } else {
        (PENALTY_GROUNDS, "第五至七条")
    };
    if !grounds.contains(&ground) {
        return Err(Refusal::rule(
            "R-ORG-3",
            format!("「{ground}」不是{kind}的依据：{kind}须依奖励与处罚制度{which}所列情形"),
        ));
    }
    if kind == "奖励" {
        let forms = split_list(v.get("form").map(String::as_str).unwrap_or(""));
        if let Some(bad) = forms.iter().find(|f| !REWARD_FORMS.contains(&f.as_str())) {
            return Err(Refusal::rule(
                "R-ORG-3",
                format!(
                    "奖励形式「{bad}」不在第四条所列之内：{}",
                    REWARD_FORMS.join("、")
                ),
            ));
        }
    }
    Ok(())
}

// ---- R-ORG-5: 领导干部保密工作责任制考核 ----

pub const ASSESSMENT_RESULTS: &[&str] = &["优秀", "称职", "基本称职", "不称职"];

const ASSESSMENT_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("leader", "领导干部", Kind::Person)
        .required()
        .synonyms(&["姓名"]),
    FieldSpec::new("post", "职务", Kind::Text),
    FieldSpec::new("year", "年度", Kind::Count).required(),
    FieldSpec::new("result", "考核结果", Kind::Choice(ASSESSMENT_RESULTS)).required(),
    FieldSpec::new("by", "考核组织", Kind::Text).synonyms(&["考核单位"]),
    FieldSpec::new("note", "履行保密职责情况", Kind::Note).synonyms(&["情况"]),
];

/// R-ORG-5: each leader's fulfilment of secrecy duties, assessed yearly (领导干部 第八条).
pub const ASSESSMENT: LedgerSpec = LedgerSpec {
    key: "assessment",
    plural: "assessments",
    title: "领导干部保密工作责任制考核",
    noun: "考核",
    series: Series::Assessment,
    number_label: "考核编号",
    number_synonyms: &[],
    fields: ASSESSMENT_FIELDS,
    list: &["no", "year", "leader", "post", "result"],
    print: &[
        "no",
        "registered_on",
        "year",
        "leader",
        "post",
        "result",
        "by",
        "note",
    ],
    acts: &[],
    states: KEPT,
    add_verb: "add",
    check_add: check_assessment,
    check_act: no_act,
};

fn check_assessment(v: &Values, today: NaiveDate) -> Checked<()> {
    check_year(v, today).map(|_| ())
}

// ---- R-ORG-6: 保密工作人员变动 ----

/// 协作组 附表: whose changes are reported.
pub const STAFF_POSTS: &[&str] = &[
    "分管保密工作的领导",
    "办公室主任",
    "保密员",
    "保密委员会成员",
];
pub const CHANGES: &[&str] = &["新任", "调离", "职务变动"];

const STAFF_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("name", "姓名", Kind::Person).required(),
    FieldSpec::new("post", "岗位", Kind::Choice(STAFF_POSTS)).required(),
    FieldSpec::new("change", "变动", Kind::Choice(CHANGES)).required(),
    FieldSpec::new("title", "职务", Kind::Text),
    FieldSpec::new("phone", "办公电话", Kind::Text).max(32),
    FieldSpec::new("note", "备注", Kind::Note),
];

const STAFF_ACTS: &[ActSpec] = &[ActSpec::new(
    "reported",
    'r',
    "报市保密局",
    "R-ORG-6",
    &[
        FieldSpec::new("ref", "文号", Kind::Text).max(64),
        FieldSpec::new("to_group", "同时报协作组", Kind::Flag),
    ],
)];

const STAFF_STATES: &[StateSpec] = &[
    StateSpec::held("unreported", "待报告"),
    StateSpec::gone("reported", "已报告"),
];

/// R-ORG-6: each change of the unit's secrecy staff, until reported to the city bureau.
pub const STAFF_CHANGE: LedgerSpec = LedgerSpec {
    key: "staff-change",
    plural: "staff-changes",
    title: "保密工作人员变动登记",
    noun: "人员变动",
    series: Series::StaffChange,
    number_label: "变动编号",
    number_synonyms: &[],
    fields: STAFF_FIELDS,
    list: &["no", "registered_on", "name", "post", "change", "state"],
    print: &[
        "no",
        "registered_on",
        "name",
        "post",
        "change",
        "title",
        "phone",
        "state",
        "note",
    ],
    acts: STAFF_ACTS,
    states: STAFF_STATES,
    add_verb: "add",
    check_add: |_, _| Ok(()),
    check_act: check_staff_act,
};

/// R-ORG-6: a change is reported once, on or after the day it happened.
fn check_staff_act(r: &Record, act: &ActSpec, _v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    if act.verb != "reported" {
        return no_act(r, act, _v, cx);
    }
    if !r.held() {
        return Err(Refusal::rule(
            "R-ORG-6",
            format!("{} 已于 {} 报告", r.no, r.get("reported_on")),
        ));
    }
    if cx.on < r.registered_on {
        return Err(Refusal::field("日期", "早于变动日期"));
    }
    Ok(Outcome::state("reported").set("reported_on", crate::domain::dates::iso(cx.on)))
}
