//! The compact, append-only store of loaded enrollments, and the queries the view runs on it.
//!
//! Column layout (one entry per row): enrollment ID handle (none stored while every ID is a
//! canonical UUID: see [`Handles`]), course and learner indices into interners, three dates as
//! two-byte day codes ([`DayColumn`]), one byte of flags and derived states, and a certificate
//! index. Canonical UUIDs are fixed-width text records (36 bytes, searched in one pass);
//! repeated course and learner IDs are kept once. Certificate timestamps are kept to the second,
//! in UTC.

use std::cell::RefCell;
use std::sync::Arc;

use fixedbitset::FixedBitSet;
use time::{Date, OffsetDateTime};

use crate::days::{DayColumn, NO_DAY};
use crate::departments::DepartmentTree;
use crate::directory::{Directory, PersonEntry, ResultEntry};
use crate::fold::{fold, occurs_in, Folded};
use crate::ids::{contains_folded, could_be_in_uuid, Handles, IdColumn, Interner, RowIndex};
use crate::index_column::IndexColumn;
use crate::model::{Certificate, Enrollment, EnrollmentType};
use crate::query::{ActiveFilter, Counted, DateRange, Filter, Member, QueryResult, Rows, Sort, SortKey};
use crate::related::{ContentItem, Department, LearnerResult, Person};
use crate::status::{CertificateState, DayFields, Status, StatusRules};

mod pass;

use pass::{Limits, Pass};

const NO_TIME: i64 = i64::MIN;

// Layout of the per-row flags byte.
const LOCK: u8 = 1;
const CATALOG: u8 = 1 << 1;
const STATUS_SHIFT: u8 = 2; // 3 bits
const CERT_SHIFT: u8 = 5; // 2 bits

/// The loaded enrollments, column by column.
#[derive(Debug, Default, Clone)]
struct Columns {
    ids: IdColumn,
    id: Handles,
    courses: Interner,
    learners: Interner,
    course: IndexColumn,
    learner: IndexColumn,
    access: DayColumn,
    due: DayColumn,
    expiration: DayColumn,
    flags: Vec<u8>,
    /// The rows with a certificate, ascending; a row's position here indexes the certificate
    /// columns (most enrollments have none: no column per row).
    certified: Vec<u32>,
    certificate_ids: IdColumn,
    certificate_id: Handles,
    issued: Vec<i64>,
    expires: Vec<i64>,
}

/// Results kept between queries so that typing and re-sorting stay cheap.
#[derive(Debug, Default, Clone)]
struct Cache {
    /// Row order for a sort, valid while no rows were added and the rules did not change.
    sorted: Option<(Sort, Vec<u32>)>,
    /// The last few search texts, most recent last; the query uses the last one. Typing on
    /// narrows from an earlier text, deleting back to an earlier text finds it here.
    texts: Vec<TextMatches>,
    /// The course and learner IDs folded, one record each in interner order, so a new search
    /// text is found among them in one byte search each. Built by the first search (not while
    /// loading) and extended as IDs are interned.
    ids: (Folded, Folded),
}

/// Which rows match one search text. Rows appended later are evaluated on demand.
#[derive(Debug, Default, Clone)]
struct TextMatches {
    /// The lowercase search text.
    needle: String,
    /// The rows that match `needle` (one bit per row evaluated so far).
    rows: FixedBitSet,
}

/// How many recent search texts keep their matches (one bit per row each).
const TEXT_HISTORY: usize = 4;

/// Enrollments in a compact columnar layout, with filtering, sorting, facets and slicing.
#[derive(Debug, Clone)]
pub struct EnrollmentStore {
    rules: StatusRules,
    cols: Columns,
    /// People, titles, departments and results, as far as they are known.
    dir: Directory,
    /// Enrollment ID → row, to merge repeated records.
    index: RowIndex,
    duplicates: usize,
    /// What queries keep between them (a read fills it: see [`EnrollmentStore::query`]).
    cache: RefCell<Cache>,
}

impl EnrollmentStore {
    /// An empty store whose derived states follow `rules`.
    pub fn new(rules: StatusRules) -> Self {
        EnrollmentStore {
            rules,
            cols: Columns::default(),
            dir: Directory::default(),
            index: RowIndex::default(),
            duplicates: 0,
            cache: RefCell::default(),
        }
    }

