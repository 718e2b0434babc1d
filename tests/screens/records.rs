//! Issue 10 on the screens: the ledgers declared once (media, computers, devices) listed, paged,
//! opened and acted on through screens built from their descriptions; refusals name their rule
//! and write nothing; acts that wait for approval go through the one queue.

use super::*;
use baomi::domain::approval::RequestKind;
use baomi::domain::ledgers::LedgerSpec;
use baomi::domain::rules::{computer, media};
use baomi::store::records::{self, AddForm};
use baomi::store::{Store, approvals};
use baomi::ui::harness::malformed_wide_cell;
use std::collections::BTreeMap;

fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

pub(super) fn add(s: &mut Store, spec: &'static LedgerSpec, values: &[(&str, &str)]) -> String {
    let form = AddForm {
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..AddForm::default()
    };
    s.change(&officer(), |c| records::add(c, spec, &form))
        .unwrap()
        .no
}

pub(super) fn act(
    s: &mut Store,
    spec: &'static LedgerSpec,
    no: &str,
    verb: &str,
    values: &[(&str, &str)],
) {
    let form = records::ActForm {
        verb: verb.into(),
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        on: today(),
        request: None,
    };
    s.change(&officer(), |c| records::act(c, spec, no, &form))
        .unwrap();
}

/// A ledger of media as an office keeps one: kinds, levels, Chinese models, keepers and holders
/// of two to four characters, one lost.
pub(super) fn media_office(s: &mut Store) {
    let rows: [(&str, &str, &str, &str, &str); 14] = [
        ("U盘", "机密", "SN7A20K01", "金士顿 DTSE9", "张伟"),
        (
            "移动硬盘",
            "秘密",
            "WX41D2208",
            "西部数据 My Passport",
            "欧阳志远",
        ),
        ("光盘", "秘密", "CD-0392", "威宝 档案级", "李娜"),
        ("U盘", "绝密", "SN7A20K02", "朗科 U903 加密型", "张伟"),
        ("存储卡", "秘密", "SD-88412", "闪迪 至尊高速", "司马相如"),
        ("U盘", "秘密", "SN7A20K03", "爱国者 U310", "王芳"),
        ("U盘", "非密", "SN-PUB-01", "联想 SX1", "陈晓东"),
        ("移动硬盘", "机密", "ST-5T-019", "希捷 睿品 5TB", "刘洋"),
        ("光盘", "机密", "CD-0393", "威宝 档案级", "李娜"),
        ("U盘", "秘密", "SN7A20K04", "金士顿 DTSE9", "诸葛明"),
        ("磁带", "秘密", "LTO-7-113", "惠普 LTO-7", "赵敏"),
        ("U盘", "秘密", "SN7A20K05", "华为 USB3.2", "孙丽"),
        ("录音笔", "秘密", "REC-2201", "索尼 ICD-TX660", "周杰"),
        ("U盘", "机密", "SN7A20K06", "金士顿 DTSE9", "上官婉儿"),
    ];
    for (kind, level, serial, model, keeper) in rows {
        add(
            s,
            &media::SPEC,
            &[
                ("kind", kind),
                ("level", level),
                ("serial", serial),
                ("model", model),
                ("keeper", keeper),
                ("dept", "办公室"),
            ],
        );
    }
    act(s, &media::SPEC, "U-001", "issue", &[("to", "陈晓东")]);
    act(s, &media::SPEC, "U-002", "issue", &[("to", "欧阳志远")]);
    act(s, &media::SPEC, "U-006", "lost", &[("time", "10:30")]);
}

fn office(w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let (dir, mut store) = demo();
    media_office(&mut store);
    let mut h = Harness::new(store, today(), w, h);
    h.login("liqiang", "Baomi@2026-li");
    (dir, h)
}

/// Every level cell of the list starts in the level column, whatever the width of the Chinese
/// before it; no wide character is split.
fn assert_aligned(h: &Harness) {
    assert_eq!(malformed_wide_cell(h.buffer()), None, "{}", h.screen());
    let header = h
        .screen()
        .lines()
        .position(|l| l.starts_with("保密编号"))
        .expect("the header row") as u16;
    let col = cell_of(h, header, "密级");
    let mut seen = 0;
    for y in header + 1..h.buffer().area.height - 2 {
        let cell = h.buffer()[(col, y)].symbol().to_string();
        if ["机", "秘", "绝", "非", "内"].contains(&cell.as_str()) {
            seen += 1;
        }
    }
    assert!(seen >= 10, "levels in their column:\n{}", h.screen());
}

