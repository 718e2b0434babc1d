//! Batch work, where officers do many papers at once: the monthly count (tick what is found in each
//! cabinet; what is missing becomes a discrepancy; what is out is listed apart), the quarterly
//! check, batch return, the destruction list, and carrying out an approved destruction list. The
//! papers are paged from the database and the ticks kept as exceptions, so that ticking all of a
//! hundred thousand costs nothing.

mod forms;
mod render;
mod scan;
mod ticks;

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::{Ctx, RenderCtx, Screen};
use crate::domain::carrier::PaperState;
use crate::domain::paper::Paper;
use crate::store::papers::{self, Filter, Sort};
use crate::store::stocktake::{self, StocktakeKind};
use crate::store::{StoreError, approvals};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, ch, code};
use crate::ui::widgets::paged::Paged;
use ticks::Ticks;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// 每月清点 (R-PAP-12)
    Count,
    /// 季度核查 (R-PAP-13)
    Check,
    /// 批量清退 (R-PAP-14, R-PAP-16)
    Return,
    /// 编制销毁清单，提交审批 (R-PAP-23)
    DestroyList,
    /// 按已批准的销毁清单销毁
    Destroy(i64),
    /// 清点差异：找到或报告遗失
    Discrepancies,
}

impl Mode {
    fn title(self) -> String {
        match self {
            Mode::Count => "每月清点".into(),
            Mode::Check => "季度核查".into(),
            Mode::Return => "批量清退".into(),
            Mode::DestroyList => "编制销毁清单".into(),
            Mode::Destroy(id) => format!("销毁（申请 {id}）"),
            Mode::Discrepancies => "清点差异".into(),
        }
    }

    fn tick_label(self) -> &'static str {
        match self {
            Mode::Count | Mode::Check => "清点到",
            Mode::Return => "清退",
            Mode::DestroyList => "列入清单",
            Mode::Destroy(_) => "销毁",
            Mode::Discrepancies => "",
        }
    }

    /// The count and the check go cabinet by cabinet, with the papers out listed apart.
    fn counts(self) -> bool {
        matches!(self, Mode::Count | Mode::Check)
    }

    fn stocktake(self) -> StocktakeKind {
        if self == Mode::Check {
            StocktakeKind::Check
        } else {
            StocktakeKind::Count
        }
    }

    /// Modes that tick among many papers (paged); the others show a short fixed list.
    fn paged(self) -> bool {
        matches!(
            self,
            Mode::Count | Mode::Check | Mode::Return | Mode::DestroyList
        )
    }
}

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Up,
    Down,
    PageUp,
    PageDown,
    Toggle,
    All,
    None,
    Finish,
    Found,
    Lost,
    Gaps,
    Cabinet,
    PrevCabinet,
    Section,
}

struct Fixed(Result<(Vec<Paper>, Vec<i64>), String>);

/// The count's lists besides the paged one: the cabinets with how many papers each holds, and the
/// papers out of their cabinets.
struct Outside(Result<OutsideLists, String>);

/// The cabinets with their counts, the papers out shown, and how many are out in all.
type OutsideLists = (Vec<(String, i64)>, Vec<Paper>, i64);

/// The papers out shown on the count screen at most (the rest are counted and recorded all the
/// same).
const OUT_SHOWN: usize = 500;

pub struct Batch {
    mode: Mode,
    /// The papers to tick, for the paged modes (by cabinet for the count).
    list: Paged,
    ticks: Ticks,
    /// The short lists: a destruction request's papers, or the open discrepancies (with their ids).
    fixed: Vec<Paper>,
    gap_ids: Vec<i64>,
    selected: usize,
    offset: Cell<usize>,
    loaded: bool,
    /// The count: the cabinets with their papers, the papers out (and how many in all), which
    /// cabinet is shown (an index into `cabinets`), and whether the list of papers out has the
    /// keys.
    cabinets: Vec<(String, i64)>,
    out: Vec<Paper>,
    out_total: i64,
    cabinet: Option<usize>,
    in_out: bool,
    out_selected: usize,
    out_offset: Cell<usize>,
    /// Set by a job when the batch is done: the ticks (and what they said) start afresh.
    done: Rc<Cell<bool>>,
    /// What the last scanned label did.
    last_scan: Option<crate::ui::widgets::scan_line::ScanLine>,
}

