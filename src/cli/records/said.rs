//! What an act says besides its record's new state: what it opened elsewhere (a rectification,
//! an incident) and, for a meeting, where its papers are.

use super::super::out::{errln, outln};
use super::Outcome;
use crate::domain::ledgers::LedgerSpec;
use crate::domain::rules::{incident, meeting};
use crate::store::records;

/// Says what an act opened: a rectification's own number (R-INS-2, R-INC-5), the incident of a
/// loss or of a leak found (R-INC-2, R-INS-3), with the command that records its report.
pub(super) fn opened(
    store: &crate::store::Store,
    spec: &LedgerSpec,
    r: &crate::domain::ledgers::Record,
    verb: &str,
) -> Outcome {
    use crate::domain::rules::rectification;
    let mut incident_no = String::new();
    if matches!(verb, "finding" | "measure")
        && let Some(x) = rectification::all(r).pop()
    {
        outln!(
            "整改编号 {}，限 {} 前整改",
            x.no,
            x.fix_by.map(crate::domain::dates::iso).unwrap_or_default()
        );
        incident_no = x.incident;
    }
    if verb == "lost" {
        incident_no = r.get("incident").to_string();
    }
    // R-INC-4: the finding is on the incident, which is still reported and closed (R-INC-2).
    if verb == "found"
        && let Some(i) = records::find(store.conn(), &incident::SPEC, r.get("incident"))?
        && i.held()
    {
        errln!(
            "已在泄密事件 {} 记入找回；该事件（{}）仍须上报、查处和结案",
            i.no,
            i.state_label()
        );
    }
    // R-KEY-4: a site's change is reported under its own number.
    if spec.key == crate::domain::rules::site::SPEC.key
        && verb == "change"
        && let Some(c) = crate::domain::rules::site::changes(r).pop()
    {
        outln!(
            "变更编号 {}，须向保密局报告（baomi site reported {} --date …，R-KEY-4）",
            c.no,
            c.no
        );
    }
    if verb == spec.add_verb || incident_no.is_empty() {
        return Ok(());
    }
    if let Some(i) = records::find(store.conn(), &incident::SPEC, &incident_no)?
        && i.state == "reporting"
    {
        let due = incident::happened_at(&i)
            .map(|t| {
                (t + chrono::Duration::hours(24))
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        errln!(
            "已登记泄密事件 {}：须在 {due} 前报告保密局（baomi incident reported {} --date … --time …，R-INC-2）",
            i.no,
            i.no
        );
    }
    Ok(())
}

/// R-MTG-1: what a meeting's issue or clearing check did to its papers; every paper still out is
/// named, with what to do about it.
pub(super) fn meeting_papers(r: &crate::domain::ledgers::Record, verb: &str) -> Outcome {
    match verb {
        "issue" => outln!("已分发：{}", r.get(meeting::ISSUED)),
        "collect" => {
            outln!("已收回：{}", r.get(meeting::COLLECTED));
            let missing = r.get(meeting::MISSING);
            if missing.is_empty() {
                outln!("清场检查：会议文件已全部收回");
            } else {
                outln!("清场检查：未收回 {missing}");
                errln!(
                    "违反 R-MTG-1：会议文件未如数收回：{missing}。已列入待办（会议次日到期），请立即查找、收回（baomi meeting collect {} 编号）；确已遗失的，按泄密事件报告（R-INC-1，baomi paper lost 编号 --note 经过）",
                    r.no
                );
            }
        }
        _ => {}
    }
    Ok(())
}
