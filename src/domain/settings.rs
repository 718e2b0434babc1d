//! The unit's settings: every number or date the rules leave open (RULES.md gives the defaults),
//! the unit's name and highest level, number formats, and printing.

use std::collections::BTreeMap;

use super::error::{Checked, Refusal};
use super::level::Level;
use super::numbering::{self, Series};
use super::text::split_list;

/// One setting as the settings screen and `baomi settings` show it.
#[derive(Debug, Clone, Copy)]
pub struct SettingSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    pub default: &'static str,
}

pub const SPECS: &[SettingSpec] = &[
    SettingSpec {
        key: "unit_name",
        label: "单位名称",
        help: "显示在顶栏和每份打印件上",
        default: "",
    },
    SettingSpec {
        key: "highest_level",
        label: "本单位最高密级",
        help: "顶栏的密级标识；口令强度随之而定（R-CMP-4）",
        default: "秘密",
    },
    SettingSpec {
        key: "idle_lock_minutes",
        label: "空闲锁屏（分钟）",
        help: "无按键多久后锁屏，1 到 5（R-SYS-2）",
        default: "5",
    },
    SettingSpec {
        key: "lock_minutes",
        label: "账号锁定（分钟）",
        help: "连续输错3次口令后锁定多久，另一名保密员也可解锁（R-SYS-1）",
        default: "30",
    },
    SettingSpec {
        key: "alarm_days",
        label: "临期提醒（天）",
        help: "到期前多少天算作「临期」",
        default: "7",
    },
    SettingSpec {
        key: "declass_days",
        label: "解密审查提前（天）",
        help: "保密期限届满前多少天提醒解密审查（R-CLS-7）",
        default: "30",
    },
    SettingSpec {
        key: "approval_valid_days",
        label: "审批有效期（天）",
        help: "批准后多少天内须办理，过期须重新申请（R-SYS-6）",
        default: "30",
    },
    SettingSpec {
        key: "extension_max_years",
        label: "延长使用最长（年）",
        help: "延长使用最晚到次年3月31日之后再加几年（R-PAP-14）",
        default: "1",
    },
    SettingSpec {
        key: "training_warn_month",
        label: "培训学时提醒起始月",
        help: "从每年几月起提示学时不足（R-TRN-3）",
        default: "10",
    },
    SettingSpec {
        key: "receipt_format",
        label: "收文编号格式",
        help: "{年} 年份，{序号:04} 四位序号（R-PAP-4）",
        default: "{年}-收-{序号:04}",
    },
    SettingSpec {
        key: "dispatch_format",
        label: "发文编号格式",
        help: "{年} 年份，{序号:04} 四位序号",
        default: "{年}-发-{序号:04}",
    },
    SettingSpec {
        key: "make_format",
        label: "制作登记编号格式",
        help: "本单位制作密件的登记编号",
        default: "{年}-制-{序号:04}",
    },
    SettingSpec {
        key: "copy_format",
        label: "复印件编号格式",
        help: "复印件作为新载体登记的编号（R-PAP-20）",
        default: "{年}-复-{序号:04}",
    },
    SettingSpec {
        key: "compile_format",
        label: "汇编编号格式",
        help: "汇编形成的新载体的编号",
        default: "{年}-编-{序号:04}",
    },
    SettingSpec {
        key: "medium_format",
        label: "移动存储介质编号格式",
        help: "介质的保密编号（R-MED-1）；不含 {年} 时不按年重新编号",
        default: "U-{序号:03}",
    },
    SettingSpec {
        key: "computer_format",
        label: "计算机编号格式",
        help: "计算机的保密编号（R-CMP-1）",
        default: "PC-{序号:03}",
    },
    SettingSpec {
        key: "device_format",
        label: "设备编号格式",
        help: "复印机、传真机、手机、电子邮箱等的登记编号（R-DEV-1…3）",
        default: "SB-{序号:03}",
    },
    SettingSpec {
        key: "room_format",
        label: "机房编号格式",
        help: "涉密机房的登记编号（R-CMP-11）",
        default: "JF-{序号:03}",
    },
    SettingSpec {
        key: "person_format",
        label: "涉密人员编号格式",
        help: "涉密人员登记表的人员编号（R-PER-1）",
        default: "RY-{序号:03}",
    },
    SettingSpec {
        key: "incident_format",
        label: "泄密事件编号格式",
        help: "泄密事件的登记编号（R-INC-2）",
        default: "SJ{年}-{序号:02}",
    },
    SettingSpec {
        key: "inspection_format",
        label: "保密检查编号格式",
        help: "保密检查的登记编号；其问题的整改编号在其后加 -序号（R-INS-1、R-INS-2）",
        default: "JC{年}-{序号:02}",
    },
    SettingSpec {
        key: "notebook_format",
        label: "保密笔记本编号格式",
        help: "保密笔记本的编号（R-PAP-26）",
        default: "{年}-笔-{序号:04}",
    },
    SettingSpec {
        key: "review_format",
        label: "信息公开审查编号格式",
        help: "信息公开保密审查的审查编号（R-DIS-1）",
        default: "{年}-审-{序号:03}",
    },
    SettingSpec {
        key: "provide_format",
        label: "对外提供报批编号格式",
        help: "对外提供资料审查报批的编号（R-EXT-1）",
        default: "{年}-外-{序号:03}",
    },
    SettingSpec {
        key: "meeting_format",
        label: "涉密会议编号格式",
        help: "涉密会议（活动）的登记编号（R-MTG-1）",
        default: "{年}-会-{序号:03}",
    },
    SettingSpec {
        key: "work_record_format",
        label: "保密工作记录编号格式",
        help: "保密工作记录本的记录编号（R-ORG-1）",
        default: "{年}-记-{序号:03}",
    },
    SettingSpec {
        key: "unit_report_format",
        label: "年度报告编号格式",
        help: "上报保密局的年度总结、情况报告编号（R-ORG-2）",
        default: "{年}-报-{序号:03}",
    },
    SettingSpec {
        key: "merit_format",
        label: "奖惩登记编号格式",
        help: "保密工作奖励与处罚的登记编号（R-ORG-3）",
        default: "{年}-奖惩-{序号:03}",
    },
    SettingSpec {
        key: "coop_group_format",
        label: "协作组活动编号格式",
        help: "协作组活动、信息稿件的编号（R-ORG-4）",
        default: "{年}-协-{序号:03}",
    },
    SettingSpec {
        key: "assessment_format",
        label: "保密责任考核编号格式",
        help: "领导干部保密工作责任制考核的编号（R-ORG-5）",
        default: "{年}-考-{序号:03}",
    },
    SettingSpec {
        key: "staff_change_format",
        label: "保密工作人员变动编号格式",
        help: "保密工作人员变动报告的编号（R-ORG-6）",
        default: "{年}-变-{序号:03}",
    },
    SettingSpec {
        key: "training_format",
        label: "保密教育培训编号格式",
        help: "保密教育培训登记的编号（R-TRN-1）",
        default: "{年}-培-{序号:03}",
    },
    SettingSpec {
        key: "site_format",
        label: "要害部门部位编号格式",
        help: "保密要害部门部位的编号（R-KEY-1）",
        default: "YH-{序号:03}",
    },
    SettingSpec {
        key: "medium_check_months",
        label: "介质清查周期（月）",
        help: "移动存储介质每隔几个月清查核对一次，默认随季度核查（R-MED-6）",
        default: "3",
    },
    SettingSpec {
        key: "backup_days",
        label: "涉密计算机备份周期（天）",
        help: "涉密计算机数据每隔几天备份一次（R-CMP-6）",
        default: "30",
    },
    SettingSpec {
        key: "mailbox_password_days",
        label: "邮箱口令更换周期（天）",
        help: "单位电子邮箱每隔几天更换口令（R-DEV-2）",
        default: "90",
    },
    SettingSpec {
        key: "reading_rooms",
        label: "绝密阅文场所",
        help: "可阅读绝密件的保密室、阅文室，用顿号分隔（R-PAP-8）",
        default: "保密室、阅文室",
    },
    SettingSpec {
        key: "open_item_days",
        label: "无期限事项办理期限（天）",
        help: "制度未规定期限的事项在发生后几天内办理，如泄密事件续报后提交结案报告（R-INC-2）",
        default: "7",
    },
    SettingSpec {
        key: "receipt_check_days",
        label: "收文核对期限（天）",
        help: "收文发现件数、份号或密级不符后，几天内与发文单位核对清楚（R-PAP-4）",
        default: "7",
    },
    SettingSpec {
        key: "printer",
        label: "打印机",
        help: "lp 的打印机名，空为系统默认",
        default: "",
    },
    SettingSpec {
        key: "font_path",
        label: "打印字体文件",
        help: "PDF 内嵌的中文字体，空为自动查找",
        default: "",
    },
    SettingSpec {
        key: "label_layout",
        label: "标签纸",
        help: "A4 多标签（每张24枚）或 单张标签（标签打印机）",
        default: "A4 多标签",
    },
];

