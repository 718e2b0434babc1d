//! Drives the app the way a user does, against a real store and a `TestBackend`: keys in, frames
//! out, the clock injected. Used by the screen tests and the screenshot command.

use std::time::Instant;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::action::{Action, Clock, Session};
use super::app::App;
use super::theme::Theme;
use super::{drive, drive_idle};
use crate::store::{Store, accounts};

pub struct Harness {
    pub app: App,
    pub session: Session,
    pub terminal: Terminal<TestBackend>,
    pub clock: Clock,
    /// The last frame as the app drew it.
    pub frame: Buffer,
    /// Key instants are pinned: `epoch` plus the time the test has let pass between keys.
    epoch: Instant,
    keys_at: std::time::Duration,
}

/// A person's pace: far slower than a scanner's (`scan::GAP`).
const HUMAN_MS: u64 = 200;

impl Harness {
    pub fn new(store: Store, today: NaiveDate, width: u16, height: u16) -> Harness {
        let now: NaiveDateTime = today.and_hms_opt(9, 0, 0).unwrap_or_default();
        let clock = Clock {
            today,
            now,
            mono_ms: 1_000,
        };
        let has_accounts = accounts::count(store.conn()).unwrap_or(0) > 0;
        let mut session = Session::new(store, clock);
        let mut app = App::new(Theme::default(), clock, has_accounts, None);
        let first = app.update(Action::Tick(clock));
        let mut idle = Vec::new();
        drive(&mut app, &mut session, first, &mut idle);
        drive_idle(&mut app, &mut session, &mut idle);
        let terminal = Terminal::new(TestBackend::new(width, height))
            .unwrap_or_else(|_| unreachable!("TestBackend never fails"));
        let frame = Buffer::empty(terminal.backend().buffer().area);
        let mut h = Harness {
            app,
            session,
            terminal,
            clock,
            frame,
            epoch: Instant::now(),
            keys_at: std::time::Duration::ZERO,
        };
        h.draw();
        h
    }

    fn act(&mut self, action: Action) {
        self.send(vec![action]);
    }

    /// A tick, then `actions` as one batch of events, as the loop reads them.
    fn send(&mut self, actions: Vec<Action>) {
        self.session.clock = self.clock;
        let mut effects = self.app.update(Action::Tick(self.clock));
        for a in actions {
            effects.extend(self.app.update(a));
        }
        self.run(effects);
    }

    /// The pinned instant `ms` after the last key.
    fn later(&mut self, ms: u64) -> Instant {
        self.keys_at += std::time::Duration::from_millis(ms);
        self.epoch + self.keys_at
    }

    /// A key pressed at a person's pace: it comes out of the scanner's wedge as the key it is.
    fn press(&mut self, key: KeyEvent) {
        let at = self.later(HUMAN_MS);
        let quiet = at + std::time::Duration::from_millis(HUMAN_MS / 2);
        self.send(vec![Action::Key(key, at), Action::Quiet(quiet)]);
    }

    /// `text` and Enter, each key `gap_ms` after the one before, then a pause: a scanner when the
    /// gap is a few ms, a person when it is long.
    pub fn burst(&mut self, text: &str, gap_ms: u64) {
        let keys = text
            .chars()
            .map(KeyCode::Char)
            .chain([KeyCode::Enter])
            .map(|c| KeyEvent::new(c, KeyModifiers::NONE));
        for k in keys {
            let at = self.later(gap_ms);
            self.send(vec![Action::Key(k, at)]);
        }
        let quiet = self.later(HUMAN_MS);
        self.send(vec![Action::Quiet(quiet)]);
    }

    /// A barcode scanner reading `code`: its characters and Enter 5 ms apart.
    pub fn scan(&mut self, code: &str) {
        self.burst(code, 5);
    }

    /// Carries out effects, draws, then runs what waited for the frame and draws again, as the
    /// loop does.
    fn run(&mut self, effects: Vec<super::action::Effect>) {
        let mut idle = Vec::new();
        drive(&mut self.app, &mut self.session, effects, &mut idle);
        self.draw();
        while !idle.is_empty() {
            drive_idle(&mut self.app, &mut self.session, &mut idle);
            self.draw();
        }
    }

