//! The loader: owns a widget's requests. It asks the token provider when it must, follows the
//! pages (refusing circles and stopping at a page cap), retries what may pass with back-off,
//! resumes from the page that failed, and hands each page to the view's state.
//!
//! Every task it starts belongs to its widget: [`Loader::close`] (called when the widget is
//! removed) aborts the request in flight and drops the task's continuation, so nothing runs,
//! and nothing is requested, after the widget is gone.

use std::cell::RefCell;
use std::rc::Rc;

use futures::future::{abortable, AbortHandle, LocalBoxFuture};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::{Callable, Callback};
use leptos::task::spawn_local;

use crate::api::retry::retry_delay_ms;
use crate::api::url::PageRequest;
use crate::api::TokenTrouble;
use crate::api::{
    AccessToken, ApiError, Client, ClientConfig, EnrollmentQuery, RetryPolicy, TokenError, TokenProvider,
};
use crate::core::maps::FastSet;
use crate::enrich::{EnrichParts, Enricher, EnrichmentStatus};
use crate::reactive::Tracked;
use crate::state::{CardsState, LoadState};

/// Enrollments parsed from one answer (unpaged, or a paged load's first page) before the
/// browser gets a turn: about 2 MB of XML, a few milliseconds of work, so a 40 MB answer
/// neither freezes the tab nor waits to be parsed whole before the first cards show.
const PARSE_BATCH: usize = 5000;

/// Enrollments of a load's first answer parsed, stored and shown before the rest of that
/// answer: more than a large screen's cards. The rest is parsed and stored once their frame is
/// painted, so a cold first card does not wait for the whole first page.
const FIRST_CARDS: usize = 100;

/// How a finished load went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadSummary {
    /// Enrollments shown (each enrollment ID once).
    pub count: usize,
    /// Pages received (1 for an unpaged answer).
    pub pages: u32,
    /// Records that repeated an enrollment ID already received, merged into its card.
    pub duplicates: usize,
}

/// What the loader reports. Both callbacks are optional.
#[derive(Clone, Copy, Default)]
pub struct LoadEvents {
    /// Loading finished.
    pub loaded: Option<Callback<LoadSummary>>,
    /// Loading stopped with an error (what loaded before stays).
    pub error: Option<Callback<ApiError>>,
    /// Names, titles, results and departments settled (how each went).
    pub enrichment: Option<Callback<EnrichmentStatus>>,
}

/// What a load asks for. Changing any of it means a new load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadPlan {
    /// Server-side filters.
    pub query: EnrollmentQuery,
    /// `Some(page size)` for the paged endpoint.
    pub page_size: Option<u32>,
    /// The related resources resolved beside the enrollments (names, titles, ...).
    pub enrich: EnrichParts,
    /// IDs per by-ID request of names and titles.
    pub lookup_batch: usize,
}

/// Where a paged load stands, kept between attempts so a Retry resumes instead of restarting.
#[derive(Debug, Default)]
struct Cursor {
    /// Token of the next page to fetch (`None`: the first page).
    next: Option<String>,
    /// Every token followed so far: one coming back means the pages run in a circle. (Boxed like
    /// the lookup cache's keys: one copy of the set's code.)
    seen: FastSet<Box<str>>,
    /// Pages appended.
    pages: u32,
    /// A Retry can go on from `next` (false before the first page and after a circle or the
    /// page cap, where only a fresh start makes sense).
    resumable: bool,
}

struct Inner {
    client: Client,
    plan: RefCell<LoadPlan>,
    policy: RefCell<RetryPolicy>,
    provider: RefCell<Option<TokenProvider>>,
    cursor: RefCell<Cursor>,
    /// Where loading stood when the host gave a token that cannot be sent.
    refused_during: RefCell<Option<LoadState>>,
    task: RefCell<Option<AbortHandle>>,
    state: CardsState,
    events: LoadEvents,
    /// Resolves names, titles, results and departments for what this load brings.
    enricher: RefCell<Option<Enricher>>,
}

/// A widget's loader. Cheap to clone; clones share everything.
#[derive(Clone)]
pub struct Loader(Rc<Inner>);

/// A [`Loader`] that may be gone.
pub struct WeakLoader(std::rc::Weak<Inner>);

impl WeakLoader {
    /// `true` once nothing (no task, no view) holds the loader any more.
    pub fn is_gone(&self) -> bool {
        self.0.strong_count() == 0
    }
}

