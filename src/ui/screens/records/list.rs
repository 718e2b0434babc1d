//! A described ledger's list (移动存储介质台帐, 计算机台帐, 设备台帐 …): the columns of `spec.list`,
//! paged from the database, filtered by state (在管 first) and by the ledger's first choice field
//! (a medium's 类型, a computer's 类别: the 涉密/内部/互联网 views); Enter opens the record's page,
//! `a` registers one. One screen serves every ledger described in `domain::rules`.

use std::any::Any;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::form::{Added, add_form};
use super::page::RecordPage;
use crate::domain::ledgers::record::LEVEL;
use crate::domain::ledgers::{FieldSpec, Kind, LedgerSpec, Record};
use crate::store::records::Filter;
use crate::ui::keymap::{self, Binding, Hint, OFFICER, ch, code};
use crate::ui::screens::{Ctx, RenderCtx, Screen};
use crate::ui::text_width::width;
use crate::ui::widgets::paged::{Move, Paged, Records};
use crate::ui::widgets::table::{self, Column, Row};

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Move(Move),
    Open,
    Add,
    Check,
    State,
    Split,
}

/// One step of the state filter: its name and the filter it sets.
struct Step {
    name: &'static str,
    held: bool,
    state: Option<&'static str>,
}

/// 在管 first (what the office answers for), then 全部, then each state.
fn steps(spec: &LedgerSpec) -> Vec<Step> {
    let mut v = vec![
        Step {
            name: "在管",
            held: true,
            state: None,
        },
        Step {
            name: "全部",
            held: false,
            state: None,
        },
    ];
    v.extend(spec.states.iter().map(|s| Step {
        name: s.label,
        held: false,
        state: Some(s.key),
    }));
    v
}

