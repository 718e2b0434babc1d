//! The due engine: pure functions of (the data, the as-of day, the settings) → due items. One small
//! function per alarm rule of RULES.md, each in its own file named after what it watches.

mod annual_clearing;
mod computer_backup;
mod cooling_off;
mod declassify;
mod end_of_day;
mod incident;
mod inspection;
mod laptop_return;
mod loan_return;
mod loss_report;
mod mailbox_password;
mod meeting;
mod monthly_count;
mod no_value;
mod organisation;
mod originator_return;
mod quarterly_check;
mod receipt_check;
mod record_check;
mod records;
mod registration_gap;
mod review_answer;
mod take_out_return;
// Issue 11: key sites and training hours.
mod key_site;
mod officer;
mod training;
// Issue 10: a classified computer's filing owed (R-CMP-2).
mod computer_filing;
mod vetting_gap;

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::carrier::PaperState;
use super::level::Level;

pub use annual_clearing::annual_clearing;
pub use declassify::declassify;
pub use end_of_day::{OutFacts, end_of_day};
pub use key_site::key_site;
pub use loan_return::loan_return;
pub use meeting::{AtMeeting, uncollected};
pub use monthly_count::monthly_count;
pub use no_value::no_value;
pub use organisation::{OrgFacts, organisation};
pub use originator_return::originator_return;
pub use quarterly_check::quarterly_check;
pub use receipt_check::{MismatchFacts, receipt_check};
pub use records::{Horizons, RecordSettings, record_items};
pub use registration_gap::registration_gap;
pub use review_answer::review_answer;
pub use take_out_return::take_out_return;
pub use training::training_shortfall;

/// Something that must be done by a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    /// The rule ID of RULES.md.
    pub rule: &'static str,
    /// paper, medium, computer, person, key_site, inspection, incident, review, unit …
    pub kind: &'static str,
    /// The human number: receipt number, `2026年11月` for a month's count …
    pub subject: String,
    pub title: String,
    pub level: Option<Level>,
    pub due: NaiveDate,
    /// The hour it is due, for rules counted in hours (R-MED-5: 24 hours from the loss).
    pub due_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    Overdue,
    DueSoon,
    Upcoming,
}

impl DueState {
    pub fn name(self) -> &'static str {
        match self {
            DueState::Overdue => "已逾期",
            DueState::DueSoon => "临期",
            DueState::Upcoming => "待办",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            DueState::Overdue => "overdue",
            DueState::DueSoon => "due_soon",
            DueState::Upcoming => "upcoming",
        }
    }

    /// overdue when days < 0; due soon when 0 ≤ days ≤ the alarm window; upcoming otherwise.
    pub fn of(days: i64, alarm_days: i64) -> DueState {
        if days < 0 {
            DueState::Overdue
        } else if days <= alarm_days {
            DueState::DueSoon
        } else {
            DueState::Upcoming
        }
    }
}

/// An item placed against the as-of day. Serialises to exactly the keys of DESIGN.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dated {
    pub rule: &'static str,
    pub kind: &'static str,
    pub subject: String,
    pub title: String,
    pub level: Option<Level>,
    #[serde(serialize_with = "iso_date")]
    pub due: NaiveDate,
    #[serde(serialize_with = "iso_minute")]
    pub due_at: Option<NaiveDateTime>,
    pub state: DueState,
    pub days: i64,
}

fn iso_date<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&super::dates::iso(*d))
}

fn iso_minute<S: serde::Serializer>(d: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.format("%Y-%m-%dT%H:%M").to_string()),
        None => s.serialize_none(),
    }
}

