//! The filter bar: search, status / certificate / type / completion chips with facet counts,
//! course, learner and department pickers, date ranges, and the sort order. Every control
//! updates the shared filter; the count and cards follow on the same keystroke. In a narrow host
//! everything but the search folds behind a "Filters (N active)" button.

use leptos::html;
use leptos::prelude::*;
use time::Date;

use super::observe::element_size;
use super::picker::Picker;
use crate::core::enrichment::{EnrichmentStatus, PartStatus};
use crate::core::model::EnrollmentType;
use crate::core::picker_options::PickerKind;
use crate::core::query::{DateRange, Facets, Filter, Member, SortKey};
use crate::core::related::CompletionStatus;
use crate::core::status::{CertificateState, Status};
use crate::i18n::fill;
use crate::state::{CardsState, LoadState};

/// Below this width (px) the filters fold behind a button, so the first cards show on the first
/// screen.
pub const FOLD_BELOW_PX: f64 = 600.0;

/// Folded filters unfold only this much wider than [`FOLD_BELOW_PX`]: folding can take away
/// the page's scrollbar and so widen the bar by its width, which must not unfold it again.
const UNFOLD_MARGIN_PX: f64 = 24.0;

/// Search, chips, pickers, ranges and sort.
#[component]
pub fn FilterBar(
    /// Shared view state.
    state: CardsState,
) -> impl IntoView {
    let filter = state.filter;
    let t = state.t();
    // The bar's width, read from a probe of no height across it: folding changes the bar's
    // height, and were the bar itself observed, that change inside the observer's callback
    // would end the browser's resize loop with an error event on the host page's window.
    let probe = NodeRef::<html::Div>::new();
    let (width, _) = element_size(probe);
    // Until the first measurement the bar is shown unfolded (width 0 means "not measured").
    let narrow = Memo::new(move |folded: Option<&bool>| {
        let below = match folded {
            Some(true) => FOLD_BELOW_PX + UNFOLD_MARGIN_PX,
            _ => FOLD_BELOW_PX,
        };
        (1.0..below).contains(&width.get())
    });
    let unfolded = RwSignal::new(false);
    let active = move || filter.with(|f| f.active().len());
    let fold_label = move || match active() {
        0 => t.filters.to_owned(),
        n => fill(t.filters_active, &[("n", &state.number(n))]),
    };
    let chips = move || {
        view! {
            <ChipGroup state group=Chips::Status />
            <ChipGroup state group=Chips::Certificate />
            <ChipGroup state group=Chips::Type />
            // Completion chips and the department picker hold their place while their data is
            // on its way, so the cards are not pushed down when it comes; they go when it cannot
            // come (switched off, not permitted, failed, the load itself failed) or brought none.
            <Show when=move || {
                state.names_version.track();
                state.with_store(|s| s.results_known() > 0).unwrap_or(false) || coming(state, |e| e.results)
            }>
                <ChipGroup state group=Chips::Completion />
            </Show>
            <div class="ec-filters__row">
                <Picker state kind=PickerKind::Course />
                <Picker state kind=PickerKind::Learner />
                <Show when=move || {
                    state.names_version.track();
                    state.with_store(|s| !s.departments().is_empty()).unwrap_or(false)
                        || coming(state, |e| e.departments)
                }>
                    <Picker state kind=PickerKind::Department />
                </Show>
                <RangeInput state due=true />
                <RangeInput state due=false />
                <SortControl state />
            </div>
        }
    };
    view! {
        <div class="ec-filters" role="search" data-narrow=move || narrow.get().to_string()>
            <div class="ec-filters__probe" node_ref=probe aria-hidden="true"></div>
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

/// Whether the part of the enrichment `part` picks is still on its way for a load that will
/// ask for it (results and departments are asked for once every page is in, so not after the
/// load failed, nor while it waits for credentials).
fn coming(state: CardsState, part: fn(&EnrichmentStatus) -> PartStatus) -> bool {
    state.enrichment.with(|e| part(e) == PartStatus::Pending)
        && state.load.with(|l| {
            matches!(
                l,
                LoadState::Loading | LoadState::Retrying { .. } | LoadState::Done
            )
        })
}

/// A group of chips: which filter set it toggles and which facet counts it shows. One
/// non-generic component for all four (each generic instance was its own copy of the view code).
#[derive(Clone, Copy)]
enum Chips {
    Status,
    Certificate,
    Type,
    Completion,
}

impl Chips {
    /// The chips' `data-ec` marker.
    fn marker(self) -> &'static str {
        match self {
            Chips::Status => "status-chip",
            Chips::Certificate => "certificate-chip",
            Chips::Type => "type-chip",
            Chips::Completion => "completion-chip",
        }
    }

    /// Whether the group waits for its data (completion chips before any result is known:
    /// they hold their place, but there is nothing to filter by yet).
    fn waiting(self, state: CardsState) -> bool {
        if !matches!(self, Chips::Completion) {
            return false;
        }
        state.names_version.track();
        state.with_store(|s| s.results_known() == 0).unwrap_or(true)
    }

    /// The group's label and, per place (see [`Member`]), the chip's label and value id.
    fn options(self, state: CardsState) -> (&'static str, Vec<(&'static str, &'static str)>) {
        let t = state.t();
        match self {
            Chips::Status => (
                t.group_status,
                Status::ALL.iter().map(|s| (t.status(*s), s.id())).collect(),
            ),
            Chips::Certificate => (
                t.group_certificate,
                CertificateState::ALL
                    .iter()
                    .map(|s| (t.certificate(*s), s.id()))
                    .collect(),
            ),
            Chips::Type => (
                t.group_type,
                EnrollmentType::ALL.iter().map(|k| (t.kind(*k), k.id())).collect(),
            ),
            Chips::Completion => (
                t.group_completion,
                <Option<CompletionStatus> as Member>::ALL
                    .iter()
                    .map(|c| c.map_or((t.no_result, "none"), |c| (t.completion(c), c.id())))
                    .collect(),
            ),
        }
    }

    /// Whether the chip at `place` is pressed.
    fn pressed(self, f: &Filter, place: usize) -> bool {
        match self {
            Chips::Status => at(place).is_some_and(|v| f.statuses.contains(v)),
            Chips::Certificate => at(place).is_some_and(|v| f.certificates.contains(v)),
            Chips::Type => at(place).is_some_and(|v| f.types.contains(v)),
            Chips::Completion => at(place).is_some_and(|v| f.completions.contains(v)),
        }
    }

    /// Presses or releases the chip at `place`.
    fn toggle(self, f: &mut Filter, place: usize) {
        match self {
            Chips::Status => at(place).map(|v| f.statuses.toggle(v)),
            Chips::Certificate => at(place).map(|v| f.certificates.toggle(v)),
            Chips::Type => at(place).map(|v| f.types.toggle(v)),
            Chips::Completion => at(place).map(|v| f.completions.toggle(v)),
        };
    }

    /// The facet count of the chip at `place`.
    fn count(self, facets: &Facets, place: usize) -> u32 {
        let counts: &[u32] = match self {
            Chips::Status => &facets.statuses,
            Chips::Certificate => &facets.certificates,
            Chips::Type => &facets.types,
            Chips::Completion => &facets.completions,
        };
        counts.get(place).copied().unwrap_or(0)
    }
}

/// The value at `place` in [`Member::ALL`].
fn at<T: Member>(place: usize) -> Option<T> {
    T::ALL.get(place).copied()
}

/// A group of toggle chips (`aria-pressed`), each with its facet count.
#[component]
fn ChipGroup(
    /// Shared view state.
    state: CardsState,
    /// Which chips.
    group: Chips,
) -> impl IntoView {
    let (label, options) = group.options(state);
    let marker = group.marker();
    view! {
        <div class="ec-chips" role="group" aria-label=label>
            <span class="ec-chips__label">{label}</span>
            {options
                .into_iter()
                .enumerate()
                .map(|(place, (text, id))| {
                    view! {
                        <button
                            type="button"
                            class="ec-chip"
                            data-ec=marker
                            data-value=id
                            aria-pressed=move || state.filter.with(|f| group.pressed(f, place)).to_string()
                            disabled=move || group.waiting(state)
                            on:click=move |_| state.filter.update(|f| group.toggle(f, place))
                        >
                            {text}
                            <span class="ec-chip__count">
                                {move || state.number(state.result.with(|r| group.count(&r.0.facets, place)) as usize)}
                            </span>
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A from/to pair of date inputs: the due range or the access range.
#[component]
fn RangeInput(
    /// Shared view state.
    state: CardsState,
    /// The due range (else the access range).
    due: bool,
) -> impl IntoView {
    let t = state.t();
    // The `data-ec` markers of the range and its two inputs.
    let (label, [marker, from, to]) = if due {
        (t.range_due, ["due-range", "due-from", "due-to"])
    } else {
        (t.range_access, ["access-range", "access-from", "access-to"])
    };
    let range = move || state.filter.with(|f| if due { f.due } else { f.access });
    let set = move |r: DateRange| {
        state.filter.update(|f| match due {
            true => f.due = r,
            false => f.access = r,
        })
    };
    let text = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let parse = |value: String| crate::core::parse::parse_date(&value);
    view! {
        <fieldset class="ec-range" data-ec=marker>
            <legend>{label}</legend>
            <label>
                <span class="ec-visually-hidden">{fill(t.range_from_label, &[("range", label)])}</span>
                <input
                    type="date"
                    data-ec=from
                    prop:value=move || text(range().from)
                    on:change=move |ev| set(DateRange { from: parse(event_target_value(&ev)), ..range() })
                />
            </label>
            <span aria-hidden="true">"–"</span>
            <label>
                <span class="ec-visually-hidden">{fill(t.range_to_label, &[("range", label)])}</span>
                <input
                    type="date"
                    data-ec=to
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
