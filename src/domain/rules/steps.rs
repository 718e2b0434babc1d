//! Reviews taken in fixed steps, each signed by its own role: the disclosure review (R-DIS-2:
//! handler → department leader → unit leader) and providing materials abroad (R-EXT-1: check →
//! treatment → unit leader → the approving authority → filing → agreement). A record's state is
//! the key of its next step; each step is recorded as `<key>_name`, `<key>_opinion`, `<key>_on`
//! and `<key>_ref` on the record, and its event keeps the same values.
//!
//! Who signs is settled before the ledger's check runs (`sign`): the logged-in account when it
//! holds the step's role, or a signed paper form the officer copies in (`--approver`,
//! `--signed-on`, `--form-ref`) naming someone who holds it, as paper approvals are checked
//! (R-SYS-6). The ledger's check then sees the signer's name and date in the act's values.

use chrono::NaiveDate;

use crate::domain::account::Role;
use crate::domain::approval::Member;
use crate::domain::dates;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{ActSpec, FieldSpec, Kind, Record, Values};

/// Who takes a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// The officer, for the handler or the handling department (经办人、承办部门).
    Officer,
    /// 部门领导: by login, or on a form they signed.
    DepartmentHead,
    /// 分管（主管）领导: by login, or on a form they signed.
    Leader,
    /// A body outside the unit (the approving authority): its document, copied in by the officer.
    Outside,
}

impl By {
    pub fn name(self) -> &'static str {
        match self {
            By::Officer => "经办人（保密员录入）",
            By::DepartmentHead => "部门领导",
            By::Leader => "分管领导",
            By::Outside => "有审批权限的机关",
        }
    }

    fn holds(self, m: &Member) -> bool {
        match self {
            By::Officer | By::Outside => false,
            By::DepartmentHead => m.department_head,
            By::Leader => m.leader,
        }
    }
}

/// One step of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The record's state while this step is next, and the prefix of what it records.
    pub key: &'static str,
    /// 经办人拟办, 部门领导审核 …
    pub label: &'static str,
    /// The word of the form (拟办, 审核, 审批): four cells, the history's 办理 column.
    pub short: &'static str,
    pub by: By,
    /// The act's fields this step records besides its opinion and signature (the handler's
    /// answers, the leader's decision): each is filled at its own step only.
    pub takes: &'static [&'static str],
}

/// The act fields every step has: the opinion, and the signed form it may be copied from.
pub const OPINION: FieldSpec = FieldSpec::new("opinion", "意见", Kind::Note).required();
pub const APPROVER: FieldSpec = FieldSpec::new("approver", "签字人", Kind::Person);
pub const SIGNED_ON: FieldSpec = FieldSpec::new("signed_on", "签字日期", Kind::Date);
pub const FORM_REF: FieldSpec = FieldSpec::new("form_ref", "文件编号", Kind::Text);

/// The value keys `sign` settles in the act's values: who signed and on which day (the login's
/// name and the act's day when no form was copied in), and the step's name, which the history
/// shows as the act's.
pub const NAME: &str = APPROVER.key;
pub const ON: &str = SIGNED_ON.key;
pub const STEP: &str = "step";

/// What the form of `step` shows to an account of `role`, in the act's order: the opinion, what
/// the step itself records, and the signature only where one is copied in — the officer entering
/// a leader's signed form, an outside authority's document, the handler's own name. A leader
/// taking their own step by login signs by the login, so has no signature fields.
pub fn form_fields(act: &ActSpec, step: &Step, role: Role) -> Vec<FieldSpec> {
    let signed_form = match step.by {
        By::Officer => &[APPROVER.key, SIGNED_ON.key][..],
        By::Outside => &[APPROVER.key, SIGNED_ON.key, FORM_REF.key][..],
        By::DepartmentHead | By::Leader if role == Role::Officer => {
            &[APPROVER.key, SIGNED_ON.key, FORM_REF.key][..]
        }
        By::DepartmentHead | By::Leader => &[][..],
    };
    act.fields
        .iter()
        .filter(|f| {
            f.key == OPINION.key || step.takes.contains(&f.key) || signed_form.contains(&f.key)
        })
        .copied()
        .collect()
}

