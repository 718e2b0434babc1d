//! Keys through the scanner's wedge (`crate::ui::scan`): what a scan does depends on what is on
//! top.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use crate::domain::text;
use crate::ui::action::Effect;
use crate::ui::scan::Feed;
use crate::ui::screens::{self, Command};

impl App {
    /// When keys held as a possible scan are to be let go: the loop wakes then at the latest.
    pub fn key_deadline(&self) -> Option<std::time::Instant> {
        self.wedge.deadline()
    }

    pub(super) fn feed(&mut self, feed: Vec<Feed>) -> Vec<Effect> {
        let mut effects = Vec::new();
        for f in feed {
            effects.extend(match f {
                Feed::Key(k) => self.key(k),
                Feed::Scan(code, keys) => self.scan(code, keys),
            });
        }
        effects
    }

    /// A scan goes to the screen or popup on top, whole, so that none of its characters fires a
    /// key. One that does not take scans gets the keys as typed if it takes text (a form's
    /// field); on any other page the scanned carrier is looked up as `/` would.
    fn scan(&mut self, code: String, keys: Vec<KeyEvent>) -> Vec<Effect> {
        let typed = |app: &mut App, keys: Vec<KeyEvent>| -> Vec<Effect> {
            keys.into_iter()
                .chain([KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)])
                .flat_map(|k| app.key(k))
                .collect()
        };
        if self.locked.is_some() || self.user.is_none() {
            return typed(self, keys);
        }
        let Some(top) = self.top_id() else {
            return vec![];
        };
        let mut taken = false;
        let mut effects = self.with(top, |s, cx| taken = s.on_scan(&code, cx));
        if taken {
            return effects;
        }
        let on_top = self.modals.last().or(self.screens.last());
        if on_top.is_some_and(|(_, s)| s.captures_text()) {
            return typed(self, keys);
        }
        if !self.modals.is_empty() {
            self.status = Some((
                format!(
                    "扫描到「{}」：请先关闭当前窗口再扫描",
                    text::for_terminal(&code)
                ),
                true,
            ));
            return effects;
        }
        effects.extend(self.apply(Command::Modal(Box::new(screens::search::Search::new()))));
        if let Some(id) = self.top_id() {
            effects.extend(self.with(id, |s, cx| {
                s.on_scan(&code, cx);
            }));
        }
        effects
    }
}
