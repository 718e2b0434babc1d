//! Registers of one act across the records of declared ledgers (存储介质借用登记, 涉密设备维修登记表,
//! 涉密载体销毁、涉密设备报废情况 …), described once: a title, the acts it lists, the form's columns
//! (LEDGER-FORMS.md) and where each column's value comes from. The store runs one query for all of
//! them (`store::registers::acts_of`); a new register is a row of `ALL`, not a query.

/// Where a column's value comes from, for one act on one record (or one paper's act).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// The act's day.
    Date,
    /// The record's number (保密编号), or the paper's 登记编号.
    No,
    /// The record's type and model: `U盘（DT50）`; a paper is 纸质文件.
    Form,
    /// What the carrier holds: a paper's title and document number, a record's ledger and number.
    Content,
    /// The record's level (a paper's mark with its period).
    Level,
    /// 部门 of the record or paper.
    Dept,
    /// A value of the record (its registration fields).
    Field(&'static str),
    /// A value the act recorded.
    Act(&'static str),
    /// The first of the act's values that is there: the register's column is filled by whichever
    /// of its ledgers' acts names it (a computer's 维修原因, a device's 维修单位 …).
    AnyAct(&'static [&'static str]),
    /// The record the act named (the computer a medium was connected to): its number, its level.
    Related,
    RelatedLevel,
    /// The leader who approved the act's request, and with the opinion.
    Approver,
    Opinion,
    /// Who recorded the act.
    Handler,
    /// The act that closed this one (the `back` after a `lend`): its day, a value, who recorded it.
    ClosedOn,
    Closed(&'static str),
    ClosedBy,
    /// 1: a register of carriers counts each one.
    One,
    /// The act's Chinese name (销毁, 报废).
    ActName,
    /// Left blank for a signature or an opinion written by hand on the printed form.
    Blank,
}

/// A register of acts: every `acts` entry (ledger key, verb) in the year, in the order done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActRegister {
    /// The name of `baomi register CODE`.
    pub code: &'static str,
    pub title: &'static str,
    /// The rules that ask for the register.
    pub rules: &'static str,
    pub acts: &'static [(&'static str, &'static str)],
    /// Papers' events of this kind belong in it too (销毁 of papers beside media and computers).
    pub paper_kind: Option<&'static str>,
    /// The verb of the act that closes an entry (`back` after `lend`).
    pub closed_by: Option<&'static str>,
    pub columns: &'static [(&'static str, Cell)],
    /// Who signs the printed register.
    pub signatures: &'static [&'static str],
    /// Listed by department in the yearly ledger set (the per-department sheets).
    pub by_dept: bool,
}

