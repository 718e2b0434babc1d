//! 清查核对 by scanning (R-MED-6, R-CMP-9, R-DEV-4): the records the ledger says the unit holds,
//! and a number line that takes what the officer scans or types. Each number read is ticked, or
//! said loudly when it is not on the list; the list shows what is not yet seen first. F2 records
//! the check of every record seen in one change (`store::records::check_all`), then Ctrl-P prints
//! the result. Letters typed go to the number line, never to a key of the screen.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::{cells, columns};
use crate::domain::Refusal;
use crate::domain::dates;
use crate::domain::ledgers::tally::{Seen, Tally};
use crate::domain::ledgers::{LedgerSpec, Record};
use crate::domain::text::for_terminal;
use crate::report;
use crate::store::records::{self, Filter};
use crate::ui::action::Session;
use crate::ui::keymap::Hint;
use crate::ui::screens::reports::print_form;
use crate::ui::screens::{Command, Ctx, RenderCtx, Screen};
use crate::ui::text_width::width;
use crate::ui::widgets::form::{Form, FormJob, Submit, Values};
use crate::ui::widgets::scan_line::{ScanLine, heading, top};
use crate::ui::widgets::table::{self, Row, col};

/// The longest number the line takes (a label carries no longer one).
const INPUT_MAX: usize = 64;

/// The held records, read when the screen opens.
struct Loaded(Result<Vec<Record>, String>);
/// A number looked up in the ledger: the number, its record if any, and whether it was typed.
struct Found(String, Result<Option<Record>, String>, bool);

pub struct RecordCheck {
    spec: &'static LedgerSpec,
    tally: Option<Tally>,
    error: Option<String>,
    input: String,
    last: Option<ScanLine>,
    selected: usize,
    offset: Cell<usize>,
    /// Set by the job that records the check: the screen then shows the result, to print.
    recorded: Rc<Cell<bool>>,
    /// The check as recorded, for the printout.
    result: Rc<RefCell<Option<Tally>>>,
    /// Esc was pressed once with numbers read and not recorded.
    leaving: bool,
}

impl RecordCheck {
    pub fn new(spec: &'static LedgerSpec) -> RecordCheck {
        RecordCheck {
            spec,
            tally: None,
            error: None,
            input: String::new(),
            last: None,
            selected: 0,
            offset: Cell::new(0),
            recorded: Rc::new(Cell::new(false)),
            result: Rc::new(RefCell::new(None)),
            leaving: false,
        }
    }

    fn done(&self) -> bool {
        self.recorded.get()
    }

    /// A number scanned or typed (`typed`): looked up, then ticked when the answer comes.
    fn read(&mut self, code: &str, typed: bool, cx: &mut Ctx<'_>) {
        let code = code.trim().to_string();
        if code.is_empty() {
            return;
        }
        if self.done() {
            cx.error("本次清查核对已记录：Ctrl-P 打印结果，Esc 返回后可重新清查");
            return;
        }
        let spec = self.spec;
        cx.task(move |s: &mut Session| {
            let found = records::find(s.store.conn(), spec, &code).map_err(|e| e.to_string());
            Found(code, found, typed)
        });
    }

    fn found(&mut self, Found(code, found, typed): Found, cx: &mut Ctx<'_>) {
        let Some(tally) = &mut self.tally else {
            return;
        };
        let found = match found {
            Ok(f) => f,
            Err(e) => {
                cx.error(e);
                return;
            }
        };
        let shown = found.as_ref().map_or(code.clone(), |r| r.no.clone());
        let about = found
            .as_ref()
            .map(|r| {
                let who = if r.holder.is_empty() {
                    &r.keeper
                } else {
                    &r.holder
                };
                format!("{} {}", r.column(self.spec.list[1]), who)
            })
            .unwrap_or_default();
        let line = match tally.see(&code, found.as_ref()) {
            Seen::Counted => ScanLine::new(shown, format!("已清点 {about}"), false),
            Seen::Again => ScanLine::new(shown, "已清点过", false),
            Seen::Unexpected(why) => {
                cx.error(format!(
                    "{}：不在本次清查清单中（{why}）",
                    for_terminal(&shown)
                ));
                ScanLine::new(shown, format!("不在清单：{why}"), true)
            }
        };
        self.last = Some(line.typed(typed));
    }

    /// The rows in the order shown: the numbers not on the list, what is not yet seen, then what
    /// is counted.
    fn rows(&self) -> Vec<(Vec<String>, &'static str, Option<&Record>)> {
        let Some(t) = &self.tally else {
            return Vec::new();
        };
        let n = self.spec.list.len();
        let mut out = Vec::new();
        for s in t.strays() {
            let mut c = vec![String::new(); n];
            c[0] = for_terminal(&s.no).into_owned();
            if n > 1 {
                c[1] = s.why.clone();
            }
            out.push((c, "不在清单", None));
        }
        out.extend(t.missing().map(|r| (cells(self.spec, r), "未见", Some(r))));
        out.extend(
            t.counted()
                .map(|r| (cells(self.spec, r), "✓已清点", Some(r))),
        );
        out
    }

