//! The registers of papers as they come and go: 收文登记簿, 发文登记簿, and the copies register
//! (R-PAP-3, R-PAP-5, R-PAP-20).

use rusqlite::Connection;

use super::*;

pub(super) fn receipts(conn: &Connection, yc: &str) -> Result<Body> {
    let sql = format!(
        "SELECT p.no, e.on_date, p.originator, p.doc_no, p.title, p.level, p.period,
            p.copies, p.copy_nos, e.person, e.handler, p.state, p.dept AS dept
     FROM paper_event e JOIN paper p ON p.id = e.paper_id
     WHERE e.kind = 'receive'{yc} ORDER BY e.id"
    );
    let rows = query(conn, &sql, |r| {
        let (level, m) = mark(r.get(5)?, r.get(6)?);
        let state: String = r.get(11)?;
        Ok(RegisterRow {
            level,
            dept: r.get("dept")?,
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
    Ok((
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
    ))
}

pub(super) fn dispatches(conn: &Connection, yc: &str) -> Result<Body> {
    let sql = format!(
        "SELECT e.reference, e.on_date, p.no, p.title, p.level, p.period, e.copies, e.unit,
            e.channel, e.handler, p.dept AS dept
     FROM paper_event e JOIN paper p ON p.id = e.paper_id
     WHERE e.kind = 'send'{yc} ORDER BY e.id"
    );
    let rows = query(conn, &sql, |r| {
        let (level, m) = mark(r.get(4)?, r.get(5)?);
        Ok(RegisterRow {
            level,
            dept: r.get("dept")?,
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
    Ok((
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
    ))
}

pub(super) fn copies(conn: &Connection, yc: &str) -> Result<Body> {
    let sql = format!(
        "SELECT e.on_date, p.title, p.doc_no, p.level, p.period, e.copies, c.no, e.note,
            (SELECT approver FROM request q WHERE q.id = e.request_id),
            e.person, e.due, e.handler, e.reference, p.no, p.dept AS dept
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
            dept: r.get("dept")?,
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
                opt_zh(r.get(10)?),
                r.get(11)?,
            ],
        })
    })?;
    Ok((
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
    ))
}

/// 本单位产生国家秘密事项一览表 (R-CLS-3): every paper this unit made in `year`, with who decided
/// its level (the leader who approved making it, the 定密责任人), its period and when it ends,
/// the condition for declassifying it, and the department that produced it.
pub(super) fn classification(conn: &Connection, year: Option<i32>) -> Result<Body> {
    let pattern = year.map(|y| format!("{y}-%")).unwrap_or_else(|| "%".into());
    let rows = query_params(
        conn,
        "SELECT p.title, q.approver, p.level, p.period, p.period_from, p.period_end, q.plan,
            p.dept, p.no
     FROM paper p
     LEFT JOIN paper_event e ON e.paper_id = p.id AND e.kind = 'make'
     LEFT JOIN request q ON q.id = e.request_id
     WHERE p.origin = 'made' AND p.registered_on LIKE ?1 ORDER BY p.id",
        [pattern],
        |r| {
            let level = Level::from_code(r.get(2)?).unwrap_or(Level::TopSecret);
            let period: Option<String> = r.get(3)?;
            let period = period.as_deref().and_then(Period::parse);
            let plan: Option<String> = r.get(6)?;
            let condition = plan
                .and_then(|p| serde_json::from_str::<Plan>(&p).ok())
                .and_then(|p| match p {
                    Plan::Make(m) if !m.condition.trim().is_empty() => Some(m.condition),
                    _ => None,
                })
                .unwrap_or_else(|| "保密期限届满自行解密".into());
            let span = match r.get::<_, Option<String>>(5)? {
                Some(end) => format!("{}至{}", zh(&r.get::<_, String>(4)?), zh(&end)),
                None => String::new(),
            };
            Ok(RegisterRow {
                level,
                dept: r.get(7)?,
                cells: vec![
                    r.get(8)?,
                    r.get(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    level.name().to_string(),
                    period.map(|p| p.to_string()).unwrap_or_default(),
                    span,
                    condition,
                    r.get(7)?,
                ],
            })
        },
    )?;
    Ok((
        vec![
            "登记编号",
            "名称",
            "定密责任人",
            "密级",
            "保密期限",
            "保密期限起止日期",
            "解密条件",
            "产生部门",
        ],
        rows,
        vec!["保密员", "定密责任人"],
    ))
}
