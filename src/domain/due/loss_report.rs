//! R-MED-5: a lost medium is reported to the bureau within 24 hours of the loss, counted in hours
//! (`due_at`); R-CMP-10: a lost computer at once. Closed by recording the report. A loss that
//! opened an incident has one 24-hour item, the incident's (R-INC-2), closed by its report.

use super::DueItem;
use super::records::item;
use crate::domain::ledgers::Record;

pub fn loss_report(r: &Record) -> Option<DueItem> {
    if r.state != "lost" || !r.get("reported_on").is_empty() || !r.get("incident").is_empty() {
        return None;
    }
    let lost = r.date_time("lost_at")?;
    let (rule, hours, what) = match r.spec.key {
        "medium" => ("R-MED-5", 24, "遗失，24小时内报告保密局"),
        "computer" => ("R-CMP-10", 0, "丢失，立即报告公安和保密局"),
        _ => return None,
    };
    let at = lost + chrono::Duration::hours(hours);
    Some(item(r, rule, at.date(), Some(at), what))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::level::Level;
    use crate::domain::rules::media::tests::medium;

    // R-MED-5: due 24 hours after the loss's time, until the report is recorded.
    #[test]
    fn r_med_5_report_due_24_hours_after_the_loss() {
        let mut m = medium(Level::Secret);
        assert!(loss_report(&m).is_none());
        m.state = "lost";
        m.values.insert("lost_at".into(), "2026-11-26T15:40".into());
        let i = loss_report(&m).unwrap();
        assert_eq!(
            (i.rule, i.kind, i.subject.as_str()),
            ("R-MED-5", "medium", "U-017")
        );
        assert_eq!(i.due, ymd(2026, 11, 27));
        assert_eq!(i.due_at, ymd(2026, 11, 27).and_hms_opt(15, 40, 0));
        m.values.insert("reported_on".into(), "2026-11-27".into());
        assert!(loss_report(&m).is_none());
    }

    // R-MED-5: a medium found and lost again has its report cleared (`reported_on` empty): the
    // new loss is due again.
    #[test]
    fn r_med_5_lost_again_after_found_is_due_again() {
        let mut m = medium(Level::Secret);
        m.state = "lost";
        m.values.insert("lost_at".into(), "2026-11-28T08:00".into());
        m.values.insert("reported_on".into(), String::new());
        assert_eq!(loss_report(&m).map(|i| i.rule), Some("R-MED-5"));
    }

    // R-MED-5 with R-INC-2: a loss that opened an incident leaves the 24 hours to the incident.
    #[test]
    fn r_med_5_one_item_once_an_incident_is_open() {
        let mut m = medium(Level::Secret);
        m.state = "lost";
        m.values.insert("lost_at".into(), "2026-11-26T15:40".into());
        m.values.insert("incident".into(), "SJ2026-01".into());
        assert!(loss_report(&m).is_none());
    }
}
