//! R-CMP-1…14: computers (涉密, 内部, 互联网), one ledger described once with a view per class, and
//! the rules of each act: filing with the bureau before use (R-CMP-2), levels (R-CMP-3), quarterly
//! checks with the protective-software items (R-CMP-9, R-CMP-14, R-CMP-5), backups (R-CMP-6),
//! data brought in (R-CMP-7), repair and scrapping (R-CMP-8), loss (R-CMP-10), laptops taken out
//! (R-CMP-12) and output (R-CMP-13).

use chrono::NaiveDate;

use super::media::{FINDINGS, NOTE, RECHECK, REPORTED, TAKE_OUT};

/// R-CMP-9: a found computer is checked before it is put back to use.
const UNCHECKED: &str = "找回后尚未保密检查";
use crate::domain::dates;
use crate::domain::error::{Checked, Refusal};
use crate::domain::ledgers::{
    ActSpec, Context, FieldSpec, Kind, LedgerSpec, Outcome, Record, StateSpec, Values,
};
use crate::domain::level::Level;
use crate::domain::numbering::Series;

/// R-CMP-1: the three kinds of computer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Classified,
    Internal,
    Internet,
}

impl Class {
    pub const NAMES: &[&str] = &["涉密", "内部", "互联网"];

    pub fn name(self) -> &'static str {
        match self {
            Class::Classified => "涉密",
            Class::Internal => "内部",
            Class::Internet => "互联网",
        }
    }

    pub fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "涉密" => Class::Classified,
            "内部" => Class::Internal,
            "互联网" => Class::Internet,
            _ => return None,
        })
    }

    /// The ledger's title for this class (LEDGER-FORMS.md [C] 涉密计算机).
    pub fn ledger_title(self) -> &'static str {
        match self {
            Class::Classified => "涉密计算机台帐",
            Class::Internal => "内部计算机台帐",
            Class::Internet => "互联网计算机台帐",
        }
    }
}

/// The bureau's filing number of a classified computer (R-CMP-2): filed once.
pub const FILED: &str = "filed_ref";

/// The class of a computer record; an unreadable one counts as classified (the strictest).
pub fn class(r: &Record) -> Class {
    Class::parse(r.get("class")).unwrap_or(Class::Classified)
}

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("class", "类别", Kind::Choice(Class::NAMES))
        .required()
        .synonyms(&["计算机类别", "网络类型"]),
    FieldSpec::new("level", "密级", Kind::Level)
        .required()
        .synonyms(&["设备密级", "涉密级别", "秘密等级"]),
    FieldSpec::new("keeper", "责任人", Kind::Person).synonyms(&["负责人", "使用人", "保管人"]),
    FieldSpec::new("dept", "部门", Kind::Text).synonyms(&[
        "科室/课题组",
        "部门/部位名称",
        "使用部门",
        "所属部门",
    ]),
    FieldSpec::new("place", "放置地点", Kind::Text).synonyms(&["存放位置", "存放地点"]),
    FieldSpec::new("form", "类型", Kind::Text).synonyms(&["计算机类型"]),
    FieldSpec::new("model", "品牌型号", Kind::Text).synonyms(&["机型", "型号"]),
    FieldSpec::new("disk_serial", "硬盘序列号", Kind::Text).max(64),
    FieldSpec::new("mac", "MAC地址", Kind::Text)
        .max(64)
        .synonyms(&["mac地址", "MAC"]),
    FieldSpec::new("os", "操作系统版本", Kind::Text).synonyms(&["操作系统"]),
    FieldSpec::new("os_installed", "操作系统安装时间", Kind::Date),
    FieldSpec::new("asset_no", "固定资产编号", Kind::Text),
    FieldSpec::new("laptop", "便携式", Kind::Flag).synonyms(&["笔记本"]),
    FieldSpec::new("purpose", "用途", Kind::Text),
    FieldSpec::new("note", "备注", Kind::Note),
];

