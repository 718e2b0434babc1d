//! Demo data: a unit with accounts of every role and a ledger of realistic Chinese papers of several
//! years in every state, requests waiting and decided, counts and checks. The everyday part goes
//! through the same functions the officer uses (so it obeys every rule and fills the audit log);
//! `rows` adds generated papers in bulk for the benchmarks.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::approvals;
use super::papers::{self, ActInput, CopyAct, CopyMarking};
use super::stocktake::{self, StocktakeKind};
use super::{Result, Stamp, Store, json};
use crate::domain::account::{PasswordPolicy, Role};
use crate::domain::approval::PaperApproval;
use crate::domain::carrier::{EventKind, PaperState};
use crate::domain::dates::{self, ymd};
use crate::domain::level::Level;
use crate::domain::numbering::{self, Series};
use crate::domain::paper::{
    CompilePlan, CopyPlan, DestroyPlan, LoanPlan, MakePlan, Plan, ReceiveForm, TakeOutPlan,
};
use crate::domain::rules::paper::Act;
use crate::domain::search::initials;
use crate::domain::text::normalize_number;

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

const ORIGINATORS: [(&str, &str); 16] = [
    ("市委办公室", "江委办"),
    ("市政府办公室", "江府办"),
    ("市保密局", "江保密"),
    ("市公安局", "江公"),
    ("市财政局", "江财"),
    ("市委组织部", "江组"),
    ("省委办公厅", "粤委办"),
    ("省保密局", "粤保密"),
    ("市国家安全局", "江安"),
    ("市发展和改革局", "江发改"),
    ("人民银行江门市分行", "江银"),
    ("重庆市保密局", "渝保密"),
    ("市审计局", "江审"),
    ("市应急管理局", "江应急"),
    ("市人民武装部", "江武"),
    ("市委宣传部", "江宣"),
];

const ACTIONS: [&str; 6] = ["做好", "加强", "开展", "进一步规范", "落实", "组织"];

const TOPICS: [&str; 30] = [
    "保密自查自评",
    "涉密人员管理",
    "涉密载体清查",
    "网络安全检查",
    "防汛防台风",
    "重大项目建设",
    "财政预算执行",
    "干部人事调整",
    "信访维稳",
    "重庆对口协作",
    "银行业风险排查",
    "长期规划编制",
    "应急演练",
    "国庆安保",
    "党风廉政建设",
    "审计整改",
    "统计数据核查",
    "招商引资",
    "土地储备",
    "城市总体规划",
    "人才引进",
    "民族宗教",
    "国防动员",
    "边海防管理",
    "军民融合发展",
    "保密宣传教育月",
    "要害部门部位检查",
    "涉密计算机专项检查",
    "密码电报管理",
    "保密工作责任制考核",
];

/// A title in one of the forms official documents take.
fn title(rng: &mut Rng, year: i32) -> String {
    let topic = rng.pick(&TOPICS);
    match rng.below(8) {
        0 | 1 => format!("关于{}{}工作的通知", rng.pick(&ACTIONS), topic),
        2 => format!("关于{year}年{topic}情况的报告"),
        3 => format!("关于{topic}有关问题的通报"),
        4 => format!("{year}年{topic}工作方案"),
        5 => format!("{topic}专题会议纪要"),
        6 => format!("关于印发《{topic}实施细则》的通知"),
        _ => format!("关于商请支持{topic}有关事项的函"),
    }
}

const PEOPLE: [&str; 18] = [
    "张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷", "徐明", "孙丽",
    "马超", "朱琳", "胡军", "郭涛", "林峰", "何雪",
];

const CABINETS: [&str; 5] = [
    "1号保密柜",
    "2号保密柜",
    "3号保密柜",
    "4号保密柜",
    "5号保密柜",
];

