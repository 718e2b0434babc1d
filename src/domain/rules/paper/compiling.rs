//! 汇编 (10): the originator approves; the compilation bears the highest level and longest
//! period of its sources (R-PAP-21, R-CLS-5).

use chrono::NaiveDate;

use super::{ActContext, approved_plan, require};
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
    Ok(())
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
