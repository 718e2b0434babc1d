//! Screen tests: the app driven by key events the way an officer types, rendered into a
//! `TestBackend` at 80×24 and 120×30, compared with committed snapshots.

mod common;

use baomi::store::{OpenMode, Store};
use baomi::ui::harness::Harness;
use common::*;
use crossterm::event::KeyCode;

#[path = "screens/count.rs"]
mod count;
#[path = "screens/incidents.rs"]
mod incidents;
#[path = "screens/meetings.rs"]
mod meetings;
#[path = "screens/nav.rs"]
mod nav;
#[path = "screens/need_to_know.rs"]
mod need_to_know;
#[path = "screens/office.rs"]
mod office;
#[path = "screens/paper_duties.rs"]
mod paper_duties;
#[path = "screens/people.rs"]
mod people;
#[path = "screens/polish.rs"]
mod polish;
#[path = "screens/proving.rs"]
mod proving;
#[path = "screens/records.rs"]
mod records;
#[path = "screens/records_check.rs"]
mod records_check;
#[path = "screens/records_paging.rs"]
mod records_paging;
#[path = "screens/records_walk.rs"]
mod records_walk;
#[path = "screens/reviews.rs"]
mod reviews;
#[path = "screens/scan.rs"]
mod scan;
#[path = "screens/selfcheck.rs"]
mod selfcheck;
#[path = "screens/steps.rs"]
mod steps;

fn demo_harness(w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let (dir, store) = demo();
    (dir, Harness::new(store, today(), w, h))
}

fn logged_in(w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let (dir, mut h) = demo_harness(w, h);
    h.login("liqiang", "Baomi@2026-li");
    (dir, h)
}

/// The cell where `word` begins on row `y` of the frame.
fn cell_of(h: &Harness, y: u16, word: &str) -> u16 {
    let buf = &h.frame;
    let chars: Vec<String> = word.chars().map(|c| c.to_string()).collect();
    for x in 0..buf.area.width {
        let mut cx = x;
        let mut ok = true;
        for c in &chars {
            if cx >= buf.area.width || buf[(cx, y)].symbol() != c {
                ok = false;
                break;
            }
            cx += unicode_width::UnicodeWidthStr::width(c.as_str()) as u16;
        }
        if ok {
            return x;
        }
    }
    panic!("{word} not on row {y}:\n{}", h.screen());
}

#[test]
fn setup_screen_on_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("new.db"), OpenMode::Create).unwrap();
    let mut h = Harness::new(store, today(), 80, 24);
    insta::assert_snapshot!("setup_80x24", h.screen());
    h.type_str("江门市保密测试局");
    h.tab();
    h.key(KeyCode::Right);
    h.tab();
    h.type_str("wangfang");
    h.tab();
    h.type_str("王芳");
    h.tab();
    h.type_str("Baomi2026x");
    h.tab();
    h.type_str("Baomi2026x");
    h.enter();
    let s = h.screen();
    assert!(s.contains("江门市保密测试局"), "{s}");
    assert!(s.contains("王芳（保密员）"), "{s}");
    assert!(s.contains("待办"), "{s}");
    assert!(
        s.contains(" 机密"),
        "the banner shows the highest level: {s}"
    );
}

// R-CMP-4: the setup form refuses a weak password for the chosen level.
#[test]
fn r_cmp_4_setup_refuses_weak_password() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("new.db"), OpenMode::Create).unwrap();
    let mut h = Harness::new(store, today(), 80, 24);
    h.type_str("某局");
    h.tab();
    h.tab();
    h.type_str("wf");
    h.tab();
    h.type_str("王芳");
    h.tab();
    h.type_str("short1");
    h.tab();
    h.type_str("short1");
    h.enter();
    assert!(h.screen().contains("R-CMP-4"), "{}", h.screen());
    assert!(h.app.user.is_none());
}

#[test]
fn setup_can_load_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("new.db"), OpenMode::Create).unwrap();
    let mut h = Harness::new(store, today(), 120, 30);
    h.key(KeyCode::F(5));
    let s = h.screen();
    assert!(s.contains("登录 保密台账"), "{s}");
    assert!(s.contains("已载入演示数据"), "{s}");
    // The first officer's name is filled in; the password is asked for.
    h.type_str("Baomi@2026-li");
    h.enter();
    assert!(h.screen().contains("李强（保密员）"));
}

#[test]
fn login_and_home_80x24() {
    let (_d, mut h) = demo_harness(80, 24);
    insta::assert_snapshot!("login_80x24", h.screen());
    h.login("liqiang", "Baomi@2026-li");
    insta::assert_snapshot!("home_80x24", h.screen());
}

#[test]
fn home_120x30() {
    let (_d, h) = logged_in(120, 30);
    insta::assert_snapshot!("home_120x30", h.screen());
}

