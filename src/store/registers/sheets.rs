//! The sheets an officer signs: a count or check, and a destruction list (R-PAP-12, R-PAP-23).

use rusqlite::{Connection, OptionalExtension};

use super::*;

pub(super) fn count_sheet(
    conn: &Connection,
    id: Option<i64>,
    notes: &mut Vec<String>,
    title: &mut String,
) -> Result<Body> {
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
    *title = format!(
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
                dept: String::new(),
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
    Ok((
        vec!["登记编号", "标题", "密级", "存放位置", "持有人", "清点结果"],
        found,
        vec!["清点人", "复核人"],
    ))
}

pub(super) fn destruction(
    conn: &Connection,
    id: Option<i64>,
    notes: &mut Vec<String>,
    title: &mut String,
) -> Result<Body> {
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
    let request = crate::store::approvals::get(conn, id)?;
    if let Plan::MediumDestroy(plan) = &request.plan {
        return medium_destruction(conn, &request, plan, notes, title);
    }
    let Plan::Destroy(plan) = &request.plan else {
        return Err(StoreError::not_found("销毁申请", id.to_string()));
    };
    let mut rows = Vec::new();
    let mut total = 0;
    let mut methods = Vec::new();
    let mut destroyers = Vec::new();
    for (i, no) in plan.papers.iter().enumerate() {
        let p = crate::store::papers::get(conn, no)?;
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
            dept: String::new(),
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
    *title = format!("{}（申请{id}）", RegisterKind::Destruction.title());
    notes.push(format!("合计：{}件，{}份", plan.papers.len(), total));
    notes.push(approved(&request));
    if !methods.is_empty() {
        notes.push(format!(
            "销毁方式：{}　销毁人：{}",
            methods.join("、"),
            destroyers.join("；")
        ));
    }
    Ok((
        DESTRUCTION_COLUMNS.to_vec(),
        rows,
        DESTRUCTION_SIGNERS.to_vec(),
    ))
}

const DESTRUCTION_COLUMNS: [&str; 9] = [
    "序号",
    "文件资料名称",
    "制作发文单位",
    "载体类别",
    "文号或编号",
    "密级",
    "份数",
    "保管人",
    "销毁日期",
];
const DESTRUCTION_SIGNERS: [&str; 4] = ["销毁人（保密员）", "销毁人", "监销人", "批准人"];

/// Who approved a destruction list, when, on which form.
fn approved(request: &crate::store::approvals::Request) -> String {
    format!(
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
    )
}

/// R-MED-8: a medium handed to the city bureau for destruction, on the same list (清点、登记、注销)
/// as papers: its kind and model as the name, its number, level and keeper, the day it was
/// handed over; the unit it went to and the list's number in the notes.
fn medium_destruction(
    conn: &Connection,
    request: &crate::store::approvals::Request,
    plan: &crate::domain::paper::RecordPlan,
    notes: &mut Vec<String>,
    title: &mut String,
) -> Result<Body> {
    use crate::domain::rules::media;
    let m = crate::store::records::get(conn, &media::SPEC, &plan.no)?;
    let destroyed: Option<String> = conn
        .query_row(
            "SELECT on_date FROM record_event WHERE record_id = ?1 AND act = 'destroy'
             ORDER BY id DESC LIMIT 1",
            [m.id],
            |r| r.get(0),
        )
        .optional()?;
    let name = [m.get("kind"), m.get("model")]
        .into_iter()
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let serial = match m.get("serial") {
        "" => String::new(),
        s => format!("（序列号 {s}）"),
    };
    let level = m.level.unwrap_or(Level::TopSecret);
    let row = RegisterRow {
        level,
        dept: m.get("dept").to_string(),
        cells: vec![
            "1".into(),
            format!("{name}{serial}"),
            "本单位".into(),
            m.get("kind").to_string(),
            m.no.clone(),
            level.name().to_string(),
            "1".into(),
            m.keeper.clone(),
            destroyed.map(|d| zh(&d)).unwrap_or_else(|| "待销毁".into()),
        ],
    };
    let get = |k: &str| plan.values.get(k).map(String::as_str).unwrap_or("");
    *title = format!(
        "{}（申请{}）",
        RegisterKind::Destruction.title(),
        request.id
    );
    notes.push("合计：1件".into());
    notes.push(approved(request));
    notes.push(format!(
        "送交单位：{}　清单编号：{}（R-MED-8）",
        get("handed_to"),
        get("list_ref")
    ));
    Ok((
        DESTRUCTION_COLUMNS.to_vec(),
        vec![row],
        DESTRUCTION_SIGNERS.to_vec(),
    ))
}
