//! Why the domain says no. A refusal either names a rule of RULES.md or the field the user got wrong,
//! so that the message tells the officer what to fix.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A duty of RULES.md forbids the act: `违反 R-PAP-24：绝密载体只能在本单位销毁`.
    Rule { id: &'static str, message: String },
    /// A value the user typed or a file contained is not acceptable: `密级：「机蜜」不是密级…`.
    Field { field: String, message: String },
}

impl Refusal {
    pub fn rule(id: &'static str, message: impl Into<String>) -> Self {
        Refusal::Rule {
            id,
            message: message.into(),
        }
    }

    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Refusal::Field {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The rule ID, when a rule refused.
    pub fn rule_id(&self) -> Option<&'static str> {
        match self {
            Refusal::Rule { id, .. } => Some(id),
            Refusal::Field { .. } => None,
        }
    }

    /// The field to mark in a form, when a field was wrong.
    pub fn field_name(&self) -> Option<&str> {
        match self {
            Refusal::Field { field, .. } => Some(field),
            Refusal::Rule { .. } => None,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Rule { id, message } => write!(f, "违反 {id}：{message}"),
            Refusal::Field { field, message } => write!(f, "{field}：{message}"),
        }
    }
}

impl std::error::Error for Refusal {}

pub type Checked<T> = Result<T, Refusal>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_message_names_the_rule() {
        let r = Refusal::rule("R-PAP-24", "绝密载体只能在本单位销毁");
        assert_eq!(r.to_string(), "违反 R-PAP-24：绝密载体只能在本单位销毁");
        assert_eq!(r.rule_id(), Some("R-PAP-24"));
    }
}
