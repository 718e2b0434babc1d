//! 对外提供资料审查报批 (R-EXT-1…3): materials given to a foreign party go through the steps of
//! 第二条 in order — the handling department lists and checks each item, technical treatment, the
//! unit leader's review, approval by the authority the level requires (its name and reference
//! recorded), filing that approval with the bureau, a confidentiality agreement with the receiver.
//! 绝密 is normally not provided (R-EXT-2); nothing is provided in a person's name (R-EXT-3).
//! Materials that are not state secrets (内部资料、商业秘密) end with the unit leader (第二条(四)).

use chrono::NaiveDate;

use super::review::YES_NO;
use super::steps::{self, APPROVER, By, FORM_REF, OPINION, SIGNED_ON, Step};
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec, Values,
};
use crate::domain::level::Level;
use crate::domain::numbering::Series;
use crate::domain::text::TITLE_MAX;

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("title", "资料名称", Kind::Text)
        .required()
        .max(TITLE_MAX)
        .synonyms(&["名称"]),
    FieldSpec::new("items", "资料清单", Kind::Note)
        .required()
        .synonyms(&["资料范围", "类别、内容、使用时间"]),
    FieldSpec::new("level", "密级", Kind::Level).required(),
    FieldSpec::new("provider", "承办部门", Kind::Text)
        .required()
        .synonyms(&["提供单位"]),
    FieldSpec::new("receiver", "接收单位", Kind::Text)
        .required()
        .synonyms(&["外方单位", "接收方"]),
    FieldSpec::new("project", "交流合作项目", Kind::Text).synonyms(&["项目"]),
    FieldSpec::new("military", "涉及军事军工", YES_NO),
    FieldSpec::new("note", "备注", Kind::Note),
];

const DECISION: FieldSpec = FieldSpec::new("decision", "结论", Kind::Choice(&["同意", "不同意"]));
const NEEDED: FieldSpec = FieldSpec::new("needed", "是否交流合作所必需", YES_NO);
const TREATED: FieldSpec = FieldSpec::new(
    "treated",
    "技术处理",
    Kind::Choice(&["已作技术处理", "无须技术处理"]),
);

const ACTS: &[ActSpec] = &[ActSpec::new(
    "step",
    'b',
    "办理下一步",
    "R-EXT-1",
    &[
        OPINION, DECISION, NEEDED, TREATED, APPROVER, SIGNED_ON, FORM_REF,
    ],
)];

/// R-EXT-1: the steps of 第二条, in order.
pub const STEPS: &[Step] = &[
    Step {
        key: "check",
        label: "承办部门逐项审查",
        short: "逐项审查",
        by: By::Officer,
        takes: &["needed"],
    },
    Step {
        key: "treat",
        label: "技术处理",
        short: "技术处理",
        by: By::Officer,
        takes: &["treated"],
    },
    Step {
        key: "leader",
        label: "主管领导审核",
        short: "领导审核",
        by: By::Leader,
        takes: &["decision"],
    },
    Step {
        key: "approve",
        label: "按密级报批",
        short: "报批",
        by: By::Outside,
        takes: &["decision"],
    },
    Step {
        key: "file",
        label: "批件报保密行政管理部门备案",
        short: "备案",
        by: By::Officer,
        takes: &["form_ref"],
    },
    Step {
        key: "agree",
        label: "与接收方签订保密协议",
        short: "保密协议",
        by: By::Officer,
        takes: &["form_ref"],
    },
];

const STATES: &[StateSpec] = &[
    StateSpec::held("check", "待逐项审查"),
    StateSpec::held("treat", "待技术处理"),
    StateSpec::held("leader", "待主管领导审核"),
    StateSpec::held("approve", "待报批"),
    StateSpec::held("file", "待备案"),
    StateSpec::held("agree", "待签订保密协议"),
    StateSpec::gone("provided", "准予提供"),
    StateSpec::gone("refused", "不予提供"),
];

/// 对外提供资料审查报批.
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "provide",
    plural: "provisions",
    title: "对外提供资料审查报批登记",
    noun: "对外提供",
    series: Series::Provide,
    number_label: "报批编号",
    number_synonyms: &[],
    fields: FIELDS,
    list: &["no", "title", "level", "receiver", "state"],
    print: &[
        "no", "title", "level", "provider", "receiver", "project", "state",
    ],
    acts: ACTS,
    states: STATES,
    add_verb: "new",
    check_add,
    check_act,
};

/// R-EXT-2: 绝密 is normally not provided; R-EXT-3: the provider and the receiver are units.
fn check_add(v: &Values, _today: NaiveDate) -> Checked<()> {
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or("");
    if Level::parse(get("level")) == Some(Level::TopSecret) {
        return Err(Refusal::rule(
            "R-EXT-2",
            "绝密级资料原则上不得对外提供；确需提供的，须经国务院有关业务主管部门审批（或报国务院审批），不在本单位办理",
        ));
    }
    for key in ["provider", "receiver"] {
        let name = get(key).trim();
        if !name.is_empty() && !is_unit(name) {
            let label = FIELDS
                .iter()
                .find(|f| f.key == key)
                .map_or(key, |f| f.label);
            return Err(Refusal::rule(
                "R-EXT-3",
                format!(
                    "{label}「{name}」不像单位名称：严禁个人或以个人名义对外提供国家秘密资料，请写单位全称（如 某某大学、某某公司、Example Ltd）"
                ),
            ));
        }
    }
    Ok(())
}

