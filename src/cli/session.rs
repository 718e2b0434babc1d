//! `baomi login` / `baomi logout`, and the check every command makes before it reads or writes
//! (R-SYS-1, R-SYS-2): a session opened by `baomi login`, or a password each time
//! (BAOMI_USER + BAOMI_PASSWORD, for scripts). Like the 1Password CLI's `op signin`.

use std::io::Write;

use super::{Env, Failure, Outcome, open};
use crate::domain::session::{self, SECRET_LEN, SessionFile};
use crate::store::sessions::{self, Place};
use crate::store::{Stamp, Store, accounts, files};

const NOT_LOGGED_IN: &str = "未登录：请先运行 baomi login（或设置 BAOMI_USER 与 BAOMI_PASSWORD）";

fn session_dir(env: &Env) -> Result<&std::path::Path, Failure> {
    env.session_dir.as_deref().ok_or_else(|| {
        Failure::refused(
            "找不到存放登录会话的目录（运行时目录或用户数据目录）；请改用 BAOMI_USER 与 BAOMI_PASSWORD",
        )
    })
}

fn file_error(what: &str, e: &std::io::Error) -> Failure {
    Failure::refused(format!("{what}：{}", files::io_message(e)))
}

/// What the session directory holds for this database.
enum Found {
    None,
    /// A file that is not a session file: removed, and the user told to log in again.
    Garbled,
    Valid(Place, SessionFile),
}

fn find(store: &Store, env: &Env) -> Result<Found, Failure> {
    let Some(dir) = env.session_dir.as_deref() else {
        return Ok(Found::None);
    };
    let Ok(place) = sessions::place(dir, store.path()) else {
        return Ok(Found::None);
    };
    let text = sessions::read(&place.file).map_err(|e| file_error("无法读取登录会话文件", &e))?;
    Ok(match text {
        None => Found::None,
        Some(text) => match SessionFile::parse(&text) {
            Some(f) => Found::Valid(place, f),
            None => {
                let _ = sessions::remove(&place.file);
                Found::Garbled
            }
        },
    })
}

/// Who is running this command: the account of this OS user's session for this database, or the
/// account whose password was given. Every command but `init`, `demo`, `login`, `logout` and
/// `restore` (which checks a password itself) starts here. With a session this costs one small
/// file read, two indexed queries and one small file write: no password hash, no database write.
pub fn authenticate(store: &mut Store, env: &Env) -> Result<accounts::Account, Failure> {
    let account = authenticate_any(store, env)?;
    // R-CMP-4: after the unit's highest level was raised, nothing but a new password. The
    // settings are read only then: every command passes here, searches too.
    if account.must_change {
        let highest = crate::store::settings::load(store.conn())?.highest_level;
        crate::domain::account::check_password_current(true, highest)?;
    }
    Ok(account)
}

/// Who is at the command line, whether or not their password must be renewed: what `user passwd`
/// for oneself needs.
pub fn authenticate_any(store: &mut Store, env: &Env) -> Result<accounts::Account, Failure> {
    let account = who(store, env)?;
    // Need to know (issue 11): this command reads papers as this account may see them.
    store.set_viewer(&account)?;
    Ok(account)
}

fn who(store: &mut Store, env: &Env) -> Result<accounts::Account, Failure> {
    let user = env.user.as_deref().map(str::trim).filter(|u| !u.is_empty());
    if user.is_some() && env.password.is_some() {
        return super::login(store, env);
    }
    match (user, find(store, env)?) {
        (None, Found::Valid(place, file)) => resume(store, env, &place, file),
        (Some(u), Found::Valid(place, file)) if file.account == u => {
            resume(store, env, &place, file)
        }
        // Another person at this OS account (a leader come to approve): their own password.
        (Some(_), _) if env.interactive => super::login(store, env),
        (None, Found::Garbled) => Err(Failure::refused(
            "登录会话文件已损坏，已删除；请重新运行 baomi login",
        )),
        (Some(u), _) => Err(Failure::refused(format!(
            "用户 {u} 未登录：请先运行 baomi login --user {u}（或设置 BAOMI_PASSWORD）"
        ))),
        (None, _) => Err(Failure::refused(NOT_LOGGED_IN)),
    }
}

/// Ends a session row, best effort: the command is refused whatever happens here.
fn end(store: &mut Store, env: &Env, id: i64, account: &str, why: &str) {
    let st = Stamp::on(account, env.today, env.now);
    let _ = store.change(&st, |c| sessions::close(c, id, why));
}