const ACTS: &[ActSpec] = &[
    ActSpec::new(
        "file",
        'f',
        "备案",
        "R-CMP-2",
        &[FieldSpec::new("ref", "备案号", Kind::Text).required()],
    )
    .in_states(&["unfiled", "in_use"])
    .only_when("class", &["涉密"])
    .unless(FILED, "R-CMP-2", "已备案"),
    ActSpec::new(
        "check",
        'k',
        "保密检查",
        "R-CMP-9",
        &[
            FINDINGS,
            FieldSpec::new("protection", "防护软件正常", Kind::Flag),
            FieldSpec::new("patched", "病毒库和补丁已更新", Kind::Flag),
            FieldSpec::new("wireless", "发现无线设备", Kind::Flag),
            FieldSpec::new("software", "发现无关软件", Kind::Flag),
            FieldSpec::new("violation", "违规情况", Kind::Note),
        ],
    ),
    ActSpec::new(
        "backup",
        'b',
        "数据备份",
        "R-CMP-6",
        &[
            FieldSpec::new("medium", "备份介质", Kind::Record("medium")).required(),
            NOTE,
        ],
    )
    .in_states(&["in_use"])
    .unless(RECHECK, "R-CMP-9", UNCHECKED),
    ActSpec::new(
        "import",
        'i',
        "导入外部数据",
        "R-CMP-7",
        &[
            FieldSpec::new("medium", "单向导入介质", Kind::Text).required(),
            FieldSpec::new("content", "导入内容", Kind::Text).required(),
        ],
    )
    .queued()
    .in_states(&["in_use"])
    .only_when("class", &["涉密", "内部"])
    .unless(RECHECK, "R-CMP-9", UNCHECKED),
    ActSpec::new(
        "output",
        'p',
        "信息输出",
        "R-CMP-13",
        &[
            FieldSpec::new("way", "输出方式", Kind::Choice(&["打印", "刻录", "拷贝"])).required(),
            FieldSpec::new("info_level", "信息密级", Kind::Level).required(),
            FieldSpec::new("content", "输出内容", Kind::Text).required(),
        ],
    )
    .queued()
    .in_states(&["in_use"])
    .unless(RECHECK, "R-CMP-9", UNCHECKED),
    ActSpec::new(
        "repair",
        'w',
        "送修",
        "R-CMP-8",
        &[
            FieldSpec::new("repairer", "维修单位", Kind::Text).required(),
            FieldSpec::new("supervisor", "监修人", Kind::Person).required(),
            FieldSpec::new("reason", "维修原因", Kind::Text),
        ],
    )
    .queued()
    .in_states(&["in_use"]),
    ActSpec::new("take-out", 't', "携带外出", "R-CMP-12", &TAKE_OUT)
        .queued()
        .in_states(&["in_use"])
        .only_when("laptop", &["是"])
        .unless(RECHECK, "R-CMP-9", UNCHECKED),
    ActSpec::new("back", 'h', "收回检查", "R-CMP-12", &[FINDINGS])
        .in_states(&["taken_out", "repair"]),
    ActSpec::new(
        "lost",
        'x',
        "报告丢失",
        "R-CMP-10",
        super::media::LOST_FIELDS,
    ),
    ActSpec::new(
        "report",
        'r',
        "上报",
        "R-CMP-10",
        super::media::REPORT_FIELDS,
    )
    .in_states(&["lost"])
    .unless(REPORTED, "R-CMP-10", "丢失已经上报"),
    ActSpec::new("found", 'z', "找回", "R-INC-4", &[NOTE]).in_states(&["lost"]),
    ActSpec::new(
        "scrap",
        's',
        "报废",
        "R-CMP-8",
        &[
            FieldSpec::new("ref", "报废备案号", Kind::Text).required(),
            FieldSpec::new("disk_to", "硬盘送交单位", Kind::Text).required(),
        ],
    )
    .queued()
    .in_states(&["unfiled", "in_use", "repair"]),
];

const STATES: &[StateSpec] = &[
    StateSpec::held("in_use", "在用"),
    // R-CMP-2: a classified computer is filed with the bureau before it is used.
    StateSpec::held("unfiled", "待备案").starts_when("class", "涉密"),
    StateSpec::held("taken_out", "携带外出"),
    StateSpec::held("repair", "维修中"),
    StateSpec::gone("lost", "丢失"),
    StateSpec::gone("scrapped", "已报废"),
];

