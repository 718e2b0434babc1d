//! Data the schema's migrations ask to be put right in Rust, because the audit log vouches for
//! every record row and event (`cover`): plain SQL in a migration would look like tampering to
//! `audit verify`. A migration leaves a row in `pending_step`; the first program that opens the
//! database with a clock (a command, the TUI) does the fix in one change with its audit rows and
//! deletes the row.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use super::{Filter, for_each};
use crate::domain::dates;
use crate::domain::ledgers::Record;
use crate::domain::rules::computer;
use crate::store::{Change, Result, Stamp, Store, json};

/// The act of an event a migration wrote (its label `MIGRATED_LABEL`).
pub const MIGRATED: &str = "migrated";
pub const MIGRATED_LABEL: &str = "数据迁移";
/// Who the audit log and the history name for a migration's change.
const ACTOR: &str = "系统迁移";
/// Migration 9 (R-PER-2): the holders, readers and borrowers the ledger names become people.
const HOLDERS: &str = "holders_to_people";
/// Migration 10 (R-CMP-2): classified computers in use without a filing go to 待备案.
const UNFILED: &str = "unfiled_computers";
/// Migration 11 (R-INS-2, R-INC-5): search texts written before rectifications were in them.
const SEARCH_TEXT: &str = "record_search_text";

/// What `settle` did: people registered from the ledger's names (migration 9, R-PER-2),
/// classified computers moved to 待备案 (migration 10, R-CMP-2) and records whose search text
/// was written again (migration 11, R-INS-2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settled {
    pub people: usize,
    pub unfiled: usize,
    pub search_texts: usize,
}

/// Does the fixes the migrations left, each in its own change, on the day `today` (`now` for the
/// audit log). Every command and the TUI call it once at start: the one runner of `pending_step`.
pub fn settle(store: &mut Store, today: NaiveDate, now: NaiveDateTime) -> Result<Settled> {
    let stamp = Stamp::on(ACTOR, today, now);
    let mut done = Settled::default();
    // Every command starts here: one query when, as almost always, nothing is pending.
    let waiting = pending(store.conn())?;
    if waiting.is_empty() {
        return Ok(done);
    }
    if waiting.iter().any(|w| w == HOLDERS) {
        done.people = store.change(&stamp, |c| {
            c.tx.execute("DELETE FROM pending_step WHERE name = ?1", [HOLDERS])?;
            let people = crate::store::holders::adopt(c)?;
            c.audit(
                MIGRATED_LABEL,
                "R-PER-2",
                None,
                json(serde_json::json!({"people": people.len()})),
            );
            Ok(people.len())
        })?;
    }
    if waiting.iter().any(|w| w == UNFILED) {
        done.unfiled = file_unfiled(store, &stamp)?;
    }
    if waiting.iter().any(|w| w == SEARCH_TEXT) {
        done.search_texts = search_texts(store, &stamp)?;
    }
    Ok(done)
}

