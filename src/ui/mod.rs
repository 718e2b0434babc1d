//! The terminal UI: ratatui over crossterm, a synchronous loop. `App::update` changes state without
//! I/O and returns effects; the loop carries them out against the store; `App::render` only reads.

pub mod action;
pub mod app;
pub mod harness;
pub mod keymap;
pub mod screens;
pub mod text_width;
pub mod theme;
pub mod widgets;

use std::collections::VecDeque;
use std::time::Duration;

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;

use self::action::{Action, Clock, Effect, Session};
use self::app::App;
use crate::cli::{Env, Failure, Outcome};
use crate::store::{OpenMode, Store, accounts};

/// Carries out effects against the store, feeding each answer back to the app, until none is left.
/// Returns true when the app asked to quit.
pub fn drive(app: &mut App, session: &mut Session, effects: Vec<Effect>) -> bool {
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(e) = queue.pop_front() {
        match e {
            Effect::Task { to, job } => {
                let reply = job(session);
                queue.extend(app.update(Action::Reply(to, reply)));
            }
            Effect::Quit => return true,
        }
    }
    app.quit
}

/// Opens the TUI. `clock` is the edge's clock (the only place the time is read); `ascii` asks for
/// ASCII borders.
pub fn run(env: &Env, clock: &dyn Fn() -> Clock, ascii: bool) -> Outcome {
    let store = Store::open(&env.db, OpenMode::Create)?;
    let has_accounts = accounts::count(store.conn())? > 0;
    let start = clock();
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
        let first = app.update(Action::Tick(start));
        drive(&mut app, &mut session, first);
        loop {
            terminal
                .draw(|f| app.render(f))
                .map_err(|e| Failure::refused(format!("终端错误：{e}")))?;
            let action = if event::poll(Duration::from_millis(500))
                .map_err(|e| Failure::refused(format!("终端错误：{e}")))?
            {
                match event::read().map_err(|e| Failure::refused(format!("终端错误：{e}")))? {
                    Event::Key(k) => Some(Action::Key(k)),
                    Event::Paste(s) => Some(Action::Paste(s)),
                    _ => None,
                }
            } else {
                None
            };
            let now = clock();
            session.clock = now;
            let mut effects = app.update(Action::Tick(now));
            if let Some(a) = action {
                effects.extend(app.update(a));
            }
            if drive(&mut app, &mut session, effects) {
                return Ok(());
            }
        }
    })();
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}
