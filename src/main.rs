//! The edge: parse arguments, read the clock and the environment, open the store, run the CLI or
//! the TUI. Nothing else in baomi reads the clock or the environment.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use baomi::cli::{self, Cli, EXIT_DATABASE, EXIT_USAGE, Env};
use clap::Parser;

/// A line on standard error that never panics (a closed pipe is ignored) and never carries a raw
/// control character from what was typed.
macro_rules! say {
    ($($arg:tt)*) => {{
        let msg = format!($($arg)*);
        let _ = writeln!(
            std::io::stderr().lock(),
            "{}",
            baomi::domain::text::for_terminal_lines(&msg)
        );
    }};
}

fn default_db() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("cn", "baomi", "baomi")?;
    let dir = dirs.data_dir().to_path_buf();
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("baomi.db"))
}

/// Where `baomi login` keeps session files: the user's runtime directory (Linux:
/// `$XDG_RUNTIME_DIR/baomi`, the user's own and emptied at logout), else the local data directory
/// (Windows: `%LOCALAPPDATA%\baomi\sessions`, under the profile's private ACLs).
fn session_dir() -> Option<PathBuf> {
    let base = directories::BaseDirs::new()?;
    Some(match base.runtime_dir() {
        Some(run) => run.join("baomi"),
        None => base.data_local_dir().join("baomi").join("sessions"),
    })
}

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(a) => a,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    use std::io::Write;
                    let text = cli::help_text(&e.render().to_string());
                    // A reader that went away (`| head`) is no error.
                    let _ = std::io::stdout().lock().write_all(text.as_bytes());
                    ExitCode::SUCCESS
                }
                _ => {
                    say!("错误：{}", cli::usage_error(&e));
                    ExitCode::from(EXIT_USAGE as u8)
                }
            };
        }
    };
    let now = chrono::Local::now().naive_local();
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let today = match args.global.today.clone().or_else(|| var("BAOMI_TODAY")) {
        None => now.date(),
        Some(t) => match baomi::domain::dates::parse(&t) {
            Some(d) if baomi::domain::dates::in_bounds(d) => d,
            Some(d) => {
                say!(
                    "错误：--today（或 BAOMI_TODAY）的值 {} 不在 1949-01-01 至 2100-12-31 之间",
                    baomi::domain::dates::iso(d)
                );
                return ExitCode::from(EXIT_USAGE as u8);
            }
            None => {
                say!(
                    "错误：--today（或 BAOMI_TODAY）的值「{}」不是有效日期，请写成 2026-04-01",
                    baomi::domain::text::for_terminal(&t)
                );
                return ExitCode::from(EXIT_USAGE as u8);
            }
        },
    };
    let fixed_today = args.global.today.is_some() || var("BAOMI_TODAY").is_some();
    let db = match args
        .global
        .db
        .clone()
        .or_else(|| var("BAOMI_DB").map(PathBuf::from))
    {
        Some(p) => p,
        None => match default_db() {
            Some(p) => p,
            None => {
                say!("错误：找不到用户数据目录，请用 --db 指定数据库文件");
                return ExitCode::from(EXIT_DATABASE as u8);
            }
        },
    };
    let env = Env {
        db,
        today,
        now,
        user: args.global.user.clone().or_else(|| var("BAOMI_USER")),
        password: var("BAOMI_PASSWORD"),
        new_password: var("BAOMI_NEW_PASSWORD"),
        interactive: std::io::stdin().is_terminal(),
        os_user: var("USER").or_else(|| var("USERNAME")).unwrap_or_default(),
        session_dir: session_dir(),
        crash_at: var("BAOMI_CRASH_AT").and_then(|p| baomi::store::CrashPoint::parse(&p)),
    };
    let result = match args.command {
        Some(command) => cli::run(command, &env),
        None => {
            let started = std::time::Instant::now();
            let fixed = fixed_today.then_some(today);
            let clock = move || {
                let now = chrono::Local::now().naive_local();
                baomi::ui::action::Clock {
                    today: fixed.unwrap_or(now.date()),
                    now,
                    mono_ms: started.elapsed().as_millis() as u64,
                }
            };
            let ascii =
                var("BAOMI_ASCII").is_some() || (cfg!(windows) && var("WT_SESSION").is_none());
            baomi::ui::run(&env, &clock, ascii)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of standard output went away (`| head`): a quiet end (cli::out).
        Err(f) if f.message.is_empty() => ExitCode::from(f.code as u8),
        Err(f) => {
            // A message may quote what was typed or stored: `say!` shows it safely.
            say!("错误：{}", f.message);
            ExitCode::from(f.code as u8)
        }
    }
}
