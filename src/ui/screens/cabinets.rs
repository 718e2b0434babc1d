//! 保密柜: the cabinet register (R-PAP-10) — each cabinet's number, room, whether it is a certified
//! secrecy cabinet, whether it is kept for 绝密, and how many papers it holds — registered and
//! changed here. The old ledger's locations are listed too, 待确认, until the officer confirms them.
//! Reached from the ledger (g): the officer keeps it beside the papers it holds.
//!
//! Also the location field every form that puts a paper away offers: the registered cabinets a
//! paper of that level may go into, as a choice list (typing a number is still possible).

use std::any::Any;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::{Ctx, RenderCtx, Screen};
use crate::domain::Refusal;
use crate::domain::cabinet::{self, Cabinet, CabinetForm};
use crate::domain::level::Level;
use crate::store::cabinets::{self, CabinetChange};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, OFFICER, ch, code};
use crate::ui::widgets::cursor::Cursor;
use crate::ui::widgets::field::{Field, Kind};
use crate::ui::widgets::form::{Form, FormJob, Values};
use crate::ui::widgets::table::{self, Row, col};

/// Every cabinet a paper may name, for a location field; none when the register cannot be read
/// (the store then says why on saving).
pub fn load(s: &mut Session) -> Vec<Cabinet> {
    cabinets::all(s.store.conn()).unwrap_or_default()
}

/// The cabinets a paper of `level` may go into (R-PAP-10), registered first, by number.
pub fn fitting(cabinets: &[Cabinet], level: Level) -> Vec<String> {
    cabinets
        .iter()
        .filter(|c| cabinet::check_store(level, c).is_ok())
        .map(|c| c.no.clone())
        .collect()
}

fn hint(cabinets: &[Cabinet], level: Level, fits: &[String]) -> String {
    if fits.is_empty() {
        format!(
            "没有可存放{level}件的已登记保密柜{}：先按 g z b 到保密柜登记（R-PAP-10）",
            if cabinets.is_empty() {
                String::new()
            } else {
                "（绝密件单独存放在绝密专用柜）".into()
            }
        )
    } else {
        format!(
            "←→ 选择可存放{level}件的保密柜（共{}个），也可输入编号（R-PAP-10）",
            fits.len()
        )
    }
}

/// A location field offering the cabinets a paper of `level` fits, starting at `current` when
/// it is one of them.
pub fn location_field(
    key: &'static str,
    label: &'static str,
    cabinets: &[Cabinet],
    level: Level,
    current: &str,
) -> Field {
    let fits = fitting(cabinets, level);
    let h = hint(cabinets, level, &fits);
    let mut f = if fits.is_empty() {
        Field::text(key, label)
    } else {
        let refs: Vec<&str> = fits.iter().map(String::as_str).collect();
        Field::choice(key, label, &refs)
    };
    if fits.iter().any(|c| c == current) {
        f.set(current);
    }
    f.hint(h)
}

/// After the level changed: the cabinets offered follow it. A number the officer typed that is
/// on neither list is left as typed (the store judges it on saving).
pub fn refit(field: &mut Field, cabinets: &[Cabinet], level: Level) {
    let fits = fitting(cabinets, level);
    let value = field.value();
    let typed = !value.trim().is_empty() && !cabinets.iter().any(|c| c.no == value);
    field.hint = hint(cabinets, level, &fits);
    field.text.set_placeholder_text(field.hint.clone());
    if typed {
        field.kind = if fits.is_empty() {
            Kind::Text
        } else {
            Kind::Choice(fits)
        };
    } else {
        field.set_options(fits);
    }
}

/// Links a form's location field to its level field: when the level chosen changes, the
/// cabinets offered follow (and only then, so that the officer may clear the field and type).
pub fn follow_level(
    level_of: impl Fn(&[Field]) -> Option<Level> + 'static,
    cabinets: Vec<Cabinet>,
) -> impl FnMut(&mut [Field]) + 'static {
    let mut last: Option<Level> = None;
    move |fields: &mut [Field]| {
        let level = level_of(fields);
        if level.is_none() || level == last {
            return;
        }
        last = level;
        if let (Some(level), Some(loc)) = (level, fields.iter_mut().find(|f| f.key == "location")) {
            refit(loc, &cabinets, level);
        }
    }
}

