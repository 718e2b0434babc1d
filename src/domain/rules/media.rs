//! R-MED-1…8: removable storage media (移动存储介质): their ledger, described once, and the rules
//! of each act. The level checks between a medium, the information and a computer (R-MED-2,
//! R-MED-3, R-CMP-2, R-CMP-3) are `check_use`, shared with computers.

use chrono::NaiveDate;

use super::computer;
use crate::domain::dates;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec, Values,
};
use crate::domain::level::Level;
use crate::domain::numbering::Series;

pub const KINDS: &[&str] = &[
    "U盘",
    "移动硬盘",
    "光盘",
    "软盘",
    "磁带",
    "存储卡",
    "录音笔",
    "数码相机",
    "其他",
];

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("kind", "类型", Kind::Choice(KINDS))
        .required()
        .synonyms(&["介质类型", "载体类别", "载体形式"]),
    FieldSpec::new("level", "密级", Kind::Level)
        .required()
        .synonyms(&["介质密级", "涉密级别", "秘密等级"]),
    FieldSpec::new("serial", "序列号", Kind::Text)
        .required()
        .max(64)
        .synonyms(&["介质序列号", "出厂编号"]),
    FieldSpec::new("model", "型号", Kind::Text).synonyms(&["品牌型号", "规格型号"]),
    FieldSpec::new("keeper", "保管人", Kind::Person).synonyms(&["责任人", "负责人", "管理人"]),
    FieldSpec::new("dept", "部门", Kind::Text).synonyms(&[
        "科室/课题组",
        "部门/部位名称",
        "使用部门",
        "所属部门",
        "责任部门",
    ]),
    FieldSpec::new("place", "放置地点", Kind::Text).synonyms(&["存放位置", "存放地点"]),
    FieldSpec::new("purpose", "用途", Kind::Text),
    FieldSpec::new("scope", "使用范围", Kind::Text),
    FieldSpec::new("note", "备注", Kind::Note),
];

const TO: FieldSpec = FieldSpec::new("to", "使用人", Kind::Person).required();
/// The fields the acts of every ledger of things share (media, computers, devices, rooms).
pub(super) const FINDINGS: FieldSpec = FieldSpec::new("findings", "检查情况", Kind::Note);
pub(super) const NOTE: FieldSpec = FieldSpec::new("note", "说明", Kind::Note);

/// R-MED-6: a found medium is checked before it is put back to use.
const UNCHECKED: &str = "找回后尚未清查核对";

/// Who takes a medium or a computer out, where, and until when (R-MED-4, R-CMP-12).
pub(super) const TAKE_OUT: [FieldSpec; 3] = [
    FieldSpec::new("person", "携带人", Kind::Person).required(),
    FieldSpec::new("place", "外出地点", Kind::Text).required(),
    FieldSpec::new("return_by", "返回日期", Kind::Date)
        .ahead()
        .required(),
];

const ACTS: &[ActSpec] = &[
    ActSpec::new("issue", 'i', "配发", "R-MED-1", &[TO])
        .in_states(&["in_stock"])
        .unless(RECHECK, "R-MED-6", UNCHECKED),
    ActSpec::new("back", 'b', "交回", "R-MED-6", &[FINDINGS]).in_states(&[
        "issued",
        "lent",
        "taken_out",
    ]),
    ActSpec::new(
        "lend",
        'l',
        "借用",
        "R-MED-3",
        &[
            TO,
            FieldSpec::new("unit", "借用单位", Kind::Text),
            FieldSpec::new("computer", "连接设备编号", Kind::Record("computer")),
            FieldSpec::new("return_by", "借用期限", Kind::Date)
                .ahead()
                .required(),
        ],
    )
    .in_states(&["in_stock"])
    .unless(RECHECK, "R-MED-6", UNCHECKED),
    ActSpec::new(
        "use",
        'u',
        "使用登记",
        "R-MED-2",
        &[
            FieldSpec::new("computer", "计算机", Kind::Record("computer"))
                .required()
                .synonyms(&["连接设备编号"]),
            FieldSpec::new("info_level", "信息密级", Kind::Level)
                .required()
                .synonyms(&["处理信息的最高密级"]),
            FieldSpec::new("content", "处理信息", Kind::Text),
        ],
    )
    .unless(RECHECK, "R-MED-6", UNCHECKED),
    ActSpec::new(
        "take-out",
        'o',
        "携带外出",
        "R-MED-4",
        &[
            TAKE_OUT[0],
            TAKE_OUT[1],
            TAKE_OUT[2],
            FieldSpec::new("purpose", "用途", Kind::Text),
            FieldSpec::new("abroad", "出境", Kind::Flag),
            FieldSpec::new("exit_permit", "出境许可证", Kind::Text),
        ],
    )
    .queued()
    .in_states(&["in_stock", "issued"])
    .unless(RECHECK, "R-MED-6", UNCHECKED),
    ActSpec::new("check", 'k', "清查核对", "R-MED-6", &[FINDINGS]),
    ActSpec::new("lost", 'x', "报告遗失", "R-MED-5", LOST_FIELDS),
    ActSpec::new("report", 'r', "上报保密局", "R-MED-5", REPORT_FIELDS)
        .in_states(&["lost"])
        .unless(REPORTED, "R-MED-5", "遗失已经上报"),
    ActSpec::new("found", 'z', "找回", "R-INC-4", &[NOTE]).in_states(&["lost"]),
    ActSpec::new(
        "recover",
        'v',
        "数据恢复",
        "R-MED-7",
        &[
            FieldSpec::new("unit", "恢复单位", Kind::Text).required(),
            NOTE,
        ],
    )
    .unless(RECHECK, "R-MED-6", UNCHECKED),
    ActSpec::new(
        "destroy",
        'd',
        "销毁",
        "R-MED-8",
        &[
            FieldSpec::new("handed_to", "送交单位", Kind::Text).required(),
            FieldSpec::new("list_ref", "清单编号", Kind::Text).required(),
        ],
    )
    .queued()
    .in_states(&["in_stock"]),
];