/// R-EXT-3: a name is a unit's when it ends in (or, in Latin letters, contains as a word) what
/// organisations are called. A person's name has none of these.
pub fn is_unit(name: &str) -> bool {
    const HAN: &[&str] = &[
        "局",
        "委",
        "办",
        "厅",
        "部",
        "院",
        "所",
        "校",
        "学",
        "司",
        "中心",
        "会",
        "银行",
        "馆",
        "处",
        "科",
        "室",
        "站",
        "队",
        "社",
        "署",
        "厂",
        "团",
        "组",
        "府",
        "公司",
        "集团",
        "机构",
        "组织",
        "代表处",
        "办事处",
        "政府",
        "部门",
        "单位",
    ];
    const LATIN: &[&str] = &[
        "ltd",
        "inc",
        "gmbh",
        "ag",
        "llc",
        "plc",
        "co",
        "corp",
        "company",
        "corporation",
        "university",
        "institute",
        "agency",
        "foundation",
        "association",
        "bank",
        "ministry",
        "embassy",
        "consulate",
        "council",
        "organization",
        "organisation",
        "center",
        "centre",
        "committee",
        "group",
        "office",
        "department",
        "commission",
        "society",
        "academy",
        "college",
        "school",
        "laboratory",
        "authority",
        "bureau",
        "government",
    ];
    let name = name.trim();
    let han_end = name.trim_end_matches([')', '）', '.']);
    if HAN.iter().any(|s| han_end.ends_with(s)) {
        return true;
    }
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| LATIN.contains(&w.to_ascii_lowercase().as_str()))
}

fn check_act(r: &Record, act: &ActSpec, v: &Values, _cx: &Context<'_>) -> Checked<Outcome> {
    if act.verb != "step" {
        return Err(Refusal::field(
            "办理",
            format!("对外提供没有「{}」这一项", act.verb),
        ));
    }
    let Some((i, step)) = steps::next(STEPS, r) else {
        return Err(Refusal::rule(
            "R-EXT-1",
            format!("{} 已{}，各步骤均已办理", r.no, r.state_label()),
        ));
    };
    steps::check_takes("R-EXT-1", STEPS, step, act, v)?;
    let mut set = steps::record_step("R-EXT-1", STEPS, r, v, Some(r.registered_on))?;
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or("");
    let mut ends = get(DECISION.key) == "不同意";
    match step.key {
        // 第二条(二)(2): what is not needed for the cooperation is not provided.
        "check" => {
            if get(NEEDED.key).is_empty() {
                return Err(Refusal::field(
                    NEEDED.label,
                    "逐项审查须写明是否为交流、合作所必需",
                ));
            }
            set.insert(NEEDED.key.into(), get(NEEDED.key).into());
            ends |= get(NEEDED.key) == "否";
        }
        "treat" => {
            if get(TREATED.key).is_empty() {
                return Err(Refusal::field(
                    TREATED.label,
                    "写明已作技术处理，或无须技术处理",
                ));
            }
            set.insert(TREATED.key.into(), get(TREATED.key).into());
        }
        "approve" => check_authority(r, get(APPROVER.key))?,
        "file" | "agree" if get(FORM_REF.key).is_empty() => {
            return Err(Refusal::rule(
                "R-EXT-1",
                if step.key == "file" {
                    "备案须写明备案文号（--form-ref）"
                } else {
                    "须写明保密协议（合同、备忘录）的编号（--form-ref）"
                },
            ));
        }
        _ => {}
    }
    // 第二条(四): materials that are not state secrets end with the unit leader's approval.
    let last = step.key == "leader" && !r.level.is_some_and(Level::is_state_secret)
        || i + 1 == STEPS.len();
    let state = if ends {
        "refused"
    } else if last {
        "provided"
    } else {
        STEPS[i + 1].key
    };
    Ok(Outcome {
        state: Some(state),
        set,
        ..Outcome::default()
    })
}

/// R-EXT-2 (第二条(六)): the approving authority is a body the level allows — never for 绝密 here;
/// a military authority for military matters; named, with its reference (which `steps::sign`
/// requires of every outside approval).
fn check_authority(r: &Record, authority: &str) -> Checked<()> {
    if r.level == Some(Level::TopSecret) {
        return Err(Refusal::rule(
            "R-EXT-2",
            "绝密级资料原则上不得对外提供，须经国务院有关业务主管部门审批",
        ));
    }
    if !is_unit(authority) {
        return Err(Refusal::rule(
            "R-EXT-2",
            format!("审批机关「{authority}」不像机关名称：请写批准机关的全称"),
        ));
    }
    if r.get("military") == "是" && !authority.contains('军') {
        return Err(Refusal::rule(
            "R-EXT-2",
            format!(
                "涉及军事、军工的国家秘密资料须经有审批权限的军事机关或军事主管部门审批，「{authority}」不是军事机关"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
