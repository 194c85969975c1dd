//! Helpers shared by the browser tests (`tests/web.rs`, `tests/view.rs`).

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
