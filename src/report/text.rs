//! Plain text: aligned columns measured with unicode-width (a Chinese character takes two cells),
//! paged with the marking and page numbers.

use unicode_width::UnicodeWidthStr;

use super::document::{DocRow, Document, page_label};
use crate::domain::text::for_terminal;

/// Rows per page of text output.
pub const ROWS_PER_PAGE: usize = 50;
/// The widest a column grows before its text is cut.
const MAX_COLUMN: usize = 40;

/// Cuts `s` to at most `width` cells, marking the cut with `..` (never a half character). A
/// control or direction character (issue 8 point 12) is shown as `?`, one cell: a stored title
/// cannot drive the terminal, and the width measured is the width drawn. (unicode-width counts
/// ESC as one cell while the TUI drops it, which shifted every later column of the row.)
pub fn fit(s: &str, width: usize) -> String {
    let s = for_terminal(s);
    if s.width() <= width {
        return s.into_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    let limit = width.saturating_sub(2);
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > limit {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push_str(&"..".chars().take(width.min(2)).collect::<String>());
    out
}

/// `s` in pieces of at most `width` cells each, never splitting a wide character.
fn chunks(s: &str, width: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width.max(2) {
            out.push(String::new());
            w = 0;
        }
        if let Some(piece) = out.last_mut() {
            piece.push(c);
        }
        w += cw;
    }
    out
}

/// Pads `s` with spaces to exactly `width` cells (after fitting it).
pub fn pad(s: &str, width: usize) -> String {
    let s = fit(s, width);
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// A plain aligned table without marking: for lists on the terminal (`--format table`).
pub fn table(columns: &[&str], rows: &[Vec<String>]) -> String {
    let mut t = Columns::new(columns);
    for r in rows {
        t.measure(r);
    }
    let mut out = t.head();
    for r in rows {
        out.push_str(&t.line(r));
    }
    out
}

/// The column widths of a plain table, measured row by row: a table of a million rows is measured
/// in one pass and printed in a second, never held whole (`cli::export`).
pub struct Columns<'a> {
    columns: &'a [&'a str],
    widths: Vec<usize>,
}

impl<'a> Columns<'a> {
    pub fn new(columns: &'a [&'a str]) -> Columns<'a> {
        Columns {
            columns,
            widths: columns.iter().map(|c| for_terminal(c).width()).collect(),
        }
    }

    /// Widens the columns to fit `row` (up to the widest a column grows).
    pub fn measure<S: AsRef<str>>(&mut self, row: &[S]) {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = self.widths.get_mut(i) {
                *w = (*w)
                    .max(for_terminal(cell.as_ref()).width())
                    .min(MAX_COLUMN);
            }
        }
    }

    /// One row, padded to the widths, with its line break.
    pub fn line<S: AsRef<str>>(&self, cells: &[S]) -> String {
        let mut s = cells
            .iter()
            .zip(&self.widths)
            .map(|(c, w)| pad(c.as_ref(), *w))
            .collect::<Vec<_>>()
            .join("  ");
        while s.ends_with(' ') {
            s.pop();
        }
        s.push('\n');
        s
    }

    /// One row whose cells, too wide for their columns, go on over the lines below instead of
    /// being cut: a printed form or register keeps every word (a list on the terminal is cut,
    /// `line`).
    pub fn wrapped<S: AsRef<str>>(&self, cells: &[S]) -> String {
        let pieces: Vec<Vec<String>> = cells
            .iter()
            .zip(&self.widths)
            .map(|(c, w)| chunks(&for_terminal(c.as_ref()), *w))
            .collect();
        let lines = pieces.iter().map(Vec::len).max().unwrap_or(1);
        let mut out = String::new();
        for i in 0..lines {
            let row: Vec<&str> = pieces
                .iter()
                .map(|p| p.get(i).map_or("", String::as_str))
                .collect();
            out.push_str(&self.line(&row));
        }
        out
    }

    /// The header and the rule under it.
    pub fn head(&self) -> String {
        let mut out = self.line(self.columns);
        let rule: Vec<String> = self.widths.iter().map(|w| "-".repeat(*w)).collect();
        out.push_str(&self.line(&rule));
        out
    }
}

