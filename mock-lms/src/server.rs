//! The HTTP face of the mock: the service's routes, auth and error bodies, CORS, faults.
//!
//! | Route | Filters | Answer |
//! |-------|---------|--------|
//! | `GET /enrollment` | `learnerIds`, `courseIds`, `enrollmentIds` | `<enrollment>`s straight under `<response>` |
//! | `GET /enrollments` | the same, `pageSize`, `pageToken` | `<enrollments>` and `<nextPageToken>` |
//! | `GET /users/v2` | `userIds`, paging | `<userProfiles>`: every learner, or the ones asked for |
//! | `GET /departments` | paging | `<departments>`: the whole tree, parents first |
//! | `GET /contents` | `contentItemIds`, paging | `<contentItems>`: courses, but never linked copies; titles per `X-Target-Locale` |
//! | `GET /learners/results` | `learnerIds`, `courseIds`, `enrollmentIds`, `userStatuses`, paging | `<results>`: active learners' results unless `userStatuses` says otherwise; `courseTitle` per `X-Target-Locale` |
//! | `POST /api/v3/token` | form: `client_id`, `client_secret`, `grant_type` | JSON token |
//!
//! Filters take both spellings (`ids[]=a&ids[]=b` and `ids=a,b`). `pageSize` is 1–10,000
//! (default 1,000); a bad one, a foreign `pageToken` or a bad `userStatuses` value is answered
//! 400. Paged answers always carry the wrapper and a `<nextPageToken>`, empty on the last page.
//!
//! Paging costs the page, not the account: a `pageToken` carries the page's number and the
//! offset of its first item ([`PageToken`]), so a page is found from its offset directly, and
//! only its own enrollments are drawn again from the [`Account`] (plus less than a
//! [`BLOCK`](crate::data::BLOCK) to reach the first); results are found through per-block
//! tallies, users and courses by ID (see the `select` module). Only the unpaged `/enrollment`
//! writes the whole listing, on request (nothing is rendered at start-up).
//!
//! Auth (see [`Settings`]): no token or an unknown one gets 401; a known token whose role may not
//! call the route gets 403; both with the service's body,
//! `<response><code>…</code><message>…</message></response>`.
//!
//! Locale: like the service, the mock answers course titles in the language of the request's
//! `X-Target-Locale` header where it has them. When the header's primary language subtag is
//! `ru` (any case, `-` or `_`: `ru`, `ru-RU`, `RU_ru`), `/contents` (every form, paged or not)
//! and `courseTitle` in `/learners/results` are in Russian ([`Course::title_ru`], numbered like
//! the English title); with any other locale, or none, they are in English, as ever. Nothing
//! else changes with the header.
//!
//! [`Course::title_ru`]: crate::data::Course::title_ru

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Form, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};

use crate::data::{Account, GeneratorConfig, Lang, MockEnrollment};
use crate::fault::{self, BodyFault, Fault};
use crate::query::{ListQuery, PageToken};
use crate::select::{self, Results};
use crate::xml::{self, Listing};

/// Credentials and tokens the mock accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The valid access token (sent bare or as `Bearer …`).
    pub token: String,
    /// A second valid token, as a portal's refresh would bring.
    pub refreshed_token: String,
    /// A token that authenticates but may not list anything (403).
    pub restricted_token: String,
    /// A token that may call everything but `/users/v2` (403 there).
    pub no_users_token: String,
    /// A token that may call everything but `/contents` (403 there).
    pub no_contents_token: String,
    /// A token that may call everything but `/learners/results` (403 there).
    pub no_results_token: String,
    /// A token that may call everything but `/departments` (403 there).
    pub no_departments_token: String,
    /// A token that may list enrollments only: 403 on `/users/v2`, `/contents`,
    /// `/learners/results` and `/departments`.
    pub enrollments_only_token: String,
    /// `client_id` accepted by `POST /api/v3/token`.
    pub client_id: String,
    /// `client_secret` accepted by `POST /api/v3/token`.
    pub client_secret: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            token: "demo-token".into(),
            refreshed_token: "demo-token-refreshed".into(),
            restricted_token: "restricted-token".into(),
            no_users_token: "no-users-token".into(),
            no_contents_token: "no-contents-token".into(),
            no_results_token: "no-results-token".into(),
            no_departments_token: "no-departments-token".into(),
            enrollments_only_token: "enrollments-only-token".into(),
            client_id: "demo-client".into(),
            client_secret: "demo-secret".into(),
        }
    }
}

