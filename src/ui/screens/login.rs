//! 登录: two fields, 用户名 and 口令; Tab between them, Enter logs in (R-SYS-1).

use std::any::Any;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::{Ctx, RenderCtx, Screen, UserInfo};
use crate::domain::account::PasswordPolicy;
use crate::store::{StoreError, accounts, settings};
use crate::ui::action::Session;
use crate::ui::keymap::Hint;
use crate::ui::widgets::field::{Field, Kind};
use crate::ui::widgets::modal;

/// A successful login: the app replaces the stack with the home screen.
pub struct LoggedIn(pub UserInfo);

struct Failed(String);
struct Unit(String);
/// Logged in, but the password predates a raise of the unit's highest level (R-CMP-4).
struct Renew(UserInfo);

/// Logs `name` in on the session and says who it is.
pub fn login_job(s: &mut Session, name: &str, password: &str) -> Result<UserInfo, StoreError> {
    let lock_minutes = s.settings().lock_minutes;
    let account = accounts::login(&mut s.store, name, password, s.clock.now, lock_minutes)?;
    let settings = settings::load(s.store.conn())?;
    s.account = Some(account.clone());
    Ok(UserInfo {
        name: account.name,
        display_name: account.display_name,
        role: account.role,
        settings,
    })
}

pub struct Login {
    fields: [Field; 2],
    focus: usize,
    error: Option<String>,
    unit: String,
    /// Choosing a new password before going on: who logged in.
    renew: Option<UserInfo>,
}

impl Login {
    pub fn new(user: Option<String>) -> Login {
        let mut name = Field::text("user", "用户名");
        let focus = match user {
            Some(u) if !u.is_empty() => {
                name.set(&u);
                1
            }
            _ => 0,
        };
        Login {
            fields: [name, Field::new("password", "口令", Kind::Secret)],
            focus,
            error: None,
            unit: String::new(),
            renew: None,
        }
    }

    /// R-CMP-4: the same two lines become the new password and its repeat.
    fn start_renewal(&mut self, info: UserInfo) {
        let policy = PasswordPolicy::for_level(info.highest());
        self.fields = [
            Field::new("password", "新口令", Kind::Secret),
            Field::new("again", "再次输入", Kind::Secret),
        ];
        self.focus = 0;
        self.error = Some(format!(
            "R-CMP-4：最高密级已提高为{}，须设新口令，{}",
            info.highest(),
            policy.describe()
        ));
        self.renew = Some(info);
    }

    fn renew_key(&mut self, info: UserInfo, cx: &mut Ctx<'_>) {
        let password = self.fields[0].value();
        if self.fields[1].value() != password {
            self.fields[1].set("");
            self.focus = 1;
            self.error = Some("两次输入的口令不一致".into());
            self.renew = Some(info);
            return;
        }
        self.fields[0].set("");
        self.fields[1].set("");
        self.renew = Some(info.clone());
        cx.task_any(move |s| {
            let policy = PasswordPolicy::for_level(info.highest());
            let stamp = s.stamp();
            let name = info.name.clone();
            match s.store.change(&stamp, |c| {
                accounts::set_password(c, &name, &password, policy)
            }) {
                Ok(()) => Box::new(LoggedIn(info)) as Box<dyn Any>,
                Err(e) => Box::new(Failed(e.to_string())),
            }
        });
    }
}

impl Screen for Login {
    fn title(&self) -> String {
        "登录".into()
    }

    fn hints(&self) -> Vec<Hint> {
        vec![
            Hint::new("Tab", "切换"),
            Hint::new("Enter", "登录"),
            Hint::new("Ctrl-C", "退出"),
        ]
    }

    fn captures_text(&self) -> bool {
        true
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        cx.task(|s: &mut Session| Unit(s.settings().unit_name));
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match key.code {
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => {
                self.focus = 1 - self.focus;
            }
            KeyCode::Enter if self.renew.is_some() => {
                if self.focus == 0 {
                    self.focus = 1;
                    return;
                }
                if let Some(info) = self.renew.take() {
                    self.renew_key(info, cx);
                }
            }
            KeyCode::Enter => {
                if self.focus == 0 && self.fields[1].value().is_empty() {
                    self.focus = 1;
                    return;
                }
                let name = self.fields[0].value();
                let password = self.fields[1].value();
                self.fields[1].set("");
                if name.trim().is_empty() {
                    self.error = Some("请输入用户名".into());
                    self.focus = 0;
                    return;
                }
                cx.task_any(move |s| match login_job(s, &name, &password) {
                    Ok(info) if s.account.as_ref().is_some_and(|a| a.must_change) => {
                        Box::new(Renew(info)) as Box<dyn Any>
                    }
                    Ok(info) => Box::new(LoggedIn(info)) as Box<dyn Any>,
                    Err(e) => Box::new(Failed(e.to_string())),
                });
            }
            _ => {
                self.fields[self.focus].input(key);
            }
        }
    }

    fn on_paste(&mut self, text: &str, _cx: &mut Ctx<'_>) {
        self.fields[self.focus].paste(text);
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, _cx: &mut Ctx<'_>) {
        let reply = match reply.downcast::<Renew>() {
            Ok(renew) => return self.start_renewal(renew.0),
            Err(other) => other,
        };
        if let Some(Failed(m)) = reply.downcast_ref::<Failed>() {
            self.error = Some(m.clone());
            self.focus = if self.renew.is_some() { 0 } else { 1 };
        } else if let Some(Unit(u)) = reply.downcast_ref::<Unit>() {
            self.unit = u.clone();
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let outer = modal::centered(area, 56, 10);
        let inner = modal::frame(f, outer, "登录 保密台账", &r.theme);
        let line = |y: u16| Rect {
            y: inner.y + y,
            height: 1,
            ..inner
        };
        if !self.unit.is_empty() {
            f.render_widget(
                Paragraph::new(self.unit.as_str()).style(r.theme.header()),
                line(0),
            );
        }
        let mut caret = None;
        for (i, field) in self.fields.iter().enumerate() {
            let y = 2 + i as u16 * 2;
            let label = if i == self.focus {
                format!(">{}：", field.label)
            } else {
                format!(" {}：", field.label)
            };
            let style = if i == self.focus {
                r.theme.key()
            } else {
                ratatui::style::Style::default()
            };
            f.render_widget(
                Paragraph::new(Span::styled(label, style)),
                Rect {
                    width: 9,
                    ..line(y)
                },
            );
            let input = Rect {
                x: inner.x + 9,
                width: inner.width.saturating_sub(9),
                ..line(y)
            };
            let style =
                ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::UNDERLINED);
            if let Some(p) = field.render(f, input, i == self.focus, style) {
                caret = Some(p);
            }
        }
        if let Some(e) = &self.error {
            let lines: Vec<ratatui::text::Line> =
                crate::ui::text_width::wrap(e, usize::from(inner.width))
                    .into_iter()
                    .map(|l| ratatui::text::Line::from(Span::styled(l, r.theme.error())))
                    .collect();
            f.render_widget(
                Paragraph::new(lines),
                Rect {
                    height: 2,
                    ..line(6)
                },
            );
        }
        caret
    }
}
