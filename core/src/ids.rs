//! Compact storage for ID strings.
//!
//! [`IdColumn`] keeps unique IDs (enrollments, certificates): canonical lowercase UUIDs as
//! fixed-width records in one buffer (so a search is a single pass over it), anything else in a
//! text arena. [`Interner`] keeps repeated IDs (courses, learners) once each and hands out small
//! indices.

use std::hash::BuildHasher;

use hashbrown::hash_table::HashTable;
use memchr::memmem::Finder;

/// Length of a canonical UUID string (`8-4-4-4-12` hex digits).
const UUID_LEN: usize = 36;
/// Bytes per UUID record: the UUID alone (a search match spanning two records is skipped).
const UUID_STRIDE: usize = UUID_LEN;
/// Marks a handle that points into the text arena rather than the UUID records.
const TEXT_BIT: u32 = 1 << 31;

/// An append-only list of ID strings, addressed by handle.
#[derive(Debug, Default, Clone)]
pub struct IdColumn {
    uuids: String,
    text: String,
    text_ends: Vec<u32>,
}

impl IdColumn {
    /// Stores `id` and returns its handle.
    pub fn push(&mut self, id: &str) -> u32 {
        let uuid_count = self.uuids.len() / UUID_STRIDE;
        if is_canonical_uuid(id) && uuid_count < TEXT_BIT as usize {
            self.uuids.push_str(id);
            uuid_count as u32
        } else {
            self.text.push_str(id);
            self.text_ends.push(self.text.len() as u32);
            (self.text_ends.len() - 1) as u32 | TEXT_BIT
        }
    }

    /// The ID behind `handle` (empty for a handle this column never gave out).
    pub fn get(&self, handle: u32) -> &str {
        if handle & TEXT_BIT == 0 {
            let start = handle as usize * UUID_STRIDE;
            self.uuids.get(start..start + UUID_LEN).unwrap_or_default()
        } else {
            let i = (handle & !TEXT_BIT) as usize;
            let end = self.text_ends.get(i).copied().unwrap_or_default() as usize;
            let start = match i.checked_sub(1) {
                Some(previous) => self.text_ends.get(previous).copied().unwrap_or_default() as usize,
                None => 0,
            };
            self.text.get(start..end).unwrap_or_default()
        }
    }

    /// `true` when `handle` holds a canonical UUID (lowercase hex digits and hyphens only).
    pub fn is_uuid(&self, handle: u32) -> bool {
        handle & TEXT_BIT == 0
    }

    /// Calls `hit` with `handle - first` for every UUID handle from `first` on whose ID contains
    /// what `finder` looks for, in ascending order (one pass over those records).
    pub fn uuid_hits(&self, finder: &Finder<'_>, first: u32, mut hit: impl FnMut(usize)) {
        let records = self
            .uuids
            .as_bytes()
            .get(first as usize * UUID_STRIDE..)
            .unwrap_or_default();
        let needle = finder.needle().len();
        let mut from = 0;
        while let Some(at) = records.get(from..).and_then(|rest| finder.find(rest)) {
            let start = from + at;
            let record = start / UUID_STRIDE;
            if start % UUID_STRIDE + needle <= UUID_STRIDE {
                hit(record);
                // One hit per record is all that counts: go on from the next one.
                from = (record + 1) * UUID_STRIDE;
            } else {
                // The end of one UUID and the start of the next: not a match.
                from = start + 1;
            }
        }
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.uuids.capacity() + self.text.capacity() + self.text_ends.capacity() * 4
    }

    /// Releases spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.uuids.shrink_to_fit();
        self.text.shrink_to_fit();
        self.text_ends.shrink_to_fit();
    }
}

/// Each row's handle into an [`IdColumn`]. While every ID so far was a canonical UUID, row `r`'s
/// handle is `r` itself and nothing is stored (four bytes a row saved on the usual account); the
/// first other ID writes the handles out.
#[derive(Debug, Default, Clone)]
pub struct Handles {
    len: usize,
    listed: Option<Vec<u32>>,
}

impl Handles {
    /// Appends the next row's handle.
    pub fn push(&mut self, handle: u32) {
        match &mut self.listed {
            Some(listed) => listed.push(handle),
            None if handle as usize == self.len => {}
            None => {
                let mut listed: Vec<u32> = (0..self.len as u32).collect();
                listed.push(handle);
                self.listed = Some(listed);
            }
        }
        self.len += 1;
    }

