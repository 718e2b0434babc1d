//! A list paged from the database with keyset paging, over any `Source` (the paper ledger, the
//! papers in their cabinets, a described ledger's records): at most three pages in memory, the
//! next one read when the selection runs off the end, the total counted after the first frame.
//! A million rows scroll without loading them. A source that can find a row again keeps the
//! selection across a reload (the record lists); the paper sources start again at the top.

use std::any::Any;
use std::cell::Cell;
use std::ops::{Deref, DerefMut};

use crate::domain::ledgers::{LedgerSpec, Record};
use crate::domain::paper::Paper;
use crate::store::papers::{self, Cursor, Filter, Sort};
use crate::store::records::{self, page::From};
use crate::store::stocktake::{self, CabinetCursor};
use crate::ui::action::Session;
use crate::ui::keymap::{Binding, code};
use crate::ui::screens::Ctx;

/// The keys that move through a paged list, the same on every list screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
}

impl Move {
    /// ↑ ↓, PgUp PgDn, Home End, as the screen's commands (listed in help only).
    pub fn bindings<C>(cmd: fn(Move) -> C) -> Vec<Binding<C>> {
        use crossterm::event::KeyCode as K;
        [
            (K::Up, "上移", Move::Up),
            (K::Down, "下移", Move::Down),
            (K::PageUp, "上一页", Move::PageUp),
            (K::PageDown, "下一页", Move::PageDown),
            (K::Home, "第一条", Move::Home),
            (K::End, "最后一条", Move::End),
        ]
        .into_iter()
        .map(|(k, label, m)| Binding::new(code(k), label, cmd(m)).help_only())
        .collect()
    }
}

/// Rows read at a time; the buffer keeps at most three pages.
const PAGE: usize = 100;
const KEEP: usize = 3 * PAGE;

/// Which rows a read asks for, relative to rows the list holds.
pub enum Span<'a, R> {
    First,
    After(&'a R),
    Before(&'a R),
    Last,
    /// From this row on, it included (a reload that keeps the selection).
    At(&'a R),
}

/// What a paged list reads: rows in a fixed order, a page at a time, from a key.
pub trait Source: Clone + 'static {
    type Row: Clone + 'static;
    /// At most a page of rows at `span`, in the list's order.
    fn read(
        &self,
        conn: &rusqlite::Connection,
        span: Span<'_, Self::Row>,
        limit: usize,
    ) -> Result<Vec<Self::Row>, String>;
    fn count(&self, conn: &rusqlite::Connection) -> Option<i64>;
    /// The source finds a row again (`Span::At`) and counts the rows before it: a refresh then
    /// keeps the selected row instead of starting at the top.
    fn keeps(&self) -> bool {
        false
    }
    /// How many rows come before `row`, for a source that keeps.
    fn count_before(&self, _conn: &rusqlite::Connection, _row: &Self::Row) -> Option<i64> {
        None
    }
}

/// Where a page goes in the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Replace,
    ReplaceEnd,
    Append,
    Prepend,
    /// Replaces the rows from the selected one on.
    Keep,
}

struct PageReply<R> {
    generation: u64,
    place: Place,
    rows: Result<Vec<R>, String>,
}

struct Total {
    generation: u64,
    total: i64,
    /// Rows before the first row held, after a kept reload.
    before: Option<usize>,
}

/// The paper ledger (`filter` in the order `sort`), or the papers in their cabinets by cabinet
/// (`cabinet`: `Some(None)` for every cabinet, `Some(Some(c))` for cabinet `c`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Papers {
    pub filter: Filter,
    pub sort: Sort,
    pub cabinet: Option<Option<String>>,
}

impl Source for Papers {
    type Row = Paper;

