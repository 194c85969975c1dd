//! The filter and sort as plain JSON, the format hosts see (`el.filters`, `filterState`,
//! `filters-change`):
//!
//! ```json
//! { "text": "", "courses": [], "learners": [], "departments": [], "statuses": ["overdue"],
//!   "certificates": [],
//!   "types": [], "completions": ["in_progress", "none"],
//!   "due": { "from": "2026-11-01", "to": null }, "access": { "from": null, "to": null },
//!   "sort": { "key": "due", "descending": false },
//!   "fields": ["course", "learner", "details", "progress", "due", "access", "lock", "type",
//!              "certificate", "ids"] }
//! ```
//!
//! `fields` are the card fields shown, in order (see [`crate::fields::CardField::id`]); missing or
//! not an array means every field in the default order, and unknown or repeated ids are skipped.
//!
//! Reading is lenient: any part that is missing, `null`, of the wrong type or unknown falls back
//! to its default, and unknown ids in `statuses`, `certificates` and `types` are skipped. Only a
//! text that is not a JSON object is refused.
//!
//! Input is bounded, since hosts (and so possibly pages' users) supply it:
//! - a text longer than [`MAX_JSON_BYTES`] (1 MiB) is refused, and so is a state whose own JSON
//!   ([`to_json`]) would be longer (it can be a little longer than the text it was read from:
//!   the keys left out are written back), so that every state read can be read again;
//! - at most [`MAX_IDS`] (10,000) ids are kept per list (`courses`, `learners`, `departments`), the first ones;
//! - nesting deeper than [`crate::json::MAX_DEPTH`] (128) makes the text invalid, so refused
//!   (no stack overflow, however deep the input).
//!
//! `sort.descending` is read with JavaScript truthiness (`false`, `0`, `""` and `null` are
//! false; everything else, `[]` and `{}` included, true).

use std::fmt::Write as _;

use time::Date;

use crate::fields::CardFields;
use crate::json::{push_string, Json};
use crate::model::EnrollmentType;
use crate::parse::parse_date;
use crate::query::{DateRange, Filter, Member, Set, Sort, SortKey};
use crate::related::CompletionStatus;
use crate::status::{CertificateState, Status};

/// Longest accepted filter-state text, in bytes.
pub const MAX_JSON_BYTES: usize = 1024 * 1024;

/// Most ids kept per list (`courses`, `learners`, `departments`); further ones are dropped.
pub const MAX_IDS: usize = 10_000;

/// What a host saves and restores: the filter, the sort, and the fields cards show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterState {
    /// The client-side filter.
    pub filter: Filter,
    /// The sort order.
    pub sort: Sort,
    /// The card fields, in order.
    pub fields: CardFields,
}

/// Reads a filter state. `None` when `text` is not a JSON object, or when it or the state's own
/// JSON is longer than [`MAX_JSON_BYTES`]; otherwise every part that cannot be read is left at
/// its default.
pub fn from_json(text: &str) -> Option<FilterState> {
    if text.len() > MAX_JSON_BYTES {
        return None;
    }
    let object = Json::parse(text)?;
    if !matches!(object, Json::Object(_)) {
        return None;
    }
    let filter = Filter {
        text: object
            .get("text")
            .and_then(Json::as_str)
            .map(str::to_owned)
            .unwrap_or_default(),
        courses: strings(&object, "courses")
            .take(MAX_IDS)
            .map(str::to_owned)
            .collect(),
        learners: strings(&object, "learners")
            .take(MAX_IDS)
            .map(str::to_owned)
            .collect(),
        departments: strings(&object, "departments")
            .take(MAX_IDS)
            .map(str::to_owned)
            .collect(),
        statuses: set(&object, "statuses", Status::from_id),
        certificates: set(&object, "certificates", CertificateState::from_id),
        types: set(&object, "types", EnrollmentType::from_id),
        completions: set(&object, "completions", |s| match s {
            "none" => Some(None),
            id => CompletionStatus::from_id(id).map(Some),
        }),
        due: range(&object, "due"),
        access: range(&object, "access"),
    };
    let sort = object.get("sort");
    let sort_field = |key: &str| sort.and_then(|s| s.get(key));
    let sort = Sort {
        key: sort_field("key")
            .and_then(Json::as_str)
            .and_then(SortKey::from_id)
            .unwrap_or_default(),
        descending: sort_field("descending").is_some_and(Json::truthy),
    };
    let fields = match object.get("fields").and_then(Json::as_array) {
        Some(_) => CardFields::from_ids(strings(&object, "fields")),
        None => CardFields::default(),
    };
    let state = FilterState { filter, sort, fields };
    if to_json(&state).len() > MAX_JSON_BYTES {
        return None;
    }
    Some(state)
}

