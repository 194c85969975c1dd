//! The live count, load progress, notes, the toolbar (selection, fields, export), active filter
//! chips and "Clear filters".

use leptos::prelude::*;

use super::toolbar::Toolbar;
use crate::core::enrichment::PartStatus;
use crate::core::query::{ActiveFilter, DateRange, Filter};
use crate::core::store::EnrollmentStore;
use crate::i18n::{fill, Locale};
use crate::state::{CardsState, LoadState};

/// "N of M enrollments" (`data-ec="count"`), progress while loading, removable chips.
#[component]
pub fn Summary(
    /// Shared view state.
    state: CardsState,
) -> impl IntoView {
    let t = state.t();
    let shown = move || state.result.with(|r| r.0.len());
    let total = move || state.total();
    let count = move || {
        let (shown, total) = (shown(), total());
        state
            .with_locale(|l| {
                let form = l.plural(total as u64, &t.count);
                fill(
                    form,
                    &[
                        ("shown", &l.number(shown as u64)),
                        ("total", &l.number(total as u64)),
                    ],
                )
            })
            .unwrap_or_default()
    };
    let progress = move || {
        state.load.with(|l| match l {
            LoadState::Loading => state.with_locale(|l| l.count(total() as u64, &t.loaded)),
            LoadState::Retrying { attempt, of } => Some(fill(
                t.retrying,
                &[("attempt", &attempt.to_string()), ("of", &of.to_string())],
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
            fill(
                t.resolving,
                &[("known", &state.number(known)), ("total", &state.number(total))],
            )
        })
    };
    let unavailable = move || {
        let parts = state.enrichment.with(|e| e.unavailable());
        let text: Vec<String> = parts
            .into_iter()
            .map(|(part, status)| {
                let template = match status {
                    PartStatus::Forbidden => t.part_forbidden,
                    PartStatus::Partial => t.part_partial,
                    _ => t.part_failed,
                };
                fill(template, &[("part", t.parts[part as usize])])
            })
            .collect();
        (!text.is_empty()).then(|| format!("{} {}.", t.details_missing, text.join("; ")))
    };
    let clear = move |_| state.filter.set(Filter::default());
    view! {
        <div class="ec-summary">
            <p class="ec-count" data-ec="count" data-shown=shown data-total=total aria-live="polite">
                {count}
            </p>
            <Toolbar state />
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
                    {state.with_locale(|l| l.count(duplicates() as u64, &t.duplicates))}
                </p>
            })}
            <ul class="ec-active" aria-label=t.active_filters>
                <For
                    each=move || state.filter.with(Filter::active)
                    key=ActiveFilter::key
                    children=move |chip| {
                        // The title, name or department path once known.
                        let label = {
                            let chip = chip.clone();
                            Memo::new(move |_| {
                                state.names_version.track();
                                state
                                    .with_locale(|l| state.with_store(|s| chip_text(l, s, &chip)))
                                    .flatten()
                                    .unwrap_or_default()
                            })
                        };
                        view! {
                            <li class="ec-active__chip">
                                {label}
                                <button
                                    type="button"
                                    class="ec-active__remove"
                                    aria-label=move || fill(t.remove_filter, &[("label", &label.get())])
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
                    {t.clear_filters}
                </button>
            </Show>
        </div>
    }
}

/// An active filter in words, with the course title, learner name or department path in place
/// of the ID when known ("Course Fire Safety", "Department Sales / EMEA").
pub fn chip_text(locale: &Locale, store: &EnrollmentStore, chip: &ActiveFilter) -> String {
    let t = locale.t();
    let name = |id: &str| store.chip_name(chip).unwrap_or_else(|| id.to_owned());
    let range = |r: &DateRange| {
        let day = |d: Option<time::Date>| d.map(|d| locale.date(d));
        match (day(r.from), day(r.to)) {
            (Some(from), Some(to)) => fill(t.range_between, &[("from", &from), ("to", &to)]),
            (Some(from), None) => fill(t.range_since, &[("from", &from)]),
            (None, Some(to)) => fill(t.range_until, &[("to", &to)]),
            (None, None) => String::new(),
        }
    };
    match chip {
        ActiveFilter::Text(text) => fill(t.chip_search, &[("text", text)]),
        ActiveFilter::Course(id) => fill(t.chip_course, &[("name", &name(id))]),
        ActiveFilter::Learner(id) => fill(t.chip_learner, &[("name", &name(id))]),
        ActiveFilter::Department(id) => fill(t.chip_department, &[("name", &name(id))]),
        ActiveFilter::Status(status) => t.status(*status).to_owned(),
        ActiveFilter::Certificate(state) => t.certificate(*state).to_owned(),
        ActiveFilter::Type(kind) => t.kind(*kind).to_owned(),
        ActiveFilter::Completion(Some(status)) => t.completion(*status).to_owned(),
        ActiveFilter::Completion(None) => t.no_result.to_owned(),
        ActiveFilter::Due(r) => fill(t.chip_due, &[("range", &range(r))]),
        ActiveFilter::Access(r) => fill(t.chip_access, &[("range", &range(r))]),
    }
}