fn resume(
    store: &mut Store,
    env: &Env,
    place: &Place,
    file: SessionFile,
) -> Result<accounts::Account, Failure> {
    let hash = session::token_hash(&place.db_key, &file.secret);
    let row = sessions::find(store.conn(), &hash)?;
    let row = match row {
        Some(r) if r.open && r.account == file.account => r,
        Some(r) if !r.open => {
            let _ = sessions::remove(&place.file);
            return Err(Failure::refused(format!(
                "会话已结束（{}），请重新运行 baomi login",
                r.closed_why
            )));
        }
        _ => {
            let _ = sessions::remove(&place.file);
            return Err(Failure::refused(
                "会话无效（数据库中没有这个会话：不是为这个数据库打开的，或数据库已从备份恢复）：请运行 baomi login",
            ));
        }
    };
    let settings = crate::store::settings::load(store.conn())?;
    let limit = session::idle_limit_minutes(settings.idle_lock_minutes);
    let now = accounts::unix(env.now);
    if session::expired(file.used, now, limit) {
        end(store, env, row.id, &row.account, "超时");
        let _ = sessions::remove(&place.file);
        return Err(Failure::refused(format!(
            "会话已超时（{limit} 分钟无操作，R-SYS-2），请重新运行 baomi login"
        )));
    }
    // Disabling or locking an account ends its sessions at once; this catches any left open.
    let (why, message) = match accounts::find(store.conn(), &row.account)? {
        Some(a) if !a.active => ("账号停用", format!("账号「{}」已停用", a.name)),
        Some(a) if a.record().is_locked(now) => {
            ("账号锁定", format!("账号「{}」已锁定（R-SYS-1）", a.name))
        }
        Some(a) => {
            let fresh = SessionFile { used: now, ..file };
            if let Err(e) = sessions::write(&place.file, &fresh.render()) {
                eprintln!(
                    "警告：登录会话文件未能更新（{}），会话可能提前结束",
                    files::io_message(&e)
                );
            }
            return Ok(a);
        }
        None => ("账号不存在", format!("用户「{}」不存在", row.account)),
    };
    end(store, env, row.id, &row.account, why);
    let _ = sessions::remove(&place.file);
    Err(Failure::refused(format!("{message}，会话已结束")))
}

fn prompt_user() -> Result<String, Failure> {
    eprint!("用户名：");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Failure::refused(format!("无法读取用户名：{e}")))?;
    Ok(line.trim().to_string())
}

/// `baomi login`: checks the password (with the lockout, R-SYS-1) and opens a session for this OS
/// user and this database, ending any it had.
pub fn login(env: &Env) -> Outcome {
    let dir = session_dir(env)?;
    let mut store = open(env)?;
    let mut env = env.clone();
    if env.user.as_deref().is_none_or(|u| u.trim().is_empty()) {
        if !env.interactive {
            return Err(Failure::refused(
                "请用 --user 或环境变量 BAOMI_USER 指定用户名（R-SYS-1）",
            ));
        }
        env.user = Some(prompt_user()?);
    }
    let me = super::login(&mut store, &env)?;
    sessions::ensure_dir(dir)
        .map_err(|e| file_error(&format!("无法建立登录会话目录 {}", dir.display()), &e))?;
    let place = sessions::place(dir, store.path())
        .map_err(|e| file_error("无法确定数据库文件的位置", &e))?;
    // One session per OS user and database: logging in again ends the one before.
    let before = match sessions::read(&place.file) {
        Ok(Some(text)) => SessionFile::parse(&text)
            .map(|f| session::token_hash(&place.db_key, &f.secret))
            .map(|h| sessions::find(store.conn(), &h))
            .transpose()?
            .flatten()
            .filter(|r| r.open),
        _ => None,
    };
    let mut secret = [0u8; SECRET_LEN];
    getrandom::fill(&mut secret)
        .map_err(|e| Failure::refused(format!("无法取得随机数以建立会话：{e}")))?;
    let limit =
        session::idle_limit_minutes(crate::store::settings::load(store.conn())?.idle_lock_minutes);
    let file = SessionFile {
        account: me.name.clone(),
        secret,
        used: accounts::unix(env.now),
    };
    // The file first: without its row it opens nothing.
    files::replace(&place.file, file.render().as_bytes(), false)
        .map_err(|e| file_error("无法写入登录会话文件", &e))?;
    let hash = session::token_hash(&place.db_key, &secret);
    let st = super::stamp(&me, &env);
    let opened = store.change(&st, |c| {
        if let Some(old) = &before {
            sessions::close(c, old.id, "重新登录")?;
        }
        sessions::open(c, &hash, &env.os_user, limit)
    });
    if let Err(e) = opened {
        let _ = sessions::remove(&place.file);
        return Err(e.into());
    }
    println!(
        "已登录为 {}（{}，{}），会话在 {limit} 分钟无操作后结束；用完请运行 baomi logout",
        me.display_name, me.name, me.role
    );
    if me.must_change {
        eprintln!(
            "本单位最高密级已提高，须先修改口令才能办理其他事项：baomi user passwd（R-CMP-4）"
        );
    }
    Ok(())
}

/// `baomi logout`: ends this OS user's session for this database and removes its file.
pub fn logout(env: &Env) -> Outcome {
    let dir = session_dir(env)?;
    let mut store = match open(env) {
        Ok(s) => s,
        Err(e) => {
            // The database is gone or broken: the secret goes all the same.
            if let Ok(place) = sessions::place(dir, &env.db) {
                let _ = sessions::remove(&place.file);
            }
            return Err(e);
        }
    };
    let found = find(&store, env)?;
    let Found::Valid(place, file) = found else {
        println!("当前没有登录会话");
        return Ok(());
    };
    let hash = session::token_hash(&place.db_key, &file.secret);
    if let Some(row) = sessions::find(store.conn(), &hash)?.filter(|r| r.open) {
        let st = Stamp::on(row.account.clone(), env.today, env.now);
        store.change(&st, |c| sessions::close(c, row.id, "退出登录"))?;
    }
    sessions::remove(&place.file).map_err(|e| file_error("无法删除登录会话文件", &e))?;
    println!("已退出登录（{}）", file.account);
    Ok(())
}
