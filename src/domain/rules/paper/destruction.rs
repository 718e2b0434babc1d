//! 销毁 (11): two people including an officer, an approved method, 绝密 inside the unit
//! (R-PAP-23, R-PAP-24).

use super::{Act, ActContext, approved_plan};
use crate::domain::approval::RequestKind;
use crate::domain::carrier::{EventKind, next_state};
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;
use crate::domain::paper::Paper;

/// R-PAP-24, R-PAP-23: the two ways of destroying paper.
pub const DESTROY_METHODS: [&str; 2] = ["保密粉碎机", "指定造纸厂"];

/// R-PAP-23, R-PAP-24: destruction by at least two people including an officer, method recorded;
/// 绝密 and cipher telegrams inside the unit only.
pub(super) fn check_destroy(paper: &Paper, act: &Act, ctx: &ActContext<'_>) -> Checked<()> {
    let plan = approved_plan(ctx, RequestKind::Destroy, act.on)?;
    if !plan.papers().iter().any(|n| n == &paper.no) {
        return Err(Refusal::rule(
            "R-PAP-23",
            format!("{} 不在批准的销毁清单内", paper.no),
        ));
    }
    check_destroyers(&act.persons, ctx.officers)?;
    let method = act.method.trim();
    if method.is_empty() {
        return Err(Refusal::rule(
            "R-PAP-23",
            "须记录销毁方式（保密粉碎机，或指定造纸厂并有人监销）",
        ));
    }
    if !DESTROY_METHODS.contains(&method) {
        return Err(Refusal::field(
            "销毁方式",
            format!("请写 {}", DESTROY_METHODS.join(" 或 ")),
        ));
    }
    let outside = method == "指定造纸厂";
    if outside && (paper.level == Level::TopSecret || paper.cipher) {
        return Err(Refusal::rule(
            "R-PAP-24",
            if paper.cipher {
                "密码电报只能在本单位销毁"
            } else {
                "绝密载体只能在本单位销毁"
            },
        ));
    }
    Ok(())
}

/// R-PAP-23: at least two distinct people, one of them the officer.
pub fn check_destroyers(persons: &[String], officers: &[String]) -> Checked<()> {
    let people: std::collections::BTreeSet<&str> = persons
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if people.len() < 2 {
        return Err(Refusal::rule(
            "R-PAP-23",
            "销毁须由保密员等两人以上共同负责，请写明两名以上销毁人",
        ));
    }
    if !people.iter().any(|p| officers.iter().any(|o| o == p)) {
        return Err(Refusal::rule(
            "R-PAP-23",
            format!(
                "销毁人中须有保密员（{}）",
                if officers.is_empty() {
                    "本单位保密员".to_string()
                } else {
                    officers.join("、")
                }
            ),
        ));
    }
    Ok(())
}

/// R-PAP-23: a destruction plan lists papers that can still be destroyed.
pub fn check_destroy_plan(papers: &[&Paper]) -> Checked<()> {
    if papers.is_empty() {
        return Err(Refusal::field("销毁清单", "清单中没有密件"));
    }
    for p in papers {
        next_state(Some(p.state), EventKind::Destroy)?;
    }
    Ok(())
}
