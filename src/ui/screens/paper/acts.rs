//! The acts offered on a paper's page, each a form: which are possible now, the fields each asks
//! for, and why one is not possible when its key is pressed.

use crossterm::event::{KeyCode, KeyEvent};

use super::PaperPage;
use super::marking;
use super::requests::{execute_form, request_form};
use crate::domain::Refusal;
use crate::domain::approval::RequestKind;
use crate::domain::carrier::{EventKind, PaperState, next_state};
use crate::domain::dates;
use crate::domain::level::Level;
use crate::domain::paper::Paper;
use crate::domain::rules::paper::{Act, Channel, decided_here};
use crate::domain::text::split_list;
use crate::store::approvals::Request;
use crate::store::papers::{self, ActInput};
use crate::ui::action::Session;
use crate::ui::screens::Ctx;
use crate::ui::screens::cabinets::location_field;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};
use chrono::NaiveDate;

/// The acts offered on the page, in the document's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Act_ {
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
    Scope,
    Destroy,
    Lost,
    Found,
}

impl Act_ {
    pub(super) const ALL: [Act_; 16] = [
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
        Act_::Scope,
        Act_::Destroy,
        Act_::Lost,
        Act_::Found,
    ];

    pub(super) fn key(self) -> char {
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
            Act_::Scope => 'k',
            Act_::Destroy => 'd',
            Act_::Lost => 'x',
            Act_::Found => 'f',
        }
    }

    pub(super) fn label(self) -> &'static str {
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
            Act_::Scope => "确定知悉范围",
            Act_::Destroy => "销毁",
            Act_::Lost => "报告遗失",
            Act_::Found => "找回",
        }
    }

    /// The event the act records (收回 depends on where the paper is).
    pub(super) fn event(self, state: PaperState) -> EventKind {
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
            Act_::Scope => EventKind::Scope,
            Act_::Destroy => EventKind::Destroy,
            Act_::Lost => EventKind::Lost,
            Act_::Found => EventKind::Found,
        }
    }

    /// The request the act carries out, when it needs one: the request is filed with the act's key
    /// and, once approved, carried out with the same key. A review needs one only for a paper
    /// this unit made (R-CLS-7); see `needs_request`.
    pub(super) fn request_kind(self) -> Option<RequestKind> {
        match self {
            Act_::Loan => Some(RequestKind::Loan),
            Act_::TakeOut => Some(RequestKind::TakeOut),
            Act_::Copy => Some(RequestKind::Copy),
            Act_::Destroy => Some(RequestKind::Destroy),
            Act_::Extend => Some(RequestKind::Extend),
            Act_::Review => Some(RequestKind::Review),
            _ => None,
        }
    }

    /// The request this act goes through for `p`: a received paper's review follows the
    /// originator's notice instead (R-CLS-7).
    fn needs_request(self, p: &Paper) -> Option<RequestKind> {
        match self {
            Act_::Review if !decided_here(p) => None,
            a => a.request_kind(),
        }
    }

    /// Offered now: the state machine allows it (and it makes sense for this paper).
    pub(super) fn possible(self, p: &Paper) -> bool {
        match self {
            Act_::Send if p.distribution.is_empty() => false,
            Act_::Review if !p.level.is_state_secret() => false,
            _ => next_state(Some(p.state), self.event(p.state)).is_ok(),
        }
    }
}

impl PaperPage {
    pub(super) fn open(&self, a: Act_, cx: &mut Ctx<'_>) {
        let Some(d) = &self.page.data else { return };
        if !cx.require_officer(a.label()) {
            return;
        }
        let p = &d.paper;
        let day = cx.today;
        let today = dates::zh(day);
        let officer = cx.user.map(|u| u.display_name.clone()).unwrap_or_default();
        let max_years = cx.user.map(|u| u.settings.extension_max_years).unwrap_or(1);
        let approved = |kind: RequestKind| -> Vec<&Request> {
            d.approved.iter().filter(|r| r.kind == kind).collect()
        };
        if let Some(kind) = a.needs_request(p) {
            let ready = approved(kind);
            cx.modal(if ready.is_empty() {
                request_form(p, kind, &officer, day, max_years)
            } else {
                execute_form(p, kind, &ready, day, &officer, &d.cabinets)
            });
            return;
        }
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
            Act_::Back if d.notebook.is_some() => super::duties::hand_in_form(p, &d.cabinets, day),
            // Back in a registered cabinet, the one it came from first (R-PAP-10).
            Act_::Back => act_form(
                p,
                a.event(p.state),
                day,
                vec![
                    Field::text("at", "退回时间").hint("如 16:40"),
                    location_field("place", "放回保密柜", &d.cabinets, p.level, &p.location),
                    date_field(&today),
                ],
                |v, act| {
                    act.at = v.get("at").into();
                    act.place = v.get("place").into();
                    Ok(None)
                },
            ),
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
            Act_::Review => marking::notice_review_form(p, day),
            Act_::Scope => marking::scope_form(p, &d.leaders, day),
            // Filed as requests above.
            Act_::Loan | Act_::TakeOut | Act_::Copy | Act_::Destroy | Act_::Extend => return,
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
    pub(super) fn explain(&self, key: KeyEvent, cx: &mut Ctx<'_>) {
        let (Some(d), KeyCode::Char(c)) = (&self.page.data, key.code) else {
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

pub(super) fn date_field(today: &str) -> Field {
    Field::text("date", "日期").with(today).required()
}

fn channel_field() -> Field {
    Field::choice("channel", "传递方式", &Channel::ALL.map(Channel::name))
        .hint("不得用普通邮政、快递、明码电报、普通传真（R-PAP-6）")
}

/// A form that records one act: `fill` copies the values into the act (and may name a request).
pub(super) fn act_form(
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
                Ok(done_message(kind, &p))
            }))
        }),
    )
    .note(format!("{}《{}》", p.mark(), p.title))
}

/// What the status line says once an act is recorded: what changed, in the ledger's words.
pub(super) fn done_message(kind: EventKind, p: &Paper) -> String {
    match kind {
        EventKind::Review => format!("{} 解密审查已登记，现为{}", p.no, p.mark()),
        EventKind::Extend => format!(
            "{} 已延长使用至{}",
            p.no,
            p.extended_until.map(dates::zh).unwrap_or_default()
        ),
        EventKind::Scope => format!("{} 知悉范围已确定：{}", p.no, p.scope.join("、")),
        _ => format!("{} 已办理{}，当前{}", p.no, kind.name(), p.state.name()),
    }
}
