//! Issue 9 points 1–4, 6 on the screens: extensions and reviews go through a request (R-PAP-14,
//! R-CLS-7), the knowledge scope is set by the leader's instruction (R-CLS-2), the queue names who
//! decides and when an approval has lapsed (R-SYS-6, R-PAP-19, R-PAP-21), and a 绝密 loan entered
//! late asks for the time taken (R-PAP-8).

use super::*;
use baomi::domain::paper::{CompilePlan, LoanPlan, Plan};
use baomi::store::{Stamp, approvals};
use chrono::Duration;

/// A snapshot kept with the others in tests/snapshots.
fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

/// The screen as one string without line breaks or box borders: a wrapped message reads whole.
pub(super) fn flat(h: &Harness) -> String {
    h.screen()
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect()
}

/// The paper's page, found by its number.
pub(super) fn open(h: &mut Harness, no: &str) {
    h.key(KeyCode::Char('/'));
    h.type_str(no);
    h.enter();
    assert!(h.screen().contains(&format!("密件 {no}")), "{}", h.screen());
}

/// On the approvals screen, moves the selection to the row that says `text`.
fn select(h: &mut Harness, text: &str) {
    for _ in 0..20 {
        if selected_line(h).contains(text) {
            return;
        }
        h.key(KeyCode::Down);
    }
    panic!("{text} not in the queue:\n{}", h.screen());
}

/// The latest request, as the store has it.
fn last_request(h: &Harness) -> approvals::Request {
    approvals::list(h.session.store.conn(), &[])
        .unwrap()
        .pop()
        .unwrap()
}

fn leader_approves(h: &mut Harness, id: i64) {
    h.session
        .store
        .change(&leader(), |c| approvals::decide(c, id, true, "同意", None))
        .unwrap();
}

/// On a review form, from its first field: 变更密级 to 秘密 (the level choices leave out the
/// paper's own 机密), then on to the next field.
fn re_mark_as_secret(h: &mut Harness) {
    for k in [
        KeyCode::Right,
        KeyCode::Right,
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Right,
        KeyCode::Right,
        KeyCode::Tab,
    ] {
        h.key(k);
    }
}

fn days_ago(n: i64) -> chrono::NaiveDateTime {
    now() - Duration::days(n)
}

// R-PAP-14: 延长使用 is a request the leader decides (with its end and the originator told); once
// approved, the same key — or 办理 on the approvals screen — carries it out.
#[test]
fn r_pap_14_extension_is_requested_then_carried_out() {
    let (_d, mut h) = logged_in(80, 24);
    open(&mut h, "2026-制-0001");
    h.key(KeyCode::Char('e'));
    let s = h.screen();
    snap("extend_request_80x24", &s);
    assert!(s.contains("申请延长使用") && s.contains("最晚"), "{s}");
    assert!(!s.contains("不写则不设期限"), "{s}");
    // Both the end and the notice are required.
    h.ctrl('s');
    assert!(h.screen().contains("延长至：不能为空"), "{}", h.screen());
    h.type_str("2027-12-31");
    h.tab();
    h.type_str("江保函〔2026〕5号");
    h.tab();
    h.type_str("年度工作仍需参照");
    h.ctrl('s');
    assert!(h.screen().contains("已提交延长使用申请"), "{}", h.screen());
    assert!(h.screen().contains("待审批：申请"), "{}", h.screen());
    let r = last_request(&h);
    assert_eq!(r.kind.name(), "延长使用");
    leader_approves(&mut h, r.id);
    // 办理 on the approvals screen opens the paper's page with the form that carries it out.
    h.key(KeyCode::Char('3'));
    select(&mut h, "延长使用");
    h.key(KeyCode::Char('x'));
    let s = h.screen();
    assert!(s.contains("办理延长使用：2026-制-0001"), "{s}");
    assert!(s.contains("有效期至"), "{s}");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("已延长使用至2027年12月31日"), "{s}");
    assert!(s.contains("延长使用：2027年12月31日"), "{s}");
}

