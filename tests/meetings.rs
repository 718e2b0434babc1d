//! Classified meetings and the secrecy organisation (issue 12) from the command line: a meeting
//! that issues three papers and collects two (the third named and raised), refusals that name
//! their rule and write nothing, the press release after its review, the year-end items, and
//! hostile input.

mod common;

use common::Db;

/// A 绝密 meeting of 郭涛 on 26 November: 2026-收-0001 (秘密), -0010 (机密) and -0012 (绝密) all
/// have 郭涛 in their scope in the demo.
fn meeting(db: &Db, level: &str) -> String {
    db.stdout(&[
        "meeting",
        "add",
        "--title",
        "重大项目建设专题会议",
        "--date",
        "2026-11-26",
        "--venue",
        "三楼保密会议室",
        "--level",
        level,
        "--attendees",
        "郭涛",
        "--jammer",
        "已使用",
        "--phones",
        "收缴保管",
    ])
    .trim()
    .to_string()
}

const THREE: [&str; 3] = ["2026-收-0001", "2026-收-0010", "2026-收-0012"];

fn state(db: &Db, no: &str) -> String {
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    conn.query_row("SELECT state FROM paper WHERE no = ?1", [no], |r| r.get(0))
        .unwrap()
}

fn due(db: &Db, within: &str) -> Vec<serde_json::Value> {
    db.json(&["due", "--format", "json", "--within", within])
        .as_array()
        .unwrap()
        .clone()
}

fn meeting_items(db: &Db) -> Vec<serde_json::Value> {
    due(db, "30")
        .into_iter()
        .filter(|d| d["kind"] == "meeting")
        .collect()
}

// R-MTG-1, R-PAP-8: three papers issued (each a paper event, 绝密 with its knowers and time), a
// 绝密 one refused a loan while at the meeting, two collected: the third is named as missing and
// raised on the due list the next day, until it is reported lost.
#[test]
fn r_mtg_1_issues_three_and_collects_two() {
    let db = Db::demo();
    let m = meeting(&db, "绝密");
    assert_eq!(m, "2026-会-001");
    let events = db.count("SELECT count(*) FROM paper_event");
    let mut issue = vec!["meeting", "issue", &m];
    issue.extend(THREE);
    issue.extend(["--date", "2026-11-26"]);
    // R-PAP-8: recorded a day later, the 绝密 paper's time is said.
    db.refuses(&issue, "R-PAP-8");
    issue.extend(["--time", "09:30"]);
    let out = db.stdout(&issue);
    assert!(
        out.contains("2026-收-0001、2026-收-0010、2026-收-0012"),
        "{out}"
    );
    assert_eq!(db.count("SELECT count(*) FROM paper_event"), events + 3);
    for no in THREE {
        assert_eq!(state(&db, no), "circulating", "{no}");
    }
    // R-PAP-8: the 绝密 paper's knowers are the attendees, at the venue.
    assert_eq!(
        db.count(
            "SELECT count(*) FROM paper_event e JOIN paper p ON p.id = e.paper_id
             WHERE e.kind = 'meeting_issue' AND p.no = '2026-收-0012' AND e.persons = '郭涛'
               AND e.at_time = '09:30'
               AND e.place = '三楼保密会议室' AND e.reference = '2026-会-001'"
        ),
        1
    );
    let readers = db.stdout(&["register", "top-secret-readers", "--format", "csv"]);
    assert!(
        readers
            .lines()
            .any(|l| l.contains("郭涛") && l.contains("涉密会议（三楼保密会议室）")),
        "{readers}"
    );
    // 绝密 never leaves the venue: no loan is even filed while it is out at the meeting.
    let err = db.refuses(
        &[
            "request",
            "loan",
            "2026-收-0012",
            "--borrower",
            "郭涛",
            "--return-by",
            "2026-12-10",
        ],
        "R-MTG-1",
    );
    assert!(err.contains("会址"), "{err}");
    // Nor is it given back as an ordinary circulation.
    db.refuses(&["paper", "back", "2026-收-0012"], "R-MTG-1");
    assert_eq!(meeting_items(&db).len(), 3);

    let out = db
        .cmd()
        .args(["meeting", "collect", &m, "2026-收-0001", "2026-收-0010"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    let warned = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("未收回 2026-收-0012"), "{said}");
    assert!(
        warned.contains("R-MTG-1") && warned.contains("2026-收-0012"),
        "{warned}"
    );
    assert!(
        warned.contains("R-INC-1"),
        "a missing paper is a candidate incident: {warned}"
    );
    assert_eq!(state(&db, "2026-收-0001"), "in_stock");
    assert_eq!(state(&db, "2026-收-0010"), "in_stock");
    let items = meeting_items(&db);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["rule"], "R-MTG-1");
    assert_eq!(items[0]["subject"], "2026-会-001");
    assert_eq!(items[0]["due"], "2026-11-27");
    assert!(items[0]["title"].as_str().unwrap().contains("2026-收-0012"));
    let show = db.json(&["meeting", "show", &m, "--format", "json"]);
    assert!(show.to_string().contains("未收齐"), "{show}");
    // Reported lost: off the meeting's list (the loss is an incident now), still named missing.
    db.stdout(&["paper", "lost", "2026-收-0012", "--note", "会后清场未找到"]);
    assert!(meeting_items(&db).is_empty());
    let again = db.stdout(&["meeting", "collect", &m]);
    assert!(again.contains("2026-收-0012（已报遗失）"), "{again}");
}

