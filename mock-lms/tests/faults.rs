//! The fault keys end to end: requests through the mock's whole app (path prefixes, routes,
//! CORS), in process with `oneshot`, and once over a real socket for the transfer encoding.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody};
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use futures_util::StreamExt;
use mock_lms::server::{app, AppState, Settings};
use mock_lms::{Dataset, GeneratorConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

fn mock(enrollments: usize) -> Router {
    let data = Dataset::generate(GeneratorConfig {
        seed: 1,
        enrollments,
        today: time::macros::date!(2026 - 11 - 26),
    });
    app(Arc::new(AppState::new(data, Settings::default())), None)
}

/// `GET uri` with the demo token and, unless empty, the fault in `X-Mock-Fault`.
async fn call(app: &Router, uri: &str, fault: &str) -> Response {
    let mut request = Request::get(uri)
        .header(header::AUTHORIZATION, "Bearer demo-token")
        .header(header::ORIGIN, "http://localhost:8080");
    if !fault.is_empty() {
        request = request.header("x-mock-fault", fault);
    }
    app.clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

async fn text(response: Response) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

async fn get(app: &Router, uri: &str, fault: &str) -> (StatusCode, String) {
    let response = call(app, uri, fault).await;
    (response.status(), text(response).await)
}

/// The body's chunks as sent, each with the time it arrived.
async fn chunks(response: Response, limit: usize) -> Vec<(Bytes, Instant)> {
    let mut stream = response.into_body().into_data_stream();
    let mut out = Vec::new();
    while out.len() < limit {
        match stream.next().await {
            Some(chunk) => out.push((chunk.unwrap(), Instant::now())),
            None => break,
        }
    }
    out
}

fn page_uri(size: usize, token: Option<&str>) -> String {
    match token {
        None => format!("/enrollments?pageSize={size}"),
        Some(token) => format!("/enrollments?pageSize={size}&pageToken={token}"),
    }
}

fn next_token(body: &str) -> Option<String> {
    let start = body.find("<nextPageToken>")? + "<nextPageToken>".len();
    let token = &body[start..start + body[start..].find('<')?];
    (!token.is_empty()).then(|| token.to_owned())
}

fn ids(body: &str) -> Vec<&str> {
    body.split("<enrollmentId>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</enrollmentId>"))
        .map(|(id, _)| id)
        .collect()
}

#[tokio::test]
async fn times_1_on_page_7_fails_once_then_succeeds() {
    let app = mock(300);
    let spec = "page=7,times=1,status=503,retry-after=2,id=page7-once";
    let (mut token, mut pages, mut seen) = (None::<String>, 0, Vec::new());
    loop {
        pages += 1;
        let uri = page_uri(10, token.as_deref());
        let mut response = call(&app, &uri, spec).await;
        if pages == 7 {
            assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(response.headers()[header::RETRY_AFTER], "2");
            assert!(text(response).await.contains("<code>503</code>"));
            response = call(&app, &uri, spec).await;
        }
        assert_eq!(response.status(), StatusCode::OK, "page {pages}");
        assert!(response.headers().get(header::RETRY_AFTER).is_none());
        let body = text(response).await;
        seen.extend(ids(&body).into_iter().map(str::to_owned));
        token = next_token(&body);
        if token.is_none() {
            break;
        }
    }
    assert_eq!((pages, seen.len()), (30, 300));
    assert_eq!(seen, ids(&get(&app, "/enrollment", "").await.1));

    // Without `page`, every page has its own counter; a new `id` starts afresh.
    let spec = "times=1,status=500,id=every-page";
    let page_2 = next_token(&get(&app, &page_uri(10, None), "").await.1);
    for uri in [page_uri(10, None), page_uri(10, page_2.as_deref())] {
        assert_eq!(get(&app, &uri, spec).await.0, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(get(&app, &uri, spec).await.0, StatusCode::OK);
    }
    assert_eq!(
        get(&app, &page_uri(10, None), "times=1,status=500,id=other")
            .await
            .0,
        500
    );
    // `page` alone: that page fails every time, the others never.
    assert_eq!(
        get(&app, &page_uri(10, page_2.as_deref()), "page=2,status=502")
            .await
            .0,
        502
    );
    assert_eq!(
        get(&app, &page_uri(10, page_2.as_deref()), "page=2,status=502")
            .await
            .0,
        502
    );
    assert_eq!(get(&app, &page_uri(10, None), "page=2,status=502").await.0, 200);
}

#[tokio::test]
async fn cycle_3_links_page_3_back_to_page_2() {
    let app = mock(300);
    let spec = "cycle=3";
    let (_, page_1) = get(&app, &page_uri(10, None), spec).await;
    let token_2 = next_token(&page_1).unwrap();
    let (_, page_2) = get(&app, &page_uri(10, Some(&token_2)), spec).await;
    let token_3 = next_token(&page_2).unwrap();
    let (_, page_3) = get(&app, &page_uri(10, Some(&token_3)), spec).await;
    assert_eq!(next_token(&page_3).as_deref(), Some(token_2.as_str()));
    let (_, page_4) = get(&app, &page_uri(10, Some(&token_2)), spec).await;
    assert_eq!(page_4, page_2);
    assert_eq!(next_token(&page_4), Some(token_3), "the tokens repeat exactly");
    assert!(ids(&page_3).iter().all(|id| !ids(&page_2).contains(id)));

    // A listing shorter than the cycle just ends.
    let small = mock(15);
    let (_, first) = get(&small, &page_uri(10, None), spec).await;
    let (_, last) = get(&small, &page_uri(10, next_token(&first).as_deref()), spec).await;
    assert_eq!(next_token(&last), None);
}

#[tokio::test]
async fn overlap_repeats_the_last_records_of_the_page_before() {
    let app = mock(50);
    let all = get(&app, "/enrollment", "").await.1;
    let all = ids(&all);
    for (overlap, effective, pages) in [(3, 3, 7), (50, 9, 41)] {
        let spec = format!("overlap={overlap}");
        let (mut token, mut previous, mut unique) = (None::<String>, Vec::<String>::new(), Vec::new());
        let mut count = 0;
        loop {
            count += 1;
            assert!(count <= 100, "the listing ends");
            let body = get(&app, &page_uri(10, token.as_deref()), &spec).await.1;
            let page: Vec<String> = ids(&body).into_iter().map(str::to_owned).collect();
            if !previous.is_empty() {
                assert_eq!(
                    page[..effective],
                    previous[previous.len() - effective..],
                    "page {count}"
                );
            }
            unique.extend(
                page.iter()
                    .filter(|id| !unique.contains(*id))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            previous = page;
            token = next_token(&body);
            if token.is_none() {
                break;
            }
        }
        assert_eq!(count, pages, "{spec}");
        assert_eq!(unique, all, "every enrollment at least once, in order");
    }
}

#[tokio::test]
async fn repeat_appends_copies_due_2099_12_31() {
    let app = mock(20);
    let (status, body) = get(&app, "/enrollment", "repeat=2").await;
    assert_eq!(status, StatusCode::OK);
    let list = ids(&body);
    assert_eq!(list.len(), 22);
    assert_eq!(list[20..], list[..2]);
    let records: Vec<&str> = body.split("<enrollment>").skip(1).collect();
    assert!(records[20..]
        .iter()
        .all(|r| r.contains("<dueDate>2099-12-31</dueDate>")));
    assert!(records[..20].iter().all(|r| !r.contains("2099-12-31")));

    let (_, page_1) = get(&app, &page_uri(10, None), "repeat=3").await;
    let (_, page_2) = get(&app, &page_uri(10, next_token(&page_1).as_deref()), "repeat=3").await;
    for page in [&page_1, &page_2] {
        let list = ids(page);
        assert_eq!((list.len(), &list[10..]), (13, &list[..3]));
        assert_eq!(page.matches("<dueDate>2099-12-31</dueDate>").count(), 3);
    }
    assert_ne!(ids(&page_1)[0], ids(&page_2)[0]);
}

#[tokio::test]
async fn retry_after_is_sent_and_exposed_to_browsers() {
    let app = mock(20);
    let response = call(&app, "/enrollment", "status=503,retry-after=7").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()[header::RETRY_AFTER], "7");
    assert_eq!(response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let exposed = response.headers()[header::ACCESS_CONTROL_EXPOSE_HEADERS]
        .to_str()
        .unwrap();
    assert!(exposed.to_ascii_lowercase().contains("retry-after"), "{exposed}");
    // Only a status fault carries it; the path prefix works like the header.
    let ok = call(&app, "/enrollment", "retry-after=7").await;
    assert!(ok.status().is_success() && ok.headers().get(header::RETRY_AFTER).is_none());
    let prefixed = call(&app, "/lms-api/_fault/status=429,retry-after=1/enrollment", "").await;
    assert_eq!(prefixed.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(prefixed.headers()[header::RETRY_AFTER], "1");
}

#[tokio::test]
async fn pad_streams_at_least_the_bytes_without_a_length() {
    let app = mock(20);
    let plain = call(&app, &page_uri(2, None), "").await;
    assert!(
        plain.body().size_hint().exact().is_some(),
        "unfaulted bodies have a length"
    );
    let real = text(plain).await;
    let padded = call(&app, &page_uri(2, None), "pad=100000").await;
    assert_eq!(padded.status(), StatusCode::OK);
    assert_eq!(padded.body().size_hint().exact(), None, "no Content-Length");
    let sent = chunks(padded, usize::MAX).await;
    assert!(sent.len() >= 100_000 / 4096 && sent.iter().all(|(c, _)| c.len() <= 4096));
    let body = String::from_utf8(sent.into_iter().flat_map(|(c, _)| c).collect()).unwrap();
    assert!(
        body.len() >= 100_000 && body.len() < 100_000 + 10,
        "{}",
        body.len()
    );
    assert!(body.ends_with("--></response>\n"));
    assert_eq!(ids(&body), ids(&real));
    assert_eq!(next_token(&body), next_token(&real));
}

#[tokio::test]
async fn drip_streams_in_chunks_apart() {
    let app = mock(100);
    let real = get(&app, &page_uri(20, None), "").await.1;
    assert!(real.len() > 2 * 4096, "{}", real.len());
    let started = Instant::now();
    let response = call(&app, &page_uri(20, None), "drip=40").await;
    assert_eq!(response.body().size_hint().exact(), None);
    let sent = chunks(response, usize::MAX).await;
    assert_eq!(sent.len(), real.len().div_ceil(4096));
    assert!(sent.iter().all(|(c, _)| c.len() <= 4096));
    for pair in sent.windows(2) {
        assert!(pair[1].1 - pair[0].1 >= Duration::from_millis(35));
    }
    assert!(started.elapsed() >= Duration::from_millis(40 * (sent.len() as u64 - 1)));
    let body: Vec<u8> = sent.into_iter().flat_map(|(c, _)| c).collect();
    assert_eq!(body, real.as_bytes());
}

#[tokio::test]
async fn endless_body_never_ends() {
    let app = mock(20);
    let response = call(&app, "/enrollment", "body=endless,drip=1").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.body().size_hint().exact(), None);
    let sent = chunks(response, 6).await;
    assert_eq!(sent.len(), 6);
    assert!(
        std::str::from_utf8(&sent[0].0).unwrap().starts_with("<?xml") && sent[0].0.ends_with(b"<response>\n")
    );
    assert!(sent[1..]
        .iter()
        .all(|(c, _)| c.len() == 64 * 1024 && c.starts_with(b"<!--")));
    // Not on the mock's own refusals.
    let request = Request::get("/enrollment").header("x-mock-fault", "body=endless");
    let refused = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(text(refused).await.ends_with("</response>\n"));
    // Limited to page 2 of a listing, the first page is whole.
    let (status, body) = get(&app, &page_uri(10, None), "body=endless,page=2").await;
    assert_eq!((status, ids(&body).len()), (StatusCode::OK, 10));
}

#[tokio::test]
async fn existing_specs_behave_as_before() {
    let app = mock(20);
    let (status, body) = get(&app, "/enrollment", "status=500").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(body.contains("<code>500</code><message>Internal Server Error</message>"));
    let real = get(&app, "/enrollment", "").await.1;
    let (status, cut) = get(&app, "/enrollment", "body=truncated").await;
    assert_eq!((status, cut.len()), (StatusCode::OK, real.len() / 2));
    let (status, body) = get(&app, "/enrollment", "latncy=5").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("unknown fault"));
    let started = Instant::now();
    assert_eq!(
        get(&app, "/_fault/latency=100/enrollment", "").await.0,
        StatusCode::OK
    );
    assert!(started.elapsed() >= Duration::from_millis(100));
    let bad = get(&app, &page_uri(10, Some("0123456789abcdef")), "").await;
    assert_eq!(bad.0, StatusCode::BAD_REQUEST, "a token past the end is refused");
}

/// Over a real socket: streamed bodies go out chunked, without `Content-Length`.
#[tokio::test]
async fn streamed_bodies_have_no_content_length_on_the_wire() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, mock(20)).await });
    let raw = |path: &'static str| async move {
        let mut socket = tokio::net::TcpStream::connect(address).await.unwrap();
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: mock\r\nAuthorization: demo-token\r\nConnection: close\r\n\r\n"
        );
        socket.write_all(request.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        socket.read_to_end(&mut answer).await.unwrap();
        String::from_utf8(answer).unwrap().to_ascii_lowercase()
    };
    let plain = raw("/enrollments?pageSize=2").await;
    assert!(plain.contains("\r\ncontent-length: "), "{plain}");
    for path in [
        "/_fault/pad=20000/enrollments?pageSize=2",
        "/_fault/drip=5/enrollments?pageSize=10",
    ] {
        let answer = raw(path).await;
        let (head, _) = answer.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(!head.contains("content-length"), "{head}");
        assert!(head.contains("transfer-encoding: chunked"), "{head}");
        assert!(answer.ends_with("</response>\n\r\n0\r\n\r\n"), "{path}");
    }
}

#[tokio::test]
async fn many_answers_from_a_larger_account_of_the_same_seed() {
    let app = mock(300);
    let (status, body) = get(&app, "/enrollment", "many=5000").await;
    assert_eq!(status, StatusCode::OK);
    let larger = ids(&body);
    assert_eq!(larger.len(), 5000);
    let (_, again) = get(&app, "/enrollment", "many=5000").await;
    assert_eq!(ids(&again), larger, "generated once, the same each time");
    let (_, normal) = get(&app, "/enrollment", "").await;
    assert_eq!(ids(&normal).len(), 300, "other requests keep the account");
}
