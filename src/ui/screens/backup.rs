//! 备份与恢复 (R-SYS-4), reached from 设置: a backup to a file, checked; a restore that says, before
//! anything is replaced, how many changes and which days an older backup would throw away, and
//! goes ahead only when the officer ticks that they accept it (the refusal puts the focus on the
//! box). The replaced database is kept as
//! a checked safety copy either way.

use std::path::{Path, PathBuf};

use crate::domain::Refusal;
use crate::domain::dates;
use crate::store::{StoreError, backup};
use crate::ui::action::Session;
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};

/// How to name a file on an 80-column status line: by its name when it is beside the database.
fn shown(db: &Path, p: &Path) -> String {
    if p.parent() == db.parent() {
        p.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    } else {
        p.display().to_string()
    }
}

fn path_in(db: &Path, name: &str) -> PathBuf {
    let p = PathBuf::from(name);
    if p.is_absolute() {
        p
    } else {
        db.parent().map(|d| d.join(&p)).unwrap_or(p)
    }
}

/// The backup form: a file name (beside the database unless a path is given).
pub fn backup_form(today: chrono::NaiveDate) -> Form {
    let suggested = format!("baomi-备份-{}.db", dates::iso(today));
    Form::new(
        "备份数据库",
        vec![
            Field::text("file", "备份文件")
                .required()
                .with(&suggested)
                .hint("不写目录则放在数据库所在目录；已有的文件不会被覆盖"),
        ],
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let name = v.get("file").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let dest = path_in(s.store.path(), &name);
                let stamp = s.stamp();
                let r = backup::backup(&mut s.store, &stamp, &dest)?;
                Ok(format!(
                    "已备份到 {}（密件 {} 件），核对一致",
                    shown(s.store.path(), &dest),
                    r.papers
                ))
            }) as FormJob)
        }),
    )
    .note("联机备份，备份时可照常登记；完成后核对完整（R-SYS-4）")
}

/// The restore form. Submitted without the box ticked, an older backup is refused with what it
/// would lose; ticked, it is restored.
pub fn restore_form() -> Form {
    Form::new(
        "从备份恢复",
        vec![
            Field::text("file", "备份文件").required(),
            Field::check("force", "仍要恢复"),
        ],
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let name = v.get("file").to_string();
            let force = v.flag("force");
            Ok(Box::new(move |s: &mut Session| {
                let db = s.store.path().to_path_buf();
                let src = path_in(&db, &name);
                let (_, lost) = backup::plan_restore(&db, &src)?;
                if let Some(l) = &lost
                    && !force
                {
                    return Err(StoreError::Refused(Refusal::field(
                        "仍要恢复",
                        format!(
                            "{}。确要恢复请勾选后再提交，当前数据库会先另存一份",
                            l.describe()
                        ),
                    )));
                }
                let stamp = s.stamp();
                let r = backup::restore(&db, &src, &stamp, force, None)?;
                Ok(format!(
                    "已恢复（密件 {} 件）{}",
                    r.restored.papers,
                    r.safety_copy
                        .map(|p| format!("；原库另存为 {}", shown(&db, &p)))
                        .unwrap_or_default()
                ))
            }) as FormJob)
        }),
    )
    .note("先核对备份；比当前旧的备份会先说明将丢失的改动（R-SYS-4）")
}
