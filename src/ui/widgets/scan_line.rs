//! The line of a counting screen that says what the last scanned (or typed) number did: ticked in
//! the ok colour, not on the list in the error colour. The paper batches and the record check
//! draw it the same way.

use ratatui::text::{Line, Span};

use crate::domain::text::for_terminal;
use crate::ui::text_width::wrap;
use crate::ui::theme::Theme;

pub struct ScanLine {
    pub code: String,
    pub said: String,
    /// Not ticked: the line is drawn as an error.
    pub wrong: bool,
}

impl ScanLine {
    pub fn new(code: impl Into<String>, said: impl Into<String>, wrong: bool) -> ScanLine {
        ScanLine {
            code: code.into(),
            said: said.into(),
            wrong,
        }
    }

    /// The line, wrapped to `width` cells.
    pub fn lines(&self, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let style = if self.wrong {
            theme.error()
        } else {
            theme.ok()
        };
        let text = format!("扫描：{}  {}", for_terminal(&self.code), self.said);
        wrap(&text, width)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style)))
            .collect()
    }
}
