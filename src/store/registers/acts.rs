//! The registers of who had a paper: loans, take-outs, and everyone who saw a 绝密 paper
//! (R-PAP-8, R-PAP-9, R-PAP-11).

use rusqlite::Connection;

use super::*;

pub(super) fn loans(conn: &Connection, yc: &str) -> Result<Body> {
    let sql = format!(
        "SELECT e.on_date, p.no, title_for(p.level, coalesce(p.scope_now, p.scope), p.title), p.level, p.period, p.doc_no, p.copies, e.person,
            (SELECT approver FROM request q WHERE q.id = e.request_id), e.due,
            (SELECT b.on_date FROM paper_event b WHERE b.back_id = e.id), p.dept AS dept
     FROM paper_event e JOIN paper p ON p.id = e.paper_id
     WHERE e.kind = 'loan'{yc} ORDER BY e.id"
    );
    let rows = query(conn, &sql, |r| {
        let (level, m) = mark(r.get(3)?, r.get(4)?);
        Ok(RegisterRow {
            level,
            dept: r.get("dept")?,
            cells: vec![
                zh(&r.get::<_, String>(0)?),
                r.get(1)?,
                r.get(2)?,
                m,
                r.get(5)?,
                r.get::<_, i64>(6)?.to_string(),
                r.get(7)?,
                r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                opt_zh(r.get(9)?),
                opt_zh(r.get(10)?),
            ],
        })
    })?;
    Ok((
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
    ))
}

pub(super) fn take_outs(conn: &Connection, yc: &str) -> Result<Body> {
    let sql = format!(
        "SELECT e.on_date, p.no, title_for(p.level, coalesce(p.scope_now, p.scope), p.title), p.level, p.period, e.persons, e.place,
            (SELECT approver FROM request q WHERE q.id = e.request_id), e.due,
            (SELECT b.on_date FROM paper_event b WHERE b.back_id = e.id), e.note, p.dept AS dept
     FROM paper_event e JOIN paper p ON p.id = e.paper_id
     WHERE e.kind = 'take_out'{yc} ORDER BY e.id"
    );
    let rows = query(conn, &sql, |r| {
        let (level, m) = mark(r.get(3)?, r.get(4)?);
        Ok(RegisterRow {
            level,
            dept: r.get("dept")?,
            cells: vec![
                zh(&r.get::<_, String>(0)?),
                r.get(1)?,
                r.get(2)?,
                m,
                r.get(5)?,
                r.get(6)?,
                r.get(10)?,
                r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                opt_zh(r.get(8)?),
                opt_zh(r.get(9)?),
            ],
        })
    })?;
    Ok((
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
    ))
}

pub(super) fn top_secret_readers(conn: &Connection, yc: &str) -> Result<Body> {
    // R-PAP-8: everyone who saw a 绝密 paper, by whatever act let them: circulation,
    // a loan, taking it out, a meeting (R-MTG-1), receiving a copy (a copy's own first event
    // repeats the original's, so only the original's is listed).
    let sql = format!(
        "SELECT title_for(p.level, coalesce(p.scope_now, p.scope), p.title), p.doc_no, p.originator, p.registered_on, coalesce(e.copies, p.copies),
            CASE WHEN e.kind IN ('take_out', 'meeting_issue') THEN e.persons ELSE e.person END,
            e.on_date, e.at_time, b.on_date, b.at_time, e.kind, e.place, e.handler,
            coalesce((SELECT approver FROM request q WHERE q.id = e.request_id), ''),
            p.level, p.period, p.dept AS dept
     FROM paper_event e JOIN paper p ON p.id = e.paper_id
     LEFT JOIN paper_event b ON b.back_id = e.id
     WHERE e.kind IN ('circulate', 'loan', 'take_out', 'copy', 'meeting_issue') AND p.level = 4
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
            // R-MTG-1: read by the attendees at the meeting's venue.
            "meeting_issue" => "涉密会议",
            _ => "领取复印件",
        };
        Ok(RegisterRow {
            level,
            dept: r.get("dept")?,
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
    Ok((
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
    ))
}
