//! The top of a counting screen: its heading, and the line that says what the last scanned (or typed) number did: ticked in
//! the ok colour, not on the list in the error colour. The paper batches and the record check
//! draw them the same way.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::text::for_terminal;
use crate::ui::text_width::wrap;
use crate::ui::theme::Theme;

pub struct ScanLine {
    pub code: String,
    pub said: String,
    /// Not ticked: the line is drawn as an error.
    pub wrong: bool,
    /// Typed by hand rather than read by the scanner: the line says 输入, not 扫描.
    pub typed: bool,
}

impl ScanLine {
    pub fn new(code: impl Into<String>, said: impl Into<String>, wrong: bool) -> ScanLine {
        ScanLine {
            code: code.into(),
            said: said.into(),
            wrong,
            typed: false,
        }
    }

    /// The number was typed by hand (`typed`), not scanned.
    pub fn typed(mut self, typed: bool) -> ScanLine {
        self.typed = typed;
        self
    }

    /// The line, wrapped to `width` cells.
    pub fn lines(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let style = if self.wrong {
            theme.error()
        } else {
            theme.ok()
        };
        let how = if self.typed { "输入" } else { "扫描" };
        let text = format!("{how}：{}  {}", for_terminal(&self.code), self.said);
        wrap(&text, width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style)))
            .collect()
    }
}

/// The heading of a counting screen: what is counted (`head`, header style) and what to do
/// (`guide`, dim), each wrapped to `width`.
pub fn heading(head: &str, guide: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let styled = |s: &str, style| {
        wrap(s, width)
            .into_iter()
            .map(move |l| Line::from(Span::styled(l, style)))
    };
    styled(head, theme.header())
        .chain(styled(guide, theme.dim()))
        .collect()
}

/// Draws `lines` at the top of `area`; returns the room left under them.
pub fn top(f: &mut Frame, area: Rect, lines: Vec<Line<'static>>) -> Rect {
    let top = (lines.len() as u16).min(area.height);
    f.render_widget(
        Paragraph::new(lines),
        Rect {
            height: top,
            ..area
        },
    );
    Rect {
        y: area.y + top,
        height: area.height.saturating_sub(top),
        ..area
    }
}