    /// Appends one page of enrollments (as they arrive from the API). An enrollment whose ID is
    /// already stored (repeated across pages or within one answer) replaces that row in place,
    /// the later record winning; [`EnrollmentStore::duplicates`] counts them.
    pub fn append(&mut self, enrollments: Vec<Enrollment>) {
        let c = &mut self.cols;
        let n = enrollments.len();
        c.id.reserve(n);
        for v in [&mut c.course, &mut c.learner] {
            v.reserve(n);
        }
        for v in [&mut c.access, &mut c.due, &mut c.expiration] {
            v.reserve(n);
        }
        c.flags.reserve(n);
        let mut replaced = false;
        for e in enrollments {
            let next = c.flags.len() as u32;
            let (ids, id) = (&c.ids, &c.id);
            let id_of = |r: u32| ids.get(id.get(r as usize).unwrap_or(u32::MAX));
            let row = match self.index.find_or_insert(&e.enrollment_id, next, id_of) {
                Some(existing) => {
                    self.duplicates += 1;
                    replaced = true;
                    existing as usize
                }
                None => {
                    c.id.push(c.ids.push(&e.enrollment_id));
                    c.course.push(0);
                    c.learner.push(0);
                    c.access.push_none();
                    c.due.push_none();
                    c.expiration.push_none();
                    c.flags.push(0);
                    next as usize
                }
            };
            c.set_row(row, e);
            c.derive(row, &self.rules);
        }
        self.cache.get_mut().sorted = None;
        if replaced {
            // Rows changed in place: the remembered search matches may no longer hold.
            self.cache.get_mut().texts.clear();
        }
    }

    /// The row of enrollment `id`, if loaded.
    fn row_of(&self, id: &str) -> Option<u32> {
        let c = &self.cols;
        let (ids, column) = (&c.ids, &c.id);
        let id_of = |r: u32| ids.get(column.get(r as usize).unwrap_or(u32::MAX));
        self.index.find(id, id_of)
    }

    /// Records people (`GET /users/v2`) for the learners loaded; returns how many matched.
    pub fn add_people(&mut self, people: Vec<Person>) -> usize {
        let entries = people
            .into_iter()
            .map(|p| (p.user_id.clone(), Arc::new(PersonEntry::from(p))));
        self.add_person_entries(entries)
    }

    /// Records people by learner ID as entries that other stores may share (the widgets of a
    /// page keep one copy of each person); returns how many matched.
    pub fn add_person_entries<Id: AsRef<str>>(
        &mut self,
        people: impl IntoIterator<Item = (Id, Arc<PersonEntry>)>,
    ) -> usize {
        let mut matched = 0;
        for (id, person) in people {
            if let Some(index) = self.cols.learners.find(id.as_ref()) {
                self.dir.set_person(index, person);
                matched += 1;
            }
        }
        self.cache.get_mut().texts.clear();
        self.cache.get_mut().sorted = None;
        matched
    }

    /// Records course titles (`GET /contents`); they replace titles taken from results.
    pub fn add_contents(&mut self, items: Vec<ContentItem>) {
        for item in items {
            if let Some(index) = self.cols.courses.find(&item.content_item_id) {
                self.dir.offer_title(index, &item.title, true);
            }
        }
        self.cache.get_mut().texts.clear();
        self.cache.get_mut().sorted = None;
    }

    /// Records departments (`GET /departments`).
    pub fn add_departments(&mut self, departments: Vec<Department>) {
        self.dir.add_departments(departments);
        self.cache.get_mut().texts.clear();
    }

    /// Records results (`GET /learners/results`) for the enrollments loaded, and the course
    /// titles they carry for courses without one (linked copies are missing from `/contents`).
    pub fn add_results(&mut self, results: Vec<LearnerResult>) {
        let rows = self.len();
        for result in results {
            let Some(row) = self.row_of(&result.enrollment_id) else {
                continue;
            };
            self.dir.set_result(row as usize, rows, &result);
            if let (Some(title), Some(course)) =
                (result.course_title.as_deref(), self.cols.course.get(row as usize))
            {
                self.dir.offer_title(course, title, false);
            }
        }
        self.cache.get_mut().texts.clear();
        self.cache.get_mut().sorted = None;
    }

    /// The learner of `row`, if known.
    pub fn person(&self, row: u32) -> Option<&PersonEntry> {
        self.dir.person(self.cols.learner.get(row as usize)?)
    }

    /// The course title of `row`, if known.
    pub fn course_title(&self, row: u32) -> Option<&str> {
        self.dir.title(self.cols.course.get(row as usize)?)
    }

    /// The department path of `row`'s learner ("Sales / EMEA / Berlin"), if known.
    pub fn department_path(&self, row: u32) -> Option<String> {
        self.dir.department_path(self.person(row)?.department_id()?)
    }

    /// The result of `row`, if known.
    pub fn result(&self, row: u32) -> Option<ResultEntry> {
        self.dir.result(row as usize)
    }

