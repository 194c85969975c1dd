//! What the view asks the store for: filter criteria, sort order, and the answer (matching
//! rows in order, plus facet counts).

use std::marker::PhantomData;

use time::Date;

use crate::model::EnrollmentType;
use crate::related::CompletionStatus;
use crate::status::{CertificateState, Status};

/// A value a [`Set`] holds: one of a short, fixed list (at most 16).
pub trait Member: Copy + PartialEq + 'static {
    /// Every value, in display order; a value's place here is its bit in a set.
    const ALL: &'static [Self];

    /// The value's place in [`Member::ALL`] (its facet count's index too).
    fn place(self) -> u8 {
        Self::ALL
            .iter()
            .position(|v| *v == self)
            .unwrap_or(Self::ALL.len()) as u8
    }
}

impl Member for Status {
    const ALL: &'static [Status] = &Status::ALL;
}

impl Member for CertificateState {
    const ALL: &'static [CertificateState] = &CertificateState::ALL;
}

impl Member for EnrollmentType {
    const ALL: &'static [EnrollmentType] = &EnrollmentType::ALL;
}

/// Completion options: each known status, then `None` for "no result yet" (so a value's place
/// is its [`completion_index`]).
impl Member for Option<CompletionStatus> {
    const ALL: &'static [Option<CompletionStatus>] = &[
        Some(CompletionStatus::NotStarted),
        Some(CompletionStatus::InProgress),
        Some(CompletionStatus::Pending),
        Some(CompletionStatus::Complete),
        Some(CompletionStatus::Passed),
        Some(CompletionStatus::Accepted),
        Some(CompletionStatus::Incomplete),
        Some(CompletionStatus::Failed),
        Some(CompletionStatus::Declined),
        None,
    ];
}

/// A set of statuses, certificate states, types or completions, as a bit mask; empty means "no
/// restriction".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Set<T> {
    bits: u16,
    of: PhantomData<fn() -> T>,
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set {
            bits: 0,
            of: PhantomData,
        }
    }
}

impl<T: Member> Set<T> {
    /// `true` when nothing is selected (everything passes).
    pub fn is_any(self) -> bool {
        self.bits == 0
    }

    /// `true` when `value` is selected.
    pub fn contains(self, value: T) -> bool {
        self.bits & bit_of(value) != 0
    }

    /// Selects or deselects `value`.
    pub fn toggle(&mut self, value: T) {
        self.bits ^= bit_of(value);
    }

    /// Deselects `value`.
    pub fn remove(&mut self, value: T) {
        self.bits &= !bit_of(value);
    }

    /// The selected values, in display order.
    pub fn iter(self) -> impl Iterator<Item = T> {
        T::ALL.iter().copied().filter(move |v| self.contains(*v))
    }

    /// A set of the given values.
    pub fn of(values: impl IntoIterator<Item = T>) -> Self {
        let bits = values.into_iter().fold(0, |acc, v| acc | bit_of(v));
        Set {
            bits,
            of: PhantomData,
        }
    }

    /// Whether a row whose value sits at `place` in [`Member::ALL`] passes (the store keeps
    /// places, packed).
    pub(crate) fn admits_place(self, place: u8) -> bool {
        self.is_any() || self.bits & 1u16.checked_shl(u32::from(place)).unwrap_or(0) != 0
    }
}