/// The paper labels are printed on (R-MED-1: media and computers carry a label).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelLayout {
    /// An A4 sheet of 3 × 8 labels of 70 × 37 mm, the common self-adhesive sheet.
    A4Sheet,
    /// One 60 × 40 mm label per page, for a label printer.
    Single,
}

impl LabelLayout {
    pub fn name(self) -> &'static str {
        match self {
            LabelLayout::A4Sheet => "A4 多标签",
            LabelLayout::Single => "单张标签",
        }
    }

    /// Reads the setting or a `--paper` flag: the names, without spaces, or `a4` / `single`.
    pub fn parse(input: &str) -> Option<LabelLayout> {
        let s = super::text::strip_spaces(&super::text::to_half_width(input)).to_lowercase();
        match s.as_str() {
            "a4多标签" | "a4" | "多标签" | "sheet" => Some(LabelLayout::A4Sheet),
            "单张标签" | "单张" | "single" => Some(LabelLayout::Single),
            _ => None,
        }
    }
}

pub fn spec(key: &str) -> Option<&'static SettingSpec> {
    SPECS.iter().find(|s| s.key == key)
}

/// The settings in force, typed. Built from the stored pairs over the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub unit_name: String,
    pub highest_level: Level,
    pub idle_lock_minutes: u32,
    pub lock_minutes: i64,
    pub alarm_days: i64,
    pub declass_days: i64,
    pub approval_valid_days: i64,
    pub extension_max_years: i64,
    pub training_warn_month: u32,
    pub formats: BTreeMap<&'static str, String>,
    pub reading_rooms: Vec<String>,
    pub printer: String,
    pub font_path: String,
    /// R-PAP-4: days after a receipt mismatch by which it is settled with the sender.
    pub receipt_check_days: i64,
    /// Days after it arises by which a duty the seed gives no deadline is due (DESIGN.md).
    pub open_item_days: i64,
    /// R-MED-6: months between checks of every medium.
    pub medium_check_months: u32,
    /// R-CMP-6: days between backups of a classified computer.
    pub backup_days: i64,
    /// R-DEV-2: days between password changes of a unit mailbox.
    pub mailbox_password_days: i64,
    pub label_layout: LabelLayout,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_pairs(std::iter::empty::<(String, String)>())
    }
}

