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
    /// 保密笔记本编号 (R-PAP-26)
    Notebook,
    /// 移动存储介质保密编号 (R-MED-1)
    Medium,
    /// 计算机保密编号 (R-CMP-1)
    Computer,
    /// 办公自动化设备、手机、电子邮箱编号 (R-DEV-1…3)
    Device,
    /// 涉密机房编号 (R-CMP-11)
    Room,
    /// 涉密人员编号 (R-PER-1)
    Person,
    /// 泄密事件编号 (R-INC-2)
    Incident,
    /// 保密检查编号 (R-INS-1)
    Inspection,
    /// 信息公开保密审查编号 (R-DIS-1)
    Review,
    /// 对外提供资料报批编号 (R-EXT-1)
    Provide,
    /// 涉密会议编号 (R-MTG-1)
    Meeting,
    /// 保密工作记录编号 (R-ORG-1)
    WorkRecord,
    /// 上报保密局的报告编号 (R-ORG-2)
    UnitReport,
    /// 奖惩登记编号 (R-ORG-3)
    Merit,
    /// 协作组活动、信息稿件编号 (R-ORG-4)
    CoopGroup,
    /// 领导干部保密责任考核编号 (R-ORG-5)
    Assessment,
    /// 保密工作人员变动编号 (R-ORG-6)
    StaffChange,
    /// 保密教育培训编号 (R-TRN-1)
    Training,
    /// 保密要害部门部位编号 (R-KEY-1)
    Site,
}

