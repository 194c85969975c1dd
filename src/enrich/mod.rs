//! Enrichment: resolves, in the background, what the cards show beside IDs: learners' names
//! (`GET /users/v2`), course titles (`GET /contents`, and `courseTitle` from results for linked
//! copies), department paths (`GET /departments`) and progress (`GET /learners/results`).
//!
//! People and titles are resolved as enrollment pages arrive, results and departments once the
//! enrollments are loaded. Every ID is asked for once per page lifetime: widgets on one page with
//! the same endpoint share a cache (in memory only, dropped with the last of them). IDs go by
//! batches ([`DEFAULT_BATCH`](crate::core::lookup::DEFAULT_BATCH) per request unless the host
//! sets `lookup-batch`) or, for a whole account, by a full listing when that
//! takes fewer requests (see [`LookupPlan`]); at most [`IN_FLIGHT`] requests are on their way.
//! A 403 on a resource leaves its IDs on the cards and is reported once, quietly, through
//! [`EnrichmentStatus`]; it is never an `enrollments-error`.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::Arc;

use futures::future::AbortHandle;
use futures::stream::{self, StreamExt};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::{Callable, Callback};

pub use crate::core::enrichment::{EnrichParts, EnrichmentStatus, PartStatus};

use crate::api::retry::retry_delay_ms;
use crate::api::url::resource_url;
use crate::api::{ApiError, Client, EnrollmentQuery};
use crate::core::directory::PersonEntry;
use crate::core::lookup::{Entry, LookupCache, LookupPlan, LookupRequest, LISTING_PAGE};
use crate::core::maps::FastMap;
use crate::core::parse::{parse_contents, parse_departments, parse_results, parse_users, ParseError};
use crate::core::related::{ContentItem, Listing};
use crate::loader::spawn_abortable;
use crate::state::CardsState;

/// Requests on their way at once, at most.
pub const IN_FLIGHT: usize = 4;
/// Stores one lookup answer; returns the IDs it held and the next page's token.
type TakeAnswer<'a> = dyn Fn(&str) -> Result<(Vec<Id>, Option<String>), ParseError> + 'a;

/// A learner or course ID as the lookups keep it (the page-wide cache holds one per learner:
/// a boxed string is a third smaller than a `String`).
type Id = Box<str>;

/// Most IDs in one by-ID request (the URL stays under about 25 KB).
pub const MAX_BATCH: usize = 500;
/// Retries of an enrichment request that failed in a way that may pass.
const RETRIES: u32 = 2;
/// How long to wait for IDs another widget is resolving, checking every quarter second.
const WAIT_FOR_OTHERS_MS: u32 = 30_000;
/// Pages of a listing followed at most.
const MAX_PAGES: u32 = 1_000;

/// What the widgets of one page with the same endpoint learned: people by learner ID and
/// titled courses by course ID.
#[derive(Default)]
struct Shared {
    people: RefCell<LookupCache<Id, Found>>,
    titles: RefCell<LookupCache<Id, Found>>,
}

/// A learner or a course found by a lookup. A person is shared by the cache and the stores of
/// every widget that shows them (one copy per page).
#[derive(Debug, Clone)]
enum Found {
    Person(Arc<PersonEntry>),
    Course(Box<ContentItem>),
}

/// The two lookups by ID: people (`/users/v2`) and course titles (`/contents`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lookup {
    People,
    Titles,
}

impl Lookup {
    /// The resource's path and its ID parameter.
    fn resource(self) -> (&'static str, &'static str) {
        match self {
            Lookup::People => ("users/v2", "userIds[]"),
            Lookup::Titles => ("contents", "contentItemIds[]"),
        }
    }

