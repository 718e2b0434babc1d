//! Reviews before anything leaves the unit (issue 12) from the command line: a disclosure review
//! taken through its three steps by their own roles, a step skipped or taken by the wrong role
//! refused with R-DIS-2 and nothing written, the leader refused approval to publish a secret item,
//! a request's 15-working-day answer on the due list across a holiday, the printed flow form with
//! every field, and the refusals of providing materials abroad.

mod common;

use common::Db;

const HEAD: (&str, &str) = ("chenhong", "Bumen@2026-chen");
const LEADER: (&str, &str) = ("wangjianguo", "Lingdao@2026-wang");

fn new_review(db: &Db, extra: &[&str]) -> String {
    let mut args = vec![
        "review",
        "new",
        "--title",
        "关于2026年度部门预算执行情况的说明",
        "--doc-no",
        "江某〔2026〕8号",
        "--made-on",
        "2026-11-10",
    ];
    args.extend_from_slice(extra);
    db.stdout(&args).trim().to_string()
}

/// Runs `args` as `who`: must succeed.
fn ok_as(db: &Db, who: (&str, &str), args: &[&str]) -> String {
    let out = db.as_user(who.0, who.1).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {err}");
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Runs `args` as `who`: must be refused naming `what`, with nothing written.
fn refused_as(db: &Db, who: (&str, &str), args: &[&str], what: &str) -> String {
    let before = db.written();
    let out = db.as_user(who.0, who.1).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert!(err.contains(what), "{args:?}: {err}");
    assert_eq!(db.written(), before, "{args:?} wrote something");
    err
}

// R-DIS-1, R-DIS-2: a review registered with its answers, the handler's proposal by the officer,
// the unit leader refused before the department leader (R-DIS-2, nothing written), the department
// leader by login, the unit leader's signed form copied in by the officer; every step's name,
// opinion and date kept, in order, as the record's history.
#[test]
fn r_dis_2_three_steps_through_a_skipped_step_refused() {
    let db = Db::demo();
    let id = new_review(&db, &["--way", "主动", "--secret", "否", "--other", "否"]);
    assert_eq!(id, "2026-审-001");
    let step = |opinion: &'static str| vec!["review", "step", "2026-审-001", "--opinion", opinion];
    // The department leader's review before the handler's proposal: out of order.
    let err = refused_as(&db, HEAD, &step("同意"), "R-DIS-2");
    assert!(err.contains("经办人拟办"), "{err}");
    let mut handler = step("经审查不涉密，拟主动公开");
    handler.extend(["--decision", "公开", "--date", "2026-11-20"]);
    let out = db.stdout(&handler);
    assert!(out.contains("待部门领导审核"), "{out}");
    // The unit leader skips the department leader: refused, naming the step skipped.
    let mut approve = step("同意公开");
    approve.extend(["--decision", "公开"]);
    let err = refused_as(&db, LEADER, &approve, "R-DIS-2");
    assert!(err.contains("部门领导审核"), "{err}");
    // The officer cannot sign for the department leader by login.
    db.refuses(&step("同意"), "R-DIS-2");
    ok_as(
        &db,
        HEAD,
        &[&step("同意")[..], &["--date", "2026-11-23"]].concat(),
    );
    // The leader's signed form, dated before the department leader's review: out of order.
    let paper = |on: &'static str| {
        let mut a = approve.clone();
        a.extend([
            "--approver",
            "王建国",
            "--signed-on",
            on,
            "--form-ref",
            "流程表2026-07",
        ]);
        a
    };
    db.refuses(&paper("2026-11-21"), "R-DIS-2");
    // A name that is no leader of the unit.
    let mut stranger = approve.clone();
    stranger.extend([
        "--approver",
        "张三",
        "--signed-on",
        "2026-11-24",
        "--form-ref",
        "表1",
    ]);
    db.refuses(&stranger, "R-DIS-2");
    let out = db.stdout(&paper("2026-11-24"));
    assert!(out.contains("准予公开"), "{out}");
    let shown = db.json(&["review", "show", &id, "--format", "json"]);
    assert_eq!(shown["state"], "准予公开");
    let v = &shown["values"];
    for (k, want) in [
        ("handler_name", "李强"),
        ("handler_on", "2026-11-20"),
        ("department_name", "陈红"),
        ("department_on", "2026-11-23"),
        ("department_opinion", "同意"),
        ("leader_name", "王建国"),
        ("leader_on", "2026-11-24"),
        ("leader_ref", "流程表2026-07"),
    ] {
        assert_eq!(v[k], want, "{k}: {v}");
    }
    assert_eq!(shown["events"].as_array().unwrap().len(), 3);
    // Nothing after the last step.
    db.refuses(&step("再审"), "R-DIS-2");
    let list = db.stdout(&["review", "list"]);
    assert!(
        list.contains("2026-审-001") && list.contains("准予公开"),
        "{list}"
    );
}

