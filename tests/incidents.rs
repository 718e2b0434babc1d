//! Incidents and inspections from the command line (issue 12): an incident taken from its report
//! to its close with the due list showing each deadline in turn; a lost medium with one incident
//! and one 24-hour item; an inspection's findings, a leak found, a bureau check ahead and the
//! printed record form; every refusal naming its rule and writing nothing; hostile input refused.

mod common;

use common::Db;
use serde_json::Value;

/// The due items of `kind`, as (rule, subject, due, due_at).
fn due_of(db: &Db, kind: &str) -> Vec<(String, String, String, Value)> {
    let due = db.json(&["due", "--format", "json", "--within", "60"]);
    due.as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == kind)
        .map(|i| {
            (
                i["rule"].as_str().unwrap().to_string(),
                i["subject"].as_str().unwrap().to_string(),
                i["due"].as_str().unwrap().to_string(),
                i["due_at"].clone(),
            )
        })
        .collect()
}

/// The items of one incident or inspection (its number or its rectifications').
fn items(db: &Db, kind: &str, no: &str) -> Vec<(String, String, String, Value)> {
    due_of(db, kind)
        .into_iter()
        .filter(|i| i.1 == no || i.1.starts_with(&format!("{no}-")))
        .collect()
}

const CLOSING: &[&str] = &[
    "--investigation",
    "机密文件经微信发送，已查明",
    "--handling",
    "当事人记过处分",
    "--rectified",
    "全员培训，修订制度",
    "--inquiry-ref",
    "调查报告",
    "--statement-ref",
    "情况说明和检讨书",
    "--handling-ref",
    "处分决定",
];

// R-INC-2, R-INC-5: report → reported → follow-up → close, the due list showing the 24-hour, the
// one-week and the closing item in turn; each step out of order refused with nothing written.
#[test]
fn an_incident_from_its_report_to_its_close() {
    let db = Db::demo();
    let no = db.stdout(&[
        "incident",
        "report",
        "--date",
        "2026-11-26",
        "--time",
        "15:40",
        "--level",
        "机密",
        "--what",
        "机密文件经微信发送",
        "--kind",
        "泄露",
    ]);
    let no = no.trim();
    assert!(no.starts_with("SJ2026-"), "{no}");
    let first = items(&db, "incident", no);
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].0, "R-INC-2");
    assert_eq!(first[0].2, "2026-11-27");
    assert_eq!(first[0].3, "2026-11-27T15:40");
    db.refuses(&["incident", "follow-up", no], "R-INC-2");
    db.refuses(&["incident", "close", no], "R-INC-2");
    // Not before the event.
    db.refuses(
        &[
            "incident",
            "reported",
            no,
            "--date",
            "2026-11-26",
            "--time",
            "15:00",
        ],
        "上报时间",
    );
    db.stdout(&[
        "incident",
        "reported",
        no,
        "--date",
        "2026-11-27",
        "--time",
        "09:00",
        "--ref",
        "江保报〔2026〕3号",
    ]);
    let week = items(&db, "incident", no);
    assert_eq!(week.len(), 1, "{week:?}");
    assert_eq!(
        (week[0].2.as_str(), &week[0].3),
        ("2026-12-04", &Value::Null)
    );
    db.refuses(&["incident", "reported", no, "--time", "10:00"], "R-INC-2");
    db.stdout(&["incident", "follow-up", no, "--note", "已查明经过"]);
    let closing = items(&db, "incident", no);
    assert_eq!(closing.len(), 1);
    assert_eq!(closing[0].2, "2026-12-04", "7 days after the follow-up");
    // The closing report names what it lacks; then the measures (R-INC-5).
    let msg = db.refuses(&["incident", "close", no], "R-INC-2");
    assert!(msg.contains("调查报告"), "{msg}");
    let mut close = vec!["incident", "close", no];
    close.extend_from_slice(CLOSING);
    db.refuses(&close, "R-INC-5");
    let out = db.stdout(&[
        "incident",
        "measure",
        no,
        "--text",
        "全员保密培训",
        "--fix-by",
        "2026-12-20",
    ]);
    let measure = format!("{no}-1");
    assert!(out.contains(&measure), "{out}");
    assert!(
        items(&db, "incident", no)
            .iter()
            .any(|i| i.0 == "R-INC-5" && i.1 == measure && i.2 == "2026-12-20")
    );
    let form = db.stdout(&["incident", "print", no]);
    for field in [
        "泄露国家秘密事件报告表",
        "泄密内容及密级",
        "责任人基本情况",
        "补救措施",
    ] {
        assert!(form.contains(field), "{field}: {form}");
    }
    db.stdout(&close);
    let form = db.stdout(&["incident", "print", no]);
    for field in [
        "泄露国家秘密事件查处结案报告表",
        "泄密事件调查情况",
        "责任人处理情况",
        "单位整改情况",
        "当事人情况说明和检讨书",
        "全员保密培训",
        "填报单位主管领导",
    ] {
        assert!(form.contains(field), "{field}: {form}");
    }
    let after: Vec<_> = items(&db, "incident", no);
    assert_eq!(after.len(), 1, "only the measure is left: {after:?}");
    assert_eq!(after[0].0, "R-INC-5");
    db.stdout(&["incident", "fixed", &measure, "--note", "已培训 40 人"]);
    assert!(items(&db, "incident", no).is_empty());
    db.refuses(&["incident", "fixed", &measure], "R-INC-5");
    let shown = db.json(&["incident", "show", no, "--format", "json"]);
    assert_eq!(shown["state"], "已结案");
    assert_eq!(shown["values"]["inquiry_ref"], "调查报告");
    db.stdout(&["audit", "verify"]);
}

