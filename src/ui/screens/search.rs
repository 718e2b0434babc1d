//! 查找 (`/` from anywhere): results follow each keystroke; Enter opens the carrier's page, a
//! paper's or a medium's, computer's or device's (issue 10: typing U-017 finds the U盘). A scanned
//! label opens its carrier at once, or says loudly that no carrier has that number.

use std::any::Any;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::paper::PaperPage;
use super::records::RecordPage;
use super::{Command, Ctx, RenderCtx, Screen};
use crate::domain::carrier::CarrierKind;
use crate::store::search::{self, Hit};
use crate::ui::action::Session;
use crate::ui::keymap::Hint;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::modal;
use crate::ui::widgets::table::{self, Row, col, scroll};

/// Results asked for: more than a screen, so that scrolling needs no new query.
const LIMIT: usize = 50;

struct Results {
    query: String,
    hits: Result<Vec<Hit>, String>,
}

pub struct Search {
    input: Field,
    hits: Vec<Hit>,
    shown_for: String,
    selected: usize,
    offset: std::cell::Cell<usize>,
    error: Option<String>,
    /// The number a scanner read, until its answer comes.
    scanned: Option<String>,
}

/// The page of the carrier a hit names. Each kind of carrier plugs its page in here.
fn page(hit: &Hit) -> Option<Box<dyn Screen>> {
    match hit.kind {
        k if k == CarrierKind::Paper.code() => Some(Box::new(PaperPage::new(&hit.subject))),
        k => crate::domain::ledgers::spec::find(k)
            .map(|spec| Box::new(RecordPage::new(spec, &hit.subject)) as Box<dyn Screen>),
    }
}

/// Opens the page of `hit`, closing the overlay.
fn open(hit: &Hit, cx: &mut Ctx<'_>) {
    match page(hit) {
        Some(p) => {
            cx.commands.push(Command::CloseModal);
            cx.commands.push(Command::Push(p));
        }
        None => cx.error(format!("{} 没有可打开的页面", hit.subject)),
    }
}

impl Search {
    pub fn new() -> Search {
        Search {
            input: Field::text("q", "查找")
                .hint("编号、文号、标题、单位、持有人、柜号或拼音首字母"),
            hits: Vec::new(),
            shown_for: String::new(),
            selected: 0,
            offset: std::cell::Cell::new(0),
            error: None,
            scanned: None,
        }
    }

    fn query(&self, cx: &mut Ctx<'_>) {
        let q = self.input.value();
        // After the frame that shows the key typed: a one-letter query over a million titles
        // takes longer than a frame, and the results follow before the next key is read.
        cx.idle_task(move |s: &mut Session| Results {
            hits: search::search_all(s.store.conn(), &q, LIMIT).map_err(|e| e.to_string()),
            query: q,
        });
    }
}

impl Default for Search {
    fn default() -> Self {
        Search::new()
    }
}

impl Screen for Search {
    fn title(&self) -> String {
        "查找".into()
    }

    fn hints(&self) -> Vec<Hint> {
        vec![
            Hint::new("Enter", "打开"),
            Hint::new("Up/Down", "选择"),
            Hint::new("Esc", "返回"),
        ]
    }

    fn captures_text(&self) -> bool {
        true
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match key.code {
            KeyCode::Esc => cx.commands.push(Command::CloseModal),
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down => {
                if self.selected + 1 < self.hits.len() {
                    self.selected += 1;
                }
            }
            KeyCode::Enter => {
                if let Some(h) = self.hits.get(self.selected) {
                    open(h, cx);
                }
            }
            _ => {
                if self.input.input(key) {
                    self.query(cx);
                }
            }
        }
    }

    fn on_paste(&mut self, text: &str, cx: &mut Ctx<'_>) {
        self.input.paste(text);
        self.query(cx);
    }

    fn on_scan(&mut self, code: &str, cx: &mut Ctx<'_>) -> bool {
        self.input.set(code);
        self.scanned = Some(code.to_string());
        self.query(cx);
        true
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        let Ok(r) = reply.downcast::<Results>() else {
            return;
        };
        // An answer for an older query is not shown over a newer one.
        if r.query != self.input.value() {
            return;
        }
        match r.hits {
            Ok(h) => {
                self.hits = h;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        self.shown_for = r.query;
        self.selected = 0;
        self.offset.set(0);
        let Some(code) = self.scanned.take() else {
            return;
        };
        // A label carries the whole number: only that carrier is meant, not one it is part of.
        let exact = self
            .hits
            .iter()
            .find(|h| h.subject.eq_ignore_ascii_case(code.trim()) && self.error.is_none());
        match exact {
            Some(h) => open(h, cx),
            None if self.error.is_none() => {
                self.error = Some(format!("扫描到的编号「{code}」不是本单位台帐中的载体"))
            }
            None => {}
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let outer = modal::centered(area, area.width.saturating_sub(2), area.height);
        let inner = modal::frame(f, outer, "查找载体", &r.theme);
        f.render_widget(
            Paragraph::new(Span::styled("查找：", r.theme.key())),
            Rect {
                width: 6,
                height: 1,
                ..inner
            },
        );
        let caret = self.input.render(
            f,
            Rect {
                x: inner.x + 6,
                width: inner.width.saturating_sub(6),
                height: 1,
                ..inner
            },
            true,
            ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::UNDERLINED),
        );
        let status = match (&self.error, self.shown_for.is_empty()) {
            (Some(e), _) => Span::styled(e.clone(), r.theme.error()),
            (None, true) => Span::styled(
                "输入编号片段、两字以上标题词或拼音首字母（如 bmzc）",
                r.theme.dim(),
            ),
            (None, false) if self.hits.is_empty() => {
                Span::styled(format!("没有找到「{}」", self.shown_for), r.theme.dim())
            }
            (None, false) => Span::styled(
                format!(
                    "找到 {} 条{}",
                    self.hits.len(),
                    if self.hits.len() == LIMIT {
                        "（只列前50条，请再多输几个字）"
                    } else {
                        ""
                    }
                ),
                r.theme.dim(),
            ),
        };
        f.render_widget(
            Paragraph::new(status),
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
        );
        let body = Rect {
            y: inner.y + 2,
            height: inner.height.saturating_sub(2),
            ..inner
        };
        let rows: Vec<Row> = self
            .hits
            .iter()
            .map(|h| {
                Row::new(vec![
                    h.subject.clone(),
                    h.title.clone(),
                    r.theme.mark(&h.mark),
                    h.state.name().to_string(),
                    h.holder.clone(),
                    h.location.clone(),
                ])
                .styled(2, r.theme.level(h.level))
            })
            .collect();
        let height = usize::from(body.height.saturating_sub(1));
        let offset = scroll(self.selected, self.offset.get(), height);
        self.offset.set(offset);
        let wide = body.width >= 100;
        let cols = [
            col("编号", 14, 0),
            col("标题", 16, 1),
            // Every mark whole while the title has room to give (issue 9 point 15).
            col(
                "标志",
                table::whole_width(
                    rows.iter()
                        .skip(offset)
                        .take(height)
                        .map(|r| r.cells[2].as_str()),
                    if wide { 12 } else { 9 },
                    24,
                ),
                0,
            ),
            col("状态", 8, 0),
            col("持有人", 6, 0),
            col("位置", if wide { 12 } else { 8 }, 0),
        ];
        table::render(f, body, &r.theme, &cols, &rows, Some(self.selected), offset);
        caret
    }
}
