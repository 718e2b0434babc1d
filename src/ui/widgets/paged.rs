//! A list of papers paged from the database with keyset paging: at most three pages in memory,
//! the next one read when the selection runs off the end, the total counted after the first frame.
//! A million rows scroll without loading them. Used by the ledger and the batch screens; the count
//! screens read the papers in their cabinets, by cabinet.

use std::any::Any;
use std::cell::Cell;

use crate::domain::paper::Paper;
use crate::store::papers::{self, Cursor, Filter, Sort};
use crate::store::stocktake::{self, CabinetCursor};
use crate::ui::action::Session;
use crate::ui::screens::Ctx;

/// Rows read at a time; the buffer keeps at most three pages.
const PAGE: usize = 100;
const KEEP: usize = 3 * PAGE;

/// Where a page goes in the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Replace,
    ReplaceEnd,
    Append,
    Prepend,
}

struct PageReply {
    generation: u64,
    place: Place,
    rows: Result<Vec<Paper>, String>,
    total: Option<i64>,
}

struct Total {
    generation: u64,
    total: i64,
}

/// What the list reads.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Query {
    /// The ledger: `filter` in the order `sort`.
    Ledger(Filter, Sort),
    /// The papers in their cabinets (one cabinet, or all), by cabinet.
    Cabinets(Option<String>),
}

impl Query {
    fn read(
        &self,
        conn: &rusqlite::Connection,
        place: Place,
        first: Option<&Paper>,
        last: Option<&Paper>,
    ) -> Result<Vec<Paper>, String> {
        let r = match self {
            Query::Ledger(filter, sort) => {
                let (after, before) = match place {
                    Place::Append => (last.map(Cursor::of), None),
                    Place::Prepend => (None, first.map(Cursor::of)),
                    Place::Replace => (None, None),
                    Place::ReplaceEnd => (None, Some(Cursor::end_of(*sort))),
                };
                papers::page(conn, filter, *sort, after, before, PAGE)
            }
            Query::Cabinets(cabinet) => {
                let (after, before) = match place {
                    Place::Append => (last.map(CabinetCursor::of), None),
                    Place::Prepend => (None, first.map(CabinetCursor::of)),
                    _ => (None, None),
                };
                stocktake::cabinet_page(
                    conn,
                    cabinet.as_deref(),
                    after.as_ref(),
                    before.as_ref(),
                    place == Place::ReplaceEnd,
                    PAGE,
                )
            }
        };
        r.map_err(|e| e.to_string())
    }

    fn count(&self, conn: &rusqlite::Connection) -> Option<i64> {
        match self {
            Query::Ledger(filter, _) => papers::count(conn, filter),
            Query::Cabinets(cabinet) => stocktake::cabinet_count(conn, cabinet.as_deref()),
        }
        .ok()
    }
}

pub struct Paged {
    pub filter: Filter,
    pub sort: Sort,
    /// Set for the count screens: the papers in their cabinets (`Some(None)` for every cabinet,
    /// `Some(Some(c))` for cabinet `c`) instead of `filter` and `sort`.
    pub cabinet: Option<Option<String>>,
    rows: Vec<Paper>,
    /// Rows of the whole list before `rows[0]`.
    before: usize,
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

impl Paged {
    pub fn new(filter: Filter, sort: Sort) -> Paged {
        Paged {
            filter,
            sort,
            cabinet: None,
            rows: Vec::new(),
            before: 0,
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

    /// The papers in their cabinets, by cabinet (the count screens).
    pub fn by_cabinet() -> Paged {
        let mut p = Paged::new(Filter::held(), Sort::Oldest);
        p.cabinet = Some(None);
        p
    }

    fn query(&self) -> Query {
        match &self.cabinet {
            Some(c) => Query::Cabinets(c.clone()),
            None => Query::Ledger(self.filter.clone(), self.sort),
        }
    }

    /// Reads the first page again (after a filter or the data changed).
    pub fn reload(&mut self, cx: &mut Ctx<'_>) {
        self.load(Place::Replace, cx);
    }

    fn load(&mut self, place: Place, cx: &mut Ctx<'_>) {
        if matches!(place, Place::Replace | Place::ReplaceEnd) {
            self.generation += 1;
        }
        let generation = self.generation;
        let query = self.query();
        let first = self.rows.first().cloned();
        let last = self.rows.last().cloned();
        if place == Place::ReplaceEnd {
            // Where the last page sits in the whole list needs the total first.
            cx.task(move |s: &mut Session| {
                let conn = s.store.conn();
                PageReply {
                    generation,
                    place,
                    rows: query.read(conn, place, None, None),
                    total: query.count(conn),
                }
            });
            return;
        }
        let counted = query.clone();
        cx.task(move |s: &mut Session| PageReply {
            generation,
            place,
            rows: query.read(s.store.conn(), place, first.as_ref(), last.as_ref()),
            total: None,
        });
        if place == Place::Replace {
            // The total follows the first frame: counting a million rows takes a moment.
            cx.idle_task(move |s: &mut Session| Total {
                generation,
                total: counted.count(s.store.conn()).unwrap_or(0),
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
                }
                return None;
            }
            Err(r) => r,
        };
        let page = match reply.downcast::<PageReply>() {
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
                self.selected = 0;
                self.offset.set(0);
                self.at_start = true;
                self.at_end = n < PAGE;
            }
            Place::ReplaceEnd => {
                let total = page.total.unwrap_or(n as i64) as usize;
                self.rows = rows;
                self.before = total.saturating_sub(n);
                self.selected = n.saturating_sub(1);
                self.at_end = true;
                self.at_start = self.before == 0;
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
                self.selected = n.saturating_sub(1);
                self.offset.set(self.offset.get() + n);
                if self.rows.len() > KEEP {
                    self.rows.truncate(KEEP);
                    self.at_end = false;
                }
            }
        }
        if let Some(t) = page.total {
            self.total = t;
            self.counted = true;
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

    pub fn current(&self) -> Option<&Paper> {
        self.rows.get(self.selected)
    }

    pub fn rows(&self) -> &[Paper] {
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
            self.before + self.selected + 1,
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
