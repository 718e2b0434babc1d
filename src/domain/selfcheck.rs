//! R-INS-4: the bureau's routine service checklist (江门市保密工作常态化检查服务项目表, in the seed's
//! 江门市国家保密局保密检查服务常态化工作制度): 30 items in six groups, answered by the unit as a
//! self-assessment each year (是, 否 or 不适用, with a note), printed beside last year's answers.

use crate::domain::error::{Checked, Refusal};
use crate::domain::text::{self, NOTE_MAX};

/// One item of the checklist: its number (序号), its group, what is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub no: u8,
    pub group: &'static str,
    pub text: &'static str,
}

const fn item(no: u8, group: &'static str, text: &'static str) -> Item {
    Item { no, group, text }
}

const G1: &str = "一、保密组织建设";
const G2: &str = "二、涉密载体管理";
const G3: &str = "三、涉密人员管理";
const G4: &str = "四、保密制度建设及落实情况";
const G5: &str = "五、信息公开保密审查";
const G6: &str = "六、办公设备安全防护和操作情况";

/// The six groups, in the form's order.
pub const GROUPS: [&str; 6] = [G1, G2, G3, G4, G5, G6];

/// The 30 items as the seed words them.
pub const ITEMS: [Item; 30] = [
    item(
        1,
        G1,
        "单位保密委员会（保密领导小组）是否建立，职责是否明确",
    ),
    item(2, G1, "单位信息公开工作机构是否建立，职责是否明确"),
    item(
        3,
        G1,
        "是否设立保密工作记录本，记录单位保密工作情况（如召开会议、领导批示、活动开展情况等）",
    ),
    item(
        4,
        G1,
        "是否按照《江门市市直保密工作协作组工作规则》，组织或参加保密工作协作组活动",
    ),
    item(
        5,
        G2,
        "载体收发、使用、复制、清退、销毁等各个管理环节是否规范",
    ),
    item(
        6,
        G2,
        "是否使用定密审核表或按相应程序规范定密，定密依据是否准确",
    ),
    item(
        7,
        G2,
        "存放涉密载体场所（保密室）是否符合保密要求（三铁一器）",
    ),
    item(8, G2, "是否建立计算机及移动存储介质管理台帐表"),
    item(
        9,
        G2,
        "个人手中未登记的涉密载体（含U盘、光盘等）是否得到清理",
    ),
    item(10, G2, "携带涉密载体外出是否有审批登记记录"),
    item(
        11,
        G2,
        "是否开展涉密设备定点维修维护工作（含处理工作信息设备）",
    ),
    item(12, G3, "保密干部是否经保密培训考试合格并持证上岗"),
    item(13, G3, "涉密人员是否经过资格审查，并签订保密承诺书"),
    item(14, G3, "涉密人员是否定期或不定期组织开展保密教育"),
    item(15, G3, "是否定期开展单位内部保密安全检查"),
    item(16, G4, "国家秘密载体管理制度"),
    item(17, G4, "计算机及移动存储介质管理制度"),
    item(18, G4, "办公自动化设备管理制度"),
    item(19, G4, "国家秘密定密管理制度"),
    item(20, G4, "保密法制宣传教育制度及落实情况"),
    item(21, G4, "保密监督检查制度及落实情况"),
    item(22, G4, "涉密设备维修、报废、更换管理制度及落实情况"),
    item(23, G4, "保密要害部门部位保密管理制度及备案情况"),
    item(24, G4, "单位电子邮箱管理制度及落实情况"),
    item(25, G4, "出国（境）人员保密管理制度及落实情况"),
    item(26, G4, "对外提供资料审查报批制度及落实情况"),
    item(27, G5, "是否建立信息公开保密审查制度，职责是否明确"),
    item(
        28,
        G5,
        "是否以信息公开保密审查表形式严格履行登记、逐级审批手续",
    ),
    item(29, G5, "是否开展信息公开保密审查专项检查工作"),
    item(
        30,
        G6,
        "是否按照《江门市机关单位保密管理制度汇编》要求，对单位计算机（包括涉密计算机、内部计算机、互联网计算机）、移动存储介质、现代通信设备、办公自动化设备进行安全防护和操作",
    ),
];

/// The answers an item takes.
pub const ANSWERS: [&str; 3] = ["是", "否", "不适用"];

/// R-INS-4: what changed on an item since last year, for the printed comparison: a 否 put right,
/// a new 否, or another change; nothing when it is the same or either year is not answered.
pub fn change(last: Option<&str>, this: Option<&str>) -> &'static str {
    match (last, this) {
        (Some(a), Some(b)) if a == b => "",
        (Some("否"), Some("是")) => "已改进",
        (Some(_), Some("否")) => "新问题",
        (Some(_), Some(_)) => "有变化",
        _ => "",
    }
}

