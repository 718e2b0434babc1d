//! What a carrier's page (a paper's, a record's) does with its history alike: its data read in
//! the background (or the error); the history row selected, moved with ↑ ↓, and read whole in a
//! popup with Enter; the page's head above the history table.

use std::any::Any;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::message::Message;
use crate::domain::dates;
use crate::ui::keymap::{Binding, code};
use crate::ui::theme::Theme;
use crate::ui::widgets::cursor::Cursor;
use crate::ui::widgets::table::{self, Row};

/// A page's data `D` as read in the background and the act `A` to open once it is read again.
pub struct History<D, A> {
    pub data: Option<D>,
    pub error: Option<String>,
    pub cursor: Cursor,
    /// The act to open as soon as the page has been read again: the act depends on what a
    /// leader may have decided in another session since the page was shown.
    pub then: Option<A>,
    /// How many history rows the data has.
    rows: fn(&D) -> usize,
}

/// What the history's keys ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowCmd {
    Up,
    Down,
    Detail,
}

impl<D: 'static, A> History<D, A> {
    pub fn new(rows: fn(&D) -> usize) -> History<D, A> {
        History {
            data: None,
            error: None,
            cursor: Cursor::default(),
            then: None,
            rows,
        }
    }

    /// ↑ ↓ (help only) and Enter for a row's detail, as the page's commands.
    pub fn bindings<C>(cmd: fn(RowCmd) -> C) -> Vec<Binding<C>> {
        let [u, d] = Cursor::bindings(cmd(RowCmd::Up), cmd(RowCmd::Down));
        let detail = cmd(RowCmd::Detail);
        vec![u, d, Binding::new(code(KeyCode::Enter), "详情", detail)]
    }

    /// Moves the selection; true when the row's detail is asked.
    pub fn key(&mut self, c: RowCmd) -> bool {
        match c {
            RowCmd::Up => self.cursor.up(),
            RowCmd::Down => self.cursor.down(self.data.as_ref().map_or(0, self.rows)),
            RowCmd::Detail => return true,
        }
        false
    }

    /// Takes the background read of the page. The last row (the newest act) is selected, but for
    /// a reread with as many rows when `keep` says the row stays. Gives the act to open now.
    pub fn reply(&mut self, reply: Box<dyn Any>, keep: bool) -> Option<A> {
        let r = reply.downcast::<Result<D, String>>().ok()?;
        match *r {
            Ok(d) => {
                let n = (self.rows)(&d);
                if !(keep && self.data.as_ref().map(self.rows) == Some(n)) {
                    self.cursor.selected = n.saturating_sub(1);
                }
                self.data = Some(d);
                self.error = None;
                self.then.take()
            }
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }

    /// The history row under the selection.
    pub fn selected<E>(&self, rows: fn(&D) -> &[E]) -> Option<&E> {
        self.data
            .as_ref()
            .and_then(|d| rows(d).get(self.cursor.selected))
    }

    /// The data, or 正在读取 (or the error) drawn in `area` until it has come.
    pub fn loaded(&self, f: &mut Frame, area: Rect, theme: &Theme) -> Option<&D> {
        if self.data.is_none() {
            let msg = self.error.clone().unwrap_or_else(|| "正在读取".into());
            f.render_widget(Paragraph::new(Span::styled(msg, theme.error())), area);
        }
        self.data.as_ref()
    }

    /// `head` in its first `top` rows of `area` (wrapped), the history `rows` below.
    pub fn draw(
        &self,
        f: &mut Frame,
        area: Rect,
        theme: &Theme,
        (head, top): (Vec<Line<'static>>, u16),
        rows: &[Row],
    ) {
        let top = top.min(area.height);
        let head = Paragraph::new(head).wrap(Wrap { trim: false });
        f.render_widget(
            head,
            Rect {
                height: top,
                ..area
            },
        );
        let body = Rect {
            y: area.y + top,
            height: area.height - top,
            ..area
        };
        table::history(f, body, theme, rows, &self.cursor);
    }
}

/// A history row of `no` read whole: its day and act, `values` by their names, who handled it,
/// then `after` (the request it carried out).
pub fn detail(
    no: &str,
    (on, act): (NaiveDate, &str),
    values: Vec<(String, String)>,
    (handler, after): (&str, Option<(String, String)>),
) -> Message {
    let mut lines = vec![
        ("日期".to_string(), dates::zh(on)),
        ("办理".to_string(), act.to_string()),
    ];
    lines.extend(values);
    lines.push(("经办人".to_string(), handler.to_string()));
    lines.extend(after);
    Message::new(format!("办理记录：{no}"), lines)
}
