//! R-PER-4, R-PER-6, R-PER-8 from the command line: private travel abroad through the one
//! approval queue, the officer's certificate and change, the officer's temporary absence. Each
//! refusal names its rule and writes nothing (`Db::refuses`).

mod common;

use common::Db;

fn add(db: &Db, name: &str, grade: &str, role: Option<&str>) -> String {
    let mut args = vec![
        "person",
        "add",
        "--name",
        name,
        "--dept",
        "办公室",
        "--grade",
        grade,
        "--date",
        "2026-11-01",
    ];
    if let Some(r) = role {
        args.extend(["--role", r]);
    }
    db.stdout(&args).trim().to_string()
}

fn clear(db: &Db, name: &str) {
    db.stdout(&["person", "vet", name, "--date", "2026-11-02"]);
    db.stdout(&["person", "pledge", name, "--date", "2026-11-02"]);
}

fn approve(db: &Db, id: &str) {
    db.as_user("wangjianguo", "Lingdao@2026-wang")
        .args(["approve", id, "--opinion", "同意"])
        .assert()
        .success();
}

fn due(db: &Db, as_of: &str) -> Vec<serde_json::Value> {
    db.json(&[
        "due", "--format", "json", "--as-of", as_of, "--within", "60",
    ])
    .as_array()
    .unwrap()
    .clone()
}

fn minute(db: &Db, title: &str) -> String {
    db.stdout(&[
        "work-record",
        "add",
        "--kind",
        "保密工作会议",
        "--title",
        title,
        "--leader",
        "王建国",
        "--attendees",
        "王建国、陈红",
        "--date",
        "2026-11-20",
    ])
    .trim()
    .to_string()
}

const TRIP: &[&str] = &[
    "--destination",
    "新加坡",
    "--depart",
    "2026-11-28",
    "--return-by",
    "2026-12-05",
];

