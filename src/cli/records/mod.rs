//! `baomi medium|computer|device …`: one command line for every ledger declared once. Each noun's
//! subcommands are built at run time from its `LedgerSpec`: `add` with a flag per field, `list`,
//! `show`, `held-by`, and one verb per act with a flag per act field (and `--request` where the
//! act waits for approval). `baomi request medium|computer …` files those acts through the one
//! approval queue, with the same flags. Names follow DESIGN.md's contract.

pub(crate) mod build;
mod check;
mod label;
mod said;
pub(crate) mod view;

pub use label::label_of;

use std::collections::BTreeMap;
use std::marker::PhantomData;

use clap::{ArgMatches, FromArgMatches, Subcommand};

use super::out::{errln, outln};
use super::{Env, Failure, Outcome, authenticate, date_flag, open, past_flag, stamp};
use crate::domain::Refusal;
use crate::domain::ledgers::{FieldSpec, Kind, LedgerSpec};
use crate::domain::rules::organisation::{self as org, coop};
use crate::domain::rules::{
    computer, device, incident, inspection, media, meeting, person, provide, review, room,
};
use crate::store::StoreError;
use crate::store::records::{self, ActForm, AddForm, Filter};

/// A ledger the command line serves: names its description.
pub trait Ledger: 'static {
    fn spec() -> &'static LedgerSpec;
}

#[derive(Debug, Clone, Copy)]
pub struct Media;
#[derive(Debug, Clone, Copy)]
pub struct Computers;
#[derive(Debug, Clone, Copy)]
pub struct Devices;
#[derive(Debug, Clone, Copy)]
pub struct Rooms;
#[derive(Debug, Clone, Copy)]
pub struct People;

impl Ledger for Media {
    fn spec() -> &'static LedgerSpec {
        &media::SPEC
    }
}
impl Ledger for Computers {
    fn spec() -> &'static LedgerSpec {
        &computer::SPEC
    }
}
impl Ledger for Devices {
    fn spec() -> &'static LedgerSpec {
        &device::SPEC
    }
}
impl Ledger for Rooms {
    fn spec() -> &'static LedgerSpec {
        &room::SPEC
    }
}
impl Ledger for People {
    fn spec() -> &'static LedgerSpec {
        &person::SPEC
    }
}
#[derive(Debug, Clone, Copy)]
pub struct Incidents;
#[derive(Debug, Clone, Copy)]
pub struct Inspections;
impl Ledger for Incidents {
    fn spec() -> &'static LedgerSpec {
        &incident::SPEC
    }
}
impl Ledger for Inspections {
    fn spec() -> &'static LedgerSpec {
        &inspection::SPEC
    }
}
#[derive(Debug, Clone, Copy)]
pub struct Reviews;
#[derive(Debug, Clone, Copy)]
pub struct Provisions;
impl Ledger for Reviews {
    fn spec() -> &'static LedgerSpec {
        &review::SPEC
    }
}
impl Ledger for Provisions {
    fn spec() -> &'static LedgerSpec {
        &provide::SPEC
    }
}

// Issue 12: meetings and the secrecy organisation's registers.
#[derive(Debug, Clone, Copy)]
pub struct Meetings;
#[derive(Debug, Clone, Copy)]
pub struct WorkRecords;
#[derive(Debug, Clone, Copy)]
pub struct UnitReports;
#[derive(Debug, Clone, Copy)]
pub struct Merits;
#[derive(Debug, Clone, Copy)]
pub struct CoopGroups;
#[derive(Debug, Clone, Copy)]
pub struct Assessments;
#[derive(Debug, Clone, Copy)]
pub struct StaffChanges;

impl Ledger for Meetings {
    fn spec() -> &'static LedgerSpec {
        &meeting::SPEC
    }
}
impl Ledger for WorkRecords {
    fn spec() -> &'static LedgerSpec {
        &org::WORK_RECORD
    }
}
impl Ledger for UnitReports {
    fn spec() -> &'static LedgerSpec {
        &org::UNIT_REPORT
    }
}
impl Ledger for Merits {
    fn spec() -> &'static LedgerSpec {
        &org::MERIT
    }
}
impl Ledger for CoopGroups {
    fn spec() -> &'static LedgerSpec {
        &coop::SPEC
    }
}
impl Ledger for Assessments {
    fn spec() -> &'static LedgerSpec {
        &org::ASSESSMENT
    }
}
impl Ledger for StaffChanges {
    fn spec() -> &'static LedgerSpec {
        &org::STAFF_CHANGE
    }
}