/// A pending step that puts right what `find` finds. With nothing found it is removed quietly;
/// otherwise `fix` puts it right in one change, which finds it again (no other program can write
/// inside it) and removes the step with its audit rows.
fn run_step<T>(
    store: &mut Store,
    stamp: &Stamp,
    name: &str,
    find: fn(&Connection) -> Result<Vec<T>>,
    fix: impl Fn(&mut Change<'_>, &[T]) -> Result<()>,
) -> Result<usize> {
    if find(store.conn())?.is_empty() {
        store
            .conn()
            .execute("DELETE FROM pending_step WHERE name = ?1", [name])?;
        return Ok(0);
    }
    store.change(stamp, |c| {
        let found = find(&c.tx)?;
        fix(c, &found)?;
        c.tx.execute("DELETE FROM pending_step WHERE name = ?1", [name])?;
        Ok(found.len())
    })
}

fn file_unfiled(store: &mut Store, stamp: &Stamp) -> Result<usize> {
    let today = stamp.today();
    run_step(store, stamp, UNFILED, unfiled, |c, wrong| {
        let note = serde_json::json!({ "note": computer::UNFILED_NOTE }).to_string();
        for r in wrong {
            c.tx.execute("UPDATE record SET state = 'unfiled' WHERE id = ?1", [r.id])?;
            c.tx.execute(
                "INSERT INTO record_event (record_id, act, on_date, data, handler)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![r.id, MIGRATED, dates::iso(today), note, ACTOR],
            )?;
            c.audit(
                &format!("{}{MIGRATED_LABEL}", computer::SPEC.noun),
                &r.no,
                json(serde_json::json!({"state": r.state_label()})),
                json(serde_json::json!({"state": "待备案", "note": computer::UNFILED_NOTE})),
            );
        }
        c.audit(
            MIGRATED_LABEL,
            "R-CMP-2",
            None,
            json(serde_json::json!({"unfiled": wrong.len()})),
        );
        Ok(())
    })
}

/// The names of the steps the migrations left.
fn pending(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pending_step")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes again every record's search text that differs from what `search_text` makes of it now
/// (its rectifications, R-INS-2, R-INC-5), so that record_fts finds them; the index follows by
/// its trigger. One audit row counts them; the change's digest vouches for the rows.
fn search_texts(store: &mut Store, stamp: &Stamp) -> Result<usize> {
    run_step(store, stamp, SEARCH_TEXT, stale_texts, |c, stale| {
        for (id, text) in stale {
            c.tx.execute(
                "UPDATE record SET text = ?2 WHERE id = ?1",
                params![id, text],
            )?;
        }
        c.audit(
            MIGRATED_LABEL,
            "R-INS-2",
            None,
            json(serde_json::json!({"search_text": stale.len()})),
        );
        Ok(())
    })
}

/// The records whose stored search text is not what `search_text` makes of them, with the text.
fn stale_texts(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stale = Vec::new();
    for spec in crate::domain::ledgers::spec::all() {
        for_each(conn, spec, &Filter::default(), |r| {
            let stored: String =
                conn.query_row("SELECT text FROM record WHERE id = ?1", [r.id], |row| {
                    row.get(0)
                })?;
            let fresh = super::search_text(&r);
            if fresh != stored {
                stale.push((r.id, fresh));
            }
            Ok(true)
        })?;
    }
    Ok(stale)
}

/// The classified computers in use with no filing recorded (`computer::unfiled_in_use`).
fn unfiled(conn: &Connection) -> Result<Vec<Record>> {
    let mut wrong = Vec::new();
    let in_use = Filter {
        state: Some("in_use".into()),
        ..Filter::default()
    };
    for_each(conn, &computer::SPEC, &in_use, |r| {
        let filing: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM record_event WHERE record_id = ?1 AND act = 'file')",
            [r.id],
            |row| row.get(0),
        )?;
        if computer::unfiled_in_use(&r, filing) {
            wrong.push(r);
        }
        Ok(true)
    })?;
    Ok(wrong)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::store::records::{self, AddForm};
    use crate::store::{OpenMode, audit};

    /// The papers' demo on 2026-11-27, in a temporary directory as `baomi.db`; and the clock.
    fn demo() -> (tempfile::TempDir, Store, NaiveDate, NaiveDateTime) {
        let dir = tempfile::tempdir().unwrap();
        let today = ymd(2026, 11, 27);
        let mut s = Store::open(&dir.path().join("baomi.db"), OpenMode::Create).unwrap();
        crate::store::demo::build(&mut s, today, None, 0).unwrap();
        (dir, s, today, today.and_hms_opt(9, 30, 0).unwrap())
    }

    // R-INS-2, migration 11: a finding recorded before rectifications were in the search text is
    // not found by its words; after the upgrade's first opening with a clock it is, the audit log
    // still verifies, and a second opening has nothing to do.
    #[test]
    fn r_ins_2_migration_11_old_rectifications_become_searchable() {
        use crate::domain::rules::inspection;
        let (dir, mut s, today, now) = demo();
        let path = dir.path().join("baomi.db");
        let officer = Stamp::on("liqiang", today, now);
        s.change(&officer, |c| {
            let form = AddForm {
                values: [("kind", "自查"), ("dept", "办公室"), ("level", "机密")]
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .into(),
                no: None,
                date: Some(ymd(2026, 11, 20)),
            };
            let r = records::add(c, &inspection::SPEC, &form)?;
            let finding = records::ActForm {
                verb: "finding".into(),
                values: [("text", "机要室门禁记录缺失"), ("fix_by", "2026-12-10")]
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .into(),
                on: ymd(2026, 11, 20),
                request: None,
            };
            let r2 = records::act(c, &inspection::SPEC, &r.no, &finding)?;
            // What an older baomi stored as its search text: the fields, no rectification.
            let old = super::super::search_text(&r);
            c.tx.execute(
                "UPDATE record SET text = ?2 WHERE id = ?1",
                params![r2.id, old],
            )?;
            Ok(())
        })
        .unwrap();
        let found = |s: &Store| {
            crate::store::search::search_all(s.conn(), "门禁记录", 20)
                .unwrap()
                .iter()
                .any(|h| h.subject.starts_with("JC2026-01"))
        };
        assert!(!found(&s), "an old record's rectification is not indexed");
        // The database as migration 11 leaves it: its step asked for again.
        s.conn()
            .execute(
                "INSERT OR IGNORE INTO pending_step (name) VALUES (?1)",
                [SEARCH_TEXT],
            )
            .unwrap();
        drop(s);
        let mut s = Store::open(&path, OpenMode::Existing).unwrap();
        assert_eq!(settle(&mut s, today, now).unwrap().search_texts, 1);
        assert!(found(&s), "found by its words after the upgrade");
        assert!(audit::verify(s.conn(), &path).unwrap().is_ok());
        assert_eq!(settle(&mut s, today, now).unwrap(), Settled::default());
    }

    // R-CMP-2, migration 10: a database from before 待备案 existed, with a classified computer in
    // use and never filed, is put right on the first opening with a clock: the computer waits for
    // its filing, its history says why, the due list asks for the filing, the audit log still
    // verifies; a filed one is left alone; a second opening has nothing to do.
    #[test]
    fn r_cmp_2_migration_10_unfiled_computers_wait_for_filing() {
        let (dir, mut s, today, now) = demo();
        let path = dir.path().join("baomi.db");
        let officer = Stamp::on("liqiang", today, now);
        // What an older baomi wrote: a classified computer registered straight into use.
        s.change(&officer, |c| {
            let form = AddForm {
                values: [("class", "涉密"), ("level", "机密"), ("keeper", "张伟")]
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .into(),
                no: Some("PC-009".into()),
                date: Some(ymd(2025, 3, 1)),
            };
            let r = records::add(c, &computer::SPEC, &form)?;
            c.tx.execute("UPDATE record SET state = 'in_use' WHERE id = ?1", [r.id])?;
            let filed = AddForm {
                no: Some("PC-010".into()),
                ..form
            };
            records::add(c, &computer::SPEC, &filed)?;
            let file = records::ActForm {
                verb: "file".into(),
                values: [("ref".to_string(), "江保备2025-1".to_string())].into(),
                on: ymd(2025, 3, 2),
                request: None,
            };
            records::act(c, &computer::SPEC, "PC-010", &file)?;
            Ok(())
        })
        .unwrap();
        // The database as migration 10 leaves it: its step asked for again.
        s.conn()
            .execute(
                "INSERT OR IGNORE INTO pending_step (name) VALUES (?1)",
                [UNFILED],
            )
            .unwrap();
        drop(s);
        let mut s = Store::open(&path, OpenMode::Existing).unwrap();
        assert_eq!(settle(&mut s, today, now).unwrap().unfiled, 1);
        let pc = records::get(s.conn(), &computer::SPEC, "PC-009").unwrap();
        assert_eq!(pc.state_label(), "待备案");
        let last = records::history(s.conn(), &pc).unwrap().pop().unwrap();
        assert_eq!((last.label.as_str(), last.on), (MIGRATED_LABEL, today));
        assert_eq!(
            last.values.get("note").map(String::as_str),
            Some(computer::UNFILED_NOTE)
        );
        assert_eq!(last.handler, ACTOR);
        let filed = records::get(s.conn(), &computer::SPEC, "PC-010").unwrap();
        assert_eq!(filed.state_label(), "在用");
        let settings = crate::store::settings::load(s.conn()).unwrap();
        let due = crate::store::due::items(s.conn(), today, &settings, 30).unwrap();
        assert!(
            due.iter()
                .any(|i| i.rule == "R-CMP-2" && i.subject == "PC-009"),
            "the filing owed is due"
        );
        assert!(audit::verify(s.conn(), &path).unwrap().is_ok());
        assert_eq!(settle(&mut s, today, now).unwrap(), Settled::default());
    }
}
