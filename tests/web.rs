//! Browser tests (headless Chromium): the API client against the running mock LMS, and the card
//! list mounted in the DOM. `make test` starts the mock and passes its URL as `MOCK_LMS_URL`.

#![cfg(target_arch = "wasm32")]

use enrollment_cards::api::{AccessToken, ApiError, Client, ClientConfig, EnrollmentQuery};
use enrollment_cards::components::{EnrollmentCards, ListSource};
use enrollment_cards::{ParseError, StatusRules};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use time::macros::date;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod browser;
use browser::{until, ENROLLMENTS, MOCK};

wasm_bindgen_test_configure!(run_in_browser);

fn config(endpoint: &str, token: &str) -> ClientConfig {
    ClientConfig::new(endpoint, AccessToken::new(token).expect("a valid token"))
}

fn client() -> Client {
    Client::new(config(MOCK, "demo-token"))
}

/// The endpoint with a fault injected by the mock (`/_fault/{spec}` prefix).
fn faulty(spec: &str) -> String {
    format!("{MOCK}/_fault/{spec}")
}

#[wasm_bindgen_test]
async fn unpaged_200_returns_the_whole_account() {
    let page = client()
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect("200");
    assert_eq!(page.enrollments.len(), ENROLLMENTS);
    assert_eq!(page.next_page_token, None);
    assert!(page.enrollments.iter().any(|e| e.certificate.is_some()));
}

#[wasm_bindgen_test]
async fn bearer_scheme_and_server_side_filters() {
    let all = client()
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect("200");
    let course = all.enrollments[0].course_id.clone();
    let learner = all.enrollments[1].learner_id.clone();
    let mut bearer = config(MOCK, "demo-token");
    bearer.auth_scheme = Some("Bearer".into());
    let query = EnrollmentQuery {
        course_ids: vec![course.clone()],
        learner_ids: vec![],
    };
    let page = Client::new(bearer).fetch_enrollments(&query).await.expect("200");
    assert!(!page.enrollments.is_empty());
    assert!(page.enrollments.iter().all(|e| e.course_id == course));
    let query = EnrollmentQuery {
        course_ids: vec![],
        learner_ids: vec![learner.clone()],
    };
    let page = client().fetch_enrollments(&query).await.expect("200");
    assert_eq!(
        page.enrollments.len(),
        all.enrollments.iter().filter(|e| e.learner_id == learner).count()
    );
}

#[wasm_bindgen_test]
async fn pages_follow_tokens() {
    use enrollment_cards::api::url::PageRequest;
    let client = client();
    let (mut sizes, mut ids, mut token) = (Vec::new(), Vec::new(), None::<String>);
    loop {
        let request = PageRequest {
            size: 120,
            token: token.as_deref(),
        };
        let page = client
            .fetch_page(&EnrollmentQuery::default(), request)
            .await
            .expect("paged 200");
        sizes.push(page.enrollments.len());
        ids.extend(page.enrollments.into_iter().map(|e| e.enrollment_id));
        match page.next_page_token {
            Some(next) => token = Some(next),
            None => break,
        }
    }
    assert_eq!(sizes, vec![120, 120, 60]);
    let unpaged = client
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect("200");
    let expected: Vec<String> = unpaged.enrollments.into_iter().map(|e| e.enrollment_id).collect();
    assert_eq!(ids, expected);
    assert_eq!(client.requests_sent(), 4);
}

#[wasm_bindgen_test]
async fn unauthorized_and_forbidden_carry_their_meaning() {
    let err = Client::new(config(MOCK, "expired-token"))
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect_err("401");
    assert_eq!(err.status(), Some(401));
    assert!(err.to_string().contains("session has expired"), "{err}");
    assert!(
        !err.to_string().contains("expired-token"),
        "the token is never shown"
    );

    let err = Client::new(config(MOCK, "restricted-token"))
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect_err("403");
    assert_eq!(err.status(), Some(403));
    assert!(
        err.to_string().contains("Your role cannot list enrollments"),
        "{err}"
    );
    assert!(matches!(err, ApiError::Status { service: Some(ref s), .. } if s.code == "403"));
}