impl Loader {
    /// A loader that puts what `plan` asks for into `state` and reports to `events`. Nothing is
    /// requested before [`Loader::start`].
    pub fn new(
        config: ClientConfig,
        provider: Option<TokenProvider>,
        plan: LoadPlan,
        policy: RetryPolicy,
        state: CardsState,
        events: LoadEvents,
    ) -> Self {
        Loader(Rc::new(Inner {
            client: Client::new(config),
            plan: RefCell::new(plan),
            policy: RefCell::new(policy),
            provider: RefCell::new(provider),
            cursor: RefCell::default(),
            refused_during: RefCell::default(),
            task: RefCell::default(),
            state,
            events,
            enricher: RefCell::default(),
        }))
    }

    /// Loads from scratch: empties the list and fetches everything. Without a token or a
    /// provider it waits for one instead (see [`Loader::set_token`]).
    pub fn start(&self) {
        self.stop_task();
        *self.0.cursor.borrow_mut() = Cursor::default();
        self.0.state.clear();
        self.0.renew_enricher();
        self.spawn();
    }

    /// After a failure: goes on from the page that failed, keeping what loaded (or starts over
    /// where that makes no sense: an unpaged answer, a first page that failed partway, a
    /// circle, the page cap).
    pub fn resume(&self) {
        if self.0.cursor.borrow().resumable {
            self.stop_task();
            self.spawn();
        } else {
            self.start();
        }
    }

    /// Uses `token` for the next request (and the retry after a 401): never reloads. A widget
    /// waiting for credentials starts loading. A token that cannot be sent stops the requests
    /// with that error, what loaded staying; a good token after it picks up where they stopped
    /// (a finished list stays finished, a paged load resumes from its page; one stopped before
    /// its first page was in starts over). A new token after a 401 or a
    /// failed provider resumes too.
    pub fn set_token(&self, token: Result<AccessToken, TokenError>) {
        let token = match token {
            Ok(token) => token,
            Err(error) => {
                let current = self.0.state.load.try_get_untracked();
                if self.0.refused_during.borrow().is_none() {
                    *self.0.refused_during.borrow_mut() = current;
                }
                self.fail(error.into());
                return;
            }
        };
        let changed = self.0.client.config().token != token;
        self.0.client.set_token(token);
        let refused_during = self.0.refused_during.borrow_mut().take();
        let failed_on_credentials = self
            .0
            .state
            .load
            .try_with_untracked(|l| {
                matches!(
                    l,
                    LoadState::Failed(
                        ApiError::Status { status: 401, .. } | ApiError::TokenUnavailable { .. }
                    )
                )
            })
            .unwrap_or(false);
        match refused_during {
            Some(LoadState::Done) => self.0.state.set_load(LoadState::Done),
            Some(LoadState::WaitingForCredentials) => self.start(),
            Some(_) => self.resume(),
            None if changed && failed_on_credentials => self.resume(),
            None => self.start_if_waiting(),
        }
    }

    /// Ends the current load with `error`, reported like any failure (after the current call
    /// returns, so a host that removes the widget from its error listener is not re-entered).
    /// Where loading stood is kept, for [`Loader::resume`].
    pub fn fail(&self, error: ApiError) {
        self.stop_task();
        if self.0.client.is_closed() {
            return;
        }
        let inner = self.0.clone();
        self.spawn_task(async move { inner.finish(Err(error)) });
    }

    /// Uses `provider` from now on: never reloads. A widget waiting for credentials starts.
    pub fn set_provider(&self, provider: Option<TokenProvider>) {
        *self.0.provider.borrow_mut() = provider;
        self.start_if_waiting();
    }

    /// Applies connection settings that do not change what is loaded (time-out, size limit,
    /// retry policy) to the next requests; the token is set separately.
    pub fn set_limits(&self, config: &ClientConfig, policy: RetryPolicy) {
        let mut current = self.0.client.config();
        current.timeout_ms = config.timeout_ms;
        current.max_body_bytes = config.max_body_bytes;
        current.target_locale = config.target_locale.clone();
        self.0.client.set_config(current);
        *self.0.policy.borrow_mut() = policy;
    }

    /// Ends every task of this loader for good: the running request is aborted, the task's
    /// continuation dropped, and nothing more is sent.
    pub fn close(&self) {
        self.stop_task();
        if let Some(enricher) = self.0.enricher.borrow_mut().take() {
            enricher.close();
        }
        self.0.client.close();
    }

