//! The paper ledger file: its columns, the headers officers' spreadsheets give them, and the
//! checks on every row of an import.

use chrono::NaiveDate;

use super::*;
use crate::domain::carrier::PaperState;

/// A column of the paper ledger file (DESIGN.md), whatever header a spreadsheet gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    No,
    Date,
    Originator,
    DocNo,
    Title,
    Level,
    Period,
    Copies,
    CopyNos,
    ReturnBy,
    State,
    Location,
    Holder,
    /// R-CLS-2: the knowledge scope; last, so the columns before it keep their places.
    Scope,
    /// 承办部门 (issue 12): last, after the contract's columns and 知悉范围.
    Dept,
}

/// The headers `baomi export papers` writes, in order: the contract of DESIGN.md.
pub const LEDGER_HEADERS: [(&str, Column); 15] = [
    ("收文编号", Column::No),
    ("收文日期", Column::Date),
    ("来文单位", Column::Originator),
    ("文号", Column::DocNo),
    ("标题", Column::Title),
    ("密级", Column::Level),
    ("保密期限", Column::Period),
    ("份数", Column::Copies),
    ("份号", Column::CopyNos),
    ("清退期限", Column::ReturnBy),
    ("状态", Column::State),
    ("存放位置", Column::Location),
    ("持有人", Column::Holder),
    ("知悉范围", Column::Scope),
    ("承办部门", Column::Dept),
];

/// Maps a header, as officers' spreadsheets write it (LEDGER-FORMS.md), to its column. White
/// space (full-width too) is ignored; `序号` is a row number, not a ledger number.
pub fn column_for(header: &str) -> Option<Column> {
    let h = crate::domain::text::strip_spaces(header);
    let h = h.as_str();
    Some(match h {
        "收文编号" | "收文号" | "顺序号" | "登记编号" | "编号" => Column::No,
        "收文日期" | "日期" | "登记日期" | "收到日期" => Column::Date,
        "来文单位" | "制作发文单位" | "文件制发单位" | "发文机关" | "来文机关" | "起草部门"
        | "制发机关" | "发文单位" => Column::Originator,
        "文号" | "文号或编号" | "发文字号" | "来文字号" | "文件字号" => {
            Column::DocNo
        }
        "标题"
        | "名称"
        | "文件名称"
        | "文件资料名称"
        | "文件（资料）名称"
        | "文件(资料)名称"
        | "文件资料名称或标题"
        | "名称（内容）"
        | "名称(内容)"
        | "密件名称"
        | "文件标题"
        | "涉密载体内容" => Column::Title,
        "密级" | "涉密级别" | "秘密等级" | "介质密级" | "设备密级" => {
            Column::Level
        }
        "保密期限" => Column::Period,
        "份数" | "份数或数量" | "数量" | "文件份数" => Column::Copies,
        "份号" => Column::CopyNos,
        "清退期限" | "清退时间" | "清退日期" | "退还期限" => Column::ReturnBy,
        "状态" | "使用情况" => Column::State,
        "存放位置" | "放置地点" | "部门/部位名称" | "所属部门" | "保存位置" => {
            Column::Location
        }
        "持有人" | "责任人" | "负责人" | "保管人" | "使用人" | "经办人" | "承办人" | "借阅人"
        | "领取人" => Column::Holder,
        "知悉范围" | "使用范围" | "分发范围" | "阅知范围" => Column::Scope,
        "承办部门" | "使用部门" | "部门" | "承办单位" => Column::Dept,
        _ => return None,
    })
}

/// One row of a ledger file as read, before checking.
#[derive(Debug, Clone, Default)]
pub struct LedgerRow {
    pub line: usize,
    pub form: ReceiveForm,
    pub state: String,
}

/// Checks every row and names each bad one by line: impossible date, unknown level or state,
/// zero or negative copies, missing title, a number used twice in the file.
pub fn check_rows(
    rows: &[LedgerRow],
    today: NaiveDate,
) -> (Vec<(usize, Receipt, PaperState)>, Vec<String>) {
    let mut good = Vec::new();
    let mut errors = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for row in rows {
        let state = if row.state.trim().is_empty() {
            Ok(PaperState::InStock)
        } else {
            PaperState::parse(&row.state).ok_or_else(|| {
                format!(
                    "状态「{}」不是台帐状态（{}）",
                    row.state.trim(),
                    PaperState::ALL.map(PaperState::name).join("、")
                )
            })
        };
        let receipt = row.form.parse(today).map_err(|e| match e {
            crate::domain::Refusal::Rule { message, .. } if message.contains("标题") => {
                "标题为空".to_string()
            }
            other => other.to_string(),
        });
        match (receipt, state) {
            (Ok(r), Ok(s)) => {
                if let Some(no) = &r.no {
                    if let Some(first) = seen.get(no) {
                        errors.push(format!(
                            "第{}行：收文编号 {no} 在文件中重复（第{first}行已有，R-PAP-4）",
                            row.line
                        ));
                        continue;
                    }
                    seen.insert(no.clone(), row.line);
                }
                good.push((row.line, r, s));
            }
            (Err(e), _) | (_, Err(e)) => errors.push(format!("第{}行：{e}", row.line)),
        }
    }
    (good, errors)
}