// R-SYS-1: three wrong passwords at the login screen lock the account.
#[test]
fn r_sys_1_three_wrong_passwords_lock() {
    let (_d, mut h) = demo_harness(80, 24);
    h.login("liqiang", "wrong-1");
    assert!(h.screen().contains("再错2次"), "{}", h.screen());
    h.type_str("wrong-2");
    h.enter();
    assert!(h.screen().contains("再错1次"));
    h.type_str("wrong-3");
    h.enter();
    insta::assert_snapshot!("login_locked_80x24", h.screen());
    h.type_str("Baomi@2026-li");
    h.enter();
    assert!(h.app.user.is_none(), "still locked with the right password");
    assert!(h.screen().contains("已锁定"));
}

#[test]
fn navigation_by_digits_and_escape() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    insta::assert_snapshot!("ledger_80x24", h.screen());
    h.enter();
    let s = h.screen();
    assert!(s.contains("> 密件 2026-制-0001"), "{s}");
    insta::assert_snapshot!("paper_80x24", s);
    h.esc();
    assert!(h.screen().contains("第 1 条"));
    h.key(KeyCode::Char('3'));
    insta::assert_snapshot!("approvals_80x24", h.screen());
    h.key(KeyCode::F(8));
    assert!(h.screen().contains("销毁清单"));
    h.key(KeyCode::Char('9'));
    assert!(h.screen().contains("单位设置"));
    h.key(KeyCode::Char('1'));
    assert!(h.screen().contains("到期及已逾期事项"));
}

#[test]
fn help_is_built_from_the_hints() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('?'));
    let s = h.screen();
    insta::assert_snapshot!("help_80x24", s);
    // Every hint of the bar is in the help too.
    for label in ["收文登记", "状态", "密级", "年份", "每月清点", "查找"] {
        assert!(s.contains(label), "{label}");
    }
    // Whole at 80×24: the quit keys and every heading (issue 11 point 7).
    for whole in ["退出（首页）", "转到（续）", "g c y 要害部门部位"] {
        assert!(s.contains(whole), "{whole}: {s}");
    }
    h.esc();
    assert!(!h.screen().contains("本页按键"));
}

// R-SYS-2: five minutes without a key covers the screen; the password unlocks it.
#[test]
fn r_sys_2_idle_lock() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    assert!(h.screen().contains("2026-收-0041"));
    h.wait(4 * 60_000);
    assert!(h.app.locked.is_none());
    h.wait(60_000 + 1);
    let s = h.screen();
    assert!(h.app.locked.is_some());
    assert!(s.contains("屏幕已锁定"), "{s}");
    assert!(
        !s.contains("2026-收-"),
        "no data stays visible behind the lock: {s}"
    );
    insta::assert_snapshot!("idle_lock_80x24", s);
    h.type_str("wrong");
    h.enter();
    assert!(h.screen().contains("口令错误"));
    h.type_str("Baomi@2026-li");
    h.enter();
    assert!(h.app.locked.is_none());
    assert!(
        h.screen().contains("2026-收-0041"),
        "back where the officer was"
    );
}

// R-SYS-2 and R-SYS-1: wrong passwords at the idle lock count toward the lockout.
#[test]
fn r_sys_1_idle_lock_failures_log_out() {
    let (_d, mut h) = logged_in(80, 24);
    h.ctrl('l');
    for _ in 0..3 {
        h.type_str("bad");
        h.enter();
    }
    assert!(h.app.user.is_none());
    assert!(h.screen().contains("登录 保密台账"));
}

#[test]
fn the_day_rolls_over_past_midnight() {
    let (_d, mut h) = logged_in(80, 24);
    assert!(h.screen().contains("2026年11月27日"));
    assert!(h.screen().contains("逾期9"));
    h.set_today(baomi::domain::dates::ymd(2026, 12, 2));
    let s = h.screen();
    assert!(s.contains("2026年12月2日"), "{s}");
    assert!(s.contains("日期已变为"), "{s}");
    // November's count was missed; the loan due 1 December is now overdue; the two papers
    // circulated on the 27th were not back by the end of that day (R-PAP-10).
    assert!(s.contains("逾期14"), "{s}");
}

#[test]
fn chinese_columns_line_up_in_the_ledger() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    let buf = &h.frame;
    // Rows 5.. are table rows; the mark column starts where the header 标志 starts.
    let header_row = 4;
    let mark_x = cell_of(&h, header_row, "标志");
    let state_x = cell_of(&h, header_row, "状态");
    // Below the table: the status line and the two lines of key hints.
    for y in 5..buf.area.height - 3 {
        let sym = buf[(mark_x, y)].symbol();
        assert!(
            ["秘", "机", "绝", "内", "非"].contains(&sym),
            "row {y} mark starts at {mark_x}: {sym:?}"
        );
        let st = buf[(state_x, y)].symbol();
        assert!(
            ["在", "传", "借", "携", "已", "遗"].contains(&st),
            "row {y} state at {state_x}: {st:?}"
        );
    }
}

