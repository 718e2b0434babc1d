//! A ledger described once (DESIGN.md, "Ledgers declared once"): its fields with their Chinese
//! names, kinds, bounds and the header synonyms officers' spreadsheets use; its list and print
//! columns; its acts; its states. Shared code serves the CLI, import, export, lists and forms from
//! this; the rules stay hand-written in `domain::rules::<area>` and are named here as functions.
//! Data, not a framework: a feature of the description must serve three registers or more.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};

use super::record::{Context, Outcome, Record};
use crate::domain::dates;
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;
use crate::domain::numbering::{self, Series};
use crate::domain::text::{self, NOTE_MAX, TEXT_MAX};

/// What a field holds, and so how its text is read and bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A name, a model, a serial: one line of text.
    Text,
    /// Free text: findings, a reason, a note.
    Note,
    /// A calendar day (1949–2100; not after today when the field is a past fact).
    Date,
    /// A time of day, `HH:MM`.
    Time,
    /// 密级.
    Level,
    /// A count, 0 to 1,000,000.
    Count,
    /// Yes or no (是/否).
    Flag,
    /// A person by name.
    Person,
    /// One of a fixed list.
    Choice(&'static [&'static str]),
    /// Another record of the named ledger, by its number (the computer a medium is used on).
    Record(&'static str),
}

/// Values as stored: the field key and its canonical text (dates ISO, levels by name, flags 是/否).
pub type Values = BTreeMap<String, String>;

/// One field of a ledger or of an act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The key in code, in stored values and (with `_` as `-`) the command-line flag.
    pub key: &'static str,
    /// The Chinese name: the column header, the form label, the message's subject.
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Other headers that mean this column in an officer's spreadsheet (LEDGER-FORMS.md).
    pub synonyms: &'static [&'static str],
    /// The most characters (text kinds).
    pub max: usize,
    /// A date that records something that has happened: never after today.
    pub past: bool,
    /// The value names a record as well as its number does (a person's 姓名): commands take
    /// either.
    pub names: bool,
}

impl FieldSpec {
    pub const fn new(key: &'static str, label: &'static str, kind: Kind) -> FieldSpec {
        FieldSpec {
            key,
            label,
            kind,
            required: false,
            synonyms: &[],
            max: match kind {
                Kind::Note => NOTE_MAX,
                _ => TEXT_MAX,
            },
            past: matches!(kind, Kind::Date),
            names: false,
        }
    }

    /// A record may be named by this value instead of its number.
    pub const fn names(mut self) -> FieldSpec {
        self.names = true;
        self
    }

    pub const fn required(mut self) -> FieldSpec {
        self.required = true;
        self
    }

    pub const fn synonyms(mut self, synonyms: &'static [&'static str]) -> FieldSpec {
        self.synonyms = synonyms;
        self
    }

    pub const fn max(mut self, max: usize) -> FieldSpec {
        self.max = max;
        self
    }

    /// A date that may lie ahead (a deadline): bounded by ten years after today instead.
    pub const fn ahead(mut self) -> FieldSpec {
        self.past = false;
        self
    }

    /// The command-line flag, without `--`.
    pub fn flag(&self) -> String {
        self.key.replace('_', "-")
    }

    /// Reads what a person typed or a file held: `None` when empty and not required; otherwise
    /// the canonical text, bounded (length, control characters, date range, count range), or a
    /// refusal naming the field.
    pub fn parse(&self, input: &str, today: NaiveDate) -> Checked<Option<String>> {
        let v = input.trim();
        // Before anything else: a hostile value is refused whatever the kind, and never echoed whole.
        text::check_text(self.label, v, self.max.max(TEXT_MAX))?;
        if v.is_empty() {
            return if self.required {
                Err(Refusal::field(self.label, "不能为空"))
            } else {
                Ok(None)
            };
        }
        let value = match self.kind {
            Kind::Text | Kind::Note | Kind::Person => {
                text::check_text(self.label, v, self.max)?;
                v.to_string()
            }
            Kind::Record(_) => numbering::check_number(self.label, v)?,
            Kind::Date => {
                let d = dates::parse_field(self.label, v)?;
                if self.past {
                    dates::check_past(self.label, d, today)?;
                } else {
                    dates::check_deadline(self.label, d, today)?;
                }
                dates::iso(d)
            }
            Kind::Time => parse_time(self.label, v)?.format("%H:%M").to_string(),
            Kind::Level => Level::parse_field(self.label, v)?.name().to_string(),
            Kind::Count => match text::to_half_width(v).parse::<u32>() {
                Ok(n) if n <= 1_000_000 => n.to_string(),
                _ => {
                    return Err(Refusal::field(
                        self.label,
                        format!("「{}」不是 0 到 1000000 之间的整数", short(v)),
                    ));
                }
            },
            Kind::Flag => match v {
                "是" | "有" | "1" | "yes" | "y" | "true" | "√" => "是".to_string(),
                "否" | "无" | "0" | "no" | "n" | "false" | "×" => "否".to_string(),
                _ => {
                    return Err(Refusal::field(
                        self.label,
                        format!("「{}」应为 是 或 否", short(v)),
                    ));
                }
            },
            Kind::Choice(choices) => {
                let half = text::to_half_width(v);
                // Both sides half-width: a choice written with full-width brackets (出国（境）) matches.
                match choices
                    .iter()
                    .find(|c| text::to_half_width(c).eq_ignore_ascii_case(&half))
                {
                    Some(c) => c.to_string(),
                    None => {
                        return Err(Refusal::field(
                            self.label,
                            format!("「{}」不在可选范围内：{}", short(v), choices.join("、")),
                        ));
                    }
                }
            }
        };
        Ok(Some(value))
    }
}

