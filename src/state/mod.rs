//! The reactive state a widget's view and loader share: the store, the filter and sort, the
//! fields cards show, the selection, the load progress, the current answer, and the locale.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::set_timeout;

use crate::api::ApiError;
use crate::core::enrichment::{EnrichParts, EnrichmentStatus};
use crate::core::fields::CardFields;
use crate::core::model::Enrollment;
use crate::core::query::{Counted, Filter, QueryResult, Sort};
use crate::core::selection::Selection;
use crate::core::status::StatusRules;
use crate::core::store::EnrollmentStore;
use crate::i18n::{Locale, Messages};
use crate::reactive::{memo, rw_signal, stored, Computed, Held, Stored, Tracked, Var, Writable};

/// How loading stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LoadState {
    /// Neither a token nor a token provider yet: nothing is requested until one arrives.
    WaitingForCredentials,
    /// Pages are arriving.
    #[default]
    Loading,
    /// A request failed in a way that may pass; it is sent again after a pause.
    Retrying {
        /// This retry's number (1 for the first).
        attempt: u32,
        /// Retries allowed.
        of: u32,
    },
    /// Everything arrived.
    Done,
    /// Loading stopped with an error (what arrived before stays in the store).
    Failed(ApiError),
}

/// How much a card shows, and so how many fit on a screen (the `density` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Density {
    /// Every chosen field, labelled.
    #[default]
    Comfortable,
    /// Smaller cards with the fields in a run of text: at least twice as many per screen.
    Compact,
}

impl Density {
    /// `compact` or `comfortable` (anything else: comfortable).
    pub fn from_id(id: &str) -> Density {
        if id.trim().eq_ignore_ascii_case("compact") {
            Density::Compact
        } else {
            Density::Comfortable
        }
    }

    /// The attribute value.
    pub fn id(self) -> &'static str {
        match self {
            Density::Comfortable => "comfortable",
            Density::Compact => "compact",
        }
    }
}

/// The answer to the current query. Compared by identity: every query yields a new answer.
#[derive(Debug, Clone, Default)]
pub struct Answer(pub Arc<QueryResult>);

