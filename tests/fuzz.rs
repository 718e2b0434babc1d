//! Fixed-seed fuzzing of what hostile files and hands feed baomi (issue 8 point 16, the importer and
//! dates). A small xorshift generator, no new dependency: the same cases run on every machine, and
//! a failing case prints its number and input. A few thousand cases run in `cargo test`; set
//! `BAOMI_FUZZ_CASES=200000` for a longer run (each test scales its own count from it).

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use baomi::domain::dates::{self, ymd};
use baomi::domain::ledger_file;
use baomi::domain::numbering::Series;
use baomi::domain::text::{TITLE_MAX, is_unsafe};
use baomi::store::import::{self, ImportRow};
use baomi::store::{self, OpenMode, Store, accounts};
use chrono::NaiveDate;

/// xorshift64*: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How many cases: `default`, or scaled from BAOMI_FUZZ_CASES (the CSV count is the reference).
fn cases(default: usize) -> usize {
    match std::env::var("BAOMI_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        Some(n) => n.max(1) * default / 3000,
        None => default,
    }
    .max(1)
}

/// Runs one case, reporting its number and a readable form of its input when it panics.
fn run_case(what: &str, i: usize, input: &[u8], f: impl FnOnce()) {
    if let Err(e) = catch_unwind(AssertUnwindSafe(f)) {
        let shown: String = String::from_utf8_lossy(&input[..input.len().min(600)])
            .escape_debug()
            .collect();
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        panic!(
            "{what} case {i} failed: {msg}\ninput ({} bytes): {shown}",
            input.len()
        );
    }
}

fn today() -> NaiveDate {
    common::today()
}

const HEAD: &str =
    "收文编号,收文日期,来文单位,文号,标题,密级,保密期限,份数,份号,清退期限,状态,存放位置,持有人";

/// A valid ledger file of 1 to 6 rows, numbered from `base` so that files do not collide.
fn valid_file(rng: &mut Rng, base: usize) -> String {
    let levels = ["秘密", "机密", "绝密", "内部", "非密"];
    let states = ["在册", "已清退", "已归档", "已销毁", "借出", ""];
    let titles = [
        "关于做好保密自查的通知",
        "防汛工作方案",
        "\"含逗号, 和\"\"引号\"\"的标题\"",
        "2026年度保密工作要点",
    ];
    let mut s = String::new();
    if rng.chance(3) {
        s.push('\u{feff}');
    }
    s.push_str(HEAD);
    let n = 1 + rng.below(6);
    for k in 0..n {
        s.push_str(if rng.chance(4) { "\r\n" } else { "\n" });
        let level = *rng.pick(&levels);
        let period = if matches!(level, "内部" | "非密") {
            ""
        } else {
            *rng.pick(&["", "10年", "长期"])
        };
        let no = if rng.chance(4) {
            String::new()
        } else {
            format!("2024-收-{:04}", base + k)
        };
        s.push_str(&format!(
            "{no},2024-{:02}-{:02},市委办,江委办〔2024〕{k}号,{},{level},{period},{},,{},{},1号柜,李强",
            1 + rng.below(12),
            1 + rng.below(28),
            rng.pick(&titles),
            1 + rng.below(5),
            if rng.chance(3) { "2030-01-31" } else { "" },
            rng.pick(&states),
        ));
    }
    if rng.chance(2) {
        s.push('\n');
    }
    s
}

