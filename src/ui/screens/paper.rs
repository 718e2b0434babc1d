//! 密件: one paper's page — its mark, state, location, holder and whole history — and the acts
//! possible now, each a form. Acts that need a leader's approval ask for it first.

use std::any::Any;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Ctx, RenderCtx, Screen};
use crate::domain::Refusal;
use crate::domain::approval::RequestKind;
use crate::domain::carrier::{EventKind, PaperState, next_state};
use crate::domain::dates;
use crate::domain::level::{Level, Period};
use crate::domain::paper::{CopyPlan, DestroyPlan, LoanPlan, Paper, Plan, TakeOutPlan};
use crate::domain::rules::paper::{Act, Channel, DESTROY_METHODS};
use crate::domain::text::split_list;
use crate::store::approvals::{self, Request};
use crate::store::papers::{self, ActInput, CopyAct, CopyMarking, EventRecord};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, ch, code};
use crate::ui::text_width::fit;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};
use crate::ui::widgets::table::{self, Row, col, scroll};

struct PageData {
    paper: Paper,
    history: Vec<EventRecord>,
    source: Option<String>,
    derived: Vec<String>,
    approved: Vec<Request>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Up,
    Down,
    Act(Act_),
}

/// The acts offered on the page, in the document's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act_ {
    Send,
    Transfer,
    Circulate,
    Back,
    Loan,
    TakeOut,
    Return,
    Archive,
    Extend,
    HandOver,
    Copy,
    Review,
    Destroy,
    Lost,
    Found,
}

impl Act_ {
    const ALL: [Act_; 15] = [
        Act_::Send,
        Act_::Transfer,
        Act_::Circulate,
        Act_::Back,
        Act_::Loan,
        Act_::TakeOut,
        Act_::Return,
        Act_::Archive,
        Act_::Extend,
        Act_::HandOver,
        Act_::Copy,
        Act_::Review,
        Act_::Destroy,
        Act_::Lost,
        Act_::Found,
    ];

    fn key(self) -> char {
        match self {
            Act_::Send => 's',
            Act_::Transfer => 't',
            Act_::Circulate => 'c',
            Act_::Back => 'b',
            Act_::Loan => 'l',
            Act_::TakeOut => 'o',
            Act_::Return => 'r',
            Act_::Archive => 'a',
            Act_::Extend => 'e',
            Act_::HandOver => 'h',
            Act_::Copy => 'y',
            Act_::Review => 'v',
            Act_::Destroy => 'd',
            Act_::Lost => 'x',
            Act_::Found => 'f',
        }
    }

    fn label(self) -> &'static str {
        match self {
            Act_::Send => "发文",
            Act_::Transfer => "传递",
            Act_::Circulate => "传阅",
            Act_::Back => "收回",
            Act_::Loan => "借阅",
            Act_::TakeOut => "携带外出",
            Act_::Return => "清退",
            Act_::Archive => "归档",
            Act_::Extend => "延长使用",
            Act_::HandOver => "移交",
            Act_::Copy => "复印",
            Act_::Review => "解密审查",
            Act_::Destroy => "销毁",
            Act_::Lost => "报告遗失",
            Act_::Found => "找回",
        }
    }

    /// The event the act records (收回 depends on where the paper is).
    fn event(self, state: PaperState) -> EventKind {
        match self {
            Act_::Send => EventKind::Send,
            Act_::Transfer => EventKind::Transfer,
            Act_::Circulate => EventKind::Circulate,
            Act_::Back => match state {
                PaperState::OnLoan => EventKind::LoanBack,
                PaperState::TakenOut => EventKind::TakeBack,
                _ => EventKind::CirculateBack,
            },
            Act_::Loan => EventKind::Loan,
            Act_::TakeOut => EventKind::TakeOut,
            Act_::Return => EventKind::Return,
            Act_::Archive => EventKind::Archive,
            Act_::Extend => EventKind::Extend,
            Act_::HandOver => EventKind::HandOver,
            Act_::Copy => EventKind::Copy,
            Act_::Review => EventKind::Review,
            Act_::Destroy => EventKind::Destroy,
            Act_::Lost => EventKind::Lost,
            Act_::Found => EventKind::Found,
        }
    }

    /// Offered now: the state machine allows it (and it makes sense for this paper).
    fn possible(self, p: &Paper) -> bool {
        match self {
            Act_::Send if p.distribution.is_empty() => false,
            Act_::Review if !p.level.is_state_secret() => false,
            _ => next_state(Some(p.state), self.event(p.state)).is_ok(),
        }
    }
}

