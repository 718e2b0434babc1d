//! Colours and borders. ASCII borders where the console cannot draw box characters (a Windows
//! console without Windows Terminal), or when asked for with BAOMI_ASCII=1.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::domain::level::Level;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Theme {
    pub ascii: bool,
}

impl Theme {
    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            border::Set {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical_left: "|",
                vertical_right: "|",
                horizontal_top: "-",
                horizontal_bottom: "-",
            }
        } else {
            border::PLAIN
        }
    }

    /// The star in a mark is ambiguous-width: two cells on a Chinese Windows console, one here.
    pub fn mark(&self, mark: &str) -> String {
        if self.ascii {
            mark.replace('★', "*")
        } else {
            mark.to_string()
        }
    }

    pub fn level(&self, level: Level) -> Style {
        match level {
            Level::TopSecret => Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            Level::Secret => Style::new().fg(Color::Red),
            Level::Confidential => Style::new().fg(Color::Yellow),
            Level::Internal | Level::Public => Style::new(),
        }
    }

    pub fn banner(&self, level: Level) -> Style {
        match level {
            Level::TopSecret | Level::Secret => Style::new()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            _ => Style::new()
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
        }
    }

    pub fn bar(&self) -> Style {
        Style::new().bg(Color::Blue).fg(Color::White)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::new().fg(Color::DarkGray)
    }

    pub fn error(&self) -> Style {
        Style::new()
            .fg(Color::LightRed)
            .add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        Style::new().fg(Color::Green)
    }

    pub fn overdue(&self) -> Style {
        Style::new()
            .fg(Color::LightRed)
            .add_modifier(Modifier::BOLD)
    }

    pub fn due_soon(&self) -> Style {
        Style::new().fg(Color::Yellow)
    }

    pub fn key(&self) -> Style {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}
