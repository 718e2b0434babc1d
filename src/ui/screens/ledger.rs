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
use super::paper::PaperPage;
use super::{Ctx, Nav, RenderCtx, Screen};
use crate::domain::Refusal;
use crate::domain::approval::{RequestKind, RequestState};
use crate::domain::carrier::PaperState;
use crate::domain::dates;
use crate::domain::level::Level;
use crate::domain::numbering::Series;
use crate::domain::paper::ReceiveForm;
use crate::store::approvals;
use crate::store::papers::{self, Filter, Sort};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, OFFICER, ch, code};
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};
use crate::ui::widgets::paged::Paged;
use crate::ui::widgets::table::{self, Row, col};

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
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
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger {
            list: Paged::new(Filter::held(), Sort::Newest),
            state_step: 1,
            years: Vec::new(),
            holder_input: None,
        }
    }

    fn bindings() -> Vec<Binding<Cmd>> {
        vec![
            Binding::new(code(KeyCode::Up), "上移", Cmd::Up).help_only(),
            Binding::new(code(KeyCode::Down), "下移", Cmd::Down).help_only(),
            Binding::new(code(KeyCode::PageUp), "上一页", Cmd::PageUp).help_only(),
            Binding::new(code(KeyCode::PageDown), "下一页", Cmd::PageDown).help_only(),
            Binding::new(code(KeyCode::Home), "第一条", Cmd::Home).help_only(),
            Binding::new(code(KeyCode::End), "最后一条", Cmd::End).help_only(),
            Binding::new(code(KeyCode::Enter), "打开", Cmd::Open),
            Binding::new(ch('n'), "收文登记", Cmd::Receive).only(OFFICER),
            Binding::new(ch('c'), "每月清点", Cmd::Count).only(OFFICER),
            Binding::new(ch('k'), "季度核查", Cmd::Check).only(OFFICER),
            Binding::new(ch('t'), "批量清退", Cmd::Return).only(OFFICER),
            Binding::new(ch('x'), "销毁清单", Cmd::Destroy).only(OFFICER),
            Binding::new(ch('m'), "制作登记", Cmd::Make).only(OFFICER),
            Binding::new(ch('s'), "状态", Cmd::State),
            Binding::new(ch('l'), "密级", Cmd::Level),
            Binding::new(ch('y'), "年份", Cmd::Year),
            Binding::new(ch('h'), "持有人", Cmd::Holder),
            Binding::new(ch('o'), "排序", Cmd::Sort),
        ]
    }

    fn filter_label(&self) -> String {
        let steps = state_steps();
        let state = steps
            .get(self.state_step)
            .map(|s| s.0.clone())
            .unwrap_or_default();
        let f = &self.list.filter;
        format!(
            "状态:{}  密级:{}  年份:{}  持有人:{}  排序:{}",
            state,
            f.level.map(|l| l.name()).unwrap_or("全部"),
            f.year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "全部".into()),
            f.holder.clone().unwrap_or_else(|| "全部".into()),
            self.list.sort.name()
        )
    }
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger::new()
    }
}

/// 收文登记: the receive register's columns (R-PAP-3); the number is issued on saving (R-PAP-4).
pub fn receive_form(today: &str) -> Form {
    let fields = vec![
        Field::text("title", "标题").required(),
        Field::text("originator", "来文单位").required(),
        Field::text("doc_no", "文号").hint("如 江委办〔2026〕3号"),
        Field::choice("level", "密级", &["秘密", "机密", "绝密", "内部", "非密"]),
        Field::text("period", "保密期限")
            .hint("10年、长期或到期日期；不写按密级默认（绝密30年 机密20年 秘密10年）"),
        Field::text("scope", "知悉范围").hint("主管领导确定的人名或部门，用顿号分隔"),
        Field::text("copies", "份数").with("1"),
        Field::text("copy_nos", "份号").hint("如 3,4；写则须与份数一致"),
        Field::text("date", "收文日期").with(today),
        Field::text("return_by", "清退期限").hint("制发机关规定的清退时间（R-PAP-15）"),
        Field::text("location", "存放位置").hint("如 1号保密柜；绝密单独存放"),
        Field::text("holder", "签收人").hint("默认为当前保密员"),
        Field::check("no_keep", "无保存价值"),
        Field::check("cipher", "密码电报"),
        Field::check("no_copy", "不允许复制"),
    ];
    Form::new(
        "收文登记",
        fields,
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let form = ReceiveForm {
                no: String::new(),
                date: v.get("date").into(),
                originator: v.get("originator").into(),
                doc_no: v.get("doc_no").into(),
                title: v.get("title").into(),
                level: v.get("level").into(),
                period: v.get("period").into(),
                scope: v.get("scope").into(),
                copies: v.get("copies").into(),
                copy_nos: v.get("copy_nos").into(),
                return_by: v.get("return_by").into(),
                location: v.get("location").into(),
                holder: v.get("holder").into(),
                no_keep: v.flag("no_keep"),
                cipher: v.flag("cipher"),
                no_copy: v.flag("no_copy"),
            };
            Ok(Box::new(move |s: &mut Session| {
                let receipt = form.parse(s.today())?;
                let format = s.settings().format(Series::Receipt).to_string();
                let stamp = s.stamp();
                let p = s
                    .store
                    .change(&stamp, |c| papers::receive(c, &receipt, &format))?;
                Ok(format!("已登记，收文编号 {}（{}）", p.no, p.mark()))
            }))
        }),
    )
    .note("请在文件首页上方加盖收文章，填写收文编号和日期（R-PAP-4）")
}