    /// Rows with a known result.
    pub fn results_known(&self) -> usize {
        self.dir.results_known()
    }

    /// Learners with a known person, of all learners loaded.
    pub fn people_known(&self) -> (usize, usize) {
        (self.dir.people_known(), self.cols.learners.len())
    }

    /// How many records repeated an enrollment ID already loaded (each replaced the earlier).
    pub fn duplicates(&self) -> usize {
        self.duplicates
    }

    /// Changes "today" or the windows, re-deriving every row's states.
    pub fn set_rules(&mut self, rules: StatusRules) {
        if rules != self.rules {
            self.rules = rules;
            // One walk over the rows and the certified rows together (no search per row).
            let mut next = 0;
            for row in 0..self.len() {
                let certificate = (self.cols.certified.get(next) == Some(&(row as u32))).then(|| {
                    next += 1;
                    next - 1
                });
                self.cols.derive_with(row, certificate, &rules);
            }
            self.cache.get_mut().sorted = None;
        }
    }

    /// `true` when some certificate changes state (becomes expiring or expired) after the
    /// rules' "now" and at or before `now` (Unix seconds): time to re-derive.
    pub fn certificates_change_by(&self, now: i64) -> bool {
        let (before, window) = (self.rules.now, i64::from(self.rules.expiring_days) * 86_400);
        self.cols.expires.iter().filter(|&&t| t != NO_TIME).any(|&t| {
            let crosses = |instant: i64| before < instant && instant <= now;
            crosses(t) || crosses(t.saturating_sub(window))
        })
    }

    /// The rules states are derived with.
    pub fn rules(&self) -> StatusRules {
        self.rules
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.cols.flags.len()
    }

