//! One pass of a query over the rows: which pass every filter, and the facet counts (each
//! facet counts the rows passing every filter but its own).
//!
//! The pass is one loop over blocks of row numbers, whatever their source (load order, a sorted
//! order, a search's matches), without a branch per row on whether it passes: a row's
//! status, certificate state, type and completion option form one of [`COMBOS`] combinations,
//! which filters of those four fail for it is one table lookup, and those four facets are
//! counted per combination and summed after the pass. The facets per course, learner and
//! department are counted only when asked for; without them, and without a filter on courses,
//! learners, departments or dates, a row is read from two columns only.

use fixedbitset::FixedBitSet;

use super::{Columns, CATALOG, CERT_SHIFT, STATUS_SHIFT};
use crate::days::DayColumn;
use crate::index_column::IndexColumn;
use crate::query::{Counted, Facets, Filter, NO_RESULT};

// Bits of a row's failure mask: one per facet dimension, one for everything else.
const COURSE: u8 = 1;
const LEARNER: u8 = 1 << 1;
const STATUS: u8 = 1 << 2;
const CERT: u8 = 1 << 3;
const TYPE: u8 = 1 << 4;
const COMPLETION: u8 = 1 << 5;
const OTHER: u8 = 1 << 6;
const DEPARTMENT: u8 = 1 << 7;

// A combination: the flags' type, status and certificate bits (6), then the completion option
// (4: up to NO_RESULT).
const FLAG_BITS: u8 = CATALOG | 0b111 << STATUS_SHIFT | 0b11 << CERT_SHIFT;
const FLAG_SHIFT: u8 = CATALOG.trailing_zeros() as u8;
const COMPLETION_SHIFT: u8 = 6;
/// Combinations counted (a power of two, so an index masked to it is always in range).
const COMBOS: usize = 1 << 10;
const _: () = assert!((FLAG_BITS >> FLAG_SHIFT) < 1 << COMPLETION_SHIFT);
const _: () = assert!((NO_RESULT as usize) << COMPLETION_SHIFT < COMBOS);

/// A word of a search's match bits.
const WORD: usize = usize::BITS as usize;
/// Rows visited at a time, at most.
const BLOCK: usize = 2 * WORD;

/// The filters other than status, certificate, type and completion, resolved to per-index
/// tables (`None`: not set).
pub(super) struct Limits {
    /// Per course index: chosen.
    pub courses: Option<Vec<bool>>,
    /// Per learner index: chosen.
    pub learners: Option<Vec<bool>>,
    /// Per learner index: in a chosen department.
    pub departments: Option<Vec<bool>>,
    /// Julian-day bounds of the due range.
    pub due: Option<(i32, i32)>,
    /// Julian-day bounds of the access range.
    pub access: Option<(i32, i32)>,
}

impl Limits {
    /// `true` when none is set.
    pub fn are_open(&self) -> bool {
        self.courses.is_none()
            && self.learners.is_none()
            && self.departments.is_none()
            && self.due.is_none()
            && self.access.is_none()
    }

    /// The failure bits of row `r` (of `course` and `learner`).
    fn failures(&self, c: &Columns, r: usize, course: usize, learner: usize) -> u8 {
        let chosen =
            |table: &Option<Vec<bool>>, i: usize| table.as_ref().is_none_or(|t| t.get(i) == Some(&true));
        // A date column is read only when its range is set.
        let outside = |range: Option<(i32, i32)>, column: &DayColumn| {
            range.is_some_and(|(from, to)| !(from..=to).contains(&column.day(r)))
        };
        let mut fail = 0;
        if !chosen(&self.courses, course) {
            fail |= COURSE;
        }
        if !chosen(&self.learners, learner) {
            fail |= LEARNER;
        }
        if !chosen(&self.departments, learner) {
            fail |= DEPARTMENT;
        }
        if outside(self.due, &c.due) || outside(self.access, &c.access) {
            fail |= OTHER;
        }
        fail
    }
}

/// One query's pass: its filters, and what it has counted.
pub(super) struct Pass<'a> {
    c: &'a Columns,
    /// The directory's completion codes, per row.
    completion: &'a [u8],
    limits: Limits,
    /// Per combination: which of the status, certificate, type and completion filters fail.
    small: [u8; COMBOS],
    /// Whether the matching rows are listed (not when the answer is every row).
    list_rows: bool,
    rows: Vec<u32>,
    courses: Vec<u32>,
    learners: Vec<u32>,
    /// Rows per learner passing every filter but the department one (empty: not counted).
    by_learner: Vec<u32>,
    /// Rows per combination passing every filter but those four.
    combos: [u32; COMBOS],
}

