//! A form in a popup: labelled fields, Tab between them, Ctrl-S (or Enter on the last field)
//! submits. F-keys are the navigation's, never "submit" (issue 9 point 12). Esc on a form with
//! something typed asks before it throws the typing away.
//! A refusal keeps the form open with the message, and marks the field it names; nothing is written.

use std::any::Any;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use std::collections::BTreeMap;

use super::field::{Field, Kind};
use super::modal;
use crate::domain::Refusal;
use crate::domain::ledgers::FieldSpec;
use crate::store::StoreError;
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, code, ctrl};
use crate::ui::screens::{Command, Ctx, Done, RenderCtx, Screen};
use crate::ui::text_width::{pad, width, wrap};

/// The values of a form, by field key.
#[derive(Debug, Clone, Default)]
pub struct Values(pub Vec<(&'static str, String)>);

impl Values {
    pub fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    }

    pub fn flag(&self, key: &str) -> bool {
        !self.get(key).is_empty()
    }

    /// The values of `fields` only, as a described ledger's store functions take them.
    pub fn of(&self, fields: &[FieldSpec]) -> BTreeMap<String, String> {
        fields
            .iter()
            .map(|f| (f.key.to_string(), self.get(f.key).to_string()))
            .collect()
    }
}

/// Work a submitted form asks the store to do.
pub type FormJob = Box<dyn FnOnce(&mut Session) -> Done>;
/// Turns the values into a job, or refuses them before anything runs.
pub type Submit = Box<dyn FnMut(&Values) -> Result<FormJob, Refusal>>;
/// Adjusts fields after one was changed (the cabinets offered follow the level chosen).
pub type Linked = Box<dyn FnMut(&mut [Field])>;

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Next,
    Prev,
    Enter,
    Submit,
    Cancel,
}

