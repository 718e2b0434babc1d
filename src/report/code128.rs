//! Code 128 (ISO/IEC 15417) for the numbers on labels: code sets B (printable ASCII) and C (digit
//! pairs), chosen to give the fewest symbols, so a long run of digits prints half as wide. Set A
//! (control characters) is never needed: no number holds one. Written here rather than taken
//! from a crate: the one on crates.io leaves the choice of code sets to the caller, and the
//! table is short.

/// Module widths of each symbol value 0–105: bar, space, bar, space, bar, space.
const PATTERNS: [[u8; 6]; 106] = [
    [2, 1, 2, 2, 2, 2],
    [2, 2, 2, 1, 2, 2],
    [2, 2, 2, 2, 2, 1],
    [1, 2, 1, 2, 2, 3],
    [1, 2, 1, 3, 2, 2],
    [1, 3, 1, 2, 2, 2],
    [1, 2, 2, 2, 1, 3],
    [1, 2, 2, 3, 1, 2],
    [1, 3, 2, 2, 1, 2],
    [2, 2, 1, 2, 1, 3],
    [2, 2, 1, 3, 1, 2],
    [2, 3, 1, 2, 1, 2],
    [1, 1, 2, 2, 3, 2],
    [1, 2, 2, 1, 3, 2],
    [1, 2, 2, 2, 3, 1],
    [1, 1, 3, 2, 2, 2],
    [1, 2, 3, 1, 2, 2],
    [1, 2, 3, 2, 2, 1],
    [2, 2, 3, 2, 1, 1],
    [2, 2, 1, 1, 3, 2],
    [2, 2, 1, 2, 3, 1],
    [2, 1, 3, 2, 1, 2],
    [2, 2, 3, 1, 1, 2],
    [3, 1, 2, 1, 3, 1],
    [3, 1, 1, 2, 2, 2],
    [3, 2, 1, 1, 2, 2],
    [3, 2, 1, 2, 2, 1],
    [3, 1, 2, 2, 1, 2],
    [3, 2, 2, 1, 1, 2],
    [3, 2, 2, 2, 1, 1],
    [2, 1, 2, 1, 2, 3],
    [2, 1, 2, 3, 2, 1],
    [2, 3, 2, 1, 2, 1],
    [1, 1, 1, 3, 2, 3],
    [1, 3, 1, 1, 2, 3],
    [1, 3, 1, 3, 2, 1],
    [1, 1, 2, 3, 1, 3],
    [1, 3, 2, 1, 1, 3],
    [1, 3, 2, 3, 1, 1],
    [2, 1, 1, 3, 1, 3],
    [2, 3, 1, 1, 1, 3],
    [2, 3, 1, 3, 1, 1],
    [1, 1, 2, 1, 3, 3],
    [1, 1, 2, 3, 3, 1],
    [1, 3, 2, 1, 3, 1],
    [1, 1, 3, 1, 2, 3],
    [1, 1, 3, 3, 2, 1],
    [1, 3, 3, 1, 2, 1],
    [3, 1, 3, 1, 2, 1],
    [2, 1, 1, 3, 3, 1],
    [2, 3, 1, 1, 3, 1],
    [2, 1, 3, 1, 1, 3],
    [2, 1, 3, 3, 1, 1],
    [2, 1, 3, 1, 3, 1],
    [3, 1, 1, 1, 2, 3],
    [3, 1, 1, 3, 2, 1],
    [3, 3, 1, 1, 2, 1],
    [3, 1, 2, 1, 1, 3],
    [3, 1, 2, 3, 1, 1],
    [3, 3, 2, 1, 1, 1],
    [3, 1, 4, 1, 1, 1],
    [2, 2, 1, 4, 1, 1],
    [4, 3, 1, 1, 1, 1],
    [1, 1, 1, 2, 2, 4],
    [1, 1, 1, 4, 2, 2],
    [1, 2, 1, 1, 2, 4],
    [1, 2, 1, 4, 2, 1],
    [1, 4, 1, 1, 2, 2],
    [1, 4, 1, 2, 2, 1],
    [1, 1, 2, 2, 1, 4],
    [1, 1, 2, 4, 1, 2],
    [1, 2, 2, 1, 1, 4],
    [1, 2, 2, 4, 1, 1],
    [1, 4, 2, 1, 1, 2],
    [1, 4, 2, 2, 1, 1],
    [2, 4, 1, 2, 1, 1],
    [2, 2, 1, 1, 1, 4],
    [4, 1, 3, 1, 1, 1],
    [2, 4, 1, 1, 1, 2],
    [1, 3, 4, 1, 1, 1],
    [1, 1, 1, 2, 4, 2],
    [1, 2, 1, 1, 4, 2],
    [1, 2, 1, 2, 4, 1],
    [1, 1, 4, 2, 1, 2],
    [1, 2, 4, 1, 1, 2],
    [1, 2, 4, 2, 1, 1],
    [4, 1, 1, 2, 1, 2],
    [4, 2, 1, 1, 1, 2],
    [4, 2, 1, 2, 1, 1],
    [2, 1, 2, 1, 4, 1],
    [2, 1, 4, 1, 2, 1],
    [4, 1, 2, 1, 2, 1],
    [1, 1, 1, 1, 4, 3],
    [1, 1, 1, 3, 4, 1],
    [1, 3, 1, 1, 4, 1],
    [1, 1, 4, 1, 1, 3],
    [1, 1, 4, 3, 1, 1],
    [4, 1, 1, 1, 1, 3],
    [4, 1, 1, 3, 1, 1],
    [1, 1, 3, 1, 4, 1],
    [1, 1, 4, 1, 3, 1],
    [3, 1, 1, 1, 4, 1],
    [4, 1, 1, 1, 3, 1],
    [2, 1, 1, 4, 1, 2],
    [2, 1, 1, 2, 1, 4],
    [2, 1, 1, 2, 3, 2],
];

