//! `baomi label medium|computer NO... --out FILE.pdf` over the registers (R-MED-1, R-CMP-2): a
//! sheet of the records' labels, and nothing at all for a number not registered.

mod common;

use common::Db;

fn pages(path: &std::path::Path) -> usize {
    lopdf::Document::load(path)
        .expect("a PDF that lopdf reads")
        .get_pages()
        .len()
}

#[test]
fn r_med_1_labels_of_registered_media_and_computers() {
    let db = Db::demo();
    let mut media = Vec::new();
    for i in 1..=25 {
        let no = format!("U-{i:03}");
        db.add_usb(&no, "机密", &format!("SN-{i}"), &[]);
        media.push(no);
    }
    db.stdout(&[
        "computer",
        "add",
        "--class",
        "涉密",
        "--level",
        "秘密",
        "--no",
        "PC-001",
        "--keeper",
        "王芳",
        "--dept",
        "办公室",
    ]);
    let dir = db.dir.path();
    let sheet = dir.join("介质标签.pdf");
    let mut args = vec!["label", "medium"];
    args.extend(media.iter().map(String::as_str));
    args.extend(["--out", sheet.to_str().unwrap(), "--paper", "A4 多标签"]);
    db.stdout(&args);
    // 3 × 8 labels a sheet: 25 labels take two.
    assert_eq!(pages(&sheet), 2);
    let one = dir.join("计算机标签.pdf");
    db.stdout(&[
        "label",
        "computer",
        "PC-001",
        "--out",
        one.to_str().unwrap(),
        "--paper",
        "单张标签",
    ]);
    assert_eq!(pages(&one), 1);
}

#[test]
fn r_med_1_an_unregistered_number_prints_nothing() {
    let db = Db::demo();
    db.add_usb("U-001", "秘密", "SN-1", &[]);
    let out = db.dir.path().join("标签.pdf");
    let (code, err) = db.fails(&[
        "label",
        "medium",
        "U-001",
        "U-999",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("U-999"), "{err}");
    assert!(!out.exists());
}