#[test]
fn media_ledger_full_of_chinese_lines_up() {
    for (w, hgt, name) in [
        (80, 24, "media_ledger_80x24"),
        (120, 35, "media_ledger_120x35"),
    ] {
        let (_dir, mut h) = office(w, hgt);
        h.type_str("gzc");
        let s = h.screen();
        assert!(s.contains("s 状态:在管"), "{s}");
        // Held only: the lost U-006 is not in the 在管 view.
        assert!(s.contains("共 13 件") && !s.contains("U-006"), "{s}");
        assert_aligned(&h);
        snap(name, &s);
    }
}

#[test]
fn the_state_filter_shows_all_then_each_state() {
    let (_dir, mut h) = office(120, 35);
    h.type_str("gzc");
    h.key(KeyCode::Char('s'));
    assert!(h.screen().contains("共 14 件"), "{}", h.screen());
    h.key(KeyCode::Char('s'));
    h.key(KeyCode::Char('s'));
    let s = h.screen();
    assert!(s.contains("状态:已配发") && s.contains("共 2 件"), "{s}");
    assert!(s.contains("U-001") && !s.contains("U-003"), "{s}");
}

#[test]
fn a_record_page_and_the_add_form() {
    for (w, hgt) in [(80u16, 24u16), (120, 35)] {
        let (_dir, mut h) = office(w, hgt);
        h.type_str("gzc");
        h.enter();
        let s = h.screen();
        assert!(s.contains("U-001") && s.contains("持有人：陈晓东"), "{s}");
        // Issued: given back, not issued again (only the acts of its state are offered).
        assert!(s.contains("可办理：b 交回"), "{s}");
        assert!(!s.contains("i 配发") && !s.contains("r 上报保密局"), "{s}");
        // The history starts at its registration.
        assert!(s.contains("登记"), "{s}");
        assert_eq!(malformed_wide_cell(h.buffer()), None);
        snap(&format!("medium_page_{w}x{hgt}"), &s);
        h.esc();
        h.key(KeyCode::Char('a'));
        let s = h.screen();
        assert!(s.contains("登记介质") && s.contains("序列号"), "{s}");
        assert_eq!(malformed_wide_cell(h.buffer()), None);
        snap(&format!("medium_add_{w}x{hgt}"), &s);
    }
}

fn events(h: &Harness) -> i64 {
    h.session
        .store
        .conn()
        .query_row("SELECT count(*) FROM record_event", [], |r| r.get(0))
        .unwrap()
}

pub(super) fn record(
    h: &Harness,
    spec: &'static LedgerSpec,
    no: &str,
) -> baomi::domain::ledgers::Record {
    records::get(h.session.store.conn(), spec, no).unwrap()
}