impl Settings {
    /// Builds the settings from stored pairs; a stored value that no longer validates falls back
    /// to the default (the settings screen shows and fixes it).
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let mut map: BTreeMap<&'static str, String> = SPECS
            .iter()
            .map(|s| (s.key, s.default.to_string()))
            .collect();
        for (k, v) in pairs {
            if let Some(s) = spec(k.as_ref())
                && validate(s.key, v.as_ref()).is_ok()
            {
                map.insert(s.key, v.as_ref().trim().to_string());
            }
        }
        let get = |k: &str| map.get(k).cloned().unwrap_or_default();
        let num = |k: &str, d: i64| get(k).parse::<i64>().unwrap_or(d);
        let formats = Series::ALL
            .into_iter()
            .map(|s| (s.setting_key(), get(s.setting_key())))
            .collect();
        Settings {
            unit_name: get("unit_name"),
            highest_level: Level::parse(&get("highest_level")).unwrap_or(Level::Confidential),
            idle_lock_minutes: u32::try_from(num("idle_lock_minutes", 5)).unwrap_or(5),
            lock_minutes: num("lock_minutes", 30),
            alarm_days: num("alarm_days", 7),
            declass_days: num("declass_days", 30),
            approval_valid_days: num("approval_valid_days", 30),
            extension_max_years: num("extension_max_years", 1),
            training_warn_month: u32::try_from(num("training_warn_month", 10)).unwrap_or(10),
            formats,
            reading_rooms: split_list(&get("reading_rooms")),
            printer: get("printer"),
            font_path: get("font_path"),
            receipt_check_days: num("receipt_check_days", 7),
            open_item_days: num("open_item_days", 7),
            medium_check_months: u32::try_from(num("medium_check_months", 3)).unwrap_or(3),
            backup_days: num("backup_days", 30),
            mailbox_password_days: num("mailbox_password_days", 90),
            label_layout: LabelLayout::parse(&get("label_layout")).unwrap_or(LabelLayout::A4Sheet),
        }
    }

    pub fn format(&self, series: Series) -> &str {
        self.formats
            .get(series.setting_key())
            .map(String::as_str)
            .unwrap_or(series.default_format())
    }
}

