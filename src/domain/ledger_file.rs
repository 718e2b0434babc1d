//! Reading a paper ledger file (CSV, the register's own headers or the synonyms officers'
//! spreadsheets use) into rows, all or nothing. Pure: bytes in, rows or line-numbered errors out.
//!
//! A ledger row is one line. No ledger field may hold a line break, so a quoted field that does not
//! close on its own line is an error naming the line where the quote opened: with a lenient CSV
//! reader, `"未闭合的标题` swallowed the next row into its title and the import said 已导入 1 件
//! for a two-row file (issue 8 point 5). Everything else a hostile or broken file can hold is
//! bounded and named too (issue 8 point 11): the file's size, the number of rows and columns, each
//! field's length, control characters, a column given twice, a file with no data rows.

use chrono::NaiveDate;

use super::carrier::PaperState;
use super::paper::{Column, LEDGER_HEADERS, LedgerRow, Receipt, check_rows, column_for};
use super::text::{TEXT_MAX, TITLE_MAX, check_text};

/// The largest file read at all (checked before reading: the file may be a device that never ends).
pub const FILE_MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The most data rows in one file; a larger ledger is imported in parts.
pub const ROWS_MAX: usize = 200_000;
/// The most columns a header may have.
pub const COLUMNS_MAX: usize = 200;
/// The longest field kept while reading; each column's own limit is checked with the row.
pub const FIELD_MAX: usize = TITLE_MAX;

/// Every row, checked, with its line number: or every error, each naming its line.
pub type FileCheck = (Vec<(usize, Receipt, PaperState)>, Vec<String>);

/// Reads and checks a whole file. Rows that passed are returned beside the errors so that the
/// store can add its own (a number already in the ledger); a file imports only when there are no
/// errors at all (`store::import::papers`).
pub fn check(bytes: &[u8], today: NaiveDate) -> FileCheck {
    match read(bytes) {
        Ok(rows) => check_rows(&rows, today),
        Err(errors) => (vec![], errors),
    }
}

/// Decodes the file: UTF-8, with or without a byte-order mark.
fn decode(bytes: &[u8]) -> Result<&str, String> {
    if bytes.len() as u64 > FILE_MAX_BYTES {
        return Err(format!(
            "第1行：文件过大（{} 字节），最大 {} MB，请分批导入",
            bytes.len(),
            FILE_MAX_BYTES / 1024 / 1024
        ));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("第1行：文件是 UTF-16 编码，请在表格软件中另存为“CSV UTF-8”后导入".into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        format!("第{line}行：不是 UTF-8 编码的文字，请在表格软件中另存为“CSV UTF-8”后导入")
    })
}

/// The lines of the text with their numbers (1-based). A line ends at `\r\n`, `\n` or a lone `\r`.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
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
fn fields(line: &str, keep: usize) -> Result<(Vec<String>, Option<usize>), (usize, String)> {
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

/// Reads the rows of a ledger file; every problem is named by its line.
pub fn read(bytes: &[u8]) -> Result<Vec<LedgerRow>, Vec<String>> {
    let text = decode(bytes).map_err(|e| vec![e])?;
    let mut lines = lines(text).filter(|(_, l)| !l.trim().is_empty());
    let Some((header_line, header)) = lines.next() else {
        return Err(vec!["第1行：文件是空的，没有表头和数据行".into()]);
    };
    let header_fields = match fields(header, COLUMNS_MAX) {
        Ok((h, None)) => h,
        Ok((_, Some(_))) => {
            return Err(vec![format!(
                "第{header_line}行：表头超过 {COLUMNS_MAX} 列，不是台帐"
            )]);
        }
        Err((col, e)) => return Err(vec![format!("第{header_line}行：表头第{col}列{e}")]),
    };
    let mut errors = Vec::new();
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(header_fields.len());
    let mut seen: Vec<(Column, usize, String)> = Vec::new();
    for (i, h) in header_fields.iter().enumerate() {
        if let Err(e) = check_text(&format!("表头第{}列", i + 1), h, TEXT_MAX) {
            errors.push(format!("第{header_line}行：{e}"));
            columns.push(None);
            continue;
        }
        let col = column_for(h);
        if let Some(c) = col {
            if let Some((_, j, first)) = seen.iter().find(|(s, _, _)| *s == c) {
                errors.push(format!(
                    "第{header_line}行：第{j}列「{first}」和第{}列「{}」是同一栏，只能有一列（不知该用哪一列）",
                    i + 1,
                    h.trim()
                ));
            } else {
                seen.push((c, i + 1, h.trim().to_string()));
            }
        }
        columns.push(col);
    }
    if !columns.contains(&Some(Column::Title)) {
        errors.push(format!(
            "第{header_line}行：表头中没有标题列（可写作 标题、文件名称、名称 等）；应有的表头：{}",
            LEDGER_HEADERS
                .iter()
                .map(|(h, _)| *h)
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let keep = columns.len();
    let mut rows = Vec::new();
    for (line, text) in lines {
        if rows.len() >= ROWS_MAX {
            errors.push(format!("第{line}行：文件超过 {ROWS_MAX} 行，请分批导入"));
            break;
        }
        let (values, extra) = match fields(text, keep) {
            Ok(v) => v,
            Err((col, e)) => {
                let name = header_fields
                    .get(col - 1)
                    .map(|h| format!("（{}）", h.trim()))
                    .unwrap_or_default();
                errors.push(format!("第{line}行：第{col}列{name}{e}"));
                continue;
            }
        };
        if values.iter().all(|v| v.trim().is_empty()) && extra.is_none() {
            continue;
        }
        if let Some(col) = extra {
            errors.push(format!(
                "第{line}行：第{col}列超出表头的 {keep} 列（字段中的逗号须加引号）"
            ));
            continue;
        }
        let mut row = LedgerRow {
            line,
            ..LedgerRow::default()
        };
        for (i, v) in values.into_iter().enumerate() {
            match columns.get(i).copied().flatten() {
                Some(Column::No) => row.form.no = v,
                Some(Column::Date) => row.form.date = v,
                Some(Column::Originator) => row.form.originator = v,
                Some(Column::DocNo) => row.form.doc_no = v,
                Some(Column::Title) => row.form.title = v,
                Some(Column::Level) => row.form.level = v,
                Some(Column::Period) => row.form.period = v,
                Some(Column::Copies) => row.form.copies = v,
                Some(Column::CopyNos) => row.form.copy_nos = v,
                Some(Column::ReturnBy) => row.form.return_by = v,
                Some(Column::State) => row.state = v,
                Some(Column::Location) => row.form.location = v,
                Some(Column::Holder) => row.form.holder = v,
                None => {}
            }
        }
        rows.push(row);
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(format!(
            "第{header_line}行之后没有数据行：文件只有表头，未导入任何一行"
        ));
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;

    const HEAD: &str = "收文编号,收文日期,来文单位,文号,标题,密级,保密期限,份数,份号,清退期限,状态,存放位置,持有人";

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
        assert!(refused(b"\xFF\xFEa\0")[0].contains("UTF-16"));
        let mut latin = file(&[GOOD]);
        latin.extend(b"\xB1\xEA\xCC\xE2\n");
        assert!(refused(&latin)[0].starts_with("第3行：不是 UTF-8"));
        let many = vec!["标题"; COLUMNS_MAX + 1].join(",");
        assert!(refused(many.as_bytes())[0].contains("表头超过"));
        let header_ctl = "标题,密\u{1b}级\n某文件,秘密\n";
        assert!(refused(header_ctl.as_bytes())[0].contains("表头第2列"));
    }
}
