//! A rehearsal of the first load while the page is idle. The first widget on a page otherwise
//! pays, between its creation and its first card, for compiling every function of its first load
//! (the browser compiles WebAssembly lazily, on first call: about 4,000 functions, 55–70 ms on
//! the benchmark machine) and for loading the locale's `Intl` data (about 20 ms). When the module
//! is loaded before the element is created, that idle time is spent here instead: a detached
//! widget without a token (it requests nothing) is shown two enrollments, builds its filter bar,
//! count and cards, and is removed. Nothing happens once a real widget exists.

use std::cell::Cell;

use super::mount::WidgetHandle;
use crate::core::parse::parse_enrollments;

/// Two enrollments as the live service sends them: one with a certificate and one without.
const REHEARSAL: &str = r#"<response><enrollments>
<enrollment><enrollmentId>fc1fc35c-040d-11ed-a2ba-b6f58d6fa7b5</enrollmentId><courseId>1cf62af4-02c3-11ed-8874-3ebfbdfaeb70</courseId><learnerId>d9261766-040d-11ed-ae50-da994e0c8f89</learnerId><accessDate>2022-07-14</accessDate><enrollmentTypeGroup>0</enrollmentTypeGroup><shouldLockAfterDueDate>0</shouldLockAfterDueDate><certificate><issuedCertificateId>66b4ed00-040e-11ed-a8a2-b6f58d6fa7b5</issuedCertificateId><issueDate>2022-07-15T07:19:00+00:00</issueDate><expiryDate>2023-07-15T07:21:00+00:00</expiryDate></certificate></enrollment>
<enrollment><enrollmentId>0b7e1a9e-5c2f-11ee-8c99-0242ac120002</enrollmentId><courseId>1cf62af4-02c3-11ed-8874-3ebfbdfaeb70</courseId><learnerId>3f2a6c1e-5c2f-11ee-8c99-0242ac120002</learnerId><accessDate>2023-09-01</accessDate><dueDate>2023-10-01</dueDate><expirationDate>2023-10-15</expirationDate><enrollmentTypeGroup>1</enrollmentTypeGroup><shouldLockAfterDueDate>1</shouldLockAfterDueDate></enrollment>
</enrollments><nextPageToken></nextPageToken></response>"#;

thread_local! {
    /// A widget has been mounted on this page (it compiled what the rehearsal would).
    static WIDGET_MOUNTED: Cell<bool> = const { Cell::new(false) };
}

/// Records that a host mounted a widget: no rehearsal after that.
pub(super) fn widget_mounted() {
    WIDGET_MOUNTED.with(|m| m.set(true));
}

/// Runs the rehearsal when the page is next idle.
pub(super) fn schedule() {
    crate::idle::when_idle(Box::new(rehearse));
}

/// Shows [`REHEARSAL`] in a detached widget, then removes it once its deferred work has run.
fn rehearse() {
    if WIDGET_MOUNTED.with(Cell::get) {
        return;
    }
    let Some(mut widget) = WidgetHandle::detached() else {
        return;
    };
    if let (Some(state), Ok(page)) = (widget.state(), parse_enrollments(REHEARSAL)) {
        state.append(page.enrollments);
    }
    // Without a token the filter bar and count were built with the mount; the cards (effects)
    // and the date formatter (a timer) come in the tasks after this one.
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        gloo_timers::future::TimeoutFuture::new(0).await;
        widget.unmount();
    });
}
