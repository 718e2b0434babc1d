//! Drawing the app: the top bar (unit, user, date and the level banner, which stays however
//! narrow the terminal), the navigation, the screen and its modals, the status message (wrapped,
//! never cut) and the bottom bar.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{App, LockView};
use crate::domain::dates;
use crate::ui::screens::RenderCtx;
use crate::ui::screens::nav::{self, Entry};
use crate::ui::text_width::{fit, width as width_of, wrap};
use crate::ui::widgets::hints;
use crate::ui::widgets::modal;

impl App {
    pub fn render(&self, f: &mut Frame) {
        let area = f.area();
        // A long status message wraps (up to a quarter of the screen) rather than being cut; the
        // key hints take a second line when one does not hold them (issue 9 points 15, 16).
        let status_lines: Vec<String> = self
            .status
            .as_ref()
            .map(|(m, _)| wrap(m, usize::from(area.width)))
            .unwrap_or_default();
        let status_h = (status_lines.len() as u16).clamp(1, (area.height / 4).max(1));
        let counts = self.user.as_ref().map(|_| self.counts);
        let hints = self.hints();
        let bottom_h = hints::lines(area.width, &hints, counts).min(area.height / 6 + 1);
        let [top, nav, body, status, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(status_h),
            Constraint::Length(bottom_h),
        ])
        .areas(area);
        let r = RenderCtx {
            theme: self.theme,
            today: self.clock.today,
            user: self.user.as_ref(),
        };
        self.render_top(f, top);
        if let Some(lock) = &self.locked {
            // R-SYS-2: nothing of the data stays visible behind the lock.
            f.render_widget(
                Clear,
                Rect {
                    y: nav.y,
                    height: area.height - 1,
                    ..area
                },
            );
            let caret = self.render_lock(f, body, lock);
            hints::render(f, bottom, &self.theme, &hints, None);
            if let Some(p) = caret {
                f.set_cursor_position(p);
            }
            return;
        }
        self.render_nav(f, nav);
        let mut caret = None;
        if let Some((_, s)) = self.screens.last() {
            caret = s.render(f, body, &r);
        }
        for (_, m) in &self.modals {
            caret = m.render(f, body, &r);
        }
        if let Some((_, error)) = &self.status {
            let style = if *error {
                self.theme.error()
            } else {
                self.theme.ok()
            };
            let lines: Vec<Line> = status_lines
                .into_iter()
                .map(|l| Line::from(Span::styled(l, style)))
                .collect();
            f.render_widget(Paragraph::new(lines), status);
        }
        hints::render(f, bottom, &self.theme, &hints, counts);
        if let Some(p) = caret {
            f.set_cursor_position(p);
        }
    }

    fn render_top(&self, f: &mut Frame, area: Rect) {
        let bar = self.theme.bar();
        let level = self
            .user
            .as_ref()
            .map(|u| u.highest())
            .unwrap_or(crate::domain::level::Level::Confidential);
        let banner = if self.user.is_some() {
            format!(" {} ", level.name())
        } else {
            String::new()
        };
        // R-SYS-3: a broken audit log is said on every screen until an officer accepts it
        // (`baomi audit verify` says what; short, so the level banner keeps its place).
        let alarm = if self.user.is_some() && self.counts.audit_alarm {
            " 审计异常 "
        } else {
            ""
        };
        // Stored names are drawn as measured: `?` for a control character.
        let shown = crate::domain::text::for_terminal;
        let (unit, who) = match &self.user {
            Some(u) => (
                shown(u.unit()).into_owned(),
                format!("| {}（{}） ", shown(&u.display_name), u.role.name()),
            ),
            None => (String::new(), "| 未登录 ".to_string()),
        };
        let mut title = " 保密台账 ".to_string();
        let mut date = format!("| {} ", dates::zh(self.clock.today));
        // The level banner and the alarm always keep their place (R-CLS-6, R-SYS-3): on a narrow
        // terminal the program's name goes first, then the unit is shortened, then the date and
        // the user go.
        let width = usize::from(area.width);
        let fixed = width_of(&banner) + width_of(alarm);
        let unit_cell = |unit_room: usize| -> String {
            if unit.is_empty() {
                String::new()
            } else {
                format!("| {} ", fit(&unit, unit_room))
            }
        };
        let mut who = who;
        let need = |title: &str, unit: &str, who: &str, date: &str| {
            width_of(title) + width_of(unit) + width_of(who) + width_of(date) + fixed
        };
        let mut unit_shown = unit_cell(usize::MAX);
        if need(&title, &unit_shown, &who, &date) > width {
            title.clear();
        }
        if need(&title, &unit_shown, &who, &date) > width && !unit.is_empty() {
            let room = width.saturating_sub(need("", "| ", &who, &date) + 1);
            unit_shown = if room >= 4 {
                unit_cell(room)
            } else {
                String::new()
            };
        }
        if need(&title, &unit_shown, &who, &date) > width {
            date.clear();
        }
        if need(&title, &unit_shown, &who, &date) > width {
            who.clear();
        }
        let first = title.is_empty();
        let mut spans = vec![Span::styled(title, bar.patch(self.theme.header()))];
        for piece in [unit_shown, who, date] {
            if piece.is_empty() {
                continue;
            }
            // Without the name before it, the first piece starts with a space, not a bar.
            let piece = match piece.strip_prefix('|') {
                Some(rest) if first && spans.len() == 1 => rest.to_string(),
                _ => piece,
            };
            spans.push(Span::styled(piece, bar));
        }
        if !alarm.is_empty() {
            spans.push(Span::styled(
                alarm,
                self.theme.banner(crate::domain::level::Level::TopSecret),
            ));
        }
        let used: usize = spans.iter().map(|s| width_of(&s.content)).sum();
        let room = width.saturating_sub(used + width_of(&banner));
        spans.push(Span::styled(" ".repeat(room), bar));
        spans.push(Span::styled(banner, self.theme.banner(level)));
        f.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    /// The screens with a digit as tabs, the current one lit; a screen reached only through `g`
    /// is named after them while it is shown, and a page opened from a screen after that.
    fn render_nav(&self, f: &mut Frame, area: Rect) {
        if self.user.is_none() {
            return;
        }
        let current = self.place();
        let mut tabs: Vec<&Entry> = nav::SCREENS.iter().filter(|e| e.digit.is_some()).collect();
        tabs.sort_by_key(|e| e.digit);
        let mut extra = current
            .filter(|e| e.digit.is_none())
            .map(|e| format!("{} {}", e.group, e.title));
        let top_is_place = self
            .screens
            .last()
            .is_some_and(|(id, _)| self.places.iter().any(|(p, _)| p == id));
        let crumb = self
            .screens
            .last()
            .filter(|_| !top_is_place)
            .map(|(_, s)| format!("> {}", s.title()));
        // Tabs closer together when the line would not hold them and where one is.
        let full: usize = tabs.iter().map(|e| width_of(e.title) + 5).sum::<usize>()
            + extra.as_deref().map(|x| width_of(x) + 3).unwrap_or(0)
            + crumb.as_deref().map(width_of).unwrap_or(0);
        let gap = if full > usize::from(area.width) {
            ""
        } else {
            " "
        };
        // Still too long with the tabs close (a key site's page at 80 columns): the group name
        // goes, so that the page's own number stays whole.
        let tight = full.saturating_sub(tabs.len() * 2 + if extra.is_some() { 2 } else { 0 });
        if tight > usize::from(area.width) {
            extra = current
                .filter(|e| e.digit.is_none())
                .map(|e| e.title.to_string());
        }
        let lit = |e: &Entry| {
            if current.is_some_and(|c| std::ptr::eq(c, e)) {
                self.theme.selected()
            } else {
                Style::default()
            }
        };
        let mut spans = Vec::new();
        for e in tabs {
            let digit = e.digit.unwrap_or(0);
            spans.push(Span::styled(
                format!("{gap}{digit} {}{gap}", e.title),
                lit(e),
            ));
            spans.push(Span::raw(" "));
        }
        if let Some(x) = extra {
            spans.push(Span::styled(
                format!("{gap}{x}{gap}"),
                self.theme.selected(),
            ));
            spans.push(Span::raw(" "));
        }
        if let Some(c) = crumb {
            spans.push(Span::styled(c, self.theme.dim()));
        }
        // The way to every other screen, at the line's end while it has room.
        let used: usize = spans.iter().map(|s| width_of(&s.content)).sum();
        let goto = "g 转到 ";
        if used + width_of(goto) + 2 <= usize::from(area.width) {
            let room = usize::from(area.width) - used - width_of(goto);
            spans.push(Span::raw(" ".repeat(room)));
            spans.push(Span::styled(goto, self.theme.key()));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    fn render_lock(&self, f: &mut Frame, body: Rect, lock: &LockView) -> Option<Position> {
        let area = modal::centered(body, 50, 7);
        let inner = modal::frame(f, area, "屏幕已锁定", &self.theme);
        let name = self
            .user
            .as_ref()
            .map(|u| format!("{}（{}）", u.display_name, u.name))
            .unwrap_or_default();
        f.render_widget(
            Paragraph::new(format!(
                "屏幕已锁定，数据已隐藏（R-SYS-2）。\n请 {name} 输入口令解锁："
            )),
            Rect { height: 2, ..inner },
        );
        let input = Rect {
            x: inner.x + 6,
            y: inner.y + 3,
            width: inner.width.saturating_sub(6),
            height: 1,
        };
        f.render_widget(
            Paragraph::new("口令："),
            Rect {
                y: inner.y + 3,
                height: 1,
                width: 6,
                ..inner
            },
        );
        let caret = lock.field.render(f, input, true, Style::default());
        if let Some(e) = &lock.error {
            f.render_widget(
                Paragraph::new(Span::styled(e.clone(), self.theme.error())),
                Rect {
                    y: inner.y + 4,
                    height: 1,
                    ..inner
                },
            );
        }
        caret
    }
}