/// The field whose values divide the ledger into views: the first field when it is a choice.
fn split_field(spec: &LedgerSpec) -> Option<(&'static FieldSpec, &'static [&'static str])> {
    spec.fields.first().and_then(|f| match f.kind {
        Kind::Choice(options) => Some((f, options)),
        _ => None,
    })
}

pub struct RecordList {
    spec: &'static LedgerSpec,
    list: Paged<Records>,
    step: usize,
    /// The view by the split field's value; all when `None`.
    split: Option<&'static str>,
    /// A record just registered from here: selected when the list shows again, so that Enter
    /// opens it for its label and first act.
    added: Added,
}

impl RecordList {
    pub fn new(spec: &'static LedgerSpec) -> RecordList {
        let mut list = RecordList {
            spec,
            list: Paged::over(Records {
                spec,
                filter: Filter::default(),
            }),
            step: 0,
            split: None,
            added: Added::default(),
        };
        list.set_filter();
        list
    }

    /// The ledger seen as one value of its split field: `computer` as 涉密 only.
    pub fn viewing(spec: &'static LedgerSpec, value: &'static str) -> RecordList {
        let mut list = RecordList::new(spec);
        if split_field(spec).is_some_and(|(_, o)| o.contains(&value)) {
            list.split = Some(value);
            list.set_filter();
        }
        list
    }

    fn set_filter(&mut self) {
        let steps = steps(self.spec);
        let step = &steps[self.step.min(steps.len() - 1)];
        self.list.filter = Filter {
            state: step.state.map(str::to_string),
            held: step.held,
            values: match (split_field(self.spec), self.split) {
                (Some((f, _)), Some(v)) => vec![(f.key.to_string(), v.to_string())],
                _ => Vec::new(),
            },
        };
    }

    fn bindings(&self) -> Vec<Binding<Cmd>> {
        let mut b = Move::bindings(Cmd::Move);
        b.extend([
            Binding::new(code(KeyCode::Enter), "打开", Cmd::Open),
            Binding::new(ch('a'), "登记", Cmd::Add).only(OFFICER),
            Binding::new(ch('s'), "状态", Cmd::State).help_only(),
        ]);
        // 清查核对 by scanning, for the ledgers whose records are checked.
        if self.spec.act("check").is_some() {
            b.push(Binding::new(ch('k'), "清查核对", Cmd::Check).only(OFFICER));
        }
        if let Some((f, _)) = split_field(self.spec) {
            b.push(Binding::new(ch('c'), f.label, Cmd::Split).help_only());
        }
        b
    }

    /// The filters, each with the key that changes it.
    fn filter_parts(&self) -> Vec<(char, String)> {
        let steps = steps(self.spec);
        let mut parts = vec![('s', format!("状态:{}", steps[self.step].name))];
        if let Some((f, _)) = split_field(self.spec) {
            parts.push(('c', format!("{}:{}", f.label, self.split.unwrap_or("全部"))));
        }
        parts
    }
}

impl Screen for RecordList {
    fn title(&self) -> String {
        match self.split {
            Some(v) => format!("{}（{v}）", self.spec.title),
            None => self.spec.title.to_string(),
        }
    }

    fn hints(&self) -> Vec<Hint> {
        keymap::hints(&self.bindings())
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        // Back from a record's page or a form: the same row stays selected, or the one just
        // registered.
        match self.added.take() {
            Some(r) => self.list.refresh_at(r, cx),
            None => self.list.refresh(cx),
        }
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        self.list.reply(reply, cx);
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        let Some(cmd) = keymap::find(&self.bindings(), &key) else {
            return;
        };
        match cmd {
            Cmd::Move(m) => self.list.go(m, cx),
            Cmd::Open => {
                if let Some(r) = self.list.current() {
                    cx.push(RecordPage::new(self.spec, &r.no));
                }
            }
            Cmd::Add => {
                if cx.require_officer(&format!("登记{}", self.spec.noun)) {
                    cx.modal(add_form(
                        self.spec,
                        self.split,
                        cx.today,
                        self.added.clone(),
                    ));
                }
            }
            Cmd::Check => {
                if cx.require_officer("清查核对") {
                    cx.push(super::RecordCheck::new(self.spec));
                }
            }
            Cmd::State => {
                self.step = (self.step + 1) % steps(self.spec).len();
                self.set_filter();
                self.list.reload(cx);
            }
            Cmd::Split => {
                if let Some((_, options)) = split_field(self.spec) {
                    let i = self
                        .split
                        .and_then(|v| options.iter().position(|o| *o == v))
                        .map_or(0, |i| i + 1);
                    self.split = options.get(i).copied();
                    self.set_filter();
                    self.list.reload(cx);
                }
            }
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let mut spans = Vec::new();
        for (i, (key, text)) in self.filter_parts().into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw("  "));
            }
            spans.push(Span::styled(format!("{key} "), r.theme.key()));
            spans.push(Span::styled(text, r.theme.dim()));
        }
        f.render_widget(
            Paragraph::new(vec![
                Line::from(spans),
                Line::from(Span::styled(self.list.position(), r.theme.header())),
            ]),
            Rect { height: 2, ..area },
        );
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        let height = usize::from(body.height.saturating_sub(1));
        let offset = self.list.offset(height);
        let records = self.list.rows();
        let cells: Vec<Vec<String>> = records.iter().map(|rec| cells(self.spec, rec)).collect();
        let shown: Vec<Vec<String>> = cells.iter().skip(offset).take(height).cloned().collect();
        let cols = columns(self.spec, &shown, body.width);
        let level_at = self.spec.list.iter().position(|k| *k == LEVEL);
        let rows: Vec<Row> = records
            .iter()
            .zip(cells)
            .map(|(rec, cells)| {
                let row = Row::new(cells);
                match (level_at, rec.level) {
                    (Some(i), Some(l)) => row.styled(i, r.theme.level(l)),
                    _ => row,
                }
            })
            .collect();
        if rows.is_empty() {
            table::render(f, body, &r.theme, &cols, &[], None, 0);
            // Under a state filter the ledger may still hold records (a review concluded is not
            // 在管): say which filter is empty and how to see the others.
            let steps = steps(self.spec);
            let step = &steps[self.step.min(steps.len() - 1)];
            let mut hint = if step.held || step.state.is_some() {
                format!("没有{}的{}（按 s 换状态）", step.name, self.spec.noun)
            } else {
                format!("没有{}", self.spec.noun)
            };
            if r.user.is_some_and(|u| u.is_officer()) {
                hint.push_str("。按 a 登记");
            }
            f.render_widget(
                Paragraph::new(Span::styled(hint, r.theme.dim())),
                Rect {
                    y: body.y + 1,
                    height: 1,
                    ..body
                },
            );
            return None;
        }
        table::render(
            f,
            body,
            &r.theme,
            &cols,
            &rows,
            Some(self.list.selected()),
            offset,
        );
        None
    }
}

/// The columns of `spec.list` sized to what the rows on screen hold, within `total` cells: a
/// text column gives up room before a number, a level or a state is cut.
pub(super) fn columns(spec: &LedgerSpec, rows: &[Vec<String>], total: u16) -> Vec<Column> {
    let mut cols: Vec<Column> = spec
        .list
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let title = spec.column_label(key);
            let text = !matches!(*key, "no" | "state" | LEVEL);
            let content = rows
                .iter()
                .map(|r| width(r.get(i).map(String::as_str).unwrap_or("")))
                .max()
                .unwrap_or(0);
            let cap = if text { 16 } else { 18 };
            let min = content.min(cap).max(width(title)) as u16;
            table::col(title, min, u16::from(text))
        })
        .collect();
    let gaps = cols.len().saturating_sub(1) as u16;
    let mut over = (cols.iter().map(|c| c.min).sum::<u16>() + gaps).saturating_sub(total);
    // Narrow the widest text column a cell at a time, never below its title.
    while over > 0 {
        let Some(c) = cols
            .iter_mut()
            .filter(|c| c.weight > 0 && c.min > width(c.title) as u16)
            .max_by_key(|c| c.min)
        else {
            break;
        };
        c.min -= 1;
        over -= 1;
    }
    cols
}

/// A record's cells in the order of `spec.list`, safe for the terminal.
pub(super) fn cells(spec: &LedgerSpec, r: &Record) -> Vec<String> {
    spec.list
        .iter()
        .map(|k| crate::domain::text::for_terminal(&r.column(k)).into_owned())
        .collect()
}
