//! The toolbar above the cards: selection ("Select all N matching", "N selected", "Clear
//! selection"), the field picker, and "Export CSV". Built from data (`dom.rs`) inside the
//! summary, whose root handles its clicks (`toolbar_click`) and the field picker's checkboxes.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::set_timeout;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use super::dom::{bind, focused_in, listen, set, set_text, show_at, update_text, Dom};
use super::picker::follow_open;
use crate::core::export::CsvExport;
use crate::core::fields::CardField;
use crate::i18n::fill;
use crate::reactive::{rw_signal, Tracked, Var, Writable};
use crate::state::CardsState;

/// Rows written between two turns of the browser while exporting (about 10 ms of work).
const EXPORT_BATCH: usize = 10_000;

/// The toolbar's own state: the export's progress (percent) and whether the field picker is open.
#[derive(Clone, Copy)]
pub struct ToolbarState {
    exporting: Var<Option<usize>>,
    fields_open: Var<bool>,
}

impl Default for ToolbarState {
    /// Nothing exporting, the field picker closed.
    fn default() -> Self {
        ToolbarState {
            exporting: rw_signal(None),
            fields_open: rw_signal(false),
        }
    }
}

/// Builds the toolbar at the end of `parent`. The fixed buttons come first, so the selection's
/// parts come and go at the end without moving them.
pub fn build_toolbar(dom: &Dom, parent: &Element, state: CardsState, bar: ToolbarState) -> Option<()> {
    let t = state.t();
    let toolbar = dom.element(parent, "div", "ec-toolbar")?;
    build_field_picker(dom, &toolbar, state, bar.fields_open)?;
    let matching = move || state.result.with(|r| r.0.len());

    let export = dom.element(&toolbar, "button", "ec-button")?;
    set(&export, "type", "button");
    set(&export, "data-ec", "export");
    let mut shown = None;
    bind(move || {
        let now = (bar.exporting.get(), matching() == 0);
        if shown == Some(now) {
            return;
        }
        let (progress, nothing) = now;
        set(
            &export,
            "aria-busy",
            if progress.is_some() { "true" } else { "false" },
        );
        let _ = export.toggle_attribute_with_force("disabled", nothing);
        let text = match progress {
            Some(percent) => fill(t.exporting, &[("percent", &percent.to_string())]),
            None => t.export.to_owned(),
        };
        set_text(&export, &text);
        shown = Some(now);
    });

    let place = dom.place(&toolbar)?;
    let select_all = dom.create("button", "ec-button ec-button--quiet")?;
    set(&select_all, "type", "button");
    set(&select_all, "data-ec", "select-all");
    let mut text = None;
    bind(move || {
        let n = matching();
        let all_selected = state
            .result
            .with(|r| state.selection.with(|s| s.contains_all(r.0.rows.iter())));
        show_at(&select_all, &place, n > 0 && !all_selected);
        if n > 0 && !all_selected {
            let words = state.with_locale(|l| l.count(n as u64, &t.select_all));
            update_text(&select_all, &mut text, words.unwrap_or_default());
        }
    });

    let place = dom.place(&toolbar)?;
    let selected = dom.create("span", "ec-toolbar__selected")?;
    set(&selected, "data-ec", "selected");
    set(&selected, "role", "status");
    let clear = dom.create("button", "ec-button ec-button--quiet")?;
    set(&clear, "type", "button");
    set(&clear, "data-ec", "clear-selection");
    clear.set_text_content(Some(t.clear_selection));
    let mut text = None;
    bind(move || {
        let n = state.selection.with(|s| s.len());
        show_at(&selected, &place, n > 0);
        show_at(&clear, &place, n > 0);
        if n > 0 {
            let words = state.with_locale(|l| l.count(n as u64, &t.selected));
            update_text(&selected, &mut text, words.unwrap_or_default());
        }
    });
    Some(())
}

/// What a click on the toolbar's `button` (its `data-ec` marker `marker`) does; nothing when the
/// button is not the toolbar's.
pub fn toolbar_click(state: CardsState, bar: ToolbarState, marker: &str, button: &Element) {
    match marker {
        "export" if bar.exporting.get_untracked().is_none() => export_file(state, bar.exporting),
        "select-all" => state
            .result
            .with_untracked(|r| state.selection.update(|s| s.set_all(r.0.rows.iter(), true))),
        "clear-selection" => state.selection.set(Default::default()),
        "field-up" | "field-down" => {
            if let Some(field) = field_of(button) {
                let by = if marker == "field-up" { -1 } else { 1 };
                state.fields.update(|f| f.shift(field, by));
            }
        }
        _ => {}
    }
}

