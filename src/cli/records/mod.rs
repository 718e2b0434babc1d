//! `baomi medium|computer|device …`: one command line for every ledger declared once. Each noun's
//! subcommands are built at run time from its `LedgerSpec`: `add` with a flag per field, `list`,
//! `show`, `held-by`, and one verb per act with a flag per act field (and `--request` where the
//! act waits for approval). `baomi request medium|computer …` files those acts through the one
//! approval queue, with the same flags. Names follow DESIGN.md's contract.

mod build;
mod label;
pub(crate) mod view;

pub use label::label_of;

use std::collections::BTreeMap;
use std::marker::PhantomData;

use clap::{ArgMatches, FromArgMatches, Subcommand};

use super::out::{errln, outln};
use super::{Env, Failure, Outcome, authenticate, date_flag, open, past_flag, stamp};
use crate::domain::Refusal;
use crate::domain::ledgers::{FieldSpec, Kind, LedgerSpec};
use crate::domain::rules::{computer, device, media, person, room};
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
    let fields = build::fields_of(spec, verb);
    let mut values = BTreeMap::new();
    for f in fields {
        let v = if f.kind == Kind::Flag {
            sub.try_get_one::<bool>(f.key)
                .ok()
                .flatten()
                .copied()
                .unwrap_or(false)
                .then(|| "是".to_string())
        } else {
            text(f.key)
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

/// Runs `baomi <noun> <verb> …`.
pub fn run<L: Ledger>(v: Verbs<L>, env: &Env) -> Outcome {
    let spec = L::spec();
    let call = v.call;
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    match call.verb.as_str() {
        v if v == spec.add_verb => {
            let date = call
                .date
                .as_ref()
                .map(|_| past_flag("--date", &call.date, env.today))
                .transpose()?;
            let form = AddForm {
                values: call.values,
                no: call.no,
                date,
            };
            let r = store
                .change(&stamp(&me, env), |c| records::add(c, spec, &form))
                .map_err(|e| with_flags(e, spec.fields))?;
            outln!("{}", r.no);
            Ok(())
        }
        "list" => {
            let filter = filter(spec, &call)?;
            view::list(&store, spec, &filter, &call.format)
        }
        "show" => {
            let no = call.no.unwrap_or_default();
            let r = records::get(store.conn(), spec, &no)?;
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
                .map_err(|e| with_flags(e, fields))?;
            let act = spec.act(verb).map(|a| a.label).unwrap_or(verb);
            let holder = if r.holder.is_empty() {
                String::new()
            } else {
                format!("，使用人 {}", r.holder)
            };
            // A person's number alone says little: the name, and the cooling-off end on leaving.
            let (who, until) = if spec.key == person::SPEC.key {
                let until = match r.get("cooling_off_until") {
                    u if !u.is_empty() && verb == "leave" => format!("，脱密期至 {u}"),
                    _ => String::new(),
                };
                (format!(" {}", person::name(&r)), until)
            } else {
                (String::new(), String::new())
            };
            outln!(
                "{}{who} 已{act}（{}{holder}）{until}",
                r.no,
                r.state_label()
            );
            Ok(())
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
        .map_err(|e| with_flags(e, fields))?;
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
fn with_flags(e: StoreError, fields: &[FieldSpec]) -> StoreError {
    let StoreError::Refused(Refusal::Rule { id, message }) = e else {
        return e;
    };
    let mut message = message;
    for f in fields {
        let quoted = format!("「{}」", f.label);
        if message.contains(&quoted) {
            message = message.replace(&quoted, &format!("{quoted}（--{}）", f.flag()));
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
