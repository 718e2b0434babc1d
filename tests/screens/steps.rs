//! Issue 12 on the screens: each signed step's form shows that step's fields only, for the role
//! that opens it (R-DIS-2, R-EXT-1): the handler's proposal its answers and proposal, the
//! department leader the opinion, the unit leader the decision; the officer copying in a signed
//! form also the signature. Snapshots at 80x24, taken from the record page or the 审批 queue.

use super::*;
use baomi::domain::rules::{provide, review};

fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

/// `user`'s login at 80x24 on the database in `dir`.
fn login(dir: &tempfile::TempDir, user: &str, password: &str) -> Harness {
    let store = Store::open(&dir.path().join("baomi.db"), OpenMode::Existing).unwrap();
    let mut h = Harness::new(store, today(), 80, 24);
    h.login(user, password);
    h
}

/// The 审批 queue with the row of record `no` selected, and its step's form opened with `a`.
fn queue_form(h: &mut Harness, no: &str) -> String {
    h.key(KeyCode::Char('3'));
    for _ in 0..40 {
        if h.screen().contains(&format!("：{no}")) || h.screen().contains(&format!("{no}：")) {
            break;
        }
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('a'));
    h.screen()
}

/// What the form offers: its field labels, each asserted present or absent.
fn shows(s: &str, present: &[&str], absent: &[&str]) {
    for label in present {
        assert!(s.contains(label), "{label} missing:\n{s}");
    }
    for label in absent {
        assert!(!s.contains(label), "{label} shown:\n{s}");
    }
}

const QUESTIONS: [&str; 4] = ["是否涉密", "已变更", "技术性区", "其他不适宜"];

fn review_waiting(store: &mut Store) -> String {
    super::records::add(
        store,
        &review::SPEC,
        &[
            ("title", "关于2026年度部门预算执行情况的说明"),
            ("made_on", "2026-11-10"),
            ("way", "依申请"),
        ],
    )
}

// R-DIS-2: the officer's form of the handler's proposal (from the record page) has the opinion,
// the proposal and the four questions; the department leader's from the 审批 queue only the
// opinion; the officer copying in the department leader's signed form the opinion and the
// signature; the unit leader's the opinion and the decision. Saved, each takes its step.
#[test]
fn r_dis_2_each_role_sees_its_own_step_form() {
    let (dir, mut store) = demo();
    let no = review_waiting(&mut store);
    drop(store);
    let mut h = login(&dir, "liqiang", "Baomi@2026-li");
    h.type_str("gsx");
    h.enter();
    h.key(KeyCode::Char('b'));
    let s = h.screen();
    shows(&s, &["意见", "审查结论", "签字人"], &["文件编号"]);
    shows(&s, &QUESTIONS, &[]);
    snap("r_dis_2_handler_step_officer_80x24", &s);
    h.type_str("经审查不涉密，拟公开");
    h.tab();
    h.type_str("公开");
    h.tab();
    h.type_str("否");
    h.ctrl('s');
    assert!(h.screen().contains("待部门领导审核"), "{}", h.screen());
    // The officer, from the queue, records the department leader's signed form.
    let s = queue_form(&mut h, &no);
    shows(
        &s,
        &["意见", "签字人", "签字日期", "文件编号"],
        &["审查结论"],
    );
    shows(&s, &[], &QUESTIONS);
    snap("r_dis_2_department_step_officer_80x24", &s);
    drop(h);
    let mut h = login(&dir, "chenhong", "Bumen@2026-chen");
    let s = queue_form(&mut h, &no);
    assert!(s.contains("部门领导审核"), "{s}");
    shows(&s, &["意见"], &["审查结论", "签字人", "文件编号"]);
    shows(&s, &[], &QUESTIONS);
    snap("r_dis_2_department_step_department_head_80x24", &s);
    h.type_str("同意");
    h.ctrl('s');
    assert!(!h.screen().contains("违反"), "{}", h.screen());
    drop(h);
    let mut h = login(&dir, "wangjianguo", "Lingdao@2026-wang");
    let s = queue_form(&mut h, &no);
    shows(&s, &["意见", "审查结论"], &["签字人", "文件编号"]);
    shows(&s, &[], &QUESTIONS);
    snap("r_dis_2_leader_step_leader_80x24", &s);
    h.type_str("同意公开");
    h.tab();
    h.type_str("公开");
    h.ctrl('s');
    let state: String = h
        .session
        .store
        .conn()
        .query_row("SELECT state FROM record WHERE no = ?1", [&no], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(state, "published");
}

// R-EXT-1: the unit leader's review of a provision, from the 审批 queue, shows the opinion and
// the decision only; the officer's check before it shows whether the items are needed, not the
// treatment or the decision; the approving authority's step shows its document's fields.
#[test]
fn r_ext_1_each_role_sees_its_own_step_form() {
    let (dir, mut store) = demo();
    let no = super::records::add(
        &mut store,
        &provide::SPEC,
        &[
            ("title", "港区规划资料"),
            ("items", "规划图3张、说明1份"),
            ("level", "秘密"),
            ("provider", "规划科"),
            ("receiver", "某某大学"),
        ],
    );
    drop(store);
    let mut h = login(&dir, "liqiang", "Baomi@2026-li");
    h.type_str("gsd");
    h.enter();
    h.key(KeyCode::Char('b'));
    let s = h.screen();
    shows(
        &s,
        &["意见", "是否交流合作所必需"],
        &["技术处理", "结论", "文件编号"],
    );
    snap("r_ext_1_check_step_officer_80x24", &s);
    h.type_str("均为合作所需");
    h.tab();
    h.type_str("是");
    h.ctrl('s');
    assert!(h.screen().contains("待技术处理"), "{}", h.screen());
    h.key(KeyCode::Char('b'));
    h.type_str("已删去坐标");
    h.tab();
    h.type_str("已作技术处理");
    h.ctrl('s');
    assert!(h.screen().contains("待主管领导审核"), "{}", h.screen());
    drop(h);
    let mut h = login(&dir, "wangjianguo", "Lingdao@2026-wang");
    let s = queue_form(&mut h, &no);
    shows(
        &s,
        &["意见", "结论"],
        &["是否交流合作所必需", "签字人", "文件编号"],
    );
    snap("r_ext_1_leader_step_leader_80x24", &s);
    h.type_str("同意");
    h.ctrl('s');
    assert!(!h.screen().contains("违反"), "{}", h.screen());
    drop(h);
    let mut h = login(&dir, "liqiang", "Baomi@2026-li");
    h.type_str("gsd");
    h.enter();
    h.key(KeyCode::Char('b'));
    let s = h.screen();
    shows(
        &s,
        &["按密级报批", "结论", "签字人", "签字日期", "文件编号"],
        &["是否交流合作所必需"],
    );
    snap("r_ext_1_authority_step_officer_80x24", &s);
}
