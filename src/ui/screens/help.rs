//! 帮助: built from the same hint lists as the bottom bar, so it never disagrees with the keys.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Command, Ctx, RenderCtx, Screen};
use crate::ui::keymap::Hint;
use crate::ui::text_width::{pad, width};
use crate::ui::widgets::modal;

pub struct Help {
    title: String,
    /// Headed lists: this page's keys, every page's, and the navigation.
    sections: Vec<(String, Vec<Hint>)>,
}

impl Help {
    pub fn new(title: String, screen: Vec<Hint>, global: Vec<Hint>, nav: Vec<Hint>) -> Help {
        let screen = screen
            .into_iter()
            .filter(|h| {
                !global
                    .iter()
                    .any(|g| g.keys == h.keys && g.label == h.label)
            })
            .collect();
        Help {
            title,
            sections: vec![
                ("本页按键".into(), screen),
                ("任何页面".into(), global),
                ("转到：g、组、页面".into(), nav),
            ],
        }
    }
}

impl Screen for Help {
    fn title(&self) -> String {
        "帮助".into()
    }

    fn hints(&self) -> Vec<Hint> {
        vec![Hint::new("Esc", "关闭")]
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        if matches!(
            key.code,
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter
        ) {
            cx.commands.push(Command::CloseModal);
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let room = usize::from(area.height.saturating_sub(2)).max(2);
        // The sections flow down columns as high as the screen, a section continuing at the top of
        // the next under its heading, so that none is cut off; one column while it holds all.
        // Rows first, lines after: each column pads its keys to its own longest key, so that
        // short keys (`g z s`) leave their room to labels.
        let mut cols: Vec<Vec<Row>> = vec![Vec::new()];
        for (title, hints) in &self.sections {
            let mut heading = title.clone();
            let mut first = true;
            for h in hints {
                let last = cols.len() - 1;
                // A heading needs a row under it; a blank row parts it from the section above.
                let gap = usize::from(first && !cols[last].is_empty());
                let need = if first { gap + 2 } else { 1 };
                if cols[last].len() + need > room && !cols[last].is_empty() {
                    cols.push(Vec::new());
                    if !first {
                        // The heading's own words, without its explanation after "：".
                        let short = title.split('：').next().unwrap_or(title);
                        heading = format!("{short}（续）");
                        first = true;
                    }
                }
                let last = cols.len() - 1;
                if first {
                    if !cols[last].is_empty() {
                        cols[last].push(Row::Blank);
                    }
                    cols[last].push(Row::Heading(heading.clone()));
                    first = false;
                }
                cols[last].push(Row::Hint(h.keys.clone(), h.label.clone()));
            }
        }
        let cols: Vec<Vec<Line<'static>>> = cols
            .into_iter()
            .map(|c| {
                let key_w = c
                    .iter()
                    .map(|row| match row {
                        Row::Hint(k, _) => width(k),
                        _ => 0,
                    })
                    .max()
                    .unwrap_or(0);
                c.into_iter()
                    .map(|row| match row {
                        Row::Blank => Line::from(""),
                        Row::Heading(t) => Line::from(Span::styled(t, r.theme.header())),
                        Row::Hint(k, l) => Line::from(vec![
                            Span::styled(format!(" {} ", pad(&k, key_w)), r.theme.key()),
                            Span::raw(l),
                        ]),
                    })
                    .collect()
            })
            .collect();
        let height = cols.iter().map(Vec::len).max().unwrap_or(0).min(room);
        let outer_w = if cols.len() == 1 { 70 } else { area.width };
        let inner_w = usize::from(outer_w.saturating_sub(2));
        // Each column as wide as its longest line where they all fit side by side (labels whole),
        // else the widest are narrowed first, to one width, so that short ones stay whole.
        let last = cols.len() - 1;
        let natural: Vec<usize> = cols
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let w = c
                    .iter()
                    .map(|l| l.spans.iter().map(|s| width(&s.content)).sum::<usize>())
                    .max()
                    .unwrap_or(0);
                if i < last { w + 2 } else { w }
            })
            .collect();
        let widths: Vec<usize> = if natural.iter().sum::<usize>() <= inner_w {
            natural
        } else {
            let mut cap = natural.iter().copied().max().unwrap_or(0);
            while cap > 0 && natural.iter().map(|w| (*w).min(cap)).sum::<usize>() > inner_w {
                cap -= 1;
            }
            natural.iter().map(|w| (*w).min(cap)).collect()
        };
        let outer = modal::centered(area, outer_w, height as u16 + 2);
        let inner = modal::frame(f, outer, &format!("帮助：{}", self.title), &r.theme);
        let mut x = inner.x;
        for (c, w) in cols.into_iter().zip(widths) {
            if x >= inner.right() {
                break;
            }
            let w = (w as u16).min(inner.right() - x);
            f.render_widget(
                Paragraph::new(c),
                Rect {
                    x,
                    width: w,
                    ..inner
                },
            );
            x += w;
        }
        None
    }
}

/// One row of a help column before it is laid out.
enum Row {
    Blank,
    Heading(String),
    Hint(String, String),
}
