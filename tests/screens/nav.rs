//! Issue 10, navigation that scales: every screen of the table is reached in at most three keys
//! from anywhere (`g`, its group, its letter), 待办 and 审批 keep their digits, the menu lines up
//! its Chinese titles at 80×24, and `?` lists every entry. The tests iterate the table, so a
//! screen added to it is covered without a new test.

use super::*;
use baomi::ui::screens::nav::{self, GROUPS, SCREENS};

fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

/// The table is consistent: one title per screen, a group that exists, a letter free in its
/// group, a digit used once; the group letters are distinct and none is a key the menu keeps.
#[test]
fn the_table_has_one_key_per_screen() {
    let mut titles: Vec<&str> = SCREENS.iter().map(|e| e.title).collect();
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), SCREENS.len(), "titles are unique");
    let mut letters: Vec<char> = GROUPS.iter().map(|g| g.letter).collect();
    letters.sort();
    letters.dedup();
    assert_eq!(letters.len(), GROUPS.len(), "group letters are unique");
    for e in SCREENS {
        assert!(
            GROUPS.iter().any(|g| g.name == e.group),
            "{}: no group {}",
            e.title,
            e.group
        );
        assert!(e.letter.is_ascii_lowercase(), "{}", e.title);
        let same = SCREENS
            .iter()
            .filter(|o| o.group == e.group && o.letter == e.letter)
            .count();
        assert_eq!(same, 1, "{} shares its letter in {}", e.title, e.group);
        if let Some(d) = e.digit {
            assert!((1..=9).contains(&d));
            assert!(std::ptr::eq(nav::by_digit(d).unwrap(), e), "{}", e.title);
        }
    }
    assert!(nav::entry(nav::HOME).is_some() && nav::entry(nav::APPROVALS).is_some());
    assert_eq!(
        nav::by_digit(1).map(|e| e.title),
        Some("待办"),
        "待办 stays on 1"
    );
    assert_eq!(
        nav::by_digit(3).map(|e| e.title),
        Some("审批"),
        "审批 stays on 3"
    );
}

/// From home, and from a page deep in another screen, `g`, the group's letter and the screen's
/// letter open every listed screen; its digit does too where it has one.
#[test]
fn every_listed_screen_in_three_keys() {
    let (_d, mut h) = logged_in(80, 24);
    for e in SCREENS {
        for start in ["home", "paper page"] {
            h.key(KeyCode::Char('1'));
            if start == "paper page" {
                h.key(KeyCode::Char('2'));
                h.enter();
                assert!(h.screen().contains("> 密件"), "{}", h.screen());
            }
            let keys = e.keys();
            assert!(keys.len() <= 3);
            for k in keys {
                h.key(KeyCode::Char(k));
            }
            let place = h.app.place().map(|p| p.title);
            assert_eq!(place, Some(e.title), "{:?} from {start}", keys);
            assert!(h.app.modals.is_empty(), "the menu closed");
            let shown = if e.title == nav::HOME { 1 } else { 2 };
            assert_eq!(h.app.screens.len(), shown, "{} on the home screen", e.title);
        }
        if let Some(d) = e.digit {
            h.key(KeyCode::Char('1'));
            h.key(KeyCode::Char(char::from(b'0' + d)));
            assert_eq!(h.app.place().map(|p| p.title), Some(e.title));
            h.key(KeyCode::Char('1'));
            h.key(KeyCode::F(d));
            assert_eq!(h.app.place().map(|p| p.title), Some(e.title));
        }
    }
}

/// The menu at 80×24: every group with its screens, each title starting in its column, and a
/// screen without a digit named on the navigation line once open.
#[test]
fn goto_menu_80x24() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('g'));
    let s = h.screen();
    snap("goto_menu_80x24", &s);
    for (g, entries) in nav::shown() {
        let y = s
            .lines()
            .position(|l| l.contains(&format!("{} {}", g.letter, g.name)))
            .unwrap_or_else(|| panic!("{} not shown:\n{s}", g.name)) as u16;
        let head = cell_of(&h, y, g.name);
        for (i, e) in entries.iter().enumerate() {
            let row = y + 1 + i as u16;
            // The titles of a group line up under one another, two cells in from the group's.
            assert_eq!(cell_of(&h, row, e.title), head + 2, "{}:\n{s}", e.title);
        }
    }
    // A group chosen: the others are dimmed, a wrong letter is said, Esc chooses again.
    h.key(KeyCode::Char('z'));
    h.key(KeyCode::Char('q'));
    assert!(
        h.screen().contains("“载体”中没有字母为 q 的页面"),
        "{}",
        h.screen()
    );
    h.esc();
    h.key(KeyCode::Char('q'));
    assert!(h.screen().contains("没有字母为 q 的组"), "{}", h.screen());
    h.esc();
    assert!(h.app.modals.is_empty(), "Esc twice closes the menu");
    h.type_str("gzb");
    let nav_line = h.screen().lines().nth(1).unwrap_or_default().to_string();
    assert!(nav_line.contains("载体 保密柜"), "{nav_line}");
}

/// `?` lists the navigation: every entry with its keys, and its digit where it has one.
#[test]
fn help_lists_the_navigation() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('?'));
    let s = h.screen();
    assert!(s.contains("转到：g、组、页面"), "{s}");
    for e in SCREENS {
        let hint = e.hint();
        let line = s
            .lines()
            .find(|l| l.contains(&format!("{} ", hint.keys)) && l.contains(&hint.label))
            .unwrap_or_else(|| panic!("{} {} not in the help:\n{s}", hint.keys, hint.label));
        assert!(!line.is_empty());
    }
}

// R-PAP-12, issue 9 point 12: the menu leads away from the count as a digit does, so `g` asks
// first when ticks would be lost; pressed again it opens the menu.
#[test]
fn r_pap_12_goto_asks_before_unsaved_ticks_are_lost() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('c'));
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Char('g'));
    assert!(h.app.modals.is_empty(), "{}", h.screen());
    assert!(h.screen().contains("再按一次离开"), "{}", h.screen());
    h.key(KeyCode::Char('g'));
    assert_eq!(h.app.modals.len(), 1, "{}", h.screen());
    h.type_str("zs");
    assert_eq!(h.app.place().map(|e| e.title), Some("收发台帐"));
    assert_eq!(h.app.screens.len(), 2, "the count is left");
}

/// On a small terminal the groups flow into columns: every screen of the table is still shown.
#[test]
fn goto_menu_fits_60x20() {
    let (_d, mut h) = logged_in(60, 20);
    h.key(KeyCode::Char('g'));
    let s = h.screen();
    for (g, entries) in nav::shown() {
        assert!(
            s.contains(&format!("{} {}", g.letter, g.name)),
            "{}:\n{s}",
            g.name
        );
        for e in entries {
            assert!(
                s.contains(&format!("{} {}", e.letter, e.title)),
                "{}:\n{s}",
                e.title
            );
        }
    }
}
