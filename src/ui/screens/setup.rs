//! 首次使用: the unit's name and highest level and the first officer's account, or demo data.

use std::any::Any;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::login::{LoggedIn, Login, login_job};
use super::{Command, Ctx, RenderCtx, Screen};
use crate::domain::Refusal;
use crate::domain::account::{PasswordPolicy, Role};
use crate::domain::dates;
use crate::domain::level::Level;
use crate::store::{self, StoreError, accounts, demo};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, code, ctrl};
use crate::ui::text_width::pad;
use crate::ui::widgets::field::{Field, Kind};
use crate::ui::widgets::modal;

struct Failed(Refusal);
struct DemoReady(Vec<demo::DemoAccount>);

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Next,
    Prev,
    Submit,
    Demo,
}

pub struct Setup {
    fields: Vec<Field>,
    focus: usize,
    error: Option<String>,
    error_field: Option<usize>,
}

impl Setup {
    pub fn new() -> Setup {
        Setup {
            fields: vec![
                Field::text("unit", "单位名称")
                    .required()
                    .hint("如：江门市某某局"),
                Field::choice("level", "本单位最高密级", &["秘密", "机密", "绝密"])
                    .hint("用 Left/Right 选择；口令强度随之而定（R-CMP-4）"),
                Field::text("officer", "保密员用户名")
                    .required()
                    .hint("登录用，如 liqiang"),
                Field::text("name", "保密员姓名")
                    .required()
                    .hint("如：李强"),
                Field::new("password", "口令", Kind::Secret).required(),
                Field::new("again", "再次输入口令", Kind::Secret).required(),
            ],
            focus: 0,
            error: None,
            error_field: None,
        }
    }

    fn bindings() -> Vec<Binding<Cmd>> {
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
            Binding::keys(&[code(KeyCode::Enter), ctrl('s')], "建立", Cmd::Submit),
            Binding::new(code(KeyCode::F(5)), "载入演示数据", Cmd::Demo),
        ]
    }

    fn value(&self, key: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value().trim().to_string())
            .unwrap_or_default()
    }

    fn submit(&mut self, cx: &mut Ctx<'_>) {
        if self.focus + 1 < self.fields.len() && self.fields[self.focus].value().is_empty() {
            self.focus += 1;
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
        let password = self.fields[4].value();
        if password != self.fields[5].value() {
            self.error = Some("两次输入的口令不一致".into());
            self.error_field = Some(5);
            self.focus = 5;
            return;
        }
        let level = Level::parse(&self.value("level")).unwrap_or(Level::Confidential);
        let policy = PasswordPolicy::for_level(level);
        if let Err(r) = policy.check(&password) {
            self.error = Some(r.to_string());
            self.error_field = Some(4);
            self.focus = 4;
            return;
        }
        let unit = self.value("unit");
        let officer = self.value("officer");
        let name = self.value("name");
        cx.task_any(move |s: &mut Session| {
            let stamp = store::Stamp::on(officer.clone(), s.clock.today, s.clock.now);
            let made = s.store.change(&stamp, |c| {
                store::settings::set(c, "unit_name", &unit)?;
                store::settings::set(c, "highest_level", level.name())?;
                store::settings::set_internal(c, "started_on", &dates::iso(s.clock.today))?;
                accounts::add(c, &officer, &name, Role::Officer, &password, policy)?;
                Ok(())
            });
            let result = made.and_then(|_| login_job(s, &officer, &password));
            match result {
                Ok(info) => Box::new(LoggedIn(info)) as Box<dyn Any>,
                Err(StoreError::Refused(r)) => Box::new(Failed(r)),
                Err(e) => Box::new(Failed(Refusal::field("数据库", e.to_string()))),
            }
        });
    }
}

impl Default for Setup {
    fn default() -> Self {
        Setup::new()
    }
}

impl Screen for Setup {
    fn title(&self) -> String {
        "首次使用".into()
    }