#[wasm_bindgen_test]
async fn server_errors_and_not_found() {
    let err = Client::new(config(&faulty("status=500"), "demo-token"))
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect_err("500");
    assert_eq!(err.status(), Some(500));
    assert!(
        !err.is_retryable(),
        "a 500 is not retried (429, 502, 503, 504 are)"
    );
    let err = Client::new(config(&faulty("status=503,retry-after=7"), "demo-token"))
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect_err("503");
    assert!(err.is_retryable());
    assert_eq!(err.retry_after(), Some(7), "Retry-After read across origins");
    let err = Client::new(config(&format!("{MOCK}/no-such-api"), "demo-token"))
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect_err("404");
    assert_eq!(err.status(), Some(404));
}

#[wasm_bindgen_test]
async fn time_out() {
    let mut slow = config(&faulty("latency=3000"), "demo-token");
    slow.timeout_ms = 300;
    let err = Client::new(slow)
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect_err("time-out");
    assert_eq!(err, ApiError::Timeout { after_ms: 300 });
}

#[wasm_bindgen_test]
async fn truncated_and_non_xml_bodies() {
    let err = Client::new(config(&faulty("body=truncated"), "demo-token"))
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect_err("truncated");
    assert!(
        matches!(err, ApiError::Body(ParseError::Truncated { .. })),
        "{err:?}"
    );
    let err = Client::new(config(&faulty("body=html"), "demo-token"))
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect_err("html");
    assert!(
        matches!(err, ApiError::Body(ParseError::UnexpectedRoot { .. })),
        "{err:?}"
    );
}

#[wasm_bindgen_test]
async fn network_failure_is_explained() {
    let err = Client::new(config("http://127.0.0.1:9", "demo-token"))
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect_err("refused");
    assert_eq!(err, ApiError::Network);
}

#[wasm_bindgen_test]
async fn a_newer_request_aborts_the_older_one() {
    let shared = Client::new(config(&faulty("latency=1500"), "demo-token"));
    let older = {
        let shared = shared.clone();
        async move { shared.fetch_enrollments(&EnrollmentQuery::default()).await }
    };
    let newer = {
        let shared = shared.clone();
        async move {
            TimeoutFuture::new(50).await;
            shared.set_config(config(MOCK, "demo-token"));
            shared.fetch_enrollments(&EnrollmentQuery::default()).await
        }
    };
    let (older, newer) = futures::join!(older, newer);
    assert_eq!(older, Err(ApiError::Aborted));
    assert_eq!(newer.map(|p| p.enrollments.len()), Ok(ENROLLMENTS));
}

fn container() -> web_sys::HtmlElement {
    browser::add_stylesheet();
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let div = document.create_element("div").expect("div");
    document.body().expect("body").append_child(&div).expect("append");
    div.unchecked_into()
}

fn source(endpoint: &str, token: &str, page_size: Option<u32>) -> ListSource {
    ListSource {
        page_size,
        ..ListSource::new(config(endpoint, token), StatusRules::new(date!(2026 - 11 - 26)))
    }
}

