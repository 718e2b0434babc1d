//! 设置: the unit's settings, the accounts (add, role, password, unlock, disable, the person an
//! account is linked to for need to know), and the holiday calendar (a new year's State Council
//! notice).

use std::any::Any;

use chrono::Datelike;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::confirm::Confirm;
use super::{Ctx, RenderCtx, Screen};
use crate::domain::Refusal;
use crate::domain::account::{PasswordPolicy, Role};
use crate::domain::calendar::{DayKind, SpecialDay};
use crate::domain::dates;
use crate::domain::settings::SPECS;
use crate::store::{
    self,
    accounts::{self, Account},
    holidays,
};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, OFFICER, ch, code};
use crate::ui::widgets::field::{Field, Kind};
use crate::ui::widgets::form::{Form, FormJob, Values};
use crate::ui::widgets::table::{self, Row, col, scroll};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Unit,
    Users,
    Holidays,
}

impl Tab {
    fn name(self) -> &'static str {
        match self {
            Tab::Unit => "单位设置",
            Tab::Users => "用户",
            Tab::Holidays => "节假日",
        }
    }

    fn next(self) -> Tab {
        match self {
            Tab::Unit => Tab::Users,
            Tab::Users => Tab::Holidays,
            Tab::Holidays => Tab::Unit,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Tab,
    Up,
    Down,
    Edit,
    Add,
    Role,
    Password,
    Unlock,
    Disable,
    Person,
    PrevYear,
    NextYear,
    Backup,
    Restore,
}

struct Loaded {
    values: Vec<(String, String)>,
    users: Vec<Account>,
    /// Each account's linked person as named on screen, in the order of `users`.
    persons: Vec<String>,
    days: Vec<SpecialDay>,
    year_known: bool,
    now: i64,
}

pub struct SettingsScreen {
    tab: Tab,
    selected: usize,
    offset: std::cell::Cell<usize>,
    year: Option<i32>,
    data: Option<Loaded>,
}

impl SettingsScreen {
    pub fn new() -> SettingsScreen {
        SettingsScreen {
            tab: Tab::Unit,
            selected: 0,
            offset: std::cell::Cell::new(0),
            year: None,
            data: None,
        }
    }

    fn bindings(&self) -> Vec<Binding<Cmd>> {
        let mut b = vec![
            Binding::new(code(KeyCode::Tab), "切换分页", Cmd::Tab),
            Binding::new(code(KeyCode::Up), "上移", Cmd::Up).help_only(),
            Binding::new(code(KeyCode::Down), "下移", Cmd::Down).help_only(),
        ];
        match self.tab {
            Tab::Unit => {
                b.push(Binding::new(code(KeyCode::Enter), "修改", Cmd::Edit).only(OFFICER));
                b.push(Binding::new(ch('b'), "备份", Cmd::Backup).only(OFFICER));
                b.push(Binding::new(ch('r'), "恢复", Cmd::Restore).only(OFFICER));
            }
            Tab::Users => {
                b.push(Binding::new(ch('n'), "添加用户", Cmd::Add).only(OFFICER));
                b.push(Binding::new(ch('r'), "改角色", Cmd::Role).only(OFFICER));
                b.push(Binding::new(ch('p'), "重置口令", Cmd::Password).only(OFFICER));
                b.push(Binding::new(ch('u'), "解锁", Cmd::Unlock).only(OFFICER));
                b.push(Binding::new(ch('l'), "关联人员", Cmd::Person).only(OFFICER));
                b.push(
                    Binding::new(ch('d'), "停用/启用", Cmd::Disable)
                        .help_only()
                        .only(OFFICER),
                );
            }
            Tab::Holidays => {
                b.push(Binding::new(ch('n'), "录入一天", Cmd::Add).only(OFFICER));
                b.push(Binding::new(code(KeyCode::Left), "上一年", Cmd::PrevYear));
                b.push(Binding::new(code(KeyCode::Right), "下一年", Cmd::NextYear));
            }
        }
        b
    }

    fn len(&self) -> usize {
        match (&self.data, self.tab) {
            (None, _) => 0,
            (Some(d), Tab::Unit) => d.values.len(),
            (Some(d), Tab::Users) => d.users.len(),
            (Some(d), Tab::Holidays) => d.days.len(),
        }
    }

    fn year(&self, cx_today: chrono::NaiveDate) -> i32 {
        self.year.unwrap_or(cx_today.year() + 1)
    }
}

impl Default for SettingsScreen {
    fn default() -> Self {
        SettingsScreen::new()
    }
}

fn edit_setting(key: &'static str, label: &'static str, help: &'static str, value: &str) -> Form {
    Form::new(
        format!("修改：{label}"),
        vec![Field::text("value", label).with(value).hint(help)],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let value = v.get("value").to_string();
            crate::domain::settings::validate(key, &value)?;
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                s.store
                    .change(&stamp, |c| store::settings::set(c, key, &value))?;
                Ok(format!("已将「{label}」设为 {value}"))
            }))
        }),
    )
}

