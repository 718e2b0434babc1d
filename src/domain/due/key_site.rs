//! R-KEY-3: a key site in use is inspected at least monthly (绝密), every 3 months (机密), every 6
//! months (秘密), counted from its last inspection or its acceptance. R-KEY-4: each change is
//! reported to the bureau; the seed gives no deadline, so the unit's own one for such duties.

use chrono::Duration;

use super::DueItem;
use crate::domain::ledgers::Record;
use crate::domain::level::Level;
use crate::domain::rules::site::{self, SPEC};

/// The items of key site `r`: its next inspection and every change not yet reported.
pub fn key_site(r: &Record, open_days: i64) -> Vec<DueItem> {
    let mut out = Vec::new();
    if r.spec.key != SPEC.key || !r.held() {
        return out;
    }
    let name = r.get("name");
    if let Some((due, every)) = site::next_inspection(r) {
        let level = r.level.unwrap_or(Level::TopSecret);
        out.push(DueItem {
            rule: "R-KEY-3",
            kind: "key_site",
            subject: r.no.clone(),
            title: format!("要害部门部位「{name}」（{}）{every}检查一次", level.name()),
            level: Some(level),
            due,
            due_at: None,
        });
    }
    for c in site::changes(r) {
        if c.reported_on.is_some() {
            continue;
        }
        let Some(on) = c.on else { continue };
        out.push(DueItem {
            rule: "R-KEY-4",
            kind: "key_site",
            subject: c.no.clone(),
            title: format!(
                "要害部门部位「{name}」{}，向保密局报告（baomi site reported {} --date …）",
                c.kind, c.no
            ),
            level: r.level,
            due: on + Duration::days(open_days.max(1)),
            due_at: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::rules::site::tests::site;

    // R-KEY-3: a 绝密 site is due a month after its acceptance, then a month after each
    // inspection; a 机密 one three months, a 秘密 one six; none before acceptance.
    #[test]
    fn r_key_3_inspection_due_by_level() {
        let mut r = site(Level::TopSecret);
        let due = |r: &Record| {
            key_site(r, 7)
                .into_iter()
                .find(|i| i.rule == "R-KEY-3")
                .map(|i| (i.kind, i.due))
        };
        assert_eq!(due(&r), Some(("key_site", ymd(2026, 2, 10))));
        r.checked_on = Some(ymd(2026, 3, 5));
        assert_eq!(due(&r), Some(("key_site", ymd(2026, 4, 5))));
        r.level = Some(Level::Secret);
        assert_eq!(due(&r).map(|d| d.1), Some(ymd(2026, 6, 5)));
        // The site's page says the same day and how often.
        assert_eq!(
            site::next_inspection(&r),
            Some((ymd(2026, 6, 5), "每3个月".to_string()))
        );
        r.level = Some(Level::Confidential);
        assert_eq!(due(&r).map(|d| d.1), Some(ymd(2026, 9, 5)));
        r.state = site::PENDING;
        assert_eq!(due(&r), None);
    }

    // R-KEY-4: a change is an item under its own number until it is reported.
    #[test]
    fn r_key_4_change_item_until_reported() {
        let mut r = site(Level::Secret);
        r.values.insert("change_count".into(), "1".into());
        r.values.insert("change1".into(), "搬迁装修".into());
        r.values.insert("change1_on".into(), "2026-03-01".into());
        let items = key_site(&r, 7);
        let i = items.iter().find(|i| i.rule == "R-KEY-4").unwrap();
        assert_eq!((i.subject.as_str(), i.due), ("YH-001-1", ymd(2026, 3, 8)));
        assert!(i.title.contains("搬迁装修"));
        r.values
            .insert("change1_reported".into(), "2026-03-03".into());
        assert!(key_site(&r, 7).iter().all(|i| i.rule != "R-KEY-4"));
    }
}