/// Every act register, in the order the yearly ledger set prints them.
pub const ALL: &[ActRegister] = &[
    ActRegister {
        code: "media-loans",
        title: "存储介质借用登记",
        rules: "R-MED-3",
        acts: &[("medium", "lend")],
        paper_kind: None,
        closed_by: Some("back"),
        columns: &[
            ("日期", Cell::Date),
            ("类型", Cell::Field("kind")),
            ("涉密级别", Cell::Level),
            ("保密编号", Cell::No),
            ("连接设备编号", Cell::Related),
            ("连接设备密级", Cell::RelatedLevel),
            ("借用期限", Cell::Act("return_by")),
            ("使用人签字", Cell::Act("to")),
            ("返回时间", Cell::ClosedOn),
            ("检查情况", Cell::Closed("findings")),
            ("检查人", Cell::ClosedBy),
        ],
        signatures: &["保密员"],
        by_dept: true,
    },
    ActRegister {
        code: "media-use",
        title: "涉密存储介质使用登记",
        rules: "R-MED-2",
        acts: &[("medium", "use")],
        paper_kind: None,
        closed_by: None,
        columns: &[
            ("日期", Cell::Date),
            ("保密编号", Cell::No),
            ("介质密级", Cell::Level),
            ("计算机", Cell::Related),
            ("计算机密级", Cell::RelatedLevel),
            ("信息密级", Cell::Act("info_level")),
            ("处理信息", Cell::Act("content")),
            ("经办人", Cell::Handler),
        ],
        signatures: &["保密员"],
        by_dept: true,
    },
    ActRegister {
        code: "take-outs-media",
        title: "存储介质、计算机携带外出登记",
        rules: "R-MED-4、R-CMP-12",
        acts: &[("medium", "take-out"), ("computer", "take-out")],
        paper_kind: None,
        closed_by: Some("back"),
        columns: &[
            ("申请日期", Cell::Date),
            ("保密编号", Cell::No),
            ("类型", Cell::Form),
            ("密级", Cell::Level),
            ("责任部门", Cell::Dept),
            ("携带人", Cell::Act("person")),
            ("外出地点", Cell::Act("place")),
            ("返回日期", Cell::Act("return_by")),
            ("出境许可证", Cell::Act("exit_permit")),
            ("审批意见", Cell::Opinion),
            ("实际返回", Cell::ClosedOn),
            ("返回检查情况", Cell::Closed("findings")),
        ],
        signatures: &["保密员", "部门领导"],
        by_dept: true,
    },
    ActRegister {
        code: "repairs",
        title: "涉密设备维修登记表",
        rules: "R-CMP-8、R-DEV-3",
        acts: &[("computer", "repair"), ("device", "repair")],
        paper_kind: None,
        closed_by: None,
        columns: &[
            ("使用部门", Cell::Dept),
            ("设备类型（品牌型号）", Cell::Form),
            ("保密编号", Cell::No),
            ("密级", Cell::Level),
            ("维修原因", Cell::Act("reason")),
            ("送修时间", Cell::Date),
            ("维修单位", Cell::Act("repairer")),
            ("监修人", Cell::Act("supervisor")),
            ("部门意见", Cell::Blank),
            ("领导审批意见", Cell::Opinion),
            ("备注", Cell::Act("qualified")),
        ],
        signatures: &["保密员", "审批领导"],
        by_dept: true,
    },
    ActRegister {
        code: "scrapping",
        title: "涉密载体销毁、涉密设备报废情况",
        rules: "R-PAP-23、R-MED-8、R-CMP-8、R-DEV-3",
        acts: &[
            ("medium", "destroy"),
            ("computer", "scrap"),
            ("device", "scrap"),
        ],
        paper_kind: Some("destroy"),
        closed_by: None,
        columns: &[
            ("日期", Cell::Date),
            ("涉密载体形式", Cell::Form),
            ("涉密载体内容", Cell::Content),
            ("数量", Cell::One),
            ("密级", Cell::Level),
            ("办理", Cell::ActName),
            (
                "销毁、报废流向",
                Cell::AnyAct(&["handed_to", "disk_to", "method"]),
            ),
            ("经办人", Cell::Handler),
            ("审批人", Cell::Approver),
        ],
        signatures: &["保密员", "审批人"],
        by_dept: false,
    },
    ActRegister {
        code: "recoveries",
        title: "涉密存储介质数据恢复登记",
        rules: "R-MED-7",
        acts: &[("medium", "recover")],
        paper_kind: None,
        closed_by: None,
        columns: &[
            ("日期", Cell::Date),
            ("保密编号", Cell::No),
            ("类型", Cell::Form),
            ("密级", Cell::Level),
            ("恢复单位", Cell::Act("unit")),
            ("说明", Cell::Act("note")),
            ("经办人", Cell::Handler),
        ],
        signatures: &["保密员"],
        by_dept: false,
    },
    ActRegister {
        code: "losses",
        title: "涉密载体遗失及报告登记",
        rules: "R-MED-5、R-CMP-10",
        acts: &[("medium", "lost"), ("computer", "lost")],
        paper_kind: Some("lost"),
        closed_by: Some("report"),
        columns: &[
            ("日期", Cell::Date),
            ("时间", Cell::Act("time")),
            ("编号", Cell::No),
            ("涉密载体形式", Cell::Form),
            ("密级", Cell::Level),
            ("情况", Cell::Act("note")),
            ("报告日期", Cell::ClosedOn),
            ("报告单位", Cell::Closed("to")),
            ("报告文号", Cell::Closed("ref")),
            ("经办人", Cell::Handler),
        ],
        signatures: &["保密员"],
        by_dept: false,
    },
    ActRegister {
        code: "computer-checks",
        title: "计算机保密检查及违规情况登记",
        rules: "R-CMP-9、R-CMP-14、R-CMP-5",
        acts: &[("computer", "check")],
        paper_kind: None,
        closed_by: None,
        columns: &[
            ("检查日期", Cell::Date),
            ("保密编号", Cell::No),
            ("部门", Cell::Dept),
            ("密级", Cell::Level),
            ("检查情况", Cell::Act("findings")),
            ("防护软件正常", Cell::Act("protection")),
            ("病毒库和补丁已更新", Cell::Act("patched")),
            ("发现无线设备", Cell::Act("wireless")),
            ("发现无关软件", Cell::Act("software")),
            ("违规情况", Cell::Act("violation")),
            ("检查人", Cell::Handler),
        ],
        signatures: &["检查人"],
        by_dept: true,
    },
    ActRegister {
        code: "outputs",
        title: "涉密计算机信息输出、外部数据导入登记",
        rules: "R-CMP-13、R-CMP-7",
        acts: &[("computer", "output"), ("computer", "import")],
        paper_kind: None,
        closed_by: None,
        columns: &[
            ("日期", Cell::Date),
            ("计算机", Cell::No),
            ("部门", Cell::Dept),
            ("办理", Cell::ActName),
            ("信息密级", Cell::Act("info_level")),
            ("内容", Cell::Act("content")),
            ("审批人", Cell::Approver),
            ("经办人", Cell::Handler),
        ],
        signatures: &["保密员", "审批人"],
        by_dept: true,
    },
    ActRegister {
        code: "backups",
        title: "涉密计算机数据备份登记",
        rules: "R-CMP-6",
        acts: &[("computer", "backup")],
        paper_kind: None,
        closed_by: None,
        columns: &[
            ("日期", Cell::Date),
            ("计算机", Cell::No),
            ("部门", Cell::Dept),
            ("密级", Cell::Level),
            ("备份介质", Cell::Act("medium")),
            ("说明", Cell::Act("note")),
            ("经办人", Cell::Handler),
        ],
        signatures: &["保密员"],
        by_dept: true,
    },
    ActRegister {
        code: "device-files",
        title: "带入涉密场所的通信设备备案登记",
        rules: "R-DEV-5",
        acts: &[("device", "file")],
        paper_kind: None,
        closed_by: None,
        columns: &[
            ("日期", Cell::Date),
            ("编号", Cell::No),
            ("设备", Cell::Form),
            ("保管人", Cell::Field("keeper")),
            ("涉密场所", Cell::Act("place")),
            ("备案号", Cell::Act("ref")),
            ("经办人", Cell::Handler),
        ],
        signatures: &["保密员"],
        by_dept: false,
    },
    ActRegister {
        code: "visits",
        title: "涉密机房来访登记",
        rules: "R-CMP-11",
        acts: &[("room", "visit")],
        paper_kind: None,
        closed_by: None,
        columns: &[
            ("日期", Cell::Date),
            ("机房", Cell::No),
            ("进入时间", Cell::Act("time")),
            ("来访人", Cell::Act("visitor")),
            ("来访单位", Cell::Act("unit")),
            ("事由", Cell::Act("purpose")),
            ("陪同人", Cell::Act("escort")),
            ("拍照录像", Cell::Act("photos")),
            ("经办人", Cell::Handler),
        ],
        signatures: &["保密员"],
        by_dept: false,
    },
];

