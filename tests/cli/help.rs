//! What the command line says before it does anything: help and usage in Chinese, every option
//! described.

use super::*;

#[test]
fn help_is_in_chinese() {
    let out = Command::cargo_bin("baomi")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("用法") && s.contains("命令") && s.contains("选项"),
        "{s}"
    );
    assert!(s.contains("到期提醒清单"));
    let out = Command::cargo_bin("baomi")
        .unwrap()
        .args(["paper", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("收文登记"));
}

#[test]
fn usage_errors_exit_2_in_chinese() {
    let db = demo();
    let (code, err) = db.fails(&["paper", "frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("不认识"), "{err}");
    let (code, err) = db.fails(&["--today", "2026-02-30", "due"]);
    assert_eq!(code, 2);
    assert!(err.contains("不是有效日期"), "{err}");
    let (code, err) = db.fails(&["due", "--as-of", "明天"]);
    assert_eq!(code, 2, "{err}");
}

// Issue 9 point 18: every help is Chinese: no "Usage:/Options:" beside "选项", no English
// placeholders, and every option and argument says what it is.
#[test]
fn every_help_is_chinese_and_describes_every_option() {
    let db = demo();
    let commands: &[&[&str]] = &[
        &[],
        &["paper"],
        &["paper", "receive"],
        &["paper", "loan"],
        &["request", "loan"],
        &["approve"],
        &["search"],
        &["due"],
        &["register"],
        &["import"],
        &["export"],
        &["backup"],
        &["restore"],
        &["audit", "accept"],
        &["user", "add"],
        &["user", "role"],
        &["settings", "set"],
        &["holiday", "add"],
        &["login"],
        &["init"],
    ];
    for args in commands {
        let out = db.cmd().args(*args).arg("--help").output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "[OPTIONS]",
            "[default:",
            "Print help",
        ] {
            assert!(!text.contains(english), "{args:?} says {english}:\n{text}");
        }
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for line in text
            .lines()
            .filter(|l| l.trim_start().starts_with(['-', '<', '[']))
        {
            assert!(
                cjk(line),
                "{args:?}: an option without a description: {line}"
            );
        }
        for placeholder in text.split(['<', '>']).skip(1).step_by(2) {
            assert!(
                placeholder == "N" || cjk(placeholder),
                "{args:?}: an English placeholder <{placeholder}>"
            );
        }
    }
}
