//! Label sheets. Media and classified computers carry a label with their level, user and number
//! (R-MED-1, R-CMP-2): the mark in large type, the number as a Code 128 barcode and as text under
//! it, the kind, the keeper and the unit. Two papers (the `label_layout` setting): an A4 sheet of
//! 3 × 8 labels of 70 × 37 mm with cut guides, or one 60 × 40 mm label a page for a label printer.
//! Everything is placed as plain numbers first (`Sheet`, `lay_out`) so the tests can check that
//! each label stays inside its cell whatever it holds, then drawn with the PDF's pen and font.

use std::path::Path;

use krilla::Document as Pdf;
use krilla::page::PageSettings;
use unicode_width::UnicodeWidthChar;

use super::code128;
use super::pdf::Pen;
use crate::domain::level::Mark;
use crate::domain::settings::LabelLayout;
use crate::domain::text::{for_terminal, is_unsafe};

/// Points in a millimetre.
const MM: f32 = 72.0 / 25.4;
/// One dot of a 300 dpi printer, in points. Modules are a whole number of dots, so every bar of
/// one width prints equally wide.
const DOT: f32 = 72.0 / 300.0;
/// The narrowest module, 3 dots (0.254 mm), is what a cheap scanner still reads; wider is easier.
const MIN_DOTS: u16 = 3;
const MAX_DOTS: u16 = 6;
/// The tallest bars: 14 mm, enough to scan at a slant.
const MAX_BAR_H: f32 = 40.0;
/// Type sizes, in points.
const MARK_SIZE: f32 = 14.0;
const KIND_SIZE: f32 = 8.0;
const NUMBER_SIZE: f32 = 9.0;
const NUMBER_MIN: f32 = 6.0;
const KEEPER_SIZE: f32 = 8.0;
const UNIT_SIZE: f32 = 7.0;
const NOTE_SIZE: f32 = 7.0;
/// How far a glyph's box reaches above its baseline, as a part of the type size; the rest of the
/// size lies below (the em box of a Chinese font).
const ASCENT: f32 = 0.88;
const GAP: f32 = 2.0;
/// The most labels one command prints: a hundred A4 sheets.
pub const MAX_LABELS: usize = 2400;

/// One label: what R-MED-1 asks (level, user, number) and what tells it apart on a shelf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// 保密编号: as text always, as a barcode when Code 128 can carry it.
    pub number: String,
    /// 类别: U盘, 移动硬盘, 涉密计算机 …
    pub kind: String,
    /// The level, with the period where the item has one (`机密`, `机密★10年`).
    pub mark: Mark,
    /// 责任人 (the user the medium was issued to, or the computer's user).
    pub keeper: String,
    /// The unit's name.
    pub unit: String,
}

/// A box on the page in points, y downwards from the top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Area {
    /// True when `inner` lies inside (to a hundredth of a point, for rounding).
    pub fn contains(&self, inner: &Area) -> bool {
        const EPS: f32 = 0.01;
        inner.w >= 0.0
            && inner.h >= 0.0
            && inner.x >= self.x - EPS
            && inner.y >= self.y - EPS
            && inner.x + inner.w <= self.x + self.w + EPS
            && inner.y + inner.h <= self.y + self.h + EPS
    }

    fn inset(&self, dx: f32, dy: f32) -> Area {
        Area {
            x: self.x + dx,
            y: self.y + dy,
            w: self.w - 2.0 * dx,
            h: self.h - 2.0 * dy,
        }
    }
}

/// A paper: its page, the grid of cells and the clear margin inside each cell (printers leave
/// the outer 4 mm or so of a sheet blank, and the A4 grid runs to the edges).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sheet {
    pub page_w: f32,
    pub page_h: f32,
    pub cols: usize,
    pub rows: usize,
    pub cell_w: f32,
    pub cell_h: f32,
    pub left: f32,
    pub top: f32,
    pub pad_x: f32,
    pub pad_y: f32,
    /// Thin grey lines along the cells, to cut plain paper or to check the sheet against them.
    pub guides: bool,
}

