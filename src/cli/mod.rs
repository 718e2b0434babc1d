//! The command line beside the TUI: for scripts, printing, import and export. Names, flags, JSON
//! keys and CSV headers follow DESIGN.md's contract. One file per noun.

mod admin;
mod approvals;
mod audit;
mod bounds;
mod cabinet;
mod complete;
mod due;
pub(crate) mod export;
mod io;
pub mod label;
mod mismatch;
mod notebook;
pub mod out;
mod paper;
pub mod progress;
pub mod prompt;
mod records;
pub(crate) mod register;
mod search;
mod selfcheck;
mod session;
mod training;
mod yearbook;

pub use session::{authenticate, authenticate_any};

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use clap::{Args, Parser, Subcommand};

use crate::domain::Refusal;
use crate::store::{OpenMode, Stamp, Store, StoreError, accounts};

/// Exit codes of DESIGN.md.
pub const EXIT_REFUSED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
/// A check by scanning recorded, with records the ledger holds not seen (`<noun> check`).
pub const EXIT_MISSING: i32 = 4;
pub const EXIT_DATABASE: i32 = 3;

/// A failed command: the exit code and the Chinese message for standard error.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl Failure {
    pub fn refused(message: impl Into<String>) -> Failure {
        Failure {
            code: EXIT_REFUSED,
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: EXIT_USAGE,
            message: message.into(),
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure {
            code: e.exit_code(),
            message: e.to_string(),
        }
    }
}