/// Everything a request handler reads.
#[derive(Debug)]
pub struct AppState {
    /// The generated account.
    pub data: Account,
    /// Accepted credentials.
    pub settings: Settings,
    /// How many requests each `times=N` fault has matched, by spec and page.
    fault_counts: Mutex<HashMap<String, u32>>,
    /// Accounts of other sizes generated for `many=N` faults, kept for later requests.
    larger: Mutex<HashMap<usize, Arc<Account>>>,
}

impl AppState {
    /// The state for serving `data` (an [`Account`], or the account a
    /// [`Dataset`](crate::Dataset) was generated from) to holders of `settings`' credentials.
    pub fn new(data: impl Into<Account>, settings: Settings) -> AppState {
        AppState {
            data: data.into(),
            settings,
            fault_counts: Mutex::default(),
            larger: Mutex::default(),
        }
    }

    /// The account of `n` enrollments with this one's seed and day (generated once).
    fn account_of(&self, n: usize) -> Arc<Account> {
        let mut larger = self.larger.lock().unwrap_or_else(PoisonError::into_inner);
        let config = GeneratorConfig {
            enrollments: n,
            ..self.data.config
        };
        larger
            .entry(n)
            .or_insert_with(|| Arc::new(Account::generate(config)))
            .clone()
    }

    /// Counts one more request under `key` and returns the count so far.
    fn strike(&self, key: String) -> u32 {
        let mut counts = self.fault_counts.lock().unwrap_or_else(PoisonError::into_inner);
        let count = counts.entry(key).or_default();
        *count = count.saturating_add(1);
        *count
    }
}

/// The service's routes with CORS (any origin may call, as browser tests on another port do).
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/enrollment", get(enrollment))
        .route("/enrollments", get(enrollments))
        .route("/users/v2", get(users))
        .route("/contents", get(contents))
        .route("/departments", get(departments))
        .route("/learners/results", get(results))
        .route("/api/v3/token", post(token))
        .layer(cors())
        .with_state(state)
}

/// Any origin may call; request headers are mirrored because the `*` wildcard does not cover
/// `Authorization` in browsers, and `Retry-After` is exposed to scripts.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::any())
        .allow_methods([Method::GET, Method::POST])
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(600))
}

/// [`router`] behind the path prefixes: a `/_fault/{spec}/…` prefix becomes an `X-Mock-Fault`
/// header before routing, and the API answers under `/` and under `/lms-api/` (the prefix a
/// portal's reverse proxy would use). With `static_dir`, other paths serve files from it (the
/// end-to-end tests load the example pages and the built library this way, from the same origin
/// as the API).
pub fn app(state: Arc<AppState>, static_dir: Option<std::path::PathBuf>) -> Router {
    let mut routes = router(state);
    if let Some(dir) = static_dir {
        routes = routes.fallback_service(tower_http::services::ServeDir::new(dir));
    }
    Router::new()
        .fallback_service(routes)
        .layer(axum::middleware::from_fn(fault_prefix))
        .layer(axum::middleware::from_fn(strict_csp_pages))
}

/// The policy of a locked-down enterprise portal: no inline scripts or styles.
pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/// Pages named `*.strict-csp.html` are served with [`STRICT_CSP`] (the end-to-end tests' stand-in
/// for a portal with a strict Content-Security-Policy).
async fn strict_csp_pages(request: Request, next: Next) -> Response {
    let strict = request.uri().path().ends_with(".strict-csp.html");
    let mut response = next.run(request).await;
    if strict {
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(STRICT_CSP),
        );
    }
    response
}

