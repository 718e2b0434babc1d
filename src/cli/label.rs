//! `baomi label medium|computer NO... --out FILE.pdf`: label sheets for storage media and
//! computers (R-MED-1, R-CMP-2: labelled with level, user and number). The records live in their
//! own registers: `run` takes their lookup, so this file knows the command and the sheet only.

use std::path::PathBuf;

use clap::Args;
use rusqlite::Connection;

use super::out::errln;
use super::{Env, Failure, Outcome, authenticate, open, stamp};
use crate::domain::settings::LabelLayout;
use crate::domain::text::{TEXT_MAX, check_text, for_terminal};
use crate::report::deliver::Destination;
use crate::report::label_sheet::{self, KINDS};
use crate::report::labels::{self, Label};

#[derive(Debug, Args)]
pub struct LabelArgs {
    /// medium（存储介质）或 computer（计算机）
    #[arg(value_name = "类别")]
    pub kind: String,
    /// 保密编号，可写多个，每个编号一枚标签
    #[arg(value_name = "编号", required = true)]
    pub numbers: Vec<String>,
    /// 保存为 PDF 文件
    #[arg(long, value_name = "文件")]
    pub out: Option<PathBuf>,
    /// 标签纸：A4 多标签 或 单张标签（默认按设置“标签纸”）
    #[arg(long, value_name = "标签纸")]
    pub paper: Option<String>,
    /// 生成 PDF 并送打印机（lp）
    #[arg(long)]
    pub print: bool,
    /// 覆盖已存在的 --out 文件
    #[arg(long)]
    pub force: bool,
}

