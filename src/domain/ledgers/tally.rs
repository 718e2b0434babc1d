//! A periodic check counted by scanning (清查核对, R-MED-6, R-CMP-9, R-DEV-4): the records the
//! ledger says the unit holds, against the numbers the officer scans or types. Pure: the screen
//! ticks with it as numbers come, and the store counts again with it inside the check's one
//! transaction, so that what is recorded is what the database holds at that moment.

use std::collections::BTreeSet;

use super::record::Record;
use crate::domain::error::{Checked, Refusal};
use crate::domain::numbering;

/// What one scanned or typed number did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// On the list, counted now.
    Counted,
    /// On the list, counted before: reading a label twice changes nothing.
    Again,
    /// Not on the list, with why (not in the ledger, lost, destroyed …).
    Unexpected(String),
}

/// A number seen that is not on the list, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stray {
    pub no: String,
    pub why: String,
}

/// The list expected and what has been seen of it.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// The records held, in ledger order.
    expected: Vec<Record>,
    seen: BTreeSet<String>,
    /// Numbers seen that are not on the list, in the order seen.
    strays: Vec<Stray>,
}

impl Tally {
    /// The list: every record the unit holds (`held`) of the ledger.
    pub fn new(held: Vec<Record>) -> Tally {
        let expected = held.into_iter().filter(Record::held).collect();
        Tally {
            expected,
            ..Tally::default()
        }
    }

    /// A number read; `found` is the record of that number in the ledger, if any.
    pub fn see(&mut self, no: &str, found: Option<&Record>) -> Seen {
        let no = no.trim();
        if let Some(r) = self
            .expected
            .iter()
            .find(|r| r.no == no || found.is_some_and(|f| f.id == r.id))
        {
            return if self.seen.insert(r.no.clone()) {
                Seen::Counted
            } else {
                Seen::Again
            };
        }
        let why = match found {
            // Short: the screen shows it in a column of the list.
            None => "台帐中无此编号".to_string(),
            Some(r) => format!("当前{}", r.state_label()),
        };
        let no = found.map_or_else(|| no.to_string(), |r| r.no.clone());
        if !self.strays.iter().any(|s| s.no == no) {
            self.strays.push(Stray {
                no,
                why: why.clone(),
            });
        }
        Seen::Unexpected(why)
    }

    /// Takes back a number read by mistake (a typing error): not on the list, or counted.
    pub fn forget(&mut self, no: &str) {
        self.strays.retain(|s| s.no != no);
        self.seen.remove(no);
    }

    pub fn expected(&self) -> &[Record] {
        &self.expected
    }

    pub fn is_seen(&self, r: &Record) -> bool {
        self.seen.contains(&r.no)
    }

    /// The records seen, in ledger order.
    pub fn counted(&self) -> impl Iterator<Item = &Record> {
        self.expected.iter().filter(|r| self.is_seen(r))
    }

    /// The records expected and not seen, in ledger order.
    pub fn missing(&self) -> impl Iterator<Item = &Record> {
        self.expected.iter().filter(|r| !self.is_seen(r))
    }

    pub fn strays(&self) -> &[Stray] {
        &self.strays
    }

    /// The numbers seen, on the list or not, as the check is asked of the store.
    pub fn numbers(&self) -> Vec<String> {
        self.seen
            .iter()
            .cloned()
            .chain(self.strays.iter().map(|s| s.no.clone()))
            .collect()
    }

    /// Anything read: leaving would throw it away.
    pub fn any(&self) -> bool {
        !self.seen.is_empty() || !self.strays.is_empty()
    }
}

/// The most numbers one check takes: more than any unit holds of one ledger.
pub const MAX_NUMBERS: usize = 20_000;

/// The numbers of a file or of standard input, one a line as a scanner writes them (CR LF, a
/// byte-order mark, blank lines and spaces around allowed): each bounded like a typed number,
/// at most `MAX_NUMBERS`; the first bad line is named.
pub fn numbers_of(text: &str) -> Checked<Vec<String>> {
    let mut out = Vec::new();
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let no = line.trim();
        if no.is_empty() {
            continue;
        }
        if out.len() == MAX_NUMBERS {
            return Err(Refusal::field(
                "编号",
                format!("一次最多清查 {MAX_NUMBERS} 个编号"),
            ));
        }
        let no = numbering::check_number(&format!("第 {} 行", i + 1), no)?;
        out.push(no);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::rules::media::SPEC;

    fn medium(id: i64, no: &str, state: &'static str) -> Record {
        Record {
            id,
            spec: &SPEC,
            no: no.into(),
            state,
            level: None,
            keeper: "张三".into(),
            holder: String::new(),
            registered_on: ymd(2026, 1, 5),
            checked_on: None,
            values: Default::default(),
        }
    }

    // R-MED-6: the check counts what is held; a lost medium and an unknown number are strays,
    // named with why; a label read twice counts once; what is not seen is missing.
    #[test]
    fn r_med_6_tally_counts_held_and_names_missing_and_strays() {
        let lost = medium(3, "U-003", "lost");
        let mut t = Tally::new(vec![
            medium(1, "U-001", "in_stock"),
            medium(2, "U-002", "issued"),
            lost.clone(),
        ]);
        assert_eq!(t.expected().len(), 2, "a lost medium is not expected");
        assert_eq!(t.see("U-001", None), Seen::Counted);
        assert_eq!(t.see(" U-001 ", None), Seen::Again);
        assert!(matches!(t.see("U-003", Some(&lost)), Seen::Unexpected(w) if w.contains("遗失")));
        assert!(matches!(t.see("X-9", None), Seen::Unexpected(w) if w.contains("无此编号")));
        t.see("X-9", None);
        let missing: Vec<&str> = t.missing().map(|r| r.no.as_str()).collect();
        assert_eq!(missing, ["U-002"]);
        assert_eq!(t.strays().len(), 2);
        assert_eq!(t.numbers(), ["U-001", "U-003", "X-9"]);
        assert!(t.any());
        // A number read by mistake is taken back.
        t.forget("X-9");
        t.forget("U-001");
        assert_eq!(t.numbers(), ["U-003"]);
        assert_eq!(t.missing().count(), 2);
    }

    // R-MED-6 from the command line: a scanner's file (BOM, CR LF, blank lines) gives its
    // numbers; a line with control characters is refused naming the line; too many are refused.
    #[test]
    fn r_med_6_cli_numbers_of_a_scanner_file() {
        let got = numbers_of("\u{feff}U-001\r\n\r\n  U-002 \r\nPC-003\n").unwrap();
        assert_eq!(got, ["U-001", "U-002", "PC-003"]);
        let bad = numbers_of("U-001\nU-\u{1b}[2J\n").unwrap_err();
        assert!(bad.to_string().contains("第 2 行"), "{bad}");
        let many = "U-1\n".repeat(MAX_NUMBERS + 1);
        assert!(numbers_of(&many).unwrap_err().to_string().contains("最多"));
        assert!(numbers_of("").unwrap().is_empty());
    }
}