    fn hints(&self) -> Vec<Hint> {
        keymap::hints(&Setup::bindings())
    }

    fn captures_text(&self) -> bool {
        true
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        if self.fields[self.focus].input(key) {
            return;
        }
        let n = self.fields.len();
        match keymap::find(&Setup::bindings(), &key) {
            Some(Cmd::Next) => self.focus = (self.focus + 1) % n,
            Some(Cmd::Prev) => self.focus = (self.focus + n - 1) % n,
            Some(Cmd::Submit) => self.submit(cx),
            Some(Cmd::Demo) => cx.task_any(|s: &mut Session| {
                let today = s.clock.today;
                let made = demo::build(&mut s.store, today, None, 0)
                    .and_then(|made| demo::records(&mut s.store, today).map(|()| made));
                match made {
                    Ok(made) => Box::new(DemoReady(made)) as Box<dyn Any>,
                    Err(StoreError::Refused(r)) => Box::new(Failed(r)),
                    Err(e) => Box::new(Failed(Refusal::field("演示数据", e.to_string()))),
                }
            }),
            None => {}
        }
    }

    fn on_paste(&mut self, text: &str, _cx: &mut Ctx<'_>) {
        self.fields[self.focus].paste(text);
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        let reply = match reply.downcast::<Failed>() {
            Ok(f) => {
                self.error = Some(f.0.to_string());
                return;
            }
            Err(other) => other,
        };
        let Ok(made) = reply.downcast::<DemoReady>() else {
            return;
        };
        let first = made.0.first().map(|a| a.name.clone());
        let list = made
            .0
            .iter()
            .map(|a| {
                format!(
                    "{} {}（{}）口令 {}",
                    a.name,
                    a.display_name,
                    a.role.name(),
                    a.password
                )
            })
            .collect::<Vec<_>>()
            .join("；");
        cx.commands
            .push(Command::Reset(Box::new(Login::new(first))));
        cx.status(format!("已载入演示数据。账号：{list}"));
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let outer = modal::centered(area, 70, 15);
        let inner = modal::frame(f, outer, "首次使用：建立本单位台账", &r.theme);
        f.render_widget(
            Paragraph::new("填写单位和第一个保密员账号后按 Enter；或按 F5 载入演示数据。")
                .style(r.theme.dim()),
            Rect { height: 1, ..inner },
        );
        let mut caret = None;
        for (i, field) in self.fields.iter().enumerate() {
            let y = inner.y + 2 + i as u16;
            let focused = i == self.focus;
            let marked = self.error_field == Some(i);
            let style = if marked {
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
            f.render_widget(
                Paragraph::new(Span::styled(
                    format!("{mark}{}", pad(field.label, 16)),
                    style,
                )),
                Rect {
                    x: inner.x,
                    y,
                    width: 17,
                    height: 1,
                },
            );
            let input = Rect {
                x: inner.x + 18,
                y,
                width: inner.width.saturating_sub(18),
                height: 1,
            };
            let st = Style::default().add_modifier(ratatui::style::Modifier::UNDERLINED);
            if let Some(p) = field.render(f, input, focused, st) {
                caret = Some(p);
            }
        }
        let foot = Rect {
            y: inner.y + 9,
            height: inner.height.saturating_sub(9),
            ..inner
        };
        let (text, style) = match &self.error {
            Some(e) => (e.clone(), r.theme.error()),
            None if self.focus >= 4 => {
                let level = Level::parse(&self.value("level")).unwrap_or(Level::Confidential);
                (PasswordPolicy::for_level(level).describe(), r.theme.dim())
            }
            None => (self.fields[self.focus].hint.clone(), r.theme.dim()),
        };
        let lines: Vec<ratatui::text::Line> =
            crate::ui::text_width::wrap(&text, usize::from(foot.width))
                .into_iter()
                .map(|l| ratatui::text::Line::from(Span::styled(l, style)))
                .collect();
        f.render_widget(Paragraph::new(lines), foot);
        caret
    }
}
