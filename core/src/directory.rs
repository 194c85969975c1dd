//! What cards show beside IDs: people by learner, titles by course, the department tree, and
//! each enrollment's result. Filled from the related endpoints as their answers arrive, in any
//! order and any number of times; every part may stay empty (a 403 leaves it so), and the cards
//! then show IDs.
//!
//! People and titles are indexed like the store's learner and course interners, results by store
//! row, so looking one up is an index, and a row costs 6 bytes of results.

use std::cell::{Ref, RefCell};
use std::sync::Arc;

use time::Date;

use crate::days::{DayColumn, NO_DAY};
use crate::departments::{DepartmentTree, NO_DEPARTMENT};
use crate::fold::{fold_into, Folded};
use crate::related::{CompletionStatus, Department, LearnerResult, Person, PersonStatus};

/// "No result" in the completion column.
const NO_RESULT: u8 = u8::MAX;
/// "No score" in the score column (scores are kept in hundredths up to 655.34).
const NO_SCORE: u16 = u16::MAX;

/// A learner as the cards show them: their texts in one allocation (a million-enrollment
/// account keeps a hundred thousand of these).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    /// Name, e-mail, login and department ID, one after another (each value is at most
    /// [`crate::parse::MAX_VALUE_BYTES`], so every end fits in 16 bits).
    text: Box<str>,
    /// Where the name, the e-mail and the login end in `text`.
    ends: [u16; 3],
    /// Which of e-mail, login and department ID were sent ([`EMAIL`], [`LOGIN`], [`DEPARTMENT`]).
    sent: u8,
    /// Account state.
    pub status: PersonStatus,
}

const EMAIL: u8 = 1;
const LOGIN: u8 = 2;
const DEPARTMENT: u8 = 4;

impl PersonEntry {
    /// Full name, else e-mail, else login (never empty).
    pub fn name(&self) -> &str {
        self.part(0, self.ends[0])
    }

    /// `EMAIL`.
    pub fn email(&self) -> Option<&str> {
        (self.sent & EMAIL != 0).then(|| self.part(self.ends[0], self.ends[1]))
    }

    /// `LOGIN`.
    pub fn login(&self) -> Option<&str> {
        (self.sent & LOGIN != 0).then(|| self.part(self.ends[1], self.ends[2]))
    }

    /// `departmentId`.
    pub fn department_id(&self) -> Option<&str> {
        (self.sent & DEPARTMENT != 0).then(|| self.text.get(usize::from(self.ends[2])..).unwrap_or_default())
    }

    fn part(&self, start: u16, end: u16) -> &str {
        self.text
            .get(usize::from(start)..usize::from(end))
            .unwrap_or_default()
    }

    /// Heap bytes of its texts.
    pub fn text_bytes(&self) -> usize {
        self.text.len()
    }
}

impl From<Person> for PersonEntry {
    fn from(person: Person) -> PersonEntry {
        PersonEntry::new(
            &person.display_name(),
            person.email.as_deref(),
            person.login.as_deref(),
            person.department_id.as_deref(),
            person.status,
        )
    }
}

impl PersonEntry {
    /// A person shown as `name`, with what else the service sent.
    pub fn new(
        name: &str,
        email: Option<&str>,
        login: Option<&str>,
        department_id: Option<&str>,
        status: PersonStatus,
    ) -> PersonEntry {
        let mut text = String::with_capacity(
            name.len()
                + [email, login, department_id]
                    .iter()
                    .flatten()
                    .map(|s| s.len())
                    .sum::<usize>(),
        );
        let end = |text: &String| u16::try_from(text.len()).unwrap_or(u16::MAX);
        let mut ends = [0u16; 3];
        let mut sent = 0;
        text.push_str(name);
        ends[0] = end(&text);
        for (i, (value, bit)) in [(email, EMAIL), (login, LOGIN)].into_iter().enumerate() {
            if let Some(value) = value {
                text.push_str(value);
                sent |= bit;
            }
            ends[i + 1] = end(&text);
        }
        if let Some(department) = department_id {
            text.push_str(department);
            sent |= DEPARTMENT;
        }
        PersonEntry {
            text: text.into_boxed_str(),
            ends,
            sent,
            status,
        }
    }
}