fn level(rng: &mut Rng) -> Level {
    match rng.below(100) {
        0..=4 => Level::TopSecret,
        5..=39 => Level::Secret,
        40..=89 => Level::Confidential,
        _ => Level::Internal,
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
    let officer = accts[0].name.clone();
    let leader = accts[2].name.clone();
    let leader_name = accts[2].display_name.clone();
    let rooms = vec!["保密室".to_string(), "阅文室".to_string()];
    let mut rng = Rng(0x5eed_baa0_2026_1127);

    // Papers received over the last two years and this one, in date order.
    let mut received: Vec<(NaiveDate, String)> = Vec::new();
    let first = ymd(today.year() - 2, 3, 1);
    let span = (today - first).num_days().max(1) as usize;
    let mut days: Vec<NaiveDate> = (0..140)
        .map(|_| first + Duration::days(rng.below(span) as i64))
        .collect();
    days.sort();
    for (i, day) in days.iter().enumerate() {
        let (org, abbr) = ORIGINATORS[rng.below(ORIGINATORS.len())];
        let lvl = level(&mut rng);
        let cabinet = if lvl == Level::TopSecret {
            "绝密柜"
        } else {
            CABINETS[rng.below(5)]
        };
        let form = ReceiveForm {
            date: dates::iso(*day),
            originator: org.into(),
            doc_no: format!("{abbr}〔{}〕{}号", day.year(), 1 + rng.below(180)),
            title: title(&mut rng, day.year()),
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
            ..ReceiveForm::default()
        };
        let stamp = Stamp::new(officer.clone(), at(*day, 9));
        let receipt = form.parse(*day)?;
        let format = numbering_format(store, Series::Receipt)?;
        let p = store.change(&stamp, |c| papers::receive(c, &receipt, &format))?;
        received.push((*day, p.no));
    }

    // Close most papers of earlier years the way the office does: return, archive, destroy.
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
                                person: rng_name(i),
                                channel: "机要交通".into(),
                                ..Act::default()
                            },
                            request_id: None,
                            reading_rooms: &rooms,
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
                            reading_rooms: &rooms,
                        },
                    )
                })?;
            }
            _ => destroy_list.push(no.clone()),
        }
    }

    // Last year's destruction list: filed, approved by the leader, carried out by two people.
    if !destroy_list.is_empty() {
        let on = ymd(today.year(), 3, 20);
        let r = file(
            store,
            &officer,
            on,
            Plan::Destroy(DestroyPlan {
                papers: destroy_list.clone(),
                reason: "上年度无保存价值".into(),
            }),
        )?;
        decide(store, &leader, on, r, true, "同意销毁")?;
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
                            persons: vec![
                                accts[0].display_name.clone(),
                                accts[1].display_name.clone(),
                            ],
                            method: if p.level == Level::TopSecret || p.cipher {
                                "保密粉碎机".into()
                            } else {
                                "指定造纸厂".into()
                            },
                            ..Act::default()
                        },
                        request_id: Some(r),
                        reading_rooms: &rooms,
                    },
                )
            })?;
        }
    }

    // This year's papers at work: circulation, loans, take-outs, copies, a compilation, a loss.
    let this_year: Vec<String> = received
        .iter()
        .filter(|(d, _)| d.year() == today.year())
        .map(|(_, n)| n.clone())
        .collect();
    let recent = today - Duration::days(10);
    let mut used = std::collections::HashSet::new();
    let take = |pred: &dyn Fn(&crate::domain::paper::Paper) -> bool,
                store: &Store,
                used: &mut std::collections::HashSet<String>|
     -> Result<Option<String>> {
        for no in this_year.iter().rev() {
            if used.contains(no) {
                continue;
            }
            let p = papers::get(store.conn(), no)?;
            if p.state == PaperState::InStock
                && p.registered_on <= today - Duration::days(45)
                && pred(&p)
            {
                used.insert(no.clone());
                return Ok(Some(no.clone()));
            }
        }
        Ok(None)
    };

    // A 绝密 paper read in the secrecy room and returned; another still with its reader.
    if let Some(no) = take(&|p| p.level == Level::TopSecret, store, &mut used)? {
        let p = papers::get(store.conn(), &no)?;
        let reader = p.scope.first().cloned().unwrap_or_else(|| "办公室".into());
        let st = Stamp::new(officer.clone(), at(recent, 9));
        store.change(&st, |c| {
            papers::act(
                c,
                &no,
                &ActInput {
                    kind: EventKind::Circulate,
                    act: Act {
                        on: recent,
                        at: "09:30".into(),
                        person: reader.clone(),
                        place: "保密室".into(),
                        ..Act::default()
                    },
                    request_id: None,
                    reading_rooms: &rooms,
                },
            )?;
            papers::act(
                c,
                &no,
                &ActInput {
                    kind: EventKind::CirculateBack,
                    act: Act {
                        on: recent,
                        at: "11:10".into(),
                        ..Act::default()
                    },
                    request_id: None,
                    reading_rooms: &rooms,
                },
            )
        })?;
    }
    for _ in 0..2 {
        if let Some(no) = take(&|p| p.level != Level::TopSecret, store, &mut used)? {
            let p = papers::get(store.conn(), &no)?;
            let reader = p.scope.first().cloned().unwrap_or_default();
            // Out this morning: back in the cabinet by the end of the day (R-PAP-10).
            store.change(&Stamp::new(officer.clone(), at(today, 9)), |c| {
                papers::act(
                    c,
                    &no,
                    &ActInput {
                        kind: EventKind::Circulate,
                        act: Act {
                            on: today,
                            at: "10:00".into(),
                            person: reader.clone(),
                            ..Act::default()
                        },
                        request_id: None,
                        reading_rooms: &rooms,
                    },
                )
            })?;
        }
    }
    // Loans: one overdue, one due soon.
    for (lent, back_in) in [(25, -5), (6, 4)] {
        if let Some(no) = take(&|p| p.level != Level::TopSecret, store, &mut used)? {
            let on = today - Duration::days(lent);
            let borrower = PEOPLE[(lent as usize) % PEOPLE.len()].to_string();
            let_know(store, &officer, &leader_name, on, &no, &borrower)?;
            let r = file(
                store,
                &officer,
                on,
                Plan::Loan(LoanPlan {
                    paper: no.clone(),
                    borrower: borrower.clone(),
                    return_by: today + Duration::days(back_in),
                    purpose: "起草材料参考".into(),
                }),
            )?;
            decide(store, &leader, on, r, true, "同意，按期归还")?;
            store.change(&Stamp::new(officer.clone(), at(on, 14)), |c| {
                papers::act(
                    c,
                    &no,
                    &ActInput {
                        kind: EventKind::Loan,
                        act: Act {
                            on,
                            person: borrower.clone(),
                            ..Act::default()
                        },
                        request_id: Some(r),
                        reading_rooms: &rooms,
                    },
                )
            })?;
        }
    }
    // A take-out by two people, back tomorrow.
    if let Some(no) = take(&|p| p.level == Level::Secret, store, &mut used)? {
        let on = today - Duration::days(1);
        for person in ["张伟", "刘洋"] {
            let_know(store, &officer, &leader_name, on, &no, person)?;
        }
        let r = file(
            store,
            &officer,
            on,
            Plan::TakeOut(TakeOutPlan {
                paper: no.clone(),
                persons: vec!["张伟".into(), "刘洋".into()],
                place: "省保密局".into(),
                purpose: "参加全省保密工作会议汇报".into(),
                return_by: today + Duration::days(1),
                ..TakeOutPlan::default()
            }),
        )?;
        decide(store, &leader, on, r, true, "同意，二人同行，密件不离身")?;
        store.change(&Stamp::new(officer.clone(), at(on, 8)), |c| {
            papers::act(
                c,
                &no,
                &ActInput {
                    kind: EventKind::TakeOut,
                    act: Act {
                        on,
                        note: "参加全省保密工作会议汇报".into(),
                        ..Act::default()
                    },
                    request_id: Some(r),
                    reading_rooms: &rooms,
                },
            )
        })?;
    }
    // A copy, approved on a signed paper form the officer recorded.
    if let Some(no) = take(
        &|p| p.level == Level::Confidential && !p.no_copy,
        store,
        &mut used,
    )? {
        let on = today - Duration::days(20);
        let r = file(
            store,
            &officer,
            on,
            Plan::Copy(CopyPlan {
                paper: no.clone(),
                copies: 2,
                purpose: "分送两位分管领导阅研".into(),
                external_ref: String::new(),
            }),
        )?;
        store.change(&Stamp::new(officer.clone(), at(on, 11)), |c| {
            approvals::decide(
                c,
                r,
                true,
                "同意复印2份",
                Some(&PaperApproval {
                    approver: accts[2].display_name.clone(),
                    date: on,
                    form_ref: format!("复印审批表〔{}〕07号", on.year()),
                }),
            )
        })?;
        let_know(store, &officer, &leader_name, on, &no, "王芳")?;
        store.change(&Stamp::new(officer.clone(), at(on, 15)), |c| {
            papers::copy(
                c,
                &no,
                &CopyAct {
                    request_id: r,
                    copies: 2,
                    on,
                    marking: CopyMarking::default(),
                    location: "".into(),
                    receiver: "王芳".into(),
                    return_by: Some(today + Duration::days(20)),
                },
            )
        })?;
    }
    // A compilation with the originators' approval.
    let a = take(&|p| p.level == Level::Confidential, store, &mut used)?;
    let b = take(&|p| p.level == Level::Secret, store, &mut used)?;
    if let (Some(a), Some(b)) = (a, b) {
        let on = today - Duration::days(40);
        let r = file(
            store,
            &officer,
            on,
            Plan::Compile(CompilePlan {
                scope: vec![],
                papers: vec![a, b],
                title: format!("{}年上半年保密工作文件汇编", today.year()),
                external_ref: "经市委办公室、市保密局书面同意".into(),
            }),
        )?;
        // The originators approve a compilation (R-PAP-21): the officer records their letter.
        store.change(&Stamp::new(officer.clone(), at(on, 10)), |c| {
            approvals::decide(
                c,
                r,
                true,
                "同意汇编",
                Some(&crate::domain::approval::PaperApproval {
                    approver: "市委办公室".into(),
                    date: on,
                    form_ref: "江委办函〔2026〕12号".into(),
                }),
            )
        })?;
        store.change(&Stamp::new(officer.clone(), at(on, 16)), |c| {
            papers::compile(c, r, on, None, None, "2号保密柜")
        })?;
    }
    // A paper the officer made, with the leader's approval, and sent within its distribution.
    {
        let on = today - Duration::days(30);
        let r = file(
            store,
            &officer,
            on,
            Plan::Make(MakePlan {
                title: format!("{}年度保密工作要点", today.year()),
                level: "机密".into(),
                period: "10年".into(),
                scope: vec!["局领导".into(), "办公室".into()],
                copies: 5,
                distribution: vec!["市保密局".into(), "市委办公室".into()],
                purpose: "部署全年保密工作".into(),
                ..MakePlan::default()
            }),
        )?;
        decide(store, &leader, on, r, true, "同意制作5份")?;
        let format = numbering_format(store, Series::Make)?;
        let made = store.change(&Stamp::new(officer.clone(), at(on, 16)), |c| {
            papers::make(c, r, 5, on, "1号保密柜", "残页已粉碎", &format)
        })?;
        store.change(
            &Stamp::new(officer.clone(), at(on + Duration::days(1), 9)),
            |c| {
                papers::act(
                    c,
                    &made.no,
                    &ActInput {
                        kind: EventKind::Send,
                        act: Act {
                            on: on + Duration::days(1),
                            unit: "市保密局".into(),
                            channel: "机要交通".into(),
                            copies: Some(1),
                            ..Act::default()
                        },
                        request_id: None,
                        reading_rooms: &rooms,
                    },
                )
            },
        )?;
    }
    // One paper not found at a count and reported lost.
    if let Some(no) = take(&|p| p.level == Level::Confidential, store, &mut used)? {
        let on = dates::month_end(today - Duration::days(40));
        let st = store.change(&Stamp::new(officer.clone(), at(on, 16)), |c| {
            stocktake::record(
                c,
                StocktakeKind::Count,
                on,
                std::slice::from_ref(&no),
                "月末清点",
            )
        })?;
        let _ = st;
        let gap = stocktake::open_discrepancies(store.conn())?;
        if let Some(d) = gap.first() {
            store.change(
                &Stamp::new(officer.clone(), at(on + Duration::days(1), 9)),
                |c| {
                    stocktake::resolve(
                        c,
                        d.id,
                        false,
                        on + Duration::days(1),
                        "多方查找未果，已报告保密办",
                    )
                },
            )?;
        }
    }
    // Requests waiting: a loan, a copy of 绝密 with the originator's approval, a destruction list;
    // and one the leader rejected.
    if let Some(no) = take(&|p| p.level == Level::Secret, store, &mut used)? {
        let_know(
            store,
            &officer,
            &leader_name,
            today - Duration::days(2),
            &no,
            "黄敏",
        )?;
        file(
            store,
            &officer,
            today - Duration::days(2),
            Plan::Loan(LoanPlan {
                paper: no,
                borrower: "黄敏".into(),
                return_by: today + Duration::days(7),
                purpose: "专项检查备查".into(),
            }),
        )?;
    }
    if let Some(no) = take(&|p| p.level == Level::TopSecret, store, &mut used)? {
        file(
            store,
            &officer,
            today - Duration::days(1),
            Plan::Copy(CopyPlan {
                paper: no,
                copies: 1,
                purpose: "上报省委办公厅".into(),
                external_ref: "省委办公厅机要处同意复印函".into(),
            }),
        )?;
    }
    let no_value: Vec<String> = this_year
        .iter()
        .filter(|n| !used.contains(*n))
        .filter_map(|n| papers::get(store.conn(), n).ok())
        .filter(|p| !p.keep && p.state == PaperState::InStock)
        .map(|p| p.no)
        .take(3)
        .collect();
    if !no_value.is_empty() {
        file(
            store,
            &officer,
            today,
            Plan::Destroy(DestroyPlan {
                papers: no_value,
                reason: "无保存价值".into(),
            }),
        )?;
    }
    if let Some(no) = take(&|p| p.level == Level::Confidential, store, &mut used)? {
        let on = today - Duration::days(12);
        let borrower = papers::get(store.conn(), &no)?
            .scope
            .first()
            .cloned()
            .unwrap_or_else(|| "马超".into());
        let r = file(
            store,
            &officer,
            on,
            Plan::Loan(LoanPlan {
                paper: no,
                borrower,
                return_by: today + Duration::days(30),
                purpose: "个人学习".into(),
            }),
        )?;
        decide(store, &leader, on, r, false, "非工作需要，不予借阅")?;
    }

    // Counts every month and checks every quarter until last month; this month's is still due.
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

    if rows > 0 {
        bulk(store, today, rows, &Stamp::new(officer, at(today, 7)))?;
    }
    Ok(accts)
}

