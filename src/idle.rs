//! Work for when the page is idle: `requestIdleCallback`, or a timer where the browser has none.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `work` once when the page is next idle (nothing, without a window). Boxed: one copy of
/// the callback's glue for every caller.
pub fn when_idle(work: Box<dyn FnOnce()>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let run = Closure::once_into_js(work);
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let _ = match idle {
        Some(request) => request.call1(&window, &run).map(drop),
        None => window.set_timeout_with_callback(run.unchecked_ref()).map(drop),
    };
}