impl PartialEq for Answer {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// At most how often arriving data moves [`CardsState::version`] (and so re-runs the query over
/// every row): pages and related answers keep coming in while a large account loads, and a
/// query over a million rows takes about 20 ms.
const ANNOUNCE_MS: f64 = 100.0;

/// Store changes not announced yet (see [`ANNOUNCE_MS`]), and whether the search's preparation
/// is waiting for an idle moment.
#[derive(Debug, Default)]
struct Unannounced {
    /// When `version` last moved for new data (ms since the epoch).
    announced_at: f64,
    /// A timer will announce what changed since.
    waiting: bool,
    /// What changed includes names, titles, departments or results.
    names: bool,
    /// The search's preparation for the data as it stands is waiting for an idle moment.
    search_prepare_waiting: bool,
}

/// Whether the course, learner and department pickers are open.
#[derive(Clone, Copy)]
pub struct PickersOpen {
    /// The course picker.
    pub courses: Var<bool>,
    /// The learner picker.
    pub learners: Var<bool>,
    /// The department picker.
    pub departments: Var<bool>,
}

/// Handles to the view's state (cheap to copy into closures).
#[derive(Clone, Copy)]
pub struct CardsState {
    /// Local: the store keeps its query caches in cells (one thread in the browser).
    store: Held<EnrollmentStore>,
    /// Bumped whenever the store changes.
    pub version: Var<u64>,
    /// The client-side filter.
    pub filter: Var<Filter>,
    /// The sort order.
    pub sort: Var<Sort>,
    /// Load progress.
    pub load: Var<LoadState>,
    /// Rows matching the filter, in order, with facet counts.
    pub result: Computed<Answer>,
    /// Which pickers are open: the result counts the facets per course, learner and department
    /// of those only (each costs the query a counter update per row).
    pub pickers_open: PickersOpen,
    /// The fields cards show, in order.
    pub fields: Var<CardFields>,
    /// Selected enrollments, by store row (kept across filters, cleared by a reload).
    pub selection: Var<Selection>,
    /// Show the filter bar.
    pub show_filters: Var<bool>,
    /// How many cards a screen holds.
    pub density: Var<Density>,
    /// Bumped when the locale changes (the whole view is worded again).
    pub locale_version: Var<u64>,
    /// Bumped when what cards show changes without the rows changing (locale, "today").
    pub epoch: Var<u64>,
    /// Bumped when names, titles, departments or results arrive (cards update in place).
    pub names_version: Var<u64>,
    /// How resolving names, titles, results and departments goes.
    pub enrichment: Var<EnrichmentStatus>,
    locale: Held<Locale>,
    unannounced: Held<Unannounced>,
}

impl CardsState {
    /// Empty state for `rules`, worded for `locale` (`None`: the browser's).
    pub fn new(rules: StatusRules, locale: Option<&str>) -> Self {
        let store = stored(EnrollmentStore::new(rules));
        let version = rw_signal(0u64);
        let filter = rw_signal(Filter::default());
        let sort = rw_signal(Sort::default());
        let pickers_open = PickersOpen {
            courses: rw_signal(false),
            learners: rw_signal(false),
            departments: rw_signal(false),
        };
        let result = memo(move |_| {
            version.track();
            let sort = sort.get();
            let counted = Counted {
                courses: pickers_open.courses.get(),
                learners: pickers_open.learners.get(),
                departments: pickers_open.departments.get(),
            };
            // A read of the store: its query caches are its own business.
            let answer = filter.with(|f| store.try_with_value(|s| s.query_counting(f, sort, counted)));
            Answer(Arc::new(answer.unwrap_or_default()))
        });
        CardsState {
            store,
            version,
            filter,
            sort,
            load: rw_signal(LoadState::Loading),
            result,
            pickers_open,
            fields: rw_signal(CardFields::default()),
            selection: rw_signal(Selection::default()),
            show_filters: rw_signal(true),
            density: rw_signal(Density::default()),
            locale_version: rw_signal(0),
            epoch: rw_signal(0),
            names_version: rw_signal(0),
            enrichment: rw_signal(EnrichmentStatus::pending(EnrichParts::NONE)),
            locale: stored(Locale::new(locale)),
            unannounced: stored(Unannounced::default()),
        }
    }

    // Every method below tolerates a disposed state (the widget was removed while a task was
    // still finishing): it then does nothing.

    /// Adds a page of enrollments.
    pub fn append(&self, enrollments: Vec<Enrollment>) {
        let first = self.store.try_update_value(|s| {
            let empty = s.is_empty();
            s.append(enrollments);
            empty
        });
        if first == Some(true) {
            // The first cards: now.
            self.announce();
        } else {
            self.changed(false);
        }
    }

    /// Announces a change of the store's data by a timer, [`ANNOUNCE_MS`] after the last
    /// announcement and never in the task that changed the store (reading a page and querying
    /// every row are two tasks, each short).
    fn changed(&self, names: bool) {
        let now = js_sys::Date::now();
        let wait = self.unannounced.try_update_value(|u| {
            u.names |= names;
            if u.waiting {
                return None;
            }
            u.waiting = true;
            Some((u.announced_at + ANNOUNCE_MS - now).max(0.0))
        });
        if let Some(ms) = wait.flatten() {
            let state = *self;
            set_timeout(move || state.flush(), Duration::from_millis(ms.ceil() as u64));
        }
    }

    /// Moves `version` (and `names_version` when names changed) now.
    fn announce(&self) {
        let now = js_sys::Date::now();
        let names = self.unannounced.try_update_value(|u| {
            u.waiting = false;
            u.announced_at = now;
            std::mem::take(&mut u.names)
        });
        self.version.try_update(|v| *v += 1);
        if names == Some(true) {
            self.names_version.try_update(|v| *v += 1);
        }
    }

    /// Announces a change still waiting for its timer, now (before telling the host that
    /// loading or enrichment ended, so the view already shows it).
    fn flush(&self) {
        if self.unannounced.try_with_value(|u| u.waiting) == Some(true) {
            self.announce();
        }
    }

