//! R-PAP-10: cabinets are registered, a paper's location is one of them, 绝密 apart from the rest,
//! the ledger's old free-text locations taken over as cabinets, and a paper out for the day that
//! is not back by the end of it is overdue the next morning.

mod common;

use baomi::domain::cabinet::CabinetForm;
use baomi::domain::carrier::EventKind;
use baomi::domain::dates::ymd;
use baomi::domain::paper::{LoanPlan, MakePlan, Plan, ReceiveForm};
use baomi::domain::rules::paper::Act;
use baomi::store::papers::{self};
use baomi::store::{Store, StoreError, approvals, cabinets};
use common::*;
use serde_json::Value;

fn receive(s: &mut Store, level: &str, location: &str) -> Result<String, StoreError> {
    let f = ReceiveForm {
        title: "关于做好保密检查工作的通知".into(),
        originator: "市委办公室".into(),
        level: level.into(),
        scope: "张三、办公室".into(),
        date: "2026-11-20".into(),
        location: location.into(),
        ..ReceiveForm::default()
    };
    let r = f.parse(today()).unwrap();
    s.change(&officer(), |c| papers::receive(c, &r, "{年}-收-{序号:04}"))
        .map(|p| p.no)
}

fn due_rules(s: &Store, as_of: chrono::NaiveDate) -> Vec<(String, String)> {
    let settings = baomi::store::settings::load(s.conn()).unwrap();
    baomi::store::due::items(s.conn(), as_of, &settings, 30)
        .unwrap()
        .into_iter()
        .filter(|d| d.state == baomi::domain::due::DueState::Overdue)
        .map(|d| (d.rule.to_string(), d.subject))
        .collect()
}

// R-PAP-10: 绝密 only in the 绝密 cabinet, and nothing else there.
#[test]
fn r_pap_10_top_secret_apart_from_the_rest() {
    let (_d, mut s) = demo();
    let before = fingerprint(&s);
    let r = receive(&mut s, "绝密", "1号保密柜");
    let msg = refused_by(r, &s, &before, "R-PAP-10");
    assert!(msg.contains("绝密专用"), "{msg}");
    let r = receive(&mut s, "机密", "绝密柜");
    refused_by(r, &s, &before, "R-PAP-10");
    let no = receive(&mut s, "绝密", "绝密柜").unwrap();
    assert_eq!(papers::get(s.conn(), &no).unwrap().location, "绝密柜");
    // Not naming one: the first cabinet that fits the level.
    let no = receive(&mut s, "绝密", "").unwrap();
    assert_eq!(papers::get(s.conn(), &no).unwrap().location, "绝密柜");
    let no = receive(&mut s, "秘密", "").unwrap();
    assert_eq!(papers::get(s.conn(), &no).unwrap().location, "1号保密柜");
}

// R-PAP-10: an unknown location is refused, naming the registered cabinets; a location typed in
// full width is the same cabinet.
#[test]
fn r_pap_10_unknown_location_names_the_registered() {
    let (_d, mut s) = demo();
    let before = fingerprint(&s);
    let r = receive(&mut s, "机密", "9号柜");
    let msg = refused_by(r, &s, &before, "R-PAP-10");
    assert!(
        msg.contains("1号保密柜") && msg.contains("5号保密柜"),
        "{msg}"
    );
    assert!(
        !msg.contains("绝密柜"),
        "only those that would take it: {msg}"
    );
    let no = receive(&mut s, "机密", "２号保密柜").unwrap();
    assert_eq!(papers::get(s.conn(), &no).unwrap().location, "2号保密柜");
}

// R-PAP-10: an ordinary cabinet holds 内部 and 非密 papers, never a state secret; a 绝密 cabinet
// is a certified one.
#[test]
fn r_pap_10_ordinary_cabinets_hold_no_state_secret() {
    let (_d, mut s) = demo();
    s.change(&officer(), |c| {
        cabinets::add(
            c,
            &CabinetForm {
                no: "资料柜".into(),
                room: "办公室".into(),
                ..CabinetForm::default()
            },
        )
    })
    .unwrap();
    let before = fingerprint(&s);
    let r = receive(&mut s, "秘密", "资料柜");
    refused_by(r, &s, &before, "R-PAP-10");
    receive(&mut s, "内部", "资料柜").unwrap();
    let r = s.change(&officer(), |c| {
        cabinets::add(
            c,
            &CabinetForm {
                no: "新绝密柜".into(),
                top_secret: true,
                ..CabinetForm::default()
            },
        )
    });
    assert!(matches!(r, Err(StoreError::Refused(ref x)) if x.rule_id() == Some("R-PAP-10")));
}

