//! The reader's tests: line numbers, hostile fields, encodings, title rows, cells.
use super::*;
use crate::domain::dates::ymd;

const HEAD: &str =
    "收文编号,收文日期,来文单位,文号,标题,密级,保密期限,份数,份号,清退期限,状态,存放位置,持有人";

fn today() -> NaiveDate {
    ymd(2026, 11, 27)
}

fn file(rows: &[&str]) -> Vec<u8> {
    let mut s = String::from(HEAD);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s.into_bytes()
}

/// The errors of a file that must import nothing.
fn refused(bytes: &[u8]) -> Vec<String> {
    let (_, errors) = check(bytes, today());
    assert!(!errors.is_empty(), "an error is named");
    errors
}

const GOOD: &str =
    "2025-收-9001,2025-03-01,市委办,江委办〔2025〕1号,好的一行,秘密,,1,,,在册,1号柜,李强";

#[test]
fn a_good_file_reads_with_line_numbers() {
    let bytes = file(&[
        GOOD,
        "",
        ",,,,,,,,,,,,",
        "2025-收-9002,2025-03-02,市委办,,\"带,逗号的\"\"标题\"\"\",机密,,2,,,在册,,",
    ]);
    let (good, errors) = check(&bytes, today());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(good.iter().map(|g| g.0).collect::<Vec<_>>(), [2, 5]);
    assert_eq!(good[1].1.title, "带,逗号的\"标题\"");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(
        file(&[GOOD])
            .iter()
            .map(|b| if *b == b'\n' { b'\r' } else { *b }),
    );
    let (good, errors) = check(&bom, today());
    assert!(errors.is_empty() && good.len() == 1, "{errors:?}");
}

// issue 8 point 5: an unbalanced quote swallowed the next row (已导入 1 件 of two); now the line
// where the quote opened is named and nothing imports.
#[test]
fn an_unclosed_quote_names_its_line_and_imports_nothing() {
    let bytes = file(&[
        "2025-收-9001,2025-03-01,市委办,,\"未闭合的标题,秘密,,1,,,在册,,",
        "2025-收-9002,2025-03-01,市委办,,第二行,秘密,,1,,,在册,,",
    ]);
    let errors = refused(&bytes);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("第2行：第5列（标题）的引号未闭合"),
        "{errors:?}"
    );
    let errors = refused(&file(&[
        "2025-收-9001,2025-03-01,市委办,,\"标题\"多余,秘密,,1,,,在册,,",
    ]));
    assert!(errors[0].contains("结束引号后还有文字"), "{errors:?}");
    // A quoted field holding a line break is the same error: no ledger field has one.
    let errors = refused(&file(&[
        "2025-收-9001,2025-03-01,市委办,,\"第一行\n第二行\",秘密,,1,,,在册,,",
    ]));
    assert!(errors[0].starts_with("第2行："), "{errors:?}");
}

// issue 8 point 11: a column given twice (a second 密级 made a paper 绝密) is refused.
#[test]
fn a_column_given_twice_is_refused() {
    let bytes = format!("{HEAD},涉密级别\n{GOOD},绝密\n").into_bytes();
    let errors = refused(&bytes);
    assert!(
        errors[0].contains("第6列「密级」和第14列「涉密级别」是同一栏"),
        "{errors:?}"
    );
    let bytes = "标题,密级,密级\n某文件,秘密,绝密\n".as_bytes().to_vec();
    assert!(refused(&bytes)[0].contains("同一栏"));
}

// issue 8 point 11: a file with only its header says so and imports nothing.
#[test]
fn a_header_only_file_is_an_error() {
    assert!(refused(&file(&[]))[0].contains("没有数据行"));
    assert!(refused(b"")[0].contains("空的"));
    assert!(refused(b"\xEF\xBB\xBF\n\n")[0].contains("空的"));
}

