//! Browser tests (headless Chromium and Firefox) of the loader against the mock LMS's faults:
//! page-token circles, repeated records, failures that pass on retry, a 401 in the middle of
//! paging, retries running out, bodies too large or never ending, bad tokens, and removal of
//! the widget while work is pending. `make test` starts the mock (300 enrollments) and passes
//! its URL as `MOCK_LMS_URL`.

#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use enrollment_cards::api::{AccessToken, ApiError, ClientConfig, RetryPolicy, TokenProvider};
use enrollment_cards::components::view::WidgetParts;
use enrollment_cards::components::{EnrollmentCards, ListSource, LoadState, ViewEvents};
use enrollment_cards::enrich::EnrichParts;
use enrollment_cards::loader::LoadSummary;
use enrollment_cards::reactive::Tracked;
use enrollment_cards::{ParseError, StatusRules};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use time::macros::date;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod browser;
use browser::{until, ENROLLMENTS, MOCK};

wasm_bindgen_test_configure!(run_in_browser);

/// 20 pages of 15.
const PAGE_SIZE: u32 = 15;

/// The mock with `spec` injected; a unique `id` gives each test its own `times` counters.
fn faulty(spec: &str) -> String {
    let id = (js_sys::Math::random() * 1e12) as u64;
    format!("{MOCK}/_fault/{spec},id={id}")
}

fn source(endpoint: &str, token: &str) -> ListSource {
    let token = AccessToken::new(token).expect("a valid token");
    // The loader alone: names and titles are tested in tests/enrichment.rs.
    ListSource {
        page_size: Some(PAGE_SIZE),
        enrich: EnrichParts::NONE,
        ..ListSource::new(
            ClientConfig::new(endpoint, token),
            StatusRules::new(date!(2026 - 11 - 26)),
        )
    }
}

/// What a mounted widget reported.
#[derive(Default)]
struct Reports {
    loaded: RefCell<Option<LoadSummary>>,
    errors: RefCell<Vec<ApiError>>,
    parts: RefCell<Option<WidgetParts>>,
}

struct Mounted {
    root: web_sys::HtmlElement,
    reports: Rc<Reports>,
    handle: Option<Box<dyn std::any::Any>>,
}

impl Mounted {
    fn loader(&self) -> enrollment_cards::loader::Loader {
        self.reports
            .parts
            .borrow()
            .as_ref()
            .expect("ready")
            .loader
            .clone()
    }

    fn state(&self) -> enrollment_cards::components::CardsState {
        self.reports.parts.borrow().as_ref().expect("ready").state
    }

    fn loaded(&self) -> Option<LoadSummary> {
        *self.reports.loaded.borrow()
    }

    /// Waits (up to `ms`) for the load to finish; its summary, or a panic with the error.
    async fn finished(&self, ms: u32) -> LoadSummary {
        let done = until(ms, || self.loaded().is_some()).await;
        assert!(done, "not loaded: {:?}", self.error());
        self.loaded().expect("loaded")
    }

    fn error(&self) -> Option<ApiError> {
        self.reports.errors.borrow().last().cloned()
    }

    fn total(&self) -> usize {
        self.state().with_store(|s| s.len()).unwrap_or(0)
    }

    fn click(&self, selector: &str) {
        let element: web_sys::HtmlElement = self
            .root
            .query_selector(selector)
            .ok()
            .flatten()
            .expect("element to click")
            .unchecked_into();
        element.click();
    }

    /// Unmounts the widget and lets go of its parts; the loader should then be gone as soon as
    /// its task has been dropped.
    fn unmount(&mut self) -> enrollment_cards::loader::WeakLoader {
        let weak = self.loader().downgrade();
        self.reports.parts.replace(None);
        drop(self.handle.take());
        weak
    }
}

fn mount(source: ListSource) -> Mounted {
    browser::add_stylesheet();
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let root: web_sys::HtmlElement = document.create_element("div").expect("div").unchecked_into();
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let reports = Rc::new(Reports::default());
    let shared = SendWrapper::new(reports.clone());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let (a, b, c) = (shared.clone(), shared.clone(), shared.clone());
        let events = ViewEvents {
            loaded: Some(Callback::new(move |s| {
                a.loaded.replace(Some(s));
            })),
            error: Some(Callback::new(move |e| b.errors.borrow_mut().push(e))),
            ready: Some(Callback::new(move |p| {
                c.parts.replace(Some(p));
            })),
            ..ViewEvents::default()
        };
        view! { <EnrollmentCards source events /> }
    });
    Mounted {
        root,
        reports,
        handle: Some(Box::new(handle)),
    }
}

