//! 常态化检查服务项目表 (R-INS-4): the bureau's 30 items answered as the unit's self-assessment for
//! a year, last year's answer beside each, printed side by side. Reached from 报表打印 (s).

use std::any::Any;
use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Wrap};

use super::{Ctx, Done, RenderCtx, Screen};
use crate::domain::Refusal;
use crate::domain::selfcheck::{ANSWERS, Answer, ITEMS, check_note, parse_answer};
use crate::store;
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, OFFICER, ch, code};
use crate::ui::widgets::cursor::Cursor;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};
use crate::ui::widgets::table::{self, Row, col};

/// A year's answers and the year before's.
struct Loaded {
    year: i32,
    this: BTreeMap<u8, Answer>,
    last: BTreeMap<u8, Answer>,
}

fn load(year: i32) -> impl FnOnce(&mut Session) -> Result<Loaded, String> {
    move |s: &mut Session| {
        let conn = s.store.conn();
        Ok(Loaded {
            year,
            this: store::selfcheck::load(conn, year).map_err(|e| e.to_string())?,
            last: store::selfcheck::load(conn, year - 1).map_err(|e| e.to_string())?,
        })
    }
}

/// Records one answer; the reply says what was recorded or why not.
fn record(year: i32, a: Answer) -> impl FnOnce(&mut Session) -> Done {
    move |s: &mut Session| {
        let stamp = s.stamp();
        let words = format!("{year}年第{}项：{}", a.item, a.answer);
        s.store
            .change(&stamp, |c| store::selfcheck::set(c, year, &[a]))?;
        Ok(words)
    }
}

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Up,
    Down,
    First,
    Last,
    Yes,
    No,
    NotApplicable,
    Note,
    Earlier,
    Later,
    Print,
}

pub struct Selfcheck {
    year: i32,
    data: Option<Result<Loaded, String>>,
    cursor: Cursor,
}

impl Selfcheck {
    pub fn new(year: i32) -> Selfcheck {
        Selfcheck {
            year,
            data: None,
            cursor: Cursor::default(),
        }
    }

    fn bindings() -> Vec<Binding<Cmd>> {
        let [up, down] = Cursor::bindings(Cmd::Up, Cmd::Down);
        vec![
            up,
            down,
            // After the last item of one year the officer starts the next from the first.
            Binding::new(code(KeyCode::Home), "第一项", Cmd::First).help_only(),
            Binding::new(code(KeyCode::End), "最后一项", Cmd::Last).help_only(),
            Binding::new(ch('y'), "是", Cmd::Yes).only(OFFICER),
            Binding::new(ch('n'), "否", Cmd::No).only(OFFICER),
            Binding::new(ch('x'), "不适用", Cmd::NotApplicable).only(OFFICER),
            Binding::new(code(KeyCode::Enter), "备注", Cmd::Note).only(OFFICER),
            Binding::new(code(KeyCode::Left), "上一年", Cmd::Earlier),
            Binding::new(code(KeyCode::Right), "下一年", Cmd::Later),
            Binding::new(ch('p'), "打印对照表", Cmd::Print),
        ]
    }

    fn answer(&self, no: u8) -> Option<&Answer> {
        match &self.data {
            Some(Ok(d)) => d.this.get(&no),
            _ => None,
        }
    }

    fn set(&self, answer: &'static str, cx: &mut Ctx<'_>) {
        if !cx.require_officer("填写常态化检查服务项目表") {
            return;
        }
        let item = ITEMS[self.cursor.selected].no;
        let note = self
            .answer(item)
            .map(|a| a.note.clone())
            .unwrap_or_default();
        cx.task(record(self.year, Answer { item, answer, note }));
    }

    fn move_year(&mut self, step: i32, cx: &mut Ctx<'_>) {
        let year = (self.year + step).clamp(1950, 2100);
        if year != self.year {
            self.year = year;
            self.data = None;
            cx.task(load(year));
        }
    }

    fn note_form(&self) -> Form {
        let item = ITEMS[self.cursor.selected];
        let year = self.year;
        let now = self.answer(item.no);
        Form::new(
            format!("{year}年第{}项", item.no),
            vec![
                Field::choice("answer", "检查情况", &ANSWERS)
                    .with(now.map(|a| a.answer).unwrap_or(ANSWERS[0])),
                Field::text("note", "备注")
                    .with(now.map(|a| a.note.as_str()).unwrap_or(""))
                    .hint("如 已整改、制度已印发"),
            ],
            Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
                let a = Answer {
                    item: item.no,
                    answer: parse_answer(v.get("answer"))?,
                    note: check_note(v.get("note"))?,
                };
                Ok(Box::new(move |s: &mut Session| record(year, a)(s)))
            }),
        )
        .note(item.text)
    }
}