/// One mutation of the kind a broken export or a hostile hand makes.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let at = |rng: &mut Rng, bytes: &Vec<u8>| rng.below(bytes.len() + 1);
    let insert = |bytes: &mut Vec<u8>, i: usize, what: &[u8]| {
        bytes.splice(i..i, what.iter().copied());
    };
    match rng.below(14) {
        0 => {
            let i = at(rng, bytes);
            insert(bytes, i, b"\"");
        }
        1 => {
            let i = at(rng, bytes);
            insert(bytes, i, b"\n");
        }
        2 => {
            let i = at(rng, bytes);
            insert(bytes, i, b"\r");
        }
        3 => {
            let i = at(rng, bytes);
            insert(bytes, i, b"\0");
        }
        4 => {
            let i = at(rng, bytes);
            insert(bytes, i, "\u{feff}".as_bytes());
        }
        5 => {
            let i = at(rng, bytes);
            insert(bytes, i, b",");
        }
        6 => {
            // A huge field: around the 2,000-character limit, or far over it.
            let n = *rng.pick(&[1999, 2000, 2001, 5000, 40_000]);
            let i = at(rng, bytes);
            insert(bytes, i, "密".repeat(n).as_bytes());
        }
        7 => {
            // A second column for something the header already has.
            let dup = rng.pick(&["密级", "涉密级别", "标题", "文件名称", "收文编号", "份数"]);
            let end = bytes
                .iter()
                .position(|b| *b == b'\n' || *b == b'\r')
                .unwrap_or(bytes.len());
            insert(bytes, end, format!(",{dup}").as_bytes());
        }
        8 => {
            if !bytes.is_empty() {
                let i = rng.below(bytes.len());
                let n = 1 + rng.below(8.min(bytes.len() - i));
                bytes.drain(i..i + n);
            }
        }
        9 => {
            // A control, C1 or bidi character.
            let c = rng.pick(&[
                "\u{1b}]2;x\u{7}",
                "\u{9b}",
                "\u{7f}",
                "\u{202e}",
                "\t",
                "\u{2028}",
            ]);
            let i = at(rng, bytes);
            insert(bytes, i, c.as_bytes());
        }
        10 => {
            // A hostile value where a value is.
            let v = rng.pick(&[
                "../../etc/passwd",
                "9223372036854775807",
                "-2025-01-01",
                "9999-12-31",
                "0000-01-01",
                "2026-11-28",
                "0",
                "-1",
                "绝密",
                "",
                "=cmd|' /C calc'!A0",
            ]);
            let commas: Vec<usize> = bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b',')
                .map(|(i, _)| i + 1)
                .collect();
            let i = if commas.is_empty() {
                0
            } else {
                *rng.pick(&commas)
            };
            insert(bytes, i, v.as_bytes());
        }
        11 => {
            // A random byte (perhaps breaking UTF-8).
            let i = at(rng, bytes);
            let b = rng.next() as u8;
            insert(bytes, i, &[b]);
        }
        12 => {
            // Duplicate a line (a number used twice).
            let text = String::from_utf8_lossy(bytes).to_string();
            let lines: Vec<&str> = text.split('\n').collect();
            if lines.len() > 1 {
                let l = lines[1 + rng.below(lines.len() - 1)];
                bytes.extend(format!("\n{l}").as_bytes());
            }
        }
        _ => {
            // Keep only the header.
            let end = bytes
                .iter()
                .position(|b| *b == b'\n')
                .unwrap_or(bytes.len());
            bytes.truncate(end);
        }
    }
}

/// Random bytes, biased towards what a CSV reader must think about.
fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let alphabet: &[&[u8]] = &[
        b",",
        b"\"",
        b"\n",
        b"\r",
        b"\0",
        b"a",
        b"1",
        b"-",
        "收".as_bytes(),
        "标题".as_bytes(),
        "密级".as_bytes(),
        "\u{feff}".as_bytes(),
        b"\xff",
        b"\xe6",
    ];
    let n = rng.below(300);
    let mut v = Vec::new();
    if rng.chance(2) {
        v.extend(HEAD.as_bytes());
        v.push(b'\n');
    }
    for _ in 0..n {
        if rng.chance(3) {
            v.push(rng.next() as u8);
        } else {
            let piece: &[u8] = alphabet[rng.below(alphabet.len())];
            v.extend_from_slice(piece);
        }
    }
    v
}

/// Lines after the header that are rows for an oracle independent of the reader: any line with
/// something other than white space, commas and quotes.
fn expected_rows(bytes: &[u8], header_line: usize) -> usize {
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let text = text.trim_start_matches('\u{feff}');
    text.split("\r\n")
        .flat_map(|l| l.split(['\n', '\r']))
        .enumerate()
        .filter(|(i, l)| {
            i + 1 > header_line
                && l.chars()
                    .any(|c| !c.is_whitespace() && c != ',' && c != '"')
        })
        .count()
}

