//! Issue 9 points 8, 10, 11, 21 on the screens: the cabinet register and the cabinets every
//! location field offers (R-PAP-10), receipt mismatches (R-PAP-4), secrecy notebooks (R-PAP-26)
//! and the fields an import left 待补 (R-PAP-3), each done the way the officer types.

use super::proving::{flat, open};
use super::*;
use baomi::domain::carrier::PaperState;
use baomi::domain::numbering::Series;
use baomi::domain::paper::ReceiveForm;
use baomi::store::{cabinets, gaps, import, mismatches, papers};

/// A snapshot kept with the others in tests/snapshots.
fn snap(name: &str, screen: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(name, screen);
    });
}

/// The receive form open, with a title and the sender filled in; the focus on 文号.
fn receipt_begun(h: &mut Harness) {
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('n'));
    h.type_str("关于年度保密检查的通知");
    h.tab();
    h.type_str("市保密局");
    h.tab();
}

/// Rows of an old ledger imported as the CLI imports them: (number, originator, level, location).
/// An originator 待补 opens a gap (R-PAP-3); a location no cabinet has is an old-ledger cabinet.
fn import_old(h: &mut Harness, rows: &[(&str, &str, &str, &str)]) {
    let rows: Vec<import::ImportRow> = rows
        .iter()
        .enumerate()
        .map(|(i, (no, from, level, location))| import::ImportRow {
            line: i + 2,
            receipt: ReceiveForm {
                no: (*no).into(),
                date: "2025-03-01".into(),
                originator: (*from).into(),
                title: format!("旧台帐{}", i + 1),
                level: (*level).into(),
                copies: "1".into(),
                location: (*location).into(),
                holder: "李强".into(),
                ..ReceiveForm::default()
            }
            .parse(today())
            .unwrap(),
            state: PaperState::InStock,
        })
        .collect();
    let store = &mut h.session.store;
    let format = baomi::store::settings::load(store.conn())
        .unwrap()
        .format(Series::Receipt)
        .to_string();
    store
        .change(&officer(), |c| {
            import::papers(c, &rows, vec![], &format, "old.csv")
        })
        .unwrap();
}

/// On a list screen, moves the selection to the row that says `text`.
fn select(h: &mut Harness, text: &str) {
    for _ in 0..80 {
        if selected_line(h).contains(text) {
            return;
        }
        h.key(KeyCode::Down);
    }
    panic!("{text} not on the list:\n{}", h.screen());
}

// R-PAP-10: the cabinet register, reached through the navigation (g z b): number, room, certified or
// not, 绝密 or not, how many papers each holds; an old ledger's location is listed 待确认 and
// confirmed with Enter; a new cabinet is registered with n.
#[test]
fn r_pap_10_cabinet_register_lists_adds_and_confirms() {
    let (_d, mut h) = logged_in(80, 24);
    import_old(&mut h, &[("2025-收-9001", "市委办", "秘密", "东屋铁皮柜")]);
    h.type_str("gzb");
    snap("cabinets_80x24", &h.screen());
    let s = h.screen();
    let top = s
        .lines()
        .find(|l| l.starts_with("绝密柜"))
        .unwrap_or_else(|| panic!("{s}"));
    for cell in ["保密室", "保密柜", "绝密专用", " 4 ", "双人双锁"] {
        assert!(top.contains(cell), "{cell}: {top}");
    }
    assert!(s.contains("东屋铁皮柜"), "{s}");
    assert!(s.contains("待确认"), "{s}");

    // A new cabinet.
    h.key(KeyCode::Char('n'));
    h.type_str("6号保密柜");
    h.tab();
    h.type_str("档案室");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("已登记 6号保密柜（保密柜，绝密以外）"), "{s}");
    assert!(
        s.lines()
            .any(|l| l.starts_with("6号保密柜") && l.contains("档案室")),
        "{s}"
    );

    // The old location confirmed as a certified cabinet in the secrecy room.
    select(&mut h, "东屋铁皮柜");
    h.enter();
    let s = h.screen();
    assert!(s.contains("修改保密柜：东屋铁皮柜"), "{s}");
    assert!(s.contains("原台帐的存放位置"), "{s}");
    h.type_str("保密室");
    h.tab();
    h.key(KeyCode::Right);
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("东屋铁皮柜：保密柜，绝密以外"), "{s}");
    let c = cabinets::get(h.session.store.conn(), "东屋铁皮柜").unwrap();
    assert_eq!((c.certified, c.room.as_str()), (Some(true), "保密室"));
    assert!(c.id != 0, "confirmed: now a row of the register");

    // 绝密专用 for a cabinet holding a 秘密 paper: the store's refusal, read whole.
    select(&mut h, "东屋铁皮柜");
    h.enter();
    h.tab();
    h.tab();
    h.key(KeyCode::Right);
    h.ctrl('s');
    let f = flat(&h);
    assert!(
        f.contains("违反 R-PAP-10：该柜现存秘密件，不能这样修改：「东屋铁皮柜」是绝密专用柜，绝密件与其他密件分开存放，不能放入秘密件"),
        "{f}"
    );
}