impl From<Refusal> for Failure {
    fn from(r: Refusal) -> Self {
        Failure::refused(r.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::refused(format!("文件错误：{}", crate::store::files::io_message(&e)))
    }
}

pub type Outcome = Result<(), Failure>;

const HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "baomi",
    version,
    about = "保密台账：机关单位保密办的密件台帐、审批队列与到期提醒。不带命令时打开终端界面。",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "命令",
    next_help_heading = "选项",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct Global {
    /// 数据库文件（也可用环境变量 BAOMI_DB；默认在用户数据目录）
    #[arg(long, global = true, value_name = "路径")]
    pub db: Option<PathBuf>,
    /// 以这一天为“今天”（YYYY-MM-DD；也可用 BAOMI_TODAY）
    #[arg(long, global = true, value_name = "日期")]
    pub today: Option<String>,
    /// 用户名（也可用 BAOMI_USER；口令用 BAOMI_PASSWORD 或在终端输入）
    #[arg(long, global = true, value_name = "用户名")]
    pub user: Option<String>,
    /// 显示帮助
    #[arg(short = 'h', long, global = true, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    pub version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 建立新数据库和第一个保密员账号
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Init(admin::InitArgs),
    /// 生成演示数据库（真实风格的中文数据；--rows N 追加 N 件用于性能测试）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Demo(admin::DemoArgs),
    /// 登录：输入一次口令，之后的命令不再要口令；空闲超过锁屏时限（最多5分钟）自动结束
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Login,
    /// 退出登录，结束本机本数据库的会话
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Logout,
    /// 用户账号：添加、列出、解锁、改口令、改角色、停用
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    User(admin::UserCommand),
    /// 审计日志：核验防篡改链
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Audit(audit::AuditCommand),
    /// 单位设置：列出与修改
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Settings(admin::SettingsCommand),
    /// 法定节假日与调休上班日（计算工作日用）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Holiday(admin::HolidayCommand),
    /// 纸介质密件：登记与各项办理
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Paper(paper::PaperCommand),
    /// 移动存储介质：登记、配发、使用登记、携带外出、清查、遗失上报、销毁（R-MED-1…8）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Medium(records::Verbs<records::Media>),
    /// 计算机（涉密、内部、互联网）：登记、备案、检查、备份、维修、报废（R-CMP-1…14）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Computer(records::Verbs<records::Computers>),
    /// 办公自动化设备、手机、电子邮箱：登记、检查、更换口令、报废（R-DEV-1…6）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Device(records::Verbs<records::Devices>),
    /// 涉密机房：登记、来访登记、检查（R-CMP-11）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Room(records::Verbs<records::Rooms>),
    /// 涉密人员：登记、资格审查、保密责任书、报告事项、离岗与脱密期（R-PER-1…7）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Person(records::Verbs<records::People>),
    /// 泄密事件：登记、24小时内上报、一周内续报、协查、整改措施、结案（R-INC-1…5）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Incident(records::Verbs<records::Incidents>),
    /// 保密检查：自查、抽查、局检查，发现问题限期整改，检查记录表，立卷归档（R-INS-1…5）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Inspection(records::Verbs<records::Inspections>),
    /// 信息公开保密审查：登记、按经办人拟办→部门领导审核→分管领导审批逐步办理、打印流程表（R-DIS-1…5）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Review(records::Verbs<records::Reviews>),
    /// 对外提供资料审查报批：登记、逐步办理（审查、技术处理、领导审核、报批、备案、保密协议；R-EXT-1…3）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Provide(records::Verbs<records::Provisions>),
    /// 涉密会议（活动）：登记、分发文件、会后收回清场、新闻稿审核与发布（R-MTG-1…2）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Meeting(records::Verbs<records::Meetings>),
    /// 保密工作记录本：会议、计划、领导批示（R-ORG-1）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    WorkRecord(records::Verbs<records::WorkRecords>),
    /// 报送保密局登记：年度总结报告、保密员年度情况报告等（R-ORG-2）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    BureauReport(records::Verbs<records::UnitReports>),
    /// 奖励与处罚登记，依制度所列情形（R-ORG-3）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Merit(records::Verbs<records::Merits>),
    /// 保密工作协作组活动与信息稿件，情况记录表报送（R-ORG-4）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    CoopGroup(records::Verbs<records::CoopGroups>),
    /// 领导干部保密工作责任制年度考核（R-ORG-5）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Assessment(records::Verbs<records::Assessments>),
    /// 保密工作人员变动登记与报告（R-ORG-6）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    StaffChange(records::Verbs<records::StaffChanges>),
    /// 保密教育培训：登记培训（含出国（境）行前教育）、每人年度学时统计（R-TRN-1…4）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Training(records::Parsed<records::Trainings, records::WithHours>),
    /// 保密要害部门部位：登记、验收、人员、定期检查、变更报告（R-KEY-1…4）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Site(records::Verbs<records::Sites>),
    /// 打印存储介质、计算机的标签（密级、使用人、编号，含条码；R-MED-1、R-CMP-2）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Label(label::LabelArgs),
    /// 保密柜：登记、确认、登记表（R-PAP-10）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Cabinet(cabinet::CabinetCommand),
    /// 保密笔记本：发放、交回、台帐（R-PAP-26）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Notebook(notebook::NotebookCommand),
    /// 提交需领导审批的申请（制作、复印、汇编、借阅、携带外出、销毁）
    #[command(subcommand, help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Request(approvals::RequestCommand),
    /// 审批队列
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Approvals(approvals::ListArgs),
    /// 批准申请（领导本人登录；或保密员录入已签字的纸质审批）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Approve(approvals::DecideArgs),
    /// 驳回申请（须写明意见）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Reject(approvals::DecideArgs),
    /// 撤回尚未办理的申请
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Withdraw(approvals::WithdrawArgs),
    /// 快速查找载体：编号、文号、标题、来文单位、持有人、存放位置、拼音首字母
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Search(search::SearchArgs),
    /// 到期提醒清单
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Due(due::DueArgs),
    /// 打印登记簿（收文、发文、复印、借阅、携带外出、知悉人员、清点表、销毁清单、定密一览表，
    /// 各台帐及介质借用、维修、销毁报废等登记）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Register(register::RegisterArgs),
    /// 导入台帐（全部成功才写入，逐行报告错误）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Import(io::ImportArgs),
    /// 导出台帐或审计日志
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Export(io::ExportArgs),
    /// 备份数据库到文件（联机备份，完成后核对）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Backup(io::BackupArgs),
    /// 从备份恢复数据库（先核对备份完整）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Restore(io::RestoreArgs),
    /// 年度保密工作台账：按模板顺序汇编全部台帐，含目录（PDF 或 xlsx）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Yearbook(yearbook::YearbookArgs),
    /// 常态化检查服务项目表：逐项自查（是、否、不适用），与上年对照打印（R-INS-4）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Selfcheck(selfcheck::SelfcheckArgs),
}

/// What the edge (main) read from the clock and the environment.
#[derive(Debug, Clone)]
pub struct Env {
    pub db: PathBuf,
    pub today: NaiveDate,
    /// Real time, for the audit log and the lock period.
    pub now: NaiveDateTime,
    pub user: Option<String>,
    pub password: Option<String>,
    /// A new password for `init` / `user add` / `user passwd` in scripts.
    pub new_password: Option<String>,
    /// Standard input is a terminal: passwords may be asked for.
    pub interactive: bool,
    /// The OS user, named as "printed by" when no account logged in.
    pub os_user: String,
    /// Where `baomi login` keeps this OS user's session files (private to the user), if anywhere.
    pub session_dir: Option<PathBuf>,
    /// Where a crash test stops the process (`BAOMI_CRASH_AT`).
    pub crash_at: Option<(crate::store::CrashPoint, u32)>,
}

/// Opens the database, or explains why not. Says on standard error when the audit log's head
/// disagrees with the log (R-SYS-3), whatever the command, until an officer accepts it.
pub fn open(env: &Env) -> Result<Store, Failure> {
    let mut store = Store::open(&env.db, OpenMode::Existing)?;
    prepare(&mut store, env);
    Ok(store)
}

/// What every command's store gets: the crash point of the tests, warnings on standard error,
/// and the audit alarm.
pub fn prepare(store: &mut Store, env: &Env) {
    store.crash_at(env.crash_at);
    store.on_warning(|w| out::errln!("警告：{w}"));
    // What a migration left to do in Rust, once: the ledger's names become people (R-PER-2),
    // classified computers never filed wait for their filing (R-CMP-2), old rectifications
    // become searchable (R-INS-2).
    match crate::store::records::migrated::settle(store, env.today, env.now) {
        Ok(done) => {
            if done.people > 0 {
                out::errln!(
                    "数据迁移：台帐中的 {} 名持有人、阅文人、借阅人已登记为涉密人员，涉密资格审查待补（R-PER-2）",
                    done.people
                );
            }
            if done.unfiled > 0 {
                out::errln!(
                    "数据迁移：{} 台涉密计算机在用但未见备案记录，已改为待备案，请补录备案（R-CMP-2）",
                    done.unfiled
                );
            }
            if done.search_texts > 0 {
                out::errln!(
                    "数据迁移：{} 条记录的查找内容已按本版重写，整改事项可按内容查找（R-INS-2）",
                    done.search_texts
                );
            }
        }
        Err(e) => out::errln!("警告：数据迁移未完成：{e}"),
    }
    if let Ok(Some(alarm)) = store.head_alarm() {
        out::errln!(
            "警告：审计日志核验不通过：{alarm}（R-SYS-3）。请运行 baomi audit verify 查明原因；查明后由保密员运行 baomi audit accept --reason …"
        );
    }
}

/// Logs in with a password: BAOMI_USER / --user with BAOMI_PASSWORD, or a prompt without echo on
/// a terminal. The lockout applies as in the TUI (R-SYS-1). Commands go through `authenticate`,
/// which also accepts a session; `baomi login` and `restore` (which a session does not let in)
/// come here directly.
pub fn login(store: &mut Store, env: &Env) -> Result<accounts::Account, Failure> {
    let Some(user) = env.user.clone().filter(|u| !u.trim().is_empty()) else {
        return Err(Failure::refused(
            "须用口令登录：请用 --user 或环境变量 BAOMI_USER 指定用户名，口令用 BAOMI_PASSWORD 或在终端输入（R-SYS-1）",
        ));
    };
    let password = password_for(&user, env)?;
    let settings = crate::store::settings::load(store.conn())?;
    Ok(accounts::login(
        store,
        &user,
        &password,
        env.now,
        settings.lock_minutes,
    )?)
}

/// The password of `user`: BAOMI_PASSWORD, or asked for without echo on a terminal.
fn password_for(user: &str, env: &Env) -> Result<String, Failure> {
    match &env.password {
        Some(p) => Ok(p.clone()),
        None if env.interactive => prompt::password(&format!("用户 {user} 的口令：")),
        None => Err(Failure::refused(
            "未提供口令：请设置环境变量 BAOMI_PASSWORD，或在终端中运行以便输入口令",
        )),
    }
}

/// Checks a password against the accounts of a database without writing to it: for a restore
/// whose own database cannot be opened, the officer proves who they are against the backup.
pub fn login_read_only(db: &std::path::Path, env: &Env) -> Result<accounts::Account, Failure> {
    let Some(user) = env.user.clone().filter(|u| !u.trim().is_empty()) else {
        return Err(Failure::refused(
            "须先登录：请用 --user 或环境变量 BAOMI_USER 指定用户名（R-SYS-1）",
        ));
    };
    let password = password_for(&user, env)?;
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| Failure::from(crate::store::StoreError::from(e)))?;
    Ok(accounts::check_password(&conn, &user, &password)?)
}

