//! Searchable multi-select for courses, learners or departments, with facet counts. Options
//! show titles, names and departments (the ID on hover) and are found as the search box finds
//! them (learners by e-mail, login and department too; `core/src/picker_options.rs`). Only the
//! best matches are listed (there can be 100,000 learners); typing narrows the list. Built from
//! data (`dom.rs`); the `<details>` listens to its search box's input and its checkboxes.

use leptos::prelude::on_cleanup;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDetailsElement, HtmlElement, HtmlInputElement};

use super::dom::{
    bind, event_within, focused_in, listen, place_of, set, set_text, show_at, update_text, Dom,
};
use super::patch::{Parts, Shown, CHECKED, ROOT};
use crate::core::fold::fold;
use crate::core::picker_options::{picker_options, PickerKind, PickerList};
use crate::reactive::{memo, rw_signal, Computed, Tracked, Var, Writable};
use crate::state::CardsState;

/// Options listed at once; the rest are reached by typing.
const MAX_OPTIONS: usize = 60;

/// What a picker's view follows: its kind, whether it is open, its search text and its options.
#[derive(Clone, Copy)]
struct PickerState {
    state: CardsState,
    kind: PickerKind,
    open: Var<bool>,
    query: Var<String>,
    options: Computed<PickerList>,
}

/// A `<details>` dropdown with a search box and checkboxes, at the end of `parent`: courses,
/// learners or departments (`kind`).
pub fn picker(dom: &Dom, parent: &Element, state: CardsState, kind: PickerKind) -> Option<()> {
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
    let query = rw_signal(String::new());
    // Computed only while open: the learner list can be long.
    let options = memo(move |_| {
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
    let details = dom.element(parent, "details", "ec-picker")?;
    set(&details, "data-ec", &format!("{}-picker", kind.id()));
    listen(&details, "input", move |ev| {
        let search =
            event_within(&ev, ".ec-picker__search").and_then(|s| s.dyn_into::<HtmlInputElement>().ok());
        if let Some(search) = search {
            query.set(search.value());
        }
    });
    listen(&details, "change", move |ev| {
        let Some(place) = event_within(&ev, ".ec-picker__options > li").map(|item| place_of(&item)) else {
            return;
        };
        let Some(id) = options.with_untracked(|l| l.options.get(place).map(|o| o.id.clone())) else {
            return;
        };
        state.filter.update(|f| match kind {
            PickerKind::Course => f.toggle_course(&id),
            PickerKind::Learner => f.toggle_learner(&id),
            PickerKind::Department => f.toggle_department(&id),
        });
    });
    build(
        dom,
        &details,
        PickerState {
            state,
            kind,
            open,
            query,
            options,
        },
    )
}

/// Builds the summary (with how many are chosen) and, while open, the panel with the search
/// box and the options into the picker's `details`.
fn build(dom: &Dom, details: &Element, picker: PickerState) -> Option<()> {
    let PickerState {
        state,
        kind,
        open,
        query,
        options,
    } = picker;
    let t = state.t();
    let summary = dom.element(details, "summary", "ec-button")?;
    let mut text = None;
    bind(move || {
        let chosen = state.filter.with(|f| match kind {
            PickerKind::Course => f.courses.len(),
            PickerKind::Learner => f.learners.len(),
            PickerKind::Department => f.departments.len(),
        });
        let label = t.pickers[kind as usize];
        let words = match chosen {
            0 => label.to_owned(),
            n => format!("{label} ({})", state.number(n)),
        };
        update_text(&summary, &mut text, words);
    });
    let element = details.clone().dyn_into::<HtmlDetailsElement>().ok()?;
    listen(&element, "toggle", follow_open(open, element.clone()));
    bind(move || {
        let want = open.get();
        if element.open() != want {
            element.set_open(want);
        }
    });

    // Out of the document while closed: a closed picker is a button.
    let place = dom.place(details)?;
    let panel = dom.create("div", "ec-picker__panel")?;
    let search = dom.element(&panel, "input", "ec-picker__search")?;
    set(&search, "type", "search");
    set(&search, "placeholder", t.picker_find[kind as usize]);
    set(&search, "aria-label", t.picker_find[kind as usize]);
    let list = dom.element(&panel, "ul", "ec-picker__options")?;
    let more_place = dom.place(&panel)?;
    let more = dom.create("p", "ec-picker__more")?;
    bind(move || {
        let is_open = open.get();
        if is_open {
            if let Some(search) = search.dyn_ref::<HtmlInputElement>() {
                search.set_value(&query.get_untracked());
            }
        }
        show_at(&panel, &place, is_open);
    });
    let dom = dom.clone();
    let (mut listed, mut shown): (Vec<String>, Shown) = Default::default();
    bind(move || {
        let (ids, found) = options.with(|l| {
            // The option whose checkbox has the focus keeps it when the list changes (an option
            // moves when it is chosen).
            let focused = focused_in(&list)
                .and_then(|f| f.closest("li").ok().flatten())
                .and_then(|item| listed.get(place_of(&item)).cloned());
            let mut items = Parts::default();
            for option in &l.options {
                option_item(&mut items, state, option);
            }
            shown.show(&dom, &list, items);
            let ids: Vec<String> = l.options.iter().map(|o| o.id.clone()).collect();
            let refocus = focused.and_then(|id| ids.iter().position(|i| *i == id));
            let checkbox = refocus
                .and_then(|i| {
                    list.query_selector(&format!("li:nth-child({}) input", i + 1))
                        .ok()
                        .flatten()
                })
                .and_then(|c| c.dyn_into::<HtmlElement>().ok());
            if let Some(checkbox) = checkbox {
                let _ = checkbox.focus();
            }
            (ids, l.found)
        });
        let unlisted = found.saturating_sub(ids.len());
        show_at(&more, &more_place, unlisted > 0);
        if unlisted > 0 {
            let words = state.with_locale(|l| l.count(unlisted as u64, &t.picker_more));
            set_text(&more, words.as_deref().unwrap_or_default());
        }
        listed = ids;
    });
    Some(())
}

/// One option: checkbox, label (the ID on hover) and facet count.
fn option_item(items: &mut Parts, state: CardsState, option: &crate::core::picker_options::PickerOption) {
    let item = items.element(ROOT, "li", "");
    let label = items.element(item, "label", "ec-picker__option");
    items.set(label, "title", option.hint.as_str());
    items.set(label, "data-depth", option.depth.to_string());
    let check = items.element(label, "input", "");
    items.set(check, "type", "checkbox");
    items.set(check, CHECKED, if option.selected { "true" } else { "false" });
    items.text_element(label, "span", "ec-picker__label", option.label.as_str());
    items.text_element(
        label,
        "span",
        "ec-chip__count",
        state.number(option.count as usize),
    );
}

/// A `<details>` dropdown's `toggle` handler: `open` follows `details` (the pickers build their
/// panel only while it is true). After unmount the signal is gone and a late event does nothing.
pub fn follow_open(open: Var<bool>, details: HtmlDetailsElement) -> impl Fn(web_sys::Event) + 'static {
    move |_| {
        open.try_set(details.open());
    }
}
