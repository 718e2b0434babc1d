//! The bottom bar: this screen's key hints on the left, the counts of overdue, due-soon and
//! waiting items on the right, always visible.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::keymap::Hint;
use crate::ui::text_width::width;
use crate::ui::theme::Theme;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub overdue: usize,
    pub due_soon: usize,
    pub approvals: usize,
    /// The audit head disagrees with the log (R-SYS-3): shown on the top bar until accepted.
    pub audit_alarm: bool,
}

pub fn render(f: &mut Frame, area: Rect, theme: &Theme, hints: &[Hint], counts: Option<Counts>) {
    let right = counts
        .map(|c| {
            vec![
                Span::styled(
                    format!(" 逾期{} ", c.overdue),
                    if c.overdue > 0 {
                        theme.overdue()
                    } else {
                        theme.bar()
                    },
                ),
                Span::styled(
                    format!("临期{} ", c.due_soon),
                    if c.due_soon > 0 {
                        theme.due_soon()
                    } else {
                        theme.bar()
                    },
                ),
                Span::styled(format!("待批{} ", c.approvals), theme.bar()),
            ]
        })
        .unwrap_or_default();
    let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
    let room = usize::from(area.width).saturating_sub(right_w + 1);
    let mut left: Vec<Span> = Vec::new();
    let mut used = 0;
    for h in hints.iter().filter(|h| h.in_bar) {
        let piece = width(&h.keys) + width(&h.label) + 3;
        if used + piece > room {
            break;
        }
        left.push(Span::styled(
            format!(" {}", h.keys),
            theme.bar().patch(theme.key()),
        ));
        left.push(Span::styled(format!(" {} ", h.label), theme.bar()));
        used += piece;
    }
    left.push(Span::styled(
        " ".repeat(room.saturating_sub(used) + 1),
        theme.bar(),
    ));
    left.extend(right);
    f.render_widget(Paragraph::new(Line::from(left)).style(theme.bar()), area);
}
