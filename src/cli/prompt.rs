//! Asking for a password on the terminal without echoing it.

use std::io::Write;

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use super::Failure;

/// Reads a line without echo. Ctrl-C or Esc cancels.
pub fn password(label: &str) -> Result<String, Failure> {
    eprint!("{label}");
    let _ = std::io::stderr().flush();
    terminal::enable_raw_mode().map_err(|e| Failure::refused(format!("无法读取口令：{e}")))?;
    let result = read_hidden();
    let _ = terminal::disable_raw_mode();
    eprintln!();
    result
}

fn read_hidden() -> Result<String, Failure> {
    let mut s = String::new();
    loop {
        let ev = event::read().map_err(|e| Failure::refused(format!("无法读取口令：{e}")))?;
        let Event::Key(k) = ev else { continue };
        if k.kind != KeyEventKind::Press {
            continue;
        }
        match k.code {
            KeyCode::Enter => return Ok(s),
            KeyCode::Esc => return Err(Failure::refused("已取消")),
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                return Err(Failure::refused("已取消"));
            }
            KeyCode::Backspace => {
                s.pop();
            }
            KeyCode::Char(c) => s.push(c),
            _ => {}
        }
    }
}

/// Asks for a new password twice; both must match.
pub fn new_password(label: &str) -> Result<String, Failure> {
    let a = password(label)?;
    let b = password("再输入一次：")?;
    if a != b {
        return Err(Failure::refused("两次输入的口令不一致"));
    }
    Ok(a)
}
