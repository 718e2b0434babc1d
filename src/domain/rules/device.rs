//! R-DEV-1…6: office equipment, phones and unit mailboxes, one ledger described once: phones of
//! leaders and classified staff registered (R-DEV-1), mailboxes opened on a department leader's
//! signature with a keeper and a password changed every 90 days (R-DEV-2), copiers, fax machines
//! and shredders for classified work registered stand-alone, repaired by qualified units, their
//! disks to the bureau when scrapped (R-DEV-3), regular checks (R-DEV-4), phones filed before they
//! enter a classified place (R-DEV-5), imported equipment checked before use (R-DEV-6).

use chrono::NaiveDate;

use super::media::FINDINGS;
use crate::domain::dates;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec, Values,
};
use crate::domain::level::Level;
use crate::domain::numbering::Series;

pub const KINDS: &[&str] = &[
    "复印机",
    "传真机",
    "打印机",
    "多功能一体机",
    "扫描仪",
    "碎纸机",
    "手机",
    "电子邮箱",
    "其他",
];

/// Every kind but the mailbox: equipment that is repaired and scrapped (R-DEV-3).
const EQUIPMENT: &[&str] = &[
    "复印机",
    "传真机",
    "打印机",
    "多功能一体机",
    "扫描仪",
    "碎纸机",
    "手机",
    "其他",
];

/// Equipment with a storage that goes to the bureau when scrapped (R-DEV-3).
const WITH_DISK: &[&str] = &["复印机", "传真机", "打印机", "多功能一体机", "扫描仪"];

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("kind", "类型", Kind::Choice(KINDS))
        .required()
        .synonyms(&["设备类型", "设备类别"]),
    FieldSpec::new("level", "密级", Kind::Level).synonyms(&["设备密级", "涉密级别"]),
    FieldSpec::new("keeper", "保管人", Kind::Person).synonyms(&["责任人", "负责人", "使用人"]),
    FieldSpec::new("dept", "部门", Kind::Text).synonyms(&["使用部门", "所属部门", "部门/部位名称"]),
    FieldSpec::new("model", "品牌型号", Kind::Text).synonyms(&["型号", "设备类型（品牌型号）"]),
    FieldSpec::new("serial", "序列号", Kind::Text).max(64),
    FieldSpec::new("account", "号码或账号", Kind::Text).synonyms(&["手机号码", "邮箱账号"]),
    FieldSpec::new("place", "放置地点", Kind::Text).synonyms(&["存放位置"]),
    FieldSpec::new("standalone", "单机使用", Kind::Flag),
    FieldSpec::new("imported", "进口设备", Kind::Flag),
    FieldSpec::new("signed_by", "审批领导", Kind::Person).synonyms(&["部门领导签字"]),
    FieldSpec::new("note", "备注", Kind::Note),
];

const ACTS: &[ActSpec] = &[
    ActSpec::new("check", 'k', "定期检查", "R-DEV-4", &[FINDINGS]),
    ActSpec::new(
        "inspect",
        'i',
        "安全检查",
        "R-DEV-6",
        &[
            FieldSpec::new("unit", "检查单位", Kind::Text).required(),
            FINDINGS,
        ],
    )
    .only_when("imported", &["是"]),
    ActSpec::new("password", 'p', "更换口令", "R-DEV-2", &[]).only_when("kind", &["电子邮箱"]),
    ActSpec::new(
        "file",
        'f',
        "带入涉密场所备案",
        "R-DEV-5",
        &[
            FieldSpec::new("place", "涉密场所", Kind::Text).required(),
            FieldSpec::new("ref", "备案号", Kind::Text).required(),
        ],
    )
    .only_when("kind", &["手机"])
    // R-DEV-6: not before an imported phone's security check (`check_usable` says so).
    .in_states(&["in_use"]),
    ActSpec::new(
        "repair",
        'w',
        "维修",
        "R-DEV-3",
        &[
            FieldSpec::new("repairer", "维修单位", Kind::Text).required(),
            FieldSpec::new("qualified", "具备资质", Kind::Flag),
        ],
    )
    .only_when("kind", EQUIPMENT),
    ActSpec::new(
        "scrap",
        's',
        "报废",
        "R-DEV-3",
        &[FieldSpec::new("disk_to", "存储部件送交单位", Kind::Text)],
    )
    .only_when("kind", EQUIPMENT),
];

