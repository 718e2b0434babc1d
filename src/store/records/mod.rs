//! Records of the ledgers declared once (media, computers, devices): registering one, acting on it
//! and reading them back. Thin: every value is read by the spec's `parse`, every act checked by the
//! spec's hand-written rules before anything is written, in the change's one transaction with its
//! audit row. The events are history, never changed; the record row caches what they made it.

mod check;
mod import;
pub mod migrated;
pub mod page;
mod read;
mod staff;
pub mod steps;

pub use check::check_all;
pub use import::import;
pub(crate) use read::{COLUMNS, row};
pub use read::{
    Event, Filter, REGISTERED_BY, due_facts, events, find, for_each, get, held_by, history, list,
    search,
};

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};

use super::{Change, Result, StoreError, json};
use crate::domain::Refusal;
use crate::domain::dates;
use crate::domain::ledgers::record::{DEPT, KEEPER, LEVEL};
use crate::domain::ledgers::{Context, Kind, LedgerSpec, Outcome, Record, Values};
use crate::domain::level::Level;
use crate::domain::numbering;
use crate::domain::rules::{incident, inspection, meeting, rectification};

/// What the officer typed to register a record: field key → text, an own number or none (one is
/// issued), and the day (today when none).
#[derive(Debug, Clone, Default)]
pub struct AddForm {
    pub values: BTreeMap<String, String>,
    pub no: Option<String>,
    pub date: Option<NaiveDate>,
}

/// Registers a record of `spec` after its checks; returns it with its number.
pub fn add(c: &mut Change<'_>, spec: &'static LedgerSpec, form: &AddForm) -> Result<Record> {
    super::accounts::require_officer(c, "登记")?;
    let today = c.stamp.today();
    let mut values = LedgerSpec::parse_values(spec.fields, &form.values, today)?;
    let on = match form.date {
        // R-INS-4: a bureau check is registered when the unit is told, before its day; R-MTG-1:
        // a meeting before its day. Their rules decide (`first_state`).
        Some(d) if dated_ahead(spec) => dates::check_bounds("日期", d)?,
        Some(d) => dates::check_past("登记日期", d, today)?,
        None => today,
    };
    (spec.check_add)(&values, today)?;
    // R-TRN-1: attendees named as the people register names them.
    super::training::before_add(&c.tx, spec, &mut values)?;
    super::incidents::before_add(&c.tx, spec, &values)?;
    values.insert(REGISTERED_BY.to_string(), c.handler()?.to_string());
    let no = match form.no.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => {
            let n = numbering::check_number(spec.number_label, n)?;
            if find(&c.tx, spec, &n)?.is_some() {
                return Err(Refusal::field(
                    spec.number_label,
                    format!("{n} 已登记在{}中，编号不能重复", spec.title),
                )
                .into());
            }
            n
        }
        None => next_number(c, spec, on)?,
    };
    let state = match spec.key {
        k if k == inspection::SPEC.key => inspection::first_state(&values, on, today)?,
        k if k == meeting::SPEC.key => meeting::first_state(on, today)?,
        // R-KEY-2: a key site is in use once accepted, whatever its fields' order.
        k if k == crate::domain::rules::site::SPEC.key => {
            crate::domain::rules::site::first_state(&values)
        }
        _ => spec.first_state(&values),
    };
    let record = Record {
        id: 0,
        spec,
        no,
        state,
        level: values.get(LEVEL).and_then(|l| Level::parse(l)),
        keeper: values.get(KEEPER).cloned().unwrap_or_default(),
        holder: String::new(),
        registered_on: on,
        checked_on: None,
        values,
    };
    let record = register(c, record, "登记")?;
    super::incidents::after_add(c, &record)?;
    staff::after_person(c, None, &record, on, "登记")?;
    Ok(record)
}

/// The ledgers whose records may be registered before their day: a bureau check (R-INS-4) and a
/// meeting (R-MTG-1); their `first_state` rules decide.
pub fn dated_ahead(spec: &LedgerSpec) -> bool {
    spec.key == inspection::SPEC.key || spec.key == meeting::SPEC.key
}

/// What the day a record is registered on means on screen: a meeting's or a check's own day
/// (they are registered ahead, so "登记日期" would invite today's date and skip 待召开).
pub fn day_label(spec: &LedgerSpec) -> &'static str {
    if spec.key == meeting::SPEC.key {
        "会议日期"
    } else if spec.key == inspection::SPEC.key {
        "检查日期"
    } else {
        "登记日期"
    }
}

