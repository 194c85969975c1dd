//! DOM events to the host: `CustomEvent`s on the host element with `bubbles` and `composed`,
//! so they cross the shadow root.

use js_sys::{Object, Reflect};
use leptos::prelude::Callback;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

use super::filter_state;
use crate::components::view::WidgetParts;
use crate::components::{Selected, ViewEvents};
use crate::loader::LoadSummary;

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
/// `enrollment-select` `{enrollmentId, courseId, learnerId}`, `filters-change` (filter state).
pub fn to_host(host: &web_sys::HtmlElement, ready: Callback<WidgetParts>) -> ViewEvents {
    let host = SendWrapper::new(host.clone());
    let loaded = {
        let host = host.clone();
        Callback::new(move |summary: LoadSummary| {
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
        Callback::new(move |error: crate::api::ApiError| {
            let status = error.status().map_or(JsValue::NULL, JsValue::from);
            let detail = object(&[("status", status), ("message", error.to_string().into())]);
            dispatch(&host, "enrollments-error", &detail);
        })
    };
    let select = {
        let host = host.clone();
        Callback::new(move |selected: Selected| {
            let detail = object(&[
                ("enrollmentId", selected.enrollment_id.into()),
                ("courseId", selected.course_id.into()),
                ("learnerId", selected.learner_id.into()),
            ]);
            dispatch(&host, "enrollment-select", &detail);
        })
    };
    let filters = Callback::new(move |(filter, sort)| {
        dispatch(&host, "filters-change", &filter_state::to_js(&filter, sort));
    });
    ViewEvents {
        loaded: Some(loaded),
        error: Some(error),
        select: Some(select),
        filters: Some(filters),
        ready: Some(ready),
    }
}
