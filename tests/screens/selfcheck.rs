//! R-INS-4: the 常态化检查服务项目表 filled in on its own screen (报表打印, s), last year's answers
//! beside this year's.

use super::*;
use baomi::domain::selfcheck::Answer;
use baomi::store::selfcheck;

// R-INS-4: from 报表打印, s opens the checklist for this year with last year's answers beside;
// y, n and x answer the selected item and move to the next; the answers are kept per year.
#[test]
fn r_ins_4_selfcheck_screen() {
    let (_dir, mut h) = logged_in(80, 24);
    h.session
        .store
        .change(&officer(), |c| {
            selfcheck::set(
                c,
                2025,
                &[
                    Answer {
                        item: 1,
                        answer: "是",
                        note: String::new(),
                    },
                    Answer {
                        item: 2,
                        answer: "否",
                        note: "机构未建立".into(),
                    },
                ],
            )
        })
        .unwrap();
    h.key(KeyCode::Char('8'));
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('y'));
    h.key(KeyCode::Char('y'));
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::Char('x'));
    let s = h.screen();
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!("selfcheck_80x24", s);
    });
    let saved = selfcheck::load(h.session.store.conn(), 2026).unwrap();
    let answers: Vec<(u8, &str)> = saved.values().map(|a| (a.item, a.answer)).collect();
    assert_eq!(answers, [(1, "是"), (2, "是"), (3, "否"), (4, "不适用")]);
    // Left: the year before, as it was answered.
    h.key(KeyCode::Left);
    let s = h.screen();
    assert!(s.contains("2025年已填 2/30 项：是 1，否 1"), "{s}");
    // End and Home: the last item, then back to the first to start another year.
    h.key(KeyCode::End);
    h.key(KeyCode::Char('y'));
    assert!(
        h.screen().contains("已记录 2025年第30项：是"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Home);
    h.key(KeyCode::Char('x'));
    assert!(
        h.screen().contains("已记录 2025年第1项：不适用"),
        "{}",
        h.screen()
    );
}

// Issue 12: y on 报表打印 writes the year's ledger set; here as a workbook, recorded as output.
#[test]
fn yearbook_from_the_reports_screen() {
    let (dir, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('8'));
    h.key(KeyCode::Char('y'));
    let s = h.screen();
    assert!(s.contains("年度保密工作台账") && s.contains("2026"), "{s}");
    h.tab();
    h.key(KeyCode::Right);
    h.tab();
    let file = dir.path().join("台帐.xlsx");
    h.type_str(file.to_str().unwrap());
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("已保存") && s.contains("XLSX"), "{s}");
    assert!(file.exists());
}
