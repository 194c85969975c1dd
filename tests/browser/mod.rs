//! Helpers shared by the browser tests (`tests/web.rs`, `tests/view.rs`).

use gloo_timers::future::TimeoutFuture;

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
