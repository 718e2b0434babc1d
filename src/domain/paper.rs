//! A paper carrier as the rules see it, and the plans that go into the approval queue.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::carrier::PaperState;
use super::level::{Level, Mark, Period};

/// How a paper came into the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Received,
    Made,
    Copy,
    Compiled,
}

impl Origin {
    pub fn code(self) -> &'static str {
        match self {
            Origin::Received => "received",
            Origin::Made => "made",
            Origin::Copy => "copy",
            Origin::Compiled => "compiled",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Origin::Received => "收文",
            Origin::Made => "本单位制作",
            Origin::Copy => "复印件",
            Origin::Compiled => "汇编",
        }
    }

    pub fn from_code(s: &str) -> Option<Origin> {
        [
            Origin::Received,
            Origin::Made,
            Origin::Copy,
            Origin::Compiled,
        ]
        .into_iter()
        .find(|o| o.code() == s)
    }
}

/// A paper in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    pub id: i64,
    /// 登记编号: the receipt number for received papers, the unit's own number otherwise.
    pub no: String,
    pub origin: Origin,
    /// The day it was received or made.
    pub registered_on: NaiveDate,
    /// The year it belongs to for clearing (R-PAP-14).
    pub year: i32,
    pub originator: String,
    pub doc_no: String,
    pub title: String,
    pub level: Level,
    pub period: Option<Period>,
    /// The day the period counts from: the registration, or for a copy its original's (R-CLS-4).
    pub period_from: NaiveDate,
    /// 知悉范围: names or departments that may read it.
    pub scope: Vec<String>,
    pub copies: i64,
    pub copy_nos: String,
    /// 制发机关规定的清退时间 (R-PAP-15).
    pub return_by: Option<NaiveDate>,
    /// False when marked of no value to keep (R-PAP-22).
    pub keep: bool,
    /// 密码电报 (R-PAP-24).
    pub cipher: bool,
    /// The originator forbids copying (R-PAP-19).
    pub no_copy: bool,
    /// Approved distribution for sending (R-PAP-5).
    pub distribution: Vec<String>,
    pub source_id: Option<i64>,
    pub dispatch_no: Option<String>,
    /// 保管人: who keeps it when it is in the cabinet.
    pub keeper: String,
    /// Who has it now.
    pub holder: String,
    pub location: String,
    pub state: PaperState,
    /// An approved extension of use (R-PAP-14) and until when, if it says.
    pub extended: bool,
    pub extended_until: Option<NaiveDate>,
    /// While lent or taken out: the promised return date (R-PAP-9, R-PAP-11).
    pub due_on: Option<NaiveDate>,
}

impl Paper {
    pub fn mark(&self) -> Mark {
        Mark::new(self.level, self.period)
    }

    /// The day the secrecy period ends. `None` for 长期 or no period.
    pub fn period_end(&self) -> Option<NaiveDate> {
        self.period.and_then(|p| p.end_from(self.period_from))
    }
}

/// R-PAP-1: what the officer asks a leader to approve before making a paper.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MakePlan {
    pub title: String,
    pub level: String,
    pub period: String,
    pub scope: Vec<String>,
    pub copies: i64,
    #[serde(default)]
    pub distribution: Vec<String>,
    #[serde(default)]
    pub purpose: String,
    /// R-PAP-29: made at an outside printer rather than inside the unit.
    #[serde(default)]
    pub outside: bool,
    /// R-PAP-29: the licensed printer (定点印刷单位) and its 《秘密载体复制许可证》 number.
    #[serde(default)]
    pub printer: String,
    #[serde(default)]
    pub printer_licence: String,
}

/// R-PAP-19.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyPlan {
    pub paper: String,
    pub copies: i64,
    pub purpose: String,
    /// For 绝密: the originating authority's approval reference.
    #[serde(default)]
    pub external_ref: String,
}

/// R-PAP-21.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompilePlan {
    pub papers: Vec<String>,
    pub title: String,
    /// The originator's approval reference.
    pub external_ref: String,
    /// A knowledge scope set with the approval, no wider than the sources' common scope (R-CLS-5);
    /// empty for that common scope.
    #[serde(default)]
    pub scope: Vec<String>,
}

/// R-PAP-14: keeping a paper past the annual clearing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtendPlan {
    pub paper: String,
    /// Kept until this day, when it is due for clearing again.
    pub until: NaiveDate,
    /// How the originator was told: the letter or record.
    pub told: String,
    #[serde(default)]
    pub reason: String,
}

/// R-CLS-7: a change to a paper's marking this unit decides (it made the paper).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPlan {
    pub paper: String,
    /// 解密, 变更期限 or 变更密级.
    pub result: String,
    /// The new end of the period (变更期限).
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// The new level (变更密级).
    #[serde(default)]
    pub level: String,
    pub reason: String,
}

