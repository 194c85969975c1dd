//! One pass of a query over the rows: which pass every filter, and the facet counts (each
//! facet counts the rows passing every filter but its own).

use super::{Columns, CATALOG, CERT_SHIFT, STATUS_SHIFT};
use crate::days::DayColumn;
use crate::directory::Directory;
use crate::query::{Facets, Filter};

// Bits of a row's failure mask: one per facet dimension, one for everything else.
const COURSE: u8 = 1;
const LEARNER: u8 = 1 << 1;
const STATUS: u8 = 1 << 2;
const CERT: u8 = 1 << 3;
const TYPE: u8 = 1 << 4;
const COMPLETION: u8 = 1 << 5;
const OTHER: u8 = 1 << 6;
const DEPARTMENT: u8 = 1 << 7;

/// The filters of one query, resolved to per-index tables, and what the pass has counted.
pub(super) struct Pass<'a> {
    pub c: &'a Columns,
    pub dir: &'a Directory,
    pub filter: &'a Filter,
    /// Per course index: chosen (`None`: no course filter). Likewise learners and departments
    /// (per learner: in a chosen department).
    pub courses: Option<Vec<bool>>,
    pub learners: Option<Vec<bool>>,
    pub departments: Option<Vec<bool>>,
    /// Julian-day bounds of the due and access ranges (`None`: open).
    pub due: Option<(i32, i32)>,
    pub access: Option<(i32, i32)>,
    /// Whether the matching rows are listed (not when the answer is every row).
    pub list_rows: bool,
    pub rows: Vec<u32>,
    pub facets: Facets,
    /// Rows per learner passing every filter but the department one (empty without
    /// departments).
    pub by_learner: Vec<u32>,
}

impl Pass<'_> {
    /// Every row in load order, or in reverse.
    pub fn run_loaded(&mut self, descending: bool) {
        let n = self.c.flags.len();
        for i in 0..n {
            self.visit(if descending { n - 1 - i } else { i });
        }
    }

    /// The rows listed, in that order.
    pub fn run_listed(&mut self, order: &[u32]) {
        for &r in order {
            self.visit(r as usize);
        }
    }

    /// The rows `rows` yields (the matches of a search), in that order.
    pub fn run(&mut self, rows: &mut dyn Iterator<Item = usize>) {
        for r in rows {
            self.visit(r);
        }
    }

    /// Applies the filters to row `r` and counts it where it belongs.
    fn visit(&mut self, r: usize) {
        let c = self.c;
        let (Some(&flags), Some(&course), Some(&learner)) =
            (c.flags.get(r), c.course.get(r), c.learner.get(r))
        else {
            return;
        };
        let (course, learner) = (course as usize, learner as usize);
        let status = flags >> STATUS_SHIFT & 0b111;
        let cert = flags >> CERT_SHIFT & 0b11;
        let kind = u8::from(flags & CATALOG != 0);
        let completion = self.dir.completion_index(r);
        let chosen =
            |table: &Option<Vec<bool>>, i: usize| table.as_ref().is_none_or(|t| t.get(i) == Some(&true));
        // A date column is read only when its range is set.
        let outside = |range: Option<(i32, i32)>, column: &DayColumn| {
            range.is_some_and(|(from, to)| !(from..=to).contains(&column.day(r)))
        };
        let f = self.filter;
        let mut fail = 0u8;
        if !chosen(&self.courses, course) {
            fail |= COURSE;
        }
        if !chosen(&self.learners, learner) {
            fail |= LEARNER;
        }
        if !chosen(&self.departments, learner) {
            fail |= DEPARTMENT;
        }
        if !f.statuses.admits_place(status) {
            fail |= STATUS;
        }
        if !f.certificates.admits_place(cert) {
            fail |= CERT;
        }
        if !f.types.admits_place(kind) {
            fail |= TYPE;
        }
        if !f.completions.admits_place(completion) {
            fail |= COMPLETION;
        }
        if outside(self.due, &c.due) || outside(self.access, &c.access) {
            fail |= OTHER;
        }
        let facets = &mut self.facets;
        let count = |counts: &mut [u32], i: usize| {
            if let Some(n) = counts.get_mut(i) {
                *n += 1;
            }
        };
        match fail {
            0 => {
                if self.list_rows {
                    self.rows.push(r as u32);
                }
                count(&mut facets.courses, course);
                count(&mut facets.learners, learner);
                count(&mut facets.statuses, usize::from(status));
                count(&mut facets.certificates, usize::from(cert));
                count(&mut facets.types, usize::from(kind));
                count(&mut facets.completions, usize::from(completion));
                count(&mut self.by_learner, learner);
            }
            COURSE => count(&mut facets.courses, course),
            LEARNER => count(&mut facets.learners, learner),
            STATUS => count(&mut facets.statuses, usize::from(status)),
            CERT => count(&mut facets.certificates, usize::from(cert)),
            TYPE => count(&mut facets.types, usize::from(kind)),
            COMPLETION => count(&mut facets.completions, usize::from(completion)),
            DEPARTMENT => count(&mut self.by_learner, learner),
            // Failing two filters, or one without a facet: counted nowhere.
            _ => {}
        }
    }
}
