//! The row selected in a screen's table and the first row the table shows: one piece for the
//! screens that move through their rows with ↑ and ↓ (a page's history, the cabinets, the
//! self-check items).

use std::cell::Cell;

use crossterm::event::KeyCode;

use super::table::scroll;
use crate::ui::keymap::{Binding, code};

#[derive(Debug, Default)]
pub struct Cursor {
    pub selected: usize,
    /// Kept from one frame to the next, so the table moves only as far as the selection needs.
    first: Cell<usize>,
}

impl Cursor {
    /// ↑ and ↓, listed in help only.
    pub fn bindings<C>(up: C, down: C) -> [Binding<C>; 2] {
        [
            Binding::new(code(KeyCode::Up), "上移", up).help_only(),
            Binding::new(code(KeyCode::Down), "下移", down).help_only(),
        ]
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    /// One row down, never past the last of `rows`.
    pub fn down(&mut self, rows: usize) {
        if self.selected + 1 < rows {
            self.selected += 1;
        }
    }

    /// Back within `rows` after a reread found fewer.
    pub fn clamp(&mut self, rows: usize) {
        self.selected = self.selected.min(rows.saturating_sub(1));
    }

    /// The first row a table of `height` rows shows: the selection in view.
    pub fn first_shown(&self, height: usize) -> usize {
        let first = scroll(self.selected, self.first.get(), height);
        self.first.set(first);
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The selection stays within the rows and in view, the view moving no more than it must.
    #[test]
    fn moves_within_the_rows_and_keeps_in_view() {
        let mut c = Cursor::default();
        c.up();
        assert_eq!(c.selected, 0);
        for _ in 0..5 {
            c.down(3);
        }
        assert_eq!(c.selected, 2);
        assert_eq!(c.first_shown(2), 1);
        c.up();
        assert_eq!(
            c.first_shown(2),
            1,
            "still in view: the table does not move"
        );
        c.clamp(1);
        assert_eq!((c.selected, c.first_shown(2)), (0, 0));
        c.down(0);
        assert_eq!(c.selected, 0);
    }
}
