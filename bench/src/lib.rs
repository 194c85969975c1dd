//! The benchmark build of the widget: the whole `enrollment-cards` library (its `mount` and
//! custom element are exported unchanged) plus what `bench/index.html` needs to measure it:
//! a counting global allocator and the parser as a plain function.
//!
//! The shipped module (`make dist`) has neither; its size is measured from `pkg/`.

use std::alloc::System;

use cap::Cap;
use wasm_bindgen::prelude::*;

// Re-exported so the widget's own exports (`mount`, the element's start function) are linked.
pub use enrollment_cards::embed::mount;

/// Counts live heap bytes; no limit.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// Bytes allocated on the wasm heap right now.
#[wasm_bindgen(js_name = heapBytes)]
pub fn heap_bytes() -> f64 {
    ALLOCATOR.allocated() as f64
}

/// Parses one `GET /enrollment` answer as the widget does and returns how many enrollments it
/// holds. `xml` is the answer's UTF-8 bytes, copied into wasm memory as the widget's fetch does
/// (`Response.arrayBuffer()`), then checked as UTF-8 and parsed.
#[wasm_bindgen(js_name = parseEnrollments)]
pub fn parse_enrollments(xml: &[u8]) -> Result<u32, JsError> {
    let text = std::str::from_utf8(xml).map_err(|e| JsError::new(&e.to_string()))?;
    enrollment_cards::parse_enrollments(text)
        .map(|page| page.enrollments.len() as u32)
        .map_err(|error| JsError::new(&error.to_string()))
}
