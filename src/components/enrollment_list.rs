//! A minimal list: loads enrollments through the client into the store and shows every card,
//! with loading progress and a readable error. (The full view with filters and windowing
//! builds on this.)

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::card::Card;
use crate::api::{ApiError, Client, ClientConfig, EnrollmentQuery};
use crate::core::status::StatusRules;
use crate::core::store::EnrollmentStore;

/// Where the list gets its data.
#[derive(Debug, Clone)]
pub struct ListSource {
    /// Connection settings.
    pub config: ClientConfig,
    /// Server-side filters.
    pub query: EnrollmentQuery,
    /// `Some(page size)` to use the paged endpoint.
    pub page_size: Option<u32>,
    /// The day states are derived for.
    pub rules: StatusRules,
}

/// Progress of the load.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Load {
    Loading,
    Done,
    Failed(ApiError),
}

/// Loads enrollments from `source` and renders one card per enrollment.
#[component]
pub fn EnrollmentList(
    /// Where to load from.
    source: ListSource,
) -> impl IntoView {
    let store = RwSignal::new(EnrollmentStore::new(source.rules));
    let load = RwSignal::new(Load::Loading);
    let client = Client::new(source.config.clone());
    on_cleanup({
        // Cleanup runs on the thread that created the view (the browser's only thread).
        let client = send_wrapper::SendWrapper::new(client.clone());
        move || client.abort()
    });
    spawn_local(async move {
        let append = |page: crate::core::model::EnrollmentPage| store.update(|s| s.append(page.enrollments));
        let result = match source.page_size {
            Some(size) => client
                .fetch_enrollment_pages(&source.query, size, append)
                .await
                .map(drop),
            None => client.fetch_enrollments(&source.query).await.map(append),
        };
        match result {
            Ok(()) => load.set(Load::Done),
            Err(ApiError::Aborted) => {}
            Err(error) => load.set(Load::Failed(error)),
        }
    });
    let count = move || store.with(|s| s.len());
    let rows = move || store.with(|s| (0..s.len() as u32).collect::<Vec<u32>>());
    view! {
        <section class="ec-list">
            <p class="ec-count" data-ec="count" data-shown=count data-total=count>
                {move || match load.get() {
                    Load::Loading => format!("Loaded {} enrollments…", count()),
                    _ => format!("{} of {} enrollments", count(), count()),
                }}
            </p>
            {move || match load.get() {
                Load::Failed(error) => Some(view! {
                    <div class="ec-error" role="alert" data-ec="error" data-status=error.status().unwrap_or(0)>
                        {error.to_string()}
                    </div>
                }),
                _ => None,
            }}
            <div class="ec-cards">
                <For
                    each=rows
                    key=|row| *row
                    children=move |row| {
                        store.with_untracked(|s| {
                            let (status, certificate_state) = s.states(row);
                            s.enrollment(row).map(|enrollment| view! {
                                <Card enrollment status certificate_state />
                            })
                        })
                    }
                />
            </div>
        </section>
    }
}
