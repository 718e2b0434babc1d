//! 审批: each request waiting for a decision, its age and who must decide; approve or reject with an
//! opinion — a leader by their own login, or the officer recording a signed paper approval
//! (R-SYS-6); and carrying out what was approved.

use std::any::Any;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::batch::{Batch, Mode};
use super::ledger::make_form;
use super::paper::PaperPage;
use super::{Ctx, Nav, RenderCtx, Screen};
use crate::domain::Refusal;
use crate::domain::account::Role;
use crate::domain::approval::{PaperApproval, RequestKind, RequestState, check_decider};
use crate::domain::dates;
use crate::domain::level::{Level, Period};
use crate::domain::paper::{CompilePlan, MakePlan, Plan};
use crate::domain::text::split_list;
use crate::store::approvals::{self, Request};
use crate::store::papers;
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, DECIDERS, Hint, OFFICER, ch, code};
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};
use crate::ui::widgets::table::{self, Row, col, scroll};

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

struct Loaded(Result<Vec<Request>, String>);

pub struct Approvals {
    requests: Vec<Request>,
    all: bool,
    selected: usize,
    offset: std::cell::Cell<usize>,
}

impl Approvals {
    pub fn new() -> Approvals {
        Approvals {
            requests: Vec::new(),
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

    fn current(&self) -> Option<&Request> {
        self.requests.get(self.selected)
    }
}

impl Default for Approvals {
    fn default() -> Self {
        Approvals::new()
    }
}

/// The decision form: a leader gives an opinion; an officer copies in the signed paper approval.
fn decide_form(r: &Request, approve: bool, role: Role, today: NaiveDate) -> Form {
    let id = r.id;
    let mut fields = Vec::new();
    if role == Role::Officer {
        fields.extend([
            Field::text("approver", "审批人")
                .required()
                .hint("在纸质审批表上签字的领导"),
            Field::text("signed_on", "签批日期")
                .with(&dates::zh(today))
                .required(),
            Field::text("form_ref", "审批表编号").required(),
        ]);
    }
    let opinion = Field::text("opinion", "审批意见").with(if approve { "同意" } else { "" });
    fields.push(if approve { opinion } else { opinion.required() });
    let verb = if approve { "批准" } else { "驳回" };
    Form::new(
        format!("{verb}申请 {}", r.id),
        fields,
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let paper = if role == Role::Officer {
                Some(PaperApproval {
                    approver: v.get("approver").into(),
                    date: dates::parse_past("签批日期", v.get("signed_on"), today)?,
                    form_ref: v.get("form_ref").into(),
                })
            } else {
                None
            };
            let opinion = v.get("opinion").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let r = s.store.change(&stamp, |c| {
                    approvals::decide(c, id, approve, &opinion, paper.as_ref())
                })?;
                Ok(format!(
                    "申请 {} {}（{}）",
                    r.id,
                    r.state.name(),
                    r.approver.unwrap_or_default()
                ))
            }))
        }),
    )
    .note(format!("{}：{}", r.kind.name(), r.summary))
    .note(format!("须由{}审批（{}）", r.decider, r.kind.rule()))
}

/// 制作申请 (R-PAP-1, R-CLS-3): the classification decision goes in front of the leader.
fn make_request_form() -> Form {
    Form::new(
        "制作申请",
        vec![
            Field::text("title", "标题").required(),
            Field::choice("level", "密级", &["秘密", "机密", "绝密"])
                .hint("制作须履行定密程序（R-CLS-3）"),
            Field::text("period", "保密期限").hint("10年、长期或日期；不写按密级默认"),
            Field::text("scope", "知悉范围")
                .required()
                .hint("用顿号分隔"),
            Field::text("copies", "拟制作份数").required(),
            Field::text("distribution", "发放范围").hint("收文单位，用顿号分隔（R-PAP-5）"),
            Field::text("purpose", "用途"),
        ],
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let plan = Plan::Make(MakePlan {
                title: v.get("title").into(),
                level: v.get("level").into(),
                period: v.get("period").into(),
                scope: split_list(v.get("scope")),
                copies: v
                    .get("copies")
                    .parse()
                    .map_err(|_| Refusal::field("拟制作份数", "应为正整数"))?,
                distribution: split_list(v.get("distribution")),
                purpose: v.get("purpose").into(),
                ..MakePlan::default()
            });
            Ok(file_job(plan))
        }),
    )
}

/// 汇编申请 (R-PAP-21).
fn compile_request_form() -> Form {
    Form::new(
        "汇编申请",
        vec![
            Field::text("papers", "来源编号")
                .required()
                .hint("两件以上，用逗号分隔"),
            Field::text("title", "汇编标题").required(),
            Field::text("external_ref", "原制发机关批准")
                .required()
                .hint("批准文号或函件（R-PAP-21）"),
        ],
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let plan = Plan::Compile(CompilePlan {
                scope: vec![],
                papers: split_list(v.get("papers")),
                title: v.get("title").into(),
                external_ref: v.get("external_ref").into(),
            });
            Ok(file_job(plan))
        }),
    )
}

fn file_job(plan: Plan) -> FormJob {
    Box::new(move |s: &mut Session| {
        let stamp = s.stamp();
        let r = s.store.change(&stamp, |c| approvals::file(c, plan))?;
        Ok(format!(
            "已提交{}申请 {}，待{}审批",
            r.kind.name(),
            r.id,
            r.decider
        ))
    })
}