fn request_trip(who: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = ["request", "person", "travel", who]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(TRIP.iter().chain(extra).map(|s| s.to_string()));
    args
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

// R-PER-4, R-TRN-4, R-PER-3: a private trip is filed into the one queue, carried out only once the
// unit leader approved it and the traveller was briefed, recorded with where and when (the R-PER-3
// event 因私出国 following from it), due on its return day, and returned.
#[test]
fn r_per_4_private_travel_through_the_queue() {
    let db = Db::demo();
    add(&db, "胡军", "重要", None);
    let id = db.stdout(&refs(&request_trip("胡军", &[])));
    let id = id.trim();
    let queue = db.json(&["approvals", "--format", "json"]);
    let q = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"].as_i64().map(|n| n.to_string()).as_deref() == Some(id))
        .unwrap();
    assert_eq!(q["kind"], "person_travel");
    assert_eq!(q["decider"], "主管领导");
    assert!(q["summary"].as_str().unwrap().contains("新加坡"), "{q}");
    db.refuses(&["person", "travel", "胡军", "--request", id], "R-PER-4");
    approve(&db, id);
    let err = db.refuses(&["person", "travel", "胡军", "--request", id], "R-TRN-4");
    assert!(err.contains("出国（境）行前教育"), "{err}");
    let session = db.stdout(&[
        "training",
        "add",
        "--form",
        "出国（境）行前教育",
        "--topic",
        "出境保密提醒",
        "--hours",
        "1",
        "--attendees",
        "胡军",
        "--date",
        "2026-11-26",
    ]);
    let out = db.stdout(&["person", "travel", "胡军", "--request", id]);
    assert!(
        out.contains("新加坡") && out.contains(session.trim()),
        "{out}"
    );
    let shown = db.json(&["person", "show", "胡军", "--format", "json"]);
    assert_eq!(shown["values"]["abroad_to"], "新加坡");
    assert_eq!(shown["values"]["last_event"], "因私出国");
    assert_eq!(shown["values"]["briefing"], session.trim());
    let item = due(&db, "2026-12-01")
        .into_iter()
        .find(|i| i["rule"] == "R-PER-4")
        .expect("the return is due");
    assert_eq!(
        (item["kind"].as_str(), item["due"].as_str()),
        (Some("person"), Some("2026-12-05"))
    );
    // The approval was used once; a second trip waits for a new request.
    db.refuses(&["person", "travel", "胡军", "--request", id], "R-PER-4");
    db.cmd()
        .env("BAOMI_TODAY", "2026-12-06")
        .args(["person", "home", "胡军", "--date", "2026-12-05"])
        .assert()
        .success();
    let shown = db.json(&["person", "show", "胡军", "--format", "json"]);
    assert_eq!(shown["values"]["abroad_to"], "");
    assert!(
        !due(&db, "2026-12-01")
            .iter()
            .any(|i| i["rule"] == "R-PER-4")
    );
}

// R-PER-4: in the cooling-off period a request is refused unless it asks to be approved as such,
// which the leader then sees in the queue.
#[test]
fn r_per_4_cooling_off_refused_unless_asked_as_such() {
    let db = Db::demo();
    add(&db, "胡军", "一般", None);
    db.stdout(&["person", "leave", "胡军", "--date", "2026-11-20"]);
    let err = db.refuses(&refs(&request_trip("胡军", &[])), "R-PER-4");
    assert!(
        err.contains("脱密期") && err.contains("--cooling-off"),
        "{err}"
    );
    db.stdout(&refs(&request_trip("胡军", &["--cooling-off"])));
    let queue = db.json(&["approvals", "--format", "json"]);
    let summary = queue.as_array().unwrap().last().unwrap()["summary"].clone();
    assert!(
        summary.as_str().unwrap().contains("脱密期内出境"),
        "{summary}"
    );
}

// R-PER-4: the officer's trip also needs the secrecy organisation's consent, a minute of its
// work record.
#[test]
fn r_per_4_officer_needs_the_organisation() {
    let db = Db::demo();
    add(&db, "周洁", "核心", Some("保密员"));
    let err = db.refuses(&refs(&request_trip("周洁", &[])), "R-PER-4");
    assert!(
        err.contains("保密组织") && err.contains("--committee"),
        "{err}"
    );
    let m = minute(&db, "同意周洁因私出境");
    let id = db.stdout(&refs(&request_trip("周洁", &["--committee", &m])));
    assert!(!id.trim().is_empty());
}

// R-PER-6: an officer without a certificate is due; certified with `--no`; a change inside two
// years needs the organisation's consent and a hand-over to a cleared person, is flagged, and the
// certificate goes back.
#[test]
fn r_per_6_certificate_and_change_of_officer() {
    let db = Db::demo();
    let no = add(&db, "周洁", "核心", Some("保密员"));
    let item = due(&db, "2026-11-27")
        .into_iter()
        .find(|i| i["rule"] == "R-PER-6")
        .expect("uncertified officer is due");
    assert_eq!(item["subject"], format!("{no} 周洁"));
    assert_eq!(item["state"], "overdue");
    let out = db.stdout(&[
        "person",
        "certify",
        "周洁",
        "--no",
        "粤保证2026-18",
        "--date",
        "2026-11-10",
    ]);
    assert!(out.contains("粤保证2026-18"), "{out}");
    assert!(
        !due(&db, "2026-11-27")
            .iter()
            .any(|i| i["rule"] == "R-PER-6")
    );
    // A typist has no certificate to take.
    add(&db, "陈静", "一般", Some("打字员"));
    db.refuses(&["person", "certify", "陈静", "--no", "证-1"], "R-PER-6");
    let err = db.refuses(&["person", "leave", "周洁", "--cert-returned"], "R-PER-6");
    assert!(
        err.contains("不满两年") && err.contains("保密组织"),
        "{err}"
    );
    let m = minute(&db, "同意更换保密员");
    let err = db.refuses(
        &[
            "person",
            "leave",
            "周洁",
            "--consent",
            &m,
            "--cert-returned",
        ],
        "R-PER-6",
    );
    assert!(err.contains("交接"), "{err}");
    add(&db, "胡军", "核心", None);
    db.refuses(&["person", "handover", "周洁", "--to", "胡军"], "R-PER-6");
    clear(&db, "胡军");
    db.stdout(&["person", "handover", "周洁", "--to", "胡军"]);
    let err = db.refuses(&["person", "leave", "周洁", "--consent", &m], "R-PER-6");
    assert!(err.contains("上岗资格证书"), "{err}");
    let out = db.stdout(&[
        "person",
        "leave",
        "周洁",
        "--consent",
        &m,
        "--cert-returned",
    ]);
    assert!(
        out.contains("在岗不满两年更换") && out.contains("胡军"),
        "{out}"
    );
    let shown = db.json(&["person", "show", "周洁", "--format", "json"]);
    assert_eq!(shown["values"]["cert_returned_on"], "2026-11-27");
    assert_eq!(shown["cooling_off_until"], "2028-11-27");
}

// R-PER-8: the officer's absence is handed to a cleared person, shown with who stands in, due
// when the officer is to be back, and ended by the return.
#[test]
fn r_per_8_temporary_absence() {
    let db = Db::demo();
    add(&db, "周洁", "核心", Some("保密员"));
    db.stdout(&[
        "person",
        "certify",
        "周洁",
        "--no",
        "证-7",
        "--date",
        "2026-11-02",
    ]);
    add(&db, "胡军", "核心", None);
    let err = db.refuses(
        &[
            "person",
            "away",
            "周洁",
            "--to",
            "胡军",
            "--from",
            "2026-11-20",
            "--until",
            "2026-11-25",
        ],
        "R-PER-8",
    );
    assert!(err.contains("保密责任书"), "{err}");
    db.refuses(
        &[
            "person",
            "away",
            "周洁",
            "--to",
            "无名氏",
            "--from",
            "2026-11-20",
        ],
        "R-PER-8",
    );
    clear(&db, "胡军");
    let out = db.stdout(&[
        "person",
        "away",
        "周洁",
        "--to",
        "RY-002",
        "--from",
        "2026-11-20",
        "--until",
        "2026-11-25",
    ]);
    assert!(out.contains("由胡军接替"), "{out}");
    let item = due(&db, "2026-11-27")
        .into_iter()
        .find(|i| i["rule"] == "R-PER-8")
        .expect("the absence is on the due list");
    assert!(item["title"].as_str().unwrap().contains("胡军"), "{item}");
    assert_eq!(item["state"], "overdue");
    let text = db.stdout(&["person", "show", "周洁"]);
    assert!(text.contains("暂时离岗由谁接替：胡军"), "{text}");
    db.refuses(
        &[
            "person",
            "away",
            "周洁",
            "--to",
            "胡军",
            "--from",
            "2026-11-26",
        ],
        "R-PER-8",
    );
    db.stdout(&["person", "back", "周洁"]);
    assert!(
        !due(&db, "2026-11-27")
            .iter()
            .any(|i| i["rule"] == "R-PER-8")
    );
}

// R-PER-2, R-PER-5, R-PER-6: the person form prints (PDF, CSV) with every column, the vetting, the
// certificate and the cooling-off end; R-TRN-3: the year's hours table prints as a PDF too.
#[test]
fn r_per_6_person_form_and_r_trn_3_hours_print() {
    let db = Db::demo();
    add(&db, "周洁", "核心", Some("保密员"));
    clear(&db, "周洁");
    db.stdout(&[
        "person",
        "certify",
        "周洁",
        "--no",
        "证-7",
        "--date",
        "2026-11-02",
    ]);
    let csv = db.stdout(&["person", "show", "周洁", "--format", "csv"]);
    for want in [
        "联系电话",
        "涉密资格审查",
        "2026-11-02 通过",
        "上岗资格证书",
        "证-7",
        "持证上岗",
    ] {
        assert!(csv.contains(want), "{want}: {csv}");
    }
    let font = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/BaomiTestSansSC.otf"
    );
    db.stdout(&["settings", "set", "font_path", font]);
    let pdf = db.dir.path().join("登记表.pdf");
    db.stdout(&[
        "person",
        "show",
        "周洁",
        "--format",
        "pdf",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    db.stdout(&[
        "training",
        "add",
        "--topic",
        "保密法",
        "--hours",
        "4",
        "--attendees",
        "周洁",
        "--date",
        "2026-11-05",
    ]);
    let hours = db.dir.path().join("学时.pdf");
    db.stdout(&[
        "training",
        "hours",
        "--year",
        "2026",
        "--format",
        "pdf",
        "--out",
        hours.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&hours).unwrap().starts_with(b"%PDF"));
    let html = db.stdout(&["training", "hours", "--year", "2026", "--format", "html"]);
    assert!(
        html.contains("2026年度保密教育培训学时统计表") && html.contains("周洁"),
        "{html}"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM audit WHERE action = '输出'"),
        2,
        "every file printed is in the audit log"
    );
}