impl<'a> Pass<'a> {
    /// A pass over the rows of `c` for `filter`, its other filters resolved to `limits`,
    /// counting the course and learner facets of `counted`, and learners for departments when
    /// `by_learner` is not empty.
    pub fn new(
        c: &'a Columns,
        completion: &'a [u8],
        filter: &Filter,
        limits: Limits,
        list_rows: bool,
        counted: Counted,
        by_learner: Vec<u32>,
    ) -> Self {
        let mut small = [0; COMBOS];
        for (combo, fail) in small.iter_mut().enumerate() {
            let [status, cert, kind, completion] = places(combo);
            if !filter.statuses.admits_place(status) {
                *fail |= STATUS;
            }
            if !filter.certificates.admits_place(cert) {
                *fail |= CERT;
            }
            if !filter.types.admits_place(kind) {
                *fail |= TYPE;
            }
            if !filter.completions.admits_place(completion) {
                *fail |= COMPLETION;
            }
        }
        Pass {
            c,
            completion,
            limits,
            small,
            list_rows,
            rows: Vec::new(),
            courses: vec![0; if counted.courses { c.courses.len() } else { 0 }],
            learners: vec![0; if counted.learners { c.learners.len() } else { 0 }],
            by_learner,
            combos: [0; COMBOS],
        }
    }

    /// Every row in load order, or in reverse.
    pub fn run_loaded(&mut self, descending: bool) {
        let n = self.c.flags.len() as u32;
        let mut block = [0u32; BLOCK];
        let mut done = 0;
        while done < n {
            let len = (n - done).min(BLOCK as u32);
            for (i, row) in (0..len).zip(&mut block) {
                *row = if descending { n - 1 - done - i } else { done + i };
            }
            self.visit(block.get(..len as usize).unwrap_or_default());
            done += len;
        }
    }

    /// The rows listed, in that order.
    pub fn run_listed(&mut self, order: &[u32]) {
        for block in order.chunks(BLOCK) {
            self.visit(block);
        }
    }

    /// The rows listed that are in `matches`, in the order listed.
    pub fn run_listed_matching(&mut self, order: &[u32], matches: &FixedBitSet) {
        let mut block = [0u32; BLOCK];
        for rows in order.chunks(BLOCK) {
            let mut len = 0;
            for &r in rows {
                if let Some(slot) = block.get_mut(len) {
                    // Written every time, kept when it matches: no branch per row.
                    *slot = r;
                    len += usize::from(matches.contains(r as usize));
                }
            }
            self.visit(block.get(..len).unwrap_or_default());
        }
    }

    /// The rows in `matches`, in load order or in reverse: their bits walked a word at a time.
    pub fn run_matching(&mut self, matches: &FixedBitSet, descending: bool) {
        let words = matches.as_slice();
        let mut block = [0u32; BLOCK];
        let mut len = 0;
        for i in 0..words.len() {
            let w = if descending { words.len() - 1 - i } else { i };
            let mut word = words.get(w).copied().unwrap_or(0);
            while word != 0 {
                let bit = if descending {
                    WORD - 1 - word.leading_zeros() as usize
                } else {
                    word.trailing_zeros() as usize
                };
                word &= !(1 << bit);
                if let Some(slot) = block.get_mut(len) {
                    *slot = (w * WORD + bit) as u32;
                    len += 1;
                }
            }
            // A word adds at most WORD rows: flushed from WORD on, the block never overflows.
            if len >= WORD {
                self.visit(block.get(..len).unwrap_or_default());
                len = 0;
            }
        }
        self.visit(block.get(..len).unwrap_or_default());
    }

    /// Applies the filters to `rows` and counts each where it belongs.
    fn visit(&mut self, rows: &[u32]) {
        if self.limits.are_open()
            && self.courses.is_empty()
            && self.learners.is_empty()
            && self.by_learner.is_empty()
        {
            return self.visit_combinations(rows);
        }
        // The course and learner columns' widths, matched once a block rather than per row.
        let c = self.c;
        match (&c.course, &c.learner) {
            (IndexColumn::Narrow(course), IndexColumn::Narrow(learner)) => {
                self.visit_with(rows, course, learner)
            }
            (IndexColumn::Narrow(course), IndexColumn::Wide(learner)) => {
                self.visit_with(rows, course, learner)
            }
            (IndexColumn::Wide(course), IndexColumn::Narrow(learner)) => {
                self.visit_with(rows, course, learner)
            }
            (IndexColumn::Wide(course), IndexColumn::Wide(learner)) => self.visit_with(rows, course, learner),
        }
    }