// issue 8 point 11: NUL and other control characters, over-long fields, wider rows, other
// encodings: each a named error.
#[test]
fn hostile_fields_are_named() {
    let nul = GOOD.replace("好的一行", "好的\0一行");
    assert!(refused(&file(&[&nul]))[0].contains("第2行：标题：第3个字处含有空字符"));
    let esc = GOOD.replace("1号柜", "1号柜\u{1b}]2;x\u{7}");
    assert!(refused(&file(&[&esc]))[0].contains("存放位置"));
    let huge = GOOD.replace("好的一行", &"标".repeat(FIELD_MAX + 1));
    assert!(refused(&file(&[&huge]))[0].contains("第5列（标题）超过 2000 个字"));
    let long_no = GOOD.replace("2025-收-9001", &"1".repeat(5000));
    assert!(refused(&file(&[&long_no]))[0].contains("收文编号"));
    let path = GOOD.replace("2025-收-9001", "../../etc/passwd");
    assert!(refused(&file(&[&path]))[0].contains("路径分隔符"));
    let copies = GOOD.replace(",1,,,在册", ",9223372036854775807,,,在册");
    assert!(refused(&file(&[&copies]))[0].contains("份数"));
    let wide = format!("{GOOD},多出的一列");
    assert!(refused(&file(&[&wide]))[0].contains("第14列超出表头"));
    let trailing = format!("{GOOD},, ,");
    assert!(check(&file(&[&trailing]), today()).1.is_empty());
    let minus = GOOD.replace("2025-03-01", "-2025-03-01");
    assert!(refused(&file(&[&minus]))[0].contains("收文日期"));
    // UTF-16 ending in half a character; a UTF-8 file with a GBK line in it.
    assert!(refused(b"\xFF\xFE\x07\x68\x98\x98\x00")[0].contains("UTF-16"));
    let mut mixed = file(&[GOOD]);
    mixed.extend(b"\xB1\xEA\xCC\xE2\n");
    assert!(refused(&mixed)[0].starts_with("第3行：文件前面是 UTF-8"));
    let many = vec!["标题"; COLUMNS_MAX + 1].join(",");
    assert!(refused(many.as_bytes())[0].contains("表头超过"));
    let header_ctl = "标题,密\u{1b}级\n某文件,秘密\n";
    assert!(refused(header_ctl.as_bytes())[0].contains("表头第2列"));
}

fn encoded(codec: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    codec.encode(text).0.into_owned()
}

fn read_as(bytes: &[u8]) -> ReadAs {
    let ((good, errors), info) = check_with(bytes, Options::default(), today());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(good[0].1.title, "好的一行");
    info.unwrap().read_as
}

// issue 9 point 19: GBK (as Excel and WPS save CSV on a Chinese Windows), UTF-16 with its
// mark, UTF-8 with or without it; each is said.
#[test]
fn encodings_are_detected_and_named() {
    let text = String::from_utf8(file(&[GOOD])).unwrap();
    let gbk = encoded(encoding_rs::GBK, &text);
    assert!(std::str::from_utf8(&gbk).is_err());
    assert_eq!(read_as(&gbk), ReadAs::Csv(Encoding::Gb18030));
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read_as(&le), ReadAs::Csv(Encoding::Utf16Le));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(read_as(&be), ReadAs::Csv(Encoding::Utf16Be));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    assert_eq!(read_as(&bom), ReadAs::Csv(Encoding::Utf8Bom));
    assert_eq!(read_as(text.as_bytes()), ReadAs::Csv(Encoding::Utf8));
    // Latin-1 is none of them: refused in Chinese, naming the line.
    let mut latin = b"\xB1\xEA\xCC\xE2,\xC3\xDC\xBC\xB6\n".to_vec();
    latin.extend(b"Caf\xE9,\xE0 la carte\n");
    let e = refused(&latin);
    assert!(
        e[0].starts_with("第2行：文件不是 UTF-8、UTF-16 或 GB18030（GBK）编码的文字"),
        "{e:?}"
    );
}

// issue 9 point 20: title rows above the header are skipped; the header is found.
#[test]
fn title_rows_above_the_header_are_skipped() {
    let bytes = format!("2025年收文登记簿,,,\n填报单位：某局,,,\n{HEAD}\n{GOOD}\n").into_bytes();
    let ((good, errors), info) = check_with(&bytes, Options::default(), today());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(good[0].0, 4);
    assert_eq!(info.unwrap().header_line, 3);
}

// issue 9 point 21, R-PAP-3: a template without 来文单位 imports, each row marked 待补.
#[test]
fn r_pap_3_a_template_without_originator_reads_marked() {
    let bytes = "序号,日期,文号,名称（内容）,密级,载体形式,数量\n1,2025-03-01,江委〔2025〕1号,某文件,秘密,纸质,2\n"
        .as_bytes();
    let (good, errors) = check(bytes, today());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(good[0].1.originator, crate::domain::gap::MARK);
    assert_eq!(good[0].1.copies, 2);
}

#[test]
fn cells_become_ledger_text() {
    assert_eq!(Cell::Number(1.0).text(Some(Column::Copies)).unwrap(), "1");
    assert_eq!(Cell::Number(2.5).text(None).unwrap(), "2.5");
    assert_eq!(
        Cell::Number(45717.0).text(Some(Column::Date)).unwrap(),
        "2025-03-01"
    );
    assert_eq!(
        Cell::Number(20250301.0).text(Some(Column::Date)).unwrap(),
        "20250301"
    );
    assert!(Cell::Number(-3.0).text(Some(Column::ReturnBy)).is_err());
    assert_eq!(
        Cell::Date(ymd(2025, 3, 1))
            .text(Some(Column::Date))
            .unwrap(),
        "2025-03-01"
    );
}