/// An enrollment's result as the cards show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResultEntry {
    /// `completionStatus`.
    pub status: CompletionStatus,
    /// `progress` in percent.
    pub progress: Option<u8>,
    /// `completionDate`.
    pub completed_on: Option<Date>,
    /// `awardedScore` (to the hundredth).
    pub score: Option<f32>,
}

/// People, titles, departments and results, indexed like the store.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    /// Shared: the widgets of a page keep one copy of each person (see
    /// [`crate::store::EnrollmentStore::add_person_entries`]).
    people: Vec<Option<Arc<PersonEntry>>>,
    titles: Vec<Option<Box<str>>>,
    departments: DepartmentTree,
    /// The department index of each learner with a known person, kept current as people and
    /// departments arrive (a query pads it to every learner, hence the cell).
    learner_departments: RefCell<Vec<u32>>,
    completion: Vec<u8>,
    progress: Vec<u8>,
    completed_on: DayColumn,
    score: Vec<u16>,
    /// Folded search text per learner (name, e-mail, login, department path) and per course
    /// (title), rebuilt (by a search, hence the cell) when people, titles or departments changed.
    search: RefCell<Option<(Folded, Folded)>>,
}

/// Separates the fields of one learner's search record (no folded needle contains it).
const FIELD_SEPARATOR: char = '\u{1f}';

impl Directory {
    /// Records `person` for learner `index` (the store's learner interner index).
    pub fn set_person(&mut self, index: u32, person: Arc<PersonEntry>) {
        let department = self.department_of(&person);
        set(&mut self.people, index, Some(person));
        *self.search.get_mut() = None;
        let column = self.learner_departments.get_mut();
        if column.len() <= index as usize {
            column.resize(index as usize + 1, NO_DEPARTMENT);
        }
        if let Some(d) = column.get_mut(index as usize) {
            *d = department;
        }
    }

    /// The department index of `person` ([`NO_DEPARTMENT`] when none or not known yet).
    fn department_of(&self, person: &PersonEntry) -> u32 {
        let id = person.department_id();
        id.and_then(|id| self.departments.find(id))
            .unwrap_or(NO_DEPARTMENT)
    }

    /// Records `title` for course `index`, unless it has one (a title from `/contents` wins
    /// over a `courseTitle` from results). Empty titles are ignored.
    pub fn offer_title(&mut self, index: u32, title: &str, replace: bool) {
        let title = title.trim();
        let current = self.titles.get(index as usize).and_then(Option::as_ref);
        if !title.is_empty() && (replace || current.is_none()) {
            set(&mut self.titles, index, Some(title.into()));
            *self.search.get_mut() = None;
        }
    }

    /// Records departments (any order; later answers add to earlier ones).
    pub fn add_departments(&mut self, departments: Vec<Department>) {
        self.departments.add(departments);
        *self.search.get_mut() = None;
        let column = self
            .people
            .iter()
            .map(|p| p.as_deref().map_or(NO_DEPARTMENT, |p| self.department_of(p)))
            .collect();
        *self.learner_departments.get_mut() = column;
    }

    /// The department tree.
    pub fn departments(&self) -> &DepartmentTree {
        &self.departments
    }

    /// Makes [`Self::learner_departments`] cover `learners` learners (those without a known
    /// person have [`NO_DEPARTMENT`]).
    pub fn index_learner_departments(&self, learners: usize) {
        let mut column = self.learner_departments.borrow_mut();
        if column.len() < learners {
            column.resize(learners, NO_DEPARTMENT);
        }
    }

