//! Issue 10, scanners: a keyboard-wedge scanner types a label's number and Enter a few ms a key.
//! The tests feed the same keys with pinned instants, fast (a scan) and slow (a person), and show
//! that a scan opens the carrier from `/` (and from any page), ticks the paper on the count
//! screen, says loudly when the number is not on the list, and never fires the screen's keys.

use super::*;

fn top_title(h: &Harness) -> String {
    h.app
        .modals
        .last()
        .or(h.app.screens.last())
        .map(|(_, s)| s.title())
        .unwrap_or_default()
}

fn error(h: &Harness) -> String {
    match &h.app.status {
        Some((m, true)) => m.clone(),
        _ => String::new(),
    }
}

/// `/` then a scan opens the carrier at once; a scanned fragment of a number or an unknown number
/// opens nothing and says so in the error style. Typed slowly, the same keys search as before,
/// and Enter opens the first hit.
#[test]
fn a_scan_in_the_search_opens_the_carrier() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('/'));
    h.scan("2026-收-0041");
    assert_eq!(top_title(&h), "密件 2026-收-0041", "{}", h.screen());
    assert!(h.app.modals.is_empty());

    h.esc();
    h.key(KeyCode::Char('/'));
    h.scan("2026-收-004");
    let s = h.screen();
    assert_eq!(top_title(&h), "查找", "a fragment opens nothing: {s}");
    assert!(
        s.contains("扫描到的编号「2026-收-004」不是本单位台帐中的载体"),
        "{s}"
    );
    // Said in the error style, on the overlay's status line.
    let y = s.lines().position(|l| l.contains("扫描到的编号")).unwrap() as u16;
    let x = cell_of(&h, y, "扫描到的编号");
    assert_eq!(
        h.frame[(x, y)].style().fg,
        baomi::ui::theme::Theme::default().error().fg
    );

    // A number no carrier has.
    h.scan("2026-收-9999");
    assert!(
        h.screen()
            .contains("扫描到的编号「2026-收-9999」不是本单位台帐中的载体"),
        "{}",
        h.screen()
    );
    assert_eq!(top_title(&h), "查找");

    // The same keys at a person's pace: results follow the typing, Enter opens the first hit.
    h.esc();
    h.key(KeyCode::Char('/'));
    h.burst("2026-收-004", 150);
    assert!(
        top_title(&h).starts_with("密件 2026-收-004"),
        "{}",
        h.screen()
    );
}

/// On a page that takes no scan, the scanned number's digits do not move between screens: the
/// carrier opens, over the page the officer was on.
#[test]
fn a_scan_on_any_page_opens_the_carrier() {
    let (_d, mut h) = logged_in(80, 24);
    h.scan("2026-收-0041");
    assert_eq!(top_title(&h), "密件 2026-收-0041", "{}", h.screen());
    assert_eq!(
        h.app.place().map(|e| e.title),
        Some("待办"),
        "no digit fired"
    );
    // Over a popup that takes neither scans nor text, a scan is refused, not typed as keys.
    h.esc();
    h.key(KeyCode::Char('?'));
    h.scan("2026-收-0041");
    assert_eq!(top_title(&h), "帮助");
    assert!(
        error(&h).contains("扫描到「2026-收-0041」：请先关闭当前窗口再扫描"),
        "{}",
        h.screen()
    );
    h.esc();
    // Typed slowly the same keys are keys: 2 opens the ledger.
    h.key(KeyCode::Char('1'));
    h.burst("2026", 150);
    assert_eq!(h.app.place().map(|e| e.title), Some("收发台帐"));
}

/// The count screen, opened from the ledger.
fn count(h: &mut Harness) {
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('c'));
    assert_eq!(top_title(h), "每月清点");
}