    /// `true` when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.cols.flags.is_empty()
    }

    /// Releases spare capacity (call when loading is complete).
    pub fn shrink_to_fit(&mut self) {
        let c = &mut self.cols;
        c.ids.shrink_to_fit();
        c.certificate_ids.shrink_to_fit();
        c.certificate_id.shrink_to_fit();
        c.id.shrink_to_fit();
        for v in [&mut c.course, &mut c.learner] {
            v.shrink_to_fit();
        }
        c.certified.shrink_to_fit();
        for v in [&mut c.access, &mut c.due, &mut c.expiration] {
            v.shrink_to_fit();
        }
        c.flags.shrink_to_fit();
        c.issued.shrink_to_fit();
        c.expires.shrink_to_fit();
    }

    /// Distinct courses (ID) with their index, as used by [`Facets::courses`].
    pub fn courses(&self) -> impl Iterator<Item = (u32, &str)> {
        self.cols.courses.iter()
    }

    /// Distinct learners (ID) with their index, as used by [`Facets::learners`].
    pub fn learners(&self) -> impl Iterator<Item = (u32, &str)> {
        self.cols.learners.iter()
    }

    /// The title of the course at `index` (of [`Self::courses`]), if known.
    pub fn title_of_course(&self, index: u32) -> Option<&str> {
        self.dir.title(index)
    }

    /// The name of the learner at `index` (of [`Self::learners`]), if known.
    pub fn name_of_learner(&self, index: u32) -> Option<&str> {
        self.dir.person(index).map(|p| p.name())
    }

    /// The department tree, as far as it is known (indexed like [`Facets::departments`]).
    pub fn departments(&self) -> &DepartmentTree {
        self.dir.departments()
    }

    /// The course title, learner name or department path an active-filter chip names, when
    /// known (`None` for other chips: the view words those itself).
    pub fn chip_name(&self, chip: &ActiveFilter) -> Option<String> {
        match chip {
            ActiveFilter::Course(id) => self
                .cols
                .courses
                .find(id)
                .and_then(|i| self.title_of_course(i))
                .map(str::to_owned),
            ActiveFilter::Learner(id) => self
                .cols
                .learners
                .find(id)
                .and_then(|i| self.name_of_learner(i))
                .map(str::to_owned),
            ActiveFilter::Department(id) => self.departments().path_of(id),
            _ => None,
        }
    }

    /// The enrollment ID of `row`.
    pub fn enrollment_id(&self, row: u32) -> &str {
        self.cols
            .ids
            .get(self.cols.id.get(row as usize).unwrap_or(u32::MAX))
    }

    /// The course ID of `row`.
    pub fn course_id(&self, row: u32) -> &str {
        self.cols
            .courses
            .get(self.cols.course.get(row as usize).unwrap_or(u32::MAX))
    }

    /// The learner ID of `row`.
    pub fn learner_id(&self, row: u32) -> &str {
        self.cols
            .learners
            .get(self.cols.learner.get(row as usize).unwrap_or(u32::MAX))
    }

    /// Derived status and certificate state of `row`.
    pub fn states(&self, row: u32) -> (Status, CertificateState) {
        let flags = self.cols.flags.get(row as usize).copied().unwrap_or_default();
        (
            Status::from_index(flags >> STATUS_SHIFT & 0b111),
            CertificateState::from_index(flags >> CERT_SHIFT & 0b11),
        )
    }

    /// The full record of `row` (certificate times in UTC, to the second).
    pub fn enrollment(&self, row: u32) -> Option<Enrollment> {
        let c = &self.cols;
        let r = row as usize;
        let flags = *c.flags.get(r)?;
        let certificate = c.certificate_of(r).map(|k| Certificate {
            id: c
                .certificate_ids
                .get(c.certificate_id.get(k).unwrap_or(u32::MAX))
                .to_owned(),
            issued_at: c.issued.get(k).copied().and_then(time_of),
            expires_at: c.expires.get(k).copied().and_then(time_of),
        });
        Some(Enrollment {
            enrollment_id: self.enrollment_id(row).to_owned(),
            course_id: self.course_id(row).to_owned(),
            learner_id: self.learner_id(row).to_owned(),
            access_date: date_of(c.access.day(r))?,
            due_date: date_of(c.due.day(r)),
            expiration_date: date_of(c.expiration.day(r)),
            should_lock_after_due_date: flags & LOCK != 0,
            enrollment_type: if flags & CATALOG != 0 {
                EnrollmentType::FromCatalog
            } else {
                EnrollmentType::AssignedByAdmin
            },
            certificate,
        })
    }

    /// Heap bytes held by the store (columns, interned strings and caches).
    pub fn heap_bytes(&self) -> usize {
        let c = &self.cols;
        c.ids.heap_bytes()
            + self.index.heap_bytes()
            + self.dir.heap_bytes()
            + c.certificate_ids.heap_bytes()
            + c.courses.heap_bytes()
            + c.learners.heap_bytes()
            + c.id.heap_bytes()
            + c.course.heap_bytes()
            + c.learner.heap_bytes()
            + 4 * c.certified.capacity()
            + c.access.heap_bytes()
            + c.due.heap_bytes()
            + c.expiration.heap_bytes()
            + c.certificate_id.heap_bytes()
            + 8 * (c.issued.capacity() + c.expires.capacity())
            + c.flags.capacity()
            + self.cache_bytes()
    }

    /// Heap bytes of the caches queries keep.
    fn cache_bytes(&self) -> usize {
        let cache = self.cache.borrow();
        cache.sorted.as_ref().map_or(0, |(_, rows)| rows.capacity() * 4)
            + cache
                .texts
                .iter()
                .map(|t| std::mem::size_of_val(t.rows.as_slice()))
                .sum::<usize>()
            + cache.ids.0.heap_bytes()
            + cache.ids.1.heap_bytes()
    }

    /// Runs a query: the rows passing every criterion of `filter`, ordered by `sort`, with every
    /// facet counted. See [`EnrollmentStore::query_counting`].
    pub fn query(&self, filter: &Filter, sort: Sort) -> QueryResult {
        self.query_counting(filter, sort, Counted::ALL)
    }

    /// Runs a query: the rows passing every criterion of `filter`, ordered by `sort`, with the
    /// status, certificate, type and completion facets and those of `counted`. Work is one pass
    /// over the rows (plus a sort when the order changes).
    ///
    /// A read: what it keeps to make the next query cheap (the recent search texts' matches, the
    /// sorted order, the folded IDs) is the store's own cache, behind a `RefCell`, so a reactive
    /// read of the store never writes to it from the outside.
    pub fn query_counting(&self, filter: &Filter, sort: Sort, counted: Counted) -> QueryResult {
        // Folded once: IDs, names, titles and departments all match the folded needle.
        let needle = fold(filter.text.trim());
        let text_active = !needle.is_empty();
        if text_active {
            self.update_text_cache(&needle);
        }
        // Load order needs no sorting (nor a copy of the row numbers): the rows are in it. Any
        // other order is sorted once and kept until rows are added.
        let loaded = sort.key == SortKey::Loaded;
        if !loaded {
            self.ensure_sorted(sort);
        }
        // Each learner's department, and which pass the department filter.
        self.dir.index_learner_departments(self.cols.learners.len());
        let learner_departments = self.dir.learner_departments();
        let tree = self.dir.departments();
        let departments = (!filter.departments.is_empty()).then(|| {
            let chosen = tree.selection(&filter.departments);
            learner_departments
                .iter()
                .map(|&d| chosen.get(d as usize).copied().unwrap_or(false))
                .collect::<Vec<bool>>()
        });
        // Rows per learner passing every filter but the department one (for department facets).
        let department_facets = counted.departments && !tree.is_empty();
        let by_learner = vec![
            0u32;
            if department_facets {
                learner_departments.len()
            } else {
                0
            }
        ];
        let c = &self.cols;
        let cache = self.cache.borrow();
        let no_text = FixedBitSet::new();
        let text_ok = cache.texts.last().map_or(&no_text, |t| &t.rows);
        let selection = |interner: &Interner, ids: &[String]| {
            (!ids.is_empty()).then(|| {
                let mut selected = vec![false; interner.len()];
                for i in ids.iter().filter_map(|id| interner.find(id)) {
                    if let Some(chosen) = selected.get_mut(i as usize) {
                        *chosen = true;
                    }
                }
                selected
            })
        };
        let range = |r: &DateRange, none: (i32, i32)| {
            let day = |d: Option<Date>, none| d.map_or(none, |d| d.to_julian_day());
            (!r.is_open()).then(|| (day(r.from, none.0), day(r.to, none.1)))
        };
        let limits = Limits {
            courses: selection(&c.courses, &filter.courses),
            learners: selection(&c.learners, &filter.learners),
            departments,
            // An open start of the due range still leaves out enrollments without a due date.
            due: range(&filter.due, (i32::MIN + 1, i32::MAX)),
            access: range(&filter.access, (i32::MIN, i32::MAX)),
        };
        let unfiltered = limits.are_open()
            && filter.statuses.is_any()
            && filter.certificates.is_any()
            && filter.types.is_any()
            && filter.completions.is_any();
        // Nothing restricts and the rows are in load order: the answer is every row, and no
        // list of them is kept.
        let everything = loaded && unfiltered && !text_active;
        let completion = self.dir.completion_codes();
        let mut pass = Pass::new(c, completion, filter, limits, !everything, counted, by_learner);
        let order = cache.sorted.as_ref().map_or(&[][..], |(_, rows)| rows.as_slice());
        // A row that fails the search text counts in no facet (the text has none of its own), so
        // only the matches are visited: their bits walked a word at a time in load order, each
        // row tested in any other order.
        match (loaded, text_active) {
            (true, true) => pass.run_matching(text_ok, sort.descending),
            (true, false) => pass.run_loaded(sort.descending),
            (false, true) => pass.run_listed_matching(order, text_ok),
            (false, false) => pass.run_listed(order),
        }
        let (rows, mut facets, by_learner) = pass.finish();
        if department_facets {
            let mut direct = vec![0u32; tree.len()];
            for (&department, &rows) in learner_departments.iter().zip(&by_learner) {
                if let Some(n) = direct.get_mut(department as usize) {
                    *n += rows;
                }
            }
            facets.departments = tree.totals(&direct);
        }
        let rows = if everything {
            Rows::Every {
                len: c.flags.len() as u32,
                descending: sort.descending,
            }
        } else {
            Rows::Listed(rows)
        };
        QueryResult {
            rows,
            facets,
            total: self.len(),
        }
    }

    /// Prepares the first search before anyone types it: brings the folded IDs, names, e-mails,
    /// logins, departments and titles up to date, and runs a search's scans once over every row
    /// with a text of two hex digits, dropping what it finds (the search history is untouched).
    /// The first keystroke then neither builds them nor runs code the browser has not compiled
    /// and optimized yet (at 100k enrollments with names it took 25–31 ms instead of 4–5).
    pub fn prepare_search(&self) {
        if self.is_empty() {
            return;
        }
        let mut cache = self.cache.borrow_mut();
        let matcher = self.text_matcher(&mut cache.ids, "0f");
        let mut found = FixedBitSet::new();
        matcher.scan(&self.cols, 0, &mut found);
    }

    /// Which courses and which learners (indexed as [`Self::courses`] and [`Self::learners`]) a
    /// search for `needle` (folded, [`crate::fold::fold`]) finds by themselves: by ID and, once
    /// known, by title, or by name, e-mail, login or department path. One byte search over each
    /// kind's folded texts (kept from the searches before), not a fold of every name.
    pub fn course_and_learner_hits(&self, needle: &str) -> (Vec<bool>, Vec<bool>) {
        let mut cache = self.cache.borrow_mut();
        let matcher = self.text_matcher(&mut cache.ids, needle);
        (matcher.courses, matcher.learners)
    }

    /// Makes the matches of `needle` the last of `cache.texts`, up to date with the rows: taken
    /// from the history when this text was searched recently (deleting back), narrowed from a
    /// shorter text it extends when that matched few rows (typing on), or one pass over all rows.
    fn update_text_cache(&self, needle: &str) {
        let mut cache = self.cache.borrow_mut();
        let cache = &mut *cache;
        let mut current = match cache.texts.iter().position(|t| t.needle == needle) {
            Some(i) => cache.texts.remove(i),
            None => TextMatches {
                needle: needle.to_owned(),
                rows: FixedBitSet::new(),
            },
        };
        // Only rows not evaluated yet need a matcher (none when deleting back to a recent text).
        if current.rows.len() < self.cols.id.len() {
            let matcher = self.text_matcher(&mut cache.ids, needle);
            let (c, texts) = (&self.cols, &cache.texts);
            let few = |t: &&TextMatches| t.rows.count_ones(..) * NARROW_BELOW < t.rows.len();
            let shorter = texts.iter().rev().find(|t| occurs_in(needle, &t.needle));
            if let Some(shorter) = shorter.filter(few).filter(|_| current.rows.is_empty()) {
                current.rows = FixedBitSet::with_capacity(shorter.rows.len());
                for r in shorter.rows.ones().filter(|&r| matcher.matches(c, r)) {
                    current.rows.insert(r);
                }
            }
            let done = current.rows.len();
            matcher.scan(c, done, &mut current.rows);
        }
        let texts = &mut cache.texts;
        if texts.len() == TEXT_HISTORY {
            texts.remove(0);
        }
        texts.push(current);
    }

    /// A matcher for `needle` (folded): its hits among the interned IDs (their folded copy
    /// brought up to date first) and, once they are known, among names, e-mails, logins,
    /// departments and titles.
    fn text_matcher<'a>(&self, ids: &mut (Folded, Folded), needle: &'a str) -> TextMatcher<'a> {
        let c = &self.cols;
        let named =
            (!self.dir.is_empty()).then(|| self.dir.search_hits(c.learners.len(), c.courses.len(), needle));
        let (course_ids, learner_ids) = ids;
        for (_, id) in c.courses.iter().skip(course_ids.len()) {
            course_ids.push(id);
        }
        for (_, id) in c.learners.iter().skip(learner_ids.len()) {
            learner_ids.push(id);
        }
        let by_id = (course_ids.hits(needle), learner_ids.hits(needle));
        TextMatcher::new(needle, by_id, named)
    }

    /// Computes the row order for `sort` unless it is cached.
    fn ensure_sorted(&self, sort: Sort) {
        if self
            .cache
            .borrow()
            .sorted
            .as_ref()
            .is_some_and(|(s, _)| *s == sort)
        {
            return;
        }
        let (c, dir) = (&self.cols, &self.dir);
        let course_rank = rank(&c.courses, |i| dir.title(i));
        let learner_rank = rank(&c.learners, |i| dir.person(i).map(|p| p.name()));
        let key = |r: usize| -> (bool, u32) {
            let day = |d: i32| (d != NO_DAY, (d as u32) ^ 0x8000_0000);
            let result = || dir.result(r);
            let (present, value) = match sort.key {
                SortKey::Loaded => (true, r as u32),
                SortKey::DueDate => day(c.due.day(r)),
                SortKey::AccessDate => day(c.access.day(r)),
                SortKey::Course => (true, rank_of(&course_rank, c.course.get(r))),
                SortKey::Learner => (true, rank_of(&learner_rank, c.learner.get(r))),
                SortKey::Status => (true, u32::from(c.flags[r] >> STATUS_SHIFT & 0b111)),
                SortKey::Progress => match result().and_then(|x| x.progress) {
                    Some(p) => (true, u32::from(p)),
                    None => (false, 0),
                },
                SortKey::CompletionDate => match result().and_then(|x| x.completed_on) {
                    Some(d) => day(d.to_julian_day()),
                    None => (false, 0),
                },
            };
            // Missing values last in both directions; ties keep load order (stable sort).
            (!present, if sort.descending { !value } else { value })
        };
        let mut rows: Vec<u32> = (0..self.len() as u32).collect();
        radsort::sort_by_key(&mut rows, |&r| key(r as usize));
        self.cache.borrow_mut().sorted = Some((sort, rows));
    }
}

