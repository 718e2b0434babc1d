//! R-ORG-2, R-ORG-4, R-ORG-5, R-ORG-6: the organisation's due items, by rule ID.

use super::*;
use crate::domain::dates::ymd;
use crate::domain::ledgers::LedgerSpec;
use crate::domain::rules::media::tests::values;

fn record(spec: &'static LedgerSpec, no: &str, on: NaiveDate, v: &[(&str, &str)]) -> Record {
    Record {
        id: 1,
        spec,
        no: no.into(),
        state: spec.states[0].key,
        level: None,
        keeper: String::new(),
        holder: String::new(),
        registered_on: on,
        checked_on: None,
        values: values(v),
    }
}

fn items(records: &[Record], leaders: &[String], as_of: NaiveDate) -> Vec<DueItem> {
    organisation(
        &OrgFacts {
            records,
            leaders,
            unit: "江门市某某局",
        },
        as_of,
    )
}

fn rules(items: &[DueItem], rule: &str) -> Vec<String> {
    items
        .iter()
        .filter(|i| i.rule == rule)
        .map(|i| i.title.clone())
        .collect()
}

// R-ORG-2: the year-end summary and the officer's report are due on 31 December of the year of
// today, each until recorded as sent (last year's report does not count).
#[test]
fn r_org_2_year_end_reports() {
    let as_of = ymd(2026, 11, 27);
    let none = items(&[], &[], as_of);
    let due = rules(&none, "R-ORG-2");
    assert_eq!(due.len(), 2);
    assert!(none.iter().all(|i| i.kind == "unit"));
    assert!(
        none.iter()
            .filter(|i| i.rule == "R-ORG-2")
            .all(|i| i.due == ymd(2026, 12, 31))
    );
    let sent = [
        record(
            &org::UNIT_REPORT,
            "2026-报-001",
            ymd(2026, 11, 20),
            &[("kind", org::YEAR_END_SUMMARY), ("year", "2026")],
        ),
        record(
            &org::UNIT_REPORT,
            "2025-报-001",
            ymd(2025, 12, 20),
            &[("kind", org::OFFICER_REPORT), ("year", "2025")],
        ),
    ];
    let left = rules(&items(&sent, &[], as_of), "R-ORG-2");
    assert_eq!(left.len(), 1);
    assert!(left[0].contains(org::OFFICER_REPORT));
}

// R-ORG-4: two activities and three articles a year; each record form within a week (ours only,
// when we lead); a member absent twice running flagged.
#[test]
fn r_org_4_cooperation_group() {
    let as_of = ymd(2026, 11, 27);
    let act = |no: &str, on, extra: &[(&str, &str)]| {
        let mut v = vec![
            ("kind", coop::ACTIVITY),
            ("title", "协作组会议"),
            ("form", "会议"),
        ];
        v.extend_from_slice(extra);
        record(&coop::SPEC, no, on, &v)
    };
    let first = act(
        "2026-协-001",
        ymd(2026, 5, 10),
        &[
            ("absent", "某某局（出差）、甲局"),
            ("sent_on", "2026-05-12"),
        ],
    );
    let second = act("2026-协-002", ymd(2026, 10, 20), &[("absent", "某某局")]);
    let other_leader = act("2026-协-003", ymd(2026, 11, 1), &[("leader_unit", "乙局")]);
    let only_one = items(std::slice::from_ref(&first), &[], as_of);
    let due = rules(&only_one, "R-ORG-4");
    assert!(due.iter().any(|t| t.contains("本年度1次")), "{due:?}");
    assert!(due.iter().any(|t| t.contains("本年度0篇")), "{due:?}");
    let all = items(&[first.clone(), second.clone(), other_leader], &[], as_of);
    let four: Vec<&DueItem> = all.iter().filter(|i| i.rule == "R-ORG-4").collect();
    assert!(!four.iter().any(|i| i.title.contains("次，每年不少于2次")));
    // The second's form is due a week after it; the first was sent; another leader's is theirs.
    let form: Vec<&&DueItem> = four
        .iter()
        .filter(|i| i.title.contains("情况记录表"))
        .collect();
    assert_eq!(form.len(), 1);
    assert_eq!(
        (form[0].subject.as_str(), form[0].due),
        ("2026-协-002", ymd(2026, 10, 27))
    );
    // 某某局 missed both (its reason aside); 甲局 only the first.
    let flagged: Vec<&&DueItem> = four
        .iter()
        .filter(|i| i.title.contains("连续2次"))
        .collect();
    assert_eq!(flagged.len(), 1);
    assert!(flagged[0].title.starts_with("某某局"));
    assert_eq!(flagged[0].due, ymd(2026, 10, 20));
    let articles: Vec<Record> = (1..=3)
        .map(|n| {
            record(
                &coop::SPEC,
                &format!("2026-协-01{n}"),
                ymd(2026, 3, n),
                &[("kind", coop::ARTICLE)],
            )
        })
        .collect();
    assert!(
        !rules(&items(&articles, &[], as_of), "R-ORG-4")
            .iter()
            .any(|t| t.contains("篇"))
    );
}

// R-ORG-5: every leader without this year's assessment is due at year end.
#[test]
fn r_org_5_leaders_assessed_yearly() {
    let as_of = ymd(2026, 11, 27);
    let leaders = vec!["王建国".to_string(), "刘副局长".to_string()];
    let done = [
        record(
            &org::ASSESSMENT,
            "2026-考-001",
            ymd(2026, 11, 1),
            &[("leader", "王建国"), ("year", "2026")],
        ),
        record(
            &org::ASSESSMENT,
            "2025-考-001",
            ymd(2025, 12, 1),
            &[("leader", "刘副局长"), ("year", "2025")],
        ),
    ];
    let due: Vec<DueItem> = items(&done, &leaders, as_of)
        .into_iter()
        .filter(|i| i.rule == "R-ORG-5")
        .collect();
    assert_eq!(due.len(), 1);
    assert_eq!(
        (due[0].subject.as_str(), due[0].due),
        ("刘副局长", ymd(2026, 12, 31))
    );
}

// R-ORG-6: each change is due a week after it, until reported.
#[test]
fn r_org_6_changes_reported() {
    let as_of = ymd(2026, 11, 27);
    let mut change = record(
        &org::STAFF_CHANGE,
        "2026-变-001",
        ymd(2026, 11, 2),
        &[("name", "赵敏"), ("post", "保密员"), ("change", "新任")],
    );
    let due = items(std::slice::from_ref(&change), &[], as_of);
    let six: Vec<&DueItem> = due.iter().filter(|i| i.rule == "R-ORG-6").collect();
    assert_eq!(six.len(), 1);
    assert_eq!(six[0].due, ymd(2026, 11, 9));
    assert!(six[0].title.contains("赵敏"));
    change.state = "reported";
    assert!(rules(&items(&[change], &[], as_of), "R-ORG-6").is_empty());
}