/// The level a choice or text field holds.
pub fn level_in(fields: &[Field], key: &str) -> Option<Level> {
    fields
        .iter()
        .find(|f| f.key == key)
        .and_then(|f| Level::parse(&f.value()))
}

/// One cabinet of the register with what it holds.
struct Line {
    cabinet: Cabinet,
    held: i64,
    /// Papers it holds that the rule would not put there now (an old ledger's cabinet).
    warning: String,
}

fn lines(s: &mut Session) -> Result<Vec<Line>, String> {
    let conn = s.store.conn();
    let all = cabinets::all(conn).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for c in all {
        let contents = cabinets::contents(conn, &c.no).map_err(|e| e.to_string())?;
        let warning = contents
            .iter()
            .filter(|(level, _)| cabinet::check_store(*level, &c).is_err())
            .map(|(level, n)| format!("存有{level}件{n}件，须移放（R-PAP-10）"))
            .collect::<Vec<_>>()
            .join("；");
        out.push(Line {
            held: contents.iter().map(|x| x.1).sum(),
            warning,
            cabinet: c,
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Up,
    Down,
    Add,
    Change,
}

#[derive(Default)]
pub struct Cabinets {
    lines: Option<Result<Vec<Line>, String>>,
    cursor: Cursor,
}

impl Cabinets {
    pub fn new() -> Cabinets {
        Cabinets::default()
    }

    fn bindings() -> Vec<Binding<Cmd>> {
        let mut b = Vec::from(Cursor::bindings(Cmd::Up, Cmd::Down));
        b.push(Binding::new(ch('n'), "登记保密柜", Cmd::Add).only(OFFICER));
        b.push(Binding::new(code(KeyCode::Enter), "修改/确认", Cmd::Change).only(OFFICER));
        b
    }

    fn len(&self) -> usize {
        match &self.lines {
            Some(Ok(l)) => l.len(),
            _ => 0,
        }
    }
}

const KINDS: [&str; 2] = ["保密柜", "普通柜"];
const USES: [&str; 2] = ["绝密以外", "绝密专用"];

/// 登记保密柜 (R-PAP-10).
pub fn add_form() -> Form {
    Form::new(
        "登记保密柜",
        vec![
            Field::text("no", "编号").required().hint("如 6号保密柜"),
            Field::text("room", "所在房间").hint("如 保密室"),
            Field::choice("kind", "类别", &KINDS).hint("普通柜只能存放内部、非密件（R-PAP-10）"),
            Field::choice("use", "用途", &USES)
                .hint("绝密件单独存放在绝密专用的保密柜（R-PAP-10）"),
            Field::text("note", "备注").hint("如 双人双锁"),
        ],
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let form = CabinetForm {
                no: v.get("no").into(),
                room: v.get("room").into(),
                certified: v.get("kind") != "普通柜",
                top_secret: v.get("use") == "绝密专用",
                note: v.get("note").into(),
            };
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let c = s.store.change(&stamp, |c| cabinets::add(c, &form))?;
                Ok(format!(
                    "已登记 {}（{}，{}）",
                    c.no,
                    c.kind_name(),
                    c.use_name()
                ))
            }))
        }),
    )
    .note("密件存放在经认证的保密柜；绝密件单独存放在绝密专用柜（R-PAP-10）")
}

