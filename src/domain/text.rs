//! Text as officers type it: full-width digits and brackets from a Chinese input method, half-width
//! ones from a spreadsheet. Numbers must match whichever was typed. Every text that is stored
//! passes `check_text`; every stored text shown on a terminal passes `for_terminal`.

use std::borrow::Cow;

use super::error::{Checked, Refusal};

/// Full-width ASCII forms (`０-９`, `Ａ-Ｚ`, `（`, `－` …) and the ideographic space become their
/// half-width forms. Han characters are untouched.
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The form a document or ledger number is stored and searched in: half-width, no spaces, lower
/// case, and every kind of bracket officers use around a year (〔〕 [] 【】 （） ()) as `[` `]`.
pub fn normalize_number(s: &str) -> String {
    to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '〔' | '【' | '(' | '[' | '〖' | '｛' | '{' => '[',
            '〕' | '】' | ')' | ']' | '〗' | '｝' | '}' => ']',
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Removes all white space, full-width included: import headers are written "姓  名".
pub fn strip_spaces(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '\u{feff}')
        .collect()
}

/// Splits a list typed with Chinese or ASCII separators: `张三、李四，王五`.
pub fn split_list(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in s
        .split(['、', '，', ',', '；', ';', '/', '|'])
        .map(str::trim)
    {
        // A name or number said twice is one (「王芳、王芳」 is one reader, not two escorts).
        if !p.is_empty() && !out.iter().any(|q| q == p) {
            out.push(p.to_string());
        }
    }
    out
}

/// The most characters a title may have (a real one has well under a hundred).
pub const TITLE_MAX: usize = 2000;
/// The most characters of a list: 知悉范围, 份号, names of escorts or destroyers.
pub const LIST_MAX: usize = 2000;
/// The most characters of free text: a note, a purpose, a reason, an opinion.
pub const NOTE_MAX: usize = 1000;
/// The most characters of any other text: a name, a unit, a place, a number, a reference.
pub const TEXT_MAX: usize = 200;

/// Characters that must never be stored nor reach a terminal raw: C0 controls (line breaks and
/// tabs too: no ledger field holds one), DEL, C1 controls (an ESC or CSI can retitle or clear a
/// terminal), the line and paragraph separators, the bidirectional marks, embeddings, overrides
/// and isolates (they reorder what is shown: `U+202E` makes `fdp.exe` read `exe.pdf`). A
/// byte-order mark is not among them: it is invisible and harmless, and starts every CSV we write.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// The one check of every text a person typed or a file contained, before it is stored: no
/// control or direction-changing character, at most `max_chars` characters (after trimming, as it
/// is stored). The message names the field and the character, never echoes it.
pub fn check_text(field: &str, value: &str, max_chars: usize) -> Checked<()> {
    let v = value.trim();
    if let Some((i, c)) = v.chars().enumerate().find(|(_, c)| is_unsafe(*c)) {
        let what = match c {
            '\n' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}' => "换行".to_string(),
            '\t' => "制表符".to_string(),
            '\0' => "空字符（NUL）".to_string(),
            c if c.is_control() => format!("控制字符 U+{:04X}", u32::from(c)),
            c => format!("改变文字方向的不可见字符 U+{:04X}", u32::from(c)),
        };
        return Err(Refusal::field(
            field,
            format!("第{}个字处含有{what}，不能登记，请删去后重填", i + 1),
        ));
    }
    let n = v.chars().count();
    if n > max_chars {
        return Err(Refusal::field(
            field,
            format!("太长：{n}个字，最多{max_chars}个字"),
        ));
    }
    Ok(())
}

/// Text as it may be shown on a terminal or a screen row: every unsafe character (see `is_unsafe`)
/// becomes `?`, one cell wide, so a stored title cannot retitle the terminal and a row keeps its
/// width. Borrowed when there is nothing to replace.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_unsafe(c) { '?' } else { c })
            .collect(),
    )
}

