//! The registers of papers as they come and go: 收文登记簿, 发文登记簿, and the copies register
//! (R-PAP-3, R-PAP-5, R-PAP-20).

use rusqlite::Connection;

use super::*;

pub(super) fn receipts(conn: &Connection, yc: &str) -> Result<Body> {
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