    fn read(
        &self,
        conn: &rusqlite::Connection,
        span: Span<'_, Paper>,
        limit: usize,
    ) -> Result<Vec<Paper>, String> {
        let r = match &self.cabinet {
            None => {
                let (after, before) = match span {
                    Span::After(p) => (Some(Cursor::of(p)), None),
                    Span::Before(p) => (None, Some(Cursor::of(p))),
                    // Papers do not keep (`keeps`): a reload starts at the top.
                    Span::First | Span::At(_) => (None, None),
                    Span::Last => (None, Some(Cursor::end_of(self.sort))),
                };
                papers::page(conn, &self.filter, self.sort, after, before, limit)
            }
            Some(cabinet) => {
                let (after, before) = match span {
                    Span::After(p) => (Some(CabinetCursor::of(p)), None),
                    Span::Before(p) => (None, Some(CabinetCursor::of(p))),
                    _ => (None, None),
                };
                stocktake::cabinet_page(
                    conn,
                    cabinet.as_deref(),
                    after.as_ref(),
                    before.as_ref(),
                    matches!(span, Span::Last),
                    limit,
                )
            }
        };
        r.map_err(|e| e.to_string())
    }

    fn count(&self, conn: &rusqlite::Connection) -> Option<i64> {
        match &self.cabinet {
            None => papers::count(conn, &self.filter),
            Some(cabinet) => stocktake::cabinet_count(conn, cabinet.as_deref()),
        }
        .ok()
    }
}

/// A described ledger's records that `filter` keeps, in registration order.
#[derive(Debug, Clone)]
pub struct Records {
    pub spec: &'static LedgerSpec,
    pub filter: records::Filter,
}

impl Source for Records {
    type Row = Record;

    fn read(
        &self,
        conn: &rusqlite::Connection,
        span: Span<'_, Record>,
        limit: usize,
    ) -> Result<Vec<Record>, String> {
        let from = match span {
            Span::First => From::First,
            Span::After(r) => From::After(r.id),
            Span::Before(r) => From::Before(r.id),
            Span::Last => From::Last,
            Span::At(r) => From::At(r.id),
        };
        records::page::page(conn, self.spec, &self.filter, from, limit).map_err(|e| e.to_string())
    }

    fn count(&self, conn: &rusqlite::Connection) -> Option<i64> {
        records::page::count(conn, self.spec, &self.filter).ok()
    }

    fn keeps(&self) -> bool {
        true
    }

    fn count_before(&self, conn: &rusqlite::Connection, row: &Record) -> Option<i64> {
        records::page::count_before(conn, self.spec, &self.filter, row.id).ok()
    }
}

pub struct Paged<S: Source = Papers> {
    /// What the list reads; its fields (filter, sort …) are reached through the list itself.
    pub source: S,
    rows: Vec<S::Row>,
    /// Rows of the whole list before `rows[0]`.
    before: usize,
    /// `before` is known (a kept reload learns it with the total).
    located: bool,
    total: i64,
    counted: bool,
    selected: usize,
    offset: Cell<usize>,
    at_start: bool,
    at_end: bool,
    generation: u64,
    /// Rows the last frame showed: a page key moves by this much.
    height: Cell<usize>,
}

// The screens change a list's filter as `list.filter.level = …`: the source's fields read as the
// list's own, so the paper screens did not change when the list became generic.
impl<S: Source> Deref for Paged<S> {
    type Target = S;
    fn deref(&self) -> &S {
        &self.source
    }
}

impl<S: Source> DerefMut for Paged<S> {
    fn deref_mut(&mut self) -> &mut S {
        &mut self.source
    }
}

impl Paged<Papers> {
    pub fn new(filter: Filter, sort: Sort) -> Paged {
        Paged::over(Papers {
            filter,
            sort,
            cabinet: None,
        })
    }

    /// The papers in their cabinets, by cabinet (the count screens).
    pub fn by_cabinet() -> Paged {
        let mut p = Paged::new(Filter::held(), Sort::Oldest);
        p.cabinet = Some(None);
        p
    }
}

impl<S: Source> Paged<S> {
    pub fn over(source: S) -> Paged<S> {
        Paged {
            source,
            rows: Vec::new(),
            before: 0,
            located: true,
            total: 0,
            counted: false,
            selected: 0,
            offset: Cell::new(0),
            at_start: true,
            at_end: true,
            generation: 0,
            height: Cell::new(15),
        }
    }

    /// Reads the first page again (after a filter changed).
    pub fn reload(&mut self, cx: &mut Ctx<'_>) {
        self.load(Place::Replace, cx);
    }

