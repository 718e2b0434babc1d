//! The paper duties of issue 9 points 8 and 11: receipt checks recorded and settled (R-PAP-4),
//! secrecy notebooks (R-PAP-26), papers abroad (R-PAP-27) and to foreign-affairs activities
//! (R-PAP-28), making at a licensed outside printer (R-PAP-29).

mod common;

use baomi::domain::carrier::{EventKind, PaperState};
use baomi::domain::dates::ymd;
use baomi::domain::level::Level;
use baomi::domain::paper::{DestroyPlan, MakePlan, Plan, ReceiveForm, TakeOutPlan};
use baomi::domain::rules::paper::{Act, check_take_out_plan};
use baomi::store::papers::{self};
use baomi::store::stocktake::{self, StocktakeKind};
use baomi::store::{Store, StoreError, mismatches, notebooks};
use common::*;

fn receive(s: &mut Store, level: &str, location: &str) -> String {
    let f = ReceiveForm {
        title: "关于做好保密检查工作的通知".into(),
        originator: "市委办公室".into(),
        level: level.into(),
        scope: "张三、李四、办公室".into(),
        date: "2026-11-20".into(),
        location: location.into(),
        ..ReceiveForm::default()
    };
    let r = f.parse(today()).unwrap();
    s.change(&officer(), |c| papers::receive(c, &r, "{年}-收-{序号:04}"))
        .unwrap()
        .no
}

fn rule_of<T: std::fmt::Debug>(r: Result<T, StoreError>) -> Option<&'static str> {
    match r {
        Err(StoreError::Refused(x)) => x.rule_id(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn verified(s: &Store) {
    let v = baomi::store::audit::verify(s.conn(), s.path()).unwrap();
    assert!(v.is_ok(), "{v:?}");
}

fn take_out(no: &str) -> TakeOutPlan {
    TakeOutPlan {
        paper: no.into(),
        persons: vec!["张三".into(), "李四".into()],
        place: "香港".into(),
        purpose: "参加交流活动".into(),
        return_by: ymd(2026, 11, 30),
        ..TakeOutPlan::default()
    }
}

// ---- R-PAP-4 ----

// R-PAP-4: a mismatch found at receipt is recorded and stays on the due list as 与发文单位核对
// until it is settled; nothing is recorded without saying what disagreed.
#[test]
fn r_pap_4_mismatch_on_the_due_list_until_settled() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "机密", "1号保密柜");
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| mismatches::record(c, &no, today(), "  "));
    assert_eq!(rule_of(r), Some("R-PAP-4"));
    assert_eq!(fingerprint(&s), before);
    let m = s
        .change(&officer(), |c| {
            mismatches::record(c, &no, today(), "信封标3份，实收2份")
        })
        .unwrap();
    let settings = baomi::store::settings::load(s.conn()).unwrap();
    let items = |s: &Store| {
        baomi::store::due::items(s.conn(), today(), &settings, 30)
            .unwrap()
            .into_iter()
            .filter(|d| d.rule == "R-PAP-4")
            .collect::<Vec<_>>()
    };
    let open = items(&s);
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].subject, no);
    assert_eq!(open[0].due, ymd(2026, 12, 4), "7 days by default");
    assert!(open[0].title.contains("与发文单位核对"));
    let r = s.change(&officer(), |c| mismatches::resolve(c, m.id, today(), ""));
    assert_eq!(rule_of(r), Some("R-PAP-4"));
    let r = s.change(&viewer(), |c| {
        mismatches::resolve(c, m.id, today(), "已核对")
    });
    assert!(r.is_err(), "an officer's act");
    s.change(&officer(), |c| {
        mismatches::resolve(c, m.id, today(), "来电确认只发2份，已更正")
    })
    .unwrap();
    assert!(items(&s).is_empty());
    let r = s.change(&officer(), |c| {
        mismatches::resolve(c, m.id, today(), "再次")
    });
    assert!(r.is_err(), "settled once");
    let audit = baomi::store::audit::recent(s.conn(), 5).unwrap();
    assert!(audit.iter().any(|a| a.action == "收文核对"), "{audit:?}");
    verified(&s);
}

