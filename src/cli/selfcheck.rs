//! `baomi selfcheck --year Y [--set ITEM=是|否|不适用[:备注]]… [--print] [--out FILE]`: the
//! bureau's 常态化检查服务项目表 answered as a self-assessment (R-INS-4), shown or printed beside
//! last year's answers.

use clap::Args;

use super::out::errln;
use super::register::{SendTo, emit};
use super::{Env, Failure, Outcome, authenticate, open, stamp};
use crate::domain::selfcheck;
use crate::report::{self, Format};
use crate::store;

#[derive(Debug, Args)]
pub struct SelfcheckArgs {
    /// 年度，如 2026
    #[arg(long, value_name = "年", value_parser = super::bounds::year)]
    pub year: i32,
    /// 填写一项：项目号=是、否或不适用，可加 :备注，如 --set 5=否:借阅登记不全（可重复）
    #[arg(long, value_name = "项=答")]
    pub set: Vec<String>,
    /// table、csv、html 或 pdf（默认按 --out 的扩展名，否则 table）
    #[arg(long, value_name = "格式")]
    pub format: Option<String>,
    #[command(flatten)]
    pub to: SendTo,
}

pub fn run(a: SelfcheckArgs, env: &Env) -> Outcome {
    if a.set.len() > selfcheck::ITEMS.len() {
        return Err(Failure::usage(format!(
            "--set 最多 {} 项",
            selfcheck::ITEMS.len()
        )));
    }
    let answers = a
        .set
        .iter()
        .map(|s| selfcheck::parse_set(s))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::refused(e.to_string()))?;
    let format = match (&a.format, &a.to.out) {
        (Some(f), _) => Format::parse(f)
            .filter(|f| !matches!(f, Format::Json | Format::Xlsx))
            .ok_or_else(|| {
                Failure::usage(format!("--format 的值「{f}」应为 table、csv、html 或 pdf"))
            })?,
        (None, Some(p)) => p
            .extension()
            .and_then(|e| Format::parse(&e.to_string_lossy()))
            .filter(|f| !matches!(f, Format::Json | Format::Xlsx))
            .unwrap_or(Format::Table),
        (None, None) if a.to.print => Format::Pdf,
        (None, None) => Format::Table,
    };
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    if !answers.is_empty() {
        store.change(&stamp(&me, env), |c| {
            store::selfcheck::set(c, a.year, &answers)
        })?;
        errln!("已记录 {}年 {} 项", a.year, answers.len());
        if !a.to.print && a.to.out.is_none() {
            return Ok(());
        }
    }
    let this = store::selfcheck::load(store.conn(), a.year)?;
    let last = store::selfcheck::load(store.conn(), a.year - 1)?;
    let settings = store::settings::load(store.conn())?;
    let as_of = crate::report::yearbook::as_of(a.year, env.today);
    let doc = report::selfcheck::document(a.year, &this, &last, &settings.unit_name, as_of);
    emit(&mut store, env, &me, doc, format, &a.to)
}
