//! 审批: each request waiting for a decision, its age and who must decide — the unit leader, or
//! the originating authority (R-PAP-19, R-PAP-21); approve or reject with an opinion — a leader by
//! their own login, or the officer recording a signed approval (R-SYS-6); carrying out what was
//! approved, and saying when an approval has lapsed.

mod forms;
mod steps;

use std::any::Any;
use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::batch::{Batch, Mode};
use super::ledger_forms::{make_form, make_level};
use super::paper::PaperPage;
use super::records::RecordPage;
use super::{Ctx, RenderCtx, Screen};
use crate::domain::account::Role;
use crate::domain::approval::{
    Authority, RequestKind, RequestState, StepWait, check_decider, check_login_decision,
};
use crate::domain::dates;
use crate::store::approvals::{self, Request};
use crate::store::{accounts, papers};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, DECIDERS, Hint, OFFICER, ch, code};
use crate::ui::widgets::table::{self, Row, col, scroll, whole_width};
use forms::{
    authority, compile_form, compile_level, compile_request_form, decide_form, make_request_form,
};

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Up,
    Down,
    Open,
    Approve,
    Reject,
    Execute,
    Withdraw,
    All,
    Make,
    Compile,
}

/// What the queue reads: the requests, the unit's leaders (who may sign an approval) and, for a
/// request the originating authority decides, its papers' originators.
struct Queue {
    requests: Vec<Request>,
    steps: Vec<StepWait>,
    leaders: Vec<String>,
    originators: HashMap<i64, String>,
}

struct Loaded(Result<Queue, String>);

pub struct Approvals {
    requests: Vec<Request>,
    /// Reviews waiting for the logged-in role's step (R-DIS-2, R-EXT-1), listed after the
    /// requests waiting and before the approved ones.
    steps: Vec<StepWait>,
    leaders: Vec<String>,
    originators: HashMap<i64, String>,
    all: bool,
    selected: usize,
    offset: std::cell::Cell<usize>,
}

impl Approvals {
    pub fn new() -> Approvals {
        Approvals {
            requests: Vec::new(),
            steps: Vec::new(),
            leaders: Vec::new(),
            originators: HashMap::new(),
            all: false,
            selected: 0,
            offset: std::cell::Cell::new(0),
        }
    }

    fn bindings() -> Vec<Binding<Cmd>> {
        vec![
            Binding::new(code(KeyCode::Up), "上移", Cmd::Up).help_only(),
            Binding::new(code(KeyCode::Down), "下移", Cmd::Down).help_only(),
            Binding::new(code(KeyCode::Enter), "打开密件", Cmd::Open).help_only(),
            Binding::new(ch('a'), "批准", Cmd::Approve).only(DECIDERS),
            Binding::new(ch('r'), "驳回", Cmd::Reject).only(DECIDERS),
            Binding::new(ch('x'), "办理", Cmd::Execute).only(OFFICER),
            Binding::new(ch('f'), "全部/待办", Cmd::All),
            Binding::new(ch('w'), "撤回", Cmd::Withdraw).only(OFFICER),
            Binding::new(ch('m'), "制作申请", Cmd::Make).only(OFFICER),
            Binding::new(ch('u'), "汇编申请", Cmd::Compile).only(OFFICER),
        ]
    }

    /// The requests waiting: the first rows.
    fn pending(&self) -> usize {
        self.requests
            .iter()
            .take_while(|r| r.state == RequestState::Pending)
            .count()
    }

    /// Row `i`: the requests waiting, the steps waiting, then the others.
    fn item(&self, i: usize) -> Option<Item<'_>> {
        let p = self.pending();
        if i < p {
            self.requests.get(i).map(Item::Request)
        } else if i < p + self.steps.len() {
            self.steps.get(i - p).map(Item::Step)
        } else {
            self.requests.get(i - self.steps.len()).map(Item::Request)
        }
    }

    fn len(&self) -> usize {
        self.requests.len() + self.steps.len()
    }

    /// The request selected, when a request is.
    fn current(&self) -> Option<&Request> {
        match self.item(self.selected)? {
            Item::Request(r) => Some(r),
            Item::Step(_) => None,
        }
    }

    /// What the selection stays on when the queue is read again.
    fn selected_key(&self) -> Option<String> {
        self.key_at(self.selected)
    }

    fn key_at(&self, i: usize) -> Option<String> {
        Some(match self.item(i)? {
            Item::Request(r) => format!("申请{}", r.id),
            Item::Step(w) => format!("{}{}", w.spec.key, w.no),
        })
    }
}

