//! What the officer's walk through issue 10 at 80×24 found awkward, each fixed and kept here: a
//! record just registered is the one selected (Enter opens it for its label and first act); a
//! record's page says what its acts recorded (a loan's end, a loss's time, a filing); a medium
//! handed to the bureau for destruction has its count-cancel list among the printable lists
//! (R-MED-8).

use super::records::media_office;
use super::*;
use baomi::domain::paper::{Plan, RecordPlan};
use baomi::store::approvals;

fn office() -> (tempfile::TempDir, Harness) {
    let (dir, mut store) = demo();
    media_office(&mut store);
    let mut h = Harness::new(store, today(), 80, 24);
    h.login("liqiang", "Baomi@2026-li");
    (dir, h)
}

// R-MED-1: registered from the ledger, the new U盘 is selected: Enter opens it, not the first row.
// R-MED-3, R-MED-5: its page says until when it is lent and when it was lost.
#[test]
fn r_med_1_a_registered_medium_is_selected_and_its_page_says_what_acts_recorded() {
    let (_dir, mut h) = office();
    h.type_str("gzc");
    h.key(KeyCode::Char('a'));
    h.tab(); // 类型 stays U盘
    h.type_str("机密");
    h.tab();
    h.type_str("SN2026U88");
    h.tab();
    h.type_str("金士顿 DTSE9");
    h.tab();
    h.type_str("张伟");
    h.tab();
    h.type_str("办公室");
    h.ctrl('s');
    assert!(
        h.screen().contains("已登记介质 U-015（机密）"),
        "{}",
        h.screen()
    );
    h.enter();
    assert!(h.screen().contains("介质 U-015"), "{}", h.screen());
    h.key(KeyCode::Char('l'));
    h.type_str("陈静");
    h.tab();
    h.tab();
    h.tab();
    h.type_str("2026-12-05");
    h.ctrl('s');
    let s = h.screen();
    assert!(
        s.contains("状态：借出") && s.contains("返回日期：2026-12-05"),
        "{s}"
    );
    h.key(KeyCode::Char('b'));
    h.ctrl('s');
    assert!(!h.screen().contains("返回日期"), "{}", h.screen());
    h.key(KeyCode::Char('x'));
    h.type_str("09:15");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("遗失时间：2026-11-27 09:15"), "{s}");
    assert!(s.contains("泄密事件：SJ2026-"), "{s}");
}

// R-MED-8: an approved destruction of a medium is offered on 报表打印's destruction list, with the
// papers' lists.
#[test]
fn r_med_8_a_medium_destruction_is_among_the_lists_to_print() {
    let (_dir, mut h) = office();
    let plan = Plan::MediumDestroy(RecordPlan {
        ledger: "medium".into(),
        no: "U-003".into(),
        act: "destroy".into(),
        values: [("handed_to", "江门市保密局"), ("list_ref", "销2026-02")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    });
    let q = h
        .session
        .store
        .change(&officer(), |c| approvals::file(c, plan))
        .unwrap();
    h.session
        .store
        .change(&leader(), |c| {
            approvals::decide(c, q.id, true, "同意", None)
        })
        .unwrap();
    h.key(KeyCode::Char('8'));
    for _ in 0..30 {
        if selected_line(&h).contains("涉密载体销毁清单") {
            break;
        }
        h.key(KeyCode::Down);
    }
    h.enter();
    let s = h.screen();
    assert!(
        s.contains(&format!("申请{}：介质 U-003，", q.id)) && s.contains("待销毁"),
        "{s}"
    );
}

// R-CMP-14: the check form's unticked boxes read 否 and are recorded so; the history says each.
#[test]
fn r_cmp_14_a_computer_check_records_every_item_by_keys() {
    let (_dir, mut store) = demo();
    baomi::store::demo::records(&mut store, today()).unwrap();
    let mut h = Harness::new(store, today(), 80, 24);
    h.login("liqiang", "Baomi@2026-li");
    h.key(KeyCode::Char('/'));
    h.type_str("PC-001");
    h.enter();
    h.key(KeyCode::Char('k'));
    h.type_str("补丁未更新");
    h.tab();
    h.key(KeyCode::Char(' '));
    h.ctrl('s');
    h.enter();
    let s = h.screen();
    // Each item on its own line of the detail, with its value at the end.
    let says = |item: &str, value: &str| {
        s.lines().any(|l| {
            l.contains(&format!("{item} ")) && l.trim_end_matches('│').trim_end().ends_with(value)
        })
    };
    assert!(says("防护软件正常", "是"), "{s}");
    for item in ["病毒库和补丁已更新", "发现无线设备", "发现无关软件"] {
        assert!(says(item, "否"), "{item}: {s}");
    }
}