impl Sheet {
    pub fn of(layout: LabelLayout) -> Sheet {
        match layout {
            LabelLayout::A4Sheet => Sheet {
                page_w: 210.0 * MM,
                page_h: 297.0 * MM,
                cols: 3,
                rows: 8,
                cell_w: 70.0 * MM,
                cell_h: 37.0 * MM,
                left: 0.0,
                top: 0.5 * MM,
                pad_x: 5.0 * MM,
                pad_y: 4.0 * MM,
                guides: true,
            },
            LabelLayout::Single => Sheet {
                page_w: 60.0 * MM,
                page_h: 40.0 * MM,
                cols: 1,
                rows: 1,
                cell_w: 60.0 * MM,
                cell_h: 40.0 * MM,
                left: 0.0,
                top: 0.0,
                pad_x: 3.0 * MM,
                pad_y: 3.0 * MM,
                guides: false,
            },
        }
    }

    pub fn per_page(&self) -> usize {
        self.cols * self.rows
    }

    /// The pages `labels` labels take.
    pub fn pages(&self, labels: usize) -> usize {
        labels.div_ceil(self.per_page().max(1))
    }

    /// The cell of the `i`-th label on a page, row by row from the top left.
    pub fn cell(&self, i: usize) -> Area {
        let (row, col) = (i / self.cols.max(1), i % self.cols.max(1));
        Area {
            x: self.left + col as f32 * self.cell_w,
            y: self.top + row as f32 * self.cell_h,
            w: self.cell_w,
            h: self.cell_h,
        }
    }
}

/// A piece of text placed: its left end and baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub text: String,
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    /// The mark prints red, as on the papers (R-CLS-6).
    pub red: bool,
}

impl Placed {
    /// The box the text can cover at most.
    pub fn area(&self) -> Area {
        Area {
            x: self.x,
            y: self.baseline - ASCENT * self.size,
            w: width(&self.text, self.size),
            h: self.size,
        }
    }
}

/// Why a label carries no barcode; the label says so in place of the bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoBarcode {
    /// A hanzi or full-width character: Code 128 carries ASCII only.
    Characters,
    /// A control or invisible character, which should not be in a number at all.
    Control,
    /// Too many characters for the narrowest bars across the label.
    TooLong,
    Empty,
}

impl NoBarcode {
    pub fn note(self) -> &'static str {
        match self {
            NoBarcode::Characters => {
                "编号含汉字或全角字符，条码无法表示，本签不印条码：扫码枪读不出，请按上方编号核对"
            }
            NoBarcode::Control => "编号含控制字符，不印条码：请先在台账中改正编号",
            NoBarcode::TooLong => "编号太长，本标签印不下条码：请按上方编号核对",
            NoBarcode::Empty => "没有编号，不印条码：请先在台账中登记编号",
        }
    }
}

/// One label laid out in its cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    pub texts: Vec<Placed>,
    /// The bars, each a filled box.
    pub bars: Vec<Area>,
    /// The barcode with its quiet zones: nothing else is drawn there.
    pub symbol: Option<Area>,
    pub no_barcode: Option<NoBarcode>,
}

/// The widest a text can print at `size`: measured against the widest glyphs of the Chinese
/// fonts the program finds (Noto Sans CJK, WenQuanYi, SimSun), so it never runs past its box.
pub fn width(s: &str, size: f32) -> f32 {
    s.chars()
        .map(|c| match c.width_cjk().unwrap_or(0) {
            0 => 0.0,
            2.. => 1.0,
            _ if matches!(c, '%' | '@' | 'M' | 'W' | 'm' | 'w') => 0.95,
            _ if c.is_ascii_uppercase() || matches!(c, '&' | '#') => 0.75,
            _ => 0.62,
        })
        .sum::<f32>()
        * size
}