/// 修改保密柜登记: an old-ledger location is confirmed here.
pub fn change_form(c: &Cabinet, held: i64) -> Form {
    let no = c.no.clone();
    let kinds: Vec<&str> = if c.certified.is_none() {
        vec!["待确认", "保密柜", "普通柜"]
    } else {
        KINDS.to_vec()
    };
    let mut form = Form::new(
        format!("修改保密柜：{}", c.no),
        vec![
            Field::text("room", "所在房间").with(&c.room),
            Field::choice("kind", "类别", &kinds)
                .with(c.kind_name())
                .hint("普通柜只能存放内部、非密件（R-PAP-10）"),
            Field::choice("use", "用途", &USES)
                .with(c.use_name())
                .hint("绝密件单独存放在绝密专用的保密柜（R-PAP-10）"),
            Field::text("note", "备注").with(&c.note),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let change = CabinetChange {
                room: Some(v.get("room").into()),
                certified: match v.get("kind") {
                    "保密柜" => Some(true),
                    "普通柜" => Some(false),
                    _ => None,
                },
                top_secret: Some(v.get("use") == "绝密专用"),
                note: Some(v.get("note").into()),
            };
            let no = no.clone();
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let c = s.store.change(&stamp, |c| cabinets::set(c, &no, &change))?;
                Ok(format!("{}：{}，{}", c.no, c.kind_name(), c.use_name()))
            }))
        }),
    )
    .note(format!(
        "现存密件 {held} 件；修改后仍须符合存放规定（R-PAP-10）"
    ));
    if c.certified.is_none() {
        form = form.note("原台帐的存放位置：请确认是否为经认证的保密柜，并写明所在房间");
    }
    form
}

impl Screen for Cabinets {
    fn title(&self) -> String {
        "保密柜登记表".into()
    }

    fn hints(&self) -> Vec<Hint> {
        let mut h = keymap::hints(&Cabinets::bindings());
        h.push(Hint::new("Esc", "返回"));
        h
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        cx.task(lines);
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, _cx: &mut Ctx<'_>) {
        if let Ok(l) = reply.downcast::<Result<Vec<Line>, String>>() {
            self.lines = Some(*l);
            self.cursor.clamp(self.len());
        }
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match keymap::find(&Cabinets::bindings(), &key) {
            Some(Cmd::Up) => self.cursor.up(),
            Some(Cmd::Down) => self.cursor.down(self.len()),
            Some(Cmd::Add) if cx.require_officer("登记保密柜") => cx.modal(add_form()),
            Some(Cmd::Change) => {
                if !cx.require_officer("修改保密柜登记") {
                    return;
                }
                if let Some(Ok(l)) = &self.lines
                    && let Some(line) = l.get(self.cursor.selected)
                {
                    cx.modal(change_form(&line.cabinet, line.held));
                }
            }
            Some(Cmd::Add) | None => {}
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let lines = crate::ui::widgets::loaded(f, area, &r.theme, &self.lines)?;
        let unsure = lines.iter().any(|l| l.cabinet.certified.is_none());
        let head = format!(
            "已登记 {} 个，在存密件 {} 件{}",
            lines.iter().filter(|l| l.cabinet.id != 0).count(),
            lines.iter().map(|l| l.held).sum::<i64>(),
            if unsure {
                "；“待确认”为原台帐的存放位置，按 Enter 确认"
            } else {
                ""
            }
        );
        f.render_widget(
            Paragraph::new(Span::styled(
                crate::ui::text_width::fit(&head, usize::from(area.width)),
                if unsure {
                    r.theme.due_soon()
                } else {
                    r.theme.header()
                },
            )),
            Rect { height: 1, ..area },
        );
        let body = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        let no_w = lines
            .iter()
            .map(|l| crate::ui::text_width::width(&l.cabinet.no) as u16)
            .max()
            .unwrap_or(8)
            .clamp(8, 16);
        let cols = [
            col("编号", no_w, 0),
            col("所在房间", 10, 0),
            col("类别", 6, 0),
            col("用途", 8, 0),
            col("在存", 4, 0),
            col("备注", 10, 1),
        ];
        let rows: Vec<Row> = lines
            .iter()
            .map(|l| {
                let c = &l.cabinet;
                let note = [c.note.as_str(), l.warning.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("；");
                let row = Row::new(vec![
                    c.no.clone(),
                    c.room.clone(),
                    c.kind_name().to_string(),
                    c.use_name().to_string(),
                    l.held.to_string(),
                    note,
                ]);
                let row = if c.certified.is_none() {
                    row.styled(2, r.theme.due_soon())
                } else {
                    row
                };
                if l.warning.is_empty() {
                    row
                } else {
                    row.styled(5, r.theme.overdue())
                }
            })
            .collect();
        table::with_cursor(f, body, &r.theme, &cols, &rows, &self.cursor);
        None
    }
}
