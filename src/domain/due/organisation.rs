//! R-ORG-2, R-ORG-4, R-ORG-5, R-ORG-6: the secrecy organisation's duties, all of `kind` unit. The
//! year's are due on 31 December of the as-of year; a record form or a staff change is due a
//! week after it arises.

use chrono::{Datelike, Duration, NaiveDate};

use super::DueItem;
use crate::domain::ledgers::Record;
use crate::domain::rules::organisation::{self as org, coop};
use crate::domain::text::split_list;

/// What the organisation's alarms read: the records of its registers, the unit's leaders (by
/// name) and the unit's own name.
#[derive(Debug, Clone, Copy)]
pub struct OrgFacts<'a> {
    pub records: &'a [Record],
    pub leaders: &'a [String],
    pub unit: &'a str,
}

fn unit_item(rule: &'static str, subject: String, title: String, due: NaiveDate) -> DueItem {
    DueItem {
        rule,
        kind: "unit",
        subject,
        title,
        level: None,
        due,
        due_at: None,
    }
}

fn of<'a>(facts: &OrgFacts<'a>, key: &'a str) -> impl Iterator<Item = &'a Record> {
    facts.records.iter().filter(move |r| r.spec.key == key)
}

/// Every item of the organisation's registers for the year of `as_of`.
pub fn organisation(facts: &OrgFacts<'_>, as_of: NaiveDate) -> Vec<DueItem> {
    let year = as_of.year();
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(as_of);
    let mut out = Vec::new();
    // R-ORG-2: the year-end summary and the officer's report, each until recorded as sent.
    for kind in [org::YEAR_END_SUMMARY, org::OFFICER_REPORT] {
        let sent = of(facts, org::UNIT_REPORT.key)
            .any(|r| r.get("kind") == kind && r.get("year") == year.to_string());
        if !sent {
            out.push(unit_item(
                "R-ORG-2",
                format!("{year}年度"),
                format!("{kind}报送保密局"),
                year_end,
            ));
        }
    }
    out.extend(cooperation(facts, year, year_end));
    // R-ORG-5: every leader assessed for the year.
    for leader in facts.leaders {
        let done = of(facts, org::ASSESSMENT.key)
            .any(|r| r.get("leader") == leader && r.get("year") == year.to_string());
        if !done {
            out.push(unit_item(
                "R-ORG-5",
                leader.clone(),
                format!("{leader} {year}年度保密工作责任制考核"),
                year_end,
            ));
        }
    }
    // R-ORG-6: each change reported to the city bureau.
    for r in of(facts, org::STAFF_CHANGE.key).filter(|r| r.held()) {
        out.push(unit_item(
            "R-ORG-6",
            r.no.clone(),
            format!(
                "{}（{}）{}，报市保密局",
                r.get("name"),
                r.get("post"),
                r.get("change")
            ),
            r.registered_on + Duration::days(7),
        ));
    }
    out
}

/// The unit a list entry names, without its reason (`某局（出差）` → `某局`).
fn unit_of(entry: &str) -> &str {
    entry
        .split(['（', '(', '：', ':'])
        .next()
        .unwrap_or(entry)
        .trim()
}

/// R-ORG-4: two activities and three articles a year; each activity's record form sent within a
/// week (by the unit that leads the group: another leader's form is not ours); a member absent
/// from two activities running is flagged on the second.
fn cooperation(facts: &OrgFacts<'_>, year: i32, year_end: NaiveDate) -> Vec<DueItem> {
    let mut out = Vec::new();
    let this_year = |r: &&Record| r.registered_on.year() == year;
    let mut activities: Vec<&Record> = of(facts, coop::SPEC.key)
        .filter(|r| r.get("kind") == coop::ACTIVITY)
        .collect();
    activities.sort_by_key(|r| (r.registered_on, r.id));
    let held = activities.iter().filter(|r| this_year(r)).count();
    if held < 2 {
        out.push(unit_item(
            "R-ORG-4",
            format!("{year}年度协作组"),
            format!("协作组活动本年度{held}次，每年不少于2次"),
            year_end,
        ));
    }
    let articles = of(facts, coop::SPEC.key)
        .filter(|r| r.get("kind") == coop::ARTICLE)
        .filter(this_year)
        .count();
    if articles < 3 {
        out.push(unit_item(
            "R-ORG-4",
            format!("{year}年度协作组"),
            format!("协作组信息稿件本年度{articles}篇，每年不少于3篇"),
            year_end,
        ));
    }
    for r in &activities {
        let ours = r.get("leader_unit").is_empty() || r.get("leader_unit") == facts.unit;
        if ours && r.get("sent_on").is_empty() {
            out.push(unit_item(
                "R-ORG-4",
                r.no.clone(),
                format!("协作组活动「{}」情况记录表报送市保密局", r.get("title")),
                r.registered_on + Duration::days(7),
            ));
        }
    }
    for pair in activities.windows(2) {
        if pair[1].registered_on.year() != year {
            continue;
        }
        let before: Vec<String> = split_list(pair[0].get("absent"))
            .iter()
            .map(|e| unit_of(e).to_string())
            .collect();
        for entry in split_list(pair[1].get("absent")) {
            let unit = unit_of(&entry);
            if !unit.is_empty() && before.iter().any(|b| b == unit) {
                out.push(unit_item(
                    "R-ORG-4",
                    pair[1].no.clone(),
                    format!("{unit}连续2次缺席协作组活动（第十六条：通报批评，取消当年评先资格）"),
                    pair[1].registered_on,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
