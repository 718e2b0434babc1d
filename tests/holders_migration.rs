//! Issue 11, existing data: a database made before the people register (holders and borrowers
//! were names) is upgraded: each name becomes a person whose vetting is 待补, shown on the due
//! list, and nothing the ledger already records is refused for it.

mod common;

use common::Db;

/// The schema as the previous migrations leave it: every table's and index's SQL, in order.
fn schema_of(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Turns the demo's ledger into the database the schema before migration 9 made: migration 9
/// (and the later ones) undone, checked to be exactly that schema, its pending step not yet run.
fn made_by_previous_schema(db: &Db) {
    let blocks = baomi::store::migrations();
    let previous = blocks
        .iter()
        .position(|b| b.contains("ALTER TABLE account ADD COLUMN person"))
        .expect("migration 9 adds account.person");
    let conn = rusqlite::Connection::open(db.path()).unwrap();
    conn.execute_batch(
        "DROP TABLE pending_step;
         ALTER TABLE account DROP COLUMN person;",
    )
    .unwrap();
    conn.pragma_update(None, "user_version", previous as i64)
        .unwrap();
    let old = rusqlite::Connection::open_in_memory().unwrap();
    for sql in &blocks[..previous] {
        old.execute_batch(sql).unwrap();
    }
    let normal = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    assert_eq!(normal(schema_of(&conn)), normal(schema_of(&old)));
}

// R-PER-2, issue 11 existing data: after the upgrade every holder, reader and borrower is a
// person (待补), on the due list as a person item; a paper lent before is taken back and lent
// again without a refusal; vetting recorded closes the gap; the audit log verifies.
#[test]
fn r_per_2_holders_become_people_on_upgrade() {
    let db = Db::demo();
    made_by_previous_schema(&db);
    assert_eq!(
        db.count("SELECT count(*) FROM record WHERE spec = 'person'"),
        0
    );
    // The first command settles the migration's step: it registers the people.
    let people = db.json(&["person", "list", "--format", "json"]);
    let people = people.as_array().unwrap();
    let names: Vec<&str> = people
        .iter()
        .map(|p| p["name"].as_str().unwrap_or(""))
        .collect();
    // Holders, readers, borrowers and those who carry a paper out (a list: 张伟、刘洋).
    for holder in ["李强", "孙丽", "马超", "黄敏", "赵磊", "张伟", "刘洋"] {
        assert!(names.contains(&holder), "{holder} in {names:?}");
    }
    assert!(!names.iter().any(|n| n.ends_with('局')), "{names:?}");
    assert_eq!(
        db.count("SELECT count(*) FROM pending_step"),
        0,
        "the step is done once"
    );
    assert_eq!(
        db.count(
            "SELECT count(*) FROM record WHERE spec = 'person'
             AND json_extract(data, '$.vet_result') = '待补'"
        ),
        people.len() as i64
    );
    assert!(db.count("SELECT count(*) FROM audit WHERE action = '迁移登记涉密人员'") > 0);
    // Each gap is a person item on the due list.
    let due = db.json(&["due", "--format", "json"]);
    let gaps: Vec<&serde_json::Value> = due
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "person" && i["rule"] == "R-PER-2")
        .collect();
    assert_eq!(gaps.len(), people.len(), "{due}");
    let huang = gaps
        .iter()
        .find(|i| i["subject"].as_str().unwrap().ends_with(" 黄敏"))
        .expect("黄敏's gap");
    assert!(huang["title"].as_str().unwrap().contains("待补"), "{huang}");
    // Nothing refused retroactively: 黄敏 has 2026-收-0032 on loan; it comes back and a 机密
    // paper is read by them as before.
    db.stdout(&["paper", "back", "2026-收-0032"]);
    let no = db
        .stdout(&[
            "paper",
            "receive",
            "--title",
            "迁移后的机密件",
            "--from",
            "市委办公室",
            "--level",
            "机密",
            "--scope",
            "黄敏",
            "--date",
            "2026-11-27",
        ])
        .trim()
        .to_string();
    db.stdout(&["paper", "circulate", &no, "--reader", "黄敏"]);
    // Vetting recorded and the letter signed: the gap leaves the due list.
    let huang_no = huang["subject"]
        .as_str()
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    db.stdout(&["person", "vet", huang_no, "--date", "2026-11-27"]);
    db.stdout(&["person", "pledge", huang_no, "--date", "2026-11-27"]);
    let due = db.json(&["due", "--format", "json"]);
    assert!(
        !due.as_array()
            .unwrap()
            .iter()
            .any(|i| i["subject"] == huang["subject"] && i["rule"] == "R-PER-2"),
        "{due}"
    );
    // A second command registers no one again.
    let before = db.count("SELECT count(*) FROM record WHERE spec = 'person'");
    db.stdout(&["person", "list"]);
    assert_eq!(
        db.count("SELECT count(*) FROM record WHERE spec = 'person'"),
        before
    );
    db.stdout(&["audit", "verify"]);
}
