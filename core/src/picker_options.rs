//! What a course, learner or department picker lists: the options its search text finds,
//! selected first, then by count and label (departments in tree order), only the first few.
//!
//! A million enrollments hold about 100,000 learners, and a picker lists again on every
//! keystroke and every filter while it is open. Learners and courses are found through the
//! store's folded texts (one byte search, as the search box finds them), and only the listed
//! options are built: the others are ranked without a copy of their texts and kept out of the
//! list as soon as they rank below its last option, one pass whatever their number.

use std::cmp::Ordering;

use crate::fold::{fold, occurs_in};
use crate::ids::contains_folded;
use crate::sorting::sort_by;
use crate::store::EnrollmentStore;

/// Which dimension a picker selects (numbered as the message table lists the pickers' words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// Courses.
    Course = 0,
    /// Learners.
    Learner = 1,
    /// Departments, each with the departments below it.
    Department = 2,
}

impl PickerKind {
    /// `course`, `learner` or `department`.
    pub fn id(self) -> &'static str {
        match self {
            PickerKind::Course => "course",
            PickerKind::Learner => "learner",
            PickerKind::Department => "department",
        }
    }
}

/// One listed option.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PickerOption {
    /// The course, learner or department ID (what the filter holds).
    pub id: String,
    /// Title, name or department name; the ID while it is not known.
    pub label: String,
    /// Shown on hover: the ID (and a department's path).
    pub hint: String,
    /// Indentation (departments below others).
    pub depth: usize,
    /// Enrollments it has among those the other filters let through.
    pub count: u32,
    /// In the filter.
    pub selected: bool,
}

/// The options a picker lists, and how many matched in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PickerList {
    /// At most the limit asked for, best first.
    pub options: Vec<PickerOption>,
    /// Options matching the search text (listed or not).
    pub found: usize,
}

/// A course or learner being ranked: nothing copied.
struct Candidate<'a> {
    id: &'a str,
    label: &'a str,
    count: u32,
    selected: bool,
}

impl Candidate<'_> {
    /// Selected first, then the larger count, then the label.
    fn rank(&self, other: &Candidate<'_>) -> Ordering {
        other
            .selected
            .cmp(&self.selected)
            .then(other.count.cmp(&self.count))
            .then_with(|| self.label.cmp(other.label))
    }
}

/// The options of `kind` that `needle` (already folded, [`crate::fold::fold`]) finds: courses
/// by ID or title, learners by ID, name, e-mail, login or department path (as the search box
/// finds them, [`EnrollmentStore::course_and_learner_hits`]), departments by ID or path. Those
/// in `chosen` first, then by their count in `counts` (indexed like the store's courses,
/// learners or departments; missing counts are 0) and label, ties in the store's order;
/// departments in tree order, those in `chosen` first. At most `limit`.
pub fn picker_options(
    store: &EnrollmentStore,
    kind: PickerKind,
    needle: &str,
    counts: &[u32],
    chosen: &[String],
    limit: usize,
) -> PickerList {
    let wanted = Wanted {
        counts,
        chosen,
        limit,
    };
    let hits = || (!needle.is_empty()).then(|| store.course_and_learner_hits(needle));
    match kind {
        PickerKind::Course => ranked(
            &mut store.courses(),
            &|i| store.title_of_course(i),
            hits().map(|(courses, _)| courses),
            wanted,
        ),
        PickerKind::Learner => ranked(
            &mut store.learners(),
            &|i| store.name_of_learner(i),
            hits().map(|(_, learners)| learners),
            wanted,
        ),
        PickerKind::Department => department_options(store, needle, wanted),
    }
}

/// What a listing counts, puts first and how long it gets.
#[derive(Clone, Copy)]
struct Wanted<'a> {
    counts: &'a [u32],
    chosen: &'a [String],
    limit: usize,
}

impl Wanted<'_> {
    fn count(&self, index: u32) -> u32 {
        self.counts.get(index as usize).copied().unwrap_or(0)
    }

    fn chosen(&self, id: &str) -> bool {
        self.chosen.iter().any(|c| c == id)
    }
}

/// The best `wanted.limit` of the courses or learners `ids` (index and ID) found (`found_by`,
/// per index; `None`: all), by [`Candidate::rank`]; only those are copied. Behind references:
/// one copy for both kinds.
fn ranked<'a>(
    ids: &mut dyn Iterator<Item = (u32, &'a str)>,
    label_of: &dyn Fn(u32) -> Option<&'a str>,
    found_by: Option<Vec<bool>>,
    wanted: Wanted<'_>,
) -> PickerList {
    let mut found = 0;
    let mut best: Vec<Candidate<'a>> = Vec::new();
    for (index, id) in ids {
        let hit = found_by
            .as_ref()
            .is_none_or(|hits| hits.get(index as usize).copied().unwrap_or(false));
        if !hit {
            continue;
        }
        let label = label_of(index).unwrap_or(id);
        found += 1;
        let candidate = Candidate {
            id,
            label,
            count: wanted.count(index),
            selected: wanted.chosen(id),
        };
        let full = best.len() >= wanted.limit;
        if full
            && best
                .last()
                .is_none_or(|last| candidate.rank(last) != Ordering::Less)
        {
            continue;
        }
        // After every listed option it does not rank before (equal ones keep their order).
        let at = best.partition_point(|b| candidate.rank(b) != Ordering::Less);
        best.insert(at, candidate);
        best.truncate(wanted.limit);
    }
    let options = best
        .into_iter()
        .map(|c| PickerOption {
            id: c.id.to_owned(),
            label: c.label.to_owned(),
            hint: c.id.to_owned(),
            depth: 0,
            count: c.count,
            selected: c.selected,
        })
        .collect();
    PickerList { options, found }
}

/// The departments whose ID or path contains `needle`, in tree order (indented by depth) with
/// an empty needle and by their path otherwise; those chosen first. There are few: all are
/// built, then cut.
fn department_options(store: &EnrollmentStore, needle: &str, wanted: Wanted<'_>) -> PickerList {
    let mut options: Vec<PickerOption> = store
        .departments()
        .options()
        .into_iter()
        .filter(|d| contains_folded(&d.id, needle) || occurs_in(&fold(&d.path), needle))
        .map(|d| PickerOption {
            hint: format!("{}\n{}", d.path, d.id),
            depth: if needle.is_empty() { d.depth } else { 0 },
            label: if needle.is_empty() { d.name.into() } else { d.path },
            count: wanted.count(d.index),
            selected: wanted.chosen(&d.id),
            id: d.id.into(),
        })
        .collect();
    let found = options.len();
    sort_by(&mut options, |a, b| b.selected.cmp(&a.selected));
    options.truncate(wanted.limit);
    PickerList { options, found }
}