#[derive(Clone, Copy)]
enum Item<'a> {
    Request(&'a Request),
    Step(&'a StepWait),
}

impl Default for Approvals {
    fn default() -> Self {
        Approvals::new()
    }
}

impl Screen for Approvals {
    fn title(&self) -> String {
        "审批".into()
    }

    fn hints(&self) -> Vec<Hint> {
        keymap::hints(&Approvals::bindings())
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        let states = if self.all {
            vec![]
        } else {
            vec![RequestState::Pending, RequestState::Approved]
        };
        cx.task(move |s: &mut Session| {
            let role = s.account.as_ref().map(|a| a.role).unwrap_or(Role::Viewer);
            Loaded(load(s.store.conn(), &states, role).map_err(|e| e.to_string()))
        });
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        if let Ok(l) = reply.downcast::<Loaded>() {
            let Queue {
                requests: mut list,
                steps,
                leaders,
                originators,
            } = match l.0 {
                Ok(q) => q,
                Err(e) => {
                    cx.error(format!("审批队列读取失败：{e}"));
                    return;
                }
            };
            self.leaders = leaders;
            self.originators = originators;
            // Waiting first, oldest first: the queue's order.
            list.sort_by_key(|r| {
                (
                    r.state != RequestState::Pending,
                    r.state != RequestState::Approved,
                    r.id,
                )
            });
            // The selection stays on the request it was on, though a decision moved it.
            let was = self.selected_key();
            self.requests = list;
            self.steps = steps;
            self.selected = was
                .and_then(|k| (0..self.len()).find(|i| self.key_at(*i).as_ref() == Some(&k)))
                .unwrap_or(self.selected)
                .min(self.len().saturating_sub(1));
        }
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        let today = dates::zh(cx.today);
        let role = cx.user.map(|u| u.role).unwrap_or(Role::Viewer);
        let cmd = keymap::find(&Approvals::bindings(), &key);
        if let Some(Item::Step(w)) = self.item(self.selected) {
            match cmd {
                Some(Cmd::Open) => return cx.push(RecordPage::new(w.spec, &w.no)),
                Some(c @ (Cmd::Approve | Cmd::Reject)) => {
                    return steps::take(w, matches!(c, Cmd::Reject), cx);
                }
                Some(Cmd::Execute | Cmd::Withdraw) => {
                    return cx.error(format!(
                        "{}{} 待「{}」：按 a 办理此步骤（{}）",
                        w.spec.noun, w.no, w.step.label, w.rule
                    ));
                }
                _ => {}
            }
        }
        match cmd {
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Down) if self.selected + 1 < self.len() => self.selected += 1,
            Some(Cmd::Open) => {
                if let Some((page, _)) = self.current().and_then(record_page) {
                    cx.push(page);
                } else if let Some(no) = self.current().and_then(|r| r.papers.first().cloned()) {
                    cx.push(PaperPage::new(&no));
                }
            }
            Some(c @ (Cmd::Approve | Cmd::Reject)) => {
                let Some(r) = self.current() else { return };
                if r.state != RequestState::Pending {
                    cx.error(format!("申请 {} {}，不需要再审批", r.id, r.state.name()));
                    return;
                }
                // R-SYS-6: said before the form opens, for who can never decide.
                if !matches!(role, Role::Leader | Role::Officer) {
                    if let Err(e) = check_decider(role, None) {
                        cx.error(e.to_string());
                    }
                    return;
                }
                let approve = matches!(c, Cmd::Approve);
                // R-PAP-19, R-PAP-21: what the originating authority approves, no leader here
                // can; said whole before the form opens.
                if role != Role::Officer
                    && let Err(e) = check_login_decision(r.kind, authority(r), approve)
                {
                    cx.error(e.to_string());
                    return;
                }
                let originator = self.originators.get(&r.id).cloned().unwrap_or_default();
                cx.modal(decide_form(
                    r,
                    approve,
                    role,
                    cx.today,
                    &self.leaders,
                    &originator,
                ));
            }
            Some(Cmd::Execute) => {
                let Some(r) = self.current().cloned() else {
                    return;
                };
                if r.state != RequestState::Approved {
                    cx.error(format!(
                        "申请 {} {}，批准后才能办理（{}）",
                        r.id,
                        r.state.name(),
                        r.kind.rule()
                    ));
                    return;
                }
                if !cx.require_officer(r.kind.name()) {
                    return;
                }
                // An approval is carried out within its term (the setting 审批有效期).
                if let Err(e) =
                    crate::domain::approval::check_in_force(r.kind, &r.granted(), cx.today)
                {
                    cx.error(e.to_string());
                    return;
                }
                match r.kind {
                    RequestKind::Make => {
                        let ready = [(r.id, r.summary.clone(), make_level(&r))];
                        cx.modal_after(move |s| {
                            Box::new(make_form(&ready, &today, super::cabinets::load(s)))
                        })
                    }
                    RequestKind::Compile => {
                        let r = r.clone();
                        let today = cx.today;
                        cx.modal_after(move |s| {
                            let highest = compile_level(s, &r);
                            Box::new(compile_form(&r, today, super::cabinets::load(s), highest))
                        })
                    }
                    RequestKind::Destroy => cx.push(Batch::new(Mode::Destroy(r.id))),
                    // On the record's page, with the form that carries it out open.
                    _ if r.plan.record().is_some() => {
                        if let Some((page, act)) = record_page(&r) {
                            cx.push(page.carrying_out(act));
                        }
                    }
                    // On the paper's page, with the form that carries it out open.
                    _ => {
                        if let Some(no) = r.papers.first() {
                            cx.push(PaperPage::carrying_out(no, r.kind));
                        }
                    }
                }
            }
            Some(Cmd::Withdraw) => {
                let Some(r) = self.current() else { return };
                if !cx.require_officer("撤回申请") {
                    return;
                }
                let id = r.id;
                cx.modal(super::confirm::Confirm::new(
                    "撤回申请",
                    vec![format!("撤回申请 {}：{}？", r.id, r.summary)],
                    Box::new(move |s: &mut Session| {
                        let stamp = s.stamp();
                        let r = s.store.change(&stamp, |c| approvals::withdraw(c, id))?;
                        Ok(format!("申请 {} 已撤回", r.id))
                    }),
                ));
            }
            Some(Cmd::All) => {
                self.all = !self.all;
                self.on_show(cx);
            }
            Some(Cmd::Make) if cx.require_officer("提交申请") => cx.modal(make_request_form()),
            Some(Cmd::Compile) if cx.require_officer("提交申请") => {
                cx.modal(compile_request_form())
            }
            _ => {}
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let pending = self.pending() + self.steps.len();
        let lapsed = self.requests.iter().filter(|q| q.lapsed(r.today)).count();
        let mut head = format!(
            "{}：待审批 {} 项，已批准待办理 {} 项",
            if self.all {
                "全部申请"
            } else {
                "审批队列"
            },
            pending,
            self.requests
                .iter()
                .filter(|q| q.state == RequestState::Approved && !q.lapsed(r.today))
                .count()
        );
        if lapsed > 0 {
            head.push_str(&format!("，批准已过期 {lapsed} 项"));
        }
        f.render_widget(
            Paragraph::new(Span::styled(head, r.theme.header())),
            Rect { height: 1, ..area },
        );
        // The selected request read whole below the list: what it asks, who asked, who decides or
        // decided, and until when an approval holds (issue 9 point 15: the list's 内容 is cut).
        let detail: Vec<String> = self
            .item(self.selected)
            .map(|i| match i {
                Item::Request(q) => detail(q, r.today),
                Item::Step(w) => steps::detail(w, r.today),
            })
            .map(|d| crate::ui::text_width::wrap(&d, usize::from(area.width)))
            .unwrap_or_default();
        let detail_h = (detail.len() as u16).min(area.height / 4).max(1);
        let body = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(2 + detail_h),
            ..area
        };
        let rows: Vec<Row> = (0..self.len())
            .filter_map(|i| self.item(i))
            .map(|item| {
                let q = match item {
                    Item::Request(q) => q,
                    Item::Step(w) => {
                        return Row::new(steps::cells(w, r.today)).styled(3, r.theme.due_soon());
                    }
                };
                let style = match q.state {
                    RequestState::Pending => r.theme.due_soon(),
                    RequestState::Approved => r.theme.ok(),
                    RequestState::Rejected => r.theme.error(),
                    _ => r.theme.dim(),
                };
                let (state, style) = if q.lapsed(r.today) {
                    (LAPSED.to_string(), r.theme.error())
                } else {
                    (q.state.name().to_string(), style)
                };
                Row::new(vec![
                    q.id.to_string(),
                    q.kind.name().to_string(),
                    q.summary.clone(),
                    state,
                    format!("{}天", q.age(r.today)),
                    match &q.approver {
                        Some(a) => a.clone(),
                        None => short_decider(authority(q)).to_string(),
                    },
                ])
                .styled(3, style)
            })
            .collect();
        let height = usize::from(body.height.saturating_sub(1));
        let offset = scroll(self.selected, self.offset.get(), height);
        self.offset.set(offset);
        table::render(
            f,
            body,
            &r.theme,
            &[
                col("号", 4, 0),
                col("事项", 8, 0),
                col("内容", 16, 1),
                // Wide enough for 已过期，须重新申请 when a lapsed approval is listed.
                col(
                    "状态",
                    whole_width(rows.iter().map(|row| row.cells[3].as_str()), 6, 18),
                    0,
                ),
                col("已等待", 6, 0),
                col("审批人", 10, 0),
            ],
            &rows,
            Some(self.selected),
            offset,
        );
        f.render_widget(
            Paragraph::new(
                detail
                    .into_iter()
                    .map(|l| Line::from(Span::styled(l, r.theme.dim())))
                    .collect::<Vec<_>>(),
            ),
            Rect {
                y: area.bottom().saturating_sub(detail_h),
                height: detail_h,
                ..area
            },
        );
        None
    }
}