#[wasm_bindgen_test]
async fn cards_view_shows_the_mocks_enrollments() {
    let expected = client()
        .fetch_enrollments(&EnrollmentQuery::default())
        .await
        .expect("200");
    let root = container();
    let list_source = source(MOCK, "demo-token", Some(100));
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EnrollmentCards source=list_source /> },
    );
    let count = || root.query_selector("[data-ec=count]").ok().flatten();
    let total = || count().and_then(|c| c.get_attribute("data-total"));
    assert!(
        until(5_000, || total().as_deref() == Some("300")).await,
        "total {:?}",
        total()
    );
    assert!(
        until(2_000, || root
            .query_selector("[data-ec=progress]")
            .ok()
            .flatten()
            .is_none())
        .await
    );
    assert_eq!(
        count().and_then(|c| c.text_content()).as_deref(),
        Some("300 of 300 enrollments")
    );
    let first = root
        .query_selector("article[data-enrollment-id]")
        .ok()
        .flatten()
        .expect("a card");
    assert_eq!(
        first.get_attribute("data-enrollment-id").as_deref(),
        Some(expected.enrollments[0].enrollment_id.as_str())
    );
    let text = first.text_content().unwrap_or_default();
    assert!(
        text.contains(&expected.enrollments[0].course_id) && text.contains("Access"),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn cards_view_shows_a_readable_error() {
    let root = container();
    let list_source = source(MOCK, "restricted-token", None);
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EnrollmentCards source=list_source /> },
    );
    let error = || root.query_selector("[data-ec=error]").ok().flatten();
    assert!(until(5_000, || error().is_some()).await, "no error panel");
    let panel = error().expect("panel");
    assert_eq!(panel.get_attribute("data-status").as_deref(), Some("403"));
    assert!(panel
        .text_content()
        .unwrap_or_default()
        .contains("Your role cannot list enrollments"));
    assert!(
        !root.inner_html().contains("restricted-token"),
        "the token is never in the DOM"
    );
}

#[wasm_bindgen_test]
async fn one_answer_parsed_in_batches_with_turns_for_the_browser() {
    let mut sizes = Vec::new();
    let read = client()
        .fetch_enrollments_in_batches(&EnrollmentQuery::default(), None, [40, 120], |batch| {
            sizes.push(batch.len())
        })
        .await
        .expect("200");
    assert_eq!(
        (read.count, read.next_page_token, sizes),
        (ENROLLMENTS, None, vec![40, 120, 120, 20])
    );
    let err = Client::new(config(&faulty("body=truncated"), "demo-token"))
        .fetch_enrollments_in_batches(&EnrollmentQuery::default(), None, [50, 50], |_| {})
        .await
        .expect_err("truncated");
    assert!(
        matches!(err, ApiError::Body(ParseError::Truncated { .. })),
        "{err:?}"
    );
}

#[wasm_bindgen_test]
async fn a_page_parsed_in_batches_brings_its_next_token() {
    use enrollment_cards::api::url::PageRequest;
    let client = client();
    let first = PageRequest {
        size: 120,
        token: None,
    };
    let whole = client
        .fetch_page(&EnrollmentQuery::default(), first)
        .await
        .expect("paged 200");
    let (mut sizes, mut ids) = (Vec::new(), Vec::new());
    let read = client
        .fetch_enrollments_in_batches(&EnrollmentQuery::default(), Some(first), [40, 50], |batch| {
            sizes.push(batch.len());
            ids.extend(batch.into_iter().map(|e| e.enrollment_id));
        })
        .await
        .expect("paged 200");
    assert_eq!(sizes, vec![40, 50, 30]);
    assert_eq!(read.count, 120);
    let expected: Vec<String> = whole.enrollments.into_iter().map(|e| e.enrollment_id).collect();
    assert_eq!(ids, expected, "the same enrollments, in order");
    assert!(
        read.next_page_token.is_some(),
        "a first page of 120 out of {ENROLLMENTS} has a next one"
    );
    assert_eq!(read.next_page_token, whole.next_page_token);
}

#[wasm_bindgen_test]
fn dates_follow_the_locale_and_repeat_from_the_memo() {
    use enrollment_cards::i18n::DateFormatter;
    let german = DateFormatter::new(Some("de-DE"));
    let english = DateFormatter::new(Some("en-US"));
    for _ in 0..2 {
        assert_eq!(german.date(date!(2026 - 11 - 26)), "26.11.2026");
        assert_eq!(english.date(date!(2026 - 11 - 26)), "Nov 26, 2026");
        assert_eq!(english.date(date!(2024 - 02 - 29)), "Feb 29, 2024");
    }
    // More distinct days than the memo keeps: it starts over and stays right.
    let start = date!(2000 - 01 - 01);
    let last = (0..5000)
        .map(|n| english.date(start + time::Duration::days(n)))
        .last();
    assert_eq!(last.as_deref(), Some("Sep 8, 2013"));
    assert_eq!(english.date(start), "Jan 1, 2000");
}