#[test]
fn receive_form_marks_the_missing_field_and_registers() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('n'));
    insta::assert_snapshot!("receive_form_80x24", h.screen());
    h.ctrl('s');
    assert!(h.screen().contains("标题：不能为空"), "{}", h.screen());
    h.type_str("关于做好年终保密检查的通知");
    h.tab();
    h.type_str("市保密局");
    h.tab();
    h.type_str("江保密〔2026〕21号");
    h.tab();
    h.key(KeyCode::Right);
    h.tab();
    h.tab();
    h.type_str("局领导、办公室");
    h.tab();
    h.key(KeyCode::Backspace);
    h.type_str("0");
    h.ctrl('s');
    // The copies field is wrong: the form stays open, says so and marks it.
    let s = h.screen();
    assert!(s.contains("份数：应为正整数"), "{s}");
    assert!(s.contains("!份数"), "{s}");
    h.key(KeyCode::Backspace);
    h.type_str("2");
    h.ctrl('s');
    let s = h.screen();
    assert!(
        s.contains("已登记，收文编号 2026-收-0042（机密★20年），存放于1号保密柜"),
        "{s}"
    );
    // The title gives way to the mark of 2026-编-0001 (机密★2046年6月12日), shown whole.
    assert!(s.contains("2026-收-0042 关于做好年终保密检"), "{s}");
}

#[test]
fn circulation_refusal_names_the_rule_and_keeps_the_form() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.enter();
    h.key(KeyCode::Char('c'));
    h.type_str("外单位人员");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("违反 R-PAP-7"), "{s}");
    assert!(s.contains("传阅："), "the form stays open: {s}");
}

#[test]
fn approval_queue_leader_approves() {
    let (_d, mut h) = demo_harness(80, 24);
    h.login("wangjianguo", "Lingdao@2026-wang");
    h.key(KeyCode::Char('3'));
    let s = h.screen();
    assert!(s.contains("待审批"), "{s}");
    h.key(KeyCode::Char('a'));
    insta::assert_snapshot!("approve_form_80x24", h.screen());
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("已批准（王建国）"), "{s}");
}

// R-SYS-6: a viewer can look but not decide.
#[test]
fn r_sys_6_viewer_cannot_approve() {
    let (_d, mut h) = demo_harness(80, 24);
    h.login("sunli", "Chayue@2026-sun");
    h.key(KeyCode::Char('3'));
    h.key(KeyCode::Char('a'));
    assert!(h.screen().contains("违反 R-SYS-6"), "{}", h.screen());
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('n'));
    assert!(h.screen().contains("违反 R-SYS-6"), "{}", h.screen());
}

/// The text of the highlighted (reversed) row of the content area.
fn selected_line(h: &Harness) -> String {
    let buf = &h.frame;
    for y in 2..buf.area.height - 2 {
        let reversed = (0..buf.area.width).any(|x| {
            buf[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
                && buf[(x, y)].symbol() != " "
        });
        if reversed {
            return h
                .screen()
                .lines()
                .nth(usize::from(y))
                .unwrap_or("")
                .to_string();
        }
    }
    String::new()
}

// R-PAP-12: Enter on the month's count opens the count; ticking all but one records a discrepancy.
#[test]
fn r_pap_12_monthly_count_from_the_home_screen() {
    let (_d, mut h) = logged_in(120, 30);
    let mut guard = 0;
    while !selected_line(&h).contains("每月清点在管密件") {
        h.key(KeyCode::Down);
        guard += 1;
        assert!(guard < 40, "{}", h.screen());
    }
    h.enter();
    assert!(
        h.screen().contains("扫码或空格勾选找到的"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('a'));
    h.key(KeyCode::Char(' '));
    h.enter();
    assert!(h.screen().contains("未找到 1 件"), "{}", h.screen());
    h.key(KeyCode::Char('y'));
    assert!(h.screen().contains("清点已记录"), "{}", h.screen());
    h.esc();
    // November's count is met: it no longer shows among the items due.
    assert!(!h.screen().contains("每月清点在管密件"), "{}", h.screen());
}

#[test]
fn search_overlay_finds_by_pinyin_and_number() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('/'));
    h.type_str("0041");
    let s = h.screen();
    assert!(s.contains("2026-收-0041"), "{s}");
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Backspace);
    h.type_str("cqdk");
    let s = h.screen();
    insta::assert_snapshot!("search_80x24", s);
    assert!(s.contains("重庆对口"), "{s}");
    h.enter();
    assert!(h.screen().contains("> 密件"), "{}", h.screen());
}
