//! R-PER-4, R-PER-6, R-PER-8: private travel abroad (因私出国（境）), the officer's certificate and
//! change (持证上岗, 不得随意更换), and the officer's temporary absence (暂时离岗). Pure: the store
//! hands in the records and sessions these read.

use chrono::{Duration, Months, NaiveDate};

use super::{is_cleared, name};
use crate::domain::dates;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{Context, Outcome, Record, Values};
use crate::domain::rules::training;

/// R-PER-7: the officer's role.
pub const OFFICER: &str = "保密员";
/// R-PER-6: the years an officer normally stays in post (保密员 第八条).
pub const POST_YEARS: u32 = 2;
/// R-TRN-4: how long before departure a briefing counts for the trip.
pub const BRIEFING_DAYS: i64 = 180;
/// R-PER-4: the longest private trip recorded in one request.
const TRIP_MAX_DAYS: i64 = 366;

/// The secrecy organisation's work record (R-ORG-1) that records its consent.
const WORK_RECORD: &str = "work-record";

pub fn is_officer(r: &Record) -> bool {
    r.get("role") == OFFICER
}

fn get<'a>(v: &'a Values, k: &str) -> &'a str {
    v.get(k).map(String::as_str).unwrap_or("")
}

fn who(r: &Record) -> String {
    format!("{} {}", r.no, name(r))
}

/// R-PER-4, R-PER-6: the secrecy organisation's consent is an entry of its work record (保密工作
/// 记录本, R-ORG-1) made on or before the day: the organisation has no login, its decision is
/// the minute.
fn check_consent(
    rule: &'static str,
    consent: &str,
    cx: &Context<'_>,
    what: &str,
) -> Checked<String> {
    let missing = || {
        Refusal::rule(
            rule,
            format!(
                "{what}须事先经单位保密组织（保密委员会/保密领导小组）同意：请先在保密工作记录本登记其同意的会议或决定（baomi work-record add …），再在「保密组织同意」中填写该记录编号"
            ),
        )
    };
    if consent.is_empty() {
        return Err(missing());
    }
    match cx.related {
        Some(w) if w.spec.key == WORK_RECORD && w.no == consent => {
            if w.registered_on > cx.on {
                return Err(Refusal::rule(
                    rule,
                    format!(
                        "保密组织的同意（{}，{}）晚于办理日期{}：须事先同意",
                        w.no,
                        dates::iso(w.registered_on),
                        dates::iso(cx.on)
                    ),
                ));
            }
            Ok(w.no.clone())
        }
        _ => Err(missing()),
    }
}

/// R-PER-4: a private trip abroad, as requested and as carried out. The person is on post or in a
/// cooling-off period; during it only a request approved as such (the flag, which the leader
/// sees) may go; an officer needs the secrecy organisation's consent besides the unit leader's
/// approval; one trip at a time; the return after the departure, within a year.
pub fn travel(r: &Record, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    if !r.get("abroad_to").is_empty() {
        return Err(Refusal::rule(
            "R-PER-4",
            format!(
                "{} 因私出国（境）赴{}尚未登记返回，请先登记返回",
                who(r),
                r.get("abroad_to")
            ),
        ));
    }
    let depart = dates::parse(get(v, "depart"));
    let back = dates::parse(get(v, "return_by"));
    let (Some(depart), Some(back)) = (depart, back) else {
        return Err(Refusal::field("出发日期", "请填写出发日期和返回日期"));
    };
    if back < depart {
        return Err(Refusal::field("返回日期", "早于出发日期"));
    }
    if (back - depart).num_days() > TRIP_MAX_DAYS {
        return Err(Refusal::field("返回日期", "一次因私出国（境）不超过一年"));
    }
    if r.state == "cooling_off" && get(v, "cooling_off") != "是" {
        return Err(Refusal::rule(
            "R-PER-4",
            format!(
                "{} 在脱密期内（至 {}），未经批准不准擅自出境：确需出境的，申请须注明「脱密期内出境」，由主管领导明知脱密期而批准",
                who(r),
                r.get("cooling_off_until")
            ),
        ));
    }
    let mut out = Outcome::default()
        .set("abroad_to", get(v, "destination"))
        .set("abroad_from", dates::iso(depart))
        .set("abroad_until", dates::iso(back))
        // R-PER-3: the trip is the reportable event 因私出国, not typed a second time.
        .set("last_event", "因私出国")
        .set("last_event_on", dates::iso(depart))
        // R-TRN-4: the briefing the store found for the trip carried out.
        .set("briefing", get(v, "briefing"));
    if is_officer(r) {
        let consent = check_consent("R-PER-4", get(v, "committee"), cx, "保密员因私出国（境）")?;
        out = out.set("travel_consent", consent);
    }
    Ok(out)
}

