//! Keys and the hints they show. Each screen lists its bindings once; the same list decides what a
//! key does, draws the bottom bar and fills the `?` help, so hints never drift from handling.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::account::Role;

/// The officer's own acts: a leader or a reader is not offered them (issue 9 point 16).
pub const OFFICER: &[Role] = &[Role::Officer];
/// Deciding a request: a leader by their own login, or the officer recording a signed paper
/// approval (R-SYS-6).
pub const DECIDERS: &[Role] = &[Role::Officer, Role::Leader, Role::DepartmentHead];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySpec {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

impl KeySpec {
    pub fn matches(&self, k: &KeyEvent) -> bool {
        match self {
            KeySpec::Char(c) => {
                !k.modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && k.code == KeyCode::Char(*c)
            }
            KeySpec::Ctrl(c) => {
                k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(*c)
            }
            KeySpec::Code(code) => k.code == *code,
        }
    }

    /// ASCII names only: the bar stays aligned on every console.
    pub fn label(&self) -> String {
        match self {
            KeySpec::Char(' ') => "空格".into(),
            KeySpec::Char(c) => c.to_string(),
            KeySpec::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            KeySpec::Code(code) => match code {
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::Up => "Up".into(),
                KeyCode::Down => "Down".into(),
                KeyCode::Left => "Left".into(),
                KeyCode::Right => "Right".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Delete => "Del".into(),
                KeyCode::F(n) => format!("F{n}"),
                other => format!("{other:?}"),
            },
        }
    }
}

/// A key (or keys) bound to a command of a screen, with the words the hint bar shows.
#[derive(Debug, Clone)]
pub struct Binding<C> {
    pub keys: Vec<KeySpec>,
    pub label: &'static str,
    pub cmd: C,
    /// Shown in the bottom bar; every binding is shown in the help.
    pub in_bar: bool,
    /// The roles offered the command (all when `None`); pressed by another, the screen says why.
    pub roles: Option<&'static [Role]>,
}

impl<C> Binding<C> {
    pub fn new(key: KeySpec, label: &'static str, cmd: C) -> Self {
        Binding {
            keys: vec![key],
            label,
            cmd,
            in_bar: true,
            roles: None,
        }
    }

    pub fn keys(keys: &[KeySpec], label: &'static str, cmd: C) -> Self {
        Binding {
            keys: keys.to_vec(),
            label,
            cmd,
            in_bar: true,
            roles: None,
        }
    }

    /// Only in the help, not in the bar.
    pub fn help_only(mut self) -> Self {
        self.in_bar = false;
        self
    }

    /// Offered only to these roles.
    pub fn only(mut self, roles: &'static [Role]) -> Self {
        self.roles = Some(roles);
        self
    }
}

/// A hint as the bar and the help show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub label: String,
    pub in_bar: bool,
    pub roles: Option<&'static [Role]>,
}

impl Hint {
    pub fn new(keys: &str, label: &str) -> Hint {
        Hint {
            keys: keys.into(),
            label: label.into(),
            in_bar: true,
            roles: None,
        }
    }

    pub fn only(mut self, roles: &'static [Role]) -> Hint {
        self.roles = Some(roles);
        self
    }

    /// Offered to `role` (everything is offered before a login).
    pub fn offered(&self, role: Option<Role>) -> bool {
        match (self.roles, role) {
            (Some(roles), Some(role)) => roles.contains(&role),
            _ => true,
        }
    }
}

pub fn find<C: Clone>(bindings: &[Binding<C>], key: &KeyEvent) -> Option<C> {
    bindings
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(key)))
        .map(|b| b.cmd.clone())
}

pub fn hints<C>(bindings: &[Binding<C>]) -> Vec<Hint> {
    bindings
        .iter()
        .map(|b| Hint {
            keys: b
                .keys
                .iter()
                .map(KeySpec::label)
                .collect::<Vec<_>>()
                .join("/"),
            label: b.label.into(),
            in_bar: b.in_bar,
            roles: b.roles,
        })
        .collect()
}

pub fn ch(c: char) -> KeySpec {
    KeySpec::Char(c)
}

pub fn code(c: KeyCode) -> KeySpec {
    KeySpec::Code(c)
}

pub fn ctrl(c: char) -> KeySpec {
    KeySpec::Ctrl(c)
}
