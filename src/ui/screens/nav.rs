//! The navigation: one table of the screens in the seed's order, grouped as the seed groups its
//! duties. Every screen is reached by `g`, its group's letter and its own letter (three keys);
//! the screens officers use most keep a digit (and F-key) as well. The menu, the digits, the
//! navigation line and the `?` help are all read from `SCREENS`: adding a screen is one entry here
//! plus its module. Only screens that exist are listed; a group with none is not shown.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Command, Ctx, RenderCtx, Screen};
use crate::ui::keymap::Hint;
use crate::ui::text_width::width;
use crate::ui::widgets::modal;

/// A group of the navigation, in the seed's order.
#[derive(Debug, PartialEq, Eq)]
pub struct Group {
    pub letter: char,
    pub name: &'static str,
}

/// The groups, in the seed's order. A group's letter is the first letter of its name's pinyin not
/// taken by a group before it (组织 zuzhi → u, 设置 shezhi → h), fixed here so that building a
/// group never moves another's letter.
pub static GROUPS: &[Group] = &[
    Group {
        letter: 'd',
        name: "待办审批",
    },
    Group {
        letter: 'z',
        name: "载体",
    },
    Group {
        letter: 'r',
        name: "人员",
    },
    Group {
        letter: 'c',
        name: "场所",
    },
    Group {
        letter: 's',
        name: "审查",
    },
    Group {
        letter: 'j',
        name: "检查与事件",
    },
    Group {
        letter: 'u',
        name: "组织",
    },
    Group {
        letter: 'b',
        name: "报表",
    },
    Group {
        letter: 'h',
        name: "设置",
    },
];

/// A screen of the navigation.
pub struct Entry {
    /// The name of its group in `GROUPS`.
    pub group: &'static str,
    /// Its key within the group: the first letter of its title's pinyin not taken in the group.
    pub letter: char,
    pub title: &'static str,
    /// The digit (and F-key) that reaches it in one key, if it has one.
    pub digit: Option<u8>,
    pub open: fn() -> Box<dyn Screen>,
}

/// Where every session starts, and what the app keeps at the bottom of the stack.
pub const HOME: &str = "待办";
/// Where a leader lands: their work is deciding (issue 9 point 16).
pub const APPROVALS: &str = "审批";

/// The screens, in the seed's order within each group.
pub static SCREENS: &[Entry] = &[
    Entry {
        group: "待办审批",
        letter: 'd',
        title: HOME,
        digit: Some(1),
        open: || Box::new(super::home::Home::new()),
    },
    Entry {
        group: "待办审批",
        letter: 's',
        title: APPROVALS,
        digit: Some(3),
        open: || Box::new(super::approvals::Approvals::new()),
    },
    Entry {
        group: "载体",
        letter: 's',
        title: "收发台帐",
        digit: Some(2),
        open: || Box::new(super::ledger::Ledger::new()),
    },
    Entry {
        group: "载体",
        letter: 'b',
        title: "保密柜",
        digit: None,
        open: || Box::new(super::cabinets::Cabinets::new()),
    },
    Entry {
        group: "载体",
        letter: 'c',
        title: "存储介质",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::media::SPEC,
            ))
        },
    },
    Entry {
        group: "载体",
        letter: 'j',
        title: "计算机",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::computer::SPEC,
            ))
        },
    },
    Entry {
        group: "载体",
        letter: 'g',
        title: "办公设备",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::device::SPEC,
            ))
        },
    },
    Entry {
        group: "人员",
        letter: 's',
        title: "涉密人员",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::person::SPEC,
            ))
        },
    },
    Entry {
        group: "场所",
        letter: 's',
        title: "涉密机房",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::room::SPEC,
            ))
        },
    },
    Entry {
        group: "审查",
        letter: 'x',
        title: "信息公开审查",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::review::SPEC,
            ))
        },
    },
    Entry {
        group: "审查",
        letter: 'd',
        title: "对外提供",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::provide::SPEC,
            ))
        },
    },
    Entry {
        group: "检查与事件",
        letter: 'b',
        title: "保密检查",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::inspection::SPEC,
            ))
        },
    },
    Entry {
        group: "检查与事件",
        letter: 'x',
        title: "泄密事件",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::incident::SPEC,
            ))
        },
    },
    Entry {
        group: "组织",
        letter: 's',
        title: "涉密会议",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::meeting::SPEC,
            ))
        },
    },
    Entry {
        group: "组织",
        letter: 'g',
        title: "工作记录",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::organisation::WORK_RECORD,
            ))
        },
    },
    Entry {
        group: "组织",
        letter: 'b',
        title: "报送保密局",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::organisation::UNIT_REPORT,
            ))
        },
    },
    Entry {
        group: "组织",
        letter: 'j',
        title: "奖惩",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::organisation::MERIT,
            ))
        },
    },
    Entry {
        group: "组织",
        letter: 'x',
        title: "协作组",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::organisation::coop::SPEC,
            ))
        },
    },
    Entry {
        group: "组织",
        letter: 'l',
        title: "领导考核",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::organisation::ASSESSMENT,
            ))
        },
    },
    Entry {
        group: "组织",
        letter: 'r',
        title: "人事变动",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::organisation::STAFF_CHANGE,
            ))
        },
    },
    // Issue 11: training sessions and key sites.
    Entry {
        group: "人员",
        letter: 'p',
        title: "保密培训",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::training::SPEC,
            ))
        },
    },
    Entry {
        group: "场所",
        letter: 'y',
        title: "要害部门部位",
        digit: None,
        open: || {
            Box::new(super::records::RecordList::new(
                &crate::domain::rules::site::SPEC,
            ))
        },
    },
    Entry {
        group: "报表",
        letter: 'b',
        title: "报表打印",
        digit: Some(8),
        open: || Box::new(super::reports::Reports::new()),
    },
    Entry {
        group: "设置",
        letter: 's',
        title: "设置",
        digit: Some(9),
        open: || Box::new(super::settings::SettingsScreen::new()),
    },
];