/// Registers an approved compilation (R-CLS-5: the highest level and longest period by default).
fn compile_form(r: &Request, today: NaiveDate) -> Form {
    let id = r.id;
    Form::new(
        format!("办理汇编：申请 {id}"),
        vec![
            Field::text("level", "汇编件密级").hint("不写则取来源中的最高密级（R-CLS-5）"),
            Field::text("period", "汇编件保密期限").hint("不写则取来源中最长的期限"),
            Field::text("location", "存放位置"),
            Field::text("date", "日期").with(&dates::zh(today)),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let level = match v.get("level") {
                "" => None,
                l => Some(Level::parse_field("汇编件密级", l)?),
            };
            let period = match v.get("period") {
                "" => None,
                p => Some(Period::parse_field("汇编件保密期限", p)?),
            };
            let on = if v.get("date").is_empty() {
                today
            } else {
                dates::parse_past("日期", v.get("date"), today)?
            };
            let location = v.get("location").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let p = s.store.change(&stamp, |c| {
                    papers::compile(c, id, on, level, period, &location)
                })?;
                Ok(format!("汇编件已登记为 {}（{}）", p.no, p.mark()))
            }))
        }),
    )
    .note(r.summary.clone())
}

impl Screen for Approvals {
    fn title(&self) -> String {
        "审批".into()
    }

    fn nav(&self) -> Option<Nav> {
        Some(Nav::Approvals)
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
            Loaded(approvals::list(s.store.conn(), &states).map_err(|e| e.to_string()))
        });
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        if let Ok(l) = reply.downcast::<Loaded>() {
            let mut list = match l.0 {
                Ok(list) => list,
                Err(e) => {
                    cx.error(format!("审批队列读取失败：{e}"));
                    return;
                }
            };
            // Waiting first, oldest first: the queue's order.
            list.sort_by_key(|r| {
                (
                    r.state != RequestState::Pending,
                    r.state != RequestState::Approved,
                    r.id,
                )
            });
            self.requests = list;
            self.selected = self.selected.min(self.requests.len().saturating_sub(1));
        }
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        let today = dates::zh(cx.today);
        let role = cx.user.map(|u| u.role).unwrap_or(Role::Viewer);
        match keymap::find(&Approvals::bindings(), &key) {
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Down) if self.selected + 1 < self.requests.len() => self.selected += 1,
            Some(Cmd::Open) => {
                if let Some(no) = self.current().and_then(|r| r.papers.first().cloned()) {
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
                cx.modal(decide_form(r, matches!(c, Cmd::Approve), role, cx.today));
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
                match r.kind {
                    RequestKind::Make => cx.modal(make_form(&[(r.id, r.summary.clone())], &today)),
                    RequestKind::Compile => cx.modal(compile_form(&r, cx.today)),
                    RequestKind::Destroy => cx.push(Batch::new(Mode::Destroy(r.id))),
                    _ => {
                        if let Some(no) = r.papers.first() {
                            cx.push(PaperPage::new(no));
                            cx.status(format!(
                                "在密件页按 {} 键办理已批准的{}",
                                match r.kind {
                                    RequestKind::Loan => "l",
                                    RequestKind::TakeOut => "o",
                                    _ => "y",
                                },
                                r.kind.name()
                            ));
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
        let pending = self
            .requests
            .iter()
            .filter(|q| q.state == RequestState::Pending)
            .count();
        let head = format!(
            "{}：待审批 {} 项，已批准待办理 {} 项",
            if self.all {
                "全部申请"
            } else {
                "审批队列"
            },
            pending,
            self.requests
                .iter()
                .filter(|q| q.state == RequestState::Approved)
                .count()
        );
        f.render_widget(
            Paragraph::new(Span::styled(head, r.theme.header())),
            Rect { height: 1, ..area },
        );
        // The selected request read whole below the list: what it asks, who asked or decided
        // (issue 9 point 15: the list's 内容 column is cut).
        let detail: Vec<String> = self
            .current()
            .map(|q| {
                let who = if q.opinion.is_empty() {
                    format!(
                        "申请人 {}，{} 提交",
                        q.requested_by,
                        dates::zh(q.requested_on)
                    )
                } else {
                    format!(
                        "意见：{}{}",
                        q.opinion,
                        if q.form_ref.is_empty() {
                            String::new()
                        } else {
                            format!("（纸质审批 {}）", q.form_ref)
                        }
                    )
                };
                crate::ui::text_width::wrap(
                    &format!("申请{}：{}。{who}", q.id, q.summary),
                    usize::from(area.width),
                )
            })
            .unwrap_or_default();
        let detail_h = (detail.len() as u16).min(area.height / 4).max(1);
        let body = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(2 + detail_h),
            ..area
        };
        let rows: Vec<Row> = self
            .requests
            .iter()
            .map(|q| {
                let style = match q.state {
                    RequestState::Pending => r.theme.due_soon(),
                    RequestState::Approved => r.theme.ok(),
                    RequestState::Rejected => r.theme.error(),
                    _ => r.theme.dim(),
                };
                Row::new(vec![
                    q.id.to_string(),
                    q.kind.name().to_string(),
                    q.summary.clone(),
                    q.state.name().to_string(),
                    format!("{}天", q.age(r.today)),
                    match &q.approver {
                        Some(a) => a.clone(),
                        None => q.decider.to_string(),
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
                col("状态", 6, 0),
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