impl Columns {
    /// Writes `e`'s fields (all but its ID) into `row`. A replaced certificate's old entry stays
    /// behind unreferenced (duplicates are rare).
    fn set_row(&mut self, row: usize, e: Enrollment) {
        self.course.set(row, self.courses.intern(e.course_id));
        self.learner.set(row, self.learners.intern(e.learner_id));
        self.access.set(row, e.access_date.to_julian_day());
        self.due.set(row, e.due_date.map_or(NO_DAY, Date::to_julian_day));
        self.expiration
            .set(row, e.expiration_date.map_or(NO_DAY, Date::to_julian_day));
        let mut flags = 0;
        if e.should_lock_after_due_date {
            flags |= LOCK;
        }
        if e.enrollment_type == EnrollmentType::FromCatalog {
            flags |= CATALOG;
        }
        self.flags[row] = flags;
        let seconds = |t: Option<OffsetDateTime>| t.map_or(NO_TIME, OffsetDateTime::unix_timestamp);
        match (self.certificate_of(row), e.certificate) {
            (Some(k), Some(cert)) => {
                // A record repeated: its certificate replaces the one kept.
                let id = self.certificate_ids.push(&cert.id);
                for (column, value) in [
                    (&mut self.issued, cert.issued_at),
                    (&mut self.expires, cert.expires_at),
                ] {
                    if let Some(slot) = column.get_mut(k) {
                        *slot = seconds(value);
                    }
                }
                self.certificate_id.set(k, id);
            }
            (Some(k), None) => {
                self.certified.remove(k);
                self.certificate_id.remove(k);
                self.issued.remove(k);
                self.expires.remove(k);
            }
            (None, Some(cert)) => {
                // Rows arrive in order: the place is the end, but for a repeated record.
                let k = self.certified.partition_point(|&r| (r as usize) < row);
                self.certified.insert(k, row as u32);
                self.certificate_id.insert(k, self.certificate_ids.push(&cert.id));
                self.issued.insert(k, seconds(cert.issued_at));
                self.expires.insert(k, seconds(cert.expires_at));
            }
            (None, None) => {}
        }
    }

