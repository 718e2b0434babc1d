use super::*;
use crate::domain::dates::ymd;
use crate::domain::rules::{computer, device, media};
use std::collections::HashSet;

fn today() -> NaiveDate {
    ymd(2026, 11, 27)
}

// Every spec: unique keys, labels and flags; synonyms that name one column only; acts with
// unique verbs and page keys; a first state; list and print columns that exist.
#[test]
fn every_spec_is_consistent() {
    let mut nouns = HashSet::new();
    for s in all() {
        assert!(nouns.insert(s.key) && nouns.insert(s.plural), "{}", s.key);
        let mut names = HashSet::new();
        let own = [
            "保密编号",
            "no",
            "登记日期",
            "启用时间",
            "启用日期",
            "状态",
            "持有人",
            "最近清查",
        ];
        for h in s.number_synonyms.iter().chain(own.iter()) {
            assert!(names.insert(*h), "{}: {h}", s.key);
        }
        for f in s.fields {
            assert_ne!(f.key, "no", "{}: no is the number", s.key);
            assert_ne!(f.key, "date", "{}: date is the act's own", s.key);
            assert!(names.insert(f.key), "{}: key {}", s.key, f.key);
            assert!(names.insert(f.label), "{}: label {}", s.key, f.label);
            for syn in f.synonyms {
                assert!(names.insert(syn), "{}: synonym {syn}", s.key);
            }
            assert!(f.max > 0 && f.max <= crate::domain::text::TITLE_MAX);
        }
        let mut verbs = HashSet::new();
        let mut keys = HashSet::new();
        for a in s.acts {
            assert!(verbs.insert(a.verb), "{}: verb {}", s.key, a.verb);
            assert!(keys.insert(a.key), "{}: key {}", s.key, a.key);
            assert!(![s.add_verb, "add", "list", "show"].contains(&a.verb));
            assert!(a.rule.starts_with("R-"), "{}", a.verb);
            // An act's states and the field it is limited by exist.
            for st in a.states {
                assert!(s.state(st).is_some(), "{}.{}: state {st}", s.key, a.verb);
            }
            if let Some((k, _)) = a.only {
                assert!(s.field(k).is_some(), "{}.{}: field {k}", s.key, a.verb);
            }
            let mut own = HashSet::new();
            for f in a.fields {
                assert!(own.insert(f.key) && f.key != "date", "{}.{}", a.verb, f.key);
                assert!(own.insert(f.label), "{}.{}", a.verb, f.label);
            }
        }
        assert!(!s.states.is_empty());
        let mut states = HashSet::new();
        for st in s.states {
            assert!(states.insert(st.key) && states.insert(st.label));
            if let Some((k, _)) = st.starts_when {
                assert!(s.field(k).is_some(), "{}: {} starts on {k}", s.key, st.key);
            }
        }
        for c in s.list.iter().chain(s.print) {
            assert_ne!(s.column_label(c), "?", "{}: column {c}", s.key);
        }
        assert!(s.series.setting_key().ends_with("_format"));
    }
}

#[test]
fn parse_bounds_every_value() {
    let date = FieldSpec::new("bought_on", "购置日期", Kind::Date);
    assert_eq!(
        date.parse("2026年3月1日", today()).unwrap().as_deref(),
        Some("2026-03-01")
    );
    assert!(date.parse("1900-01-01", today()).is_err());
    assert!(date.parse("2026-12-01", today()).is_err(), "a past fact");
    assert!(date.ahead().parse("2026-12-01", today()).is_ok());
    assert!(date.ahead().parse("2101-01-01", today()).is_err());
    assert_eq!(date.parse(" ", today()), Ok(None));
    assert!(date.required().parse("", today()).is_err());
    let serial = FieldSpec::new("serial", "序列号", Kind::Text);
    let e = serial.parse(&"A".repeat(10_000), today()).unwrap_err();
    assert_eq!(e.field_name(), Some("序列号"));
    assert!(serial.parse("SN\u{1b}[2J", today()).is_err());
    assert!(serial.parse("SN\n2", today()).is_err());
    let count = FieldSpec::new("n", "数量", Kind::Count);
    assert_eq!(count.parse("１２", today()).unwrap().as_deref(), Some("12"));
    assert!(count.parse("-1", today()).is_err());
    assert!(count.parse("99999999999", today()).is_err());
    let level = FieldSpec::new("level", "密级", Kind::Level);
    assert_eq!(
        level.parse("机密级", today()).unwrap().as_deref(),
        Some("机密")
    );
    assert!(level.parse("机蜜", today()).is_err());
    let flag = FieldSpec::new("f", "是否", Kind::Flag);
    assert_eq!(flag.parse("有", today()).unwrap().as_deref(), Some("是"));
    let choice = FieldSpec::new("c", "类型", Kind::Choice(&["U盘", "光盘"]));
    assert_eq!(
        choice.parse("u盘", today()).unwrap().as_deref(),
        Some("U盘")
    );
    assert!(choice.parse("软盘", today()).is_err());
    let time = FieldSpec::new("time", "时间", Kind::Time);
    assert_eq!(
        time.parse("9:5", today()).unwrap().as_deref(),
        Some("09:05")
    );
    assert_eq!(
        time.parse("１４点", today()).unwrap().as_deref(),
        Some("14:00")
    );
    assert!(time.parse("25:00", today()).is_err());
    assert!(time.parse("930", today()).is_err());
    let other = FieldSpec::new("computer", "计算机", Kind::Record("computer"));
    assert!(other.parse("../etc", today()).is_err());
    assert_eq!(
        other.parse("PC-001", today()).unwrap().as_deref(),
        Some("PC-001")
    );
}