#[wasm_bindgen_test]
async fn a_page_token_circle_ends_with_paging_loop_keeping_what_loaded() {
    let widget = mount(source(&faulty("cycle=3"), "demo-token"));
    assert!(until(5_000, || widget.error().is_some()).await);
    assert_eq!(widget.error(), Some(ApiError::PagingLoop { pages: 3 }));
    assert_eq!(widget.total(), 3 * PAGE_SIZE as usize, "the three pages stay");
    assert_eq!(
        widget.loader().requests_sent(),
        3,
        "nothing followed after the repeat"
    );
    let panel = widget
        .root
        .query_selector("[data-ec=error]")
        .ok()
        .flatten()
        .expect("panel");
    assert!(panel
        .text_content()
        .unwrap_or_default()
        .contains("run in a circle"));
}

#[wasm_bindgen_test]
async fn the_page_cap_stops_a_listing_that_does_not_end() {
    let mut limited = source(MOCK, "demo-token");
    limited.policy = RetryPolicy {
        max_pages: 4,
        ..RetryPolicy::default()
    };
    let widget = mount(limited);
    assert!(until(5_000, || widget.error().is_some()).await);
    assert_eq!(widget.error(), Some(ApiError::TooManyPages { pages: 4 }));
    assert_eq!(widget.total(), 4 * PAGE_SIZE as usize);
}

#[wasm_bindgen_test]
async fn records_repeated_across_and_within_pages_are_counted_once_later_winning() {
    // Each page after the first starts with the last 3 of the one before; each page ends with
    // copies of its first 2 records (due 2099-12-31).
    let widget = mount(source(&faulty("overlap=3,repeat=2"), "demo-token"));
    let summary = widget.finished(8_000).await;
    assert_eq!(summary.count, ENROLLMENTS);
    let pages = summary.pages as usize;
    assert!(pages > 20, "overlapping pages advance less: {pages}");
    assert_eq!(summary.duplicates, 3 * (pages - 1) + 2 * pages);
    assert_eq!(widget.total(), ENROLLMENTS);
    let last_due = widget.state().with_store(|s| {
        let first = s.enrollment(0).expect("row 0");
        first.due_date
    });
    assert_eq!(
        last_due.flatten(),
        Some(date!(2099 - 12 - 31)),
        "the later record won"
    );
    let note = widget.root.query_selector("[data-ec=duplicates]").ok().flatten();
    assert_eq!(
        note.and_then(|n| n.get_attribute("data-count")),
        Some(summary.duplicates.to_string())
    );
}

#[wasm_bindgen_test]
async fn a_503_on_page_7_of_20_is_retried_and_every_page_appended_once() {
    let widget = mount(source(&faulty("page=7,status=503,times=1"), "demo-token"));
    let summary = widget.finished(10_000).await;
    assert_eq!(
        (summary.count, summary.pages, summary.duplicates),
        (ENROLLMENTS, 20, 0)
    );
    assert_eq!(
        widget.loader().requests_sent(),
        21,
        "page 7 twice, every other page once"
    );
    assert!(widget.error().is_none());
}

#[wasm_bindgen_test]
async fn retry_after_is_honoured() {
    // Page 2 answers 429 once, asking for a second; back-off alone would wait 375–625 ms.
    let widget = mount(source(
        &faulty("page=2,status=429,times=1,retry-after=1"),
        "demo-token",
    ));
    let retrying = || matches!(widget.state().load.get_untracked(), LoadState::Retrying { .. });
    assert!(until(5_000, retrying).await, "{:?}", widget.error());
    let waiting_since = js_sys::Date::now();
    assert!(until(5_000, || !retrying()).await);
    let waited = js_sys::Date::now() - waiting_since;
    assert!(waited >= 950.0, "waited {waited} ms, not the second asked for");
    assert_eq!(widget.finished(10_000).await.count, ENROLLMENTS);
}