    /// Reads the list again where it is (after the data changed): the selected row stays
    /// selected when the source can find it again, or the one after it when it left the list.
    pub fn refresh(&mut self, cx: &mut Ctx<'_>) {
        let place = if self.source.keeps() && self.current().is_some() {
            Place::Keep
        } else {
            Place::Replace
        };
        self.load(place, cx);
    }

    /// Reads the list again from `row` (a record just registered), selected.
    pub fn refresh_at(&mut self, row: S::Row, cx: &mut Ctx<'_>) {
        if !self.source.keeps() {
            return self.refresh(cx);
        }
        self.rows = vec![row];
        self.selected = 0;
        self.load(Place::Keep, cx);
    }

    fn load(&mut self, place: Place, cx: &mut Ctx<'_>) {
        if matches!(place, Place::Replace | Place::ReplaceEnd | Place::Keep) {
            self.generation += 1;
        }
        let generation = self.generation;
        let source = self.source.clone();
        let first = self.rows.first().cloned();
        let last = self.rows.last().cloned();
        let current = self.current().cloned();
        if place == Place::Keep {
            let counted = source.clone();
            let kept = current.clone();
            cx.task(move |s: &mut Session| PageReply {
                generation,
                place,
                rows: source.read(
                    s.store.conn(),
                    current.as_ref().map_or(Span::First, Span::At),
                    PAGE,
                ),
            });
            // Where the kept row sits is counted after the frame, like the total.
            cx.idle_task(move |s: &mut Session| {
                let conn = s.store.conn();
                Total {
                    generation,
                    total: counted.count(conn).unwrap_or(0),
                    before: kept
                        .as_ref()
                        .and_then(|r| counted.count_before(conn, r))
                        .map(|n| usize::try_from(n).unwrap_or(0)),
                }
            });
            return;
        }
        let counted = source.clone();
        cx.task(move |s: &mut Session| {
            let span = match place {
                Place::Append => last.as_ref().map(Span::After),
                Place::Prepend => first.as_ref().map(Span::Before),
                Place::ReplaceEnd => Some(Span::Last),
                _ => None,
            };
            PageReply {
                generation,
                place,
                rows: source.read(s.store.conn(), span.unwrap_or(Span::First), PAGE),
            }
        });
        if matches!(place, Place::Replace | Place::ReplaceEnd) {
            // The total follows the first frame: counting a million rows takes a moment. The last
            // page learns where it sits from it.
            cx.idle_task(move |s: &mut Session| Total {
                generation,
                total: counted.count(s.store.conn()).unwrap_or(0),
                before: None,
            });
        }
    }

