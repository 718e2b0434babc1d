//! The office's daily work and its safeguards on screen: an act refused with its rule, batch
//! return and the monthly count ticked from the ledger, the audit alarm on the top bar, a restore
//! that says what it would lose, a changed idle limit, and the questions asked before unsaved
//! ticks or typing are thrown away.

use super::*;

/// The screen shows `text`, or the test fails showing the screen.
fn sees(h: &Harness, text: &str) {
    let s = h.screen();
    assert!(s.contains(text), "{text}: {s}");
}

// R-PAP-7: the act's key on a paper that is out with a reader says which rule stands in the way.
#[test]
fn r_pap_7_an_impossible_act_says_why() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('/'));
    h.type_str("2026-收-0034");
    h.enter();
    sees(&h, "传阅中");
    h.key(KeyCode::Char('c'));
    sees(&h, "违反 R-PAP-7：传阅须直传");
}

// R-PAP-16: batch return from the ledger: tick, name the receiver, all returned in one change.
#[test]
fn r_pap_16_batch_return() {
    let (_d, mut h) = logged_in(80, 24);
    h.type_str("2t");
    sees(&h, "批量清退");
    h.type_str("  ");
    sees(&h, "已勾选清退 2 件");
    h.enter();
    h.tab();
    h.type_str("市委办公室收发室");
    h.ctrl('s');
    sees(&h, "已清退 2 件");
}

// R-PAP-12: ticking only what was found records everything else as missing.
#[test]
fn r_pap_12_count_only_the_ticked_are_found() {
    let (_d, mut h) = logged_in(80, 24);
    h.type_str("2c ");
    h.enter();
    let s = h.screen();
    assert!(s.contains("清点到 1 件"), "{s}");
    h.key(KeyCode::Char('y'));
    sees(&h, "清点已记录：清点到1件");
}

// R-SYS-3, issue 8 point 7: a broken audit log is said on the top bar of every screen until an
// officer accepts it; the office keeps working meanwhile.
#[test]
fn r_sys_3_the_top_bar_shows_the_audit_alarm() {
    let (dir, store) = demo();
    std::fs::remove_file(baomi::store::head::path(store.path())).unwrap();
    let mut h = Harness::new(store, today(), 80, 24);
    h.login("liqiang", "Baomi@2026-li");
    let top = h.screen().lines().next().unwrap_or_default().to_string();
    // The level banner keeps its place at 80 columns.
    assert!(
        top.contains("审计异常") && top.trim_end().ends_with("绝密"),
        "{top}"
    );
    h.key(KeyCode::Char('2'));
    let top = h.screen().lines().next().unwrap_or_default().to_string();
    assert!(top.contains("审计异常"), "{top}");
    drop(dir);
}

// R-SYS-4, issue 8 point 1: in 设置 an officer backs up, and restoring an older backup first says
// how many changes of which days it would throw away; only with the box ticked does it restore,
// keeping a safety copy.
#[test]
fn r_sys_4_restore_in_the_tui_says_what_it_would_lose() {
    let (dir, mut h) = logged_in(120, 30);
    h.type_str("9b");
    sees(&h, "备份数据库");
    for _ in 0..40 {
        h.key(KeyCode::Backspace);
    }
    h.type_str("旧备份.db");
    h.ctrl('s');
    sees(&h, "核对一致");
    assert!(dir.path().join("旧备份.db").exists());
    // Work after the backup: a paper received in the ledger.
    {
        let mut s = Store::open(&dir.path().join("baomi.db"), OpenMode::Existing).unwrap();
        let st = officer();
        s.change(&st, |c| {
            c.audit("测试改动", "x", None, None);
            Ok(())
        })
        .unwrap();
    }
    h.key(KeyCode::Char('r'));
    h.type_str("旧备份.db");
    h.ctrl('s');
    let s = h.screen();
    assert!(
        s.contains("比当前数据库旧") && s.contains("2026-11-27 的 1 条改动"),
        "{s}"
    );
    // The refusal put the focus on the box.
    h.key(KeyCode::Char(' '));
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("已恢复") && s.contains("原库另存为"), "{s}");
}

// R-SYS-2 (issue 9 point 14): a shorter idle limit set in 设置 applies at once, not at the next
// login.
#[test]
fn r_sys_2_a_changed_idle_limit_applies_at_once() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('9'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.enter();
    sees(&h, "修改：空闲锁屏");
    h.key(KeyCode::Backspace);
    h.type_str("1");
    h.ctrl('s');
    sees(&h, "设为 1");
    h.wait(60_000 + 1);
    assert!(h.app.locked.is_some(), "{}", h.screen());
}

// Issue 9 point 12, R-PAP-12: F2 on the count screen with everything ticked used to land on the
// ledger with the ticks gone. A jump away from unsaved ticks asks first; the same key again
// leaves; Enter records.
#[test]
fn r_pap_12_a_jump_away_from_unsaved_ticks_asks_first() {
    let (_d, mut h) = logged_in(80, 24);
    h.type_str("2ca");
    let title = h.screen().lines().nth(2).unwrap_or_default().to_string();
    assert!(title.contains("已勾选清点到 44 件"), "{title}");
    h.key(KeyCode::F(2));
    let s = h.screen();
    assert!(
        s.contains("勾选尚未完成") && s.contains("再按一次离开"),
        "{s}"
    );
    assert_eq!(
        s.lines().nth(2).unwrap_or_default(),
        title,
        "still on the count"
    );
    // Another key in between: the question is asked again.
    h.key(KeyCode::Down);
    h.key(KeyCode::Esc);
    assert!(h.screen().contains("勾选尚未完成"));
    h.key(KeyCode::Esc);
    assert!(!h.screen().contains("勾选尚未完成"), "{}", h.screen());
}

// Issue 9 point 12: Esc on a filled form asks before the typing is thrown away; F2 is never
// "submit".
#[test]
fn esc_on_a_filled_form_asks_first() {
    let (_d, mut h) = logged_in(80, 24);
    h.type_str("2n");
    h.type_str("一份还没填完的收文");
    h.esc();
    let s = h.screen();
    assert!(s.contains("放弃已填写的内容？"), "{s}");
    assert!(s.contains("收文登记"), "the form stays open: {s}");
    // Any other key goes on typing.
    h.type_str("。");
    assert!(!h.screen().contains("放弃已填写的内容？"));
    assert!(h.screen().contains("一份还没填完的收文。"));
    h.esc();
    h.esc();
    assert!(!h.screen().contains("收文登记 ─"), "{}", h.screen());
    // An empty form closes at once.
    h.key(KeyCode::Char('n'));
    h.esc();
    assert!(!h.screen().contains("收文登记 ─"), "{}", h.screen());
}