/// The Chinese name each alarm rule is grouped under on the 待办 screen and in printouts.
pub fn rule_name(rule: &str) -> &'static str {
    match rule {
        "R-PAP-12" => "每月清点",
        "R-PAP-13" => "每季度核查、清退",
        "R-PAP-14" => "年度清退（次年一季度前）",
        "R-PAP-15" => "制发机关规定的清退时间",
        "R-PAP-9" => "借阅到期归还",
        "R-PAP-11" => "携带外出到期带回",
        "R-PAP-22" => "无保存价值密件次年销毁",
        "R-CLS-7" => "保密期限届满解密审查",
        "R-PAP-3" => "待补登记",
        "R-PAP-4" => "收文不符，与发文单位核对",
        "R-PAP-10" => "下班前收回保密柜",
        "R-MED-5" => "介质遗失，24小时内报告保密局",
        "R-MED-6" => "移动存储介质定期清查核对",
        "R-CMP-6" => "涉密计算机定期备份",
        "R-CMP-9" => "计算机每季度保密检查",
        "R-CMP-10" => "计算机丢失，立即报告",
        "R-CMP-12" => "便携式计算机到期带回检查",
        "R-DEV-2" => "单位电子邮箱定期更换口令",
        "R-DEV-4" => "手机、邮箱和办公设备定期检查",
        "R-PER-5" => "脱密期届满",
        "R-INC-2" => "泄密事件24小时内上报、一周内续报、结案",
        "R-INC-5" => "泄密事件整改措施落实",
        "R-INS-2" => "保密检查发现问题限期整改",
        "R-INS-4" => "保密局检查（提前一周通知）",
        "R-DIS-4" => "依申请公开，15个工作日内答复",
        "R-MTG-1" => "涉密会议文件会后收回",
        "R-ORG-2" => "年终总结报告报送保密局",
        "R-ORG-4" => "保密工作协作组",
        "R-ORG-5" => "领导干部保密工作责任制考核",
        "R-ORG-6" => "保密工作人员变动报告",
        "R-CMP-2" => "涉密计算机备案",
        // Issue 11: people, training and key sites.
        "R-PER-4" => "因私出国（境）按期返回",
        "R-PER-6" => "保密员持证上岗",
        "R-PER-8" => "保密员暂时离岗",
        "R-TRN-3" => "年度保密培训学时",
        "R-KEY-3" => "要害部门部位定期检查",
        "R-KEY-4" => "要害部门部位变更报告保密局",
        _ => "其他",
    }
}

/// What the engine needs to know of a paper. Loaded for held papers only: closed ones are never due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperFacts {
    pub no: String,
    pub title: String,
    pub level: Level,
    pub year: i32,
    pub state: PaperState,
    pub return_by: Option<NaiveDate>,
    pub keep: bool,
    pub extended: bool,
    pub extended_until: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    /// R-PAP-3: register fields an import left 待补, and the day each was opened.
    pub gaps: Vec<(super::gap::GapField, NaiveDate)>,
    /// A secrecy notebook (R-PAP-26): kept until used up, then kept or destroyed; not cleared
    /// yearly like a document (R-PAP-14, R-PAP-22).
    pub notebook: bool,
}

impl PaperFacts {
    /// The facts of a ledger paper.
    pub fn of(p: &super::paper::Paper) -> PaperFacts {
        PaperFacts {
            no: p.no.clone(),
            title: p.title.clone(),
            level: p.level,
            year: p.year,
            state: p.state,
            return_by: p.return_by,
            keep: p.keep,
            extended: p.extended,
            extended_until: p.extended_until,
            due_on: p.due_on,
            period_end: p.period_end(),
            gaps: Vec::new(),
            notebook: false,
        }
    }

    /// True when some rule could give this paper an item due on or before `by`. The store reads
    /// only such papers (through indexes), so that a million-paper ledger costs what its near
    /// deadlines cost; `may_be_due_by_agrees_with_the_rules` keeps this in step with the rules.
    pub fn may_be_due_by(&self, by: NaiveDate) -> bool {
        let before = |d: Option<NaiveDate>| d.is_some_and(|d| d <= by);
        self.state.is_held()
            && (self.year < by.year()
                || before(self.return_by)
                || before(self.due_on)
                || before(self.extended_until)
                || before(self.period_end)
                || self
                    .gaps
                    .iter()
                    .any(|g| g.1 + chrono::Duration::days(super::gap::DUE_DAYS) <= by))
    }

    fn item(&self, rule: &'static str, due: NaiveDate) -> DueItem {
        DueItem {
            rule,
            kind: "paper",
            subject: self.no.clone(),
            title: self.title.clone(),
            level: Some(self.level),
            due,
            due_at: None,
        }
    }
}

/// The unit's record of counts and checks: the days they were done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitFacts {
    /// The first day the ledger was kept: no count is owed before it.
    pub started_on: Option<NaiveDate>,
    pub counts: Vec<NaiveDate>,
    pub checks: Vec<NaiveDate>,
}

/// The settings the engine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueSettings {
    pub alarm_days: i64,
    pub declass_days: i64,
}

impl Default for DueSettings {
    fn default() -> Self {
        DueSettings {
            alarm_days: 7,
            declass_days: 30,
        }
    }
}