    /// The handles written out (from now on), for changes other than appending.
    fn listed(&mut self) -> &mut Vec<u32> {
        let len = self.len as u32;
        self.listed.get_or_insert_with(|| (0..len).collect())
    }

    /// Sets row `row`'s handle.
    pub fn set(&mut self, row: usize, handle: u32) {
        if self.get(row) != Some(handle) && row < self.len {
            if let Some(slot) = self.listed().get_mut(row) {
                *slot = handle;
            }
        }
    }

    /// Inserts a row with `handle` before row `row` (at most at the end).
    pub fn insert(&mut self, row: usize, handle: u32) {
        if row >= self.len {
            self.push(handle);
        } else {
            self.listed().insert(row, handle);
            self.len += 1;
        }
    }

    /// Removes row `row`.
    pub fn remove(&mut self, row: usize) {
        if row < self.len {
            self.listed().remove(row);
            self.len -= 1;
        }
    }

    /// Row `row`'s handle.
    pub fn get(&self, row: usize) -> Option<u32> {
        match &self.listed {
            Some(listed) => listed.get(row).copied(),
            None => (row < self.len).then_some(row as u32),
        }
    }

    /// The handles of the rows from `from` on, in row order, once they are written out; `None`
    /// while each row's handle is its own number.
    pub fn listed_from(&self, from: usize) -> Option<&[u32]> {
        self.listed
            .as_deref()
            .map(|listed| listed.get(from..).unwrap_or_default())
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// `true` when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Makes room for `additional` more rows (only once the handles are written out).
    pub fn reserve(&mut self, additional: usize) {
        if let Some(listed) = &mut self.listed {
            listed.reserve(additional);
        }
    }

    /// Releases spare capacity.
    pub fn shrink_to_fit(&mut self) {
        if let Some(listed) = &mut self.listed {
            listed.shrink_to_fit();
        }
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.listed.as_ref().map_or(0, |l| l.capacity() * 4)
    }
}

/// Finds the row that holds an ID: hash tables of row numbers (about 6 bytes per row), the IDs
/// themselves staying where they are stored.
///
/// The tables never grow: when the newest is full, a new one (twice its size, up to
/// [`LARGEST_TABLE`] rows) is started, and a lookup asks each. So adding a row never re-hashes
/// the rows before it, which at a million rows would hold the browser's main thread for a
/// second, and the full tables stay full. The hash is foldhash, seeded per index; a server
/// sending IDs built to collide could slow loading down but not break it.
#[derive(Debug, Clone, Default)]
pub struct RowIndex {
    /// Oldest (and smallest) first; rows go into the last.
    tables: Vec<HashTable<u32>>,
    hasher: foldhash::fast::RandomState,
}

/// Rows the first table holds.
const FIRST_TABLE: usize = 896;
/// Rows the largest tables hold (7/8 of 64Ki slots).
const LARGEST_TABLE: usize = 57_344;

impl RowIndex {
    /// The row already holding `id`, or `None` after recording `row` for it. `id_of` gives the
    /// ID of a recorded row.
    pub fn find_or_insert<'a>(&mut self, id: &str, row: u32, id_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        if let Some(found) = self.find_hashed(hash, id, &id_of) {
            return Some(found);
        }
        let full = self.tables.last().is_none_or(|t| t.len() >= t.capacity());
        if full {
            let rows = self
                .tables
                .last()
                .map_or(FIRST_TABLE, |t| (t.capacity() * 2).min(LARGEST_TABLE));
            self.tables.push(HashTable::with_capacity(rows));
        }
        if let Some(table) = self.tables.last_mut() {
            let hasher = &self.hasher;
            table.insert_unique(hash, row, |&r| hasher.hash_one(id_of(r)));
        }
        None
    }

    /// The row recorded for `id`.
    pub fn find<'a>(&self, id: &str, id_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        self.find_hashed(self.hasher.hash_one(id), id, &id_of)
    }

    fn find_hashed<'a>(&self, hash: u64, id: &str, id_of: &impl Fn(u32) -> &'a str) -> Option<u32> {
        self.tables
            .iter()
            .find_map(|t| t.find(hash, |&r| id_of(r) == id))
            .copied()
    }

    /// Number of rows recorded.
    pub fn len(&self) -> usize {
        self.tables.iter().map(HashTable::len).sum()
    }

    /// `true` when no row is recorded.
    pub fn is_empty(&self) -> bool {
        self.tables.iter().all(HashTable::is_empty)
    }

    /// Heap bytes held (estimated from the tables' slots: a row number and a control byte each).
    pub fn heap_bytes(&self) -> usize {
        let slots = |t: &HashTable<u32>| (t.capacity() * 8 / 7).next_power_of_two();
        self.tables
            .iter()
            .map(|t| slots(t) * (std::mem::size_of::<u32>() + 1))
            .sum()
    }
}

