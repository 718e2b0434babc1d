//! R-PAP-9: a lent paper comes back by the date given when it was lent.

use super::{DueItem, PaperFacts};
use crate::domain::carrier::PaperState;

pub fn loan_return(p: &PaperFacts) -> Option<DueItem> {
    if p.state != PaperState::OnLoan {
        return None;
    }
    p.due_on.map(|d| p.item("R-PAP-9", d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::due::fixture::paper;

    // R-PAP-9: due on the return date while lent, not after it came back.
    #[test]
    fn r_pap_9_loan_return_date() {
        let mut p = paper("2026-收-0010", 2026);
        p.due_on = Some(ymd(2026, 11, 30));
        assert!(loan_return(&p).is_none());
        p.state = PaperState::OnLoan;
        let i = loan_return(&p).unwrap();
        assert_eq!((i.rule, i.due), ("R-PAP-9", ymd(2026, 11, 30)));
    }
}