// Issue 11: training sessions (with `training hours`) and key sites.
#[derive(Debug, Clone, Copy)]
pub struct Trainings;
#[derive(Debug, Clone, Copy)]
pub struct Sites;
impl Ledger for Trainings {
    fn spec() -> &'static LedgerSpec {
        &crate::domain::rules::training::SPEC
    }
}
impl Ledger for Sites {
    fn spec() -> &'static LedgerSpec {
        &crate::domain::rules::site::SPEC
    }
}

/// One parsed command of a ledger noun: the verb, the number it names, the typed values of its
/// fields, and the common flags.
#[derive(Debug, Clone, Default)]
pub struct Invocation {
    pub verb: String,
    pub no: Option<String>,
    pub values: BTreeMap<String, String>,
    pub date: Option<String>,
    pub request: Option<i64>,
    pub format: String,
    pub state: Option<String>,
    /// Where a printed form goes (`inspection print`, `review show --format pdf --out F`).
    pub to: Option<super::register::SendTo>,
    /// The year of a yearly table (`training hours --year Y`).
    pub year: Option<String>,
    /// The file of numbers a check by scanning reads (`check --file F`).
    pub file: Option<String>,
}

/// Which commands of a ledger a noun offers.
pub trait Commands: 'static {
    fn of(spec: &'static LedgerSpec) -> Vec<clap::Command>;
}

/// Every verb: `baomi <noun> …`.
#[derive(Debug, Clone, Copy)]
pub struct All;
/// The acts that wait for approval: `baomi request <noun> …`.
#[derive(Debug, Clone, Copy)]
pub struct Queued;

impl Commands for All {
    fn of(spec: &'static LedgerSpec) -> Vec<clap::Command> {
        build::verbs(spec)
    }
}
/// Every verb and `hours`, the per-person hours table (`baomi training hours`, R-TRN-3).
#[derive(Debug, Clone, Copy)]
pub struct WithHours;
impl Commands for WithHours {
    fn of(spec: &'static LedgerSpec) -> Vec<clap::Command> {
        let mut verbs = build::verbs(spec);
        verbs.push(crate::cli::training::hours_command());
        verbs
    }
}

impl Commands for Queued {
    fn of(spec: &'static LedgerSpec) -> Vec<clap::Command> {
        build::requests(spec)
    }
}

/// One command of ledger `L` among the commands `C` (clap's `Subcommand`, built from the spec).
#[derive(Debug, Clone)]
pub struct Parsed<L, C> {
    pub call: Invocation,
    ledger: PhantomData<fn() -> (L, C)>,
}

/// `baomi <noun> …` for ledger `L`.
pub type Verbs<L> = Parsed<L, All>;
/// `baomi request <noun> …`: the acts of `L` that wait for approval.
pub type Requests<L> = Parsed<L, Queued>;

fn invocation(spec: &'static LedgerSpec, m: &ArgMatches) -> Result<Invocation, clap::Error> {
    let Some((verb, sub)) = m.subcommand() else {
        return Err(clap::Error::new(clap::error::ErrorKind::MissingSubcommand));
    };
    let text = |id: &str| {
        sub.try_get_one::<String>(id)
            .ok()
            .flatten()
            .map(|s| s.to_string())
    };
    let flag = |id: &str| {
        sub.try_get_one::<bool>(id)
            .ok()
            .flatten()
            .copied()
            .unwrap_or(false)
    };
    let fields = build::fields_of(spec, verb);
    // An act done here records a flag not given as 否, as its screen form does (R-CMP-14: every
    // protective item is written down at each check); registration and filters leave it out.
    let done_here = spec.act(verb).is_some_and(|a| !a.approval);
    let mut values = BTreeMap::new();
    for f in fields {
        let v = if f.kind == Kind::Flag {
            match flag(f.key) {
                true => Some("是".to_string()),
                false => done_here.then(|| "否".to_string()),
            }
        } else {
            // A list field may be given several values (build::is_list): kept joined by 、.
            sub.try_get_many::<String>(f.key)
                .ok()
                .flatten()
                .map(|v| v.map(String::as_str).collect::<Vec<_>>().join("、"))
        };
        if let Some(v) = v {
            values.insert(f.key.to_string(), v);
        }
    }
    Ok(Invocation {
        verb: verb.to_string(),
        no: text("no"),
        values,
        date: text("date"),
        request: sub.try_get_one::<i64>("request").ok().flatten().copied(),
        format: text("format").unwrap_or_else(|| "table".into()),
        state: text("state"),
        to: build::send_to(sub),
        year: text("year"),
        file: text("file"),
    })
}

