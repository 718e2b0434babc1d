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
                    "已备份到 {}：密件 {} 件，审计记录 {} 条，核对一致",
                    dest.display(),
                    r.papers,
                    r.head.count
                ))
            }) as FormJob)
        }),
    )
    .note("联机备份：备份期间可照常登记；完成后核对备份完整，并在旁边写下审计头（R-SYS-3）")
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
                    "已从 {} 恢复：密件 {} 件{}",
                    src.display(),
                    r.restored.papers,
                    r.safety_copy
                        .map(|p| format!("；恢复前的数据库已另存为 {}", p.display()))
                        .unwrap_or_default()
                ))
            }) as FormJob)
        }),
    )
    .note("先核对备份完整；比当前数据库旧的备份会说明将丢失哪些日期的多少条改动（R-SYS-4）")
}
