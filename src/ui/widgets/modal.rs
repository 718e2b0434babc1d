//! Popups drawn over whole cells. `Clear` does not mend a wide character cut by the popup's left
//! edge, so the cell before the edge is reset first.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear};
use unicode_width::UnicodeWidthStr;

use crate::ui::theme::Theme;

/// A rectangle of `w`×`h` centred in `area` (clamped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Resets the cells around `area` that hold half of a wide character cut by its edges.
pub fn mend_edges(buf: &mut Buffer, area: Rect) {
    let bounds = buf.area;
    for y in area.top()..area.bottom() {
        if area.left() > bounds.left() {
            let x = area.left() - 1;
            if buf[(x, y)].symbol().width() > 1 {
                buf[(x, y)].set_symbol(" ");
            }
        }
        if area.right() < bounds.right() && area.right() > 0 {
            let x = area.right() - 1;
            if buf[(x, y)].symbol().width() > 1 {
                buf[(x, y)].set_symbol(" ");
            }
        }
    }
}

/// Clears `area` for a popup and draws its frame; returns the inner area.
pub fn frame(f: &mut Frame, area: Rect, title: &str, theme: &Theme) -> Rect {
    mend_edges(f.buffer_mut(), area);
    f.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(format!(" {title} "));
    let inner = block.inner(area);
    f.render_widget(block, area);
    inner
}
