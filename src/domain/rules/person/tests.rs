//! R-PER-1, R-PER-2, R-PER-3, R-PER-5, R-PER-7 and R-PAP-17 on leaving, by rule ID.

use super::*;
use crate::domain::carrier::PaperState;
use crate::domain::dates::ymd;
use crate::domain::paper::Origin;
use crate::domain::rules::media;

pub(crate) fn values(pairs: &[(&str, &str)]) -> Values {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub(crate) fn person(no: &str, name: &str, grade: &str) -> Record {
    Record {
        id: 1,
        spec: &SPEC,
        no: no.into(),
        state: "on_post",
        level: None,
        keeper: String::new(),
        holder: String::new(),
        registered_on: ymd(2026, 1, 5),
        checked_on: None,
        values: values(&[("name", name), ("dept", "办公室"), ("grade", grade)]),
    }
}

fn cx(on: NaiveDate) -> Context<'static> {
    Context {
        today: ymd(2026, 11, 27),
        on,
        related: None,
        filing: false,
        unit: "江门市某某局",
    }
}

fn act(r: &Record, verb: &str, v: &[(&str, &str)], on: NaiveDate) -> Checked<Outcome> {
    check_act(r, SPEC.act(verb).unwrap(), &values(v), &cx(on))
}

fn done(r: &Record, verb: &str, v: &[(&str, &str)], on: NaiveDate) -> Record {
    let mut r = r.clone();
    act(&r, verb, v, on).unwrap().apply(&mut r);
    r
}

fn paper(no: &str, title: &str) -> Paper {
    Paper {
        id: 1,
        no: no.into(),
        origin: Origin::Received,
        registered_on: ymd(2026, 3, 2),
        year: 2026,
        originator: "市委办公室".into(),
        doc_no: String::new(),
        title: title.into(),
        level: Level::Secret,
        period: Level::Secret.default_period(),
        period_from: ymd(2026, 3, 2),
        scope: vec![],
        copies: 1,
        copy_nos: String::new(),
        return_by: None,
        keep: true,
        cipher: false,
        no_copy: false,
        distribution: vec![],
        source_id: None,
        dispatch_no: None,
        keeper: "李保密".into(),
        holder: "李四".into(),
        location: String::new(),
        state: PaperState::OnLoan,
        extended: false,
        extended_until: None,
        due_on: None,
    }
}

fn add(pairs: &[(&str, &str)]) -> Checked<()> {
    let input = values(pairs).into_iter().collect();
    let v = LedgerSpec::parse_values(SPEC.fields, &input, ymd(2026, 11, 27))?;
    check_add(&v, ymd(2026, 11, 27))
}

// R-PER-1: staff are graded 核心/重要/一般 and the grade follows the highest level handled.
#[test]
fn r_per_1_graded_by_highest_level_handled() {
    assert!(add(&[("name", "李四"), ("dept", "办公室"), ("grade", "核心")]).is_ok());
    let e = add(&[("name", "李四"), ("dept", "办公室")]).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PER-1"));
    let e = add(&[("name", "李四"), ("grade", "一般")]).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PER-1"));
    let e = add(&[
        ("name", "李四"),
        ("dept", "办公室"),
        ("grade", "一般"),
        ("level", "绝密"),
    ])
    .unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PER-1"));
    assert!(e.to_string().contains("核心"), "{e}");
    assert!(
        add(&[
            ("name", "李四"),
            ("dept", "办公室"),
            ("grade", "重要"),
            ("level", "机密"),
        ])
        .is_ok()
    );
    let e = add(&[("name", "李四"), ("dept", "办公室"), ("grade", "高级")]).unwrap_err();
    assert_eq!(e.field_name(), Some("涉密等级"));
    assert_eq!(grade_for(Level::Internal), None);
}

// R-PER-1, R-PER-2: an outsider (the bureau's staff, a courier) is recorded by name only.
#[test]
fn r_per_1_outsider_needs_no_grade() {
    assert!(add(&[("name", "保密局王科长"), ("outsider", "是")]).is_ok());
    let mut p = person("RY-009", "王科长", "一般");
    p.values.insert("outsider".into(), "是".into());
    assert!(check_may_receive("王科长", &[p], "配发介质").is_ok());
}

// R-PER-7: roles are the four posts with duty lists, nothing else.
#[test]
fn r_per_7_roles_are_recorded() {
    assert!(
        add(&[
            ("name", "李四"),
            ("dept", "办公室"),
            ("grade", "重要"),
            ("role", "通信员"),
        ])
        .is_ok()
    );
    let e = add(&[
        ("name", "李四"),
        ("dept", "办公室"),
        ("grade", "重要"),
        ("role", "司机"),
    ])
    .unwrap_err();
    assert_eq!(e.field_name(), Some("岗位"));
}

// R-PER-2: vetting and the responsibility letter, both, before any carrier; names not in the
// register keep the behaviour of before.
#[test]
fn r_per_2_vetting_and_letter_before_carriers() {
    let p = person("RY-001", "李四", "重要");
    assert!(check_may_receive("赵六", &[], "配发介质").is_ok());
    let e = check_may_receive("李四", std::slice::from_ref(&p), "配发介质").unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PER-2"));
    assert!(e.to_string().contains("涉密资格审查") && e.to_string().contains("保密责任书"));
    let vetted = done(&p, "vet", &[("ref", "审-01")], ymd(2026, 11, 2));
    let e = check_may_receive("李四", std::slice::from_ref(&vetted), "配发介质").unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PER-2"));
    assert!(!e.to_string().contains("涉密资格审查"), "{e}");
    let both = done(&vetted, "pledge", &[], ymd(2026, 11, 3));
    assert!(is_cleared(&both));
    assert!(check_may_receive("李四", &[both], "配发介质").is_ok());
    let failed = done(&p, "vet", &[("result", "不通过")], ymd(2026, 11, 2));
    let failed = done(&failed, "pledge", &[], ymd(2026, 11, 3));
    assert_eq!(
        check_may_receive("李四", &[failed], "借阅")
            .unwrap_err()
            .rule_id(),
        Some("R-PER-2")
    );
}