/// 计算机台帐 (the three classes are views of it, by `class`).
pub const SPEC: LedgerSpec = LedgerSpec {
    key: "computer",
    plural: "computers",
    title: "计算机台帐",
    noun: "计算机",
    series: Series::Computer,
    number_label: "保密编号",
    number_synonyms: &["编号", "计算机编号"],
    fields: FIELDS,
    list: &["no", "class", "level", "keeper", "dept", "place", "state"],
    print: &[
        "no",
        "class",
        "asset_no",
        "keeper",
        "level",
        "model",
        "os",
        "os_installed",
        "disk_serial",
        "mac",
        "purpose",
        "place",
        "registered_on",
        "state",
    ],
    acts: ACTS,
    states: STATES,
    check_add,
    add_verb: "add",
    check_act,
};

/// R-CMP-1, R-CMP-2: a classified computer is graded at a state-secret level; an internal one is
/// 内部 at most; an internet computer holds nothing classified.
fn check_add(v: &Values, _today: NaiveDate) -> Checked<()> {
    let class = v.get("class").and_then(|c| Class::parse(c));
    let level = v.get("level").and_then(|l| Level::parse(l));
    match (class, level) {
        (Some(Class::Classified), Some(l)) if !l.is_state_secret() => Err(Refusal::rule(
            "R-CMP-2",
            format!("涉密计算机按所处理信息的最高密级定级（绝密、机密或秘密），不能定为{l}"),
        )),
        (Some(Class::Internal), Some(l)) if l.is_state_secret() => Err(Refusal::rule(
            "R-CMP-3",
            format!("内部计算机不得处理{l}信息；处理国家秘密的应登记为涉密计算机"),
        )),
        (Some(Class::Internet), Some(l)) if l != Level::Public => Err(Refusal::rule(
            "R-CMP-3",
            format!("互联网计算机不得处理{l}信息，密级应为非密"),
        )),
        _ => Ok(()),
    }
}

/// R-CMP-2, R-CMP-3: whether `pc` may process information of `info`: a classified computer only
/// once filed with the bureau, and never above its own level.
pub fn check_may_process(pc: &Record, info: Level) -> Checked<()> {
    if !pc.held() || pc.state == "repair" {
        return Err(Refusal::rule(
            "R-CMP-3",
            format!("{} 当前{}，不能使用", pc.no, pc.state_label()),
        ));
    }
    if class(pc) == Class::Classified && pc.get(FILED).is_empty() {
        return Err(Refusal::rule(
            "R-CMP-2",
            format!(
                "涉密计算机 {} 尚未向保密行政管理部门备案，备案前不得使用：请先办理「备案」",
                pc.no
            ),
        ));
    }
    if !pc.get(RECHECK).is_empty() {
        return Err(Refusal::rule(
            "R-CMP-9",
            format!(
                "计算机 {} 于 {} 找回，尚未保密检查：找回的计算机须先检查，才能使用",
                pc.no,
                pc.get("found_on")
            ),
        ));
    }
    let level = pc.level.unwrap_or(Level::Public);
    if info > level {
        return Err(Refusal::rule(
            "R-CMP-3",
            format!("{level}计算机 {} 不得处理{info}信息", pc.no),
        ));
    }
    Ok(())
}