impl<L: Ledger, C: Commands> FromArgMatches for Parsed<L, C> {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(Parsed {
            call: invocation(L::spec(), m)?,
            ledger: PhantomData,
        })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl<L: Ledger, C: Commands> Subcommand for Parsed<L, C> {
    // Built only when the noun is on the command line (or its help is shown): every other
    // command, a search above all, starts without building every ledger's verbs and flags.
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        cmd.defer(verbs_of::<L, C>)
    }

    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_subcommands(cmd)
    }

    fn has_subcommand(name: &str) -> bool {
        C::of(L::spec()).iter().any(|c| c.get_name() == name)
    }
}

fn verbs_of<L: Ledger, C: Commands>(cmd: clap::Command) -> clap::Command {
    cmd.subcommands(C::of(L::spec()))
}

/// Runs `baomi training …`: `hours` reads the sessions; the rest are the ledger's verbs.
pub fn run_training(v: Parsed<Trainings, WithHours>, env: &Env) -> Outcome {
    if v.call.verb == "hours" {
        return crate::cli::training::hours(&v.call, env);
    }
    run::<Trainings>(
        Parsed {
            call: v.call,
            ledger: PhantomData,
        },
        env,
    )
}

/// Runs `baomi <noun> <verb> …`.
pub fn run<L: Ledger>(v: Verbs<L>, env: &Env) -> Outcome {
    let spec = L::spec();
    let call = v.call;
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    match call.verb.as_str() {
        v if v == spec.add_verb => {
            // R-INS-4, R-MTG-1: a bureau check or a meeting may be registered ahead; its rule
            // decides, not the flag.
            let date = match &call.date {
                None => None,
                Some(_) if records::dated_ahead(spec) => {
                    Some(date_flag("--date", &call.date, env.today)?)
                }
                Some(_) => Some(past_flag("--date", &call.date, env.today)?),
            };
            let form = AddForm {
                values: call.values,
                no: call.no,
                date,
            };
            let r = store
                .change(&stamp(&me, env), |c| records::add(c, spec, &form))
                .map_err(|e| with_flags(e, spec, spec.add_verb, spec.fields))?;
            outln!("{}", r.no);
            Ok(())
        }
        "list" => {
            let filter = filter(spec, &call)?;
            view::list(&store, spec, &filter, &call.format)
        }
        "print" if [inspection::SPEC.key, incident::SPEC.key].contains(&spec.key) => {
            let r = records::get(store.conn(), spec, call.no.as_deref().unwrap_or_default())?;
            let unit = crate::store::settings::load(store.conn())?.unit_name;
            let doc = crate::report::record_form::document(store.conn(), &r, &unit, env.today)?
                .ok_or(Failure::usage("该台帐没有表格"))?;
            let format = crate::report::Format::parse(&call.format)
                .ok_or_else(|| Failure::usage("--format 应为 table、html 或 pdf"))?;
            let to = call.to.ok_or(Failure::usage("缺少输出去向"))?;
            super::register::emit(&mut store, env, &me, doc, format, &to)
        }
        "show" => {
            let no = call.no.unwrap_or_default();
            let r = records::get(store.conn(), spec, &no)?;
            if let Some(to) = &call.to
                && let Some(format) = crate::report::Format::parse(&call.format).filter(|f| {
                    use crate::report::Format::{Csv, Html, Pdf};
                    matches!(f, Pdf | Html | Csv)
                })
            {
                return view::print_form(&mut store, env, &me, &r, format, to);
            }
            view::show(&store, &r, &call.format)
        }
        "held-by" => {
            let person = call.no.unwrap_or_default();
            let held = records::held_by(store.conn(), spec, &person)?;
            // R-MED-6: a person leaving returns every medium first.
            media::check_all_returned(person.trim(), &held)?;
            outln!("{} 名下没有未交回的{}", person.trim(), spec.noun);
            Ok(())
        }
        "check" if call.no.is_none() || call.file.is_some() => {
            check::run(&mut store, env, &me, spec, call)
        }
        verb => {
            let form = ActForm {
                verb: verb.to_string(),
                values: call.values,
                on: date_flag("--date", &call.date, env.today)?,
                request: call.request,
            };
            let no = call.no.unwrap_or_default();
            let fields = spec.act(verb).map_or(&[][..], |a| a.fields);
            let r = store
                .change(&stamp(&me, env), |c| records::act(c, spec, &no, &form))
                .map_err(|e| with_flags(e, spec, verb, fields))?;
            // One record's check answers in the keys of the whole ledger's (`check --format json`).
            if call.format == "json" {
                return super::out::json(&check::one_as_json(&r, form.on));
            }
            let act = spec.act(verb).map(|a| a.label).unwrap_or(verb);
            let holder = if r.holder.is_empty() {
                String::new()
            } else {
                format!("，使用人 {}", r.holder)
            };
            // A person's number alone says little: the name, and the cooling-off end on leaving.
            let (who, until) = if spec.key == person::SPEC.key {
                let until = view::person_note(&r, verb);
                (format!(" {}", person::name(&r)), until)
            } else {
                (String::new(), String::new())
            };
            outln!(
                "{}{who} 已{act}（{}{holder}）{until}",
                r.no,
                r.state_label()
            );
            if spec.key == meeting::SPEC.key {
                said::meeting_papers(&r, verb)?;
            }
            said::opened(&store, spec, &r, verb)
        }
    }
}

