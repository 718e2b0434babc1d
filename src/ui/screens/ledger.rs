//! 收发台帐: the paper ledger, paged from the database (a million rows scroll without loading them),
//! filtered by state, level, year and holder, sorted; receipts registered here; batch work starts
//! here (monthly count, quarterly check, batch return, destruction list).

use std::any::Any;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::batch::{Batch, Mode};
use super::cabinets;
use super::ledger_forms::{self, make_form, notebook_form, receive_form};
use super::paper::PaperPage;
use super::{Ctx, RenderCtx, Screen};
use crate::domain::approval::{RequestKind, RequestState};
use crate::domain::cabinet::Cabinet;
use crate::domain::carrier::PaperState;
use crate::domain::dates;
use crate::domain::level::Level;
use crate::store::approvals;
use crate::store::notebooks;
use crate::store::papers::{self, Filter, Sort};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, OFFICER, ch, code};
use crate::ui::widgets::field::Field;
use crate::ui::widgets::paged::{Move, Paged};
use crate::ui::widgets::table::{self, Row, col};

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Move(Move),
    Open,
    State,
    Level,
    Year,
    Holder,
    Sort,
    Receive,
    Make,
    Count,
    Check,
    Return,
    Destroy,
    Notebook,
}

/// The state filter's steps: all, held, then each state.
fn state_steps() -> Vec<(String, Vec<PaperState>)> {
    let mut v = vec![
        ("全部".to_string(), vec![]),
        ("在管".to_string(), PaperState::HELD.to_vec()),
    ];
    v.extend(PaperState::ALL.map(|s| (s.name().to_string(), vec![s])));
    v
}

pub struct Ledger {
    list: Paged,
    state_step: usize,
    years: Vec<i32>,
    /// The holder filter being typed.
    holder_input: Option<Field>,
    /// Secrecy notebooks in use: 在用, not 借出 (R-PAP-26).
    notebooks: std::collections::HashSet<String>,
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger {
            list: Paged::new(Filter::held(), Sort::Newest),
            state_step: 1,
            years: Vec::new(),
            holder_input: None,
            notebooks: Default::default(),
        }
    }

    fn bindings() -> Vec<Binding<Cmd>> {
        let mut b = Move::bindings(Cmd::Move);
        b.extend([
            Binding::new(code(KeyCode::Enter), "打开", Cmd::Open),
            Binding::new(ch('n'), "收文登记", Cmd::Receive).only(OFFICER),
            Binding::new(ch('c'), "每月清点", Cmd::Count).only(OFFICER),
            Binding::new(ch('k'), "季度核查", Cmd::Check).only(OFFICER),
            Binding::new(ch('t'), "批量清退", Cmd::Return).only(OFFICER),
            Binding::new(ch('x'), "销毁清单", Cmd::Destroy).only(OFFICER),
            Binding::new(ch('m'), "制作登记", Cmd::Make).only(OFFICER),
            Binding::new(ch('b'), "发放笔记本", Cmd::Notebook).only(OFFICER),
            Binding::new(ch('s'), "状态", Cmd::State).help_only(),
            Binding::new(ch('l'), "密级", Cmd::Level).help_only(),
            Binding::new(ch('y'), "年份", Cmd::Year).help_only(),
            Binding::new(ch('h'), "持有人", Cmd::Holder).help_only(),
            Binding::new(ch('o'), "排序", Cmd::Sort).help_only(),
        ]);
        b
    }

    /// The filters and the sort, each with the key that changes it: the keys stand beside what
    /// they change, so the bar keeps room for the ledger's acts.
    fn filter_parts(&self) -> Vec<(char, String)> {
        let steps = state_steps();
        let state = steps
            .get(self.state_step)
            .map(|s| s.0.clone())
            .unwrap_or_default();
        let f = &self.list.filter;
        vec![
            ('s', format!("状态:{state}")),
            (
                'l',
                format!("密级:{}", f.level.map(|l| l.name()).unwrap_or("全部")),
            ),
            (
                'y',
                format!(
                    "年份:{}",
                    f.year
                        .map(|y| y.to_string())
                        .unwrap_or_else(|| "全部".into())
                ),
            ),
            (
                'h',
                format!(
                    "持有人:{}",
                    f.holder.clone().unwrap_or_else(|| "全部".into())
                ),
            ),
            ('o', format!("排序:{}", self.list.sort.name())),
        ]
    }
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger::new()
    }
}

