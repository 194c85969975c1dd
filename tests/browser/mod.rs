//! Helpers shared by the browser tests (`tests/web.rs`, `tests/view.rs`, `tests/reliability.rs`,
//! `tests/enrichment.rs`).

use gloo_timers::future::TimeoutFuture;

/// The mock LMS's base URL (`make test` starts it with `--seed 1 --enrollments 300 --today
/// 2026-11-26` and passes its URL as `MOCK_LMS_URL`).
#[allow(dead_code)] // tests/view.rs mounts fixture data and needs no mock
pub const MOCK: &str = match option_env!("MOCK_LMS_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:18081",
};

/// Enrollments in the mock's account.
#[allow(dead_code)]
pub const ENROLLMENTS: usize = 300;

/// Adds the widget's stylesheet to the test page once (it sets the card grid's measures, which
/// the window reads; `mount` and the custom element bring it along in a real page).
pub fn add_stylesheet() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("ec-test-style").is_some() {
        return;
    }
    let style = document.create_element("style").expect("style");
    style.set_id("ec-test-style");
    style.set_text_content(Some(include_str!("../../style/enrollment-cards.css")));
    document
        .head()
        .expect("head")
        .append_child(&style)
        .expect("append");
}

/// Waits (up to `ms`) until `ready` holds, checking every 10 ms; says whether it did.
pub async fn until(ms: u32, ready: impl Fn() -> bool) -> bool {
    for _ in 0..ms / 10 {
        if ready() {
            return true;
        }
        TimeoutFuture::new(10).await;
    }
    ready()
}
