//! R-CMP-2: a classified computer is filed with the bureau before use. One waiting for its filing
//! (待备案: registered so, or moved there by migration 10 because no filing was ever recorded) is
//! due from the day it was registered, until the filing is recorded.

use super::DueItem;
use super::records::item;
use crate::domain::ledgers::Record;
use crate::domain::rules::computer;

pub fn computer_filing(r: &Record) -> Option<DueItem> {
    if r.spec.key != computer::SPEC.key || r.state != "unfiled" {
        return None;
    }
    Some(item(
        r,
        "R-CMP-2",
        r.registered_on,
        None,
        "待备案：使用前须向保密局备案",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::level::Level;
    use crate::domain::rules::media::tests::pc;

    // R-CMP-2: an unfiled classified computer is due until filed.
    #[test]
    fn r_cmp_2_filing_owed_until_filed() {
        let mut p = pc("涉密", Level::Secret, false);
        p.state = "unfiled";
        let i = computer_filing(&p).unwrap();
        assert_eq!(
            (i.rule, i.kind, i.subject.as_str()),
            ("R-CMP-2", "computer", "PC-001")
        );
        assert_eq!(i.due, p.registered_on);
        assert!(i.title.contains("备案"), "{}", i.title);
        p.state = "in_use";
        assert!(computer_filing(&p).is_none());
    }
}
