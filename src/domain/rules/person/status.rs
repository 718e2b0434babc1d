//! What a person's page and printed form say of them besides their fields (R-PER-2, R-PER-4…8).

use super::*;

/// R-PER-2, R-PER-4…8: what a person's page and form say of them besides their fields, by
/// Chinese name: vetting and letter, the officer's certificate, who stands in while they are away,
/// a trip abroad, the cooling-off end, the latest reported event. Empty lines are left out.
pub fn status(r: &Record) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if is_outsider(&r.values) {
        return out;
    }
    let or = |v: &str, none: &str| {
        if v.is_empty() {
            none.to_string()
        } else {
            v.to_string()
        }
    };
    let vet = match (r.get("vetted_on"), r.get("vet_result")) {
        ("", _) => "未审查".to_string(),
        (on, res) => format!("{on} {res}{}", bracket(r.get("vet_ref"))),
    };
    out.push(("涉密资格审查", vet));
    out.push(("保密责任书", or(r.get("pledged_on"), "未签订")));
    if officer::is_officer(r) {
        let cert = match r.get("cert_no") {
            "" => "未取得".to_string(),
            no => format!("{no}（{}发证）", r.get("certified_on")),
        };
        out.push(("上岗资格证书", cert));
        if !r.get("cert_returned_on").is_empty() {
            out.push(("证书交回日期", r.get("cert_returned_on").to_string()));
        }
    }
    if !r.get("away_to").is_empty() {
        let until = match r.get("away_until") {
            "" => String::new(),
            u => format!("，预计 {u} 返岗"),
        };
        out.push((
            "暂时离岗",
            format!(
                "自 {} 由{}接替{until}",
                r.get("away_from"),
                r.get("away_to")
            ),
        ));
    }
    if !r.get("abroad_to").is_empty() {
        out.push((
            "因私出国（境）",
            format!(
                "赴{}，{} 至 {}",
                r.get("abroad_to"),
                r.get("abroad_from"),
                r.get("abroad_until")
            ),
        ));
    }
    for (k, label) in [
        ("last_trip", "最近因私出国（境）"),
        ("last_away", "最近暂时离岗"),
        ("handed_over_to", "工作交接接替人"),
        ("early_change", "更换"),
        ("left_on", "离岗日期"),
        ("commitment_ref", "离岗保密承诺书"),
        ("cooling_off_until", "脱密期至"),
    ] {
        if !r.get(k).is_empty() {
            out.push((label, r.get(k).to_string()));
        }
    }
    if !r.get("last_event").is_empty() {
        out.push((
            "最近报告事项",
            format!("{}（{}）", r.get("last_event"), r.get("last_event_on")),
        ));
    }
    out
}

fn bracket(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("（{s}）")
    }
}
