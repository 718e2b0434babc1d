//! A table with columns measured in cells: Chinese text lines up because every cell is cut and
//! padded by its display width, never by bytes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::cursor::Cursor;
use crate::ui::text_width::{columns, pad};
use crate::ui::theme::Theme;

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub min: u16,
    pub weight: u16,
}

pub const fn col(title: &'static str, min: u16, weight: u16) -> Column {
    Column { title, min, weight }
}

#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<String>,
    pub styles: Vec<Style>,
    pub style: Style,
}

impl Row {
    pub fn new(cells: Vec<String>) -> Row {
        Row {
            cells,
            styles: Vec::new(),
            style: Style::default(),
        }
    }

    pub fn styled(mut self, i: usize, style: Style) -> Row {
        if self.styles.len() <= i {
            self.styles.resize(i + 1, Style::default());
        }
        self.styles[i] = style;
        self
    }

    pub fn style(mut self, style: Style) -> Row {
        self.style = style;
        self
    }
}

/// The width of a number column: 12 cells for the default format (`2026-收-0153`), wider for a
/// longer format or a year past 9,999 papers, never more than 18.
pub fn number_width<'a>(numbers: impl Iterator<Item = &'a str>) -> u16 {
    numbers
        .map(|n| crate::ui::text_width::width(n) as u16)
        .max()
        .unwrap_or(12)
        .clamp(12, 18)
}

/// The width that shows every one of `cells` whole (a mark like `机密★2046年6月30日`, a cabinet):
/// at least `min` (the title's width), at most `max`.
pub fn whole_width<'a>(cells: impl Iterator<Item = &'a str>, min: u16, max: u16) -> u16 {
    cells
        .map(|c| crate::ui::text_width::width(c).min(usize::from(u16::MAX)) as u16)
        .max()
        .unwrap_or(min)
        .max(min)
        .min(max.max(min))
}

/// The first row to draw so that `selected` stays visible in `height` rows.
pub fn scroll(selected: usize, offset: usize, height: usize) -> usize {
    if height == 0 {
        return selected;
    }
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

/// Draws the header and the rows from `offset`; `selected` is shown reversed.
pub fn render(
    f: &mut Frame,
    area: Rect,
    theme: &Theme,
    cols: &[Column],
    rows: &[Row],
    selected: Option<usize>,
    offset: usize,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let widths = columns(
        area.width,
        &cols.iter().map(|c| (c.min, c.weight)).collect::<Vec<_>>(),
    );
    let line = |cells: &[String], styles: &[Style], base: Style| -> Line<'static> {
        let mut spans = Vec::new();
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" ", base));
            }
            let text = pad(
                cells.get(i).map(String::as_str).unwrap_or(""),
                usize::from(*w),
            );
            let style = base.patch(styles.get(i).copied().unwrap_or_default());
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    };
    let header: Vec<String> = cols.iter().map(|c| c.title.to_string()).collect();
    let mut lines = vec![line(&header, &[], theme.header())];
    let body = usize::from(area.height.saturating_sub(1));
    for (i, r) in rows.iter().enumerate().skip(offset).take(body) {
        let mut base = r.style;
        if Some(i) == selected {
            base = base.patch(theme.selected());
        }
        lines.push(line(&r.cells, &r.styles, base));
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// Draws the table with the cursor's row selected, scrolled so that it stays in view.
pub fn with_cursor(
    f: &mut Frame,
    area: Rect,
    theme: &Theme,
    cols: &[Column],
    rows: &[Row],
    cursor: &Cursor,
) {
    let first = cursor.first_shown(usize::from(area.height.saturating_sub(1)));
    render(f, area, theme, cols, rows, Some(cursor.selected), first);
}

/// A carrier's history as its page shows it (日期, 办理, 详情, 经办人), papers and records alike.
pub fn history(f: &mut Frame, area: Rect, theme: &Theme, rows: &[Row], cursor: &Cursor) {
    let cols = [
        col("日期", 10, 0),
        col("办理", 8, 0),
        col("详情", 20, 1),
        col("经办人", 6, 0),
    ];
    with_cursor(f, area, theme, &cols, rows, cursor);
}
