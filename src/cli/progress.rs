//! Progress of long work on standard error (an import, an export of a big table): rows done, the
//! rate, and the time left when the total is known; redrawn in place at most five times a second.
//! Only when standard error is a terminal: piped or redirected, nothing is written. The meter reads
//! the monotonic clock for the rate, never the business day.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    what: &'static str,
    total: Option<u64>,
    start: Instant,
    last: Option<Instant>,
    /// The count last drawn.
    shown: Option<u64>,
    on: bool,
    drawn: bool,
}

impl Progress {
    /// A meter for `what` (导入, 导出 …), of `total` rows when known.
    pub fn new(what: &'static str, total: Option<u64>) -> Progress {
        Progress {
            what,
            total,
            start: Instant::now(),
            last: None,
            shown: None,
            on: std::io::stderr().is_terminal(),
            drawn: false,
        }
    }

    /// `done` rows so far; draws when a fifth of a second has passed since the last drawing, and
    /// at once when all rows are done (what is left, an index built, can take as long as they did,
    /// and the line says so).
    pub fn set(&mut self, done: u64) {
        if !self.on || self.shown == Some(done) {
            return;
        }
        let now = Instant::now();
        let all = self.total.is_some_and(|t| done >= t);
        if !all
            && self
                .last
                .is_some_and(|l| now.duration_since(l) < Duration::from_millis(200))
        {
            return;
        }
        if self.last.is_none() {
            // The first drawing waits half a second: quick work shows nothing.
            if now.duration_since(self.start) < Duration::from_millis(500) {
                return;
            }
        }
        self.last = Some(now);
        self.shown = Some(done);
        self.drawn = true;
        let text = line(self.what, done, self.total, now.duration_since(self.start));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{text}\x1b[K");
        let _ = err.flush();
    }

    /// Clears the meter's line, so that what follows starts on a clean line.
    pub fn finish(&mut self) {
        if self.drawn {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
            self.drawn = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// `12,345` with thousands separators.
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One line of the meter: `导出 120,000 / 1,000,000 行  60,000 行/秒  剩余约 15 秒`; with all rows
/// done, `正在收尾` instead of the time left.
pub fn line(what: &str, done: u64, total: Option<u64>, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
    let mut s = match total {
        Some(t) => format!("{what} {} / {} 行", thousands(done), thousands(t)),
        None => format!("{what} {} 行", thousands(done)),
    };
    if rate >= 1.0 {
        s.push_str(&format!("  {} 行/秒", thousands(rate as u64)));
        if total.is_some_and(|t| done >= t) {
            s.push_str("  正在收尾");
        } else if let Some(t) = total {
            let left = ((t - done) as f64 / rate).ceil() as u64;
            s.push_str(&if left >= 60 {
                format!("  剩余约 {} 分 {} 秒", left / 60, left % 60)
            } else {
                format!("  剩余约 {left} 秒")
            });
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meter_line() {
        assert_eq!(
            line("导出", 120_000, Some(1_000_000), Duration::from_secs(2)),
            "导出 120,000 / 1,000,000 行  60,000 行/秒  剩余约 15 秒"
        );
        assert_eq!(
            line("导入", 1_000, Some(1_000_000), Duration::from_secs(1)),
            "导入 1,000 / 1,000,000 行  1,000 行/秒  剩余约 16 分 39 秒"
        );
        assert_eq!(line("生成", 500, None, Duration::ZERO), "生成 500 行");
        assert_eq!(
            line("生成", 2_000, Some(2_000), Duration::from_secs(1)),
            "生成 2,000 / 2,000 行  2,000 行/秒  正在收尾"
        );
    }
}
