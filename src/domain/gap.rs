//! R-PAP-3 gaps (待补登记). Importing history is not receiving: an older ledger often lacks a
//! column the receive register must have (a real template's 本年度收到密件情况 has no 来文单位),
//! and refusing every row would keep the officer's past out of the ledger. Such a row is imported
//! with the blank field marked 待补; the paper is on the due list until the officer completes it.
//! Rows that are wrong (a bad date, an unknown level, a duplicate number) are still refused.

use super::error::{Checked, Refusal};
use super::paper::{Receipt, ReceiveForm};
use super::text::{TEXT_MAX, check_text};

/// What a missing field holds in the ledger until it is completed.
pub const MARK: &str = "待补";

/// Days after the import by which a gap should be completed: the seed gives no deadline, and
/// DESIGN.md puts such items 7 days after they arise.
pub const DUE_DAYS: i64 = 7;

/// A field of the receive register that R-PAP-3 asks for and an import may lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GapField {
    Originator,
}

impl GapField {
    pub const ALL: [GapField; 1] = [GapField::Originator];

    pub fn code(self) -> &'static str {
        match self {
            GapField::Originator => "originator",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            GapField::Originator => "来文单位",
        }
    }

    /// The CLI flag that completes it.
    pub fn flag(self) -> &'static str {
        match self {
            GapField::Originator => "--from",
        }
    }

    pub fn from_code(s: &str) -> Option<GapField> {
        GapField::ALL.into_iter().find(|f| f.code() == s)
    }
}

/// Names of fields, joined for a message: `来文单位、文号`.
pub fn names(fields: &[GapField]) -> String {
    fields
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join("、")
}

/// Marks each blank gap field of an imported row 待补 and returns those fields. A field already
/// written 待补 (an exported ledger read back) is a gap too.
pub fn mark(form: &mut ReceiveForm) -> Vec<GapField> {
    let mut gaps = Vec::new();
    for f in GapField::ALL {
        let value = match f {
            GapField::Originator => &mut form.originator,
        };
        let v = value.trim();
        if v.is_empty() || v == MARK {
            *value = MARK.to_string();
            gaps.push(f);
        }
    }
    gaps
}

/// The fields of a checked receipt that are marked 待补.
pub fn of(r: &Receipt) -> Vec<GapField> {
    GapField::ALL
        .into_iter()
        .filter(|f| match f {
            GapField::Originator => r.originator == MARK,
        })
        .collect()
}

/// R-PAP-3: the value an officer completes a gap with is filled in, sane, and not the mark.
pub fn check_fill(field: GapField, value: &str) -> Checked<String> {
    check_text(field.name(), value, TEXT_MAX)?;
    let v = value.trim();
    if v.is_empty() || v == MARK {
        return Err(Refusal::rule(
            "R-PAP-3",
            format!("补登须填写{}（收文登记簿的每一栏都要填写）", field.name()),
        ));
    }
    Ok(v.to_string())
}

/// R-PAP-3: only a field that is still 待补 is completed; what was registered is not changed.
pub fn check_open(no: &str, field: GapField, open: bool) -> Checked<()> {
    if open {
        Ok(())
    } else {
        Err(Refusal::rule(
            "R-PAP-3",
            format!(
                "{no} 的{}不是待补项，不能补登（已登记的内容不可更改）",
                field.name()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // R-PAP-3: a history row without 来文单位 is marked, not refused; 待补 read back stays a gap.
    #[test]
    fn r_pap_3_blank_originator_is_marked() {
        let mut form = ReceiveForm {
            title: "某文件".into(),
            ..ReceiveForm::default()
        };
        assert_eq!(mark(&mut form), vec![GapField::Originator]);
        assert_eq!(form.originator, MARK);
        let mut form = ReceiveForm {
            originator: " 待补 ".into(),
            ..ReceiveForm::default()
        };
        assert_eq!(mark(&mut form), vec![GapField::Originator]);
        let mut form = ReceiveForm {
            originator: "市委办".into(),
            ..ReceiveForm::default()
        };
        assert!(mark(&mut form).is_empty());
        assert_eq!(form.originator, "市委办");
    }

    // R-PAP-3: a completion names the value and only fills what is open.
    #[test]
    fn r_pap_3_completion_checks() {
        let e = check_fill(GapField::Originator, " ").unwrap_err();
        assert_eq!(e.rule_id(), Some("R-PAP-3"));
        assert!(check_fill(GapField::Originator, MARK).is_err());
        assert!(check_fill(GapField::Originator, "市\u{1b}委").is_err());
        assert_eq!(
            check_fill(GapField::Originator, " 市委办 ").unwrap(),
            "市委办"
        );
        let e = check_open("2025-收-0001", GapField::Originator, false).unwrap_err();
        assert!(e.to_string().contains("不是待补项"), "{e}");
    }
}