const STATES: &[StateSpec] = &[
    StateSpec::held("in_use", "在用"),
    // R-DEV-6: imported equipment is checked before it is used.
    StateSpec::held("unchecked", "待安全检查").starts_when("imported", "是"),
    StateSpec::gone("scrapped", "已报废"),
];

/// 办公自动化设备、手机、电子邮箱登记.
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "device",
    plural: "devices",
    title: "办公自动化设备、手机、电子邮箱登记",
    noun: "设备",
    series: Series::Device,
    number_label: "保密编号",
    number_synonyms: &["编号", "设备编号"],
    fields: FIELDS,
    list: &["no", "kind", "level", "keeper", "model", "state"],
    print: &[
        "no", "kind", "model", "serial", "account", "level", "keeper", "dept", "place", "state",
    ],
    acts: ACTS,
    states: STATES,
    check_add,
    add_verb: "add",
    check_act,
};

/// R-DEV-1, R-DEV-2, R-DEV-3 at registration.
fn check_add(v: &Values, _today: NaiveDate) -> Checked<()> {
    let kind = v.get("kind").map(String::as_str).unwrap_or("");
    let has = |k: &str| v.get(k).is_some_and(|s| !s.is_empty());
    match kind {
        "手机" if !has("keeper") => Err(Refusal::rule(
            "R-DEV-1",
            "登记备案的手机须写明使用人：请填写「保管人」",
        )),
        "电子邮箱" if !has("keeper") || !has("signed_by") => Err(Refusal::rule(
            "R-DEV-2",
            "单位电子邮箱须经部门领导签字同意开设并指定保管人：请填写「保管人」和「审批领导」",
        )),
        k if WITH_DISK.contains(&k)
            && v.get("level")
                .and_then(|l| Level::parse(l))
                .is_some_and(Level::is_state_secret)
            && v.get("standalone").map(String::as_str) != Some("是") =>
        {
            Err(Refusal::rule(
                "R-DEV-3",
                format!("用于涉密工作的{k}须单机使用，不得联网：请登记「单机使用」"),
            ))
        }
        _ => Ok(()),
    }
}

fn check_act(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or("");
    if !r.held() {
        return Err(Refusal::rule(
            act.rule,
            format!("{} 当前{}，不能{}", r.no, r.state_label(), act.label),
        ));
    }
    let kind = r.get("kind");
    match act.verb {
        "check" => Ok(Outcome {
            checked_on: Some(cx.on),
            ..Outcome::default()
        }),
        "inspect" => Ok(Outcome::state("in_use").set("inspected_by", get("unit"))),
        "password" => {
            if kind != "电子邮箱" {
                return Err(Refusal::rule("R-DEV-2", format!("{} 不是电子邮箱", r.no)));
            }
            Ok(Outcome::default().set("password_on", dates::iso(cx.on)))
        }
        "file" => {
            if kind != "手机" {
                return Err(Refusal::rule("R-DEV-5", format!("{} 不是手机", r.no)));
            }
            check_usable(r)?;
            Ok(Outcome::default().set("filed_ref", get("ref")))
        }
        "repair" => {
            if get("qualified") != "是" {
                return Err(Refusal::rule(
                    "R-DEV-3",
                    "涉密办公设备只能由具备资质的单位维修：请确认「具备资质」",
                ));
            }
            Ok(Outcome::default())
        }
        "scrap" => {
            if WITH_DISK.contains(&kind) && get("disk_to").is_empty() {
                return Err(Refusal::rule(
                    "R-DEV-3",
                    format!(
                        "{kind}报废时其存储部件须送交保密行政管理部门：请填写「存储部件送交单位」"
                    ),
                ));
            }
            Ok(Outcome::state("scrapped"))
        }
        _ => Err(Refusal::field(
            "办理",
            format!("设备没有「{}」这一项", act.verb),
        )),
    }
}

/// R-DEV-6: imported equipment is security-checked before it is used.
pub fn check_usable(r: &Record) -> Checked<()> {
    if r.state == "unchecked" {
        return Err(Refusal::rule(
            "R-DEV-6",
            format!("{} 是进口设备，须先办理「安全检查」才能使用", r.no),
        ));
    }
    Ok(())
}