/// The entry titled `title`.
pub fn entry(title: &str) -> Option<&'static Entry> {
    SCREENS.iter().find(|e| e.title == title)
}

/// The entry a digit (or F-key) reaches.
pub fn by_digit(n: u8) -> Option<&'static Entry> {
    SCREENS.iter().find(|e| e.digit == Some(n))
}

/// The groups that have screens, in order, each with its screens.
pub fn shown() -> Vec<(&'static Group, Vec<&'static Entry>)> {
    GROUPS
        .iter()
        .map(|g| (g, SCREENS.iter().filter(|e| e.group == g.name).collect()))
        .filter(|(_, e): &(_, Vec<_>)| !e.is_empty())
        .collect()
}

impl Entry {
    fn group(&self) -> Option<&'static Group> {
        GROUPS.iter().find(|g| g.name == self.group)
    }

    /// The keys that reach it from any page: `g`, the group's letter, its letter.
    pub fn keys(&self) -> [char; 3] {
        [
            'g',
            self.group().map(|g| g.letter).unwrap_or('?'),
            self.letter,
        ]
    }

    /// Its line in the `?` help.
    pub fn hint(&self) -> Hint {
        let [a, b, c] = self.keys();
        let label = match self.digit {
            Some(d) => format!("{} {d}", self.title),
            None => self.title.to_string(),
        };
        Hint::new(&format!("{a} {b} {c}"), &label)
    }
}

const GUIDE_GROUP: &str = "先按组的字母，再按页面的字母";
const GUIDE_SCREEN: &str = "按页面的字母；Esc 重选组";

/// The `g` menu: every group with its screens; a group's letter, then a screen's letter.
#[derive(Default)]
pub struct GoTo {
    /// The group chosen by its letter (an index into `shown()`).
    group: Option<usize>,
    error: Option<String>,
}

impl GoTo {
    pub fn new() -> GoTo {
        GoTo::default()
    }
}

impl Screen for GoTo {
    fn title(&self) -> String {
        "转到".into()
    }

