//! `baomi paper complete`: the officer fills in a register field an import left 待补 (R-PAP-3).
//! The completion is a row of its own and an audit entry; the paper's registration is not
//! rewritten (store::gaps).

use clap::Args;

use super::out::outln;
use super::{Env, Failure, Outcome, stamp};
use crate::domain::gap::{self, GapField};
use crate::store::{self, Store, accounts::Account};

#[derive(Debug, Args)]
pub struct CompleteArgs {
    /// 密件编号
    #[arg(value_name = "编号")]
    pub no: String,
    /// 来文单位（导入时缺、记为“待补”的）
    #[arg(long = "from", value_name = "单位")]
    pub originator: Option<String>,
}

pub fn run(a: CompleteArgs, store: &mut Store, me: &Account, env: &Env) -> Outcome {
    let values: Vec<(GapField, String)> = [(GapField::Originator, a.originator)]
        .into_iter()
        .filter_map(|(f, v)| v.map(|v| (f, v)))
        .collect();
    if values.is_empty() {
        let paper = store::papers::get(store.conn(), &a.no)?;
        let open = store::gaps::open_fields(store.conn(), paper.id)?;
        return Err(Failure::usage(if open.is_empty() {
            format!("{} 没有待补的登记项", paper.no)
        } else {
            format!(
                "{} 待补：{}；用 {} 填写",
                paper.no,
                gap::names(&open),
                open.iter().map(|f| f.flag()).collect::<Vec<_>>().join("、")
            )
        }));
    }
    let done = store.change(&stamp(me, env), |c| {
        store::gaps::complete(c, &a.no, &values)
    })?;
    outln!(
        "已补登 {}：{}",
        done.no,
        done.fields
            .iter()
            .map(|(f, v)| format!("{} {v}", f.name()))
            .collect::<Vec<_>>()
            .join("，")
    );
    Ok(())
}
