//! Batch work, where officers do many papers at once: the monthly count (tick what is found; what
//! is missing becomes a discrepancy), the quarterly check, batch return, the destruction list, and
//! carrying out an approved destruction list. The held papers are paged from the database and the
//! ticks kept as exceptions, so that ticking all of a hundred thousand costs nothing.

use std::any::Any;
use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::confirm::Confirm;
use super::{Ctx, RenderCtx, Screen};
use crate::domain::Refusal;
use crate::domain::carrier::{EventKind, PaperState};
use chrono::NaiveDate;

use crate::domain::dates;
use crate::domain::level::Level;
use crate::domain::paper::{DestroyPlan, Paper, Plan};
use crate::domain::rules::paper::{Act, DESTROY_METHODS};
use crate::domain::text::split_list;
use crate::store::papers::{self, ActInput, Filter, Sort};
use crate::store::stocktake::{self, StocktakeKind};
use crate::store::{StoreError, approvals};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, ch, code};
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};
use crate::ui::widgets::paged::Paged;
use crate::ui::widgets::table::{self, Row, col, scroll};

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

    /// Modes that tick among all held papers (paged); the others show a short fixed list.
    fn paged(self) -> bool {
        matches!(
            self,
            Mode::Count | Mode::Check | Mode::Return | Mode::DestroyList
        )
    }
}

/// Which held papers are chosen: all but the exceptions, or only the exceptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Only(Vec<String>),
    AllBut(Vec<String>),
}

impl Selection {
    /// The numbers chosen, in ledger order, read from the store for "all but".
    fn resolve(&self, conn: &rusqlite::Connection) -> Result<Vec<String>, StoreError> {
        match self {
            Selection::Only(nos) => Ok(nos.clone()),
            Selection::AllBut(except) => {
                let mut out = Vec::new();
                papers::all(conn, &Filter::held(), |p| {
                    if !except.contains(&p.no) {
                        out.push(p.no);
                    }
                    Ok(())
                })?;
                Ok(out)
            }
        }
    }
}

/// Ticks as exceptions to "all" or "none".
#[derive(Debug, Default)]
struct Ticks {
    all: bool,
    except: BTreeMap<i64, String>,
}

impl Ticks {
    fn is(&self, id: i64) -> bool {
        self.all != self.except.contains_key(&id)
    }

    fn toggle(&mut self, p: &Paper) {
        if self.except.remove(&p.id).is_none() {
            self.except.insert(p.id, p.no.clone());
        }
    }

    fn set_all(&mut self, all: bool) {
        self.all = all;
        self.except.clear();
    }

    fn count(&self, total: i64) -> i64 {
        if self.all {
            total - self.except.len() as i64
        } else {
            self.except.len() as i64
        }
    }

    fn selection(&self) -> Selection {
        let nos = self.except.values().cloned().collect();
        if self.all {
            Selection::AllBut(nos)
        } else {
            Selection::Only(nos)
        }
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
}

struct Fixed(Result<(Vec<Paper>, Vec<i64>), String>);

pub struct Batch {
    mode: Mode,
    /// The held papers, for the paged modes.
    list: Paged,
    ticks: Ticks,
    /// The short lists: a destruction request's papers, or the open discrepancies (with their ids).
    fixed: Vec<Paper>,
    gap_ids: Vec<i64>,
    selected: usize,
    offset: std::cell::Cell<usize>,
    loaded: bool,
}

impl Batch {
    pub fn new(mode: Mode) -> Batch {
        Batch {
            mode,
            list: Paged::new(Filter::held(), Sort::Oldest),
            ticks: Ticks::default(),
            fixed: Vec::new(),
            gap_ids: Vec::new(),
            selected: 0,
            offset: std::cell::Cell::new(0),
            loaded: false,
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
                b.push(Binding::new(ch('a'), "全选", Cmd::All));
                b.push(Binding::new(ch('u'), "全不选", Cmd::None).help_only());
                b.push(Binding::new(code(KeyCode::Enter), "完成", Cmd::Finish));
                if matches!(self.mode, Mode::Count | Mode::Check) {
                    b.push(Binding::new(ch('g'), "清点差异", Cmd::Gaps));
                }
            }
        }
        b
    }

    fn rows(&self) -> &[Paper] {
        if self.mode.paged() {
            self.list.rows()
        } else {
            &self.fixed
        }
    }

    fn current(&self) -> Option<&Paper> {
        if self.mode.paged() {
            self.list.current()
        } else {
            self.fixed.get(self.selected)
        }
    }