/// Every error names a line: `第N行…` with N between 1 and the number of lines.
fn assert_names_lines(errors: &[String], bytes: &[u8]) {
    let lines = bytes
        .iter()
        .filter(|b| **b == b'\n' || **b == b'\r')
        .count()
        + 1;
    for e in errors {
        let rest = e
            .strip_prefix('第')
            .unwrap_or_else(|| panic!("error without a line: {e}"));
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let n: usize = digits
            .parse()
            .unwrap_or_else(|_| panic!("error without a line number: {e}"));
        assert!(
            rest[digits.len()..].starts_with('行'),
            "error without 行: {e}"
        );
        assert!(n >= 1 && n <= lines, "line {n} of {lines}: {e}");
    }
}

/// What any accepted row must be: bounded, clean text, a date within bounds and not after today.
fn assert_row_is_sane(receipt: &baomi::domain::paper::Receipt) {
    let texts = [
        &receipt.originator,
        &receipt.doc_no,
        &receipt.title,
        &receipt.copy_nos,
        &receipt.location,
        &receipt.holder,
    ];
    for t in texts {
        assert!(!t.chars().any(is_unsafe), "unsafe text accepted: {t:?}");
        assert!(t.chars().count() <= TITLE_MAX, "long text accepted");
    }
    assert!(!receipt.title.trim().is_empty());
    assert!(dates::in_bounds(receipt.on) && receipt.on <= today());
    if let Some(r) = receipt.return_by {
        assert!(dates::in_bounds(r) && r <= dates::latest_deadline(today()));
    }
    assert!((1..=9999).contains(&receipt.copies));
    if let Some(no) = &receipt.no {
        assert!(baomi::domain::numbering::check_number("收文编号", no).is_ok());
    }
}

/// A new 绝密 unit's database with one officer, for imports (every level may be imported).
fn officer_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("fuzz.db"), OpenMode::Create).unwrap();
    s.change(&common::officer(), |c| {
        store::settings::set(c, "highest_level", "绝密")?;
        accounts::add(
            c,
            "liqiang",
            "李强",
            baomi::domain::account::Role::Officer,
            "Baomi@2026-li",
            baomi::domain::account::PasswordPolicy::for_level(baomi::domain::level::Level::Secret),
        )
    })
    .unwrap();
    (dir, s)
}

fn paper_count(s: &Store) -> i64 {
    s.conn()
        .query_row("SELECT count(*) FROM paper", [], |r| r.get(0))
        .unwrap()
}

// issue 8 point 16 (a): random bytes and mutated ledger files never panic the importer; a file
// either imports all its rows (as many as it has) or nothing, with errors that name lines. Every
// few cases the whole import runs against a database, and the ledger grows by exactly the rows
// or not at all.
#[test]
fn fuzz_ledger_import_is_all_or_nothing() {
    let n = cases(3000);
    let mut rng = Rng::new(0x0BA0_1111_2026_0008);
    let (_dir, mut store) = officer_store();
    let format = store::settings::load(store.conn())
        .unwrap()
        .format(Series::Receipt)
        .to_string();
    let (mut imported, mut refused, mut stored) = (0, 0, 0);
    for i in 0..n {
        let bytes = if rng.chance(5) {
            random_bytes(&mut rng)
        } else {
            let mut b = valid_file(&mut rng, 10 * i).into_bytes();
            for _ in 0..rng.below(4) {
                mutate(&mut rng, &mut b);
            }
            b
        };
        let with_store = i % 10 == 0;
        run_case("ledger import", i, &bytes, || {
            // The header is the first row naming ledger columns (rows above it are titles).
            let ((good, errors), info) =
                ledger_file::check_with(&bytes, ledger_file::Options::default(), today());
            assert_names_lines(&errors, &bytes);
            if errors.is_empty() {
                let header_line = info.map(|i| i.header_line).unwrap_or(1);
                assert_eq!(
                    good.len(),
                    expected_rows(&bytes, header_line),
                    "every row, and only rows"
                );
                for (_, r, _) in &good {
                    assert_row_is_sane(r);
                }
            }
            if with_store {
                let before = paper_count(&store);
                let rows: Vec<ImportRow> = good
                    .iter()
                    .map(|(line, receipt, state)| ImportRow {
                        line: *line,
                        receipt: receipt.clone(),
                        state: *state,
                    })
                    .collect();
                let had_errors = !errors.is_empty();
                let result = store.change(&common::officer(), |c| {
                    import::papers(c, &rows, errors.clone(), &format, "fuzz.csv")
                });
                let after = paper_count(&store);
                match result {
                    Ok(done) => {
                        stored += 1;
                        assert!(!had_errors, "imported despite errors");
                        assert_eq!(done.count, rows.len());
                        assert_eq!(after - before, rows.len() as i64, "all rows imported");
                    }
                    Err(e) => {
                        assert_eq!(after, before, "nothing imported on {e}");
                        let msg = e.to_string();
                        assert!(msg.contains("第"), "the refusal names lines: {msg}");
                    }
                }
            }
        });
        if ledger_file::check(&bytes, today()).1.is_empty() {
            imported += 1;
        } else {
            refused += 1;
        }
    }
    // The generator reaches both outcomes, or it tests little.
    eprintln!("{n} files: {imported} good, {refused} refused; {stored} imported into the database");
    assert!(
        imported > n / 10 && refused > n / 10,
        "{imported} good, {refused} refused"
    );
    assert!(stored > n / 100, "{stored} imports reached the database");
}