#[wasm_bindgen_test]
fn russian_words_numbers_plurals_and_relative_days_come_from_intl() {
    use enrollment_cards::core::display::StatusHint;
    use enrollment_cards::i18n::{Lang, Locale, EN, RU};
    let ru = Locale::new(Some("ru-RU"));
    assert_eq!(ru.lang(), Lang::Ru);
    assert_eq!(ru.tag(), Some("ru-RU"));
    assert_eq!(ru.t().retry, RU.retry);
    // Intl.NumberFormat groups with a (narrow) no-break space in Russian.
    assert_eq!(ru.number(1_500).replace(['\u{a0}', '\u{202f}'], " "), "1 500");
    for (days, want) in [
        (1, "просрочено на 1 день"),
        (3, "просрочено на 3 дня"),
        (5, "просрочено на 5 дней"),
        (21, "просрочено на 21 день"),
    ] {
        assert_eq!(ru.status_hint(StatusHint::Overdue(days)), want);
    }
    assert_eq!(ru.status_hint(StatusHint::Due(1)), "срок завтра");
    assert_eq!(ru.status_hint(StatusHint::Due(3)), "срок через 3 дня");
    assert_eq!(ru.status_hint(StatusHint::Locked(-2)), "заблокировано позавчера");
    let en = Locale::new(Some("en-US"));
    assert_eq!(en.t().retry, EN.retry);
    assert_eq!(en.number(1_500), "1,500");
    assert_eq!(en.status_hint(StatusHint::Due(3)), "due in 3 days");
    assert_eq!(en.status_hint(StatusHint::Due(1)), "due tomorrow");
    assert_eq!(en.status_hint(StatusHint::Starts(-12)), "starts 12 days ago");
    assert_eq!(en.status_hint(StatusHint::Overdue(1)), "overdue by 1 day");
    assert_eq!(en.count(1, &EN.loaded), "Loaded 1 enrollment…");
    // A tag the browser refuses still gives a working formatter (the browser's own).
    let odd = Locale::new(Some("x-not a locale"));
    assert_eq!(odd.lang(), Lang::En);
    assert!(!odd.days(2).is_empty() && !odd.number(7).is_empty());
}

#[wasm_bindgen_test]
async fn paged_cards_show_and_filter_while_later_pages_load() {
    // Three pages of 100, each answered after 400 ms.
    let root = container();
    let list_source = source(&faulty("latency=400"), "demo-token", Some(100));
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <EnrollmentCards source=list_source /> },
    );
    let attr = |selector: &str, name: &str| {
        root.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute(name))
    };
    let loading = || root.query_selector("[data-ec=progress]").ok().flatten().is_some();
    let cards = || {
        root.query_selector_all("article[data-enrollment-id]")
            .map_or(0, |l| l.length())
    };
    assert!(
        until(5_000, || attr("[data-ec=count]", "data-total").as_deref()
            == Some("100"))
        .await
    );
    assert!(loading() && cards() > 0, "first page's cards while loading");

    // Search while the second page is on its way: the filter applies to what arrives next too.
    let input: web_sys::HtmlInputElement = root
        .query_selector("[data-ec=search]")
        .ok()
        .flatten()
        .expect("search field")
        .unchecked_into();
    input.set_value("4a");
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    let shown = || attr("[data-ec=count]", "data-shown").and_then(|s| s.parse::<u32>().ok());
    assert!(
        until(1_000, || shown().is_some_and(|n| n < 100)).await,
        "search applied mid-load"
    );
    assert!(loading(), "still loading after the search");
    let after_first = shown().unwrap_or_default();
    assert!(
        until(5_000, || attr("[data-ec=count]", "data-total").as_deref()
            == Some("200"))
        .await
    );
    assert!(
        shown().is_some_and(|n| n > after_first),
        "matches from page 2 counted"
    );
    assert!(until(5_000, || !loading()).await);
    assert_eq!(attr("[data-ec=count]", "data-total").as_deref(), Some("300"));
}
