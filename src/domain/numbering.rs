//! The unit's own running numbers (R-PAP-4): a format such as `{年}-收-{序号:04}` where `{年}` is
//! the year and `{序号}` the running number of that year, optionally zero-padded to a width.

use super::error::{Checked, Refusal};

/// Which running number. Each has its own format setting and its own sequence per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Series {
    /// 收文编号
    Receipt,
    /// 发文编号
    Dispatch,
    /// 制作登记编号
    Make,
    /// 复印件编号
    Copy,
    /// 汇编编号
    Compile,
}

impl Series {
    pub fn code(self) -> &'static str {
        match self {
            Series::Receipt => "receipt",
            Series::Dispatch => "dispatch",
            Series::Make => "make",
            Series::Copy => "copy",
            Series::Compile => "compile",
        }
    }

    pub fn default_format(self) -> &'static str {
        match self {
            Series::Receipt => "{年}-收-{序号:04}",
            Series::Dispatch => "{年}-发-{序号:04}",
            Series::Make => "{年}-制-{序号:04}",
            Series::Copy => "{年}-复-{序号:04}",
            Series::Compile => "{年}-编-{序号:04}",
        }
    }

    /// The setting key that holds this series' format.
    pub fn setting_key(self) -> &'static str {
        match self {
            Series::Receipt => "receipt_format",
            Series::Dispatch => "dispatch_format",
            Series::Make => "make_format",
            Series::Copy => "copy_format",
            Series::Compile => "compile_format",
        }
    }
}

/// Checks a format the user typed: it must hold `{序号}` (or `{序号:NN}`) so that numbers differ,
/// and only the placeholders we know.
pub fn check_format(format: &str) -> Checked<()> {
    let mut rest = format;
    let mut has_seq = false;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            return Err(Refusal::field("编号格式", "有未闭合的「{」"));
        };
        let token = &rest[open + 1..open + close];
        match token.split_once(':') {
            None if token == "年" => {}
            None if token == "序号" => has_seq = true,
            Some(("序号", width)) if width.parse::<u8>().is_ok_and(|w| w <= 12) => has_seq = true,
            _ => {
                return Err(Refusal::field(
                    "编号格式",
                    format!("不认识「{{{token}}}」，只能用 {{年}}、{{序号}} 或 {{序号:04}}"),
                ));
            }
        }
        rest = &rest[open + close + 1..];
    }
    if !has_seq {
        return Err(Refusal::field(
            "编号格式",
            "必须含 {序号}，否则编号会重复（R-PAP-4）",
        ));
    }
    Ok(())
}

/// Renders number `seq` of `year` in `format`. The format has passed `check_format`.
pub fn render(format: &str, year: i32, seq: i64) -> String {
    let mut out = String::new();
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let token = &rest[open + 1..open + close];
        match token.split_once(':') {
            None if token == "年" => out.push_str(&year.to_string()),
            None if token == "序号" => out.push_str(&seq.to_string()),
            Some(("序号", width)) => {
                let w: usize = width.parse().unwrap_or(0);
                let zero = width.starts_with('0');
                if zero {
                    out.push_str(&format!("{seq:0w$}"));
                } else {
                    out.push_str(&format!("{seq:w$}"));
                }
            }
            _ => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // R-PAP-4: numbers are issued in the unit's own format.
    #[test]
    fn r_pap_4_renders_unit_format() {
        assert_eq!(render("{年}-收-{序号:04}", 2026, 153), "2026-收-0153");
        assert_eq!(render("收{年}第{序号}号", 2026, 7), "收2026第7号");
        assert_eq!(render("{年}-发-{序号:04}", 2026, 12345), "2026-发-12345");
    }

    #[test]
    fn r_pap_4_format_must_hold_a_sequence() {
        assert!(check_format("{年}-收-{序号:04}").is_ok());
        assert!(check_format("{年}-收").is_err());
        assert!(check_format("{年}-{月}-{序号}").is_err());
        assert!(check_format("{年}-{序号").is_err());
    }
}