// R-PAP-4 from the command line: receive --mismatch, the due list, the setting for the days,
// the resolution with a note.
#[test]
fn r_pap_4_receive_with_mismatch_from_the_command_line() {
    let db = Db::demo();
    db.stdout(&["settings", "set", "receipt_check_days", "3"]);
    let no = db
        .stdout(&[
            "paper",
            "receive",
            "--title",
            "关于年终检查的通知",
            "--from",
            "市保密局",
            "--level",
            "秘密",
            "--copies",
            "2",
            "--mismatch",
            "信封标3份，实收2份",
        ])
        .trim()
        .to_string();
    let due = db.json(&["due", "--format", "json"]);
    let item = due
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "R-PAP-4")
        .unwrap_or_else(|| panic!("{due}"));
    assert_eq!(item["subject"], no.as_str());
    assert_eq!(item["due"], "2026-11-30");
    let list = db.json(&["paper", "mismatch", "list", "--format", "json"]);
    let id = list[0]["id"].as_i64().unwrap();
    let (code, err) = db.fails(&[
        "paper",
        "mismatch",
        "resolve",
        &id.to_string(),
        "--note",
        "",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("R-PAP-4"), "{err}");
    db.stdout(&[
        "paper",
        "mismatch",
        "resolve",
        &id.to_string(),
        "--note",
        "来电确认只发2份",
    ]);
    let due = db.json(&["due", "--format", "json"]);
    assert!(
        due.as_array()
            .unwrap()
            .iter()
            .all(|d| d["rule"] != "R-PAP-4")
    );
    let all = db.json(&["paper", "mismatch", "list", "--all", "--format", "json"]);
    assert_eq!(all[0]["resolution"], "来电确认只发2份");
    // Found after the receipt, on opening: recorded on the paper by number.
    db.stdout(&[
        "paper",
        "mismatch",
        "add",
        &no,
        "--note",
        "份号应为3、4，实为3、5",
    ]);
    assert!(db.stdout(&["audit", "verify"]).contains("审计日志完整"));
}

// ---- R-PAP-26 ----

// R-PAP-26: a notebook is issued to a person, counted with the papers held, comes back only by
// being handed in to a cabinet, then is destroyed through the destruction list; never on the
// yearly clearing list.
#[test]
fn r_pap_26_notebook_issued_counted_handed_in_destroyed() {
    let (_d, mut s) = demo();
    let before = fingerprint(&s);
    let r = s.change(&officer(), |c| notebooks::issue(c, "", "机密", "", today()));
    assert_eq!(rule_of(r), Some("R-PAP-26"));
    assert_eq!(fingerprint(&s), before);
    let nb = s
        .change(&officer(), |c| {
            notebooks::issue(c, "黄敏", "机密", "", ymd(2026, 1, 5))
        })
        .unwrap();
    assert_eq!(
        (nb.state, nb.holder.as_str(), nb.title.as_str()),
        (PaperState::OnLoan, "黄敏", "保密笔记本")
    );
    // Counted like the papers: in the held set of the month's count.
    let held_before: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM paper WHERE held", [], |r| r.get(0))
        .unwrap();
    let count = s
        .change(&officer(), |c| {
            stocktake::record(c, StocktakeKind::Count, today(), &[], "")
        })
        .unwrap();
    assert_eq!(count.held, held_before);
    // Not cleared yearly: nothing for it on the due list, even next year.
    let settings = baomi::store::settings::load(s.conn()).unwrap();
    let due = baomi::store::due::items(s.conn(), ymd(2027, 4, 1), &settings, 30).unwrap();
    assert!(due.iter().all(|d| d.subject != nb.no), "{due:?}");
    // 归还 is for loans; the notebook is handed in.
    let back = Act {
        on: today(),
        ..Act::default()
    };
    assert_eq!(
        rule_of(act(&mut s, &nb.no, EventKind::LoanBack, back, None)),
        Some("R-PAP-26")
    );
    let r = s.change(&officer(), |c| {
        notebooks::hand_in(c, &nb.no, today(), "1号保密柜", "", "")
    });
    assert_eq!(rule_of(r), Some("R-PAP-26"));
    let r = s.change(&officer(), |c| {
        notebooks::hand_in(c, &nb.no, today(), "绝密柜", "销毁", "")
    });
    assert_eq!(rule_of(r), Some("R-PAP-10"));
    let (p, _) = s
        .change(&officer(), |c| {
            notebooks::hand_in(c, &nb.no, today(), "1号保密柜", "销毁", "已用完")
        })
        .unwrap();
    assert_eq!(
        (p.state, p.location.as_str(), p.holder.as_str()),
        (PaperState::InStock, "1号保密柜", "李强")
    );
    let other = receive(&mut s, "秘密", "");
    let r = s.change(&officer(), |c| {
        notebooks::hand_in(c, &other, today(), "", "留存", "")
    });
    assert_eq!(rule_of(r), Some("R-PAP-26"));
    let list = notebooks::list(s.conn(), false).unwrap();
    assert_eq!(list[0].state_name(), "已交回");
    let id = file(
        &mut s,
        Plan::Destroy(DestroyPlan {
            papers: vec![nb.no.clone()],
            reason: "笔记本已用完".into(),
        }),
    )
    .unwrap();
    approve(&mut s, id);
    let destroy = Act {
        on: today(),
        persons: vec!["李强".into(), "赵敏".into()],
        method: "保密粉碎机".into(),
        ..Act::default()
    };
    let p = act(&mut s, &nb.no, EventKind::Destroy, destroy, Some(id)).unwrap();
    assert_eq!(p.state, PaperState::Destroyed);
    verified(&s);
}

