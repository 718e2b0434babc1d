//! 待办: everything due and overdue, grouped by rule under its Chinese name, overdue first; then the
//! requests waiting for a decision. Enter opens the subject; p prints the list.

use std::any::Any;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::approvals::Approvals;
use super::batch::{Batch, Mode};
use super::paper::PaperPage;
use super::records::{RecordList, RecordPage};
use super::reports::print_form;
use super::{Command, Ctx, RenderCtx, Screen};
use crate::domain::account::Role;
use crate::domain::approval::{RequestState, StepWait};
use crate::domain::dates;
use crate::domain::due::{self, Dated, DueState, rule_name};
use crate::domain::rules::organisation::{self as org, coop};
use crate::report;
use crate::store::{self, approvals::Request};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, ch, code};
use crate::ui::text_width::{fit, pad};
use crate::ui::widgets::hints::Counts;
use crate::ui::widgets::table::scroll;

/// How far ahead the home screen looks (as `baomi due` does by default).
pub const WITHIN: i64 = 30;

struct Loaded {
    items: Vec<Dated>,
    requests: Vec<Request>,
    steps: Vec<StepWait>,
    missing_years: Vec<i32>,
    audit_alarm: bool,
}

enum Row {
    Heading(String, Option<DueState>),
    Item(usize),
    Request(usize),
    Step(usize),
    Blank,
}

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Up,
    Down,
    PageUp,
    PageDown,
    Open,
    Print,
    Refresh,
}

pub struct Home {
    items: Vec<Dated>,
    requests: Vec<Request>,
    steps: Vec<StepWait>,
    missing_years: Vec<i32>,
    rows: Vec<Row>,
    selected: usize,
    offset: std::cell::Cell<usize>,
    /// Rows the list showed at the last frame: PgUp and PgDn move by a page of them.
    height: std::cell::Cell<usize>,
    loaded: bool,
}

impl Home {
    pub fn new() -> Home {
        Home {
            items: Vec::new(),
            requests: Vec::new(),
            steps: Vec::new(),
            missing_years: Vec::new(),
            rows: Vec::new(),
            selected: 0,
            offset: std::cell::Cell::new(0),
            height: std::cell::Cell::new(10),
            loaded: false,
        }
    }

    fn bindings() -> Vec<Binding<Cmd>> {
        vec![
            Binding::new(code(KeyCode::Up), "上移", Cmd::Up).help_only(),
            Binding::new(code(KeyCode::Down), "下移", Cmd::Down).help_only(),
            Binding::new(code(KeyCode::PageUp), "上一页", Cmd::PageUp).help_only(),
            Binding::new(code(KeyCode::PageDown), "下一页", Cmd::PageDown).help_only(),
            Binding::new(code(KeyCode::Enter), "打开", Cmd::Open),
            Binding::new(ch('p'), "打印清单", Cmd::Print),
            Binding::new(ch('r'), "刷新", Cmd::Refresh).help_only(),
        ]
    }

    fn build_rows(&mut self) {
        let mut rows = Vec::new();
        for (state, rule, members) in report::due::grouped(&self.items) {
            rows.push(Row::Heading(
                format!(
                    "{} - {}（{}） {}项",
                    state.name(),
                    rule_name(rule),
                    rule,
                    members.len()
                ),
                Some(state),
            ));
            for m in members {
                if let Some(i) = self.items.iter().position(|d| std::ptr::eq(d, m)) {
                    rows.push(Row::Item(i));
                }
            }
        }
        if self.items.is_empty() {
            rows.push(Row::Heading(format!("{WITHIN}天内没有到期事项"), None));
        }
        rows.push(Row::Blank);
        let pending = self
            .requests
            .iter()
            .filter(|r| r.state == RequestState::Pending)
            .count();
        let waiting = pending + self.steps.len();
        rows.push(Row::Heading(format!("待审批 {waiting}项"), None));
        for (i, r) in self.requests.iter().enumerate() {
            if r.state == RequestState::Pending {
                rows.push(Row::Request(i));
            }
        }
        rows.extend((0..self.steps.len()).map(Row::Step));
        self.rows = rows;
        if !self.selectable(self.selected) {
            self.selected = self.next_selectable(0, 1).unwrap_or(0);
        }
    }

    fn selectable(&self, i: usize) -> bool {
        matches!(
            self.rows.get(i),
            Some(Row::Item(_) | Row::Request(_) | Row::Step(_))
        )
    }