/// R-PAP-9.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanPlan {
    pub paper: String,
    pub borrower: String,
    pub return_by: NaiveDate,
    #[serde(default)]
    pub purpose: String,
}

/// R-PAP-11.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakeOutPlan {
    pub paper: String,
    pub persons: Vec<String>,
    pub place: String,
    pub purpose: String,
    pub return_by: NaiveDate,
    /// R-PAP-27: to a place abroad (出境), with the bureau's exit permit (出境许可证).
    #[serde(default)]
    pub abroad: bool,
    #[serde(default)]
    pub exit_permit: String,
    /// R-PAP-28: to a foreign-affairs activity (涉外活动).
    #[serde(default)]
    pub foreign_affairs: bool,
}

/// R-PAP-23: a destruction list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DestroyPlan {
    pub papers: Vec<String>,
    #[serde(default)]
    pub reason: String,
}

/// The payload of a request, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Plan {
    Make(MakePlan),
    Copy(CopyPlan),
    Compile(CompilePlan),
    Loan(LoanPlan),
    TakeOut(TakeOutPlan),
    Destroy(DestroyPlan),
    Extend(ExtendPlan),
    Review(ReviewPlan),
}

impl Plan {
    pub fn kind(&self) -> super::approval::RequestKind {
        use super::approval::RequestKind as K;
        match self {
            Plan::Make(_) => K::Make,
            Plan::Copy(_) => K::Copy,
            Plan::Compile(_) => K::Compile,
            Plan::Loan(_) => K::Loan,
            Plan::TakeOut(_) => K::TakeOut,
            Plan::Destroy(_) => K::Destroy,
            Plan::Extend(_) => K::Extend,
            Plan::Review(_) => K::Review,
        }
    }

    /// The papers the request is about, by number.
    pub fn papers(&self) -> Vec<String> {
        match self {
            Plan::Make(_) => vec![],
            Plan::Copy(p) => vec![p.paper.clone()],
            Plan::Compile(p) => p.papers.clone(),
            Plan::Loan(p) => vec![p.paper.clone()],
            Plan::TakeOut(p) => vec![p.paper.clone()],
            Plan::Destroy(p) => p.papers.clone(),
            Plan::Extend(p) => vec![p.paper.clone()],
            Plan::Review(p) => vec![p.paper.clone()],
        }
    }

    /// Issue 8 point 12: every text of the plan is free of control characters and of sane
    /// length, checked when it is filed.
    pub fn check_text(&self) -> super::Checked<()> {
        use super::text::{LIST_MAX, NOTE_MAX, TEXT_MAX, TITLE_MAX, check_text};
        let list = |field: &str, items: &[String]| -> super::Checked<()> {
            for i in items {
                check_text(field, i, TEXT_MAX)?;
            }
            check_text(field, &items.join("、"), LIST_MAX)
        };
        match self {
            Plan::Make(p) => {
                check_text("标题", &p.title, TITLE_MAX)?;
                check_text("密级", &p.level, TEXT_MAX)?;
                check_text("保密期限", &p.period, TEXT_MAX)?;
                list("知悉范围", &p.scope)?;
                list("发放范围", &p.distribution)?;
                check_text("定点印刷单位", &p.printer, TEXT_MAX)?;
                check_text("复制许可证", &p.printer_licence, TEXT_MAX)?;
                check_text("用途", &p.purpose, NOTE_MAX)
            }
            Plan::Copy(p) => {
                check_text("编号", &p.paper, TEXT_MAX)?;
                check_text("用途", &p.purpose, NOTE_MAX)?;
                check_text("批准文号", &p.external_ref, TEXT_MAX)
            }
            Plan::Compile(p) => {
                list("编号", &p.papers)?;
                check_text("标题", &p.title, TITLE_MAX)?;
                list("知悉范围", &p.scope)?;
                check_text("批准文号", &p.external_ref, TEXT_MAX)
            }
            Plan::Loan(p) => {
                check_text("编号", &p.paper, TEXT_MAX)?;
                check_text("借阅人", &p.borrower, TEXT_MAX)?;
                check_text("用途", &p.purpose, NOTE_MAX)
            }
            Plan::TakeOut(p) => {
                check_text("编号", &p.paper, TEXT_MAX)?;
                list("携带人", &p.persons)?;
                check_text("地点", &p.place, TEXT_MAX)?;
                check_text("出境许可证", &p.exit_permit, TEXT_MAX)?;
                check_text("事由", &p.purpose, NOTE_MAX)
            }
            Plan::Destroy(p) => {
                list("编号", &p.papers)?;
                check_text("理由", &p.reason, NOTE_MAX)
            }
            Plan::Extend(p) => {
                check_text("编号", &p.paper, TEXT_MAX)?;
                check_text("告知发文机关", &p.told, TEXT_MAX)?;
                check_text("理由", &p.reason, NOTE_MAX)
            }
            Plan::Review(p) => {
                check_text("编号", &p.paper, TEXT_MAX)?;
                check_text("审查结论", &p.result, TEXT_MAX)?;
                check_text("密级", &p.level, TEXT_MAX)?;
                check_text("理由", &p.reason, NOTE_MAX)
            }
        }
    }

