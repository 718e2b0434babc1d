//! Issue 12 on the screens: a disclosure review opened from 审查 → 信息公开审查 and taken through
//! its three steps from the generic record page, each by its own login; a step out of order is
//! refused with R-DIS-2 named and nothing written; the history shows the steps.

use super::*;
use baomi::domain::rules::review;

fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

fn events(h: &Harness) -> i64 {
    h.session
        .store
        .conn()
        .query_row("SELECT count(*) FROM record_event", [], |r| r.get(0))
        .unwrap()
}

/// Logs `user` in on the database in `dir` and opens the first review's page.
fn open_review(dir: &tempfile::TempDir, user: &str, password: &str) -> Harness {
    let store = Store::open(&dir.path().join("baomi.db"), OpenMode::Existing).unwrap();
    let mut h = Harness::new(store, today(), 100, 30);
    h.login(user, password);
    h.type_str("gsx");
    assert!(h.screen().contains("2026-审-001"), "{}", h.screen());
    h.enter();
    h
}

/// Presses the step's key and fills the opinion and, when given, the decision; saves.
fn step(h: &mut Harness, opinion: &str, decision: &str) {
    h.key(KeyCode::Char('b'));
    h.type_str(opinion);
    if !decision.is_empty() {
        h.tab();
        h.type_str(decision);
    }
    h.ctrl('s');
}

