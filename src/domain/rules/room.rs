//! R-CMP-11: computer rooms (机房) with their access-control zones, and the visitor log: every
//! visitor escorted, no photographs; a 绝密 room is staffed. Recorded as room properties and visits.

use chrono::NaiveDate;

use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec, Values,
};
use crate::domain::level::Level;
use crate::domain::numbering::Series;

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("name", "机房名称", Kind::Text)
        .required()
        .synonyms(&["名称", "场所名称"]),
    FieldSpec::new("level", "密级", Kind::Level)
        .required()
        .synonyms(&["涉密等级"]),
    FieldSpec::new(
        "zone",
        "控制区域",
        Kind::Choice(&["核心区", "内控区", "外围区"]),
    ),
    FieldSpec::new("keeper", "负责人", Kind::Person).synonyms(&["责任人"]),
    FieldSpec::new("dept", "部门", Kind::Text).synonyms(&["所属部门"]),
    FieldSpec::new("staffed", "专人值守", Kind::Flag),
    FieldSpec::new("note", "备注", Kind::Note),
];

const ACTS: &[ActSpec] = &[
    ActSpec::new(
        "visit",
        'v',
        "来访登记",
        "R-CMP-11",
        &[
            FieldSpec::new("visitor", "来访人", Kind::Person).required(),
            FieldSpec::new("unit", "来访单位", Kind::Text),
            FieldSpec::new("escort", "陪同人", Kind::Person).required(),
            FieldSpec::new("purpose", "事由", Kind::Text).required(),
            FieldSpec::new("time", "进入时间", Kind::Time),
            FieldSpec::new("photos", "拍照录像", Kind::Flag),
        ],
    ),
    ActSpec::new("check", 'k', "检查", "R-CMP-11", &[super::media::FINDINGS]),
    ActSpec::new("close", 'c', "撤销", "R-CMP-11", &[]),
];

const STATES: &[StateSpec] = &[
    StateSpec::held("in_use", "在用"),
    StateSpec::gone("closed", "已撤销"),
];

/// 机房登记 and its visitor log.
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "room",
    plural: "rooms",
    title: "涉密机房登记",
    noun: "机房",
    series: Series::Room,
    number_label: "机房编号",
    number_synonyms: &[],
    fields: FIELDS,
    list: &["no", "name", "level", "zone", "keeper", "state"],
    print: &[
        "no", "name", "level", "zone", "keeper", "dept", "staffed", "state",
    ],
    acts: ACTS,
    states: STATES,
    check_add,
    add_verb: "add",
    check_act,
};

/// R-CMP-11: a 绝密 room is staffed.
fn check_add(v: &Values, _today: NaiveDate) -> Checked<()> {
    let top = v.get("level").and_then(|l| Level::parse(l)) == Some(Level::TopSecret);
    if top && v.get("staffed").map(String::as_str) != Some("是") {
        return Err(Refusal::rule(
            "R-CMP-11",
            "绝密级机房须专人值守：请登记「专人值守」",
        ));
    }
    Ok(())
}

fn check_act(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    if !r.held() {
        return Err(Refusal::rule(
            act.rule,
            format!("{} 当前{}，不能{}", r.no, r.state_label(), act.label),
        ));
    }
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or("");
    match act.verb {
        "visit" => {
            if get("photos") == "是" {
                return Err(Refusal::rule("R-CMP-11", "涉密机房内不得拍照、录像"));
            }
            if get("escort") == get("visitor") {
                return Err(Refusal::rule(
                    "R-CMP-11",
                    "来访人须由本单位人员陪同，陪同人不能是来访人自己",
                ));
            }
            Ok(Outcome::default())
        }
        "check" => Ok(Outcome {
            checked_on: Some(cx.on),
            ..Outcome::default()
        }),
        "close" => Ok(Outcome::state("closed")),
        _ => Err(Refusal::field(
            "办理",
            format!("机房没有「{}」这一项", act.verb),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::rules::media::tests::{cx, values};

    fn room() -> Record {
        Record {
            id: 3,
            spec: &SPEC,
            no: "JF-001".into(),
            state: "in_use",
            level: Some(Level::Secret),
            keeper: "李强".into(),
            holder: String::new(),
            registered_on: ymd(2026, 1, 5),
            checked_on: None,
            values: values(&[("name", "三楼机房")]),
        }
    }

    // R-CMP-11: a 绝密 room is staffed; a visitor is escorted and takes no photographs.
    #[test]
    fn r_cmp_11_staffed_escorted_no_photos() {
        let today = ymd(2026, 11, 27);
        let top = values(&[("name", "机要机房"), ("level", "绝密")]);
        assert_eq!(
            check_add(&top, today).unwrap_err().rule_id(),
            Some("R-CMP-11")
        );
        let visit = SPEC.act("visit").unwrap();
        let ask = |extra: &[(&str, &str)]| {
            let mut v = values(&[("visitor", "赵工"), ("escort", "李强"), ("purpose", "巡检")]);
            for (k, x) in extra {
                v.insert(k.to_string(), x.to_string());
            }
            v
        };
        assert!(check_act(&room(), visit, &ask(&[]), &cx(None)).is_ok());
        let e = check_act(&room(), visit, &ask(&[("photos", "是")]), &cx(None)).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-CMP-11"));
        let e = check_act(&room(), visit, &ask(&[("escort", "赵工")]), &cx(None)).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-CMP-11"));
    }
}