const STATES: &[StateSpec] = &[
    StateSpec::held("in_stock", "在库"),
    StateSpec::held("issued", "已配发"),
    StateSpec::held("lent", "借出"),
    StateSpec::held("taken_out", "携带外出"),
    StateSpec::gone("lost", "遗失"),
    StateSpec::gone("destroyed", "已销毁"),
];

/// 移动存储介质台帐.
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "medium",
    plural: "media",
    title: "移动存储介质台帐",
    noun: "介质",
    series: Series::Medium,
    number_label: "保密编号",
    number_synonyms: &["编号", "介质编号"],
    fields: FIELDS,
    list: &["no", "kind", "level", "serial", "keeper", "holder", "state"],
    print: &[
        "no", "kind", "model", "serial", "level", "keeper", "dept", "holder", "place", "state",
    ],
    acts: ACTS,
    states: STATES,
    check_add,
    add_verb: "add",
    check_act,
};

fn level(v: &Values, key: &str) -> Option<Level> {
    v.get(key).and_then(|s| Level::parse(s))
}

/// R-MED-1: a medium is registered with its kind, level and serial (the spec requires them); a
/// classified one has a named keeper in a named department, who issues it.
fn check_add(v: &Values, _today: NaiveDate) -> Checked<()> {
    let classified = level(v, "level").is_some_and(Level::is_state_secret);
    if classified && (v.get("keeper").is_none() || v.get("dept").is_none()) {
        return Err(Refusal::rule(
            "R-MED-1",
            "涉密介质须登记保管人和所在部门（由部门保管人配发）",
        ));
    }
    Ok(())
}

/// R-MED-2, R-MED-3, R-CMP-2, R-CMP-3: `info` information on a medium of `medium` level, used on
/// `computer`.
pub fn check_use(medium: Option<Level>, info: Level, computer: &Record) -> Checked<()> {
    let medium = medium.unwrap_or(Level::TopSecret);
    if medium == Level::TopSecret && info != Level::TopSecret {
        return Err(Refusal::rule(
            "R-MED-2",
            format!("绝密介质只能存储绝密信息，不能存储{info}信息"),
        ));
    }
    if info > medium {
        return Err(Refusal::rule(
            "R-MED-2",
            format!("{medium}介质不能存储{info}信息：介质按密级使用，不得混用"),
        ));
    }
    let class = computer::class(computer);
    if medium.is_state_secret() && class != computer::Class::Classified {
        return Err(Refusal::rule(
            "R-MED-3",
            format!(
                "涉密介质只能在本单位涉密计算机上使用，{} 是{}计算机",
                computer.no,
                class.name()
            ),
        ));
    }
    if !medium.is_state_secret() && class == computer::Class::Classified {
        return Err(Refusal::rule(
            "R-MED-2",
            format!("{medium}介质不得在涉密计算机 {} 上使用", computer.no),
        ));
    }
    computer::check_may_process(computer, info)
}