#[wasm_bindgen_test]
async fn a_502_and_a_504_are_retried() {
    let widget = mount(source(
        &faulty("page=3,status=502,times=1,retry-after=0"),
        "demo-token",
    ));
    let summary = widget.finished(10_000).await;
    assert_eq!((summary.count, summary.pages), (ENROLLMENTS, 20));
    let widget = mount(source(
        &faulty("page=4,status=504,times=1,retry-after=0"),
        "demo-token",
    ));
    let summary = widget.finished(10_000).await;
    assert_eq!((summary.count, summary.pages), (ENROLLMENTS, 20));
    assert_eq!(widget.loader().requests_sent(), 21);
}

#[wasm_bindgen_test]
async fn a_401_without_a_provider_stops_with_what_loaded() {
    let widget = mount(source(&faulty("page=5,status=401"), "demo-token"));
    assert!(until(5_000, || widget.error().is_some()).await);
    assert_eq!(widget.error().and_then(|e| e.status()), Some(401));
    assert_eq!(widget.total(), 4 * PAGE_SIZE as usize);
    assert_eq!(widget.loader().requests_sent(), 5, "a 401 is not retried");
}

#[wasm_bindgen_test]
async fn a_401_mid_paging_asks_the_provider_once_and_resumes() {
    static CALLS: AtomicU32 = AtomicU32::new(0);
    let mut with_provider = source(&faulty("page=5,status=401,times=1"), "demo-token");
    with_provider.token_provider = Some(TokenProvider::new(|| {
        CALLS.fetch_add(1, Ordering::SeqCst);
        Box::pin(async { Ok("demo-token".to_owned()) })
    }));
    let widget = mount(with_provider);
    widget.finished(10_000).await;
    assert_eq!(CALLS.load(Ordering::SeqCst), 1);
    let summary = widget.loaded().expect("loaded");
    assert_eq!(
        (summary.count, summary.pages, summary.duplicates),
        (ENROLLMENTS, 20, 0)
    );
    assert_eq!(widget.loader().requests_sent(), 21);
}

#[wasm_bindgen_test]
async fn when_retries_run_out_what_loaded_stays_and_retry_resumes() {
    // Page 7 fails three times; one retry allowed: the load stops after 6 pages.
    let mut impatient = source(&faulty("page=7,status=503,times=3,retry-after=0"), "demo-token");
    impatient.policy = RetryPolicy {
        attempts: 1,
        ..RetryPolicy::default()
    };
    let widget = mount(impatient);
    assert!(until(10_000, || widget.error().is_some()).await);
    assert_eq!(widget.error().and_then(|e| e.status()), Some(503));
    assert_eq!(widget.total(), 6 * PAGE_SIZE as usize);
    assert!(widget
        .root
        .query_selector("[data-ec=partial]")
        .ok()
        .flatten()
        .is_some());
    let sent = widget.loader().requests_sent();
    assert_eq!(sent, 6 + 2);
    // Retry: page 7 fails a third time, its retry passes, and pages 8 to 20 follow.
    widget.click("[data-ec=retry]");
    let summary = widget.finished(10_000).await;
    assert_eq!((summary.count, summary.duplicates), (ENROLLMENTS, 0));
    assert_eq!(
        widget.loader().requests_sent(),
        sent + 2 + 13,
        "resumed at page 7"
    );
}

