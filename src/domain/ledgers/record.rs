//! One record of a described ledger (a medium, a computer, a device) and what an act on it asks
//! and changes. The store keeps the record's number, level, state, keeper and holder in typed
//! columns and the other values as JSON; the rules read them here.

use chrono::{NaiveDate, NaiveDateTime};

use super::spec::{LedgerSpec, Values};
use crate::domain::dates;
use crate::domain::level::Level;

/// The value keys with typed columns of their own: every ledger that has the field uses this key.
pub const LEVEL: &str = "level";
pub const KEEPER: &str = "keeper";
pub const DEPT: &str = "dept";

/// What acts record on a record besides its fields, by their Chinese names: shown by `show` and
/// on the record's page.
pub const RECORDED: &[(&str, &str)] = &[
    ("filed_ref", "备案号"),
    ("lost_at", "遗失时间"),
    ("lost_by", "遗失时持有人"),
    ("reported_on", "上报日期"),
    ("found_on", "找回日期"),
    ("recheck", "找回后待检查"),
    ("return_by", "返回日期"),
    ("backup_on", "最近备份"),
    ("password_on", "最近更换口令"),
    ("vetted_on", "涉密资格审查"),
    ("vet_result", "审查结论"),
    ("pledged_on", "保密责任书"),
    ("left_on", "离岗日期"),
    ("commitment_ref", "离岗保密承诺书"),
    ("cooling_off_until", "脱密期至"),
    // R-PER-3, R-PER-4, R-PER-6, R-PER-8: reported events, trips, the officer's certificate,
    // change and absence.
    ("last_event", "最近报告事项"),
    ("last_event_on", "报告日期"),
    ("abroad_to", "出国（境）前往"),
    ("abroad_from", "出发日期"),
    ("abroad_until", "应返回日期"),
    ("travel_consent", "保密组织同意出境"),
    ("briefing", "行前教育"),
    ("last_trip", "最近因私出国（境）"),
    ("cert_no", "上岗资格证书"),
    ("certified_on", "发证日期"),
    ("cert_returned_on", "证书交回日期"),
    ("handed_over_to", "工作交接接替人"),
    ("handed_over_on", "工作交接日期"),
    ("early_change", "更换"),
    ("change_consent", "保密组织同意更换"),
    ("away_to", "暂时离岗由谁接替"),
    ("away_from", "暂时离岗日期"),
    ("away_until", "预计返岗日期"),
    ("last_away", "最近暂时离岗"),
    // R-INC-2, R-INC-3: an incident's reports and help asked; R-INS-5: an inspection's archive.
    ("incident", "泄密事件"),
    ("reported_at", "上报时间"),
    ("report_ref", "报告文号"),
    ("followed_on", "续报日期"),
    ("assist_by", "协查机关"),
    ("assist_on", "报请协查日期"),
    ("closed_on", "结案日期"),
    ("conducted_on", "实施检查日期"),
    ("archived_on", "归档日期"),
    ("archive_volume", "档案号"),
    ("archive_papers", "检查档案材料"),
    // R-MTG-1, R-MTG-2: a meeting's papers and its press release; R-ORG-4: the record form.
    ("papers", "已分发"),
    ("collected", "已收回"),
    ("missing", "未收回"),
    ("cleared_on", "清场日期"),
    ("press_reviewed_on", "新闻稿审核日期"),
    ("press_opinion", "新闻稿审核意见"),
    ("released_on", "新闻稿发布日期"),
    ("sent_on", "情况记录表报送日期"),
    // R-KEY-1, R-KEY-2: a key site's staff and its acceptance.
    ("staff", "涉密人员"),
    ("accept_ref", "验收文号"),
];

/// The Chinese name of a value an act recorded (`RECORDED`).
pub fn recorded_label(key: &str) -> Option<&'static str> {
    RECORDED.iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    pub spec: &'static LedgerSpec,
    /// 保密编号.
    pub no: String,
    /// A key of `spec.states`.
    pub state: &'static str,
    pub level: Option<Level>,
    /// Who answers for it (保管人/责任人).
    pub keeper: String,
    /// Who has it in hand now (使用人), empty when it is in the office.
    pub holder: String,
    pub registered_on: NaiveDate,
    /// The last periodic check (清查核对, R-MED-6, R-CMP-9, R-DEV-4).
    pub checked_on: Option<NaiveDate>,
    /// The registration fields and what acts recorded (filed, lost at, reported …).
    pub values: Values,
}

impl Record {
    /// A value, empty when it has none.
    pub fn get(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }

    pub fn date(&self, key: &str) -> Option<NaiveDate> {
        self.values.get(key).and_then(|v| dates::parse(v))
    }

    /// A stored date and time (`2026-11-20T09:30`).
    pub fn date_time(&self, key: &str) -> Option<NaiveDateTime> {
        self.values
            .get(key)
            .and_then(|v| NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M").ok())
    }

    /// The Chinese name of its state.
    pub fn state_label(&self) -> &'static str {
        self.spec.state(self.state).map(|s| s.label).unwrap_or("?")
    }

    /// Still held by the unit (not destroyed, scrapped, lost for good).
    pub fn held(&self) -> bool {
        self.spec.state(self.state).is_some_and(|s| s.held)
    }

    /// The value of a list or print column.
    pub fn column(&self, key: &str) -> String {
        match key {
            "no" => self.no.clone(),
            "state" => self.state_label().to_string(),
            "holder" => self.holder.clone(),
            "registered_on" => dates::iso(self.registered_on),
            LEVEL => self.level.map(|l| l.name().to_string()).unwrap_or_default(),
            KEEPER => self.keeper.clone(),
            k => self.get(k).to_string(),
        }
    }
}

/// What an act's check knows besides the record and the act's values.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub today: NaiveDate,
    /// The day the act is dated.
    pub on: NaiveDate,
    /// The unit's own name (设置“单位名称”): what is not it is another unit (R-MED-3).
    pub unit: &'a str,
    /// The record a field of kind `Record` names (the computer a medium is used on).
    pub related: Option<&'a Record>,
    /// The act is being filed as a request, not carried out: checks of the moment (the record's
    /// state) still apply; the approval does not exist yet.
    pub filing: bool,
}

/// What an act changes on its record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The new state; `None` leaves it.
    pub state: Option<&'static str>,
    /// The new holder; `Some("")` when it comes back.
    pub holder: Option<String>,
    /// Values recorded on the record (a filing reference, the loss's time, the last backup).
    pub set: Values,
    /// A periodic check done on this day.
    pub checked_on: Option<NaiveDate>,
}

impl Outcome {
    pub fn state(state: &'static str) -> Outcome {
        Outcome {
            state: Some(state),
            ..Outcome::default()
        }
    }

    pub fn set(mut self, key: &str, value: impl Into<String>) -> Outcome {
        self.set.insert(key.to_string(), value.into());
        self
    }

    pub fn holder(mut self, holder: impl Into<String>) -> Outcome {
        self.holder = Some(holder.into());
        self
    }

    /// Applies the outcome to `r`, as the store will cache it.
    pub fn apply(&self, r: &mut Record) {
        if let Some(s) = self.state {
            r.state = s;
        }
        if let Some(h) = &self.holder {
            r.holder = h.clone();
        }
        for (k, v) in &self.set {
            r.values.insert(k.clone(), v.clone());
        }
        if self.checked_on.is_some() {
            r.checked_on = self.checked_on;
        }
    }
}