/// `baomi request <noun> <verb> NO …`: files the act for approval; prints the request's number.
pub fn request<L: Ledger>(r: Requests<L>, env: &Env) -> Outcome {
    let spec = L::spec();
    let call = r.call;
    let kind = crate::domain::approval::RequestKind::for_act(spec.key, &call.verb)
        .ok_or_else(|| Failure::usage(format!("{}没有须审批的「{}」", spec.noun, call.verb)))?;
    let plan = crate::domain::paper::RecordPlan {
        ledger: spec.key.to_string(),
        no: call.no.unwrap_or_default(),
        act: call.verb.clone(),
        values: call.values,
    };
    let plan = crate::domain::paper::Plan::for_record(kind, plan)
        .ok_or_else(|| Failure::usage("申请种类不符"))?;
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let fields = spec.act(&call.verb).map_or(&[][..], |a| a.fields);
    let filed = store
        .change(&stamp(&me, env), |c| crate::store::approvals::file(c, plan))
        .map_err(|e| with_flags(e, spec, &call.verb, fields))?;
    outln!("{}", filed.id);
    errln!(
        "已提交{}申请 {}：{}，待{}审批",
        filed.kind.name(),
        filed.id,
        filed.summary,
        filed.decider
    );
    Ok(())
}

/// A rule's message names a field by its label, as the screen's form shows it; on the command
/// line the flag that fills it follows: 「检查情况」（--findings）.
fn with_flags(e: StoreError, spec: &LedgerSpec, verb: &str, fields: &[FieldSpec]) -> StoreError {
    let StoreError::Refused(Refusal::Rule { id, message }) = e else {
        return e;
    };
    let mut message = message;
    for f in fields {
        let quoted = format!("「{}」", f.label);
        if message.contains(&quoted) {
            let flag = build::flag_of(spec, verb, f);
            message = message.replace(&quoted, &format!("{quoted}（--{flag}）"));
        }
    }
    StoreError::Refused(Refusal::rule(id, message))
}

fn filter(spec: &LedgerSpec, call: &Invocation) -> Result<Filter, Failure> {
    let state = match call.state.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(
            spec.states
                .iter()
                .find(|st| st.key == s || st.label == s)
                .map(|st| st.key.to_string())
                .ok_or_else(|| {
                    let names: Vec<&str> = spec.states.iter().map(|s| s.label).collect();
                    Failure::refused(format!(
                        "--state：「{}」不是{}的状态，可选：{}",
                        crate::domain::text::for_terminal(s),
                        spec.title,
                        names.join("、")
                    ))
                })?,
        ),
    };
    let mut values = Vec::new();
    for (k, v) in &call.values {
        if let Some(f) = spec.field(k) {
            let parsed = f.parse(v, crate::domain::dates::LATEST)?;
            values.push((k.clone(), parsed.unwrap_or_default()));
        }
    }
    Ok(Filter {
        state,
        values,
        held: false,
    })
}
