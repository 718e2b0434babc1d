//! 信息公开保密审查 (R-DIS-1…5): nothing is published without a review recording the item (title
//! or summary, number, date made, 主动/依申请), the four questions and three signed steps in order
//! (经办人拟办 → 部门领导审核 → 分管领导审批); the unit leader cannot approve publishing what the
//! answers say must not be published (第九条), unless technically separated (第十四条).

use chrono::NaiveDate;

use super::steps::{self, APPROVER, By, FORM_REF, OPINION, SIGNED_ON, Step};
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec, Values,
};
use crate::domain::numbering::Series;
use crate::domain::text::TITLE_MAX;

/// 是 or 否, typed as a value (`--secret 是`), unlike a bare switch.
pub const YES_NO: Kind = Kind::Choice(&["是", "否"]);

/// The four review questions of the 流程表 (第八条), answered at registration or by the handler.
const QUESTIONS: [FieldSpec; 4] = [
    FieldSpec::new("secret", "是否涉密", YES_NO)
        .synonyms(&["是否涉密（国家秘密、商业秘密或个人隐私）"]),
    FieldSpec::new("changed", "涉密事项是否已变更", YES_NO),
    FieldSpec::new("separated", "是否已作技术性区分处理", YES_NO).synonyms(&["技术性区分处理"]),
    FieldSpec::new("other", "是否有其他不适宜对外发布的内容", YES_NO)
        .synonyms(&["其他不宜公开内容"]),
];

pub const WAYS: &[&str] = &["主动", "依申请"];

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("title", "标题（内容摘要）", Kind::Text)
        .required()
        .max(TITLE_MAX)
        .synonyms(&["标题", "内容摘要", "拟公开信息"]),
    FieldSpec::new("doc_no", "文号", Kind::Text),
    FieldSpec::new("made_on", "产生日期", Kind::Date)
        .required()
        .synonyms(&["成文日期"]),
    FieldSpec::new("way", "公开方式", Kind::Choice(WAYS))
        .required()
        .synonyms(&["公开形式"]),
    QUESTIONS[0],
    QUESTIONS[1],
    QUESTIONS[2],
    QUESTIONS[3],
    FieldSpec::new("note", "备注", Kind::Note),
];

/// 审查结论: what the step proposes; the unit leader's is the decision.
pub const DECISIONS: &[&str] = &["公开", "不予公开", "暂缓公开"];
const DECISION: FieldSpec = FieldSpec::new("decision", "审查结论", Kind::Choice(DECISIONS));

const ACTS: &[ActSpec] = &[ActSpec::new(
    "step",
    'b',
    "办理下一步审查",
    "R-DIS-2",
    &[
        OPINION,
        DECISION,
        QUESTIONS[0],
        QUESTIONS[1],
        QUESTIONS[2],
        QUESTIONS[3],
        APPROVER,
        SIGNED_ON,
        FORM_REF,
    ],
)];

/// R-DIS-2: the three steps, each by its own role (第十、十一条).
pub const STEPS: &[Step] = &[
    Step {
        key: "handler",
        label: "经办人拟办",
        short: "拟办",
        by: By::Officer,
        takes: &["decision", "secret", "changed", "separated", "other"],
    },
    Step {
        key: "department",
        label: "部门领导审核",
        short: "审核",
        by: By::DepartmentHead,
        takes: &[],
    },
    Step {
        key: "leader",
        label: "分管领导审批",
        short: "审批",
        by: By::Leader,
        takes: &["decision"],
    },
];

const STATES: &[StateSpec] = &[
    StateSpec::held("handler", "待经办人拟办"),
    StateSpec::held("department", "待部门领导审核"),
    StateSpec::held("leader", "待分管领导审批"),
    StateSpec::gone("published", "准予公开"),
    StateSpec::gone("withheld", "不予公开"),
    StateSpec::gone("deferred", "暂缓公开"),
];