    /// Requests sent so far (for tests).
    pub fn requests_sent(&self) -> u64 {
        self.0.client.requests_sent()
    }

    /// A handle that does not keep the loader alive (tests check that nothing does once its
    /// widget is gone).
    pub fn downgrade(&self) -> WeakLoader {
        WeakLoader(Rc::downgrade(&self.0))
    }

    fn start_if_waiting(&self) {
        let waiting = self
            .0
            .state
            .load
            .try_with_untracked(|l| *l == LoadState::WaitingForCredentials)
            .unwrap_or(false);
        if waiting {
            self.start();
        }
    }

    fn stop_task(&self) {
        if let Some(task) = self.0.task.borrow_mut().take() {
            task.abort();
        }
        self.0.client.abort();
    }

    fn spawn(&self) {
        let inner = &self.0;
        if inner.client.is_closed() {
            return;
        }
        if inner.client.config().token.is_empty() && inner.provider.borrow().is_none() {
            inner.state.set_load(LoadState::WaitingForCredentials);
            return;
        }
        inner.state.set_load(LoadState::Loading);
        let inner = self.0.clone();
        self.spawn_task(async move {
            let result = inner.load().await;
            inner.finish(result);
        });
    }

    /// Runs `work` as this loader's task: [`Loader::close`] (or the next task) aborts it.
    fn spawn_task(&self, work: impl std::future::Future<Output = ()> + 'static) {
        *self.0.task.borrow_mut() = Some(spawn_abortable(work));
    }
}

/// Runs `work` on the browser's event loop; aborting the returned handle drops it at its next
/// turn (a widget's tasks end with the widget this way).
pub(crate) fn spawn_abortable(work: impl std::future::Future<Output = ()> + 'static) -> AbortHandle {
    // Boxed first: one `Abortable` type, whatever the work.
    let work: LocalBoxFuture<'static, ()> = Box::pin(work);
    let (task, handle) = abortable(work);
    spawn_local(async move {
        let _ = task.await;
    });
    handle
}

impl Inner {
    /// A fresh enricher for a fresh load (the store was emptied), ending the previous one.
    fn renew_enricher(&self) {
        let plan = self.plan.borrow();
        let enricher = (!plan.enrich.is_none()).then(|| {
            Enricher::new(
                &self.client,
                plan.query.clone(),
                plan.enrich,
                plan.lookup_batch,
                self.state,
                self.events.enrichment,
            )
        });
        if let Some(previous) = self.enricher.replace(enricher) {
            previous.close();
        }
    }

    fn with_enricher(&self, act: impl FnOnce(&Enricher)) {
        let enricher = self.enricher.borrow().clone();
        if let Some(enricher) = enricher {
            act(&enricher);
        }
    }

    /// Shows and reports how a load ended: success, failure (reported), or abort (silent).
    fn finish(&self, result: Result<(), ApiError>) {
        let state = self.state;
        match result {
            Ok(()) => {
                state.shrink();
                state.set_load(LoadState::Done);
                self.with_enricher(Enricher::load_done);
                let summary = LoadSummary {
                    count: state.with_store(|s| s.len()).unwrap_or(0),
                    pages: self.cursor.borrow().pages,
                    duplicates: state.with_store(|s| s.duplicates()).unwrap_or(0),
                };
                if let Some(loaded) = self.events.loaded {
                    loaded.try_run(summary);
                }
            }
            Err(ApiError::Aborted) => {}
            Err(error) => {
                state.set_load(LoadState::Failed(error.clone()));
                // What arrived before the failure gets its names and titles too (a page's
                // lookups are otherwise set off once the whole page is in).
                if state.with_store(|s| !s.is_empty()) == Some(true) {
                    self.with_enricher(Enricher::kick);
                }
                if let Some(report) = self.events.error {
                    report.try_run(error);
                }
            }
        }
    }

    async fn load(&self) -> Result<(), ApiError> {
        if self.client.config().token.is_empty() {
            self.refresh_token().await?;
        }
        let plan = self.plan.borrow().clone();
        match plan.page_size {
            Some(size) => self.load_pages(&plan.query, size).await,
            None => self.load_unpaged(&plan.query).await,
        }
    }

    /// The single answer, appended in batches; a retry starts it over (a retryable failure
    /// happens before any batch was appended).
    async fn load_unpaged(&self, query: &EnrollmentQuery) -> Result<(), ApiError> {
        self.append_in_batches(query, None).await?;
        self.cursor.borrow_mut().pages = 1;
        Ok(())
    }

