//! The live count, load progress, active filter chips and "Clear filters".

use leptos::prelude::*;

use super::state::{CardsState, LoadState};
use crate::core::display::{count_text, progress_text};
use crate::core::query::Filter;

/// "N of M enrollments" (`data-ec="count"`), progress while loading, removable chips.
#[component]
pub fn Summary(
    /// Shared view state.
    state: CardsState,
) -> impl IntoView {
    let shown = move || state.result.with(|r| r.0.len());
    let total = move || state.total();
    let loading = move || state.load.with(|l| *l == LoadState::Loading);
    let clear = move |_| state.filter.set(Filter::default());
    view! {
        <div class="ec-summary">
            <p class="ec-count" data-ec="count" data-shown=shown data-total=total aria-live="polite">
                {move || count_text(shown(), total())}
            </p>
            {move || loading().then(|| view! {
                <p class="ec-progress" data-ec="progress" role="status">{progress_text(total())}</p>
            })}
            <ul class="ec-active" aria-label="Active filters">
                <For
                    each=move || state.filter.with(Filter::active)
                    key=|chip| chip.label()
                    children=move |chip| {
                        let label = chip.label();
                        view! {
                            <li class="ec-active__chip">
                                {label.clone()}
                                <button
                                    type="button"
                                    class="ec-active__remove"
                                    aria-label=format!("Remove filter {label}")
                                    on:click=move |_| state.filter.update(|f| f.remove(&chip))
                                >
                                    "×"
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <Show when=move || state.filter.with(|f| !f.is_empty())>
                <button type="button" class="ec-button ec-button--quiet" data-ec="clear" on:click=clear>
                    "Clear filters"
                </button>
            </Show>
        </div>
    }
}