fn check_act(r: &Record, act: &ActSpec, v: &Values, cx: &Context<'_>) -> Checked<Outcome> {
    let get = |k: &str| v.get(k).map(String::as_str).unwrap_or("");
    let not = |what: &str| {
        Refusal::rule(
            act.rule,
            format!("{} 当前{}，不能{what}", r.no, r.state_label()),
        )
    };
    let classified = class(r) == Class::Classified;
    match act.verb {
        "file" => {
            if !classified {
                return Err(Refusal::rule(
                    "R-CMP-2",
                    format!("{} 是{}计算机，只有涉密计算机须备案", r.no, class(r).name()),
                ));
            }
            Ok(Outcome::state("in_use")
                .set(FILED, get("ref"))
                .set("filed_on", dates::iso(cx.on)))
        }
        "check" => {
            if !r.held() {
                return Err(not("检查"));
            }
            if get("findings").is_empty() {
                return Err(Refusal::rule(
                    "R-CMP-9",
                    "保密检查须有书面记录：请填写「检查情况」",
                ));
            }
            Ok(super::media::checked(r, cx))
        }
        "backup" => {
            if !r.held() {
                return Err(not("备份"));
            }
            if let Some(m) = cx.related {
                // R-CMP-6: 绝密 data on dedicated media, at its level.
                let level = r.level.unwrap_or(Level::Public);
                if level == Level::TopSecret && m.level != Some(Level::TopSecret) {
                    return Err(Refusal::rule(
                        "R-CMP-6",
                        format!("绝密计算机的数据须备份在专用的绝密介质上，{} 不是", m.no),
                    ));
                }
                super::media::check_use(m.level, level.max(Level::Public), r)?;
            }
            Ok(Outcome::default().set("backup_on", dates::iso(cx.on)))
        }
        "import" => {
            if class(r) == Class::Internet {
                return Err(Refusal::rule(
                    "R-CMP-7",
                    "导入外部数据的审批只用于涉密计算机和内部计算机",
                ));
            }
            check_in_use(r, act)?;
            Ok(Outcome::default())
        }
        "output" => {
            check_in_use(r, act)?;
            let info = get("info_level");
            let info = Level::parse(info).unwrap_or(Level::TopSecret);
            check_may_process(r, info)?;
            Ok(Outcome::default())
        }
        "repair" => {
            check_in_use(r, act)?;
            Ok(Outcome::state("repair").set("repairer", get("repairer")))
        }
        "take-out" => {
            check_in_use(r, act)?;
            if r.get("laptop") != "是" {
                return Err(Refusal::rule(
                    "R-CMP-12",
                    format!("{} 不是便携式计算机，不能携带外出", r.no),
                ));
            }
            Ok(Outcome::state("taken_out")
                .holder(get("person"))
                .set("return_by", get("return_by")))
        }
        "back" => match r.state {
            "taken_out" | "repair" => {
                if get("findings").is_empty() {
                    return Err(Refusal::rule(
                        if r.state == "repair" {
                            "R-CMP-8"
                        } else {
                            "R-CMP-12"
                        },
                        "收回时须检查并填写「检查情况」",
                    ));
                }
                Ok(super::media::ended(r, Outcome::state("in_use").holder("")))
            }
            _ => Err(not("收回")),
        },
        "lost" => super::media::lost(r, act, v, cx),
        "report" => super::media::report(r, act, v, cx),
        // A found classified computer never filed goes back to waiting for its filing (R-CMP-2).
        "found" if classified && r.get(FILED).is_empty() => super::media::found(r, cx, "unfiled"),
        "found" => super::media::found(r, cx, "in_use"),
        "scrap" => {
            if !matches!(r.state, "unfiled" | "in_use" | "repair") {
                return Err(not("报废"));
            }
            Ok(Outcome::state("scrapped").set("disk_to", get("disk_to")))
        }
        _ => Err(Refusal::field(
            "办理",
            format!("计算机没有「{}」这一项", act.verb),
        )),
    }
}

fn check_in_use(r: &Record, act: &ActSpec) -> Checked<()> {
    if r.state != "in_use" {
        return Err(Refusal::rule(
            act.rule,
            format!("{} 当前{}，不能{}", r.no, r.state_label(), act.label),
        ));
    }
    Ok(())
}

/// R-CMP-2: what a database from before 待备案 existed holds wrongly: a classified computer in use
/// with no filing recorded (no 备案号, no filing act). It goes back to waiting for its filing, its
/// history saying why, so that the due list asks for the filing owed.
pub fn unfiled_in_use(r: &Record, filing_recorded: bool) -> bool {
    class(r) == Class::Classified
        && r.state == "in_use"
        && r.get(FILED).is_empty()
        && !filing_recorded
}

/// The history note of that move.
pub const UNFILED_NOTE: &str = "迁移：未见备案记录，请补录备案";

/// R-CMP-6: when a classified computer's next backup is due: `days` after the last (or after it
/// was filed).
pub fn next_backup(r: &Record, days: i64) -> Option<NaiveDate> {
    if class(r) != Class::Classified || !r.held() {
        return None;
    }
    let from = r.date("backup_on").or_else(|| r.date("filed_on"))?;
    Some(from + chrono::Duration::days(days.max(1)))
}

#[cfg(test)]
mod tests;