    /// A key, timed to its first frame only (what waits for the frame runs afterwards).
    pub fn key_to_frame(&mut self, code: KeyCode) -> std::time::Duration {
        self.session.clock = self.clock;
        let at = self.later(HUMAN_MS);
        let quiet = at + std::time::Duration::from_millis(HUMAN_MS / 2);
        let start = Instant::now();
        let mut effects = self.app.update(Action::Tick(self.clock));
        effects.extend(
            self.app
                .update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE), at)),
        );
        effects.extend(self.app.update(Action::Quiet(quiet)));
        let mut idle = Vec::new();
        drive(&mut self.app, &mut self.session, effects, &mut idle);
        self.draw();
        let first = start.elapsed();
        while !idle.is_empty() {
            drive_idle(&mut self.app, &mut self.session, &mut idle);
            self.draw();
        }
        first
    }

    /// Draws a frame. The backend is cleared first: `TestBackend` does not blank the column a
    /// terminal blanks when a wide character is overwritten, so diffs alone leave stale cells.
    pub fn draw(&mut self) {
        let app = &self.app;
        let _ = self.terminal.clear();
        let Ok(done) = self.terminal.draw(|f| app.render(f));
        self.frame = done.buffer.clone();
        if let Some((x, y)) = malformed_wide_cell(&self.frame) {
            panic!(
                "a wide character at ({x}, {y}) is followed by a non-blank cell: the terminal would misdraw it\n{}",
                buffer_text(&self.frame)
            );
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.press(KeyEvent::new(code, KeyModifiers::NONE));
    }

    pub fn ctrl(&mut self, c: char) {
        self.press(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    /// Types text one character at a time, as the keyboard (or an input method) sends it.
    pub fn type_str(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Pastes text, as a terminal's bracketed paste delivers it.
    pub fn paste(&mut self, s: &str) {
        self.act(Action::Paste(s.to_string()));
    }

    pub fn enter(&mut self) {
        self.key(KeyCode::Enter);
    }

    pub fn tab(&mut self) {
        self.key(KeyCode::Tab);
    }

    pub fn esc(&mut self) {
        self.key(KeyCode::Esc);
    }

    /// Lets time pass without a key.
    pub fn wait(&mut self, ms: u64) {
        self.clock.mono_ms += ms;
        self.clock.now += Duration::milliseconds(ms as i64);
        self.session.clock = self.clock;
        let effects = self.app.update(Action::Tick(self.clock));
        self.run(effects);
    }

    /// Moves the clock to another day (past midnight) without a key.
    pub fn set_today(&mut self, day: NaiveDate) {
        self.clock.today = day;
        self.clock.now = day.and_hms_opt(0, 0, 5).unwrap_or_default();
        self.clock.mono_ms += 1;
        self.session.clock = self.clock;
        let effects = self.app.update(Action::Tick(self.clock));
        self.run(effects);
    }

    /// Logs in through the login screen.
    pub fn login(&mut self, user: &str, password: &str) {
        self.type_str(user);
        self.tab();
        self.type_str(password);
        self.enter();
    }

    /// The terminal's cells after the last frame.
    pub fn buffer(&self) -> &Buffer {
        self.terminal.backend().buffer()
    }

    /// The screen as text, one line per row, wide characters taking their two cells.
    pub fn screen(&self) -> String {
        buffer_text(self.buffer())
    }
}

/// The first wide character whose hidden column holds something: ratatui's diff assumes none.
pub fn malformed_wide_cell(buf: &Buffer) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let w = unicode_width::UnicodeWidthStr::width(buf[(x, y)].symbol());
            if w == 2 {
                let next = buf[(x + 1, y)].symbol();
                if !(next.is_empty() || next == " ") {
                    return Some((x, y));
                }
            }
        }
    }
    None
}

/// A buffer as text: the cell hidden behind a wide character is skipped, so each line shows what
/// the terminal shows.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            let w = unicode_width::UnicodeWidthStr::width(sym);
            line.push_str(if sym.is_empty() { " " } else { sym });
            if w > 1 {
                skip = w - 1;
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
