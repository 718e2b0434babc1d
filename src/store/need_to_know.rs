//! Need to know (issue 11), done once where rows are read for an account: every query of papers
//! selects its title through `title_for`, a function of this connection that asks the domain's
//! `Viewer`. Logging in (password or session) sets the viewer; until then every title shows.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

use super::accounts::Account;
use super::{Change, Result, Store, json};
use crate::domain::level::Level;
use crate::domain::need_to_know::Viewer;
use crate::domain::rules::person::SPEC;
use crate::domain::text::split_list;

/// Makes `title_for` read titles as `viewer` does on this connection.
pub(super) fn install(conn: &Connection, viewer: Viewer) -> Result<()> {
    conn.create_scalar_function(
        "title_for",
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let title: String = ctx.get(2)?;
            if viewer == Viewer::All {
                return Ok(title);
            }
            // An unreadable level is taken as the highest: the title stays hidden.
            let level = Level::from_code(ctx.get(0)?).unwrap_or(Level::TopSecret);
            // Only 绝密 titles are ever hidden: the others skip reading the scope (a 100,000-row
            // read as a linked account took 108 ms instead of 307 ms in a debug build).
            if level != Level::TopSecret {
                return Ok(title);
            }
            let scope: String = ctx.get::<Option<String>>(1)?.unwrap_or_default();
            Ok(viewer.title(level, &split_list(&scope), &title).to_string())
        },
    )?;
    Ok(())
}

/// How a screen or list names the person an account is linked to: "RY-003 陈静（综合科）", the bare
/// number when the register no longer holds it, "" for none.
pub fn person_label(conn: &Connection, no: &str) -> Result<String> {
    if no.is_empty() {
        return Ok(String::new());
    }
    Ok(match super::records::find(conn, &SPEC, no)? {
        Some(r) => match r.get("dept") {
            "" => format!("{no} {}", crate::domain::rules::person::name(&r)),
            dept => format!("{no} {}（{dept}）", crate::domain::rules::person::name(&r)),
        },
        None => no.to_string(),
    })
}

/// Links `account` to the person numbered or uniquely named `person` ("" unlinks), by an officer:
/// that account then reads 绝密 titles as that person may see them.
pub fn set_person(c: &mut Change<'_>, account: &str, person: &str) -> Result<String> {
    super::accounts::require_officer(c, "关联涉密人员")?;
    let target = super::accounts::get(&c.tx, account)?;
    let no = match person.trim() {
        "" => String::new(),
        q => match super::people::knowers(&c.tx, [q])?.pop() {
            Some(k) => k.no,
            None => return Err(super::StoreError::not_found("涉密人员", q)),
        },
    };
    c.tx.execute(
        "UPDATE account SET person = ?2 WHERE name = ?1",
        rusqlite::params![target.name, no],
    )?;
    c.audit(
        "关联涉密人员",
        &target.name,
        json(serde_json::json!({ "person": target.person })),
        json(serde_json::json!({ "person": no })),
    );
    Ok(no)
}

impl Store {
    /// From now on this connection reads papers as `account` may see them.
    pub fn set_viewer(&mut self, account: &Account) -> Result<()> {
        let person = match account.person.as_str() {
            "" => None,
            no => super::records::find(self.conn(), &SPEC, no)?,
        };
        let viewer = Viewer::of(account.role, person.as_ref().map(super::people::knower));
        install(self.conn(), viewer)
    }
}
