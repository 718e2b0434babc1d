//! Issue 12 on the screens: a classified meeting reached by 组织 in three keys, its papers issued
//! and collected by keys on its page (R-MTG-1), the paper still out named, and the organisation's
//! registers listed by the same generic screens.

use super::*;
use baomi::domain::rules::meeting;
use baomi::ui::harness::malformed_wide_cell;

fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

// R-MTG-1: g u s opens the meetings; i issues two papers, c collects one; the other is named.
#[test]
fn r_mtg_1_issue_and_collect_by_keys() {
    let (_dir, mut h) = logged_in(80, 24);
    let no = super::records::add(
        &mut h.session.store,
        &meeting::SPEC,
        &[
            ("title", "重大项目建设专题会议"),
            ("venue", "三楼保密会议室"),
            ("level", "机密"),
            ("attendees", "郭涛"),
            ("jammer", "已使用"),
        ],
    );
    h.type_str("gus");
    let s = h.screen();
    assert!(s.contains(&no) && s.contains("重大项目建设专题会议"), "{s}");
    h.enter();
    assert!(h.screen().contains("i 分发文件"), "{}", h.screen());
    h.key(KeyCode::Char('i'));
    h.type_str("2026-收-0001、2026-收-0010");
    h.ctrl('s');
    assert!(h.screen().contains("已分发文件"), "{}", h.screen());
    h.key(KeyCode::Char('c'));
    // The form names what the clearing check expects back.
    let s = h.screen();
    assert!(
        s.contains("已分发未收回 2 件：2026-收-0001、2026-收-0010"),
        "{s}"
    );
    h.type_str("2026-收-0001");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("未收齐"), "{s}");
    let r = super::records::record(&h, &meeting::SPEC, &no);
    assert_eq!(r.get(meeting::MISSING), "2026-收-0010");
    assert_eq!(malformed_wide_cell(h.buffer()), None);
    snap("meeting_page_80x24", &s);
}

// R-ORG-1…6: every register of 组织 opens from the menu, empty at first.
#[test]
fn r_org_registers_open_from_the_menu() {
    let (_dir, mut h) = logged_in(80, 24);
    for (keys, title) in [
        ("gug", "工作记录"),
        ("gub", "报送保密局"),
        ("guj", "奖惩"),
        ("gux", "协作组"),
        ("gul", "领导考核"),
        ("gur", "人事变动"),
    ] {
        h.type_str(keys);
        let s = h.screen();
        assert!(
            s.contains(&format!("组织 {title}")) && s.contains("无记录"),
            "{keys}: {s}"
        );
        assert_eq!(malformed_wide_cell(h.buffer()), None);
    }
}

// R-MTG-1: a meeting registered ahead from the screen: the form asks for the meeting's own day
// (会议日期, not 登记日期, which would invite today's date), and a later day makes it 待召开.
#[test]
fn r_mtg_1_a_meeting_is_registered_ahead_for_its_day() {
    let (_dir, mut h) = logged_in(80, 24);
    h.type_str("gus");
    h.key(KeyCode::Char('a'));
    let s = h.screen();
    assert!(s.contains("会议日期") && !s.contains("登记日期"), "{s}");
    h.type_str("办公室涉密文件传达会");
    h.tab();
    h.type_str("三楼保密会议室");
    h.tab();
    h.type_str("秘密");
    for _ in 0..9 {
        h.tab();
    }
    for _ in 0.."2026年11月27日".chars().count() {
        h.key(KeyCode::Backspace);
    }
    h.type_str("2026-12-02");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("待召开"), "{s}");
    h.enter();
    let s = h.screen();
    assert!(s.contains("会议日期：2026-12-02"), "{s}");
}