// R-MED-5 with R-INC-2: a lost medium opens one incident and there is one 24-hour item for both,
// closed by recording the report (on the medium or on the incident); the medium names its
// incident; R-INC-4: the lost medium is used in no act but its report.
#[test]
fn a_lost_medium_opens_one_incident_with_one_item() {
    let db = Db::demo();
    db.add_usb("U-017", "机密", "SN-0017", &[]);
    let before = db.count("SELECT count(*) FROM record WHERE spec = 'incident'");
    db.stdout(&[
        "medium",
        "lost",
        "U-017",
        "--date",
        "2026-11-26",
        "--time",
        "15:40",
        "--note",
        "会后遗落",
    ]);
    assert_eq!(
        db.count("SELECT count(*) FROM record WHERE spec = 'incident'"),
        before + 1
    );
    let m = db.json(&["medium", "show", "U-017", "--format", "json"]);
    let inc = m["values"]["incident"].as_str().unwrap().to_string();
    let due = db.json(&["due", "--format", "json"]);
    let timed: Vec<&Value> = due
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| !i["due_at"].is_null())
        .collect();
    assert_eq!(timed.len(), 1, "one 24-hour item: {timed:?}");
    assert_eq!(timed[0]["kind"], "incident");
    assert_eq!(timed[0]["subject"], inc.as_str());
    assert_eq!(timed[0]["due_at"], "2026-11-27T15:40");
    assert!(timed[0]["title"].as_str().unwrap().contains("U-017"));
    // The same loss is not reported as a second incident.
    db.refuses(
        &[
            "incident",
            "report",
            "--time",
            "16:00",
            "--level",
            "机密",
            "--what",
            "U盘遗失",
            "--carrier",
            "U-017",
        ],
        "R-INC-2",
    );
    db.refuses(&["medium", "issue", "U-017", "--to", "张三"], "R-INC-4");
    db.refuses(&["medium", "check", "U-017"], "R-INC-4");
    db.stdout(&[
        "medium",
        "report",
        "U-017",
        "--to",
        "市保密局",
        "--ref",
        "江保报2026-3",
    ]);
    let shown = db.json(&["incident", "show", &inc, "--format", "json"]);
    assert_eq!(shown["state"], "已上报");
    let due = db.json(&["due", "--format", "json"]);
    assert!(
        due.as_array()
            .unwrap()
            .iter()
            .all(|i| i["due_at"].is_null())
    );
    assert_eq!(items(&db, "incident", &inc)[0].2, "2026-12-04");
    // A lost paper opens its incident too.
    let paper = db.stdout(&[
        "paper",
        "receive",
        "--title",
        "关于保密检查的通知",
        "--from",
        "市保密局",
        "--doc-no",
        "江保〔2026〕88号",
        "--level",
        "秘密",
        "--copies",
        "1",
        "--location",
        "1号保密柜",
    ]);
    let paper = paper.split_whitespace().next().unwrap().to_string();
    db.stdout(&[
        "paper",
        "lost",
        &paper,
        "--note",
        "清点未见",
        "--time",
        "08:30",
    ]);
    let timed: Vec<Value> = db
        .json(&["due", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| !i["due_at"].is_null())
        .cloned()
        .collect();
    assert_eq!(timed.len(), 1);
    assert_eq!(timed[0]["due_at"], "2026-11-28T08:30");
    // The paper's page names its incident.
    let page = db.json(&["paper", "show", &paper, "--format", "json"]);
    assert_eq!(page["incident"], timed[0]["subject"]);
}