/// A string of what people type into a date field, and what they should not.
fn random_date_text(rng: &mut Rng) -> String {
    let parts = [
        "2026",
        "1949",
        "2100",
        "2101",
        "1948",
        "0000",
        "9999",
        "-",
        "/",
        ".",
        "年",
        "月",
        "日",
        "号",
        " ",
        "+",
        "0",
        "1",
        "12",
        "13",
        "29",
        "30",
        "31",
        "32",
        "２０２６",
        "－",
        "１",
        "\u{3000}",
        "a",
        "\u{1b}",
        "99999999999999999999",
        "-2025",
        "02",
        "",
    ];
    let n = rng.below(7);
    (0..n).map(|_| *rng.pick(&parts)).collect()
}

/// A near-valid date: year, month and day near and past their limits, in the forms people write.
fn near_date_text(rng: &mut Rng) -> String {
    let y: i64 = *rng.pick(&[
        -1, 0, 1, 999, 1000, 1948, 1949, 1950, 2025, 2026, 2027, 2036, 2037, 2100, 2101, 9999,
        10000,
    ]);
    let m: i64 = rng.below(15) as i64 - 1;
    let d: i64 = rng.below(35) as i64 - 1;
    match rng.below(6) {
        0 => format!("{y}-{m:02}-{d:02}"),
        1 => format!("{y}/{m}/{d}"),
        2 => format!("{y}年{m}月{d}日"),
        3 => format!("{y:04}{m:02}{d:02}"),
        4 => format!("{y}.{m}.{d}"),
        _ => format!(" {y}-{m}-{d} "),
    }
}

// issue 8 point 16 (b): date parsing never panics, and every date accepted lies within
// 1949-01-01 ..= 2100-12-31; a past date is not after today, a deadline not past ten years on.
#[test]
fn fuzz_dates_stay_within_bounds() {
    let n = cases(20_000);
    let mut rng = Rng::new(0xDA7E_1949_2100_0010);
    let mut accepted = 0;
    for i in 0..n {
        let text = if rng.chance(2) {
            random_date_text(&mut rng)
        } else {
            near_date_text(&mut rng)
        };
        let today = ymd(
            1949 + rng.below(152) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        );
        run_case("date", i, text.as_bytes(), || {
            let _ = dates::parse(&text);
            if let Ok(d) = dates::parse_field("日期", &text) {
                assert!(dates::in_bounds(d), "{d} accepted");
                accepted += 1;
            }
            if let Ok(Some(d)) = dates::parse_optional("日期", &text) {
                assert!(dates::in_bounds(d));
            }
            if let Ok(d) = dates::parse_past("日期", &text, today) {
                assert!(dates::in_bounds(d) && d <= today, "{d} after {today}");
            }
            if let Ok(d) = dates::parse_deadline("日期", &text, today) {
                assert!(dates::in_bounds(d) && d <= dates::latest_deadline(today));
            }
            if let Ok(Some(d)) = dates::parse_optional_deadline("日期", &text, today) {
                assert!(dates::in_bounds(d));
            }
            if let Ok(baomi::domain::level::Period::Until(d)) =
                baomi::domain::level::Period::parse_field("保密期限", &text)
            {
                assert!(dates::in_bounds(d));
            }
        });
    }
    assert!(
        accepted > n / 20,
        "the generator reaches valid dates: {accepted}"
    );
}
