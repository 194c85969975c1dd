//! The filter, sort and card fields as plain JSON for hosts (`el.filters`, `filters-change`). The format and
//! its lenient reading live in the core ([`crate::core::filter_state`], natively tested and
//! fuzzed); this side only moves the text across the JS boundary.

use js_sys::JSON;
use wasm_bindgen::JsValue;

use crate::core::filter_state::{from_json, to_json, FilterState};

/// The filter state as a plain object.
pub fn to_js(state: &FilterState) -> JsValue {
    // `to_json` always writes valid JSON; `null` would only hide a bug, never throw at a host.
    JSON::parse(&to_json(state)).unwrap_or(JsValue::NULL)
}

/// Reads a filter state (an object, or a JSON string of one); missing or unknown parts are left
/// at their defaults. `None` when it is not an object, or cannot be turned into JSON
/// (`JSON.stringify` throws on cycles and BigInts, returns `undefined` for functions).
pub fn from_js(value: &JsValue) -> Option<FilterState> {
    let json = match value.as_string() {
        Some(json) => json,
        None => JSON::stringify(value).ok()?.as_string()?,
    };
    from_json(&json)
}
