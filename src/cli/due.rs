//! `baomi due`: what is due and overdue, as a table, CSV, JSON (the contract's keys), HTML or PDF,
//! to standard output, a file or the printer.

use clap::Args;
use unicode_width::UnicodeWidthChar;

use super::register::SendTo;
use super::{Env, Failure, Outcome, authenticate, date_flag, open, print_json};
use crate::report::document::{DocRow, Document};
use crate::report::{self, Format};
use crate::store;

#[derive(Debug, Args)]
pub struct DueArgs {
    /// 以哪一天为准（默认今天）
    #[arg(long, value_name = "日期")]
    pub as_of: Option<String>,
    /// 列出多少天内到期的（逾期的总会列出）
    #[arg(long, default_value_t = 30, value_name = "天", value_parser = super::bounds::within)]
    pub within: i64,
    /// table、csv、json、html 或 pdf
    #[arg(long, default_value = "table", value_name = "格式")]
    pub format: String,
    #[command(flatten)]
    pub to: SendTo,
}

pub fn run(a: DueArgs, env: &Env) -> Outcome {
    let as_of = date_flag("--as-of", &a.as_of, env.today)?;
    let format = Format::parse(&a.format).ok_or_else(|| {
        Failure::usage(format!(
            "--format 的值「{}」应为 table、csv、json、html 或 pdf",
            a.format
        ))
    })?;
    let mut store = open(env)?;
    let me = authenticate(&mut store, env)?;
    let settings = store::settings::load(store.conn())?;
    let items = store::due::items(store.conn(), as_of, &settings, a.within)?;
    if format == Format::Json && !a.to.print {
        return match &a.to.out {
            Some(path) => {
                let s = serde_json::to_string_pretty(&items)
                    .map_err(|e| Failure::refused(format!("JSON 输出失败：{e}")))?;
                crate::store::files::write_output(path, s.as_bytes(), a.to.force)
                    .map_err(Failure::refused)?;
                store.change(&super::stamp(&me, env), |c| {
                    c.audit(
                        "输出",
                        "到期提醒清单",
                        None,
                        crate::store::json(serde_json::json!({
                            "format": "json", "rows": items.len(),
                            "to": path.display().to_string(),
                        })),
                    );
                    Ok(())
                })?;
                Ok(())
            }
            None => print_json(&items),
        };
    }
    let missing = store::due::missing_holiday_years(store.conn(), as_of, a.within)?;
    let mut doc = report::due::document(&items, &settings.unit_name, as_of, a.within, &missing);
    if format == Format::Table {
        fit_columns(&mut doc, TERMINAL);
    }
    super::register::emit(&mut store, env, &me, doc, format, &a.to)
}

/// The width the text table keeps to: an 80-column terminal (issue 9 point 18).
const TERMINAL: usize = 80;

/// The cells `s` takes on the terminal (a Chinese character two).
fn cells(s: &str) -> usize {
    crate::domain::text::for_terminal(s)
        .chars()
        .map(|c| c.width().unwrap_or(0))
        .sum()
}

/// Cuts `s` to `max` cells, ending in `…` when cut, never splitting a wide character.
fn ellipsis(s: &str, max: usize) -> String {
    let s = crate::domain::text::for_terminal(s);
    if cells(&s) <= max {
        return s.into_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Breaks `s` into lines of at most `max` cells (between characters).
fn wrap(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max {
            out.push('\n');
            w = 0;
        }
        out.push(c);
        w += cw;
    }
    out
}

/// The due table as the terminal shows it, `width` cells wide: the rule column goes (each group's
/// heading names the rule), titles are cut by display width with an ellipsis, long notes wrap.
/// Only the text table: CSV and JSON keep every column whole (their keys are the contract).
fn fit_columns(doc: &mut Document, width: usize) {
    const RULE: usize = 1;
    const TITLE: usize = 3;
    if doc.columns.get(RULE).map(String::as_str) == Some("规则") {
        doc.columns.remove(RULE);
        for r in &mut doc.rows {
            if let DocRow::Cells { cells, .. } = r
                && cells.len() > RULE
            {
                cells.remove(RULE);
            }
        }
        if doc.widths.len() > RULE {
            doc.widths.remove(RULE);
        }
    }
    let title = TITLE - 1;
    let mut widths: Vec<usize> = doc.columns.iter().map(|c| cells(c)).collect();
    for r in &doc.rows {
        if let DocRow::Cells { cells: row, .. } = r {
            for (i, c) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(cells(c));
                }
            }
        }
    }
    let others: usize = widths
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != title)
        .map(|(_, w)| *w)
        .sum();
    let gaps = 2 * widths.len().saturating_sub(1);
    let budget = width.saturating_sub(others + gaps).max(10);
    for r in &mut doc.rows {
        match r {
            DocRow::Cells { cells: row, .. } => {
                if let Some(t) = row.get_mut(title) {
                    *t = ellipsis(t, budget);
                }
            }
            DocRow::Group(g) => *g = ellipsis(g, width.saturating_sub(4)),
        }
    }
    for n in &mut doc.notes {
        *n = wrap(n, width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::due::{Dated, DueState};
    use crate::domain::level::Level;

    // Issue 9 point 18: `baomi due` as a text table fits an 80-column terminal, long Chinese
    // titles cut by display width with an ellipsis.
    #[test]
    fn the_due_table_fits_80_columns() {
        let long = "关于印发《某某市国家秘密载体管理工作实施细则（2026年修订）》及配套表格的通知"
            .to_string();
        let item = |state, rule: &'static str, days| Dated {
            rule,
            kind: "paper",
            subject: "2026-收-0153".into(),
            title: long.clone(),
            level: Some(Level::Confidential),
            due: ymd(2026, 11, 22),
            due_at: None,
            days,
            state,
        };
        let items = vec![
            item(DueState::Overdue, "R-PAP-9", -517),
            item(DueState::DueSoon, "R-PAP-11", 3),
        ];
        let mut doc = report::due::document(&items, "江门市某某局", ymd(2026, 11, 27), 30, &[2027]);
        fit_columns(&mut doc, TERMINAL);
        let text = report::text::render(&doc);
        for line in text.lines() {
            assert!(cells(line) <= TERMINAL, "{} cells: {line}", cells(line));
        }
        assert!(text.contains("关于印发《某某市国家秘密…"), "{text}");
        assert!(text.contains('…'), "{text}");
        assert!(
            text.contains("逾期517天") && text.contains("2026-收-0153"),
            "{text}"
        );
        // The rule is in each group's heading.
        assert!(text.contains("（R-PAP-9）"), "{text}");
    }

    #[test]
    fn ellipsis_never_splits_a_wide_character() {
        assert_eq!(ellipsis("保密自查工作", 8), "保密自…");
        assert_eq!(ellipsis("保密", 4), "保密");
        assert_eq!(cells(&ellipsis("保密自查工作", 7)), 7);
    }
}