/// Refuses, naming `rule`, a value given for a field of `act` that another step records (a
/// department leader's review carries no decision; the answers are the handler's).
pub fn check_takes(
    rule: &'static str,
    steps: &[Step],
    step: &Step,
    act: &ActSpec,
    values: &Values,
) -> Checked<()> {
    const SIGNATURE: [&str; 4] = [OPINION.key, APPROVER.key, SIGNED_ON.key, FORM_REF.key];
    for f in act.fields {
        let given = values.get(f.key).is_some_and(|v| !v.trim().is_empty());
        if !given || SIGNATURE.contains(&f.key) || step.takes.contains(&f.key) {
            continue;
        }
        let at: Vec<String> = steps
            .iter()
            .filter(|s| s.takes.contains(&f.key))
            .map(|s| format!("「{}」", s.label))
            .collect();
        return Err(Refusal::rule(
            rule,
            format!(
                "「{}」在{}一步填写，「{}」不填",
                f.label,
                at.join("、"),
                step.label
            ),
        ));
    }
    Ok(())
}

/// The step record `r` waits for, if it is still open.
pub fn next<'a>(steps: &'a [Step], r: &Record) -> Option<(usize, &'a Step)> {
    steps.iter().enumerate().find(|(_, s)| s.key == r.state)
}

/// The account taking the step and the unit's members, as the store knows them.
#[derive(Debug, Clone, Copy)]
pub struct Signer<'a> {
    pub role: Role,
    /// The account's name as people write it.
    pub name: &'a str,
    pub members: &'a [Member],
}

/// Settles who signs the next step of `r` and on which day: the logged-in account by its role, or
/// the signed form in `values` (approver, signed_on, form_ref). Refuses, naming `rule`, a step
/// taken by the wrong role (a leader approving before the department leader has reviewed is a
/// step out of order). Returns the values with `name` and `on` set.
pub fn sign(
    rule: &'static str,
    steps: &[Step],
    r: &Record,
    values: &Values,
    who: &Signer<'_>,
    on: NaiveDate,
) -> Checked<Values> {
    let Some((i, step)) = next(steps, r) else {
        return Err(Refusal::rule(
            rule,
            format!("{} 已{}，各步骤均已办理", r.no, r.state_label()),
        ));
    };
    let get = |k: &str| values.get(k).map(String::as_str).unwrap_or("").trim();
    let later = |by: By| steps[i + 1..].iter().find(|s| s.by == by).map(|s| s.label);
    let order = |who: &str, by: By| {
        let skipped = later(by)
            .map(|l| format!("，「{l}」须待前面各步办完"))
            .unwrap_or_default();
        Refusal::rule(
            rule,
            format!(
                "下一步是「{}」（第{}步，由{}办理）；{who}{skipped}，步骤不能跳过或颠倒",
                step.label,
                i + 1,
                step.by.name()
            ),
        )
    };
    let named = get(APPROVER.key);
    let (name, day) = if named.is_empty() {
        // A form number alone is the step's own document (a filing, an agreement).
        if !get(SIGNED_ON.key).is_empty() {
            return Err(Refusal::field(APPROVER.label, "录入签字的表格须写明签字人"));
        }
        let own = match step.by {
            By::Officer => who.role == Role::Officer,
            By::DepartmentHead => who.role == Role::DepartmentHead,
            By::Leader => who.role == Role::Leader,
            By::Outside => false,
        };
        if !own {
            let mine = match who.role {
                Role::DepartmentHead => Some(By::DepartmentHead),
                Role::Leader => Some(By::Leader),
                _ => None,
            };
            if let Some(by) = mine.filter(|b| later(*b).is_some()) {
                return Err(order(&format!("{}是{}", who.name, by.name()), by));
            }
            return Err(Refusal::rule(
                rule,
                match step.by {
                    By::Outside => format!(
                        "「{}」由{}批准：请录入其批件（--approver 机关名称 --signed-on 日期 --form-ref 批准文号）",
                        step.label,
                        step.by.name()
                    ),
                    _ => format!(
                        "「{}」须由{}本人登录办理，或由保密员录入签字的表格（--approver 姓名 --signed-on 日期 --form-ref 编号）；当前账号是{}",
                        step.label,
                        step.by.name(),
                        who.role.name()
                    ),
                },
            ));
        }
        (who.name.to_string(), on)
    } else {
        if who.role != Role::Officer {
            return Err(Refusal::rule(
                "R-SYS-6",
                "签字的表格由保密员录入；领导请用本人账号办理，不填签字人",
            ));
        }
        let date = match values.get(SIGNED_ON.key).and_then(|d| dates::parse(d)) {
            Some(d) => d,
            None if step.by == By::Officer => on,
            None => {
                return Err(Refusal::field(
                    SIGNED_ON.label,
                    "录入签字的表格须写明签字日期",
                ));
            }
        };
        if step.by != By::Officer && get(FORM_REF.key).is_empty() {
            return Err(Refusal::field(
                FORM_REF.label,
                "录入签字的表格须写明其编号（审查表、批件文号）",
            ));
        }
        let member = who
            .members
            .iter()
            .find(|m| m.name == named || m.display_name == named);
        match step.by {
            By::Officer => {}
            By::Outside => {
                if member.is_some() {
                    return Err(Refusal::rule(
                        rule,
                        format!(
                            "「{named}」是本单位人员；「{}」由{}批准，签字人请写该机关的名称",
                            step.label,
                            step.by.name()
                        ),
                    ));
                }
            }
            by => match member {
                Some(m) if by.holds(m) => {}
                Some(m) => {
                    let theirs = [By::DepartmentHead, By::Leader]
                        .into_iter()
                        .find(|b| b.holds(m) && later(*b).is_some());
                    if let Some(b) = theirs {
                        return Err(order(&format!("{named}是{}", b.name()), b));
                    }
                    return Err(not_holder(rule, step, named, who.members));
                }
                None => return Err(not_holder(rule, step, named, who.members)),
            },
        }
        let display = member.map(|m| m.display_name.as_str()).unwrap_or(named);
        (display.to_string(), date)
    };
    let mut out = values.clone();
    out.insert(NAME.into(), name);
    out.insert(ON.into(), dates::iso(day));
    out.insert(STEP.into(), step.short.into());
    Ok(out)
}

