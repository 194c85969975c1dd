//! The filter bar: search, status / certificate / type / completion chips with facet counts,
//! course, learner and department pickers, date ranges, and the sort order. Every control updates the shared filter;
//! the count and cards follow on the same keystroke.

use leptos::prelude::*;
use time::Date;

use super::picker::{Picker, PickerKind};
use crate::core::display::group_digits;
use crate::core::model::EnrollmentType;
use crate::core::query::{completion_index, Choice, DateRange, Facets, SortKey, NO_RESULT};
use crate::core::related::CompletionStatus;
use crate::core::status::{CertificateState, Status};
use crate::state::CardsState;

/// Search, chips, pickers, ranges and sort.
#[component]
pub fn FilterBar(
    /// Shared view state.
    state: CardsState,
) -> impl IntoView {
    let filter = state.filter;
    let facets = move |read: fn(&Facets, usize) -> u32, i: usize| state.result.with(|r| read(&r.0.facets, i));
    view! {
        <div class="ec-filters" role="search">
            <label class="ec-search">
                <span class="ec-visually-hidden">"Search enrollments"</span>
                <input
                    type="search"
                    data-ec="search"
                    placeholder="Search by name, course, department or ID"
                    autocomplete="off"
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        filter.update(|f| f.text = text);
                    }
                />
            </label>
            <ChipGroup
                label="Status"
                name="status"
                options=Status::ALL.iter().map(|s| (*s as u8, s.label())).collect()
                selected=move || filter.with(|f| f.statuses)
                count=move |i| facets(|f, i| f.statuses.get(i).copied().unwrap_or(0), i)
                toggle=move |i| filter.update(|f| f.statuses.toggle(i))
            />
            <ChipGroup
                label="Certificate"
                name="certificate"
                options=CertificateState::ALL.iter().map(|s| (*s as u8, s.label())).collect()
                selected=move || filter.with(|f| f.certificates)
                count=move |i| facets(|f, i| f.certificates.get(i).copied().unwrap_or(0), i)
                toggle=move |i| filter.update(|f| f.certificates.toggle(i))
            />
            <ChipGroup
                label="Type"
                name="type"
                options=EnrollmentType::ALL.iter().map(|t| (*t as u8, t.label())).collect()
                selected=move || filter.with(|f| f.types)
                count=move |i| facets(|f, i| f.types.get(i).copied().unwrap_or(0), i)
                toggle=move |i| filter.update(|f| f.types.toggle(i))
            />
            // Completion chips once results are known (progress may be off or not permitted).
            <Show when=move || {
                state.names_version.track();
                state.with_store(|s| s.results_known() > 0).unwrap_or(false)
            }>
                <ChipGroup
                    label="Completion"
                    name="completion"
                    options=CompletionStatus::ALL
                        .iter()
                        .map(|c| (completion_index(Some(*c)), c.label()))
                        .chain([(NO_RESULT, "No result yet")])
                        .collect()
                    selected=move || filter.with(|f| f.completions)
                    count=move |i| facets(|f, i| f.completions.get(i).copied().unwrap_or(0), i)
                    toggle=move |i| filter.update(|f| f.completions.toggle(i))
                />
            </Show>
            <div class="ec-filters__row">
                <Picker state kind=PickerKind::Course />
                <Picker state kind=PickerKind::Learner />
                <Show when=move || {
                    state.names_version.track();
                    state.with_store(|s| !s.departments().is_empty()).unwrap_or(false)
                }>
                    <Picker state kind=PickerKind::Department />
                </Show>
                <RangeInput label="Due" name="due" range=move || filter.with(|f| f.due) set=move |r| filter.update(|f| f.due = r) />
                <RangeInput
                    label="Access"
                    name="access"
                    range=move || filter.with(|f| f.access)
                    set=move |r| filter.update(|f| f.access = r)
                />
                <SortControl state />
            </div>
        </div>
    }
}

/// A group of toggle chips (`aria-pressed`), each with its facet count.
#[component]
fn ChipGroup(
    label: &'static str,
    name: &'static str,
    options: Vec<(u8, &'static str)>,
    selected: impl Fn() -> Choice + Copy + Send + Sync + 'static,
    count: impl Fn(usize) -> u32 + Copy + Send + Sync + 'static,
    toggle: impl Fn(u8) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="ec-chips" role="group" aria-label=label>
            <span class="ec-chips__label">{label}</span>
            {options
                .into_iter()
                .map(|(i, text)| {
                    view! {
                        <button
                            type="button"
                            class="ec-chip"
                            data-ec=format!("{name}-chip")
                            data-value=text
                            aria-pressed=move || selected().contains(i).to_string()
                            on:click=move |_| toggle(i)
                        >
                            {text}
                            <span class="ec-chip__count">{move || group_digits(count(usize::from(i)).into())}</span>
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A from/to pair of date inputs.
#[component]
fn RangeInput(
    label: &'static str,
    name: &'static str,
    range: impl Fn() -> DateRange + Copy + Send + Sync + 'static,
    set: impl Fn(DateRange) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let text = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let parse = |value: String| crate::core::parse::parse_date(&value);
    view! {
        <fieldset class="ec-range" data-ec=format!("{name}-range")>
            <legend>{label}</legend>
            <label>
                <span class="ec-visually-hidden">{format!("{label} from")}</span>
                <input
                    type="date"
                    data-ec=format!("{name}-from")
                    prop:value=move || text(range().from)
                    on:change=move |ev| set(DateRange { from: parse(event_target_value(&ev)), ..range() })
                />
            </label>
            <span aria-hidden="true">"–"</span>
            <label>
                <span class="ec-visually-hidden">{format!("{label} to")}</span>
                <input
                    type="date"
                    data-ec=format!("{name}-to")
                    prop:value=move || text(range().to)
                    on:change=move |ev| set(DateRange { to: parse(event_target_value(&ev)), ..range() })
                />
            </label>
        </fieldset>
    }
}

/// Sort key menu and direction toggle.
#[component]
fn SortControl(state: CardsState) -> impl IntoView {
    let sort = state.sort;
    view! {
        <div class="ec-sort">
            <label>
                "Sort by "
                <select
                    data-ec="sort"
                    on:change=move |ev| {
                        if let Some(key) = SortKey::from_id(&event_target_value(&ev)) {
                            sort.update(|s| s.key = key);
                        }
                    }
                >
                    {SortKey::ALL
                        .into_iter()
                        .map(|key| {
                            view! {
                                <option value=key.id() selected=move || sort.with(|s| s.key == key)>
                                    {key.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button
                type="button"
                class="ec-button"
                data-ec="sort-direction"
                aria-pressed=move || sort.with(|s| s.descending).to_string()
                on:click=move |_| sort.update(|s| s.descending = !s.descending)
            >
                {move || if sort.with(|s| s.descending) { "Descending ↓" } else { "Ascending ↑" }}
            </button>
        </div>
    }
}
