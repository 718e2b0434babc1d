//! R-PAP-22: papers of year Y with no value to keep are destroyed during Y+1.

use super::{DueItem, PaperFacts};
use crate::domain::dates::ymd;

pub fn no_value(p: &PaperFacts) -> Option<DueItem> {
    if !p.state.is_held() || p.keep || p.return_by.is_some() {
        return None;
    }
    Some(p.item("R-PAP-22", ymd(p.year + 1, 12, 31)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::due::fixture::paper;

    // R-PAP-22: due 31 December of the next year.
    #[test]
    fn r_pap_22_destroy_by_end_of_next_year() {
        let mut p = paper("2025-收-0009", 2025);
        assert!(no_value(&p).is_none());
        p.keep = false;
        let i = no_value(&p).unwrap();
        assert_eq!((i.rule, i.due), ("R-PAP-22", ymd(2026, 12, 31)));
    }
}