/// The whole document, paged, with the marking at the top and bottom of each page.
pub fn render(doc: &Document) -> String {
    let columns: Vec<&str> = doc.columns.iter().map(String::as_str).collect();
    let pages = doc.pages(ROWS_PER_PAGE);
    let total = pages.len();
    let mut out = String::new();
    for (i, rows) in pages.iter().enumerate() {
        let mark = doc.marking_text();
        out.push_str(&mark);
        out.push('\n');
        out.push_str(&doc.title);
        out.push('\n');
        out.push_str(&doc.subtitle());
        out.push_str("\n\n");
        let mut t = Columns::new(&columns);
        for r in rows.iter() {
            if let DocRow::Cells { cells, .. } = r {
                t.measure(cells);
            }
        }
        out.push_str(&t.head());
        for r in rows.iter() {
            match r {
                DocRow::Group(g) => {
                    out.push_str(&format!("【{g}】"));
                    out.push('\n');
                }
                DocRow::Cells { cells, .. } => out.push_str(&t.wrapped(cells)),
            }
        }
        if i + 1 == total {
            for n in &doc.notes {
                out.push('\n');
                out.push_str(n);
            }
            if !doc.notes.is_empty() {
                out.push('\n');
            }
            if !doc.signatures.is_empty() {
                out.push('\n');
                out.push_str(
                    &doc.signatures
                        .iter()
                        .map(|s| format!("{s}（签字）：__________"))
                        .collect::<Vec<_>>()
                        .join("    "),
                );
                out.push('\n');
            }
            if let Some(h) = doc.head_line() {
                out.push('\n');
                out.push_str(&h);
                out.push('\n');
            }
        }
        out.push('\n');
        out.push_str(&format!("{mark}    {}", page_label(i + 1, total)));
        out.push('\n');
        if i + 1 < total {
            out.push('\u{c}');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_columns_line_up() {
        let t = table(
            &["编号", "标题"],
            &[
                vec!["2026-收-0001".into(), "关于保密".into()],
                vec!["1".into(), "ab".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        let col2: Vec<usize> = lines
            .iter()
            .map(|l| {
                let idx = l.find("  ").unwrap_or(0);
                l[..idx].width()
            })
            .collect();
        assert!(lines[2].starts_with("2026-收-0001  关于保密"), "{t}");
        assert_eq!(lines[3], "1             ab");
        assert!(col2.iter().all(|w| *w <= 14));
    }

    // R-INS-1, R-INS-4: a printed form keeps every word: the 保密检查记录表's long sections (and
    // the 项目表's long items) go on over the lines below, aligned under their column, instead
    // of being cut with `..`.
    #[test]
    fn r_ins_1_a_printed_form_wraps_its_long_cells() {
        let long =
            "新到岗保密员赵敏1人，已签订保密承诺书（台帐记录：新登记涉密人员 1 人，离岗 1 人）";
        let mut doc = Document::new(
            "保密检查记录表",
            "江门市某某局",
            chrono::NaiveDate::default(),
        );
        doc.columns = vec!["项目".into(), "情况".into()];
        doc.rows.push(DocRow::Group("涉密人员管理".into()));
        doc.rows.push(DocRow::Cells {
            level: None,
            cells: vec!["人员变动情况".into(), long.into()],
        });
        let text = render(&doc);
        assert!(!text.contains(".."), "{text}");
        let joined: String = text
            .lines()
            .filter(|l| l.contains("人员变动情况") || l.starts_with("            "))
            .map(|l| l.trim_start_matches("人员变动情况").trim())
            .collect();
        assert_eq!(joined.replace(' ', ""), long.replace(' ', ""), "{text}");
        assert!(text.contains("【涉密人员管理】\n人员变动情况"), "{text}");
        let at: Vec<usize> = text
            .lines()
            .filter(|l| l.contains("人员变动情况") || l.starts_with("            "))
            .map(|l| l.width() - l.trim_start_matches("人员变动情况").trim_start().width())
            .collect();
        assert!(
            at.len() > 1 && at.iter().all(|x| *x == at[0]),
            "{at:?}\n{text}"
        );
        // A long cell before the last goes on below too, the cells after it staying in their
        // column on the first line.
        let mut t = Columns::new(&["序号", "检查内容", "本年"]);
        let item = "是否按照《江门市市直保密工作协作组工作规则》，组织或参加保密工作协作组活动";
        t.measure(&["4", item, "是"]);
        let rows = t.wrapped(&["4", item, "是"]);
        let lines: Vec<&str> = rows.lines().collect();
        assert!(lines.len() > 1 && lines[0].ends_with("是"), "{rows}");
        let joined: String = lines
            .iter()
            .map(|l| {
                l.trim_start_matches('4')
                    .trim()
                    .trim_end_matches('是')
                    .trim()
            })
            .collect();
        assert_eq!(joined, item, "{rows}");
    }

    #[test]
    fn fitting_never_splits_a_wide_character() {
        assert_eq!(fit("保密自查工作", 7), "保密..");
        assert_eq!(fit("保密", 4), "保密");
        assert_eq!(pad("保密", 6), "保密  ");
    }

    // issue 8 point 12: a stored title holding ESC ] 2 ; … BEL is shown with `?` in its place and
    // the columns after it stay aligned.
    #[test]
    fn control_characters_in_cells_are_shown_and_aligned() {
        let t = table(
            &["编号", "标题", "状态"],
            &[
                vec![
                    "2026-收-0001".into(),
                    "\u{1b}]2;PWNED\u{7}标题".into(),
                    "在册".into(),
                ],
                vec!["2026-收-0002".into(), "关于保密".into(), "借出".into()],
                vec![
                    "2026-收-0003".into(),
                    "a\u{202e}b\u{9b}c\nd".into(),
                    "遗失".into(),
                ],
            ],
        );
        assert!(!t.chars().any(|c| c.is_control() && c != '\n'), "{t:?}");
        assert!(!t.contains('\u{202e}'), "{t:?}");
        assert!(t.contains("?]2;PWNED?标题"), "{t}");
        let at: Vec<usize> = t
            .lines()
            .skip(2)
            .map(|l| {
                let i = ["在册", "借出", "遗失"]
                    .iter()
                    .find_map(|w| l.find(w))
                    .unwrap_or(0);
                l[..i].width()
            })
            .collect();
        assert!(at.iter().all(|x| *x == at[0]), "{at:?}\n{t}");
        assert_eq!(pad("\u{1b}标", 4), "?标 ");
        assert_eq!(fit("\u{1b}\u{1b}\u{1b}保密", 4), "??..");
    }
}
