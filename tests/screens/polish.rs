//! Issue 9 points 13, 15, 16, 17: the screens an officer uses every day — the destruction list
//! chosen before printing, nothing cut off, no act offered to a role that cannot do it, no stale
//! message.

use super::*;
use baomi::store::approvals;

/// A snapshot kept with the others in tests/snapshots.
fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

/// The bottom bar: the last two rows of the screen.
fn bar(h: &Harness) -> String {
    let s = h.screen();
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(2)..].join("\n")
}

// R-PAP-23, issue 9 point 13: with two approved destruction lists, 报表打印 lets the officer pick
// which one to print (the latest is offered first).
#[test]
fn r_pap_23_reports_pick_which_destruction_list() {
    let (dir, mut h) = logged_in(80, 24);
    // The demo's pending destruction request 9 is approved; request 1 was carried out long ago.
    h.session
        .store
        .change(&leader(), |c| approvals::decide(c, 9, true, "同意", None))
        .unwrap();
    h.key(KeyCode::Char('8'));
    for _ in 0..8 {
        h.key(KeyCode::Down);
    }
    h.enter();
    let s = h.screen();
    assert!(s.contains("打印：涉密载体销毁清单"), "{s}");
    assert!(s.contains("申请9：3件"), "the latest first: {s}");
    assert!(s.contains("共 2 份已批准的销毁清单"), "{s}");
    h.key(KeyCode::Right);
    assert!(h.screen().contains("申请1：23件"), "{}", h.screen());
    h.tab();
    for _ in 0..3 {
        h.key(KeyCode::Right);
    }
    h.tab();
    h.tab();
    let out = dir.path().join("list.txt");
    h.type_str(&out.display().to_string());
    h.ctrl('s');
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}\n{}", h.screen()));
    assert!(text.contains("（申请1）"), "{text}");
    assert!(!text.contains("（申请9）"), "{text}");
}

// Issue 9 point 15: a history row of the paper's page opens whole with Enter.
#[test]
fn a_history_row_opens_whole_with_enter() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    h.enter();
    assert!(
        h.screen().contains("方式：机要.."),
        "the row is cut: {}",
        h.screen()
    );
    h.key(KeyCode::Up);
    h.enter();
    let s = h.screen();
    assert!(s.contains("办理记录：2026-制-0001"), "{s}");
    assert!(s.contains("发文编号") && s.contains("2026-发-0001"), "{s}");
    assert!(s.contains("机要交通") || s.contains("机要通信"), "{s}");
    h.esc();
    assert!(!h.screen().contains("办理记录："), "{}", h.screen());
}

// Issue 9 point 15: the mark column shows 机密★2046年6月12日 whole while the title has room to
// give, and the level banner stays at 60 columns.
#[test]
fn marks_whole_and_the_banner_at_60_columns() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    assert!(
        h.screen().contains("机密★2046年6月12日 在册"),
        "{}",
        h.screen()
    );
    let (_d, mut h) = logged_in(60, 20);
    h.key(KeyCode::Char('2'));
    let s = h.screen();
    snap("ledger_60x20", &s);
    assert!(
        s.lines().next().unwrap_or("").trim_end().ends_with("绝密"),
        "{s}"
    );
    h.enter();
    let s = h.screen();
    snap("paper_60x20", &s);
    assert!(
        s.lines().next().unwrap_or("").trim_end().ends_with("绝密"),
        "{s}"
    );
}

// Issue 9 point 16, R-SYS-6: a leader lands on 审批, is offered deciding, and is not offered the
// officer's acts; pressed anyway, they say why.
#[test]
fn r_sys_6_a_leader_lands_on_approvals_and_is_not_offered_officer_acts() {
    let (_d, mut h) = demo_harness(80, 24);
    h.login("wangjianguo", "Lingdao@2026-wang");
    let s = h.screen();
    assert!(s.contains("王建国（主管领导）"), "{s}");
    assert!(s.contains("待审批"), "lands on the approvals: {s}");
    let b = bar(&h);
    assert!(b.contains("a 批准") && b.contains("r 驳回"), "{b}");
    assert!(!b.contains("x 办理") && !b.contains("m 制作申请"), "{b}");
    h.key(KeyCode::Char('2'));
    let b = bar(&h);
    for officer_only in [
        "收文登记",
        "每月清点",
        "季度核查",
        "批量清退",
        "销毁清单",
        "制作登记",
        "发放笔记本",
    ] {
        assert!(!b.contains(officer_only), "{officer_only}: {b}");
    }
    let nav_line = h.screen().lines().nth(1).unwrap_or_default().to_string();
    assert!(nav_line.ends_with("g 转到"), "{nav_line}");
    assert!(
        h.screen().contains("s 状态:"),
        "the filters are: {}",
        h.screen()
    );
    h.key(KeyCode::Char('c'));
    assert!(h.screen().contains("违反 R-SYS-6"), "{}", h.screen());
    assert!(!h.screen().contains("每月清点 "), "{}", h.screen());
    // The paper's page offers the leader no act either.
    h.enter();
    let s = h.screen();
    assert!(!s.contains("可办理："), "{s}");
    assert!(!bar(&h).contains("s 发文"), "{}", bar(&h));
    // Esc leads back to the home screen behind.
    h.esc();
    h.esc();
    h.key(KeyCode::Char('1'));
    assert!(h.screen().contains("到期及已逾期事项"), "{}", h.screen());
    // The cabinet register is there to read, through the navigation; registering is not offered.
    h.type_str("gzb");
    let s = h.screen();
    assert!(
        s.contains("1号保密柜") && !bar(&h).contains("n 登记保密柜"),
        "{s}"
    );
}

