//! What the card window and the clock watch in the page: an element's size (a
//! `ResizeObserver`) and document and window events, each undone when the calling component is
//! cleaned up.
//!
//! Hand-written rather than leptos-use's `use_element_size` / `use_document_visibility`: those
//! brought about 6 KB (gzipped) into the module, float parsing included, for two listeners.

use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The content-box width and height of `target`'s element in CSS pixels, 0 until it is mounted
/// and measured.
pub fn element_size(target: NodeRef<html::Div>) -> (ReadSignal<f64>, ReadSignal<f64>) {
    let (width, set_width) = signal(0.0);
    let (height, set_height) = signal(0.0);
    let measured = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
            let rect = entry.content_rect();
            set_width.try_set(rect.width());
            set_height.try_set(rect.height());
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(measured.as_ref().unchecked_ref()) else {
        return (width, height);
    };
    let observer = SendWrapper::new(observer);
    let watched = observer.clone();
    Effect::new(move |_| {
        if let Some(element) = target.get() {
            watched.observe(&element);
        }
    });
    let measured = SendWrapper::new(measured);
    on_cleanup(move || {
        observer.disconnect();
        drop(measured);
    });
    (width, height)
}

/// Calls `handler` on every `event` at `target` (the document, the window) while the calling
/// component lives.
pub fn on_event(target: web_sys::EventTarget, event: &'static str, handler: impl Fn() + 'static) {
    let listener = Closure::<dyn Fn()>::new(handler);
    if target
        .add_event_listener_with_callback(event, listener.as_ref().unchecked_ref())
        .is_err()
    {
        return;
    }
    let held = SendWrapper::new((target, listener));
    on_cleanup(move || {
        let (target, listener) = &*held;
        let _ = target.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    });
}