// R-MTG-1: one refused paper refuses the whole issue; every bad number is named; nothing is
// written. A paper above the meeting's level, and a collection of what did not go out, too.
#[test]
fn r_mtg_1_a_refused_issue_writes_nothing() {
    let db = Db::demo();
    let m = meeting(&db, "机密");
    // 0002 does not have 郭涛 in its scope; 9999 does not exist; 0001 alone would be fine.
    let err = db.refuses(
        &[
            "meeting",
            "issue",
            &m,
            "2026-收-0001",
            "2026-收-0002",
            "2026-收-9999",
        ],
        "R-MTG-1",
    );
    assert!(
        err.contains("2026-收-0002") && err.contains("2026-收-9999"),
        "{err}"
    );
    assert!(!err.contains("2026-收-0001："), "{err}");
    assert_eq!(state(&db, "2026-收-0001"), "in_stock");
    let err = db.refuses(&["meeting", "issue", &m, "2026-收-0012"], "R-MTG-1");
    assert!(err.contains("绝密"), "{err}");
    db.stdout(&["meeting", "issue", &m, "2026-收-0001"]);
    // Issued twice: the paper is at the meeting already.
    let err = db.refuses(&["meeting", "issue", &m, "2026-收-0001"], "R-MTG-1");
    assert!(err.contains("已分发到涉密会议"), "{err}");
    db.refuses(&["meeting", "collect", &m, "2026-收-0010"], "R-MTG-1");
    // Another meeting does not collect this one's paper.
    let other = meeting(&db, "机密");
    db.refuses(&["meeting", "collect", &other, "2026-收-0001"], "R-MTG-1");
    let done = db.stdout(&["meeting", "collect", &m, "2026-收-0001"]);
    assert!(done.contains("全部收回"), "{done}");
    db.refuses(&["meeting", "issue", &m, "2026-收-0010"], "R-MTG-1");
}

// R-MTG-2: the press release waits for the host secretariat's review.
#[test]
fn r_mtg_2_press_release_after_review() {
    let db = Db::demo();
    let m = meeting(&db, "秘密");
    db.refuses(
        &["meeting", "release", &m, "--media", "江门日报"],
        "R-MTG-2",
    );
    db.stdout(&[
        "meeting",
        "press-review",
        &m,
        "--reviewer",
        "陈秘书",
        "--office",
        "办公室秘书科",
        "--opinion",
        "同意发布",
    ]);
    db.stdout(&["meeting", "release", &m, "--media", "江门日报"]);
    let show = db.stdout(&["meeting", "show", &m]);
    assert!(
        show.contains("新闻稿审核") && show.contains("新闻稿发布"),
        "{show}"
    );
}

