//! Control characters, stored or typed, never reach the terminal; the TUI refuses them as the
//! command line does.

use super::*;
use baomi::ui::harness::Harness;
use crossterm::event::KeyCode;

/// The TUI on a demo database, logged in as the officer, at 80×24.
fn screen() -> (tempfile::TempDir, Harness) {
    let (dir, store) = common::demo();
    let mut h = Harness::new(store, common::today(), 80, 24);
    h.login("liqiang", "Baomi@2026-li");
    (dir, h)
}

/// Replaces the text of the focused field.
fn retype(h: &mut Harness, text: &str) {
    h.key(KeyCode::End);
    for _ in 0..40 {
        h.key(KeyCode::Backspace);
    }
    h.type_str(text);
}

// issue 8 point 10: the TUI's receive form refuses a receipt dated after today, names the field,
// keeps the form open and registers nothing.
#[test]
fn tui_refuses_a_future_receipt_date() {
    let (_d, mut h) = screen();
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('n'));
    h.type_str("关于做好年终保密检查的通知");
    h.tab();
    h.type_str("市保密局");
    for _ in 0..7 {
        h.tab();
    }
    retype(&mut h, "2027-01-01");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("收文日期：2027-01-01 晚于今天"), "{s}");
    assert!(s.contains("!收文日期"), "{s}");
    retype(&mut h, "9999-12-31");
    h.ctrl('s');
    assert!(h.screen().contains("不是可能的日期"), "{}", h.screen());
    retype(&mut h, "2026-11-27");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("已登记，收文编号 2026-收-0042"), "{s}");
}

/// Puts text straight into stored rows, as an older version or a hand-edited file may have left it.
fn doctor(path: &std::path::Path, sql: &str) {
    let store =
        baomi::store::Store::open(path, baomi::store::OpenMode::Existing).expect("open demo");
    store.conn().execute_batch(sql).expect("doctor the demo");
}

const PWNED: &str = "char(27) || ']2;PWNED' || char(7)";

/// No byte that a terminal obeys: C0 controls other than line breaks and tabs, DEL, C1, bidi.
pub(crate) fn assert_terminal_safe(what: &str, s: &str) {
    let bad: Vec<char> = s
        .chars()
        .filter(|c| {
            baomi::domain::text::is_unsafe(*c) && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')
        })
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in {s:?}");
}

// issue 8 point 12: a title `ESC ] 2 ; PWNED BEL 标题` (retitles the terminal) and C1 or bidi
// characters already stored are printed as `?` by paper show, paper list, search and error
// messages; JSON keeps the exact text, escaped.
#[test]
fn stored_control_characters_never_reach_the_terminal() {
    let db = demo();
    doctor(
        &db.path(),
        &format!(
            "UPDATE paper SET title = {PWNED} || '标题', holder = '李' || char(155) || '强',
                              location = '1号柜' || char(8238) || 'exe.pdf'
             WHERE no = '2026-收-0041';"
        ),
    );
    let show = db.ok(&["paper", "show", "2026-收-0041"]);
    assert_terminal_safe("paper show", &show);
    assert!(show.contains("?]2;PWNED?标题"), "{show}");
    assert!(show.contains("李?强"), "{show}");
    for args in [
        &["paper", "list"][..],
        &["paper", "list", "--format", "csv"],
        &["search", "PWNED"],
        &["export", "papers"],
        &["register", "receipts", "--year", "2026"],
        &["due", "--format", "html"],
    ] {
        let out = db.ok(args);
        assert_terminal_safe(&format!("{args:?}"), &out);
    }
    let list = db.ok(&["paper", "list"]);
    assert!(list.contains("?]2;PWNED?标题"), "{list}");
    for args in [
        &["paper", "show", "2026-收-0041", "--format", "json"][..],
        &["paper", "list", "--format", "json"],
        &["search", "PWNED", "--format", "json"],
    ] {
        let out = db.ok(args);
        assert_terminal_safe(&format!("{args:?}"), &out);
        assert!(
            out.contains("\\u001b]2;PWNED\\u0007标题"),
            "{args:?}: {out}"
        );
    }
    let page = db.json(&["paper", "show", "2026-收-0041", "--format", "json"]);
    assert_eq!(
        page["title"], "\u{1b}]2;PWNED\u{7}标题",
        "JSON keeps the data"
    );
    assert_eq!(page["location"], "1号柜\u{202e}exe.pdf");
    // An error message quoting what was typed.
    let (code, _, err) = db.run(&["paper", "show", "\u{1b}]2;PWNED\u{7}"]);
    assert_eq!(code, 1, "{err}");
    assert_terminal_safe("error message", &err);
    assert!(err.contains("?]2;PWNED?"), "{err}");
}