    fn hints(&self) -> Vec<Hint> {
        let first = if self.group.is_none() {
            Hint::new("字母", "选组")
        } else {
            Hint::new("字母", "打开页面")
        };
        vec![first, Hint::new("Esc", "返回")]
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        let groups = shown();
        let letter = match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                c.to_ascii_lowercase()
            }
            KeyCode::Esc | KeyCode::Backspace | KeyCode::Left => {
                self.error = None;
                if self.group.take().is_none() {
                    cx.commands.push(Command::CloseModal);
                }
                return;
            }
            _ => return,
        };
        match self.group {
            None => match groups.iter().position(|(g, _)| g.letter == letter) {
                Some(i) => {
                    self.group = Some(i);
                    self.error = None;
                }
                None => self.error = Some(format!("没有字母为 {letter} 的组")),
            },
            Some(i) => {
                let Some((g, entries)) = groups.get(i) else {
                    return;
                };
                match entries.iter().find(|e| e.letter == letter) {
                    Some(e) => cx.commands.push(Command::GoTo(e)),
                    None => self.error = Some(format!("“{}”中没有字母为 {letter} 的页面", g.name)),
                }
            }
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let groups = shown();
        // Each group is a block (its heading, then its screens); blocks fill columns top to bottom
        // and a block is never split, so a group reads as one.
        let blocks: Vec<Vec<Line>> = groups
            .iter()
            .enumerate()
            .map(|(i, (g, entries))| {
                let chosen = self.group == Some(i);
                let other = self.group.is_some() && !chosen;
                let head = if chosen {
                    r.theme.selected()
                } else if other {
                    r.theme.dim()
                } else {
                    r.theme.header()
                };
                let key = if other { r.theme.dim() } else { r.theme.key() };
                let mut lines = vec![Line::from(vec![
                    Span::styled(format!("{} ", g.letter), key),
                    Span::styled(g.name.to_string(), head),
                ])];
                for e in entries {
                    let text = if other {
                        r.theme.dim()
                    } else {
                        Default::default()
                    };
                    let mut spans = vec![
                        Span::raw("  "),
                        Span::styled(format!("{} ", e.letter), key),
                        Span::styled(e.title.to_string(), text),
                    ];
                    if let Some(d) = e.digit {
                        spans.push(Span::styled(format!("  {d}"), r.theme.dim()));
                    }
                    lines.push(Line::from(spans));
                }
                lines
            })
            .collect();
        let line_w = |l: &Line| l.spans.iter().map(|s| width(&s.content)).sum::<usize>();
        let room = usize::from(area.height.saturating_sub(4)).max(1);
        let flow = |gaps: bool| {
            let mut columns: Vec<Vec<Line>> = vec![Vec::new()];
            for b in &blocks {
                let last = columns.len() - 1;
                let used = columns[last].len();
                let gap = usize::from(used > 0 && gaps);
                if used > 0 && used + gap + b.len() > room {
                    columns.push(b.clone());
                } else {
                    if gap > 0 {
                        columns[last].push(Line::from(""));
                    }
                    columns[last].extend(b.iter().cloned());
                }
            }
            let col_w: Vec<usize> = columns
                .iter()
                .map(|c| c.iter().map(line_w).max().unwrap_or(0) + 4)
                .collect();
            (columns, col_w)
        };
        // A blank line between groups while it fits; on a small terminal, every screen before air.
        let (mut columns, mut col_w) = flow(true);
        if col_w.iter().sum::<usize>() + 2 > usize::from(area.width) {
            (columns, col_w) = flow(false);
        }
        let guide = match (&self.error, self.group) {
            (Some(e), _) => Span::styled(e.clone(), r.theme.error()),
            (None, None) => Span::styled(GUIDE_GROUP, r.theme.dim()),
            (None, Some(_)) => Span::styled(GUIDE_SCREEN, r.theme.dim()),
        };
        let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
        // As wide as the longest guide, so that the box keeps its size as the keys go on.
        let guide_w = [GUIDE_GROUP, GUIDE_SCREEN, &guide.content]
            .iter()
            .map(|g| width(g))
            .max()
            .unwrap_or(0);
        let w = col_w.iter().sum::<usize>().max(guide_w + 2) + 2;
        let outer = modal::centered(area, w as u16, rows as u16 + 4);
        let inner = modal::frame(f, outer, "转到", &r.theme);
        let mut x = inner.x + 1;
        for (c, cw) in columns.into_iter().zip(col_w) {
            let cw = (cw as u16).min(inner.right().saturating_sub(x));
            f.render_widget(
                Paragraph::new(c),
                Rect {
                    x,
                    width: cw,
                    height: inner.height.saturating_sub(2),
                    ..inner
                },
            );
            x += cw;
        }
        f.render_widget(
            Paragraph::new(Line::from(vec![Span::raw(" "), guide])),
            Rect {
                y: inner.bottom().saturating_sub(1),
                height: 1,
                ..inner
            },
        );
        None
    }
}
