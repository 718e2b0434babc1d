//! 保密柜 (the seed's 一(六) 保存): the registered cabinets papers are kept in, and the rule of
//! where a paper may go (R-PAP-10): classified papers in a certified secrecy cabinet, 绝密 in a
//! cabinet of its own apart from the rest, the location of each paper a registered cabinet.

use chrono::NaiveDate;
use serde::Serialize;

use super::error::{Checked, Refusal};
use super::level::Level;
use super::text::{NOTE_MAX, TEXT_MAX, check_text, to_half_width};

/// A cabinet as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cabinet {
    /// 0 for a location the ledger used before cabinets were registered, not yet adopted.
    pub id: i64,
    /// 编号 or name: what a paper's location says (`1号保密柜`).
    pub no: String,
    /// The room it stands in.
    pub room: String,
    /// A certified secrecy cabinet (保密柜); `None` while not yet confirmed (a location taken over
    /// from the free-text ledger).
    pub certified: Option<bool>,
    /// Kept for 绝密 only (R-PAP-10: 绝密 apart from the rest).
    pub top_secret: bool,
    pub note: String,
    /// `None` for a location not yet adopted as a registered row.
    pub registered_on: Option<NaiveDate>,
}

impl Cabinet {
    /// 保密柜, 普通柜 or 待确认.
    pub fn kind_name(&self) -> &'static str {
        match self.certified {
            Some(true) => "保密柜",
            Some(false) => "普通柜",
            None => "待确认",
        }
    }

    /// What may be stored in it, in words.
    pub fn use_name(&self) -> &'static str {
        if self.top_secret {
            "绝密专用"
        } else {
            "绝密以外"
        }
    }
}

/// A cabinet as typed into the CLI or a form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CabinetForm {
    pub no: String,
    pub room: String,
    pub certified: bool,
    pub top_secret: bool,
    pub note: String,
}

/// The number typed in any width, trimmed: how cabinets are compared.
pub fn key(no: &str) -> String {
    to_half_width(no.trim())
}

/// R-PAP-10: a cabinet has a number and says whether it is a secrecy cabinet; a 绝密 cabinet is a
/// certified secrecy cabinet.
pub fn check_form(f: &CabinetForm) -> Checked<()> {
    check_text("保密柜编号", &f.no, TEXT_MAX)?;
    check_text("所在房间", &f.room, TEXT_MAX)?;
    check_text("备注", &f.note, NOTE_MAX)?;
    if f.no.trim().is_empty() {
        return Err(Refusal::rule(
            "R-PAP-10",
            "登记保密柜须写明编号或名称（如 1号保密柜）",
        ));
    }
    if f.top_secret && !f.certified {
        return Err(Refusal::rule(
            "R-PAP-10",
            "绝密专用柜须为经认证的保密柜，不能是普通柜",
        ));
    }
    Ok(())
}

/// R-PAP-10: may a paper of `level` be kept in `cabinet`?
pub fn check_store(level: Level, cabinet: &Cabinet) -> Checked<()> {
    if level == Level::TopSecret && !cabinet.top_secret {
        return Err(Refusal::rule(
            "R-PAP-10",
            format!(
                "绝密件须单独存放在绝密专用保密柜，「{}」不是绝密专用柜",
                cabinet.no
            ),
        ));
    }
    if level != Level::TopSecret && cabinet.top_secret {
        return Err(Refusal::rule(
            "R-PAP-10",
            format!(
                "「{}」是绝密专用柜，绝密件与其他密件分开存放，不能放入{level}件",
                cabinet.no
            ),
        ));
    }
    if level.is_state_secret() && cabinet.certified == Some(false) {
        return Err(Refusal::rule(
            "R-PAP-10",
            format!(
                "「{}」是普通柜，{level}件须存放在经认证的保密柜",
                cabinet.no
            ),
        ));
    }
    Ok(())
}

/// A location as typed: bounded and free of control characters.
pub fn check_text_only(location: &str) -> Checked<()> {
    check_text("存放位置", location, TEXT_MAX)
}

/// Names for a message, at most a screenful.
fn names(cabinets: &[&Cabinet]) -> String {
    const SHOWN: usize = 12;
    let mut s = cabinets
        .iter()
        .take(SHOWN)
        .map(|c| c.no.as_str())
        .collect::<Vec<_>>()
        .join("、");
    if cabinets.len() > SHOWN {
        s.push_str(&format!(" 等{}个", cabinets.len()));
    }
    s
}

