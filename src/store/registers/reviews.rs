//! 国家秘密事项的变更或解密审批表 (R-CLS-7): every declassification or change of a paper's period or
//! level, with what it was, what it became, and on whose decision — the leader's approval for what
//! the unit made, the originator's notice for what it received.

use rusqlite::Connection;

use super::*;

pub(super) fn reviews(conn: &Connection, yc: &str) -> Result<Body> {
    let sql = format!(
        "SELECT p.no, p.title, p.doc_no, p.originator, e.on_date, e.method, e.due, e.reference,
                q.approver, q.decided_on, e.handler, p.level, p.period, q.plan, p.dept AS dept
         FROM paper_event e JOIN paper p ON p.id = e.paper_id
         LEFT JOIN request q ON q.id = e.request_id
         WHERE e.kind = 'review'{yc} ORDER BY e.id"
    );
    let rows = query(conn, &sql, |r| {
        let (level, _) = mark(r.get(11)?, r.get(12)?);
        let title: String = r.get(1)?;
        let doc: String = r.get(2)?;
        let method: String = r.get(5)?;
        let until: Option<String> = r.get(6)?;
        let approver: Option<String> = r.get(8)?;
        let decided: Option<String> = r.get(9)?;
        let reason = r
            .get::<_, Option<String>>(13)?
            .and_then(|p| serde_json::from_str::<Plan>(&p).ok())
            .and_then(|p| match p {
                Plan::Review(p) => Some(p.reason),
                _ => None,
            })
            .unwrap_or_default();
        let result = match until {
            Some(d) => format!("{method}，至{}", zh(&d)),
            None => method,
        };
        // On whose decision: the leader's approval, or the originator's notice.
        let basis = match (approver, decided) {
            (Some(a), Some(d)) => format!("{a}批准（{}）", zh(&d)),
            _ => format!("{}通知 {}", r.get::<_, String>(3)?, r.get::<_, String>(7)?),
        };
        Ok(RegisterRow {
            level,
            dept: r.get("dept")?,
            cells: vec![
                r.get(0)?,
                if doc.is_empty() {
                    title
                } else {
                    format!("{title}（{doc}）")
                },
                zh(&r.get::<_, String>(4)?),
                result,
                reason,
                basis,
                r.get(10)?,
            ],
        })
    })?;
    Ok((
        vec![
            "编号",
            "文件名称（文号）",
            "日期",
            "变更或解密结论",
            "理由",
            "依据",
            "承办人",
        ],
        rows,
        vec!["承办人", "审批领导"],
    ))
}
