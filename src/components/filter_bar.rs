//! The filter bar: search, status / certificate / type / completion chips with facet counts,
//! course, learner and department pickers, date ranges, and the sort order. Every control
//! updates the shared filter; the count and cards follow on the same keystroke. In a narrow host
//! everything but the search folds behind a "Filters (N active)" button.

use leptos::html;
use leptos::prelude::*;
use time::Date;

use super::observe::element_size;
use super::picker::{Picker, PickerKind};
use crate::core::model::EnrollmentType;
use crate::core::query::{DateRange, Facets, Member, Set, SortKey};
use crate::core::related::CompletionStatus;
use crate::core::status::{CertificateState, Status};
use crate::i18n::fill;
use crate::state::CardsState;

/// Below this width (px) the filters fold behind a button, so the first cards show on the first
/// screen.
pub const FOLD_BELOW_PX: f64 = 600.0;

/// Search, chips, pickers, ranges and sort.
#[component]
pub fn FilterBar(
    /// Shared view state.
    state: CardsState,
) -> impl IntoView {
    let filter = state.filter;
    let t = state.t();
    let facets = move |read: fn(&Facets, usize) -> u32, i: usize| state.result.with(|r| read(&r.0.facets, i));
    let bar = NodeRef::<html::Div>::new();
    let (width, _) = element_size(bar);
    // Until the first measurement the bar is shown unfolded (width 0 means "not measured").
    let narrow = Memo::new(move |_| (1.0..FOLD_BELOW_PX).contains(&width.get()));
    let unfolded = RwSignal::new(false);
    let active = move || filter.with(|f| f.active().len());
    let fold_label = move || match active() {
        0 => t.filters.to_owned(),
        n => fill(t.filters_active, &[("n", &state.number(n))]),
    };
    let chips = move || {
        view! {
            <ChipGroup
                label=t.group_status
                name="status"
                options=Status::ALL.iter().map(|s| (*s, t.status(*s), s.id())).collect()
                selected=move || filter.with(|f| f.statuses)
                count=move |i| facets(|f, i| f.statuses.get(i).copied().unwrap_or(0), i)
                toggle=move |i| filter.update(|f| f.statuses.toggle(i))
                number=move |n| state.number(n)
            />
            <ChipGroup
                label=t.group_certificate
                name="certificate"
                options=CertificateState::ALL.iter().map(|s| (*s, t.certificate(*s), s.id())).collect()
                selected=move || filter.with(|f| f.certificates)
                count=move |i| facets(|f, i| f.certificates.get(i).copied().unwrap_or(0), i)
                toggle=move |i| filter.update(|f| f.certificates.toggle(i))
                number=move |n| state.number(n)
            />
            <ChipGroup
                label=t.group_type
                name="type"
                options=EnrollmentType::ALL.iter().map(|k| (*k, t.kind(*k), k.id())).collect()
                selected=move || filter.with(|f| f.types)
                count=move |i| facets(|f, i| f.types.get(i).copied().unwrap_or(0), i)
                toggle=move |i| filter.update(|f| f.types.toggle(i))
                number=move |n| state.number(n)
            />
            // Completion chips once results are known (progress may be off or not permitted).
            <Show when=move || {
                state.names_version.track();
                state.with_store(|s| s.results_known() > 0).unwrap_or(false)
            }>
                <ChipGroup
                    label=t.group_completion
                    name="completion"
                    options=CompletionStatus::ALL
                        .iter()
                        .map(|c| (Some(*c), t.completion(*c), c.id()))
                        .chain([(None, t.no_result, "none")])
                        .collect()
                    selected=move || filter.with(|f| f.completions)
                    count=move |i| facets(|f, i| f.completions.get(i).copied().unwrap_or(0), i)
                    toggle=move |i| filter.update(|f| f.completions.toggle(i))
                    number=move |n| state.number(n)
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
                <RangeInput label=t.range_due name="due" range=move || filter.with(|f| f.due) set=move |r| filter.update(|f| f.due = r) state />
                <RangeInput
                    label=t.range_access
                    name="access"
                    range=move || filter.with(|f| f.access)
                    set=move |r| filter.update(|f| f.access = r)
                    state
                />
                <SortControl state />
            </div>
        }
    };
    view! {
        <div class="ec-filters" role="search" node_ref=bar data-narrow=move || narrow.get().to_string()>
            <div class="ec-filters__top">
                <label class="ec-search">
                    <span class="ec-visually-hidden">{t.search_label}</span>
                    <input
                        type="search"
                        data-ec="search"
                        placeholder=t.search_placeholder
                        autocomplete="off"
                        prop:value=move || filter.with(|f| f.text.clone())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            filter.update(|f| f.text = text);
                        }
                    />
                </label>
                <Show when=move || narrow.get()>
                    <button
                        type="button"
                        class="ec-button"
                        data-ec="filters-toggle"
                        aria-expanded=move || unfolded.get().to_string()
                        on:click=move |_| unfolded.update(|u| *u = !*u)
                    >
                        {fold_label}
                    </button>
                </Show>
            </div>
            <Show when=move || !narrow.get() || unfolded.get()>{chips}</Show>
        </div>
    }
}

/// A group of toggle chips (`aria-pressed`), each with its facet count.
#[component]
fn ChipGroup<T: Member + Send + Sync>(
    label: &'static str,
    name: &'static str,
    /// (value, label, id) per chip.
    options: Vec<(T, &'static str, &'static str)>,
    selected: impl Fn() -> Set<T> + Copy + Send + Sync + 'static,
    /// The facet count at a value's place.
    count: impl Fn(usize) -> u32 + Copy + Send + Sync + 'static,
    toggle: impl Fn(T) + Copy + Send + Sync + 'static,
    number: impl Fn(usize) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="ec-chips" role="group" aria-label=label>
            <span class="ec-chips__label">{label}</span>
            {options
                .into_iter()
                .map(|(value, text, id)| {
                    view! {
                        <button
                            type="button"
                            class="ec-chip"
                            data-ec=format!("{name}-chip")
                            data-value=id
                            aria-pressed=move || selected().contains(value).to_string()
                            on:click=move |_| toggle(value)
                        >
                            {text}
                            <span class="ec-chip__count">{move || number(count(usize::from(value.place())) as usize)}</span>
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
    state: CardsState,
) -> impl IntoView {
    let t = state.t();
    let text = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let parse = |value: String| crate::core::parse::parse_date(&value);
    view! {
        <fieldset class="ec-range" data-ec=format!("{name}-range")>
            <legend>{label}</legend>
            <label>
                <span class="ec-visually-hidden">{fill(t.range_from_label, &[("range", label)])}</span>
                <input
                    type="date"
                    data-ec=format!("{name}-from")
                    prop:value=move || text(range().from)
                    on:change=move |ev| set(DateRange { from: parse(event_target_value(&ev)), ..range() })
                />
            </label>
            <span aria-hidden="true">"–"</span>
            <label>
                <span class="ec-visually-hidden">{fill(t.range_to_label, &[("range", label)])}</span>
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
    let t = state.t();
    view! {
        <div class="ec-sort">
            <label>
                {t.sort_by}
                " "
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
                        .enumerate()
                        .map(|(i, key)| {
                            view! {
                                <option value=key.id() selected=move || sort.with(|s| s.key == key)>
                                    {t.sort_keys.get(i).copied()}
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
                {move || if sort.with(|s| s.descending) { t.descending } else { t.ascending }}
            </button>
        </div>
    }
}
