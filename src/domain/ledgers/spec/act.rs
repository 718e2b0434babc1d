//! An act on a record, described once with its ledger: its verb, key, fields, and when a record
//! may have it (its states, its kind, a value it needs or one that withholds it).

use super::FieldSpec;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::record::Record;

/// One act on a record: the verb of the command line, the key of the record's page, the Chinese
/// name, and the fields it asks for besides its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActSpec {
    pub verb: &'static str,
    pub key: char,
    pub label: &'static str,
    pub fields: &'static [FieldSpec],
    /// The rule that makes it a register entry or guards it (named in help and printouts).
    pub rule: &'static str,
    /// The act waits for a decision in the approval queue first.
    pub approval: bool,
    /// The states it is done in; every state the unit holds when empty.
    pub states: &'static [&'static str],
    /// A registration field and the values that call for the act (a password change for a
    /// mailbox only); every record when `None`.
    pub only: Option<(&'static str, &'static [&'static str])>,
    /// A value the record must hold for the act to apply (a return needs the trip it ends).
    pub needs: Option<&'static str>,
    /// A value that withholds the act while the record holds it: the key, the rule and why
    /// (a found carrier waits for its check, R-MED-6; a loss is reported once, R-MED-5).
    pub unless: Option<Withheld>,
}

/// What withholds an act while a record holds a value (`ActSpec::unless`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Withheld {
    pub key: &'static str,
    pub rule: &'static str,
    /// Why, after the record's number: 找回后尚未清查核对.
    pub why: &'static str,
}

impl ActSpec {
    /// An act recorded as it is done.
    pub const fn new(
        verb: &'static str,
        key: char,
        label: &'static str,
        rule: &'static str,
        fields: &'static [FieldSpec],
    ) -> ActSpec {
        ActSpec {
            verb,
            key,
            label,
            fields,
            rule,
            approval: false,
            states: &[],
            only: None,
            needs: None,
            unless: None,
        }
    }

    /// The act is withheld while the record holds a value under `key`, by `rule`, saying `why`.
    pub const fn unless(
        mut self,
        key: &'static str,
        rule: &'static str,
        why: &'static str,
    ) -> ActSpec {
        self.unless = Some(Withheld { key, rule, why });
        self
    }

    /// The act applies only while the record holds a value under `key` (R-PER-4: the return from
    /// a trip; R-PER-8: the end of an absence).
    pub const fn needs(mut self, key: &'static str) -> ActSpec {
        self.needs = Some(key);
        self
    }

    /// The act waits in the approval queue first.
    pub const fn queued(mut self) -> ActSpec {
        self.approval = true;
        self
    }

    /// The act is done only in these states.
    pub const fn in_states(mut self, states: &'static [&'static str]) -> ActSpec {
        self.states = states;
        self
    }

    /// The act is done only on records whose field `key` holds one of `values`.
    pub const fn only_when(
        mut self,
        key: &'static str,
        values: &'static [&'static str],
    ) -> ActSpec {
        self.only = Some((key, values));
        self
    }

    /// Whether the act may be done on `r` as it is now: what the record page offers.
    pub fn allows(&self, r: &Record) -> bool {
        self.check_allowed(r).is_ok()
    }

    /// What withholds the act from `r` for now, when its state and kind otherwise allow it: the
    /// record page names it instead of offering the act.
    pub fn withheld(&self, r: &Record) -> Option<Withheld> {
        let w = self.unless?;
        let applies = Self {
            unless: None,
            ..*self
        };
        (!r.get(w.key).is_empty() && applies.allows(r)).then_some(w)
    }

    /// The act's states and the values it is for, as a refusal naming the act's rule.
    pub fn check_allowed(&self, r: &Record) -> Checked<()> {
        let in_state = if self.states.is_empty() {
            r.held()
        } else {
            self.states.contains(&r.state)
        };
        if !in_state {
            return Err(Refusal::rule(
                self.rule,
                format!("{} 当前{}，不能{}", r.no, r.state_label(), self.label),
            ));
        }
        if let Some(key) = self.needs
            && r.get(key).is_empty()
        {
            return Err(Refusal::rule(
                self.rule,
                format!("{} 没有须{}的事项", r.no, self.label),
            ));
        }
        if let Some((key, values)) = self.only
            && !values.contains(&r.get(key))
        {
            let label = r.spec.field(key).map_or(key, |f| f.label);
            let what = match r.get(key) {
                "" => format!("没有登记{label}"),
                v => format!("{label}为{v}"),
            };
            return Err(Refusal::rule(
                self.rule,
                format!(
                    "{} {what}，{}只用于{label}为{}的{}",
                    r.no,
                    self.label,
                    values.join("、"),
                    r.spec.noun
                ),
            ));
        }
        if let Some(w) = self.unless
            && !r.get(w.key).is_empty()
        {
            return Err(Refusal::rule(
                w.rule,
                format!("{} {}，不能{}", r.no, w.why, self.label),
            ));
        }
        Ok(())
    }
}
