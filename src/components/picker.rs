//! Searchable multi-select for courses, learners or departments, with facet counts. Options
//! show titles, names and departments (the ID on hover) and are found as the search box finds
//! them (learners by e-mail, login and department too; `core/src/picker_options.rs`). Only the
//! best matches are listed (there can be 100,000 learners); typing narrows the list.

use leptos::prelude::*;

use crate::core::fold::fold;
use crate::core::picker_options::{picker_options, PickerKind, PickerList};
use crate::state::CardsState;

/// Options listed at once; the rest are reached by typing.
const MAX_OPTIONS: usize = 60;

/// A `<details>` dropdown with a search box and checkboxes.
#[component]
pub fn Picker(
    /// Shared view state.
    state: CardsState,
    /// Courses, learners or departments.
    kind: PickerKind,
) -> impl IntoView {
    let t = state.t();
    // The state's: the query counts this picker's facet while it is open, and no longer once
    // the picker is gone (a hidden or folded filter bar).
    let open = match kind {
        PickerKind::Course => state.pickers_open.courses,
        PickerKind::Learner => state.pickers_open.learners,
        PickerKind::Department => state.pickers_open.departments,
    };
    on_cleanup(move || {
        open.try_set(false);
    });
    let query = RwSignal::new(String::new());
    let selected_count = move || {
        state.filter.with(|f| match kind {
            PickerKind::Course => f.courses.len(),
            PickerKind::Learner => f.learners.len(),
            PickerKind::Department => f.departments.len(),
        })
    };
    // Computed only while open: the learner list can be long.
    let options = Memo::new(move |_| {
        if !open.get() {
            return PickerList::default();
        }
        state.names_version.track();
        let needle = query.with(|q| fold(q.trim()));
        let chosen = state.filter.with(|f| match kind {
            PickerKind::Course => f.courses.clone(),
            PickerKind::Learner => f.learners.clone(),
            PickerKind::Department => f.departments.clone(),
        });
        state.result.with(|r| {
            let counts = match kind {
                PickerKind::Course => &r.0.facets.courses,
                PickerKind::Learner => &r.0.facets.learners,
                PickerKind::Department => &r.0.facets.departments,
            };
            state
                .with_store(|s| picker_options(s, kind, &needle, counts, &chosen, MAX_OPTIONS))
                .unwrap_or_default()
        })
    });
    let toggle = move |id: String| {
        state.filter.update(|f| match kind {
            PickerKind::Course => f.toggle_course(&id),
            PickerKind::Learner => f.toggle_learner(&id),
            PickerKind::Department => f.toggle_department(&id),
        })
    };
    view! {
        <details class="ec-picker" data-ec=format!("{}-picker", kind.id()) prop:open=open on:toggle=follow_open(open)>
            <summary class="ec-button">
                {t.pickers[kind as usize]}
                {move || match selected_count() {
                    0 => String::new(),
                    n => format!(" ({})", state.number(n)),
                }}
            </summary>
            // Built while open: a closed picker is a button (it costs the first cards nothing).
            {move || open.get().then(|| view! {
            <div class="ec-picker__panel">
                <input
                    type="search"
                    class="ec-picker__search"
                    placeholder=t.picker_find[kind as usize]
                    aria-label=t.picker_find[kind as usize]
                    prop:value=query
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <ul class="ec-picker__options">
                    <For
                        each=move || options.get().options
                        key=|o| o.clone()
                        children=move |o| {
                            let id = o.id.clone();
                            view! {
                                <li>
                                    <label class="ec-picker__option" title=o.hint data-depth=o.depth>
                                        <input type="checkbox" prop:checked=o.selected on:change=move |_| toggle(id.clone()) />
                                        <span class="ec-picker__label">{o.label}</span>
                                        <span class="ec-chip__count">{state.number(o.count as usize)}</span>
                                    </label>
                                </li>
                            }
                        }
                    />
                </ul>
                {move || {
                    let (shown, found) = options.with(|l| (l.options.len(), l.found));
                    (found > shown)
                        .then(|| view! { <p class="ec-picker__more">{state.with_locale(|l| l.count((found - shown) as u64, &t.picker_more))}</p> })
                }}
            </div>
            }.into_any())}
        </details>
    }
}

/// A `<details>` dropdown's `toggle` handler: `open` follows the element (the filter bar's
/// pickers and the field picker build their panel only while it is true). After unmount the
/// signal is gone and a late event does nothing.
pub fn follow_open(open: RwSignal<bool>) -> impl Fn(web_sys::Event) + Copy + 'static {
    move |ev| {
        open.try_set(event_target::<web_sys::HtmlDetailsElement>(&ev).open());
    }
}
