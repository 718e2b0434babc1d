//! 密件: one paper's page — its mark, state, location, holder, the requests on it and its whole
//! history (each row read whole with Enter) — and the acts possible now, each a form. Acts that
//! need a leader's approval ask for it first.

mod acts;
mod duties;
mod marking;
mod requests;

pub(crate) use requests::file_job;

use std::any::Any;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::history::{self, History, RowCmd};
use super::{Ctx, RenderCtx, Screen};
use crate::domain::approval::RequestKind;
use crate::domain::cabinet::Cabinet;
use crate::domain::carrier::EventKind;
use crate::domain::dates;
use crate::domain::gap::GapField;
use crate::domain::paper::Paper;
use crate::store::approvals::{self, Request};
use crate::store::mismatches::{self, Mismatch};
use crate::store::papers::{self, EventRecord};
use crate::store::{accounts, gaps, notebooks};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, OFFICER, ch};
use crate::ui::text_width::fit;
use crate::ui::widgets::table::Row;

struct PageData {
    paper: Paper,
    history: Vec<EventRecord>,
    source: Option<String>,
    derived: Vec<String>,
    approved: Vec<Request>,
    /// Requests on the paper waiting for a decision (issue 9 point 17).
    pending: Vec<Request>,
    /// The unit's leaders: who may instruct a knowledge scope (R-CLS-2).
    leaders: Vec<String>,
    /// The cabinets a location field offers (R-PAP-10).
    cabinets: Vec<Cabinet>,
    /// Receipt mismatches recorded on the paper, open first (R-PAP-4).
    mismatches: Vec<Mismatch>,
    /// Register fields an import left 待补 (R-PAP-3).
    gaps: Vec<GapField>,
    /// A secrecy notebook, with whom it was issued to: 在用 while out, handed in rather than
    /// returned (R-PAP-26).
    notebook: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    Row(RowCmd),
    Act(Act_),
    Duty(Duty),
}

use acts::Act_;
use duties::Duty;

pub struct PaperPage {
    no: String,
    page: History<PageData, Act_>,
}

impl PaperPage {
    pub fn new(no: &str) -> PaperPage {
        PaperPage {
            no: no.to_string(),
            page: History::new(|d| d.history.len()),
        }
    }

    /// The page with the act that carries out an approved request of `kind` opened on it.
    pub fn carrying_out(no: &str, kind: RequestKind) -> PaperPage {
        let mut page = PaperPage::new(no);
        let act = Act_::ALL
            .into_iter()
            .find(|a| a.request_kind() == Some(kind));
        page.page.then = act;
        page
    }

    fn bindings(&self) -> Vec<Binding<Cmd>> {
        let mut b = History::<PageData, Act_>::bindings(Cmd::Row);
        if let Some(d) = &self.page.data {
            for a in Act_::ALL {
                if a.possible(&d.paper) {
                    b.push(Binding::new(ch(a.key()), d.label(a), Cmd::Act(a)).only(OFFICER));
                }
            }
            for t in Duty::ALL {
                if t.possible(d) {
                    b.push(Binding::new(ch(t.key()), t.label(), Cmd::Duty(t)).only(OFFICER));
                }
            }
        }
        b
    }