/// R-PAP-10: the cabinet a paper of `level` goes into when the officer names `location`. An
/// empty location means the first registered cabinet that fits the level (the register's order:
/// the officer's main cabinet first), and the paper's page says which; an unknown one is refused
/// with the registered cabinets that would do named.
pub fn choose<'a>(location: &str, level: Level, cabinets: &'a [Cabinet]) -> Checked<&'a Cabinet> {
    check_text("存放位置", location, TEXT_MAX)?;
    let fits: Vec<&Cabinet> = cabinets
        .iter()
        .filter(|c| check_store(level, c).is_ok())
        .collect();
    let wanted = key(location);
    if wanted.is_empty() {
        return match fits.as_slice() {
            [first, ..] => Ok(first),
            [] if cabinets.is_empty() => Err(Refusal::rule(
                "R-PAP-10",
                "尚未登记保密柜：请先用 baomi cabinet add 登记，再写明存放位置",
            )),
            [] => Err(Refusal::rule(
                "R-PAP-10",
                format!(
                    "没有可存放{level}件的已登记保密柜{}（已登记：{}）",
                    if level == Level::TopSecret {
                        "（绝密须单独存放在绝密专用柜）"
                    } else {
                        ""
                    },
                    names(&cabinets.iter().collect::<Vec<_>>())
                ),
            )),
        };
    }
    let Some(found) = cabinets.iter().find(|c| key(&c.no) == wanted) else {
        return Err(Refusal::rule(
            "R-PAP-10",
            if cabinets.is_empty() {
                format!(
                    "「{}」不是已登记的保密柜：尚未登记任何保密柜，请先用 baomi cabinet add 登记",
                    location.trim()
                )
            } else {
                format!(
                    "「{}」不是已登记的保密柜（可存放{level}件的：{}）",
                    location.trim(),
                    if fits.is_empty() {
                        "无".to_string()
                    } else {
                        names(&fits)
                    }
                )
            },
        ));
    };
    check_store(level, found)?;
    Ok(found)
}

/// R-PAP-10: changing what a cabinet is may not leave a paper it holds where the rule forbids;
/// `held` are the levels of the papers kept there.
pub fn check_change(changed: &Cabinet, held: &[Level]) -> Checked<()> {
    for level in held {
        check_store(*level, changed).map_err(|e| match e {
            Refusal::Rule { id, message } => Refusal::Rule {
                id,
                message: format!("该柜现存{level}件，不能这样修改：{message}"),
            },
            other => other,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cab(no: &str, certified: Option<bool>, top_secret: bool) -> Cabinet {
        Cabinet {
            id: 1,
            no: no.into(),
            room: "301".into(),
            certified,
            top_secret,
            note: String::new(),
            registered_on: None,
        }
    }

    // R-PAP-10: 绝密 only in a 绝密 cabinet, the rest never there, state secrets never in an
    // ordinary cabinet; a cabinet not yet confirmed keeps what the old ledger put in it.
    #[test]
    fn r_pap_10_what_goes_where() {
        let ts = cab("绝密柜", Some(true), true);
        let one = cab("1号保密柜", Some(true), false);
        let plain = cab("资料柜", Some(false), false);
        let unsure = cab("2号柜", None, false);
        assert!(check_store(Level::TopSecret, &ts).is_ok());
        assert_eq!(
            check_store(Level::TopSecret, &one).unwrap_err().rule_id(),
            Some("R-PAP-10")
        );
        assert_eq!(
            check_store(Level::Secret, &ts).unwrap_err().rule_id(),
            Some("R-PAP-10")
        );
        assert!(check_store(Level::Secret, &one).is_ok());
        assert!(check_store(Level::Secret, &plain).is_err());
        assert!(check_store(Level::Internal, &plain).is_ok());
        assert!(check_store(Level::Confidential, &unsure).is_ok());
    }

    // R-PAP-10: an unknown location is refused naming the cabinets that would do; an empty one
    // takes the first cabinet that fits.
    #[test]
    fn r_pap_10_choose_names_the_registered() {
        let all = vec![
            cab("绝密柜", Some(true), true),
            cab("1号保密柜", Some(true), false),
            cab("2号保密柜", Some(true), false),
        ];
        let e = choose("3号柜", Level::Secret, &all).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-PAP-10"));
        assert!(e.to_string().contains("1号保密柜、2号保密柜"), "{e}");
        assert_eq!(choose("", Level::TopSecret, &all).unwrap().no, "绝密柜");
        assert_eq!(choose("", Level::Secret, &all).unwrap().no, "1号保密柜");
        assert_eq!(
            choose(" １号保密柜 ", Level::Secret, &all).unwrap().no,
            "1号保密柜"
        );
        assert!(choose("", Level::Secret, &[]).is_err());
    }

    // R-PAP-10: a 绝密 cabinet is a certified secrecy cabinet.
    #[test]
    fn r_pap_10_top_secret_cabinet_is_certified() {
        let f = CabinetForm {
            no: "绝密柜".into(),
            top_secret: true,
            ..CabinetForm::default()
        };
        assert_eq!(check_form(&f).unwrap_err().rule_id(), Some("R-PAP-10"));
        assert!(
            check_form(&CabinetForm {
                certified: true,
                ..f
            })
            .is_ok()
        );
    }
}