fn add_user_form(policy: PasswordPolicy) -> Form {
    Form::new(
        "添加用户",
        vec![
            Field::text("name", "用户名").required(),
            Field::text("display", "姓名").required(),
            Field::choice("role", "角色", &Role::ALL.map(Role::name)),
            Field::new("password", "口令", Kind::Secret)
                .required()
                .hint(policy.describe()),
            Field::new("again", "再次输入", Kind::Secret).required(),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            if v.get("password") != v.get("again") {
                return Err(Refusal::field("再次输入", "两次输入的口令不一致"));
            }
            let role = Role::parse_field("角色", v.get("role"))?;
            let (name, display, password) = (
                v.get("name").to_string(),
                v.get("display").to_string(),
                v.get("password").to_string(),
            );
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let a = s.store.change(&stamp, |c| {
                    accounts::require_officer(c, "添加用户")?;
                    accounts::add(c, &name, &display, role, &password, policy)
                })?;
                Ok(format!(
                    "已添加 {}（{}，{}）",
                    a.name, a.display_name, a.role
                ))
            }))
        }),
    )
}

/// Need to know (issue 11): links an account to a person of the register, by number or name; a
/// name two people share is refused listing both with their departments, as `baomi user person`
/// does; left empty it unlinks.
fn link_person_form(a: &Account, now: Option<&String>) -> Form {
    let name = a.name.clone();
    let mut form = Form::new(
        format!("关联涉密人员：{}（{}）", a.display_name, a.name),
        vec![
            Field::text("person", "人员")
                .with(&a.person)
                .hint("人员编号或姓名；同名时用编号；留空为取消关联"),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let (name, person) = (name.clone(), v.get("person").to_string());
            Ok(Box::new(move |s: &mut Session| {
                let stamp = s.stamp();
                let no = s.store.change(&stamp, |c| {
                    store::need_to_know::set_person(c, &name, &person)
                })?;
                let label = store::need_to_know::person_label(s.store.conn(), &no)?;
                Ok(match label.as_str() {
                    "" => format!("已取消 {name} 与涉密人员的关联"),
                    label => format!("已将 {name} 关联到涉密人员 {label}"),
                })
            }))
        }),
    )
    .note("关联后该账号只能看到知悉范围内有此人的绝密件标题（保密员、主管领导不受限）");
    if let Some(now) = now.filter(|p| !p.is_empty()) {
        form = form.note(format!("现关联：{now}"));
    }
    form
}

impl Screen for SettingsScreen {
    fn title(&self) -> String {
        "设置".into()
    }

