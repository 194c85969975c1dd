//! The whole widget: loads enrollments through the API client into the store, and shows the
//! filter bar, count, state panels and the windowed card grid.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::card_window::CardWindow;
use super::filter_bar::FilterBar;
use super::panels::StatePanels;
use super::state::{CardsState, LoadState};
use super::summary::Summary;
use crate::api::{ApiError, Client, ClientConfig, EnrollmentQuery};
use crate::core::model::EnrollmentPage;
use crate::core::status::StatusRules;

/// Where the widget gets its data and how it shows it.
#[derive(Debug, Clone)]
pub struct ListSource {
    /// Connection settings.
    pub config: ClientConfig,
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
}

/// Loads from `source` and shows the enrollments as filterable cards.
#[component]
pub fn EnrollmentCards(
    /// Where to load from.
    source: ListSource,
) -> impl IntoView {
    let state = CardsState::new(source.rules, source.locale.as_deref());
    let client = Client::new(source.config.clone());
    on_cleanup({
        // Cleanup runs on the thread that created the view (the browser's only thread).
        let client = send_wrapper::SendWrapper::new(client.clone());
        move || client.abort()
    });
    let (query, page_size) = (source.query.clone(), source.page_size);
    let load = send_wrapper::SendWrapper::new(move || {
        state.clear();
        state.load.set(LoadState::Loading);
        spawn_local(load_into(state, client.clone(), query.clone(), page_size));
    });
    load();
    let retry = Callback::new(move |()| load());
    view! { <CardsView state retry show_filters=source.show_filters /> }
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
) -> impl IntoView {
    view! {
        <section class="ec-root" aria-label="Enrollments">
            {show_filters.then(|| view! { <FilterBar state /> })}
            <Summary state />
            <StatePanels state retry />
            <CardWindow state />
        </section>
    }
}

/// Fetches every page into `state`; the store keeps what arrived before an error.
async fn load_into(state: CardsState, client: Client, query: EnrollmentQuery, page_size: Option<u32>) {
    let append = |page: EnrollmentPage| state.append(page.enrollments);
    let result = match page_size {
        Some(size) => client
            .fetch_enrollment_pages(&query, size, append)
            .await
            .map(drop),
        None => client.fetch_enrollments(&query).await.map(append),
    };
    match result {
        Ok(()) => {
            state.shrink();
            state.load.set(LoadState::Done);
        }
        Err(ApiError::Aborted) => {}
        Err(error) => state.load.set(LoadState::Failed(error)),
    }
}

impl ListSource {
    /// A source for `config` with defaults: unpaged, whole account, browser locale, filters shown.
    pub fn new(config: ClientConfig, rules: StatusRules) -> Self {
        ListSource {
            config,
            query: EnrollmentQuery::default(),
            page_size: None,
            rules,
            locale: None,
            show_filters: true,
        }
    }
}