/// The act register named `code` or titled so.
pub fn find(name: &str) -> Option<&'static ActRegister> {
    ALL.iter().find(|r| r.code == name || r.title == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ledgers::spec;
    use std::collections::HashSet;

    // Every register names acts its ledgers have (or ledgers not declared in this build), and
    // every value it reads is a field of one of them: a renamed act or field fails here, not on
    // a printed form with an empty column.
    #[test]
    fn every_register_reads_what_its_ledgers_have() {
        let mut codes = HashSet::new();
        for r in ALL {
            assert!(codes.insert(r.code) && codes.insert(r.title), "{}", r.code);
            assert!(r.rules.starts_with("R-"));
            let declared: Vec<_> = r
                .acts
                .iter()
                .filter_map(|(l, v)| spec::find(l).map(|s| (s, *v)))
                .collect();
            for (s, verb) in &declared {
                assert!(s.act(verb).is_some(), "{}: {}.{verb}", r.code, s.key);
            }
            for (label, cell) in r.columns {
                let keys: &[&str] = match cell {
                    Cell::Act(k) => std::slice::from_ref(k),
                    Cell::AnyAct(ks) => ks,
                    _ => &[],
                };
                for k in keys {
                    // Papers' events keep 方式 in `method`.
                    let known = declared.iter().any(|(s, v)| {
                        s.act(v)
                            .is_some_and(|a| a.fields.iter().any(|f| f.key == *k))
                    }) || (r.paper_kind.is_some() && *k == "method");
                    assert!(known, "{}: {label} reads {k}", r.code);
                }
                if let Cell::Field(k) = cell {
                    assert!(declared.iter().any(|(s, _)| s.field(k).is_some()));
                }
            }
            if let Some(c) = r.closed_by {
                assert!(
                    declared.iter().all(|(s, _)| s.act(c).is_some()),
                    "{}",
                    r.code
                );
            }
        }
    }
}