// R-PAP-10: the receive form's location offers the registered cabinets that fit the level chosen
// (绝密 only the 绝密 cabinet); a cabinet typed that is not registered is refused whole.
#[test]
fn r_pap_10_receive_form_offers_the_cabinets_that_fit() {
    let (_d, mut h) = logged_in(80, 24);
    receipt_begun(&mut h);
    h.tab();
    let s = h.screen();
    assert!(s.contains("存放位置    1号保密柜"), "{s}");
    // 秘密 → 机密 → 绝密: the location follows.
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    let s = h.screen();
    assert!(s.contains("密级        绝密"), "{s}");
    assert!(s.contains("存放位置    绝密柜"), "{s}");
    for _ in 0..7 {
        h.tab();
    }
    assert!(
        h.screen()
            .contains("←→ 选择可存放绝密件的保密柜（共1个），也可输入编号（R-PAP-10）"),
        "{}",
        h.screen()
    );
    // An ordinary cabinet for 绝密, typed: refused with the cabinets that would do.
    for _ in 0..3 {
        h.key(KeyCode::Backspace);
    }
    h.type_str("1号保密柜");
    h.ctrl('s');
    snap("receive_refused_cabinet_80x24", &h.screen());
    let f = flat(&h);
    assert!(
        f.contains("违反 R-PAP-10：绝密件须单独存放在绝密专用保密柜，「1号保密柜」不是绝密专用柜"),
        "{f}"
    );
    // Right brings the list back.
    h.key(KeyCode::Right);
    h.ctrl('s');
    let s = h.screen();
    assert!(
        s.contains("已登记，收文编号 2026-收-0042（绝密★30年），存放于绝密柜"),
        "{s}"
    );
}

// R-PAP-10: back from a loan the paper goes into a registered cabinet, the one it came from
// offered first; one the level may not go into is refused whole.
#[test]
fn r_pap_10_back_from_loan_into_a_cabinet() {
    let (_d, mut h) = logged_in(80, 24);
    let mut found = None;
    papers::all(
        h.session.store.conn(),
        &papers::Filter {
            states: vec![PaperState::OnLoan],
            ..papers::Filter::held()
        },
        |p| {
            if found.is_none() && p.level == baomi::domain::level::Level::Confidential {
                found = Some(p);
            }
            Ok(())
        },
    )
    .unwrap();
    let no = found.expect("a 秘密 paper on loan in the demo");
    open(&mut h, &no.no);
    h.key(KeyCode::Char('b'));
    let s = h.screen();
    assert!(
        s.contains(&format!("放回保密柜  {}", no.location)),
        "the cabinet it came from: {s}"
    );
    h.tab();
    for _ in 0..5 {
        h.key(KeyCode::Backspace);
    }
    h.type_str("绝密柜");
    h.ctrl('s');
    let f = flat(&h);
    assert!(
        f.contains("「绝密柜」是绝密专用柜，绝密件与其他密件分开存放"),
        "{f}"
    );
    h.key(KeyCode::Right);
    h.ctrl('s');
    let p = papers::get(h.session.store.conn(), &no.no).unwrap();
    assert_eq!(p.state, PaperState::InStock);
    assert!(p.location.ends_with("号保密柜"), "{}", p.location);
}

