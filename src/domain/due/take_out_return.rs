//! R-PAP-11: a paper taken out comes back by the expected return date.

use super::{DueItem, PaperFacts};
use crate::domain::carrier::PaperState;

pub fn take_out_return(p: &PaperFacts) -> Option<DueItem> {
    if p.state != PaperState::TakenOut {
        return None;
    }
    p.due_on.map(|d| p.item("R-PAP-11", d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::due::fixture::paper;

    // R-PAP-11: due on the expected return date while out.
    #[test]
    fn r_pap_11_take_out_return_date() {
        let mut p = paper("2026-收-0011", 2026);
        p.state = PaperState::TakenOut;
        p.due_on = Some(ymd(2026, 11, 28));
        let i = take_out_return(&p).unwrap();
        assert_eq!((i.rule, i.due), ("R-PAP-11", ymd(2026, 11, 28)));
        p.state = PaperState::OnLoan;
        assert!(take_out_return(&p).is_none());
    }
}