/// Every item of every rule, placed against `as_of`, sorted by due date then rule.
pub fn all(
    papers: &[PaperFacts],
    unit: &UnitFacts,
    as_of: NaiveDate,
    settings: DueSettings,
) -> Vec<Dated> {
    let mut items = Vec::new();
    items.extend(monthly_count(unit, as_of));
    items.extend(quarterly_check(unit, as_of));
    for p in papers.iter().filter(|p| p.state.is_held()) {
        items.extend(originator_return(p));
        if !p.notebook {
            items.extend(annual_clearing(p));
            items.extend(no_value(p));
        }
        items.extend(loan_return(p));
        items.extend(take_out_return(p));
        items.extend(declassify(p, as_of, settings.declass_days));
        items.extend(registration_gap(p));
    }
    let mut dated: Vec<Dated> = items
        .into_iter()
        .map(|i| place(i, as_of, settings.alarm_days))
        .collect();
    dated.sort_by(order);
    dated
}

/// Items due within `within` days of `as_of` (overdue ones always), from papers the store chose
/// with `may_be_due_by(as_of + within)`.
pub fn due_within(
    papers: &[PaperFacts],
    unit: &UnitFacts,
    as_of: NaiveDate,
    settings: DueSettings,
    within_days: i64,
) -> Vec<Dated> {
    within(all(papers, unit, as_of, settings), within_days)
}

/// The paper duties that are not facts of the paper row: receipts to settle with the sender
/// (R-PAP-4) and papers out past the end of the day (R-PAP-10).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DutyFacts {
    pub mismatches: Vec<MismatchFacts>,
    pub out: Vec<OutFacts>,
    pub receipt_check_days: i64,
}

/// The items of `duties` placed against `as_of`, added to `items` in order, keeping those due
/// within `within` days (overdue ones always).
pub fn with_duties(
    items: Vec<Dated>,
    duties: &DutyFacts,
    as_of: NaiveDate,
    settings: DueSettings,
    within_days: i64,
) -> Vec<Dated> {
    let mut extra: Vec<DueItem> = duties
        .mismatches
        .iter()
        .map(|m| receipt_check(m, duties.receipt_check_days))
        .collect();
    extra.extend(duties.out.iter().filter_map(|o| end_of_day(o, as_of)));
    let mut all = items;
    all.extend(within(
        extra
            .into_iter()
            .map(|i| place(i, as_of, settings.alarm_days))
            .collect(),
        within_days,
    ));
    all.sort_by(order);
    all
}

/// Items due within `within` days of `as_of` (overdue ones always).
pub fn within(items: Vec<Dated>, within: i64) -> Vec<Dated> {
    items.into_iter().filter(|d| d.days <= within).collect()
}

pub fn place(i: DueItem, as_of: NaiveDate, alarm_days: i64) -> Dated {
    let days = (i.due - as_of).num_days();
    Dated {
        rule: i.rule,
        kind: i.kind,
        subject: i.subject,
        title: i.title,
        level: i.level,
        due: i.due,
        due_at: i.due_at,
        state: DueState::of(days, alarm_days),
        days,
    }
}

/// Due date, then rule, then subject (so that equal items keep one order).
pub fn order(a: &Dated, b: &Dated) -> Ordering {
    a.due
        .cmp(&b.due)
        .then_with(|| a.rule.cmp(b.rule))
        .then_with(|| a.subject.cmp(&b.subject))
}

/// Counts by state, for the bottom bar.
pub fn counts(items: &[Dated]) -> (usize, usize) {
    let overdue = items
        .iter()
        .filter(|d| d.state == DueState::Overdue)
        .count();
    let soon = items
        .iter()
        .filter(|d| d.state == DueState::DueSoon)
        .count();
    (overdue, soon)
}

#[cfg(test)]
pub(crate) mod fixture {
    use super::*;
    use crate::domain::dates::ymd;

