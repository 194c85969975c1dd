//! A million enrollments (the browser benchmark's account: 100,000 learners, 200 courses),
//! in process with `oneshot`: the account is generated in about a second, a page costs its own
//! items whatever the size of the account (counted in enrollments drawn, not timed), the last
//! page is reached by following the tokens, and the pages are those of a smaller account of the
//! same seed and sizes as far as it goes.

use std::collections::HashSet;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use mock_lms::data::BLOCK;
use mock_lms::query::PageToken;
use mock_lms::server::{app, AppState, Settings};
use mock_lms::{Account, Dataset, GeneratorConfig, Sizes};
use tower::ServiceExt;

const MILLION: usize = 1_000_000;

/// The benchmark's sizes: ten enrollments a learner at a million.
const SIZES: Sizes = Sizes {
    learners: Some(100_000),
    courses: Some(200),
};

fn config(enrollments: usize) -> GeneratorConfig {
    GeneratorConfig {
        seed: 42,
        enrollments,
        today: time::macros::date!(2026 - 11 - 26),
    }
}

/// The mock serving an account of `enrollments` of [`SIZES`], and its state (to read what was
/// drawn).
fn mock(enrollments: usize) -> (Router, Arc<AppState>) {
    let account = Account::generate_with(config(enrollments), SIZES);
    assert_eq!(account.drawn(), 0);
    let state = Arc::new(AppState::new(account, Settings::default()));
    (app(state.clone(), None), state)
}

/// `GET uri` with the demo token; it must succeed.
async fn get(app: &Router, uri: &str) -> String {
    let request = Request::get(uri)
        .header(header::AUTHORIZATION, "demo-token")
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = String::from_utf8(bytes.to_vec()).unwrap();
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    body
}

/// `GET uri`, and how many enrollments answering it drew.
async fn get_counted(app: &Router, state: &AppState, uri: &str) -> (String, u64) {
    let before = state.data.drawn();
    let body = get(app, uri).await;
    (body, state.data.drawn() - before)
}

/// The contents of every `<tag>…</tag>` in `text`, in order.
fn all<'a>(text: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    text.split(open.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once(close.as_str()))
        .map(|(inner, _)| inner)
        .collect()
}

/// The `<nextPageToken>` of a listing (the last element of its body), unless empty.
fn next_token(body: &str) -> Option<String> {
    let (_, tail) = body.rsplit_once("<nextPageToken>")?;
    let (token, _) = tail.split_once("</nextPageToken>")?;
    Some(token.to_owned()).filter(|t| !t.is_empty())
}

/// The URI of page `page` (1 = the first) of `size` items of `path` (which has a query), as
/// the server's own tokens name it.
fn page_uri(path: &str, size: usize, page: usize) -> String {
    match page {
        1 => format!("{path}&pageSize={size}"),
        _ => {
            let token = PageToken {
                page: page as u32,
                offset: (page - 1) * size,
            };
            format!("{path}&pageSize={size}&pageToken={}", token.encode())
        }
    }
}

/// The first, a middle and the last page of 1,000 enrollments, results (active learners', and
/// everyone's) and users draw at most the page (results: the enrollments among which its
/// results are) and less than a block to reach it, at ten thousand enrollments and at a
/// million alike; users and contents draw none.
#[tokio::test]
async fn a_page_draws_only_its_own_enrollments_at_any_size() {
    const SIZE: usize = 1000;
    for n in [10_000, MILLION] {
        let (app, state) = mock(n);
        let last = n / SIZE;
        for page in [1, 2, last / 2, last] {
            let uri = page_uri("/enrollments?x=1", SIZE, page);
            let (body, drawn) = get_counted(&app, &state, &uri).await;
            assert_eq!(all(&body, "enrollmentId").len(), SIZE, "{uri}");
            assert_eq!(next_token(&body).is_none(), page == last, "{uri}");
            assert!(drawn < (SIZE + BLOCK) as u64, "{n}: {drawn} drawn for {uri}");

            // Results: about 7 in 10 enrollments have one from an active learner, 9 in 10 from
            // anyone; so at most twice the page, and the block of its first result.
            for statuses in ["", "&userStatuses=1,3,5"] {
                let path = format!("/learners/results?x=1{statuses}");
                let uri = page_uri(&path, SIZE, page / 2 + 1);
                let (body, drawn) = get_counted(&app, &state, &uri).await;
                assert_eq!(all(&body, "enrollmentId").len(), SIZE, "{uri}");
                assert!(drawn < (2 * SIZE + BLOCK) as u64, "{n}: {drawn} drawn for {uri}");
            }
        }
        for uri in [
            page_uri("/users/v2?x=1", 10_000, 10),
            "/contents?pageSize=10000".into(),
        ] {
            let (body, drawn) = get_counted(&app, &state, &uri).await;
            assert!(!body.is_empty());
            assert_eq!(drawn, 0, "{uri}");
        }
        // Filtered by learner: their enrollments (ten at a million) are drawn, not the account.
        let learner = state.data.learners[77].id.clone();
        let uri = format!("/enrollments?learnerIds={learner}");
        let (body, drawn) = get_counted(&app, &state, &uri).await;
        let expected = n.div_ceil(100_000);
        assert_eq!(all(&body, "learnerId"), vec![learner.as_str(); expected]);
        assert!(drawn <= (expected * BLOCK) as u64, "{drawn} drawn for {uri}");
    }
}

