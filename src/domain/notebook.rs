//! 保密笔记本 (R-PAP-26): a secrecy notebook is issued from the ledger to a named person, kept like
//! a paper while in use (counted each month, out of the cabinet with its holder), and handed in
//! to the secrecy room when used up, to be kept or destroyed. It is a paper of the ledger of its
//! own: `EventKind::Issue` registers it in the person's hands, `EventKind::HandIn` brings it back.

use super::error::{Checked, Refusal};
use super::level::Level;
use super::text::{TEXT_MAX, TITLE_MAX, check_text};

/// The title a notebook gets when the officer gives none.
pub const TITLE: &str = "保密笔记本";

/// What happens to a notebook handed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposal {
    /// Kept in the secrecy room (统一保管).
    Keep,
    /// To be destroyed with the next destruction list (统一销毁, R-PAP-23).
    Destroy,
}

impl Disposal {
    pub fn name(self) -> &'static str {
        match self {
            Disposal::Keep => "留存",
            Disposal::Destroy => "待销毁",
        }
    }

    pub fn parse(s: &str) -> Option<Disposal> {
        match s.trim() {
            "留存" | "保管" | "统一保管" | "keep" => Some(Disposal::Keep),
            "销毁" | "待销毁" | "统一销毁" | "destroy" => Some(Disposal::Destroy),
            _ => None,
        }
    }
}

/// R-PAP-26: a notebook is issued to a named person, at the level of secrets it may hold.
pub fn check_issue(person: &str, level: &str, title: &str) -> Checked<Level> {
    check_text("领用人", person, TEXT_MAX)?;
    check_text("标题", title, TITLE_MAX)?;
    if person.trim().is_empty() {
        return Err(Refusal::rule(
            "R-PAP-26",
            "保密笔记本须登记发放给具体的人（领用人）",
        ));
    }
    let level = Level::parse(level).ok_or_else(|| {
        Refusal::rule(
            "R-PAP-26",
            "保密笔记本须写明可记录的最高密级（绝密、机密、秘密）",
        )
    })?;
    if !level.is_state_secret() {
        return Err(Refusal::rule(
            "R-PAP-26",
            "保密笔记本用于记录国家秘密，密级应为绝密、机密或秘密",
        ));
    }
    Ok(level)
}

/// R-PAP-26: a notebook handed in is kept or destroyed; the officer says which.
pub fn check_hand_in(disposal: &str) -> Checked<Disposal> {
    Disposal::parse(disposal)
        .ok_or_else(|| Refusal::rule("R-PAP-26", "交回的保密笔记本须写明处理方式：留存 或 销毁"))
}

#[cfg(test)]
mod tests {
    use super::*;

    // R-PAP-26: issued to a named person, at a state-secret level.
    #[test]
    fn r_pap_26_issue_needs_person_and_level() {
        assert_eq!(check_issue("张三", "机密", ""), Ok(Level::Secret));
        assert_eq!(
            check_issue(" ", "机密", "").unwrap_err().rule_id(),
            Some("R-PAP-26")
        );
        assert_eq!(
            check_issue("张三", "内部", "").unwrap_err().rule_id(),
            Some("R-PAP-26")
        );
        assert!(check_issue("张三", "", "").is_err());
    }

    // R-PAP-26: handed in to be kept or destroyed.
    #[test]
    fn r_pap_26_hand_in_says_keep_or_destroy() {
        assert_eq!(check_hand_in("留存"), Ok(Disposal::Keep));
        assert_eq!(check_hand_in("销毁"), Ok(Disposal::Destroy));
        assert_eq!(check_hand_in("").unwrap_err().rule_id(), Some("R-PAP-26"));
    }
}
