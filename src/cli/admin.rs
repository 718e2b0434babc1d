//! Setting up and looking after the database: init, demo, accounts, settings, holidays.

use std::time::Instant;

use clap::{Args, Subcommand};

use super::out::{outln, outp};
use super::progress::Progress;
use super::{Env, Failure, Outcome, authenticate, open, print_json, prompt, stamp};
use crate::domain::account::{PasswordPolicy, Role};
use crate::domain::calendar::{DayKind, SpecialDay};
use crate::domain::dates;
use crate::domain::level::Level;
use crate::domain::settings;
use crate::report::text::table;
use crate::store::{self, OpenMode, Stamp, Store, accounts};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 单位名称
    #[arg(long, value_name = "名称")]
    pub unit: String,
    /// 第一个保密员的用户名（口令用 BAOMI_PASSWORD 或在终端输入）
    #[arg(long, value_name = "用户名")]
    pub officer: String,
    /// 保密员姓名（默认同用户名）
    #[arg(long, value_name = "姓名")]
    pub name: Option<String>,
    /// 本单位最高密级：绝密、机密或秘密（决定口令强度，R-CMP-4）
    #[arg(long, value_name = "密级", default_value = "秘密")]
    pub level: String,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// 另外生成多少件密件（性能测试用）
    #[arg(long, value_name = "N", default_value_t = 0,
          value_parser = super::bounds::count_in::<0, { super::bounds::DEMO_ROWS_MAX }>)]
    pub rows: usize,
    /// 只生成密件，不生成存储介质、计算机、设备、机房和涉密人员
    #[arg(long)]
    pub papers_only: bool,
}

/// A new database (or an empty one) and its first officer.
pub fn init(a: InitArgs, env: &Env) -> Outcome {
    let level = Level::parse(&a.level)
        .filter(|l| l.is_state_secret())
        .ok_or_else(|| {
            Failure::usage(format!(
                "--level 的值「{}」应为 绝密、机密 或 秘密",
                a.level
            ))
        })?;
    settings::validate("unit_name", &a.unit)?;
    crate::domain::account::check_account_name(&a.officer)?;
    let policy = PasswordPolicy::for_level(level);
    let mut store = Store::open(&env.db, OpenMode::Create)?;
    super::prepare(&mut store, env);
    if accounts::count(store.conn())? > 0 {
        return Err(Failure::refused(format!(
            "数据库 {} 已经初始化过，不能再次初始化",
            env.db.display()
        )));
    }
    let password = match &env.password {
        Some(p) => p.clone(),
        None if env.interactive => prompt::new_password(&format!(
            "为保密员 {} 设置口令（{}）：",
            a.officer,
            policy.describe()
        ))?,
        None => {
            return Err(Failure::refused(
                "请用环境变量 BAOMI_PASSWORD 提供保密员口令，或在终端中运行以便输入",
            ));
        }
    };
    let st = Stamp::on(a.officer.trim(), env.today, env.now);
    let already = || {
        crate::domain::Refusal::field(
            "数据库",
            format!("{} 已经初始化过，不能再次初始化", env.db.display()),
        )
    };
    store.change(&st, |c| {
        // Checked again under the writers' lock: two `init`s at once make one database.
        if accounts::count(&c.tx)? > 0 {
            return Err(already().into());
        }
        store::settings::set(c, "unit_name", &a.unit)?;
        store::settings::set(c, "highest_level", level.name())?;
        store::settings::set_internal(c, "started_on", &dates::iso(env.today))?;
        accounts::add(
            c,
            &a.officer,
            a.name.as_deref().unwrap_or(""),
            Role::Officer,
            &password,
            policy,
        )?;
        Ok(())
    })?;
    outln!(
        "已建立数据库 {}：单位「{}」，最高密级 {}，保密员 {}",
        env.db.display(),
        a.unit.trim(),
        level,
        a.officer.trim()
    );
    Ok(())
}