// R-CLS-7: a paper this unit made is declassified or re-marked on the leader's approval: `v` files
// the request, and once approved records it as approved.
#[test]
fn r_cls_7_a_paper_made_here_is_reviewed_through_a_request() {
    let (_d, mut h) = logged_in(80, 24);
    open(&mut h, "2026-制-0001");
    h.key(KeyCode::Char('v'));
    assert!(
        h.screen().contains("解密审查须经主管领导批准（R-CLS-7）"),
        "{}",
        h.screen()
    );
    re_mark_as_secret(&mut h);
    h.ctrl('s');
    assert!(h.screen().contains("理由：不能为空"), "{}", h.screen());
    h.type_str("内容已公开部署，拟降为秘密");
    h.ctrl('s');
    assert!(h.screen().contains("已提交解密审查申请"), "{}", h.screen());
    let r = last_request(&h);
    assert!(r.summary.contains("变更密级为秘密"), "{}", r.summary);
    leader_approves(&mut h, r.id);
    // The leader decided at their own desk while this page stood open: the act key reads the page
    // again first, so it carries out the approval rather than filing a second request.
    h.key(KeyCode::Char('v'));
    assert!(
        h.screen().contains("办理解密审查：2026-制-0001"),
        "{}",
        h.screen()
    );
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("解密审查已登记，现为秘密★10年"), "{s}");
    assert!(s.contains("结论：变更密级为秘密"), "{s}");
}

// R-CLS-7: a received paper changes on its originator's notice, whose reference is required.
#[test]
fn r_cls_7_a_received_paper_follows_the_originators_notice() {
    let (_d, mut h) = logged_in(80, 24);
    open(&mut h, "2026-收-0040");
    h.key(KeyCode::Char('v'));
    let s = h.screen();
    snap("review_notice_80x24", &s);
    assert!(s.contains("原制发机关通知文号"), "{s}");
    h.ctrl('s');
    assert!(
        h.screen().contains("原制发机关通知文号：不能为空"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    re_mark_as_secret(&mut h);
    h.type_str("江公〔2026〕88号");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("解密审查已登记，现为秘密"), "{s}");
    assert!(s.contains("通知文号：江公〔2026〕88号"), "{s}");
}

// R-CLS-2: `k` records the scope the leader instructed (the unit's leaders offered); the page shows
// the scope in force; a borrower outside it is refused in words that read whole (R-PAP-9).
#[test]
fn r_cls_2_the_scope_is_set_by_the_leaders_instruction() {
    let (_d, mut h) = logged_in(80, 24);
    open(&mut h, "2026-收-0040");
    h.key(KeyCode::Char('?'));
    assert!(h.screen().contains("确定知悉范围"), "{}", h.screen());
    h.esc();
    h.key(KeyCode::Char('k'));
    let s = h.screen();
    snap("scope_form_80x24", &s);
    assert!(s.contains("批示领导* 王建国"), "{s}");
    h.type_str("、赵六");
    h.tab();
    h.tab();
    h.type_str("领导批示单第12号");
    h.ctrl('s');
    let s = flat(&h);
    assert!(s.contains("知悉范围已确定"), "{s}");
    assert!(s.contains("赵六（王建国批示，2026年11月27日）"), "{s}");
    // Someone outside the scope may not borrow it: the refusal is on screen whole.
    h.key(KeyCode::Char('l'));
    assert!(flat(&h).contains("须在知悉范围内"), "{}", h.screen());
    h.type_str("钱七");
    h.tab();
    h.type_str("2026-12-10");
    h.ctrl('s');
    let s = flat(&h);
    assert!(
        s.contains("违反 R-PAP-9：钱七不在 2026-收-0040 的知悉范围"),
        "{s}"
    );
    assert!(s.contains("须经主管领导批示扩大知悉范围"), "{s}");
    assert!(s.contains("申请借阅："), "the form stays open: {s}");
}

// R-SYS-6, R-PAP-21: the queue names who decides; the officer records the originator's approval by
// the body's name and reference (prefilled); a leader cannot approve it and is told why, whole.
#[test]
fn r_pap_21_the_originator_decides_a_compilation() {
    let (_d, mut h) = logged_in(80, 24);
    // R-CLS-5: the compile request may narrow the scope.
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char('u'));
    h.type_str("2026-收-0041,2026-收-0039");
    h.tab();
    h.type_str("2026年保密文件汇编");
    h.tab();
    h.type_str("江保函〔2026〕9号");
    h.tab();
    // Inside what both sources share (R-CLS-5).
    h.type_str("办公室");
    h.ctrl('s');
    assert!(
        h.screen().contains("待原制发机关（或其上级机关）审批"),
        "{}",
        h.screen()
    );
    let r = last_request(&h);
    let Plan::Compile(CompilePlan { scope, .. }) = &r.plan else {
        panic!("{:?}", r.plan)
    };
    assert_eq!(scope, &vec!["办公室".to_string()]);
    select(&mut h, "汇编");
    let s = h.screen();
    assert!(s.contains("原制发机关"), "{s}");
    assert!(
        flat(&h).contains("须由原制发机关（或其上级机关）审批（R-PAP-21）"),
        "{s}"
    );
    h.key(KeyCode::Char('a'));
    let s = h.screen();
    snap("originator_approval_80x24", &s);
    assert!(s.contains("机关名称") && s.contains("批准文号"), "{s}");
    assert!(s.contains("江保函〔2026〕9号"), "prefilled: {s}");

    let (_d, mut h) = demo_harness(80, 24);
    h.login("wangjianguo", "Lingdao@2026-wang");
    h.session
        .store
        .change(&officer(), |c| {
            approvals::file(
                c,
                Plan::Compile(CompilePlan {
                    papers: vec!["2026-收-0041".into(), "2026-收-0039".into()],
                    title: "汇编".into(),
                    external_ref: "江保函〔2026〕9号".into(),
                    scope: vec![],
                }),
            )
        })
        .unwrap();
    h.key(KeyCode::Char('1'));
    h.key(KeyCode::Char('3'));
    select(&mut h, "汇编");
    h.key(KeyCode::Char('a'));
    let s = flat(&h);
    assert!(
        s.contains("违反 R-PAP-21：汇编须经原制发机关（或其上级机关）批准，本单位领导不能代为批准：请由保密员录入该机关的批准文件（机关名称、批准文号、日期）"),
        "{}",
        h.screen()
    );
}

