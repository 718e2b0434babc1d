//! R-PAP-15: a return date set by the originator is due on that date, before any other clearing.

use super::{DueItem, PaperFacts};

pub fn originator_return(p: &PaperFacts) -> Option<DueItem> {
    if !p.state.is_held() {
        return None;
    }
    p.return_by.map(|d| p.item("R-PAP-15", d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::carrier::PaperState;
    use crate::domain::dates::ymd;
    use crate::domain::due::fixture::paper;

    // R-PAP-15: the originator's date governs.
    #[test]
    fn r_pap_15_originator_date() {
        let mut p = paper("2026-收-0003", 2026);
        assert!(originator_return(&p).is_none());
        p.return_by = Some(ymd(2026, 5, 20));
        let i = originator_return(&p).unwrap();
        assert_eq!((i.rule, i.due), ("R-PAP-15", ymd(2026, 5, 20)));
        p.state = PaperState::Returned;
        assert!(originator_return(&p).is_none());
    }
}
