//! A one-line input field on ratatui-textarea. The terminal cursor is put at the caret so that an
//! input method's candidate window appears where the officer types.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea};

/// What a field holds, which decides how keys act on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Hidden as it is typed.
    Secret,
    /// One of a few values: Left/Right cycle through them; typing is allowed too.
    Choice(Vec<String>),
    /// Yes or no: Space toggles.
    Check,
}

pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub hint: String,
    pub required: bool,
    pub text: TextArea<'static>,
    pub checked: bool,
}

impl Field {
    pub fn new(key: &'static str, label: &'static str, kind: Kind) -> Field {
        let mut text = TextArea::default();
        text.set_cursor_line_style(Style::default());
        if kind == Kind::Secret {
            text.set_mask_char('*');
        }
        Field {
            key,
            label,
            kind,
            hint: String::new(),
            required: false,
            text,
            checked: false,
        }
    }

    pub fn text(key: &'static str, label: &'static str) -> Field {
        Field::new(key, label, Kind::Text)
    }

    pub fn choice(key: &'static str, label: &'static str, options: &[&str]) -> Field {
        let mut f = Field::new(
            key,
            label,
            Kind::Choice(options.iter().map(|s| s.to_string()).collect()),
        );
        if let Some(first) = options.first() {
            f.set(first);
        }
        f
    }

    pub fn check(key: &'static str, label: &'static str) -> Field {
        Field::new(key, label, Kind::Check)
    }

    /// The input for a field of a described ledger: its kind decides the keys (a level or a
    /// choice cycles with Left/Right, a flag toggles with Space) and the hint says what to type.
    pub fn for_spec(spec: &crate::domain::ledgers::FieldSpec) -> Field {
        use crate::domain::ledgers::Kind as K;
        let optional = |options: &[&str]| -> Vec<String> {
            let blank = (!spec.required).then(String::new);
            blank
                .into_iter()
                .chain(options.iter().map(|o| o.to_string()))
                .collect()
        };
        let mut f = match spec.kind {
            K::Choice(options) => {
                let mut f = Field::text(spec.key, spec.label);
                f.set_options(optional(options));
                f.hint(format!("Left/Right 选择：{}", options.join("、")))
            }
            // A level is never taken by default: it starts empty and is chosen, lowest first.
            K::Level => {
                let mut names = crate::domain::level::Level::ALL.map(|l| l.name());
                names.reverse();
                let mut f = Field::text(spec.key, spec.label);
                f.set_options(
                    std::iter::once(String::new())
                        .chain(names.map(String::from))
                        .collect(),
                );
                f.hint("Left/Right 选择：非密、内部、秘密、机密、绝密")
            }
            K::Flag => Field::check(spec.key, spec.label),
            K::Date => Field::text(spec.key, spec.label).hint("如 2026-11-27"),
            K::Time => Field::text(spec.key, spec.label).hint("如 09:30"),
            K::Count => Field::text(spec.key, spec.label).hint("整数"),
            K::Record(ledger) => {
                let noun = crate::domain::ledgers::spec::find(ledger).map_or("", |l| l.noun);
                Field::text(spec.key, spec.label).hint(format!("{noun}的保密编号"))
            }
            K::Text | K::Note | K::Person => Field::text(spec.key, spec.label),
        };
        f.required = spec.required;
        f
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Field {
        self.hint = hint.into();
        self.text.set_placeholder_text(self.hint.clone());
        self
    }

    pub fn with(mut self, value: &str) -> Field {
        self.set(value);
        self
    }

    /// Gives a choice field other options (a location list once the level is known), keeping its
    /// value when it is one of them and taking the first otherwise; no options make it a text field.
    pub fn set_options(&mut self, options: Vec<String>) {
        let current = self.value();
        let keep = options.contains(&current);
        let first = options.first().cloned().unwrap_or_default();
        self.kind = if options.is_empty() {
            Kind::Text
        } else {
            Kind::Choice(options)
        };
        if !keep {
            self.set(&first);
        }
    }

    /// The options of a choice field; none for any other.
    pub fn options(&self) -> &[String] {
        match &self.kind {
            Kind::Choice(o) => o,
            _ => &[],
        }
    }

    pub fn value(&self) -> String {
        if self.kind == Kind::Check {
            return if self.checked {
                "是".into()
            } else {
                String::new()
            };
        }
        self.text.lines().join("")
    }

    pub fn set(&mut self, value: &str) {
        if self.kind == Kind::Check {
            self.checked = !value.is_empty();
            return;
        }
        let mut t = TextArea::new(vec![value.to_string()]);
        t.set_cursor_line_style(Style::default());
        if self.kind == Kind::Secret {
            t.set_mask_char('*');
        }
        if !self.hint.is_empty() {
            t.set_placeholder_text(self.hint.clone());
        }
        t.move_cursor(CursorMove::End);
        self.text = t;
    }

    /// Handles a key meant for this field; false when the key is not the field's.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        match (&self.kind, key.code) {
            (Kind::Check, KeyCode::Char(' ')) => {
                self.checked = !self.checked;
                true
            }
            (Kind::Check, _) => false,
            (Kind::Choice(options), KeyCode::Left | KeyCode::Right) => {
                let current = self.value();
                let i = options.iter().position(|o| *o == current);
                let n = options.len();
                let next = match (i, key.code) {
                    (Some(i), KeyCode::Right) => (i + 1) % n,
                    (Some(i), _) => (i + n - 1) % n,
                    (None, _) => 0,
                };
                if let Some(o) = options.get(next).cloned() {
                    self.set(&o);
                }
                true
            }
            (
                _,
                KeyCode::Enter
                | KeyCode::Tab
                | KeyCode::BackTab
                | KeyCode::Up
                | KeyCode::Down
                | KeyCode::Esc,
            ) => false,
            (_, KeyCode::PageUp | KeyCode::PageDown | KeyCode::F(_)) => false,
            _ if key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(key.code, KeyCode::Char('s') | KeyCode::Char('c')) =>
            {
                false
            }
            _ => {
                self.text.input(key);
                true
            }
        }
    }

    pub fn paste(&mut self, s: &str) {
        if self.kind != Kind::Check {
            self.text.insert_str(s.replace(['\n', '\r'], ""));
        }
    }

    /// Draws the input (not the label) in `area`; returns the caret position when focused.
    pub fn render(
        &self,
        f: &mut Frame,
        area: Rect,
        focused: bool,
        style: Style,
    ) -> Option<Position> {
        if self.kind == Kind::Check {
            let text = if self.checked { "[X] 是" } else { "[ ] 否" };
            f.render_widget(ratatui::widgets::Paragraph::new(text).style(style), area);
            return focused.then_some(Position::new(area.x + 1, area.y));
        }
        let mut t = self.text.clone();
        t.set_style(style);
        // Only the focused field shows a caret; the terminal's own cursor is put there too.
        t.set_cursor_style(if focused {
            Style::default().add_modifier(ratatui::style::Modifier::REVERSED)
        } else {
            Style::default()
        });
        f.render_widget(&t, area);
        if !focused {
            return None;
        }
        let cursor = t.screen_cursor();
        let (_, scroll_col) = t.scroll_offset();
        let col = (cursor.col as u16).saturating_sub(scroll_col);
        Some(Position::new(
            (area.x + col).min(area.right().saturating_sub(1)),
            area.y,
        ))
    }
}
