//! Need to know (issue 11): an account linked to a person sees the title of a 绝密 paper only
//! where that person is in its knowledge scope (R-CLS-2); the officer and the leaders see all.
//! Elsewhere the title reads `HIDDEN_TITLE` wherever that account reads papers.

use crate::domain::account::Role;
use crate::domain::level::Level;
use crate::domain::rules::paper::{Knower, in_scope};

/// What a 绝密 paper's title reads as for someone outside its scope.
pub const HIDDEN_TITLE: &str = "绝密文件（标题不显示）";

/// Who is reading: everyone's titles, or those of one person's knowledge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Viewer {
    #[default]
    All,
    Person(Knower),
}

impl Viewer {
    /// The officer and the leaders see every title; another account sees as the person it is
    /// linked to, and as before the link when it has none.
    pub fn of(role: Role, person: Option<Knower>) -> Viewer {
        match (role, person) {
            (Role::Officer | Role::Leader, _) | (_, None) => Viewer::All,
            (_, Some(k)) => Viewer::Person(k),
        }
    }

    /// The title of a paper of `level` and `scope` as this viewer reads it.
    pub fn title<'a>(&self, level: Level, scope: &[String], title: &'a str) -> &'a str {
        match self {
            Viewer::Person(k) if level == Level::TopSecret && !in_scope(scope, k) => HIDDEN_TITLE,
            _ => title,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head_of_finance() -> Knower {
        Knower {
            name: "张伟".into(),
            no: "RY-002".into(),
            dept: "财务科".into(),
            cleared: true,
            on_post: true,
            outsider: false,
        }
    }

    // need_to_know: a linked department head reads 绝密 titles of their scope only; 机密 titles,
    // officers, leaders and unlinked accounts read as before.
    #[test]
    fn need_to_know_titles_by_scope_and_role() {
        let v = Viewer::of(Role::DepartmentHead, Some(head_of_finance()));
        let office = vec!["办公室".to_string()];
        let finance = vec!["财务科".to_string(), "李强".to_string()];
        assert_eq!(v.title(Level::TopSecret, &office, "绝密标题"), HIDDEN_TITLE);
        assert_eq!(v.title(Level::TopSecret, &finance, "绝密标题"), "绝密标题");
        assert_eq!(v.title(Level::Secret, &office, "机密标题"), "机密标题");
        let whole = vec!["本单位".to_string()];
        assert_eq!(v.title(Level::TopSecret, &whole, "全体"), "全体");
        for role in [Role::Officer, Role::Leader] {
            let v = Viewer::of(role, Some(head_of_finance()));
            assert_eq!(v.title(Level::TopSecret, &office, "绝密标题"), "绝密标题");
        }
        let v = Viewer::of(Role::Viewer, None);
        assert_eq!(v.title(Level::TopSecret, &office, "绝密标题"), "绝密标题");
    }
}