/// R-PER-4: the return from the trip abroad, on or after its departure.
pub fn home(r: &Record, cx: &Context<'_>) -> Checked<Outcome> {
    let to = r.get("abroad_to");
    if to.is_empty() {
        return Err(Refusal::rule(
            "R-PER-4",
            format!("{} 没有未返回的因私出国（境）", who(r)),
        ));
    }
    if let Some(from) = r.date("abroad_from")
        && cx.on < from
    {
        return Err(Refusal::field("日期", "早于出发日期"));
    }
    Ok(Outcome::default()
        .set(
            "last_trip",
            format!("{to}（{} 至 {}）", r.get("abroad_from"), dates::iso(cx.on)),
        )
        .set("abroad_to", "")
        .set("abroad_from", "")
        .set("abroad_until", ""))
}

/// R-TRN-4: the briefing before the trip: the latest session of the form 出国（境）行前教育 that
/// `person` attended, dated up to `BRIEFING_DAYS` before `depart` and not after it.
pub fn briefing(person: &str, sessions: &[Record], depart: NaiveDate) -> Checked<String> {
    sessions
        .iter()
        .filter(|s| s.get("form") == training::TRAVEL_BRIEFING)
        .filter(|s| s.registered_on <= depart && depart - s.registered_on <= Duration::days(BRIEFING_DAYS))
        .filter(|s| training::attendees(s).iter().any(|a| a == person))
        .max_by_key(|s| s.registered_on)
        .map(|s| s.no.clone())
        .ok_or_else(|| {
            Refusal::rule(
                "R-TRN-4",
                format!(
                    "{person} 出国（境）前须接受行前保密教育：请先登记一次培训形式为「{}」、参加人员有{person}的培训（baomi training add --form {} …），日期在出发日期 {} 之前",
                    training::TRAVEL_BRIEFING,
                    training::TRAVEL_BRIEFING,
                    dates::iso(depart)
                ),
            )
        })
}

/// R-PER-6: the officer's certificate (上岗资格证书) and its number.
pub fn certify(v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    let no = get(v, "cert_no");
    if no.is_empty() {
        return Err(Refusal::field("证书编号", "不能为空"));
    }
    Ok(Outcome::default()
        .set("cert_no", no)
        .set("certified_on", dates::iso(cx.on))
        .set("cert_returned_on", ""))
}

/// R-PER-2 for whoever takes over the officer's work (R-PER-6 hand-over, R-PER-8 absence): a person
/// of the register on post, vetted and pledged, other than the officer. `stand_in` is what the
/// register found under the name typed.
pub fn check_stand_in(
    rule: &'static str,
    officer: &Record,
    typed: &str,
    stand_in: Option<&Record>,
) -> Checked<String> {
    let Some(p) = stand_in else {
        return Err(Refusal::rule(
            rule,
            format!(
                "接替人「{}」不在涉密人员登记表中：接替保密员工作的须是经审查并签订保密责任书的在岗涉密人员（R-PER-2）",
                crate::domain::text::for_terminal(typed.trim())
            ),
        ));
    };
    if p.id == officer.id {
        return Err(Refusal::rule(rule, "接替人不能是本人"));
    }
    if p.state != "on_post" || !is_cleared(p) {
        return Err(Refusal::rule(
            rule,
            format!(
                "接替人 {} {} {}，须是经涉密资格审查并签订保密责任书的在岗涉密人员（R-PER-2）",
                p.no,
                name(p),
                if p.state != "on_post" {
                    format!("当前{}", p.state_label())
                } else {
                    "尚未完成审查或未签订保密责任书".to_string()
                }
            ),
        ));
    }
    Ok(name(p).to_string())
}