pub struct Form {
    title: String,
    notes: Vec<String>,
    pub fields: Vec<Field>,
    focus: usize,
    error: Option<String>,
    error_field: Option<usize>,
    submit: Submit,
    busy: bool,
    /// The values as the form opened, to tell whether anything was typed.
    initial: Option<Vec<String>>,
    /// Esc was pressed once on a filled form: a second Esc discards.
    discarding: bool,
    linked: Option<Linked>,
    /// A rule's refusal marks the field its message names (a described ledger's forms).
    mark_named: bool,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>, submit: Submit) -> Form {
        Form {
            title: title.into(),
            notes: Vec::new(),
            fields,
            focus: 0,
            error: None,
            error_field: None,
            submit,
            busy: false,
            initial: None,
            discarding: false,
            linked: None,
            mark_named: false,
        }
    }

    /// A form for a described ledger's `fields` (its add form, an act's form), one input each,
    /// then `extra` (the act's date, an own number). A rule's refusal marks the field whose name
    /// its message says (R-CMP-3 names the computer).
    pub fn for_fields(
        title: impl Into<String>,
        fields: &[FieldSpec],
        extra: Vec<Field>,
        submit: Submit,
    ) -> Form {
        let inputs = fields.iter().map(Field::for_spec).chain(extra).collect();
        Form {
            mark_named: true,
            ..Form::new(title, inputs, submit)
        }
    }

    /// Runs `f` on the fields whenever one changes (and once now).
    pub fn linked(mut self, mut f: impl FnMut(&mut [Field]) + 'static) -> Form {
        f(&mut self.fields);
        self.linked = Some(Box::new(f));
        self
    }

    fn changed(&mut self) {
        if let Some(f) = &mut self.linked {
            f(&mut self.fields);
        }
    }

    /// Something was typed since the form opened.
    fn dirty(&self) -> bool {
        self.initial
            .as_ref()
            .is_some_and(|i| self.fields.iter().map(Field::value).ne(i.iter().cloned()))
    }

    /// Lines shown above the fields: what the form is about.
    pub fn note(mut self, line: impl Into<String>) -> Form {
        self.notes.push(line.into());
        self
    }

    pub fn values(&self) -> Values {
        Values(self.fields.iter().map(|f| (f.key, f.value())).collect())
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    fn bindings(&self) -> Vec<Binding<Cmd>> {
        vec![
            Binding::keys(
                &[code(KeyCode::Tab), code(KeyCode::Down)],
                "下一项",
                Cmd::Next,
            ),
            Binding::keys(
                &[code(KeyCode::BackTab), code(KeyCode::Up)],
                "上一项",
                Cmd::Prev,
            )
            .help_only(),
            Binding::new(code(KeyCode::Enter), "确定", Cmd::Enter),
            Binding::new(ctrl('s'), "提交", Cmd::Submit),
            Binding::new(code(KeyCode::Esc), "取消", Cmd::Cancel),
        ]
    }

    fn focus_on(&mut self, key: &str) {
        if let Some(i) = self
            .fields
            .iter()
            .position(|f| f.label == key || f.key == key)
        {
            self.focus = i;
            self.error_field = Some(i);
        }
    }

    fn do_submit(&mut self, cx: &mut Ctx<'_>) {
        if self.busy {
            return;
        }
        if let Some(i) = self
            .fields
            .iter()
            .position(|f| f.required && f.value().trim().is_empty())
        {
            self.error = Some(format!("{}：不能为空", self.fields[i].label));
            self.error_field = Some(i);
            self.focus = i;
            return;
        }
        // Issue 8 point 12: a control character pasted into any field is refused here, naming
        // and marking the field; the domain checks each field's own length limit after this.
        for (i, f) in self.fields.iter().enumerate() {
            if f.kind == Kind::Secret {
                continue;
            }
            if let Err(r) =
                crate::domain::text::check_text(f.label, &f.value(), crate::domain::text::TITLE_MAX)
            {
                self.error = Some(r.to_string());
                self.error_field = Some(i);
                self.focus = i;
                return;
            }
        }
        let values = self.values();
        match (self.submit)(&values) {
            Ok(job) => {
                self.busy = true;
                cx.task(move |s| job(s));
            }
            Err(r) => self.refused(&r),
        }
    }

    fn refused(&mut self, r: &Refusal) {
        self.error = Some(r.to_string());
        self.error_field = None;
        if let Some(f) = r.field_name() {
            let f = f.to_string();
            self.focus_on(&f);
        } else if self.mark_named {
            let message = r.to_string();
            if let Some(label) = self
                .fields
                .iter()
                .map(|f| f.label)
                .find(|l| message.contains(l))
            {
                self.focus_on(label);
            }
        }
    }
}

impl Screen for Form {
    fn title(&self) -> String {
        self.title.clone()
    }

    fn hints(&self) -> Vec<Hint> {
        let mut h = keymap::hints(&self.bindings());
        if matches!(
            self.fields.get(self.focus).map(|f| &f.kind),
            Some(Kind::Choice(_))
        ) {
            h.insert(0, Hint::new("Left/Right", "选择"));
        }
        if matches!(
            self.fields.get(self.focus).map(|f| &f.kind),
            Some(Kind::Check)
        ) {
            h.insert(0, Hint::new("空格", "勾选"));
        }
        h
    }

    fn captures_text(&self) -> bool {
        true
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        if self.initial.is_none() {
            self.initial = Some(self.fields.iter().map(Field::value).collect());
        }
        if self.discarding && key.code != KeyCode::Esc {
            self.discarding = false;
            self.error = None;
        }
        if let Some(f) = self.fields.get_mut(self.focus)
            && f.input(key)
        {
            // The field the message was about is being fixed: the message goes with its mark
            // (issue 9 point 17); a refusal that stands is said again at the next submit.
            if self.error_field == Some(self.focus) {
                self.error_field = None;
                self.error = None;
            }
            self.changed();
            return;
        }
        let Some(cmd) = keymap::find(&self.bindings(), &key) else {
            return;
        };
        let n = self.fields.len().max(1);
        match cmd {
            Cmd::Next => self.focus = (self.focus + 1) % n,
            Cmd::Prev => self.focus = (self.focus + n - 1) % n,
            Cmd::Enter => {
                if self.focus + 1 >= self.fields.len() {
                    self.do_submit(cx);
                } else {
                    self.focus += 1;
                }
            }
            Cmd::Submit => self.do_submit(cx),
            Cmd::Cancel if self.dirty() && !self.discarding => {
                self.discarding = true;
                self.error = Some("放弃已填写的内容？再按 Esc 放弃，按其他键继续填写".into());
                self.error_field = None;
            }
            Cmd::Cancel => cx.commands.push(Command::CloseModal),
        }
    }