/// At most 20 characters of what was typed, for a message.
fn short(v: &str) -> String {
    let s: String = v.chars().take(20).collect();
    if v.chars().count() > 20 {
        format!("{s}…")
    } else {
        s
    }
}

/// A time of day as officers write it: `9:30`, `09:30`, `9点30`, full-width digits too.
pub fn parse_time(field: &str, input: &str) -> Checked<NaiveTime> {
    let s = text::to_half_width(input.trim());
    let s = s.trim_end_matches('分');
    let parsed = s.split_once([':', '点', '时']).and_then(|(h, m)| {
        let ok = |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
        let m = if m.is_empty() { "0" } else { m };
        (ok(h) && ok(m)).then(|| NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0))?
    });
    parsed.ok_or_else(|| {
        Refusal::field(
            field,
            format!("「{}」不是时间，请写成 09:30", short(input.trim())),
        )
    })
}

/// One state a record can be in: the stored key and its Chinese name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateSpec {
    pub key: &'static str,
    pub label: &'static str,
    /// Still held by the unit: counted, checked, due.
    pub held: bool,
    /// A new record starts in this state when its registration field holds the value (an
    /// imported device waits for its security check, a classified computer for its filing).
    pub starts_when: Option<(&'static str, &'static str)>,
}

impl StateSpec {
    /// A state in which the unit still holds the record.
    pub const fn held(key: &'static str, label: &'static str) -> StateSpec {
        StateSpec {
            key,
            label,
            held: true,
            starts_when: None,
        }
    }

    /// A state in which it is gone (destroyed, scrapped, lost).
    pub const fn gone(key: &'static str, label: &'static str) -> StateSpec {
        StateSpec {
            key,
            label,
            held: false,
            starts_when: None,
        }
    }

    /// A new record starts here when its field `key` holds `value`.
    pub const fn starts_when(mut self, key: &'static str, value: &'static str) -> StateSpec {
        self.starts_when = Some((key, value));
        self
    }
}

/// The hand-written checks of a ledger (`domain::rules::<area>`).
pub type CheckAdd = fn(&Values, NaiveDate) -> Checked<()>;
/// Checks an act on a record and says what it changes; refuses with the rule otherwise.
pub type CheckAct = fn(&Record, &ActSpec, &Values, &Context<'_>) -> Checked<Outcome>;

/// A ledger, described once.
#[derive(Debug, Clone, Copy)]
pub struct LedgerSpec {
    /// The command-line noun and the due list's `kind`: `medium`.
    pub key: &'static str,
    /// The noun of `import` and `export`: `media`.
    pub plural: &'static str,
    /// The ledger's title as printed: 移动存储介质台帐.
    pub title: &'static str,
    /// What one record is called in messages: 介质.
    pub noun: &'static str,
    /// The running number issued on registration.
    pub series: Series,
    /// What this ledger calls its number (保密编号 for carriers, 人员编号 for people): the column
    /// header, the form label, the name in messages.
    pub number_label: &'static str,
    /// The number's other headers in officers' files.
    pub number_synonyms: &'static [&'static str],
    /// The registration fields (the add form, `add`'s flags, import and export columns).
    pub fields: &'static [FieldSpec],
    /// Columns of the list screen and of `list`: field keys, or `no`, `state`, `holder`.
    pub list: &'static [&'static str],
    /// Columns of the printed ledger.
    pub print: &'static [&'static str],
    pub acts: &'static [ActSpec],
    /// The first is the state of a new record.
    pub states: &'static [StateSpec],
    /// The verb that registers a record: `add`, or the contract's own word (`incident report`,
    /// `review new`).
    pub add_verb: &'static str,
    pub check_add: CheckAdd,
    pub check_act: CheckAct,
}

/// Two descriptions are the same ledger when their keys are.
impl PartialEq for LedgerSpec {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for LedgerSpec {}

impl LedgerSpec {
    pub fn field(&self, key: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn act(&self, verb: &str) -> Option<&'static ActSpec> {
        self.acts.iter().find(|a| a.verb == verb)
    }

    pub fn state(&self, key: &str) -> Option<&'static StateSpec> {
        self.states.iter().find(|s| s.key == key)
    }