pub struct PaperPage {
    no: String,
    data: Option<PageData>,
    error: Option<String>,
    selected: usize,
    offset: std::cell::Cell<usize>,
}

impl PaperPage {
    pub fn new(no: &str) -> PaperPage {
        PaperPage {
            no: no.to_string(),
            data: None,
            error: None,
            selected: 0,
            offset: std::cell::Cell::new(0),
        }
    }

    fn bindings(&self) -> Vec<Binding<Cmd>> {
        let mut b = vec![
            Binding::new(code(KeyCode::Up), "上移", Cmd::Up).help_only(),
            Binding::new(code(KeyCode::Down), "下移", Cmd::Down).help_only(),
        ];
        if let Some(d) = &self.data {
            for a in Act_::ALL {
                if a.possible(&d.paper) {
                    b.push(Binding::new(ch(a.key()), a.label(), Cmd::Act(a)));
                }
            }
        }
        b
    }

    fn open(&self, a: Act_, cx: &mut Ctx<'_>) {
        let Some(d) = &self.data else { return };
        if !cx.require_officer(a.label()) {
            return;
        }
        let p = &d.paper;
        let day = cx.today;
        let today = dates::zh(day);
        let officer = cx.user.map(|u| u.display_name.clone()).unwrap_or_default();
        let approved = |kind: RequestKind| -> Vec<&Request> {
            d.approved.iter().filter(|r| r.kind == kind).collect()
        };
        let form = match a {
            Act_::Circulate => act_form(
                p,
                EventKind::Circulate,
                day,
                vec![
                    Field::text("person", "阅读人").required().hint(format!(
                        "知悉范围：{}",
                        if p.scope.is_empty() {
                            "（未确定）".to_string()
                        } else {
                            p.scope.join("、")
                        }
                    )),
                    Field::text("unit", "部门").hint("阅读人所在部门；范围按部门确定时必填"),
                    Field::text("place", "阅读地点").with(if p.level == Level::TopSecret {
                        "保密室"
                    } else {
                        ""
                    }),
                    Field::text("at", "签领时间").hint("如 09:30；绝密必填（R-PAP-8）"),
                    date_field(&today),
                ],
                |v, act| {
                    act.person = v.get("person").into();
                    act.unit = v.get("unit").into();
                    act.place = v.get("place").into();
                    act.at = v.get("at").into();
                    Ok(None)
                },
            ),
            Act_::Back => act_form(
                p,
                a.event(p.state),
                day,
                vec![
                    Field::text("at", "退回时间").hint("如 16:40"),
                    date_field(&today),
                ],
                |v, act| {
                    act.at = v.get("at").into();
                    Ok(None)
                },
            ),
            Act_::Loan | Act_::TakeOut | Act_::Copy | Act_::Destroy => {
                let kind = match a {
                    Act_::Loan => RequestKind::Loan,
                    Act_::TakeOut => RequestKind::TakeOut,
                    Act_::Copy => RequestKind::Copy,
                    _ => RequestKind::Destroy,
                };
                let ready = approved(kind);
                if ready.is_empty() {
                    request_form(p, kind, &officer, day)
                } else {
                    execute_form(p, kind, &ready, day, &officer)
                }
            }
            Act_::Return => act_form(
                p,
                EventKind::Return,
                day,
                vec![
                    Field::text("unit", "退往单位")
                        .with(&p.originator)
                        .hint("原则上退回原制发机关（R-PAP-16）"),
                    Field::text("person", "签收人")
                        .required()
                        .hint("对方签收人姓名"),
                    Field::choice(
                        "channel",
                        "传递方式",
                        &["", "机要交通", "机要通信", "保密员专送", "专人专车"],
                    ),
                    Field::text("reference", "依据").hint("退往他处时，保密行政管理部门的意见"),
                    date_field(&today),
                ],
                |v, act| {
                    act.unit = v.get("unit").into();
                    act.person = v.get("person").into();
                    act.channel = v.get("channel").into();
                    act.reference = v.get("reference").into();
                    Ok(None)
                },
            ),
            Act_::Archive => act_form(
                p,
                EventKind::Archive,
                day,
                vec![
                    Field::text("place", "档案位置").hint("档案室、卷号"),
                    date_field(&today),
                ],
                |v, act| {
                    act.place = v.get("place").into();
                    Ok(None)
                },
            ),
            Act_::Extend => act_form(
                p,
                EventKind::Extend,
                day,
                vec![
                    Field::text("reference", "告知发文机关")
                        .required()
                        .hint("说明情况的函件或电话记录（R-PAP-14）"),
                    Field::text("due", "延长至").hint("不写则不设期限"),
                    date_field(&today),
                ],
                move |v, act| {
                    act.reference = v.get("reference").into();
                    act.due = dates::parse_optional_deadline("延长至", v.get("due"), day)?;
                    Ok(None)
                },
            ),
            Act_::HandOver => act_form(
                p,
                EventKind::HandOver,
                day,
                vec![
                    Field::text("unit", "接收单位").required(),
                    Field::text("person", "接收人").required(),
                    date_field(&today),
                ],
                |v, act| {
                    act.unit = v.get("unit").into();
                    act.person = v.get("person").into();
                    Ok(None)
                },
            ),
            Act_::Send => act_form(
                p,
                EventKind::Send,
                day,
                vec![
                    Field::text("unit", "收文单位")
                        .required()
                        .hint(format!("发放范围：{}", p.distribution.join("、"))),
                    channel_field(),
                    Field::text("copies", "发出份数").with("1"),
                    Field::text("persons", "护送人").hint("绝密专人传递须二人护送"),
                    date_field(&today),
                ],
                |v, act| {
                    act.unit = v.get("unit").into();
                    act.channel = v.get("channel").into();
                    act.persons = split_list(v.get("persons"));
                    act.copies = Some(
                        v.get("copies")
                            .parse()
                            .map_err(|_| Refusal::field("发出份数", "应为整数"))?,
                    );
                    Ok(None)
                },
            ),
            Act_::Transfer => act_form(
                p,
                EventKind::Transfer,
                day,
                vec![
                    Field::text("unit", "送往单位"),
                    channel_field(),
                    Field::text("persons", "护送人").hint("绝密专人传递须二人护送（R-PAP-6）"),
                    date_field(&today),
                ],
                |v, act| {
                    act.unit = v.get("unit").into();
                    act.channel = v.get("channel").into();
                    act.persons = split_list(v.get("persons"));
                    Ok(None)
                },
            ),
            Act_::Review => act_form(
                p,
                EventKind::Review,
                day,
                vec![
                    Field::choice("method", "审查结论", &["解密", "变更期限"]),
                    Field::text("due", "新的保密期限").hint("变更期限时填写到期日期"),
                    date_field(&today),
                ],
                |v, act| {
                    act.method = v.get("method").into();
                    act.due = dates::parse_optional("新的保密期限", v.get("due"))?;
                    Ok(None)
                },
            ),
            Act_::Lost => act_form(
                p,
                EventKind::Lost,
                day,
                vec![
                    Field::text("note", "经过")
                        .required()
                        .hint("时间、地点、情况；并按规定报告（R-INC-1）"),
                    date_field(&today),
                ],
                |v, act| {
                    act.note = v.get("note").into();
                    Ok(None)
                },
            ),
            Act_::Found => act_form(
                p,
                EventKind::Found,
                day,
                vec![Field::text("note", "说明"), date_field(&today)],
                |v, act| {
                    act.note = v.get("note").into();
                    Ok(None)
                },
            ),
        };
        cx.modal(form);
    }
}

