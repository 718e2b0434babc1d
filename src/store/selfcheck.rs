//! R-INS-4: the 常态化检查服务项目表 answers, one row per year and item.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

use super::{Change, Result, json};
use crate::domain::selfcheck::{ANSWERS, Answer};

/// `year`'s answers by item number (an item not yet answered is absent).
pub fn load(conn: &Connection, year: i32) -> Result<BTreeMap<u8, Answer>> {
    let mut stmt =
        conn.prepare_cached("SELECT item, answer, note FROM selfcheck WHERE year = ?1")?;
    let rows = stmt.query_map([year], |r| {
        let answer: String = r.get(1)?;
        Ok(Answer {
            item: r.get(0)?,
            // A value the CHECK constraint allows is one of ANSWERS.
            answer: ANSWERS
                .iter()
                .find(|a| **a == answer)
                .copied()
                .unwrap_or(ANSWERS[2]),
            note: r.get(2)?,
        })
    })?;
    let mut out = BTreeMap::new();
    for a in rows {
        let a = a?;
        out.insert(a.item, a);
    }
    Ok(out)
}

/// Records `answers` for `year` (each replaces that item's earlier answer), with one audit row
/// holding what each item was and became. The officer's act (R-SYS-6).
pub fn set(c: &mut Change<'_>, year: i32, answers: &[Answer]) -> Result<()> {
    super::accounts::require_officer(c, "填写常态化检查服务项目表")?;
    let before = load(&c.tx, year)?;
    let mut was = Vec::new();
    let mut now = Vec::new();
    for a in answers {
        c.tx.prepare_cached(
            "INSERT INTO selfcheck (year, item, answer, note) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (year, item) DO UPDATE SET answer = excluded.answer, note = excluded.note",
        )?
        .execute(params![year, a.item, a.answer, a.note])?;
        if let Some(b) = before.get(&a.item) {
            was.push(serde_json::json!({"item": b.item, "answer": b.answer, "note": b.note}));
        }
        now.push(serde_json::json!({"item": a.item, "answer": a.answer, "note": a.note}));
    }
    c.audit(
        "常态化检查自查",
        &format!("{year}年"),
        if was.is_empty() { None } else { json(was) },
        json(now),
    );
    Ok(())
}
