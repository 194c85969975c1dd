//! The filter and sort as plain JSON for hosts (`el.filters`, `filters-change`):
//!
//! ```json
//! { "text": "", "courses": [], "learners": [], "statuses": ["overdue"], "certificates": [],
//!   "types": [], "due": { "from": "2026-11-01", "to": null }, "access": { "from": null, "to": null },
//!   "sort": { "key": "due", "descending": false } }
//! ```

use js_sys::{Array, Object, Reflect};
use time::Date;
use wasm_bindgen::JsValue;

use crate::core::model::EnrollmentType;
use crate::core::query::{Choice, DateRange, Filter, Sort, SortKey};
use crate::core::status::{CertificateState, Status};

/// The filter state as a plain object.
pub fn to_js(filter: &Filter, sort: Sort) -> JsValue {
    let strings = |items: &mut dyn Iterator<Item = &str>| {
        let array = Array::new();
        for item in items {
            array.push(&item.into());
        }
        JsValue::from(array)
    };
    let range = |r: &DateRange| {
        let object = Object::new();
        let day = |d: Option<Date>| d.map_or(JsValue::NULL, |d| d.to_string().into());
        let _ = Reflect::set(&object, &"from".into(), &day(r.from));
        let _ = Reflect::set(&object, &"to".into(), &day(r.to));
        JsValue::from(object)
    };
    let sort_object = Object::new();
    let _ = Reflect::set(&sort_object, &"key".into(), &sort.key.id().into());
    let _ = Reflect::set(&sort_object, &"descending".into(), &sort.descending.into());
    let fields: [(&str, JsValue); 9] = [
        ("text", filter.text.as_str().into()),
        ("courses", strings(&mut filter.courses.iter().map(String::as_str))),
        (
            "learners",
            strings(&mut filter.learners.iter().map(String::as_str)),
        ),
        (
            "statuses",
            strings(&mut filter.selected_statuses().map(Status::id)),
        ),
        (
            "certificates",
            strings(&mut filter.selected_certificates().map(CertificateState::id)),
        ),
        (
            "types",
            strings(&mut filter.selected_types().map(EnrollmentType::id)),
        ),
        ("due", range(&filter.due)),
        ("access", range(&filter.access)),
        ("sort", sort_object.into()),
    ];
    let object = Object::new();
    for (key, value) in fields {
        let _ = Reflect::set(&object, &key.into(), &value);
    }
    object.into()
}

/// Reads a filter state; missing or unknown parts are left at their defaults. `None` when
/// `value` is not an object (or a JSON string of one).
pub fn from_js(value: &JsValue) -> Option<(Filter, Sort)> {
    let value = match value.as_string() {
        Some(json) => js_sys::JSON::parse(&json).ok()?,
        None => value.clone(),
    };
    if !value.is_object() {
        return None;
    }
    let get = |key: &str| {
        Reflect::get(&value, &key.into())
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let strings = |key: &str| -> Vec<String> {
        get(key)
            .filter(Array::is_array)
            .map(|v| Array::from(&v).iter().filter_map(|s| s.as_string()).collect())
            .unwrap_or_default()
    };
    let choice = |key: &str, index: &dyn Fn(&str) -> Option<u8>| {
        Choice::of(strings(key).iter().filter_map(|s| index(s)))
    };
    let range = |key: &str| {
        let day = |part: &str| {
            get(key)
                .and_then(|r| Reflect::get(&r, &part.into()).ok())
                .and_then(|d| d.as_string())
                .and_then(|d| crate::core::parse::parse_date(&d))
        };
        DateRange {
            from: day("from"),
            to: day("to"),
        }
    };
    let filter = Filter {
        text: get("text").and_then(|t| t.as_string()).unwrap_or_default(),
        courses: strings("courses"),
        learners: strings("learners"),
        statuses: choice("statuses", &|s| Status::from_id(s).map(|s| s as u8)),
        certificates: choice("certificates", &|s| CertificateState::from_id(s).map(|s| s as u8)),
        types: choice("types", &|s| EnrollmentType::from_id(s).map(|t| t as u8)),
        due: range("due"),
        access: range("access"),
    };
    let sort_value = get("sort");
    let sort_field = |key: &str| {
        sort_value
            .as_ref()
            .and_then(|s| Reflect::get(s, &key.into()).ok())
    };
    let sort = Sort {
        key: sort_field("key")
            .and_then(|k| k.as_string())
            .and_then(|k| SortKey::from_id(&k))
            .unwrap_or_default(),
        descending: sort_field("descending").is_some_and(|d| d.is_truthy()),
    };
    Some((filter, sort))
}