// R-PAP-4: a disagreement found at receipt is recorded in the same change as the receipt; the
// paper's page shows it open until the officer records what the sender said; one found later is
// recorded from the page; Enter on the due list's 与发文单位核对 item lands on the paper.
#[test]
fn r_pap_4_receipt_mismatch_recorded_shown_and_settled() {
    let (_d, mut h) = logged_in(80, 24);
    receipt_begun(&mut h);
    // 文号 … 签收人, 承办部门, then 核对不符.
    for _ in 0..11 {
        h.tab();
    }
    assert!(h.screen().contains(">核对不符"), "{}", h.screen());
    h.type_str("信封标3份，实收2份");
    h.ctrl('s');
    let s = h.screen();
    assert!(s.contains("收文不符已列入待办"), "{s}");
    let open_ones = mismatches::list(h.session.store.conn(), true).unwrap();
    assert_eq!(open_ones.len(), 1);
    assert_eq!(
        (open_ones[0].no.as_str(), open_ones[0].note.as_str()),
        ("2026-收-0042", "信封标3份，实收2份")
    );

    // The due list: 与发文单位核对, and Enter lands on the paper.
    h.key(KeyCode::Char('1'));
    assert!(
        h.screen().contains("收文不符，与发文单位核对（R-PAP-4）"),
        "{}",
        h.screen()
    );
    select(&mut h, "2026-收-0042");
    h.enter();
    let s = h.screen();
    assert!(s.contains("密件 2026-收-0042"), "{s}");
    snap("paper_mismatch_80x24", &s);
    let f = flat(&h);
    assert!(
        f.contains("收文不符（R-PAP-4）记录1 2026-11-27：信封标3份，实收2份；待与市保密局核对"),
        "{f}"
    );

    // Settled with the sender: it leaves the due list.
    h.key(KeyCode::Char('j'));
    h.tab();
    h.type_str("来电确认只发2份，已更正");
    h.ctrl('s');
    let f = flat(&h);
    assert!(f.contains("已核对，移出待办"), "{f}");
    assert!(
        f.contains("2026年11月27日已核对：来电确认只发2份，已更正"),
        "{f}"
    );
    assert!(
        mismatches::list(h.session.store.conn(), true)
            .unwrap()
            .is_empty()
    );

    // One found later, recorded from the page.
    h.key(KeyCode::Char('m'));
    h.type_str("份号与清单不符");
    h.ctrl('s');
    let f = flat(&h);
    assert!(
        f.contains("已登记收文不符（记录号 2），列入待办：与市保密局核对"),
        "{f}"
    );
    assert!(f.contains("份号与清单不符；待与市保密局核对"), "{f}");
}

// R-PAP-26: a notebook issued from the ledger (b) is 在用 in the ledger and on its page, not
// 借出; handed in with its cabinet and 留存 or 销毁 (b on its page: 交回, not 收回).
#[test]
fn r_pap_26_notebook_issued_in_use_and_handed_in() {
    let (_d, mut h) = logged_in(80, 24);
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('b'));
    assert!(h.screen().contains("发放保密笔记本"), "{}", h.screen());
    h.type_str("黄敏");
    h.tab();
    h.key(KeyCode::Right);
    h.ctrl('s');
    let s = h.screen();
    assert!(
        s.contains("已发放保密笔记本 2026-笔-0001（机密★20年）给黄敏，在用"),
        "{s}"
    );
    let row = s
        .lines()
        .find(|l| l.contains("2026-笔-0001"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(row.contains("在用") && !row.contains("借出"), "{row}");

    h.enter();
    let s = h.screen();
    assert!(s.contains("状态：在用  领用人：黄敏"), "{s}");
    assert!(s.contains("b 交回") && !s.contains("b 收回"), "{s}");
    h.key(KeyCode::Char('b'));
    snap("notebook_hand_in_80x24", &h.screen());
    assert!(
        h.screen().contains("存放保密柜  1号保密柜"),
        "{}",
        h.screen()
    );
    h.tab();
    h.key(KeyCode::Right);
    h.ctrl('s');
    let s = h.screen();
    assert!(
        s.contains("2026-笔-0001 已交回，存放于1号保密柜，待销毁"),
        "{s}"
    );
    assert!(s.contains("状态：已交回"), "{s}");
    let p = papers::get(h.session.store.conn(), "2026-笔-0001").unwrap();
    assert_eq!(
        (p.state, p.location.as_str()),
        (PaperState::InStock, "1号保密柜")
    );
}

// R-PAP-3: a paper imported with 来文单位 待补 shows it on its page; the due list's 待补登记 item
// leads there, and g completes it.
#[test]
fn r_pap_3_gap_shown_and_completed_from_the_due_list() {
    let (_d, mut h) = logged_in(80, 24);
    import_old(&mut h, &[("2025-收-9001", "待补", "秘密", "1号保密柜")]);
    h.key(KeyCode::Char('1'));
    h.key(KeyCode::Char('r'));
    select(&mut h, "缺来文单位");
    assert!(h.screen().contains("待补登记（R-PAP-3）"), "{}", h.screen());
    h.enter();
    let s = h.screen();
    assert!(s.contains("密件 2025-收-9001"), "{s}");
    assert!(s.contains("来文单位：待补"), "{s}");
    snap("paper_gap_80x24", &s);
    assert!(flat(&h).contains("待补登记：来文单位（导入时缺，按 u 补登，R-PAP-3）"));
    h.key(KeyCode::Char('u'));
    assert!(h.screen().contains("补登：2025-收-9001"), "{}", h.screen());
    h.ctrl('s');
    assert!(h.screen().contains("来文单位：不能为空"), "{}", h.screen());
    h.type_str("市委办公室");
    h.ctrl('s');
    let s = h.screen();
    assert!(
        s.contains("已补登 2025-收-9001：来文单位 市委办公室"),
        "{s}"
    );
    assert!(s.contains("来文单位：市委办公室"), "{s}");
    assert!(!s.contains("待补登记"), "{s}");
    let p = papers::get(h.session.store.conn(), "2025-收-9001").unwrap();
    assert!(
        gaps::open_fields(h.session.store.conn(), p.id)
            .unwrap()
            .is_empty()
    );
}

/// Files `plan` as the officer and has the leader approve it.
fn approved(h: &mut Harness, plan: baomi::domain::paper::Plan) {
    use baomi::store::approvals;
    let store = &mut h.session.store;
    let r = store
        .change(&officer(), |c| approvals::file(c, plan))
        .unwrap();
    store
        .change(&leader(), |c| {
            approvals::decide(c, r.id, true, "同意", None)
        })
        .unwrap();
}

// R-PAP-10: making a 绝密 paper offers only the 绝密 cabinet; a copy is offered the cabinets its
// level fits, the original's first, and is registered there.
#[test]
fn r_pap_10_make_and_copy_offer_the_cabinets_that_fit() {
    use baomi::domain::paper::{CopyPlan, MakePlan, Plan};
    let (_d, mut h) = logged_in(80, 24);
    approved(
        &mut h,
        Plan::Make(MakePlan {
            title: "绝密工作方案".into(),
            level: "绝密".into(),
            scope: vec!["办公室".into()],
            copies: 1,
            ..MakePlan::default()
        }),
    );
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Char('m'));
    let s = h.screen();
    assert!(s.contains("制作登记"), "{s}");
    assert!(s.contains("存放位置      绝密柜"), "{s}");

    h.esc();
    let mut original = None;
    papers::all(h.session.store.conn(), &papers::Filter::held(), |p| {
        if original.is_none()
            && p.state == PaperState::InStock
            && p.level == baomi::domain::level::Level::Confidential
            && p.location == "3号保密柜"
        {
            original = Some(p);
        }
        Ok(())
    })
    .unwrap();
    let original = original.expect("a 秘密 paper in 3号保密柜");
    approved(
        &mut h,
        Plan::Copy(CopyPlan {
            paper: original.no.clone(),
            copies: 1,
            purpose: "学习".into(),
            external_ref: String::new(),
        }),
    );
    open(&mut h, &original.no);
    h.key(KeyCode::Char('y'));
    let s = h.screen();
    assert!(s.contains("办理复印"), "{s}");
    assert!(s.contains("存放位置        3号保密柜"), "{s}");
    h.ctrl('s');
    let s = h.screen();
    let copy = s
        .split("复印件已登记为 ")
        .nth(1)
        .and_then(|r| r.split('（').next())
        .unwrap_or_else(|| panic!("{s}"))
        .to_string();
    let p = papers::get(h.session.store.conn(), &copy).unwrap();
    assert_eq!(p.location, "3号保密柜");
}