/// The item numbered `no`.
pub fn item_of(no: u8) -> Option<&'static Item> {
    ITEMS.iter().find(|i| i.no == no)
}

/// One answer as the officer gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub item: u8,
    pub answer: &'static str,
    pub note: String,
}

/// R-INS-4: reads an item number (1 to 30, full-width digits too).
pub fn parse_item(s: &str) -> Checked<u8> {
    let t = text::to_half_width(s.trim());
    t.parse::<u8>()
        .ok()
        .and_then(item_of)
        .map(|i| i.no)
        .ok_or_else(|| {
            Refusal::rule(
                "R-INS-4",
                format!(
                    "常态化检查服务项目表只有第 1 至 {} 项，没有「{}」",
                    ITEMS.len(),
                    s.trim().chars().take(12).collect::<String>()
                ),
            )
        })
}

/// R-INS-4: reads an answer: 是, 否 or 不适用 (also y, n, -).
pub fn parse_answer(s: &str) -> Checked<&'static str> {
    let t = text::to_half_width(s.trim()).to_ascii_lowercase();
    Ok(match t.as_str() {
        "是" | "y" | "yes" | "√" => ANSWERS[0],
        "否" | "n" | "no" | "×" => ANSWERS[1],
        "不适用" | "-" | "na" | "n/a" | "无" => ANSWERS[2],
        _ => {
            return Err(Refusal::rule(
                "R-INS-4",
                format!(
                    "检查情况「{}」应为 是、否 或 不适用",
                    s.trim().chars().take(12).collect::<String>()
                ),
            ));
        }
    })
}

/// R-INS-4: `ITEM=ANSWER` or `ITEM=ANSWER:NOTE` as typed on the command line (`5=否:借阅登记不全`).
pub fn parse_set(s: &str) -> Checked<Answer> {
    let (item, rest) = s.split_once(['=', '＝']).ok_or_else(|| {
        Refusal::rule(
            "R-INS-4",
            format!("「{}」应写成 项目号=是、否或不适用，如 5=是", s.trim()),
        )
    })?;
    let (answer, note) = match rest.split_once([':', '：']) {
        Some((a, n)) => (a, n),
        None => (rest, ""),
    };
    Ok(Answer {
        item: parse_item(item)?,
        answer: parse_answer(answer)?,
        note: check_note(note)?,
    })
}

/// A note: one paragraph, bounded, no control characters.
pub fn check_note(note: &str) -> Checked<String> {
    text::check_text("备注", note.trim(), NOTE_MAX)?;
    Ok(note.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    // R-INS-4: 30 items in six groups, numbered 1 to 30 in order, each group used.
    // R-INS-4: the comparison with last year says which way an item moved.
    #[test]
    fn r_ins_4_the_change_since_last_year() {
        assert_eq!(change(Some("否"), Some("是")), "已改进");
        assert_eq!(change(Some("是"), Some("否")), "新问题");
        assert_eq!(change(Some("不适用"), Some("否")), "新问题");
        assert_eq!(change(Some("是"), Some("不适用")), "有变化");
        assert_eq!(change(Some("是"), Some("是")), "");
        assert_eq!(change(None, Some("否")), "");
        assert_eq!(change(Some("否"), None), "");
    }

    #[test]
    fn r_ins_4_thirty_items_in_six_groups() {
        assert_eq!(ITEMS.len(), 30);
        for (i, it) in ITEMS.iter().enumerate() {
            assert_eq!(usize::from(it.no), i + 1);
            assert!(GROUPS.contains(&it.group));
        }
        for g in GROUPS {
            assert!(ITEMS.iter().any(|i| i.group == g), "{g}");
        }
        assert_eq!(ITEMS.iter().filter(|i| i.group == G4).count(), 11);
    }

    // R-INS-4: answers are 是/否/不适用 for items 1 to 30; anything else is refused naming the rule.
    #[test]
    fn r_ins_4_answers_are_bounded() {
        let a = parse_set("５=否：借阅登记不全").unwrap();
        assert_eq!(
            (a.item, a.answer, a.note.as_str()),
            (5, "否", "借阅登记不全")
        );
        assert_eq!(parse_set("30=不适用").unwrap().answer, "不适用");
        assert_eq!(parse_set("1=y").unwrap().answer, "是");
        for bad in ["0=是", "31=是", "x=是", "5=也许", "5", "5=是:\u{1b}[2J"] {
            let e = parse_set(bad).unwrap_err();
            assert!(
                e.to_string().contains("R-INS-4") || e.field_name() == Some("备注"),
                "{bad}: {e}"
            );
        }
    }
}