// R-PAP-10: a cabinet's register entry cannot change so that what it holds breaks the rule.
#[test]
fn r_pap_10_changing_a_cabinet_keeps_its_papers_allowed() {
    let (_d, mut s) = demo();
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| {
        cabinets::set(
            c,
            "1号保密柜",
            &cabinets::CabinetChange {
                top_secret: Some(true),
                ..Default::default()
            },
        )
    });
    refused_by(r, &s, &before, "R-PAP-10");
    let r = s.change(&officer(), |c| {
        cabinets::set(
            c,
            "1号保密柜",
            &cabinets::CabinetChange {
                certified: Some(false),
                ..Default::default()
            },
        )
    });
    refused_by(r, &s, &before, "R-PAP-10");
    let c = s
        .change(&officer(), |c| {
            cabinets::set(
                c,
                "1号保密柜",
                &cabinets::CabinetChange {
                    room: Some("保密室东墙".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(c.room, "保密室东墙");
}

// R-PAP-10: making and putting back name a registered cabinet; a copy goes where its original is.
#[test]
fn r_pap_10_make_and_back_put_it_in_a_cabinet() {
    let (_d, mut s) = demo();
    let id = s
        .change(&officer(), |c| {
            approvals::file(
                c,
                Plan::Make(MakePlan {
                    title: "纪要".into(),
                    level: "机密".into(),
                    scope: vec!["办公室".into()],
                    copies: 1,
                    ..MakePlan::default()
                }),
            )
        })
        .unwrap()
        .id;
    s.change(&leader(), |c| approvals::decide(c, id, true, "同意", None))
        .unwrap();
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| {
        papers::make(c, id, 1, today(), "9号柜", "", "{年}-制-{序号:04}")
    });
    refused_by(r, &s, &before, "R-PAP-10");
    let made = s
        .change(&officer(), |c| {
            papers::make(c, id, 1, today(), "4号保密柜", "", "{年}-制-{序号:04}")
        })
        .unwrap();
    assert_eq!(made.location, "4号保密柜");
    let out = Act {
        on: today(),
        person: "张三".into(),
        unit: "办公室".into(),
        ..Act::default()
    };
    act(&mut s, &made.no, EventKind::Circulate, out, None).unwrap();
    let before = fingerprint(&s);
    let back = |place: &str| Act {
        on: today(),
        place: place.into(),
        ..Act::default()
    };
    let r = act(
        &mut s,
        &made.no,
        EventKind::CirculateBack,
        back("绝密柜"),
        None,
    );
    refused_by(r, &s, &before, "R-PAP-10");
    let p = act(
        &mut s,
        &made.no,
        EventKind::CirculateBack,
        back("5号保密柜"),
        None,
    )
    .unwrap();
    assert_eq!(p.location, "5号保密柜");
    // The derived location agrees with the events (audit verify replays them).
    let v = baomi::store::audit::verify(s.conn(), s.path()).unwrap();
    assert!(v.is_ok(), "{v:?}");
}

// R-PAP-10: circulated today and not back: nothing today, overdue from the next morning; back in
// the cabinet, it leaves the list.
#[test]
fn r_pap_10_not_back_by_the_end_of_the_day_is_overdue_next_morning() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "机密", "1号保密柜").unwrap();
    let out = Act {
        on: today(),
        person: "张三".into(),
        ..Act::default()
    };
    act(&mut s, &no, EventKind::Circulate, out, None).unwrap();
    let mine = |v: Vec<(String, String)>| {
        v.into_iter()
            .filter(|(_, subject)| *subject == no)
            .map(|(rule, _)| rule)
            .collect::<Vec<_>>()
    };
    assert!(mine(due_rules(&s, today())).is_empty());
    // Friday the 27th; Saturday and Monday mornings it is overdue.
    assert_eq!(mine(due_rules(&s, ymd(2026, 11, 28))), ["R-PAP-10"]);
    assert_eq!(mine(due_rules(&s, ymd(2026, 11, 30))), ["R-PAP-10"]);
    let back = Act {
        on: today(),
        ..Act::default()
    };
    act(&mut s, &no, EventKind::CirculateBack, back, None).unwrap();
    assert!(mine(due_rules(&s, ymd(2026, 11, 30))).is_empty());
}

// R-PAP-10 with R-PAP-9: a paper lent for the day (back the day it was lent) and not back is
// overdue the next morning.
#[test]
fn r_pap_10_a_loan_for_the_day_is_overdue_next_morning() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "机密", "1号保密柜").unwrap();
    let id = s
        .change(&officer(), |c| {
            approvals::file(
                c,
                Plan::Loan(LoanPlan {
                    paper: no.clone(),
                    borrower: "张三".into(),
                    return_by: today(),
                    purpose: String::new(),
                }),
            )
        })
        .unwrap()
        .id;
    s.change(&leader(), |c| approvals::decide(c, id, true, "同意", None))
        .unwrap();
    let lent = Act {
        on: today(),
        ..Act::default()
    };
    act(&mut s, &no, EventKind::Loan, lent, Some(id)).unwrap();
    let overdue = |as_of| {
        due_rules(&s, as_of)
            .into_iter()
            .filter(|(_, subject)| *subject == no)
            .count()
    };
    assert_eq!(overdue(today()), 0);
    assert_eq!(overdue(ymd(2026, 11, 28)), 1);
}

