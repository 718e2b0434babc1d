//! A text read whole in a popup: labelled lines, each wrapped to the width, scrolled with the
//! arrows when they do not fit. Opened for what a row or a bar would have to cut (a history row's
//! detail, a long message).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Command, Ctx, RenderCtx, Screen};
use crate::ui::keymap::Hint;
use crate::ui::text_width::{width, wrap};
use crate::ui::widgets::modal;

pub struct Message {
    title: String,
    /// (label, text) pairs; an empty label gives a plain line.
    lines: Vec<(String, String)>,
    scroll: usize,
}

impl Message {
    pub fn new(title: impl Into<String>, lines: Vec<(String, String)>) -> Message {
        Message {
            title: title.into(),
            lines,
            scroll: 0,
        }
    }

    /// The lines as drawn `w` cells wide: a label in its own colour, the text wrapped after it.
    fn rows(&self, w: usize, r: &RenderCtx<'_>) -> Vec<Line<'static>> {
        let label_w = self
            .lines
            .iter()
            .map(|(l, _)| width(l))
            .max()
            .unwrap_or(0)
            .min(w / 3);
        let mut out = Vec::new();
        for (label, text) in &self.lines {
            if label.is_empty() {
                out.extend(wrap(text, w).into_iter().map(Line::from));
                continue;
            }
            let indent = label_w + 2;
            for (i, piece) in wrap(text, w.saturating_sub(indent).max(4))
                .into_iter()
                .enumerate()
            {
                let head = if i == 0 {
                    format!("{}{}", label, " ".repeat(indent - width(label).min(indent)))
                } else {
                    " ".repeat(indent)
                };
                out.push(Line::from(vec![
                    Span::styled(head, r.theme.dim()),
                    Span::raw(piece),
                ]));
            }
        }
        out
    }
}

impl Screen for Message {
    fn title(&self) -> String {
        self.title.clone()
    }

    fn hints(&self) -> Vec<Hint> {
        vec![Hint::new("Up/Down", "滚动"), Hint::new("Esc/Enter", "关闭")]
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => {
                cx.commands.push(Command::CloseModal)
            }
            KeyCode::Up => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::Down => self.scroll += 1,
            _ => {}
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let w = area.width.min(76);
        let inner_w = usize::from(w.saturating_sub(2));
        let rows = self.rows(inner_w, r);
        let h = (rows.len() as u16 + 2).min(area.height);
        let outer = modal::centered(area, w, h);
        let inner = modal::frame(f, outer, &self.title, &r.theme);
        let shown = usize::from(inner.height);
        let top = self.scroll.min(rows.len().saturating_sub(shown));
        f.render_widget(
            Paragraph::new(rows.into_iter().skip(top).take(shown).collect::<Vec<_>>()),
            inner,
        );
        None
    }
}