    /// The certificate columns' index for `row`, if it has a certificate.
    fn certificate_of(&self, row: usize) -> Option<usize> {
        self.certified.binary_search(&(row as u32)).ok()
    }

    /// Stores the derived status and certificate state of `row` in its flags byte.
    fn derive(&mut self, row: usize, rules: &StatusRules) {
        self.derive_with(row, self.certificate_of(row), rules);
    }

    /// [`Self::derive`] for a row whose certificate index is known.
    fn derive_with(&mut self, row: usize, certificate: Option<usize>, rules: &StatusRules) {
        let optional = |d: i32| (d != NO_DAY).then_some(d);
        let status = Status::derive(
            DayFields {
                access: self.access.day(row),
                due: optional(self.due.day(row)),
                expiration: optional(self.expiration.day(row)),
                lock_after_due: self.flags[row] & LOCK != 0,
            },
            rules,
        );
        let certificate = certificate.map(|k| match self.expires.get(k).copied() {
            None | Some(NO_TIME) => None,
            secs => secs,
        });
        let state = CertificateState::derive(certificate, rules);
        let kept = self.flags[row] & (LOCK | CATALOG);
        self.flags[row] = kept | status.place() << STATUS_SHIFT | state.place() << CERT_SHIFT;
    }
}

/// A longer text re-checks the rows of a shorter one only when fewer than one in this many
/// matched it; otherwise one pass over every row's ID records is faster.
const NARROW_BELOW: usize = 16;