    /// The state a record registered with `v` starts in: the first whose `starts_when` it
    /// meets, else the first state.
    pub fn first_state(&self, v: &Values) -> &'static str {
        self.states
            .iter()
            .find(|s| {
                s.starts_when
                    .is_some_and(|(k, want)| v.get(k).is_some_and(|x| x == want))
            })
            .unwrap_or(&self.states[0])
            .key
    }

    /// The field that names a record besides its number, if any (a person's 姓名).
    pub fn naming_field(&self) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.names)
    }

    /// The acts `r` may have now, in the spec's order: what its page offers.
    pub fn offered<'a>(&'a self, r: &'a Record) -> impl Iterator<Item = &'static ActSpec> + 'a {
        self.acts.iter().filter(|a| a.allows(r))
    }

    /// The acts `r`'s state allows but a value it holds withholds for now, with what withholds
    /// them: what its page names as not yet possible.
    pub fn withheld<'a>(
        &'a self,
        r: &'a Record,
    ) -> impl Iterator<Item = (&'static ActSpec, Withheld)> + 'a {
        self.acts.iter().filter_map(|a| Some((a, a.withheld(r)?)))
    }

    /// An act's rules on `r`: the act's own states and values, then the ledger's hand-written
    /// checks. What the store runs before it writes anything.
    pub fn check(
        &self,
        r: &Record,
        act: &ActSpec,
        v: &Values,
        cx: &Context<'_>,
    ) -> Checked<Outcome> {
        let outcome = (self.check_act)(r, act, v, cx)?;
        act.check_allowed(r)?;
        Ok(outcome)
    }

    /// The Chinese name of a column key of `list` or `print`.
    pub fn column_label(&self, key: &str) -> &'static str {
        match key {
            "no" => self.number_label,
            "state" => "状态",
            "holder" => "持有人",
            "registered_on" => "登记日期",
            // A value an act records (a meeting's papers) prints under its own name.
            k => self
                .field(k)
                .map(|f| f.label)
                .or_else(|| super::record::recorded_label(k))
                .unwrap_or("?"),
        }
    }

    /// Reads `input` (field key → typed text) against `fields`: every value bounded, every
    /// required one present, no key the fields do not know. Every wrong field is named.
    pub fn parse_values(
        fields: &[FieldSpec],
        input: &BTreeMap<String, String>,
        today: NaiveDate,
    ) -> Checked<Values> {
        if let Some(k) = input.keys().find(|k| !fields.iter().any(|f| f.key == *k)) {
            return Err(Refusal::field(k.clone(), "不是该台帐的栏目"));
        }
        let mut out = Values::new();
        for f in fields {
            let typed = input.get(f.key).map(String::as_str).unwrap_or("");
            if let Some(v) = f.parse(typed, today)? {
                out.insert(f.key.to_string(), v);
            }
        }
        Ok(out)
    }

    /// The column a file's header names: the number, the record's own columns (登记日期, 状态,
    /// 持有人, 最近清查) or a field by label, key or synonym; white space ignored.
    pub fn column_for(&self, header: &str) -> Option<Column> {
        let h = text::strip_spaces(header);
        let h = h.as_str();
        if h == "no"
            || h == "保密编号"
            || h == self.number_label
            || self.number_synonyms.contains(&h)
        {
            return Some(Column::No);
        }
        match h {
            "登记日期" | "启用时间" | "启用日期" | "registered_on" => {
                return Some(Column::Date);
            }
            "状态" | "state" => return Some(Column::State),
            "持有人" | "holder" => return Some(Column::Holder),
            "最近清查" | "checked_on" => return Some(Column::CheckedOn),
            _ => {}
        }
        self.fields
            .iter()
            .find(|f| f.key == h || f.label == h || f.synonyms.contains(&h))
            .map(Column::Field)
    }
}

/// A column of a record ledger file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    No,
    Date,
    State,
    Holder,
    CheckedOn,
    Field(&'static FieldSpec),
}

/// Every ledger described so far, one line each.
const ALL: &[&LedgerSpec] = &[
    &crate::domain::rules::media::SPEC,
    &crate::domain::rules::computer::SPEC,
    &crate::domain::rules::device::SPEC,
    &crate::domain::rules::room::SPEC,
    &crate::domain::rules::person::SPEC,
    &crate::domain::rules::incident::SPEC,
    &crate::domain::rules::inspection::SPEC,
    &crate::domain::rules::review::SPEC,
    &crate::domain::rules::provide::SPEC,
    &crate::domain::rules::meeting::SPEC,
    &crate::domain::rules::organisation::WORK_RECORD,
    &crate::domain::rules::organisation::UNIT_REPORT,
    &crate::domain::rules::organisation::MERIT,
    &crate::domain::rules::organisation::coop::SPEC,
    &crate::domain::rules::organisation::ASSESSMENT,
    &crate::domain::rules::organisation::STAFF_CHANGE,
    &crate::domain::rules::training::SPEC,
    &crate::domain::rules::site::SPEC,
];

/// Every ledger described so far.
pub fn all() -> impl Iterator<Item = &'static LedgerSpec> {
    ALL.iter().copied()
}

/// The ledger of a command-line noun or an import/export noun.
pub fn find(key: &str) -> Option<&'static LedgerSpec> {
    all().find(|s| s.key == key || s.plural == key)
}

mod act;
pub use act::{ActSpec, Withheld};

#[cfg(test)]
mod tests;