pub fn demo(a: DemoArgs, env: &Env) -> Outcome {
    let mut store = Store::open(&env.db, OpenMode::Create)?;
    if accounts::count(store.conn())? > 0 {
        return Err(Failure::refused(format!(
            "数据库 {} 已有数据；演示数据须建在新文件上（用 --db 指定一个新文件）",
            env.db.display()
        )));
    }
    let officer = match (&env.user, &env.password) {
        (Some(u), Some(p)) => Some((u.as_str(), p.as_str())),
        _ => None,
    };
    let started = Instant::now();
    // The meter starts with the generated rows: the rate of the few papers before them, made
    // one by one through the officer's functions, would say nothing about theirs.
    let mut progress = None;
    let made = store::demo::build_with(&mut store, env.today, officer, a.rows, &mut |n| {
        progress
            .get_or_insert_with(|| Progress::new("生成", Some(a.rows as u64)))
            .set(n as u64)
    });
    drop(progress);
    let made = made?;
    // The plain demo fills every record screen too; the generated one makes its own records.
    if a.rows == 0 && !a.papers_only {
        store::demo::records(&mut store, env.today)?;
    }
    let papers: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM paper", [], |r| r.get(0))
        .map_err(store::StoreError::from)?;
    outln!(
        "已生成演示数据库 {}：单位「{}」，密件 {papers} 件，用时 {:.1} 秒",
        env.db.display(),
        store::demo::UNIT,
        started.elapsed().as_secs_f64()
    );
    outln!();
    let rows: Vec<Vec<String>> = made
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                m.display_name.clone(),
                m.role.name().to_string(),
                if officer.is_some() && m.name == officer.map(|o| o.0).unwrap_or_default() {
                    "（BAOMI_PASSWORD）".to_string()
                } else {
                    m.password.clone()
                },
            ]
        })
        .collect();
    outp!("{}", table(&["用户名", "姓名", "角色", "口令"], &rows));
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// 添加用户（新口令用 BAOMI_NEW_PASSWORD 或在终端输入）
    Add {
        /// 用户名
        #[arg(value_name = "用户名")]
        name: String,
        /// 角色：officer 保密员、leader 主管领导、department_head 部门领导、viewer 查阅人员
        #[arg(long, value_name = "角色")]
        role: String,
        /// 姓名（默认同用户名）
        #[arg(long = "name", value_name = "姓名")]
        display: Option<String>,
    },
    /// 列出用户
    List {
        /// 输出格式：table 或 json
        #[arg(long, default_value = "table", value_name = "格式")]
        format: String,
    },
    /// 解锁被锁定的账号（须由另一名保密员办理，R-SYS-1）
    Unlock {
        /// 用户名
        #[arg(value_name = "用户名")]
        name: String,
    },
    /// 修改口令（不写用户名为修改自己的；新口令用 BAOMI_NEW_PASSWORD 或在终端输入）
    Passwd {
        /// 用户名
        #[arg(value_name = "用户名")]
        name: Option<String>,
    },
    /// 修改角色
    Role {
        /// 用户名
        #[arg(value_name = "用户名")]
        name: String,
        /// 新角色
        #[arg(value_name = "角色")]
        role: String,
    },
    /// 关联涉密人员：该账号按此人的知悉范围查看绝密件标题（不写人员为取消关联）
    Person {
        /// 用户名
        #[arg(value_name = "用户名")]
        name: String,
        /// 人员编号或姓名（同名时须用编号）
        #[arg(value_name = "人员")]
        person: Option<String>,
    },
    /// 停用账号（账号不删除，审计日志仍可查）
    Disable {
        /// 用户名
        #[arg(value_name = "用户名")]
        name: String,
    },
    /// 重新启用账号
    Enable {
        /// 用户名
        #[arg(value_name = "用户名")]
        name: String,
    },
}

fn new_password(env: &Env, who: &str, policy: PasswordPolicy) -> Result<String, Failure> {
    match &env.new_password {
        Some(p) => Ok(p.clone()),
        None if env.interactive => {
            prompt::new_password(&format!("{who} 的新口令（{}）：", policy.describe()))
        }
        None => Err(Failure::refused(
            "请用环境变量 BAOMI_NEW_PASSWORD 提供新口令，或在终端中运行以便输入",
        )),
    }
}

