//! Guard rules, one file per area of RULES.md. A rule lives in the file named after its area:
//! R-PAP-* in `paper.rs`.

pub mod computer;
pub mod device;
pub mod incident;
pub mod inspection;
pub mod media;
pub mod meeting;
pub mod organisation;
pub mod paper;
pub mod person;
pub mod provide;
pub mod rectification;
pub mod review;
pub mod room;
pub mod steps;
// Issue 11: training and key sites.
pub mod site;
pub mod training;
