//! What the card window and the filter bar watch in the page: an element's size (a
//! `ResizeObserver`), undone when the calling component is cleaned up.
//!
//! Hand-written rather than leptos-use's `use_element_size` / `use_document_visibility`: those
//! brought about 6 KB (gzipped) into the module, float parsing included, for two listeners.

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::reactive::{rw_signal, Var, Writable};

/// The content-box width and height of `target` in CSS pixels, 0 until it is laid out and
/// measured, while the calling owner lives.
pub fn element_size(target: &Element) -> (Var<f64>, Var<f64>) {
    let (width, height) = (rw_signal(0.0), rw_signal(0.0));
    let measured = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
            let rect = entry.content_rect();
            width.try_set(rect.width());
            height.try_set(rect.height());
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(measured.as_ref().unchecked_ref()) else {
        return (width, height);
    };
    observer.observe(target);
    let held = SendWrapper::new((observer, measured));
    on_cleanup(move || {
        held.0.disconnect();
        drop(held);
    });
    (width, height)
}
