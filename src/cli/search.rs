//! `baomi search`: any carrier by any handle, closed ones included.

use clap::Args;

use super::out::{outln, outp};
use super::{Env, Failure, Outcome, authenticate, open, print_json};
use crate::report::text::table;
use crate::store::search;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// 编号或其一部分、文号、标题中的词、来文单位、持有人、柜号、拼音首字母（如 bmzc）
    #[arg(value_name = "查询")]
    pub query: String,
    /// table 或 json
    #[arg(long, default_value = "table", value_name = "格式")]
    pub format: String,
    /// 最多几条（默认 50；还有更多时在标准错误输出上说明）
    #[arg(long, default_value_t = 50, value_name = "N",
          value_parser = super::bounds::count_in::<1, { super::bounds::SEARCH_LIMIT_MAX }>)]
    pub limit: usize,
}

pub fn run(a: SearchArgs, env: &Env) -> Outcome {
    let mut store = open(env)?;
    authenticate(&mut store, env)?;
    // One more than asked tells whether there are more, without counting them all.
    let mut hits = search::search_all(store.conn(), &a.query, a.limit + 1)?;
    if hits.len() > a.limit {
        hits.truncate(a.limit);
        super::out::errln!("显示前 {} 条，还有更多；用 --limit 调整", a.limit);
    }
    match a.format.as_str() {
        "json" => print_json(&hits),
        "table" => {
            if hits.is_empty() {
                outln!("没有找到「{}」", a.query.trim());
                return Ok(());
            }
            let rows: Vec<Vec<String>> = hits
                .iter()
                .map(|h| {
                    vec![
                        h.subject.clone(),
                        h.title.clone(),
                        h.mark.clone(),
                        h.state.name().to_string(),
                        h.holder.clone(),
                        h.location.clone(),
                    ]
                })
                .collect();
            outp!(
                "{}",
                table(&["编号", "标题", "标志", "状态", "持有人", "位置"], &rows)
            );
            Ok(())
        }
        other => Err(Failure::usage(format!(
            "--format 的值「{other}」应为 table 或 json"
        ))),
    }
}
