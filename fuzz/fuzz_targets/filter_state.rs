//! Filter-state JSON: no panic on any text, and whatever is read is written and read back the
//! same (round-trip stability).

#![no_main]

use enrollment_core::filter_state::{from_json, to_json, MAX_JSON_BYTES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some(state) = from_json(&text) else {
        return;
    };
    let json = to_json(&state);
    assert!(json.len() <= MAX_JSON_BYTES);
    let again = from_json(&json);
    assert_eq!(again, Some(state), "{json}");
});