impl PaperPage {
    /// An act's key pressed when the act is not possible now: say which rule stands in the way.
    fn explain(&self, key: KeyEvent, cx: &mut Ctx<'_>) {
        let (Some(d), KeyCode::Char(c)) = (&self.data, key.code) else {
            return;
        };
        let Some(a) = Act_::ALL.into_iter().find(|a| a.key() == c) else {
            return;
        };
        let p = &d.paper;
        let why = match a {
            Act_::Send if p.distribution.is_empty() => {
                "违反 R-PAP-5：该密件没有经批准的发放范围，不能发文".to_string()
            }
            Act_::Review if !p.level.is_state_secret() => {
                format!("{}件没有保密期限，无需解密审查", p.level)
            }
            _ => match next_state(Some(p.state), a.event(p.state)) {
                Err(r) => r.to_string(),
                Ok(_) => return,
            },
        };
        cx.error(why);
    }
}

fn date_field(today: &str) -> Field {
    Field::text("date", "日期").with(today).required()
}

fn channel_field() -> Field {
    Field::choice("channel", "传递方式", &Channel::ALL.map(Channel::name))
        .hint("不得用普通邮政、快递、明码电报、普通传真（R-PAP-6）")
}

/// A form that records one act: `fill` copies the values into the act (and may name a request).
fn act_form(
    p: &Paper,
    kind: EventKind,
    today: NaiveDate,
    fields: Vec<Field>,
    fill: impl Fn(&Values, &mut Act) -> Result<Option<i64>, Refusal> + 'static,
) -> Form {
    let no = p.no.clone();
    Form::new(
        format!("{}：{}", kind.name(), p.no),
        fields,
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let mut act = Act {
                on: dates::parse_past("日期", v.get("date"), today)?,
                ..Act::default()
            };
            let request = fill(v, &mut act)?;
            let no = no.clone();
            Ok(Box::new(move |s: &mut Session| {
                let rooms = s.settings().reading_rooms;
                let stamp = s.stamp();
                let p = s.store.change(&stamp, |c| {
                    papers::act(
                        c,
                        &no,
                        &ActInput {
                            kind,
                            act,
                            request_id: request,
                            reading_rooms: &rooms,
                        },
                    )
                })?;
                Ok(format!(
                    "{} 已办理{}，当前{}",
                    p.no,
                    kind.name(),
                    p.state.name()
                ))
            }))
        }),
    )
    .note(format!("{}《{}》", p.mark(), p.title))
}

