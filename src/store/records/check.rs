//! The periodic check by scanning (清查核对, R-MED-6, R-CMP-9, R-DEV-4) recorded as one change:
//! the list counted again inside the transaction, each record seen given its `check` act (its
//! rules, its event, its audit row), and one audit row for the whole count with what was
//! expected, seen, missing and not on the list. Nothing is written when any record's check is
//! refused.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{ActForm, Filter, act, find, for_each};
use crate::domain::Refusal;
use crate::domain::ledgers::LedgerSpec;
use crate::domain::ledgers::tally::Tally;
use crate::domain::text::{TEXT_MAX, check_text};
use crate::store::{Change, Result, json};

use crate::domain::ledgers::tally::MAX_NUMBERS;

/// Records the check of `spec` on `on`: `numbers` as scanned or typed, `values` the check act's
/// fields (检查情况 …), given to every record seen. Returns the count as recorded.
pub fn check_all(
    c: &mut Change<'_>,
    spec: &'static LedgerSpec,
    numbers: &[String],
    values: &BTreeMap<String, String>,
    on: NaiveDate,
) -> Result<Tally> {
    crate::store::accounts::require_officer(c, "清查核对")?;
    let check = spec
        .act("check")
        .ok_or_else(|| Refusal::field("办理", format!("{}没有清查核对", spec.title)))?;
    if numbers.len() > MAX_NUMBERS {
        return Err(Refusal::field(
            spec.number_label,
            format!("一次最多清查 {MAX_NUMBERS} 个编号"),
        )
        .into());
    }
    for n in numbers {
        check_text(spec.number_label, n, TEXT_MAX)?;
    }
    let mut held = Vec::new();
    let all = Filter {
        held: true,
        ..Filter::default()
    };
    for_each(&c.tx, spec, &all, |r| {
        held.push(r);
        Ok(true)
    })?;
    let mut tally = Tally::new(held);
    for n in numbers {
        let found = find(&c.tx, spec, n)?;
        tally.see(n, found.as_ref());
    }
    let counted: Vec<String> = tally.counted().map(|r| r.no.clone()).collect();
    if counted.is_empty() {
        return Err(Refusal::rule(
            check.rule,
            format!(
                "没有清点到任何在管的{}：请扫描标签或输入{}",
                spec.noun, spec.number_label
            ),
        )
        .into());
    }
    let form = ActForm {
        verb: check.verb.to_string(),
        values: values.clone(),
        on,
        request: None,
    };
    for no in &counted {
        act(c, spec, no, &form)?;
    }
    let missing: Vec<&str> = tally.missing().map(|r| r.no.as_str()).collect();
    let strays: Vec<serde_json::Value> = tally
        .strays()
        .iter()
        .map(|s| serde_json::json!({"no": s.no, "why": s.why}))
        .collect();
    c.audit(
        &format!("{}{}", spec.noun, check.label),
        spec.title,
        None,
        json(serde_json::json!({
            "on": crate::domain::dates::iso(on),
            "expected": tally.expected().len(),
            "counted": counted,
            "missing": missing,
            "not_on_list": strays,
        })),
    );
    Ok(tally)
}
