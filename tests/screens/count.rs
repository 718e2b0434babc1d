//! Issue 9 point 9 (R-PAP-12): the count screens go cabinet by cabinet, each cabinet named whole; a
//! paper out of its cabinet (借出, 携带外出, 传阅中) is listed apart with where it is and is never
//! ticked as found; an overdue one is an exception of the recorded count and its sheet.

use super::*;
use baomi::store::registers::{self, RegisterKind};
use baomi::store::stocktake::{self, StocktakeKind};

/// A snapshot kept with the others in tests/snapshots.
fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

/// The count screen, opened from the ledger.
fn count_screen(w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let (d, mut h) = logged_in(w, h);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('c'));
    (d, h)
}

// R-PAP-12: by cabinet, the cabinet whole where its papers begin; the papers out apart, the overdue
// loan first and marked.
#[test]
fn r_pap_12_count_screen_by_cabinet_80x24() {
    let (_d, h) = count_screen(80, 24);
    let s = h.screen();
    snap("count_by_cabinet_80x24", &s);
    assert!(s.contains("[ ] 1号保密柜 2026-收-0001"), "{s}");
    assert!(s.contains("不在柜 5 件"), "{s}");
    assert!(
        s.contains("2026-收-0032") && s.contains("黄敏（借出），应还 2026年11月22日，逾期5天"),
        "{s}"
    );
}

// R-PAP-12, issue 9 point 15: at 60 columns the cabinet and where each paper out is stay whole,
// the headings wrap rather than being cut, and the level banner keeps its place.
#[test]
fn r_pap_12_count_screen_60x20() {
    let (_d, h) = count_screen(60, 20);
    let s = h.screen();
    snap("count_by_cabinet_60x20", &s);
    assert!(
        s.lines().next().unwrap_or("").trim_end().ends_with("绝密"),
        "{s}"
    );
    assert!(s.contains("1号保密柜") && s.contains("黄敏（借出），应还 2026年11月22日，逾期5天"));
}

// R-PAP-12: w shows one cabinet at a time, and a 全选 ticks that cabinet's papers only.
#[test]
fn r_pap_12_cabinet_by_cabinet() {
    let (_d, mut h) = count_screen(80, 24);
    h.key(KeyCode::Char('w'));
    let s = h.screen();
    assert!(s.contains("柜：1号保密柜（9 件）"), "{s}");
    assert!(!s.contains("2号保密柜"), "one cabinet only: {s}");
    h.key(KeyCode::Char('a'));
    assert!(h.screen().contains("已勾选清点到 9 件"), "{}", h.screen());
    h.key(KeyCode::Char('w'));
    let s = h.screen();
    assert!(
        s.contains("柜：2号保密柜") && s.contains("已勾选清点到 9 件"),
        "{s}"
    );
    assert!(!s.contains("[X]"), "the next cabinet starts unticked: {s}");
}

// R-PAP-12: `a` ticks every paper in its cabinet and none that is out; a paper out cannot be
// ticked by hand either. The recorded count finds only the papers in their cabinets, records where
// each out paper is, and the overdue loan is an exception on the count sheet. The ticks start
// afresh once the count is recorded (issue 9 point 17).
#[test]
fn r_pap_12_select_all_does_not_tick_a_paper_out() {
    let (_d, mut h) = count_screen(80, 24);
    h.key(KeyCode::Char('a'));
    let s = h.screen();
    assert!(s.contains("已勾选清点到 44 件，不在柜 5 件"), "{s}");
    let out_line = s
        .lines()
        .find(|l| l.contains("2026-收-0032"))
        .unwrap_or_default()
        .to_string();
    assert!(!out_line.contains("[X]"), "{out_line}");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char(' '));
    // The message wraps onto a second line rather than being cut (issue 9 point 15).
    let s = h.screen().replace('\n', "");
    assert!(
        s.contains(
            "2026-收-0032 黄敏（借出），应还 2026年11月22日，逾期5天：不在柜，不能勾选为清点到"
        ),
        "{s}"
    );
    assert!(s.contains("已勾选清点到 44 件"), "{s}");
    h.enter();
    let s = h.screen();
    assert!(s.contains("在柜 44 件：清点到 44 件，未找到 0 件"), "{s}");
    assert!(
        s.contains("逾期未还、记为异常的：2026-收-0032（黄敏）"),
        "{s}"
    );
    h.key(KeyCode::Char('y'));
    let s = h.screen();
    assert!(
        s.contains("清点已记录：清点到44件，未找到0件，不在柜5件（逾期未还1件，记为异常）"),
        "{s}"
    );
    assert!(
        s.contains("已勾选清点到 0 件"),
        "the ticks start afresh: {s}"
    );
    assert!(
        h.app
            .screens
            .last()
            .is_some_and(|(_, s)| s.unsaved().is_none())
    );

    let conn = h.session.store.conn();
    let sheet = registers::load(conn, RegisterKind::CountSheet, None, None).unwrap();
    let row = |no: &str| {
        sheet
            .rows
            .iter()
            .find(|r| r.cells[0] == no)
            .map(|r| r.cells[5].clone())
            .unwrap_or_default()
    };
    assert_eq!(
        row("2026-收-0032"),
        "异常：逾期未还。不在柜（借出），去向：黄敏，应还 2026年11月22日，逾期5天"
    );
    assert_eq!(
        row("2026-收-0031"),
        "不在柜（借出），去向：赵磊，应还 2026年12月1日"
    );
    assert_eq!(row("2026-收-0001"), "在");
    assert!(
        sheet
            .notes
            .iter()
            .any(|n| n.contains("在柜清点到44件，未找到0件；不在柜5件")),
        "{:?}",
        sheet.notes
    );
    assert!(
        sheet.notes.iter().any(|n| n.contains("逾期未还1件")),
        "{:?}",
        sheet.notes
    );
    // The sheet goes cabinet by cabinet.
    let cabinets: Vec<&str> = sheet.rows.iter().map(|r| r.cells[3].as_str()).collect();
    let mut sorted = cabinets.clone();
    sorted.sort();
    assert_eq!(cabinets, sorted);
}

// R-PAP-12: a paper out named as not found is refused (it is recorded where it is instead), and
// nothing is written.
#[test]
fn r_pap_12_a_paper_out_is_not_missing() {
    let (_d, mut s) = demo();
    let before = fingerprint(&s);
    let e = s
        .change(&officer(), |c| {
            stocktake::record(
                c,
                StocktakeKind::Count,
                today(),
                &["2026-收-0032".to_string()],
                "",
            )
        })
        .unwrap_err();
    assert!(e.to_string().contains("不在柜（借出），去向：黄敏"), "{e}");
    assert_eq!(fingerprint(&s), before);
    let r = s
        .change(&officer(), |c| {
            stocktake::record(c, StocktakeKind::Count, today(), &[], "")
        })
        .unwrap();
    assert_eq!(r.held, r.found + r.out.len() as i64);
    let overdue: Vec<&str> = r
        .out
        .iter()
        .filter(|w| w.overdue)
        .map(|w| w.no.as_str())
        .collect();
    assert_eq!(overdue, ["2026-收-0032"]);
}