pub fn user(c: UserCommand, env: &Env) -> Outcome {
    let mut store = open(env)?;
    // Changing one's own password is what an account whose password must be renewed may do.
    let own_password = matches!(&c, UserCommand::Passwd { name } if name.is_none());
    let me = if own_password {
        super::authenticate_any(&mut store, env)?
    } else {
        authenticate(&mut store, env)?
    };
    if let UserCommand::List { format } = &c {
        let list = accounts::list(store.conn())?;
        let now = accounts::unix(env.now);
        if format == "json" {
            return print_json(&list);
        }
        let mut rows: Vec<Vec<String>> = Vec::new();
        for a in &list {
            rows.push(vec![
                a.name.clone(),
                a.display_name.clone(),
                a.role.name().to_string(),
                if !a.active {
                    "已停用".into()
                } else if a.record().is_locked(now) {
                    "已锁定".into()
                } else {
                    "正常".into()
                },
                store::need_to_know::person_label(store.conn(), &a.person)?,
            ]);
        }
        outp!(
            "{}",
            table(&["用户名", "姓名", "角色", "状态", "人员"], &rows)
        );
        return Ok(());
    }
    let policy = PasswordPolicy::for_level(store::settings::load(store.conn())?.highest_level);
    let st = stamp(&me, env);
    match c {
        UserCommand::Add {
            name,
            role,
            display,
        } => {
            let role = Role::parse_field("角色", &role)?;
            me.role.require_officer("添加用户")?;
            let password = new_password(env, &name, policy)?;
            let a = store.change(&st, |c| {
                accounts::add(
                    c,
                    &name,
                    display.as_deref().unwrap_or(""),
                    role,
                    &password,
                    policy,
                )
            })?;
            outln!("已添加用户 {}（{}，{}）", a.name, a.display_name, a.role);
        }
        UserCommand::Unlock { name } => {
            store.change(&st, |c| accounts::unlock(c, &name))?;
            outln!("已解锁 {name}");
        }
        UserCommand::Passwd { name } => {
            let name = name.unwrap_or_else(|| me.name.clone());
            let password = new_password(env, &name, policy)?;
            store.change(&st, |c| accounts::set_password(c, &name, &password, policy))?;
            outln!("已修改 {name} 的口令");
        }
        UserCommand::Role { name, role } => {
            let role = Role::parse_field("角色", &role)?;
            store.change(&st, |c| accounts::set_role(c, &name, role))?;
            outln!("已将 {name} 改为{role}");
        }
        UserCommand::Person { name, person } => {
            let person = person.unwrap_or_default();
            let no = store.change(&st, |c| {
                crate::store::need_to_know::set_person(c, &name, &person)
            })?;
            match no.as_str() {
                "" => outln!("已取消 {name} 与涉密人员的关联"),
                no => outln!("已将 {name} 关联到涉密人员 {no}"),
            }
        }
        UserCommand::Disable { name } => {
            store.change(&st, |c| accounts::set_active(c, &name, false))?;
            outln!("已停用 {name}");
        }
        UserCommand::Enable { name } => {
            store.change(&st, |c| accounts::set_active(c, &name, true))?;
            outln!("已启用 {name}");
        }
        UserCommand::List { .. } => {}
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// 列出全部设置
    List,
    /// 修改一项设置
    Set {
        /// 设置项（见 list）
        #[arg(value_name = "设置项")]
        key: String,
        /// 新值
        #[arg(value_name = "值")]
        value: String,
    },
}

pub fn settings(c: SettingsCommand, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    match c {
        SettingsCommand::List => {
            let rows: Vec<Vec<String>> = settings::SPECS
                .iter()
                .map(|s| {
                    let v = store::settings::get(store.conn(), s.key)
                        .ok()
                        .flatten()
                        .unwrap_or_else(|| s.default.to_string());
                    vec![
                        s.key.to_string(),
                        s.label.to_string(),
                        v,
                        s.help.to_string(),
                    ]
                })
                .collect();
            outp!("{}", table(&["设置项", "名称", "当前值", "说明"], &rows));
        }
        SettingsCommand::Set { key, value } => {
            me.role.require_officer("修改设置")?;
            let st = stamp(&me, env);
            store.change(&st, |c| store::settings::set(c, &key, &value))?;
            let label = settings::spec(&key).map(|s| s.label).unwrap_or("");
            outln!("已将「{label}」设为 {}", value.trim());
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum HolidayCommand {
    /// 列出某年的节假日与调休上班日
    List {
        /// 年份（默认今年）
        #[arg(long, value_name = "年", value_parser = super::bounds::year)]
        year: Option<i32>,
    },
    /// 录入一天：休（放假）或 班（调休上班）
    Add {
        /// 日期
        #[arg(value_name = "日期")]
        date: String,
        /// 休 或 班
        #[arg(value_name = "类型")]
        kind: String,
        /// 节日名称
        #[arg(default_value = "", value_name = "节日")]
        name: String,
    },
    /// 从 CSV 导入国务院办公厅的放假通知（日期,类型,节日）
    Import {
        /// 文件
        #[arg(value_name = "文件")]
        file: std::path::PathBuf,
    },
}

pub fn holiday(c: HolidayCommand, env: &Env) -> Outcome {
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    match c {
        HolidayCommand::List { year } => {
            let year = year.unwrap_or(chrono::Datelike::year(&env.today));
            let cal = store::holidays::calendar(store.conn())?;
            if !cal.has_year(year) {
                outln!("{year}年的法定节假日安排尚未录入，工作日按周一至周五计算。");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = cal
                .special_days(year)
                .into_iter()
                .map(|d| vec![dates::iso(d.day), d.kind.name().to_string(), d.name])
                .collect();
            outp!("{}", table(&["日期", "类型", "节日"], &rows));
        }
        HolidayCommand::Add { date, kind, name } => {
            let day = dates::parse_field("日期", &date)?;
            let kind = DayKind::parse(&kind)
                .ok_or_else(|| Failure::usage(format!("类型「{kind}」应为 休 或 班")))?;
            let st = stamp(&me, env);
            store.change(&st, |c| {
                store::holidays::add(
                    c,
                    &SpecialDay {
                        day,
                        kind,
                        name: name.clone(),
                    },
                )
            })?;
            outln!("已录入 {} {}", dates::zh(day), kind.name());
        }
        HolidayCommand::Import { file } => {
            // A holiday notice is a few hundred lines; a larger file is not one.
            let bytes = super::io::read_bounded(&file, 1024 * 1024)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Failure::refused(format!(
                    "{} 不是 UTF-8 编码的文字，请另存为“CSV UTF-8”",
                    file.display()
                ))
            })?;
            let st = stamp(&me, env);
            let n = store.change(&st, |c| store::holidays::import(c, &text))?;
            outln!("已导入 {n} 天");
        }
    }
    Ok(())
}