/// The stop symbol with its termination bar: bar, space, bar, space, bar, space, bar.
const STOP: [u8; 7] = [2, 3, 3, 1, 1, 1, 2];

const CODE_C: u8 = 99;
const CODE_B: u8 = 100;
const START_B: u8 = 104;
const START_C: u8 = 105;

/// The clear space the standard asks for before and after the symbol, in modules.
pub const QUIET_ZONE: u32 = 10;

/// Why a text cannot be a Code 128 symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unencodable {
    Empty,
    /// A character outside printable ASCII (a hanzi, a full-width form, a control character).
    NotAscii(char),
}

/// True for the characters code set B carries: printable ASCII, space to tilde.
fn in_set_b(c: u8) -> bool {
    (b' '..=b'~').contains(&c)
}

/// The code sets the encoder moves between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Set {
    B,
    C,
}

/// The symbol values of `text` (start, data and code-set changes; no check symbol), with the
/// fewest symbols: a small dynamic programme over (position, code set).
pub fn symbols(text: &str) -> Result<Vec<u8>, Unencodable> {
    if text.is_empty() {
        return Err(Unencodable::Empty);
    }
    if let Some(c) = text.chars().find(|c| !c.is_ascii() || !in_set_b(*c as u8)) {
        return Err(Unencodable::NotAscii(c));
    }
    let b = text.as_bytes();
    let n = b.len();
    let pair_at = |i: usize| i + 1 < n && b[i].is_ascii_digit() && b[i + 1].is_ascii_digit();
    // cost[i][s]: the fewest symbols to encode b[i..] while in set s; None where it cannot be done.
    let mut cost = vec![[None::<usize>; 2]; n + 1];
    cost[n] = [Some(0), Some(0)];
    for i in (0..n).rev() {
        let in_b = cost[i + 1][0].map(|c| c + 1);
        let in_c = if pair_at(i) {
            cost[i + 2][1].map(|c| c + 1)
        } else {
            None
        };
        // Staying in a set, or one change-of-set symbol and carrying on in the other.
        let stay = [in_b, in_c];
        cost[i] = [
            min_opt(stay[0], stay[1].map(|c| c + 1)),
            min_opt(stay[1], stay[0].map(|c| c + 1)),
        ];
    }
    let start = match (cost[0][0], cost[0][1]) {
        (_, Some(c)) if cost[0][0].is_none_or(|b| c < b) => Set::C,
        _ => Set::B,
    };
    let mut out = vec![if start == Set::C { START_C } else { START_B }];
    let mut set = start;
    let mut i = 0;
    while i < n {
        let here_b = cost[i + 1][0].map(|c| c + 1);
        let here_c = if pair_at(i) {
            cost[i + 2][1].map(|c| c + 1)
        } else {
            None
        };
        let (mine, other) = match set {
            Set::B => (here_b, here_c),
            Set::C => (here_c, here_b),
        };
        if mine.is_none() || other.is_some_and(|o| mine.is_some_and(|m| o + 1 < m)) {
            set = match set {
                Set::B => {
                    out.push(CODE_C);
                    Set::C
                }
                Set::C => {
                    out.push(CODE_B);
                    Set::B
                }
            };
            continue;
        }
        match set {
            Set::B => {
                out.push(b[i] - b' ');
                i += 1;
            }
            Set::C => {
                out.push((b[i] - b'0') * 10 + (b[i + 1] - b'0'));
                i += 2;
            }
        }
    }
    Ok(out)
}