    /// One line for the queue.
    pub fn summary(&self) -> String {
        match self {
            Plan::Make(p) => format!(
                "制作《{}》{}份（{}）{}",
                p.title,
                p.copies,
                p.level,
                // R-PAP-29: the leader sees where it is printed.
                if p.printer.trim().is_empty() {
                    String::new()
                } else {
                    format!(
                        "，委托{}印制（许可证{}）",
                        p.printer.trim(),
                        p.printer_licence.trim()
                    )
                }
            ),
            Plan::Copy(p) => format!("复印 {} {}份：{}", p.paper, p.copies, p.purpose),
            Plan::Compile(p) => format!("汇编《{}》，含{}件", p.title, p.papers.len()),
            Plan::Loan(p) => format!(
                "{} 借阅 {}，{}归还",
                p.borrower,
                p.paper,
                super::dates::zh(p.return_by)
            ),
            Plan::TakeOut(p) => format!(
                "{} 携带 {} 至{}{}，{}带回",
                p.persons.join("、"),
                p.paper,
                p.place,
                // R-PAP-27, R-PAP-28: the leader sees that it leaves the country or meets foreigners.
                match (p.abroad, p.foreign_affairs) {
                    (true, _) => format!("（出境，许可证{}）", p.exit_permit.trim()),
                    (false, true) => "（涉外活动）".to_string(),
                    _ => String::new(),
                },
                super::dates::zh(p.return_by)
            ),
            Plan::Destroy(p) => format!("销毁{}件：{}", p.papers.len(), p.papers.join("、")),
            Plan::Extend(p) => format!(
                "{} 延长使用至{}：{}",
                p.paper,
                super::dates::zh(p.until),
                p.reason
            ),
            Plan::Review(p) => format!(
                "{} {}{}：{}",
                p.paper,
                p.result,
                match (&p.until, p.level.trim()) {
                    (Some(d), _) => format!("至{}", super::dates::zh(*d)),
                    (None, "") => String::new(),
                    (None, l) => format!("为{l}"),
                },
                p.reason
            ),
        }
    }
}

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
    pub keep: bool,
    pub cipher: bool,
    pub no_copy: bool,
}

impl ReceiveForm {
    /// Checks every field and names the first that is wrong (R-PAP-3, R-CLS-2).
    pub fn parse(&self, today: NaiveDate) -> super::Checked<Receipt> {
        use super::Refusal;
        use super::dates;
        use super::text::{LIST_MAX, TEXT_MAX, TITLE_MAX, check_text};
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
        ] {
            check_text(field, value, max)?;
        }
        super::rules::paper::check_receive(&self.title, &self.originator, 1, "")?;
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
            super::text::to_half_width(self.copies.trim())
                .parse::<i64>()
                .map_err(|_| {
                    Refusal::field("份数", format!("「{}」不是整数", self.copies.trim()))
                })?
        };
        super::rules::paper::check_copies(copies, &self.copy_nos)?;
        let return_by = dates::parse_optional_deadline("清退期限", &self.return_by, today)?;
        if let Some(r) = return_by
            && r < on
        {
            return Err(Refusal::field("清退期限", "不能早于收文日期"));
        }
        let no = if self.no.trim().is_empty() {
            None
        } else {
            Some(super::numbering::check_number("收文编号", &self.no)?)
        };
        Ok(Receipt {
            no,
            on,
            originator: self.originator.trim().to_string(),
            doc_no: self.doc_no.trim().to_string(),
            title: self.title.trim().to_string(),
            level,
            period,
            scope: super::text::split_list(&self.scope),
            copies,
            copy_nos: super::text::split_list(&self.copy_nos).join(","),
            return_by,
            location: self.location.trim().to_string(),
            holder: self.holder.trim().to_string(),
            keep: !self.no_keep,
            cipher: self.cipher,
            no_copy: self.no_copy,
        })
    }
}

