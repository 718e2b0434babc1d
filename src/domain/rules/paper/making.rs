//! 制作 (the seed's 一、纸介质 1): making a paper is a classification decision approved by the
//! unit leader (R-PAP-1, R-PAP-2, R-CLS-3).

use chrono::NaiveDate;

use super::{ActContext, approved_plan, check_copy_count, require};
use crate::domain::approval::RequestKind;
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::{Level, Period};
use crate::domain::paper::{MakePlan, Plan};

/// R-CLS-3 and R-PAP-1: a make plan is a classification decision — level, period and scope — and
/// is checked when it is put in the queue.
pub fn check_make_plan(plan: &MakePlan) -> Checked<(Level, Option<Period>)> {
    require(&plan.title, "R-CLS-3", "制作密件须写明标题")?;
    let level = Level::parse(&plan.level).ok_or_else(|| {
        Refusal::rule(
            "R-CLS-3",
            "制作密件须先定密：请选择密级（绝密、机密、秘密）",
        )
    })?;
    if !level.is_state_secret() {
        return Err(Refusal::rule(
            "R-CLS-3",
            "制作登记的是国家秘密载体，密级应为绝密、机密或秘密",
        ));
    }
    let period = if plan.period.trim().is_empty() {
        level.default_period()
    } else {
        Some(Period::parse_field("保密期限", &plan.period)?)
    };
    if plan.scope.is_empty() {
        return Err(Refusal::rule("R-CLS-3", "制作密件须确定知悉范围"));
    }
    check_copy_count("份数", plan.copies)?;
    check_printer(plan)?;
    crate::domain::text::check_text("产生部门", &plan.dept, crate::domain::text::TEXT_MAX)?;
    crate::domain::text::check_text("解密条件", &plan.condition, crate::domain::text::TEXT_MAX)?;
    Ok((level, period))
}

/// R-PAP-1, R-PAP-2: making a paper needs an approved make request, and no more copies than it
/// approved.
pub fn check_make(ctx: &ActContext<'_>, copies: i64, on: NaiveDate) -> Checked<MakePlan> {
    let plan = approved_plan(ctx, RequestKind::Make, on)?;
    let Plan::Make(plan) = plan else {
        return Err(Refusal::rule("R-PAP-1", "所引用的申请不是制作申请"));
    };
    check_make_plan(plan)?;
    check_copy_count("份数", copies)?;
    if copies > plan.copies {
        return Err(Refusal::rule(
            "R-PAP-2",
            format!("批准制作{}份，不得制作{copies}份", plan.copies),
        ));
    }
    Ok(plan.clone())
}

/// R-PAP-29: a paper made outside the unit is made only at a licensed printer (持《秘密载体复制
/// 许可证》的定点印刷单位), whose name and licence number are recorded with the making.
pub fn check_printer(plan: &MakePlan) -> Checked<()> {
    let printer = plan.printer.trim();
    let licence = plan.printer_licence.trim();
    if !(plan.outside || !printer.is_empty() || !licence.is_empty()) {
        return Ok(());
    }
    if printer.is_empty() {
        return Err(Refusal::rule(
            "R-PAP-29",
            "委托外单位印制密件，须写明持《秘密载体复制许可证》的定点印刷单位名称",
        ));
    }
    if licence.is_empty() {
        return Err(Refusal::rule(
            "R-PAP-29",
            format!("「{printer}」须是持《秘密载体复制许可证》的定点印刷单位，请写明许可证编号"),
        ));
    }
    Ok(())
}