/// The stamp for changes made by `account`, at the real time of day on the business date.
pub fn stamp(account: &accounts::Account, env: &Env) -> Stamp {
    Stamp::on(account.name.clone(), env.today, env.now)
}

/// Runs a command; `None` opens the TUI (handled by main).
pub fn run(command: Command, env: &Env) -> Outcome {
    match command {
        Command::Init(a) => admin::init(a, env),
        Command::Demo(a) => admin::demo(a, env),
        Command::Login => session::login(env),
        Command::Logout => session::logout(env),
        Command::User(c) => admin::user(c, env),
        Command::Audit(c) => audit::run(c, env),
        Command::Settings(c) => admin::settings(c, env),
        Command::Holiday(c) => admin::holiday(c, env),
        Command::Paper(c) => paper::run(c, env),
        Command::Medium(c) => records::run(c, env),
        Command::Computer(c) => records::run(c, env),
        Command::Device(c) => records::run(c, env),
        Command::Room(c) => records::run(c, env),
        Command::Person(c) => records::run(c, env),
        Command::Incident(c) => records::run(c, env),
        Command::Inspection(c) => records::run(c, env),
        Command::Review(c) => records::run(c, env),
        Command::Provide(c) => records::run(c, env),
        Command::Meeting(c) => records::run(c, env),
        Command::WorkRecord(c) => records::run(c, env),
        Command::BureauReport(c) => records::run(c, env),
        Command::Merit(c) => records::run(c, env),
        Command::CoopGroup(c) => records::run(c, env),
        Command::Assessment(c) => records::run(c, env),
        Command::StaffChange(c) => records::run(c, env),
        Command::Training(c) => records::run_training(c, env),
        Command::Site(c) => records::run(c, env),
        Command::Label(a) => label::run(a, env, records::label_of),
        Command::Cabinet(c) => cabinet::run(c, env),
        Command::Notebook(c) => notebook::run(c, env),
        Command::Request(c) => approvals::request(c, env),
        Command::Approvals(a) => approvals::list(a, env),
        Command::Approve(a) => approvals::decide(a, env, true),
        Command::Reject(a) => approvals::decide(a, env, false),
        Command::Withdraw(a) => approvals::withdraw(a, env),
        Command::Search(a) => search::run(a, env),
        Command::Due(a) => due::run(a, env),
        Command::Register(a) => register::run(a, env),
        Command::Import(a) => io::import(a, env),
        Command::Export(a) => io::export(a, env),
        Command::Backup(a) => io::backup(a, env),
        Command::Restore(a) => io::restore(a, env),
        Command::Yearbook(a) => yearbook::run(a, env),
        Command::Selfcheck(a) => selfcheck::run(a, env),
    }
}