// R-DIS-2: the officer records the handler's proposal, the unit leader is refused before the
// department leader (nothing written), the department leader and then the unit leader take their
// steps by their own logins; the page's history lists the three steps by name.
#[test]
fn r_dis_2_three_steps_from_the_record_page() {
    let (dir, mut store) = demo();
    super::records::add(
        &mut store,
        &review::SPEC,
        &[
            ("title", "关于2026年度部门预算执行情况的说明"),
            ("doc_no", "江某〔2026〕8号"),
            ("made_on", "2026-11-10"),
            ("way", "依申请"),
            ("secret", "否"),
        ],
    );
    drop(store);
    let mut h = open_review(&dir, "liqiang", "Baomi@2026-li");
    step(&mut h, "经审查不涉密，拟公开", "公开");
    assert!(h.screen().contains("待部门领导审核"), "{}", h.screen());
    drop(h);
    let mut h = open_review(&dir, "wangjianguo", "Lingdao@2026-wang");
    let before = events(&h);
    // The department leader's step has no decision to fill: the opinion alone is refused.
    step(&mut h, "同意公开", "");
    assert!(h.screen().contains("违反 R-DIS-2"), "{}", h.screen());
    assert_eq!(events(&h), before, "nothing written");
    drop(h);
    let mut h = open_review(&dir, "chenhong", "Bumen@2026-chen");
    step(&mut h, "同意", "");
    assert!(h.screen().contains("待分管领导审批"), "{}", h.screen());
    drop(h);
    let mut h = open_review(&dir, "wangjianguo", "Lingdao@2026-wang");
    step(&mut h, "同意公开", "公开");
    let s = h.screen();
    assert!(s.contains("准予公开"), "{s}");
    for label in ["拟办", "审核", "审批"] {
        assert!(s.contains(label), "{label}: {s}");
    }
    snap("review_page_100x30", &s);
    // R-DIS-5: p prints the 信息公开保密审查流程表 from the page.
    h.key(KeyCode::Char('p'));
    assert!(
        h.screen().contains("打印：审查 2026-审-001"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Right); // HTML
    h.tab();
    h.tab();
    let file = dir.path().join("流程表.html");
    h.type_str(file.to_str().unwrap());
    h.ctrl('s');
    let html = std::fs::read_to_string(&file).unwrap();
    for label in [
        "信息公开保密审查流程表",
        "审批意见（局分管领导）",
        "签名：王建国",
    ] {
        assert!(html.contains(label), "{label}");
    }
}

/// The leader's login on the database in `dir`, on the 审批 screen.
fn leaders_queue(dir: &tempfile::TempDir) -> Harness {
    let store = Store::open(&dir.path().join("baomi.db"), OpenMode::Existing).unwrap();
    let mut h = Harness::new(store, today(), 100, 30);
    h.login("wangjianguo", "Lingdao@2026-wang");
    h.key(KeyCode::Char('3'));
    h
}

// R-DIS-2 (Q): a review waiting for the unit leader's approval is in the leader's 审批 queue and
// counted among 待批; the leader takes the step there (a, opinion, decision, Ctrl-S) with the same
// check and audit as on the record's page, and it leaves the queue.
#[test]
fn r_dis_2_the_leader_takes_the_step_from_the_approval_queue() {
    let (dir, mut store) = demo();
    super::records::add(
        &mut store,
        &review::SPEC,
        &[
            ("title", "关于2026年度部门预算执行情况的说明"),
            ("made_on", "2026-11-10"),
            ("way", "主动"),
            ("secret", "否"),
        ],
    );
    drop(store);
    let mut h = open_review(&dir, "liqiang", "Baomi@2026-li");
    step(&mut h, "经审查不涉密，拟公开", "公开");
    drop(h);
    let mut h = open_review(&dir, "chenhong", "Bumen@2026-chen");
    step(&mut h, "同意", "");
    drop(h);
    let mut h = leaders_queue(&dir);
    let s = h.screen();
    assert!(s.contains("审查审批") && s.contains("2026-审-001"), "{s}");
    // Two requests of the demo and the review's step: the bottom bar's 待批.
    assert!(s.contains("待批3"), "{s}");
    let audit = |h: &Harness| -> i64 {
        h.session
            .store
            .conn()
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap()
    };
    // The row is found by its number whatever requests the demo has waiting before it.
    for _ in 0..40 {
        if h.screen().contains("审查2026-审-001") {
            break;
        }
        h.key(KeyCode::Down);
    }
    assert!(h.screen().contains("审查2026-审-001"), "{}", h.screen());
    let (written, audited) = (events(&h), audit(&h));
    h.key(KeyCode::Char('a'));
    assert!(h.screen().contains("办理下一步审查"), "{}", h.screen());
    h.type_str("同意公开");
    h.tab();
    h.type_str("公开");
    h.ctrl('s');
    assert_eq!(events(&h), written + 1, "{}", h.screen());
    assert!(audit(&h) > audited, "the step is audited");
    let state: String = h
        .session
        .store
        .conn()
        .query_row(
            "SELECT state FROM record WHERE no = '2026-审-001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(state, "published");
    assert!(!h.screen().contains("审查审批"), "{}", h.screen());
}

// R-PAP-4: the review's number format is in 设置 among the paper series' and changed there; a
// format without {序号} is refused, the new one numbers the next review.
#[test]
fn r_pap_4_the_review_format_is_changed_in_the_settings_screen() {
    let (dir, _store) = demo();
    let mut h = open_settings(&dir);
    let at = baomi::domain::settings::SPECS
        .iter()
        .position(|s| s.key == "review_format")
        .unwrap();
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
    h.enter();
    assert!(
        h.screen().contains("修改：信息公开审查编号格式"),
        "{}",
        h.screen()
    );
    for _ in 0..30 {
        h.key(KeyCode::Backspace);
    }
    h.type_str("SC{年}");
    h.ctrl('s');
    assert!(h.screen().contains("{序号}"), "{}", h.screen());
    h.type_str("-{序号:02}");
    h.ctrl('s');
    assert!(
        h.screen().contains("设为 SC{年}-{序号:02}"),
        "{}",
        h.screen()
    );
    let settings = baomi::store::settings::load(h.session.store.conn()).unwrap();
    assert_eq!(
        settings.format(baomi::domain::numbering::Series::Review),
        "SC{年}-{序号:02}"
    );
}

fn open_settings(dir: &tempfile::TempDir) -> Harness {
    let store = Store::open(&dir.path().join("baomi.db"), OpenMode::Existing).unwrap();
    let mut h = Harness::new(store, today(), 100, 30);
    h.login("liqiang", "Baomi@2026-li");
    h.key(KeyCode::Char('9'));
    h
}
