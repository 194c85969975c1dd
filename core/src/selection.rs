//! The enrollments an administrator selected for bulk work, by store row: kept in the order they
//! were selected, with a bit set for quick tests while cards render. It outlives filtering
//! (rows are stable while the store is), and a reload starts a new one.

/// Selected store rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    rows: Vec<u32>,
    bits: Vec<u64>,
}

impl Selection {
    /// `true` when `row` is selected.
    pub fn contains(&self, row: u32) -> bool {
        let (word, bit) = ((row / 64) as usize, row % 64);
        self.bits.get(word).is_some_and(|w| w & (1 << bit) != 0)
    }

    /// Selects or deselects `row`.
    pub fn set(&mut self, row: u32, selected: bool) {
        if self.set_bit(row, selected) {
            if selected {
                self.rows.push(row);
            } else {
                self.rows.retain(|r| *r != row);
            }
        }
    }

    /// Selects (or, with `selected` false, deselects) every row of `rows`: "select all
    /// matching", a Shift-click range.
    pub fn set_all(&mut self, rows: impl IntoIterator<Item = u32>, selected: bool) {
        for row in rows {
            if self.set_bit(row, selected) && selected {
                self.rows.push(row);
            }
        }
        if !selected {
            let bits = &self.bits;
            self.rows.retain(|&r| {
                let (word, bit) = ((r / 64) as usize, r % 64);
                bits.get(word).is_some_and(|w| w & (1 << bit) != 0)
            });
        }
    }

    /// `true` when every row of `rows` is selected (and there is one).
    pub fn contains_all(&self, rows: impl IntoIterator<Item = u32>) -> bool {
        let mut any = false;
        rows.into_iter().all(|r| {
            any = true;
            self.contains(r)
        }) && any
    }

    /// The selected rows, in selection order.
    pub fn rows(&self) -> &[u32] {
        &self.rows
    }

    /// Number of selected rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// `true` when nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Sets `row`'s bit; `true` when that changed it.
    fn set_bit(&mut self, row: u32, on: bool) -> bool {
        if self.contains(row) == on {
            return false;
        }
        let (word, bit) = ((row / 64) as usize, row % 64);
        if self.bits.len() <= word {
            self.bits.resize(word + 1, 0);
        }
        match self.bits.get_mut(word) {
            Some(w) => {
                *w ^= 1 << bit;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selecting_ranges_and_single_rows() {
        let mut s = Selection::default();
        s.set(70, true);
        s.set(3, true);
        s.set(70, true);
        assert_eq!(s.rows(), [70, 3]);
        assert!(s.contains(70) && s.contains(3) && !s.contains(6) && !s.contains(100_000));
        s.set_all([1, 2, 3, 4], true);
        assert_eq!(s.rows(), [70, 3, 1, 2, 4]);
        assert!(s.contains_all([1, 2, 3]) && !s.contains_all([1, 5]) && !s.contains_all([]));
        s.set_all([2, 3, 64], false);
        assert_eq!(s.rows(), [70, 1, 4]);
        s.set(70, false);
        assert_eq!((s.rows(), s.len()), (&[1, 4][..], 2));
        s.set_all([1, 4], false);
        assert!(s.is_empty() && !s.contains(1));
    }
}