// R-INS-1…5: a self-check with its findings on the due list (kind inspection) until fixed, a
// leak found opening an incident, a bureau check ahead as a due item (only a bureau check), the
// record form printed with its sections, the archive.
#[test]
fn an_inspection_with_findings_a_leak_and_its_form() {
    let db = Db::demo();
    let no = db.stdout(&[
        "inspection",
        "add",
        "--kind",
        "自查",
        "--date",
        "2026-11-20",
        "--dept",
        "办公室",
        "--level",
        "机密",
    ]);
    let no = no.trim();
    db.stdout(&[
        "inspection",
        "record",
        no,
        "--equipment",
        "保密柜、碎纸机完好",
        "--premises",
        "门禁正常",
    ]);
    let out = db.stdout(&[
        "inspection",
        "finding",
        no,
        "--text",
        "保密柜未上锁",
        "--fix-by",
        "2026-11-25",
        "--date",
        "2026-11-20",
    ]);
    let finding = format!("{no}-1");
    assert!(out.contains(&finding), "{out}");
    let due = items(&db, "inspection", no);
    assert_eq!(
        due,
        vec![(
            "R-INS-2".to_string(),
            finding.clone(),
            "2026-11-25".to_string(),
            Value::Null
        )]
    );
    let all = db.json(&["due", "--format", "json"]);
    let f = all
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["subject"] == finding.as_str())
        .unwrap();
    assert_eq!(f["state"], "overdue");
    // R-INS-3: a leak found opens an incident from the time it was found.
    db.refuses(
        &[
            "inspection",
            "finding",
            no,
            "--text",
            "机密文件存于互联网计算机",
            "--fix-by",
            "2026-11-30",
            "--leak",
        ],
        "R-INS-3",
    );
    let incidents = db.count("SELECT count(*) FROM record WHERE spec = 'incident'");
    db.stdout(&[
        "inspection",
        "finding",
        no,
        "--text",
        "机密文件存于互联网计算机",
        "--fix-by",
        "2026-11-30",
        "--leak",
        "--time",
        "10:15",
    ]);
    assert_eq!(
        db.count("SELECT count(*) FROM record WHERE spec = 'incident'"),
        incidents + 1
    );
    assert!(
        due_of(&db, "incident")
            .iter()
            .any(|i| i.3 == "2026-11-28T10:15")
    );
    db.refuses(&["inspection", "fixed", &format!("{no}-7")], "R-INS-2");
    db.stdout(&["inspection", "fixed", &finding, "--note", "已上锁"]);
    assert_eq!(items(&db, "inspection", no).len(), 1);
    // R-INS-4: only the bureau's check ahead, a due item on its day.
    db.refuses(
        &[
            "inspection",
            "add",
            "--kind",
            "抽查",
            "--date",
            "2026-12-04",
        ],
        "R-INS-4",
    );
    let bureau = db.stdout(&[
        "inspection",
        "add",
        "--kind",
        "局检查",
        "--date",
        "2026-12-04",
    ]);
    let bureau = bureau.trim();
    assert_eq!(
        items(&db, "inspection", bureau),
        vec![(
            "R-INS-4".to_string(),
            bureau.to_string(),
            "2026-12-04".to_string(),
            Value::Null
        )]
    );
    db.refuses(
        &[
            "inspection",
            "finding",
            bureau,
            "--text",
            "x",
            "--fix-by",
            "2026-12-31",
        ],
        "R-INS-4",
    );
    // R-INS-1: the form, every section, filled from the ledgers.
    let form = db.stdout(&["inspection", "print", no]);
    for section in [
        "保密检查记录表",
        "涉密人员管理",
        "涉密载体管理",
        "绝密件管理情况",
        "保密设备、设施检查情况",
        "办公场所防范情况",
        "其他情况",
        "检查意见",
        "保密整改措施及保密要求",
        "检查档案",
        "保密柜、碎纸机完好",
        "纸介质",
    ] {
        assert!(form.contains(section), "{section}: {form}");
    }
    let pdf = db.dir.path().join("form.pdf");
    db.stdout(&[
        "inspection",
        "print",
        no,
        "--format",
        "pdf",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // R-INS-5: archived with its papers; nothing more is done to it.
    db.stdout(&[
        "inspection",
        "archive",
        no,
        "--papers",
        "检查记录表、整改通知书、整改报告",
        "--volume",
        "2026-JC-01",
    ]);
    let form = db.stdout(&["inspection", "print", no]);
    assert!(form.contains("检查记录表、整改通知书、整改报告"), "{form}");
    db.refuses(&["inspection", "record", no, "--other", "补记"], "R-INS-5");
    db.stdout(&["audit", "verify"]);
}

// Hostile input: dates out of range, a time that is none, control characters, numbers that name
// nothing; each refused with nothing written.
#[test]
fn hostile_input_is_refused() {
    let db = Db::demo();
    let report = |extra: &[&str]| {
        let mut a = vec!["incident", "report", "--level", "机密", "--what", "泄露"];
        a.extend_from_slice(extra);
        a.iter().map(|s| s.to_string()).collect::<Vec<String>>()
    };
    for (extra, what) in [
        (vec!["--time", "09:00", "--date", "1900-01-01"], "--date"),
        (vec!["--time", "09:00", "--date", "2026-12-01"], "--date"),
        (vec!["--time", "25:00"], "发生时间"),
        (vec!["--time", "09:00", "--carrier", "U-999"], "载体编号"),
        (vec!["--time", "09:00", "--carrier", "../etc"], "载体编号"),
        (
            vec!["--time", "09:00", "--place", "会议室\u{1b}[2J"],
            "发生地点",
        ),
    ] {
        let args = report(&extra);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let msg = db.refuses(&args, what);
        assert!(!msg.contains('\u{1b}'), "{msg}");
    }
    db.refuses(
        &[
            "inspection",
            "add",
            "--kind",
            "局检查",
            "--date",
            "2101-01-01",
        ],
        "--date",
    );
    db.refuses(
        &[
            "inspection",
            "add",
            "--kind",
            "自查",
            "--dept",
            "办\u{7}公室",
        ],
        "部门",
    );
    let no = db.stdout(&["inspection", "add", "--kind", "自查"]);
    db.refuses(
        &[
            "inspection",
            "finding",
            no.trim(),
            "--text",
            "x",
            "--fix-by",
            "2200-01-01",
        ],
        "整改期限",
    );
    let (code, _) = db.fails(&["inspection", "fixed", "JC2026-99-1"]);
    assert_eq!(code, 1);
}

// R-INS-2, R-INC-5: a rectification is found by its text (baomi search), as its inspection or
// incident, with its own number in the hit's title.
#[test]
fn r_ins_2_a_rectification_is_found_by_its_text() {
    let db = Db::demo();
    let no = db.stdout(&[
        "inspection",
        "add",
        "--kind",
        "自查",
        "--date",
        "2026-11-20",
        "--dept",
        "办公室",
    ]);
    let no = no.trim();
    db.stdout(&[
        "inspection",
        "finding",
        no,
        "--text",
        "碎纸机未达保密标准",
        "--fix-by",
        "2026-12-10",
    ]);
    let hits = db.json(&["search", "碎纸机未达", "--format", "json"]);
    let hit = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["subject"] == no)
        .unwrap_or_else(|| panic!("{hits}"));
    assert_eq!(hit["kind"], "inspection");
    assert!(
        hit["title"]
            .as_str()
            .unwrap()
            .contains(&format!("整改 {no}-1：碎纸机未达保密标准")),
        "{hit}"
    );
    // Two characters go through the other path of the search.
    let hits = db.stdout(&["search", "碎纸"]);
    assert!(hits.contains(no), "{hits}");
}