    fn held(&self) -> i64 {
        self.list.total().unwrap_or(self.list.rows().len() as i64)
    }

    fn finish(&mut self, cx: &mut Ctx<'_>) {
        let today = cx.today;
        let chosen = self.ticks.count(self.held());
        let selection = self.ticks.selection();
        match self.mode {
            Mode::Count | Mode::Check => {
                let kind = if self.mode == Mode::Count {
                    StocktakeKind::Count
                } else {
                    StocktakeKind::Check
                };
                let held = self.held();
                let mut lines = vec![format!(
                    "在管 {held} 件：{}到 {chosen} 件，未找到 {} 件。",
                    kind.name(),
                    held - chosen
                )];
                if let Selection::AllBut(missing) = &selection
                    && !missing.is_empty()
                {
                    lines.push(format!(
                        "未找到的将记为清点差异，待找到或报告遗失：{}{}",
                        missing
                            .iter()
                            .take(6)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("、"),
                        if missing.len() > 6 { "等" } else { "" }
                    ));
                } else if held > chosen {
                    lines.push("未勾选的都将记为清点差异，待找到或报告遗失".into());
                }
                lines.push(format!("日期：{}", dates::zh(cx.today)));
                let on = cx.today;
                cx.modal(Confirm::new(
                    format!("完成{}", kind.name()),
                    lines,
                    Box::new(move |s: &mut Session| {
                        let missing = match &selection {
                            Selection::AllBut(missing) => missing.clone(),
                            Selection::Only(found) => {
                                let found: std::collections::HashSet<&String> =
                                    found.iter().collect();
                                Selection::AllBut(vec![])
                                    .resolve(s.store.conn())?
                                    .into_iter()
                                    .filter(|n| !found.contains(n))
                                    .collect()
                            }
                        };
                        let stamp = s.stamp();
                        let r = s
                            .store
                            .change(&stamp, |c| stocktake::record(c, kind, on, &missing, ""))?;
                        Ok(format!(
                            "{}已记录：清点到{}件，未找到{}件{}",
                            kind.name(),
                            r.found,
                            r.missing.len(),
                            if r.missing.is_empty() {
                                ""
                            } else {
                                "（按 g 处理清点差异）"
                            }
                        ))
                    }),
                ));
            }
            Mode::Return => {
                if chosen == 0 {
                    cx.error("请先用空格勾选要清退的密件");
                    return;
                }
                cx.modal(return_form(selection, chosen, today));
            }
            Mode::DestroyList => {
                if chosen == 0 {
                    cx.error("请先用空格勾选列入销毁清单的密件");
                    return;
                }
                cx.modal(
                    Form::new(
                        "提交销毁清单",
                        vec![Field::text("reason", "理由").with("无保存价值")],
                        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
                            let selection = selection.clone();
                            let reason = v.get("reason").to_string();
                            Ok(Box::new(move |s: &mut Session| {
                                let plan = Plan::Destroy(DestroyPlan {
                                    papers: selection.resolve(s.store.conn())?,
                                    reason,
                                });
                                let stamp = s.stamp();
                                let r = s.store.change(&stamp, |c| approvals::file(c, plan))?;
                                Ok(format!(
                                    "销毁清单已提交为申请 {}，待主管领导审批（R-PAP-23）",
                                    r.id
                                ))
                            }))
                        }),
                    )
                    .note(format!("共 {chosen} 件；批准后由保密员等两人以上销毁")),
                );
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
                cx.modal(destroy_form(id, left, &officer, today));
            }
            Mode::Discrepancies => {}
        }
    }
}