    /// An answer's items with their IDs, and the next page's token.
    fn parse(self, xml: &str) -> Result<Listing<(Id, Found)>, ParseError> {
        let (items, next_page_token) = match self {
            Lookup::People => {
                let listing = parse_users(xml)?;
                let items = listing.items.into_iter();
                let found = items
                    .map(|p| {
                        (
                            p.user_id.clone().into(),
                            Found::Person(Arc::new(PersonEntry::from(p))),
                        )
                    })
                    .collect();
                (found, listing.next_page_token)
            }
            Lookup::Titles => {
                let listing = parse_contents(xml)?;
                let items = listing.items.into_iter();
                let found = items
                    .map(|c| (c.content_item_id.as_str().into(), Found::Course(Box::new(c))))
                    .collect();
                (found, listing.next_page_token)
            }
        };
        Ok(Listing {
            items,
            next_page_token,
        })
    }
}

/// Hands what lookups found (by ID) to the store.
fn add_found(store: &mut crate::core::store::EnrollmentStore, found: Vec<(Id, Found)>) {
    let mut people = Vec::new();
    let mut courses = Vec::new();
    for (id, item) in found {
        match item {
            Found::Person(p) => people.push((id, p)),
            Found::Course(c) => courses.push(*c),
        }
    }
    if !people.is_empty() {
        store.add_person_entries(people);
    }
    if !courses.is_empty() {
        store.add_contents(courses);
    }
}

thread_local! {
    /// The caches of the page, by endpoint and language; an entry lives as long as a widget
    /// holds it.
    static CACHES: RefCell<FastMap<String, Weak<Shared>>> = RefCell::default();
}

/// The cache for `endpoint` in `locale` (titles come back in the widget's language), shared
/// with the other widgets of the page.
fn shared_cache(endpoint: &str, locale: Option<&str>) -> Rc<Shared> {
    let key = format!("{endpoint}\u{0}{}", locale.unwrap_or_default());
    let endpoint = key.as_str();
    CACHES.with(|caches| {
        let mut caches = caches.borrow_mut();
        caches.retain(|_, cache| cache.strong_count() > 0);
        if let Some(cache) = caches.get(endpoint).and_then(Weak::upgrade) {
            return cache;
        }
        let cache = Rc::new(Shared::default());
        caches.insert(endpoint.to_owned(), Rc::downgrade(&cache));
        cache
    })
}

/// How one resource is going: requests answered and failed, and whether a 403 came.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    succeeded: usize,
    failed: usize,
    forbidden: bool,
}

impl Tally {
    fn record<T>(&mut self, result: &Result<T, ApiError>) {
        match result {
            Ok(_) => self.succeeded += 1,
            Err(ApiError::Status { status: 403, .. }) => self.forbidden = true,
            Err(_) => self.failed += 1,
        }
    }

    fn status(self) -> PartStatus {
        PartStatus::after(self.succeeded, self.failed, self.forbidden)
    }
}

struct Inner {
    lanes: RefCell<Vec<Client>>,
    cache: Rc<Shared>,
    endpoint: String,
    query: EnrollmentQuery,
    parts: EnrichParts,
    /// IDs per by-ID request.
    batch: usize,
    state: CardsState,
    report: Option<Callback<EnrichmentStatus>>,
    status: Cell<EnrichmentStatus>,
    /// Learners and courses (store interner indices) already handed to a lookup.
    learners_seen: Cell<usize>,
    courses_seen: Cell<usize>,
    people: Cell<Tally>,
    titles: Cell<Tally>,
    /// A lookup pass is running; `again` asks it to look for new IDs once more.
    running: Cell<bool>,
    again: Cell<bool>,
    loaded: Cell<bool>,
    tasks: RefCell<Vec<AbortHandle>>,
}

/// A widget's enrichment. Cheap to clone; clones share everything.
#[derive(Clone)]
pub struct Enricher(Rc<Inner>);

