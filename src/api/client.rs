//! The fetch client: one request at a time per [`Client`], abortable, with a time-out.
//!
//! Starting a request aborts the one still running on the same client (its future resolves to
//! [`ApiError::Aborted`]), so a view that re-queries never shows a stale answer.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::{Request, Response};
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use web_sys::AbortController;

use super::config::{ClientConfig, EnrollmentQuery};
use super::error::ApiError;
use super::url::{enrollments_url, PageRequest};
use crate::core::model::{Enrollment, EnrollmentPage};
use crate::core::parse::{parse_enrollments, EnrollmentReader};

/// How a paged load went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PagingSummary {
    /// Pages received.
    pub pages: u32,
    /// Enrollments received.
    pub enrollments: usize,
}

/// A handle for the LMS API. Cheap to clone; clones share the running request.
#[derive(Clone)]
pub struct Client {
    config: Rc<RefCell<ClientConfig>>,
    /// Bumped by every new load; a load whose number is no longer current stops.
    generation: Rc<Cell<u64>>,
    /// The request in flight, numbered so that a finished request clears only itself.
    running: Rc<RefCell<Option<(u64, AbortController)>>>,
    requests: Rc<Cell<u64>>,
}

impl Client {
    /// A client for `config`.
    pub fn new(config: ClientConfig) -> Self {
        Client {
            config: Rc::new(RefCell::new(config)),
            generation: Rc::new(Cell::new(0)),
            running: Rc::new(RefCell::new(None)),
            requests: Rc::new(Cell::new(0)),
        }
    }

    /// Replaces the configuration (e.g. a fresh token) for the next requests.
    pub fn set_config(&self, config: ClientConfig) {
        *self.config.borrow_mut() = config;
    }

    /// Uses `token` for the next requests.
    pub fn set_token(&self, token: super::config::AccessToken) {
        self.config.borrow_mut().token = token;
    }

    /// Aborts the running request, if any.
    pub fn abort(&self) {
        self.generation.set(self.generation.get() + 1);
        if let Some((_, controller)) = self.running.borrow_mut().take() {
            controller.abort();
        }
    }

    /// `GET {endpoint}/enrollment`: the whole (filtered) list in one answer.
    pub async fn fetch_enrollments(&self, query: &EnrollmentQuery) -> Result<EnrollmentPage, ApiError> {
        let generation = self.begin();
        let url = enrollments_url(&self.config.borrow().endpoint, query, None);
        self.get(generation, &url).await
    }

    /// `GET {endpoint}/enrollment`, parsed `batch_size` enrollments at a time: each batch is
    /// handed to `on_batch` and the browser gets a turn before the next, so a large answer
    /// neither freezes the tab nor waits to be parsed whole before the first cards show. The
    /// answer's text is dropped once parsed. Returns the number of enrollments.
    pub async fn fetch_enrollments_in_batches(
        &self,
        query: &EnrollmentQuery,
        batch_size: usize,
        mut on_batch: impl FnMut(Vec<Enrollment>),
    ) -> Result<usize, ApiError> {
        let generation = self.begin();
        let url = enrollments_url(&self.config.borrow().endpoint, query, None);
        let body = self.get_body(generation, &url).await?;
        let mut reader = EnrollmentReader::new(&body)?;
        let mut total = 0;
        loop {
            let batch = reader.next_batch(batch_size)?;
            if batch.is_empty() {
                return Ok(total);
            }
            total += batch.len();
            on_batch(batch);
            TimeoutFuture::new(0).await;
            if self.generation.get() != generation {
                return Err(ApiError::Aborted);
            }
        }
    }

    /// `GET {endpoint}/enrollments`, following `nextPageToken` to the last page and handing
    /// each page to `on_page` as it arrives. On an error the pages already handed over stay
    /// with the caller.
    pub async fn fetch_enrollment_pages(
        &self,
        query: &EnrollmentQuery,
        page_size: u32,
        mut on_page: impl FnMut(EnrollmentPage),
    ) -> Result<PagingSummary, ApiError> {
        let generation = self.begin();
        let mut summary = PagingSummary::default();
        let mut token: Option<String> = None;
        loop {
            let url = {
                let page = PageRequest {
                    size: page_size.max(1),
                    token: token.as_deref(),
                };
                enrollments_url(&self.config.borrow().endpoint, query, Some(page))
            };
            let mut page = self.get(generation, &url).await?;
            summary.pages += 1;
            summary.enrollments += page.enrollments.len();
            let next = page.next_page_token.take();
            on_page(page);
            match next {
                None => return Ok(summary),
                Some(next) if token.as_ref() == Some(&next) => {
                    return Err(ApiError::PagingLoop { pages: summary.pages })
                }
                Some(next) => token = Some(next),
            }
        }
    }