fn min_opt(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// The check symbol: the start value plus each following value times its position, modulo 103.
pub fn checksum(symbols: &[u8]) -> u8 {
    let sum: u64 = symbols
        .iter()
        .enumerate()
        .map(|(i, v)| u64::from(*v) * (i as u64).max(1))
        .sum();
    u8::try_from(sum % 103).unwrap_or(0)
}

/// The widths, in modules, of the bars and spaces of `text` as a whole symbol: start, data, check
/// symbol, stop and termination bar. The first width is a bar; they alternate from there. The
/// quiet zones are not included.
pub fn encode(text: &str) -> Result<Vec<u8>, Unencodable> {
    let mut values = symbols(text)?;
    values.push(checksum(&values));
    let mut widths = Vec::with_capacity(values.len() * 6 + STOP.len());
    for v in values {
        widths.extend_from_slice(&PATTERNS[usize::from(v)]);
    }
    widths.extend_from_slice(&STOP);
    Ok(widths)
}

/// The width of the symbol in modules, quiet zones included.
pub fn total_modules(widths: &[u8]) -> u32 {
    widths.iter().map(|w| u32::from(*w)).sum::<u32>() + 2 * QUIET_ZONE
}

#[cfg(test)]
/// A scanner's work, to check ours: bar and space widths back to the text. Reads each group
/// of six widths against the table, checks the check symbol, and follows the code sets.
pub(crate) fn decode(widths: &[u8]) -> Result<String, String> {
    let (body, stop) = widths.split_at(widths.len() - STOP.len());
    if stop != STOP || body.len() % 6 != 0 {
        return Err("no stop pattern".into());
    }
    let values: Vec<u8> = body
        .chunks(6)
        .map(|c| {
            PATTERNS
                .iter()
                .position(|p| p == c)
                .and_then(|v| u8::try_from(v).ok())
                .ok_or_else(|| format!("unknown pattern {c:?}"))
        })
        .collect::<Result<_, _>>()?;
    let (check, data) = values.split_last().ok_or("empty")?;
    if checksum(data) != *check {
        return Err("bad check symbol".into());
    }
    let mut set = match data.first() {
        Some(&START_B) => Set::B,
        Some(&START_C) => Set::C,
        other => return Err(format!("bad start {other:?}")),
    };
    let mut text = String::new();
    for &v in &data[1..] {
        match (set, v) {
            (Set::B, CODE_C) => set = Set::C,
            (Set::C, CODE_B) => set = Set::B,
            (Set::B, v) if v < 95 => text.push(char::from(v + b' ')),
            (Set::C, v) if v < 100 => text.push_str(&format!("{v:02}")),
            (s, v) => return Err(format!("value {v} in set {s:?}")),
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn modules(widths: &[u8]) -> String {
        widths
            .iter()
            .enumerate()
            .map(|(i, w)| (if i % 2 == 0 { "1" } else { "0" }).repeat(usize::from(*w)))
            .collect()
    }

    // Every symbol is 11 modules of three bars and three spaces, bars an even number of modules
    // (the parity a scanner checks), and no two alike: a mistyped row breaks one of these.
    #[test]
    fn the_table_is_well_formed() {
        for (v, p) in PATTERNS.iter().enumerate() {
            assert_eq!(
                p.iter().map(|w| u32::from(*w)).sum::<u32>(),
                11,
                "value {v}"
            );
            assert_eq!((p[0] + p[2] + p[4]) % 2, 0, "bar parity of value {v}");
            assert!(p.iter().all(|w| (1..=4).contains(w)), "value {v}");
            assert_eq!(PATTERNS.iter().filter(|q| *q == p).count(), 1, "value {v}");
        }
        assert_eq!(STOP.iter().map(|w| u32::from(*w)).sum::<u32>(), 13);
    }

    // Published patterns: start A/B/C and stop with its termination bar, as the reference pages
    // print them in modules.
    #[test]
    fn start_and_stop_patterns_match_the_published_ones() {
        assert_eq!(modules(&PATTERNS[103]), "11010000100");
        assert_eq!(modules(&PATTERNS[104]), "11010010000");
        assert_eq!(modules(&PATTERNS[105]), "11010011100");
        assert_eq!(modules(&STOP), "1100011101011");
        // Values 0 (space in set B) and 16 (the digit 0), from the same table.
        assert_eq!(modules(&PATTERNS[0]), "11011001100");
        assert_eq!(modules(&PATTERNS[16]), "10011101100");
    }

    // Published check symbols: "abcdef" in set B → 97, "345678" in set C → 73, and the worked
    // example START-A H I CODE-C 34 56 78 → 67.
    #[test]
    fn check_symbols_match_published_examples() {
        let abcdef = symbols("abcdef").unwrap();
        assert_eq!(abcdef, [START_B, 65, 66, 67, 68, 69, 70]);
        assert_eq!(checksum(&abcdef), 97);
        let digits = symbols("345678").unwrap();
        assert_eq!(digits, [START_C, 34, 56, 78]);
        assert_eq!(checksum(&digits), 73);
        assert_eq!(checksum(&[103, 40, 41, 99, 34, 56, 78]), 67);
    }

    #[test]
    fn code_sets_are_chosen_for_the_fewest_symbols() {
        // Short digit runs stay in B; four or more digits at the end go to C.
        assert_eq!(symbols("U-017").unwrap(), [START_B, 53, 13, 16, 17, 23]);
        assert_eq!(
            symbols("PC-2026").unwrap(),
            [START_B, 48, 35, 13, CODE_C, 20, 26]
        );
        // An odd run of digits: one digit in B, the pairs in C.
        assert_eq!(symbols("12345").unwrap().len(), 5);
        assert_eq!(symbols("0").unwrap(), [START_B, 16]);
        for s in [
            "2026-U-0017",
            "1234567890",
            "A1B2",
            "12a34",
            "x123456y",
            "99",
        ] {
            let naive = 1 + s.len();
            assert!(symbols(s).unwrap().len() <= naive, "{s}");
        }
    }

    // Round trip: our bars read back to the text, for numbers like the unit's and every
    // printable ASCII character in every position of the sets.
    #[test]
    fn bars_decode_back_to_the_text() {
        let mut cases: Vec<String> = [
            "U-017",
            "PC-001",
            "2026-U-0017",
            "JM/U-0001",
            "1234567890",
            "12345",
            "a1",
            "0",
            "~ !",
            "x00y",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let ascii: String = (b' '..=b'~').map(char::from).collect();
        cases.push(ascii);
        // A simple generator: mixed digits and letters of many lengths.
        let mut seed: u32 = 7;
        for len in 1..60 {
            let s: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    let r = (seed >> 16) % 20;
                    if r < 12 {
                        char::from(b'0' + u8::try_from(r % 10).unwrap())
                    } else {
                        char::from(b'A' + u8::try_from(r).unwrap())
                    }
                })
                .collect();
            cases.push(s);
        }
        for s in cases {
            let w = encode(&s).unwrap();
            assert_eq!(decode(&w).as_deref(), Ok(s.as_str()));
        }
    }

    #[test]
    fn a_damaged_symbol_does_not_decode() {
        let mut w = encode("U-017").unwrap();
        // Swap two data symbols: the check symbol no longer matches.
        let (a, b) = (6..12, 12..18);
        let first: Vec<u8> = w[a.clone()].to_vec();
        let second: Vec<u8> = w[b.clone()].to_vec();
        w[a].copy_from_slice(&second);
        w[b].copy_from_slice(&first);
        assert!(decode(&w).is_err());
    }

    // A number with a hanzi, a full-width letter or a control character has no Code 128 form.
    #[test]
    fn only_printable_ascii_is_encoded() {
        assert_eq!(encode("机-U-017"), Err(Unencodable::NotAscii('机')));
        assert_eq!(encode("Ｕ-017"), Err(Unencodable::NotAscii('Ｕ')));
        assert_eq!(encode("U\t017"), Err(Unencodable::NotAscii('\t')));
        assert_eq!(encode(""), Err(Unencodable::Empty));
    }

    #[test]
    fn total_width_counts_quiet_zones() {
        // Start + 5 data + check = 7 symbols of 11, stop 13, quiet zones 2 × 10.
        assert_eq!(total_modules(&encode("U-017").unwrap()), 7 * 11 + 13 + 20);
    }
}
