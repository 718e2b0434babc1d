//! Screens, one module each, named after the title they show. A screen owns its state, lists its
//! key bindings once, asks the store for data through jobs, and draws from its state only.

pub mod approvals;
pub mod backup;
pub mod batch;
pub mod cabinets;
pub mod confirm;
pub mod help;
pub mod history;
pub mod home;
pub mod ledger;
pub mod ledger_forms;
pub mod login;
pub mod message;
pub mod nav;
pub mod paper;
pub mod records;
pub mod reports;
pub mod search;
pub mod selfcheck;
pub mod settings;
pub mod setup;

use std::any::Any;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::{Effect, Session, Target};
use super::keymap::Hint;
use super::theme::Theme;
use crate::domain::account::Role;
use crate::domain::level::Level;
use crate::domain::settings::Settings;

/// Who is logged in, as the screens need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfo {
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub settings: Settings,
}

impl UserInfo {
    pub fn unit(&self) -> &str {
        &self.settings.unit_name
    }

    pub fn highest(&self) -> Level {
        self.settings.highest_level
    }

    pub fn is_officer(&self) -> bool {
        self.role == Role::Officer
    }
}

/// What a screen may ask of the app while it handles a key or a reply.
pub enum Command {
    Push(Box<dyn Screen>),
    Pop,
    Modal(Box<dyn Screen>),
    CloseModal,
    /// Opens a screen of the navigation on the home screen.
    GoTo(&'static nav::Entry),
    Status(String),
    Error(String),
    /// Data changed: reload the counts and the screens below.
    Changed,
    /// Replace the whole stack with this screen (first run → login).
    Reset(Box<dyn Screen>),
    /// New counts for the bottom bar (the home screen computes them with its list).
    Counts(crate::ui::widgets::hints::Counts),
    Quit,
}

pub struct Ctx<'a> {
    /// The id of the screen handling the event: its jobs answer to it.
    pub id: u64,
    pub today: NaiveDate,
    pub user: Option<&'a UserInfo>,
    pub effects: Vec<Effect>,
    pub commands: Vec<Command>,
}

impl<'a> Ctx<'a> {
    pub fn new(id: u64, today: NaiveDate, user: Option<&'a UserInfo>) -> Ctx<'a> {
        Ctx {
            id,
            today,
            user,
            effects: Vec::new(),
            commands: Vec::new(),
        }
    }

    /// A job whose answer comes back to this screen's `on_reply`.
    pub fn task<T: 'static>(&mut self, f: impl FnOnce(&mut Session) -> T + 'static) {
        self.effects.push(Effect::task(Target::Screen(self.id), f));
    }

    /// A job run after the next frame is drawn, so that the frame does not wait for it.
    pub fn idle_task<T: 'static>(&mut self, f: impl FnOnce(&mut Session) -> T + 'static) {
        self.effects.push(Effect::Idle {
            to: Target::Screen(self.id),
            job: Box::new(move |s| Box::new(f(s)) as Box<dyn Any>),
        });
    }

    /// A job that may answer with one of several types.
    pub fn task_any(&mut self, f: impl FnOnce(&mut Session) -> Box<dyn Any> + 'static) {
        self.effects.push(Effect::Task {
            to: Target::Screen(self.id),
            job: Box::new(f),
        });
    }

    /// A popup built from what a job reads first (the cabinets a location field offers), opened
    /// when the job answers.
    pub fn modal_after(&mut self, f: impl FnOnce(&mut Session) -> Box<dyn Screen> + 'static) {
        self.task(move |s: &mut Session| OpenModal(f(s)));
    }

    pub fn push(&mut self, s: impl Screen + 'static) {
        self.commands.push(Command::Push(Box::new(s)));
    }

    pub fn modal(&mut self, s: impl Screen + 'static) {
        self.commands.push(Command::Modal(Box::new(s)));
    }

    pub fn status(&mut self, s: impl Into<String>) {
        self.commands.push(Command::Status(s.into()));
    }

    pub fn error(&mut self, s: impl Into<String>) {
        self.commands.push(Command::Error(s.into()));
    }

    pub fn is_officer(&self) -> bool {
        self.user.is_some_and(UserInfo::is_officer)
    }

    /// R-SYS-6 in the UI: says why when a non-officer tries an officer's act.
    pub fn require_officer(&mut self, act: &str) -> bool {
        if self.is_officer() {
            return true;
        }
        let role = self.user.map(|u| u.role).unwrap_or(Role::Viewer);
        if let Err(r) = role.require_officer(act) {
            self.error(r.to_string());
        }
        false
    }
}

/// What drawing may read besides the screen's own state.
pub struct RenderCtx<'a> {
    pub theme: Theme,
    pub today: NaiveDate,
    pub user: Option<&'a UserInfo>,
}

pub trait Screen {
    fn title(&self) -> String;

    /// The key hints: the bottom bar and the help are drawn from this list.
    fn hints(&self) -> Vec<Hint>;

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>);

    fn on_reply(&mut self, _reply: Box<dyn Any>, _cx: &mut Ctx<'_>) {}

    /// Called when the screen is first shown, when it comes back on top, and after data changed.
    fn on_show(&mut self, _cx: &mut Ctx<'_>) {}

    fn on_paste(&mut self, _text: &str, _cx: &mut Ctx<'_>) {}

    /// A barcode scanner read `code` (`scan`). True when the screen took it; otherwise a screen
    /// that takes text gets the keys as typed, and any other has the carrier opened.
    fn on_scan(&mut self, _code: &str, _cx: &mut Ctx<'_>) -> bool {
        false
    }

    /// Work on the screen that leaving it would throw away (ticks not yet recorded), in words for
    /// the officer; a jump away then asks first (issue 9 point 12).
    fn unsaved(&self) -> Option<String> {
        None
    }

    /// True while a text field has the focus: digits and letters are typing, not shortcuts.
    fn captures_text(&self) -> bool {
        false
    }

    /// Draws into `area`; returns where the terminal cursor goes (the caret of a focused field).
    fn render(
        &self,
        f: &mut Frame,
        area: Rect,
        r: &RenderCtx<'_>,
    ) -> Option<ratatui::layout::Position>;
}

/// A job's answer that is a popup to open (`Ctx::modal_after`).
pub struct OpenModal(pub Box<dyn Screen>);

/// Replies that carry a change's outcome: a message on success, the refusal otherwise.
pub type Done = Result<String, crate::store::StoreError>;