impl Series {
    pub const ALL: [Series; 24] = [
        Series::Receipt,
        Series::Dispatch,
        Series::Make,
        Series::Copy,
        Series::Compile,
        Series::Notebook,
        Series::Medium,
        Series::Computer,
        Series::Device,
        Series::Room,
        Series::Person,
        Series::Incident,
        Series::Inspection,
        Series::Review,
        Series::Provide,
        Series::Meeting,
        Series::WorkRecord,
        Series::UnitReport,
        Series::Merit,
        Series::CoopGroup,
        Series::Assessment,
        Series::StaffChange,
        Series::Training,
        Series::Site,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Series::Receipt => "receipt",
            Series::Dispatch => "dispatch",
            Series::Make => "make",
            Series::Copy => "copy",
            Series::Compile => "compile",
            Series::Notebook => "notebook",
            Series::Medium => "medium",
            Series::Computer => "computer",
            Series::Device => "device",
            Series::Room => "room",
            Series::Person => "person",
            Series::Incident => "incident",
            Series::Inspection => "inspection",
            Series::Review => "review",
            Series::Provide => "provide",
            Series::Meeting => "meeting",
            Series::WorkRecord => "work_record",
            Series::UnitReport => "unit_report",
            Series::Merit => "merit",
            Series::CoopGroup => "coop_group",
            Series::Assessment => "assessment",
            Series::StaffChange => "staff_change",
            Series::Training => "training",
            Series::Site => "site",
        }
    }

    pub fn default_format(self) -> &'static str {
        match self {
            Series::Receipt => "{年}-收-{序号:04}",
            Series::Dispatch => "{年}-发-{序号:04}",
            Series::Make => "{年}-制-{序号:04}",
            Series::Copy => "{年}-复-{序号:04}",
            Series::Compile => "{年}-编-{序号:04}",
            Series::Notebook => "{年}-笔-{序号:04}",
            Series::Medium => "U-{序号:03}",
            Series::Computer => "PC-{序号:03}",
            Series::Device => "SB-{序号:03}",
            Series::Room => "JF-{序号:03}",
            Series::Person => "RY-{序号:03}",
            Series::Incident => "SJ{年}-{序号:02}",
            Series::Inspection => "JC{年}-{序号:02}",
            Series::Review => "{年}-审-{序号:03}",
            Series::Provide => "{年}-外-{序号:03}",
            Series::Meeting => "{年}-会-{序号:03}",
            Series::WorkRecord => "{年}-记-{序号:03}",
            Series::UnitReport => "{年}-报-{序号:03}",
            Series::Merit => "{年}-奖惩-{序号:03}",
            Series::CoopGroup => "{年}-协-{序号:03}",
            Series::Assessment => "{年}-考-{序号:03}",
            Series::StaffChange => "{年}-变-{序号:03}",
            Series::Training => "{年}-培-{序号:03}",
            Series::Site => "YH-{序号:03}",
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
            Series::Notebook => "notebook_format",
            Series::Medium => "medium_format",
            Series::Computer => "computer_format",
            Series::Device => "device_format",
            Series::Room => "room_format",
            Series::Person => "person_format",
            Series::Incident => "incident_format",
            Series::Inspection => "inspection_format",
            Series::Review => "review_format",
            Series::Provide => "provide_format",
            Series::Meeting => "meeting_format",
            Series::WorkRecord => "work_record_format",
            Series::UnitReport => "unit_report_format",
            Series::Merit => "merit_format",
            Series::CoopGroup => "coop_group_format",
            Series::Assessment => "assessment_format",
            Series::StaffChange => "staff_change_format",
            Series::Training => "training_format",
            Series::Site => "site_format",
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

/// The longest ledger number accepted from a file: the default format gives 12 characters.
pub const NUMBER_MAX: usize = 32;

/// A ledger number given in an import (收文编号 of an older ledger): 1 to 32 characters of Han,
/// letters, digits and `- _ . #` or brackets, with a digit among them; no white space, no path
/// separator, no `..`. `../../etc/passwd` and a 5,000-character "number" are refused (issue 8
/// point 11). Full-width forms are taken as half-width first.
pub fn check_number(field: &str, input: &str) -> Checked<String> {
    let s = super::text::to_half_width(input.trim());
    let n = s.chars().count();
    if n > NUMBER_MAX {
        return Err(Refusal::field(
            field,
            format!("{n}个字，太长（最多{NUMBER_MAX}个字，如 2026-收-0153）"),
        ));
    }
    let allowed = |c: char| c.is_alphanumeric() || "-_.#()[]〔〕【】".contains(c);
    if let Some(c) = s.chars().find(|c| !allowed(*c)) {
        let what = match c {
            '/' | '\\' => "路径分隔符".to_string(),
            c if c.is_whitespace() => "空白".to_string(),
            c if super::text::is_unsafe(c) => format!("控制字符 U+{:04X}", u32::from(c)),
            c => format!("「{c}」"),
        };
        return Err(Refusal::field(
            field,
            format!("不能含{what}：编号只能由汉字、字母、数字和 - _ . # 括号组成，如 2026-收-0153"),
        ));
    }
    if s.contains("..") || s.starts_with('.') {
        return Err(Refusal::field(field, "不能含「..」或以「.」开头"));
    }
    if !s.chars().any(|c| c.is_ascii_digit()) {
        return Err(Refusal::field(
            field,
            format!("「{s}」中没有序号数字，如 2026-收-0153"),
        ));
    }
    Ok(s)
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

    // issue 8 point 11: an imported 收文编号 has the shape of a ledger number.
    #[test]
    fn imported_numbers_have_a_sane_shape() {
        for good in [
            "2026-收-0153",
            "收2026第7号",
            "２０２６－收－０１５３",
            "江收〔2025〕12号",
            "A-12",
        ] {
            assert!(check_number("收文编号", good).is_ok(), "{good}");
        }
        assert_eq!(
            check_number("收文编号", "２０２６－收－０１").unwrap(),
            "2026-收-01"
        );
        for bad in [
            "../../etc/passwd",
            "2026/收/0001",
            "2026\\收",
            "..2026",
            ".2026",
            "2026 收 0001",
            "2026-收-\u{1b}1",
            "收文",
            "2026;DROP",
        ] {
            let e = check_number("收文编号", bad).unwrap_err();
            assert_eq!(e.field_name(), Some("收文编号"), "{bad}");
        }
        let long = "1".repeat(5000);
        let e = check_number("收文编号", &long).unwrap_err();
        assert!(
            e.to_string().len() < 200,
            "the number is not echoed whole: {e}"
        );
    }
}
