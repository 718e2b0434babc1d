//! The ledgers declared once (DESIGN.md): one list screen, one record page and forms built from
//! each ledger's description, serving 移动存储介质台帐, 计算机台帐 (with its 涉密/内部/互联网 views)
//! and 设备台帐 alike. The rules stay in `domain::rules`; these screens call the store.

mod check;
mod form;
mod list;
mod page;

pub use check::RecordCheck;
pub use form::step_form;
pub use list::RecordList;
pub use page::RecordPage;
