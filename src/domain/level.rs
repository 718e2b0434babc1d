//! Classification: the level (密级), the secrecy period (保密期限) and the printed mark (标志).
//! R-CLS-1, R-CLS-2.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

use super::dates;
use super::error::{Checked, Refusal};

/// 密级, in its order: 绝密 > 机密 > 秘密 > 内部 > 非密 (R-CLS-1). `Ord` follows that order, so the
/// highest of several is their `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Public,
    Internal,
    Confidential,
    Secret,
    TopSecret,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::TopSecret,
        Level::Secret,
        Level::Confidential,
        Level::Internal,
        Level::Public,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Level::TopSecret => "绝密",
            Level::Secret => "机密",
            Level::Confidential => "秘密",
            Level::Internal => "内部",
            Level::Public => "非密",
        }
    }

    /// The number stored in the database; larger is higher.
    pub fn code(self) -> i64 {
        match self {
            Level::Public => 0,
            Level::Internal => 1,
            Level::Confidential => 2,
            Level::Secret => 3,
            Level::TopSecret => 4,
        }
    }

    pub fn from_code(code: i64) -> Option<Level> {
        Some(match code {
            0 => Level::Public,
            1 => Level::Internal,
            2 => Level::Confidential,
            3 => Level::Secret,
            4 => Level::TopSecret,
            _ => return None,
        })
    }

    /// Reads a level as written on a form or in a spreadsheet (`机密`, `机密级`, `工作秘密`).
    pub fn parse(input: &str) -> Option<Level> {
        let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.trim_end_matches('级');
        Some(match s {
            "绝密" => Level::TopSecret,
            "机密" => Level::Secret,
            "秘密" => Level::Confidential,
            "内部" | "工作秘密" | "内部资料" => Level::Internal,
            "非密" | "公开" | "无" => Level::Public,
            _ => return None,
        })
    }

    pub fn parse_field(field: &str, input: &str) -> Checked<Level> {
        if input.trim().is_empty() {
            return Err(Refusal::field(
                field,
                "不能为空，请选择 绝密、机密、秘密、内部 或 非密",
            ));
        }
        Level::parse(input).ok_or_else(|| {
            Refusal::field(
                field,
                format!(
                    "「{}」不是密级，请写 绝密、机密、秘密、内部 或 非密",
                    input.trim()
                ),
            )
        })
    }

    /// 绝密, 机密 and 秘密 are state secrets; the other two are recorded but not classified.
    pub fn is_state_secret(self) -> bool {
        self >= Level::Confidential
    }

    /// The default secrecy period when the classifier gives none (R-CLS-2).
    pub fn default_period(self) -> Option<Period> {
        match self {
            Level::TopSecret => Some(Period::Years(30)),
            Level::Secret => Some(Period::Years(20)),
            Level::Confidential => Some(Period::Years(10)),
            Level::Internal | Level::Public => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// 保密期限: a number of years from the date it was set, a fixed end date, or 长期 (R-CLS-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Years(u16),
    Until(NaiveDate),
    Long,
}

impl Period {
    /// Reads `10年`, `10`, `长期`, or a date.
    pub fn parse(input: &str) -> Option<Period> {
        let s = super::text::to_half_width(input.trim());
        if s == "长期" {
            return Some(Period::Long);
        }
        let years = s.trim_end_matches('年');
        if !years.is_empty() && years.bytes().all(|b| b.is_ascii_digit()) {
            return match years.parse::<u16>() {
                Ok(n) if (1..=100).contains(&n) => Some(Period::Years(n)),
                _ => None,
            };
        }
        dates::parse(&s).map(Period::Until)
    }

    /// Reads a period typed or imported: as `parse`, and an end date within 1949–2100.
    pub fn parse_field(field: &str, input: &str) -> Checked<Period> {
        let p = Period::parse(input).ok_or_else(|| {
            Refusal::field(
                field,
                format!(
                    "「{}」不是保密期限，请写 10年、长期 或到期日期 2036-12-31",
                    super::text::for_terminal(input.trim())
                ),
            )
        })?;
        if let Period::Until(d) = p {
            dates::check_bounds(field, d)?;
        }
        Ok(p)
    }

    /// The day the secret ends, counted from `start` (the date the period was set). `None` for 长期.
    pub fn end_from(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Years(n) => Some(
                start
                    .with_year(start.year() + i32::from(n))
                    .or_else(|| dates::ymd(start.year() + i32::from(n), 3, 1).pred_opt())
                    .unwrap_or(start),
            ),
            Period::Until(d) => Some(d),
            Period::Long => None,
        }
    }

    /// The longer of two periods, both counted from `start` (R-CLS-5).
    pub fn longest(self, other: Period, start: NaiveDate) -> Period {
        match (self.end_from(start), other.end_from(start)) {
            (None, _) => self,
            (_, None) => other,
            (Some(a), Some(b)) => {
                if b > a {
                    other
                } else {
                    self
                }
            }
        }
    }

    /// The stored text, read back by `parse`: `10年`, `长期`, `2036-12-31`.
    pub fn stored(self) -> String {
        match self {
            Period::Years(n) => format!("{n}年"),
            Period::Until(d) => dates::iso(d),
            Period::Long => "长期".to_string(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Years(n) => write!(f, "{n}年"),
            Period::Until(d) => f.write_str(&dates::zh(*d)),
            Period::Long => f.write_str("长期"),
        }
    }
}

/// 标志: the level and period as printed on the carrier, `机密★10年`. Below 秘密 there is no period
/// and no star.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub level: Level,
    pub period: Option<Period>,
}

