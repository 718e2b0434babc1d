//! 清点与核查: a count records every held paper, what is missing becomes a discrepancy (R-PAP-12); a
//! lost paper accepts only 找回 (R-INC-4).

use super::*;
use baomi::store::stocktake::{self, StocktakeKind};

// R-PAP-12: a count records every held paper; what is missing becomes a discrepancy.
#[test]
fn r_pap_12_count_with_a_discrepancy() {
    let (_d, mut s) = demo();
    let no = receive(&mut s, "待清点", "秘密", |_| {});
    let r = s
        .change(&officer(), |c| {
            stocktake::record(
                c,
                StocktakeKind::Count,
                today(),
                std::slice::from_ref(&no),
                "",
            )
        })
        .unwrap();
    assert_eq!(r.missing, vec![no.clone()]);
    let gaps = stocktake::open_discrepancies(s.conn()).unwrap();
    let gap = gaps.iter().find(|g| g.paper.no == no).unwrap();
    s.change(&officer(), |c| {
        stocktake::resolve(c, gap.id, false, today(), "未找到")
    })
    .unwrap();
    assert_eq!(papers::get(s.conn(), &no).unwrap().state, PaperState::Lost);
    let before = fingerprint(&s);
    let bad = s.change(&officer(), |c| {
        stocktake::record(
            c,
            StocktakeKind::Count,
            today(),
            &["1999-收-0001".to_string()],
            "",
        )
    });
    assert!(bad.is_err());
    assert_eq!(fingerprint(&s), before);
}

// R-INC-4: a lost paper accepts only 找回.
#[test]
fn r_inc_4_lost_paper_only_found() {
    let (_d, mut s) = demo();
    let no: String = s
        .conn()
        .query_row(
            "SELECT no FROM paper WHERE state = 'lost' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let before = fingerprint(&s);
    let r = act(&mut s, &officer(), &no, EventKind::Archive, on(27), None);
    refused(&s, &before, r, "R-INC-4");
    assert_eq!(
        act(&mut s, &officer(), &no, EventKind::Found, on(27), None).unwrap(),
        PaperState::InStock
    );
}
