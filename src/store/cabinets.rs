//! 保密柜 (R-PAP-10): the cabinet register, and where a paper may be put.
//!
//! Before cabinets were registered, a paper's location was free text. Those locations are the
//! unit's cabinets too: each distinct location of a held paper that is not yet a registered
//! cabinet is listed as one, 待确认 (not confirmed as a certified secrecy cabinet) and for 绝密
//! only when it holds 绝密 papers, so that nothing the ledger holds breaks. It becomes a row of
//! the register, with its own audit row, the first time a change names it (a paper put there, a
//! cabinet command): the migration itself cannot write an audit row, and a row no audit row
//! vouches for would read as written behind baomi's back (`audit verify`).

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::{Change, Result, StoreError, json, opt_date};
use crate::domain::Refusal;
use crate::domain::cabinet::{self, Cabinet, CabinetForm};
use crate::domain::dates;
use crate::domain::level::Level;

const HELD: &str = "('in_stock', 'circulating', 'on_loan', 'taken_out', 'lost')";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Cabinet> {
    let certified: Option<i64> = r.get(3)?;
    Ok(Cabinet {
        id: r.get(0)?,
        no: r.get(1)?,
        room: r.get(2)?,
        certified: certified.map(|c| c != 0),
        top_secret: r.get::<_, i64>(4)? != 0,
        note: r.get(5)?,
        registered_on: opt_date(r.get(6)?),
    })
}

/// The registered cabinets, in the order they were registered.
pub fn registered(conn: &Connection) -> Result<Vec<Cabinet>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, no, room, certified, top_secret, note, registered_on FROM cabinet ORDER BY id",
    )?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Locations of held papers that are not registered cabinets: the old ledger's cabinets. The