/// Serves [`app`] on `listener` until Ctrl-C.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    static_dir: Option<std::path::PathBuf>,
) -> std::io::Result<()> {
    axum::serve(listener, app(state, static_dir))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

async fn fault_prefix(mut request: Request, next: Next) -> Response {
    if let Some(rest) = request.uri().path().strip_prefix("/lms-api/") {
        let path_and_query = match request.uri().query() {
            Some(q) => format!("/{rest}?{q}"),
            None => format!("/{rest}"),
        };
        if let Ok(uri) = path_and_query.parse::<Uri>() {
            *request.uri_mut() = uri;
        }
    }
    if let Some(rest) = request.uri().path().strip_prefix("/_fault/") {
        let (spec, tail) = rest.split_once('/').unwrap_or((rest, ""));
        let spec = percent_decode(spec);
        let path_and_query = match request.uri().query() {
            Some(q) => format!("/{tail}?{q}"),
            None => format!("/{tail}"),
        };
        if let (Ok(uri), Ok(value)) = (path_and_query.parse::<Uri>(), HeaderValue::from_str(&spec)) {
            *request.uri_mut() = uri;
            request.headers_mut().insert("x-mock-fault", value);
        }
    }
    next.run(request).await
}

fn percent_decode(text: &str) -> String {
    form_urlencoded::parse(format!("x={text}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Enrollment,
    Enrollments,
    Users,
    Contents,
    Results,
    Departments,
}

impl Endpoint {
    /// The 403 message for a token whose role may not call this endpoint.
    fn refusal(self) -> &'static str {
        match self {
            Endpoint::Enrollment | Endpoint::Enrollments => {
                "Permission denied: your role cannot list enrollments of these learners or courses"
            }
            Endpoint::Users => "Permission denied: your role cannot view user profiles",
            Endpoint::Contents => "Permission denied: your role cannot view the content library",
            Endpoint::Results => "Permission denied: your role cannot view learners' results",
            Endpoint::Departments => "Permission denied: your role cannot view departments",
        }
    }
}

async fn enrollment(State(s): State<Arc<AppState>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    respond(&s, &headers, q, Endpoint::Enrollment).await
}
async fn enrollments(State(s): State<Arc<AppState>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    respond(&s, &headers, q, Endpoint::Enrollments).await
}
async fn users(State(s): State<Arc<AppState>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    respond(&s, &headers, q, Endpoint::Users).await
}
async fn contents(State(s): State<Arc<AppState>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    respond(&s, &headers, q, Endpoint::Contents).await
}
async fn results(State(s): State<Arc<AppState>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    respond(&s, &headers, q, Endpoint::Results).await
}
async fn departments(State(s): State<Arc<AppState>>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    respond(&s, &headers, q, Endpoint::Departments).await
}

/// The common path of every data route: fault, auth, filters, paging, body.
async fn respond(
    state: &AppState,
    headers: &HeaderMap,
    raw_query: Option<String>,
    endpoint: Endpoint,
) -> Response {
    let spec = headers.get("x-mock-fault").map(|v| v.to_str().unwrap_or("?"));
    let fault = match spec.map(Fault::parse) {
        None => Fault::default(),
        Some(Ok(fault)) => fault,
        Some(Err(message)) => return xml_response(StatusCode::BAD_REQUEST, xml::error(400, &message)),
    };
    let query = ListQuery::parse(raw_query.as_deref().unwrap_or(""));
    let page = match (endpoint, &query.page_token) {
        (Endpoint::Enrollment, _) | (_, None) => Some(1),
        (_, Some(token)) => PageToken::decode(token).map(|t| t.page),
    };
    let mut fault = fault.for_request(page, || {
        state.strike(format!("{}\n{}", spec.unwrap_or_default(), page.unwrap_or(0)))
    });
    if let Some(latency) = fault.latency {
        tokio::time::sleep(latency).await;
    }
    let (status, body) = if let Some(code) = fault.status {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let message = status.canonical_reason().unwrap_or("Injected failure");
        (status, fault.body(xml::error(code, message)))
    } else if let Some((status, message)) = denial(&state.settings, headers, endpoint) {
        fault.body = None; // body faults replace only the answers the request asked for
        (status, xml::error(status.as_u16(), message))
    } else {
        let larger = fault.many.map(|n| state.account_of(n));
        let data = larger.as_deref().unwrap_or(&state.data);
        match render(data, &query, endpoint, &fault, target_lang(headers)) {
            Ok(body) => (StatusCode::OK, fault.body(body)),
            Err(message) => {
                fault.body = None;
                (StatusCode::BAD_REQUEST, xml::error(400, &message))
            }
        }
    };
    let mut response = if fault.streams() {
        streamed(status, body, &fault)
    } else {
        xml_response(status, body)
    };
    if let (Some(_), Some(seconds)) = (fault.status, fault.retry_after) {
        response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
    }
    response
}

/// `body` (padded for `pad`) sent in chunks `drip` apart, without `Content-Length`; for
/// `body=endless`, followed by filler forever.
fn streamed(status: StatusCode, body: String, fault: &Fault) -> Response {
    let endless = fault.body == Some(BodyFault::Endless);
    let body = fault::pad(body, fault.pad.unwrap_or(0));
    let content_type = content_type(&body);
    let (chunk, filler) = match endless {
        true => (
            fault::ENDLESS_CHUNK,
            Some(axum::body::Bytes::from(fault::endless_filler())),
        ),
        false => (fault::CHUNK, None),
    };
    let delay = fault.drip.unwrap_or(if endless {
        fault::ENDLESS_DRIP
    } else {
        Duration::ZERO
    });
    let chunks =
        futures_util::stream::unfold((axum::body::Bytes::from(body), true), move |(mut rest, first)| {
            let filler = filler.clone();
            async move {
                if !first && !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                let piece = match rest.is_empty() {
                    true => filler?,
                    false => rest.split_to(chunk.min(rest.len())),
                };
                Some((Ok::<_, std::convert::Infallible>(piece), (rest, false)))
            }
        });
    (
        status,
        [(header::CONTENT_TYPE, content_type)],
        Body::from_stream(chunks),
    )
        .into_response()
}

/// `None` when the request carries a token that may call `endpoint`; otherwise the status and
/// message to refuse it with, as the service does: 401 for no token or an unknown one, 403 for a
/// token whose role may not call `endpoint`.
fn denial(
    settings: &Settings,
    headers: &HeaderMap,
    endpoint: Endpoint,
) -> Option<(StatusCode, &'static str)> {
    let Some(value) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return Some((
            StatusCode::UNAUTHORIZED,
            "Unauthorized: the Authorization header with an access token is missing",
        ));
    };
    let token = match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ => value.trim(),
    };
    use Endpoint::{Contents, Departments, Enrollment, Enrollments, Results, Users};
    let roles: [(&str, &[Endpoint]); 8] = [
        (&settings.token, &[]),
        (&settings.refreshed_token, &[]),
        (
            &settings.restricted_token,
            &[Enrollment, Enrollments, Users, Contents, Results, Departments],
        ),
        (&settings.no_users_token, &[Users]),
        (&settings.no_contents_token, &[Contents]),
        (&settings.no_results_token, &[Results]),
        (&settings.no_departments_token, &[Departments]),
        (
            &settings.enrollments_only_token,
            &[Users, Contents, Results, Departments],
        ),
    ];
    match roles
        .iter()
        .find(|(known, _)| !known.is_empty() && *known == token)
    {
        None => Some((
            StatusCode::UNAUTHORIZED,
            "Unauthorized: the access token is invalid or has expired",
        )),
        Some((_, refused)) if refused.contains(&endpoint) => {
            Some((StatusCode::FORBIDDEN, endpoint.refusal()))
        }
        Some(_) => None,
    }
}