// R-PAP-10: carrying out a compilation offers the cabinets its level fits: the sources' highest
// (绝密 here: only the 绝密 cabinet), following a level typed.
#[test]
fn r_pap_10_compile_offers_the_cabinets_of_its_level() {
    use baomi::domain::approval::PaperApproval;
    use baomi::domain::paper::{CompilePlan, Plan};
    use baomi::store::approvals;
    let (_d, mut h) = logged_in(80, 24);
    let store = &mut h.session.store;
    let r = store
        .change(&officer(), |c| {
            approvals::file(
                c,
                Plan::Compile(CompilePlan {
                    papers: vec!["2026-收-0041".into(), "2026-收-0039".into()],
                    title: "汇编".into(),
                    external_ref: "江保函〔2026〕9号".into(),
                    scope: vec![],
                }),
            )
        })
        .unwrap();
    store
        .change(&officer(), |c| {
            approvals::decide(
                c,
                r.id,
                true,
                "",
                Some(&PaperApproval {
                    approver: "市保密局".into(),
                    date: today(),
                    form_ref: "江保函〔2026〕9号".into(),
                }),
            )
        })
        .unwrap();
    let highest = ["2026-收-0041", "2026-收-0039"]
        .iter()
        .map(|no| papers::get(h.session.store.conn(), no).unwrap().level)
        .max()
        .unwrap();
    let expected = cabinets::all(h.session.store.conn())
        .unwrap()
        .into_iter()
        .find(|c| baomi::domain::cabinet::check_store(highest, c).is_ok())
        .unwrap()
        .no;
    h.key(KeyCode::Char('3'));
    select(&mut h, "汇编");
    h.key(KeyCode::Char('x'));
    let s = h.screen();
    assert!(s.contains("办理汇编"), "{s}");
    assert!(s.contains(&format!("存放位置        {expected}")), "{s}");
    // 绝密 typed: the 绝密 cabinet.
    h.type_str("绝密");
    assert!(
        h.screen().contains("存放位置        绝密柜"),
        "{}",
        h.screen()
    );
}