/// Registers what an upgrade found in existing data (issue 11: holders as people), dated `on`,
/// without a new registration's checks: what it lacks is on the due list, not refused.
pub(crate) fn add_found(
    c: &mut Change<'_>,
    spec: &'static LedgerSpec,
    values: Values,
    on: NaiveDate,
) -> Result<Record> {
    let record = Record {
        id: 0,
        spec,
        no: next_number(c, spec, on)?,
        state: spec.first_state(&values),
        level: None,
        keeper: String::new(),
        holder: String::new(),
        registered_on: on,
        checked_on: None,
        values,
    };
    register(c, record, "迁移登记")
}

/// Writes a new record with its audit row (`action` and the ledger's noun: 登记涉密人员 …).
fn register(c: &mut Change<'_>, record: Record, action: &str) -> Result<Record> {
    let id = insert(c, &record)?;
    let record = Record { id, ..record };
    c.audit(
        &format!("{action}{}", record.spec.noun),
        &record.no,
        None,
        json(snapshot(&record)),
    );
    Ok(record)
}

/// Issues the next number of the spec's series in the unit's format, skipping numbers already
/// used. A format without `{年}` counts on across years.
fn next_number(c: &Change<'_>, spec: &LedgerSpec, on: NaiveDate) -> Result<String> {
    let settings = super::settings::load(&c.tx)?;
    let format = settings.format(spec.series).to_string();
    numbering::check_format(&format)?;
    let year = if format.contains("{年}") {
        on.year()
    } else {
        0
    };
    let mut last = c.last_issued(spec.series.code(), year)?;
    let mut exists =
        c.tx.prepare_cached("SELECT 1 FROM record WHERE spec = ?1 AND no = ?2")?;
    let no = loop {
        last += 1;
        let candidate = numbering::render(&format, year, last);
        if !exists.exists(params![spec.key, candidate])? {
            break candidate;
        }
    };
    c.issue(spec.series.code(), year, last);
    Ok(no)
}

/// The columns a record is written with, in the order of `record_value`.
const INSERT_COLUMNS: &str =
    "spec, no, level, state, keeper, holder, dept, registered_on, checked_on, data, text";
const INSERT_WIDTH: usize = 11;

/// The value of column `i` of `INSERT_COLUMNS` for `r`: one list for the daily insert and the
/// bulk one (`import`), so that the two never disagree.
fn record_value(r: &Record, i: usize) -> Result<ToSqlOutput<'_>> {
    fn text(s: &str) -> ToSqlOutput<'_> {
        ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
    }
    let owned = |s: String| ToSqlOutput::Owned(Value::Text(s));
    Ok(match i {
        0 => text(r.spec.key),
        1 => text(&r.no),
        2 => r.level.map_or(ToSqlOutput::Owned(Value::Null), |l| {
            ToSqlOutput::Owned(Value::Integer(l.code()))
        }),
        3 => text(r.state),
        4 => text(&r.keeper),
        5 => text(&r.holder),
        6 => text(r.get(DEPT)),
        7 => owned(dates::iso(r.registered_on)),
        8 => r
            .checked_on
            .map_or(ToSqlOutput::Owned(Value::Null), |d| owned(dates::iso(d))),
        9 => owned(data(&r.values)?),
        _ => owned(search_text(r)),
    })
}