    fn next_selectable(&self, from: usize, dir: i64) -> Option<usize> {
        let mut i = from as i64;
        while i >= 0 && (i as usize) < self.rows.len() {
            if self.selectable(i as usize) {
                return Some(i as usize);
            }
            i += dir;
        }
        None
    }

    fn step(&mut self, n: i64) {
        let dir = n.signum();
        let target =
            (self.selected as i64 + n).clamp(0, self.rows.len().saturating_sub(1) as i64) as usize;
        if let Some(i) = self
            .next_selectable(target, dir)
            .or_else(|| self.next_selectable(target, -dir))
        {
            self.selected = i;
        }
    }

    /// A page down (or up): the view moves by the rows it shows less one, which stays in view,
    /// and the selection with it.
    fn page(&mut self, dir: i64) {
        let height = self.height.get().max(2);
        let page = height - 1;
        let last = self.rows.len().saturating_sub(height);
        let offset = self.offset.get();
        self.offset.set(if dir > 0 {
            (offset + page).min(last)
        } else {
            offset.saturating_sub(page)
        });
        self.step(dir * page as i64);
    }

    fn open(&self, cx: &mut Ctx<'_>) {
        match self.rows.get(self.selected) {
            Some(Row::Item(i)) => {
                let d = &self.items[*i];
                match d.rule {
                    "R-PAP-12" => cx.push(Batch::new(Mode::Count)),
                    "R-PAP-13" => cx.push(Batch::new(Mode::Check)),
                    _ if d.kind == "paper" => cx.push(PaperPage::new(&d.subject)),
                    // The organisation's items open their register; a change or an activity, its
                    // page (issue 12).
                    "R-ORG-6" => cx.push(RecordPage::new(&org::STAFF_CHANGE, &d.subject)),
                    "R-ORG-4" if !d.subject.ends_with("年度协作组") => {
                        cx.push(RecordPage::new(&coop::SPEC, &d.subject))
                    }
                    "R-ORG-4" => cx.push(RecordList::new(&coop::SPEC)),
                    "R-ORG-2" => cx.push(RecordList::new(&org::UNIT_REPORT)),
                    "R-ORG-5" => cx.push(RecordList::new(&org::ASSESSMENT)),
                    // A medium's, computer's or device's item opens its record's page.
                    _ => {
                        if let Some(spec) = crate::domain::ledgers::spec::find(d.kind) {
                            let no =
                                crate::domain::rules::rectification::record_of(d.rule, &d.subject);
                            cx.push(RecordPage::new(spec, no));
                        }
                    }
                }
            }
            Some(Row::Request(_) | Row::Step(_)) => cx.push(Approvals::new()),
            _ => {}
        }
    }
}

impl Default for Home {
    fn default() -> Self {
        Home::new()
    }
}

impl Screen for Home {
    fn title(&self) -> String {
        "待办".into()
    }