/// 制作登记: carried out from an approved make request (R-PAP-1, R-PAP-2).
pub fn make_form(ready: &[(i64, String)], today: &str) -> Form {
    let ids: Vec<String> = ready.iter().map(|(id, _)| id.to_string()).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let note = ready
        .iter()
        .map(|(id, s)| format!("申请{id}：{s}"))
        .collect::<Vec<_>>()
        .join("；");
    Form::new(
        "制作登记",
        vec![
            Field::choice("request", "申请号", &refs),
            Field::text("copies", "实际制作份数")
                .required()
                .hint("不得超过批准份数（R-PAP-2）"),
            Field::text("location", "存放位置"),
            Field::text("waste", "残次品处理").hint("中间材料及残次品：已销毁 或 留存"),
            Field::text("date", "日期").with(today),
        ],
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let request: i64 = v
                .get("request")
                .parse()
                .map_err(|_| Refusal::field("申请号", "没有已批准的制作申请"))?;
            let copies: i64 = v
                .get("copies")
                .parse()
                .map_err(|_| Refusal::field("实际制作份数", "应为正整数"))?;
            let date = v.get("date").to_string();
            let location = v.get("location").to_string();
            let waste = v.get("waste").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let on = if date.is_empty() {
                    s.today()
                } else {
                    dates::parse_past("日期", &date, s.today())?
                };
                let format = s.settings().format(Series::Make).to_string();
                let stamp = s.stamp();
                let p = s.store.change(&stamp, |c| {
                    papers::make(c, request, copies, on, &location, &waste, &format)
                })?;
                Ok(format!(
                    "已制作登记 {}（{}，{}份）",
                    p.no,
                    p.mark(),
                    p.copies
                ))
            }))
        }),
    )
    .note(note)
}

struct MakeReady(Vec<(i64, String)>);
struct Years(Vec<i32>);

impl Screen for Ledger {
    fn title(&self) -> String {
        "收发台帐".into()
    }

    fn nav(&self) -> Option<Nav> {
        Some(Nav::Ledger)
    }

    fn hints(&self) -> Vec<Hint> {
        keymap::hints(&Ledger::bindings())
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        self.list.reload(cx);
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
        if let Ok(m) = reply.downcast::<MakeReady>() {
            if m.0.is_empty() {
                cx.error("没有已批准待办理的制作申请：请先在审批页提交制作申请（R-PAP-1）");
            } else {
                cx.modal(make_form(&m.0, &dates::zh(cx.today)));
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
            Cmd::Up => self.list.up(cx),
            Cmd::Down => self.list.down(cx),
            Cmd::PageUp => self.list.page_up(cx),
            Cmd::PageDown => self.list.page_down(cx),
            Cmd::Home => self.list.home(cx),
            Cmd::End => self.list.end(cx),
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
                    cx.modal(receive_form(&dates::zh(cx.today)));
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
                                .map(|r| (r.id, r.summary))
                                .collect(),
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
                Line::from(Span::styled(
                    {
                        // Closer together when the line would not hold it.
                        let label = self.filter_label();
                        if crate::ui::text_width::width(&label) > usize::from(area.width) {
                            label.replace("  ", " ")
                        } else {
                            label
                        }
                    },
                    r.theme.dim(),
                )),
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
                    p.state.name().to_string(),
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
