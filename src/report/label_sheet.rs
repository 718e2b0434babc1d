//! A sheet of labels for records (R-MED-1, R-CMP-2: level, user and number), rendered and sent
//! where the officer asked, recorded like any printout (R-CMP-13). One path for `baomi label` and
//! the record page's key, so that the two print the same label.

use super::deliver::{Delivered, Destination, Printout, send};
use super::labels::{self, Label};
use super::{Format, font};
use crate::domain::Refusal;
use crate::domain::ledgers::Record;
use crate::domain::level::{Level, Mark};
use crate::domain::rules::computer;
use crate::domain::settings::{LabelLayout, spec};
use crate::domain::text::for_terminal;
use crate::store::{self, Stamp, Store, StoreError};

/// The ledgers whose records carry a label, as the command line names them, with their names.
pub const KINDS: [(&str, &str); 2] = [("medium", "存储介质"), ("computer", "计算机")];

/// Whether records of the ledger `key` carry a label.
pub fn labelled(key: &str) -> bool {
    KINDS.iter().any(|(k, _)| *k == key)
}

/// What `r`'s label shows; the unit's name is filled in by `print`.
pub fn of_record(r: &Record) -> Label {
    // A computer by its class (涉密计算机); a medium by its kind (U盘).
    let kind = if r.spec.key == computer::SPEC.key {
        format!("{}计算机", r.get("class"))
    } else {
        r.get("kind").to_string()
    };
    // The person it is issued to, else its keeper: the user R-MED-1 puts on the label.
    let keeper = if r.holder.is_empty() {
        r.keeper.clone()
    } else {
        r.holder.clone()
    };
    Label {
        number: r.no.clone(),
        kind,
        mark: Mark::new(r.level.unwrap_or(Level::Public), None),
        keeper,
        unit: String::new(),
    }
}

/// Renders `labels` of the ledger `kind` on `layout` (the setting when `None`) with the unit's
/// name on each, and sends the sheet to `dest`, recorded in the audit log.
pub fn print(
    store: &mut Store,
    stamp: &Stamp,
    kind: &str,
    labels: Vec<Label>,
    layout: Option<LabelLayout>,
    mut dest: Destination,
) -> Result<Delivered, StoreError> {
    let settings = store::settings::load(store.conn())?;
    let layout = layout.unwrap_or(settings.label_layout);
    let labels: Vec<Label> = labels
        .into_iter()
        .map(|l| Label {
            unit: settings.unit_name.clone(),
            ..l
        })
        .collect();
    let refused = |m: String| StoreError::Refused(Refusal::field("标签", m));
    let font = font::find(&settings.font_path).map_err(refused)?;
    let (bytes, pages) = labels::render(&labels, layout, &font).map_err(refused)?;
    if let Destination::Printer { printer, .. } = &mut dest {
        printer.clone_from(&settings.printer);
    }
    let title = title(kind, &labels, layout);
    let what = Printout {
        title: &title,
        marking: String::new(),
        format: Format::Pdf,
        pages: Some(pages),
        rows: labels.len(),
    };
    send(store, stamp, &what, &bytes, &dest)
}

/// The title the audit log records: what was labelled, on which paper, and the numbers (the
/// first ten).
fn title(kind: &str, labels: &[Label], layout: LabelLayout) -> String {
    let zh = KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, zh)| *zh);
    let mut numbers: Vec<String> = labels
        .iter()
        .take(10)
        .map(|l| for_terminal(&l.number).into_owned())
        .collect();
    if labels.len() > 10 {
        numbers.push(format!("等{}枚", labels.len()));
    }
    let paper = spec("label_layout").map_or("标签纸", |s| s.label);
    format!(
        "{zh}标签（{paper}：{}）{}",
        layout.name(),
        numbers.join("、")
    )
}