/// distinct locations are walked through the location index (one probe each), so a large ledger
/// costs what its number of places costs.
pub fn legacy(conn: &Connection) -> Result<Vec<Cabinet>> {
    let mut stmt = conn.prepare_cached(&format!(
        "WITH RECURSIVE loc(name) AS (
             SELECT min(location) FROM paper INDEXED BY paper_location WHERE location > ''
             UNION ALL
             SELECT (SELECT min(location) FROM paper INDEXED BY paper_location
                     WHERE location > loc.name)
             FROM loc WHERE loc.name IS NOT NULL)
         SELECT name,
             EXISTS (SELECT 1 FROM paper INDEXED BY paper_location
                     WHERE location = name AND level = 4 AND state IN {HELD})
         FROM loc
         WHERE name IS NOT NULL AND name NOT IN (SELECT no FROM cabinet)
           AND EXISTS (SELECT 1 FROM paper INDEXED BY paper_location
                       WHERE location = name AND state IN {HELD})"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok(Cabinet {
            id: 0,
            no: r.get(0)?,
            room: String::new(),
            certified: None,
            top_secret: r.get::<_, i64>(1)? != 0,
            note: "由原存放位置转入".into(),
            registered_on: None,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every cabinet a paper may name: the registered ones, then the old ledger's.
pub fn all(conn: &Connection) -> Result<Vec<Cabinet>> {
    let mut out = registered(conn)?;
    out.extend(legacy(conn)?);
    Ok(out)
}

pub fn find(conn: &Connection, no: &str) -> Result<Option<Cabinet>> {
    let key = cabinet::key(no);
    Ok(all(conn)?.into_iter().find(|c| cabinet::key(&c.no) == key))
}

pub fn get(conn: &Connection, no: &str) -> Result<Cabinet> {
    find(conn, no)?.ok_or_else(|| StoreError::not_found("保密柜", no.trim()))
}

/// The levels of the held papers kept in cabinet `no`, with how many of each.
pub fn contents(conn: &Connection, no: &str) -> Result<Vec<(Level, i64)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT level, count(*) FROM paper INDEXED BY paper_location
         WHERE location = ?1 AND state IN {HELD} GROUP BY level ORDER BY level DESC"
    ))?;
    let rows = stmt.query_map([no], |r| {
        Ok((
            Level::from_code(r.get(0)?).unwrap_or(Level::TopSecret),
            r.get::<_, i64>(1)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn snapshot(c: &Cabinet) -> Option<serde_json::Value> {
    json(serde_json::json!({
        "no": c.no, "room": c.room, "certified": c.certified, "top_secret": c.top_secret,
        "note": c.note,
    }))
}

fn insert(c: &mut Change<'_>, cab: &Cabinet, on: NaiveDate) -> Result<Cabinet> {
    c.tx.execute(
        "INSERT INTO cabinet (no, room, certified, top_secret, note, registered_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            cab.no.trim(),
            cab.room.trim(),
            cab.certified,
            cab.top_secret,
            cab.note.trim(),
            dates::iso(on)
        ],
    )?;
    let saved = Cabinet {
        id: c.tx.last_insert_rowid(),
        registered_on: Some(on),
        ..cab.clone()
    };
    Ok(saved)
}

/// Makes an old-ledger location a registered row, with its audit row.
fn adopt(c: &mut Change<'_>, cab: &Cabinet) -> Result<Cabinet> {
    let on = c.stamp.today();
    let saved = insert(c, cab, on)?;
    c.audit("保密柜转入", &saved.no, None, snapshot(&saved));
    Ok(saved)
}

/// R-PAP-10: registers a cabinet. A number the old ledger already used is taken over with what
/// the officer says of it, provided the papers it holds may stay there.
pub fn add(c: &mut Change<'_>, form: &CabinetForm) -> Result<Cabinet> {
    super::accounts::require_officer(c, "登记保密柜")?;
    cabinet::check_form(form)?;
    let wanted = Cabinet {
        id: 0,
        no: cabinet::key(&form.no),
        room: form.room.trim().to_string(),
        certified: Some(form.certified),
        top_secret: form.top_secret,
        note: form.note.trim().to_string(),
        registered_on: None,
    };
    match find(&c.tx, &form.no)? {
        Some(existing) if existing.id != 0 => Err(Refusal::field(
            "保密柜编号",
            format!("「{}」已登记；要修改请用 baomi cabinet set", existing.no),
        )
        .into()),
        Some(old) => {
            let levels: Vec<Level> = contents(&c.tx, &old.no)?.into_iter().map(|x| x.0).collect();
            cabinet::check_change(&wanted, &levels)?;
            let saved = insert(
                c,
                &Cabinet {
                    no: old.no.clone(),
                    ..wanted
                },
                c.stamp.today(),
            )?;
            c.audit("登记保密柜", &saved.no, None, snapshot(&saved));
            Ok(saved)
        }
        None => {
            let saved = insert(c, &wanted, c.stamp.today())?;
            c.audit("登记保密柜", &saved.no, None, snapshot(&saved));
            Ok(saved)
        }
    }
}

/// What `cabinet set` may change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct CabinetChange {
    pub room: Option<String>,
    pub certified: Option<bool>,
    pub top_secret: Option<bool>,
    pub note: Option<String>,
}

/// R-PAP-10: changes what the register says of a cabinet (confirming an old-ledger location as a
/// certified secrecy cabinet, for instance). Nothing it holds may end up where the rule forbids.
pub fn set(c: &mut Change<'_>, no: &str, change: &CabinetChange) -> Result<Cabinet> {
    super::accounts::require_officer(c, "修改保密柜登记")?;
    let mut before = get(&c.tx, no)?;
    if before.id == 0 {
        before = adopt(c, &before)?;
    }
    let after = Cabinet {
        room: change
            .room
            .clone()
            .map(|r| r.trim().to_string())
            .unwrap_or_else(|| before.room.clone()),
        certified: change.certified.or(before.certified),
        top_secret: change.top_secret.unwrap_or(before.top_secret),
        note: change
            .note
            .clone()
            .map(|n| n.trim().to_string())
            .unwrap_or_else(|| before.note.clone()),
        ..before.clone()
    };
    cabinet::check_form(&CabinetForm {
        no: after.no.clone(),
        room: after.room.clone(),
        // A cabinet not yet confirmed may be for 绝密: the old ledger kept 绝密 there.
        certified: after.certified.unwrap_or(true),
        top_secret: after.top_secret,
        note: after.note.clone(),
    })?;
    let levels: Vec<Level> = contents(&c.tx, &after.no)?
        .into_iter()
        .map(|x| x.0)
        .collect();
    cabinet::check_change(&after, &levels)?;
    c.tx.execute(
        "UPDATE cabinet SET room = ?2, certified = ?3, top_secret = ?4, note = ?5 WHERE id = ?1",
        params![
            after.id,
            after.room,
            after.certified,
            after.top_secret,
            after.note
        ],
    )?;
    c.audit(
        "修改保密柜登记",
        &after.no,
        snapshot(&before),
        snapshot(&after),
    );
    Ok(after)
}

/// R-PAP-10: the registered cabinet a paper of `level` goes into when the officer names
/// `location` (empty: the only one that fits). An old-ledger location named is adopted as a row
/// in the same change. Returns the cabinet's number, as the paper's location records it.
pub fn place(c: &mut Change<'_>, location: &str, level: Level) -> Result<String> {
    let registered = registered(&c.tx)?;
    let key = cabinet::key(location);
    // The registered cabinets come first: the old ledger's are looked for only when none will do.
    let found = if key.is_empty() {
        cabinet::check_text_only(location)?;
        registered
            .iter()
            .find(|c| cabinet::check_store(level, c).is_ok())
    } else {
        registered.iter().find(|c| cabinet::key(&c.no) == key)
    };
    if let Some(found) = found {
        cabinet::check_store(level, found)?;
        return Ok(found.no.clone());
    }
    let mut cabinets = registered;
    cabinets.extend(legacy(&c.tx)?);
    let chosen = cabinet::choose(location, level, &cabinets)?.clone();
    if chosen.id == 0 {
        adopt(c, &chosen)?;
    }
    Ok(chosen.no)
}

/// R-PAP-10: an act that puts a paper back (交回, 归还, 带回, 找回, or a count finding it
/// elsewhere) and names a place puts it in a registered cabinet; the place is written as the
/// cabinet's number.
pub fn on_act(
    c: &mut Change<'_>,
    paper: &crate::domain::paper::Paper,
    kind: crate::domain::carrier::EventKind,
    act: &mut crate::domain::rules::paper::Act,
) -> Result<()> {
    use crate::domain::carrier::EventKind as E;
    let moves = matches!(
        kind,
        E::CirculateBack | E::LoanBack | E::TakeBack | E::Found | E::Count | E::Check | E::HandIn
    );
    if moves && !act.place.trim().is_empty() {
        act.place = place(c, &act.place, paper.level)?;
    }
    Ok(())
}