// R-PAP-26 from the command line.
#[test]
fn r_pap_26_notebooks_from_the_command_line() {
    let db = Db::demo();
    let no = db
        .stdout(&["notebook", "issue", "--to", "黄敏", "--level", "机密"])
        .trim()
        .to_string();
    assert!(no.contains("笔"), "{no}");
    let list = db.json(&["notebook", "list", "--in-use", "--format", "json"]);
    assert_eq!(list[0]["state"], "在用");
    let (code, err) = db.fails(&["paper", "back", &no]);
    assert_eq!(code, 1);
    assert!(err.contains("notebook hand-in"), "{err}");
    let out = db.stdout(&[
        "notebook",
        "hand-in",
        &no,
        "--location",
        "2号保密柜",
        "--disposal",
        "留存",
    ]);
    assert!(out.contains("2号保密柜") && out.contains("留存"), "{out}");
    let page = db.json(&["paper", "show", &no, "--format", "json"]);
    assert_eq!(page["location"], "2号保密柜");
    assert!(db.stdout(&["audit", "verify"]).contains("审计日志完整"));
}

// ---- R-PAP-27, R-PAP-28 ----

// R-PAP-27, R-PAP-28: checked by the rule itself, whatever files or carries it out.
#[test]
fn r_pap_27_28_the_take_out_plan() {
    let today = ymd(2026, 11, 27);
    let mut abroad = take_out("x");
    abroad.abroad = true;
    assert_eq!(
        check_take_out_plan(&abroad, Level::TopSecret, today)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-27")
    );
    assert_eq!(
        check_take_out_plan(&abroad, Level::Secret, today)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-27")
    );
    abroad.exit_permit = "粤保出〔2026〕12号".into();
    assert!(check_take_out_plan(&abroad, Level::Secret, today).is_ok());
    assert!(check_take_out_plan(&abroad, Level::Confidential, today).is_ok());
    let mut foreign = take_out("x");
    foreign.foreign_affairs = true;
    assert_eq!(
        check_take_out_plan(&foreign, Level::TopSecret, today)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-28")
    );
    assert!(check_take_out_plan(&foreign, Level::Secret, today).is_ok());
}