fn unit_rules(db: &Db) -> Vec<(String, String)> {
    due(db, "40")
        .into_iter()
        .filter(|d| d["kind"] == "unit" && d["rule"].as_str().unwrap().starts_with("R-ORG"))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

// R-ORG-2, R-ORG-4, R-ORG-5, R-ORG-6: the year-end items of kind unit, each gone once recorded.
#[test]
fn r_org_year_end_items() {
    let db = Db::demo();
    let items = unit_rules(&db);
    let count = |rule: &str| items.iter().filter(|(r, _)| r == rule).count();
    assert_eq!(count("R-ORG-2"), 2, "{items:?}");
    assert_eq!(count("R-ORG-4"), 2, "{items:?}");
    assert!(
        items
            .iter()
            .any(|(r, t)| r == "R-ORG-5" && t.contains("王建国")),
        "{items:?}"
    );
    let all = due(&db, "40");
    let summary = all.iter().find(|d| d["rule"] == "R-ORG-2").unwrap();
    assert_eq!(summary["due"], "2026-12-31");
    assert_eq!(summary["level"], serde_json::Value::Null);

    db.stdout(&[
        "bureau-report",
        "add",
        "--kind",
        "年度保密工作总结报告",
        "--year",
        "2026",
        "--ref",
        "江某局〔2026〕12号",
    ]);
    db.stdout(&[
        "assessment",
        "add",
        "--leader",
        "王建国",
        "--year",
        "2026",
        "--result",
        "称职",
    ]);
    let change = db.stdout(&[
        "staff-change",
        "add",
        "--name",
        "赵敏",
        "--post",
        "保密员",
        "--change",
        "新任",
        "--date",
        "2026-11-20",
    ]);
    let change = change.trim();
    let items = unit_rules(&db);
    let count = |rule: &str| items.iter().filter(|(r, _)| r == rule).count();
    assert_eq!(count("R-ORG-2"), 1, "{items:?}");
    assert!(
        !items
            .iter()
            .any(|(r, t)| r == "R-ORG-5" && t.contains("王建国"))
    );
    assert_eq!(count("R-ORG-6"), 1, "{items:?}");
    db.stdout(&[
        "staff-change",
        "reported",
        change,
        "--ref",
        "江某局〔2026〕13号",
    ]);
    db.refuses(&["staff-change", "reported", change], "R-ORG-6");
    assert_eq!(
        unit_rules(&db)
            .iter()
            .filter(|(r, _)| r == "R-ORG-6")
            .count(),
        0
    );
    // R-ORG-4: two activities (one with its form sent) and the counts are met for activities.
    for (date, absent) in [("2026-05-10", "甲局"), ("2026-10-20", "甲局（出差）")] {
        let no = db.stdout(&[
            "coop-group",
            "add",
            "--kind",
            "活动",
            "--title",
            "协作组会议",
            "--form",
            "会议",
            "--absent",
            absent,
            "--date",
            date,
        ]);
        if date.starts_with("2026-05") {
            db.stdout(&["coop-group", "sent", no.trim(), "--signed-by", "王建国"]);
        }
    }
    let items = unit_rules(&db);
    assert!(
        !items.iter().any(|(_, t)| t.contains("次，每年不少于2次")),
        "{items:?}"
    );
    assert!(
        items.iter().any(|(_, t)| t.contains("情况记录表")),
        "{items:?}"
    );
    assert!(
        items.iter().any(|(_, t)| t.starts_with("甲局连续2次")),
        "{items:?}"
    );
    // R-ORG-3: a reward on a ground the rules do not list is refused, nothing written.
    db.refuses(
        &[
            "merit",
            "add",
            "--kind",
            "奖励",
            "--whom",
            "办公室",
            "--ground",
            "非法获取、持有国家秘密载体",
        ],
        "R-ORG-3",
    );
}

// Hostile input: control characters, floods, numbers that are paths, dates out of range.
#[test]
fn hostile_input_is_refused() {
    let db = Db::demo();
    let base = [
        "meeting",
        "add",
        "--venue",
        "会议室",
        "--level",
        "机密",
        "--date",
        "2026-11-26",
    ];
    let mut bad_title = base.to_vec();
    bad_title.extend(["--title", "会议\u{1b}[2J"]);
    db.refuses(&bad_title, "会议名称");
    // Six hundred people (a name said twice is one person).
    let flood: String = (0..600)
        .map(|n| format!("张三{n}"))
        .collect::<Vec<_>>()
        .join("、");
    let mut crowd = base.to_vec();
    crowd.extend(["--title", "会", "--attendees", &flood]);
    db.refuses(&crowd, "参会人员");
    let mut ahead = base.to_vec();
    ahead[7] = "2101-01-01";
    ahead.extend(["--title", "会"]);
    let (code, _) = db.fails(&ahead);
    assert_ne!(code, 0);
    let m = meeting(&db, "机密");
    db.refuses(&["meeting", "issue", &m, "../../etc/passwd"], "路径分隔符");
    let many: Vec<String> = (0..501).map(|n| format!("2026-收-{n:04}")).collect();
    let mut args = vec!["meeting", "issue", m.as_str()];
    args.extend(many.iter().map(String::as_str));
    db.refuses(&args, "密件编号");
    db.refuses(
        &["meeting", "collect", &m, "2026-收-0001", "2026-收-0001"],
        "写了两次",
    );
}

// R-MTG-1: a meeting registered a week ahead is 待召开 and takes no paper before its day (refused
// naming the rule, nothing written); its day is bounded like every date.
#[test]
fn r_mtg_1_a_meeting_registered_ahead_issues_nothing_before_its_day() {
    let db = Db::demo();
    let m = db
        .stdout(&[
            "meeting",
            "add",
            "--title",
            "年度保密工作部署会",
            "--date",
            "2026-12-04",
            "--venue",
            "三楼保密会议室",
            "--level",
            "秘密",
            "--attendees",
            "郭涛",
        ])
        .trim()
        .to_string();
    let shown = db.json(&["meeting", "show", &m, "--format", "json"]);
    assert_eq!(shown["state"], "待召开", "{shown}");
    let err = db.refuses(&["meeting", "issue", &m, "2026-收-0001"], "R-MTG-1");
    assert!(err.contains("待召开"), "{err}");
    assert_eq!(state(&db, "2026-收-0001"), "in_stock");
    db.refuses(
        &[
            "meeting",
            "add",
            "--title",
            "会",
            "--date",
            "2101-01-01",
            "--venue",
            "会议室",
            "--level",
            "秘密",
        ],
        "2100",
    );
}

// R-ORG-6: a 保密员 registered in the people register, given a higher grade and then moved off
// the post makes three staff changes to report (新任, 职务变动, 调离), each on the due list, with
// nothing typed twice; a change that changes nothing is refused and writes nothing.
#[test]
fn r_org_6_the_people_register_reports_the_staff_changes() {
    let db = Db::demo();
    let no = db.stdout(&[
        "person",
        "add",
        "--name",
        "周敏",
        "--dept",
        "办公室",
        "--grade",
        "重要",
        "--role",
        "保密员",
        "--date",
        "2026-11-20",
    ]);
    let no = no.trim();
    db.stdout(&[
        "person",
        "change",
        no,
        "--grade",
        "核心",
        "--date",
        "2026-11-25",
    ]);
    db.refuses(&["person", "change", no, "--grade", "核心"], "没有变更");
    db.stdout(&["person", "change", no, "--role", "无"]);
    let list = db.json(&["staff-change", "list", "--format", "json"]);
    let changes: Vec<(String, String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let v = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (v("name"), v("change"), v("state"))
        })
        .collect();
    let want = |c: &str| ("周敏".to_string(), c.to_string(), "待报告".to_string());
    assert_eq!(
        changes,
        vec![want("新任"), want("职务变动"), want("调离")],
        "{list}"
    );
    let due = due(&db, "30");
    let items: Vec<_> = due.iter().filter(|d| d["rule"] == "R-ORG-6").collect();
    assert_eq!(items.len(), 3, "{due:?}");
    // A typist is not secrecy staff: no change to report.
    db.stdout(&[
        "person",
        "add",
        "--name",
        "黄敏",
        "--dept",
        "办公室",
        "--grade",
        "一般",
        "--role",
        "打字员",
    ]);
    assert_eq!(
        db.count("SELECT count(*) FROM record WHERE spec = 'staff-change'"),
        3
    );
}
