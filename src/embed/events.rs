//! DOM events to the host: `CustomEvent`s on the host element with `bubbles` and `composed`,
//! so they cross the shadow root.

use js_sys::{Object, Reflect};
use leptos::prelude::Callback;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

use super::filter_state;
use crate::components::view::WidgetParts;
use crate::components::{Selected, ViewEvents};
use crate::enrich::EnrichmentStatus;
use crate::loader::LoadSummary;
use crate::reactive::callback;

/// The messages of the widget's language (its root's `lang`, set from the locale), so the error
/// event says what the panel says.
fn language(host: &web_sys::HtmlElement) -> &'static crate::i18n::Messages {
    let lang = host
        .shadow_root()
        .and_then(|root| root.query_selector(".ec-root").ok().flatten())
        .and_then(|root| root.get_attribute("lang"));
    crate::i18n::Lang::of(lang.as_deref().unwrap_or("en")).messages()
}

/// Dispatches `name` with `detail` on `host`.
fn dispatch(host: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// A plain object from key/value pairs.
fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

/// The view's callbacks, turned into DOM events on `host`:
/// `enrollments-loaded` `{count, pages, duplicates}`, `enrollments-error` `{status, message}`,
/// `enrollment-select` `{enrollmentId, courseId, learnerId, learnerName?, courseTitle?}`,
/// `filters-change` (filter state), `selection-change` `{enrollmentIds, count}`,
/// `enrichment-status` `{users, courses, results, departments}`
/// (each "complete", "partial", "forbidden" or "failed"; parts switched off are left out).
pub fn to_host(host: &web_sys::HtmlElement, ready: Callback<WidgetParts>) -> ViewEvents {
    let host = SendWrapper::new(host.clone());
    let loaded = {
        let host = host.clone();
        callback(move |summary: LoadSummary| {
            let detail = object(&[
                ("count", (summary.count as f64).into()),
                ("pages", summary.pages.into()),
                ("duplicates", (summary.duplicates as f64).into()),
            ]);
            dispatch(&host, "enrollments-loaded", &detail);
        })
    };
    let error = {
        let host = host.clone();
        callback(move |error: crate::api::ApiError| {
            let status = error.status().map_or(JsValue::NULL, JsValue::from);
            let message = crate::i18n::error_text(language(&host), &error);
            let detail = object(&[("status", status), ("message", message.into())]);
            dispatch(&host, "enrollments-error", &detail);
        })
    };
    let select = {
        let host = host.clone();
        callback(move |selected: Selected| {
            let mut fields = vec![
                ("enrollmentId", selected.enrollment_id.into()),
                ("courseId", selected.course_id.into()),
                ("learnerId", selected.learner_id.into()),
            ];
            if let Some(name) = selected.learner_name {
                fields.push(("learnerName", name.into()));
            }
            if let Some(title) = selected.course_title {
                fields.push(("courseTitle", title.into()));
            }
            let detail = object(&fields);
            dispatch(&host, "enrollment-select", &detail);
        })
    };
    let filters = {
        let host = host.clone();
        callback(move |state| {
            dispatch(&host, "filters-change", &filter_state::to_js(&state));
        })
    };
    let selection = {
        let host = host.clone();
        callback(move |ids: Vec<String>| {
            let count = ids.len() as f64;
            let ids: js_sys::Array = ids.into_iter().map(JsValue::from).collect();
            let detail = object(&[("enrollmentIds", ids.into()), ("count", count.into())]);
            dispatch(&host, "selection-change", &detail);
        })
    };
    let enrichment = callback(move |status: EnrichmentStatus| {
        let parts = [
            ("users", status.users),
            ("courses", status.courses),
            ("results", status.results),
            ("departments", status.departments),
        ];
        let detail: Vec<(&str, JsValue)> = parts
            .into_iter()
            .filter_map(|(name, part)| Some((name, part.id()?.into())))
            .collect();
        dispatch(&host, "enrichment-status", &object(&detail));
    });
    ViewEvents {
        loaded: Some(loaded),
        error: Some(error),
        select: Some(select),
        filters: Some(filters),
        selection: Some(selection),
        ready: Some(ready),
        enrichment: Some(enrichment),
    }
}