/// Like `for_terminal`, for whole output that has its own layout: line feeds, CRLF, tabs and the
/// form feed between printed pages stay; everything else unsafe becomes `?`.
pub fn for_terminal_lines(s: &str) -> Cow<'_, str> {
    let keep = |c: char, next: Option<char>| {
        matches!(c, '\n' | '\t' | '\u{c}') || (c == '\r' && next == Some('\n'))
    };
    let mut chars = s.chars().peekable();
    let mut bad = false;
    while let Some(c) = chars.next() {
        if is_unsafe(c) && !keep(c, chars.peek().copied()) {
            bad = true;
            break;
        }
    }
    if !bad {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if is_unsafe(c) && !keep(c, chars.peek().copied()) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_becomes_half_width() {
        assert_eq!(to_half_width("２０２６－收－０１５３"), "2026-收-0153");
        assert_eq!(to_half_width("（Ａ）"), "(A)");
    }

    #[test]
    fn document_numbers_match_across_bracket_forms() {
        let a = normalize_number("粤府办〔2026〕12号");
        assert_eq!(a, normalize_number("粤府办[2026]12号"));
        assert_eq!(a, normalize_number("粤府办（２０２６）１２号"));
        assert_eq!(a, normalize_number("粤府办 (2026) 12号"));
        assert_eq!(a, normalize_number("粤府办【2026】12号"));
    }

    #[test]
    fn lists_split_on_chinese_separators() {
        assert_eq!(
            split_list("张三、李四，王五; 赵六"),
            ["张三", "李四", "王五", "赵六"]
        );
        assert!(split_list(" ").is_empty());
        // Said twice is once, in the order first said (a scope 「王芳、王芳、办公室」).
        assert_eq!(split_list("王芳、王芳、办公室，王芳"), ["王芳", "办公室"]);
    }

    // issue 8 point 12: control and direction characters are refused on input, by name.
    #[test]
    fn control_characters_are_refused_with_the_field_named() {
        for bad in [
            "\u{1b}]2;PWNED\u{7}标题",
            "标\0题",
            "第一行\n第二行",
            "标\u{9b}题",
            "标\u{7f}题",
            "abc\u{202e}fdp.exe",
            "标\u{2066}题",
            "标\t题",
        ] {
            let e = check_text("标题", bad, TITLE_MAX).unwrap_err();
            assert_eq!(e.field_name(), Some("标题"), "{bad:?}");
            assert!(!e.to_string().contains('\u{1b}'), "never echoed: {e}");
        }
        assert!(check_text("标题", "关于做好保密自查的通知（２０２６）", TITLE_MAX).is_ok());
        assert!(check_text("标题", " 前后空白可以 \n", TITLE_MAX).is_ok());
        let long = "密".repeat(TITLE_MAX + 1);
        assert!(
            check_text("标题", &long, TITLE_MAX)
                .unwrap_err()
                .to_string()
                .contains("2001")
        );
        assert!(check_text("标题", &"密".repeat(TITLE_MAX), TITLE_MAX).is_ok());
    }

    // issue 8 point 12: stored control characters are shown as one visible cell each.
    #[test]
    fn terminal_text_replaces_each_unsafe_character_by_one_cell() {
        assert_eq!(for_terminal("\u{1b}]2;PWNED\u{7}标题"), "?]2;PWNED?标题");
        assert_eq!(for_terminal("a\u{202e}b\u{9b}c\nd"), "a?b?c?d");
        assert!(matches!(for_terminal("保密自查"), Cow::Borrowed(_)));
        assert_eq!(
            for_terminal_lines("第1页\r\n\u{c}第2页\t\u{1b}[2J\r"),
            "第1页\r\n\u{c}第2页\t?[2J?"
        );
        assert!(matches!(for_terminal_lines("a\r\nb\n"), Cow::Borrowed(_)));
    }
}
