//! Whole-list states: skeleton while the first page loads, empty account, nothing matching,
//! errors (with Retry), and a notice when an error cut a load short.

use leptos::prelude::*;

use crate::core::display::group_digits;
use crate::core::query::Filter;
use crate::state::{CardsState, LoadState};

/// Skeleton cards shown before the first page arrives.
const SKELETON_CARDS: usize = 6;

/// The panel for the current state, if any; `retry` reloads.
#[component]
pub fn StatePanels(
    /// Shared view state.
    state: CardsState,
    /// Called by the Retry button.
    retry: Callback<()>,
) -> impl IntoView {
    let total = move || state.total();
    let shown = move || state.result.with(|r| r.0.len());
    move || {
        let load = state.load.get();
        match load {
            LoadState::WaitingForCredentials => view! {
                <div class="ec-panel" data-ec="waiting" role="status">
                    <p class="ec-panel__title">"Waiting for credentials"</p>
                    <p>"Enrollments load as soon as the page passes this widget an access token."</p>
                </div>
            }
            .into_any(),
            LoadState::Loading | LoadState::Retrying { .. } if total() == 0 => view! {
                <div class="ec-skeletons" data-ec="loading" aria-busy="true" aria-label="Loading enrollments">
                    {(0..SKELETON_CARDS).map(|_| view! { <div class="ec-skeleton"></div> }).collect_view()}
                </div>
            }
            .into_any(),
            LoadState::Failed(error) => {
                let status = error.status();
                let heading = match status {
                    Some(code) => format!("Could not load enrollments (HTTP {code})"),
                    None => "Could not load enrollments".to_owned(),
                };
                let partial = total();
                view! {
                    <div class="ec-panel ec-panel--error" role="alert" data-ec="error" data-status=status.unwrap_or(0)>
                        <p class="ec-panel__title">{heading}</p>
                        <p>{error.to_string()}</p>
                        {(partial > 0).then(|| view! {
                            <p data-ec="partial">
                                {format!("Showing the {} enrollments loaded before the error; the list is incomplete.", group_digits(partial as u64))}
                            </p>
                        })}
                        <button type="button" class="ec-button" data-ec="retry" on:click=move |_| { retry.try_run(()); }>
                            "Retry"
                        </button>
                    </div>
                }
                .into_any()
            }
            LoadState::Done if total() == 0 => view! {
                <div class="ec-panel" data-ec="empty">
                    <p class="ec-panel__title">"No enrollments yet"</p>
                    <p>"This account (or the learners and courses this widget is limited to) has no enrollments."</p>
                </div>
            }
            .into_any(),
            _ if total() > 0 && shown() == 0 => view! {
                <div class="ec-panel" data-ec="no-match">
                    <p class="ec-panel__title">"No enrollment matches these filters"</p>
                    <button type="button" class="ec-button" on:click=move |_| state.filter.set(Filter::default())>
                        "Clear filters"
                    </button>
                </div>
            }
            .into_any(),
            _ => ().into_any(),
        }
    }
}