/// Case-insensitive search over a row's enrollment, course and learner IDs.
struct TextMatcher<'a> {
    needle: &'a str,
    courses: Vec<bool>,
    learners: Vec<bool>,
    uuid_possible: bool,
    finder: memchr::memmem::Finder<'a>,
}

impl<'a> TextMatcher<'a> {
    /// A matcher for `needle` (folded): the courses and learners whose IDs (`by_id`) or, from
    /// the directory, names or titles (`named`: learners, then courses) contain it, and the rows'
    /// own IDs.
    fn new(needle: &'a str, by_id: (Vec<bool>, Vec<bool>), named: Option<(Vec<bool>, Vec<bool>)>) -> Self {
        let (by_name, by_title) = named.unzip();
        let either = |mut ids: Vec<bool>, named: Option<Vec<bool>>| {
            for (hit, name) in ids.iter_mut().zip(named.unwrap_or_default()) {
                *hit |= name;
            }
            ids
        };
        TextMatcher {
            needle,
            courses: either(by_id.0, by_title),
            learners: either(by_id.1, by_name),
            uuid_possible: could_be_in_uuid(needle),
            finder: memchr::memmem::Finder::new(needle),
        }
    }

    /// Does `text` contain the (lowercase) needle, ignoring case? A plain byte search when
    /// `text` is ASCII without capitals, as IDs usually are.
    fn contains(&self, text: &str) -> bool {
        match text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            true => self.finder.find(text.as_bytes()).is_some(),
            false => contains_folded(text, self.needle),
        }
    }

    /// Does row `r` match? (Used to re-check the few rows that matched a shorter text.)
    fn matches(&self, c: &Columns, r: usize) -> bool {
        let chosen =
            |table: &[bool], index: Option<u32>| index.and_then(|i| table.get(i as usize)) == Some(&true);
        if chosen(&self.courses, c.course.get(r)) || chosen(&self.learners, c.learner.get(r)) {
            return true;
        }
        let handle = c.id.get(r).unwrap_or(u32::MAX);
        self.id_matches(c, handle, |h| self.finder.find(c.ids.get(h).as_bytes()).is_some())
    }

    /// Does the ID behind `handle` match? `uuid_hit` answers for a UUID record (a search of that
    /// record alone, or the result of one pass over all of them).
    fn id_matches(&self, c: &Columns, handle: u32, uuid_hit: impl FnOnce(u32) -> bool) -> bool {
        match c.ids.is_uuid(handle) {
            true => self.uuid_possible && uuid_hit(handle),
            false => self.contains(c.ids.get(handle)),
        }
    }

    /// Sets in `out` (grown to every row) the bits of the rows from `from` on that match. Their
    /// UUIDs are searched in one pass over their part of the shared buffer (only the new rows'
    /// part after an append), so the work beyond that pass is one lookup per row and one write
    /// per match.
    fn scan(&self, c: &Columns, from: usize, out: &mut FixedBitSet) {
        out.grow(c.id.len());
        self.scan_related(c, from, out);
        let mut set = |r: usize| {
            if r < out.len() {
                out.insert(r);
            }
        };
        match c.id.listed_from(from) {
            // Row r's handle is r, a UUID record: the records from `from` on are those rows.
            None if self.uuid_possible => c.ids.uuid_hits(&self.finder, from as u32, |i| set(from + i)),
            None => {}
            Some(handles) => {
                // Handles grow with rows, so the rows from `from` on own the UUID records from
                // the first of theirs on.
                let first = handles.iter().copied().find(|&h| c.ids.is_uuid(h)).unwrap_or(0);
                let mut uuid_hits = FixedBitSet::new();
                if self.uuid_possible {
                    c.ids.uuid_hits(&self.finder, first, |i| {
                        uuid_hits.grow(i + 1);
                        uuid_hits.insert(i);
                    });
                }
                for (r, &handle) in (from..).zip(handles) {
                    let from_pass = |h: u32| {
                        h.checked_sub(first)
                            .is_some_and(|i| uuid_hits.contains(i as usize))
                    };
                    if self.id_matches(c, handle, from_pass) {
                        set(r);
                    }
                }
            }
        }
    }

    /// Sets in `out` the bits of the rows from `from` on whose course or learner matches, a word
    /// of rows at a time (a load per row, no branch).
    fn scan_related(&self, c: &Columns, from: usize, out: &mut FixedBitSet) {
        const BITS: usize = usize::BITS as usize;
        let rows = c.course.len().min(c.learner.len());
        for (block, word) in out.as_mut_slice().iter_mut().enumerate().skip(from / BITS) {
            let start = block * BITS;
            let first = start.max(from);
            let end = (start + BITS).min(rows);
            if first >= end {
                break;
            }
            let bits = c.course.hits(first..end, &self.courses) | c.learner.hits(first..end, &self.learners);
            *word |= bits << (first - start);
        }
    }
}

