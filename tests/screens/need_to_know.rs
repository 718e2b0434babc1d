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

// need_to_know (issue 11): the officer links an account to a person in 设置 → 用户 (l). A name two
// people share is refused listing both with their departments, and nothing is written; the number
// links, with its audit row, and the list's 人员 column names the person.
#[test]
fn need_to_know_link_an_account_in_settings() {
    let (dir, mut store) = demo();
    let mut numbers = Vec::new();
    for dept in ["办公室", "综合科"] {
        let form = records::AddForm {
            values: [("name", "张伟"), ("dept", dept), ("grade", "一般")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..records::AddForm::default()
        };
        let p = store
            .change(&officer(), |c| records::add(c, &person::SPEC, &form))
            .unwrap();
        numbers.push(p.no);
    }
    let links = |store: &Store| -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(*) FROM audit WHERE action = '关联涉密人员'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(links(&store), 0);
    let mut h = Harness::new(store, today(), 80, 24);
    h.login("liqiang", "Baomi@2026-li");
    h.key(KeyCode::Char('9'));
    h.tab();
    for _ in 0..3 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Char('l'));
    let s = h.screen();
    assert!(s.contains("关联涉密人员：陈红（chenhong）"), "{s}");
    h.type_str("张伟");
    h.ctrl('s');
    let s = h.screen();
    assert!(
        s.contains("有 2 人名为「张伟」") && s.contains("办公室") && s.contains("综合科"),
        "{s}"
    );
    snap("need_to_know_link_refused_80x24", &s);
    for _ in 0..2 {
        h.key(KeyCode::Backspace);
    }
    h.type_str(&numbers[1]);
    h.ctrl('s');
    let s = h.screen();
    let label = format!("{} 张伟（综合科）", numbers[1]);
    assert!(
        s.contains(&format!("已将 chenhong 关联到涉密人员 {label}")),
        "{s}"
    );
    h.wait(300);
    let s = h.screen();
    assert!(s.contains("人员") && s.contains(&numbers[1]), "{s}");
    snap("need_to_know_linked_80x24", &s);
    drop(h);

    let store = Store::open(&dir.path().join("baomi.db"), OpenMode::Existing).unwrap();
    assert_eq!(
        links(&store),
        1,
        "the refused name wrote nothing, the number one audit row"
    );
    assert_eq!(
        need_to_know::person_label(store.conn(), &numbers[1]).unwrap(),
        label
    );
    let linked = baomi::store::accounts::get(store.conn(), "chenhong").unwrap();
    assert_eq!(linked.person, numbers[1]);
}
