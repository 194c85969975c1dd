//! What the view asks the store for: filter criteria, sort order, and the answer (matching
//! rows in order, plus facet counts).

use time::Date;

use crate::model::EnrollmentType;
use crate::related::CompletionStatus;
use crate::status::{CertificateState, Status};

/// A set of small enum values as a bit mask; empty means "no restriction".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Choice(u16);

impl Choice {
    /// No option selected (everything passes).
    pub const ANY: Choice = Choice(0);

    /// `true` when nothing is selected.
    pub fn is_any(self) -> bool {
        self.0 == 0
    }

    /// `true` when option `index` is selected.
    pub fn contains(self, index: u8) -> bool {
        self.0 & bit(index) != 0
    }

    /// Selects or deselects option `index`.
    pub fn toggle(&mut self, index: u8) {
        self.0 ^= bit(index);
    }

    /// Deselects option `index`.
    pub fn remove(&mut self, index: u8) {
        self.0 &= !bit(index);
    }

    /// Whether a row with option `index` passes.
    pub(crate) fn admits(self, index: u8) -> bool {
        self.is_any() || self.contains(index)
    }

    /// A set of the given options.
    pub fn of(indices: impl IntoIterator<Item = u8>) -> Choice {
        Choice(indices.into_iter().fold(0, |acc, i| acc | bit(i)))
    }
}

/// The bit of option `index` (none past the sixteenth).
fn bit(index: u8) -> u16 {
    1u16.checked_shl(u32::from(index)).unwrap_or(0)
}

/// Completion options of the filter: the index of a [`CompletionStatus`] in
/// [`CompletionStatus::ALL`], or this one for "no result yet".
pub const NO_RESULT: u8 = CompletionStatus::ALL.len() as u8;

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
    /// Selected department IDs (any of them, each with its sub-departments); empty = all.
    pub departments: Vec<String>,
    /// Selected [`Status`]es, by `Status as u8`.
    pub statuses: Choice,
    /// Selected [`CertificateState`]s, by `CertificateState as u8`.
    pub certificates: Choice,
    /// Selected [`EnrollmentType`]s, by `EnrollmentType as u8`.
    pub types: Choice,
    /// Selected completion statuses (see [`NO_RESULT`]).
    pub completions: Choice,
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

/// One active criterion, as shown in the "active filters" chips.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActiveFilter {
    /// The search text.
    Text(String),
    /// One selected course.
    Course(String),
    /// One selected learner.
    Learner(String),
    /// One selected department (with its sub-departments).
    Department(String),
    /// One selected status.
    Status(Status),
    /// One selected certificate state.
    Certificate(CertificateState),
    /// One selected enrollment type.
    Type(EnrollmentType),
    /// One selected completion status (`None`: no result yet).
    Completion(Option<CompletionStatus>),
    /// The due-date range.
    Due(DateRange),
    /// The access-date range.
    Access(DateRange),
}

impl ActiveFilter {
    /// A stable key for the chip: its kind and value ids (`"status:overdue"`,
    /// `"due:2026-11-01/"`), the same whatever the language.
    pub fn key(&self) -> String {
        let day = |d: Option<time::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let range = |r: &DateRange| format!("{}/{}", day(r.from), day(r.to));
        match self {
            ActiveFilter::Text(text) => format!("text:{text}"),
            ActiveFilter::Course(id) => format!("course:{id}"),
            ActiveFilter::Learner(id) => format!("learner:{id}"),
            ActiveFilter::Department(id) => format!("department:{id}"),
            ActiveFilter::Status(status) => format!("status:{}", status.id()),
            ActiveFilter::Certificate(state) => format!("certificate:{}", state.id()),
            ActiveFilter::Type(kind) => format!("type:{}", kind.id()),
            ActiveFilter::Completion(status) => {
                format!("completion:{}", status.map_or("none", CompletionStatus::id))
            }
            ActiveFilter::Due(r) => format!("due:{}", range(r)),
            ActiveFilter::Access(r) => format!("access:{}", range(r)),
        }
    }
}