fn check_act(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or("");
    let not = |what: &str| {
        Refusal::rule(
            act.rule,
            format!("{} 当前{}，不能{what}", r.no, r.state_label()),
        )
    };
    match act.verb {
        "issue" => {
            if r.state != "in_stock" {
                return Err(not("配发"));
            }
            if r.keeper.is_empty() && r.level.is_some_and(Level::is_state_secret) {
                return Err(Refusal::rule(
                    "R-MED-1",
                    format!("{} 没有登记保管人：涉密介质由部门保管人配发", r.no),
                ));
            }
            Ok(Outcome::state("issued").holder(get("to")))
        }
        "lend" => {
            if r.state != "in_stock" {
                return Err(not("借用"));
            }
            let unit = get("unit");
            if !unit.is_empty() && unit != cx.unit {
                return Err(Refusal::rule(
                    "R-MED-3",
                    format!("涉密介质不得借给外单位（{unit}）；只能在本单位内借用"),
                ));
            }
            if let Some(pc) = cx.related
                && r.level.is_some_and(Level::is_state_secret)
                && computer::class(pc) != computer::Class::Classified
            {
                return Err(Refusal::rule(
                    "R-MED-3",
                    format!("涉密介质只能连接本单位涉密计算机，{} 不是", pc.no),
                ));
            }
            Ok(Outcome::state("lent")
                .holder(get("to"))
                .set("return_by", get("return_by")))
        }
        "back" => match r.state {
            "issued" | "lent" | "taken_out" => Ok(ended(r, Outcome::state("in_stock").holder(""))),
            _ => Err(not("交回")),
        },
        "use" => {
            if !r.held() {
                return Err(not("使用"));
            }
            let Some(pc) = cx.related else {
                return Err(Refusal::field("计算机", "须写明使用的计算机编号"));
            };
            let info = level(v, "info_level").unwrap_or(Level::TopSecret);
            check_use(r.level, info, pc)?;
            Ok(Outcome::default())
        }
        "take-out" => {
            if !matches!(r.state, "in_stock" | "issued") {
                return Err(not("携带外出"));
            }
            if get("abroad") == "是" && get("exit_permit").is_empty() {
                return Err(Refusal::rule(
                    "R-MED-4",
                    "携带涉密介质出境须有保密行政管理部门的出境许可证：请填写「出境许可证」",
                ));
            }
            let return_by = dates::parse(get("return_by")).unwrap_or(cx.on);
            if return_by < cx.on {
                return Err(Refusal::field("返回日期", "早于携带外出的日期"));
            }
            Ok(Outcome::state("taken_out")
                .holder(get("person"))
                .set("return_by", get("return_by")))
        }
        "check" => {
            if !r.held() {
                return Err(not("清查"));
            }
            Ok(checked(r, cx))
        }
        "lost" => lost(r, act, v, cx),
        "report" => report(r, act, v, cx),
        "found" => found(r, cx, "in_stock"),
        "recover" => {
            if !r.held() {
                return Err(not("数据恢复"));
            }
            Ok(Outcome::default().set("recovered_at", get("unit")))
        }
        "destroy" => {
            if !matches!(r.state, "in_stock") {
                return Err(Refusal::rule(
                    "R-MED-8",
                    format!(
                        "{} 当前{}：须先交回入库，再编入销毁清单",
                        r.no,
                        r.state_label()
                    ),
                ));
            }
            Ok(Outcome::state("destroyed").set("destroyed_via", get("handed_to")))
        }
        _ => Err(Refusal::field(
            "办理",
            format!("介质没有「{}」这一项", act.verb),
        )),
    }
}

/// R-MED-5, R-CMP-10: a loss, dated and timed (the hours of the report count from it).
pub fn lost(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    if !r.held() {
        return Err(Refusal::rule(
            act.rule,
            format!("{} 当前{}，不能{}", r.no, r.state_label(), act.label),
        ));
    }
    let time = v.get("time").map(String::as_str).unwrap_or("00:00");
    let mut out = Outcome::state("lost")
        .holder("")
        .set("lost_at", format!("{}T{time}", dates::iso(cx.on)));
    // Who had it answers for the loss (R-INC-2: the incident's 责任人), not the ledger's keeper.
    if !r.holder.is_empty() {
        out = out.set("lost_by", r.holder.clone());
    }
    Ok(out)
}