/// Distinct strings, each stored once, indexed in order of first appearance (canonical UUIDs
/// as 36-byte records, anything else in a text arena: see [`IdColumn`]).
#[derive(Debug, Default, Clone)]
pub struct Interner {
    strings: IdColumn,
    handles: Handles,
    index: RowIndex,
}

impl Interner {
    /// The index of `text`, adding it when new.
    pub fn intern(&mut self, text: String) -> u32 {
        let next = self.handles.len() as u32;
        let (strings, handles) = (&self.strings, &self.handles);
        let id_of = |i: u32| strings.get(handles.get(i as usize).unwrap_or(u32::MAX));
        match self.index.find_or_insert(&text, next, id_of) {
            Some(i) => i,
            None => {
                self.handles.push(self.strings.push(&text));
                next
            }
        }
    }

    /// The index of `text`, if known.
    pub fn find(&self, text: &str) -> Option<u32> {
        self.index.find(text, |i| self.get(i))
    }

    /// The string at `index` (empty for an unknown index).
    pub fn get(&self, index: u32) -> &str {
        self.strings
            .get(self.handles.get(index as usize).unwrap_or(u32::MAX))
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.handles.len()
    }

    /// `true` when nothing was interned.
    pub fn is_empty(&self) -> bool {
        self.handles.is_empty()
    }

    /// All strings with their indices.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &str)> {
        (0..self.len() as u32).map(|i| (i, self.get(i)))
    }

    /// Heap bytes held (table, handles and string data).
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes() + self.handles.heap_bytes() + self.strings.heap_bytes()
    }
}

/// `true` for a canonical lowercase UUID such as `fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5`.
fn is_canonical_uuid(id: &str) -> bool {
    id.len() == UUID_LEN
        && id.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => matches!(b, b'0'..=b'9' | b'a'..=b'f'),
        })
}

/// `true` when `haystack` contains `needle`, ignoring letter case and accents. `needle` must
/// already be folded ([`crate::fold::fold`]).
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if haystack.is_ascii() {
        let n = needle.as_bytes();
        haystack
            .as_bytes()
            .windows(n.len())
            .any(|window| window.eq_ignore_ascii_case(n))
    } else {
        crate::fold::occurs_in(&crate::fold::fold(haystack), needle)
    }
}

