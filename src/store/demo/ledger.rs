//! The ledger over three years: the papers received, earlier years' closed the way the office
//! closes them, and the counts and checks.

use chrono::{Datelike, Duration, NaiveDate};

use super::requests::{decide, file};
use super::words::{CABINETS, ORIGINATORS, PEOPLE, level, person, title};
use super::{Office, Rng, at, numbering_format};
use crate::domain::carrier::EventKind;
use crate::domain::dates::{self, ymd};
use crate::domain::level::Level;
use crate::domain::numbering::Series;
use crate::domain::paper::{DestroyPlan, Plan, ReceiveForm};
use crate::domain::rules::paper::Act;
use crate::store::papers::{self, ActInput};
use crate::store::stocktake::{self, StocktakeKind};
use crate::store::{Result, Stamp, Store};

/// Papers received over the last two years and this one, in date order: their days and numbers.
pub(super) fn receive(
    store: &mut Store,
    office: &Office,
    rng: &mut Rng,
) -> Result<Vec<(NaiveDate, String)>> {
    let today = office.today;
    let officer = &office.officer;
    let mut received: Vec<(NaiveDate, String)> = Vec::new();
    let first = ymd(today.year() - 2, 3, 1);
    let span = (today - first).num_days().max(1) as usize;
    let mut days: Vec<NaiveDate> = (0..140)
        .map(|_| first + Duration::days(rng.below(span) as i64))
        .collect();
    days.sort();
    for (i, day) in days.iter().enumerate() {
        let (org, abbr) = ORIGINATORS[rng.below(ORIGINATORS.len())];
        let lvl = level(rng);
        let cabinet = if lvl == Level::TopSecret {
            "绝密柜"
        } else {
            CABINETS[rng.below(5)]
        };
        let form = ReceiveForm {
            date: dates::iso(*day),
            originator: org.into(),
            doc_no: format!("{abbr}〔{}〕{}号", day.year(), 1 + rng.below(180)),
            title: title(rng, day.year()),
            level: lvl.name().into(),
            scope: format!("{}、{}、办公室", rng.pick(&PEOPLE), rng.pick(&PEOPLE)),
            copies: (1 + rng.below(3)).to_string(),
            return_by: if i % 17 == 3 {
                dates::iso(*day + Duration::days(60 + rng.below(90) as i64))
            } else {
                String::new()
            },
            location: cabinet.into(),
            no_keep: i % 11 == 5,
            cipher: i % 29 == 7,
            dept: super::words::DEPTS[i % super::words::DEPTS.len()].into(),
            ..ReceiveForm::default()
        };
        let stamp = Stamp::new(officer.clone(), at(*day, 9));
        let receipt = form.parse(*day)?;
        let format = numbering_format(store, Series::Receipt)?;
        let p = store.change(&stamp, |c| papers::receive(c, &receipt, &format))?;
        received.push((*day, p.no));
    }
    Ok(received)
}

/// Closes most papers of earlier years the way the office does: return, archive, destroy; last
/// year's destruction list filed, approved by the leader, carried out by two people.
pub(super) fn close_earlier_years(
    store: &mut Store,
    office: &Office,
    received: &[(NaiveDate, String)],
) -> Result<()> {
    let today = office.today;
    let officer = &office.officer;
    let rooms = &office.rooms;
    let mut destroy_list = Vec::new();
    for (i, (day, no)) in received.iter().enumerate() {
        let year = day.year();
        if year >= today.year() {
            continue;
        }
        let last_year = year == today.year() - 1;
        // Leave a few of last year's papers unreturned: they are overdue after 31 March.
        if last_year && i % 9 == 0 {
            continue;
        }
        let close_on = ymd(year + 1, 1 + (i % 3) as u32, 5 + (i % 20) as u32);
        let stamp = Stamp::new(officer.clone(), at(close_on, 10));
        let p = papers::get(store.conn(), no)?;
        match i % 4 {
            0 | 1 => {
                store.change(&stamp, |c| {
                    papers::act(
                        c,
                        no,
                        &ActInput {
                            kind: EventKind::Return,
                            act: Act {
                                on: close_on,
                                unit: p.originator.clone(),
                                person: person(i),
                                channel: "机要交通".into(),
                                ..Act::default()
                            },
                            request_id: None,
                            reading_rooms: rooms,
                        },
                    )
                })?;
            }
            2 => {
                store.change(&stamp, |c| {
                    papers::act(
                        c,
                        no,
                        &ActInput {
                            kind: EventKind::Archive,
                            act: Act {
                                on: close_on,
                                place: format!("档案室 {}-永久-{:03}", year, i),
                                ..Act::default()
                            },
                            request_id: None,
                            reading_rooms: rooms,
                        },
                    )
                })?;
            }
            _ => destroy_list.push(no.clone()),
        }
    }

    if !destroy_list.is_empty() {
        let on = ymd(today.year(), 3, 20);
        let r = file(
            store,
            officer,
            on,
            Plan::Destroy(DestroyPlan {
                papers: destroy_list.clone(),
                reason: "上年度无保存价值".into(),
            }),
        )?;
        decide(store, &office.leader, on, r, true, "同意销毁")?;
        for no in &destroy_list {
            let p = papers::get(store.conn(), no)?;
            store.change(&Stamp::new(officer.clone(), at(on, 15)), |c| {
                papers::act(
                    c,
                    no,
                    &ActInput {
                        kind: EventKind::Destroy,
                        act: Act {
                            on,
                            persons: office.destroyers.to_vec(),
                            method: if p.level == Level::TopSecret || p.cipher {
                                "保密粉碎机".into()
                            } else {
                                "指定造纸厂".into()
                            },
                            ..Act::default()
                        },
                        request_id: Some(r),
                        reading_rooms: rooms,
                    },
                )
            })?;
        }
    }
    Ok(())
}

/// Counts every month and checks every quarter until last month; this month's is still due.
pub(super) fn counts_and_checks(
    store: &mut Store,
    office: &Office,
    start: NaiveDate,
) -> Result<()> {
    let today = office.today;
    let officer = &office.officer;
    let mut month = start;
    while dates::month_end(month) < dates::first_of(today.year(), today.month()) {
        let end = dates::month_end(month);
        let counted = stocktake::days(store.conn(), StocktakeKind::Count)?
            .iter()
            .any(|d| *d >= month && *d <= end);
        let st = Stamp::new(officer.clone(), at(end, 17));
        if !counted {
            store.change(&st, |c| {
                stocktake::record(c, StocktakeKind::Count, end, &[], "月末清点")
            })?;
        }
        if end == dates::quarter_end(end) {
            store.change(&st, |c| {
                stocktake::record(c, StocktakeKind::Check, end, &[], "季度核查")
            })?;
        }
        month = end + Duration::days(1);
    }
    Ok(())
}
