//! The options a host passes to `mount()` (or the custom element derives from its attributes),
//! read from a plain JS object into a [`ListSource`].

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::api::{AccessToken, ClientConfig, EnrollmentQuery, RetryPolicy, TokenError, TokenProvider};
use crate::clock::{now, today_local};
use crate::components::{Density, ListSource};
use crate::core::filter_state::FilterState;
use crate::core::lookup::DEFAULT_BATCH;
use crate::core::status::StatusRules;
use crate::enrich::{EnrichParts, MAX_BATCH};

/// Default page size of the paged endpoint.
pub const DEFAULT_PAGE_SIZE: u32 = 1000;

/// `"a, b,,c"` → `["a", "b", "c"]`.
pub fn split_ids(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A positive whole number within `range`, or `default` when absent or invalid.
pub fn number_in(text: Option<&str>, range: std::ops::RangeInclusive<u32>, default: u32) -> u32 {
    text.and_then(|t| t.trim().parse().ok())
        .filter(|n| range.contains(n))
        .unwrap_or(default)
}

/// What a host's options ask for: the widget's source, and the token (or why it cannot be used).
pub struct Options {
    /// The widget's source (with the token when it is valid).
    pub source: ListSource,
    /// The token given (empty when none), or why it cannot be sent.
    pub token: Result<AccessToken, TokenError>,
}

/// Reads an options object. Unknown keys are ignored; bad values fall back to defaults.
pub fn read(options: &JsValue, initial: Option<FilterState>) -> Options {
    let text = |key: &str| get(options, key).and_then(|v| v.as_string());
    let number_text = |key: &str| {
        get(options, key).and_then(|v| {
            v.as_string()
                .or_else(|| v.as_f64().map(|n| (n as i64).to_string()))
        })
    };
    let ids = |key: &str| match get(options, key) {
        Some(v) if js_sys::Array::is_array(&v) => js_sys::Array::from(&v)
            .iter()
            .filter_map(|s| s.as_string())
            .flat_map(|s| split_ids(&s))
            .collect(),
        Some(v) => v.as_string().map(|s| split_ids(&s)).unwrap_or_default(),
        None => Vec::new(),
    };
    let token = AccessToken::new(text("token").unwrap_or_default());
    let mut config = ClientConfig::new(
        text("endpoint").unwrap_or_default(),
        token.clone().unwrap_or_default(),
    );
    config.auth_scheme = text("authScheme").filter(|s| !s.trim().is_empty());
    let locale = text("locale").filter(|s| !s.trim().is_empty());
    // Titles come back in the widget's language where the LMS has them.
    config.target_locale = locale.clone().or_else(crate::i18n::browser_language);
    let number = |key: &str, range, default| number_in(number_text(key).as_deref(), range, default);
    config.timeout_ms = number("timeoutMs", 1..=600_000, ClientConfig::DEFAULT_TIMEOUT_MS);
    let max_body = ClientConfig::DEFAULT_MAX_BODY_BYTES as u32;
    config.max_body_bytes = number("maxBodyBytes", 1024..=max_body, max_body) as usize;
    let defaults = RetryPolicy::default();
    let policy = RetryPolicy {
        attempts: number("retries", 0..=10, defaults.attempts),
        max_pages: number("maxPages", 1..=1_000_000, defaults.max_pages),
    };
    let paged = get(options, "paged").is_some_and(|v| v.is_truthy());
    let rules = StatusRules {
        due_soon_days: number("dueSoonDays", 0..=365, 7) as u16,
        ..StatusRules::new(today_local()).at(now())
    };
    let filter_state = get(options, "filterState").and_then(|v| super::filter_state::from_js(&v));
    let source = ListSource {
        config,
        token_error: token.as_ref().err().copied(),
        token_provider: get(options, "tokenProvider")
            .and_then(|v| v.dyn_into::<Function>().ok())
            .map(token_provider),
        query: EnrollmentQuery {
            learner_ids: ids("learnerIds"),
            course_ids: ids("courseIds"),
        },
        page_size: paged.then(|| number("pageSize", 1..=10_000, DEFAULT_PAGE_SIZE)),
        policy,
        enrich: EnrichParts::parse(text("enrich").as_deref()),
        lookup_batch: number("lookupBatch", 1..=MAX_BATCH as u32, DEFAULT_BATCH as u32) as usize,
        rules,
        locale,
        show_filters: text("filters").is_none_or(|f| f.trim() != "none"),
        density: text("density").map_or(Density::Comfortable, |d| Density::from_id(&d)),
        initial: filter_state.or(initial).unwrap_or_default(),
    };
    Options { source, token }
}

/// Wraps the host's `async () => token` callback.
fn token_provider(callback: Function) -> TokenProvider {
    TokenProvider::new(move || {
        let callback = callback.clone();
        Box::pin(async move {
            let returned = callback.call0(&JsValue::NULL).map_err(describe)?;
            let token = JsFuture::from(Promise::resolve(&returned))
                .await
                .map_err(describe)?;
            // Anything but text is no token (the loader says so in the widget's language).
            Ok(token.as_string().unwrap_or_default())
        })
    })
}

/// A JS error's message, shortened (providers' errors are the host's own text; empty when it
/// has none).
fn describe(error: JsValue) -> String {
    let message = Reflect::get(&error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_default();
    crate::core::parse::shorten(&message, 200)
}

fn get(object: &JsValue, key: &str) -> Option<JsValue> {
    if !object.is_object() {
        return None;
    }
    Reflect::get(object, &key.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_numbers() {
        assert_eq!(split_ids(" a, b,,c ,"), vec!["a", "b", "c"]);
        assert!(split_ids("").is_empty());
        assert_eq!(number_in(Some("250"), 1..=10_000, 1000), 250);
        assert_eq!(number_in(Some("0"), 1..=10_000, 1000), 1000);
        assert_eq!(number_in(Some("many"), 1..=10_000, 1000), 1000);
        assert_eq!(number_in(None, 0..=365, 7), 7);
    }
}