#[wasm_bindgen_test]
async fn a_body_over_the_limit_is_cut_off_while_it_streams() {
    // 3 MB without Content-Length, trickling in 4 KiB chunks 2 ms apart (so browsers hand it
    // over in pieces rather than buffering it first).
    let mut small = source(&faulty("pad=3000000,drip=2"), "demo-token");
    small.page_size = None;
    small.config.max_body_bytes = 1 << 20;
    let widget = mount(small);
    assert!(until(10_000, || widget.error().is_some()).await);
    match widget.error() {
        Some(ApiError::TooLarge { bytes, limit }) => {
            assert_eq!(limit, 1 << 20);
            assert!(
                bytes > limit && bytes < limit + (1 << 20),
                "stopped at the limit: {bytes}"
            );
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn an_answer_announced_over_the_limit_is_refused_before_it_is_read() {
    let mut small = source(MOCK, "demo-token");
    small.page_size = None;
    small.config.max_body_bytes = 10_000;
    let widget = mount(small);
    assert!(until(5_000, || widget.error().is_some()).await);
    match widget.error() {
        Some(ApiError::TooLarge { bytes, limit }) => {
            assert_eq!(limit, 10_000);
            assert!(
                bytes > 100_000,
                "the announced length of the whole answer: {bytes}"
            );
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_never_ending_body_times_out() {
    let mut endless = source(&faulty("body=endless"), "demo-token");
    endless.page_size = None;
    endless.config.timeout_ms = 1_500;
    endless.policy.attempts = 0;
    let widget = mount(endless);
    assert!(until(10_000, || widget.error().is_some()).await);
    assert_eq!(widget.error(), Some(ApiError::Timeout { after_ms: 1_500 }));
}

#[wasm_bindgen_test]
async fn without_credentials_the_widget_waits_then_loads_when_a_token_arrives() {
    let widget = mount(source(MOCK, ""));
    assert!(until(2_000, || widget.reports.parts.borrow().is_some()).await);
    assert!(
        until(1_000, || widget
            .root
            .query_selector("[data-ec=waiting]")
            .ok()
            .flatten()
            .is_some())
        .await
    );
    assert_eq!(widget.loader().requests_sent(), 0, "no unauthenticated request");
    widget.loader().set_token(AccessToken::new("demo-token"));
    widget.finished(5_000).await;
    assert_eq!(widget.loaded().map(|s| s.count), Some(ENROLLMENTS));
}

#[wasm_bindgen_test]
async fn a_new_token_never_reloads_and_a_bad_one_is_an_error_without_the_token() {
    let widget = mount(source(MOCK, "demo-token"));
    widget.finished(5_000).await;
    let sent = widget.loader().requests_sent();
    widget
        .loader()
        .set_token(AccessToken::new("demo-token-refreshed"));
    assert!(
        !until(300, || widget.loader().requests_sent() != sent).await,
        "no request"
    );
    assert_eq!(widget.state().load.get_untracked(), LoadState::Done);

    widget.loader().set_token(AccessToken::new("abc\r\ndef"));
    assert!(until(2_000, || widget.error().is_some()).await);
    let error = widget.error().expect("error");
    assert!(matches!(error, ApiError::InvalidToken(_)), "{error:?}");
    assert!(!error.to_string().contains("abc"));
    assert_eq!(widget.total(), ENROLLMENTS, "what loaded stays");
    assert_eq!(widget.loader().requests_sent(), sent);
}

#[wasm_bindgen_test]
async fn a_good_token_after_a_refused_one_picks_up_where_loading_stood() {
    // Loaded: the list stays and is complete again, without a request.
    let widget = mount(source(MOCK, "demo-token"));
    widget.finished(5_000).await;
    let sent = widget.loader().requests_sent();
    widget.loader().set_token(AccessToken::new("bad\ntoken"));
    assert!(until(2_000, || widget.error().is_some()).await);
    widget.loader().set_token(AccessToken::new("demo-token"));
    assert!(until(2_000, || widget.state().load.get_untracked() == LoadState::Done).await);
    assert_eq!(widget.loader().requests_sent(), sent);
    assert_eq!(widget.total(), ENROLLMENTS);

    // Paging: it resumes from the page it stopped at; each page is appended once.
    let widget = mount(source(&faulty("latency=100"), "demo-token"));
    assert!(until(5_000, || widget.total() >= 3 * PAGE_SIZE as usize).await);
    widget.loader().set_token(AccessToken::new("bad\ntoken"));
    assert!(until(2_000, || widget.error().is_some()).await);
    let kept = widget.total();
    assert!(kept < ENROLLMENTS);
    widget
        .loader()
        .set_token(AccessToken::new("demo-token-refreshed"));
    let summary = widget.finished(10_000).await;
    assert_eq!((summary.count, summary.duplicates), (ENROLLMENTS, 0));
    assert!(summary.pages >= 20);
}

#[wasm_bindgen_test]
async fn removal_while_the_provider_is_pending_sends_nothing_and_runs_nothing() {
    let calls = Arc::new(AtomicU32::new(0));
    let mut pending = source(MOCK, "");
    let counter = calls.clone();
    pending.token_provider = Some(TokenProvider::new(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        // Answers five seconds later, long after the widget is gone.
        Box::pin(async {
            gloo_timers::future::TimeoutFuture::new(5_000).await;
            Ok("demo-token".to_owned())
        })
    }));
    let mut widget = mount(pending);
    assert!(until(1_000, || calls.load(Ordering::SeqCst) == 1).await);
    let loader = widget.unmount();
    // The task waiting for the provider was dropped with the widget: nothing holds the loader.
    assert!(
        until(1_000, || loader.is_gone()).await,
        "the load task outlived its widget"
    );
    // And the module still works: a new widget loads.
    let next = mount(source(MOCK, "demo-token"));
    next.finished(5_000).await;
}

#[wasm_bindgen_test]
async fn removal_while_paging_aborts_and_sends_no_more() {
    let mut widget = mount(source(&faulty("latency=150"), "demo-token"));
    assert!(until(5_000, || widget.total() >= 2 * PAGE_SIZE as usize).await);
    let loader = widget.unmount();
    assert!(
        until(2_000, || loader.is_gone()).await,
        "the paging task outlived its widget"
    );
}

#[wasm_bindgen_test]
async fn removal_while_a_large_answer_is_parsed_stops_the_parsing() {
    // 40,000 enrollments in one answer, parsed 5,000 at a time with a turn for the browser
    // between batches.
    let mut large = source(&faulty("many=40000"), "demo-token");
    large.page_size = None;
    let mut widget = mount(large);
    assert!(until(20_000, || widget.total() > 0).await, "{:?}", widget.error());
    let parsed = widget.total();
    assert!(parsed < 40_000, "still parsing when removed ({parsed})");
    let state = widget.state();
    let loader = widget.unmount();
    assert!(
        until(2_000, || loader.is_gone()).await,
        "the parsing task outlived its widget"
    );
    assert_eq!(state.with_store(|s| s.len()), None, "the state is gone");
}

#[wasm_bindgen_test]
async fn the_first_request_goes_out_before_the_filter_bar_and_count_are_built_while_idle() {
    let widget = mount(source(&faulty("latency=300"), "demo-token"));
    let built = |selector: &str| widget.root.query_selector(selector).ok().flatten().is_some();
    assert!(built("[data-ec=loading]"), "the mount shows the loading panel");
    assert!(
        !built("[data-ec=search]") && !built("[data-ec=count]"),
        "and builds nothing else before the first request"
    );
    // The loader's task sends the request in the microtasks after the mount; the filter bar and
    // the count are built when the page is next idle, long before the slow first page arrives.
    gloo_timers::future::TimeoutFuture::new(0).await;
    assert_eq!(widget.loader().requests_sent(), 1);
    assert!(until(200, || built("[data-ec=search]") && built("[data-ec=count]")).await);
    assert_eq!(widget.total(), 0, "the first page is still on its way");
    assert!(until(5_000, || widget.total() > 0).await);
}

/// Keeps the page busy with a queue of short tasks, so it has no idle moment, until the
/// function returned is called.
fn keep_busy() -> impl FnOnce() {
    let start = js_sys::Function::new_no_args(
        "const channel = new MessageChannel();
         let busy = true;
         channel.port1.onmessage = () => {
           if (!busy) return;
           const until = performance.now() + 2;
           while (performance.now() < until) {}
           channel.port2.postMessage(0);
         };
         channel.port2.postMessage(0);
         return () => { busy = false; channel.port1.close(); };",
    );
    let stop: js_sys::Function = start.call0(&JsValue::NULL).expect("spinner").unchecked_into();
    move || {
        stop.call0(&JsValue::NULL).expect("stop");
    }
}

/// Resolves at the page's next idle moment.
async fn idle() {
    let wait =
        js_sys::Function::new_no_args("return new Promise((done) => requestIdleCallback(() => done()))");
    let promise: js_sys::Promise = wait.call0(&JsValue::NULL).expect("idle").unchecked_into();
    wasm_bindgen_futures::JsFuture::from(promise).await.expect("idle");
}

#[wasm_bindgen_test]
async fn work_after_the_next_paint_waits_for_an_idle_moment_on_a_busy_page() {
    // A first page's rest is stored after `next_paint`: once its frame is painted and the page
    // is idle, so a task already waiting (a host's, the next input) goes first. Its stand-in
    // timer for hidden tabs is due by then on a page busy for longer than it waits; it must not
    // run the work ahead of that task.
    let order = Rc::new(RefCell::new(Vec::new()));
    wasm_bindgen_futures::spawn_local({
        let order = order.clone();
        async move {
            enrollment_cards::idle::next_paint().await;
            order.borrow_mut().push("work");
        }
    });
    // Let the spawned task ask for the frame, then keep the page busy past the stand-in's wait.
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
        .await
        .expect("microtask");
    let busy = js_sys::Function::new_no_args(
        "const until = performance.now() + 250; while (performance.now() < until) {}",
    );
    busy.call0(&JsValue::NULL).expect("busy");
    // A task queued in the same frame, after the paint.
    let queue = js_sys::Function::new_with_args(
        "push",
        "requestAnimationFrame(() => {
           const channel = new MessageChannel();
           channel.port1.onmessage = () => { push(); channel.port1.close(); };
           channel.port2.postMessage(0);
         });",
    );
    let push = wasm_bindgen::closure::Closure::once_into_js({
        let order = order.clone();
        move || order.borrow_mut().push("queued task")
    });
    queue.call1(&JsValue::NULL, &push).expect("queue");
    assert!(until(2_000, || order.borrow().len() == 2).await);
    assert_eq!(*order.borrow(), ["queued task", "work"]);
}

#[wasm_bindgen_test]
async fn the_controls_built_with_the_first_cards_are_not_built_again_when_the_page_goes_idle() {
    // No idle moment before the first cards: the filter bar and the count come with them.
    let stop = keep_busy();
    let widget = mount(source(MOCK, "demo-token"));
    let find = |selector: &str| widget.root.query_selector(selector).ok().flatten();
    let built = until(5_000, || {
        widget.total() > 0 && find("[data-ec=status-chip]").is_some()
    })
    .await;
    stop();
    assert!(built, "the first cards and the filter bar");
    let (chip, search) = (find("[data-ec=status-chip]"), find("[data-ec=search]"));
    let search_input: web_sys::HtmlElement = search.clone().expect("search").unchecked_into();
    search_input.focus().expect("focus");
    // The idle moment that would have built them comes now, and then the rest of the load.
    idle().await;
    widget.finished(5_000).await;
    idle().await;
    let same = |before: &Option<web_sys::Element>, selector: &str| {
        before
            .as_ref()
            .is_some_and(|b| b.is_connected() && find(selector).is_some_and(|now| now.is_same_node(Some(b))))
    };
    assert!(
        same(&chip, "[data-ec=status-chip]"),
        "the status chips are the ones first built"
    );
    assert!(
        same(&search, "[data-ec=search]"),
        "the search field is the one first built"
    );
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    assert!(
        active.is_some_and(|a| search.as_ref().is_some_and(|s| s.is_same_node(Some(&a)))),
        "the search field keeps the focus"
    );
}

#[wasm_bindgen_test]
async fn a_loads_first_cards_are_stored_and_shown_before_the_rest_of_its_first_answer() {
    for page_size in [Some(250), None] {
        let widget = mount(ListSource {
            page_size,
            ..source(MOCK, "demo-token")
        });
        // What the store held each time the view was told of new data.
        let seen = Rc::new(RefCell::new(Vec::new()));
        let state = widget.state();
        let owner = Owner::new();
        owner.with(|| {
            let seen = seen.clone();
            Effect::new(move || {
                state.version.track();
                seen.borrow_mut().push(state.with_store(|s| s.len()).unwrap_or(0));
            });
        });
        let summary = widget.finished(5_000).await;
        assert_eq!(summary.count, ENROLLMENTS, "{page_size:?}");
        let seen = seen.borrow().clone();
        assert_eq!(
            seen.iter().find(|&&n| n > 0),
            Some(&100),
            "{page_size:?}: the first 100 are shown on their own: {seen:?}"
        );
        assert_eq!(seen.last(), Some(&ENROLLMENTS), "{page_size:?}: {seen:?}");
        let cards = widget
            .root
            .query_selector_all("[data-enrollment-id]")
            .expect("cards")
            .length();
        assert!(cards > 0, "{page_size:?}: cards shown");
    }
}

#[wasm_bindgen_test]
async fn removal_between_a_loads_first_cards_and_the_rest_of_its_first_page_ends_it() {
    let mut widget = mount(ListSource {
        page_size: Some(250),
        ..source(MOCK, "demo-token")
    });
    let state = widget.state();
    let loader = widget.loader().downgrade();
    widget.reports.parts.replace(None);
    let handle = Rc::new(RefCell::new(widget.handle.take()));
    // Removed as soon as the view is told of the first cards: before their frame, while the
    // loader waits to store the rest of the page.
    let shown = Rc::new(Cell::new(0));
    let owner = Owner::new();
    owner.with(|| {
        let (handle, shown) = (handle.clone(), shown.clone());
        Effect::new(move || {
            state.version.track();
            let stored = state.with_store(|s| s.len()).unwrap_or(0);
            if stored > 0 && shown.get() == 0 {
                shown.set(stored);
                let handle = handle.clone();
                leptos::task::spawn_local(async move {
                    drop(handle.borrow_mut().take());
                });
            }
        });
    });
    assert!(
        until(5_000, || loader.is_gone()).await,
        "the loader outlived its widget"
    );
    assert_eq!(
        shown.get(),
        100,
        "removed while the first 100 were shown on their own"
    );
    assert_eq!(state.with_store(|s| s.len()), None, "the state is gone");
    // The frame and the idle moment the loader waited for come and go without it.
    gloo_timers::future::TimeoutFuture::new(300).await;
    let again = mount(source(MOCK, "demo-token"));
    assert_eq!(
        again.finished(5_000).await.count,
        ENROLLMENTS,
        "the module still works"
    );
}

#[wasm_bindgen_test]
async fn a_reload_and_a_new_token_between_a_loads_first_cards_and_the_rest_start_clean() {
    let widget = mount(ListSource {
        page_size: Some(250),
        ..source(MOCK, "demo-token")
    });
    let (state, loader) = (widget.state(), widget.loader());
    // As a host re-configuring the element does, the moment the first cards are shown: a new
    // token, then a new load (the store emptied, the old load's task ended).
    let reloaded = Rc::new(Cell::new(false));
    let owner = Owner::new();
    owner.with(|| {
        let reloaded = reloaded.clone();
        Effect::new(move || {
            state.version.track();
            let stored = state.with_store(|s| s.len()).unwrap_or(0);
            if stored == 100 && !reloaded.get() {
                reloaded.set(true);
                let loader = loader.clone();
                leptos::task::spawn_local(async move {
                    loader.set_token(AccessToken::new("demo-token-refreshed"));
                    loader.start();
                });
            }
        });
    });
    let summary = widget.finished(5_000).await;
    assert!(
        reloaded.get(),
        "reloaded while the first 100 were shown on their own"
    );
    assert_eq!(summary.count, ENROLLMENTS);
    assert_eq!(widget.total(), ENROLLMENTS);
    assert_eq!(
        state.with_store(|s| s.duplicates()),
        Some(0),
        "nothing of the first load's page came in after the reload"
    );
    assert_eq!(widget.error(), None);
}

#[wasm_bindgen_test]
async fn a_first_page_malformed_after_its_first_cards_keeps_them_and_retry_starts_over() {
    // The first page's XML cut in half: its first 100 enrollments are parsed and shown before
    // the rest, which fails. A Retry then loads from scratch: none of the 100 is stored twice.
    let widget = mount(ListSource {
        page_size: Some(250),
        ..source(&faulty("page=1,body=truncated,times=1"), "demo-token")
    });
    assert!(until(5_000, || widget.error().is_some()).await);
    assert!(
        matches!(widget.error(), Some(ApiError::Body(ParseError::Truncated { .. }))),
        "{:?}",
        widget.error()
    );
    assert_eq!(widget.total(), 100, "the first cards stay beside the error");
    widget.click("[data-ec=retry]");
    let summary = widget.finished(5_000).await;
    assert_eq!(summary.count, ENROLLMENTS);
    assert_eq!(summary.duplicates, 0, "the first 100 were not stored again");
    assert_eq!(widget.total(), ENROLLMENTS);
}