    /// The department index of each learner ([`NO_DEPARTMENT`] when the person or their
    /// department is not known), as far as [`Self::index_learner_departments`] padded it.
    pub fn learner_departments(&self) -> Ref<'_, [u32]> {
        Ref::map(self.learner_departments.borrow(), Vec::as_slice)
    }

    /// `true` when no person, title or department is known (searches then skip them).
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.titles.is_empty() && self.departments.is_empty()
    }

    /// Which of `learners` learners and `courses` courses match `folded_needle` (see
    /// [`crate::fold`]) by name, e-mail, login or department path, and by title.
    pub fn search_hits(
        &self,
        learners: usize,
        courses: usize,
        folded_needle: &str,
    ) -> (Vec<bool>, Vec<bool>) {
        let stale = self
            .search
            .borrow()
            .as_ref()
            .is_none_or(|(l, c)| l.len() != learners || c.len() != courses);
        if stale {
            let records = self.search_records(learners, courses);
            *self.search.borrow_mut() = Some(records);
        }
        let search = self.search.borrow();
        let Some((learner_text, course_text)) = &*search else {
            return (vec![false; learners], vec![false; courses]);
        };
        (learner_text.hits(folded_needle), course_text.hits(folded_needle))
    }

    fn search_records(&self, learners: usize, courses: usize) -> (Folded, Folded) {
        let mut learner_text = Folded::with_capacity(learners, learners * 48);
        let mut record = String::new();
        let mut folded = String::new();
        for index in 0..learners as u32 {
            record.clear();
            if let Some(person) = self.person(index) {
                record.push_str(person.name());
                for field in [person.email(), person.login()].into_iter().flatten() {
                    record.push(FIELD_SEPARATOR);
                    record.push_str(field);
                }
                let path = person.department_id().and_then(|d| self.department_path(d));
                if let Some(path) = path {
                    record.push(FIELD_SEPARATOR);
                    record.push_str(&path);
                }
            }
            folded.clear();
            fold_into(&record, &mut folded);
            learner_text.push(&folded);
        }
        let mut course_text = Folded::with_capacity(courses, courses * 32);
        for index in 0..courses as u32 {
            folded.clear();
            fold_into(self.title(index).unwrap_or_default(), &mut folded);
            course_text.push(&folded);
        }
        (learner_text, course_text)
    }

    /// Records `result` for store row `row`, for a store of `rows` rows.
    pub fn set_result(&mut self, row: usize, rows: usize, result: &LearnerResult) {
        if row >= rows {
            return;
        }
        if self.completion.len() < rows {
            self.completion.resize(rows, NO_RESULT);
            self.progress.resize(rows, 0);
            self.completed_on.resize(rows);
            self.score.resize(rows, NO_SCORE);
        }
        let status = CompletionStatus::ALL
            .iter()
            .position(|s| *s == result.completion_status)
            .map_or(NO_RESULT - 1, |i| i as u8);
        self.completion[row] = status;
        self.progress[row] = result.progress.map_or(u8::MAX, |p| p.min(100));
        self.completed_on
            .set(row, result.completion_date.map_or(NO_DAY, Date::to_julian_day));
        self.score[row] = result
            .awarded_score
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map_or(NO_SCORE, |s| {
                (s * 100.0).round().min(f32::from(NO_SCORE - 1)) as u16
            });
    }

    /// The learner at `index`, if known.
    pub fn person(&self, index: u32) -> Option<&PersonEntry> {
        self.people.get(index as usize)?.as_deref()
    }

    /// The title of the course at `index`, if known.
    pub fn title(&self, index: u32) -> Option<&str> {
        self.titles.get(index as usize)?.as_deref()
    }

    /// "Sales / EMEA / Berlin" for a department ID, if the department is known.
    pub fn department_path(&self, id: &str) -> Option<String> {
        self.departments.path_of(id)
    }

    /// Every row's completion option as stored: below [`crate::query::NO_RESULT`] the status's
    /// index in [`CompletionStatus::ALL`]; any other code, and a row past the end, has none.
    pub fn completion_codes(&self) -> &[u8] {
        &self.completion
    }

    /// The result of store row `row`, if known.
    pub fn result(&self, row: usize) -> Option<ResultEntry> {
        let status = *self.completion.get(row)?;
        if status == NO_RESULT {
            return None;
        }
        let status = CompletionStatus::ALL
            .get(status as usize)
            .copied()
            .unwrap_or(CompletionStatus::Unknown);
        let progress = self.progress.get(row).copied().filter(|&p| p <= 100);
        let completed_on = Some(self.completed_on.day(row))
            .filter(|&d| d != NO_DAY)
            .and_then(|d| Date::from_julian_day(d).ok());
        let score = self
            .score
            .get(row)
            .copied()
            .filter(|&s| s != NO_SCORE)
            .map(|s| f32::from(s) / 100.0);
        Some(ResultEntry {
            status,
            progress,
            completed_on,
            score,
        })
    }

    /// How many learners have a known person.
    pub fn people_known(&self) -> usize {
        self.people.iter().flatten().count()
    }

    /// How many rows have a result.
    pub fn results_known(&self) -> usize {
        self.completion.iter().filter(|&&c| c != NO_RESULT).count()
    }

    /// Heap bytes held (estimated).
    pub fn heap_bytes(&self) -> usize {
        let text = |s: &Option<Box<str>>| s.as_ref().map_or(0, |s| s.len());
        let people: usize = self.people.iter().flatten().map(|p| p.text_bytes()).sum();
        let titles: usize = self.titles.iter().map(text).sum();
        let departments = self.departments.heap_bytes() + self.learner_departments.borrow().capacity() * 4;
        people
            + self.people.iter().flatten().count() * std::mem::size_of::<PersonEntry>()
            + self.people.capacity() * std::mem::size_of::<Option<Arc<PersonEntry>>>()
            + titles
            + self.titles.capacity() * std::mem::size_of::<Option<Box<str>>>()
            + departments
            + self.completion.capacity()
            + self.progress.capacity()
            + self.completed_on.heap_bytes()
            + self.score.capacity() * 2
            + self
                .search
                .borrow()
                .as_ref()
                .map_or(0, |(l, c)| l.heap_bytes() + c.heap_bytes())
    }
}

