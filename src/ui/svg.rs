//! A frame as SVG, for the screenshots in README: one `<text>` per run of cells with one style,
//! stretched to exactly its cells so that Chinese and ASCII line up as on the terminal; the cell
//! hidden behind a wide character is skipped.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

const CELL_W: u32 = 10;
const CELL_H: u32 = 20;
const FG: &str = "#d8d8d8";
const BG: &str = "#1e1e1e";

fn hex(c: Color, default: &str) -> String {
    match c {
        Color::Reset => default.to_string(),
        Color::Black => "#000000".into(),
        Color::Red => "#cd3131".into(),
        Color::Green => "#0dbc79".into(),
        Color::Yellow => "#e5e510".into(),
        Color::Blue => "#2472c8".into(),
        Color::Magenta => "#bc3fbc".into(),
        Color::Cyan => "#11a8cd".into(),
        Color::Gray => "#e5e5e5".into(),
        Color::DarkGray => "#767676".into(),
        Color::LightRed => "#f14c4c".into(),
        Color::LightGreen => "#23d18b".into(),
        Color::LightYellow => "#f5f543".into(),
        Color::LightBlue => "#3b8eea".into(),
        Color::LightMagenta => "#d670d6".into(),
        Color::LightCyan => "#29b8db".into(),
        Color::White => "#ffffff".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(_) => default.to_string(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The buffer as an SVG document.
pub fn render(buf: &Buffer) -> String {
    let area = buf.area;
    let w = u32::from(area.width) * CELL_W;
    let h = u32::from(area.height) * CELL_H;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{BG}\"/>\n\
         <g font-family=\"WenQuanYi Micro Hei Mono, WenQuanYi Micro Hei, Noto Sans Mono CJK SC, monospace\" font-size=\"16\" xml:space=\"preserve\">\n"
    );
    for y in 0..area.height {
        let mut x = 0u16;
        while x < area.width {
            let cell = &buf[(x, y)];
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (hex(cell.fg, FG), hex(cell.bg, BG));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            let bold = cell.modifier.contains(Modifier::BOLD);
            // A run of cells with the same colours and weight shares one background; each
            // character is placed on its own cell so that the grid holds whatever the font.
            let start = x;
            let mut glyphs = String::new();
            let mut cells = 0u16;
            while x < area.width {
                let c = &buf[(x, y)];
                let same = c.fg == cell.fg
                    && c.bg == cell.bg
                    && c.modifier.contains(Modifier::REVERSED) == reversed
                    && c.modifier.contains(Modifier::BOLD) == bold;
                if !same {
                    break;
                }
                let sym = if c.symbol().is_empty() {
                    " "
                } else {
                    c.symbol()
                };
                let width = sym.width().max(1) as u16;
                if !sym.trim().is_empty() {
                    glyphs.push_str(&format!(
                        "<text x=\"{}\" y=\"{}\" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\">{}</text>",
                        u32::from(x) * CELL_W,
                        u32::from(y) * CELL_H + CELL_H - 5,
                        u32::from(width) * CELL_W,
                        escape(sym)
                    ));
                }
                cells += width;
                x += width;
            }
            let px = u32::from(start) * CELL_W;
            let py = u32::from(y) * CELL_H;
            let run_w = u32::from(cells) * CELL_W;
            if bg != BG {
                out.push_str(&format!(
                    "<rect x=\"{px}\" y=\"{py}\" width=\"{run_w}\" height=\"{CELL_H}\" fill=\"{bg}\"/>\n"
                ));
            }
            if !glyphs.is_empty() {
                out.push_str(&format!(
                    "<g fill=\"{fg}\"{}>{glyphs}</g>\n",
                    if bold { " font-weight=\"bold\"" } else { "" }
                ));
            }
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn wide_characters_take_two_cells() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, "保密ab", ratatui::style::Style::default());
        let svg = render(&buf);
        assert!(svg.contains("<text x=\"0\" y=\"15\" textLength=\"20\" lengthAdjust=\"spacingAndGlyphs\">保</text>"), "{svg}");
        assert!(svg.contains("<text x=\"20\" y=\"15\" textLength=\"20\" lengthAdjust=\"spacingAndGlyphs\">密</text>"), "{svg}");
        assert!(svg.contains("<text x=\"40\" y=\"15\" textLength=\"10\" lengthAdjust=\"spacingAndGlyphs\">a</text>"), "{svg}");
    }
}
