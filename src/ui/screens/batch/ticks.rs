//! Ticks kept as exceptions to "all" or "none" — for every cabinet at once, or cabinet by cabinet
//! on the count screens — so that ticking all of a hundred thousand papers costs nothing.

use std::collections::BTreeMap;

use crate::domain::paper::Paper;
use crate::store::StoreError;
use crate::store::papers::{self, Filter};
use crate::store::stocktake;

/// Which held papers are chosen: all but the exceptions, or only the exceptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Only(Vec<String>),
    AllBut(Vec<String>),
}

impl Selection {
    /// The numbers chosen, in ledger order, read from the store for "all but".
    pub fn resolve(&self, conn: &rusqlite::Connection) -> Result<Vec<String>, StoreError> {
        match self {
            Selection::Only(nos) => Ok(nos.clone()),
            Selection::AllBut(except) => {
                let mut out = Vec::new();
                papers::all(conn, &Filter::held(), |p| {
                    if !except.contains(&p.no) {
                        out.push(p.no);
                    }
                    Ok(())
                })?;
                Ok(out)
            }
        }
    }
}

/// A paper ticked against its cabinet's default: its number and cabinet.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Except {
    no: String,
    cabinet: String,
}

/// The ticks: a default for all, a default per cabinet that overrides it, and the papers ticked
/// against their default.
#[derive(Debug, Clone, Default)]
pub struct Ticks {
    all: bool,
    cabinets: BTreeMap<String, bool>,
    except: BTreeMap<i64, Except>,
}

impl Ticks {
    fn base(&self, cabinet: &str) -> bool {
        self.cabinets.get(cabinet).copied().unwrap_or(self.all)
    }

    fn ticked(&self, id: i64, cabinet: &str) -> bool {
        self.base(cabinet) != self.except.contains_key(&id)
    }

    pub fn is(&self, p: &Paper) -> bool {
        self.ticked(p.id, &p.location)
    }

    pub fn toggle(&mut self, p: &Paper) {
        self.flip(p.id, &p.no, &p.location);
    }

    fn flip(&mut self, id: i64, no: &str, cabinet: &str) {
        if self.except.remove(&id).is_none() {
            self.except.insert(
                id,
                Except {
                    no: no.to_string(),
                    cabinet: cabinet.to_string(),
                },
            );
        }
    }

    /// Ticks (or unticks) every paper, or every paper of one cabinet.
    pub fn set(&mut self, on: bool, cabinet: Option<&str>) {
        match cabinet {
            None => {
                self.all = on;
                self.cabinets.clear();
                self.except.clear();
            }
            Some(c) => {
                self.cabinets.insert(c.to_string(), on);
                self.except.retain(|_, e| e.cabinet != c);
            }
        }
    }

    /// Anything ticked: leaving would throw it away.
    pub fn any(&self) -> bool {
        self.all || self.cabinets.values().any(|b| *b) || !self.except.is_empty()
    }

    /// How many are ticked among `total` papers, which `cabinets` counts cabinet by cabinet (needed
    /// once a cabinet has a default of its own).
    pub fn count(&self, total: i64, cabinets: &[(String, i64)]) -> i64 {
        if self.cabinets.is_empty() {
            let n = self.except.len() as i64;
            return if self.all { total - n } else { n };
        }
        let by_default: i64 = cabinets
            .iter()
            .filter(|(c, _)| self.base(c))
            .map(|(_, n)| *n)
            .sum();
        self.except.values().fold(by_default, |n, e| {
            if self.base(&e.cabinet) { n - 1 } else { n + 1 }
        })
    }

    /// The choice among the held papers (the ledger's batches, which tick without cabinets).
    pub fn selection(&self) -> Selection {
        let nos = self.except.values().map(|e| e.no.clone()).collect();
        if self.all {
            Selection::AllBut(nos)
        } else {
            Selection::Only(nos)
        }
    }

    /// The papers in their cabinets not ticked: what a count records as not found.
    pub fn missing(&self, conn: &rusqlite::Connection) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        stocktake::cabinet_keys(conn, |id, no, cabinet| {
            if !self.ticked(id, &cabinet) {
                out.push(no);
            }
        })?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cabinet_by_cabinet() {
        let cabinets = vec![("1号柜".to_string(), 3), ("2号柜".to_string(), 2)];
        let mut t = Ticks::default();
        assert!(!t.any());
        t.set(true, Some("1号柜"));
        assert_eq!(t.count(5, &cabinets), 3);
        t.flip(1, "a", "1号柜");
        t.flip(4, "b", "2号柜");
        assert_eq!(t.count(5, &cabinets), 3);
        assert!(!t.ticked(1, "1号柜") && t.ticked(2, "1号柜"));
        assert!(t.ticked(4, "2号柜") && !t.ticked(5, "2号柜"));
        t.set(true, None);
        assert_eq!(t.count(5, &cabinets), 5);
        t.set(false, Some("2号柜"));
        assert_eq!(t.count(5, &cabinets), 3);
        t.set(false, None);
        assert!(!t.any());
    }
}