/// Every page of a million enrollments, 10,000 at a time, following `nextPageToken`: the last
/// page is reached, every enrollment comes once and in order (each page starts and ends where
/// the account has it; every 25th page's IDs are checked unique), and the first pages are
/// byte for byte those of an account of 30,000 enrollments of the same seed and sizes (the
/// generator draws enrollments in order, so a larger account only adds to a smaller one); so
/// are the enrollments a [`Dataset`] of the same seed and sizes keeps.
#[tokio::test]
async fn the_last_of_a_million_is_reached_by_following_the_tokens() {
    let (app, state) = mock(MILLION);
    let (small, _) = mock(30_000);
    let (mut token, mut pages) = (None::<String>, 0);
    let last = loop {
        let uri = match &token {
            None => "/enrollments?pageSize=10000".to_owned(),
            Some(token) => format!("/enrollments?pageSize=10000&pageToken={token}"),
        };
        let body = get(&app, &uri).await;
        pages += 1;
        let ids = all(&body, "enrollmentId");
        assert_eq!(ids.len(), 10_000, "page {pages}");
        let offset = (pages - 1) * 10_000;
        let ends = state.data.enrollments_at([offset, offset + 9_999]).map(|e| e.id);
        assert!(ends.eq([ids[0], ids[9_999]]), "page {pages}");
        if pages % 25 == 1 {
            assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 10_000, "page {pages}");
        }
        if pages <= 2 {
            assert_eq!(body, get(&small, &uri).await, "page {pages}");
        }
        token = next_token(&body);
        if token.is_none() {
            break body;
        }
        assert!(pages < 200, "the tokens end");
    };
    assert_eq!(pages, 100);
    let expected: Vec<String> = state
        .data
        .enrollments(MILLION - 10_000..MILLION)
        .map(|e| e.id)
        .collect();
    assert_eq!(all(&last, "enrollmentId"), expected);

    // Results and users too: the first pages are the smaller account's.
    for uri in [
        "/learners/results?pageSize=5000&userStatuses=1,3,5",
        "/learners/results?pageSize=5000",
        "/users/v2?pageSize=5000",
    ] {
        let first = get(&app, uri).await;
        assert_eq!(first, get(&small, uri).await, "{uri}");
        let token = next_token(&first).expect("more than a page");
        let second = format!("{uri}&pageToken={token}");
        assert_eq!(get(&app, &second).await, get(&small, &second).await, "{second}");
    }

    let data = Dataset::generate_with(config(3 * BLOCK), SIZES);
    assert!(state.data.enrollments(0..3 * BLOCK).eq(data.enrollments));
    // Drawn again backwards, from the checkpoint of each block: the same.
    let at = MILLION / 2 - BLOCK / 2;
    let forwards: Vec<_> = state.data.enrollments(at..at + BLOCK).collect();
    let backwards: Vec<_> = state.data.enrollments_at((at..at + BLOCK).rev()).collect();
    assert!(forwards.iter().eq(backwards.iter().rev()));
    for (i, e) in (at..).zip(&forwards) {
        assert_eq!(
            (e.learner, e.course),
            (state.data.learner_of(i), state.data.course_of(i))
        );
    }
}
