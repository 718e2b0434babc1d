//! Widgets every screen shares: the table, the form field on ratatui-textarea, forms, modals and the
//! hint bar.

pub mod field;
pub mod form;
pub mod hints;
pub mod modal;
pub mod paged;
pub mod scan_line;
pub mod table;