impl Filter {
    /// Every active criterion, one chip each, in filter-bar order.
    pub fn active(&self) -> Vec<ActiveFilter> {
        let mut chips = Vec::new();
        let text = self.text.trim();
        if !text.is_empty() {
            chips.push(ActiveFilter::Text(text.to_owned()));
        }
        chips.extend(self.courses.iter().cloned().map(ActiveFilter::Course));
        chips.extend(self.learners.iter().cloned().map(ActiveFilter::Learner));
        chips.extend(self.departments.iter().cloned().map(ActiveFilter::Department));
        chips.extend(
            Status::ALL
                .into_iter()
                .filter(|s| self.statuses.contains(*s as u8))
                .map(ActiveFilter::Status),
        );
        chips.extend(
            CertificateState::ALL
                .into_iter()
                .filter(|s| self.certificates.contains(*s as u8))
                .map(ActiveFilter::Certificate),
        );
        chips.extend(
            EnrollmentType::ALL
                .into_iter()
                .filter(|t| self.types.contains(*t as u8))
                .map(ActiveFilter::Type),
        );
        chips.extend(self.selected_completions().map(ActiveFilter::Completion));
        if !self.due.is_open() {
            chips.push(ActiveFilter::Due(self.due));
        }
        if !self.access.is_open() {
            chips.push(ActiveFilter::Access(self.access));
        }
        chips
    }

    /// The selected statuses, in display order.
    pub fn selected_statuses(&self) -> impl Iterator<Item = Status> + '_ {
        Status::ALL
            .into_iter()
            .filter(|s| self.statuses.contains(*s as u8))
    }

    /// The selected certificate states, in display order.
    pub fn selected_certificates(&self) -> impl Iterator<Item = CertificateState> + '_ {
        CertificateState::ALL
            .into_iter()
            .filter(|s| self.certificates.contains(*s as u8))
    }

    /// The selected enrollment types, in display order.
    pub fn selected_types(&self) -> impl Iterator<Item = EnrollmentType> + '_ {
        EnrollmentType::ALL
            .into_iter()
            .filter(|t| self.types.contains(*t as u8))
    }

    /// The selected completion statuses (`None`: no result yet), in display order.
    pub fn selected_completions(&self) -> impl Iterator<Item = Option<CompletionStatus>> + '_ {
        (0..=NO_RESULT)
            .filter(|&i| self.completions.contains(i))
            .map(|i| CompletionStatus::ALL.get(usize::from(i)).copied())
    }

    /// Removes one criterion (the chip's × button).
    pub fn remove(&mut self, chip: &ActiveFilter) {
        match chip {
            ActiveFilter::Text(_) => self.text.clear(),
            ActiveFilter::Course(id) => self.courses.retain(|c| c != id),
            ActiveFilter::Learner(id) => self.learners.retain(|l| l != id),
            ActiveFilter::Department(id) => self.departments.retain(|d| d != id),
            ActiveFilter::Status(s) => self.statuses.remove(*s as u8),
            ActiveFilter::Certificate(s) => self.certificates.remove(*s as u8),
            ActiveFilter::Type(t) => self.types.remove(*t as u8),
            ActiveFilter::Completion(status) => self.completions.remove(completion_index(*status)),
            ActiveFilter::Due(_) => self.due = DateRange::default(),
            ActiveFilter::Access(_) => self.access = DateRange::default(),
        }
    }

    /// Selects `id` among the courses if it is not, deselects it if it is.
    pub fn toggle_course(&mut self, id: &str) {
        toggle_id(&mut self.courses, id);
    }

    /// Selects `id` among the learners if it is not, deselects it if it is.
    pub fn toggle_learner(&mut self, id: &str) {
        toggle_id(&mut self.learners, id);
    }

    /// Selects department `id` (with its sub-departments) if it is not, deselects it if it is.
    pub fn toggle_department(&mut self, id: &str) {
        toggle_id(&mut self.departments, id);
    }
}

