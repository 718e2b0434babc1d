//! The plans that go into the approval queue: what the officer asks, by kind of request.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    /// 产生部门: the department that produces the secret (本单位产生国家秘密事项一览表).
    #[serde(default)]
    pub dept: String,
    /// 解密条件, when the classifier sets one besides the period's end.
    #[serde(default)]
    pub condition: String,
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

/// An act on a record of a described ledger that waits for approval (R-MED-4, R-MED-8, R-CMP-7,
/// R-CMP-8, R-CMP-12, R-CMP-13): the act is carried out later with the values approved here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPlan {
    /// The ledger's key (`medium`, `computer`).
    pub ledger: String,
    pub no: String,
    /// The act's verb.
    pub act: String,
    /// The act's values, as its fields read them.
    pub values: std::collections::BTreeMap<String, String>,
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
    MediumTakeOut(RecordPlan),
    MediumDestroy(RecordPlan),
    ComputerImport(RecordPlan),
    ComputerOutput(RecordPlan),
    ComputerRepair(RecordPlan),
    ComputerTakeOut(RecordPlan),
    ComputerScrap(RecordPlan),
    PersonTravel(RecordPlan),
}

impl Plan {
    pub fn kind(&self) -> crate::domain::approval::RequestKind {
        use crate::domain::approval::RequestKind as K;
        match self {
            Plan::Make(_) => K::Make,
            Plan::Copy(_) => K::Copy,
            Plan::Compile(_) => K::Compile,
            Plan::Loan(_) => K::Loan,
            Plan::TakeOut(_) => K::TakeOut,
            Plan::Destroy(_) => K::Destroy,
            Plan::Extend(_) => K::Extend,
            Plan::Review(_) => K::Review,
            Plan::MediumTakeOut(_) => K::MediumTakeOut,
            Plan::MediumDestroy(_) => K::MediumDestroy,
            Plan::ComputerImport(_) => K::ComputerImport,
            Plan::ComputerOutput(_) => K::ComputerOutput,
            Plan::ComputerRepair(_) => K::ComputerRepair,
            Plan::ComputerTakeOut(_) => K::ComputerTakeOut,
            Plan::ComputerScrap(_) => K::ComputerScrap,
            Plan::PersonTravel(_) => K::PersonTravel,
        }
    }

    /// The plan of a request for an act on a record, by its kind.
    pub fn for_record(kind: crate::domain::approval::RequestKind, p: RecordPlan) -> Option<Plan> {
        use crate::domain::approval::RequestKind as K;
        Some(match kind {
            K::MediumTakeOut => Plan::MediumTakeOut(p),
            K::MediumDestroy => Plan::MediumDestroy(p),
            K::ComputerImport => Plan::ComputerImport(p),
            K::ComputerOutput => Plan::ComputerOutput(p),
            K::ComputerRepair => Plan::ComputerRepair(p),
            K::ComputerTakeOut => Plan::ComputerTakeOut(p),
            K::ComputerScrap => Plan::ComputerScrap(p),
            K::PersonTravel => Plan::PersonTravel(p),
            _ => return None,
        })
    }

    /// The record act this plan asks for, when it is one.
    pub fn record(&self) -> Option<&RecordPlan> {
        match self {
            Plan::MediumTakeOut(p)
            | Plan::MediumDestroy(p)
            | Plan::ComputerImport(p)
            | Plan::ComputerOutput(p)
            | Plan::ComputerRepair(p)
            | Plan::ComputerTakeOut(p)
            | Plan::ComputerScrap(p)
            | Plan::PersonTravel(p) => Some(p),
            _ => None,
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
            _ => vec![],
        }
    }

    /// Issue 8 point 12: every text of the plan is free of control characters and of sane
    /// length, checked when it is filed.
    pub fn check_text(&self) -> crate::domain::Checked<()> {
        use crate::domain::text::{LIST_MAX, NOTE_MAX, TEXT_MAX, TITLE_MAX, check_text};
        let list = |field: &str, items: &[String]| -> crate::domain::Checked<()> {
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
            // Each value was read by its field's bounded parse when the request was filed.
            _ => match self.record() {
                Some(p) => {
                    check_text("编号", &p.no, TEXT_MAX)?;
                    for v in p.values.values() {
                        check_text("申请内容", v, NOTE_MAX)?;
                    }
                    Ok(())
                }
                None => Ok(()),
            },
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
                crate::domain::dates::zh(p.return_by)
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
                crate::domain::dates::zh(p.return_by)
            ),
            Plan::Destroy(p) => format!("销毁{}件：{}", p.papers.len(), p.papers.join("、")),
            Plan::Extend(p) => format!(
                "{} 延长使用至{}：{}",
                p.paper,
                crate::domain::dates::zh(p.until),
                p.reason
            ),
            Plan::Review(p) => format!(
                "{} {}{}：{}",
                p.paper,
                p.result,
                match (&p.until, p.level.trim()) {
                    (Some(d), _) => format!("至{}", crate::domain::dates::zh(*d)),
                    (None, "") => String::new(),
                    (None, l) => format!("为{l}"),
                },
                p.reason
            ),
            // R-PER-4: the leader sees where, when, and whether it falls in a cooling-off period.
            Plan::PersonTravel(p) => {
                let v = |k: &str| p.values.get(k).map(String::as_str).unwrap_or("");
                format!(
                    "{} 因私出国（境）赴{}，{} 至 {}{}{}",
                    p.no,
                    v("destination"),
                    v("depart"),
                    v("return_by"),
                    if v("cooling_off") == "是" {
                        "（脱密期内出境）"
                    } else {
                        ""
                    },
                    match v("committee") {
                        "" => String::new(),
                        c => format!("，保密组织已同意（{c}）"),
                    }
                )
            }
            _ => match self.record() {
                Some(p) => {
                    let details: Vec<&str> = p
                        .values
                        .values()
                        .map(String::as_str)
                        .filter(|v| !v.is_empty())
                        .collect();
                    format!("{} {}：{}", self.kind().name(), p.no, details.join("，"))
                }
                None => String::new(),
            },
        }
    }
}