impl Enricher {
    /// An enricher sending through lanes of `client` (so it shares the loader's token and
    /// closes with it), for enrollments loaded with `query`.
    pub fn new(
        client: &Client,
        query: EnrollmentQuery,
        parts: EnrichParts,
        batch: usize,
        state: CardsState,
        report: Option<Callback<EnrichmentStatus>>,
    ) -> Self {
        let config = client.config();
        let endpoint = config.endpoint.clone();
        let status = EnrichmentStatus::pending(parts);
        state.set_enrichment(status);
        Enricher(Rc::new(Inner {
            lanes: RefCell::new((0..IN_FLIGHT).map(|_| client.lane()).collect()),
            cache: shared_cache(&endpoint, config.target_locale.as_deref()),
            endpoint,
            query,
            parts,
            batch: batch.clamp(1, MAX_BATCH),
            state,
            report,
            status: Cell::new(status),
            learners_seen: Cell::new(0),
            courses_seen: Cell::new(0),
            people: Cell::default(),
            titles: Cell::default(),
            running: Cell::new(false),
            again: Cell::new(false),
            loaded: Cell::new(false),
            tasks: RefCell::default(),
        }))
    }

    /// New enrollments arrived: resolves the people and titles not asked for yet.
    pub fn kick(&self) {
        let inner = &self.0;
        if !(inner.parts.names || inner.parts.titles) {
            return;
        }
        if inner.running.get() {
            inner.again.set(true);
            return;
        }
        inner.running.set(true);
        let task = self.0.clone();
        self.spawn(async move {
            // In a task of its own, after the one that parsed and showed the page that set it off
            // (the first page's cards do not wait for the lookups to be planned and sent).
            TimeoutFuture::new(0).await;
            loop {
                task.again.set(false);
                task.resolve_new_ids().await;
                if !task.again.get() {
                    break;
                }
            }
            task.running.set(false);
            task.settle_lookups();
        });
    }

    /// The enrollments are all loaded: resolves the rest, then results and departments.
    pub fn load_done(&self) {
        self.0.loaded.set(true);
        self.kick();
        let inner = &self.0;
        if inner.parts.progress {
            let task = self.0.clone();
            self.spawn(async move { task.load_results().await });
        }
        if inner.parts.departments {
            let task = self.0.clone();
            self.spawn(async move { task.load_departments().await });
        }
        self.0.settle_lookups();
    }

    /// Ends every task for good (the widget is gone, or reloads).
    pub fn close(&self) {
        for task in self.0.tasks.borrow_mut().drain(..) {
            task.abort();
        }
    }

    fn spawn(&self, work: impl std::future::Future<Output = ()> + 'static) {
        let handle = spawn_abortable(work);
        let mut tasks = self.0.tasks.borrow_mut();
        tasks.retain(|t| !t.is_aborted());
        tasks.push(handle);
    }
}

impl Inner {
    /// Resolves the learners and courses that came with the enrollments since the last pass.
    async fn resolve_new_ids(&self) {
        let (learners, courses) = self
            .state
            .with_store(|s| {
                let learners: Vec<Id> = s
                    .learners()
                    .skip(self.learners_seen.get())
                    .map(|(_, id)| id.into())
                    .collect();
                let courses: Vec<Id> = s
                    .courses()
                    .skip(self.courses_seen.get())
                    .map(|(_, id)| id.into())
                    .collect();
                (learners, courses)
            })
            .unwrap_or_default();
        self.learners_seen.set(self.learners_seen.get() + learners.len());
        self.courses_seen.set(self.courses_seen.get() + courses.len());
        // A whole account needs nearly every learner and course: listing may be cheaper.
        let share = if self.query.learner_ids.is_empty() && self.query.course_ids.is_empty() {
            1.0
        } else {
            0.0
        };
        let people = async {
            if self.parts.names && !self.people.get().forbidden {
                self.resolve(Lookup::People, learners, share).await;
            }
        };
        let titles = async {
            if self.parts.titles && !self.titles.get().forbidden {
                self.resolve(Lookup::Titles, courses, share).await;
            }
        };
        futures::join!(people, titles);
    }