    fn hints(&self) -> Vec<Hint> {
        keymap::hints(&self.bindings())
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        let year = self.year(cx.today);
        cx.task(move |s: &mut Session| -> Option<Loaded> {
            let conn = s.store.conn();
            let values = SPECS
                .iter()
                .map(|spec| {
                    (
                        spec.key.to_string(),
                        store::settings::get(conn, spec.key)
                            .ok()
                            .flatten()
                            .unwrap_or_else(|| spec.default.to_string()),
                    )
                })
                .collect();
            let cal = holidays::calendar(conn).ok()?;
            let users = accounts::list(conn).ok()?;
            let persons = users
                .iter()
                .map(|a| store::need_to_know::person_label(conn, &a.person))
                .collect::<Result<_, _>>()
                .ok()?;
            Some(Loaded {
                values,
                users,
                persons,
                days: cal.special_days(year),
                year_known: cal.has_year(year),
                now: accounts::unix(s.clock.now),
            })
        });
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, _cx: &mut Ctx<'_>) {
        if let Ok(d) = reply.downcast::<Option<Loaded>>() {
            self.data = *d;
            self.selected = self.selected.min(self.len().saturating_sub(1));
        }
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        let Some(cmd) = keymap::find(&self.bindings(), &key) else {
            return;
        };
        let Some(d) = &self.data else { return };
        let policy = PasswordPolicy::for_level(
            cx.user
                .map(|u| u.highest())
                .unwrap_or(crate::domain::level::Level::Confidential),
        );
        match cmd {
            Cmd::Tab => {
                self.tab = self.tab.next();
                self.selected = 0;
                self.offset.set(0);
            }
            Cmd::Up => self.selected = self.selected.saturating_sub(1),
            Cmd::Down => self.selected = (self.selected + 1).min(self.len().saturating_sub(1)),
            Cmd::PrevYear | Cmd::NextYear => {
                let y = self.year(cx.today) + if matches!(cmd, Cmd::PrevYear) { -1 } else { 1 };
                self.year = Some(y);
                self.selected = 0;
                self.on_show(cx);
            }
            Cmd::Backup => {
                if cx.require_officer("备份") {
                    cx.modal(super::backup::backup_form(cx.today));
                }
            }
            Cmd::Restore => {
                if cx.require_officer("恢复备份") {
                    cx.modal(super::backup::restore_form());
                }
            }
            Cmd::Edit => {
                if !cx.require_officer("修改设置") {
                    return;
                }
                if let (Some(spec), Some((_, v))) =
                    (SPECS.get(self.selected), d.values.get(self.selected))
                {
                    cx.modal(edit_setting(spec.key, spec.label, spec.help, v));
                }
            }
            Cmd::Add if self.tab == Tab::Users => {
                if cx.require_officer("添加用户") {
                    cx.modal(add_user_form(policy));
                }
            }
            Cmd::Add => {
                if !cx.require_officer("录入节假日") {
                    return;
                }
                let year = self.year(cx.today);
                cx.modal(
                    Form::new(
                        format!("录入{year}年节假日"),
                        vec![
                            Field::text("day", "日期").required().hint("如 2027-01-01"),
                            Field::choice("kind", "类型", &["休", "班"])
                                .hint("休：放假；班：调休上班"),
                            Field::text("name", "节日").hint("如 元旦、春节"),
                        ],
                        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
                            let day = SpecialDay {
                                day: dates::parse_field("日期", v.get("day"))?,
                                kind: DayKind::parse(v.get("kind"))
                                    .ok_or_else(|| Refusal::field("类型", "应为 休 或 班"))?,
                                name: v.get("name").into(),
                            };
                            Ok(Box::new(move |s: &mut Session| {
                                let stamp = s.stamp();
                                s.store.change(&stamp, |c| holidays::add(c, &day))?;
                                Ok(format!("已录入 {} {}", dates::zh(day.day), day.kind.name()))
                            }))
                        }),
                    )
                    .note("按国务院办公厅的放假通知逐日录入；也可用命令 baomi holiday import 导入"),
                );
            }
            Cmd::Role | Cmd::Password | Cmd::Unlock | Cmd::Disable | Cmd::Person => {
                if !cx.require_officer("管理账号") {
                    return;
                }
                let Some(a) = d.users.get(self.selected) else {
                    return;
                };
                let name = a.name.clone();
                match cmd {
                    Cmd::Person => cx.modal(link_person_form(a, d.persons.get(self.selected))),
                    Cmd::Role => cx.modal(Form::new(
                        format!("修改角色：{}", a.display_name),
                        vec![
                            Field::choice("role", "角色", &Role::ALL.map(Role::name))
                                .with(a.role.name()),
                        ],
                        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
                            let role = Role::parse_field("角色", v.get("role"))?;
                            let name = name.clone();
                            Ok(Box::new(move |s: &mut Session| {
                                let stamp = s.stamp();
                                s.store
                                    .change(&stamp, |c| accounts::set_role(c, &name, role))?;
                                Ok(format!("已将 {name} 改为{role}"))
                            }))
                        }),
                    )),
                    Cmd::Password => cx.modal(Form::new(
                        format!("重置口令：{}", a.display_name),
                        vec![
                            Field::new("password", "新口令", Kind::Secret)
                                .required()
                                .hint(policy.describe()),
                            Field::new("again", "再次输入", Kind::Secret).required(),
                        ],
                        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
                            if v.get("password") != v.get("again") {
                                return Err(Refusal::field("再次输入", "两次输入的口令不一致"));
                            }
                            let (name, password) = (name.clone(), v.get("password").to_string());
                            Ok(Box::new(move |s: &mut Session| {
                                let stamp = s.stamp();
                                s.store.change(&stamp, |c| {
                                    accounts::set_password(c, &name, &password, policy)
                                })?;
                                Ok(format!("已重置 {name} 的口令"))
                            }))
                        }),
                    )),
                    Cmd::Unlock => cx.modal(Confirm::new(
                        "解锁账号",
                        vec![format!(
                            "解锁 {}（{}）？账号须由另一名保密员解锁（R-SYS-1）",
                            a.display_name, a.name
                        )],
                        Box::new(move |s: &mut Session| {
                            let stamp = s.stamp();
                            s.store.change(&stamp, |c| accounts::unlock(c, &name))?;
                            Ok(format!("已解锁 {name}"))
                        }),
                    )),
                    _ => {
                        let active = !a.active;
                        cx.modal(Confirm::new(
                            if active {
                                "启用账号"
                            } else {
                                "停用账号"
                            },
                            vec![format!(
                                "{} {}（{}）？账号不删除，审计日志仍可查",
                                if active { "启用" } else { "停用" },
                                a.display_name,
                                a.name
                            )],
                            Box::new(move |s: &mut Session| {
                                let stamp = s.stamp();
                                s.store
                                    .change(&stamp, |c| accounts::set_active(c, &name, active))?;
                                Ok(format!("已{} {name}", if active { "启用" } else { "停用" }))
                            }),
                        ))
                    }
                }
            }
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let mut tabs = Vec::new();
        for t in [Tab::Unit, Tab::Users, Tab::Holidays] {
            let style = if t == self.tab {
                r.theme.selected()
            } else {
                Style::default()
            };
            tabs.push(Span::styled(format!(" {} ", t.name()), style));
            tabs.push(Span::raw(" "));
        }
        f.render_widget(Paragraph::new(Line::from(tabs)), Rect { height: 1, ..area });
        let Some(d) = &self.data else { return None };
        let mut body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        let (cols, rows): (Vec<table::Column>, Vec<Row>) = match self.tab {
            Tab::Unit => (
                vec![col("名称", 18, 0), col("当前值", 18, 1), col("说明", 20, 1)],
                SPECS
                    .iter()
                    .zip(&d.values)
                    .map(|(s, (_, v))| {
                        Row::new(vec![s.label.to_string(), v.clone(), s.help.to_string()])
                    })
                    .collect(),
            ),
            Tab::Users => (
                vec![
                    col("用户名", 12, 0),
                    col("姓名", 8, 0),
                    col("角色", 8, 0),
                    col("状态", 8, 1),
                    col("人员", 12, 1),
                ],
                d.users
                    .iter()
                    .zip(&d.persons)
                    .map(|(a, person)| {
                        let state = if !a.active {
                            "已停用".to_string()
                        } else if a.record().is_locked(d.now) {
                            "已锁定（连续输错3次）".to_string()
                        } else if a.failures > 0 {
                            format!("正常（已输错{}次）", a.failures)
                        } else {
                            "正常".to_string()
                        };
                        Row::new(vec![
                            a.name.clone(),
                            a.display_name.clone(),
                            a.role.name().to_string(),
                            state,
                            person.clone(),
                        ])
                    })
                    .collect(),
            ),
            Tab::Holidays => {
                let year = self.year(r.today);
                let note = if d.year_known {
                    format!(
                        "{year}年：已有国务院放假安排，共 {} 天特殊安排",
                        d.days.len()
                    )
                } else {
                    format!("{year}年的放假安排尚未录入：工作日按周一至周五计算。按 n 逐日录入")
                };
                f.render_widget(
                    Paragraph::new(Span::styled(
                        note,
                        if d.year_known {
                            r.theme.dim()
                        } else {
                            r.theme.due_soon()
                        },
                    )),
                    Rect { height: 1, ..body },
                );
                body = Rect {
                    y: body.y + 1,
                    height: body.height.saturating_sub(1),
                    ..body
                };
                (
                    vec![col("日期", 14, 0), col("类型", 6, 0), col("节日", 10, 1)],
                    d.days
                        .iter()
                        .map(|x| {
                            Row::new(vec![
                                dates::zh(x.day),
                                x.kind.name().to_string(),
                                x.name.clone(),
                            ])
                        })
                        .collect(),
                )
            }
        };
        let height = usize::from(body.height.saturating_sub(1));
        let offset = scroll(self.selected, self.offset.get(), height);
        self.offset.set(offset);
        table::render(f, body, &r.theme, &cols, &rows, Some(self.selected), offset);
        None
    }
}