/// `column[index] = value`, growing the column with `None`s.
fn set<T>(column: &mut Vec<Option<T>>, index: u32, value: Option<T>) {
    let index = index as usize;
    if column.len() <= index {
        column.resize_with(index + 1, || None);
    }
    column[index] = value;
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn person(id: &str, first: Option<&str>, last: Option<&str>, email: Option<&str>) -> Person {
        Person {
            user_id: id.into(),
            first_name: first.map(Into::into),
            last_name: last.map(Into::into),
            email: email.map(Into::into),
            login: None,
            job_title: None,
            department_id: Some("d-berlin".into()),
            status: PersonStatus::Active,
        }
    }

    fn entry(id: &str, first: Option<&str>, last: Option<&str>, email: Option<&str>) -> Arc<PersonEntry> {
        Arc::new(person(id, first, last, email).into())
    }

    fn department(id: &str, name: &str, parent: Option<&str>) -> Department {
        Department {
            department_id: id.into(),
            name: name.into(),
            parent_department_id: parent.map(Into::into),
        }
    }

    #[test]
    fn people_and_titles_by_index() {
        let mut dir = Directory::default();
        dir.set_person(3, entry("u3", Some("Анна"), Some("Петрова"), None));
        dir.set_person(0, entry("u0", None, None, Some("siobhan.obrien@example.com")));
        assert_eq!(dir.person(3).map(PersonEntry::name), Some("Анна Петрова"));
        assert_eq!(
            dir.person(0).map(PersonEntry::name),
            Some("siobhan.obrien@example.com")
        );
        assert_eq!(dir.person(1), None);
        assert_eq!(dir.person(99), None);
        assert_eq!(dir.people_known(), 2);
        dir.offer_title(2, "Fire Safety 2026", false);
        dir.offer_title(2, "  ", true);
        assert_eq!(dir.title(2), Some("Fire Safety 2026"));
        dir.offer_title(2, "Fire Safety (copy)", false);
        assert_eq!(
            dir.title(2),
            Some("Fire Safety 2026"),
            "a results title does not replace"
        );
        dir.offer_title(2, "Brandschutz 2026", true);
        assert_eq!(dir.title(2), Some("Brandschutz 2026"));
    }

    #[test]
    fn a_person_keeps_each_text_apart_in_one_allocation() {
        let full = PersonEntry::new(
            "Анна Петрова",
            Some("anna@example.com"),
            Some("apetrova"),
            Some("d-berlin"),
            PersonStatus::Active,
        );
        assert_eq!(full.name(), "Анна Петрова");
        assert_eq!(full.email(), Some("anna@example.com"));
        assert_eq!(full.login(), Some("apetrova"));
        assert_eq!(full.department_id(), Some("d-berlin"));
        // Sent empty is not the same as not sent.
        let sparse = PersonEntry::new("王芳", None, Some(""), None, PersonStatus::Terminated);
        assert_eq!(sparse.name(), "王芳");
        assert_eq!(
            (sparse.email(), sparse.login(), sparse.department_id()),
            (None, Some(""), None)
        );
        assert_eq!(sparse.status, PersonStatus::Terminated);
        assert!(std::mem::size_of::<PersonEntry>() < 3 * std::mem::size_of::<Box<str>>());
    }

    #[test]
    fn learners_know_their_department_once_both_have_arrived() {
        let mut dir = Directory::default();
        dir.set_person(1, entry("u1", Some("Helen"), Some("Ng"), None));
        dir.index_learner_departments(3);
        assert_eq!(*dir.learner_departments(), [NO_DEPARTMENT; 3]);
        dir.add_departments(vec![
            department("d-berlin", "Berlin", Some("d-emea")),
            department("d-emea", "EMEA", None),
        ]);
        dir.index_learner_departments(3);
        assert_eq!(*dir.learner_departments(), [NO_DEPARTMENT, 0, NO_DEPARTMENT]);
        // A person arriving after the tree is placed at once; one in another department moves.
        dir.set_person(4, entry("u4", Some("Ana"), None, None));
        let mut moved = person("u1", Some("Helen"), Some("Ng"), None);
        moved.department_id = Some("d-emea".into());
        dir.set_person(1, Arc::new(moved.into()));
        dir.index_learner_departments(6);
        assert_eq!(
            *dir.learner_departments(),
            [NO_DEPARTMENT, 1, NO_DEPARTMENT, NO_DEPARTMENT, 0, NO_DEPARTMENT]
        );
        assert_eq!(dir.department_path("d-berlin").as_deref(), Some("EMEA / Berlin"));
        assert_eq!(dir.department_path("d-none"), None);
    }

    #[test]
    fn results_by_row() {
        let mut dir = Directory::default();
        let result = LearnerResult {
            enrollment_id: "e1".into(),
            course_id: None,
            learner_id: None,
            completion_status: CompletionStatus::Passed,
            progress: Some(100),
            completion_date: Some(date!(2026 - 11 - 01)),
            awarded_score: Some(87.5),
            time_spent_seconds: Some(3600),
            course_title: None,
            is_overdue: Some(false),
        };
        dir.set_result(4, 10, &result);
        dir.set_result(40, 10, &result);
        assert_eq!(
            dir.result(4),
            Some(ResultEntry {
                status: CompletionStatus::Passed,
                progress: Some(100),
                completed_on: Some(date!(2026 - 11 - 01)),
                score: Some(87.5),
            })
        );
        assert_eq!(dir.result(3), None);
        assert_eq!(dir.result(40), None, "rows the store does not have are ignored");
        assert_eq!(dir.results_known(), 1);
        let started = LearnerResult {
            completion_status: CompletionStatus::InProgress,
            progress: None,
            completion_date: None,
            awarded_score: Some(f32::NAN),
            ..result
        };
        dir.set_result(5, 10, &started);
        assert_eq!(
            dir.result(5),
            Some(ResultEntry {
                status: CompletionStatus::InProgress,
                progress: None,
                completed_on: None,
                score: None,
            })
        );
    }
}
