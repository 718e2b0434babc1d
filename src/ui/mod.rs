//! The terminal UI: ratatui over crossterm, a synchronous loop. `App::update` changes state without
//! I/O and returns effects; the loop carries them out against the store; `App::render` only reads.

pub mod action;
pub mod app;
pub mod harness;
pub mod keymap;
pub mod scan;
pub mod screens;
pub mod svg;
pub mod text_width;
pub mod theme;
pub mod widgets;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;

use self::action::{Action, Clock, Effect, Session};
use self::app::App;
use crate::cli::{Env, Failure, Outcome};
use crate::store::{OpenMode, Store, accounts};

/// Carries out effects against the store, feeding each answer back to the app, until none is left
/// but those that wait for the frame (returned in `idle`). Returns true when the app asked to quit.
pub fn drive(
    app: &mut App,
    session: &mut Session,
    effects: Vec<Effect>,
    idle: &mut Vec<Effect>,
) -> bool {
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(e) = queue.pop_front() {
        match e {
            Effect::Task { to, job } => {
                let reply = job(session);
                queue.extend(app.update(Action::Reply(to, reply)));
            }
            Effect::Idle { .. } => idle.push(e),
            Effect::Quit => return true,
        }
    }
    app.quit
}

/// Runs the jobs that waited for the frame; their answers may ask for more.
pub fn drive_idle(app: &mut App, session: &mut Session, idle: &mut Vec<Effect>) -> bool {
    let jobs: Vec<Effect> = std::mem::take(idle);
    let mut effects = Vec::new();
    for e in jobs {
        if let Effect::Idle { to, job } = e {
            let reply = job(session);
            effects.extend(app.update(Action::Reply(to, reply)));
        }
    }
    drive(app, session, effects, idle)
}

/// How long the loop waits for a key before it looks at the clock again.
const TICK: Duration = Duration::from_millis(500);

/// The events that came within `wait`, each key stamped with the instant it was read: this is the
/// edge where key times are known (`scan`). What has already arrived is read at once, so that a
/// scanner's burst is handled together, without a frame drawn between its keys.
fn read_events(wait: Duration) -> Result<Vec<Action>, Failure> {
    let fail = |e: std::io::Error| Failure::refused(format!("终端错误：{e}"));
    let mut actions = Vec::new();
    let mut wait = wait;
    while actions.len() < 256 && event::poll(wait).map_err(fail)? {
        match event::read().map_err(fail)? {
            Event::Key(k) => actions.push(Action::Key(k, Instant::now())),
            Event::Paste(s) => actions.push(Action::Paste(s)),
            _ => {}
        }
        wait = Duration::ZERO;
    }
    Ok(actions)
}

/// Opens the TUI. `clock` is the edge's clock (the only place the time is read); `ascii` asks for
/// ASCII borders.
pub fn run(env: &Env, clock: &dyn Fn() -> Clock, ascii: bool) -> Outcome {
    let mut store = Store::open(&env.db, OpenMode::Create)?;
    store.optimize()?;
    let has_accounts = accounts::count(store.conn())? > 0;
    let start = clock();
    // What a migration left to do in Rust (people from the ledger's names, R-PER-2; unfiled
    // computers, R-CMP-2), each in its own audited change.
    crate::store::records::migrated::settle(&mut store, start.today, start.now)?;
    let mut session = Session::new(store, start);
    let mut app = App::new(
        theme::Theme { ascii },
        start,
        has_accounts,
        env.user.clone(),
    );
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = (|| -> Result<(), Failure> {
        let mut idle = Vec::new();
        let first = app.update(Action::Tick(start));
        drive(&mut app, &mut session, first, &mut idle);
        loop {
            terminal
                .draw(|f| app.render(f))
                .map_err(|e| Failure::refused(format!("终端错误：{e}")))?;
            if !idle.is_empty() {
                if drive_idle(&mut app, &mut session, &mut idle) {
                    return Ok(());
                }
                continue;
            }
            // Keys held as a possible scan are let go when their time is up, not at the next tick.
            let wait = app.key_deadline().map_or(TICK, |d| {
                d.saturating_duration_since(Instant::now()).min(TICK)
            });
            let actions = read_events(wait)?;
            let now = clock();
            session.clock = now;
            let mut effects = app.update(Action::Tick(now));
            if actions.is_empty() {
                effects.extend(app.update(Action::Quiet(Instant::now())));
            }
            for a in actions {
                effects.extend(app.update(a));
            }
            if drive(&mut app, &mut session, effects, &mut idle) {
                return Ok(());
            }
        }
    })();
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}