/// The bit of `value`: its place in [`Member::ALL`] (none for a value not listed).
fn bit_of<T: Member>(value: T) -> u16 {
    1u16.checked_shl(u32::from(value.place())).unwrap_or(0)
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
    /// Selected statuses.
    pub statuses: Set<Status>,
    /// Selected certificate states.
    pub certificates: Set<CertificateState>,
    /// Selected enrollment types.
    pub types: Set<EnrollmentType>,
    /// Selected completion statuses (`None`: no result yet).
    pub completions: Set<Option<CompletionStatus>>,
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
        self.statuses.toggle(status);
        self
    }

    /// Selects only `state`.
    pub fn with_certificate(mut self, state: CertificateState) -> Self {
        self.certificates.toggle(state);
        self
    }

    /// Selects only `kind`.
    pub fn with_type(mut self, kind: EnrollmentType) -> Self {
        self.types.toggle(kind);
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
        chips.extend(self.statuses.iter().map(ActiveFilter::Status));
        chips.extend(self.certificates.iter().map(ActiveFilter::Certificate));
        chips.extend(self.types.iter().map(ActiveFilter::Type));
        chips.extend(self.completions.iter().map(ActiveFilter::Completion));
        if !self.due.is_open() {
            chips.push(ActiveFilter::Due(self.due));
        }
        if !self.access.is_open() {
            chips.push(ActiveFilter::Access(self.access));
        }
        chips
    }

    /// Removes one criterion (the chip's × button).
    pub fn remove(&mut self, chip: &ActiveFilter) {
        match chip {
            ActiveFilter::Text(_) => self.text.clear(),
            ActiveFilter::Course(id) => self.courses.retain(|c| c != id),
            ActiveFilter::Learner(id) => self.learners.retain(|l| l != id),
            ActiveFilter::Department(id) => self.departments.retain(|d| d != id),
            ActiveFilter::Status(s) => self.statuses.remove(*s),
            ActiveFilter::Certificate(s) => self.certificates.remove(*s),
            ActiveFilter::Type(t) => self.types.remove(*t),
            ActiveFilter::Completion(status) => self.completions.remove(*status),
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

/// Which of the facets per course, learner and department a query counts. Each costs every row
/// a query visits a counter update (at a million rows, together about 5 ms of a chip press), and
/// only a picker open on that dimension shows them; the status, certificate, type and
/// completion facets are always counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counted {
    /// [`Facets::courses`].
    pub courses: bool,
    /// [`Facets::learners`].
    pub learners: bool,
    /// [`Facets::departments`].
    pub departments: bool,
}

impl Counted {
    /// Every facet.
    pub const ALL: Counted = Counted {
        courses: true,
        learners: true,
        departments: true,
    };
}

/// Facet counts: for each option, how many rows would match if that dimension's own selection
/// were replaced by just this option, with every other active filter applied. The facets per
/// course, learner and department are empty unless the query counted them ([`Counted`]).
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
    pub rows: Rows,
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

    /// The rows at positions `[start, end)` (clamped), in order.
    pub fn rows_in(&self, start: usize, end: usize) -> Vec<u32> {
        (start..end.min(self.len()))
            .filter_map(|i| self.rows.get(i))
            .collect()
    }

    /// How many of positions `[start, end)` hold a row (for windowed rendering).
    pub fn count_in(&self, start: usize, end: usize) -> usize {
        end.min(self.len()).saturating_sub(start)
    }
}

/// Row numbers in display order: every row of the store in load order (nothing restricted and
/// no sort: no list is kept, four bytes a row spared), or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    /// Rows `0..len`, or `len - 1` down to 0.
    Every {
        /// Rows in the store.
        len: u32,
        /// Last loaded first.
        descending: bool,
    },
    /// These rows, in this order.
    Listed(Vec<u32>),
}

impl Default for Rows {
    fn default() -> Self {
        Rows::Listed(Vec::new())
    }
}

impl Rows {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Rows::Every { len, .. } => *len as usize,
            Rows::Listed(rows) => rows.len(),
        }
    }

    /// `true` when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row at position `index`.
    pub fn get(&self, index: usize) -> Option<u32> {
        match self {
            Rows::Every { len, descending } => {
                let index = u32::try_from(index).ok().filter(|&i| i < *len)?;
                Some(if *descending { len - 1 - index } else { index })
            }
            Rows::Listed(rows) => rows.get(index).copied(),
        }
    }

    /// The rows in order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Rows::Every { .. } => 0,
            Rows::Listed(rows) => rows.capacity() * 4,
        }
    }

    /// The rows in order, as a list.
    pub fn to_vec(&self) -> Vec<u32> {
        match self {
            Rows::Listed(rows) => rows.clone(),
            every => every.iter().collect(),
        }
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
        let mut set = Set::of([Status::Active, Status::Overdue]);
        set.remove(Status::Active);
        assert_eq!(set, Set::of([Status::Overdue]));
        assert!(Set::<Status>::default().admits_place(4) && !set.admits_place(2) && set.admits_place(3));
        assert_eq!(set.iter().collect::<Vec<_>>(), [Status::Overdue]);
        // Places follow `Member::ALL`: "no result yet" is the completion filter's last option.
        let none = Set::of([None::<CompletionStatus>]);
        assert!(none.admits_place(NO_RESULT) && !none.admits_place(0));
        assert_eq!(completion_index(None), NO_RESULT);
        for (place, status) in CompletionStatus::ALL.iter().enumerate() {
            assert_eq!(usize::from(completion_index(Some(*status))), place);
            assert!(Set::of([Some(*status)]).admits_place(place as u8));
        }
    }

    #[test]
    fn sort_key_ids_round_trip() {
        for key in SortKey::ALL {
            assert_eq!(SortKey::from_id(key.id()), Some(key));
        }
        assert_eq!(SortKey::from_id("nope"), None);
    }
}