struct MakeReady(Vec<ledger_forms::MakeReady>, Vec<Cabinet>);
struct Years(Vec<i32>);
struct InUse(std::collections::HashSet<String>);

impl Screen for Ledger {
    fn title(&self) -> String {
        "收发台帐".into()
    }

    fn hints(&self) -> Vec<Hint> {
        keymap::hints(&Ledger::bindings())
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        self.list.reload(cx);
        cx.task(|s: &mut Session| {
            InUse(
                notebooks::list(s.store.conn(), true)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|n| n.paper.no)
                    .collect(),
            )
        });
        if self.years.is_empty() {
            cx.task(|s: &mut Session| Years(papers::years(s.store.conn()).unwrap_or_default()));
        }
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        let Some(reply) = self.list.reply(reply, cx) else {
            return;
        };
        let reply = match reply.downcast::<Years>() {
            Ok(y) => {
                self.years = y.0;
                return;
            }
            Err(r) => r,
        };
        let reply = match reply.downcast::<InUse>() {
            Ok(n) => {
                self.notebooks = n.0;
                return;
            }
            Err(r) => r,
        };
        if let Ok(m) = reply.downcast::<MakeReady>() {
            let MakeReady(ready, cabinets) = *m;
            if ready.is_empty() {
                cx.error("没有已批准待办理的制作申请：请先在审批页提交制作申请（R-PAP-1）");
            } else {
                cx.modal(make_form(&ready, &dates::zh(cx.today), cabinets));
            }
        }
    }

    fn captures_text(&self) -> bool {
        self.holder_input.is_some()
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        if let Some(field) = &mut self.holder_input {
            match key.code {
                KeyCode::Enter => {
                    let h = field.value().trim().to_string();
                    self.holder_input = None;
                    self.list.filter.holder = (!h.is_empty()).then_some(h);
                    self.list.reload(cx);
                }
                KeyCode::Esc => self.holder_input = None,
                _ => {
                    field.input(key);
                }
            }
            return;
        }
        let Some(cmd) = keymap::find(&Ledger::bindings(), &key) else {
            return;
        };
        match cmd {
            Cmd::Move(m) => self.list.go(m, cx),
            Cmd::Open => {
                if let Some(p) = self.list.current() {
                    cx.push(PaperPage::new(&p.no));
                }
            }
            Cmd::State => {
                let steps = state_steps();
                self.state_step = (self.state_step + 1) % steps.len();
                self.list.filter.states = steps[self.state_step].1.clone();
                self.list.reload(cx);
            }
            Cmd::Level => {
                let order: Vec<Option<Level>> =
                    std::iter::once(None).chain(Level::ALL.map(Some)).collect();
                let i = order
                    .iter()
                    .position(|l| *l == self.list.filter.level)
                    .unwrap_or(0);
                self.list.filter.level = order[(i + 1) % order.len()];
                self.list.reload(cx);
            }
            Cmd::Year => {
                let order: Vec<Option<i32>> = std::iter::once(None)
                    .chain(self.years.iter().copied().map(Some))
                    .collect();
                let i = order
                    .iter()
                    .position(|y| *y == self.list.filter.year)
                    .unwrap_or(0);
                self.list.filter.year = order[(i + 1) % order.len()];
                self.list.reload(cx);
            }
            Cmd::Holder => {
                let mut f = Field::text("holder", "持有人").hint("输入姓名后按 Enter；清空为全部");
                f.set(&self.list.filter.holder.clone().unwrap_or_default());
                self.holder_input = Some(f);
            }
            Cmd::Sort => {
                self.list.sort = self.list.sort.next();
                self.list.reload(cx);
            }
            Cmd::Receive => {
                if cx.require_officer("收文登记") {
                    let today = dates::zh(cx.today);
                    cx.modal_after(move |s| Box::new(receive_form(&today, cabinets::load(s))));
                }
            }
            Cmd::Make => {
                if cx.require_officer("制作登记") {
                    cx.task(|s: &mut Session| {
                        MakeReady(
                            approvals::list(s.store.conn(), &[RequestState::Approved])
                                .unwrap_or_default()
                                .into_iter()
                                .filter(|r| r.kind == RequestKind::Make)
                                .map(|r| (r.id, r.summary.clone(), ledger_forms::make_level(&r)))
                                .collect(),
                            cabinets::load(s),
                        )
                    });
                }
            }
            Cmd::Count => {
                if cx.require_officer("清点") {
                    cx.push(Batch::new(Mode::Count));
                }
            }
            Cmd::Check => {
                if cx.require_officer("核查") {
                    cx.push(Batch::new(Mode::Check));
                }
            }
            Cmd::Return => {
                if cx.require_officer("清退") {
                    cx.push(Batch::new(Mode::Return));
                }
            }
            Cmd::Destroy => {
                if cx.require_officer("销毁") {
                    cx.push(Batch::new(Mode::DestroyList));
                }
            }
            Cmd::Notebook => {
                if cx.require_officer("发放保密笔记本") {
                    cx.modal(notebook_form(&dates::zh(cx.today)));
                }
            }
        }
    }

    fn on_paste(&mut self, text: &str, _cx: &mut Ctx<'_>) {
        if let Some(f) = &mut self.holder_input {
            f.paste(text);
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        f.render_widget(
            Paragraph::new(vec![
                {
                    let parts = self.filter_parts();
                    let full: usize = parts
                        .iter()
                        .map(|(_, t)| 4 + crate::ui::text_width::width(t))
                        .sum();
                    // Closer together when the line would not hold it; without the keys (the
                    // help has them) when even that would not.
                    let w = usize::from(area.width);
                    let gap = if full > w { " " } else { "  " };
                    let keys = full - parts.len() <= w;
                    let mut spans = Vec::new();
                    for (i, (key, text)) in parts.into_iter().enumerate() {
                        if i > 0 {
                            spans.push(Span::raw(gap));
                        }
                        if keys {
                            spans.push(Span::styled(format!("{key} "), r.theme.key()));
                        }
                        spans.push(Span::styled(text, r.theme.dim()));
                    }
                    Line::from(spans)
                },
                Line::from(Span::styled(self.list.position(), r.theme.header())),
            ]),
            Rect { height: 2, ..area },
        );
        let mut caret = None;
        if let Some(field) = &self.holder_input {
            let line = Rect {
                y: area.y + 1,
                height: 1,
                ..area
            };
            f.render_widget(ratatui::widgets::Clear, line);
            f.render_widget(
                Paragraph::new(Span::styled("持有人：", r.theme.key())),
                Rect { width: 8, ..line },
            );
            caret = field.render(
                f,
                Rect {
                    x: line.x + 8,
                    width: line.width.saturating_sub(8),
                    ..line
                },
                true,
                ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::UNDERLINED),
            );
        }
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        let offset = self.list.offset(usize::from(body.height.saturating_sub(1)));
        let rows = self.list.rows();
        let wide = body.width >= 100;
        // A narrow terminal leaves the holder out (the paper's page has it) so that the cabinet
        // still shows.
        let narrow = body.width < 72;
        let no_w = table::number_width(rows.iter().map(|p| p.no.as_str()));
        // The marks on screen, each whole.
        let marks: Vec<String> = rows
            .iter()
            .skip(offset)
            .take(usize::from(body.height))
            .map(|p| r.theme.mark(&p.mark().to_string()))
            .collect();
        let mut cols = vec![col("编号", no_w, 0)];
        if wide {
            cols.push(col("收文日期", 10, 0));
        }
        cols.extend([
            col("标题", if narrow { 8 } else { 12 }, 1),
            // Every mark whole while the title has room to give (issue 9 point 15).
            col(
                "标志",
                table::whole_width(
                    marks.iter().map(String::as_str),
                    if wide { 14 } else { 9 },
                    24,
                ),
                0,
            ),
            col("状态", 8, 0),
        ]);
        if !narrow {
            cols.push(col("持有人", 6, 0));
        }
        cols.push(col("位置", 10, 0));
        let shown: Vec<Row> = rows
            .iter()
            .map(|p| {
                let mut cells = vec![p.no.clone()];
                if wide {
                    cells.push(dates::iso(p.registered_on));
                }
                let mark_at = cells.len() + 1;
                cells.extend([
                    p.title.clone(),
                    r.theme.mark(&p.mark().to_string()),
                    if self.notebooks.contains(&p.no) {
                        "在用".to_string()
                    } else {
                        p.state.name().to_string()
                    },
                ]);
                if !narrow {
                    cells.push(p.holder.clone());
                }
                cells.push(p.location.clone());
                Row::new(cells).styled(mark_at, r.theme.level(p.level))
            })
            .collect();
        table::render(
            f,
            body,
            &r.theme,
            &cols,
            &shown,
            Some(self.list.selected()),
            offset,
        );
        caret
    }
}