// R-PAP-12 with a scanner: a scanned paper in its cabinet is ticked (a second scan leaves it
// ticked); a scanned paper out of its cabinet is refused as a tick by hand is; an unknown number
// is said loudly and ticks nothing.
#[test]
fn r_pap_12_a_scan_ticks_the_paper_on_the_count() {
    let (_d, mut h) = logged_in(80, 24);
    count(&mut h);
    h.scan("2026-收-0001");
    let s = h.screen();
    assert!(s.contains("已勾选清点到 1 件"), "{s}");
    assert!(s.contains("[X] 1号保密柜 2026-收-0001"), "{s}");
    assert!(
        s.contains("扫描：2026-收-0001  已勾选清点到（1号保密柜）"),
        "{s}"
    );
    h.scan("2026-收-0001");
    assert!(
        h.screen().contains("已勾选清点到 1 件"),
        "a second scan does not untick"
    );
    assert!(h.screen().contains("已勾选过"), "{}", h.screen());

    h.scan("2026-收-0032");
    let s = h.screen();
    assert!(
        error(&h).contains("黄敏（借出），应还 2026年11月22日，逾期5天，不在柜，不能勾选为清点到"),
        "{s}"
    );
    assert!(s.contains("已勾选清点到 1 件"), "{s}");

    h.scan("2026-收-9999");
    let s = h.screen();
    assert!(
        error(&h).contains("台帐中没有编号为「2026-收-9999」的密件，不在本次清点清单中"),
        "{s}"
    );
    assert!(s.contains("已勾选清点到 1 件"), "{s}");
    // The scan line is in the error style too.
    let y = s
        .lines()
        .position(|l| l.starts_with("扫描：2026-收-9999"))
        .unwrap() as u16;
    assert_eq!(
        h.frame[(0, y)].style().fg,
        baomi::ui::theme::Theme::default().error().fg
    );
    snap_scan("count_scan_unknown_80x24", &s);
}

/// A scanned number made of the count screen's own keys (w 换柜, a 全选, u 全不选, c 清点差异)
/// and a navigation digit fires none of them; the same keys typed slowly do.
#[test]
fn r_pap_12_a_scanned_number_fires_no_key() {
    let (_d, mut h) = logged_in(80, 24);
    count(&mut h);
    h.scan("wauc-2026");
    let s = h.screen();
    assert_eq!(top_title(&h), "每月清点", "{s}");
    assert!(s.contains("柜：全部"), "w did not change the cabinet: {s}");
    assert!(s.contains("已勾选清点到 0 件"), "a did not tick: {s}");
    assert!(error(&h).contains("「wauc-2026」"), "{s}");

    // At a person's pace: w shows the first cabinet, a ticks it…
    h.burst("wa", 150);
    let s = h.screen().replace('\n', "");
    assert!(s.contains("柜：1号保密柜"), "{s}");
    assert!(s.contains("已勾选清点到 9 件"), "{s}");
}

// R-PAP-13: the quarterly check takes scans as the count does.
#[test]
fn r_pap_13_a_scan_ticks_the_paper_on_the_check() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('k'));
    assert_eq!(top_title(&h), "季度核查");
    h.scan("2026-收-0005");
    let s = h.screen();
    assert!(s.contains("已勾选清点到 1 件"), "{s}");
    assert!(s.contains("[X]           2026-收-0005"), "{s}");
}

/// Where text is typed, a scan is typing as before: into the login's password (and Enter logs
/// in), into a form's field (and Enter moves to the next).
#[test]
fn a_scan_into_a_field_is_typed() {
    let (_d, mut h) = demo_harness(80, 24);
    h.type_str("liqiang");
    h.tab();
    h.scan("Baomi@2026-li");
    assert!(h.app.user.is_some(), "{}", h.screen());
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('n'));
    h.scan("JBM-2026-21");
    let s = h.screen();
    assert!(s.contains("JBM-2026-21"), "{s}");
    assert_eq!(h.app.modals.len(), 1, "the form is still open: {s}");
}

fn snap_scan(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}