/// The filter's option for a completion status (`None`: no result yet).
pub fn completion_index(status: Option<CompletionStatus>) -> u8 {
    status
        .and_then(|s| CompletionStatus::ALL.iter().position(|x| *x == s))
        .map_or(NO_RESULT, |i| i as u8)
}

fn toggle_id(ids: &mut Vec<String>, id: &str) {
    match ids.iter().position(|x| x == id) {
        Some(i) => {
            ids.remove(i);
        }
        None => ids.push(id.to_owned()),
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
    /// Course title (the ID until the title is known).
    Course,
    /// Learner name (the ID until the name is known).
    Learner,
    /// Derived [`Status`].
    Status,
    /// Progress in percent; enrollments without a result come last.
    Progress,
    /// Completion date; enrollments not completed come last.
    CompletionDate,
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
    /// Per course index (see [`EnrollmentStore::courses`](crate::store::EnrollmentStore::courses)).
    pub courses: Vec<u32>,
    /// Per learner index.
    pub learners: Vec<u32>,
    /// Per department index (see [`DepartmentTree`](crate::departments::DepartmentTree)), each
    /// including the departments below it; empty while no department is known.
    pub departments: Vec<u32>,
    /// Per [`Status`] (`Status as usize`).
    pub statuses: [u32; 5],
    /// Per [`CertificateState`].
    pub certificates: [u32; 4],
    /// Per [`EnrollmentType`].
    pub types: [u32; 2],
    /// Per completion option (see [`NO_RESULT`]).
    pub completions: [u32; NO_RESULT as usize + 1],
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

impl SortKey {
    /// Every key, in menu order.
    pub const ALL: [SortKey; 8] = [
        SortKey::Loaded,
        SortKey::DueDate,
        SortKey::AccessDate,
        SortKey::Course,
        SortKey::Learner,
        SortKey::Status,
        SortKey::Progress,
        SortKey::CompletionDate,
    ];

    /// Stable identifier for menus and saved state.
    pub fn id(self) -> &'static str {
        match self {
            SortKey::Loaded => "loaded",
            SortKey::DueDate => "due",
            SortKey::AccessDate => "access",
            SortKey::Course => "course",
            SortKey::Learner => "learner",
            SortKey::Status => "status",
            SortKey::Progress => "progress",
            SortKey::CompletionDate => "completed",
        }
    }

    /// The key with identifier `id`.
    pub fn from_id(id: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.id() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn active_chips_list_and_remove_each_criterion() {
        let mut filter = Filter {
            text: " abc ".into(),
            courses: vec!["c1".into(), "c2".into()],
            due: DateRange {
                from: Some(date!(2026 - 11 - 01)),
                to: None,
            },
            ..Filter::default()
        }
        .with_status(Status::Overdue)
        .with_certificate(CertificateState::Expired)
        .with_type(EnrollmentType::FromCatalog);
        let chips = filter.active();
        let keys: Vec<String> = chips.iter().map(ActiveFilter::key).collect();
        assert_eq!(
            keys,
            [
                "text:abc",
                "course:c1",
                "course:c2",
                "status:overdue",
                "certificate:expired",
                "type:catalog",
                "due:2026-11-01/"
            ]
        );
        for chip in &chips {
            filter.remove(chip);
        }
        assert!(filter.is_empty(), "{filter:?}");
    }

    #[test]
    fn toggles() {
        let mut filter = Filter::default();
        filter.toggle_course("c1");
        filter.toggle_learner("l1");
        assert_eq!(
            (filter.courses.clone(), filter.learners.clone()),
            (vec!["c1".into()], vec!["l1".into()])
        );
        filter.toggle_course("c1");
        assert!(filter.courses.is_empty());
        let mut choice = Choice::of([1, 3]);
        choice.remove(1);
        assert_eq!(choice, Choice::of([3]));
        assert!(Choice::ANY.admits(4) && !choice.admits(2));
    }

    #[test]
    fn sort_key_ids_round_trip() {
        for key in SortKey::ALL {
            assert_eq!(SortKey::from_id(key.id()), Some(key));
        }
        assert_eq!(SortKey::from_id("nope"), None);
    }
}
