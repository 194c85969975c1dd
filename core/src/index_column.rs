//! A column of interner indices (a row's course or learner), at two bytes a row while every
//! index fits in two: an account has a few hundred courses, and up to 65,536 learners. The
//! first index that does not fit widens the column to four bytes a row, once.

/// Interner indices, one per row.
#[derive(Debug, Clone)]
pub enum IndexColumn {
    /// Every index below 65,536.
    Narrow(Vec<u16>),
    /// Any index.
    Wide(Vec<u32>),
}

impl Default for IndexColumn {
    fn default() -> Self {
        IndexColumn::Narrow(Vec::new())
    }
}

impl IndexColumn {
    /// Rows held.
    pub fn len(&self) -> usize {
        match self {
            IndexColumn::Narrow(v) => v.len(),
            IndexColumn::Wide(v) => v.len(),
        }
    }

    /// `true` without rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Room for `additional` more rows.
    pub fn reserve(&mut self, additional: usize) {
        match self {
            IndexColumn::Narrow(v) => v.reserve(additional),
            IndexColumn::Wide(v) => v.reserve(additional),
        }
    }

    /// Appends a row holding `index`.
    pub fn push(&mut self, index: u32) {
        match self {
            IndexColumn::Narrow(v) => match u16::try_from(index) {
                Ok(narrow) => v.push(narrow),
                Err(_) => {
                    let mut wide = widened(v);
                    wide.push(index);
                    *self = IndexColumn::Wide(wide);
                }
            },
            IndexColumn::Wide(v) => v.push(index),
        }
    }

    /// Sets `row` to `index` (nothing past the end).
    pub fn set(&mut self, row: usize, index: u32) {
        match self {
            IndexColumn::Narrow(v) => match u16::try_from(index) {
                Ok(narrow) => {
                    if let Some(slot) = v.get_mut(row) {
                        *slot = narrow;
                    }
                }
                Err(_) if row < v.len() => {
                    let mut wide = widened(v);
                    if let Some(slot) = wide.get_mut(row) {
                        *slot = index;
                    }
                    *self = IndexColumn::Wide(wide);
                }
                Err(_) => {}
            },
            IndexColumn::Wide(v) => {
                if let Some(slot) = v.get_mut(row) {
                    *slot = index;
                }
            }
        }
    }

    /// The index of `row`.
    pub fn get(&self, row: usize) -> Option<u32> {
        match self {
            IndexColumn::Narrow(v) => v.get(row).map(|&i| u32::from(i)),
            IndexColumn::Wide(v) => v.get(row).copied(),
        }
    }

    /// A bit per row of `rows` (bit 0 for its first row; a word's worth of rows at most) set
    /// where `table` holds `true` for the row's index: the column's width is matched once, not
    /// per row.
    pub fn hits(&self, rows: std::ops::Range<usize>, table: &[bool]) -> usize {
        fn bits<T: Copy + Into<u32>>(indices: &[T], table: &[bool]) -> usize {
            let mut bits = 0;
            for (bit, &index) in indices.iter().take(usize::BITS as usize).enumerate() {
                bits |= usize::from(table.get(index.into() as usize).copied().unwrap_or(false)) << bit;
            }
            bits
        }
        match self {
            IndexColumn::Narrow(v) => bits(v.get(rows).unwrap_or_default(), table),
            IndexColumn::Wide(v) => bits(v.get(rows).unwrap_or_default(), table),
        }
    }

    /// Bytes allocated.
    pub fn heap_bytes(&self) -> usize {
        match self {
            IndexColumn::Narrow(v) => 2 * v.capacity(),
            IndexColumn::Wide(v) => 4 * v.capacity(),
        }
    }

    /// Releases spare capacity.
    pub fn shrink_to_fit(&mut self) {
        match self {
            IndexColumn::Narrow(v) => v.shrink_to_fit(),
            IndexColumn::Wide(v) => v.shrink_to_fit(),
        }
    }
}

/// `narrow` at four bytes a row, with room for as many rows as it had.
fn widened(narrow: &[u16]) -> Vec<u32> {
    let mut wide = Vec::with_capacity(narrow.len() + narrow.len() / 8 + 1);
    wide.extend(narrow.iter().map(|&i| u32::from(i)));
    wide
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_narrow_until_an_index_does_not_fit_then_keeps_every_row() {
        let mut column = IndexColumn::default();
        for i in 0..1_000u32 {
            column.push(i * 60);
        }
        assert!(matches!(column, IndexColumn::Narrow(_)));
        assert!(column.heap_bytes() < 4 * 1_000);
        column.set(3, 7);
        column.push(70_000);
        assert!(matches!(column, IndexColumn::Wide(_)));
        assert_eq!(column.len(), 1_001);
        assert_eq!(
            (column.get(3), column.get(999), column.get(1_000)),
            (Some(7), Some(59_940), Some(70_000))
        );
        column.set(0, 80_000);
        column.set(5_000, 1);
        assert_eq!((column.get(0), column.get(5_000)), (Some(80_000), None));
    }

    #[test]
    fn setting_a_wide_index_widens_a_narrow_column_but_not_past_the_end() {
        let mut column = IndexColumn::default();
        column.push(1);
        column.push(2);
        column.set(9, 100_000);
        assert!(matches!(column, IndexColumn::Narrow(_)));
        column.set(1, 100_000);
        assert!(matches!(column, IndexColumn::Wide(_)));
        assert_eq!(
            (column.get(0), column.get(1), column.len()),
            (Some(1), Some(100_000), 2)
        );
    }
}