fn not_holder(rule: &'static str, step: &Step, named: &str, members: &[Member]) -> Refusal {
    let may: Vec<String> = members
        .iter()
        .filter(|m| step.by.holds(m))
        .map(|m| format!("{}（{}）", m.display_name, m.name))
        .collect();
    Refusal::rule(
        rule,
        if may.is_empty() {
            format!(
                "「{}」须由{}办理，本单位还没有{}账号：请先在设置中添加",
                step.label,
                step.by.name(),
                step.by.name()
            )
        } else {
            format!(
                "「{named}」不是本单位的{}，不能办理「{}」；可以办理的有：{}",
                step.by.name(),
                step.label,
                may.join("、")
            )
        },
    )
}

/// The step's day is not before the step before it, nor before `earliest` (the day the matter
/// arose); returns what the record keeps of the step: its name, opinion, day and form.
pub fn record_step(
    rule: &'static str,
    steps: &[Step],
    r: &Record,
    values: &Values,
    earliest: Option<NaiveDate>,
) -> Checked<Values> {
    let Some((i, step)) = next(steps, r) else {
        return Err(Refusal::rule(rule, format!("{} 各步骤均已办理", r.no)));
    };
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let Some(on) = values.get(ON).and_then(|d| dates::parse(d)) else {
        return Err(Refusal::field("日期", "未能确定签字日期"));
    };
    if get(NAME).is_empty() {
        return Err(Refusal::field(APPROVER.label, "未能确定签字人"));
    }
    let before = steps[..i]
        .iter()
        .rev()
        .find_map(|s| r.date(&format!("{}_on", s.key)).map(|d| (s.label, d)));
    if let Some((label, d)) = before
        && on < d
    {
        return Err(Refusal::rule(
            rule,
            format!(
                "「{}」的日期{}早于上一步「{label}」的日期{}：步骤按顺序办理",
                step.label,
                dates::zh(on),
                dates::zh(d)
            ),
        ));
    }
    if let Some(e) = earliest
        && on < e
    {
        return Err(Refusal::rule(
            rule,
            format!(
                "「{}」的日期{}早于{}",
                step.label,
                dates::zh(on),
                dates::zh(e)
            ),
        ));
    }
    // A review is a second person's: who proposed or reviewed does not also review or approve.
    if step.by != By::Officer
        && let Some(own) = steps[..i]
            .iter()
            .find(|s| r.get(&format!("{}_name", s.key)) == get(NAME))
    {
        return Err(Refusal::rule(
            rule,
            format!(
                "{}已办理「{}」，不能再办理「{}」：每一步由不同的人签字",
                get(NAME),
                own.label,
                step.label
            ),
        ));
    }
    let mut set = Values::new();
    set.insert(format!("{}_name", step.key), get(NAME));
    set.insert(format!("{}_opinion", step.key), get(OPINION.key));
    set.insert(format!("{}_on", step.key), dates::iso(on));
    let form = get(FORM_REF.key);
    if !form.is_empty() {
        set.insert(format!("{}_ref", step.key), form);
    }
    Ok(set)
}

/// The ledgers taken in signed steps, by their `step` act: the rule that orders them and the steps.
pub fn of(spec_key: &str, verb: &str) -> Option<(&'static str, &'static [Step])> {
    match (spec_key, verb) {
        ("review", "step") => Some(("R-DIS-2", super::review::STEPS)),
        ("provide", "step") => Some(("R-EXT-1", super::provide::STEPS)),
        _ => None,
    }
}