/// 批量清退: every chosen paper returned in one change, all or none (R-PAP-16).
fn return_form(selection: Selection, n: i64, today: NaiveDate) -> Form {
    Form::new(
        "批量清退",
        vec![
            Field::text("unit", "退往单位").hint("不写则各退原制发机关（R-PAP-16）"),
            Field::text("person", "签收人").required(),
            Field::choice(
                "channel",
                "传递方式",
                &["机要交通", "机要通信", "保密员专送", "专人专车"],
            ),
            Field::text("reference", "依据").hint("退往他处时保密行政管理部门的意见"),
            Field::text("date", "日期")
                .with(&dates::zh(today))
                .required(),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let on = dates::parse_past("日期", v.get("date"), today)?;
            let unit = v.get("unit").to_string();
            let person = v.get("person").to_string();
            let channel = v.get("channel").to_string();
            let reference = v.get("reference").to_string();
            let selection = selection.clone();
            Ok(Box::new(move |s: &mut Session| {
                let nos = selection.resolve(s.store.conn())?;
                let stamp = s.stamp();
                let done = s.store.change(&stamp, |c| {
                    for no in &nos {
                        let p = papers::get(&c.tx, no)?;
                        let act = Act {
                            on,
                            unit: if unit.is_empty() {
                                p.originator.clone()
                            } else {
                                unit.clone()
                            },
                            person: person.clone(),
                            channel: channel.clone(),
                            reference: reference.clone(),
                            ..Act::default()
                        };
                        papers::act(
                            c,
                            no,
                            &ActInput {
                                kind: EventKind::Return,
                                act,
                                request_id: None,
                                reading_rooms: &[],
                            },
                        )
                        .map_err(|e| with_no(no, e))?;
                    }
                    Ok(nos.len())
                })?;
                Ok(format!("已清退 {done} 件"))
            }))
        }),
    )
    .note(format!("共 {n} 件，全部成功才登记"))
}

/// 销毁: the approved list, by two people including the officer, method recorded (R-PAP-23/24).
fn destroy_form(id: i64, nos: Vec<String>, officer: &str, today: NaiveDate) -> Form {
    let n = nos.len();
    Form::new(
        format!("销毁：申请 {id}"),
        vec![
            Field::text("persons", "销毁人")
                .required()
                .with(officer)
                .hint("两人以上，须有保密员，用顿号分隔"),
            Field::choice("method", "销毁方式", &DESTROY_METHODS)
                .hint("绝密件和密码电报只能在本单位销毁（R-PAP-24）"),
            Field::text("date", "日期")
                .with(&dates::zh(today))
                .required(),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let act = Act {
                on: dates::parse_past("日期", v.get("date"), today)?,
                persons: split_list(v.get("persons")),
                method: v.get("method").into(),
                ..Act::default()
            };
            let nos = nos.clone();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let n = s.store.change(&stamp, |c| {
                    for no in &nos {
                        papers::act(
                            c,
                            no,
                            &ActInput {
                                kind: EventKind::Destroy,
                                act: act.clone(),
                                request_id: Some(id),
                                reading_rooms: &[],
                            },
                        )
                        .map_err(|e| with_no(no, e))?;
                    }
                    Ok(nos.len())
                })?;
                Ok(format!(
                    "已销毁 {n} 件并登记注销；请打印销毁清单由销毁人签字"
                ))
            }))
        }),
    )
    .note(format!("共 {n} 件；清点、登记、注销后销毁"))
}

/// Names the paper a refusal is about, in a batch.
fn with_no(no: &str, e: StoreError) -> StoreError {
    match e {
        StoreError::Refused(Refusal::Rule { id, message }) => StoreError::Refused(Refusal::Rule {
            id,
            message: format!("{no}：{message}"),
        }),
        other => other,
    }
}