    pub fn paper(no: &str, year: i32) -> PaperFacts {
        PaperFacts {
            no: no.into(),
            title: "关于做好保密自查工作的通知".into(),
            level: Level::Secret,
            year,
            state: PaperState::InStock,
            return_by: None,
            keep: true,
            extended: false,
            extended_until: None,
            due_on: None,
            period_end: Some(ymd(year + 20, 1, 1)),
            gaps: Vec::new(),
            notebook: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;

    #[test]
    fn states_by_days() {
        assert_eq!(DueState::of(-1, 7), DueState::Overdue);
        assert_eq!(DueState::of(0, 7), DueState::DueSoon);
        assert_eq!(DueState::of(7, 7), DueState::DueSoon);
        assert_eq!(DueState::of(8, 7), DueState::Upcoming);
    }

    // R-PAP-14 on 1 April: last year's unreturned papers are overdue, this month's count is due.
    #[test]
    fn r_pap_14_opening_on_the_first_of_april() {
        let papers = vec![
            fixture::paper("2025-收-0001", 2025),
            fixture::paper("2026-收-0001", 2026),
        ];
        let unit = UnitFacts {
            started_on: Some(ymd(2026, 3, 1)),
            counts: vec![ymd(2026, 3, 31)],
            checks: vec![ymd(2026, 3, 31)],
        };
        let items = within(
            all(&papers, &unit, ymd(2026, 4, 1), DueSettings::default()),
            30,
        );
        let overdue: Vec<_> = items
            .iter()
            .filter(|d| d.state == DueState::Overdue)
            .map(|d| (d.rule, d.subject.as_str()))
            .collect();
        assert_eq!(overdue, vec![("R-PAP-14", "2025-收-0001")]);
        let april = items.iter().find(|d| d.rule == "R-PAP-12").unwrap();
        assert_eq!(april.due, ymd(2026, 4, 30));
        assert_eq!(april.days, 29);
        assert!(
            items
                .windows(2)
                .all(|w| order(&w[0], &w[1]) != Ordering::Greater)
        );
    }

    #[test]
    fn closed_papers_are_never_due() {
        let mut p = fixture::paper("2024-收-0001", 2024);
        p.return_by = Some(ymd(2024, 6, 1));
        p.due_on = Some(ymd(2024, 6, 1));
        p.keep = false;
        for s in [
            PaperState::Returned,
            PaperState::Archived,
            PaperState::HandedOver,
            PaperState::Destroyed,
        ] {
            p.state = s;
            let items = all(
                &[p.clone()],
                &UnitFacts::default(),
                ymd(2026, 4, 1),
                DueSettings::default(),
            );
            assert!(items.iter().all(|d| d.kind == "unit"), "{s:?}");
        }
    }

    #[test]
    fn may_be_due_by_agrees_with_the_rules() {
        // Every combination of the facts that matter, against horizons around them.
        let as_of = ymd(2026, 11, 27);
        let dates = [
            None,
            Some(ymd(2026, 12, 1)),
            Some(ymd(2027, 2, 1)),
            Some(ymd(2030, 1, 1)),
        ];
        let mut checked = 0;
        for year in [2024, 2025, 2026] {
            for state in PaperState::ALL {
                for return_by in dates {
                    for due_on in dates {
                        for (extended, extended_until) in [
                            (false, None),
                            (true, None),
                            (true, dates[1]),
                            (true, dates[3]),
                        ] {
                            for period_end in dates {
                                for gaps in [
                                    vec![],
                                    vec![(crate::domain::gap::GapField::Originator, as_of)],
                                ] {
                                    for keep in [true, false] {
                                        let p = PaperFacts {
                                            no: "x".into(),
                                            title: "t".into(),
                                            level: Level::Secret,
                                            year,
                                            state,
                                            return_by,
                                            keep,
                                            extended,
                                            extended_until,
                                            due_on,
                                            period_end,
                                            gaps: gaps.clone(),
                                            notebook: false,
                                        };
                                        for within in [0, 7, 30, 120] {
                                            let by = as_of + chrono::Duration::days(within);
                                            let items = due_within(
                                                std::slice::from_ref(&p),
                                                &UnitFacts {
                                                    started_on: Some(as_of),
                                                    counts: vec![as_of],
                                                    checks: vec![as_of],
                                                },
                                                as_of,
                                                DueSettings::default(),
                                                within,
                                            );
                                            if items.iter().any(|d| d.kind == "paper") {
                                                assert!(
                                                    p.may_be_due_by(by),
                                                    "{p:?} within {within}"
                                                );
                                            }
                                            checked += 1;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000);
    }

    #[test]
    fn as_of_in_the_past_and_the_future() {
        let papers = vec![fixture::paper("2025-收-0001", 2025)];
        let past = all(
            &papers,
            &UnitFacts::default(),
            ymd(2026, 1, 10),
            DueSettings::default(),
        );
        let d = past.iter().find(|d| d.rule == "R-PAP-14").unwrap();
        assert_eq!((d.state, d.days), (DueState::Upcoming, 80));
        let future = all(
            &papers,
            &UnitFacts::default(),
            ymd(2027, 1, 10),
            DueSettings::default(),
        );
        let d = future.iter().find(|d| d.rule == "R-PAP-14").unwrap();
        assert_eq!((d.state, d.days), (DueState::Overdue, -285));
    }
}