/// 信息公开保密审查.
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "review",
    plural: "reviews",
    title: "信息公开保密审查登记",
    noun: "审查",
    series: Series::Review,
    number_label: "审查编号",
    number_synonyms: &["审查号"],
    fields: FIELDS,
    list: &["no", "title", "doc_no", "way", "state"],
    print: &[
        "no",
        "title",
        "doc_no",
        "made_on",
        "way",
        "secret",
        "changed",
        "separated",
        "other",
        "state",
    ],
    acts: ACTS,
    states: STATES,
    add_verb: "new",
    check_add,
    check_act,
};

/// R-DIS-1: the review's answers hold together: technical separation (第十四条) is a treatment of
/// secret content, so it is not answered 是 for an item answered not secret.
fn check_add(v: &Values, _today: NaiveDate) -> Checked<()> {
    check_answers(|k| v.get(k).map(String::as_str).unwrap_or(""))
}

fn check_answers<'a>(get: impl Fn(&str) -> &'a str) -> Checked<()> {
    if get("secret") == "否" && get("separated") == "是" {
        return Err(Refusal::rule(
            "R-DIS-1",
            "审查内容自相矛盾：不涉密的信息无须作技术性区分处理（“是否已作技术性区分处理”应为否）",
        ));
    }
    Ok(())
}

fn check_act(r: &Record, act: &ActSpec, v: &Values, _cx: &Context<'_>) -> Checked<Outcome> {
    if act.verb != "step" {
        return Err(Refusal::field(
            "办理",
            format!("审查没有「{}」这一项", act.verb),
        ));
    }
    let Some((i, step)) = steps::next(STEPS, r) else {
        return Err(Refusal::rule(
            "R-DIS-2",
            format!("{} 已{}，三个步骤均已办理", r.no, r.state_label()),
        ));
    };
    // 第十一条: the handler answers the review questions and proposes; the department leader
    // gives an opinion; the unit leader decides.
    steps::check_takes("R-DIS-2", STEPS, step, act, v)?;
    let mut set = steps::record_step("R-DIS-2", STEPS, r, v, r.date("made_on"))?;
    for q in &QUESTIONS {
        if let Some(a) = v.get(q.key).filter(|a| !a.is_empty()) {
            set.insert(q.key.to_string(), a.clone());
        }
    }
    let mut answers = r.clone();
    answers.values.extend(set.clone());
    check_answers(|k| answers.get(k))?;
    let decision = v.get(DECISION.key).map(String::as_str).unwrap_or("");
    if !decision.is_empty() {
        set.insert(format!("{}_decision", step.key), decision.to_string());
    }
    let mut out = Outcome::default();
    if i + 1 < STEPS.len() {
        out.state = Some(STEPS[i + 1].key);
    } else {
        out.state = Some(match decision {
            "公开" => {
                check_publishable(&answers)?;
                "published"
            }
            "不予公开" => "withheld",
            "暂缓公开" => "deferred",
            _ => {
                return Err(Refusal::field(
                    DECISION.label,
                    "分管领导审批须写明审查结论：公开、不予公开或暂缓公开",
                ));
            }
        });
    }
    out.set = set;
    Ok(out)
}

/// R-DIS-3 (第九、十四条): what must not be published. Secret (or not yet known to be) and not
/// technically separated; other content unfit to publish.
pub fn check_publishable(r: &Record) -> Checked<()> {
    let refuse = |why: &str| {
        Err(Refusal::rule(
            "R-DIS-3",
            format!("{why}，不得批准公开；可审批为不予公开或暂缓公开"),
        ))
    };
    match (r.get("secret"), r.get("separated")) {
        ("", _) => return refuse("是否涉密尚未确定（第九条第五项）"),
        ("是", "是") => {}
        ("是", _) => {
            return refuse("审查内容为涉密，且未作技术性区分处理（删除、摘录、摘编）");
        }
        _ => {}
    }
    if r.get("other") == "是" {
        return refuse("有其他不适宜对外发布的内容（第九条第六项）");
    }
    Ok(())
}

/// R-DIS-4: a request for publication is answered within 15 working days.
pub const ANSWER_WORKING_DAYS: u32 = 15;

/// R-DIS-4: the review of a request (依申请) still open: the due engine counts its days.
pub fn awaits_answer(r: &Record) -> bool {
    r.spec.key == SPEC.key && r.get("way") == "依申请" && r.held()
}

#[cfg(test)]
pub(crate) mod tests;