    /// F2: what will be recorded, with the check act's own fields (检查情况 …) and the day.
    fn finish(&mut self, cx: &mut Ctx<'_>) {
        let Some(t) = &self.tally else {
            return;
        };
        if self.done() {
            cx.error("本次清查核对已记录：Ctrl-P 打印结果");
            return;
        }
        if !cx.require_officer("清查核对") {
            return;
        }
        let Some(act) = self.spec.act("check") else {
            return;
        };
        let counted = t.counted().count();
        if counted == 0 {
            cx.error(format!(
                "还没有清点到任何{}：请扫描标签或输入{}后按 Enter",
                self.spec.noun, self.spec.number_label
            ));
            return;
        }
        let missing: Vec<&str> = t.missing().map(|r| r.no.as_str()).collect();
        let strays: Vec<&str> = t.strays().iter().map(|s| s.no.as_str()).collect();
        let mut form = Form::for_fields(
            format!("完成清查核对：{}", self.spec.title),
            act.fields,
            vec![
                crate::ui::widgets::field::Field::text("date", "日期")
                    .with(&dates::zh(cx.today))
                    .required(),
            ],
            self.submit(t.clone()),
        )
        .note(format!(
            "应有 {} 件，清点到 {counted} 件，未见 {} 件，不在清单 {} 个编号。",
            t.expected().len(),
            missing.len(),
            strays.len()
        ));
        if !missing.is_empty() {
            form = form.note(format!("未见：{}", names(&missing)));
        }
        if !strays.is_empty() {
            form = form.note(format!("不在清单：{}", names(&strays)));
        }
        cx.modal(form.note(format!(
            "清点到的每件记一次{}（{}），同一次提交",
            act.label, act.rule
        )));
    }

    fn submit(&self, tally: Tally) -> Submit {
        let spec = self.spec;
        let (recorded, result) = (self.recorded.clone(), self.result.clone());
        let fields = spec.act("check").map_or(&[][..], |a| a.fields);
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let values = v.of(fields);
            let numbers = tally.numbers();
            let (recorded, result) = (recorded.clone(), result.clone());
            let date = v.get("date").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let on = dates::parse_past("日期", &date, s.today())?;
                let stamp = s.stamp();
                let t = s.store.change(&stamp, |c| {
                    records::check_all(c, spec, &numbers, &values, on)
                })?;
                let said = format!(
                    "清查核对已记录：清点到 {} 件，未见 {} 件，不在清单 {} 个；Ctrl-P 打印结果",
                    t.counted().count(),
                    t.missing().count(),
                    t.strays().len()
                );
                *result.borrow_mut() = Some(t);
                recorded.set(true);
                Ok(said)
            }) as FormJob)
        })
    }

    fn print(&self, cx: &mut Ctx<'_>) {
        let Some(t) = self.result.borrow().clone() else {
            cx.error("先按 F2 记录清查核对，再打印结果");
            return;
        };
        let spec = self.spec;
        cx.modal(print_form(
            &format!("{}清查核对结果", spec.title),
            "check",
            move |s: &mut Session| {
                let unit = s.settings().unit_name;
                Ok(report::tally::document(spec, &t, &unit, s.today()))
            },
        ));
    }

    /// Del: takes back the read of the selected row (a number typed wrong, a label read in
    /// error).
    fn forget(&mut self, cx: &mut Ctx<'_>) {
        if self.done() {
            return;
        }
        let Some((cells, said, _)) = self.rows().into_iter().nth(self.selected) else {
            return;
        };
        if said == "未见" {
            cx.error("未见的不用撤销：只有已清点或不在清单的可以撤销");
            return;
        }
        let no = match said {
            "不在清单" => self
                .tally
                .as_ref()
                .and_then(|t| t.strays().get(self.selected))
                .map(|s| s.no.clone()),
            _ => cells.first().cloned(),
        };
        if let (Some(no), Some(t)) = (no, &mut self.tally) {
            t.forget(&no);
            cx.status(format!("已撤销 {}", for_terminal(&no)));
            self.move_by(0);
        }
    }

    fn move_by(&mut self, by: isize) {
        let last = self.rows().len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(by).min(last);
    }
}

/// At most ten numbers, then how many in all.
fn names(nos: &[&str]) -> String {
    let mut s: Vec<String> = nos
        .iter()
        .take(10)
        .map(|n| for_terminal(n).into_owned())
        .collect();
    if nos.len() > 10 {
        s.push(format!("等 {} 个", nos.len()));
    }
    s.join("、")
}

impl Screen for RecordCheck {
    fn title(&self) -> String {
        format!("{}清查核对", self.spec.noun)
    }

    fn hints(&self) -> Vec<Hint> {
        vec![
            Hint::new("Enter", "清点"),
            Hint::new("F2", "完成"),
            Hint::new("Del", "撤销"),
            Hint::new("Ctrl-P", "打印"),
            Hint::new("Esc", "返回"),
        ]
    }

    fn captures_text(&self) -> bool {
        true
    }

