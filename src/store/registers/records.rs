//! The registers of declared ledgers: each ledger's own (its `print` columns, one row a record) and
//! the act registers of `domain::ledgers::registers` (one row an act), run by one query each
//! whatever the register.

use rusqlite::{Connection, params};

use super::*;
use crate::domain::ledgers::registers::{ActRegister, Cell};
use crate::domain::ledgers::{LedgerSpec, Values, spec};

/// One act as the act registers read it: a record's or a paper's.
struct ActRow {
    order: (String, i64, u8),
    on: String,
    no: String,
    form: String,
    content: String,
    level: Level,
    mark: String,
    dept: String,
    record: Values,
    act: Values,
    act_name: String,
    related: Option<(String, Option<Level>)>,
    approver: Option<String>,
    opinion: Option<String>,
    handler: String,
    closed: Option<(String, Values, String)>,
}

fn values(json: &str) -> Values {
    serde_json::from_str(json).unwrap_or_default()
}

fn level_of(code: Option<i64>) -> Option<Level> {
    code.and_then(Level::from_code)
}

/// The rows of `reg` in `year` (every year when none), in the order they were done.
pub(super) fn act_register(
    conn: &Connection,
    reg: &ActRegister,
    year: Option<i32>,
) -> Result<Body> {
    let pattern = year.map(|y| format!("{y}-%")).unwrap_or_else(|| "%".into());
    let mut rows: Vec<ActRow> = Vec::new();
    for (ledger, verb) in reg.acts {
        // A ledger this build does not declare has nothing recorded.
        let Some(s) = spec::find(ledger) else {
            continue;
        };
        let act_name = s.act(verb).map(|a| a.label).unwrap_or(verb);
        let mut stmt = conn.prepare_cached(
            "SELECT e.id, e.on_date, r.no, r.level, r.dept, r.data, e.data, o.no, o.level,
                q.approver, q.opinion, e.handler, b.on_date, b.data, b.handler
             FROM record_event e JOIN record r ON r.id = e.record_id
             LEFT JOIN record o ON o.id = e.related_id
             LEFT JOIN request q ON q.id = e.request_id
             LEFT JOIN record_event b ON b.id = (SELECT min(x.id) FROM record_event x
                 WHERE x.record_id = e.record_id AND x.act = ?3 AND x.id > e.id)
             WHERE r.spec = ?1 AND e.act = ?2 AND e.on_date LIKE ?4",
        )?;
        let found = stmt.query_map(
            params![s.key, verb, reg.closed_by.unwrap_or(""), pattern],
            |r| {
                let record = values(&r.get::<_, String>(5)?);
                let level = level_of(r.get(3)?);
                let no: String = r.get(2)?;
                let kind = record
                    .get("kind")
                    .or_else(|| record.get("class"))
                    .cloned()
                    .unwrap_or_else(|| s.noun.to_string());
                let form = match record.get("model") {
                    Some(m) => format!("{kind}（{m}）"),
                    None => kind,
                };
                let on: String = r.get(1)?;
                let closed = match r.get::<_, Option<String>>(12)? {
                    Some(d) => Some((d, values(&r.get::<_, String>(13)?), r.get(14)?)),
                    None => None,
                };
                Ok(ActRow {
                    order: (on.clone(), r.get(0)?, 1),
                    on,
                    content: format!("{} {no}", s.noun),
                    no,
                    form,
                    level: level.unwrap_or(Level::Public),
                    mark: level.map(|l| l.name().to_string()).unwrap_or_default(),
                    dept: r.get(4)?,
                    record,
                    act: values(&r.get::<_, String>(6)?),
                    act_name: act_name.to_string(),
                    related: r
                        .get::<_, Option<String>>(7)?
                        .map(|n| Ok::<_, rusqlite::Error>((n, level_of(r.get(8)?))))
                        .transpose()?,
                    approver: r.get(9)?,
                    opinion: r.get(10)?,
                    handler: r.get(11)?,
                    closed,
                })
            },
        )?;
        for row in found {
            rows.push(row?);
        }
    }
    if let Some(kind) = reg.paper_kind {
        paper_acts(conn, kind, &pattern, &mut rows)?;
    }
    rows.sort_by(|a, b| a.order.cmp(&b.order));
    let out = rows
        .iter()
        .map(|a| RegisterRow {
            level: a.level,
            dept: a.dept.clone(),
            cells: reg.columns.iter().map(|(_, c)| cell(a, *c)).collect(),
        })
        .collect();
    Ok((
        reg.columns.iter().map(|(h, _)| *h).collect(),
        out,
        reg.signatures.to_vec(),
    ))
}

