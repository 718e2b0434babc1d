//! Text as officers type it: full-width digits and brackets from a Chinese input method, half-width
//! ones from a spreadsheet. Numbers must match whichever was typed.

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
    s.split(['、', '，', ',', '；', ';', '/', '|'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
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
    }
}