impl Batch {
    pub fn new(mode: Mode) -> Batch {
        Batch {
            mode,
            list: if mode.counts() {
                Paged::by_cabinet()
            } else {
                Paged::new(Filter::held(), Sort::Oldest)
            },
            ticks: Ticks::default(),
            fixed: Vec::new(),
            gap_ids: Vec::new(),
            selected: 0,
            offset: Cell::new(0),
            loaded: false,
            cabinets: Vec::new(),
            out: Vec::new(),
            out_total: 0,
            cabinet: None,
            in_out: false,
            out_selected: 0,
            out_offset: Cell::new(0),
            done: Rc::new(Cell::new(false)),
            last_scan: None,
        }
    }

    fn bindings(&self) -> Vec<Binding<Cmd>> {
        let mut b = vec![
            Binding::new(code(KeyCode::Up), "上移", Cmd::Up).help_only(),
            Binding::new(code(KeyCode::Down), "下移", Cmd::Down).help_only(),
            Binding::new(code(KeyCode::PageUp), "上一页", Cmd::PageUp).help_only(),
            Binding::new(code(KeyCode::PageDown), "下一页", Cmd::PageDown).help_only(),
        ];
        match self.mode {
            Mode::Discrepancies => {
                b.push(Binding::new(ch('f'), "已找到", Cmd::Found));
                b.push(Binding::new(ch('l'), "报告遗失", Cmd::Lost));
            }
            Mode::Destroy(_) => b.push(Binding::new(
                code(KeyCode::Enter),
                "销毁并登记",
                Cmd::Finish,
            )),
            _ => {
                b.push(Binding::new(ch(' '), "勾选", Cmd::Toggle));
                b.push(Binding::new(
                    ch('a'),
                    if self.mode.counts() {
                        "全选在柜"
                    } else {
                        "全选"
                    },
                    Cmd::All,
                ));
                b.push(Binding::new(ch('u'), "全不选", Cmd::None).help_only());
                b.push(Binding::new(code(KeyCode::Enter), "完成", Cmd::Finish));
                if self.mode.counts() {
                    b.push(Binding::new(ch('w'), "换柜", Cmd::Cabinet));
                    b.push(Binding::new(code(KeyCode::Right), "下一柜", Cmd::Cabinet).help_only());
                    b.push(
                        Binding::new(code(KeyCode::Left), "上一柜", Cmd::PrevCabinet).help_only(),
                    );
                    b.push(Binding::new(
                        code(KeyCode::Tab),
                        "在柜/不在柜",
                        Cmd::Section,
                    ));
                    b.push(Binding::new(ch('c'), "清点差异", Cmd::Gaps));
                }
            }
        }
        b
    }

    fn current(&self) -> Option<&Paper> {
        if self.mode.paged() {
            self.list.current()
        } else {
            self.fixed.get(self.selected)
        }
    }

    /// All the papers the ticks are among: every held paper, or on the count every paper in its
    /// cabinet (not only those of the cabinet shown).
    fn total(&self) -> i64 {
        if self.mode.counts() && !self.cabinets.is_empty() {
            return self.cabinets.iter().map(|(_, n)| n).sum();
        }
        if self.mode.counts() && self.list.cabinet != Some(None) {
            return 0;
        }
        self.list.total().unwrap_or(self.list.rows().len() as i64)
    }

    fn ticked(&self) -> i64 {
        self.ticks.count(self.total(), &self.cabinets)
    }

    /// The cabinet shown, if one is chosen.
    fn cabinet_name(&self) -> Option<&str> {
        self.cabinet
            .and_then(|i| self.cabinets.get(i))
            .map(|(c, _)| c.as_str())
    }

    /// Shows the next (or previous) cabinet, then all again.
    fn step_cabinet(&mut self, forward: bool, cx: &mut Ctx<'_>) {
        let n = self.cabinets.len();
        if n == 0 {
            return;
        }
        self.cabinet = match (self.cabinet, forward) {
            (None, true) => Some(0),
            (None, false) => Some(n - 1),
            (Some(i), true) => (i + 1 < n).then_some(i + 1),
            (Some(i), false) => i.checked_sub(1),
        };
        self.list.cabinet = Some(self.cabinet_name().map(str::to_string));
        self.in_out = false;
        self.list.reload(cx);
    }