/// Checks a value for a setting before it is stored.
pub fn validate(key: &str, value: &str) -> Checked<()> {
    let Some(s) = spec(key) else {
        return Err(Refusal::field(
            "设置项",
            format!("没有「{key}」这一项，可用：{}", keys().join("、")),
        ));
    };
    super::text::check_text(s.label, value, super::text::LIST_MAX)?;
    let v = value.trim();
    let int = |lo: i64, hi: i64| -> Checked<()> {
        match v.parse::<i64>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(()),
            _ => Err(Refusal::field(
                s.label,
                format!("应为 {lo} 到 {hi} 之间的整数"),
            )),
        }
    };
    match key {
        "unit_name" => {
            if v.is_empty() {
                Err(Refusal::field(s.label, "不能为空"))
            } else {
                Ok(())
            }
        }
        "highest_level" => match Level::parse(v) {
            Some(l) if l.is_state_secret() => Ok(()),
            _ => Err(Refusal::field(s.label, "应为 绝密、机密 或 秘密")),
        },
        "idle_lock_minutes" => match v.parse::<i64>() {
            Ok(n) if (1..=5).contains(&n) => Ok(()),
            Ok(n) if n > 5 => Err(Refusal::rule("R-SYS-2", "空闲锁屏不得超过5分钟")),
            _ => Err(Refusal::field(s.label, "应为 1 到 5 之间的整数")),
        },
        "lock_minutes" => int(1, 24 * 60),
        "alarm_days" => int(0, 90),
        "declass_days" => int(1, 365),
        "approval_valid_days" => int(1, 365),
        "extension_max_years" => int(0, 5),
        "training_warn_month" => int(1, 12),
        "receipt_check_days" => int(1, 90),
        "open_item_days" => int(1, 365),
        "medium_check_months" => int(1, 12),
        "backup_days" => int(1, 366),
        "mailbox_password_days" => int(1, 366),
        // Every series' format (R-PAP-4 and the registers numbered alike).
        k if Series::ALL.iter().any(|s| s.setting_key() == k) => numbering::check_format(v),
        "label_layout" => match LabelLayout::parse(v) {
            Some(_) => Ok(()),
            None => Err(Refusal::field(s.label, "应为 A4 多标签 或 单张标签")),
        },
        _ => Ok(()),
    }
}

