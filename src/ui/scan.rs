//! Telling a barcode scanner from a person. A keyboard-wedge scanner "types" the number it read and
//! Enter, a few milliseconds a key; crossterm's key events carry no time, so the event loop stamps
//! each with the instant it was read, and the app passes every key through a `Wedge`. Printable
//! keys are held back until it is clear what they are: a run of at least `MIN_LEN` of them, each
//! within `GAP` of the one before and ended by Enter within `GAP`, is a scan and goes to the screen
//! whole; anything else comes out as the keys it was, at most `GAP` late, which no one notices.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Scanners send a key every 1–15 ms (USB wedges at their default inter-character delay;
/// Bluetooth ones and a terminal in between add a few ms of jitter). People, even typing fast,
/// leave 60 ms or more between keys, and a key held down repeats every 30–50 ms after a pause;
/// no one follows a letter with Enter within 30 ms, which the scan also needs.
pub const GAP: Duration = Duration::from_millis(30);
/// The shortest scan: carrier numbers are longer (U-017, 2026-收-0001), and three quick keys are
/// within a fast typist's reach.
pub const MIN_LEN: usize = 4;
/// No label carries a longer number: past this the keys held are let go as keys (a key held
/// down, repeating).
pub const MAX_LEN: usize = 64;

/// What comes out of the wedge for the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feed {
    Key(KeyEvent),
    /// A scan: the characters read, and the keys they came as (for a screen that takes them as
    /// typing).
    Scan(String, Vec<KeyEvent>),
}

#[derive(Debug, Default)]
pub struct Wedge {
    held: Vec<(KeyEvent, Instant)>,
}

fn printable(k: &KeyEvent) -> Option<char> {
    match k.code {
        // A space ticks on the batch screens, often held down: never held back.
        KeyCode::Char(c)
            if c != ' '
                && !c.is_control()
                && !k
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}

impl Wedge {
    /// A key read at `at`.
    pub fn key(&mut self, key: KeyEvent, at: Instant) -> Vec<Feed> {
        let quick = self
            .held
            .last()
            .is_some_and(|(_, last)| at.saturating_duration_since(*last) <= GAP);
        let mut out = Vec::new();
        if !quick {
            out.extend(self.release());
        }
        if printable(&key).is_some() {
            if self.held.len() >= MAX_LEN {
                out.extend(self.release());
            }
            self.held.push((key, at));
            return out;
        }
        if key.code == KeyCode::Enter && key.modifiers.is_empty() && self.held.len() >= MIN_LEN {
            let keys: Vec<KeyEvent> = self.held.drain(..).map(|(k, _)| k).collect();
            let code: String = keys.iter().filter_map(printable).collect();
            out.push(Feed::Scan(code, keys));
            return out;
        }
        out.extend(self.release());
        out.push(Feed::Key(key));
        out
    }

    /// No key came until `now`: keys held longer than `GAP` were typed.
    pub fn quiet(&mut self, now: Instant) -> Vec<Feed> {
        match self.deadline() {
            Some(d) if now >= d => self.release(),
            _ => Vec::new(),
        }
    }

    /// When the keys held become ordinary keys, if any are held: the loop wakes then.
    pub fn deadline(&self) -> Option<Instant> {
        self.held.last().map(|(_, at)| *at + GAP)
    }

    /// Lets the keys held go now (something that is not a key came, a paste).
    pub fn release(&mut self) -> Vec<Feed> {
        self.held.drain(..).map(|(k, _)| Feed::Key(k)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<KeyEvent> {
        s.chars()
            .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
            .collect()
    }

    fn enter() -> KeyEvent {
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
    }

    /// Feeds `s` and Enter `gap_ms` apart from `t0`, then silence.
    fn feed(w: &mut Wedge, t0: Instant, s: &str, gap_ms: u64) -> Vec<Feed> {
        let mut out = Vec::new();
        let mut t = t0;
        for k in keys(s).into_iter().chain([enter()]) {
            t += Duration::from_millis(gap_ms);
            out.extend(w.key(k, t));
        }
        out.extend(w.quiet(t + Duration::from_secs(1)));
        out
    }

    #[test]
    fn a_fast_burst_ended_by_enter_is_a_scan() {
        let mut w = Wedge::default();
        let out = feed(&mut w, Instant::now(), "U-017", 4);
        assert_eq!(out, vec![Feed::Scan("U-017".into(), keys("U-017"))]);
        let out = feed(&mut w, Instant::now(), "2026-收-0153", 29);
        assert!(matches!(&out[..], [Feed::Scan(c, _)] if c == "2026-收-0153"));
    }

    #[test]
    fn the_same_keys_typed_are_keys() {
        let mut w = Wedge::default();
        let out = feed(&mut w, Instant::now(), "U-017", 80);
        let mut want: Vec<Feed> = keys("U-017").into_iter().map(Feed::Key).collect();
        want.push(Feed::Key(enter()));
        assert_eq!(out, want);
    }

    #[test]
    fn short_bursts_and_bursts_without_enter_are_keys() {
        let mut w = Wedge::default();
        let out = feed(&mut w, Instant::now(), "abc", 2);
        assert_eq!(out.len(), 4);
        assert!(out.iter().all(|f| matches!(f, Feed::Key(_))));
        // Held, then let go once the gap has passed without Enter.
        let t = Instant::now();
        assert!(w.key(keys("a")[0], t).is_empty());
        assert!(w.key(keys("w")[0], t + Duration::from_millis(3)).is_empty());
        assert!(w.quiet(t + Duration::from_millis(20)).is_empty());
        assert_eq!(w.quiet(t + Duration::from_millis(40)).len(), 2);
        assert!(w.deadline().is_none());
    }

    #[test]
    fn a_slow_enter_or_a_slow_key_in_the_middle_breaks_the_scan() {
        let mut w = Wedge::default();
        let t = Instant::now();
        let mut out = Vec::new();
        for (i, k) in keys("U-017").into_iter().enumerate() {
            out.extend(w.key(k, t + Duration::from_millis(i as u64 * 3)));
        }
        out.extend(w.key(enter(), t + Duration::from_millis(200)));
        assert_eq!(out.len(), 6);
        assert!(out.iter().all(|f| matches!(f, Feed::Key(_))));
    }
}