    /// One answer (unpaged, or a page when `page` is given) parsed and appended in batches,
    /// the first cards shown before the rest is parsed; its next page's token. Retrying the
    /// request never appends a batch twice: every error after the first batch is a body error
    /// or [`ApiError::Aborted`], and neither is retried (`api::error`'s tests hold it to that).
    /// A caller must still not resume after a failure here (see `load_pages`).
    async fn append_in_batches(
        &self,
        query: &EnrollmentQuery,
        page: Option<PageRequest<'_>>,
    ) -> Result<Option<String>, ApiError> {
        let state = self.state;
        let read = self
            .with_retries(async || {
                self.client
                    .fetch_enrollments_in_batches(query, page, [FIRST_CARDS, PARSE_BATCH], |batch| {
                        state.append(batch)
                    })
                    .await
            })
            .await?;
        Ok(read.next_page_token)
    }

    /// Every page from the cursor on. Each page is appended once: the cursor moves past it as
    /// it is appended, and a failure leaves the cursor on the page that failed. The first page
    /// is parsed and appended in batches, its first cards shown before the rest is parsed: until
    /// it is appended whole the load is not resumable, so a Retry after a failure there starts
    /// over rather than appending its first batches twice. Every later page is appended whole
    /// or not at all.
    async fn load_pages(&self, query: &EnrollmentQuery, size: u32) -> Result<(), ApiError> {
        let max_pages = self.policy.borrow().max_pages.max(1);
        loop {
            let token = self.cursor.borrow().next.clone();
            let request = PageRequest {
                size: size.max(1),
                token: token.as_deref(),
            };
            let next = if self.cursor.borrow().pages == 0 {
                self.append_in_batches(query, Some(request)).await?
            } else {
                let mut page = self
                    .with_retries(async || self.client.fetch_page(query, request).await)
                    .await?;
                let next = page.next_page_token.take();
                self.state.append(page.enrollments);
                next
            };
            self.with_enricher(Enricher::kick);
            let mut cursor = self.cursor.borrow_mut();
            cursor.pages += 1;
            cursor.resumable = true;
            let Some(next) = next else {
                cursor.next = None;
                return Ok(());
            };
            if !cursor.seen.insert(next.as_str().into()) {
                cursor.resumable = false;
                return Err(ApiError::PagingLoop { pages: cursor.pages });
            }
            if cursor.pages >= max_pages {
                cursor.resumable = false;
                return Err(ApiError::TooManyPages { pages: max_pages });
            }
            cursor.next = Some(next);
        }
    }

    /// Sends a request until it succeeds, retrying what may pass (with back-off, or after the
    /// service's `Retry-After`) and, once, a 401 with a fresh token from the provider.
    async fn with_retries<T>(
        &self,
        mut send: impl AsyncFnMut() -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let attempts = self.policy.borrow().attempts;
        let (mut retries, mut refreshed) = (0, false);
        loop {
            let error = match send().await {
                Ok(value) => {
                    if retries > 0 {
                        self.state.set_load(LoadState::Loading);
                    }
                    return Ok(value);
                }
                Err(error) => error,
            };
            let has_provider = self.provider.borrow().is_some();
            if error.status() == Some(401) && has_provider && !refreshed {
                refreshed = true;
                self.refresh_token().await?;
            } else if error.is_retryable() && retries < attempts {
                retries += 1;
                self.state.set_load(LoadState::Retrying {
                    attempt: retries,
                    of: attempts,
                });
                let delay = retry_delay_ms(retries, error.retry_after(), js_sys::Math::random());
                TimeoutFuture::new(delay).await;
            } else {
                return Err(error);
            }
        }
    }

    /// Asks the host's provider for a token and uses it for the next requests.
    async fn refresh_token(&self) -> Result<(), ApiError> {
        let provider = self.provider.borrow().clone();
        let Some(provider) = provider else {
            return Err(ApiError::TokenUnavailable {
                reason: TokenTrouble::NoProvider,
            });
        };
        let text = provider
            .fetch()
            .await
            .map_err(|message| ApiError::TokenUnavailable {
                reason: TokenTrouble::Failed(message),
            })?;
        let token = AccessToken::new(text)?;
        if token.is_empty() {
            return Err(ApiError::TokenUnavailable {
                reason: TokenTrouble::NoToken,
            });
        }
        self.client.set_token(token);
        Ok(())
    }
}