    fn hints(&self) -> Vec<Hint> {
        keymap::hints(&Home::bindings())
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        // After the frame: over a million papers the due list takes a third of a second, and the
        // key that opened this screen shows it at once (正在计算到期事项, or the last list).
        cx.idle_task(|s: &mut Session| -> Option<Loaded> {
            let settings = s.settings();
            let today = s.today();
            let items = store::due::items(s.store.conn(), today, &settings, WITHIN).ok()?;
            let requests = store::approvals::list(s.store.conn(), &[RequestState::Pending]).ok()?;
            let role = s.account.as_ref().map(|a| a.role).unwrap_or(Role::Viewer);
            let steps = store::records::steps::waiting(s.store.conn(), role).ok()?;
            let missing_years =
                store::due::missing_holiday_years(s.store.conn(), today, WITHIN).ok()?;
            let audit_alarm = s.store.head_alarm().map(|a| a.is_some()).unwrap_or(true);
            Some(Loaded {
                items,
                requests,
                steps,
                missing_years,
                audit_alarm,
            })
        });
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        let Ok(loaded) = reply.downcast::<Option<Loaded>>() else {
            return;
        };
        let Some(loaded) = *loaded else {
            cx.error("待办清单读取失败");
            return;
        };
        let (overdue, due_soon) = due::counts(&loaded.items);
        cx.commands.push(Command::Counts(Counts {
            overdue,
            due_soon,
            approvals: loaded.requests.len() + loaded.steps.len(),
            audit_alarm: loaded.audit_alarm,
        }));
        self.items = loaded.items;
        self.requests = loaded.requests;
        self.steps = loaded.steps;
        self.missing_years = loaded.missing_years;
        self.loaded = true;
        self.build_rows();
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match keymap::find(&Home::bindings(), &key) {
            Some(Cmd::Up) => self.step(-1),
            Some(Cmd::Down) => self.step(1),
            Some(Cmd::PageUp) => self.page(-1),
            Some(Cmd::PageDown) => self.page(1),
            Some(Cmd::Open) => self.open(cx),
            Some(Cmd::Refresh) => self.on_show(cx),
            Some(Cmd::Print) => {
                let within = WITHIN;
                cx.modal(print_form(
                    "到期提醒清单",
                    "due",
                    move |s: &mut Session| report::due::list(s.store.conn(), s.today(), within),
                ));
            }
            None => {}
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        if !self.loaded {
            f.render_widget(Paragraph::new("正在计算到期事项"), area);
            return None;
        }
        let header = format!(
            "截至{}，{}天内到期及已逾期事项 {} 项",
            dates::zh(r.today),
            WITHIN,
            self.items.len()
        );
        let mut lines = vec![Line::from(Span::styled(header, r.theme.header()))];
        for y in &self.missing_years {
            lines.push(Line::from(Span::styled(
                format!(
                    "注意：{y}年法定节假日安排尚未录入，工作日按周一至周五计算（设置 > 节假日）"
                ),
                r.theme.due_soon(),
            )));
        }
        let top = lines.len() as u16;
        f.render_widget(
            Paragraph::new(lines),
            Rect {
                height: top.min(area.height),
                ..area
            },
        );
        let body = Rect {
            y: area.y + top,
            height: area.height.saturating_sub(top),
            ..area
        };
        let height = usize::from(body.height);
        self.height.set(height);
        let offset = scroll(self.selected, self.offset.get(), height);
        self.offset.set(offset);
        let w = usize::from(body.width);
        let mut out = Vec::new();
        for (i, row) in self.rows.iter().enumerate().skip(offset).take(height) {
            let selected = i == self.selected;
            let base = if selected {
                r.theme.selected()
            } else {
                Style::default()
            };
            let line = match row {
                Row::Heading(t, state) => {
                    let style = match state {
                        Some(DueState::Overdue) => r.theme.overdue(),
                        Some(DueState::DueSoon) => r.theme.due_soon(),
                        _ => Style::default(),
                    };
                    Line::from(Span::styled(fit(t, w), style.patch(r.theme.header())))
                }
                Row::Blank => Line::from(""),
                Row::Item(j) => {
                    let d = &self.items[*j];
                    let days = report::due::days_text(d.days);
                    let level = d.level.map(|l| l.name()).unwrap_or("");
                    let fixed = 2 + 14 + 1 + 4 + 1 + 14 + 1 + 10;
                    let title_w = w.saturating_sub(fixed).max(6);
                    let state_style = match d.state {
                        DueState::Overdue => r.theme.overdue(),
                        DueState::DueSoon => r.theme.due_soon(),
                        DueState::Upcoming => Style::default(),
                    };
                    Line::from(vec![
                        Span::styled(format!("  {} ", pad(&d.subject, 14)), base),
                        Span::styled(
                            format!("{} ", pad(level, 4)),
                            base.patch(d.level.map(|l| r.theme.level(l)).unwrap_or_default()),
                        ),
                        Span::styled(format!("{} ", pad(&d.title, title_w)), base),
                        Span::styled(format!("{} ", pad(&due_text(d), 14)), base),
                        Span::styled(pad(&days, 10), base.patch(state_style)),
                    ])
                }
                Row::Request(j) => {
                    let q = &self.requests[*j];
                    let text = format!(
                        "  {:>4} {} {}（已等待{}天，待{}审批）",
                        q.id,
                        q.kind.name(),
                        q.summary,
                        q.age(r.today),
                        q.decider
                    );
                    Line::from(Span::styled(pad(&text, w), base))
                }
                Row::Step(j) => {
                    let q = &self.steps[*j];
                    let text = format!(
                        "  {} {}（已等待{}天，待{}）",
                        q.kind(),
                        q.summary(),
                        q.age(r.today),
                        q.step.label
                    );
                    Line::from(Span::styled(pad(&text, w), base))
                }
            };
            out.push(line);
        }
        f.render_widget(Paragraph::new(out), body);
        None
    }
}

/// The due day, or for a rule counted in hours (R-MED-5: 24 hours from a loss) the day and the
/// minute it is due: `11月28日 09:30`, which fits the same column.
fn due_text(d: &Dated) -> String {
    use chrono::Datelike;
    match d.due_at {
        Some(at) => format!("{}月{}日 {}", at.month(), at.day(), at.format("%H:%M")),
        None => dates::zh(d.due),
    }
}
