//! The whole widget: loads enrollments through the API client into the store, and shows the
//! filter bar, count, state panels and the windowed card grid. What happens is reported through
//! [`ViewEvents`] (the embedding turns them into DOM events).

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use super::card_window::CardWindow;
use super::filter_bar::FilterBar;
use super::panels::StatePanels;
use super::state::{CardsState, LoadState};
use super::summary::Summary;
use crate::api::{ApiError, Client, ClientConfig, EnrollmentQuery, TokenProvider};
use crate::core::model::EnrollmentPage;
use crate::core::query::{Filter, Sort};
use crate::core::status::StatusRules;

/// Where the widget gets its data and how it shows it.
#[derive(Debug, Clone)]
pub struct ListSource {
    /// Connection settings.
    pub config: ClientConfig,
    /// Asked for a token on start and once after a 401, when set.
    pub token_provider: Option<TokenProvider>,
    /// Server-side filters (`learnerIds[]`, `courseIds[]`).
    pub query: EnrollmentQuery,
    /// `Some(page size)` to use the paged endpoint.
    pub page_size: Option<u32>,
    /// The day states are derived for, and the due-soon window.
    pub rules: StatusRules,
    /// Locale for dates (`None`: the browser's).
    pub locale: Option<String>,
    /// Show the filter bar (hosts hide it for compact placements).
    pub show_filters: bool,
    /// Filter and sort to start with.
    pub initial: (Filter, Sort),
}

impl ListSource {
    /// A source for `config` with defaults: unpaged, whole account, browser locale, filters shown.
    pub fn new(config: ClientConfig, rules: StatusRules) -> Self {
        ListSource {
            config,
            token_provider: None,
            query: EnrollmentQuery::default(),
            page_size: None,
            rules,
            locale: None,
            show_filters: true,
            initial: (Filter::default(), Sort::default()),
        }
    }
}

/// A card the user activated (click or Enter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selected {
    /// `enrollmentId`.
    pub enrollment_id: String,
    /// `courseId`.
    pub course_id: String,
    /// `learnerId`.
    pub learner_id: String,
}

/// What the view reports to its host. Every callback is optional.
#[derive(Clone, Copy, Default)]
pub struct ViewEvents {
    /// Loading finished: enrollments and pages received.
    pub loaded: Option<Callback<(usize, u32)>>,
    /// Loading failed.
    pub error: Option<Callback<ApiError>>,
    /// A card was activated.
    pub select: Option<Callback<Selected>>,
    /// The filter or sort changed (not reported for the initial state).
    pub filters: Option<Callback<(Filter, Sort)>>,
    /// The view's state was created (hosts keep it to read and set filters).
    pub ready: Option<Callback<CardsState>>,
}

/// Loads from `source` and shows the enrollments as filterable cards.
#[component]
pub fn EnrollmentCards(
    /// Where to load from.
    source: ListSource,
    /// Callbacks to the host.
    #[prop(optional)]
    events: ViewEvents,
) -> impl IntoView {
    let state = CardsState::new(source.rules, source.locale.as_deref());
    state.filter.set(source.initial.0.clone());
    state.sort.set(source.initial.1);
    if let Some(ready) = events.ready {
        ready.run(state);
    }
    if let Some(report) = events.filters {
        Effect::new(move |previous: Option<()>| {
            let current = (state.filter.get(), state.sort.get());
            if previous.is_some() {
                report.run(current);
            }
        });
    }
    let client = Client::new(source.config.clone());
    on_cleanup({
        // Cleanup runs on the thread that created the view (the browser's only thread).
        let client = SendWrapper::new(client.clone());
        move || client.abort()
    });
    let show_filters = source.show_filters;
    let load = SendWrapper::new(move || {
        state.clear();
        state.load.set(LoadState::Loading);
        spawn_local(load_into(state, client.clone(), source.clone(), events));
    });
    load();
    let retry = Callback::new(move |()| load());
    view! { <CardsView state retry show_filters select=events.select /> }
}

/// The view over an already prepared state (the browser tests mount it on fixture data).
#[component]
pub fn CardsView(
    /// Shared view state.
    state: CardsState,
    /// Called by the error panel's Retry button.
    retry: Callback<()>,
    /// Show the filter bar.
    #[prop(default = true)]
    show_filters: bool,
    /// Called when a card is activated.
    #[prop(optional_no_strip)]
    select: Option<Callback<Selected>>,
) -> impl IntoView {
    view! {
        <section class="ec-root" aria-label="Enrollments">
            {show_filters.then(|| view! { <FilterBar state /> })}
            <Summary state />
            <StatePanels state retry />
            <CardWindow state select />
        </section>
    }
}

/// Fetches every page into `state` (asking the token provider first, and once more after a
/// 401); the store keeps what arrived before an error.
async fn load_into(state: CardsState, client: Client, source: ListSource, events: ViewEvents) {
    let provider = source.token_provider.as_ref();
    let mut result = match provider {
        Some(provider) => match provider.fetch().await {
            Ok(token) => {
                client.set_token(token);
                fetch_all(state, &client, &source).await
            }
            Err(reason) => Err(ApiError::TokenUnavailable { reason }),
        },
        None => fetch_all(state, &client, &source).await,
    };
    if let (Some(provider), Err(ApiError::Status { status: 401, .. })) = (provider, &result) {
        result = match provider.fetch().await {
            Ok(token) => {
                client.set_token(token);
                state.clear();
                fetch_all(state, &client, &source).await
            }
            Err(reason) => Err(ApiError::TokenUnavailable { reason }),
        };
    }
    match result {
        Ok(pages) => {
            state.shrink();
            state.load.set(LoadState::Done);
            if let Some(loaded) = events.loaded {
                loaded.run((state.with_store(|s| s.len()).unwrap_or(0), pages));
            }
        }
        Err(ApiError::Aborted) => {}
        Err(error) => {
            state.load.set(LoadState::Failed(error.clone()));
            if let Some(report) = events.error {
                report.run(error);
            }
        }
    }
}

/// One load: every page (or the single answer); returns the number of pages.
async fn fetch_all(state: CardsState, client: &Client, source: &ListSource) -> Result<u32, ApiError> {
    let append = |page: EnrollmentPage| state.append(page.enrollments);
    match source.page_size {
        Some(size) => client
            .fetch_enrollment_pages(&source.query, size, append)
            .await
            .map(|s| s.pages),
        None => client
            .fetch_enrollments_in_batches(&source.query, PARSE_BATCH, |batch| state.append(batch))
            .await
            .map(|_| 1),
    }
}

/// Enrollments parsed from one unpaged answer before the browser gets a turn: about 2 MB of
/// XML, a few milliseconds of work, so a 40 MB answer neither freezes the tab nor waits to be
/// parsed whole before the first cards show.
const PARSE_BATCH: usize = 5000;
