//! 帮助: built from the same hint lists as the bottom bar, so it never disagrees with the keys.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Command, Ctx, RenderCtx, Screen};
use crate::ui::keymap::Hint;
use crate::ui::text_width::pad;
use crate::ui::widgets::modal;

pub struct Help {
    title: String,
    screen: Vec<Hint>,
    global: Vec<Hint>,
}

impl Help {
    pub fn new(title: String, screen: Vec<Hint>, global: Vec<Hint>) -> Help {
        let screen = screen
            .into_iter()
            .filter(|h| {
                !global
                    .iter()
                    .any(|g| g.keys == h.keys && g.label == h.label)
            })
            .collect();
        Help {
            title,
            screen,
            global,
        }
    }
}

impl Screen for Help {
    fn title(&self) -> String {
        "帮助".into()
    }

    fn hints(&self) -> Vec<Hint> {
        vec![Hint::new("Esc", "关闭")]
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        if matches!(
            key.code,
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter
        ) {
            cx.commands.push(Command::CloseModal);
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let section = |title: &str, hints: &[Hint], key_w: usize| -> Vec<Line<'static>> {
            let mut lines = vec![Line::from(Span::styled(
                title.to_string(),
                r.theme.header(),
            ))];
            for h in hints {
                lines.push(Line::from(vec![
                    Span::styled(format!(" {} ", pad(&h.keys, key_w)), r.theme.key()),
                    Span::raw(h.label.clone()),
                ]));
            }
            lines
        };
        let one_column = self.screen.len() + self.global.len() + 3;
        let room = usize::from(area.height.saturating_sub(2));
        if one_column <= room {
            let outer = modal::centered(area, 70, one_column as u16 + 2);
            let inner = modal::frame(f, outer, &format!("帮助：{}", self.title), &r.theme);
            let mut lines = section("本页按键", &self.screen, 16);
            lines.push(Line::from(""));
            lines.extend(section("任何页面", &self.global, 16));
            f.render_widget(Paragraph::new(lines), inner);
        } else {
            // The page's keys first on the left; what the height leaves over continues on the
            // right under the keys of every page, so that none is cut off.
            let fit_left = room.saturating_sub(1).max(1);
            let (left, rest) = self.screen.split_at(self.screen.len().min(fit_left));
            let right_rows =
                self.global.len() + 1 + if rest.is_empty() { 0 } else { rest.len() + 2 };
            let rows = (left.len() + 1).max(right_rows).min(room);
            let outer = modal::centered(area, area.width, rows as u16 + 2);
            let inner = modal::frame(f, outer, &format!("帮助：{}", self.title), &r.theme);
            let half = inner.width / 2;
            f.render_widget(
                Paragraph::new(section("本页按键", left, 10)),
                Rect {
                    width: half,
                    ..inner
                },
            );
            let mut right = section("任何页面", &self.global, 10);
            if !rest.is_empty() {
                right.push(Line::from(""));
                right.extend(section("本页按键（续）", rest, 10));
            }
            f.render_widget(
                Paragraph::new(right),
                Rect {
                    x: inner.x + half,
                    width: inner.width - half,
                    ..inner
                },
            );
        }
        None
    }
}
