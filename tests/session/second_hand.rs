//! R-SYS-6: an approval is a second, older hand: the officer who filed a request cannot approve it,
//! nor can one promoted after filing it.

use super::*;

/// Files a loan of `paper`; one open loan request per paper (R-PAP-9), so a second request in a
/// test names another paper.
fn file_loan_of(db: &Db, officer: (&str, &str), paper: &str) -> String {
    // A borrower inside the paper's knowledge scope (R-PAP-9).
    let scope = db.query(&format!("SELECT scope FROM paper WHERE no = '{paper}'"));
    let borrower = scope.split('、').next().unwrap_or_default().to_string();
    let out = common::succeeded(
        "request loan",
        db.with_password(officer.0, officer.1)
            .args([
                "request",
                "loan",
                paper,
                "--borrower",
                &borrower,
                "--return-by",
                "2026-12-10",
            ])
            .output(),
    );
    out.trim().to_string()
}

fn file_loan(db: &Db, officer: (&str, &str)) -> String {
    file_loan_of(db, officer, "2026-收-0041")
}

// R-SYS-6: whoever filed a request never approves it, by login or on a signed form.
#[test]
fn r_sys_6_the_filer_cannot_approve() {
    let db = Db::new();
    let id = file_loan(&db, ("zhaomin", "Baomi@2026-zhao"));
    // The filer records a signed form naming themself: refused.
    let out = db
        .with_password("zhaomin", "Baomi@2026-zhao")
        .args([
            "approve",
            &id,
            "--approver",
            "赵敏",
            "--form-ref",
            "审批表07",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("R-SYS-6") && err.contains("自己的申请"),
        "{err}"
    );
    // The filer made leader: still refused, first of all as the filer.
    db.with_password("liqiang", "Baomi@2026-li")
        .args(["user", "role", "zhaomin", "leader"])
        .assert()
        .success();
    db.login("zhaomin", "Baomi@2026-zhao");
    let (code, _, err) = db.run(&["approve", &id, "--opinion", "同意"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("R-SYS-6") && err.contains("自己的申请"),
        "{err}"
    );
    assert_eq!(
        db.query(&format!("SELECT state FROM request WHERE id = {id}")),
        "pending"
    );
    // The filer may still record the leader's signed decision: recording is not approving.
    let id2 = file_loan_of(&db, ("liqiang", "Baomi@2026-li"), "2026-收-0030");
    db.with_password("liqiang", "Baomi@2026-li")
        .args(["withdraw", &id])
        .assert()
        .success();
    common::succeeded(
        "approve",
        db.with_password("liqiang", "Baomi@2026-li")
            .args([
                "approve",
                &id2,
                "--approver",
                "王建国",
                "--form-ref",
                "审批表08",
            ])
            .output(),
    );
}

// R-SYS-6: an account created, or made leader, after a request was filed cannot approve it.
#[test]
fn r_sys_6_promoted_after_filing_cannot_approve() {
    let db = Db::new();
    let id = file_loan(&db, ("liqiang", "Baomi@2026-li"));
    db.with_password("liqiang", "Baomi@2026-li")
        .env("BAOMI_NEW_PASSWORD", "Lingdao@2026-liu")
        .args([
            "user", "add", "liuxin", "--role", "leader", "--name", "刘新",
        ])
        .assert()
        .success();
    db.with_password("liqiang", "Baomi@2026-li")
        .args(["user", "role", "chenhong", "leader"])
        .assert()
        .success();
    for (user, password) in [
        ("liuxin", "Lingdao@2026-liu"),
        ("chenhong", "Bumen@2026-chen"),
    ] {
        let out = db
            .with_password(user, password)
            .args(["approve", &id, "--opinion", "同意"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{user}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("R-SYS-6") && err.contains("之后才成为主管领导"),
            "{user}: {err}"
        );
    }
    // A leader who already was one approves; a request filed later is the new leader's to decide.
    db.login("wangjianguo", "Lingdao@2026-wang");
    db.ok(&["approve", &id, "--opinion", "同意"]);
    let id2 = file_loan_of(&db, ("zhaomin", "Baomi@2026-zhao"), "2026-收-0030");
    db.with_password("liuxin", "Lingdao@2026-liu")
        .args(["reject", &id2, "--opinion", "借阅人不在知悉范围"])
        .assert()
        .success();
}
