//! PDF with a subset of a Chinese font embedded (krilla subsets it), A4 landscape, laid out here:
//! wrapped cells, pages that each carry the marking top and bottom and 第 x 页 共 y 页 (R-CLS-6).

use std::path::Path;
use std::sync::Arc;

use krilla::Document as Pdf;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use unicode_width::UnicodeWidthChar;

use super::document::{DocRow, Document, page_label};

const PAGE_W: f32 = 841.89;
const PAGE_H: f32 = 595.28;
const MARGIN: f32 = 36.0;
const BODY: f32 = 9.0;
const LINE: f32 = 12.0;
const PAD: f32 = 3.0;
/// Space kept at the top of each page for marking, title and subtitle, and at the bottom for the
/// marking and page number.
const TOP: f32 = 78.0;
const BOTTOM: f32 = 30.0;

/// The width of `s` at `size`: a wide (Chinese) character is one em, a narrow one half an em.
fn text_width(s: &str, size: f32) -> f32 {
    s.chars()
        .map(|c| c.width().unwrap_or(0) as f32 * 0.5 * size)
        .sum()
}

/// Breaks `s` into lines no wider than `width`.
fn wrap(s: &str, width: f32, size: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0) as f32 * 0.5 * size;
        if w + cw > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            w = 0.0;
        }
        line.push(c);
        w += cw;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Column widths: from `widths` when given, else from the content (header and the longer cells),
/// scaled to the page.
fn column_widths(doc: &Document, total: f32) -> Vec<f32> {
    let n = doc.columns.len().max(1);
    let weights: Vec<f32> = if doc.widths.len() == n {
        doc.widths.iter().map(|w| f32::from(*w).max(1.0)).collect()
    } else {
        (0..n)
            .map(|i| {
                let header = doc
                    .columns
                    .get(i)
                    .map(|h| text_width(h, BODY))
                    .unwrap_or(20.0);
                let mut cells: Vec<f32> = doc
                    .rows
                    .iter()
                    .filter_map(|r| match r {
                        DocRow::Cells { cells, .. } => cells.get(i).map(|c| text_width(c, BODY)),
                        DocRow::Group(_) => None,
                    })
                    .collect();
                cells.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
                let p90 = cells.get(cells.len() * 9 / 10).copied().unwrap_or(0.0);
                header.max(p90.min(220.0)) + 2.0 * PAD
            })
            .collect()
    };
    let sum: f32 = weights.iter().sum();
    weights.iter().map(|w| w / sum * total).collect()
}

/// A row laid out: its wrapped lines per cell and its height.
struct Laid {
    group: Option<String>,
    cells: Vec<Vec<String>>,
    height: f32,
}

fn lay_out(doc: &Document, widths: &[f32]) -> Vec<Laid> {
    doc.rows
        .iter()
        .map(|r| match r {
            DocRow::Group(g) => Laid {
                group: Some(g.clone()),
                cells: vec![],
                height: LINE + 2.0 * PAD,
            },
            DocRow::Cells { cells, .. } => {
                let wrapped: Vec<Vec<String>> = widths
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        wrap(
                            cells.get(i).map(String::as_str).unwrap_or(""),
                            w - 2.0 * PAD,
                            BODY,
                        )
                    })
                    .collect();
                let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1) as f32;
                Laid {
                    group: None,
                    cells: wrapped,
                    height: lines * LINE + 2.0 * PAD,
                }
            }
        })
        .collect()
}

/// Splits laid-out rows into pages; the last page also needs room for notes and signatures.
fn paginate(rows: &[Laid], header_h: f32, tail_h: f32) -> Vec<std::ops::Range<usize>> {
    let room = PAGE_H - TOP - BOTTOM - header_h;
    let mut pages = Vec::new();
    let mut start = 0;
    let mut used = 0.0;
    for (i, r) in rows.iter().enumerate() {
        if used + r.height > room && i > start {
            pages.push(start..i);
            start = i;
            used = 0.0;
        }
        used += r.height;
    }
    pages.push(start..rows.len());
    // The notes and signature lines go on the last page, or on a page of their own.
    if used + tail_h > room && !rows.is_empty() {
        pages.push(rows.len()..rows.len());
    }
    pages
}

