//! The knowledge scope on every access (issue 9 points 2, 3, 5): a 机密 or 绝密 paper has a scope
//! before anyone but the officer sees it, the leader's instruction sets it, everyone who sees a
//! paper is inside it, everyone who saw a 绝密 paper is on the knowers register, and a
//! compilation never widens it.

mod common;

use baomi::domain::carrier::EventKind;
use baomi::domain::dates::ymd;
use baomi::domain::paper::{CompilePlan, Plan, TakeOutPlan};
use baomi::domain::rules::paper::Act;
use baomi::store::papers::{self};
use baomi::store::registers::{self, RegisterKind};
use baomi::store::{Stamp, approvals, audit, settings};
use common::*;

fn today_act() -> Act {
    Act {
        on: today(),
        ..Act::default()
    }
}

fn scope_act(scope: &[&str], by: &str) -> Act {
    Act {
        on: today(),
        persons: scope.iter().map(|s| s.to_string()).collect(),
        person: by.into(),
        reference: "领导批示单2026-31".into(),
        ..Act::default()
    }
}

// R-CLS-2, R-PAP-9: a 机密 paper with no scope is seen by nobody but the officer; the leader's
// instruction sets it (by a leader, recorded as an event and replayed by audit verify); a borrower
// outside it is refused when the loan is filed.
#[test]
fn r_cls_2_a_scope_before_anyone_sees_it_and_r_pap_9_borrowers_inside_it() {
    let (_d, mut s) = demo();
    let no = receive_scoped(&mut s, "无范围的机密件", "机密", "");
    let before = fingerprint(&s);
    refused_by(file(&mut s, loan(&no, "张三")), &s, &before, "R-CLS-2");
    let mut reader = today_act();
    reader.person = "张三".into();
    reader.at = "09:00".into();
    refused_by(
        act(&mut s, &no, EventKind::Circulate, reader, None),
        &s,
        &before,
        "R-PAP-7",
    );
    // Only a leader's instruction sets it.
    let msg = refused_by(
        act(
            &mut s,
            &no,
            EventKind::Scope,
            scope_act(&["张三"], "赵敏"),
            None,
        ),
        &s,
        &before,
        "R-CLS-2",
    );
    assert!(msg.contains("王建国"), "{msg}");
    let p = act(
        &mut s,
        &no,
        EventKind::Scope,
        scope_act(&["张三", "办公室"], "王建国"),
        None,
    )
    .unwrap();
    assert_eq!(p.scope, ["张三", "办公室"]);
    assert_eq!(
        papers::get(s.conn(), &no).unwrap().scope,
        ["张三", "办公室"]
    );
    // Inside: filed; outside: refused with the scope named.
    let before = fingerprint(&s);
    let msg = refused_by(file(&mut s, loan(&no, "局外人")), &s, &before, "R-PAP-9");
    assert!(
        msg.contains("局外人不在") && msg.contains("张三、办公室"),
        "{msg}"
    );
    file(&mut s, loan(&no, "张三")).unwrap();
    // The cached scope is derived from the events: a hand edit is found.
    assert!(audit::verify(s.conn(), s.path()).unwrap().is_ok());
    s.conn()
        .execute_batch(&format!(
            "UPDATE paper SET scope_now = '张三、局外人' WHERE no = '{no}'"
        ))
        .unwrap();
    let e = audit::verify(s.conn(), s.path()).unwrap().unwrap_err();
    assert!(e.reason().contains("知悉范围"), "{}", e.reason());
}