    /// Empties the store and the selection (before a reload).
    pub fn clear(&self) {
        self.store
            .try_update_value(|s| *s = EnrollmentStore::new(s.rules()));
        if self.selection.try_with_untracked(|s| !s.is_empty()) == Some(true) {
            self.selection.try_set(Selection::default());
        }
        self.version.try_update(|v| *v += 1);
    }

    /// Releases spare capacity once loading is over.
    pub fn shrink(&self) {
        self.store.try_update_value(EnrollmentStore::shrink_to_fit);
    }

    /// Adds what the related endpoints told (people, titles, departments, results) with `add`:
    /// the cards update in place and searches see it.
    pub fn enrich(&self, add: impl FnOnce(&mut EnrollmentStore)) {
        self.store.try_update_value(add);
        self.changed(true);
    }

    /// Records how enrichment goes.
    pub fn set_enrichment(&self, status: EnrichmentStatus) {
        self.flush();
        self.enrichment.try_set(status);
        self.prepare_search_when_settled();
    }

    /// Sets the load state.
    pub fn set_load(&self, load: LoadState) {
        self.flush();
        self.load.try_set(load);
        self.prepare_search_when_settled();
    }

    /// Once every page is in and enrichment has settled, prepares the first search while the
    /// page is idle ([`EnrollmentStore::prepare_search`]), so that the first keystroke costs no
    /// more than the next ones.
    fn prepare_search_when_settled(&self) {
        let settled = self.load.try_with_untracked(|l| *l == LoadState::Done) == Some(true)
            && self.enrichment.try_with_untracked(EnrichmentStatus::is_settled) == Some(true);
        let schedule = settled
            && self
                .unannounced
                .try_update_value(|u| !std::mem::replace(&mut u.search_prepare_waiting, true))
                == Some(true);
        if schedule {
            let state = *self;
            crate::idle::when_idle(Box::new(move || {
                state
                    .unannounced
                    .try_update_value(|u| u.search_prepare_waiting = false);
                state.with_store(EnrollmentStore::prepare_search);
            }));
        }
    }

    /// The rules states are derived with.
    pub fn rules(&self) -> Option<StatusRules> {
        self.with_store(EnrollmentStore::rules)
    }

    /// Re-derives every state with `rules` (a new day, another due-soon window): no request.
    pub fn set_rules(&self, rules: StatusRules) {
        if self.rules().is_some_and(|current| current != rules) {
            self.store.try_update_value(|s| s.set_rules(rules));
            self.version.try_update(|v| *v += 1);
            self.epoch.try_update(|e| *e += 1);
        }
    }

    /// Words and formats everything for `locale` from now on: no request (titles already
    /// loaded keep their language until the next load).
    pub fn set_locale(&self, locale: Option<&str>) {
        self.locale.set_value(Locale::new(locale));
        self.epoch.try_update(|e| *e += 1);
        self.locale_version.try_update(|e| *e += 1);
    }

    /// Reads the locale (messages, numbers, dates). Untracked: views that show words are rebuilt
    /// on [`CardsState::locale_version`].
    pub fn with_locale<U>(&self, f: impl FnOnce(&Locale) -> U) -> Option<U> {
        self.locale.try_with_value(f)
    }

    /// The messages for the widget's language.
    pub fn t(&self) -> &'static Messages {
        self.with_locale(Locale::t).unwrap_or(&crate::i18n::EN)
    }

    /// `n` with the locale's digit grouping.
    pub fn number(&self, n: usize) -> String {
        self.with_locale(|l| l.number(n as u64))
            .unwrap_or_else(|| n.to_string())
    }

    /// Records repeated across pages or within an answer (each merged into one card).
    pub fn duplicates(&self) -> usize {
        self.version.track();
        self.with_store(EnrollmentStore::duplicates).unwrap_or(0)
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
        self.with_locale(|l| l.date(date))
            .unwrap_or_else(|| date.to_string())
    }

    /// Formats an instant's date in the viewer's time zone, for the widget's locale; with the
    /// local date itself (for relative hints).
    pub fn format_instant(&self, instant: time::OffsetDateTime) -> (String, time::Date) {
        let fallback = || (instant.date().to_string(), instant.date());
        self.with_locale(|l| l.instant(instant)).unwrap_or_else(fallback)
    }
}