/// What draws on a page: text in the one embedded font, lines and filled boxes. Label sheets
/// (`labels.rs`) draw with it too.
pub(super) struct Pen {
    font: Font,
}

impl Pen {
    /// A pen with the font at `font_path`, embedded as a subset.
    pub(super) fn new(font_path: &Path) -> Result<Pen, String> {
        let data = std::fs::read(font_path)
            .map_err(|e| format!("无法读取字体 {}：{e}", font_path.display()))?;
        let font = Font::new(Arc::new(data).into(), 0)
            .ok_or_else(|| format!("字体文件无法使用：{}", font_path.display()))?;
        Ok(Pen { font })
    }

    pub(super) fn text(
        &self,
        s: &mut Surface<'_>,
        x: f32,
        y: f32,
        size: f32,
        text: &str,
        color: (u8, u8, u8),
    ) {
        s.set_stroke(None);
        s.set_fill(Some(Fill {
            paint: rgb::Color::new(color.0, color.1, color.2).into(),
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        }));
        s.draw_text(
            Point::from_xy(x, y),
            self.font.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    fn line(&self, s: &mut Surface<'_>, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.line_with(s, (x1, y1), (x2, y2), 0.6, (0, 0, 0));
    }

    /// A line of any width and colour: the cut guides of a label sheet are thin and grey.
    pub(super) fn line_with(
        &self,
        s: &mut Surface<'_>,
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: (u8, u8, u8),
    ) {
        let mut pb = PathBuilder::new();
        pb.move_to(from.0, from.1);
        pb.line_to(to.0, to.1);
        if let Some(path) = pb.finish() {
            s.set_fill(None);
            s.set_stroke(Some(Stroke {
                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                width,
                ..Default::default()
            }));
            s.draw_path(&path);
        }
    }

    /// Filled black boxes, (x, y, width, height) with y downwards: the bars of a barcode, as one
    /// path.
    pub(super) fn boxes(&self, s: &mut Surface<'_>, boxes: &[(f32, f32, f32, f32)]) {
        let mut pb = PathBuilder::new();
        for &(x, y, w, h) in boxes {
            if let Some(rect) = krilla::geom::Rect::from_xywh(x, y, w, h) {
                pb.push_rect(rect);
            }
        }
        let Some(path) = pb.finish() else { return };
        s.set_stroke(None);
        s.set_fill(Some(Fill {
            paint: rgb::Color::new(0, 0, 0).into(),
            opacity: NormalizedF32::ONE,
            rule: Default::default(),
        }));
        s.draw_path(&path);
    }
}

/// Renders the document to PDF bytes with the font at `font_path` embedded (subset).
pub fn render(doc: &Document, font_path: &Path) -> Result<Vec<u8>, String> {
    render_paged(doc, font_path).map(|(bytes, _)| bytes)
}

/// As `render`, with the number of pages (the audit log records it, R-CMP-13).
pub fn render_paged(doc: &Document, font_path: &Path) -> Result<(Vec<u8>, usize), String> {
    render_book(std::slice::from_ref(doc), font_path)
}

/// A document laid out on pages.
pub(super) struct Laidout<'a> {
    doc: &'a Document,
    widths: Vec<f32>,
    header_cells: Vec<Vec<String>>,
    header_h: f32,
    rows: Vec<Laid>,
    pub(super) pages: Vec<std::ops::Range<usize>>,
}

/// Lays `doc` out: its column widths, wrapped cells and the rows of each page.
pub(super) fn lay_out_pages(doc: &Document) -> Laidout<'_> {
    let table_w = PAGE_W - 2.0 * MARGIN;
    let widths = column_widths(doc, table_w);
    let header_cells: Vec<Vec<String>> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            wrap(
                doc.columns.get(i).map(String::as_str).unwrap_or(""),
                w - 2.0 * PAD,
                BODY,
            )
        })
        .collect();
    let header_h = header_cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * LINE + 2.0 * PAD;
    let rows = lay_out(doc, &widths);
    let tail_h =
        (doc.notes.len() as f32 + if doc.signatures.is_empty() { 0.0 } else { 3.0 } + 2.0) * 16.0;
    let pages = paginate(&rows, header_h, tail_h);
    Laidout {
        doc,
        widths,
        header_cells,
        header_h,
        rows,
        pages,
    }
}

