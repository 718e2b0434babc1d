//! Command-line sessions (R-SYS-1, R-SYS-2), like the 1Password CLI's `op signin`: `baomi login`
//! checks the password once and leaves a random secret in a private file of the OS user's runtime
//! directory; later commands show the secret instead of a password. The database keeps only a
//! digest of the secret bound to the database file, so the file is useless beside any other
//! database. The file also carries the idle clock: a session unused for longer than the idle limit
//! has ended. Pure: the caller reads the clock, the files and the database.

use sha2::{Digest, Sha256};

use super::audit::hex;

/// R-SYS-2: never more than five minutes without use.
pub const MAX_IDLE_MINUTES: u32 = 5;

/// Length of a session secret in bytes.
pub const SECRET_LEN: usize = 32;

/// The idle limit in force: the unit's screen-lock setting, never above five minutes (R-SYS-2).
pub fn idle_limit_minutes(setting: u32) -> u32 {
    setting.clamp(1, MAX_IDLE_MINUTES)
}

/// Whether a session last used at `used` has ended by `now` (seconds on the real clock). A
/// last-used time further ahead of the clock than the limit is no better than one as far behind:
/// the clock was moved back, or the file was tampered with.
pub fn expired(used: i64, now: i64, limit_minutes: u32) -> bool {
    let limit = i64::from(limit_minutes) * 60;
    let elapsed = now.saturating_sub(used);
    !(-limit..=limit).contains(&elapsed)
}

/// The session file's name for the database whose canonical path is `db`: one file per OS user
/// (the directory is theirs) and database.
pub fn file_name(db: &str) -> String {
    let digest = Sha256::digest(db.as_bytes());
    format!("{}.session", hex(&digest[..8]))
}

/// The digest the database keeps of a secret issued for the database at `db`.
pub fn token_hash(db: &str, secret: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(b"baomi-session\0");
    h.update((db.len() as u64).to_le_bytes());
    h.update(db.as_bytes());
    h.update(secret);
    hex(&h.finalize())
}

/// What the session file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFile {
    pub account: String,
    pub secret: [u8; SECRET_LEN],
    /// Last use, seconds on the real clock.
    pub used: i64,
}

const MAGIC: &str = "baomi-session 1";

impl SessionFile {
    pub fn render(&self) -> String {
        format!(
            "{MAGIC}\naccount={}\nsecret={}\nused={}\n",
            self.account,
            hex(&self.secret),
            self.used
        )
    }

    /// Reads a file `render` wrote; anything else (garbled, truncated) is `None`.
    pub fn parse(text: &str) -> Option<SessionFile> {
        let mut lines = text.lines();
        if lines.next()? != MAGIC {
            return None;
        }
        let (mut account, mut secret, mut used) = (None, None, None);
        for line in lines {
            match line.split_once('=')? {
                ("account", v) if !v.is_empty() => account = Some(v.to_string()),
                ("secret", v) => secret = Some(unhex(v)?),
                ("used", v) => used = Some(v.parse().ok()?),
                _ => return None,
            }
        }
        Some(SessionFile {
            account: account?,
            secret: secret?,
            used: used?,
        })
    }
}

fn unhex(s: &str) -> Option<[u8; SECRET_LEN]> {
    if s.len() != SECRET_LEN * 2 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; SECRET_LEN];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // R-SYS-2: a session ends after the idle limit, never above five minutes.
    #[test]
    fn r_sys_2_idle_limit() {
        assert_eq!(idle_limit_minutes(3), 3);
        assert_eq!(idle_limit_minutes(30), 5);
        assert_eq!(idle_limit_minutes(0), 1);
        let t = 1_800_000_000;
        assert!(!expired(t, t, 5));
        assert!(!expired(t, t + 300, 5));
        assert!(expired(t, t + 301, 5));
        assert!(expired(t, t + 360, 5));
        assert!(
            !expired(t, t - 60, 5),
            "a small step back of the clock is no end"
        );
        assert!(
            expired(t + 3600, t, 5),
            "a last use far in the future is not believed"
        );
    }

    #[test]
    fn the_file_round_trips_and_refuses_garbage() {
        let f = SessionFile {
            account: "liqiang".into(),
            secret: [7; SECRET_LEN],
            used: 1_800_000_000,
        };
        assert_eq!(SessionFile::parse(&f.render()), Some(f.clone()));
        assert_eq!(SessionFile::parse(""), None);
        assert_eq!(SessionFile::parse("baomi-session 1\naccount=x\n"), None);
        let short = f.render().replace(&hex(&f.secret), "abcd");
        assert_eq!(SessionFile::parse(&short), None);
    }

    // A secret issued for one database is worth nothing with another, a copy included.
    #[test]
    fn the_digest_is_bound_to_the_database() {
        let s = [1u8; SECRET_LEN];
        assert_ne!(token_hash("/a/baomi.db", &s), token_hash("/b/baomi.db", &s));
        assert_ne!(
            token_hash("/a/baomi.db", &s),
            token_hash("/a/baomi.db", &[2; 32])
        );
        assert_eq!(file_name("/a/baomi.db").len(), 16 + ".session".len());
        assert_ne!(file_name("/a/baomi.db"), file_name("/b/baomi.db"));
    }
}