/// `true` when `needle` could occur in a formatted UUID (hex digits and hyphens only).
pub fn could_be_in_uuid(needle: &str) -> bool {
    needle.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_round_trip_compactly_and_other_ids_verbatim() {
        let mut column = IdColumn::default();
        let ids = [
            "fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5",
            "FC1FC35C-040D-11ED-A2BA-B6F58D6FA7B5",
            "42",
            "",
            "fc1fc35c_040d-11ed-a2ba-b6f58d6fa7b5",
            "user@example.com",
            "00000000-0000-0000-0000-000000000000",
        ];
        let handles: Vec<u32> = ids.iter().map(|id| column.push(id)).collect();
        for (id, handle) in ids.iter().zip(&handles) {
            assert_eq!(column.get(*handle), *id);
        }
        assert!(column.is_uuid(handles[0]) && column.is_uuid(handles[6]));
        assert!(!column.is_uuid(handles[1]), "uppercase is kept verbatim");
        let hits = |needle: &str, first: u32| {
            let mut hits = Vec::new();
            column.uuid_hits(&Finder::new(needle), first, |i| hits.push(i));
            hits
        };
        assert_eq!(hits("040d-11", 0), [0]);
        assert_eq!(hits("0000-0000", 1), [0]);
        assert_eq!(
            hits("0", 0),
            [0, 1],
            "one call per record, however often it matches"
        );
        // A match may not span two records.
        assert_eq!(hits("b50000", 0), []);
    }

    #[test]
    fn handles_are_row_numbers_until_an_id_is_not_a_uuid() {
        let mut column = IdColumn::default();
        let mut handles = Handles::default();
        let uuid = |i: u32| format!("{i:08x}-0000-4000-8000-000000000000");
        for i in 0..3 {
            handles.push(column.push(&uuid(i)));
        }
        assert!(handles.listed.is_none(), "identity: nothing stored");
        assert_eq!(handles.listed_from(0), None);
        assert_eq!(handles.heap_bytes(), 0);
        assert_eq!(handles.get(2), Some(2));
        assert_eq!(handles.get(3), None);
        handles.push(column.push("course-7"));
        handles.push(column.push(&uuid(3)));
        assert!(handles.listed.is_some());
        let listed = |from| handles.listed_from(from).unwrap_or_default();
        let ids: Vec<&str> = listed(0).iter().map(|&h| column.get(h)).collect();
        assert_eq!(ids, [&*uuid(0), &*uuid(1), &*uuid(2), "course-7", &*uuid(3)]);
        assert_eq!(listed(3).len(), 2);
        assert_eq!(listed(9).len(), 0);
        assert_eq!(handles.len(), 5);
        // Changes in the middle keep the order.
        let mut counted = Handles::default();
        (0..4).for_each(|h| counted.push(h));
        counted.set(1, 1);
        assert!(counted.listed.is_none(), "setting a row to itself stores nothing");
        counted.insert(1, 9);
        counted.remove(3);
        counted.set(0, 7);
        counted.insert(99, 4);
        assert_eq!(counted.listed_from(0), Some(&[7, 9, 1, 3, 4][..]));
        assert_eq!(counted.len(), 5);
    }

    #[test]
    fn row_index_spans_many_tables_without_growing_any() {
        let ids: Vec<String> = (0..200_000u32)
            .map(|i| format!("{i:08x}-0000-4000-8000-{i:012x}"))
            .collect();
        let mut index = RowIndex::default();
        for (row, id) in ids.iter().enumerate() {
            let found = index.find_or_insert(id, row as u32, |r| &ids[r as usize]);
            assert_eq!(found, None, "{id} is new");
        }
        assert_eq!(index.len(), ids.len());
        assert!(index.tables.len() > 3, "{} tables", index.tables.len());
        assert!(index.tables.iter().all(|t| t.capacity() <= LARGEST_TABLE));
        for (row, id) in ids.iter().enumerate().step_by(997) {
            assert_eq!(index.find(id, |r| &ids[r as usize]), Some(row as u32));
            assert_eq!(
                index.find_or_insert(id, 0, |r| &ids[r as usize]),
                Some(row as u32)
            );
        }
        assert_eq!(index.find("not-an-id", |r| &ids[r as usize]), None);
        let per_row = index.heap_bytes() as f64 / ids.len() as f64;
        assert!(per_row < 8.0, "{per_row} bytes per row");
    }

    #[test]
    fn interner_keeps_one_copy() {
        let mut interner = Interner::default();
        assert_eq!(interner.intern("a".into()), 0);
        assert_eq!(interner.intern("b".into()), 1);
        assert_eq!(interner.intern("a".into()), 0);
        assert_eq!(interner.len(), 2);
        assert_eq!(interner.get(1), "b");
        assert_eq!(interner.find("b"), Some(1));
        assert_eq!(interner.find("c"), None);
    }

    #[test]
    fn folded_search() {
        assert!(contains_folded("D9261766-040D", "040d"));
        assert!(contains_folded("Zoë Müller", &crate::fold::fold("MÜLL")));
        assert!(contains_folded("Zoë Müller", "zoe"));
        assert!(contains_folded("anything", ""));
        assert!(!contains_folded("abc", "abcd"));
        assert!(could_be_in_uuid("a2ba-b6"));
        assert!(!could_be_in_uuid("helen"));
    }
}