/// Renders documents one after another as one PDF: each starts on a new page, every page carries
/// `docs`' highest marking top and bottom and 第 x 页 共 y 页 counted over the whole (R-CLS-6).
/// With the number of pages.
pub fn render_book(docs: &[Document], font_path: &Path) -> Result<(Vec<u8>, usize), String> {
    let laid: Vec<Laidout<'_>> = docs.iter().map(lay_out_pages).collect();
    render_laid(&laid, font_path, Marking::Whole)
}

/// Which marking a page carries (R-CLS-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marking {
    /// The highest level of everything printed: a list or form is one document.
    Whole,
    /// The highest level the page itself shows: a compiled set such as the yearly ledger set,
    /// whose sections are documents of their own.
    PerPage,
}

/// Draws documents already laid out (the yearly set lays its sections out once to number its
/// table of contents).
pub(super) fn render_laid(
    laid: &[Laidout<'_>],
    font_path: &Path,
    marking: Marking,
) -> Result<(Vec<u8>, usize), String> {
    let pen = Pen::new(font_path)?;
    let total: usize = laid.iter().map(|l| l.pages.len()).sum();
    let whole = laid.iter().filter_map(|l| l.doc.marking()).max();
    let mut pdf = Pdf::new();
    let mut number = 0;
    for l in laid {
        for pi in 0..l.pages.len() {
            number += 1;
            let level = match marking {
                Marking::Whole => whole,
                Marking::PerPage => l.page_marking(pi),
            };
            let mark = level.map_or("非密", |l| l.name());
            draw_page(&mut pdf, &pen, l, pi, (number, total), mark)?;
        }
    }
    let bytes = pdf.finish().map_err(|e| format!("PDF 生成失败：{e:?}"))?;
    Ok((bytes, total))
}

impl Laidout<'_> {
    /// The highest level among the rows on page `pi`.
    fn page_marking(&self, pi: usize) -> Option<crate::domain::level::Level> {
        let range = self.pages.get(pi)?.clone();
        self.doc
            .rows
            .get(range)?
            .iter()
            .filter_map(|r| match r {
                super::document::DocRow::Cells { level, .. } => *level,
                super::document::DocRow::Group(_) => None,
            })
            .max()
    }
}