/// An approval not carried out within its term, as the queue says it.
const LAPSED: &str = "已过期，须重新申请";

/// The decider as the list's narrow column shows it; the line below names it whole.
/// The page of the record an act's request is about (a medium taken out, a computer repaired),
/// and the act.
fn record_page(r: &Request) -> Option<(RecordPage, &'static crate::domain::ledgers::ActSpec)> {
    let plan = r.plan.record()?;
    let spec = crate::domain::ledgers::spec::find(&plan.ledger)?;
    Some((RecordPage::new(spec, &plan.no), spec.act(&plan.act)?))
}

fn short_decider(a: Authority) -> &'static str {
    match a {
        Authority::UnitLeader => "主管领导",
        Authority::Originator => "原制发机关",
        Authority::DepartmentHead => "部门领导",
    }
}

/// One request read whole: what it asks, who asked, who decides or decided, and the term.
fn detail(q: &Request, today: chrono::NaiveDate) -> String {
    let asked = format!(
        "申请{}：{}。申请人 {}，{} 提交",
        q.id,
        q.summary,
        q.requested_by,
        dates::zh(q.requested_on)
    );
    let decided = match (&q.approver, q.decided_on) {
        (Some(a), Some(on)) => format!(
            "；{a} {} {}{}{}",
            dates::zh(on),
            q.state.name(),
            if q.opinion.is_empty() {
                String::new()
            } else {
                format!("，意见：{}", q.opinion)
            },
            if q.form_ref.is_empty() {
                String::new()
            } else {
                format!("（{}）", q.form_ref)
            }
        ),
        _ => String::new(),
    };
    let next = match (q.state, q.expires_on) {
        (RequestState::Pending, _) => format!("；须由{}审批（{}）", q.decider, q.kind.rule()),
        (RequestState::Approved, Some(e)) if q.lapsed(today) => {
            format!("；批准已于{}过期，须重新申请", dates::zh(e))
        }
        (RequestState::Approved, Some(e)) => format!("；有效期至{}", dates::zh(e)),
        _ => String::new(),
    };
    format!("{asked}{decided}{next}")
}

/// The queue in the given states, with the leaders and the originators a decision form offers.
fn load(
    conn: &rusqlite::Connection,
    states: &[RequestState],
    role: Role,
) -> crate::store::Result<Queue> {
    let requests = approvals::list(conn, states)?;
    let steps = crate::store::records::steps::waiting(conn, role)?;
    let mut originators = HashMap::new();
    for r in &requests {
        if authority(r) != Authority::Originator {
            continue;
        }
        let mut names: Vec<String> = Vec::new();
        for no in &r.papers {
            if let Some(p) = papers::find(conn, no)?
                && !names.contains(&p.originator)
            {
                names.push(p.originator);
            }
        }
        originators.insert(r.id, names.join("、"));
    }
    Ok(Queue {
        requests,
        steps,
        leaders: accounts::leader_names(conn)?,
        originators,
    })
}