    /// Takes the list's own replies (saying so when the store could not read); gives back any other.
    pub fn reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) -> Option<Box<dyn Any>> {
        let reply = match reply.downcast::<Total>() {
            Ok(t) => {
                if t.generation == self.generation {
                    self.total = t.total;
                    self.counted = true;
                    if let Some(before) = t.before {
                        self.before = before;
                        self.located = true;
                        self.at_start = before == 0;
                    } else if !self.located && self.at_end {
                        // Read from the end: the rows held are the last of the list.
                        self.before = usize::try_from(t.total)
                            .unwrap_or(0)
                            .saturating_sub(self.rows.len());
                        self.located = true;
                    }
                }
                return None;
            }
            Err(r) => r,
        };
        let page = match reply.downcast::<PageReply<S::Row>>() {
            Ok(p) => p,
            Err(r) => return Some(r),
        };
        if page.generation != self.generation {
            return None;
        }
        let page = *page;
        let rows = match page.rows {
            Ok(rows) => rows,
            Err(e) => {
                cx.error(format!("台帐读取失败：{e}"));
                return None;
            }
        };
        let n = rows.len();
        match page.place {
            Place::Replace => {
                self.counted = false;
                self.rows = rows;
                self.before = 0;
                self.located = true;
                self.selected = 0;
                self.offset.set(0);
                self.at_start = true;
                self.at_end = n < PAGE;
            }
            // The kept row and every one after it left the list: the list's end instead.
            Place::Keep if n == 0 => self.load(Place::ReplaceEnd, cx),
            Place::Keep => {
                // The rows before the kept one are read when the selection goes up to them.
                self.counted = false;
                self.rows = rows;
                self.located = false;
                self.selected = 0;
                self.offset.set(0);
                self.at_start = false;
                self.at_end = n < PAGE;
            }
            Place::ReplaceEnd => {
                self.counted = false;
                self.rows = rows;
                self.before = 0;
                self.located = false;
                self.selected = n.saturating_sub(1);
                self.at_end = true;
                self.at_start = n < PAGE;
                if self.at_start {
                    self.located = true;
                }
            }
            Place::Append => {
                self.at_end = n < PAGE;
                if n > 0 {
                    self.selected += 1;
                }
                self.rows.extend(rows);
                if self.rows.len() > KEEP {
                    let cut = self.rows.len() - KEEP;
                    self.rows.drain(..cut);
                    self.before += cut;
                    self.selected -= cut;
                    self.offset.set(self.offset.get().saturating_sub(cut));
                    self.at_start = false;
                }
            }
            Place::Prepend => {
                self.at_start = n < PAGE;
                let mut rows = rows;
                rows.extend(std::mem::take(&mut self.rows));
                self.rows = rows;
                self.before = if self.at_start {
                    0
                } else {
                    self.before.saturating_sub(n)
                };
                if self.at_start {
                    self.located = true;
                }
                self.selected = n.saturating_sub(1);
                self.offset.set(self.offset.get() + n);
                if self.rows.len() > KEEP {
                    self.rows.truncate(KEEP);
                    self.at_end = false;
                }
            }
        }
        None
    }

    fn move_to(&mut self, target: i64, cx: &mut Ctx<'_>) {
        let last = self.rows.len().saturating_sub(1) as i64;
        if target > last && !self.at_end {
            self.selected = last.max(0) as usize;
            self.load(Place::Append, cx);
            return;
        }
        if target < 0 && !self.at_start {
            self.selected = 0;
            self.load(Place::Prepend, cx);
            return;
        }
        self.selected = target.clamp(0, last.max(0)) as usize;
    }

    /// Moves the selection as the key asks.
    pub fn go(&mut self, m: Move, cx: &mut Ctx<'_>) {
        match m {
            Move::Up => self.up(cx),
            Move::Down => self.down(cx),
            Move::PageUp => self.page_up(cx),
            Move::PageDown => self.page_down(cx),
            Move::Home => self.home(cx),
            Move::End => self.end(cx),
        }
    }

    pub fn up(&mut self, cx: &mut Ctx<'_>) {
        self.move_to(self.selected as i64 - 1, cx);
    }

    pub fn down(&mut self, cx: &mut Ctx<'_>) {
        self.move_to(self.selected as i64 + 1, cx);
    }

    pub fn page_up(&mut self, cx: &mut Ctx<'_>) {
        self.move_to(self.selected as i64 - self.height.get().max(1) as i64, cx);
    }

    pub fn page_down(&mut self, cx: &mut Ctx<'_>) {
        self.move_to(self.selected as i64 + self.height.get().max(1) as i64, cx);
    }

    pub fn home(&mut self, cx: &mut Ctx<'_>) {
        self.load(Place::Replace, cx);
    }

    pub fn end(&mut self, cx: &mut Ctx<'_>) {
        self.load(Place::ReplaceEnd, cx);
    }

    pub fn current(&self) -> Option<&S::Row> {
        self.rows.get(self.selected)
    }

    pub fn rows(&self) -> &[S::Row] {
        &self.rows
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    /// Where the selection is in the whole list, from 0.
    pub fn index(&self) -> usize {
        self.before + self.selected
    }

    /// The total, once counted.
    pub fn total(&self) -> Option<i64> {
        self.counted.then_some(self.total)
    }

    /// `第 n 条 / 共 m 件`.
    pub fn position(&self) -> String {
        if self.rows.is_empty() {
            return "无记录".into();
        }
        format!(
            "第 {} 条 / 共 {} 件",
            if self.located {
                (self.before + self.selected + 1).to_string()
            } else {
                "...".into()
            },
            match self.total() {
                Some(t) => t.to_string(),
                None => "...".into(),
            }
        )
    }

    /// The first row to draw in `height` rows; remembers the height for page keys.
    pub fn offset(&self, height: usize) -> usize {
        self.height.set(height);
        let o = crate::ui::widgets::table::scroll(self.selected, self.offset.get(), height);
        self.offset.set(o);
        o
    }
}