fn insert(c: &Change<'_>, r: &Record) -> Result<i64> {
    let values = (0..INSERT_WIDTH)
        .map(|i| record_value(r, i))
        .collect::<Result<Vec<_>>>()?;
    c.tx.prepare_cached(&format!(
        "INSERT INTO record ({INSERT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(c.tx.last_insert_rowid())
}

/// Records held in memory, as `staged` reads them (a bulk insert in one statement).
struct RecordRows(Vec<Record>);

impl crate::store::staged::Rows for RecordRows {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn value(&self, row: usize, column: usize) -> ToSqlOutput<'_> {
        // The values were made once already, for the check of `insert_all`: they cannot fail here.
        record_value(&self.0[row], column).unwrap_or(ToSqlOutput::Owned(Value::Null))
    }
}

/// Inserts `records` in one statement (each index takes them in one pass, and the statement
/// journal keeps each page once, not once a row); returns the first and last id.
fn insert_all(c: &Change<'_>, records: Vec<Record>) -> Result<Option<(i64, i64)>> {
    if records.is_empty() {
        return Ok(None);
    }
    for r in &records {
        // What could fail (a value that will not serialise) fails here, before the statement.
        data(&r.values)?;
    }
    let n = records.len() as i64;
    crate::store::staged::load(&c.tx)?;
    c.tx.execute(
        &format!(
            "INSERT INTO main.record ({INSERT_COLUMNS}) SELECT {} FROM staged(?1)",
            crate::store::staged::columns(INSERT_WIDTH)
        ),
        [crate::store::staged::Staged::new(RecordRows(records))],
    )?;
    // The rows took ids one after another, the last one's last.
    let last = c.tx.last_insert_rowid();
    Ok(Some((last - n + 1, last)))
}

fn data(values: &Values) -> Result<String> {
    serde_json::to_string(values).map_err(|_| StoreError::Internal("台帐数据无法保存"))
}

/// The searchable values on one line: every text field, the holder and the keeper, and the
/// rectifications an inspection or incident holds (R-INS-2, R-INC-5), found by their text.
pub(crate) fn search_text(r: &Record) -> String {
    let mut parts: Vec<String> = vec![r.keeper.clone(), r.holder.clone()];
    for f in r.spec.fields {
        if matches!(f.kind, Kind::Text | Kind::Person | Kind::Choice(_)) {
            parts.push(r.get(f.key).to_string());
        }
    }
    parts.extend(rectification::all(r).into_iter().map(|x| x.text));
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// The record's fields as the audit log keeps them.
fn snapshot(r: &Record) -> serde_json::Value {
    serde_json::json!({
        "no": r.no, "state": r.state_label(), "holder": r.holder, "keeper": r.keeper,
        "level": r.level.map(Level::name), "values": r.values,
    })
}

/// What the officer asks of one act: the act's values as typed, its day, and the approved request
/// it carries out when the act waits for approval.
#[derive(Debug, Clone)]
pub struct ActForm {
    pub verb: String,
    pub values: BTreeMap<String, String>,
    pub on: NaiveDate,
    pub request: Option<i64>,
}

/// Carries out an act on record `no` of `spec` after its rules; returns the record as it is now.
pub fn act(
    c: &mut Change<'_>,
    spec: &'static LedgerSpec,
    no: &str,
    form: &ActForm,
) -> Result<Record> {
    // R-DIS-2, R-EXT-1: a signed step is taken by its own role, settled by `steps::sign`.
    let stepped = crate::domain::rules::steps::of(spec.key, &form.verb);
    if stepped.is_none() {
        super::accounts::require_officer(c, "办理")?;
    }
    let today = c.stamp.today();
    let on = dates::check_past("日期", form.on, today)?;
    let act = spec
        .act(&form.verb)
        .ok_or_else(|| StoreError::not_found("办理事项", form.verb.clone()))?;
    let (before, item) = named(c, spec, act, no)?;
    // R-INC-4: a lost carrier accepts only its report or being found.
    incident::check_lost_carrier(&before, act)?;
    let (mut values, request) = if act.approval {
        let id = form.request.ok_or_else(|| {
            Refusal::rule(
                act.rule,
                format!(
                    "{}须先经审批：baomi request {} {} {} …，批准后用 --request 申请号办理",
                    act.label, spec.key, act.verb, before.no
                ),
            )
        })?;
        (
            super::approvals::record_plan_in_force(c, id, spec, act, &before.no, on)?,
            Some(id),
        )
    } else {
        (
            LedgerSpec::parse_values(act.fields, &form.values, today)?,
            None,
        )
    };
    if let Some(n) = item {
        values.insert(rectification::ITEM.key.to_string(), n.to_string());
    }
    let mut values = match stepped {
        Some((rule, all)) => steps::sign(c, rule, all, &before, &values, on)?,
        None => values,
    };
    let related = related(c, act.fields, &values)?;
    let unit = super::settings::load(&c.tx)?.unit_name;
    let cx = Context {
        today,
        on,
        related: related.as_ref(),
        filing: false,
        unit: &unit,
    };
    // The people register's checks: who receives a medium (R-PER-2), who leaves (R-PER-5).
    super::people::before_act(&c.tx, spec, &before, act.verb, &mut values)?;
    // R-TRN-2: who takes a post at a key site has trained 16 hours.
    super::training::before_act(&c.tx, &before, act.verb, &mut values, on)?;
    let mut outcome = spec.check(&before, act, &values, &cx)?;
    // R-MTG-1: a meeting's issue and collection are acts on its papers, in this same change.
    super::meetings::cross(c, &before, act.verb, &mut values, on, &mut outcome)?;
    let mut after = before.clone();
    outcome.apply(&mut after);
    write(c, &after, &outcome)?;
    c.tx.prepare_cached(
        "INSERT INTO record_event (record_id, act, on_date, related_id, data, handler, request_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        before.id,
        act.verb,
        dates::iso(on),
        related.as_ref().map(|r| r.id),
        data(&values)?,
        c.handler()?.to_string(),
        request,
    ])?;
    if let Some(id) = request {
        super::approvals::mark_executed(c, id, on)?;
    }
    c.audit(
        &format!("{}{}", spec.noun, act.label),
        &before.no,
        json(snapshot(&before)),
        json(serde_json::json!({"act": act.verb, "values": values, "record": snapshot(&after)})),
    );
    // R-ORG-6: a 保密员 leaving or changing post or grade.
    staff::after_person(c, Some(&before), &after, on, act.label)?;
    // What the act opens or closes elsewhere: a loss's incident, a leak found (R-INC-2, R-INS-3).
    if super::incidents::after_act(c, &after, act.verb, &values, on)? {
        return get(&c.tx, spec, &after.no);
    }
    Ok(after)
}

/// The record an act names, and the rectification when the number names one (`JC2026-01-2`, the
/// second finding of inspection JC2026-01) and the act takes one.
fn named(
    c: &Change<'_>,
    spec: &'static LedgerSpec,
    act: &crate::domain::ledgers::ActSpec,
    no: &str,
) -> Result<(Record, Option<u32>)> {
    if let Some(r) = find(&c.tx, spec, no)? {
        return Ok((r, None));
    }
    let takes_item = act.fields.iter().any(|f| f.key == rectification::ITEM.key);
    if takes_item
        && let Some((base, n)) = rectification::split(no)
        && let Some(r) = find(&c.tx, spec, base)?
    {
        return Ok((r, Some(n)));
    }
    Ok((get(&c.tx, spec, no)?, None))
}

/// Records `pairs` on `r` (a link another act made: the incident a loss opened), with its audit
/// row, in the change's transaction.
pub(crate) fn set(c: &mut Change<'_>, r: &Record, pairs: &[(&str, &str)]) -> Result<Record> {
    let mut outcome = Outcome::default();
    for (k, v) in pairs {
        outcome = outcome.set(k, *v);
    }
    let mut after = r.clone();
    outcome.apply(&mut after);
    write(c, &after, &outcome)?;
    c.audit(
        &format!("{}关联", r.spec.noun),
        &r.no,
        json(snapshot(r)),
        json(snapshot(&after)),
    );
    Ok(after)
}

/// Checks an act as a request is filed: its values are read and its rules applied to the record
/// as it is now, without the approval it asks for. Returns the values the request keeps.
pub fn check_request(
    c: &Change<'_>,
    spec: &'static LedgerSpec,
    no: &str,
    verb: &str,
    input: &BTreeMap<String, String>,
) -> Result<(Record, Values)> {
    let today = c.stamp.today();
    let act = spec
        .act(verb)
        .filter(|a| a.approval)
        .ok_or_else(|| StoreError::not_found("须审批的办理事项", verb.to_string()))?;
    let record = get(&c.tx, spec, no)?;
    let values = LedgerSpec::parse_values(act.fields, input, today)?;
    let related = related(c, act.fields, &values)?;
    let unit = super::settings::load(&c.tx)?.unit_name;
    let cx = Context {
        today,
        on: today,
        related: related.as_ref(),
        filing: true,
        unit: &unit,
    };
    spec.check(&record, act, &values, &cx)?;
    Ok((record, values))
}

/// The record a field of kind `Record` names, if the act has one.
fn related(
    c: &Change<'_>,
    fields: &[crate::domain::ledgers::FieldSpec],
    values: &Values,
) -> Result<Option<Record>> {
    for f in fields {
        if let Kind::Record(key) = f.kind
            && let Some(no) = values.get(f.key)
        {
            let spec = crate::domain::ledgers::spec::find(key)
                .ok_or(StoreError::Internal("台帐说明引用了不存在的台帐"))?;
            return Ok(Some(get(&c.tx, spec, no)?));
        }
    }
    Ok(None)
}

fn write(c: &Change<'_>, r: &Record, outcome: &Outcome) -> Result<()> {
    if outcome == &Outcome::default() {
        return Ok(());
    }
    c.tx.prepare_cached(
        "UPDATE record SET state = ?2, holder = ?3, checked_on = ?4, data = ?5, text = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        r.id,
        r.state,
        r.holder,
        r.checked_on.map(dates::iso),
        data(&r.values)?,
        search_text(r),
    ])?;
    Ok(())
}