/// Shows or hides the field whose checkbox in the field picker is `input`.
pub fn field_checkbox_changed(state: CardsState, input: &Element) {
    if let Some(field) = field_of(input) {
        state.fields.update(|f| f.toggle(field));
    }
}

/// The field of the field picker's item holding `element`.
fn field_of(element: &Element) -> Option<CardField> {
    let item = element.closest("[data-field]").ok()??;
    CardField::from_id(&item.get_attribute("data-field")?)
}

/// Which fields cards show and in what order: a checkbox and up/down buttons per field, the
/// list built while the picker is open.
fn build_field_picker(dom: &Dom, parent: &Element, state: CardsState, open: Var<bool>) -> Option<()> {
    let t = state.t();
    let details = dom.element(parent, "details", "ec-picker ec-fields")?;
    set(&details, "data-ec", "fields");
    dom.text_element(&details, "summary", "ec-button", t.fields_button)?;
    let place = dom.place(&details)?;
    let list = dom.create("ul", "ec-picker__panel ec-fields__list")?;
    let element = details.dyn_into::<web_sys::HtmlDetailsElement>().ok()?;
    listen(&element.clone(), "toggle", follow_open(open, element));
    let dom = dom.clone();
    bind(move || {
        let is_open = open.get();
        show_at(&list, &place, is_open);
        if is_open {
            let fields = state.fields.with(|f| f.all_in_order());
            fill_fields(&dom, &list, state, fields);
        }
    });
    Some(())
}

/// Fills the field picker's `list`, keeping the focus on the control it was on (an item moved
/// up or down is built again in its new place).
fn fill_fields(dom: &Dom, list: &Element, state: CardsState, fields: Vec<(CardField, bool)>) -> Option<()> {
    let t = state.t();
    let focused = focused_in(list).and_then(|control| {
        let field = field_of(&control)?;
        Some((field, control.get_attribute("data-ec")))
    });
    list.set_text_content(None);
    for (field, shown) in fields {
        let name = t.field(field);
        let item = dom.element(list, "li", "ec-fields__item")?;
        set(&item, "data-field", field.id());
        let label = dom.element(&item, "label", "ec-picker__option")?;
        let check = dom.element(&label, "input", "")?;
        set(&check, "type", "checkbox");
        set(&check, "aria-label", &fill(t.show_field, &[("field", name)]));
        if let Some(check) = check.dyn_ref::<HtmlInputElement>() {
            check.set_checked(shown);
        }
        dom.text_element(&label, "span", "ec-picker__label", name)?;
        for (marker, words, arrow) in [("field-up", t.move_up, "↑"), ("field-down", t.move_down, "↓")] {
            let button = dom.text_element(&item, "button", "ec-icon-button", arrow)?;
            set(&button, "type", "button");
            set(&button, "data-ec", marker);
            set(&button, "aria-label", &fill(words, &[("field", name)]));
            let _ = button.toggle_attribute_with_force("disabled", !shown);
        }
    }
    if let Some((field, marker)) = focused {
        let control = match marker {
            Some(marker) => format!("[data-field={}] [data-ec={marker}]", field.id()),
            None => format!("[data-field={}] input", field.id()),
        };
        let control = list.query_selector(&control).ok().flatten();
        if let Some(control) = control.and_then(|c| c.dyn_into::<HtmlElement>().ok()) {
            let _ = control.focus();
        }
    }
    Some(())
}

/// Writes the current view as a CSV file a batch at a time (the browser keeps its turns and the
/// button shows the progress), then hands it to the browser as a download. Stops, without a
/// download, if the widget is removed meanwhile.
fn export_file(state: CardsState, exporting: Var<Option<usize>>) {
    let Some(rows) = state.result.try_with_untracked(|r| r.0.rows.to_vec()) else {
        return;
    };
    let t = state.t();
    let mut export = CsvExport::new(rows, t);
    exporting.set(Some(0));
    spawn_local(async move {
        loop {
            let Some(done) = state.with_store(|s| export.write(s, t, EXPORT_BATCH)) else {
                return;
            };
            if done {
                break;
            }
            let (written, all) = export.progress();
            if exporting.try_set(Some(written * 100 / all.max(1))).is_some() {
                return;
            }
            TimeoutFuture::new(0).await;
        }
        exporting.try_set(None);
        let file = export.finish();
        let name = state.rules().map_or_else(
            || "enrollments.csv".to_owned(),
            |r| format!("enrollments-{}.csv", r.today),
        );
        download(state, &name, file.as_bytes());
    });
}

/// Offers `bytes` as a download named `name` (a Blob URL on a temporary link).
fn download(state: CardsState, name: &str, bytes: &[u8]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(link) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    // The link has started the download; the URL is released after this turn.
    let _ = state;
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(1),
    );
}