/// The rank of `index` in `ranks` (last when unknown).
fn rank_of(ranks: &[u32], index: Option<u32>) -> u32 {
    index
        .and_then(|i| ranks.get(i as usize))
        .copied()
        .unwrap_or(u32::MAX)
}

/// Position of each interned string in sorted order: by its `name` when it has one (without
/// case or accents), else by itself.
fn rank<'a>(interner: &'a Interner, name: impl Fn(u32) -> Option<&'a str>) -> Vec<u32> {
    let mut order: Vec<(u32, String)> = interner
        .iter()
        .map(|(i, id)| (i, name(i).map_or_else(|| id.to_owned(), fold)))
        .collect();
    crate::sorting::sort_by(&mut order, |a, b| a.1.cmp(&b.1));
    let mut ranks = vec![0; order.len()];
    for (position, (index, _)) in order.into_iter().enumerate() {
        ranks[index as usize] = position as u32;
    }
    ranks
}

fn date_of(day: i32) -> Option<Date> {
    (day != NO_DAY).then(|| Date::from_julian_day(day).ok()).flatten()
}

fn time_of(secs: i64) -> Option<OffsetDateTime> {
    (secs != NO_TIME)
        .then(|| OffsetDateTime::from_unix_timestamp(secs).ok())
        .flatten()
}