pub fn keys() -> Vec<&'static str> {
    SPECS.iter().map(|s| s.key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // R-SYS-2: the idle lock is never above five minutes.
    #[test]
    fn r_sys_2_idle_lock_capped_at_five() {
        assert!(validate("idle_lock_minutes", "5").is_ok());
        assert_eq!(
            validate("idle_lock_minutes", "10").unwrap_err().rule_id(),
            Some("R-SYS-2")
        );
        let s = Settings::from_pairs([("idle_lock_minutes", "30")]);
        assert_eq!(s.idle_lock_minutes, 5);
    }

    #[test]
    fn defaults_and_overrides() {
        let s = Settings::from_pairs([("unit_name", "江门市某局"), ("highest_level", "机密")]);
        assert_eq!(s.unit_name, "江门市某局");
        assert_eq!(s.highest_level, Level::Secret);
        assert_eq!(s.format(Series::Receipt), "{年}-收-{序号:04}");
        assert_eq!(s.reading_rooms, ["保密室", "阅文室"]);
        assert!(validate("receipt_format", "收文").is_err());
        assert!(validate("nope", "1").is_err());
    }

    // R-MED-1: the label paper is a setting; both names and their short forms are read, anything
    // else refused, and a stored value that no longer reads falls back to the A4 sheet.
    #[test]
    fn r_med_1_label_layout_setting() {
        assert_eq!(Settings::default().label_layout, LabelLayout::A4Sheet);
        let s = Settings::from_pairs([("label_layout", "单张标签")]);
        assert_eq!(s.label_layout, LabelLayout::Single);
        for (typed, want) in [
            ("A4 多标签", LabelLayout::A4Sheet),
            ("Ａ４多标签", LabelLayout::A4Sheet),
            ("a4", LabelLayout::A4Sheet),
            (" 单张 ", LabelLayout::Single),
            ("single", LabelLayout::Single),
        ] {
            assert_eq!(LabelLayout::parse(typed), Some(want), "{typed}");
            assert!(validate("label_layout", typed).is_ok(), "{typed}");
        }
        for l in [LabelLayout::A4Sheet, LabelLayout::Single] {
            assert_eq!(LabelLayout::parse(l.name()), Some(l));
        }
        let e = validate("label_layout", "A5").unwrap_err().to_string();
        assert!(e.contains("标签纸") && e.contains("单张标签"), "{e}");
        let s = Settings::from_pairs([("label_layout", "A5")]);
        assert_eq!(s.label_layout, LabelLayout::A4Sheet);
    }

    // R-PAP-4: every series has its format in the settings, defaulting to the series' own, changed
    // and validated like the paper series (a format without {序号} would repeat numbers).
    #[test]
    fn r_pap_4_every_series_has_a_format_setting() {
        for series in Series::ALL {
            let key = series.setting_key();
            let spec = spec(key).unwrap_or_else(|| panic!("{key} is not a setting"));
            assert_eq!(spec.default, series.default_format(), "{key}");
            assert_eq!(Settings::default().format(series), series.default_format());
            assert!(validate(key, "{年}-X-{序号:02}").is_ok(), "{key}");
            let e = validate(key, "{年}-X").unwrap_err().to_string();
            assert!(e.contains("{序号}"), "{key}: {e}");
            let s = Settings::from_pairs([(key, "{年}-X-{序号:02}")]);
            assert_eq!(s.format(series), "{年}-X-{序号:02}");
        }
        let s = Settings::from_pairs([("review_format", "{年}-X")]);
        assert_eq!(s.format(Series::Review), Series::Review.default_format());
    }
}
