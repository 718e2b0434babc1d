//! Reviews waiting for a leader's signed step (R-DIS-2: 部门领导审核, 分管领导审批; R-EXT-1: the unit
//! leader's review) stand in the one approval queue beside the requests, for the account whose
//! role takes the step. Taking the step from the queue is the record's own `step` act, so the
//! ledger's checks and its audit are the same as on the record's page.

use chrono::NaiveDate;

use crate::domain::account::Role;
use crate::domain::ledgers::{ActSpec, LedgerSpec, Record};
use crate::domain::level::Level;
use crate::domain::rules::steps::{self, By, Step};

/// A record whose next step is a department head's or a leader's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepWait {
    pub spec: &'static LedgerSpec,
    pub act: &'static ActSpec,
    pub no: String,
    pub title: String,
    pub level: Option<Level>,
    /// The rule that orders the steps (R-DIS-2, R-EXT-1).
    pub rule: &'static str,
    pub step: Step,
    /// The day the step before was signed, or the record's registration: the wait starts then.
    pub since: NaiveDate,
}

impl StepWait {
    /// `r` as the queue lists it, when its next step (of the ledger's signed `act`) is taken by a
    /// leader's login or a form they signed; steps of the officer or an outside authority are the
    /// officer's work on the record's page.
    pub fn of(r: &Record, act: &'static ActSpec) -> Option<StepWait> {
        let (rule, all) = steps::of(r.spec.key, act.verb)?;
        let (i, step) = steps::next(all, r)?;
        if !matches!(step.by, By::DepartmentHead | By::Leader) {
            return None;
        }
        let since = all[..i]
            .iter()
            .rev()
            .find_map(|s| r.date(&format!("{}_on", s.key)))
            .unwrap_or(r.registered_on);
        Some(StepWait {
            spec: r.spec,
            act,
            no: r.no.clone(),
            title: r.get("title").to_string(),
            level: r.level,
            rule,
            step: *step,
            since,
        })
    }

    /// Days waited as of `today`.
    pub fn age(&self, today: NaiveDate) -> i64 {
        (today - self.since).num_days()
    }

    /// Whose queue it is in: the role that takes the step by its login, and the officer, who
    /// records the signed form when the leader signs on paper.
    pub fn for_role(&self, role: Role) -> bool {
        match role {
            Role::Officer => true,
            Role::DepartmentHead => self.step.by == By::DepartmentHead,
            Role::Leader => self.step.by == By::Leader,
            _ => false,
        }
    }

    /// The queue's 事项 column: the ledger's noun and the step (审查·审核).
    pub fn kind(&self) -> String {
        format!("{}{}", self.spec.noun, self.step.short)
    }

    /// The queue's 内容 column.
    pub fn summary(&self) -> String {
        format!("{} {}", self.no, self.title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ledgers::Values;
    use crate::domain::rules::{provide, review};

    fn record(spec: &'static LedgerSpec, state: &'static str, values: &[(&str, &str)]) -> Record {
        Record {
            id: 1,
            spec,
            no: "2026-审-001".into(),
            state,
            level: None,
            keeper: String::new(),
            holder: String::new(),
            registered_on: NaiveDate::from_ymd_opt(2026, 11, 10).unwrap(),
            checked_on: None,
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Values>(),
        }
    }

    fn act(spec: &'static LedgerSpec) -> &'static ActSpec {
        spec.act("step").unwrap()
    }

    // R-DIS-2: a review waiting for the department leader is in the department head's queue and
    // the officer's, not the unit leader's; waiting for the handler it is in no one's queue; the
    // wait counts from the handler's proposal.
    #[test]
    fn r_dis_2_the_queue_holds_a_review_for_the_role_of_its_next_step() {
        let handler = record(&review::SPEC, "handler", &[]);
        assert_eq!(StepWait::of(&handler, act(&review::SPEC)), None);
        let dept = record(
            &review::SPEC,
            "department",
            &[("title", "预算说明"), ("handler_on", "2026-11-20")],
        );
        let w = StepWait::of(&dept, act(&review::SPEC)).unwrap();
        assert_eq!(w.rule, "R-DIS-2");
        assert!(w.for_role(Role::DepartmentHead));
        assert!(w.for_role(Role::Officer));
        assert!(!w.for_role(Role::Leader));
        assert!(!w.for_role(Role::Viewer));
        assert_eq!(w.age(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()), 7);
        assert_eq!(w.kind(), "审查审核");
        let leader = record(&review::SPEC, "leader", &[("department_on", "2026-11-23")]);
        let w = StepWait::of(&leader, act(&review::SPEC)).unwrap();
        assert!(w.for_role(Role::Leader) && !w.for_role(Role::DepartmentHead));
        let done = record(&review::SPEC, "published", &[]);
        assert_eq!(StepWait::of(&done, act(&review::SPEC)), None);
    }

    // R-EXT-1: a provision waits in the leader's queue for the unit leader's review only; the
    // approving authority's step is the officer's, copied in from its document.
    #[test]
    fn r_ext_1_the_queue_holds_a_provision_for_the_unit_leader_only() {
        let leader = record(&provide::SPEC, "leader", &[]);
        let w = StepWait::of(&leader, act(&provide::SPEC)).unwrap();
        assert_eq!(w.rule, "R-EXT-1");
        assert!(w.for_role(Role::Leader));
        assert_eq!(w.since, leader.registered_on);
        for state in ["check", "treat", "approve", "file", "agree"] {
            let r = record(&provide::SPEC, state, &[]);
            assert_eq!(StepWait::of(&r, act(&provide::SPEC)), None, "{state}");
        }
    }
}