// R-SYS-6: the officer recording a leader's signed approval picks the leader from the unit's.
#[test]
fn r_sys_6_a_signed_approval_names_a_leader_of_the_unit() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('3'));
    select(&mut h, "借阅");
    h.key(KeyCode::Char('a'));
    let s = h.screen();
    assert!(s.contains("审批人    * 王建国"), "{s}");
    assert!(s.contains("Left/Right 选择：王建国"), "{s}");
    h.tab();
    h.tab();
    h.type_str("借阅审批表07");
    h.ctrl('s');
    assert!(h.screen().contains("已批准（王建国）"), "{}", h.screen());
}

/// A loan of `no` to `borrower` filed `filed` days ago and approved by the leader `decided` days
/// ago; returns its id.
fn old_loan(h: &mut Harness, no: &str, borrower: &str, filed: i64, decided: i64) -> i64 {
    let r = h
        .session
        .store
        .change(&Stamp::new("liqiang", days_ago(filed)), |c| {
            approvals::file(
                c,
                Plan::Loan(LoanPlan {
                    paper: no.into(),
                    borrower: borrower.into(),
                    return_by: today() + Duration::days(10),
                    purpose: "工作参考".into(),
                }),
            )
        })
        .unwrap();
    h.session
        .store
        .change(&Stamp::new("wangjianguo", days_ago(decided)), |c| {
            approvals::decide(c, r.id, true, "同意", None)
        })
        .unwrap();
    r.id
}

// R-SYS-6: an approval not carried out within its term lapses: the queue says so and 办理 is
// refused.
#[test]
fn r_sys_6_the_queue_says_when_an_approval_has_lapsed() {
    let (_d, mut h) = logged_in(80, 24);
    old_loan(&mut h, "2026-制-0001", "办公室", 45, 40);
    h.key(KeyCode::Char('3'));
    let s = h.screen();
    snap("approvals_lapsed_80x24", &s);
    assert!(s.contains("已过期，须重新申请"), "{s}");
    select(&mut h, "已过期");
    h.key(KeyCode::Char('x'));
    let s = flat(&h);
    assert!(s.contains("已于") && s.contains("过期"), "{s}");
    assert!(s.contains("请重新申请"), "{s}");
}

// R-PAP-8: a 绝密 loan records the time taken: dated today the clock's is taken; dated earlier the
// form asks for it.
#[test]
fn r_pap_8_a_top_secret_loan_entered_late_asks_the_time() {
    let (_d, mut h) = logged_in(80, 24);
    old_loan(&mut h, "2026-收-0038", "何雪", 3, 2);
    open(&mut h, "2026-收-0038");
    h.key(KeyCode::Char('l'));
    let s = h.screen();
    snap("top_secret_loan_80x24", &s);
    assert!(s.contains("签领时间"), "{s}");
    h.tab();
    for _ in 0.."2026年11月27日".chars().count() {
        h.key(KeyCode::Backspace);
    }
    h.type_str("2026-11-26");
    h.ctrl('s');
    assert!(flat(&h).contains("违反 R-PAP-8"), "{}", h.screen());
    h.tab();
    h.type_str("14:30");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("已办理借阅，当前借出"), "{s}");
    assert!(s.contains("签领：14:30"), "{s}");
}
