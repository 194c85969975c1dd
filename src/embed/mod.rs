//! Embedding in a host page: the `<enrollment-cards>` custom element (a small JS shim), the
//! `mount(element, options)` function with its handle, DOM events to the host, and the shadow
//! root with the widget's styles. The only module that knows about the host page.

mod events;
mod filter_state;
mod mount;
pub mod options;
mod warm_up;

use wasm_bindgen::prelude::*;

pub use mount::{mount, WidgetHandle};

#[wasm_bindgen(module = "/src/embed/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(mount: &js_sys::Function);
}

#[wasm_bindgen(module = "/src/embed/intl_worker.js")]
extern "C" {
    /// Starts the worker that loads the browser's locale data off the main thread (its module
    /// has usually started it already, when the glue imported it; see `intl_worker.js`).
    #[wasm_bindgen(js_name = warmUpIntl)]
    fn warm_up_intl();
}

/// Registers `<enrollment-cards>` when the module is initialised (once: later calls and other
/// copies of the module leave the first registration in place).
#[wasm_bindgen(start)]
pub fn start() {
    warm_up_intl();
    let mount = Closure::<dyn Fn(web_sys::HtmlElement, JsValue) -> Result<JsValue, JsValue>>::new(
        |element: web_sys::HtmlElement, options: JsValue| mount(element, options).map(JsValue::from),
    );
    define_element(mount.as_ref().unchecked_ref());
    // The element class keeps calling it for the page's lifetime.
    mount.forget();
    warm_up::schedule();
}
