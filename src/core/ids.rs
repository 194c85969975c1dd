//! Compact storage for ID strings.
//!
//! [`IdColumn`] keeps unique IDs (enrollments, certificates): a canonical lowercase UUID takes
//! 16 bytes, anything else goes to a shared text arena. [`Interner`] keeps repeated IDs
//! (courses, learners) once each and hands out small indices.

use indexmap::IndexSet;

/// Length of a canonical UUID string (`8-4-4-4-12` hex digits).
const UUID_LEN: usize = 36;
/// Marks a handle that points into the text arena rather than the UUID table.
const TEXT_BIT: u32 = 1 << 31;

/// An append-only list of ID strings, addressed by handle.
#[derive(Debug, Default, Clone)]
pub struct IdColumn {
    uuids: Vec<u128>,
    text: String,
    text_ends: Vec<u32>,
}

/// An ID read back from an [`IdColumn`]: UUIDs are re-formatted into a small buffer.
#[derive(Debug, Clone, Copy)]
pub enum IdText<'a> {
    /// A UUID, formatted (always ASCII).
    Uuid([u8; UUID_LEN]),
    /// Any other ID, borrowed from the arena.
    Text(&'a str),
}

impl IdText<'_> {
    /// The ID as a string slice.
    pub fn as_str(&self) -> &str {
        match self {
            IdText::Uuid(bytes) => std::str::from_utf8(bytes).unwrap_or_default(),
            IdText::Text(text) => text,
        }
    }
}

impl IdColumn {
    /// Stores `id` and returns its handle.
    pub fn push(&mut self, id: &str) -> u32 {
        match parse_uuid(id) {
            Some(value) if self.uuids.len() < TEXT_BIT as usize => {
                self.uuids.push(value);
                (self.uuids.len() - 1) as u32
            }
            _ => {
                self.text.push_str(id);
                self.text_ends.push(self.text.len() as u32);
                (self.text_ends.len() - 1) as u32 | TEXT_BIT
            }
        }
    }

    /// The ID behind `handle` (empty for a handle this column never gave out).
    pub fn get(&self, handle: u32) -> IdText<'_> {
        if handle & TEXT_BIT == 0 {
            let value = self.uuids.get(handle as usize).copied().unwrap_or_default();
            IdText::Uuid(format_uuid(value))
        } else {
            let i = (handle & !TEXT_BIT) as usize;
            let end = self.text_ends.get(i).copied().unwrap_or_default() as usize;
            let start = if i == 0 { 0 } else { self.text_ends[i - 1] as usize };
            IdText::Text(self.text.get(start..end).unwrap_or_default())
        }
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.uuids.capacity() * 16 + self.text.capacity() + self.text_ends.capacity() * 4
    }

    /// Releases spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.uuids.shrink_to_fit();
        self.text.shrink_to_fit();
        self.text_ends.shrink_to_fit();
    }
}

/// Distinct strings, each stored once, indexed in order of first appearance.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    set: IndexSet<Box<str>>,
}

impl Interner {
    /// The index of `text`, adding it when new.
    pub fn intern(&mut self, text: String) -> u32 {
        match self.set.get_index_of(text.as_str()) {
            Some(i) => i as u32,
            None => self.set.insert_full(text.into_boxed_str()).0 as u32,
        }
    }

    /// The index of `text`, if known.
    pub fn find(&self, text: &str) -> Option<u32> {
        self.set.get_index_of(text).map(|i| i as u32)
    }

    /// The string at `index` (empty for an unknown index).
    pub fn get(&self, index: u32) -> &str {
        self.set.get_index(index as usize).map(|s| &**s).unwrap_or_default()
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// `true` when nothing was interned.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// All strings with their indices.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &str)> {
        self.set.iter().enumerate().map(|(i, s)| (i as u32, &**s))
    }

    /// Heap bytes held (table, index and string data).
    pub fn heap_bytes(&self) -> usize {
        self.set.capacity() * (std::mem::size_of::<Box<str>>() + 2 * std::mem::size_of::<usize>())
            + self.set.iter().map(|s| s.len()).sum::<usize>()
    }
}

/// A canonical lowercase UUID (`fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5`) as a number; any other
/// spelling returns `None` so that it is kept verbatim.
fn parse_uuid(id: &str) -> Option<u128> {
    let bytes = id.as_bytes();
    if bytes.len() != UUID_LEN {
        return None;
    }
    let mut value = 0u128;
    for (i, &b) in bytes.iter().enumerate() {
        let nibble = match (i, b) {
            (8 | 13 | 18 | 23, b'-') => continue,
            (8 | 13 | 18 | 23, _) => return None,
            (_, b'0'..=b'9') => b - b'0',
            (_, b'a'..=b'f') => b - b'a' + 10,
            _ => return None,
        };
        value = value << 4 | u128::from(nibble);
    }
    Some(value)
}

fn format_uuid(value: u128) -> [u8; UUID_LEN] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = [b'-'; UUID_LEN];
    let mut shift = 128;
    for (i, slot) in out.iter_mut().enumerate() {
        if matches!(i, 8 | 13 | 18 | 23) {
            continue;
        }
        shift -= 4;
        *slot = HEX[((value >> shift) & 0xF) as usize];
    }
    out
}

/// `true` when `haystack` contains `needle`, ignoring letter case. `needle` must already be
/// lowercase ([`str::to_lowercase`]).
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
        haystack.to_lowercase().contains(needle)
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
            assert_eq!(column.get(*handle).as_str(), *id);
        }
        assert!(matches!(column.get(handles[0]), IdText::Uuid(_)));
        assert!(matches!(column.get(handles[1]), IdText::Text(_)), "uppercase is kept verbatim");
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
        assert!(contains_folded("Zoë Müller", "müll"));
        assert!(contains_folded("anything", ""));
        assert!(!contains_folded("abc", "abcd"));
        assert!(could_be_in_uuid("a2ba-b6"));
        assert!(!could_be_in_uuid("helen"));
    }
}