    fn on_paste(&mut self, text: &str, _cx: &mut Ctx<'_>) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.paste(text);
        }
        self.changed();
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        let Ok(done) = reply.downcast::<Done>() else {
            return;
        };
        self.busy = false;
        match *done {
            Ok(msg) => {
                cx.commands.push(Command::CloseModal);
                cx.commands.push(Command::Changed);
                cx.status(msg);
            }
            Err(StoreError::Refused(r)) => self.refused(&r),
            Err(e) => {
                self.error = Some(e.to_string());
                self.error_field = None;
            }
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let label_w = self
            .fields
            .iter()
            .map(|f| width(f.label))
            .max()
            .unwrap_or(4)
            .min(18) as u16
            + 3;
        // A narrow screen gets the whole width rather than a sliver of the page behind.
        let w = if area.width <= 84 { area.width } else { 80 };
        let notes: Vec<String> = self
            .notes
            .iter()
            .flat_map(|n| wrap(n, usize::from(w.saturating_sub(2))))
            .collect();
        // The foot holds the focused field's hint, or the refusal read whole (a rule's message
        // may take three or four lines).
        let foot_h = self
            .error
            .as_ref()
            .map(|e| wrap(e, usize::from(w.saturating_sub(2))).len() as u16)
            .unwrap_or(0)
            .clamp(2, 6);
        let extra = notes.len() as u16 + 1 + foot_h;
        let h = (self.fields.len() as u16 + extra + 2).min(area.height);
        let outer = modal::centered(area, w, h);
        let inner = modal::frame(f, outer, &self.title, &r.theme);
        let mut y = inner.y;
        for n in &notes {
            f.render_widget(
                Paragraph::new(n.as_str()).style(r.theme.dim()),
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
            );
            y += 1;
        }
        let rows_left = inner.bottom().saturating_sub(y + foot_h) as usize;
        let start = self.focus.saturating_sub(rows_left.saturating_sub(1));
        let mut caret = None;
        for (i, field) in self.fields.iter().enumerate().skip(start).take(rows_left) {
            let focused = i == self.focus;
            let marked = self.error_field == Some(i);
            let label_style = if marked {
                r.theme.error()
            } else if focused {
                r.theme.key()
            } else {
                Style::default()
            };
            let mark = if marked {
                "!"
            } else if focused {
                ">"
            } else {
                " "
            };
            let req = if field.required { "*" } else { " " };
            let label = format!("{mark}{}{req}", pad(field.label, usize::from(label_w - 3)));
            f.render_widget(
                Paragraph::new(Span::styled(label, label_style)),
                Rect {
                    x: inner.x,
                    y,
                    width: label_w.min(inner.width),
                    height: 1,
                },
            );
            let input = Rect {
                x: inner.x + label_w,
                y,
                width: inner.width.saturating_sub(label_w),
                height: 1,
            };
            let style = if focused {
                Style::default().add_modifier(ratatui::style::Modifier::UNDERLINED)
            } else {
                Style::default()
            };
            if let Some(p) = field.render(f, input, focused, style) {
                caret = Some(p);
            }
            y += 1;
        }
        let foot = Rect {
            x: inner.x,
            y: inner.bottom().saturating_sub(foot_h),
            width: inner.width,
            height: foot_h.min(inner.height),
        };
        let (text, style) = match &self.error {
            Some(e) => (e.clone(), r.theme.error()),
            None => (
                self.fields
                    .get(self.focus)
                    .map(|f| f.hint.clone())
                    .unwrap_or_default(),
                r.theme.dim(),
            ),
        };
        let lines: Vec<Line> = wrap(&text, usize::from(foot.width))
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style)))
            .collect();
        f.render_widget(Paragraph::new(lines), foot);
        caret
    }
}
