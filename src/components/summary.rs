//! The live count, load progress, active filter chips and "Clear filters".

use leptos::prelude::*;

use crate::core::display::{count_text, duplicates_text, group_digits, progress_text};
use crate::core::query::Filter;
use crate::enrich::PartStatus;
use crate::state::{CardsState, LoadState};

/// "N of M enrollments" (`data-ec="count"`), progress while loading, removable chips.
#[component]
pub fn Summary(
    /// Shared view state.
    state: CardsState,
) -> impl IntoView {
    let shown = move || state.result.with(|r| r.0.len());
    let total = move || state.total();
    let progress = move || {
        state.load.with(|l| match l {
            LoadState::Loading => Some(progress_text(total())),
            LoadState::Retrying { attempt, of } => Some(format!(
                "The LMS did not answer; trying again ({attempt} of {of})…"
            )),
            _ => None,
        })
    };
    let duplicates = move || state.duplicates();
    let resolving = move || {
        if state.enrichment.with(|e| e.users != PartStatus::Pending) {
            return None;
        }
        state.names_version.track();
        let (known, total) = state.with_store(|s| s.people_known())?;
        (total > 0 && known < total).then(|| {
            format!(
                "Resolving names… {} of {}",
                group_digits(known as u64),
                group_digits(total as u64)
            )
        })
    };
    let unavailable = move || {
        let parts = state.enrichment.with(|e| e.unavailable());
        let text: Vec<String> = parts
            .into_iter()
            .map(|(what, status)| match status {
                PartStatus::Forbidden => format!("{what}: this token may not read them (403)"),
                PartStatus::Partial => format!("{what}: some could not be loaded"),
                _ => format!("{what}: the LMS did not answer"),
            })
            .collect();
        (!text.is_empty()).then(|| format!("Showing IDs where details are missing. {}.", text.join("; ")))
    };
    let clear = move |_| state.filter.set(Filter::default());
    view! {
        <div class="ec-summary">
            <p class="ec-count" data-ec="count" data-shown=shown data-total=total aria-live="polite">
                {move || count_text(shown(), total())}
            </p>
            {move || progress().map(|text| view! {
                <p class="ec-progress" data-ec="progress" role="status">{text}</p>
            })}
            {move || resolving().map(|text| view! {
                <p class="ec-note" data-ec="resolving">{text}</p>
            })}
            {move || unavailable().map(|text| view! {
                <p class="ec-note" data-ec="enrichment">{text}</p>
            })}
            {move || (duplicates() > 0).then(|| view! {
                <p class="ec-note" data-ec="duplicates" data-count=duplicates()>
                    {duplicates_text(duplicates())}
                </p>
            })}
            <ul class="ec-active" aria-label="Active filters">
                <For
                    each=move || state.filter.with(Filter::active)
                    key=|chip| chip.label()
                    children=move |chip| {
                        // The title, name or department path once known.
                        let label = {
                            let chip = chip.clone();
                            Memo::new(move |_| {
                                state.names_version.track();
                                state.with_store(|s| s.chip_label(&chip)).unwrap_or_else(|| chip.label())
                            })
                        };
                        view! {
                            <li class="ec-active__chip">
                                {label}
                                <button
                                    type="button"
                                    class="ec-active__remove"
                                    aria-label=move || format!("Remove filter {}", label.get())
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
