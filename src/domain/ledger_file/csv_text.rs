//! CSV text: which encoding the bytes are in, the lines, and the fields of a line.
//!
//! Excel and WPS on a Chinese Windows save “CSV” in GBK, “CSV UTF-8” with a byte-order mark, and
//! “Unicode text” in UTF-16LE with one. The encoding is told by the mark, else by whether the
//! bytes are UTF-8, else GB18030 (the superset of GBK) is tried. A file in yet another encoding
//! that happens to decode as GB18030 reads as nonsense, which then matches no ledger header: the
//! header check is what refuses it.

use std::borrow::Cow;

use encoding_rs::{Encoding as Codec, GB18030, UTF_16BE, UTF_16LE};

use super::{FIELD_MAX, FILE_MAX_BYTES};

/// The encoding a CSV file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    /// As the officer is told: `按 GB18030（GBK）编码读取`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8（带 BOM）",
            Encoding::Utf16Le => "UTF-16LE（带 BOM）",
            Encoding::Utf16Be => "UTF-16BE（带 BOM）",
            Encoding::Gb18030 => "GB18030（GBK）",
        }
    }
}

/// What to do instead, in every message about an encoding.
const SAVE_AS: &str = "请在表格软件中另存为“CSV UTF-8”或 Excel 工作簿后导入";

/// The line (1-based) where the first undecodable byte lies: the line of the first replacement
/// character the decoder put in.
fn bad_line(text: &str) -> usize {
    let at = text.find('\u{FFFD}').unwrap_or(text.len());
    text[..at].matches('\n').count() + 1
}

fn with(codec: &'static Codec, bytes: &[u8]) -> Result<String, usize> {
    let (text, bad) = codec.decode_without_bom_handling(bytes);
    if bad {
        Err(bad_line(&text))
    } else {
        Ok(text.into_owned())
    }
}

/// Decodes the file: UTF-8 (with or without a byte-order mark), UTF-16 with its mark, or GB18030.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), String> {
    if bytes.len() as u64 > FILE_MAX_BYTES {
        return Err(format!(
            "第1行：文件过大（{} 字节），最大 {} MB，请分批导入",
            bytes.len(),
            FILE_MAX_BYTES / 1024 / 1024
        ));
    }
    let utf16 = |codec, rest, enc: Encoding| {
        with(codec, rest).map(|t| (Cow::Owned(t), enc)).map_err(|line| {
            format!(
                "第{line}行：文件以 {} 的字节顺序标记开头，但此处不是完整的 UTF-16 文字；{SAVE_AS}",
                enc.name()
            )
        })
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(UTF_16LE, rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(UTF_16BE, rest, Encoding::Utf16Be);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|t| (Cow::Borrowed(t), Encoding::Utf8Bom))
            .map_err(|e| not_utf8(rest, e.valid_up_to()));
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok((Cow::Borrowed(t), Encoding::Utf8)),
        Err(e) => {
            // A file that was UTF-8 for a while (several Chinese characters) and then is not is a
            // damaged or mixed UTF-8 file, not GBK: reading it as GBK would turn what came before
            // into nonsense.
            let before = &bytes[..e.valid_up_to()];
            let wide = std::str::from_utf8(before)
                .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                .unwrap_or(0);
            if wide >= 4 {
                return Err(not_utf8(bytes, e.valid_up_to()));
            }
            with(GB18030, bytes)
                .map(|t| (Cow::Owned(t), Encoding::Gb18030))
                .map_err(|line| {
                    format!(
                        "第{line}行：文件不是 UTF-8、UTF-16 或 GB18030（GBK）编码的文字，无法读取；{SAVE_AS}"
                    )
                })
        }
    }
}

fn not_utf8(bytes: &[u8], valid_up_to: usize) -> String {
    let line = bytes[..valid_up_to].iter().filter(|b| **b == b'\n').count() + 1;
    format!("第{line}行：文件前面是 UTF-8 编码，此处却不是（文件可能损坏或混用了编码）；{SAVE_AS}")
}

/// The lines of the text with their numbers (1-based). A line ends at `\r\n`, `\n` or a lone `\r`.
pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = Some(text);
    let mut n = 0;
    std::iter::from_fn(move || {
        let s = rest?;
        n += 1;
        match s.find(['\n', '\r']) {
            Some(i) => {
                let skip = if s[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&s[i + skip..]);
                Some((n, &s[..i]))
            }
            None => {
                rest = None;
                if s.is_empty() && n > 1 {
                    None
                } else {
                    Some((n, s))
                }
            }
        }
    })
}

/// Splits one line into fields, RFC 4180 style: a field that begins with `"` is quoted, `""` in it
/// is a quote, and it ends at the closing quote, which must be followed by a comma or the end of
/// the line. The first `keep` fields are returned; of the rest, only the first that is not blank is
/// reported (a row wider than its header). A field longer than `FIELD_MAX` characters is refused
/// here, before it is copied anywhere.
pub(super) fn fields(
    line: &str,
    keep: usize,
) -> Result<(Vec<String>, Option<usize>), (usize, String)> {
    let mut out = Vec::new();
    let mut extra = None;
    let mut chars = line.chars().peekable();
    let mut column = 0;
    loop {
        column += 1;
        let mut field = String::new();
        let mut count = 0usize;
        let mut blank = true;
        let mut push = |c: char| -> Result<(), (usize, String)> {
            count += 1;
            if count > FIELD_MAX {
                return Err((
                    column,
                    format!("超过 {FIELD_MAX} 个字（字段过长，或引号未闭合）"),
                ));
            }
            blank &= c.is_whitespace();
            if column <= keep {
                field.push(c);
            }
            Ok(())
        };
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    None => {
                        return Err((
                            column,
                            "的引号未闭合（引号从本行开始）：台帐的字段不能跨行，每行是一件密件"
                                .into(),
                        ));
                    }
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        push('"')?;
                    }
                    Some('"') => break,
                    Some(c) => push(c)?,
                }
            }
            if !matches!(chars.peek(), None | Some(',')) {
                return Err((
                    column,
                    "的结束引号后还有文字（字段中的引号须写成两个 \"\"）".into(),
                ));
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' {
                    break;
                }
                chars.next();
                push(c)?;
            }
        }
        if column <= keep {
            out.push(field);
        } else if !blank && extra.is_none() {
            extra = Some(column);
        }
        if chars.next().is_none() {
            break;
        }
    }
    Ok((out, extra))
}
