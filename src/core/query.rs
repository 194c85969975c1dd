//! What the view asks the store for: filter criteria, sort order, and the answer (matching
//! rows in order, plus facet counts).

use time::Date;

use crate::core::model::EnrollmentType;
use crate::core::status::{CertificateState, Status};

/// A set of small enum values as a bit mask; empty means "no restriction".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Choice(u8);

impl Choice {
    /// No option selected (everything passes).
    pub const ANY: Choice = Choice(0);

    /// `true` when nothing is selected.
    pub fn is_any(self) -> bool {
        self.0 == 0
    }

    /// `true` when option `index` is selected.
    pub fn contains(self, index: u8) -> bool {
        self.0 & (1 << index) != 0
    }

    /// Selects or deselects option `index`.
    pub fn toggle(&mut self, index: u8) {
        self.0 ^= 1 << index;
    }

    /// Whether a row with option `index` passes.
    pub(crate) fn admits(self, index: u8) -> bool {
        self.is_any() || self.contains(index)
    }

    /// A set of the given options.
    pub fn of(indices: impl IntoIterator<Item = u8>) -> Choice {
        Choice(indices.into_iter().fold(0, |acc, i| acc | 1 << i))
    }
}

/// An inclusive range of days; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct DateRange {
    /// First day included.
    pub from: Option<Date>,
    /// Last day included.
    pub to: Option<Date>,
}

impl DateRange {
    /// `true` when neither end is set.
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// Every criterion the view can combine. The default filter passes everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Case-insensitive substring of the enrollment, course or learner ID.
    pub text: String,
    /// Selected course IDs (any of them); empty = all.
    pub courses: Vec<String>,
    /// Selected learner IDs (any of them); empty = all.
    pub learners: Vec<String>,
    /// Selected [`Status`]es, by `Status as u8`.
    pub statuses: Choice,
    /// Selected [`CertificateState`]s, by `CertificateState as u8`.
    pub certificates: Choice,
    /// Selected [`EnrollmentType`]s, by `EnrollmentType as u8`.
    pub types: Choice,
    /// Due date range; enrollments without a due date fail a set range.
    pub due: DateRange,
    /// Access date range.
    pub access: DateRange,
}

impl Filter {
    /// `true` when the filter restricts nothing.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Selects only `status` (a convenience for chips and tests).
    pub fn with_status(mut self, status: Status) -> Self {
        self.statuses.toggle(status as u8);
        self
    }

    /// Selects only `state`.
    pub fn with_certificate(mut self, state: CertificateState) -> Self {
        self.certificates.toggle(state as u8);
        self
    }

    /// Selects only `kind`.
    pub fn with_type(mut self, kind: EnrollmentType) -> Self {
        self.types.toggle(kind as u8);
        self
    }
}

/// What to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    /// Load order (the order the service sent).
    #[default]
    Loaded,
    /// `dueDate`; enrollments without one come last.
    DueDate,
    /// `accessDate`.
    AccessDate,
    /// Course (by ID until names are known).
    Course,
    /// Learner (by ID until names are known).
    Learner,
    /// Derived [`Status`].
    Status,
}

/// Sort key and direction. Ties keep load order in both directions (stable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Sort {
    /// The key.
    pub key: SortKey,
    /// Largest first.
    pub descending: bool,
}

/// Facet counts: for each option, how many rows would match if that dimension's own selection
/// were replaced by just this option, with every other active filter applied.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    /// Per course index (see [`EnrollmentStore::courses`](crate::core::store::EnrollmentStore::courses)).
    pub courses: Vec<u32>,
    /// Per learner index.
    pub learners: Vec<u32>,
    /// Per [`Status`] (`Status as usize`).
    pub statuses: [u32; 5],
    /// Per [`CertificateState`].
    pub certificates: [u32; 4],
    /// Per [`EnrollmentType`].
    pub types: [u32; 2],
}

/// The answer to a query: matching rows in display order, and facet counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryResult {
    /// Matching row numbers, sorted as asked.
    pub rows: Vec<u32>,
    /// Facet counts.
    pub facets: Facets,
    /// All rows in the store when the query ran.
    pub total: usize,
}

impl QueryResult {
    /// Number of matching rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// `true` when nothing matched.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Rows `[start, end)` of the result (clamped), for windowed rendering.
    pub fn slice(&self, start: usize, end: usize) -> &[u32] {
        let end = end.min(self.rows.len());
        &self.rows[start.min(end)..end]
    }
}
