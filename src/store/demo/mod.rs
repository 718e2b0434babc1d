//! Demo data: a unit with accounts of every role and a ledger of realistic Chinese papers of several
//! years in every state, requests waiting and decided, counts and checks. The everyday part goes
//! through the same functions the officer uses (so it obeys every rule and fills the audit log);
//! `rows` adds generated papers in bulk for the benchmarks.
//!
//! The story is told in order, and the order is the data: the generator's draws, the numbers the
//! papers get and the papers each part takes all follow from it (the screens' snapshots show them).

mod bulk;
mod ledger;
mod people;
mod records;
mod requests;
mod things;
mod words;
mod work;

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use super::papers;
use super::{Result, Stamp, Store, StoreError};
use crate::domain::account::{PasswordPolicy, Role};
use crate::domain::carrier::PaperState;
use crate::domain::dates::{self, ymd};
use crate::domain::level::Level;
use crate::domain::numbering::Series;
use crate::domain::paper::Paper;

pub use bulk::bulk;
use words::CABINETS;

/// A demo account: login, display name, role, password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
}

pub const UNIT: &str = "江门市某某局";

/// The accounts the demo creates. `officer` replaces the first officer's login and password when
/// given (BAOMI_USER / BAOMI_PASSWORD).
pub fn accounts(officer: Option<(&str, &str)>) -> Vec<DemoAccount> {
    let mut list = vec![
        DemoAccount {
            name: "liqiang".into(),
            display_name: "李强".into(),
            role: Role::Officer,
            password: "Baomi@2026-li".into(),
        },
        DemoAccount {
            name: "zhaomin".into(),
            display_name: "赵敏".into(),
            role: Role::Officer,
            password: "Baomi@2026-zhao".into(),
        },
        DemoAccount {
            name: "wangjianguo".into(),
            display_name: "王建国".into(),
            role: Role::Leader,
            password: "Lingdao@2026-wang".into(),
        },
        DemoAccount {
            name: "chenhong".into(),
            display_name: "陈红".into(),
            role: Role::DepartmentHead,
            password: "Bumen@2026-chen".into(),
        },
        DemoAccount {
            name: "sunli".into(),
            display_name: "孙丽".into(),
            role: Role::Viewer,
            password: "Chayue@2026-sun".into(),
        },
    ];
    if let Some((name, password)) = officer {
        list[0].name = name.to_string();
        list[0].password = password.to_string();
    }
    list
}

/// A small deterministic generator: the same data every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, 0, 0).unwrap_or_default()
}

/// Builds the demo database. Returns the accounts it made.
pub fn build(
    store: &mut Store,
    today: NaiveDate,
    officer: Option<(&str, &str)>,
    rows: usize,
) -> Result<Vec<DemoAccount>> {
    build_with(store, today, officer, rows, &mut |_| {})
}

