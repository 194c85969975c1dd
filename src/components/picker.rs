//! Searchable multi-select for courses or learners, with facet counts. Only the best matches
//! are listed (there can be thousands of learners); typing narrows the list.

use leptos::prelude::*;

use crate::core::display::group_digits;
use crate::core::ids::contains_folded;
use crate::state::CardsState;

/// Options listed at once; the rest are reached by typing.
const MAX_OPTIONS: usize = 60;

/// Which dimension a picker selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// Courses.
    Course,
    /// Learners.
    Learner,
}

impl PickerKind {
    fn label(self) -> &'static str {
        match self {
            PickerKind::Course => "Courses",
            PickerKind::Learner => "Learners",
        }
    }

    fn name(self) -> &'static str {
        match self {
            PickerKind::Course => "course",
            PickerKind::Learner => "learner",
        }
    }
}

/// One listed option.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PickerOption {
    id: String,
    count: u32,
    selected: bool,
}

/// A `<details>` dropdown with a search box and checkboxes.
#[component]
pub fn Picker(
    /// Shared view state.
    state: CardsState,
    /// Courses or learners.
    kind: PickerKind,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let selected_count = move || {
        state.filter.with(|f| match kind {
            PickerKind::Course => f.courses.len(),
            PickerKind::Learner => f.learners.len(),
        })
    };
    // Computed only while open: the learner list can be long.
    let options = Memo::new(move |_| {
        if !open.get() {
            return (Vec::new(), 0);
        }
        let needle = query.with(|q| q.trim().to_lowercase());
        let chosen = state.filter.with(|f| match kind {
            PickerKind::Course => f.courses.clone(),
            PickerKind::Learner => f.learners.clone(),
        });
        state.result.with(|r| {
            let counts = match kind {
                PickerKind::Course => &r.0.facets.courses,
                PickerKind::Learner => &r.0.facets.learners,
            };
            state
                .with_store(|s| {
                    let all: Box<dyn Iterator<Item = (u32, &str)>> = match kind {
                        PickerKind::Course => Box::new(s.courses()),
                        PickerKind::Learner => Box::new(s.learners()),
                    };
                    let mut matching: Vec<PickerOption> = all
                        .filter(|(_, id)| contains_folded(id, &needle))
                        .map(|(i, id)| PickerOption {
                            id: id.to_owned(),
                            count: counts.get(i as usize).copied().unwrap_or(0),
                            selected: chosen.iter().any(|c| c == id),
                        })
                        .collect();
                    let found = matching.len();
                    // Selected first, then by count, then by ID.
                    matching.sort_by(|a, b| {
                        b.selected
                            .cmp(&a.selected)
                            .then(b.count.cmp(&a.count))
                            .then(a.id.cmp(&b.id))
                    });
                    matching.truncate(MAX_OPTIONS);
                    (matching, found)
                })
                .unwrap_or_default()
        })
    });
    let toggle = move |id: String| {
        state.filter.update(|f| match kind {
            PickerKind::Course => f.toggle_course(&id),
            PickerKind::Learner => f.toggle_learner(&id),
        })
    };
    view! {
        <details class="ec-picker" data-ec=format!("{}-picker", kind.name()) prop:open=open on:toggle=move |ev| {
            let is_open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
            open.set(is_open);
        }>
            <summary class="ec-button">
                {kind.label()}
                {move || match selected_count() {
                    0 => String::new(),
                    n => format!(" ({n})"),
                }}
            </summary>
            <div class="ec-picker__panel">
                <input
                    type="search"
                    class="ec-picker__search"
                    placeholder=format!("Find {}", kind.name())
                    aria-label=format!("Find {}", kind.name())
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
                                    <label class="ec-picker__option" title=o.id.clone()>
                                        <input type="checkbox" prop:checked=o.selected on:change=move |_| toggle(id.clone()) />
                                        <span class="ec-id">{o.id.clone()}</span>
                                        <span class="ec-chip__count">{group_digits(o.count.into())}</span>
                                    </label>
                                </li>
                            }
                        }
                    />
                </ul>
                {move || {
                    let (shown, found) = options.with(|(o, f)| (o.len(), *f));
                    (found > shown)
                        .then(|| view! { <p class="ec-picker__more">{format!("{} more: type to narrow the list", group_digits((found - shown) as u64))}</p> })
                }}
            </div>
        </details>
    }
}
