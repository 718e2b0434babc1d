//! What the quick search needs from the text itself: pinyin initials computed at write time (with
//! every reading of a character that has several), and the normal form of what the user typed.

use pinyin::{ToPinyin, ToPinyinMulti};

use super::text::{normalize_number, to_half_width};

/// How far either side of a polyphonic character its other readings are written out.
const VARIANT_RADIUS: usize = 4;
/// At most this many alternative windows per title, so a title full of polyphones stays small.
const MAX_VARIANTS: usize = 24;

/// The initials of `text` for the pinyin search: `保密自查` → `bmzc`. A character with several
/// readings whose initials differ (重 z/c, 行 x/h, 长 c/z) adds a window of the text around it with
/// the other reading, so `cq` finds 重庆 and `yh` finds 银行. Latin letters and digits stay as they
/// are (lower case); other characters are skipped. Windows are separated by spaces.
pub fn initials(text: &str) -> String {
    let chars: Vec<(char, Vec<char>)> = to_half_width(text)
        .chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                let l = c.to_ascii_lowercase();
                return Some((l, vec![]));
            }
            let first = c.to_pinyin()?.first_letter().chars().next()?;
            // The readings come most common first; beyond the third they are rare literary or
            // dialect readings nobody types, and would only swell the index.
            let mut readings: [&str; 3] = [""; 3];
            let mut n = 0;
            let mut others: Vec<char> = Vec::new();
            for p in c.to_pinyin_multi().into_iter().flatten() {
                if n == readings.len() {
                    break;
                }
                let plain = p.plain();
                if readings[..n].contains(&plain) {
                    continue;
                }
                readings[n] = plain;
                n += 1;
                if let Some(l) = plain.chars().next()
                    && l != first
                    && !others.contains(&l)
                {
                    others.push(l);
                }
            }
            Some((first, others))
        })
        .collect();
    let mut out: String = chars.iter().map(|(c, _)| *c).collect();
    let mut variants = 0;
    for (i, (_, others)) in chars.iter().enumerate() {
        for alt in others {
            if variants == MAX_VARIANTS {
                return out;
            }
            let lo = i.saturating_sub(VARIANT_RADIUS);
            let hi = (i + VARIANT_RADIUS + 1).min(chars.len());
            out.push(' ');
            for (j, (c, _)) in chars.iter().enumerate().take(hi).skip(lo) {
                out.push(if j == i { *alt } else { *c });
            }
            variants += 1;
        }
    }
    out
}

/// What the user typed, as it is matched: half-width, trimmed, brackets made one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The text as typed (half-width, trimmed): matched against titles, units, names.
    pub text: String,
    /// The number form: matched against ledger and document numbers.
    pub number: String,
    /// Lower-case Latin letters only: also matched against pinyin initials.
    pub pinyin: Option<String>,
}

impl Query {
    pub fn new(input: &str) -> Query {
        let text = to_half_width(input).trim().to_string();
        let number = normalize_number(&text);
        let pinyin = if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphabetic()) {
            Some(text.to_ascii_lowercase())
        } else {
            None
        };
        Query {
            text,
            number,
            pinyin,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Characters typed; 1 and 2 go to `LIKE`, 3 or more to the trigram index.
    pub fn len(&self) -> usize {
        self.text.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_plain_titles() {
        assert!(initials("保密自查").starts_with("bmzc"));
        assert!(initials("U盘管理").starts_with("upgl"));
        assert!(initials("２０２６年工作要点").starts_with("2026ngzyd"));
    }

    #[test]
    fn polyphones_match_by_any_reading() {
        let cq = initials("重庆市保密局");
        assert!(cq.contains("cq"), "{cq}");
        assert!(cq.contains("zq"), "{cq}");
        let yh = initials("人民银行来文");
        assert!(yh.contains("yh"), "{yh}");
        let long = initials("长期保存");
        assert!(long.contains("cq"), "{long}");
        assert!(long.contains("zq"), "{long}");
    }

    #[test]
    fn variants_are_bounded() {
        let s = initials(&"长重行".repeat(40));
        assert!(s.split(' ').count() <= MAX_VARIANTS + 1);
    }

    #[test]
    fn queries() {
        let q = Query::new(" ＢＭＺＣ ");
        assert_eq!(q.pinyin.as_deref(), Some("bmzc"));
        let q = Query::new("江委办〔2026〕");
        assert_eq!(q.pinyin, None);
        assert_eq!(q.number, "江委办[2026]");
        assert_eq!(Query::new("保密").len(), 2);
    }
}