/// `build`, telling `progress` how many of the `rows` generated papers are written (see `bulk`).
pub fn build_with(
    store: &mut Store,
    today: NaiveDate,
    officer: Option<(&str, &str)>,
    rows: usize,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<DemoAccount>> {
    let accts = accounts(officer);
    let start = ymd(today.year() - 1, 1, 1);
    let root = Stamp::new(accts[0].name.clone(), at(start, 8));
    let policy = PasswordPolicy::for_level(Level::TopSecret);
    store.change(&root, |c| {
        // Checked under the writers' lock: two `demo`s at once make one database.
        if super::accounts::count(&c.tx)? > 0 {
            return Err(crate::domain::Refusal::field(
                "数据库",
                "已有数据，演示数据须建在新文件上",
            )
            .into());
        }
        super::settings::set(c, "unit_name", UNIT)?;
        super::settings::set(c, "highest_level", "绝密")?;
        super::settings::set_internal(c, "started_on", &dates::iso(start))?;
        for a in &accts {
            super::accounts::add(c, &a.name, &a.display_name, a.role, &a.password, policy)?;
        }
        // R-PAP-10: the secrecy room's cabinets, 绝密 in one of its own.
        for (i, no) in CABINETS.iter().enumerate() {
            super::cabinets::add(
                c,
                &crate::domain::cabinet::CabinetForm {
                    no: (*no).into(),
                    room: if i < 3 { "保密室" } else { "办公室302" }.into(),
                    certified: true,
                    ..Default::default()
                },
            )?;
        }
        super::cabinets::add(
            c,
            &crate::domain::cabinet::CabinetForm {
                no: "绝密柜".into(),
                room: "保密室".into(),
                certified: true,
                top_secret: true,
                note: "绝密件专用，双人双锁".into(),
            },
        )?;
        Ok(())
    })?;
    let office = Office {
        today,
        officer: accts[0].name.clone(),
        destroyers: [accts[0].display_name.clone(), accts[1].display_name.clone()],
        leader: accts[2].name.clone(),
        leader_name: accts[2].display_name.clone(),
        rooms: vec!["保密室".to_string(), "阅文室".to_string()],
    };
    let mut rng = Rng(0x5eed_baa0_2026_1127);
    let received = ledger::receive(store, &office, &mut rng)?;
    ledger::close_earlier_years(store, &office, &received)?;
    let mut pool = Pool::of_this_year(&received, today);
    work::this_year(store, &office, &mut pool)?;
    requests::waiting(store, &office, &mut pool)?;
    ledger::counts_and_checks(store, &office, start)?;
    if rows > 0 {
        let stamp = Stamp::new(office.officer, at(today, 7));
        bulk(store, today, rows, &stamp, progress)?;
        records::bulk_records(store, today, rows, &stamp)?;
    }
    Ok(accts)
}

/// The demo's media, computers, devices, rooms and people with their history (`things`), added
/// to a demo `build` made with no generated rows: what plain `baomi demo` and F5 make.
pub fn records(store: &mut Store, today: NaiveDate) -> Result<()> {
    let officer = super::accounts::list(store.conn())?
        .into_iter()
        .find(|a| a.role == Role::Officer && a.active)
        .map(|a| a.name)
        .ok_or(StoreError::Internal("演示数据库没有保密员"))?;
    things::things(store, &officer, today)
}

/// Who does what in the demo's office.
struct Office {
    today: NaiveDate,
    /// The first officer's login: the one who records.
    officer: String,
    /// The two officers' names, who destroy together.
    destroyers: [String; 2],
    leader: String,
    leader_name: String,
    rooms: Vec<String>,
}

/// This year's papers, each given at most one part in the demo's story.
struct Pool {
    today: NaiveDate,
    this_year: Vec<String>,
    used: HashSet<String>,
}

impl Pool {
    fn of_this_year(received: &[(NaiveDate, String)], today: NaiveDate) -> Pool {
        Pool {
            today,
            this_year: received
                .iter()
                .filter(|(d, _)| d.year() == today.year())
                .map(|(_, n)| n.clone())
                .collect(),
            used: HashSet::new(),
        }
    }

    /// The latest paper in stock, registered at least 45 days ago, that `pred` accepts and no part
    /// has taken yet.
    fn take(&mut self, store: &Store, pred: &dyn Fn(&Paper) -> bool) -> Result<Option<String>> {
        for no in self.this_year.iter().rev() {
            if self.used.contains(no) {
                continue;
            }
            let p = papers::get(store.conn(), no)?;
            if p.state == PaperState::InStock
                && p.registered_on <= self.today - Duration::days(45)
                && pred(&p)
            {
                self.used.insert(no.clone());
                return Ok(Some(no.clone()));
            }
        }
        Ok(None)
    }
}

fn numbering_format(store: &Store, series: Series) -> Result<String> {
    Ok(super::settings::load(store.conn())?
        .format(series)
        .to_string())
}
