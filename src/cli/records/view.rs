//! Lists and pages of a ledger on the command line, from its description: the list columns for a
//! table, every field for CSV and JSON (the same columns `export` writes and `import` reads).

use serde_json::{Map, Value};

use super::{Failure, Outcome};
use crate::cli::out;
use crate::domain::dates;
use crate::domain::ledgers::{LedgerSpec, Record};
use crate::report::{csv, text};
use crate::store::Store;
use crate::store::records::{self, Filter};

/// The columns of a whole record in files: the number, every field, state, holder, dates.
pub fn file_columns(spec: &LedgerSpec) -> Vec<&'static str> {
    let mut c = vec!["no"];
    c.extend(spec.fields.iter().map(|f| f.key));
    c.extend(["state", "holder", "registered_on", "checked_on"]);
    c
}

/// The header of a file column.
pub fn header(spec: &LedgerSpec, key: &str) -> &'static str {
    match key {
        "checked_on" => "最近清查",
        k => spec.column_label(k),
    }
}

/// A record's value in a file column.
pub fn cell(r: &Record, key: &str) -> String {
    match key {
        "checked_on" => r.checked_on.map(dates::iso).unwrap_or_default(),
        k => r.column(k),
    }
}

/// The record as one JSON object keyed by the file columns' keys.
pub fn object(r: &Record) -> Map<String, Value> {
    file_columns(r.spec)
        .into_iter()
        .map(|k| {
            let v = cell(r, k);
            (
                k.to_string(),
                if v.is_empty() && k != "no" {
                    Value::Null
                } else {
                    Value::String(v)
                },
            )
        })
        .collect()
}

pub fn list(store: &Store, spec: &'static LedgerSpec, filter: &Filter, format: &str) -> Outcome {
    let conn = store.conn();
    match format {
        "json" => {
            let mut all = Vec::new();
            records::for_each(conn, spec, filter, |r| {
                all.push(Value::Object(object(&r)));
                Ok(true)
            })?;
            out::json(&all)
        }
        "csv" => {
            let cols = file_columns(spec);
            let headers: Vec<&str> = cols.iter().map(|k| header(spec, k)).collect();
            let mut s = csv::header(&headers);
            records::for_each(conn, spec, filter, |r| {
                let row: Vec<String> = cols.iter().map(|k| cell(&r, k)).collect();
                s.push_str(&csv::row(&row));
                Ok(true)
            })?;
            out::print(&s)
        }
        _ => {
            let headers: Vec<&str> = spec.list.iter().map(|k| spec.column_label(k)).collect();
            let mut rows = Vec::new();
            records::for_each(conn, spec, filter, |r| {
                rows.push(spec.list.iter().map(|k| r.column(k)).collect());
                Ok(true)
            })?;
            if rows.is_empty() {
                out::line(&format!("{}中没有符合条件的记录", spec.title))
            } else {
                out::print(&text::table(&headers, &rows))
            }
        }
    }
}