fn rng_name(i: usize) -> String {
    PEOPLE[(i * 7) % PEOPLE.len()].to_string()
}

fn numbering_format(store: &Store, series: Series) -> Result<String> {
    Ok(super::settings::load(store.conn())?
        .format(series)
        .to_string())
}

/// The leader's instruction that lets `person` know the paper (R-CLS-2), when the scope does not
/// already take them in: what an officer records before lending it to them.
fn let_know(
    store: &mut Store,
    officer: &str,
    leader: &str,
    on: NaiveDate,
    no: &str,
    person: &str,
) -> Result<()> {
    let p = papers::get(store.conn(), no)?;
    if crate::domain::rules::paper::in_scope(&p.scope, person, "") {
        return Ok(());
    }
    let mut scope = p.scope.clone();
    scope.push(person.to_string());
    store.change(&Stamp::new(officer, at(on, 8)), |c| {
        papers::act(
            c,
            no,
            &ActInput {
                kind: EventKind::Scope,
                act: Act {
                    on,
                    persons: scope.clone(),
                    person: leader.to_string(),
                    reference: "领导批示单".into(),
                    ..Act::default()
                },
                request_id: None,
                reading_rooms: &[],
            },
        )
    })?;
    Ok(())
}

fn file(store: &mut Store, officer: &str, on: NaiveDate, plan: Plan) -> Result<i64> {
    Ok(store
        .change(&Stamp::new(officer, at(on, 9)), |c| {
            approvals::file(c, plan)
        })?
        .id)
}