// R-PAP-27: never abroad at 绝密; 机密 with the leader's approval and the exit permit, whose
// reference goes with the take-out.
#[test]
fn r_pap_27_abroad_needs_the_exit_permit() {
    let (_d, mut s) = demo();
    let top = receive(&mut s, "绝密", "绝密柜");
    let secret = receive(&mut s, "机密", "1号保密柜");
    let before = fingerprint(&s);
    let mut plan = take_out(&top);
    plan.abroad = true;
    plan.exit_permit = "粤保出〔2026〕12号".into();
    assert_eq!(rule_of(file(&mut s, Plan::TakeOut(plan))), Some("R-PAP-27"));
    let mut plan = take_out(&secret);
    plan.abroad = true;
    assert_eq!(
        rule_of(file(&mut s, Plan::TakeOut(plan.clone()))),
        Some("R-PAP-27")
    );
    assert_eq!(fingerprint(&s), before, "nothing filed");
    plan.exit_permit = "粤保出〔2026〕12号".into();
    let id = file(&mut s, Plan::TakeOut(plan)).unwrap();
    // Not without the leader's approval.
    let leave = Act {
        on: today(),
        ..Act::default()
    };
    assert_eq!(
        rule_of(act(
            &mut s,
            &secret,
            EventKind::TakeOut,
            leave.clone(),
            Some(id)
        )),
        Some("R-PAP-11")
    );
    approve(&mut s, id);
    let p = act(&mut s, &secret, EventKind::TakeOut, leave, Some(id)).unwrap();
    assert_eq!(p.state, PaperState::TakenOut);
    let permit: String = s
        .conn()
        .query_row(
            "SELECT reference FROM paper_event WHERE kind = 'take_out' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(permit, "粤保出〔2026〕12号");
    verified(&s);
}

// R-PAP-28: never to a foreign-affairs activity at 绝密 (even with two people and a purpose).
#[test]
fn r_pap_28_foreign_affairs_never_top_secret() {
    let (_d, mut s) = demo();
    let top = receive(&mut s, "绝密", "绝密柜");
    let before = fingerprint(&s);
    let mut plan = take_out(&top);
    plan.place = "外事接待中心".into();
    plan.foreign_affairs = true;
    assert_eq!(rule_of(file(&mut s, Plan::TakeOut(plan))), Some("R-PAP-28"));
    assert_eq!(fingerprint(&s), before);
}

// ---- R-PAP-29 ----

// R-PAP-29: made outside only at a licensed printer, recorded with the making.
#[test]
fn r_pap_29_outside_printer_recorded_with_the_making() {
    let (_d, mut s) = demo();
    let plan = |outside: bool, printer: &str, licence: &str| {
        Plan::Make(MakePlan {
            title: "会议材料".into(),
            level: "机密".into(),
            scope: vec!["办公室".into()],
            copies: 20,
            outside,
            printer: printer.into(),
            printer_licence: licence.into(),
            ..MakePlan::default()
        })
    };
    let before = fingerprint(&s);
    assert_eq!(rule_of(file(&mut s, plan(true, "", ""))), Some("R-PAP-29"));
    assert_eq!(
        rule_of(file(&mut s, plan(true, "市印刷厂", ""))),
        Some("R-PAP-29")
    );
    assert_eq!(
        rule_of(file(&mut s, plan(false, "", "粤密复0012"))),
        Some("R-PAP-29")
    );
    assert_eq!(fingerprint(&s), before);
    let id = file(&mut s, plan(true, "市机要印刷厂", "粤密复0012")).unwrap();
    approve(&mut s, id);
    let p = s
        .change(&officer(), |c| {
            papers::make(c, id, 20, today(), "", "", "{年}-制-{序号:04}")
        })
        .unwrap();
    let (unit, reference): (String, String) = s
        .conn()
        .query_row(
            "SELECT unit, reference FROM paper_event WHERE paper_id = ?1 AND kind = 'make'",
            [p.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (unit.as_str(), reference.as_str()),
        ("市机要印刷厂", "粤密复0012")
    );
    // Made inside the unit, nothing to record.
    assert!(file(&mut s, plan(false, "", "")).is_ok());
}

// R-PAP-27, R-PAP-29 from the command line: the request flags.
#[test]
fn r_pap_27_29_request_flags() {
    let db = Db::demo();
    let (code, err) = db.fails(&[
        "request",
        "make",
        "--title",
        "材料",
        "--level",
        "机密",
        "--scope",
        "办公室",
        "--copies",
        "5",
        "--outside",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("R-PAP-29"), "{err}");
    db.stdout(&[
        "request",
        "make",
        "--title",
        "材料",
        "--level",
        "机密",
        "--scope",
        "办公室",
        "--copies",
        "5",
        "--printer",
        "市机要印刷厂",
        "--licence",
        "粤密复0012",
    ]);
    let no = db
        .stdout(&[
            "paper",
            "receive",
            "--title",
            "出访材料",
            "--from",
            "市外办",
            "--level",
            "秘密",
        ])
        .trim()
        .to_string();
    let (code, err) = db.fails(&[
        "request",
        "take-out",
        &no,
        "--persons",
        "张三",
        "--place",
        "香港",
        "--purpose",
        "交流",
        "--return-by",
        "2026-12-05",
        "--abroad",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("R-PAP-27") && err.contains("出境许可证"),
        "{err}"
    );
    db.stdout(&[
        "request",
        "take-out",
        &no,
        "--persons",
        "张三",
        "--place",
        "香港",
        "--purpose",
        "交流",
        "--return-by",
        "2026-12-05",
        "--abroad",
        "--exit-permit",
        "粤保出〔2026〕12号",
    ]);
}