/// Draws page `pi` of `l` as page `number.0` of `number.1`.
fn draw_page(
    pdf: &mut Pdf,
    pen: &Pen,
    l: &Laidout<'_>,
    pi: usize,
    number: (usize, usize),
    mark: &str,
) -> Result<(), String> {
    let doc = l.doc;
    let widths = &l.widths;
    let table_w = PAGE_W - 2.0 * MARGIN;
    let range = l.pages[pi].clone();
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("页面尺寸无效")?;
    let mut page = pdf.start_page_with(settings);
    let mut s = page.surface();
    // Marking top left, title, subtitle.
    pen.text(&mut s, MARGIN, MARGIN, 14.0, mark, (200, 0, 0));
    let tw = text_width(&doc.title, 16.0);
    pen.text(
        &mut s,
        (PAGE_W - tw) / 2.0,
        MARGIN + 16.0,
        16.0,
        &doc.title,
        (0, 0, 0),
    );
    let sub = doc.subtitle();
    let sw = text_width(&sub, 9.0);
    pen.text(
        &mut s,
        (PAGE_W - sw) / 2.0,
        MARGIN + 34.0,
        9.0,
        &sub,
        (0, 0, 0),
    );
    // Table header.
    let mut y = TOP;
    // The header and each row of cells: a column's wrapped lines stacked from its top left.
    let cells = |pen: &Pen, s: &mut Surface<'_>, y: f32, cells: &[Vec<String>]| {
        let mut x = MARGIN;
        for (lines, w) in cells.iter().zip(widths) {
            for (li, l) in lines.iter().enumerate() {
                pen.text(
                    s,
                    x + PAD,
                    y + PAD + BODY + li as f32 * LINE,
                    BODY,
                    l,
                    (0, 0, 0),
                );
            }
            x += w;
        }
    };
    if !range.is_empty() || pi == 0 {
        pen.line(&mut s, MARGIN, y, MARGIN + table_w, y);
        cells(pen, &mut s, y, &l.header_cells);
        y += l.header_h;
        pen.line(&mut s, MARGIN, y, MARGIN + table_w, y);
    }
    let top_of_rows = TOP;
    // Column lines: through the header and each row of cells; a group heading spans the table.
    let verticals = |pen: &Pen, s: &mut Surface<'_>, y1: f32, y2: f32, inner: bool| {
        let mut x = MARGIN;
        pen.line(s, x, y1, x, y2);
        for (i, w) in widths.iter().enumerate() {
            x += w;
            if inner || i + 1 == widths.len() {
                pen.line(s, x, y1, x, y2);
            }
        }
    };
    if y > top_of_rows {
        verticals(pen, &mut s, top_of_rows, y, true);
    }
    for r in &l.rows[range] {
        match &r.group {
            Some(g) => pen.text(
                &mut s,
                MARGIN + PAD,
                y + PAD + BODY,
                BODY,
                &format!("【{g}】"),
                (0, 0, 0),
            ),
            None => cells(pen, &mut s, y, &r.cells),
        }
        verticals(pen, &mut s, y, y + r.height, r.group.is_none());
        y += r.height;
        pen.line(&mut s, MARGIN, y, MARGIN + table_w, y);
    }
    if pi + 1 == l.pages.len() {
        y += 18.0;
        for n in &doc.notes {
            pen.text(&mut s, MARGIN, y, 10.0, n, (0, 0, 0));
            y += 16.0;
        }
        if !doc.signatures.is_empty() {
            y += 16.0;
            let line = doc
                .signatures
                .iter()
                .map(|s| format!("{s}（签字）：____________"))
                .collect::<Vec<_>>()
                .join("　　");
            pen.text(&mut s, MARGIN, y, 10.0, &line, (0, 0, 0));
            y += 24.0;
            pen.text(
                &mut s,
                MARGIN,
                y,
                10.0,
                "日期：______年____月____日",
                (0, 0, 0),
            );
            y += 16.0;
        }
        if let Some(h) = doc.head_line() {
            pen.text(&mut s, MARGIN, y + 4.0, 7.0, &h, (90, 90, 90));
        }
    }
    // Marking bottom left, page number bottom right.
    let foot = PAGE_H - MARGIN + 14.0;
    pen.text(&mut s, MARGIN, foot, 14.0, mark, (200, 0, 0));
    let label = page_label(number.0, number.1);
    pen.text(
        &mut s,
        PAGE_W - MARGIN - text_width(&label, 9.0),
        foot,
        9.0,
        &label,
        (0, 0, 0),
    );
    s.finish();
    page.finish();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_respects_widths() {
        let lines = wrap("关于做好2026年保密自查自评工作的通知", 9.0 * 6.0, 9.0);
        assert!(
            lines.iter().all(|l| text_width(l, 9.0) <= 9.0 * 6.0 + 0.01),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "关于做好2026年保密自查自评工作的通知");
    }

    // R-CLS-6 for a compiled set: a page is marked with the highest level among its own rows.
    #[test]
    fn r_cls_6_a_page_of_a_set_carries_its_own_level() {
        use crate::domain::level::Level;
        let mut d = Document::new("台帐", "某局", crate::domain::dates::ymd(2026, 4, 1));
        d.columns = vec!["标题".into()];
        for i in 0..200 {
            d.rows.push(super::super::document::DocRow::Cells {
                level: Some(if i < 199 {
                    Level::Confidential
                } else {
                    Level::TopSecret
                }),
                cells: vec![format!("第{i}件")],
            });
        }
        let l = lay_out_pages(&d);
        assert!(l.pages.len() > 2, "{}", l.pages.len());
        assert_eq!(l.page_marking(0), Some(Level::Confidential));
        assert_eq!(l.page_marking(l.pages.len() - 1), Some(Level::TopSecret));
        assert_eq!(d.marking(), Some(Level::TopSecret));
    }
}