/// R-DEV-2: when a mailbox's password is next due to change.
pub fn next_password(r: &Record, days: i64) -> Option<NaiveDate> {
    if r.get("kind") != "电子邮箱" || !r.held() {
        return None;
    }
    let from = r.date("password_on").unwrap_or(r.registered_on);
    Some(from + chrono::Duration::days(days.max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::ledgers::Values;

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn device(kind: &str) -> Record {
        Record {
            id: 1,
            spec: &SPEC,
            no: "SB-001".into(),
            state: "in_use",
            level: None,
            keeper: "张三".into(),
            holder: String::new(),
            registered_on: ymd(2026, 1, 5),
            checked_on: None,
            values: values(&[("kind", kind)]),
        }
    }

    fn cx() -> Context<'static> {
        crate::domain::rules::media::tests::cx(None)
    }

    // R-DEV-1: a registered phone names its user.
    #[test]
    fn r_dev_1_a_phone_names_its_user() {
        let e = check_add(&values(&[("kind", "手机")]), ymd(2026, 11, 27)).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-DEV-1"));
        assert!(
            check_add(
                &values(&[("kind", "手机"), ("keeper", "王建国")]),
                ymd(2026, 11, 27)
            )
            .is_ok()
        );
    }

    // R-DEV-2: a mailbox needs a keeper and a department leader's signature; its password is due
    // every 90 days from the last change.
    #[test]
    fn r_dev_2_mailbox_keeper_signature_and_password_due() {
        let e = check_add(
            &values(&[("kind", "电子邮箱"), ("keeper", "李强")]),
            ymd(2026, 11, 27),
        )
        .unwrap_err();
        assert_eq!(e.rule_id(), Some("R-DEV-2"));
        let mut m = device("电子邮箱");
        assert_eq!(next_password(&m, 90), Some(ymd(2026, 4, 5)));
        let spec = SPEC.act("password").unwrap();
        let out = check_act(&m, spec, &Values::new(), &cx()).unwrap();
        out.apply(&mut m);
        assert_eq!(next_password(&m, 90), Some(ymd(2027, 2, 25)));
        let e = check_act(&device("手机"), spec, &Values::new(), &cx()).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-DEV-2"));
    }

    // R-DEV-3: a classified copier is stand-alone, repaired by a qualified unit, its disk handed
    // over when scrapped.
    #[test]
    fn r_dev_3_copier_standalone_qualified_repair_disk_handed_over() {
        let v = values(&[("kind", "复印机"), ("level", "机密")]);
        assert_eq!(
            check_add(&v, ymd(2026, 11, 27)).unwrap_err().rule_id(),
            Some("R-DEV-3")
        );
        let mut v = v;
        v.insert("standalone".into(), "是".into());
        assert!(check_add(&v, ymd(2026, 11, 27)).is_ok());
        let c = device("复印机");
        let repair = SPEC.act("repair").unwrap();
        let e = check_act(&c, repair, &values(&[("repairer", "某公司")]), &cx()).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-DEV-3"));
        let scrap = SPEC.act("scrap").unwrap();
        assert!(check_act(&c, scrap, &Values::new(), &cx()).is_err());
        let out = check_act(&c, scrap, &values(&[("disk_to", "市保密局")]), &cx()).unwrap();
        assert_eq!(out.state, Some("scrapped"));
    }

    // R-DEV-4: a check records its day.
    #[test]
    fn r_dev_4_check_records_the_day() {
        let out = check_act(
            &device("手机"),
            SPEC.act("check").unwrap(),
            &Values::new(),
            &cx(),
        )
        .unwrap();
        assert_eq!(out.checked_on, Some(ymd(2026, 11, 27)));
    }

    // R-DEV-5, R-DEV-6: an imported phone is inspected before it is filed for a classified place.
    #[test]
    fn r_dev_6_imported_equipment_checked_before_use() {
        let v = values(&[("kind", "手机"), ("imported", "是")]);
        assert_eq!(SPEC.first_state(&v), "unchecked");
        let mut p = device("手机");
        p.state = "unchecked";
        let file = SPEC.act("file").unwrap();
        let ask = values(&[("place", "机要室"), ("ref", "备-1")]);
        assert_eq!(
            check_act(&p, file, &ask, &cx()).unwrap_err().rule_id(),
            Some("R-DEV-6")
        );
        let out = check_act(
            &p,
            SPEC.act("inspect").unwrap(),
            &values(&[("unit", "市保密局")]),
            &cx(),
        )
        .unwrap();
        out.apply(&mut p);
        // R-DEV-5
        assert!(check_act(&p, file, &ask, &cx()).is_ok());
    }
}
