//! The reactive state the view's components share: the store, the filter and sort, the load
//! progress, and the current answer.

use std::sync::Arc;

use leptos::prelude::*;

use super::format::DateFormatter;
use crate::api::ApiError;
use crate::core::model::Enrollment;
use crate::core::query::{Filter, QueryResult, Sort};
use crate::core::status::StatusRules;
use crate::core::store::EnrollmentStore;

/// How loading stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    /// Pages are arriving.
    Loading,
    /// Everything arrived.
    Done,
    /// Loading stopped with an error (what arrived before stays in the store).
    Failed(ApiError),
}

/// The answer to the current query. Compared by identity: every query yields a new answer.
#[derive(Debug, Clone, Default)]
pub struct Answer(pub Arc<QueryResult>);

impl PartialEq for Answer {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Handles to the view's state (cheap to copy into closures).
#[derive(Clone, Copy)]
pub struct CardsState {
    store: StoredValue<EnrollmentStore>,
    /// Bumped whenever the store changes.
    version: RwSignal<u64>,
    /// The client-side filter.
    pub filter: RwSignal<Filter>,
    /// The sort order.
    pub sort: RwSignal<Sort>,
    /// Load progress.
    pub load: RwSignal<LoadState>,
    /// Rows matching the filter, in order, with facet counts.
    pub result: Memo<Answer>,
    formatter: StoredValue<DateFormatter, LocalStorage>,
}

impl CardsState {
    /// Empty state for `rules`, formatting dates for `locale` (`None`: the browser's).
    pub fn new(rules: StatusRules, locale: Option<&str>) -> Self {
        let store = StoredValue::new(EnrollmentStore::new(rules));
        let version = RwSignal::new(0u64);
        let filter = RwSignal::new(Filter::default());
        let sort = RwSignal::new(Sort::default());
        let result = Memo::new(move |_| {
            version.track();
            let sort = sort.get();
            let answer = filter.with(|f| store.try_update_value(|s| s.query(f, sort)));
            Answer(Arc::new(answer.unwrap_or_default()))
        });
        CardsState {
            store,
            version,
            filter,
            sort,
            load: RwSignal::new(LoadState::Loading),
            result,
            formatter: StoredValue::new_local(DateFormatter::new(locale)),
        }
    }

    /// Adds a page of enrollments.
    pub fn append(&self, enrollments: Vec<Enrollment>) {
        self.store.update_value(|s| s.append(enrollments));
        self.version.update(|v| *v += 1);
    }

    /// Empties the store (before a reload).
    pub fn clear(&self) {
        self.store.update_value(|s| *s = EnrollmentStore::new(s.rules()));
        self.version.update(|v| *v += 1);
    }

    /// Releases spare capacity once loading is over.
    pub fn shrink(&self) {
        self.store.update_value(EnrollmentStore::shrink_to_fit);
    }

    /// Reads the store without tracking.
    pub fn with_store<U>(&self, f: impl FnOnce(&EnrollmentStore) -> U) -> Option<U> {
        self.store.try_with_value(f)
    }

    /// Number of loaded enrollments (tracked).
    pub fn total(&self) -> usize {
        self.version.track();
        self.with_store(EnrollmentStore::len).unwrap_or(0)
    }

    /// Formats a date for the widget's locale.
    pub fn format_date(&self, date: time::Date) -> String {
        self.formatter
            .try_with_value(|f| f.date(date))
            .unwrap_or_else(|| date.to_string())
    }
}
