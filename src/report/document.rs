//! The Document model every printout is built from.

use chrono::NaiveDate;

use crate::domain::dates;
use crate::domain::level::Level;

/// A row: a group heading (the due list groups by rule) or cells with the level of what they show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocRow {
    Group(String),
    Cells {
        level: Option<Level>,
        cells: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub unit: String,
    pub as_of: NaiveDate,
    pub printed_by: String,
    pub columns: Vec<String>,
    /// Relative widths of the columns for paged output; equal when empty.
    pub widths: Vec<u16>,
    pub rows: Vec<DocRow>,
    pub notes: Vec<String>,
    pub signatures: Vec<String>,
    /// The audit log's head (count and hash) at printing time: a printout is a copy of it outside
    /// the database (R-SYS-3).
    pub audit_head: Option<(i64, String)>,
}

impl Document {
    pub fn new(title: impl Into<String>, unit: impl Into<String>, as_of: NaiveDate) -> Document {
        Document {
            title: title.into(),
            unit: unit.into(),
            as_of,
            printed_by: String::new(),
            columns: Vec::new(),
            widths: Vec::new(),
            rows: Vec::new(),
            notes: Vec::new(),
            signatures: Vec::new(),
            audit_head: None,
        }
    }

    /// R-CLS-6: the highest level among the rows. `None` when no row carries a level.
    pub fn marking(&self) -> Option<Level> {
        self.rows
            .iter()
            .filter_map(|r| match r {
                DocRow::Cells { level, .. } => *level,
                DocRow::Group(_) => None,
            })
            .max()
    }

    /// The marking as printed at the top and bottom of each page.
    pub fn marking_text(&self) -> String {
        match self.marking() {
            Some(l) if l.is_state_secret() => l.name().to_string(),
            Some(l) => l.name().to_string(),
            None => "非密".to_string(),
        }
    }

    /// The line under the title: unit, as-of date, who printed it.
    pub fn subtitle(&self) -> String {
        let mut parts = Vec::new();
        if !self.unit.is_empty() {
            parts.push(format!("单位：{}", self.unit));
        }
        parts.push(format!("截至：{}", dates::zh(self.as_of)));
        if !self.printed_by.is_empty() {
            parts.push(format!("打印人：{}", self.printed_by));
        }
        parts.join("　")
    }

    pub fn head_line(&self) -> Option<String> {
        self.audit_head.as_ref().map(|(n, h)| {
            format!(
                "审计记录 {n} 条，末条哈希 {}",
                h.get(..16).unwrap_or(h.as_str())
            )
        })
    }

    /// Splits the rows into pages of at most `per_page` rows. A group heading never ends a page.
    pub fn pages(&self, per_page: usize) -> Vec<&[DocRow]> {
        let per_page = per_page.max(2);
        let mut pages = Vec::new();
        let mut start = 0;
        while start < self.rows.len() {
            let mut end = (start + per_page).min(self.rows.len());
            if end < self.rows.len()
                && end > start + 1
                && matches!(self.rows[end - 1], DocRow::Group(_))
            {
                end -= 1;
            }
            pages.push(&self.rows[start..end]);
            start = end;
        }
        if pages.is_empty() {
            pages.push(&self.rows[..]);
        }
        pages
    }
}

/// 第 x 页 共 y 页
pub fn page_label(page: usize, pages: usize) -> String {
    format!("第 {page} 页 共 {pages} 页")
}

#[cfg(test)]
mod tests {
    use super::*;

    // R-CLS-6: the marking is the highest level shown.
    #[test]
    fn r_cls_6_marking_is_highest_level() {
        let mut d = Document::new("台帐", "某局", dates::ymd(2026, 4, 1));
        d.rows.push(DocRow::Cells {
            level: Some(Level::Confidential),
            cells: vec![],
        });
        d.rows.push(DocRow::Cells {
            level: Some(Level::Secret),
            cells: vec![],
        });
        d.rows.push(DocRow::Group("x".into()));
        assert_eq!(d.marking(), Some(Level::Secret));
        assert_eq!(d.marking_text(), "机密");
        assert_eq!(page_label(1, 3), "第 1 页 共 3 页");
    }

    #[test]
    fn pages_never_end_on_a_heading() {
        let mut d = Document::new("t", "", dates::ymd(2026, 4, 1));
        for i in 0..5 {
            if i == 2 {
                d.rows.push(DocRow::Group("g".into()));
            }
            d.rows.push(DocRow::Cells {
                level: None,
                cells: vec![i.to_string()],
            });
        }
        let pages = d.pages(3);
        assert!(
            pages
                .iter()
                .all(|p| !matches!(p.last(), Some(DocRow::Group(_))))
        );
        assert_eq!(pages.iter().map(|p| p.len()).sum::<usize>(), 6);
    }
}
