//! `baomi medium|computer|device check --date D [--file F]`: the periodic check by scanning
//! (清查核对, R-MED-6, R-CMP-9, R-DEV-4) from the command line. The numbers come from a file or
//! standard input, one a line, as a scanner writes them; the store records the check as the
//! screen does (`records::check::check_all`, one change); the tally is printed, and the command
//! exits with `EXIT_MISSING` when something the ledger holds was not seen.

use std::io::{IsTerminal, Read};

use super::super::out::{self, errln};
use super::super::{Env, Failure, Outcome, stamp};
use super::Invocation;
use crate::domain::ledgers::tally::{MAX_NUMBERS, Tally, numbers_of};
use crate::domain::ledgers::{LedgerSpec, Record};
use crate::domain::numbering::NUMBER_MAX;
use crate::store::Store;
use crate::store::accounts::Account;
use crate::store::records::check_all;

/// The most bytes of numbers read: every number at its longest, in UTF-8, with its line end.
const MAX_BYTES: u64 = (MAX_NUMBERS * (NUMBER_MAX * 4 + 2)) as u64;

pub fn run(
    store: &mut Store,
    env: &Env,
    me: &Account,
    spec: &'static LedgerSpec,
    call: Invocation,
) -> Outcome {
    if call.no.is_some() {
        return Err(Failure::usage(
            "清查整个台帐时不写编号：编号从 --file 或标准输入读取",
        ));
    }
    let on = super::super::past_flag("--date", &call.date, env.today)?;
    let bytes = match &call.file {
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|e| {
                Failure::refused(format!(
                    "无法读取 {}：{}",
                    crate::domain::text::for_terminal(path),
                    crate::store::files::io_message(&e)
                ))
            })?;
            bounded(file)?
        }
        None => {
            if std::io::stdin().is_terminal() {
                errln!("请逐行扫描标签或输入编号，输完按 Ctrl-D（Windows 为 Ctrl-Z 回车）");
            }
            bounded(std::io::stdin().lock())?
        }
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::refused("编号清单须是 UTF-8 文本，一行一个编号"))?;
    let numbers = numbers_of(&text)?;
    let tally = store.change(&stamp(me, env), |c| {
        check_all(c, spec, &numbers, &call.values, on)
    })?;
    if call.format == "json" {
        out::json(&as_json(spec, &tally, on))?;
    } else {
        let settings = crate::store::settings::load(store.conn())?;
        let doc = crate::report::tally::document(spec, &tally, &settings.unit_name, on);
        let text =
            crate::report::print::render(&doc, crate::report::Format::Table, &settings.font_path)
                .map_err(Failure::refused)?;
        out::bytes(&text)?;
    }
    let missing: Vec<&str> = tally.missing().map(|r| r.no.as_str()).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let rule = spec.act("check").map_or("R-MED-6", |a| a.rule);
    Err(Failure {
        code: super::super::EXIT_MISSING,
        message: format!(
            "清查核对（{rule}）已记入 {} 件；未见 {} 件：{}。未见的须查明去向，遗失的按规定报告",
            tally.counted().count(),
            missing.len(),
            missing.join("、")
        ),
    })
}

/// All of `from`, up to `MAX_BYTES` (one byte more tells it is too long): a file that never ends
/// (`/dev/zero`) is refused without filling memory.
fn bounded(from: impl Read) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    from.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Failure::refused(format!(
            "编号清单过长：一次最多清查 {MAX_NUMBERS} 个编号，未记入任何清查"
        )));
    }
    Ok(bytes)
}

/// The tally as JSON: the same keys as the check's audit row, and where each missing record
/// should be.
fn as_json(spec: &LedgerSpec, t: &Tally, on: chrono::NaiveDate) -> serde_json::Value {
    let missing = |r: &Record| serde_json::json!({"no": r.no, "state": r.state_label(), "holder": r.holder, "keeper": r.keeper});
    serde_json::json!({
        "ledger": spec.key,
        "on": crate::domain::dates::iso(on),
        "expected": t.expected().len(),
        "counted": t.counted().map(|r| r.no.as_str()).collect::<Vec<_>>(),
        "missing": t.missing().map(missing).collect::<Vec<_>>(),
        "not_on_list": t.strays().iter().map(|s| serde_json::json!({"no": s.no, "why": s.why})).collect::<Vec<_>>(),
    })
}

/// One record's check (`check NO --format json`): the keys of the whole ledger's check, for that
/// record alone, and the record as `show` writes it.
pub fn one_as_json(r: &Record, on: chrono::NaiveDate) -> serde_json::Value {
    serde_json::json!({
        "ledger": r.spec.key,
        "on": crate::domain::dates::iso(on),
        "expected": 1,
        "counted": [r.no],
        "missing": [],
        "not_on_list": [],
        "record": super::view::object(r),
    })
}
