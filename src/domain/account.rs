//! Accounts, roles, the password policy and the lockout (R-SYS-1, R-SYS-6, R-CMP-4).

use std::fmt;

use serde::Serialize;

use super::error::{Checked, Refusal};
use super::level::Level;

/// R-SYS-6: who may do what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 保密员: enters and handles everything.
    Officer,
    /// 主管领导: approves requests.
    Leader,
    /// 部门领导: reviews within a department.
    DepartmentHead,
    /// 查阅人员: reads only.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Officer,
        Role::Leader,
        Role::DepartmentHead,
        Role::Viewer,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Officer => "保密员",
            Role::Leader => "主管领导",
            Role::DepartmentHead => "部门领导",
            Role::Viewer => "查阅人员",
        }
    }

    /// The code name stored in the database and accepted by the CLI.
    pub fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Leader => "leader",
            Role::DepartmentHead => "department_head",
            Role::Viewer => "viewer",
        }
    }

    /// Accepts the code name or the Chinese name.
    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.code() == s || r.name() == s || (s == "领导" && *r == Role::Leader))
    }

    pub fn parse_field(field: &str, s: &str) -> Checked<Role> {
        Role::parse(s).ok_or_else(|| {
            Refusal::field(
                field,
                format!(
                    "「{}」不是角色，请写 officer（保密员）、leader（主管领导）、department_head（部门领导）或 viewer（查阅人员）",
                    s.trim()
                ),
            )
        })
    }

    /// R-SYS-6: only the officer enters and handles records.
    pub fn require_officer(self, act: &str) -> Checked<()> {
        if self == Role::Officer {
            Ok(())
        } else {
            Err(Refusal::rule(
                "R-SYS-6",
                format!("{act}须由保密员办理，当前账号是{}", self.name()),
            ))
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// R-CMP-4 for the unit's highest level: 秘密 ≥ 8 characters, 机密 ≥ 10, and two or more character
/// classes. 绝密 asks for one-time passwords, which need a token system outside this program; we
/// ask for ≥ 12 characters of three or more classes instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub min_len: usize,
    pub min_classes: usize,
}

/// R-SYS-1, R-CMP-4: an account whose password predates a raise of the unit's highest level
/// chooses one of the stronger policy before it does anything else.
pub fn check_password_current(must_change: bool, highest: Level) -> Checked<()> {
    if must_change {
        return Err(Refusal::rule(
            "R-CMP-4",
            format!(
                "本单位最高密级已提高为{highest}，口令须符合新的强度要求（{}）：请先修改口令（baomi user passwd）",
                PasswordPolicy::for_level(highest).describe()
            ),
        ));
    }
    Ok(())
}

impl PasswordPolicy {
    pub fn for_level(highest: Level) -> PasswordPolicy {
        match highest {
            Level::TopSecret => PasswordPolicy {
                min_len: 12,
                min_classes: 3,
            },
            Level::Secret => PasswordPolicy {
                min_len: 10,
                min_classes: 2,
            },
            _ => PasswordPolicy {
                min_len: 8,
                min_classes: 2,
            },
        }
    }

    /// Describes the policy for the form's hint line.
    pub fn describe(self) -> String {
        format!(
            "至少{}位，含大写字母、小写字母、数字、符号中的{}类以上",
            self.min_len, self.min_classes
        )
    }

    /// R-CMP-4, R-SYS-1: refuses an empty or weak password.
    pub fn check(self, password: &str) -> Checked<()> {
        if password.is_empty() {
            return Err(Refusal::field("口令", "不能为空"));
        }
        let len = password.chars().count();
        if len < self.min_len {
            return Err(Refusal::rule(
                "R-CMP-4",
                format!("口令只有{len}位，{}", self.describe()),
            ));
        }
        let classes = character_classes(password);
        if classes < self.min_classes {
            return Err(Refusal::rule(
                "R-CMP-4",
                format!("口令只含{classes}类字符，{}", self.describe()),
            ));
        }
        Ok(())
    }
}

/// Counts the classes among upper case, lower case, digits and everything else.
fn character_classes(p: &str) -> usize {
    let upper = p.chars().any(|c| c.is_ascii_uppercase());
    let lower = p.chars().any(|c| c.is_ascii_lowercase());
    let digit = p.chars().any(|c| c.is_ascii_digit());
    let other = p.chars().any(|c| !c.is_ascii_alphanumeric());
    [upper, lower, digit, other]
        .into_iter()
        .filter(|b| *b)
        .count()
}

/// Wrong passwords in a row that lock an account (R-SYS-1).
pub const MAX_FAILURES: u32 = 3;

/// What the store keeps of an account's recent logins. Times are Unix seconds of the real clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoginRecord {
    pub failures: u32,
    pub locked_until: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginOutcome {
    Success,
    /// Wrong password; `left` more tries before the lock.
    Wrong {
        left: u32,
    },
    /// This failure locked the account.
    NowLocked {
        until: i64,
    },
    /// The account is locked; the password was not even checked.
    Locked {
        until: i64,
    },
}

impl LoginRecord {
    /// True while a lock is in force at `now`.
    pub fn is_locked(&self, now: i64) -> bool {
        self.locked_until.is_some_and(|t| now < t)
    }

    /// R-SYS-1: before checking a password. A lock whose period has passed is lifted, so a unit with
    /// one officer is never locked out for good.
    pub fn gate(&self, now: i64) -> Result<LoginRecord, LoginOutcome> {
        match self.locked_until {
            Some(until) if now < until => Err(LoginOutcome::Locked { until }),
            Some(_) => Ok(LoginRecord::default()),
            None => Ok(*self),
        }
    }

    /// R-SYS-1: after a password was checked.
    pub fn after_attempt(
        self,
        correct: bool,
        now: i64,
        lock_minutes: i64,
    ) -> (LoginRecord, LoginOutcome) {
        if correct {
            return (LoginRecord::default(), LoginOutcome::Success);
        }
        let failures = self.failures + 1;
        if failures >= MAX_FAILURES {
            let until = now + lock_minutes * 60;
            (
                LoginRecord {
                    failures,
                    locked_until: Some(until),
                },
                LoginOutcome::NowLocked { until },
            )
        } else {
            (
                LoginRecord {
                    failures,
                    locked_until: None,
                },
                LoginOutcome::Wrong {
                    left: MAX_FAILURES - failures,
                },
            )
        }
    }
}

/// A person's name as shown (姓名): free of control characters, at most 32 characters.
pub fn check_display_name(name: &str) -> Checked<()> {
    super::text::check_text("姓名", name, 32)
}

/// An account name: what people type at the login prompt.
pub fn check_account_name(name: &str) -> Checked<()> {
    let n = name.trim();
    if n.is_empty() {
        return Err(Refusal::field("用户名", "不能为空"));
    }
    if n.chars().count() > 32 {
        return Err(Refusal::field("用户名", "不能超过32个字"));
    }
    if n.chars()
        .any(|c| super::text::is_unsafe(c) || c.is_whitespace())
    {
        return Err(Refusal::field("用户名", "不能含空格或控制字符"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // R-CMP-4: length and classes follow the unit's highest level.
    #[test]
    fn r_cmp_4_password_policy_by_level() {
        let mimi = PasswordPolicy::for_level(Level::Confidential);
        assert!(mimi.check("abcd1234").is_ok());
        assert_eq!(mimi.check("abc123").unwrap_err().rule_id(), Some("R-CMP-4"));
        assert_eq!(
            mimi.check("abcdefgh").unwrap_err().rule_id(),
            Some("R-CMP-4")
        );
        assert!(mimi.check("").unwrap_err().field_name().is_some());

        let jimi = PasswordPolicy::for_level(Level::Secret);
        assert!(jimi.check("abcd1234").is_err());
        assert!(jimi.check("abcde12345").is_ok());

        let juemi = PasswordPolicy::for_level(Level::TopSecret);
        assert!(juemi.check("abcdef123456").is_err());
        assert!(juemi.check("Abcdef123456").is_ok());
        assert!(juemi.check("保密工作人人有责abc1").is_ok());
    }

    // R-SYS-1: three wrong passwords lock the account; the lock lifts when its period passes.
    #[test]
    fn r_sys_1_three_failures_lock() {
        let r = LoginRecord::default();
        let (r, o) = r.after_attempt(false, 100, 30);
        assert_eq!(o, LoginOutcome::Wrong { left: 2 });
        let (r, o) = r.after_attempt(false, 101, 30);
        assert_eq!(o, LoginOutcome::Wrong { left: 1 });
        let (r, o) = r.after_attempt(false, 102, 30);
        assert_eq!(o, LoginOutcome::NowLocked { until: 102 + 1800 });
        assert!(r.is_locked(103));
        assert_eq!(r.gate(103), Err(LoginOutcome::Locked { until: 1902 }));
        assert_eq!(r.gate(1902), Ok(LoginRecord::default()));
        let (r, o) = LoginRecord::default()
            .after_attempt(false, 0, 30)
            .0
            .after_attempt(true, 1, 30);
        assert_eq!(o, LoginOutcome::Success);
        assert_eq!(r, LoginRecord::default());
    }

    // R-SYS-6: only the officer handles records.
    #[test]
    fn r_sys_6_only_officer_handles() {
        assert!(Role::Officer.require_officer("收文登记").is_ok());
        let e = Role::Leader.require_officer("收文登记").unwrap_err();
        assert_eq!(e.rule_id(), Some("R-SYS-6"));
        assert_eq!(Role::parse("leader"), Some(Role::Leader));
        assert_eq!(Role::parse("部门领导"), Some(Role::DepartmentHead));
    }
}
