//! What comes into the app (keys, the clock, answers from the store) and what goes out (jobs for
//! the store). `App::update` turns one into the other without doing any I/O itself.

use std::any::Any;
use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::KeyEvent;

use crate::domain::settings::Settings;
use crate::store::{Stamp, Store, accounts::Account};

/// The clock as the edge reads it: the business day, the real time, and a monotonic count of
/// milliseconds for the idle lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub today: NaiveDate,
    pub now: NaiveDateTime,
    pub mono_ms: u64,
}

/// Who owns a job's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    App,
    Screen(u64),
}

/// Work against the store, run by the loop, answered with a message for `Target`.
pub type Job = Box<dyn FnOnce(&mut Session) -> Box<dyn Any>>;

pub enum Effect {
    Task {
        to: Target,
        job: Job,
    },
    /// Work that can wait until the frame is drawn (a total to show beside a list).
    Idle {
        to: Target,
        job: Job,
    },
    Quit,
}

impl Effect {
    pub fn task<T: 'static>(to: Target, f: impl FnOnce(&mut Session) -> T + 'static) -> Effect {
        Effect::Task {
            to,
            job: Box::new(move |s| Box::new(f(s)) as Box<dyn Any>),
        }
    }
}

impl std::fmt::Debug for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Effect::Task { to, .. } => write!(f, "Task({to:?})"),
            Effect::Idle { to, .. } => write!(f, "Idle({to:?})"),
            Effect::Quit => write!(f, "Quit"),
        }
    }
}

pub enum Action {
    /// A key and the instant the loop read it (a scanner is told from a person by the time
    /// between keys, `scan`).
    Key(KeyEvent, Instant),
    /// No key came until this instant: keys held back as a possible scan were typed.
    Quiet(Instant),
    Tick(Clock),
    /// A pasted string (an input method may deliver text this way).
    Paste(String),
    /// A job's answer.
    Reply(Target, Box<dyn Any>),
}

/// What jobs work with: the store and who is logged in. Lives in the loop, not in the app.
pub struct Session {
    pub store: Store,
    pub account: Option<Account>,
    pub clock: Clock,
}

impl Session {
    pub fn new(store: Store, clock: Clock) -> Session {
        Session {
            store,
            account: None,
            clock,
        }
    }

    /// The stamp for a change by the logged-in account, on the business day at the real time.
    pub fn stamp(&self) -> Stamp {
        Stamp::on(
            self.account
                .as_ref()
                .map(|a| a.name.clone())
                .unwrap_or_else(|| "-".into()),
            self.clock.today,
            self.clock.now,
        )
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today
    }

    pub fn settings(&self) -> Settings {
        crate::store::settings::load(self.store.conn()).unwrap_or_default()
    }
}
