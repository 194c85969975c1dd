//! The live count, load progress, notes, the toolbar (selection, fields, export), active filter
//! chips and "Clear filters". Built from data (`dom.rs`); the root handles every click and
//! change in it.

use web_sys::Element;

use super::dom::{bind, event_within, listen, place_of, set, set_text, show_at, update_text, Dom};
use super::patch::{Parts, Shown, ROOT};
use super::toolbar::{build_toolbar, field_checkbox_changed, toolbar_click, ToolbarState};
use crate::core::enrichment::PartStatus;
use crate::core::query::{ActiveFilter, DateRange, Filter};
use crate::core::store::EnrollmentStore;
use crate::i18n::{fill, Locale};
use crate::reactive::{Tracked, Writable};
use crate::state::{CardsState, LoadState};

/// "N of M enrollments" (`data-ec="count"`), progress while loading, the toolbar, notes,
/// removable chips, at the end of `parent`; its root handles every click and change in it.
pub fn summary(dom: &Dom, parent: &Element, state: CardsState) -> Option<()> {
    let bar = ToolbarState::default();
    let root = dom.element(parent, "div", "ec-summary")?;
    listen(&root, "click", move |ev| {
        let Some(button) = event_within(&ev, "button") else {
            return;
        };
        let marker = button.get_attribute("data-ec").unwrap_or_default();
        if marker == "clear" {
            state.filter.set(Filter::default());
        } else if button.matches(".ec-active__remove").unwrap_or(false) {
            // The chips are listed in the filter's order: the n-th item is the n-th chip.
            let place = button.closest("li").ok().flatten().map(|item| place_of(&item));
            let chip =
                place.and_then(|place| state.filter.with_untracked(|f| f.active().into_iter().nth(place)));
            if let Some(chip) = chip {
                state.filter.update(|f| f.remove(&chip));
            }
        } else {
            toolbar_click(state, bar, &marker, &button);
        }
    });
    listen(&root, "change", move |ev| {
        if let Some(input) = event_within(&ev, "[data-field] input") {
            field_checkbox_changed(state, &input);
        }
    });
    build(dom, &root, state, bar)
}

fn build(dom: &Dom, root: &Element, state: CardsState, bar: ToolbarState) -> Option<()> {
    let t = state.t();
    let count = dom.element(root, "p", "ec-count")?;
    set(&count, "data-ec", "count");
    set(&count, "aria-live", "polite");
    let mut shown = None;
    bind(move || {
        let now = (state.result.with(|r| r.0.len()), state.total());
        if shown == Some(now) {
            return;
        }
        let (matching, total) = now;
        set(&count, "data-shown", &matching.to_string());
        set(&count, "data-total", &total.to_string());
        let text = state.with_locale(|l| {
            let form = l.plural(total as u64, &t.count);
            let (matching, total) = (l.number(matching as u64), l.number(total as u64));
            fill(form, &[("shown", &matching), ("total", &total)])
        });
        set_text(&count, text.as_deref().unwrap_or_default());
        shown = Some(now);
    });
    build_toolbar(dom, root, state, bar)?;

    note(dom, root, "ec-progress", "progress", move || {
        state.load.with(|l| match l {
            LoadState::Loading => state.with_locale(|l| l.count(state.total() as u64, &t.loaded)),
            LoadState::Retrying { attempt, of } => Some(fill(
                t.retrying,
                &[("attempt", &attempt.to_string()), ("of", &of.to_string())],
            )),
            _ => None,
        })
    })
    .map(|progress| set(&progress, "role", "status"))?;
    note(dom, root, "ec-note", "resolving", move || {
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
    })?;
    note(dom, root, "ec-note", "enrichment", move || {
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
    })?;
    let duplicates = note(dom, root, "ec-note", "duplicates", move || {
        let n = state.duplicates();
        (n > 0).then(|| {
            state
                .with_locale(|l| l.count(n as u64, &t.duplicates))
                .unwrap_or_default()
        })
    })?;
    bind(move || set(&duplicates, "data-count", &state.duplicates().to_string()));

    let chips = dom.element(root, "ul", "ec-active")?;
    set(&chips, "aria-label", t.active_filters);
    let chips_dom = dom.clone();
    let (mut shown, mut listed) = (None, Shown::default());
    bind(move || {
        state.names_version.track();
        let labels: Vec<String> = state.filter.with(|f| {
            let active = f.active();
            state
                .with_locale(|l| state.with_store(|s| active.iter().map(|c| chip_text(l, s, c)).collect()))
                .flatten()
                .unwrap_or_default()
        });
        if shown.as_ref() == Some(&labels) {
            return;
        }
        let mut list = Parts::default();
        for label in &labels {
            active_chip(&mut list, state, label);
        }
        listed.show(&chips_dom, &chips, list);
        shown = Some(labels);
    });

    let place = dom.place(root)?;
    let clear = dom.create("button", "ec-button ec-button--quiet")?;
    set(&clear, "type", "button");
    set(&clear, "data-ec", "clear");
    clear.set_text_content(Some(t.clear_filters));
    bind(move || show_at(&clear, &place, state.filter.with(|f| !f.is_empty())));
    Some(())
}

/// A note (`<p class=… data-ec=…>`) at the current end of `parent`, present while `text` gives
/// one, showing it.
fn note(
    dom: &Dom,
    parent: &Element,
    class: &str,
    marker: &str,
    text: impl Fn() -> Option<String> + 'static,
) -> Option<Element> {
    let place = dom.place(parent)?;
    let note = dom.create("p", class)?;
    set(&note, "data-ec", marker);
    let held = note.clone();
    let mut shown = None;
    bind(move || {
        let now = text();
        show_at(&held, &place, now.is_some());
        if let Some(now) = now {
            update_text(&held, &mut shown, now);
        }
    });
    Some(note)
}

/// An active filter's chip: its words and a button that removes it.
fn active_chip(list: &mut Parts, state: CardsState, label: &str) {
    let chip = list.text_element(ROOT, "li", "ec-active__chip", label);
    let remove = list.text_element(chip, "button", "ec-active__remove", "×");
    list.set(remove, "type", "button");
    list.set(
        remove,
        "aria-label",
        fill(state.t().remove_filter, &[("label", label)]),
    );
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
