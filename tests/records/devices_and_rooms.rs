//! The two smaller ledgers: devices (R-DEV-2) and computer rooms with their visitor log (R-CMP-11).

use super::*;

// Devices: R-DEV-2 at registration, numbered in the device series.
#[test]
fn devices_register_with_their_rules() {
    let db = Db::demo();
    db.refuses(
        &["device", "add", "--kind", "电子邮箱", "--keeper", "李强"],
        "R-DEV-2",
    );
    let no = db.stdout(&[
        "device",
        "add",
        "--kind",
        "电子邮箱",
        "--keeper",
        "李强",
        "--signed-by",
        "陈红",
        "--account",
        "bmb@example.gov.cn",
    ]);
    assert_eq!(no.trim(), "SB-001");
    db.stdout(&["device", "password", "SB-001"]);
    let list = db.json(&["device", "list", "--format", "json"]);
    assert_eq!(list[0]["kind"], "电子邮箱");
}

// R-CMP-11: a computer room and its visitor log: escorted, no photographs.
#[test]
fn r_cmp_11_room_visitor_log() {
    let db = Db::demo();
    db.refuses(
        &["room", "add", "--name", "机要机房", "--level", "绝密"],
        "R-CMP-11",
    );
    let no = db.stdout(&[
        "room",
        "add",
        "--name",
        "三楼机房",
        "--level",
        "机密",
        "--zone",
        "核心区",
        "--keeper",
        "李强",
    ]);
    assert_eq!(no.trim(), "JF-001");
    db.refuses(
        &[
            "room",
            "visit",
            "JF-001",
            "--visitor",
            "赵工",
            "--escort",
            "李强",
            "--purpose",
            "巡检",
            "--photos",
        ],
        "R-CMP-11",
    );
    db.stdout(&[
        "room",
        "visit",
        "JF-001",
        "--visitor",
        "赵工",
        "--unit",
        "某公司",
        "--escort",
        "李强",
        "--purpose",
        "巡检",
        "--time",
        "10:00",
    ]);
    let r = db.json(&["room", "show", "JF-001", "--format", "json"]);
    assert_eq!(r["events"][0]["values"]["visitor"], "赵工");
}