/// The event that brings an imported paper to the state its ledger row gives. Import records what
/// was already done on paper, so no approval is asked for it.
pub fn import_event(state: PaperState) -> Option<super::carrier::EventKind> {
    use super::carrier::EventKind as E;
    Some(match state {
        PaperState::InStock => return None,
        PaperState::Circulating => E::Circulate,
        PaperState::OnLoan => E::Loan,
        PaperState::TakenOut => E::TakeOut,
        PaperState::Returned => E::Return,
        PaperState::Archived => E::Archive,
        PaperState::HandedOver => E::HandOver,
        PaperState::Destroyed => E::Destroy,
        PaperState::Lost => E::Lost,
    })
}

impl Paper {
    /// The paper after `kind` has happened to it, with `next` the state the machine gave. This is
    /// what the store caches on the ledger row.
    pub fn after(
        &self,
        kind: super::carrier::EventKind,
        act: &super::rules::paper::Act,
        next: PaperState,
    ) -> Paper {
        use super::carrier::EventKind as E;
        let mut p = self.clone();
        p.state = next;
        match kind {
            E::Circulate => p.holder = act.person.trim().to_string(),
            E::Loan => {
                p.holder = act.person.trim().to_string();
                p.due_on = act.due;
            }
            E::TakeOut => {
                // Those who carry it; an imported row names only the holder.
                p.holder = if act.persons.is_empty() {
                    act.person.trim().to_string()
                } else {
                    act.persons.join("、")
                };
                p.due_on = act.due;
            }
            E::CirculateBack | E::LoanBack | E::TakeBack | E::Found => {
                p.holder = p.keeper.clone();
                p.due_on = None;
            }
            // R-PAP-26: a notebook handed in is the secrecy room's, in the cabinet named.
            E::HandIn => {
                p.holder = act.person.trim().to_string();
                p.due_on = None;
            }
            E::Return | E::HandOver => {
                p.holder = String::new();
                p.due_on = None;
                p.location = act.unit.trim().to_string();
            }
            E::Archive => {
                p.holder = String::new();
                p.due_on = None;
                if !act.place.trim().is_empty() {
                    p.location = act.place.trim().to_string();
                }
            }
            E::Destroy => {
                p.holder = String::new();
                p.due_on = None;
                p.location = String::new();
            }
            E::Extend => {
                p.extended = true;
                p.extended_until = act.due;
            }
            E::Review => {
                use super::rules::paper::ReviewResult as R;
                match R::parse(&act.method, act.due, "") {
                    Ok(R::Declassify) => {
                        p.level = Level::Public;
                        p.period = None;
                    }
                    Ok(R::Period(d)) => p.period = Some(Period::Until(d)),
                    Ok(R::Level(l)) => p.level = l,
                    Err(_) => {}
                }
            }
            E::Send => {
                if let Some(n) = act.copies {
                    p.copies = (p.copies - n).max(0);
                    // The numbered copies leave in order; those kept stay listed.
                    let nos = super::text::split_list(&p.copy_nos);
                    if !nos.is_empty() {
                        p.copy_nos = nos
                            .into_iter()
                            .skip(usize::try_from(n).unwrap_or(0))
                            .collect::<Vec<_>>()
                            .join(",");
                    }
                }
            }
            E::Scope => p.scope = act.persons.clone(),
            E::Count | E::Check | E::Transfer | E::Copy | E::Compile | E::Lost => {}
            E::Make | E::Receive | E::Issue => {}
        }
        // R-PAP-10: back in the cabinet the officer named (a registered one: store::cabinets).
        if !act.place.trim().is_empty()
            && matches!(
                kind,
                E::Count
                    | E::Check
                    | E::Found
                    | E::CirculateBack
                    | E::LoanBack
                    | E::TakeBack
                    | E::HandIn
            )
        {
            p.location = act.place.trim().to_string();
        }
        p
    }
}

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
}

/// The headers `baomi export papers` writes, in order: the contract of DESIGN.md.
pub const LEDGER_HEADERS: [(&str, Column); 13] = [
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
];

/// Maps a header, as officers' spreadsheets write it (LEDGER-FORMS.md), to its column. White
/// space (full-width too) is ignored; `序号` is a row number, not a ledger number.
pub fn column_for(header: &str) -> Option<Column> {
    let h = super::text::strip_spaces(header);
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
        "存放位置" | "放置地点" | "部门/部位名称" | "所属部门" | "使用部门" | "保存位置" => {
            Column::Location
        }
        "持有人" | "责任人" | "负责人" | "保管人" | "使用人" | "经办人" | "承办人" | "借阅人"
        | "领取人" => Column::Holder,
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
            super::Refusal::Rule { message, .. } if message.contains("标题") => {
                "标题为空".to_string()
            }
            other => other.to_string(),
        });
        match (receipt, state) {
            (Ok(r), Ok(s)) => {
                if let Some(no) = &r.no {
                    if let Some(first) = seen.get(no) {
                        errors.push(format!(
                            "第{}行：收文编号 {no} 在文件中重复（第{first}行已有）",
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
