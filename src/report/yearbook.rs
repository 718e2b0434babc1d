//! 年度保密工作台账: the yearly ledger set a bureau expects (LEDGER-FORMS.md), assembled from what
//! baomi holds, one section per register in the template's order — first what the secrecy office
//! keeps (every declared ledger, whatever `ledgers::spec::ALL` lists, then destruction and
//! scrapping), then what each department fills in (secrets produced, classification changes,
//! papers received, 绝密 readers, loans, copies, repairs …), listed by department. A table of
//! contents first; an empty section says 本年度无. As PDF, every page carries the highest level it
//! shows and 第 x 页 共 y 页 over the whole set (R-CLS-6); as xlsx, one sheet per section, each
//! printed with its section's highest level and page numbers in its header and footer (a sheet's
//! header is the same on all its pages).

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::document::{DocRow, Document};
use super::{pdf, xlsx};
use crate::domain::dates;
use crate::domain::ledgers::{registers, spec};
use crate::domain::level::Level;
use crate::store::Result;
use crate::store::registers::{Named, RegisterKind, load_named};

/// What an empty section says.
pub const NONE_THIS_YEAR: &str = "本年度无";

/// Who keeps a section: the secrecy office, or each department (signed by its head).
const OFFICE: &str = "保密办";
const DEPARTMENTS: &str = "各部门";

