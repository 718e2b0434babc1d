//! Need to know (issue 11) on the screens: a department head linked to a person outside a 绝密
//! paper's scope reads `绝密文件（标题不显示）` in the ledger, the search overlay and the paper's
//! page; the officer reads the title.

use super::*;
use baomi::domain::rules::person;
use baomi::store::{need_to_know, records};

/// A snapshot kept with the others in tests/snapshots.
fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

const TITLE: &str = "关于组织重庆对口协作工作的通知";

// need_to_know: 2025-收-0005 is 绝密 with the scope 徐明、刘洋、办公室; chenhong (部门领导) is
// linked to 陈红 of 综合科.
#[test]
fn need_to_know_department_head_reads_hidden_titles() {
    let (dir, mut store) = demo();
    store
        .change(&officer(), |c| {
            let form = records::AddForm {
                values: [("name", "陈红"), ("dept", "综合科"), ("grade", "重要")]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                ..records::AddForm::default()
            };
            let p = records::add(c, &person::SPEC, &form)?;
            need_to_know::set_person(c, "chenhong", &p.no)
        })
        .unwrap();
    let mut h = Harness::new(store, today(), 120, 30);
    h.login("chenhong", "Bumen@2026-chen");
    h.key(KeyCode::Char('2'));
    h.wait(300);
    let ledger = h.screen();
    assert!(ledger.contains("绝密文件（标题不显示）"), "{ledger}");
    assert!(!ledger.contains(TITLE), "{ledger}");
    snap("need_to_know_ledger_120x30", &ledger);
    h.key(KeyCode::Char('/'));
    h.type_str("2025-收-0005");
    h.wait(300);
    let overlay = h.screen();
    assert!(overlay.contains("绝密文件（标题不显示）"), "{overlay}");
    assert!(!overlay.contains(TITLE), "{overlay}");
    snap("need_to_know_search_120x30", &overlay);
    h.enter();
    let page = h.screen();
    assert!(page.contains("密件 2025-收-0005"), "{page}");
    assert!(page.contains("绝密文件（标题不显示）"), "{page}");
    assert!(!page.contains(TITLE), "{page}");
    snap("need_to_know_page_120x30", &page);
    drop(h);

    // The officer on the same database reads the title.
    let store = Store::open(&dir.path().join("baomi.db"), OpenMode::Existing).unwrap();
    let mut h = Harness::new(store, today(), 120, 30);
    h.login("liqiang", "Baomi@2026-li");
    h.key(KeyCode::Char('/'));
    h.type_str("2025-收-0005");
    h.enter();
    assert!(h.screen().contains(TITLE), "{}", h.screen());
}
