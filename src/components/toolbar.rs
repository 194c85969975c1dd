//! The toolbar above the cards: selection ("Select all N matching", "N selected", "Clear
//! selection"), the field picker, and "Export CSV".

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::picker::follow_open;
use crate::core::export::CsvExport;
use crate::core::fields::CardField;
use crate::i18n::fill;
use crate::state::CardsState;

/// Rows written between two turns of the browser while exporting (about 10 ms of work).
const EXPORT_BATCH: usize = 10_000;

/// Selection, fields and export.
#[component]
pub fn Toolbar(
    /// Shared view state.
    state: CardsState,
) -> impl IntoView {
    let t = state.t();
    let matching = move || state.result.with(|r| r.0.len());
    let selected = move || state.selection.with(|s| s.len());
    let all_selected = move || {
        state
            .result
            .with(|r| state.selection.with(|s| s.contains_all(r.0.rows.iter())))
    };
    let select_all = move |_| {
        state
            .result
            .with_untracked(|r| state.selection.update(|s| s.set_all(r.0.rows.iter(), true)));
    };
    let exporting = RwSignal::new(None::<usize>);
    let export = move |_| {
        if exporting.get_untracked().is_none() {
            export_file(state, exporting);
        }
    };
    view! {
        // The fixed buttons first, so the selection's parts come and go at the end without
        // moving them.
        <div class="ec-toolbar">
            <FieldPicker state />
            <button
                type="button"
                class="ec-button"
                data-ec="export"
                aria-busy=move || exporting.get().is_some().to_string()
                disabled=move || matching() == 0
                on:click=export
            >
                {move || match exporting.get() {
                    Some(percent) => fill(t.exporting, &[("percent", &percent.to_string())]),
                    None => t.export.to_owned(),
                }}
            </button>
            <Show when=move || { matching() > 0 && !all_selected() }>
                <button type="button" class="ec-button ec-button--quiet" data-ec="select-all" on:click=select_all>
                    {move || state.with_locale(|l| l.count(matching() as u64, &t.select_all))}
                </button>
            </Show>
            <Show when=move || { selected() > 0 }>
                <span class="ec-toolbar__selected" data-ec="selected" role="status">
                    {move || state.with_locale(|l| l.count(selected() as u64, &t.selected))}
                </span>
                <button
                    type="button"
                    class="ec-button ec-button--quiet"
                    data-ec="clear-selection"
                    on:click=move |_| state.selection.set(Default::default())
                >
                    {t.clear_selection}
                </button>
            </Show>
        </div>
    }
}

/// Which fields cards show and in what order: a checkbox and up/down buttons per field.
#[component]
fn FieldPicker(state: CardsState) -> impl IntoView {
    let t = state.t();
    let fields = state.fields;
    let open = RwSignal::new(false);
    view! {
        <details class="ec-picker ec-fields" data-ec="fields" on:toggle=follow_open(open)>
            <summary class="ec-button">{t.fields_button}</summary>
            // Built while open, like the filter bar's pickers.
            {move || open.get().then(|| view! {
            <ul class="ec-picker__panel ec-fields__list">
                <For
                    each=move || fields.with(|f| f.all_in_order())
                    key=|entry| *entry
                    children=move |(field, shown): (CardField, bool)| {
                        let name = t.field(field);
                        view! {
                            <li class="ec-fields__item" data-field=field.id()>
                                <label class="ec-picker__option">
                                    <input
                                        type="checkbox"
                                        prop:checked=shown
                                        aria-label=fill(t.show_field, &[("field", name)])
                                        on:change=move |_| fields.update(|f| f.toggle(field))
                                    />
                                    <span class="ec-picker__label">{name}</span>
                                </label>
                                <button
                                    type="button"
                                    class="ec-icon-button"
                                    data-ec="field-up"
                                    aria-label=fill(t.move_up, &[("field", name)])
                                    disabled=!shown
                                    on:click=move |_| fields.update(|f| f.shift(field, -1))
                                >
                                    "↑"
                                </button>
                                <button
                                    type="button"
                                    class="ec-icon-button"
                                    data-ec="field-down"
                                    aria-label=fill(t.move_down, &[("field", name)])
                                    disabled=!shown
                                    on:click=move |_| fields.update(|f| f.shift(field, 1))
                                >
                                    "↓"
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            }.into_any())}
        </details>
    }
}

/// Writes the current view as a CSV file a batch at a time (the browser keeps its turns and the
/// button shows the progress), then hands it to the browser as a download. Stops, without a
/// download, if the widget is removed meanwhile.
fn export_file(state: CardsState, exporting: RwSignal<Option<usize>>) {
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