/// The language of course titles for the request: from `X-Target-Locale` (English without it,
/// or with one that is not text).
fn target_lang(headers: &HeaderMap) -> Lang {
    headers
        .get("x-target-locale")
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::English, Lang::from_locale)
}

fn render(
    data: &Account,
    q: &ListQuery,
    endpoint: Endpoint,
    fault: &Fault,
    lang: Lang,
) -> Result<String, String> {
    Ok(match endpoint {
        Endpoint::Enrollment => {
            // The whole listing, drawn as it is written (only its text is kept).
            let all = select::enrollments(data, q);
            let copies = repeats(data.enrollments_at(all.slice(0..all.len())), fault.repeat);
            let items = data.enrollments_at(all.slice(0..all.len())).chain(copies);
            xml::enrollments(data, items, Listing::Unpaged)
        }
        Endpoint::Enrollments => {
            let all = select::enrollments(data, q);
            let (range, next) = page(q, all.len(), fault)?;
            let items: Vec<MockEnrollment> = data.enrollments_at(all.slice(range)).collect();
            let copies = repeats(items.iter().cloned(), fault.repeat);
            let listing = paged("enrollments", next.as_deref());
            xml::enrollments(data, items.into_iter().chain(copies), listing)
        }
        Endpoint::Results => {
            let statuses = user_statuses(q)?;
            let all = Results::new(data, select::enrollments(data, q), &statuses);
            let (range, next) = page(q, all.len(), fault)?;
            xml::results_in(data, all.page(range), paged("results", next.as_deref()), lang)
        }
        Endpoint::Users => {
            let all = select::users(data, q);
            let (range, next) = page(q, all.len(), fault)?;
            xml::users(data, all.slice(range), paged("userProfiles", next.as_deref()))
        }
        Endpoint::Contents => {
            let all = select::contents(data, q);
            let (range, next) = page(q, all.len(), fault)?;
            xml::contents_in(
                data,
                all.slice(range),
                paged("contentItems", next.as_deref()),
                lang,
            )
        }
        Endpoint::Departments => {
            let (range, next) = page(q, data.departments.len(), fault)?;
            xml::departments(data, range, paged("departments", next.as_deref()))
        }
    })
}