/// clap's help in Chinese: the headings and words clap writes itself (nested subcommands do not
/// take the root's template), so no help mixes "Usage:" with "选项".
pub fn help_text(rendered: &str) -> String {
    const WORDS: [(&str, &str); 12] = [
        ("Usage: ", "用法："),
        ("Options:", "选项:"),
        ("Arguments:", "参数:"),
        ("Commands:", "命令:"),
        ("[OPTIONS]", "[选项]"),
        ("[COMMAND]", "[命令]"),
        ("<COMMAND>", "<命令>"),
        ("[default: ", "[默认："),
        ("[possible values: ", "[可选："),
        ("[aliases: ", "[别名："),
        ("Print help", "显示帮助"),
        ("Print version", "显示版本"),
    ];
    let mut s = rendered.to_string();
    for (en, zh) in WORDS {
        s = s.replace(en, zh);
    }
    s
}

/// Translates clap's (English) usage errors into Chinese, keeping what it quotes.
pub fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join("、"),
            _ => String::new(),
        }
    };
    let what = match e.kind() {
        ErrorKind::InvalidValue => format!(
            "参数 {} 的值「{}」无效",
            ctx(ContextKind::InvalidArg),
            ctx(ContextKind::InvalidValue)
        ),
        ErrorKind::UnknownArgument => format!("不认识的参数 {}", ctx(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => {
            format!("不认识的命令 {}", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少子命令".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "参数 {} 不能与 {} 同时使用",
            ctx(ContextKind::InvalidArg),
            ctx(ContextKind::PriorArg)
        ),
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            // Our own value parsers (bounds.rs) say in Chinese what the flag accepts.
            Some(why) => format!("参数 {} 的值{why}", ctx(ContextKind::InvalidArg)),
            None => format!(
                "参数 {} 的值「{}」无效",
                ctx(ContextKind::InvalidArg),
                ctx(ContextKind::InvalidValue)
            ),
        },
        ErrorKind::TooManyValues => {
            format!("参数 {} 给了太多次", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::NoEquals | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {} 的值个数不对", ctx(ContextKind::InvalidArg))
        }
        _ => "命令行用法有误".to_string(),
    };
    format!("{what}。用 baomi --help 查看用法")
}

/// Parses a date flag, naming the flag when it is wrong: not a date is a usage error (exit 2), a
/// date outside 1949–2100 is refused (exit 1).
pub fn date_flag(
    flag: &str,
    value: &Option<String>,
    default: NaiveDate,
) -> Result<NaiveDate, Failure> {
    match value {
        None => Ok(default),
        Some(v) => {
            let d = crate::domain::dates::parse(v).ok_or_else(|| {
                Failure::usage(format!(
                    "{flag} 的值「{}」不是有效日期，请写成 2026-04-01",
                    crate::domain::text::for_terminal(v)
                ))
            })?;
            Ok(crate::domain::dates::check_bounds(flag, d)?)
        }
    }
}

/// A date flag for something that has happened (an act, a signature): today by default, never
/// after today (issue 8).
pub fn past_flag(
    flag: &str,
    value: &Option<String>,
    today: NaiveDate,
) -> Result<NaiveDate, Failure> {
    let d = date_flag(flag, value, today)?;
    Ok(crate::domain::dates::check_past(flag, d, today)?)
}

/// A deadline flag (return by, extended until): at most ten years after today.
pub fn deadline_flag(flag: &str, value: &str, today: NaiveDate) -> Result<NaiveDate, Failure> {
    let d = date_flag(flag, &Some(value.to_string()), today)?;
    Ok(crate::domain::dates::check_deadline(flag, d, today)?)
}

/// Prints JSON to standard output (see `out::json`).
pub fn print_json(v: &impl serde::Serialize) -> Outcome {
    out::json(v)
}