/// The issue's story in the TUI, by keys: register a U盘 and a classified computer, file the
/// computer (R-CMP-2), issue the U盘 (R-MED-1), record its use (R-MED-2), be refused a 机密 use on
/// a 秘密 computer with R-CMP-3 named and nothing written, report the U盘 lost (R-MED-5) and
/// record the report to the bureau.
#[test]
fn the_issue_story_by_keys() {
    let (_dir, mut h) = logged_in(80, 24);
    // 计算机台帐: a 涉密 computer of level 秘密.
    h.type_str("gzj");
    assert!(h.screen().contains("没有在管的计算机"), "{}", h.screen());
    h.key(KeyCode::Char('a'));
    h.tab(); // 类别 stays 涉密
    h.type_str("秘密");
    h.tab();
    h.type_str("张伟");
    h.tab();
    h.type_str("办公室");
    h.tab();
    h.type_str("机要室");
    h.ctrl('s');
    assert!(h.screen().contains("已登记计算机 PC-001"), "{}", h.screen());
    h.enter();
    // R-CMP-2: a classified computer waits to be filed.
    assert!(
        h.screen().contains("PC-001  状态：待备案"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('f'));
    h.type_str("江保备〔2026〕12号");
    h.ctrl('s');
    assert!(h.screen().contains("PC-001 已备案"), "{}", h.screen());
    assert_eq!(
        record(&h, &computer::SPEC, "PC-001").get("filed_ref"),
        "江保备〔2026〕12号"
    );
    // 移动存储介质台帐: a 机密 U盘.
    h.type_str("gzc");
    h.key(KeyCode::Char('a'));
    h.tab(); // 类型 stays U盘
    h.type_str("机密");
    h.tab();
    h.type_str("SN7A20K99");
    h.tab();
    h.type_str("金士顿 DTSE9");
    h.tab();
    h.type_str("张伟");
    h.tab();
    h.type_str("办公室");
    h.ctrl('s');
    assert!(
        h.screen().contains("已登记介质 U-001（机密）"),
        "{}",
        h.screen()
    );
    h.enter();
    h.key(KeyCode::Char('i'));
    h.type_str("陈晓东");
    h.ctrl('s');
    assert!(
        h.screen().contains("U-001 已配发，持有人陈晓东"),
        "{}",
        h.screen()
    );
    // Its use on PC-001 with 秘密 information (R-MED-2).
    h.key(KeyCode::Char('u'));
    h.type_str("PC-001");
    h.tab();
    h.type_str("秘密");
    h.ctrl('s');
    assert!(h.screen().contains("U-001 已使用登记"), "{}", h.screen());
    assert!(
        h.screen().contains("计算机：PC-001；信息密级：秘密"),
        "{}",
        h.screen()
    );
    // 机密 information on the 秘密 computer: refused, R-CMP-3 named, nothing written.
    let before = (events(&h), fingerprint(&h.session.store));
    h.key(KeyCode::Char('u'));
    h.type_str("PC-001");
    h.tab();
    h.type_str("机密");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("违反 R-CMP-3"), "{s}");
    assert!(
        s.contains("!计算机"),
        "the refusal marks the computer it names: {s}"
    );
    assert_eq!((events(&h), fingerprint(&h.session.store)), before);
    h.esc();
    h.esc();
    // Lost (R-MED-5), then the report to the bureau.
    h.key(KeyCode::Char('x'));
    h.type_str("10:30");
    h.tab();
    h.type_str("出差途中遗失");
    h.ctrl('s');
    assert!(
        h.screen().contains("U-001 已报告遗失，当前遗失"),
        "{}",
        h.screen()
    );
    assert_eq!(
        record(&h, &media::SPEC, "U-001").get("lost_at"),
        "2026-11-27T10:30"
    );
    // The loss opened its incident (R-INC-2): its 24-hour item is the one on 待办 until the
    // report is recorded. Enter on it opens the incident's page.
    let inc = record(&h, &media::SPEC, "U-001")
        .get("incident")
        .to_string();
    assert!(!inc.is_empty());
    h.key(KeyCode::Char('1'));
    let s = h.screen();
    assert!(s.contains("泄密事件24小时内上报"), "{s}");
    assert!(!s.contains("R-MED-5"), "one item, not two: {s}");
    for _ in 0..30 {
        if selected_line(&h).contains(&inc) {
            break;
        }
        h.key(KeyCode::Down);
    }
    assert!(selected_line(&h).contains(&inc), "{}", h.screen());
    // Counted in hours: the day and the minute it is due, 24 hours after the loss at 10:30.
    assert!(
        selected_line(&h).contains("11月28日 10:30"),
        "{}",
        selected_line(&h)
    );
    h.enter();
    assert!(h.screen().contains("状态：待上报"), "{}", h.screen());
    h.key(KeyCode::Char('r'));
    h.type_str("11:00");
    h.tab();
    h.type_str("江保报〔2026〕3号");
    h.tab();
    h.type_str("江门市国家保密局");
    h.ctrl('s');
    assert!(h.screen().contains("已上报保密局"), "{}", h.screen());
    let u = record(&h, &media::SPEC, "U-001");
    assert_eq!(u.get("report_ref"), "江保报〔2026〕3号");
    assert_eq!(u.get("reported_on"), "2026-11-27");
    // The 24-hour item is gone; the follow-up within a week is next (R-INC-2).
    assert_eq!(
        record(&h, &baomi::domain::rules::incident::SPEC, &inc).state,
        "reported"
    );
    h.key(KeyCode::Char('1'));
    assert!(!h.screen().contains("10:30"), "{}", h.screen());
    // The use shows on the computer's page too (the use register reads on both).
    h.type_str("gzj");
    h.enter();
    assert!(
        h.screen().contains("介质：U-001；信息密级：秘密"),
        "{}",
        h.screen()
    );
}

