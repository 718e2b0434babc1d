//! R-PAP-14: every paper of year Y still held is returned, archived, destroyed or covered by an
//! approved extension by 31 March of Y+1.

use super::{DueItem, PaperFacts};
use crate::domain::dates::ymd;

/// A held paper's clearing item. Where the originator set a return date, R-PAP-15 governs instead;
/// a paper marked of no value to keep falls under R-PAP-22 (destroyed during Y+1). An extension
/// moves the item to its end date; one recorded without an end date (before extensions were
/// approved with their date) is due a year after the clearing it postponed, never lifted for ever.
pub fn annual_clearing(p: &PaperFacts) -> Option<DueItem> {
    if !p.state.is_held() || p.return_by.is_some() || !p.keep {
        return None;
    }
    if p.extended {
        let until = p.extended_until.unwrap_or_else(|| ymd(p.year + 2, 3, 31));
        return Some(p.item("R-PAP-14", until));
    }
    Some(p.item("R-PAP-14", ymd(p.year + 1, 3, 31)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::carrier::PaperState;
    use crate::domain::due::{DueState, fixture::paper, place};

    // R-PAP-14: due 31 March of the next year; overdue on 1 April.
    #[test]
    fn r_pap_14_due_31_march_overdue_1_april() {
        let p = paper("2025-收-0007", 2025);
        let item = annual_clearing(&p).unwrap();
        assert_eq!(item.due, ymd(2026, 3, 31));
        assert_eq!(
            place(item.clone(), ymd(2026, 3, 31), 7).state,
            DueState::DueSoon
        );
        let d = place(item, ymd(2026, 4, 1), 7);
        assert_eq!((d.state, d.days), (DueState::Overdue, -1));
    }

    // R-PAP-14: every held state counts; an extension lifts or moves the item.
    #[test]
    fn r_pap_14_held_states_and_extensions() {
        let mut p = paper("2025-收-0007", 2025);
        for s in PaperState::HELD {
            p.state = s;
            assert!(annual_clearing(&p).is_some(), "{s:?}");
        }
        p.state = PaperState::Lost;
        assert!(annual_clearing(&p).is_none());
        p.state = PaperState::InStock;
        p.extended = true;
        assert_eq!(annual_clearing(&p).unwrap().due, ymd(2027, 3, 31));
        p.extended_until = Some(ymd(2026, 12, 31));
        assert_eq!(annual_clearing(&p).unwrap().due, ymd(2026, 12, 31));
    }

    // R-PAP-15 governs where the originator set a return date; R-PAP-22 where there is no value.
    #[test]
    fn r_pap_14_yields_to_r_pap_15_and_r_pap_22() {
        let mut p = paper("2025-收-0007", 2025);
        p.return_by = Some(ymd(2025, 12, 1));
        assert!(annual_clearing(&p).is_none());
        let mut q = paper("2025-收-0008", 2025);
        q.keep = false;
        assert!(annual_clearing(&q).is_none());
    }
}
