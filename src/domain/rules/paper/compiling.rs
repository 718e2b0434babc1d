//! 汇编 (10): the originator approves; the compilation bears the highest level and longest
//! period of its sources (R-PAP-21, R-CLS-5).

use chrono::NaiveDate;

use super::{ActContext, WHOLE_UNIT, approved_plan, require};
use crate::domain::approval::RequestKind;
use crate::domain::carrier::{EventKind, next_state};
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::{Level, Period};
use crate::domain::paper::{CompilePlan, Paper, Plan};

/// R-CLS-5: a compilation takes the highest level and the longest period of its sources.
pub fn compile_mark(sources: &[&Paper], on: NaiveDate) -> Option<(Level, Option<Period>)> {
    let level = sources.iter().map(|p| p.level).max()?;
    let period = sources
        .iter()
        .filter_map(|p| {
            // Each source's remaining period, counted from the compilation date.
            match p.period {
                Some(Period::Years(_)) => p.period_end().map(Period::Until),
                other => other,
            }
        })
        .reduce(|a, b| a.longest(b, on));
    Some((level, period))
}

/// R-PAP-21: compiling needs the originator's approval; R-CLS-5: marked with the highest level and
/// longest period of the sources.
pub fn check_compile_plan(sources: &[&Paper], plan: &CompilePlan) -> Checked<()> {
    require(&plan.title, "R-PAP-21", "汇编须写明汇编后的标题")?;
    if sources.len() < 2 {
        return Err(Refusal::field("汇编来源", "汇编至少需要两件密件"));
    }
    require(
        &plan.external_ref,
        "R-PAP-21",
        "汇编密件须经原制发机关批准，请写明批准文号",
    )?;
    for p in sources {
        next_state(Some(p.state), EventKind::Compile)?;
    }
    compile_scope(sources, &plan.scope).map(|_| ())
}

/// R-CLS-5: a compilation never widens who may know. Its scope is what every source's scope
/// shares (a source without a scope, or open to the whole unit, restricts nothing), or the scope
/// the leader set with the approval, which must lie inside that.
pub fn compile_scope(sources: &[&Paper], asked: &[String]) -> Checked<Vec<String>> {
    let restricting: Vec<&Vec<String>> = sources
        .iter()
        .map(|p| &p.scope)
        .filter(|s| !s.is_empty() && !s.iter().any(|e| WHOLE_UNIT.contains(&e.trim())))
        .collect();
    let common: Option<Vec<String>> = restricting.first().map(|first| {
        first
            .iter()
            .filter(|e| restricting.iter().all(|s| s.contains(e)))
            .cloned()
            .collect()
    });
    let asked: Vec<String> = asked
        .iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    match common {
        // No source restricts: the leader's scope, or none.
        None => Ok(asked),
        Some(common) if asked.is_empty() => Ok(common),
        Some(common) => {
            if let Some(wider) = asked.iter().find(|e| !common.contains(e)) {
                return Err(Refusal::rule(
                    "R-CLS-5",
                    format!(
                        "汇编件的知悉范围不得宽于各来源共同的知悉范围（{}）：「{wider}」不在其中",
                        if common.is_empty() {
                            "无共同人员".to_string()
                        } else {
                            common.join("、")
                        }
                    ),
                ));
            }
            Ok(asked)
        }
    }
}

/// R-CLS-5 at execution: a level or period lower than the sources' is refused.
pub fn check_compile_marking(
    sources: &[&Paper],
    on: NaiveDate,
    level: Option<Level>,
    period: Option<Period>,
) -> Checked<(Level, Option<Period>)> {
    let Some((top, longest)) = compile_mark(sources, on) else {
        return Err(Refusal::field("汇编来源", "汇编至少需要两件密件"));
    };
    if let Some(l) = level
        && l < top
    {
        return Err(Refusal::rule(
            "R-CLS-5",
            format!("汇编件须按来源中的最高密级{top}标志，不得标为{l}"),
        ));
    }
    let level = level.unwrap_or(top);
    let period = match (period, longest) {
        (Some(asked), Some(l)) => {
            let shorter = match (asked.end_from(on), l.end_from(on)) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some(a), Some(b)) => a < b,
            };
            if shorter {
                return Err(Refusal::rule(
                    "R-CLS-5",
                    format!("汇编件须按来源中最长的保密期限（{l}）标志，不得短于它"),
                ));
            }
            Some(asked)
        }
        (asked, l) => asked.or(l),
    };
    Ok((level, period))
}

/// R-PAP-21 at execution.
pub fn check_compile(
    ctx: &ActContext<'_>,
    sources: &[&Paper],
    on: NaiveDate,
) -> Checked<CompilePlan> {
    let Plan::Compile(plan) = approved_plan(ctx, RequestKind::Compile, on)? else {
        return Err(Refusal::rule("R-PAP-21", "所引用的申请不是汇编申请"));
    };
    let nos: std::collections::BTreeSet<&str> = sources.iter().map(|p| p.no.as_str()).collect();
    let planned: std::collections::BTreeSet<&str> =
        plan.papers.iter().map(String::as_str).collect();
    if nos != planned {
        return Err(Refusal::rule("R-PAP-21", "汇编的来源与批准的不一致"));
    }
    check_compile_plan(sources, plan)?;
    Ok(plan.clone())
}