// R-MED-4: taking a medium out waits for approval: the key files a request into the one queue
// and says so; once the leader approves, the same key carries it out with the approved values.
#[test]
fn an_act_that_waits_for_approval_goes_through_the_queue() {
    let (_dir, mut h) = office(80, 24);
    h.type_str("gzc");
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.enter();
    assert!(h.screen().contains("介质 U-003"), "{}", h.screen());
    h.key(KeyCode::Char('o'));
    assert!(h.screen().contains("申请携带外出：U-003"), "{}", h.screen());
    h.type_str("李娜");
    h.tab();
    h.type_str("广州市保密局");
    h.tab();
    h.type_str("2026-12-03");
    h.ctrl('s');
    let s = proving::flat(&h);
    assert!(s.contains("已提交") && s.contains("待"), "{s}");
    let q = approvals::list(h.session.store.conn(), &[])
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(q.kind, RequestKind::MediumTakeOut);
    assert!(
        h.screen().contains(&format!("待审批：申请{}", q.id)),
        "{}",
        h.screen()
    );
    // Pressed again while it waits: it says so, and files no second request.
    let filed = approvals::list(h.session.store.conn(), &[]).unwrap().len();
    h.key(KeyCode::Char('o'));
    assert!(
        proving::flat(&h).contains(&format!("携带外出申请 {} 已于", q.id)),
        "{}",
        h.screen()
    );
    assert_eq!(
        approvals::list(h.session.store.conn(), &[]).unwrap().len(),
        filed
    );
    h.session
        .store
        .change(&leader(), |c| {
            approvals::decide(c, q.id, true, "同意", None)
        })
        .unwrap();
    h.key(KeyCode::Char('o'));
    assert!(
        h.screen().contains(&format!("（申请{}）", q.id)),
        "{}",
        h.screen()
    );
    h.ctrl('s');
    assert!(h.screen().contains("U-003 已携带外出"), "{}", h.screen());
    let r = record(&h, &media::SPEC, "U-003");
    assert_eq!(r.state, "taken_out");
    assert_eq!(r.get("return_by"), "2026-12-03");
    // From the queue: 审批 shows the record's request, x opens its page with the form.
    let id = file_take_out(&mut h, "U-005");
    h.key(KeyCode::Char('3'));
    for _ in 0..10 {
        if selected_line(&h).contains("U-005") {
            break;
        }
        h.key(KeyCode::Down);
    }
    assert!(selected_line(&h).contains("U-005"), "{}", h.screen());
    h.enter();
    assert!(h.screen().contains("> 介质 U-005"), "{}", h.screen());
    h.esc();
    h.key(KeyCode::Char('x'));
    assert!(
        h.screen().contains(&format!("携带外出：U-005（申请{id}）")),
        "{}",
        h.screen()
    );
    h.ctrl('s');
    assert!(h.screen().contains("U-005 已携带外出"), "{}", h.screen());
    assert_eq!(record(&h, &media::SPEC, "U-005").state, "taken_out");
}