// R-PER-5: someone who has left a classified post is issued nothing.
#[test]
fn r_per_5_no_carrier_after_leaving() {
    let p = person("RY-001", "李四", "重要");
    let p = done(&p, "vet", &[], ymd(2026, 11, 2));
    let p = done(&p, "pledge", &[], ymd(2026, 11, 2));
    let left = done(&p, "leave", &[], ymd(2026, 11, 20));
    let e = check_may_receive("李四", &[left], "配发介质").unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PER-5"));
}

// R-PER-3: a reportable event of the seed's list, with its handling, on the person's history.
#[test]
fn r_per_3_reportable_events() {
    let p = person("RY-001", "李四", "一般");
    let o = act(
        &p,
        "event",
        &[("kind", "因私出国"), ("note", "已报单位领导")],
        ymd(2026, 11, 2),
    )
    .unwrap();
    assert_eq!(
        o.set.get("last_event").map(String::as_str),
        Some("因私出国")
    );
    let input = values(&[("kind", "旅游")]).into_iter().collect();
    let kind = SPEC.act("event").unwrap();
    let e = LedgerSpec::parse_values(kind.fields, &input, ymd(2026, 11, 27)).unwrap_err();
    assert_eq!(e.field_name(), Some("事项"));
    let input = values(&[("note", "x")]).into_iter().collect();
    assert!(LedgerSpec::parse_values(kind.fields, &input, ymd(2026, 11, 27)).is_err());
}

// R-PER-5: the cooling-off period follows the grade: 核心 2 years, 重要 1, 一般 6 months.
#[test]
fn r_per_5_cooling_off_by_grade() {
    let left = ymd(2026, 8, 31);
    assert_eq!(cooling_off_until("核心", left), ymd(2028, 8, 31));
    assert_eq!(cooling_off_until("重要", left), ymd(2027, 8, 31));
    assert_eq!(cooling_off_until("一般", left), ymd(2027, 2, 28));
    assert_eq!(cooling_off_until("", left), ymd(2028, 8, 31));
    let p = person("RY-001", "李四", "一般");
    let gone = done(&p, "leave", &[("commitment_ref", "诺-3")], left);
    assert_eq!(gone.state, "cooling_off");
    assert_eq!(gone.get("cooling_off_until"), "2027-02-28");
    assert_eq!(gone.get("commitment_ref"), "诺-3");
    assert_eq!(gone.get("commitment_on"), "2026-08-31");
    // Not twice, and not released before the end.
    assert_eq!(
        act(&gone, "leave", &[], left).unwrap_err().rule_id(),
        Some("R-PER-5")
    );
    assert_eq!(
        act(&gone, "release", &[], ymd(2027, 2, 27))
            .unwrap_err()
            .rule_id(),
        Some("R-PER-5")
    );
    let free = done(&gone, "release", &[], ymd(2027, 2, 28));
    assert_eq!(free.state, "released");
    assert!(!free.held());
    assert_eq!(
        act(&p, "release", &[], ymd(2026, 11, 2))
            .unwrap_err()
            .rule_id(),
        Some("R-PER-5")
    );
}

// R-PAP-17, R-PER-5: leaving is refused while papers, notebooks or media are held, each listed.
#[test]
fn r_pap_17_r_per_5_departure_lists_every_carrier() {
    assert!(check_departure("李四", &[], &[]).is_ok());
    let doc = paper("2026-收-0003", "关于保密检查的通知");
    let book = paper("2026-笔-0001", "保密笔记本");
    let e = check_departure("李四", &[&doc, &book], &[]).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PAP-17"));
    assert!(e.to_string().contains("2026-笔-0001"), "{e}");
    let mut u = media::tests::medium(Level::Secret);
    u.state = "issued";
    u.holder = "李四".into();
    let e = check_departure("李四", &[&doc], &[u]).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PAP-17"));
    let m = e.to_string();
    assert!(m.contains("2026-收-0003") && m.contains("U-017") && m.contains("R-PER-5"));
}

// Names repeat: a unique name is the person; two are refused with their numbers and departments.
#[test]
fn two_people_of_one_name_are_told_apart() {
    assert_eq!(pick("李四", vec![]), Ok(None));
    let a = person("RY-001", "张伟", "一般");
    assert_eq!(pick("张伟", vec![a.clone()]).unwrap().unwrap().no, "RY-001");
    let mut b = person("RY-002", "张伟", "重要");
    b.values.insert("dept".into(), "财务科".into());
    let e = pick("张伟", vec![a, b]).unwrap_err();
    let m = e.to_string();
    assert!(
        m.contains("RY-001（办公室") && m.contains("RY-002（财务科"),
        "{m}"
    );
}

// Acts are dated no earlier than registration; hostile values are refused by the spec.
#[test]
fn acts_and_values_are_bounded() {
    let p = person("RY-001", "李四", "一般");
    assert!(act(&p, "vet", &[], ymd(2025, 12, 31)).is_err());
    let e = add(&[("name", &"李".repeat(10_000)), ("outsider", "是")]).unwrap_err();
    assert_eq!(e.field_name(), Some("姓名"));
    assert!(add(&[("name", "李\u{1b}[2J四"), ("outsider", "是")]).is_err());
    assert!(add(&[("name", "李四"), ("outsider", "是"), ("age", "-3")]).is_err());
}
