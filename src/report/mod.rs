//! Printable documents: one model (title, marking, columns, rows, notes, signature lines) rendered
//! to text, CSV, HTML and PDF. Every rendering that pages carries the highest level of its rows at
//! the top and bottom of each page and 第 x 页 共 y 页 (R-CLS-6).

mod code128;
pub mod csv;
pub mod deliver;
pub mod document;
pub mod due;
pub mod font;
pub mod hours;
pub mod html;
pub mod incident_form;
pub mod inspection_form;
pub mod label_sheet;
pub mod labels;
pub mod pdf;
pub mod person_form;
pub mod print;
pub mod record_form;
pub mod registers;
pub mod selfcheck;
pub mod step_form;
pub mod tally;
pub mod text;
pub mod xlsx;
pub mod yearbook;

pub use document::{DocRow, Document};

/// The output formats a document can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Html,
    Pdf,
    /// A workbook: only the yearly ledger set is written as one (`yearbook`); not parsed here.
    Xlsx,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "table" | "text" | "txt" => Format::Table,
            "csv" => Format::Csv,
            "json" => Format::Json,
            "html" | "htm" => Format::Html,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Table => "txt",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
        }
    }
}

/// One event of a paper's history in a line: who, where, how, as the page and the CLI show it.
pub fn event_detail(e: &crate::store::papers::EventRecord) -> String {
    use crate::domain::carrier::EventKind as E;
    use crate::domain::dates::zh;
    let mut parts: Vec<String> = Vec::new();
    let mut push = |label: &str, v: &str| {
        if !v.trim().is_empty() {
            parts.push(if label.is_empty() {
                v.trim().to_string()
            } else {
                format!("{label}{}", v.trim())
            });
        }
    };
    match e.kind {
        E::Receive => {
            push("来文单位：", &e.unit);
            push("签收人：", &e.person);
        }
        E::Send => {
            push("发往：", &e.unit);
            push("发文编号：", &e.reference);
            push("方式：", &e.channel);
        }
        E::Transfer => {
            push("送往：", &e.unit);
            push("方式：", &e.channel);
            push("护送：", &e.persons);
        }
        E::Circulate => {
            push("阅读人：", &e.person);
            push("", &e.unit);
            push("地点：", &e.place);
            push("签领：", &e.at);
        }
        E::Loan => {
            push("借阅人：", &e.person);
            if let Some(d) = e.due {
                push("应还：", &zh(d));
            }
            push("签领：", &e.at);
        }
        E::TakeOut => {
            push("携带人：", &e.persons);
            push("去往：", &e.place);
            if let Some(d) = e.due {
                push("预计带回：", &zh(d));
            }
            push("出境许可证：", &e.reference);
            push("签领：", &e.at);
        }
        E::Return | E::HandOver => {
            push("退往：", &e.unit);
            push("签收人：", &e.person);
            push("方式：", &e.channel);
            push("依据：", &e.reference);
        }
        E::Archive => push("档案位置：", &e.place),
        E::Scope => {
            push("知悉范围：", &e.persons);
            push("批示领导：", &e.person);
            push("依据：", &e.reference);
        }
        E::Extend => {
            push("告知：", &e.reference);
            if let Some(d) = e.due {
                push("延长至：", &zh(d));
            }
        }
        E::Copy => {
            if let Some(r) = &e.related {
                push("复印件/原件：", r);
            }
            if let Some(n) = e.copies {
                push("份数：", &n.to_string());
            }
            push("领取人：", &e.person);
            push("批准文号：", &e.reference);
        }
        E::Compile => {
            if let Some(r) = &e.related {
                push("汇编件：", r);
            }
            push("原制发机关批准：", &e.reference);
        }
        E::Destroy => {
            push("销毁人：", &e.persons);
            push("方式：", &e.method);
        }
        E::Review => {
            push("结论：", &e.method);
            if let Some(d) = e.due {
                push("新期限：", &zh(d));
            }
            push("通知文号：", &e.reference);
        }
        E::Make => {
            if let Some(n) = e.copies {
                push("份数：", &n.to_string());
            }
            // R-PAP-29: made at a licensed outside printer.
            push("定点印刷单位：", &e.unit);
            push("复制许可证：", &e.reference);
        }
        E::CirculateBack | E::LoanBack | E::TakeBack => {
            push("时间：", &e.at);
            push("放回：", &e.place);
        }
        E::Issue => push("领用人：", &e.person),
        E::HandIn => {
            push("接收人：", &e.person);
            push("放入：", &e.place);
            push("处理：", &e.method);
        }
        E::Count | E::Check | E::Lost | E::Found => {}
        E::MeetingIssue => {
            push("会议：", &e.reference);
            push("会址：", &e.place);
            push("参会人员：", &e.persons);
            push("签领：", &e.at);
        }
        E::MeetingCollect => {
            push("会议：", &e.reference);
            push("时间：", &e.at);
        }
    }
    if let Some(r) = e.request_id {
        push("申请号：", &r.to_string());
    }
    push("", &e.note);
    parts.join("；")
}