/// The filter state as a compact JSON object, keys in the order shown in the module docs; dates
/// as `YYYY-MM-DD` or `null`.
pub fn to_json(state: &FilterState) -> String {
    let FilterState { filter, sort, fields } = state;
    let mut out = String::with_capacity(256);
    out.push_str("{\"text\":");
    push_string(&mut out, &filter.text);
    out.push_str(",\"courses\":");
    push_array(&mut out, filter.courses.iter().map(String::as_str));
    out.push_str(",\"learners\":");
    push_array(&mut out, filter.learners.iter().map(String::as_str));
    out.push_str(",\"departments\":");
    push_array(&mut out, filter.departments.iter().map(String::as_str));
    out.push_str(",\"statuses\":");
    push_array(&mut out, filter.statuses.iter().map(Status::id));
    out.push_str(",\"certificates\":");
    push_array(&mut out, filter.certificates.iter().map(CertificateState::id));
    out.push_str(",\"types\":");
    push_array(&mut out, filter.types.iter().map(EnrollmentType::id));
    out.push_str(",\"completions\":");
    push_array(
        &mut out,
        filter
            .completions
            .iter()
            .map(|c| c.map_or("none", CompletionStatus::id)),
    );
    out.push_str(",\"due\":");
    push_range(&mut out, &filter.due);
    out.push_str(",\"access\":");
    push_range(&mut out, &filter.access);
    out.push_str(",\"sort\":{\"key\":");
    push_string(&mut out, sort.key.id());
    out.push_str(",\"descending\":");
    out.push_str(if sort.descending { "true" } else { "false" });
    out.push_str("},\"fields\":");
    push_array(&mut out, fields.shown().iter().map(|f| f.id()));
    out.push('}');
    out
}

/// The strings of array `key` (other elements skipped); nothing when `key` is not an array.
fn strings<'a>(object: &'a Json, key: &str) -> impl Iterator<Item = &'a str> {
    object
        .get(key)
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(Json::as_str)
}

/// The values named in array `key`; unknown ids are skipped.
fn set<T: Member>(object: &Json, key: &str, value: impl Fn(&str) -> Option<T>) -> Set<T> {
    Set::of(strings(object, key).filter_map(value))
}

/// `{ "from": day, "to": day }`; a part that is not a readable date is open.
fn range(object: &Json, key: &str) -> DateRange {
    let day = |part: &str| {
        object
            .get(key)
            .and_then(|r| r.get(part))
            .and_then(Json::as_str)
            .and_then(parse_date)
    };
    DateRange {
        from: day("from"),
        to: day("to"),
    }
}

fn push_array<'a>(out: &mut String, items: impl Iterator<Item = &'a str>) {
    out.push('[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_string(out, item);
    }
    out.push(']');
}

fn push_range(out: &mut String, range: &DateRange) {
    out.push_str("{\"from\":");
    push_day(out, range.from);
    out.push_str(",\"to\":");
    push_day(out, range.to);
    out.push('}');
}

fn push_day(out: &mut String, day: Option<Date>) {
    match day {
        // `Date`'s Display is ISO 8601: `YYYY-MM-DD` for the years `parse_date` reads.
        Some(d) => {
            let _ = write!(out, "\"{d}\"");
        }
        None => out.push_str("null"),
    }
}
