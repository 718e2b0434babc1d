//! Issue 11 on screen with the plain demo's people, training and key sites: the officer's page
//! (vetting, certificate, the acts an officer has), a training session and the 绝密 key site, at
//! 80×24, by keys.

use baomi::ui::harness::malformed_wide_cell;
use crossterm::event::KeyCode;

use super::*;

fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

fn full(w: u16, hgt: u16) -> (tempfile::TempDir, Harness) {
    let (dir, mut store) = demo();
    baomi::store::demo::records(&mut store, today()).unwrap();
    let mut h = Harness::new(store, today(), w, hgt);
    h.login("liqiang", "Baomi@2026-li");
    (dir, h)
}

// R-PER-2, R-PER-6, R-PER-8, R-PER-4: the officer's page shows vetting, letter and certificate,
// and offers the officer's own acts (absence, hand-over) besides travel.
#[test]
fn r_per_6_the_officers_page() {
    let (_dir, mut h) = full(80, 24);
    h.type_str("grs");
    for _ in 0..5 {
        h.key(KeyCode::Down);
    }
    h.enter();
    let s = h.screen();
    assert!(s.contains("RY-006") && s.contains("李强"), "{s}");
    assert!(s.contains("上岗资格证书：粤保证〔2025〕0318"), "{s}");
    assert!(s.contains("涉密资格审查：") && s.contains("通过"), "{s}");
    assert!(
        s.contains("a 暂时离岗") && s.contains("t 因私出国（境）*"),
        "{s}"
    );
    assert_eq!(malformed_wide_cell(h.buffer()), None);
    snap("person_page_80x24", &s);
}

// R-TRN-1, R-KEY-1, R-KEY-3: a session's page and the 绝密 key site's page.
#[test]
fn r_trn_1_r_key_3_training_and_site_pages() {
    let (_dir, mut h) = full(80, 24);
    h.type_str("grp");
    h.enter();
    let s = h.screen();
    assert!(s.contains("培训") && s.contains("学时"), "{s}");
    assert_eq!(malformed_wide_cell(h.buffer()), None);
    snap("training_page_80x24", &s);
    h.type_str("gcy");
    h.enter();
    let s = h.screen();
    assert!(s.contains("机要室") && s.contains("绝密"), "{s}");
    // At 80 columns the navigation line drops the group's name to keep the site's number whole.
    let nav = s.lines().nth(1).unwrap_or_default();
    assert!(nav.ends_with("> 要害部门部位 YH-001"), "{nav}");
    // R-KEY-3: the page says when the next monthly inspection is due.
    assert!(s.contains("下次检查：2026-12-01（每月）"), "{s}");
    assert_eq!(malformed_wide_cell(h.buffer()), None);
    snap("site_page_80x24", &s);
}

// R-TRN-3: 报表打印 offers this year's hours table; printed as text it names who is short.
#[test]
fn r_trn_3_hours_table_from_reports() {
    let (dir, mut h) = full(80, 24);
    h.key(KeyCode::Char('8'));
    for _ in 0..80 {
        h.key(KeyCode::Down);
    }
    let s = h.screen();
    assert!(s.contains("保密教育培训学时统计表"), "{s}");
    h.enter();
    assert!(
        h.screen().contains("打印：保密教育培训学时统计表"),
        "{}",
        h.screen()
    );
    for _ in 0..3 {
        h.key(KeyCode::Right);
    }
    h.tab();
    h.tab();
    let out = dir.path().join("hours.txt");
    h.type_str(&out.display().to_string());
    h.ctrl('s');
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}\n{}", h.screen()));
    assert!(text.contains("2026年度保密教育培训学时统计表"), "{text}");
    assert!(
        text.contains("王芳") && text.contains("学时不足 1 人"),
        "{text}"
    );
}

// R-TRN-1, R-TRN-3: a session registered from the training ledger says its number (no empty
// brackets: sessions have no level), and an attendee's page counts its hours in the year's,
// with the shortfall named (王芳 一般: 4 of 8 before, 6 after).
#[test]
fn r_trn_3_a_session_counts_on_the_persons_page() {
    let (_dir, mut h) = full(80, 24);
    h.type_str("grs");
    for _ in 0..3 {
        h.key(KeyCode::Down);
    }
    h.enter();
    let s = h.screen();
    assert!(
        s.contains("王芳") && s.contains("2026年培训学时：4（应达 8，差 4 学时）"),
        "{s}"
    );
    h.type_str("grp");
    h.key(KeyCode::Char('a'));
    h.type_str("保密形势报告会");
    h.tab();
    h.tab();
    h.type_str("2");
    h.tab();
    h.type_str("王芳、陈静");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("已登记培训 2026-培-005"), "{s}");
    assert!(!s.contains("2026-培-005（）"), "{s}");
    h.type_str("grs");
    for _ in 0..3 {
        h.key(KeyCode::Down);
    }
    h.enter();
    let s = h.screen();
    assert!(s.contains("2026年培训学时：6（应达 8，差 2 学时）"), "{s}");
}