    fn unsaved(&self) -> Option<String> {
        (!self.done() && self.tally.as_ref().is_some_and(Tally::any))
            .then(|| "本次清查核对尚未记录，离开将不保存".to_string())
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        if self.tally.is_some() {
            return;
        }
        let spec = self.spec;
        cx.task(move |s: &mut Session| {
            let mut held = Vec::new();
            let all = Filter {
                held: true,
                ..Filter::default()
            };
            let r = records::for_each(s.store.conn(), spec, &all, |r| {
                held.push(r);
                Ok(true)
            });
            Loaded(r.map(|()| held).map_err(|e| e.to_string()))
        });
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        let reply = match reply.downcast::<Found>() {
            Ok(f) => {
                return self.found(*f, cx);
            }
            Err(r) => r,
        };
        if let Ok(l) = reply.downcast::<Loaded>() {
            match l.0 {
                Ok(held) => self.tally = Some(Tally::new(held)),
                Err(e) => self.error = Some(e),
            }
        }
    }

    fn on_scan(&mut self, code: &str, cx: &mut Ctx<'_>) -> bool {
        self.read(code, false, cx);
        true
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if key.code != KeyCode::Esc {
            self.leaving = false;
        }
        match key.code {
            KeyCode::Char('p') if ctrl => self.print(cx),
            KeyCode::Char(c)
                if !ctrl && !c.is_control() && self.input.chars().count() < INPUT_MAX =>
            {
                self.input.push(c);
            }
            KeyCode::Backspace => {
                self.input.pop();
            }
            KeyCode::Enter => {
                let code = std::mem::take(&mut self.input);
                self.read(&code, true, cx);
            }
            KeyCode::F(2) => self.finish(cx),
            KeyCode::Delete => self.forget(cx),
            KeyCode::Up => self.move_by(-1),
            KeyCode::Down => self.move_by(1),
            KeyCode::PageUp => self.move_by(-10),
            KeyCode::PageDown => self.move_by(10),
            KeyCode::Esc if !self.input.is_empty() => self.input.clear(),
            KeyCode::Esc => {
                if let Some(what) = self.unsaved()
                    && !self.leaving
                {
                    self.leaving = true;
                    cx.error(format!("{what}：按 F2 完成，或再按 Esc 离开"));
                    return;
                }
                cx.commands.push(Command::Pop);
            }
            _ => {}
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let Some(t) = &self.tally else {
            let msg = self.error.clone().unwrap_or_else(|| "正在读取".into());
            f.render_widget(Paragraph::new(Span::styled(msg, r.theme.error())), area);
            return None;
        };
        let w = usize::from(area.width).max(1);
        let head = format!(
            "{}  应有 {} 件  已清点 {} 件  未见 {} 件  不在清单 {} 个",
            self.spec.title,
            t.expected().len(),
            t.counted().count(),
            t.missing().count(),
            t.strays().len()
        );
        let guide = if self.done() {
            "已记录。Ctrl-P 打印结果，Esc 返回"
        } else {
            "扫描标签，或输入编号后按 Enter；Del 撤销选中的一条，F2 完成并记录"
        };
        let mut lines = heading(&head, guide, w, &r.theme);
        let label = format!("{}：", self.spec.number_label);
        let typed = for_terminal(&self.input).into_owned();
        let cursor_x = area.x + (width(&label) + width(&typed)).min(w.saturating_sub(1)) as u16;
        let cursor_y = area.y + lines.len() as u16;
        lines.push(Line::from(vec![
            Span::styled(label, r.theme.key()),
            Span::raw(typed),
        ]));
        if let Some(s) = &self.last {
            lines.extend(s.lines(w, &r.theme));
        }
        let body = top(f, area, lines);
        let rows = self.rows();
        let height = usize::from(body.height.saturating_sub(1));
        let offset = table::scroll(self.selected, self.offset.get(), height);
        self.offset.set(offset);
        let shown: Vec<Vec<String>> = rows
            .iter()
            .skip(offset)
            .take(height)
            .map(|(c, _, _)| c.clone())
            .collect();
        let mut cols = columns(self.spec, &shown, body.width.saturating_sub(9));
        cols.push(col("核对", 8, 0));
        let level_at = self.spec.list.iter().position(|k| *k == "level");
        let drawn: Vec<Row> = rows
            .into_iter()
            .map(|(mut c, said, rec)| {
                c.push(said.to_string());
                let at = c.len() - 1;
                let row = Row::new(c);
                let row = match (level_at, rec.and_then(|r| r.level)) {
                    (Some(i), Some(l)) => row.styled(i, r.theme.level(l)),
                    _ => row,
                };
                match (said, rec) {
                    ("不在清单", _) => row.style(r.theme.error()),
                    ("未见", _) => row.styled(at, r.theme.due_soon()),
                    _ => row.styled(at, r.theme.ok()),
                }
            })
            .collect();
        table::render(
            f,
            body,
            &r.theme,
            &cols,
            &drawn,
            Some(self.selected),
            offset,
        );
        (cursor_y < area.y + area.height).then_some(Position::new(cursor_x, cursor_y))
    }
}