impl Screen for Selfcheck {
    fn title(&self) -> String {
        format!("{}年常态化检查服务项目自查", self.year)
    }

    fn hints(&self) -> Vec<Hint> {
        let mut h = keymap::hints(&Selfcheck::bindings());
        h.push(Hint::new("Esc", "返回"));
        h
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        cx.task(load(self.year));
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        let reply = match reply.downcast::<Result<Loaded, String>>() {
            Ok(d) => {
                // An answer for a year the officer has since left is not shown over another.
                if (*d).as_ref().map_or(true, |d| d.year == self.year) {
                    self.data = Some(*d);
                }
                return;
            }
            Err(r) => r,
        };
        if let Ok(done) = reply.downcast::<Done>() {
            match *done {
                Ok(words) => {
                    cx.status(format!("已记录 {words}"));
                    self.cursor.down(ITEMS.len());
                    cx.task(load(self.year));
                }
                Err(e) => cx.error(e.to_string()),
            }
        }
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match keymap::find(&Selfcheck::bindings(), &key) {
            Some(Cmd::Up) => self.cursor.up(),
            Some(Cmd::Down) => self.cursor.down(ITEMS.len()),
            Some(Cmd::First) => self.cursor.selected = 0,
            Some(Cmd::Last) => self.cursor.selected = ITEMS.len() - 1,
            Some(Cmd::Yes) => self.set(ANSWERS[0], cx),
            Some(Cmd::No) => self.set(ANSWERS[1], cx),
            Some(Cmd::NotApplicable) => self.set(ANSWERS[2], cx),
            Some(Cmd::Note) if cx.require_officer("填写常态化检查服务项目表") => {
                cx.modal(self.note_form())
            }
            Some(Cmd::Earlier) => self.move_year(-1, cx),
            Some(Cmd::Later) => self.move_year(1, cx),
            Some(Cmd::Print) => {
                let year = self.year;
                cx.modal(super::reports::print_form(
                    "常态化检查服务项目表（自查）",
                    "selfcheck",
                    move |s: &mut Session| {
                        let conn = s.store.conn();
                        let this = store::selfcheck::load(conn, year)?;
                        let last = store::selfcheck::load(conn, year - 1)?;
                        let settings = s.settings();
                        Ok(crate::report::selfcheck::document(
                            year,
                            &this,
                            &last,
                            &settings.unit_name,
                            crate::report::yearbook::as_of(year, s.today()),
                        ))
                    },
                ))
            }
            Some(Cmd::Note) | None => {}
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let d = crate::ui::widgets::loaded(f, area, &r.theme, &self.data)?;
        let count = |a: &str| d.this.values().filter(|x| x.answer == a).count();
        let head = format!(
            "{}年已填 {}/{} 项：是 {}，否 {}，不适用 {}；左列为{}年",
            self.year,
            d.this.len(),
            ITEMS.len(),
            count("是"),
            count("否"),
            count("不适用"),
            self.year - 1
        );
        f.render_widget(
            Paragraph::new(Span::styled(
                crate::ui::text_width::fit(&head, usize::from(area.width)),
                r.theme.header(),
            )),
            Rect { height: 1, ..area },
        );
        // The selected item in full, with its group, under the table.
        let detail_h: u16 = 3;
        let body = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1 + detail_h),
            ..area
        };
        let shown = |m: &BTreeMap<u8, Answer>, no: u8| {
            m.get(&no).map(|a| a.answer).unwrap_or("未填").to_string()
        };
        let rows: Vec<Row> = ITEMS
            .iter()
            .map(|it| {
                let (before, now) = (shown(&d.last, it.no), shown(&d.this, it.no));
                let row = Row::new(vec![
                    it.no.to_string(),
                    it.text.to_string(),
                    before,
                    now.clone(),
                    d.this
                        .get(&it.no)
                        .map(|a| a.note.clone())
                        .unwrap_or_default(),
                ]);
                match now.as_str() {
                    "否" => row.styled(3, r.theme.overdue()),
                    "未填" => row.styled(3, r.theme.dim()),
                    _ => row,
                }
            })
            .collect();
        let cols = [
            col("序号", 4, 0),
            col("检查内容", 20, 1),
            col("上年", 6, 0),
            col("本年", 6, 0),
            col("备注", 12, 0),
        ];
        table::with_cursor(f, body, &r.theme, &cols, &rows, &self.cursor);
        let it = ITEMS[self.cursor.selected];
        f.render_widget(
            Paragraph::new(format!("{}　{}. {}", it.group, it.no, it.text))
                .style(r.theme.dim())
                .wrap(Wrap { trim: true }),
            Rect {
                y: body.y + body.height,
                height: detail_h,
                ..area
            },
        );
        None
    }
}
