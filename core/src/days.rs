//! A column of optional calendar dates at two bytes a row.
//!
//! Dates are kept as days since 1949-12-31 (so 1950-01-01 is 1), which covers 1950-01-01 to
//! 2129-06-04 in a `u16`; 0 means "no date". A date outside that span (a "never" written as
//! 9999-12-31, an access date from the 1940s) is kept as a Julian day number in a side table, so
//! every date the parser accepts comes back unchanged.

/// "No date" where dates are Julian day numbers (as [`DayColumn::day`] answers).
pub const NO_DAY: i32 = i32::MIN;

/// Julian day number of 1949-12-31: code 1 is 1950-01-01.
const BEFORE_FIRST: i32 = 2_433_282;
/// The code for "no date".
const NONE: u16 = 0;
/// The code for "in the side table".
const FAR: u16 = u16::MAX;

/// Optional dates, one per row, as two-byte day codes.
#[derive(Debug, Default, Clone)]
pub struct DayColumn {
    codes: Vec<u16>,
    /// The rows whose date has no two-byte code, ascending, with their Julian day numbers.
    far: Vec<(u32, i32)>,
}

impl DayColumn {
    /// Appends a row without a date.
    pub fn push_none(&mut self) {
        self.codes.push(NONE);
    }

    /// Sets `row`'s date: a Julian day number, or [`NO_DAY`]. Rows past the end are ignored.
    pub fn set(&mut self, row: usize, day: i32) {
        let Some(slot) = self.codes.get_mut(row) else {
            return;
        };
        let code = if day == NO_DAY {
            NONE
        } else {
            code_of(day).unwrap_or(FAR)
        };
        *slot = code;
        let at = self.far.binary_search_by_key(&(row as u32), |&(r, _)| r);
        match (code == FAR, at) {
            (true, Ok(i)) => {
                if let Some(entry) = self.far.get_mut(i) {
                    entry.1 = day;
                }
            }
            (true, Err(i)) => self.far.insert(i, (row as u32, day)),
            (false, Ok(i)) => {
                self.far.remove(i);
            }
            (false, Err(_)) => {}
        }
    }

    /// `row`'s date as a Julian day number, or [`NO_DAY`] (also for a row past the end).
    pub fn day(&self, row: usize) -> i32 {
        match self.codes.get(row) {
            None | Some(&NONE) => NO_DAY,
            Some(&FAR) => self
                .far
                .binary_search_by_key(&(row as u32), |&(r, _)| r)
                .ok()
                .and_then(|i| self.far.get(i))
                .map_or(NO_DAY, |&(_, day)| day),
            Some(&code) => BEFORE_FIRST + i32::from(code),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// `true` when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Makes room for `additional` more rows.
    pub fn reserve(&mut self, additional: usize) {
        self.codes.reserve(additional);
    }

    /// Grows (or cuts) the column to `rows` rows, new rows without a date.
    pub fn resize(&mut self, rows: usize) {
        self.codes.resize(rows, NONE);
        self.far.retain(|&(row, _)| (row as usize) < rows);
    }

    /// Releases spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.codes.shrink_to_fit();
        self.far.shrink_to_fit();
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.codes.capacity() * 2 + self.far.capacity() * 8
    }
}

/// The two-byte code of Julian day `day`, if it has one.
fn code_of(day: i32) -> Option<u16> {
    let code = day.checked_sub(BEFORE_FIRST)?;
    (i32::from(NONE) < code && code < i32::from(FAR)).then_some(code as u16)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn dates_come_back_unchanged_near_and_far() {
        let days = [
            date!(2026 - 11 - 26),
            date!(1950 - 01 - 01),
            date!(2129 - 06 - 04),
            date!(2129 - 06 - 05),
            date!(1949 - 12 - 31),
            date!(9999 - 12 - 31),
            date!(1000 - 01 - 01),
        ]
        .map(|d| d.to_julian_day());
        let mut column = DayColumn::default();
        for _ in 0..days.len() + 1 {
            column.push_none();
        }
        for (row, &day) in days.iter().enumerate() {
            column.set(row, day);
        }
        for (row, &day) in days.iter().enumerate() {
            assert_eq!(column.day(row), day, "row {row}");
        }
        assert_eq!(column.day(days.len()), NO_DAY, "a row never set has no date");
        assert_eq!(column.day(99), NO_DAY, "past the end");
        // Four of them live in the side table; a near date or none takes a row out of it.
        assert_eq!(column.far.len(), 4);
        column.set(5, date!(2030 - 01 - 01).to_julian_day());
        column.set(6, NO_DAY);
        assert_eq!(column.far.len(), 2);
        assert_eq!(column.day(5), date!(2030 - 01 - 01).to_julian_day());
        assert_eq!(column.day(6), NO_DAY);
        column.resize(4);
        assert_eq!((column.len(), column.far.len()), (4, 1));
    }

    #[test]
    fn first_and_last_codes_are_the_span_edges() {
        assert_eq!(code_of(date!(1950 - 01 - 01).to_julian_day()), Some(1));
        assert_eq!(code_of(date!(2129 - 06 - 04).to_julian_day()), Some(FAR - 1));
        assert_eq!(code_of(date!(2129 - 06 - 05).to_julian_day()), None);
        assert_eq!(code_of(date!(1949 - 12 - 31).to_julian_day()), None);
        assert_eq!(code_of(NO_DAY), None);
    }
}
