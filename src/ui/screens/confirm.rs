//! A yes/no question before an act that cannot be undone; y runs the job.

use std::any::Any;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Command, Ctx, Done, RenderCtx, Screen};
use crate::ui::keymap::Hint;
use crate::ui::text_width::wrap;
use crate::ui::widgets::form::FormJob;
use crate::ui::widgets::modal;

pub struct Confirm {
    title: String,
    lines: Vec<String>,
    job: Option<FormJob>,
    error: Option<String>,
}

impl Confirm {
    pub fn new(title: impl Into<String>, lines: Vec<String>, job: FormJob) -> Confirm {
        Confirm {
            title: title.into(),
            lines,
            job: Some(job),
            error: None,
        }
    }
}

impl Screen for Confirm {
    fn title(&self) -> String {
        self.title.clone()
    }

    fn hints(&self) -> Vec<Hint> {
        vec![Hint::new("y", "确认"), Hint::new("n/Esc", "取消")]
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => {
                if let Some(job) = self.job.take() {
                    cx.task(move |s| job(s));
                }
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                cx.commands.push(Command::CloseModal);
            }
            _ => {}
        }
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        let Ok(done) = reply.downcast::<Done>() else {
            return;
        };
        match *done {
            Ok(msg) => {
                cx.commands.push(Command::CloseModal);
                cx.commands.push(Command::Changed);
                cx.status(msg);
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let h = self
            .lines
            .iter()
            .map(|l| crate::ui::text_width::width(l) / 66 + 1)
            .sum::<usize>() as u16
            + 6;
        let outer = modal::centered(area, 70, h);
        let inner = modal::frame(f, outer, &self.title, &r.theme);
        let w = usize::from(inner.width);
        let mut lines: Vec<Line> = self
            .lines
            .iter()
            .flat_map(|l| wrap(l, w))
            .map(Line::from)
            .collect();
        lines.push(Line::from(""));
        match &self.error {
            Some(e) => lines.extend(
                wrap(e, w)
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, r.theme.error()))),
            ),
            None => lines.push(Line::from(Span::styled(
                "按 y 确认，n 或 Esc 取消",
                r.theme.key(),
            ))),
        }
        f.render_widget(Paragraph::new(lines), inner);
        None
    }
}
