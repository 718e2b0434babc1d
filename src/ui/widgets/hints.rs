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

fn count_spans(theme: &Theme, counts: Option<Counts>) -> Vec<Span<'static>> {
    counts
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
        .unwrap_or_default()
}

/// The cells a hint takes in the bar.
fn piece(h: &Hint) -> usize {
    width(&h.keys) + width(&h.label) + 3
}

/// What is left of the first line beside the counts.
fn first_room(total: u16, counts: Option<Counts>) -> usize {
    let right: usize = counts
        .map(|c| {
            width(&format!(
                " 逾期{} 临期{} 待批{} ",
                c.overdue, c.due_soon, c.approvals
            ))
        })
        .unwrap_or(0);
    usize::from(total).saturating_sub(right + 1)
}

/// The hints of the bar split into lines: as many as fit on the first (beside the counts), the
/// rest on a second; what does not fit there either is left to the help (`? 更多`).
fn split(total: u16, hints: &[Hint], counts: Option<Counts>) -> (Vec<&Hint>, Vec<&Hint>, bool) {
    let shown: Vec<&Hint> = hints.iter().filter(|h| h.in_bar).collect();
    let mut first = Vec::new();
    let mut used = 0;
    let room = first_room(total, counts);
    let mut rest = shown.into_iter().peekable();
    while let Some(h) = rest.peek() {
        if used + piece(h) > room {
            break;
        }
        used += piece(h);
        first.extend(rest.next());
    }
    let rest: Vec<&Hint> = rest.collect();
    if rest.is_empty() {
        return (first, Vec::new(), false);
    }
    let more = Hint::new("?", "更多");
    let all: usize = rest.iter().map(|h| piece(h)).sum();
    let room = usize::from(total).saturating_sub(1);
    if all <= room {
        return (first, rest, false);
    }
    let mut second = Vec::new();
    let mut used = piece(&more);
    for h in rest {
        if used + piece(h) > room {
            break;
        }
        used += piece(h);
        second.push(h);
    }
    (first, second, true)
}

/// How many lines the bar needs: a second one when the first does not hold every hint.
pub fn lines(total: u16, hints: &[Hint], counts: Option<Counts>) -> u16 {
    if split(total, hints, counts).1.is_empty() && !split(total, hints, counts).2 {
        1
    } else {
        2
    }
}

fn hint_spans(theme: &Theme, hints: &[&Hint]) -> (Vec<Span<'static>>, usize) {
    let mut spans = Vec::new();
    let mut used = 0;
    for h in hints {
        spans.push(Span::styled(
            format!(" {}", h.keys),
            theme.bar().patch(theme.key()),
        ));
        spans.push(Span::styled(format!(" {} ", h.label), theme.bar()));
        used += piece(h);
    }
    (spans, used)
}

/// Draws the bar into `area` (one line, or two when the hints need them).
pub fn render(f: &mut Frame, area: Rect, theme: &Theme, hints: &[Hint], counts: Option<Counts>) {
    let (first, mut second, more) = split(area.width, hints, counts);
    let more_hint = Hint::new("?", "更多");
    if more {
        second.push(&more_hint);
    }
    if area.height < 2 && !second.is_empty() {
        // No room for a second line: the first ends with where the rest is.
        second.clear();
    }
    let room = first_room(area.width, counts);
    let (mut left, used) = hint_spans(theme, &first);
    left.push(Span::styled(
        " ".repeat(room.saturating_sub(used) + 1),
        theme.bar(),
    ));
    left.extend(count_spans(theme, counts));
    let mut lines = vec![Line::from(left)];
    if !second.is_empty() {
        let (spans, _) = hint_spans(theme, &second);
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines).style(theme.bar()), area);
}