/// `s` cut with an ellipsis to fit `room` at `size`.
fn fit(s: &str, room: f32, size: f32) -> String {
    if width(s, size) <= room {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = width("…", size);
    for c in s.chars() {
        let cw = width(c.encode_utf8(&mut [0; 4]), size);
        if w + cw > room {
            break;
        }
        out.push(c);
        w += cw;
    }
    if w <= room {
        out.push('…');
    }
    out
}

/// `s` in lines no wider than `room` at `size`. A line never starts with a closing mark (，。：
/// and the like): the character before it goes down with it.
fn wrap(s: &str, room: f32, size: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in s.chars() {
        let cw = width(c.encode_utf8(&mut [0; 4]), size);
        if !line.is_empty() && width(&line, size) + cw > room {
            let mut next = String::new();
            if "，。、：；！？）」』》".contains(c) && line.chars().count() > 1 {
                next.extend(line.pop());
            }
            lines.push(std::mem::replace(&mut line, next));
        }
        line.push(c);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Text as it may print: trimmed, every control or direction-changing character as `?`.
fn clean(s: &str) -> String {
    for_terminal(s.trim()).into_owned()
}

/// The barcode of `number` across `room` points, as module widths and the module size in
/// points, or why there is none.
fn barcode(number: &str, room: f32) -> Result<(Vec<u8>, f32), NoBarcode> {
    let number = number.trim();
    if number.chars().any(is_unsafe) {
        return Err(NoBarcode::Control);
    }
    let widths = code128::encode(number).map_err(|e| match e {
        code128::Unencodable::Empty => NoBarcode::Empty,
        code128::Unencodable::NotAscii(_) => NoBarcode::Characters,
    })?;
    let modules = code128::total_modules(&widths) as f32;
    (MIN_DOTS..=MAX_DOTS)
        .rev()
        .map(|dots| f32::from(dots) * DOT)
        .find(|m| modules * m <= room)
        .map(|m| (widths, m))
        .ok_or(NoBarcode::TooLong)
}

/// Places one label in `cell`: the mark top left with the kind at its right, the bars, the
/// number under them, the keeper and the unit at the foot.
pub fn lay_out(label: &Label, cell: Area, sheet: &Sheet) -> Laid {
    let inner = cell.inset(sheet.pad_x, sheet.pad_y);
    let mut texts = Vec::new();
    let text = |t: String, x: f32, top: f32, size: f32, red: bool| Placed {
        text: t,
        x,
        baseline: top + ASCENT * size,
        size,
        red,
    };
    // The mark is never cut: it shrinks to fit the width instead.
    let mark = label.mark.to_string();
    let mark_size = MARK_SIZE.min(inner.w / width(&mark, 1.0).max(1.0));
    let mark_w = width(&mark, mark_size);
    texts.push(text(mark, inner.x, inner.y, mark_size, true));
    // The kind sits right of the mark, cut to the room there; beside a long dated mark there is
    // none, and it leads the keeper line instead.
    let kind = clean(&label.kind);
    let kind_room = inner.w - mark_w - 3.0 * MM;
    let kind_on_top = !kind.is_empty() && kind_room >= width("涉密计算…", KIND_SIZE);
    if kind_on_top {
        let kind = fit(&kind, kind_room, KIND_SIZE);
        let w = width(&kind, KIND_SIZE);
        // On the mark's baseline.
        let top = inner.y + ASCENT * (mark_size - KIND_SIZE);
        texts.push(text(kind, inner.x + inner.w - w, top, KIND_SIZE, false));
    }
    // From the foot up: unit, keeper, number.
    let foot = inner.y + inner.h;
    let unit_top = foot - UNIT_SIZE;
    texts.push(text(
        fit(&clean(&label.unit), inner.w, UNIT_SIZE),
        inner.x,
        unit_top,
        UNIT_SIZE,
        false,
    ));
    let keeper_top = unit_top - GAP - KEEPER_SIZE;
    // R-MED-1 names the user: a long kind before it takes at most two fifths of the line.
    let keeper = format!("责任人：{}", clean(&label.keeper));
    let keeper = if kind_on_top || kind.is_empty() {
        fit(&keeper, inner.w, KEEPER_SIZE)
    } else {
        let kind = fit(&kind, inner.w * 0.4, KEEPER_SIZE);
        let room = inner.w - width(&kind, KEEPER_SIZE) - width("　", KEEPER_SIZE);
        format!("{kind}　{}", fit(&keeper, room, KEEPER_SIZE))
    };
    texts.push(text(keeper, inner.x, keeper_top, KEEPER_SIZE, false));
    let number_top = keeper_top - GAP - NUMBER_SIZE;
    let number = clean(&label.number);
    let number_size = NUMBER_SIZE
        .min(inner.w / width(&number, 1.0).max(1.0))
        .max(NUMBER_MIN);
    let number = fit(&number, inner.w, number_size);
    let nw = width(&number, number_size);
    texts.push(text(
        number,
        inner.x + (inner.w - nw) / 2.0,
        number_top + (NUMBER_SIZE - number_size),
        number_size,
        false,
    ));
    // The bars fill what is left between the mark and the number, up to MAX_BAR_H.
    let band_top = inner.y + mark_size + GAP;
    let band_bottom = number_top - GAP;
    let mut bars = Vec::new();
    let mut symbol = None;
    let mut no_barcode = None;
    match barcode(&label.number, inner.w) {
        Ok((widths, module)) => {
            let h = (band_bottom - band_top).clamp(0.0, MAX_BAR_H);
            let total = code128::total_modules(&widths) as f32 * module;
            let x0 = inner.x + (inner.w - total) / 2.0;
            let y = band_bottom - h;
            symbol = Some(Area {
                x: x0,
                y,
                w: total,
                h,
            });
            let mut x = x0 + code128::QUIET_ZONE as f32 * module;
            for (i, w) in widths.iter().enumerate() {
                let w = f32::from(*w) * module;
                if i % 2 == 0 {
                    bars.push(Area { x, y, w, h });
                }
                x += w;
            }
        }
        Err(why) => {
            no_barcode = Some(why);
            let line_h = NOTE_SIZE + 2.0;
            let max_lines = ((band_bottom - band_top) / line_h).floor().max(1.0) as usize;
            let mut top = band_top;
            for l in wrap(why.note(), inner.w, NOTE_SIZE)
                .into_iter()
                .take(max_lines)
            {
                texts.push(text(l, inner.x, top, NOTE_SIZE, false));
                top += line_h;
            }
        }
    }
    Laid {
        texts,
        bars,
        symbol,
        no_barcode,
    }
}

/// Refuses a sheet of no labels (a blank sheet helps no one) or of more than `MAX_LABELS`.
pub fn check_count(n: usize) -> Result<(), String> {
    if n == 0 {
        return Err("没有要打印的标签：请至少给出一个保密编号".into());
    }
    if n > MAX_LABELS {
        return Err(format!(
            "一次最多打印{MAX_LABELS}枚标签，这次有{n}枚，请分批打印"
        ));
    }
    Ok(())
}

/// Renders `labels` as a PDF on `layout`'s paper with the font at `font_path`: the bytes and the
/// number of pages.
pub fn render(
    labels: &[Label],
    layout: LabelLayout,
    font_path: &Path,
) -> Result<(Vec<u8>, usize), String> {
    check_count(labels.len())?;
    let pen = Pen::new(font_path)?;
    let sheet = Sheet::of(layout);
    let mut pdf = Pdf::new();
    let pages = sheet.pages(labels.len());
    for chunk in labels.chunks(sheet.per_page()) {
        let settings = PageSettings::from_wh(sheet.page_w, sheet.page_h).ok_or("页面尺寸无效")?;
        let mut page = pdf.start_page_with(settings);
        let mut s = page.surface();
        if sheet.guides {
            draw_guides(&pen, &mut s, &sheet);
        }
        for (i, label) in chunk.iter().enumerate() {
            let laid = lay_out(label, sheet.cell(i), &sheet);
            for t in &laid.texts {
                let color = if t.red { (200, 0, 0) } else { (0, 0, 0) };
                pen.text(&mut s, t.x, t.baseline, t.size, &t.text, color);
            }
            let boxes: Vec<(f32, f32, f32, f32)> =
                laid.bars.iter().map(|b| (b.x, b.y, b.w, b.h)).collect();
            pen.boxes(&mut s, &boxes);
        }
        s.finish();
        page.finish();
    }
    let bytes = pdf.finish().map_err(|e| format!("PDF 生成失败：{e:?}"))?;
    Ok((bytes, pages))
}

/// Light grey lines along every cell edge of the grid.
fn draw_guides(pen: &Pen, s: &mut krilla::surface::Surface<'_>, sheet: &Sheet) {
    const GREY: (u8, u8, u8) = (190, 190, 190);
    let right = sheet.left + sheet.cols as f32 * sheet.cell_w;
    let bottom = sheet.top + sheet.rows as f32 * sheet.cell_h;
    for r in 0..=sheet.rows {
        let y = sheet.top + r as f32 * sheet.cell_h;
        pen.line_with(s, (sheet.left, y), (right, y), 0.3, GREY);
    }
    for c in 0..=sheet.cols {
        let x = sheet.left + c as f32 * sheet.cell_w;
        pen.line_with(s, (x, sheet.top), (x, bottom), 0.3, GREY);
    }
}

#[cfg(test)]
mod tests;
