//! Widths on the terminal: a Chinese character takes two cells. Every width in the UI is measured
//! here, never with `len()`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::text::for_terminal;

/// The cells `s` takes as the TUI draws it: control and direction characters count as the one-cell
/// `?` that `fit`, `pad` and `wrap` put in their place (`domain::text::for_terminal`).
pub fn width(s: &str) -> usize {
    for_terminal(s).width()
}

/// Cuts `s` to `max` cells, ending in `..` when cut, never splitting a wide character.
pub fn fit(s: &str, max: usize) -> String {
    crate::report::text::fit(s, max)
}

/// Pads with spaces to exactly `w` cells.
pub fn pad(s: &str, w: usize) -> String {
    crate::report::text::pad(s, w)
}

/// Breaks `s` into lines of at most `max` cells, between characters (Chinese has no spaces to
/// break at, and a rule ID must not be split from its words).
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for c in for_terminal(para).chars() {
            let cw = c.width().unwrap_or(0);
            if w + cw > max {
                lines.push(std::mem::take(&mut line));
                w = 0;
            }
            line.push(c);
            w += cw;
        }
        lines.push(line);
    }
    lines
}

/// Column widths for a table `total` cells wide: each column gets its minimum, and what is left is
/// shared by weight. A column of weight 0 keeps its minimum.
pub fn columns(total: u16, spec: &[(u16, u16)]) -> Vec<u16> {
    let gaps = spec.len().saturating_sub(1) as u16;
    let min: u16 = spec.iter().map(|(m, _)| *m).sum();
    let mut left = total.saturating_sub(min + gaps);
    let weights: u16 = spec.iter().map(|(_, w)| *w).sum();
    let mut out: Vec<u16> = spec.iter().map(|(m, _)| *m).collect();
    if weights > 0 {
        let share = left;
        for (i, (_, w)) in spec.iter().enumerate() {
            let extra = (share * w).checked_div(weights).unwrap_or(0);
            out[i] += extra;
            left -= extra;
        }
        if let Some(i) = spec.iter().rposition(|(_, w)| *w > 0) {
            out[i] += left;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_of_chinese() {
        assert_eq!(width("保密台账"), 8);
        assert_eq!(width("2026-收-0001"), 12);
    }

    #[test]
    fn wrapping_between_characters() {
        let lines = wrap("违反 R-PAP-7：外单位人员不在知悉范围内", 20);
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        assert_eq!(lines[0], "违反 R-PAP-7：外单位");
        assert_eq!(lines.concat(), "违反 R-PAP-7：外单位人员不在知悉范围内");
    }

    #[test]
    fn columns_share_the_rest() {
        let w = columns(80, &[(12, 0), (10, 1), (6, 0), (8, 1)]);
        assert_eq!(w.iter().sum::<u16>() + 3, 80);
        assert_eq!(w[0], 12);
        assert_eq!(w[2], 6);
    }
}