// Issue 9 point 16: the ledger's batch keys and notebooks are all in the bar for the officer, the
// navigation (where the cabinet register is, issue 10) on the line above; the filters and the sort show their keys beside what they change.
#[test]
fn the_ledger_bar_shows_every_key() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    let b = bar(&h);
    for hint in [
        "n 收文登记",
        "c 每月清点",
        "k 季度核查",
        "t 批量清退",
        "x 销毁清单",
        "m 制作登记",
        "b 发放笔记本",
    ] {
        assert!(b.contains(hint), "{hint}: {b}");
    }
    let nav_line = h.screen().lines().nth(1).unwrap_or_default().to_string();
    assert!(nav_line.ends_with("g 转到"), "{nav_line}");
    let filters = h.screen().lines().nth(2).unwrap_or("").to_string();
    for hint in ["s 状态:", "l 密级:", "y 年份:", "h 持有人:", "o 排序:"] {
        assert!(filters.contains(hint), "{hint}: {filters}");
    }
}

// Issue 9 point 17: a field's error goes once the field is being fixed.
#[test]
fn a_fixed_fields_error_goes() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('n'));
    h.ctrl('s');
    assert!(h.screen().contains("标题：不能为空"), "{}", h.screen());
    assert!(h.screen().contains("!标题"), "{}", h.screen());
    h.type_str("关");
    let s = h.screen();
    assert!(!s.contains("不能为空") && !s.contains("!标题"), "{s}");
}

// Issue 9 point 17, R-PAP-16: once a batch return is done, what was ticked is gone.
#[test]
fn r_pap_16_ticks_go_after_the_batch_is_done() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('t'));
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Char(' '));
    assert!(h.screen().contains("已勾选清退 2 件"), "{}", h.screen());
    h.enter();
    h.tab();
    h.type_str("市委办公室收发室");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("已清退 2 件"), "{s}");
    assert!(s.contains("已勾选清退 0 件"), "{s}");
    // Nothing is left to ask about on the way out.
    h.esc();
    assert!(!h.screen().contains("勾选尚未完成"), "{}", h.screen());
}

// Issue 9 point 17: a paper's page shows the requests waiting on it.
#[test]
fn a_papers_page_shows_its_pending_requests() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('/'));
    h.type_str("2026-收-0022");
    h.enter();
    let s = h.screen().replace('\n', "");
    assert!(s.contains("待审批：申请8 借阅"), "{s}");
}

// Issue 9 point 17: a message belongs to the screen it was said on; moving on clears it.
#[test]
fn a_message_goes_with_its_screen() {
    let (_d, mut h) = logged_in(80, 24);
    assert!(
        h.screen().contains("李强（保密员）已登录"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('2'));
    assert!(!h.screen().contains("已登录"), "{}", h.screen());
    h.key(KeyCode::Char('n'));
    h.esc();
    h.enter();
    assert!(h.screen().contains("> 密件"), "{}", h.screen());
    h.key(KeyCode::Char('z'));
    h.esc();
    assert!(!h.screen().contains("> 密件"), "{}", h.screen());
}

// Issue 12: the receive form takes the 承办部门 the yearbook's per-department sheets count by.
#[test]
fn the_receive_form_records_the_department() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('n'));
    h.type_str("关于财务检查的通知");
    h.tab();
    h.type_str("市财政局");
    // 文号 … 签收人, then 承办部门.
    for _ in 0..11 {
        h.tab();
    }
    assert!(h.screen().contains(">承办部门"), "{}", h.screen());
    h.type_str("财务科");
    h.ctrl('s');
    assert!(h.screen().contains("已登记，收文编号"), "{}", h.screen());
    let dept: String = h
        .session
        .store
        .conn()
        .query_row(
            "SELECT dept FROM paper WHERE title = '关于财务检查的通知'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dept, "财务科");
}

// 待办 pages by the rows it shows: one PgDn brings the next page into view, keeping the last row
// of the page before, and PgUp goes back (it moved the selection ten rows, and the view only as
// far as the selection, a row or two).
#[test]
fn due_list_pages_by_the_rows_it_shows() {
    let (_d, mut h) = logged_in(80, 16);
    h.key(KeyCode::Char('1'));
    let rows = |s: &str| -> Vec<String> {
        s.lines()
            .skip(3)
            .take(11)
            .map(|l| l.trim().to_string())
            .collect()
    };
    let first = rows(&h.screen());
    assert!(first[10].contains("借阅到期归还"), "{first:#?}");
    h.key(KeyCode::PageDown);
    let second = rows(&h.screen());
    assert_eq!(second[0], first[10], "{second:#?}");
    assert!(
        second[1..].iter().all(|l| !first.contains(l)),
        "{second:#?}"
    );
    h.key(KeyCode::PageUp);
    assert_eq!(rows(&h.screen()), first);
}