impl Mark {
    pub fn new(level: Level, period: Option<Period>) -> Mark {
        Mark { level, period }
    }
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.level.is_state_secret(), self.period) {
            (true, Some(p)) => write!(f, "{}★{}", self.level, p),
            _ => write!(f, "{}", self.level),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // R-CLS-1: 绝密 > 机密 > 秘密 > 内部 > 非密.
    #[test]
    fn r_cls_1_levels_are_ordered() {
        assert!(Level::TopSecret > Level::Secret);
        assert!(Level::Secret > Level::Confidential);
        assert!(Level::Confidential > Level::Internal);
        assert!(Level::Internal > Level::Public);
        assert_eq!(
            [Level::Confidential, Level::TopSecret, Level::Secret]
                .into_iter()
                .max(),
            Some(Level::TopSecret)
        );
        for l in Level::ALL {
            assert_eq!(Level::from_code(l.code()), Some(l));
            assert_eq!(Level::parse(l.name()), Some(l));
        }
        assert_eq!(Level::parse("机密级"), Some(Level::Secret));
        assert_eq!(Level::parse("机蜜"), None);
    }

    // R-CLS-2: default periods and the standard mark.
    #[test]
    fn r_cls_2_marks_and_default_periods() {
        let m = Mark::new(Level::Secret, Level::Secret.default_period());
        assert_eq!(m.to_string(), "机密★20年");
        assert_eq!(
            Mark::new(Level::TopSecret, Level::TopSecret.default_period()).to_string(),
            "绝密★30年"
        );
        assert_eq!(
            Mark::new(Level::Confidential, Some(Period::Long)).to_string(),
            "秘密★长期"
        );
        assert_eq!(
            Mark::new(Level::Secret, Some(Period::Until(dates::ymd(2036, 12, 31)))).to_string(),
            "机密★2036年12月31日"
        );
        assert_eq!(Mark::new(Level::Internal, None).to_string(), "内部");
    }

    #[test]
    fn periods_parse_and_compare() {
        assert_eq!(Period::parse("10年"), Some(Period::Years(10)));
        assert_eq!(Period::parse("１０"), Some(Period::Years(10)));
        assert_eq!(Period::parse("长期"), Some(Period::Long));
        assert_eq!(
            Period::parse("2036-12-31"),
            Some(Period::Until(dates::ymd(2036, 12, 31)))
        );
        assert_eq!(Period::parse("0年"), None);
        assert_eq!(Period::parse("很久"), None);
        let start = dates::ymd(2026, 1, 1);
        assert_eq!(
            Period::Years(10).longest(Period::Years(20), start),
            Period::Years(20)
        );
        assert_eq!(Period::Years(10).longest(Period::Long, start), Period::Long);
        assert_eq!(
            Period::Until(dates::ymd(2060, 1, 1)).longest(Period::Years(20), start),
            Period::Until(dates::ymd(2060, 1, 1))
        );
        assert_eq!(
            Period::Years(1).end_from(dates::ymd(2024, 2, 29)),
            Some(dates::ymd(2025, 2, 28))
        );
        for p in [Period::Years(10), Period::Long, Period::Until(start)] {
            assert_eq!(Period::parse(&p.stored()), Some(p));
        }
    }
}
