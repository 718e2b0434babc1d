//! The app: a stack of screens (Esc goes back), a stack of modals, the idle lock, the bars.
//! `update` changes state and returns effects for the loop; `render` only reads.

use std::any::Any;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

mod render;
mod scanned;

use crate::domain::account::Role;
use crate::domain::dates;
use crate::domain::due;
use crate::store::{self, StoreError, accounts};
use crate::ui::action::{Action, Clock, Effect, Session, Target};
use crate::ui::keymap::{self, Binding, Hint, ch, code, ctrl};
use crate::ui::scan::Wedge;
use crate::ui::screens::nav::{self, Entry};
use crate::ui::screens::{self, Command, Ctx, Screen, UserInfo};
use crate::ui::theme::Theme;
use crate::ui::widgets::field::{Field, Kind};
use crate::ui::widgets::hints::Counts;

/// Messages for the app itself.
pub enum AppMsg {
    /// The bar's counts, and the settings as they are now (a changed idle limit applies at once).
    Counts(Counts, Box<crate::domain::settings::Settings>),
    Unlocked(Result<(), (String, bool)>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Global {
    Search,
    Help,
    Back,
    Lock,
    Quit,
    GoTo,
}

fn global_bindings() -> Vec<Binding<Global>> {
    vec![
        Binding::new(ch('/'), "查找", Global::Search),
        Binding::new(ch('?'), "帮助", Global::Help),
        // Shown on the navigation line rather than in the bar, which is full on many screens.
        Binding::new(ch('g'), "转到", Global::GoTo).help_only(),
        Binding::new(code(KeyCode::Esc), "返回", Global::Back).help_only(),
        Binding::new(ctrl('l'), "锁屏", Global::Lock).help_only(),
        // Two rows rather than one long one: the help at 80×24 keeps both whole.
        Binding::new(ctrl('c'), "退出", Global::Quit).help_only(),
        Binding::new(ch('q'), "退出（首页）", Global::Quit).help_only(),
    ]
}

/// The password prompt of the idle lock (R-SYS-2).
pub struct LockView {
    pub field: Field,
    pub error: Option<String>,
}

pub struct App {
    pub theme: Theme,
    pub clock: Clock,
    pub user: Option<UserInfo>,
    pub screens: Vec<(u64, Box<dyn Screen>)>,
    pub modals: Vec<(u64, Box<dyn Screen>)>,
    /// The screens opened from the navigation, by id: where the officer is, for the navigation
    /// line.
    places: Vec<(u64, &'static Entry)>,
    pub locked: Option<LockView>,
    /// Keys held back until it is clear whether a scanner or a person typed them.
    wedge: Wedge,
    /// A jump away from unsaved work was asked about with this key.
    leaving: Option<KeyCode>,
    pub counts: Counts,
    pub status: Option<(String, bool)>,
    pub quit: bool,
    last_key_ms: u64,
    next_id: u64,
    /// Effects asked for before the first update (the first screen's load).
    pending: Vec<Effect>,
}

impl App {
    /// A new app: the setup screen on a database with no account, else the login screen.
    pub fn new(theme: Theme, clock: Clock, has_accounts: bool, user_hint: Option<String>) -> App {
        let mut app = App {
            theme,
            clock,
            user: None,
            screens: Vec::new(),
            modals: Vec::new(),
            places: Vec::new(),
            locked: None,
            wedge: Wedge::default(),
            leaving: None,
            counts: Counts::default(),
            status: None,
            quit: false,
            last_key_ms: clock.mono_ms,
            next_id: 1,
            pending: Vec::new(),
        };
        app.pending = if has_accounts {
            app.push(Box::new(screens::login::Login::new(user_hint)))
        } else {
            app.push(Box::new(screens::setup::Setup::new()))
        };
        app
    }

    fn push(&mut self, s: Box<dyn Screen>) -> Vec<Effect> {
        let id = self.next_id;
        self.next_id += 1;
        self.screens.push((id, s));
        self.show_top()
    }

    fn show_top(&mut self) -> Vec<Effect> {
        let Some(id) = self.screens.last().map(|(id, _)| *id) else {
            return vec![];
        };
        self.with(id, |s, cx| s.on_show(cx))
    }

    /// Runs `f` on the screen or modal `id` and applies what it asked for.
    fn with(&mut self, id: u64, f: impl FnOnce(&mut dyn Screen, &mut Ctx<'_>)) -> Vec<Effect> {
        let today = self.clock.today;
        let user = self.user.clone();
        let mut cx = Ctx::new(id, today, user.as_ref());
        let found = self
            .modals
            .iter_mut()
            .chain(self.screens.iter_mut())
            .find(|(i, _)| *i == id);
        let Some((_, screen)) = found else {
            return vec![];
        };
        f(screen.as_mut(), &mut cx);
        let Ctx {
            effects, commands, ..
        } = cx;
        let mut effects = effects;
        for c in commands {
            effects.extend(self.apply(c));
        }
        effects
    }

    fn apply(&mut self, c: Command) -> Vec<Effect> {
        match c {
            // A message belongs to the screen it was said on: moving to another clears it (issue 9
            // point 17); a message sent with the move comes after it.
            Command::Push(s) => {
                self.status = None;
                self.push(s)
            }
            Command::Pop => {
                self.status = None;
                if self.screens.len() > 1 {
                    self.screens.pop();
                    return self.show_top();
                }
                vec![]
            }
            Command::Modal(s) => {
                let id = self.next_id;
                self.next_id += 1;
                self.modals.push((id, s));
                self.with(id, |s, cx| s.on_show(cx))
            }
            Command::CloseModal => {
                self.modals.pop();
                vec![]
            }
            Command::GoTo(nav) => self.go(nav),
            Command::Status(s) => {
                self.status = Some((s, false));
                vec![]
            }
            Command::Error(s) => {
                self.status = Some((s, true));
                vec![]
            }
            Command::Changed => self.refresh(),
            Command::Reset(s) => {
                self.screens.clear();
                self.modals.clear();
                self.push(s)
            }
            Command::Counts(c) => {
                self.counts = c;
                vec![]
            }
            Command::Quit => {
                self.quit = true;
                vec![Effect::Quit]
            }
        }
    }

    /// Data or the day changed: reload the screen on top and the bar's counts. The home screen
    /// computes the counts with its own list, so they are not asked for twice.
    fn refresh(&mut self) -> Vec<Effect> {
        if !self.modals.is_empty() {
            return vec![counts_task()];
        }
        let home_on_top =
            self.place().is_some_and(|e| e.title == nav::HOME) && self.screens.len() == 1;
        let mut e = if home_on_top {
            vec![]
        } else {
            vec![counts_task()]
        };
        e.extend(self.show_top());
        e
    }

    /// After a login: the home screen on a fresh stack.
    pub fn logged_in(&mut self, user: UserInfo) -> Vec<Effect> {
        self.status = Some((
            format!("{}（{}）已登录", user.display_name, user.role.name()),
            false,
        ));
        self.user = Some(user);
        self.screens.clear();
        self.modals.clear();
        self.locked = None;
        // The home screen computes the counts with its own list. A leader's work is deciding:
        // they land on the approvals, with the home screen behind (issue 9 point 16).
        let leads = self
            .user
            .as_ref()
            .is_some_and(|u| matches!(u.role, Role::Leader | Role::DepartmentHead));
        self.places.clear();
        let mut effects = nav::entry(nav::HOME)
            .map(|home| self.open(home))
            .unwrap_or_default();
        if leads && let Some(approvals) = nav::entry(nav::APPROVALS) {
            effects.extend(self.open(approvals));
        }
        effects
    }

    /// Pushes the screen of a navigation entry, remembering which it is.
    fn open(&mut self, e: &'static Entry) -> Vec<Effect> {
        self.places.push((self.next_id, e));
        self.push((e.open)())
    }

    /// The navigation entry the officer is in: that of the topmost screen opened from it.
    pub fn place(&self) -> Option<&'static Entry> {
        self.screens
            .iter()
            .rev()
            .find_map(|(id, _)| self.places.iter().find(|(p, _)| p == id).map(|(_, e)| *e))
    }

    fn logout(&mut self, message: String) {
        self.user = None;
        self.screens.clear();
        self.modals.clear();
        self.locked = None;
        self.counts = Counts::default();
        self.status = Some((message, true));
        self.pending = self.push(Box::new(screens::login::Login::new(None)));
    }

    /// A screen of the navigation, on the home screen (which stays at the bottom of the stack).
    fn go(&mut self, e: &'static Entry) -> Vec<Effect> {
        if self.user.is_none() {
            return vec![];
        }
        self.status = None;
        self.modals.clear();
        self.screens.truncate(1);
        let kept: Vec<u64> = self.screens.iter().map(|(id, _)| *id).collect();
        self.places.retain(|(id, _)| kept.contains(id));
        if e.title == nav::HOME {
            return self.show_top();
        }
        self.open(e)
    }

    fn top_id(&self) -> Option<u64> {
        self.modals
            .last()
            .or(self.screens.last())
            .map(|(id, _)| *id)
    }

    fn idle_limit_ms(&self) -> u64 {
        let minutes = self
            .user
            .as_ref()
            .map(|u| u.settings.idle_lock_minutes)
            .unwrap_or(5)
            .clamp(1, 5);
        u64::from(minutes) * 60_000
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = std::mem::take(&mut self.pending);
        effects.extend(self.handle(action));
        effects
    }

    fn handle(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Tick(clock) => self.tick(clock),
            Action::Key(key, at) => {
                // Windows sends releases too.
                if key.kind != KeyEventKind::Press {
                    return vec![];
                }
                self.last_key_ms = self.clock.mono_ms;
                let feed = self.wedge.key(key, at);
                self.feed(feed)
            }
            Action::Quiet(now) => {
                let feed = self.wedge.quiet(now);
                self.feed(feed)
            }
            Action::Paste(text) => {
                self.last_key_ms = self.clock.mono_ms;
                // Keys typed before the paste come before it.
                let held = self.wedge.release();
                let mut effects = self.feed(held);
                if let Some(lock) = &mut self.locked {
                    lock.field.paste(&text);
                    return effects;
                }
                if let Some(id) = self.top_id() {
                    effects.extend(self.with(id, |s, cx| s.on_paste(&text, cx)));
                }
                effects
            }
            Action::Reply(Target::App, reply) => self.app_reply(reply),
            Action::Reply(Target::Screen(id), reply) => {
                // A login (from the login or setup screen) replaces the whole stack.
                let reply = match reply.downcast::<screens::login::LoggedIn>() {
                    Ok(info) => return self.logged_in(info.0),
                    Err(other) => other,
                };
                let reply = match reply.downcast::<screens::OpenModal>() {
                    Ok(m) => return self.with(id, |_, cx| cx.commands.push(Command::Modal(m.0))),
                    Err(other) => other,
                };
                self.with(id, |s, cx| s.on_reply(reply, cx))
            }
        }
    }

    fn tick(&mut self, clock: Clock) -> Vec<Effect> {
        let day_changed = clock.today != self.clock.today;
        self.clock = clock;
        let mut effects = Vec::new();
        if self.user.is_some()
            && self.locked.is_none()
            && clock.mono_ms.saturating_sub(self.last_key_ms) >= self.idle_limit_ms()
        {
            self.locked = Some(LockView {
                field: Field::new("password", "口令", Kind::Secret),
                error: None,
            });
        }
        if day_changed && self.user.is_some() {
            self.status = Some((
                format!("日期已变为{}，到期提醒已重新计算", dates::zh(clock.today)),
                false,
            ));
            effects.extend(self.refresh());
        }
        effects
    }

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.quit = true;
            return vec![Effect::Quit];
        }
        if self.locked.is_some() {
            return self.lock_key(key);
        }
        if !self.modals.is_empty() {
            let id = self.modals.last().map(|(id, _)| *id).unwrap_or(0);
            return self.with(id, |s, cx| s.on_key(key, cx));
        }
        let Some(top) = self.screens.last().map(|(id, _)| *id) else {
            return vec![];
        };
        let typing = self.screens.last().is_some_and(|(_, s)| s.captures_text());
        if typing || self.user.is_none() {
            return self.with(top, |s, cx| s.on_key(key, cx));
        }
        // Digits and F-keys move between the screens of the navigation.
        let nav_number = match key.code {
            KeyCode::Char(c) if c.is_ascii_digit() && key.modifiers.is_empty() => c.to_digit(10),
            KeyCode::F(n) => Some(u32::from(n)),
            _ => None,
        };
        let target = nav_number
            .and_then(|n| u8::try_from(n).ok())
            .and_then(nav::by_digit);
        let global = keymap::find(&global_bindings(), &key);
        // Esc leaves too, whether the app pops the screen or the screen closes itself; so does
        // `g`, whose menu leads away.
        let leaves = target.is_some() || matches!(global, Some(Global::Back) | Some(Global::GoTo));
        // Unsaved ticks: the first jump away asks, the same key again leaves.
        let asked = self.leaving.take();
        if leaves
            && asked != Some(key.code)
            && let Some(what) = self.screens.last().and_then(|(_, s)| s.unsaved())
        {
            self.leaving = Some(key.code);
            self.status = Some((format!("{what}：按 Enter 完成，或再按一次离开"), true));
            return vec![];
        }
        if asked.is_some() {
            // The question is answered (or dropped): it does not linger on the next screen.
            self.status = None;
        }
        if let Some(n) = target {
            return self.go(n);
        }
        match global {
            Some(Global::Search) => {
                self.apply(Command::Modal(Box::new(screens::search::Search::new())))
            }
            Some(Global::GoTo) => self.apply(Command::Modal(Box::new(nav::GoTo::new()))),
            Some(Global::Help) => {
                let hints = self.hints();
                let title = self
                    .screens
                    .last()
                    .map(|(_, s)| s.title())
                    .unwrap_or_default();
                self.apply(Command::Modal(Box::new(screens::help::Help::new(
                    title,
                    hints,
                    keymap::hints(&global_bindings()),
                    nav::SCREENS.iter().map(Entry::hint).collect(),
                ))))
            }
            Some(Global::Back) if self.screens.len() > 1 => self.apply(Command::Pop),
            Some(Global::Lock) => {
                self.locked = Some(LockView {
                    field: Field::new("password", "口令", Kind::Secret),
                    error: None,
                });
                vec![]
            }
            Some(Global::Quit) if self.screens.len() == 1 => {
                self.quit = true;
                vec![Effect::Quit]
            }
            _ => self.with(top, |s, cx| s.on_key(key, cx)),
        }
    }