/// A request for a leader's approval, filed from the paper's page.
fn request_form(p: &Paper, kind: RequestKind, officer: &str, today: NaiveDate) -> Form {
    let no = p.no.clone();
    let level = p.level;
    let fields = match kind {
        RequestKind::Loan => vec![
            Field::text("borrower", "借阅人").required(),
            Field::text("return_by", "归还日期").required(),
            Field::text("purpose", "用途"),
        ],
        RequestKind::TakeOut => vec![
            Field::text("persons", "携带人")
                .required()
                .hint(if level == Level::TopSecret {
                    "绝密须二人以上同行，用顿号分隔（R-PAP-11）"
                } else {
                    "用顿号分隔"
                }),
            Field::text("place", "去往地点").required(),
            Field::text("purpose", "事由")
                .required()
                .hint("严禁携带密件去与工作无关的场所"),
            Field::text("return_by", "带回日期").required(),
        ],
        RequestKind::Copy => vec![
            Field::text("copies", "份数").required().with("1"),
            Field::text("purpose", "用途").required(),
            Field::text("external_ref", "原定密机关批准文号").hint(if level == Level::TopSecret {
                "绝密必填（R-PAP-19）"
            } else {
                "绝密件才需要"
            }),
        ],
        _ => vec![
            Field::text("reason", "理由")
                .with("无保存价值")
                .hint(format!("由{officer}等两人以上销毁")),
        ],
    };
    Form::new(
        format!("申请{}：{}", kind.name(), p.no),
        fields,
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let plan = match kind {
                RequestKind::Loan => Plan::Loan(LoanPlan {
                    paper: no.clone(),
                    borrower: v.get("borrower").into(),
                    return_by: dates::parse_deadline("归还日期", v.get("return_by"), today)?,
                    purpose: v.get("purpose").into(),
                }),
                RequestKind::TakeOut => Plan::TakeOut(TakeOutPlan {
                    paper: no.clone(),
                    persons: split_list(v.get("persons")),
                    place: v.get("place").into(),
                    purpose: v.get("purpose").into(),
                    return_by: dates::parse_deadline("带回日期", v.get("return_by"), today)?,
                    ..TakeOutPlan::default()
                }),
                RequestKind::Copy => Plan::Copy(CopyPlan {
                    paper: no.clone(),
                    copies: v
                        .get("copies")
                        .parse()
                        .map_err(|_| Refusal::field("份数", "应为正整数"))?,
                    purpose: v.get("purpose").into(),
                    external_ref: v.get("external_ref").into(),
                }),
                _ => Plan::Destroy(DestroyPlan {
                    papers: vec![no.clone()],
                    reason: v.get("reason").into(),
                }),
            };
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let r = s.store.change(&stamp, |c| approvals::file(c, plan))?;
                Ok(format!(
                    "已提交{}申请 {}，待{}审批",
                    r.kind.name(),
                    r.id,
                    r.decider
                ))
            }))
        }),
    )
    .note(format!(
        "{}《{}》须经主管领导批准（{}）",
        p.mark(),
        p.title,
        kind.rule()
    ))
}