    /// The history row under the selection, whole, in a popup (issue 9 point 15).
    fn detail(&self, cx: &mut Ctx<'_>) {
        let Some(e) = self.page.selected(|d| &d.history) else {
            return;
        };
        let mut lines = Vec::new();
        let detail = crate::report::event_detail(e);
        for part in detail.split('；').filter(|p| !p.is_empty()) {
            match part.split_once('：') {
                Some((k, v)) if !k.is_empty() && k.chars().count() <= 8 => {
                    lines.push((k.to_string(), v.to_string()))
                }
                _ => lines.push(("说明".to_string(), part.to_string())),
            }
        }
        let act = (e.on, e.kind.name());
        cx.modal(history::detail(&self.no, act, lines, (&e.handler, None)));
    }
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
            use crate::domain::approval::RequestState;
            let (approved, pending) =
                approvals::list(conn, &[RequestState::Approved, RequestState::Pending])
                    .map_err(|e| e.to_string())?
                    .into_iter()
                    .filter(|r| r.papers.contains(&paper.no))
                    .partition(|r| r.state == RequestState::Approved);
            let leaders = accounts::leader_names(conn).map_err(|e| e.to_string())?;
            let mismatches = mismatches::list(conn, false)
                .map_err(|e| e.to_string())?
                .into_iter()
                .filter(|m| m.no == paper.no)
                .collect();
            let gaps = gaps::open_fields(conn, paper.id).map_err(|e| e.to_string())?;
            let notebook = if notebooks::is_notebook(conn, paper.id).map_err(|e| e.to_string())? {
                notebooks::list(conn, false)
                    .map_err(|e| e.to_string())?
                    .into_iter()
                    .find(|n| n.paper.id == paper.id)
                    .map(|n| n.issued_to)
            } else {
                None
            };
            Ok(PageData {
                cabinets: super::cabinets::load(s),
                paper,
                history,
                source,
                derived,
                approved,
                pending,
                leaders,
                mismatches,
                gaps,
                notebook,
            })
        });
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        // A reread for an act keeps the row the officer was on.
        if let Some(a) = self.page.reply(reply, self.page.then.is_some()) {
            self.open(a, cx);
        }
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match keymap::find(&self.bindings(), &key) {
            Some(Cmd::Row(c)) if self.page.key(c) => self.detail(cx),
            Some(Cmd::Row(_)) => {}
            Some(Cmd::Act(a)) => {
                // The page is read again first: a leader may have decided a request on this paper
                // in another session since it was shown, and the act depends on that.
                self.page.then = Some(a);
                self.on_show(cx);
            }
            Some(Cmd::Duty(t)) => {
                if let Some(d) = &self.page.data
                    && cx.require_officer(t.label())
                {
                    cx.modal(t.form(d, cx.today));
                }
            }
            None => self.explain(key, cx),
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let d = self.page.loaded(f, area, &r.theme)?;
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
            // The title whole: the paragraph wraps it (issue 9 point 15).
            Span::raw(crate::domain::text::for_terminal(&p.title).into_owned()),
        ])];
        let mut l1 = kv("状态", d.state_name().into());
        if let Some(to) = &d.notebook {
            l1.extend(kv("领用人", to.clone()));
        }
        if d.notebook.as_ref() != Some(&p.holder) {
            l1.extend(kv(
                "持有人",
                if p.holder.is_empty() {
                    "-".into()
                } else {
                    p.holder.clone()
                },
            ));
        }
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
        let mut l2 = if d.gaps.contains(&GapField::Originator) {
            vec![
                Span::styled("来文单位：", r.theme.dim()),
                Span::styled(format!("{}  ", p.originator), r.theme.due_soon()),
            ]
        } else {
            kv("来文单位", p.originator.clone())
        };
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
        lines.push(Line::from(kv("知悉范围", scope_in_force(p, &d.history))));
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
        if !d.gaps.is_empty() {
            lines.push(Line::from(Span::styled(
                format!(
                    "待补登记：{}（导入时缺，按 u 补登，R-PAP-3）",
                    crate::domain::gap::names(&d.gaps)
                ),
                r.theme.due_soon(),
            )));
        }
        for m in &d.mismatches {
            lines.push(Line::from(match m.resolved_on {
                None => Span::styled(
                    format!(
                        "收文不符（R-PAP-4）记录{} {}：{}；待与{}核对",
                        m.id,
                        dates::iso(m.on),
                        m.note,
                        m.originator
                    ),
                    r.theme.overdue(),
                ),
                Some(on) => Span::styled(
                    format!(
                        "收文不符 记录{}：{}；{}已核对：{}",
                        m.id,
                        m.note,
                        dates::zh(on),
                        m.resolution
                    ),
                    r.theme.dim(),
                ),
            }));
        }
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
        if !d.pending.is_empty() {
            let text = d
                .pending
                .iter()
                .map(|q| {
                    format!(
                        "申请{} {}（{}提交，待{}审批）",
                        q.id,
                        q.kind.name(),
                        dates::zh(q.requested_on),
                        q.decider
                    )
                })
                .collect::<Vec<_>>()
                .join("、");
            lines.push(Line::from(Span::styled(
                format!("待审批：{text}"),
                r.theme.due_soon(),
            )));
        }
        let acts: Vec<Span> = Act_::ALL
            .iter()
            .filter(|a| a.possible(p))
            .flat_map(|a| {
                [
                    Span::styled(a.key().to_string(), r.theme.key()),
                    Span::raw(format!(" {}  ", d.label(*a))),
                ]
            })
            .chain(Duty::ALL.iter().filter(|t| t.possible(d)).flat_map(|t| {
                [
                    Span::styled(t.key().to_string(), r.theme.key()),
                    Span::raw(format!(" {}  ", t.label())),
                ]
            }))
            .collect();
        let officer = r.user.is_some_and(|u| u.is_officer());
        if !officer {
            // A leader or a reader is not offered the officer's acts (issue 9 point 16).
        } else if acts.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("该密件{}，不能再办理（R-PAP-25）", p.state.name()),
                r.theme.dim(),
            )));
        } else {
            let mut l = vec![Span::styled("可办理：", r.theme.dim())];
            l.extend(acts);
            lines.push(Line::from(l));
        }
        // Rows the lines take once wrapped (a little over rather than under: nothing is cut).
        let top: u16 = lines
            .iter()
            .map(|l| {
                let lw = l.width();
                if lw <= w {
                    1
                } else {
                    lw.div_ceil(w.saturating_sub(4).max(1)) as u16
                }
            })
            .sum();
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
        self.page.draw(f, area, &r.theme, (lines, top), &rows);
        None
    }
}

impl PageData {
    /// A notebook out with its person is 在用, not 借出 (R-PAP-26).
    fn state_name(&self) -> &'static str {
        match &self.notebook {
            Some(to) => notebooks::Notebook {
                paper: self.paper.clone(),
                issued_to: to.clone(),
            }
            .state_name(),
            None => self.paper.state.name(),
        }
    }

    /// A notebook comes back by being handed in (交回), not returned (R-PAP-26).
    fn label(&self, a: Act_) -> &'static str {
        if self.notebook.is_some() && a == Act_::Back {
            "交回"
        } else {
            a.label()
        }
    }
}

/// The knowledge scope in force (R-CLS-2), with the leader's instruction that set it last.
fn scope_in_force(p: &Paper, history: &[EventRecord]) -> String {
    if p.scope.is_empty() {
        return "（未确定）".into();
    }
    let scope = p.scope.join("、");
    match history.iter().rev().find(|e| e.kind == EventKind::Scope) {
        Some(e) if !e.person.is_empty() => {
            format!("{scope}（{}批示，{}）", e.person, dates::zh(e.on))
        }
        _ => scope,
    }
}