    /// Resolves `ids` by `lookup`: asks for those no widget of the page asked for yet, then takes
    /// those other widgets are resolving from the shared cache as they come.
    async fn resolve(&self, lookup: Lookup, ids: Vec<Id>, share: f64) {
        let (cache, tally) = match lookup {
            Lookup::People => (&self.cache.people, &self.people),
            Lookup::Titles => (&self.cache.titles, &self.titles),
        };
        let claimed = cache.borrow_mut().claim(&ids);
        let mut plan = LookupPlan::new(claimed.clone(), self.batch, share);
        let take = |xml: &str| {
            let Listing {
                items: found,
                next_page_token: next,
            } = lookup.parse(xml)?;
            let ids: Vec<Id> = found.iter().map(|(id, _)| id.clone()).collect();
            let mut items = Vec::with_capacity(found.len());
            {
                let mut cache = cache.borrow_mut();
                for (id, item) in found {
                    cache.insert(id.clone(), item.clone());
                    items.push((id, item));
                }
            }
            self.state.enrich(|s| add_found(s, items));
            Ok((ids, next))
        };
        self.run_plan(&mut plan, lookup.resource(), &take, tally).await;
        cache.borrow_mut().settle(&claimed);
        // What other widgets are resolving (claimed keeps the order of ids: one walk finds it).
        let mut mine = claimed.iter().peekable();
        let others: Vec<&Id> = ids
            .iter()
            .filter(|&id| mine.next_if(|&m| m == id).is_none())
            .collect();
        let mut waited = 0;
        loop {
            let (known, pending) = {
                let cache = cache.borrow();
                let mut known = Vec::new();
                let mut pending = 0;
                for &id in &others {
                    match cache.get(id) {
                        Some(Entry::Known(item)) => known.push((id.clone(), item.clone())),
                        Some(Entry::Pending) => pending += 1,
                        _ => {}
                    }
                }
                (known, pending)
            };
            if !known.is_empty() {
                self.state.enrich(|s| add_found(s, known));
            }
            if pending == 0 || waited >= WAIT_FOR_OTHERS_MS {
                break;
            }
            TimeoutFuture::new(250).await;
            waited += 250;
        }
    }

    /// Sends what `plan` asks for, at most [`IN_FLIGHT`] at a time, handing each answer to
    /// `take` (which returns the IDs it held and the next page's token).
    async fn run_plan(
        &self,
        plan: &mut LookupPlan<Id>,
        (path, id_param): (&str, &str),
        take: &TakeAnswer<'_>,
        tally: &Cell<Tally>,
    ) {
        let plan = RefCell::new(plan);
        loop {
            let mut batch = Vec::new();
            while batch.len() < IN_FLIGHT {
                match plan.borrow_mut().next_request() {
                    Some(request) => batch.push(request),
                    None => break,
                }
            }
            if batch.is_empty() {
                return;
            }
            let answers = stream::iter(batch.into_iter().map(|request| async move {
                let url = match &request {
                    LookupRequest::ById(ids) => {
                        let size = ids.len().to_string();
                        let params = ids.iter().map(|id| (id_param, &**id));
                        resource_url(&self.endpoint, path, params.chain([("pageSize", size.as_str())]))
                    }
                    LookupRequest::ListPage(token) => {
                        let size = LISTING_PAGE.to_string();
                        let page = [("pageSize", size.as_str())].into_iter();
                        let token = token.as_deref().map(|t| ("pageToken", t));
                        resource_url(&self.endpoint, path, page.chain(token))
                    }
                };
                (request, self.get(&url).await)
            }))
            .buffer_unordered(IN_FLIGHT);
            let mut answers = std::pin::pin!(answers);
            // Each answer in a task of its own, as it comes: a page takes ~10 ms to read.
            while let Some((request, body)) = answers.next().await {
                let result = body.and_then(|xml| take(&xml).map_err(ApiError::from));
                let mut counts = tally.get();
                counts.record(&result);
                tally.set(counts);
                {
                    let mut plan = plan.borrow_mut();
                    match (request, result) {
                        (LookupRequest::ById(asked), Ok((found, _))) => {
                            plan.found(&found);
                            plan.batch_done(&asked);
                        }
                        (LookupRequest::ById(asked), Err(_)) => plan.batch_done(&asked),
                        (LookupRequest::ListPage(_), Ok((found, next))) => {
                            plan.found(&found);
                            plan.page_done(next);
                        }
                        (LookupRequest::ListPage(_), Err(_)) => plan.listing_failed(),
                    }
                }
                if counts.forbidden {
                    return;
                }
                TimeoutFuture::new(0).await;
            }
        }
    }