/// Prints the labels of `numbers` of one kind. `lookup(conn, kind, number)` finds a record (kind
/// is `medium` or `computer`) and says what its label shows; the unit's name on every label is
/// the one in the settings, whatever the lookup put there. Nothing is written unless every number
/// is found; the sheet written is recorded in the audit log like any printout (R-CMP-13).
pub fn run<F, E>(a: LabelArgs, env: &Env, lookup: F) -> Outcome
where
    F: Fn(&Connection, &str, &str) -> Result<Label, E>,
    Failure: From<E>,
{
    let kind = KINDS
        .iter()
        .find(|(k, _)| *k == a.kind.trim())
        .map(|(k, _)| *k)
        .ok_or_else(|| {
            Failure::usage(format!(
                "没有「{}」这种标签，可用：{}",
                for_terminal(a.kind.trim()),
                KINDS.map(|(k, zh)| format!("{k}（{zh}）")).join("、")
            ))
        })?;
    labels::check_count(a.numbers.len()).map_err(Failure::refused)?;
    for n in &a.numbers {
        check_text("保密编号", n, TEXT_MAX)?;
    }
    let paper = match &a.paper {
        None => None,
        Some(p) => Some(LabelLayout::parse(p).ok_or_else(|| {
            Failure::usage(format!(
                "--paper 的值「{}」应为 A4 多标签 或 单张标签",
                for_terminal(p)
            ))
        })?),
    };
    let dest = match (a.print, a.out) {
        (true, path) => Destination::Printer {
            path,
            printer: String::new(),
        },
        (false, Some(path)) => Destination::File {
            path,
            overwrite: a.force,
        },
        (false, None) => {
            return Err(Failure::usage(
                "标签请用 --out 指定 PDF 文件，或用 --print 直接打印",
            ));
        }
    };
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    me.role.require_officer("打印标签")?;
    let labels = a
        .numbers
        .iter()
        .map(|n| lookup(store.conn(), kind, n.trim()))
        .collect::<Result<Vec<Label>, E>>()?;
    let done = label_sheet::print(&mut store, &stamp(&me, env), kind, labels, paper, dest)?;
    errln!("{}", done.message);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Refusal;
    use crate::domain::dates::ymd;
    use crate::domain::level::{Level, Mark};
    use crate::store::{self, OpenMode, Stamp, Store};

    const FONT: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/BaomiTestSansSC.otf"
    );

    /// A demo database whose PDFs use the tests' font, and the environment of an officer in it.
    fn setup(user: &str, password: &str) -> (tempfile::TempDir, Env) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("baomi.db");
        let today = ymd(2026, 11, 27);
        let now = today.and_hms_opt(9, 30, 0).unwrap();
        let mut s = Store::open(&db, OpenMode::Create).unwrap();
        store::demo::build(&mut s, today, None, 0).unwrap();
        s.change(&Stamp::new("liqiang", now), |c| {
            store::settings::set(c, "font_path", FONT)
        })
        .unwrap();
        let env = Env {
            db,
            today,
            now,
            user: Some(user.into()),
            password: Some(password.into()),
            new_password: None,
            interactive: false,
            os_user: "test".into(),
            session_dir: None,
            crash_at: None,
        };
        (dir, env)
    }

    fn officer() -> (tempfile::TempDir, Env) {
        setup("liqiang", "Baomi@2026-li")
    }

    /// The records' stand-in: U-001 … U-099 are U盘 kept by 张三, anything else is not registered.
    fn lookup(_: &Connection, kind: &str, no: &str) -> Result<Label, Refusal> {
        assert_eq!(kind, "medium");
        match no.strip_prefix("U-").and_then(|n| n.parse::<u32>().ok()) {
            Some(1..=99) => Ok(Label {
                number: no.into(),
                kind: "U盘".into(),
                mark: Mark::new(Level::Secret, None),
                keeper: "张三".into(),
                unit: "不是本单位".into(),
            }),
            _ => Err(Refusal::field(
                "保密编号",
                format!("没有编号为 {no} 的存储介质"),
            )),
        }
    }

    fn args(kind: &str, numbers: &[&str], out: Option<PathBuf>) -> LabelArgs {
        LabelArgs {
            kind: kind.into(),
            numbers: numbers.iter().map(|n| n.to_string()).collect(),
            out,
            paper: None,
            print: false,
            force: false,
        }
    }

    fn last_audit(env: &Env) -> (String, String, String) {
        let s = Store::open(&env.db, OpenMode::Existing).unwrap();
        s.conn()
            .query_row(
                "SELECT action, subject, after FROM audit ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap()
    }

    /// Printouts recorded in the audit log.
    fn outputs(env: &Env) -> i64 {
        let s = Store::open(&env.db, OpenMode::Existing).unwrap();
        s.conn()
            .query_row(
                "SELECT count(*) FROM audit WHERE action IN ('输出', '打印')",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn pages(path: &std::path::Path) -> (usize, String) {
        let doc = lopdf::Document::load(path).unwrap();
        let n = doc.get_pages().len();
        let pages: Vec<u32> = (1..=u32::try_from(n).unwrap()).collect();
        (
            n,
            doc.extract_text(&pages)
                .unwrap()
                .replace(char::is_whitespace, ""),
        )
    }

    // R-MED-1, R-CMP-13: the sheet is written with the unit's name from the settings on every
    // label, on the paper the setting or --paper names, and recorded in the audit log.
    #[test]
    fn r_med_1_labels_are_printed_and_recorded() {
        let (dir, env) = officer();
        let numbers: Vec<String> = (1..=25).map(|i| format!("U-{i:03}")).collect();
        let refs: Vec<&str> = numbers.iter().map(String::as_str).collect();
        let out = dir.path().join("labels.pdf");
        run(args("medium", &refs, Some(out.clone())), &env, lookup).unwrap();
        let (n, text) = pages(&out);
        assert_eq!(n, 2);
        assert!(text.contains("U-025") && text.contains("江门市") && !text.contains("不是本单位"));
        let (action, subject, after) = last_audit(&env);
        assert_eq!(action, "输出");
        assert!(
            subject.starts_with("存储介质标签（标签纸：A4 多标签）U-001、"),
            "{subject}"
        );
        assert!(subject.ends_with("等25枚"), "{subject}");
        assert!(
            after.contains("\"pages\":2") && after.contains("\"rows\":25"),
            "{after}"
        );
        // The single-label paper by flag: one page a label; an existing file needs --force.
        let mut a = args("medium", &refs[..3], Some(out.clone()));
        a.paper = Some("单张标签".into());
        let e = run(a, &env, lookup).unwrap_err();
        assert_eq!(e.code, crate::cli::EXIT_REFUSED, "{}", e.message);
        let mut a = args("medium", &refs[..3], Some(out.clone()));
        a.paper = Some("单张".into());
        a.force = true;
        run(a, &env, lookup).unwrap();
        assert_eq!(pages(&out).0, 3);
    }

    // One unknown number refuses the whole sheet: no file, no audit row.
    #[test]
    fn an_unknown_number_writes_nothing() {
        let (dir, env) = officer();
        let before = outputs(&env);
        let out = dir.path().join("labels.pdf");
        let e = run(
            args("medium", &["U-001", "X-9"], Some(out.clone())),
            &env,
            lookup,
        )
        .unwrap_err();
        assert_eq!(e.code, crate::cli::EXIT_REFUSED);
        assert!(e.message.contains("X-9"), "{}", e.message);
        assert!(!out.exists());
        assert_eq!(outputs(&env), before);
    }

    #[test]
    fn usage_errors_say_what_is_accepted() {
        let (dir, env) = officer();
        let out = Some(dir.path().join("l.pdf"));
        let e = run(args("paper", &["U-001"], out.clone()), &env, lookup).unwrap_err();
        assert_eq!(e.code, crate::cli::EXIT_USAGE);
        assert!(
            e.message.contains("medium（存储介质）、computer（计算机）"),
            "{}",
            e.message
        );
        let e = run(args("medium", &["U-001"], None), &env, lookup).unwrap_err();
        assert_eq!(e.code, crate::cli::EXIT_USAGE);
        assert!(e.message.contains("--out"), "{}", e.message);
        let mut a = args("medium", &["U-001"], out.clone());
        a.paper = Some("A5".into());
        let e = run(a, &env, lookup).unwrap_err();
        assert!(e.message.contains("单张标签"), "{}", e.message);
        let long = "U".repeat(TEXT_MAX + 1);
        let e = run(args("medium", &[&long], out.clone()), &env, lookup).unwrap_err();
        assert!(e.message.contains("太长"), "{}", e.message);
        let e = run(args("medium", &["U-\u{1b}[2J"], out), &env, lookup).unwrap_err();
        assert!(e.message.contains("控制字符"), "{}", e.message);
    }

    // R-SYS-6: labelling is the officer's work; a viewer is refused.
    #[test]
    fn r_sys_6_a_viewer_cannot_print_labels() {
        let (dir, env) = setup("sunli", "Chayue@2026-sun");
        let out = dir.path().join("l.pdf");
        let e = run(args("medium", &["U-001"], Some(out.clone())), &env, lookup).unwrap_err();
        assert_eq!(e.code, crate::cli::EXIT_REFUSED);
        assert!(
            e.message.contains("R-SYS-6") && e.message.contains("打印标签"),
            "{}",
            e.message
        );
        assert!(!out.exists());
    }
}