    /// Starts a new load, aborting the previous one.
    fn begin(&self) -> u64 {
        self.abort();
        self.generation.get()
    }

    /// One GET, parsed as an enrollment answer.
    async fn get(&self, generation: u64, url: &str) -> Result<EnrollmentPage, ApiError> {
        let body = self.get_body(generation, url).await?;
        parse_enrollments(&body).map_err(ApiError::from)
    }

    /// One GET with auth header, time-out and abort: the body of a 2xx answer.
    async fn get_body(&self, generation: u64, url: &str) -> Result<String, ApiError> {
        if self.generation.get() != generation {
            return Err(ApiError::Aborted);
        }
        let config = self.config.borrow().clone();
        let controller = AbortController::new().map_err(|_| ApiError::Network)?;
        let request = self.requests.get() + 1;
        self.requests.set(request);
        if let Some((_, previous)) = self.running.replace(Some((request, controller.clone()))) {
            previous.abort();
        }
        let timed_out = Rc::new(Cell::new(false));
        let _timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            Timeout::new(config.timeout_ms, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let failure = |timed_out: &Cell<bool>| {
            if timed_out.get() {
                ApiError::Timeout {
                    after_ms: config.timeout_ms,
                }
            } else if controller.signal().aborted() {
                ApiError::Aborted
            } else {
                ApiError::Network
            }
        };
        let response = Request::get(url)
            .header(
                "Authorization",
                &config.token.header_value(config.auth_scheme.as_deref()),
            )
            .header("Accept", "application/xml")
            .abort_signal(Some(&controller.signal()))
            .send()
            .await
            .map_err(|_| failure(&timed_out))?;
        let body = read_body(&response, config.max_body_bytes, &controller)
            .await
            .map_err(|e| e.unwrap_or_else(|| failure(&timed_out)))?;
        let mut running = self.running.borrow_mut();
        if running.as_ref().is_some_and(|(id, _)| *id == request) {
            running.take();
        }
        drop(running);
        if !response.ok() {
            return Err(ApiError::from_status(response.status(), &body));
        }
        Ok(body)
    }
}

/// Reads the body as text, refusing announced or actual sizes over `limit`.
/// `Err(None)` means the read failed (network, abort or time-out: the caller tells which).
async fn read_body(
    response: &Response,
    limit: usize,
    controller: &AbortController,
) -> Result<String, Option<ApiError>> {
    let too_large = |bytes: u64| ApiError::TooLarge {
        bytes,
        limit: limit as u64,
    };
    let announced = response
        .headers()
        .get("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(bytes) = announced.filter(|&b| b > limit as u64) {
        controller.abort();
        return Err(Some(too_large(bytes)));
    }
    // The bytes, not `text()`: one copy into wasm memory instead of a JS string that is then
    // re-encoded character by character (the slower half of loading a 40 MB answer).
    let bytes = response.binary().await.map_err(|_| None)?;
    if bytes.len() > limit {
        return Err(Some(too_large(bytes.len() as u64)));
    }
    Ok(utf8_lossy(bytes))
}

/// The body as text, invalid UTF-8 replaced by U+FFFD (as `Response.text()` does); no copy when
/// it is valid.
fn utf8_lossy(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::utf8_lossy;

    #[test]
    fn bodies_decode_as_utf8_with_replacement() {
        assert_eq!(
            utf8_lossy("<response>Zoë</response>".into()),
            "<response>Zoë</response>"
        );
        assert_eq!(utf8_lossy(b"<a>\xff</a>".to_vec()), "<a>\u{fffd}</a>");
        assert_eq!(utf8_lossy(Vec::new()), "");
    }
}
