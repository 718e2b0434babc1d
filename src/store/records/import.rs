//! `baomi import media|computers|devices FILE`: every row checked by the ledger's description and
//! rules first, every bad row named by its line, and nothing written unless all are good.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{insert_all, next_number};
use crate::domain::Refusal;
use crate::domain::dates;
use crate::domain::ledger_file::records::RecordRow;
use crate::domain::ledgers::record::{KEEPER, LEVEL};
use crate::domain::ledgers::{LedgerSpec, Record};
use crate::domain::level::Level;
use crate::domain::numbering;
use crate::domain::text::{TEXT_MAX, check_text};
use crate::store::{Change, Result, json, search};

/// Imports `rows` into `spec`'s ledger in this change; returns how many. `source` names the file
/// in the audit row.
pub fn import(
    c: &mut Change<'_>,
    spec: &'static LedgerSpec,
    rows: &[RecordRow],
    source: &str,
) -> Result<usize> {
    super::super::accounts::require_officer(c, "导入")?;
    let today = c.stamp.today();
    let mut errors = Vec::new();
    let mut ready: Vec<(Option<String>, Record)> = Vec::with_capacity(rows.len());
    let mut numbers = HashSet::new();
    for row in rows {
        match check_row(c, spec, row, today, &mut numbers) {
            Ok(r) => ready.push(r),
            Err(e) => errors.push(format!("第{}行：{e}", row.line)),
        }
    }
    if !errors.is_empty() {
        return Err(super::super::import::refusal(errors).into());
    }
    let by = c.handler()?.to_string();
    let mut records = Vec::with_capacity(ready.len());
    for (no, mut r) in ready {
        r.values
            .insert(super::REGISTERED_BY.to_string(), by.clone());
        r.no = match no {
            Some(n) => n,
            // Not a number another row of the file gives itself.
            None => loop {
                let n = next_number(c, spec, r.registered_on)?;
                if !numbers.contains(&n) {
                    break n;
                }
            },
        };
        records.push(r);
    }
    let first_last = (
        records.first().map(|r| r.no.clone()).unwrap_or_default(),
        records.last().map(|r| r.no.clone()).unwrap_or_default(),
    );
    // The search index takes the rows in one statement after them (`search::suspend_index`).
    let triggers = search::suspend_index(c, &search::RECORDS)?;
    // No row is an empty range, not the whole index rebuilt.
    let ids = insert_all(c, records)?.unwrap_or((1, 0));
    search::resume_index(c, &search::RECORDS, &triggers, Some(ids))?;
    c.audit(
        &format!("导入{}", spec.title),
        spec.plural,
        None,
        json(serde_json::json!({
            "rows": rows.len(), "from": source, "first": first_last.0, "last": first_last.1,
        })),
    );
    Ok(rows.len())
}

fn check_row(
    c: &Change<'_>,
    spec: &'static LedgerSpec,
    row: &RecordRow,
    today: NaiveDate,
    numbers: &mut HashSet<String>,
) -> std::result::Result<(Option<String>, Record), String> {
    let err = |e: Refusal| e.to_string();
    let values = LedgerSpec::parse_values(spec.fields, &row.values, today).map_err(err)?;
    (spec.check_add)(&values, today).map_err(err)?;
    let no = match row.no.trim() {
        "" => None,
        n => {
            let n = numbering::check_number(spec.number_label, n).map_err(err)?;
            let taken = super::find(&c.tx, spec, &n).map_err(|e| e.to_string())?;
            if taken.is_some() || !numbers.insert(n.clone()) {
                return Err(format!("保密编号：{n} 已登记或在文件中重复"));
            }
            Some(n)
        }
    };
    let registered_on = match row.date.trim() {
        "" => today,
        d => dates::parse_past("登记日期", d, today).map_err(err)?,
    };
    let checked_on = match row.checked_on.trim() {
        "" => None,
        d => Some(dates::parse_past("最近清查", d, today).map_err(err)?),
    };
    let state = match row.state.trim() {
        "" => spec.first_state(&values),
        s => spec
            .states
            .iter()
            .find(|st| st.key == s || st.label == s)
            .map(|st| st.key)
            .ok_or_else(|| {
                let names: Vec<&str> = spec.states.iter().map(|s| s.label).collect();
                format!("状态：应为 {}", names.join("、"))
            })?,
    };
    // R-DIS-2, R-EXT-1: a review's steps are signed one by one; a file cannot place it past one.
    if let Some((rule, all)) = crate::domain::rules::steps::of(spec.key, "step")
        && all.first().is_some_and(|first| first.key != state)
    {
        return Err(err(Refusal::rule(
            rule,
            format!(
                "导入的{}从第一步「{}」开始，状态不能是{}；已办的步骤请按签字的表格逐步录入",
                spec.noun,
                all.first().map_or("", |f| f.label),
                spec.state(state).map_or(state, |s| s.label)
            ),
        )));
    }
    check_text("持有人", &row.holder, TEXT_MAX).map_err(err)?;
    let record = Record {
        id: 0,
        spec,
        no: String::new(),
        state,
        level: values.get(LEVEL).and_then(|l| Level::parse(l)),
        keeper: values.get(KEEPER).cloned().unwrap_or_default(),
        holder: row.holder.trim().to_string(),
        registered_on,
        checked_on,
        values,
    };
    Ok((no, record))
}
