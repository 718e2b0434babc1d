//! 清查核对 by scanning on the screen (R-MED-6): the media ledger's `k` opens the check; numbers
//! come from the scanner or are typed by hand, each ticked or said loudly when it is not on the
//! list; F2 records the check of every medium seen in one change; the table of Chinese lines up
//! at 80×24 and 120×35.

use super::records::media_office;
use super::*;
use baomi::domain::rules::media;
use baomi::store::records;
use baomi::ui::harness::malformed_wide_cell;

fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

fn events(h: &Harness) -> i64 {
    h.session
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM record_event WHERE act = 'check'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// The media ledger of 14 (U-006 lost), its check screen open.
fn checking(w: u16, hgt: u16) -> (tempfile::TempDir, Harness) {
    let (dir, mut store) = demo();
    media_office(&mut store);
    let mut h = Harness::new(store, today(), w, hgt);
    h.login("liqiang", "Baomi@2026-li");
    h.type_str("gzc");
    h.key(KeyCode::Char('k'));
    (dir, h)
}

// R-MED-6: scanned and typed numbers are ticked, a lost medium and an unknown number are named
// as not on the list, a label read twice counts once; F2 records one check act for each medium
// seen, in one change.
#[test]
fn r_med_6_scan_check_by_keys() {
    for (w, hgt) in [(80u16, 24u16), (120, 35)] {
        let (_dir, mut h) = checking(w, hgt);
        let s = h.screen();
        assert!(s.contains("应有 13 件") && s.contains("未见 13 件"), "{s}");
        h.scan("U-002");
        // By hand: the letters go to the number line, not to the screen's keys.
        h.type_str("U-003");
        h.enter();
        assert!(h.screen().contains("输入：U-003"), "typed, not scanned");
        h.scan("U-006");
        h.scan("X-999");
        h.scan("U-002");
        let s = h.screen();
        assert!(
            s.contains("已清点 2 件") && s.contains("未见 11 件") && s.contains("不在清单 2 个"),
            "{s}"
        );
        assert!(s.contains("已清点过"), "the second read of U-002: {s}");
        assert!(s.contains("当前遗失"), "U-006 is named as lost: {s}");
        assert!(s.contains("台帐中无此编号"), "X-999: {s}");
        assert_eq!(malformed_wide_cell(h.buffer()), None);
        snap(&format!("media_check_{w}x{hgt}"), &s);
        // F2: what is missing is named before anything is written.
        let before = events(&h);
        h.key(KeyCode::F(2));
        let s = h.screen();
        assert!(
            s.contains("未见：U-001") && s.contains("不在清单：U-006、X-999"),
            "{s}"
        );
        snap(&format!("media_check_finish_{w}x{hgt}"), &s);
        h.type_str("标签完好");
        h.ctrl('s');
        let s = h.screen();
        assert!(s.contains("清查核对已记录：清点到 2 件，未见 11 件"), "{s}");
        assert_eq!(events(&h), before + 2);
        let u2 = records::get(h.session.store.conn(), &media::SPEC, "U-002").unwrap();
        assert_eq!(u2.checked_on, Some(today()));
        let u1 = records::get(h.session.store.conn(), &media::SPEC, "U-001").unwrap();
        assert_eq!(u1.checked_on, None, "not seen, not checked");
        // The print dialog's file is named after what it prints.
        h.ctrl('p');
        let s = h.screen();
        assert!(s.contains("baomi-check-日期.pdf"), "{s}");
    }
}

// R-MED-6: the check with nothing seen is not recorded; Del takes a read back; Esc with numbers
// read asks first.
#[test]
fn r_med_6_nothing_seen_records_nothing() {
    let (_dir, mut h) = checking(80, 24);
    h.scan("X-999");
    h.key(KeyCode::F(2));
    assert!(
        h.screen().contains("还没有清点到任何介质"),
        "{}",
        h.screen()
    );
    assert_eq!(events(&h), 0);
    // A number read by mistake is taken back with Del.
    h.key(KeyCode::Delete);
    let s = h.screen();
    assert!(
        s.contains("已撤销 X-999") && s.contains("不在清单 0 个"),
        "{s}"
    );
    h.scan("X-998");
    h.esc();
    assert!(h.screen().contains("尚未记录"), "{}", h.screen());
    h.esc();
    assert!(h.screen().contains("s 状态:在管"), "{}", h.screen());
}

// R-MED-1: P on a medium's page prints its label as `baomi label` does (level, user, number),
// written owner-only and recorded as an output.
#[test]
fn r_med_1_p_prints_the_label_from_the_page() {
    let (dir, mut store) = demo();
    media_office(&mut store);
    let font = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/BaomiTestSansSC.otf"
    );
    store
        .change(&officer(), |c| {
            baomi::store::settings::set(c, "font_path", font)
        })
        .unwrap();
    let mut h = Harness::new(store, today(), 80, 24);
    h.login("liqiang", "Baomi@2026-li");
    h.type_str("gzc");
    h.enter();
    h.key(KeyCode::Char('P'));
    let s = h.screen();
    assert!(
        s.contains("打印标签：U-001") && s.contains("A4 多标签"),
        "{s}"
    );
    let out = dir.path().join("u-001.pdf");
    h.tab();
    h.tab();
    h.paste(&out.display().to_string());
    h.ctrl('s');
    assert!(h.screen().contains("已保存"), "{}", h.screen());
    assert!(std::fs::metadata(&out).unwrap().len() > 1000);
    let outputs: i64 = h
        .session
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = '输出' AND subject LIKE '存储介质标签%U-001%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(outputs, 1);
}

// R-MED-6: a found U盘's page offers its check (k), not 配发: 配发 and the other uses are named as
// withheld, with the rule, until the check is recorded; `i` does nothing meanwhile. Once checked,
// 配发 is offered again.
#[test]
fn r_med_6_found_medium_page_offers_its_check_not_issue() {
    let (_dir, mut store) = demo();
    media_office(&mut store);
    super::records::act(&mut store, &media::SPEC, "U-006", "found", &[]);
    let mut h = Harness::new(store, today(), 80, 24);
    h.login("liqiang", "Baomi@2026-li");
    h.key(KeyCode::Char('/'));
    h.type_str("U-006");
    h.enter();
    let s = h.screen();
    assert!(s.contains("介质 U-006") && s.contains("k 清查核对"), "{s}");
    assert!(!s.contains("i 配发") && !s.contains("u 使用登记"), "{s}");
    assert!(
        s.contains("暂不能配发、借用、使用登记、携带外出、数据恢复：找回后尚未清查核对（R-MED-6）"),
        "{s}"
    );
    assert_eq!(malformed_wide_cell(h.buffer()), None);
    snap("medium_found_page_80x24", &s);
    h.key(KeyCode::Char('i'));
    assert!(!h.screen().contains("使用人"), "no form: {}", h.screen());
    h.key(KeyCode::Char('k'));
    h.type_str("外观完好，已查毒");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("i 配发") && !s.contains("暂不能"), "{s}");
    let u = records::get(h.session.store.conn(), &media::SPEC, "U-006").unwrap();
    assert_eq!(u.checked_on, Some(today()));
}