/// The learner statuses whose results `/learners/results` lists: `userStatuses` (both
/// spellings), or only active learners' when it is not given.
fn user_statuses(q: &ListQuery) -> Result<Vec<u8>, String> {
    if q.user_statuses.is_empty() {
        return Ok(vec![1]);
    }
    q.user_statuses
        .iter()
        .map(|text| match text.as_str() {
            "1" => Ok(1),
            "3" => Ok(3),
            "5" => Ok(5),
            _ => Err(format!(
                "userStatuses {text:?} must be 1 (active), 3 (inactive) or 5 (terminated)"
            )),
        })
        .collect()
}

/// Copies of the first `count` of `items` with `dueDate` 2099-12-31 (`repeat=K`).
fn repeats(items: impl Iterator<Item = MockEnrollment>, count: usize) -> Vec<MockEnrollment> {
    let due = time::macros::date!(2099 - 12 - 31);
    items
        .take(count)
        .map(|e| MockEnrollment {
            due_date: Some(due),
            ..e
        })
        .collect()
}

fn paged<'a>(wrapper: &'a str, next_page_token: Option<&'a str>) -> Listing<'a> {
    Listing::Paged {
        wrapper,
        next_page_token,
    }
}

/// The slice of `len` items a page covers, and the next page's token: normally the page after
/// this one, starting `overlap` items early, and page 2 after the `cycle` page.
fn page(
    q: &ListQuery,
    len: usize,
    fault: &Fault,
) -> Result<(std::ops::Range<usize>, Option<String>), String> {
    const DEFAULT_PAGE_SIZE: usize = 1000;
    const MAX_PAGE_SIZE: usize = 10_000;
    let size = match &q.page_size {
        None => DEFAULT_PAGE_SIZE,
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|s| (1..=MAX_PAGE_SIZE).contains(s))
            .ok_or_else(|| format!("pageSize {text:?} must be a number from 1 to {MAX_PAGE_SIZE}"))?,
    };
    let PageToken { page, offset: start } = match &q.page_token {
        None => PageToken { page: 1, offset: 0 },
        Some(token) => PageToken::decode(token)
            .filter(|t| t.offset <= len)
            .ok_or_else(|| format!("pageToken {token:?} is not valid"))?,
    };
    let end = (start + size).min(len);
    let overlap = fault.overlap.min(size - 1);
    let next = if fault.cycle == Some(page) {
        Some(PageToken {
            page: 2,
            offset: size - overlap,
        })
    } else {
        (end < len).then(|| PageToken {
            page: page.saturating_add(1),
            offset: end - overlap,
        })
    };
    Ok((start..end, next.map(PageToken::encode)))
}

fn xml_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, content_type(&body))],
        Body::from(body),
    )
        .into_response()
}

fn content_type(body: &str) -> &'static str {
    if body.starts_with("<!DOCTYPE html") {
        "text/html; charset=utf-8"
    } else {
        "application/xml; charset=utf-8"
    }
}

#[derive(Debug, Deserialize)]
struct TokenRequest {
    client_id: String,
    client_secret: String,
    grant_type: String,
}

/// `POST /api/v3/token` (form-encoded client credentials).
async fn token(State(s): State<Arc<AppState>>, Form(req): Form<TokenRequest>) -> Response {
    let ok = req.grant_type == "client_credentials"
        && req.client_id == s.settings.client_id
        && req.client_secret == s.settings.client_secret;
    if ok {
        Json(serde_json::json!({
            "access_token": s.settings.token,
            "expires_in": 1800,
            "token_type": "bearer",
        }))
        .into_response()
    } else {
        (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({"error": "invalid_client", "error_description": "Client authentication failed"})),
        )
            .into_response()
    }
}
