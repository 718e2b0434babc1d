//! The registers (登记簿) as views over the events: each is a query that gives the columns of the
//! form officers already keep (LEDGER-FORMS.md), with each row's level for the printout's marking.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, StoreError};
use crate::domain::dates;
use crate::domain::level::{Level, Mark, Period};
use crate::domain::paper::Plan;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterKind {
    /// 收文登记簿 (R-PAP-3)
    Receipts,
    /// 发文登记簿 (R-PAP-3, R-PAP-5)
    Dispatches,
    /// 复印登记 (R-PAP-20)
    Copies,
    /// 借阅登记 (R-PAP-9)
    Loans,
    /// 携带外出登记 (R-PAP-11)
    TakeOuts,
    /// 绝密件知悉人员记录 (R-PAP-8)
    TopSecretReaders,
    /// 清点表 (R-PAP-12): a count or check, the latest when no id is given
    CountSheet,
    /// 销毁清单 (R-PAP-23): a destruction request
    Destruction,
}

impl RegisterKind {
    pub const ALL: [RegisterKind; 8] = [
        RegisterKind::Receipts,
        RegisterKind::Dispatches,
        RegisterKind::Copies,
        RegisterKind::Loans,
        RegisterKind::TakeOuts,
        RegisterKind::TopSecretReaders,
        RegisterKind::CountSheet,
        RegisterKind::Destruction,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RegisterKind::Receipts => "receipts",
            RegisterKind::Dispatches => "dispatches",
            RegisterKind::Copies => "copies",
            RegisterKind::Loans => "loans",
            RegisterKind::TakeOuts => "take-outs",
            RegisterKind::TopSecretReaders => "top-secret-readers",
            RegisterKind::CountSheet => "count-sheet",
            RegisterKind::Destruction => "destruction",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            RegisterKind::Receipts => "收文登记簿",
            RegisterKind::Dispatches => "发文登记簿",
            RegisterKind::Copies => "涉密文件（资料）复印登记表",
            RegisterKind::Loans => "涉密载体借阅登记表",
            RegisterKind::TakeOuts => "涉密载体携带外出登记表",
            RegisterKind::TopSecretReaders => "接触和知悉绝密级国家秘密文件人员记录",
            RegisterKind::CountSheet => "密件清点表",
            RegisterKind::Destruction => "涉密载体销毁清单（清点、登记、注销）",
        }
    }

    pub fn parse(s: &str) -> Option<RegisterKind> {
        RegisterKind::ALL
            .into_iter()
            .find(|k| k.code() == s || k.title() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    pub level: Level,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    pub kind: RegisterKind,
    pub title: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<RegisterRow>,
    pub notes: Vec<String>,
    pub signatures: Vec<&'static str>,
}

fn mark(level: i64, period: Option<String>) -> (Level, String) {
    let level = Level::from_code(level).unwrap_or(Level::TopSecret);
    let period = period.as_deref().and_then(Period::parse);
    (level, Mark::new(level, period).to_string())
}

fn zh(iso: &str) -> String {
    dates::parse(iso).map(dates::zh).unwrap_or_default()
}

fn when(iso: Option<String>, time: Option<String>) -> String {
    let d = iso.as_deref().map(zh).unwrap_or_default();
    match time.filter(|t| !t.is_empty()) {
        Some(t) if !d.is_empty() => format!("{d} {t}"),
        _ => d,
    }
}

fn year_clause(year: Option<i32>) -> String {
    match year {
        Some(y) => format!(" AND e.on_date LIKE '{y}-%'"),
        None => String::new(),
    }
}

/// Loads a register. `year` limits the running registers to one year; `id` names the count
/// (stocktake) or the destruction request for the two forms that are about one occasion.
pub fn load(
    conn: &Connection,
    kind: RegisterKind,
    year: Option<i32>,
    id: Option<i64>,
) -> Result<Register> {
    let yc = year_clause(year);
    let mut notes = Vec::new();
    let mut title = kind.title().to_string();
    if let Some(y) = year
        && !matches!(kind, RegisterKind::CountSheet | RegisterKind::Destruction)
    {
        title = format!("{y}年{title}");
    }
    let (columns, rows, signatures): (Vec<&'static str>, Vec<RegisterRow>, Vec<&'static str>) =
        match kind {
            RegisterKind::Receipts => {
                let sql = format!(
                    "SELECT p.no, e.on_date, p.originator, p.doc_no, p.title, p.level, p.period,
                        p.copies, p.copy_nos, e.person, e.handler, p.state
                 FROM paper_event e JOIN paper p ON p.id = e.paper_id
                 WHERE e.kind = 'receive'{yc} ORDER BY e.id"
                );
                let rows = query(conn, &sql, |r| {
                    let (level, m) = mark(r.get(5)?, r.get(6)?);
                    let state: String = r.get(11)?;
                    Ok(RegisterRow {
                        level,
                        cells: vec![
                            r.get(0)?,
                            zh(&r.get::<_, String>(1)?),
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            m,
                            r.get::<_, i64>(7)?.to_string(),
                            r.get(8)?,
                            r.get(9)?,
                            r.get(10)?,
                            state_name(&state),
                        ],
                    })
                })?;
                (
                    vec![
                        "收文编号",
                        "收文日期",
                        "来文单位",
                        "文号",
                        "标题",
                        "密级",
                        "份数",
                        "份号",
                        "签收人",
                        "经办人",
                        "状态",
                    ],
                    rows,
                    vec!["保密员", "审核人"],
                )
            }
            RegisterKind::Dispatches => {
                let sql = format!(
                "SELECT e.reference, e.on_date, p.no, p.title, p.level, p.period, e.copies, e.unit,
                        e.channel, e.handler
                 FROM paper_event e JOIN paper p ON p.id = e.paper_id
                 WHERE e.kind = 'send'{yc} ORDER BY e.id"
            );
                let rows = query(conn, &sql, |r| {
                    let (level, m) = mark(r.get(4)?, r.get(5)?);
                    Ok(RegisterRow {
                        level,
                        cells: vec![
                            r.get(0)?,
                            zh(&r.get::<_, String>(1)?),
                            r.get(2)?,
                            r.get(3)?,
                            m,
                            r.get::<_, Option<i64>>(6)?
                                .map(|n| n.to_string())
                                .unwrap_or_default(),
                            r.get(7)?,
                            r.get(8)?,
                            r.get(9)?,
                        ],
                    })
                })?;
                (
                    vec![
                        "发文编号",
                        "发文日期",
                        "登记编号",
                        "文件标题",
                        "密级",
                        "份数",
                        "发往机关",
                        "传递方式",
                        "经办人",
                    ],
                    rows,
                    vec!["保密员", "审核人"],
                )
            }
            RegisterKind::Copies => {
                let sql = format!(
                "SELECT e.on_date, p.title, p.doc_no, p.level, p.period, e.copies, c.no, e.note,
                        (SELECT approver FROM request q WHERE q.id = e.request_id),
                        e.person, e.due, e.handler, e.reference, p.no
                 FROM paper_event e JOIN paper p ON p.id = e.paper_id
                 JOIN paper c ON c.id = e.related_id AND c.source_id = e.paper_id
                 WHERE e.kind = 'copy'{yc} ORDER BY e.id"
            );
                let rows = query(conn, &sql, |r| {
                    let (level, m) = mark(r.get(3)?, r.get(4)?);
                    let approver: Option<String> = r.get(8)?;
                    let external: String = r.get(12)?;
                    Ok(RegisterRow {
                        level,
                        cells: vec![
                            zh(&r.get::<_, String>(0)?),
                            r.get(13)?,
                            r.get(1)?,
                            r.get(2)?,
                            m,
                            r.get::<_, Option<i64>>(5)?
                                .map(|n| n.to_string())
                                .unwrap_or_default(),
                            r.get(6)?,
                            r.get(7)?,
                            match (approver, external.is_empty()) {
                                (Some(a), true) => a,
                                (Some(a), false) => format!("{a}（{external}）"),
                                (None, _) => external,
                            },
                            r.get(9)?,
                            r.get::<_, Option<String>>(10)?
                                .as_deref()
                                .map(zh)
                                .unwrap_or_default(),
                            r.get(11)?,
                        ],
                    })
                })?;
                (
                    vec![
                        "复制日期",
                        "原件编号",
                        "文件名称",
                        "文号",
                        "密级",
                        "份数",
                        "复印件编号",
                        "用途",
                        "批准人",
                        "领取人",
                        "归还日期",
                        "承办人",
                    ],
                    rows,
                    vec!["保密员", "批准人"],
                )
            }
            RegisterKind::Loans => {
                let sql = format!(
                "SELECT e.on_date, p.no, p.title, p.level, p.period, p.doc_no, p.copies, e.person,
                        (SELECT approver FROM request q WHERE q.id = e.request_id), e.due,
                        (SELECT b.on_date FROM paper_event b WHERE b.back_id = e.id)
                 FROM paper_event e JOIN paper p ON p.id = e.paper_id
                 WHERE e.kind = 'loan'{yc} ORDER BY e.id"
            );
                let rows = query(conn, &sql, |r| {
                    let (level, m) = mark(r.get(3)?, r.get(4)?);
                    Ok(RegisterRow {
                        level,
                        cells: vec![
                            zh(&r.get::<_, String>(0)?),
                            r.get(1)?,
                            r.get(2)?,
                            m,
                            r.get(5)?,
                            r.get::<_, i64>(6)?.to_string(),
                            r.get(7)?,
                            r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                            r.get::<_, Option<String>>(9)?
                                .as_deref()
                                .map(zh)
                                .unwrap_or_default(),
                            r.get::<_, Option<String>>(10)?
                                .as_deref()
                                .map(zh)
                                .unwrap_or_default(),
                        ],
                    })
                })?;
                (
                    vec![
                        "借阅时间",
                        "登记编号",
                        "文件名称",
                        "密级",
                        "文号",
                        "份数",
                        "借阅人",
                        "审批人",
                        "应还日期",
                        "归还时间",
                    ],
                    rows,
                    vec!["保密员", "审批人"],
                )
            }
            RegisterKind::TakeOuts => {
                let sql = format!(
                    "SELECT e.on_date, p.no, p.title, p.level, p.period, e.persons, e.place,
                        (SELECT approver FROM request q WHERE q.id = e.request_id), e.due,
                        (SELECT b.on_date FROM paper_event b WHERE b.back_id = e.id), e.note
                 FROM paper_event e JOIN paper p ON p.id = e.paper_id
                 WHERE e.kind = 'take_out'{yc} ORDER BY e.id"
                );
                let rows = query(conn, &sql, |r| {
                    let (level, m) = mark(r.get(3)?, r.get(4)?);
                    Ok(RegisterRow {
                        level,
                        cells: vec![
                            zh(&r.get::<_, String>(0)?),
                            r.get(1)?,
                            r.get(2)?,
                            m,
                            r.get(5)?,
                            r.get(6)?,
                            r.get(10)?,
                            r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                            r.get::<_, Option<String>>(8)?
                                .as_deref()
                                .map(zh)
                                .unwrap_or_default(),
                            r.get::<_, Option<String>>(9)?
                                .as_deref()
                                .map(zh)
                                .unwrap_or_default(),
                        ],
                    })
                })?;
                (
                    vec![
                        "外出日期",
                        "登记编号",
                        "文件名称",
                        "密级",
                        "携带人",
                        "外出地点",
                        "事由",
                        "审批人",
                        "预计带回",
                        "实际带回",
                    ],
                    rows,
                    vec!["保密员", "审批人"],
                )
            }
            RegisterKind::TopSecretReaders => {
                // R-PAP-8: everyone who saw a 绝密 paper, by whatever act let them: circulation,
                // a loan, taking it out, receiving a copy (a copy's own first event repeats the
                // original's, so only the original's is listed).
                let sql = format!(
                "SELECT p.title, p.doc_no, p.originator, p.registered_on, coalesce(e.copies, p.copies),
                        CASE e.kind WHEN 'take_out' THEN e.persons ELSE e.person END,
                        e.on_date, e.at_time, b.on_date, b.at_time, e.kind, e.place, e.handler,
                        coalesce((SELECT approver FROM request q WHERE q.id = e.request_id), ''),
                        p.level, p.period
                 FROM paper_event e JOIN paper p ON p.id = e.paper_id
                 LEFT JOIN paper_event b ON b.back_id = e.id
                 WHERE e.kind IN ('circulate', 'loan', 'take_out', 'copy') AND p.level = 4
                   AND NOT (e.kind = 'copy' AND e.related_id IS p.source_id){yc}
                 ORDER BY e.id"
            );
                let rows = query(conn, &sql, |r| {
                    let (level, _) = mark(r.get(14)?, r.get(15)?);
                    let title: String = r.get(0)?;
                    let doc: String = r.get(1)?;
                    let kind: String = r.get(10)?;
                    let place: String = r.get(11)?;
                    let how = match kind.as_str() {
                        "circulate" => "传阅",
                        "loan" => "借阅",
                        "take_out" => "携带外出",
                        _ => "领取复印件",
                    };
                    Ok(RegisterRow {
                        level,
                        cells: vec![
                            if doc.is_empty() {
                                title
                            } else {
                                format!("{title}（{doc}）")
                            },
                            r.get(2)?,
                            zh(&r.get::<_, String>(3)?),
                            r.get::<_, i64>(4)?.to_string(),
                            r.get(5)?,
                            when(r.get(6)?, r.get(7)?),
                            when(r.get(8)?, r.get(9)?),
                            if place.is_empty() {
                                how.to_string()
                            } else {
                                format!("{how}（{place}）")
                            },
                            r.get(12)?,
                            r.get(13)?,
                        ],
                    })
                })?;
                (
                    vec![
                        "文件名称（文号）",
                        "发文机关",
                        "收文日期",
                        "数量",
                        "知悉人员",
                        "签领时间",
                        "退回时间",
                        "接触或知悉方式",
                        "承办人",
                        "审批领导",
                    ],
                    rows,
                    vec!["保密员", "审批领导"],
                )
            }
            RegisterKind::CountSheet => {
                let st: Option<(i64, String, String, String)> = match id {
                Some(id) => conn
                    .query_row(
                        "SELECT id, kind, on_date, handler FROM stocktake WHERE id = ?1",
                        [id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .optional()?,
                None => conn
                    .query_row(
                        "SELECT id, kind, on_date, handler FROM stocktake ORDER BY id DESC LIMIT 1",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .optional()?,
            };
                let Some((sid, skind, on, handler)) = st else {
                    return Err(StoreError::not_found(
                        "清点记录",
                        id.map(|i| i.to_string())
                            .unwrap_or_else(|| "（尚无）".into()),
                    ));
                };
                title = format!(
                    "{}{}",
                    zh(&on),
                    if skind == "check" {
                        "密件核查表"
                    } else {
                        "密件清点表"
                    }
                );
                notes.push(format!("清点人：{handler}"));
                let found = query_params(
                conn,
                // By cabinet, as it was counted; a paper out at the count says where it was
                // (and an overdue one is an exception), from the count's own event.
                "SELECT p.no, p.title, p.level, p.period, p.location, p.holder,
                        CASE WHEN e.note <> '' THEN e.note ELSE '在' END
                 FROM paper_event e JOIN paper p ON p.id = e.paper_id
                 WHERE e.stocktake_id = ?1
                 UNION ALL
                 SELECT p.no, p.title, p.level, p.period, p.location, p.holder,
                        '未找到' || CASE WHEN d.resolution <> '' THEN '（' || d.resolution || '）' ELSE '' END
                 FROM discrepancy d JOIN paper p ON p.id = d.paper_id
                 WHERE d.stocktake_id = ?1
                 ORDER BY 5, 1",
                params![sid],
                |r| {
                    let (level, m) = mark(r.get(2)?, r.get(3)?);
                    Ok(RegisterRow {
                        level,
                        cells: vec![r.get(0)?, r.get(1)?, m, r.get(4)?, r.get(5)?, r.get(6)?],
                    })
                },
            )?;
                let result = |r: &RegisterRow, w: &str| r.cells[5].starts_with(w);
                let missing = found.iter().filter(|r| result(r, "未找到")).count();
                let exceptions = found.iter().filter(|r| result(r, "异常")).count();
                let out = found.iter().filter(|r| result(r, "不在柜")).count() + exceptions;
                notes.push(format!(
                    "在管{}件：在柜清点到{}件，未找到{}件；不在柜{}件（按去向登记，不算清点到）",
                    found.len(),
                    found.len() - missing - out,
                    missing,
                    out
                ));
                if exceptions > 0 {
                    notes.push(format!("异常：不在柜且逾期未还{exceptions}件，见清点结果"));
                }
                (
                    vec!["登记编号", "标题", "密级", "存放位置", "持有人", "清点结果"],
                    found,
                    vec!["清点人", "复核人"],
                )
            }
            RegisterKind::Destruction => {
                let id = match id {
                Some(id) => id,
                None => conn
                    .query_row(
                        "SELECT id FROM request WHERE kind = 'destroy' ORDER BY id DESC LIMIT 1",
                        [],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(|| StoreError::not_found("销毁申请", "（尚无）"))?,
            };
                let request = super::approvals::get(conn, id)?;
                let Plan::Destroy(plan) = &request.plan else {
                    return Err(StoreError::not_found("销毁申请", id.to_string()));
                };
                let mut rows = Vec::new();
                let mut total = 0;
                let mut methods = Vec::new();
                let mut destroyers = Vec::new();
                for (i, no) in plan.papers.iter().enumerate() {
                    let p = super::papers::get(conn, no)?;
                    total += p.copies;
                    let destroyed: Option<(String, String, String)> = conn
                        .query_row(
                            "SELECT on_date, method, persons FROM paper_event
                         WHERE paper_id = ?1 AND kind = 'destroy' ORDER BY id DESC LIMIT 1",
                            [p.id],
                            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                        )
                        .optional()?;
                    if let Some((_, m, who)) = &destroyed {
                        if !methods.contains(m) {
                            methods.push(m.clone());
                        }
                        if !destroyers.contains(who) {
                            destroyers.push(who.clone());
                        }
                    }
                    rows.push(RegisterRow {
                        level: p.level,
                        cells: vec![
                            (i + 1).to_string(),
                            p.title.clone(),
                            p.originator.clone(),
                            "纸介质".into(),
                            if p.doc_no.is_empty() {
                                p.no.clone()
                            } else {
                                format!("{}（{}）", p.doc_no, p.no)
                            },
                            p.mark().to_string(),
                            p.copies.to_string(),
                            p.keeper.clone(),
                            destroyed
                                .map(|(d, _, _)| zh(&d))
                                .unwrap_or_else(|| "待销毁".into()),
                        ],
                    });
                }
                title = format!("{}（申请{id}）", kind.title());
                notes.push(format!("合计：{}件，{}份", plan.papers.len(), total));
                notes.push(format!(
                    "批准人：{}　批准日期：{}　审批表：{}",
                    request
                        .approver
                        .clone()
                        .unwrap_or_else(|| "（待审批）".into()),
                    request.decided_on.map(dates::zh).unwrap_or_default(),
                    if request.form_ref.is_empty() {
                        "系统内审批".to_string()
                    } else {
                        request.form_ref.clone()
                    }
                ));
                if !methods.is_empty() {
                    notes.push(format!(
                        "销毁方式：{}　销毁人：{}",
                        methods.join("、"),
                        destroyers.join("；")
                    ));
                }
                (
                    vec![
                        "序号",
                        "文件资料名称",
                        "制作发文单位",
                        "载体类别",
                        "文号或编号",
                        "密级",
                        "份数",
                        "保管人",
                        "销毁日期",
                    ],
                    rows,
                    vec!["销毁人（保密员）", "销毁人", "监销人", "批准人"],
                )
            }
        };
    Ok(Register {
        kind,
        title,
        columns,
        rows,
        notes,
        signatures,
    })
}

fn state_name(code: &str) -> String {
    crate::domain::carrier::PaperState::from_code(code)
        .map(|s| s.name().to_string())
        .unwrap_or_default()
}

fn query(
    conn: &Connection,
    sql: &str,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<RegisterRow>,
) -> Result<Vec<RegisterRow>> {
    query_params(conn, sql, [], f)
}

fn query_params(
    conn: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<RegisterRow>,
) -> Result<Vec<RegisterRow>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(p, f)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