/// A take-out of `no` filed through the store and approved by the leader; its id.
fn file_take_out(h: &mut Harness, no: &str) -> i64 {
    let plan = baomi::domain::paper::Plan::MediumTakeOut(baomi::domain::paper::RecordPlan {
        ledger: "medium".into(),
        no: no.into(),
        act: "take-out".into(),
        values: [
            ("person", "李娜"),
            ("place", "广州市"),
            ("return_by", "2026-12-03"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
    });
    let q = h
        .session
        .store
        .change(&officer(), |c| approvals::file(c, plan))
        .unwrap();
    h.session
        .store
        .change(&leader(), |c| {
            approvals::decide(c, q.id, true, "同意", None)
        })
        .unwrap();
    q.id
}

// R-SYS-6: a leader reads the ledgers but is not offered the officer's acts.
#[test]
fn a_leader_reads_but_is_not_offered_the_acts() {
    let (_dir, mut store) = demo();
    media_office(&mut store);
    let mut h = Harness::new(store, today(), 80, 24);
    h.login("wangjianguo", "Lingdao@2026-wang");
    h.type_str("gzc");
    assert!(!h.screen().contains("a 登记"), "{}", h.screen());
    h.enter();
    let s = h.screen();
    assert!(s.contains("介质 U-001") && !s.contains("可办理"), "{s}");
    let before = events(&h);
    h.key(KeyCode::Char('b'));
    assert!(h.screen().contains("R-SYS-6"), "{}", h.screen());
    assert_eq!(events(&h), before);
}

#[test]
fn the_computer_ledger_has_its_class_views() {
    let (_dir, mut store) = demo();
    for (class, level) in [
        ("涉密", "秘密"),
        ("内部", "内部"),
        ("互联网", "非密"),
        ("涉密", "机密"),
    ] {
        add(
            &mut store,
            &computer::SPEC,
            &[
                ("class", class),
                ("level", level),
                ("keeper", "张伟"),
                ("dept", "办公室"),
            ],
        );
    }
    let mut h = Harness::new(store, today(), 80, 24);
    h.login("liqiang", "Baomi@2026-li");
    h.type_str("gzj");
    assert!(h.screen().contains("共 4 件"), "{}", h.screen());
    h.key(KeyCode::Char('c'));
    let s = h.screen();
    assert!(s.contains("类别:涉密") && s.contains("共 2 件"), "{s}");
    assert!(s.contains("PC-004") && !s.contains("PC-002"), "{s}");
    // Registered from the 涉密 view, a computer is 涉密.
    h.key(KeyCode::Char('a'));
    assert!(
        h.screen().contains(">类别") && h.screen().contains("* 涉密"),
        "{}",
        h.screen()
    );
    h.esc();
    h.key(KeyCode::Char('c'));
    let s = h.screen();
    assert!(
        s.contains("类别:内部") && s.contains("共 1 件") && s.contains("PC-002"),
        "{s}"
    );
    h.type_str("gzg");
    assert!(h.screen().contains("没有在管的设备"), "{}", h.screen());
    h.type_str("gcs");
    let s = h.screen();
    assert!(
        s.contains("场所 涉密机房") && s.contains("没有在管的机房"),
        "{s}"
    );
}

#[test]
fn search_opens_a_record_page() {
    let (_dir, mut h) = office(80, 24);
    h.key(KeyCode::Char('/'));
    h.type_str("U-005");
    let s = h.screen();
    assert!(s.contains("U-005") && s.contains("存储卡"), "{s}");
    h.enter();
    assert!(
        h.screen().contains("介质 U-005") && h.screen().contains("保管人：司马相如"),
        "{}",
        h.screen()
    );
}

/// A record page's act keys never collide with the keys every page keeps: `g` (go to), `/`, `?`,
/// `q`, or a digit.
#[test]
fn act_keys_leave_the_global_keys_alone() {
    for spec in baomi::domain::ledgers::spec::all() {
        for a in spec.acts {
            assert!(
                !"g/?q".contains(a.key) && !a.key.is_ascii_digit(),
                "{}: {} on {}",
                spec.key,
                a.verb,
                a.key
            );
        }
    }
}

// R-TRN-1, R-KEY-1: the sessions and the key sites are reached from their groups (g r p, g c y).
#[test]
fn training_and_sites_in_navigation() {
    let (_dir, mut h) = office(80, 24);
    h.type_str("grp");
    let s = h.screen();
    assert!(
        s.contains("人员 保密培训") && s.contains("没有在管的培训"),
        "{s}"
    );
    h.type_str("gcy");
    let s = h.screen();
    assert!(
        s.contains("场所 要害部门部位") && s.contains("没有在管的要害部门部位"),
        "{s}"
    );
}