/// Carrying out an approved request on this paper.
fn execute_form(
    p: &Paper,
    kind: RequestKind,
    ready: &[&Request],
    today: NaiveDate,
    officer: &str,
) -> Form {
    let options: Vec<String> = ready.iter().map(|r| format!("{}", r.id)).collect();
    let option_refs: Vec<&str> = options.iter().map(String::as_str).collect();
    let summary = ready
        .iter()
        .map(|r| {
            format!(
                "申请{}：{}（{}批准）",
                r.id,
                r.summary,
                r.approver.clone().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("；");
    let mut fields = vec![Field::choice("request", "申请号", &option_refs)];
    let event = match kind {
        RequestKind::Loan => EventKind::Loan,
        RequestKind::TakeOut => EventKind::TakeOut,
        RequestKind::Copy => EventKind::Copy,
        _ => EventKind::Destroy,
    };
    match kind {
        RequestKind::Copy => {
            let approved_copies = match &ready[0].plan {
                Plan::Copy(c) => c.copies.to_string(),
                _ => "1".into(),
            };
            fields.extend([
                Field::text("copies", "份数").with(&approved_copies),
                Field::text("receiver", "领取人"),
                Field::text("return_by", "归还日期"),
                Field::text("level", "复印件密级")
                    .with(p.level.name())
                    .hint("复印件不得改变密级（R-CLS-4）"),
                Field::text("period", "复印件保密期限")
                    .with(&p.period.map(|x| x.stored()).unwrap_or_default())
                    .hint("复印件不得改变保密期限（R-CLS-4）"),
            ]);
        }
        RequestKind::Destroy => fields.extend([
            Field::text("persons", "销毁人")
                .required()
                .with(officer)
                .hint("两人以上，其中须有保密员，用顿号分隔（R-PAP-23）"),
            Field::choice("method", "销毁方式", &DESTROY_METHODS)
                .hint("绝密件和密码电报只能在本单位销毁（R-PAP-24）"),
        ]),
        _ => {}
    }
    fields.push(date_field(&dates::zh(today)));
    let no = p.no.clone();
    let original_period = p.period;
    Form::new(
        format!("办理{}：{}", kind.name(), p.no),
        fields,
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let on: NaiveDate = dates::parse_past("日期", v.get("date"), today)?;
            let request: i64 = v
                .get("request")
                .parse()
                .map_err(|_| Refusal::field("申请号", "请选择已批准的申请"))?;
            let no = no.clone();
            if kind == RequestKind::Copy {
                let copies: i64 = v
                    .get("copies")
                    .parse()
                    .map_err(|_| Refusal::field("份数", "应为正整数"))?;
                let marking = CopyMarking {
                    level: Some(Level::parse_field("复印件密级", v.get("level"))?),
                    period: if v.get("period").is_empty() {
                        original_period
                    } else {
                        Some(Period::parse_field("复印件保密期限", v.get("period"))?)
                    },
                    scope: None,
                };
                let receiver = v.get("receiver").to_string();
                let return_by =
                    dates::parse_optional_deadline("归还日期", v.get("return_by"), today)?;
                return Ok(Box::new(move |s: &mut Session| {
                    let stamp = s.stamp();
                    let c = s.store.change(&stamp, |c| {
                        papers::copy(
                            c,
                            &no,
                            &CopyAct {
                                request_id: request,
                                copies,
                                on,
                                marking: marking.clone(),
                                location: "".into(),
                                receiver: receiver.to_string(),
                                return_by,
                            },
                        )
                    })?;
                    Ok(format!("复印件已登记为 {}（原件 {no}）", c.no))
                }));
            }
            let act = Act {
                on,
                persons: split_list(v.get("persons")),
                method: v.get("method").into(),
                ..Act::default()
            };
            Ok(Box::new(move |s: &mut Session| {
                let rooms = s.settings().reading_rooms;
                let stamp = s.stamp();
                let p = s.store.change(&stamp, |c| {
                    papers::act(
                        c,
                        &no,
                        &ActInput {
                            kind: event,
                            act,
                            request_id: Some(request),
                            reading_rooms: &rooms,
                        },
                    )
                })?;
                Ok(format!(
                    "{} 已办理{}，当前{}",
                    p.no,
                    event.name(),
                    p.state.name()
                ))
            }))
        }),
    )
    .note(summary)
}

impl Screen for PaperPage {
    fn title(&self) -> String {
        format!("密件 {}", self.no)
    }

    fn hints(&self) -> Vec<Hint> {
        let mut h = keymap::hints(&self.bindings());
        h.push(Hint::new("Esc", "返回"));
        h
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        let no = self.no.clone();
        cx.task(move |s: &mut Session| -> Result<PageData, String> {
            let conn = s.store.conn();
            let paper = papers::get(conn, &no).map_err(|e| e.to_string())?;
            let history = papers::history(conn, paper.id).map_err(|e| e.to_string())?;
            let source = match paper.source_id {
                Some(id) => papers::by_id(conn, id).ok().map(|p| p.no),
                None => None,
            };
            let derived = papers::derived(conn, paper.id)
                .map_err(|e| e.to_string())?
                .into_iter()
                .map(|p| p.no)
                .collect();
            let approved =
                approvals::list(conn, &[crate::domain::approval::RequestState::Approved])
                    .map_err(|e| e.to_string())?
                    .into_iter()
                    .filter(|r| r.papers.contains(&paper.no))
                    .collect();
            Ok(PageData {
                paper,
                history,
                source,
                derived,
                approved,
            })
        });
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, _cx: &mut Ctx<'_>) {
        if let Ok(r) = reply.downcast::<Result<PageData, String>>() {
            match *r {
                Ok(d) => {
                    self.selected = d.history.len().saturating_sub(1);
                    self.data = Some(d);
                    self.error = None;
                }
                Err(e) => self.error = Some(e),
            }
        }
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match keymap::find(&self.bindings(), &key) {
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Down) => {
                let n = self.data.as_ref().map(|d| d.history.len()).unwrap_or(0);
                if self.selected + 1 < n {
                    self.selected += 1;
                }
            }
            Some(Cmd::Act(a)) => self.open(a, cx),
            None => self.explain(key, cx),
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let Some(d) = &self.data else {
            let msg = self.error.clone().unwrap_or_else(|| "正在读取".into());
            f.render_widget(Paragraph::new(Span::styled(msg, r.theme.error())), area);
            return None;
        };
        let p = &d.paper;
        let w = usize::from(area.width);
        let kv = |k: &str, v: String| -> Vec<Span<'static>> {
            vec![
                Span::styled(format!("{k}："), r.theme.dim()),
                Span::raw(format!("{}  ", crate::domain::text::for_terminal(&v))),
            ]
        };
        let mark = r.theme.mark(&p.mark().to_string());
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{mark} "), r.theme.level(p.level)),
            Span::styled(format!("{} ", fit(&p.no, 40)), r.theme.header()),
            Span::raw(fit(
                &p.title,
                w.saturating_sub(
                    crate::ui::text_width::width(&mark) + crate::ui::text_width::width(&p.no) + 2,
                ),
            )),
        ])];
        let mut l1 = kv("状态", p.state.name().into());
        l1.extend(kv(
            "持有人",
            if p.holder.is_empty() {
                "-".into()
            } else {
                p.holder.clone()
            },
        ));
        l1.extend(kv(
            "位置",
            if p.location.is_empty() {
                "-".into()
            } else {
                p.location.clone()
            },
        ));
        if let Some(due) = p.due_on {
            l1.extend(kv("应还", dates::zh(due)));
        }
        lines.push(Line::from(l1));
        let mut l2 = kv("来文单位", p.originator.clone());
        if !p.doc_no.is_empty() {
            l2.extend(kv("文号", p.doc_no.clone()));
        }
        l2.extend(kv(
            "份数",
            if p.copy_nos.is_empty() {
                p.copies.to_string()
            } else {
                format!("{}（{}）", p.copies, p.copy_nos)
            },
        ));
        lines.push(Line::from(l2));
        let mut l3 = kv("登记", dates::zh(p.registered_on));
        if let Some(rb) = p.return_by {
            l3.extend(kv("清退期限", dates::zh(rb)));
        }
        if p.extended {
            l3.extend(kv(
                "延长使用",
                p.extended_until
                    .map(dates::zh)
                    .unwrap_or_else(|| "不设期限".into()),
            ));
        }
        if !p.keep {
            l3.push(Span::styled("无保存价值  ", r.theme.due_soon()));
        }
        if p.cipher {
            l3.push(Span::styled("密码电报  ", r.theme.due_soon()));
        }
        lines.push(Line::from(l3));
        lines.push(Line::from(kv(
            "知悉范围",
            if p.scope.is_empty() {
                "（未确定）".into()
            } else {
                p.scope.join("、")
            },
        )));
        let mut l5 = kv("来源", p.origin.name().into());
        if let Some(s) = &d.source {
            l5.extend(kv("原件", s.clone()));
            if p.origin == crate::domain::paper::Origin::Copy {
                let unit = r.user.map(|u| u.unit().to_string()).unwrap_or_default();
                l5.extend(kv(
                    "复印标注",
                    format!(
                        "{unit}复印 {}份 {} 编号{}",
                        p.copies,
                        dates::zh(p.registered_on),
                        p.no
                    ),
                ));
            }
        }
        if !d.derived.is_empty() {
            l5.extend(kv("复印件/汇编", d.derived.join("、")));
        }
        lines.push(Line::from(l5));
        if !d.approved.is_empty() {
            let text = d
                .approved
                .iter()
                .map(|q| format!("申请{} {}", q.id, q.kind.name()))
                .collect::<Vec<_>>()
                .join("、");
            lines.push(Line::from(Span::styled(
                format!("已批准待办理：{text}"),
                r.theme.ok(),
            )));
        }
        let acts: Vec<Span> = Act_::ALL
            .iter()
            .filter(|a| a.possible(p))
            .flat_map(|a| {
                [
                    Span::styled(a.key().to_string(), r.theme.key()),
                    Span::raw(format!(" {}  ", a.label())),
                ]
            })
            .collect();
        if acts.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("该密件{}，不能再办理（R-PAP-25）", p.state.name()),
                r.theme.dim(),
            )));
        } else {
            let mut l = vec![Span::styled("可办理：", r.theme.dim())];
            l.extend(acts);
            lines.push(Line::from(l));
        }
        let top = lines.len() as u16;
        f.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
            Rect {
                height: (top + 1).min(area.height),
                ..area
            },
        );
        let body = Rect {
            y: area.y + top + 1,
            height: area.height.saturating_sub(top + 1),
            ..area
        };
        let rows: Vec<Row> = d
            .history
            .iter()
            .map(|e| {
                Row::new(vec![
                    dates::iso(e.on),
                    e.kind.name().to_string(),
                    crate::report::event_detail(e),
                    e.handler.clone(),
                ])
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
                col("日期", 10, 0),
                col("办理", 8, 0),
                col("详情", 20, 1),
                col("经办人", 6, 0),
            ],
            &rows,
            Some(self.selected),
            offset,
        );
        None
    }
}