// ---- the command line and the old ledger's locations ----

fn cabinet<'a>(list: &'a Value, no: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|c| c["no"] == no)
        .unwrap_or_else(|| panic!("{no} not in {list}"))
}

// R-PAP-10: the register from the command line: add, confirm, list, print as CSV, in Chinese.
#[test]
fn r_pap_10_cabinet_register_from_the_command_line() {
    let db = Db::demo();
    let help = db.stdout(&["cabinet", "--help"]);
    assert!(
        help.contains("登记保密柜") && help.contains("用法"),
        "{help}"
    );
    db.stdout(&["cabinet", "add", "6号保密柜", "--room", "档案室"]);
    let (code, err) = db.fails(&["cabinet", "add", "6号保密柜"]);
    assert_eq!(code, 1, "{err}");
    let (code, err) = db.fails(&[
        "paper",
        "receive",
        "--title",
        "t",
        "--from",
        "市委办",
        "--level",
        "机密",
        "--location",
        "7号柜",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("R-PAP-10") && err.contains("6号保密柜"),
        "{err}"
    );
    let list = db.json(&["cabinet", "list", "--format", "json"]);
    let six = cabinet(&list, "6号保密柜");
    assert_eq!(
        (six["certified"].clone(), six["held"].clone()),
        (Value::Bool(true), Value::from(0))
    );
    assert_eq!(cabinet(&list, "绝密柜")["top_secret"], true);
    let csv = db.stdout(&["cabinet", "list", "--format", "csv"]);
    assert!(csv.contains("\"编号\",\"所在房间\",\"类别\""), "{csv}");
    assert!(csv.contains("\"6号保密柜\",\"档案室\",\"保密柜\""), "{csv}");
    let (code, err) = db.fails(&["cabinet", "set", "6号保密柜", "--certified", "也许"]);
    assert_eq!(code, 2, "{err}");
    db.stdout(&["cabinet", "set", "6号保密柜", "--top-secret", "是"]);
    assert_eq!(
        db.json(&["cabinet", "show", "6号保密柜", "--format", "json"])["top_secret"],
        true
    );
    assert!(db.stdout(&["audit", "verify"]).contains("审计日志完整"));
}

// R-PAP-10: the old ledger's free-text locations are cabinets (not yet confirmed; for 绝密 where
// they hold 绝密), nothing existing breaks, and naming one takes it over with an audit row.
#[test]
fn r_pap_10_old_locations_become_cabinets() {
    let db = Db::demo();
    let file = db.dir.path().join("old.csv");
    std::fs::write(
        &file,
        "收文编号,收文日期,来文单位,文号,标题,密级,保密期限,份数,份号,清退期限,状态,存放位置,持有人\n\
         2025-收-9001,2025-03-01,市委办,,旧台帐一,秘密,,1,,,在册,东屋铁皮柜,李强\n\
         2025-收-9002,2025-03-02,市委办,,旧台帐二,绝密,,1,,,在册,老绝密柜,李强\n",
    )
    .unwrap();
    db.stdout(&["import", "papers", file.to_str().unwrap()]);
    let list = db.json(&["cabinet", "list", "--format", "json"]);
    let old = cabinet(&list, "东屋铁皮柜");
    assert_eq!(old["certified"], Value::Null);
    assert_eq!(old["top_secret"], false);
    assert_eq!(old["registered_on"], Value::Null);
    assert_eq!(cabinet(&list, "老绝密柜")["top_secret"], true);
    assert!(db.stdout(&["cabinet", "list"]).contains("待确认"));
    // A new paper into the old cabinet: accepted, and the cabinet is now a registered row.
    db.stdout(&[
        "paper",
        "receive",
        "--title",
        "新件",
        "--from",
        "市委办",
        "--level",
        "秘密",
        "--location",
        "东屋铁皮柜",
    ]);
    let list = db.json(&["cabinet", "list", "--format", "json"]);
    assert_eq!(cabinet(&list, "东屋铁皮柜")["registered_on"], "2026-11-27");
    let (code, err) = db.fails(&[
        "paper",
        "receive",
        "--title",
        "新件",
        "--from",
        "市委办",
        "--level",
        "绝密",
        "--location",
        "东屋铁皮柜",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("R-PAP-10"), "{err}");
    // Confirmed by the officer.
    db.stdout(&[
        "cabinet",
        "set",
        "老绝密柜",
        "--certified",
        "是",
        "--room",
        "保密室",
    ]);
    assert!(db.stdout(&["audit", "verify"]).contains("审计日志完整"));
}