// issue 8 point 12: control characters typed on the command line are refused, naming the field,
// and nothing is written.
#[test]
fn control_characters_typed_on_the_command_line_are_refused() {
    let db = demo();
    let before = db.fingerprint();
    let title = "\u{1b}]2;PWNED\u{7}标题";
    let err = db.refused(&receive(&["--title", title]), 1, "标题");
    assert_terminal_safe("refusal", &err);
    db.refused(&receive(&["--location", "1号柜\u{202e}"]), 1, "存放位置");
    db.refused(&receive(&["--holder", "李\u{9b}强"]), 1, "持有人");
    db.refused(&receive(&["--doc-no", "江委办\n〔2026〕3号"]), 1, "文号");
    db.refused(
        &[
            "request",
            "loan",
            "2026-收-0041",
            "--borrower",
            "陈\u{7}静",
            "--return-by",
            "2026-12-10",
        ],
        1,
        "借阅人",
    );
    db.refused(
        &[
            "paper",
            "lost",
            "2026-收-0041",
            "--note",
            "在\u{1b}[2J会议室遗失",
        ],
        1,
        "说明",
    );
    db.refused(&["paper", "count", "--note", "\u{1b}c"], 1, "说明");
    db.refused(
        &["settings", "set", "unit_name", "某局\u{1b}]2;x\u{7}"],
        1,
        "单位",
    );
    let long = "密".repeat(2001);
    db.refused(&receive(&["--title", &long]), 1, "标题");
    db.unchanged(&before);
}

// issue 8 point 12: the TUI drew a stored ESC as nothing while measuring it as one cell, so every
// column after the title moved left. Now it is drawn as `?` and the columns stay where they were.
#[test]
fn tui_rows_stay_aligned_with_control_characters_in_titles() {
    let (dir, store) = common::demo();
    let states = ["在册", "借出", "传阅中", "携带外出", "遗失"];
    let positions = |screen: &str| -> Vec<(usize, usize)> {
        screen
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains("-收-"))
            .filter_map(|(y, l)| {
                let i = states.iter().filter_map(|w| l.find(w)).min()?;
                Some((y, unicode_width::UnicodeWidthStr::width(&l[..i])))
            })
            .collect()
    };
    let mut h = Harness::new(store, common::today(), 120, 30);
    h.login("liqiang", "Baomi@2026-li");
    h.key(KeyCode::Char('2'));
    let clean = positions(&h.screen());
    assert!(clean.len() > 5, "{}", h.screen());
    drop(h);
    doctor(
        &dir.path().join("baomi.db"),
        &format!("UPDATE paper SET title = {PWNED} || title;"),
    );
    let store = baomi::store::Store::open(
        &dir.path().join("baomi.db"),
        baomi::store::OpenMode::Existing,
    )
    .expect("reopen");
    let mut h = Harness::new(store, common::today(), 120, 30);
    h.login("liqiang", "Baomi@2026-li");
    h.key(KeyCode::Char('2'));
    let s = h.screen();
    assert!(s.contains("?]2;PWNED?"), "{s}");
    assert_eq!(positions(&s), clean, "{s}");
}

// issue 8 point 12: a control character pasted into a TUI form is refused, naming and marking the
// field; nothing is registered.
#[test]
fn tui_refuses_a_pasted_control_character() {
    let (_d, mut h) = screen();
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('n'));
    h.paste("\u{1b}]2;PWNED\u{7}标题");
    h.tab();
    h.type_str("市保密局");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("标题：第1个字处含有控制字符 U+001B"), "{s}");
    assert!(s.contains("!标题"), "{s}");
    assert!(!s.contains("已登记"), "{s}");
}