    fn load_outside(&self, cx: &mut Ctx<'_>) {
        cx.task(|s: &mut Session| {
            let conn = s.store.conn();
            Outside(
                (|| -> Result<_, StoreError> {
                    let cabinets = stocktake::cabinets(conn)?;
                    let (out, total) = stocktake::out_papers(conn, OUT_SHOWN)?;
                    Ok((cabinets, out, total))
                })()
                .map_err(|e| e.to_string()),
            )
        });
    }

    fn finish(&mut self, cx: &mut Ctx<'_>) {
        let today = cx.today;
        let chosen = self.ticked();
        self.done.set(false);
        let done = self.done.clone();
        match self.mode {
            Mode::Count | Mode::Check => {
                let summary = forms::CountSummary {
                    kind: self.mode.stocktake(),
                    on: today,
                    in_cabinets: self.total(),
                    ticked: chosen,
                    out: self.out_total,
                    overdue: self
                        .out
                        .iter()
                        .filter(|p| stocktake::overdue(p, today))
                        .map(|p| format!("{}（{}）", p.no, p.holder))
                        .collect(),
                };
                cx.modal(forms::count_confirm(summary, self.ticks.clone(), done));
            }
            Mode::Return => {
                if chosen == 0 {
                    cx.error("请先用空格勾选要清退的密件");
                    return;
                }
                cx.modal(forms::return_form(
                    self.ticks.selection(),
                    chosen,
                    today,
                    done,
                ));
            }
            Mode::DestroyList => {
                if chosen == 0 {
                    cx.error("请先用空格勾选列入销毁清单的密件");
                    return;
                }
                cx.modal(forms::destroy_list_form(
                    self.ticks.selection(),
                    chosen,
                    done,
                ));
            }
            Mode::Destroy(id) => {
                let left: Vec<String> = self
                    .fixed
                    .iter()
                    .filter(|p| p.state != PaperState::Destroyed)
                    .map(|p| p.no.clone())
                    .collect();
                if left.is_empty() {
                    cx.error("清单中的密件都已销毁");
                    return;
                }
                let officer = cx.user.map(|u| u.display_name.clone()).unwrap_or_default();
                cx.modal(forms::destroy_form(id, left, &officer, today));
            }
            Mode::Discrepancies => {}
        }
    }

    fn toggle(&mut self, cx: &mut Ctx<'_>) {
        if self.in_out {
            // R-PAP-12: a paper out is not in the cabinet to be found.
            if let Some(p) = self.out.get(self.out_selected) {
                cx.error(format!(
                    "{} {}：不在柜，不能勾选为{}到",
                    p.no,
                    stocktake::destination(p, cx.today),
                    self.mode.stocktake().name()
                ));
            }
            return;
        }
        if let Some(p) = self.list.current().cloned() {
            self.ticks.toggle(&p);
            self.list.down(cx);
        }
    }

    fn move_out(&mut self, by: isize) {
        let last = self.out.len().saturating_sub(1);
        self.out_selected = self.out_selected.saturating_add_signed(by).min(last);
    }
}

impl Screen for Batch {
    fn unsaved(&self) -> Option<String> {
        self.ticks
            .any()
            .then(|| "本页的勾选尚未完成，离开将不保存".to_string())
    }

    fn title(&self) -> String {
        self.mode.title()
    }