/// R-PER-6: the hand-over (交接) of the officer's work to a successor, before leaving.
pub fn handover(v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    Ok(Outcome::default()
        .set("handed_over_to", get(v, "to"))
        .set("handed_over_on", dates::iso(cx.on)))
}

/// R-PER-6: an officer leaving. Inside two years of taking the post the change is flagged and
/// needs the secrecy organisation's consent and a completed hand-over; a certified officer hands
/// the certificate back. What the leave records besides the cooling-off.
pub fn leave(r: &Record, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    let mut out = Outcome::default();
    if !is_officer(r) {
        return Ok(out);
    }
    // Registered as the officer is taking the post.
    let since = r.registered_on;
    let settled = since
        .checked_add_months(Months::new(POST_YEARS * 12))
        .unwrap_or(dates::LATEST);
    if cx.on < settled {
        let what = format!(
            "保密员 {} 自 {} 在岗不满两年，更换",
            who(r),
            dates::iso(since)
        );
        let consent = check_consent("R-PER-6", get(v, "consent"), cx, &what)?;
        if r.get("handed_over_on").is_empty() {
            return Err(Refusal::rule(
                "R-PER-6",
                format!("{what}须在完成交接工作后方可离岗：请先登记工作交接（接替人）"),
            ));
        }
        out = out
            .set("early_change", "在岗不满两年更换")
            .set("change_consent", consent);
    }
    if !r.get("cert_no").is_empty() && r.get("cert_returned_on").is_empty() {
        if get(v, "cert_returned") != "是" {
            return Err(Refusal::rule(
                "R-PER-6",
                format!(
                    "保密员 {} 离岗时应将上岗资格证书（{}）上交原发证机关：交回后请注明「证书已交回」",
                    who(r),
                    r.get("cert_no")
                ),
            ));
        }
        out = out.set("cert_returned_on", dates::iso(cx.on));
    }
    Ok(out)
}

/// R-PER-8: the officer away from the post hands the work to a named person first; one absence at
/// a time, its end on or after its start.
pub fn away(r: &Record, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    if !r.get("away_to").is_empty() {
        return Err(Refusal::rule(
            "R-PER-8",
            format!(
                "{} 已暂时离岗（由{}接替），请先登记返岗",
                who(r),
                r.get("away_to")
            ),
        ));
    }
    let from = dates::parse(get(v, "from")).unwrap_or(cx.on);
    let until = get(v, "until");
    if let Some(u) = dates::parse(until)
        && u < from
    {
        return Err(Refusal::field("预计返岗日期", "早于离岗日期"));
    }
    Ok(Outcome::default()
        .set("away_to", get(v, "to"))
        .set("away_from", dates::iso(from))
        .set("away_until", until))
}

/// R-PER-8: the end of the absence, on or after its start.
pub fn back(r: &Record, cx: &Context<'_>) -> Checked<Outcome> {
    if r.get("away_to").is_empty() {
        return Err(Refusal::rule("R-PER-8", format!("{} 没有暂时离岗", who(r))));
    }
    if let Some(from) = r.date("away_from")
        && cx.on < from
    {
        return Err(Refusal::field("日期", "早于离岗日期"));
    }
    Ok(Outcome::default()
        .set(
            "last_away",
            format!(
                "{} 至 {}，由{}接替",
                r.get("away_from"),
                dates::iso(cx.on),
                r.get("away_to")
            ),
        )
        .set("away_to", "")
        .set("away_from", "")
        .set("away_until", ""))
}

#[cfg(test)]
mod tests;