/// R-MED-5, R-CMP-10: the report of a loss to the bureau, once, not before the loss.
pub fn report(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    if r.state != "lost" {
        return Err(Refusal::rule(
            act.rule,
            format!("{} 没有报告遗失，无须上报", r.no),
        ));
    }
    if let Some(lost) = r.date_time("lost_at")
        && cx.on < lost.date()
    {
        return Err(Refusal::field("日期", "上报日期早于遗失日期"));
    }
    let get = |k: &str| v.get(k).cloned().unwrap_or_default();
    Ok(Outcome::default()
        .set(REPORTED, dates::iso(cx.on))
        .set("reported_to", get("to"))
        .set("report_ref", get("ref")))
}

/// The value a finding sets and the periodic check clears: a carrier found after a loss may have
/// been opened, copied or tampered with while out of the unit's hands, so it is checked (清查核对,
/// R-MED-6; 保密检查, R-CMP-9) before it is issued or used again.
pub const RECHECK: &str = "recheck";

/// The day a loss was reported to the bureau (R-MED-5, R-CMP-10): reported once.
pub const REPORTED: &str = "reported_on";

/// R-INC-4: a lost medium or computer found again (找回). It returns to the unit's stock (`back`:
/// 在库 for a medium, 在用 or 待备案 for a computer), not to whoever lost it: the seed's duty after a
/// loss is to check (二(三)2 "定期…清查、核对，发现丢失的要及时查处"), so the record waits for its
/// check before it is issued or used. The loss's report is cleared from the record so that a later
/// loss is reported afresh; the first report stays in the history and on the loss's incident,
/// which the finding does not close (R-INC-2: still reported and closed).
pub fn found(r: &Record, cx: &Context<'_>, back: &'static str) -> Checked<Outcome> {
    if r.state != "lost" {
        return Err(Refusal::rule(
            "R-INC-4",
            format!("{} 当前{}，没有报告遗失，无须找回", r.no, r.state_label()),
        ));
    }
    if let Some(lost) = r.date_time("lost_at")
        && cx.on < lost.date()
    {
        return Err(Refusal::field("日期", "找回日期早于遗失日期"));
    }
    let mut out = Outcome::state(back)
        .holder("")
        .set("found_on", dates::iso(cx.on))
        .set(RECHECK, "是");
    for k in [
        "lost_at",
        "lost_by",
        "reported_on",
        "reported_to",
        "report_ref",
    ] {
        if !r.get(k).is_empty() {
            out = out.set(k, "");
        }
    }
    Ok(out)
}

/// `out` with the loan's or trip's end cleared: once back, nothing is due to return.
pub(super) fn ended(r: &Record, out: Outcome) -> Outcome {
    if r.get("return_by").is_empty() {
        out
    } else {
        out.set("return_by", "")
    }
}

/// A periodic check on `cx.on`; it is also the check a found carrier waits for.
pub(super) fn checked(r: &Record, cx: &Context<'_>) -> Outcome {
    let mut out = Outcome {
        checked_on: Some(cx.on),
        ..Outcome::default()
    };
    if !r.get(RECHECK).is_empty() {
        out = out.set(RECHECK, "");
    }
    out
}

/// The fields of a loss and of its report, the same for every ledger that has them.
pub const LOST_FIELDS: &[FieldSpec] = &[FieldSpec::new("time", "时间", Kind::Time), NOTE];
pub const REPORT_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("to", "报告单位", Kind::Text).required(),
    FieldSpec::new("ref", "报告文号", Kind::Text).required(),
];

/// R-MED-6: a person leaving (离岗离职) returns every medium issued to them: refused while any is
/// still in their hands, naming them. `held` are the records the person holds.
pub fn check_all_returned(person: &str, held: &[Record]) -> Checked<()> {
    if held.is_empty() {
        return Ok(());
    }
    let nos: Vec<&str> = held.iter().map(|r| r.no.as_str()).collect();
    Err(Refusal::rule(
        "R-MED-6",
        format!(
            "{person} 尚未交回 {} 件介质：{}；离岗前须全部交回",
            nos.len(),
            nos.join("、")
        ),
    ))
}

/// R-MED-6, R-CMP-9, R-DEV-4: when a record's next periodic check falls due: in the period of
/// `months` after the last check (or registration), by that period's end. With the default of
/// three months this is the quarterly check: checked in one quarter, due by the end of the next.
pub fn next_check(r: &Record, months: u32) -> NaiveDate {
    let from = r.checked_on.unwrap_or(r.registered_on);
    let next = from
        .checked_add_months(chrono::Months::new(months.max(1)))
        .unwrap_or(from);
    if months.is_multiple_of(3) {
        dates::quarter_end(next)
    } else {
        dates::month_end(next)
    }
}

#[cfg(test)]
pub(crate) mod tests;
