//! Whole-list states: skeleton while the first page loads, empty account, nothing matching,
//! errors (with Retry), and a notice when an error cut a load short.

use leptos::prelude::*;

use crate::core::query::Filter;
use crate::i18n::{error_text, fill};
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
    let t = state.t();
    move || {
        let load = state.load.get();
        match load {
            LoadState::WaitingForCredentials => view! {
                <div class="ec-panel" data-ec="waiting" role="status">
                    <p class="ec-panel__title">{t.waiting_title}</p>
                    <p>{t.waiting_text}</p>
                </div>
            }
            .into_any(),
            LoadState::Loading | LoadState::Retrying { .. } if total() == 0 => view! {
                <div class="ec-skeletons" data-ec="loading" aria-busy="true" role="status" aria-label=t.loading>
                    {(0..SKELETON_CARDS).map(|_| view! { <div class="ec-skeleton"></div> }).collect_view()}
                </div>
            }
            .into_any(),
            LoadState::Failed(error) => {
                let status = error.status();
                let heading = match status {
                    Some(code) => fill(t.error_title_status, &[("status", &code.to_string())]),
                    None => t.error_title.to_owned(),
                };
                let partial = total();
                view! {
                    <div class="ec-panel ec-panel--error" role="alert" data-ec="error" data-status=status.unwrap_or(0)>
                        <p class="ec-panel__title">{heading}</p>
                        <p>{error_text(t, &error)}</p>
                        {(partial > 0).then(|| view! {
                            <p data-ec="partial">
                                {state.with_locale(|l| l.count(partial as u64, &t.error_partial))}
                            </p>
                        })}
                        <button type="button" class="ec-button" data-ec="retry" on:click=move |_| { retry.try_run(()); }>
                            {t.retry}
                        </button>
                    </div>
                }
                .into_any()
            }
            LoadState::Done if total() == 0 => view! {
                <div class="ec-panel" data-ec="empty">
                    <p class="ec-panel__title">{t.empty_title}</p>
                    <p>{t.empty_text}</p>
                </div>
            }
            .into_any(),
            _ if total() > 0 && shown() == 0 => view! {
                <div class="ec-panel" data-ec="no-match">
                    <p class="ec-panel__title">{t.no_match_title}</p>
                    <button type="button" class="ec-button" on:click=move |_| state.filter.set(Filter::default())>
                        {t.clear_filters}
                    </button>
                </div>
            }
            .into_any(),
            _ => ().into_any(),
        }
    }
}
