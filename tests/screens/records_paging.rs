//! Issue 10, the ledgers' lists at scale: pages read from the store by key (never by offset), and
//! a list that scrolls across its pages and keeps its row across a reload.

use super::records::{act, add};
use super::*;
use baomi::domain::rules::{device, media};
use baomi::store::records::page::{self, From};
use baomi::store::records::{self, Filter};

/// Pages read by key: every record once, in order, in either direction and through every filter.
#[test]
fn keyset_pages_read_every_record_once() {
    let (_dir, mut store) = demo();
    for i in 0..250 {
        let level = if i % 5 == 0 { "机密" } else { "秘密" };
        let serial = format!("SN{i:04}");
        add(
            &mut store,
            &media::SPEC,
            &[
                ("kind", "U盘"),
                ("level", level),
                ("serial", &serial),
                ("keeper", "张伟"),
                ("dept", "办公室"),
            ],
        );
    }
    for i in (0..250).step_by(7) {
        act(
            &mut store,
            &media::SPEC,
            &format!("U-{:03}", i + 1),
            "lost",
            &[],
        );
    }
    add(&mut store, &device::SPEC, &[("kind", "复印机")]);
    let conn = store.conn();
    let spec = &media::SPEC;
    for filter in [
        Filter::default(),
        Filter {
            held: true,
            ..Filter::default()
        },
        Filter {
            state: Some("lost".into()),
            ..Filter::default()
        },
        Filter {
            values: vec![("kind".into(), "U盘".into())],
            held: true,
            ..Filter::default()
        },
    ] {
        let mut all = Vec::new();
        records::for_each(conn, spec, &filter, |r| {
            all.push(r.id);
            Ok(true)
        })
        .unwrap();
        let mut paged = Vec::new();
        let mut from = From::First;
        loop {
            let p = page::page(conn, spec, &filter, from, 40).unwrap();
            let Some(last) = p.last() else { break };
            from = From::After(last.id);
            paged.extend(p.iter().map(|r| r.id));
        }
        assert_eq!(paged, all, "{filter:?}");
        assert_eq!(page::count(conn, spec, &filter).unwrap(), all.len() as i64);
        let back = page::page(conn, spec, &filter, From::Last, 30).unwrap();
        assert_eq!(
            back.iter().map(|r| r.id).collect::<Vec<_>>(),
            all[all.len().saturating_sub(30)..]
        );
        if all.len() > 60 {
            let before = page::page(conn, spec, &filter, From::Before(all[60]), 10).unwrap();
            assert_eq!(before.iter().map(|r| r.id).collect::<Vec<_>>(), all[50..60]);
            let at = page::page(conn, spec, &filter, From::At(all[60]), 3).unwrap();
            assert_eq!(at.iter().map(|r| r.id).collect::<Vec<_>>(), all[60..63]);
            assert_eq!(
                page::count_before(conn, spec, &filter, all[60]).unwrap(),
                60
            );
        }
    }
    assert_eq!(
        page::count(
            conn,
            spec,
            &Filter {
                state: Some("lost".into()),
                ..Filter::default()
            }
        )
        .unwrap(),
        36
    );
}

/// The list scrolls past a page boundary and back, and comes back from a record's page on the
/// row it left.
#[test]
fn the_list_pages_and_keeps_its_row() {
    let (_dir, mut store) = demo();
    for i in 0..230 {
        let serial = format!("SN{i:04}");
        add(
            &mut store,
            &media::SPEC,
            &[
                ("kind", "U盘"),
                ("level", "秘密"),
                ("serial", &serial),
                ("keeper", "张伟"),
                ("dept", "办公室"),
            ],
        );
    }
    let mut h = Harness::new(store, today(), 80, 24);
    h.login("liqiang", "Baomi@2026-li");
    h.type_str("gzc");
    assert!(h.screen().contains("共 230 件"), "{}", h.screen());
    // Past the first page of 100 read from the store, and back over it.
    for _ in 0..9 {
        h.key(KeyCode::PageDown);
    }
    let down = position(&h);
    assert!(down > 100, "{}", h.screen());
    let no = format!("U-{down:03}");
    assert!(h.screen().contains(&no), "{}", h.screen());
    for _ in 0..9 {
        h.key(KeyCode::PageUp);
    }
    assert_eq!(position(&h), 1, "{}", h.screen());
    h.key(KeyCode::End);
    assert!(h.screen().contains("第 230 条"), "{}", h.screen());
    h.key(KeyCode::Home);
    for _ in 0..120 {
        h.key(KeyCode::Down);
    }
    assert!(h.screen().contains("第 121 条"), "{}", h.screen());
    h.enter();
    assert!(h.screen().contains("介质 U-121"), "{}", h.screen());
    h.key(KeyCode::Char('i'));
    h.type_str("陈晓东");
    h.ctrl('s');
    h.esc();
    let s = h.screen();
    assert!(s.contains("第 121 条 / 共 230 件"), "{s}");
    let selected: String = s
        .lines()
        .find(|l| l.contains("U-121"))
        .unwrap_or("")
        .to_string();
    assert!(selected.contains("陈晓东"), "the kept row, read again: {s}");
    h.key(KeyCode::Up);
    assert!(h.screen().contains("第 120 条"), "{}", h.screen());
}

/// The `第 n 条` of the list's position line.
fn position(h: &Harness) -> usize {
    let s = h.screen();
    let at = s.find("第 ").expect("a position line") + "第 ".len();
    s[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("a number")
}