/// The sections in the template's order, with who fills each in.
pub fn order() -> Vec<(Named, &'static str)> {
    let mut out: Vec<(Named, &'static str)> =
        spec::all().map(|s| (Named::Ledger(s), OFFICE)).collect();
    let scrapping = registers::ALL
        .iter()
        .find(|r| r.paper_kind == Some("destroy"));
    if let Some(r) = scrapping {
        out.push((Named::Acts(r), OFFICE));
    }
    for k in [
        RegisterKind::Classification,
        RegisterKind::Reviews,
        RegisterKind::Receipts,
        RegisterKind::TopSecretReaders,
        RegisterKind::Dispatches,
        RegisterKind::Loans,
        RegisterKind::Copies,
        RegisterKind::TakeOuts,
    ] {
        out.push((Named::Paper(k), DEPARTMENTS));
    }
    for r in registers::ALL {
        if Some(r) != scrapping {
            out.push((Named::Acts(r), DEPARTMENTS));
        }
    }
    out
}

/// One section of the set.
#[derive(Debug, Clone)]
pub struct Section {
    pub doc: Document,
    /// Who fills it in (保密办, 各部门).
    pub keeper: &'static str,
    /// Rows of records (not department headings).
    pub records: usize,
}

/// The sections of `year`'s set, each a document: numbered titles, rows by department where the
/// template has departments fill them in, 本年度无 where there is nothing.
pub fn sections(
    conn: &Connection,
    year: i32,
    unit: &str,
    as_of: NaiveDate,
) -> Result<Vec<Section>> {
    let mut out = Vec::new();
    for (i, (named, keeper)) in order().into_iter().enumerate() {
        let mut reg = load_named(conn, named, Some(year), None)?;
        let records = reg.rows.len();
        if named.by_dept() {
            // Stable: within a department the register's own order stays.
            reg.rows.sort_by(|a, b| a.dept.cmp(&b.dept));
        }
        let mut doc = super::registers::document(&reg, unit, as_of);
        doc.title = format!("{}、{}", zh_number(i + 1), reg.title);
        doc.notes.retain(|n| n != "（本期无记录）");
        if records == 0 {
            doc.notes.insert(0, NONE_THIS_YEAR.to_string());
        }
        if named.by_dept() {
            if records > 0 {
                doc.rows = by_dept(&reg.rows, doc.rows);
            }
            // Filled in by each department and signed by its head (LEDGER-FORMS.md).
            doc.signatures.push("部门负责人".into());
        }
        out.push(Section {
            doc,
            keeper,
            records,
        });
    }
    Ok(out)
}

/// `rows` (in the order of `reg_rows`, sorted by department) with a heading before each
/// department's first row.
fn by_dept(reg_rows: &[crate::store::registers::RegisterRow], rows: Vec<DocRow>) -> Vec<DocRow> {
    let mut out = Vec::with_capacity(rows.len() + 8);
    let mut last: Option<&str> = None;
    for (r, row) in reg_rows.iter().zip(rows) {
        if last != Some(r.dept.as_str()) {
            let name = if r.dept.is_empty() {
                "未登记部门"
            } else {
                r.dept.as_str()
            };
            out.push(DocRow::Group(format!("部门：{name}")));
            last = Some(r.dept.as_str());
        }
        out.push(row);
    }
    out
}

/// 一, 二 … 九十九: section numbers as the template writes them.
fn zh_number(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "〇".into(),
        1..=9 => D[n].into(),
        10..=19 => format!("十{}", D[n % 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// The set's title: 2026年度保密工作台账.
pub fn title(year: i32) -> String {
    format!("{year}年度保密工作台账")
}

/// The day the set is as of: the year's last day, or today while the year runs.
pub fn as_of(year: i32, today: NaiveDate) -> NaiveDate {
    dates::ymd(year, 12, 31).min(today)
}

/// The highest level any section shows.
pub fn marking(sections: &[Section]) -> Option<Level> {
    sections.iter().filter_map(|s| s.doc.marking()).max()
}

/// The table of contents, with each section's first page (`starts`, empty while not yet known).
fn contents(year: i32, sections: &[Section], starts: &[usize]) -> Document {
    let first = sections.first().map(|s| &s.doc);
    let mut doc = Document::new(
        format!("{} 目录", title(year)),
        first.map(|d| d.unit.clone()).unwrap_or_default(),
        first.map(|d| d.as_of).unwrap_or_default(),
    );
    if let Some(d) = first {
        doc.printed_by = d.printed_by.clone();
    }
    doc.columns = ["序号", "台帐", "填报", "记录数", "页码"]
        .map(String::from)
        .to_vec();
    doc.widths = vec![2, 14, 3, 3, 3];
    doc.rows = sections
        .iter()
        .enumerate()
        .map(|(i, s)| DocRow::Cells {
            // The contents show titles only: no level of their own.
            level: None,
            cells: vec![
                (i + 1).to_string(),
                s.doc.title.clone(),
                s.keeper.to_string(),
                if s.records == 0 {
                    NONE_THIS_YEAR.to_string()
                } else {
                    s.records.to_string()
                },
                starts.get(i).map(|p| p.to_string()).unwrap_or_default(),
            ],
        })
        .collect();
    doc.notes =
        vec!["保密办填报的台帐由保密员签字；各部门填报的按部门列出，由部门负责人签字。".into()];
    doc
}

/// The set as one PDF: contents, then each section from a new page. With its page count.
pub fn pdf(
    year: i32,
    sections: &[Section],
    font: &Path,
) -> std::result::Result<(Vec<u8>, usize), String> {
    let laid: Vec<pdf::Laidout<'_>> = sections
        .iter()
        .map(|s| pdf::lay_out_pages(&s.doc))
        .collect();
    let counts: Vec<usize> = laid.iter().map(|l| l.pages.len()).collect();
    // The contents' own length decides where the sections start; a page number's width never
    // changes how many pages the contents take (its column is fixed), so twice is enough.
    let mut toc_pages = pdf::lay_out_pages(&contents(year, sections, &[]))
        .pages
        .len();
    let toc = loop {
        let mut starts = Vec::with_capacity(counts.len());
        let mut next = toc_pages + 1;
        for c in &counts {
            starts.push(next);
            next += c;
        }
        let toc = contents(year, sections, &starts);
        let pages = pdf::lay_out_pages(&toc).pages.len();
        if pages == toc_pages {
            break toc;
        }
        toc_pages = pages;
    };
    let all: Vec<pdf::Laidout<'_>> = std::iter::once(pdf::lay_out_pages(&toc))
        .chain(laid)
        .collect();
    pdf::render_laid(&all, font, pdf::Marking::PerPage)
}

/// A sheet's name: its number and title, at most 31 characters, none Excel forbids.
fn sheet_name(i: usize, title: &str) -> String {
    let bare = title.split_once('、').map(|(_, t)| t).unwrap_or(title);
    format!("{}.{bare}", i + 1)
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}

/// The set as an xlsx workbook: a contents sheet, then one sheet per section.
pub fn xlsx(year: i32, sections: &[Section]) -> std::result::Result<Vec<u8>, xlsx::Error> {
    let mark = |d: &Document| d.marking().map_or("非密", |l| l.name());
    let toc = contents(year, sections, &[]);
    let heads: Vec<&str> = toc.columns[..4].iter().map(String::as_str).collect();
    let mut book = xlsx::Sheet::new("目录", &heads, &[xlsx::Kind::Number, xlsx::Kind::Text])?;
    book.mark(mark(&toc), &toc.title)?;
    for r in &toc.rows {
        if let DocRow::Cells { cells, .. } = r {
            book.row(&cells[..4])?;
        }
    }
    for (i, s) in sections.iter().enumerate() {
        let heads: Vec<&str> = s.doc.columns.iter().map(String::as_str).collect();
        book.add_sheet(&sheet_name(i, &s.doc.title), &heads, &[])?;
        book.mark(mark(&s.doc), &s.doc.title)?;
        for r in &s.doc.rows {
            match r {
                DocRow::Cells { cells, .. } => book.row(cells)?,
                DocRow::Group(g) => book.row(&[format!("【{g}】")])?,
            }
        }
        if s.records == 0 {
            book.row(&[NONE_THIS_YEAR])?;
        }
    }
    let mut out = Vec::new();
    book.save(std::io::Cursor::new(&mut out))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_sheet_names() {
        assert_eq!(zh_number(1), "一");
        assert_eq!(zh_number(10), "十");
        assert_eq!(zh_number(14), "十四");
        assert_eq!(zh_number(23), "二十三");
        let n = sheet_name(4, "五、涉密载体销毁、涉密设备报废情况");
        assert_eq!(n, "5.涉密载体销毁、涉密设备报废情况");
        assert!(
            sheet_name(1, "a/b[c]:d")
                .chars()
                .all(|c| !"[]:/".contains(c))
        );
        assert!(sheet_name(99, &"长".repeat(60)).chars().count() <= 31);
    }

    // Every declared ledger is a section of its own, whatever ALL lists: the set never names one.
    #[test]
    fn every_declared_ledger_is_a_section() {
        let order = order();
        for s in spec::all() {
            assert_eq!(
                order.iter().filter(|(n, _)| *n == Named::Ledger(s)).count(),
                1,
                "{}",
                s.key
            );
        }
        for r in registers::ALL {
            assert!(
                order.iter().any(|(n, _)| *n == Named::Acts(r)),
                "{}",
                r.code
            );
        }
    }
}
