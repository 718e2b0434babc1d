//! A scanned label on the batch screens (issue 10): the number goes to the screen's own scan line,
//! never to its keys, and ticks that paper wherever its cabinet is. A number not on the list is
//! said loudly: not in the ledger at all, out of its cabinet (R-PAP-12), or in a state the batch
//! does not take. A scan never unticks: reading a label twice leaves it ticked.

use chrono::NaiveDate;

use super::{Batch, Mode};
use crate::domain::carrier::PaperState;
use crate::domain::paper::Paper;
use crate::store::{papers, stocktake};
use crate::ui::action::Session;
use crate::ui::screens::Ctx;
use crate::ui::widgets::scan_line::ScanLine;

/// A job's answer: the number read, and the paper with it if there is one.
pub(super) struct Scanned(String, Result<Option<Paper>, String>);

impl Batch {
    /// Looks the scanned number up; the answer ticks it. The lists of one destruction request or
    /// of the open discrepancies tick nothing: there the scan opens the carrier as elsewhere.
    pub(super) fn scan(&mut self, code: &str, cx: &mut Ctx<'_>) -> bool {
        if !self.mode.paged() {
            return false;
        }
        let code = code.trim().to_string();
        cx.task(move |s: &mut Session| {
            let found = papers::find(s.store.conn(), &code).map_err(|e| e.to_string());
            Scanned(code, found)
        });
        true
    }

    /// The answer: the paper ticked and said on the scan line, or the line says it is not ticked
    /// and the status line why, in the error style.
    pub(super) fn scanned(&mut self, s: Scanned, cx: &mut Ctx<'_>) {
        let Scanned(code, found) = s;
        let outcome = match found {
            Err(e) => Err(e),
            Ok(None) => Err(format!(
                "台帐中没有编号为「{code}」的密件，不在本次{}清单中",
                self.list_name()
            )),
            Ok(Some(p)) => self.tick_scanned(&p, cx.today),
        };
        let (said, wrong) = match outcome {
            Ok(said) => (said, false),
            Err(why) => {
                cx.error(format!("扫描 {code}：{why}"));
                ("未勾选：不在清单中".to_string(), true)
            }
        };
        self.last_scan = Some(ScanLine::new(code, said, wrong));
    }

    fn list_name(&self) -> &'static str {
        match self.mode {
            Mode::Count | Mode::Check => self.mode.stocktake().name(),
            Mode::Return => "清退",
            _ => "销毁",
        }
    }

    fn tick_scanned(&mut self, p: &Paper, today: NaiveDate) -> Result<String, String> {
        if self.mode.counts() && stocktake::is_out(p.state) {
            return Err(format!(
                "{}，不在柜，不能勾选为{}到（R-PAP-12）",
                stocktake::destination(p, today),
                self.mode.stocktake().name()
            ));
        }
        let on_list = if self.mode.counts() {
            p.state == PaperState::InStock
        } else {
            p.state.is_held()
        };
        if !on_list {
            return Err(format!(
                "《{}》状态为{}，不在本次{}清单中",
                p.title,
                p.state.name(),
                self.list_name()
            ));
        }
        let place = if p.location.is_empty() {
            String::new()
        } else {
            format!("（{}）", p.location)
        };
        if self.ticks.is(p) {
            return Ok(format!("已勾选过{place}"));
        }
        self.ticks.toggle(p);
        Ok(format!("已勾选{}{place}", self.mode.tick_label()))
    }
}
