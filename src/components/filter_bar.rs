//! The filter bar: search, status / certificate / type / completion chips with facet counts,
//! course, learner and department pickers, date ranges, and the sort order. Every control
//! updates the shared filter; the count and cards follow on the same keystroke. In a narrow host
//! everything but the search folds behind a "Filters (N active)" button.

use time::Date;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use super::dom::{bind, event_within, listen, set, set_text, show_when, update_text, Dom};
use super::observe::element_size;
use super::picker::picker;
use crate::core::enrichment::{EnrichmentStatus, PartStatus};
use crate::core::model::EnrollmentType;
use crate::core::picker_options::PickerKind;
use crate::core::query::{Facets, Filter, Member, Sort, SortKey};
use crate::core::related::CompletionStatus;
use crate::core::status::{CertificateState, Status};
use crate::i18n::fill;
use crate::reactive::{memo, rw_signal, Tracked, Var, Writable};
use crate::state::{CardsState, LoadState};

/// Below this width (px) the filters fold behind a button, so the first cards show on the first
/// screen.
pub const FOLD_BELOW_PX: f64 = 600.0;

/// Folded filters unfold only this much wider than [`FOLD_BELOW_PX`]: folding can take away
/// the page's scrollbar and so widen the bar by its width, which must not unfold it again.
const UNFOLD_MARGIN_PX: f64 = 24.0;

/// Search, chips, pickers, ranges and sort, at the end of `parent`.
pub fn filter_bar(dom: &Dom, parent: &Element, state: CardsState) -> Option<()> {
    let root = dom.element(parent, "div", "ec-filters")?;
    set(&root, "role", "search");
    build(dom, &root, state)
}

fn build(dom: &Dom, root: &Element, state: CardsState) -> Option<()> {
    let filter = state.filter;
    let t = state.t();
    // The bar's width, read from a probe of no height across it: folding changes the bar's
    // height, and were the bar itself observed, that change inside the observer's callback
    // would end the browser's resize loop with an error event on the host page's window.
    let probe = dom.element(root, "div", "ec-filters__probe")?;
    set(&probe, "aria-hidden", "true");
    let (width, _) = element_size(&probe);
    // Until the first measurement the bar is shown unfolded (width 0 means "not measured").
    let narrow = memo(move |folded: Option<&bool>| {
        let below = match folded {
            Some(true) => FOLD_BELOW_PX + UNFOLD_MARGIN_PX,
            _ => FOLD_BELOW_PX,
        };
        (1.0..below).contains(&width.get())
    });
    let held = root.clone();
    bind(move || set(&held, "data-narrow", if narrow.get() { "true" } else { "false" }));
    let unfolded = rw_signal(false);

    let top = dom.element(root, "div", "ec-filters__top")?;
    let label = dom.element(&top, "label", "ec-search")?;
    dom.text_element(&label, "span", "ec-visually-hidden", t.search_label)?;
    let search = dom.element(&label, "input", "")?;
    set(&search, "type", "search");
    set(&search, "data-ec", "search");
    set(&search, "placeholder", t.search_placeholder);
    set(&search, "autocomplete", "off");
    let search = search.dyn_into::<HtmlInputElement>().ok()?;
    let typed = search.clone();
    listen(&search, "input", move |_| {
        let text = typed.value();
        filter.update(|f| f.text = text);
    });
    bind(move || {
        filter.with(|f| {
            if search.value() != f.text {
                search.set_value(&f.text);
            }
        })
    });
    show_when(
        dom,
        &top,
        move || narrow.get(),
        move |dom, parent| {
            let _ = fold_toggle(dom, parent, state, unfolded);
        },
    );
    show_when(
        dom,
        root,
        move || !narrow.get() || unfolded.get(),
        move |dom, parent| {
            let _ = filters(dom, parent, state);
        },
    );
    Some(())
}