    fn lock_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(lock) = &mut self.locked else {
            return vec![];
        };
        if key.code != KeyCode::Enter {
            lock.field.input(key);
            return vec![];
        }
        let password = lock.field.value();
        lock.field.set("");
        let Some(name) = self.user.as_ref().map(|u| u.name.clone()) else {
            return vec![];
        };
        vec![Effect::task(Target::App, move |s: &mut Session| {
            let lock_minutes = s.settings().lock_minutes;
            AppMsg::Unlocked(
                match accounts::login(&mut s.store, &name, &password, s.clock.now, lock_minutes) {
                    Ok(_) => Ok(()),
                    Err(StoreError::Auth(m)) => {
                        let locked_out = accounts::find(s.store.conn(), &name)
                            .ok()
                            .flatten()
                            .is_some_and(|a| a.record().is_locked(accounts::unix(s.clock.now)));
                        if locked_out {
                            s.account = None;
                        }
                        Err((m, locked_out))
                    }
                    Err(e) => Err((e.to_string(), false)),
                },
            )
        })]
    }

    fn app_reply(&mut self, reply: Box<dyn Any>) -> Vec<Effect> {
        let Ok(msg) = reply.downcast::<AppMsg>() else {
            return vec![];
        };
        match *msg {
            AppMsg::Counts(c, settings) => {
                self.counts = c;
                if let Some(u) = self.user.as_mut() {
                    u.settings = *settings;
                }
            }
            AppMsg::Unlocked(Ok(())) => {
                self.locked = None;
                self.last_key_ms = self.clock.mono_ms;
                self.status = Some(("已解锁".into(), false));
            }
            AppMsg::Unlocked(Err((m, true))) => self.logout(m),
            AppMsg::Unlocked(Err((m, false))) => {
                if let Some(l) = &mut self.locked {
                    l.error = Some(m);
                }
            }
        }
        vec![]
    }

    /// The hints of what has the keys now, then the global ones: the bottom bar and the help.
    pub fn hints(&self) -> Vec<Hint> {
        if self.locked.is_some() {
            return vec![Hint::new("Enter", "解锁")];
        }
        let top = self.modals.last().or(self.screens.last());
        let mut h = top.map(|(_, s)| s.hints()).unwrap_or_default();
        if self.modals.is_empty() && self.user.is_some() {
            h.extend(keymap::hints(&global_bindings()));
        }
        // Acts the user's role cannot do are not offered (issue 9 point 16).
        let role = self.user.as_ref().map(|u| u.role);
        h.retain(|x| x.offered(role));
        h
    }
}

/// Counts for the bottom bar (overdue and due-soon items, requests waiting, the audit alarm),
/// with the settings they were counted under.
fn counts(s: &mut Session) -> (Counts, crate::domain::settings::Settings) {
    let settings = s.settings();
    let items = store::due::items(s.store.conn(), s.today(), &settings, settings.alarm_days)
        .unwrap_or_default();
    let (overdue, due_soon) = due::counts(&items);
    let role = s.account.as_ref().map(|a| a.role).unwrap_or(Role::Viewer);
    let approvals = store::approvals::waiting_count(s.store.conn(), role).unwrap_or(0) as usize;
    let audit_alarm = s.store.head_alarm().map(|a| a.is_some()).unwrap_or(true);
    let counts = Counts {
        overdue,
        due_soon,
        approvals,
        audit_alarm,
    };
    (counts, settings)
}

pub fn counts_task() -> Effect {
    Effect::task(Target::App, |s: &mut Session| {
        let (counts, settings) = counts(s);
        AppMsg::Counts(counts, Box::new(settings))
    })
}
