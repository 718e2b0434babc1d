//! Widgets every screen shares: the table, the form field on ratatui-textarea, forms, modals and the
//! hint bar.

pub mod cursor;
pub mod field;
pub mod form;
pub mod hints;
pub mod modal;
pub mod paged;
pub mod scan_line;
pub mod table;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

/// What a screen reads in the background: until it is there, `area` says 正在读取, or the error
/// in the error style; then it is given back to draw.
pub fn loaded<'a, T>(
    f: &mut Frame,
    area: Rect,
    theme: &crate::ui::theme::Theme,
    data: &'a Option<Result<T, String>>,
) -> Option<&'a T> {
    match data {
        None => f.render_widget(Paragraph::new("正在读取"), area),
        Some(Err(e)) => {
            f.render_widget(Paragraph::new(Span::styled(e.clone(), theme.error())), area)
        }
        Some(Ok(d)) => return Some(d),
    }
    None
}