    /// Results of every enrollment loaded: a paged listing with the enrollment request's filters,
    /// blocked learners included.
    async fn load_results(&self) {
        let filters: Vec<(&str, &str)> = (self.query.learner_ids.iter())
            .map(|id| ("learnerIds[]", id.as_str()))
            .chain(
                self.query
                    .course_ids
                    .iter()
                    .map(|id| ("courseIds[]", id.as_str())),
            )
            .chain(["1", "3", "5"].map(|s| ("userStatuses[]", s)))
            .collect();
        let tally = self
            .list_all("learners/results", &filters, &|xml| {
                let listing = parse_results(xml)?;
                self.state.enrich(|s| s.add_results(listing.items));
                Ok(listing.next_page_token)
            })
            .await;
        self.update(|s| s.results = tally.status());
    }

    /// The department tree: one paged listing.
    async fn load_departments(&self) {
        let tally = self
            .list_all("departments", &[], &|xml| {
                let listing = parse_departments(xml)?;
                self.state.enrich(|s| s.add_departments(listing.items));
                Ok(listing.next_page_token)
            })
            .await;
        self.update(|s| s.departments = tally.status());
    }

    /// Every page of `path` with `filters`, each handed to `take` (which stores its items and
    /// returns the next page's token), until the last page, a repeated token or a failure.
    async fn list_all(
        &self,
        path: &str,
        filters: &[(&str, &str)],
        take: &dyn Fn(&str) -> Result<Option<String>, ParseError>,
    ) -> Tally {
        let mut tally = Tally::default();
        let mut token: Option<String> = None;
        let size = LISTING_PAGE.to_string();
        for _ in 0..MAX_PAGES {
            let page = [("pageSize", size.as_str())]
                .into_iter()
                .chain(token.as_deref().map(|t| ("pageToken", t)));
            let url = resource_url(&self.endpoint, path, filters.iter().copied().chain(page));
            let result = match self.get(&url).await {
                Ok(xml) => take(&xml).map_err(ApiError::from),
                Err(error) => Err(error),
            };
            tally.record(&result);
            let Ok(next_page_token) = result else { break };
            match next_page_token {
                Some(next) if Some(&next) != token.as_ref() => token = Some(next),
                _ => break,
            }
        }
        tally
    }

    /// One GET on a free lane, retried when it may pass.
    async fn get(&self, url: &str) -> Result<String, ApiError> {
        // Every part shares the lanes: wait for a free one (at most IN_FLIGHT are out).
        let lane = loop {
            if let Some(lane) = self.lanes.borrow_mut().pop() {
                break lane;
            }
            TimeoutFuture::new(5).await;
        };
        let mut retry = 0;
        let result = loop {
            match lane.get_body(url).await {
                Err(error) if error.is_retryable() && retry < RETRIES => {
                    retry += 1;
                    let delay = retry_delay_ms(retry, error.retry_after(), js_sys::Math::random());
                    TimeoutFuture::new(delay).await;
                }
                other => break other,
            }
        };
        self.lanes.borrow_mut().push(lane);
        result
    }

    /// Once the enrollments are loaded and no lookup pass runs, people and titles are settled.
    fn settle_lookups(&self) {
        if !self.loaded.get() || self.running.get() {
            return;
        }
        let (people, titles) = (self.people.get(), self.titles.get());
        self.update(|s| {
            if s.users == PartStatus::Pending {
                s.users = people.status();
            }
            if s.courses == PartStatus::Pending {
                s.courses = titles.status();
            }
        });
    }

    /// Changes the status; reports it once every part has settled.
    fn update(&self, change: impl FnOnce(&mut EnrichmentStatus)) {
        let mut status = self.status.get();
        let was_settled = status.is_settled();
        change(&mut status);
        self.status.set(status);
        self.state.set_enrichment(status);
        if status.is_settled() && !was_settled {
            if let Some(report) = self.report {
                report.try_run(status);
            }
        }
    }
}