#[test]
fn values_know_only_their_fields() {
    let fields = [
        FieldSpec::new("serial", "序列号", Kind::Text).required(),
        FieldSpec::new("model", "型号", Kind::Text),
    ];
    let mut input = BTreeMap::new();
    input.insert("model".to_string(), "DT50".to_string());
    let e = LedgerSpec::parse_values(&fields, &input, today()).unwrap_err();
    assert_eq!(e.field_name(), Some("序列号"));
    input.insert("serial".into(), "SN1".into());
    input.insert("colour".into(), "红".into());
    assert!(LedgerSpec::parse_values(&fields, &input, today()).is_err());
    input.remove("colour");
    let v = LedgerSpec::parse_values(&fields, &input, today()).unwrap();
    assert_eq!(v.get("serial").map(String::as_str), Some("SN1"));
}

// R-MED-5, R-DEV-2, R-DEV-5, R-CMP-12: a record is offered the acts of its state and kind only: a
// lost medium its report or finding, a mailbox its password change (not filing or repair), a phone its
// filing, a desktop no taking out.
#[test]
fn r_med_5_r_dev_2_offered_acts_follow_state_and_kind() {
    let r = |spec: &'static LedgerSpec, state: &'static str, values: &[(&str, &str)]| Record {
        id: 1,
        spec,
        no: "X-1".into(),
        state,
        level: None,
        keeper: String::new(),
        holder: String::new(),
        registered_on: today(),
        checked_on: None,
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    let verbs = |rec: &Record| -> Vec<&str> { rec.spec.offered(rec).map(|a| a.verb).collect() };
    assert_eq!(verbs(&r(&media::SPEC, "lost", &[])), ["report", "found"]);
    let in_stock = verbs(&r(&media::SPEC, "in_stock", &[]));
    assert!(in_stock.contains(&"issue") && !in_stock.contains(&"back"));
    let mailbox = verbs(&r(&device::SPEC, "in_use", &[("kind", "电子邮箱")]));
    assert!(mailbox.contains(&"password"), "{mailbox:?}");
    assert!(
        !mailbox
            .iter()
            .any(|v| ["file", "repair", "scrap", "inspect"].contains(v))
    );
    let phone = verbs(&r(&device::SPEC, "in_use", &[("kind", "手机")]));
    assert!(phone.contains(&"file") && !phone.contains(&"password"));
    let desktop = verbs(&r(&computer::SPEC, "in_use", &[("class", "涉密")]));
    assert!(!desktop.contains(&"take-out") && desktop.contains(&"output"));
    let unfiled = verbs(&r(&computer::SPEC, "unfiled", &[("class", "涉密")]));
    assert!(unfiled.contains(&"file") && !unfiled.contains(&"output"));
    let internal = verbs(&r(&computer::SPEC, "in_use", &[("class", "内部")]));
    assert!(!internal.contains(&"file"));
    // The store refuses what the page does not offer, naming the act's rule.
    let e = r(&device::SPEC, "in_use", &[("kind", "电子邮箱")]);
    let repair = device::SPEC.act("repair").unwrap();
    assert_eq!(
        repair.check_allowed(&e).unwrap_err().rule_id(),
        Some("R-DEV-3")
    );
}

// R-CMP-2, R-DEV-6: the state a record starts in is data: a classified computer waits for its
// filing, an imported device for its security check; others start in the first state.
#[test]
fn r_cmp_2_r_dev_6_first_states_are_data() {
    let v = |pairs: &[(&str, &str)]| -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        computer::SPEC.first_state(&v(&[("class", "涉密")])),
        "unfiled"
    );
    assert_eq!(
        computer::SPEC.first_state(&v(&[("class", "内部")])),
        "in_use"
    );
    assert_eq!(
        device::SPEC.first_state(&v(&[("imported", "是")])),
        "unchecked"
    );
    assert_eq!(media::SPEC.first_state(&v(&[])), "in_stock");
}

// Rule messages are read in the TUI's forms as well as on the command line: they name the
// field by its label, never a command-line flag or command.
#[test]
fn rule_messages_name_fields_not_flags() {
    for (file, src) in [
        ("media.rs", include_str!("../../rules/media.rs")),
        ("computer.rs", include_str!("../../rules/computer.rs")),
        ("device.rs", include_str!("../../rules/device.rs")),
        ("room.rs", include_str!("../../rules/room.rs")),
        ("person.rs", include_str!("../../rules/person.rs")),
    ] {
        let code = src.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("//") {
                continue;
            }
            for q in line.split('"').skip(1).step_by(2) {
                assert!(
                    !q.contains(" --") && !q.contains("（--") && !q.contains("baomi "),
                    "{file}:{}: {q}",
                    n + 1
                );
            }
        }
    }
}

// The person's number argument is data: the field that names a record besides its number.
#[test]
fn the_naming_field_is_data() {
    assert_eq!(
        crate::domain::rules::person::SPEC
            .naming_field()
            .map(|f| f.label),
        Some("姓名")
    );
    assert!(media::SPEC.naming_field().is_none());
}