pub fn show(store: &Store, r: &Record, format: &str) -> Outcome {
    // The JSON's `events` are the acts (the contract); the printed history starts at 登记.
    let events = if format == "json" {
        records::events(store.conn(), r)?
    } else {
        records::history(store.conn(), r)?
    };
    if format == "json" {
        let mut o = object(r);
        o.insert(
            "values".into(),
            serde_json::to_value(&r.values).unwrap_or(Value::Null),
        );
        // DESIGN.md's contract: a person's show has its cooling-off end (null while on post).
        if r.spec.key == crate::domain::rules::person::SPEC.key {
            let until = r.get("cooling_off_until");
            o.insert(
                "cooling_off_until".into(),
                if until.is_empty() {
                    Value::Null
                } else {
                    Value::String(until.to_string())
                },
            );
        }
        o.insert(
            "events".into(),
            serde_json::to_value(&events).map_err(|e| Failure::refused(e.to_string()))?,
        );
        return out::json(&o);
    }
    let mut s = format!("{} {}\n", r.spec.noun, r.no);
    for k in file_columns(r.spec).into_iter().skip(1) {
        let v = cell(r, k);
        if !v.is_empty() {
            s.push_str(&format!("  {}：{v}\n", header(r.spec, k)));
        }
    }
    for (k, label) in crate::domain::ledgers::record::RECORDED {
        if !r.get(k).is_empty() {
            s.push_str(&format!("  {label}：{}\n", r.get(k)));
        }
    }
    // R-INS-2, R-INC-5: each rectification by its own number.
    for x in crate::domain::rules::rectification::all(r) {
        let done = match x.fixed_on {
            Some(d) => format!("已于 {} 整改完成", dates::iso(d)),
            None => "整改中".to_string(),
        };
        let by = x.fix_by.map(dates::iso).unwrap_or_default();
        let leak = match x.incident.as_str() {
            "" => String::new(),
            i => format!("，泄密事件 {i}"),
        };
        s.push_str(&format!(
            "  整改 {}：{}（限 {by}，{done}{leak}）\n",
            x.no, x.text
        ));
    }
    if !events.is_empty() {
        s.push_str("办理记录：\n");
        let rows: Vec<Vec<String>> = events
            .iter()
            .map(|e| {
                let mut detail: Vec<String> = e
                    .values
                    .iter()
                    .filter(|(k, _)| !["computer", "medium", "step"].contains(&k.as_str()))
                    .map(|(k, v)| {
                        // What the act found rather than was given (a meeting's missing papers).
                        let own = r
                            .spec
                            .act(&e.act)
                            .is_some_and(|a| a.fields.iter().any(|f| f.key == k));
                        match crate::domain::ledgers::record::recorded_label(k) {
                            Some(label) if !own => format!("{label}：{v}"),
                            _ => v.clone(),
                        }
                    })
                    .collect();
                if e.subject != r.no {
                    detail.insert(0, format!("介质 {}", e.subject));
                } else if let Some(o) = &e.related {
                    detail.insert(0, o.clone());
                }
                vec![
                    dates::iso(e.on),
                    e.label.clone(),
                    detail.join("，"),
                    e.handler.clone(),
                ]
            })
            .collect();
        s.push_str(&text::table(&["日期", "事项", "内容", "经办人"], &rows));
    }
    out::print(&s)
}

/// R-DIS-5: the record's printed form (信息公开保密审查流程表, 对外提供资料审查报批表), to a file
/// or the printer, recorded as output like every printout (R-CMP-13).
pub fn print_form(
    store: &mut Store,
    env: &crate::cli::Env,
    me: &crate::store::accounts::Account,
    r: &Record,
    format: crate::report::Format,
    to: &crate::cli::register::SendTo,
) -> Outcome {
    let unit = crate::store::settings::load(store.conn())?.unit_name;
    let doc = crate::report::record_form::document(store.conn(), r, &unit, env.today)?
        .ok_or_else(|| Failure::usage(format!("{}没有可打印的表格", r.spec.title)))?;
    crate::cli::register::emit(store, env, me, doc, format, to)
}

/// What a person's act settled, in one clause: the cooling-off end on leaving (and an officer's
/// early change, R-PER-6), who stands in (R-PER-8), the briefing linked to a trip (R-TRN-4).
pub(crate) fn person_note(r: &crate::domain::ledgers::Record, verb: &str) -> String {
    match verb {
        "leave" => {
            let mut s = format!("，脱密期至 {}", r.get("cooling_off_until"));
            if !r.get("early_change").is_empty() {
                s.push_str(&format!(
                    "；{}，保密组织同意（{}），已交接给{}",
                    r.get("early_change"),
                    r.get("change_consent"),
                    r.get("handed_over_to")
                ));
            }
            s
        }
        "away" => format!("，由{}接替", r.get("away_to")),
        "handover" => format!("，交接给{}", r.get("handed_over_to")),
        "travel" => format!(
            "，赴{}至 {}，行前教育 {}",
            r.get("abroad_to"),
            r.get("abroad_until"),
            r.get("briefing")
        ),
        "certify" => format!("，证书 {}", r.get("cert_no")),
        _ => String::new(),
    }
}
