//! Records in and out of files: an officer's sheet imported and exported, a backup restored, a
//! hand edit found by `audit verify`.

use super::*;

// Import reads an officer's 涉密存储介质 sheet by its headers (title row above, synonyms), all or
// nothing with every bad row by its line; export writes what import reads back.
#[test]
fn import_and_export_media() {
    let db = office();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("介质.csv");
    std::fs::write(
        &good,
        "2026年涉密存储介质台账\n\
         单位,科室/课题组,保密编号,类型,型号,责任人,密级,序列号,放置地点,用途,使用范围,启用时间,使用情况,备注\n\
         某局,办公室,U-101,U盘,闪迪,王五,秘密,SD-1,机要室,存储,本科室,2025-03-01,,\n\
         某局,办公室,,移动硬盘,西数,王五,机密,WD-9,机要室,备份,本科室,2025-04-01,,\n",
    )
    .unwrap();
    let bad = dir.path().join("坏.csv");
    std::fs::write(
        &bad,
        "保密编号,类型,密级,序列号,部门,责任人\n\
         U-017,U盘,秘密,X1,办公室,王五\n\
         U-201,软驱,秘密,X2,办公室,王五\n\
         U-202,U盘,机密,,办公室,王五\n\
         U-203,U盘,秘密,X4,,\n",
    )
    .unwrap();
    let before = db.written();
    let (code, err) = db.fails(&["import", "media", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    for line in ["第2行", "第3行", "第4行", "第5行"] {
        assert!(err.contains(line), "{line}: {err}");
    }
    assert!(err.contains("R-MED-1"), "{err}");
    assert_eq!(db.written(), before);
    let out = db.stdout(&["import", "media", good.to_str().unwrap()]);
    assert!(out.contains("2 件"), "{out}");
    // The imported rows are in the search index (it takes them in one statement after the rows),
    // and its triggers are back for what is registered after.
    for (fragment, no) in [("SD-1", "U-101"), ("WD-9", "U-001")] {
        let found = db.stdout(&["search", fragment]);
        assert!(found.contains(no), "{fragment}: {found}");
    }
    db.stdout(&[
        "medium",
        "add",
        "--kind",
        "U盘",
        "--level",
        "秘密",
        "--serial",
        "KX-77",
        "--keeper",
        "王五",
        "--dept",
        "办公室",
    ]);
    assert!(db.stdout(&["search", "KX-77"]).contains("KX-77"));
    let csv = db.stdout(&["export", "media"]);
    assert!(csv.starts_with("\u{feff}\"保密编号\""), "{csv}");
    assert!(
        csv.contains("\"U-101\"") && csv.contains("\"U-001\""),
        "{csv}"
    );
    // The export reads back into another unit's ledger.
    let other = Db::demo();
    let file = dir.path().join("导出.csv");
    std::fs::write(&file, &csv).unwrap();
    other.stdout(&["import", "media", file.to_str().unwrap()]);
    let list = other.json(&["medium", "list", "--format", "json"]);
    let nos: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["no"].as_str().unwrap())
        .collect();
    assert_eq!(nos, ["U-017", "U-101", "U-001", "U-002"]);
    db.stdout(&["audit", "verify"]);
}

// R-MED-1: a row without a number takes the next in the unit's format, but never one a later
// row of the same file gives itself.
#[test]
fn r_med_1_import_numbers_around_the_files_own() {
    let db = office();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("介质.csv");
    std::fs::write(
        &file,
        "保密编号,类型,密级,序列号,部门,责任人\n\
         ,U盘,秘密,N-1,办公室,王五\n\
         U-001,U盘,秘密,N-2,办公室,王五\n",
    )
    .unwrap();
    db.stdout(&["import", "media", file.to_str().unwrap()]);
    let list = db.json(&["medium", "list", "--format", "json"]);
    let serial_of = |no: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["no"] == no)
            .map(|r| r["serial"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(serial_of("U-001").as_deref(), Some("N-2"), "{list}");
    assert_eq!(serial_of("U-002").as_deref(), Some("N-1"), "{list}");
    db.stdout(&["audit", "verify"]);
}

// R-SYS-3: a record changed behind baomi's back is found by `audit verify`.
#[test]
fn a_record_edited_behind_baomis_back_is_found() {
    let db = office();
    db.stdout(&["medium", "issue", "U-017", "--to", "张三"]);
    db.stdout(&["audit", "verify"]);
    {
        let conn = rusqlite::Connection::open(db.path()).unwrap();
        conn.execute("UPDATE record SET holder = '外单位' WHERE no = 'U-017'", [])
            .unwrap();
        let e = conn
            .execute("DELETE FROM record_event", [])
            .unwrap_err()
            .to_string();
        assert!(e.contains("不可删除"), "{e}");
    }
    let (code, err) = db.fails(&["audit", "verify"]);
    assert_ne!(code, 0);
    assert!(err.contains("介质、计算机、设备台帐"), "{err}");
}

// R-SYS-4: media and computers are in the backup, and a restored database verifies with them.
#[test]
fn backup_and_restore_keep_the_records() {
    let db = office();
    db.stdout(&["medium", "issue", "U-017", "--to", "张三"]);
    let file = db.dir.path().join("backup.db");
    db.stdout(&["backup", file.to_str().unwrap()]);
    let target = db.dir.path().join("restored.db");
    db.cmd()
        .env("BAOMI_DB", &target)
        .args(["restore", file.to_str().unwrap()])
        .assert()
        .success();
    let out = db
        .cmd()
        .env("BAOMI_DB", &target)
        .args(["medium", "show", "U-017", "--format", "json"])
        .output()
        .unwrap();
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(m["holder"], "张三");
    db.cmd()
        .env("BAOMI_DB", &target)
        .args(["audit", "verify"])
        .assert()
        .success();
}