fn decide(
    store: &mut Store,
    leader: &str,
    on: NaiveDate,
    id: i64,
    approve: bool,
    opinion: &str,
) -> Result<()> {
    store.change(&Stamp::new(leader, at(on, 10)), |c| {
        approvals::decide(c, id, approve, opinion, None)
    })?;
    Ok(())
}

/// Adds `rows` generated papers for the benchmarks, in one transaction with one audit row. Older
/// years are mostly closed, as in a real ledger; the index is filled by the same triggers.
pub fn bulk(store: &mut Store, today: NaiveDate, rows: usize, stamp: &Stamp) -> Result<()> {
    let format = super::settings::load(store.conn())?
        .format(Series::Receipt)
        .to_string();
    store.change(stamp, |c| {
        // Bulk loading: a big cache, and the search index built once at the end rather than
        // row by row through its triggers (the same triggers are put back afterwards).
        c.tx.pragma_update(None, "cache_size", -262_144)?;
        let triggers = super::search::suspend_index(c)?;
        // Secondary indexes are built once, sorted, after the rows are in.
        let indexes: Vec<(String, String)> = {
            let mut stmt = c.tx.prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                 AND tbl_name IN ('paper', 'paper_event')",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (name, _) in &indexes {
            c.tx.execute_batch(&format!("DROP INDEX {name}"))?;
        }
        let mut title_initials: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        let mut rng = Rng(0xb00c_2026 ^ rows as u64);
        let first_year = today.year() - 9;
        let mut seq: std::collections::HashMap<i32, i64> = std::collections::HashMap::new();
        {
            let mut stmt = c.tx.prepare("SELECT year, max(last) FROM sequence WHERE series = 'receipt' GROUP BY year")?;
            let existing = stmt.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, i64>(1)?)))?;
            for e in existing {
                let (y, n) = e?;
                seq.insert(y, n);
            }
        }
        c.bulk(&["paper", "paper_event"], |c| {
        let mut paper = c.tx.prepare(
            "INSERT INTO paper (no, origin, registered_on, year, originator, doc_no, doc_no_key, title,
                level, period, scope, copies, copy_nos, keep, keeper, holder, location, state, initials,
                period_end, first_level, first_period, first_copies, first_copy_nos, first_location)
             VALUES (?1, 'received', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, '', ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                ?8, ?9, ?11, '', ?19)",
        )?;
        let mut event = c.tx.prepare(
            "INSERT INTO paper_event (paper_id, kind, on_date, person, unit, handler, note)
             VALUES (?1, ?2, ?3, ?4, ?5, '系统生成', ?6)",
        )?;
        let span_days = (today - ymd(first_year, 1, 1)).num_days().max(1) as usize;
        let mut dates_sorted: Vec<i64> = (0..rows).map(|_| rng.below(span_days) as i64).collect();
        dates_sorted.sort_unstable();
        for offset in dates_sorted {
            let day = ymd(first_year, 1, 1) + Duration::days(offset);
            let year = day.year();
            let n = seq.entry(year).or_insert(0);
            *n += 1;
            let no = numbering::render(&format, year, *n);
            let (org, abbr) = ORIGINATORS[rng.below(ORIGINATORS.len())];
            let doc_no = format!("{abbr}〔{year}〕{}号", 1 + rng.below(400));
            let t = title(&mut rng, year);
            let lvl = level(&mut rng);
            let keeper = rng.pick(&PEOPLE).to_string();
            let cabinet = if lvl == Level::TopSecret { "绝密柜" } else { CABINETS[rng.below(5)] };
            let age = today.year() - year;
            let roll = rng.below(100);
            let state = if age == 0 {
                match roll {
                    0..=79 => PaperState::InStock,
                    80..=87 => PaperState::Circulating,
                    88..=93 => PaperState::OnLoan,
                    94..=95 => PaperState::TakenOut,
                    _ => PaperState::Returned,
                }
            } else if age == 1 && roll < 10 {
                PaperState::InStock
            } else {
                match roll {
                    0..=44 => PaperState::Returned,
                    45..=69 => PaperState::Destroyed,
                    70..=94 => PaperState::Archived,
                    95..=97 => PaperState::HandedOver,
                    98 => PaperState::Lost,
                    _ => PaperState::Returned,
                }
            };
            let holder = if state.is_closed() { String::new() } else if state.is_out() { rng.pick(&PEOPLE).to_string() } else { keeper.clone() };
            // What the closing event leaves (domain::replay derives the same): returned and
            // handed-over papers are with the unit they went to, destroyed ones nowhere.
            let location = match state {
                PaperState::Returned | PaperState::HandedOver => org,
                PaperState::Destroyed => "",
                _ => cabinet,
            };
            let keep = !rng.chance(8);
            paper.execute(params![
                no,
                dates::iso(day),
                year,
                org,
                doc_no,
                normalize_number(&doc_no),
                t,
                lvl.code(),
                lvl.default_period().map(|p| p.stored()),
                "办公室",
                1 + rng.below(3) as i64,
                keep,
                keeper,
                holder,
                location,
                state.code(),
                title_initials
                    .entry(t.clone())
                    .or_insert_with(|| initials(&t))
                    .clone(),
                lvl.default_period()
                    .and_then(|p| p.end_from(day))
                    .map(dates::iso),
                cabinet,
            ])?;
            let id = c.tx.last_insert_rowid();
            event.execute(params![id, "receive", dates::iso(day), keeper, org, ""])?;
            if let Some(k) = crate::domain::paper::import_event(state) {
                let close = (day + Duration::days(30 + rng.below(300) as i64)).min(today);
                let unit = if state.is_closed() { location } else { "" };
                event.execute(params![id, k.code(), dates::iso(close), holder, unit, "生成数据"])?;
            }
        }
        Ok(())
        })?;
        for (year, last) in seq {
            c.tx.execute(
                "INSERT INTO sequence (series, year, last) VALUES ('receipt', ?1, ?2)
                 ON CONFLICT (series, year) DO UPDATE SET last = max(last, excluded.last)",
                params![year, last],
            )?;
        }
        for (_, sql) in &indexes {
            c.tx.execute_batch(sql)?;
        }
        super::search::resume_index(c, &triggers, None)?;
        c.tx.pragma_update(None, "cache_size", -2000)?;
        // Statistics for the planner, from a sample: enough to choose the indexes.
        c.tx.execute_batch("PRAGMA analysis_limit = 2000; ANALYZE;")?;
        c.audit("生成演示数据", "paper", None, json(serde_json::json!({"rows": rows})));
        Ok(())
    })
}