/// The "Filters (N active)" button of a narrow bar, which unfolds and folds the filters.
fn fold_toggle(dom: &Dom, parent: &Element, state: CardsState, unfolded: Var<bool>) -> Option<()> {
    let t = state.t();
    let toggle = dom.element(parent, "button", "ec-button")?;
    set(&toggle, "type", "button");
    set(&toggle, "data-ec", "filters-toggle");
    listen(&toggle, "click", move |_| unfolded.update(|u| *u = !*u));
    let mut text = None;
    bind(move || {
        set(
            &toggle,
            "aria-expanded",
            if unfolded.get() { "true" } else { "false" },
        );
        let words = match state.filter.with(|f| f.active().len()) {
            0 => t.filters.to_owned(),
            n => fill(t.filters_active, &[("n", &state.number(n))]),
        };
        update_text(&toggle, &mut text, words);
    });
    Some(())
}

/// The chip groups, pickers, date ranges and sort control.
fn filters(dom: &Dom, parent: &Element, state: CardsState) -> Option<()> {
    chip_group(dom, parent, state, Chips::Status)?;
    chip_group(dom, parent, state, Chips::Certificate)?;
    chip_group(dom, parent, state, Chips::Type)?;
    // Completion chips and the department picker hold their place while their data is on its
    // way, so the cards are not pushed down when it comes; they go when it cannot come
    // (switched off, not permitted, failed, the load itself failed) or brought none.
    let results = move || {
        state.names_version.track();
        state.with_store(|s| s.results_known() > 0).unwrap_or(false) || coming(state, |e| e.results)
    };
    show_when(dom, parent, results, move |dom, parent| {
        let _ = chip_group(dom, parent, state, Chips::Completion);
    })?;
    let row = dom.element(parent, "div", "ec-filters__row")?;
    picker(dom, &row, state, PickerKind::Course)?;
    picker(dom, &row, state, PickerKind::Learner)?;
    let departments = move || {
        state.names_version.track();
        state.with_store(|s| !s.departments().is_empty()).unwrap_or(false) || coming(state, |e| e.departments)
    };
    show_when(dom, &row, departments, move |dom, parent| {
        let _ = picker(dom, parent, state, PickerKind::Department);
    })?;
    range_input(dom, &row, state, true)?;
    range_input(dom, &row, state, false)?;
    sort_control(dom, &row, state)
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

/// A group of toggle chips (`aria-pressed`), each with its facet count, at the end of `parent`;
/// the group keeps each chip's pressed state, count, and whether it can be pressed up to date.
fn chip_group(dom: &Dom, parent: &Element, state: CardsState, group: Chips) -> Option<()> {
    let (label, options) = group.options(state);
    let root = dom.element(parent, "div", "ec-chips")?;
    set(&root, "role", "group");
    set(&root, "aria-label", label);
    let ids: Vec<&str> = options.iter().map(|(_, id)| *id).collect();
    listen(&root, "click", move |ev| {
        let chip = event_within(&ev, "button[data-value]").and_then(|b| b.get_attribute("data-value"));
        let place = chip.and_then(|id| ids.iter().position(|value| *value == id));
        if let Some(place) = place {
            state.filter.update(|f| group.toggle(f, place));
        }
    });
    dom.text_element(&root, "span", "ec-chips__label", label)?;
    let mut chips = Vec::new();
    for (text, id) in options {
        let Some(chip) = dom.text_element(&root, "button", "ec-chip", text) else {
            continue;
        };
        set(&chip, "type", "button");
        set(&chip, "data-ec", group.marker());
        set(&chip, "data-value", id);
        if let Some(count) = dom.element(&chip, "span", "ec-chip__count") {
            chips.push((chip, count));
        }
    }
    let pressed_chips = chips.clone();
    let mut pressed = Vec::new();
    bind(move || {
        let now: Vec<bool> = state.filter.with(|f| {
            (0..pressed_chips.len())
                .map(|place| group.pressed(f, place))
                .collect()
        });
        for (place, ((chip, _), &on)) in pressed_chips.iter().zip(&now).enumerate() {
            if pressed.get(place) != Some(&on) {
                set(chip, "aria-pressed", if on { "true" } else { "false" });
            }
        }
        pressed = now;
    });
    let waiting_chips = chips.clone();
    let mut waiting = None;
    bind(move || {
        let now = group.waiting(state);
        if waiting != Some(now) {
            for (chip, _) in &waiting_chips {
                let _ = chip.toggle_attribute_with_force("disabled", now);
            }
            waiting = Some(now);
        }
    });
    let mut counts = Vec::new();
    bind(move || {
        let now: Vec<u32> = state.result.with(|r| {
            (0..chips.len())
                .map(|place| group.count(&r.0.facets, place))
                .collect()
        });
        for (place, ((_, count), &n)) in chips.iter().zip(&now).enumerate() {
            if counts.get(place) != Some(&n) {
                set_text(count, &state.number(n as usize));
            }
        }
        counts = now;
    });
    Some(())
}

/// A from/to pair of date inputs at the end of `parent`: the due range or the access range,
/// the inputs showing the filter's range.
fn range_input(dom: &Dom, parent: &Element, state: CardsState, due: bool) -> Option<()> {
    let root = dom.element(parent, "fieldset", "ec-range")?;
    set(&root, "data-ec", if due { "due-range" } else { "access-range" });
    listen(&root, "change", move |ev| {
        let Some(input) = event_within(&ev, "input").and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let day = crate::core::parse::parse_date(&input.value());
        let from = input
            .get_attribute("data-ec")
            .is_some_and(|m| m.ends_with("-from"));
        state.filter.update(|f| {
            let range = if due { &mut f.due } else { &mut f.access };
            match from {
                true => range.from = day,
                false => range.to = day,
            }
        });
    });
    let t = state.t();
    let (label, [from, to]) = if due {
        (t.range_due, ["due-from", "due-to"])
    } else {
        (t.range_access, ["access-from", "access-to"])
    };
    let input = |marker: &str, hidden: &str| -> Option<HtmlInputElement> {
        let holder = dom.element(&root, "label", "")?;
        dom.text_element(
            &holder,
            "span",
            "ec-visually-hidden",
            &fill(hidden, &[("range", label)]),
        )?;
        let input = dom.element(&holder, "input", "")?;
        set(&input, "type", "date");
        set(&input, "data-ec", marker);
        input.dyn_into().ok()
    };
    dom.text_element(&root, "legend", "", label)?;
    let from = input(from, t.range_from_label)?;
    set(&dom.text_element(&root, "span", "", "–")?, "aria-hidden", "true");
    let to = input(to, t.range_to_label)?;
    let text = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut shown = None;
    bind(move || {
        let range = state.filter.with(|f| if due { f.due } else { f.access });
        if shown != Some(range) {
            from.set_value(&text(range.from));
            to.set_value(&text(range.to));
            shown = Some(range);
        }
    });
    Some(())
}

/// The sort key menu and direction toggle at the end of `parent`, showing the order.
fn sort_control(dom: &Dom, parent: &Element, state: CardsState) -> Option<()> {
    let sort = state.sort;
    let root = dom.element(parent, "div", "ec-sort")?;
    listen(&root, "change", move |ev| {
        let key = event_within(&ev, "select")
            .and_then(|s| s.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .and_then(|s| SortKey::from_id(&s.value()));
        if let Some(key) = key {
            sort.update(|s| s.key = key);
        }
    });
    listen(&root, "click", move |ev| {
        if event_within(&ev, "[data-ec=sort-direction]").is_some() {
            sort.update(|s| s.descending = !s.descending);
        }
    });
    let t = state.t();
    let label = dom.text_element(&root, "label", "", &format!("{} ", t.sort_by))?;
    let menu = dom.element(&label, "select", "")?;
    set(&menu, "data-ec", "sort");
    let mut options = Vec::new();
    for (i, key) in SortKey::ALL.into_iter().enumerate() {
        if let Some(option) = dom.text_element(
            &menu,
            "option",
            "",
            t.sort_keys.get(i).copied().unwrap_or_default(),
        ) {
            set(&option, "value", key.id());
            options.push((option, key));
        }
    }
    let direction = dom.element(&root, "button", "ec-button")?;
    set(&direction, "type", "button");
    set(&direction, "data-ec", "sort-direction");
    let mut shown = None;
    bind(move || {
        let now = state.sort.get();
        if shown == Some(now) {
            return;
        }
        for (option, key) in &options {
            if shown.is_none_or(|s: Sort| (s.key == *key) != (now.key == *key)) {
                let _ = option.toggle_attribute_with_force("selected", now.key == *key);
            }
        }
        set(
            &direction,
            "aria-pressed",
            if now.descending { "true" } else { "false" },
        );
        set_text(
            &direction,
            if now.descending { t.descending } else { t.ascending },
        );
        shown = Some(now);
    });
    Some(())
}
