//! A receipt as typed into the form, the command line or a spreadsheet row, and its checks
//! (R-PAP-3, R-CLS-2).

use chrono::NaiveDate;

use crate::domain::level::{Level, Period};

/// A receipt as typed into the form, the CLI or a spreadsheet row: all text, checked by `parse`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReceiveForm {
    pub no: String,
    pub date: String,
    pub originator: String,
    pub doc_no: String,
    pub title: String,
    pub level: String,
    pub period: String,
    pub scope: String,
    pub copies: String,
    pub copy_nos: String,
    pub return_by: String,
    pub location: String,
    pub holder: String,
    /// 承办部门: the department the paper is for (the yearly set's per-department sheets).
    pub dept: String,
    pub no_keep: bool,
    pub cipher: bool,
    pub no_copy: bool,
}

/// A checked receipt, ready to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// A number given (an import); `None` to issue the next one.
    pub no: Option<String>,
    pub on: NaiveDate,
    pub originator: String,
    pub doc_no: String,
    pub title: String,
    pub level: Level,
    pub period: Option<Period>,
    pub scope: Vec<String>,
    pub copies: i64,
    pub copy_nos: String,
    pub return_by: Option<NaiveDate>,
    pub location: String,
    pub holder: String,
    pub dept: String,
    pub keep: bool,
    pub cipher: bool,
    pub no_copy: bool,
}

impl ReceiveForm {
    /// Checks every field and names the first that is wrong (R-PAP-3, R-CLS-2).
    pub fn parse(&self, today: NaiveDate) -> crate::domain::Checked<Receipt> {
        use crate::domain::Refusal;
        use crate::domain::dates;
        use crate::domain::text::{LIST_MAX, TEXT_MAX, TITLE_MAX, check_text};
        // Issue 8 point 12: no control character and a sane length in any field, first.
        for (field, value, max) in [
            ("收文编号", &self.no, TEXT_MAX),
            ("收文日期", &self.date, TEXT_MAX),
            ("来文单位", &self.originator, TEXT_MAX),
            ("文号", &self.doc_no, TEXT_MAX),
            ("标题", &self.title, TITLE_MAX),
            ("密级", &self.level, TEXT_MAX),
            ("保密期限", &self.period, TEXT_MAX),
            ("知悉范围", &self.scope, LIST_MAX),
            ("份数", &self.copies, TEXT_MAX),
            ("份号", &self.copy_nos, LIST_MAX),
            ("清退期限", &self.return_by, TEXT_MAX),
            ("存放位置", &self.location, TEXT_MAX),
            ("持有人", &self.holder, TEXT_MAX),
            ("承办部门", &self.dept, TEXT_MAX),
        ] {
            check_text(field, value, max)?;
        }
        crate::domain::rules::paper::check_receive(&self.title, &self.originator, 1, "")?;
        let on = if self.date.trim().is_empty() {
            today
        } else {
            dates::parse_past("收文日期", &self.date, today)?
        };
        let level = Level::parse_field("密级", &self.level)?;
        let period = if self.period.trim().is_empty() {
            level.default_period()
        } else if level.is_state_secret() {
            Some(Period::parse_field("保密期限", &self.period)?)
        } else {
            return Err(Refusal::field("保密期限", format!("{level}件没有保密期限")));
        };
        let copies = if self.copies.trim().is_empty() {
            1
        } else {
            crate::domain::text::to_half_width(self.copies.trim())
                .parse::<i64>()
                .map_err(|_| {
                    Refusal::field("份数", format!("「{}」不是整数", self.copies.trim()))
                })?
        };
        crate::domain::rules::paper::check_copies(copies, &self.copy_nos)?;
        let return_by = dates::parse_optional_deadline("清退期限", &self.return_by, today)?;
        if let Some(r) = return_by
            && r < on
        {
            return Err(Refusal::field("清退期限", "不能早于收文日期"));
        }
        let no = if self.no.trim().is_empty() {
            None
        } else {
            Some(crate::domain::numbering::check_number(
                "收文编号",
                &self.no,
            )?)
        };
        Ok(Receipt {
            no,
            on,
            originator: self.originator.trim().to_string(),
            doc_no: self.doc_no.trim().to_string(),
            title: self.title.trim().to_string(),
            level,
            period,
            scope: crate::domain::text::split_list(&self.scope),
            copies,
            copy_nos: crate::domain::text::split_list(&self.copy_nos).join(","),
            return_by,
            location: self.location.trim().to_string(),
            holder: self.holder.trim().to_string(),
            dept: self.dept.trim().to_string(),
            keep: !self.no_keep,
            cipher: self.cipher,
            no_copy: self.no_copy,
        })
    }
}