// R-DIS-3: the leader cannot approve publishing an item answered secret and not technically
// separated; 不予公开 is recorded instead.
#[test]
fn r_dis_3_secret_item_not_approved_for_publication() {
    let db = Db::demo();
    let id = new_review(
        &db,
        &["--way", "主动", "--secret", "是", "--separated", "否"],
    );
    db.stdout(&["review", "step", &id, "--opinion", "涉密，拟不公开"]);
    ok_as(&db, HEAD, &["review", "step", &id, "--opinion", "同意"]);
    let approve = [
        "review",
        "step",
        &id,
        "--opinion",
        "同意公开",
        "--decision",
        "公开",
    ];
    let err = refused_as(&db, LEADER, &approve, "R-DIS-3");
    assert!(err.contains("技术性区分处理"), "{err}");
    let out = ok_as(
        &db,
        LEADER,
        &[
            "review",
            "step",
            &id,
            "--opinion",
            "不予公开",
            "--decision",
            "不予公开",
        ],
    );
    assert!(out.contains("不予公开"), "{out}");
    // A 是/否 answer is a value, not a switch: anything else is refused.
    let (code, err) = db.fails(&[
        "review",
        "new",
        "--title",
        "T",
        "--made-on",
        "2026-11-10",
        "--way",
        "主动",
        "--secret",
        "也许",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("是否涉密"), "{err}");
}

// R-DIS-4: a request registered on 24 September 2026 is answered by 22 October: 15 working days
// on the State Council's calendar across the Mid-Autumn and National Day holidays (and the make-up
// Saturday); on the due list as kind `review` until the leader's decision.
#[test]
fn r_dis_4_fifteen_working_days_across_a_holiday() {
    let db = Db::demo();
    let id = new_review(&db, &["--way", "依申请", "--date", "2026-09-24"]);
    let due = |db: &Db| -> Vec<serde_json::Value> {
        db.json(&["due", "--format", "json"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "review")
            .cloned()
            .collect()
    };
    let items = due(&db);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["subject"], id.as_str());
    assert_eq!(items[0]["rule"], "R-DIS-4");
    assert_eq!(items[0]["due"], "2026-10-22");
    db.stdout(&[
        "review",
        "step",
        &id,
        "--opinion",
        "不涉密",
        "--secret",
        "否",
    ]);
    ok_as(&db, HEAD, &["review", "step", &id, "--opinion", "同意"]);
    assert_eq!(due(&db).len(), 1, "still waiting for the leader");
    ok_as(
        &db,
        LEADER,
        &[
            "review",
            "step",
            &id,
            "--opinion",
            "同意",
            "--decision",
            "公开",
        ],
    );
    assert!(due(&db).is_empty(), "answered");
    // A review to publish on the unit's own initiative has no answer due.
    new_review(&db, &["--way", "主动"]);
    assert!(due(&db).is_empty());
}

// R-DIS-5: the 信息公开保密审查流程表 prints with every field of the seed's attachment; the
// output is recorded like every printout.
#[test]
fn r_dis_5_flow_form_prints_every_field() {
    let db = Db::demo();
    let id = new_review(&db, &["--way", "依申请", "--secret", "否"]);
    db.stdout(&["review", "step", &id, "--opinion", "不涉密，拟公开"]);
    let html = db.dir.path().join("流程表.html");
    db.stdout(&[
        "review",
        "show",
        &id,
        "--format",
        "html",
        "--out",
        html.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&html).unwrap();
    for label in [
        "信息公开保密审查流程表",
        "拟公开信息标题（内容摘要）",
        "关于2026年度部门预算执行情况的说明",
        "文号",
        "江某〔2026〕8号",
        "产生日期",
        "2026年11月10日",
        "公开方式",
        "主动公开□",
        "依申请公开■",
        "审查内容",
        "1、是否涉密（国家秘密、商业秘密或个人隐私）；是□　否■",
        "2、涉密事项是否已变更；",
        "3、虽然涉密，是否已作技术性区分处理；",
        "4、是否有其他不适宜对外发布的内容。",
        "经办人拟办意见",
        "不涉密，拟公开",
        "签名：李强　2026年11月27日",
        "审核意见（部门领导）",
        "审批意见（局分管领导）",
        "备注",
    ] {
        assert!(text.contains(label), "{label}");
    }
    let font = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/BaomiTestSansSC.otf"
    );
    db.stdout(&["settings", "set", "font_path", font]);
    let pdf = db.dir.path().join("流程表.pdf");
    db.stdout(&[
        "review",
        "show",
        &id,
        "--format",
        "pdf",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(
        db.count("SELECT count(*) FROM audit WHERE action = '输出' AND subject = '信息公开保密审查流程表'")
            == 2,
        "the printouts are in the audit log"
    );
}

fn new_provision(db: &Db, level: &str, receiver: &str) -> (i32, String) {
    let out = db
        .cmd()
        .args([
            "provide",
            "new",
            "--title",
            "港区规划资料",
            "--items",
            "规划图3张、说明1份，2027年使用",
            "--level",
            level,
            "--provider",
            "规划科",
            "--receiver",
            receiver,
        ])
        .output()
        .unwrap();
    let text = if out.status.success() {
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    } else {
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    (out.status.code().unwrap_or(-1), text)
}

// R-EXT-1…3: 绝密 and an individual receiver refused with nothing written; the steps in order (the
// leader's review before the check refused), the authority's approval recorded with its name and
// reference, filing and the agreement, then 准予提供.
#[test]
fn r_ext_provide_refusals_and_steps() {
    let db = Db::demo();
    let before = db.written();
    assert!(matches!(new_provision(&db, "绝密", "某某大学"), (1, e) if e.contains("R-EXT-2")));
    assert!(matches!(new_provision(&db, "秘密", "约翰·史密斯"), (1, e) if e.contains("R-EXT-3")));
    assert_eq!(db.written(), before);
    let (code, id) = new_provision(&db, "秘密", "某某大学");
    assert_eq!((code, id.as_str()), (0, "2026-外-001"));
    let step = |extra: &[&'static str]| {
        let mut a = vec!["provide", "step", "2026-外-001", "--opinion", "同意"];
        a.extend_from_slice(extra);
        a
    };
    refused_as(&db, LEADER, &step(&[]), "R-EXT-1");
    db.stdout(&step(&["--needed", "是"]));
    db.stdout(&step(&["--treated", "已作技术处理"]));
    let authority = [
        "--approver",
        "广东省自然资源厅",
        "--signed-on",
        "2026-11-27",
        "--form-ref",
        "粤自然资函〔2026〕88号",
    ];
    db.refuses(&step(&authority), "R-EXT-1");
    ok_as(&db, LEADER, &step(&[]));
    let own = [
        "--approver",
        "王建国",
        "--signed-on",
        "2026-11-27",
        "--form-ref",
        "批1",
    ];
    db.refuses(&step(&own), "R-EXT-1");
    db.stdout(&step(&authority));
    db.refuses(&step(&[]), "R-EXT-1");
    db.stdout(&step(&["--form-ref", "江保备〔2026〕3号"]));
    let out = db.stdout(&step(&["--form-ref", "保密协议2026-01"]));
    assert!(out.contains("准予提供"), "{out}");
    let shown = db.json(&["provide", "show", "2026-外-001", "--format", "json"]);
    assert_eq!(shown["values"]["approve_name"], "广东省自然资源厅");
    assert_eq!(shown["values"]["approve_ref"], "粤自然资函〔2026〕88号");
    assert_eq!(shown["events"].as_array().unwrap().len(), 6);
    let list = db.stdout(&["provide", "list"]);
    assert!(list.contains("某某大学"), "{list}");
}

// R-DIS-2: a file cannot place a review past its first step (a review imported as 待分管领导审批
// would be approved with no proposal or review before it); imported at the first step it is taken
// through the steps like any other. Nothing is written when one row is refused.
#[test]
fn r_dis_2_import_starts_at_the_first_step() {
    let db = Db::demo();
    let file = db.dir.path().join("审查.csv");
    std::fs::write(
        &file,
        "标题,产生日期,公开方式,状态\n关于某事的通知,2026-10-01,主动,待经办人拟办\n涉密通知,2026-10-02,依申请,待分管领导审批\n",
    )
    .unwrap();
    let err = db.refuses(&["import", "reviews", file.to_str().unwrap()], "R-DIS-2");
    assert!(err.contains("第一步"), "{err}");
    std::fs::write(
        &file,
        "标题,产生日期,公开方式\n关于某事的通知,2026-10-01,主动\n",
    )
    .unwrap();
    db.stdout(&["import", "reviews", file.to_str().unwrap()]);
    let shown = db.json(&["review", "show", "2026-审-001", "--format", "json"]);
    assert_eq!(shown["state"], "待经办人拟办");
}

/// The items of `who`'s approval queue that are steps waiting (`kind` ends with `_step`).
fn steps_waiting(db: &Db, who: (&str, &str)) -> Vec<serde_json::Value> {
    let out = ok_as(db, who, &["approvals", "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    all.into_iter()
        .filter(|q| q["kind"].as_str().is_some_and(|k| k.ends_with("_step")))
        .collect()
}

// R-DIS-2 (Q): after the handler's proposal the review waits in the department head's queue (and
// the officer's, who may copy in a signed form), not the unit leader's; after the department
// head's review it is in the unit leader's; once decided it leaves every queue.
#[test]
fn r_dis_2_a_review_waits_in_the_queue_of_the_role_taking_its_step() {
    let db = Db::demo();
    new_review(&db, &["--way", "主动", "--secret", "否"]);
    assert!(
        steps_waiting(&db, HEAD).is_empty(),
        "the handler's step is the officer's"
    );
    db.stdout(&["review", "step", "2026-审-001", "--opinion", "拟公开"]);
    let head = steps_waiting(&db, HEAD);
    assert_eq!(head.len(), 1, "{head:?}");
    assert_eq!(head[0]["kind"], "review_step");
    assert_eq!(head[0]["record"], "2026-审-001");
    assert_eq!(head[0]["step"], "部门领导审核");
    assert_eq!(head[0]["rule"], "R-DIS-2");
    assert!(steps_waiting(&db, LEADER).is_empty());
    assert_eq!(steps_waiting(&db, ("liqiang", "Baomi@2026-li")).len(), 1);
    let table = db.stdout(&["approvals"]);
    assert!(
        table.contains("待部门领导审核") && table.contains("2026-审-001"),
        "{table}"
    );
    ok_as(
        &db,
        HEAD,
        &["review", "step", "2026-审-001", "--opinion", "同意"],
    );
    assert!(steps_waiting(&db, HEAD).is_empty());
    let leader = steps_waiting(&db, LEADER);
    assert_eq!(leader[0]["step"], "分管领导审批", "{leader:?}");
    let step = [
        "review",
        "step",
        "2026-审-001",
        "--opinion",
        "同意",
        "--decision",
        "公开",
    ];
    ok_as(&db, LEADER, &step);
    assert!(steps_waiting(&db, LEADER).is_empty());
}

// R-EXT-1 (Q): a provision waits in the unit leader's queue only for the leader's review; the
// approving authority's step after it is the officer's work, in no leader's queue.
#[test]
fn r_ext_1_a_provision_waits_in_the_leaders_queue_for_the_leaders_review() {
    let db = Db::demo();
    new_provision(&db, "秘密", "某某大学");
    let step = |extra: &[&'static str]| {
        let mut a = vec!["provide", "step", "2026-外-001", "--opinion", "同意"];
        a.extend_from_slice(extra);
        a
    };
    db.stdout(&step(&["--needed", "是"]));
    assert!(
        steps_waiting(&db, LEADER).is_empty(),
        "the treatment is the officer's"
    );
    db.stdout(&step(&["--treated", "已作技术处理"]));
    let leader = steps_waiting(&db, LEADER);
    assert_eq!(leader.len(), 1, "{leader:?}");
    assert_eq!(leader[0]["kind"], "provide_step");
    assert_eq!(leader[0]["rule"], "R-EXT-1");
    assert!(steps_waiting(&db, HEAD).is_empty());
    ok_as(&db, LEADER, &step(&[]));
    assert!(steps_waiting(&db, LEADER).is_empty());
    assert!(steps_waiting(&db, ("liqiang", "Baomi@2026-li")).is_empty());
}

// R-PAP-4: the review's series is in the settings like the paper series: a format without {序号}
// refused with nothing written, a changed format numbering the next review.
#[test]
fn r_pap_4_review_numbers_follow_their_format_setting() {
    let db = Db::demo();
    db.refuses(&["settings", "set", "review_format", "审-{年}"], "{序号}");
    db.stdout(&["settings", "set", "review_format", "SC{年}-{序号:02}"]);
    assert_eq!(new_review(&db, &["--way", "主动"]), "SC2026-01");
    let shown = db.stdout(&["settings", "list"]);
    assert!(shown.contains("SC{年}-{序号:02}"), "{shown}");
}
