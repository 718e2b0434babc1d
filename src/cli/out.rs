//! Everything the command line writes goes through here. Two duties:
//! - A closed pipe (`baomi paper list | head`) ends the command quietly. `println!` panics on
//!   `EPIPE` (exit 101); here the write stops and the command ends with exit 0 and no message.
//! - Stored text never reaches the terminal raw: control characters, DEL, C1 and the bidi
//!   overrides become `?` (`domain::text::for_terminal_lines`), so a title holding
//!   `ESC ] 2 ; … BEL` cannot retitle the terminal. JSON keeps its data exact: serde escapes C0
//!   itself, and the rest (DEL, C1, bidi) is written as `\uXXXX` escapes, which read back the same.

use std::io::{ErrorKind, Write};

use super::{Failure, Outcome};
use crate::domain::text::{for_terminal_lines, is_unsafe};

/// The quiet end of a command whose reader went away: exit 0, nothing on standard error.
pub fn closed_pipe() -> Failure {
    Failure {
        code: 0,
        message: String::new(),
    }
}

fn failed(e: std::io::Error) -> Failure {
    if e.kind() == ErrorKind::BrokenPipe {
        closed_pipe()
    } else {
        Failure::refused(format!("无法写出到标准输出：{e}"))
    }
}

/// Writes raw bytes to standard output and flushes, a closed pipe being a quiet end.
fn write(bytes: &[u8]) -> Outcome {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).map_err(failed)?;
    out.flush().map_err(failed)
}

/// Writes text as it is laid out (lines, tabs, page breaks kept), unsafe characters shown as `?`.
pub fn print(text: &str) -> Outcome {
    write(for_terminal_lines(text).as_bytes())
}

/// Writes one line.
pub fn line(text: &str) -> Outcome {
    let mut s = for_terminal_lines(text).into_owned();
    s.push('\n');
    write(s.as_bytes())
}

/// Writes a rendered document (text, CSV or HTML; never PDF, which goes to a file).
pub fn bytes(b: &[u8]) -> Outcome {
    match std::str::from_utf8(b) {
        Ok(s) => print(s),
        Err(_) => write(b),
    }
}

/// JSON text with every character that serde leaves raw but a terminal would obey (DEL, C1,
/// bidi controls) written as a `\uXXXX` escape. Such characters only occur inside strings, where
/// the escape means the same character.
pub fn json_text(json: &str) -> String {
    let mut w = Escaped {
        inner: Vec::with_capacity(json.len()),
        carry: Vec::new(),
    };
    // Writing to memory does not fail, and what comes out of UTF-8 text is UTF-8.
    let _ = w.write_all(json.as_bytes()).and_then(|()| w.flush());
    String::from_utf8(w.inner).unwrap_or_default()
}

/// Writes a value as pretty JSON (one document, ending in a line break), escaped as `json_text`
/// escapes, as it is made: the due list of a million papers is 17 MB of JSON, and the text
/// never needs to be held whole.
pub fn json(v: &impl serde::Serialize) -> Outcome {
    let mut w = Escaped {
        inner: std::io::BufWriter::new(std::io::stdout().lock()),
        carry: Vec::new(),
    };
    if let Err(e) = serde_json::to_writer_pretty(&mut w, v) {
        return Err(if e.is_io() {
            failed(e.into())
        } else {
            Failure::refused(format!("JSON 输出失败：{e}"))
        });
    }
    w.write_all(b"\n").and_then(|()| w.flush()).map_err(failed)
}

/// A writer that passes UTF-8 text on with every unsafe character as a `\uXXXX` escape (what
/// `json_text` does to a whole string). A character split between two writes waits in `carry`.
struct Escaped<W: Write> {
    inner: W,
    carry: Vec<u8>,
}

impl<W: Write> Write for Escaped<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.carry.extend_from_slice(buf);
        let whole = match std::str::from_utf8(&self.carry) {
            Ok(s) => s.len(),
            // An unfinished character waits; serde writes nothing that is not UTF-8, and anything
            // else would come out as U+FFFD.
            Err(e) => e.valid_up_to() + e.error_len().unwrap_or(0),
        };
        let text = String::from_utf8_lossy(&self.carry[..whole]);
        let mut from = 0;
        for (i, c) in text.char_indices() {
            if is_unsafe(c) && !matches!(c, '\n' | ' ') {
                self.inner.write_all(&text.as_bytes()[from..i])?;
                write!(self.inner, "\\u{:04x}", u32::from(c))?;
                from = i + c.len_utf8();
            }
        }
        self.inner.write_all(&text.as_bytes()[from..])?;
        self.carry.drain(..whole);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.write_all(&self.carry)?;
        self.carry.clear();
        self.inner.flush()
    }
}

/// A remark on standard error (what was written where, what was filed). Never fails: a closed
/// standard error is no reason to report a committed change as failed.
pub fn note(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", for_terminal_lines(text));
}

/// `outln!("…", args)`: one line to standard output; returns from the calling command on a closed
/// pipe (quietly) or another write error.
macro_rules! outln {
    () => {
        $crate::cli::out::line("")?
    };
    ($($arg:tt)*) => {
        $crate::cli::out::line(&format!($($arg)*))?
    };
}
pub(crate) use outln;

/// `outp!("…", args)`: text to standard output as `print!` would, through `print`.
macro_rules! outp {
    ($($arg:tt)*) => {
        $crate::cli::out::print(&format!($($arg)*))?
    };
}
pub(crate) use outp;

/// `errln!("…", args)`: a remark on standard error, through `note`.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::out::note(&format!($($arg)*))
    };
}
pub(crate) use errln;

#[cfg(test)]
mod tests {
    use super::*;

    // issue 8 point 12: JSON output stays exact and valid, and carries no raw terminal control.
    #[test]
    fn json_escapes_what_serde_leaves_raw() {
        let v = serde_json::json!({"标题": "a\u{1b}]2;x\u{7}b\u{9b}c\u{7f}d\u{202e}e"});
        let s = json_text(&serde_json::to_string_pretty(&v).unwrap());
        assert!(!s.chars().any(|c| is_unsafe(c) && c != '\n'), "{s:?}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    // The streamed JSON of `json` is `json_text` of the whole, however the writes split the text:
    // here one byte at a time, so every multi-byte character arrives in pieces.
    #[test]
    fn escaped_writer_matches_json_text_byte_by_byte() {
        let v =
            serde_json::json!({"标题": ["a\u{1b}]2;x\u{7}b\u{9b}c", "\u{7f}密\u{202e}e\u{2028}"]});
        let whole = json_text(&serde_json::to_string_pretty(&v).unwrap());
        let mut w = Escaped {
            inner: Vec::new(),
            carry: Vec::new(),
        };
        for b in serde_json::to_string_pretty(&v).unwrap().bytes() {
            w.write_all(&[b]).unwrap();
        }
        w.flush().unwrap();
        assert_eq!(String::from_utf8(w.inner).unwrap(), whole);
    }
}