impl Screen for Batch {
    fn unsaved(&self) -> Option<String> {
        (self.ticks.all || !self.ticks.except.is_empty())
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
        if self.mode.paged() {
            self.list.reload(cx);
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
        match keymap::find(&self.bindings(), &key) {
            Some(Cmd::Up) if paged => self.list.up(cx),
            Some(Cmd::Down) if paged => self.list.down(cx),
            Some(Cmd::PageUp) if paged => self.list.page_up(cx),
            Some(Cmd::PageDown) if paged => self.list.page_down(cx),
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Down) => self.selected = (self.selected + 1).min(last),
            Some(Cmd::PageUp) => self.selected = self.selected.saturating_sub(10),
            Some(Cmd::PageDown) => self.selected = (self.selected + 10).min(last),
            Some(Cmd::Toggle) => {
                if let Some(p) = self.list.current().cloned() {
                    self.ticks.toggle(&p);
                    self.list.down(cx);
                }
            }
            Some(Cmd::All) => self.ticks.set_all(true),
            Some(Cmd::None) => self.ticks.set_all(false),
            Some(Cmd::Finish) => self.finish(cx),
            Some(Cmd::Gaps) => cx.push(Batch::new(Mode::Discrepancies)),
            Some(c @ (Cmd::Found | Cmd::Lost)) => {
                let (Some(p), Some(id)) = (self.current(), self.gap_ids.get(self.selected)) else {
                    return;
                };
                let id = *id;
                let found = matches!(c, Cmd::Found);
                let day = cx.today;
                let today = dates::zh(day);
                cx.modal(
                    Form::new(
                        if found {
                            "清点差异：已找到"
                        } else {
                            "清点差异：报告遗失"
                        },
                        vec![
                            Field::text("note", "说明").hint(if found {
                                "在何处找到"
                            } else {
                                "经过；并按规定报告（R-INC-1）"
                            }),
                            Field::text("date", "日期").with(&today).required(),
                        ],
                        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
                            let on = dates::parse_past("日期", v.get("date"), day)?;
                            let note = v.get("note").to_string();
                            Ok(Box::new(move |s: &mut Session| {
                                let stamp = s.stamp();
                                s.store.change(&stamp, |c| {
                                    stocktake::resolve(c, id, found, on, &note)
                                })?;
                                Ok(if found {
                                    "已记为找到".to_string()
                                } else {
                                    "已报告遗失；该密件此后只能办理找回（R-INC-4）".to_string()
                                })
                            }))
                        }),
                    )
                    .note(format!("{}《{}》", p.no, p.title)),
                );
            }
            None => {}
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let head = match self.mode {
            Mode::Discrepancies => format!("未清点到、尚未处理的密件 {} 件", self.fixed.len()),
            Mode::Destroy(_) => format!(
                "销毁清单 {} 件（已销毁 {} 件）",
                self.fixed.len(),
                self.fixed
                    .iter()
                    .filter(|p| p.state == PaperState::Destroyed)
                    .count()
            ),
            m => format!(
                "在管密件 {} 件，已勾选{} {} 件    {}",
                self.list
                    .total()
                    .map(|t| t.to_string())
                    .unwrap_or_else(|| "...".into()),
                m.tick_label(),
                self.ticks.count(self.held()),
                self.list.position()
            ),
        };
        let guide = match self.mode {
            Mode::Count | Mode::Check => {
                "找到的按空格勾选（或 a 全选再取消未找到的）；未勾选的记为清点差异"
            }
            Mode::Return => "勾选要清退的密件（按登记先后排列），完成后填写签收人",
            Mode::DestroyList => "勾选无保存价值、需销毁的密件，完成后提交主管领导审批",
            Mode::Destroy(_) => "核对清单后按 Enter 登记销毁人和销毁方式",
            Mode::Discrepancies => "逐件处理：找到按 f，确认遗失按 l",
        };
        f.render_widget(
            Paragraph::new(vec![
                ratatui::text::Line::from(Span::styled(head, r.theme.header())),
                ratatui::text::Line::from(Span::styled(guide, r.theme.dim())),
            ]),
            Rect { height: 2, ..area },
        );
        if !self.loaded {
            return None;
        }
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        let height = usize::from(body.height.saturating_sub(1));
        let (offset, selected) = if self.mode.paged() {
            (self.list.offset(height), self.list.selected())
        } else {
            let o = scroll(self.selected, self.offset.get(), height);
            self.offset.set(o);
            (o, self.selected)
        };
        let rows = self.rows();
        let no_w = table::number_width(rows.iter().map(|p| p.no.as_str()));
        let shown: Vec<Row> = rows
            .iter()
            .map(|p| {
                let tick = match self.mode {
                    Mode::Discrepancies => "[?]",
                    _ if p.state == PaperState::Destroyed => "[已]",
                    Mode::Destroy(_) => "[X]",
                    _ if self.ticks.is(p.id) => "[X]",
                    _ => "[ ]",
                };
                Row::new(vec![
                    tick.to_string(),
                    p.no.clone(),
                    p.title.clone(),
                    r.theme.mark(&p.mark().to_string()),
                    p.state.name().to_string(),
                    if p.holder.is_empty() {
                        p.keeper.clone()
                    } else {
                        p.holder.clone()
                    },
                    p.location.clone(),
                ])
                .styled(3, r.theme.level(p.level))
                .styled(
                    0,
                    if p.level == Level::TopSecret {
                        r.theme.level(p.level)
                    } else {
                        ratatui::style::Style::default()
                    },
                )
            })
            .collect();
        table::render(
            f,
            body,
            &r.theme,
            &[
                col("", 4, 0),
                col("编号", no_w, 0),
                col("标题", 10, 1),
                col("标志", 9, 0),
                col("状态", 8, 0),
                col("持有人", 6, 0),
                col("位置", 8, 0),
            ],
            &shown,
            Some(selected),
            offset,
        );
        None
    }
}
