//! Searchable multi-select for courses, learners or departments, with facet counts. Options
//! show titles, names and departments (the ID on hover) and are found by them or by ID. Only the
//! best matches are listed (there can be thousands of learners); typing narrows the list.

use leptos::prelude::*;

use crate::core::fold::fold;
use crate::core::ids::contains_folded;
use crate::core::sorting::sort_by;
use crate::core::store::EnrollmentStore;
use crate::state::CardsState;

/// Options listed at once; the rest are reached by typing.
const MAX_OPTIONS: usize = 60;

/// Which dimension a picker selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// Courses.
    Course = 0,
    /// Learners.
    Learner = 1,
    /// Departments, each with the departments below it.
    Department = 2,
}

impl PickerKind {
    /// Position in the message table's picker lists.
    fn index(self) -> usize {
        self as usize
    }

    fn name(self) -> &'static str {
        match self {
            PickerKind::Course => "course",
            PickerKind::Learner => "learner",
            PickerKind::Department => "department",
        }
    }
}

/// One listed option.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PickerOption {
    id: String,
    /// Title, name or department name; the ID while it is not known.
    label: String,
    /// Shown on hover: the ID (and a department's path).
    hint: String,
    /// Indentation (departments below others).
    depth: usize,
    count: u32,
    selected: bool,
}

/// The options of `kind` matching `needle` (folded), selected first, then by count and name
/// (departments in tree order), at most [`MAX_OPTIONS`]; and how many matched.
fn list_options(
    store: &EnrollmentStore,
    kind: PickerKind,
    needle: &str,
    counts: &[u32],
    chosen: &[String],
) -> (Vec<PickerOption>, usize) {
    let count = |i: u32| counts.get(i as usize).copied().unwrap_or(0);
    let matches = |label: &str, id: &str| contains_folded(id, needle) || fold(label).contains(needle);
    let option = |i: u32, id: &str, label: Option<&str>| PickerOption {
        id: id.to_owned(),
        label: label.unwrap_or(id).to_owned(),
        hint: id.to_owned(),
        depth: 0,
        count: count(i),
        selected: chosen.iter().any(|c| c == id),
    };
    let mut matching: Vec<PickerOption> = match kind {
        PickerKind::Course => store
            .courses()
            .map(|(i, id)| (i, id, store.title_of_course(i)))
            .filter(|(_, id, title)| matches(title.unwrap_or_default(), id))
            .map(|(i, id, title)| option(i, id, title))
            .collect(),
        PickerKind::Learner => store
            .learners()
            .map(|(i, id)| (i, id, store.name_of_learner(i)))
            .filter(|(_, id, name)| matches(name.unwrap_or_default(), id))
            .map(|(i, id, name)| option(i, id, name))
            .collect(),
        PickerKind::Department => store
            .departments()
            .options()
            .into_iter()
            .filter(|d| matches(&d.path, &d.id))
            .map(|d| PickerOption {
                hint: format!("{}\n{}", d.path, d.id),
                depth: if needle.is_empty() { d.depth } else { 0 },
                label: if needle.is_empty() { d.name.into() } else { d.path },
                ..option(d.index, &d.id, None)
            })
            .collect(),
    };
    let found = matching.len();
    if kind == PickerKind::Department {
        // Selected first, the tree's order kept.
        sort_by(&mut matching, |a, b| b.selected.cmp(&a.selected));
    } else {
        sort_by(&mut matching, |a, b| {
            b.selected
                .cmp(&a.selected)
                .then(b.count.cmp(&a.count))
                .then_with(|| a.label.cmp(&b.label))
        });
    }
    matching.truncate(MAX_OPTIONS);
    (matching, found)
}

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
            return (Vec::new(), 0);
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
                .with_store(|s| list_options(s, kind, &needle, counts, &chosen))
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
        <details class="ec-picker" data-ec=format!("{}-picker", kind.name()) prop:open=open on:toggle=move |ev| {
            let is_open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
            open.try_set(is_open);
        }>
            <summary class="ec-button">
                {t.pickers[kind.index()]}
                {move || match selected_count() {
                    0 => String::new(),
                    n => format!(" ({})", state.number(n)),
                }}
            </summary>
            <div class="ec-picker__panel">
                <input
                    type="search"
                    class="ec-picker__search"
                    placeholder=t.picker_find[kind.index()]
                    aria-label=t.picker_find[kind.index()]
                    prop:value=query
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <ul class="ec-picker__options">
                    <For
                        each=move || options.get().0
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
                    let (shown, found) = options.with(|(o, f)| (o.len(), *f));
                    (found > shown)
                        .then(|| view! { <p class="ec-picker__more">{state.with_locale(|l| l.count((found - shown) as u64, &t.picker_more))}</p> })
                }}
            </div>
        </details>
    }
}