// R-PAP-8: everyone who saw a 绝密 paper, by any act, is on the knowers register with the time
// taken and the time returned; those taking it out are inside the scope (R-CLS-2).
#[test]
fn r_pap_8_every_access_to_top_secret_is_on_the_knowers_register() {
    let (_d, mut s) = demo();
    s.change(&officer(), |c| settings::set(c, "highest_level", "绝密"))
        .unwrap();
    let no = receive_scoped(&mut s, "绝密件", "绝密", "张三、李四、王五");
    // A loan, timed by the clock when recorded the same day, and its return.
    let id = file(&mut s, loan(&no, "张三")).unwrap();
    approve(&mut s, id);
    let p = act(&mut s, &no, EventKind::Loan, today_act(), Some(id)).unwrap();
    assert_eq!(p.holder, "张三");
    let mut back = today_act();
    back.at = "16:10".into();
    act(&mut s, &no, EventKind::LoanBack, back, None).unwrap();
    // A take-out: everyone carrying it is inside the scope.
    let outsider = Plan::TakeOut(TakeOutPlan {
        paper: no.clone(),
        persons: vec!["李四".into(), "局外人".into()],
        place: "省保密局".into(),
        purpose: "汇报".into(),
        return_by: ymd(2026, 11, 30),
        ..TakeOutPlan::default()
    });
    let before = fingerprint(&s);
    refused_by(file(&mut s, outsider), &s, &before, "R-CLS-2");
    // Filed on the 25th and approved on the 26th, when it left; entered today.
    let id = s
        .change(&Stamp::on("liqiang", ymd(2026, 11, 25), now()), |c| {
            approvals::file(
                c,
                Plan::TakeOut(TakeOutPlan {
                    paper: no.clone(),
                    persons: vec!["李四".into(), "王五".into()],
                    place: "省保密局".into(),
                    purpose: "汇报".into(),
                    return_by: ymd(2026, 11, 30),
                    ..TakeOutPlan::default()
                }),
            )
        })
        .unwrap()
        .id;
    s.change(&Stamp::on("wangjianguo", ymd(2026, 11, 26), now()), |c| {
        approvals::decide(c, id, true, "同意", None)
    })
    .unwrap();
    // Entered on a later day for an earlier date: the time must be given.
    let mut earlier = today_act();
    earlier.on = ymd(2026, 11, 26);
    let before = fingerprint(&s);
    refused_by(
        act(&mut s, &no, EventKind::TakeOut, earlier.clone(), Some(id)),
        &s,
        &before,
        "R-PAP-8",
    );
    earlier.at = "08:30".into();
    act(&mut s, &no, EventKind::TakeOut, earlier, Some(id)).unwrap();
    let reg = registers::load(s.conn(), RegisterKind::TopSecretReaders, None, None).unwrap();
    let rows: Vec<&Vec<String>> = reg
        .rows
        .iter()
        .map(|r| &r.cells)
        .filter(|c| c[0].starts_with("绝密件"))
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let (lent, taken) = (rows[0], rows[1]);
    assert_eq!(lent[4], "张三");
    assert_eq!(lent[7], "借阅");
    assert!(lent[5].contains("09:30"), "the clock's time: {lent:?}");
    assert!(lent[6].contains("16:10"), "returned: {lent:?}");
    assert_eq!(lent[9], "王建国");
    assert_eq!(taken[4], "李四、王五");
    assert!(taken[7].starts_with("携带外出"), "{taken:?}");
    assert!(taken[5].contains("08:30"), "{taken:?}");
    assert_eq!(taken[6], "", "not back yet");
}

// R-CLS-5: a compilation's scope is what its sources' scopes share, or a narrower one the leader
// set with the approval — never wider.
#[test]
fn r_cls_5_a_compilation_never_widens_the_scope() {
    let (_d, mut s) = demo();
    let a = receive_scoped(&mut s, "甲", "秘密", "张三、李四、办公室");
    let b = receive_scoped(&mut s, "乙", "机密", "张三、办公室、王五");
    let plan = |scope: &[&str]| {
        Plan::Compile(CompilePlan {
            papers: vec![a.clone(), b.clone()],
            title: "汇编".into(),
            external_ref: "市委办同意".into(),
            scope: scope.iter().map(|s| s.to_string()).collect(),
        })
    };
    let before = fingerprint(&s);
    let msg = refused_by(
        file(&mut s, plan(&["张三", "李四"])),
        &s,
        &before,
        "R-CLS-5",
    );
    assert!(
        msg.contains("「李四」") && msg.contains("张三、办公室"),
        "{msg}"
    );
    let id = file(&mut s, plan(&[])).unwrap();
    s.change(&officer(), |c| {
        approvals::decide(
            c,
            id,
            true,
            "",
            Some(&baomi::domain::approval::PaperApproval {
                approver: "市委办公室".into(),
                date: today(),
                form_ref: "江委办函〔2026〕9号".into(),
            }),
        )
    })
    .unwrap();
    let p = s
        .change(&Stamp::new("liqiang", now()), |c| {
            papers::compile(c, id, today(), None, None, "")
        })
        .unwrap();
    assert_eq!(p.scope, ["张三", "办公室"]);
}

// R-CLS-2 (issue 9 point 3): a ledger file's 知悉范围 column (or 使用范围, 分发范围) comes in with
// the papers, and the export carries it as its last column.
#[test]
fn r_cls_2_the_scope_travels_in_ledger_files() {
    let db = Db::demo();
    let file = db.dir.path().join("收文.csv");
    std::fs::write(
        &file,
        "收文编号,收文日期,来文单位,标题,密级,存放位置,使用范围\n\
         2019-收-0001,2019-03-02,市委办公室,关于保密工作的通知,机密,1号保密柜,张三、办公室\n",
    )
    .unwrap();
    common::succeeded(
        "import",
        db.cmd()
            .args(["import", "papers", file.to_str().unwrap()])
            .output(),
    );
    let page = db
        .cmd()
        .args(["paper", "show", "2019-收-0001", "--format", "json"])
        .output()
        .unwrap();
    let page: serde_json::Value = serde_json::from_slice(&page.stdout).unwrap();
    assert_eq!(page["scope"], serde_json::json!(["张三", "办公室"]));
    let csv = db
        .cmd()
        .args(["export", "papers", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&csv.stdout).replace('"', "");
    let header = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert!(header.ends_with(",持有人,知悉范围,承办部门"), "{header}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("2019-收-0001") && l.ends_with("张三、办公室,")),
        "{csv}"
    );
}