/// Papers' events of `kind` (销毁, 遗失) as act rows: the same register lists papers beside media
/// and computers.
fn paper_acts(conn: &Connection, kind: &str, pattern: &str, rows: &mut Vec<ActRow>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.on_date, p.no, p.title, p.doc_no, p.level, p.period, p.dept, e.method,
            e.note, e.at_time, e.persons, e.handler, q.approver, q.opinion, p.copies
         FROM paper_event e JOIN paper p ON p.id = e.paper_id
         LEFT JOIN request q ON q.id = e.request_id
         WHERE e.kind = ?1 AND e.on_date LIKE ?2",
    )?;
    let label = crate::domain::carrier::EventKind::from_code(kind)
        .map(|k| k.name().to_string())
        .unwrap_or_else(|| kind.to_string());
    let found = stmt.query_map(params![kind, pattern], |r| {
        let (level, mark) = mark(r.get(5)?, r.get(6)?);
        let title: String = r.get(3)?;
        let doc: String = r.get(4)?;
        let mut act = Values::new();
        for (k, i) in [("method", 8), ("note", 9), ("time", 10), ("persons", 11)] {
            let v: String = r.get(i)?;
            if !v.is_empty() {
                act.insert(k.into(), v);
            }
        }
        let on: String = r.get(1)?;
        Ok(ActRow {
            order: (on.clone(), r.get(0)?, 0),
            on,
            no: r.get(2)?,
            form: format!("纸质文件 {}份", r.get::<_, i64>(15)?),
            content: if doc.is_empty() {
                title
            } else {
                format!("{title}（{doc}）")
            },
            level,
            mark,
            dept: r.get(7)?,
            record: Values::new(),
            act,
            act_name: label.clone(),
            related: None,
            approver: r.get(13)?,
            opinion: r.get(14)?,
            handler: r.get(12)?,
            closed: None,
        })
    })?;
    for row in found {
        rows.push(row?);
    }
    Ok(())
}

/// A value shown in a register: dates in Chinese, the rest as recorded.
fn shown(v: &str) -> String {
    match crate::domain::dates::parse(v) {
        Some(_) if v.len() == 10 => zh(v),
        _ => v.to_string(),
    }
}

fn cell(a: &ActRow, c: Cell) -> String {
    let get = |vals: &Values, k: &str| vals.get(k).map(|v| shown(v)).unwrap_or_default();
    match c {
        Cell::Date => zh(&a.on),
        Cell::No => a.no.clone(),
        Cell::Form => a.form.clone(),
        Cell::Content => a.content.clone(),
        Cell::Level => a.mark.clone(),
        Cell::Dept => a.dept.clone(),
        Cell::Field(k) => get(&a.record, k),
        Cell::Act(k) => get(&a.act, k),
        Cell::AnyAct(ks) => ks
            .iter()
            .find_map(|k| a.act.get(*k).map(|v| shown(v)))
            .unwrap_or_default(),
        Cell::Related => a.related.as_ref().map(|r| r.0.clone()).unwrap_or_default(),
        Cell::RelatedLevel => a
            .related
            .as_ref()
            .and_then(|r| r.1)
            .map(|l| l.name().to_string())
            .unwrap_or_default(),
        Cell::Approver => a.approver.clone().unwrap_or_default(),
        Cell::Opinion => match (&a.approver, &a.opinion) {
            (Some(p), Some(o)) if !o.is_empty() => format!("{p}：{o}"),
            (Some(p), _) => p.clone(),
            _ => String::new(),
        },
        Cell::Handler => a.handler.clone(),
        Cell::ClosedOn => a.closed.as_ref().map(|c| zh(&c.0)).unwrap_or_default(),
        Cell::Closed(k) => a.closed.as_ref().map(|c| get(&c.1, k)).unwrap_or_default(),
        Cell::ClosedBy => a.closed.as_ref().map(|c| c.2.clone()).unwrap_or_default(),
        Cell::One => "1".into(),
        Cell::ActName => a.act_name.clone(),
        Cell::Blank => String::new(),
    }
}

/// A declared ledger as its printed register: its `print` columns, one row a record registered
/// by the end of `year` (every record when none), in number order.
pub(super) fn ledger_register(
    conn: &Connection,
    spec: &'static LedgerSpec,
    year: Option<i32>,
) -> Result<Body> {
    let until = year
        .map(|y| format!("{y}-12-31"))
        .unwrap_or_else(|| "9999".into());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM record WHERE spec = ?1 AND registered_on <= ?2 ORDER BY id",
        crate::store::records::COLUMNS
    ))?;
    let read = crate::store::records::row(spec);
    let mut rows = Vec::new();
    let mut found = stmt.query(params![spec.key, until])?;
    while let Some(r) = found.next()? {
        let rec = read(r)?;
        rows.push(RegisterRow {
            level: rec.level.unwrap_or(Level::Public),
            dept: rec.get("dept").to_string(),
            cells: spec.print.iter().map(|c| shown(&rec.column(c))).collect(),
        });
    }
    Ok((
        spec.print.iter().map(|c| spec.column_label(c)).collect(),
        rows,
        vec!["保密员"],
    ))
}
