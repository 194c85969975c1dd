//! The HTTP face of the mock: the service's routes, auth and error bodies, CORS, faults.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Form, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};

use crate::data::Dataset;
use crate::fault::Fault;
use crate::query::{admits, page_offset, page_token, ListQuery};
use crate::xml::{self, Listing};

/// Credentials and tokens the mock accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The valid access token (sent bare or as `Bearer …`).
    pub token: String,
    /// A token that authenticates but may not list anything (403).
    pub restricted_token: String,
    /// `client_id` accepted by `POST /api/v3/token`.
    pub client_id: String,
    /// `client_secret` accepted by `POST /api/v3/token`.
    pub client_secret: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            token: "demo-token".into(),
            restricted_token: "restricted-token".into(),
            client_id: "demo-client".into(),
            client_secret: "demo-secret".into(),
        }
    }
}

/// Everything a request handler reads.
#[derive(Debug)]
pub struct AppState {
    /// The generated account.
    pub data: Dataset,
    /// Accepted credentials.
    pub settings: Settings,
}

/// The service's routes with CORS (any origin may call, as browser tests on another port do).
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/enrollment", get(enrollment))
        .route("/enrollments", get(enrollments))
        .route("/users/v2", get(users))
        .route("/contents", get(contents))
        .route("/learners/results", get(results))
        .route("/api/v3/token", post(token))
        .layer(cors())
        .with_state(state)
}

/// Any origin may call; request headers are mirrored because the `*` wildcard does not cover
/// `Authorization` in browsers.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::any())
        .allow_methods([Method::GET, Method::POST])
        .allow_headers(AllowHeaders::mirror_request())
        .max_age(std::time::Duration::from_secs(600))
}

/// Serves [`router`] on `listener` until Ctrl-C, turning a `/_fault/{spec}/…` path prefix into
/// an `X-Mock-Fault` header before routing. The API answers under `/` and under `/lms-api/`
/// (the prefix a portal's reverse proxy would use). With `static_dir`, other paths serve files
/// from it (the end-to-end tests load the example pages and the built library this way, from
/// the same origin as the API).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    static_dir: Option<std::path::PathBuf>,
) -> std::io::Result<()> {
    let mut routes = router(state);
    if let Some(dir) = static_dir {
        routes = routes.fallback_service(tower_http::services::ServeDir::new(dir));
    }
    let app = tower::Layer::layer(&axum::middleware::from_fn(fault_prefix), routes);
    axum::serve(listener, axum::ServiceExt::<Request>::into_make_service(app))
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

#[derive(Debug, Clone, Copy)]
enum Endpoint {
    Enrollment,
    Enrollments,
    Users,
    Contents,
    Results,
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

/// The common path of every data route: fault, auth, filters, paging, body.
async fn respond(
    state: &AppState,
    headers: &HeaderMap,
    raw_query: Option<String>,
    endpoint: Endpoint,
) -> Response {
    let fault = match headers
        .get("x-mock-fault")
        .map(|v| Fault::parse(v.to_str().unwrap_or("?")))
    {
        None => Fault::default(),
        Some(Ok(fault)) => fault,
        Some(Err(message)) => return xml_response(StatusCode::BAD_REQUEST, xml::error(400, &message)),
    };
    if let Some(latency) = fault.latency {
        tokio::time::sleep(latency).await;
    }
    if let Some(code) = fault.status {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let message = status.canonical_reason().unwrap_or("Injected failure");
        return xml_response(status, fault.body(xml::error(code, message)));
    }
    if let Some((status, message)) = denial(&state.settings, headers) {
        return xml_response(status, xml::error(status.as_u16(), message));
    }
    let query = ListQuery::parse(raw_query.as_deref().unwrap_or(""));
    match render(&state.data, &query, endpoint) {
        Ok(body) => xml_response(StatusCode::OK, fault.body(body)),
        Err(message) => xml_response(StatusCode::BAD_REQUEST, xml::error(400, &message)),
    }
}

/// `None` when the request carries the valid token; otherwise the status and message to refuse
/// it with, as the service does.
fn denial(settings: &Settings, headers: &HeaderMap) -> Option<(StatusCode, &'static str)> {
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
    if token == settings.token {
        None
    } else if token == settings.restricted_token {
        Some((
            StatusCode::FORBIDDEN,
            "Permission denied: your role cannot list enrollments of these learners or courses",
        ))
    } else {
        Some((
            StatusCode::UNAUTHORIZED,
            "Unauthorized: the access token is invalid or has expired",
        ))
    }
}

fn render(data: &Dataset, q: &ListQuery, endpoint: Endpoint) -> Result<String, String> {
    let wanted = |e: &&crate::data::MockEnrollment| {
        admits(&q.learner_ids, &data.learners[e.learner].id)
            && admits(&q.course_ids, &data.courses[e.course].id)
            && admits(&q.enrollment_ids, &e.id)
    };
    Ok(match endpoint {
        Endpoint::Enrollment => {
            xml::enrollments(data, data.enrollments.iter().filter(wanted), Listing::Unpaged)
        }
        Endpoint::Enrollments => {
            let all: Vec<_> = data.enrollments.iter().filter(wanted).collect();
            let (range, next) = page(q, all.len())?;
            let listing = paged("enrollments", next.as_deref());
            xml::enrollments(data, all[range].iter().copied(), listing)
        }
        Endpoint::Results => {
            let all: Vec<_> = data.enrollments.iter().filter(wanted).collect();
            let (range, next) = page(q, all.len())?;
            xml::results(
                data,
                all[range].iter().copied(),
                paged("results", next.as_deref()),
            )
        }
        Endpoint::Users => {
            let all: Vec<usize> = (0..data.learners.len())
                .filter(|&i| admits(&q.user_ids, &data.learners[i].id))
                .collect();
            let (range, next) = page(q, all.len())?;
            xml::users(
                data,
                all[range].iter().copied(),
                paged("userProfiles", next.as_deref()),
            )
        }
        Endpoint::Contents => {
            let all: Vec<usize> = (0..data.courses.len())
                .filter(|&i| admits(&q.content_item_ids, &data.courses[i].id))
                .collect();
            let (range, next) = page(q, all.len())?;
            xml::contents(
                data,
                all[range].iter().copied(),
                paged("contentItems", next.as_deref()),
            )
        }
    })
}

fn paged<'a>(wrapper: &'a str, next_page_token: Option<&'a str>) -> Listing<'a> {
    Listing::Paged {
        wrapper,
        next_page_token,
    }
}

/// The slice of `len` items a page covers, and the next page's token.
fn page(q: &ListQuery, len: usize) -> Result<(std::ops::Range<usize>, Option<String>), String> {
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
    let start = match &q.page_token {
        None => 0,
        Some(token) => page_offset(token)
            .filter(|&o| o <= len)
            .ok_or_else(|| format!("pageToken {token:?} is not valid"))?,
    };
    let end = (start + size).min(len);
    Ok((start..end, (end < len).then(|| page_token(end))))
}

fn xml_response(status: StatusCode, body: String) -> Response {
    let content_type = if body.starts_with("<!DOCTYPE html") {
        "text/html; charset=utf-8"
    } else {
        "application/xml; charset=utf-8"
    };
    (status, [(header::CONTENT_TYPE, content_type)], Body::from(body)).into_response()
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
