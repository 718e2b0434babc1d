//! R-SYS-1, R-CMP-4 (issue 9 point 7): the unit's highest level decides how strong passwords are;
//! raising it makes every account choose a password of the stronger policy at its next login,
//! at the command line and on the login screen, before anything else.

mod common;

use baomi::domain::account::{PasswordPolicy, Role};
use baomi::domain::level::Level;
use baomi::store::{OpenMode, Store, accounts, settings};
use baomi::ui::harness::Harness;
use common::*;

const STRONG: &str = "Xinkouling@2026-li";

/// A 秘密 unit with two officers whose passwords meet the 秘密 policy only.
fn secret_unit(db: &std::path::Path) -> Store {
    let mut s = Store::open(db, OpenMode::Create).unwrap();
    let weak = PasswordPolicy::for_level(Level::Confidential);
    s.change(&officer(), |c| {
        settings::set(c, "unit_name", "测试局")?;
        settings::set(c, "highest_level", "秘密")?;
        accounts::add(c, "liqiang", "李强", Role::Officer, "Baomi@2026-li", weak)?;
        accounts::add(c, "zhaomin", "赵敏", Role::Officer, "Baomi@2026-zhao", weak)
    })
    .unwrap();
    s
}

fn raise_to_top_secret(db: &std::path::Path) {
    let mut s = Store::open(db, OpenMode::Existing).unwrap();
    s.change(&officer(), |c| settings::set(c, "highest_level", "绝密"))
        .unwrap();
}

// R-CMP-4: after the raise, every command but one's own password change is refused, for every
// account; a weak new password is refused; a strong one lets the account work again.
#[test]
fn r_cmp_4_a_raised_level_makes_every_account_renew_its_password_cli() {
    let db = Db {
        dir: tempfile::tempdir().unwrap(),
    };
    drop(secret_unit(&db.path()));
    db.cmd().args(["paper", "list"]).assert().success();
    raise_to_top_secret(&db.path());
    for (user, password) in [("liqiang", "Baomi@2026-li"), ("zhaomin", "Baomi@2026-zhao")] {
        let out = db
            .as_user(user, password)
            .args(["paper", "list"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("R-CMP-4") && err.contains("最高密级已提高为绝密"),
            "{user}: {err}"
        );
    }
    // The old policy's password (10 characters, two classes) no longer passes.
    common::fails_with(
        db.cmd()
            .env("BAOMI_NEW_PASSWORD", "Baomi2026li")
            .args(["user", "passwd"])
            .output(),
        1,
        "R-CMP-4",
    );
    // Someone else's password is not one's own: still refused.
    let out = db
        .cmd()
        .env("BAOMI_NEW_PASSWORD", STRONG)
        .args(["user", "passwd", "zhaomin"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    db.cmd()
        .env("BAOMI_NEW_PASSWORD", STRONG)
        .args(["user", "passwd"])
        .assert()
        .success();
    db.as_user("liqiang", STRONG)
        .args(["paper", "list"])
        .assert()
        .success();
    // The other officer still has to.
    let out = db
        .as_user("zhaomin", "Baomi@2026-zhao")
        .args(["paper", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

// R-CMP-4: on the login screen the same account is asked for a new password first; a weak one is
// refused with the rule, a strong one logs in.
#[test]
fn r_cmp_4_the_login_screen_asks_for_a_stronger_password_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baomi.db");
    drop(secret_unit(&path));
    raise_to_top_secret(&path);
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    let mut h = Harness::new(store, today(), 80, 24);
    h.login("liqiang", "Baomi@2026-li");
    assert!(h.app.user.is_none(), "not in yet:\n{}", h.screen());
    let screen = h.screen();
    assert!(
        screen.contains("新口令") && screen.contains("R-CMP-4"),
        "{screen}"
    );
    h.type_str("Baomi2026li");
    h.tab();
    h.type_str("Baomi2026li");
    h.enter();
    assert!(h.app.user.is_none());
    assert!(h.screen().contains("R-CMP-4"), "{}", h.screen());
    h.type_str(STRONG);
    h.tab();
    h.type_str(STRONG);
    h.enter();
    assert!(h.app.user.is_some(), "{}", h.screen());
    drop(dir);
}