    /// [`Self::visit`] over the course and learner columns as they are stored.
    fn visit_with<C: Copy + Into<u32>, L: Copy + Into<u32>>(
        &mut self,
        rows: &[u32],
        course_of: &[C],
        learner_of: &[L],
    ) {
        let c = self.c;
        let open = self.limits.are_open();
        let mut listed = [0u32; BLOCK];
        let mut n = 0;
        for &r in rows {
            let r = r as usize;
            let (Some(&flags), Some(&course), Some(&learner)) =
                (c.flags.get(r), course_of.get(r), learner_of.get(r))
            else {
                continue;
            };
            let (course, learner) = (course.into() as usize, learner.into() as usize);
            let combo = self.combination(flags, r) & (COMBOS - 1);
            let others = if open {
                0
            } else {
                self.limits.failures(c, r, course, learner)
            };
            let passes = self.small[combo] == 0;
            self.combos[combo] += u32::from(others == 0);
            add(&mut self.courses, course, passes && others & !COURSE == 0);
            add(&mut self.learners, learner, passes && others & !LEARNER == 0);
            add(&mut self.by_learner, learner, passes && others & !DEPARTMENT == 0);
            if let Some(slot) = listed.get_mut(n) {
                // Written every time, kept when the row passes.
                *slot = r as u32;
                n += usize::from(passes && others == 0);
            }
        }
        if self.list_rows {
            self.rows.extend_from_slice(listed.get(..n).unwrap_or_default());
        }
    }

    /// [`Self::visit`] when only the status, certificate, type and completion filters can fail
    /// and only their facets are counted: two columns read per row.
    fn visit_combinations(&mut self, rows: &[u32]) {
        let mut listed = [0u32; BLOCK];
        let mut n = 0;
        for &r in rows {
            let Some(&flags) = self.c.flags.get(r as usize) else {
                continue;
            };
            let combo = self.combination(flags, r as usize) & (COMBOS - 1);
            self.combos[combo] += 1;
            if let Some(slot) = listed.get_mut(n) {
                // Written every time, kept when the row passes.
                *slot = r;
                n += usize::from(self.small[combo] == 0);
            }
        }
        if self.list_rows {
            self.rows.extend_from_slice(listed.get(..n).unwrap_or_default());
        }
    }

    /// Row `r`'s combination, from its `flags` and its completion option, masked to [`COMBOS`]
    /// (the callers mask it again where they index: the mask in sight, the per-combination
    /// tables need no bounds check).
    fn combination(&self, flags: u8, r: usize) -> usize {
        let completion = self
            .completion
            .get(r)
            .map_or(NO_RESULT, |&code| code.min(NO_RESULT));
        (usize::from((flags & FLAG_BITS) >> FLAG_SHIFT) | usize::from(completion) << COMPLETION_SHIFT)
            & (COMBOS - 1)
    }

    /// The rows that pass (in the order visited; empty unless listed), the facet counts, and
    /// the rows per learner for the department facets.
    pub fn finish(self) -> (Vec<u32>, Facets, Vec<u32>) {
        let mut facets = Facets {
            courses: self.courses,
            learners: self.learners,
            ..Facets::default()
        };
        for (combo, (&rows, &fail)) in self.combos.iter().zip(&self.small).enumerate() {
            if rows == 0 {
                continue;
            }
            let [status, cert, kind, completion] = places(combo);
            let counts: [(&mut [u32], u8, u8); 4] = [
                (&mut facets.statuses, status, STATUS),
                (&mut facets.certificates, cert, CERT),
                (&mut facets.types, kind, TYPE),
                (&mut facets.completions, completion, COMPLETION),
            ];
            for (counts, place, own) in counts {
                // Counted where it passes every filter but this facet's own.
                if let Some(n) = counts.get_mut(usize::from(place)).filter(|_| fail & !own == 0) {
                    *n += rows;
                }
            }
        }
        (self.rows, facets, self.by_learner)
    }
}

/// A combination's places: status, certificate state, type and completion option.
fn places(combo: usize) -> [u8; 4] {
    let flags = ((combo as u32) << FLAG_SHIFT) as u8;
    [
        flags >> STATUS_SHIFT & 0b111,
        flags >> CERT_SHIFT & 0b11,
        u8::from(flags & CATALOG != 0),
        (combo >> COMPLETION_SHIFT) as u8,
    ]
}

/// Adds one to `counts[i]` when `yes` (nothing when `i` is out of range).
fn add(counts: &mut [u32], i: usize, yes: bool) {
    if let Some(n) = counts.get_mut(i) {
        *n += u32::from(yes);
    }
}