    fn hints(&self) -> Vec<Hint> {
        let mut h = keymap::hints(&self.bindings());
        h.push(Hint::new("Esc", "返回"));
        h
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        if self.done.replace(false) {
            // The batch is recorded: what was ticked is gone with it (issue 9 point 17).
            self.ticks = Ticks::default();
            self.last_scan = None;
        }
        if self.mode.paged() {
            self.list.reload(cx);
            if self.mode.counts() {
                self.load_outside(cx);
            }
            self.loaded = true;
            return;
        }
        let mode = self.mode;
        cx.task(move |s: &mut Session| {
            let conn = s.store.conn();
            let result = (|| -> Result<(Vec<Paper>, Vec<i64>), StoreError> {
                match mode {
                    Mode::Destroy(id) => {
                        let r = approvals::get(conn, id)?;
                        let list = r
                            .papers
                            .iter()
                            .map(|n| papers::get(conn, n))
                            .collect::<Result<Vec<_>, _>>()?;
                        Ok((list, vec![]))
                    }
                    _ => {
                        let gaps = stocktake::open_discrepancies(conn)?;
                        Ok((
                            gaps.iter().map(|d| d.paper.clone()).collect(),
                            gaps.iter().map(|d| d.id).collect(),
                        ))
                    }
                }
            })();
            Fixed(result.map_err(|e| e.to_string()))
        });
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        let Some(reply) = self.list.reply(reply, cx) else {
            return;
        };
        let reply = match reply.downcast::<scan::Scanned>() {
            Ok(s) => return self.scanned(*s, cx),
            Err(r) => r,
        };
        let reply = match reply.downcast::<Outside>() {
            Ok(o) => {
                match o.0 {
                    Ok((cabinets, out, total)) => {
                        let shown = self.cabinet_name().map(str::to_string);
                        self.cabinet = shown.and_then(|c| cabinets.iter().position(|x| x.0 == c));
                        self.cabinets = cabinets;
                        self.out = out;
                        // The overdue first: they are the count's exceptions.
                        let today = cx.today;
                        self.out.sort_by_key(|p| !stocktake::overdue(p, today));
                        self.out_total = total;
                        self.out_selected = self.out_selected.min(self.out.len().saturating_sub(1));
                        if self.out.is_empty() {
                            self.in_out = false;
                        }
                    }
                    Err(e) => cx.error(e),
                }
                return;
            }
            Err(r) => r,
        };
        let Ok(l) = reply.downcast::<Fixed>() else {
            return;
        };
        match l.0 {
            Ok((rows, gaps)) => {
                self.fixed = rows;
                self.gap_ids = gaps;
                self.selected = self.selected.min(self.fixed.len().saturating_sub(1));
                self.loaded = true;
            }
            Err(e) => cx.error(e),
        }
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        let paged = self.mode.paged();
        let last = self.fixed.len().saturating_sub(1);
        let page = 10;
        match keymap::find(&self.bindings(), &key) {
            Some(Cmd::Up) if self.in_out => self.move_out(-1),
            Some(Cmd::Down) if self.in_out => self.move_out(1),
            Some(Cmd::PageUp) if self.in_out => self.move_out(-page),
            Some(Cmd::PageDown) if self.in_out => self.move_out(page),
            Some(Cmd::Up) if paged => self.list.up(cx),
            Some(Cmd::Down) if paged => self.list.down(cx),
            Some(Cmd::PageUp) if paged => self.list.page_up(cx),
            Some(Cmd::PageDown) if paged => self.list.page_down(cx),
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Down) => self.selected = (self.selected + 1).min(last),
            Some(Cmd::PageUp) => self.selected = self.selected.saturating_sub(10),
            Some(Cmd::PageDown) => self.selected = (self.selected + 10).min(last),
            Some(Cmd::Toggle) => self.toggle(cx),
            // On the count, "all" is every paper in the cabinet shown (or in every cabinet): a
            // paper out is never among them (R-PAP-12).
            Some(Cmd::All) => {
                let cabinet = self.cabinet_name().map(str::to_string);
                self.ticks.set(true, cabinet.as_deref());
            }
            Some(Cmd::None) => {
                let cabinet = self.cabinet_name().map(str::to_string);
                self.ticks.set(false, cabinet.as_deref());
            }
            Some(Cmd::Finish) => self.finish(cx),
            Some(Cmd::Gaps) => cx.push(Batch::new(Mode::Discrepancies)),
            Some(Cmd::Cabinet) => self.step_cabinet(true, cx),
            Some(Cmd::PrevCabinet) => self.step_cabinet(false, cx),
            Some(Cmd::Section) => self.in_out = !self.in_out && !self.out.is_empty(),
            Some(c @ (Cmd::Found | Cmd::Lost)) => {
                let (Some(p), Some(id)) = (self.current(), self.gap_ids.get(self.selected)) else {
                    return;
                };
                let about = format!("{}《{}》", p.no, p.title);
                let found = matches!(c, Cmd::Found);
                cx.modal(forms::gap_form(*id, found, about, cx.today));
            }
            None => {}
        }
    }

    fn on_scan(&mut self, code: &str, cx: &mut Ctx<'_>) -> bool {
        self.scan(code, cx)
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        render::render(self, f, area, r);
        None
    }
}
